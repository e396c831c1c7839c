/* opendata_read: the /opendata/ page's own reads (see opendata_read.h).
 * A NULL city binds '' and makes its condition constant-true, so one
 * prepared statement serves both cases. */
#include <stdio.h>
#include "db.h"
#include "opendata_read.h"

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
month_str(int y, unsigned m, char out[16])
{
	snprintf(out, 16, "%04d-%02u-01", y, m);
}

long long
od_answer_hours(struct db *d, const char *city, int fy, unsigned fm, int ty,
    unsigned tm, struct db_res *res)
{
	char	 from[16], to[16];

	month_str(fy, fm, from);
	month_str(ty, tm, to);
	return db_query(d, res, "SELECT city, dept, hours, SUM(n) FROM stats_answer_hours"
	    " WHERE month BETWEEN ? AND ? AND (? = '' OR city = ?)"
	    " GROUP BY city, dept, hours ORDER BY city, dept, hours",
	    "ssss", from, to, nz(city), nz(city));
}

long long
od_surveys(struct db *d, const char *city, int fy, int ty, struct db_res *res)
{
	return db_query(d, res, "SELECT city, dept, year, kind, respondents,"
	    " CAST(score AS CHAR), summary, UNIX_TIMESTAMP(published_at)"
	    " FROM survey_results WHERE year BETWEEN ? AND ? AND (? = '' OR city = ?)"
	    " ORDER BY city, dept, year DESC, kind",
	    "iiss", (long long)fy, (long long)ty, nz(city), nz(city));
}

long long
od_plans(struct db *d, const char *city, int fy, int ty, struct db_res *res)
{
	return db_query(d, res, "SELECT city, dept, year, plan,"
	    " UNIX_TIMESTAMP(published_at)"
	    " FROM improvement_plans WHERE year BETWEEN ? AND ? AND (? = '' OR city = ?)"
	    " ORDER BY city, dept, year DESC",
	    "iiss", (long long)fy, (long long)ty, nz(city), nz(city));
}
