/* worklist: GET /admin/petitions — what is due, nearest deadline first, and
 * the officers accountability rules flag; GET /admin/compensation — the
 * ledger with its totals; POST /admin/compensation/{id} — an entry moves
 * owed → notified → paid. HTML through XSLT, XML, or JSON made from the
 * same document. Never the applicant's personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "page.h"
#include "worklist.h"
#include "../domain/auth.h"
#include "../domain/calendar.h"
#include "../domain/charter.h"
#include "../domain/instant.h"
#include "../domain/lifecycle.h"
#include "../domain/petition.h"
#include "../domain/rules.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/db.h"
#include "../store/ledger.h"
#include "../store/worklist_store.h"
#include "../util/clock.h"
#include "../util/diag.h"
#include "../util/timefmt.h"
#include "../util/utf8.h"

#define CELL(r, row, c) (db_cell((r), (row), (c)) ? db_cell((r), (row), (c)) : "")
#define PER_PAGE_DEFAULT 50
#define PER_PAGE_MAX 200
#define PAGE_MAX 100000
#define DUE_SOON_SECS (8 * 3600)	/* "due soon": within a working day */

/* ------------------------------------------------------------ query fields */


/* "city/dept" */
static int
parse_dept(const char *v, char city[33], char dept[65])
{
	const char *s = strchr(v, '/');

	if (s == NULL || (size_t)(s - v) >= 33 || strlen(s + 1) >= 65)
		return -1;
	memcpy(city, v, (size_t)(s - v));
	city[s - v] = '\0';
	snprintf(dept, 65, "%s", s + 1);
	return charter_valid_code(city, 32) && charter_valid_code(dept, 64) ? 0 : -1;
}

static int
digits(const char *s, size_t n, int *out)
{
	size_t	 i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (s[i] - '0');
	}
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* ISO 8601 (RFC 3339 §5.6 profile): YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS]
 * with Z or ±HH:MM; Asia/Seoul when no offset is given. A date alone is its
 * first instant, or with next_day the first instant of the day after.
 * Returns the instant, or -1. */
static time_t
parse_instant(const char *s, int next_day)
{
	struct tm tm = { 0 };
	int	 y, mo, d, h = 0, mi = 0, se = 0, oh, om, off = CAL_UTC_OFFSET;
	size_t	 n = strlen(s);
	time_t	 t;

	if (n < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &mo) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	s += 10;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		next_day = 0;
		if (strlen(s) < 6 || s[3] != ':' || digits(s + 1, 2, &h) || digits(s + 4, 2, &mi))
			return -1;
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &se) || strlen(s) < 3)
				return -1;
			s += 3;
		}
		if (h > 23 || mi > 59 || se > 59)
			return -1;
		if (*s == 'Z' || *s == 'z') {
			off = 0;
			s++;
		} else if (*s == '+' || *s == '-') {
			if (strlen(s) != 6 || s[3] != ':' || digits(s + 1, 2, &oh) ||
			    digits(s + 4, 2, &om) || oh > 23 || om > 59)
				return -1;
			off = (*s == '-' ? -1 : 1) * (oh * 3600 + om * 60);
			s += 6;
		}
	}
	if (*s != '\0')
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm) - off;
	return next_day ? t + 86400 : t;
}

/* A filter's instant: 0 with what is wrong in dg when raw is not one; else
 * clipped to the instants the store holds (every stored instant is within
 * them: due_before=2099-01-01 means all of them, where the year 2099 would
 * reach SQL as NULL and match none). */
static time_t
filter_instant(struct diag *dg, const char *name, const char *raw, int next_day,
    const char *expected)
{
	time_t	 t = parse_instant(raw, next_day);

	if (t <= 0) {
		diag_add(dg, 0, "%s: %s", name, expected);
		return 0;
	}
	return t < INSTANT_MIN ? INSTANT_MIN : t > INSTANT_MAX ? INSTANT_MAX : t;
}

static int
parse_uint(const char *v, unsigned lo, unsigned hi, unsigned *out)
{
	char	*end;
	unsigned long u;

	if (v[0] < '0' || v[0] > '9' || strlen(v) > 9)
		return -1;
	u = strtoul(v, &end, 10);
	if (*end || u < lo || u > hi)
		return -1;
	*out = (unsigned)u;
	return 0;
}

