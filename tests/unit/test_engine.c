/* test_engine: one petition judged against its measures (src/domain/engine.h)
 * on the real calendar (conf/holidays.conf): Pocheon's and Gwangmyeong's
 * measures as their charters state them, met, breached and how late,
 * supplement pauses, extensions and their limit, withdrawn and ring-counted
 * measures, clocks that start at a later event; then the compensation each
 * situation is entitled to under both charters' rules and exclusions.
 * Every expected instant is computed by hand in its comment (Asia/Seoul). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "domain/engine.h"
#include "tap.h"

/* "2026-11-20 17:55" or "2026-11-20 17:55:10" in KST; "" or NULL is 0. */
static time_t
kst(const char *s)
{
	struct tm tm = { 0 };
	int	 y, mo, d, h, mi, sec = 0;

	if (s == NULL || *s == '\0')
		return 0;
	if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 5)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return timegm(&tm) - 9 * 3600;
}

/* ---- the petitions ---- */

struct pet {
	const char	*kind, *channel, *received;
	unsigned	 value;
	const char	*unit;
};

/* Gwangmyeong, an internet simple inquiry received Friday 17:55 (7 days). */
static const struct pet GMI = { "simple-inquiry", "internet", "2026-11-20 17:55", 7, "days" };
/* Gwangmyeong, a visitor's general petition, immediate (3 working hours). */
static const struct pet GMV = { "general", "visit", "2026-11-23 10:00", 3, "hours" };
/* Pocheon, a simple inquiry received Monday 2026-09-21 before 추석 (7 days). */
static const struct pet PCS = { "simple-inquiry", "internet", "2026-09-21 10:00", 7, "days" };
/* Pocheon, the same by mail (mail-forward applies). */
static const struct pet PCM = { "simple-inquiry", "mail", "2026-09-21 10:00", 7, "days" };
/* Pocheon, a complaint (고충민원, 7 days). */
static const struct pet PCC = { "complaint", "internet", "2026-11-23 10:00", 7, "days" };
/* Pocheon, a petition whose statutory period is unknown. */
static const struct pet PCN = { "general", "mail", "2026-11-23 10:00", 0, NULL };
/* Pocheon, legal inquiries: no period of their own (the measure's P14D), and
 * one with its own 7 days. */
static const struct pet PCL = { "legal-inquiry", "internet", "2026-12-23 10:00", 0, NULL };
static const struct pet PCL7 = { "legal-inquiry", "internet", "2026-09-21 10:00", 7, "days" };
/* Pocheon petitions the statutory-missed rule excludes by kind. */
static const struct pet PCIMM = { "immediate", "visit", "2026-11-23 10:00", 3, "hours" };
static const struct pet PCGEN3 = { "general", "visit", "2026-11-23 10:00", 3, "hours" };
static const struct pet PCGRV = { "grievance", "internet", "2026-09-21 10:00", 7, "days" };

static struct eng_petition
petition(const struct pet *p)
{
	struct eng_petition e = { p->kind, p->channel, kst(p->received), p->value, p->unit };

	return e;
}

/* ---- the measures, as the charters state them ---- */

/* gwangmyeong/autonomy.xml, mail and internet petitions */
static const struct eng_measure GM[] = {
	{ "mail-forward", "received", "forwarded", "PT10M", 0, "working-hours", "department" },
	{ "first-contact", "received", "contacted", "PT3H", 0, "", "department" },
	{ "feedback-answer", "feedback-received", "answered", "P3D", 0, "working-days",
	    "department" },
};
/* gwangmyeong/autonomy.xml, visits */
static const struct eng_measure GMVIS[] = {
	{ "visit-officer-found", "visitor-arrived", "officer-found", "PT1M", 0, "calendar",
	    "department" },
	{ "visit-greet", "visitor-arrived", "visitor-greeted", "PT10S", 0, "calendar",
	    "department" },
};
/* pocheon/common.xml, a simple inquiry (internet) */
static const struct eng_measure PC[] = {
	{ "simple-inquiry-answer", "received", "answered", "P7D", 0, "working-days", "statutory" },
};
/* ... by phone: the rings measure applies too */
static const struct eng_measure PCPH[] = {
	{ "phone-rings", "call-rung", "call-answered", NULL, 3, "working-hours", "department" },
	{ "simple-inquiry-answer", "received", "answered", "P7D", 0, "working-days", "statutory" },
};
/* ... by mail: forwarded within an hour */
static const struct eng_measure PCMAIL[] = {
	{ "mail-forward", "received", "forwarded", "PT1H", 0, "working-hours", "department" },
	{ "simple-inquiry-answer", "received", "answered", "P7D", 0, "working-days", "statutory" },
};
/* ... a complaint's three steps (no statutory measure: the engine adds one) */
static const struct eng_measure PCCOMP[] = {
	{ "complaint-assign", "received", "assigned", "P1D", 0, "working-days", "department" },
	{ "complaint-investigate", "received", "investigated", "P3D", 0, "working-days",
	    "department" },
	{ "complaint-result", "received", "result-notified", "P7D", 0, "working-days",
	    "department" },
};
/* ... a legal inquiry */
static const struct eng_measure PCLEG[] = {
	{ "legal-inquiry-answer", "received", "answered", "P14D", 0, "working-days",
	    "statutory" },
};

