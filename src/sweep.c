/* sweep: the periodic run of the standards engine (charterctl sweep). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include "domain/calendar.h"
#include "domain/duty.h"
#include "domain/engine.h"
#include "domain/feed.h"
#include "domain/instant.h"
#include "domain/token.h"
#include "store/charter_store.h"
#include "store/db.h"
#include "store/engine_store.h"
#include "store/ledger.h"
#include "store/stats_store.h"
#include "sweep.h"
#include "util/clock.h"
#include "util/conf.h"
#include "util/log.h"
#include "util/timefmt.h"

#define BREACH_BATCH	2000	/* due results booked per batch (its own transaction) */
#define LIST_BATCH	100000	/* due results listed at once (the LIMIT of its query) */
#define DENSE_SPAN	16	/* petitions per due result under which a range is scanned */
#define PURGE_BATCH	10000
#define DUTY_MAX	256	/* periods judged per call of duty_periods */
#define RETRIES		5	/* on a deadlock or a lock wait timeout */
#define THROTTLE_SECS	600	/* access failures older than this are stale */

struct sweep {
	struct db	*d;
	const struct conf *c;
	struct calendar	 cal;
	struct rules_cache *rc;
	struct estore	*es;
	char		 id[65];	/* booked_by of this run */
	time_t		 now;
	struct sweep_counts n;
	char		*err;
	size_t		 errlen;
};

static int
fail(struct sweep *s, const char *what)
{
	snprintf(s->err, s->errlen, "%s: %s", what, db_error(s->d));
	return -1;
}

/* 1 when the last failure is worth a retry (deadlock, lock wait timeout). */
static int
retryable(struct sweep *s)
{
	unsigned e = db_errno(s->d);

	return e == 1213 || e == 1205;
}

