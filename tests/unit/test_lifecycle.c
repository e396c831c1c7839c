/* test_lifecycle: the petition's state machine (src/domain/lifecycle.h):
 * every allowed transition and every refusal with the reason an officer
 * reads. Each case replays a history (one event an hour after receipt),
 * then applies one event and checks the result, the state and the reason. */
#include <string.h>
#include <time.h>
#include "domain/lifecycle.h"
#include "tap.h"

#define H	3600

/* Received Mon 2026-11-23 10:00 KST (01:00 UTC). */
static time_t
t0(void)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 1 };

	return timegm(&tm);
}

struct lcase {
	const char	*what;		/* what the case shows */
	const char	*history;	/* space-separated events before, hourly */
	const char	*type;		/* the event applied */
	int		 at_h;		/* its instant: hours after receipt */
	const char	*reason;	/* extended: NULL for none */
	int		 due_h;		/* extended: new due, hours after receipt; 0 none */
	int		 consent;
	int		 rc;		/* 0 accepted, -1 refused */
	enum lc_state	 state;		/* the state after */
	const char	*why;		/* refused: a part of the reason */
};

#define OK(w, h, t, s)		{ w, h, t, 50, NULL, 0, 0, 0, s, NULL }
#define NO(w, h, t, s, y)	{ w, h, t, 50, NULL, 0, 0, -1, s, y }