struct mset {
	const struct eng_measure *m;
	size_t	 n;
};
#define SET(a)	{ a, sizeof(a) / sizeof(a[0]) }
static const struct mset S_GM = SET(GM), S_GMVIS = SET(GMVIS), S_PC = SET(PC),
	S_PCPH = SET(PCPH), S_PCMAIL = SET(PCMAIL), S_PCCOMP = SET(PCCOMP),
	S_PCLEG = SET(PCLEG), S_NONE = { NULL, 0 };

/* ---- events ---- */

struct tev {
	const char	*type, *at, *due, *reason;
	int		 consent;
};
#define EV_MAX	8
#define E(t, a)		{ .type = t, .at = a }
#define X(t, a, d, r)	{ .type = t, .at = a, .due = d, .reason = r }
#define XC(t, a, d, r)	{ .type = t, .at = a, .due = d, .reason = r, .consent = 1 }
#define NOEV		{ { .type = NULL } }

static size_t
events(const struct tev *t, struct lc_event *out)
{
	size_t	 n;

	for (n = 0; n < EV_MAX && t[n].type; n++) {
		memset(&out[n], 0, sizeof(out[n]));
		out[n].type = t[n].type;
		out[n].at = kst(t[n].at);
		out[n].due = kst(t[n].due);
		out[n].reason = t[n].reason;
		out[n].consent = t[n].consent;
	}
	return n;
}

static struct calendar cal;

static int
evaluate(const struct pet *p, const struct mset *ms, const struct tev *t,
    const char *now, struct eng_eval *out)
{
	struct eng_petition ep = petition(p);
	struct lc_event ev[EV_MAX];
	size_t	 ne = events(t, ev);
	char	 why[256] = "";
	int	 rc;

	rc = engine_evaluate(&cal, &ep, ms->m, ms->n, ev, ne, kst(now), out, why,
	    sizeof(why));
	if (rc == -1)
		diag("engine_evaluate: %s", why);
	return rc;
}

static const struct eng_result *
result(const struct eng_eval *e, const char *id)
{
	size_t	 i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->r[i].id, id) == 0)
			return &e->r[i];
	return NULL;
}

/* ---- evaluation cases ---- */

struct ecase {
	const char	*what;
	const struct pet *p;
	const struct mset *ms;
	struct tev	 ev[EV_MAX];
	const char	*now;
	const char	*id;		/* the result checked */
	enum eng_status	 status;
	const char	*due, *done;	/* "" for 0 */
	long long	 late;
	int		 paused;
	const char	*why_na;
};

static const char *const status_name[] = { "pending", "met", "breached", "na" };

