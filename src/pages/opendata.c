/* opendata: GET /opendata/ (and /opendata/index.xml, the same document as
 * XML) — per city and department, the compliance rates (이행표준달성도),
 * times to answer, compensation, the questionnaire and page-vote
 * satisfaction, the published survey results and improvement plans, over
 * a range of months grouped by month, quarter or year. Figures come from
 * the summary tables only (stats_store.h, opendata_read.h); the charts
 * are drawn by xsl/opendata.xsl. Never a name, address, phone, e-mail,
 * title, body or officer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "opendata.h"
#include "page.h"
#include "../domain/charter.h"
#include "../domain/stats.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/charter_store.h"
#include "../store/db.h"
#include "../store/opendata_read.h"
#include "../store/stats_store.h"
#include "../util/clock.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/timefmt.h"
#include "../util/utf8.h"

#define CELL(r, row, c) (db_cell((r), (row), (c)) ? db_cell((r), (row), (c)) : "")
#define OD_SPAN_MAX	120	/* months from..to, at most */
#define OD_REFRESH	4	/* marked months a page view recomputes, at most */
#define OD_REFRESH_MAX	5000	/* ... each of at most this many petitions */
#define OD_TOP_PAGES	10
#define KST_OFFSET	(9 * 3600)	/* Asia/Seoul, no daylight saving */

static const char *const datasets[][2] = {
	{ "compliance", "이행표준달성도 (compliance)" },
	{ "satisfaction", "만족도 (satisfaction)" },
	{ "compensation", "보상 (compensation)" },
	{ "petitions", "민원 처리 현황, 익명 (petitions, anonymised)" },
};

/* Summed counts of the '*' rows (or of one standard). */
struct od_fig {
	unsigned long long applicable, met, breached, pending, na, evaluated;
	unsigned long long answered, comp_count, comp_amount, paid_count, paid_amount;
	long long	 median, p90;	/* -1: none, or not known at this level */
};

struct od_fb {
	unsigned long long responses, score_sum, kept_yes, kept_no;
};

struct od_period {
	char		 label[16];
	int		 y;
	unsigned	 m;
};

struct od_dept {
	const struct catalog_entry *e;
	size_t		 city;		/* index into cities */
	struct od_fig	 total, *per;
	struct od_fb	 fb;
};

struct od_city {
	const char	*code, *name;
	struct od_fig	 total, *per;
	struct od_fb	 fb;
};

struct od_std {
	char		 id[65];
	struct od_fig	 total;
};

struct od_vote {
	char		 page[513];
	unsigned long long votes, score_sum;
};

struct od_query {
	char		 city[33], dept[65];	/* "" when not chosen */
	enum stats_period period;
	int		 fy, ty;
	unsigned	 fm, tm;
};

struct od {
	struct req	*r;
	struct od_query	 q;
	struct od_period *per;
	size_t		 nper;
	struct od_city	*cities;
	size_t		 ncity;
	struct od_dept	*depts;
	size_t		 ndept;
	struct od_fig	*sel_per;	/* the selected department's, by period */
	struct od_std	*stds;
	size_t		 nstd, stdcap;
	struct od_vote	*votes;
	size_t		 nvote, votecap;
	struct od_fb	 vote_fb;	/* all listed pages: votes, score_sum */
	int		 oom;
};

/* ------------------------------------------------------------ query */


/* "YYYY-MM" → 0, or -1. */
static int
parse_month(const char *s, int *y, unsigned *m)
{
	int	 i;

	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = atoi(s);
	*m = (unsigned)atoi(s + 5);
	return *y >= 1970 && *m >= 1 && *m <= 12 ? 0 : -1;
}

static int
city_known(const struct catalog *c, const char *city)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->e[i].city, city))
			return 1;
	return 0;
}

static void
kst_month(time_t t, int *y, unsigned *m)
{
	struct tm tm;
	time_t	 k = t + KST_OFFSET;

	gmtime_r(&k, &tm);
	*y = tm.tm_year + 1900;
	*m = (unsigned)tm.tm_mon + 1;
}

static long
month_index(int y, unsigned m)
{
	return (long)y * 12 + (long)m - 1;
}

static void
month_of(long i, int *y, unsigned *m)
{
	*y = (int)(i / 12);
	*m = (unsigned)(i % 12) + 1;
}

/* Fills q from the query string; the problems in dg. */
static void
od_parse(const struct catalog *cat, const struct form *fm, struct od_query *q,
    struct diag *dg)
{
	const char *city, *dept, *period, *from, *to, *s;
	int	 have_from = 0, have_to = 0;
	long	 span;
	size_t	 k;

