/* test_deadline: processing periods as the law counts them
 * (src/domain/deadline.h, ../shared/spec/deadlines.md), on the shipped
 * conf/holidays.conf. Every case of the tables is computed by hand from
 * deadlines.md; the comment above each gives the reasoning. Working hours
 * are 09:00–12:00 and 13:00–18:00 (8 h a day); all times are Asia/Seoul.
 * "N days" / "N hours" are statutory periods (dl_period_statutory); other
 * targets are a charter measure's ISO 8601 target and clock. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "domain/calendar.h"
#include "domain/deadline.h"
#include "tap.h"

struct dcase {
	const char *recv;	/* "YYYY-MM-DD HH:MM" KST */
	const char *target;	/* "3 days", "3 hours", or "PT10M" with a clock */
	const char *clock;
	const char *due;	/* "YYYY-MM-DD HH:MM" KST, or NULL when refused */
};

static const struct dcase cases[] = {
	/* ---- the four worked examples of deadlines.md, verbatim ---- */
	/* 3-day period (24 working hours), received Fri 2026-11-20 16:00: Fri
	 * 2 h, Mon 8 h, Tue 8 h, Wed 09–12 and 13–16 → Wed 2026-11-25 16:00. */
	{ "2026-11-20 16:00", "3 days", NULL, "2026-11-25 16:00" },
	/* 7-day period, received Mon 2026-09-21 (any time): 21, 22, 23 count
	 * 1–3; 24–26 추석 and 27 Sunday are skipped; 28, 29, 30 count 4–6; Thu
	 * 2026-10-01 is day 7 → due at its end. */
	{ "2026-09-21 10:00", "7 days", NULL, "2026-10-02 00:00" },
	{ "2026-09-21 23:30", "7 days", NULL, "2026-10-02 00:00" },	/* any time */
	{ "2026-09-21 00:00", "7 days", NULL, "2026-10-02 00:00" },
	/* 14-day period, received Wed 2026-12-23: 23 (1), 24 (2), 25 기독탄신일
	 * skipped, 28–31 (3–6), 2027-01-01 skipped, 04–08 (7–11), 11–13
	 * (12–14) → due at the end of Wed 2027-01-13. */
	{ "2026-12-23 11:00", "14 days", NULL, "2027-01-14 00:00" },
	/* Immediate, received Tue 2026-05-05 10:00 (어린이날): counting starts
	 * Wed 09:00 → Wed 2026-05-06 12:00. */
	{ "2026-05-05 10:00", "3 hours", NULL, "2026-05-06 12:00" },

	/* ---- Friday-evening receipts ---- */
	/* Fri 19:00 is after hours: the count starts Mon 11-23 09:00; 3 h → 12:00. */
	{ "2026-11-20 19:00", "3 hours", NULL, "2026-11-23 12:00" },
	/* Fri 18:30: starts Mon 09:00; 24 h = Mon, Tue, Wed whole days; the count
	 * runs out exactly at Wed 18:00, which is the deadline. */
	{ "2026-11-20 18:30", "3 days", NULL, "2026-11-25 18:00" },
	/* Fri 18:00 exactly is outside the span [13:00, 18:00): 5 days = 40 h
	 * = Mon 23 to Fri 27 whole → Fri 27 18:00. */
	{ "2026-11-20 18:00", "5 days", NULL, "2026-11-27 18:00" },
	/* 1 day = 8 h from Fri 17:00: Fri 1 h, Mon 09–12 (4 h), 13–17 (8 h). */
	{ "2026-11-20 17:00", "1 days", NULL, "2026-11-23 17:00" },

	/* ---- receipt in the lunch break ---- */
	/* Wed 12:30: the count starts at 13:00; 3 h → 16:00. */
	{ "2026-11-25 12:30", "3 hours", NULL, "2026-11-25 16:00" },
	/* Wed 11:00: 11–12 (1 h), 13–15 (3 h) → 15:00. */
	{ "2026-11-25 11:00", "3 hours", NULL, "2026-11-25 15:00" },
	/* Tue 12:00: starts 13:00; Tue 5 h, Wed 8 (13), Thu 8 (21), Fri 09–12
	 * (24): runs out exactly at the end of the morning span → Fri 12:00. */
	{ "2026-11-24 12:00", "3 days", NULL, "2026-11-27 12:00" },

	/* ---- Saturday and Sunday receipts ---- */
	/* Sat 10:00: starts Mon 09:00 → Mon 12:00. */
	{ "2026-11-21 10:00", "3 hours", NULL, "2026-11-23 12:00" },
	/* Sat 11-21: day 1 is Mon 23 (a weekend receipt day is not day 1);
	 * 23–27 (1–5), Mon 30 (6), Tue 12-01 (7) → end of 12-01. */
	{ "2026-11-21 10:00", "7 days", NULL, "2026-12-02 00:00" },
	/* Sun 11-22 15:00: the same count as from Saturday. */
	{ "2026-11-22 15:00", "7 days", NULL, "2026-12-02 00:00" },

	/* ---- both sides of the 5/6-day line ---- */
	/* 5 days from Mon 09:00 = 40 working hours: Mon to Fri whole → Fri 18:00. */
	{ "2026-11-23 09:00", "5 days", NULL, "2026-11-27 18:00" },
	/* 5 days from Mon 14:00: Mon 4 h, Tue–Fri 32 (36), Mon 30 09–12 (39),
	 * 13–14 (40) → Mon 11-30 14:00. */
	{ "2026-11-23 14:00", "5 days", NULL, "2026-11-30 14:00" },
	/* 6 days from the same instant are counted in days: 23–27 (1–5), Mon
	 * 30 (6) → end of 11-30, i.e. 12-01 00:00 (ten hours later than 5 days). */
	{ "2026-11-23 14:00", "6 days", NULL, "2026-12-01 00:00" },
	/* 6 days from Mon 09:00: the same end of Mon 30. */
	{ "2026-11-23 09:00", "6 days", NULL, "2026-12-01 00:00" },
	/* 3 days from Wed 09:00: Wed, Thu, Fri whole → Fri 18:00. */
	{ "2026-11-25 09:00", "3 days", NULL, "2026-11-27 18:00" },

	/* ---- 설날 2026 (Mon 02-16 to Wed 02-18) ---- */
	/* Fri 02-13 15:00: Fri 3 h; 16–18 설날; Thu 19 8 (11); Fri 20 8 (19);
	 * Mon 23 09–12 (22), 13–15 (24) → Mon 02-23 15:00. */
	{ "2026-02-13 15:00", "3 days", NULL, "2026-02-23 15:00" },
	/* Thu 02-12: 12 (1), 13 (2), 16–18 skipped, 19 (3), 20 (4), 23 (5),
	 * 24 (6), 25 (7) → end of Wed 02-25. */
	{ "2026-02-12 09:30", "7 days", NULL, "2026-02-26 00:00" },
	/* Mon 02-16 10:00 is 설날: starts Thu 19 09:00 → 12:00. */
	{ "2026-02-16 10:00", "3 hours", NULL, "2026-02-19 12:00" },
	/* Mon 02-09: 9–13 (1–5), 16–18 skipped, 19, 20 (6, 7), 23–27 (8–12),
	 * Mon 03-02 대체공휴일 skipped, 03 (13), 04 (14) → end of 03-04. */
	{ "2026-02-09 14:00", "14 days", NULL, "2026-03-05 00:00" },

	/* ---- 설날 2027 (Sat 02-06 to Mon 02-08, substitute Tue 02-09) ---- */
	/* Fri 02-05 10:00: Fri 10–12 (2), 13–18 (7); Mon 8 and Tue 9 off; Wed
	 * 10 8 (15); Thu 11 8 (23); Fri 12 09–10 (24) → Fri 02-12 10:00. */
	{ "2027-02-05 10:00", "3 days", NULL, "2027-02-12 10:00" },
	/* Thu 02-04: 4 (1), 5 (2), 8 and 9 skipped, 10 (3), 11 (4), 12 (5), 15
	 * (6), 16 (7) → end of Tue 02-16. */
	{ "2027-02-04 16:00", "7 days", NULL, "2027-02-17 00:00" },
	/* Mon 02-08 17:00 (설날): Tue 9 is the substitute; starts Wed 09:00. */
	{ "2027-02-08 17:00", "3 hours", NULL, "2027-02-10 12:00" },

	/* ---- 추석 2026 (Thu 09-24 to Sat 09-26, no substitute) ---- */
	/* Wed 09-23 13:00: Wed 5 h; Thu, Fri off (and Sat); Mon 28 8 (13); Tue
	 * 29 8 (21); Wed 30 09–12 (24) → runs out at 12:00 exactly. */
	{ "2026-09-23 13:00", "3 days", NULL, "2026-09-30 12:00" },
	/* Mon 09-21: 21–23 (1–3), 28–30 (4–6), 10-01 (7), 02 (8), Sat 03 개천절,
	 * Mon 05 대체공휴일 skipped, 06–08 (9–11), Fri 09 한글날 skipped,
	 * 12–14 (12–14) → end of Wed 10-14. */
	{ "2026-09-21 09:00", "14 days", NULL, "2026-10-15 00:00" },
	/* Fri 09-25 11:00 (추석): the Saturday overlap gives no substitute, so
	 * Mon 09-28 is a working day → 12:00. */
	{ "2026-09-25 11:00", "3 hours", NULL, "2026-09-28 12:00" },

	/* ---- 추석 2025 (Sun 10-05 to Tue 10-07, 대체 Wed 08, 한글날 Thu 09) ---- */
	/* Thu 10-02: 2 (1), Fri 3 개천절, 6–9 off, Fri 10 (2), 13–17 (3–7) → end
	 * of Fri 10-17. */
	{ "2025-10-02 10:00", "7 days", NULL, "2025-10-18 00:00" },
	/* Thu 10-02 17:00: 1 h; Fri 3 and Mon 6–Thu 9 off; Fri 10 8 (9); Mon 13
	 * 8 (17); Tue 14 09–12 (20), 13–17 (24) → Tue 10-14 17:00. */
	{ "2025-10-02 17:00", "3 days", NULL, "2025-10-14 17:00" },
	/* Wed 10-01 16:30: 1.5 h; Thu 10-02 09:00 + 1.5 h → 10:30. */
	{ "2025-10-01 16:30", "3 hours", NULL, "2025-10-02 10:30" },

	/* ---- substitute holidays of 2026 ---- */
	/* Fri 02-27 17:00: 1 h; Mon 03-02 대체공휴일 (3·1절 on Sunday); Tue 03
	 * 09:00 + 2 h → 11:00. */
	{ "2026-02-27 17:00", "3 hours", NULL, "2026-03-03 11:00" },
	/* Fri 05-22: 22 (1), Mon 25 대체공휴일 (부처님오신날 on Sunday 24)
	 * skipped, 26–29 (2–5), Mon 06-01 (6) → end of 06-01. */
	{ "2026-05-22 09:00", "6 days", NULL, "2026-06-02 00:00" },
	/* Fri 08-14 09:00: Fri 8 h; Sat 15 광복절; Mon 17 대체공휴일; Tue 18 8
	 * (16); Wed 19 8 (24) → Wed 08-19 18:00. */
	{ "2026-08-14 09:00", "3 days", NULL, "2026-08-19 18:00" },
	/* Fri 10-02: 2 (1), Mon 05 대체공휴일 (개천절 on Saturday) skipped, 6–8
	 * (2–4), Fri 9 한글날 skipped, 12–14 (5–7) → end of 10-14. */
	{ "2026-10-02 15:00", "7 days", NULL, "2026-10-15 00:00" },

	/* ---- the year's end ---- */
	/* Wed 2025-12-31 16:00: 2 h; 2026-01-01 off; Fri 01-02 09:00 + 1 h. */
	{ "2025-12-31 16:00", "3 hours", NULL, "2026-01-02 10:00" },
	/* Wed 2025-12-24: 24 (1), 25 off, 26 (2), 29–31 (3–5), 01-01 off, Fri
	 * 01-02 (6), Mon 01-05 (7) → end of 2026-01-05. */
	{ "2025-12-24 12:00", "7 days", NULL, "2026-01-06 00:00" },
	/* Thu 2026-12-31 17:00: 1 h; Fri 2027-01-01 off; Mon 01-04 09:00 + 2 h. */
	{ "2026-12-31 17:00", "3 hours", NULL, "2027-01-04 11:00" },

	/* ---- election day (Wed 2026-06-03) and 현충일 on a Saturday ---- */
	/* Tue 06-02 16:00: 2 h; Wed 03 off; Thu 04 09:00 + 1 h → 10:00. */
	{ "2026-06-02 16:00", "3 hours", NULL, "2026-06-04 10:00" },
	/* Mon 06-01: 1 (1), 2 (2), 3 skipped, 4 (3), 5 (4), Sat 6 현충일 (no
	 * substitute), 8–10 (5–7) → end of Wed 06-10. */
	{ "2026-06-01 09:00", "7 days", NULL, "2026-06-11 00:00" },
	/* 2025-06-03 대통령선거 (Tue): from Mon 06-02 17:00 1 h, Wed 04 09:00 +
	 * 2 h → 11:00. */
	{ "2025-06-02 17:00", "3 hours", NULL, "2025-06-04 11:00" },

	/* ---- 노동절 (Fri 2026-05-01) ---- */
	/* Thu 04-30 17:30: 0.5 h; Fri 05-01 off; Mon 05-04 09:00 + 2.5 h. */
	{ "2026-04-30 17:30", "3 hours", NULL, "2026-05-04 11:30" },
	/* Thu 04-30: 30 (1), 05-01 skipped, Mon 4 (2), Tue 5 어린이날 skipped,
	 * 6–8 (3–5), 11, 12 (6, 7) → end of Tue 05-12. */
	{ "2026-04-30 09:00", "7 days", NULL, "2026-05-13 00:00" },
	/* 노동절 was not a holiday in 2025: Thu 2025-05-01 17:00 + 3 h → Fri
	 * 05-02 11:00. */
	{ "2025-05-01 17:00", "3 hours", NULL, "2025-05-02 11:00" },

	/* ---- 14 days across 제헌절 (Fri 2026-07-17) ---- */
	/* Tue 07-14: 14–16 (1–3), 17 skipped, 20–24 (4–8), 27–31 (9–13), Mon
	 * 08-03 (14) → end of 08-03. */
	{ "2026-07-14 10:00", "14 days", NULL, "2026-08-04 00:00" },

	/* ---- minute and hour targets on working hours and the calendar clock ---- */
	/* PT10M working, Wed 10:00 → 10:10. */
	{ "2026-11-25 10:00", "PT10M", "working-hours", "2026-11-25 10:10" },
	/* PT10M working, Wed 17:55: 5 min, then Thu 09:00 + 5 min. */
	{ "2026-11-25 17:55", "PT10M", "working-hours", "2026-11-26 09:05" },
	/* PT10M calendar, Wed 17:55 → 18:05 (elapsed time). */
	{ "2026-11-25 17:55", "PT10M", "calendar", "2026-11-25 18:05" },
	/* PT30M working, Wed 11:45: 15 min to noon, 13:00 + 15 min. */
	{ "2026-11-25 11:45", "PT30M", "working-hours", "2026-11-25 13:15" },
	/* PT30M calendar, Sat 23:50 → Sun 00:20. */
	{ "2026-11-21 23:50", "PT30M", "calendar", "2026-11-22 00:20" },
	/* PT1H working, Fri 17:30: 30 min, Mon 09:00 + 30 min. */
	{ "2026-11-20 17:30", "PT1H", "working-hours", "2026-11-23 09:30" },
	/* PT1H calendar, Fri 17:30 → 18:30. */
	{ "2026-11-20 17:30", "PT1H", "calendar", "2026-11-20 18:30" },
	/* PT1H working from noon: the lunch break is not counted → 14:00. */
	{ "2026-11-25 12:00", "PT1H", "working-hours", "2026-11-25 14:00" },
	/* PT3H working, Sun 08:00: starts Mon 09:00 → 12:00. */
	{ "2026-11-22 08:00", "PT3H", "working-hours", "2026-11-23 12:00" },
	/* PT3H calendar, Sun 08:00 → 11:00 the same Sunday. */
	{ "2026-11-22 08:00", "PT3H", "calendar", "2026-11-22 11:00" },
	/* PT3H with no clock named is working time: Fri 16:00, 2 h, Mon 10:00. */
	{ "2026-11-20 16:00", "PT3H", "", "2026-11-23 10:00" },
	/* PT10M working on 노동절 (Fri 2026-05-01): Mon 05-04 09:10. */
	{ "2026-05-01 10:00", "PT10M", "working-hours", "2026-05-04 09:10" },
	/* PT1H calendar across midnight of the year's end. */
	{ "2026-12-31 23:30", "PT1H", "calendar", "2027-01-01 00:30" },
	/* P1D on working hours is 8 h: Wed 14:00, 4 h, Thu 09–12, 13–14. */
	{ "2026-11-25 14:00", "P1D", "working-hours", "2026-11-26 14:00" },
	/* P1W on working hours is 5 × 8 h: Mon 09:00 → Fri 18:00. */
	{ "2026-11-23 09:00", "P1W", "working-hours", "2026-11-27 18:00" },

	/* ---- exactly-at-18:00 ends ---- */
	/* 3 h from Wed 15:00 runs out at 18:00: the deadline is 18:00, not Thu 09:00. */
	{ "2026-11-25 15:00", "3 hours", NULL, "2026-11-25 18:00" },
	/* PT1H working from 17:00 → 18:00. */
	{ "2026-11-25 17:00", "PT1H", "working-hours", "2026-11-25 18:00" },
	/* 1 day (8 h) from Wed 09:00 → Wed 18:00. */
	{ "2026-11-25 09:00", "1 days", NULL, "2026-11-25 18:00" },
	/* Received at 18:00 exactly: outside hours, starts Thu 09:00 → 12:00. */
	{ "2026-11-25 18:00", "3 hours", NULL, "2026-11-26 12:00" },
	/* Received 08:59: starts 09:00 → 12:00. */
	{ "2026-11-25 08:59", "3 hours", NULL, "2026-11-25 12:00" },

	/* ---- weeks, months and years on the working-days clock ---- */
	/* P1W from Mon 11-23: days 23–29, last day Sun 29 → moves to Mon 30 →
	 * end of 11-30. */
	{ "2026-11-23 10:00", "P1W", "working-days", "2026-12-01 00:00" },
	/* P2W from Wed 11-11: last day Tue 11-24 (a working day) → its end. */
	{ "2026-11-11 10:00", "P2W", "working-days", "2026-11-25 00:00" },
	/* P1M from Sat 2026-01-31: February has no 31st → the month's last day,
	 * Sat 02-28 (Civil Act art. 160(3)); Sun 03-01, Mon 03-02 대체공휴일 →
	 * Tue 03-03 → end of 03-03. */
	{ "2026-01-31 10:00", "P1M", "working-days", "2026-03-04 00:00" },
	/* P1M from Thu 01-15: corresponding day 02-15, last day the day before,
	 * Sat 02-14 (art. 160(2)); Sun 15, 설날 16–18 → Thu 02-19 → its end. */
	{ "2026-01-15 10:00", "P1M", "working-days", "2026-02-20 00:00" },
	/* P1M from Mon 03-16: last day Wed 04-15 → its end. */
	{ "2026-03-16 10:00", "P1M", "working-days", "2026-04-16 00:00" },
	/* P1Y from Tue 2027-03-02: last day 2028-03-01 (3·1절, Wed) → Thu
	 * 2028-03-02 → its end. */
	{ "2027-03-02 10:00", "P1Y", "working-days", "2028-03-03 00:00" },
	/* P1M from 2028-01-31: 2028 is a leap year, last day Tue 02-29. */
	{ "2028-01-31 10:00", "P1M", "working-days", "2028-03-01 00:00" },
	/* P3M from Mon 2026-11-30: no 2027-02-30 → last day Sun 02-28; Mon
	 * 03-01 3·1절 → Tue 2027-03-02 → its end. */
	{ "2026-11-30 10:00", "P3M", "working-days", "2027-03-03 00:00" },
	/* P1M on the calendar clock from 01-31 10:00: 02-28 10:00 (elapsed). */
	{ "2026-01-31 10:00", "P1M", "calendar", "2026-02-28 10:00" },
	/* P7D on the calendar clock: 7 × 24 h, holidays included. */
	{ "2026-09-21 10:00", "P7D", "calendar", "2026-09-28 10:00" },
	/* P7D as a charter target on the working-days clock = 7 days statutory. */
	{ "2026-09-21 10:00", "P7D", "working-days", "2026-10-02 00:00" },
	/* PT3H on the working-days clock: time only, counted in working hours. */
	{ "2026-05-05 10:00", "PT3H", "working-days", "2026-05-06 12:00" },

	/* ---- refused ---- */
	/* A month has no fixed working length. */
	{ "2026-11-23 10:00", "P1M", "working-hours", NULL },
	/* Days and hours mixed on the working-days clock. */
	{ "2026-11-23 10:00", "P1DT2H", "working-days", NULL },
	/* A zero period. */
	{ "2026-11-23 10:00", "PT0S", "working-hours", NULL },
	{ "2026-11-23 10:00", "P0D", "working-days", NULL },
};

