/* petition_store: intake in one transaction — receipt number, the charter
 * version in force, the standards that apply, the applicant kept apart,
 * attachments, events once each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "charter_store.h"
#include "db.h"
#include "engine_store.h"
#include "petition_store.h"
#include "stats_store.h"
#include "../domain/charter.h"
#include "../domain/instant.h"
#include "../domain/standards.h"
#include "../domain/token.h"
#include "../util/clock.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define CACHE_MAX 64
/* New petitions waiting for their multi-row INSERTs (pstore_set_batch), and
 * the bytes of text they may hold before they are written */
#define PEND_MAX 500
#define PEND_BYTES (4u << 20)

/* Values of rows for db_execv, their strings owned. */
struct vals {
	struct db_param	*v;
	size_t		 n, cap;
	char		**own;
	size_t		 nown, capown;
	int		 oom;
};

/* A new petition evaluated and waiting for its rows to be written. */
struct pend {
	char	 source[65], external_id[129], city[33], dept[65];
	char	 receipt[RECEIPT_MAX];
	time_t	 received_at;
	int	 year;
	int	 entitled;	/* compensation arises: re-evaluated once stored */
	const struct petition_in *att;	/* attachments to store (not deferred) */
	struct vals p, a, m, e;	/* rows without their first column */
	size_t	 nm, ne;	/* measure and event rows */
	/* Not looked up yet (a feed item queued as new): whether its source and
	 * external id are known is asked at the flush, for many at once; a known
	 * one is then updated from this copy instead of inserted. */
	struct petition_in *in;
	char	 hash[65];
	int	 known;	/* found known and updated: not to be inserted */
};

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
	unsigned		 batch;		/* new petitions deferred up to this many */
	struct pend		*pend[PEND_MAX];
	size_t			 npend;
	char			 by[161];	/* recorded_by of the deferred ones */
	int			 autoinc;	/* 1 consecutive ids, 2 not, 0 unknown */
	size_t			 pend_bytes;	/* their titles and bodies */
	unsigned		 moved_updated, moved_unchanged;	/* pstore_moved() */
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

static void
vals_free(struct vals *x)
{
	for (size_t i = 0; i < x->nown; i++)
		free(x->own[i]);
	free(x->own);
	free(x->v);
}

static void
pend_free(struct pend *q)
{
	if (q == NULL)
		return;
	vals_free(&q->p);
	vals_free(&q->a);
	vals_free(&q->m);
	vals_free(&q->e);
	free(q->in);
	free(q);
}

/* A copy of a petition without attachments, in one block; *size gets its
 * size. */
static struct petition_in *
pin_dup(const struct petition_in *in, size_t *size)
{
	struct petition_in *c;
	struct event_in *ev;
	const char **sp[15 + 3 * ENGINE_EVENTS_MAX];
	size_t	 ns = 0, len, i, l, n = in->nevents;
	char	*at;

	if (n > ENGINE_EVENTS_MAX)
		return NULL;	/* not deferred (defer()) */

	len = sizeof(*c) + n * sizeof(*ev);
	for (i = 0; i < n; i++)
		len += (in->events[i].type ? strlen(in->events[i].type) + 1 : 0) +
		    (in->events[i].officer ? strlen(in->events[i].officer) + 1 : 0) +
		    (in->events[i].reason ? strlen(in->events[i].reason) + 1 : 0);
	{
		const char *const f[] = { in->source, in->external_id, in->city, in->dept,
		    in->kind, in->channel, in->statutory_unit, in->title, in->body,
		    in->applicant.name, in->applicant.address, in->applicant.phone,
		    in->applicant.email, in->access_code_hash, in->recorded_by };
		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			len += f[i] ? strlen(f[i]) + 1 : 0;
	}
	if ((c = malloc(len)) == NULL)
		return NULL;
	*c = *in;
	ev = (struct event_in *)(c + 1);
	if (n)
		memcpy(ev, in->events, n * sizeof(*ev));
	c->events = ev;
	c->nevents = n;
	c->attachments = NULL;
	c->nattachments = 0;
	sp[ns++] = &c->source; sp[ns++] = &c->external_id; sp[ns++] = &c->city;
	sp[ns++] = &c->dept; sp[ns++] = &c->kind; sp[ns++] = &c->channel;
	sp[ns++] = &c->statutory_unit; sp[ns++] = &c->title; sp[ns++] = &c->body;
	sp[ns++] = &c->applicant.name; sp[ns++] = &c->applicant.address;
	sp[ns++] = &c->applicant.phone; sp[ns++] = &c->applicant.email;
	sp[ns++] = &c->access_code_hash; sp[ns++] = &c->recorded_by;
	for (i = 0; i < n; i++) {
		sp[ns++] = &ev[i].type;
		sp[ns++] = &ev[i].officer;
		sp[ns++] = &ev[i].reason;
	}
	at = (char *)(ev + n);
	for (i = 0; i < ns; i++) {
		if (*sp[i] == NULL)
			continue;
		l = strlen(*sp[i]) + 1;
		memcpy(at, *sp[i], l);	/* still the caller's string */
		*sp[i] = at;
		at += l;
	}
	*size = len;
	return c;
}

