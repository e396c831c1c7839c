/* timefmt: formatting of UTC instants for storage, pages and HTTP headers. */
#include <ctype.h>
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

static int
digits(const char *s, int n, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

int
time_iso_read(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int	 y, mo, d, h, mi, sec, oh, om, sign;
	const char *p;

	if (s == NULL || strlen(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || digits(s, 4, &y) || digits(s + 5, 2, &mo) ||
	    digits(s + 8, 2, &d) || digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
	    digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo) || h > 23 || mi > 59 || sec > 59)
		return -1;
	p = s + 19;
	if (*p == '.')	/* fractions of a second: dropped */
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (p[0] == 'Z' && p[1] == '\0')
		oh = om = 0, sign = 1;
	else if ((p[0] == '+' || p[0] == '-') && strlen(p) == 6 && p[3] == ':' &&
	    !digits(p + 1, 2, &oh) && !digits(p + 4, 2, &om) && oh <= 14 && om <= 59)
		sign = p[0] == '+' ? 1 : -1;
	else
		return -1;	/* no offset: the instant would be ambiguous */
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - sign * (oh * 3600 + om * 60);
	return 0;
}

time_t
time_iso_parse(const char *s)
{
	time_t	 t;

	return time_iso_read(s, &t) == -1 || t < 0 ? -1 : t;
}
