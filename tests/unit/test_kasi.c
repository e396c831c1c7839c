/* test_kasi: 특일 정보 getRestDeInfo answers (src/domain/kasi.h) — a normal
 * month, a month with a temporary holiday, a year in one page, the error
 * answers (resultCode, the gateway's OpenAPI_ServiceResponse), malformed and
 * inconsistent documents; the holidays made from the items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "domain/kasi.h"
#include "util/xmlsafe.h"
#include "tap.h"

#define HEAD	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
		"<response><header><resultCode>00</resultCode>" \
		"<resultMsg>NORMAL SERVICE.</resultMsg></header><body>"
#define ITEM(kind, name, yn, date) "<item><dateKind>" kind "</dateKind><dateName>" name \
		"</dateName><isHoliday>" yn "</isHoliday><locdate>" date "</locdate>" \
		"<seq>1</seq></item>"
#define TAIL(rows, page, total) "<numOfRows>" rows "</numOfRows><pageNo>" page \
		"</pageNo><totalCount>" total "</totalCount></body></response>"

static enum kasi_rc
parse(const char *doc, struct kasi_page *pg, char *err, size_t errlen)
{
	err[0] = '\0';
	return kasi_parse(doc, strlen(doc), 1 << 20, 64, pg, err, errlen);
}

static int32_t
day(int y, int m, int d)
{
	return (int32_t)cal_civil_day(y, m, d);
}

static void
test_month(void)
{
	struct kasi_page pg;
	char	 err[400];
	const char *oct = HEAD "<items>" ITEM("01", "개천절", "Y", "20261003")
	    ITEM("01", "대체공휴일", "Y", "20261005") ITEM("01", "한글날", "Y", "20261009")
	    "</items>" TAIL("100", "1", "3");

	if (!is_int(parse(oct, &pg, err, sizeof(err)), KASI_OK, "a month parses (%s)", err))
		return;
	is_int((long long)pg.n, 3, "  three items");
	is_int(pg.items[0].day, day(2026, 10, 3), "  locdate 20261003");
	is_str(pg.items[1].name, "대체공휴일", "  dateName");
	ok(pg.items[2].holiday, "  isHoliday Y");
	is_str(pg.items[0].kind, "01", "  dateKind");
	is_int(pg.num_rows * 1000000 + pg.page_no * 1000 + pg.total, 100001003,
	    "  numOfRows 100, pageNo 1, totalCount 3");
	ok(!kasi_more(&pg), "  the only page");
	is_int(kasi_within(pg.items, pg.n, 2026, 10, err, sizeof(err)), 0, "  within 2026-10");
	is_int(kasi_within(pg.items, pg.n, 2026, 11, err, sizeof(err)), -1, "  not within 2026-11");
	is_str(err, "the answer lists 2026-10-03 개천절, outside the 2026-11 asked for", "  saying so");
	is_int(kasi_within(pg.items, pg.n, 2027, 0, err, sizeof(err)), -1, "  not within 2027");
	is_str(err, "the answer lists 2026-10-03 개천절, outside the 2027 asked for", "  saying so");
	kasi_page_free(&pg);
	ok(pg.items == NULL && pg.n == 0, "kasi_page_free empties the page");
}

static void
test_holidays(void)
{
	struct kasi_page pg;
	struct cal_holiday h[8];
	char	 err[400];
	long	 n;
	const char *may = HEAD "<items>" ITEM("01", "어린이날", "Y", "20250505")
	    ITEM("01", "부처님오신날", "Y", "20250505") ITEM("01", "대체공휴일", "Y", "20250506")
	    ITEM("01", "임시공휴일", "Y", "20250502") ITEM("01", "어린이날", "Y", "20250505")
	    ITEM("02", "근로자의 날", "N", "20250501") "</items>" TAIL("10", "1", "6");

	if (!is_int(parse(may, &pg, err, sizeof(err)), KASI_OK, "a month with a temporary"
	    " holiday parses (%s)", err))
		return;
	n = kasi_holidays(pg.items, pg.n, h, err, sizeof(err));
	is_int(n, 3, "  three holidays: isHoliday N is not one, a date is one holiday");
	is_int(h[0].day, day(2025, 5, 2), "  sorted: the temporary holiday first");
	is_str(h[0].name, "임시공휴일", "  its name");
	is_str(h[1].name, "어린이날·부처님오신날", "  two names of a date joined with ·, a"
	    " name given twice once");
	is_str(h[2].name, "대체공휴일", "  then 05-06");
	kasi_page_free(&pg);
	{
		struct kasi_item it[2];
		memset(it, 0, sizeof(it));
		it[0].day = it[1].day = day(2025, 1, 1);
		it[0].holiday = it[1].holiday = 1;
		memset(it[0].name, 'a', 40);
		memset(it[1].name, 'b', 40);
		is_int(kasi_holidays(it, 2, h, err, sizeof(err)), -1, "names joined too long");
		ok(strstr(err, "longer than 63 bytes") != NULL, "  saying so: %s", err);
	}
	is_int(kasi_holidays(NULL, 0, h, err, sizeof(err)), 0, "no items, no holidays");
}

static void
test_pages(void)
{
	struct kasi_page pg;
	char	 err[400];
	const char *p1 = HEAD "<items>" ITEM("01", "1월1일", "Y", "20290101")
	    ITEM("01", "설날", "Y", "20290212") "</items>" TAIL("2", "1", "3");
	const char *p2 = HEAD "<items>" ITEM("01", "설날", "Y", "20290213") "</items>"
	    TAIL("2", "2", "3");
	const char *none = HEAD "<items/>" TAIL("100", "1", "0");

	is_int(parse(p1, &pg, err, sizeof(err)), KASI_OK, "page 1 of 2 (%s)", err);
	ok(kasi_more(&pg), "  more pages follow");
	kasi_page_free(&pg);
	is_int(parse(p2, &pg, err, sizeof(err)), KASI_OK, "page 2 of 2: the one item left (%s)", err);
	ok(!kasi_more(&pg), "  the last");
	kasi_page_free(&pg);
	is_int(parse(none, &pg, err, sizeof(err)), KASI_OK, "no items (<items/>, totalCount 0)");
	is_int((long long)pg.n, 0, "  none");
	kasi_page_free(&pg);
}

struct bad {
	const char	*doc;
	enum kasi_rc	 rc;
	const char	*err;	/* the message, or its start when it ends in '*' */
};