static const struct ecase ecases[] = {
	/* Gwangmyeong mail-forward, PT10M working: received Fri 17:55, 5 minutes
	 * that day, 5 more from Mon 09:00 → due Mon 2026-11-23 09:05. */
	{ "GM mail-forward: forwarded Fri 17:59 is met", &GMI, &S_GM,
	    { E("forwarded", "2026-11-20 17:59") }, "2026-11-20 18:30", "mail-forward",
	    ES_MET, "2026-11-23 09:05", "2026-11-20 17:59", 0, 0, NULL },
	{ "GM mail-forward: forwarded Mon 09:20 is 15 minutes late", &GMI, &S_GM,
	    { E("forwarded", "2026-11-23 09:20") }, "2026-11-23 12:00", "mail-forward",
	    ES_BREACHED, "2026-11-23 09:05", "2026-11-23 09:20", 900, 0, NULL },
	{ "GM mail-forward: not forwarded at Mon 10:00, 55 minutes late", &GMI, &S_GM,
	    NOEV, "2026-11-23 10:00", "mail-forward",
	    ES_BREACHED, "2026-11-23 09:05", "", 3300, 0, NULL },
	{ "GM mail-forward: pending over the weekend", &GMI, &S_GM,
	    NOEV, "2026-11-21 12:00", "mail-forward",
	    ES_PENDING, "2026-11-23 09:05", "", 0, 0, NULL },
	/* first-contact PT3H (no clock named: working time): 5 min Fri, 2 h 55
	 * from Mon 09:00 → Mon 11:55. */
	{ "GM first-contact: contacted exactly at the due instant is met", &GMI, &S_GM,
	    { E("contacted", "2026-11-23 11:55") }, "2026-11-23 12:00", "first-contact",
	    ES_MET, "2026-11-23 11:55", "2026-11-23 11:55", 0, 0, NULL },
	{ "GM first-contact: contacted at 13:30 is 1 h 35 late (elapsed)", &GMI, &S_GM,
	    { E("contacted", "2026-11-23 13:30") }, "2026-11-23 14:00", "first-contact",
	    ES_BREACHED, "2026-11-23 11:55", "2026-11-23 13:30", 5700, 0, NULL },
	/* No statutory measure in Gwangmyeong's charter: the engine tracks the
	 * petition's 7 days. Fri 20 (1, the day of receipt even at 17:55), 23,
	 * 24, 25, 26, 27 (6), Mon 30 (7) → end of Mon 2026-11-30. */
	{ "GM statutory 7 days: answered Mon 30 is met", &GMI, &S_GM,
	    { E("answered", "2026-11-30 17:00") }, "2026-12-01 10:00", ENGINE_STATUTORY_ID,
	    ES_MET, "2026-12-01 00:00", "2026-11-30 17:00", 0, 0, NULL },
	/* feedback-answer P3D from feedback-received: not started yet */
	{ "GM feedback-answer: no feedback yet, pending and not started", &GMI, &S_GM,
	    { E("answered", "2026-11-23 11:00") }, "2026-11-24 12:00", "feedback-answer",
	    ES_PENDING, "", "", 0, 0, NULL },
	/* 24 working hours from Tue 10:00: Tue 7 h, Wed 8 h, Thu 8 h, Fri 1 h →
	 * Fri 2026-11-27 10:00; the answer before the feedback does not end it.
	 * Events given out of order: the engine sorts them. */
	{ "GM feedback-answer: starts at the later event, answered Thu is met", &GMI, &S_GM,
	    { E("answered", "2026-11-26 09:00"), E("answered", "2026-11-23 11:00"),
	      E("feedback-received", "2026-11-24 10:00") }, "2026-11-30 10:00",
	    "feedback-answer", ES_MET, "2026-11-27 10:00", "2026-11-26 09:00", 0, 0, NULL },
	{ "GM feedback-answer: answered Fri 11:00 is an hour late", &GMI, &S_GM,
	    { E("answered", "2026-11-23 11:00"), E("feedback-received", "2026-11-24 10:00"),
	      E("answered", "2026-11-27 11:00") }, "2026-11-30 10:00",
	    "feedback-answer", ES_BREACHED, "2026-11-27 10:00", "2026-11-27 11:00", 3600, 0,
	    NULL },
	{ "GM feedback-answer: closed without feedback, not applicable", &GMI, &S_GM,
	    { E("answered", "2026-11-23 11:00"), E("closed", "2026-11-23 12:00") },
	    "2026-11-30 10:00", "feedback-answer", ES_NA, "", "", 0, 0,
	    "its clock never started" },
	/* withdrawn */
	{ "GM mail-forward: withdrawn before its due, not applicable", &GMI, &S_GM,
	    { E("withdrawn", "2026-11-20 17:58") }, "2026-11-23 12:00", "mail-forward",
	    ES_NA, "", "", 0, 0, "withdrawn" },
	{ "GM statutory: withdrawn before its due, not applicable", &GMI, &S_GM,
	    { E("withdrawn", "2026-11-23 10:00") }, "2026-12-03 12:00", ENGINE_STATUTORY_ID,
	    ES_NA, "", "", 0, 0, "withdrawn" },
	{ "GM mail-forward: withdrawn Mon 10:00 after its due, late until then", &GMI, &S_GM,
	    { E("withdrawn", "2026-11-23 10:00") }, "2026-11-25 12:00", "mail-forward",
	    ES_BREACHED, "2026-11-23 09:05", "", 3300, 0, NULL },
	/* Gwangmyeong visits: calendar clocks from visitor-arrived */
	{ "GM visit-officer-found: found in 50 s is met", &GMV, &S_GMVIS,
	    { E("visitor-arrived", "2026-11-23 10:00:00"),
	      E("officer-found", "2026-11-23 10:00:50") }, "2026-11-23 10:05",
	    "visit-officer-found", ES_MET, "2026-11-23 10:01", "2026-11-23 10:00:50", 0, 0,
	    NULL },
	{ "GM visit-officer-found: found after 3 minutes, 2 minutes late", &GMV, &S_GMVIS,
	    { E("visitor-arrived", "2026-11-23 10:00"), E("officer-found", "2026-11-23 10:03") },
	    "2026-11-23 10:05", "visit-officer-found", ES_BREACHED, "2026-11-23 10:01",
	    "2026-11-23 10:03", 120, 0, NULL },
	{ "GM visit-greet PT10S: greeted after 15 s, 5 s late", &GMV, &S_GMVIS,
	    { E("visitor-arrived", "2026-11-23 10:00:00"),
	      E("visitor-greeted", "2026-11-23 10:00:15") }, "2026-11-23 10:05",
	    "visit-greet", ES_BREACHED, "2026-11-23 10:00:10", "2026-11-23 10:00:15", 5, 0,
	    NULL },
	{ "GM visit-greet: no visitor yet, pending without a due", &GMV, &S_GMVIS,
	    NOEV, "2026-11-23 10:05", "visit-greet", ES_PENDING, "", "", 0, 0, NULL },
	/* Pocheon simple-inquiry-answer P7D statutory, received Mon 2026-09-21:
	 * 21, 22, 23 (1-3), 추석 24-26 and Sunday skipped, 28, 29, 30 (4-6), Thu
	 * 2026-10-01 (7) → due at its end (deadlines.md's worked example). */
	{ "PC simple-inquiry-answer: answered Thu 10-01 is met", &PCS, &S_PC,
	    { E("answered", "2026-10-01 17:00") }, "2026-10-02 10:00",
	    "simple-inquiry-answer", ES_MET, "2026-10-02 00:00", "2026-10-01 17:00", 0, 0,
	    NULL },
	{ "PC simple-inquiry-answer: answered Fri 10:00, 10 hours late", &PCS, &S_PC,
	    { E("answered", "2026-10-02 10:00") }, "2026-10-02 12:00",
	    "simple-inquiry-answer", ES_BREACHED, "2026-10-02 00:00", "2026-10-02 10:00",
	    36000, 0, NULL },
	{ "PC simple-inquiry-answer: unanswered at Mon 10-05 09:00, 3 d 9 h late", &PCS,
	    &S_PC, { E("forwarded", "2026-09-21 11:00") }, "2026-10-05 09:00",
	    "simple-inquiry-answer", ES_BREACHED, "2026-10-02 00:00", "", 291600, 0, NULL },
	/* supplement requested Wed 09-23, received Mon 09-28: days 23-28 do not
	 * count (Decree art. 20): 21, 22 (1-2), 29, 30, 10-01, 10-02 (3-6),
	 * 10-03 개천절, 10-04 Sunday, 10-05 대체공휴일, Tue 10-06 (7). */
	{ "PC supplement pause moves the due to the end of Tue 10-06", &PCS, &S_PC,
	    { E("supplement-requested", "2026-09-23 11:00"),
	      E("supplement-received", "2026-09-28 15:00") }, "2026-09-30 10:00",
	    "simple-inquiry-answer", ES_PENDING, "2026-10-07 00:00", "", 0, 0, NULL },
	{ "PC open supplement pause: paused, no due", &PCS, &S_PC,
	    { E("supplement-requested", "2026-09-23 11:00") }, "2026-09-25 12:00",
	    "simple-inquiry-answer", ES_PENDING, "", "", 0, 1, NULL },
	{ "PC an answer while awaiting the supplement is refused and skipped", &PCS, &S_PC,
	    { E("supplement-requested", "2026-09-23 11:00"), E("answered", "2026-09-24 10:00") },
	    "2026-09-25 12:00", "simple-inquiry-answer", ES_PENDING, "", "", 0, 1, NULL },
	/* extension to Fri 10-09 18:00 (a reason, within the limit) */
	{ "PC extension moves the statutory due; answered Thu 10-08 is met", &PCS, &S_PC,
	    { E("forwarded", "2026-09-22 10:00"),
	      X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "site inspection"),
	      E("answered", "2026-10-08 16:00") }, "2026-10-12 09:00",
	    "simple-inquiry-answer", ES_MET, "2026-10-09 18:00", "2026-10-08 16:00", 0, 0,
	    NULL },
	{ "PC extended, unanswered Mon 10-12 09:00: 2 d 15 h late", &PCS, &S_PC,
	    { E("forwarded", "2026-09-22 10:00"),
	      X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "site inspection") },
	    "2026-10-12 09:00", "simple-inquiry-answer", ES_BREACHED, "2026-10-09 18:00", "",
	    226800, 0, NULL },
	/* rings */
	{ "PC phone-rings: measured by rings, not applicable", &PCS, &S_PCPH,
	    NOEV, "2026-09-22 10:00", "phone-rings", ES_NA, "", "", 0, 0,
	    "measured by rings, not time" },
	/* Pocheon mail-forward PT1H: 10:00 → 11:00 */
	{ "PC mail-forward: forwarded 11:30, 30 minutes late", &PCM, &S_PCMAIL,
	    { E("forwarded", "2026-09-21 11:30") }, "2026-09-21 12:00", "mail-forward",
	    ES_BREACHED, "2026-09-21 11:00", "2026-09-21 11:30", 1800, 0, NULL },
	/* a pause stops a clock counted in time: 30 min counted (10:00-10:30),
	 * stopped 10:30-14:00, 30 min more → 14:30 */
	{ "PC mail-forward: a supplement pause moves the due to 14:30", &PCM, &S_PCMAIL,
	    { E("supplement-requested", "2026-09-21 10:30"),
	      E("supplement-received", "2026-09-21 14:00"),
	      E("forwarded", "2026-09-21 14:20") }, "2026-09-21 16:00", "mail-forward",
	    ES_MET, "2026-09-21 14:30", "2026-09-21 14:20", 0, 0, NULL },
	/* a pause after the due does not move it (the request came too late) */
	{ "PC mail-forward: a pause after the due leaves it breached", &PCM, &S_PCMAIL,
	    { E("supplement-requested", "2026-09-21 13:00") }, "2026-09-21 16:00",
	    "mail-forward", ES_BREACHED, "2026-09-21 11:00", "", 5 * 3600, 0, NULL },
	/* Pocheon complaint, received Mon 2026-11-23 10:00 */
	{ "PC complaint-assign P1D (8 working h): assigned Tue 11:00, an hour late", &PCC,
	    &S_PCCOMP, { E("assigned", "2026-11-24 11:00") }, "2026-11-24 12:00",
	    "complaint-assign", ES_BREACHED, "2026-11-24 10:00", "2026-11-24 11:00", 3600, 0,
	    NULL },
	/* P3D = 24 working hours: Mon 7 h, Tue 8, Wed 8, Thu 1 → Thu 10:00 */
	{ "PC complaint-investigate P3D: due Thu 10:00", &PCC, &S_PCCOMP,
	    { E("assigned", "2026-11-24 09:00") }, "2026-11-24 12:00",
	    "complaint-investigate", ES_PENDING, "2026-11-26 10:00", "", 0, 0, NULL },
	/* P7D: 23-27 (1-5), 30 (6), 12-01 (7) → end of Tue 12-01 */
	{ "PC complaint-result P7D: result notified Tue 12-01 is met", &PCC, &S_PCCOMP,
	    { E("assigned", "2026-11-24 09:00"), E("result-notified", "2026-12-01 16:00") },
	    "2026-12-02 10:00", "complaint-result", ES_MET, "2026-12-02 00:00",
	    "2026-12-01 16:00", 0, 0, NULL },
	{ "PC complaint: the statutory result ends at result-notified", &PCC, &S_PCCOMP,
	    { E("assigned", "2026-11-24 09:00"), E("result-notified", "2026-12-01 16:00") },
	    "2026-12-02 10:00", ENGINE_STATUTORY_ID, ES_MET, "2026-12-02 00:00",
	    "2026-12-01 16:00", 0, 0, NULL },
	{ "PC no statutory period known: not applicable", &PCN, &S_NONE,
	    NOEV, "2026-11-24 10:00", ENGINE_STATUTORY_ID, ES_NA, "", "", 0, 0,
	    "no statutory period" },
	/* legal-inquiry-answer P14D, received Wed 2026-12-23 (deadlines.md): 23,
	 * 24, 28-31, 2027-01-04..08, 11..13 → end of Wed 2027-01-13 */
	{ "PC legal-inquiry without its own period: the measure's 14 days", &PCL, &S_PCLEG,
	    NOEV, "2027-01-10 10:00", "legal-inquiry-answer", ES_PENDING,
	    "2027-01-14 00:00", "", 0, 0, NULL },
	{ "PC legal-inquiry with its own 7 days: the petition's period wins", &PCL7,
	    &S_PCLEG, NOEV, "2026-09-25 10:00", "legal-inquiry-answer", ES_PENDING,
	    "2026-10-02 00:00", "", 0, 0, NULL },
};