static int
state_valid(const char *s)
{
	int	 i;

	for (i = LC_RECEIVED; i <= LC_WITHDRAWN; i++)
		if (!strcmp(s, lc_state_name((enum lc_state)i)))
			return 1;
	return 0;
}

static void
paging(const struct form *f, unsigned *page, unsigned *per_page, struct diag *dg)
{
	const char *v;

	*page = 1;
	*per_page = PER_PAGE_DEFAULT;
	if ((v = form_text(f, "page", dg)) && parse_uint(v, 1, PAGE_MAX, page))
		diag_add(dg, 0, "page: a whole number from 1 to %d", PAGE_MAX);
	if ((v = form_text(f, "per_page", dg)) && parse_uint(v, 1, PER_PAGE_MAX, per_page))
		diag_add(dg, 0, "per_page: a whole number from 1 to %d", PER_PAGE_MAX);
}

/* ------------------------------------------------------------ output */

static void
kst_attrs(xmlNodePtr n, const char *name, time_t t)
{
	char	 s[32], utc[48];

	if (t <= 0)
		return;
	time_kst(t, s);
	page_attr(n, name, s);
	snprintf(utc, sizeof(utc), "%s-utc", name);
	time_iso_utc(t, s);
	page_attr(n, utc, s);
}

static time_t
epoch(const char *s)
{
	return s && *s ? (time_t)strtoll(s, NULL, 10) : 0;
}

static const char *
tf(int b)
{
	return b ? "true" : "false";
}

static int
numeric_attr(const xmlChar *name)
{
	static const char *const num[] = { "count", "amount", "total", "page",
		"per-page", "pages", "id", "version", "threshold", "holiday-data-missing" };
	size_t	 i;

	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		if (!xmlStrcmp(name, BAD_CAST num[i]))
			return 1;
	return 0;
}

static void	 json_node(struct buf *, xmlNodePtr);

/* A list: an element without attributes holding only elements. */
static int
is_list(xmlNodePtr n)
{
	xmlNodePtr c;

	if (n->properties)
		return 0;
	for (c = n->children; c; c = c->next)
		if (c->type != XML_ELEMENT_NODE)
			return 0;
	return 1;
}

static void
json_list(struct buf *b, xmlNodePtr n)
{
	xmlNodePtr c;
	int	 first = 1;

	buf_puts(b, "[");
	for (c = n->children; c; c = c->next) {
		buf_puts(b, first ? "" : ",");
		json_node(b, c);
		first = 0;
	}
	buf_puts(b, "]");
}

/* Attributes as members (true/false as booleans, counts as numbers), child
 * lists as arrays, other children as objects. */
static void
json_node(struct buf *b, xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlNodePtr c;
	xmlChar	*v;
	int	 first = 1;

	buf_puts(b, "{");
	for (a = n->properties; a; a = a->next, first = 0) {
		v = xmlNodeGetContent((xmlNodePtr)a);
		buf_printf(b, "%s\"", first ? "" : ",");
		buf_json_str(b, (const char *)a->name);
		buf_puts(b, "\":");
		if (v && (!xmlStrcmp(v, BAD_CAST "true") || !xmlStrcmp(v, BAD_CAST "false")))
			buf_puts(b, (const char *)v);
		else if (v && *v && numeric_attr(a->name) && strspn((const char *)v,
		    "0123456789") == strlen((const char *)v))
			buf_puts(b, (const char *)v);
		else {
			buf_puts(b, "\"");
			buf_json_str(b, v ? (const char *)v : "");
			buf_puts(b, "\"");
		}
		xmlFree(v);
	}
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		buf_printf(b, "%s\"", first ? "" : ",");
		buf_json_str(b, (const char *)c->name);
		buf_puts(b, "\":");
		if (is_list(c))
			json_list(b, c);
		else
			json_node(b, c);
		first = 0;
	}
	buf_puts(b, "}");
}