struct pcase {
	const char *recv;
	const char *target;
	const char *clock;
	const char *pause[3][2];	/* from, to ("" = still stopped) */
	int	 rc;
	const char *due;
};

static const struct pcase pcases[] = {
	/* 3 days (time) from Mon 11-23 09:00, supplement 11:00 → Wed 14:00:
	 * counted Mon 09–11 (2 h); Wed 14–18 (6), Thu (14), Fri (22), Mon 11-30
	 * 09–11 (24) → Mon 11-30 11:00 (without the pause Wed 18:00). */
	{ "2026-11-23 09:00", "3 days", NULL,
	    { { "2026-11-23 11:00", "2026-11-25 14:00" } }, 0, "2026-11-30 11:00" },
	/* 3 hours from Wed 10:00, stopped 10:30–15:00: 0.5 h + 2.5 h → 17:30. */
	{ "2026-11-25 10:00", "3 hours", NULL,
	    { { "2026-11-25 10:30", "2026-11-25 15:00" } }, 0, "2026-11-25 17:30" },
	/* PT1H calendar from 10:00, stopped 10:20–12:00: 20 + 40 min → 12:40. */
	{ "2026-11-25 10:00", "PT1H", "calendar",
	    { { "2026-11-25 10:20", "2026-11-25 12:00" } }, 0, "2026-11-25 12:40" },
	/* 7 days from Mon 11-02, supplement requested Wed 11-04 15:00 and
	 * received Fri 11-06 10:00: 2, 3 (1, 2); 4, 5, 6 not counted (both ends
	 * included, Decree art. 20); 9–13 (3–7) → end of Fri 11-13. */
	{ "2026-11-02 09:00", "7 days", NULL,
	    { { "2026-11-04 15:00", "2026-11-06 10:00" } }, 0, "2026-11-14 00:00" },
	/* 14 days from Wed 12-23, pause Mon 12-28 10:00 to Tue 12-29 16:00: 23
	 * (1), 24 (2), 28–29 paused, 30 (3), 31 (4), 2027-01-04–08 (5–9), 11–15
	 * (10–14) → end of Fri 2027-01-15. */
	{ "2026-12-23 11:00", "14 days", NULL,
	    { { "2026-12-28 10:00", "2026-12-29 16:00" } }, 0, "2027-01-16 00:00" },
	/* 7 days from Mon 11-02, supplement requested Wed 11-04, not received:
	 * the clock is stopped (rc 1). */
	{ "2026-11-02 09:00", "7 days", NULL,
	    { { "2026-11-04 15:00", "" } }, 1, NULL },
	/* The same period ran out at the end of Tue 11-10 (2–6, 9, 10); a pause
	 * opened Thu 11-12 comes too late: rc 0 with the due instant. */
	{ "2026-11-02 09:00", "7 days", NULL,
	    { { "2026-11-12 10:00", "" } }, 0, "2026-11-11 00:00" },
	/* 3 hours from Wed 10:00 run out at 14:00 (10–12, 13–14); a pause opened
	 * at 15:00 is after: rc 0, 14:00. */
	{ "2026-11-25 10:00", "3 hours", NULL,
	    { { "2026-11-25 15:00", "" } }, 0, "2026-11-25 14:00" },
	/* ... opened at 13:30, before the period ran out: stopped. */
	{ "2026-11-25 10:00", "3 hours", NULL,
	    { { "2026-11-25 13:30", "" } }, 1, NULL },
	/* ... opened at 14:00, as the period runs out: it had run out. */
	{ "2026-11-25 10:00", "3 hours", NULL,
	    { { "2026-11-25 14:00", "" } }, 0, "2026-11-25 14:00" },
	/* A pause wholly before receipt is not counted against the period. */
	{ "2026-11-25 10:00", "3 hours", NULL,
	    { { "2026-11-24 10:00", "2026-11-24 11:00" } }, 0, "2026-11-25 14:00" },
	/* 6 days from Mon 11-02 with two pauses, Tue 11-03 10:00–16:00 and Thu
	 * 11-05 09:00 – Fri 11-06 09:00: 2 (1), 3 paused, 4 (2), 5–6 paused,
	 * 9–12 (3–6) → end of Thu 11-12. */
	{ "2026-11-02 09:00", "6 days", NULL,
	    { { "2026-11-03 10:00", "2026-11-03 16:00" },
	      { "2026-11-05 09:00", "2026-11-06 09:00" } }, 0, "2026-11-13 00:00" },
	/* 7 days from Mon 11-02, a one-hour pause on Tue 11-10, the 7th day:
	 * that day is not counted → Wed 11-11 is day 7 → end of 11-11. */
	{ "2026-11-02 09:00", "7 days", NULL,
	    { { "2026-11-10 10:00", "2026-11-10 11:00" } }, 0, "2026-11-12 00:00" },
	/* P1W (calendar days) from Mon 11-23 with a pause Wed 11-25 to Thu 11-26:
	 * 23, 24 (1, 2), 25–26 paused, 27–29 (3–5), 30, 12-01 (6, 7) → last day
	 * Tue 12-01 → its end. */
	{ "2026-11-23 10:00", "P1W", "working-days",
	    { { "2026-11-25 10:00", "2026-11-26 10:00" } }, 0, "2026-12-02 00:00" },
	/* P1W from Mon 11-23 ends Sun 29 → moves to Mon 30; a pause opened Mon
	 * 30 10:00 stops it (the moved last day is inside the pause). */
	{ "2026-11-23 10:00", "P1W", "working-days",
	    { { "2026-11-30 10:00", "" } }, 1, NULL },
	/* Working-hours pause across a weekend: PT3H from Fri 17:00, stopped Fri
	 * 17:30 – Mon 10:00: 0.5 h, then Mon 10:00 + 2.5 h → 10–12, 13–13:30. */
	{ "2026-11-20 17:00", "PT3H", "working-hours",
	    { { "2026-11-20 17:30", "2026-11-23 10:00" } }, 0, "2026-11-23 13:30" },
};

