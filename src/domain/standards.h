/* standards: the measures in force for a department — its charter's and its
 * ancestors', nearer ones overriding by id — and those that apply to one
 * petition by kind and channel. Pure. */
#ifndef CHARTER_STANDARDS_H
#define CHARTER_STANDARDS_H
#include <stddef.h>
#include <libxml/tree.h>

#define STANDARDS_MAX 128

struct standard {
	char	 id[65];
	char	 from[33], to[33];
	char	 target[33];		/* ISO 8601 duration, "" with rings */
	unsigned rings;
	char	 clock[17], basis[17];
	char	 kinds[256], channels[128];	/* as written; "all" by default */
	char	 origin[100];		/* "city/dept" of the charter stating it */
};

struct standards {
	struct standard s[STANDARDS_MAX];
	size_t	 n;
};

/* Fills out with the measures in force along a chain: roots[0] is the
 * department's charter, roots[i] its ancestors, keys[i] their "city/dept". */
void	 standards_in_force(xmlNodePtr *roots, const char *const *keys, size_t n,
	    struct standards *out);
/* 1 if the standard applies to a petition of this kind and channel (a
 * board post is an internet petition too). */
int	 standard_applies(const struct standard *, const char *kind, const char *channel);
/* The kind's statutory period from the applicable measures (basis
 * "statutory", received → answered): 1 with value and unit ("hours" or
 * "days"), 0 when the charter states none. */
int	 standards_statutory(const struct standards *, const char *kind,
	    const char *channel, unsigned *value, const char **unit);

#endif
