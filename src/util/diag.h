/* diag: a list of problems found in an input, each with its line number
 * (0 when the problem has no line), for 4xx answers that list every error. */
#ifndef CHARTER_DIAG_H
#define CHARTER_DIAG_H
#include <stddef.h>

#define DIAG_MAX 100

struct diag_item {
	long	 line;
	char	 msg[300];
};

struct diag {
	struct diag_item item[DIAG_MAX];
	size_t	 n;
	size_t	 dropped;	/* errors past DIAG_MAX, counted only */
};

void	 diag_add(struct diag *, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Line number (1-based) of byte offset off in p. */
long	 diag_line_of(const char *p, size_t off);

#endif
