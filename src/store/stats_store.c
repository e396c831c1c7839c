/* stats_store: the open-data summary tables (schema/007_opendata.sql) —
 * marking, per-month recomputation from the raw rows (one function serves
 * refresh and rebuild), and the readers that add months up into periods. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "stats_store.h"
#include "../util/log.h"

/* A (city, dept, month) key; month as "YYYY-MM-DD" (the first day). */
struct skey {
	const char	*city, *dept, *month;
};

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static unsigned long long
cell_u(const struct db_res *r, unsigned row, unsigned col)
{
	const char *s = db_cell(r, row, col);

	return s ? strtoull(s, NULL, 10) : 0;
}

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", nz(src));
}

int
stats_touch(struct db *d, const char *city, const char *dept, time_t t)
{
	return db_exec(d, "INSERT IGNORE INTO stats_dirty (city, dept, month)"
	    " VALUES (?, ?, DATE_FORMAT(FROM_UNIXTIME(?) + INTERVAL 9 HOUR, '%Y-%m-01'))",
	    "ssi", city, dept,
	    (long long)t) < 0 ? -1 : 0;
}

int
stats_touch_petition(struct db *d, unsigned long long id)
{
	return db_exec(d, "INSERT IGNORE INTO stats_dirty (city, dept, month)"
	    " SELECT p.city, p.dept, p.received_month FROM petitions p WHERE p.id = ?",
	    "u", id) < 0 ? -1 : 0;
}

int
stats_touch_compensation(struct db *d, unsigned long long id)
{
	return db_exec(d, "INSERT IGNORE INTO stats_dirty (city, dept, month)"
	    " SELECT p.city, p.dept, p.received_month FROM compensation c"
	    " JOIN petitions p ON p.id = c.petition_id WHERE c.id = ?", "u", id) < 0 ? -1 : 0;
}

int
stats_touch_run(struct db *d, const char *booked_by)
{
	/* measures_booked_by and compensation_booked_by (schema/005); the
	 * run's petitions as a derived table joined by primary key (as
	 * "p.id IN (...)" MariaDB scanned every petition: 5 s at 1M) */
	return db_exec(d, "INSERT IGNORE INTO stats_dirty (city, dept, month)"
	    " SELECT DISTINCT p.city, p.dept, p.received_month FROM"
	    " (SELECT m.petition_id AS id FROM petition_measures m WHERE m.booked_by = ?"
	    " UNION SELECT c.petition_id FROM compensation c WHERE c.booked_by = ?) b"
	    " JOIN petitions p ON p.id = b.id", "ss",
	    booked_by, booked_by) < 0 ? -1 : 0;
}

/* The raw rows of one key, as a condition on petitions p (petitions_month). */
#define KEY_WHERE " WHERE p.city = ? AND p.dept = ? AND p.received_month = ?"

/* Per standard: the measures' results plus the compensations that name the
 * standard; '*': each petition's overall result plus all its compensations.
 * Definitions: schema/007_opendata.sql. One pass over the month's measures:
 * grouped by petition and standard WITH ROLLUP, a group with a standard is
 * one measure (its result), a petition's rollup row (sid NULL) its overall
 * result; a petition without measures gives a detail row with sid '' (left
 * out) and its rollup row (not applicable). One pass over its compensations,
 * each counted for its standard (k.n = 1) and for '*' (k.n = 2). The
 * grouping columns are named by alias: MariaDB's rollup leaves a grouped
 * expression non-NULL. */
