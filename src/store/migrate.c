/* migrate: numbered SQL files, applied under a named lock so that two hosts
 * migrating at once do not race. The files hold DDL only, no values. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "db.h"
#include "migrate.h"
#include "../util/buf.h"
#include "../util/clock.h"

static int
is_migration(const struct dirent *e)
{
	const char *n = e->d_name;
	size_t	 l = strlen(n);

	return l > 8 && isdigit((unsigned char)n[0]) &&
	    isdigit((unsigned char)n[1]) && isdigit((unsigned char)n[2]) &&
	    n[3] == '_' && strcmp(n + l - 4, ".sql") == 0;
}

static int
slurp(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			fclose(f);
			return -1;
		}
	fclose(f);
	return 0;
}

/* Runs each statement of the file: they end with ';' at the end of a line. */
static int
apply_file(struct db *d, char *sql, const char *name)
{
	char	*stmt = sql, *end;

	while (stmt && *stmt) {
		if ((end = strstr(stmt, ";\n")) != NULL)
			*end = '\0';
		else if ((end = strrchr(stmt, ';')) != NULL && end[1] == '\0')
			*end = '\0';
		while (isspace((unsigned char)*stmt))
			stmt++;
		/* skip whole-line comments before a statement */
		while (stmt[0] == '-' && stmt[1] == '-') {
			stmt += strcspn(stmt, "\n");
			while (isspace((unsigned char)*stmt))
				stmt++;
		}
		if (*stmt && db_raw(d, stmt) == -1) {
			fprintf(stderr, "migrate: %s: %s\n", name, db_error(d));
			return -1;
		}
		stmt = end ? end + 1 : NULL;
	}
	return 0;
}

int
migrate_run(struct db *d, const char *schemadir)
{
	struct dirent	**list = NULL;
	struct db_res	 res;
	struct buf	 b = { 0 };
	char		 path[1024];
	int		 n, i, applied = 0, rc = -1;

	if (db_raw(d, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " name VARCHAR(128) NOT NULL PRIMARY KEY,"
	    " applied_at DATETIME(6) NOT NULL"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" DB_COLLATION) == -1 ||
	    db_query(d, &res, "SELECT GET_LOCK('charter.migrate', 60)", "") != 1) {
		fprintf(stderr, "migrate: %s\n", db_error(d));
		return -1;
	}
	db_res_free(&res);
	if ((n = scandir(schemadir, &list, is_migration, alphasort)) < 0) {
		perror(schemadir);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		long long seen = db_query(d, &res,
		    "SELECT 1 FROM schema_migrations WHERE name = ?", "s", name);
		db_res_free(&res);
		if (seen < 0)
			goto out;
		if (seen > 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", schemadir, name);
		buf_reset(&b);
		if (slurp(path, &b) == -1) {
			perror(path);
			goto out;
		}
		if (apply_file(d, b.data, name) == -1 ||
		    db_exec(d, "INSERT INTO schema_migrations (name, applied_at)"
		    " VALUES (?, " DB_US ")", "si", name, clock_now_us()) < 0)
			goto out;
		printf("applied %s\n", name);
		applied++;
	}
	rc = applied;
out:
	if (db_query(d, &res, "SELECT RELEASE_LOCK('charter.migrate')", "") >= 0)
		db_res_free(&res);
	for (i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
	buf_free(&b);
	return rc;
}
