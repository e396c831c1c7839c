/* petition: the names petitions use (g4c-feed.md, http-api.md). */
#include <stdio.h>
#include <string.h>
#include "petition.h"

static const char *const kinds[][2] = {
	{ "simple-inquiry", "단순 질의" },
	{ "legal-inquiry", "법령 질의" },
	{ "long-term-review", "장기 검토" },
	{ "complaint", "고충민원" },
	{ "grievance", "진정" },
	{ "immediate", "즉결" },
	{ "corruption-report", "부조리 신고" },
	{ "suggestion", "건의" },
	{ "general", "기타" },
};
static const char *const channels[] = {
	"internet", "board", "mail", "fax", "visit", "phone", NULL
};
static const char *const events[] = {
	"forwarded", "contacted", "answered", "supplement-requested",
	"supplement-received", "extended", "closed", "withdrawn", "revisit",
	"dissatisfaction", "assigned", "investigated", "result-notified", NULL
};

static int
in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int
petition_kind_valid(const char *s)
{
	return s != NULL && petition_kind_ko(s) != s;
}

const char *
petition_kind_ko(const char *kind)
{
	size_t	 i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i][0]) == 0)
			return kinds[i][1];
	return kind;
}

int
petition_channel_valid(const char *s)
{
	return in_list(s, channels);
}

int
petition_event_valid(const char *s)
{
	return in_list(s, events);
}

int
petition_year_kst(time_t t)
{
	struct tm tm;
	time_t	 k = t + 9 * 3600;	/* Asia/Seoul: UTC+9, no DST */

	gmtime_r(&k, &tm);
	return tm.tm_year + 1900;
}

void
petition_receipt(char out[RECEIPT_MAX], time_t received, const char *city,
    const char *dept, unsigned long long seq)
{
	snprintf(out, RECEIPT_MAX, "%d-%.32s-%.64s-%06llu", petition_year_kst(received),
	    city, dept, seq);
}