static const char compliance_sql[] =
    "INSERT INTO stats_compliance (city, dept, month, standard_id, applicable,"
    " met, breached, pending, na, comp_count, comp_amount, paid_count, paid_amount)"
    " SELECT ?, ?, ?, x.std, SUM(x.app), SUM(x.met), SUM(x.br), SUM(x.pe),"
    " SUM(x.na), SUM(x.cc), SUM(x.ca), SUM(x.pc), SUM(x.pa) FROM ("
    "  SELECT IFNULL(g.sid, '*') AS std, 1 AS app,"
    "  IF(g.sid IS NULL, g.b = 0 AND g.pe = 0 AND g.me > 0, g.me > 0) AS met,"
    "  g.b > 0 AS br, IF(g.sid IS NULL, g.b = 0 AND g.pe > 0, g.pe > 0) AS pe,"
    "  IF(g.sid IS NULL, NOT (g.b > 0 OR g.pe > 0 OR g.me > 0), g.na > 0) AS na,"
    "  0 AS cc, 0 AS ca, 0 AS pc, 0 AS pa"
    "  FROM (SELECT p.id AS pid, COALESCE(m.standard_id, '') AS sid,"
    "  COALESCE(SUM(m.status = 'breached'), 0) AS b,"
    "  COALESCE(SUM(m.status = 'pending'), 0) AS pe,"
    "  COALESCE(SUM(m.status = 'met'), 0) AS me,"
    "  COALESCE(SUM(m.status = 'na'), 0) AS na"
    "  FROM petitions p FORCE INDEX (petitions_month)"
    "  LEFT JOIN petition_measures m ON m.petition_id = p.id" KEY_WHERE
    "  GROUP BY pid, sid WITH ROLLUP) g"
    "  WHERE g.pid IS NOT NULL AND (g.sid IS NULL OR g.sid <> '')"
    " UNION ALL"
    "  SELECT IF(k.n = 1, c.standard_id, '*'), 0, 0, 0, 0, 0, 1, c.amount,"
    "  c.state = 'paid', IF(c.state = 'paid', c.amount, 0)"
    "  FROM petitions p FORCE INDEX (petitions_month)"
    "  JOIN compensation c ON c.petition_id = p.id"
    "  JOIN (SELECT 1 AS n UNION ALL SELECT 2) k"
    "  ON k.n = 2 OR c.standard_id IS NOT NULL" KEY_WHERE
    " ) x GROUP BY x.std";

/* Whole hours from receipt to answer, at least 0. */
static const char hours_sql[] =
    "INSERT INTO stats_answer_hours (city, dept, month, hours, n)"
    " SELECT ?, ?, ?, h.hours, COUNT(*) FROM (SELECT"
    " GREATEST(0, TIMESTAMPDIFF(SECOND, p.received_at, p.answered_at) DIV 3600) AS hours"
    " FROM petitions p FORCE INDEX (petitions_month)" KEY_WHERE
    " AND p.answered_at IS NOT NULL) h GROUP BY h.hours";

static const char feedback_sql[] =
    "INSERT INTO stats_feedback (city, dept, month, responses, score_sum,"
    " s1, s2, s3, s4, s5, kept_yes, kept_no)"
    " SELECT ?, ?, ?, COUNT(*), SUM(f.score), SUM(f.score = 1), SUM(f.score = 2),"
    " SUM(f.score = 3), SUM(f.score = 4), SUM(f.score = 5),"
    " SUM(f.promise_kept <=> 1), SUM(f.promise_kept <=> 0)"
    " FROM petitions p FORCE INDEX (petitions_month)"
    " JOIN petition_feedback f ON f.petition_id = p.id" KEY_WHERE
    " GROUP BY p.city, p.dept, p.received_month";

/* Replaces the summary rows of k with figures from the raw rows; the
 * caller holds the transaction. */
static int
recompute(struct db *d, const struct skey *k)
{
	const char *c = k->city, *de = k->dept, *m = k->month;

	if (db_exec(d, "DELETE FROM stats_compliance WHERE city = ? AND dept = ?"
	    " AND month = ?", "sss", c, de, m) < 0 ||
	    db_exec(d, "DELETE FROM stats_answer_hours WHERE city = ? AND dept = ?"
	    " AND month = ?", "sss", c, de, m) < 0 ||
	    db_exec(d, "DELETE FROM stats_feedback WHERE city = ? AND dept = ?"
	    " AND month = ?", "sss", c, de, m) < 0)
		return -1;
	if (db_exec(d, compliance_sql, "sssssssss", c, de, m, c, de, m,
	    c, de, m) < 0 ||
	    db_exec(d, hours_sql, "ssssss", c, de, m, c, de, m) < 0 ||
	    db_exec(d, feedback_sql, "ssssss", c, de, m, c, de, m) < 0)
		return -1;
	return 0;
}

/* The advisory lock that keeps two refreshers off the same key; wait in
 * seconds. 1 taken, 0 busy, -1 error. Names longer than 64 characters
 * (MySQL's limit) are hashed. */
