/* charter_pages: the public charter pages — index, charter, stored XML,
 * version history. Each returns 0 with the answer in r, or an HTTP status. */
#ifndef CHARTER_CHARTER_PAGES_H
#define CHARTER_CHARTER_PAGES_H
struct req;
int	 h_root(struct req *);
int	 h_index(struct req *);
int	 h_charter(struct req *);
int	 h_charter_xml(struct req *);
int	 h_versions(struct req *);
#endif
