/* datasets: the open datasets. Each row goes out as it comes from MariaDB
 * (db_query_each, unbuffered) straight to the FastCGI stream
 * (req_stream_write): memory does not grow with the number of rows. The
 * answer starts with the first row (or the end of an empty result), so a
 * database error before it is still a proper 503. Every format carries the
 * licence (KOGL Type 1) and the generation time; the columns and their
 * meaning are published in schema/opendata/{dataset}.xsd and .json, served
 * beside the data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/xmlwriter.h>
#include "datasets.h"
#include "page.h"
#include "../domain/charter.h"
#include "../domain/stats.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/dataset_store.h"
#include "../store/db.h"
#include "../store/stats_store.h"
#include "../util/clock.h"
#include "../util/buf.h"
#include "../util/conf.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/timefmt.h"
#include "../util/utf8.h"

#define LICENCE_NAME	"공공누리 제1유형 출처표시"
#define LICENCE_NAME_EN	"KOGL Type 1 (attribution)"
#define LICENCE_URL	"https://www.kogl.or.kr/info/licenseType1.do"
#define ROW_FLUSH	16384	/* bytes gathered before a write */

enum dsfmt { DF_CSV, DF_JSON, DF_XML, DF_XSD, DF_JSCHEMA };
enum coltype { CT_STR, CT_NUM };	/* how JSON writes a value */

struct col {
	const char	*name;
	enum coltype	 t;
};

static const struct col petitions_cols[] = {
	{ "receipt_no", CT_STR }, { "city", CT_STR }, { "dept", CT_STR },
	{ "kind", CT_STR }, { "channel", CT_STR }, { "received_at", CT_STR },
	{ "statutory_due", CT_STR }, { "next_due", CT_STR },
	{ "answered_at", CT_STR }, { "closed_at", CT_STR }, { "state", CT_STR },
	{ "outcome", CT_STR }, { "extended", CT_NUM }, { "supplemented", CT_NUM },
};

static const struct col compensation_cols[] = {
	{ "city", CT_STR }, { "dept", CT_STR }, { "month", CT_STR },
	{ "rule_id", CT_STR }, { "form", CT_STR }, { "state", CT_STR },
	{ "currency", CT_STR }, { "count", CT_NUM }, { "amount", CT_NUM },
};

static const struct col compliance_cols[] = {
	{ "city", CT_STR }, { "dept", CT_STR }, { "standard", CT_STR },
	{ "period", CT_STR }, { "applicable", CT_NUM }, { "evaluated", CT_NUM },
	{ "met", CT_NUM }, { "breached", CT_NUM }, { "pending", CT_NUM },
	{ "na", CT_NUM }, { "compliance_rate", CT_NUM }, { "answered", CT_NUM },
	{ "median_hours", CT_NUM }, { "p90_hours", CT_NUM },
	{ "comp_count", CT_NUM }, { "comp_amount", CT_NUM },
	{ "paid_count", CT_NUM }, { "paid_amount", CT_NUM },
};
#define NCOMPLIANCE (sizeof(compliance_cols) / sizeof(compliance_cols[0]))

static const struct col satisfaction_cols[] = {
	{ "source", CT_STR }, { "city", CT_STR }, { "dept", CT_STR },
	{ "page", CT_STR }, { "period", CT_STR }, { "kind", CT_STR },
	{ "responses", CT_NUM }, { "score_sum", CT_NUM }, { "mean_score", CT_NUM },
	{ "s1", CT_NUM }, { "s2", CT_NUM }, { "s3", CT_NUM }, { "s4", CT_NUM },
	{ "s5", CT_NUM }, { "kept_yes", CT_NUM }, { "kept_no", CT_NUM },
	{ "score", CT_NUM },
};
#define NSATISFACTION (sizeof(satisfaction_cols) / sizeof(satisfaction_cols[0]))

struct filters;
struct out;

struct dataset {
	const char	*name;
	const struct col *cols;
	unsigned	 ncols;
	int		 monthly;	/* figures kept per month: from/to are months */
	int		 periods;	/* takes period= */
	int		(*run)(struct out *, const struct filters *);
};

