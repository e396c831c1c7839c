/* test_feed: the feed reader (src/domain/feed.h) on feeds in memory: the
 * example parses to the right structs; bad items are rejected alone with
 * their receipt number and reason; a feed not well-formed anywhere, with a
 * DOCTYPE (XXE, entity bomb) or another root/namespace delivers nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "domain/feed.h"
#include "util/timefmt.h"
#include "util/xmlsafe.h"
#include "tap.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<petitions xmlns=\"urn:x-g4c:petition-feed:1\" source=\"g4c\"" \
	" generated=\"2026-11-23T09:00:00+09:00\" sequence=\"7\">\n"
#define TAIL "</petitions>\n"
#define ITEM(no, kind, when, applicant) "<petition><receipt-no>" no "</receipt-no>" \
	"<kind>" kind "</kind><channel>internet</channel><received-at>" when \
	"</received-at><department city=\"gwangmyeong\" code=\"autonomy\">자치행정과" \
	"</department><applicant>" applicant "<sms-consent>true</sms-consent></applicant>" \
	"<title>제목</title><body>본문</body></petition>\n"
#define WHO "<name>홍길동</name><address>광명시 1</address>"
#define GOOD(no) ITEM(no, "complaint", "2026-11-20T16:42:10+09:00", WHO)

/* now: 2026-11-24T12:00:00+09:00, instants up to 5 minutes ahead of it */
static struct feed_limits lim = { 1024 * 1024, 64, NULL, 1795489200, 300 };

struct seen {
	int	 n;
	char	 receipt[8][RECEIPT_MAX];
	struct petition_in in[8];	/* pointers valid only during the call */
	char	 kind[8][32], city[8][33], dept[8][65], name[8][64], officer[8][64];
	int	 nevents[8], protect[8], sms[8];
	time_t	 at[8], ev_at[8];
	unsigned period[8];
};

static enum pstore_result
collect(void *arg, const struct petition_in *in, char *why, size_t whylen)
{
	struct seen *s = arg;
	int	 i = s->n++;

	if (i >= 8)
		return PS_NEW;
	snprintf(s->receipt[i], RECEIPT_MAX, "%s", in->external_id);
	snprintf(s->kind[i], 32, "%s", in->kind);
	snprintf(s->city[i], 33, "%s", in->city);
	snprintf(s->dept[i], 65, "%s", in->dept);
	snprintf(s->name[i], 64, "%s", in->applicant.name);
	s->nevents[i] = (int)in->nevents;
	s->protect[i] = in->protected_applicant;
	s->sms[i] = in->applicant.sms_consent;
	s->at[i] = in->received_at;
	s->period[i] = in->statutory_value;
	s->ev_at[i] = in->nevents ? in->events[0].at : 0;
	snprintf(s->officer[i], 64, "%s", in->nevents && in->events[0].officer ?
	    in->events[0].officer : "");
	return PS_NEW;
}

/* Both passes over text; returns 0 or -1 (whole feed refused). */
static int
run(const char *text, struct seen *s, struct feed_result *res)
{
	FILE	*f = fmemopen((void *)text, strlen(text), "rb");
	struct feed_head h;
	int	 rc;

	memset(s, 0, sizeof(*s));
	feed_result_free(res);
	memset(res, 0, sizeof(*res));
	rc = feed_check(f, &lim, &h, res);
	if (rc == 0)
		rc = feed_items(f, &lim, &h, "test", collect, s, res);
	fclose(f);
	return rc;
}

static char *
slurp(const char *rel)
{
	FILE	*f = fopen(srcpath(rel), "rb");
	char	*p = calloc(1, 1 << 20);

	if (f == NULL || p == NULL)
		return p;
	if (fread(p, 1, (1 << 20) - 1, f) == 0)
		p[0] = '\0';
	fclose(f);
	return p;
}

static void
example(struct seen *s, struct feed_result *res)
{
	char	*x = slurp("tests/fixtures/feeds/example.xml");

	is_int(run(x, s, res), 0, "the example feed is accepted");
	is_str(res->head.source, "g4c", "source");
	is_int(res->head.sequence, 1842, "sequence");
	is_int(res->head.items, 3, "three items counted");
	is_int(s->n, 3, "three items delivered");
	is_int(res->n_new, 3, "three new");
	is_str(s->receipt[0], "1AA-2611-0001234", "receipt-no");
	is_str(s->kind[1], "legal-inquiry", "kind");
	is_str(s->city[0], "gwangmyeong", "city");
	is_str(s->dept[0], "autonomy", "dept");
	is_str(s->name[0], "홍길동", "applicant name in Korean");
	is_int(s->at[0], 1795160530, "received-at +09:00 to UTC (2026-11-20T07:42:10Z)");
	is_int(s->period[0], 7, "statutory period");
	is_int(s->period[1], 0, "no statutory period: the charter's default");
	is_int(s->nevents[1], 1, "one event");
	is_str(s->officer[1], "총무팀 이순신", "event officer");
	is_int(s->ev_at[1], 1795137120, "event time in UTC");
	is_int(s->protect[2], 1, "protected applicant");
	is_int(s->protect[0], 0, "not protected by default");
	is_int(s->sms[1], 0, "sms-consent false");
	free(x);
}

