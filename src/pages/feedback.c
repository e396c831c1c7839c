/* feedback: the questionnaire on the citizen's status page and the
 * auditor's survey results and improvement plans. Every field is declared
 * with its validator and bounds; a refused questionnaire comes back on the
 * status page with each error beside its field and every value as typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "feedback.h"
#include "page.h"
#include "status.h"
#include "../domain/auth.h"
#include "../domain/board_form.h"
#include "../domain/calendar.h"
#include "../domain/csrf.h"
#include "../domain/feed.h"
#include "../domain/instant.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/db.h"
#include "../store/feedback_store.h"
#include "../store/petition_read.h"
#include "../util/clock.h"
#include "../util/conf.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/timefmt.h"
#include "../util/utf8.h"

#define COMMENT_MAX	500	/* characters */
#define SUMMARY_MAX	4000
#define PLAN_MAX	8000
#define YEAR_MIN	1990
#define YEAR_MAX	2200
#define CELL(r, row, c) (db_cell((r), (row), (c)) ? db_cell((r), (row), (c)) : "")

/* ---- the questionnaire ------------------------------------------------- */

enum fb_field { FF_SCORE, FF_KEPT, FF_COMMENT, FF__MAX };
static const char *const ff_names[FF__MAX] = { "score", "promise_kept", "comment" };

struct fb_form {
	const char		*raw[FF__MAX];	/* as sent, for showing again */
	size_t			 rawlen[FF__MAX];
	const char		*err[FF__MAX];
	const char		*notice;	/* form-level: the CSRF token */
	size_t			 nerr;
	struct fb_answer	 a;
};

/* A petition can be rated once it has its answer. */
static int
answered(const struct petition_view *v)
{
	return strcmp(v->state, "answered") == 0 || strcmp(v->state, "closed") == 0;
}

static const char *
check_score(const struct form_field *f, unsigned *out)
{
	if (f == NULL || f->vlen == 0)
		return "만족도를 1에서 5 사이에서 골라 주십시오 (score: required, 1-5).";
	if (f->vlen != 1 || f->value[0] < '1' || f->value[0] > '5')
		return "만족도는 1에서 5 사이의 숫자입니다 (score: 1-5).";
	*out = (unsigned)(f->value[0] - '0');
	return NULL;
}

static const char *
check_kept(const struct form_field *f, int *out)
{
	*out = -1;
	if (f == NULL || f->vlen == 0)
		return NULL;	/* not said */
	if (strcmp(f->value, "yes") == 0 && f->vlen == 3)
		*out = 1;
	else if (strcmp(f->value, "no") == 0 && f->vlen == 2)
		*out = 0;
	else
		return "약속을 지켰는지는 예 또는 아니오로 답해 주십시오 (promise_kept: yes or no).";
	return NULL;
}

static const char *
check_comment(const struct form_field *f, const char **out)
{
	*out = NULL;
	if (f == NULL || f->vlen == 0)
		return NULL;
	if (strlen(f->value) != f->vlen || !utf8_valid(f->value, f->vlen, NULL) ||
	    utf8_has_controls(f->value, f->vlen))
		return "의견에 쓸 수 없는 문자가 있습니다 (comment: not valid text).";
	if (utf8_chars(f->value, f->vlen) > COMMENT_MAX)
		return "의견은 500자 이내로 써 주십시오 (comment: at most 500 characters).";
	*out = f->value;
	return NULL;
}

