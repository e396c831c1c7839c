/* conf: the configuration file (key = value lines), read once at start-up. */
#ifndef CHARTER_CONF_H
#define CHARTER_CONF_H
#include <stddef.h>

#define CONF_PATH_MAX 512
#define CONF_FEEDS_MAX 16
#define CONF_STATUTORY_MAX 16
#define CONF_FUTURE_TOLERANCE 300	/* seconds: 5 minutes */
#define CONF_FUTURE_TOLERANCE_MAX 86400

/* The law's period for a kind when neither the petition nor its charter
 * states one: "statutory = KIND VALUE hours|days" (deadlines.md). */
struct conf_statutory {
	char	 kind[33];
	unsigned value;
	char	 unit[6];		/* "hours" or "days" */
};

/* A feed source that `charterctl feed pull` fetches: "feed = NAME URL". */
struct conf_feed {
	char	 name[65];
	char	 url[1024];
};

struct conf {
	char	 db_socket[CONF_PATH_MAX];	/* unix socket, or "" for TCP */
	char	 db_host[256];
	unsigned db_port;
	char	 db_name[65];
	char	 db_user[81];
	char	 db_password_file[CONF_PATH_MAX];
	char	 db_password[256];		/* read from db_password_file */
	unsigned db_timeout;			/* seconds: connect, read, write */
	unsigned db_batch_timeout;		/* seconds: the same for charterctl's batch work */
	char	 datadir[CONF_PATH_MAX];	/* holds xsl/ and schema/ */
	char	 city[33];			/* the deployment's default city */
	unsigned workers;
	char	 listen[CONF_PATH_MAX];		/* unix:PATH or HOST:PORT, or "" */
	size_t	 max_body;			/* bytes of a request body */
	unsigned max_xml_depth;
	int	 trust_remote_user;
	int	 test_clock;			/* CHARTER_TEST_NOW may fix now (clock.h) */
	unsigned future_tolerance;		/* seconds an instant from outside may be
						 * ahead of now (domain/instant.h) */
	char	 nginx_cache_dir[CONF_PATH_MAX];
	unsigned cache_ttl_ms;			/* how long a worker trusts its catalogue */
	int	 log_level;			/* enum log_level */
	char	 secret_file[CONF_PATH_MAX];	/* key for CSRF tokens (HMAC) */
	unsigned char secret[64];		/* read from secret_file */
	size_t	 secret_len;
	size_t	 max_feed_body;			/* bytes of a pushed feed */
	size_t	 max_attachment;		/* bytes of one board attachment */
	struct conf_feed feeds[CONF_FEEDS_MAX];
	size_t	 nfeeds;
	char	 holidays[CONF_PATH_MAX];	/* the holiday data (calendar.h) */
	char	 holidays_api_url[1024];	/* 특일 정보 getRestDeInfo, for holidays import */
	char	 holidays_api_key_file[CONF_PATH_MAX];	/* its service key (a secret) */
	char	 working_hours[64];		/* "09:00-12:00 13:00-18:00" */
	struct conf_statutory statutory[CONF_STATUTORY_MAX];
	size_t	 nstatutory;
};

/* The law's period for a kind from the configuration, or NULL. */
const struct conf_statutory *conf_statutory_for(const struct conf *, const char *kind);
/* Fills c with the defaults. */
void	 conf_defaults(struct conf *c);
/* Parses text (name is the file name used in messages). Returns 0, or -1
 * with "FILE:LINE: what is wrong" in err. No I/O. */
int	 conf_parse(struct conf *c, const char *text, const char *name,
	    char *err, size_t errlen);
/* Reads and parses the file, then the password and secret files if named. */
int	 conf_load(struct conf *c, const char *path, char *err, size_t errlen);
/* The first line of a small secret file (an API key: printable ASCII, no
 * blanks, 1 to outlen - 1 bytes) into out, read when a command needs it
 * (the workers never do). 0, or -1 with "PATH: why" in err (never the key). */
int	 conf_read_key(const char *path, char *out, size_t outlen, char *err, size_t errlen);

#endif
