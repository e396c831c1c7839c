/* dataset_store: fixed statements; an absent city or dept filter is a NULL
 * parameter ("? IS NULL OR ..."), which MariaDB folds away when it plans
 * the execution, so the (city, dept, received_at) index still serves. */
#include <stddef.h>
#include <stdlib.h>
#include "db.h"
#include "dataset_store.h"

#define KST(col) "DATE_FORMAT(" col " + INTERVAL 9 HOUR, '%Y-%m-%dT%H:%i:%s+09:00')"

/* Many rows are read fastest in the table's own order (a sequential scan of
 * the clustered index); a few through an index, whose random lookups cost
 * more per row. The count, over the (city, dept, received_at) index, decides. */
#define DSTORE_SCAN_ABOVE	20000ULL

#define PETITION_COLS \
	"SELECT p.receipt_no, p.city, p.dept, p.kind, p.channel," \
	" " KST("p.received_at") ", " KST("p.statutory_due") "," \
	" " KST("p.next_due") ", " KST("p.answered_at") ", " KST("p.closed_at") "," \
	" p.state," \
	" CASE WHEN p.breached THEN 'breached'" \
	"  WHEN p.answered_at IS NOT NULL THEN 'met'" \
	"  WHEN p.state = 'withdrawn' THEN 'na' ELSE 'pending' END," \
	" p.extended, p.supplemented"
#define PETITION_WHERE \
	" WHERE (? IS NULL OR p.city = ?) AND (? IS NULL OR p.dept = ?)" \
	" AND p.received_at >= ? AND p.received_at < ?"

int
dstore_petitions(struct db *d, const struct dstore_filter *f, db_row_fn each, void *arg)
{
	struct db_res r;
	unsigned long long n;

	if (db_query(d, &r, "SELECT COUNT(*) FROM petitions p" PETITION_WHERE,
	    "ssssss", f->city, f->city, f->dept, f->dept, f->from_utc, f->to_utc) < 0)
		return -1;
	n = r.nrows && db_cell(&r, 0, 0) ? strtoull(db_cell(&r, 0, 0), NULL, 10) : 0;
	db_res_free(&r);
	if (n > DSTORE_SCAN_ABOVE)
		return db_query_each(d, each, arg,
		    PETITION_COLS " FROM petitions p FORCE INDEX (PRIMARY)" PETITION_WHERE
		    " ORDER BY p.id",
		    "ssssss", f->city, f->city, f->dept, f->dept, f->from_utc, f->to_utc);
	return db_query_each(d, each, arg,
	    PETITION_COLS " FROM petitions p" PETITION_WHERE " ORDER BY p.id",
	    "ssssss", f->city, f->city, f->dept, f->dept, f->from_utc, f->to_utc);
}

int
dstore_compensation(struct db *d, const struct dstore_filter *f, db_row_fn each, void *arg)
{
	return db_query_each(d, each, arg,
	    "SELECT p.city, p.dept, DATE_FORMAT(p.received_month, '%Y-%m'),"
	    " c.rule_id, c.form, c.state, c.currency, COUNT(*), SUM(c.amount)"
	    " FROM compensation c JOIN petitions p ON p.id = c.petition_id"
	    " WHERE (? IS NULL OR p.city = ?) AND (? IS NULL OR p.dept = ?)"
	    " AND p.received_at >= ? AND p.received_at < ?"
	    " GROUP BY p.city, p.dept, p.received_month, c.rule_id, c.form, c.state, c.currency"
	    " ORDER BY p.city, p.dept, p.received_month, c.rule_id, c.form, c.state, c.currency",
	    "ssssss", f->city, f->city, f->dept, f->dept, f->from_utc, f->to_utc);
}

int
dstore_surveys(struct db *d, const struct dstore_filter *f, db_row_fn each, void *arg)
{
	return db_query_each(d, each, arg,
	    "SELECT city, dept, year, kind, respondents, score FROM survey_results"
	    " WHERE (? IS NULL OR city = ?) AND (? IS NULL OR dept = ?)"
	    " AND year >= ? AND year <= ?"
	    " ORDER BY city, dept, year, kind",
	    "ssssii", f->city, f->city, f->dept, f->dept,
	    (long long)f->from_year, (long long)f->to_year);
}
