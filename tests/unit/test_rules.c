/* test_rules: the compensation, accountability and duty rules read from the
 * charters (src/domain/rules.h): every rule the two shipped charters state,
 * the accountability thresholds, and inheritance along a chain (a
 * department overriding its city's rule by id). */
#include <string.h>
#include <libxml/parser.h>
#include "domain/rules.h"
#include "tap.h"

static xmlDocPtr
load(const char *rel)
{
	return xmlReadFile(srcpath(rel), NULL, XML_PARSE_NONET);
}

static const struct comp_rule_def *
comp(const struct rules *r, const char *id)
{
	size_t	 i;

	for (i = 0; i < r->ncomp; i++)
		if (strcmp(r->comp[i].id, id) == 0)
			return &r->comp[i];
	return NULL;
}

/* A compensation rule as a charter states it. */
struct want_comp {
	const char	*id, *trigger;
	long		 amount;
	const char	*form, *condition;	/* "" none */
	int		 apology;
	const char	*excl;			/* kinds, space-separated */
	int		 supplemented, extended;
};

static void
check_comp(const struct rules *r, const struct want_comp *w, const char *origin)
{
	const struct comp_rule_def *c = comp(r, w->id);
	const struct eng_comp_rule *e;
	char	 kinds[128] = "";
	size_t	 k;

	if (!ok(c != NULL, "%s: %s is in force", origin, w->id))
		return;
	e = &r->eng[c - r->comp];
	is_str(c->trigger, w->trigger, "%s: trigger", w->id);
	is_int(c->amount, w->amount, "%s: amount", w->id);
	is_str(c->currency, "KRW", "%s: currency", w->id);
	is_str(c->form, w->form, "%s: form", w->id);
	is_str(c->condition, w->condition, "%s: condition", w->id);
	is_int(c->apology, w->apology, "%s: apology", w->id);
	for (k = 0; c->exclp[k]; k++)
		snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s",
		    k ? " " : "", c->exclp[k]);
	is_str(kinds, w->excl, "%s: excluded kinds", w->id);
	is_int(c->excl_supplemented, w->supplemented, "%s: excludes supplemented", w->id);
	is_int(c->excl_extended, w->extended, "%s: excludes extended", w->id);
	is_str(c->origin, origin, "%s: origin", w->id);
	/* the engine's view says the same */
	is_str(e->id, w->id, "%s: view id", w->id);
	is_str(e->trigger, w->trigger, "%s: view trigger", w->id);
	is_int(e->amount, w->amount, "%s: view amount", w->id);
	is_str(e->condition, w->condition[0] ? w->condition : NULL, "%s: view condition",
	    w->id);
	ok(e->excl_kinds == c->exclp, "%s: view exclusions", w->id);
	is_int(e->excl_supplemented + 2 * e->excl_extended,
	    w->supplemented + 2 * w->extended, "%s: view state exclusions", w->id);
}

struct want_duty {
	const char	*id, *what, *every;
	unsigned	 times;
	const char	*within, *after;
};

static void
check_duty(const struct rules *r, const struct want_duty *w, const char *origin)
{
	size_t	 i;

	for (i = 0; i < r->nduty && strcmp(r->duty[i].id, w->id); i++)
		;
	if (!ok(i < r->nduty, "%s: duty %s is in force", origin, w->id))
		return;
	is_str(r->duty[i].what, w->what, "%s: what", w->id);
	is_str(r->duty[i].every, w->every, "%s: every", w->id);
	is_int(r->duty[i].times, w->times, "%s: times", w->id);
	is_str(r->duty[i].within, w->within, "%s: within", w->id);
	is_str(r->duty[i].after, w->after, "%s: after", w->id);
	is_str(r->duty[i].origin, origin, "%s: origin", w->id);
}

/* Pocheon's common charter (seed 000): three compensation rules, no
 * accountability rule, three duties. */