struct filters {
	char		 city[33], dept[65];	/* "": all */
	char		 from[11], to[11];	/* as given, "" when absent */
	int		 fy, ty;		/* 0: open */
	unsigned	 fm, fd, tm, td;
	enum stats_period period;
	int		 has_period;
};

/* One answer being streamed. */
struct out {
	struct req	*r;
	const struct dataset *ds;
	const struct filters *f;
	enum dsfmt	 fmt;
	struct buf	 b;
	xmlBufferPtr	 xb;
	xmlTextWriterPtr xw;
	char		 generated[32];
	int		 started, gone;
	unsigned long long rows;
};

/* ------------------------------------------------------------ formats */

static int
flush(struct out *o, int force)
{
	if (o->fmt == DF_XML && o->xw) {
		xmlTextWriterFlush(o->xw);
		if (xmlBufferLength(o->xb) > 0) {
			buf_append(&o->b, xmlBufferContent(o->xb), (size_t)xmlBufferLength(o->xb));
			xmlBufferEmpty(o->xb);
		}
	}
	if (o->b.len == 0 || (!force && o->b.len < ROW_FLUSH))
		return 0;
	if (req_stream_write(o->r, o->b.data, o->b.len) == -1)
		o->gone = 1;
	buf_reset(&o->b);
	return o->gone ? -1 : 0;
}

static void
filter_pairs(const struct filters *f, const char *k[5], const char *v[5], int *n)
{
	*n = 0;
	if (f->city[0]) { k[*n] = "city"; v[(*n)++] = f->city; }
	if (f->dept[0]) { k[*n] = "dept"; v[(*n)++] = f->dept; }
	if (f->from[0]) { k[*n] = "from"; v[(*n)++] = f->from; }
	if (f->to[0]) { k[*n] = "to"; v[(*n)++] = f->to; }
	if (f->has_period) { k[*n] = "period"; v[(*n)++] = stats_period_name(f->period); }
}

static int
start(struct out *o)
{
	struct req *r = o->r;
	const char *k[5], *v[5];
	char	 h[160];
	unsigned c;
	int	 i, n;

	o->started = 1;
	req_header(r, "X-Generated-At", o->generated);
	req_header(r, "Link", "<" LICENCE_URL ">; rel=\"license\"");
	req_header(r, "Cache-Control", "no-cache");
	filter_pairs(o->f, k, v, &n);
	switch (o->fmt) {
	case DF_CSV:
		snprintf(r->ctype, sizeof(r->ctype), "text/csv; charset=utf-8; header=present");
		snprintf(h, sizeof(h), "attachment; filename=\"%s.csv\"", o->ds->name);
		req_header(r, "Content-Disposition", h);
		buf_puts(&o->b, "\xef\xbb\xbf");
		for (c = 0; c < o->ds->ncols; c++)
			buf_printf(&o->b, "%s%s", c ? "," : "", o->ds->cols[c].name);
		buf_puts(&o->b, "\r\n");
		break;
	case DF_JSON:
		snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
		buf_printf(&o->b, "{\"dataset\":\"%s\",\"licence\":{\"name\":\"" LICENCE_NAME
		    "\",\"name_en\":\"" LICENCE_NAME_EN "\",\"url\":\"" LICENCE_URL
		    "\"},\"generated_at\":\"%s\",\"filters\":{", o->ds->name, o->generated);
		for (i = 0; i < n; i++) {
			buf_printf(&o->b, "%s\"%s\":\"", i ? "," : "", k[i]);
			buf_json_str(&o->b, v[i]);
			buf_puts(&o->b, "\"");
		}
		buf_puts(&o->b, "},\"columns\":[");
		for (c = 0; c < o->ds->ncols; c++)
			buf_printf(&o->b, "%s{\"name\":\"%s\",\"type\":\"%s\"}", c ? "," : "",
			    o->ds->cols[c].name, o->ds->cols[c].t == CT_NUM ? "number" : "string");
		buf_puts(&o->b, "],\"rows\":[");
		break;
	default:
		snprintf(r->ctype, sizeof(r->ctype), "application/xml; charset=utf-8");
		if ((o->xb = xmlBufferCreate()) == NULL ||
		    (o->xw = xmlNewTextWriterMemory(o->xb, 0)) == NULL)
			return -1;
		xmlTextWriterStartDocument(o->xw, "1.0", "UTF-8", NULL);
		xmlTextWriterStartElement(o->xw, BAD_CAST "dataset");
		xmlTextWriterWriteAttribute(o->xw, BAD_CAST "name", BAD_CAST o->ds->name);
		xmlTextWriterWriteAttribute(o->xw, BAD_CAST "licence",
		    BAD_CAST LICENCE_NAME " (" LICENCE_NAME_EN ")");
		xmlTextWriterWriteAttribute(o->xw, BAD_CAST "licence-url", BAD_CAST LICENCE_URL);
		xmlTextWriterWriteAttribute(o->xw, BAD_CAST "generated-at", BAD_CAST o->generated);
		for (i = 0; i < n; i++) {
			xmlTextWriterStartElement(o->xw, BAD_CAST "filter");
			xmlTextWriterWriteAttribute(o->xw, BAD_CAST "name", BAD_CAST k[i]);
			xmlTextWriterWriteAttribute(o->xw, BAD_CAST "value", BAD_CAST v[i]);
			xmlTextWriterEndElement(o->xw);
		}
		break;
	}
	if (req_stream_begin(r) == -1) {
		o->gone = 1;
		return -1;
	}
	return flush(o, 1);
}

