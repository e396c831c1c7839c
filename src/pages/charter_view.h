/* charter_view: the XML document a charter page is rendered from — the
 * department's charter and its ancestors, overrides marked, the city's other
 * departments listed. Pure: the caller loads the documents. */
#ifndef CHARTER_CHARTER_VIEW_H
#define CHARTER_CHARTER_VIEW_H
#include <stddef.h>
#include <libxml/tree.h>

struct catalog;
struct catalog_entry;

/* chain[0] is the department, chain[i] its ancestors; docs[i] their parsed
 * charters (copied, not taken). Returns a new <page> document or NULL. */
xmlDocPtr	 charter_view(const char *path, const struct catalog *,
		    const struct catalog_entry **chain, xmlDocPtr *docs, size_t n,
		    const char *etag);
/* "/charter/CITY/DEPT" */
void		 charter_href(char *out, size_t n, const char *city, const char *dept);

#endif
