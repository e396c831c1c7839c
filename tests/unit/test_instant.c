/* test_instant: the range check of instants from outside
 * (src/domain/instant.h): the bounds the store can hold, the tolerance
 * ahead of now, the reasons given, and the ISO 8601 reader it is used with
 * (years before 1970 and after 2038 parse, and are refused by the range). */
#include <string.h>
#include "domain/instant.h"
#include "util/timefmt.h"
#include "tap.h"

static const time_t now = 1795489200;	/* 2026-11-24T12:00:00+09:00 */

/* t parsed from s, or -12345 when it is not ISO 8601. */
static time_t
iso(const char *s)
{
	time_t	 t;

	return time_iso_read(s, &t) == 0 ? t : -12345;
}

static void
bounds(void)
{
	ok(instant_storable(INSTANT_MIN), "the lower bound is storable");
	ok(!instant_storable(INSTANT_MIN - 1), "a second before it is not");
	ok(instant_storable(INSTANT_MAX), "2038-01-19T03:14:07Z is storable");
	ok(!instant_storable(INSTANT_MAX + 1), "2038-01-19T03:14:08Z is not");
	is_int(iso(INSTANT_MIN_ISO), INSTANT_MIN, "INSTANT_MIN is " INSTANT_MIN_ISO);
	is_int(iso(INSTANT_MAX_ISO), INSTANT_MAX, "INSTANT_MAX is " INSTANT_MAX_ISO);
	ok(!instant_storable(0), "0 (no instant) is not");
}

static void
checks(void)
{
	char	 why[INSTANT_WHY];
	const char *r;

	ok(instant_check(now, now, 300, why) == NULL, "now");
	ok(instant_check(now - 86400 * 365, now, 300, why) == NULL, "a year ago");
	ok(instant_check(now + 60, now, 300, why) == NULL, "a minute ahead");
	ok(instant_check(now + 300, now, 300, why) == NULL, "exactly the tolerance ahead");
	r = instant_check(now + 301, now, 300, why);
	is_str(r, "in the future; at most 5 minutes ahead of now", "a second more");
	ok(r == why, "  the reason is written into why");
	r = instant_check(now + 3600, now, 300, why);
	is_str(r, "in the future; at most 5 minutes ahead of now", "an hour ahead");
	is_str(instant_check(now + 7200, now, 3600, why),
	    "in the future; at most 1 hour ahead of now", "the tolerance as configured (1h)");
	is_str(instant_check(now + 100, now, 90, why),
	    "in the future; at most 90 seconds ahead of now", "90 seconds");
	is_str(instant_check(now + 1, now, 0, why),
	    "in the future; at most 0 seconds ahead of now", "no tolerance");
	is_str(instant_check(iso("2030-01-01T00:00:00+09:00"), now, 300, why),
	    "in the future; at most 5 minutes ahead of now", "2030 is in the future");
	ok(instant_check(iso("2030-01-01T00:00:00+09:00"), now, INSTANT_ANY, why) == NULL,
	    "2030 as a due (no bound from the clock)");
	is_str(instant_check(iso("2038-01-19T03:14:08Z"), now, INSTANT_ANY, why),
	    "after 2038-01-19T03:14:07Z, the latest instant the database stores",
	    "a second after the last stored, even as a due");
	ok(instant_check(iso("2038-01-19T03:14:07Z"), now, INSTANT_ANY, why) == NULL,
	    "the last stored instant as a due");
	is_str(instant_check(iso("2099-01-01T00:00:00+09:00"), now, 300, why),
	    "after 2038-01-19T03:14:07Z, the latest instant the database stores",
	    "2099: the range is said before the clock");
	is_str(instant_check(iso("1969-12-31T23:59:59Z"), now, 300, why),
	    "before 2000-01-01T00:00:00+09:00, the earliest instant accepted", "1969");
	is_str(instant_check(iso("1999-12-31T23:59:59+09:00"), now, INSTANT_ANY, why),
	    "before 2000-01-01T00:00:00+09:00, the earliest instant accepted",
	    "a second before 2000 in Seoul");
	ok(instant_check(iso("2000-01-01T00:00:00+09:00"), now, 300, why) == NULL, "2000");
}

static void
reader(void)
{
	is_int(iso("1969-12-31T23:59:59Z"), -1, "1969 parses (to -1, not an error)");
	is_int(iso("0001-01-01T00:00:00Z"), -62135596800LL, "year 1");
	is_int(iso("2099-01-01T00:00:00+09:00"), 4070876400LL, "2099 parses");
	is_int(iso("2099-01-01T00:00:00"), -12345, "still: no offset, no instant");
	is_int(iso("2099-02-29T00:00:00Z"), -12345, "no 29 February 2099");
	is_int(iso(NULL), -12345, "NULL");
	is_int(time_iso_parse("1969-12-31T23:59:59Z"), -1, "time_iso_parse: from 1970 only");
	is_int(time_iso_parse("2026-11-24T12:00:00+09:00"), now, "time_iso_parse: 2026");
}

static void
periods(void)
{
	ok(instant_period_fits(now, 14, 0), "14 days");
	ok(instant_period_fits(now, 3, 1), "3 hours");
	ok(instant_period_fits(now, 1000, 0), "1000 days from 2026");
	ok(!instant_period_fits(now, 100000, 0), "100000 days could end after 2038");
	ok(!instant_period_fits(now, 100000, 1), "so could 100000 hours");
	ok(instant_period_fits(now, 8000, 1), "8000 hours (1,000 working days) fits");
	ok(!instant_period_fits(INSTANT_MAX - 86400, 1, 1), "an hour from a day before the end");
	ok(!instant_period_fits(0, 1, 0), "from an instant out of range");
}

int
main(void)
{
	bounds();
	checks();
	reader();
	periods();
	return done_testing();
}