void
pstore_set_batch(struct pstore *p, unsigned max)
{
	p->batch = max > PEND_MAX ? PEND_MAX : max;
}

void
pstore_discard(struct pstore *p)
{
	for (size_t i = 0; i < p->npend; i++)
		pend_free(p->pend[i]);
	p->npend = 0;
	p->pend_bytes = 0;
}

void
pstore_free(struct pstore *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	pstore_discard(p);
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

/* A one-line field of at most max characters (the XSD's maxLength and the
 * column's VARCHAR count characters), or with multiline a text of at most
 * max bytes (the body's 64 KiB). */
static int
text_ok(const char *s, size_t max, int multiline)
{
	size_t	 n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	if (!utf8_valid(s, n, NULL))
		return 0;
	if (multiline)
		return n <= max;
	return utf8_chars(s, n) <= max && !utf8_has_controls(s, n);
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
	/* no instant the store cannot write and read back reaches SQL */
	if (!instant_storable(in->received_at))
		return "the time of receipt is missing or out of range (" INSTANT_MIN_ISO
		    " to " INSTANT_MAX_ISO ")";
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
		if (!petition_event_valid(in->events[i].type) ||
		    !instant_storable(in->events[i].at) ||
		    (in->events[i].due != 0 && !instant_storable(in->events[i].due)))
			return "an event has an unknown type or a time out of range (" INSTANT_MIN_ISO
			    " to " INSTANT_MAX_ISO ")";
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
		    " " DB_US ")", "usisiissi", id, e->type, (long long)e->at,
		    e->officer, (long long)e->due, (long long)e->due, e->reason,
		    in->recorded_by ? in->recorded_by : in->source, clock_now_us());
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
	long long now = clock_now_us();		/* created_at = updated_at */

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
	    " content_sha256, created_at, updated_at, feed_sequence) VALUES (?, ?, ?, ?, ?,"
	    " ?, ?, ?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?, " DB_US ","
	    " " DB_US ", NULLIF(?, 0))",
	    "sssssussissssssssiiu", provisional, in->source, in->external_id, in->city,
	    in->dept, ds->vid, in->kind, in->channel, (long long)in->received_at,
	    from ? vbuf : NULL, from ? unit : NULL, from, in->title,
	    in->body, in->protected_applicant ? "1" : "0", in->access_code_hash, hash,
	    now, now, in->feed_sequence) != 1)
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

/* A known feed item: its fields if they changed, its new events. Fields
 * from a feed older (lower sequence) than the one the stored fields came
 * from are left alone (schema/010); its events are still appended once. */
static enum pstore_result
update_known(struct db *d, const struct petition_in *in, unsigned long long id,
    const char *stored_hash, const char *stored_seq, const char *hash, int engine)
{
	unsigned long long seq = stored_seq ? strtoull(stored_seq, NULL, 10) : 0;
	int	 older = in->feed_sequence < seq;
	int	 changed = !older && strcmp(stored_hash ? stored_hash : "", hash) != 0;
	long long added;

	if (!changed && in->feed_sequence > seq && db_exec(d, "UPDATE petitions SET"
	    " feed_sequence = ? WHERE id = ?", "uu", in->feed_sequence, id) < 0)
		return PS_DBERR;
	if (changed && (db_exec(d, "UPDATE petitions SET kind = ?, channel = ?,"
	    " received_at = FROM_UNIXTIME(?), title = ?, body = ?, protected = protected OR ?,"
	    " statutory_value = IF(? = 0, statutory_value, ?),"
	    " statutory_unit = IF(? = 0, statutory_unit, ?),"
	    " statutory_from = IF(? = 0, statutory_from, 'feed'),"
	    " content_sha256 = ?, updated_at = " DB_US ","
	    " feed_sequence = COALESCE(NULLIF(?, 0), feed_sequence) WHERE id = ?",
	    "ssisssiiisisiuu", in->kind, in->channel, (long long)in->received_at, in->title,
	    in->body, in->protected_applicant ? "1" : "0",
	    (long long)in->statutory_value, (long long)in->statutory_value,
	    (long long)in->statutory_value, in->statutory_unit,
	    (long long)in->statutory_value, hash, clock_now_us(), in->feed_sequence, id) < 0 ||
	    store_applicant(d, id, &in->applicant, 1) == -1))
		return PS_DBERR;
	if ((added = add_events(d, id, in, engine)) < 0)
		return PS_DBERR;
	if (added > 0 && !changed && db_exec(d, "UPDATE petitions SET"
	    " updated_at = " DB_US " WHERE id = ?", "iu", clock_now_us(), id) < 0)
		return PS_DBERR;
	return changed || added > 0 ? PS_UPDATED : PS_UNCHANGED;
}

