/* open311: service codes, statuses, W3C date-times and the POST mapping of
 * GeoReport v2 (wiki.open311.org/GeoReport_v2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "open311.h"
#include "calendar.h"
#include "instant.h"
#include "petition.h"
#include "../util/utf8.h"

#define KST		(9 * 3600)	/* Asia/Seoul: UTC+9, no DST */
#define DAY		86400
#define TITLE_CHARS	40		/* of a title cut from the description */

int
o311_kind_offered(const char *kind)
{
	if (kind == NULL || strcmp(kind, "corruption-report") == 0)
		return 0;
	for (size_t i = 0; bf_kinds[i]; i++)
		if (strcmp(kind, bf_kinds[i]) == 0)
			return 1;
	return 0;
}

int
o311_code_make(char out[O311_CODE_MAX], const char *city, const char *dept,
    const char *kind)
{
	int	 n = snprintf(out, O311_CODE_MAX, "%s-%s-%s", city, dept, kind);

	return n < 0 || n >= O311_CODE_MAX ? -1 : 0;
}

const char *
o311_code_kind(const char *code, const char *city, const char *dept, int any)
{
	size_t	 cl = strlen(city), dl = strlen(dept);

	if (strncmp(code, city, cl) != 0 || code[cl] != '-' ||
	    strncmp(code + cl + 1, dept, dl) != 0 || code[cl + 1 + dl] != '-')
		return NULL;
	code += cl + dl + 2;
	return (any ? petition_kind_valid(code) : o311_kind_offered(code)) ? code : NULL;
}

const char *
o311_status(const char *state)
{
	static const char *const closed[] = { "answered", "closed", "withdrawn" };

	for (size_t i = 0; state && i < 3; i++)
		if (strcmp(state, closed[i]) == 0)
			return "closed";
	return "open";
}

int
o311_list_next(const char **p, char *out, size_t n)
{
	const char *s = *p, *e;
	size_t	 len;

	while (*s == ',' || *s == ' ')
		s++;
	if (*s == '\0') {
		*p = s;
		return 0;
	}
	e = s + strcspn(s, ",");
	*p = e;
	while (e > s && e[-1] == ' ')
		e--;
	if ((len = (size_t)(e - s)) >= n)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 1;
}

int
o311_status_filter(const char *s)
{
	char	 v[16];
	int	 bits = 0, rc;

	while (s && (rc = o311_list_next(&s, v, sizeof(v))) != 0) {
		if (rc == -1)
			return -1;
		if (strcmp(v, "open") == 0)
			bits |= O311_OPEN;
		else if (strcmp(v, "closed") == 0)
			bits |= O311_CLOSED;
		else
			return -1;
	}
	return bits;
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int	 v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : md[m - 1];
}

/* The time zone designator at s: Z or ±hh:mm (space for '+'); the offset
 * in seconds into *off, or -1. */