/* Validates the post into ff; the number of errors. */
static size_t
fb_check(struct fb_form *ff, const struct form *f, const struct conf *c, time_t now)
{
	const struct form_field *x[FF__MAX];

	memset(ff, 0, sizeof(*ff));
	for (int i = 0; i < FF__MAX; i++)
		if ((x[i] = form_get(f, ff_names[i])) != NULL) {
			ff->raw[i] = x[i]->value;
			ff->rawlen[i] = x[i]->vlen;
		}
	ff->err[FF_SCORE] = check_score(x[FF_SCORE], &ff->a.score);
	ff->err[FF_KEPT] = check_kept(x[FF_KEPT], &ff->a.promise_kept);
	ff->err[FF_COMMENT] = check_comment(x[FF_COMMENT], &ff->a.comment);
	for (int i = 0; i < FF__MAX; i++)
		ff->nerr += ff->err[i] != NULL;
	if (csrf_check(c->secret, c->secret_len, form_get(f, "csrf") ?
	    form_get(f, "csrf")->value : NULL, now, CSRF_MAX_AGE) != CSRF_OK) {
		ff->notice = "이 설문 양식은 만료되었거나 이 사이트에서 온 것이 아닙니다."
		    " 입력한 내용은 그대로 두었으니 다시 제출해 주십시오 (the form's token is"
		    " missing, forged or expired).";
		ff->nerr++;
	}
	return ff->nerr;
}

/* The answer given: <answer score promise-kept at><comment/></answer>. */
static int
answer_xml(xmlNodePtr fb, const struct db_res *res)
{
	xmlNodePtr a = xmlNewChild(fb, NULL, BAD_CAST "answer", NULL);
	const char *kept = db_cell(res, 0, 1);
	char	 s[32];
	time_t	 t = (time_t)strtoll(CELL(res, 0, 3), NULL, 10);

	page_attr(a, "score", CELL(res, 0, 0));
	if (kept)
		page_attr(a, "promise-kept", strcmp(kept, "1") == 0 ? "yes" : "no");
	time_kst(t, s);
	page_attr(a, "at", s);
	if (db_cell(res, 0, 2))
		page_text(a, "comment", db_cell(res, 0, 2));
	return 0;
}

/* The empty or refused form: csrf, code, fields with values and errors. */
static int
form_xml(struct req *r, xmlNodePtr fb, const char *code, const struct fb_form *ff)
{
	const struct conf *c = r->w->conf;
	char	 tok[CSRF_TOKEN_MAX], *shown;
	xmlNodePtr f, x;

	if (c->secret_len == 0 || csrf_issue(c->secret, c->secret_len, clock_now(), tok) == -1)
		return 0;	/* not configured: the form cannot be posted */
	f = xmlNewChild(fb, NULL, BAD_CAST "form", NULL);
	page_attr(f, "csrf", tok);
	if ((shown = bf_display(code ? code : "", code ? strlen(code) : 0)) == NULL)
		return -1;
	page_attr(f, "code", shown);
	free(shown);
	if (ff && ff->notice)
		page_text(f, "notice", ff->notice);
	for (int i = 0; i < FF__MAX; i++) {
		shown = ff && ff->raw[i] ? bf_display(ff->raw[i], ff->rawlen[i]) : NULL;
		if (ff && ff->raw[i] && shown == NULL)
			return -1;
		x = page_text(f, "field", shown ? shown : "");
		free(shown);
		page_attr(x, "name", ff_names[i]);
		if (ff && ff->err[i])
			page_attr(x, "error", ff->err[i]);
	}
	return 0;
}

int
feedback_xml(struct req *r, xmlNodePtr p, const struct petition_view *v,
    const char *code, const struct fb_form *redo)
{
	struct db_res res = { 0 };
	xmlNodePtr fb;
	int	 rc;

	if (!answered(v))
		return 0;
	if (fbstore_get(r->w->db, v->id, &res) < 0)
		return -1;
	fb = xmlNewChild(p, NULL, BAD_CAST "feedback", NULL);
	page_attr(fb, "receipt", v->receipt);
	page_attr(fb, "state", res.nrows ? "given" : "open");
	rc = res.nrows ? answer_xml(fb, &res) : form_xml(r, fb, code, redo);
	db_res_free(&res);
	return rc;
}

