/* kasi: reading 특일 정보 answers (getRestDeInfo's XML: response, header,
 * body, items, item) into dates and names, and refusing what is not one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "kasi.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "util/xmlsafe.h"

#define COUNT_MAX	100000	/* numOfRows, pageNo, totalCount at most */
#define JOIN		"\xc2\xb7"	/* "·", U+00B7, as holidays.conf joins names */

/* The first child element of n called name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST name))
			return n;
	return NULL;
}

/* The text of child name of n, blanks around it removed, into out: 1 when
 * found, 0 when absent, -1 when longer than outlen - 1 bytes. */
static int
child_text(xmlNodePtr n, const char *name, char *out, size_t outlen)
{
	xmlNodePtr c = child(n, name);
	xmlChar	*v;
	const char *s;
	size_t	 len;
	int	 rc = 1;

	out[0] = '\0';
	if (c == NULL)
		return 0;
	if ((v = xmlNodeGetContent(c)) == NULL)
		return 1;
	for (s = (const char *)v; *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'; s++)
		;
	len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	if (len >= outlen)
		rc = -1;
	else {
		memcpy(out, s, len);
		out[len] = '\0';
	}
	xmlFree(v);
	return rc;
}

/* A count of the body (numOfRows, pageNo, totalCount): 0, or -1. */
static int
body_count(xmlNodePtr body, const char *name, long *out, char *err, size_t errlen)
{
	char	 v[16], *end;

	if (child_text(body, name, v, sizeof(v)) != 1 || v[0] < '0' || v[0] > '9' ||
	    (*out = strtol(v, &end, 10)) > COUNT_MAX || *end) {
		snprintf(err, errlen, "body/%s: expected a number from 0 to %d", name, COUNT_MAX);
		return -1;
	}
	return 0;
}

/* locdate "YYYYMMDD" as a day number: 0, or -1. */
static int
parse_locdate(const char *s, int32_t *day)
{
	int64_t	 y = 0, yy;
	int	 m, d, mm, dd, i;

	if (strlen(s) != 8 || strspn(s, "0123456789") != 8)
		return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	d = (s[6] - '0') * 10 + (s[7] - '0');
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = (int32_t)cal_civil_day(y, m, d);
	cal_civil_from_day(*day, &yy, &mm, &dd);	/* 2026-02-30 comes back as March */
	return yy == y && mm == m && dd == d ? 0 : -1;
}

/* A name fit for a holidays.conf line: one line of UTF-8 text. */
static int
name_valid(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && utf8_valid(s, n, NULL) && !utf8_has_controls(s, n) &&
	    strpbrk(s, "\t\r\n") == NULL;
}

/* One <item>: 0, or -1 with the reason in err (k is its 1-based number). */
static int
parse_item(xmlNodePtr n, size_t k, struct kasi_item *it, char *err, size_t errlen)
{
	char	 date[16], yn[8];
	int	 rc;

	memset(it, 0, sizeof(*it));
	if (child_text(n, "locdate", date, sizeof(date)) != 1 || parse_locdate(date, &it->day)) {
		snprintf(err, errlen, "item %zu: locdate: expected a date YYYYMMDD", k);
		return -1;
	}
	if ((rc = child_text(n, "dateName", it->name, sizeof(it->name))) != 1 ||
	    !name_valid(it->name)) {
		snprintf(err, errlen, "item %zu (%s): dateName: %s", k, date, rc == -1 ?
		    "longer than 63 bytes" : "expected the name, one line of text");
		return -1;
	}
	if (child_text(n, "isHoliday", yn, sizeof(yn)) != 1 || (strcmp(yn, "Y") && strcmp(yn, "N"))) {
		snprintf(err, errlen, "item %zu (%s): isHoliday: expected Y or N", k, date);
		return -1;
	}
	it->holiday = yn[0] == 'Y';
	if (child_text(n, "dateKind", it->kind, sizeof(it->kind)) == -1) {
		snprintf(err, errlen, "item %zu (%s): dateKind: longer than 7 bytes", k, date);
		return -1;
	}
	return 0;
}

/* The <item>s of <items> into page (at most KASI_ITEMS_MAX). 0, or -1. */
static int
parse_items(xmlNodePtr items, struct kasi_page *page, char *err, size_t errlen)
{
	xmlNodePtr n;
	size_t	 cap = 0;

	for (n = items ? items->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "item")) {
			snprintf(err, errlen, "body/items: <%.40s> where <item> was expected", n->name);
			return -1;
		}
		if (page->n == KASI_ITEMS_MAX) {
			snprintf(err, errlen, "body/items: more than %d items", KASI_ITEMS_MAX);
			return -1;
		}
		if (page->n == cap) {
			struct kasi_item *v;
			cap = cap ? cap * 2 : 32;
			if ((v = realloc(page->items, cap * sizeof(*v))) == NULL) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			page->items = v;
		}
		if (parse_item(n, page->n + 1, &page->items[page->n], err, errlen) == -1)
			return -1;
		page->n++;
	}
	return 0;
}

