/* app: a worker's own resources, the route table and the dispatcher. */
#ifndef CHARTER_APP_H
#define CHARTER_APP_H
#include <libxml/xmlschemas.h>
#include "../store/charter_store.h"

struct conf;
struct db;
struct render;
struct page_cache;
struct pstore;

/* Everything a worker owns; created after fork, passed explicitly. */
struct worker {
	const struct conf	*conf;
	struct db		*db;
	struct render		*render;
	xmlSchemaPtr		 charter_xsd;
	struct catalog		 cat;		/* current charters */
	long long		 cat_at;	/* when loaded (monotonic ms), 0: never */
	struct page_cache	*cache;		/* rendered pages */
	struct pstore		*pstore;	/* intake, with standards cached */
	char			 stamp[24];	/* of the stylesheets, for ETags */
	unsigned long		 seq;
};

/* The worker's main loop on the listening socket fd (server_run's serve). */
void	 app_serve(int fd, void *conf);
/* Refreshes the catalogue when older than cache_ttl_ms; 0 or -1. */
int	 app_catalog(struct worker *);

#endif