/* "/petitions/R?code=C", the code percent-encoded (RFC 3986 §2.1). */
static void
status_url(const char *receipt, const char *code, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 k = (size_t)snprintf(out, n, "/petitions/%s?code=", receipt);

	for (const unsigned char *c = (const unsigned char *)code; *c && k + 4 < n; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.' || *c == '~')
			out[k++] = (char)*c;
		else {
			out[k++] = '%';
			out[k++] = hex[*c >> 4];
			out[k++] = hex[*c & 15];
		}
	}
	out[k < n ? k : n - 1] = '\0';
}

/* Valid and for an answered petition without an answer yet: stores it. */
static int
fb_store(struct req *r, const struct petition_view *v, const char *code,
    const struct fb_form *ff)
{
	char	 loc[RECEIPT_MAX + 3 * ACCESS_CODE_MAX + 200];

	switch (fbstore_put(r->w->db, v->id, &ff->a)) {
	case FB_OK:
		log_info(r->id, "questionnaire answered for %s", v->receipt);
		status_url(v->receipt, code, loc, sizeof(loc));
		req_header(r, "Location", loc);
		req_header(r, "Cache-Control", "no-store");
		r->status = 303;
		return 0;
	case FB_DUP:
		return page_error(r, 409, FMT_HTML, "이 민원의 설문에는 이미 답하셨습니다"
		    " (already answered: one questionnaire per petition)", NULL);
	default:
		log_err(r->id, "questionnaire not stored: %s", db_error(r->w->db));
		return 503;
	}
}

static int
fb_decide(struct req *r, const struct form *f, const struct petition_view *v,
    const char *code)
{
	struct db_res res = { 0 };
	struct fb_form ff;
	long long n;

	if (!answered(v))
		return page_error(r, 409, FMT_HTML, "아직 답변하지 않은 민원입니다. 답변을 받은 뒤에"
		    " 설문에 답할 수 있습니다 (not answered yet)", NULL);
	if ((n = fbstore_get(r->w->db, v->id, &res)) < 0)
		return 503;
	db_res_free(&res);
	if (n > 0)
		return page_error(r, 409, FMT_HTML, "이 민원의 설문에는 이미 답하셨습니다"
		    " (already answered: one questionnaire per petition)", NULL);
	if (fb_check(&ff, f, r->w->conf, clock_now()) > 0)
		return status_page(r, v, code, &ff, ff.notice && ff.nerr == 1 ? 403 : 422);
	return fb_store(r, v, code, &ff);
}

int
h_petition_feedback(struct req *r)
{
	struct form f;
	struct petition_view v;
	const struct form_field *code;
	int	 st;

	if (r->w->conf->secret_len == 0)
		return page_error(r, 503, FMT_HTML, "the questionnaire is not configured on"
		    " this server (secret_file is not set)", NULL);
	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) != 0)
		return page_error(r, 415, FMT_HTML,
		    "send the form as application/x-www-form-urlencoded", NULL);
	if (form_parse(&f, r->body ? r->body : "", r->body_len) == -1)
		return page_error(r, 400, FMT_HTML, "the form data is malformed", NULL);
	code = form_get(&f, "code");
	if (status_find(r, code ? code->value : NULL, &v, &st) != 1) {
		form_free(&f);
		return st;
	}
	st = fb_decide(r, &f, &v, code->value);
	pread_free(&v);
	form_free(&f);
	return st;
}

/* ---- survey results and improvement plans ------------------------------ */

static int
may_publish(const struct principal *p)
{
	return p->role == ROLE_AUDITOR || p->role == ROLE_ADMIN;
}

/* Text of 1..max characters; NULL (and reported) when required and
 * missing or not valid. */
