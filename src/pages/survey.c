/* survey: declared fields (page, score, comment), each validated with its
 * bounds before anything is stored; the vote and its month's counts
 * (stats_votes) are stored in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "page.h"
#include "survey.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/db.h"
#include "../store/feedback_store.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/utf8.h"

#define PAGE_MAX	512	/* bytes */
#define COMMENT_MAX	500	/* characters */

static const char *
check_page(const struct form_field *f)
{
	if (f == NULL || f->vlen == 0)
		return "page: missing (the path of the page voted on)";
	if (f->vlen > PAGE_MAX || f->value[0] != '/' ||
	    !utf8_valid(f->value, f->vlen, NULL) || utf8_has_controls(f->value, f->vlen) ||
	    strlen(f->value) != f->vlen)
		return "page: must be a path on this site of at most 512 bytes";
	return NULL;
}

static const char *
check_score(const struct form_field *f)
{
	if (f == NULL || f->vlen != 1 || f->value[0] < '1' || f->value[0] > '5')
		return "score: choose a number from 1 to 5";
	return NULL;
}

static const char *
check_comment(const struct form_field *f)
{
	if (f == NULL)
		return NULL;
	if (!utf8_valid(f->value, f->vlen, NULL) || strlen(f->value) != f->vlen)
		return "comment: not valid UTF-8 text";
	if (utf8_chars(f->value, f->vlen) > COMMENT_MAX)
		return "comment: at most 500 characters";
	return NULL;
}

static int
thanks(struct req *r, const char *page, const char *score)
{
	xmlDocPtr doc;
	xmlNodePtr root, t;
	int	 rc;

	if ((doc = page_new(r, &root)) == NULL)
		return 500;
	t = xmlNewChild(root, NULL, BAD_CAST "survey-thanks", NULL);
	page_attr(t, "page", page);
	page_attr(t, "score", score);
	rc = page_html(r, doc);
	xmlFreeDoc(doc);
	return rc == -1 ? 500 : 0;
}

int
h_survey(struct req *r)
{
	struct form f;
	const struct form_field *page, *score, *comment;
	struct diag *dg;
	const char *why;
	int	 rc = 0;

	if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) != 0)
		return page_error(r, 415, FMT_HTML,
		    "send the form as application/x-www-form-urlencoded", NULL);
	if (form_parse(&f, r->body ? r->body : "", r->body_len) == -1)
		return page_error(r, 400, FMT_HTML, "the form data is malformed", NULL);
	if ((dg = calloc(1, sizeof(*dg))) == NULL) {
		form_free(&f);
		return 503;
	}
	page = form_get(&f, "page");
	score = form_get(&f, "score");
	comment = form_get(&f, "comment");
	if ((why = check_page(page)) != NULL)
		diag_add(dg, 0, "%s", why);
	if ((why = check_score(score)) != NULL)
		diag_add(dg, 0, "%s", why);
	if ((why = check_comment(comment)) != NULL)
		diag_add(dg, 0, "%s", why);
	if (dg->n)
		rc = page_error(r, 400, FMT_HTML, "the vote was not recorded", dg);
	else if (fbstore_vote(r->w->db, page->value, (unsigned)(score->value[0] - '0'),
	    comment && comment->vlen ? comment->value : NULL) == -1) {
		log_err(r->id, "survey vote not stored: %s", db_error(r->w->db));
		rc = 503;
	} else
		rc = thanks(r, page->value, score->value);
	free(dg);
	form_free(&f);
	return rc;
}
