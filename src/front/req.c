/* req: the FastCGI adapter (RFC 3875 §4.1 meta-variables via libfcgi). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "req.h"

const char *
http_reason(int s)
{
	switch (s) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

/* Copies a parameter; 1 if it did not fit (the copy is then empty). */
static int
copy_param(FCGX_Request *f, const char *name, char *dst, size_t n)
{
	const char *v = FCGX_GetParam(name, f->envp);
	size_t	 l = v ? strlen(v) : 0;

	dst[0] = '\0';
	if (l >= n)
		return 1;
	if (l)
		memcpy(dst, v, l + 1);
	return 0;
}

int
req_init(struct req *r, FCGX_Request *f, struct worker *w, unsigned long seq)
{
	char	 uri[4096], len[32], *q, *end;
	int	 bad = 0;
	unsigned long long cl;

	memset(r, 0, sizeof(*r));
	r->fcgi = f;
	r->w = w;
	r->status = 200;
	snprintf(r->id, sizeof(r->id), "%lx-%lu", (unsigned long)getpid(), seq);
	bad |= copy_param(f, "REQUEST_METHOD", r->method, sizeof(r->method));
	bad |= copy_param(f, "REMOTE_ADDR", r->remote_addr, sizeof(r->remote_addr));
	bad |= copy_param(f, "HTTP_ACCEPT", r->accept, sizeof(r->accept));
	bad |= copy_param(f, "HTTP_IF_NONE_MATCH", r->if_none_match, sizeof(r->if_none_match));
	bad |= copy_param(f, "HTTP_IF_MODIFIED_SINCE", r->if_modified_since,
	    sizeof(r->if_modified_since));
	bad |= copy_param(f, "HTTP_AUTHORIZATION", r->authorization, sizeof(r->authorization));
	bad |= copy_param(f, "REMOTE_USER", r->remote_user, sizeof(r->remote_user));
	bad |= copy_param(f, "CONTENT_TYPE", r->content_type, sizeof(r->content_type));
	bad |= copy_param(f, "CONTENT_LENGTH", len, sizeof(len));
	if (copy_param(f, "REQUEST_URI", uri, sizeof(uri)))
		return 414;
	if (r->method[0] == '\0')
		snprintf(r->method, sizeof(r->method), "GET");
	if ((q = strchr(uri, '?')) != NULL) {
		*q++ = '\0';
		if (strlen(q) >= sizeof(r->query))
			return 414;
		memcpy(r->query, q, strlen(q) + 1);
	}
	if (strlen(uri) >= sizeof(r->path))
		return 414;
	memcpy(r->path, uri, strlen(uri) + 1);
	if (len[0] != '\0') {
		cl = strtoull(len, &end, 10);
		if (*end != '\0' || len[0] < '0' || len[0] > '9')
			return 400;
		r->content_length = cl > (size_t)-1 / 2 ? (size_t)-1 / 2 : (size_t)cl;
		r->has_length = 1;
	}
	return bad ? 431 : 0;
}

int
req_read_body(struct req *r, size_t max)
{
	size_t	 got = 0;
	int	 n;

	if (!r->has_length)
		return r->content_length == 0 && strcmp(r->method, "PUT") ? 0 : 411;
	if (r->content_length > max)
		return 413;
	if ((r->body = malloc(r->content_length + 1)) == NULL)
		return 503;
	while (got < r->content_length) {
		size_t want = r->content_length - got;
		n = FCGX_GetStr(r->body + got, want > 65536 ? 65536 : (int)want, r->fcgi->in);
		if (n <= 0)
			return 400;
		got += (size_t)n;
	}
	r->body[got] = '\0';
	r->body_len = got;
	return 0;
}

