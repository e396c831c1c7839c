/* csrf: stateless secrets of the board, keyed by the site secret so any
 * worker on any host checks them: CSRF form tokens (HMAC-SHA256 over the
 * issue time), the citizen's access code, and the one-time hand-over ticket
 * that carries that code from POST /board to the receipt page (AES-256-GCM),
 * so the plain code is never stored or logged. Pure (OpenSSL crypto only). */
#ifndef CHARTER_CSRF_H
#define CHARTER_CSRF_H
#include <stddef.h>
#include <time.h>

#define CSRF_TOKEN_MAX	64	/* base64url of 8 + 32 bytes (54) + NUL */
#define CSRF_MAX_AGE	(2 * 3600)	/* seconds a form stays postable */
#define ACCESS_CODE_MAX	20	/* "ABCD-EFGH-JKMN-PQRS" + NUL */
#define TICKET_MAX	192
#define TICKET_MAX_AGE	600	/* seconds the receipt page can show the code */

enum csrf_result { CSRF_OK = 0, CSRF_MISSING, CSRF_FORGED, CSRF_EXPIRED };

/* A token for a form issued at now; 0, or -1 if the secret is empty. */
int	 csrf_issue(const unsigned char *key, size_t keylen, time_t now,
	    char out[CSRF_TOKEN_MAX]);
/* Checks tok (NULL allowed) at now: issued by us, not in the future (60 s of
 * clock skew between hosts allowed), at most max_age old. Constant time. */
enum csrf_result csrf_check(const unsigned char *key, size_t keylen,
	    const char *tok, time_t now, long max_age);

/* A new random access code: 16 characters of Crockford's base32 (80 bits),
 * in groups of four. 0 or -1 (no randomness). */
int	 access_code_new(char out[ACCESS_CODE_MAX]);
/* The SHA-256 hex of a code as a citizen may type it (dashes, spaces and
 * case ignored; I/L read as 1, O as 0). 0, or -1 if it cannot be a code. */
int	 access_code_hash(const char *typed, char hex[65]);

/* Seals code for the receipt page of receipt, valid until now + max_age:
 * base64url(expiry | nonce | ciphertext | tag), with the receipt number as
 * associated data so a ticket opens only its own receipt. 0 or -1. */
int	 ticket_seal(const unsigned char *key, size_t keylen, const char *receipt,
	    const char *code, time_t now, char out[TICKET_MAX]);
/* Opens a ticket; 0 with the code, or -1 (forged, other receipt, expired). */
int	 ticket_open(const unsigned char *key, size_t keylen, const char *receipt,
	    const char *ticket, time_t now, char code[ACCESS_CODE_MAX]);

/* RFC 4648 §5 base64url without padding. out needs 4 * ceil(n / 3) + 1. */
void	 b64url_encode(const unsigned char *in, size_t n, char *out);
/* Decodes into out (room bytes); the length, or -1. */
long	 b64url_decode(const char *in, unsigned char *out, size_t room);

#endif