static const char *
text(struct diag *dg, const struct form *f, const char *name, size_t max)
{
	const struct form_field *x = form_get(f, name);

	if (x == NULL || x->vlen == 0)
		diag_add(dg, 0, "%s: required", name);
	else if (strlen(x->value) != x->vlen || !utf8_valid(x->value, x->vlen, NULL) ||
	    utf8_has_controls(x->value, x->vlen))
		diag_add(dg, 0, "%s: not valid text", name);
	else if (utf8_chars(x->value, x->vlen) > max)
		diag_add(dg, 0, "%s: at most %zu characters", name, max);
	else
		return x->value;
	return NULL;
}

/* Decimal digits only, at most max; -1 (reported) otherwise. */
static long long
number(struct diag *dg, const struct form *f, const char *name, long long min,
    long long max)
{
	const struct form_field *x = form_get(f, name);
	long long v = 0;

	if (x == NULL || x->vlen == 0) {
		diag_add(dg, 0, "%s: required", name);
		return -1;
	}
	for (size_t i = 0; i < x->vlen && v <= max; i++) {
		if (x->value[i] < '0' || x->value[i] > '9') {
			v = -1;
			break;
		}
		v = v * 10 + (x->value[i] - '0');
	}
	if (v < min || v > max) {
		diag_add(dg, 0, "%s: a whole number from %lld to %lld", name, min, max);
		return -1;
	}
	return v;
}

/* "0".."100" with at most two decimals ("87.5", "100.00"). */
static const char *
score(struct diag *dg, const struct form *f)
{
	const struct form_field *x = form_get(f, "score");
	size_t	 ip, fp = 0;
	const char *v;

	if (x == NULL || x->vlen == 0) {
		diag_add(dg, 0, "score: required (0 to 100, at most two decimals)");
		return NULL;
	}
	v = x->value;
	ip = strspn(v, "0123456789");
	if (v[ip] == '.')
		fp = strspn(v + ip + 1, "0123456789");
	if (ip < 1 || ip > 3 || (v[ip] == '.' && (fp < 1 || fp > 2)) ||
	    ip + (v[ip] == '.' ? fp + 1 : 0) != x->vlen || strtod(v, NULL) > 100.0) {
		diag_add(dg, 0, "score: a number from 0 to 100 with at most two decimals");
		return NULL;
	}
	return v;
}

/* published_at: a date (its start, KST) or an instant with an offset, in
 * the stored range and not ahead of now beyond the tolerance; now when not
 * given. */
static time_t
published(struct diag *dg, const struct form *f, time_t now, long ahead)
{
	const struct form_field *x = form_get(f, "published_at");
	int	 y, m, d, used = 0;
	int64_t	 day, yy;
	int	 mm, dd;
	time_t	 t = 0;
	char	 why[INSTANT_WHY];
	int	 parsed = 0;

	if (x == NULL || x->vlen == 0)
		return now;
	if (x->vlen == 10 && sscanf(x->value, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	    used == 10 && y >= YEAR_MIN && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		day = cal_civil_day(y, m, d);
		cal_civil_from_day(day, &yy, &mm, &dd);
		if ((parsed = yy == y && mm == m && dd == d))
			t = cal_day_start((int32_t)day);
	} else if (strlen(x->value) == x->vlen)
		parsed = time_iso_read(x->value, &t) == 0;
	if (!parsed)
		diag_add(dg, 0, "published_at: a date (2026-03-31) or an ISO 8601 date-time"
		    " with an offset (2026-03-31T10:00:00+09:00)");
	else if (instant_check(t, now, ahead, why) != NULL)
		diag_add(dg, 0, "published_at: %s", why);	/* future_tolerance */
	else
		return t;
	return 0;
}

static const char *
kind(struct diag *dg, const struct form *f)
{
	const struct form_field *x = form_get(f, "kind");

	if (x == NULL || x->vlen == 0 || (strcmp(x->value, "satisfaction") == 0 &&
	    x->vlen == 12))
		return "satisfaction";
	if (strcmp(x->value, "compliance") == 0 && x->vlen == 10)
		return "compliance";
	diag_add(dg, 0, "kind: satisfaction or compliance");
	return NULL;
}

static void
json_str(struct req *r, const char *name, const char *v, int first)
{
	buf_printf(&r->out, "%s\"%s\":\"", first ? "" : ",", name);
	buf_json_str(&r->out, v);
	buf_puts(&r->out, "\"");
}

/* A survey row: as an element under parent, or as a JSON object. */
static void
survey_xml(xmlNodePtr parent, const struct db_res *s, unsigned i)
{
	xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST "survey-result", NULL);
	char	 t[32];

	page_attr(e, "id", CELL(s, i, FS_ID));
	page_attr(e, "city", CELL(s, i, FS_CITY));
	page_attr(e, "dept", CELL(s, i, FS_DEPT));
	page_attr(e, "year", CELL(s, i, FS_YEAR));
	page_attr(e, "kind", CELL(s, i, FS_KIND));
	page_attr(e, "respondents", CELL(s, i, FS_RESPONDENTS));
	page_attr(e, "score", CELL(s, i, FS_SCORE));
	time_iso_kst((time_t)strtoll(CELL(s, i, FS_PUBLISHED), NULL, 10), t);
	page_attr(e, "published-at", t);
	page_attr(e, "recorded-by", CELL(s, i, FS_BY));
	page_text(e, "summary", CELL(s, i, FS_SUMMARY));
}

