/* holfile: the lines of a holidays file, where each new date goes, and the
 * text written back with them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "holfile.h"
#include "util/buf.h"

#define JOIN	"\xc2\xb7"	/* "·": the names of one date */

enum kind { L_OTHER, L_BLANK, L_YEARHEAD, L_DATA, L_YEARS };

struct line {
	const char	*p;
	size_t		 len;		/* with its line end, if it has one */
	enum kind	 kind;
	int32_t		 day;		/* L_DATA */
	int64_t		 year;		/* L_DATA */
	char		 name[64];	/* L_DATA */
};

/* Where a new holiday goes: after line `after` (-1: before the first);
 * opens: the first line of a year the file does not list yet. */
struct place {
	long	 after;
	int	 opens;
};

static size_t
blanks(const char *s, size_t len)
{
	size_t	 i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num(const char *s, size_t n)
{
	int	 v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A data line's date and name (the text after the date, blanks trimmed). */
static void
data_line(struct line *l, const char *s, size_t len)
{
	size_t	 i = 10, e = len;

	l->kind = L_DATA;
	l->year = num(s, 4);
	l->day = (int32_t)cal_civil_day(l->year, num(s + 5, 2), num(s + 8, 2));
	i += blanks(s + i, len - i);
	while (e > i && strchr(" \t\r\n", s[e - 1]))
		e--;
	snprintf(l->name, sizeof(l->name), "%.*s", (int)(e - i), s + i);
}

/* What line l is (the file was accepted by calendar_parse). */
static void
classify(struct line *l)
{
	size_t	 b = blanks(l->p, l->len), len = l->len - b;
	const char *s = l->p + b;

	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	if (len == 0)
		l->kind = L_BLANK;
	else if (s[0] == '#')
		l->kind = len >= 6 && s[1] == ' ' && digits(s + 2, 4) ? L_YEARHEAD : L_OTHER;
	else if (len >= 5 && memcmp(s, "years", 5) == 0)
		l->kind = L_YEARS;
	else if (len >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2))
		data_line(l, s, len);
	else
		l->kind = L_OTHER;
}

/* The text's lines (each with its line end) into *out. Their number, or -1. */
static long
split(const char *text, struct line **out)
{
	struct line *v = NULL;
	size_t	 n = 0, cap = 0;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t	 len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (n == cap) {
			struct line *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*v));
			if (nv == NULL) {
				free(v);
				return -1;
			}
			v = nv;
		}
		memset(&v[n], 0, sizeof(v[n]));
		v[n].p = p;
		v[n].len = len;
		classify(&v[n++]);
		p += len;
	}
	*out = v;
	return (long)n;
}

/* The "years" line's range into y (0 0 when there is none); its index. */
static long
years_of(const struct line *l, long n, int32_t y[2])
{
	for (long i = 0; i < n; i++)
		if (l[i].kind == L_YEARS) {
			size_t b = blanks(l[i].p, l[i].len) + 5;
			b += blanks(l[i].p + b, l[i].len - b);
			y[0] = num(l[i].p + b, 4);
			y[1] = num(l[i].p + b + 5, 4);
			return i;
		}
	y[0] = y[1] = 0;
	return -1;
}

/* The line listing day, or -1. */
static long
find_day(const struct line *l, long n, int32_t day)
{
	for (long i = 0; i < n; i++)
		if (l[i].kind == L_DATA && l[i].day == day)
			return i;
	return -1;
}

/* A year the file does not list: after the last date of an earlier year;
 * else before the first date, above the "# YYYY" heading over it; else at
 * the end. */
static long
new_year_place(const struct line *l, long n, int64_t year)
{
	long	 last = -1, first = -1;

	for (long i = 0; i < n; i++)
		if (l[i].kind == L_DATA) {
			if (first < 0)
				first = i;
			if (l[i].year < year)
				last = i;
		}
	if (last >= 0)
		return last;
	if (first < 0)
		return n - 1;
	while (first > 0 && l[first - 1].kind == L_YEARHEAD)
		first--;
	return first - 1;
}

/* Where a new date of a year goes: after the last earlier date of its year,
 * or just before the first of its year. */
static struct place
place_of(const struct line *l, long n, int32_t day, int64_t year)
{
	struct place pl = { -1, 0 };
	long	 first = -1;

	for (long i = 0; i < n; i++) {
		if (l[i].kind != L_DATA || l[i].year != year)
			continue;
		if (first < 0)
			first = i;
		if (l[i].day < day)
			pl.after = i;
	}
	if (first < 0) {
		pl.after = new_year_place(l, n, year);
		pl.opens = 1;
	} else if (pl.after < 0)
		pl.after = first - 1;
	return pl;
}

/* 1 if part (len bytes) is one of the "·"-joined names of joined. */
static int
has_part(const char *joined, const char *part, size_t len)
{
	const char *p = joined, *e;

	for (;; p = e + strlen(JOIN)) {
		size_t	 n = (e = strstr(p, JOIN)) ? (size_t)(e - p) : strlen(p);
		if (n == len && memcmp(p, part, len) == 0)
			return 1;
		if (e == NULL)
			return 0;
	}
}

/* 1 when every "·"-joined name of name is one of listed's. */
static int
same_names(const char *listed, const char *name)
{
	const char *p = name, *e;

	for (;; p = e + strlen(JOIN)) {
		size_t	 n = (e = strstr(p, JOIN)) ? (size_t)(e - p) : strlen(p);
		if (!has_part(listed, p, n))
			return 0;
		if (e == NULL)
			return 1;
	}
}

