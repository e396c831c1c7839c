/* timefmt: times are kept in UTC and shown in Asia/Seoul (UTC+9, no DST
 * since 1988). Pure. */
#ifndef CHARTER_TIMEFMT_H
#define CHARTER_TIMEFMT_H
#include <time.h>

/* "2026-11-23T02:31:00Z" */
void	 time_iso_utc(time_t, char out[32]);
/* ISO 8601 with the Asia/Seoul offset: "2026-11-23T11:31:00+09:00" */
void	 time_iso_kst(time_t, char out[32]);
/* "2026-11-23 11:31 KST" */
void	 time_kst(time_t, char out[32]);
/* RFC 9110 §5.6.7 IMF-fixdate: "Mon, 23 Nov 2026 02:31:00 GMT" */
void	 time_http(time_t, char out[40]);
/* Parses an IMF-fixdate; -1 if it is not one. */
time_t	 time_http_parse(const char *);
/* Parses ISO 8601 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" (fractions
 * dropped, an offset required: without one the instant is ambiguous), any
 * year 0000-9999, into *out: 0, or -1 if it is not one. Whether the instant
 * is one the program takes is instant_check's (domain/instant.h). */
int	 time_iso_read(const char *, time_t *out);
/* The same, for instants from 1970 on: the instant, or -1. */
time_t	 time_iso_parse(const char *);

#endif
