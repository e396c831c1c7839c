/* lifecycle: the petition's state machine (lifecycle.h). Each refusal says
 * why in words an officer understands: the events endpoint answers 409 with
 * it. */
#include <stdio.h>
#include <string.h>
#include "util/timefmt.h"
#include "lifecycle.h"

enum ev_class {
	EV_WORK,		/* forwarded, contacted, a measure's event ... */
	EV_ANSWER,		/* answered, result-notified */
	EV_SUPP_REQ, EV_SUPP_RCV, EV_EXTENDED, EV_CLOSED, EV_WITHDRAWN,
	EV_NOTE,		/* revisit, dissatisfaction */
	EV_UNKNOWN
};

static const struct {
	const char	*name;
	enum ev_class	 cls;
} classes[] = {
	{ "forwarded", EV_WORK }, { "contacted", EV_WORK },
	{ "assigned", EV_WORK }, { "investigated", EV_WORK },
	{ "feedback-received", EV_WORK }, { "call-rung", EV_WORK },
	{ "call-answered", EV_WORK }, { "call-missed", EV_WORK },
	{ "called-back", EV_WORK }, { "visitor-arrived", EV_WORK },
	{ "visitor-greeted", EV_WORK }, { "visitor-consulted", EV_WORK },
	{ "officer-found", EV_WORK },
	{ "answered", EV_ANSWER }, { "result-notified", EV_ANSWER },
	{ "supplement-requested", EV_SUPP_REQ },
	{ "supplement-received", EV_SUPP_RCV },
	{ "extended", EV_EXTENDED }, { "closed", EV_CLOSED },
	{ "withdrawn", EV_WITHDRAWN },
	{ "revisit", EV_NOTE }, { "dissatisfaction", EV_NOTE },
};

static const char *const names[] = {
	[LC_RECEIVED] = "received", [LC_IN_PROGRESS] = "in-progress",
	[LC_AWAITING_SUPPLEMENT] = "awaiting-supplement",
	[LC_ANSWERED] = "answered", [LC_CLOSED] = "closed",
	[LC_WITHDRAWN] = "withdrawn"
};

const char *
lc_state_name(enum lc_state s)
{
	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unknown";
}

int
lc_open(enum lc_state s)
{
	return s == LC_RECEIVED || s == LC_IN_PROGRESS || s == LC_AWAITING_SUPPLEMENT;
}

void
lc_init(struct lc *lc)
{
	memset(lc, 0, sizeof(*lc));
	lc->state = LC_RECEIVED;
}

static enum ev_class
classify(const char *type)
{
	size_t	 i;

	for (i = 0; type && i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(type, classes[i].name) == 0)
			return classes[i].cls;
	return EV_UNKNOWN;
}

/* Writes the reason, pre + an instant in KST + post, and returns -1. */
static int
refuse(char *why, size_t len, const char *pre, time_t t, const char *post)
{
	char	 when[32];

	time_kst(t, when);
	if (why && len)
		snprintf(why, len, "%s%s%s", pre, when, post);
	return -1;
}

static int
closed(const struct lc *lc, char *why, size_t len)
{
	return refuse(why, len, "the petition was closed on ",
	    lc->closed_at, "; only revisit or"
	    " dissatisfaction can be recorded after that");
}

static int
work(struct lc *lc, char *why, size_t len)
{
	if (lc->state == LC_CLOSED)
		return closed(lc, why, len);
	if (lc->state == LC_RECEIVED)
		lc->state = LC_IN_PROGRESS;
	return 0;
}

static int
answer(struct lc *lc, time_t at, char *why, size_t len)
{
	if (lc->state == LC_CLOSED)
		return closed(lc, why, len);
	if (lc->state == LC_AWAITING_SUPPLEMENT)
		return refuse(why, len, "a supplement was requested on ",
		    lc->pause_from, " and has"
		    " not arrived; record supplement-received before the answer");
	lc->state = LC_ANSWERED;
	if (lc->answered_at == 0)
		lc->answered_at = at;
	return 0;
}