/* Sends the page (the first element under <page>) as asked. */
static int
answer(struct req *r, xmlDocPtr doc, xmlNodePtr top, enum req_fmt dflt)
{
	enum req_fmt f = req_format(r, dflt);
	int	 rc;

	req_header(r, "Cache-Control", "private, no-store");
	if (f == FMT_HTML)
		return page_html(r, doc) == -1 ? 500 : 0;
	if (f == FMT_XML)
		return page_xml(r, doc) == -1 ? 500 : 0;
	buf_reset(&r->out);
	buf_printf(&r->out, "{\"%s\":", (const char *)top->name);
	json_node(&r->out, top);
	rc = buf_puts(&r->out, "}\n");
	snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
	return rc == -1 ? 500 : 0;
}

static int
bad_request(struct req *r, struct diag *dg, enum req_fmt dflt)
{
	page_error(r, 400, dflt, "the query is not valid; see each error", dg);
	free(dg);
	return 0;
}

/* ------------------------------------------------------------ worklist */

struct wl_query {
	struct wl_filter f;
	char	 city[33], dept[65];
	const char *dept_raw, *state_raw, *due_raw, *breached_raw;
};

/* Parses the filters; 0, 400 (answered), or 403 (answered). */
static int
wl_parse(struct req *r, const struct form *fm, struct wl_query *q, struct diag *dg)
{
	const struct principal *who = &r->who;

	memset(q, 0, sizeof(*q));
	q->f.breached = -1;
	if ((q->dept_raw = form_text(fm, "dept", dg)) &&
	    parse_dept(q->dept_raw, q->city, q->dept) == -1)
		diag_add(dg, 0, "dept: expected city/dept (lower-case codes), e.g. gwangmyeong/autonomy");
	if ((q->state_raw = form_text(fm, "state", dg)) && strcmp(q->state_raw, "open") &&
	    !state_valid(q->state_raw))
		diag_add(dg, 0, "state: expected open, received, in-progress, awaiting-supplement,"
		    " answered, closed or withdrawn");
	if ((q->due_raw = form_text(fm, "due_before", dg)))
		q->f.due_before = filter_instant(dg, "due_before", q->due_raw, 0,
		    "expected an ISO 8601 date or date-time (2026-03-02 or 2026-03-02T18:00,"
		    " Asia/Seoul unless an offset is given)");
	if ((q->breached_raw = form_text(fm, "breached", dg))) {
		if (!strcmp(q->breached_raw, "yes") || !strcmp(q->breached_raw, "no"))
			q->f.breached = !strcmp(q->breached_raw, "yes");
		else
			diag_add(dg, 0, "breached: expected yes or no");
	}
	paging(fm, &q->f.page, &q->f.per_page, dg);
	if (dg->n)
		return 400;
	if (who->role == ROLE_DEPARTMENT) {
		if (q->dept_raw && (strcmp(q->city, who->city) || strcmp(q->dept, who->dept)))
			return 403;
		snprintf(q->city, sizeof(q->city), "%s", who->city);
		snprintf(q->dept, sizeof(q->dept), "%s", who->dept);
	}
	if (q->city[0]) {
		q->f.city = q->city;
		q->f.dept = q->dept;
	}
	q->f.state = q->state_raw;
	return 0;
}

/* The petition's counts run from receipt to its latest due instant (the
 * statutory one, or the next one when that is later): flagged when they
 * cross a year the holiday data does not cover. */
static void
wl_holiday_flag(xmlNodePtr p, const struct calendar *cal, const struct db_res *res,
    unsigned i)
{
	time_t	 due = epoch(db_cell(res, i, WL_NEXT_DUE));
	time_t	 stat = epoch(db_cell(res, i, WL_STAT_DUE));

	page_holiday_flag(p, cal, epoch(db_cell(res, i, WL_RECEIVED)),
	    stat > due ? stat : due);
}