/* ------------------------------------------------------------------ intake
 * A new petition with the engine set is evaluated before it is stored
 * (estore_intake) and its rows are written once, already carrying their
 * results: the petitions, their applicants, measures and events, each table
 * in multi-row INSERTs of 64, 32, ... or 1 rows (one prepared statement per
 * shape), with one receipt-counter reservation per department and year per
 * batch. The petitions' ids are consecutive within a multi-row INSERT
 * (innodb_autoinc_lock_mode 0 or 1; with 2, rows go one by one). */

#define AT(p)	"TIMESTAMPADD(SECOND, NULLIF(" p ", 0), '1970-01-01')"
#define X2(r)	r ", " r
#define X4(r)	X2(r) ", " X2(r)
#define X8(r)	X4(r) ", " X4(r)
#define X16(r)	X8(r) ", " X8(r)
#define X32(r)	X16(r) ", " X16(r)
#define X64(r)	X32(r) ", " X32(r)
#define NSHAPES	7	/* statements of 1, 2, 4, ... 64 rows */
#define SHAPES(head, row)	{ head row, head X2(row), head X4(row), head X8(row), \
	head X16(row), head X32(row), head X64(row) }

#define P_HEAD "INSERT INTO petitions (receipt_no, source, external_id, city, dept," \
    " charter_version_id, kind, channel, received_at, statutory_value," \
    " statutory_unit, statutory_from, title, body, protected, access_code_hash," \
    " content_sha256, created_at, updated_at, state, supplemented, extended," \
    " answered_at, closed_at, statutory_due, next_due, breached, evaluated_at," \
    " officer_name, feed_sequence) VALUES "
#define P_ROW "(?, ?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?," \
    " " DB_US ", " DB_US ", ?, ?, ?, " AT("?") ", " AT("?") ", " \
    AT("?") ", " AT("?") ", ?, " AT("?") ", ?, NULLIF(?, 0))"
#define P_COLS 30
#define A_HEAD "INSERT INTO petition_applicants (petition_id, name, address, phone," \
    " email, sms_consent) VALUES "
#define A_ROW "(?, ?, ?, ?, ?, ?)"
#define A_COLS 6
#define M_HEAD "INSERT INTO petition_measures (petition_id, standard_id, from_event," \
    " to_event, target, rings, clock, basis, origin, status, started_at, due," \
    " done_at, late_seconds, paused, booked_by, breach_booked_at) VALUES "
#define M_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " AT("?") ", " AT("?") ", " AT("?") \
    ", ?, ?, ?, " AT("?") ")"
#define M_COLS 17
#define E_HEAD "INSERT IGNORE INTO petition_events (petition_id, type, at, officer," \
    " due, reason, recorded_by, recorded_at) VALUES "
#define E_ROW "(?, ?, FROM_UNIXTIME(?), ?, FROM_UNIXTIME(NULLIF(?, 0)), ?, ?," \
    " " DB_US ")"
#define E_COLS 8

static const char *const sql_p[NSHAPES] = SHAPES(P_HEAD, P_ROW);
static const char *const sql_a[NSHAPES] = SHAPES(A_HEAD, A_ROW);
static const char *const sql_m[NSHAPES] = SHAPES(M_HEAD, M_ROW);
static const char *const sql_e[NSHAPES] = SHAPES(E_HEAD, E_ROW);

/* Values of rows (all but their first column), strings copied. */
static void
vput(struct vals *x, char type, const char *s, long long i)
{
	struct db_param *nv;
	char	**no, *c = NULL;

	if (x->oom)
		return;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 32;
		if ((nv = realloc(x->v, cap * sizeof(*nv))) == NULL) {
			x->oom = 1;
			return;
		}
		x->v = nv;
		x->cap = cap;
	}
	if (type == 's' && s != NULL) {
		if (x->nown == x->capown) {
			size_t cap = x->capown ? x->capown * 2 : 32;
			if ((no = realloc(x->own, cap * sizeof(*no))) == NULL) {
				x->oom = 1;
				return;
			}
			x->own = no;
			x->capown = cap;
		}
		if ((c = strdup(s)) == NULL) {
			x->oom = 1;
			return;
		}
		x->own[x->nown++] = c;
	}
	x->v[x->n++] = (struct db_param){ type, c, 0, i };
}

static void
vs(struct vals *x, const char *s)
{
	vput(x, 's', s, 0);
}

static void
vi(struct vals *x, long long i)
{
	vput(x, 'i', NULL, i);
}

