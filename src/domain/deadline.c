/* deadline: processing periods as the law counts them (deadline.h;
 * ../shared/spec/deadlines.md). A period is counted either in days (a number
 * of working days, or of calendar days for weeks, months and years) or in
 * time (working seconds, or elapsed seconds on the calendar clock). Pauses
 * are few: each count runs in segments between them, each segment one
 * closed-form calendar operation. */
#include <stdint.h>
#include <string.h>
#include "deadline.h"

#define DAY_SECS	86400
#define COMPONENT_MAX	1000000		/* as duration_parse bounds them */
#define DAYS_MAX	4000000		/* a count of days at most (~11,000 years) */
/* Instants accepted: 1900-01-01 to 3000-01-01 (UTC), far from overflow. */
#define T_MIN		((time_t)-2208988800LL)
#define T_MAX		((time_t)32503680000LL)

int
dl_clock_parse(const char *s, enum dl_clock *out)
{
	if (s == NULL || *s == '\0' || strcmp(s, "working-hours") == 0)
		*out = DL_WORKING_HOURS;
	else if (strcmp(s, "working-days") == 0)
		*out = DL_WORKING_DAYS;
	else if (strcmp(s, "calendar") == 0)
		*out = DL_CALENDAR;
	else
		return -1;
	return 0;
}

const char *
dl_clock_name(enum dl_clock c)
{
	switch (c) {
	case DL_CALENDAR:
		return "calendar";
	case DL_WORKING_DAYS:
		return "working-days";
	case DL_WORKING_HOURS:
	default:
		return "working-hours";
	}
}

int
dl_period_parse(const char *target, const char *clock, struct dl_period *out)
{
	struct dl_period p;

	if (duration_parse(target, &p.d) != 0 || dl_clock_parse(clock, &p.clock) != 0)
		return -1;
	*out = p;
	return 0;
}

