/* deadline_bench: benchmark of issue 4, point 9 — deadline computations per
 * second on one core: deadline_due() for a mix of statutory periods (3 working
 * hours "immediately", 3 days = 24 working hours, 7 and 14 days counted in
 * working days, PT10M on working hours and on the calendar clock) from
 * pseudo-random receipts over 2025–2028, with the shipped holiday data.
 *
 * Usage: deadline_bench [-t SECONDS] HOLIDAYS.conf
 * Prints:
 *   deadline computations: N/s (one core) (target >= 5,000,000/s) PASS|BELOW TARGET */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "domain/calendar.h"
#include "domain/deadline.h"

#define TARGET	5000000.0
#define CHUNK	65536		/* computations between two looks at the clock */
#define NPER	6

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: deterministic receipts. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

int
main(int argc, char **argv)
{
	struct calendar cal;
	struct dl_period per[NPER];
	char	 err[256];
	double	 secs = 2.0, t0, el;
	uint64_t rng = 0x9e3779b97f4a7c15ULL, n = 0, sink = 0;
	time_t	 lo, span, due;
	int	 ai = 1, i, fails = 0;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		secs = atof(argv[2]);
		ai = 3;
	}
	if (ai >= argc || secs <= 0) {
		fprintf(stderr, "usage: deadline_bench [-t SECONDS] HOLIDAYS.conf\n");
		return 2;
	}
	calendar_init(&cal);
	if (calendar_load(&cal, argv[ai], err, sizeof(err)) != 0) {
		fprintf(stderr, "deadline_bench: %s\n", err);
		return 1;
	}
	if (dl_period_statutory(3, "hours", &per[0]) != 0 ||
	    dl_period_statutory(3, "days", &per[1]) != 0 ||
	    dl_period_statutory(7, "days", &per[2]) != 0 ||
	    dl_period_statutory(14, "days", &per[3]) != 0 ||
	    dl_period_parse("PT10M", "working-hours", &per[4]) != 0 ||
	    dl_period_parse("PT10M", "calendar", &per[5]) != 0) {
		fprintf(stderr, "deadline_bench: a period does not parse\n");
		return 1;
	}
	lo = cal_day_start(cal_day((time_t)1735657200));	/* 2025-01-01 KST */
	span = cal_day_start(cal_day((time_t)1861887600)) - lo;	/* to 2029-01-01 */
	t0 = now_s();
	do {
		for (i = 0; i < CHUNK; i++) {
			uint64_t r = next_rand(&rng);
			time_t	 start = lo + (time_t)(r % (uint64_t)span);

			if (deadline_due(&cal, start, &per[(r >> 40) % NPER], NULL, 0,
			    &due) != 0)
				fails++;
			sink += (uint64_t)due;	/* the result is used: not optimised away */
		}
		n += CHUNK;
		el = now_s() - t0;
	} while (el < secs);
	printf("deadline computations: %.0f/s (one core) (target >= 5,000,000/s) %s\n",
	    (double)n / el, (double)n / el >= TARGET ? "PASS" : "BELOW TARGET");
	printf("(%llu computations in %.2f s over %zu holidays, mix of %d periods; "
	    "checksum %016llx)\n", (unsigned long long)n, el, cal.nhol, NPER,
	    (unsigned long long)sink);
	calendar_free(&cal);
	if (fails) {
		fprintf(stderr, "deadline_bench: %d computations failed\n", fails);
		return 1;
	}
	return 0;
}
