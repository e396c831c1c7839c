/* test_conf: the configuration parser (src/util/conf.h). A bad file must
 * stop the program with "FILE:LINE: why", so every refusal is checked for
 * its file name and line number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/clock.h"
#include "util/conf.h"
#include "util/log.h"
#include "tap.h"

/* Parses text into a fresh default conf; returns conf_parse's result. */
static int
parse(struct conf *c, const char *text, char *err, size_t errlen)
{
	conf_defaults(c);
	err[0] = '\0';
	return conf_parse(c, text, "test.conf", err, errlen);
}

/* Expects text to be refused with an error starting "test.conf:LINE:". */
static void
refused(const char *text, int line, const char *what)
{
	struct conf c;
	char	 err[512], prefix[64];
	int	 rc = parse(&c, text, err, sizeof(err));

	snprintf(prefix, sizeof(prefix), "test.conf:%d:", line);
	is_int(rc, -1, "refused: %s", what);
	ok(strncmp(err, prefix, strlen(prefix)) == 0,
	    "  error names %s (got \"%s\")", prefix, err);
}

static void
accepted(const char *text, const char *what)
{
	struct conf c;
	char	 err[512];

	is_int(parse(&c, text, err, sizeof(err)), 0, "accepted: %s (%s)", what, err);
}

/* conf_read_key: the first line; refusals name the file, never the key. */
static void
key_file(void)
{
	char	 path[] = "/tmp/charter-test-key-XXXXXX", key[64], err[512];
	FILE	*f;
	int	 fd = mkstemp(path);

	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		ok(0, "cannot create a key file");
		return;
	}
	fputs("abc%2B/def==\nsecond line\n", f);
	fclose(f);
	is_int(conf_read_key(path, key, sizeof(key), err, sizeof(err)), 0, "a key file is read");
	is_str(key, "abc%2B/def==", "  its first line");
	is_int(conf_read_key(path, key, 8, err, sizeof(err)), -1, "a key too long is refused");
	ok(strstr(err, path) != NULL && strstr(err, "abc") == NULL, "  naming the file, not the key");
	f = fopen(path, "w");
	fputs("sec ret\n", f);
	fclose(f);
	is_int(conf_read_key(path, key, sizeof(key), err, sizeof(err)), -1, "a key with a blank");
	ok(strstr(err, "sec") == NULL, "  the message does not show it (%s)", err);
	unlink(path);
	is_int(conf_read_key(path, key, sizeof(key), err, sizeof(err)), -1, "a missing key file");
	is_int(conf_read_key("", key, sizeof(key), err, sizeof(err)), -1, "no key file configured");
}