static int
by_id(const void *a, const void *b)
{
	const struct eng_measure *x = a, *y = b;

	return strcasecmp(x->id, y->id);	/* as ORDER BY standard_id reads them */
}

/* The events as stored: once each (type, instant: the first one given),
 * then in the order of their instants (then of recording). */
static size_t
events_once(const struct petition_in *in, struct lc_event *ev, size_t max)
{
	size_t	 n = 0, i, j;

	for (i = 0; i < in->nevents && n < max; i++) {
		const struct event_in *e = &in->events[i];
		for (j = 0; j < n; j++)
			if (ev[j].at == e->at && strcmp(ev[j].type, e->type) == 0)
				break;
		if (j < n)
			continue;
		for (j = n; j > 0 && ev[j - 1].at > e->at; j--)
			ev[j] = ev[j - 1];
		ev[j] = (struct lc_event){ .type = e->type, .at = e->at, .due = e->due,
		    .reason = e->reason, .officer = e->officer };
		n++;
	}
	return n;
}

/* One measure row (without its petition id): the standard (or the
 * statutory period's row) with its result r (NULL: none). */
static void
measure_row(struct vals *x, const struct eng_measure *m, const char *origin,
    const struct eng_result *r, time_t now, const char *by)
{
	static const char *const st[] = { "pending", "met", "breached", "na" };
	char	 rings[16];
	int	 booked = r && r->status == ES_BREACHED;

	snprintf(rings, sizeof(rings), "%u", m->rings);
	vs(x, m->id);
	vs(x, m->from);
	vs(x, m->to);
	vs(x, m->target && m->target[0] ? m->target : NULL);
	vs(x, m->rings ? rings : NULL);
	vs(x, m->clock);
	vs(x, m->basis);
	vs(x, origin);
	vs(x, r ? st[r->status] : "pending");
	vi(x, r ? (long long)r->start : 0);
	vi(x, r ? (long long)r->due : 0);
	vi(x, r ? (long long)r->done : 0);
	if (booked)
		vi(x, (long long)r->late);
	else
		vs(x, NULL);
	vi(x, r ? r->paused != 0 : 0);
	vs(x, booked ? by : NULL);
	vi(x, booked ? (long long)now : 0);
}

static const struct eng_result *
result_of(const struct eng_eval *ev, const char *id)
{
	for (size_t i = 0; i < ev->n; i++)
		if (strcmp(ev->r[i].id, id) == 0)
			return &ev->r[i];
	return NULL;
}