static void
pocheon(void)
{
	static const struct want_comp c[] = {
		/* 부조리 신고: a reward per the ordinance, no amount in the charter */
		{ "corruption-reward", "corruption-confirmed", 0, "reward-per-ordinance", "",
		    0, "", 0, 0 },
		/* 재방문: 1회 10,000원 상당의 문화상품권, with an apology */
		{ "revisit-compensation", "revisit", 10000, "culture-voucher", "", 1, "", 0, 0 },
		/* 법정처리기간 초과: 1만원, except 즉결·진정 and 보완·연장 petitions */
		{ "statutory-missed-compensation", "statutory-missed", 10000, "culture-voucher",
		    "", 1, "immediate grievance", 1, 1 },
	};
	static const struct want_duty d[] = {
		/* 게시판 1일 2회 확인 */
		{ "board-check", "board-check", "P1D", 2, "", "" },
		/* 연1회 이상 고객만족도 조사 */
		{ "satisfaction-survey", "satisfaction-survey", "P1Y", 1, "", "" },
		/* 결과 발표 후 3개월 이내 개선사항 공표 */
		{ "improvement-plan", "improvement-plan", "", 1, "P3M", "survey-published" },
	};
	static struct rules r;
	xmlDocPtr doc = load("conf/charters/pocheon/common.xml");
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	const char *const keys[] = { "pocheon/common" };
	size_t	 i;

	if (!ok(root != NULL, "pocheon/common.xml parses"))
		return;
	rules_in_force(&root, keys, 1, &r);
	is_int(r.ncomp, 3, "pocheon: three compensation rules");
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		check_comp(&r, &c[i], "pocheon/common");
	is_int(r.nacct, 0, "pocheon: no accountability rule");
	ok(rules_accountability(&r, 5) == NULL, "pocheon: no action for upheld reports");
	is_int(r.nduty, 3, "pocheon: three duties");
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		check_duty(&r, &d[i], "pocheon/common");
	xmlFreeDoc(doc);
}

/* Gwangmyeong's 자치행정과 charter (seed 002). */
static void
gwangmyeong(void)
{
	static const struct want_comp c[] = {
		/* 두 번 이상 방문: 5,000원 상당의 문화 상품권, with an apology */
		{ "revisit-compensation", "revisit", 5000, "culture-voucher", "", 1, "", 0, 0 },
		/* 이행기준 미준수: 내방 시에는 5,000원 (visits only) */
		{ "standard-missed-compensation", "standard-missed", 5000, "culture-voucher",
		    "visit", 1, "", 0, 0 },
	};
	static const struct want_duty d[] = {
		{ "satisfaction-survey", "satisfaction-survey", "P1Y", 1, "", "" },
		{ "compliance-survey", "compliance-survey", "P1Y", 1, "", "" },
		{ "improvement-plan", "improvement-plan", "", 1, "P3M", "survey-published" },
	};
	/* upheld reports → the action reached (주의·교육, 3회 이상 교체) */
	static const struct { unsigned upheld; const char *action; } a[] = {
		{ 0, NULL }, { 1, "train" }, { 2, "train" }, { 3, "replace" }, { 7, "replace" },
	};
	static struct rules r;
	xmlDocPtr doc = load("conf/charters/gwangmyeong/autonomy.xml");
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	const char *const keys[] = { "gwangmyeong/autonomy" };
	const struct acct_rule_def *x;
	size_t	 i;

	if (!ok(root != NULL, "gwangmyeong/autonomy.xml parses"))
		return;
	rules_in_force(&root, keys, 1, &r);
	is_int(r.ncomp, 2, "gwangmyeong: two compensation rules");
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		check_comp(&r, &c[i], "gwangmyeong/autonomy");
	is_int(r.nacct, 2, "gwangmyeong: two accountability rules");
	is_str(r.acct[0].id, "dissatisfaction-train", "first accountability rule");
	is_str(r.acct[0].count, "dissatisfaction-upheld", "it counts upheld reports");
	is_int(r.acct[0].threshold, 1, "from the first");
	is_str(r.acct[0].action, "train", "to train");
	is_str(r.acct[1].id, "dissatisfaction-replace", "second accountability rule");
	is_int(r.acct[1].threshold, 3, "from the third");
	is_str(r.acct[1].action, "replace", "to replace");
	is_str(r.acct[1].origin, "gwangmyeong/autonomy", "its origin");
	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
		x = rules_accountability(&r, a[i].upheld);
		is_str(x ? x->action : NULL, a[i].action, "%u upheld report(s)", a[i].upheld);
	}
	is_int(r.nduty, 3, "gwangmyeong: three duties");
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		check_duty(&r, &d[i], "gwangmyeong/autonomy");
	xmlFreeDoc(doc);
}

