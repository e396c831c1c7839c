/* petition_read: what the citizen's status page reads (a petition by its
 * receipt number and access code, its events and standards), and the
 * slow-down of wrong access codes per client (access_failures). No personal
 * data is ever selected here. */
#ifndef CHARTER_PETITION_READ_H
#define CHARTER_PETITION_READ_H
#include <stddef.h>
#include <time.h>
#include "../domain/petition.h"

struct db;
struct db_res;

#define PREAD_FAIL_MAX		5	/* wrong codes per client ... */
#define PREAD_FAIL_WINDOW	600	/* ... within this many seconds */

struct petition_view {
	unsigned long long id;
	char	 receipt[RECEIPT_MAX];
	char	 city[33], dept[65], kind[33], channel[17], state[25];
	time_t	 received;
	unsigned statutory_value;	/* 0: none */
	char	 statutory_unit[8], statutory_from[8];
	char	*title, *body;		/* malloc'd */
	int	 has_officer;
	char	 officer_name[404], officer_unit[404], officer_phone[164];
	unsigned version_no;
	char	 version_label[260], city_name[516], dept_name[516];
	/* the engine's evaluation (0: not known) */
	time_t	 statutory_due, next_due;
	int	 supplemented, extended, breached;
};

/* The petition with this receipt number whose access code hashes to
 * code_hash (compared in constant time). 1 found, 0 not found or another
 * code (the caller cannot tell which, on purpose), -1 database error. */
int	 pread_find(struct db *, const char *receipt, const char *code_hash,
	    struct petition_view *);
void	 pread_free(struct petition_view *);
/* Its events, oldest first: type, at (epoch s), officer, due (epoch s or
 * NULL), reason. Row count or -1. */
long long pread_events(struct db *, unsigned long long id, struct db_res *);
/* The standards recorded at intake and their results: standard_id,
 * from_event, to_event, target, rings, clock, basis, origin, status, due
 * (epoch s or NULL), done (epoch s or NULL), late_seconds, paused. Row count
 * or -1. */
long long pread_measures(struct db *, unsigned long long id, struct db_res *);
/* 1 when client has had PREAD_FAIL_MAX wrong codes within the window (then
 * *retry_after gets the seconds until the oldest leaves it), 0 if not, -1. */
int	 pread_throttled(struct db *, const char *client, long *retry_after);
/* Records a wrong or missing code from client, dropping its old entries. */
int	 pread_failed(struct db *, const char *client);

#endif