/* Evaluates a new petition and queues its rows. */
static enum pstore_result
queue_new(struct pstore *p, const struct petition_in *in, const char *hash,
    int unchecked, char *why, size_t whylen)
{
	struct {
		struct estore_intake ei;
		struct eng_measure ms[ENGINE_MEASURES_MAX];
		const char	*origin[ENGINE_MEASURES_MAX];
		struct lc_event	 ev[ENGINE_EVENTS_MAX];
	} *w;
	const struct dept_standards *ds;
	const char *unit = in->statutory_unit, *from = "feed", *officer = NULL;
	const char *by = in->recorded_by ? in->recorded_by : in->source;
	char	 vbuf[16], bb[65];
	unsigned value = in->statutory_value;
	struct pend *q = NULL;
	size_t	 i, nm = 0, ne;
	int	 unknown;
	long long now_us = clock_now_us();
	time_t	 now = (time_t)(now_us / 1000000);
	enum pstore_result rc = PS_DBERR;

	if ((ds = dept_standards(p, in->city, in->dept, &unknown)) == NULL) {
		if (!unknown)
			return PS_DBERR;
		snprintf(why, whylen, "unknown department %s/%s: no charter", in->city, in->dept);
		return PS_INVALID;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL || (q = calloc(1, sizeof(*q))) == NULL)
		goto out;
	if (value == 0)
		from = standards_statutory(&ds->std, in->kind, in->channel, &value, &unit) ?
		    "charter" : NULL;
	for (i = 0; i < ds->std.n && nm < ENGINE_MEASURES_MAX; i++) {
		const struct standard *s = &ds->std.s[i];
		if (!standard_applies(s, in->kind, in->channel))
			continue;
		w->ms[nm] = (struct eng_measure){ s->id, s->from, s->to, s->target, s->rings,
		    s->clock, s->basis };
		w->origin[nm++] = s->origin;
	}
	for (i = 1; i < nm; i++) {	/* sorted by id, their origins with them */
		struct eng_measure m = w->ms[i];
		const char *o = w->origin[i];
		size_t	 j = i;
		for (; j > 0 && by_id(&w->ms[j - 1], &m) > 0; j--) {
			w->ms[j] = w->ms[j - 1];
			w->origin[j] = w->origin[j - 1];
		}
		w->ms[j] = m;
		w->origin[j] = o;
	}
	ne = events_once(in, w->ev, ENGINE_EVENTS_MAX);
	w->ei.pet = (struct eng_petition){ in->kind, in->channel, in->received_at,
	    from ? value : 0, from ? unit : NULL };
	w->ei.ms = w->ms;
	w->ei.nm = nm;
	w->ei.ev = w->ev;
	w->ei.ne = ne;
	w->ei.vid = ds->vid;
	w->ei.now = now;
	if (estore_intake(p->engine, &w->ei) == -1)
		goto out;
	for (i = 0; i < ne; i++)
		if (w->ev[i].officer)
			officer = w->ev[i].officer;
	snprintf(bb, sizeof(bb), "%s", by);
	if (!from && w->ei.evaluated && w->ei.stat_law) {
		from = "law";
		value = w->ei.stat_value;
		unit = w->ei.unit;
	}
	snprintf(vbuf, sizeof(vbuf), "%u", value);

	snprintf(q->source, sizeof(q->source), "%s", in->source);
	snprintf(q->external_id, sizeof(q->external_id), "%s",
	    in->external_id ? in->external_id : "");
	snprintf(q->city, sizeof(q->city), "%s", in->city);
	snprintf(q->dept, sizeof(q->dept), "%s", in->dept);
	q->received_at = in->received_at;
	q->year = petition_year_kst(in->received_at);
	q->entitled = w->ei.entitled;
	q->att = in->nattachments ? in : NULL;

	vs(&q->p, in->source);
	vs(&q->p, in->external_id);
	vs(&q->p, in->city);
	vs(&q->p, in->dept);
	vput(&q->p, 'u', NULL, (long long)ds->vid);
	vs(&q->p, in->kind);
	vs(&q->p, in->channel);
	vi(&q->p, (long long)in->received_at);
	vs(&q->p, from ? vbuf : NULL);
	vs(&q->p, from ? unit : NULL);
	vs(&q->p, from);
	vs(&q->p, in->title);
	vs(&q->p, in->body);
	vs(&q->p, in->protected_applicant ? "1" : "0");
	vs(&q->p, in->access_code_hash);
	vs(&q->p, hash);
	vi(&q->p, now_us);	/* created_at */
	vi(&q->p, now_us);	/* updated_at */
	if (w->ei.evaluated) {
		const struct eng_eval *ev = &w->ei.eval;
		const struct eng_result *st = engine_statutory(ev);
		vs(&q->p, lc_state_name(ev->lc.state));
		vi(&q->p, ev->lc.supplemented != 0);
		vi(&q->p, ev->lc.extended != 0);
		vi(&q->p, (long long)ev->lc.answered_at);
		vi(&q->p, (long long)ev->lc.closed_at);
		vi(&q->p, st ? (long long)st->due : 0);
		vi(&q->p, (long long)w->ei.next_due);
		vi(&q->p, w->ei.breached);
		vi(&q->p, (long long)now);
	} else {
		vs(&q->p, "received");
		for (i = 0; i < 8; i++)
			vi(&q->p, 0);
	}
	vs(&q->p, officer);
	vput(&q->p, 'u', NULL, (long long)in->feed_sequence);

	vs(&q->a, in->applicant.name);
	vs(&q->a, in->applicant.address);
	vs(&q->a, in->applicant.phone && *in->applicant.phone ? in->applicant.phone : NULL);
	vs(&q->a, in->applicant.email && *in->applicant.email ? in->applicant.email : NULL);
	vi(&q->a, in->applicant.sms_consent != 0);

	for (i = 0; i < nm; i++, q->nm++)
		measure_row(&q->m, &w->ms[i], w->origin[i], w->ei.evaluated ?
		    result_of(&w->ei.eval, w->ms[i].id) : NULL, now, bb);
	if (w->ei.evaluated) {	/* the statutory period's own row, when not a measure's */
		const struct eng_result *r = result_of(&w->ei.eval, ENGINE_STATUTORY_ID);
		char	 target[24];
		int	 days = strcmp(w->ei.unit, "days") == 0;
		snprintf(target, sizeof(target), days ? "P%uD" : "PT%uH", w->ei.stat_value);
		if (r) {
			struct eng_measure sm = { ENGINE_STATUTORY_ID, "received", "answered",
			    w->ei.stat_value ? target : NULL, 0,
			    days ? "working-days" : "working-hours", "statutory" };
			measure_row(&q->m, &sm, "law", r, now, bb);
			q->nm++;
		}
	}
	for (i = 0; i < ne; i++, q->ne++) {
		const struct lc_event *e = &w->ev[i];
		vs(&q->e, e->type);
		vi(&q->e, (long long)e->at);
		vs(&q->e, e->officer);
		vi(&q->e, (long long)e->due);
		vs(&q->e, e->reason);
		vs(&q->e, by);
		vi(&q->e, now_us);	/* recorded_at */
	}
	if (q->p.oom || q->a.oom || q->m.oom || q->e.oom)
		goto out;
	if (unchecked) {
		size_t	 size;
		if ((q->in = pin_dup(in, &size)) == NULL)
			goto out;
		snprintf(q->hash, sizeof(q->hash), "%s", hash);
		p->pend_bytes += size;
	}
	snprintf(p->by, sizeof(p->by), "%s", by);
	p->pend_bytes += strlen(in->title) + strlen(in->body) + 1024;
	p->pend[p->npend++] = q;
	q = NULL;
	rc = PS_NEW;
out:
	pend_free(q);
	free(w);
	return rc;
}