/* The items a page must hold by its counts. */
static long
expected_items(const struct kasi_page *p)
{
	long	 before = (p->page_no - 1) * p->num_rows, left = p->total - before;

	if (p->total == 0 || left <= 0)
		return 0;
	return left < p->num_rows ? left : p->num_rows;
}

/* response/body: the counts, the items, and that they agree. */
static int
parse_body(xmlNodePtr body, struct kasi_page *page, char *err, size_t errlen)
{
	if (body == NULL) {
		snprintf(err, errlen, "the answer has no body");
		return -1;
	}
	if (body_count(body, "numOfRows", &page->num_rows, err, errlen) == -1 ||
	    body_count(body, "pageNo", &page->page_no, err, errlen) == -1 ||
	    body_count(body, "totalCount", &page->total, err, errlen) == -1 ||
	    parse_items(child(body, "items"), page, err, errlen) == -1)
		return -1;
	if (page->total > 0 && (page->num_rows < 1 || page->page_no < 1)) {
		snprintf(err, errlen, "body: numOfRows and pageNo must be at least 1");
		return -1;
	}
	if ((long)page->n != expected_items(page)) {
		snprintf(err, errlen, "body: %zu items where totalCount %ld, numOfRows %ld and"
		    " pageNo %ld say %ld (a truncated answer?)", page->n, page->total,
		    page->num_rows, page->page_no, expected_items(page));
		return -1;
	}
	return 0;
}

/* The gateway's refusal (a bad or unregistered service key, a quota). */
static enum kasi_rc
gateway_error(xmlNodePtr root, char *err, size_t errlen)
{
	xmlNodePtr h = child(root, "cmmMsgHeader") ? child(root, "cmmMsgHeader") : root;
	char	 msg[200], auth[200], code[16];

	child_text(h, "errMsg", msg, sizeof(msg));
	child_text(h, "returnAuthMsg", auth, sizeof(auth));
	child_text(h, "returnReasonCode", code, sizeof(code));
	snprintf(err, errlen, "the API refused the request: %s%s%s (returnReasonCode %s)",
	    msg[0] ? msg : "error", auth[0] ? ": " : "", auth, code[0] ? code : "none");
	return KASI_REFUSED;
}

/* response: the header's result, then the body. */
static enum kasi_rc
parse_response(xmlNodePtr root, struct kasi_page *page, char *err, size_t errlen)
{
	xmlNodePtr h = child(root, "header");
	char	 code[16], msg[200];

	if (h == NULL || child_text(h, "resultCode", code, sizeof(code)) != 1 || !code[0]) {
		snprintf(err, errlen, "the answer has no header/resultCode");
		return KASI_MALFORMED;
	}
	child_text(h, "resultMsg", msg, sizeof(msg));
	if (strcmp(code, "00")) {
		snprintf(err, errlen, "the API answered resultCode %s: %s", code,
		    msg[0] ? msg : "(no resultMsg)");
		return KASI_REFUSED;
	}
	return parse_body(child(root, "body"), page, err, errlen) == 0 ? KASI_OK : KASI_MALFORMED;
}

/* The first of xmlsafe's errors, with its line when it has one. */
static void
not_xml(const struct diag *dg, char *err, size_t errlen)
{
	const char *msg = dg->n ? dg->item[0].msg : "not XML";
	size_t	 n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;	/* libxml2's messages end in a newline */
	if (dg->n && dg->item[0].line > 0)
		snprintf(err, errlen, "not a well-formed answer: line %ld: %.*s",
		    dg->item[0].line, (int)n, msg);
	else
		snprintf(err, errlen, "not a well-formed answer: %.*s", (int)n, msg);
}

