/* feed: reading a G4C-style feed (g4c-feed.md) in two streaming passes; each
 * item is checked alone against the item part of schema/g4c-feed.xsd, in C,
 * so that every rejection says plainly what was wrong. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include "feed.h"
#include "instant.h"
#include "petition.h"
#include "../util/timefmt.h"

#define ANONYMOUS "anonymous petitions are not processed: name and address are required"

/* ---- input: size limit and DOCTYPE refusal before libxml2 sees a byte ---- */

struct feed_in {
	FILE	*f;
	size_t	 total, max;
	unsigned match;		/* bytes of "<!DOCTYPE" matched so far */
	int	 doctype, toobig;
};

/* XML 1.0 §2.8: our feeds never need a DOCTYPE; refusing the bytes closes
 * XXE, external parameter entities and entity bombs before any parsing. */
static int
in_read(void *ctx, char *buf, int len)
{
	static const char pat[] = "<!DOCTYPE";
	struct feed_in *in = ctx;
	size_t	 n, i;

	if (in->doctype || in->toobig)
		return -1;
	n = fread(buf, 1, (size_t)len, in->f);
	if (ferror(in->f))
		return -1;
	for (i = 0; i < n; i++) {
		if (buf[i] == pat[in->match])
			in->match++;
		else
			in->match = buf[i] == '<';
		if (in->match == sizeof(pat) - 1) {
			in->doctype = 1;
			return -1;
		}
	}
	if ((in->total += n) > in->max) {
		in->toobig = 1;
		return -1;
	}
	return (int)n;
}

/* Keeps the first error (not a warning) in buf as one line, "what: message".
 * Returns 1 when e was kept. */
static int
keep_first(char *buf, size_t size, const char *what, const char *none,
    const xmlError *e)
{
	if (e == NULL || e->level == XML_ERR_WARNING || buf[0])
		return 0;
	snprintf(buf, size, "%s: %s", what, e->message ? e->message : none);
	buf[strcspn(buf, "\n")] = '\0';
	return 1;
}

static void
first_error(void *ctx, xmlErrorPtr e)
{
	struct feed_result *res = ctx;

	if (keep_first(res->error, sizeof(res->error), "not well-formed XML",
	    "parse error", e))
		res->line = e->line;
}

static xmlTextReaderPtr
reader_open(struct feed_in *in, FILE *f, const struct feed_limits *lim,
    struct feed_result *res)
{
	xmlTextReaderPtr rd;

