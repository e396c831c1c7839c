/* multipart: multipart/form-data (RFC 7578) split along the boundary of
 * RFC 2046 §5.1.1; the part headers are MIME headers (RFC 2045 §3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "multipart.h"

/* RFC 2046 §5.1.1 bcharsnospace, plus space (not last). */
static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("'()+_,-./:=? ", c));
}

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* RFC 2045 §5.1 token characters. */
static int
tchar(int c)
{
	return c > 32 && c < 127 && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

/* One parameter value (token or quoted-string, RFC 2045 §5.1 / RFC 822
 * quoted-pair) at *pp; a malloc'd copy, or NULL (malformed or memory). */
static char *
param_value(const char **pp, const char *end)
{
	const char *p = *pp;
	char	*out, *o;

	if ((out = o = malloc((size_t)(end - p) + 1)) == NULL)
		return NULL;
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			if ((unsigned char)*p < 32 && *p != '\t')
				goto bad;
			*o++ = *p;
		}
		if (p == end)
			goto bad;
		p++;
	} else {
		while (p < end && tchar((unsigned char)*p))
			*o++ = *p++;
		if (o == out)
			goto bad;
	}
	*o = '\0';
	*pp = p;
	return out;
bad:
	free(out);
	return NULL;
}

int
mp_boundary(const char *ct, char out[MP_BOUNDARY_MAX + 1])
{
	const char *p = ct, *end = ct + strlen(ct), *v;
	char	*val;
	size_t	 n;

	if (strncasecmp(p, "multipart/form-data", 19) != 0)
		return -1;
	for (p += 19; (p = skip_ws(p, end)) < end && *p == ';';) {
		p = skip_ws(p + 1, end);
		v = memchr(p, '=', (size_t)(end - p));
		if (v == NULL)
			return -1;
		if ((size_t)(v - p) != 8 || strncasecmp(p, "boundary", 8) != 0) {
			p = v + 1;
			if ((val = param_value(&p, end)) == NULL)
				return -1;
			free(val);
			continue;
		}
		p = v + 1;
		if ((val = param_value(&p, end)) == NULL)
			return -1;
		n = strlen(val);
		for (size_t i = 0; i < n; i++)
			if (!bchar((unsigned char)val[i]))
				n = 0;
		if (n == 0 || n > MP_BOUNDARY_MAX || val[n - 1] == ' ') {
			free(val);
			return -1;
		}
		memcpy(out, val, n + 1);
		free(val);
		return 0;
	}
	return -1;
}

/* Content-Disposition: form-data; name="x"; filename="y" (RFC 7578 §4.2). */
static int
disposition(struct mp_part *pt, const char *p, const char *end)
{
	const char *eq;
	char	*v, **dst;

	if ((size_t)(end - p) < 9 || strncasecmp(p, "form-data", 9) != 0)
		return -1;
	for (p += 9; (p = skip_ws(p, end)) < end;) {
		if (*p != ';')
			return -1;
		p = skip_ws(p + 1, end);
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			return -1;
		dst = NULL;
		if (eq - p == 4 && strncasecmp(p, "name", 4) == 0)
			dst = &pt->name;
		else if (eq - p == 8 && strncasecmp(p, "filename", 8) == 0)
			dst = &pt->filename;
		p = eq + 1;
		if ((v = param_value(&p, end)) == NULL)
			return -1;
		if (dst == NULL || *dst != NULL) {	/* others (filename*) ignored */
			free(v);
			if (dst != NULL)
				return -1;	/* a repeated parameter */
			continue;
		}
		*dst = v;
	}
	return pt->name != NULL && pt->name[0] != '\0' ? 0 : -1;
}

/* The header block h[0..n), CRLF-separated lines (no folding). */
static int
headers(struct mp_part *pt, const char *h, size_t n)
{
	const char *end = h + n, *eol, *colon, *v;
	int	 cd = 0;

	for (; h < end; h = eol + 2) {
		if ((eol = memmem(h, (size_t)(end - h), "\r\n", 2)) == NULL)
			eol = end;
		if ((colon = memchr(h, ':', (size_t)(eol - h))) == NULL || colon == h)
			return -1;
		for (v = h; v < eol; v++)
			if (((unsigned char)*v < 32 && *v != '\t') || *v == 127)
				return -1;
		v = skip_ws(colon + 1, eol);
		if (colon - h == 19 && strncasecmp(h, "Content-Disposition", 19) == 0) {
			if (cd++ || disposition(pt, v, eol) == -1)
				return -1;
		} else if (colon - h == 12 && strncasecmp(h, "Content-Type", 12) == 0) {
			if (pt->ctype != NULL || (pt->ctype = strndup(v, (size_t)(eol - v))) == NULL)
				return -1;
		}
		if (eol == end)
			break;
	}
	return cd ? 0 : -1;
}