/* A city's common charter and a department extending it. */
static const char city_xml[] =
    "<charter city='demo' dept='common' extends='none'><part id='p'>"
    "<compensation id='revisit-compensation' trigger='revisit' amount='10000'"
    " form='culture-voucher' apology='true'/>"
    "<compensation id='late' trigger='statutory-missed' amount='10000'"
    " form='culture-voucher'><exclude kind='immediate'/><exclude state='supplemented'/>"
    "</compensation>"
    "<accountability id='replace' count='dissatisfaction-upheld' threshold='5'"
    " action='replace'/>"
    "<duty id='board-check' what='board-check' every='P1D' times='2'/>"
    "</part></charter>";
static const char dept_xml[] =
    "<charter city='demo' dept='roads' extends='demo/common'><part id='q'><promise id='x'>"
    "<compensation id='late' trigger='statutory-missed' amount='3000' form='culture-voucher'"
    " condition='visit'><exclude state='extended'/></compensation>"
    "<accountability id='warn' count='dissatisfaction-upheld' threshold='2' action='warn'/>"
    "<duty id='board-check' what='board-check' every='P1D'/>"
    "</promise></part></charter>";

static void
inheritance(void)
{
	static const struct want_comp c[] = {
		/* inherited as the city states it */
		{ "revisit-compensation", "revisit", 10000, "culture-voucher", "", 1, "", 0, 0 },
		/* replaced whole by the department: none of the city's exclusions remain */
		{ "late", "statutory-missed", 3000, "culture-voucher", "visit", 0, "", 0, 1 },
	};
	static struct rules r;
	xmlDocPtr city = xmlReadMemory(city_xml, (int)strlen(city_xml), "city.xml", NULL,
	    XML_PARSE_NONET);
	xmlDocPtr dept = xmlReadMemory(dept_xml, (int)strlen(dept_xml), "dept.xml", NULL,
	    XML_PARSE_NONET);
	xmlNodePtr roots[2];
	const char *const keys[] = { "demo/roads", "demo/common" };
	const struct acct_rule_def *x;

	if (!ok(city && dept, "the inheritance fixtures parse"))
		goto out;
	roots[0] = xmlDocGetRootElement(dept);
	roots[1] = xmlDocGetRootElement(city);
	rules_in_force(roots, keys, 2, &r);
	is_int(r.ncomp, 2, "chain: two compensation rules (one overridden)");
	check_comp(&r, &c[0], "demo/common");
	check_comp(&r, &c[1], "demo/roads");
	is_str(r.comp[1].id, "late", "the overriding rule keeps its ancestor's place");
	is_int(r.nacct, 2, "chain: the city's and the department's accountability rules");
	x = rules_accountability(&r, 1);
	ok(x == NULL, "one upheld report reaches no threshold");
	x = rules_accountability(&r, 2);
	is_str(x ? x->action : NULL, "warn", "two reach the department's warning");
	x = rules_accountability(&r, 6);
	is_str(x ? x->action : NULL, "replace", "six reach the city's replacement");
	is_str(x ? x->origin : NULL, "demo/common", "stated by the city");
	is_int(r.nduty, 1, "chain: one duty");
	is_int(r.duty[0].times, 1, "the department's duty replaces the city's (times default 1)");
	is_str(r.duty[0].origin, "demo/roads", "the duty's origin is the department");
	/* the department alone */
	rules_in_force(roots, keys, 1, &r);
	is_int(r.ncomp, 1, "the department alone states one compensation rule");
	ok(comp(&r, "revisit-compensation") == NULL, "without the city, no revisit rule");
out:
	xmlFreeDoc(city);
	xmlFreeDoc(dept);
}

int
main(void)
{
	pocheon();
	gwangmyeong();
	inheritance();
	xmlCleanupParser();
	return done_testing();
}
