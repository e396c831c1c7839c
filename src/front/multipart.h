/* multipart: multipart/form-data bodies (RFC 7578 on RFC 2046 §5.1), split
 * into fields and files. Pure; refuses malformed input. */
#ifndef CHARTER_MULTIPART_H
#define CHARTER_MULTIPART_H
#include <stddef.h>

#define MP_BOUNDARY_MAX	70	/* RFC 2046 §5.1.1 */
#define MP_PARTS_MAX	32	/* hard ceiling of struct multipart */

struct mp_part {
	char		*name;		/* from Content-Disposition; NUL-terminated */
	char		*filename;	/* NULL for a plain field; may be "" */
	char		*ctype;		/* the part's Content-Type, or NULL */
	const char	*data;		/* points into the body given to mp_parse */
	size_t		 len;
	char		*value;		/* plain fields: a NUL-terminated copy of data */
};

struct multipart {
	struct mp_part	 p[MP_PARTS_MAX];
	size_t		 n;
};

struct mp_limits {
	size_t	 max_parts;	/* at most MP_PARTS_MAX */
	size_t	 max_header;	/* bytes of one part's header block */
	size_t	 max_field;	/* bytes of a plain field's value */
	size_t	 max_file;	/* bytes of one file's content */
};

enum mp_err { MP_OK = 0, MP_MALFORMED, MP_TOO_MANY, MP_TOO_BIG, MP_NOMEM };

/* The boundary parameter of a multipart/form-data Content-Type into out
 * (MP_BOUNDARY_MAX + 1 bytes); 0, or -1 if the type is another or the
 * boundary is missing or not made of RFC 2046 bchars. */
int	 mp_boundary(const char *content_type, char out[MP_BOUNDARY_MAX + 1]);
/* Parses body[0..len). Parts' data point into body, which must outlive mp.
 * On failure mp holds nothing (freed). */
enum mp_err mp_parse(struct multipart *mp, const char *body, size_t len,
	    const char *boundary, const struct mp_limits *);
const char *mp_strerror(enum mp_err);
void	 mp_free(struct multipart *);

#endif