/* Extension limits (Decree art. 21): the original period counted again after
 * the original due instant. */
struct ecase {
	const char *orig_due;
	const char *target;
	const char *clock;
	const char *limit;
};

static const struct ecase ecases[] = {
	/* 7 days due at the end of 2026-10-01 (worked example): 7 more working
	 * days from Fri 10-02: 2 (1), Mon 5 대체공휴일, 6–8 (2–4), 9 한글날, 12–14
	 * (5–7) → end of Wed 10-14. */
	{ "2026-10-02 00:00", "7 days", NULL, "2026-10-15 00:00" },
	/* 3 days due Wed 11-25 16:00: 24 more working hours: Wed 2 h, Thu (10),
	 * Fri (18), Mon 11-30 09–12 (21), 13–16 (24) → Mon 16:00. */
	{ "2026-11-25 16:00", "3 days", NULL, "2026-11-30 16:00" },
	/* Immediate due Wed 05-06 12:00: 3 more working hours from 13:00 → 16:00. */
	{ "2026-05-06 12:00", "3 hours", NULL, "2026-05-06 16:00" },
	/* 14 days due at the end of Wed 2027-01-13: 14, 15 (1, 2), 18–22 (3–7),
	 * 25–29 (8–12), 02-01, 02 (13, 14) → end of Tue 2027-02-02. */
	{ "2027-01-14 00:00", "14 days", NULL, "2027-02-03 00:00" },
	/* PT10M calendar due 18:05 → 18:15. */
	{ "2026-11-25 18:05", "PT10M", "calendar", "2026-11-25 18:15" },
	/* 7 days due at the end of Fri 2026-02-13: from Sat 14, 설날 16–18 →
	 * 19 (1), 20 (2), 23–27 (3–7) → end of Fri 02-27. */
	{ "2026-02-14 00:00", "7 days", NULL, "2026-02-28 00:00" },
};

