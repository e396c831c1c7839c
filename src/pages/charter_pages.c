/* charter_pages: pages are rendered from the catalogue and the stored XML,
 * cached per worker under an ETag made of the version ids they depend on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "charter_pages.h"
#include "page.h"
#include "page_cache.h"
#include "charter_view.h"
#include "../domain/charter.h"
#include "../domain/token.h"
#include "../front/app.h"
#include "../front/form.h"
#include "../store/charter_store.h"
#include "../store/db.h"
#include "../util/conf.h"
#include "../util/log.h"
#include "../util/timefmt.h"

/* What a city's pages depend on besides their own chain: the newest
 * version id and the number of charters in that city. */
static void
city_state(const struct catalog *c, const char *city, unsigned long long *maxv,
    size_t *count, time_t *lastmod)
{
	size_t	 i;

	*maxv = 0;
	*count = 0;
	for (i = 0; i < c->n; i++) {
		if (city && strcmp(c->e[i].city, city))
			continue;
		(*count)++;
		if (c->e[i].vid > *maxv)
			*maxv = c->e[i].vid;
		if ((time_t)c->e[i].uploaded > *lastmod)
			*lastmod = (time_t)c->e[i].uploaded;
	}
}

/* RFC 9110 §13.1.2: If-None-Match is a list of entity tags, or "*". */
static int
etag_matches(const char *inm, const char *etag)
{
	const char *p = inm;
	size_t	 n = strlen(etag);

	if (strcmp(inm, "*") == 0)
		return 1;
	while ((p = strstr(p, etag)) != NULL) {
		char after = p[n];
		if (after == '\0' || after == ',' || after == ' ')
			return 1;
		p += n;
	}
	return 0;
}

/* Sets the validators; returns 1 if the client's copy is current (304). */
static int
validators(struct req *r, const char *etag, time_t lastmod)
{
	char	 lm[40];
	time_t	 ims;

	time_http(lastmod, lm);
	req_header(r, "ETag", etag);
	req_header(r, "Last-Modified", lm);
	req_header(r, "Cache-Control", "no-cache");
	if (r->if_none_match[0])
		return etag_matches(r->if_none_match, etag);
	if (r->if_modified_since[0] &&
	    (ims = time_http_parse(r->if_modified_since)) != -1 && lastmod <= ims)
		return 1;
	return 0;
}

static int
serve_cached(struct req *r, const char *etag)
{
	const struct cached_page *p = pcache_get(r->w->cache, r->path, etag);

	if (p == NULL)
		return 0;
	buf_reset(&r->out);
	buf_append(&r->out, p->body, p->len);
	snprintf(r->ctype, sizeof(r->ctype), "text/html; charset=utf-8");
	return 1;
}

/* Renders doc, answers with it and keeps it in the worker's cache. */
static int
render_and_keep(struct req *r, xmlDocPtr doc, const char *etag, time_t lastmod)
{
	int	 rc = page_html(r, doc);

	xmlFreeDoc(doc);
	if (rc == -1)
		return 500;
	pcache_put(r->w->cache, r->path, etag, r->out.data, r->out.len, lastmod);
	return 0;
}

int
h_root(struct req *r)
{
	r->status = 302;
	req_header(r, "Location", "/charter/");
	buf_puts(&r->out, "/charter/\n");
	return 0;
}

