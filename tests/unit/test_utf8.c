/* test_utf8: strict UTF-8 validation (src/util/utf8.h, RFC 3629 §4) of
 * untrusted text: uploads and survey answers. */
#include <string.h>
#include "util/utf8.h"
#include "tap.h"

static void
valid(const char *s, size_t n, const char *what)
{
	size_t	 off = 12345;

	is_int(utf8_valid(s, n, &off), 1, "valid: %s", what);
	is_int(off, 12345, "  offset left alone");
}

static void
invalid(const char *s, size_t n, size_t at, const char *what)
{
	size_t	 off = 12345;

	is_int(utf8_valid(s, n, &off), 0, "invalid: %s", what);
	is_int(off, at, "  first bad byte at %zu", at);
}

#define V(s, what)	valid((s), sizeof(s) - 1, (what))
#define I(s, at, what)	invalid((s), sizeof(s) - 1, (at), (what))

int
main(void)
{
	/* Well-formed: every length of sequence, and the boundaries. */
	V("", "empty");
	V("hello, world\n", "ASCII");
	V("포천시 공통서비스이행기준", "Korean (3-byte)");
	V("\xc2\xa9 \xc3\xa9", "2-byte (© é)");
	V("\xf0\x9f\x98\x80", "4-byte emoji U+1F600");
	V("\xc2\x80", "U+0080, smallest 2-byte");
	V("\xdf\xbf", "U+07FF, largest 2-byte");
	V("\xe0\xa0\x80", "U+0800, smallest 3-byte");
	V("\xed\x9f\xbf", "U+D7FF, just below the surrogates");
	V("\xee\x80\x80", "U+E000, just above the surrogates");
	V("\xef\xbf\xbf", "U+FFFF");
	V("\xf0\x90\x80\x80", "U+10000, smallest 4-byte");
	V("\xf4\x8f\xbf\xbf", "U+10FFFF, the last code point");
	/* NUL is a valid code point; only the caller may refuse it. */
	valid("a\0b", 3, "embedded NUL");
	/* Only n bytes are looked at. */
	valid("ok\xff", 2, "bad byte past n ignored");
	is_int(utf8_valid("abc", 3, NULL), 1, "NULL offset pointer allowed (valid)");
	is_int(utf8_valid("\xff", 1, NULL), 0, "NULL offset pointer allowed (invalid)");

	/* Ill-formed, with the offset of the first bad byte. */
	I("\x80", 0, "lone continuation byte");
	I("ab\xbf", 2, "continuation byte after ASCII");
	I("한\x80", 3, "continuation byte after a full character");
	I("\xc0\x80", 0, "overlong NUL C0 80");
	I("\xc1\xbf", 0, "overlong C1 BF");
	I("\xe0\x80\x80", 0, "overlong 3-byte E0 80 80");
	I("\xe0\x9f\xbf", 0, "overlong 3-byte E0 9F BF (U+07FF)");
	I("\xf0\x80\x80\x80", 0, "overlong 4-byte F0 80 80 80");
	I("\xf0\x8f\xbf\xbf", 0, "overlong 4-byte F0 8F BF BF (U+FFFF)");
	I("\xed\xa0\x80", 0, "surrogate U+D800 ED A0 80");
	I("\xed\xbf\xbf", 0, "surrogate U+DFFF ED BF BF");
	I("\xed\xa0\xbd\xed\xb8\x80", 0, "CESU-8 surrogate pair");
	I("\xf4\x90\x80\x80", 0, "U+110000 F4 90 80 80");
	I("\xf5\x80\x80\x80", 0, "lead byte F5");
	I("\xf8\x88\x80\x80\x80", 0, "5-byte form F8");
	I("\xfe", 0, "byte FE");
	I("\xff", 0, "byte FF");
	I("\xc3", 0, "truncated 2-byte at the end");
	I("\xed\x95", 0, "truncated 3-byte at the end");
	I("abc\xf0\x9f\x98", 3, "truncated 4-byte at the end, after ASCII");
	I("\xc3(", 0, "lead byte then ASCII (C3 28, the bad-utf8 fixture)");
	I("\xe3\x81z", 0, "3-byte cut short by ASCII");
	I("\xf0\x9f\x98\x80\xf0\x9f\x98", 4, "good emoji then a truncated one");
	I("포천\xed\xa0\x80시", 6, "surrogate after two Korean characters");
	/* n cuts a sequence that the buffer completes: still truncated. */
	invalid("\xed\x95\x9c", 2, 0, "sequence cut by n");

	/* utf8_chars counts code points, not bytes. */
	is_int(utf8_chars("", 0), 0, "chars: empty");
	is_int(utf8_chars("abc", 3), 3, "chars: ASCII");
	is_int(utf8_chars("한글", strlen("한글")), 2, "chars: 한글 is 2");
	is_int(strlen("한글"), 6, "  in 6 bytes");
	is_int(utf8_chars("a\xc2\xa9\xf0\x9f\x98\x80", 7), 3, "chars: mixed 1/2/4-byte");
	is_int(utf8_chars("포천시", 6), 2, "chars: only n bytes counted");

	/* utf8_has_controls: C0 controls and DEL, except TAB, LF, CR. */
	is_int(utf8_has_controls("plain text", 10), 0, "controls: plain text");
	is_int(utf8_has_controls("a\tb\nc\r\n", 7), 0, "controls: TAB LF CR allowed");
	is_int(utf8_has_controls("한글 답변", strlen("한글 답변")), 0, "controls: Korean");
	is_int(utf8_has_controls("a\0b", 3), 1, "controls: NUL");
	is_int(utf8_has_controls("\x01", 1), 1, "controls: SOH");
	is_int(utf8_has_controls("bell\a", 5), 1, "controls: BEL");
	is_int(utf8_has_controls("esc\x1b[31m", 8), 1, "controls: ESC (terminal escapes)");
	is_int(utf8_has_controls("\x1f", 1), 1, "controls: US (0x1F)");
	is_int(utf8_has_controls("del\x7f", 4), 1, "controls: DEL");
	is_int(utf8_has_controls("\x0b\x0c", 2), 1, "controls: VT and FF");
	is_int(utf8_has_controls(" ", 1), 0, "controls: space is not one");
	/* C1 controls (U+0080..U+009F, C2 80..C2 9F) are controls too; U+00A0 is not */
	is_int(utf8_has_controls("a\xc2\x85", 3), 1, "controls: NEL (U+0085)");
	is_int(utf8_has_controls("\xc2\x9b", 2), 1, "controls: CSI (U+009B)");
	is_int(utf8_has_controls("\xc2\xa0", 2), 0, "controls: NBSP is not one");
	is_int(utf8_has_controls("ok\x01", 2), 0, "controls: only n bytes");
	is_int(utf8_has_controls("", 0), 0, "controls: empty");
	return done_testing();
}