/* One row of ncols cells (NULL: no value). 0, or -1 to stop. */
static int
put_row(struct out *o, const char *const *cell)
{
	const struct col *cols = o->ds->cols;
	unsigned c;
	const char *v, *p;

	if (!o->started && start(o) == -1)
		return -1;
	switch (o->fmt) {
	case DF_CSV:
		for (c = 0; c < o->ds->ncols; c++) {
			if (c)
				buf_append(&o->b, ",", 1);
			if ((v = cell[c]) == NULL)
				continue;
			if (strpbrk(v, "\",\r\n") == NULL) {
				buf_puts(&o->b, v);
				continue;
			}
			buf_append(&o->b, "\"", 1);
			for (p = v; *p; p++)
				if (*p == '"')
					buf_append(&o->b, "\"\"", 2);
				else
					buf_append(&o->b, p, 1);
			buf_append(&o->b, "\"", 1);
		}
		buf_append(&o->b, "\r\n", 2);
		break;
	case DF_JSON:
		buf_puts(&o->b, o->rows ? ",\n{" : "\n{");
		for (c = 0; c < o->ds->ncols; c++) {
			buf_printf(&o->b, "%s\"%s\":", c ? "," : "", cols[c].name);
			if ((v = cell[c]) == NULL || (cols[c].t == CT_NUM && v[0] == '\0'))
				buf_puts(&o->b, "null");
			else if (cols[c].t == CT_NUM)
				buf_puts(&o->b, v);
			else {
				buf_append(&o->b, "\"", 1);
				buf_json_str(&o->b, v);
				buf_append(&o->b, "\"", 1);
			}
		}
		buf_append(&o->b, "}", 1);
		break;
	default:
		xmlTextWriterStartElement(o->xw, BAD_CAST "row");
		for (c = 0; c < o->ds->ncols; c++)
			if (cell[c] != NULL && (cols[c].t != CT_NUM || cell[c][0] != '\0'))
				xmlTextWriterWriteElement(o->xw, BAD_CAST cols[c].name,
				    BAD_CAST cell[c]);
		xmlTextWriterEndElement(o->xw);
		break;
	}
	o->rows++;
	return flush(o, 0);
}

static int
finish(struct out *o)
{
	if (!o->started && start(o) == -1)
		return -1;
	switch (o->fmt) {
	case DF_CSV:
		break;
	case DF_JSON:
		buf_puts(&o->b, "\n]}\n");
		break;
	default:
		xmlTextWriterEndElement(o->xw);
		xmlTextWriterEndDocument(o->xw);
		break;
	}
	return flush(o, 1);
}

