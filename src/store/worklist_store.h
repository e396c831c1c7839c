/* worklist_store: the reads behind the officers' worklist and the
 * compensation ledger pages — petitions by nearest deadline (never the
 * applicant's personal data), upheld dissatisfaction reports per officer,
 * ledger entries and their totals per state. Results are db_res rows with
 * the columns named by the enums below; times are epoch seconds (UTC). */
#ifndef CHARTER_WORKLIST_STORE_H
#define CHARTER_WORKLIST_STORE_H
#include <time.h>

struct db;
struct db_res;

struct wl_filter {
	const char	*city, *dept;	/* both or neither (NULL: every department) */
	const char	*state;		/* a lifecycle state name, "open", or NULL */
	time_t		 due_before;	/* 0: none */
	int		 breached;	/* -1 any, 0 no, 1 yes */
	unsigned	 page, per_page;	/* page from 1 */
};

enum wl_col { WL_RECEIPT, WL_CITY, WL_DEPT, WL_KIND, WL_CHANNEL, WL_RECEIVED,
	WL_STATE, WL_NEXT_DUE, WL_BREACHED, WL_OFFICER, WL_SUPPLEMENTED,
	WL_EXTENDED, WL_STAT_DUE, WL__N };

/* One page of petitions, sorted by next_due (NULLs last), then receipt;
 * *total: how many match. Row count, or -1. */
long long wl_petitions(struct db *, const struct wl_filter *, struct db_res *,
	    unsigned long long *total);

enum wl_upheld_col { WU_CITY, WU_DEPT, WU_OFFICER, WU_COUNT, WU__N };

/* Upheld dissatisfaction reports per department and officer (of city/dept
 * only, when not NULL), most first. Row count, or -1. */
long long wl_upheld(struct db *, const char *city, const char *dept, struct db_res *);

struct ledger_filter {
	const char	*state;		/* owed, notified, paid, or NULL */
	const char	*city, *dept;	/* both or neither */
	time_t		 from, to;	/* booked_at in [from, to); 0: open */
	unsigned	 page, per_page;
};

enum ledger_col { LC_ID, LC_RECEIPT, LC_CITY, LC_DEPT, LC_RULE, LC_ORIGIN,
	LC_TRIGGER, LC_STANDARD, LC_AMOUNT, LC_CURRENCY, LC_FORM, LC_STATE,
	LC_AROSE, LC_BOOKED, LC_BOOKED_BY, LC_NOTIFIED, LC_PAID, LC_VERSION_NO,
	LC_VERSION_LABEL, LC__N };

/* The ledger entries matching f, newest booked first. Row count, or -1. */
long long ledger_entries(struct db *, const struct ledger_filter *, struct db_res *);
/* One entry (the same columns). Row count (0 or 1), or -1. */
long long ledger_entry(struct db *, unsigned long long id, struct db_res *);

enum ledger_total_col { LT_STATE, LT_CURRENCY, LT_COUNT, LT_AMOUNT, LT__N };
/* Totals per state and currency of the entries matching f (pages aside). */
long long ledger_totals(struct db *, const struct ledger_filter *, struct db_res *);

/* The log of entry id, oldest first: state, at (epoch), by_whom, note. */
long long ledger_log(struct db *, unsigned long long id, struct db_res *);

#endif
