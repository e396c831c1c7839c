/* diag: collected input errors with line numbers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "diag.h"

void
diag_add(struct diag *d, long line, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n;
	char	*m;

	if (d->n == DIAG_MAX) {
		d->dropped++;
		return;
	}
	d->item[d->n].line = line;
	va_start(ap, fmt);
	vsnprintf(d->item[d->n].msg, sizeof(d->item[d->n].msg), fmt, ap);
	va_end(ap);
	/* libxml2 messages end with a newline */
	m = d->item[d->n].msg;
	n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		m[--n] = '\0';
	d->n++;
}

long
diag_line_of(const char *p, size_t off)
{
	long	 line = 1;
	size_t	 i;

	for (i = 0; i < off; i++)
		if (p[i] == '\n')
			line++;
	return line;
}