int
main(void)
{
	struct conf c;
	char	 err[512];

	/* Defaults: the program must run with an empty file. */
	conf_defaults(&c);
	is_str(c.db_socket, "/run/mysqld/mysqld.sock", "default db_socket");
	is_str(c.db_host, "localhost", "default db_host");
	is_int(c.db_port, 3306, "default db_port");
	is_str(c.db_name, "charter", "default db_name");
	is_str(c.db_user, "charter", "default db_user");
	is_str(c.db_password_file, "", "default: no password file");
	is_int(c.db_timeout, 5, "default db_timeout");
	is_str(c.datadir, "/usr/local/share/charter", "default datadir");
	is_str(c.city, "", "default city is empty");
	is_int(c.workers, 4, "default workers");
	is_str(c.listen, "", "default listen: inherited socket");
	is_int(c.max_body, 1024 * 1024, "default max_body 1 MiB");
	is_int(c.max_xml_depth, 256, "default max_xml_depth");
	is_int(c.trust_remote_user, 0, "default: REMOTE_USER not trusted");
	is_str(c.nginx_cache_dir, "", "default: no nginx cache dir");
	is_int(c.cache_ttl_ms, 500, "default cache_ttl_ms");
	is_int(c.log_level, LOG_INFO, "default log_level info");

	/* An empty file, and a file of comments and blank lines, change nothing. */
	is_int(parse(&c, "", err, sizeof(err)), 0, "empty text accepted");
	is_int(parse(&c, "# only a comment\n\n   \n\t# indented comment\n", err,
	    sizeof(err)), 0, "comments and blank lines accepted");
	is_int(c.workers, 4, "  and the defaults stay");

	/* Every key: each must reach its own field (a table typo would not). */
	is_int(parse(&c,
	    "db_socket = /tmp/my.sock\n"
	    "db_host = 127.0.0.1\n"
	    "db_port = 3307\n"
	    "db_name = charter_test\n"
	    "db_user = tester\n"
	    "db_password_file = /etc/charter/pw\n"
	    "db_timeout = 30\n"
	    "datadir = /srv/charter\n"
	    "city = pocheon\n"
	    "workers = 8\n"
	    "listen = unix:/run/charter/charter.sock\n"
	    "max_body = 2m\n"
	    "max_xml_depth = 64\n"
	    "trust_remote_user = yes\n"
	    "nginx_cache_dir = /var/cache/nginx/charter\n"
	    "cache_ttl_ms = 0\n"
	    "log_level = debug\n", err, sizeof(err)), 0, "every key parsed (%s)", err);
	is_str(c.db_socket, "/tmp/my.sock", "db_socket");
	is_str(c.db_host, "127.0.0.1", "db_host");
	is_int(c.db_port, 3307, "db_port");
	is_str(c.db_name, "charter_test", "db_name");
	is_str(c.db_user, "tester", "db_user");
	is_str(c.db_password_file, "/etc/charter/pw", "db_password_file");
	is_int(c.db_timeout, 30, "db_timeout");
	is_str(c.datadir, "/srv/charter", "datadir");
	is_str(c.city, "pocheon", "city");
	is_int(c.workers, 8, "workers");
	is_str(c.listen, "unix:/run/charter/charter.sock", "listen");
	is_int(c.max_body, 2 * 1024 * 1024, "max_body 2m");
	is_int(c.max_xml_depth, 64, "max_xml_depth");
	is_int(c.trust_remote_user, 1, "trust_remote_user yes");
	is_str(c.nginx_cache_dir, "/var/cache/nginx/charter", "nginx_cache_dir");
	is_int(c.cache_ttl_ms, 0, "cache_ttl_ms 0 allowed");
	is_int(c.log_level, LOG_DEBUG, "log_level debug");

	/* Spaces around '=' and at the ends are not part of key or value. */
	is_int(parse(&c, "   city   =   gwangmyeong   \r\n", err, sizeof(err)), 0,
	    "spaces and CR trimmed");
	is_str(c.city, "gwangmyeong", "  value without the spaces");
	/* An empty value is allowed for strings (db_socket = "" means TCP). */
	is_int(parse(&c, "db_socket =\n", err, sizeof(err)), 0, "empty string value");
	is_str(c.db_socket, "", "  db_socket emptied");

	/* Size suffixes, either case: the shipped file says "max_body = 1m". */
	parse(&c, "max_body = 64k\n", err, sizeof(err));
	is_int(c.max_body, 64 * 1024, "max_body 64k");
	parse(&c, "max_body = 3M\n", err, sizeof(err));
	is_int(c.max_body, 3 * 1024 * 1024, "max_body 3M (upper case)");
	parse(&c, "max_body = 1g\n", err, sizeof(err));
	is_int(c.max_body, 1024LL * 1024 * 1024, "max_body 1g (the maximum)");
	parse(&c, "max_body = 4096\n", err, sizeof(err));
	is_int(c.max_body, 4096, "max_body without a suffix");
	refused("max_body = 2g\n", 1, "max_body 2g above the 1 GiB maximum");
	refused("max_body = 1023\n", 1, "max_body below 1024");
	refused("max_body = 1t\n", 1, "unknown suffix t");
	refused("max_body = 1kb\n", 1, "two-letter suffix");
	refused("max_body = k\n", 1, "suffix without a number");
	refused("max_body = 99999999999999999999999\n", 1, "number overflows");
	/* Suffixes are for sizes only: "workers = 1k" is a typo, not 1024. */
	refused("workers = 1k\n", 1, "suffix on a count");

	/* Bounds on counts and ports. */
	refused("workers = 0\n", 1, "workers 0");
	refused("workers = 257\n", 1, "workers 257");
	accepted("workers = 1\n", "workers 1");
	accepted("workers = 256\n", "workers 256");
	refused("db_port = 70000\n", 1, "db_port 70000");
	refused("db_port = 0\n", 1, "db_port 0");
	accepted("db_port = 65535\n", "db_port 65535");
	refused("db_timeout = 0\n", 1, "db_timeout 0 would mean no timeout");
	refused("max_xml_depth = 7\n", 1, "max_xml_depth below 8");
	refused("cache_ttl_ms = 1001\n", 1, "cache_ttl_ms above 1000");
	refused("workers = -1\n", 1, "negative number");
	refused("workers = +4\n", 1, "explicit sign");
	refused("workers = four\n", 1, "words are not numbers");
	refused("workers = 4 5\n", 1, "trailing junk after a number");
	refused("workers =\n", 1, "empty number");

	/* Each kind of refusal names the right line (here line 4 or 5). */
	refused("# header\n\ncity = pocheon\nbogus_key = 1\n", 4, "unknown key");
	refused("city = pocheon\nworkers = 2\n\n# again:\nworkers = 3\n", 5,
	    "repeated key");
	refused("city = pocheon\n# c\n\nworkers 4\n", 4, "missing '='");
	refused("city = pocheon\n\n\ntrust_remote_user = maybe\n", 4, "bad bool");
	refused("\n\n\n\nlog_level = verbose\n", 5, "bad log level");
	refused("city = pocheon\n\n\nlog_level = INFO\n", 4,
	    "log level is case-sensitive");
	/* A key is matched exactly, not by prefix or case. */
	refused("City = pocheon\n", 1, "key in the wrong case");
	refused("work = 4\n", 1, "key prefix");
	/* A repeated key is refused even when both values agree. */
	refused("workers = 4\nworkers = 4\n", 2, "same key twice, same value");
	/* '#' starts a comment only at the start of a line. */
	is_int(parse(&c, "datadir = /srv/a#b\n", err, sizeof(err)), 0,
	    "'#' inside a value accepted");
	is_str(c.datadir, "/srv/a#b", "  and kept as part of the value");

	/* The error text says what is wrong, not just where. */
	parse(&c, "bogus = 1\n", err, sizeof(err));
	ok(strstr(err, "unknown key") != NULL && strstr(err, "bogus") != NULL,
	    "unknown key message names the key: %s", err);
	parse(&c, "workers = 1\nworkers = 2\n", err, sizeof(err));
	ok(strstr(err, "twice") != NULL, "repeated key message: %s", err);
	parse(&c, "workers = 999\n", err, sizeof(err));
	ok(strstr(err, "workers") != NULL && strstr(err, "range") != NULL,
	    "range message names the key: %s", err);

	/* Booleans: the spellings the documentation promises. */
	parse(&c, "trust_remote_user = true\n", err, sizeof(err));
	is_int(c.trust_remote_user, 1, "bool true");
	parse(&c, "trust_remote_user = 1\n", err, sizeof(err));
	is_int(c.trust_remote_user, 1, "bool 1");
	parse(&c, "trust_remote_user = no\n", err, sizeof(err));
	is_int(c.trust_remote_user, 0, "bool no");
	parse(&c, "trust_remote_user = false\n", err, sizeof(err));
	is_int(c.trust_remote_user, 0, "bool false");
	parse(&c, "trust_remote_user = 0\n", err, sizeof(err));
	is_int(c.trust_remote_user, 0, "bool 0");
	refused("trust_remote_user = \n", 1, "empty bool");

	/* Log levels, each to its enum value. */
	parse(&c, "log_level = error\n", err, sizeof(err));
	is_int(c.log_level, LOG_ERR, "log_level error");
	parse(&c, "log_level = warn\n", err, sizeof(err));
	is_int(c.log_level, LOG_WARN, "log_level warn");
	parse(&c, "log_level = info\n", err, sizeof(err));
	is_int(c.log_level, LOG_INFO, "log_level info");

	/* listen: unix:/path, host:port, or empty for an inherited socket. */
	accepted("listen = unix:/run/charter.sock\n", "listen unix:/path");
	accepted("listen = 127.0.0.1:9000\n", "listen host:port");
	accepted("listen = localhost:9000\n", "listen name:port");
	accepted("listen =\n", "listen empty");
	refused("listen = /run/charter.sock\n", 1, "listen: a bare path");
	refused("listen = localhost\n", 1, "listen: a host without a port");
	refused("listen = 9000\n", 1, "listen: a port without a host");
	/* A relative unix: path would be unlinked and bound in whatever the
	 * working directory is; a missing or named port would become port 0. */
	refused("listen = unix:run/charter.sock\n", 1, "listen: unix: relative path");
	refused("listen = unix:\n", 1, "listen: unix: with no path");
	refused("listen = localhost:\n", 1, "listen: empty port");
	refused("listen = localhost:http\n", 1, "listen: non-numeric port");

	/* Strings longer than their buffers are refused, not truncated. */
	{
		char	 text[600];
		memset(text, 0, sizeof(text));
		strcpy(text, "city = ");
		memset(text + 7, 'a', 33);	/* city holds 32 characters */
		strcat(text, "\n");
		refused(text, 1, "city of 33 characters");
		memset(text, 0, sizeof(text));
		strcpy(text, "city = ");
		memset(text + 7, 'a', 32);
		strcat(text, "\n");
		accepted(text, "city of 32 characters");
		memset(text, 0, sizeof(text));
		strcpy(text, "datadir = /");
		memset(text + 11, 'd', 520);
		strcat(text, "\n");
		refused(text, 1, "datadir longer than CONF_PATH_MAX");
	}

	/* A refusal in the middle leaves the earlier lines' values, but the
	 * caller stops anyway; the point is that the error is the first one. */
	parse(&c, "workers = 0\nlog_level = nope\n", err, sizeof(err));
	ok(strncmp(err, "test.conf:1:", 12) == 0, "first error reported: %s", err);

	/* The file name in messages is the one given. */
	conf_defaults(&c);
	conf_parse(&c, "\nbad\n", "/etc/charter/charter.conf", err, sizeof(err));
	ok(strncmp(err, "/etc/charter/charter.conf:2:", 28) == 0,
	    "file name in the message: %s", err);

	/* The shipped sample file must itself parse. */
	{
		char	 msg[512];
		struct conf s;
		conf_defaults(&s);
		is_int(conf_load(&s, srcpath("conf/charter.conf"), msg, sizeof(msg)), 0,
		    "conf/charter.conf loads (%s)", msg);
		is_str(s.city, "pocheon", "  its city");
		is_int(s.max_body, 1024 * 1024, "  its max_body = 1m");
		is_int(s.log_level, LOG_INFO, "  its log_level = info");
	}
	/* feed = NAME URL: the name as the feed's source attribute spells it
	 * (schema/g4c-feed.xsd: [A-Za-z0-9._-]{1,64}) */
	is_int(parse(&c, "feed = G4C.gov_kr-1 https://feed.example.kr/g4c.xml\n", err,
	    sizeof(err)), 0, "feed name with capitals, '.' and '_' accepted (%s)", err);
	is_int((int)c.nfeeds, 1, "  one feed");
	is_str(c.feeds[0].name, "G4C.gov_kr-1", "  its name");
	is_str(c.feeds[0].url, "https://feed.example.kr/g4c.xml", "  its URL");
	refused("feed = g4c/x https://feed.example.kr/\n", 1, "feed name with '/'");
	refused("\nfeed = g4c ftp://feed.example.kr/\n", 2, "feed URL not http(s)");
	refused("feed = https://feed.example.kr/\n", 1, "feed without a name");
	refused("feed = 01234567890123456789012345678901234567890123456789012345678901234"
	    " https://feed.example.kr/\n", 1, "feed name of 65 characters");
	accepted("feed = 0123456789012345678901234567890123456789012345678901234567890123"
	    " https://feed.example.kr/\n", "feed name of 64 characters");

	/* test_clock: off by default; CHARTER_TEST_NOW only with it on */
	conf_defaults(&c);
	is_int(c.test_clock, 0, "test_clock is off by default");
	is_int(parse(&c, "test_clock = yes\n", err, sizeof(err)), 0, "test_clock = yes (%s)", err);
	is_int(c.test_clock, 1, "  parsed");
	is_int(clock_setup(0, NULL, err, sizeof(err)), 0, "no CHARTER_TEST_NOW: the system clock");
	ok(!clock_is_fixed(), "  not fixed");
	is_int(clock_setup(0, "", err, sizeof(err)), 0, "an empty CHARTER_TEST_NOW is unset");
	is_int(clock_setup(0, "2026-11-20T12:00:00+09:00", err, sizeof(err)), -1,
	    "CHARTER_TEST_NOW without test_clock = yes is refused");
	ok(strstr(err, "test_clock = yes") != NULL, "  saying why: %s", err);
	ok(!clock_is_fixed(), "  and the clock stays the system's");
	is_int(clock_setup(1, "2026-11-20 12:00", err, sizeof(err)), -1,
	    "a CHARTER_TEST_NOW without an offset is refused");
	ok(strstr(err, "ISO 8601") != NULL, "  saying why: %s", err);
	is_int(clock_setup(1, "2026-11-20T12:00:00+09:00", err, sizeof(err)), 0,
	    "test_clock = yes and CHARTER_TEST_NOW fix now (%s)", err);
	is_int(clock_now(), 1795143600, "  now is 2026-11-20T03:00:00Z");
	is_int(clock_now_us(), 1795143600LL * 1000000, "  in microseconds too");
	ok(clock_is_fixed(), "  fixed");
	is_int(clock_setup(1, NULL, err, sizeof(err)), 0, "unset again: the system clock");
	ok(clock_now() > 1795143600 - 86400 * 365 * 10, "  which reads a plausible now");

	/* holidays import: the API's URL and its key's file (read on demand) */
	conf_defaults(&c);
	is_str(c.holidays_api_url, "https://apis.data.go.kr/B090041/openapi/service/"
	    "SpcdeInfoService/getRestDeInfo", "default holidays_api_url: 특일 정보 getRestDeInfo");
	is_str(c.holidays_api_key_file, "", "default: no holidays_api_key_file");
	accepted("holidays_api_url = http://127.0.0.1:8000/getRestDeInfo\n"
	    "holidays_api_key_file = /etc/charter/kasi-key\n", "holidays_api_url and key file");
	refused("\n\nholidays_api_url = ftp://apis.data.go.kr/x\n", 3, "holidays_api_url not http(s)");
	refused("holidays_api_url = https://apis.data.go.kr/a b\n", 1, "holidays_api_url with a blank");
	refused("holidays_api_url = https://\n", 1, "holidays_api_url without a host");
	key_file();

	/* future_tolerance: seconds, or with s, m or h; at most a day */
	conf_defaults(&c);
	is_int(c.future_tolerance, 300, "future_tolerance is 5 minutes by default");
	parse(&c, "future_tolerance = 90\n", err, sizeof(err));
	is_int(c.future_tolerance, 90, "future_tolerance = 90: seconds");
	parse(&c, "future_tolerance = 45s\n", err, sizeof(err));
	is_int(c.future_tolerance, 45, "45s");
	parse(&c, "future_tolerance = 10m\n", err, sizeof(err));
	is_int(c.future_tolerance, 600, "10m");
	parse(&c, "future_tolerance = 24h\n", err, sizeof(err));
	is_int(c.future_tolerance, 86400, "24h, the most");
	parse(&c, "future_tolerance = 0\n", err, sizeof(err));
	is_int(c.future_tolerance, 0, "0: nothing ahead of now");
	refused("future_tolerance = 25h\n", 1, "future_tolerance over a day");
	refused("\nfuture_tolerance = 5 m\n", 2, "future_tolerance with a space");
	refused("future_tolerance = 5d\n", 1, "future_tolerance in days");
	refused("future_tolerance = m\n", 1, "future_tolerance without a number");
	refused("future_tolerance = -5\n", 1, "future_tolerance negative");
	refused("future_tolerance = 99999999999999999999h\n", 1, "future_tolerance overflowing");

	return done_testing();
}
