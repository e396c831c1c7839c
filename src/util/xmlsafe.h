/* xmlsafe: parsing XML from outside: UTF-8 checked, no DOCTYPE (so no
 * external entities, no entity expansion), no network, size and depth
 * limits; every error collected with its line number. */
#ifndef CHARTER_XMLSAFE_H
#define CHARTER_XMLSAFE_H
#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

struct diag;

/* Once at start-up: initialises libxml2 and refuses any external entity
 * that is not a local file (no network, whoever asks). */
void		 xmlsafe_init(void);
/* Returns the document (caller frees), or NULL with the errors in d. */
xmlDocPtr	 xmlsafe_parse(const char *data, size_t len, size_t maxlen,
		    unsigned maxdepth, struct diag *d);
/* Validates against a compiled schema; returns 0 or -1 with errors in d. */
int		 xmlsafe_validate(xmlSchemaPtr, xmlDocPtr, struct diag *d);
/* Loads a trusted schema file (our own XSD). */
xmlSchemaPtr	 xmlsafe_load_schema(const char *path);
/* Loads {datadir}/schema/{name}; the path it tried is left in path. */
xmlSchemaPtr	 xmlsafe_load_data_schema(const char *datadir, const char *name,
		    char *path, size_t size);

#endif
