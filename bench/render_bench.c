/* render_bench: benchmark (c) — uncached in-process rendering of each seed
 * charter page, on one core, exactly as charter.fcgi does on a worker-cache
 * miss (src/pages/charter_pages.c): parse the stored XML with xmlsafe_parse,
 * build the page document with charter_view() and render it with
 * render_html(). The catalogue is fabricated in memory from the seeds
 * themselves (no database).
 *
 * Usage: render_bench [-t SECONDS] DATADIR [SEED.xml ...]
 *   DATADIR   source tree holding xsl/ (the server's datadir)
 *   SEED.xml  default: DATADIR/conf/charters/pocheon/common.xml and
 *             DATADIR/conf/charters/gwangmyeong/autonomy.xml
 * For each seed prints one line:
 *   render CITY/DEPT: N pages/s (U us/page), B bytes HTML | xslt only: M/s (V us) | ratio R
 * "xslt only" is render_html() alone on an already built page document: the
 * in-run limit of the full path (parse + build + transform). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include "pages/charter_view.h"
#include "render/render.h"
#include "store/charter_store.h"
#include "domain/charter.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/log.h"
#include "util/xmlsafe.h"

#define MAXSEEDS 16

struct seed {
	const char *file;
	char	*xml;
	size_t	 len;
	struct charter_ident id;
	char	 path[160];
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*p = NULL;
	long	 n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else {
			p[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return p;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct catalog_entry *x = a, *y = b;
	int	 c = strcmp(x->city, y->city);

	if (c)
		return c;
	if (!strcmp(x->dept, "common") != !strcmp(y->dept, "common"))
		return strcmp(x->dept, "common") ? 1 : -1;
	return strcmp(x->dept, y->dept);
}

/* One uncached render as on the server: parse, build, transform. */
static int
render_once(struct render *rd, const struct catalog *cat,
    const struct catalog_entry **chain, size_t n, const struct seed **seeds,
    const char *path, const char *etag, struct diag *dg, struct buf *out)
{
	xmlDocPtr docs[MAXSEEDS] = { 0 }, doc = NULL;
	size_t	 i;
	int	 rc = -1;

	for (i = 0; i < n; i++)
		if ((docs[i] = xmlsafe_parse(seeds[i]->xml, seeds[i]->len,
		    seeds[i]->len + 1, 100000, dg)) == NULL)
			goto out;
	if ((doc = charter_view(path, cat, chain, docs, n, etag)) == NULL)
		goto out;
	buf_reset(out);
	rc = render_html(rd, doc, out);
out:
	if (doc)
		xmlFreeDoc(doc);
	for (i = 0; i < n; i++)
		if (docs[i])
			xmlFreeDoc(docs[i]);
	return rc;
}

