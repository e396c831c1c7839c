/* engine: evaluates one petition against the standards that apply to it —
 * for each measure a result (pending with its due instant, met, breached
 * with how late, not applicable) — and decides which compensation rules it
 * is entitled to. Pure: the caller loads the facts and stores the results.
 *
 * The statutory period is always tracked: the applicable measure with basis
 * "statutory" from received to answered carries it (its target replaced by
 * the petition's own statutory period when the petition has one); when the
 * charter states none, a result with id ENGINE_STATUTORY_ID is added from the
 * petition's statutory period. Supplement pauses stop every clock from
 * "received"; an extension moves the statutory due (and any measure to
 * "answered") to the extension's new due instant. */
#ifndef CHARTER_ENGINE_H
#define CHARTER_ENGINE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "calendar.h"
#include "lifecycle.h"

#define ENGINE_STATUTORY_ID "statutory"
#define ENGINE_MEASURES_MAX 64
#define ENGINE_EVENTS_MAX 512

struct eng_petition {
	const char	*kind, *channel;
	time_t		 received;
	unsigned	 statutory_value;	/* 0: none known */
	const char	*statutory_unit;	/* "hours" or "days" */
};

struct eng_measure {			/* a row of petition_measures */
	const char	*id, *from, *to;
	const char	*target;	/* ISO 8601; NULL or "" for rings */
	unsigned	 rings;
	const char	*clock, *basis;	/* basis "statutory" or "department" */
};

enum eng_status { ES_PENDING, ES_MET, ES_BREACHED, ES_NA };

struct eng_result {
	char		 id[65];	/* the measure's id, or ENGINE_STATUTORY_ID */
	char		 basis[17];
	enum eng_status	 status;
	time_t		 start;		/* when its clock started; 0 not yet */
	time_t		 due;		/* 0: unknown (not started, or paused) */
	time_t		 done;		/* the instant of its end event; 0 */
	int64_t		 late;		/* breached: seconds past due (at done, or at now) */
	int		 paused;	/* its clock is stopped now */
	const char	*why_na;	/* ES_NA: "measured by rings, not time", ... */
};

struct eng_eval {
	struct lc	 lc;		/* the state after every event */
	struct eng_result r[ENGINE_MEASURES_MAX + 1];
	size_t		 n;
	time_t		 next_due;	/* nearest due of a result still to do: pending,
					 * or breached and not done (overdue); 0 */
	int		 breached;	/* some result is breached */
};

/* Evaluates at instant now. Events need not be sorted; those the lifecycle
 * refuses are skipped (a feed's history is taken as it comes). 0, or -1 when
 * a measure cannot be counted (why says which). */
int	 engine_evaluate(const struct calendar *, const struct eng_petition *,
	    const struct eng_measure *, size_t nm, const struct lc_event *, size_t ne,
	    time_t now, struct eng_eval *out, char *why, size_t whylen);

/* Checks an extension event against the evaluation before it: a reason,
 * a new due after the current statutory due, no later than
 * deadline_extension_limit. 0, or -1 with why. */
int	 engine_check_extension(const struct calendar *, const struct eng_petition *,
	    const struct eng_eval *before, const struct lc_event *ext,
	    char *why, size_t whylen);

/* A compensation rule in force (rules.h reads them from the charters). */
struct eng_comp_rule {
	const char	*id;
	const char	*trigger;	/* "statutory-missed", "standard-missed", or an event type ("revisit") */
	long		 amount;
	const char	*currency, *form;
	const char	*condition;	/* a channel or kind the rule is limited to; NULL */
	const char *const *excl_kinds;	/* NULL-terminated; "immediate" also matches a statutory period of 3 working hours or less */
	int		 excl_supplemented, excl_extended;
};

struct eng_entitlement {
	const struct eng_comp_rule *rule;
	char		 key[96];	/* once per petition: rule id, or rule id + "@" + event instant for event triggers */
	time_t		 at;		/* when it arose: the breach's due, or the event's instant */
	char		 standard[65];	/* the breached result's id behind a breach trigger; "" for event triggers */
};

/* The result that tracks the statutory period (ENGINE_STATUTORY_ID, else
 * the first with basis "statutory"), or NULL. */
const struct eng_result *engine_statutory(const struct eng_eval *);

/* The entitlements a petition has now. Returns how many were written. */
size_t	 engine_entitlements(const struct eng_petition *, const struct eng_eval *,
	    const struct eng_comp_rule *, size_t nrules, const struct lc_event *, size_t ne,
	    struct eng_entitlement *out, size_t max);

#endif
