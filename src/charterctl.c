/* charterctl: what a webmaster does from a shell — migrate, import charters,
 * manage tokens and staff users, sweep, import holidays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "config.h"
#include "domain/auth.h"
#include "domain/charter.h"
#include "domain/token.h"
#include "feed_cli.h"
#include "holidays_cli.h"
#include "store/charter_store.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/stats_store.h"
#include "store/token_store.h"
#include "sweep.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/conf.h"
#include "util/diag.h"
#include "util/log.h"
#include "util/xmlsafe.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: charterctl [-c CONFIG] COMMAND\n"
	    "  migrate                              create or upgrade the database\n"
	    "  charter import FILE [--uploader N]   store a new charter version\n"
	    "  charter check FILE                   validate a charter file (no database)\n"
	    "  token create --role ROLE [--dept CITY/DEPT] [--label TEXT]\n"
	    "  token revoke ID\n"
	    "  token list\n"
	    "  staff add USER --role ROLE [--dept CITY/DEPT]   for trust_remote_user\n"
	    "  feed import FILE|URL                 import a G4C feed (g4c-feed.md)\n"
	    "  feed pull                            fetch every configured feed source\n"
	    "  sweep [--now ISO8601] [--due-within HOURS] [--quiet]\n"
	    "                                       book breaches, compensation and duty breaches\n"
	    "  holidays import [URL] --year YYYY [--month MM]\n"
	    "  holidays import FILE [--year YYYY [--month MM]]\n"
	    "                                       add the public holidays of 특일 정보 (getRestDeInfo:\n"
	    "                                       the API at URL or holidays_api_url, or a saved answer)\n"
	    "                                       to the holidays file; a whole year widens its years\n"
	    "  stats refresh [--max N]              recompute the months marked since the last refresh\n"
	    "  stats rebuild                        recompute every month's open-data figures\n"
	    "  stats show [--period month|quarter|year] [--standards]\n"
	    "                                       print the figures (tab-separated)\n"
	    "ROLE is department, feed, auditor or admin.\n");
	exit(2);
}

static const char *
opt(int argc, char **argv, int from, const char *name)
{
	int	 i;

	for (i = from; i < argc - 1; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return NULL;
}

static int
read_file(const char *path, size_t max, struct buf *b)
{
	FILE	*f;
	char	 chunk[65536];
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > max + 1 || buf_append(b, chunk, n) == -1)
			break;
	}
	fclose(f);
	if (b->len > max) {
		fprintf(stderr, "%s: larger than max_body (%zu bytes)\n", path, max);
		return -1;
	}
	return 0;
}

static void
print_diag(const char *file, const struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%ld: %s\n", file, d->item[i].line, d->item[i].msg);
	if (d->dropped)
		fprintf(stderr, "%s: %zu more errors\n", file, d->dropped);
}

static xmlSchemaPtr
load_xsd(const struct conf *c)
{
	char	 path[1024];
	xmlSchemaPtr s;

	if ((s = xmlsafe_load_data_schema(c->datadir, "charter.xsd", path,
	    sizeof(path))) == NULL)
		fprintf(stderr, "charterctl: cannot load %s\n", path);
	return s;
}

static int
cmd_charter(struct db *d, const struct conf *c, int argc, char **argv)
{
	struct buf b = { 0 };
	struct diag *dg = calloc(1, sizeof(*dg));
	struct upload_result u;
	struct charter_ident id;
	xmlSchemaPtr xsd = NULL;
	xmlDocPtr doc;
	const char *who = opt(argc, argv, 3, "--uploader");
	char	 uploader[160];
	int	 rc = 1;

	if (argc < 3 || dg == NULL || (strcmp(argv[1], "import") && strcmp(argv[1], "check")))
		usage();
	if (read_file(argv[2], c->max_body, &b) == -1 || (xsd = load_xsd(c)) == NULL)
		goto out;
	if (!strcmp(argv[1], "check")) {
		if ((doc = xmlsafe_parse(b.data, b.len, c->max_body, c->max_xml_depth, dg)) != NULL) {
			if (xmlsafe_validate(xsd, doc, dg) == 0) {
				charter_ident(doc, &id, dg);
				charter_check(doc, dg);
			}
			xmlFreeDoc(doc);
		}
		if (dg->n == 0)
			printf("%s: valid\n", argv[2]);
		rc = dg->n ? 1 : 0;
		print_diag(argv[2], dg);
		goto out;
	}
	snprintf(uploader, sizeof(uploader), "cli:%.150s",
	    who ? who : getenv("USER") ? getenv("USER") : "charterctl");
	switch (cstore_upload(d, xsd, c->max_body, c->max_xml_depth, b.data, b.len,
	    NULL, NULL, uploader, dg, &u)) {
	case 0:
		printf("imported %s/%s version %u (%s)\n", u.city, u.dept, u.vno, u.summary);
		rc = 0;
		break;
	default:
		fprintf(stderr, "%s: not imported; the current version stays in force\n", argv[2]);
		print_diag(argv[2], dg);
	}
out:
	if (xsd)
		xmlSchemaFree(xsd);
	buf_free(&b);
	free(dg);
	return rc;
}

/* "city/dept" into its parts; 0 or -1. */
static int
split_dept(const char *s, char *city, char *dept)
{
	const char *slash;

	if (s == NULL || (slash = strchr(s, '/')) == NULL || slash - s > 32 ||
	    strlen(slash + 1) > 64)
		return -1;
	memcpy(city, s, (size_t)(slash - s));
	city[slash - s] = '\0';
	strcpy(dept, slash + 1);
	return charter_valid_code(city, 32) && charter_valid_code(dept, 64) ? 0 : -1;
}

