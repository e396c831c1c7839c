/* petition_admin: staff reads of a petition (personal data included). */
#include <stdio.h>
#include <string.h>
#include "db.h"
#include "petition_admin.h"
#include "../util/buf.h"

int
padmin_petition(struct db *d, const char *receipt, struct db_res *r)
{
	long long n = db_query(d, r, "SELECT p.id, p.receipt_no, p.source, p.external_id,"
	    " p.city, p.dept, v.version_no, p.kind, p.channel, UNIX_TIMESTAMP(p.received_at),"
	    " p.statutory_value, p.statutory_unit, p.statutory_from, p.state, p.title, p.body,"
	    " p.protected, p.officer_name, p.officer_unit, p.officer_phone,"
	    " a.name, a.address, a.phone, a.email, a.sms_consent,"
	    " p.supplemented, p.extended, UNIX_TIMESTAMP(p.statutory_due),"
	    " UNIX_TIMESTAMP(p.next_due), p.breached, UNIX_TIMESTAMP(p.answered_at),"
	    " UNIX_TIMESTAMP(p.closed_at)"
	    " FROM petitions p JOIN charter_versions v ON v.id = p.charter_version_id"
	    " LEFT JOIN petition_applicants a ON a.petition_id = p.id"
	    " WHERE p.receipt_no = ?", "s", receipt);

	return n < 0 ? -1 : n > 0;
}

int
padmin_events(struct db *d, unsigned long long id, struct db_res *r)
{
	return db_query(d, r, "SELECT type, UNIX_TIMESTAMP(at), officer, UNIX_TIMESTAMP(due),"
	    " reason, recorded_by, UNIX_TIMESTAMP(recorded_at), upheld, consent, note"
	    " FROM petition_events WHERE petition_id = ?"
	    " ORDER BY at, id", "u", id) < 0 ? -1 : 0;
}

int
padmin_measures(struct db *d, unsigned long long id, struct db_res *r)
{
	return db_query(d, r, "SELECT standard_id, from_event, to_event, target, rings,"
	    " clock, basis, origin, status, UNIX_TIMESTAMP(due), UNIX_TIMESTAMP(done_at),"
	    " late_seconds, paused, UNIX_TIMESTAMP(started_at),"
	    " UNIX_TIMESTAMP(breach_booked_at), booked_by"
	    " FROM petition_measures WHERE petition_id = ?"
	    " ORDER BY basis DESC, standard_id", "u", id) < 0 ? -1 : 0;
}

int
padmin_compensation(struct db *d, unsigned long long id, struct db_res *r)
{
	return db_query(d, r, "SELECT c.id, c.rule_id, c.rule_origin, c.trigger_name,"
	    " c.standard_id, c.amount, c.currency, c.form, c.state,"
	    " UNIX_TIMESTAMP(c.arose_at), UNIX_TIMESTAMP(c.booked_at), c.booked_by,"
	    " UNIX_TIMESTAMP(c.notified_at), UNIX_TIMESTAMP(c.paid_at), v.version_no"
	    " FROM compensation c JOIN charter_versions v ON v.id = c.charter_version_id"
	    " WHERE c.petition_id = ? ORDER BY c.arose_at, c.id", "u", id) < 0 ? -1 : 0;
}

int
padmin_attachments(struct db *d, unsigned long long id, struct db_res *r)
{
	return db_query(d, r, "SELECT ROW_NUMBER() OVER (ORDER BY id), filename, media_type,"
	    " bytes, sha256 FROM petition_attachments WHERE petition_id = ? ORDER BY id",
	    "u", id) < 0 ? -1 : 0;
}

int
padmin_attachment(struct db *d, unsigned long long id, unsigned n, struct buf *out,
    char *type, size_t typelen, char *name, size_t namelen)
{
	struct db_res r;
	long long rows;

	rows = db_query(d, &r, "SELECT media_type, filename, data FROM petition_attachments"
	    " WHERE petition_id = ? ORDER BY id LIMIT 1 OFFSET ?", "uu", id,
	    (unsigned long long)(n - 1));
	if (rows < 0)
		return -1;
	if (rows > 0) {
		snprintf(type, typelen, "%s", db_cell(&r, 0, 0));
		snprintf(name, namelen, "%s", db_cell(&r, 0, 1));
		if (buf_append(out, r.cell[2], r.len[2]) == -1)
			rows = -1;
	}
	db_res_free(&r);
	return rows < 0 ? -1 : rows > 0;
}
