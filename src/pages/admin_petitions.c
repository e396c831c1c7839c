/* admin_petitions: GET /admin/petitions/{receipt} — the whole petition with
 * personal data for its department, admins and auditors; a whistle-blower's
 * identity (protected) for the auditor role only; each standard's result
 * (due, met, breached), the whole event history with who recorded it, and
 * the compensation booked. Attachments are served only here, never on
 * public pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin_events.h"
#include "admin_petitions.h"
#include "page.h"
#include "../domain/auth.h"
#include "../domain/calendar.h"
#include "../domain/petition.h"
#include "../front/app.h"
#include "../store/db.h"
#include "../store/petition_admin.h"
#include "../util/timefmt.h"

#define CELL(r, row, c) (db_cell((r), (row), (c)) ? db_cell((r), (row), (c)) : "")

static void
kst_attr(xmlNodePtr n, const char *name, const char *epoch)
{
	char	 s[32];

	if (epoch == NULL || *epoch == '\0')
		return;
	time_kst((time_t)strtoll(epoch, NULL, 10), s);
	page_attr(n, name, s);
}

static void
add_applicant(xmlNodePtr parent, struct db_res *p, const struct principal *who)
{
	xmlNodePtr a = xmlNewChild(parent, NULL, BAD_CAST "applicant", NULL);
	int	 prot = !strcmp(CELL(p, 0, PA_PROTECTED), "1");

	page_attr(a, "protected", prot ? "true" : "false");
	if (prot && who->role != ROLE_AUDITOR) {
		page_attr(a, "visible", "false");	/* whistle-blower: auditor only */
		return;
	}
	page_attr(a, "visible", "true");
	page_text(a, "name", CELL(p, 0, PA_NAME));
	page_text(a, "address", CELL(p, 0, PA_ADDRESS));
	page_text(a, "phone", CELL(p, 0, PA_PHONE));
	page_text(a, "email", CELL(p, 0, PA_EMAIL));
	page_text(a, "sms-consent", !strcmp(CELL(p, 0, PA_SMS), "1") ? "yes" : "no");
}

/* A due instant in Asia/Seoul (the end of a day as 24:00). */
static void
due_attr(xmlNodePtr n, const char *name, const char *epoch)
{
	char	 s[32];

	if (epoch == NULL || *epoch == '\0')
		return;
	events_due_kst((time_t)strtoll(epoch, NULL, 10), s);
	page_attr(n, name, s);
}

/* Columns named "@x" are epochs shown in Asia/Seoul, "!x" due instants. */
static void
add_rows(xmlNodePtr parent, const char *list, const char *item, struct db_res *r,
    const char *const *cols, size_t ncols)
{
	xmlNodePtr l = xmlNewChild(parent, NULL, BAD_CAST list, NULL), n;
	unsigned i;
	size_t	 c;

	for (i = 0; i < r->nrows; i++) {
		n = xmlNewChild(l, NULL, BAD_CAST item, NULL);
		for (c = 0; c < ncols; c++) {
			if (cols[c][0] == '@')	/* an epoch shown in Asia/Seoul */
				kst_attr(n, cols[c] + 1, db_cell(r, i, (unsigned)c));
			else if (cols[c][0] == '!')
				due_attr(n, cols[c] + 1, db_cell(r, i, (unsigned)c));
			else if (db_cell(r, i, (unsigned)c))
				page_attr(n, cols[c], db_cell(r, i, (unsigned)c));
		}
	}
}

/* The engine's view of the petition: flags, statutory due, next due. */
static void
add_engine(xmlNodePtr pa, struct db_res *p)
{
	page_attr(pa, "supplemented", !strcmp(CELL(p, 0, PA_SUPPLEMENTED), "1") ? "yes" : "no");
	page_attr(pa, "extended", !strcmp(CELL(p, 0, PA_EXTENDED), "1") ? "yes" : "no");
	page_attr(pa, "breached", !strcmp(CELL(p, 0, PA_BREACHED), "1") ? "yes" : "no");
	due_attr(pa, "statutory-due", db_cell(p, 0, PA_STAT_DUE));
	due_attr(pa, "next-due", db_cell(p, 0, PA_NEXT_DUE));
	kst_attr(pa, "answered", db_cell(p, 0, PA_ANSWERED));
	kst_attr(pa, "closed", db_cell(p, 0, PA_CLOSED));
}

