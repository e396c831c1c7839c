/* test_charter: the charter model (src/domain/charter.h) on the seed
 * charters and the fixtures: schema validity, identity, the checks of
 * meaning, the promises the seeds make, inheritance marks and the summary
 * of changes between versions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include "domain/charter.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/xmlsafe.h"
#include "tap.h"

#define MAXLEN	(1024 * 1024)

static xmlSchemaPtr schema;
static struct diag d;

static void
show_diag(void)
{
	size_t	 i;

	for (i = 0; i < d.n; i++)
		diag("  line %ld: %s", d.item[i].line, d.item[i].msg);
}

/* 1 if a diagnostic is on line (and holds text, unless NULL). */
static int
has_error(long line, const char *text)
{
	size_t	 i;

	for (i = 0; i < d.n; i++)
		if (d.item[i].line == line &&
		    (text == NULL || strstr(d.item[i].msg, text) != NULL))
			return 1;
	return 0;
}

/* Reads and parses a file of the source tree the way uploads are parsed. */
static xmlDocPtr
load(const char *rel)
{
	FILE	*f = fopen(srcpath(rel), "rb");
	char	*p;
	long	 n;
	xmlDocPtr doc = NULL;

	memset(&d, 0, sizeof(d));
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((p = malloc((size_t)n + 1)) != NULL && fread(p, 1, (size_t)n, f) == (size_t)n)
		doc = xmlsafe_parse(p, (size_t)n, MAXLEN, 256, &d);
	free(p);
	fclose(f);
	return doc;
}

/* A small document built in memory (trusted text, plain libxml2). */
static xmlDocPtr
mem(const char *xml)
{
	return xmlReadMemory(xml, (int)strlen(xml), "mem.xml", "UTF-8", 0);
}

/* The string value of an XPath expression ("" when nothing matches). */
static const char *
xp(xmlDocPtr doc, const char *expr)
{
	static char	 out[512];
	char		 e[512];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;

	out[0] = '\0';
	snprintf(e, sizeof(e), "string(%s)", expr);
	if (ctx && (r = xmlXPathEvalExpression(BAD_CAST e, ctx)) != NULL) {
		if (r->stringval)
			snprintf(out, sizeof(out), "%s", (const char *)r->stringval);
		xmlXPathFreeObject(r);
	}
	xmlXPathFreeContext(ctx);
	return out;
}

/* The first element matching an XPath expression, or NULL. */
static xmlNodePtr
node(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlNodePtr n = NULL;

	if (r && r->nodesetval && r->nodesetval->nodeNr > 0)
		n = r->nodesetval->nodeTab[0];
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return n;
}

/* Loads a valid charter and checks schema, identity and meaning. */
static xmlDocPtr
valid_charter(const char *rel, struct charter_ident *id)
{
	xmlDocPtr doc = load(rel);

	ok(doc != NULL, "%s parses", rel);
	show_diag();
	if (doc == NULL)
		return NULL;
	memset(&d, 0, sizeof(d));
	is_int(xmlsafe_validate(schema, doc, &d), 0, "  valid against charter.xsd");
	show_diag();
	memset(&d, 0, sizeof(d));
	is_int(charter_ident(doc, id, &d), 0, "  charter_ident accepts it");
	show_diag();
	memset(&d, 0, sizeof(d));
	is_int(charter_check(doc, &d), 0, "  charter_check accepts it");
	show_diag();
	return doc;
}

/* Expects the document (schema-valid or not) to be refused by the schema
 * or by charter_check with an error on line. */
static void
invalid_at(const char *rel, long line, int schema_valid, const char *text)
{
	xmlDocPtr doc = load(rel);
	int	 v;

	ok(doc != NULL, "%s parses (it is well-formed)", rel);
	if (doc == NULL)
		return;
	memset(&d, 0, sizeof(d));
	v = xmlsafe_validate(schema, doc, &d);
	if (schema_valid)
		is_int(v, 0, "  schema-valid, as its comment says");
	else {
		is_int(v, -1, "  refused by the schema");
		ok(has_error(line, NULL), "  schema error on line %ld", line);
		show_diag();
	}
	memset(&d, 0, sizeof(d));
	is_int(charter_check(doc, &d), -1, "  refused by charter_check");
	ok(has_error(line, text), "  charter_check error on line %ld", line);
	show_diag();
	xmlFreeDoc(doc);
}

static const char *
prop(xmlNodePtr n, const char *name)
{
	static char	 out[8][256];
	static int	 i;
	xmlChar		*v;

	i = (i + 1) % 8;
	if (n == NULL || (v = xmlGetProp(n, BAD_CAST name)) == NULL)
		return NULL;
	snprintf(out[i], sizeof(out[i]), "%s", (const char *)v);
	xmlFree(v);
	return out[i];
}

