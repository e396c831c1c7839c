/* render: the page stylesheet (xsl/page.xsl), compiled once per worker. */
#ifndef CHARTER_RENDER_H
#define CHARTER_RENDER_H
#include <libxml/tree.h>

struct buf;
struct render;

/* Compiles DATADIR/xsl/page.xsl; NULL on error (message logged). */
struct render	*render_open(const char *datadir);
void		 render_close(struct render *);
/* Renders doc to HTML, appended to out; 0 or -1. */
int		 render_html(struct render *, xmlDocPtr doc, struct buf *out);

#endif
