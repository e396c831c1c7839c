/* test_open311: the pure half of GeoReport v2 (src/domain/open311.h):
 * service codes, statuses, W3C date-times, ranges, lists and the mapping of
 * a POST onto the board's validators. */
#include <stdlib.h>
#include <string.h>
#include "domain/instant.h"
#include "domain/open311.h"
#include "util/timefmt.h"
#include "tap.h"

static const time_t now = 1780000000;

static int
dept_exists(void *arg, const char *city, const char *dept)
{
	(void)arg;
	return strcmp(city, "pocheon") == 0 && strcmp(dept, "common") == 0;
}

static void
codes(void)
{
	char	 c[O311_CODE_MAX], big[300];

	ok(o311_code_make(c, "pocheon", "common", "complaint") == 0, "a code is made");
	is_str(c, "pocheon-common-complaint", "city-dept-kind");
	is_str(o311_code_kind(c, "pocheon", "common", 0), "complaint", "its kind back");
	is_str(o311_code_kind("pocheon-common-simple-inquiry", "pocheon", "common", 0),
	    "simple-inquiry", "a kind holding a dash");
	ok(o311_code_kind(c, "pocheon", "comm", 0) == NULL, "another department's prefix");
	ok(o311_code_kind(c, "gwangmyeong", "common", 0) == NULL, "another city");
	ok(o311_code_kind("pocheon-common-corruption-report", "pocheon", "common", 0) == NULL,
	    "corruption reports are not offered");
	ok(o311_code_kind("pocheon-common-grievance", "pocheon", "common", 0) == NULL,
	    "a feed-only kind is not offered");
	is_str(o311_code_kind("pocheon-common-grievance", "pocheon", "common", 1), "grievance",
	    "but names petitions of that kind");
	ok(o311_code_kind("pocheon-common-nonsense", "pocheon", "common", 1) == NULL,
	    "an unknown kind");
	ok(o311_code_kind("pocheon-common-", "pocheon", "common", 1) == NULL, "no kind");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ok(o311_code_make(c, big, "common", "complaint") == -1, "a code too long is refused");
	ok(o311_kind_offered("general") && !o311_kind_offered("immediate") &&
	    !o311_kind_offered(NULL), "offered kinds: the board's");
}

static void
statuses(void)
{
	is_str(o311_status("received"), "open", "received is open");
	is_str(o311_status("in-progress"), "open", "in-progress is open");
	is_str(o311_status("awaiting-supplement"), "open", "awaiting a supplement is open");
	is_str(o311_status("answered"), "closed", "answered is closed");
	is_str(o311_status("closed"), "closed", "closed is closed");
	is_str(o311_status("withdrawn"), "closed", "withdrawn is closed");
	is_int(o311_status_filter(NULL), 0, "no filter");
	is_int(o311_status_filter(""), 0, "an empty filter");
	is_int(o311_status_filter("open"), O311_OPEN, "open");
	is_int(o311_status_filter("closed"), O311_CLOSED, "closed");
	is_int(o311_status_filter("open,closed"), O311_OPEN | O311_CLOSED, "both");
	is_int(o311_status_filter("open, closed"), O311_OPEN | O311_CLOSED, "both, spaced");
	is_int(o311_status_filter("opened"), -1, "a wrong value");
	is_int(o311_status_filter("open,x"), -1, "one wrong value of two");
}

