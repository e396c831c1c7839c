/* log: escaped, level-filtered log lines on stderr (journald collects them). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "clock.h"

static const char *log_prog = "charter";	/* set once before fork */
static enum log_level log_max = LOG_INFO;

void
log_init(const char *prog, enum log_level lvl)
{
	log_prog = prog;
	log_max = lvl;
}

void
log_msg(enum log_level lvl, const char *reqid, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	char	 raw[2048], out[4096 + 64];
	size_t	 i, o = 0;
	va_list	 ap;
	time_t	 t;
	struct tm tm;
	char	 ts[32];

	if (lvl > log_max)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	for (i = 0; raw[i] != '\0' && o + 5 < sizeof(out); i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	t = clock_wall();
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%ld] %s: %s%s%s%s\n", ts, log_prog,
	    (long)getpid(), names[lvl], reqid ? "req=" : "",
	    reqid ? reqid : "", reqid ? " " : "", out);
	(void)fflush(stderr);
}