static int
key_lock(struct db *d, const struct skey *k, long long wait)
{
	struct db_res r;
	int	 rc;

	if (db_query(d, &r, "SELECT GET_LOCK(IF(CHAR_LENGTH(n.v) <= 64, n.v,"
	    " CONCAT('charter-stats:', MD5(n.v))), ?) FROM (SELECT"
	    " CONCAT('charter-stats:', ?, '/', ?, '/', ?) AS v) n", "isss",
	    wait, k->city, k->dept, k->month) != 1)
		return -1;
	rc = db_cell(&r, 0, 0) && !strcmp(db_cell(&r, 0, 0), "1");
	db_res_free(&r);
	return rc;
}

static void
key_unlock(struct db *d, const struct skey *k)
{
	struct db_res r;

	if (db_query(d, &r, "SELECT RELEASE_LOCK(IF(CHAR_LENGTH(n.v) <= 64, n.v,"
	    " CONCAT('charter-stats:', MD5(n.v)))) FROM (SELECT"
	    " CONCAT('charter-stats:', ?, '/', ?, '/', ?) AS v) n", "sss",
	    k->city, k->dept, k->month) >= 0)
		db_res_free(&r);
}

/* One key (schema/008): its marks are claimed first, in a statement of
 * their own, which waits for the changes that made them to commit; the
 * recomputation and the removal of the claimed marks then make one
 * transaction. READ COMMITTED: INSERT ... SELECT reads the raw rows without
 * locking them, and a change marking the month meanwhile makes a new
 * unclaimed mark, so intake and events never wait for a refresh; a mark
 * made after the claim stays for the next refresh, and so does a claimed
 * one if this refresh fails. With dirty_only, a key without marks (another
 * refresher did it) is left alone. 1 recomputed, 0 skipped, -1 error. */
static int
refresh_key(struct db *d, const struct skey *k, int dirty_only, long long wait)
{
	struct db_res r;
	int	 rc, have;

	if ((rc = key_lock(d, k, wait)) != 1)
		return rc;
	if (db_exec(d, "UPDATE stats_dirty SET claimed = UUID_SHORT() WHERE city = ?"
	    " AND dept = ? AND month = ? AND claimed = 0", "sss", k->city, k->dept,
	    k->month) < 0 ||
	    db_query(d, &r, "SELECT COUNT(*) FROM stats_dirty WHERE city = ? AND dept = ?"
	    " AND month = ?", "sss", k->city, k->dept, k->month) != 1)
		goto err;
	have = cell_u(&r, 0, 0) > 0;
	db_res_free(&r);
	if (!have && dirty_only) {
		key_unlock(d, k);
		return 0;
	}
	if (db_raw(d, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") == -1 ||
	    db_begin(d) == -1)
		goto err;
	if (recompute(d, k) == -1 ||
	    db_exec(d, "DELETE FROM stats_dirty WHERE city = ? AND dept = ?"
	    " AND month = ? AND claimed <> 0", "sss", k->city, k->dept, k->month) < 0)
		goto rollback;
	if (db_commit(d) == -1)
		goto err;
	key_unlock(d, k);
	return 1;
rollback:
	db_rollback(d);
err:
	log_warn(NULL, "stats: %s/%s %s not recomputed: %s", k->city, k->dept,
	    k->month, db_error(d));
	key_unlock(d, k);
	return -1;
}

/* Recomputes every key of the result rows (city, dept, month). */
static long
refresh_list(struct db *d, const struct db_res *keys, int dirty_only, long long wait)
{
	long	 n = 0;
	unsigned i;
	int	 rc;

	for (i = 0; i < keys->nrows; i++) {
		struct skey k = { db_cell(keys, i, 0), db_cell(keys, i, 1),
		    db_cell(keys, i, 2) };

		if (!k.city || !k.dept || !k.month)
			continue;
		rc = refresh_key(d, &k, dirty_only, wait);
		if (rc == -1 && (db_errno(d) == 1213 || db_errno(d) == 1205))
			continue;	/* deadlock, lock wait: the mark stays */
		if (rc == -1)
			return -1;
		n += rc;
	}
	return n;
}

long
stats_refresh(struct db *d, long max)
{
	struct db_res keys;
	long	 n;

	if (db_query(d, &keys, "SELECT DISTINCT city, dept, month FROM stats_dirty"
	    " ORDER BY month, city, dept LIMIT ?", "u",
	    max > 0 ? (unsigned long long)max : 18446744073709551615ULL) < 0)
		return -1;
	n = refresh_list(d, &keys, 1, 0);
	db_res_free(&keys);
	return n;
}

long
stats_refresh_small(struct db *d, long max, unsigned long long max_petitions)
{
	struct db_res keys;
	long	 n;

	/* a count over the petitions_month index: cheap next to a recompute */
	if (db_query(d, &keys, "SELECT DISTINCT s.city, s.dept, s.month FROM stats_dirty s"
	    " WHERE (SELECT COUNT(*) FROM petitions p WHERE p.city = s.city"
	    " AND p.dept = s.dept AND p.received_month = s.month) <= ?"
	    " ORDER BY s.month, s.city, s.dept LIMIT ?", "uu", max_petitions,
	    max > 0 ? (unsigned long long)max : 18446744073709551615ULL) < 0)
		return -1;
	n = refresh_list(d, &keys, 1, 0);
	db_res_free(&keys);
	return n;
}

static int
rebuild_votes(struct db *d)
{
	if (db_begin(d) == -1)
		return -1;
	if (db_exec(d, "DELETE FROM stats_votes", "") < 0 ||
	    db_exec(d, "INSERT INTO stats_votes (page, month, votes, score_sum,"
	    " s1, s2, s3, s4, s5) SELECT v.page,"
	    " DATE_FORMAT(v.created_at + INTERVAL 9 HOUR, '%Y-%m-01') AS vm,"
	    " COUNT(*), SUM(v.score), SUM(v.score = 1), SUM(v.score = 2),"
	    " SUM(v.score = 3), SUM(v.score = 4), SUM(v.score = 5)"
	    " FROM survey_votes v GROUP BY v.page, vm", "") < 0) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d);
}

