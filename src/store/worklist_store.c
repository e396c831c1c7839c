/* worklist_store: the worklist's and the ledger's reads. Each filter is a
 * parameter whose "unset" value makes its condition constant-true, so one
 * prepared statement serves every combination; MariaDB optimises each
 * execution with the values bound, so a set department filter still reads
 * the range of petitions_worklist (city, dept, next_due) only. */
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "worklist_store.h"

#define WL_WHERE \
	" WHERE (? = '' OR (p.city = ? AND p.dept = ?))" \
	" AND (? = '' OR p.state = ?)" \
	" AND (? = 0 OR p.state NOT IN ('answered', 'closed', 'withdrawn'))" \
	" AND (? = 0 OR p.next_due < FROM_UNIXTIME(?))" \
	" AND (? < 0 OR p.breached = ?)"

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* The worklist's filter as the values WL_WHERE binds. */
#define WL_ARGS(f, open) nz((f)->city), nz((f)->city), nz((f)->dept), \
	(open) ? "" : nz((f)->state), (open) ? "" : nz((f)->state), \
	(long long)(open), (long long)(f)->due_before, (long long)(f)->due_before, \
	(long long)(f)->breached, (long long)(f)->breached

long long
wl_petitions(struct db *d, const struct wl_filter *f, struct db_res *res,
    unsigned long long *total)
{
	struct db_res c;
	int	 open = f->state && !strcmp(f->state, "open");
	unsigned long long off = (unsigned long long)(f->page - 1) * f->per_page;

	if (db_query(d, &c, "SELECT COUNT(*) FROM petitions p" WL_WHERE,
	    "sssssiiiii", WL_ARGS(f, open)) < 0)
		return -1;
	*total = strtoull(db_cell(&c, 0, 0) ? db_cell(&c, 0, 0) : "0", NULL, 10);
	db_res_free(&c);
	return db_query(d, res, "SELECT p.receipt_no, p.city, p.dept, p.kind, p.channel,"
	    " UNIX_TIMESTAMP(p.received_at), p.state, UNIX_TIMESTAMP(p.next_due),"
	    " p.breached, p.officer_name, p.supplemented, p.extended,"
	    " UNIX_TIMESTAMP(p.statutory_due)"
	    " FROM petitions p" WL_WHERE
	    " ORDER BY p.due_key, p.id"	/* schema/006: next_due, NULLs last */
	    " LIMIT ? OFFSET ?", "sssssiiiiiuu", WL_ARGS(f, open),
	    (unsigned long long)f->per_page, off);
}

long long
wl_upheld(struct db *d, const char *city, const char *dept, struct db_res *res)
{
	/* events_officer (type, officer) finds the reports; at most 1000 groups */
	return db_query(d, res, "SELECT p.city, p.dept, e.officer, COUNT(*) AS n"
	    " FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
	    " WHERE e.type = 'dissatisfaction' AND e.upheld = 1"
	    " AND e.officer IS NOT NULL AND e.officer <> ''"
	    " AND (? = '' OR (p.city = ? AND p.dept = ?))"
	    " GROUP BY p.city, p.dept, e.officer"
	    " ORDER BY n DESC, p.city, p.dept, e.officer LIMIT 1000",
	    "sss", nz(city), nz(city), nz(dept));
}

#define LEDGER_COLS \
	"SELECT c.id, p.receipt_no, p.city, p.dept, c.rule_id, c.rule_origin," \
	" c.trigger_name, c.standard_id, c.amount, c.currency, c.form, c.state," \
	" UNIX_TIMESTAMP(c.arose_at), UNIX_TIMESTAMP(c.booked_at), c.booked_by," \
	" UNIX_TIMESTAMP(c.notified_at), UNIX_TIMESTAMP(c.paid_at)," \
	" v.version_no, v.label" \
	" FROM compensation c JOIN petitions p ON p.id = c.petition_id" \
	" JOIN charter_versions v ON v.id = c.charter_version_id"

#define LEDGER_WHERE \
	" WHERE (? = '' OR c.state = ?)" \
	" AND (? = '' OR (p.city = ? AND p.dept = ?))" \
	" AND (? = 0 OR c.booked_at >= FROM_UNIXTIME(?))" \
	" AND (? = 0 OR c.booked_at < FROM_UNIXTIME(?))"

#define LEDGER_ARGS(f) nz((f)->state), nz((f)->state), nz((f)->city), \
	nz((f)->city), nz((f)->dept), (long long)(f)->from, (long long)(f)->from, \
	(long long)(f)->to, (long long)(f)->to

long long
ledger_entries(struct db *d, const struct ledger_filter *f, struct db_res *res)
{
	unsigned long long off = (unsigned long long)(f->page - 1) * f->per_page;

	return db_query(d, res, LEDGER_COLS LEDGER_WHERE
	    " ORDER BY c.booked_at DESC, c.id DESC LIMIT ? OFFSET ?", "sssssiiiiuu",
	    LEDGER_ARGS(f), (unsigned long long)f->per_page, off);
}

long long
ledger_entry(struct db *d, unsigned long long id, struct db_res *res)
{
	return db_query(d, res, LEDGER_COLS " WHERE c.id = ?", "u", id);
}

long long
ledger_totals(struct db *d, const struct ledger_filter *f, struct db_res *res)
{
	return db_query(d, res, "SELECT c.state, c.currency, COUNT(*), SUM(c.amount)"
	    " FROM compensation c JOIN petitions p ON p.id = c.petition_id" LEDGER_WHERE
	    " GROUP BY c.state, c.currency ORDER BY c.state, c.currency", "sssssiiii",
	    LEDGER_ARGS(f));
}

long long
ledger_log(struct db *d, unsigned long long id, struct db_res *res)
{
	return db_query(d, res, "SELECT state, UNIX_TIMESTAMP(at), by_whom, note"
	    " FROM compensation_log WHERE compensation_id = ? ORDER BY at, id", "u", id);
}
