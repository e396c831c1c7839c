/* ledger: the compensation ledger in MariaDB (003_engine.sql) and the
 * rules-in-force cache per charter version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "charter_store.h"
#include "db.h"
#include "ledger.h"
#include "stats_store.h"
#include "../util/clock.h"
#include "../util/buf.h"
#include "../util/diag.h"
#include "../util/xmlsafe.h"

/* Entries per INSERT: a batch travels as one JSON array bound to one
 * placeholder and is unpacked by JSON_TABLE, so the statement is one fixed,
 * prepared SQL text whatever the batch's size (MariaDB >= 10.6). */
#define LEDGER_BATCH 64

#define RULES_CACHE_MAX 64
/* How long the catalogue of current versions (ancestors' rules) is trusted
 * before it is read again: an ancestor's new version is seen after that. */
#define RULES_CAT_TTL 60

/* A string column of JSON_TABLE: its collation is named, since it follows
 * neither the connection nor the table it meets (MariaDB 10.11.18 gives
 * utf8mb4's default, utf8mb4_general_ci; 10.11.19 the database's default),
 * and comparing it with a column of another collation is an error. */
#define JT_STR(n) "VARCHAR(" #n ") CHARACTER SET utf8mb4 COLLATE " DB_COLLATION

static const char sql_book[] =
    "INSERT IGNORE INTO compensation (petition_id, entitlement_key, rule_id,"
    " rule_origin, charter_version_id, trigger_name, standard_id, amount,"
    " currency, form, state, arose_at, booked_at, booked_by)"
    " SELECT j.pid, j.k, j.rid, j.orig, j.vid, j.trig, j.std, j.amount, j.cur,"
    " j.form, 'owed', FROM_UNIXTIME(j.arose), FROM_UNIXTIME(?), ?"
    " FROM JSON_TABLE(?, '$[*]' COLUMNS ("
    "  pid BIGINT UNSIGNED PATH '$.p', k " JT_STR(96) " PATH '$.k',"
    "  rid " JT_STR(64) " PATH '$.r', orig " JT_STR(100) " PATH '$.o',"
    "  vid BIGINT UNSIGNED PATH '$.v', trig " JT_STR(32) " PATH '$.t',"
    "  std " JT_STR(64) " PATH '$.s', amount BIGINT PATH '$.a',"
    "  cur " JT_STR(3) " PATH '$.c', form " JT_STR(32) " PATH '$.f',"
    "  arose BIGINT PATH '$.at')) j";

/* The first state of each new entry, in its log. */
static const char sql_book_log[] =
    "INSERT INTO compensation_log (compensation_id, state, at, by_whom)"
    " SELECT c.id, 'owed', c.booked_at, c.booked_by FROM JSON_TABLE(?, '$[*]'"
    " COLUMNS (pid BIGINT UNSIGNED PATH '$.p', k " JT_STR(96) " PATH '$.k')) j"
    " JOIN compensation c ON c.petition_id = j.pid AND c.entitlement_key = j.k"
    " WHERE NOT EXISTS (SELECT 1 FROM compensation_log l"
    "  WHERE l.compensation_id = c.id)";

static void
json_field(struct buf *b, const char *name, const char *v)
{
	buf_printf(b, ",\"%s\":", name);
	if (v == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "\"");
	buf_json_str(b, v);
	buf_puts(b, "\"");
}

static int
batch_json(struct buf *b, const struct ledger_entry *e, size_t n)
{
	size_t	 i;

	buf_reset(b);
	buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s{\"p\":%llu,\"v\":%llu,\"a\":%ld,\"at\":%lld",
		    i ? "," : "", e[i].petition_id, e[i].charter_version_id,
		    e[i].amount, (long long)e[i].arose_at);
		json_field(b, "k", e[i].key);
		json_field(b, "r", e[i].rule_id);
		json_field(b, "o", e[i].rule_origin);
		json_field(b, "t", e[i].trigger);
		json_field(b, "s", e[i].standard_id);
		json_field(b, "c", e[i].currency);
		json_field(b, "f", e[i].form);
		if (buf_puts(b, "}") == -1)
			return -1;
	}
	return buf_puts(b, "]");
}

long long
ledger_book(struct db *d, const struct ledger_entry *e, size_t n,
    const char *booked_by, time_t now)
{
	struct buf b = { 0 };
	long long added = 0, k;
	size_t	 i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < LEDGER_BATCH ? n - i : LEDGER_BATCH;
		if (batch_json(&b, e + i, m) == -1)
			goto err;
		if ((k = db_exec(d, sql_book, "iss", (long long)now, booked_by,
		    b.data)) < 0)
			goto err;
		if (k > 0 && db_exec(d, sql_book_log, "s", b.data) < 0)
			goto err;
		added += k;
	}
	buf_free(&b);
	return added;
