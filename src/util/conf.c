/* conf: a table of declared keys, each with its type and bounds; the parser
 * refuses unknown keys, repeated keys and out-of-range values, naming the
 * file and line, so that the program refuses to start on a bad file. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conf.h"

enum conf_type { CT_STR, CT_UINT, CT_SIZE, CT_BOOL, CT_LEVEL, CT_LISTEN, CT_FEED, CT_STATUTORY,
	CT_URL, CT_SECONDS };

struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 off;
	size_t		 size;		/* for strings: the buffer's size */
	unsigned long long min, max;	/* for numbers */
};

#define S(f)	CT_STR, offsetof(struct conf, f), sizeof(((struct conf *)0)->f), 0, 0
static const struct conf_key keys[] = {
	{ "db_socket", S(db_socket) },
	{ "db_host", S(db_host) },
	{ "db_port", CT_UINT, offsetof(struct conf, db_port), 0, 1, 65535 },
	{ "db_name", S(db_name) },
	{ "db_user", S(db_user) },
	{ "db_password_file", S(db_password_file) },
	{ "db_timeout", CT_UINT, offsetof(struct conf, db_timeout), 0, 1, 600 },
	{ "db_batch_timeout", CT_UINT, offsetof(struct conf, db_batch_timeout), 0, 1, 86400 },
	{ "datadir", S(datadir) },
	{ "city", S(city) },
	{ "workers", CT_UINT, offsetof(struct conf, workers), 0, 1, 256 },
	{ "listen", CT_LISTEN, offsetof(struct conf, listen),
	    sizeof(((struct conf *)0)->listen), 0, 0 },
	{ "max_body", CT_SIZE, offsetof(struct conf, max_body), 0, 1024,
	    1024ULL * 1024 * 1024 },
	{ "max_xml_depth", CT_UINT, offsetof(struct conf, max_xml_depth), 0, 8, 10000 },
	{ "trust_remote_user", CT_BOOL, offsetof(struct conf, trust_remote_user), 0, 0, 1 },
	{ "test_clock", CT_BOOL, offsetof(struct conf, test_clock), 0, 0, 1 },
	{ "future_tolerance", CT_SECONDS, offsetof(struct conf, future_tolerance), 0, 0,
	    CONF_FUTURE_TOLERANCE_MAX },
	{ "nginx_cache_dir", S(nginx_cache_dir) },
	{ "cache_ttl_ms", CT_UINT, offsetof(struct conf, cache_ttl_ms), 0, 0, 1000 },
	{ "log_level", CT_LEVEL, offsetof(struct conf, log_level), 0, 0, 3 },
	{ "secret_file", S(secret_file) },
	{ "max_feed_body", CT_SIZE, offsetof(struct conf, max_feed_body), 0, 1024,
	    4ULL * 1024 * 1024 * 1024 },
	{ "max_attachment", CT_SIZE, offsetof(struct conf, max_attachment), 0, 1024,
	    100ULL * 1024 * 1024 },
	{ "feed", CT_FEED, 0, 0, 0, 0 },	/* repeatable: one line per source */
	{ "holidays", S(holidays) },
	{ "holidays_api_url", CT_URL, offsetof(struct conf, holidays_api_url),
	    sizeof(((struct conf *)0)->holidays_api_url), 0, 0 },
	{ "holidays_api_key_file", S(holidays_api_key_file) },
	{ "working_hours", S(working_hours) },
	{ "statutory", CT_STATUTORY, 0, 0, 0, 0 },	/* repeatable: one per kind */
};
#undef S

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->db_socket, sizeof(c->db_socket), "/run/mysqld/mysqld.sock");
	snprintf(c->db_host, sizeof(c->db_host), "localhost");
	c->db_port = 3306;
	snprintf(c->db_name, sizeof(c->db_name), "charter");
	snprintf(c->db_user, sizeof(c->db_user), "charter");
	c->db_timeout = 5;
	c->db_batch_timeout = 3600;
	snprintf(c->datadir, sizeof(c->datadir), "/usr/local/share/charter");
	c->workers = 4;
	c->max_body = 1024 * 1024;
	c->max_xml_depth = 256;
	c->cache_ttl_ms = 500;
	c->log_level = 2;
	c->max_feed_body = 256 * 1024 * 1024;
	c->max_attachment = 10 * 1024 * 1024;
	c->future_tolerance = CONF_FUTURE_TOLERANCE;
	snprintf(c->holidays, sizeof(c->holidays), "%s/charter/holidays.conf", SYSCONFDIR);
	snprintf(c->holidays_api_url, sizeof(c->holidays_api_url), "%s",
	    "https://apis.data.go.kr/B090041/openapi/service/SpcdeInfoService/getRestDeInfo");
	snprintf(c->working_hours, sizeof(c->working_hours), "09:00-12:00 13:00-18:00");
}