static void
wl_row(xmlNodePtr list, const struct db_res *res, unsigned i, time_t now, time_t soon,
    const struct calendar *cal)
{
	xmlNodePtr p = xmlNewChild(list, NULL, BAD_CAST "petition", NULL);
	time_t	 due = epoch(db_cell(res, i, WL_NEXT_DUE));
	char	 dep[100];

	snprintf(dep, sizeof(dep), "%s/%s", CELL(res, i, WL_CITY), CELL(res, i, WL_DEPT));
	page_attr(p, "receipt", CELL(res, i, WL_RECEIPT));
	page_attr(p, "department", dep);
	page_attr(p, "kind", CELL(res, i, WL_KIND));
	page_attr(p, "kind-ko", petition_kind_ko(CELL(res, i, WL_KIND)));
	page_attr(p, "channel", CELL(res, i, WL_CHANNEL));
	kst_attrs(p, "received", epoch(db_cell(res, i, WL_RECEIVED)));
	page_attr(p, "state", CELL(res, i, WL_STATE));
	kst_attrs(p, "next-due", due);
	page_attr(p, "overdue", tf(due > 0 && due < now));
	page_attr(p, "due-soon", tf(due >= now && due <= soon));
	page_attr(p, "breached", tf(!strcmp(CELL(res, i, WL_BREACHED), "1")));
	page_attr(p, "officer", CELL(res, i, WL_OFFICER));
	page_attr(p, "supplemented", tf(!strcmp(CELL(res, i, WL_SUPPLEMENTED), "1")));
	page_attr(p, "extended", tf(!strcmp(CELL(res, i, WL_EXTENDED), "1")));
	wl_holiday_flag(p, cal, res, i);
}

/* The officers the rules in force of their department's current charter
 * flag for their upheld dissatisfaction reports. 0, or -1. */
static int
wl_flags(struct req *r, xmlNodePtr parent, const struct wl_filter *f)
{
	xmlNodePtr list = xmlNewChild(parent, NULL, BAD_CAST "flags", NULL), fl;
	const struct catalog_entry *e;
	const struct acct_rule_def *a;
	const struct rules *rules;
	struct db_res u;
	char	 dep[100];
	unsigned i;

	if (wl_upheld(r->w->db, f->city, f->dept, &u) < 0 || app_catalog(r->w) == -1)
		return -1;
	for (i = 0; i < u.nrows; i++) {
		if ((e = catalog_find(&r->w->cat, CELL(&u, i, WU_CITY), CELL(&u, i, WU_DEPT))) == NULL ||
		    (rules = rules_cache_get(r->w->rules, e->vid)) == NULL ||
		    (a = rules_accountability(rules,
		    (unsigned)strtoul(CELL(&u, i, WU_COUNT), NULL, 10))) == NULL)
			continue;
		fl = xmlNewChild(list, NULL, BAD_CAST "flag", NULL);
		snprintf(dep, sizeof(dep), "%s/%s", e->city, e->dept);
		page_attr(fl, "department", dep);
		page_attr(fl, "officer", CELL(&u, i, WU_OFFICER));
		page_attr(fl, "count", CELL(&u, i, WU_COUNT));
		page_attr(fl, "action", a->action);
		page_attr(fl, "action-ko", !strcmp(a->action, "replace") ? "교체 대상" :
		    !strcmp(a->action, "train") ? "교육 대상" : a->action);
		page_attr(fl, "rule", a->id);
		page_attr_ull(fl, "threshold", a->threshold);
		page_attr(fl, "origin", a->origin);
	}
	db_res_free(&u);
	return 0;
}

static void
wl_filters(xmlNodePtr top, const struct wl_query *q)
{
	xmlNodePtr n = xmlNewChild(top, NULL, BAD_CAST "filters", NULL);

	page_attr(n, "dept", q->dept_raw ? q->dept_raw : "");
	page_attr(n, "state", q->state_raw ? q->state_raw : "");
	page_attr(n, "due-before", q->due_raw ? q->due_raw : "");
	page_attr(n, "breached", q->breached_raw ? q->breached_raw : "");
	page_attr_ull(n, "per-page", q->f.per_page);
}

static void
pages_attrs(xmlNodePtr top, unsigned page, unsigned per_page, unsigned long long total)
{
	page_attr_ull(top, "total", total);
	page_attr_ull(top, "page", page);
	page_attr_ull(top, "per-page", per_page);
	page_attr_ull(top, "pages", total ? (total + per_page - 1) / per_page : 1);
}

