/* admin_feeds: a pushed feed is spooled to a temporary file as it arrives
 * (never held in memory, refused past max_feed_body) and imported item by
 * item: 200 with the counts and every rejected item, or 422 when the feed as
 * a whole is not well-formed or not this format (nothing stored). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin_feeds.h"
#include "page.h"
#include "../front/app.h"
#include "../store/feed_store.h"
#include "../util/clock.h"
#include "../util/conf.h"
#include "../util/diag.h"
#include "../util/log.h"

/* The body into a temporary file; 0 or the HTTP status to answer. */
static int
spool(struct req *r, size_t max, FILE **out)
{
	char	 chunk[65536];
	size_t	 got = 0;
	int	 n;
	FILE	*f;

	if (!r->has_length)
		return 411;
	if (r->content_length > max)
		return 413;
	if ((f = tmpfile()) == NULL)
		return 503;
	while (got < r->content_length &&
	    (n = FCGX_GetStr(chunk, (int)sizeof(chunk), r->fcgi->in)) > 0) {
		if ((got += (size_t)n) > max || fwrite(chunk, 1, (size_t)n, f) != (size_t)n)
			break;
	}
	if (got != r->content_length || fflush(f) != 0) {
		fclose(f);
		return got > max ? 413 : 400;
	}
	*out = f;
	return 0;
}

static void
result_json(struct req *r, const struct feed_result *res)
{
	size_t	 i;

	buf_puts(&r->out, "{\"source\":\"");
	buf_json_str(&r->out, res->head.source);
	buf_printf(&r->out, "\",\"sequence\":%llu,\"new\":%llu,\"updated\":%llu,"
	    "\"unchanged\":%llu,\"rejected\":%llu,\"rejected_not_listed\":%llu,"
	    "\"rejected_items\":[", res->head.sequence, res->n_new, res->n_updated,
	    res->n_unchanged, res->n_rejected, res->n_rejected - res->nrej);
	for (i = 0; i < res->nrej; i++) {
		buf_puts(&r->out, i ? ",{\"receipt_no\":\"" : "{\"receipt_no\":\"");
		buf_json_str(&r->out, res->rej[i].receipt);
		buf_puts(&r->out, "\",\"reason\":\"");
		buf_json_str(&r->out, res->rej[i].reason);
		buf_puts(&r->out, "\"}");
	}
	buf_puts(&r->out, "]}\n");
	snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
}

/* <feed-result source sequence new updated unchanged rejected>
 *   <rejected receipt-no="...">reason</rejected>... */
static void
result_xml(struct req *r, const struct feed_result *res)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr n = xmlNewDocNode(doc, NULL, BAD_CAST "feed-result", NULL), e;
	size_t	 i;

	xmlDocSetRootElement(doc, n);
	page_attr(n, "source", res->head.source);
	page_attr_ull(n, "sequence", res->head.sequence);
	page_attr_ull(n, "new", res->n_new);
	page_attr_ull(n, "updated", res->n_updated);
	page_attr_ull(n, "unchanged", res->n_unchanged);
	page_attr_ull(n, "rejected", res->n_rejected);
	if (res->n_rejected > res->nrej)
		page_attr_ull(n, "rejected-not-listed", res->n_rejected - res->nrej);
	for (i = 0; i < res->nrej; i++) {
		e = page_text(n, "rejected", res->rej[i].reason);
		page_attr(e, "receipt-no", res->rej[i].receipt);
	}
	page_xml(r, doc);
	xmlFreeDoc(doc);
}

static int
answer(struct req *r, enum fstore_import rc, const struct feed_result *res)
{
	struct diag *dg;

	switch (rc) {
	case FI_OK:
		r->status = 200;
		if (req_format(r, FMT_XML) == FMT_JSON)
			result_json(r, res);
		else
			result_xml(r, res);
		return 0;
	case FI_REFUSED:
		if ((dg = calloc(1, sizeof(*dg))) != NULL)
			diag_add(dg, res->line, "%s", res->error);
		page_error(r, 422, FMT_XML, "the feed was not accepted; nothing was stored", dg);
		free(dg);
		return 0;
	case FI_BUSY:
		req_header(r, "Retry-After", "10");
		return page_error(r, 409, FMT_XML, res->error, NULL);
	default:
		return page_error(r, 503, FMT_XML, res->error, NULL);
	}
}

/* One line per push. The counts are what was stored: after a database
 * error, what the batches committed before it, and how many counted items
 * went with the rollback. */
static void
log_result(struct req *r, enum fstore_import rc, const struct feed_result *res)
{
	char	 lost[64] = "";

	if (res->n_rolled_back)
		snprintf(lost, sizeof(lost), " rolled back %llu", res->n_rolled_back);
	log_msg(rc == FI_DBERR ? LOG_ERR : LOG_INFO, r->id, "feed %s seq %llu by %s:"
	    " result %d, new %llu updated %llu unchanged %llu rejected %llu%s%s%s",
	    res->head.source, res->head.sequence, r->who.name, (int)rc, res->n_new,
	    res->n_updated, res->n_unchanged, res->n_rejected, lost,
	    res->error[0] ? ": " : "", res->error);
}

int
h_feed_push(struct req *r)
{
	const struct conf *c = r->w->conf;
	struct feed_limits lim = { c->max_feed_body, c->max_xml_depth, r->w->feed_xsd, 0,
	    (long)c->future_tolerance };
	struct feed_result *res;
	enum fstore_import rc;
	FILE	*f = NULL;
	int	 st;

	if (r->who.role != ROLE_FEED && r->who.role != ROLE_ADMIN)
		return page_error(r, 403, FMT_XML, "only a feed or admin credential may push feeds", NULL);
	if ((st = spool(r, c->max_feed_body, &f)) != 0)
		return page_error(r, st, FMT_XML, st == 413 ?
		    "the feed is larger than this server accepts (max_feed_body)" :
		    "the feed could not be read", NULL);
	if ((res = calloc(1, sizeof(*res))) == NULL) {
		fclose(f);
		return 503;
	}
	lim.now = clock_now();	/* one now for the whole feed */
	rc = feed_import_engine(r->w->db, f, &lim, NULL, r->who.name, r->w->estore, res);
	log_result(r, rc, res);
	answer(r, rc, res);
	fclose(f);
	feed_result_free(res);
	free(res);
	return 0;
}
