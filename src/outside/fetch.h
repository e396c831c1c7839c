/* fetch: getting a feed over HTTP(S) with libcurl — timeouts, TLS verified,
 * redirects bounded, conditional requests, a maximum size — into a file. */
#ifndef CHARTER_FETCH_H
#define CHARTER_FETCH_H
#include <stdio.h>

struct fetch_req {
	const char		*url;
	const char		*etag;		/* If-None-Match; NULL or "" for none */
	const char		*last_modified;	/* If-Modified-Since; likewise */
	unsigned long long	 after;		/* ?after=N appended when > 0 */
	size_t			 max_bytes;
	long			 connect_timeout, timeout;	/* seconds */
};

struct fetch_res {
	long	 status;
	char	 etag[257];
	char	 last_modified[65];
	char	 error[300];
};

enum fetch_result { FETCH_OK, FETCH_NOT_MODIFIED, FETCH_FAILED };

/* Once at start-up (curl_global_init). */
void	 fetch_init(void);
/* Writes the body of a 200 answer to out (truncated first); FETCH_FAILED
 * with res->error for anything but 200 or 304. */
enum fetch_result fetch_get(const struct fetch_req *, FILE *out, struct fetch_res *res);

#endif
