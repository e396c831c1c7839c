/* charter: meaning and inheritance of charter documents (see schema/charter.xsd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xpath.h>
#include "charter.h"
#include "duration.h"
#include "petition.h"
#include "../util/buf.h"
#include "../util/diag.h"

static const char *const std_names[] = {
	"measure", "duty", "compensation", "accountability", "rule", NULL
};
static const char *const events[] = {
	"received", "forwarded", "assigned", "contacted", "investigated",
	"answered", "result-notified", "feedback-received", "call-rung",
	"call-answered", "call-missed", "called-back", "visitor-arrived",
	"visitor-greeted", "visitor-consulted", "officer-found", "closed", NULL
};
static const char *const clocks[] = {
	"calendar", "working-hours", "working-days", NULL
};
static const char *const bases[] = { "department", "statutory", NULL };

struct nodes {
	xmlNodePtr	*v;
	size_t		 n, cap;
};

static int
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int
is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

int
charter_is_standard(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && in_list((const char *)n->name, std_names);
}

/* Copies attribute name into out ("" when absent). Returns 1 if present. */
static int
attr(xmlNodePtr n, const char *name, char *out, size_t outlen)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);

	if (v == NULL) {
		out[0] = '\0';
		return 0;
	}
	snprintf(out, outlen, "%s", (const char *)v);
	xmlFree(v);
	return 1;
}

static void
collect_standards(xmlNodePtr n, struct nodes *out)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (charter_is_standard(n) && out->n < 100000) {
			if (out->n == out->cap) {
				size_t cap = out->cap ? out->cap * 2 : 32;
				xmlNodePtr *v = realloc(out->v, cap * sizeof(*v));
				if (v == NULL)
					return;
				out->v = v;
				out->cap = cap;
			}
			out->v[out->n++] = n;
		}
		collect_standards(n->children, out);
	}
}

int
charter_valid_code(const char *s, size_t max)
{
	size_t	 i;

	if (s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return i <= max;
}

static void
text_of(xmlNodePtr root, const char *child, char *out, size_t outlen)
{
	xmlNodePtr n;
	xmlChar	*t;

	out[0] = '\0';
	for (n = root->children; n; n = n->next)
		if (is_named(n, child)) {
			if ((t = xmlNodeGetContent(n)) != NULL) {
				snprintf(out, outlen, "%s", (const char *)t);
				xmlFree(t);
			}
			return;
		}
}

int
charter_ident(xmlDocPtr doc, struct charter_ident *id, struct diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char	 ext[100], code[128], *slash;
	size_t	 before = d->n;

	memset(id, 0, sizeof(*id));
	if (root == NULL || !is_named(root, "charter")) {
		diag_add(d, root ? xmlGetLineNo(root) : 1,
		    "the root element must be <charter>");
		return -1;
	}
	attr(root, "city", code, sizeof(code));
	if (!charter_valid_code(code, 32))
		diag_add(d, xmlGetLineNo(root), "city code '%.64s' is not valid", code);
	else
		memcpy(id->city, code, strlen(code) + 1);
	attr(root, "dept", code, sizeof(code));
	if (!charter_valid_code(code, 64))
		diag_add(d, xmlGetLineNo(root), "department code '%.80s' is not valid", code);
	else
		memcpy(id->dept, code, strlen(code) + 1);
	attr(root, "city-name", id->city_name, sizeof(id->city_name));
	attr(root, "dept-name", id->dept_name, sizeof(id->dept_name));
	attr(root, "version", id->label, sizeof(id->label));
	attr(root, "effective", id->effective, sizeof(id->effective));
	text_of(root, "title", id->title, sizeof(id->title));
	if (!attr(root, "extends", ext, sizeof(ext)))
		id->ext = EXT_DEFAULT;
	else if (strcmp(ext, "none") == 0)
		id->ext = EXT_NONE;
	else if ((slash = strchr(ext, '/')) != NULL && (*slash = '\0', 1) &&
	    charter_valid_code(ext, 32) && charter_valid_code(slash + 1, 64)) {
		id->ext = EXT_EXPLICIT;	/* lengths checked by charter_valid_code */
		memcpy(id->parent_city, ext, strlen(ext) + 1);
		memcpy(id->parent_dept, slash + 1, strlen(slash + 1) + 1);
		if (!strcmp(id->parent_city, id->city) && !strcmp(id->parent_dept, id->dept))
			diag_add(d, xmlGetLineNo(root), "a charter cannot extend itself");
	} else
		diag_add(d, xmlGetLineNo(root),
		    "extends must be 'none' or 'city/dept'");
	return d->n == before ? 0 : -1;
}

/* Checks a space-separated list against a vocabulary ("all" allowed). */
static void
check_list(struct diag *d, xmlNodePtr n, const char *name,
    int (*valid)(const char *), const char *what)
{
	char	 v[512], *tok, *save = NULL;

	if (!attr(n, name, v, sizeof(v)))
		return;
	for (tok = strtok_r(v, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save))
		if (strcmp(tok, "all") != 0 && !valid(tok))
			diag_add(d, xmlGetLineNo(n), "unknown %s '%s' in %s", what, tok, name);
}

static void
check_duration(struct diag *d, xmlNodePtr n, const char *name)
{
	char	 v[64];
	struct duration du;

	if (!attr(n, name, v, sizeof(v)))
		return;
	if (duration_parse(v, &du) == -1)
		diag_add(d, xmlGetLineNo(n), "%s '%s' is not an ISO 8601 duration", name, v);
	else if (duration_is_zero(&du))
		diag_add(d, xmlGetLineNo(n), "%s '%s' is zero: a target must be positive", name, v);
}

static void
check_positive(struct diag *d, xmlNodePtr n, const char *name, int zero_ok)
{
	char	 v[64], *end;
	long	 x;

	if (!attr(n, name, v, sizeof(v)))
		return;
	x = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || x < (zero_ok ? 0 : 1) || x > 100000000)
		diag_add(d, xmlGetLineNo(n), "%s '%s' must be a %s integer",
		    name, v, zero_ok ? "non-negative" : "positive");
}

