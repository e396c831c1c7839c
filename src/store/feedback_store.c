/* feedback_store: the questionnaire, the page votes and their monthly
 * counts, the auditor's survey results and plans with their duty records. */
#include <stdio.h>
#include <string.h>
#include "db.h"
#include "feedback_store.h"
#include "stats_store.h"
#include "../util/clock.h"

#define ER_DUP_ENTRY	1062
#define ER_DEADLOCK	1213
#define TRIES		3	/* a transaction chosen as a deadlock victim is retried */

long long
fbstore_get(struct db *d, unsigned long long pid, struct db_res *res)
{
	return db_query(d, res, "SELECT score, promise_kept, comment,"
	    " UNIX_TIMESTAMP(created_at) FROM petition_feedback WHERE petition_id = ?",
	    "u", pid);
}

/* Rolls back; FB_DUP when the failed statement hit a unique key. */
static enum fb_result
undo(struct db *d, int dup_means_dup)
{
	unsigned e = db_errno(d);

	db_rollback(d);
	return dup_means_dup && e == ER_DUP_ENTRY ? FB_DUP : FB_ERR;
}

enum fb_result
fbstore_put(struct db *d, unsigned long long pid, const struct fb_answer *a)
{
	if (db_begin(d) == -1)
		return FB_ERR;
	if (db_exec(d, "INSERT INTO petition_feedback (petition_id, score, promise_kept,"
	    " comment, created_at) VALUES (?, ?, IF(? < 0, NULL, ?), ?, " DB_US ")",
	    "uiiisi", pid, (long long)a->score, (long long)a->promise_kept,
	    (long long)a->promise_kept, a->comment, clock_now_us()) != 1)
		return undo(d, 1);
	if (stats_touch_petition(d, pid) == -1)
		return undo(d, 0);
	return db_commit(d) == -1 ? undo(d, 0) : FB_OK;
}

static int
vote_once(struct db *d, const char *page, unsigned score, const char *comment)
{
	if (db_begin(d) == -1)
		return -1;
	if (db_exec(d, "INSERT INTO survey_votes (page, score, comment, created_at)"
	    " VALUES (?, ?, ?, " DB_US ")", "sisi", page, (long long)score,
	    comment, clock_now_us()) != 1 ||
	    /* the vote's own month (KST), from the row just stored */
	    db_exec(d, "INSERT INTO stats_votes (page, month, votes, score_sum,"
	    " s1, s2, s3, s4, s5) SELECT page, DATE(created_at + INTERVAL 9 HOUR) -"
	    " INTERVAL (DAYOFMONTH(created_at + INTERVAL 9 HOUR) - 1) DAY, 1, score,"
	    " score = 1, score = 2, score = 3, score = 4, score = 5 FROM survey_votes"
	    " WHERE id = LAST_INSERT_ID() ON DUPLICATE KEY UPDATE votes = votes + 1,"
	    " score_sum = score_sum + VALUES(score_sum), s1 = s1 + VALUES(s1),"
	    " s2 = s2 + VALUES(s2), s3 = s3 + VALUES(s3), s4 = s4 + VALUES(s4),"
	    " s5 = s5 + VALUES(s5)", "") < 1 || db_commit(d) == -1) {
		undo(d, 0);
		return -1;
	}
	return 0;
}

int
fbstore_vote(struct db *d, const char *page, unsigned score, const char *comment)
{
	for (int i = 0; i < TRIES; i++) {
		if (vote_once(d, page, score, comment) == 0)
			return 0;
		if (db_errno(d) != ER_DEADLOCK)
			break;
	}
	return -1;
}

/* A duty record at t; one already there at that instant is kept (a
 * satisfaction and a compliance survey published together). */
static int
duty(struct db *d, const char *city, const char *dept, const char *what, time_t t,
    const char *note, const char *by)
{
	return db_exec(d, "INSERT INTO duty_records (city, dept, what, at, note,"
	    " recorded_by, recorded_at) VALUES (?, ?, ?, TIMESTAMPADD(SECOND, ?,"
	    " '1970-01-01'), ?, ?, " DB_US ") ON DUPLICATE KEY UPDATE id = id",
	    "sssissi", city, dept, what, (long long)t, note, by, clock_now_us()) < 0 ? -1 : 0;
}

enum fb_result
fbstore_survey_put(struct db *d, const struct fb_survey *s, unsigned long long *id)
{
	char	 note[80], what[32];

	snprintf(note, sizeof(note), "%u %s survey", s->year, s->kind);
	snprintf(what, sizeof(what), "%s-survey", s->kind);
	if (db_begin(d) == -1)
		return FB_ERR;
	if (db_exec(d, "INSERT INTO survey_results (city, dept, year, kind, respondents,"
	    " score, summary, published_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?,"
	    " TIMESTAMPADD(SECOND, ?, '1970-01-01'), ?)", "ssisussis",
	    s->city, s->dept, (long long)s->year, s->kind, s->respondents,
	    s->score, s->summary, (long long)s->published_at, s->by) != 1)
		return undo(d, 1);
	*id = db_last_id(d);
	if (duty(d, s->city, s->dept, what, s->published_at, note, s->by) == -1 ||
	    duty(d, s->city, s->dept, "survey-published", s->published_at, note, s->by) == -1)
		return undo(d, 0);
	return db_commit(d) == -1 ? undo(d, 0) : FB_OK;
}

enum fb_result
fbstore_plan_put(struct db *d, const struct fb_plan *p, unsigned long long *id)
{
	char	 note[80];

	snprintf(note, sizeof(note), "%u improvement plan", p->year);
	if (db_begin(d) == -1)
		return FB_ERR;
	if (db_exec(d, "INSERT INTO improvement_plans (city, dept, year, plan,"
	    " published_at, recorded_by) VALUES (?, ?, ?, ?,"
	    " TIMESTAMPADD(SECOND, ?, '1970-01-01'), ?)", "ssisis", p->city, p->dept,
	    (long long)p->year, p->plan, (long long)p->published_at, p->by) != 1)
		return undo(d, 1);
	*id = db_last_id(d);
	if (duty(d, p->city, p->dept, "improvement-plan", p->published_at, note, p->by) == -1)
		return undo(d, 0);
	return db_commit(d) == -1 ? undo(d, 0) : FB_OK;
}

long long
fbstore_surveys(struct db *d, const char *city, const char *dept,
    unsigned long long id, struct db_res *res)
{
	return db_query(d, res, "SELECT id, city, dept, year, kind, respondents, score,"
	    " summary, UNIX_TIMESTAMP(published_at), recorded_by FROM survey_results"
	    " WHERE city = ? AND dept = ? AND (? = 0 OR id = ?)"
	    " ORDER BY year DESC, kind, id", "ssuu", city, dept, id, id);
}

long long
fbstore_plans(struct db *d, const char *city, const char *dept,
    unsigned long long id, struct db_res *res)
{
	return db_query(d, res, "SELECT id, city, dept, year, plan,"
	    " UNIX_TIMESTAMP(published_at), recorded_by FROM improvement_plans"
	    " WHERE city = ? AND dept = ? AND (? = 0 OR id = ?)"
	    " ORDER BY year DESC, id", "ssuu", city, dept, id, id);
}