	memset(q, 0, sizeof(*q));
	q->period = SP_MONTH;
	if ((city = form_text(fm, "city", dg)) != NULL) {
		if (!charter_valid_code(city, 32) || !city_known(cat, city))
			diag_add(dg, 0, "city: not a city with a charter here (a lower-case code,"
			    " e.g. pocheon)");
		else
			snprintf(q->city, sizeof(q->city), "%s", city);
	}
	if ((dept = form_text(fm, "dept", dg)) != NULL) {
		char	 c[33] = "", d[65] = "";
		if ((s = strchr(dept, '/')) != NULL) {
			if ((size_t)(s - dept) < sizeof(c) && strlen(s + 1) < sizeof(d)) {
				memcpy(c, dept, (size_t)(s - dept));
				c[s - dept] = '\0';
				snprintf(d, sizeof(d), "%s", s + 1);
			}
		} else if (city == NULL)
			diag_add(dg, 0, "dept: give city/dept (e.g. gwangmyeong/autonomy),"
			    " or the department's code or name with city");
		else {	/* the department's code, or its name, in city */
			snprintf(c, sizeof(c), "%s", city);
			if (strlen(dept) < sizeof(d))
				snprintf(d, sizeof(d), "%s", dept);
			for (k = 0; k < cat->n; k++)
				if (!strcmp(cat->e[k].city, city) &&
				    !strcmp(cat->e[k].dept_name, dept))
					snprintf(d, sizeof(d), "%s", cat->e[k].dept);
		}
		if (c[0] == '\0' && s == NULL)
			;	/* reported above */
		else if (!charter_valid_code(c, 32) || !charter_valid_code(d, 64) ||
		    catalog_find(cat, c, d) == NULL)
			diag_add(dg, 0, "dept: no department with a charter here by that code"
			    " (city/dept, e.g. gwangmyeong/autonomy)");
		else if (city && strcmp(city, c))
			diag_add(dg, 0, "dept: the department is not in the city given by city");
		else {
			snprintf(q->city, sizeof(q->city), "%s", c);
			snprintf(q->dept, sizeof(q->dept), "%s", d);
		}
	}
	if ((period = form_text(fm, "period", dg)) != NULL &&
	    stats_period_parse(period, &q->period) == -1)
		diag_add(dg, 0, "period: expected month, quarter or year");
	if ((from = form_text(fm, "from", dg)) != NULL) {
		if (parse_month(from, &q->fy, &q->fm) == -1)
			diag_add(dg, 0, "from: expected a month as YYYY-MM (e.g. 2026-01)");
		else
			have_from = 1;
	}
	if ((to = form_text(fm, "to", dg)) != NULL) {
		if (parse_month(to, &q->ty, &q->tm) == -1)
			diag_add(dg, 0, "to: expected a month as YYYY-MM (e.g. 2026-12)");
		else
			have_to = 1;
	}
	if (!have_to)
		kst_month(clock_now(), &q->ty, &q->tm);
	if (!have_from)
		month_of(month_index(q->ty, q->tm) - 11, &q->fy, &q->fm);
	if ((have_from || have_to) && dg->n == 0) {
		span = month_index(q->ty, q->tm) - month_index(q->fy, q->fm) + 1;
		if (span < 1)
			diag_add(dg, 0, "from: must not be after to");
		else if (span > OD_SPAN_MAX)
			diag_add(dg, 0, "from, to: at most %d months apart", OD_SPAN_MAX);
	}
}

/* ------------------------------------------------------------ reading */

static void
fig_add(struct od_fig *a, const struct stats_row *r)
{
	a->applicable += r->applicable;
	a->met += r->met;
	a->breached += r->breached;
	a->pending += r->pending;
	a->na += r->na;
	a->evaluated += r->evaluated;
	a->answered += r->answered;
	a->comp_count += r->comp_count;
	a->comp_amount += r->comp_amount;
	a->paid_count += r->paid_count;
	a->paid_amount += r->paid_amount;
}

static void
fig_init(struct od_fig *f)
{
	memset(f, 0, sizeof(*f));
	f->median = f->p90 = -1;
}

static long
find_dept(const struct od *o, const char *city, const char *dept)
{
	size_t	 i;

	for (i = 0; i < o->ndept; i++)
		if (!strcmp(o->depts[i].e->city, city) && !strcmp(o->depts[i].e->dept, dept))
			return (long)i;
	return -1;
}