void
req_drain(struct req *r, size_t max)
{
	char	 sink[8192];
	size_t	 left = max;
	int	 n;

	if (r->body != NULL)
		return;
	/* A refused body is not read through: the connection is closed instead. */
	if (r->content_length > max) {
		r->fcgi->keepConnection = 0;
		return;
	}
	while (left > 0 && (n = FCGX_GetStr(sink, (int)sizeof(sink), r->fcgi->in)) > 0)
		left -= (size_t)n < left ? (size_t)n : left;
	if (left == 0)
		r->fcgi->keepConnection = 0;
}

int
req_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
		return -1;
	return buf_printf(&r->hdr, "%s: %s\r\n", name, value);
}

/* Position of a media type in Accept, or a large number if absent. */
static size_t
accept_pos(const char *accept, const char *type)
{
	const char *p = strcasestr(accept, type);

	return p ? (size_t)(p - accept) : (size_t)-1;
}

enum req_fmt
req_format(const struct req *r, enum req_fmt dflt)
{
	size_t	 l = strlen(r->path), html, xml, json;

	if (l > 4 && !strcmp(r->path + l - 4, ".xml"))
		return FMT_XML;
	if (l > 5 && !strcmp(r->path + l - 5, ".json"))
		return FMT_JSON;
	html = accept_pos(r->accept, "text/html");
	xml = accept_pos(r->accept, "application/xml");
	if (accept_pos(r->accept, "text/xml") < xml)
		xml = accept_pos(r->accept, "text/xml");
	json = accept_pos(r->accept, "application/json");
	if (json < html && json < xml)
		return FMT_JSON;
	if (xml < html)
		return FMT_XML;
	if (html != (size_t)-1)
		return FMT_HTML;
	return dflt;
}

void
req_send(struct req *r)
{
	FCGX_Stream *o = r->fcgi->out;
	int	 body = r->status != 304 && r->status != 204 &&
	    strcmp(r->method, "HEAD") != 0;

	if (r->streamed)
		return;
	FCGX_FPrintF(o, "Status: %d %s\r\n", r->status, http_reason(r->status));
	if (r->status != 304 && r->status != 204) {
		FCGX_FPrintF(o, "Content-Type: %s\r\n",
		    r->ctype[0] ? r->ctype : "text/plain; charset=utf-8");
		FCGX_FPrintF(o, "Content-Length: %zu\r\n", r->out.len);
	}
	FCGX_FPrintF(o, "X-Content-Type-Options: nosniff\r\n");
	if (r->hdr.len)
		FCGX_PutStr(r->hdr.data, (int)r->hdr.len, o);
	FCGX_PutStr("\r\n", 2, o);
	if (body && r->out.len)
		FCGX_PutStr(r->out.data, (int)r->out.len, o);
}

int
req_stream_begin(struct req *r)
{
	FCGX_Stream *o = r->fcgi->out;

	r->streamed = 1;
	FCGX_FPrintF(o, "Status: %d %s\r\n", r->status, http_reason(r->status));
	FCGX_FPrintF(o, "Content-Type: %s\r\n",
	    r->ctype[0] ? r->ctype : "text/plain; charset=utf-8");
	FCGX_FPrintF(o, "X-Content-Type-Options: nosniff\r\n");
	if (r->hdr.len)
		FCGX_PutStr(r->hdr.data, (int)r->hdr.len, o);
	if (FCGX_PutStr("\r\n", 2, o) != 2) {
		r->stream_err = 1;
		return -1;
	}
	if (strcmp(r->method, "HEAD") == 0)
		r->stream_err = 1;
	return 0;
}

int
req_stream_write(struct req *r, const void *p, size_t n)
{
	const char *s = p;

	if (r->stream_err)
		return -1;
	while (n > 0) {
		int k = n > 65536 ? 65536 : (int)n;
		if (FCGX_PutStr(s, k, r->fcgi->out) != k) {
			r->stream_err = 1;
			return -1;
		}
		s += k;
		n -= (size_t)k;
		r->sent += (size_t)k;
	}
	return 0;
}

void
req_free(struct req *r)
{
	free(r->body);
	buf_free(&r->hdr);
	buf_free(&r->out);
	r->body = NULL;
}
