/* test_calendar: the legal working calendar (src/domain/calendar.h) on the
 * shipped conf/holidays.conf, its parser's errors, working hours, and
 * properties over random instants against naive day-by-day counts. Cases
 * are computed by hand from ../shared/spec/deadlines.md; times are
 * Asia/Seoul, working hours 09:00–12:00 and 13:00–18:00. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "domain/calendar.h"
#include "tap.h"

static time_t
kst(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min) != 5)
		abort();
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm) - CAL_UTC_OFFSET;
}

static int32_t
day(const char *ymd)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%s 12:00", ymd);
	return cal_day(kst(s));
}

static const char *
fmt(time_t t, char *out, size_t len)
{
	struct tm tm;
	time_t	 l = t + CAL_UTC_OFFSET;

	gmtime_r(&l, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M", &tm);
	return out;
}

static const char *
fmtday(int32_t d, char *out, size_t len)
{
	fmt(cal_day_start(d), out, len);
	out[10] = '\0';
	return out;
}

/* Day numbers, weekdays, KST days (UTC+9, floor division before 1970). */
static void
test_days(void)
{
	is_int(cal_weekday(0), 3, "day 0 (1970-01-01) is a Thursday");
	is_int(cal_day(0), 0, "the epoch is on day 0 in Seoul (09:00)");
	is_int(cal_day(-9 * 3600), 0, "1970-01-01 00:00 KST is day 0");
	is_int(cal_day(-9 * 3600 - 1), -1, "a second before is day -1 (floor)");
	is_int(cal_weekday(-1), 2, "day -1 is a Wednesday");
	is_int(cal_weekday(-7), 3, "day -7 is a Thursday");
	is_int(cal_day_start(day("2026-11-20")), kst("2026-11-20 00:00"),
	    "cal_day_start is 00:00 KST (15:00 UTC the day before)");
	is_int(cal_day(kst("2026-11-20 23:59")), day("2026-11-20"), "23:59 KST same day");
	is_int(cal_weekday(day("2026-11-20")), 4, "2026-11-20 is a Friday");
	is_int(cal_weekday(day("2026-03-01")), 6, "2026-03-01 is a Sunday");
}

struct hcase {
	const char *ymd;
	const char *name;	/* cal_holiday_name, NULL if none */
	int	 working;
};

static const struct hcase hcases[] = {
	{ "2025-01-27", "임시공휴일", 0 },		/* a temporary holiday */
	{ "2025-05-05", "어린이날·부처님오신날", 0 },	/* two holidays, one line */
	{ "2025-05-06", "대체공휴일", 0 },
	{ "2025-06-03", "대통령선거", 0 },		/* an election day */
	{ "2025-10-08", "대체공휴일", 0 },		/* 추석 on Sunday 10-05 */
	{ "2026-01-01", "1월1일", 0 },
	{ "2026-01-02", NULL, 1 },			/* Friday after 1 Jan: working */
	{ "2026-02-16", "설날", 0 },
	{ "2026-02-19", NULL, 1 },
	{ "2026-03-01", "3·1절", 0 },			/* listed though a Sunday */
	{ "2026-03-02", "대체공휴일", 0 },
	{ "2026-03-03", NULL, 1 },
	{ "2026-05-01", "노동절", 0 },			/* from 2026 */
	{ "2025-05-01", NULL, 1 },			/* not yet in 2025 */
	{ "2026-05-25", "대체공휴일", 0 },
	{ "2026-06-03", "전국동시지방선거", 0 },
	{ "2026-07-17", "제헌절", 0 },			/* from 2026 */
	{ "2026-08-15", "광복절", 0 },			/* a Saturday */
	{ "2026-08-17", "대체공휴일", 0 },
	{ "2026-09-26", "추석", 0 },			/* Saturday: no substitute */
	{ "2026-09-28", NULL, 1 },
	{ "2026-10-05", "대체공휴일", 0 },
	{ "2026-11-21", NULL, 0 },			/* an ordinary Saturday */
	{ "2026-11-22", NULL, 0 },			/* an ordinary Sunday: not listed */
	{ "2027-02-09", "대체공휴일", 0 },
	{ "2027-12-27", "대체공휴일", 0 },
	{ "2028-04-12", "국회의원선거", 0 },
	{ "2028-10-03", "추석·개천절", 0 },
	{ "2028-10-05", "대체공휴일", 0 },
};

