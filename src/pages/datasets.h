/* datasets: GET /opendata/{dataset}.{csv,json,xml} — the open datasets
 * (compliance, satisfaction, compensation, petitions), streamed row by row
 * with constant memory — and their descriptions beside them,
 * /opendata/{dataset}.xsd and /opendata/{dataset}.json-schema. */
#ifndef CHARTER_DATASETS_H
#define CHARTER_DATASETS_H

struct req;

int	 h_datasets(struct req *);

#endif
