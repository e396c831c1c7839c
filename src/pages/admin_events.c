/* admin_events: declared fields, each validated with its bounds and every
 * error reported at once (422); the lifecycle's refusal is a 409 with its
 * reason; a recorded event answers 201 with the petition's evaluation.
 * Events are only ever added: no route changes or deletes one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "admin_events.h"
#include "page.h"
#include "../domain/auth.h"
#include "../domain/calendar.h"
#include "../domain/feed.h"
#include "../domain/instant.h"
#include "../domain/lifecycle.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/db.h"
#include "../store/engine_store.h"
#include "../store/petition_admin.h"
#include "../util/clock.h"
#include "../util/conf.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/timefmt.h"
#include "../util/utf8.h"

#define TYPE_MAX	32	/* petition_events.type */

#define CELL(r, row, c) (db_cell((r), (row), (c)) ? db_cell((r), (row), (c)) : "")

/* The validated fields of an event; NULL / 0 when not given. */
struct event_form {
	const char	*type, *officer, *unit, *phone, *reason, *note;
	time_t		 at, due;
	int		 upheld;	/* -1 not given */
	int		 consent;
};

void
events_due_kst(time_t t, char out[32])
{
	struct tm tm;
	time_t	 k = t + 9 * 3600;	/* Asia/Seoul: UTC+9, no DST */

	if (k % 86400 == 0) {	/* midnight: the end of the day before */
		k -= 86400;
		gmtime_r(&k, &tm);
		strftime(out, 32, "%Y-%m-%d 24:00 KST", &tm);
		return;
	}
	gmtime_r(&k, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M KST", &tm);
}

/* One line of text of at most max characters (multiline: newlines allowed). */
static const char *
text(struct diag *dg, const struct form *f, const char *name, size_t max, int multiline)
{
	const struct form_field *x = form_get(f, name);

	if (x == NULL || x->vlen == 0)
		return NULL;
	if (strlen(x->value) != x->vlen || !utf8_valid(x->value, x->vlen, NULL) ||
	    (!multiline && utf8_has_controls(x->value, x->vlen)))
		diag_add(dg, 0, "%s: not valid text", name);
	else if (utf8_chars(x->value, x->vlen) > max)
		diag_add(dg, 0, "%s: at most %zu characters", name, max);
	else
		return x->value;
	return NULL;
}

/* "YYYY-MM-DD": the end (24:00) of that day in Asia/Seoul, or -1. */
static time_t
due_date(const char *v)
{
	int	 y, m, d, used = 0;
	int64_t	 yy;
	int	 mm, dd;
	int64_t	 day;

	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    v[4] != '-' || v[7] != '-' || y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	day = cal_civil_day(y, m, d);
	cal_civil_from_day(day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)	/* 02-30 and the like */
		return -1;
	return cal_day_start((int32_t)(day + 1));
}

/* An instant: ISO 8601 with an offset, in the range the store holds and,
 * unless it is a due (ahead INSTANT_ANY), not ahead of now beyond the
 * tolerance (clocks differ: future_tolerance). */
static time_t
instant(struct diag *dg, const struct form *f, const char *name, time_t now, long ahead)
{
	const struct form_field *x = form_get(f, name);
	char	 why[INSTANT_WHY];
	time_t	 t;

	if (x == NULL || x->vlen == 0)
		return 0;
	/* a new due date alone ("2026-12-04") is the end of that day, KST */
	if (!(ahead == INSTANT_ANY && x->vlen == 10 && (t = due_date(x->value)) > 0) &&
	    (strlen(x->value) != x->vlen || time_iso_read(x->value, &t) == -1)) {
		diag_add(dg, 0, "%s: an ISO 8601 date-time with an offset, e.g."
		    " 2026-11-20T16:00:00+09:00", name);
		return 0;
	}
	if (instant_check(t, now, ahead, why) == NULL)
		return t;
	diag_add(dg, 0, "%s: %s", name, why);
	return 0;
}

/* yes / no; -1 when not given or not one of them (then reported). */
static int
yes_no(struct diag *dg, const struct form *f, const char *name, int no_allowed)
{
	const struct form_field *x = form_get(f, name);

	if (x == NULL || x->vlen == 0)
		return -1;
	if (!strcmp(x->value, "yes") || !strcmp(x->value, "true") || !strcmp(x->value, "1"))
		return 1;
	if (no_allowed &&
	    (!strcmp(x->value, "no") || !strcmp(x->value, "false") || !strcmp(x->value, "0")))
		return 0;
	diag_add(dg, 0, "%s: %s", name, no_allowed ? "yes or no" : "only yes");
	return -1;
}

static const char *
event_type(struct diag *dg, const struct form *f)
{
	const struct form_field *x = form_get(f, "type");

	if (x == NULL || x->vlen == 0) {
		diag_add(dg, 0, "type: missing (forwarded, contacted, answered, ...)");
		return NULL;
	}
	if (x->vlen > TYPE_MAX || strlen(x->value) != x->vlen ||
	    strspn(x->value, "abcdefghijklmnopqrstuvwxyz-") != x->vlen) {
		diag_add(dg, 0, "type: an event name of lower-case letters and hyphens");
		return NULL;
	}
	return x->value;
}

static void
parse_event(struct diag *dg, const struct form *f, time_t now, long ahead,
    struct event_form *e)
{
	int	 ext, dis;

	e->type = event_type(dg, f);
	e->at = instant(dg, f, "at", now, ahead);
	e->officer = text(dg, f, "officer", 100, 0);
	e->unit = text(dg, f, "unit", 100, 0);
	e->phone = text(dg, f, "phone", 40, 0);
	e->due = instant(dg, f, "due", now, INSTANT_ANY);
	e->reason = text(dg, f, "reason", 500, 1);
	e->upheld = yes_no(dg, f, "upheld", 1);
	e->consent = yes_no(dg, f, "consent", 0) == 1;
	e->note = text(dg, f, "note", 500, 1);
	ext = e->type && strcmp(e->type, "extended") == 0;
	dis = e->type && strcmp(e->type, "dissatisfaction") == 0;
	if (ext && e->due == 0 && !form_get(f, "due"))
		diag_add(dg, 0, "due: required for extended (the new due date-time)");
	if (ext && e->reason == NULL && !form_get(f, "reason"))
		diag_add(dg, 0, "reason: required for extended (why the period cannot be kept)");
	if (!ext && e->type && form_get(f, "due"))
		diag_add(dg, 0, "due: only an extended event has a new due date");
	if (dis && e->upheld == -1 && !form_get(f, "upheld"))
		diag_add(dg, 0, "upheld: required for dissatisfaction (yes or no)");
}

/* <result .../> per stored result, under parent. */
static void
results_xml(xmlNodePtr parent, struct db_res *m)
{
	char	 s[32];

	for (unsigned i = 0; i < m->nrows; i++) {
		xmlNodePtr x = xmlNewChild(parent, NULL, BAD_CAST "result", NULL);
		const char *due = db_cell(m, i, PM_DUE), *done = db_cell(m, i, PM_DONE);
		const char *late = db_cell(m, i, PM_LATE);
		page_attr(x, "id", CELL(m, i, PM_ID));
		page_attr(x, "basis", CELL(m, i, PM_BASIS));
		page_attr(x, "from", CELL(m, i, PM_FROM));
		page_attr(x, "to", CELL(m, i, PM_TO));
		page_attr(x, "status", CELL(m, i, PM_STATUS));
		if (due) {
			time_iso_kst((time_t)strtoll(due, NULL, 10), s);
			page_attr(x, "due", s);
			events_due_kst((time_t)strtoll(due, NULL, 10), s);
			page_attr(x, "due-kst", s);
		}
		if (done) {
			time_iso_kst((time_t)strtoll(done, NULL, 10), s);
			page_attr(x, "done", s);
		}
		if (late)
			page_attr(x, "late-seconds", late);
		page_attr(x, "paused", !strcmp(CELL(m, i, PM_PAUSED), "1") ? "yes" : "no");
	}
}

static void
json_time(struct req *r, const char *name, const char *epoch)
{
	char	 s[32];

	if (epoch == NULL) {
		buf_printf(&r->out, ",\"%s\":null", name);
		return;
	}
	time_iso_kst((time_t)strtoll(epoch, NULL, 10), s);
	buf_printf(&r->out, ",\"%s\":\"%s\"", name, s);
}

static void
json_str(struct req *r, const char *lead, const char *s)
{
	buf_puts(&r->out, lead);
	buf_json_str(&r->out, s);
	buf_puts(&r->out, "\"");
}

static void
answer_json(struct req *r, const char *type, struct db_res *p, struct db_res *m)
{
	json_str(r, "{\"receipt\":\"", CELL(p, 0, PA_RECEIPT));
	json_str(r, ",\"event\":\"", type);
	json_str(r, ",\"state\":\"", CELL(p, 0, PA_STATE));
	buf_printf(&r->out, ",\"supplemented\":%s,\"extended\":%s,\"breached\":%s",
	    !strcmp(CELL(p, 0, PA_SUPPLEMENTED), "1") ? "true" : "false",
	    !strcmp(CELL(p, 0, PA_EXTENDED), "1") ? "true" : "false",
	    !strcmp(CELL(p, 0, PA_BREACHED), "1") ? "true" : "false");
	json_time(r, "statutory_due", db_cell(p, 0, PA_STAT_DUE));
	json_time(r, "next_due", db_cell(p, 0, PA_NEXT_DUE));
	buf_puts(&r->out, ",\"results\":[");
	for (unsigned i = 0; i < m->nrows; i++) {
		json_str(r, i ? ",{\"id\":\"" : "{\"id\":\"", CELL(m, i, PM_ID));
		json_str(r, ",\"basis\":\"", CELL(m, i, PM_BASIS));
		json_str(r, ",\"from\":\"", CELL(m, i, PM_FROM));
		json_str(r, ",\"to\":\"", CELL(m, i, PM_TO));
		json_str(r, ",\"status\":\"", CELL(m, i, PM_STATUS));
		json_time(r, "due", db_cell(m, i, PM_DUE));
		json_time(r, "done", db_cell(m, i, PM_DONE));
		buf_printf(&r->out, ",\"late_seconds\":%s,\"paused\":%s}",
		    db_cell(m, i, PM_LATE) ? db_cell(m, i, PM_LATE) : "null",
		    !strcmp(CELL(m, i, PM_PAUSED), "1") ? "true" : "false");
	}
	buf_puts(&r->out, "]}\n");
	snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
}

static int
answer_doc(struct req *r, const char *type, struct db_res *p, struct db_res *m,
    enum req_fmt fmt)
{
	xmlDocPtr doc;
	xmlNodePtr root, e;
	char	 s[32];
	int	 rc;

	if ((doc = page_new(r, &root)) == NULL)
		return -1;
	e = xmlNewChild(root, NULL, BAD_CAST "event-recorded", NULL);
	page_attr(e, "receipt", CELL(p, 0, PA_RECEIPT));
	page_attr(e, "type", type);
	page_attr(e, "state", CELL(p, 0, PA_STATE));
	page_attr(e, "supplemented", !strcmp(CELL(p, 0, PA_SUPPLEMENTED), "1") ? "yes" : "no");
	page_attr(e, "extended", !strcmp(CELL(p, 0, PA_EXTENDED), "1") ? "yes" : "no");
	page_attr(e, "breached", !strcmp(CELL(p, 0, PA_BREACHED), "1") ? "yes" : "no");
	if (db_cell(p, 0, PA_STAT_DUE)) {
		events_due_kst((time_t)strtoll(db_cell(p, 0, PA_STAT_DUE), NULL, 10), s);
		page_attr(e, "statutory-due", s);
	}
	if (db_cell(p, 0, PA_NEXT_DUE)) {
		events_due_kst((time_t)strtoll(db_cell(p, 0, PA_NEXT_DUE), NULL, 10), s);
		page_attr(e, "next-due", s);
	}
	results_xml(e, m);
	rc = fmt == FMT_HTML ? page_html(r, doc) : page_xml(r, doc);
	xmlFreeDoc(doc);
	return rc;
}

/* 201 with the petition as the engine now sees it. */
static int
recorded(struct req *r, const char *receipt, const char *type)
{
	struct db_res p = { 0 }, m = { 0 };
	enum req_fmt fmt = req_format(r, FMT_XML);
	char	 loc[300];
	int	 rc = 503;

	if (padmin_petition(r->w->db, receipt, &p) != 1 ||
	    padmin_measures(r->w->db, strtoull(CELL(&p, 0, PA_ID), NULL, 10), &m) == -1)
		goto out;
	buf_reset(&r->out);
	if (fmt == FMT_JSON)
		answer_json(r, type, &p, &m);
	else if (answer_doc(r, type, &p, &m, fmt) == -1)
		goto out;
	r->status = 201;
	snprintf(loc, sizeof(loc), "/admin/petitions/%s", receipt);
	req_header(r, "Location", loc);
	req_header(r, "Cache-Control", "no-store");
	rc = 0;
out:
	db_res_free(&p);
	db_res_free(&m);
	return rc;
}

static int
record(struct req *r, const char *receipt, const struct event_form *e, time_t now)
{
	struct lc_event ev = { e->type, e->at ? e->at : now, e->due, e->reason,
	    e->officer, e->upheld == 1, e->consent };
	char	 why[600];
	struct diag *dg;

	switch (estore_record_officer(r->w->estore, receipt, &ev, e->consent, e->note,
	    e->unit, e->phone, r->who.name, now, why, sizeof(why))) {
	case ER_OK:
		log_info(r->id, "event %s on %s recorded by %s", e->type, receipt, r->who.name);
		return recorded(r, receipt, e->type);
	case ER_REFUSED:
		return page_error(r, 409, FMT_XML, why, NULL);
	case ER_NOTFOUND:
		return page_error(r, 404, FMT_XML, "no such petition", NULL);
	case ER_INVALID:
		if ((dg = calloc(1, sizeof(*dg))) != NULL)
			diag_add(dg, 0, "type: %s", why);
		page_error(r, 422, FMT_XML, "the event was not recorded", dg);
		free(dg);
		return 0;
	default:
		log_err(r->id, "event on %s not recorded: %s", receipt, why);
		return 503;
	}
}

/* The petition exists and the credential may act for its department:
 * 0, or the answer was made (*answered). */
static int
may_record(struct req *r, const char *receipt, int *answered)
{
	struct db_res p = { 0 };
	int	 rc = padmin_petition(r->w->db, receipt, &p), ok;

	*answered = 1;
	if (rc < 0)
		return 503;
	if (rc == 0)
		return page_error(r, 404, FMT_XML, "no such petition", NULL);
	ok = auth_may_edit_charter(&r->who, CELL(&p, 0, PA_CITY), CELL(&p, 0, PA_DEPT));
	db_res_free(&p);
	if (!ok)
		return page_error(r, 403, FMT_XML, "this credential may not record events"
		    " for that department", NULL);
	*answered = 0;
	return 0;
}

static int
urlencoded(struct req *r, struct form *f)
{
	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) != 0) {
		page_error(r, 415, FMT_XML, "send the fields as"
		    " application/x-www-form-urlencoded", NULL);
		return -1;
	}
	if (form_parse(f, r->body ? r->body : "", r->body_len) == -1) {
		page_error(r, 400, FMT_XML, "the form data is malformed", NULL);
		return -1;
	}
	return 0;
}

