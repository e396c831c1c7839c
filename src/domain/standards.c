/* standards: resolving inheritance for the engine (the page does the same
 * with charter_annotate, for display). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "duration.h"
#include "standards.h"

static void
prop(xmlNodePtr n, const char *name, char *out, size_t len, const char *dflt)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);

	snprintf(out, len, "%s", v ? (const char *)v : dflt);
	xmlFree(v);
}

static struct standard *
slot_for(struct standards *out, const char *id)
{
	size_t	 i;

	for (i = 0; i < out->n; i++)
		if (strcmp(out->s[i].id, id) == 0)
			return &out->s[i];
	return out->n < STANDARDS_MAX ? &out->s[out->n++] : NULL;
}

static void
collect(xmlNodePtr n, const char *key, struct standards *out)
{
	struct standard *s;
	char	 id[65], rings[16];

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "measure") == 0) {
			prop(n, "id", id, sizeof(id), "");
			if (id[0] && (s = slot_for(out, id)) != NULL) {
				memset(s, 0, sizeof(*s));
				memcpy(s->id, id, sizeof(id));
				prop(n, "from", s->from, sizeof(s->from), "");
				prop(n, "to", s->to, sizeof(s->to), "");
				prop(n, "target", s->target, sizeof(s->target), "");
				prop(n, "rings", rings, sizeof(rings), "0");
				s->rings = (unsigned)strtoul(rings, NULL, 10);
				prop(n, "clock", s->clock, sizeof(s->clock), "working-hours");
				prop(n, "basis", s->basis, sizeof(s->basis), "department");
				prop(n, "kinds", s->kinds, sizeof(s->kinds), "all");
				prop(n, "channels", s->channels, sizeof(s->channels), "all");
				snprintf(s->origin, sizeof(s->origin), "%s", key);
			}
		}
		collect(n->children, key, out);
	}
}

void
standards_in_force(xmlNodePtr *roots, const char *const *keys, size_t n,
    struct standards *out)
{
	size_t	 i;

	out->n = 0;
	for (i = n; i-- > 0;)	/* the farthest ancestor first: nearer ones override */
		collect(roots[i], keys[i], out);
}

/* 1 if word is in the space-separated list, or the list is "all". */
static int
listed(const char *list, const char *word)
{
	size_t	 n = strlen(word);
	const char *p;

	if (strcmp(list, "all") == 0)
		return 1;
	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

int
standard_applies(const struct standard *s, const char *kind, const char *channel)
{
	if (!listed(s->kinds, kind))
		return 0;
	return listed(s->channels, channel) ||
	    (strcmp(channel, "board") == 0 && listed(s->channels, "internet"));
}

int
standards_statutory(const struct standards *ss, const char *kind,
    const char *channel, unsigned *value, const char **unit)
{
	struct duration d;
	size_t	 i;

	for (i = 0; i < ss->n; i++) {
		const struct standard *s = &ss->s[i];
		if (strcmp(s->basis, "statutory") || strcmp(s->from, "received") ||
		    strcmp(s->to, "answered") || !standard_applies(s, kind, channel) ||
		    duration_parse(s->target, &d) == -1 || d.years || d.months)
			continue;
		if (d.weeks || d.days) {
			*value = d.weeks * 7 + d.days;
			*unit = "days";
		} else {
			*value = d.hours + (d.minutes + 59) / 60;
			*unit = "hours";
		}
		return *value > 0;
	}
	return 0;
}
