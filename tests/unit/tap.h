/* tap.h: a tiny header-only Test Anything Protocol harness for the unit
 * tests. Each test prints "ok N - what" or "not ok N - what" (with the got
 * and expected values on "#" lines); done_testing() prints the plan and
 * returns the exit code for the automake test driver (0 pass, 1 fail).
 *
 *	ok(cond, "fmt", ...)		passes when cond is true
 *	is_int(got, want, "fmt", ...)	compares two integers (long long)
 *	is_str(got, want, "fmt", ...)	compares two strings (NULL allowed)
 *	todo_start("why") / todo_end()	failures in between are known bugs:
 *					they print "# TODO why" and do not fail
 *	diag("fmt", ...)		a "#" comment line
 *	skip_all("why")			the whole file is skipped (exit 77)
 */
#ifndef CHARTER_TAP_H
#define CHARTER_TAP_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	int		 run, failed, todo_failed;
	const char	*todo;	/* non-NULL inside todo_start/todo_end */
} tap_state;

__attribute__((format(printf, 4, 0)))
static inline int
tap_report(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	tap_state.run++;
	printf("%sok %d - ", pass ? "" : "not ", tap_state.run);
	vprintf(fmt, ap);
	if (tap_state.todo)
		printf(" # TODO %s", tap_state.todo);
	printf("\n");
	if (!pass) {
		printf("#   failed at %s line %d\n", file, line);
		if (tap_state.todo)
			tap_state.todo_failed++;
		else
			tap_state.failed++;
	}
	fflush(stdout);
	return pass;
}

__attribute__((format(printf, 4, 5)))
static inline int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	tap_report(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

__attribute__((format(printf, 5, 6)))
static inline int
tap_is_int(long long got, long long want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	int	 pass = got == want;

	va_start(ap, fmt);
	tap_report(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#          got: %lld\n#     expected: %lld\n", got, want);
	return pass;
}

__attribute__((format(printf, 5, 6)))
static inline int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	int	 pass = (got == NULL || want == NULL) ? got == want :
	    strcmp(got, want) == 0;

	va_start(ap, fmt);
	tap_report(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf("#          got: %s%s%s\n", got ? "'" : "", got ? got : "NULL",
		    got ? "'" : "");
		printf("#     expected: %s%s%s\n", want ? "'" : "",
		    want ? want : "NULL", want ? "'" : "");
	}
	return pass;
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define diag(...)	(printf("# "), printf(__VA_ARGS__), printf("\n"))

static inline void
todo_start(const char *why)
{
	tap_state.todo = why;
}

static inline void
todo_end(void)
{
	tap_state.todo = NULL;
}

static inline void
skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(77);
}

/* Prints the plan and a summary; the exit code for main. */
static inline int
done_testing(void)
{
	printf("1..%d\n", tap_state.run);
	if (tap_state.todo_failed)
		printf("# %d known bug(s) marked TODO\n", tap_state.todo_failed);
	if (tap_state.failed)
		printf("# failed %d of %d tests\n", tap_state.failed, tap_state.run);
	fflush(stdout);
	return tap_state.failed ? 1 : 0;
}

/* $top_srcdir/rel, for the fixtures (top_srcdir is set by `make check`;
 * "." when a test is run by hand from the source tree). */
static inline const char *
srcpath(const char *rel)
{
	static char	 buf[8][1024];
	static int	 i;
	const char	*top = getenv("top_srcdir");

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", top && *top ? top : ".", rel);
	return buf[i];
}

#endif
