/* feed_store: importing a G4C feed into the database (batches of items in
 * transactions, after the whole feed was proven well-formed), the
 * feed_sources rows (ETag, Last-Modified, last sequence, last error) and the
 * cross-host lock that keeps two imports of one source apart. */
#ifndef CHARTER_FEED_STORE_H
#define CHARTER_FEED_STORE_H
#include <stdio.h>
#include "../domain/feed.h"

struct db;

struct feed_source {
	char			 etag[257];
	char			 last_modified[65];
	unsigned long long	 last_sequence;	/* 0: none yet */
	int			 known;
};

enum fstore_import {
	FI_OK,		/* items stored; counts and rejections in res */
	FI_REFUSED,	/* the feed as a whole (res->error, res->line); nothing stored */
	FI_BUSY,	/* another import of the same source is running */
	FI_DBERR	/* the database failed (res->error); earlier batches stay */
};

/* GET_LOCK('charter.feed.NAME', 0): 1 held, 0 busy, -1 error. Session-scoped:
 * released by fstore_unlock or when the connection ends. */
int	 fstore_lock(struct db *, const char *name);
void	 fstore_unlock(struct db *, const char *name);
/* 0 (src->known says whether a row exists) or -1. */
int	 fstore_get(struct db *, const char *name, struct feed_source *src);
/* Records a pull's outcome: on success (error NULL) the new validators and
 * the highest sequence seen; on failure only the error. 0 or -1. */
int	 fstore_pulled(struct db *, const char *name, const char *url, const char *etag,
	    const char *last_modified, unsigned long long sequence, const char *error);
/* Reads f (seekable) as a feed and stores its items, under the source's lock.
 * When expect_source is given, a feed naming another source is refused.
 * recorded_by goes on every event ("feed:g4c", "token:12"). */
enum fstore_import feed_import(struct db *, FILE *f, const struct feed_limits *,
	    const char *expect_source, const char *recorded_by, struct feed_result *res);
/* The same, evaluating every item stored new or updated with the engine
 * (pstore_set_engine); es NULL: not evaluated. */
struct estore;
enum fstore_import feed_import_engine(struct db *, FILE *f, const struct feed_limits *,
	    const char *expect_source, const char *recorded_by, struct estore *es,
	    struct feed_result *res);

#endif
