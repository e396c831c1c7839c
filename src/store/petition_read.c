/* petition_read: the status page's queries. Times come back as epoch
 * seconds computed in SQL (sessions run in UTC, see db.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "petition_read.h"
#include "db.h"
#include "../util/clock.h"

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int
fill(struct petition_view *v, const struct db_res *res)
{
	const char *s;

	v->id = strtoull(db_cell(res, 0, 0), NULL, 10);
	copy(v->receipt, sizeof(v->receipt), db_cell(res, 0, 1));
	copy(v->city, sizeof(v->city), db_cell(res, 0, 2));
	copy(v->dept, sizeof(v->dept), db_cell(res, 0, 3));
	copy(v->kind, sizeof(v->kind), db_cell(res, 0, 4));
	copy(v->channel, sizeof(v->channel), db_cell(res, 0, 5));
	copy(v->state, sizeof(v->state), db_cell(res, 0, 6));
	v->received = (time_t)strtoll(db_cell(res, 0, 7), NULL, 10);
	v->statutory_value = (s = db_cell(res, 0, 8)) ? (unsigned)strtoul(s, NULL, 10) : 0;
	copy(v->statutory_unit, sizeof(v->statutory_unit), db_cell(res, 0, 9));
	copy(v->statutory_from, sizeof(v->statutory_from), db_cell(res, 0, 10));
	v->title = strdup(db_cell(res, 0, 11) ? db_cell(res, 0, 11) : "");
	v->body = strdup(db_cell(res, 0, 12) ? db_cell(res, 0, 12) : "");
	v->has_officer = db_cell(res, 0, 13) != NULL;
	copy(v->officer_name, sizeof(v->officer_name), db_cell(res, 0, 13));
	copy(v->officer_unit, sizeof(v->officer_unit), db_cell(res, 0, 14));
	copy(v->officer_phone, sizeof(v->officer_phone), db_cell(res, 0, 15));
	v->version_no = (unsigned)strtoul(db_cell(res, 0, 16), NULL, 10);
	copy(v->version_label, sizeof(v->version_label), db_cell(res, 0, 17));
	copy(v->city_name, sizeof(v->city_name), db_cell(res, 0, 18));
	copy(v->dept_name, sizeof(v->dept_name), db_cell(res, 0, 19));
	v->statutory_due = (time_t)strtoll((s = db_cell(res, 0, 21)) ? s : "0", NULL, 10);
	v->next_due = (time_t)strtoll((s = db_cell(res, 0, 22)) ? s : "0", NULL, 10);
	v->supplemented = (s = db_cell(res, 0, 23)) && strcmp(s, "1") == 0;
	v->extended = (s = db_cell(res, 0, 24)) && strcmp(s, "1") == 0;
	v->breached = (s = db_cell(res, 0, 25)) && strcmp(s, "1") == 0;
	return v->title && v->body ? 0 : -1;
}

int
pread_find(struct db *db, const char *receipt, const char *code_hash,
    struct petition_view *v)
{
	struct db_res res = { 0 };
	const char *h;
	long long n;
	int	 rc = 0;

	memset(v, 0, sizeof(*v));
	n = db_query(db, &res, "SELECT p.id, p.receipt_no, p.city, p.dept, p.kind,"
	    " p.channel, p.state, TIMESTAMPDIFF(SECOND, '1970-01-01', p.received_at),"
	    " p.statutory_value, p.statutory_unit, p.statutory_from, p.title, p.body,"
	    " p.officer_name, p.officer_unit, p.officer_phone, v.version_no, v.label,"
	    " v.city_name, v.dept_name, p.access_code_hash,"
	    " TIMESTAMPDIFF(SECOND, '1970-01-01', p.statutory_due),"
	    " TIMESTAMPDIFF(SECOND, '1970-01-01', p.next_due),"
	    " p.supplemented, p.extended, p.breached"
	    " FROM petitions p JOIN charter_versions v ON v.id = p.charter_version_id"
	    " WHERE p.receipt_no = ?", "s", receipt);
	if (n < 0) {
		db_res_free(&res);
		return -1;
	}
	/* Feed items have no access code: they are never shown here. */
	if (n == 1 && code_hash != NULL && (h = db_cell(&res, 0, 20)) != NULL &&
	    strlen(h) == 64 && CRYPTO_memcmp(h, code_hash, 64) == 0)
		rc = fill(v, &res) == 0 ? 1 : -1;
	db_res_free(&res);
	return rc;
}

void
pread_free(struct petition_view *v)
{
	free(v->title);
	free(v->body);
	v->title = v->body = NULL;
}

long long
pread_events(struct db *db, unsigned long long id, struct db_res *res)
{
	return db_query(db, res, "SELECT type, TIMESTAMPDIFF(SECOND, '1970-01-01', at),"
	    " officer, TIMESTAMPDIFF(SECOND, '1970-01-01', due), reason"
	    " FROM petition_events WHERE petition_id = ? ORDER BY at, id", "u", id);
}

long long
pread_measures(struct db *db, unsigned long long id, struct db_res *res)
{
	return db_query(db, res, "SELECT standard_id, from_event, to_event, target,"
	    " rings, clock, basis, origin, status,"
	    " TIMESTAMPDIFF(SECOND, '1970-01-01', due),"
	    " TIMESTAMPDIFF(SECOND, '1970-01-01', done_at), late_seconds, paused"
	    " FROM petition_measures WHERE petition_id = ?"
	    " ORDER BY basis DESC, standard_id", "u", id);
}

int
pread_throttled(struct db *db, const char *client, long *retry_after)
{
	struct db_res res = { 0 };
	long long n, count;
	long	 age;
	long long now = clock_now_us();

	n = db_query(db, &res, "SELECT COUNT(*), TIMESTAMPDIFF(SECOND, MIN(at),"
	    " " DB_US ") FROM access_failures WHERE client = ?"
	    " AND at > " DB_US " - INTERVAL ? SECOND", "isii", now, client, now,
	    (long long)PREAD_FAIL_WINDOW);
	if (n != 1) {
		db_res_free(&res);
		return -1;
	}
	count = strtoll(db_cell(&res, 0, 0), NULL, 10);
	age = db_cell(&res, 0, 1) ? strtol(db_cell(&res, 0, 1), NULL, 10) : 0;
	db_res_free(&res);
	if (count < PREAD_FAIL_MAX)
		return 0;
	*retry_after = PREAD_FAIL_WINDOW - age > 0 ? PREAD_FAIL_WINDOW - age : 1;
	return 1;
}

int
pread_failed(struct db *db, const char *client)
{
	long long now = clock_now_us();

	if (db_exec(db, "DELETE FROM access_failures WHERE client = ?"
	    " AND at < " DB_US " - INTERVAL ? SECOND", "sii", client, now,
	    (long long)PREAD_FAIL_WINDOW) < 0)
		return -1;
	return db_exec(db, "INSERT INTO access_failures (client, at)"
	    " VALUES (?, " DB_US ")", "si", client, now) == 1 ? 0 : -1;
}