/* charter_diff into a string. */
static const char *
diff(xmlDocPtr a, xmlDocPtr b)
{
	static char	 out[1024];
	struct buf	 bf = { 0 };

	is_int(charter_diff(a, b, &bf), 0, "charter_diff returns 0");
	snprintf(out, sizeof(out), "%s", bf.data ? bf.data : "");
	buf_free(&bf);
	return out;
}

static void
test_seeds(void)
{
	struct charter_ident id;
	xmlDocPtr pc, gm, roads;

	/* The two seeds and the department fixture are valid everywhere. */
	pc = valid_charter("conf/charters/pocheon/common.xml", &id);
	is_str(id.city, "pocheon", "  city");
	is_str(id.dept, "common", "  dept");
	is_str(id.city_name, "포천시", "  city name");
	is_str(id.dept_name, "공통", "  dept name");
	is_str(id.title, "공통서비스이행기준", "  title");
	is_str(id.label, "2024-1", "  version label");
	is_str(id.effective, "2024-01-01", "  effective date");
	is_int(id.ext, EXT_NONE, "  extends=\"none\": EXT_NONE");

	gm = valid_charter("conf/charters/gwangmyeong/autonomy.xml", &id);
	is_str(id.city, "gwangmyeong", "  city");
	is_str(id.dept, "autonomy", "  dept");
	is_str(id.dept_name, "자치행정과", "  dept name");
	is_int(id.ext, EXT_NONE, "  extends=\"none\": EXT_NONE");
	is_str(id.parent_city, "", "  no parent city");

	roads = valid_charter("tests/fixtures/charters/pocheon-roads.xml", &id);
	is_str(id.city, "pocheon", "  city");
	is_str(id.dept, "roads", "  dept");
	is_str(id.effective, "2024-03-01", "  effective date");
	is_int(id.ext, EXT_EXPLICIT, "  EXT_EXPLICIT");
	is_str(id.parent_city, "pocheon", "  parent city");
	is_str(id.parent_dept, "common", "  parent dept");

	if (pc == NULL || gm == NULL || roads == NULL) {
		diag("seed charters missing; skipping the promise checks");
		goto out;
	}

	/* The machine-readable promises of /work/shared/seeds/README.md. */
	/* mail/FAX petitions reach the officer: 1 hour vs 10 minutes. */
	is_str(xp(pc, "//measure[@id='mail-forward']/@target"), "PT1H",
	    "Pocheon mail-forward within PT1H");
	is_str(xp(pc, "//measure[@id='mail-forward']/@from"), "received", "  from received");
	is_str(xp(pc, "//measure[@id='mail-forward']/@to"), "forwarded", "  to forwarded");
	is_str(xp(gm, "//measure[@id='mail-forward']/@target"), "PT10M",
	    "Gwangmyeong mail-forward within PT10M");
	/* Homepage board checked twice a day (Pocheon). */
	is_str(xp(pc, "//duty[@id='board-check']/@every"), "P1D", "Pocheon board checked every P1D");
	is_str(xp(pc, "//duty[@id='board-check']/@times"), "2", "  twice");
	/* First contact within 3 hours (Gwangmyeong). */
	is_str(xp(gm, "//measure[@id='first-contact']/@target"), "PT3H",
	    "Gwangmyeong first contact within PT3H");
	/* Questions answered: 7 days simple, 14 days legal (Pocheon). */
	is_str(xp(pc, "//measure[@id='simple-inquiry-answer']/@target"), "P7D",
	    "Pocheon simple inquiry within P7D");
	is_str(xp(pc, "//measure[@id='simple-inquiry-answer']/@kinds"), "simple-inquiry",
	    "  for simple inquiries");
	is_str(xp(pc, "//measure[@id='legal-inquiry-answer']/@target"), "P14D",
	    "Pocheon legal inquiry within P14D");
	/* Long review: SMS only with consent (Pocheon). */
	is_str(xp(pc, "//rule[@id='long-review-sms']/@kind"), "sms-requires-consent",
	    "Pocheon SMS only with consent");
	/* Absent officer: colleague takes the call vs call back in 30 minutes. */
	is_str(xp(pc, "//rule[@id='phone-colleague']/@kind"), "colleague-takes-call",
	    "Pocheon colleague takes the call");
	is_str(xp(gm, "//measure[@id='phone-call-back']/@target"), "PT30M",
	    "Gwangmyeong call back within PT30M");
	/* Phone answered within 3 rings, both cities. */
	is_str(xp(pc, "//measure[@id='phone-rings']/@rings"), "3", "Pocheon phone within 3 rings");
	is_str(xp(gm, "//measure[@id='phone-rings']/@rings"), "3", "Gwangmyeong phone within 3 rings");
	is_str(xp(pc, "//measure[@id='phone-rings']/@target"), "", "  a ring count, not a time");
	/* Visitors: consulted in 1 minute vs greeted in 10 s, officer found in 1 min. */
	is_str(xp(pc, "//measure[@id='visit-consult']/@target"), "PT1M",
	    "Pocheon visitor consulted within PT1M");
	is_str(xp(gm, "//measure[@id='visit-greet']/@target"), "PT10S",
	    "Gwangmyeong visitor greeted within PT10S");
	is_str(xp(gm, "//measure[@id='visit-officer-found']/@target"), "PT1M",
	    "Gwangmyeong officer found within PT1M");
	/* Complaints: assign 1 day, investigate 3 days, result 7 days / 3 days. */
	is_str(xp(pc, "//measure[@id='complaint-assign']/@target"), "P1D", "Pocheon complaint assigned P1D");
	is_str(xp(pc, "//measure[@id='complaint-investigate']/@target"), "P3D",
	    "Pocheon complaint investigated P3D");
	is_str(xp(pc, "//measure[@id='complaint-result']/@target"), "P7D",
	    "Pocheon complaint result P7D");
	is_str(xp(gm, "//measure[@id='feedback-answer']/@target"), "P3D",
	    "Gwangmyeong feedback answered P3D");
	/* Revisit because of staff error: 10,000 vs 5,000 won voucher. */
	is_str(xp(pc, "//compensation[@id='revisit-compensation']/@amount"), "10000",
	    "Pocheon revisit compensation 10000");
	is_str(xp(pc, "//compensation[@id='revisit-compensation']/@form"), "culture-voucher",
	    "  as a culture voucher");
	is_str(xp(pc, "//compensation[@id='revisit-compensation']/@apology"), "true", "  with an apology");
	is_str(xp(gm, "//compensation[@id='revisit-compensation']/@amount"), "5000",
	    "Gwangmyeong revisit compensation 5000");
	/* Statutory period missed: 10,000 won with four exclusions (Pocheon);
	 * standard missed: 5,000 won on a visit (Gwangmyeong). */
	is_str(xp(pc, "//compensation[@id='statutory-missed-compensation']/@amount"), "10000",
	    "Pocheon statutory-missed compensation 10000");
	is_str(xp(pc, "count(//compensation[@id='statutory-missed-compensation']/exclude)"), "4",
	    "  four exclusions");
	is_str(xp(pc, "count(//compensation[@id='statutory-missed-compensation']"
	    "/exclude[@kind='immediate' or @kind='grievance'])"), "2",
	    "  immediate and grievance petitions excluded");
	is_str(xp(pc, "count(//compensation[@id='statutory-missed-compensation']"
	    "/exclude[@state='supplemented' or @state='extended'])"), "2",
	    "  supplemented and extended petitions excluded");
	is_str(xp(gm, "//compensation[@id='standard-missed-compensation']/@amount"), "5000",
	    "Gwangmyeong standard-missed compensation 5000");
	is_str(xp(gm, "//compensation[@id='standard-missed-compensation']/@condition"), "visit",
	    "  on a visit");
	/* Repeated dissatisfaction: 3 or more and the officer is replaced. */
	is_str(xp(gm, "//accountability[@action='replace']/@threshold"), "3",
	    "Gwangmyeong: officer replaced at threshold 3");
	is_str(xp(gm, "//accountability[@action='train']/@threshold"), "1",
	    "Gwangmyeong: officer trained from the first");
	is_str(xp(pc, "count(//accountability)"), "0", "Pocheon has no accountability rule");
	/* Surveys yearly and the improvement plan within 3 months, both. */
	is_str(xp(pc, "//duty[@id='satisfaction-survey']/@every"), "P1Y", "Pocheon survey every P1Y");
	is_str(xp(gm, "//duty[@id='satisfaction-survey']/@every"), "P1Y",
	    "Gwangmyeong survey every P1Y");
	is_str(xp(gm, "//duty[@id='compliance-survey']/@every"), "P1Y",
	    "Gwangmyeong compliance survey every P1Y");
	is_str(xp(pc, "//duty[@id='improvement-plan']/@within"), "P3M", "Pocheon plan within P3M");
	is_str(xp(gm, "//duty[@id='improvement-plan']/@within"), "P3M", "Gwangmyeong plan within P3M");
	/* Pocheon only: anonymous petitions, whistle-blowers, named officers. */
	is_str(xp(pc, "//rule[@id='anonymous-refused']/@requires"), "name address",
	    "Pocheon anonymous petitions need name and address");
	is_str(xp(pc, "//rule[@id='whistleblower-secret']/@kind"), "whistleblower-secret",
	    "Pocheon whistle-blower kept secret");
	is_str(xp(pc, "//rule[@id='named-officer']/@kind"), "named-responsibility",
	    "Pocheon officer named on every document");

	/* charter_is_standard / charter_standard_value on the seeds. */
	{
		char	 v[160];
		xmlNodePtr n;

		ok(charter_is_standard(node(pc, "//measure[@id='mail-forward']")),
		    "a measure is a standard");
		ok(!charter_is_standard(node(pc, "//promise[@id='mail-petition']")),
		    "a promise is not");
		ok(!charter_is_standard(node(pc, "//exclude")), "an exclude is not");
		charter_standard_value(node(pc, "//measure[@id='mail-forward']"), v, sizeof(v));
		is_str(v, "PT1H", "value of a timed measure");
		charter_standard_value(node(pc, "//measure[@id='phone-rings']"), v, sizeof(v));
		is_str(v, "3 rings", "value of a ring measure");
		charter_standard_value(node(pc, "//compensation[@id='revisit-compensation']"), v, sizeof(v));
		is_str(v, "10000 KRW culture-voucher", "value of a compensation");
		charter_standard_value(node(gm, "//accountability[@id='dissatisfaction-replace']"),
		    v, sizeof(v));
		is_str(v, "3 replace", "value of an accountability");
		charter_standard_value(node(pc, "//duty[@id='board-check']"), v, sizeof(v));
		is_str(v, "2x P1D", "value of a repeated duty");
		charter_standard_value(node(pc, "//duty[@id='improvement-plan']"), v, sizeof(v));
		is_str(v, "within P3M", "value of a deadline duty");
		charter_standard_value(node(pc, "//rule[@id='named-officer']"), v, sizeof(v));
		is_str(v, "named-responsibility", "value of a rule");
		n = node(pc, "//promise[@id='mail-petition']");
		strcpy(v, "stale");
		charter_standard_value(n, v, sizeof(v));
		is_str(v, "", "value of a non-standard is empty");
	}
out:
	if (pc)
		xmlFreeDoc(pc);
	if (gm)
		xmlFreeDoc(gm);
	if (roads)
		xmlFreeDoc(roads);
}

