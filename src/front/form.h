/* form: application/x-www-form-urlencoded bodies and query strings
 * (WHATWG URL §5.1), decoded into name/value pairs. Pure. */
#ifndef CHARTER_FORM_H
#define CHARTER_FORM_H
#include <stddef.h>

#define FORM_MAX_FIELDS 64

struct form_field {
	char	*name, *value;	/* NUL-terminated, decoded; value may hold NULs */
	size_t	 vlen;
};

struct form {
	struct form_field f[FORM_MAX_FIELDS];
	size_t	 n;
};

/* Parses p[0..len). Returns 0, or -1 (bad escape, too many fields, memory). */
int	 form_parse(struct form *, const char *p, size_t len);
/* The first value of name, or NULL. */
const struct form_field *form_get(const struct form *, const char *name);
/* The first value of name as text: NULL when absent or empty, and NULL with
 * "NAME: not valid text" added to dg when it holds a NUL or is not UTF-8. */
struct diag;
const char *form_text(const struct form *, const char *name, struct diag *dg);
void	 form_free(struct form *);

#endif
