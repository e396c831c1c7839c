/* admin_charters: a new charter version over HTTP. 201 with the version, or
 * 422 listing every error with its line; nothing is stored on any error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "admin_charters.h"
#include "page.h"
#include "../domain/auth.h"
#include "../front/app.h"
#include "../store/charter_store.h"
#include "../util/conf.h"
#include "../util/diag.h"
#include "../util/log.h"
#include "../util/purge.h"

static void
created(struct req *r, const struct upload_result *u)
{
	char	 loc[160];
	xmlDocPtr doc;
	xmlNodePtr n;

	snprintf(loc, sizeof(loc), "/charter/%s/%s", u->city, u->dept);
	r->status = 201;
	req_header(r, "Location", loc);
	if (req_format(r, FMT_XML) == FMT_JSON) {
		buf_printf(&r->out, "{\"city\":\"%s\",\"dept\":\"%s\",\"version_no\":%u,"
		    "\"version_id\":%llu,\"href\":\"%s\",\"summary\":\"", u->city,
		    u->dept, u->vno, u->vid, loc);
		buf_json_str(&r->out, u->summary);
		buf_puts(&r->out, "\"}\n");
		snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
		return;
	}
	doc = xmlNewDoc(BAD_CAST "1.0");
	n = xmlNewDocNode(doc, NULL, BAD_CAST "upload", NULL);
	xmlDocSetRootElement(doc, n);
	page_attr(n, "city", u->city);
	page_attr(n, "dept", u->dept);
	page_attr_ull(n, "version-no", u->vno);
	page_attr_ull(n, "version-id", u->vid);
	page_attr(n, "href", loc);
	page_attr(n, "summary", u->summary);
	page_xml(r, doc);
	xmlFreeDoc(doc);
}

/* Empties nginx's page cache now, and again once every worker's catalogue
 * has expired: a worker that still had the old catalogue may have refilled
 * the cache in between. After the 201, every page served is the new one. */
static void
purge_front_cache(struct req *r, const struct conf *c)
{
	if (c->nginx_cache_dir[0] == '\0')
		return;
	if (purge_dir(c->nginx_cache_dir) < 0)
		log_warn(r->id, "cannot purge %s", c->nginx_cache_dir);
	usleep((useconds_t)(c->cache_ttl_ms + 50) * 1000);
	(void)purge_dir(c->nginx_cache_dir);
}

int
h_upload(struct req *r)
{
	struct worker *w = r->w;
	const struct conf *c = w->conf;
	const char *city = r->m.param[0], *dept = r->m.param[1];
	struct upload_result u;
	struct diag *dg;
	char	 msg[400];
	int	 rc;

	if (!auth_may_edit_charter(&r->who, city, dept)) {
		snprintf(msg, sizeof(msg), "this credential may not upload the charter of %s/%s",
		    city, dept);
		return page_error(r, 403, FMT_XML, msg, NULL);
	}
	/* The body is judged as XML whatever Content-Type says: clients such as
	 * curl --data-binary label it form data. */
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 503;
	rc = cstore_upload(w->db, w->charter_xsd, c->max_body, c->max_xml_depth,
	    r->body, r->body_len, city, dept, r->who.name, dg, &u);
	if (rc == 0) {
		log_info(r->id, "charter %s/%s version %u uploaded by %s", city, dept,
		    u.vno, r->who.name);
		w->cat_at = 0;	/* this worker sees it at once; others within the TTL */
		purge_front_cache(r, c);
		created(r, &u);
	} else if (rc == -1) {
		log_info(r->id, "charter %s/%s refused: %zu errors", city, dept, dg->n);
		page_error(r, 422, FMT_XML,
		    "the charter was not accepted; the current version stays in force", dg);
	} else {
		log_err(r->id, "upload of %s/%s: %s", city, dept, dg->n ? dg->item[0].msg : "");
		page_error(r, 503, FMT_XML, "the database is not available; try again", NULL);
	}
	free(dg);
	return 0;
}