const struct conf_statutory *
conf_statutory_for(const struct conf *c, const char *kind)
{
	size_t	 i;

	for (i = 0; kind && i < c->nstatutory; i++)
		if (!strcmp(c->statutory[i].kind, kind))
			return &c->statutory[i];
	return NULL;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* A number with an optional k/m/g suffix for sizes (strtonum-like bounds). */
static int
parse_number(const char *v, int sized, unsigned long long *out)
{
	char	*end;
	unsigned long long n, mul = 1;

	if (!isdigit((unsigned char)*v))
		return -1;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno)
		return -1;
	if (sized && *end != '\0' && end[1] == '\0') {
		switch (tolower((unsigned char)*end)) {
		case 'k': mul = 1024; break;
		case 'm': mul = 1024 * 1024; break;
		case 'g': mul = 1024 * 1024 * 1024; break;
		default: return -1;
		}
		end++;
	}
	if (*end != '\0' || n > (unsigned long long)-1 / mul)
		return -1;
	*out = n * mul;
	return 0;
}

/* Seconds, or a number with an s, m or h suffix ("300", "5m", "1h"). */
static int
parse_seconds(const char *v, unsigned long long *out)
{
	char	 num[24];
	size_t	 n = strlen(v);
	unsigned long long mul = 1;

	if (n > 0 && strchr("smh", v[n - 1]) != NULL) {
		mul = v[n - 1] == 'h' ? 3600 : v[n - 1] == 'm' ? 60 : 1;
		n--;
	}
	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, v, n);
	num[n] = '\0';
	if (parse_number(num, 0, out) == -1 || *out > (unsigned long long)-1 / mul)
		return -1;
	*out *= mul;
	return 0;
}

/* "NAME URL": a name as the feed's source attribute spells it
 * ([A-Za-z0-9._-]{1,64}, schema/g4c-feed.xsd) and an http(s) URL. */
