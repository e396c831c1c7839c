/* lifecycle: the states of a petition and the events that move it. Pure.
 *
 * states: received → in-progress (forwarded, contacted, assigned,
 * investigated) → answered (answered, result-notified) → closed; from any
 * open state: awaiting-supplement (supplement-requested) until
 * supplement-received (back to in-progress; the petition is then
 * "supplemented"); withdrawn ends it. extended (once, with a reason and a
 * new due date) marks the petition "extended" without changing its state.
 * revisit and dissatisfaction are recorded in any state but withdrawn.
 * Events are replayed in the order of their instants (then of recording). */
#ifndef CHARTER_LIFECYCLE_H
#define CHARTER_LIFECYCLE_H
#include <stddef.h>
#include <time.h>

enum lc_state {
	LC_RECEIVED, LC_IN_PROGRESS, LC_AWAITING_SUPPLEMENT, LC_ANSWERED,
	LC_CLOSED, LC_WITHDRAWN
};

struct lc_event {
	const char	*type;		/* petition_event_valid() or a measure's event */
	time_t		 at;		/* UTC */
	time_t		 due;		/* extended: the new due instant */
	const char	*reason;	/* extended: required */
	const char	*officer;
	int		 upheld;	/* dissatisfaction: 1 upheld, 0 not */
	int		 consent;	/* extended: the petitioner consents to a second one */
};

struct lc {
	enum lc_state	 state;
	int		 supplemented;	/* a supplement was received */
	int		 extended;	/* an extension was recorded */
	time_t		 extended_due;
	time_t		 answered_at;	/* first answered / result-notified; 0 */
	time_t		 closed_at;	/* closed or withdrawn; 0 */
	time_t		 pause_from;	/* open supplement pause; 0 */
	time_t		 extended_at;	/* the (last) extension's instant; 0 */
};

const char *lc_state_name(enum lc_state);	/* "in-progress" */
/* 1 if the petition is still open (its clocks may run). */
int	 lc_open(enum lc_state);
void	 lc_init(struct lc *);
/* Applies one event at its instant. Returns 0, or -1 with the reason an
 * officer reads in why ("the petition was withdrawn on …; no event can
 * follow", "already extended once: a second extension needs the
 * petitioner's consent", …). `received` is the petition's receipt: an event
 * before it is refused. On -1 the state is unchanged. */
int	 lc_apply(struct lc *, time_t received, const struct lc_event *,
	    char *why, size_t whylen);

#endif
