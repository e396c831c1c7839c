/* charter_store: MariaDB storage of charter versions. An upload is checked
 * completely before anything is written, and written in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "charter_store.h"
#include "db.h"
#include "../domain/charter.h"
#include "../domain/token.h"
#include "../util/buf.h"
#include "../util/diag.h"
#include "../util/xmlsafe.h"
#include "../util/clock.h"

static void
cpy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int
catalog_load(struct db *d, struct catalog *c)
{
	struct db_res r;
	unsigned i;

	memset(c, 0, sizeof(*c));
	if (db_query(d, &r,
	    "SELECT c.city, c.dept, v.id, v.version_no, v.label, v.title,"
	    " v.city_name, v.dept_name, v.parent_city, v.parent_dept,"
	    " UNIX_TIMESTAMP(v.uploaded_at), v.uploader"
	    " FROM charters c JOIN charter_versions v ON v.id = c.current_version_id"
	    " ORDER BY c.city, c.dept <> 'common', c.dept", "") < 0)
		return -1;
	if (r.nrows && (c->e = calloc(r.nrows, sizeof(*c->e))) == NULL) {
		db_res_free(&r);
		return -1;
	}
	for (i = 0; i < r.nrows; i++) {
		struct catalog_entry *e = &c->e[i];
		cpy(e->city, sizeof(e->city), db_cell(&r, i, 0));
		cpy(e->dept, sizeof(e->dept), db_cell(&r, i, 1));
		e->vid = strtoull(db_cell(&r, i, 2), NULL, 10);
		e->vno = (unsigned)strtoul(db_cell(&r, i, 3), NULL, 10);
		cpy(e->label, sizeof(e->label), db_cell(&r, i, 4));
		cpy(e->title, sizeof(e->title), db_cell(&r, i, 5));
		cpy(e->city_name, sizeof(e->city_name), db_cell(&r, i, 6));
		cpy(e->dept_name, sizeof(e->dept_name), db_cell(&r, i, 7));
		cpy(e->parent_city, sizeof(e->parent_city), db_cell(&r, i, 8));
		cpy(e->parent_dept, sizeof(e->parent_dept), db_cell(&r, i, 9));
		e->uploaded = strtoll(db_cell(&r, i, 10) ? db_cell(&r, i, 10) : "0", NULL, 10);
		cpy(e->uploader, sizeof(e->uploader), db_cell(&r, i, 11));
	}
	c->n = r.nrows;
	db_res_free(&r);
	return 0;
}

void
catalog_free(struct catalog *c)
{
	free(c->e);
	memset(c, 0, sizeof(*c));
}

const struct catalog_entry *
catalog_find(const struct catalog *c, const char *city, const char *dept)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->e[i].city, city) && !strcmp(c->e[i].dept, dept))
			return &c->e[i];
	return NULL;
}

size_t
catalog_chain(const struct catalog *c, const struct catalog_entry *e,
    const struct catalog_entry **out, size_t max)
{
	size_t	 n = 0, i;

	while (e != NULL && n < max) {
		for (i = 0; i < n; i++)
			if (out[i] == e)
				return n;
		out[n++] = e;
		e = e->parent_city[0] ?
		    catalog_find(c, e->parent_city, e->parent_dept) : NULL;
	}
	return n;
}

/* Current parent of city/dept in the database: 1 found (parent in pc/pd,
 * "" if none), 0 no such charter, -1 error. */
static int
parent_of(struct db *d, const char *city, const char *dept,
    char *pc, size_t pcl, char *pd, size_t pdl)
{
	struct db_res r;
	long long n;

	n = db_query(d, &r, "SELECT v.parent_city, v.parent_dept FROM charters c"
	    " JOIN charter_versions v ON v.id = c.current_version_id"
	    " WHERE c.city = ? AND c.dept = ?", "ss", city, dept);
	if (n < 0)
		return -1;
	if (n > 0) {
		cpy(pc, pcl, db_cell(&r, 0, 0));
		cpy(pd, pdl, db_cell(&r, 0, 1));
	}
	db_res_free(&r);
	return n > 0;
}

