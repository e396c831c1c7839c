/* feed_store: a feed into the database. The whole feed is first read once to
 * prove it well-formed and of this format (g4c-feed.md "Rules": otherwise
 * nothing is stored); then its items are stored in transactions of
 * FEED_BATCH items, so a long import neither holds the receipt counters for
 * minutes nor loses more than a batch to a failure (a replay redoes it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "feed_store.h"
#include "petition_store.h"
#include "../domain/token.h"
#include "../util/clock.h"

#define FEED_BATCH 500

/* Lock names have at most 64 characters: a source name longer than 51 is
 * named by its digest (two long names with one prefix stay apart). */
static void
lock_name(char *out, size_t n, const char *name)
{
	char	 hex[65];

	if (strlen(name) <= 51) {
		snprintf(out, n, "charter.feed.%s", name);
		return;
	}
	token_sha256_hex(name, strlen(name), hex);
	snprintf(out, n, "charter.feed#%.51s", hex);
}

int
fstore_lock(struct db *d, const char *name)
{
	struct db_res res;
	char	 ln[80];
	long long n;
	int	 rc;

	lock_name(ln, sizeof(ln), name);
	if ((n = db_query(d, &res, "SELECT GET_LOCK(?, 0)", "s", ln)) < 0)
		return -1;
	rc = n == 1 && db_cell(&res, 0, 0) && strcmp(db_cell(&res, 0, 0), "1") == 0;
	db_res_free(&res);
	return rc;
}

void
fstore_unlock(struct db *d, const char *name)
{
	struct db_res res;
	char	 ln[80];

	lock_name(ln, sizeof(ln), name);
	if (db_query(d, &res, "SELECT RELEASE_LOCK(?)", "s", ln) >= 0)
		db_res_free(&res);
}

int
fstore_get(struct db *d, const char *name, struct feed_source *s)
{
	struct db_res res;
	long long n;
	const char *v;

	memset(s, 0, sizeof(*s));
	n = db_query(d, &res, "SELECT etag, last_modified, last_sequence FROM feed_sources"
	    " WHERE source = ?", "s", name);
	if (n < 0)
		return -1;
	if (n == 1) {
		s->known = 1;
		snprintf(s->etag, sizeof(s->etag), "%s", (v = db_cell(&res, 0, 0)) ? v : "");
		snprintf(s->last_modified, sizeof(s->last_modified), "%s",
		    (v = db_cell(&res, 0, 1)) ? v : "");
		s->last_sequence = (v = db_cell(&res, 0, 2)) ? strtoull(v, NULL, 10) : 0;
	}
	db_res_free(&res);
	return 0;
}

int
fstore_pulled(struct db *d, const char *name, const char *url, const char *etag,
    const char *last_modified, unsigned long long seq, const char *error)
{
	long long n;

	if (error)
		n = db_exec(d, "INSERT INTO feed_sources (source, url, last_pull_at, last_error)"
		    " VALUES (?, ?, " DB_US ", LEFT(?, 512)) ON DUPLICATE KEY UPDATE"
		    " url = VALUES(url), last_pull_at = VALUES(last_pull_at),"
		    " last_error = VALUES(last_error)", "ssis", name, url, clock_now_us(), error);
	else
		n = db_exec(d, "INSERT INTO feed_sources (source, url, etag, last_modified,"
		    " last_sequence, last_pull_at) VALUES (?, ?, ?, ?, IF(? = 0, NULL, ?),"
		    " " DB_US ") ON DUPLICATE KEY UPDATE url = COALESCE(VALUES(url), url),"
		    " etag = COALESCE(VALUES(etag), etag),"
		    " last_modified = COALESCE(VALUES(last_modified), last_modified),"
		    " last_sequence = GREATEST(COALESCE(last_sequence, 0),"
		    "   COALESCE(VALUES(last_sequence), 0)),"
		    " last_pull_at = VALUES(last_pull_at), last_error = NULL", "ssssuui",
		    name, url, etag && *etag ? etag : NULL,
		    last_modified && *last_modified ? last_modified : NULL, seq, seq,
		    clock_now_us());
	return n < 0 ? -1 : 0;
}

struct batch {
	struct db	*db;
	struct pstore	*ps;
	unsigned	 n;	/* items in the open transaction */
	struct feed_result *res;
	unsigned long long done[3];	/* new, updated, unchanged committed */
};

/* The counts so far are stored: a later failure rolls back only what follows. */
static void
committed(struct batch *b)
{
	b->done[0] = b->res->n_new;
	b->done[1] = b->res->n_updated;
	b->done[2] = b->res->n_unchanged;
}

