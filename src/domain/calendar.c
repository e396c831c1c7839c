/* calendar: the legal working calendar (../shared/spec/deadlines.md,
 * "Working time" and "Public holidays"). Every count is closed-form on a
 * "weekday index" (the number of Mondays–Fridays since a fixed Monday) minus
 * a binary search in the sorted weekday holidays: no loop runs over days or
 * hours of the period counted. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/sha.h>
#include "calendar.h"
#include "util/utf8.h"

#define DAY_SECS	86400
#define LOAD_MAX	(1024 * 1024)	/* calendar_load: the file at most */
#define YEAR_MIN	CAL_YEAR_MIN	/* dates accepted in the data */
#define YEAR_MAX	CAL_YEAR_MAX

/* floor(a / b) for b > 0. */
static int64_t
fdiv(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Day -3 (1969-12-29) is a Monday: weekday index 0. W(day) is the number of
 * Mondays–Fridays in [-3, day). */
static int64_t
weekday_index(int64_t day)
{
	int64_t	 e = day + 3, q = fdiv(e, 7), r = e - 7 * q;

	return 5 * q + (r < 5 ? r : 5);
}

/* The day whose weekday index is w (a Monday–Friday). */
static int64_t
weekday_day(int64_t w)
{
	int64_t	 q = fdiv(w, 5);

	return 7 * q + (w - 5 * q) - 3;
}

/* Number of weekday holidays before day (lower bound). */
static size_t
wd_before(const struct calendar *c, int32_t day)
{
	size_t	 lo = 0, hi = c->nwd;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->wd_hol[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Number of weekday holidays with key <= m (upper bound): the holidays that
 * come before the working day of ordinal m. */
static size_t
wd_keys_upto(const struct calendar *c, int64_t m)
{
	size_t	 lo = 0, hi = c->nwd;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->wd_key[mid] <= m)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Working days before day (from the origin), and whether day is one. */
static int64_t
working_ordinal(const struct calendar *c, int32_t day, int *working)
{
	size_t	 i = wd_before(c, day);

	if (working != NULL)
		*working = cal_weekday(day) < 5 &&
		    !(i < c->nwd && c->wd_hol[i] == day);
	return weekday_index(day) - (int64_t)i;
}

/* The working day of ordinal m (m working days before it). */
static int32_t
working_day_of(const struct calendar *c, int64_t m)
{
	return (int32_t)weekday_day(m + (int64_t)wd_keys_upto(c, m));
}

/* Working seconds of a working day before second tod of the day. */
static int64_t
worked_in_day(const struct calendar *c, int64_t tod)
{
	int64_t	 w = 0;
	size_t	 i;

	for (i = 0; i < c->nspan && tod > c->span[i][0]; i++)
		w += (tod < c->span[i][1] ? tod : c->span[i][1]) - c->span[i][0];
	return w;
}

/* Working seconds since the origin before instant t. */
static int64_t
working_clock(const struct calendar *c, time_t t)
{
	int32_t	 d = cal_day(t);
	int	 working;
	int64_t	 w = working_ordinal(c, d, &working) * c->day_secs;

	return working ? w + worked_in_day(c, (int64_t)t - cal_day_start(d)) : w;
}

int32_t
cal_day(time_t t)
{
	return (int32_t)fdiv((int64_t)t + CAL_UTC_OFFSET, DAY_SECS);
}

time_t
cal_day_start(int32_t day)
{
	return (time_t)((int64_t)day * DAY_SECS - CAL_UTC_OFFSET);
}

int
cal_weekday(int32_t day)
{
	int64_t	 e = (int64_t)day + 3;

	return (int)(e - 7 * fdiv(e, 7));
}

const char *
cal_holiday_name(const struct calendar *c, int32_t day)
{
	size_t	 lo = 0, hi = c->nhol;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->hol[mid].day == day)
			return c->hol[mid].name;
		if (c->hol[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
cal_is_working_day(const struct calendar *c, int32_t day)
{
	int	 working;

	working_ordinal(c, day, &working);
	return working;
}

int64_t
cal_working_days_between(const struct calendar *c, int32_t from, int32_t to)
{
	if (to <= from)
		return 0;
	return working_ordinal(c, to, NULL) - working_ordinal(c, from, NULL);
}

int32_t
cal_nth_working_day(const struct calendar *c, int32_t day, int64_t n)
{
	if (n < 1)
		n = 1;
	return working_day_of(c, working_ordinal(c, day, NULL) + n - 1);
}

int32_t
cal_next_working_day(const struct calendar *c, int32_t day)
{
	return cal_nth_working_day(c, day, 1);
}

time_t
cal_next_working(const struct calendar *c, time_t t)
{
	int32_t	 d = cal_day(t);
	time_t	 start = cal_day_start(d);
	int64_t	 tod = (int64_t)t - start;
	size_t	 i;

	if (cal_is_working_day(c, d))
		for (i = 0; i < c->nspan; i++)
			if (tod < c->span[i][1])
				return tod < c->span[i][0] ? start + c->span[i][0] : t;
	return cal_day_start(cal_nth_working_day(c, d + 1, 1)) + c->span[0][0];
}

time_t
cal_add_working_secs(const struct calendar *c, time_t t, int64_t secs)
{
	int64_t	 target, m, r;
	size_t	 i;
	time_t	 start;

	if (secs <= 0)
		return cal_next_working(c, t);
	/* The earliest instant whose working clock reaches the target: on the
	 * working day of ordinal m, r seconds into its spans (0 < r <= day). */
	target = working_clock(c, t) + secs;
	m = fdiv(target - 1, c->day_secs);
	r = target - m * c->day_secs;
	start = cal_day_start(working_day_of(c, m));
	for (i = 0; i + 1 < c->nspan; i++) {
		int64_t len = c->span[i][1] - c->span[i][0];

		if (r <= len)
			break;
		r -= len;
	}
	return start + c->span[i][0] + r;
}

int64_t
cal_working_secs_between(const struct calendar *c, time_t a, time_t b)
{
	if (b <= a)
		return 0;
	return working_clock(c, b) - working_clock(c, a);
}

/* ---- data: holidays, hours, digest ---------------------------------------- */

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t
civil_day(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = fdiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_day(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	 era, doe, yoe, doy, mp;

	z += 719468;
	era = fdiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int64_t
cal_civil_day(int64_t y, int m, int d)
{
	return civil_day(y, m, d);
}

void
cal_civil_from_day(int64_t day, int64_t *y, int *m, int *d)
{
	civil_from_day(day, y, m, d);
}

/* ---- the years the data covers ------------------------------------------ */

int64_t
cal_year_of(time_t t)
{
	int64_t	 y;
	int	 m, d;

	civil_from_day(cal_day(t), &y, &m, &d);
	return y;
}

int
cal_year_covered(const struct calendar *c, int64_t y)
{
	if (y < YEAR_MIN || y > YEAR_MAX)
		return 0;
	return (c->covered[(y - YEAR_MIN) / 8] >> ((y - YEAR_MIN) % 8)) & 1;
}

int64_t
cal_uncovered_between(const struct calendar *c, time_t a, time_t b)
{
	int64_t	 y = cal_year_of(a), last = b > a ? cal_year_of(b) : y;

	for (; y <= last; y++)
		if (!cal_year_covered(c, y))
			return y;
	return 0;
}

int64_t
cal_uncovered_count(const struct calendar *c, time_t start, time_t due)
{
	if (due == 0)
		return 0;
	return cal_uncovered_between(c, start, due > start ? due - 1 : start);
}

time_t
cal_covered_until(const struct calendar *c, time_t t)
{
	int64_t	 y = cal_year_of(t);

	while (cal_year_covered(c, y))
		y++;	/* at most CAL_YEAR_MAX - CAL_YEAR_MIN + 1 years */
	return cal_day_start((int32_t)civil_day(y, 1, 1));
}

/* A year is covered when a holiday of it is listed, and it lies inside the
 * "years" line when there is one: a year that lists nothing (one missing in
 * the middle too) is not, nor one the line leaves out (a month imported
 * ahead of the rest of its year). */
static void
compute_covered(struct calendar *c)
{
	size_t	 i;

	memset(c->covered, 0, sizeof(c->covered));
	for (i = 0; i < c->nhol; i++) {
		int64_t y;
		int	 m, d;

		civil_from_day(c->hol[i].day, &y, &m, &d);
		if (c->years_first == 0 || (y >= c->years_first && y <= c->years_last))
			c->covered[(y - YEAR_MIN) / 8] |= (unsigned char)(1u << ((y - YEAR_MIN) % 8));
	}
}

/* SHA-256 of "YYYY-MM-DD NAME\n" per holiday, then "hours S-E ...\n". */
static void
compute_digest(struct calendar *c)
{
	size_t	 cap = c->nhol * (11 + sizeof(c->hol[0].name) + 1) + 16 + 12 * CAL_SPANS_MAX;
	char	*buf = malloc(cap);
	size_t	 o = 0, i;

	if (buf == NULL) {
		memset(c->digest, 0, sizeof(c->digest));	/* no memory: no cache key */
		return;
	}
	for (i = 0; i < c->nhol; i++) {
		int64_t y;
		int	 m, d;

		civil_from_day(c->hol[i].day, &y, &m, &d);
		o += (size_t)snprintf(buf + o, cap - o, "%04lld-%02d-%02d %s\n",
		    (long long)y, m, d, c->hol[i].name);
	}
	o += (size_t)snprintf(buf + o, cap - o, "hours");
	for (i = 0; i < c->nspan; i++)
		o += (size_t)snprintf(buf + o, cap - o, " %02d:%02d-%02d:%02d",
		    c->span[i][0] / 3600, c->span[i][0] / 60 % 60,
		    c->span[i][1] / 3600, c->span[i][1] / 60 % 60);
	o += (size_t)snprintf(buf + o, cap - o, "\n");
	SHA256((const unsigned char *)buf, o, c->digest);
	free(buf);
}

void
calendar_init(struct calendar *c)
{
	memset(c, 0, sizeof(*c));
	c->span[0][0] = 9 * 3600;
	c->span[0][1] = 12 * 3600;
	c->span[1][0] = 13 * 3600;
	c->span[1][1] = 18 * 3600;
	c->nspan = 2;
	c->day_secs = 8 * 3600;
	compute_digest(c);
}

void
calendar_free(struct calendar *c)
{
	free(c->hol);
	free(c->wd_hol);
	free(c->wd_key);
	c->hol = NULL;
	c->wd_hol = NULL;
	c->wd_key = NULL;
	c->nhol = c->nwd = 0;
	c->years_first = c->years_last = 0;
	memset(c->covered, 0, sizeof(c->covered));
}

/* "HH:MM" (00:00–24:00) at p, 5 characters. Seconds after midnight, or -1. */
static int32_t
parse_hhmm(const char *p)
{
	int	 h, m;

	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' || p[2] != ':' ||
	    p[3] < '0' || p[3] > '5' || p[4] < '0' || p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 3600 + m * 60;
}

int
calendar_set_hours(struct calendar *c, const char *spec)
{
	int32_t	 span[CAL_SPANS_MAX][2];
	size_t	 n = 0, i;
	const char *p = spec;

	if (spec == NULL)
		return -1;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == CAL_SPANS_MAX || strlen(p) < 11 || p[5] != '-' ||
		    (p[11] != '\0' && p[11] != ' ' && p[11] != '\t'))
			return -1;
		span[n][0] = parse_hhmm(p);
		span[n][1] = parse_hhmm(p + 6);
		if (span[n][0] < 0 || span[n][1] <= span[n][0] ||
		    (n > 0 && span[n][0] < span[n - 1][1]))
			return -1;	/* bad time, empty, unsorted or overlapping */
		n++;
		p += 11;
	}
	if (n == 0)
		return -1;
	c->nspan = n;
	c->day_secs = 0;
	for (i = 0; i < n; i++) {
		c->span[i][0] = span[i][0];
		c->span[i][1] = span[i][1];
		c->day_secs += span[i][1] - span[i][0];
	}
	compute_digest(c);
	return 0;
}

struct hol_line {
	struct cal_holiday h;
	unsigned line;
};

static int
hol_cmp(const void *a, const void *b)
{
	const struct hol_line *x = a, *y = b;

	if (x->h.day != y->h.day)
		return x->h.day < y->h.day ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One data line (without its newline, trailing blanks removed): 0, or -1
 * with the reason in why. */
static int
parse_line(const char *s, size_t len, struct cal_holiday *h, const char **why)
{
	static const char shape[] = "dddd-dd-dd";
	int64_t	 y;
	int	 m, d;
	size_t	 i, n;

	for (i = 0; i < 10; i++)
		if (i >= len || (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != '-')) {
			*why = "expected \"YYYY-MM-DD NAME\"";
			return -1;
		}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m)) {
		*why = "no such date (or a year outside 1900-2999)";
		return -1;
	}
	if (len == 10 || (s[10] != ' ' && s[10] != '\t')) {
		*why = len == 10 ? "the holiday's name is missing" :
		    "expected a space after the date";
		return -1;
	}
	for (i = 10; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	n = len - i;
	if (n == 0 || n >= sizeof(h->name)) {
		*why = n == 0 ? "the holiday's name is missing" :
		    "the holiday's name is longer than 63 bytes";
		return -1;
	}
	if (!utf8_valid(s + i, n, NULL) || utf8_has_controls(s + i, n)) {
		*why = "the holiday's name is not UTF-8 text";
		return -1;
	}
	h->day = (int32_t)civil_day(y, m, d);
	memcpy(h->name, s + i, n);
	h->name[n] = '\0';
	return 0;
}

/* "years FIRST-LAST" (trailing blanks removed): 0, or -1 with why. */
static int
parse_years(const char *s, size_t len, int32_t years[2], const char **why)
{
	int32_t	 y[2] = { 0, 0 };
	size_t	 i = 5, k;

	*why = "expected \"years FIRST-LAST\" (e.g. years 2025-2028)";
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == 5 || len - i != 9 || s[i + 4] != '-')
		return -1;
	for (k = 0; k < 9; k++) {
		if (k == 4)
			continue;
		if (s[i + k] < '0' || s[i + k] > '9')
			return -1;
		y[k > 4] = y[k > 4] * 10 + (s[i + k] - '0');
	}
	if (y[0] < YEAR_MIN || y[1] > YEAR_MAX || y[0] > y[1]) {
		*why = "the years must run from FIRST to LAST within 1900-2999";
		return -1;
	}
	years[0] = y[0];
	years[1] = y[1];
	return 0;
}

/* A "years" line (the first word alone is enough to mean one). */
static int
is_years_line(const char *s, size_t len)
{
	return len >= 5 && memcmp(s, "years", 5) == 0 &&
	    (len == 5 || s[5] == ' ' || s[5] == '\t');
}

/* The "years" line b (len bytes) into years (given once at most). */
static int
years_line(const char *b, size_t len, int32_t years[2], unsigned line,
    unsigned *seen, const char **why)
{
	if (*seen) {
		*why = "the years are given twice";
		return -1;
	}
	*seen = line;
	return parse_years(b, len, years, why);
}

/* Splits text into lines and parses the data lines into *out (malloc'd)
 * and the "years" line into years (0 0 when there is none). */
static int
parse_lines(const char *text, const char *name, struct hol_line **out,
    size_t *nout, int32_t years[2], char *err, size_t errlen)
{
	struct hol_line *v = NULL;
	size_t	 n = 0, cap = 0;
	unsigned line = 0, seen = 0;
	const char *p = text, *why;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n'), *b = p;
		size_t	 len = nl ? (size_t)(nl - p) : strlen(p);

		line++;
		p += len + (nl != NULL);
		while (len > 0 && (b[len - 1] == '\r' || b[len - 1] == ' ' ||
		    b[len - 1] == '\t'))
			len--;
		while (len > 0 && (*b == ' ' || *b == '\t'))
			b++, len--;
		if (len == 0 || *b == '#')
			continue;
		if (is_years_line(b, len)) {
			if (years_line(b, len, years, line, &seen, &why) == 0)
				continue;
			snprintf(err, errlen, "%s:%u: %s", name, line, why);
			goto err;
		}
		if (n == cap) {
			struct hol_line *nv;

			cap = cap ? cap * 2 : 128;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				snprintf(err, errlen, "%s:%u: out of memory", name, line);
				goto err;
			}
			v = nv;
		}
		if (parse_line(b, len, &v[n].h, &why) != 0) {
			snprintf(err, errlen, "%s:%u: %s", name, line, why);
			goto err;
		}
		v[n++].line = line;
	}
	*out = v;
	*nout = n;
	return 0;
err:
	free(v);
	return -1;
}

int
calendar_parse(struct calendar *c, const char *text, const char *name,
    char *err, size_t errlen)
{
	struct hol_line *v = NULL;
	struct cal_holiday *hol = NULL;
	int32_t	*wd_hol = NULL, years[2] = { 0, 0 };
	int64_t	*wd_key = NULL;
	size_t	 n, nwd = 0, i;

	if (text == NULL || parse_lines(text, name ? name : "-", &v, &n, years, err,
	    errlen) != 0)
		return -1;
	if (n > 1)
		qsort(v, n, sizeof(*v), hol_cmp);
	for (i = 1; i < n; i++)
		if (v[i].h.day == v[i - 1].h.day) {
			snprintf(err, errlen, "%s:%u: duplicate date (already on line %u)",
			    name ? name : "-", v[i].line, v[i - 1].line);
			goto err;
		}
	if (n > 0 && ((hol = malloc(n * sizeof(*hol))) == NULL ||
	    (wd_hol = malloc(n * sizeof(*wd_hol))) == NULL ||
	    (wd_key = malloc(n * sizeof(*wd_key))) == NULL)) {
		snprintf(err, errlen, "%s: out of memory", name ? name : "-");
		goto err;
	}
	for (i = 0; i < n; i++) {
		hol[i] = v[i].h;
		if (cal_weekday(hol[i].day) < 5) {
			/* Working days before this holiday: non-decreasing. */
			wd_key[nwd] = weekday_index(hol[i].day) - (int64_t)nwd;
			wd_hol[nwd++] = hol[i].day;
		}
	}
	free(v);
	calendar_free(c);
	c->hol = hol;
	c->nhol = n;
	c->wd_hol = wd_hol;
	c->wd_key = wd_key;
	c->nwd = nwd;
	c->years_first = years[0];
	c->years_last = years[1];
	compute_covered(c);
	compute_digest(c);
	return 0;
err:
	free(v);
	free(hol);
	free(wd_hol);
	free(wd_key);
	return -1;
}

int
calendar_load(struct calendar *c, const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	*text;
	size_t	 n;
	int	 rc;

	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((text = malloc(LOAD_MAX + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	n = fread(text, 1, LOAD_MAX + 1, f);
	if (ferror(f) || n > LOAD_MAX || memchr(text, '\0', n) != NULL) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ? "read error" :
		    n > LOAD_MAX ? "larger than 1 MiB" : "holds a NUL byte");
		rc = -1;
	} else {
		text[n] = '\0';
		rc = calendar_parse(c, text, path, err, errlen);
	}
	fclose(f);
	free(text);
	return rc;
}

void
calendar_digest_hex(const struct calendar *c, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	size_t	 i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[c->digest[i] >> 4];
		out[2 * i + 1] = hex[c->digest[i] & 15];
	}
	out[64] = '\0';
}
