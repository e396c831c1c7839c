/* petition_admin: the whole petition for staff — its facts, the applicant
 * (a protected applicant only for the auditor role), events, the standards
 * that apply with their results, attachments, the compensation booked. */
#ifndef CHARTER_PETITION_ADMIN_H
#define CHARTER_PETITION_ADMIN_H
#include <stddef.h>

struct db;
struct db_res;
struct buf;

/* Columns of padmin_petition's row, in order. */
enum padmin_col {
	PA_ID, PA_RECEIPT, PA_SOURCE, PA_EXTERNAL, PA_CITY, PA_DEPT, PA_VERSION_NO,
	PA_KIND, PA_CHANNEL, PA_RECEIVED, PA_STAT_VALUE, PA_STAT_UNIT, PA_STAT_FROM,
	PA_STATE, PA_TITLE, PA_BODY, PA_PROTECTED, PA_OFFICER, PA_OFFICER_UNIT,
	PA_OFFICER_PHONE, PA_NAME, PA_ADDRESS, PA_PHONE, PA_EMAIL, PA_SMS,
	PA_SUPPLEMENTED, PA_EXTENDED, PA_STAT_DUE, PA_NEXT_DUE, PA_BREACHED,
	PA_ANSWERED, PA_CLOSED, PA__MAX
};

/* Columns of padmin_measures' rows. */
enum padmin_mcol {
	PM_ID, PM_FROM, PM_TO, PM_TARGET, PM_RINGS, PM_CLOCK, PM_BASIS, PM_ORIGIN,
	PM_STATUS, PM_DUE, PM_DONE, PM_LATE, PM_PAUSED, PM_STARTED, PM_BOOKED,
	PM_BOOKED_BY, PM__MAX
};

/* The petition with its applicant: 1 found, 0 not, -1 error. */
int	 padmin_petition(struct db *, const char *receipt, struct db_res *);
/* type, at (epoch), officer, due (epoch or NULL), reason, recorded_by,
 * recorded_at (epoch), upheld, consent, note */
int	 padmin_events(struct db *, unsigned long long id, struct db_res *);
/* enum padmin_mcol; times as epoch seconds */
int	 padmin_measures(struct db *, unsigned long long id, struct db_res *);
/* The compensation booked for the petition: id, rule_id, rule_origin,
 * trigger_name, standard_id, amount, currency, form, state, arose_at,
 * booked_at, booked_by, notified_at, paid_at (epochs), charter version no. */
int	 padmin_compensation(struct db *, unsigned long long id, struct db_res *);
/* n (1-based), filename, media_type, bytes, sha256 */
int	 padmin_attachments(struct db *, unsigned long long id, struct db_res *);
/* The n-th attachment's bytes into out, its type and name: 1, 0, -1. */
int	 padmin_attachment(struct db *, unsigned long long id, unsigned n,
	    struct buf *out, char *type, size_t typelen, char *name, size_t namelen);

#endif
