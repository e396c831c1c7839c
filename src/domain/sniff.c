/* sniff: magic numbers of the accepted formats. */
#include <string.h>
#include "sniff.h"
#include "../util/utf8.h"

#define HWP_SCAN_MAX	(1024 * 1024)	/* where the HWP FileHeader stream may sit */

static int
starts(const unsigned char *p, size_t n, const void *magic, size_t m)
{
	return n >= m && memcmp(p, magic, m) == 0;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* HWP 5.0: an OLE2 compound file (MS-CFB §2.2 header signature) whose
 * FileHeader stream opens with "HWP Document File" (HWP 5.0 spec §3.2.1). */
static int
is_hwp(const unsigned char *p, size_t n)
{
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	static const char sig[] = "HWP Document File";

	return starts(p, n, ole, 8) &&
	    memmem(p, n < HWP_SCAN_MAX ? n : HWP_SCAN_MAX, sig, sizeof(sig) - 1) != NULL;
}

/* HWPX (OWPML, KS X 6101): like ODF, a ZIP whose first entry is a stored
 * "mimetype" holding "application/hwp+zip" (APPNOTE.TXT §4.3.7 local header). */
static int
is_hwpx(const unsigned char *p, size_t n)
{
	static const char mt[] = "application/hwp+zip";
	size_t	 name, extra, data;

	if (!starts(p, n, "PK\3\4", 4) || n < 30)
		return 0;
	name = le16(p + 26);
	extra = le16(p + 28);
	data = 30 + name + extra;
	return le16(p + 8) == 0 && name == 8 && data + sizeof(mt) - 1 <= n &&
	    memcmp(p + 30, "mimetype", 8) == 0 && memcmp(p + data, mt, sizeof(mt) - 1) == 0;
}

const char *
sniff_media_type(const void *v, size_t n)
{
	const unsigned char *p = v;
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	static const unsigned char jpeg[3] = { 0xFF, 0xD8, 0xFF };

	if (n == 0)
		return NULL;
	if (starts(p, n, "%PDF-", 5))
		return "application/pdf";
	if (starts(p, n, png, sizeof(png)))
		return "image/png";
	if (starts(p, n, jpeg, sizeof(jpeg)))
		return "image/jpeg";
	if (is_hwp(p, n))
		return "application/x-hwp";
	if (is_hwpx(p, n))
		return "application/hwp+zip";
	if (utf8_valid(v, n, NULL) && !utf8_has_controls(v, n) && memchr(v, '\0', n) == NULL)
		return "text/plain; charset=utf-8";
	return NULL;
}
