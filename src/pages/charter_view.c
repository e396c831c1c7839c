/* charter_view: builds the page document of a charter (see xsl/charter.xsl). */
#include <stdio.h>
#include <string.h>
#include "charter_view.h"
#include "page.h"
#include "../domain/charter.h"
#include "../store/charter_store.h"
#include "../util/timefmt.h"

void
charter_href(char *out, size_t n, const char *city, const char *dept)
{
	snprintf(out, n, "/charter/%s/%s", city, dept);
}

static void
charter_page_attrs(xmlNodePtr cp, const struct catalog_entry *e, const char *etag)
{
	char	 when[32];

	time_kst((time_t)e->uploaded, when);
	page_attr(cp, "city", e->city);
	page_attr(cp, "city-name", e->city_name);
	page_attr(cp, "dept", e->dept);
	page_attr(cp, "dept-name", e->dept_name);
	page_attr_ull(cp, "version-id", e->vid);
	page_attr_ull(cp, "version-no", e->vno);
	page_attr(cp, "uploaded", when);
	page_attr(cp, "uploader", e->uploader);
	page_attr(cp, "etag", etag);
}

static void
add_departments(xmlNodePtr cp, const struct catalog *c, const struct catalog_entry *self)
{
	xmlNodePtr list = xmlNewChild(cp, NULL, BAD_CAST "departments", NULL), d;
	char	 h[128];
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->e[i].city, self->city) || &c->e[i] == self)
			continue;
		d = xmlNewChild(list, NULL, BAD_CAST "dept", NULL);
		charter_href(h, sizeof(h), c->e[i].city, c->e[i].dept);
		page_attr(d, "code", c->e[i].dept);
		page_attr(d, "name", c->e[i].dept_name);
		page_attr(d, "href", h);
	}
}

xmlDocPtr
charter_view(const char *path, const struct catalog *cat,
    const struct catalog_entry **chain, xmlDocPtr *docs, size_t n,
    const char *etag)
{
	xmlDocPtr doc;
	xmlNodePtr roots[CHAIN_MAX], root, cp, inh;
	char	 keybuf[CHAIN_MAX][100];
	const char *keys[CHAIN_MAX];
	size_t	 i;

	if (n == 0 || n > CHAIN_MAX || (doc = page_doc(path, &root)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		snprintf(keybuf[i], sizeof(keybuf[i]), "%s/%s", chain[i]->city, chain[i]->dept);
		keys[i] = keybuf[i];
		roots[i] = xmlDocCopyNode(xmlDocGetRootElement(docs[i]), doc, 1);
	}
	charter_annotate(roots, keys, n);
	cp = xmlNewChild(root, NULL, BAD_CAST "charter-page", NULL);
	charter_page_attrs(cp, chain[0], etag);
	xmlAddChild(cp, roots[0]);
	for (i = 1; i < n; i++) {
		inh = xmlNewChild(cp, NULL, BAD_CAST "inherited", NULL);
		page_attr(inh, "from", keys[i]);
		page_attr(inh, "city-name", chain[i]->city_name);
		page_attr(inh, "dept-name", chain[i]->dept_name);
		page_attr_ull(inh, "version-no", chain[i]->vno);
		xmlAddChild(inh, roots[i]);
	}
	add_departments(cp, cat, chain[0]);
	return doc;
}
