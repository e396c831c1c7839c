/* feed_cli: `charterctl feed import FILE|URL` and `charterctl feed pull`. */
#ifndef CHARTER_FEED_CLI_H
#define CHARTER_FEED_CLI_H
struct conf;
struct db;
/* argv[0] is "feed". Returns the exit status (0, 1 on any failure, 2 usage). */
int	 feed_cli(struct db *, const struct conf *, int argc, char **argv);
#endif