/* The open transaction was rolled back: the counts say what the commits
 * stored, and how many counted items went with the rollback. */
static void
rolled_back(struct batch *b)
{
	struct feed_result *r = b->res;

	r->n_rolled_back = r->n_new + r->n_updated + r->n_unchanged -
	    (b->done[0] + b->done[1] + b->done[2]);
	r->n_new = b->done[0];
	r->n_updated = b->done[1];
	r->n_unchanged = b->done[2];
}

/* Items counted new that the store found known at a flush (pstore_moved). */
static void
recount(struct batch *b)
{
	unsigned up, same;

	pstore_moved(b->ps, &up, &same);
	b->res->n_new -= up + same;
	b->res->n_updated += up;
	b->res->n_unchanged += same;
}

static enum pstore_result
store_item(void *arg, const struct petition_in *in, char *why, size_t whylen)
{
	struct batch *b = arg;
	char	 receipt[RECEIPT_MAX];
	enum pstore_result r;

	if (b->n == FEED_BATCH) {
		if (pstore_flush(b->ps, why, whylen) == -1)
			return PS_DBERR;
		recount(b);
		if (db_commit(b->db) == -1) {
			snprintf(why, whylen, "database error: %s", db_error(b->db));
			return PS_DBERR;
		}
		committed(b);
		if (db_begin(b->db) == -1) {
			snprintf(why, whylen, "database error: %s", db_error(b->db));
			return PS_DBERR;
		}
		b->n = 0;
	}
	r = pstore_put_ctx(b->ps, in, 1, receipt, why, whylen);
	recount(b);	/* (this item is counted by the caller, after) */
	b->n++;
	return r;
}

/* Pass 2 under the lock: the items, batch by batch. */
static enum fstore_import
store_items(struct db *d, FILE *f, const struct feed_limits *lim,
    const char *recorded_by, struct estore *es, struct feed_result *res)
{
	struct batch b = { d, pstore_new(d), 0, res, { 0, 0, 0 } };
	enum fstore_import rc = FI_DBERR;

	if (b.ps) {
		pstore_set_engine(b.ps, es);
		pstore_set_batch(b.ps, FEED_BATCH);	/* new items: multi-row INSERTs */
	}

	if (b.ps == NULL || db_begin(d) == -1) {
		snprintf(res->error, sizeof(res->error), "database error: %s", db_error(d));
		goto out;
	}
	if (feed_items(f, lim, &res->head, recorded_by, store_item, &b, res) == -1 ||
	    pstore_flush(b.ps, res->error, sizeof(res->error)) == -1) {
		db_rollback(d);
		rolled_back(&b);
		goto out;
	}
	recount(&b);
	if (db_commit(d) == -1) {
		snprintf(res->error, sizeof(res->error), "database error: %s", db_error(d));
		rolled_back(&b);
		goto out;
	}
	rc = FI_OK;
out:
	pstore_free(b.ps);
	return rc;
}

enum fstore_import
feed_import(struct db *d, FILE *f, const struct feed_limits *lim,
    const char *expect_source, const char *recorded_by, struct feed_result *res)
{
	return feed_import_engine(d, f, lim, expect_source, recorded_by, NULL, res);
}

enum fstore_import
feed_import_engine(struct db *d, FILE *f, const struct feed_limits *lim,
    const char *expect_source, const char *recorded_by, struct estore *es,
    struct feed_result *res)
{
	struct feed_head h;
	enum fstore_import rc;
	int	 l;

	if (feed_check(f, lim, &h, res) == -1)
		return FI_REFUSED;
	if (expect_source && strcmp(expect_source, h.source)) {
		snprintf(res->error, sizeof(res->error), "the feed's source is \"%s\","
		    " not \"%s\" as configured", h.source, expect_source);
		res->line = 0;
		return FI_REFUSED;
	}
	if ((l = fstore_lock(d, h.source)) != 1) {
		snprintf(res->error, sizeof(res->error), l == 0 ?
		    "busy: another import of source %s is running" : "database error: %s",
		    l == 0 ? h.source : db_error(d));
		return l == 0 ? FI_BUSY : FI_DBERR;
	}
	rc = store_items(d, f, lim, recorded_by, es, res);
	if (rc == FI_OK && fstore_pulled(d, h.source, NULL, NULL, NULL, h.sequence, NULL) == -1)
		rc = FI_DBERR;
	fstore_unlock(d, h.source);
	return rc;
}
