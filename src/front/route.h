/* route: matching a method and path against a table of patterns. Pure.
 * Patterns are literal text with {name} parameters, each matching one or
 * more of [a-z0-9-] (so "{dept}.xml" stops at the dot). */
#ifndef CHARTER_ROUTE_H
#define CHARTER_ROUTE_H
#include <stddef.h>

#define ROUTE_PARAMS	4
#define ROUTE_PARAM_MAX	128

struct route {
	const char	*method;	/* "GET" also answers HEAD */
	const char	*pattern;
	unsigned	 flags;		/* the caller's preconditions */
	int		 id;		/* the caller's handler index */
};

struct route_match {
	const struct route *route;
	size_t	 nparam;
	char	 param[ROUTE_PARAMS][ROUTE_PARAM_MAX + 1];
};

/* Returns 200 with m filled, 404 when no pattern matches the path, or 405
 * with the allowed methods ("GET, HEAD, PUT") in allow. */
int	 route_find(const struct route *table, size_t n, const char *method,
	    const char *path, struct route_match *m, char *allow, size_t allowlen);

#endif
