/* calendar: the legal working calendar — public holidays (data from conf/,
 * each with its name), Saturdays and Sundays off, working hours of the
 * configuration (09:00–12:00 and 13:00–18:00 by default) in Asia/Seoul
 * (UTC+9, no daylight saving). Pure: the arithmetic does no I/O; only
 * calendar_load reads a file. Every operation is O(log holidays).
 *
 * Instants are time_t seconds since the epoch, UTC. A "day" is a day number:
 * days since 1970-01-01 in Asia/Seoul (day 0 is Thursday). */
#ifndef CHARTER_CALENDAR_H
#define CHARTER_CALENDAR_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CAL_UTC_OFFSET	(9 * 3600)	/* Asia/Seoul */
#define CAL_SPANS_MAX	4		/* working spans a day at most */
#define CAL_YEAR_MIN	1900		/* years the holiday data may name */
#define CAL_YEAR_MAX	2999
#define CAL_YEARS_BYTES	((CAL_YEAR_MAX - CAL_YEAR_MIN + 8) / 8)

struct cal_holiday {
	int32_t	 day;			/* day number (Asia/Seoul) */
	char	 name[64];		/* "설날", "대체공휴일" (UTF-8) */
};

struct calendar {
	struct cal_holiday *hol;	/* sorted by day, unique */
	size_t	 nhol;
	/* Precomputed from hol: the holidays on Monday–Friday, sorted, and
	 * for each its "weekday index" minus its position (non-decreasing),
	 * so that working-day counting is a binary search. */
	int32_t	*wd_hol;
	int64_t	*wd_key;
	size_t	 nwd;
	/* Working spans of a working day, seconds after local midnight,
	 * sorted and disjoint: {9h,12h},{13h,18h} by default. */
	int32_t	 span[CAL_SPANS_MAX][2];
	size_t	 nspan;
	int32_t	 day_secs;		/* working seconds in a day (8 h) */
	unsigned char digest[32];	/* SHA-256 of the holiday data + spans */
	/* The years the data covers (holidays.conf's header states the rule):
	 * a year with at least one holiday listed, inside the "years
	 * FIRST-LAST" line when the data has one. Bit y - CAL_YEAR_MIN. */
	int32_t	 years_first, years_last;	/* the "years" line; 0 when none */
	unsigned char covered[CAL_YEARS_BYTES];
};

/* Default working hours, no holidays. */
void	 calendar_init(struct calendar *);
void	 calendar_free(struct calendar *);
/* Working hours as configured: "09:00-12:00 13:00-18:00". 0, or -1. */
int	 calendar_set_hours(struct calendar *, const char *spec);
/* Holiday data, one per line: "2026-02-16 설날" (date, space, name); '#'
 * comments and blank lines ignored; at most one "years 2025-2028" line
 * (the years the data claims to be complete for). Replaces the holidays.
 * 0, or -1 with "NAME:LINE: why" in err (name names the text in messages). */
int	 calendar_parse(struct calendar *, const char *text, const char *name,
	    char *err, size_t errlen);
/* Reads the file and parses it. */
int	 calendar_load(struct calendar *, const char *path, char *err, size_t errlen);
/* Hex digest of the holidays and hours (65 bytes with the NUL): a change of
 * calendar that can move a deadline changes it (the covered years do not:
 * they move nothing, only the flags computed from them). */
void	 calendar_digest_hex(const struct calendar *, char out[65]);

/* Day number of an instant, and the instant a day starts (00:00 KST). */
int32_t	 cal_day(time_t t);
time_t	 cal_day_start(int32_t day);
/* The day number of a proleptic Gregorian date, and the date of a day
 * number (civil arithmetic, any year). */
int64_t	 cal_civil_day(int64_t y, int m, int d);
void	 cal_civil_from_day(int64_t day, int64_t *y, int *m, int *d);
/* 0 Monday ... 6 Sunday. */
int	 cal_weekday(int32_t day);
/* The holiday's name if day is a listed holiday, else NULL (Sundays are not
 * listed: they are off by rule). */
const char *cal_holiday_name(const struct calendar *, int32_t day);
/* 1 if day is a working day: Monday–Friday and not a listed holiday. */
int	 cal_is_working_day(const struct calendar *, int32_t day);
/* Number of working days in [from, to) (0 when to <= from). */
int64_t	 cal_working_days_between(const struct calendar *, int32_t from, int32_t to);
/* The first working day >= day. */
int32_t	 cal_next_working_day(const struct calendar *, int32_t day);
/* The working day that is the n-th (n >= 1) counting day itself as the
 * first when it is a working day (else the first working day after it). */
int32_t	 cal_nth_working_day(const struct calendar *, int32_t day, int64_t n);

/* The year (Asia/Seoul) of an instant. */
int64_t	 cal_year_of(time_t t);
/* 1 if the holiday data covers year y. */
int	 cal_year_covered(const struct calendar *, int64_t y);
/* The first year from a's to b's (both included; b before a counts as a's
 * year alone) that the data does not cover, or 0 when it covers them all:
 * a count from a to b that crosses such a year ignores its holidays. */
int64_t	 cal_uncovered_between(const struct calendar *, time_t a, time_t b);
/* The same for a count from start that falls due at due: it counts the
 * instants [start, due), so a due at 24:00 on 31 December stays in its
 * year. 0 when due is 0 (no due instant). */
int64_t	 cal_uncovered_count(const struct calendar *, time_t start, time_t due);
/* The start (1 January, 00:00 KST) of the first year from t's on that the
 * data does not cover: every count that ends before it had complete data. */
time_t	 cal_covered_until(const struct calendar *, time_t t);

/* The next working instant: t itself when it falls inside a working span,
 * else the start of the next span on a working day. */
time_t	 cal_next_working(const struct calendar *, time_t t);
/* The instant when secs working seconds have elapsed since t (the count
 * starts at cal_next_working(t)). A count that runs out exactly at the end
 * of a span ends there (18:00, not 09:00 the next day). secs >= 0. */
time_t	 cal_add_working_secs(const struct calendar *, time_t t, int64_t secs);
/* Working seconds in [a, b) (0 when b <= a). */
int64_t	 cal_working_secs_between(const struct calendar *, time_t a, time_t b);

#endif