int
dl_period_statutory(unsigned value, const char *unit, struct dl_period *out)
{
	struct dl_period p;

	if (value == 0 || value > COMPONENT_MAX || unit == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	if (strcmp(unit, "hours") == 0) {
		p.d.hours = value;	/* 3 hours is "immediately" (Decree art. 19) */
		p.clock = DL_WORKING_HOURS;
	} else if (strcmp(unit, "days") == 0) {
		p.d.days = value;
		p.clock = DL_WORKING_DAYS;
	} else
		return -1;
	*out = p;
	return 0;
}

static int
has_date(const struct duration *d)
{
	return d->years || d->months || d->weeks || d->days;
}

static int
has_time(const struct duration *d)
{
	return d->hours || d->minutes || d->seconds;
}

int
dl_counts_days(const struct dl_period *p)
{
	const struct duration *d = &p->d;

	return p->clock == DL_WORKING_DAYS &&
	    (d->years || d->months || d->weeks || d->days >= 6);
}

/* ---- civil dates (Asia/Seoul day numbers) --------------------------------- */

static int64_t
fdiv(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

static int
days_in_month(int64_t y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : dim[m - 1];
}

/* The day `months` months after day, the day of the month kept; when that
 * month is shorter, *missing is set and the month's last day returned. */
static int64_t
add_months(int64_t day, int64_t months, int *missing)
{
	int64_t	 y, mi;
	int	 m, d, dim;

	cal_civil_from_day(day, &y, &m, &d);
	mi = (int64_t)m - 1 + months;
	y += fdiv(mi, 12);
	m = (int)(mi - 12 * fdiv(mi, 12)) + 1;
	dim = days_in_month(y, m);
	*missing = d > dim;
	return cal_civil_day(y, m, *missing ? dim : d);
}

/* ---- counting --------------------------------------------------------------- */

/* How one count advances: in working days or calendar days (days mode), in
 * working seconds or elapsed seconds (time mode). */
struct counter {
	const struct calendar *cal;
	int	 working;
};

/* Counts n days from day d0 (d0 the first when it counts), every day of a
 * pause (its first to its last, both included) skipped. 0 with *last the
 * n-th counted day; 1 when an open pause begins before the count is done. */
static int
count_days(const struct counter *k, int32_t d0, int64_t n,
    const struct dl_pause *ps, size_t nps, int32_t *last)
{
	int64_t	 cur = d0, avail;
	size_t	 i;

	for (i = 0; i < nps; i++) {
		int64_t	 pa = cal_day(ps[i].from), pb = ps[i].to ? cal_day(ps[i].to) : 0;

		if (ps[i].to != 0 && pb < cur)
			continue;	/* before the count (or inside an earlier pause) */
		if (pa > cur) {
			avail = k->working ? cal_working_days_between(k->cal,
			    (int32_t)cur, (int32_t)pa) : pa - cur;
			if (avail >= n)
				break;
			n -= avail;
		}
		if (ps[i].to == 0)
			return 1;
		cur = pb + 1 > cur ? pb + 1 : cur;
	}
	*last = k->working ? cal_nth_working_day(k->cal, (int32_t)cur, n) :
	    (int32_t)(cur + n - 1);
	return 0;
}

/* A last day that is not a working day, or lies in a pause, moves to the
 * next working day outside the pauses. 0, or 1 into an open pause. */
static int
move_to_working(const struct calendar *cal, int32_t *last,
    const struct dl_pause *ps, size_t nps)
{
	size_t	 i;
	int	 moved = 1;

	while (moved) {
		moved = 0;
		*last = cal_next_working_day(cal, *last);
		for (i = 0; i < nps; i++) {
			int32_t	 pa = cal_day(ps[i].from);

			if (pa > *last || (ps[i].to != 0 && cal_day(ps[i].to) < *last))
				continue;
			if (ps[i].to == 0)
				return 1;
			*last = cal_day(ps[i].to) + 1;
			moved = 1;
		}
	}
	return 0;
}

static int64_t
time_between(const struct counter *k, time_t a, time_t b)
{
	if (k->working)
		return cal_working_secs_between(k->cal, a, b);
	return b > a ? (int64_t)b - a : 0;
}

static time_t
time_add(const struct counter *k, time_t t, int64_t secs)
{
	return k->working ? cal_add_working_secs(k->cal, t, secs) : t + secs;
}

/* Counts secs from start, the time between each pause's instants not
 * counted. 0 with *due; 1 when an open pause begins before the count ends. */
static int
count_time(const struct counter *k, time_t start, int64_t secs,
    const struct dl_pause *ps, size_t nps, time_t *due)
{
	time_t	 cur = start;
	size_t	 i;

	for (i = 0; i < nps; i++) {
		if (ps[i].to != 0 && ps[i].to <= cur)
			continue;
		if (ps[i].from > cur) {
			int64_t avail = time_between(k, cur, ps[i].from);

			if (avail >= secs)
				break;	/* ran out before (or as) the pause began */
			secs -= avail;
		}
		if (ps[i].to == 0)
			return 1;
		cur = ps[i].to;
	}
	*due = time_add(k, cur, secs);
	return 0;
}

/* ---- the periods -------------------------------------------------------------- */

static int
valid_input(const struct dl_period *p, time_t start, const struct dl_pause *ps,
    size_t nps)
{
	const struct duration *d = &p->d;
	size_t	 i;

	if (duration_is_zero(d) || d->years > COMPONENT_MAX || d->months > COMPONENT_MAX ||
	    d->weeks > COMPONENT_MAX || d->days > COMPONENT_MAX ||
	    d->hours > COMPONENT_MAX || d->minutes > COMPONENT_MAX ||
	    d->seconds > COMPONENT_MAX || start < T_MIN || start > T_MAX)
		return 0;
	for (i = 0; i < nps; i++)
		if (ps[i].from < T_MIN || ps[i].from > T_MAX ||
		    (ps[i].to != 0 && (ps[i].to < ps[i].from || ps[i].to > T_MAX)) ||
		    (i > 0 && ps[i].from < ps[i - 1].from))
			return 0;	/* out of range, reversed, or not sorted */
	return 1;
}

/* Working seconds of a period on a working clock: a day is the calendar's
 * working day (8 h), a week five of them. */
static int64_t
working_secs(const struct calendar *cal, const struct duration *d)
{
	return ((int64_t)d->weeks * 5 + d->days) * cal->day_secs +
	    (int64_t)d->hours * 3600 + (int64_t)d->minutes * 60 + d->seconds;
}

/* Elapsed seconds of a period on the calendar clock: years and months by the
 * calendar at the same local time (a day the month lacks is its last day),
 * then weeks, days and time as fixed lengths. */
static int64_t
elapsed_secs(time_t start, const struct duration *d)
{
	int32_t	 d0 = cal_day(start);
	int64_t	 tod = (int64_t)start - cal_day_start(d0), end;
	int	 missing;

	end = (int64_t)cal_day_start((int32_t)add_months(d0,
	    (int64_t)d->years * 12 + d->months, &missing)) + tod;
	end += ((int64_t)d->weeks * 7 + d->days) * DAY_SECS +
	    (int64_t)d->hours * 3600 + (int64_t)d->minutes * 60 + d->seconds;
	return end - start;
}

/* Calendar days of a period in weeks, months and years counted from day d0,
 * d0 included (Civil Act arts. 159–161 with the Act's first-day rule): the
 * period ends the day before the day corresponding to d0 in the last month
 * (art. 160(2)); when that month has no such day (1 month from 01-31), it
 * ends on the month's last day (art. 160(3)). Weeks and days are then added
 * as 7 and 1 calendar days (1 week from a Monday ends on Sunday). */
static int64_t
calendar_days(int32_t d0, const struct duration *d)
{
	int	 missing;
	int64_t	 end = add_months(d0, (int64_t)d->years * 12 + d->months, &missing);

	if (missing)
		end++;	/* the month's last day is the last day: end after it */
	return end + (int64_t)d->weeks * 7 + d->days - d0;
}

/* Periods on the working-days clock counted in days. */
static int
due_in_days(const struct calendar *cal, time_t start, const struct duration *d,
    const struct dl_pause *ps, size_t nps, time_t *due)
{
	struct counter k = { cal, 1 };
	int32_t	 last, d0 = cal_day(start);
	int	 rc;

	if (d->years || d->months || d->weeks) {
		k.working = 0;
		rc = count_days(&k, d0, calendar_days(d0, d), ps, nps, &last);
		if (rc == 0)
			rc = move_to_working(cal, &last, ps, nps);
	} else
		rc = count_days(&k, d0, d->days, ps, nps, &last);
	if (rc == 0)
		*due = cal_day_start(last + 1);	/* the end (24:00) of the last day */
	return rc;
}

int
deadline_due(const struct calendar *cal, time_t start, const struct dl_period *p,
    const struct dl_pause *pauses, size_t npauses, time_t *due)
{
	const struct duration *d = &p->d;
	struct counter k = { cal, 1 };
	int64_t	 secs;

	if (!valid_input(p, start, pauses, npauses))
		return -1;
	switch (p->clock) {
	case DL_CALENDAR:
		k.working = 0;
		secs = elapsed_secs(start, d);
		break;
	case DL_WORKING_HOURS:
		if (d->years || d->months)
			return -1;	/* a month has no fixed working length */
		secs = working_secs(cal, d);
		break;
	case DL_WORKING_DAYS:
		if (has_date(d) && has_time(d))
			return -1;	/* days and hours mixed */
		if (dl_counts_days(p))
			return due_in_days(cal, start, d, pauses, npauses, due);
		/* 5 days or less: in working hours from receipt (Act art. 19(1)). */
		secs = working_secs(cal, d);
		break;
	default:
		return -1;
	}
	if (k.working && secs / cal->day_secs > DAYS_MAX)
		return -1;
	return count_time(&k, start, secs, pauses, npauses, due);
}

int
deadline_extension_limit(const struct calendar *cal, time_t original_due,
    const struct dl_period *p, time_t *limit)
{
	/* The original period counted again from the original due instant: for
	 * days, the first day is the one after the original last day (its next
	 * working day for working days); for time, from that instant. */
	return deadline_due(cal, original_due, p, NULL, 0, limit) == 0 ? 0 : -1;
}
