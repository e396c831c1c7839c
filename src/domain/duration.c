/* duration: ISO 8601 durations, integers only, each designator at most once
 * and in order. */
#include <stdio.h>
#include <string.h>
#include "duration.h"

int
duration_parse(const char *s, struct duration *d)
{
	static const char date_des[] = "YMWD", time_des[] = "HMS";
	unsigned *date_f[] = { &d->years, &d->months, &d->weeks, &d->days };
	unsigned *time_f[] = { &d->hours, &d->minutes, &d->seconds };
	const char *des = date_des, *p;
	unsigned **fields = date_f;
	int	 in_time = 0, any = 0, idx = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL || *s++ != 'P' || *s == '\0')
		return -1;
	while (*s) {
		unsigned long v = 0;
		int digits = 0;

		if (*s == 'T') {
			if (in_time || s[1] == '\0')
				return -1;
			in_time = 1;
			des = time_des;
			fields = time_f;
			idx = 0;
			s++;
			continue;
		}
		for (; *s >= '0' && *s <= '9'; s++, digits++) {
			v = v * 10 + (unsigned long)(*s - '0');
			if (v > 1000000)
				return -1;
		}
		if (digits == 0 || *s == '\0' || (p = strchr(des + idx, *s)) == NULL)
			return -1;
		idx = (int)(p - des);
		*fields[idx] = (unsigned)v;
		idx++;
		s++;
		any = 1;
	}
	return any ? 0 : -1;
}

int
duration_is_zero(const struct duration *d)
{
	return !(d->years || d->months || d->weeks || d->days ||
	    d->hours || d->minutes || d->seconds);
}

void
duration_ko(const struct duration *d, char *out, unsigned outlen)
{
	static const char *const unit[] = { "년", "개월", "주", "일", "시간", "분", "초" };
	unsigned v[7] = { d->years, d->months, d->weeks, d->days,
	    d->hours, d->minutes, d->seconds };
	size_t	 o = 0;
	int	 i;

	out[0] = '\0';
	for (i = 0; i < 7; i++)
		if (v[i] && o < outlen)
			o += (size_t)snprintf(out + o, outlen - o, "%s%u%s",
			    o ? " " : "", v[i], unit[i]);
}
