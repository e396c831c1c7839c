/* csrf: HMAC-SHA256 form tokens, access codes and AES-256-GCM tickets. Keys
 * are derived per purpose from the site secret (HMAC with a label), so a
 * value made for one purpose is never accepted for another. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include "csrf.h"
#include "token.h"

#define MAC_LEN	32
#define NONCE_LEN 12
#define TAG_LEN	16

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
b64url_encode(const unsigned char *in, size_t n, char *out)
{
	size_t	 i;
	uint32_t v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*out++ = b64[v >> 18];
		*out++ = b64[(v >> 12) & 63];
		*out++ = b64[(v >> 6) & 63];
		*out++ = b64[v & 63];
	}
	if (n - i == 1) {
		*out++ = b64[in[i] >> 2];
		*out++ = b64[(in[i] & 3) << 4];
	} else if (n - i == 2) {
		v = (uint32_t)in[i] << 8 | in[i + 1];
		*out++ = b64[v >> 10];
		*out++ = b64[(v >> 4) & 63];
		*out++ = b64[(v & 15) << 2];
	}
	*out = '\0';
}

long
b64url_decode(const char *in, unsigned char *out, size_t room)
{
	size_t	 n = 0, bits = 0;
	uint32_t acc = 0;
	const char *c;

	for (; *in; in++) {
		if ((c = strchr(b64, *in)) == NULL)
			return -1;
		acc = (acc << 6) | (uint32_t)(c - b64);
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (n == room)
				return -1;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	/* leftover bits must be zero padding of fewer than 6 bits */
	if (bits >= 6 || (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)n;
}

/* HMAC-SHA256(key, label | msg). */
static int
mac(const unsigned char *key, size_t keylen, const char *label,
    const unsigned char *msg, size_t n, unsigned char out[MAC_LEN])
{
	unsigned char buf[64];
	unsigned int olen = MAC_LEN;
	size_t	 ll = strlen(label);

	if (ll + n > sizeof(buf))
		return -1;
	memcpy(buf, label, ll);
	if (n > 0)
		memcpy(buf + ll, msg, n);
	return HMAC(EVP_sha256(), key, (int)keylen, buf, ll + n, out, &olen) ? 0 : -1;
}

static void
put_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t
get_be64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int
csrf_issue(const unsigned char *key, size_t keylen, time_t now, char out[CSRF_TOKEN_MAX])
{
	unsigned char raw[8 + MAC_LEN];

	if (keylen == 0)
		return -1;
	put_be64(raw, (uint64_t)now);
	if (mac(key, keylen, "csrf:", raw, 8, raw + 8) == -1)
		return -1;
	b64url_encode(raw, sizeof(raw), out);
	return 0;
}

enum csrf_result
csrf_check(const unsigned char *key, size_t keylen, const char *tok, time_t now,
    long max_age)
{
	unsigned char raw[8 + MAC_LEN + 1], want[MAC_LEN];
	int64_t	 t;

	if (tok == NULL || *tok == '\0')
		return CSRF_MISSING;
	if (keylen == 0 || strlen(tok) >= CSRF_TOKEN_MAX ||
	    b64url_decode(tok, raw, sizeof(raw)) != 8 + MAC_LEN ||
	    mac(key, keylen, "csrf:", raw, 8, want) == -1 ||
	    CRYPTO_memcmp(want, raw + 8, MAC_LEN) != 0)
		return CSRF_FORGED;
	t = (int64_t)get_be64(raw);
	if (t > (int64_t)now + 60 || (int64_t)now - t > max_age)
		return CSRF_EXPIRED;
	return CSRF_OK;
}

int
access_code_new(char out[ACCESS_CODE_MAX])
{
	unsigned char r[16];
	size_t	 o = 0;

	if (RAND_bytes(r, sizeof(r)) != 1)
		return -1;
	for (size_t i = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = crockford[r[i] & 31];	/* 256 % 32 == 0: unbiased */
	}
	out[o] = '\0';
	return 0;
}

