/* stats: periods of the Asia/Seoul calendar, compliance rates in tenths of a
 * percent and nearest-rank percentiles over histograms; integers only. */
#include <stdio.h>
#include <string.h>
#include "stats.h"

static const char *const period_names[] = { "month", "quarter", "year" };

int
stats_period_parse(const char *s, enum stats_period *p)
{
	size_t	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(period_names) / sizeof(period_names[0]); i++)
		if (strcmp(s, period_names[i]) == 0) {
			*p = (enum stats_period)i;
			return 0;
		}
	return -1;
}

const char *
stats_period_name(enum stats_period p)
{
	return (unsigned)p < 3 ? period_names[p] : "month";
}

void
stats_period_label(enum stats_period p, int y, unsigned m, char out[16])
{
	if (m < 1 || m > 12)
		m = 1;
	switch (p) {
	case SP_QUARTER:
		snprintf(out, 16, "%04d-Q%u", y, (m - 1) / 3 + 1);
		break;
	case SP_YEAR:
		snprintf(out, 16, "%04d", y);
		break;
	default:
		snprintf(out, 16, "%04d-%02u", y, m);
		break;
	}
}

void
stats_period_bounds(enum stats_period p, int y, unsigned m,
    int *fy, unsigned *fm, int *ny, unsigned *nm)
{
	unsigned len;

	if (m < 1 || m > 12)
		m = 1;
	switch (p) {
	case SP_QUARTER:
		*fm = (m - 1) / 3 * 3 + 1;
		len = 3;
		break;
	case SP_YEAR:
		*fm = 1;
		len = 12;
		break;
	default:
		*fm = m;
		len = 1;
		break;
	}
	*fy = y;
	*nm = *fm + len;
	*ny = y;
	if (*nm > 12) {
		*nm -= 12;
		(*ny)++;
	}
}

/* floor(met * 1000 / evaluated + 1/2) = floor((2000 met + ev) / (2 ev)) */
long long
stats_rate_tenths(unsigned long long met, unsigned long long evaluated)
{
	if (evaluated == 0)
		return -1;
	return (long long)((2000ULL * met + evaluated) / (2ULL * evaluated));
}

void
stats_tenths_str(long long tenths, char out[24])
{
	if (tenths < 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 24, "%lld.%lld", tenths / 10, tenths % 10);
}

long long
stats_percentile(const struct stats_bin *b, size_t nbins, unsigned p)
{
	unsigned long long total = 0, rank, cum = 0;
	size_t	 i;

	for (i = 0; i < nbins; i++)
		total += b[i].n;
	if (total == 0)
		return -1;
	if (p > 100)
		p = 100;
	rank = (total * p + 99) / 100;	/* ceil(p / 100 * total) */
	if (rank == 0)
		rank = 1;
	for (i = 0; i < nbins; i++) {
		cum += b[i].n;
		if (b[i].n > 0 && cum >= rank)
			return b[i].hours;
	}
	return b[nbins - 1].hours;	/* not reached: cum ends at total */
}