static void
test_fixtures(void)
{
	struct charter_ident id;
	xmlDocPtr doc;

	/* Each bad fixture is refused at the line its comment names. */
	invalid_at("tests/fixtures/charters/bad-dup-ids.xml", 15, 0, "used twice");
	invalid_at("tests/fixtures/charters/bad-duration.xml", 10, 1, "zero");
	invalid_at("tests/fixtures/charters/bad-both-target-rings.xml", 10, 1,
	    "exactly one of target and rings");

	/* bad-schema: two schema errors, lines 12 and 17. */
	doc = load("tests/fixtures/charters/bad-schema.xml");
	ok(doc != NULL, "bad-schema.xml parses");
	if (doc) {
		memset(&d, 0, sizeof(d));
		is_int(xmlsafe_validate(schema, doc, &d), -1, "  refused by the schema");
		ok(has_error(12, "bogus"), "  <bogus> on line 12");
		ok(has_error(17, "sometimes"), "  clock=\"sometimes\" on line 17");
		show_diag();
		/* charter_check does not check the clock against the schema's
		 * vocabulary only: it refuses it too. */
		memset(&d, 0, sizeof(d));
		is_int(charter_check(doc, &d), -1, "  charter_check refuses the clock too");
		ok(has_error(17, "clock"), "  on line 17");
		xmlFreeDoc(doc);
	}

	/* bad-unknown-parent: the parent's existence is the store's check;
	 * the model reads the name right. */
	doc = load("tests/fixtures/charters/bad-unknown-parent.xml");
	ok(doc != NULL, "bad-unknown-parent.xml parses");
	if (doc) {
		memset(&d, 0, sizeof(d));
		is_int(charter_ident(doc, &id, &d), 0, "  identity readable");
		is_int(id.ext, EXT_EXPLICIT, "  EXT_EXPLICIT");
		is_str(id.parent_dept, "nonexistent", "  parent dept as written");
		xmlFreeDoc(doc);
	}
	/* The cycle fixtures: each names its parent (cycles are found by the
	 * store, which sees the whole catalogue). */
	doc = load("tests/fixtures/charters/cyc-a-v2.xml");
	if (doc) {
		memset(&d, 0, sizeof(d));
		charter_ident(doc, &id, &d);
		is_str(id.parent_dept, "cyc-b", "cyc-a-v2 extends pocheon/cyc-b");
		memset(&d, 0, sizeof(d));
		is_int(xmlsafe_validate(schema, doc, &d), 0, "  and is schema-valid");
		xmlFreeDoc(doc);
	}
}