int
h_event_post(struct req *r)
{
	const char *receipt = r->m.param[0];
	struct event_form e;
	struct form f;
	struct diag *dg;
	time_t	 now = clock_now();
	int	 answered, st;

	if ((st = may_record(r, receipt, &answered)) != 0 || answered)
		return st;
	if (urlencoded(r, &f) == -1)
		return 0;
	if ((dg = calloc(1, sizeof(*dg))) == NULL) {
		form_free(&f);
		return 503;
	}
	memset(&e, 0, sizeof(e));
	parse_event(dg, &f, now, (long)r->w->conf->future_tolerance, &e);
	if (dg->n)
		st = page_error(r, 422, FMT_XML, "the event was not recorded", dg);
	else
		st = record(r, receipt, &e, now);
	free(dg);
	form_free(&f);
	return st;
}

static const char *
duty_what(struct diag *dg, const struct form *f)
{
	static const char *const whats[] = { "board-check", "satisfaction-survey",
	    "survey-published", "improvement-plan", "compliance-survey", NULL };
	const struct form_field *x = form_get(f, "what");

	for (size_t i = 0; x && whats[i]; i++)
		if (strcmp(x->value, whats[i]) == 0 && strlen(x->value) == x->vlen)
			return whats[i];
	diag_add(dg, 0, "what: one of board-check, satisfaction-survey, survey-published,"
	    " improvement-plan, compliance-survey");
	return NULL;
}

