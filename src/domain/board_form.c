/* board_form: the validator table of the board's fields (kcgi's kvalid
 * idea: handlers see val[] only when the value passed its validator). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "board_form.h"
#include "sniff.h"
#include "../util/utf8.h"

#define F_REQUIRED	0x1
#define F_MULTILINE	0x2	/* TAB, CR and LF allowed */
#define F_BYTES		0x4	/* max counts bytes, not characters */

/* The charters' reason (Pocheon's board rules) for refusing anonymous posts. */
#define ANON_REASON	"익명일 경우 관계규정에 의하여 처리되지 않으므로, " \
	"민원을 신청하실 때에는 반드시 성명과 주소를 기재하여 주시기 바랍니다."

const char *const bf_kinds[] = { "simple-inquiry", "legal-inquiry", "complaint",
	"suggestion", "corruption-report", "general", NULL };

typedef const char *(*bf_check)(const char *v, size_t n, const struct board_ctx *,
    struct board_form *);

struct bf_spec {
	const char	*name;
	size_t		 max;
	unsigned	 flags;
	bf_check	 check;
	const char	*missing;	/* message when required and absent */
	const char	*toolong;
};

static const char *
check_phone(const char *v, size_t n, const struct board_ctx *c, struct board_form *f)
{
	size_t	 digits = 0;

	(void)c; (void)f;
	for (size_t i = 0; i < n; i++) {
		if (v[i] >= '0' && v[i] <= '9')
			digits++;
		else if (strchr("+-() ", v[i]) == NULL)
			return "전화번호는 숫자와 - ( ) + 만 쓸 수 있습니다.";
	}
	return digits >= 7 ? NULL : "전화번호가 너무 짧습니다.";
}

static const char *
check_email(const char *v, size_t n, const struct board_ctx *c, struct board_form *f)
{
	const char *at = memchr(v, '@', n);

	(void)c; (void)f;
	if (at == NULL || at == v || memchr(at + 1, '@', n - (size_t)(at - v) - 1) ||
	    memchr(at, '.', n - (size_t)(at - v)) == NULL || v[n - 1] == '.' ||
	    memchr(v, ' ', n) != NULL)
		return "전자우편 주소의 형식이 올바르지 않습니다 (예: name@example.kr).";
	return NULL;
}

static const char *
check_yes(const char *v, size_t n, const struct board_ctx *c, struct board_form *f)
{
	(void)c; (void)f;
	return n == 3 && memcmp(v, "yes", 3) == 0 ? NULL : "문자 수신 동의 값이 올바르지 않습니다.";
}

static int
code_part(const char *p, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
			return 0;
	return 1;
}

static const char *
check_dept(const char *v, size_t n, const struct board_ctx *c, struct board_form *f)
{
	const char *slash = memchr(v, '/', n);
	size_t	 cl, dl;

	if (slash == NULL)
		return "담당 부서를 목록에서 골라 주십시오.";
	cl = (size_t)(slash - v);
	dl = n - cl - 1;
	if (cl >= sizeof(f->city) || dl >= sizeof(f->dept) || !code_part(v, cl) ||
	    !code_part(slash + 1, dl))
		return "담당 부서를 목록에서 골라 주십시오.";
	memcpy(f->city, v, cl);
	f->city[cl] = '\0';
	memcpy(f->dept, slash + 1, dl);
	f->dept[dl] = '\0';
	if (c->dept_exists == NULL || !c->dept_exists(c->arg, f->city, f->dept))
		return "그런 부서가 없습니다. 목록에서 골라 주십시오.";
	return NULL;
}

static const char *
check_kind(const char *v, size_t n, const struct board_ctx *c, struct board_form *f)
{
	(void)c; (void)f;
	for (size_t i = 0; bf_kinds[i]; i++)
		if (strlen(bf_kinds[i]) == n && memcmp(bf_kinds[i], v, n) == 0)
			return NULL;
	return "민원 종류를 목록에서 골라 주십시오.";
}

