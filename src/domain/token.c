/* token: random tokens (OpenSSL's RAND_bytes) and their SHA-256 hashes. A
 * token carries 256 bits of entropy, so a fast hash is enough to store it. */
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include "token.h"

int
token_generate(char *out, size_t outlen)
{
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char raw[33];
	size_t	 i, o = 3;

	if (outlen < TOKEN_LEN + 1 || RAND_bytes(raw, 32) != 1)
		return -1;
	raw[32] = 0;
	memcpy(out, "ct_", 3);
	for (i = 0; i < 32; i += 3) {
		unsigned v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 |
		    (i + 2 < 32 ? raw[i + 2] : 0);
		out[o++] = b64url[(v >> 18) & 63];
		out[o++] = b64url[(v >> 12) & 63];
		out[o++] = b64url[(v >> 6) & 63];
		if (i + 2 < 32)
			out[o++] = b64url[v & 63];
	}
	out[o] = '\0';
	return 0;
}

void
token_sha256_hex(const void *s, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	EVP_Digest(s, len, md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
}
