/* duty: which periods of a periodic duty ended, and whether each was done. */
#include <stdio.h>
#include <string.h>
#include "duration.h"
#include "duty.h"

int32_t
duty_civil_day(int y, unsigned m, unsigned d)
{
	/* days_from_civil (H. Hinnant, "chrono-compatible low-level date algorithms") */
	int	 era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void
duty_civil(int32_t day, int *y, unsigned *m, unsigned *d)
{
	int	 z = day + 719468, era;
	unsigned doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

/* The day `months` months after day (the same day of the month, or the
 * month's last day when it has no such day). */
static int32_t
add_months(int32_t day, unsigned months)
{
	int	 y;
	unsigned m, d, len, mm;
	int32_t	 first, next;

	duty_civil(day, &y, &m, &d);
	mm = m - 1 + months;
	y += (int)(mm / 12);
	m = mm % 12 + 1;
	first = duty_civil_day(y, m, 1);
	next = m == 12 ? duty_civil_day(y + 1, 1, 1) : duty_civil_day(y, m + 1, 1);
	len = (unsigned)(next - first);
	return first + (int32_t)(d < len ? d : len) - 1;
}

int
duty_plan(const struct duty_def *def, struct duty_plan *out, char *why, size_t whylen)
{
	struct duration d;
	const char *s = def->every[0] ? def->every : def->within;

	memset(out, 0, sizeof(*out));
	out->times = def->times ? def->times : 1;
	if (duration_parse(s, &d) == -1 || duration_is_zero(&d)) {
		snprintf(why, whylen, "duty %s: no period (every or within) to count", def->id);
		return -1;
	}
	if (d.hours || d.minutes || d.seconds) {
		snprintf(why, whylen, "duty %s: %s: periods shorter than a day are not counted",
		    def->id, s);
		return -1;
	}
	if (!def->every[0]) {
		if (!def->after[0]) {
			snprintf(why, whylen, "duty %s: within %s after nothing", def->id, s);
			return -1;
		}
		out->shape = DUTY_WITHIN;
		out->within_months = d.years * 12 + d.months;
		out->within_days = d.weeks * 7 + d.days;
		return 0;
	}
	if ((d.days != 0) + (d.weeks != 0) + (d.months != 0) + (d.years != 0) != 1 ||
	    (d.days != 1 && d.weeks + d.months + d.years != 1)) {
		snprintf(why, whylen, "duty %s: every %s: only one day, week, month or year"
		    " is counted", def->id, s);
		return -1;
	}
	out->shape = d.days ? DUTY_WORKING_DAYS : d.weeks ? DUTY_WEEKS :
	    d.months ? DUTY_MONTHS : DUTY_YEARS;
	return 0;
}

/* First index of a sorted array whose value is >= t. */
static size_t
lower(const time_t *a, size_t n, time_t t)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (a[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static unsigned
count_in(const time_t *a, size_t n, time_t start, time_t end)
{
	return (unsigned)(lower(a, n, end) - lower(a, n, start));
}

/* The first day of the period holding day, and the first day after it. */
static int32_t
period_of(enum duty_shape shape, int32_t day, int32_t *next)
{
	int	 y;
	unsigned m, d;
	int32_t	 first;

	switch (shape) {
	case DUTY_WEEKS:
		first = day - cal_weekday(day);
		*next = first + 7;
		return first;
	case DUTY_MONTHS:
		duty_civil(day, &y, &m, &d);
		first = duty_civil_day(y, m, 1);
		*next = add_months(first, 1);
		return first;
	case DUTY_YEARS:
		duty_civil(day, &y, &m, &d);
		*next = duty_civil_day(y + 1, 1, 1);
		return duty_civil_day(y, 1, 1);
	default:
		*next = day + 1;
		return day;
	}
}

static size_t
every_periods(const struct calendar *cal, const struct duty_plan *p, time_t since,
    time_t from, time_t to, const time_t *done, size_t ndone,
    struct duty_period *out, size_t max)
{
	int32_t	 first, next;
	size_t	 n = 0;

	/* The first period starting at or after since, or holding from. */
	first = period_of(p->shape, cal_day(since), &next);
	if (cal_day_start(first) < since)
		first = next;
	if (from > since) {
		int32_t f = period_of(p->shape, cal_day(from), &next);
		if (f > first)
			first = f;
	}
	for (; n < max; first = next) {
		period_of(p->shape, first, &next);
		if (cal_day_start(next) > to)
			break;
		if (cal_day_start(next) <= from)
			continue;
		if (p->shape == DUTY_WORKING_DAYS && !cal_is_working_day(cal, first))
			continue;
		out[n].start = cal_day_start(first);
		out[n].end = cal_day_start(next);
		out[n].expected = p->times;
		out[n].done = count_in(done, ndone, out[n].start, out[n].end);
		n++;
	}
	return n;
}

static size_t
within_periods(const struct duty_plan *p, time_t since, time_t from, time_t to,
    const time_t *done, size_t ndone, const time_t *trig, size_t ntrig,
    struct duty_period *out, size_t max)
{
	size_t	 i, n = 0;
	time_t	 end;

	for (i = lower(trig, ntrig, since); i < ntrig && n < max; i++) {
		end = cal_day_start(add_months(cal_day(trig[i]), p->within_months) +
		    (int32_t)p->within_days + 1);
		if (end > to)
			break;		/* ends are in the order of the triggers */
		if (end <= from)
			continue;
		out[n].start = trig[i];
		out[n].end = end;
		out[n].expected = p->times;
		out[n].done = count_in(done, ndone, trig[i], end);
		n++;
	}
	return n;
}

size_t
duty_periods(const struct calendar *cal, const struct duty_plan *p, time_t since,
    time_t from, time_t to, const time_t *done, size_t ndone,
    const time_t *trig, size_t ntrig, struct duty_period *out, size_t max)
{
	if (to <= from || max == 0)
		return 0;
	if (p->shape == DUTY_WITHIN)
		return within_periods(p, since, from, to, done, ndone, trig, ntrig, out, max);
	return every_periods(cal, p, since, from, to, done, ndone, out, max);
}

int
duty_missed(const struct duty_period *p)
{
	return p->done < p->expected;
}
