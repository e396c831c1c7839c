/* fetch: libcurl, configured for feeds from outside: http/https only (also
 * after redirects, at most 3), TLS peer and host verified, connect and total
 * timeouts, a size limit enforced while receiving. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "fetch.h"

struct sink {
	FILE		*out;
	size_t		 got, max;
	int		 toobig;
	struct fetch_res *res;
};

void
fetch_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;

	if (s->got + n > s->max) {
		s->toobig = 1;
		return 0;	/* aborts the transfer */
	}
	s->got += n;
	return fwrite(p, size, n, s->out);
}

/* Copies the value of "Name: value" header h into out when its name is name. */
static void
header_value(const char *h, size_t len, const char *name, char *out, size_t outlen)
{
	size_t	 nl = strlen(name);

	if (len <= nl + 1 || strncasecmp(h, name, nl) || h[nl] != ':')
		return;
	h += nl + 1;
	len -= nl + 1;
	while (len > 0 && isspace((unsigned char)*h))
		h++, len--;
	while (len > 0 && isspace((unsigned char)h[len - 1]))
		len--;
	if (len < outlen && memchr(h, '\0', len) == NULL) {
		memcpy(out, h, len);
		out[len] = '\0';
	}
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;

	if (n > 5 && strncmp(p, "HTTP/", 5) == 0) {	/* a new answer (redirect) */
		s->res->etag[0] = s->res->last_modified[0] = '\0';
		return n * size;
	}
	header_value(p, n, "ETag", s->res->etag, sizeof(s->res->etag));
	header_value(p, n, "Last-Modified", s->res->last_modified, sizeof(s->res->last_modified));
	return n * size;
}

static void
build_url(const struct fetch_req *q, char *out, size_t n)
{
	if (q->after > 0)
		snprintf(out, n, "%s%cafter=%llu", q->url, strchr(q->url, '?') ? '&' : '?',
		    q->after);
	else
		snprintf(out, n, "%s", q->url);
}

static struct curl_slist *
conditions(const struct fetch_req *q)
{
	struct curl_slist *h = NULL;
	char	 line[400];

	if (q->etag && *q->etag) {
		snprintf(line, sizeof(line), "If-None-Match: %s", q->etag);
		h = curl_slist_append(h, line);
	}
	if (q->last_modified && *q->last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", q->last_modified);
		h = curl_slist_append(h, line);
	}
	return h;
}

static void
configure(CURL *c, const struct fetch_req *q, const char *url, struct sink *s)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, q->connect_timeout > 0 ? q->connect_timeout : 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, q->timeout > 0 ? q->timeout : 600L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "charter-feed/1");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	if (q->max_bytes > 0)
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)q->max_bytes);
}

enum fetch_result
fetch_get(const struct fetch_req *q, FILE *out, struct fetch_res *res)
{
	struct sink s = { out, 0, q->max_bytes ? q->max_bytes : (size_t)-1, 0, res };
	struct curl_slist *hdrs = NULL;
	enum fetch_result rc = FETCH_FAILED;
	char	 url[2100];
	CURL	*c;
	CURLcode e;

	memset(res, 0, sizeof(*res));
	if ((c = curl_easy_init()) == NULL) {
		snprintf(res->error, sizeof(res->error), "cannot start libcurl");
		return FETCH_FAILED;
	}
	build_url(q, url, sizeof(url));
	configure(c, q, url, &s);
	hdrs = conditions(q);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	rewind(out);
	e = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	if (s.toobig || e == CURLE_FILESIZE_EXCEEDED)
		snprintf(res->error, sizeof(res->error), "the feed is larger than %zu bytes", s.max);
	else if (e != CURLE_OK)
		snprintf(res->error, sizeof(res->error), "%s", curl_easy_strerror(e));
	else if (res->status == 304)
		rc = FETCH_NOT_MODIFIED;
	else if (res->status != 200)
		snprintf(res->error, sizeof(res->error), "HTTP status %ld", res->status);
	else if (fflush(out) == 0 && !ferror(out))
		rc = FETCH_OK;
	else
		snprintf(res->error, sizeof(res->error), "cannot write the feed to a temporary file");
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	return rc;
}
