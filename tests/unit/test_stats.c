/* test_stats: the published figures (src/domain/stats.h) — periods of the
 * calendar, compliance rates in tenths rounded half up, nearest-rank
 * percentiles over answer-time histograms. Every expected value is worked
 * out by hand in the comment beside it. */
#include <string.h>
#include "domain/stats.h"
#include "tap.h"

#define NB(a) (sizeof(a) / sizeof((a)[0]))

static void
label(enum stats_period p, int y, unsigned m, const char *want)
{
	char	 out[16];

	stats_period_label(p, y, m, out);
	is_str(out, want, "label %s of %d-%02u", stats_period_name(p), y, m);
}

static void
bounds(enum stats_period p, int y, unsigned m, int wfy, unsigned wfm,
    int wny, unsigned wnm)
{
	int	 fy, ny;
	unsigned fm, nm;

	stats_period_bounds(p, y, m, &fy, &fm, &ny, &nm);
	ok(fy == wfy && fm == wfm && ny == wny && nm == wnm,
	    "bounds %s of %d-%02u: %d-%02u .. %d-%02u (got %d-%02u .. %d-%02u)",
	    stats_period_name(p), y, m, wfy, wfm, wny, wnm, fy, fm, ny, nm);
}

static void
rate(unsigned long long met, unsigned long long ev, long long want,
    const char *wstr)
{
	char	 out[24];
	long long t = stats_rate_tenths(met, ev);

	is_int(t, want, "rate %llu/%llu", met, ev);
	stats_tenths_str(t, out);
	is_str(out, wstr, "  shown as \"%s\"", wstr);
}

static void
periods(void)
{
	enum stats_period p;

	ok(stats_period_parse("month", &p) == 0 && p == SP_MONTH, "parse month");
	ok(stats_period_parse("quarter", &p) == 0 && p == SP_QUARTER, "parse quarter");
	ok(stats_period_parse("year", &p) == 0 && p == SP_YEAR, "parse year");
	is_int(stats_period_parse("week", &p), -1, "week refused");
	is_int(stats_period_parse("", &p), -1, "empty refused");
	is_int(stats_period_parse("Month", &p), -1, "case matters");
	is_int(stats_period_parse(NULL, &p), -1, "NULL refused");
	is_str(stats_period_name(SP_QUARTER), "quarter", "name of quarter");

	label(SP_MONTH, 2026, 11, "2026-11");
	label(SP_MONTH, 2026, 1, "2026-01");
	label(SP_QUARTER, 2026, 1, "2026-Q1");
	label(SP_QUARTER, 2026, 3, "2026-Q1");
	label(SP_QUARTER, 2026, 4, "2026-Q2");
	label(SP_QUARTER, 2026, 9, "2026-Q3");
	label(SP_QUARTER, 2026, 10, "2026-Q4");
	label(SP_QUARTER, 2026, 12, "2026-Q4");
	label(SP_YEAR, 2026, 7, "2026");

	bounds(SP_MONTH, 2026, 11, 2026, 11, 2026, 12);
	bounds(SP_MONTH, 2026, 12, 2026, 12, 2027, 1);	/* year wraps */
	bounds(SP_QUARTER, 2026, 2, 2026, 1, 2026, 4);
	bounds(SP_QUARTER, 2026, 6, 2026, 4, 2026, 7);
	bounds(SP_QUARTER, 2026, 11, 2026, 10, 2027, 1);
	bounds(SP_YEAR, 2026, 5, 2026, 1, 2027, 1);
}

static void
rates(void)
{
	rate(0, 0, -1, "");		/* nothing evaluated */
	rate(0, 5, 0, "0.0");
	rate(5, 5, 1000, "100.0");
	rate(2, 3, 667, "66.7");	/* 666.67 → 667 */
	rate(1, 3, 333, "33.3");	/* 333.33 → 333 */
	rate(1, 8, 125, "12.5");	/* exactly 125 */
	rate(1, 16, 63, "6.3");		/* 62.5 → 63: half up */
	rate(3, 16, 188, "18.8");	/* 187.5 → 188 */
	rate(1, 2000, 1, "0.1");	/* 0.5 → 1 */
	rate(1, 2001, 0, "0.0");	/* 0.49975 → 0 */
	rate(35, 36, 972, "97.2");	/* 972.22 → 972 */
	rate(1999, 2000, 1000, "100.0");	/* 999.5 → 1000 */
	/* large counts stay exact: 1e12 / (3e12) = 333.33 → 333 */
	rate(1000000000000ULL, 3000000000000ULL, 333, "33.3");
}

