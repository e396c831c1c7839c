/* board: the board's form, its posts and the receipt page. Values are
 * validated by board_form's table; an invalid post gets the form back with
 * every value as typed. The access code reaches the receipt page in a
 * short-lived, sealed, HttpOnly cookie (never in a URL that nginx logs, never
 * in the database, which keeps only its SHA-256). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <fcgiapp.h>
#include "board.h"
#include "page.h"
#include "../domain/board_form.h"
#include "../domain/csrf.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../front/multipart.h"
#include "../store/petition_store.h"
#include "../util/clock.h"
#include "../util/conf.h"
#include "../util/log.h"

#define TICKET_COOKIE	"charter_ticket"
#define INPUTS_MAX	(FORM_MAX_FIELDS > MP_PARTS_MAX ? FORM_MAX_FIELDS : MP_PARTS_MAX)

/* The submitted values, whichever encoding carried them. */
struct board_post {
	struct form	 form;
	struct multipart mp;
	struct bf_input	 in[INPUTS_MAX];
	size_t		 n;
};

static int
not_configured(struct req *r)
{
	return page_error(r, 503, FMT_HTML, "the board is not configured on this server"
	    " (secret_file is not set) — 게시판이 설정되지 않았습니다", NULL);
}

static int
dept_exists(void *arg, const char *city, const char *dept)
{
	return catalog_find(arg, city, dept) != NULL;
}

static void
add_departments(xmlNodePtr form, const struct catalog *cat)
{
	xmlNodePtr ds = xmlNewChild(form, NULL, BAD_CAST "departments", NULL), d;
	char	 v[100];

	for (size_t i = 0; i < cat->n; i++) {
		snprintf(v, sizeof(v), "%s/%s", cat->e[i].city, cat->e[i].dept);
		d = xmlNewChild(ds, NULL, BAD_CAST "department", NULL);
		page_attr(d, "value", v);
		page_attr(d, "city", cat->e[i].city_name);
		page_attr(d, "name", cat->e[i].dept_name);
	}
}

/* <field name error>value as typed</field> for each declared field. */
static int
add_fields(xmlNodePtr form, const struct board_form *bf)
{
	xmlNodePtr x;
	char	*shown;

	for (int i = 0; i < BF__MAX; i++) {
		if (i == BF_CSRF)
			continue;
		shown = bf && bf->raw[i] ? bf_display(bf->raw[i], bf->rawlen[i]) : NULL;
		if (bf && bf->raw[i] && shown == NULL)
			return -1;
		x = page_text(form, "field", shown ? shown : "");
		free(shown);
		page_attr(x, "name", bf_name((enum bf_field)i));
		if (bf && bf->err[i])
			page_attr(x, "error", bf->err[i]);
	}
	return 0;
}

/* The form page: empty (bf NULL) or shown again with values and errors. */
static int
form_page(struct req *r, const struct board_form *bf, const char *extra_notice, int status)
{
	const struct conf *c = r->w->conf;
	char	 tok[CSRF_TOKEN_MAX];
	xmlDocPtr doc;
	xmlNodePtr root, f, a;
	int	 rc = -1;

	if (csrf_issue(c->secret, c->secret_len, clock_now(), tok) == -1 ||
	    (doc = page_new(r, &root)) == NULL)
		return 503;
	f = xmlNewChild(root, NULL, BAD_CAST "board-form", NULL);
	page_attr(f, "csrf", tok);
	page_attr_ull(f, "max-attachment", c->max_attachment);
	page_attr_ull(f, "max-attachments", BF_ATTACH_MAX);
	for (size_t i = 0; bf && i < bf->nnotice; i++)
		page_text(f, "notice", bf->notice[i]);
	if (extra_notice)
		page_text(f, "notice", extra_notice);
	if (add_fields(f, bf) == 0) {
		a = xmlNewChild(f, NULL, BAD_CAST "attachments", NULL);
		page_attr_ull(a, "sent", bf ? bf->nfiles_sent : 0);
		if (bf && bf->file_err[0])
			page_attr(a, "error", bf->file_err);
		add_departments(f, &r->w->cat);
		for (size_t i = 0; bf_kinds[i]; i++)
			page_attr(xmlNewChild(f, NULL, BAD_CAST "kind", NULL), "value", bf_kinds[i]);
		rc = page_html(r, doc);
	}
	xmlFreeDoc(doc);
	if (rc == -1)
		return 500;
	r->status = status;
	req_header(r, "Cache-Control", "no-store");
	return 0;
}