static void
times(void)
{
	time_t	 t;
	char	 s[32];

	ok(o311_time_parse("1994-11-05T08:15:30-05:00", &t) == 0 && t == 784041330,
	    "the spec's example with an offset");
	ok(o311_time_parse("1994-11-05T13:15:30Z", &t) == 0 && t == 784041330,
	    "the spec's example in UTC");
	ok(o311_time_parse("1994-11-05T22:15:30+09:00", &t) == 0 && t == 784041330, "KST");
	ok(o311_time_parse("1994-11-05T22:15:30 09:00", &t) == 0 && t == 784041330,
	    "a '+' decoded into a space");
	ok(o311_time_parse("1994-11-05T13:15:30.123Z", &t) == 0 && t == 784041330,
	    "fractions of a second");
	ok(o311_time_parse("1994-11-05T13:15Z", &t) == 0 && t == 784041300, "no seconds");
	ok(o311_time_parse("2026-01-01", &t) == 0 && t == 1767193200,
	    "a date is midnight in Seoul");
	ok(o311_time_parse("2024-02-29T00:00:00Z", &t) == 0, "a leap day");
	ok(o311_time_parse("2026-02-29T00:00:00Z", &t) == -1, "not a leap year");
	ok(o311_time_parse("2026-13-01", &t) == -1, "month 13");
	ok(o311_time_parse("2026-11-23T24:00:00Z", &t) == -1, "hour 24");
	ok(o311_time_parse("2026-11-23T10:00:00", &t) == -1, "a time without a zone");
	ok(o311_time_parse("2026-11-23T10:00:00+9", &t) == -1, "a short offset");
	ok(o311_time_parse("2026-11-23T10:00:00Zjunk", &t) == -1, "trailing junk");
	ok(o311_time_parse("yesterday", &t) == -1 && o311_time_parse(NULL, &t) == -1,
	    "not a date");
	time_iso_kst(784041330, s);
	is_str(s, "1994-11-05T22:15:30+09:00", "formatted in Asia/Seoul");
	ok(o311_time_parse(s, &t) == 0 && t == 784041330, "and parsed back");
}

static void
ranges(void)
{
	const time_t d = 86400, a = now - 10 * d, b = now - 5 * d;
	time_t	 from, to, far = now + 91 * d;

	ok(o311_range(NULL, NULL, now, &from, &to) == NULL && to == now && from == now - 90 * d,
	    "default: the last 90 days");
	ok(o311_range(&a, NULL, now, &from, &to) == NULL && from == a && to == a + 90 * d,
	    "a start: 90 days from it");
	ok(o311_range(NULL, &b, now, &from, &to) == NULL && to == b && from == b - 90 * d,
	    "an end: 90 days up to it");
	ok(o311_range(&a, &b, now, &from, &to) == NULL && from == a && to == b, "both");
	ok(o311_range(&b, &a, now, &from, &to) != NULL, "an end before the start");
	ok(o311_range(&now, &far, now, &from, &to) != NULL, "wider than 90 days");
}

/* start_date and end_date outside the instants stored: refused, saying so
 * (a 400, never a database error); a window reaching past them is clipped. */
static void
range_bounds(void)
{
	const time_t d = 86400, y2099 = 4070876400, y1969 = -86400;
	const time_t last = INSTANT_MAX - d, first = INSTANT_MIN + d;
	time_t	 from, to;
	const char *why;

	why = o311_range(&y2099, NULL, now, &from, &to);
	ok(why && strstr(why, "start_date is out of range") && strstr(why, INSTANT_MAX_ISO),
	    "a start in 2099: %s", why ? why : "(accepted)");
	why = o311_range(NULL, &y2099, now, &from, &to);
	ok(why && strstr(why, "end_date is out of range"), "an end in 2099: %s",
	    why ? why : "(accepted)");
	why = o311_range(&y1969, NULL, now, &from, &to);
	ok(why && strstr(why, "start_date is out of range"), "a start in 1969");
	ok(o311_range(&last, NULL, now, &from, &to) == NULL && from == last &&
	    to == INSTANT_MAX, "a start a day before the end: the window is clipped");
	ok(o311_range(NULL, &first, now, &from, &to) == NULL && to == first &&
	    from == INSTANT_MIN, "an end a day after the start: clipped too");
	ok(o311_time_parse("1969-12-31T00:00:00Z", &from) == 0 && from == y1969,
	    "1969 parses (the range refuses it, with its reason)");
}

static void
lists(void)
{
	const char *p = " a, bb ,,ccc,";
	char	 v[4];

	ok(o311_list_next(&p, v, sizeof(v)) == 1 && !strcmp(v, "a"), "first item");
	ok(o311_list_next(&p, v, sizeof(v)) == 1 && !strcmp(v, "bb"), "trimmed");
	ok(o311_list_next(&p, v, sizeof(v)) == 1 && !strcmp(v, "ccc"), "empty ones skipped");
	ok(o311_list_next(&p, v, sizeof(v)) == 0, "the end");
	p = "abcd";
	ok(o311_list_next(&p, v, sizeof(v)) == -1, "an item too long");
}

static struct bf_input in[16];
static size_t nin;