static long
find_period(const struct od *o, const char *label)
{
	size_t	 i;

	for (i = 0; i < o->nper; i++)
		if (!strcmp(o->per[i].label, label))
			return (long)i;
	return -1;
}

static int	 on_standard(void *, const struct stats_row *);

static int
on_compliance(void *arg, const struct stats_row *row)
{
	struct od *o = arg;
	long	 d, p;
	struct od_dept *dp;

	if (strcmp(row->standard, "*"))	/* the selected department's standards */
		return o->sel_per && !strcmp(row->city, o->q.city) &&
		    !strcmp(row->dept, o->q.dept) ? on_standard(o, row) : 0;
	if ((d = find_dept(o, row->city, row->dept)) < 0 ||
	    (p = find_period(o, row->period)) < 0)
		return 0;
	dp = &o->depts[d];
	fig_add(&dp->total, row);
	fig_add(&dp->per[p], row);
	fig_add(&o->cities[dp->city].total, row);
	fig_add(&o->cities[dp->city].per[p], row);
	if (o->sel_per && !strcmp(row->city, o->q.city) && !strcmp(row->dept, o->q.dept)) {
		fig_add(&o->sel_per[p], row);
		o->sel_per[p].median = row->median_hours;
		o->sel_per[p].p90 = row->p90_hours;
	}
	return 0;
}

static int
on_standard(void *arg, const struct stats_row *row)
{
	struct od *o = arg;
	struct od_std *s;
	size_t	 i;

	if (!strcmp(row->standard, "*") || find_period(o, row->period) < 0)
		return 0;
	for (i = 0; i < o->nstd; i++)
		if (!strcmp(o->stds[i].id, row->standard))
			break;
	if (i == o->nstd) {
		if (o->nstd == o->stdcap) {
			size_t n = o->stdcap ? o->stdcap * 2 : 16;
			struct od_std *t = realloc(o->stds, n * sizeof(*t));
			if (t == NULL) {
				o->oom = 1;
				return 1;
			}
			o->stds = t;
			o->stdcap = n;
		}
		s = &o->stds[o->nstd++];
		snprintf(s->id, sizeof(s->id), "%s", row->standard);
		fig_init(&s->total);
	}
	fig_add(&o->stds[i].total, row);
	return 0;
}

static void
fb_add(struct od_fb *a, const struct stats_feedback_row *r)
{
	a->responses += r->responses;
	a->score_sum += r->score_sum;
	a->kept_yes += r->kept_yes;
	a->kept_no += r->kept_no;
}

static int
on_feedback(void *arg, const struct stats_feedback_row *row)
{
	struct od *o = arg;
	long	 d;

	if ((d = find_dept(o, row->city, row->dept)) < 0 || find_period(o, row->period) < 0)
		return 0;
	fb_add(&o->depts[d].fb, row);
	fb_add(&o->cities[o->depts[d].city].fb, row);
	return 0;
}

/* Only the paths of this site's public pages are listed: a vote names
 * whatever path its sender typed. */
static int
page_listed(const struct catalog *cat, const char *p)
{
	char	 c[33], d[65];
	const char *s, *rest;
	size_t	 n;

	if (!strcmp(p, "/charter/") || !strcmp(p, "/opendata/") || !strcmp(p, "/board/new"))
		return 1;
	if (strncmp(p, "/charter/", 9))
		return 0;
	p += 9;
	if ((s = strchr(p, '/')) == NULL || (size_t)(s - p) >= sizeof(c))
		return 0;
	memcpy(c, p, (size_t)(s - p));
	c[s - p] = '\0';
	rest = s + 1;
	n = strcspn(rest, "/");
	if (n >= sizeof(d))
		return 0;
	memcpy(d, rest, n);
	d[n] = '\0';
	if (rest[n] != '\0' && strcmp(rest + n, "/versions"))
		return 0;
	return charter_valid_code(c, 32) && charter_valid_code(d, 64) &&
	    catalog_find(cat, c, d) != NULL;
}

static int
on_vote(void *arg, const struct stats_votes_row *row)
{
	struct od *o = arg;
	size_t	 i;

	if (find_period(o, row->period) < 0 || !page_listed(&o->r->w->cat, row->page))
		return 0;
	/* ordered by page: the same page is the last one added */
	i = o->nvote;
	if (i == 0 || strcmp(o->votes[i - 1].page, row->page)) {
		if (o->nvote == o->votecap) {
			size_t n = o->votecap ? o->votecap * 2 : 32;
			struct od_vote *t = realloc(o->votes, n * sizeof(*t));
			if (t == NULL) {
				o->oom = 1;
				return 1;
			}
			o->votes = t;
			o->votecap = n;
		}
		memset(&o->votes[i], 0, sizeof(o->votes[i]));
		snprintf(o->votes[i].page, sizeof(o->votes[i].page), "%s", row->page);
		o->nvote++;
	} else
		i--;
	o->votes[i].votes += row->votes;
	o->votes[i].score_sum += row->score_sum;
	o->vote_fb.responses += row->votes;
	o->vote_fb.score_sum += row->score_sum;
	return 0;
}

