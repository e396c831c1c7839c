/* page_cache: a worker's rendered pages, keyed by path, each with the ETag
 * it was rendered for. A stale ETag simply misses. */
#ifndef CHARTER_PAGE_CACHE_H
#define CHARTER_PAGE_CACHE_H
#include <stddef.h>
#include <time.h>

struct page_cache;

struct cached_page {
	char	*key, *etag, *body;
	size_t	 len;
	time_t	 lastmod;
	unsigned long long used;
};

struct page_cache *pcache_new(size_t max_entries);
void	 pcache_free(struct page_cache *);
/* The entry for key if its ETag is etag, else NULL. */
const struct cached_page *pcache_get(struct page_cache *, const char *key,
	    const char *etag);
/* Stores a copy (replacing the least recently used entry when full). */
int	 pcache_put(struct page_cache *, const char *key, const char *etag,
	    const char *body, size_t len, time_t lastmod);

#endif
