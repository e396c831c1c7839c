/* test_form: application/x-www-form-urlencoded decoding (src/front/form.h),
 * used for the survey form and query strings. */
#include <string.h>
#include "front/form.h"
#include "util/diag.h"
#include "tap.h"

static struct form f;

static int
parse(const char *s)
{
	return form_parse(&f, s, strlen(s));
}

/* The value of name as a string, or NULL. */
static const char *
val(const char *name)
{
	const struct form_field *x = form_get(&f, name);

	return x ? x->value : NULL;
}

int
main(void)
{
	const struct form_field *x;
	char	 big[2048];
	size_t	 i, o;

	/* The ordinary case: two fields, in order. */
	is_int(parse("score=5&comment=good"), 0, "two fields parse");
	is_int(f.n, 2, "  two fields");
	is_str(f.f[0].name, "score", "  first name");
	is_str(val("score"), "5", "  score");
	is_str(val("comment"), "good", "  comment");
	is_str(val("missing"), NULL, "  form_get of an absent name is NULL");
	form_free(&f);
	is_int(f.n, 0, "form_free empties the form");

	/* '+' is a space; %XX a byte; %2B is a literal '+'. */
	parse("q=a+b%20c%2Bd");
	is_str(val("q"), "a b c+d", "+ and %%20 are spaces, %%2B is '+'");
	form_free(&f);
	/* Hex digits in either case. */
	parse("q=%4a%4A");
	is_str(val("q"), "JJ", "hex digits in both cases");
	form_free(&f);
	/* UTF-8 Korean arrives percent-encoded byte by byte. */
	parse("comment=%ED%95%9C%EA%B8%80");
	is_str(val("comment"), "한글", "%%ED%%95%%9C%%EA%%B8%%80 is 한글");
	is_int(form_get(&f, "comment")->vlen, 6, "  six bytes");
	form_free(&f);
	parse("c=%ED%95%9C");
	is_str(val("c"), "한", "%%ED%%95%%9C is 한");
	form_free(&f);
	/* Names are decoded too. */
	parse("%ED%95%9C=1&a+b=2");
	is_str(val("한"), "1", "encoded name decoded");
	is_str(val("a b"), "2", "'+' in a name is a space");
	form_free(&f);
	/* form_text: text or NULL, with an error for what is not text. */
	{
		static struct diag dg;

		parse("a=%ED%95%9C&e=&n=x%00y&u=%FF");
		is_str(form_text(&f, "a", &dg), "한", "form_text: UTF-8 text");
		ok(form_text(&f, "e", &dg) == NULL && form_text(&f, "z", &dg) == NULL &&
		    dg.n == 0, "form_text: empty and absent are NULL, no error");
		ok(form_text(&f, "n", &dg) == NULL && dg.n == 1 &&
		    strcmp(dg.item[0].msg, "n: not valid text") == 0, "form_text: a NUL is an error");
		ok(form_text(&f, "u", &dg) == NULL && dg.n == 2, "form_text: bad UTF-8 is an error");
		form_free(&f);
	}
	/* '=' inside a value is part of it (only the first '=' splits). */
	parse("token=abc==&x=a=b");
	is_str(val("token"), "abc==", "'=' kept in a value");
	is_str(val("x"), "a=b", "second '=' kept");
	form_free(&f);

	/* Empty values and missing '=' give "" (vlen 0), not NULL. */
	is_int(parse("a=&b&c="), 0, "empty values parse");
	is_int(f.n, 3, "  three fields");
	is_str(val("a"), "", "  a= is empty");
	is_str(val("b"), "", "  b without '=' is empty");
	is_int(form_get(&f, "b")->vlen, 0, "  vlen 0");
	is_str(val("c"), "", "  c= is empty");
	form_free(&f);
	/* Empty pieces between '&' are skipped (WHATWG URL §5.1 step 3.1). */
	is_int(parse("&&a=1&&&b=2&"), 0, "stray '&' parse");
	is_int(f.n, 2, "  two fields, no empty ones");
	form_free(&f);
	/* Empty input is an empty form. */
	is_int(form_parse(&f, "", 0), 0, "empty input");
	is_int(f.n, 0, "  no fields");
	form_free(&f);
	/* Only len bytes are read: the rest of the buffer is not the form. */
	is_int(form_parse(&f, "a=1&b=2", 3), 0, "length limits the input");
	is_int(f.n, 1, "  one field");
	is_str(val("a"), "1", "  a=1");
	is_str(val("b"), NULL, "  b not seen");
	form_free(&f);
	/* An escape must not be read past len either: "%41" cut to "%4". */
	is_int(form_parse(&f, "a=%41", 4), -1, "escape cut by len refused");

	/* A repeated name: form_get gives the first, all are kept. */
	parse("k=first&k=second&k=third");
	is_str(val("k"), "first", "repeated name: first value");
	is_int(f.n, 3, "  all three kept");
	is_str(f.f[2].value, "third", "  third in order");
	form_free(&f);

	/* Bad escapes are refused (not passed through as text). */
	is_int(parse("a=%"), -1, "'%%' at the end refused");
	is_int(parse("a=%4"), -1, "'%%4' at the end refused");
	is_int(parse("a=%zz"), -1, "'%%zz' refused");
	is_int(parse("a=%4g"), -1, "'%%4g' refused");
	is_int(parse("a=%g4"), -1, "'%%g4' refused");
	is_int(parse("a=% 41"), -1, "'%% 41' refused");
	is_int(parse("%=1"), -1, "bad escape in a name refused");
	is_int(parse("ok=1&bad=%x&c=3"), -1, "a bad escape in a later field refused");
	is_int(f.n, 0, "  and the form is left empty");
	is_int(parse("a=%41"), 0, "'%%41' at the very end accepted");
	is_str(val("a"), "A", "  is 'A'");
	form_free(&f);
	is_int(parse("a=%41&b=%42"), 0, "escape just before '&' accepted");
	is_str(val("a"), "A", "  a is 'A'");
	form_free(&f);

	/* %00 in a value is kept and counted in vlen (the caller must use
	 * vlen and refuse it, e.g. with utf8_has_controls). */
	is_int(parse("c=ab%00cd&d=1"), 0, "%%00 in a value accepted");
	x = form_get(&f, "c");
	ok(x != NULL, "  field found");
	if (x) {
		is_int(x->vlen, 5, "  vlen counts past the NUL");
		ok(memcmp(x->value, "ab\0cd", 5) == 0, "  bytes kept");
		is_int(strlen(x->value), 2, "  strlen stops at the NUL");
	}
	is_str(val("d"), "1", "  the next field still parsed");
	form_free(&f);
	/* A NUL in a name is refused: names are compared as C strings, so
	 * "a%00x" would otherwise be read as "a". */
	is_int(parse("a%00x=1"), -1, "%%00 in a name refused");
	is_int(form_parse(&f, "a\0x=1", 5), -1, "raw NUL in a name refused");

	/* FORM_MAX_FIELDS fields are accepted; one more is refused. */
	for (i = 0, o = 0; i < FORM_MAX_FIELDS; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "%sf%zu=%zu", i ? "&" : "", i, i);
	is_int(form_parse(&f, big, o), 0, "%d fields accepted", FORM_MAX_FIELDS);
	is_int(f.n, FORM_MAX_FIELDS, "  all of them");
	is_str(val("f63"), "63", "  the last one");
	form_free(&f);
	o += (size_t)snprintf(big + o, sizeof(big) - o, "&one=more");
	is_int(form_parse(&f, big, o), -1, "%d fields refused", FORM_MAX_FIELDS + 1);
	is_int(f.n, 0, "  form left empty");
	/* Stray '&' do not count as fields. */
	for (i = 0, o = 0; i < FORM_MAX_FIELDS; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "&&x=%zu", i);
	is_int(form_parse(&f, big, o), 0, "64 fields among empty pieces accepted");
	form_free(&f);

	/* form_free on an already freed form is harmless. */
	form_free(&f);
	ok(1, "double form_free is harmless");
	return done_testing();
}
