/* open311: GeoReport v2 handlers (wiki.open311.org/GeoReport_v2). Answers
 * are written through one small writer that emits the specification's XML
 * (a libxml2 tree) or its JSON from the same calls. Services come from the
 * catalogue of current charters; requests are petitions. Only public facts
 * are ever selected: no title, body, applicant or officer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include <libxml/tree.h>
#include "open311.h"
#include "page.h"
#include "../domain/auth.h"
#include "../domain/board_form.h"
#include "../domain/csrf.h"
#include "../domain/open311.h"
#include "../domain/petition.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/charter_store.h"
#include "../store/db.h"
#include "../store/petition_store.h"
#include "../store/token_store.h"
#include "../util/clock.h"
#include "../util/buf.h"
#include "../util/conf.h"
#include "../util/log.h"
#include "../util/timefmt.h"

#define SPEC_URL	"http://wiki.open311.org/GeoReport_v2"
#define OW_DEPTH	8

/* ---- one writer, two formats ---------------------------------------- */

struct ow {
	enum req_fmt	 fmt;
	struct buf	*b;		/* JSON: the answer */
	xmlDocPtr	 doc;		/* XML */
	xmlNodePtr	 cur;
	int		 depth;
	char		 kind[OW_DEPTH];	/* 'o' object, 'a' array */
	int		 first[OW_DEPTH];
	const char	*item[OW_DEPTH];	/* XML element of an array's items */
};

/* The JSON separator and key of the next member. */
static void
ow_key(struct ow *w, const char *key)
{
	if (!w->first[w->depth])
		buf_puts(w->b, ",");
	w->first[w->depth] = 0;
	if (w->kind[w->depth] == 'o') {
		buf_puts(w->b, "\"");
		buf_json_str(w->b, key);
		buf_puts(w->b, "\":");
	}
}

static const char *
ow_elem(const struct ow *w, const char *key)
{
	return w->kind[w->depth] == 'a' ? w->item[w->depth] : key;
}

/* A document whose root is a list of item elements (JSON: an array) or an
 * object. */
