/* test_auth: roles, who may upload which charter, and the Bearer header
 * (src/domain/auth.h). */
#include <stdio.h>
#include <string.h>
#include "domain/auth.h"
#include "tap.h"

/* auth_bearer copies the token into a caller's buffer. */
static char bearer_buf[160];
#define BEARER(h) auth_bearer((h), bearer_buf, sizeof(bearer_buf))

static struct principal
who(enum role r, const char *city, const char *dept)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	p.role = r;
	snprintf(p.city, sizeof(p.city), "%s", city);
	snprintf(p.dept, sizeof(p.dept), "%s", dept);
	return p;
}

int
main(void)
{
	static const enum role all[] = {
		ROLE_NONE, ROLE_DEPARTMENT, ROLE_FEED, ROLE_AUDITOR, ROLE_ADMIN
	};
	struct principal p;
	char	 hdr[300], want[260];
	size_t	 i;

	/* Role names round-trip (they are stored in the database as text). */
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		is_int(auth_role_parse(auth_role_name(all[i])), all[i],
		    "role %s round-trips", auth_role_name(all[i]));
	is_str(auth_role_name(ROLE_DEPARTMENT), "department", "department's name");
	is_str(auth_role_name(ROLE_FEED), "feed", "feed's name");
	is_str(auth_role_name(ROLE_AUDITOR), "auditor", "auditor's name");
	is_str(auth_role_name(ROLE_ADMIN), "admin", "admin's name");
	is_str(auth_role_name(ROLE_NONE), "none", "none's name");
	is_str(auth_role_name((enum role)99), "none", "out-of-range role is 'none'");
	/* Unknown or mis-spelt names give no role at all (never a default). */
	is_int(auth_role_parse("Admin"), ROLE_NONE, "'Admin' (case) is no role");
	is_int(auth_role_parse("administrator"), ROLE_NONE, "'administrator' is no role");
	is_int(auth_role_parse("admin "), ROLE_NONE, "'admin ' is no role");
	is_int(auth_role_parse(""), ROLE_NONE, "empty is no role");
	is_int(auth_role_parse(NULL), ROLE_NONE, "NULL is no role");
	is_int(auth_role_parse("none"), ROLE_NONE, "'none' is no role");

	/* A department edits its own charter only. */
	p = who(ROLE_DEPARTMENT, "pocheon", "roads");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 1, "department: own charter");
	is_int(auth_may_edit_charter(&p, "pocheon", "common"), 0,
	    "department: not the city's common charter");
	is_int(auth_may_edit_charter(&p, "gwangmyeong", "roads"), 0,
	    "department: same dept code in another city");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads2"), 0,
	    "department: a dept whose code starts the same");
	is_int(auth_may_edit_charter(&p, "pocheon", "road"), 0,
	    "department: a prefix of its own code");
	/* A department token without a scope edits nothing. */
	p = who(ROLE_DEPARTMENT, "", "");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 0,
	    "department with no city/dept: nothing");
	/* Admin edits anything. */
	p = who(ROLE_ADMIN, "", "");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 1, "admin: any charter");
	is_int(auth_may_edit_charter(&p, "gwangmyeong", "autonomy"), 1, "admin: another city");
	/* Feed, auditor and none edit nothing, even "their own" city/dept. */
	p = who(ROLE_FEED, "pocheon", "roads");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 0, "feed: nothing");
	p = who(ROLE_AUDITOR, "pocheon", "roads");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 0, "auditor: nothing");
	p = who(ROLE_NONE, "pocheon", "roads");
	is_int(auth_may_edit_charter(&p, "pocheon", "roads"), 0, "none: nothing");

	/* auth_may_read_petition: its own department, admins and auditors. */
	p = who(ROLE_DEPARTMENT, "pocheon", "roads");
	is_int(auth_may_read_petition(&p, "pocheon", "roads"), 1, "read: own department");
	is_int(auth_may_read_petition(&p, "pocheon", "common"), 0, "read: another department");
	p = who(ROLE_AUDITOR, "", "");
	is_int(auth_may_read_petition(&p, "gwangmyeong", "autonomy"), 1, "read: auditor, any");
	p = who(ROLE_ADMIN, "", "");
	is_int(auth_may_read_petition(&p, "gwangmyeong", "autonomy"), 1, "read: admin, any");
	p = who(ROLE_FEED, "pocheon", "roads");
	is_int(auth_may_read_petition(&p, "pocheon", "roads"), 0, "read: feed, none");

	/* auth_bearer: "Bearer TOKEN", RFC 6750 §2.1. */
	is_str(BEARER("Bearer abc"), "abc", "Bearer abc");
	is_str(BEARER("bearer abc"), "abc", "scheme is case-insensitive (bearer)");
	is_str(BEARER("BEARER abc"), "abc", "scheme is case-insensitive (BEARER)");
	is_str(BEARER("Bearer    abc"), "abc", "extra spaces before the token");
	is_str(BEARER("Bearer a-b.c_d~e+f/g=="), "a-b.c_d~e+f/g==",
	    "every token68 character");
	is_str(BEARER("Bearer 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"),
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", "a realistic token");
	/* No token: NULL, so the caller answers 401, never looks up "". */
	is_str(BEARER(NULL), NULL, "no header");
	is_str(BEARER(""), NULL, "empty header");
	is_str(BEARER("Bearer"), NULL, "scheme only");
	is_str(BEARER("Bearer "), NULL, "scheme and a space");
	is_str(BEARER("Bearer     "), NULL, "scheme and spaces");
	/* Other schemes are not Bearer. */
	is_str(BEARER("Basic YWxhZGRpbjpvcGVuc2VzYW1l"), NULL, "Basic refused");
	is_str(BEARER("Token abc"), NULL, "Token refused");
	is_str(BEARER("Bearerabc"), NULL, "no space after the scheme");
	is_str(BEARER("Bearer\tabc"), NULL, "TAB after the scheme");
	is_str(BEARER(" Bearer abc"), NULL, "space before the scheme");
	/* Characters outside token68 are refused (they could reach logs). */
	is_str(BEARER("Bearer abc def"), NULL, "space inside the token");
	is_str(BEARER("Bearer abc\"def"), NULL, "quote in the token");
	is_str(BEARER("Bearer abc;def"), NULL, "';' in the token");
	is_str(BEARER("Bearer abc\ndef"), NULL, "newline in the token");
	is_str(BEARER("Bearer abc\r"), NULL, "CR after the token");
	is_str(BEARER("Bearer abc\tdef"), NULL, "TAB in the token");
	is_str(BEARER("Bearer 한글"), NULL, "non-ASCII token");
	is_str(BEARER("Bearer abc%20"), NULL, "'%%' in the token");
	/* Length: 128 characters are accepted, 129 are not. */
	memset(want, 'a', 128);
	want[128] = '\0';
	snprintf(hdr, sizeof(hdr), "Bearer %s", want);
	is_str(BEARER(hdr), want, "128-character token accepted");
	snprintf(hdr, sizeof(hdr), "Bearer %sa", want);
	is_str(BEARER(hdr), NULL, "129-character token refused");
	memset(want, 'z', 250);
	want[250] = '\0';
	snprintf(hdr, sizeof(hdr), "Bearer %s", want);
	is_str(BEARER(hdr), NULL, "250-character token refused");

	/* Trailing spaces are optional whitespace, not part of the token: the
	 * caller hashes what is returned, so "abc  " would be answered 401. */
	is_str(BEARER("Bearer abc  "), "abc", "trailing spaces not in the token");
	ok(BEARER("Bearer abc  ") != NULL, "trailing spaces: still accepted");
	return done_testing();
}
