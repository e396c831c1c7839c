/* engine_store: the engine (engine.h) applied to stored petitions — three
 * reads (the petition, its measures, its events), one evaluation, an UPDATE
 * only for each result that changed, one UPDATE of the petition, and the
 * compensation that arises booked through the ledger. Staff events are
 * checked against the lifecycle before they are stored, under the
 * petition's row lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "engine_store.h"
#include "ledger.h"
#include "stats_store.h"
#include "../domain/engine.h"
#include "../domain/instant.h"
#include "../domain/petition.h"
#include "../domain/rules.h"
#include "../util/conf.h"
#include "../util/log.h"
#include "../util/timefmt.h"

/* A DATETIME from epoch seconds, NULL for 0; and back (sessions run in UTC). */
#define AT(p)	"TIMESTAMPADD(SECOND, NULLIF(" p ", 0), '1970-01-01')"
#define EPOCH(c) "TIMESTAMPDIFF(SECOND, '1970-01-01', " c ")"

#define BY_MAX	64	/* petition_measures.booked_by, compensation.booked_by */

struct estore {
	struct db		*db;
	const struct calendar	*cal;
	const struct conf	*conf;
	struct rules_cache	*rules;
	/* the years without holiday data this estore (a worker's, a run's)
	 * has logged a count into: bit y - CAL_YEAR_MIN, the last bit for any
	 * year beyond the range; cleared when the calendar is replaced */
	unsigned char		 gaps_logged[CAL_YEARS_BYTES + 1];
};

/* Columns of the reads below. */
enum { P_ID, P_KIND, P_CHANNEL, P_RECEIVED, P_STAT_VALUE, P_STAT_UNIT, P_VID,
	P_BREACHED };
enum { M_ID, M_FROM, M_TO, M_TARGET, M_RINGS, M_CLOCK, M_BASIS, M_STATUS,
	M_STARTED, M_DUE, M_DONE, M_LATE, M_PAUSED, M_BOOKED };
enum { E_TYPE, E_AT, E_DUE, E_REASON, E_OFFICER, E_UPHELD, E_CONSENT };

/* One petition's facts as read, and its evaluation. */
struct facts {
	struct db_res	 p, m, e;
	unsigned long long id, vid;
	struct eng_petition pet;
	char		 unit[8];
	int		 stat_law;	/* the period comes from the configuration */
	struct eng_measure ms[ENGINE_MEASURES_MAX];
	size_t		 nm;
	struct lc_event	 ev[ENGINE_EVENTS_MAX];
	size_t		 ne;
	struct eng_eval	 eval;
};

struct estore *
estore_new(struct db *d, const struct calendar *cal, const struct conf *c,
    struct rules_cache *rules)
{
	struct estore *es = calloc(1, sizeof(*es));

	if (es) {
		es->db = d;
		es->cal = cal;
		es->conf = c;
		es->rules = rules;
	}
	return es;
}

void
estore_free(struct estore *es)
{
	free(es);
}

void
estore_set_calendar(struct estore *es, const struct calendar *cal)
{
	es->cal = cal;
	memset(es->gaps_logged, 0, sizeof(es->gaps_logged));
}

/* 1 when year y was logged already; marks it logged. */
static int
gap_logged(struct estore *es, int64_t y)
{
	int64_t	 k = y < CAL_YEAR_MIN ? 0 : y > CAL_YEAR_MAX ?
	    CAL_YEAR_MAX - CAL_YEAR_MIN + 1 : y - CAL_YEAR_MIN;
	unsigned char bit = (unsigned char)(1u << (k % 8));
	int	 was = (es->gaps_logged[k / 8] & bit) != 0;

	es->gaps_logged[k / 8] |= bit;
	return was;
}

/* 1 if the result of that id counts working time (every one but a measure
 * on the "calendar" clock: elapsed time knows no holidays). */