/* 1 when multi-row INSERTs give consecutive ids (asked once), 0, or -1. */
static int
consecutive_ids(struct pstore *p)
{
	struct db_res r;

	if (p->autoinc == 0) {
		if (db_query(p->db, &r, "SELECT @@innodb_autoinc_lock_mode", "") != 1) {
			db_res_free(&r);
			return -1;
		}
		p->autoinc = strcmp(db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : "2", "2") ? 1 : 2;
		db_res_free(&r);
	}
	return p->autoinc == 1;
}

/* Writes rows of ncols values: row r's first value is first[r] (a receipt
 * or a petition id), the others rest[r]; in statements of 64, 32, ... 1 rows
 * (only 1 when !multi). ids (petitions): gets each row's new id. */
static int
send_rows(struct db *d, const char *const sql[NSHAPES], size_t ncols,
    const struct db_param *first, const struct db_param *const *rest, size_t nrows,
    int multi, unsigned long long *ids)
{
	struct db_param *v;
	size_t	 done = 0, k, r, s;
	long long n;
	int	 rc = -1;

	if ((v = calloc((multi ? 64 : 1) * ncols, sizeof(*v))) == NULL)
		return -1;
	while (done < nrows) {
		for (s = NSHAPES - 1; s > 0 && (!multi || nrows - done < ((size_t)1 << s)); s--)
			;
		k = (size_t)1 << s;
		for (r = 0; r < k; r++) {
			v[r * ncols] = first[done + r];
			memcpy(&v[r * ncols + 1], rest[done + r], (ncols - 1) * sizeof(*v));
		}
		n = db_execv(d, sql[s], v, k * ncols);
		if (n < 0 || (n != (long long)k && sql != sql_e))	/* events: IGNORE */
			goto out;
		if (ids)
			for (r = 0; r < k; r++)
				ids[done + r] = db_last_id(d) + r;
		done += k;
	}
	rc = 0;
out:
	free(v);
	return rc;
}

/* Reserves n receipt numbers of a department's year: the first, or 0. */
static unsigned long long
reserve(struct db *d, int year, const char *city, const char *dept, size_t n)
{
	long long k = db_exec(d, "INSERT INTO receipt_counters (year, city, dept, last)"
	    " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
	    " last = LAST_INSERT_ID(last + VALUES(last))", "issu", (long long)year, city,
	    dept, (unsigned long long)n);

	if (k < 0)
		return 0;
	return k == 1 ? 1 : db_last_id(d) - n + 1;
}

