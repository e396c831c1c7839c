/* auth: roles and the department scope of tokens (http-api.md). */
#include <string.h>
#include <strings.h>
#include "auth.h"

static const char *const names[] = { "none", "department", "feed", "auditor", "admin",
	"open311" };
#define NROLES (sizeof(names) / sizeof(names[0]))

enum role
auth_role_parse(const char *s)
{
	size_t	 i;

	for (i = 1; i < NROLES; i++)
		if (s && strcmp(s, names[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

const char *
auth_role_name(enum role r)
{
	return (size_t)r < NROLES ? names[r] : "none";
}

/* A department credential of exactly this department. */
static int
own_department(const struct principal *p, const char *city, const char *dept)
{
	return p->role == ROLE_DEPARTMENT && !strcmp(p->city, city) &&
	    !strcmp(p->dept, dept);
}

int
auth_may_edit_charter(const struct principal *p, const char *city, const char *dept)
{
	return p->role == ROLE_ADMIN || own_department(p, city, dept);
}

int
auth_may_read_petition(const struct principal *p, const char *city, const char *dept)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_AUDITOR ||
	    own_department(p, city, dept);
}

const char *
auth_bearer(const char *h, char *out, size_t outlen)
{
	size_t	 n;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	n = strlen(h);
	while (n > 0 && h[n - 1] == ' ')	/* optional whitespace ends a field */
		n--;
	/* token68 characters only (RFC 6750 §2.1), and a sane length */
	if (n == 0 || n > 128 || n >= outlen ||
	    strspn(h, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._~+/=") < n)
		return NULL;
	memcpy(out, h, n);
	out[n] = '\0';
	return out;
}