static int
ow_start(struct ow *w, struct req *r, const char *root, const char *item)
{
	memset(w, 0, sizeof(*w));
	w->fmt = req_format(r, FMT_XML) == FMT_JSON ? FMT_JSON : FMT_XML;
	w->b = &r->out;
	w->kind[0] = item ? 'a' : 'o';
	w->first[0] = 1;
	w->item[0] = item;
	buf_reset(&r->out);
	if (w->fmt == FMT_JSON)
		return buf_puts(w->b, item ? "[" : "{");
	if ((w->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return -1;
	w->cur = xmlNewDocNode(w->doc, NULL, BAD_CAST root, NULL);
	xmlDocSetRootElement(w->doc, w->cur);
	return w->cur ? 0 : -1;
}

/* Opens an object (item NULL) or a list of item elements under key. */
static void
ow_open(struct ow *w, const char *key, const char *item)
{
	if (w->fmt == FMT_JSON) {
		ow_key(w, key);
		buf_puts(w->b, item ? "[" : "{");
	} else
		w->cur = xmlNewChild(w->cur, NULL, BAD_CAST ow_elem(w, key), NULL);
	w->depth++;
	w->kind[w->depth] = item ? 'a' : 'o';
	w->first[w->depth] = 1;
	w->item[w->depth] = item;
}

static void
ow_close(struct ow *w)
{
	if (w->fmt == FMT_JSON)
		buf_puts(w->b, w->kind[w->depth] == 'a' ? "]" : "}");
	else
		w->cur = w->cur->parent;
	w->depth--;
}

/* A string member (JSON null when v is NULL; XML an empty element). */
static void
ow_str(struct ow *w, const char *key, const char *v)
{
	if (w->fmt == FMT_XML) {
		xmlNewTextChild(w->cur, NULL, BAD_CAST ow_elem(w, key), BAD_CAST v);
		return;
	}
	ow_key(w, key);
	if (v == NULL)
		buf_puts(w->b, "null");
	else {
		buf_puts(w->b, "\"");
		buf_json_str(w->b, v);
		buf_puts(w->b, "\"");
	}
}

/* A number or boolean: unquoted in JSON. */
static void
ow_lit(struct ow *w, const char *key, const char *lit)
{
	if (w->fmt == FMT_XML) {
		xmlNewTextChild(w->cur, NULL, BAD_CAST ow_elem(w, key), BAD_CAST lit);
		return;
	}
	ow_key(w, key);
	buf_puts(w->b, lit);
}

/* Finishes the answer into r->out; 0, or 500 (memory). */
static int
ow_finish(struct ow *w, struct req *r, int status)
{
	int	 rc;

	if (w->fmt == FMT_JSON) {
		rc = buf_puts(w->b, w->kind[0] == 'a' ? "]\n" : "}\n");
		snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
	} else {
		rc = page_xml(r, w->doc);
		xmlFreeDoc(w->doc);
		w->doc = NULL;
		/* GeoReport v2, Format Support: text/xml */
		snprintf(r->ctype, sizeof(r->ctype), "text/xml; charset=utf-8");
	}
	r->status = status;
	return rc == 0 ? 0 : 500;
}

/* ---- errors ----------------------------------------------------------- */

/* GeoReport v2 errors: <errors><error><code/><description/></error></errors>
 * or [{"code":…,"description":…}], with the HTTP status. Returns 0. */
static int
o311_errors(struct req *r, int status, const char *const *desc, size_t n)
{
	struct ow w;
	char	 code[8];

	snprintf(code, sizeof(code), "%d", status);
	if (ow_start(&w, r, "errors", "error") == -1)
		return 500;
	for (size_t i = 0; i < n; i++) {
		ow_open(&w, "error", NULL);
		ow_lit(&w, "code", code);
		ow_str(&w, "description", desc[i]);
		ow_close(&w);
	}
	req_header(r, "Cache-Control", "no-store");
	return ow_finish(&w, r, status);
}

static int
o311_error(struct req *r, int status, const char *desc)
{
	return o311_errors(r, status, &desc, 1);
}

/* ---- shared lookups --------------------------------------------------- */

/* The value of name in f, or NULL. */
static const char *
fval(const struct form *f, const char *name)
{
	const struct form_field *x = form_get(f, name);

	return x ? x->value : NULL;
}

/* The catalogue entry of city (any department), or NULL. */
static const struct catalog_entry *
city_entry(const struct catalog *cat, const char *city)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->e[i].city, city) == 0)
			return &cat->e[i];
	return NULL;
}

/* The city a request is about: jurisdiction_id, which is required when the
 * deployment serves more than one city. NULL after answering the error. */
static const char *
jurisdiction(struct req *r, const char *jid, int *st)
{
	const struct catalog *cat = &r->w->cat;
	const struct catalog_entry *e;
	int	 several = 0;

	for (size_t i = 1; i < cat->n; i++)
		several |= strcmp(cat->e[i].city, cat->e[0].city) != 0;
	if (jid == NULL || *jid == '\0') {
		if (several || cat->n == 0) {
			*st = o311_error(r, 400, "jurisdiction_id was not provided: this"
			    " server serves several cities (see services.xml?jurisdiction_id=CITY)");
			return NULL;
		}
		return cat->e[0].city;
	}
	if ((e = city_entry(cat, jid)) == NULL) {
		*st = o311_error(r, 404, "jurisdiction_id provided was not found");
		return NULL;
	}
	return e->city;
}

/* The department of code in city and its kind (any petition kind, or only
 * the offered ones), or NULL. */
static const struct catalog_entry *
service_find(const struct catalog *cat, const char *city, const char *code, int any,
    const char **kind)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->e[i].city, city) == 0 &&
		    (*kind = o311_code_kind(code, city, cat->e[i].dept, any)) != NULL)
			return &cat->e[i];
	return NULL;
}

/* The query string decoded, the catalogue fresh and the city resolved;
 * NULL after answering (status in *st). */
static const char *
prepare(struct req *r, struct form *q, int *st)
{
	*st = 0;
	if (form_parse(q, r->query, strlen(r->query)) == -1) {
		*st = o311_error(r, 400, "the query string is malformed");
		return NULL;
	}
	if (app_catalog(r->w) == -1) {
		*st = o311_error(r, 503, "the service is temporarily unavailable");
		return NULL;
	}
	return jurisdiction(r, fval(q, "jurisdiction_id"), st);
}