static void
run_ecase(const struct ecase *c)
{
	static struct eng_eval e;
	const struct eng_result *r;

	if (evaluate(c->p, c->ms, c->ev, c->now, &e) == -1) {
		ok(0, "%s: evaluates", c->what);
		return;
	}
	if (!ok((r = result(&e, c->id)) != NULL, "%s: has a result %s", c->what, c->id))
		return;
	is_str(status_name[r->status], status_name[c->status], "%s: status", c->what);
	is_int(r->due, kst(c->due), "%s: due %s", c->what, *c->due ? c->due : "none");
	is_int(r->done, kst(c->done), "%s: done", c->what);
	is_int(r->late, c->late, "%s: late", c->what);
	is_int(r->paused, c->paused, "%s: paused", c->what);
	is_str(r->why_na, c->why_na, "%s: why not applicable", c->what);
}

/* The evaluation as a whole: how many results, next_due, breached. */
static void
whole(void)
{
	static struct eng_eval e;
	static const struct tev none[EV_MAX] = { { .type = NULL } };
	static const struct tev late[EV_MAX] = { E("forwarded", "2026-11-23 09:20") };
	static const struct tev pause[EV_MAX] = {
		E("supplement-requested", "2026-09-23 11:00"),
		E("supplement-received", "2026-09-28 15:00") };

	evaluate(&GMI, &S_GM, none, "2026-11-21 12:00", &e);
	is_int(e.n, 4, "GM: three measures and the statutory period");
	is_int(e.next_due, kst("2026-11-23 09:05"), "GM: next due is mail-forward's");
	is_int(e.breached, 0, "GM: nothing breached yet");
	evaluate(&GMI, &S_GM, late, "2026-11-23 10:00", &e);
	is_int(e.breached, 1, "GM: a late forward is a breach");
	is_int(e.next_due, kst("2026-11-23 11:55"), "GM: next due is first-contact's");
	is_str(e.r[0].basis, "department", "a charter's measure has basis department");
	is_str(e.r[3].basis, "statutory", "the added result has basis statutory");
	is_int(e.r[0].start, kst(GMI.received), "a clock from received starts at receipt");
	evaluate(&PCS, &S_PC, none, "2026-09-22 12:00", &e);
	is_int(e.n, 1, "PC: the statutory measure carries the period (no added result)");
	evaluate(&PCS, &S_PC, pause, "2026-09-30 10:00", &e);
	ok(e.lc.supplemented, "PC: supplemented");
	is_str(lc_state_name(e.lc.state), "in-progress", "PC: in progress again");
	is_int(e.next_due, kst("2026-10-07 00:00"), "PC: next due moved by the pause");
}