/* Role and scope from --role/--dept; 0 or -1 with a message. */
static int
role_scope(int argc, char **argv, int from, enum role *role, char *city, char *dept)
{
	const char *dept_arg = opt(argc, argv, from, "--dept");

	*role = auth_role_parse(opt(argc, argv, from, "--role"));
	city[0] = dept[0] = '\0';
	if (*role == ROLE_NONE) {
		fprintf(stderr, "charterctl: --role must be department, feed, auditor, admin or open311\n");
		return -1;
	}
	if (*role == ROLE_DEPARTMENT && split_dept(dept_arg, city, dept) == -1) {
		fprintf(stderr, "charterctl: a department role needs --dept CITY/DEPT\n");
		return -1;
	}
	if (*role != ROLE_DEPARTMENT && dept_arg) {
		fprintf(stderr, "charterctl: --dept applies to the department role only\n");
		return -1;
	}
	return 0;
}

static int
cmd_token(struct db *d, int argc, char **argv)
{
	char	 city[33], dept[65], tok[TOKEN_LEN + 1], *end;
	unsigned long long id;
	enum role role;
	const char *label;

	if (argc >= 2 && !strcmp(argv[1], "list"))
		return tstore_list(d, stdout) == 0 ? 0 : 1;
	if (argc >= 3 && !strcmp(argv[1], "revoke")) {
		id = strtoull(argv[2], &end, 10);
		if (*end || argv[2][0] == '\0')
			usage();
		switch (tstore_revoke(d, id)) {
		case 1:  printf("revoked token %llu\n", id); return 0;
		case 0:  fprintf(stderr, "charterctl: no active token %llu\n", id); return 1;
		default: fprintf(stderr, "charterctl: %s\n", db_error(d)); return 1;
		}
	}
	if (argc < 2 || strcmp(argv[1], "create"))
		usage();
	if (role_scope(argc, argv, 2, &role, city, dept) == -1)
		return 2;
	label = opt(argc, argv, 2, "--label");
	if (label && strlen(label) > 128) {
		fprintf(stderr, "charterctl: --label is at most 128 bytes\n");
		return 2;
	}
	if (tstore_create(d, auth_role_name(role), city[0] ? city : NULL,
	    dept[0] ? dept : NULL, label, tok, sizeof(tok), &id) == -1) {
		fprintf(stderr, "charterctl: %s\n", db_error(d));
		return 1;
	}
	printf("%s\n", tok);
	fprintf(stderr, "token %llu created (%s%s%s); it is shown only now\n", id,
	    auth_role_name(role), city[0] ? " " : "", city[0] ? argv[0] : "");
	return 0;
}

static int
cmd_staff(struct db *d, int argc, char **argv)
{
	char	 city[33], dept[65];
	enum role role;

	if (argc < 3 || strcmp(argv[1], "add") || strlen(argv[2]) > 128)
		usage();
	if (role_scope(argc, argv, 3, &role, city, dept) == -1)
		return 2;
	if (db_exec(d, "REPLACE INTO staff_users (username, role, city, dept)"
	    " VALUES (?, ?, ?, ?)", "ssss", argv[2], auth_role_name(role),
	    city[0] ? city : NULL, dept[0] ? dept : NULL) < 0) {
		fprintf(stderr, "charterctl: %s\n", db_error(d));
		return 1;
	}
	printf("staff user %s: %s\n", argv[2], auth_role_name(role));
	return 0;
}

