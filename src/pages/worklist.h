/* worklist: the officers' worklist (GET /admin/petitions) with the officers
 * flagged by accountability rules, and the compensation ledger
 * (GET /admin/compensation, POST /admin/compensation/{id}). */
#ifndef CHARTER_WORKLIST_H
#define CHARTER_WORKLIST_H
struct req;
int	 h_worklist(struct req *);
int	 h_ledger(struct req *);
int	 h_ledger_advance(struct req *);
#endif
