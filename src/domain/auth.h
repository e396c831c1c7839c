/* auth: who is asking (a role, and a department for department tokens) and
 * what that allows. Pure. */
#ifndef CHARTER_AUTH_H
#define CHARTER_AUTH_H
#include <stddef.h>

enum role { ROLE_NONE = 0, ROLE_DEPARTMENT, ROLE_FEED, ROLE_AUDITOR, ROLE_ADMIN,
	ROLE_OPEN311 };	/* open311: an api_key for POST /open311/v2/requests */

struct principal {
	enum role role;
	char	 city[33], dept[65];	/* department role only */
	char	 name[160];		/* "token:12" or "user:kim", for the audit trail */
};

enum role	 auth_role_parse(const char *);
const char	*auth_role_name(enum role);
/* 1 if p may upload the charter of city/dept (its own department, or admin). */
int		 auth_may_edit_charter(const struct principal *p,
		    const char *city, const char *dept);
/* 1 if p may read the whole petition of city/dept (its own department,
 * admin or auditor). */
int		 auth_may_read_petition(const struct principal *p,
		    const char *city, const char *dept);
/* Parses "Bearer TOKEN" (RFC 6750 §2.1) and copies the token into out
 * (at least 129 bytes); returns out, or NULL when there is no valid token. */
const char	*auth_bearer(const char *header, char *out, size_t outlen);

#endif