/* "YYYY-MM-DD HH:MM" in Asia/Seoul → time_t. */
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

static const char *
fmt(time_t t, char *out, size_t len)
{
	struct tm tm;
	time_t	 l = t + CAL_UTC_OFFSET;

	gmtime_r(&l, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M", &tm);
	return out;
}

/* "7 days", "3 hours" (statutory), else target + clock. */
static int
period(const char *target, const char *clock, struct dl_period *p)
{
	unsigned v;
	char	 unit[8];

	if (clock == NULL && sscanf(target, "%u %7s", &v, unit) == 2)
		return dl_period_statutory(v, unit, p);
	return dl_period_parse(target, clock, p);
}

static void
run_cases(const struct calendar *cal)
{
	size_t	 i;
	char	 a[32];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dcase *c = &cases[i];
		struct dl_period p;
		time_t	 due = 0;
		int	 rc;

		if (period(c->target, c->clock, &p) != 0) {
			ok(0, "%s %s parses", c->target, c->clock ? c->clock : "");
			continue;
		}
		rc = deadline_due(cal, kst(c->recv), &p, NULL, 0, &due);
		if (c->due == NULL)
			is_int(rc, -1, "%s %s from %s refused", c->target,
			    c->clock ? c->clock : "", c->recv);
		else if (is_int(rc, 0, "%s %s from %s counts", c->target,
		    c->clock ? c->clock : "", c->recv))
			is_str(fmt(due, a, sizeof(a)), c->due, "  due %s", c->due);
	}
}

