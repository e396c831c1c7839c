/* petition_store: intake in one transaction — receipt number, the charter
 * version in force, the standards that apply, the applicant kept apart,
 * attachments, events once each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "charter_store.h"
#include "db.h"
#include "engine_store.h"
#include "petition_store.h"
#include "../domain/charter.h"
#include "../domain/standards.h"
#include "../domain/token.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define CACHE_MAX 64

struct dept_standards {
	char	 key[400];		/* "city/dept" and the chain's version ids */
	unsigned long long vid;		/* the department's version in force */
	struct standards std;
};

struct pstore {
	struct db		*db;
	const struct catalog	*ext;		/* the caller's catalogue, if set */
	struct catalog		 cat;		/* else our own, loaded once */
	int			 cat_loaded;
	struct dept_standards	*cache[CACHE_MAX];
	size_t			 ncache;
	struct estore		*engine;	/* evaluates what was stored; NULL: not */
};

struct pstore *
pstore_new(struct db *d)
{
	struct pstore *p = calloc(1, sizeof(*p));

	if (p)
		p->db = d;
	return p;
}

void
pstore_set_catalog(struct pstore *p, const struct catalog *cat)
{
	p->ext = cat;
}

void
pstore_set_engine(struct pstore *p, struct estore *es)
{
	p->engine = es;
}

void
pstore_free(struct pstore *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->ncache; i++)
		free(p->cache[i]);
	catalog_free(&p->cat);
	free(p);
}

/* Parses the stored charters of the chain and resolves their standards. */
static int
load_standards(struct pstore *p, const struct catalog_entry **chain, size_t n,
    struct standards *out)
{
	xmlDocPtr docs[CHAIN_MAX] = { 0 };
	xmlNodePtr roots[CHAIN_MAX];
	char	 keys[CHAIN_MAX][100];
	const char *kp[CHAIN_MAX];
	size_t	 i, bad;
	int	 rc = -1;

	if (cstore_chain_docs(p->db, chain, n, docs, &bad) == 0) {
		for (i = 0; i < n; i++) {
			roots[i] = xmlDocGetRootElement(docs[i]);
			snprintf(keys[i], sizeof(keys[i]), "%s/%s", chain[i]->city, chain[i]->dept);
			kp[i] = keys[i];
		}
		standards_in_force(roots, kp, n, out);
		rc = 0;
	}
	for (i = 0; i < n; i++)
		if (docs[i])
			xmlFreeDoc(docs[i]);
	return rc;
}

/* The department's standards in force, or NULL (*unknown set when there is
 * no such charter). Cached under the chain's version ids: a version never
 * changes, so an entry is never stale, whatever catalogue was used. */
static const struct dept_standards *
dept_standards(struct pstore *p, const char *city, const char *dept, int *unknown)
{
	const struct catalog *cat = p->ext;
	const struct catalog_entry *e, *chain[CHAIN_MAX];
	struct dept_standards *ds;
	char	 key[400];
	size_t	 i, n, o;

	*unknown = 0;
	if (cat == NULL) {
		if (!p->cat_loaded) {
			if (catalog_load(p->db, &p->cat) == -1)
				return NULL;
			p->cat_loaded = 1;
		}
		cat = &p->cat;
	}
	if ((e = catalog_find(cat, city, dept)) == NULL) {
		*unknown = 1;
		return NULL;
	}
	n = catalog_chain(cat, e, chain, CHAIN_MAX);
	o = (size_t)snprintf(key, sizeof(key), "%s/%s", city, dept);
	for (i = 0; i < n && o < sizeof(key) - 24; i++)
		o += (size_t)snprintf(key + o, sizeof(key) - o, ":%llu", chain[i]->vid);
	for (i = 0; i < p->ncache; i++)
		if (strcmp(p->cache[i]->key, key) == 0)
			return p->cache[i];
	if ((ds = calloc(1, sizeof(*ds))) == NULL)
		return NULL;
	memcpy(ds->key, key, sizeof(key));
	ds->vid = e->vid;
	if (load_standards(p, chain, n, &ds->std) == -1) {
		free(ds);
		return NULL;
	}
	if (p->ncache == CACHE_MAX)
		free(p->cache[--p->ncache]);
	p->cache[p->ncache++] = ds;
	return ds;
}

static int
text_ok(const char *s, size_t max, int multiline)
{
	size_t	 n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	if (n > max || !utf8_valid(s, n, NULL))
		return 0;
	if (multiline)
		return 1;
	return !utf8_has_controls(s, n);
}