static int
stats_print(void *arg, const struct stats_row *r)
{
	char	 rate[24];

	(void)arg;
	stats_tenths_str(r->rate_tenths, rate);
	printf("%s\t%s\t%s\t%s\t%llu\t%llu\t%llu\t%llu\t%llu\t%s\t%llu\t%lld\t%lld"
	    "\t%llu\t%llu\t%llu\t%llu\n", r->city, r->dept, r->period, r->standard,
	    r->applicable, r->met, r->breached, r->pending, r->na, rate, r->answered,
	    r->median_hours, r->p90_hours, r->comp_count, r->comp_amount,
	    r->paid_count, r->paid_amount);
	return 0;
}

/* charterctl stats show: the readers' rows, for operators and tests. */
static int
stats_show(struct db *d, int argc, char **argv)
{
	struct stats_filter f = { 0 };
	const char *p = opt(argc, argv, 2, "--period");

	if (p && stats_period_parse(p, &f.period) == -1)
		usage();
	for (int i = 2; i < argc; i++)
		f.per_standard |= !strcmp(argv[i], "--standards");
	if (stats_compliance(d, &f, stats_print, NULL) == -1) {
		fprintf(stderr, "charterctl: stats show: %s\n", db_error(d));
		return 1;
	}
	return 0;
}

/* charterctl stats refresh|rebuild|show: the open-data figures (stats_store.h). */
static int
cmd_stats(struct db *d, int argc, char **argv)
{
	const char *max = opt(argc, argv, 2, "--max");
	long	 n, lim = 0;
	char	*end;

	if (argc >= 2 && !strcmp(argv[1], "show"))
		return stats_show(d, argc, argv);
	if (argc < 2 || (strcmp(argv[1], "refresh") && strcmp(argv[1], "rebuild")))
		usage();
	if (max) {
		lim = strtol(max, &end, 10);
		if (*max == '\0' || *end != '\0' || lim < 1)
			usage();
	}
	n = !strcmp(argv[1], "rebuild") ? stats_rebuild(d) : stats_refresh(d, lim);
	if (n < 0) {
		fprintf(stderr, "charterctl: stats %s: %s\n", argv[1], db_error(d));
		return 1;
	}
	printf("stats %s: %ld month%s recomputed\n", argv[1], n, n == 1 ? "" : "s");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct conf c;
	struct db *d = NULL;
	const char *path = getenv("CHARTER_CONF");
	char	 err[512], schemadir[1024];
	int	 rc = 1, n;

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		path = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		usage();
	if (path == NULL)
		path = SYSCONFDIR "/charter/charter.conf";
	conf_defaults(&c);
	if (conf_load(&c, path, err, sizeof(err)) == -1) {
		fprintf(stderr, "charterctl: %s\n", err);
		return 1;
	}
	if (clock_setup(c.test_clock, getenv(CLOCK_TEST_ENV), err, sizeof(err)) == -1) {
		fprintf(stderr, "charterctl: %s\n", err);
		return 1;
	}
	log_init("charterctl", LOG_WARN);
	xmlsafe_init();
	argc--;
	argv++;
	if (!strcmp(argv[0], "charter") && argc > 1 && !strcmp(argv[1], "check"))
		return cmd_charter(NULL, &c, argc, argv);
	if (!strcmp(argv[0], "holidays")) {	/* a file, no database */
		rc = holidays_cli(&c, argc, argv);
		xmlCleanupParser();
		return rc;
	}
	/* batch work: a migration, a sweep or a month's statistics may take
	 * longer than a page may */
	c.db_timeout = c.db_batch_timeout;
	if ((d = db_open(&c, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "charterctl: %s\n", err);
		return 1;
	}
	if (!strcmp(argv[0], "migrate")) {
		snprintf(schemadir, sizeof(schemadir), "%s/schema", c.datadir);
		if ((n = migrate_run(d, schemadir)) >= 0) {
			printf("%d migration%s applied; the database is up to date\n", n,
			    n == 1 ? "" : "s");
			rc = 0;
		}
	} else if (!strcmp(argv[0], "charter"))
		rc = cmd_charter(d, &c, argc, argv);
	else if (!strcmp(argv[0], "token"))
		rc = cmd_token(d, argc, argv);
	else if (!strcmp(argv[0], "staff"))
		rc = cmd_staff(d, argc, argv);
	else if (!strcmp(argv[0], "feed"))
		rc = feed_cli(d, &c, argc, argv);
	/* feed command */
	else if (!strcmp(argv[0], "sweep"))
		rc = sweep_cli(d, &c, argc, argv);
	else if (!strcmp(argv[0], "stats"))
		rc = cmd_stats(d, argc, argv);
	else
		usage();
	db_close(d);
	xmlCleanupParser();
	return rc;
}
