/* charter_store: charters and their versions in MariaDB — the catalogue of
 * current versions, uploads (validated, transactional), version history. */
#ifndef CHARTER_CHARTER_STORE_H
#define CHARTER_CHARTER_STORE_H
#include <stddef.h>
#include <libxml/xmlschemas.h>

struct db;
struct diag;
struct buf;

#define CHAIN_MAX 16	/* the longest inheritance chain: a charter and its ancestors */

struct catalog_entry {
	char	 city[33], dept[65];
	unsigned long long vid;		/* current version's id */
	unsigned vno;
	char	 label[65], title[256];
	char	 city_name[129], dept_name[129];
	char	 parent_city[33], parent_dept[65];	/* "" when none */
	long long uploaded;		/* epoch seconds, UTC */
	char	 uploader[129];
};

struct catalog {
	struct catalog_entry *e;	/* by city, then common first, then dept */
	size_t	 n;
};

int	 catalog_load(struct db *, struct catalog *);
void	 catalog_free(struct catalog *);
const struct catalog_entry *catalog_find(const struct catalog *,
	    const char *city, const char *dept);
/* The entry followed by its ancestors (at most max); stops on a loop. */
size_t	 catalog_chain(const struct catalog *, const struct catalog_entry *,
	    const struct catalog_entry **out, size_t max);

struct upload_result {
	unsigned long long vid;
	unsigned vno;
	char	 city[33], dept[65];
	char	 summary[1024];
};

/* Validates (well-formedness, XSD, meaning, parent, cycle) and stores a new
 * version in one transaction. want_city/want_dept, if not NULL, must match
 * the document. Returns 0; -1 with the errors in d (nothing stored); -2 on a
 * database failure (message in d). */
int	 cstore_upload(struct db *, xmlSchemaPtr, size_t maxlen, unsigned maxdepth,
	    const char *data, size_t len, const char *want_city,
	    const char *want_dept, const char *uploader, struct diag *d,
	    struct upload_result *out);
/* The stored XML of a version (vno 0: the current one). 1 found, 0 not, -1. */
int	 cstore_xml(struct db *, const char *city, const char *dept,
	    unsigned vno, struct buf *out);
/* Parses the stored XML of each version of the chain into docs[i]; the
 * caller frees what is not NULL, also on failure. 0, or -1 (the index of
 * the version that failed in *bad). */
int	 cstore_chain_docs(struct db *, const struct catalog_entry **chain, size_t n,
	    xmlDocPtr *docs, size_t *bad);
/* The stored XML of the version with this id. 1 found, 0 not, -1. */
int	 cstore_xml_id(struct db *, unsigned long long vid, struct buf *out);

#endif