/* ---- extensions ---- */

struct xcase {
	const char	*what;
	const struct pet *p;
	struct tev	 ev[EV_MAX];	/* before the extension */
	struct tev	 ext;
	int		 rc;
	const char	*why;
};

static const struct xcase xcases[] = {
	/* the original due is the end of Thu 10-01; the limit counts 7 working
	 * days again from Fri 10-02: 10-02 (1), 10-03 개천절, Sunday, 10-05
	 * 대체공휴일, 6, 7, 8 (2-4), 10-09 한글날, 12, 13, 14 (5-7) → end of Wed
	 * 2026-10-14. */
	{ "an extension within the limit", &PCS, { E("forwarded", "2026-09-22 10:00") },
	    X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "site inspection"), 0, NULL },
	{ "an extension exactly to the limit", &PCS, NOEV,
	    X("extended", "2026-09-30 10:00", "2026-10-15 00:00", "expert review"), 0, NULL },
	{ "an extension a second past the limit", &PCS, NOEV,
	    X("extended", "2026-09-30 10:00", "2026-10-15 00:00:01", "expert review"), -1,
	    "is past the limit, 2026-10-15 00:00 KST: an extension adds at most the original"
	    " period (Decree art. 21)" },
	{ "an extension before the current due", &PCS, NOEV,
	    X("extended", "2026-09-30 10:00", "2026-10-01 12:00", "expert review"), -1,
	    "must be after the current one, 2026-10-02 00:00 KST" },
	{ "an extension without a reason", &PCS, NOEV,
	    X("extended", "2026-09-30 10:00", "2026-10-09 18:00", ""), -1, "needs a reason" },
	{ "an extension after the period ran out", &PCS, NOEV,
	    X("extended", "2026-10-02 10:00", "2026-10-09 18:00", "late"), -1,
	    "the period already ran out on 2026-10-02 00:00 KST" },
	{ "an extension after the answer", &PCS, { E("answered", "2026-09-25 10:00") },
	    X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "late"), -1, "answered on" },
	{ "an extension while the clock is stopped", &PCS,
	    { E("supplement-requested", "2026-09-23 11:00") },
	    X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "late"), -1,
	    "the clock is stopped" },
	{ "a second extension without consent", &PCS,
	    { X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "inspection") },
	    X("extended", "2026-10-05 10:00", "2026-10-16 18:00", "hearing"), -1,
	    "already extended once on 2026-09-30 10:00 KST; a second extension needs the"
	    " petitioner's consent" },
	/* with consent: the period counted again after the current due (Fri 10-09
	 * 18:00, 한글날): 12-16 (1-5), 19, 20 (6-7) → end of Tue 10-20 */
	{ "a second extension with consent", &PCS,
	    { X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "inspection") },
	    XC("extended", "2026-10-05 10:00", "2026-10-16 18:00", "hearing"), 0, NULL },
	{ "a second extension with consent, past its limit", &PCS,
	    { X("extended", "2026-09-30 10:00", "2026-10-09 18:00", "inspection") },
	    XC("extended", "2026-10-05 10:00", "2026-10-21 09:00", "hearing"), -1,
	    "past the limit, 2026-10-21 00:00 KST" },
	{ "no statutory period to extend", &PCN, NOEV,
	    X("extended", "2026-11-24 10:00", "2026-11-30 18:00", "hearing"), -1,
	    "no statutory period to extend" },
};