static int
bin_cmp(const void *a, const void *b)
{
	const struct stats_bin *x = a, *y = b;

	return x->hours < y->hours ? -1 : x->hours > y->hours;
}

/* Medians and 90th percentiles over the whole range, per department and
 * per city, from the summed histograms. 0 or -1. */
static int
od_percentiles(struct od *o)
{
	struct db_res res;
	struct stats_bin *bins;
	unsigned i, j, k;
	size_t	 c, nb;
	long	 d;

	if (od_answer_hours(o->r->w->db, o->q.city[0] ? o->q.city : NULL, o->q.fy, o->q.fm,
	    o->q.ty, o->q.tm, &res) < 0)
		return -1;
	if ((bins = calloc(res.nrows + 1, sizeof(*bins))) == NULL) {
		db_res_free(&res);
		return -1;
	}
	for (i = 0; i < res.nrows; i = j) {	/* per department */
		for (j = i, nb = 0; j < res.nrows && !strcmp(CELL(&res, j, OH_CITY),
		    CELL(&res, i, OH_CITY)) && !strcmp(CELL(&res, j, OH_DEPT),
		    CELL(&res, i, OH_DEPT)); j++, nb++) {
			bins[nb].hours = (unsigned)strtoul(CELL(&res, j, OH_HOURS), NULL, 10);
			bins[nb].n = strtoull(CELL(&res, j, OH_N), NULL, 10);
		}
		if ((d = find_dept(o, CELL(&res, i, OH_CITY), CELL(&res, i, OH_DEPT))) < 0)
			continue;
		o->depts[d].total.median = stats_percentile(bins, nb, 50);
		o->depts[d].total.p90 = stats_percentile(bins, nb, 90);
	}
	for (c = 0; c < o->ncity; c++) {	/* per city: its departments' bins */
		for (k = 0, nb = 0; k < res.nrows; k++) {
			if (strcmp(CELL(&res, k, OH_CITY), o->cities[c].code) ||
			    find_dept(o, CELL(&res, k, OH_CITY), CELL(&res, k, OH_DEPT)) < 0)
				continue;
			bins[nb].hours = (unsigned)strtoul(CELL(&res, k, OH_HOURS), NULL, 10);
			bins[nb].n = strtoull(CELL(&res, k, OH_N), NULL, 10);
			nb++;
		}
		qsort(bins, nb, sizeof(*bins), bin_cmp);
		o->cities[c].total.median = stats_percentile(bins, nb, 50);
		o->cities[c].total.p90 = stats_percentile(bins, nb, 90);
	}
	free(bins);
	db_res_free(&res);
	return 0;
}

/* The periods from..to, and the cities and departments shown. 0 or -1. */
static int
od_setup(struct od *o)
{
	const struct catalog *cat = &o->r->w->cat;
	long	 i, a = month_index(o->q.fy, o->q.fm), b = month_index(o->q.ty, o->q.tm);
	size_t	 k, n;
	char	 label[16];
	int	 y;
	unsigned m;

	if ((o->per = calloc((size_t)(b - a + 1), sizeof(*o->per))) == NULL)
		return -1;
	for (i = a; i <= b; i++) {
		month_of(i, &y, &m);
		stats_period_label(o->q.period, y, m, label);
		if (o->nper && !strcmp(o->per[o->nper - 1].label, label))
			continue;
		snprintf(o->per[o->nper].label, sizeof(o->per[o->nper].label), "%s", label);
		o->per[o->nper].y = y;
		o->per[o->nper].m = m;
		o->nper++;
	}
	if ((o->cities = calloc(cat->n + 1, sizeof(*o->cities))) == NULL ||
	    (o->depts = calloc(cat->n + 1, sizeof(*o->depts))) == NULL)
		return -1;
	for (k = 0; k < cat->n; k++) {
		const struct catalog_entry *e = &cat->e[k];
		if (o->q.city[0] && strcmp(e->city, o->q.city))
			continue;
		if (o->ncity == 0 || strcmp(o->cities[o->ncity - 1].code, e->city)) {
			o->cities[o->ncity].code = e->city;
			o->cities[o->ncity].name = e->city_name;
			fig_init(&o->cities[o->ncity].total);
			if ((o->cities[o->ncity].per = calloc(o->nper, sizeof(struct od_fig))) == NULL)
				return -1;
			o->ncity++;
		}
		o->depts[o->ndept].e = e;
		o->depts[o->ndept].city = o->ncity - 1;
		fig_init(&o->depts[o->ndept].total);
		if ((o->depts[o->ndept].per = calloc(o->nper, sizeof(struct od_fig))) == NULL)
			return -1;
		o->ndept++;
	}
	for (k = 0; k < o->ncity; k++)
		for (n = 0; n < o->nper; n++)
			fig_init(&o->cities[k].per[n]);
	for (k = 0; k < o->ndept; k++)
		for (n = 0; n < o->nper; n++)
			fig_init(&o->depts[k].per[n]);
	if (o->q.dept[0]) {
		if ((o->sel_per = calloc(o->nper, sizeof(*o->sel_per))) == NULL)
			return -1;
		for (n = 0; n < o->nper; n++)
			fig_init(&o->sel_per[n]);
	}
	return 0;
}

