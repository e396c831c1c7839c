/* petition_store: writing petitions — board posts and feed items — with the
 * charter version in force and the standards that apply, in one transaction.
 * Personal data goes to petition_applicants, apart from the public facts. */
#ifndef CHARTER_PETITION_STORE_H
#define CHARTER_PETITION_STORE_H
#include <stddef.h>
#include <time.h>
#include "../domain/petition.h"

struct db;

struct applicant_in {
	const char	*name, *address;	/* required: no anonymous petitions */
	const char	*phone, *email;		/* NULL when not given */
	int		 sms_consent;
};

struct event_in {
	const char	*type;		/* petition_event_valid() */
	time_t		 at;		/* UTC */
	const char	*officer;	/* NULL when not given */
	time_t		 due;		/* extended: the new due instant; else 0 */
	const char	*reason;	/* NULL when not given */
};

struct attachment_in {
	const char	*filename;	/* as sent, already validated */
	const char	*media_type;	/* from the content, not from the client */
	const void	*data;
	size_t		 len;
};

struct petition_in {
	const char	*source;	/* "board", or the feed's source id */
	const char	*external_id;	/* the feed's receipt-no; NULL for the board */
	const char	*city, *dept;
	const char	*kind, *channel;
	time_t		 received_at;	/* UTC */
	unsigned	 statutory_value;	/* 0: the kind's default from the charter */
	const char	*statutory_unit;	/* "hours" or "days" when value > 0 */
	const char	*title, *body;
	int		 protected_applicant;	/* corruption reports: auditor only */
	struct applicant_in applicant;
	const struct event_in *events;
	size_t		 nevents;
	const struct attachment_in *attachments;
	size_t		 nattachments;
	const char	*access_code_hash;	/* board: SHA-256 hex; NULL for feeds */
	const char	*recorded_by;	/* "board", "feed:g4c", "token:12" */
	unsigned long long feed_sequence;	/* the feed's sequence; 0: not a feed */
};

enum pstore_result {
	PS_NEW,		/* stored as a new petition */
	PS_UPDATED,	/* a known (source, external id): fields or events changed */
	PS_UNCHANGED,	/* a known one, nothing new */
	PS_INVALID,	/* refused (why says what: unknown department, ...) */
	PS_DBERR	/* the database failed; nothing stored */
};

/* Stores one petition (or, for a known source + external id, updates it and
 * appends the events not seen before), in its own transaction unless the
 * caller holds one (in_tx). receipt gets the receipt number. */
enum pstore_result pstore_put(struct db *, const struct petition_in *, int in_tx,
		    char receipt[RECEIPT_MAX], char *why, size_t whylen);

/* For many petitions in a row (a feed): a context that keeps each
 * department's standards in force once loaded. */
struct pstore;
struct catalog;
struct pstore	*pstore_new(struct db *);
/* Makes the context look departments up in cat (a worker's catalogue)
 * instead of loading its own once. */
void		 pstore_set_catalog(struct pstore *, const struct catalog *);
/* Makes the context evaluate every petition it stores new or updated:
 * results and next_due from intake on (a new one evaluated in memory with
 * estore_intake and written once with its results; an updated one with
 * estore_reevaluate in the same transaction). Without it (NULL), nothing
 * is evaluated. */
struct estore;
void		 pstore_set_engine(struct pstore *, struct estore *);
void		 pstore_free(struct pstore *);
enum pstore_result pstore_put_ctx(struct pstore *, const struct petition_in *,
		    int in_tx, char receipt[RECEIPT_MAX], char *why, size_t whylen);

/* Defers the rows of new petitions (with an engine set) up to max of them:
 * pstore_put_ctx answers PS_NEW with an empty receipt, and the rows are
 * written in multi-row INSERTs by the next pstore_flush (or when max are
 * waiting, or before a petition of the same source and external id is
 * looked at) — call it before the commit. 0: written at once (the default).
 * A feed item's look-up by source and external id is deferred too, and made
 * for many at once by the flush: an item answered PS_NEW may then turn out
 * known, and is updated instead (see pstore_moved). */
void		 pstore_set_batch(struct pstore *, unsigned max);
/* Writes the deferred petitions in the caller's transaction: 0, or -1 with
 * why (the transaction must then be rolled back). */
int		 pstore_flush(struct pstore *, char *why, size_t whylen);
/* How many items answered PS_NEW turned out known at the flushes since the
 * last call, and were updated (or left unchanged) instead; resets them. */
void		 pstore_moved(struct pstore *, unsigned *updated, unsigned *unchanged);
/* Forgets the deferred petitions (after a rollback). */
void		 pstore_discard(struct pstore *);

#endif