static int
wl_build(struct req *r, const struct wl_query *q, xmlDocPtr *out, xmlNodePtr *top)
{
	struct db_res res;
	unsigned long long total;
	xmlNodePtr root, list;
	time_t	 now = clock_now(), soon;
	unsigned i;

	if (wl_petitions(r->w->db, &q->f, &res, &total) < 0)
		return 503;
	soon = cal_add_working_secs(&r->w->cal, now, DUE_SOON_SECS);
	*out = page_new(r, &root);
	*top = xmlNewChild(root, NULL, BAD_CAST "worklist", NULL);
	kst_attrs(*top, "now", now);
	kst_attrs(*top, "due-soon-until", soon);
	page_attr(*top, "scope", q->f.city ? "department" : "all");
	pages_attrs(*top, q->f.page, q->f.per_page, total);
	wl_filters(*top, q);
	list = xmlNewChild(*top, NULL, BAD_CAST "petitions", NULL);
	for (i = 0; i < res.nrows; i++)
		wl_row(list, &res, i, now, soon, &r->w->cal);
	db_res_free(&res);
	if (wl_flags(r, *top, &q->f) == -1) {
		xmlFreeDoc(*out);
		return 503;
	}
	return 0;
}

int
h_worklist(struct req *r)
{
	struct form fm;
	struct wl_query q;
	struct diag *dg;
	xmlDocPtr doc = NULL;
	xmlNodePtr top;
	int	 st;

	if (r->who.role != ROLE_DEPARTMENT && r->who.role != ROLE_ADMIN &&
	    r->who.role != ROLE_AUDITOR)
		return page_error(r, 403, FMT_HTML, "this credential may not read the worklist", NULL);
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 503;
	if (form_parse(&fm, r->query, strlen(r->query)) == -1) {
		diag_add(dg, 0, "the query string is malformed");
		return bad_request(r, dg, FMT_HTML);
	}
	st = wl_parse(r, &fm, &q, dg);
	if (st == 400) {
		st = bad_request(r, dg, FMT_HTML);
		form_free(&fm);
		return st;
	}
	free(dg);
	if (st == 403) {
		form_free(&fm);
		return page_error(r, 403, FMT_HTML,
		    "this credential may read the worklist of its own department only", NULL);
	}
	if ((st = wl_build(r, &q, &doc, &top)) == 0)
		st = answer(r, doc, top, FMT_HTML);
	xmlFreeDoc(doc);
	form_free(&fm);
	return st;
}

/* ------------------------------------------------------------ ledger */

static void
ledger_row(xmlNodePtr e, const struct db_res *res, unsigned i)
{
	char	 dep[100];

	snprintf(dep, sizeof(dep), "%s/%s", CELL(res, i, LC_CITY), CELL(res, i, LC_DEPT));
	page_attr(e, "id", CELL(res, i, LC_ID));
	page_attr(e, "receipt", CELL(res, i, LC_RECEIPT));
	page_attr(e, "department", dep);
	page_attr(e, "rule", CELL(res, i, LC_RULE));
	page_attr(e, "rule-origin", CELL(res, i, LC_ORIGIN));
	page_attr(e, "trigger", CELL(res, i, LC_TRIGGER));
	page_attr(e, "standard", CELL(res, i, LC_STANDARD));
	page_attr(e, "amount", CELL(res, i, LC_AMOUNT));
	page_attr(e, "currency", CELL(res, i, LC_CURRENCY));
	page_attr(e, "form", CELL(res, i, LC_FORM));
	page_attr(e, "state", CELL(res, i, LC_STATE));
	kst_attrs(e, "arose", epoch(db_cell(res, i, LC_AROSE)));
	kst_attrs(e, "booked", epoch(db_cell(res, i, LC_BOOKED)));
	page_attr(e, "booked-by", CELL(res, i, LC_BOOKED_BY));
	kst_attrs(e, "notified", epoch(db_cell(res, i, LC_NOTIFIED)));
	kst_attrs(e, "paid", epoch(db_cell(res, i, LC_PAID)));
	page_attr(e, "version", CELL(res, i, LC_VERSION_NO));
	page_attr(e, "version-label", CELL(res, i, LC_VERSION_LABEL));
}

