/* engine: one petition's results against its measures, the check of an
 * extension, and the compensation it is entitled to (engine.h). */
#include <stdio.h>
#include <string.h>
#include "util/timefmt.h"
#include "deadline.h"
#include "engine.h"

#define PAUSES_MAX	(ENGINE_EVENTS_MAX / 2 + 1)

/* The events the lifecycle accepted, in the order of their instants, and
 * the supplement pauses they make. */
struct replay {
	const struct lc_event *ev[ENGINE_EVENTS_MAX];
	size_t		 n;
	struct dl_pause	 pause[PAUSES_MAX];
	size_t		 np;
	struct lc	 lc;
};

static int
is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

/* Stable: events at the same instant keep the order they were recorded. */
static void
sort_events(const struct lc_event **v, size_t n)
{
	size_t	 i, j;

	for (i = 1; i < n; i++) {
		const struct lc_event *e = v[i];
		for (j = i; j > 0 && v[j - 1]->at > e->at; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
}

static int
replay(time_t received, const struct lc_event *ev, size_t ne, struct replay *rp)
{
	const struct lc_event *sorted[ENGINE_EVENTS_MAX];
	size_t	 i;

	rp->n = rp->np = 0;
	lc_init(&rp->lc);
	if (ne > ENGINE_EVENTS_MAX)
		return -1;
	for (i = 0; i < ne; i++)
		sorted[i] = &ev[i];
	sort_events(sorted, ne);
	for (i = 0; i < ne; i++) {
		const struct lc_event *e = sorted[i];
		if (lc_apply(&rp->lc, received, e, NULL, 0) == -1)
			continue;
		rp->ev[rp->n++] = e;
		if (is(e->type, "supplement-requested") && rp->np < PAUSES_MAX) {
			rp->pause[rp->np].from = e->at;
			rp->pause[rp->np++].to = 0;
		} else if (is(e->type, "supplement-received") && rp->np > 0)
			rp->pause[rp->np - 1].to = e->at;
	}
	return 0;
}

/* The first accepted event of this type at or after t, or NULL. */
static const struct lc_event *
first_event(const struct replay *rp, const char *type, time_t t)
{
	size_t	 i;

	for (i = 0; i < rp->n; i++)
		if (rp->ev[i]->at >= t && is(rp->ev[i]->type, type))
			return rp->ev[i];
	return NULL;
}

/* The due instant with the pauses that matter: those that began before the
 * end (cut there) and before the due they would move. 0, 1 (stopped now),
 * or -1. */
static int
due_paused(const struct calendar *cal, time_t start, const struct dl_period *per,
    const struct replay *rp, time_t done, time_t *due)
{
	struct dl_pause	 p[PAUSES_MAX];
	size_t	 i, np = 0, use;
	int	 rc;

	for (i = 0; i < rp->np; i++) {
		if (done && rp->pause[i].from >= done)
			break;
		p[np] = rp->pause[i];
		if (done && (p[np].to == 0 || p[np].to > done))
			p[np].to = done;
		np++;
	}
	for (use = 0;; use++) {
		if ((rc = deadline_due(cal, start, per, p, use, due)) != 0)
			return rc;
		if (use == np || p[use].from >= *due)
			return 0;
	}
}

struct job {
	const struct calendar	*cal;
	const struct eng_petition *p;
	const struct replay	*rp;
	time_t			 now;
};

static void
result_init(struct eng_result *r, const char *id, const char *basis)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->id, sizeof(r->id), "%s", id ? id : "");
	snprintf(r->basis, sizeof(r->basis), "%s", basis && *basis ? basis : "department");
}

static void
na(struct eng_result *r, const char *why)
{
	r->status = ES_NA;
	r->due = 0;
	r->paused = 0;
	r->late = 0;
	r->why_na = why;
}

static void
status(const struct job *j, struct eng_result *r)
{
	const struct lc *lc = &j->rp->lc;
	time_t	 now = j->now;

	if (r->done) {
		r->status = r->done <= r->due ? ES_MET : ES_BREACHED;
		r->late = r->status == ES_BREACHED ? (int64_t)(r->done - r->due) : 0;
		return;
	}
	if (lc->state == LC_WITHDRAWN) {
		if (r->paused || lc->closed_at <= r->due) {
			na(r, "withdrawn");
			return;
		}
		now = lc->closed_at;	/* its clocks stopped there */
	}
	if (r->paused) {
		r->status = ES_PENDING;
		r->due = 0;
	} else if (now > r->due) {
		r->status = ES_BREACHED;
		r->late = (int64_t)(now - r->due);
	} else
		r->status = ES_PENDING;
}

/* One clock from `from` to `to` over period per. ext: an extension moves its
 * due. */
