/* survey: POST /survey, the page-satisfaction widget every public page carries. */
#ifndef CHARTER_SURVEY_H
#define CHARTER_SURVEY_H
struct req;
int	 h_survey(struct req *);
#endif
