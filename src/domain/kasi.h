/* kasi: the answers of the Korea Astronomy and Space Science Institute's
 * public-holiday service (한국천문연구원 특일 정보, data.go.kr B090041
 * SpcdeInfoService/getRestDeInfo) — response/header (resultCode "00" is
 * NORMAL SERVICE, resultMsg), response/body/items/item (locdate YYYYMMDD,
 * dateName, isHoliday Y/N, dateKind, seq) with numOfRows, pageNo and
 * totalCount; or the gateway's refusal, OpenAPI_ServiceResponse/cmmMsgHeader
 * (errMsg, returnAuthMsg, returnReasonCode). Pure: parses bytes already
 * received, through xmlsafe (no DTD, no network, size and depth limits). */
#ifndef CHARTER_KASI_H
#define CHARTER_KASI_H
#include <stddef.h>
#include <stdint.h>
#include "calendar.h"

#define KASI_ITEMS_MAX	1000	/* items one answer may hold */
#define KASI_NAME_MAX	63	/* bytes of a name (holidays.conf's limit) */

struct kasi_item {
	int32_t	 day;			/* locdate as a day number (calendar.h) */
	char	 name[KASI_NAME_MAX + 1];	/* dateName */
	int	 holiday;		/* isHoliday = Y */
	char	 kind[8];		/* dateKind ("01"), "" when absent */
};

struct kasi_page {
	struct kasi_item *items;	/* malloc'd; kasi_page_free */
	size_t	 n;
	long	 num_rows, page_no, total;	/* numOfRows, pageNo, totalCount */
};

enum kasi_rc {
	KASI_OK,	/* page filled */
	KASI_REFUSED,	/* an error answer: its code and message in err */
	KASI_MALFORMED	/* not such an answer, or not a consistent one */
};

/* Parses one answer (at most max bytes, elements at most maxdepth deep).
 * KASI_OK fills page (free it with kasi_page_free); otherwise err says why,
 * with the API's own words for KASI_REFUSED ("resultCode 30:
 * SERVICE_KEY_IS_NOT_REGISTERED_ERROR"). */
enum kasi_rc kasi_parse(const char *data, size_t len, size_t max, unsigned maxdepth,
	    struct kasi_page *page, char *err, size_t errlen);
void	 kasi_page_free(struct kasi_page *);
/* 1 when pages after this one hold more items (pageNo × numOfRows <
 * totalCount). */
int	 kasi_more(const struct kasi_page *);
/* 0 when every item lies in year (and in month, 1-12, when month > 0);
 * else -1 with the first item outside in err. */
int	 kasi_within(const struct kasi_item *, size_t n, int year, int month,
	    char *err, size_t errlen);
/* The holidays among items (isHoliday Y; the others are not days off),
 * sorted, one per date: two names of one date are joined with "·" as
 * holidays.conf writes a double holiday ("어린이날·부처님오신날"), a name
 * given twice once. out has room for n. Their number, or -1 with err (the
 * names joined would exceed KASI_NAME_MAX bytes). */
long	 kasi_holidays(const struct kasi_item *, size_t n, struct cal_holiday *out,
	    char *err, size_t errlen);

#endif