enum kasi_rc
kasi_parse(const char *data, size_t len, size_t max, unsigned maxdepth,
    struct kasi_page *page, char *err, size_t errlen)
{
	struct diag *dg = calloc(1, sizeof(*dg));
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	enum kasi_rc rc = KASI_MALFORMED;

	memset(page, 0, sizeof(*page));
	if (dg == NULL)
		snprintf(err, errlen, "out of memory");
	else if ((doc = xmlsafe_parse(data, len, max, maxdepth, dg)) == NULL)
		not_xml(dg, err, errlen);
	else if ((root = xmlDocGetRootElement(doc)) == NULL || root->ns != NULL)
		snprintf(err, errlen, "not an answer of 특일 정보 (no root element, or one"
		    " in a namespace)");
	else if (!xmlStrcmp(root->name, BAD_CAST "OpenAPI_ServiceResponse"))
		rc = gateway_error(root, err, errlen);
	else if (xmlStrcmp(root->name, BAD_CAST "response"))
		snprintf(err, errlen, "not an answer of 특일 정보: the root element is <%.40s>,"
		    " not <response>", root->name);
	else
		rc = parse_response(root, page, err, errlen);
	if (rc != KASI_OK)
		kasi_page_free(page);
	if (doc)
		xmlFreeDoc(doc);
	free(dg);
	return rc;
}

void
kasi_page_free(struct kasi_page *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

int
kasi_more(const struct kasi_page *p)
{
	return p->num_rows > 0 && p->page_no * p->num_rows < p->total;
}

int
kasi_within(const struct kasi_item *it, size_t n, int year, int month, char *err,
    size_t errlen)
{
	char	 asked[16];
	int64_t	 y;
	int	 m, d;

	if (month > 0)
		snprintf(asked, sizeof(asked), "%04d-%02d", year, month);
	else
		snprintf(asked, sizeof(asked), "%04d", year);
	for (size_t i = 0; i < n; i++) {
		cal_civil_from_day(it[i].day, &y, &m, &d);
		if (y != year || (month > 0 && m != month)) {
			snprintf(err, errlen, "the answer lists %04lld-%02d-%02d %s, outside the %s"
			    " asked for", (long long)y, m, d, it[i].name, asked);
			return -1;
		}
	}
	return 0;
}

static int
by_day(const void *a, const void *b)
{
	const struct kasi_item *x = *(const struct kasi_item *const *)a;
	const struct kasi_item *y = *(const struct kasi_item *const *)b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x < y ? -1 : x > y;	/* the answer's order */
}

/* 1 if name is one of the "·"-joined parts of joined. */
static int
has_part(const char *joined, const char *name)
{
	size_t	 n = strlen(name), jl = strlen(JOIN);
	const char *p = joined;

	for (;;) {
		const char *e = strstr(p, JOIN);
		size_t	 len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		if (e == NULL)
			return 0;
		p = e + jl;
	}
}

/* Adds name to h, a holiday of the same date: 0, or -1 when too long. */
static int
join_name(struct cal_holiday *h, const char *name)
{
	size_t	 have = strlen(h->name), jl = strlen(JOIN), n = strlen(name);

	if (has_part(h->name, name))
		return 0;
	if (have + jl + n >= sizeof(h->name))
		return -1;
	memcpy(h->name + have, JOIN, jl);
	memcpy(h->name + have + jl, name, n + 1);	/* the length was checked above */
	return 0;
}

long
kasi_holidays(const struct kasi_item *it, size_t n, struct cal_holiday *out, char *err,
    size_t errlen)
{
	const struct kasi_item **v = calloc(n ? n : 1, sizeof(*v));
	size_t	 k = 0, i;
	long	 nout = 0;

	if (v == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (it[i].holiday)
			v[k++] = &it[i];
	qsort(v, k, sizeof(*v), by_day);
	for (i = 0; i < k; i++) {
		if (nout > 0 && out[nout - 1].day == v[i]->day) {
			if (join_name(&out[nout - 1], v[i]->name) == 0)
				continue;
			snprintf(err, errlen, "%s: the names of one date joined are longer than"
			    " %d bytes", out[nout - 1].name, KASI_NAME_MAX);
			free(v);
			return -1;
		}
		out[nout].day = v[i]->day;
		snprintf(out[nout++].name, sizeof(out[0].name), "%s", v[i]->name);
	}
	free(v);
	return nout;
}
