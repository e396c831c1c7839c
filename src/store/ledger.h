/* ledger: the compensation ledger — entitlements booked once per petition
 * and key (UNIQUE (petition_id, entitlement_key), INSERT IGNORE, so two
 * sweeps or a sweep and an event never book one twice), their state moving
 * owed → notified → paid with a log of who moved it — and the rules in force
 * for a charter version, cached per process (a version never changes). */
#ifndef CHARTER_LEDGER_H
#define CHARTER_LEDGER_H
#include <stddef.h>
#include <time.h>
#include "../domain/rules.h"

struct db;

struct ledger_entry {
	unsigned long long petition_id, charter_version_id;
	const char	*key;		/* eng_entitlement.key */
	const char	*rule_id, *rule_origin, *trigger;
	const char	*standard_id;	/* the breached measure; NULL for event triggers */
	long		 amount;
	const char	*currency, *form;
	time_t		 arose_at;
};

/* Books the entries (multi-row INSERT IGNORE in batches of fixed size,
 * prepared), inside the caller's transaction if one is open. Returns how
 * many were new, or -1. */
long long ledger_book(struct db *, const struct ledger_entry *, size_t n,
	    const char *booked_by, time_t now);

/* Moves entry id to "notified" or "paid" (owed → notified → paid; paid
 * directly from owed is allowed, backwards never). 0; 1 when the move is
 * not allowed (why says why); 2 when there is no such entry; -1. */
int	 ledger_advance(struct db *, unsigned long long id, const char *to,
	    const char *by, const char *note, time_t now, char *why, size_t whylen);

/* The rules in force for charter version vid: the version's own charter
 * and its ancestors (current versions). */
struct rules_cache;
struct rules_cache *rules_cache_new(struct db *);
void	 rules_cache_free(struct rules_cache *);
/* The rules for vid (owned by the cache, valid until it is freed), or NULL
 * when the version or its chain cannot be read. */
const struct rules *rules_cache_get(struct rules_cache *, unsigned long long vid);

#endif
