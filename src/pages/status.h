/* status: GET /petitions/{receipt}?code=… — the citizen's status page. */
#ifndef CHARTER_STATUS_H
#define CHARTER_STATUS_H
struct req;
int	 h_petition_status(struct req *);
#endif
