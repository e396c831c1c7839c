/* feedback: the citizen's questionnaire once a petition is answered (shown
 * on the status page, POST /petitions/{receipt}/feedback) and the auditor's
 * yearly survey results and improvement plans
 * (POST/GET /admin/surveys/{city}/{dept}, POST /admin/improvement-plans/...). */
#ifndef CHARTER_FEEDBACK_H
#define CHARTER_FEEDBACK_H
#include <libxml/tree.h>

struct req;
struct petition_view;
struct fb_form;		/* a questionnaire post being shown again */

/* Adds the questionnaire (or the answer given) under the status page's
 * petition-status element p: nothing before the petition is answered.
 * code is the access code as the citizen typed it; redo the refused post
 * (NULL: an empty form). 0 or -1. */
int	 feedback_xml(struct req *, xmlNodePtr p, const struct petition_view *,
	    const char *code, const struct fb_form *redo);

int	 h_petition_feedback(struct req *);
int	 h_survey_result_post(struct req *);
int	 h_improvement_plan_post(struct req *);
int	 h_surveys_list(struct req *);

#endif
