/* charter.fcgi: the FastCGI application. Reads the configuration once,
 * checks that the stylesheets and schema load, then serves with a pool. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcgiapp.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include "config.h"
#include "front/app.h"
#include "front/server.h"
#include "render/render.h"
#include "util/clock.h"
#include "util/conf.h"
#include "util/log.h"
#include "util/xmlsafe.h"

static void
usage(void)
{
	fprintf(stderr, "usage: charter.fcgi [-c CONFIG] [--listen unix:PATH|HOST:PORT]"
	    " [--workers N]\n"
	    "Without --listen, serves on the socket inherited as fd 0"
	    " (spawn-fcgi, systemd).\n");
	exit(2);
}

static unsigned
parse_workers(const char *s)
{
	char	*end;
	long	 n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 1 || n > 256) {
		fprintf(stderr, "charter.fcgi: --workers must be 1 to 256\n");
		exit(2);
	}
	return (unsigned)n;
}

/* Refuses to start when the data files do not load. */
static int
preflight(const struct conf *c)
{
	struct render *r = render_open(c->datadir);
	char	 path[1024];
	xmlSchemaPtr s;

	s = xmlsafe_load_data_schema(c->datadir, "charter.xsd", path, sizeof(path));
	if (r == NULL || s == NULL)
		fprintf(stderr, "charter.fcgi: cannot load %s/xsl/page.xsl or %s\n",
		    c->datadir, path);
	render_close(r);
	if (s)
		xmlSchemaFree(s);
	return r && s ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	struct conf c;
	const char *path = getenv("CHARTER_CONF"), *listen = NULL;
	char	 err[512];
	unsigned workers = 0;
	int	 i, fd, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--listen") && i + 1 < argc)
			listen = argv[++i];
		else if (!strcmp(argv[i], "--workers") && i + 1 < argc)
			workers = parse_workers(argv[++i]);
		else
			usage();
	}
	if (path == NULL)
		path = SYSCONFDIR "/charter/charter.conf";
	conf_defaults(&c);
	if (conf_load(&c, path, err, sizeof(err)) == -1) {
		fprintf(stderr, "charter.fcgi: %s\n", err);
		return 1;
	}
	if (clock_setup(c.test_clock, getenv(CLOCK_TEST_ENV), err, sizeof(err)) == -1) {
		fprintf(stderr, "charter.fcgi: %s\n", err);
		return 1;
	}
	if (listen) {
		if (strlen(listen) >= sizeof(c.listen)) {
			fprintf(stderr, "charter.fcgi: --listen value too long\n");
			return 2;
		}
		snprintf(c.listen, sizeof(c.listen), "%s", listen);
	}
	if (workers)
		c.workers = workers;
	log_init("charter.fcgi", (enum log_level)c.log_level);
	if (clock_is_fixed())
		log_warn(NULL, "test clock: now is fixed at %s (test_clock = yes)",
		    getenv(CLOCK_TEST_ENV));
	xmlsafe_init();
	if (FCGX_Init() != 0 || preflight(&c) == -1)
		return 1;
	if ((fd = server_listen(c.listen)) < 0)
		return 1;
	rc = server_run(fd, c.workers, app_serve, &c);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