static void
od_free(struct od *o)
{
	size_t	 i;

	for (i = 0; o->cities && i < o->ncity; i++)
		free(o->cities[i].per);
	for (i = 0; o->depts && i < o->ndept; i++)
		free(o->depts[i].per);
	free(o->cities);
	free(o->depts);
	free(o->per);
	free(o->sel_per);
	free(o->stds);
	free(o->votes);
}

/* 0, or -1 on a database failure. */
static int
od_read(struct od *o)
{
	struct db *db = o->r->w->db;
	struct stats_filter f;

	memset(&f, 0, sizeof(f));
	f.city = o->q.city[0] ? o->q.city : NULL;
	f.from_y = o->q.fy;
	f.from_m = o->q.fm;
	f.to_y = o->q.ty;
	f.to_m = o->q.tm;
	f.period = o->q.period;
	/* one read: with a department selected, the standards of its city's
	 * departments come too (only its own are kept) */
	f.per_standard = o->q.dept[0] != '\0';
	if (stats_compliance(db, &f, on_compliance, o) < 0 ||
	    stats_feedback(db, &f, on_feedback, o) < 0 ||
	    stats_votes(db, &f, on_vote, o) < 0 || o->oom)
		return -1;
	return od_percentiles(o);
}

/* ------------------------------------------------------------ document */

static void
attr_tenths(xmlNodePtr n, const char *name, long long tenths)
{
	char	 s[24];

	stats_tenths_str(tenths, s);
	page_attr(n, name, s);
}

static void
attr_ll(xmlNodePtr n, const char *name, long long v)
{
	char	 s[32] = "";

	if (v >= 0)
		snprintf(s, sizeof(s), "%lld", v);
	page_attr(n, name, s);
}

/* a mean of 1–5 scores in tenths, rounded half up; -1 without any */
static long long
mean_tenths(unsigned long long sum, unsigned long long n)
{
	return n ? (long long)((sum * 20 + n) / (2 * n)) : -1;
}

static void
fig_attrs(xmlNodePtr n, const struct od_fig *f, int times)
{
	page_attr_ull(n, "applicable", f->applicable);
	page_attr_ull(n, "evaluated", f->evaluated);
	page_attr_ull(n, "met", f->met);
	page_attr_ull(n, "breached", f->breached);
	page_attr_ull(n, "pending", f->pending);
	page_attr_ull(n, "na", f->na);
	attr_tenths(n, "rate", stats_rate_tenths(f->met, f->evaluated));
	if (times) {
		page_attr_ull(n, "answered", f->answered);
		attr_ll(n, "median-hours", f->median);
		attr_ll(n, "p90-hours", f->p90);
	}
	page_attr_ull(n, "comp-count", f->comp_count);
	page_attr_ull(n, "comp-amount", f->comp_amount);
	page_attr_ull(n, "paid-count", f->paid_count);
	page_attr_ull(n, "paid-amount", f->paid_amount);
}

static void
fb_attrs(xmlNodePtr n, const struct od_fb *f)
{
	page_attr_ull(n, "responses", f->responses);
	page_attr_ull(n, "score-sum", f->score_sum);
	attr_tenths(n, "mean", mean_tenths(f->score_sum, f->responses));
	page_attr_ull(n, "kept-yes", f->kept_yes);
	page_attr_ull(n, "kept-no", f->kept_no);
	attr_tenths(n, "kept-rate", stats_rate_tenths(f->kept_yes, f->kept_yes + f->kept_no));
}

