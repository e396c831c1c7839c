/* holidays_cli: 특일 정보 answers — a saved file, or fetched from the API
 * page by page with the configured service key — checked, turned into
 * holidays (isHoliday Y) and merged into the holidays file under a lock,
 * written atomically (a temporary file renamed over it). On any error the
 * file is left as it was, byte for byte. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "domain/calendar.h"
#include "domain/holfile.h"
#include "domain/kasi.h"
#include "holidays_cli.h"
#include "outside/fetch.h"
#include "util/buf.h"
#include "util/conf.h"

#define ANSWER_MAX	(1024 * 1024)	/* one answer (a year is a few KiB) */
#define FILE_MAX	(1024 * 1024)	/* the holidays file (calendar.c's limit) */
#define PAGES_MAX	20		/* pages fetched for one import */
#define ROWS		100		/* numOfRows asked for: a year in one page */
#define KEY_MAX		512

struct import {
	const struct conf *c;
	const char	*src;		/* FILE or URL; NULL: holidays_api_url */
	int		 year, month;	/* --year, --month; 0 when not given */
	char		 label[160];	/* what messages name: FILE, or URL without its query */
	char		 asked[24];	/* " (2026-10)", " (2029)", or "" */
	struct kasi_item *items;	/* of every page */
	size_t		 n;
};

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: charterctl holidays import [URL] --year YYYY [--month MM]\n"
	    "       charterctl holidays import FILE [--year YYYY [--month MM]]\n"
	    "  the API (URL, or holidays_api_url) is asked for the whole year, or one month\n");
	return 2;
}

/* A number of digits only within [lo, hi]; 0 when it is not one. */
static int
small_number(const char *s, int lo, int hi)
{
	long	 v;
	char	*end;

	if (s == NULL || !isdigit((unsigned char)s[0]) || strlen(s) > 4)
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= lo && v <= hi ? (int)v : 0;
}

/* argv: import [FILE|URL] [--year YYYY] [--month MM]. 0, or 2. */
static int
parse_args(int argc, char **argv, struct import *im)
{
	int	 i;

	if (argc < 2 || strcmp(argv[1], "import"))
		return usage();
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--year") && i + 1 < argc) {
			if ((im->year = small_number(argv[++i], CAL_YEAR_MIN, CAL_YEAR_MAX)) == 0)
				return usage();
		} else if (!strcmp(argv[i], "--month") && i + 1 < argc) {
			if ((im->month = small_number(argv[++i], 1, 12)) == 0)
				return usage();
		} else if (argv[i][0] != '-' && im->src == NULL)
			im->src = argv[i];
		else
			return usage();
	}
	if ((im->month && !im->year) || ((im->src == NULL || is_url(im->src)) && !im->year))
		return usage();
	if (im->month)
		snprintf(im->asked, sizeof(im->asked), " (%04d-%02d)", im->year, im->month);
	else if (im->year)
		snprintf(im->asked, sizeof(im->asked), " (%04d)", im->year);
	return 0;
}

/* The URL a message may show: without its query (a key might be in it). */
static void
set_label(struct import *im, const char *what)
{
	size_t	 n = strcspn(what, "?");

	snprintf(im->label, sizeof(im->label), "%.*s", (int)(n < 150 ? n : 150), what);
}

/* The items of one page join those of the pages before. 0, or -1. */
static int
add_items(struct import *im, const struct kasi_page *pg)
{
	struct kasi_item *v;

	if (pg->n == 0)
		return 0;
	if (im->n + pg->n > (size_t)KASI_ITEMS_MAX * PAGES_MAX ||
	    (v = realloc(im->items, (im->n + pg->n + 1) * sizeof(*v))) == NULL) {
		fprintf(stderr, "%s: too many items\n", im->label);
		return -1;
	}
	memcpy(v + im->n, pg->items, pg->n * sizeof(*v));
	im->items = v;
	im->n += pg->n;
	return 0;
}

/* Reads at most max bytes of f into b. 0, or -1 (too large, a read error). */
static int
read_all(FILE *f, size_t max, struct buf *b)
{
	char	 chunk[16384];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (b->len + n > max || buf_append(b, chunk, n) == -1)
			return -1;
	return ferror(f) ? -1 : 0;
}

/* One answer's bytes (page `page` asked for; 0: a file): parsed, its items
 * kept. 0, 1 (more pages), or -1. */