static const struct bf_spec specs[BF__MAX] = {
	[BF_NAME] = { "name", 50, F_REQUIRED, NULL, "성명을 기재하여 주십시오.",
		"성명은 50자까지 쓸 수 있습니다." },
	[BF_ADDRESS] = { "address", 200, F_REQUIRED, NULL, "주소를 기재하여 주십시오.",
		"주소는 200자까지 쓸 수 있습니다." },
	[BF_PHONE] = { "phone", 20, 0, check_phone, NULL, "전화번호는 20자까지 쓸 수 있습니다." },
	[BF_EMAIL] = { "email", 254, 0, check_email, NULL, "전자우편 주소는 254자까지 쓸 수 있습니다." },
	[BF_SMS] = { "sms_consent", 3, 0, check_yes, NULL, "문자 수신 동의 값이 올바르지 않습니다." },
	[BF_DEPARTMENT] = { "department", 98, F_REQUIRED, check_dept, "담당 부서를 골라 주십시오.",
		"담당 부서를 목록에서 골라 주십시오." },
	[BF_KIND] = { "kind", 32, F_REQUIRED, check_kind, "민원 종류를 골라 주십시오.",
		"민원 종류를 목록에서 골라 주십시오." },
	[BF_TITLE] = { "title", 150, F_REQUIRED, NULL, "제목을 입력해 주십시오.",
		"제목은 150자까지 쓸 수 있습니다." },
	[BF_BODY] = { "body", BF_BODY_MAX, F_REQUIRED | F_MULTILINE | F_BYTES, NULL,
		"내용을 입력해 주십시오.", "내용은 64 KiB(한글 약 2만 1천 자)까지 쓸 수 있습니다." },
	[BF_CSRF] = { "csrf", CSRF_TOKEN_MAX, 0, NULL, NULL, "보안 토큰이 올바르지 않습니다." },
};

const char *
bf_name(enum bf_field i)
{
	return specs[i].name;
}

static int
blank(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(" \t\r\n", v[i]) == NULL)
			return 0;
	return 1;
}

/* The checks every text field passes: UTF-8, controls, length. */
static const char *
check_text(const struct bf_spec *s, const char *v, size_t n)
{
	if (!utf8_valid(v, n, NULL) || memchr(v, '\0', n) != NULL)
		return "올바른 UTF-8 글자가 아닌 문자가 들어 있습니다.";
	if (utf8_has_controls(v, n) ||
	    (!(s->flags & F_MULTILINE) && (memchr(v, '\n', n) || memchr(v, '\r', n))))
		return "쓸 수 없는 제어 문자가 들어 있습니다.";
	if ((s->flags & F_BYTES) ? n > s->max : utf8_chars(v, n) > s->max)
		return s->toolong;
	return NULL;
}

/* One declared field: present? then text checks, then its own validator. */
static void
check_field(struct board_form *f, enum bf_field i, const struct board_ctx *c)
{
	const struct bf_spec *s = &specs[i];
	const char *v = f->raw[i], *why;
	size_t	 n = f->rawlen[i];

	if (v == NULL || blank(v, n)) {
		f->err[i] = (s->flags & F_REQUIRED) ? s->missing : NULL;
		return;
	}
	if ((why = check_text(s, v, n)) == NULL && s->check != NULL)
		why = s->check(v, n, c, f);
	if (why == NULL)
		f->val[i] = v;
	f->err[i] = why;
}

