/* opendata_read: what /opendata/ reads besides the stats_store readers —
 * the answer-time histograms of a range of months summed per department,
 * the published survey results and improvement plans. Summary and
 * published tables only (never raw petitions); never recorded_by. */
#ifndef CHARTER_OPENDATA_READ_H
#define CHARTER_OPENDATA_READ_H

struct db;
struct db_res;

/* Months from (y, m) to (y, m), inclusive; city NULL: every city.
 * Columns: city, dept, hours, n — ordered by city, dept, hours. Row count
 * or -1. */
enum { OH_CITY, OH_DEPT, OH_HOURS, OH_N };
long long	 od_answer_hours(struct db *, const char *city, int fy, unsigned fm,
		    int ty, unsigned tm, struct db_res *);

/* Survey results of years fy..ty. Columns: city, dept, year, kind,
 * respondents, score, summary, published (epoch) — ordered by city, dept,
 * year descending, kind. */
enum { OS_CITY, OS_DEPT, OS_YEAR, OS_KIND, OS_RESPONDENTS, OS_SCORE, OS_SUMMARY,
	OS_PUBLISHED };
long long	 od_surveys(struct db *, const char *city, int fy, int ty, struct db_res *);

/* Improvement plans of years fy..ty. Columns: city, dept, year, plan,
 * published (epoch) — ordered by city, dept, year descending. */
enum { OP_CITY, OP_DEPT, OP_YEAR, OP_PLAN, OP_PUBLISHED };
long long	 od_plans(struct db *, const char *city, int fy, int ty, struct db_res *);

#endif