static const struct lcase cases[] = {
	/* work events move a received petition in progress */
	OK("forwarded from received", "", "forwarded", LC_IN_PROGRESS),
	OK("contacted from received", "", "contacted", LC_IN_PROGRESS),
	OK("assigned from received", "", "assigned", LC_IN_PROGRESS),
	OK("investigated from received", "", "investigated", LC_IN_PROGRESS),
	OK("a second work event keeps it in progress", "forwarded", "contacted", LC_IN_PROGRESS),
	/* events named by measures count as work */
	OK("visitor-arrived from received", "", "visitor-arrived", LC_IN_PROGRESS),
	OK("officer-found after visitor-arrived", "visitor-arrived", "officer-found", LC_IN_PROGRESS),
	OK("call-missed from received", "", "call-missed", LC_IN_PROGRESS),
	OK("called-back after call-missed", "call-missed", "called-back", LC_IN_PROGRESS),
	OK("feedback-received from received", "", "feedback-received", LC_IN_PROGRESS),
	/* a work event while a supplement is awaited leaves it waiting */
	OK("forwarded while awaiting a supplement", "supplement-requested", "forwarded",
	    LC_AWAITING_SUPPLEMENT),
	/* ... and after the answer leaves it answered (feedback on an answer) */
	OK("feedback-received after the answer", "answered", "feedback-received", LC_ANSWERED),
	OK("answered again after feedback", "answered feedback-received", "answered", LC_ANSWERED),
	/* answers */
	OK("answered straight from received", "", "answered", LC_ANSWERED),
	OK("answered from in progress", "forwarded", "answered", LC_ANSWERED),
	OK("result-notified counts as answered (complaint)", "assigned investigated",
	    "result-notified", LC_ANSWERED),
	OK("answered after the supplement arrived", "supplement-requested supplement-received",
	    "answered", LC_ANSWERED),
	/* supplements */
	OK("supplement-requested from received", "", "supplement-requested",
	    LC_AWAITING_SUPPLEMENT),
	OK("supplement-requested from in progress", "forwarded", "supplement-requested",
	    LC_AWAITING_SUPPLEMENT),
	OK("supplement-received ends the pause", "supplement-requested", "supplement-received",
	    LC_IN_PROGRESS),
	OK("a second request once the first was met", "supplement-requested supplement-received",
	    "supplement-requested", LC_AWAITING_SUPPLEMENT),
	/* closing and withdrawing */
	OK("closed after the answer", "answered", "closed", LC_CLOSED),
	OK("withdrawn from received", "", "withdrawn", LC_WITHDRAWN),
	OK("withdrawn from in progress", "forwarded", "withdrawn", LC_WITHDRAWN),
	OK("withdrawn while awaiting a supplement", "supplement-requested", "withdrawn",
	    LC_WITHDRAWN),
	OK("withdrawn after the answer", "answered", "withdrawn", LC_WITHDRAWN),
	/* revisit and dissatisfaction in every state but withdrawn */
	OK("revisit while received", "", "revisit", LC_RECEIVED),
	OK("revisit in progress", "forwarded", "revisit", LC_IN_PROGRESS),
	OK("revisit awaiting a supplement", "supplement-requested", "revisit",
	    LC_AWAITING_SUPPLEMENT),
	OK("revisit after the answer", "answered", "revisit", LC_ANSWERED),
	OK("revisit after closing", "answered closed", "revisit", LC_CLOSED),
	OK("dissatisfaction while received", "", "dissatisfaction", LC_RECEIVED),
	OK("dissatisfaction after closing", "answered closed", "dissatisfaction", LC_CLOSED),
	/* extensions */
	{ "extended in progress with a reason and a due", "forwarded", "extended", 50,
	    "site inspection", 200, 0, 0, LC_IN_PROGRESS, NULL },
	{ "extended while received", "", "extended", 50, "expert review", 200, 0, 0,
	    LC_RECEIVED, NULL },
	{ "extended while awaiting a supplement", "supplement-requested", "extended", 50,
	    "expert review", 200, 0, 0, LC_AWAITING_SUPPLEMENT, NULL },
	{ "a second extension with the petitioner's consent", "forwarded extended",
	    "extended", 50, "hearing", 300, 1, 0, LC_IN_PROGRESS, NULL },

	/* refusals */
	{ "an event before the receipt", "", "forwarded", -1, NULL, 0, 0, -1, LC_RECEIVED,
	    "the event comes before the petition's receipt (2026-11-23 10:00 KST)" },
	NO("forwarded after withdrawn", "withdrawn", "forwarded", LC_WITHDRAWN,
	    "the petition was withdrawn on 2026-11-23 11:00 KST; no event can follow"),
	NO("revisit after withdrawn", "withdrawn", "revisit", LC_WITHDRAWN, "withdrawn on"),
	NO("dissatisfaction after withdrawn", "withdrawn", "dissatisfaction", LC_WITHDRAWN,
	    "no event can follow"),
	NO("withdrawn twice", "withdrawn", "withdrawn", LC_WITHDRAWN, "no event can follow"),
	NO("answered after withdrawn", "forwarded withdrawn", "answered", LC_WITHDRAWN,
	    "withdrawn on 2026-11-23 12:00 KST"),
	NO("answered while awaiting a supplement", "supplement-requested", "answered",
	    LC_AWAITING_SUPPLEMENT, "a supplement was requested on 2026-11-23 11:00 KST and"
	    " has not arrived; record supplement-received before the answer"),
	NO("result-notified while awaiting a supplement", "assigned supplement-requested",
	    "result-notified", LC_AWAITING_SUPPLEMENT, "record supplement-received before"),
	NO("supplement-received with no request (received)", "", "supplement-received",
	    LC_RECEIVED, "no supplement request is pending"),
	NO("supplement-received with no request (in progress)", "forwarded",
	    "supplement-received", LC_IN_PROGRESS, "no supplement request is pending"),
	NO("supplement-received twice", "supplement-requested supplement-received",
	    "supplement-received", LC_IN_PROGRESS, "no supplement request is pending"),
	NO("a second supplement request while one is open", "supplement-requested",
	    "supplement-requested", LC_AWAITING_SUPPLEMENT,
	    "the supplement requested on 2026-11-23 11:00 KST has not arrived yet"),
	NO("a supplement request after the answer", "answered", "supplement-requested",
	    LC_ANSWERED, "the petition was answered on 2026-11-23 11:00 KST; a supplement"
	    " can no longer be requested"),
	NO("closed before any answer", "", "closed", LC_RECEIVED,
	    "the petition has not been answered yet; it can be closed only after its answer"),
	NO("closed in progress", "forwarded", "closed", LC_IN_PROGRESS, "not been answered"),
	NO("closed while awaiting a supplement", "supplement-requested", "closed",
	    LC_AWAITING_SUPPLEMENT, "not been answered"),
	NO("closed twice", "answered closed", "closed", LC_CLOSED,
	    "the petition was already closed on 2026-11-23 12:00 KST"),
	NO("withdrawn after closing", "answered closed", "withdrawn", LC_CLOSED,
	    "it can no longer be withdrawn"),
	NO("forwarded after closing", "answered closed", "forwarded", LC_CLOSED,
	    "the petition was closed on 2026-11-23 12:00 KST; only revisit or dissatisfaction"),
	NO("a measure's event after closing", "answered closed", "visitor-arrived", LC_CLOSED,
	    "closed on"),
	NO("answered after closing", "answered closed", "answered", LC_CLOSED, "closed on"),
	NO("supplement-requested after closing", "answered closed", "supplement-requested",
	    LC_CLOSED, "closed on"),
	/* a feed's history carries no reason: the lifecycle takes it; staff
	 * must give one (engine_check_extension, test_engine) */
	{ "extended without a reason (a feed's history)", "forwarded", "extended", 50, NULL,
	    200, 0, 0, LC_IN_PROGRESS, NULL },
	{ "extended with an empty reason (a feed's history)", "forwarded", "extended", 50, "",
	    200, 0, 0, LC_IN_PROGRESS, NULL },
	{ "extended without a due date", "forwarded", "extended", 50, "inspection", 0, 0, -1,
	    LC_IN_PROGRESS, "a new due date" },
	{ "a second extension without consent", "forwarded extended", "extended", 50,
	    "again", 300, 0, -1, LC_IN_PROGRESS,
	    "already extended once on 2026-11-23 12:00 KST; a second extension needs the"
	    " petitioner's consent (Decree art. 21)" },
	{ "extended after the answer", "answered", "extended", 50, "late", 300, 0, -1,
	    LC_ANSWERED, "the petition was answered on 2026-11-23 11:00 KST; there is no"
	    " period left to extend" },
	{ "extended after closing", "answered closed", "extended", 50, "late", 300, 0, -1,
	    LC_CLOSED, "closed on" },
	NO("an unknown event", "", "teleported", LC_RECEIVED, "unknown event type \"teleported\""),
	NO("the receipt is no event", "", "received", LC_RECEIVED, "unknown event type"),
};

