/* status: one petition for the holder of its access code: state, kind,
 * department, charter version, the officer once assigned (민원책임실명제),
 * periods with their due instants and results (the engine's), the statutory
 * due and any extension, and events; once answered, the questionnaire
 * (feedback.c). Never the applicant's personal data. A wrong or
 * missing code and an unknown receipt get the same 404, byte for byte;
 * repeated wrong codes from one client get 429 for a while. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "status.h"
#include "admin_events.h"
#include "feedback.h"
#include "page.h"
#include "../domain/csrf.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/db.h"
#include "../store/petition_read.h"
#include "../util/log.h"
#include "../util/timefmt.h"

/* The same page for every petition that cannot be shown (child
 * petition-not-found, 404) and for a client slowed down (petition-throttled,
 * 429): its path is fixed so nothing in it depends on the receipt asked for.
 * A client asking for XML or JSON gets the same fixed facts as an error in
 * that format. */
static int
fixed_page(struct req *r, int status, const char *child)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	int	 rc;

	if (req_format(r, FMT_HTML) != FMT_HTML) {
		page_error(r, status, FMT_HTML, status == 404 ?
		    "no petition with this receipt number and access code" :
		    "too many wrong access codes from this address: try again later", NULL);
		req_header(r, "Cache-Control", "no-store");
		return 0;
	}
	if ((doc = page_doc("/petitions/", &root)) == NULL)
		return 500;
	xmlNewChild(root, NULL, BAD_CAST child, NULL);
	rc = page_html(r, doc);
	xmlFreeDoc(doc);
	r->status = status;
	req_header(r, "Cache-Control", "no-store");
	return rc == -1 ? 500 : 0;
}

static void
when(xmlNodePtr n, const char *attr, const char *epoch)
{
	char	 s[32];

	if (epoch == NULL)
		return;
	time_kst((time_t)strtoll(epoch, NULL, 10), s);
	page_attr(n, attr, s);
}

static void
due(xmlNodePtr n, const char *attr, const char *epoch)
{
	char	 s[32];

	if (epoch == NULL || strtoll(epoch, NULL, 10) == 0)
		return;
	events_due_kst((time_t)strtoll(epoch, NULL, 10), s);
	page_attr(n, attr, s);
}

/* A result: status, due, done, how late (hours, rounded up), paused. */
static void
result(xmlNodePtr x, const struct db_res *res, unsigned i)
{
	const char *late = db_cell(res, i, 11);

	page_attr(x, "status", db_cell(res, i, 8));
	due(x, "due", db_cell(res, i, 9));
	when(x, "done", db_cell(res, i, 10));
	if (late)
		page_attr_ull(x, "late-hours", (unsigned long long)
		    ((strtoll(late, NULL, 10) + 3599) / 3600));
	if (db_cell(res, i, 12) && strcmp(db_cell(res, i, 12), "1") == 0)
		page_attr(x, "paused", "yes");
}

/* The extension (the last one recorded): its new due and its reason. */
static void
extension(xmlNodePtr parent, const struct db_res *res, unsigned i)
{
	xmlNodePtr x;

	if (strcmp(db_cell(res, i, 0), "extended") != 0)
		return;
	for (x = parent->children; x; x = x->next)
		if (x->type == XML_ELEMENT_NODE && xmlStrcmp(x->name, BAD_CAST "extension") == 0) {
			xmlUnlinkNode(x);
			xmlFreeNode(x);
			break;
		}
	x = xmlNewChild(parent, NULL, BAD_CAST "extension", NULL);
	due(x, "due", db_cell(res, i, 3));
	page_attr(x, "reason", db_cell(res, i, 4));
}

static int
add_rows(struct req *r, xmlNodePtr parent, const struct petition_view *v)
{
	struct db_res res = { 0 };
	xmlNodePtr ev, m, x;
	static const char *const mcols[] = { "standard", "from", "to", "target",
	    "rings", "clock", "basis", "origin" };

	if (pread_events(r->w->db, v->id, &res) < 0)
		goto err;
	ev = xmlNewChild(parent, NULL, BAD_CAST "events", NULL);
	for (unsigned i = 0; i < res.nrows; i++) {
		x = xmlNewChild(ev, NULL, BAD_CAST "event", NULL);
		page_attr(x, "type", db_cell(&res, i, 0));
		when(x, "at", db_cell(&res, i, 1));
		if (db_cell(&res, i, 2))
			page_attr(x, "officer", db_cell(&res, i, 2));
		when(x, "due", db_cell(&res, i, 3));
		if (db_cell(&res, i, 4))
			page_attr(x, "reason", db_cell(&res, i, 4));
		extension(parent, &res, i);
	}
	db_res_free(&res);
	if (pread_measures(r->w->db, v->id, &res) < 0)
		goto err;
	m = xmlNewChild(parent, NULL, BAD_CAST "measures", NULL);
	for (unsigned i = 0; i < res.nrows; i++) {
		x = xmlNewChild(m, NULL, BAD_CAST "measure", NULL);
		for (unsigned k = 0; k < 8; k++)
			if (db_cell(&res, i, k))
				page_attr(x, mcols[k], db_cell(&res, i, k));
		result(x, &res, i);
	}
	db_res_free(&res);
	return 0;
err:
	db_res_free(&res);
	return -1;
}

