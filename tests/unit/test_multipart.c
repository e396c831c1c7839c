/* test_multipart: multipart/form-data parsing (src/front/multipart.h),
 * RFC 7578 bodies as browsers send them and malformed ones. */
#include <string.h>
#include "front/multipart.h"
#include "tap.h"

static const struct mp_limits lim = { 8, 1024, 100, 1000 };

static enum mp_err
parse(struct multipart *mp, const char *body, size_t n)
{
	return mp_parse(mp, body, n, "XyZ", &lim);
}

#define BODY(s) s, sizeof(s) - 1

int
main(void)
{
	struct multipart mp;
	char	 b[MP_BOUNDARY_MAX + 1], big[4096];
	static const char two[] =
	    "preamble\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "\xEC\xA0\x9C\xEB\xAA\xA9\r\n"
	    "--XyZ  \r\n"
	    "content-disposition: form-data; name=\"attachment\"; filename=\"a \\\"b\\\".pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n"
	    "%PDF-1.4\r\n\0bin\r\n"
	    "--XyZ--\r\nepilogue";

	is_int(mp_boundary("multipart/form-data; boundary=XyZ", b), 0, "boundary token");
	is_str(b, "XyZ", "  value");
	is_int(mp_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b'()+_,-./:=?\"", b), 0,
	    "quoted boundary with every bchar, after another parameter");
	is_str(b, "a b'()+_,-./:=?", "  value");
	is_int(mp_boundary("multipart/form-data", b), -1, "no boundary refused");
	is_int(mp_boundary("multipart/mixed; boundary=x", b), -1, "another type refused");
	is_int(mp_boundary("multipart/form-data; boundary=\"ends \"", b), -1, "trailing space refused");
	is_int(mp_boundary("multipart/form-data; boundary=\"a<b\"", b), -1, "non-bchar refused");
	memset(big, 'a', 80);
	strcpy(big + 80, "\0");
	{
		char ct[200];
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%.80s", big);
		is_int(mp_boundary(ct, b), -1, "boundary over 70 characters refused");
	}

	is_int(parse(&mp, BODY(two)), MP_OK, "two parts with preamble, padding and epilogue");
	is_int(mp.n, 2, "  two parts");
	is_str(mp.p[0].name, "title", "  field name");
	is_str(mp.p[0].value, "\xEC\xA0\x9C\xEB\xAA\xA9", "  Korean value byte for byte");
	ok(mp.p[0].filename == NULL, "  a field has no filename");
	is_str(mp.p[1].filename, "a \"b\".pdf", "  quoted-pair in filename");
	is_str(mp.p[1].ctype, "application/pdf", "  part Content-Type");
	is_int(mp.p[1].len, 14, "  file length with CRLF and NUL inside");
	ok(memcmp(mp.p[1].data, "%PDF-1.4\r\n\0bin", 14) == 0, "  file bytes");
	ok(mp.p[1].value == NULL, "  files are not copied");
	mp_free(&mp);

	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--XyZ--")),
	    MP_OK, "empty value, body starting with the delimiter");
	is_str(mp.p[0].value, "", "  empty");
	mp_free(&mp);

	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")),
	    MP_MALFORMED, "no closing delimiter");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ\r\n")),
	    MP_MALFORMED, "last delimiter not closed");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "no Content-Disposition");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "disposition other than form-data");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "no name");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "name given twice");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "unterminated quoted string");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition form-data; name=a\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "header without colon");
	is_int(parse(&mp, BODY("--XyZx\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "delimiter followed by other text");
	is_int(parse(&mp, BODY("no delimiter at all")), MP_MALFORMED, "no delimiter");
	is_int(parse(&mp, BODY("--XyZ--")), MP_MALFORMED, "no parts");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "01234567890123456789012345678901234567890123456789"
	    "012345678901234567890123456789012345678901234567890\r\n--XyZ--")),
	    MP_TOO_BIG, "field over max_field");
	{
		size_t o = (size_t)snprintf(big, sizeof(big), "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
		memset(big + o, 'p', 1100);
		o += 1100;
		o += (size_t)snprintf(big + o, sizeof(big) - o, "\r\n\r\nx\r\n--XyZ--");
		is_int(parse(&mp, big, o), MP_TOO_BIG, "header block over max_header");
		o = 0;
		for (int i = 0; i < 9; i++)
			o += (size_t)snprintf(big + o, sizeof(big) - o,
			    "--XyZ\r\nContent-Disposition: form-data; name=f%d\r\n\r\nv\r\n", i);
		o += (size_t)snprintf(big + o, sizeof(big) - o, "--XyZ--");
		is_int(parse(&mp, big, o), MP_TOO_MANY, "nine parts over max_parts 8");
		is_int(mp.n, 0, "  nothing kept on failure");
	}
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX: \x01\r\n\r\nx\r\n--XyZ--")),
	    MP_MALFORMED, "control character in a header");
	is_int(parse(&mp, BODY("--XyZ\r\nContent-Disposition: form-data; name=a; filename*=UTF-8''x\r\n\r\nx\r\n--XyZ--")),
	    MP_OK, "filename* (RFC 7578 §4.2 says not to use it) ignored");
	ok(mp.n == 1 && mp.p[0].filename == NULL, "  still a plain field");
	mp_free(&mp);
	return done_testing();
}