static void
test_ident(void)
{
	struct charter_ident id;
	xmlDocPtr doc;

#define IDENT(xml, want, what) do {					\
	doc = mem(xml);							\
	memset(&d, 0, sizeof(d));					\
	is_int(doc ? charter_ident(doc, &id, &d) : -2, (want), what);	\
	if (doc)							\
		xmlFreeDoc(doc);					\
} while (0)

	/* No extends attribute: the city's common charter, implicitly. */
	IDENT("<charter city=\"a\" dept=\"b\"/>", 0, "no extends: accepted");
	is_int(id.ext, EXT_DEFAULT, "  EXT_DEFAULT");
	/* The root must be <charter>. */
	IDENT("<chart city=\"a\" dept=\"b\"/>", -1, "root <chart> refused");
	ok(has_error(1, "<charter>"), "  error names <charter>");
	/* Codes. */
	IDENT("<charter city=\"A\" dept=\"b\"/>", -1, "upper-case city refused");
	IDENT("<charter city=\"a\" dept=\"b_c\"/>", -1, "dept with '_' refused");
	IDENT("<charter dept=\"b\"/>", -1, "missing city refused");
	IDENT("<charter city=\"a\"/>", -1, "missing dept refused");
	IDENT("<charter city=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" dept=\"b\"/>", 0,
	    "city of 32 characters accepted");
	/* Codes are checked at their full length, never truncated to fit. */
	IDENT("<charter city=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" dept=\"b\"/>", -1,
	    "city of 33 characters refused");
	IDENT("<charter city=\"a\" dept=\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"/>",
	    -1, "dept of 65 characters refused");
	/* extends: none, city/dept, or refused. */
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"none\"/>", 0, "extends none");
	is_int(id.ext, EXT_NONE, "  EXT_NONE");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"x/y-1\"/>", 0, "extends x/y-1");
	is_int(id.ext, EXT_EXPLICIT, "  EXT_EXPLICIT");
	is_str(id.parent_city, "x", "  parent city");
	is_str(id.parent_dept, "y-1", "  parent dept");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"a/b\"/>", -1, "extends itself refused");
	ok(has_error(1, "itself"), "  'cannot extend itself'");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"\"/>", -1, "empty extends refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"None\"/>", -1, "extends None refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"x\"/>", -1, "extends without '/' refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"x/\"/>", -1, "extends x/ refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"/y\"/>", -1, "extends /y refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"x/y/z\"/>", -1, "extends x/y/z refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"X/y\"/>", -1, "extends X/y refused");
	IDENT("<charter city=\"a\" dept=\"b\" extends=\"../y\"/>", -1, "extends ../y refused");
	/* Every error is reported, not only the first. */
	IDENT("<charter city=\"A\" dept=\"B\" extends=\"?\"/>", -1, "three errors");
	is_int(d.n, 3, "  all three reported");
