/* render: libxslt with a security policy that forbids the stylesheet any
 * file or network access (it is ours, but defence costs nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include "render.h"
#include "../util/buf.h"
#include "../util/log.h"

struct render {
	xsltStylesheetPtr	 style;
	xsltSecurityPrefsPtr	 sec;
};

struct render *
render_open(const char *datadir)
{
	struct render *r;
	char	 path[1024];

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/xsl/page.xsl", datadir);
	r->sec = xsltNewSecurityPrefs();
	if (r->sec == NULL ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    (r->style = xsltParseStylesheetFile((const xmlChar *)path)) == NULL) {
		log_err(NULL, "cannot compile %s", path);
		render_close(r);
		return NULL;
	}
	return r;
}

void
render_close(struct render *r)
{
	if (r == NULL)
		return;
	if (r->style)
		xsltFreeStylesheet(r->style);
	if (r->sec)
		xsltFreeSecurityPrefs(r->sec);
	free(r);
}

int
render_html(struct render *r, xmlDocPtr doc, struct buf *out)
{
	xsltTransformContextPtr ctx;
	xmlDocPtr res = NULL;
	xmlChar	*s = NULL;
	int	 len = 0, rc = -1;

	if ((ctx = xsltNewTransformContext(r->style, doc)) == NULL)
		return -1;
	xsltSetCtxtSecurityPrefs(r->sec, ctx);
	res = xsltApplyStylesheetUser(r->style, doc, NULL, NULL, NULL, ctx);
	if (res != NULL && ctx->state == XSLT_STATE_OK &&
	    xsltSaveResultToString(&s, &len, res, r->style) == 0 && s != NULL)
		rc = buf_append(out, s, (size_t)len);
	xmlFree(s);
	if (res)
		xmlFreeDoc(res);
	xsltFreeTransformContext(ctx);
	return rc;
}
