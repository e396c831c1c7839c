/* db: MariaDB Connector/C adapter. Every statement that carries a value is a
 * prepared statement; results are copied out as NUL-terminated strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <errmsg.h>
#include "db.h"
#include "../util/conf.h"
#include "../util/log.h"

#define DB_MAXPARAMS 24

#define DB_STMT_CACHE 64

/* Prepared statements kept per connection, keyed by the SQL text's address:
 * every statement is a string literal, so the address names it. */
struct cached_stmt {
	const char	*sql;
	MYSQL_STMT	*st;
	unsigned long long used;
};

struct db {
	MYSQL			*my;
	struct cached_stmt	 cache[DB_STMT_CACHE];
	unsigned long long	 clock;
	const struct conf	*conf;
	int			 in_tx;
	unsigned long long	 last_id;
	unsigned		 err_no;
	char			 err[512];
};

struct params {
	MYSQL_BIND	 bind[DB_MAXPARAMS];
	long long	 ival[DB_MAXPARAMS];
	unsigned long	 len[DB_MAXPARAMS];
	my_bool		 isnull[DB_MAXPARAMS];
	unsigned	 n;
};

static void	 stmt_cache_clear(struct db *, int);

static int
db_connect(struct db *d)
{
	const struct conf *c = d->conf;
	unsigned int to = c->db_timeout;
	my_bool	 no = 0;

	if ((d->my = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(d->my, MYSQL_OPT_CONNECT_TIMEOUT, &to);
	mysql_options(d->my, MYSQL_OPT_READ_TIMEOUT, &to);
	mysql_options(d->my, MYSQL_OPT_WRITE_TIMEOUT, &to);
	mysql_options(d->my, MYSQL_OPT_RECONNECT, &no);
	mysql_options(d->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Runs on every connection, reconnections included (execute() and
	 * db_raw() connect only here; MYSQL_OPT_RECONNECT is off). The
	 * handshake alone gives the client library's utf8mb4 default
	 * (utf8mb4_general_ci), which strings made from parameters and
	 * literals then carry: SET NAMES makes it the tables' own. */
	mysql_options(d->my, MYSQL_INIT_COMMAND,
	    "SET NAMES utf8mb4 COLLATE " DB_COLLATION ", time_zone = '+00:00',"
	    " sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'");
	if (mysql_real_connect(d->my,
	    c->db_socket[0] ? NULL : c->db_host, c->db_user,
	    c->db_password[0] ? c->db_password : NULL, c->db_name,
	    c->db_socket[0] ? 0 : c->db_port,
	    c->db_socket[0] ? c->db_socket : NULL, 0) == NULL) {
		d->err_no = mysql_errno(d->my);
		snprintf(d->err, sizeof(d->err), "%s", mysql_error(d->my));
		mysql_close(d->my);
		d->my = NULL;
		return -1;
	}
	return 0;
}

struct db *
db_open(const struct conf *c, int lazy, char *err, size_t errlen)
{
	struct db *d;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->conf = c;
	if (db_connect(d) == -1) {
		snprintf(err, errlen, "database: %s", d->err);
		if (lazy) {	/* the next statement tries again */
			log_warn(NULL, "%s", err);
			return d;
		}
		free(d);
		return NULL;
	}
	return d;
}

void
db_close(struct db *d)
{
	if (d == NULL)
		return;
	stmt_cache_clear(d, d->my != NULL);
	if (d->my)
		mysql_close(d->my);
	free(d);
}

static int
gone(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

static void
set_err(struct db *d, unsigned e, const char *msg)
{
	d->err_no = e;
	snprintf(d->err, sizeof(d->err), "%s", msg);
}

static int
bind_params(struct params *p, const char *types, va_list ap)
{
	const char *s;

	memset(p, 0, sizeof(*p));
	for (; *types; types++, p->n++) {
		MYSQL_BIND *b;

		if (p->n == DB_MAXPARAMS)
			return -1;
		b = &p->bind[p->n];
		switch (*types) {
		case 's':
			s = va_arg(ap, const char *);
			b->buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				p->isnull[p->n] = 1;
				b->is_null = &p->isnull[p->n];
				break;
			}
			p->len[p->n] = (unsigned long)strlen(s);
			b->buffer = (void *)s;
			b->buffer_length = p->len[p->n];
			b->length = &p->len[p->n];
			break;
		case 'b':
			s = va_arg(ap, const char *);
			p->len[p->n] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)s;
			b->buffer_length = p->len[p->n];
			b->length = &p->len[p->n];
			break;
		case 'i':
		case 'u':
			p->ival[p->n] = *types == 'i' ? va_arg(ap, long long) :
			    (long long)va_arg(ap, unsigned long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ival[p->n];
			b->is_unsigned = *types == 'u';
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static int
fetch_all(MYSQL_STMT *st, struct db_res *res)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	MYSQL_BIND	*b = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL, one = 1;
	unsigned	 c, r, nc;
	int		 rc = -1, frc;

	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
	if (mysql_stmt_store_result(st) != 0)
		return -1;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return 0;
	nc = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	res->ncols = nc;
	res->nrows = (unsigned)mysql_stmt_num_rows(st);
	b = calloc(nc, sizeof(*b));
	lens = calloc(nc, sizeof(*lens));
	nulls = calloc(nc, sizeof(*nulls));
	res->cell = calloc((size_t)res->nrows * nc + 1, sizeof(char *));
	res->len = calloc((size_t)res->nrows * nc + 1, sizeof(unsigned long));
	if (!b || !lens || !nulls || !res->cell || !res->len)
		goto out;
	for (c = 0; c < nc; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer_length = f[c].max_length + 1;
		if ((b[c].buffer = malloc(b[c].buffer_length)) == NULL)
			goto out;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		goto out;
	for (r = 0; r < res->nrows; r++) {
		frc = mysql_stmt_fetch(st);
		if (frc == 1 || frc == MYSQL_NO_DATA)
			goto out;
		for (c = 0; c < nc; c++) {
			char *v;
			if (nulls[c])
				continue;
			if ((v = malloc(lens[c] + 1)) == NULL)
				goto out;
			memcpy(v, b[c].buffer, lens[c]);
			v[lens[c]] = '\0';
			res->cell[r * nc + c] = v;
			res->len[r * nc + c] = lens[c];
		}
	}
	rc = 0;
out:
	if (b)
		for (c = 0; c < nc; c++)
			free(b[c].buffer);
	free(b);
	free(lens);
	free(nulls);
	mysql_free_result(meta);
	return rc;
}

/* Forgets every cached statement (they die with their connection). */
static void
stmt_cache_clear(struct db *d, int close)
{
	size_t	 i;

	for (i = 0; i < DB_STMT_CACHE; i++) {
		if (close && d->cache[i].st)
			mysql_stmt_close(d->cache[i].st);
		d->cache[i].st = NULL;
		d->cache[i].sql = NULL;
	}
}

/* The prepared statement for sql: from the cache, or prepared now and
 * cached in place of the least recently used one. */
static MYSQL_STMT *
stmt_get(struct db *d, const char *sql)
{
	struct cached_stmt *slot = &d->cache[0];
	MYSQL_STMT *st;
	size_t	 i;

	for (i = 0; i < DB_STMT_CACHE; i++) {
		if (d->cache[i].sql == sql && d->cache[i].st) {
			d->cache[i].used = ++d->clock;
			return d->cache[i].st;
		}
		if (d->cache[i].used < slot->used)
			slot = &d->cache[i];
	}
	if ((st = mysql_stmt_init(d->my)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) != 0) {
		set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	if (slot->st)
		mysql_stmt_close(slot->st);
	slot->sql = sql;
	slot->st = st;
	slot->used = ++d->clock;
	return st;
}

/* Prepares (cached), binds and executes sql; when the connection was lost
 * outside a transaction, reconnects and tries once more. The executed
 * statement, or NULL with the error set. Every statement goes through here. */
static MYSQL_STMT *
execute(struct db *d, const char *sql, MYSQL_BIND *bind, unsigned n)
{
	MYSQL_STMT	*st;
	int		 attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (d->my == NULL && db_connect(d) == -1)
			return NULL;
		d->err_no = 0;
		if ((st = stmt_get(d, sql)) != NULL &&
		    (n == 0 || mysql_stmt_bind_param(st, bind) == 0) &&
		    mysql_stmt_execute(st) == 0)
			return st;
		if (st != NULL) {
			set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
			mysql_stmt_reset(st);
		} else if (d->err_no == 0)
			set_err(d, mysql_errno(d->my), mysql_error(d->my));
		if (!gone(d->err_no) || d->in_tx)
			return NULL;
		log_warn(NULL, "database connection lost (%s); reconnecting", d->err);
		stmt_cache_clear(d, 1);
		mysql_close(d->my);
		d->my = NULL;
	}
	return NULL;
}

/* execute() with the parameters of types/ap (bind_params). */
static MYSQL_STMT *
execute_va(struct db *d, const char *sql, struct params *p, const char *types, va_list ap)
{
	if (bind_params(p, types, ap) == -1) {
		set_err(d, 0, "internal: bad parameter types");
		return NULL;
	}
	return execute(d, sql, p->bind, p->n);
}

/* An executed statement's rows (into res) or affected rows (res NULL). */
static long long
outcome(struct db *d, MYSQL_STMT *st, struct db_res *res)
{
	long long rc = -1;

	if (res) {
		memset(res, 0, sizeof(*res));
		if (fetch_all(st, res) == -1) {
			set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
			db_res_free(res);
		} else
			rc = res->nrows;
		mysql_stmt_free_result(st);
	} else {
		rc = (long long)mysql_stmt_affected_rows(st);
		d->last_id = mysql_stmt_insert_id(st);
	}
	return rc;
}

static long long
run(struct db *d, struct db_res *res, const char *sql, const char *types,
    va_list ap)
{
	struct params	 p;
	MYSQL_STMT	*st;

	if ((st = execute_va(d, sql, &p, types, ap)) == NULL)
		return -1;
	return outcome(d, st, res);
}

long long
db_exec(struct db *d, const char *sql, const char *types, ...)
{
	va_list	 ap;
	long long rc;

	va_start(ap, types);
	rc = run(d, NULL, sql, types, ap);
	va_end(ap);
	return rc;
}

long long
db_query(struct db *d, struct db_res *res, const char *sql, const char *types, ...)
{
	va_list	 ap;
	long long rc;

	va_start(ap, types);
	rc = run(d, res, sql, types, ap);
	va_end(ap);
	return rc;
}

int
db_raw(struct db *d, const char *sql)
{
	int	 attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (d->my == NULL && db_connect(d) == -1)
			return -1;
		if (mysql_real_query(d->my, sql, (unsigned long)strlen(sql)) == 0) {
			MYSQL_RES *r;
			do {
				if ((r = mysql_store_result(d->my)) != NULL)
					mysql_free_result(r);
			} while (mysql_next_result(d->my) == 0);
			if (mysql_errno(d->my) == 0)
				return 0;
		}
		set_err(d, mysql_errno(d->my), mysql_error(d->my));
		if (!gone(d->err_no) || d->in_tx)
			return -1;
		stmt_cache_clear(d, 1);
		mysql_close(d->my);
		d->my = NULL;
	}
	return -1;
}

int
db_begin(struct db *d)
{
	if (db_raw(d, "START TRANSACTION") == -1)
		return -1;
	d->in_tx = 1;
	return 0;
}

int
db_commit(struct db *d)
{
	int	 rc = db_raw(d, "COMMIT");

	d->in_tx = 0;
	return rc;
}

void
db_rollback(struct db *d)
{
	if (d->my)
		(void)mysql_rollback(d->my);
	d->in_tx = 0;
}

unsigned long long
db_last_id(struct db *d)
{
	return d->last_id;
}

const char *
db_error(struct db *d)
{
	return d->err;
}

unsigned
db_errno(struct db *d)
{
	return d->err_no;
}

void
db_res_free(struct db_res *r)
{
	size_t	 i;

	if (r->cell)
		for (i = 0; i < (size_t)r->nrows * r->ncols; i++)
			free(r->cell[i]);
	free(r->cell);
	free(r->len);
	memset(r, 0, sizeof(*r));
}

const char *
db_cell(const struct db_res *r, unsigned row, unsigned col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cell[row * r->ncols + col];
}

/* ------------------------------------------------------------ unbuffered */

#define DB_EACH_CELL_MIN 64
#define DB_EACH_CELL_MAX 4096	/* longer values are fetched when met */

int
db_query_each(struct db *d, db_row_fn each, void *arg, const char *sql,
    const char *types, ...)
{
	MYSQL_STMT	*st;
	MYSQL_RES	*meta = NULL;
	MYSQL_FIELD	*f;
	MYSQL_BIND	*b = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL, *errs = NULL;
	const char	**cell = NULL;
	unsigned	 c, nc = 0;
	int		 rc = -1, frc, rebind;
	struct params	 p;
	va_list		 ap;

	va_start(ap, types);
	st = execute_va(d, sql, &p, types, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL) {
		rc = 0;
		goto out;
	}
	nc = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	b = calloc(nc, sizeof(*b));
	lens = calloc(nc, sizeof(*lens));
	nulls = calloc(nc, sizeof(*nulls));
	errs = calloc(nc, sizeof(*errs));
	cell = calloc(nc + 1, sizeof(*cell));
	if (!b || !lens || !nulls || !errs || !cell) {
		set_err(d, 0, "out of memory");
		goto out;
	}
	for (c = 0; c < nc; c++) {
		unsigned long n = f[c].length;

		n = n < DB_EACH_CELL_MIN ? DB_EACH_CELL_MIN :
		    n > DB_EACH_CELL_MAX ? DB_EACH_CELL_MAX : n;
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer_length = n + 1;
		if ((b[c].buffer = malloc(n + 1)) == NULL) {
			set_err(d, 0, "out of memory");
			goto out;
		}
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
		goto out;
	}
	for (;;) {
		frc = mysql_stmt_fetch(st);
		if (frc == MYSQL_NO_DATA) {
			rc = 0;
			break;
		}
		if (frc == 1) {
			set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
			break;
		}
		rebind = 0;
		for (c = 0; c < nc; c++) {
			char	*v = b[c].buffer;

			if (nulls[c]) {
				cell[c] = NULL;
				continue;
			}
			if (lens[c] >= b[c].buffer_length) {	/* truncated */
				if ((v = realloc(v, lens[c] + 1)) == NULL) {
					set_err(d, 0, "out of memory");
					goto out;
				}
				b[c].buffer = v;
				b[c].buffer_length = lens[c] + 1;
				rebind = 1;
				if (mysql_stmt_fetch_column(st, &b[c], c, 0) != 0) {
					set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
					goto out;
				}
			}
			v[lens[c]] = '\0';
			cell[c] = v;
		}
		if (rebind && mysql_stmt_bind_result(st, b) != 0) {
			set_err(d, mysql_stmt_errno(st), mysql_stmt_error(st));
			goto out;
		}
		if ((rc = each(arg, nc, cell, lens)) != 0)
			break;
		rc = -1;
	}
out:
	/* reads what the server still sends when each() stopped early */
	mysql_stmt_free_result(st);
	if (b)
		for (c = 0; c < nc; c++)
			free(b[c].buffer);
	free(b);
	free(lens);
	free(nulls);
	free(errs);
	free(cell);
	if (meta)
		mysql_free_result(meta);
	return rc;
}

/* ------------------------------------------------------------ arrays */

/* db_execv and db_queryv: the values of pv bound, then as run(). */
static long long
runv(struct db *d, struct db_res *res, const char *sql, const struct db_param *pv, size_t n)
{
	MYSQL_BIND	*b;
	unsigned long	*len;
	long long	*iv;
	my_bool		 isnull = 1;
	MYSQL_STMT	*st;
	long long	 rc = -1;
	size_t		 i;

	b = calloc(n + 1, sizeof(*b));
	len = calloc(n + 1, sizeof(*len));
	iv = calloc(n + 1, sizeof(*iv));
	if (b == NULL || len == NULL || iv == NULL) {
		set_err(d, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		switch (pv[i].type) {
		case 's':
		case 'b':
			b[i].buffer_type = pv[i].type == 's' ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			if (pv[i].s == NULL) {
				b[i].is_null = &isnull;
				break;
			}
			len[i] = (unsigned long)(pv[i].type == 's' ? strlen(pv[i].s) : pv[i].len);
			b[i].buffer = (void *)pv[i].s;
			b[i].buffer_length = len[i];
			b[i].length = &len[i];
			break;
		case 'i':
		case 'u':
			iv[i] = pv[i].i;
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &iv[i];
			b[i].is_unsigned = pv[i].type == 'u';
			break;
		default:
			set_err(d, 0, "internal: bad parameter types");
			goto out;
		}
	}
	if ((st = execute(d, sql, b, (unsigned)n)) != NULL)
		rc = outcome(d, st, res);
out:
	free(b);
	free(len);
	free(iv);
	return rc;
}

long long
db_execv(struct db *d, const char *sql, const struct db_param *pv, size_t n)
{
	return runv(d, NULL, sql, pv, n);
}

long long
db_queryv(struct db *d, struct db_res *res, const char *sql, const struct db_param *pv,
    size_t n)
{
	return runv(d, res, sql, pv, n);
}