/* Resolves the parent and refuses an unknown one or a cycle. */
static int
check_parent(struct db *d, struct charter_ident *id, struct diag *dg, long line)
{
	char	 c[33], p[65], nc[33], np[65];
	int	 i, rc;

	if (id->ext == EXT_NONE || (id->ext == EXT_DEFAULT && !strcmp(id->dept, "common")))
		return 0;
	if (id->ext == EXT_DEFAULT) {
		rc = parent_of(d, id->city, "common", nc, sizeof(nc), np, sizeof(np));
		if (rc == 1) {
			cpy(id->parent_city, sizeof(id->parent_city), id->city);
			cpy(id->parent_dept, sizeof(id->parent_dept), "common");
		}
		return rc < 0 ? -2 : 0;
	}
	cpy(c, sizeof(c), id->parent_city);
	cpy(p, sizeof(p), id->parent_dept);
	for (i = 0; i < CHAIN_MAX; i++) {
		rc = parent_of(d, c, p, nc, sizeof(nc), np, sizeof(np));
		if (rc < 0)
			return -2;
		if (rc == 0) {
			if (i == 0)
				diag_add(dg, line, "the parent charter '%s/%s' does not exist",
				    id->parent_city, id->parent_dept);
			return i == 0 ? -1 : 0;
		}
		if (!strcmp(nc, id->city) && !strcmp(np, id->dept)) {
			diag_add(dg, line, "extends='%s/%s' would make a cycle: "
			    "'%s/%s' already extends '%s/%s'", id->parent_city,
			    id->parent_dept, c, p, id->city, id->dept);
			return -1;
		}
		if (nc[0] == '\0')
			return 0;
		cpy(c, sizeof(c), nc);
		cpy(p, sizeof(p), np);
	}
	diag_add(dg, line, "the inheritance chain is longer than %d charters", CHAIN_MAX);
	return -1;
}

/* A summary of what changed against the current version. */
static void
summarise(struct db *d, const struct charter_ident *id, xmlDocPtr doc,
    char *out, size_t outlen)
{
	struct buf old = { 0 }, s = { 0 };
	struct diag dg;
	xmlDocPtr prev;

	memset(&dg, 0, sizeof(dg));
	cpy(out, outlen, "first version");
	if (cstore_xml(d, id->city, id->dept, 0, &old) == 1 &&
	    (prev = xmlsafe_parse(old.data, old.len, old.len + 1, 100000, &dg)) != NULL) {
		if (charter_diff(prev, doc, &s) == 0)
			cpy(out, outlen, s.data);
		xmlFreeDoc(prev);
	}
	buf_free(&old);
	buf_free(&s);
}

static int
store_version(struct db *d, const struct charter_ident *id, const char *data,
    size_t len, const char *uploader, struct upload_result *out)
{
	struct db_res r;
	char	 sha[65];
	unsigned vno = 1;

	if (db_query(d, &r, "SELECT COALESCE(MAX(version_no), 0) FROM charter_versions"
	    " WHERE city = ? AND dept = ? FOR UPDATE", "ss", id->city, id->dept) < 0)
		return -1;
	vno = (unsigned)strtoul(db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : "0", NULL, 10) + 1;
	db_res_free(&r);
	token_sha256_hex(data, len, sha);
	if (db_exec(d, "INSERT INTO charter_versions (city, dept, version_no, label,"
	    " title, city_name, dept_name, parent_city, parent_dept, effective,"
	    " uploader, uploaded_at, sha256, bytes, summary, xml) VALUES"
	    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " DB_US ", ?, ?, ?, ?)",
	    "ssussssssssisusb", id->city, id->dept, (unsigned long long)vno,
	    id->label, id->title, id->city_name, id->dept_name,
	    id->parent_city[0] ? id->parent_city : NULL,
	    id->parent_city[0] ? id->parent_dept : NULL, id->effective, uploader,
	    clock_now_us(), sha, (unsigned long long)len, out->summary, data, len) != 1)
		return -1;
	out->vid = db_last_id(d);
	out->vno = vno;
	if (db_exec(d, "INSERT INTO charters (city, dept, current_version_id)"
	    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE current_version_id = VALUES(current_version_id)",
	    "ssu", id->city, id->dept, out->vid) < 0)
		return -1;
	if (db_exec(d, "INSERT INTO audit_log (at, actor, action, subject, detail)"
	    " VALUES (" DB_US ", ?, 'charter.upload', CONCAT(?, '/', ?), ?)",
	    "issss", clock_now_us(), uploader, id->city, id->dept, out->summary) != 1)
		return -1;
	return 0;
}

