/* instant: which instants the program takes from outside (feeds, staff
 * forms, Open311 queries, the command line) — the one range the store can
 * write and read back, and how far ahead of now a sender's or an officer's
 * clock may run (future_tolerance). Pure: now is an argument.
 *
 * The range: the store writes instants with FROM_UNIXTIME or TIMESTAMPADD
 * and reads every one back with UNIX_TIMESTAMP, and MariaDB's (10.11) stop
 * at 2038-01-19T03:14:07Z (UNIX_TIMESTAMP answers NULL after it, so moving
 * the binds to TIMESTAMPADD alone would store what cannot be read); no
 * petition of these charters is older than 2000, the lower bound. */
#ifndef CHARTER_INSTANT_H
#define CHARTER_INSTANT_H
#include <time.h>

#define INSTANT_MIN	((time_t)946652400)	/* 2000-01-01T00:00:00+09:00 */
#define INSTANT_MAX	((time_t)2147483647)	/* 2038-01-19T03:14:07Z */
#define INSTANT_MIN_ISO	"2000-01-01T00:00:00+09:00"
#define INSTANT_MAX_ISO	"2038-01-19T03:14:07Z"
#define INSTANT_ANY	(-1L)		/* ahead: a due, bounded by the range only */
#define INSTANT_WHY	128		/* room for instant_check's reason */

/* 1 when t lies in [INSTANT_MIN, INSTANT_MAX]: what the store may bind. */
int	 instant_storable(time_t t);
/* NULL when t is storable and, unless ahead is INSTANT_ANY, at most ahead
 * seconds after now; else why not, written into why ("in the future; at
 * most 5 minutes ahead of now", without the field's name) and returned. */
const char *instant_check(time_t t, time_t now, long ahead, char why[INSTANT_WHY]);
/* 1 when a period of value days (or hours) counted in working time from t
 * surely ends by INSTANT_MAX: its deadline can be stored. Conservative
 * (a working day is taken as two calendar days, plus 30 days of holidays),
 * so that it needs no calendar. */
int	 instant_period_fits(time_t t, unsigned value, int in_hours);

#endif
