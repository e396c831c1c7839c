/* xmlsafe: the one way external XML enters the program (XML 1.0 §2.8 says a
 * document may carry a DOCTYPE; ours never need one, and refusing it closes
 * XXE, external parameter entities and entity bombs before libxml2 runs). */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include "diag.h"
#include "utf8.h"
#include "xmlsafe.h"

static void
collect(void *ctx, xmlErrorPtr e)
{
	struct diag *d = ctx;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	diag_add(d, e->line, "%s", e->message ? e->message : "XML error");
}

static const char *
find_doctype(const char *p, size_t len)
{
	static const char pat[] = "<!DOCTYPE";
	size_t	 i, n = sizeof(pat) - 1;

	for (i = 0; i + n <= len; i++)
		if (p[i] == '<' && memcmp(p + i, pat, n) == 0)
			return p + i;
	return NULL;
}

/* The deepest element level at or below n, whose siblings are at lvl + 1. */
static unsigned
depth_of(xmlNodePtr n, unsigned lvl, unsigned max)
{
	unsigned d, best = lvl;

	if (lvl > max)
		return lvl;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    (d = depth_of(n->children, lvl + 1, max)) > best)
			best = d;
	return best;
}

xmlDocPtr
xmlsafe_parse(const char *data, size_t len, size_t maxlen, unsigned maxdepth,
    struct diag *d)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 doc;
	const char	*dt;
	size_t		 off;

	if (len == 0) {
		diag_add(d, 0, "the document is empty");
		return NULL;
	}
	if (len > maxlen) {
		diag_add(d, 0, "the document is larger than %zu bytes", maxlen);
		return NULL;
	}
	if (!utf8_valid(data, len, &off)) {
		diag_add(d, diag_line_of(data, off),
		    "invalid UTF-8 at byte %zu: the document must be UTF-8", off);
		return NULL;
	}
	if ((dt = find_doctype(data, len)) != NULL) {
		diag_add(d, diag_line_of(data, (size_t)(dt - data)),
		    "DOCTYPE declarations are not allowed (no DTDs, no entities)");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_add(d, 0, "out of memory");
		return NULL;
	}
	xmlSetStructuredErrorFunc(d, collect);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (doc == NULL) {
		if (d->n == 0)
			diag_add(d, 0, "the document is not well-formed XML");
		return NULL;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		diag_add(d, 1, "DOCTYPE declarations are not allowed");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (depth_of(xmlDocGetRootElement(doc), 0, maxdepth) > maxdepth) {
		diag_add(d, 0, "elements are nested deeper than %u levels", maxdepth);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int
xmlsafe_validate(xmlSchemaPtr schema, xmlDocPtr doc, struct diag *d)
{
	xmlSchemaValidCtxtPtr v;
	int	 rc;

	if ((v = xmlSchemaNewValidCtxt(schema)) == NULL) {
		diag_add(d, 0, "out of memory");
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(v, collect, d);
	rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && d->n == 0)
		diag_add(d, 0, "the document does not match the schema");
	return rc == 0 ? 0 : -1;
}

/* Only our own files are ever loaded (stylesheets, the XSD); documents from
 * outside cannot reach here since their DOCTYPE is refused, but a network
 * or non-file URL is refused here too, whoever asks. */
static xmlParserInputPtr
local_only(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	if (url == NULL || (strstr(url, "://") != NULL && strncmp(url, "file://", 7) != 0))
		return NULL;
	return xmlNewInputFromFile(ctxt, url);
}

void
xmlsafe_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(local_only);
}

xmlSchemaPtr
xmlsafe_load_schema(const char *path)
{
	xmlSchemaParserCtxtPtr p;
	xmlSchemaPtr s;

	if ((p = xmlSchemaNewParserCtxt(path)) == NULL)
		return NULL;
	s = xmlSchemaParse(p);
	xmlSchemaFreeParserCtxt(p);
	return s;
}

xmlSchemaPtr
xmlsafe_load_data_schema(const char *datadir, const char *name, char *path,
    size_t size)
{
	if ((size_t)snprintf(path, size, "%s/schema/%s", datadir, name) >= size)
		return NULL;
	return xmlsafe_load_schema(path);
}