/* The base name of a client's file name (old browsers sent C:\dir\name). */
static void
file_name(char out[256], const char *name, size_t idx)
{
	const char *b = name, *p;
	size_t	 n;

	for (p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	n = strlen(b);
	if (n == 0 || n > 255 || !utf8_valid(b, n, NULL) || utf8_has_controls(b, n) ||
	    strpbrk(b, "\t\r\n") != NULL)
		snprintf(out, 256, "attachment-%zu", idx + 1);
	else
		memcpy(out, b, n + 1);
}

/* Appends "name: why " (name may be NULL) to the attachments' error. */
static void
file_error(struct board_form *f, const char *name, const char *why)
{
	size_t	 used = strlen(f->file_err);

	snprintf(f->file_err + used, sizeof(f->file_err) - used, "%s%s%s ",
	    name ? name : "", name ? ": " : "", why);
}

/* A file part: empty ones (no file chosen) are skipped; others counted,
 * limited in number and size, and typed from their content. */
static void
check_file(struct board_form *f, const struct bf_input *in, const struct board_ctx *c)
{
	struct bf_file *bf;
	const char *mt;
	char	 name[256];

	if (in->len == 0 && in->filename[0] == '\0')
		return;
	file_name(name, in->filename, f->nfiles_sent);
	if (++f->nfiles_sent > BF_ATTACH_MAX) {
		if (f->nfiles_sent == BF_ATTACH_MAX + 1)
			file_error(f, NULL, "첨부파일은 3개까지 보낼 수 있습니다.");
		return;
	}
	if (in->len > c->max_attachment) {
		file_error(f, name, "파일이 너무 큽니다.");
		return;
	}
	if ((mt = sniff_media_type(in->value, in->len)) == NULL) {
		file_error(f, name, "PDF, PNG, JPEG, HWP/HWPX, 텍스트 파일만 첨부할 수 있습니다.");
		return;
	}
	bf = &f->file[f->nfile++];
	memcpy(bf->filename, name, sizeof(bf->filename));
	bf->media_type = mt;
	bf->data = in->value;
	bf->len = in->len;
}

/* The first occurrence of each declared field, and every file. */
static void
collect(struct board_form *f, const struct bf_input *in, size_t n, const struct board_ctx *c)
{
	for (size_t k = 0; k < n; k++) {
		if (in[k].filename != NULL) {
			if (strcmp(in[k].name, "attachment") == 0)
				check_file(f, &in[k], c);
			continue;
		}
		for (int i = 0; i < BF__MAX; i++)
			if (f->raw[i] == NULL && strcmp(in[k].name, specs[i].name) == 0) {
				f->raw[i] = in[k].value;
				f->rawlen[i] = in[k].len;
			}
	}
}

size_t
board_form_check(struct board_form *f, const struct bf_input *in, size_t n,
    const struct board_ctx *c)
{
	memset(f, 0, sizeof(*f));
	collect(f, in, n, c);
	for (int i = 0; i < BF__MAX; i++)
		if (i != BF_CSRF)
			check_field(f, (enum bf_field)i, c);
	f->csrf = c->api ? CSRF_OK :
	    csrf_check(c->secret, c->secret_len, f->raw[BF_CSRF], c->now, CSRF_MAX_AGE);
	if (f->csrf == CSRF_OK && !c->api)
		f->val[BF_CSRF] = f->raw[BF_CSRF];
	if (f->val[BF_NAME] == NULL || f->val[BF_ADDRESS] == NULL)
		f->notice[f->nnotice++] = ANON_REASON;
	if (f->csrf != CSRF_OK)
		f->notice[f->nnotice++] = f->csrf == CSRF_EXPIRED ?
		    "양식을 연 지 오래되어 보안 확인이 만료되었습니다. 내용은 그대로 두었으니 다시 제출해 주십시오." :
		    "보안 확인(CSRF 토큰)이 없거나 올바르지 않습니다. 내용은 그대로 두었으니 다시 제출해 주십시오.";
	for (int i = 0; i < BF__MAX; i++)
		f->nerr += f->err[i] != NULL;
	f->nerr += (f->file_err[0] != '\0') + (f->csrf != CSRF_OK);
	return f->nerr;
}

/* Length of the UTF-8 sequence led by c, or 0 for a byte that cannot lead. */
static size_t
seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
	    c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

char *
bf_display(const char *p, size_t n)
{
	char	*out = malloc(n * 3 + 1), *o = out;	/* each byte at worst U+FFFD */
	size_t	 k;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i += k) {
		unsigned char c = (unsigned char)p[i];
		k = seq_len(c);
		if (k == 0 || i + k > n || !utf8_valid(p + i, k, NULL) ||
		    (k == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F))) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			k = 1;
			continue;
		}
		memcpy(o, p + i, k);
		o += k;
	}
	*o = '\0';
	return out;
}