#undef IDENT
}

static void
test_check(void)
{
	xmlDocPtr doc;

#define CHECK(xml, want, what) do {					\
	doc = mem(xml);							\
	memset(&d, 0, sizeof(d));					\
	is_int(doc ? charter_check(doc, &d) : -2, (want), what);	\
	if ((want) != 0 && d.n == 0)					\
		diag("  no diagnostic");				\
	if (doc)							\
		xmlFreeDoc(doc);					\
} while (0)
#define M(attrs) "<charter><promise><measure id=\"m\" from=\"received\" " \
	"to=\"answered\" " attrs "/></promise></charter>"

	CHECK(M("target=\"P7D\""), 0, "a plain measure passes");
	CHECK(M("rings=\"3\""), 0, "a ring measure passes");
	CHECK(M(""), -1, "neither target nor rings refused");
	CHECK(M("target=\"P7D\" rings=\"3\""), -1, "both target and rings refused");
	CHECK(M("target=\"7 days\""), -1, "target not a duration refused");
	CHECK(M("target=\"PT0S\""), -1, "zero target refused");
	CHECK(M("rings=\"0\""), -1, "zero rings refused");
	CHECK(M("rings=\"-3\""), -1, "negative rings refused");
	CHECK(M("rings=\"3x\""), -1, "rings with junk refused");
	CHECK(M("target=\"P7D\" clock=\"sometimes\""), -1, "unknown clock refused");
	CHECK(M("target=\"P7D\" clock=\"working-days\""), 0, "known clock passes");
	CHECK(M("target=\"P7D\" basis=\"whim\""), -1, "unknown basis refused");
	CHECK(M("target=\"P7D\" kinds=\"simple-inquiry legal-inquiry\""), 0, "known kinds pass");
	CHECK(M("target=\"P7D\" kinds=\"all\""), 0, "kinds all passes");
	CHECK(M("target=\"P7D\" kinds=\"simple-inquiry gossip\""), -1, "unknown kind refused");
	CHECK(M("target=\"P7D\" channels=\"mail  fax\""), 0, "channels with two spaces pass");
	CHECK(M("target=\"P7D\" channels=\"pigeon\""), -1, "unknown channel refused");
	CHECK("<charter><measure id=\"m\" from=\"received\" to=\"received\" target=\"P1D\"/></charter>",
	    -1, "a measure from an event to itself refused");
	CHECK("<charter><measure id=\"m\" from=\"born\" to=\"answered\" target=\"P1D\"/></charter>",
	    -1, "unknown event refused");
	/* Ids: required, well-formed, unique among standards. */
	CHECK("<charter><rule kind=\"x\"/></charter>", -1, "a standard without an id refused");
	CHECK("<charter><rule id=\"Bad\" kind=\"x\"/></charter>", -1, "an upper-case id refused");
	CHECK("<charter><rule id=\"a\" kind=\"x\"/><duty id=\"a\" every=\"P1D\"/></charter>", -1,
	    "the same id on two kinds of standard refused");
	CHECK("<charter><rule id=\"a\" kind=\"x\"/><duty id=\"b\" every=\"P1D\"/></charter>", 0,
	    "distinct ids pass");
	/* Duties, compensations, accountabilities. */
	CHECK("<charter><duty id=\"d\" every=\"P0D\"/></charter>", -1, "zero duty period refused");
	CHECK("<charter><duty id=\"d\" within=\"3 months\"/></charter>", -1, "bad within refused");
	CHECK("<charter><duty id=\"d\" every=\"P1D\" times=\"0\"/></charter>", -1, "times 0 refused");
	CHECK("<charter><compensation id=\"c\" amount=\"0\"/></charter>", 0,
	    "compensation amount 0 (reward per ordinance) passes");
	CHECK("<charter><compensation id=\"c\" amount=\"-1\"/></charter>", -1, "negative amount refused");
	CHECK("<charter><compensation id=\"c\" amount=\"1e4\"/></charter>", -1, "amount 1e4 refused");
	CHECK("<charter><compensation id=\"c\" amount=\"5000\"><exclude kind=\"nope\"/>"
	    "</compensation></charter>", -1, "unknown excluded kind refused");
	CHECK("<charter><accountability id=\"a\" threshold=\"0\"/></charter>", -1,
	    "threshold 0 refused");
	/* Every error, each on its own line. */
	CHECK("<charter>\n<rule kind=\"x\"/>\n<measure id=\"m\" from=\"received\" to=\"answered\"/>\n"
	    "<duty id=\"m\" every=\"P0D\"/>\n</charter>", -1, "several errors");
	ok(has_error(2, "id") && has_error(3, "exactly one") && has_error(4, "twice") &&
	    has_error(4, "zero"), "  each reported on its line");
	show_diag();