struct lg_query {
	struct ledger_filter f;
	char	 city[33], dept[65];
	const char *state_raw, *dept_raw, *from_raw, *to_raw;
};

static void
lg_parse(const struct form *fm, struct lg_query *q, struct diag *dg)
{
	memset(q, 0, sizeof(*q));
	if ((q->state_raw = form_text(fm, "state", dg)) && strcmp(q->state_raw, "owed") &&
	    strcmp(q->state_raw, "notified") && strcmp(q->state_raw, "paid"))
		diag_add(dg, 0, "state: expected owed, notified or paid");
	if ((q->dept_raw = form_text(fm, "dept", dg)) &&
	    parse_dept(q->dept_raw, q->city, q->dept) == -1)
		diag_add(dg, 0, "dept: expected city/dept (lower-case codes), e.g. pocheon/common");
	if ((q->from_raw = form_text(fm, "from", dg)))
		q->f.from = filter_instant(dg, "from", q->from_raw, 0,
		    "expected an ISO 8601 date or date-time");
	/* a date alone includes that whole day */
	if ((q->to_raw = form_text(fm, "to", dg)))
		q->f.to = filter_instant(dg, "to", q->to_raw, 1,
		    "expected an ISO 8601 date or date-time");
	if (q->f.from > 0 && q->f.to > 0 && q->f.to <= q->f.from)
		diag_add(dg, 0, "to: must be after from");
	paging(fm, &q->f.page, &q->f.per_page, dg);
	q->f.state = q->state_raw;
	if (q->city[0]) {
		q->f.city = q->city;
		q->f.dept = q->dept;
	}
}

static int
lg_build(struct req *r, const struct lg_query *q, xmlDocPtr *out, xmlNodePtr *top)
{
	struct db_res res, tot;
	xmlNodePtr root, n, list;
	unsigned long long total = 0;
	unsigned i;

	if (ledger_entries(r->w->db, &q->f, &res) < 0)
		return 503;
	if (ledger_totals(r->w->db, &q->f, &tot) < 0) {
		db_res_free(&res);
		return 503;
	}
	*out = page_new(r, &root);
	*top = xmlNewChild(root, NULL, BAD_CAST "compensation-ledger", NULL);
	kst_attrs(*top, "now", clock_now());
	n = xmlNewChild(*top, NULL, BAD_CAST "filters", NULL);
	page_attr(n, "state", q->state_raw ? q->state_raw : "");
	page_attr(n, "dept", q->dept_raw ? q->dept_raw : "");
	page_attr(n, "from", q->from_raw ? q->from_raw : "");
	page_attr(n, "to", q->to_raw ? q->to_raw : "");
	page_attr_ull(n, "per-page", q->f.per_page);
	list = xmlNewChild(*top, NULL, BAD_CAST "totals", NULL);
	for (i = 0; i < tot.nrows; i++) {
		n = xmlNewChild(list, NULL, BAD_CAST "total", NULL);
		page_attr(n, "state", CELL(&tot, i, LT_STATE));
		page_attr(n, "currency", CELL(&tot, i, LT_CURRENCY));
		page_attr(n, "count", CELL(&tot, i, LT_COUNT));
		page_attr(n, "amount", CELL(&tot, i, LT_AMOUNT));
		total += strtoull(CELL(&tot, i, LT_COUNT), NULL, 10);
	}
	pages_attrs(*top, q->f.page, q->f.per_page, total);
	list = xmlNewChild(*top, NULL, BAD_CAST "entries", NULL);
	for (i = 0; i < res.nrows; i++)
		ledger_row(xmlNewChild(list, NULL, BAD_CAST "entry", NULL), &res, i);
	db_res_free(&res);
	db_res_free(&tot);
	return 0;
}