static void
test_holidays(const struct calendar *cal)
{
	size_t	 i;

	is_int(cal->nhol, 83, "holidays.conf: 83 holidays 2025-2028 (deadlines.md)");
	for (i = 0; i < sizeof(hcases) / sizeof(hcases[0]); i++) {
		const struct hcase *h = &hcases[i];

		is_str(cal_holiday_name(cal, day(h->ymd)), h->name, "%s name", h->ymd);
		is_int(cal_is_working_day(cal, day(h->ymd)), h->working,
		    "  %s is %sa working day", h->ymd, h->working ? "" : "not ");
	}
}

/* Working days: [from, to) counts and the n-th working day. */
static void
test_working_days(const struct calendar *cal)
{
	char	 a[32];

	/* 21, 22, 23, 28, 29, 30 Sep and 1 Oct 2026 (추석 24–26, Sunday 27). */
	is_int(cal_working_days_between(cal, day("2026-09-21"), day("2026-10-02")), 7,
	    "7 working days in [2026-09-21, 2026-10-02)");
	/* 설날 2026 Mon–Wed: none in [02-16, 02-19). */
	is_int(cal_working_days_between(cal, day("2026-02-16"), day("2026-02-19")), 0,
	    "none during 설날 2026");
	/* 2025-12-29, 30, 31 and 2026-01-02 (1 Jan off, weekend 3–4). */
	is_int(cal_working_days_between(cal, day("2025-12-29"), day("2026-01-05")), 4,
	    "4 working days across the year's end");
	is_int(cal_working_days_between(cal, day("2026-10-02"), day("2026-09-21")), 0,
	    "reversed range: 0");
	/* Worked examples as n-th working days. */
	is_str(fmtday(cal_nth_working_day(cal, day("2026-09-21"), 7), a, sizeof(a)),
	    "2026-10-01", "7th working day from 2026-09-21 is 10-01");
	is_str(fmtday(cal_nth_working_day(cal, day("2026-12-23"), 14), a, sizeof(a)),
	    "2027-01-13", "14th from 2026-12-23 is 2027-01-13");
	/* From 추석 Thu 09-24: the first is Mon 09-28. */
	is_str(fmtday(cal_nth_working_day(cal, day("2026-09-24"), 1), a, sizeof(a)),
	    "2026-09-28", "1st from 추석 2026-09-24 is 09-28");
	/* Sat 10-03 개천절, Sun, Mon 05 대체공휴일 → Tue 10-06. */
	is_str(fmtday(cal_next_working_day(cal, day("2026-10-03")), a, sizeof(a)),
	    "2026-10-06", "next working day after 개천절 2026 is 10-06");
	/* 2027-02-06 Sat 설날 … Tue 09 대체공휴일 → Wed 02-10. */
	is_str(fmtday(cal_next_working_day(cal, day("2027-02-06")), a, sizeof(a)),
	    "2027-02-10", "next working day after 설날 2027 is 02-10");
	/* 2025: Fri 10-03 개천절, 추석 5–7, 대체 8, 한글날 9 → Fri 10-10. */
	is_str(fmtday(cal_next_working_day(cal, day("2025-10-03")), a, sizeof(a)),
	    "2025-10-10", "next working day after 개천절 2025 is 10-10");
	is_str(fmtday(cal_next_working_day(cal, day("2026-11-20")), a, sizeof(a)),
	    "2026-11-20", "a working day is its own next working day");
}

struct tcase {
	const char *t;
	int64_t	 secs;		/* -1: cal_next_working */
	const char *want;
};

