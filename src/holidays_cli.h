/* holidays_cli: `charterctl holidays import FILE|URL [--year YYYY [--month MM]]`
 * — the public holidays of 한국천문연구원 특일 정보 (getRestDeInfo) merged
 * into the holidays file the configuration names. */
#ifndef CHARTER_HOLIDAYS_CLI_H
#define CHARTER_HOLIDAYS_CLI_H
struct conf;
/* argv[0] is "holidays". Returns the exit status (0; 1 on any failure, the
 * holidays file then unchanged byte for byte; 2 on usage). No database. */
int	 holidays_cli(const struct conf *, int argc, char **argv);
#endif