int
h_board_new(struct req *r)
{
	if (r->w->conf->secret_len == 0)
		return not_configured(r);
	if (app_catalog(r->w) == -1)
		return 503;
	return form_page(r, NULL, NULL, 200);
}

/* Decodes the body into p->in; 0, or the status of a body we cannot read. */
static int
decode(struct req *r, struct board_post *p)
{
	char	 boundary[MP_BOUNDARY_MAX + 1];
	const struct conf *c = r->w->conf;
	struct mp_limits lim = { 16, 4096, c->max_body, c->max_body + BF_ATTACH_MAX * c->max_attachment };
	const char *body = r->body ? r->body : "";

	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0) {
		if (form_parse(&p->form, body, r->body_len) == -1)
			return 400;
		for (size_t i = 0; i < p->form.n; i++)
			p->in[p->n++] = (struct bf_input){ p->form.f[i].name,
			    p->form.f[i].value, p->form.f[i].vlen, NULL };
		return 0;
	}
	if (mp_boundary(r->content_type, boundary) == -1)
		return 415;
	if (mp_parse(&p->mp, body, r->body_len, boundary, &lim) != MP_OK)
		return 400;
	for (size_t i = 0; i < p->mp.n; i++) {
		const struct mp_part *pt = &p->mp.p[i];
		p->in[p->n++] = (struct bf_input){ pt->name, pt->value ? pt->value : pt->data,
		    pt->len, pt->filename };
	}
	return 0;
}

/* The 303 to the receipt page, with the code sealed in a cookie for it. */
static int
to_receipt(struct req *r, const char *receipt, const char *code)
{
	const struct conf *c = r->w->conf;
	const char *https = FCGX_GetParam("HTTPS", r->fcgi->envp);
	char	 ticket[TICKET_MAX], cookie[TICKET_MAX + 256], loc[RECEIPT_MAX + 32];

	if (ticket_seal(c->secret, c->secret_len, receipt, code, clock_now(), ticket) == -1)
		return 500;
	snprintf(cookie, sizeof(cookie), TICKET_COOKIE "=%s; Path=/board/receipt/%s;"
	    " Max-Age=%d; HttpOnly; SameSite=Lax%s", ticket, receipt, TICKET_MAX_AGE,
	    https && *https ? "; Secure" : "");
	snprintf(loc, sizeof(loc), "/board/receipt/%s", receipt);
	req_header(r, "Set-Cookie", cookie);
	req_header(r, "Location", loc);
	req_header(r, "Cache-Control", "no-store");
	r->status = 303;
	return 0;
}

/* Stores a valid post; the answer (303, or the form again). */
static int
store(struct req *r, const struct board_form *bf)
{
	struct attachment_in att[BF_ATTACH_MAX];
	char	 code[ACCESS_CODE_MAX], hash[65], receipt[RECEIPT_MAX], why[256] = "";
	struct petition_in p = { .source = "board", .city = bf->city, .dept = bf->dept,
	    .kind = bf->val[BF_KIND], .channel = "board", .received_at = clock_now(),
	    .title = bf->val[BF_TITLE], .body = bf->val[BF_BODY],
	    .protected_applicant = strcmp(bf->val[BF_KIND], "corruption-report") == 0,
	    .applicant = { bf->val[BF_NAME], bf->val[BF_ADDRESS], bf->val[BF_PHONE],
		bf->val[BF_EMAIL], bf->val[BF_SMS] != NULL },
	    .attachments = att, .nattachments = bf->nfile, .access_code_hash = hash,
	    .recorded_by = "board" };

	for (size_t i = 0; i < bf->nfile; i++)
		att[i] = (struct attachment_in){ bf->file[i].filename, bf->file[i].media_type,
		    bf->file[i].data, bf->file[i].len };
	if (access_code_new(code) == -1 || access_code_hash(code, hash) == -1)
		return 503;
	pstore_set_catalog(r->w->pstore, &r->w->cat);	/* refreshed above */
	switch (pstore_put_ctx(r->w->pstore, &p, 0, receipt, why, sizeof(why))) {
	case PS_NEW:
		log_info(r->id, "board post stored as %s", receipt);
		return to_receipt(r, receipt, code);
	case PS_INVALID:
		log_warn(r->id, "board post refused by the store: %s", why);
		return form_page(r, bf, why[0] ? why : "접수할 수 없는 민원입니다.", 422);
	default:
		log_err(r->id, "board post not stored (database)");
		return form_page(r, bf, "일시적인 오류로 접수하지 못했습니다. 내용은 그대로 두었으니"
		    " 잠시 뒤 다시 제출해 주십시오.", 503);
	}
}