static void
add(const char *name, const char *value)
{
	in[nin++] = (struct bf_input){ name, value, strlen(value), NULL };
}

/* Maps the inputs and runs the board's validators on them. */
static size_t
check(struct o311_post *p, struct board_form *bf, const char **why)
{
	struct board_ctx ctx = { NULL, 0, now, 100, dept_exists, NULL, 1 };

	if (o311_post_map(p, in, nin, "pocheon", "common", "complaint", why) == -1)
		return 99;
	return board_form_check(bf, p->in, p->n, &ctx);
}

static void
posts(void)
{
	struct o311_post p;
	struct board_form bf;
	const char *why;

	nin = 0;
	add("first_name", "길동");
	add("last_name", "홍");
	add("address_string", "포천시 중앙로 1");
	add("phone", "010-1234-5678");
	add("email", "hong@example.kr");
	add("description", "가로등이 꺼져 있습니다.\n둘째 줄");
	add("attribute[sms_consent]", "yes");
	add("lat", "37.89");
	add("long", "127.2");
	is_int(check(&p, &bf, &why), 0, "a full request passes the board's validators");
	is_str(bf.val[BF_NAME], "길동 홍", "first and last name");
	is_str(bf.val[BF_ADDRESS], "포천시 중앙로 1", "address_string is the address");
	is_str(bf.val[BF_TITLE], "가로등이 꺼져 있습니다.", "the title is the first line");
	ok(strstr(bf.val[BF_BODY], "둘째 줄") && strstr(bf.val[BF_BODY], "37.890000"),
	    "the body keeps the description and the position");
	ok(bf.val[BF_SMS] != NULL, "sms consent");
	is_str(bf.city, "pocheon", "the department's city");
	is_str(bf.val[BF_KIND], "complaint", "the service's kind");
	o311_post_free(&p);

	nin = 0;
	add("description", "익명 민원");
	add("attribute[sms_consent]", "no");
	ok(check(&p, &bf, &why) > 0, "an anonymous request is refused");
	ok(bf.nnotice > 0 && strstr(bf.notice[0], "익명") != NULL, "with the charters' reason");
	ok(bf.err[BF_NAME] && bf.err[BF_ADDRESS], "name and address are missing");
	ok(bf.val[BF_SMS] == NULL && bf.err[BF_SMS] == NULL, "'no' is no consent");
	is_str(o311_field_name(BF_ADDRESS), "address_string", "errors name GeoReport fields");
	is_str(o311_field_name(BF_BODY), "description", "description");
	o311_post_free(&p);

	nin = 0;
	add("last_name", "홍");
	add("address_string", "포천시");
	add("attribute[title]", "제목");
	ok(check(&p, &bf, &why) > 0 && bf.err[BF_BODY] != NULL, "a description is required");
	is_str(bf.val[BF_TITLE], "제목", "attribute[title] is the title");
	o311_post_free(&p);

	nin = 0;
	add("last_name", "홍");
	add("address_string", "포천시");
	add("description", "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하");
	is_int(check(&p, &bf, &why), 0, "a long first line");
	ok(strstr(bf.val[BF_TITLE], "…") != NULL && strlen(bf.val[BF_TITLE]) == 40 * 3 + 3,
	    "is cut to 40 characters");
	o311_post_free(&p);

	nin = 0;
	add("lat", "91");
	add("long", "127");
	ok(check(&p, &bf, &why) == 99 && why != NULL, "a latitude out of range");
	o311_post_free(&p);
	nin = 0;
	add("lat", "37.5");
	ok(check(&p, &bf, &why) == 99 && why != NULL, "a latitude without longitude");
	o311_post_free(&p);
}

static void
attributes(void)
{
	size_t	 n, lists = 0;
	const struct o311_attr *a = o311_attributes("complaint", &n);

	ok(n >= 2, "a complaint asks for attributes");
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].datatype, "singlevaluelist") == 0) {
			lists++;
			ok(a[i].values && a[i].values[0][0], "%s has values", a[i].code);
		}
	ok(lists >= 1, "sms_consent is a single-value list");
	o311_attributes("corruption-report", &n);
	is_int((long long)n, 0, "nothing for a kind not offered");
}

int
main(void)
{
	codes();
	statuses();
	times();
	ranges();
	range_bounds();
	lists();
	posts();
	attributes();
	return done_testing();
}