int
access_code_hash(const char *typed, char hex[65])
{
	char	 norm[17];
	size_t	 n = 0;
	int	 c;

	for (; typed && *typed; typed++) {
		c = toupper((unsigned char)*typed);
		if (c == '-' || c == ' ')
			continue;
		c = c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c;
		if (n == 16 || c == 'U' || strchr(crockford, c) == NULL || c == '\0')
			return -1;
		norm[n++] = (char)c;
	}
	if (n != 16)
		return -1;
	token_sha256_hex(norm, n, hex);
	return 0;
}

/* AES-256-GCM of in[0..n) with aad; enc 1 seals, 0 opens (tag checked). */
static int
gcm(int enc, const unsigned char key[32], const unsigned char nonce[NONCE_LEN],
    const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t n,
    unsigned char *out, unsigned char tag[TAG_LEN])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int	 len, ok = 0;

	if (c == NULL)
		return -1;
	if (EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) == 1 &&
	    EVP_CipherInit_ex(c, NULL, NULL, key, nonce, enc) == 1 &&
	    EVP_CipherUpdate(c, NULL, &len, aad, (int)aadlen) == 1 &&
	    EVP_CipherUpdate(c, out, &len, in, (int)n) == 1 &&
	    (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN, tag) == 1) &&
	    EVP_CipherFinal_ex(c, out + len, &len) == 1 &&
	    (!enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) == 1))
		ok = 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

/* The associated data: expiry | receipt number. */
static size_t
ticket_aad(unsigned char *aad, size_t room, const unsigned char exp[8], const char *receipt)
{
	size_t	 n = strlen(receipt);

	if (8 + n > room)
		return 0;
	memcpy(aad, exp, 8);
	memcpy(aad + 8, receipt, n);
	return 8 + n;
}

int
ticket_seal(const unsigned char *key, size_t keylen, const char *receipt,
    const char *code, time_t now, char out[TICKET_MAX])
{
	unsigned char k[MAC_LEN], raw[8 + NONCE_LEN + ACCESS_CODE_MAX + TAG_LEN], aad[160];
	size_t	 n = strlen(code), alen;

	if (keylen == 0 || n >= ACCESS_CODE_MAX ||
	    mac(key, keylen, "ticket-key", NULL, 0, k) == -1 ||
	    RAND_bytes(raw + 8, NONCE_LEN) != 1)
		return -1;
	put_be64(raw, (uint64_t)(now + TICKET_MAX_AGE));
	if ((alen = ticket_aad(aad, sizeof(aad), raw, receipt)) == 0 ||
	    gcm(1, k, raw + 8, aad, alen, (const unsigned char *)code, n,
	    raw + 8 + NONCE_LEN, raw + 8 + NONCE_LEN + n) == -1)
		return -1;
	OPENSSL_cleanse(k, sizeof(k));
	b64url_encode(raw, 8 + NONCE_LEN + n + TAG_LEN, out);
	return 0;
}

int
ticket_open(const unsigned char *key, size_t keylen, const char *receipt,
    const char *ticket, time_t now, char code[ACCESS_CODE_MAX])
{
	unsigned char k[MAC_LEN], raw[8 + NONCE_LEN + ACCESS_CODE_MAX + TAG_LEN + 1], aad[160];
	long	 n;
	size_t	 clen, alen;
	int	 rc;

	if (keylen == 0 || ticket == NULL || strlen(ticket) >= TICKET_MAX ||
	    (n = b64url_decode(ticket, raw, sizeof(raw))) < 8 + NONCE_LEN + 1 + TAG_LEN ||
	    (int64_t)get_be64(raw) < (int64_t)now ||
	    (alen = ticket_aad(aad, sizeof(aad), raw, receipt)) == 0 ||
	    mac(key, keylen, "ticket-key", NULL, 0, k) == -1)
		return -1;
	clen = (size_t)n - 8 - NONCE_LEN - TAG_LEN;
	if (clen >= ACCESS_CODE_MAX)
		return -1;
	rc = gcm(0, k, raw + 8, aad, alen, raw + 8 + NONCE_LEN, clen,
	    (unsigned char *)code, raw + 8 + NONCE_LEN + clen);
	OPENSSL_cleanse(k, sizeof(k));
	if (rc == -1)
		return -1;
	code[clen] = '\0';
	return 0;
}