int
h_board_post(struct req *r)
{
	const struct conf *c = r->w->conf;
	struct board_post *p = NULL;
	struct board_form *bf = NULL;
	struct board_ctx ctx = { c->secret, c->secret_len, clock_now(), c->max_attachment,
	    dept_exists, &r->w->cat, 0 };
	int	 st;

	if (c->secret_len == 0)
		return not_configured(r);
	if ((st = req_read_body(r, c->max_body + BF_ATTACH_MAX * c->max_attachment)) != 0)
		return page_error(r, st, FMT_HTML, st == 413 ? "the post is larger than this"
		    " server accepts — 글과 첨부파일이 너무 큽니다" : "the post could not be read", NULL);
	if (app_catalog(r->w) == -1)
		return 503;
	if ((p = calloc(1, sizeof(*p))) == NULL || (bf = malloc(sizeof(*bf))) == NULL) {
		st = 503;
		goto out;
	}
	if ((st = decode(r, p)) != 0) {
		st = page_error(r, st, FMT_HTML, st == 415 ? "send the form as"
		    " application/x-www-form-urlencoded or multipart/form-data" :
		    "the form data is malformed", NULL);
		goto out;
	}
	if (board_form_check(bf, p->in, p->n, &ctx) > 0)
		st = form_page(r, bf, NULL, bf->csrf != CSRF_OK && bf->nerr == 1 ? 403 : 422);
	else
		st = store(r, bf);
out:
	if (p) {
		form_free(&p->form);
		mp_free(&p->mp);
	}
	free(p);
	free(bf);
	return st;
}

/* The value of cookie name in a Cookie header (RFC 6265 §5.4), into out. */
static int
cookie_value(const char *hdr, const char *name, char *out, size_t n)
{
	size_t	 nl = strlen(name), vl;
	const char *p = hdr;

	while (p && *p) {
		p += strspn(p, " ;");
		vl = strcspn(p, ";");
		if (vl > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			if (vl - nl - 1 >= n)
				return -1;
			memcpy(out, p + nl + 1, vl - nl - 1);
			out[vl - nl - 1] = '\0';
			return 0;
		}
		p += vl;
	}
	return -1;
}

int
h_board_receipt(struct req *r)
{
	const struct conf *c = r->w->conf;
	const char *receipt = r->m.param[0], *hdr = FCGX_GetParam("HTTP_COOKIE", r->fcgi->envp);
	char	 ticket[TICKET_MAX], code[ACCESS_CODE_MAX], clear[RECEIPT_MAX + 96];
	xmlDocPtr doc;
	xmlNodePtr root, e;
	int	 rc, shown;

	shown = hdr && cookie_value(hdr, TICKET_COOKIE, ticket, sizeof(ticket)) == 0 &&
	    ticket_open(c->secret, c->secret_len, receipt, ticket, clock_now(), code) == 0;
	if ((doc = page_new(r, &root)) == NULL)
		return 500;
	e = xmlNewChild(root, NULL, BAD_CAST "board-receipt", NULL);
	page_attr(e, "receipt", receipt);
	if (shown)
		page_attr(e, "code", code);
	rc = page_html(r, doc);
	xmlFreeDoc(doc);
	if (rc == -1)
		return 500;
	/* Shown once: the browser drops the ticket now. */
	snprintf(clear, sizeof(clear), TICKET_COOKIE "=; Path=/board/receipt/%s; Max-Age=0;"
	    " HttpOnly; SameSite=Lax", receipt);
	req_header(r, "Set-Cookie", clear);
	req_header(r, "Cache-Control", "no-store");
	req_header(r, "Referrer-Policy", "no-referrer");
	return 0;
}