/* The query string of a view: the current one with some fields replaced. */
static void
view_query(char *out, size_t n, const struct od_query *q, enum stats_period period,
    const char *city, const char *dept)
{
	int	 k;

	k = snprintf(out, n, "period=%s&from=%04d-%02u&to=%04d-%02u",
	    stats_period_name(period), q->fy, q->fm, q->ty, q->tm);
	if (k < 0 || (size_t)k >= n)
		return;
	if (dept && dept[0])
		snprintf(out + k, n - (size_t)k, "&dept=%s/%s", city, dept);
	else if (city && city[0])
		snprintf(out + k, n - (size_t)k, "&city=%s", city);
}

static void
od_selectors(xmlNodePtr top, const struct od *o)
{
	static const enum stats_period ps[] = { SP_MONTH, SP_QUARTER, SP_YEAR };
	static const char *const pko[] = { "월별", "분기별", "연도별" };
	const struct catalog *cat = &o->r->w->cat;
	xmlNodePtr sel = xmlNewChild(top, NULL, BAD_CAST "choices", NULL), n, c = NULL;
	char	 qs[256];
	size_t	 i;

	for (i = 0; i < 3; i++) {
		n = xmlNewChild(sel, NULL, BAD_CAST "period", NULL);
		page_attr(n, "name", stats_period_name(ps[i]));
		page_attr(n, "label", pko[i]);
		view_query(qs, sizeof(qs), &o->q, ps[i], o->q.city, o->q.dept);
		page_attr(n, "query", qs);
		page_attr(n, "current", ps[i] == o->q.period ? "true" : "false");
	}
	n = xmlNewChild(sel, NULL, BAD_CAST "all", NULL);
	view_query(qs, sizeof(qs), &o->q, o->q.period, NULL, NULL);
	page_attr(n, "query", qs);
	page_attr(n, "current", o->q.city[0] ? "false" : "true");
	for (i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->e[i];
		if (i == 0 || strcmp(e->city, cat->e[i - 1].city)) {
			c = xmlNewChild(sel, NULL, BAD_CAST "city", NULL);
			page_attr(c, "code", e->city);
			page_attr(c, "name", e->city_name);
			view_query(qs, sizeof(qs), &o->q, o->q.period, e->city, NULL);
			page_attr(c, "query", qs);
			page_attr(c, "current", !strcmp(o->q.city, e->city) && !o->q.dept[0] ?
			    "true" : "false");
		}
		n = xmlNewChild(c, NULL, BAD_CAST "department", NULL);
		page_attr(n, "code", e->dept);
		page_attr(n, "name", e->dept_name);
		view_query(qs, sizeof(qs), &o->q, o->q.period, e->city, e->dept);
		page_attr(n, "query", qs);
		page_attr(n, "current", !strcmp(o->q.city, e->city) &&
		    !strcmp(o->q.dept, e->dept) ? "true" : "false");
	}
}

static void
od_datasets(xmlNodePtr top, const struct od *o)
{
	xmlNodePtr list = xmlNewChild(top, NULL, BAD_CAST "datasets", NULL), n;
	char	 qs[256];
	size_t	 i;
	int	 k;

	k = snprintf(qs, sizeof(qs), "from=%04d-%02u&to=%04d-%02u", o->q.fy, o->q.fm,
	    o->q.ty, o->q.tm);
	if (o->q.dept[0] && k > 0 && (size_t)k < sizeof(qs))
		snprintf(qs + k, sizeof(qs) - (size_t)k, "&dept=%s/%s", o->q.city, o->q.dept);
	page_attr(list, "query", qs);
	for (i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++) {
		n = xmlNewChild(list, NULL, BAD_CAST "dataset", NULL);
		page_attr(n, "name", datasets[i][0]);
		page_attr(n, "label", datasets[i][1]);
	}
}

static void
od_periods(xmlNodePtr parent, const struct od *o, const struct od_fig *per, int times)
{
	xmlNodePtr list = xmlNewChild(parent, NULL, BAD_CAST "periods", NULL), n;
	size_t	 i;

	for (i = 0; i < o->nper; i++) {
		n = xmlNewChild(list, NULL, BAD_CAST "period", NULL);
		page_attr(n, "label", o->per[i].label);
		fig_attrs(n, &per[i], times);
	}
}

