/* test_csrf: CSRF tokens, access codes and receipt tickets (src/domain/csrf.h). */
#include <string.h>
#include "domain/csrf.h"
#include "tap.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
static const unsigned char other[] = "fedcba9876543210fedcba9876543210";

int
main(void)
{
	char	 tok[CSRF_TOKEN_MAX], bad[TICKET_MAX], code[ACCESS_CODE_MAX], h1[65], h2[65];
	char	 t[TICKET_MAX], back[ACCESS_CODE_MAX], enc[64];
	unsigned char dec[64];
	time_t	 now = 1780000000;

	b64url_encode((const unsigned char *)"\xfb\xff\xfe", 3, enc);
	is_str(enc, "-__-", "base64url alphabet (RFC 4648 §5)");
	b64url_encode((const unsigned char *)"ab", 2, enc);
	is_str(enc, "YWI", "  no padding");
	is_int(b64url_decode("YWI", dec, sizeof(dec)), 2, "decodes back");
	is_int(b64url_decode("YWJ", dec, sizeof(dec)), -1, "non-zero pad bits refused");
	is_int(b64url_decode("YW=I", dec, sizeof(dec)), -1, "foreign character refused");

	is_int(csrf_issue(key, 32, now, tok), 0, "token issued");
	is_int(strlen(tok), 54, "  54 characters");
	is_int(csrf_check(key, 32, tok, now, CSRF_MAX_AGE), CSRF_OK, "fresh token accepted");
	is_int(csrf_check(key, 32, tok, now + CSRF_MAX_AGE, CSRF_MAX_AGE), CSRF_OK, "accepted at 2 h");
	is_int(csrf_check(key, 32, tok, now + CSRF_MAX_AGE + 1, CSRF_MAX_AGE), CSRF_EXPIRED, "expired after 2 h");
	is_int(csrf_check(key, 32, tok, now - 3600, CSRF_MAX_AGE), CSRF_EXPIRED, "from the future refused");
	is_int(csrf_check(other, 32, tok, now, CSRF_MAX_AGE), CSRF_FORGED, "another key refuses it");
	is_int(csrf_check(key, 32, NULL, now, CSRF_MAX_AGE), CSRF_MISSING, "missing");
	is_int(csrf_check(key, 32, "", now, CSRF_MAX_AGE), CSRF_MISSING, "empty is missing");
	strcpy(bad, tok);
	bad[20] = bad[20] == 'A' ? 'B' : 'A';
	is_int(csrf_check(key, 32, bad, now, CSRF_MAX_AGE), CSRF_FORGED, "one character changed: forged");
	is_int(csrf_check(key, 32, "not base64!", now, CSRF_MAX_AGE), CSRF_FORGED, "garbage: forged");
	is_int(csrf_issue(key, 0, now, tok), -1, "no secret, no token");

	is_int(access_code_new(code), 0, "access code made");
	is_int(strlen(code), 19, "  XXXX-XXXX-XXXX-XXXX");
	ok(code[4] == '-' && code[9] == '-' && code[14] == '-', "  grouped by four");
	is_int(access_code_hash(code, h1), 0, "hashes");
	{
		char lower[ACCESS_CODE_MAX], spaced[40];
		for (size_t i = 0; i <= strlen(code); i++)
			lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
		access_code_hash(lower, h2);
		is_str(h2, h1, "  case ignored");
		snprintf(spaced, sizeof(spaced), "%.4s %.4s%.4s %.4s", code, code + 5, code + 10, code + 15);
		access_code_hash(spaced, h2);
		is_str(h2, h1, "  dashes and spaces ignored");
	}
	is_int(access_code_hash("0000-0000-0000-000", h2), -1, "15 characters refused");
	is_int(access_code_hash("0000-0000-0000-0000-0", h2), -1, "17 characters refused");
	is_int(access_code_hash("UUUU-0000-0000-0000", h2), -1, "U is not in the alphabet");
	access_code_hash("O0IL-0000-0000-0000", h1);
	access_code_hash("0011-0000-0000-0000", h2);
	is_str(h1, h2, "O reads as 0, I and L as 1");

	strcpy(code, "ABCD-EFGH-JKMN-PQRS");
	is_int(ticket_seal(key, 32, "2026-pocheon-common-000001", code, now, t), 0, "ticket sealed");
	ok(strstr(t, "ABCD") == NULL, "  the code is not readable in it");
	is_int(ticket_open(key, 32, "2026-pocheon-common-000001", t, now + 5, back), 0, "ticket opens");
	is_str(back, code, "  the code comes back");
	is_int(ticket_open(key, 32, "2026-pocheon-common-000002", t, now, back), -1, "not for another receipt");
	is_int(ticket_open(other, 32, "2026-pocheon-common-000001", t, now, back), -1, "not with another key");
	is_int(ticket_open(key, 32, "2026-pocheon-common-000001", t, now + TICKET_MAX_AGE + 1, back), -1,
	    "expired");
	strcpy(bad, t);
	bad[30] = bad[30] == 'A' ? 'B' : 'A';
	is_int(ticket_open(key, 32, "2026-pocheon-common-000001", bad, now, back), -1, "tampered");
	return done_testing();
}