static int
take_answer(struct import *im, const struct buf *b, const char *where, int page)
{
	struct kasi_page pg;
	char	 err[400];
	int	 more;

	if (kasi_parse(b->data ? b->data : "", b->len, ANSWER_MAX, im->c->max_xml_depth,
	    &pg, err, sizeof(err)) != KASI_OK) {
		fprintf(stderr, "%s%s: %s\n", im->label, where, err);
		return -1;
	}
	if (page > 0 && pg.total > 0 && pg.page_no != page) {
		fprintf(stderr, "%s%s: the answer is page %ld, not the page asked for\n",
		    im->label, where, pg.page_no);
		kasi_page_free(&pg);
		return -1;
	}
	more = kasi_more(&pg);
	if (add_items(im, &pg) == -1) {
		kasi_page_free(&pg);
		return -1;
	}
	kasi_page_free(&pg);
	return more;
}

static int
from_file(struct import *im)
{
	struct buf b = { 0 };
	FILE	*f = fopen(im->src, "rb");
	int	 rc = -1;

	set_label(im, im->src);
	if (f == NULL)
		fprintf(stderr, "%s: %s\n", im->label, strerror(errno));
	else if (read_all(f, ANSWER_MAX, &b) == -1)
		fprintf(stderr, "%s: cannot be read, or larger than %d bytes\n", im->label,
		    ANSWER_MAX);
	else if ((rc = take_answer(im, &b, "", 0)) == 1) {
		fprintf(stderr, "%s: the answer is one page of several (totalCount is larger):"
		    " save it with numOfRows=%d, or import from the API\n", im->label, ROWS);
		rc = -1;
	}
	if (f)
		fclose(f);
	buf_free(&b);
	return rc;
}

/* The service key as a query value: percent-encoded, unless it comes
 * encoded already (data.go.kr gives each key in both forms). 0, or -1. */
static int
key_param(const char *raw, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	int	 encoded = strchr(raw, '%') != NULL;
	size_t	 o = 0;

	for (; *raw; raw++) {
		unsigned char ch = (unsigned char)*raw;
		if (o + 4 > outlen)
			return -1;
		if (isalnum(ch) || strchr("-._~", ch) || (encoded && ch == '%'))
			out[o++] = (char)ch;
		else {
			out[o++] = '%';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		}
	}
	out[o] = '\0';
	return 0;
}

/* The URL of one page: ?serviceKey=…&solYear=…[&solMonth=…]&numOfRows=…&pageNo=…
 * 0, or -1 when it would not fit. */
static int
page_url(const struct import *im, const char *base, const char *key, int page,
    char *out, size_t outlen)
{
	char	 month[16] = "";
	int	 n;

	if (im->month)
		snprintf(month, sizeof(month), "&solMonth=%02d", im->month);
	n = snprintf(out, outlen, "%s%cserviceKey=%s&solYear=%04d%s&numOfRows=%d&pageNo=%d",
	    base, strchr(base, '?') ? '&' : '?', key, im->year, month, ROWS, page);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

/* Why a fetch failed, with the API's words when its body says them. */
static void
fetch_failed(const struct import *im, int page, const struct fetch_res *fr, FILE *f)
{
	struct buf b = { 0 };
	struct kasi_page pg;
	char	 why[400] = "";

	rewind(f);
	if (fr->status >= 400 && read_all(f, ANSWER_MAX, &b) == 0 && b.len > 0) {
		switch (kasi_parse(b.data, b.len, ANSWER_MAX, im->c->max_xml_depth, &pg, why,
		    sizeof(why))) {
		case KASI_OK:
			kasi_page_free(&pg);
			/* FALLTHROUGH */
		case KASI_MALFORMED:	/* an error page of the server: its status says it */
			why[0] = '\0';
			break;
		case KASI_REFUSED:
			break;
		}
	}
	fprintf(stderr, "%s (page %d): %s%s%s\n", im->label, page, fr->error,
	    why[0] ? "; " : "", why);
	buf_free(&b);
}

/* Fetches page `page` and takes its items: 0, 1 (more pages), or -1. */
static int
fetch_page(struct import *im, const char *url, int page)
{
	struct fetch_req q = { url, NULL, NULL, 0, ANSWER_MAX, 10, 60 };
	struct fetch_res fr;
	struct buf b = { 0 };
	FILE	*f = tmpfile();
	char	 where[32];
	int	 rc = -1;

	snprintf(where, sizeof(where), " (page %d)", page);
	if (f == NULL)
		fprintf(stderr, "%s: no temporary file: %s\n", im->label, strerror(errno));
	else if (fetch_get(&q, f, &fr) != FETCH_OK)
		fetch_failed(im, page, &fr, f);
	else {
		rewind(f);
		if (read_all(f, ANSWER_MAX, &b) == -1)
			fprintf(stderr, "%s%s: cannot read the answer back\n", im->label, where);
		else
			rc = take_answer(im, &b, where, page);
	}
	if (f)
		fclose(f);
	buf_free(&b);
	return rc;
}

static int
from_url(struct import *im)
{
	const char *base = im->src ? im->src : im->c->holidays_api_url;
	char	 raw[KEY_MAX], key[3 * KEY_MAX], url[2048], err[600];
	int	 page, rc = 1;

	set_label(im, base);
	if (conf_read_key(im->c->holidays_api_key_file, raw, sizeof(raw), err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "holidays_api_key_file: %s (the API needs a service key from"
		    " data.go.kr)\n", err);
		return -1;
	}
	if (key_param(raw, key, sizeof(key)) == -1) {
		fprintf(stderr, "holidays_api_key_file: the key is too long\n");
		rc = -1;
	}
	for (page = 1; rc == 1 && page <= PAGES_MAX; page++)
		if (page_url(im, base, key, page, url, sizeof(url)) == -1) {
			fprintf(stderr, "%s: the URL is too long\n", im->label);
			rc = -1;
		} else
			rc = fetch_page(im, url, page);
	if (rc == 1)
		fprintf(stderr, "%s: more than %d pages\n", im->label, PAGES_MAX);
	memset(raw, 0, sizeof(raw));
	memset(key, 0, sizeof(key));
	return rc == 0 ? 0 : -1;
}

/* Opens the holidays file and takes an exclusive lock on the file its name
 * names once the lock is held (an import that renamed a new one over it
 * meanwhile: again). The descriptor, or -1. */
static int
lock_file(const char *path)
{
	struct stat a, b;
	int	 fd, tries;

	for (tries = 0; tries < 10; tries++) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			return -1;
		}
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
	fprintf(stderr, "%s: cannot lock it (it keeps being replaced)\n", path);
	return -1;
}