static xmlNodePtr
add_facts(xmlNodePtr root, const struct petition_view *v)
{
	xmlNodePtr p = xmlNewChild(root, NULL, BAD_CAST "petition-status", NULL), o;
	char	 s[32];

	page_attr(p, "receipt", v->receipt);
	page_attr(p, "state", v->state);
	page_attr(p, "kind", v->kind);
	page_attr(p, "channel", v->channel);
	page_attr(p, "city", v->city_name);
	page_attr(p, "department", v->dept_name);
	page_attr_ull(p, "version", v->version_no);
	page_attr(p, "version-label", v->version_label);
	time_kst(v->received, s);
	page_attr(p, "received", s);
	if (v->statutory_due) {
		events_due_kst(v->statutory_due, s);
		page_attr(p, "statutory-due", s);
	}
	if (v->next_due) {
		events_due_kst(v->next_due, s);
		page_attr(p, "next-due", s);
	}
	page_attr(p, "supplemented", v->supplemented ? "yes" : "no");
	page_attr(p, "extended", v->extended ? "yes" : "no");
	if (v->statutory_value > 0) {
		o = xmlNewChild(p, NULL, BAD_CAST "statutory", NULL);
		page_attr_ull(o, "value", v->statutory_value);
		page_attr(o, "unit", v->statutory_unit);
		page_attr(o, "from", v->statutory_from);
	}
	if (v->has_officer) {
		o = xmlNewChild(p, NULL, BAD_CAST "officer", NULL);
		page_attr(o, "name", v->officer_name);
		page_attr(o, "unit", v->officer_unit);
		page_attr(o, "phone", v->officer_phone);
	}
	page_text(p, "title", v->title);
	page_text(p, "body", v->body);
	return p;
}

int
status_page(struct req *r, const struct petition_view *v, const char *code,
    const struct fb_form *redo, int http_status)
{
	xmlDocPtr doc;
	xmlNodePtr root, p;
	int	 rc = -1;

	if ((doc = page_new(r, &root)) == NULL)
		return 500;
	p = add_facts(root, v);
	if (add_rows(r, p, v) == 0 && feedback_xml(r, p, v, code, redo) == 0)
		rc = page_html(r, doc);
	xmlFreeDoc(doc);
	if (rc == -1)
		return 503;
	r->status = http_status;
	req_header(r, "Cache-Control", "no-store");
	req_header(r, "Referrer-Policy", "no-referrer");
	return 0;
}

static int
too_many(struct req *r, long retry)
{
	char	 s[24];

	snprintf(s, sizeof(s), "%ld", retry);
	req_header(r, "Retry-After", s);
	return fixed_page(r, 429, "petition-throttled");
}

int
status_find(struct req *r, const char *code, struct petition_view *v, int *st)
{
	char	 hash[65];
	long	 retry = 0;
	int	 found, t;

	*st = 503;
	if ((t = pread_throttled(r->w->db, r->remote_addr, &retry)) == -1)
		return 0;
	if (t == 1) {
		*st = too_many(r, retry);
		return 0;
	}
	found = code && access_code_hash(code, hash) == 0 ?
	    pread_find(r->w->db, r->m.param[0], hash, v) : 0;
	if (found == -1)
		return 0;
	if (found == 0) {
		if (pread_failed(r->w->db, r->remote_addr) == -1)
			log_err(r->id, "cannot record a failed access code: %s", db_error(r->w->db));
		*st = fixed_page(r, 404, "petition-not-found");
		return 0;
	}
	return 1;
}

int
h_petition_status(struct req *r)
{
	struct form q;
	const struct form_field *code;
	struct petition_view v;
	int	 found, t;

	if (form_parse(&q, r->query, strlen(r->query)) == -1)
		memset(&q, 0, sizeof(q));
	code = form_get(&q, "code");
	found = status_find(r, code ? code->value : NULL, &v, &t);
	if (found == 1) {
		t = status_page(r, &v, code->value, NULL, 200);
		pread_free(&v);
	}
	form_free(&q);
	return t;
}
