/* timefmt: formatting of UTC instants for storage, pages and HTTP headers. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "timefmt.h"

#define KST_OFFSET (9 * 3600)

void
time_iso_utc(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
time_iso_kst(time_t t, char out[32])
{
	struct tm tm;
	time_t	 k = t + KST_OFFSET;

	gmtime_r(&k, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+09:00", &tm);
}

void
time_kst(time_t t, char out[32])
{
	struct tm tm;
	time_t	 k = t + KST_OFFSET;

	gmtime_r(&k, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M KST", &tm);
}

static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void
time_http(time_t t, char out[40])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d GMT", wday[tm.tm_wday],
	    tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

time_t
time_http_parse(const char *s)
{
	struct tm tm;
	char	 wd[4], mn[4];
	int	 i;

	memset(&tm, 0, sizeof(tm));
	if (strlen(s) != 29 || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d GMT", wd,
	    &tm.tm_mday, mn, &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 7)
		return -1;
	for (i = 0; i < 12 && strcmp(mn, mon[i]); i++)
		;
	if (i == 12)
		return -1;
	tm.tm_mon = i;
	tm.tm_year -= 1900;
	return timegm(&tm);
}

long long
time_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
