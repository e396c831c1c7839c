/* instant: the range check of instants from outside (instant.h). */
#include <stdio.h>
#include "instant.h"

int
instant_storable(time_t t)
{
	return t >= INSTANT_MIN && t <= INSTANT_MAX;
}

/* "5 minutes", "1 hour", "90 seconds": the tolerance as configured. */
static void
span(long s, char *out, size_t n)
{
	const char *unit = "second";
	long	 v = s;

	if (s > 0 && s % 3600 == 0)
		v = s / 3600, unit = "hour";
	else if (s > 0 && s % 60 == 0)
		v = s / 60, unit = "minute";
	snprintf(out, n, "%ld %s%s", v, unit, v == 1 ? "" : "s");
}

const char *
instant_check(time_t t, time_t now, long ahead, char why[INSTANT_WHY])
{
	char	 s[32];

	if (t < INSTANT_MIN)
		snprintf(why, INSTANT_WHY, "before %s, the earliest instant accepted",
		    INSTANT_MIN_ISO);
	else if (t > INSTANT_MAX)
		snprintf(why, INSTANT_WHY, "after %s, the latest instant the database"
		    " stores", INSTANT_MAX_ISO);
	else if (ahead != INSTANT_ANY && t - now > ahead) {
		span(ahead, s, sizeof(s));
		snprintf(why, INSTANT_WHY, "in the future; at most %s ahead of now", s);
	} else
		return NULL;
	return why;
}

int
instant_period_fits(time_t t, unsigned value, int in_hours)
{
	long long days = in_hours ? value / 8 + 1 : value;	/* 8 working hours a day */

	return instant_storable(t) && (long long)t + (days * 2 + 30) * 86400LL <= INSTANT_MAX;
}