static void
run_xcase(const struct xcase *c)
{
	static struct eng_eval before;
	struct eng_petition ep = petition(c->p);
	struct lc_event ext;
	char	 why[256] = "";
	int	 rc;

	evaluate(c->p, c->p == &PCN ? &S_NONE : &S_PC, c->ev, c->ext.at, &before);
	memset(&ext, 0, sizeof(ext));
	ext.type = c->ext.type;
	ext.at = kst(c->ext.at);
	ext.due = kst(c->ext.due);
	ext.reason = c->ext.reason;
	ext.consent = c->ext.consent;
	rc = engine_check_extension(&cal, &ep, &before, &ext, why, sizeof(why));
	is_int(rc, c->rc, "extension: %s", c->what);
	if (c->why && !ok(strstr(why, c->why) != NULL, "extension: %s: says why", c->what))
		diag("got \"%s\"", why);
}

/* ---- compensation ---- */

static const char *const pc_excl[] = { "immediate", "grievance", NULL };
/* pocheon/common.xml: 재방문 10,000원; 법정처리기간 초과 1만원 except 즉결,
 * 진정, 보완 and 연장 petitions; a reward for confirmed corruption reports */
static const struct eng_comp_rule PCR[] = {
	{ "corruption-reward", "corruption-confirmed", 0, "KRW", "reward-per-ordinance", NULL,
	    NULL, 0, 0 },
	{ "revisit-compensation", "revisit", 10000, "KRW", "culture-voucher", NULL, NULL, 0, 0 },
	{ "statutory-missed-compensation", "statutory-missed", 10000, "KRW", "culture-voucher",
	    NULL, pc_excl, 1, 1 },
};
/* gwangmyeong/autonomy.xml: 5,000원 for a revisit; 5,000원 for a standard not
 * kept, paid to visitors (내방 시) */
