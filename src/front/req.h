/* req: one request: what we copied out of libfcgi at once (its pointers die
 * at the next accept), the response being built, and one req_free(). */
#ifndef CHARTER_REQ_H
#define CHARTER_REQ_H
#include <stddef.h>
#include <fcgiapp.h>
#include "route.h"
#include "../domain/auth.h"
#include "../util/buf.h"

struct worker;

enum req_fmt { FMT_HTML, FMT_XML, FMT_JSON };

struct req {
	FCGX_Request	*fcgi;
	struct worker	*w;
	char		 id[24];
	char		 method[16];
	char		 path[1024];
	char		 query[2048];
	char		 content_type[256];
	size_t		 content_length;
	int		 has_length;
	char		 remote_addr[64];
	char		 accept[512];
	char		 if_none_match[512];
	char		 if_modified_since[64];
	char		 authorization[512];
	char		 remote_user[160];
	char		*body;
	size_t		 body_len;
	struct route_match m;
	struct principal who;

	int		 status;	/* of the response */
	char		 ctype[96];
	struct buf	 hdr;		/* extra header lines, CRLF-terminated */
	struct buf	 out;		/* body */
	int		 streamed;	/* req_stream_begin: the answer went out */
	int		 stream_err;	/* the client went away (or HEAD) */
	size_t		 sent;		/* bytes of a streamed body */
};

/* Copies the request's parameters. 0, or an HTTP status (400 for a bad or
 * oversized header) with the request still usable for an error answer. */
int	 req_init(struct req *, FCGX_Request *, struct worker *, unsigned long seq);
/* Reads the body, refusing more than max bytes (413) or a body without a
 * length or shorter than it (400). 0 or the status. */
int	 req_read_body(struct req *, size_t max);
/* Reads what is left of the request's input (up to its empty end record),
 * so that a kept connection holds nothing stale for the next request; a
 * body larger than max is not read but the connection is closed instead. */
void	 req_drain(struct req *, size_t max);
/* Adds a header line; name and value must not hold CR or LF (refused). */
int	 req_header(struct req *, const char *name, const char *value);
/* The format the client asked for: the path's extension, then Accept. */
enum req_fmt req_format(const struct req *, enum req_fmt dflt);
/* Writes status, headers and body (no body for HEAD or 304). */
void	 req_send(struct req *);
void	 req_free(struct req *);
/* A streamed answer: the status, r->ctype and r->hdr go out now, without a
 * Content-Length; the body follows piece by piece with req_stream_write,
 * straight to the FastCGI stream (nothing is held), and req_send then sends
 * nothing more. 0, or -1 if nothing can be written. */
int	 req_stream_begin(struct req *);
/* 0, or -1 once the client has gone or for HEAD (no body is wanted):
 * the caller stops producing. */
int	 req_stream_write(struct req *, const void *, size_t);
const char *http_reason(int status);

#endif
