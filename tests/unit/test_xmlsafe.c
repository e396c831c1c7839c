/* test_xmlsafe: the one way outside XML enters the program
 * (src/util/xmlsafe.h): UTF-8 checked, no DOCTYPE (no XXE, no entity
 * bombs), size and depth limits, every error with its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "util/diag.h"
#include "util/xmlsafe.h"
#include "tap.h"

#define MAXLEN	(1024 * 1024)
#define DEPTH	256

static struct diag d;

static char *
slurp(const char *rel, size_t *len)
{
	FILE	*f = fopen(srcpath(rel), "rb");
	char	*p;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	if (p)
		p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static xmlDocPtr
parse(const char *s, size_t len, size_t maxlen, unsigned depth)
{
	memset(&d, 0, sizeof(d));
	return xmlsafe_parse(s, len, maxlen, depth, &d);
}

static xmlDocPtr
parse_str(const char *s)
{
	return parse(s, strlen(s), MAXLEN, DEPTH);
}

/* 1 if some diagnostic is on line and its message holds text (or NULL). */
static int
has_error(long line, const char *text)
{
	size_t	 i;

	for (i = 0; i < d.n; i++)
		if ((line < 0 || d.item[i].line == line) &&
		    (text == NULL || strstr(d.item[i].msg, text) != NULL))
			return 1;
	return 0;
}

static void
show_diag(void)
{
	size_t	 i;

	for (i = 0; i < d.n; i++)
		diag("  line %ld: %s", d.item[i].line, d.item[i].msg);
}

/* A hostile fixture: refused at parse, with a DOCTYPE error on line 2, and
 * nothing of /etc/passwd in any message. */
static void
hostile(const char *rel)
{
	size_t	 len;
	char	*p = slurp(rel, &len);
	xmlDocPtr doc;
	size_t	 i;
	int	 leaked = 0;

	ok(p != NULL, "read %s", rel);
	if (p == NULL)
		return;
	doc = parse(p, len, MAXLEN, DEPTH);
	ok(doc == NULL, "%s refused", rel);
	ok(has_error(2, "DOCTYPE"), "  DOCTYPE error on line 2");
	for (i = 0; i < d.n; i++)
		if (strstr(d.item[i].msg, "root:") || strstr(d.item[i].msg, "/bin/"))
			leaked = 1;
	ok(!leaked, "  no file content in the errors");
	if (doc)
		xmlFreeDoc(doc);
	free(p);
}