	memset(in, 0, sizeof(*in));
	in->f = f;
	in->max = lim->max_bytes;
	/* No DTD loading, no entity substitution, no network (XML_PARSE_NONET). */
	rd = xmlReaderForIO(in_read, NULL, in, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (rd == NULL)
		snprintf(res->error, sizeof(res->error), "out of memory");
	else
		xmlTextReaderSetStructuredErrorHandler(rd, first_error, res);
	return rd;
}

/* The reason a feed failed to parse: our own refusals first. */
static int
parse_failed(const struct feed_in *in, xmlTextReaderPtr rd, struct feed_result *res)
{
	if (in->doctype || in->toobig) {
		res->line = xmlTextReaderGetParserLineNumber(rd);
		snprintf(res->error, sizeof(res->error), in->doctype ?
		    "DOCTYPE declarations are not allowed (no DTDs, no entities)" :
		    "the feed is larger than %zu bytes", in->max);
	} else if (res->error[0] == '\0')
		snprintf(res->error, sizeof(res->error), "not well-formed XML");
	return -1;
}

static int
whole(struct feed_result *res, xmlTextReaderPtr rd, const char *why)
{
	res->line = xmlTextReaderGetParserLineNumber(rd);
	snprintf(res->error, sizeof(res->error), "%s", why);
	return -1;
}

/* ---- small parsers ---- */

static char *
trim(char *s)
{
	char	*e;

	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
source_valid(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return 0;
	return 1;
}

/* ---- pass 1: the whole feed ---- */

static char *
attr(xmlTextReaderPtr rd, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(rd, BAD_CAST name);
}

/* The feed's generated: an instant in range, not ahead of now beyond the
 * tolerance; NULL or why not (into why). */
static const char *
check_generated(char *gen, const struct feed_limits *lim, struct feed_head *h,
    char *why, size_t n)
{
	char	 r[INSTANT_WHY];

	if (gen == NULL || time_iso_read(trim(gen), &h->generated) == -1)
		return "the feed's generated attribute is missing or not an ISO 8601 time with offset";
	if (instant_check(h->generated, lim->now, lim->ahead, r) == NULL)
		return NULL;
	snprintf(why, n, "the feed's generated attribute: %s", r);
	return why;
}

/* g4c-feed.md "Shape": root petitions in FEED_NS, source, generated, sequence. */
static int
check_root(xmlTextReaderPtr rd, const struct feed_limits *lim, struct feed_head *h,
    struct feed_result *res)
{
	const char *ln = (const char *)xmlTextReaderConstLocalName(rd);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
	char	*src = attr(rd, "source"), *gen = attr(rd, "generated"), *seq = attr(rd, "sequence");
	char	*end = NULL, why[200];
	const char *bad;
	int	 rc = -1;

	if (strcmp(ln, "petitions") || ns == NULL || strcmp(ns, FEED_NS))
		whole(res, rd, "not a G4C feed: the root must be <petitions> in namespace " FEED_NS);
	else if (src == NULL || !source_valid(src))
		whole(res, rd, "the feed's source attribute is missing or not a valid id");
	else if ((bad = check_generated(gen, lim, h, why, sizeof(why))) != NULL)
		whole(res, rd, bad);
	else if (seq == NULL || !isdigit((unsigned char)*trim(seq)) ||
	    (h->sequence = strtoull(trim(seq), &end, 10), *end))
		whole(res, rd, "the feed's sequence attribute is missing or not a number");
	else {
		snprintf(h->source, sizeof(h->source), "%s", src);
		rc = 0;
	}
	xmlFree(src);
	xmlFree(gen);
	xmlFree(seq);
	return rc;
}

/* One node of pass 1: 0, or -1 with the whole feed refused. */
static int
check_node(xmlTextReaderPtr rd, const struct feed_limits *lim, struct feed_head *h,
    struct feed_result *res)
{
	int	 type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
	const char *ns;

	if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
		return whole(res, rd, "DOCTYPE declarations and entities are not allowed");
	if (depth > (int)lim->max_depth)
		return whole(res, rd, "elements are nested too deeply");
	if (type == XML_READER_TYPE_ELEMENT && depth == 0)
		return check_root(rd, lim, h, res);
	if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
		ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
		if (strcmp((const char *)xmlTextReaderConstLocalName(rd), "petition") ||
		    ns == NULL || strcmp(ns, FEED_NS))
			return whole(res, rd, "not a G4C feed: <petitions> may hold only <petition> elements");
		h->items++;
	}
	if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) && depth == 1)
		return whole(res, rd, "not a G4C feed: text between petitions");
	return 0;
}

int
feed_check(FILE *f, const struct feed_limits *lim, struct feed_head *h,
    struct feed_result *res)
{
	struct feed_in in;
	xmlTextReaderPtr rd;
	int	 ret, rc = 0;

	memset(h, 0, sizeof(*h));
	rewind(f);
	if ((rd = reader_open(&in, f, lim, res)) == NULL)
		return -1;
	while (rc == 0 && (ret = xmlTextReaderRead(rd)) == 1)
		rc = check_node(rd, lim, h, res);
	if (rc == 0 && ret != 0)
		rc = parse_failed(&in, rd, res);
	else if (rc == 0 && h->source[0] == '\0') {
		snprintf(res->error, sizeof(res->error), "the feed is empty");
		rc = -1;
	}
	xmlFreeTextReader(rd);
	if (rc == 0)
		res->head = *h;
	return rc;
}