#undef M
#undef CHECK
}

static void
test_valid_code(void)
{
	char	 s[80];

	ok(charter_valid_code("a", 32), "code 'a'");
	ok(charter_valid_code("pocheon", 32), "code 'pocheon'");
	ok(charter_valid_code("cyc-a", 64), "code 'cyc-a'");
	ok(charter_valid_code("a1-2", 64), "code 'a1-2'");
	ok(charter_valid_code("a-", 64), "code 'a-' (trailing '-' is allowed by the pattern)");
	ok(!charter_valid_code("", 32), "empty code refused");
	ok(!charter_valid_code("1a", 32), "leading digit refused");
	ok(!charter_valid_code("-a", 32), "leading '-' refused");
	ok(!charter_valid_code("Abc", 32), "upper case refused");
	ok(!charter_valid_code("aB", 32), "upper case inside refused");
	ok(!charter_valid_code("a_b", 32), "'_' refused");
	ok(!charter_valid_code("a.b", 32), "'.' refused");
	ok(!charter_valid_code("a/b", 32), "'/' refused");
	ok(!charter_valid_code("a b", 32), "space refused");
	ok(!charter_valid_code("포천", 32), "Korean refused");
	ok(!charter_valid_code("a\n", 32), "newline refused");
	memset(s, 'a', 32);
	s[32] = '\0';
	ok(charter_valid_code(s, 32), "32 characters with max 32");
	s[32] = 'a';
	s[33] = '\0';
	ok(!charter_valid_code(s, 32), "33 characters with max 32 refused");
	ok(charter_valid_code(s, 64), "33 characters with max 64");
	ok(!charter_valid_code("ab", 1), "2 characters with max 1 refused");
}

/* The inheritance marks on [roads, common]. */
static void
test_annotate_seed(void)
{
	xmlDocPtr roads = load("tests/fixtures/charters/pocheon-roads.xml");
	xmlDocPtr common = load("conf/charters/pocheon/common.xml");
	xmlNodePtr roots[2], n;
	const char *const keys[2] = { "pocheon/roads", "pocheon/common" };

	ok(roads && common, "roads and common load for annotate");
	if (!roads || !common)
		goto out;
	roots[0] = xmlDocGetRootElement(roads);
	roots[1] = xmlDocGetRootElement(common);
	charter_annotate(roots, keys, 2);

	/* The department's mail-forward overrides the common one. */
	n = node(roads, "//measure[@id='mail-forward']");
	is_str(prop(n, "overrides"), "pocheon/common", "roads mail-forward overrides pocheon/common");
	is_str(prop(n, "inherited-value"), "PT1H", "  inherited-value PT1H");
	is_str(prop(n, "overridden-by"), NULL, "  not itself overridden");
	is_str(prop(n->parent, "origin"), "override", "  its promise: origin=override");
	is_str((const char *)n->parent->name, "promise", "  (the parent is the promise)");
	/* The common one is marked as overridden by the department. */
	n = node(common, "//measure[@id='mail-forward']");
	is_str(prop(n, "overridden-by"), "pocheon/roads", "common mail-forward overridden-by pocheon/roads");
	is_str(prop(n, "overrides"), NULL, "  overrides nothing");
	is_str(prop(n->parent, "overridden"), "true", "  its promise: overridden=true");
	is_str(prop(n, "target"), "PT1H", "  its own value untouched");
	/* Standards nobody overrides carry no marks. */
	n = node(common, "//measure[@id='phone-rings']");
	ok(n && !xmlHasProp(n, BAD_CAST "overridden-by") && !xmlHasProp(n, BAD_CAST "overrides"),
	    "common phone-rings: no marks");
	ok(n && !xmlHasProp(n->parent, BAD_CAST "overridden"), "  its promise: no marks");
	n = node(roads, "//measure[@id='pothole-contact']");
	ok(n && !xmlHasProp(n, BAD_CAST "overrides") && !xmlHasProp(n, BAD_CAST "inherited-value"),
	    "roads pothole-contact (its own): no marks");
	ok(n && !xmlHasProp(n->parent, BAD_CAST "origin"), "  its promise: no origin");
	is_str(xp(roads, "count(//*[@overrides])"), "1", "roads: exactly one override");
	is_str(xp(common, "count(//*[@overridden-by])"), "1", "common: exactly one overridden");
	is_str(xp(common, "count(//*[@overridden])"), "1", "common: exactly one promise overridden");
out:
	if (roads)
		xmlFreeDoc(roads);
	if (common)
		xmlFreeDoc(common);
}

