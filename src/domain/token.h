/* token: bearer tokens: generated at random, stored only as SHA-256 hashes. */
#ifndef CHARTER_TOKEN_H
#define CHARTER_TOKEN_H
#include <stddef.h>

#define TOKEN_LEN 46	/* "ct_" + 43 base64url characters of 32 random bytes */

/* Writes a new token into out (at least TOKEN_LEN + 1 bytes); 0 or -1. */
int	 token_generate(char *out, size_t outlen);
/* SHA-256 of s as 64 hex digits + NUL. */
void	 token_sha256_hex(const void *s, size_t len, char hex[65]);

#endif
