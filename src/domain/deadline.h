/* deadline: processing periods counted as the law counts them
 * (../shared/spec/deadlines.md, Act art. 19, Decree arts. 19–21). Pure.
 *
 * - clock "working-days" (statutory periods, periods in days): a period of
 *   5 days or less is counted in working hours from receipt (1 day = the
 *   calendar's day_secs, 8 h); 6 days or more in working days, the first
 *   working day on or after receipt counted as day 1, due at the end (24:00
 *   KST) of the last counted day; weeks, months and years by the calendar
 *   (Civil Act arts. 159–161: first day included, expiry at the end of the
 *   last day, a last day that is not a working day moves to the next
 *   working day's end).
 * - clock "working-hours": hours, minutes and seconds of working time from
 *   the next working instant (days count as 8 h).
 * - clock "calendar": elapsed time.
 * - "immediate" (즉시) is PT3H on working hours (Decree art. 19); callers
 *   get it from deadline_period_statutory with unit "hours".
 *
 * Pauses (supplement requested → received, other excluded periods) are not
 * counted: for a period counted in working days, every day from the pause's
 * first day to its last, both included (Decree art. 20); for a period
 * counted in time, the working (or elapsed) time between its two instants. */
#ifndef CHARTER_DEADLINE_H
#define CHARTER_DEADLINE_H
#include <stddef.h>
#include <time.h>
#include "calendar.h"
#include "duration.h"

enum dl_clock { DL_CALENDAR, DL_WORKING_HOURS, DL_WORKING_DAYS };

struct dl_period {
	struct duration	 d;
	enum dl_clock	 clock;
};

struct dl_pause {
	time_t	 from;		/* the instant the clock stopped */
	time_t	 to;		/* the instant it restarted; 0 while stopped */
};

/* "calendar", "working-hours", "working-days"; "" or NULL is working hours
 * (a charter that names no clock means working time). 0, or -1. */
int	 dl_clock_parse(const char *s, enum dl_clock *out);
const char *dl_clock_name(enum dl_clock);
/* A charter measure's target and clock ("P7D", "working-days"). 0, or -1. */
int	 dl_period_parse(const char *target, const char *clock, struct dl_period *out);
/* A statutory period as petitions carry it: value and unit "hours" (working
 * hours; 3 is "immediately") or "days" (counted in working days). 0, or -1. */
int	 dl_period_statutory(unsigned value, const char *unit, struct dl_period *out);
/* 1 if the period is counted in whole working days (6 days or more, weeks,
 * months, years on the working-days clock), 0 if in time. */
int	 dl_counts_days(const struct dl_period *);

/* The due instant of a period starting at `start` (receipt), with the
 * pauses sorted by their start. Returns 0 with *due set; 1 when a pause is
 * still open (no due instant yet: the clock is stopped); -1 on a period
 * that cannot be counted (zero, or mixed days and hours on working-days). */
int	 deadline_due(const struct calendar *, time_t start, const struct dl_period *,
	    const struct dl_pause *pauses, size_t npauses, time_t *due);
/* The latest due instant an extension may set (Decree art. 21: once, by no
 * more than the original period): the period counted again after the
 * original due instant. 0, or -1. */
int	 deadline_extension_limit(const struct calendar *, time_t original_due,
	    const struct dl_period *, time_t *limit);

#endif