static int
vote_cmp(const void *a, const void *b)
{
	const struct od_vote *x = a, *y = b;

	if (x->votes != y->votes)
		return x->votes > y->votes ? -1 : 1;
	return strcmp(x->page, y->page);
}

static void
od_votes(xmlNodePtr top, struct od *o)
{
	xmlNodePtr list = xmlNewChild(top, NULL, BAD_CAST "votes", NULL), n;
	size_t	 i;

	page_attr_ull(list, "votes", o->vote_fb.responses);
	page_attr_ull(list, "score-sum", o->vote_fb.score_sum);
	attr_tenths(list, "mean", mean_tenths(o->vote_fb.score_sum, o->vote_fb.responses));
	page_attr_ull(list, "pages", o->nvote);
	if (o->nvote > 1)
		qsort(o->votes, o->nvote, sizeof(*o->votes), vote_cmp);
	for (i = 0; i < o->nvote && i < OD_TOP_PAGES; i++) {
		n = xmlNewChild(list, NULL, BAD_CAST "page", NULL);
		page_attr(n, "path", o->votes[i].page);
		page_attr_ull(n, "votes", o->votes[i].votes);
		page_attr_ull(n, "score-sum", o->votes[i].score_sum);
		attr_tenths(n, "mean", mean_tenths(o->votes[i].score_sum, o->votes[i].votes));
	}
}

static void
kst_date_attr(xmlNodePtr n, const char *name, const char *epoch)
{
	char	 s[32];

	time_kst((time_t)strtoll(epoch, NULL, 10), s);
	page_attr(n, name, s);
}

/* The published survey results and plans, under their departments. */
static int
od_published(struct od *o, xmlNodePtr *dnodes)
{
	struct db_res sv, pl;
	xmlNodePtr n;
	unsigned i;
	long	 d;

	if (od_surveys(o->r->w->db, o->q.city[0] ? o->q.city : NULL, o->q.fy, o->q.ty, &sv) < 0)
		return -1;
	if (od_plans(o->r->w->db, o->q.city[0] ? o->q.city : NULL, o->q.fy, o->q.ty, &pl) < 0) {
		db_res_free(&sv);
		return -1;
	}
	for (i = 0; i < sv.nrows; i++) {
		if ((d = find_dept(o, CELL(&sv, i, OS_CITY), CELL(&sv, i, OS_DEPT))) < 0)
			continue;
		n = xmlNewChild(dnodes[d], NULL, BAD_CAST "survey", NULL);
		page_attr(n, "year", CELL(&sv, i, OS_YEAR));
		page_attr(n, "kind", CELL(&sv, i, OS_KIND));
		page_attr(n, "respondents", CELL(&sv, i, OS_RESPONDENTS));
		page_attr(n, "score", CELL(&sv, i, OS_SCORE));
		kst_date_attr(n, "published", CELL(&sv, i, OS_PUBLISHED));
		page_text(n, "summary", CELL(&sv, i, OS_SUMMARY));
	}
	for (i = 0; i < pl.nrows; i++) {
		if ((d = find_dept(o, CELL(&pl, i, OP_CITY), CELL(&pl, i, OP_DEPT))) < 0)
			continue;
		n = xmlNewChild(dnodes[d], NULL, BAD_CAST "plan", NULL);
		page_attr(n, "year", CELL(&pl, i, OP_YEAR));
		kst_date_attr(n, "published", CELL(&pl, i, OP_PUBLISHED));
		page_text(n, "text", CELL(&pl, i, OP_PLAN));
	}
	db_res_free(&sv);
	db_res_free(&pl);
	return 0;
}

