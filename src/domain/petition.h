/* petition: the vocabulary of petitions (kinds, channels, event types) and
 * receipt numbers. Pure. */
#ifndef CHARTER_PETITION_H
#define CHARTER_PETITION_H
#include <stddef.h>
#include <time.h>

#define RECEIPT_MAX 128	/* bytes of a receipt number, NUL included */

/* 1 if s is a petition kind of g4c-feed.md (simple-inquiry, ...). */
int	 petition_kind_valid(const char *s);
/* 1 if s is a channel (internet, board, mail, fax, visit, phone). */
int	 petition_channel_valid(const char *s);
/* 1 if s is an event type of http-api.md (forwarded, contacted, ...). */
int	 petition_event_valid(const char *s);
/* The Korean name of a kind ("단순 질의"), or the code itself. */
const char *petition_kind_ko(const char *kind);
/* "2026-gwangmyeong-autonomy-000123": the year of receipt in Asia/Seoul,
 * the city and department codes and the department's sequence number for
 * that year (lower case, so it is a path segment as it stands). */
void	 petition_receipt(char out[RECEIPT_MAX], time_t received, const char *city,
	    const char *dept, unsigned long long seq);
/* The year of an instant in Asia/Seoul. */
int	 petition_year_kst(time_t t);

#endif