static void
percentiles(void)
{
	struct stats_bin one[] = { { 7, 4 } };
	struct stats_bin ten[] = { { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 },
	    { 5, 1 }, { 6, 1 }, { 7, 1 }, { 8, 1 }, { 9, 1 }, { 10, 1 } };
	struct stats_bin ties[] = { { 0, 3 }, { 5, 3 }, { 48, 4 } };
	struct stats_bin odd[] = { { 2, 1 }, { 3, 1 }, { 40, 1 } };
	struct stats_bin rep[] = { { 1, 2 }, { 1, 2 }, { 9, 1 } };
	struct stats_bin zeros[] = { { 3, 0 }, { 4, 0 } };
	struct stats_bin lead0[] = { { 3, 0 }, { 8, 2 } };
	struct stats_bin twenty[] = { { 10, 18 }, { 11, 1 }, { 12, 1 } };
	struct stats_bin eleven[] = { { 1, 9 }, { 2, 1 }, { 3, 1 } };

	is_int(stats_percentile(NULL, 0, 50), -1, "no bins: -1");
	is_int(stats_percentile(zeros, NB(zeros), 50), -1, "empty bins: -1");
	is_int(stats_percentile(one, NB(one), 50), 7, "one bin: median is it");
	is_int(stats_percentile(one, NB(one), 90), 7, "one bin: p90 is it");
	/* 1..10: median rank ceil(5) = 5 → 5; p90 rank ceil(9) = 9 → 9 */
	is_int(stats_percentile(ten, NB(ten), 50), 5, "1..10 median 5");
	is_int(stats_percentile(ten, NB(ten), 90), 9, "1..10 p90 9");
	is_int(stats_percentile(ten, NB(ten), 100), 10, "1..10 p100 10");
	is_int(stats_percentile(ten, NB(ten), 0), 1, "1..10 p0: the first");
	/* 0,0,0,5,5,5,48,48,48,48: median rank 5 → 5; p90 rank 9 → 48;
	 * p30 rank 3 reaches the end of the first bin exactly → 0 */
	is_int(stats_percentile(ties, NB(ties), 50), 5, "ties: median 5");
	is_int(stats_percentile(ties, NB(ties), 90), 48, "ties: p90 48");
	is_int(stats_percentile(ties, NB(ties), 30), 0, "ties: p30 boundary 0");
	is_int(stats_percentile(ties, NB(ties), 31), 5, "ties: p31 past it 5");
	is_int(stats_percentile(ties, NB(ties), 60), 5, "ties: p60 boundary 5");
	/* 2,3,40: median rank ceil(1.5) = 2 → 3; p90 rank ceil(2.7) = 3 → 40 */
	is_int(stats_percentile(odd, NB(odd), 50), 3, "odd count median 3");
	is_int(stats_percentile(odd, NB(odd), 90), 40, "odd count p90 40");
	/* equal hours repeated add up: 1 ×4, 9 ×1; median rank 3 → 1; p90 rank 5 → 9 */
	is_int(stats_percentile(rep, NB(rep), 50), 1, "repeated hours add up: median 1");
	is_int(stats_percentile(rep, NB(rep), 90), 9, "repeated hours: p90 9");
	is_int(stats_percentile(rep, NB(rep), 80), 1, "repeated hours: p80 rank 4 → 1");
	/* an empty leading bin is never the answer */
	is_int(stats_percentile(lead0, NB(lead0), 50), 8, "empty leading bin skipped");
	/* 20 values: p90 rank ceil(18) = 18, the last of the first bin → 10;
	 * p91 rank ceil(18.2) = 19 → 11 */
	is_int(stats_percentile(twenty, NB(twenty), 90), 10, "p90 boundary exactly reached");
	is_int(stats_percentile(twenty, NB(twenty), 91), 11, "p91 just past it");
	is_int(stats_percentile(twenty, NB(twenty), 50), 10, "20 values median 10");
	/* 11 values: median rank ceil(5.5) = 6 → 1; p90 rank ceil(9.9) = 10 → 2 */
	is_int(stats_percentile(eleven, NB(eleven), 50), 1, "11 values median 1");
	is_int(stats_percentile(eleven, NB(eleven), 90), 2, "11 values p90 rank 10 → 2");
}

int
main(void)
{
	periods();
	rates();
	percentiles();
	return done_testing();
}