static void
check_enum(struct diag *d, xmlNodePtr n, const char *name,
    const char *const *vocab)
{
	char	 v[64];

	if (attr(n, name, v, sizeof(v)) && !in_list(v, vocab))
		diag_add(d, xmlGetLineNo(n), "unknown %s '%s'", name, v);
}

static void
check_measure(struct diag *d, xmlNodePtr n)
{
	char	 t[64], r[64], from[64], to[64];
	int	 has_t = attr(n, "target", t, sizeof(t));
	int	 has_r = attr(n, "rings", r, sizeof(r));

	if (has_t == has_r)
		diag_add(d, xmlGetLineNo(n),
		    "a measure needs exactly one of target and rings");
	check_duration(d, n, "target");
	check_positive(d, n, "rings", 0);
	check_enum(d, n, "from", events);
	check_enum(d, n, "to", events);
	check_enum(d, n, "clock", clocks);
	check_enum(d, n, "basis", bases);
	check_list(d, n, "kinds", petition_kind_valid, "petition kind");
	check_list(d, n, "channels", petition_channel_valid, "channel");
	if (attr(n, "from", from, sizeof(from)) && attr(n, "to", to, sizeof(to)) &&
	    strcmp(from, to) == 0)
		diag_add(d, xmlGetLineNo(n), "a measure must run between two different events");
}

static void
check_standard(struct diag *d, xmlNodePtr n)
{
	xmlNodePtr c;
	char	 v[64];

	if (is_named(n, "measure"))
		check_measure(d, n);
	else if (is_named(n, "duty")) {
		check_duration(d, n, "every");
		check_duration(d, n, "within");
		check_positive(d, n, "times", 0);
	} else if (is_named(n, "compensation")) {
		check_positive(d, n, "amount", 1);
		for (c = n->children; c; c = c->next)
			if (is_named(c, "exclude") && attr(c, "kind", v, sizeof(v)) &&
			    !petition_kind_valid(v))
				diag_add(d, xmlGetLineNo(c), "unknown petition kind '%s' in exclude", v);
	} else if (is_named(n, "accountability"))
		check_positive(d, n, "threshold", 0);
}

int
charter_check(xmlDocPtr doc, struct diag *d)
{
	struct nodes s = { 0 };
	size_t	 i, j, before = d->n;
	char	 a[100], b[100];

	collect_standards(xmlDocGetRootElement(doc), &s);
	for (i = 0; i < s.n; i++) {
		if (!attr(s.v[i], "id", a, sizeof(a)) || !charter_valid_code(a, 64))
			diag_add(d, xmlGetLineNo(s.v[i]),
			    "<%s> needs an id of lower-case letters, digits and '-'",
			    (const char *)s.v[i]->name);
		for (j = 0; j < i; j++)
			if (attr(s.v[j], "id", b, sizeof(b)) && !strcmp(a, b)) {
				diag_add(d, xmlGetLineNo(s.v[i]),
				    "standard id '%s' is used twice (first on line %ld)",
				    a, xmlGetLineNo(s.v[j]));
				break;
			}
		check_standard(d, s.v[i]);
	}
	free(s.v);
	return d->n == before ? 0 : -1;
}

