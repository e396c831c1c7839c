/* charter: the charter model on a parsed document — identity, the checks of
 * meaning the XSD cannot express, inheritance (overrides by standard id) and
 * the summary of what changed between two versions. Pure: no I/O. */
#ifndef CHARTER_CHARTER_H
#define CHARTER_CHARTER_H
#include <stddef.h>
#include <libxml/tree.h>

struct diag;
struct buf;

enum charter_ext { EXT_DEFAULT, EXT_NONE, EXT_EXPLICIT };

struct charter_ident {
	char		 city[33], dept[65];
	char		 city_name[129], dept_name[129];
	char		 title[256], label[65], effective[11];
	enum charter_ext ext;
	char		 parent_city[33], parent_dept[65];	/* EXT_EXPLICIT */
};

/* 1 if s is a city or department code ([a-z][a-z0-9-]*, at most max). */
int	 charter_valid_code(const char *s, size_t max);
/* Reads the identity; 0, or -1 with errors added to d. */
int	 charter_ident(xmlDocPtr, struct charter_ident *, struct diag *d);
/* The checks of meaning: unique standard ids, durations, kinds, channels,
 * events, exactly one of target/rings. 0, or -1 with every error in d. */
int	 charter_check(xmlDocPtr, struct diag *d);
/* 1 if the element is a machine-readable standard (measure, duty, ...). */
int	 charter_is_standard(xmlNodePtr);
/* The standard's value in words ("PT1H", "3 rings", "10000 KRW"). */
void	 charter_standard_value(xmlNodePtr, char *out, size_t outlen);
/* Marks overrides along an inheritance chain: roots[0] is the department's
 * charter, roots[i] its i-th ancestor, keys[i] "city/dept". Adds attributes
 * overrides/inherited-value/origin and overridden-by/overridden. */
void	 charter_annotate(xmlNodePtr *roots, const char *const *keys, size_t n);
/* One line saying which standards were added, changed or removed, and
 * whether the text changed. */
int	 charter_diff(xmlDocPtr old, xmlDocPtr cur, struct buf *out);

#endif