static int64_t
year_of_day(int32_t day)
{
	int64_t	 y;
	int	 m, d;

	cal_civil_from_day(day, &y, &m, &d);
	return y;
}

/* Decides each holiday's change, and where the added ones go. */
static void
decide(const struct line *l, long n, const struct cal_holiday *add, size_t nadd,
    struct holfile_result *res, struct place *pl)
{
	int64_t	 opened = 0;

	for (size_t i = 0; i < nadd; i++) {
		struct holfile_change *c = &res->ch[res->n++];
		long	 at = find_day(l, n, add[i].day);
		int64_t	 y = year_of_day(add[i].day);

		c->day = add[i].day;
		snprintf(c->name, sizeof(c->name), "%s", add[i].name);
		if (at >= 0) {
			snprintf(c->listed, sizeof(c->listed), "%s", l[at].name);
			c->what = same_names(l[at].name, add[i].name) ? HF_LISTED : HF_KEPT;
			continue;
		}
		c->what = HF_ADDED;
		res->added++;
		pl[i] = place_of(l, n, add[i].day, y);
		if (pl[i].opens && opened == y)
			pl[i].opens = 0;	/* its year's heading came with an earlier one */
		if (pl[i].opens)
			opened = y;
	}
}

/* The text of one added holiday (its heading first when it opens a year). */
static int
put_added(struct buf *out, const struct cal_holiday *h, int opens)
{
	int64_t	 y;
	int	 m, d;

	cal_civil_from_day(h->day, &y, &m, &d);
	if (out->len > 0 && out->data[out->len - 1] != '\n' && buf_puts(out, "\n") == -1)
		return -1;	/* the file's last line had no line end */
	if (opens && out->len > 0 && !(out->len >= 2 && out->data[out->len - 2] == '\n') &&
	    buf_puts(out, "\n") == -1)
		return -1;	/* a blank line above a new year */
	if (opens && buf_printf(out, "# %04lld (imported from 한국천문연구원 특일 정보)\n",
	    (long long)y) == -1)
		return -1;
	return buf_printf(out, "%04lld-%02d-%02d %s\n", (long long)y, m, d, h->name);
}

/* The added holidays that go after line i; a blank line below a new year
 * when a line other than a blank one follows. */
static int
put_after(struct buf *out, const struct line *l, long n, long i,
    const struct cal_holiday *add, const struct holfile_result *res,
    const struct place *pl)
{
	int	 opened = 0;

	for (size_t k = 0; k < res->n; k++) {
		if (res->ch[k].what != HF_ADDED || pl[k].after != i)
			continue;
		if (put_added(out, &add[k], pl[k].opens) == -1)
			return -1;
		opened |= pl[k].opens;
	}
	if (opened && i + 1 < n && l[i + 1].kind != L_BLANK && buf_puts(out, "\n") == -1)
		return -1;
	return 0;
}

/* The "years" line widened to take in whole_year, with the old line end. */
static int
put_years(struct buf *out, const struct line *l, const struct holfile_result *res)
{
	const char *end = l->len >= 2 && l->p[l->len - 2] == '\r' ? "\r\n" :
	    l->p[l->len - 1] == '\n' ? "\n" : "";

	return buf_printf(out, "years %04d-%04d%s", (int)res->years[0], (int)res->years[1], end);
}

/* Widens the years line (yi: its index, -1: none) to take in whole_year. */
static void
widen(struct holfile_result *res, long yi, int whole_year)
{
	if (yi < 0 || whole_year == 0)
		return;
	if (whole_year < res->years[0]) {
		res->years[0] = whole_year;
		res->years_changed = 1;
	}
	if (whole_year > res->years[1]) {
		res->years[1] = whole_year;
		res->years_changed = 1;
	}
}

/* Writes the lines with the added holidays and the years line. */
static int
emit(struct buf *out, const struct line *l, long n, long yi,
    const struct cal_holiday *add, const struct holfile_result *res,
    const struct place *pl)
{
	if (put_after(out, l, n, -1, add, res, pl) == -1)
		return -1;
	for (long i = 0; i < n; i++) {
		int rc = i == yi && res->years_changed ? put_years(out, &l[i], res) :
		    buf_append(out, l[i].p, l[i].len);
		if (rc == -1 || put_after(out, l, n, i, add, res, pl) == -1)
			return -1;
	}
	return 0;
}

int
holfile_merge(const char *text, const struct cal_holiday *add, size_t nadd,
    int whole_year, struct buf *out, struct holfile_result *res)
{
	struct line *l = NULL;
	struct place *pl = NULL;
	long	 n, yi;
	int	 rc = -1;

	memset(res, 0, sizeof(*res));
	if ((n = split(text, &l)) < 0 ||
	    (res->ch = calloc(nadd ? nadd : 1, sizeof(*res->ch))) == NULL ||
	    (pl = calloc(nadd ? nadd : 1, sizeof(*pl))) == NULL)
		goto out;
	yi = years_of(l, n, res->years);
	widen(res, yi, whole_year);
	decide(l, n, add, nadd, res, pl);
	rc = emit(out, l, n, yi, add, res, pl);
out:
	free(l);
	free(pl);
	return rc;
}

void
holfile_result_free(struct holfile_result *res)
{
	free(res->ch);
	res->ch = NULL;
	res->n = res->added = 0;
}