/* "https://host" from the request, or "" when the host is not plain. */
static void
base_url(const struct req *r, char *out, size_t n)
{
	const char *host = FCGX_GetParam("HTTP_HOST", r->fcgi->envp);
	const char *https = FCGX_GetParam("HTTPS", r->fcgi->envp);

	out[0] = '\0';
	if (host && *host && strlen(host) < 200 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
	    == strlen(host))
		snprintf(out, n, "%s://%s", https && *https ? "https" : "http", host);
}

/* ---- discovery, services ---------------------------------------------- */

int
h_o311_discovery(struct req *r)
{
	struct ow w;
	char	 url[300], base[256], changed[32];
	time_t	 newest = 0;

	if (app_catalog(r->w) == -1)
		return o311_error(r, 503, "the service is temporarily unavailable");
	for (size_t i = 0; i < r->w->cat.n; i++)
		if ((time_t)r->w->cat.e[i].uploaded > newest)
			newest = (time_t)r->w->cat.e[i].uploaded;
	time_iso_kst(newest, changed);
	base_url(r, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/open311/v2", base);
	if (ow_start(&w, r, "discovery", NULL) == -1)
		return 500;
	ow_str(&w, "changeset", changed);
	ow_str(&w, "contact", "각 시·군의 민원 담당 부서 (see the charters at /charter/)");
	ow_str(&w, "key_service", "api_key: ask the city's webmaster (charterctl token create"
	    " --role open311)");
	ow_open(&w, "endpoints", "endpoint");
	ow_open(&w, "endpoint", NULL);
	ow_str(&w, "specification", SPEC_URL);
	ow_str(&w, "url", url);
	ow_str(&w, "changeset", changed);
	ow_str(&w, "type", "production");
	ow_open(&w, "formats", "format");
	ow_str(&w, "format", "text/xml");
	ow_str(&w, "format", "application/json");
	ow_close(&w);
	ow_close(&w);
	ow_close(&w);
	return ow_finish(&w, r, 200);
}

static void
service_out(struct ow *w, const struct catalog_entry *e, const char *kind)
{
	char	 code[O311_CODE_MAX], desc[1200], kw[600];
	const char *ko = petition_kind_ko(kind);

	if (o311_code_make(code, e->city, e->dept, kind) == -1)
		return;
	snprintf(desc, sizeof(desc), "%s %s에 내는 민원 (%s). 처리기한과 약속은 %s에"
	    " 따릅니다 (/charter/%s/%s).", e->city_name, e->dept_name, ko, e->title,
	    e->city, e->dept);
	snprintf(kw, sizeof(kw), "%s, %s, %s, %s", ko, kind, e->dept_name, e->city_name);
	ow_open(w, "service", NULL);
	ow_str(w, "service_code", code);
	ow_str(w, "service_name", ko);
	ow_str(w, "description", desc);
	ow_lit(w, "metadata", "true");
	ow_str(w, "type", "realtime");
	ow_str(w, "keywords", kw);
	ow_str(w, "group", e->dept_name);
	ow_close(w);
}

int
h_o311_services(struct req *r)
{
	struct form q = { 0 };
	struct ow w;
	const char *city;
	int	 st;

	if ((city = prepare(r, &q, &st)) != NULL) {
		if ((st = ow_start(&w, r, "services", "service")) == 0) {
			for (size_t i = 0; i < r->w->cat.n; i++)
				for (size_t k = 0; strcmp(r->w->cat.e[i].city, city) == 0 &&
				    bf_kinds[k]; k++)
					if (o311_kind_offered(bf_kinds[k]))
						service_out(&w, &r->w->cat.e[i], bf_kinds[k]);
			st = ow_finish(&w, r, 200);
		} else
			st = 500;
	}
	form_free(&q);
	return st;
}

static void
attribute_out(struct ow *w, const struct o311_attr *a, size_t order)
{
	char	 ord[24];

	snprintf(ord, sizeof(ord), "%zu", order);
	ow_open(w, "attribute", NULL);
	ow_lit(w, "variable", a->variable ? "true" : "false");
	ow_str(w, "code", a->code);
	ow_str(w, "datatype", a->datatype);
	ow_lit(w, "required", a->required ? "true" : "false");
	ow_str(w, "datatype_description", a->datatype_description ? a->datatype_description : "");
	ow_lit(w, "order", ord);
	ow_str(w, "description", a->description);
	if (a->values) {
		ow_open(w, "values", "value");
		for (size_t v = 0; a->values[v][0]; v++) {
			ow_open(w, "value", NULL);
			ow_str(w, "key", a->values[v][0]);
			ow_str(w, "name", a->values[v][1]);
			ow_close(w);
		}
		ow_close(w);
	}
	ow_close(w);
}

int
h_o311_service(struct req *r)
{
	struct form q = { 0 };
	struct ow w;
	const struct o311_attr *a;
	const char *city, *kind, *code = r->m.param[0];
	size_t	 n;
	int	 st;

	if ((city = prepare(r, &q, &st)) == NULL)
		goto out;
	if (service_find(&r->w->cat, city, code, 0, &kind) == NULL) {
		st = o311_error(r, 404, "service_code provided was not found");
		goto out;
	}
	a = o311_attributes(kind, &n);
	if ((st = ow_start(&w, r, "service_definition", NULL)) != 0) {
		st = 500;
		goto out;
	}
	ow_str(&w, "service_code", code);
	ow_open(&w, "attributes", "attribute");
	for (size_t i = 0; i < n; i++)
		attribute_out(&w, &a[i], i + 1);
	ow_close(&w);
	st = ow_finish(&w, r, 200);
out:
	form_free(&q);
	return st;
}

/* ---- service requests: reading ---------------------------------------- */

/* The public facts of a petition, never its title, body, applicant or
 * officer; protected petitions (corruption reports) are never listed. */
#define REQ_COLS "SELECT p.receipt_no, p.city, p.dept, p.kind, p.state," \
	" TIMESTAMPDIFF(SECOND, '1970-01-01', p.received_at)," \
	" TIMESTAMPDIFF(SECOND, '1970-01-01', p.updated_at)," \
	" TIMESTAMPDIFF(SECOND, '1970-01-01', COALESCE(p.next_due, p.statutory_due))," \
	" (SELECT CONCAT(TIMESTAMPDIFF(SECOND, '1970-01-01', e.at), ' ', e.type)" \
	"  FROM petition_events e WHERE e.petition_id = p.id" \
	"  ORDER BY e.at DESC, e.id DESC LIMIT 1)" \
	" FROM petitions p"
enum { RC_RECEIPT, RC_CITY, RC_DEPT, RC_KIND, RC_STATE, RC_RECEIVED, RC_UPDATED,
	RC_DUE, RC_LAST };

static void
time_cell(const struct db_res *res, unsigned row, unsigned col, char out[32])
{
	const char *v = db_cell(res, row, col);

	out[0] = '\0';
	if (v != NULL)
		time_iso_kst((time_t)strtoll(v, NULL, 10), out);
}

static void
request_out(struct ow *w, const struct catalog *cat, const struct db_res *res, unsigned i)
{
	const char *kind = db_cell(res, i, RC_KIND), *last = db_cell(res, i, RC_LAST);
	const struct catalog_entry *e = catalog_find(cat, db_cell(res, i, RC_CITY),
	    db_cell(res, i, RC_DEPT));
	char	 code[O311_CODE_MAX], notes[128] = "", at[32], desc[300];
	char	 req_t[32], upd_t[32], due_t[32];

	if (o311_code_make(code, db_cell(res, i, RC_CITY), db_cell(res, i, RC_DEPT), kind) == -1)
		code[0] = '\0';
	if (last && strchr(last, ' ')) {	/* "EPOCH TYPE": the latest event */
		time_iso_kst((time_t)strtoll(last, NULL, 10), at);
		snprintf(notes, sizeof(notes), "%.40s %s", strchr(last, ' ') + 1, at);
	}
	snprintf(desc, sizeof(desc), "%s — 민원 내용은 개인정보 보호를 위해 공개하지 않습니다"
	    " (the petition's text is not published)", petition_kind_ko(kind));
	time_cell(res, i, RC_RECEIVED, req_t);
	time_cell(res, i, RC_UPDATED, upd_t);
	time_cell(res, i, RC_DUE, due_t);
	ow_open(w, "request", NULL);
	ow_str(w, "service_request_id", db_cell(res, i, RC_RECEIPT));
	ow_str(w, "status", o311_status(db_cell(res, i, RC_STATE)));
	ow_str(w, "status_notes", notes);
	ow_str(w, "service_name", petition_kind_ko(kind));
	ow_str(w, "service_code", code);
	ow_str(w, "description", desc);
	ow_str(w, "agency_responsible", e ? e->dept_name : db_cell(res, i, RC_DEPT));
	ow_str(w, "service_notice", "");
	ow_str(w, "requested_datetime", req_t);
	ow_str(w, "updated_datetime", upd_t);
	ow_str(w, "expected_datetime", due_t);
	/* the address is the citizen's: personal data, never published */
	ow_str(w, "address", "");
	ow_str(w, "address_id", "");
	ow_str(w, "zipcode", "");
	ow_lit(w, "lat", w->fmt == FMT_JSON ? "null" : "");
	ow_lit(w, "long", w->fmt == FMT_JSON ? "null" : "");
	ow_str(w, "media_url", "");
	ow_close(w);
}

/* Writes the petitions with these receipt numbers (comma-separated) in
 * city; 0 or -1 (database). */
static int
requests_by_id(struct ow *w, struct req *r, const char *city, const char *ids)
{
	struct db_res res;
	char	 id[RECEIPT_MAX];
	int	 rc;

	while ((rc = o311_list_next(&ids, id, sizeof(id))) == 1) {
		if (db_query(r->w->db, &res, REQ_COLS " WHERE p.receipt_no = ? AND p.city = ?"
		    " AND p.protected = 0", "ss", id, city) < 0)
			return -1;
		if (res.nrows == 1)
			request_out(w, &r->w->cat, &res, 0);
		db_res_free(&res);
	}
	return 0;
}

/* The filters of GET requests checked; NULL or the error's description. */
struct filters {
	char	 codes[2048];		/* "dept-kind,dept-kind" within the city */
	int	 status;		/* O311_* bits, 0: both */
	time_t	 from, to;
};

static const char *
filters_parse(struct req *r, const struct form *q, const char *city, struct filters *f,
    int *status)
{
	const char *s, *kind, *why;
	const struct catalog_entry *e;
	char	 code[O311_CODE_MAX];
	time_t	 start, end;
	int	 rc, hs, he;

	*status = 400;
	memset(f, 0, sizeof(*f));
	if ((f->status = o311_status_filter(fval(q, "status"))) == -1)
		return "status must be open, closed or both (comma-separated)";
	if ((hs = (s = fval(q, "start_date")) && *s) && o311_time_parse(s, &start) == -1)
		return "start_date is not a W3C date-time (2026-11-23T09:00:00+09:00)";
	if ((he = (s = fval(q, "end_date")) && *s) && o311_time_parse(s, &end) == -1)
		return "end_date is not a W3C date-time (2026-11-23T18:00:00+09:00)";
	if ((why = o311_range(hs ? &start : NULL, he ? &end : NULL, clock_now(), &f->from,
	    &f->to)) != NULL)
		return why;
	for (s = fval(q, "service_code"); s && (rc = o311_list_next(&s, code, sizeof(code)));) {
		if (rc == -1 || (e = service_find(&r->w->cat, city, code, 1, &kind)) == NULL) {
			*status = 404;
			return "service_code provided was not found";
		}
		rc = snprintf(f->codes + strlen(f->codes), sizeof(f->codes) - strlen(f->codes),
		    "%s%s-%s", f->codes[0] ? "," : "", e->dept, kind);
		if (rc < 0 || strlen(f->codes) >= sizeof(f->codes) - 1)
			return "too many service codes";
	}
	return NULL;
}

static int
requests_filtered(struct ow *w, struct req *r, const char *city, const struct filters *f)
{
	struct db_res res;
	long long open = !f->status || (f->status & O311_OPEN);
	long long closed = !f->status || (f->status & O311_CLOSED);

	/* the newest 1000 ids first (index petitions_city_received, read in
	 * order), then their columns: the latest-event subquery runs for the
	 * rows shown only */
	if (db_query(r->w->db, &res, REQ_COLS " JOIN (SELECT q.id FROM petitions q"
	    " WHERE q.city = ? AND q.protected = 0"
	    " AND q.received_at >= '1970-01-01' + INTERVAL ? SECOND"
	    " AND q.received_at <= '1970-01-01' + INTERVAL ? SECOND"
	    " AND (? = '' OR FIND_IN_SET(CONCAT(q.dept, '-', q.kind), ?) > 0)"
	    " AND ((? AND q.state NOT IN ('answered', 'closed', 'withdrawn'))"
	    "  OR (? AND q.state IN ('answered', 'closed', 'withdrawn')))"
	    " ORDER BY q.received_at DESC, q.id DESC LIMIT 1000) k ON k.id = p.id"
	    " ORDER BY p.received_at DESC, p.id DESC", "siissii", city,
	    (long long)f->from, (long long)f->to, f->codes, f->codes, open, closed) < 0)
		return -1;
	for (unsigned i = 0; i < res.nrows && i < O311_REQUESTS_MAX; i++)
		request_out(w, &r->w->cat, &res, i);
	db_res_free(&res);
	return 0;
}

static int
count_ids(const char *ids)
{
	char	 id[RECEIPT_MAX];
	int	 n = 0, rc;

	while ((rc = o311_list_next(&ids, id, sizeof(id))) == 1)
		n++;
	return rc == -1 ? -1 : n;
}

int
h_o311_requests(struct req *r)
{
	struct form q = { 0 };
	struct filters f = { 0 };
	struct ow w;
	const char *city, *ids, *why;
	int	 st, n, rc;

	if ((city = prepare(r, &q, &st)) == NULL)
		goto out;
	/* GeoReport v2: with service_request_id, the other filters are ignored */
	if ((ids = fval(&q, "service_request_id")) != NULL && *ids) {
		if ((n = count_ids(ids)) < 0 || n > O311_IDS_MAX) {
			st = o311_error(r, 400, "service_request_id: at most 100 receipt numbers,"
			    " comma-separated");
			goto out;
		}
	} else if ((why = filters_parse(r, &q, city, &f, &st)) != NULL) {
		st = o311_error(r, st, why);
		goto out;
	}
	if (ow_start(&w, r, "service_requests", "request") == -1) {
		st = 500;
		goto out;
	}
	rc = ids && *ids ? requests_by_id(&w, r, city, ids) : requests_filtered(&w, r, city, &f);
	if (rc == -1) {
		xmlFreeDoc(w.doc);
		st = o311_error(r, 503, "the service is temporarily unavailable");
	} else
		st = ow_finish(&w, r, 200);
out:
	form_free(&q);
	return st;
}

int
h_o311_request(struct req *r)
{
	struct form q = { 0 };
	struct ow w;
	struct db_res res;
	const char *city;
	int	 st;

	if ((city = prepare(r, &q, &st)) == NULL)
		goto out;
	if (db_query(r->w->db, &res, REQ_COLS " WHERE p.receipt_no = ? AND p.city = ?"
	    " AND p.protected = 0", "ss", r->m.param[0], city) < 0) {
		st = o311_error(r, 503, "the service is temporarily unavailable");
		goto out;
	}
	if (res.nrows != 1)
		st = o311_error(r, 404, "service_request_id provided was not found");
	else if (ow_start(&w, r, "service_requests", "request") == -1)
		st = 500;
	else {
		request_out(&w, &r->w->cat, &res, 0);
		st = ow_finish(&w, r, 200);
	}
	db_res_free(&res);
out:
	form_free(&q);
	return st;
}

int
h_o311_token(struct req *r)
{
	struct form q = { 0 };
	struct ow w;
	struct db_res res;
	const char *city;
	int	 st;

	if ((city = prepare(r, &q, &st)) == NULL)
		goto out;
	if (db_query(r->w->db, &res, "SELECT p.receipt_no FROM open311_tokens t"
	    " JOIN petitions p ON p.id = t.petition_id WHERE t.token = ? AND p.city = ?",
	    "ss", r->m.param[0], city) < 0) {
		st = o311_error(r, 503, "the service is temporarily unavailable");
		goto out;
	}
	if (res.nrows != 1)
		st = o311_error(r, 404, "token provided was not found");
	else if (ow_start(&w, r, "service_requests", "request") == -1)
		st = 500;
	else {
		ow_open(&w, "request", NULL);
		ow_str(&w, "service_request_id", db_cell(&res, 0, 0));
		ow_str(&w, "token", r->m.param[0]);
		ow_close(&w);
		st = ow_finish(&w, r, 200);
	}
	db_res_free(&res);
out:
	form_free(&q);
	return st;
}

/* ---- service requests: POST ------------------------------------------- */

static int
dept_exists(void *arg, const char *city, const char *dept)
{
	return catalog_find(arg, city, dept) != NULL;
}

/* 32 lowercase hex digits of 16 random bytes. */
static int
token_new(char out[O311_TOKEN_LEN + 1])
{
	unsigned char b[O311_TOKEN_LEN / 2];

	if (getentropy(b, sizeof(b)) == -1)
		return -1;
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/* The board's refusal as GeoReport errors: the charters' reason for
 * refusing anonymous petitions first, then each field's error. */
static int
refuse(struct req *r, const struct board_form *bf)
{
	const char *desc[BF__MAX + 2];
	char	 msg[BF__MAX][400];
	size_t	 n = 0;

	/* board_form puts the anonymity notice first, the CSRF one after it */
	if (bf->nnotice > 0 && (bf->val[BF_NAME] == NULL || bf->val[BF_ADDRESS] == NULL))
		desc[n++] = bf->notice[0];
	for (int i = 0; i < BF__MAX; i++)
		if (i != BF_CSRF && bf->err[i]) {
			snprintf(msg[i], sizeof(msg[i]), "%s: %s", o311_field_name((enum bf_field)i),
			    bf->err[i]);
			desc[n++] = msg[i];
		}
	if (n == 0)
		desc[n++] = "the request was refused";
	return o311_errors(r, 400, desc, n);
}

/* Stores the petition and its token in one transaction; the answer. */
static int
store(struct req *r, const struct board_form *bf, const char *recorded_by)
{
	char	 code[ACCESS_CODE_MAX], hash[65], receipt[RECEIPT_MAX], why[256] = "";
	char	 tok[O311_TOKEN_LEN + 1], notice[1024], base[256];
	struct petition_in p = { .source = "open311", .city = bf->city, .dept = bf->dept,
	    .kind = bf->val[BF_KIND], .channel = "internet", .received_at = clock_now(),
	    .title = bf->val[BF_TITLE], .body = bf->val[BF_BODY],
	    .applicant = { bf->val[BF_NAME], bf->val[BF_ADDRESS], bf->val[BF_PHONE],
		bf->val[BF_EMAIL], bf->val[BF_SMS] != NULL },
	    .access_code_hash = hash, .recorded_by = recorded_by };
	struct ow w;
	enum pstore_result pr;

	if (access_code_new(code) == -1 || access_code_hash(code, hash) == -1 ||
	    token_new(tok) == -1)
		return o311_error(r, 503, "the service is temporarily unavailable");
	pstore_set_catalog(r->w->pstore, &r->w->cat);
	if (db_begin(r->w->db) == -1)
		return o311_error(r, 503, "the service is temporarily unavailable");
	pr = pstore_put_ctx(r->w->pstore, &p, 1, receipt, why, sizeof(why));
	if (pr == PS_NEW && db_exec(r->w->db, "INSERT INTO open311_tokens (token, petition_id,"
	    " created_at) SELECT ?, id, " DB_US " FROM petitions WHERE receipt_no = ?",
	    "sis", tok, clock_now_us(), receipt) == 1 && db_commit(r->w->db) == 0) {
		log_info(r->id, "open311 request stored as %s by %s", receipt, recorded_by);
	} else {
		db_rollback(r->w->db);
		if (pr == PS_INVALID) {
			log_warn(r->id, "open311 request refused by the store: %s", why);
			return o311_error(r, 400, why[0] ? why : "접수할 수 없는 민원입니다.");
		}
		log_err(r->id, "open311 request not stored (database)");
		return o311_error(r, 503, "the service is temporarily unavailable; nothing was"
		    " stored, send the request again");
	}
	base_url(r, base, sizeof(base));
	snprintf(notice, sizeof(notice), "접수번호 %s. 처리 상황은 %s/petitions/%s?code=%s 에서"
	    " 볼 수 있습니다. 확인 코드 %s 는 다시 알려 드리지 않으니 보관해 주십시오.",
	    receipt, base, receipt, code, code);
	if (ow_start(&w, r, "service_requests", "request") == -1)
		return 500;
	ow_open(&w, "request", NULL);
	ow_str(&w, "service_request_id", receipt);
	ow_str(&w, "token", tok);
	ow_str(&w, "service_notice", notice);
	ow_str(&w, "account_id", NULL);
	ow_close(&w);
	req_header(r, "Cache-Control", "no-store");
	return ow_finish(&w, r, 200);
}

/* The api_key of the form: 0 when it is an open311 token, else answered. */
static int
check_key(struct req *r, const struct form *f, int *st)
{
	const char *key = fval(f, "api_key");
	int	 rc;

	if (key == NULL || *key == '\0' || strlen(key) > 128) {
		*st = o311_error(r, 403, "api_key was not provided or is invalid");
		return -1;
	}
	if ((rc = tstore_lookup(r->w->db, key, &r->who)) < 0) {
		*st = o311_error(r, 503, "the service is temporarily unavailable");
		return -1;
	}
	if (rc == 0 || r->who.role != ROLE_OPEN311) {
		*st = o311_error(r, 403, "api_key was not provided or is invalid");
		return -1;
	}
	return 0;
}

/* Maps and validates the fields as the board does, then stores. */
static int
post_petition(struct req *r, const struct form *f, const char *city)
{
	const struct catalog_entry *e;
	const char *code = fval(f, "service_code"), *kind, *why;
	struct bf_input in[FORM_MAX_FIELDS];
	struct o311_post p;
	struct board_form *bf = NULL;
	time_t	 now = clock_now();
	/* the API key stands in for the board's CSRF check */
	struct board_ctx ctx = { NULL, 0, now, 0, dept_exists, &r->w->cat, 1 };
	int	 st;

	if (code == NULL || *code == '\0')
		return o311_error(r, 400, "service_code was not provided");
	if ((e = service_find(&r->w->cat, city, code, 0, &kind)) == NULL)
		return o311_error(r, 404, "service_code provided was not found");
	for (size_t i = 0; i < f->n; i++)
		in[i] = (struct bf_input){ f->f[i].name, f->f[i].value, f->f[i].vlen, NULL };
	if (o311_post_map(&p, in, f->n, e->city, e->dept, kind, &why) == -1) {
		st = o311_error(r, why ? 400 : 503, why ? why :
		    "the service is temporarily unavailable");
		goto out;
	}
	if ((bf = malloc(sizeof(*bf))) == NULL) {
		st = o311_error(r, 503, "the service is temporarily unavailable");
		goto out;
	}
	if (board_form_check(bf, p.in, p.n, &ctx) > 0)
		st = refuse(r, bf);
	else
		st = store(r, bf, r->who.name);
out:
	free(bf);
	o311_post_free(&p);
	return st;
}

int
h_o311_post(struct req *r)
{
	const struct conf *c = r->w->conf;
	struct form f = { 0 };
	const char *city;
	int	 st;

	if ((st = req_read_body(r, c->max_body)) != 0)
		return o311_error(r, st, st == 413 ? "the request is larger than this server"
		    " accepts" : "the request body could not be read");
	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) != 0)
		return o311_error(r, 400, "send the request as"
		    " application/x-www-form-urlencoded (GeoReport v2, POST Service Request)");
	if (form_parse(&f, r->body ? r->body : "", r->body_len) == -1) {
		st = o311_error(r, 400, "the request body is malformed");
		goto out;
	}
	if (check_key(r, &f, &st) == -1)
		goto out;
	if (app_catalog(r->w) == -1) {
		st = o311_error(r, 503, "the service is temporarily unavailable");
		goto out;
	}
	if ((city = jurisdiction(r, fval(&f, "jurisdiction_id"), &st)) != NULL)
		st = post_petition(r, &f, city);
out:
	form_free(&f);
	return st;
}