int
cstore_upload(struct db *d, xmlSchemaPtr xsd, size_t maxlen, unsigned maxdepth,
    const char *data, size_t len, const char *want_city, const char *want_dept,
    const char *uploader, struct diag *dg, struct upload_result *out)
{
	struct charter_ident id;
	xmlDocPtr doc;
	long	 line;
	int	 rc = -1, prc, bad;

	memset(out, 0, sizeof(*out));
	if ((doc = xmlsafe_parse(data, len, maxlen, maxdepth, dg)) == NULL)
		return -1;
	if (xmlsafe_validate(xsd, doc, dg) == -1)
		goto out;
	line = xmlGetLineNo(xmlDocGetRootElement(doc));
	bad = charter_ident(doc, &id, dg) == -1;
	bad |= charter_check(doc, dg) == -1;	/* report both kinds at once */
	if (bad)
		goto out;
	if (want_city && (strcmp(want_city, id.city) || strcmp(want_dept, id.dept))) {
		diag_add(dg, line, "the document is the charter of '%s/%s', not of '%s/%s'",
		    id.city, id.dept, want_city, want_dept);
		goto out;
	}
	if (db_begin(d) == -1)
		goto dberr;
	if ((prc = check_parent(d, &id, dg, line)) != 0) {
		db_rollback(d);
		if (prc == -2)
			goto dberr;
		goto out;
	}
	summarise(d, &id, doc, out->summary, sizeof(out->summary));
	if (store_version(d, &id, data, len, uploader, out) == -1) {
		db_rollback(d);
		goto dberr;
	}
	if (db_commit(d) == -1)
		goto dberr;
	cpy(out->city, sizeof(out->city), id.city);
	cpy(out->dept, sizeof(out->dept), id.dept);
	rc = 0;
	goto out;
dberr:
	diag_add(dg, 0, "database error: %s", db_error(d));
	rc = -2;
out:
	xmlFreeDoc(doc);
	return rc;
}

int
cstore_xml(struct db *d, const char *city, const char *dept, unsigned vno,
    struct buf *out)
{
	struct db_res r;
	long long n;

	if (vno == 0)
		n = db_query(d, &r, "SELECT v.xml FROM charters c JOIN charter_versions v"
		    " ON v.id = c.current_version_id WHERE c.city = ? AND c.dept = ?",
		    "ss", city, dept);
	else
		n = db_query(d, &r, "SELECT xml FROM charter_versions"
		    " WHERE city = ? AND dept = ? AND version_no = ?",
		    "ssu", city, dept, (unsigned long long)vno);
	if (n < 0)
		return -1;
	if (n > 0 && buf_append(out, r.cell[0], r.len[0]) == -1)
		n = -1;
	db_res_free(&r);
	return n > 0 ? 1 : (int)n;
}

int
cstore_xml_id(struct db *d, unsigned long long vid, struct buf *out)
{
	struct db_res r;
	long long n;

	n = db_query(d, &r, "SELECT xml FROM charter_versions WHERE id = ?", "u", vid);
	if (n < 0)
		return -1;
	if (n > 0 && buf_append(out, r.cell[0], r.len[0]) == -1)
		n = -1;
	db_res_free(&r);
	return n > 0 ? 1 : (int)n;
}

int
cstore_chain_docs(struct db *d, const struct catalog_entry **chain, size_t n,
    xmlDocPtr *docs, size_t *bad)
{
	struct buf b = { 0 };
	struct diag *dg;
	size_t	 i;
	int	 rc = 0;

	if ((dg = calloc(1, sizeof(*dg))) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		buf_reset(&b);
		/* stored documents passed every check at upload: no limits needed */
		if (cstore_xml_id(d, chain[i]->vid, &b) != 1 ||
		    (docs[i] = xmlsafe_parse(b.data, b.len, b.len + 1, 100000, dg)) == NULL) {
			*bad = i;
			rc = -1;
		}
	}
	buf_free(&b);
	free(dg);
	return rc;
}
