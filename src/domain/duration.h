/* duration: the ISO 8601 durations charters state targets in (PT10M, P7D). */
#ifndef CHARTER_DURATION_H
#define CHARTER_DURATION_H

struct duration {
	unsigned years, months, weeks, days;
	unsigned hours, minutes, seconds;
};

/* ISO 8601 §4.4.3.2 "PnYnMnWnDTnHnMnS" (integers only). Returns 0, or -1
 * when the text is not such a duration. */
int	 duration_parse(const char *s, struct duration *d);
/* 1 if every component is zero. */
int	 duration_is_zero(const struct duration *d);
/* Korean words for a duration ("10분", "1시간", "7일"), into out. */
void	 duration_ko(const struct duration *d, char *out, unsigned outlen);

#endif
