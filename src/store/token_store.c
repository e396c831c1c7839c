/* token_store: tokens are looked up by the SHA-256 of what the client sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "token_store.h"
#include "../domain/auth.h"
#include "../domain/token.h"
#include "../util/clock.h"

int
tstore_create(struct db *d, const char *role, const char *city, const char *dept,
    const char *label, char *tok, size_t toklen, unsigned long long *id)
{
	char	 hash[65];

	if (token_generate(tok, toklen) == -1)
		return -1;
	token_sha256_hex(tok, strlen(tok), hash);
	if (db_exec(d, "INSERT INTO api_tokens (token_hash, role, city, dept, label,"
	    " created_at) VALUES (?, ?, ?, ?, ?, " DB_US ")", "sssssi",
	    hash, role, city, dept, label ? label : "", clock_now_us()) != 1)
		return -1;
	*id = db_last_id(d);
	return 0;
}

int
tstore_revoke(struct db *d, unsigned long long id)
{
	long long n = db_exec(d, "UPDATE api_tokens SET revoked_at = " DB_US
	    " WHERE id = ? AND revoked_at IS NULL", "iu", clock_now_us(), id);

	return n < 0 ? -1 : n > 0;
}

int
tstore_list(struct db *d, FILE *f)
{
	struct db_res r;
	unsigned i;

	if (db_query(d, &r, "SELECT id, role, COALESCE(CONCAT(city, '/', dept), '-'),"
	    " DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " COALESCE(DATE_FORMAT(revoked_at, '%Y-%m-%dT%H:%i:%sZ'), '-'), label"
	    " FROM api_tokens ORDER BY id", "") < 0)
		return -1;
	fprintf(f, "%-6s %-10s %-28s %-20s %-20s %s\n", "ID", "ROLE", "SCOPE",
	    "CREATED", "REVOKED", "LABEL");
	for (i = 0; i < r.nrows; i++)
		fprintf(f, "%-6s %-10s %-28s %-20s %-20s %s\n", db_cell(&r, i, 0),
		    db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3),
		    db_cell(&r, i, 4), db_cell(&r, i, 5));
	db_res_free(&r);
	return 0;
}

static int
fill(struct db_res *r, struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->role = auth_role_parse(db_cell(r, 0, 0));
	snprintf(p->city, sizeof(p->city), "%s", db_cell(r, 0, 1) ? db_cell(r, 0, 1) : "");
	snprintf(p->dept, sizeof(p->dept), "%s", db_cell(r, 0, 2) ? db_cell(r, 0, 2) : "");
	return p->role != ROLE_NONE;
}

int
tstore_lookup(struct db *d, const char *token, struct principal *p)
{
	struct db_res r;
	char	 hash[65];
	long long n;
	int	 rc = 0;

	token_sha256_hex(token, strlen(token), hash);
	n = db_query(d, &r, "SELECT role, city, dept, id FROM api_tokens"
	    " WHERE token_hash = ? AND revoked_at IS NULL", "s", hash);
	if (n < 0)
		return -1;
	if (n == 1 && (rc = fill(&r, p)))
		snprintf(p->name, sizeof(p->name), "token:%s", db_cell(&r, 0, 3));
	db_res_free(&r);
	return rc;
}

int
tstore_lookup_user(struct db *d, const char *user, struct principal *p)
{
	struct db_res r;
	long long n;
	int	 rc = 0;

	n = db_query(d, &r, "SELECT role, city, dept FROM staff_users WHERE username = ?",
	    "s", user);
	if (n < 0)
		return -1;
	if (n == 1 && (rc = fill(&r, p)))
		snprintf(p->name, sizeof(p->name), "user:%.150s", user);
	db_res_free(&r);
	return rc;
}
