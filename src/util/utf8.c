/* utf8: strict UTF-8 validation, RFC 3629 section 4 (the syntax of UTF-8). */
#include "utf8.h"

int
utf8_valid(const char *s, size_t n, size_t *off)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t	 i = 0, k, len;
	unsigned int cp, min;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			len = 2; cp = p[i] & 0x1f; min = 0x80;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			len = 3; cp = p[i] & 0x0f; min = 0x800;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			len = 4; cp = p[i] & 0x07; min = 0x10000;
		} else
			goto bad;
		if (n - i < len)
			goto bad;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += len;
	}
	return 1;
bad:
	if (off)
		*off = i;
	return 0;
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t	 i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

int
utf8_has_controls(const char *s, size_t n)
{
	size_t	 i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return 1;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8 */
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}