static void
run_pauses(const struct calendar *cal)
{
	size_t	 i, j;
	char	 a[32];

	for (i = 0; i < sizeof(pcases) / sizeof(pcases[0]); i++) {
		const struct pcase *c = &pcases[i];
		struct dl_pause ps[3];
		struct dl_period p;
		time_t	 due = 0;
		size_t	 n = 0;
		int	 rc;

		for (j = 0; j < 3 && c->pause[j][0] != NULL; j++, n++) {
			ps[j].from = kst(c->pause[j][0]);
			ps[j].to = *c->pause[j][1] ? kst(c->pause[j][1]) : 0;
		}
		if (period(c->target, c->clock, &p) != 0)
			abort();
		rc = deadline_due(cal, kst(c->recv), &p, ps, n, &due);
		if (is_int(rc, c->rc, "%s from %s with %zu pause(s) from %s%s",
		    c->target, c->recv, n, c->pause[0][0],
		    *c->pause[0][1] ? "" : " (still stopped)") && rc == 0)
			is_str(fmt(due, a, sizeof(a)), c->due, "  due %s", c->due);
	}
}

static void
run_extensions(const struct calendar *cal)
{
	size_t	 i;
	char	 a[32];

	for (i = 0; i < sizeof(ecases) / sizeof(ecases[0]); i++) {
		const struct ecase *c = &ecases[i];
		struct dl_period p;
		time_t	 lim = 0;

		if (period(c->target, c->clock, &p) != 0)
			abort();
		if (is_int(deadline_extension_limit(cal, kst(c->orig_due), &p, &lim), 0,
		    "extension of %s due %s", c->target, c->orig_due))
			is_str(fmt(lim, a, sizeof(a)), c->limit, "  limit %s", c->limit);
	}
}