/* The checks every petition passes, whatever its way in. */
static const char *
invalid(const struct petition_in *in)
{
	const struct applicant_in *a = &in->applicant;
	size_t	 i;

	if (!charter_valid_code(in->city ? in->city : "", 32) ||
	    !charter_valid_code(in->dept ? in->dept : "", 64))
		return "the department code is not valid";
	if (!petition_kind_valid(in->kind))
		return "unknown petition kind";
	if (!petition_channel_valid(in->channel))
		return "unknown channel";
	if (in->received_at <= 0)
		return "the time of receipt is missing or not valid";
	if (a->name == NULL || a->name[0] == '\0' || a->address == NULL || a->address[0] == '\0')
		return "anonymous petitions are not processed: name and address are required";
	if (!text_ok(a->name, 100, 0) || !text_ok(a->address, 300, 0) ||
	    !text_ok(a->phone, 40, 0) || !text_ok(a->email, 254, 0))
		return "the applicant's details are too long or not valid text";
	if (in->title == NULL || in->title[0] == '\0' || !text_ok(in->title, 300, 0))
		return "the title is missing, too long or not valid text";
	if (in->body == NULL || in->body[0] == '\0' || !text_ok(in->body, 65536, 1))
		return "the body is missing, longer than 64 KiB or not valid text";
	if (in->statutory_value && (in->statutory_unit == NULL ||
	    (strcmp(in->statutory_unit, "hours") && strcmp(in->statutory_unit, "days"))))
		return "the statutory period's unit must be hours or days";
	for (i = 0; i < in->nevents; i++)
		if (!petition_event_valid(in->events[i].type) || in->events[i].at <= 0)
			return "an event has an unknown type or a bad time";
	return NULL;
}

/* A digest of everything an update could change, to tell "unchanged". */
static void
content_hash(const struct petition_in *in, char hex[65])
{
	const struct applicant_in *a = &in->applicant;
	struct buf b = { 0 };

	buf_printf(&b, "%s\x1f%s\x1f%lld\x1f%u\x1f%s\x1f%d\x1f", in->kind, in->channel,
	    (long long)in->received_at, in->statutory_value,
	    in->statutory_unit ? in->statutory_unit : "", in->protected_applicant);
	buf_printf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f", a->name, a->address,
	    a->phone ? a->phone : "", a->email ? a->email : "", a->sms_consent);
	buf_printf(&b, "%s\x1f%s", in->title, in->body);
	token_sha256_hex(b.data ? b.data : "", b.len, hex);
	buf_free(&b);
}

/* Appends the events not seen before; returns how many were new, or -1.
 * Without the engine the state is the last event's type; with it, the
 * engine's evaluation sets the state, and only the named officer is kept. */
static long long
add_events(struct db *d, unsigned long long id, const struct petition_in *in, int engine)
{
	long long n, added = 0;
	size_t	 i;

	for (i = 0; i < in->nevents; i++) {
		const struct event_in *e = &in->events[i];
		n = db_exec(d, "INSERT IGNORE INTO petition_events (petition_id, type, at,"
		    " officer, due, reason, recorded_by, recorded_at) VALUES (?, ?,"
		    " FROM_UNIXTIME(?), ?, IF(? = 0, NULL, FROM_UNIXTIME(?)), ?, ?,"
		    " UTC_TIMESTAMP(6))", "usisiiss", id, e->type, (long long)e->at,
		    e->officer, (long long)e->due, (long long)e->due, e->reason,
		    in->recorded_by ? in->recorded_by : in->source);
		if (n < 0)
			return -1;
		added += n;
	}
	if (added > 0 && engine) {
		if (db_exec(d, "UPDATE petitions p SET officer_name ="
		    " COALESCE((SELECT e.officer FROM petition_events e"
		    "   WHERE e.petition_id = p.id AND e.officer IS NOT NULL"
		    "   ORDER BY e.at DESC, e.id DESC LIMIT 1), p.officer_name)"
		    " WHERE p.id = ?", "u", id) < 0)
			return -1;
	} else if (added > 0 && db_exec(d, "UPDATE petitions p SET"
	    " state = (SELECT e.type FROM petition_events e WHERE e.petition_id = p.id"
	    "   ORDER BY e.at DESC, e.id DESC LIMIT 1),"
	    " officer_name = COALESCE((SELECT e.officer FROM petition_events e"
	    "   WHERE e.petition_id = p.id AND e.officer IS NOT NULL"
	    "   ORDER BY e.at DESC, e.id DESC LIMIT 1), p.officer_name)"
	    " WHERE p.id = ?", "u", id) < 0)
		return -1;
	return added;
}