static int
clock_result(const struct job *j, const char *from, const char *to,
    const struct dl_period *per, int ext, struct eng_result *r)
{
	const struct replay *rp = j->rp;
	const struct lc_event *e;
	int	 rc;

	if (is(from, "received"))
		r->start = j->p->received;
	else if ((e = first_event(rp, from, j->p->received)) != NULL)
		r->start = e->at;
	if (r->start == 0) {
		if (rp->lc.state == LC_CLOSED || rp->lc.state == LC_WITHDRAWN)
			na(r, "its clock never started");
		else
			r->status = ES_PENDING;
		return 0;
	}
	e = first_event(rp, to, r->start);
	if (e == NULL && is(to, "answered"))
		e = first_event(rp, "result-notified", r->start);
	r->done = e ? e->at : 0;
	/* A step of the petition's own handling (from receipt) that was never
	 * recorded ends with the answer: the answer cannot come before it. */
	if (e == NULL && is(from, "received") && rp->lc.answered_at >= r->start &&
	    rp->lc.answered_at != 0)
		r->done = rp->lc.answered_at;
	if (is(from, "received"))
		rc = due_paused(j->cal, r->start, per, rp, r->done, &r->due);
	else
		rc = deadline_due(j->cal, r->start, per, NULL, 0, &r->due);
	if (rc == -1)
		return -1;
	r->paused = rc == 1;
	if (ext && rp->lc.extended) {
		r->due = rp->lc.extended_due;
		r->paused = 0;
	}
	status(j, r);
	return 0;
}

static int
carries_statutory(const struct eng_measure *m)
{
	return is(m->basis, "statutory") && is(m->from, "received") &&
	    is(m->to, "answered");
}

static int
measure_result(const struct job *j, const struct eng_measure *m,
    struct eng_result *r, char *why, size_t len)
{
	const struct eng_petition *p = j->p;
	struct dl_period per;
	int	 rc;

	result_init(r, m->id, m->basis);
	if (m->target == NULL || m->target[0] == '\0') {
		na(r, "measured by rings, not time");
		return 0;
	}
	if (carries_statutory(m) && p->statutory_value > 0)
		rc = dl_period_statutory(p->statutory_value, p->statutory_unit, &per);
	else
		rc = dl_period_parse(m->target, m->clock, &per);
	if (rc == -1 || clock_result(j, m->from, m->to, &per,
	    carries_statutory(m) || is(m->to, "answered"), r) == -1) {
		snprintf(why, len, "measure %.64s: its period (%.32s, %.32s) cannot"
		    " be counted", m->id ? m->id : "", m->target,
		    m->clock ? m->clock : "working-hours");
		return -1;
	}
	return 0;
}

static int
statutory_result(const struct job *j, struct eng_result *r, char *why, size_t len)
{
	const struct eng_petition *p = j->p;
	struct dl_period per;

	result_init(r, ENGINE_STATUTORY_ID, "statutory");
	if (p->statutory_value == 0) {
		na(r, "no statutory period");
		return 0;
	}
	if (dl_period_statutory(p->statutory_value, p->statutory_unit, &per) == -1 ||
	    clock_result(j, "received", "answered", &per, 1, r) == -1) {
		snprintf(why, len, "the statutory period (%u %.16s) cannot be counted",
		    p->statutory_value, p->statutory_unit ? p->statutory_unit : "");
		return -1;
	}
	return 0;
}

int
engine_evaluate(const struct calendar *cal, const struct eng_petition *p,
    const struct eng_measure *m, size_t nm, const struct lc_event *ev, size_t ne,
    time_t now, struct eng_eval *out, char *why, size_t len)
{
	struct replay	 rp;
	struct job	 j = { cal, p, &rp, now };
	size_t		 i;
	int		 carried = 0;

	memset(out, 0, sizeof(*out));
	if (nm > ENGINE_MEASURES_MAX || replay(p->received, ev, ne, &rp) == -1) {
		snprintf(why, len, "too many measures (%zu) or events (%zu)", nm, ne);
		return -1;
	}
	out->lc = rp.lc;
	for (i = 0; i < nm; i++) {
		if (measure_result(&j, &m[i], &out->r[out->n++], why, len) == -1)
			return -1;
		carried |= carries_statutory(&m[i]);
	}
	if (!carried && statutory_result(&j, &out->r[out->n++], why, len) == -1)
		return -1;
	for (i = 0; i < out->n; i++) {
		const struct eng_result *r = &out->r[i];
		if (r->status == ES_BREACHED)
			out->breached = 1;
		/* what is still to do: pending, or breached and not yet done
		 * (overdue) while the petition is open */
		if (lc_open(out->lc.state) && r->done == 0 &&
		    (r->status == ES_PENDING || r->status == ES_BREACHED) &&
		    r->due && (out->next_due == 0 || r->due < out->next_due))
			out->next_due = r->due;
	}
	return 0;
}

const struct eng_result *
engine_statutory(const struct eng_eval *e)
{
	const struct eng_result *first = NULL;
	size_t	 i;

	for (i = 0; i < e->n; i++) {
		if (strcmp(e->r[i].id, ENGINE_STATUTORY_ID) == 0)
			return &e->r[i];
		if (first == NULL && strcmp(e->r[i].basis, "statutory") == 0)
			first = &e->r[i];
	}
	return first;
}

static int
say(char *why, size_t len, const char *pre, time_t t, const char *mid,
    time_t u, const char *post)
{
	char	 a[32], b[32];

	time_kst(t, a);
	time_kst(u, b);
	snprintf(why, len, "%s%s%s%s%s", pre, a, mid, u ? b : "", post);
	return -1;
}