static long long
num(const struct db_res *r, unsigned row, unsigned col)
{
	const char *v = db_cell(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

static void
run_id(char out[65])
{
	char	 host[256] = "localhost";
	unsigned rnd = 0;

	gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	if (getrandom(&rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		rnd = (unsigned)clock_mono_ms() ^ ((unsigned)getpid() << 16);
	snprintf(out, 65, "sweep:%.30s:%ld:%08x", host, (long)getpid(), rnd);
}

/* ---- engine_state ------------------------------------------------------ */

/* The value of a state row into out ("" when absent). 0, or -1. */
static int
state_get(struct sweep *s, const char *name, char *out, size_t outlen)
{
	struct db_res r;

	out[0] = '\0';
	if (db_query(s->d, &r, "SELECT value FROM engine_state WHERE name = ?", "s", name) < 0)
		return fail(s, "engine_state");
	if (r.nrows && db_cell(&r, 0, 0))
		snprintf(out, outlen, "%s", db_cell(&r, 0, 0));
	db_res_free(&r);
	return 0;
}

static int
state_put(struct sweep *s, const char *name, const char *value)
{
	if (db_exec(s->d, "INSERT INTO engine_state (name, value, updated_at) VALUES (?, ?,"
	    " " DB_US ") ON DUPLICATE KEY UPDATE value = VALUES(value),"
	    " updated_at = VALUES(updated_at)", "ssi", name, value, clock_now_us()) < 0)
		return fail(s, "engine_state");
	return 0;
}

/* An instant kept as decimal seconds: only ever moves forward, so that two
 * sweeps (or one with an earlier --now) never move it back. */
static int
state_advance(struct sweep *s, const char *name, time_t t)
{
	char	 v[32];

	snprintf(v, sizeof(v), "%lld", (long long)t);
	if (db_exec(s->d, "INSERT INTO engine_state (name, value, updated_at) VALUES (?, ?,"
	    " " DB_US ") ON DUPLICATE KEY UPDATE value = IF(CAST(value AS SIGNED) <"
	    " CAST(VALUES(value) AS SIGNED), VALUES(value), value), updated_at ="
	    " VALUES(updated_at)", "ssi", name, v, clock_now_us()) < 0)
		return fail(s, "engine_state");
	return 0;
}

/* ---- 1. re-dating when the calendar changed ------------------------------ */

/* The pending dues of the petitions in [lo, hi], by petition and standard. */
static int
dues_load(struct sweep *s, unsigned long long lo, unsigned long long hi, struct db_res *r)
{
	if (db_query(s->d, r, "SELECT petition_id, standard_id, UNIX_TIMESTAMP(due)"
	    " FROM petition_measures WHERE petition_id BETWEEN ? AND ? AND status = 'pending'"
	    " ORDER BY petition_id, standard_id", "uu", lo, hi) < 0)
		return fail(s, "reading dues");
	return 0;
}

/* How many results that had a due instant before now have another one. */
static long long
dues_moved(const struct db_res *a, const struct db_res *b)
{
	unsigned i = 0, j = 0;
	long long n = 0;
	int	 c;

	while (i < a->nrows && j < b->nrows) {
		c = (num(a, i, 0) > num(b, j, 0)) - (num(a, i, 0) < num(b, j, 0));
		if (c == 0)
			c = strcmp(db_cell(a, i, 1), db_cell(b, j, 1));
		if (c < 0)
			i++;
		else if (c > 0)
			j++;
		else {
			if (db_cell(a, i, 2) && db_cell(b, j, 2) &&
			    num(a, i, 2) != num(b, j, 2))
				n++;
			i++;
			j++;
		}
	}
	return n;
}

/* Re-evaluates the petitions a query lists (ids, ascending, after the id
 * given as its last parameter); counts the dues that moved when count. */
static int
reevaluate(struct sweep *s, const char *sql, int with_now, int count)
{
	struct db_res r, before, after;
	unsigned long long last = 0, id;
	unsigned i;
	long long n;

	for (;;) {
		n = with_now ? db_query(s->d, &r, sql, "iu", (long long)s->now, last) :
		    db_query(s->d, &r, sql, "u", last);
		if (n < 0)
			return fail(s, "listing petitions to evaluate");
		if (r.nrows == 0) {
			db_res_free(&r);
			return 0;
		}
		if (count && dues_load(s, (unsigned long long)num(&r, 0, 0),
		    (unsigned long long)num(&r, r.nrows - 1, 0), &before) == -1) {
			db_res_free(&r);
			return -1;
		}
		for (i = 0; i < r.nrows; i++) {
			id = (unsigned long long)num(&r, i, 0);
			if (estore_reevaluate(s->es, id, 0, s->now, s->id) == -1)
				log_warn(NULL, "sweep: petition %llu cannot be evaluated: %s",
				    id, db_error(s->d));
			else
				s->n.evaluated++;
			last = id;
		}
		if (count) {
			if (dues_load(s, (unsigned long long)num(&r, 0, 0), last, &after) == -1) {
				db_res_free(&before);
				db_res_free(&r);
				return -1;
			}
			s->n.moved += dues_moved(&before, &after);
			db_res_free(&before);
			db_res_free(&after);
		}
		db_res_free(&r);
	}
}

static int
step_calendar(struct sweep *s)
{
	char	 hex[65], stored[256];

	/* Petitions no one evaluated yet (stored before the engine ran). */
	if (reevaluate(s, "SELECT id FROM petitions WHERE evaluated_at IS NULL AND id > ?"
	    " ORDER BY id LIMIT 500", 0, 0) == -1)
		return -1;
	calendar_digest_hex(&s->cal, hex);
	if (state_get(s, "calendar_digest", stored, sizeof(stored)) == -1)
		return -1;
	if (strcmp(hex, stored) == 0)
		return 0;
	if (reevaluate(s, "SELECT DISTINCT petition_id FROM petition_measures"
	    " WHERE status = 'pending' AND (due > FROM_UNIXTIME(?) OR paused = 1)"
	    " AND petition_id > ? ORDER BY petition_id LIMIT 500", 1, 1) == -1)
		return -1;
	return state_put(s, "calendar_digest", hex);
}

/* ---- 2. breaches and compensation ---------------------------------------- */

/* The columns of the read-back query. */
enum { B_PID, B_SID, B_BASIS, B_DUE, B_LATE, B_KIND, B_CHANNEL, B_SVAL, B_SUNIT,
	B_SUPP, B_EXT, B_VID, B_RECEIVED };

struct page {
	struct eng_entitlement *ent;	/* per booked petition, at most RULES_MAX */
	struct ledger_entry *le;
	size_t	 nle, cap;
};

/* Room for one more petition's entitlements (at most RULES_MAX). */
static int
page_reserve(struct page *pg)
{
	struct eng_entitlement *ent;
	struct ledger_entry *le;
	size_t	 cap, k;

	if (pg->nle + RULES_MAX <= pg->cap)
		return 0;
	cap = pg->cap ? pg->cap * 2 : 1024;
	if ((ent = realloc(pg->ent, cap * sizeof(*ent))) == NULL)
		return -1;
	pg->ent = ent;
	if ((le = realloc(pg->le, cap * sizeof(*le))) == NULL)
		return -1;
	pg->le = le;
	pg->cap = cap;
	for (k = 0; k < pg->nle; k++) {	/* keys and standards point into ent */
		pg->le[k].key = pg->ent[k].key;
		pg->le[k].standard_id = pg->ent[k].standard[0] ? pg->ent[k].standard : NULL;
	}
	return 0;
}

/* Rows [from, to) of the page are one petition's booked results: its
 * entitlements join the page's ledger entries. */
static int
entitle(struct sweep *s, const struct db_res *r, unsigned from, unsigned to, struct page *pg)
{
	struct eng_petition p;
	struct eng_eval *e;
	const struct rules *ru;
	const struct conf_statutory *cs;
	unsigned long long vid = (unsigned long long)num(r, from, B_VID);
	size_t	 k, ne, i;

	if ((ru = rules_cache_get(s->rc, vid)) == NULL) {
		log_warn(NULL, "sweep: no rules for charter version %llu", vid);
		return 0;
	}
	if (ru->ncomp == 0)
		return 0;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	p.kind = db_cell(r, from, B_KIND);
	p.channel = db_cell(r, from, B_CHANNEL);
	p.received = (time_t)num(r, from, B_RECEIVED);
	p.statutory_value = (unsigned)num(r, from, B_SVAL);
	p.statutory_unit = db_cell(r, from, B_SUNIT);
	if (p.statutory_value == 0 && (cs = conf_statutory_for(s->c, p.kind)) != NULL) {
		p.statutory_value = cs->value;
		p.statutory_unit = cs->unit;
	}
	lc_init(&e->lc);
	e->lc.supplemented = num(r, from, B_SUPP) != 0;
	e->lc.extended = num(r, from, B_EXT) != 0;
	for (i = from; i < to && e->n < ENGINE_MEASURES_MAX; i++) {
		struct eng_result *x = &e->r[e->n++];
		snprintf(x->id, sizeof(x->id), "%s", db_cell(r, i, B_SID));
		snprintf(x->basis, sizeof(x->basis), "%s", db_cell(r, i, B_BASIS));
		x->status = ES_BREACHED;
		x->due = (time_t)num(r, i, B_DUE);
		x->late = num(r, i, B_LATE);
	}
	e->breached = 1;
	if (page_reserve(pg) == -1) {
		free(e);
		return -1;
	}
	ne = engine_entitlements(&p, e, ru->eng, ru->ncomp, NULL, 0, pg->ent + pg->nle,
	    RULES_MAX);
	for (k = 0; k < ne; k++) {
		const struct eng_entitlement *en = &pg->ent[pg->nle];
		const struct comp_rule_def *def = &ru->comp[en->rule - ru->eng];
		struct ledger_entry *le = &pg->le[pg->nle++];
		le->petition_id = (unsigned long long)num(r, from, B_PID);
		le->charter_version_id = vid;
		le->key = en->key;
		le->rule_id = def->id;
		le->rule_origin = def->origin;
		le->trigger = def->trigger;
		le->standard_id = en->standard[0] ? en->standard : NULL;
		le->amount = def->amount;
		le->currency = def->currency;
		le->form = def->form;
		le->arose_at = en->at;
	}
	free(e);
	return 0;
}

/* Books the page's compensation and marks its petitions breached, in one
 * short transaction (retried on a deadlock). */
static int
book_page(struct sweep *s, const struct page *pg, unsigned long long lo,
    unsigned long long hi)
{
	int	 tries;

	for (tries = 0; tries < RETRIES; tries++) {
		if (db_begin(s->d) == -1)
			return fail(s, "begin");
		if (db_exec(s->d, "UPDATE petitions p JOIN (SELECT DISTINCT petition_id"
		    " FROM petition_measures WHERE booked_by = ? AND petition_id BETWEEN ? AND ?)"
		    " b ON b.petition_id = p.id SET p.breached = 1 WHERE p.breached = 0", "suu",
		    s->id, lo, hi) >= 0 &&
		    (pg->nle == 0 || ledger_book(s->d, pg->le, pg->nle, s->id, s->now) >= 0) &&
		    db_commit(s->d) == 0)
			return 0;
		db_rollback(s->d);
		if (!retryable(s))
			break;
	}
	return fail(s, "booking compensation");
}

/* Compensation for what this run booked among petitions [lo, hi]: the
 * rows just updated are still in the buffer pool, the petitions are read
 * in the order of their keys. */
static int
compensate_range(struct sweep *s, unsigned long long lo, unsigned long long hi,
    struct page *pg)
{
	struct db_res r;
	unsigned i, j;
	int	 rc = -1;

	if (db_query(s->d, &r, "SELECT m.petition_id, m.standard_id, m.basis,"
	    " UNIX_TIMESTAMP(m.due), m.late_seconds, p.kind, p.channel,"
	    " p.statutory_value, p.statutory_unit, p.supplemented, p.extended,"
	    " p.charter_version_id, UNIX_TIMESTAMP(p.received_at)"
	    " FROM petition_measures m JOIN petitions p ON p.id = m.petition_id"
	    " WHERE m.booked_by = ? AND m.petition_id BETWEEN ? AND ?"
	    " ORDER BY m.petition_id, m.standard_id", "suu", s->id, lo, hi) < 0)
		return fail(s, "reading booked breaches");
	pg->nle = 0;
	for (i = 0; i < r.nrows; i = j) {
		for (j = i + 1; j < r.nrows && num(&r, j, B_PID) == num(&r, i, B_PID); j++)
			;
		if (entitle(s, &r, i, j, pg) == -1) {
			snprintf(s->err, s->errlen, "out of memory");
			goto out;
		}
	}
	rc = r.nrows ? book_page(s, pg, lo, hi) : 0;
out:
	db_res_free(&r);
	return rc;
}

/* Books the due results of petitions [lo, hi] (n of them listed due): by
 * the primary key when they are dense in the range (one sequential pass,
 * as the server itself does for a single UPDATE of many rows), else by the
 * (status, due) index. Each statement is its own short transaction; row
 * locks make a concurrent sweep skip what this one booked. */
static long long
book_range(struct sweep *s, unsigned long long lo, unsigned long long hi, unsigned n)
{
	long long k = -1;
	int	 tries;

	for (tries = 0; tries < RETRIES; tries++) {
		if (hi - lo < (unsigned long long)n * DENSE_SPAN)
			k = db_exec(s->d, "UPDATE petition_measures FORCE INDEX (PRIMARY)"
			    " SET status = 'breached', breach_booked_at = FROM_UNIXTIME(?),"
			    " booked_by = ?, late_seconds = TIMESTAMPDIFF(SECOND, due,"
			    " FROM_UNIXTIME(?)) WHERE petition_id BETWEEN ? AND ?"
			    " AND status = 'pending' AND paused = 0 AND due IS NOT NULL"
			    " AND due <= FROM_UNIXTIME(?)", "isiuui", (long long)s->now, s->id,
			    (long long)s->now, lo, hi, (long long)s->now);
		else
			k = db_exec(s->d, "UPDATE petition_measures FORCE INDEX (measures_sweep)"
			    " SET status = 'breached', breach_booked_at = FROM_UNIXTIME(?),"
			    " booked_by = ?, late_seconds = TIMESTAMPDIFF(SECOND, due,"
			    " FROM_UNIXTIME(?)) WHERE status = 'pending' AND paused = 0"
			    " AND due IS NOT NULL AND due <= FROM_UNIXTIME(?)"
			    " AND petition_id BETWEEN ? AND ?", "isiiuu", (long long)s->now, s->id,
			    (long long)s->now, (long long)s->now, lo, hi);
		if (k >= 0 || !retryable(s))
			break;
	}
	if (k < 0)
		fail(s, "booking breaches");
	return k;
}

/* Breaches and their compensation, batch by batch in the order of the
 * petitions: the due results are listed from the (status, due) index alone
 * (it holds the primary key), cut into ranges of BREACH_BATCH results. */
static int
step_breaches(struct sweep *s)
{
	struct db_res r;
	struct page pg = { 0 };
	unsigned long long last = 0, lo, hi;
	unsigned i, j, nrows;
	int	 rc = -1;

	do {
		if (db_query(s->d, &r, "SELECT petition_id FROM petition_measures"
		    " WHERE status = 'pending' AND due <= FROM_UNIXTIME(?) AND petition_id > ?"
		    " ORDER BY petition_id LIMIT 100000", "iu", (long long)s->now, last) < 0) {
			fail(s, "listing due results");
			goto out;
		}
		nrows = r.nrows;
		for (i = 0; i < nrows; i = j) {
			j = i + BREACH_BATCH < nrows ? i + BREACH_BATCH : nrows;
			while (j < nrows && num(&r, j, 0) == num(&r, j - 1, 0))
				j++;	/* a petition's results in one batch */
			lo = (unsigned long long)num(&r, i, 0);
			hi = (unsigned long long)num(&r, j - 1, 0);
			if (book_range(s, lo, hi, j - i) < 0 ||
			    compensate_range(s, lo, hi, &pg) == -1) {
				db_res_free(&r);
				goto out;
			}
			last = hi;
		}
		db_res_free(&r);
	} while (nrows == LIST_BATCH);
	rc = 0;
out:
	free(pg.ent);
	free(pg.le);
	return rc;
}

/* ---- 3. periodic duties ------------------------------------------------ */

struct records {
	time_t	*at;
	char	(*what)[33];
	size_t	 n;
};

static int
records_load(struct sweep *s, const struct catalog_entry *e, time_t since, struct records *rec)
{
	struct db_res r;
	unsigned i;

	memset(rec, 0, sizeof(*rec));
	if (db_query(s->d, &r, "SELECT what, UNIX_TIMESTAMP(at) FROM duty_records"
	    " WHERE city = ? AND dept = ? AND at >= FROM_UNIXTIME(?) AND at <= FROM_UNIXTIME(?)"
	    " ORDER BY at", "ssii", e->city, e->dept, (long long)since, (long long)s->now) < 0)
		return fail(s, "reading duty records");
	if (r.nrows && ((rec->at = calloc(r.nrows, sizeof(*rec->at))) == NULL ||
	    (rec->what = calloc(r.nrows, sizeof(*rec->what))) == NULL)) {
		free(rec->at);
		db_res_free(&r);
		snprintf(s->err, s->errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < r.nrows; i++) {
		snprintf(rec->what[i], sizeof(rec->what[i]), "%s", db_cell(&r, i, 0));
		rec->at[i] = (time_t)num(&r, i, 1);
	}
	rec->n = r.nrows;
	db_res_free(&r);
	return 0;
}

/* The instants of the records of one kind (sorted, as loaded). */
static size_t
records_of(const struct records *rec, const char *what, time_t *out)
{
	size_t	 i, n = 0;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->what[i], what) == 0)
			out[n++] = rec->at[i];
	return n;
}

static int
judge_duty(struct sweep *s, const struct catalog_entry *e, const struct duty_def *def,
    time_t since, time_t from, const struct records *rec, time_t *done, time_t *trig)
{
	struct duty_plan plan;
	struct duty_period per[DUTY_MAX];
	size_t	 nd, nt, n, i;
	char	 why[200];
	long long k;

	if (duty_plan(def, &plan, why, sizeof(why)) == -1) {
		log_warn(NULL, "sweep: %s/%s: %s", e->city, e->dept, why);
		return 0;
	}
	nd = records_of(rec, def->what, done);
	nt = def->after[0] ? records_of(rec, def->after, trig) : 0;
	do {
		n = duty_periods(&s->cal, &plan, since, from, s->now, done, nd, trig, nt,
		    per, DUTY_MAX);
		for (i = 0; i < n; i++) {
			if (!duty_missed(&per[i]))
				continue;
			k = db_exec(s->d, "INSERT IGNORE INTO duty_breaches (city, dept, duty_id,"
			    " period_start, period_end, expected, done, rule_origin, booked_at,"
			    " booked_by) VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?,"
			    " ?, FROM_UNIXTIME(?), ?)", "sssiiuusis", e->city, e->dept, def->id,
			    (long long)per[i].start, (long long)per[i].end,
			    (unsigned long long)per[i].expected, (unsigned long long)per[i].done,
			    def->origin, (long long)s->now, s->id);
			if (k < 0)
				return fail(s, "booking a duty breach");
			s->n.duty_breaches += k;
		}
		if (n)
			from = per[n - 1].end;
	} while (n == DUTY_MAX);
	return 0;
}

/* The name of a department's duty state (engine_state.name is 64 bytes). */
static void
duty_state_name(const struct catalog_entry *e, char out[65])
{
	char	 key[100], hex[65];

	size_t	 n;

	n = (size_t)snprintf(key, sizeof(key), "%s/%s", e->city, e->dept);
	if (n < sizeof(key) && n + 7 <= 64) {
		memcpy(out, "duties:", 7);
		memcpy(out + 7, key, n + 1);
		return;
	}
	token_sha256_hex(key, strlen(key), hex);
	snprintf(out, 65, "duties:#%.56s", hex);
}

static int
duties_dept(struct sweep *s, const struct catalog_entry *e)
{
	const struct rules *ru;
	struct records rec;
	struct db_res r;
	char	 name[65], v[256];
	time_t	 since, from, *done = NULL, *trig = NULL;
	size_t	 i;
	int	 rc = -1;

	if ((ru = rules_cache_get(s->rc, e->vid)) == NULL) {
		log_warn(NULL, "sweep: %s/%s: no rules for version %llu", e->city, e->dept, e->vid);
		return 0;
	}
	if (ru->nduty == 0)
		return 0;
	duty_state_name(e, name);
	if (state_get(s, name, v, sizeof(v)) == -1)
		return -1;
	if ((from = (time_t)strtoll(v, NULL, 10)) >= s->now)
		return 0;
	if (db_query(s->d, &r, "SELECT UNIX_TIMESTAMP(MIN(uploaded_at)) FROM charter_versions"
	    " WHERE city = ? AND dept = ?", "ss", e->city, e->dept) < 0)
		return fail(s, "reading the charter's first version");
	since = cal_day_start(cal_day((time_t)num(&r, 0, 0)));
	db_res_free(&r);
	if (records_load(s, e, since, &rec) == -1)
		return -1;
	if (rec.n && ((done = calloc(rec.n, sizeof(*done))) == NULL ||
	    (trig = calloc(rec.n, sizeof(*trig))) == NULL)) {
		snprintf(s->err, s->errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < ru->nduty; i++)
		if (judge_duty(s, e, &ru->duty[i], since, from, &rec, done, trig) == -1)
			goto out;
	rc = state_advance(s, name, s->now);
out:
	free(done);
	free(trig);
	free(rec.at);
	free(rec.what);
	return rc;
}

static int
step_duties(struct sweep *s)
{
	struct catalog cat = { 0 };
	size_t	 i;
	int	 rc = 0;

	if (catalog_load(s->d, &cat) == -1)
		return fail(s, "reading the catalogue");
	for (i = 0; i < cat.n && rc == 0; i++)
		rc = duties_dept(s, &cat.e[i]);
	catalog_free(&cat);
	return rc;
}

/* ---- 4. housekeeping, the run's record, the due list --------------------- */

static int
step_purge(struct sweep *s)
{
	long long n;

	do {
		if ((n = db_exec(s->d, "DELETE FROM access_failures WHERE at < FROM_UNIXTIME(?)"
		    " LIMIT 10000", "i", (long long)(s->now - THROTTLE_SECS))) < 0)
			return fail(s, "deleting stale access failures");
		s->n.purged += n;
	} while (n == PURGE_BATCH);
	return 0;
}

/* What this run booked, counted in the tables (a sweep and an evaluation by
 * estore_reevaluate under this run's name are counted alike). */
static int
count_booked(struct sweep *s)
{
	struct db_res r;

	if (db_query(s->d, &r, "SELECT (SELECT COUNT(*) FROM petition_measures WHERE"
	    " booked_by = ?), (SELECT COUNT(*) FROM compensation WHERE booked_by = ?)",
	    "ss", s->id, s->id) < 0)
		return fail(s, "counting");
	s->n.breaches = num(&r, 0, 0);
	s->n.compensations = num(&r, 0, 1);
	db_res_free(&r);
	return 0;
}

static int
due_list(struct sweep *s, long hours, FILE *out)
{
	struct db_res r;
	time_t	 until = cal_add_working_secs(&s->cal, s->now, (int64_t)hours * 3600);
	char	 when[32];
	unsigned i;

	if (db_query(s->d, &r, "SELECT p.receipt_no, p.city, p.dept, m.standard_id,"
	    " UNIX_TIMESTAMP(m.due) FROM petition_measures m JOIN petitions p"
	    " ON p.id = m.petition_id WHERE m.status = 'pending' AND m.paused = 0"
	    " AND m.due > FROM_UNIXTIME(?) AND m.due <= FROM_UNIXTIME(?)"
	    " ORDER BY m.due, p.receipt_no, m.standard_id", "ii", (long long)s->now,
	    (long long)until) < 0)
		return fail(s, "listing what falls due");
	time_kst(until, when);
	fprintf(out, "due within %ld working hours (until %s): %u\n", hours, when, r.nrows);
	for (i = 0; i < r.nrows; i++) {
		time_kst((time_t)num(&r, i, 4), when);
		fprintf(out, "%s\t%s/%s\t%s\t%s\n", db_cell(&r, i, 0), db_cell(&r, i, 1),
		    db_cell(&r, i, 2), db_cell(&r, i, 3), when);
	}
	db_res_free(&r);
	return 0;
}

static int
load_calendar(struct sweep *s)
{
	return estore_load_calendar(&s->cal, s->c, s->err, s->errlen);
}

/* The instant 12 months after t: the same day and time of day in Asia/Seoul
 * a year later (29 February: 1 March). */
static time_t
year_after(time_t t)
{
	int32_t	 d = cal_day(t);
	int64_t	 y;
	int	 m, dd;

	cal_civil_from_day(d, &y, &m, &dd);
	return cal_day_start((int32_t)cal_civil_day(y + 1, m, dd)) +
	    (t - cal_day_start(d));
}

/* A warning (stderr and the log; the exit status stays) while the holiday
 * data covers less than the next 12 months from the sweep's now. */
static void
warn_horizon(struct sweep *s)
{
	time_t	 until = cal_covered_until(&s->cal, s->now), horizon = year_after(s->now);
	long long y = (long long)cal_year_of(until);
	char	 a[32], b[32], msg[1100];

	if (until >= horizon)
		return;
	time_kst(until, a);
	time_kst(horizon, b);
	snprintf(msg, sizeof(msg), "holiday data missing for %lld: %s covers up to %s,"
	    " less than the next 12 months (until %s); deadlines counted into %lld skip"
	    " only Saturdays and Sundays and are flagged. Add the year: charterctl"
	    " holidays import --year %lld", y, s->c->holidays, a, b, y, y);
	fprintf(stderr, "charterctl: sweep: warning: %s\n", msg);
	log_warn(NULL, "sweep: %s", msg);
}

/* A run that died after booking breaches and before deciding their
 * compensation left its sweep_runs row unfinished: an hour after it began,
 * the next sweep decides that compensation (under the dead run's name;
 * INSERT IGNORE books nothing twice, even if two sweeps do this at once)
 * and closes the row. */
static int
step_orphans(struct sweep *s)
{
	struct db_res r;
	struct page pg = { 0 };
	char	 self[sizeof(s->id)];
	unsigned i;
	int	 rc = -1;

	if (db_query(s->d, &r, "SELECT id, sweeper FROM sweep_runs WHERE finished_at IS NULL"
	    " AND started_at < " DB_US " - INTERVAL 1 HOUR ORDER BY id LIMIT 100",
	    "i", clock_now_us()) < 0)
		return fail(s, "listing unfinished runs");
	memcpy(self, s->id, sizeof(self));
	for (i = 0; i < r.nrows; i++) {
		snprintf(s->id, sizeof(s->id), "%s", db_cell(&r, i, 1));
		if (compensate_range(s, 0, ~0ULL >> 1, &pg) == -1)
			goto out;
		if (stats_touch_run(s->d, s->id) == -1) {	/* stats hook: its months */
			fail(s, "marking the open-data figures");
			goto out;
		}
		if (db_exec(s->d, "UPDATE sweep_runs SET finished_at = " DB_US
		    " WHERE id = ? AND finished_at IS NULL", "iu", clock_now_us(),
		    (unsigned long long)num(&r, i, 0)) < 0) {
			fail(s, "closing an unfinished run");
			goto out;
		}
	}
	rc = 0;
out:
	memcpy(s->id, self, sizeof(self));
	free(pg.ent);
	free(pg.le);
	db_res_free(&r);
	return rc;
}

static int
steps(struct sweep *s, unsigned long long run)
{
	if (step_calendar(s) == -1 || step_orphans(s) == -1 || step_breaches(s) == -1 ||
	    (stats_touch_run(s->d, s->id) == -1 && fail(s, "marking the open-data figures")) ||
	    step_duties(s) == -1 ||
	    step_purge(s) == -1 || count_booked(s) == -1)
		return -1;
	if (run && db_exec(s->d, "UPDATE sweep_runs SET finished_at = " DB_US ","
	    " breaches = ?, compensations = ?, duty_breaches = ?, redated = ? WHERE id = ?",
	    "iuuuuu", clock_now_us(), (unsigned long long)s->n.breaches,
	    (unsigned long long)s->n.compensations,
	    (unsigned long long)s->n.duty_breaches, (unsigned long long)s->n.moved, run) < 0)
		return fail(s, "recording the run");
	return 0;
}

int
sweep_run(struct db *d, const struct conf *c, const struct sweep_opts *o,
    struct sweep_counts *counts, FILE *out, char *err, size_t errlen)
{
	struct sweep s;
	unsigned long long run = 0;
	long	 months = 0;
	int	 rc = -1;

	memset(&s, 0, sizeof(s));
	s.d = d;
	s.c = c;
	s.now = o->now;
	s.err = err;
	s.errlen = errlen;
	run_id(s.id);
	if (load_calendar(&s) == -1)
		goto out;
	warn_horizon(&s);
	/* Row locks only on the rows a statement touches: no gap locks that
	 * would make a second sweep wait for the first's whole range. */
	if (db_raw(d, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED") == -1) {
		fail(&s, "isolation level");
		goto out;
	}
	if ((s.rc = rules_cache_new(d)) == NULL ||
	    (s.es = estore_new(d, &s.cal, c, s.rc)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (db_exec(d, "INSERT INTO sweep_runs (sweeper, started_at) VALUES (?, " DB_US ")",
	    "si", s.id, clock_now_us()) < 0) {
		fail(&s, "recording the run");
		goto out;
	}
	run = db_last_id(d);
	if (steps(&s, run) == -1 || (o->due_within >= 0 && due_list(&s, o->due_within, out) == -1))
		goto out;
	if ((months = stats_refresh(d, 0)) < 0) {	/* stats hook: the marked months */
		fail(&s, "refreshing the open-data figures");
		goto out;
	}
	if (!o->quiet)
		fprintf(out, "breaches booked: %lld, compensation booked: %lld, duty breaches:"
		    " %lld, deadlines moved: %lld, statistics months recomputed: %ld\n",
		    s.n.breaches, s.n.compensations, s.n.duty_breaches, s.n.moved, months);
	rc = 0;
out:
	if (counts)
		*counts = s.n;
	if (s.es)
		estore_free(s.es);
	rules_cache_free(s.rc);
	calendar_free(&s.cal);
	return rc;
}

int
sweep_cli(struct db *d, const struct conf *c, int argc, char **argv)
{
	struct sweep_opts o = { clock_now(), -1, 0 };
	char	 err[512], *end;
	int	 i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quiet"))
			o.quiet = 1;
		else if (!strcmp(argv[i], "--now") && i + 1 < argc) {
			if (time_iso_read(argv[++i], &o.now) == -1) {
				fprintf(stderr, "charterctl: --now: not a date-time with an offset"
				    " (2026-11-23T09:00:00+09:00): %s\n", argv[i]);
				return 2;
			}
			if (instant_check(o.now, o.now, INSTANT_ANY, err) != NULL) {
				fprintf(stderr, "charterctl: --now: %s\n", err);
				return 2;
			}
		} else if (!strcmp(argv[i], "--due-within") && i + 1 < argc) {
			errno = 0;
			o.due_within = strtol(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || o.due_within < 0 ||
			    o.due_within > 100000) {
				fprintf(stderr, "charterctl: --due-within: hours from 0 to 100000\n");
				return 2;
			}
		} else {
			fprintf(stderr, "usage: charterctl sweep [--now ISO8601] [--due-within HOURS]"
			    " [--quiet]\n");
			return 2;
		}
	}
	if (sweep_run(d, c, &o, NULL, stdout, err, sizeof(err)) == -1) {
		fprintf(stderr, "charterctl: sweep: %s\n", err);
		return 1;
	}
	return 0;
}
