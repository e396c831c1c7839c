/* board_form: the board's declared fields (http-api.md), each with its
 * validator and bounds, as a table; errors are collected per field so the
 * form can be shown again with every value the citizen typed. Pure. */
#ifndef CHARTER_BOARD_FORM_H
#define CHARTER_BOARD_FORM_H
#include <stddef.h>
#include <time.h>
#include "csrf.h"

#define BF_ATTACH_MAX	3
#define BF_BODY_MAX	(64 * 1024)	/* bytes */

enum bf_field { BF_NAME, BF_ADDRESS, BF_PHONE, BF_EMAIL, BF_SMS, BF_DEPARTMENT,
	BF_KIND, BF_TITLE, BF_BODY, BF_CSRF, BF__MAX };

/* One submitted value: a field, or a file part when filename is not NULL. */
struct bf_input {
	const char	*name;
	const char	*value;		/* value[len] is NUL for fields */
	size_t		 len;
	const char	*filename;
};

/* What the checks need from outside: the secret, the clock, the limits and
 * the catalogue (through a callback, so this stays pure). */
struct board_ctx {
	const unsigned char *secret;
	size_t		 secret_len;
	time_t		 now;
	size_t		 max_attachment;
	int		(*dept_exists)(void *arg, const char *city, const char *dept);
	void		*arg;
	int		 api;	/* 1: authenticated by an API key (Open311): no CSRF field */
};

struct bf_file {
	char		 filename[256];	/* base name, valid UTF-8 */
	const char	*media_type;	/* sniffed */
	const char	*data;
	size_t		 len;
};

struct board_form {
	const char	*raw[BF__MAX];	/* as sent (first occurrence), for redisplay */
	size_t		 rawlen[BF__MAX];
	const char	*val[BF__MAX];	/* NULL unless present and valid */
	const char	*err[BF__MAX];	/* the field's error, or NULL */
	const char	*notice[2];	/* form-level: anonymity, CSRF */
	size_t		 nnotice;
	enum csrf_result csrf;
	struct bf_file	 file[BF_ATTACH_MAX];
	size_t		 nfile;
	size_t		 nfiles_sent;	/* non-empty file parts received */
	char		 file_err[600];	/* "" when the attachments are fine */
	char		 city[33], dept[65];	/* of a valid department */
	size_t		 nerr;
};

/* The field's form name ("name", "sms_consent", ...). */
const char *bf_name(enum bf_field);
/* The board's petition kinds, in form order, NULL-terminated. */
extern const char *const bf_kinds[];
/* Validates the inputs into f; the number of errors (0: all valid). */
size_t	 board_form_check(struct board_form *f, const struct bf_input *in,
	    size_t n, const struct board_ctx *);
/* A malloc'd copy of p[0..n) that is valid XML text, for showing a value
 * again: ill-formed UTF-8 and control characters (but TAB/LF/CR) become
 * U+FFFD; valid text comes back byte for byte. */
char	*bf_display(const char *p, size_t n);

#endif