/* ---- pass 2: one item at a time ---- */

struct item {
	struct petition_in in;
	struct event_in	 ev[FEED_EVENTS_MAX];
	xmlChar		*own[32 + FEED_EVENTS_MAX * 4];
	size_t		 nown;
	char		 receipt[RECEIPT_MAX];
	char		 why[300];	/* a reason built with a name in it */
	time_t		 now;		/* the import's (feed_limits) */
	long		 ahead;
};

static void
item_clear(struct item *it)
{
	while (it->nown > 0)
		xmlFree(it->own[--it->nown]);
	memset(&it->in, 0, sizeof(it->in));
	it->receipt[0] = '\0';
}

/* Keeps s until the item is cleared; NULL stays NULL. */
static char *
keep(struct item *it, xmlChar *s)
{
	if (s == NULL)
		return NULL;
	if (it->nown == sizeof(it->own) / sizeof(it->own[0])) {
		xmlFree(s);
		return NULL;
	}
	it->own[it->nown++] = s;
	return (char *)s;
}

static int
has_child_element(xmlNodePtr n)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The element's text (trimmed unless raw), or NULL if it holds elements. */
static const char *
text(struct item *it, xmlNodePtr n, int raw)
{
	char	*s;

	if (has_child_element(n) || (s = keep(it, xmlNodeGetContent(n))) == NULL)
		return NULL;
	return raw ? s : trim(s);
}

static const char *
prop(struct item *it, xmlNodePtr n, const char *name)
{
	char	*s = keep(it, xmlGetNoNsProp(n, BAD_CAST name));

	return s ? trim(s) : NULL;
}

static int
boolean(const char *s, int *out)
{
	if (s && (!strcmp(s, "true") || !strcmp(s, "1")))
		*out = 1;
	else if (s && (!strcmp(s, "false") || !strcmp(s, "0")))
		*out = 0;
	else
		return -1;
	return 0;
}

struct field {
	const char	*name;
	int		 optional;
	const char	*(*fn)(struct item *, xmlNodePtr);
	const char	*missing;	/* the reason when absent, if not "missing <name>" */
};

/* Children of parent must be the fields, in order (XSD xs:sequence). */
static const char *
walk(struct item *it, xmlNodePtr parent, const struct field *fl, size_t nf)
{
	xmlNodePtr c;
	size_t	 i = 0;
	const char *why;

	for (c = parent->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (*trim((char *)c->content) != '\0')
				return "text outside the fields of the petition";
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns == NULL || strcmp((const char *)c->ns->href, FEED_NS))
			goto unexpected;
		while (i < nf && strcmp((const char *)c->name, fl[i].name) && fl[i].optional)
			i++;
		if (i == nf)
			goto unexpected;
		if (strcmp((const char *)c->name, fl[i].name))
			break;
		if ((why = fl[i].fn(it, c)) != NULL)
			return why;
		i++;
	}
	while (i < nf && fl[i].optional)
		i++;
	if (i == nf)
		return NULL;
	if (fl[i].missing)
		return fl[i].missing;
	snprintf(it->why, sizeof(it->why), "<%s> is missing or out of order", fl[i].name);
	return it->why;
unexpected:
	snprintf(it->why, sizeof(it->why), "unexpected element <%.60s> (unknown, repeated or out of order)",
	    (const char *)c->name);
	return it->why;
}

static const char *
f_receipt(struct item *it, xmlNodePtr n)
{
	const char *s = text(it, n, 0);

	if (s == NULL || *s == '\0' || strlen(s) >= RECEIPT_MAX)
		return "the receipt-no is empty or too long";
	snprintf(it->receipt, sizeof(it->receipt), "%s", s);
	it->in.external_id = it->receipt;
	return NULL;
}

