/* engine_store: applies the engine to stored petitions — loads a petition's
 * facts, measures and events, evaluates them (engine.h), and writes the
 * results back (petition_measures' status/due/done/late/paused, the
 * petition's state, flags, statutory_due, next_due, breached); books a breach
 * it finds (breach_booked_at, once: only where it is still NULL) and the
 * compensation that arises (ledger.h); records staff events after checking
 * them against the lifecycle. */
#ifndef CHARTER_ENGINE_STORE_H
#define CHARTER_ENGINE_STORE_H
#include <stddef.h>
#include <time.h>
#include "../domain/calendar.h"
#include "../domain/engine.h"
#include "../domain/lifecycle.h"

struct db;
struct conf;
struct rules_cache;
struct estore;

struct estore	*estore_new(struct db *, const struct calendar *, const struct conf *,
		    struct rules_cache *);
void		 estore_free(struct estore *);
/* The calendar may be replaced (reloaded) between calls. */
void		 estore_set_calendar(struct estore *, const struct calendar *);

/* Re-evaluates petition id at now and writes the results, in the caller's
 * transaction when one is open (in_tx), else in its own. by names who
 * caused it ("sweep:host:pid", "token:12", "feed:g4c"). 0, or -1. */
int	 estore_reevaluate(struct estore *, unsigned long long id, int in_tx,
	    time_t now, const char *by);

enum estore_rc {
	ER_OK,		/* recorded and evaluated */
	ER_REFUSED,	/* the lifecycle refuses it (409; why says why) */
	ER_INVALID,	/* not an event this petition knows, bad extension fields (422) */
	ER_NOTFOUND,	/* no such receipt (404) */
	ER_DBERR	/* nothing stored */
};
/* Records one staff event on the petition with this receipt number, in one
 * transaction with its re-evaluation; the event's type is one of
 * http-api.md's or an event a measure of the petition names. */
enum estore_rc estore_record(struct estore *, const char *receipt,
	    const struct lc_event *, int consent, const char *note,
	    const char *recorded_by, time_t now, char *why, size_t whylen);
/* The same, with the officer's unit and contact (Decree art. 31), stored
 * with the officer's name on forwarded/assigned; NULL when not given. */
enum estore_rc estore_record_officer(struct estore *, const char *receipt,
	    const struct lc_event *, int consent, const char *note,
	    const char *officer_unit, const char *officer_phone,
	    const char *recorded_by, time_t now, char *why, size_t whylen);

/* The configuration's calendar: working_hours, then the holidays file.
 * 0, or -1 with "FILE:LINE: why" in err (cal is then still valid, freed
 * by calendar_free). */
int	 estore_load_calendar(struct calendar *, const struct conf *,
	    char *err, size_t errlen);

/* Intake without a round trip: a new petition evaluated in memory before
 * it is stored, so that its rows are written once, already carrying their
 * results (the same results estore_reevaluate would write just after). */
struct estore_intake {
	/* in: the statutory period from the feed or the charter (0: none),
	 * the applicable measures, the events as they will be stored (once
	 * each, in the order of their instants), the charter version, now */
	struct eng_petition	 pet;
	const struct eng_measure *ms;
	size_t			 nm;
	const struct lc_event	*ev;
	size_t			 ne;
	unsigned long long	 vid;
	time_t			 now;
	/* out */
	int			 evaluated;	/* 0: not evaluable (logged): no results */
	int			 stat_law;	/* the period is the configuration's */
	unsigned		 stat_value;
	char			 unit[8];
	struct eng_eval		 eval;		/* a period run out stays pending */
	time_t			 next_due;
	int			 breached;
	int			 entitled;	/* compensation arises: re-evaluate once stored */
};
/* Fills the out part of in. 0, or -1 (the rules cannot be read). */
int	 estore_intake(struct estore *, struct estore_intake *in);

#endif
