/* sniff: what an attachment is, judged from its bytes, never from the name
 * or type the client sent. Pure. */
#ifndef CHARTER_SNIFF_H
#define CHARTER_SNIFF_H
#include <stddef.h>

/* The media type of p[0..n) if it is one the board accepts (PDF, PNG, JPEG,
 * HWP, HWPX, UTF-8 plain text); NULL for anything else (an executable
 * renamed .pdf, an empty file, ...). */
const char *sniff_media_type(const void *p, size_t n);

#endif
