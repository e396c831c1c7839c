/* test_sniff: attachment types from content (src/domain/sniff.h). */
#include <string.h>
#include "domain/sniff.h"
#include "tap.h"

#define S(x) sniff_media_type(x, sizeof(x) - 1)

int
main(void)
{
	unsigned char hwp[2048] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char hwpx[128] = "PK\3\4";
	unsigned char zip[128] = "PK\3\4";

	is_str(S("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "application/pdf", "PDF");
	is_str(S("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), "image/png", "PNG");
	is_str(S("\xFF\xD8\xFF\xE0\0\x10JFIF"), "image/jpeg", "JPEG");
	memcpy(hwp + 1100, "HWP Document File", 17);
	is_str(sniff_media_type(hwp, sizeof(hwp)), "application/x-hwp", "HWP 5.0 (OLE2 + signature)");
	memset(hwp + 1100, 0, 17);
	is_str(sniff_media_type(hwp, sizeof(hwp)), NULL, "OLE2 without the HWP signature (a .doc) refused");
	hwpx[26] = 8;
	memcpy(hwpx + 30, "mimetypeapplication/hwp+zip", 27);
	is_str(sniff_media_type(hwpx, sizeof(hwpx)), "application/hwp+zip", "HWPX");
	zip[26] = 8;
	memcpy(zip + 30, "mimetypeapplication/epub+zip", 28);
	is_str(sniff_media_type(zip, sizeof(zip)), NULL, "another ZIP refused");
	is_str(S("PK\3\4"), NULL, "truncated ZIP header refused");
	is_str(S("\xEB\x8B\xA8\xEC\x88\x9C \xED\x85\x8D\xEC\x8A\xA4\xED\x8A\xB8\r\n\tline 2\n"),
	    "text/plain; charset=utf-8", "UTF-8 text with CR, LF, TAB");
	is_str(S("\x7F" "ELF\2\1\1\0\0\0"), NULL, "ELF executable refused");
	is_str(S("MZ\x90\0\3\0\0\0\4\0"), NULL, "Windows .exe refused");
	is_str(S("text with \x01 control"), NULL, "text with a control character refused");
	is_str(S("\xC3\x28 bad utf-8"), NULL, "ill-formed UTF-8 refused");
	is_str(S("text\0with NUL"), NULL, "NUL refused");
	is_str(sniff_media_type("", 0), NULL, "empty file refused");
	is_str(S("%PDF"), "text/plain; charset=utf-8", "\"%%PDF\" without the dash is only text");
	return done_testing();
}