err:
	buf_free(&b);
	return -1;
}

/* The move from state `from` to `to`: NULL when allowed, else why not. */
static const char *
refused(const char *from, const char *to)
{
	if (strcmp(to, "notified") && strcmp(to, "paid"))
		return "the state must be notified or paid";
	if (!strcmp(from, "paid"))
		return "the compensation was already paid: a paid entry never moves";
	if (!strcmp(from, to))
		return "the compensation was already notified";
	return NULL;	/* owed → notified, owed → paid, notified → paid */
}

static int
advance_tx(struct db *d, unsigned long long id, const char *to, const char *by,
    const char *note, time_t now, char *why, size_t whylen)
{
	struct db_res r;
	const char *no;
	long long n;
	int	 rc;

	if ((n = db_query(d, &r, "SELECT state FROM compensation WHERE id = ?"
	    " FOR UPDATE", "u", id)) < 0)
		return -1;
	if (n == 0) {
		db_res_free(&r);
		snprintf(why, whylen, "no compensation entry %llu", id);
		return 2;
	}
	if ((no = refused(db_cell(&r, 0, 0), to)) != NULL) {
		snprintf(why, whylen, "%s (it is %s; allowed: owed → notified → paid,"
		    " or owed → paid)", no, db_cell(&r, 0, 0));
		db_res_free(&r);
		return 1;
	}
	db_res_free(&r);
	rc = db_exec(d, "UPDATE compensation SET state = ?,"
	    " notified_at = IF(? = 'notified', FROM_UNIXTIME(?), notified_at),"
	    " paid_at = IF(? = 'paid', FROM_UNIXTIME(?), paid_at) WHERE id = ?",
	    "ssisiu", to, to, (long long)now, to, (long long)now, id) == 1 ? 0 : -1;
	if (rc == 0 && db_exec(d, "INSERT INTO compensation_log (compensation_id,"
	    " state, at, by_whom, note) VALUES (?, ?, FROM_UNIXTIME(?), ?, ?)",
	    "usiss", id, to, (long long)now, by, note && *note ? note : NULL) != 1)
		rc = -1;
	return rc;
}

/* In its own transaction: the row is locked from the check to the move, so
 * two officers advancing one entry at once cannot both succeed. */
int
ledger_advance(struct db *d, unsigned long long id, const char *to,
    const char *by, const char *note, time_t now, char *why, size_t whylen)
{
	int	 rc;

	if (why && whylen)
		why[0] = '\0';
	if (db_begin(d) == -1)
		return -1;
	rc = advance_tx(d, id, to, by, note, now, why, whylen);
	if (rc == 0 && stats_touch_compensation(d, id) == -1)	/* stats hook */
		rc = -1;
	if (rc == 0 && db_commit(d) == 0)
		return 0;
	db_rollback(d);
	return rc == 0 ? -1 : rc;
}

/* The rules-in-force cache. */

struct rules_entry {
	unsigned long long vid;
	unsigned long long anc[CHAIN_MAX];	/* the ancestors' versions used */
	size_t		 nanc;
	unsigned long long used;
	struct rules	 rules;
};

struct rules_cache {
	struct db	*db;
	struct catalog	 cat;
	time_t		 cat_at;		/* 0: not loaded */
	struct rules_entry *e[RULES_CACHE_MAX];
	size_t		 n;
	unsigned long long clock;
};

struct rules_cache *
rules_cache_new(struct db *d)
{
	struct rules_cache *c = calloc(1, sizeof(*c));

	if (c)
		c->db = d;
	return c;
}

void
rules_cache_free(struct rules_cache *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->e[i]);
	catalog_free(&c->cat);
	free(c);
}

static int
fresh_catalog(struct rules_cache *c)
{
	time_t	 now = clock_now();

	if (c->cat_at && now - c->cat_at < RULES_CAT_TTL && now >= c->cat_at)
		return 0;
	catalog_free(&c->cat);
	c->cat_at = 0;
	if (catalog_load(c->db, &c->cat) == -1)
		return -1;
	c->cat_at = now;
	return 0;
}

/* The version's department and its parent ("" when none). 1, 0 unknown, -1. */
static int
version_ident(struct db *d, unsigned long long vid, char *key, size_t keylen,
    char *pcity, char *pdept)
{
	struct db_res r;
	long long n;

	if ((n = db_query(d, &r, "SELECT city, dept, COALESCE(parent_city, ''),"
	    " COALESCE(parent_dept, '') FROM charter_versions WHERE id = ?", "u", vid)) <= 0)
		return n < 0 ? -1 : 0;
	snprintf(key, keylen, "%s/%s", db_cell(&r, 0, 0), db_cell(&r, 0, 1));
	snprintf(pcity, 33, "%s", db_cell(&r, 0, 2));
	snprintf(pdept, 65, "%s", db_cell(&r, 0, 3));
	db_res_free(&r);
	return 1;
}