static const struct tcase tcases[] = {
	/* Next working instant. */
	{ "2026-11-20 10:00", -1, "2026-11-20 10:00" },	/* inside a span: itself */
	{ "2026-11-20 08:00", -1, "2026-11-20 09:00" },	/* before hours */
	{ "2026-11-20 12:00", -1, "2026-11-20 13:00" },	/* lunch starts at 12:00 */
	{ "2026-11-20 11:59", -1, "2026-11-20 11:59" },
	{ "2026-11-20 18:00", -1, "2026-11-23 09:00" },	/* Fri 18:00 → Mon */
	{ "2026-09-23 18:30", -1, "2026-09-28 09:00" },	/* before 추석 2026 */
	{ "2025-12-31 19:00", -1, "2026-01-02 09:00" },	/* the year's end */
	{ "2026-06-02 20:00", -1, "2026-06-04 09:00" },	/* election day 06-03 */
	/* Adding working seconds. */
	{ "2026-11-20 16:00", 24 * 3600, "2026-11-25 16:00" },	/* worked example */
	{ "2026-11-25 15:00", 3 * 3600, "2026-11-25 18:00" },	/* ends at 18:00 */
	{ "2026-11-25 09:00", 3 * 3600, "2026-11-25 12:00" },	/* ends at 12:00 */
	{ "2026-11-25 09:00", 3 * 3600 + 1, "2026-11-25 13:00" },	/* 1 s after lunch */
	{ "2026-05-05 10:00", 3 * 3600, "2026-05-06 12:00" },	/* 어린이날 */
	{ "2026-11-25 17:59", 60, "2026-11-25 18:00" },
	{ "2026-11-25 17:59", 61, "2026-11-26 09:00" },	/* 18:00 + 1 s = 09:00:01 ... */
	{ "2026-11-20 19:00", 0, "2026-11-23 09:00" },	/* 0 s: the next working instant */
	/* 8 h from Thu 2026-12-31 09:00 → 18:00 the same day (not 01-04). */
	{ "2026-12-31 09:00", 8 * 3600, "2026-12-31 18:00" },
	/* 16 h from Thu 2026-12-31 09:00: 2027-01-01 off → Mon 01-04 18:00. */
	{ "2026-12-31 09:00", 16 * 3600, "2027-01-04 18:00" },
};

static void
test_instants(const struct calendar *cal)
{
	size_t	 i;
	char	 a[32];

	for (i = 0; i < sizeof(tcases) / sizeof(tcases[0]); i++) {
		const struct tcase *c = &tcases[i];
		time_t	 got = c->secs < 0 ? cal_next_working(cal, kst(c->t)) :
		    cal_add_working_secs(cal, kst(c->t), c->secs);

		/* Compare to the minute (the 61 s case ends at 09:00:01). */
		is_str(fmt(got, a, sizeof(a)), c->want, "%s %s %lld s → %s", c->t,
		    c->secs < 0 ? "next working" : "+", (long long)(c->secs < 0 ? 0 : c->secs),
		    c->want);
	}
	is_int(cal_working_secs_between(cal, kst("2026-11-20 16:00"),
	    kst("2026-11-25 16:00")), 24 * 3600, "Fri 16:00 → Wed 16:00: 24 working hours");
	is_int(cal_working_secs_between(cal, kst("2026-11-25 11:00"),
	    kst("2026-11-25 14:00")), 2 * 3600, "11:00 → 14:00: 2 h (lunch not counted)");
	is_int(cal_working_secs_between(cal, kst("2026-11-21 08:00"),
	    kst("2026-11-22 20:00")), 0, "a weekend: 0");
	is_int(cal_working_secs_between(cal, kst("2026-02-13 18:00"),
	    kst("2026-02-19 09:00")), 0, "Fri 18:00 → 설날 → Thu 09:00: 0");
	is_int(cal_working_secs_between(cal, kst("2026-11-25 14:00"),
	    kst("2026-11-25 11:00")), 0, "reversed: 0");
}

/* Parser: strict, with NAME:LINE in every message. */
struct perr {
	const char *text;
	const char *want;	/* the message, or NULL when accepted */
};

