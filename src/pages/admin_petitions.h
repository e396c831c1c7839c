/* admin_petitions: staff views of one petition, and its attachments. */
#ifndef CHARTER_ADMIN_PETITIONS_H
#define CHARTER_ADMIN_PETITIONS_H
struct req;
int	 h_admin_petition(struct req *);
int	 h_admin_attachment(struct req *);
#endif
