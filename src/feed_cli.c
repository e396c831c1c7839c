/* feed_cli: feeds from a shell. `feed import` reads one feed (a file, or a
 * URL fetched once); `feed pull` fetches every configured source with its
 * stored validators and ?after=, each under a cross-host lock, reporting
 * every failure and carrying on with the next source. Every item stored is
 * evaluated by the engine (with the configuration's calendar) at once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "feed_cli.h"
#include "outside/fetch.h"
#include "domain/calendar.h"
#include "store/db.h"
#include "store/engine_store.h"
#include "store/feed_store.h"
#include "store/ledger.h"
#include "util/clock.h"
#include "util/conf.h"
#include "util/log.h"
#include "util/xmlsafe.h"

/* The engine a command evaluates intake with. */
struct engine {
	struct calendar		 cal;
	struct rules_cache	*rules;
	struct estore		*es;
	xmlSchemaPtr		 xsd;	/* schema/g4c-feed.xsd */
};

static void
print_result(const char *what, const struct feed_result *res)
{
	size_t	 i;

	printf("%s: source %s sequence %llu: new %llu, updated %llu, unchanged %llu,"
	    " rejected %llu\n", what, res->head.source, res->head.sequence, res->n_new,
	    res->n_updated, res->n_unchanged, res->n_rejected);
	for (i = 0; i < res->nrej; i++)
		printf("  rejected %s: %s\n", res->rej[i].receipt[0] ? res->rej[i].receipt :
		    "(no receipt-no)", res->rej[i].reason);
	if (res->n_rejected > res->nrej)
		printf("  ... and %llu more rejected\n", res->n_rejected - res->nrej);
}

/* Imports the feed in f, of at most max bytes; prints the outcome. 0 or 1. */
static int
import(struct db *d, const struct conf *c, const struct engine *e, FILE *f, size_t max,
    const char *what, const char *expect, const char *by, struct feed_result *res)
{
	struct feed_limits lim = { max, c->max_xml_depth, e->xsd, clock_now(),
	    (long)c->future_tolerance };
	enum fstore_import rc = feed_import_engine(d, f, &lim, expect, by, e->es, res);

	if (rc == FI_OK) {
		print_result(what, res);
		return 0;
	}
	if (rc == FI_REFUSED && res->line > 0)
		fprintf(stderr, "%s:%ld: %s; nothing stored\n", what, res->line, res->error);
	else
		fprintf(stderr, "%s: %s%s\n", what, res->error,
		    rc == FI_REFUSED ? "; nothing stored" : "");
	if (rc == FI_DBERR)	/* what the batches before the error committed */
		fprintf(stderr, "%s: stored before the error: new %llu, updated %llu,"
		    " unchanged %llu; rolled back %llu\n", what, res->n_new, res->n_updated,
		    res->n_unchanged, res->n_rolled_back);
	return 1;
}

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static int
cmd_import(struct db *d, const struct conf *c, const struct engine *e, const char *arg)
{
	struct fetch_req q = { arg, NULL, NULL, 0, c->max_feed_body, 10, 600 };
	struct fetch_res fr;
	struct feed_result *res = calloc(1, sizeof(*res));
	FILE	*f = is_url(arg) ? tmpfile() : fopen(arg, "rb");
	int	 rc = 1;

	if (res == NULL || f == NULL) {
		perror(arg);
		goto out;
	}
	if (is_url(arg) && fetch_get(&q, f, &fr) != FETCH_OK) {
		fprintf(stderr, "%s: %s\n", arg, fr.error[0] ? fr.error : "not modified");
		goto out;
	}
	/* max_feed_body bounds what is received (pushed or downloaded); a
	 * local file is read with bounded memory whatever its size */
	rc = import(d, c, e, f, is_url(arg) ? c->max_feed_body : SIZE_MAX, arg, NULL,
	    "cli:feed import", res);
out:
	if (f)
		fclose(f);
	if (res)
		feed_result_free(res);
	free(res);
	return rc;
}

