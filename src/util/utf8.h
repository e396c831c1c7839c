/* utf8: validation of untrusted text (RFC 3629). */
#ifndef CHARTER_UTF8_H
#define CHARTER_UTF8_H
#include <stddef.h>

/* Returns 1 if p[0..n) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF); otherwise 0 and, if off is not NULL, the offset
 * of the first bad byte. */
int	 utf8_valid(const char *p, size_t n, size_t *off);
/* Number of code points in a valid UTF-8 string. */
size_t	 utf8_chars(const char *p, size_t n);
/* 1 if the text holds a control character (C0 other than TAB, LF and CR,
 * DEL, or C1). */
int	 utf8_has_controls(const char *p, size_t n);

#endif