int
h_index(struct req *r)
{
	struct worker *w = r->w;
	unsigned long long maxv;
	size_t	 count, i;
	time_t	 lastmod = 0;
	char	 etag[96], h[128], when[32];
	xmlDocPtr doc;
	xmlNodePtr root, idx, city = NULL, c;

	if (app_catalog(w) == -1)
		return 503;
	city_state(&w->cat, NULL, &maxv, &count, &lastmod);
	snprintf(etag, sizeof(etag), "\"%s-i%llu-%zu\"", w->stamp, maxv, count);
	if (validators(r, etag, lastmod)) {
		r->status = 304;
		return 0;
	}
	if (serve_cached(r, etag))
		return 0;
	if ((doc = page_new(r, &root)) == NULL)
		return 500;
	idx = xmlNewChild(root, NULL, BAD_CAST "index", NULL);
	for (i = 0; i < w->cat.n; i++) {
		const struct catalog_entry *e = &w->cat.e[i];
		if (i == 0 || strcmp(e->city, w->cat.e[i - 1].city)) {
			city = xmlNewChild(idx, NULL, BAD_CAST "city", NULL);
			page_attr(city, "code", e->city);
			page_attr(city, "name", e->city_name);
		}
		c = xmlNewChild(city, NULL, BAD_CAST "charter", NULL);
		charter_href(h, sizeof(h), e->city, e->dept);
		time_kst((time_t)e->uploaded, when);
		page_attr(c, "dept", e->dept);
		page_attr(c, "dept-name", e->dept_name);
		page_attr(c, "title", e->title);
		page_attr_ull(c, "version-no", e->vno);
		page_attr(c, "uploaded", when);
		page_attr(c, "href", h);
		page_attr(c, "common", strcmp(e->dept, "common") ? "false" : "true");
	}
	return render_and_keep(r, doc, etag, lastmod);
}

/* Loads and parses the stored XML of each charter of the chain. */
static int
load_chain(struct req *r, const struct catalog_entry **chain, size_t n,
    xmlDocPtr *docs)
{
	size_t	 bad;

	if (cstore_chain_docs(r->w->db, chain, n, docs, &bad) == -1) {
		log_err(r->id, "cannot load charter version %llu", chain[bad]->vid);
		return -1;
	}
	return 0;
}

static xmlDocPtr
build_charter_page(struct req *r, const struct catalog_entry **chain, size_t n,
    const char *etag)
{
	xmlDocPtr docs[CHAIN_MAX] = { 0 }, doc = NULL;
	size_t	 i;

	if (load_chain(r, chain, n, docs) == 0)
		doc = charter_view(r->path, &r->w->cat, chain, docs, n, etag);
	for (i = 0; i < n; i++)
		if (docs[i])
			xmlFreeDoc(docs[i]);
	return doc;
}

int
h_charter(struct req *r)
{
	struct worker *w = r->w;
	const struct catalog_entry *e, *chain[CHAIN_MAX];
	unsigned long long maxv;
	size_t	 n, count, i, o;
	time_t	 lastmod = 0;
	char	 etag[400];
	xmlDocPtr doc;

	if (app_catalog(w) == -1)
		return 503;
	if ((e = catalog_find(&w->cat, r->m.param[0], r->m.param[1])) == NULL)
		return page_error(r, 404, FMT_HTML, "이 헌장은 없습니다 (no such charter)", NULL);
	n = catalog_chain(&w->cat, e, chain, CHAIN_MAX);
	city_state(&w->cat, e->city, &maxv, &count, &lastmod);
	o = (size_t)snprintf(etag, sizeof(etag), "\"%s-", w->stamp);
	for (i = 0; i < n && o < sizeof(etag) - 40; i++) {
		o += (size_t)snprintf(etag + o, sizeof(etag) - o, "v%llu.", chain[i]->vid);
		if ((time_t)chain[i]->uploaded > lastmod)
			lastmod = (time_t)chain[i]->uploaded;
	}
	snprintf(etag + o, sizeof(etag) - o, "c%llu.%zu\"", maxv, count);
	if (validators(r, etag, lastmod)) {
		r->status = 304;
		return 0;
	}
	if (serve_cached(r, etag))
		return 0;
	if ((doc = build_charter_page(r, chain, n, etag)) == NULL)
		return 500;
	return render_and_keep(r, doc, etag, lastmod);
}

/* ?version=N, 0 when absent; -1 when not a positive number. */
static long
query_version(const struct req *r)
{
	struct form f;
	const struct form_field *v;
	long	 n = 0;
	char	*end;

	if (r->query[0] == '\0')
		return 0;
	if (form_parse(&f, r->query, strlen(r->query)) == -1)
		return -1;
	if ((v = form_get(&f, "version")) != NULL) {
		n = strtol(v->value, &end, 10);
		if (v->value[0] < '1' || v->value[0] > '9' || *end || v->vlen > 9)
			n = -1;
	}
	form_free(&f);
	return n;
}