/* One configured source, under its lock. 0, or 1 when it failed. */
static int
pull_locked(struct db *d, const struct conf *c, const struct engine *e,
    const struct conf_feed *cf)
{
	struct feed_source src;
	struct fetch_req q = { cf->url, NULL, NULL, 0, c->max_feed_body, 10, 600 };
	struct fetch_res fr;
	struct feed_result *res = calloc(1, sizeof(*res));
	char	 by[80], err[520];
	FILE	*f = tmpfile();
	int	 rc = 1;

	if (res == NULL || f == NULL || fstore_get(d, cf->name, &src) == -1) {
		fprintf(stderr, "%s: cannot start: %s\n", cf->name, db_error(d));
		goto out;
	}
	q.etag = src.etag;
	q.last_modified = src.last_modified;
	q.after = src.last_sequence;
	switch (fetch_get(&q, f, &fr)) {
	case FETCH_NOT_MODIFIED:
		printf("%s: not modified\n", cf->name);
		rc = fstore_pulled(d, cf->name, cf->url, NULL, NULL, 0, NULL) == -1;
		goto out;
	case FETCH_FAILED:
		snprintf(err, sizeof(err), "%.200s: %s", cf->url, fr.error);
		fprintf(stderr, "%s: failed: %s (retried next time)\n", cf->name, err);
		fstore_pulled(d, cf->name, cf->url, NULL, NULL, 0, err);
		goto out;
	case FETCH_OK:
		break;
	}
	snprintf(by, sizeof(by), "feed:%s", cf->name);
	if ((rc = import(d, c, e, f, c->max_feed_body, cf->name, cf->name, by, res)) != 0)
		fstore_pulled(d, cf->name, cf->url, NULL, NULL, 0, res->error);
	else	/* validators only once the items are stored: a failure is retried */
		fstore_pulled(d, cf->name, cf->url, fr.etag, fr.last_modified,
		    res->head.sequence, NULL);
out:
	if (f)
		fclose(f);
	if (res)
		feed_result_free(res);
	free(res);
	return rc;
}

static int
cmd_pull(struct db *d, const struct conf *c, const struct engine *e)
{
	size_t	 i;
	int	 failed = 0, l;

	if (c->nfeeds == 0)
		printf("no feed sources configured (feed = NAME URL)\n");
	for (i = 0; i < c->nfeeds; i++) {
		const struct conf_feed *cf = &c->feeds[i];
		if ((l = fstore_lock(d, cf->name)) == 0) {
			printf("%s: busy: another pull of this source is running; skipped\n", cf->name);
			continue;
		}
		if (l < 0) {
			fprintf(stderr, "%s: failed: %s\n", cf->name, db_error(d));
			failed = 1;
			continue;
		}
		failed |= pull_locked(d, c, e, cf);
		fstore_unlock(d, cf->name);
	}
	return failed;
}

/* The calendar as the workers load it; a bad holidays file stops here. */
static int
engine_open(struct db *d, const struct conf *c, struct engine *e)
{
	char	 err[300], path[1024];

	memset(e, 0, sizeof(*e));
	if (estore_load_calendar(&e->cal, c, err, sizeof(err)) == -1) {
		log_err(NULL, "the working calendar cannot be loaded: %s", err);
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if ((e->xsd = xmlsafe_load_data_schema(c->datadir, "g4c-feed.xsd", path,
	    sizeof(path))) == NULL) {
		fprintf(stderr, "%s: the feed's schema cannot be loaded\n", path);
		return -1;
	}
	if ((e->rules = rules_cache_new(d)) == NULL ||
	    (e->es = estore_new(d, &e->cal, c, e->rules)) == NULL) {
		fprintf(stderr, "out of memory\n");
		return -1;
	}
	return 0;
}

static void
engine_close(struct engine *e)
{
	estore_free(e->es);
	if (e->xsd)
		xmlSchemaFree(e->xsd);
	if (e->rules)
		rules_cache_free(e->rules);
	calendar_free(&e->cal);
}

int
feed_cli(struct db *d, const struct conf *c, int argc, char **argv)
{
	struct engine e;
	int	 rc;

	if (!(argc == 3 && strcmp(argv[1], "import") == 0) &&
	    !(argc == 2 && strcmp(argv[1], "pull") == 0)) {
		fprintf(stderr, "usage: charterctl feed import FILE|URL | feed pull\n");
		return 2;
	}
	fetch_init();
	if (engine_open(d, c, &e) == -1)
		rc = 1;
	else if (argc == 3)
		rc = cmd_import(d, c, &e, argv[2]);
	else
		rc = cmd_pull(d, c, &e);
	engine_close(&e);
	return rc;
}
