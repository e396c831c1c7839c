/* admin_events: staff record what happened to a petition
 * (POST /admin/petitions/{receipt}/events) and what a department did for its
 * periodic duties (POST /admin/duties/{city}/{dept}). */
#ifndef CHARTER_ADMIN_EVENTS_H
#define CHARTER_ADMIN_EVENTS_H
#include <time.h>

struct req;

int	 h_event_post(struct req *);
int	 h_duty_post(struct req *);
/* A due instant in Asia/Seoul as people read it: "2026-11-25 16:00 KST",
 * and a due at midnight as the end of the day before ("2026-11-30 24:00
 * KST"), as the law counts periods in days. */
void	 events_due_kst(time_t, char out[32]);

#endif
