/* db: one MariaDB connection per worker, prepared statements only for values,
 * reconnection when the server went away. Results come back as strings. */
#ifndef CHARTER_DB_H
#define CHARTER_DB_H
#include <stddef.h>

struct conf;
struct db;

/* An instant as a bound DATETIME(6) in UTC: one "?" taking microseconds
 * since the epoch as 'i' — clock_now_us() for "now". No statement asks the
 * server for the time (NOW(), UTC_TIMESTAMP()): now is the program's clock. */
#define DB_US	"TIMESTAMPADD(MICROSECOND, ?, '1970-01-01')"

/* The collation of every table (each CREATE TABLE in schema/ names it) and
 * of every connection (db_connect() sets it, whatever the server's and the
 * client library's defaults). A string column made outside a table that
 * does not take the connection's collation (JSON_TABLE's) must name it. */
#define DB_COLLATION "utf8mb4_unicode_ci"

struct db_res {
	unsigned	  nrows, ncols;
	char		**cell;		/* cell[r * ncols + c]; NULL for SQL NULL */
	unsigned long	 *len;
};

/* Connects; when lazy, a failed connection is retried by the next
 * statement instead of failing here. */
struct db	*db_open(const struct conf *, int lazy, char *err, size_t errlen);
void		 db_close(struct db *);

/* Parameter types, one letter each: s (const char *, NULL for SQL NULL),
 * b (const char *, size_t: bytes), i (long long), u (unsigned long long).
 * db_exec returns the affected row count or -1; db_query fills res (freed
 * with db_res_free) and returns the row count or -1. Outside a transaction
 * a lost connection is re-established and the statement retried once. */
long long	 db_exec(struct db *, const char *sql, const char *types, ...);
long long	 db_query(struct db *, struct db_res *res, const char *sql,
		    const char *types, ...);
/* A statement without values (DDL, BEGIN ...). */
int		 db_raw(struct db *, const char *sql);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
unsigned long long db_last_id(struct db *);
const char	*db_error(struct db *);
unsigned	 db_errno(struct db *);
void		 db_res_free(struct db_res *);
const char	*db_cell(const struct db_res *, unsigned row, unsigned col);

/* A row of db_query_each: ncols NUL-terminated cells (NULL for SQL NULL)
 * with their lengths, valid during the call only. */
typedef int	(*db_row_fn)(void *arg, unsigned ncols, const char *const *cell,
		    const unsigned long *len);
/* Runs a query without holding its result: each row is fetched from the
 * server when the previous one has been handed to each() (unbuffered, so
 * memory stays constant whatever the number of rows). No other statement
 * may run on this connection until it returns. A non-zero return from
 * each() stops the query and is returned; -1 on a database error (the
 * statement is retried once on a lost connection only before its first
 * row). 0 when every row was handed over. */
int		 db_query_each(struct db *, db_row_fn each, void *arg,
		    const char *sql, const char *types, ...);

/* One value of db_execv: type as in db_exec ('s': s, NULL for SQL NULL;
 * 'b': s and len; 'i', 'u': i). */
struct db_param {
	char		 type;
	const char	*s;
	size_t		 len;
	long long	 i;
};
/* db_exec with the values in an array, for statements with more of them
 * than db_exec takes (multi-row INSERTs of a fixed number of rows). */
long long	 db_execv(struct db *, const char *sql, const struct db_param *, size_t n);
/* db_query with the values in an array. */
long long	 db_queryv(struct db *, struct db_res *, const char *sql,
		    const struct db_param *, size_t n);

#endif
