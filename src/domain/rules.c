/* rules: the compensation, accountability and duty rules in force along a
 * charter chain (rules.h). Same traversal as standards.c: the farthest
 * ancestor first, every element at any depth, a nearer charter's rule
 * replacing an ancestor's of the same id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules.h"

static void
prop(xmlNodePtr n, const char *name, char *out, size_t len, const char *dflt)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);

	snprintf(out, len, "%s", v ? (const char *)v : dflt);
	xmlFree(v);
}

static unsigned long
prop_ul(xmlNodePtr n, const char *name, unsigned long dflt)
{
	char	 v[24], *end;
	unsigned long u;

	prop(n, name, v, sizeof(v), "");
	u = strtoul(v, &end, 10);
	return v[0] == '\0' || *end != '\0' ? dflt : u;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* The index of the rule with this id among n (each `size` bytes, id first),
 * or n when it is new; -1 when full. */
static long
slot(const void *base, size_t size, size_t n, const char *id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp((const char *)base + i * size, id) == 0)
			return (long)i;
	return n < RULES_MAX ? (long)n : -1;
}

static void
compensation(xmlNodePtr n, const char *key, struct rules *out)
{
	struct comp_rule_def *c;
	xmlNodePtr x;
	char	 id[65], v[33], tf[8];
	long	 i;
	size_t	 k = 0;

	prop(n, "id", id, sizeof(id), "");
	if (!id[0] || (i = slot(out->comp, sizeof(*c), out->ncomp, id)) < 0)
		return;
	if ((size_t)i == out->ncomp)
		out->ncomp++;
	c = &out->comp[i];
	memset(c, 0, sizeof(*c));
	memcpy(c->id, id, sizeof(id));
	prop(n, "trigger", c->trigger, sizeof(c->trigger), "");
	c->amount = (long)prop_ul(n, "amount", 0);
	prop(n, "currency", c->currency, sizeof(c->currency), "KRW");
	prop(n, "form", c->form, sizeof(c->form), "");
	prop(n, "condition", c->condition, sizeof(c->condition), "");
	prop(n, "apology", tf, sizeof(tf), "false");
	c->apology = strcmp(tf, "true") == 0 || strcmp(tf, "1") == 0;
	for (x = n->children; x; x = x->next) {
		if (!is(x, "exclude"))
			continue;
		prop(x, "kind", v, sizeof(v), "");
		if (v[0] && k < RULE_EXCL_MAX)
			memcpy(c->excl[k++], v, sizeof(v));
		prop(x, "state", v, sizeof(v), "");
		if (strcmp(v, "supplemented") == 0)
			c->excl_supplemented = 1;
		else if (strcmp(v, "extended") == 0)
			c->excl_extended = 1;
	}
	snprintf(c->origin, sizeof(c->origin), "%s", key);
}

static void
accountability(xmlNodePtr n, const char *key, struct rules *out)
{
	struct acct_rule_def *a;
	char	 id[65];
	long	 i;

	prop(n, "id", id, sizeof(id), "");
	if (!id[0] || (i = slot(out->acct, sizeof(*a), out->nacct, id)) < 0)
		return;
	if ((size_t)i == out->nacct)
		out->nacct++;
	a = &out->acct[i];
	memset(a, 0, sizeof(*a));
	memcpy(a->id, id, sizeof(id));
	prop(n, "count", a->count, sizeof(a->count), "");
	prop(n, "action", a->action, sizeof(a->action), "");
	a->threshold = (unsigned)prop_ul(n, "threshold", 0);
	snprintf(a->origin, sizeof(a->origin), "%s", key);
}

static void
duty(xmlNodePtr n, const char *key, struct rules *out)
{
	struct duty_def *d;
	char	 id[65];
	long	 i;

	prop(n, "id", id, sizeof(id), "");
	if (!id[0] || (i = slot(out->duty, sizeof(*d), out->nduty, id)) < 0)
		return;
	if ((size_t)i == out->nduty)
		out->nduty++;
	d = &out->duty[i];
	memset(d, 0, sizeof(*d));
	memcpy(d->id, id, sizeof(id));
	prop(n, "what", d->what, sizeof(d->what), "");
	prop(n, "every", d->every, sizeof(d->every), "");
	d->times = (unsigned)prop_ul(n, "times", 1);
	prop(n, "within", d->within, sizeof(d->within), "");
	prop(n, "after", d->after, sizeof(d->after), "");
	snprintf(d->origin, sizeof(d->origin), "%s", key);
}

static void
collect(xmlNodePtr n, const char *key, struct rules *out)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "compensation"))
			compensation(n, key, out);
		else if (is(n, "accountability"))
			accountability(n, key, out);
		else if (is(n, "duty"))
			duty(n, key, out);
		else
			collect(n->children, key, out);
	}
}

/* The engine's views of the compensation rules, pointing into comp. */
static void
views(struct rules *out)
{
	size_t	 i, k;

	for (i = 0; i < out->ncomp; i++) {
		struct comp_rule_def *c = &out->comp[i];
		struct eng_comp_rule *e = &out->eng[i];

		for (k = 0; k < RULE_EXCL_MAX && c->excl[k][0]; k++)
			c->exclp[k] = c->excl[k];
		c->exclp[k] = NULL;
		memset(e, 0, sizeof(*e));
		e->id = c->id;
		e->trigger = c->trigger;
		e->amount = c->amount;
		e->currency = c->currency;
		e->form = c->form;
		e->condition = c->condition[0] ? c->condition : NULL;
		e->excl_kinds = c->exclp;
		e->excl_supplemented = c->excl_supplemented;
		e->excl_extended = c->excl_extended;
	}
}

void
rules_in_force(xmlNodePtr *roots, const char *const *keys, size_t n,
    struct rules *out)
{
	size_t	 i;

	out->ncomp = out->nacct = out->nduty = 0;
	for (i = n; i-- > 0;)	/* the farthest ancestor first: nearer ones override */
		if (roots[i])
			collect(roots[i], keys[i], out);
	views(out);
}

const struct acct_rule_def *
rules_accountability(const struct rules *r, unsigned upheld)
{
	const struct acct_rule_def *best = NULL;
	size_t	 i;

	for (i = 0; i < r->nacct; i++) {
		const struct acct_rule_def *a = &r->acct[i];
		if (strcmp(a->count, "dissatisfaction-upheld") == 0 &&
		    a->threshold > 0 && a->threshold <= upheld &&
		    (best == NULL || a->threshold > best->threshold))
			best = a;
	}
	return best;
}