/* Replays history (hourly from receipt); -1 if the history was refused. */
static int
replay(struct lc *lc, time_t rec, const char *history)
{
	char	 buf[256], *p, *save = NULL;
	int	 h = 1;
	struct lc_event ev;

	lc_init(lc);
	snprintf(buf, sizeof(buf), "%s", history);
	for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save), h++) {
		memset(&ev, 0, sizeof(ev));
		ev.type = p;
		ev.at = rec + h * H;
		ev.reason = "inspection";
		ev.due = rec + 100 * H;
		if (lc_apply(lc, rec, &ev, NULL, 0) == -1)
			return -1;
	}
	return 0;
}

static void
run_case(const struct lcase *c, time_t rec)
{
	struct lc lc, before;
	struct lc_event ev = { 0 };
	char	 why[256] = "";
	int	 rc;

	if (replay(&lc, rec, c->history) == -1) {
		ok(0, "%s: history \"%s\" replays", c->what, c->history);
		return;
	}
	before = lc;
	ev.type = c->type;
	ev.at = rec + (time_t)c->at_h * H;
	ev.reason = c->reason;
	ev.due = c->due_h ? rec + (time_t)c->due_h * H : 0;
	ev.consent = c->consent;
	rc = lc_apply(&lc, rec, &ev, why, sizeof(why));
	is_int(rc, c->rc, "%s: %s", c->what, c->rc ? "refused" : "accepted");
	is_str(lc_state_name(lc.state), lc_state_name(c->state), "%s: state", c->what);
	if (c->rc == -1) {
		ok(strstr(why, c->why) != NULL, "%s: says why", c->what);
		if (!strstr(why, c->why))
			diag("got \"%s\"", why);
		ok(memcmp(&lc, &before, sizeof(lc)) == 0, "%s: nothing changed", c->what);
	}
}

/* The facts the state carries besides the state. */
static void
facts(time_t rec)
{
	struct lc lc;

	replay(&lc, rec, "forwarded supplement-requested");
	is_int(lc.pause_from, rec + 2 * H, "the open pause starts at the request");
	ok(lc_open(lc.state), "awaiting a supplement is open");
	replay(&lc, rec, "forwarded supplement-requested supplement-received answered");
	ok(lc.supplemented, "supplemented once the supplement arrived");
	is_int(lc.pause_from, 0, "no open pause after it arrived");
	is_int(lc.answered_at, rec + 4 * H, "answered_at is the answer's instant");
	ok(!lc_open(lc.state), "an answered petition is not open");
	replay(&lc, rec, "answered feedback-received answered closed");
	is_int(lc.answered_at, rec + 1 * H, "answered_at stays the first answer");
	is_int(lc.closed_at, rec + 4 * H, "closed_at is the closing's instant");
	replay(&lc, rec, "assigned result-notified");
	is_int(lc.answered_at, rec + 2 * H, "result-notified sets answered_at");
	replay(&lc, rec, "forwarded extended");
	ok(lc.extended, "extended");
	is_int(lc.extended_due, rec + 100 * H, "the extension's new due");
	is_int(lc.extended_at, rec + 2 * H, "the extension's instant");
	is_str(lc_state_name(lc.state), "in-progress", "an extension keeps the state");
	replay(&lc, rec, "supplement-requested withdrawn");
	is_int(lc.closed_at, rec + 2 * H, "withdrawn sets closed_at");
	is_int(lc.pause_from, 0, "withdrawn ends the pause");
	ok(!lc_open(lc.state), "a withdrawn petition is not open");
	replay(&lc, rec, "");
	ok(lc_open(lc.state), "a received petition is open");
	is_str(lc_state_name(LC_AWAITING_SUPPLEMENT), "awaiting-supplement", "state name");
	is_str(lc_state_name(LC_WITHDRAWN), "withdrawn", "state name");
}

int
main(void)
{
	time_t	 rec = t0();
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], rec);
	facts(rec);
	return done_testing();
}
