/* clock: the program's one clock, the only reader of the system's clocks. */
#include <stdio.h>
#include <time.h>
#include "clock.h"
#include "timefmt.h"

/* Set once by clock_setup() before workers fork, never written again. */
static long long fixed_us = -1;

int
clock_setup(int test_clock, const char *env, char *err, size_t errlen)
{
	time_t	 t;

	if (env == NULL || *env == '\0') {
		fixed_us = -1;
		return 0;
	}
	if (!test_clock) {
		snprintf(err, errlen, "%s is set but the configuration does not say"
		    " test_clock = yes: refusing to let the environment set the clock",
		    CLOCK_TEST_ENV);
		return -1;
	}
	if ((t = time_iso_parse(env)) == (time_t)-1) {
		snprintf(err, errlen, "%s: %.64s is not an ISO 8601 date-time with an"
		    " offset (e.g. 2026-11-20T12:00:00+09:00)", CLOCK_TEST_ENV, env);
		return -1;
	}
	fixed_us = (long long)t * 1000000;
	return 0;
}

int
clock_is_fixed(void)
{
	return fixed_us >= 0;
}

long long
clock_now_us(void)
{
	struct timespec ts;

	if (fixed_us >= 0)
		return fixed_us;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

time_t
clock_now(void)
{
	return (time_t)(clock_now_us() / 1000000);
}

time_t
clock_wall(void)
{
	return time(NULL);
}

long long
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