static void
test_parsing(void)
{
	struct dl_period p;
	enum dl_clock k;

	ok(dl_clock_parse(NULL, &k) == 0 && k == DL_WORKING_HOURS, "no clock is working time");
	ok(dl_clock_parse("calendar", &k) == 0 && k == DL_CALENDAR, "calendar clock");
	ok(dl_clock_parse("working-days", &k) == 0 && k == DL_WORKING_DAYS, "working-days clock");
	is_int(dl_clock_parse("Calendar", &k), -1, "clock names are exact");
	is_str(dl_clock_name(DL_WORKING_DAYS), "working-days", "dl_clock_name");
	is_int(dl_period_parse("P7", "calendar", &p), -1, "bad target refused");
	is_int(dl_period_parse("P7D", "lunar", &p), -1, "bad clock refused");
	ok(dl_period_statutory(3, "hours", &p) == 0 && p.d.hours == 3 &&
	    p.clock == DL_WORKING_HOURS && !dl_counts_days(&p),
	    "3 hours statutory = PT3H working hours (즉시)");
	ok(dl_period_statutory(7, "days", &p) == 0 && p.d.days == 7 &&
	    p.clock == DL_WORKING_DAYS && dl_counts_days(&p), "7 days: counted in days");
	ok(dl_period_statutory(5, "days", &p) == 0 && !dl_counts_days(&p),
	    "5 days: counted in hours");
	ok(dl_period_statutory(6, "days", &p) == 0 && dl_counts_days(&p),
	    "6 days: counted in days");
	ok(dl_period_parse("P1W", "working-days", &p) == 0 && dl_counts_days(&p),
	    "a week on working days: counted in days");
	ok(dl_period_parse("P7D", "calendar", &p) == 0 && !dl_counts_days(&p),
	    "7 days on the calendar clock: time");
	is_int(dl_period_statutory(0, "days", &p), -1, "0 days refused");
	is_int(dl_period_statutory(3, "weeks", &p), -1, "unknown unit refused");
}

