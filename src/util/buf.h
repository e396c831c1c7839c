/* buf: a growable byte buffer, always NUL-terminated. */
#ifndef CHARTER_BUF_H
#define CHARTER_BUF_H
#include <stddef.h>
#include <stdarg.h>

struct buf {
	char	*data;	/* NUL-terminated; NULL until the first append */
	size_t	 len;
	size_t	 cap;
};

/* Each returns 0, or -1 when memory ran out (the buffer keeps what it had). */
int	 buf_append(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Appends s escaped for a JSON string body (no quotes added). */
int	 buf_json_str(struct buf *, const char *);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
/* Hands the data to the caller (who frees it) and empties the buffer. */
char	*buf_steal(struct buf *);

#endif
