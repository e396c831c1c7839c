/* test_board_form: the board's declared fields and their validators
 * (src/domain/board_form.h). */
#include <stdlib.h>
#include <string.h>
#include "domain/board_form.h"
#include "tap.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
static const time_t now = 1780000000;

static int
dept_exists(void *arg, const char *city, const char *dept)
{
	(void)arg;
	return strcmp(city, "pocheon") == 0 && strcmp(dept, "common") == 0;
}

static const struct board_ctx ctx = { key, 32, now, 100, dept_exists, NULL, 0 };

static struct bf_input in[16];
static size_t nin;
static char tok[CSRF_TOKEN_MAX];

static void
add(const char *name, const char *value)
{
	in[nin++] = (struct bf_input){ name, value, strlen(value), NULL };
}

static void
add_file(const char *filename, const char *data, size_t len)
{
	in[nin++] = (struct bf_input){ "attachment", data, len, filename };
}

/* A valid post, less the field named skip. */
static void
valid_but(const char *skip)
{
	static const char *const f[][2] = { { "name", "홍길동" }, { "address", "포천시 중앙로 1" },
	    { "phone", "031-538-2114" }, { "email", "hong@example.kr" }, { "sms_consent", "yes" },
	    { "department", "pocheon/common" }, { "kind", "complaint" }, { "title", "도로 파손" },
	    { "body", "첫 줄\r\n\t둘째 줄" } };

	nin = 0;
	csrf_issue(key, 32, now - 60, tok);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (skip == NULL || strcmp(skip, f[i][0]) != 0)
			add(f[i][0], f[i][1]);
	if (skip == NULL || strcmp(skip, "csrf") != 0)
		add("csrf", tok);
}

int
main(void)
{
	struct board_form f;
	static char body[BF_BODY_MAX + 2];
	char	*d;

	valid_but(NULL);
	is_int(board_form_check(&f, in, nin, &ctx), 0, "a complete post is valid");
	is_str(f.val[BF_BODY], "첫 줄\r\n\t둘째 줄", "  body kept with CR, LF, TAB");
	is_str(f.city, "pocheon", "  department's city");
	is_str(f.dept, "common", "  department");
	is_int(f.nnotice, 0, "  no notice");

	valid_but("name");
	ok(board_form_check(&f, in, nin, &ctx) > 0, "no name: refused");
	ok(f.err[BF_NAME] != NULL, "  error on the name");
	ok(f.nnotice == 1 && strstr(f.notice[0], "익명일 경우") != NULL, "  with the charters' reason");
	is_str(f.val[BF_TITLE], "도로 파손", "  other values still valid");
	valid_but("address");
	ok(board_form_check(&f, in, nin, &ctx) > 0 && f.err[BF_ADDRESS] && f.nnotice == 1,
	    "no address: refused as anonymous");
	valid_but("name");
	add("name", "  \t ");
	ok(board_form_check(&f, in, nin, &ctx) > 0 && f.err[BF_NAME], "blank name is no name");

	valid_but("phone");
	is_int(board_form_check(&f, in, nin, &ctx), 0, "phone is optional");
	valid_but("phone");
	add("phone", "call me");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_PHONE], "bad phone");
	valid_but("email");
	add("email", "hong.example.kr");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_EMAIL], "bad e-mail");
	valid_but("sms_consent");
	add("sms_consent", "on");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_SMS], "sms_consent other than yes");
	valid_but("department");
	add("department", "pocheon/nowhere");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_DEPARTMENT], "unknown department");
	valid_but("department");
	add("department", "../etc");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_DEPARTMENT], "malformed department");
	valid_but("kind");
	add("kind", "long-term-review");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_KIND], "a kind the board does not take");
	valid_but("title");
	add("title", "두 줄\n제목");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_TITLE], "newline in the title");
	valid_but("title");
	add("title", "\xED\xA0\x80 surrogate");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_TITLE], "invalid UTF-8 in the title");
	is_str(f.raw[BF_TITLE], "\xED\xA0\x80 surrogate", "  raw value kept for redisplay");
	valid_but("body");
	add("body", "bell \a");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_BODY], "control character in the body");
	valid_but("title");
	{
		char t[600] = "";
		for (int i = 0; i < 151; i++)
			strcat(t, "가");
		add("title", t);
		ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_TITLE], "151-character title");
		t[strlen(t) - 3] = '\0';
		valid_but("title");
		add("title", t);
		is_int(board_form_check(&f, in, nin, &ctx), 0, "150 characters is fine");
	}
	memset(body, 'a', BF_BODY_MAX);
	valid_but("body");
	add("body", body);
	is_int(board_form_check(&f, in, nin, &ctx), 0, "64 KiB body accepted");
	body[BF_BODY_MAX] = 'a';
	valid_but("body");
	add("body", body);
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.err[BF_BODY], "64 KiB + 1 refused");

	valid_but("csrf");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.csrf == CSRF_MISSING && f.nnotice == 1,
	    "missing CSRF token");
	{
		struct board_ctx api = ctx;

		api.api = 1;
		ok(board_form_check(&f, in, nin, &api) == 0 && f.nnotice == 0 &&
		    f.val[BF_CSRF] == NULL, "an API request (key checked by the caller) needs no CSRF token");
	}
	valid_but("csrf");
	add("csrf", "AAAA");
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.csrf == CSRF_FORGED, "forged CSRF token");
	valid_but("csrf");
	csrf_issue(key, 32, now - CSRF_MAX_AGE - 10, tok);
	add("csrf", tok);
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.csrf == CSRF_EXPIRED, "expired CSRF token");

	valid_but(NULL);
	add_file("C:\\docs\\민원.pdf", "%PDF-1.4 x", 10);
	add_file("", "", 0);
	add_file("note.txt", "hello\n", 6);
	is_int(board_form_check(&f, in, nin, &ctx), 0, "two attachments and an empty file input");
	is_int(f.nfile, 2, "  two files");
	is_str(f.file[0].filename, "민원.pdf", "  base name only");
	is_str(f.file[0].media_type, "application/pdf", "  sniffed");
	is_str(f.file[1].media_type, "text/plain; charset=utf-8", "  text");
	valid_but(NULL);
	add_file("evil.pdf", "\x7f" "ELF\2\1\1", 7);
	ok(board_form_check(&f, in, nin, &ctx) == 1 && f.file_err[0] && f.nfile == 0,
	    "an ELF named .pdf refused");
	valid_but(NULL);
	for (int i = 0; i < 4; i++)
		add_file("a.txt", "abc", 3);
	ok(board_form_check(&f, in, nin, &ctx) == 1 && strstr(f.file_err, "3개") != NULL,
	    "four attachments refused");
	valid_but(NULL);
	{
		static char big[101];
		memset(big, 'a', sizeof(big));
		add_file("big.txt", big, sizeof(big));
		ok(board_form_check(&f, in, nin, &ctx) == 1 && f.file_err[0], "file over max_attachment");
	}

	d = bf_display("ok 한글\r\n\t", 12);
	is_str(d, "ok 한글\r\n\t", "display: valid text byte for byte");
	free(d);
	d = bf_display("a\xC3(b\x01" "c\xED\xA0\x80", 9);
	is_str(d, "a\xEF\xBF\xBD(b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	    "display: bad bytes and controls become U+FFFD");
	free(d);
	return done_testing();
}
