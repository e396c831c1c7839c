/* duty: a department's periodic duties (rules.h struct duty_def) — which of
 * their periods ended between two instants, how many records each needed
 * and how many it had. Pure: the caller loads the records and books the
 * periods that were missed.
 *
 * Shapes of a duty:
 * - every="P1D" times="N": each working day (calendar.h), 00:00–24:00 KST,
 *   needs N records;
 * - every="P1W" / "P1M" / "P1Y": each calendar week (Monday first), month or
 *   year (KST) needs N records;
 * - within="P3M" after="EVENT": each EVENT record at t needs a record in
 *   [t, end of the day t + 3 months] (Civil Act art. 160: a period in
 *   months ends on the day before the corresponding day — we allow that
 *   day as well, the more lenient reading; a missing day is the month's
 *   last day).
 * A period counts when it starts at or after `since` (the day the duty came
 * into force), and is judged when it has ended. */
#ifndef CHARTER_DUTY_H
#define CHARTER_DUTY_H
#include <stddef.h>
#include <time.h>
#include "calendar.h"
#include "rules.h"

enum duty_shape { DUTY_WORKING_DAYS, DUTY_WEEKS, DUTY_MONTHS, DUTY_YEARS, DUTY_WITHIN };

struct duty_plan {
	enum duty_shape	 shape;
	unsigned	 times;		/* records needed per period (>= 1) */
	unsigned	 within_months, within_days;	/* DUTY_WITHIN */
};

struct duty_period {
	time_t		 start, end;	/* [start, end), UTC */
	unsigned	 expected, done;
};

/* The plan of a duty definition. 0, or -1 when the duty has a shape this
 * module cannot count (why says which). */
int	 duty_plan(const struct duty_def *, struct duty_plan *out, char *why, size_t whylen);

/* The periods of the plan that end in (from, to] and start at or after
 * since (the start of the day the duty came into force), in the order of
 * their ends, each with the number of records in it: `done` holds the
 * instants of the duty's own records, `trig` those of its `after` event
 * (DUTY_WITHIN only), both sorted ascending. Writes at most max periods
 * and returns how many; when it returns max, call again with from = the
 * last period's end. */
size_t	 duty_periods(const struct calendar *, const struct duty_plan *, time_t since,
	    time_t from, time_t to, const time_t *done, size_t ndone,
	    const time_t *trig, size_t ntrig, struct duty_period *out, size_t max);

/* 1 if the period was missed (fewer records than expected). */
int	 duty_missed(const struct duty_period *);

/* Calendar helpers (KST): the day number of year/month/day and back. */
int32_t	 duty_civil_day(int y, unsigned m, unsigned d);
void	 duty_civil(int32_t day, int *y, unsigned *m, unsigned *d);

#endif