static void
bad_items(struct seen *s, struct feed_result *res)
{
	const char *t = HEAD GOOD("A1")
	    ITEM("B1", "chat", "2026-11-20T16:42:10+09:00", WHO)
	    ITEM("B2", "complaint", "2026-11-20 16:42", WHO)
	    ITEM("B3", "complaint", "2026-11-20T16:42:10+09:00", "<address>광명시 1</address>")
	    ITEM("B4", "complaint", "2026-11-20T16:42:10", WHO)
	    ITEM("B5", "complaint", "2026-02-30T16:42:10Z", WHO)
	    "<petition><kind>complaint</kind></petition>\n"
	    GOOD("A2") TAIL;
	size_t	 i;

	is_int(run(t, s, res), 0, "a feed with bad items is accepted");
	is_int(s->n, 2, "the two good items are delivered");
	is_int(res->n_new, 2, "two new");
	is_int(res->n_rejected, 6, "six rejected");
	is_int(res->nrej, 6, "six listed");
	is_str(res->rej[0].receipt, "B1", "rejected with its receipt-no");
	is_str(res->rej[0].reason, "unknown petition kind", "unknown kind");
	is_str(res->rej[1].receipt, "B2", "bad date: receipt");
	ok(strstr(res->rej[1].reason, "bad date") != NULL, "bad date: %s", res->rej[1].reason);
	is_str(res->rej[2].reason,
	    "anonymous petitions are not processed: name and address are required",
	    "missing name: the charters' reason");
	ok(strstr(res->rej[3].reason, "bad date") != NULL, "no offset is a bad date");
	ok(strstr(res->rej[4].reason, "bad date") != NULL, "30 February is a bad date");
	is_str(res->rej[5].receipt, "", "an item without receipt-no");
	for (i = 0; i < res->nrej; i++)
		diag("%s: %s", res->rej[i].receipt, res->rej[i].reason);
}

#define EVENT(at, extra) "<events><event type=\"forwarded\" at=\"" at "\"" extra "/></events>"
/* An item with events in it, received at 2026-11-20T16:42:10+09:00. */
#define WITH_EVENTS(no, events) "<petition><receipt-no>" no "</receipt-no>" \
	"<kind>complaint</kind><channel>internet</channel><received-at>" \
	"2026-11-20T16:42:10+09:00</received-at>" DEPT "<applicant>" WHO \
	"<sms-consent>true</sms-consent></applicant><title>제목</title><body>본문</body>" \
	events "</petition>\n"
#define DEPT "<department city=\"gwangmyeong\" code=\"autonomy\">자치행정과</department>"
#define PERIOD(no, v) "<petition><receipt-no>" no "</receipt-no>" \
	"<kind>complaint</kind><channel>internet</channel><received-at>" \
	"2026-11-20T16:42:10+09:00</received-at>" DEPT "<statutory-period unit=\"days\">" v \
	"</statutory-period><applicant>" WHO "<sms-consent>true</sms-consent></applicant>" \
	"<title>제목</title><body>본문</body></petition>\n"

/* Every instant an item carries is checked against the range the store
 * holds and against now (lim: 5 minutes ahead at most); an item out of
 * range is rejected alone, naming the field. */