static const char *
f_kind(struct item *it, xmlNodePtr n)
{
	if ((it->in.kind = text(it, n, 0)) == NULL || !petition_kind_valid(it->in.kind))
		return "unknown petition kind";
	return NULL;
}

static const char *
f_channel(struct item *it, xmlNodePtr n)
{
	static const char *const ok[] = { "internet", "mail", "fax", "visit", "phone" };
	const char *s = text(it, n, 0);
	size_t	 i;

	for (i = 0; s && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(s, ok[i])) {
			it->in.channel = ok[i];
			return NULL;
		}
	return "unknown channel (internet, mail, fax, visit or phone)";
}

/* An instant of the item, s, named name: parsed (bad: the reason when it
 * is not ISO 8601), then checked against the range and, unless ahead is
 * INSTANT_ANY, against now. NULL, or why the item is rejected. */
static const char *
when(struct item *it, const char *s, const char *name, long ahead, const char *bad,
    time_t *out)
{
	char	 r[INSTANT_WHY];

	if (time_iso_read(s, out) == -1)
		return bad;
	if (instant_check(*out, it->now, ahead, r) == NULL)
		return NULL;
	snprintf(it->why, sizeof(it->why), "%s: %s", name, r);
	return it->why;
}

static const char *
f_received(struct item *it, xmlNodePtr n)
{
	return when(it, text(it, n, 0), "received-at", it->ahead,
	    "bad date: received-at must be ISO 8601 with an offset", &it->in.received_at);
}

static const char *
f_dept(struct item *it, xmlNodePtr n)
{
	it->in.city = prop(it, n, "city");
	it->in.dept = prop(it, n, "code");
	if (it->in.city == NULL || it->in.dept == NULL || !*it->in.city || !*it->in.dept)
		return "the department needs its city and code attributes";
	return NULL;
}

static const char *
f_period(struct item *it, xmlNodePtr n)
{
	const char *unit = prop(it, n, "unit"), *v = text(it, n, 0);
	char	*end;
	unsigned long x;

	if (unit == NULL || (strcmp(unit, "hours") && strcmp(unit, "days")))
		return "the statutory period's unit must be hours or days";
	if (v == NULL || !isdigit((unsigned char)*v) || (x = strtoul(v, &end, 10)) == 0 ||
	    *end || x > 100000)
		return "the statutory period must be a positive integer";
	/* its deadline must be an instant the store can hold */
	if (!instant_period_fits(it->in.received_at, (unsigned)x, unit[0] == 'h'))
		return "statutory-period: too long: its deadline could fall after "
		    INSTANT_MAX_ISO ", the latest instant the database stores";
	it->in.statutory_value = (unsigned)x;
	it->in.statutory_unit = unit;
	return NULL;
}

static const char *
f_name(struct item *it, xmlNodePtr n)
{
	const char *s = text(it, n, 0);

	if (s == NULL || *s == '\0')
		return ANONYMOUS;
	it->in.applicant.name = s;
	return NULL;
}

static const char *
f_address(struct item *it, xmlNodePtr n)
{
	const char *s = text(it, n, 0);

	if (s == NULL || *s == '\0')
		return ANONYMOUS;
	it->in.applicant.address = s;
	return NULL;
}

static const char *
f_phone(struct item *it, xmlNodePtr n)
{
	it->in.applicant.phone = text(it, n, 0);
	return NULL;
}

static const char *
f_email(struct item *it, xmlNodePtr n)
{
	it->in.applicant.email = text(it, n, 0);
	return NULL;
}

static const char *
f_sms(struct item *it, xmlNodePtr n)
{
	if (boolean(text(it, n, 0), &it->in.applicant.sms_consent) == -1)
		return "sms-consent must be true or false";
	return NULL;
}

