/* test_duration: ISO 8601 durations (src/domain/duration.h), the form every
 * charter target takes (PT10M, P7D), and their Korean wording on pages. */
#include <string.h>
#include "domain/duration.h"
#include "tap.h"

/* Expects s to parse to exactly these fields (y mo w d h mi s). */
static void
parses(const char *s, unsigned y, unsigned mo, unsigned w, unsigned d,
    unsigned h, unsigned mi, unsigned sec)
{
	struct duration du;
	int	 rc = duration_parse(s, &du);

	is_int(rc, 0, "%s parses", s);
	if (rc != 0)
		return;
	ok(du.years == y && du.months == mo && du.weeks == w && du.days == d &&
	    du.hours == h && du.minutes == mi && du.seconds == sec,
	    "  %s = %uY %uM %uW %uD T %uH %uM %uS (got %uY %uM %uW %uD T %uH %uM %uS)",
	    s, y, mo, w, d, h, mi, sec, du.years, du.months, du.weeks, du.days,
	    du.hours, du.minutes, du.seconds);
}

static void
refused(const char *s, const char *why)
{
	struct duration du;

	is_int(duration_parse(s, &du), -1, "\"%s\" refused: %s", s, why);
}

static void
korean(const char *s, const char *want)
{
	struct duration du;
	char	 out[128];

	duration_parse(s, &du);
	duration_ko(&du, out, sizeof(out));
	is_str(out, want, "duration_ko(%s)", s);
}

int
main(void)
{
	struct duration du;
	char	 out[8];

	/* Every target in the seed charters, plus the combinations. */
	parses("PT10S", 0, 0, 0, 0, 0, 0, 10);
	parses("PT1M", 0, 0, 0, 0, 0, 1, 0);	/* M after T: minutes */
	parses("PT10M", 0, 0, 0, 0, 0, 10, 0);
	parses("PT30M", 0, 0, 0, 0, 0, 30, 0);
	parses("PT1H", 0, 0, 0, 0, 1, 0, 0);
	parses("PT3H", 0, 0, 0, 0, 3, 0, 0);
	parses("P1D", 0, 0, 0, 1, 0, 0, 0);
	parses("P3D", 0, 0, 0, 3, 0, 0, 0);
	parses("P7D", 0, 0, 0, 7, 0, 0, 0);
	parses("P14D", 0, 0, 0, 14, 0, 0, 0);
	parses("P3M", 0, 3, 0, 0, 0, 0, 0);	/* M before T: months */
	parses("P1Y", 1, 0, 0, 0, 0, 0, 0);
	parses("P1W", 0, 0, 1, 0, 0, 0, 0);
	parses("PT1H30M", 0, 0, 0, 0, 1, 30, 0);
	parses("P1Y2M3W4DT5H6M7S", 1, 2, 3, 4, 5, 6, 7);
	parses("P1DT12H", 0, 0, 0, 1, 12, 0, 0);
	parses("P1MT1M", 0, 1, 0, 0, 0, 1, 0);	/* month and minute told apart */
	parses("PT0S", 0, 0, 0, 0, 0, 0, 0);
	parses("P007D", 0, 0, 0, 7, 0, 0, 0);	/* leading zeros are digits */
	/* A number too large to be a sensible target. */
	refused("P99999999999D", "number out of range (no overflow)");

	/* Refused: not durations, or designators out of place. */
	refused("", "empty");
	refused("P", "no component");
	refused("PT", "T with no time component");
	refused("P1DT", "T at the end");
	refused("1D", "no leading P");
	refused("p1d", "lower case");
	refused("P1H", "H without T");
	refused("P1S", "S without T");
	refused("PT1D", "D after T");
	refused("PT1Y", "Y after T");
	refused("P1D2M", "M (month) after D: order");
	refused("P1M1Y", "Y after M: order");
	refused("PT1M1H", "H after M: order");
	refused("P1D1D", "D twice");
	refused("PT1H1H", "H twice");
	refused("P-1D", "negative");
	refused("P+1D", "explicit sign");
	refused("P1.5D", "fraction with '.'");
	refused("P1,5D", "fraction with ','");
	refused("PD", "designator without a number");
	refused("P1", "number without a designator");
	refused("PT1H30", "trailing number");
	refused("P1DT1H ", "trailing space");
	refused(" P1D", "leading space");
	refused("P1DTT1H", "T twice");
	refused("PT1HT1M", "second T");
	refused("P1X", "unknown designator");
	refused("P 1D", "space inside");
	is_int(duration_parse(NULL, &du), -1, "NULL refused");

	/* duration_is_zero: a zero target is refused by charter_check. */
	duration_parse("PT0S", &du);
	is_int(duration_is_zero(&du), 1, "PT0S is zero");
	duration_parse("P0D", &du);
	is_int(duration_is_zero(&du), 1, "P0D is zero");
	duration_parse("P0DT0H0M", &du);
	is_int(duration_is_zero(&du), 1, "P0DT0H0M is zero");
	duration_parse("PT1S", &du);
	is_int(duration_is_zero(&du), 0, "PT1S is not zero");
	duration_parse("P1Y", &du);
	is_int(duration_is_zero(&du), 0, "P1Y is not zero");

	/* The Korean words shown on pages. */
	korean("PT10M", "10분");
	korean("PT1H", "1시간");
	korean("P7D", "7일");
	korean("P3M", "3개월");
	korean("P1Y", "1년");
	korean("P2W", "2주");
	korean("PT10S", "10초");
	korean("PT1H30M", "1시간 30분");
	korean("P1DT12H", "1일 12시간");
	korean("PT0S", "");
	/* A small buffer is cut, never overrun. */
	duration_parse("P1Y2M3W4DT5H6M7S", &du);
	memset(out, 'x', sizeof(out));
	duration_ko(&du, out, sizeof(out));
	ok(memchr(out, '\0', sizeof(out)) != NULL, "duration_ko into 8 bytes: terminated");
	return done_testing();
}