static int
counts_working(const struct eng_measure *ms, size_t nm, const char *id)
{
	for (size_t i = 0; i < nm; i++)
		if (ms[i].id && !strcmp(ms[i].id, id))
			return !(ms[i].clock && !strcmp(ms[i].clock, "calendar"));
	return 1;	/* the statutory result */
}

/* A due counted into a year the holiday data does not cover is logged once
 * per estore and year (the pages flag it wherever it is shown). id 0: a
 * petition not stored yet. */
static void
log_holiday_gaps(struct estore *es, unsigned long long id, const struct eng_petition *pet,
    const struct eng_measure *ms, size_t nm, const struct eng_eval *ev)
{
	char	 due[32], who[48];
	int64_t	 y;

	if (id)
		snprintf(who, sizeof(who), "petition %llu", id);
	else
		snprintf(who, sizeof(who), "a petition being received");
	for (size_t i = 0; i < ev->n; i++) {
		const struct eng_result *r = &ev->r[i];
		if (r->due == 0 || !counts_working(ms, nm, r->id) ||
		    (y = cal_uncovered_count(es->cal, r->start ? r->start : pet->received,
		    r->due)) == 0 || gap_logged(es, y))
			continue;
		time_kst(r->due, due);
		log_warn(NULL, "holiday data missing for %lld: a deadline is counted into it"
		    " skipping only Saturdays and Sundays (%s, %s due %s; not logged again"
		    " for %lld by this process); add the year to %s (charterctl holidays"
		    " import --year %lld)", (long long)y, who, r->id, due, (long long)y,
		    es->conf->holidays, (long long)y);
	}
}

int
estore_load_calendar(struct calendar *cal, const struct conf *c, char *err, size_t errlen)
{
	calendar_init(cal);
	if (c->working_hours[0] && calendar_set_hours(cal, c->working_hours) == -1) {
		snprintf(err, errlen, "working_hours = %s: not valid (\"09:00-12:00"
		    " 13:00-18:00\")", c->working_hours);
		return -1;
	}
	return calendar_load(cal, c->holidays, err, errlen);
}