static void
instants(struct seen *s, struct feed_result *res)
{
	static const struct { const char *no, *needle; } want[] = {
		{ "F2099", "received-at: after 2038-01-19T03:14:07Z" },
		{ "F2030", "received-at: in the future; at most 5 minutes ahead of now" },
		{ "F2038", "received-at: after 2038-01-19T03:14:07Z" },
		{ "F1969", "received-at: before 2000-01-01T00:00:00+09:00" },
		{ "F1999", "received-at: before 2000" },
		{ "FHOUR", "received-at: in the future" },
		{ "EV2099", "an event's at: after 2038-01-19T03:14:07Z" },
		{ "EVSOON", "an event's at: in the future" },
		{ "DUE2099", "an extended event's due: after 2038" },
		{ "DUE1969", "an extended event's due: before 2000" },
		{ "LONG", "statutory-period: too long" },
	};
	const char *t = HEAD GOOD("A1")
	    ITEM("F2099", "complaint", "2099-01-01T00:00:00+09:00", WHO)
	    ITEM("F2030", "complaint", "2030-01-01T00:00:00+09:00", WHO)
	    ITEM("F2038", "complaint", "2038-01-19T03:14:08Z", WHO)
	    ITEM("F1969", "complaint", "1969-12-31T23:59:59Z", WHO)
	    ITEM("F1999", "complaint", "1999-12-31T23:59:59+09:00", WHO)
	    ITEM("FMIN", "complaint", "2026-11-24T12:01:00+09:00", WHO)
	    ITEM("FHOUR", "complaint", "2026-11-24T13:00:00+09:00", WHO)
	    WITH_EVENTS("EV2099", EVENT("2099-01-01T00:00:00+09:00", ""))
	    WITH_EVENTS("EVSOON", EVENT("2026-11-24T12:05:01+09:00", ""))
	    WITH_EVENTS("DUE2030", "<events><event type=\"extended\""
	    " at=\"2026-11-21T10:00:00+09:00\" due=\"2030-01-01T00:00:00+09:00\"/></events>")
	    WITH_EVENTS("DUE2099", "<events><event type=\"extended\""
	    " at=\"2026-11-21T10:00:00+09:00\" due=\"2099-01-01T00:00:00+09:00\"/></events>")
	    WITH_EVENTS("DUE1969", "<events><event type=\"extended\""
	    " at=\"2026-11-21T10:00:00+09:00\" due=\"1969-01-01T00:00:00+09:00\"/></events>")
	    PERIOD("LONG", "100000") PERIOD("P30", "30")
	    GOOD("A2") TAIL;
	size_t	 i;

	is_int(run(t, s, res), 0, "instants: the feed is accepted");
	is_int(s->n, 5, "instants: A1, FMIN, DUE2030, P30 and A2 are delivered");
	is_str(s->receipt[1], "FMIN", "  a minute ahead of now is accepted");
	is_int(s->at[1], 1795489260, "  at its instant");
	is_str(s->receipt[2], "DUE2030", "  a due in 2030 is accepted (a due lies ahead)");
	is_int(res->n_rejected, sizeof(want) / sizeof(want[0]), "instants: the others rejected");
	for (i = 0; i < res->nrej && i < sizeof(want) / sizeof(want[0]); i++) {
		is_str(res->rej[i].receipt, want[i].no, "instants: rejected in order");
		ok(strstr(res->rej[i].reason, want[i].needle) != NULL, "  %s: '%s' says '%s'",
		    want[i].no, res->rej[i].reason, want[i].needle);
	}
}

static void
refused(const char *what, const char *t, const char *needle)
{
	struct seen s;
	struct feed_result res = { 0 };

	is_int(run(t, &s, &res), -1, "%s: refused whole", what);
	is_int(s.n, 0, "%s: nothing delivered", what);
	ok(strstr(res.error, needle) != NULL, "%s: reason '%s' (%s)", what, res.error, needle);
	feed_result_free(&res);
}

static void
whole_feed(void)
{
	refused("not well-formed after valid items", HEAD GOOD("A1") GOOD("A2")
	    "<petition><receipt-no>X</receipt-no></petitio>" TAIL, "not well-formed");
	refused("truncated", HEAD GOOD("A1") GOOD("A2"), "not well-formed");
	refused("XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE petitions [<!ENTITY x SYSTEM"
	    " \"file:///etc/passwd\">]>\n" HEAD GOOD("&x;") TAIL, "DOCTYPE");
	refused("entity bomb", "<!DOCTYPE petitions [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;\">]>"
	    HEAD GOOD("&c;") TAIL, "DOCTYPE");
	refused("wrong namespace", "<petitions xmlns=\"urn:other\" source=\"g4c\""
	    " generated=\"2026-11-23T09:00:00+09:00\" sequence=\"1\">" GOOD("A1") TAIL,
	    "namespace");
	refused("wrong root", "<feed xmlns=\"urn:x-g4c:petition-feed:1\"/>", "root");
	refused("no sequence", "<petitions xmlns=\"urn:x-g4c:petition-feed:1\" source=\"g4c\""
	    " generated=\"2026-11-23T09:00:00+09:00\">" GOOD("A1") TAIL, "sequence");
	refused("bad generated", "<petitions xmlns=\"urn:x-g4c:petition-feed:1\" source=\"g4c\""
	    " generated=\"yesterday\" sequence=\"1\">" GOOD("A1") TAIL, "generated");
	refused("generated in 2099", "<petitions xmlns=\"urn:x-g4c:petition-feed:1\" source=\"g4c\""
	    " generated=\"2099-01-01T00:00:00Z\" sequence=\"1\">" GOOD("A1") TAIL,
	    "the feed's generated attribute: after 2038-01-19T03:14:07Z");
	refused("generated an hour ahead", "<petitions xmlns=\"urn:x-g4c:petition-feed:1\""
	    " source=\"g4c\" generated=\"2026-11-24T13:00:00+09:00\" sequence=\"1\">"
	    GOOD("A1") TAIL, "the feed's generated attribute: in the future");
	refused("generated in 1969", "<petitions xmlns=\"urn:x-g4c:petition-feed:1\" source=\"g4c\""
	    " generated=\"1969-07-20T20:17:40Z\" sequence=\"1\">" GOOD("A1") TAIL,
	    "the feed's generated attribute: before 2000");
	refused("foreign element", HEAD GOOD("A1") "<junk/>" TAIL, "only <petition>");
	refused("invalid UTF-8", HEAD "<petition><receipt-no>\xff\xfe</receipt-no></petition>"
	    TAIL, "not well-formed");
	refused("empty", "", "");
}