/* The file's text (fd) into b, and that the calendar accepts it. 0, or -1. */
static int
read_holidays(int fd, const char *path, struct buf *b)
{
	struct calendar cal;
	FILE	*f = fdopen(dup(fd), "rb");
	char	 err[400];
	int	 rc = -1;

	calendar_init(&cal);
	if (f == NULL || read_all(f, FILE_MAX, b) == -1 || buf_puts(b, "") == -1 ||
	    memchr(b->data, '\0', b->len) != NULL)
		fprintf(stderr, "%s: cannot be read (or larger than 1 MiB, or holds a NUL"
		    " byte)\n", path);
	else if (calendar_parse(&cal, b->data, path, err, sizeof(err)) == -1)
		fprintf(stderr, "%s; fix the file first, nothing was imported\n", err);
	else
		rc = 0;
	if (f)
		fclose(f);
	calendar_free(&cal);
	return rc;
}

/* Writes text next to path and renames it over path (mode kept). 0, or -1. */
static int
write_atomic(const char *path, const struct buf *text, mode_t mode)
{
	char	 real[PATH_MAX], tmp[PATH_MAX + 16], dir[PATH_MAX];
	int	 fd, dfd, ok;

	if (realpath(path, real) == NULL ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", real) >= sizeof(tmp) ||
	    (fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "%s: no temporary file beside it: %s\n", path, strerror(errno));
		return -1;
	}
	ok = fchmod(fd, mode & 07777) == 0 &&
	    write(fd, text->data, text->len) == (ssize_t)text->len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok && rename(tmp, real) == 0;
	if (!ok) {
		fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", real);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);	/* the rename survives a crash */
		close(dfd);
	}
	return 0;
}

static void
day_str(int32_t day, char out[16])
{
	int64_t	 y;
	int	 m, d;

	cal_civil_from_day(day, &y, &m, &d);
	snprintf(out, 16, "%04lld-%02d-%02d", (long long)y, m, d);
}

static void
report_changes(const struct holfile_result *res)
{
	static const char *const what[] = { "added ", "listed", "kept  " };
	char	 d[16];

	for (size_t i = 0; i < res->n; i++) {
		const struct holfile_change *c = &res->ch[i];
		day_str(c->day, d);
		printf("  %s %s %s", what[c->what], d, c->what == HF_ADDED ? c->name : c->listed);
		if (c->what == HF_KEPT)
			printf(" (the answer names it %s; the file's name is kept)", c->name);
		printf("\n");
	}
}