long
stats_rebuild(struct db *d)
{
	struct db_res keys;
	long	 n;

	if (db_exec(d, "DELETE FROM stats_compliance", "") < 0 ||
	    db_exec(d, "DELETE FROM stats_answer_hours", "") < 0 ||
	    db_exec(d, "DELETE FROM stats_feedback", "") < 0)
		return -1;
	/* every month with petitions, and marked ones whose petitions are gone */
	if (db_query(d, &keys, "SELECT city, dept, received_month FROM petitions"
	    " UNION SELECT city, dept, month FROM stats_dirty"
	    " ORDER BY 3, 1, 2", "") < 0)
		return -1;
	n = refresh_list(d, &keys, 0, 60);
	db_res_free(&keys);
	if (n >= 0 && rebuild_votes(d) == -1)
		return -1;
	return n;
}

/* --- readers --- */

/* The period of a month column as (year, first month of the period). */
#define PERIOD_COLS(col) \
	" YEAR(" col ") AS py, CASE ? WHEN 0 THEN MONTH(" col ")" \
	" WHEN 1 THEN (QUARTER(" col ") - 1) * 3 + 1 ELSE 1 END AS pm"

#define FILTER_WHERE(col) \
	" WHERE (? = '' OR city = ?) AND (? = '' OR dept = ?)" \
	" AND (? = '' OR " col " >= ?) AND (? = '' OR " col " < ?)"

/* The filter's bounds as "YYYY-MM-01" (to: the month after), "" if open. */
static void
bounds(const struct stats_filter *f, char from[32], char to[32])
{
	unsigned m;
	int	 y;

	from[0] = to[0] = '\0';
	if (f->from_y > 0)
		snprintf(from, 32, "%04d-%02u-01", f->from_y,
		    f->from_m >= 1 && f->from_m <= 12 ? f->from_m : 1);
	if (f->to_y > 0) {
		m = f->to_m >= 1 && f->to_m <= 12 ? f->to_m : 12;
		y = f->to_y;
		if (++m > 12) {
			m = 1;
			y++;
		}
		snprintf(to, 32, "%04d-%02u-01", y, m);
	}
}

