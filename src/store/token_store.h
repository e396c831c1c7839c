/* token_store: API tokens (hashes only) and staff users named by REMOTE_USER. */
#ifndef CHARTER_TOKEN_STORE_H
#define CHARTER_TOKEN_STORE_H
#include <stdio.h>

struct db;
struct principal;

/* Creates a token; prints nothing. The token itself is in tok (TOKEN_LEN+1). */
int	 tstore_create(struct db *, const char *role, const char *city,
	    const char *dept, const char *label, char *tok, size_t toklen,
	    unsigned long long *id);
/* 1 revoked, 0 no such active token, -1 error. */
int	 tstore_revoke(struct db *, unsigned long long id);
int	 tstore_list(struct db *, FILE *);
/* token may be of any length (it is hashed first); 1 found, 0 not, -1 error. */
int	 tstore_lookup(struct db *, const char *token, struct principal *);
int	 tstore_lookup_user(struct db *, const char *user, struct principal *);

#endif