static const char *
f_applicant(struct item *it, xmlNodePtr n)
{
	static const struct field fl[] = {
		{ "name", 0, f_name, ANONYMOUS }, { "address", 0, f_address, ANONYMOUS },
		{ "phone", 1, f_phone, NULL }, { "email", 1, f_email, NULL },
		{ "sms-consent", 0, f_sms, NULL },
	};
	const char *p = prop(it, n, "protected");

	if (p && boolean(p, &it->in.protected_applicant) == -1)
		return "the applicant's protected attribute must be true or false";
	return walk(it, n, fl, sizeof(fl) / sizeof(fl[0]));
}

static const char *
f_title(struct item *it, xmlNodePtr n)
{
	if ((it->in.title = text(it, n, 0)) == NULL || *it->in.title == '\0')
		return "the title is empty";
	return NULL;
}

static const char *
f_body(struct item *it, xmlNodePtr n)
{
	if ((it->in.body = text(it, n, 1)) == NULL || *trim((char *)it->in.body) == '\0')
		return "the body is empty";
	return NULL;
}

static const char *
one_event(struct item *it, xmlNodePtr n, struct event_in *e)
{
	const char *due, *why;

	memset(e, 0, sizeof(*e));
	e->type = prop(it, n, "type");
	if (e->type == NULL || !petition_event_valid(e->type))
		return "an event has an unknown type";
	if ((why = when(it, prop(it, n, "at"), "an event's at", it->ahead,
	    "bad date: an event's at must be ISO 8601 with an offset", &e->at)) != NULL)
		return why;
	e->officer = prop(it, n, "officer");
	due = prop(it, n, "due");
	if (strcmp(e->type, "extended") != 0)
		return due != NULL ? "only an extended event has a due attribute" : NULL;
	/* a due lies ahead: only the range bounds it */
	return when(it, due, "an extended event's due", INSTANT_ANY, "an extended event"
	    " needs a due attribute (ISO 8601 with an offset)", &e->due);
}

static const char *
f_events(struct item *it, xmlNodePtr n)
{
	xmlNodePtr c;
	const char *why;
	size_t	 k = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "event") || c->ns == NULL ||
		    strcmp((const char *)c->ns->href, FEED_NS))
			return "<events> may hold only <event> elements";
		if (k == FEED_EVENTS_MAX)
			return "too many events in one petition";
		if ((why = one_event(it, c, &it->ev[k])) != NULL)
			return why;
		k++;
	}
	it->in.events = it->ev;
	it->in.nevents = k;
	return NULL;
}

/* g4c-feed.md "Shape": the petition's fields, in this order. */
static const char *
item_parse(struct item *it, xmlNodePtr n)
{
	static const struct field fl[] = {
		{ "receipt-no", 0, f_receipt, NULL }, { "kind", 0, f_kind, NULL },
		{ "channel", 0, f_channel, NULL }, { "received-at", 0, f_received, NULL },
		{ "department", 0, f_dept, NULL }, { "statutory-period", 1, f_period, NULL },
		{ "applicant", 0, f_applicant, ANONYMOUS }, { "title", 0, f_title, NULL },
		{ "body", 0, f_body, NULL }, { "events", 1, f_events, NULL },
	};

	return walk(it, n, fl, sizeof(fl) / sizeof(fl[0]));
}

void
feed_reject(struct feed_result *res, const char *receipt, const char *reason)
{
	struct feed_reject *r;
	size_t	 cap;

	res->n_rejected++;
	if (res->nrej == FEED_REJECT_MAX)
		return;
	if (res->nrej == res->caprej) {
		cap = res->caprej ? res->caprej * 2 : 16;
		cap = cap > FEED_REJECT_MAX ? FEED_REJECT_MAX : cap;
		if ((r = realloc(res->rej, cap * sizeof(*r))) == NULL)
			return;	/* still counted */
		res->rej = r;
		res->caprej = cap;
	}
	r = &res->rej[res->nrej++];
	snprintf(r->receipt, sizeof(r->receipt), "%s", receipt ? receipt : "");
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
}