/* A three-level chain, built in memory: child -> parent -> grand. */
static void
test_annotate_chain(void)
{
	xmlDocPtr c = mem("<charter><promise>"
	    "<measure id=\"x\" from=\"received\" to=\"answered\" target=\"PT1H\"/></promise>"
	    "<promise><measure id=\"y\" from=\"received\" to=\"answered\" target=\"PT5M\"/></promise>"
	    "<promise><rule id=\"own\" kind=\"k\"/></promise></charter>");
	xmlDocPtr p = mem("<charter><promise>"
	    "<measure id=\"x\" from=\"received\" to=\"answered\" target=\"PT2H\"/></promise>"
	    "<promise><measure id=\"z\" from=\"received\" to=\"answered\" target=\"P2D\"/></promise>"
	    "</charter>");
	xmlDocPtr g = mem("<charter><promise>"
	    "<measure id=\"x\" from=\"received\" to=\"answered\" target=\"PT3H\"/></promise>"
	    "<promise><measure id=\"y\" from=\"received\" to=\"answered\" target=\"PT30M\"/></promise>"
	    "<promise><measure id=\"z\" from=\"received\" to=\"answered\" target=\"P3D\"/></promise>"
	    "<promise><rule id=\"g-only\" kind=\"k\"/></promise></charter>");
	xmlNodePtr roots[3], n;
	const char *const keys[3] = { "a/child", "a/parent", "a/grand" };

	ok(c && p && g, "three in-memory charters");
	if (!c || !p || !g)
		goto out;
	roots[0] = xmlDocGetRootElement(c);
	roots[1] = xmlDocGetRootElement(p);
	roots[2] = xmlDocGetRootElement(g);
	charter_annotate(roots, keys, 3);

	/* x is in all three: the child overrides the parent, the nearest. */
	n = node(c, "//measure[@id='x']");
	is_str(prop(n, "overrides"), "a/parent", "chain: child x overrides the parent (nearest)");
	is_str(prop(n, "inherited-value"), "PT2H", "  inherited-value is the parent's PT2H");
	n = node(p, "//measure[@id='x']");
	is_str(prop(n, "overridden-by"), "a/child", "  parent x overridden-by the child");
	n = node(g, "//measure[@id='x']");
	is_str(prop(n, "overridden-by"), NULL, "  grandparent x not marked");
	ok(!xmlHasProp(n->parent, BAD_CAST "overridden"), "  nor its promise");
	/* y skips the parent: the child overrides the grandparent. */
	n = node(c, "//measure[@id='y']");
	is_str(prop(n, "overrides"), "a/grand", "chain: child y overrides the grandparent");
	is_str(prop(n, "inherited-value"), "PT30M", "  inherited-value PT30M");
	is_str(prop(node(g, "//measure[@id='y']"), "overridden-by"), "a/child",
	    "  grandparent y overridden-by the child");
	/* z: the parent overrides the grandparent (the child has none). */
	is_str(prop(node(p, "//measure[@id='z']"), "overrides"), "a/grand",
	    "chain: parent z overrides the grandparent");
	is_str(prop(node(g, "//measure[@id='z']"), "overridden-by"), "a/parent",
	    "  grandparent z overridden-by the parent");
	/* Standards in one charter only carry no marks. */
	n = node(c, "//rule[@id='own']");
	ok(n && !xmlHasProp(n, BAD_CAST "overrides") && !xmlHasProp(n->parent, BAD_CAST "origin"),
	    "chain: child's own rule: no marks");
	n = node(g, "//rule[@id='g-only']");
	ok(n && !xmlHasProp(n, BAD_CAST "overridden-by"), "chain: grandparent-only rule: no marks");
	/* A chain of one marks nothing. */
	{
		xmlDocPtr solo = mem("<charter><promise><rule id=\"r\" kind=\"k\"/></promise></charter>");
		xmlNodePtr r = xmlDocGetRootElement(solo);
		const char *const k1[1] = { "a/solo" };

		charter_annotate(&r, k1, 1);
		is_str(xp(solo, "count(//@overrides | //@overridden-by | //@origin | //@overridden)"),
		    "0", "a chain of one: no marks");
		xmlFreeDoc(solo);
	}
out:
	if (c)
		xmlFreeDoc(c);
	if (p)
		xmlFreeDoc(p);
	if (g)
		xmlFreeDoc(g);
}