static void
survey_json(struct req *r, const struct db_res *s, unsigned i)
{
	char	 t[32];

	time_iso_kst((time_t)strtoll(CELL(s, i, FS_PUBLISHED), NULL, 10), t);
	buf_printf(&r->out, "{\"id\":%s", CELL(s, i, FS_ID));
	json_str(r, "city", CELL(s, i, FS_CITY), 0);
	json_str(r, "dept", CELL(s, i, FS_DEPT), 0);
	buf_printf(&r->out, ",\"year\":%s", CELL(s, i, FS_YEAR));
	json_str(r, "kind", CELL(s, i, FS_KIND), 0);
	buf_printf(&r->out, ",\"respondents\":%s,\"score\":%s",
	    CELL(s, i, FS_RESPONDENTS), CELL(s, i, FS_SCORE));
	json_str(r, "summary", CELL(s, i, FS_SUMMARY), 0);
	json_str(r, "published_at", t, 0);
	json_str(r, "recorded_by", CELL(s, i, FS_BY), 0);
	buf_puts(&r->out, "}");
}

static void
plan_xml(xmlNodePtr parent, const struct db_res *p, unsigned i)
{
	xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST "improvement-plan", NULL);
	char	 t[32];

	page_attr(e, "id", CELL(p, i, FP_ID));
	page_attr(e, "city", CELL(p, i, FP_CITY));
	page_attr(e, "dept", CELL(p, i, FP_DEPT));
	page_attr(e, "year", CELL(p, i, FP_YEAR));
	time_iso_kst((time_t)strtoll(CELL(p, i, FP_PUBLISHED), NULL, 10), t);
	page_attr(e, "published-at", t);
	page_attr(e, "recorded-by", CELL(p, i, FP_BY));
	page_text(e, "plan", CELL(p, i, FP_PLAN));
}

static void
plan_json(struct req *r, const struct db_res *p, unsigned i)
{
	char	 t[32];

	time_iso_kst((time_t)strtoll(CELL(p, i, FP_PUBLISHED), NULL, 10), t);
	buf_printf(&r->out, "{\"id\":%s", CELL(p, i, FP_ID));
	json_str(r, "city", CELL(p, i, FP_CITY), 0);
	json_str(r, "dept", CELL(p, i, FP_DEPT), 0);
	buf_printf(&r->out, ",\"year\":%s", CELL(p, i, FP_YEAR));
	json_str(r, "plan", CELL(p, i, FP_PLAN), 0);
	json_str(r, "published_at", t, 0);
	json_str(r, "recorded_by", CELL(p, i, FP_BY), 0);
	buf_puts(&r->out, "}");
}