static void
row_period(const struct stats_filter *f, const struct db_res *r, unsigned i,
    unsigned col, int *y, unsigned *m, char period[16])
{
	*y = (int)cell_u(r, i, col);
	*m = (unsigned)cell_u(r, i, col + 1);
	stats_period_label(f->period, *y, *m, period);
}

#define FILTER_ARGS(f, from, to) nz((f)->city), nz((f)->city), nz((f)->dept), \
	nz((f)->dept), from, from, to, to

/* Hours rows come per month (city, dept, month, hours, n), in primary-key
 * order, so no sort is needed in SQL; the months of a period are folded
 * here. Is hours row j in compliance row i's (city, dept) and period? */
static int
same_group(const struct stats_filter *f, const struct stats_row *row,
    const struct db_res *h, unsigned j)
{
	const char *mo;
	int	 y = 0, fy, ny;
	unsigned m = 1, fm, nm;

	if (j >= h->nrows || strcmp(row->city, nz(db_cell(h, j, 0))) != 0 ||
	    strcmp(row->dept, nz(db_cell(h, j, 1))) != 0)
		return 0;
	if ((mo = db_cell(h, j, 2)) == NULL || sscanf(mo, "%d-%u", &y, &m) != 2)
		return 0;
	stats_period_bounds(f->period, y, m, &fy, &fm, &ny, &nm);
	return fy == row->y && fm == row->m;
}

static int
bin_cmp(const void *a, const void *b)
{
	unsigned x = ((const struct stats_bin *)a)->hours, y = ((const struct stats_bin *)b)->hours;

	return (x > y) - (x < y);
}

/* Median and p90 of the bins of row's group, consuming them from h; hours
 * rows of (city, dept) before the group (months with answers but no
 * compliance row cannot occur: both come from the same petitions) are
 * skipped. */
static void
answer_figures(const struct stats_filter *f, const struct db_res *h,
    unsigned *j, struct stats_bin *bins, struct stats_row *row)
{
	size_t	 nb = 0;

	while (same_group(f, row, h, *j)) {
		bins[nb].hours = (unsigned)cell_u(h, *j, 3);
		bins[nb].n = cell_u(h, *j, 4);
		row->answered += bins[nb].n;
		nb++;
		(*j)++;
	}
	if (nb > 1)
		qsort(bins, nb, sizeof(*bins), bin_cmp);
	row->median_hours = stats_percentile(bins, nb, 50);
	row->p90_hours = stats_percentile(bins, nb, 90);
}

static void
fill_row(const struct stats_filter *f, const struct db_res *c, unsigned i,
    struct stats_row *row)
{
	memset(row, 0, sizeof(*row));
	copy(row->city, sizeof(row->city), db_cell(c, i, 0));
	copy(row->dept, sizeof(row->dept), db_cell(c, i, 1));
	row_period(f, c, i, 2, &row->y, &row->m, row->period);
	copy(row->standard, sizeof(row->standard), db_cell(c, i, 4));
	row->applicable = cell_u(c, i, 5);
	row->met = cell_u(c, i, 6);
	row->breached = cell_u(c, i, 7);
	row->pending = cell_u(c, i, 8);
	row->na = cell_u(c, i, 9);
	row->comp_count = cell_u(c, i, 10);
	row->comp_amount = cell_u(c, i, 11);
	row->paid_count = cell_u(c, i, 12);
	row->paid_amount = cell_u(c, i, 13);
	row->evaluated = row->met + row->breached;
	row->rate_tenths = stats_rate_tenths(row->met, row->evaluated);
	row->median_hours = row->p90_hours = -1;
}

