/* clock: the program's one clock. Every "now" of a decision (deadlines,
 * breaches, receipt years, token and cookie ages, throttles, statistics
 * months, open-data defaults, stored instants) comes from clock_now() or
 * clock_now_us(); nothing else reads the wall clock (tests/lint/clock.sh
 * enforces it).
 *
 * The test clock: with `test_clock = yes` in the configuration,
 * CHARTER_TEST_NOW (ISO 8601 with an offset) fixes "now" for the whole
 * process; without it, CHARTER_TEST_NOW set is a start-up error, so no
 * production deployment can be steered by its environment. */
#ifndef CHARTER_CLOCK_H
#define CHARTER_CLOCK_H
#include <stddef.h>
#include <time.h>

#define CLOCK_TEST_ENV "CHARTER_TEST_NOW"

/* Sets the clock once at start-up, before any worker starts (the clock is
 * configuration: read-only afterwards). test_clock is the configuration's
 * test_clock; env is getenv(CLOCK_TEST_ENV) or NULL. 0, or -1 with the
 * reason in err. */
int	 clock_setup(int test_clock, const char *env, char *err, size_t errlen);
/* 1 when the test clock fixes now. */
int	 clock_is_fixed(void);
/* Now, in seconds since the epoch (UTC). */
time_t	 clock_now(void);
/* Now, in microseconds since the epoch: what stored instants are bound as
 * (DB_US in the store's SQL). */
long long clock_now_us(void);
/* The real wall clock, for log lines only: never for a decision. */
time_t	 clock_wall(void);
/* Milliseconds of a monotonic clock, for intervals and timeouts. */
long long clock_mono_ms(void);

#endif