void
charter_standard_value(xmlNodePtr n, char *out, size_t outlen)
{
	char	 v[64], w[64];

	out[0] = '\0';
	if (is_named(n, "measure")) {
		if (attr(n, "target", v, sizeof(v)))
			snprintf(out, outlen, "%s", v);
		else if (attr(n, "rings", v, sizeof(v)))
			snprintf(out, outlen, "%s rings", v);
	} else if (is_named(n, "compensation")) {
		attr(n, "amount", v, sizeof(v));
		attr(n, "form", w, sizeof(w));
		snprintf(out, outlen, "%s KRW %s", v, w);
	} else if (is_named(n, "accountability")) {
		attr(n, "threshold", v, sizeof(v));
		attr(n, "action", w, sizeof(w));
		snprintf(out, outlen, "%s %s", v, w);
	} else if (is_named(n, "duty")) {
		if (attr(n, "within", v, sizeof(v)))
			snprintf(out, outlen, "within %s", v);
		else {
			attr(n, "every", v, sizeof(v));
			attr(n, "times", w, sizeof(w));
			snprintf(out, outlen, "%sx %s", w[0] ? w : "1", v);
		}
	} else if (is_named(n, "rule"))
		attr(n, "kind", out, outlen);
}

static xmlNodePtr
find_std(struct nodes *s, const char *id)
{
	char	 v[100];
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (attr(s->v[i], "id", v, sizeof(v)) && !strcmp(v, id))
			return s->v[i];
	return NULL;
}

void
charter_annotate(xmlNodePtr *roots, const char *const *keys, size_t n)
{
	struct nodes *all;
	size_t	 i, j, k;
	char	 id[100], val[160];

	if ((all = calloc(n, sizeof(*all))) == NULL)
		return;
	for (i = 0; i < n; i++)
		collect_standards(roots[i], &all[i]);
	for (i = 0; i < n; i++)
		for (k = 0; k < all[i].n; k++) {
			xmlNodePtr mine = all[i].v[k], theirs = NULL;
			if (xmlHasProp(mine, BAD_CAST "overridden-by") ||
			    !attr(mine, "id", id, sizeof(id)))
				continue;
			for (j = i + 1; j < n && theirs == NULL; j++)
				if ((theirs = find_std(&all[j], id)) != NULL)
					break;
			if (theirs == NULL)
				continue;
			charter_standard_value(theirs, val, sizeof(val));
			xmlSetProp(mine, BAD_CAST "overrides", BAD_CAST keys[j]);
			xmlSetProp(mine, BAD_CAST "inherited-value", BAD_CAST val);
			if (mine->parent)
				xmlSetProp(mine->parent, BAD_CAST "origin", BAD_CAST "override");
			xmlSetProp(theirs, BAD_CAST "overridden-by", BAD_CAST keys[i]);
			if (theirs->parent)
				xmlSetProp(theirs->parent, BAD_CAST "overridden", BAD_CAST "true");
		}
	for (i = 0; i < n; i++)
		free(all[i].v);
	free(all);
}

int
charter_diff(xmlDocPtr old, xmlDocPtr cur, struct buf *out)
{
	struct nodes a = { 0 }, b = { 0 };
	char	 id[100], va[160], vb[160];
	xmlNodePtr m;
	xmlChar	*ta, *tb;
	size_t	 i;
	int	 parts = 0, rc = 0;

	collect_standards(xmlDocGetRootElement(old), &a);
	collect_standards(xmlDocGetRootElement(cur), &b);
	for (i = 0; i < b.n; i++) {
		attr(b.v[i], "id", id, sizeof(id));
		charter_standard_value(b.v[i], vb, sizeof(vb));
		if ((m = find_std(&a, id)) == NULL)
			rc |= buf_printf(out, "%sadded %s (%s)", parts++ ? "; " : "", id, vb);
		else {
			charter_standard_value(m, va, sizeof(va));
			if (strcmp(va, vb) != 0)
				rc |= buf_printf(out, "%s%s: %s -> %s", parts++ ? "; " : "", id, va, vb);
		}
	}
	for (i = 0; i < a.n; i++) {
		attr(a.v[i], "id", id, sizeof(id));
		if (find_std(&b, id) == NULL)
			rc |= buf_printf(out, "%sremoved %s", parts++ ? "; " : "", id);
	}
	ta = xmlNodeGetContent(xmlDocGetRootElement(old));
	tb = xmlNodeGetContent(xmlDocGetRootElement(cur));
	if (ta && tb && xmlStrcmp(ta, tb) != 0)
		rc |= buf_printf(out, "%stext changed", parts++ ? "; " : "");
	xmlFree(ta);
	xmlFree(tb);
	if (parts == 0)
		rc |= buf_puts(out, "no change in content");
	free(a.v);
	free(b.v);
	return rc;
}
