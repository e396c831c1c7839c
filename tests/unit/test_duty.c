/* Unit tests of src/domain/duty.c: the periods of periodic duties and their
 * judgement (board checked twice each working day, yearly surveys, an
 * improvement plan within three months of a survey's publication). */
#include <string.h>
#include "domain/calendar.h"
#include "domain/duty.h"
#include "tap.h"

/* An instant in Asia/Seoul. */
static time_t
kst(int y, unsigned m, unsigned d, int h, int mi)
{
	return cal_day_start(duty_civil_day(y, m, d)) + h * 3600 + mi * 60;
}

static struct duty_def
def(const char *id, const char *every, unsigned times, const char *within, const char *after)
{
	struct duty_def d;

	memset(&d, 0, sizeof(d));
	snprintf(d.id, sizeof(d.id), "%s", id);
	snprintf(d.what, sizeof(d.what), "%s", id);
	snprintf(d.every, sizeof(d.every), "%s", every);
	snprintf(d.within, sizeof(d.within), "%s", within);
	snprintf(d.after, sizeof(d.after), "%s", after);
	d.times = times;
	return d;
}

static void
test_civil(void)
{
	int	 y;
	unsigned m, d;
	int32_t	 day;

	is_int(duty_civil_day(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(cal_weekday(duty_civil_day(2026, 11, 23)), 0, "2026-11-23 is a Monday");
	is_int(cal_weekday(duty_civil_day(2028, 2, 29)), 1, "2028-02-29 is a Tuesday");
	for (day = -800; day < 40000; day += 37) {
		duty_civil(day, &y, &m, &d);
		if (duty_civil_day(y, m, d) != day)
			break;
	}
	ok(day >= 40000, "civil date round trip from 1967 to 2079");
	is_int(cal_day(kst(2026, 11, 23, 23, 59)), duty_civil_day(2026, 11, 23),
	    "23:59 KST is still the same day");
}

static void
test_plan(void)
{
	struct duty_plan p;
	struct duty_def d;
	char	 why[200];

	d = def("board-check", "P1D", 2, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0 && p.shape == DUTY_WORKING_DAYS &&
	    p.times == 2, "every P1D times 2: working days, 2 records");
	d = def("satisfaction-survey", "P1Y", 0, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0 && p.shape == DUTY_YEARS && p.times == 1,
	    "every P1Y: years, 1 record by default");
	d = def("x", "P1M", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0 && p.shape == DUTY_MONTHS, "P1M: months");
	d = def("x", "P1W", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0 && p.shape == DUTY_WEEKS, "P1W: weeks");
	d = def("improvement-plan", "", 0, "P3M", "survey-published");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0 && p.shape == DUTY_WITHIN &&
	    p.within_months == 3 && p.within_days == 0, "within P3M after: 3 months");
	d = def("x", "P2D", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == -1 && strstr(why, "P2D"), "P2D refused: %s", why);
	d = def("x", "PT12H", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == -1, "PT12H refused");
	d = def("x", "", 1, "P3M", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == -1, "within without after refused");
	d = def("x", "", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == -1, "no period refused");
}

/* Board checked twice a day, the week of Christmas 2026: Mon 21 two checks,
 * Tue 22 one, Wed 23 three, Thu 24 none; Fri 25 is a holiday, 26-27 the
 * weekend: four working days are judged. */
static void
test_board(const struct calendar *cal)
{
	struct duty_def d = def("board-check", "P1D", 2, "", "");
	struct duty_plan p;
	struct duty_period out[16];
	char	 why[200];
	time_t	 rec[] = {
		kst(2026, 12, 21, 9, 5), kst(2026, 12, 21, 16, 0),
		kst(2026, 12, 22, 10, 0),
		kst(2026, 12, 23, 0, 0), kst(2026, 12, 23, 12, 0), kst(2026, 12, 23, 23, 59),
		kst(2026, 12, 26, 10, 0),	/* a Saturday: not a period */
	};
	size_t	 nrec = sizeof(rec) / sizeof(rec[0]), n;
	time_t	 since = kst(2026, 12, 21, 0, 0), to = kst(2026, 12, 28, 0, 0);

	ok(duty_plan(&d, &p, why, sizeof(why)) == 0, "plan");
	n = duty_periods(cal, &p, since, 0, to, rec, nrec, NULL, 0, out, 16);
	is_int((long long)n, 4, "four working days ended");
	is_int(out[0].start, since, "the first is Monday 21");
	is_int(out[0].end, kst(2026, 12, 22, 0, 0), "it ends at 24:00 KST");
	is_int(out[0].done, 2, "Mon: 2 checks");
	is_int(out[1].done, 1, "Tue: 1 check");
	is_int(out[2].done, 3, "Wed: 3 checks (00:00 and 23:59 included)");
	is_int(out[3].done, 0, "Thu: none");
	is_int(out[3].start, kst(2026, 12, 24, 0, 0), "the last is Thursday 24 (25th a holiday)");
	ok(!duty_missed(&out[0]) && duty_missed(&out[1]) && !duty_missed(&out[2]) &&
	    duty_missed(&out[3]), "Tue and Thu missed, Mon and Wed kept");
	is_int(out[1].expected, 2, "2 expected");

	n = duty_periods(cal, &p, since, kst(2026, 12, 23, 0, 0), to, rec, nrec, NULL, 0, out, 16);
	ok(n == 2 && out[0].start == kst(2026, 12, 23, 0, 0), "from the end of Tue: Wed and Thu");
	n = duty_periods(cal, &p, since, kst(2026, 12, 22, 15, 0), to, rec, nrec, NULL, 0, out, 16);
	ok(n == 3 && out[0].start == kst(2026, 12, 22, 0, 0),
	    "from inside Tue (its end not yet judged): Tue, Wed, Thu");
	n = duty_periods(cal, &p, since, 0, kst(2026, 12, 24, 12, 0), rec, nrec, NULL, 0, out, 16);
	is_int((long long)n, 3, "Thu not ended at noon: not judged");
	n = duty_periods(cal, &p, kst(2026, 12, 21, 10, 0), 0, to, rec, nrec, NULL, 0, out, 16);
	ok(n == 3 && out[0].start == kst(2026, 12, 22, 0, 0),
	    "in force from Mon 10:00: periods start on Tue");
	n = duty_periods(cal, &p, since, 0, to, rec, nrec, NULL, 0, out, 1);
	ok(n == 1 && out[0].start == since, "max 1: Mon only");
	n = duty_periods(cal, &p, since, out[0].end, to, rec, nrec, NULL, 0, out, 1);
	ok(n == 1 && out[0].start == kst(2026, 12, 22, 0, 0), "continued from its end: Tue");
	n = duty_periods(cal, &p, since, to, to, rec, nrec, NULL, 0, out, 16);
	is_int((long long)n, 0, "empty interval: nothing");
	n = duty_periods(cal, &p, since, kst(2026, 12, 24, 0, 0), kst(2026, 12, 29, 0, 0), rec,
	    nrec, NULL, 0, out, 16);
	ok(n == 2 && out[0].start == kst(2026, 12, 24, 0, 0) &&
	    out[1].start == kst(2026, 12, 28, 0, 0), "across the holiday and weekend: Thu, Mon");
	n = duty_periods(cal, &p, since, 0, to, NULL, 0, NULL, 0, out, 16);
	ok(n == 4 && out[0].done == 0 && duty_missed(&out[0]), "no records: every day missed");
}

static void
test_years(const struct calendar *cal)
{
	struct duty_def d = def("satisfaction-survey", "P1Y", 1, "", "");
	struct duty_plan p;
	struct duty_period out[8];
	char	 why[200];
	time_t	 rec[] = { kst(2027, 6, 1, 10, 0) };
	time_t	 since = kst(2026, 11, 23, 0, 0);
	size_t	 n;

	ok(duty_plan(&d, &p, why, sizeof(why)) == 0, "plan");
	n = duty_periods(cal, &p, since, 0, kst(2027, 12, 31, 23, 0), rec, 1, NULL, 0, out, 8);
	is_int((long long)n, 0, "2026 began before the charter; 2027 not ended");
	n = duty_periods(cal, &p, since, 0, kst(2028, 1, 1, 0, 0), rec, 1, NULL, 0, out, 8);
	ok(n == 1 && out[0].start == kst(2027, 1, 1, 0, 0) && out[0].end == kst(2028, 1, 1, 0, 0),
	    "2027 judged at 2028-01-01 00:00 KST");
	ok(n == 1 && out[0].done == 1 && !duty_missed(&out[0]), "one survey in 2027: kept");
	n = duty_periods(cal, &p, since, 0, kst(2029, 3, 1, 0, 0), rec, 1, NULL, 0, out, 8);
	ok(n == 2 && duty_missed(&out[1]) && out[1].start == kst(2028, 1, 1, 0, 0),
	    "none in 2028: missed");
	n = duty_periods(cal, &p, kst(2027, 1, 1, 0, 0), 0, kst(2028, 1, 1, 0, 0), rec, 1, NULL,
	    0, out, 8);
	is_int((long long)n, 1, "in force from 1 January: that year counts");

	d = def("x", "P1M", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0, "monthly plan");
	n = duty_periods(cal, &p, since, 0, kst(2027, 3, 1, 0, 0), rec, 0, NULL, 0, out, 8);
	ok(n == 3 && out[0].start == kst(2026, 12, 1, 0, 0) && out[2].end == kst(2027, 3, 1, 0, 0),
	    "months: December, January, February");
	d = def("x", "P1W", 1, "", "");
	ok(duty_plan(&d, &p, why, sizeof(why)) == 0, "weekly plan");
	n = duty_periods(cal, &p, kst(2026, 11, 25, 0, 0), 0, kst(2026, 12, 14, 0, 0), rec, 0, NULL,
	    0, out, 8);
	ok(n == 2 && out[0].start == kst(2026, 11, 30, 0, 0) && out[1].end == kst(2026, 12, 14, 0, 0),
	    "weeks from Monday: 30 Nov and 7 Dec");
}

static void
test_within(const struct calendar *cal)
{
	struct duty_def d = def("improvement-plan", "", 0, "P3M", "survey-published");
	struct duty_plan p;
	struct duty_period out[8];
	char	 why[200];
	time_t	 trig[] = { kst(2027, 3, 15, 10, 0), kst(2027, 11, 30, 9, 0) };
	time_t	 plans[] = { kst(2027, 6, 15, 17, 0) };
	time_t	 since = kst(2026, 11, 23, 0, 0);
	size_t	 n;

	ok(duty_plan(&d, &p, why, sizeof(why)) == 0, "plan");
	n = duty_periods(cal, &p, since, 0, kst(2027, 6, 15, 23, 0), plans, 1, trig, 2, out, 8);
	is_int((long long)n, 0, "the window runs to the end of 15 June");
	n = duty_periods(cal, &p, since, 0, kst(2027, 6, 16, 0, 0), plans, 1, trig, 2, out, 8);
	ok(n == 1 && out[0].start == trig[0] && out[0].end == kst(2027, 6, 16, 0, 0),
	    "survey of 15 March: window [15 March 10:00, 16 June 00:00)");
	ok(n == 1 && out[0].done == 1 && !duty_missed(&out[0]), "plan on 15 June: kept");
	n = duty_periods(cal, &p, since, 0, kst(2027, 6, 16, 0, 0), NULL, 0, trig, 2, out, 8);
	ok(n == 1 && duty_missed(&out[0]), "no plan: missed");
	n = duty_periods(cal, &p, since, 0, kst(2028, 3, 1, 0, 0), plans, 1, trig, 2, out, 8);
	ok(n == 2 && out[1].end == kst(2028, 3, 1, 0, 0),
	    "30 Nov + 3 months: 29 Feb 2028 (no 30 Feb), window ends 1 March 00:00");
	ok(n == 2 && duty_missed(&out[1]), "the second survey has no plan: missed");
	n = duty_periods(cal, &p, since, out[0].end, kst(2028, 3, 1, 0, 0), plans, 1, trig, 2, out, 8);
	ok(n == 1 && out[0].start == trig[1], "from the first window's end: the second only");
	n = duty_periods(cal, &p, kst(2027, 4, 1, 0, 0), 0, kst(2028, 3, 1, 0, 0), plans, 1, trig,
	    2, out, 8);
	ok(n == 1 && out[0].start == trig[1], "a survey before the duty came into force: ignored");
	{
		time_t early[] = { kst(2027, 3, 15, 9, 0) };
		n = duty_periods(cal, &p, since, 0, kst(2027, 6, 16, 0, 0), early, 1, trig, 1, out, 8);
		ok(n == 1 && out[0].done == 0, "a plan before the survey does not count");
	}
}

int
main(void)
{
	struct calendar cal;
	char	 err[200];

	calendar_init(&cal);
	if (calendar_parse(&cal, "2026-12-25 기독탄신일\n2027-01-01 1월1일\n", "test", err,
	    sizeof(err)) == -1) {
		printf("# %s\n", err);
		return 1;
	}
	test_civil();
	test_plan();
	test_board(&cal);
	test_years(&cal);
	test_within(&cal);
	calendar_free(&cal);
	return done_testing();
}