static int
supplement_requested(struct lc *lc, time_t at, char *why, size_t len)
{
	switch (lc->state) {
	case LC_CLOSED:
		return closed(lc, why, len);
	case LC_AWAITING_SUPPLEMENT:
		return refuse(why, len, "the supplement requested on ",
		    lc->pause_from, " has not"
		    " arrived yet; record supplement-received before another request");
	case LC_ANSWERED:
		return refuse(why, len, "the petition was answered on ",
		    lc->answered_at, "; a"
		    " supplement can no longer be requested");
	default:
		lc->state = LC_AWAITING_SUPPLEMENT;
		lc->pause_from = at;
		return 0;
	}
}

static int
supplement_received(struct lc *lc, char *why, size_t len)
{
	if (lc->state != LC_AWAITING_SUPPLEMENT) {
		if (why && len)
			snprintf(why, len, "no supplement request is pending: record"
			    " supplement-requested first");
		return -1;
	}
	lc->state = LC_IN_PROGRESS;
	lc->supplemented = 1;
	lc->pause_from = 0;
	return 0;
}

static int
extended(struct lc *lc, const struct lc_event *ev, char *why, size_t len)
{
	/* The reason staff must give is checked with the extension's limits
	 * (engine_check_extension); a feed's history carries none. */
	if (ev->due <= 0) {
		if (why && len)
			snprintf(why, len, "an extension needs a new due date"
			    " (Decree art. 21)");
		return -1;
	}
	if (lc->state == LC_CLOSED)
		return closed(lc, why, len);
	if (lc->state == LC_ANSWERED)
		return refuse(why, len, "the petition was answered on ",
		    lc->answered_at, "; there is"
		    " no period left to extend");
	if (lc->extended && !ev->consent)
		return refuse(why, len, "already extended once on ",
		    lc->extended_at ? lc->extended_at : lc->extended_due, "; a second"
		    " extension needs the petitioner's consent (Decree art. 21)");
	lc->extended = 1;
	lc->extended_due = ev->due;
	lc->extended_at = ev->at;
	return 0;
}

static int
close_it(struct lc *lc, time_t at, char *why, size_t len)
{
	if (lc->state == LC_CLOSED)
		return refuse(why, len, "the petition was already closed on ",
		    lc->closed_at, "");
	if (lc->state != LC_ANSWERED) {
		if (why && len)
			snprintf(why, len, "the petition has not been answered yet;"
			    " it can be closed only after its answer");
		return -1;
	}
	lc->state = LC_CLOSED;
	lc->closed_at = at;
	return 0;
}

static int
withdraw(struct lc *lc, time_t at, char *why, size_t len)
{
	if (lc->state == LC_CLOSED)
		return refuse(why, len, "the petition was closed on ",
		    lc->closed_at, "; it can no"
		    " longer be withdrawn");
	lc->state = LC_WITHDRAWN;
	lc->closed_at = at;
	lc->pause_from = 0;
	return 0;
}

static int
dispatch(struct lc *lc, const struct lc_event *ev, char *why, size_t len)
{
	switch (classify(ev->type)) {
	case EV_WORK:
		return work(lc, why, len);
	case EV_ANSWER:
		return answer(lc, ev->at, why, len);
	case EV_SUPP_REQ:
		return supplement_requested(lc, ev->at, why, len);
	case EV_SUPP_RCV:
		return supplement_received(lc, why, len);
	case EV_EXTENDED:
		return extended(lc, ev, why, len);
	case EV_CLOSED:
		return close_it(lc, ev->at, why, len);
	case EV_WITHDRAWN:
		return withdraw(lc, ev->at, why, len);
	case EV_NOTE:
		return 0;
	default:
		if (why && len)
			snprintf(why, len, "unknown event type \"%.40s\"",
			    ev->type ? ev->type : "");
		return -1;
	}
}

int
lc_apply(struct lc *lc, time_t received, const struct lc_event *ev,
    char *why, size_t len)
{
	struct lc next = *lc;

	if (ev->at < received)
		return refuse(why, len, "the event comes before the petition's"
		    " receipt (", received, ")");
	if (lc->state == LC_WITHDRAWN)
		return refuse(why, len, "the petition was withdrawn on ",
		    lc->closed_at, "; no event"
		    " can follow");
	if (dispatch(&next, ev, why, len) == -1)
		return -1;
	*lc = next;
	return 0;
}
