/* app: a worker's own resources, the route table and the dispatcher. */
#ifndef CHARTER_APP_H
#define CHARTER_APP_H
#include <libxml/xmlschemas.h>
#include "../store/charter_store.h"
#include "../domain/calendar.h"

struct conf;
struct db;
struct render;
struct page_cache;
struct pstore;
struct rules_cache;
struct estore;

/* Everything a worker owns; created after fork, passed explicitly. */
struct worker {
	const struct conf	*conf;
	struct db		*db;
	struct render		*render;
	xmlSchemaPtr		 charter_xsd;
	xmlSchemaPtr		 feed_xsd;	/* schema/g4c-feed.xsd */
	struct catalog		 cat;		/* current charters */
	long long		 cat_at;	/* when loaded (monotonic ms), 0: never */
	struct page_cache	*cache;		/* rendered pages */
	struct pstore		*pstore;	/* intake, with standards cached */
	struct calendar		 cal;		/* the working calendar (conf holidays, working_hours) */
	long long		 cal_mtime;	/* the holidays file's mtime (ns) when loaded */
	long long		 cal_checked;	/* when it was last stat'ed (monotonic ms) */
	struct rules_cache	*rules;		/* compensation rules per charter version */
	struct estore		*estore;	/* the engine on stored petitions */
	char			 stamp[24];	/* of the stylesheets, for ETags */
	unsigned long		 seq;
};

/* The worker's main loop on the listening socket fd (server_run's serve). */
void	 app_serve(int fd, void *conf);
/* Refreshes the catalogue when older than cache_ttl_ms; 0 or -1. */
int	 app_catalog(struct worker *);
/* Re-reads the holidays file when its mtime changed (stat at most once a
 * second); on a parse error the old calendar stays and the error is logged. */
void	 app_calendar(struct worker *);

#endif
