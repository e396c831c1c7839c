/* form: urlencoded parsing; '+' is a space, %XX a byte; bad escapes refused. */
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "../util/diag.h"
#include "../util/utf8.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes p[0..n) into a new string; *outlen gets its length. */
static char *
decode(const char *p, size_t n, size_t *outlen)
{
	char	*s, *o;
	size_t	 i;
	int	 hi, lo;

	if ((s = o = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (p[i] == '+')
			*o++ = ' ';
		else if (p[i] == '%') {
			if (i + 2 >= n) {	/* "%" or "%X" at the end */
				free(s);
				return NULL;
			}
			if ((hi = hexval(p[i + 1])) < 0 || (lo = hexval(p[i + 2])) < 0) {
				free(s);
				return NULL;
			}
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = p[i];
	}
	*o = '\0';
	*outlen = (size_t)(o - s);
	return s;
}

int
form_parse(struct form *f, const char *p, size_t len)
{
	const char *end = p + len, *amp, *eq;
	size_t	 nl;

	memset(f, 0, sizeof(*f));
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if (f->n == FORM_MAX_FIELDS)
			goto bad;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		f->f[f->n].name = decode(p, (size_t)(eq - p), &nl);
		f->f[f->n].value = eq < amp ?
		    decode(eq + 1, (size_t)(amp - eq - 1), &f->f[f->n].vlen) :
		    decode("", 0, &f->f[f->n].vlen);
		if (f->f[f->n].name == NULL || f->f[f->n].value == NULL ||
		    strlen(f->f[f->n].name) != nl) {
			f->n++;
			goto bad;
		}
		f->n++;
		p = amp < end ? amp + 1 : end;
	}
	return 0;
bad:
	form_free(f);
	return -1;
}

const struct form_field *
form_get(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return &f->f[i];
	return NULL;
}

const char *
form_text(const struct form *f, const char *name, struct diag *dg)
{
	const struct form_field *v = form_get(f, name);

	if (v == NULL || v->vlen == 0)
		return NULL;
	if (strlen(v->value) != v->vlen || !utf8_valid(v->value, v->vlen, NULL)) {
		diag_add(dg, 0, "%s: not valid text", name);
		return NULL;
	}
	return v->value;
}

void
form_free(struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].name);
		free(f->f[i].value);
	}
	memset(f, 0, sizeof(*f));
}