/* How late a breached result is, in whole hours (rounded up). */
static void
late_hours(xmlNodePtr list, struct db_res *m)
{
	xmlNodePtr n = list->children;

	for (unsigned i = 0; i < m->nrows && n; i++, n = n->next) {
		const char *l = db_cell(m, i, PM_LATE);
		if (l)
			page_attr_ull(n, "late-hours", (unsigned long long)
			    ((strtoll(l, NULL, 10) + 3599) / 3600));
	}
}

static time_t
epoch_of(const char *s)
{
	return s && *s ? (time_t)strtoll(s, NULL, 10) : 0;
}

/* Each result counted on working time whose count crosses a year the
 * holiday data does not cover is flagged, and so is the petition, from its
 * receipt to its latest due instant. */
static void
holiday_flags(xmlNodePtr pa, xmlNodePtr list, struct db_res *p, struct db_res *m,
    const struct calendar *cal)
{
	time_t	 recv = epoch_of(db_cell(p, 0, PA_RECEIVED)), last, due, start;
	xmlNodePtr n = list->children;

	last = epoch_of(db_cell(p, 0, PA_STAT_DUE));
	if ((due = epoch_of(db_cell(p, 0, PA_NEXT_DUE))) > last)
		last = due;
	for (unsigned i = 0; i < m->nrows && n; i++, n = n->next) {
		if (!strcmp(CELL(m, i, PM_CLOCK), "calendar"))
			continue;	/* elapsed time: no holiday counts */
		due = epoch_of(db_cell(m, i, PM_DUE));
		start = epoch_of(db_cell(m, i, PM_STARTED));
		page_holiday_flag(n, cal, start ? start : recv, due);
		if (due > last)
			last = due;
	}
	page_holiday_flag(pa, cal, recv, last);
}

static xmlDocPtr
build(struct req *r, struct db_res *p, unsigned long long id)
{
	static const char *const ev[] = { "type", "@at", "officer", "@due", "reason",
		"recorded-by", "@recorded-at", "upheld", "consent", "note" };
	static const char *const ms[] = { "id", "from", "to", "target", "rings", "clock",
		"basis", "origin", "status", "!due", "@done", "late-seconds", "paused",
		"@started", "@breach-booked", "booked-by" };
	static const char *const at[] = { "n", "filename", "media-type", "bytes", "sha256" };
	static const char *const cp[] = { "id", "rule", "rule-origin", "trigger",
		"standard", "amount", "currency", "form", "state", "@arose", "@booked",
		"booked-by", "@notified", "@paid", "charter-version" };
	struct db_res e = { 0 }, m = { 0 }, a = { 0 }, c = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root, pa, o;

	if (padmin_events(r->w->db, id, &e) == -1 || padmin_measures(r->w->db, id, &m) == -1 ||
	    padmin_attachments(r->w->db, id, &a) == -1 ||
	    padmin_compensation(r->w->db, id, &c) == -1) {
		db_res_free(&e);
		db_res_free(&m);
		db_res_free(&a);
		db_res_free(&c);
		return NULL;
	}
	doc = page_new(r, &root);
	pa = xmlNewChild(root, NULL, BAD_CAST "petition-admin", NULL);
	page_attr(pa, "receipt", CELL(p, 0, PA_RECEIPT));
	page_attr(pa, "source", CELL(p, 0, PA_SOURCE));
	page_attr(pa, "external-id", CELL(p, 0, PA_EXTERNAL));
	page_attr(pa, "city", CELL(p, 0, PA_CITY));
	page_attr(pa, "dept", CELL(p, 0, PA_DEPT));
	page_attr(pa, "charter-version", CELL(p, 0, PA_VERSION_NO));
	page_attr(pa, "kind", CELL(p, 0, PA_KIND));
	page_attr(pa, "kind-ko", petition_kind_ko(CELL(p, 0, PA_KIND)));
	page_attr(pa, "channel", CELL(p, 0, PA_CHANNEL));
	kst_attr(pa, "received", db_cell(p, 0, PA_RECEIVED));
	page_attr(pa, "state", CELL(p, 0, PA_STATE));
	page_attr(pa, "statutory-value", CELL(p, 0, PA_STAT_VALUE));
	page_attr(pa, "statutory-unit", CELL(p, 0, PA_STAT_UNIT));
	page_attr(pa, "statutory-from", CELL(p, 0, PA_STAT_FROM));
	page_text(pa, "title", CELL(p, 0, PA_TITLE));
	page_text(pa, "body", CELL(p, 0, PA_BODY));
	o = xmlNewChild(pa, NULL, BAD_CAST "officer", NULL);
	page_attr(o, "name", CELL(p, 0, PA_OFFICER));
	page_attr(o, "unit", CELL(p, 0, PA_OFFICER_UNIT));
	page_attr(o, "phone", CELL(p, 0, PA_OFFICER_PHONE));
	add_engine(pa, p);
	add_applicant(pa, p, &r->who);
	add_rows(pa, "events", "event", &e, ev, sizeof(ev) / sizeof(ev[0]));
	add_rows(pa, "measures", "measure", &m, ms, sizeof(ms) / sizeof(ms[0]));
	late_hours(xmlGetLastChild(pa), &m);
	holiday_flags(pa, xmlGetLastChild(pa), p, &m, &r->w->cal);
	add_rows(pa, "attachments", "attachment", &a, at, sizeof(at) / sizeof(at[0]));
	add_rows(pa, "compensation", "entry", &c, cp, sizeof(cp) / sizeof(cp[0]));
	db_res_free(&e);
	db_res_free(&m);
	db_res_free(&a);
	db_res_free(&c);
	return doc;
}

