/* stats_store: the open-data summary tables (schema/007_opendata.sql).
 * Writers mark the (city, dept, month of receipt) of what they changed;
 * stats_refresh recomputes the marked months from the raw rows with the
 * same statements as stats_rebuild, so incremental figures and a rebuild
 * agree by construction. Readers get rows per period (stats.h). */
#ifndef CHARTER_STATS_STORE_H
#define CHARTER_STATS_STORE_H
#include <stddef.h>
#include <time.h>
#include "../domain/stats.h"

struct db;

/* Marks the month (KST) of a petition of city/dept received at t (UTC),
 * inside the caller's transaction. 0 or -1. */
int	 stats_touch(struct db *, const char *city, const char *dept, time_t received_at);
/* The same for a stored petition, by id. 0 or -1. */
int	 stats_touch_petition(struct db *, unsigned long long petition_id);
/* The same for the petition of a compensation entry, by its id. 0 or -1. */
int	 stats_touch_compensation(struct db *, unsigned long long compensation_id);
/* Marks the months of every petition with a result booked by sweep run
 * `booked_by` or a compensation booked by it. 0 or -1. */
int	 stats_touch_run(struct db *, const char *booked_by);

/* Recomputes marked months, at most max of them (0: all), each in its own
 * transaction; concurrent refreshers never recompute a month twice at once
 * and a mark made during a refresh stays. How many were recomputed, or -1. */
long	 stats_refresh(struct db *, long max);
/* The same for a request that must stay quick: only marked months of at
 * most max_petitions petitions of their department (the sweep recomputes
 * the bigger ones). */
long	 stats_refresh_small(struct db *, long max, unsigned long long max_petitions);
/* Recomputes every month of every department from the raw rows, and the
 * page votes from survey_votes. How many months, or -1. */
long	 stats_rebuild(struct db *);

/* What to read. from/to are months (y, m), inclusive; y = 0: open. */
struct stats_filter {
	const char		*city, *dept;	/* NULL: all */
	int			 from_y, to_y;
	unsigned		 from_m, to_m;
	enum stats_period	 period;
	int			 per_standard;	/* 0: only the '*' rows */
};

struct stats_row {
	char			 city[33], dept[65], standard[65];	/* "*": the petition */
	char			 period[16];	/* stats_period_label */
	int			 y;		/* the period's first month */
	unsigned		 m;
	unsigned long long	 applicable, met, breached, pending, na, evaluated;
	long long		 rate_tenths;	/* stats_rate_tenths, -1: none evaluated */
	unsigned long long	 answered;	/* '*' rows: petitions answered */
	long long		 median_hours, p90_hours;	/* '*' rows; -1: none */
	unsigned long long	 comp_count, comp_amount, paid_count, paid_amount;
};

struct stats_feedback_row {
	char			 city[33], dept[65], period[16];
	int			 y;
	unsigned		 m;
	unsigned long long	 responses, score_sum, s[5], kept_yes, kept_no;
};

struct stats_votes_row {
	char			 page[513], period[16];
	int			 y;
	unsigned		 m;
	unsigned long long	 votes, score_sum, s[5];
};

/* Calls each() for every row, ordered by city, dept, period, standard ('*'
 * first); a non-zero return from each() stops and is returned. -1 on a
 * database error. */
int	 stats_compliance(struct db *, const struct stats_filter *,
	    int (*each)(void *, const struct stats_row *), void *);
int	 stats_feedback(struct db *, const struct stats_filter *,
	    int (*each)(void *, const struct stats_feedback_row *), void *);
/* Votes: city/dept of the filter are ignored; ordered by page, period. */
int	 stats_votes(struct db *, const struct stats_filter *,
	    int (*each)(void *, const struct stats_votes_row *), void *);

#endif