int
engine_check_extension(const struct calendar *cal, const struct eng_petition *p,
    const struct eng_eval *before, const struct lc_event *ext,
    char *why, size_t len)
{
	const struct eng_result *st = engine_statutory(before);
	struct lc	 lc = before->lc;
	struct dl_period per;
	time_t		 limit;

	if (ext->reason == NULL || ext->reason[0] == '\0') {
		snprintf(why, len, "an extension needs a reason and a new due date"
		    " (Decree art. 21: the petitioner is told both)");
		return -1;
	}
	if (lc_apply(&lc, p->received, ext, why, len) == -1)
		return -1;
	if (st == NULL || st->status == ES_NA || p->statutory_value == 0 ||
	    dl_period_statutory(p->statutory_value, p->statutory_unit, &per) == -1) {
		snprintf(why, len, "the petition has no statutory period to extend");
		return -1;
	}
	if (st->done)
		return say(why, len, "the petition was answered on ", st->done,
		    "; there is nothing to extend", 0, "");
	if (st->paused || st->due == 0) {
		snprintf(why, len, "the clock is stopped while a supplement is"
		    " awaited; extend the period after supplement-received");
		return -1;
	}
	if (st->due < ext->at)
		return say(why, len, "the period already ran out on ", st->due,
		    "; it can no longer be extended", 0, "");
	if (ext->due <= st->due)
		return say(why, len, "the new due date ", ext->due,
		    " must be after the current one, ", st->due, "");
	if (deadline_extension_limit(cal, st->due, &per, &limit) == -1) {
		snprintf(why, len, "the extension limit cannot be counted");
		return -1;
	}
	if (ext->due > limit)
		return say(why, len, "the new due date ", ext->due, " is past the"
		    " limit, ", limit, ": an extension adds at most the original"
		    " period (Decree art. 21)");
	return 0;
}

/* 1 if the rule's exclusions or condition keep this petition out. */
static int
excluded(const struct eng_petition *p, const struct eng_eval *e,
    const struct eng_comp_rule *r)
{
	const char *const *k;
	int	 immediate = is(p->statutory_unit, "hours") &&
	    p->statutory_value > 0 && p->statutory_value <= 3;

	for (k = r->excl_kinds; k && *k; k++)
		if (is(p->kind, *k) || (immediate && strcmp(*k, "immediate") == 0))
			return 1;
	if ((r->excl_supplemented && e->lc.supplemented) ||
	    (r->excl_extended && e->lc.extended))
		return 1;
	return r->condition && *r->condition && !is(p->channel, r->condition) &&
	    !is(p->kind, r->condition) &&
	    !(is(r->condition, "internet") && is(p->channel, "board"));
}

struct ents {
	struct eng_entitlement *v;
	size_t	 n, max;
};

static void
add(struct ents *o, const struct eng_comp_rule *r, const char *key, time_t at,
    const char *standard)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0)
			return;
	if (o->n == o->max)
		return;
	o->v[o->n].rule = r;
	snprintf(o->v[o->n].key, sizeof(o->v[o->n].key), "%s", key);
	snprintf(o->v[o->n].standard, sizeof(o->v[o->n].standard), "%s",
	    standard ? standard : "");
	o->v[o->n++].at = at;
}

static void
entitle(const struct eng_eval *e, const struct replay *rp,
    const struct eng_comp_rule *r, struct ents *o)
{
	const struct eng_result *st, *first = NULL;
	char	 key[96];
	size_t	 i;

	if (is(r->trigger, "statutory-missed")) {
		if ((st = engine_statutory(e)) != NULL && st->status == ES_BREACHED)
			add(o, r, r->id, st->due, st->id);
	} else if (is(r->trigger, "standard-missed")) {
		/* the department target missed first */
		for (i = 0; i < e->n; i++)
			if (e->r[i].status == ES_BREACHED &&
			    strcmp(e->r[i].basis, "statutory") != 0 && e->r[i].due != 0 &&
			    (first == NULL || e->r[i].due < first->due))
				first = &e->r[i];
		if (first)
			add(o, r, r->id, first->due, first->id);
	} else {
		for (i = 0; i < rp->n; i++) {
			if (!is(rp->ev[i]->type, r->trigger))
				continue;
			snprintf(key, sizeof(key), "%.64s@%lld", r->id,
			    (long long)rp->ev[i]->at);
			add(o, r, key, rp->ev[i]->at, NULL);
		}
	}
}

size_t
engine_entitlements(const struct eng_petition *p, const struct eng_eval *e,
    const struct eng_comp_rule *rules, size_t nrules, const struct lc_event *ev,
    size_t ne, struct eng_entitlement *out, size_t max)
{
	struct replay	 rp;
	struct ents	 o = { out, 0, max };
	size_t		 i;

	if (replay(p->received, ev, ne, &rp) == -1)
		return 0;
	for (i = 0; i < nrules; i++)
		if (rules[i].id && rules[i].trigger && !excluded(p, e, &rules[i]))
			entitle(e, &rp, &rules[i], &o);
	return o.n;
}
