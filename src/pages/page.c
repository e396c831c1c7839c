/* page: answers are built as documents; HTML comes only from XSLT. */
#include <stdio.h>
#include <string.h>
#include <libxml/xmlsave.h>
#include "page.h"
#include "../domain/calendar.h"
#include "../front/app.h"
#include "../render/render.h"
#include "../util/diag.h"
#include "../util/log.h"

xmlDocPtr
page_doc(const char *path, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc == NULL)
		return NULL;
	*root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(doc, *root);
	xmlNewProp(*root, BAD_CAST "path", BAD_CAST path);
	xmlNewProp(*root, BAD_CAST "lang", BAD_CAST "ko");
	xmlNewProp(*root, BAD_CAST "base", BAD_CAST "");
	return doc;
}

xmlDocPtr
page_new(const struct req *r, xmlNodePtr *root)
{
	return page_doc(r->path, root);
}

xmlNodePtr
page_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST (text ? text : ""));
}

void
page_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST (value ? value : ""));
}

void
page_attr_ull(xmlNodePtr n, const char *name, unsigned long long v)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%llu", v);
	xmlSetProp(n, BAD_CAST name, BAD_CAST s);
}

long long
page_holiday_flag(xmlNodePtr n, const struct calendar *cal, time_t start, time_t due)
{
	long long y = (long long)cal_uncovered_count(cal, start, due);

	if (y != 0)
		page_attr_ull(n, "holiday-data-missing", (unsigned long long)y);
	return y;
}

int
page_html(struct req *r, xmlDocPtr doc)
{
	buf_reset(&r->out);
	if (render_html(r->w->render, doc, &r->out) == -1) {
		log_err(r->id, "rendering %s failed", r->path);
		return -1;
	}
	snprintf(r->ctype, sizeof(r->ctype), "text/html; charset=utf-8");
	return 0;
}

int
page_xml(struct req *r, xmlDocPtr doc)
{
	xmlChar	*s = NULL;
	int	 len = 0, rc;

	xmlDocDumpFormatMemoryEnc(doc, &s, &len, "UTF-8", 1);
	buf_reset(&r->out);
	rc = s ? buf_append(&r->out, s, (size_t)len) : -1;
	xmlFree(s);
	snprintf(r->ctype, sizeof(r->ctype), "application/xml; charset=utf-8");
	return rc;
}

static int
error_json(struct req *r, int status, const char *message, const struct diag *d)
{
	size_t	 i;

	buf_reset(&r->out);
	buf_printf(&r->out, "{\"status\":%d,\"title\":\"%s\",\"message\":\"", status,
	    http_reason(status));
	buf_json_str(&r->out, message);
	buf_puts(&r->out, "\",\"errors\":[");
	for (i = 0; d && i < d->n; i++) {
		buf_printf(&r->out, "%s{\"line\":%ld,\"message\":\"", i ? "," : "",
		    d->item[i].line);
		buf_json_str(&r->out, d->item[i].msg);
		buf_puts(&r->out, "\"}");
	}
	buf_puts(&r->out, "]}\n");
	snprintf(r->ctype, sizeof(r->ctype), "application/json; charset=utf-8");
	return 0;
}

/* Adds one child per diagnostic. */
static void
details(xmlNodePtr parent, const char *name, const struct diag *d)
{
	size_t	 i;
	xmlNodePtr n;

	for (i = 0; d && i < d->n; i++) {
		n = page_text(parent, name, d->item[i].msg);
		if (d->item[i].line > 0)
			page_attr_ull(n, "line", (unsigned long long)d->item[i].line);
	}
	if (d && d->dropped) {
		char	 more[64];
		snprintf(more, sizeof(more), "%zu more errors not shown", d->dropped);
		page_text(parent, name, more);
	}
}

int
page_error(struct req *r, int status, enum req_fmt dflt, const char *message,
    const struct diag *d)
{
	enum req_fmt f = req_format(r, dflt);
	xmlDocPtr doc;
	xmlNodePtr root, e;
	char	 st[8];

	r->status = status;
	if (f == FMT_JSON)
		return error_json(r, status, message, d);
	snprintf(st, sizeof(st), "%d", status);
	if (f == FMT_XML) {
		doc = xmlNewDoc(BAD_CAST "1.0");
		e = xmlNewDocNode(doc, NULL, BAD_CAST "errors", NULL);
		xmlDocSetRootElement(doc, e);
		page_attr(e, "status", st);
		page_attr(e, "title", http_reason(status));
		page_text(e, "message", message);
		details(e, "error", d);
		page_xml(r, doc);
		xmlFreeDoc(doc);
		return 0;
	}
	if ((doc = page_new(r, &root)) == NULL)
		return 0;
	e = xmlNewChild(root, NULL, BAD_CAST "error", NULL);
	page_attr(e, "status", st);
	page_attr(e, "title", http_reason(status));
	page_text(e, "message", message);
	details(e, "detail", d);
	if (page_html(r, doc) == -1) {
		buf_reset(&r->out);
		buf_printf(&r->out, "%d %s\n", status, http_reason(status));
		snprintf(r->ctype, sizeof(r->ctype), "text/plain; charset=utf-8");
	}
	xmlFreeDoc(doc);
	return 0;
}