static const struct perr perrs[] = {
	{ "# c\n2026-02-16 설날\n2026-02-30 없는날\n", "t:3: no such date (or a year outside 1900-2999)" },
	{ "2026-02-16설날\n", "t:1: expected a space after the date" },
	{ "\n\nhello\n", "t:3: expected \"YYYY-MM-DD NAME\"" },
	{ "2026-2-16 설날\n", "t:1: expected \"YYYY-MM-DD NAME\"" },
	{ "2026-02-16\n", "t:1: the holiday's name is missing" },
	{ "2026-02-16   \n", "t:1: the holiday's name is missing" },
	{ "2026-02-16 설날\n# x\n2026-02-16 설날2\n", "t:3: duplicate date (already on line 1)" },
	{ "2026-02-16 \xff\xfe\n", "t:1: the holiday's name is not UTF-8 text" },
	{ "2026-02-16 a\x01" "b\n", "t:1: the holiday's name is not UTF-8 text" },
	{ "2026-13-01 x\n", "t:1: no such date (or a year outside 1900-2999)" },
	{ "1899-12-31 x\n", "t:1: no such date (or a year outside 1900-2999)" },
	{ "2026-02-16 0123456789012345678901234567890123456789012345678901234567890123\n",
	    "t:1: the holiday's name is longer than 63 bytes" },
	{ "years 2025\n", "t:1: expected \"years FIRST-LAST\" (e.g. years 2025-2028)" },
	{ "years 2025-28\n", "t:1: expected \"years FIRST-LAST\" (e.g. years 2025-2028)" },
	{ "years2025-2028\n", "t:1: expected \"YYYY-MM-DD NAME\"" },
	{ "years 2028-2025\n", "t:1: the years must run from FIRST to LAST within 1900-2999" },
	{ "years 1800-2025\n", "t:1: the years must run from FIRST to LAST within 1900-2999" },
	{ "years 2025-2026\n# x\nyears 2025-2027\n", "t:3: the years are given twice" },
	{ "years 2025-2026 x\n", "t:1: expected \"years FIRST-LAST\" (e.g. years 2025-2028)" },
	{ "  years\t2025-2026  \r\n2025-01-01 1월1일\n", NULL },
	/* Accepted: comments, blank lines, CRLF, indentation, no final newline. */
	{ "# holidays\r\n\r\n  2026-02-16 설날\r\n\t# indented comment\n2028-02-29 윤일", NULL },
	{ "", NULL },
};

static void
test_parser(void)
{
	struct calendar cal;
	char	 err[256];
	size_t	 i;

	calendar_init(&cal);
	for (i = 0; i < sizeof(perrs) / sizeof(perrs[0]); i++) {
		int	 rc;

		err[0] = '\0';
		rc = calendar_parse(&cal, perrs[i].text, "t", err, sizeof(err));
		if (perrs[i].want == NULL)
			is_int(rc, 0, "parser case %zu accepted", i);
		else if (is_int(rc, -1, "parser case %zu refused", i))
			is_str(err, perrs[i].want, "  message");
	}
	/* A refused text leaves the calendar as it was. */
	calendar_parse(&cal, "2026-02-16 설날\n", "t", err, sizeof(err));
	calendar_parse(&cal, "2026-02-17 설날\nbad\n", "t", err, sizeof(err));
	ok(cal.nhol == 1 && cal_holiday_name(&cal, day("2026-02-16")) != NULL,
	    "a refused text leaves the holidays unchanged");
	/* Unsorted input is sorted. */
	is_int(calendar_parse(&cal, "2026-12-25 b\n2026-01-01 a\n", "t", err, sizeof(err)), 0,
	    "unsorted data parses");
	ok(cal.nhol == 2 && cal.hol[0].day < cal.hol[1].day, "  and is sorted");
	calendar_free(&cal);
	calendar_init(&cal);
	is_int(calendar_load(&cal, "/nonexistent/holidays.conf", err, sizeof(err)), -1,
	    "a missing file is an error");
	ok(strncmp(err, "/nonexistent/holidays.conf: ", 28) == 0, "  naming the file: %s", err);
	calendar_free(&cal);
}

