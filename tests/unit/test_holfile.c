/* test_holfile: merging holidays into a holidays file's text
 * (src/domain/holfile.h): the existing lines byte for byte, each new date
 * in its place, new years in their own section, dates listed already left
 * as they are, the "years" line widened by a whole year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/holfile.h"
#include "util/buf.h"
#include "tap.h"

static const char FILE_TEXT[] =
    "# holidays\n"
    "years 2025-2026\n"
    "\n"
    "# 2025\n"
    "2025-01-01 1월1일\n"
    "2025-12-25 기독탄신일\n"
    "\n"
    "# 2026\n"
    "2026-02-16 설날\n"
    "2026-09-26 추석\n"
    "2026-10-03 개천절\n"
    "2026-12-25 기독탄신일\n";

static struct cal_holiday
hol(int y, int m, int d, const char *name)
{
	struct cal_holiday h;

	memset(&h, 0, sizeof(h));
	h.day = (int32_t)cal_civil_day(y, m, d);
	snprintf(h.name, sizeof(h.name), "%s", name);
	return h;
}

/* Merges and checks the text against want (and that the calendar reads it). */
static void
merged(const char *text, const struct cal_holiday *add, size_t n, int whole_year,
    const char *want, struct holfile_result *res, const char *what)
{
	struct buf out = { 0 };
	struct calendar cal;
	char	 err[300];

	is_int(holfile_merge(text, add, n, whole_year, &out, res), 0, "%s: merged", what);
	buf_puts(&out, "");
	is_str(out.data, want, "  the text");
	calendar_init(&cal);
	is_int(calendar_parse(&cal, out.data, "t", err, sizeof(err)), 0, "  the calendar reads it");
	calendar_free(&cal);
	buf_free(&out);
}

static void
test_temporary_holiday(void)
{
	struct cal_holiday add[] = { hol(2026, 10, 2, "임시공휴일"), hol(2026, 10, 3, "개천절") };
	struct holfile_result res;

	merged(FILE_TEXT, add, 2, 0,
	    "# holidays\nyears 2025-2026\n\n# 2025\n2025-01-01 1월1일\n2025-12-25 기독탄신일\n"
	    "\n# 2026\n2026-02-16 설날\n2026-09-26 추석\n2026-10-02 임시공휴일\n"
	    "2026-10-03 개천절\n2026-12-25 기독탄신일\n", &res,
	    "a temporary holiday of next week");
	is_int((long long)res.added, 1, "  one line added");
	ok(res.n == 2 && res.ch[0].what == HF_ADDED && res.ch[1].what == HF_LISTED,
	    "  the other date listed already");
	ok(!res.years_changed && res.years[0] == 2025 && res.years[1] == 2026,
	    "  a month leaves the years line");
	holfile_result_free(&res);
}

static void
test_kept_names(void)
{
	struct cal_holiday add[] = { hol(2025, 1, 1, "신정"), hol(2026, 9, 26, "추석") };
	const char *dbl = "2028-10-03 추석·개천절\n";
	struct cal_holiday both = hol(2028, 10, 3, "개천절·추석");
	struct holfile_result res;

	merged(FILE_TEXT, add, 2, 0, FILE_TEXT, &res, "a date listed under another name");
	ok(res.ch[0].what == HF_KEPT, "  is kept as the file names it");
	is_str(res.ch[0].listed, "1월1일", "  the file's name reported");
	is_str(res.ch[0].name, "신정", "  beside the answer's");
	ok(res.ch[1].what == HF_LISTED && res.added == 0, "  the same name: listed");
	holfile_result_free(&res);
	merged(dbl, &both, 1, 0, dbl, &res, "a double holiday in the other order");
	ok(res.ch[0].what == HF_LISTED, "  is listed already");
	holfile_result_free(&res);
}

static void
test_new_years(void)
{
	struct cal_holiday y29[] = { hol(2029, 1, 1, "1월1일"), hol(2029, 2, 12, "설날") };
	struct cal_holiday y24 = hol(2024, 12, 25, "기독탄신일");
	struct cal_holiday y27 = hol(2027, 1, 1, "1월1일");
	struct cal_holiday jan = hol(2026, 1, 1, "1월1일");
	struct holfile_result res;
	char	 want[2048];

	snprintf(want, sizeof(want), "%s\n# 2029 (imported from 한국천문연구원 특일 정보)\n"
	    "2029-01-01 1월1일\n2029-02-12 설날\n", FILE_TEXT);
	memcpy(strstr(want, "years 2025-2026"), "years 2025-2029", 15);
	merged(FILE_TEXT, y29, 2, 2029, want, &res, "a whole new year after the last");
	ok(res.years_changed && res.years[1] == 2029 && res.added == 2, "  years widened to 2029");
	holfile_result_free(&res);
	merged(FILE_TEXT, &y24, 1, 0,
	    "# holidays\nyears 2025-2026\n\n# 2024 (imported from 한국천문연구원 특일 정보)\n"
	    "2024-12-25 기독탄신일\n\n# 2025\n2025-01-01 1월1일\n2025-12-25 기독탄신일\n"
	    "\n# 2026\n2026-02-16 설날\n2026-09-26 추석\n2026-10-03 개천절\n"
	    "2026-12-25 기독탄신일\n", &res, "a year before the first, above its heading");
	holfile_result_free(&res);
	merged("2025-01-01 a\n\n# 2028\n2028-01-01 c\n", &y27, 1, 2027,
	    "2025-01-01 a\n\n# 2027 (imported from 한국천문연구원 특일 정보)\n2027-01-01 1월1일\n"
	    "\n# 2028\n2028-01-01 c\n", &res, "a year between two");
	ok(!res.years_changed, "  no years line: none is added");
	holfile_result_free(&res);
	merged(FILE_TEXT, &jan, 1, 0,
	    "# holidays\nyears 2025-2026\n\n# 2025\n2025-01-01 1월1일\n2025-12-25 기독탄신일\n"
	    "\n# 2026\n2026-01-01 1월1일\n2026-02-16 설날\n2026-09-26 추석\n2026-10-03 개천절\n"
	    "2026-12-25 기독탄신일\n", &res, "a date before the first of its year: under its heading");
	holfile_result_free(&res);
}

static void
test_edges(void)
{
	struct cal_holiday h = hol(2026, 5, 1, "노동절");
	struct holfile_result res;

	merged("2026-01-01 a", &h, 1, 0, "2026-01-01 a\n2026-05-01 노동절\n", &res,
	    "a file without a final line end");
	holfile_result_free(&res);
	merged("", &h, 1, 2026, "# 2026 (imported from 한국천문연구원 특일 정보)\n"
	    "2026-05-01 노동절\n", &res, "an empty file");
	holfile_result_free(&res);
	merged("years 2026-2026\r\n2026-01-01 a\r\n", &h, 1, 2027, "years 2026-2027\r\n"
	    "2026-01-01 a\r\n2026-05-01 노동절\n", &res, "CRLF lines are kept, the years line's end too");
	holfile_result_free(&res);
	merged(FILE_TEXT, NULL, 0, 0, FILE_TEXT, &res, "nothing to add");
	ok(res.n == 0 && res.added == 0 && !res.years_changed, "  nothing changed");
	holfile_result_free(&res);
}

int
main(void)
{
	test_temporary_holiday();
	test_kept_names();
	test_new_years();
	test_edges();
	return done_testing();
}