static long long
num(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

static void
facts_free(struct facts *f)
{
	if (f == NULL)
		return;
	db_res_free(&f->p);
	db_res_free(&f->m);
	db_res_free(&f->e);
	free(f);
}

/* The petition's period: its own, else the law's from the configuration. */
static void
fill_petition(struct estore *es, struct facts *f)
{
	const struct db_res *p = &f->p;
	const struct conf_statutory *cs;

	f->vid = strtoull(db_cell(p, 0, P_VID), NULL, 10);
	f->pet.kind = db_cell(p, 0, P_KIND);
	f->pet.channel = db_cell(p, 0, P_CHANNEL);
	f->pet.received = (time_t)num(db_cell(p, 0, P_RECEIVED));
	f->pet.statutory_value = (unsigned)num(db_cell(p, 0, P_STAT_VALUE));
	snprintf(f->unit, sizeof(f->unit), "%s", db_cell(p, 0, P_STAT_UNIT) ?
	    db_cell(p, 0, P_STAT_UNIT) : "");
	if ((f->pet.statutory_value == 0 || f->unit[0] == '\0') &&
	    (cs = conf_statutory_for(es->conf, f->pet.kind)) != NULL) {
		f->pet.statutory_value = cs->value;
		snprintf(f->unit, sizeof(f->unit), "%s", cs->unit);
		f->stat_law = 1;
	}
	f->pet.statutory_unit = f->unit;
}

/* The stored statutory row is the engine's own result, not a measure. */
static void
fill_measures(struct facts *f)
{
	const struct db_res *m = &f->m;
	const char *t;

	for (unsigned i = 0; i < m->nrows && f->nm < ENGINE_MEASURES_MAX; i++) {
		struct eng_measure *x = &f->ms[f->nm];
		if (strcmp(db_cell(m, i, M_ID), ENGINE_STATUTORY_ID) == 0)
			continue;
		x->id = db_cell(m, i, M_ID);
		x->from = db_cell(m, i, M_FROM);
		x->to = db_cell(m, i, M_TO);
		t = db_cell(m, i, M_TARGET);
		x->target = t ? t : "";
		x->rings = (unsigned)num(db_cell(m, i, M_RINGS));
		x->clock = db_cell(m, i, M_CLOCK);
		x->basis = db_cell(m, i, M_BASIS);
		f->nm++;
	}
}

static void
fill_events(struct facts *f)
{
	const struct db_res *e = &f->e;

	for (unsigned i = 0; i < e->nrows && f->ne < ENGINE_EVENTS_MAX; i++) {
		struct lc_event *x = &f->ev[f->ne++];
		x->type = db_cell(e, i, E_TYPE);
		x->at = (time_t)num(db_cell(e, i, E_AT));
		x->due = (time_t)num(db_cell(e, i, E_DUE));
		x->reason = db_cell(e, i, E_REASON);
		x->officer = db_cell(e, i, E_OFFICER);
		x->upheld = num(db_cell(e, i, E_UPHELD)) != 0;
		x->consent = num(db_cell(e, i, E_CONSENT)) != 0;
	}
}

/* Reads petition id's facts: the facts, or NULL (*missing when there is no
 * such petition). */
static struct facts *
load(struct estore *es, unsigned long long id, int *missing)
{
	struct facts *f = calloc(1, sizeof(*f));
	long long n;

	*missing = 0;
	if (f == NULL)
		return NULL;
	f->id = id;
	n = db_query(es->db, &f->p, "SELECT id, kind, channel, " EPOCH("received_at") ","
	    " statutory_value, statutory_unit, charter_version_id, breached"
	    " FROM petitions WHERE id = ?", "u", id);
	if (n != 1) {
		*missing = n == 0;
		goto err;
	}
	if (db_query(es->db, &f->m, "SELECT standard_id, from_event, to_event, target,"
	    " rings, clock, basis, status, " EPOCH("started_at") ", " EPOCH("due") ", "
	    EPOCH("done_at") ", late_seconds, paused, breach_booked_at IS NOT NULL"
	    " FROM petition_measures WHERE petition_id = ? ORDER BY standard_id",
	    "u", id) < 0 ||
	    db_query(es->db, &f->e, "SELECT type, " EPOCH("at") ", " EPOCH("due") ","
	    " reason, officer, upheld, consent FROM petition_events"
	    " WHERE petition_id = ? ORDER BY at, id LIMIT ?", "uu", id,
	    (unsigned long long)ENGINE_EVENTS_MAX) < 0)
		goto err;
	fill_petition(es, f);
	fill_measures(f);
	fill_events(f);
	return f;
err:
	facts_free(f);
	return NULL;
}

static const char *
status_name(enum eng_status s)
{
	static const char *const names[] = { "pending", "met", "breached", "na" };

	return names[s];
}

/* The stored row of result id, or -1. */
static int
row_of(const struct db_res *m, const char *id)
{
	for (unsigned i = 0; i < m->nrows; i++)
		if (strcmp(db_cell(m, i, M_ID), id) == 0)
			return (int)i;
	return -1;
}

static void
late_str(char *out, size_t n, const struct eng_result *r)
{
	if (r->status == ES_BREACHED)
		snprintf(out, n, "%lld", (long long)r->late);
	else
		out[0] = '\0';
}

/* The statutory result's row, created the first time it appears. */
static int
insert_statutory(struct estore *es, struct facts *f)
{
	char	 target[24];
	int	 days = strcmp(f->unit, "days") == 0;

	snprintf(target, sizeof(target), days ? "P%uD" : "PT%uH", f->pet.statutory_value);
	return db_exec(es->db, "INSERT IGNORE INTO petition_measures (petition_id,"
	    " standard_id, from_event, to_event, target, clock, basis, origin)"
	    " VALUES (?, '" ENGINE_STATUTORY_ID "', 'received', 'answered', ?, ?,"
	    " 'statutory', 'law')", "uss", f->id, f->pet.statutory_value ? target : NULL,
	    days ? "working-days" : "working-hours") < 0 ? -1 : 0;
}

/* A breach already booked stays booked: only its end and lateness move. */
static int
update_booked(struct estore *es, struct facts *f, int row, struct eng_result *r)
{
	const struct db_res *m = &f->m;
	long long late = r->status == ES_BREACHED ? r->late : num(db_cell(m, row, M_LATE));
	int	 rc = 0;

	if ((long long)r->done != num(db_cell(m, row, M_DONE)) ||
	    late != num(db_cell(m, row, M_LATE)))
		rc = db_exec(es->db, "UPDATE petition_measures SET done_at = " AT("?") ","
		    " late_seconds = ? WHERE petition_id = ? AND standard_id = ?", "iius",
		    (long long)r->done, late, f->id, r->id) < 0 ? -1 : 0;
	r->status = ES_BREACHED;
	r->late = late;
	if (num(db_cell(m, row, M_DUE)) != 0)
		r->due = (time_t)num(db_cell(m, row, M_DUE));
	return rc;
}

/* Books a new breach (once: a sweep may have booked it since we read). */
static int
book_breach(struct estore *es, struct facts *f, int row, struct eng_result *r,
    time_t now, const char *by)
{
	long long n;

	n = db_exec(es->db, "UPDATE petition_measures SET status = 'breached',"
	    " started_at = " AT("?") ", due = " AT("?") ", done_at = " AT("?") ","
	    " late_seconds = ?, paused = ?, booked_by = ?,"
	    " breach_booked_at = " AT("?") " WHERE petition_id = ? AND standard_id = ?"
	    " AND breach_booked_at IS NULL", "iiiiisius", (long long)r->start,
	    (long long)r->due, (long long)r->done, (long long)r->late,
	    (long long)(r->paused != 0), by, (long long)now, f->id, r->id);
	if (n < 0)
		return -1;
	if (n == 0 && row >= 0)	/* booked meanwhile */
		return update_booked(es, f, row, r);
	return 0;
}

static int
changed(const struct db_res *m, int row, const struct eng_result *r)
{
	const char *late = db_cell(m, (unsigned)row, M_LATE);

	return strcmp(db_cell(m, row, M_STATUS), status_name(r->status)) != 0 ||
	    num(db_cell(m, row, M_STARTED)) != (long long)r->start ||
	    num(db_cell(m, row, M_DUE)) != (long long)r->due ||
	    num(db_cell(m, row, M_DONE)) != (long long)r->done ||
	    (r->status == ES_BREACHED ? late == NULL || num(late) != r->late : late != NULL) ||
	    (num(db_cell(m, row, M_PAUSED)) != 0) != (r->paused != 0);
}

/* Writes one result; a result not stored before is the statutory one. */
static int
write_result(struct estore *es, struct facts *f, struct eng_result *r, time_t now,
    const char *by)
{
	const struct db_res *m = &f->m;
	int	 row = row_of(m, r->id);
	char	 late[24];

	if (row < 0 && insert_statutory(es, f) == -1)
		return -1;
	if (row >= 0 && num(db_cell(m, row, M_BOOKED)))
		return update_booked(es, f, row, r);
	if (r->status == ES_BREACHED)
		return book_breach(es, f, row, r, now, by);
	if (row >= 0 && !changed(m, row, r))
		return 0;
	late_str(late, sizeof(late), r);
	return db_exec(es->db, "UPDATE petition_measures SET status = ?,"
	    " started_at = " AT("?") ", due = " AT("?") ", done_at = " AT("?") ","
	    " late_seconds = ?, paused = ? WHERE petition_id = ? AND standard_id = ?"
	    " AND breach_booked_at IS NULL", "siiisius", status_name(r->status),
	    (long long)r->start, (long long)r->due, (long long)r->done,
	    late[0] ? late : NULL, (long long)(r->paused != 0), f->id, r->id) < 0 ? -1 : 0;
}

static int
write_petition(struct estore *es, struct facts *f, time_t now)
{
	const struct eng_eval *ev = &f->eval;
	const struct eng_result *st = engine_statutory(ev);
	time_t	 next = 0;
	int	 breached = num(db_cell(&f->p, 0, P_BREACHED)) != 0;

	for (size_t i = 0; i < ev->n; i++) {
		const struct eng_result *r = &ev->r[i];
		if (r->status == ES_BREACHED)
			breached = 1;
		/* still to do: pending (perhaps overdue), or a booked breach not
		 * yet done while the petition is open */
		if (lc_open(ev->lc.state) && r->done == 0 &&
		    (r->status == ES_PENDING || r->status == ES_BREACHED) &&
		    r->due && !r->paused && (!next || r->due < next))
			next = r->due;
	}
	return db_exec(es->db, "UPDATE petitions SET state = ?, supplemented = ?,"
	    " extended = ?, answered_at = " AT("?") ", closed_at = " AT("?") ","
	    " statutory_due = " AT("?") ", next_due = " AT("?") ", breached = ?,"
	    " evaluated_at = " AT("?") ","
	    " statutory_value = IF(? = 0, statutory_value, ?),"
	    " statutory_unit = IF(? = 0, statutory_unit, ?),"
	    " statutory_from = IF(? = 0, statutory_from, 'law') WHERE id = ?",
	    "siiiiiiiiiuisiu", lc_state_name(ev->lc.state),
	    (long long)(ev->lc.supplemented != 0), (long long)(ev->lc.extended != 0),
	    (long long)ev->lc.answered_at, (long long)ev->lc.closed_at,
	    (long long)(st ? st->due : 0), (long long)next, (long long)breached,
	    (long long)now, (long long)f->stat_law,
	    (unsigned long long)f->pet.statutory_value, (long long)f->stat_law,
	    f->unit, (long long)f->stat_law, f->id) < 0 ? -1 : 0;
}

/* The compensation the petition is entitled to now, booked once each. */
static int
book_compensation(struct estore *es, struct facts *f, time_t now, const char *by)
{
	struct eng_entitlement ents[RULES_MAX * 4];
	struct ledger_entry le[RULES_MAX * 4];
	const struct rules *rs;
	size_t	 n, i;

	if ((rs = rules_cache_get(es->rules, f->vid)) == NULL) {
		log_err(NULL, "petition %llu: the rules of charter version %llu cannot be"
		    " read", f->id, f->vid);
		return -1;
	}
	n = engine_entitlements(&f->pet, &f->eval, rs->eng, rs->ncomp, f->ev, f->ne,
	    ents, sizeof(ents) / sizeof(ents[0]));
	for (i = 0; i < n; i++) {
		const struct comp_rule_def *d = &rs->comp[ents[i].rule - rs->eng];
		le[i] = (struct ledger_entry){ f->id, f->vid, ents[i].key, d->id, d->origin,
		    d->trigger, ents[i].standard[0] ? ents[i].standard : NULL, d->amount,
		    d->currency, d->form, ents[i].at };
	}
	return n == 0 || ledger_book(es->db, le, n, by, now) >= 0 ? 0 : -1;
}

/* Evaluates loaded facts at now and writes everything back. */
static int
evaluate_write(struct estore *es, struct facts *f, time_t now, const char *by)
{
	char	 why[256];

	/* a measure that cannot be counted is the charter's fault: the petition
	 * is stored all the same, without results, and the log says why */
	if (engine_evaluate(es->cal, &f->pet, f->ms, f->nm, f->ev, f->ne, now,
	    &f->eval, why, sizeof(why)) == -1) {
		log_err(NULL, "petition %llu cannot be evaluated: %s", f->id, why);
		return 0;
	}
	log_holiday_gaps(es, f->id, &f->pet, f->ms, f->nm, &f->eval);
	/* A period that ran out with nothing done is the sweep's to book ("what
	 * came due"): here it stays pending — overdue — so that an event
	 * recorded afterwards for an earlier instant is still judged by it. A
	 * result that ended late is final and is booked at once. */
	for (size_t i = 0; i < f->eval.n; i++) {
		struct eng_result *r = &f->eval.r[i];
		int row = row_of(&f->m, r->id);
		if (r->status == ES_BREACHED && r->done == 0 &&
		    !(row >= 0 && num(db_cell(&f->m, (unsigned)row, M_BOOKED)))) {
			r->status = ES_PENDING;
			r->late = 0;
		}
	}
	for (size_t i = 0; i < f->eval.n; i++)
		if (write_result(es, f, &f->eval.r[i], now, by) == -1)
			return -1;
	if (write_petition(es, f, now) == -1 || book_compensation(es, f, now, by) == -1)
		return -1;
	return 0;
}

static int
reevaluate(struct estore *es, unsigned long long id, time_t now, const char *by)
{
	struct facts *f;
	char	 b[BY_MAX + 1];
	int	 missing, rc;

	snprintf(b, sizeof(b), "%s", by ? by : "engine");
	if ((f = load(es, id, &missing)) == NULL)
		return missing ? 0 : -1;
	rc = evaluate_write(es, f, now, b);
	facts_free(f);
	if (rc == 0)	/* stats hook: intake and events mark the month (007) */
		rc = stats_touch_petition(es->db, id);
	return rc;
}

int
estore_reevaluate(struct estore *es, unsigned long long id, int in_tx, time_t now,
    const char *by)
{
	int	 rc;

	if (!in_tx && db_begin(es->db) == -1)
		return -1;
	rc = reevaluate(es, id, now, by);
	if (!in_tx) {
		if (rc == -1)
			db_rollback(es->db);
		else if (db_commit(es->db) == -1)
			rc = -1;
	}
	if (rc == -1)
		log_err(NULL, "petition %llu: re-evaluation failed: %s", id, db_error(es->db));
	return rc;
}

/* 1 if type is an event of http-api.md or one a measure of f names. */
static int
known_event(const struct facts *f, const char *type)
{
	const struct db_res *m = &f->m;

	if (petition_event_valid(type))
		return 1;
	for (unsigned i = 0; i < m->nrows; i++)
		if (strcmp(db_cell(m, i, M_FROM), type) == 0 ||
		    strcmp(db_cell(m, i, M_TO), type) == 0)
			return 1;
	return 0;
}

static void
unknown_event(const struct facts *f, const char *type, char *why, size_t whylen)
{
	const struct db_res *m = &f->m;
	size_t	 o;

	o = (size_t)snprintf(why, whylen, "unknown event type %.40s; this petition knows:"
	    " forwarded, contacted, assigned, investigated, answered, result-notified,"
	    " supplement-requested, supplement-received, extended, closed, withdrawn,"
	    " revisit, dissatisfaction", type);
	for (unsigned i = 0; i < m->nrows && o < whylen; i++)
		for (unsigned c = M_FROM; c <= M_TO && o < whylen; c++)
			if (!petition_event_valid(db_cell(m, i, c)) &&
			    !strstr(why, db_cell(m, i, c)))
				o += (size_t)snprintf(why + o, whylen - o, ", %s", db_cell(m, i, c));
}

/* Checks the event against the petition as it stands (f evaluated at now). */
static enum estore_rc
check_event(struct estore *es, struct facts *f, const struct lc_event *ev, time_t now,
    char *why, size_t whylen)
{
	struct lc lc;

	/* no instant the store cannot write and read back reaches SQL */
	if (!instant_storable(ev->at) || (ev->due != 0 && !instant_storable(ev->due))) {
		snprintf(why, whylen, "the event's at or due is out of range (" INSTANT_MIN_ISO
		    " to " INSTANT_MAX_ISO ")");
		return ER_INVALID;
	}
	if (!known_event(f, ev->type)) {
		unknown_event(f, ev->type, why, whylen);
		return ER_INVALID;
	}
	if (engine_evaluate(es->cal, &f->pet, f->ms, f->nm, f->ev, f->ne, now,
	    &f->eval, why, whylen) == -1)
		return ER_INVALID;
	lc = f->eval.lc;
	if (lc_apply(&lc, f->pet.received, ev, why, whylen) == -1)
		return ER_REFUSED;
	if (strcmp(ev->type, "extended") == 0 &&
	    engine_check_extension(es->cal, &f->pet, &f->eval, ev, why, whylen) == -1)
		return ER_REFUSED;
	return ER_OK;
}

static long long
insert_event(struct estore *es, struct facts *f, const struct lc_event *ev,
    const char *note, const char *by, time_t now)
{
	int	 dis = strcmp(ev->type, "dissatisfaction") == 0;
	int	 ext = strcmp(ev->type, "extended") == 0;

	return db_exec(es->db, "INSERT INTO petition_events (petition_id, type, at,"
	    " officer, due, reason, recorded_by, recorded_at, upheld, consent, note)"
	    " VALUES (?, ?, " AT("?") ", ?, " AT("?") ", ?, ?, " AT("?") ","
	    " IF(? = 0, NULL, ? - 1), IF(? = 0, NULL, ? - 1), ?)", "usisissiiiiis",
	    f->id, ev->type, (long long)ev->at, ev->officer, (long long)ev->due,
	    ev->reason, by, (long long)now, (long long)dis, (long long)(ev->upheld != 0) + 1,
	    (long long)ext, (long long)(ev->consent != 0) + 1, note);
}

/* Named responsibility: the officer an event names, with unit and contact. */
static int
set_officer(struct estore *es, unsigned long long id, const struct lc_event *ev,
    const char *unit, const char *phone)
{
	if (ev->officer == NULL || ev->officer[0] == '\0' ||
	    (strcmp(ev->type, "forwarded") && strcmp(ev->type, "assigned")))
		return 0;
	return db_exec(es->db, "UPDATE petitions SET officer_name = ?, officer_unit = ?,"
	    " officer_phone = ? WHERE id = ?", "sssu", ev->officer, unit, phone,
	    id) < 0 ? -1 : 0;
}

/* Inside the transaction: lock, check, store, re-evaluate. */
static enum estore_rc
record_locked(struct estore *es, const char *receipt, const struct lc_event *ev,
    const char *note, const char *unit, const char *phone, const char *by, time_t now,
    char *why, size_t whylen)
{
	struct db_res row = { 0 };
	struct facts *f = NULL;
	enum estore_rc rc = ER_DBERR;
	unsigned long long id;
	long long n;
	int	 missing;

	n = db_query(es->db, &row, "SELECT id FROM petitions WHERE receipt_no = ?"
	    " FOR UPDATE", "s", receipt);
	if (n <= 0) {
		db_res_free(&row);
		if (n == 0)
			snprintf(why, whylen, "no petition has receipt number %.100s", receipt);
		return n == 0 ? ER_NOTFOUND : ER_DBERR;
	}
	id = strtoull(db_cell(&row, 0, 0), NULL, 10);
	db_res_free(&row);
	if ((f = load(es, id, &missing)) == NULL)
		return missing ? ER_NOTFOUND : ER_DBERR;
	if ((rc = check_event(es, f, ev, now, why, whylen)) != ER_OK)
		goto out;
	rc = ER_DBERR;
	if ((n = insert_event(es, f, ev, note, by, now)) < 0) {
		if (db_errno(es->db) == 1062) {	/* ER_DUP_ENTRY: events_once */
			snprintf(why, whylen, "already recorded: this petition has a %s event"
			    " at that instant", ev->type);
			rc = ER_REFUSED;
		}
		goto out;
	}
	facts_free(f);
	f = NULL;
	if (set_officer(es, id, ev, unit, phone) == 0 &&
	    reevaluate(es, id, now, by) == 0)
		rc = ER_OK;
out:
	facts_free(f);
	return rc;
}

enum estore_rc
estore_record_officer(struct estore *es, const char *receipt, const struct lc_event *in,
    int consent, const char *note, const char *unit, const char *phone,
    const char *recorded_by, time_t now, char *why, size_t whylen)
{
	struct lc_event ev = *in;
	enum estore_rc rc;

	why[0] = '\0';
	ev.consent = ev.consent || consent;
	if (ev.at == 0)
		ev.at = now;
	if (db_begin(es->db) == -1) {
		snprintf(why, whylen, "database error: %s", db_error(es->db));
		return ER_DBERR;
	}
	rc = record_locked(es, receipt, &ev, note, unit, phone, recorded_by, now, why, whylen);
	if (rc == ER_OK && db_commit(es->db) == -1)
		rc = ER_DBERR;
	else if (rc != ER_OK)
		db_rollback(es->db);
	if (rc == ER_DBERR && why[0] == '\0')
		snprintf(why, whylen, "database error: %s", db_error(es->db));
	return rc;
}

enum estore_rc
estore_record(struct estore *es, const char *receipt, const struct lc_event *ev,
    int consent, const char *note, const char *recorded_by, time_t now, char *why,
    size_t whylen)
{
	return estore_record_officer(es, receipt, ev, consent, note, NULL, NULL,
	    recorded_by, now, why, whylen);
}

/* Intake: what fill_petition, evaluate_write, write_petition and
 * book_compensation decide for a petition not stored yet (no booked row,
 * not breached before), in memory. */
int
estore_intake(struct estore *es, struct estore_intake *in)
{
	struct eng_entitlement ents[RULES_MAX * 4];
	const struct conf_statutory *cs;
	const struct rules *rs;
	struct eng_eval *ev = &in->eval;
	char	 why[256];

	in->evaluated = in->stat_law = in->breached = in->entitled = 0;
	in->next_due = 0;
	in->stat_value = in->pet.statutory_value;
	snprintf(in->unit, sizeof(in->unit), "%s", in->pet.statutory_unit ?
	    in->pet.statutory_unit : "");
	if ((in->stat_value == 0 || in->unit[0] == '\0') &&
	    (cs = conf_statutory_for(es->conf, in->pet.kind)) != NULL) {
		in->stat_value = cs->value;
		snprintf(in->unit, sizeof(in->unit), "%s", cs->unit);
		in->stat_law = 1;
	}
	in->pet.statutory_value = in->stat_value;
	in->pet.statutory_unit = in->unit;
	if (engine_evaluate(es->cal, &in->pet, in->ms, in->nm, in->ev, in->ne, in->now,
	    ev, why, sizeof(why)) == -1) {
		log_err(NULL, "a new petition cannot be evaluated: %s", why);
		return 0;
	}
	log_holiday_gaps(es, 0, &in->pet, in->ms, in->nm, ev);
	in->evaluated = 1;
	for (size_t i = 0; i < ev->n; i++) {
		struct eng_result *r = &ev->r[i];
		if (r->status == ES_BREACHED && r->done == 0) {
			r->status = ES_PENDING;
			r->late = 0;
		}
	}
	for (size_t i = 0; i < ev->n; i++) {
		const struct eng_result *r = &ev->r[i];
		if (r->status == ES_BREACHED)
			in->breached = 1;
		if (lc_open(ev->lc.state) && r->done == 0 &&
		    (r->status == ES_PENDING || r->status == ES_BREACHED) &&
		    r->due && !r->paused && (!in->next_due || r->due < in->next_due))
			in->next_due = r->due;
	}
	if ((rs = rules_cache_get(es->rules, in->vid)) == NULL) {
		log_err(NULL, "the rules of charter version %llu cannot be read", in->vid);
		return -1;
	}
	in->entitled = engine_entitlements(&in->pet, ev, rs->eng, rs->ncomp, in->ev,
	    in->ne, ents, sizeof(ents) / sizeof(ents[0])) > 0;
	return 0;
}