static int
tzd(const char *s, long *off)
{
	int	 h, m, sign;

	if (s[0] == 'Z' && s[1] == '\0') {
		*off = 0;
		return 0;
	}
	if (s[0] != '+' && s[0] != '-' && s[0] != ' ')
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	if ((h = digits(s + 1, 2)) < 0 || s[3] != ':' || (m = digits(s + 4, 2)) < 0 ||
	    s[6] != '\0' || h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

int
o311_time_parse(const char *s, time_t *out)
{
	int	 y, mo, d, h = 0, mi = 0, se = 0;
	long	 off = KST;
	const char *p;

	if (s == NULL || strlen(s) < 10 || (y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (mo = digits(s + 5, 2)) < 1 || mo > 12 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 1 || d > month_days(y, mo))
		return -1;
	p = s + 10;
	if (*p != '\0') {
		if (*p != 'T' || (h = digits(p + 1, 2)) < 0 || h > 23 || p[3] != ':' ||
		    (mi = digits(p + 4, 2)) < 0 || mi > 59)
			return -1;
		p += 6;
		if (*p == ':') {
			if ((se = digits(p + 1, 2)) < 0 || se > 59)
				return -1;
			p += 3;
			if (*p == '.') {
				if (p[1] < '0' || p[1] > '9')
					return -1;
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
			}
		}
		if (tzd(p, &off) == -1)
			return -1;
	}
	*out = (time_t)(cal_civil_day(y, mo, d) * DAY +
	    h * 3600LL + mi * 60LL + se - off);
	return 0;
}

const char *
o311_range(const time_t *start, const time_t *end, time_t now, time_t *from, time_t *to)
{
	const time_t span = (time_t)O311_RANGE_DAYS * DAY;

	if (start && !instant_storable(*start))
		return "start_date is out of range: from " INSTANT_MIN_ISO " to " INSTANT_MAX_ISO;
	if (end && !instant_storable(*end))
		return "end_date is out of range: from " INSTANT_MIN_ISO " to " INSTANT_MAX_ISO;
	*to = end ? *end : start ? *start + span : now;
	*from = start ? *start : *to - span;
	if (*to < *from)
		return "end_date is before start_date";
	if (*to - *from > span)
		return "start_date and end_date may not span more than 90 days";
	/* a window reaching past the range holds nothing more */
	*from = *from < INSTANT_MIN ? INSTANT_MIN : *from;
	*to = *to > INSTANT_MAX ? INSTANT_MAX : *to;
	return NULL;
}

/* The first value of a field named name, or NULL. */
static const struct bf_input *
field(const struct bf_input *in, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].filename == NULL && strcmp(in[i].name, name) == 0)
			return &in[i];
	return NULL;
}

static const char *
value(const struct bf_input *in, size_t n, const char *name)
{
	const struct bf_input *f = field(in, n, name);

	return f ? f->value : NULL;
}

/* A copy of s without leading and trailing blanks. */
static char *
trimmed(const char *s, size_t n)
{
	char	*o;

	while (n > 0 && strchr(" \t\r\n", *s))
		s++, n--;
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		n--;
	if ((o = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(o, s, n);
	o[n] = '\0';
	return o;
}

static char *
full_name(const char *first, const char *last)
{
	size_t	 fl = first ? strlen(first) : 0, ll = last ? strlen(last) : 0;
	char	*both = malloc(fl + ll + 2), *o;

	if (both == NULL)
		return NULL;
	snprintf(both, fl + ll + 2, "%s%s%s", first ? first : "",
	    fl && ll ? " " : "", last ? last : "");
	o = trimmed(both, strlen(both));
	free(both);
	return o;
}

/* attribute[title], else the description's first line cut to TITLE_CHARS
 * characters, else the kind's name. */
static char *
make_title(const char *attr, const char *desc, const char *kind)
{
	const char *s = attr && *attr ? attr : desc;
	size_t	 n, i, chars = 0;
	char	*t, *o;

	if (s == attr)
		return trimmed(s, strlen(s));
	t = s ? trimmed(s, strlen(s)) : NULL;
	if (s != NULL && t == NULL)
		return NULL;
	if (t == NULL || t[0] == '\0') {
		free(t);
		return trimmed(petition_kind_ko(kind), strlen(petition_kind_ko(kind)));
	}
	n = strcspn(t, "\r\n");
	if (!utf8_valid(t, n, NULL)) {
		t[n] = '\0';	/* left for the board's validator to refuse */
		return t;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80 && ++chars > TITLE_CHARS)
			break;
	o = malloc(i + 4);
	if (o != NULL)
		snprintf(o, i + 4, "%.*s%s", (int)i, t, i < n ? "…" : "");
	free(t);
	return o;
}

/* A latitude or longitude within ±limit; 1 if present and valid, 0 if
 * absent, -1 if invalid. */
static int
coordinate(const char *s, double limit, double *v)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return 0;
	*v = strtod(s, &end);
	return *end == '\0' && end != s && *v >= -limit && *v <= limit ? 1 : -1;
}

/* description, then the media URL and the coordinates, if given. */
static char *
make_body(const char *desc, const char *media, double lat, double lon, int has_pos)
{
	size_t	 n = (desc ? strlen(desc) : 0) + (media ? strlen(media) : 0) + 160;
	char	*b = malloc(n);

	if (b == NULL)
		return NULL;
	snprintf(b, n, "%s", desc ? desc : "");
	if (media && *media && desc && *desc)
		snprintf(b + strlen(b), n - strlen(b), "\n\nmedia_url: %s", media);
	if (has_pos && desc && *desc)
		snprintf(b + strlen(b), n - strlen(b), "\n\nlat/long: %.6f, %.6f", lat, lon);
	return b;
}

static void
add(struct o311_post *p, const char *name, const char *v)
{
	if (v != NULL)
		p->in[p->n++] = (struct bf_input){ name, v, strlen(v), NULL };
}

int
o311_post_map(struct o311_post *p, const struct bf_input *in, size_t n,
    const char *city, const char *dept, const char *kind, const char **why)
{
	const char *desc = value(in, n, "description"), *sms;
	double	 lat = 0, lon = 0;
	int	 hl, hg;

	memset(p, 0, sizeof(*p));
	*why = NULL;
	hl = coordinate(value(in, n, "lat"), 90, &lat);
	hg = coordinate(value(in, n, "long"), 180, &lon);
	if (hl == -1 || hg == -1 || hl != hg) {
		*why = "lat and long must both be given as decimal degrees";
		return -1;
	}
	if ((p->name = full_name(value(in, n, "first_name"), value(in, n, "last_name"))) == NULL ||
	    (p->title = make_title(value(in, n, "attribute[title]"), desc, kind)) == NULL ||
	    (p->body = make_body(desc, value(in, n, "media_url"), lat, lon, hl == 1)) == NULL)
		return -1;
	snprintf(p->department, sizeof(p->department), "%s/%s", city, dept);
	add(p, "name", p->name[0] ? p->name : NULL);
	add(p, "address", value(in, n, "address_string"));
	add(p, "phone", value(in, n, "phone"));
	add(p, "email", value(in, n, "email"));
	/* "no" is the absence of consent on the board */
	if ((sms = value(in, n, "attribute[sms_consent]")) && strcmp(sms, "no") != 0)
		add(p, "sms_consent", sms);
	add(p, "department", p->department);
	add(p, "kind", kind);
	add(p, "title", p->title);
	add(p, "body", p->body);
	return 0;
}

void
o311_post_free(struct o311_post *p)
{
	free(p->name);
	free(p->title);
	free(p->body);
	memset(p, 0, sizeof(*p));
}

const char *
o311_field_name(enum bf_field f)
{
	switch (f) {
	case BF_NAME:		return "first_name/last_name";
	case BF_ADDRESS:	return "address_string";
	case BF_SMS:		return "attribute[sms_consent]";
	case BF_DEPARTMENT:	return "service_code";
	case BF_KIND:		return "service_code";
	case BF_TITLE:		return "attribute[title]";
	case BF_BODY:		return "description";
	default:		return bf_name(f);
	}
}

static const char *const yes_no[][2] = {
	{ "yes", "문자(SMS)로 처리 상황을 받겠습니다 (yes)" },
	{ "no", "받지 않겠습니다 (no)" },
	{ NULL, NULL }
};

static const struct o311_attr attrs[] = {
	{ "title", 1, "string", 0, "up to 150 characters",
	  "제목 (title); when absent, the first line of the description", NULL },
	{ "sms_consent", 1, "singlevaluelist", 0, NULL,
	  "문자 수신 동의 (consent to status messages by SMS to the phone given)", yes_no },
	{ "identity", 0, "string", 0, NULL,
	  "익명 민원은 처리되지 않습니다: first_name or last_name and address_string are"
	  " required, as on the city's board (no anonymous petitions)", NULL },
};

const struct o311_attr *
o311_attributes(const char *kind, size_t *n)
{
	*n = o311_kind_offered(kind) ? sizeof(attrs) / sizeof(attrs[0]) : 0;
	return attrs;
}
