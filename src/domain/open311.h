/* open311: the pure half of the Open311 GeoReport v2 API
 * (wiki.open311.org/GeoReport_v2): service codes, the status of a petition,
 * W3C date-times, the date range of GET requests, and the mapping of a POST
 * service request onto the board's declared fields (board_form.h). Pure. */
#ifndef CHARTER_OPEN311_H
#define CHARTER_OPEN311_H
#include <stddef.h>
#include <time.h>
#include "board_form.h"

#define O311_CODE_MAX		200	/* bytes of a service code, NUL included */
#define O311_RANGE_DAYS		90	/* GeoReport v2: default and widest date range */
#define O311_REQUESTS_MAX	1000	/* GeoReport v2: most requests one GET returns */
#define O311_IDS_MAX		100	/* service_request_id values one GET accepts */
#define O311_TOKEN_LEN		32	/* hex digits of a request's token */

#define O311_OPEN	0x1
#define O311_CLOSED	0x2

/* 1 if the kind is offered as a service: the board's kinds but the
 * corruption report, whose identity must not pass through a third party. */
int	 o311_kind_offered(const char *kind);
/* "pocheon-common-complaint"; 0, or -1 when it does not fit. */
int	 o311_code_make(char out[O311_CODE_MAX], const char *city, const char *dept,
	    const char *kind);
/* The kind when code is city-dept-KIND with an offered kind (any: any
 * petition kind, as petitions from other channels have), else NULL (points
 * into code). */
const char *o311_code_kind(const char *code, const char *city, const char *dept,
	    int any);
/* "open" or "closed" (answered, closed, withdrawn) for a petition state. */
const char *o311_status(const char *state);
/* The status filter ("open", "closed", "open,closed") as O311_* bits; 0
 * for an empty one; -1 when a value is neither. */
int	 o311_status_filter(const char *s);
/* A W3C date-time (ISO 8601 subset): YYYY-MM-DD (midnight in Asia/Seoul) or
 * YYYY-MM-DDThh:mm[:ss[.fff]] with Z or ±hh:mm (a space stands for the '+'
 * an unencoded query turns into one). 0, or -1 if it is not one. */
int	 o311_time_parse(const char *s, time_t *out);
/* The range [*from, *to] of a GET requests: both given, or one and 90 days
 * from it, or the last 90 days, clipped to the instants stored; NULL, or
 * why it is refused (a date outside INSTANT_MIN..INSTANT_MAX, end before
 * start, wider than 90 days). */
const char *o311_range(const time_t *start, const time_t *end, time_t now,
	    time_t *from, time_t *to);
/* Copies the next comma-separated item of *p into out (trimmed), advancing
 * *p; 1 for an item, 0 at the end, -1 for one longer than n - 1. */
int	 o311_list_next(const char **p, char *out, size_t n);

/* A POST service request mapped onto the board's fields. */
struct o311_post {
	char		*name;		/* first_name + " " + last_name */
	char		*title;		/* attribute[title], the description's
					 * first line, or the kind's name */
	char		*body;		/* description, media_url, lat/long */
	char		 department[100];	/* "city/dept" */
	struct bf_input	 in[BF__MAX];
	size_t		 n;
};

/* Maps the request's fields (in[0..n)) to the board's inputs (p->in; check
 * them with board_form_check and a board_ctx whose `api` is 1). 0; -1 with why
 * (an invalid lat/long) or with why NULL when memory ran out. Free with
 * o311_post_free, also after -1. */
int	 o311_post_map(struct o311_post *p, const struct bf_input *in, size_t n,
	    const char *city, const char *dept, const char *kind, const char **why);
void	 o311_post_free(struct o311_post *);
/* The GeoReport name of a board field ("address" → "address_string"). */
const char *o311_field_name(enum bf_field);

/* An attribute of a service definition (GeoReport v2, GET Service
 * Definition); values are NULL-terminated key/name pairs. */
struct o311_attr {
	const char	*code;
	int		 variable;	/* 0: informational only */
	const char	*datatype;	/* string, text, singlevaluelist, ... */
	int		 required;
	const char	*datatype_description;
	const char	*description;
	const char	*const (*values)[2];
};

/* The attributes a petition of kind asks for beyond the standard fields;
 * *n gets their number. */
const struct o311_attr *o311_attributes(const char *kind, size_t *n);

#endif