static int
store_applicant(struct db *d, unsigned long long id, const struct applicant_in *a,
    int update)
{
	return db_exec(d, update ?
	    "UPDATE petition_applicants SET name = ?, address = ?, phone = ?, email = ?,"
	    " sms_consent = ? WHERE petition_id = ?" :
	    "INSERT INTO petition_applicants (name, address, phone, email, sms_consent,"
	    " petition_id) VALUES (?, ?, ?, ?, ?, ?)", "ssssiu", a->name, a->address,
	    a->phone && *a->phone ? a->phone : NULL, a->email && *a->email ? a->email : NULL,
	    (long long)(a->sms_consent != 0), id) < 0 ? -1 : 0;
}

static int
store_measures(struct db *d, unsigned long long id, const struct standards *ss,
    const struct petition_in *in)
{
	char	 rings[16];
	size_t	 i;

	for (i = 0; i < ss->n; i++) {
		const struct standard *s = &ss->s[i];
		if (!standard_applies(s, in->kind, in->channel))
			continue;
		snprintf(rings, sizeof(rings), "%u", s->rings);
		if (db_exec(d, "INSERT INTO petition_measures (petition_id, standard_id,"
		    " from_event, to_event, target, rings, clock, basis, origin)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ussssssss", id, s->id,
		    s->from, s->to, s->target[0] ? s->target : NULL,
		    s->rings ? rings : NULL, s->clock, s->basis, s->origin) < 0)
			return -1;
	}
	return 0;
}

static int
store_attachments(struct db *d, unsigned long long id, const struct petition_in *in)
{
	char	 sha[65];
	size_t	 i;

	for (i = 0; i < in->nattachments; i++) {
		const struct attachment_in *a = &in->attachments[i];
		token_sha256_hex(a->data, a->len, sha);
		if (db_exec(d, "INSERT INTO petition_attachments (petition_id, filename,"
		    " media_type, bytes, sha256, data) VALUES (?, ?, ?, ?, ?, ?)", "ussusb",
		    id, a->filename, a->media_type, (unsigned long long)a->len, sha,
		    (const char *)a->data, a->len) != 1)
			return -1;
	}
	return 0;
}

/* The next sequence number of the department's year, atomic across hosts:
 * the counter row stays locked until the transaction ends. */
static int
next_receipt(struct db *d, const struct petition_in *in, char receipt[RECEIPT_MAX])
{
	unsigned long long seq;
	long long n;
	int	 year = petition_year_kst(in->received_at);

	n = db_exec(d, "INSERT INTO receipt_counters (year, city, dept, last) VALUES (?, ?, ?, 1)"
	    " ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)", "iss",
	    (long long)year, in->city, in->dept);
	if (n < 0)
		return -1;
	seq = n == 1 ? 1 : db_last_id(d);
	petition_receipt(receipt, in->received_at, in->city, in->dept, seq);
	return 0;
}

/* The petition is written first under a provisional number; its receipt
 * number is taken last, just before the commit, so that the department's
 * counter row is locked for as short a time as possible (concurrent posts
 * to one department queue on it). */
static enum pstore_result
insert_new(struct pstore *p, const struct petition_in *in, const char *hash,
    char receipt[RECEIPT_MAX], unsigned long long *idp, char *why, size_t whylen)
{
	struct db *d = p->db;
	const struct dept_standards *ds;
	const char *unit = in->statutory_unit, *from = "feed";
	unsigned value = in->statutory_value;
	unsigned long long id;
	char	 vbuf[16], provisional[TOKEN_LEN + 16];
	int	 unknown;

	if ((ds = dept_standards(p, in->city, in->dept, &unknown)) == NULL) {
		if (!unknown)
			return PS_DBERR;
		snprintf(why, whylen, "unknown department %s/%s: no charter", in->city, in->dept);
		return PS_INVALID;
	}
	if (value == 0)
		from = standards_statutory(&ds->std, in->kind, in->channel, &value, &unit) ?
		    "charter" : NULL;
	snprintf(vbuf, sizeof(vbuf), "%u", value);
	memcpy(provisional, "pending-", 8);
	if (token_generate(provisional + 8, sizeof(provisional) - 8) == -1 ||
	    db_exec(d, "INSERT INTO petitions (receipt_no, source, external_id, city, dept,"
	    " charter_version_id, kind, channel, received_at, statutory_value,"
	    " statutory_unit, statutory_from, title, body, protected, access_code_hash,"
	    " content_sha256, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	    " FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	    "sssssussissssssss", provisional, in->source, in->external_id, in->city,
	    in->dept, ds->vid, in->kind, in->channel, (long long)in->received_at,
	    from ? vbuf : NULL, from ? unit : NULL, from, in->title,
	    in->body, in->protected_applicant ? "1" : "0", in->access_code_hash, hash) != 1)
		return PS_DBERR;
	id = db_last_id(d);
	if (store_applicant(d, id, &in->applicant, 0) == -1 ||
	    store_measures(d, id, &ds->std, in) == -1 ||
	    store_attachments(d, id, in) == -1 || add_events(d, id, in, p->engine != NULL) < 0 ||
	    next_receipt(d, in, receipt) == -1 ||
	    db_exec(d, "UPDATE petitions SET receipt_no = ? WHERE id = ?", "su",
	    receipt, id) != 1)
		return PS_DBERR;
	*idp = id;
	return PS_NEW;
}

