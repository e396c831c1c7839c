/* route: the dispatch table's matcher (cgit's idea: preconditions live in
 * the table and are checked in one place, before any handler runs). */
#include <stdio.h>
#include <string.h>
#include "route.h"

static int
param_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int
match(const char *pat, const char *path, struct route_match *m)
{
	size_t	 n;

	m->nparam = 0;
	while (*pat) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			if (close == NULL || m->nparam == ROUTE_PARAMS)
				return 0;
			for (n = 0; param_char(path[n]); n++)
				;
			if (n == 0 || n > ROUTE_PARAM_MAX)
				return 0;
			memcpy(m->param[m->nparam], path, n);
			m->param[m->nparam++][n] = '\0';
			path += n;
			pat = close + 1;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

int
route_find(const struct route *t, size_t n, const char *method,
    const char *path, struct route_match *m, char *allow, size_t allowlen)
{
	const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	size_t	 i, o = 0;
	int	 found = 0;

	allow[0] = '\0';
	for (i = 0; i < n; i++) {
		struct route_match tmp;
		if (!match(t[i].pattern, path, &tmp))
			continue;
		if (strcmp(t[i].method, want) == 0) {
			*m = tmp;
			m->route = &t[i];
			return 200;
		}
		found = 1;
		if (o < allowlen)
			o += (size_t)snprintf(allow + o, allowlen - o, "%s%s%s",
			    o ? ", " : "", t[i].method,
			    strcmp(t[i].method, "GET") == 0 ? ", HEAD" : "");
	}
	return found ? 405 : 404;
}