/* An item the C checks accept, with extra markup only the schema refuses. */
#define XTRA(no, dept, extra) "<petition><receipt-no>" no "</receipt-no>" \
	"<kind>complaint</kind><channel>internet</channel><received-at>" \
	"2026-11-20T16:42:10+09:00</received-at>" dept "<applicant>" WHO \
	"<sms-consent>true</sms-consent></applicant><title>제목</title><body>본문</body>" \
	extra "</petition>\n"

/* With schema/g4c-feed.xsd loaded, as the server and charterctl run: what
 * the C checks let through but the schema does not is rejected alone. */
static void
schema_items(struct seen *s, struct feed_result *res)
{
	const char *t = HEAD GOOD("A1")
	    XTRA("S1", "<department city=\"gwangmyeong\" code=\"autonomy\" floor=\"3\">"
	    "자치행정과</department>", "")
	    XTRA("S2", DEPT, "<events><event type=\"answered\" at=\"2026-11-21T10:00:00+09:00\">"
	    "text</event></events>")
	    GOOD("A2") TAIL;
	size_t	 i;

	lim.schema = xmlsafe_load_schema(srcpath("schema/g4c-feed.xsd"));
	ok(lim.schema != NULL, "schema/g4c-feed.xsd loads");
	if (lim.schema == NULL)
		return;
	is_int(run(t, s, res), 0, "schema: a feed with invalid items is accepted");
	is_int(s->n, 2, "schema: the two valid items are delivered");
	is_int(res->n_rejected, 2, "schema: two rejected");
	for (i = 0; i < res->nrej && i < 2; i++) {
		is_str(res->rej[i].receipt, i ? "S2" : "S1", "schema: rejected with its receipt-no");
		ok(strstr(res->rej[i].reason, "not valid against the feed's schema") != NULL,
		    "schema: reason '%s'", res->rej[i].reason);
	}
	is_int(run(HEAD GOOD("A1") TAIL, s, res), 0, "schema: a valid item passes");
	is_int(s->n, 1, "schema: and is delivered");
	/* the example, validated */
	example(s, res);
	xmlSchemaFree(lim.schema);
	lim.schema = NULL;
}

static void
times(void)
{
	is_int(time_iso_parse("1970-01-01T00:00:00Z"), 0, "epoch");
	is_int(time_iso_parse("2026-11-20T16:42:10.250+09:00"), 1795160530, "fractions");
	is_int(time_iso_parse("2026-11-20T07:42:10-00:00"), 1795160530, "-00:00");
	is_int(time_iso_parse("2024-02-29T00:00:00Z"), 1709164800, "leap day");
	is_int(time_iso_parse("2023-02-29T00:00:00Z"), -1, "no 29 February 2023");
	is_int(time_iso_parse("2026-11-20T24:00:00Z"), -1, "hour 24");
	is_int(time_iso_parse("2026-11-20T16:42:10+0900"), -1, "offset without colon");
}

int
main(void)
{
	struct seen *s = calloc(1, sizeof(*s));
	struct feed_result res = { 0 };

	xmlsafe_init();
	example(s, &res);
	bad_items(s, &res);
	instants(s, &res);
	whole_feed();
	schema_items(s, &res);
	times();
	feed_result_free(&res);
	free(s);
	xmlCleanupParser();
	return done_testing();
}