static int
duty_recorded(struct req *r, const char *what, time_t at)
{
	xmlDocPtr doc;
	xmlNodePtr root, d;
	enum req_fmt fmt = req_format(r, FMT_XML);
	char	 s[32];
	int	 rc;

	time_iso_kst(at, s);
	r->status = 201;
	if (fmt == FMT_JSON) {
		buf_reset(&r->out);
		json_str(r, "{\"city\":\"", r->m.param[0]);
		json_str(r, ",\"dept\":\"", r->m.param[1]);
		json_str(r, ",\"what\":\"", what);
		buf_printf(&r->out, ",\"at\":\"%s\"}\n", s);
		snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
		return 0;
	}
	if ((doc = page_new(r, &root)) == NULL)
		return 503;
	d = xmlNewChild(root, NULL, BAD_CAST "duty-recorded", NULL);
	page_attr(d, "city", r->m.param[0]);
	page_attr(d, "dept", r->m.param[1]);
	page_attr(d, "what", what);
	page_attr(d, "at", s);
	rc = fmt == FMT_HTML ? page_html(r, doc) : page_xml(r, doc);
	xmlFreeDoc(doc);
	return rc == -1 ? 500 : 0;
}

static int
duty_store(struct req *r, const char *what, time_t at, const char *note)
{
	long long n = db_exec(r->w->db, "INSERT INTO duty_records (city, dept, what, at,"
	    " note, recorded_by, recorded_at) VALUES (?, ?, ?,"
	    " TIMESTAMPADD(SECOND, ?, '1970-01-01'), ?, ?, " DB_US ")", "sssissi",
	    r->m.param[0], r->m.param[1], what, (long long)at, note, r->who.name,
	    clock_now_us());

	if (n == 1)
		return duty_recorded(r, what, at);
	if (db_errno(r->w->db) == 1062)	/* ER_DUP_ENTRY: duty_records_once */
		return page_error(r, 409, FMT_XML, "already recorded: this duty has a record"
		    " at that instant", NULL);
	log_err(r->id, "duty record not stored: %s", db_error(r->w->db));
	return 503;
}

int
h_duty_post(struct req *r)
{
	const char *city = r->m.param[0], *dept = r->m.param[1], *what, *note;
	struct form f;
	struct diag *dg;
	time_t	 now = clock_now(), at;
	int	 st;

	if (!auth_may_edit_charter(&r->who, city, dept))
		return page_error(r, 403, FMT_XML, "this credential may not record duties"
		    " for that department", NULL);
	if (app_catalog(r->w) == -1)
		return 503;
	if (catalog_find(&r->w->cat, city, dept) == NULL)
		return page_error(r, 404, FMT_XML, "no such department", NULL);
	if (urlencoded(r, &f) == -1)
		return 0;
	if ((dg = calloc(1, sizeof(*dg))) == NULL) {
		form_free(&f);
		return 503;
	}
	what = duty_what(dg, &f);
	at = instant(dg, &f, "at", now, (long)r->w->conf->future_tolerance);
	note = text(dg, &f, "note", 500, 1);
	if (dg->n)
		st = page_error(r, 422, FMT_XML, "the duty was not recorded", dg);
	else
		st = duty_store(r, what, at ? at : now, note);
	free(dg);
	form_free(&f);
	return st;
}