static int
month_kst(time_t t)
{
	struct tm tm;

	t += 9 * 3600;
	gmtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* The child rows of every pending petition: table 'a', 'm' or 'e'. */
static int
send_children(struct pstore *p, char table, const unsigned long long *ids)
{
	const char *const *sql = table == 'a' ? sql_a : table == 'm' ? sql_m : sql_e;
	size_t	 ncols = table == 'a' ? A_COLS : table == 'm' ? M_COLS : E_COLS;
	struct db_param *first;
	const struct db_param **rest;
	size_t	 n = 0, i, r;
	int	 rc = -1;

	for (i = 0; i < p->npend; i++)
		n += table == 'a' ? 1 : table == 'm' ? p->pend[i]->nm : p->pend[i]->ne;
	if (n == 0)
		return 0;
	first = calloc(n, sizeof(*first));
	rest = calloc(n, sizeof(*rest));
	if (first && rest) {
		for (n = 0, i = 0; i < p->npend; i++) {
			struct pend *q = p->pend[i];
			struct vals *x = table == 'a' ? &q->a : table == 'm' ? &q->m : &q->e;
			size_t rows = table == 'a' ? 1 : table == 'm' ? q->nm : q->ne;
			for (r = 0; r < rows; r++, n++) {
				first[n] = (struct db_param){ 'u', NULL, 0, (long long)ids[i] };
				rest[n] = &x->v[r * (ncols - 1)];
			}
		}
		rc = send_rows(p->db, sql, ncols, first, rest, n, 1, NULL);
	}
	free(first);
	free(rest);
	return rc;
}

/* The deferred look-ups (pend.in): which of the queued items are known,
 * PROBE_N at a time (one source each). A known one is updated from its copy
 * as pstore_put_ctx would have, counted in moved_*, and leaves the queue. */
#define PROBE_N 64
static int
probe(struct pstore *p)
{
	static const char sql[] = "SELECT FIELD(external_id, " X64("?") "), id,"
	    " content_sha256, feed_sequence FROM petitions WHERE source = ? AND external_id IN ("
	    X64("?") ") FOR UPDATE";
	struct db_param v[2 * PROBE_N + 1];
	struct db_res res;
	size_t	 idx[PROBE_N], i, j, k, kept;
	long long rows, r;
	unsigned long f;
	enum pstore_result pr;

	for (i = 0; i < p->npend; i++) {
		const char *src = p->pend[i]->source;
		if (p->pend[i]->in == NULL)
			continue;
		for (k = 0, j = i; j < p->npend && k < PROBE_N; j++)
			if (p->pend[j]->in && strcmp(p->pend[j]->source, src) == 0)
				idx[k++] = j;
		for (j = 0; j < PROBE_N; j++) {	/* unused places: NULL, matching nothing */
			v[j] = (struct db_param){ 's', j < k ? p->pend[idx[j]]->external_id :
			    NULL, 0, 0 };
			v[PROBE_N + 1 + j] = v[j];
		}
		v[PROBE_N] = (struct db_param){ 's', src, 0, 0 };
		if ((rows = db_queryv(p->db, &res, sql, v, 2 * PROBE_N + 1)) < 0)
			return -1;
		for (r = 0; r < rows; r++) {
			struct pend *q;
			unsigned long long id;
			f = strtoul(db_cell(&res, (unsigned)r, 0), NULL, 10);
			if (f < 1 || f > k || (q = p->pend[idx[f - 1]])->in == NULL)
				continue;	/* (the unique key allows one row each) */
			id = strtoull(db_cell(&res, (unsigned)r, 1), NULL, 10);
			pr = update_known(p->db, q->in, id, db_cell(&res, (unsigned)r, 2),
			    db_cell(&res, (unsigned)r, 3), q->hash, 1);
			if (pr == PS_UPDATED && estore_reevaluate(p->engine, id, 1, clock_now(),
			    q->in->recorded_by ? q->in->recorded_by : q->in->source) == -1)
				pr = PS_DBERR;
			if (pr == PS_DBERR) {
				db_res_free(&res);
				return -1;
			}
			pr == PS_UPDATED ? p->moved_updated++ : p->moved_unchanged++;
			q->known = 1;	/* leaves the queue below */
			free(q->in);
			q->in = NULL;
		}
		db_res_free(&res);
		for (j = 0; j < k; j++) {	/* the others are new */
			free(p->pend[idx[j]]->in);
			p->pend[idx[j]]->in = NULL;
		}
	}
	for (i = kept = 0; i < p->npend; i++)
		if (p->pend[i]->known)
			pend_free(p->pend[i]);
		else
			p->pend[kept++] = p->pend[i];
	p->npend = kept;
	return 0;
}

void
pstore_moved(struct pstore *p, unsigned *updated, unsigned *unchanged)
{
	*updated = p->moved_updated;
	*unchanged = p->moved_unchanged;
	p->moved_updated = p->moved_unchanged = 0;
}

static int
flush_pending(struct pstore *p)
{
	struct db_param *first = NULL;
	const struct db_param **rest = NULL;
	unsigned long long *ids = NULL;
	size_t	 i, k, n;
	int	 rc = -1, multi;

	if (probe(p) == -1)
		return -1;
	if (p->npend == 0)
		return 0;
	/* receipt numbers: one reservation per department and year */
	for (i = 0; i < p->npend; i++) {
		struct pend *q = p->pend[i];
		unsigned long long seq;
		if (q->receipt[0])
			continue;
		for (n = 0, k = i; k < p->npend; k++)
			n += p->pend[k]->year == q->year && !strcmp(p->pend[k]->city, q->city) &&
			    !strcmp(p->pend[k]->dept, q->dept);
		if ((seq = reserve(p->db, q->year, q->city, q->dept, n)) == 0)
			goto out;
		for (k = i; k < p->npend; k++) {
			struct pend *o = p->pend[k];
			if (o->year == q->year && !strcmp(o->city, q->city) &&
			    !strcmp(o->dept, q->dept))
				petition_receipt(o->receipt, o->received_at, o->city, o->dept,
				    seq++);
		}
	}
	if ((multi = p->npend > 1 ? consecutive_ids(p) : 0) == -1)
		goto out;
	first = calloc(p->npend, sizeof(*first));
	rest = calloc(p->npend, sizeof(*rest));
	ids = calloc(p->npend, sizeof(*ids));
	if (!first || !rest || !ids)
		goto out;
	for (i = 0; i < p->npend; i++) {
		first[i] = (struct db_param){ 's', p->pend[i]->receipt, 0, 0 };
		rest[i] = p->pend[i]->p.v;
	}
	if (send_rows(p->db, sql_p, P_COLS, first, rest, p->npend, multi, ids) == -1 ||
	    send_children(p, 'a', ids) == -1 || send_children(p, 'm', ids) == -1 ||
	    send_children(p, 'e', ids) == -1)
		goto out;
	for (i = 0; i < p->npend; i++) {
		struct pend *q = p->pend[i];

		/* the open-data figures: each (city, dept, month) once */
		for (k = 0; k < i; k++)
			if (!strcmp(p->pend[k]->city, q->city) && !strcmp(p->pend[k]->dept, q->dept) &&
			    month_kst(p->pend[k]->received_at) == month_kst(q->received_at))
				break;
		if (k == i && stats_touch(p->db, q->city, q->dept, q->received_at) == -1)
			goto out;
		if ((q->att && store_attachments(p->db, ids[i], q->att) == -1) ||
		    (q->entitled && estore_reevaluate(p->engine, ids[i], 1, clock_now(),
		    p->by) == -1))
			goto out;
	}
	rc = 0;
out:
	free(first);
	free(rest);
	free(ids);
	return rc;
}

int
pstore_flush(struct pstore *p, char *why, size_t whylen)
{
	int	 rc = 0;

	if (p->npend && (rc = flush_pending(p)) == -1)
		snprintf(why, whylen, "database error: %s", db_error(p->db));
	pstore_discard(p);
	return rc;
}

/* 1 if in's look-up can wait for the flush (probe): a feed item in a batch,
 * without attachments (those are stored at once). */
static int
defer(const struct pstore *p, const struct petition_in *in)
{
	return in->external_id && p->engine && p->batch && in->nattachments == 0 &&
	    in->nevents <= ENGINE_EVENTS_MAX;
}

/* 1 if source + external id is waiting in the batch. */
static int
pending(const struct pstore *p, const struct petition_in *in)
{
	for (size_t i = 0; i < p->npend; i++)
		if (!strcmp(p->pend[i]->external_id, in->external_id) &&
		    !strcmp(p->pend[i]->source, in->source))
			return 1;
	return 0;
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
	int	 deferred = 0;

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
	if (in->external_id && p->npend && pending(p, in) &&
	    pstore_flush(p, why, whylen) == -1)
		n = -1;
	else if (defer(p, in) && (r = queue_new(p, in, hash, 1, why, whylen)) != PS_INVALID)
		deferred = 1;	/* (an invalid one is looked up: a known one is updated) */
	else if (in->external_id)
		n = db_query(d, &row, "SELECT id, receipt_no, content_sha256, feed_sequence"
		    " FROM petitions WHERE source = ? AND external_id = ? FOR UPDATE", "ss",
		    in->source,
		    in->external_id);
	if (deferred) {
		if (r == PS_NEW && (p->npend >= p->batch || p->pend_bytes >= PEND_BYTES) &&
		    pstore_flush(p, why, whylen) == -1)
			r = PS_DBERR;
	} else if (n < 0)
		r = PS_DBERR;
	else if (n > 0) {
		snprintf(receipt, RECEIPT_MAX, "%s", db_cell(&row, 0, 1));
		id = strtoull(db_cell(&row, 0, 0), NULL, 10);
		r = update_known(d, in, id, db_cell(&row, 0, 2), db_cell(&row, 0, 3), hash,
		    p->engine != NULL);
	} else if (p->engine) {
		/* evaluated before it is stored: no re-evaluation below */
		if ((r = queue_new(p, in, hash, 0, why, whylen)) == PS_NEW && p->batch == 0) {
			if (flush_pending(p) == 0)
				snprintf(receipt, RECEIPT_MAX, "%s", p->pend[p->npend - 1]->receipt);
			else
				r = PS_DBERR;
			pstore_discard(p);
		} else if (r == PS_NEW && (in->nattachments || p->npend >= p->batch ||
		    p->pend_bytes >= PEND_BYTES) &&
		    pstore_flush(p, why, whylen) == -1)
			r = PS_DBERR;
	} else
		r = insert_new(p, in, hash, receipt, &id, why, whylen);
	db_res_free(&row);
	/* every petition has its results and next_due from intake on */
	if (r == PS_UPDATED && p->engine &&
	    estore_reevaluate(p->engine, id, 1, clock_now(),
	    in->recorded_by ? in->recorded_by : in->source) == -1)
		r = PS_DBERR;
	if (r == PS_DBERR)
		snprintf(why, whylen, "database error: %s", db_error(d));
	if (!in_tx) {
		if (r == PS_DBERR || r == PS_INVALID) {
			db_rollback(d);
			pstore_discard(p);
		}
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