static void
test_hours(const char *path)
{
	struct calendar cal;
	char	 err[256], a[32], d1[65], d2[65];
	static const char *const bad[] = {
		"", "   ", "13:00-18:00 09:00-12:00", "09:00-12:00 11:00-13:00",
		"09:00-25:00", "9:00-12:00", "12:00-09:00", "09:00-09:00",
		"09:00-10:00 10:00-11:00 11:00-12:00 12:00-13:00 13:00-14:00",
		"09:00-12:00,13:00-18:00", "09:60-12:00", "24:30-24:40", NULL,
	};
	size_t	 i;

	calendar_init(&cal);
	is_int(cal.day_secs, 8 * 3600, "default: 8 working hours a day");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(calendar_set_hours(&cal, bad[i]), -1, "hours \"%s\" refused",
		    bad[i] ? bad[i] : "(null)");
	is_int(cal.day_secs, 8 * 3600, "  refusals leave the hours as they were");
	is_int(calendar_set_hours(&cal, "00:00-24:00"), 0, "00:00-24:00 accepted");
	is_int(cal.day_secs, 86400, "  24 h a day");
	is_int(calendar_set_hours(&cal, "09:00-12:00 12:00-18:00"), 0,
	    "touching spans accepted");
	calendar_digest_hex(&cal, d1);
	is_int(calendar_set_hours(&cal, "09:00-12:00  13:00-18:00"), 0,
	    "the default hours (two spaces)");
	calendar_digest_hex(&cal, d2);
	ok(strcmp(d1, d2) != 0, "hours change the digest");
	is_int(calendar_load(&cal, path, err, sizeof(err)), 0, "load %s", path);
	calendar_digest_hex(&cal, d1);
	ok(strcmp(d1, d2) != 0, "holidays change the digest");
	is_int(calendar_set_hours(&cal, "10:00-16:00"), 0, "10:00-16:00 (one span)");
	is_int(cal.day_secs, 6 * 3600, "  6 h a day");
	/* 3 h from Wed 15:00: 15–16 (1 h), Thu 10:00 + 2 h → 12:00. */
	is_str(fmt(cal_add_working_secs(&cal, kst("2026-11-25 15:00"), 3 * 3600), a,
	    sizeof(a)), "2026-11-26 12:00", "  3 h from Wed 15:00 → Thu 12:00");
	calendar_digest_hex(&cal, d1);
	calendar_free(&cal);
	ok(strlen(d1) == 64 && strspn(d1, "0123456789abcdef") == 64, "digest is 64 hex digits");
}