static const struct eng_comp_rule GMR[] = {
	{ "revisit-compensation", "revisit", 5000, "KRW", "culture-voucher", NULL, NULL, 0, 0 },
	{ "standard-missed-compensation", "standard-missed", 5000, "KRW", "culture-voucher",
	    "visit", NULL, 0, 0 },
};

struct ccase {
	const char	*what;
	const struct pet *p;
	const struct mset *ms;
	struct tev	 ev[EV_MAX];
	const char	*now;
	const struct eng_comp_rule *rules;
	size_t		 nrules;
	const char	*keys[4];	/* "rule" or "rule@KST instant", in order */
	const char	*at[4];		/* when each arose */
	int		 breached;	/* the evaluation has a breach */
};
#define PCRULES	PCR, 3
#define GMRULES	GMR, 2

static const struct ccase ccases[] = {
	/* statutory period missed (due end of Thu 10-01) */
	{ "PC statutory missed: 10,000 won", &PCS, &S_PC,
	    { E("answered", "2026-10-02 10:00") }, "2026-10-02 12:00", PCRULES,
	    { "statutory-missed-compensation" }, { "2026-10-02 00:00" }, 1 },
	{ "PC statutory met: nothing", &PCS, &S_PC,
	    { E("answered", "2026-10-01 10:00") }, "2026-10-02 12:00", PCRULES,
	    { NULL }, { NULL }, 0 },
	{ "PC statutory missed while still open: owed already", &PCS, &S_PC,
	    NOEV, "2026-10-02 12:00", PCRULES,
	    { "statutory-missed-compensation" }, { "2026-10-02 00:00" }, 1 },
	/* each exclusion: breached, nothing owed. Immediate: 10:00 + 3 working
	 * hours = 14:00; answered 15:00 */
	{ "PC excluded: kind immediate", &PCIMM, &S_NONE,
	    { E("answered", "2026-11-23 15:00") }, "2026-11-23 16:00", PCRULES,
	    { NULL }, { NULL }, 1 },
	{ "PC excluded: a 3-hour statutory period counts as immediate", &PCGEN3, &S_NONE,
	    { E("answered", "2026-11-23 15:00") }, "2026-11-23 16:00", PCRULES,
	    { NULL }, { NULL }, 1 },
	{ "PC excluded: kind grievance", &PCGRV, &S_NONE,
	    { E("answered", "2026-10-05 10:00") }, "2026-10-05 12:00", PCRULES,
	    { NULL }, { NULL }, 1 },
	/* supplemented 09-23..09-24 (both days skipped): 21, 22 (1-2), 28-30,
	 * 10-01, 10-02 (3-7) → end of Fri 10-02; answered 10-12, late */
	{ "PC excluded: supplemented", &PCS, &S_PC,
	    { E("supplement-requested", "2026-09-23 11:00"),
	      E("supplement-received", "2026-09-24 10:00"), E("answered", "2026-10-12 10:00") },
	    "2026-10-12 12:00", PCRULES, { NULL }, { NULL }, 1 },
	{ "PC excluded: extended", &PCS, &S_PC,
	    { X("extended", "2026-09-30 10:00", "2026-10-06 18:00", "inspection"),
	      E("answered", "2026-10-08 10:00") }, "2026-10-08 12:00", PCRULES,
	    { NULL }, { NULL }, 1 },
	/* revisits: one entitlement per revisit */
	{ "PC two revisits: twice 10,000 won, distinct keys", &PCS, &S_PC,
	    { E("revisit", "2026-09-22 10:00"), E("revisit", "2026-09-25 15:00"),
	      E("answered", "2026-09-30 10:00") }, "2026-10-02 12:00", PCRULES,
	    { "revisit-compensation@2026-09-22 10:00", "revisit-compensation@2026-09-25 15:00" },
	    { "2026-09-22 10:00", "2026-09-25 15:00" }, 0 },
	{ "PC a revisit and the period missed", &PCS, &S_PC,
	    { E("revisit", "2026-09-22 10:00"), E("answered", "2026-10-05 10:00") },
	    "2026-10-05 12:00", PCRULES,
	    { "revisit-compensation@2026-09-22 10:00", "statutory-missed-compensation" },
	    { "2026-09-22 10:00", "2026-10-02 00:00" }, 1 },
	{ "PC a revisit after withdrawal is refused: nothing", &PCS, &S_PC,
	    { E("withdrawn", "2026-09-22 10:00"), E("revisit", "2026-09-23 10:00") },
	    "2026-10-05 12:00", PCRULES, { NULL }, { NULL }, 0 },
	/* Gwangmyeong */
	{ "GM a revisit: 5,000 won", &GMI, &S_GM,
	    { E("forwarded", "2026-11-20 17:58"), E("contacted", "2026-11-23 09:30"),
	      E("revisit", "2026-11-24 10:00") }, "2026-11-24 12:00", GMRULES,
	    { "revisit-compensation@2026-11-24 10:00" }, { "2026-11-24 10:00" }, 0 },
	{ "GM a visitor waiting 3 minutes for the officer: standard missed", &GMV, &S_GMVIS,
	    { E("visitor-arrived", "2026-11-23 10:00"), E("visitor-greeted", "2026-11-23 10:00:05"),
	      E("officer-found", "2026-11-23 10:03") }, "2026-11-23 10:10", GMRULES,
	    { "standard-missed-compensation" }, { "2026-11-23 10:01" }, 1 },
	{ "GM an internet petition forwarded late: visits only, nothing", &GMI, &S_GM,
	    { E("forwarded", "2026-11-23 09:20"), E("contacted", "2026-11-23 09:30") },
	    "2026-11-23 10:00", GMRULES, { NULL }, { NULL }, 1 },
	/* immediate: due 14:00, answered 15:00; the visit measures were met */
	{ "GM a visit petition late only on the statutory period: no standard missed",
	    &GMV, &S_GMVIS,
	    { E("visitor-arrived", "2026-11-23 10:00"), E("visitor-greeted", "2026-11-23 10:00:05"),
	      E("officer-found", "2026-11-23 10:00:30"), E("answered", "2026-11-23 15:00") },
	    "2026-11-23 16:00", GMRULES, { NULL }, { NULL }, 1 },
};