/* Loads the petition and checks the reader's scope: 0 with p filled, or an
 * answer already made (404 unknown, 403 another department's). */
static int
load(struct req *r, struct db_res *p, int *answered)
{
	int	 rc = padmin_petition(r->w->db, r->m.param[0], p);

	*answered = 1;
	if (rc < 0)
		return 503;
	if (rc == 0 || !auth_may_read_petition(&r->who, CELL(p, 0, PA_CITY), CELL(p, 0, PA_DEPT))) {
		if (rc > 0)
			db_res_free(p);
		page_error(r, rc == 0 ? 404 : 403, FMT_HTML, rc == 0 ? "no such petition" :
		    "this credential may not read petitions of that department", NULL);
		return 0;
	}
	*answered = 0;
	return 0;
}

int
h_admin_petition(struct req *r)
{
	struct db_res p;
	xmlDocPtr doc;
	int	 answered, st, rc = 0;

	if ((st = load(r, &p, &answered)) != 0 || answered)
		return st;
	doc = build(r, &p, strtoull(CELL(&p, 0, PA_ID), NULL, 10));
	db_res_free(&p);
	if (doc == NULL)
		return 503;
	if (req_format(r, FMT_HTML) == FMT_HTML)
		rc = page_html(r, doc) == -1 ? 500 : 0;
	else
		rc = page_xml(r, doc) == -1 ? 500 : 0;
	req_header(r, "Cache-Control", "private, no-store");
	xmlFreeDoc(doc);
	return rc;
}

/* RFC 6266 + RFC 8187: filename*=UTF-8''percent-encoded, so nothing the
 * citizen named the file can break the header. */
static void
disposition(char *out, size_t n, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 o = (size_t)snprintf(out, n, "attachment; filename*=UTF-8''");

	for (; *name && o + 4 < n; name++) {
		unsigned char c = (unsigned char)*name;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			out[o++] = (char)c;
		else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
}

int
h_admin_attachment(struct req *r)
{
	struct db_res p;
	char	 type[96], name[256], cd[900], *end;
	unsigned long n = strtoul(r->m.param[1], &end, 10);
	int	 answered, st, rc;

	if (*end || n < 1 || n > 100)
		return page_error(r, 404, FMT_HTML, "no such attachment", NULL);
	if ((st = load(r, &p, &answered)) != 0 || answered)
		return st;
	rc = padmin_attachment(r->w->db, strtoull(CELL(&p, 0, PA_ID), NULL, 10),
	    (unsigned)n, &r->out, type, sizeof(type), name, sizeof(name));
	db_res_free(&p);
	if (rc < 0)
		return 503;
	if (rc == 0)
		return page_error(r, 404, FMT_HTML, "no such attachment", NULL);
	snprintf(r->ctype, sizeof(r->ctype), "%s", type);
	disposition(cd, sizeof(cd), name);
	req_header(r, "Content-Disposition", cd);
	req_header(r, "Cache-Control", "private, no-store");
	return 0;
}