/* The ancestors' current versions of the version's parent. */
static size_t
ancestors(const struct rules_cache *c, const char *pcity, const char *pdept,
    const struct catalog_entry **chain)
{
	const struct catalog_entry *p;

	if (*pcity == '\0' || (p = catalog_find(&c->cat, pcity, pdept)) == NULL)
		return 0;
	return catalog_chain(&c->cat, p, chain, CHAIN_MAX - 1);
}

/* Parses the version's own XML into docs[0], its ancestors' into the rest. */
static int
load_docs(struct db *d, unsigned long long vid, const struct catalog_entry **chain,
    size_t nanc, xmlDocPtr *docs)
{
	struct buf b = { 0 };
	struct diag *dg;
	size_t	 bad;
	int	 rc = -1;

	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return -1;
	/* stored documents passed every check at upload */
	if (cstore_xml_id(d, vid, &b) == 1 &&
	    (docs[0] = xmlsafe_parse(b.data, b.len, b.len + 1, 100000, dg)) != NULL &&
	    cstore_chain_docs(d, chain, nanc, docs + 1, &bad) == 0)
		rc = 0;
	buf_free(&b);
	free(dg);
	return rc;
}

static int
load_entry(struct rules_cache *c, struct rules_entry *re)
{
	const struct catalog_entry *chain[CHAIN_MAX];
	xmlDocPtr docs[CHAIN_MAX] = { 0 };
	xmlNodePtr roots[CHAIN_MAX];
	char	 keys[CHAIN_MAX][100], pcity[33], pdept[65];
	const char *kp[CHAIN_MAX];
	size_t	 i, nanc;
	int	 rc = -1;

	if (version_ident(c->db, re->vid, keys[0], sizeof(keys[0]), pcity, pdept) != 1)
		return -1;
	nanc = ancestors(c, pcity, pdept, chain);
	if (load_docs(c->db, re->vid, chain, nanc, docs) == 0) {
		kp[0] = keys[0];
		roots[0] = xmlDocGetRootElement(docs[0]);
		for (i = 0; i < nanc; i++) {
			snprintf(keys[i + 1], sizeof(keys[i + 1]), "%s/%s",
			    chain[i]->city, chain[i]->dept);
			kp[i + 1] = keys[i + 1];
			roots[i + 1] = xmlDocGetRootElement(docs[i + 1]);
			re->anc[i] = chain[i]->vid;
		}
		re->nanc = nanc;
		rules_in_force(roots, kp, nanc + 1, &re->rules);
		rc = 0;
	}
	for (i = 0; i <= nanc; i++)
		if (docs[i])
			xmlFreeDoc(docs[i]);
	return rc;
}

/* 1 when the ancestors' current versions are still those the entry used. */
static int
entry_current(const struct rules_cache *c, const struct rules_entry *re)
{
	size_t	 i;

	for (i = 0; i < re->nanc; i++) {
		const struct catalog_entry *e = NULL;
		size_t	 j;
		for (j = 0; j < c->cat.n && e == NULL; j++)
			if (c->cat.e[j].vid == re->anc[i])
				e = &c->cat.e[j];
		if (e == NULL)
			return 0;
	}
	return 1;
}

const struct rules *
rules_cache_get(struct rules_cache *c, unsigned long long vid)
{
	struct rules_entry *re;
	size_t	 i, lru;

	if (fresh_catalog(c) == -1)
		return NULL;
	for (i = 0; i < c->n; i++) {
		if (c->e[i]->vid == vid) {
			if (!entry_current(c, c->e[i])) {
				re = c->e[i];
				c->e[i] = c->e[--c->n];
				free(re);
				break;
			}
			c->e[i]->used = ++c->clock;
			return &c->e[i]->rules;
		}
	}
	if ((re = calloc(1, sizeof(*re))) == NULL)
		return NULL;
	re->vid = vid;
	if (load_entry(c, re) == -1) {
		free(re);
		return NULL;
	}
	if (c->n == RULES_CACHE_MAX) {		/* evict the least recently used */
		for (i = 0, lru = 0; i < c->n; i++)
			if (c->e[i]->used < c->e[lru]->used)
				lru = i;
		free(c->e[lru]);
		c->e[lru] = re;
	} else
		c->e[c->n++] = re;
	re->used = ++c->clock;
	return &re->rules;
}
