/* page: building the XML a page is rendered from, and sending answers as
 * HTML (through XSLT), XML or JSON. */
#ifndef CHARTER_PAGE_H
#define CHARTER_PAGE_H
#include <libxml/tree.h>
#include "../front/req.h"

struct diag;
struct calendar;

/* A new <page path lang base> document; *root gets the page element. */
xmlDocPtr	 page_doc(const char *path, xmlNodePtr *root);
xmlDocPtr	 page_new(const struct req *, xmlNodePtr *root);
/* Adds <name>text</name> (text escaped) under parent; returns it. */
xmlNodePtr	 page_text(xmlNodePtr parent, const char *name, const char *text);
void		 page_attr(xmlNodePtr, const char *name, const char *value);
void		 page_attr_ull(xmlNodePtr, const char *name, unsigned long long v);
/* A count from start due at due that crosses a year the holiday data does
 * not cover: holiday-data-missing="YYYY" (the first such year) on n.
 * Returns the year, or 0 (nothing set; also when due is 0). */
long long	 page_holiday_flag(xmlNodePtr n, const struct calendar *, time_t start,
		    time_t due);
/* Renders the page to HTML into r->out. 0 or -1 (then answer 500). */
int		 page_html(struct req *, xmlDocPtr);
/* Serialises doc as the XML answer into r->out. */
int		 page_xml(struct req *, xmlDocPtr);
/* An error answer with every detail, in the format the client asked for
 * (dflt when it did not say). Always returns 0. */
int		 page_error(struct req *, int status, enum req_fmt dflt,
		    const char *message, const struct diag *);

#endif
