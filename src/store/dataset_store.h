/* dataset_store: the raw reads behind the open datasets (pages/datasets.c),
 * each streamed row by row (db_query_each) in the column order the
 * published descriptions (schema/opendata/) give. Never personal data:
 * no name, address, phone, e-mail, title, body, officer or access code. */
#ifndef CHARTER_DATASET_STORE_H
#define CHARTER_DATASET_STORE_H
#include "db.h"

struct dstore_filter {
	const char	*city, *dept;	/* NULL: all */
	/* receipt bounds in UTC, "YYYY-MM-DD HH:MM:SS": from <= received_at < to */
	char		 from_utc[24], to_utc[24];
	int		 from_year, to_year;	/* survey years, inclusive */
};

/* petitions: receipt_no, city, dept, kind, channel, received_at,
 * statutory_due, next_due, answered_at, closed_at (ISO 8601 in KST), state,
 * outcome, extended, supplemented; by city, dept, receipt. */
int	 dstore_petitions(struct db *, const struct dstore_filter *, db_row_fn, void *);
/* compensation: city, dept, month of receipt (YYYY-MM), rule_id, form,
 * state, currency, count, amount. */
int	 dstore_compensation(struct db *, const struct dstore_filter *, db_row_fn, void *);
/* survey_results: city, dept, year, kind, respondents, score. */
int	 dstore_surveys(struct db *, const struct dstore_filter *, db_row_fn, void *);

#endif
