/* admin_charters: PUT /admin/charters/{city}/{dept}, a department's upload. */
#ifndef CHARTER_ADMIN_CHARTERS_H
#define CHARTER_ADMIN_CHARTERS_H
struct req;
int	 h_upload(struct req *);
#endif
