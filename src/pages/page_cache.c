/* page_cache: small LRU of rendered pages (a city has tens of charters). */
#include <stdlib.h>
#include <string.h>
#include "page_cache.h"

struct page_cache {
	struct cached_page *e;
	size_t	 n, max;
	unsigned long long clock;
};

struct page_cache *
pcache_new(size_t max)
{
	struct page_cache *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->e = calloc(max, sizeof(*c->e))) == NULL) {
		free(c);
		return NULL;
	}
	c->max = max;
	return c;
}

static void
drop(struct cached_page *p)
{
	free(p->key);
	free(p->etag);
	free(p->body);
	memset(p, 0, sizeof(*p));
}

void
pcache_free(struct page_cache *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		drop(&c->e[i]);
	free(c->e);
	free(c);
}

const struct cached_page *
pcache_get(struct page_cache *c, const char *key, const char *etag)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].key && !strcmp(c->e[i].key, key)) {
			if (strcmp(c->e[i].etag, etag) != 0)
				return NULL;
			c->e[i].used = ++c->clock;
			return &c->e[i];
		}
	return NULL;
}

int
pcache_put(struct page_cache *c, const char *key, const char *etag,
    const char *body, size_t len, time_t lastmod)
{
	struct cached_page *slot = NULL;
	size_t	 i;

	for (i = 0; i < c->n && slot == NULL; i++)
		if (c->e[i].key && !strcmp(c->e[i].key, key))
			slot = &c->e[i];
	if (slot == NULL && c->n < c->max)
		slot = &c->e[c->n++];
	if (slot == NULL) {
		slot = &c->e[0];
		for (i = 1; i < c->n; i++)
			if (c->e[i].used < slot->used)
				slot = &c->e[i];
	}
	drop(slot);
	slot->key = strdup(key);
	slot->etag = strdup(etag);
	slot->body = malloc(len + 1);
	if (!slot->key || !slot->etag || !slot->body) {
		drop(slot);
		return -1;
	}
	memcpy(slot->body, body, len);
	slot->body[len] = '\0';
	slot->len = len;
	slot->lastmod = lastmod;
	slot->used = ++c->clock;
	return 0;
}