/* "rule@2026-09-22 10:00" → "rule@<epoch>" */
static void
key_of(const char *spec, char *out, size_t len)
{
	const char *at = strchr(spec, '@');

	if (at == NULL)
		snprintf(out, len, "%s", spec);
	else
		snprintf(out, len, "%.*s@%lld", (int)(at - spec), spec, (long long)kst(at + 1));
}

static void
run_ccase(const struct ccase *c)
{
	static struct eng_eval e;
	struct eng_petition ep = petition(c->p);
	struct lc_event ev[EV_MAX];
	struct eng_entitlement out[8];
	size_t	 ne = events(c->ev, ev), n, want, i;
	char	 key[96];

	if (evaluate(c->p, c->ms, c->ev, c->now, &e) == -1) {
		ok(0, "%s: evaluates", c->what);
		return;
	}
	is_int(e.breached, c->breached, "%s: breached", c->what);
	n = engine_entitlements(&ep, &e, c->rules, c->nrules, ev, ne, out, 8);
	for (want = 0; want < 4 && c->keys[want]; want++)
		;
	is_int(n, want, "%s: %zu entitlement(s)", c->what, want);
	for (i = 0; i < n && i < want; i++) {
		key_of(c->keys[i], key, sizeof(key));
		is_str(out[i].key, key, "%s: key %zu", c->what, i);
		is_int(out[i].at, kst(c->at[i]), "%s: arose at %s", c->what, c->at[i]);
		is_str(out[i].rule->id, strtok(strcpy(key, c->keys[i]), "@"),
		    "%s: rule", c->what);
	}
	if (n == 1)
		is_int(out[0].rule->amount, c->rules == GMR ? 5000 : 10000, "%s: amount",
		    c->what);
}

int
main(void)
{
	char	 err[256];
	size_t	 i;

	calendar_init(&cal);
	if (calendar_load(&cal, srcpath("conf/holidays.conf"), err, sizeof(err)) == -1) {
		diag("%s", err);
		skip_all("conf/holidays.conf does not load");
	}
	for (i = 0; i < sizeof(ecases) / sizeof(ecases[0]); i++)
		run_ecase(&ecases[i]);
	whole();
	for (i = 0; i < sizeof(xcases) / sizeof(xcases[0]); i++)
		run_xcase(&xcases[i]);
	for (i = 0; i < sizeof(ccases) / sizeof(ccases[0]); i++)
		run_ccase(&ccases[i]);
	calendar_free(&cal);
	return done_testing();
}
