/* feedback_store: what citizens and auditors tell us — the questionnaire
 * after an answer (petition_feedback, once per petition), the page votes
 * with their monthly counts (survey_votes + stats_votes, one transaction),
 * and the yearly survey results and improvement plans together with the
 * duty records the sweep judges (survey_results / improvement_plans +
 * duty_records, one transaction). Values only through prepared statements. */
#ifndef CHARTER_FEEDBACK_STORE_H
#define CHARTER_FEEDBACK_STORE_H
#include <time.h>

struct db;
struct db_res;

enum fb_result { FB_OK = 0, FB_DUP = 1, FB_ERR = -1 };

/* One questionnaire answer. promise_kept: 1 yes, 0 no, -1 not said. */
struct fb_answer {
	unsigned	 score;		/* 1–5 */
	int		 promise_kept;
	const char	*comment;	/* NULL: none */
};

/* The answer given for a petition: score, promise_kept (NULL, 0, 1),
 * comment, created_at (epoch s). Row count (0 or 1) or -1. */
long long	 fbstore_get(struct db *, unsigned long long petition_id, struct db_res *);
/* Stores the answer and marks the petition's month for the statistics
 * (stats_touch_petition), in one transaction. FB_DUP when the petition has
 * an answer already. */
enum fb_result	 fbstore_put(struct db *, unsigned long long petition_id,
		    const struct fb_answer *);

/* A page vote (score 1–5, comment or NULL) and its month's counts in
 * stats_votes (KST month of the vote), in one transaction. 0 or -1. */
int		 fbstore_vote(struct db *, const char *page, unsigned score,
		    const char *comment);

/* A yearly survey result (kind "satisfaction" or "compliance"; score as
 * "87.5" with at most two decimals) with its duty records: the kind's
 * survey duty and survey-published, both at published_at. *id gets the
 * new row's id. FB_DUP when that year and kind are published already. */
struct fb_survey {
	const char	*city, *dept, *kind, *score, *summary, *by;
	unsigned	 year;
	unsigned long long respondents;
	time_t		 published_at;
};
enum fb_result	 fbstore_survey_put(struct db *, const struct fb_survey *,
		    unsigned long long *id);
/* An improvement plan with its duty record (improvement-plan). FB_DUP when
 * that year has a plan already. */
struct fb_plan {
	const char	*city, *dept, *plan, *by;
	unsigned	 year;
	time_t		 published_at;
};
enum fb_result	 fbstore_plan_put(struct db *, const struct fb_plan *,
		    unsigned long long *id);

/* Columns of fbstore_surveys rows. */
enum { FS_ID, FS_CITY, FS_DEPT, FS_YEAR, FS_KIND, FS_RESPONDENTS, FS_SCORE,
	FS_SUMMARY, FS_PUBLISHED, FS_BY };
/* Columns of fbstore_plans rows. */
enum { FP_ID, FP_CITY, FP_DEPT, FP_YEAR, FP_PLAN, FP_PUBLISHED, FP_BY };
/* One row by id (id != 0), or every row of city/dept, newest year first;
 * published_at as epoch seconds. Row count or -1. */
long long	 fbstore_surveys(struct db *, const char *city, const char *dept,
		    unsigned long long id, struct db_res *);
long long	 fbstore_plans(struct db *, const char *city, const char *dept,
		    unsigned long long id, struct db_res *);

#endif