/* The years added holidays fall in that the file does not cover yet. */
static void
report_uncovered(const struct holfile_result *res, const struct buf *text)
{
	struct calendar cal;
	char	 err[300];
	int64_t	 last = 0, y;

	calendar_init(&cal);
	if (calendar_parse(&cal, text->data, "-", err, sizeof(err)) == 0)
		for (size_t i = 0; i < res->n; i++) {
			if (res->ch[i].what != HF_ADDED ||
			    (y = cal_year_of(cal_day_start(res->ch[i].day))) == last ||
			    cal_year_covered(&cal, y))
				continue;
			printf("note: %lld is not covered yet (years %d-%d): import the whole year"
			    " with --year %lld\n", (long long)y, (int)cal.years_first,
			    (int)cal.years_last, (long long)y);
			last = y;
		}
	calendar_free(&cal);
}

/* Merges the holidays into the file under its lock; prints what changed. */
static int
merge_into_file(const struct import *im, const struct cal_holiday *hol, size_t nhol)
{
	const char *path = im->c->holidays;
	struct holfile_result res = { 0 };
	struct buf old = { 0 }, text = { 0 };
	struct calendar cal;
	struct stat st;
	char	 err[400];
	int	 fd, rc = -1;

	calendar_init(&cal);
	if ((fd = lock_file(path)) == -1)
		return -1;
	if (read_holidays(fd, path, &old) == -1 || fstat(fd, &st) == -1)
		goto out;
	if (holfile_merge(old.data, hol, nhol, im->month ? 0 : im->year, &text, &res) == -1 ||
	    buf_puts(&text, "") == -1) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto out;
	}
	if (calendar_parse(&cal, text.data, path, err, sizeof(err)) == -1) {
		fprintf(stderr, "the merged file would not be valid (%s); %s is unchanged\n",
		    err, path);
		goto out;
	}
	report_changes(&res);
	if (res.years_changed)
		printf("years widened to %d-%d\n", (int)res.years[0], (int)res.years[1]);
	if (res.added == 0 && !res.years_changed) {
		printf("%s: nothing new; the file is unchanged\n", path);
		rc = 0;
		goto out;
	}
	if ((rc = write_atomic(path, &text, st.st_mode)) == 0) {
		printf("%s: %zu line%s added; the next `charterctl sweep` moves the deadlines"
		    " not yet passed that they affect\n", path, res.added, res.added == 1 ? "" : "s");
		report_uncovered(&res, &text);
	}
out:
	close(fd);
	calendar_free(&cal);
	holfile_result_free(&res);
	buf_free(&old);
	buf_free(&text);
	return rc;
}

/* What was received: within what was asked, made holidays, merged. */
static int
apply(struct import *im)
{
	struct cal_holiday *hol = calloc(im->n ? im->n : 1, sizeof(*hol));
	char	 err[400];
	long	 n = -1;
	int	 rc = -1;

	if (hol == NULL)
		fprintf(stderr, "out of memory\n");
	else if (im->year && kasi_within(im->items, im->n, im->year, im->month, err,
	    sizeof(err)) == -1)
		fprintf(stderr, "%s: %s; nothing imported\n", im->label, err);
	else if ((n = kasi_holidays(im->items, im->n, hol, err, sizeof(err))) == -1)
		fprintf(stderr, "%s: %s; nothing imported\n", im->label, err);
	else if (n == 0 && im->year && !im->month)
		fprintf(stderr, "%s: the answer lists no holiday in %d (not published yet?);"
		    " nothing imported\n", im->label, im->year);
	else {
		printf("%s%s: %ld holiday%s among %zu item%s\n", im->label, im->asked, n,
		    n == 1 ? "" : "s", im->n, im->n == 1 ? "" : "s");
		rc = merge_into_file(im, hol, (size_t)n);
	}
	free(hol);
	return rc;
}

int
holidays_cli(const struct conf *c, int argc, char **argv)
{
	struct import im;
	int	 rc;

	memset(&im, 0, sizeof(im));
	im.c = c;
	if ((rc = parse_args(argc, argv, &im)) != 0)
		return rc;
	fetch_init();
	rc = (im.src && !is_url(im.src) ? from_file(&im) : from_url(&im)) == 0 &&
	    apply(&im) == 0 ? 0 : 1;
	if (rc != 0)
		fprintf(stderr, "charterctl: holidays import failed; %s is unchanged\n",
		    c->holidays);
	free(im.items);
	return rc;
}