static void
test_diff(void)
{
	static const char v1[] = "<charter><title>T</title><promise><text>우편</text>"
	    "<measure id=\"mail-forward\" from=\"received\" to=\"forwarded\" target=\"PT1H\"/>"
	    "</promise><promise><text>전화</text><measure id=\"phone-rings\" from=\"call-rung\" "
	    "to=\"call-answered\" rings=\"3\"/></promise></charter>";
	/* mail-forward changed, text the same. */
	static const char v2[] = "<charter><title>T</title><promise><text>우편</text>"
	    "<measure id=\"mail-forward\" from=\"received\" to=\"forwarded\" target=\"PT10M\"/>"
	    "</promise><promise><text>전화</text><measure id=\"phone-rings\" from=\"call-rung\" "
	    "to=\"call-answered\" rings=\"3\"/></promise></charter>";
	/* A standard added, one removed, text changed. */
	static const char v3[] = "<charter><title>T</title><promise><text>우편</text>"
	    "<measure id=\"mail-forward\" from=\"received\" to=\"forwarded\" target=\"PT1H\"/>"
	    "</promise><promise><text>방문</text><measure id=\"visit-consult\" "
	    "from=\"visitor-arrived\" to=\"visitor-consulted\" target=\"PT1M\"/></promise></charter>";
	xmlDocPtr a = mem(v1), b = mem(v2), c = mem(v3), a2 = mem(v1);
	xmlDocPtr gm, gm2;

	ok(a && b && c && a2, "in-memory versions parse");
	if (!a || !b || !c || !a2)
		return;
	is_str(diff(a, a2), "no change in content", "diff of identical versions");
	is_str(diff(a, b), "mail-forward: PT1H -> PT10M", "diff of a changed target");
	is_str(diff(b, a), "mail-forward: PT10M -> PT1H", "diff the other way");
	is_str(diff(a, c), "added visit-consult (PT1M); removed phone-rings; text changed",
	    "diff with added, removed and text changed");
	is_str(diff(c, a), "added phone-rings (3 rings); removed visit-consult; text changed",
	    "diff the other way");
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	xmlFreeDoc(c);
	xmlFreeDoc(a2);

	/* The real new version of the Gwangmyeong charter: one sentence. */
	gm = load("conf/charters/gwangmyeong/autonomy.xml");
	gm2 = load("tests/fixtures/charters/gwangmyeong-autonomy-v2.xml");
	ok(gm && gm2, "Gwangmyeong versions 1 and 2 load");
	if (gm && gm2) {
		is_str(diff(gm, gm2), "text changed", "Gwangmyeong v1 -> v2: text changed");
		is_str(diff(gm, gm), "no change in content", "Gwangmyeong v1 -> v1: no change");
	}
	if (gm)
		xmlFreeDoc(gm);
	if (gm2)
		xmlFreeDoc(gm2);

	/* Pocheon common -> roads: many standards removed, one changed. */
	{
		xmlDocPtr pc = load("conf/charters/pocheon/common.xml");
		xmlDocPtr rd = load("tests/fixtures/charters/pocheon-roads.xml");
		const char *s;

		if (pc && rd) {
			s = diff(pc, rd);
			ok(strstr(s, "mail-forward: PT1H -> PT10M") != NULL,
			    "common -> roads names the mail-forward change");
			ok(strstr(s, "added pothole-contact (PT3H)") != NULL, "  and the added measure");
			ok(strstr(s, "removed phone-rings") != NULL, "  and a removed one");
			ok(strstr(s, "text changed") != NULL, "  and the text");
		}
		if (pc)
			xmlFreeDoc(pc);
		if (rd)
			xmlFreeDoc(rd);
	}
}

int
main(void)
{
	xmlsafe_init();
	schema = xmlsafe_load_schema(srcpath("schema/charter.xsd"));
	ok(schema != NULL, "schema/charter.xsd loads");
	if (schema == NULL)
		return done_testing();

	test_seeds();
	test_fixtures();
	test_ident();
	test_check();
	test_valid_code();
	test_annotate_seed();
	test_annotate_chain();
	test_diff();

	xmlSchemaFree(schema);
	xmlCleanupParser();
	return done_testing();
}