int
h_charter_xml(struct req *r)
{
	long	 vno = query_version(r);
	int	 rc;
	char	 etag[160], sha[65];

	if (vno < 0)
		return page_error(r, 400, FMT_XML, "version must be a positive number", NULL);
	rc = cstore_xml(r->w->db, r->m.param[0], r->m.param[1], (unsigned)vno, &r->out);
	if (rc < 0)
		return 503;
	if (rc == 0)
		return page_error(r, 404, FMT_XML, vno ? "no such charter version" :
		    "no such charter", NULL);
	snprintf(r->ctype, sizeof(r->ctype), "application/xml; charset=utf-8");
	token_sha256_hex(r->out.data, r->out.len, sha);
	snprintf(etag, sizeof(etag), "\"x%.32s\"", sha);
	req_header(r, "ETag", etag);
	req_header(r, "Cache-Control", "no-cache");
	if (r->if_none_match[0] && etag_matches(r->if_none_match, etag))
		r->status = 304;
	return 0;
}

static void
version_node(xmlNodePtr parent, struct db_res *v, unsigned i, const char *cur)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST "version", NULL);
	time_t	 t = (time_t)strtoll(db_cell(v, i, 3), NULL, 10);
	char	 iso[32], kst[32];

	time_iso_utc(t, iso);
	time_kst(t, kst);
	page_attr(n, "no", db_cell(v, i, 0));
	page_attr(n, "id", db_cell(v, i, 1));
	page_attr(n, "uploader", db_cell(v, i, 2));
	page_attr(n, "uploaded", iso);
	page_attr(n, "uploaded-kst", kst);
	page_attr(n, "sha256", db_cell(v, i, 4));
	page_attr(n, "bytes", db_cell(v, i, 5));
	page_attr(n, "label", db_cell(v, i, 6));
	page_attr(n, "effective", db_cell(v, i, 7));
	page_attr(n, "summary", db_cell(v, i, 8));
	page_attr(n, "current", cur && !strcmp(cur, db_cell(v, i, 1)) ? "true" : "false");
}

int
h_versions(struct req *r)
{
	const char *city = r->m.param[0], *dept = r->m.param[1];
	struct db_res v, cur;
	xmlDocPtr doc;
	xmlNodePtr root, vs;
	unsigned i;
	int	 rc = 0;

	if (db_query(r->w->db, &v, "SELECT version_no, id, uploader,"
	    " UNIX_TIMESTAMP(uploaded_at), sha256, bytes, label, effective, summary,"
	    " city_name, dept_name FROM charter_versions WHERE city = ? AND dept = ?"
	    " ORDER BY version_no DESC", "ss", city, dept) < 0)
		return 503;
	if (v.nrows == 0) {
		db_res_free(&v);
		return page_error(r, 404, FMT_HTML, "이 헌장은 없습니다 (no such charter)", NULL);
	}
	if (db_query(r->w->db, &cur, "SELECT current_version_id FROM charters"
	    " WHERE city = ? AND dept = ?", "ss", city, dept) < 0) {
		db_res_free(&v);
		return 503;
	}
	if (req_format(r, FMT_HTML) == FMT_XML) {
		doc = xmlNewDoc(BAD_CAST "1.0");
		vs = root = xmlNewDocNode(doc, NULL, BAD_CAST "versions", NULL);
		xmlDocSetRootElement(doc, root);
	} else {
		doc = page_new(r, &root);
		vs = xmlNewChild(root, NULL, BAD_CAST "versions", NULL);
	}
	page_attr(vs, "city", city);
	page_attr(vs, "dept", dept);
	page_attr(vs, "city-name", db_cell(&v, 0, 9));
	page_attr(vs, "dept-name", db_cell(&v, 0, 10));
	for (i = 0; i < v.nrows; i++)
		version_node(vs, &v, i, db_cell(&cur, 0, 0));
	if (root == vs)
		page_xml(r, doc);
	else if (page_html(r, doc) == -1)
		rc = 500;
	req_header(r, "Cache-Control", "no-cache");
	xmlFreeDoc(doc);
	db_res_free(&v);
	db_res_free(&cur);
	return rc;
}