void
feed_result_free(struct feed_result *res)
{
	free(res->rej);
	res->rej = NULL;
	res->nrej = res->caprej = 0;
}

/* The first error of a validation, one line. */
static void
schema_error(void *ctx, xmlErrorPtr e)
{
	struct item *it = ctx;

	keep_first(it->why, sizeof(it->why), "not valid against the feed's schema",
	    "invalid", e);
}

/* One expanded <petition>: checked (in C, then against the schema when vc
 * is set), stored through fn, counted. */
static int
item_one(struct item *it, xmlNodePtr n, xmlSchemaValidCtxtPtr vc, const struct feed_head *h,
    const char *recorded_by, feed_item_fn fn, void *arg, struct feed_result *res)
{
	char	 why[300];
	const char *bad;

	item_clear(it);
	if ((bad = item_parse(it, n)) != NULL) {
		feed_reject(res, it->receipt, bad);
		return 0;
	}
	it->why[0] = '\0';
	if (vc && xmlSchemaValidateOneElement(vc, n) != 0) {
		feed_reject(res, it->receipt, it->why[0] ? it->why :
		    "not valid against the feed's schema");
		return 0;
	}
	it->in.source = h->source;
	it->in.recorded_by = recorded_by;
	it->in.feed_sequence = h->sequence;
	/* a whistle-blower's identity is for the auditor only (product.md),
	 * whether or not the sender marked it protected, as on the board */
	if (strcmp(it->in.kind, "corruption-report") == 0)
		it->in.protected_applicant = 1;
	why[0] = '\0';
	switch (fn(arg, &it->in, why, sizeof(why))) {
	case PS_NEW:       res->n_new++; break;
	case PS_UPDATED:   res->n_updated++; break;
	case PS_UNCHANGED: res->n_unchanged++; break;
	case PS_INVALID:   feed_reject(res, it->receipt, why[0] ? why : "invalid"); break;
	default:
		/* bounded so that the message always fits res->error */
		snprintf(res->error, sizeof(res->error), "%.160s (item %.128s)",
		    why[0] ? why : "the store failed", it->receipt);
		return -1;
	}
	return 0;
}

int
feed_items(FILE *f, const struct feed_limits *lim, const struct feed_head *h,
    const char *recorded_by, feed_item_fn fn, void *arg, struct feed_result *res)
{
	struct feed_in in;
	struct item *it = calloc(1, sizeof(*it));
	xmlTextReaderPtr rd = NULL;
	xmlSchemaValidCtxtPtr vc = NULL;
	xmlNodePtr n;
	int	 ret, rc = -1;

	rewind(f);
	if (it == NULL || (rd = reader_open(&in, f, lim, res)) == NULL)
		goto out;
	it->now = lim->now;
	it->ahead = lim->ahead;
	if (lim->schema) {
		if ((vc = xmlSchemaNewValidCtxt(lim->schema)) == NULL)
			goto out;
		xmlSchemaSetValidStructuredErrors(vc, schema_error, it);
	}
	ret = xmlTextReaderRead(rd);
	while (ret == 1) {
		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(rd) != 1) {
			ret = xmlTextReaderRead(rd);
			continue;
		}
		if ((n = xmlTextReaderExpand(rd)) == NULL ||
		    item_one(it, n, vc, h, recorded_by, fn, arg, res) == -1)
			goto out;
		item_clear(it);
		/* Next frees the subtree just read: memory stays one item deep. */
		ret = xmlTextReaderNext(rd);
	}
	rc = ret == 0 ? 0 : parse_failed(&in, rd, res);
out:
	if (rc == -1 && res->error[0] == '\0')
		snprintf(res->error, sizeof(res->error), "out of memory");
	if (it)
		item_clear(it);
	free(it);
	if (vc)
		xmlSchemaFreeValidCtxt(vc);
	xmlFreeTextReader(rd);
	return rc;
}