/* One part starting at body[*pos] (just after its delimiter line). */
static enum mp_err
one_part(struct multipart *mp, const char *body, size_t len, size_t *pos,
    const char *delim, size_t dlen, const struct mp_limits *lim)
{
	struct mp_part *pt = &mp->p[mp->n];
	const char *h = body + *pos, *hend, *c, *e;
	size_t	 room = len - *pos;

	memset(pt, 0, sizeof(*pt));
	mp->n++;	/* owned from here, so mp_free releases it */
	if (room >= 2 && memcmp(h, "\r\n", 2) == 0)
		return MP_MALFORMED;	/* no Content-Disposition */
	hend = memmem(h, room < lim->max_header + 4 ? room : lim->max_header + 4, "\r\n\r\n", 4);
	if (hend == NULL)
		return room > lim->max_header ? MP_TOO_BIG : MP_MALFORMED;
	if (headers(pt, h, (size_t)(hend - h)) == -1)
		return MP_MALFORMED;
	c = hend + 4;
	if ((e = memmem(c, (size_t)(body + len - c), delim, dlen)) == NULL)
		return MP_MALFORMED;	/* the last part has no closing delimiter */
	pt->data = c;
	pt->len = (size_t)(e - c);
	if (pt->len > (pt->filename ? lim->max_file : lim->max_field))
		return MP_TOO_BIG;
	if (pt->filename == NULL && (pt->value = strndup(c, pt->len)) == NULL)
		return MP_NOMEM;
	*pos = (size_t)(e - body) + dlen;
	return MP_OK;
}

/* After a delimiter: "--" closes the body; else transport padding and CRLF. */
static int
after_delimiter(const char *body, size_t len, size_t *pos)
{
	size_t	 p = *pos;

	if (p + 2 <= len && memcmp(body + p, "--", 2) == 0)
		return 1;
	while (p < len && (body[p] == ' ' || body[p] == '\t'))
		p++;
	if (p + 2 > len || memcmp(body + p, "\r\n", 2) != 0)
		return -1;
	*pos = p + 2;
	return 0;
}

enum mp_err
mp_parse(struct multipart *mp, const char *body, size_t len, const char *boundary,
    const struct mp_limits *lim)
{
	char	 delim[MP_BOUNDARY_MAX + 5];
	size_t	 dlen, pos, maxp = lim->max_parts < MP_PARTS_MAX ? lim->max_parts : MP_PARTS_MAX;
	const char *first;
	enum mp_err err = MP_MALFORMED;
	int	 st;

	memset(mp, 0, sizeof(*mp));
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	/* The first delimiter may open the body (no preamble, no CRLF). */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if ((first = memmem(body, len, delim, dlen)) != NULL)
		pos = (size_t)(first - body) + dlen;
	else
		return MP_MALFORMED;
	while ((st = after_delimiter(body, len, &pos)) == 0) {
		if (mp->n == maxp) {
			err = MP_TOO_MANY;
			goto err;
		}
		if ((err = one_part(mp, body, len, &pos, delim, dlen, lim)) != MP_OK)
			goto err;
	}
	if (st == 1 && mp->n > 0)
		return MP_OK;	/* the epilogue after the close delimiter is ignored */
	err = MP_MALFORMED;
err:
	mp_free(mp);
	return err;
}

const char *
mp_strerror(enum mp_err e)
{
	switch (e) {
	case MP_OK:		return "no error";
	case MP_TOO_MANY:	return "too many parts";
	case MP_TOO_BIG:	return "a part is too large";
	case MP_NOMEM:		return "out of memory";
	default:		return "malformed multipart/form-data body";
	}
}

void
mp_free(struct multipart *mp)
{
	for (size_t i = 0; i < mp->n; i++) {
		free(mp->p[i].name);
		free(mp->p[i].filename);
		free(mp->p[i].ctype);
		free(mp->p[i].value);
	}
	mp->n = 0;
}
