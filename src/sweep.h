/* sweep: `charterctl sweep` — re-dates the deadlines when the calendar
 * changed, books each breach and the compensation it causes once (also
 * with several sweeps at once on several hosts: row locks and unique keys,
 * no global lock), judges the periodic duties, deletes stale access
 * failures, and lists what falls due within the next working hours. */
#ifndef CHARTER_SWEEP_H
#define CHARTER_SWEEP_H
#include <stdio.h>
#include <time.h>

struct conf;
struct db;

struct sweep_opts {
	time_t	 now;		/* the instant the sweep judges at */
	long	 due_within;	/* working hours to list, or -1 */
	int	 quiet;		/* no summary */
};

struct sweep_counts {
	long long breaches, compensations, duty_breaches, moved;
	long long evaluated;	/* petitions (re-)evaluated */
	long long purged;	/* access failures deleted */
};

/* One run. Prints the summary and the due list on out. 0, or -1 with a
 * message in err (what was booked before the failure stays booked). */
int	 sweep_run(struct db *, const struct conf *, const struct sweep_opts *,
	    struct sweep_counts *, FILE *out, char *err, size_t errlen);

/* argv[0] is "sweep": [--now ISO8601] [--due-within HOURS] [--quiet].
 * Returns the exit status (0; 1 on failure; 2 on usage). */
int	 sweep_cli(struct db *, const struct conf *, int argc, char **argv);

#endif