/* The answer for surveys s and plans p: one stored row (201, *_one set) or
 * the department's list (200). */
static int
answer(struct req *r, const struct db_res *s, const struct db_res *p, int created)
{
	enum req_fmt fmt = req_format(r, FMT_XML);
	xmlDocPtr doc;
	xmlNodePtr root, parent;
	int	 rc;

	buf_reset(&r->out);
	r->status = created ? 201 : 200;
	req_header(r, "Cache-Control", "no-store");
	if (fmt == FMT_JSON) {
		if (created)
			s ? survey_json(r, s, 0) : plan_json(r, p, 0);
		else {
			buf_printf(&r->out, "{\"city\":\"%s\",\"dept\":\"%s\",\"surveys\":[",
			    r->m.param[0], r->m.param[1]);	/* [a-z0-9-]: the route's */
			for (unsigned i = 0; i < s->nrows; i++) {
				buf_puts(&r->out, i ? "," : "");
				survey_json(r, s, i);
			}
			buf_puts(&r->out, "],\"plans\":[");
			for (unsigned i = 0; i < p->nrows; i++) {
				buf_puts(&r->out, i ? "," : "");
				plan_json(r, p, i);
			}
			buf_puts(&r->out, "]}");
		}
		buf_puts(&r->out, "\n");
		snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
		return 0;
	}
	if ((doc = page_new(r, &root)) == NULL)
		return 503;
	parent = root;
	if (!created) {
		parent = xmlNewChild(root, NULL, BAD_CAST "surveys", NULL);
		page_attr(parent, "city", r->m.param[0]);
		page_attr(parent, "dept", r->m.param[1]);
	}
	for (unsigned i = 0; s && i < s->nrows; i++)
		survey_xml(parent, s, i);
	for (unsigned i = 0; p && i < p->nrows; i++)
		plan_xml(parent, p, i);
	rc = fmt == FMT_HTML ? page_html(r, doc) : page_xml(r, doc);
	xmlFreeDoc(doc);
	return rc == -1 ? 500 : 0;
}

/* The department exists and the credential may publish for it: 0, or the
 * answer was made (*done) / the status to return. */
static int
publish_checks(struct req *r, struct form *f, int *done)
{
	*done = 1;
	if (!may_publish(&r->who))
		return page_error(r, 403, FMT_XML, "only auditor and admin credentials"
		    " may publish survey results and improvement plans", NULL);
	if (app_catalog(r->w) == -1)
		return 503;
	if (catalog_find(&r->w->cat, r->m.param[0], r->m.param[1]) == NULL)
		return page_error(r, 404, FMT_XML, "no such department", NULL);
	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) != 0)
		return page_error(r, 415, FMT_XML, "send the fields as"
		    " application/x-www-form-urlencoded", NULL);
	if (form_parse(f, r->body ? r->body : "", r->body_len) == -1)
		return page_error(r, 400, FMT_XML, "the form data is malformed", NULL);
	*done = 0;
	return 0;
}

/* After fbstore_*_put: 201 with the stored row, 409 or 503. */
static int
stored(struct req *r, enum fb_result res, unsigned long long id, int survey)
{
	struct db_res row = { 0 };
	char	 loc[300];
	long long n;
	int	 rc;

	if (res == FB_DUP)
		return page_error(r, 409, FMT_XML, survey ? "already published: that"
		    " department has a result of that kind for that year" : "already"
		    " published: that department has an improvement plan for that year", NULL);
	if (res != FB_OK) {
		log_err(r->id, "%s not stored: %s", survey ? "survey result" :
		    "improvement plan", db_error(r->w->db));
		return 503;
	}
	log_info(r->id, "%s %llu of %s/%s published by %s", survey ? "survey result" :
	    "improvement plan", id, r->m.param[0], r->m.param[1], r->who.name);
	n = survey ? fbstore_surveys(r->w->db, r->m.param[0], r->m.param[1], id, &row) :
	    fbstore_plans(r->w->db, r->m.param[0], r->m.param[1], id, &row);
	if (n != 1) {
		db_res_free(&row);
		return 503;
	}
	rc = answer(r, survey ? &row : NULL, survey ? NULL : &row, 1);
	snprintf(loc, sizeof(loc), "/admin/surveys/%s/%s", r->m.param[0], r->m.param[1]);
	req_header(r, "Location", loc);
	db_res_free(&row);
	return rc;
}