/* A pause out of order, or ending before it starts, cannot be counted. */
static void
test_bad_pauses(const struct calendar *cal)
{
	struct dl_period p;
	struct dl_pause ps[2];
	time_t	 due, t = kst("2026-11-23 10:00");

	dl_period_statutory(7, "days", &p);
	ps[0].from = t + 7200;
	ps[0].to = t + 3600;
	is_int(deadline_due(cal, t, &p, ps, 1, &due), -1, "a reversed pause is refused");
	ps[0].from = t + 7200;
	ps[0].to = t + 9000;
	ps[1].from = t + 3600;
	ps[1].to = t + 5400;
	is_int(deadline_due(cal, t, &p, ps, 2, &due), -1, "unsorted pauses are refused");
}

/* A temporary holiday declared later moves the deadlines not yet passed. */
static void
test_temporary_holiday(const char *path)
{
	struct calendar cal;
	struct dl_period p;
	char	 err[256], a[32], *text;
	time_t	 due;
	FILE	*f = fopen(path, "rb");
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (text = malloc((size_t)n + 64)) == NULL)
		abort();
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	strcpy(text + n, "\n2026-11-24 임시공휴일\n");
	calendar_init(&cal);
	is_int(calendar_parse(&cal, text, "temp", err, sizeof(err)), 0,
	    "holidays.conf plus a temporary holiday parses");
	is_str(cal_holiday_name(&cal, cal_day(kst("2026-11-24 12:00"))), "임시공휴일",
	    "  Tue 2026-11-24 is the temporary holiday");
	/* 3 days from Fri 11-20 16:00: Fri 2, Mon 8 (10), Tue off, Wed 8 (18),
	 * Thu 09–12, 13–16 (24) → Thu 11-26 16:00 instead of Wed 16:00. */
	dl_period_statutory(3, "days", &p);
	deadline_due(&cal, kst("2026-11-20 16:00"), &p, NULL, 0, &due);
	is_str(fmt(due, a, sizeof(a)), "2026-11-26 16:00", "  3 days move by one day");
	/* 7 days from Mon 11-23: 23 (1), 24 off, 25–27 (2–4), 30, 12-01, 02
	 * (5–7) → end of Wed 12-02 instead of Tue 12-01. */
	dl_period_statutory(7, "days", &p);
	deadline_due(&cal, kst("2026-11-23 10:00"), &p, NULL, 0, &due);
	is_str(fmt(due, a, sizeof(a)), "2026-12-03 00:00", "  7 days move by one day");
	calendar_free(&cal);
	free(text);
}