static const struct bad bads[] = {
	{ HEAD "<items>" ITEM("01", "개천절", "Y", "20261003"), KASI_MALFORMED,
	    "not a well-formed answer: line 1: *" },
	{ "<?xml version=\"1.0\"?><response><header><resultCode>30</resultCode><resultMsg>"
	    "SERVICE_KEY_IS_NOT_REGISTERED_ERROR</resultMsg></header></response>", KASI_REFUSED,
	    "the API answered resultCode 30: SERVICE_KEY_IS_NOT_REGISTERED_ERROR" },
	{ "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>"
	    "SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30"
	    "</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>", KASI_REFUSED,
	    "the API refused the request: SERVICE ERROR: SERVICE_KEY_IS_NOT_REGISTERED_ERROR"
	    " (returnReasonCode 30)" },
	{ "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><response/>", KASI_MALFORMED,
	    "not a well-formed answer: line 1: DOCTYPE declarations are not allowed*" },
	{ "<html><body>Bad gateway</body></html>", KASI_MALFORMED,
	    "not an answer of 특일 정보: the root element is <html>, not <response>" },
	{ "<response><body/></response>", KASI_MALFORMED, "the answer has no header/resultCode" },
	{ "<response><header><resultCode>00</resultCode></header></response>", KASI_MALFORMED,
	    "the answer has no body" },
	{ HEAD "<items>" ITEM("01", "개천절", "Y", "20261003") "</items>" TAIL("100", "1", "2"),
	    KASI_MALFORMED, "body: 1 items where totalCount 2, numOfRows 100 and pageNo 1 say 2"
	    " (a truncated answer?)" },
	{ HEAD "<items>" ITEM("01", "개천절", "Y", "20261003") "</items>" TAIL("100", "1", "x"),
	    KASI_MALFORMED, "body/totalCount: expected a number from 0 to 100000" },
	{ HEAD "<items>" ITEM("01", "개천절", "Y", "20261003") "</items><numOfRows>1</numOfRows>"
	    "<pageNo>1</pageNo></body></response>", KASI_MALFORMED,
	    "body/totalCount: expected a number from 0 to 100000" },
	{ HEAD "<items>" ITEM("01", "개천절", "Y", "2026-10-03") "</items>" TAIL("100", "1", "1"),
	    KASI_MALFORMED, "item 1: locdate: expected a date YYYYMMDD" },
	{ HEAD "<items>" ITEM("01", "없는날", "Y", "20260230") "</items>" TAIL("100", "1", "1"),
	    KASI_MALFORMED, "item 1: locdate: expected a date YYYYMMDD" },
	{ HEAD "<items>" ITEM("01", "", "Y", "20261003") "</items>" TAIL("100", "1", "1"),
	    KASI_MALFORMED, "item 1 (20261003): dateName: expected the name, one line of text" },
	{ HEAD "<items>" ITEM("01", "두&#10;줄", "Y", "20261003") "</items>" TAIL("100", "1", "1"),
	    KASI_MALFORMED, "item 1 (20261003): dateName: expected the name, one line of text" },
	{ HEAD "<items>" ITEM("01", "0123456789012345678901234567890123456789012345678901234567890123",
	    "Y", "20261003") "</items>" TAIL("100", "1", "1"), KASI_MALFORMED,
	    "item 1 (20261003): dateName: longer than 63 bytes" },
	{ HEAD "<items>" ITEM("01", "개천절", "yes", "20261003") "</items>" TAIL("100", "1", "1"),
	    KASI_MALFORMED, "item 1 (20261003): isHoliday: expected Y or N" },
	{ HEAD "<items><holiday/></items>" TAIL("100", "1", "0"), KASI_MALFORMED,
	    "body/items: <holiday> where <item> was expected" },
	{ "", KASI_MALFORMED, "not a well-formed answer: the document is empty" },
	{ "<r:response xmlns:r=\"urn:x\"/>", KASI_MALFORMED,
	    "not an answer of 특일 정보 (no root element, or one in a namespace)" },
};

static void
test_bad(void)
{
	struct kasi_page pg;
	char	 err[400];

	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		const char *want = bads[i].err;
		size_t	 wl = strlen(want);
		is_int(parse(bads[i].doc, &pg, err, sizeof(err)), bads[i].rc, "bad answer %zu refused", i);
		if (want[wl - 1] == '*')
			ok(strncmp(err, want, wl - 1) == 0, "  %s", err);
		else
			is_str(err, want, "  message");
		ok(pg.items == NULL && pg.n == 0, "  no items left");
	}
	is_int(kasi_parse(HEAD, strlen(HEAD), 10, 64, &pg, err, sizeof(err)), KASI_MALFORMED,
	    "an answer over the size limit");
	ok(strstr(err, "larger than 10 bytes") != NULL, "  saying so: %s", err);
}

int
main(void)
{
	xmlsafe_init();
	test_month();
	test_holidays();
	test_pages();
	test_bad();
	xmlCleanupParser();
	return done_testing();
}