int
main(int argc, char **argv)
{
	struct seed seeds[MAXSEEDS];
	struct catalog cat;
	struct catalog_entry ents[MAXSEEDS];
	struct render *rd;
	struct diag *dg;
	struct buf out = { 0 };
	const char *datadir, *files[MAXSEEDS];
	char	 defs[2][1024];
	double	 secs = 2.0;
	size_t	 ns = 0, i, j;
	int	 a = 1;

	if (a + 1 < argc && !strcmp(argv[a], "-t")) {
		secs = atof(argv[a + 1]);
		a += 2;
	}
	if (a >= argc || secs <= 0) {
		fprintf(stderr, "usage: render_bench [-t SECONDS] DATADIR [SEED.xml ...]\n");
		return 2;
	}
	datadir = argv[a++];
	if (a < argc) {
		for (; a < argc && ns < MAXSEEDS; a++)
			files[ns++] = argv[a];
	} else {
		snprintf(defs[0], sizeof(defs[0]), "%s/conf/charters/pocheon/common.xml", datadir);
		snprintf(defs[1], sizeof(defs[1]), "%s/conf/charters/gwangmyeong/autonomy.xml", datadir);
		files[ns++] = defs[0];
		files[ns++] = defs[1];
	}
	log_init("render_bench", LOG_WARN);
	xmlsafe_init();
	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return 1;
	if ((rd = render_open(datadir)) == NULL) {
		fprintf(stderr, "render_bench: cannot compile %s/xsl/page.xsl\n", datadir);
		return 1;
	}

	/* The catalogue, as catalog_load() would return it after importing
	 * the seeds in this order (version ids 1, 2, ...). */
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < ns; i++) {
		struct seed *s = &seeds[i];
		struct catalog_entry *e = &ents[i];
		xmlDocPtr d;

		s->file = files[i];
		if ((s->xml = slurp(s->file, &s->len)) == NULL) {
			fprintf(stderr, "render_bench: cannot read %s\n", s->file);
			return 1;
		}
		memset(dg, 0, sizeof(*dg));
		if ((d = xmlsafe_parse(s->xml, s->len, s->len + 1, 100000, dg)) == NULL ||
		    charter_ident(d, &s->id, dg) == -1) {
			fprintf(stderr, "render_bench: %s: %s\n", s->file,
			    dg->n ? dg->item[0].msg : "cannot parse");
			return 1;
		}
		xmlFreeDoc(d);
		snprintf(e->city, sizeof(e->city), "%s", s->id.city);
		snprintf(e->dept, sizeof(e->dept), "%s", s->id.dept);
		e->vid = i + 1;
		e->vno = 1;
		snprintf(e->label, sizeof(e->label), "%s", s->id.label);
		snprintf(e->title, sizeof(e->title), "%s", s->id.title);
		snprintf(e->city_name, sizeof(e->city_name), "%s", s->id.city_name);
		snprintf(e->dept_name, sizeof(e->dept_name), "%s", s->id.dept_name);
		if (s->id.ext == EXT_EXPLICIT) {
			snprintf(e->parent_city, sizeof(e->parent_city), "%s", s->id.parent_city);
			snprintf(e->parent_dept, sizeof(e->parent_dept), "%s", s->id.parent_dept);
		}
		e->uploaded = 1704067200;	/* 2024-01-01 */
		snprintf(e->uploader, sizeof(e->uploader), "seed");
		charter_href(s->path, sizeof(s->path), e->city, e->dept);
	}
	/* Sorted like catalog_load(); seeds stay indexed by their entry. */
	{
		struct catalog_entry sorted[MAXSEEDS];
		memcpy(sorted, ents, sizeof(ents));
		qsort(sorted, ns, sizeof(sorted[0]), cmp_entry);
		memcpy(ents, sorted, sizeof(ents));
	}
	cat.e = ents;
	cat.n = ns;

	for (i = 0; i < ns; i++) {
		const struct seed *s = &seeds[i], *chseeds[MAXSEEDS];
		const struct catalog_entry *e = catalog_find(&cat, s->id.city, s->id.dept);
		const struct catalog_entry *chain[MAXSEEDS];
		xmlDocPtr docs[MAXSEEDS] = { 0 }, page;
		size_t	 n, k, o;
		char	 etag[400];
		double	 t0, t, full, xslt;
		long	 iters;

		if (e == NULL)
			return 1;
		n = catalog_chain(&cat, e, chain, MAXSEEDS);
		for (k = 0; k < n; k++) {	/* the seed of each chain entry */
			chseeds[k] = NULL;
			for (j = 0; j < ns; j++)
				if (!strcmp(seeds[j].id.city, chain[k]->city) &&
				    !strcmp(seeds[j].id.dept, chain[k]->dept))
					chseeds[k] = &seeds[j];
			if (chseeds[k] == NULL) {
				fprintf(stderr, "render_bench: %s: ancestor %s/%s not among the seeds\n",
				    s->file, chain[k]->city, chain[k]->dept);
				return 1;
			}
		}
		/* The ETag as h_charter() builds it (stamp fixed). */
		o = (size_t)snprintf(etag, sizeof(etag), "\"bench-");
		for (k = 0; k < n; k++)
			o += (size_t)snprintf(etag + o, sizeof(etag) - o, "v%llu.", chain[k]->vid);
		snprintf(etag + o, sizeof(etag) - o, "c%zu.%zu\"", ns, ns);

		/* Warm-up, and a check that it works at all. */
		if (render_once(rd, &cat, chain, n, chseeds, s->path, etag, dg, &out) == -1) {
			fprintf(stderr, "render_bench: rendering %s failed\n", s->path);
			return 1;
		}
		iters = 0;
		t0 = now_s();
		do {
			for (k = 0; k < 10; k++)
				if (render_once(rd, &cat, chain, n, chseeds, s->path, etag,
				    dg, &out) == -1)
					return 1;
			iters += 10;
		} while ((t = now_s() - t0) < secs);
		full = (double)iters / t;

		/* render_html() alone on a built page document. */
		for (k = 0; k < n; k++)
			docs[k] = xmlsafe_parse(chseeds[k]->xml, chseeds[k]->len,
			    chseeds[k]->len + 1, 100000, dg);
		page = charter_view(s->path, &cat, chain, docs, n, etag);
		for (k = 0; k < n; k++)
			xmlFreeDoc(docs[k]);
		if (page == NULL)
			return 1;
		iters = 0;
		t0 = now_s();
		do {
			for (k = 0; k < 10; k++) {
				buf_reset(&out);
				if (render_html(rd, page, &out) == -1)
					return 1;
			}
			iters += 10;
		} while ((t = now_s() - t0) < secs / 2);
		xslt = (double)iters / t;
		xmlFreeDoc(page);

		printf("render %s/%s: %.0f pages/s (%.0f us/page), %zu bytes HTML, "
		    "%zu bytes XML | xslt only: %.0f/s (%.0f us) | ratio %.2f\n",
		    s->id.city, s->id.dept, full, 1e6 / full, out.len, s->len,
		    xslt, 1e6 / xslt, full / xslt);
		fflush(stdout);
	}
	buf_free(&out);
	render_close(rd);
	for (i = 0; i < ns; i++)
		free(seeds[i].xml);
	free(dg);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return 0;
}