int
main(void)
{
	xmlDocPtr doc;
	char	*p, *deep;
	size_t	 len, i;

	xmlsafe_init();

	/* A valid document parses. */
	doc = parse_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<charter city=\"pocheon\"><title>포천시</title></charter>\n");
	ok(doc != NULL, "a small valid document parses");
	is_int(d.n, 0, "  with no diagnostics");
	if (doc) {
		is_str((const char *)xmlDocGetRootElement(doc)->name, "charter", "  root element");
		xmlFreeDoc(doc);
	}
	/* Predefined entities and character references are not DTD entities. */
	doc = parse_str("<a t=\"&lt;&amp;&#xD55C;\">&quot;&#54620;&apos;&gt;</a>");
	ok(doc != NULL, "predefined entities and char refs accepted");
	if (doc) {
		xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
		is_str((const char *)t, "\"한'>", "  and expanded");
		xmlFree(t);
		xmlFreeDoc(doc);
	}
	/* The seed charters pass (a real document with comments and Korean). */
	p = slurp("conf/charters/pocheon/common.xml", &len);
	doc = p ? parse(p, len, MAXLEN, DEPTH) : NULL;
	ok(doc != NULL, "conf/charters/pocheon/common.xml parses");
	show_diag();
	if (doc)
		xmlFreeDoc(doc);
	free(p);

	/* Empty input. */
	ok(parse("", 0, MAXLEN, DEPTH) == NULL, "empty input refused");
	ok(has_error(0, "empty"), "  'empty' reported");
	/* Larger than maxlen: refused before parsing. */
	ok(parse("<a>12345</a>", 12, 11, DEPTH) == NULL, "12 bytes over an 11-byte limit refused");
	ok(has_error(0, "larger than 11"), "  the limit is named");
	doc = parse("<a>12345</a>", 12, 12, DEPTH);
	ok(doc != NULL, "exactly maxlen bytes accepted");
	if (doc)
		xmlFreeDoc(doc);

	/* Invalid UTF-8: refused with the line of the bad byte. */
	ok(parse_str("<a>\n\n<b>\xc3(</b></a>") == NULL, "invalid UTF-8 refused");
	ok(has_error(3, "UTF-8"), "  on line 3");
	show_diag();
	p = slurp("tests/fixtures/charters/bad-utf8.bin", &len);
	ok(p != NULL && parse(p, len, MAXLEN, DEPTH) == NULL, "bad-utf8.bin refused");
	ok(has_error(4, "UTF-8"), "  on line 4 as its comment says");
	show_diag();
	free(p);
	/* A surrogate (CESU-8) is not UTF-8 either, even though some parsers
	 * let it through. */
	ok(parse_str("<a>\xed\xa0\x80</a>") == NULL, "encoded surrogate refused");
	/* A document declaring another encoding is still checked as UTF-8. */
	ok(parse_str("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>") == NULL,
	    "Latin-1 byte refused whatever the declaration says");

	/* DOCTYPE: refused for each hostile fixture (and /etc/passwd never
	 * read: the parse fails before libxml2 sees the document). */
	hostile("tests/fixtures/charters/xxe-system.xml");
	hostile("tests/fixtures/charters/xxe-param.xml");
	hostile("tests/fixtures/charters/xxe-entity.xml");
	hostile("tests/fixtures/charters/bomb.xml");
	/* Any DOCTYPE, even a harmless one, on the line it appears. */
	ok(parse_str("<?xml version=\"1.0\"?>\n\n<!DOCTYPE a>\n<a/>") == NULL,
	    "harmless DOCTYPE refused");
	ok(has_error(3, "DOCTYPE"), "  on line 3");

	/* An undeclared entity is a well-formedness error (no DTD to expand
	 * it from), not silently dropped. */
	doc = parse_str("<?xml version=\"1.0\"?>\n<a>\n<t>&e;</t>\n</a>");
	ok(doc == NULL, "undeclared entity &e; refused");
	ok(has_error(3, NULL), "  reported on line 3");
	show_diag();
	if (doc)
		xmlFreeDoc(doc);
	/* Parameter-entity-looking text outside a DTD is just text. */
	doc = parse_str("<a>%x;</a>");
	ok(doc != NULL, "'%%x;' in text is just text");
	if (doc)
		xmlFreeDoc(doc);

	/* Not well-formed: refused with the line of the error. */
	ok(parse_str("<a>\n<b>\n</a>") == NULL, "mismatched tag refused");
	ok(has_error(3, NULL), "  reported on line 3");
	show_diag();
	p = slurp("tests/fixtures/charters/bad-notwellformed.xml", &len);
	ok(p != NULL && parse(p, len, MAXLEN, DEPTH) == NULL, "bad-notwellformed.xml refused");
	ok(has_error(11, "mismatch"), "  on line 11 as its comment says");
	show_diag();
	free(p);
	ok(parse_str("<a></a><b/>") == NULL, "two root elements refused");
	ok(parse_str("just text") == NULL, "text without an element refused");
	ok(d.n > 0, "  with a diagnostic");
	ok(parse_str("<a b=\"1\" b=\"2\"/>") == NULL, "repeated attribute refused");
	ok(parse_str("<a>\x01</a>") == NULL, "control character refused");
	/* The text stops at len: a document cut short is not well-formed. */
	ok(parse("<a></a>", 5, MAXLEN, DEPTH) == NULL, "document cut by len refused");

	/* Depth: maxdepth levels accepted, one more refused. */
	deep = malloc(10 * 150 + 1);
	for (len = 0, i = 0; i < 150; i++)
		len += (size_t)sprintf(deep + len, "<e>");
	for (i = 0; i < 150; i++)
		len += (size_t)sprintf(deep + len, "</e>");
	ok(parse(deep, len, MAXLEN, 100) == NULL, "150 levels with maxdepth 100 refused");
	ok(has_error(-1, "deeper than 100"), "  the limit is named");
	free(deep);
	doc = parse_str("<a><b><c/></b></a>");
	ok(doc != NULL, "3 levels with maxdepth 256 accepted");
	if (doc)
		xmlFreeDoc(doc);
	ok(parse("<a><b><c><d/></c></b></a>", 25, MAXLEN, 3) == NULL,
	    "4 levels with maxdepth 3 refused");
	/* A document exactly maxdepth deep is accepted; a lone root is 1 level. */
	doc = parse("<a><b><c/></b></a>", 18, MAXLEN, 3);
	ok(doc != NULL, "3 levels with maxdepth 3 accepted");
	if (doc)
		xmlFreeDoc(doc);
	doc = parse("<a/>", 4, MAXLEN, 1);
	ok(doc != NULL, "a lone root with maxdepth 1 accepted");
	if (doc)
		xmlFreeDoc(doc);
	doc = parse("<a><b><c/></b></a>", 18, MAXLEN, 4);
	ok(doc != NULL, "3 levels with maxdepth 4 accepted");
	if (doc)
		xmlFreeDoc(doc);

	/* Errors past DIAG_MAX are counted, not stored. */
	memset(&d, 0, sizeof(d));
	for (i = 0; i < DIAG_MAX + 5; i++)
		diag_add(&d, (long)i, "error %zu\n", i);
	is_int(d.n, DIAG_MAX, "diag keeps DIAG_MAX errors");
	is_int(d.dropped, 5, "  and counts the rest");
	is_str(d.item[0].msg, "error 0", "  trailing newline stripped");
	is_int(diag_line_of("a\nb\nc", 4), 3, "diag_line_of: byte 4 is on line 3");
	is_int(diag_line_of("abc", 0), 1, "diag_line_of: byte 0 is on line 1");

	xmlCleanupParser();
	return done_testing();
}