static void
out_free(struct out *o)
{
	if (o->xw)
		xmlFreeTextWriter(o->xw);
	if (o->xb)
		xmlBufferFree(o->xb);
	buf_free(&o->b);
}

/* db_row_fn for rows whose columns are the dataset's own */
static int
raw_row(void *arg, unsigned ncols, const char *const *cell, const unsigned long *len)
{
	struct out *o = arg;

	(void)len;
	if (ncols != o->ds->ncols)
		return -2;
	return put_row(o, cell) == -1 ? 1 : 0;
}

/* ------------------------------------------------------------ datasets */

static void
utc_bounds(const struct filters *f, struct dstore_filter *d)
{
	struct tm tm;
	time_t	 t;

	memset(d, 0, sizeof(*d));
	d->city = f->city[0] ? f->city : NULL;
	d->dept = f->dept[0] ? f->dept : NULL;
	snprintf(d->from_utc, sizeof(d->from_utc), "1000-01-01 00:00:00");
	snprintf(d->to_utc, sizeof(d->to_utc), "9999-12-31 00:00:00");
	d->from_year = f->fy;
	d->to_year = f->ty ? f->ty : 9999;
	if (f->fy) {	/* KST midnight of from = 15:00 UTC the day before */
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = f->fy - 1900;
		tm.tm_mon = (int)f->fm - 1;
		tm.tm_mday = (int)f->fd;
		t = timegm(&tm) - 9 * 3600;
		strftime(d->from_utc, sizeof(d->from_utc), "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	}
	if (f->ty) {	/* KST midnight after to */
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = f->ty - 1900;
		tm.tm_mon = (int)f->tm - 1;
		tm.tm_mday = (int)f->td + 1;
		t = timegm(&tm) - 9 * 3600;
		strftime(d->to_utc, sizeof(d->to_utc), "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	}
}

static int
run_petitions(struct out *o, const struct filters *f)
{
	struct dstore_filter d;

	utc_bounds(f, &d);
	return dstore_petitions(o->r->w->db, &d, raw_row, o);
}

static int
run_compensation(struct out *o, const struct filters *f)
{
	struct dstore_filter d;

	utc_bounds(f, &d);
	return dstore_compensation(o->r->w->db, &d, raw_row, o);
}

static void
stats_filter_of(const struct filters *f, struct stats_filter *s, int per_standard)
{
	memset(s, 0, sizeof(*s));
	s->city = f->city[0] ? f->city : NULL;
	s->dept = f->dept[0] ? f->dept : NULL;
	s->from_y = f->fy;
	s->from_m = f->fm;
	s->to_y = f->ty;
	s->to_m = f->tm;
	s->period = f->has_period ? f->period : SP_MONTH;
	s->per_standard = per_standard;
}

#define ULL(i, v) snprintf(num[i], sizeof(num[i]), "%llu", (unsigned long long)(v)), cell[i] = num[i]

static int
compliance_row(void *arg, const struct stats_row *s)
{
	struct out *o = arg;
	const char *cell[NCOMPLIANCE];
	char	 num[NCOMPLIANCE][24];
	int	 whole = strcmp(s->standard, "*") == 0;

	memset(cell, 0, sizeof(cell));
	cell[0] = s->city;
	cell[1] = s->dept;
	cell[2] = s->standard;
	cell[3] = s->period;
	ULL(4, s->applicable);
	ULL(5, s->evaluated);
	ULL(6, s->met);
	ULL(7, s->breached);
	ULL(8, s->pending);
	ULL(9, s->na);
	if (s->rate_tenths >= 0) {
		stats_tenths_str(s->rate_tenths, num[10]);
		cell[10] = num[10];
	}
	if (whole) {
		ULL(11, s->answered);
		if (s->median_hours >= 0)
			ULL(12, s->median_hours);
		if (s->p90_hours >= 0)
			ULL(13, s->p90_hours);
	}
	ULL(14, s->comp_count);
	ULL(15, s->comp_amount);
	ULL(16, s->paid_count);
	ULL(17, s->paid_amount);
	return put_row(o, cell) == -1 ? 1 : 0;
}

static int
run_compliance(struct out *o, const struct filters *f)
{
	struct stats_filter s;

	stats_filter_of(f, &s, 1);
	return stats_compliance(o->r->w->db, &s, compliance_row, o);
}

/* mean score in hundredths, rounded half up: "4.25" */
static void
mean_str(unsigned long long sum, unsigned long long n, char out[24])
{
	unsigned long long h;

	if (n == 0) {
		out[0] = '\0';
		return;
	}
	h = (sum * 200 + n) / (2 * n);
	snprintf(out, 24, "%llu.%02llu", h / 100, h % 100);
}

static int
feedback_row(void *arg, const struct stats_feedback_row *s)
{
	struct out *o = arg;
	const char *cell[NSATISFACTION];
	char	 num[NSATISFACTION][24];
	int	 i;

	memset(cell, 0, sizeof(cell));
	cell[0] = "questionnaire";
	cell[1] = s->city;
	cell[2] = s->dept;
	cell[4] = s->period;
	ULL(6, s->responses);
	ULL(7, s->score_sum);
	mean_str(s->score_sum, s->responses, num[8]);
	cell[8] = num[8];
	for (i = 0; i < 5; i++)
		ULL(9 + i, s->s[i]);
	ULL(14, s->kept_yes);
	ULL(15, s->kept_no);
	return put_row(o, cell) == -1 ? 1 : 0;
}

static int
votes_row(void *arg, const struct stats_votes_row *s)
{
	struct out *o = arg;
	const char *cell[NSATISFACTION];
	char	 num[NSATISFACTION][24];
	int	 i;

	memset(cell, 0, sizeof(cell));
	cell[0] = "page-votes";
	cell[3] = s->page;
	cell[4] = s->period;
	ULL(6, s->votes);
	ULL(7, s->score_sum);
	mean_str(s->score_sum, s->votes, num[8]);
	cell[8] = num[8];
	for (i = 0; i < 5; i++)
		ULL(9 + i, s->s[i]);
	return put_row(o, cell) == -1 ? 1 : 0;
}

/* survey_results: city, dept, year, kind, respondents, score */
static int
survey_row(void *arg, unsigned ncols, const char *const *c, const unsigned long *len)
{
	struct out *o = arg;
	const char *cell[NSATISFACTION];

	(void)len;
	if (ncols != 6)
		return -2;
	memset(cell, 0, sizeof(cell));
	cell[0] = "survey";
	cell[1] = c[0];
	cell[2] = c[1];
	cell[4] = c[2];
	cell[5] = c[3];
	cell[6] = c[4];
	cell[16] = c[5];
	return put_row(o, cell) == -1 ? 1 : 0;
}

static int
run_satisfaction(struct out *o, const struct filters *f)
{
	struct stats_filter s;
	struct dstore_filter d;
	int	 rc;

	stats_filter_of(f, &s, 0);
	if ((rc = stats_feedback(o->r->w->db, &s, feedback_row, o)) != 0)
		return rc;
	/* votes are per page, not per department: left out when one is asked for */
	if (!f->city[0] && !f->dept[0] &&
	    (rc = stats_votes(o->r->w->db, &s, votes_row, o)) != 0)
		return rc;
	utc_bounds(f, &d);
	return dstore_surveys(o->r->w->db, &d, survey_row, o);
}

static const struct dataset datasets[] = {
	{ "compliance", compliance_cols, NCOMPLIANCE, 1, 1, run_compliance },
	{ "satisfaction", satisfaction_cols, NSATISFACTION, 1, 1, run_satisfaction },
	{ "compensation", compensation_cols,
	    sizeof(compensation_cols) / sizeof(compensation_cols[0]), 0, 0, run_compensation },
	{ "petitions", petitions_cols,
	    sizeof(petitions_cols) / sizeof(petitions_cols[0]), 0, 0, run_petitions },
};

#define UNKNOWN "no such dataset: the datasets are compliance, satisfaction," \
	" compensation and petitions, each as .csv, .json or .xml, described by" \
	" .xsd and .json-schema"

/* ------------------------------------------------------------ filters */

static int
days_in(int y, unsigned m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* "YYYY-MM" or "YYYY-MM-DD"; *day = 0 for a month. 0 or -1. */
static int
parse_date(const char *s, int *y, unsigned *m, unsigned *day)
{
	size_t	 n = strlen(s), i;

	if (n != 7 && n != 10)
		return -1;
	for (i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = atoi(s);
	*m = (unsigned)atoi(s + 5);
	*day = n == 10 ? (unsigned)atoi(s + 8) : 0;
	if (*y < 1000 || *m < 1 || *m > 12)
		return -1;
	if (n == 10 && (*day < 1 || (int)*day > days_in(*y, *m)))
		return -1;
	return 0;
}

static int
parse_filters(const struct req *r, const struct dataset *ds, struct filters *f,
    struct diag *dg)
{
	struct form fm;
	size_t	 i;
	const char *city = NULL, *dept = NULL, *from = NULL, *to = NULL, *period = NULL;

	memset(f, 0, sizeof(*f));
	if (form_parse(&fm, r->query, strlen(r->query)) == -1) {
		diag_add(dg, 0, "the query string is malformed");
		return -1;
	}
	for (i = 0; i < fm.n; i++) {
		const struct form_field *v = &fm.f[i];
		const char **slot = !strcmp(v->name, "city") ? &city :
		    !strcmp(v->name, "dept") ? &dept : !strcmp(v->name, "from") ? &from :
		    !strcmp(v->name, "to") ? &to :
		    !strcmp(v->name, "period") && ds->periods ? &period : NULL;

		if (slot == NULL) {
			diag_add(dg, 0, "%s: unknown filter (this dataset takes city, dept,"
			    " from, to%s)", utf8_valid(v->name, strlen(v->name), NULL) &&
			    strlen(v->name) < 40 ? v->name : "?", ds->periods ? ", period" : "");
			continue;
		}
		if (*slot != NULL) {
			diag_add(dg, 0, "%s: given more than once", v->name);
			continue;
		}
		if (strlen(v->value) != v->vlen || !utf8_valid(v->value, v->vlen, NULL)) {
			diag_add(dg, 0, "%s: not valid text", v->name);
			continue;
		}
		*slot = v->value;
	}
	if (city && city[0]) {
		if (strlen(city) > 32 || !charter_valid_code(city, 32))
			diag_add(dg, 0, "city: not a city code (lower-case letters, digits, -)");
		else
			snprintf(f->city, sizeof(f->city), "%s", city);
	}
	if (dept && dept[0]) {
		const char *s = strchr(dept, '/'), *d = s ? s + 1 : dept;
		char	 c[33] = "";

		if (s && (size_t)(s - dept) < sizeof(c)) {
			memcpy(c, dept, (size_t)(s - dept));
			c[s - dept] = '\0';
		}
		if (s && (c[0] == '\0' || !charter_valid_code(c, 32)))
			diag_add(dg, 0, "dept: give {city}/{dept}, or a department code with city=");
		else if (strlen(d) > 64 || !charter_valid_code(d, 64))
			diag_add(dg, 0, "dept: not a department code (lower-case letters, digits, -)");
		else if (!s && !(city && city[0]))
			diag_add(dg, 0, "dept: a department is named with its city:"
			    " dept={city}/{dept}, or dept={dept} with city={city}");
		else if (s && f->city[0] && strcmp(f->city, c) != 0)
			diag_add(dg, 0, "dept: its city %s is not city=%s", c, f->city);
		else {
			if (s)
				snprintf(f->city, sizeof(f->city), "%s", c);
			snprintf(f->dept, sizeof(f->dept), "%s", d);
		}
	}
	if (from && from[0]) {
		if (parse_date(from, &f->fy, &f->fm, &f->fd) == -1)
			diag_add(dg, 0, "from: not a date (YYYY-MM-DD or YYYY-MM)");
		else if (ds->monthly && f->fd > 1)
			diag_add(dg, 0, "from: the %s figures are kept per month; give a month"
			    " (YYYY-MM)", ds->name);
		else
			snprintf(f->from, sizeof(f->from), "%s", from);
		if (f->fd == 0)
			f->fd = 1;
	}
	if (to && to[0]) {
		if (parse_date(to, &f->ty, &f->tm, &f->td) == -1)
			diag_add(dg, 0, "to: not a date (YYYY-MM-DD or YYYY-MM)");
		else if (ds->monthly && f->td != 0 && (int)f->td != days_in(f->ty, f->tm))
			diag_add(dg, 0, "to: the %s figures are kept per month; give a month"
			    " (YYYY-MM)", ds->name);
		else
			snprintf(f->to, sizeof(f->to), "%s", to);
		if (f->ty && f->td == 0)
			f->td = (unsigned)days_in(f->ty, f->tm);
	}
	if (f->from[0] && f->to[0] &&
	    (f->fy > f->ty || (f->fy == f->ty && (f->fm > f->tm ||
	    (f->fm == f->tm && f->fd > f->td)))))
		diag_add(dg, 0, "from: %s is after to: %s", f->from, f->to);
	if (period && period[0]) {
		if (stats_period_parse(period, &f->period) == -1)
			diag_add(dg, 0, "period: month, quarter or year");
		else
			f->has_period = 1;
	}
	form_free(&fm);
	return dg->n ? -1 : 0;
}

/* ------------------------------------------------------------ handler */

static int
describe(struct req *r, const struct dataset *ds, enum dsfmt fmt)
{
	char	 path[1100], chunk[8192];
	FILE	*fp;
	size_t	 n;

	snprintf(path, sizeof(path), "%s/schema/opendata/%s.%s", r->w->conf->datadir,
	    ds->name, fmt == DF_XSD ? "xsd" : "json");
	if ((fp = fopen(path, "r")) == NULL) {
		log_err(r->id, "cannot open %s", path);
		return 500;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&r->out, chunk, n);
	fclose(fp);
	snprintf(r->ctype, sizeof(r->ctype), fmt == DF_XSD ?
	    "application/xml; charset=utf-8" : "application/schema+json");
	req_header(r, "Link", "<" LICENCE_URL ">; rel=\"license\"");
	return 0;
}

int
h_datasets(struct req *r)
{
	static const char *const fmts[] = { "csv", "json", "xml", "xsd", "json-schema" };
	const struct dataset *ds = NULL;
	struct filters f;
	struct diag *dg;
	struct out o;
	enum dsfmt fmt = DF_JSON;
	enum req_fmt efmt;
	size_t	 i;
	int	 found = 0, rc;
	time_t	 now = clock_now();

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		if (strcmp(r->m.param[1], fmts[i]) == 0) {
			fmt = (enum dsfmt)i;
			found = 1;
		}
	efmt = fmt == DF_XML || fmt == DF_XSD ? FMT_XML : FMT_JSON;
	for (i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++)
		if (strcmp(r->m.param[0], datasets[i].name) == 0)
			ds = &datasets[i];
	if (ds == NULL || !found)
		return page_error(r, 404, efmt, UNKNOWN, NULL);
	if (fmt == DF_XSD || fmt == DF_JSCHEMA)
		return describe(r, ds, fmt);
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 503;
	if (parse_filters(r, ds, &f, dg) == -1) {
		page_error(r, 400, efmt, "the filters are not valid", dg);
		free(dg);
		return 0;
	}
	free(dg);
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.ds = ds;
	o.f = &f;
	o.fmt = fmt;
	time_iso_kst(now, o.generated);
	rc = ds->run(&o, &f);
	if (rc == 0)
		rc = finish(&o) == -1 && !o.gone ? -1 : 0;
	else if (rc > 0 && o.gone)
		rc = 0;	/* the client went away */
	if (rc != 0) {
		log_err(r->id, "dataset %s: %s", ds->name, rc == -2 ?
		    "internal: the columns do not match" : db_error(r->w->db));
		if (!o.started) {
			out_free(&o);
			return 503;
		}
		/* the answer has begun: it ends unfinished (no closing tag or
		 * bracket), which a reader notices */
	}
	out_free(&o);
	return 0;
}
