/* stats: the published figures computed from summary rows — periods (month,
 * quarter, year of the Asia/Seoul calendar), compliance rates and
 * nearest-rank percentiles over a histogram of answer times. Pure. */
#ifndef CHARTER_STATS_H
#define CHARTER_STATS_H
#include <stddef.h>

enum stats_period { SP_MONTH, SP_QUARTER, SP_YEAR };

/* "month", "quarter", "year" → 0, or -1. */
int		 stats_period_parse(const char *, enum stats_period *);
const char	*stats_period_name(enum stats_period);
/* The label of the period that holds month m (1–12) of year y:
 * "2026-11", "2026-Q4" or "2026". */
void		 stats_period_label(enum stats_period, int y, unsigned m, char out[16]);
/* The first month of that period (y, m) and the month after its last. */
void		 stats_period_bounds(enum stats_period, int y, unsigned m,
		    int *fy, unsigned *fm, int *ny, unsigned *nm);

/* Compliance rate met / evaluated in tenths of a percent, rounded half up
 * in integer arithmetic (972 = 97.2 %); -1 when evaluated is 0. */
long long	 stats_rate_tenths(unsigned long long met, unsigned long long evaluated);
/* "97.2" (or "" for -1) */
void		 stats_tenths_str(long long tenths, char out[24]);

struct stats_bin {
	unsigned		 hours;
	unsigned long long	 n;
};
/* Nearest rank: the smallest `hours` whose cumulative count reaches
 * ceil(p / 100 * total), bins sorted by hours ascending (equal hours may
 * repeat: they add up). -1 when the bins hold nothing. */
long long	 stats_percentile(const struct stats_bin *, size_t nbins, unsigned p);

#endif
