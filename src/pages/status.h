/* status: GET /petitions/{receipt}?code=… — the citizen's status page. */
#ifndef CHARTER_STATUS_H
#define CHARTER_STATUS_H
struct req;
struct petition_view;
struct fb_form;
int	 h_petition_status(struct req *);
/* The petition of r->m.param[0] for the access code as typed (NULL: none):
 * 1 found (v filled, pread_free it), or 0 with *st the handler's return —
 * the same 404 as the status page (a failed attempt is recorded), 429 for a
 * client slowed down, 503. */
int	 status_find(struct req *, const char *code, struct petition_view *v, int *st);
/* The status page of v with HTTP status http_status; redo: a refused
 * questionnaire shown again (feedback.h), or NULL. 0 or a status. */
int	 status_page(struct req *, const struct petition_view *v, const char *code,
	    const struct fb_form *redo, int http_status);
#endif