/* A known feed item: its fields if they changed, its new events. */
static enum pstore_result
update_known(struct db *d, const struct petition_in *in, struct db_res *row,
    const char *hash, int engine, unsigned long long *idp)
{
	unsigned long long id = *idp = strtoull(db_cell(row, 0, 0), NULL, 10);
	int	 changed = strcmp(db_cell(row, 0, 2), hash) != 0;
	long long added;

	if (changed && (db_exec(d, "UPDATE petitions SET kind = ?, channel = ?,"
	    " received_at = FROM_UNIXTIME(?), title = ?, body = ?, protected = ?,"
	    " statutory_value = IF(? = 0, statutory_value, ?),"
	    " statutory_unit = IF(? = 0, statutory_unit, ?),"
	    " statutory_from = IF(? = 0, statutory_from, 'feed'),"
	    " content_sha256 = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	    "ssisssiiisisu", in->kind, in->channel, (long long)in->received_at, in->title,
	    in->body, in->protected_applicant ? "1" : "0",
	    (long long)in->statutory_value, (long long)in->statutory_value,
	    (long long)in->statutory_value, in->statutory_unit,
	    (long long)in->statutory_value, hash, id) < 0 ||
	    store_applicant(d, id, &in->applicant, 1) == -1))
		return PS_DBERR;
	if ((added = add_events(d, id, in, engine)) < 0)
		return PS_DBERR;
	if (added > 0 && !changed && db_exec(d, "UPDATE petitions SET"
	    " updated_at = UTC_TIMESTAMP(6) WHERE id = ?", "u", id) < 0)
		return PS_DBERR;
	return changed || added > 0 ? PS_UPDATED : PS_UNCHANGED;
}

enum pstore_result
pstore_put_ctx(struct pstore *p, const struct petition_in *in, int in_tx,
    char receipt[RECEIPT_MAX], char *why, size_t whylen)
{
	struct db *d = p->db;
	struct db_res row;
	enum pstore_result r;
	const char *bad;
	char	 hash[65];
	unsigned long long id = 0;
	long long n = 0;

	receipt[0] = '\0';
	why[0] = '\0';
	if ((bad = invalid(in)) != NULL) {
		snprintf(why, whylen, "%s", bad);
		return PS_INVALID;
	}
	content_hash(in, hash);
	if (!in_tx && db_begin(d) == -1)
		return PS_DBERR;
	memset(&row, 0, sizeof(row));
	if (in->external_id)
		n = db_query(d, &row, "SELECT id, receipt_no, content_sha256 FROM petitions"
		    " WHERE source = ? AND external_id = ? FOR UPDATE", "ss", in->source,
		    in->external_id);
	if (n < 0)
		r = PS_DBERR;
	else if (n > 0) {
		snprintf(receipt, RECEIPT_MAX, "%s", db_cell(&row, 0, 1));
		r = update_known(d, in, &row, hash, p->engine != NULL, &id);
	} else
		r = insert_new(p, in, hash, receipt, &id, why, whylen);
	db_res_free(&row);
	/* every petition has its results and next_due from intake on */
	if ((r == PS_NEW || r == PS_UPDATED) && p->engine &&
	    estore_reevaluate(p->engine, id, 1, time(NULL),
	    in->recorded_by ? in->recorded_by : in->source) == -1)
		r = PS_DBERR;
	if (r == PS_DBERR)
		snprintf(why, whylen, "database error: %s", db_error(d));
	if (!in_tx) {
		if (r == PS_DBERR || r == PS_INVALID)
			db_rollback(d);
		else if (db_commit(d) == -1) {
			snprintf(why, whylen, "database error: %s", db_error(d));
			r = PS_DBERR;
		}
	}
	return r;
}

enum pstore_result
pstore_put(struct db *d, const struct petition_in *in, int in_tx,
    char receipt[RECEIPT_MAX], char *why, size_t whylen)
{
	struct pstore *p = pstore_new(d);
	enum pstore_result r;

	if (p == NULL) {
		snprintf(why, whylen, "out of memory");
		return PS_DBERR;
	}
	r = pstore_put_ctx(p, in, in_tx, receipt, why, whylen);
	pstore_free(p);
	return r;
}