static int
od_build(struct od *o, xmlDocPtr *out)
{
	xmlDocPtr doc;
	xmlNodePtr root, top, cn, dn, n, *dnodes;
	char	 s[32], qs[256];
	size_t	 c, d, i;
	int	 rc = 0;

	if ((doc = page_new(o->r, &root)) == NULL)
		return -1;
	top = xmlNewChild(root, NULL, BAD_CAST "opendata", NULL);
	page_attr(top, "period", stats_period_name(o->q.period));
	snprintf(s, sizeof(s), "%04d-%02u", o->q.fy, o->q.fm);
	page_attr(top, "from", s);
	snprintf(s, sizeof(s), "%04d-%02u", o->q.ty, o->q.tm);
	page_attr(top, "to", s);
	page_attr(top, "city", o->q.city);
	page_attr(top, "dept", o->q.dept);
	view_query(qs, sizeof(qs), &o->q, o->q.period, o->q.city, o->q.dept);
	page_attr(top, "query", qs);
	time_kst(clock_now(), s);
	page_attr(top, "generated", s);
	od_selectors(top, o);
	od_datasets(top, o);
	if ((dnodes = calloc(o->ndept + 1, sizeof(*dnodes))) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	for (c = 0; c < o->ncity; c++) {
		cn = xmlNewChild(top, NULL, BAD_CAST "city", NULL);
		page_attr(cn, "code", o->cities[c].code);
		page_attr(cn, "name", o->cities[c].name);
		n = xmlNewChild(cn, NULL, BAD_CAST "figures", NULL);
		fig_attrs(n, &o->cities[c].total, 1);
		n = xmlNewChild(cn, NULL, BAD_CAST "feedback", NULL);
		fb_attrs(n, &o->cities[c].fb);
		od_periods(cn, o, o->cities[c].per, 0);
		for (d = 0; d < o->ndept; d++) {
			const struct od_dept *dp = &o->depts[d];
			if (dp->city != c)
				continue;
			dn = dnodes[d] = xmlNewChild(cn, NULL, BAD_CAST "department", NULL);
			page_attr(dn, "code", dp->e->dept);
			page_attr(dn, "name", dp->e->dept_name);
			view_query(qs, sizeof(qs), &o->q, o->q.period, dp->e->city, dp->e->dept);
			page_attr(dn, "query", qs);
			page_attr(dn, "selected", !strcmp(o->q.city, dp->e->city) &&
			    !strcmp(o->q.dept, dp->e->dept) ? "true" : "false");
			n = xmlNewChild(dn, NULL, BAD_CAST "figures", NULL);
			fig_attrs(n, &dp->total, 1);
			n = xmlNewChild(dn, NULL, BAD_CAST "feedback", NULL);
			fb_attrs(n, &dp->fb);
		}
	}
	if (od_published(o, dnodes) == -1)
		rc = -1;
	free(dnodes);
	if (o->q.dept[0]) {
		const struct catalog_entry *e = catalog_find(&o->r->w->cat, o->q.city, o->q.dept);
		dn = xmlNewChild(top, NULL, BAD_CAST "selected", NULL);
		page_attr(dn, "city", o->q.city);
		page_attr(dn, "dept", o->q.dept);
		page_attr(dn, "city-name", e ? e->city_name : "");
		page_attr(dn, "name", e ? e->dept_name : "");
		od_periods(dn, o, o->sel_per, 1);
		n = xmlNewChild(dn, NULL, BAD_CAST "standards", NULL);
		for (i = 0; i < o->nstd; i++) {
			xmlNodePtr sn = xmlNewChild(n, NULL, BAD_CAST "standard", NULL);
			page_attr(sn, "id", o->stds[i].id);
			fig_attrs(sn, &o->stds[i].total, 0);
		}
	}
	od_votes(top, o);
	if (rc == -1) {
		xmlFreeDoc(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

/* ------------------------------------------------------------ handler */

int
h_opendata(struct req *r)
{
	struct form fm;
	struct diag *dg;
	struct od o;
	xmlDocPtr doc = NULL;
	int	 st = 0;

	if (app_catalog(r->w) == -1)
		return 503;
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 503;
	memset(&o, 0, sizeof(o));
	o.r = r;
	if (form_parse(&fm, r->query, strlen(r->query)) == -1)
		diag_add(dg, 0, "the query string is malformed");
	else {
		od_parse(&r->w->cat, &fm, &o.q, dg);
		form_free(&fm);
	}
	if (dg->n) {
		page_error(r, 400, FMT_HTML, "the query is not valid; see each error", dg);
		free(dg);
		return 0;
	}
	free(dg);
	/* bounded: the sweep refreshes whatever is left */
	if (stats_refresh_small(r->w->db, OD_REFRESH, OD_REFRESH_MAX) < 0)
		log_err(r->id, "open data: refreshing the figures failed: %s", db_error(r->w->db));
	if (od_setup(&o) == -1)
		st = 500;
	else if (od_read(&o) == -1) {
		log_err(r->id, "open data: reading the figures failed: %s", db_error(r->w->db));
		st = 503;
	} else if (od_build(&o, &doc) == -1)
		st = 503;
	od_free(&o);
	if (st)
		return st;
	req_header(r, "Cache-Control", "no-cache");
	if (req_format(r, FMT_HTML) == FMT_XML)
		st = page_xml(r, doc) == -1 ? 500 : 0;
	else
		st = page_html(r, doc) == -1 ? 500 : 0;
	xmlFreeDoc(doc);
	return st;
}