static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Day-counted periods against a naive day-by-day count; every due instant
 * after receipt; day-counted due instants at 00:00 after a working day. */
static void
test_properties(const struct calendar *cal)
{
	uint64_t rng = 20260101;
	time_t	 lo = kst("2025-01-01 00:00"), hi = kst("2028-12-01 00:00");
	long	 i, n = 200000, before = 0, notmid = 0, naive_bad = 0, failed = 0;

	for (i = 0; i < n; i++) {
		uint64_t r = next_rand(&rng);
		time_t	 t = lo + (time_t)(r % (uint64_t)(hi - lo)), due;
		unsigned v = 1 + (unsigned)((r >> 32) % 20);
		struct dl_period p;
		int	 kind = (int)((r >> 48) % 3);

		if (kind == 0)
			dl_period_statutory(v, "days", &p);
		else if (kind == 1)
			dl_period_statutory(v, "hours", &p);
		else
			dl_period_parse(v % 2 ? "PT10M" : "PT1H", "calendar", &p);
		if (deadline_due(cal, t, &p, NULL, 0, &due) != 0) {
			failed++;
			continue;
		}
		if (due <= t)
			before++;
		if (dl_counts_days(&p)) {
			int32_t d = cal_day(t), last;
			unsigned k = 0;

			if (cal_day_start(cal_day(due)) != due ||
			    !cal_is_working_day(cal, cal_day(due) - 1))
				notmid++;
			for (last = d;; last++)
				if (cal_is_working_day(cal, last) && ++k == v)
					break;
			if (due != cal_day_start(last + 1))
				naive_bad++;
		}
	}
	is_int(failed, 0, "%ld random deadlines: all computed", n);
	is_int(before, 0, "  none due at or before receipt");
	is_int(notmid, 0, "  day-counted ones due at 00:00 after a working day");
	is_int(naive_bad, 0, "  day-counted ones agree with a day-by-day count");
}

int
main(void)
{
	struct calendar cal;
	const char *dir = getenv("srcdir");
	char	 path[1024], err[256];

	snprintf(path, sizeof(path), "%s/conf/holidays.conf", dir && *dir ? dir : ".");
	calendar_init(&cal);
	if (calendar_load(&cal, path, err, sizeof(err)) != 0) {
		ok(0, "load %s: %s", path, err);
		return done_testing();
	}
	test_parsing();
	run_cases(&cal);
	run_pauses(&cal);
	run_extensions(&cal);
	test_bad_pauses(&cal);
	test_temporary_holiday(path);
	test_properties(&cal);
	calendar_free(&cal);
	return done_testing();
}