static const char *
add_feed(struct conf *c, const char *v)
{
	const char *sp = strchr(v, ' ');
	struct conf_feed *f;
	size_t	 n;

	if (c->nfeeds == CONF_FEEDS_MAX)
		return "too many feeds";
	if (sp == NULL || (n = (size_t)(sp - v)) == 0 || n >= sizeof(f->name) ||
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") != n)
		return "expected NAME URL (the feed's source: A-Z, a-z, 0-9, '.', '_', '-',"
		    " at most 64)";
	while (*sp == ' ')
		sp++;
	if ((strncmp(sp, "http://", 7) && strncmp(sp, "https://", 8)) ||
	    strlen(sp) >= sizeof(f->url) || strpbrk(sp, " \t"))
		return "expected an http:// or https:// URL";
	f = &c->feeds[c->nfeeds++];
	memcpy(f->name, v, n);
	f->name[n] = '\0';
	memcpy(f->url, sp, strlen(sp) + 1);
	return NULL;
}

/* "KIND VALUE hours|days": a kind of [a-z-], a positive number, a unit. */
static const char *
add_statutory(struct conf *c, const char *v)
{
	struct conf_statutory *st;
	char	 kind[64], unit[16];
	unsigned value;
	int	 used = 0;

	if (c->nstatutory == CONF_STATUTORY_MAX)
		return "too many statutory periods";
	if (sscanf(v, "%63s %u %15s%n", kind, &value, unit, &used) != 3 ||
	    v[used] != '\0' || value == 0 || value > 3650 ||
	    strlen(kind) >= sizeof(st->kind) ||
	    strspn(kind, "abcdefghijklmnopqrstuvwxyz-") != strlen(kind) ||
	    (strcmp(unit, "hours") && strcmp(unit, "days")))
		return "expected KIND VALUE hours|days (e.g. complaint 7 days)";
	if (conf_statutory_for(c, kind) != NULL)
		return "this kind's period is given twice";
	st = &c->statutory[c->nstatutory++];
	memcpy(st->kind, kind, strlen(kind) + 1);	/* length checked above */
	st->value = value;
	memcpy(st->unit, unit, strlen(unit) + 1);	/* "hours" or "days" */
	return NULL;
}

/* An http:// or https:// URL of printable ASCII without blanks. */
static int
valid_url(const char *v)
{
	const char *p;

	if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
		return 0;
	for (p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return 0;
	return strlen(v) > 8;
}

/* "unix:/absolute/path" or "host:port" with a numeric port 1-65535. */
static int
valid_listen(const char *v)
{
	const char *colon;
	unsigned long long port;

	if (strncmp(v, "unix:", 5) == 0)
		return v[5] == '/' && v[6] != '\0';
	if ((colon = strrchr(v, ':')) == NULL || colon == v)
		return 0;
	return parse_number(colon + 1, 0, &port) == 0 && port >= 1 && port <= 65535;
}

static const char *
set_str(char *field, const struct conf_key *k, const char *v)
{
	if (strlen(v) >= k->size)
		return "value too long";
	memcpy(field, v, strlen(v) + 1);
	return NULL;
}

static const char *
set_value(struct conf *c, const struct conf_key *k, const char *v)
{
	char	*field = (char *)c + k->off;
	unsigned long long n;

	switch (k->type) {
	case CT_URL:
		if (!valid_url(v))
			return "expected an http:// or https:// URL (no blanks)";
		return set_str(field, k, v);
	case CT_LISTEN:
		if (*v && !valid_listen(v))
			return "expected unix:/ABSOLUTE-PATH or HOST:PORT (port 1-65535)";
		/* FALLTHROUGH */
	case CT_STR:
		return set_str(field, k, v);
	case CT_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
			*(int *)field = 1;
		else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
			*(int *)field = 0;
		else
			return "expected yes or no";
		return NULL;
	case CT_FEED:
		return add_feed(c, v);
	case CT_STATUTORY:
		return add_statutory(c, v);
	case CT_LEVEL: {
		static const char *const lv[] = { "error", "warn", "info", "debug" };
		for (n = 0; n < 4; n++)
			if (!strcmp(v, lv[n])) {
				*(int *)field = (int)n;
				return NULL;
			}
		return "expected error, warn, info or debug";
	}
	case CT_SECONDS:
		if (parse_seconds(v, &n) == -1)
			return "expected seconds, or a number with s, m or h (300, 5m, 1h)";
		if (n < k->min || n > k->max)
			return "number out of range";
		*(unsigned *)field = (unsigned)n;
		return NULL;
	case CT_UINT:
	case CT_SIZE:
		if (parse_number(v, k->type == CT_SIZE, &n) == -1)
			return "expected a number";
		if (n < k->min || n > k->max)
			return "number out of range";
		if (k->type == CT_SIZE)
			*(size_t *)field = (size_t)n;
		else
			*(unsigned *)field = (unsigned)n;
		return NULL;
	}
	return "bad key type";
}

int
conf_parse(struct conf *c, const char *text, const char *name,
    char *err, size_t errlen)
{
	char	*copy, *line, *next, *eq, *k, *v;
	unsigned char seen[sizeof(keys) / sizeof(keys[0])] = { 0 };
	const char *why;
	size_t	 i, lineno = 0;
	int	 rc = -1;

	if ((copy = strdup(text)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			snprintf(err, errlen, "%s:%zu: expected key = value", name, lineno);
			goto out;
		}
		*eq = '\0';
		k = trim(line);
		v = trim(eq + 1);
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!strcmp(keys[i].name, k))
				break;
		if (i == sizeof(keys) / sizeof(keys[0])) {
			snprintf(err, errlen, "%s:%zu: unknown key '%.64s'", name, lineno, k);
			goto out;
		}
		if (seen[i]++ && keys[i].type != CT_FEED && keys[i].type != CT_STATUTORY) {
			snprintf(err, errlen, "%s:%zu: '%s' given twice", name, lineno, k);
			goto out;
		}
		if ((why = set_value(c, &keys[i], v)) != NULL) {
			snprintf(err, errlen, "%s:%zu: %s: %s", name, lineno, k, why);
			goto out;
		}
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

static char *
read_small_file(const char *path, size_t max, char *err, size_t errlen)
{
	FILE	*f;
	char	*p;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((p = malloc(max + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	n = fread(p, 1, max + 1, f);
	fclose(f);
	if (n > max) {
		free(p);
		snprintf(err, errlen, "%s: file too large", path);
		return NULL;
	}
	p[n] = '\0';
	if (strlen(p) != n) {
		free(p);
		snprintf(err, errlen, "%s: file contains a NUL byte", path);
		return NULL;
	}
	return p;
}

int
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	char	*text, *pw;
	int	 rc;

	if ((text = read_small_file(path, 64 * 1024, err, errlen)) == NULL)
		return -1;
	rc = conf_parse(c, text, path, err, errlen);
	free(text);
	if (rc == 0 && c->db_password_file[0] != '\0') {
		if ((pw = read_small_file(c->db_password_file,
		    sizeof(c->db_password) - 1, err, errlen)) == NULL)
			return -1;
		pw[strcspn(pw, "\r\n")] = '\0';
		snprintf(c->db_password, sizeof(c->db_password), "%s", pw);
		free(pw);
	}
	if (rc == 0 && c->secret_file[0] != '\0') {
		if ((pw = read_small_file(c->secret_file, 4096, err, errlen)) == NULL)
			return -1;
		pw[strcspn(pw, "\r\n")] = '\0';
		if (strlen(pw) < 16) {
			snprintf(err, errlen, "%s: the secret must be at least 16 characters",
			    c->secret_file);
			free(pw);
			return -1;
		}
		c->secret_len = strlen(pw) < sizeof(c->secret) ? strlen(pw) : sizeof(c->secret);
		memcpy(c->secret, pw, c->secret_len);
		free(pw);
	}
	return rc;
}

int
conf_read_key(const char *path, char *out, size_t outlen, char *err, size_t errlen)
{
	char	*text;
	size_t	 n, i;

	if (path == NULL || *path == '\0') {
		snprintf(err, errlen, "no key file is configured");
		return -1;
	}
	if ((text = read_small_file(path, 4096, err, errlen)) == NULL)
		return -1;
	text[strcspn(text, "\r\n")] = '\0';
	n = strlen(text);
	for (i = 0; i < n && text[i] > ' ' && text[i] < 0x7f; i++)
		;
	if (n == 0 || i < n || n >= outlen) {
		snprintf(err, errlen, "%s: %s", path, n == 0 ? "the key is empty" : i < n ?
		    "the key holds a blank or a character that is not printable ASCII" :
		    "the key is too long");
		memset(text, 0, n);
		free(text);
		return -1;
	}
	memcpy(out, text, n + 1);
	memset(text, 0, n);
	free(text);
	return 0;
}