int
h_survey_result_post(struct req *r)
{
	struct fb_survey s = { .city = r->m.param[0], .dept = r->m.param[1],
	    .by = r->who.name };
	unsigned long long id = 0;
	struct form f;
	struct diag *dg;
	long long v;
	int	 done, st;

	if ((st = publish_checks(r, &f, &done)) != 0 || done)
		return st;
	if ((dg = calloc(1, sizeof(*dg))) == NULL) {
		form_free(&f);
		return 503;
	}
	s.year = (unsigned)((v = number(dg, &f, "year", YEAR_MIN, YEAR_MAX)) < 0 ? 0 : v);
	s.kind = kind(dg, &f);
	v = number(dg, &f, "respondents", 1, 4294967295LL);
	s.respondents = v < 0 ? 0 : (unsigned long long)v;
	s.score = score(dg, &f);
	s.summary = text(dg, &f, "summary", SUMMARY_MAX);
	s.published_at = published(dg, &f, clock_now(), (long)r->w->conf->future_tolerance);
	if (dg->n)
		st = page_error(r, 422, FMT_XML, "the survey result was not recorded", dg);
	else {
		enum fb_result res = fbstore_survey_put(r->w->db, &s, &id);
		st = stored(r, res, id, 1);
	}
	free(dg);
	form_free(&f);
	return st;
}

int
h_improvement_plan_post(struct req *r)
{
	struct fb_plan p = { .city = r->m.param[0], .dept = r->m.param[1],
	    .by = r->who.name };
	unsigned long long id = 0;
	struct form f;
	struct diag *dg;
	long long v;
	int	 done, st;

	if ((st = publish_checks(r, &f, &done)) != 0 || done)
		return st;
	if ((dg = calloc(1, sizeof(*dg))) == NULL) {
		form_free(&f);
		return 503;
	}
	p.year = (unsigned)((v = number(dg, &f, "year", YEAR_MIN, YEAR_MAX)) < 0 ? 0 : v);
	p.plan = text(dg, &f, "plan", PLAN_MAX);
	p.published_at = published(dg, &f, clock_now(), (long)r->w->conf->future_tolerance);
	if (dg->n)
		st = page_error(r, 422, FMT_XML, "the improvement plan was not recorded", dg);
	else {
		enum fb_result res = fbstore_plan_put(r->w->db, &p, &id);
		st = stored(r, res, id, 0);
	}
	free(dg);
	form_free(&f);
	return st;
}

int
h_surveys_list(struct req *r)
{
	struct db_res s = { 0 }, p = { 0 };
	int	 rc = 503;

	if (!auth_may_read_petition(&r->who, r->m.param[0], r->m.param[1]))
		return page_error(r, 403, FMT_XML, "this credential may not read that"
		    " department's surveys", NULL);
	if (app_catalog(r->w) == -1)
		return 503;
	if (catalog_find(&r->w->cat, r->m.param[0], r->m.param[1]) == NULL)
		return page_error(r, 404, FMT_XML, "no such department", NULL);
	if (fbstore_surveys(r->w->db, r->m.param[0], r->m.param[1], 0, &s) >= 0 &&
	    fbstore_plans(r->w->db, r->m.param[0], r->m.param[1], 0, &p) >= 0)
		rc = answer(r, &s, &p, 0);
	db_res_free(&s);
	db_res_free(&p);
	return rc;
}