/* The years the data covers: listed ones, within the "years" line. */
static void
test_covered(const struct calendar *shipped)
{
	struct calendar cal;
	char	 err[256], a[32];
	int64_t	 y;

	for (y = 2025; y <= 2028; y++)
		ok(cal_year_covered(shipped, y), "the shipped data covers %lld", (long long)y);
	ok(!cal_year_covered(shipped, 2024) && !cal_year_covered(shipped, 2029),
	    "  and neither 2024 nor 2029");
	is_int(cal_year_of(kst("2028-12-31 23:59")), 2028, "2028-12-31 23:59 KST is in 2028");
	is_int(cal_year_of(kst("2029-01-01 00:00")), 2029, "2029-01-01 00:00 KST is in 2029");
	is_int(cal_uncovered_between(shipped, kst("2026-11-20 12:00"), kst("2028-12-31 23:00")),
	    0, "a count within 2026-2028 crosses no missing year");
	is_int(cal_uncovered_between(shipped, kst("2028-12-20 12:00"), kst("2029-01-10 12:00")),
	    2029, "a count from 2028-12-20 to 2029-01-10 reaches 2029");
	is_int(cal_uncovered_between(shipped, kst("2024-12-20 12:00"), kst("2025-01-10 12:00")),
	    2024, "one from 2024 starts in a missing year");
	is_int(cal_uncovered_between(shipped, kst("2029-02-01 12:00"), kst("2028-01-01 12:00")),
	    2029, "b before a: a's year alone");
	is_int(cal_uncovered_count(shipped, kst("2028-12-20 12:00"), kst("2029-01-01 00:00")),
	    0, "a count due at 24:00 on 2028-12-31 stays in 2028");
	is_int(cal_uncovered_count(shipped, kst("2028-12-20 12:00"), kst("2029-01-01 00:01")),
	    2029, "  one due a minute later reaches 2029");
	is_int(cal_uncovered_count(shipped, kst("2029-01-01 12:00"), 0), 0,
	    "  no due instant, no flag");
	is_str(fmt(cal_covered_until(shipped, kst("2026-11-20 12:00")), a, sizeof(a)),
	    "2029-01-01 00:00", "covered from 2026-11-20 until 2029-01-01 00:00 KST");
	is_str(fmt(cal_covered_until(shipped, kst("2029-03-01 12:00")), a, sizeof(a)),
	    "2029-01-01 00:00", "  and from 2029 on, not at all (its own year's start)");
	calendar_init(&cal);
	calendar_parse(&cal, "2025-01-01 a\n2027-01-01 c\n", "t", err, sizeof(err));
	ok(cal_year_covered(&cal, 2025) && !cal_year_covered(&cal, 2026) &&
	    cal_year_covered(&cal, 2027), "no years line: a year in the middle without a"
	    " holiday is not covered");
	is_int(cal_uncovered_between(&cal, kst("2025-12-20 12:00"), kst("2027-01-10 12:00")),
	    2026, "  and a count through it is flagged with it");
	is_str(fmt(cal_covered_until(&cal, kst("2025-06-01 12:00")), a, sizeof(a)),
	    "2026-01-01 00:00", "  the data runs out at its start");
	calendar_parse(&cal, "years 2025-2026\n2025-01-01 a\n2026-01-01 b\n2027-01-01 c\n",
	    "t", err, sizeof(err));
	ok(cal_year_covered(&cal, 2026) && !cal_year_covered(&cal, 2027),
	    "years 2025-2026: a holiday listed in 2027 does not make 2027 covered");
	ok(cal_holiday_name(&cal, day("2027-01-01")) != NULL, "  but it is a holiday all the same");
	is_int(cal.years_first * 10000 + cal.years_last, 20252026, "  years_first, years_last");
	calendar_parse(&cal, "years 2024-2026\n2025-01-01 a\n2026-01-01 b\n", "t", err,
	    sizeof(err));
	ok(!cal_year_covered(&cal, 2024), "  a year of the line without any holiday is not covered");
	calendar_free(&cal);
	ok(!cal_year_covered(&cal, 2025) && cal.years_first == 0, "calendar_free forgets the years");
}

/* The same holidays in another order and with other comments digest alike. */
static void
test_digest_order(void)
{
	struct calendar a, b;
	char	 err[256], da[65], db[65];

	calendar_init(&a);
	calendar_init(&b);
	calendar_parse(&a, "2026-01-01 1월1일\n2026-12-25 기독탄신일\n", "a", err, sizeof(err));
	calendar_parse(&b, "# b\n2026-12-25 기독탄신일\n\n2026-01-01 1월1일\n", "b", err,
	    sizeof(err));
	calendar_digest_hex(&a, da);
	calendar_digest_hex(&b, db);
	is_str(da, db, "the digest is of the data, not of its layout");
	calendar_parse(&b, "2026-01-01 신정\n2026-12-25 기독탄신일\n", "b", err, sizeof(err));
	calendar_digest_hex(&b, db);
	ok(strcmp(da, db) != 0, "a renamed holiday changes the digest");
	calendar_parse(&b, "years 2026-2026\n2026-01-01 1월1일\n2026-12-25 기독탄신일\n", "b",
	    err, sizeof(err));
	calendar_digest_hex(&b, db);
	is_str(da, db, "a years line leaves the digest (it moves no deadline)");
	calendar_free(&a);
	calendar_free(&b);
}

static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Working seconds in [a, b) the slow way: day by day, span by span. */
static int64_t
naive_between(const struct calendar *cal, time_t a, time_t b)
{
	int64_t	 w = 0;
	int32_t	 d;
	size_t	 i;

	for (d = cal_day(a); d <= cal_day(b); d++) {
		if (!cal_is_working_day(cal, d))
			continue;
		for (i = 0; i < cal->nspan; i++) {
			time_t	 s = cal_day_start(d) + cal->span[i][0];
			time_t	 e = cal_day_start(d) + cal->span[i][1];

			s = s < a ? a : s;
			e = e > b ? b : e;
			if (e > s)
				w += e - s;
		}
	}
	return w;
}

