/* feed: the G4C-style petition feed (../shared/spec/g4c-feed.md, schema/g4c-feed.xsd)
 * read from a seekable file in two streaming passes with libxml2's reader: the
 * first proves the whole feed well-formed and of this format (nothing is
 * delivered from a feed that is not), the second hands over one petition at a
 * time as a struct petition_in, validated against the XSD's <petition>.
 * Memory stays bounded whatever the feed's size.
 * No database: the store is behind the callback. */
#ifndef CHARTER_FEED_H
#define CHARTER_FEED_H
#include <stdio.h>
#include <time.h>
#include <libxml/xmlschemas.h>
#include "../store/petition_store.h"

#define FEED_NS		"urn:x-g4c:petition-feed:1"
#define FEED_REJECT_MAX	1000	/* rejected items listed; the rest only counted */
#define FEED_EVENTS_MAX	200	/* events of one item */

struct feed_head {
	char			 source[65];
	time_t			 generated;
	unsigned long long	 sequence;
	unsigned long long	 items;		/* counted by feed_check */
};

struct feed_reject {
	char	 receipt[RECEIPT_MAX];	/* "" when the item had none */
	char	 reason[300];
};

struct feed_result {
	struct feed_head	 head;
	/* what was stored (committed), and rejected; when the store failed,
	 * how many items counted before it were rolled back with their batch */
	unsigned long long	 n_new, n_updated, n_unchanged, n_rejected;
	unsigned long long	 n_rolled_back;
	struct feed_reject	*rej;		/* the first FEED_REJECT_MAX */
	size_t			 nrej, caprej;
	/* When the whole feed is refused: why, and where (line 0: unknown). */
	char			 error[300];
	long			 line;
};

struct feed_limits {
	size_t	 max_bytes;	/* of the whole feed */
	unsigned max_depth;	/* element nesting */
	xmlSchemaPtr schema;	/* schema/g4c-feed.xsd: each <petition> is
				 * validated against it (NULL: C checks only) */
	time_t	 now;		/* the import's now, and how many seconds ahead */
	long	 ahead;		/* of it an instant may be (future_tolerance):
				 * the feed's and its items' instants are
				 * checked with instant_check */
};

/* Called for each valid item; returns PS_NEW/UPDATED/UNCHANGED, PS_INVALID
 * with why (the item is rejected alone) or PS_DBERR (the import stops). */
typedef enum pstore_result (*feed_item_fn)(void *arg, const struct petition_in *,
		    char *why, size_t whylen);

/* Pass 1: reads f to its end; 0 with head filled, or -1 with res->error and
 * res->line (not well-formed, a DOCTYPE, too large or deep, not this format,
 * generated out of range). */
int	 feed_check(FILE *f, const struct feed_limits *, struct feed_head *head,
	    struct feed_result *res);
/* Pass 2 over a feed feed_check accepted (f rewound here): each item is
 * checked alone and given to fn, or counted as rejected with its receipt
 * number and reason. 0, or -1 when fn answered PS_DBERR (res->error says). */
int	 feed_items(FILE *f, const struct feed_limits *, const struct feed_head *,
	    const char *recorded_by, feed_item_fn fn, void *arg, struct feed_result *res);
/* Adds one rejected item to res (listed while under FEED_REJECT_MAX). */
void	 feed_reject(struct feed_result *res, const char *receipt, const char *reason);
void	 feed_result_free(struct feed_result *);

#endif