int
stats_compliance(struct db *d, const struct stats_filter *f,
    int (*each)(void *, const struct stats_row *), void *arg)
{
	struct db_res	 c, h;
	struct stats_bin *bins = NULL;
	struct stats_row row;
	char		 from[32], to[32];
	unsigned	 i, j = 0;
	int		 rc = 0;

	bounds(f, from, to);
	if (db_query(d, &c, "SELECT city, dept," PERIOD_COLS("month") ", standard_id,"
	    " SUM(applicable), SUM(met), SUM(breached), SUM(pending), SUM(na),"
	    " SUM(comp_count), SUM(comp_amount), SUM(paid_count), SUM(paid_amount)"
	    " FROM stats_compliance" FILTER_WHERE("month")
	    " AND (? <> 0 OR standard_id = '*')"
	    " GROUP BY city, dept, py, pm, standard_id"
	    " ORDER BY city, dept, py, pm, standard_id <> '*', standard_id",
	    "issssssssi", (long long)f->period, FILTER_ARGS(f, from, to),
	    (long long)f->per_standard) < 0)
		return -1;
	if (db_query(d, &h, "SELECT city, dept, month, hours, n"
	    " FROM stats_answer_hours" FILTER_WHERE("month")
	    " ORDER BY city, dept, month, hours",
	    "ssssssss", FILTER_ARGS(f, from, to)) < 0) {
		db_res_free(&c);
		return -1;
	}
	if (h.nrows && (bins = calloc(h.nrows, sizeof(*bins))) == NULL)
		rc = -1;
	for (i = 0; rc == 0 && i < c.nrows; i++) {
		fill_row(f, &c, i, &row);
		if (!strcmp(row.standard, "*"))
			answer_figures(f, &h, &j, bins, &row);
		rc = each(arg, &row);
	}
	free(bins);
	db_res_free(&h);
	db_res_free(&c);
	return rc;
}

int
stats_feedback(struct db *d, const struct stats_filter *f,
    int (*each)(void *, const struct stats_feedback_row *), void *arg)
{
	struct db_res	 r;
	struct stats_feedback_row row;
	char		 from[32], to[32];
	unsigned	 i, k;
	int		 rc = 0;

	bounds(f, from, to);
	if (db_query(d, &r, "SELECT city, dept," PERIOD_COLS("month") ","
	    " SUM(responses), SUM(score_sum), SUM(s1), SUM(s2), SUM(s3), SUM(s4),"
	    " SUM(s5), SUM(kept_yes), SUM(kept_no)"
	    " FROM stats_feedback" FILTER_WHERE("month")
	    " GROUP BY city, dept, py, pm ORDER BY city, dept, py, pm",
	    "issssssss", (long long)f->period, FILTER_ARGS(f, from, to)) < 0)
		return -1;
	for (i = 0; rc == 0 && i < r.nrows; i++) {
		memset(&row, 0, sizeof(row));
		copy(row.city, sizeof(row.city), db_cell(&r, i, 0));
		copy(row.dept, sizeof(row.dept), db_cell(&r, i, 1));
		row_period(f, &r, i, 2, &row.y, &row.m, row.period);
		row.responses = cell_u(&r, i, 4);
		row.score_sum = cell_u(&r, i, 5);
		for (k = 0; k < 5; k++)
			row.s[k] = cell_u(&r, i, 6 + k);
		row.kept_yes = cell_u(&r, i, 11);
		row.kept_no = cell_u(&r, i, 12);
		rc = each(arg, &row);
	}
	db_res_free(&r);
	return rc;
}

int
stats_votes(struct db *d, const struct stats_filter *f,
    int (*each)(void *, const struct stats_votes_row *), void *arg)
{
	struct db_res	 r;
	struct stats_votes_row row;
	char		 from[32], to[32];
	unsigned	 i, k;
	int		 rc = 0;

	bounds(f, from, to);
	if (db_query(d, &r, "SELECT page," PERIOD_COLS("month") ","
	    " SUM(votes), SUM(score_sum), SUM(s1), SUM(s2), SUM(s3), SUM(s4), SUM(s5)"
	    " FROM stats_votes WHERE (? = '' OR month >= ?) AND (? = '' OR month < ?)"
	    " GROUP BY page, py, pm ORDER BY page, py, pm",
	    "issss", (long long)f->period, from, from, to, to) < 0)
		return -1;
	for (i = 0; rc == 0 && i < r.nrows; i++) {
		memset(&row, 0, sizeof(row));
		copy(row.page, sizeof(row.page), db_cell(&r, i, 0));
		row_period(f, &r, i, 1, &row.y, &row.m, row.period);
		row.votes = cell_u(&r, i, 3);
		row.score_sum = cell_u(&r, i, 4);
		for (k = 0; k < 5; k++)
			row.s[k] = cell_u(&r, i, 5 + k);
		rc = each(arg, &row);
	}
	db_res_free(&r);
	return rc;
}