/* Working day: Monday–Friday and not listed, from the data itself. */
static int
naive_working(const struct calendar *cal, int32_t d)
{
	size_t	 i;

	if (cal_weekday(d) >= 5)
		return 0;
	for (i = 0; i < cal->nhol; i++)
		if (cal->hol[i].day == d)
			return 0;
	return 1;
}

static void
test_properties(const struct calendar *cal)
{
	uint64_t rng = 42;
	time_t	 lo = kst("2025-01-01 00:00"), hi = kst("2028-12-01 00:00");
	long	 i, n = 120000, assoc = 0, roundtrip = 0, after = 0, nth = 0,
		 wdays = 0, slow = 0, next = 0;

	for (i = 0; i < n; i++) {
		uint64_t r1 = next_rand(&rng), r2 = next_rand(&rng);
		time_t	 t = lo + (time_t)(r1 % (uint64_t)(hi - lo));
		int64_t	 m = (int64_t)(r2 % (200 * 3600)), k = 1 + (int64_t)((r2 >> 32) % (200 * 3600));
		time_t	 tm = cal_add_working_secs(cal, t, m);
		int32_t	 d = cal_day(t), x, want;
		int64_t	 cnt = 1 + (int64_t)((r1 >> 40) % 40);
		time_t	 nw;

		if (cal_add_working_secs(cal, tm, k) != cal_add_working_secs(cal, t, m + k))
			assoc++;
		if (cal_working_secs_between(cal, t, cal_add_working_secs(cal, t, k)) != k)
			roundtrip++;
		if (cal_add_working_secs(cal, t, m) < t)
			after++;
		/* The n-th working day against a day-by-day loop. */
		for (x = d, want = 0;; x++)
			if (naive_working(cal, x) && ++want == cnt)
				break;
		if (cal_nth_working_day(cal, d, cnt) != x)
			nth++;
		if (cal_working_days_between(cal, d, x + 1) != cnt ||
		    cal_is_working_day(cal, d) != naive_working(cal, d))
			wdays++;
		/* The next working instant is working, and nothing before it is. */
		nw = cal_next_working(cal, t);
		if (nw < t || cal_working_secs_between(cal, t, nw) != 0 ||
		    cal_working_secs_between(cal, nw, nw + 1) != 1)
			next++;
		/* Working seconds against the slow count, over up to ~3 weeks. */
		if (i % 4 == 0) {
			time_t b = t + (time_t)(r2 % (21 * 86400));

			if (cal_working_secs_between(cal, t, b) != naive_between(cal, t, b))
				slow++;
		}
	}
	is_int(assoc, 0, "%ld random instants: add(m) then add(n) == add(m+n)", n);
	is_int(roundtrip, 0, "  between(t, add(t, s)) == s");
	is_int(after, 0, "  add(t, s) >= t");
	is_int(nth, 0, "  cal_nth_working_day agrees with a day-by-day loop");
	is_int(wdays, 0, "  working days between and is_working_day agree with the data");
	is_int(next, 0, "  cal_next_working is the first working instant");
	is_int(slow, 0, "  working seconds agree with a day-by-day count");
}

int
main(void)
{
	struct calendar cal;
	const char *dir = getenv("srcdir");
	char	 path[1024], err[256];

	snprintf(path, sizeof(path), "%s/conf/holidays.conf", dir && *dir ? dir : ".");
	calendar_init(&cal);
	if (!is_int(calendar_load(&cal, path, err, sizeof(err)), 0, "load %s", path)) {
		diag("%s", err);
		return done_testing();
	}
	test_days();
	test_holidays(&cal);
	test_working_days(&cal);
	test_instants(&cal);
	test_parser();
	test_hours(path);
	test_digest_order();
	test_covered(&cal);
	test_properties(&cal);
	calendar_free(&cal);
	return done_testing();
}