int
h_ledger(struct req *r)
{
	struct form fm;
	struct lg_query q;
	struct diag *dg;
	xmlDocPtr doc = NULL;
	xmlNodePtr top;
	int	 st;

	if (r->who.role != ROLE_ADMIN && r->who.role != ROLE_AUDITOR)
		return page_error(r, 403, FMT_HTML,
		    "only admin and auditor credentials may read the compensation ledger", NULL);
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 503;
	if (form_parse(&fm, r->query, strlen(r->query)) == -1) {
		diag_add(dg, 0, "the query string is malformed");
		return bad_request(r, dg, FMT_HTML);
	}
	lg_parse(&fm, &q, dg);
	if (dg->n) {
		st = bad_request(r, dg, FMT_HTML);
		form_free(&fm);
		return st;
	}
	free(dg);
	if ((st = lg_build(r, &q, &doc, &top)) == 0)
		st = answer(r, doc, top, FMT_HTML);
	xmlFreeDoc(doc);
	form_free(&fm);
	return st;
}

/* The entry and its log as <compensation-entry>. */
static int
entry_answer(struct req *r, unsigned long long id)
{
	struct db_res e, lg;
	xmlDocPtr doc;
	xmlNodePtr root, top, list, c;
	unsigned i;
	int	 st;

	if (ledger_entry(r->w->db, id, &e) < 0)
		return 503;
	if (ledger_log(r->w->db, id, &lg) < 0) {
		db_res_free(&e);
		return 503;
	}
	doc = page_new(r, &root);
	top = xmlNewChild(root, NULL, BAD_CAST "compensation-entry", NULL);
	if (e.nrows)
		ledger_row(top, &e, 0);
	list = xmlNewChild(top, NULL, BAD_CAST "log", NULL);
	for (i = 0; i < lg.nrows; i++) {
		c = xmlNewChild(list, NULL, BAD_CAST "change", NULL);
		page_attr(c, "state", CELL(&lg, i, 0));
		kst_attrs(c, "at", epoch(db_cell(&lg, i, 1)));
		page_attr(c, "by", CELL(&lg, i, 2));
		page_attr(c, "note", CELL(&lg, i, 3));
	}
	db_res_free(&e);
	db_res_free(&lg);
	r->status = 200;
	st = answer(r, doc, top, FMT_XML);
	xmlFreeDoc(doc);
	return st;
}

int
h_ledger_advance(struct req *r)
{
	const struct form_field *sf, *nf;
	struct form fm;
	unsigned long long id;
	char	 why[300], *end;
	int	 rc;

	if (r->who.role != ROLE_ADMIN)
		return page_error(r, 403, FMT_XML,
		    "only an admin credential may change a compensation's state", NULL);
	id = strtoull(r->m.param[0], &end, 10);
	if (*end || r->m.param[0][0] < '1' || r->m.param[0][0] > '9' || strlen(r->m.param[0]) > 19)
		return page_error(r, 404, FMT_XML, "no such compensation entry", NULL);
	if (form_parse(&fm, r->body ? r->body : "", r->body_len) == -1)
		return page_error(r, 422, FMT_XML, "the body is not a valid urlencoded form", NULL);
	sf = form_get(&fm, "state");
	nf = form_get(&fm, "note");
	if (sf == NULL || (strcmp(sf->value, "notified") && strcmp(sf->value, "paid")) ||
	    strlen(sf->value) != sf->vlen)
		rc = page_error(r, 422, FMT_XML, "state: expected notified or paid", NULL);
	else if (nf && (nf->vlen > 500 || strlen(nf->value) != nf->vlen ||
	    !utf8_valid(nf->value, nf->vlen, NULL) || utf8_has_controls(nf->value, nf->vlen)))
		rc = page_error(r, 422, FMT_XML,
		    "note: at most 500 bytes of text on one line", NULL);
	else {
		rc = ledger_advance(r->w->db, id, sf->value, r->who.name,
		    nf ? nf->value : NULL, clock_now(), why, sizeof(why));
		if (rc == 1)
			rc = page_error(r, 409, FMT_XML, why, NULL);
		else if (rc == 2)
			rc = page_error(r, 404, FMT_XML, "no such compensation entry", NULL);
		else if (rc == 0)
			rc = entry_answer(r, id);
		else
			rc = 503;
	}
	form_free(&fm);
	return rc;
}
