/* app: the worker loop, the route table (preconditions checked in one place
 * before any handler runs) and the access log. */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "app.h"
#include "req.h"
#include "route.h"
#include "server.h"
#include "../domain/auth.h"
#include "../pages/admin_charters.h"
#include "../pages/admin_petitions.h"
#include "../pages/charter_pages.h"
#include "../pages/page.h"
#include "../pages/page_cache.h"
#include "../pages/survey.h"
#include "../pages/board.h"
#include "../pages/status.h"
/* board includes */
/* feed includes */
#include "../pages/admin_events.h"
#include "../store/engine_store.h"
#include "../store/ledger.h"
/* events includes */
#include "../pages/worklist.h"
/* worklist includes */
/* stats includes */
#include "../pages/opendata.h"
/* opendata page includes */
#include "../pages/datasets.h"
/* datasets includes */
#include "../pages/open311.h"
/* open311 includes */
#include "../pages/feedback.h"
/* satisfaction includes */
#include "../pages/admin_feeds.h"
#include "../render/render.h"
#include "../store/db.h"
#include "../store/petition_store.h"
#include "../store/token_store.h"
#include "../util/conf.h"
#include "../util/log.h"
#include "../util/clock.h"
#include "../util/timefmt.h"
#include "../util/xmlsafe.h"

#define RF_AUTH	0x1	/* a bearer token or a trusted REMOTE_USER */
#define RF_BODY	0x2	/* reads the body, within max_body */

enum handler { H_ROOT, H_INDEX, H_CHARTER, H_CHARTER_XML, H_VERSIONS,
	H_UPLOAD, H_SURVEY, H_ADMIN_PETITION, H_ADMIN_ATTACHMENT,
	H_BOARD_NEW, H_BOARD_POST, H_BOARD_RECEIPT, H_PETITION_STATUS,
	/* board handlers */
	/* feed handlers */
	H_FEED_PUSH,
	H_EVENT_POST, H_DUTY_POST,
	/* events handlers */
	H_WORKLIST, H_LEDGER, H_LEDGER_ADVANCE,
	/* worklist handlers */
	H_OPENDATA,
	/* opendata page handlers */
	H_DATASETS,
	/* datasets handlers */
	H_O311_DISCOVERY, H_O311_SERVICES, H_O311_SERVICE, H_O311_REQUESTS,
	H_O311_POST, H_O311_REQUEST, H_O311_TOKEN,
	/* open311 handlers */
	H_FEEDBACK_POST, H_SURVEY_RESULT_POST, H_PLAN_POST, H_SURVEYS_LIST,
	/* satisfaction handlers */
	H__MAX };

static int (*const handlers[H__MAX])(struct req *) = {
	[H_ROOT] = h_root, [H_INDEX] = h_index, [H_CHARTER] = h_charter,
	[H_CHARTER_XML] = h_charter_xml, [H_VERSIONS] = h_versions,
	[H_UPLOAD] = h_upload, [H_SURVEY] = h_survey,
	[H_ADMIN_PETITION] = h_admin_petition, [H_ADMIN_ATTACHMENT] = h_admin_attachment,
	[H_BOARD_NEW] = h_board_new, [H_BOARD_POST] = h_board_post,
	[H_BOARD_RECEIPT] = h_board_receipt, [H_PETITION_STATUS] = h_petition_status,
	/* board handlers */
	/* feed handlers */
	[H_FEED_PUSH] = h_feed_push,
	[H_EVENT_POST] = h_event_post, [H_DUTY_POST] = h_duty_post,
	/* events handlers */
	[H_WORKLIST] = h_worklist, [H_LEDGER] = h_ledger,
	[H_LEDGER_ADVANCE] = h_ledger_advance,
	/* worklist handlers */
	[H_OPENDATA] = h_opendata,
	/* opendata page handlers */
	[H_DATASETS] = h_datasets,
	/* datasets handlers */
	[H_O311_DISCOVERY] = h_o311_discovery, [H_O311_SERVICES] = h_o311_services,
	[H_O311_SERVICE] = h_o311_service, [H_O311_REQUESTS] = h_o311_requests,
	[H_O311_POST] = h_o311_post, [H_O311_REQUEST] = h_o311_request,
	[H_O311_TOKEN] = h_o311_token,
	/* open311 handlers */
	[H_FEEDBACK_POST] = h_petition_feedback,
	[H_SURVEY_RESULT_POST] = h_survey_result_post,
	[H_PLAN_POST] = h_improvement_plan_post, [H_SURVEYS_LIST] = h_surveys_list,
	/* satisfaction handlers */
};

static const struct route routes[] = {
	{ "GET",  "/",					0, H_ROOT },
	{ "GET",  "/charter/",				0, H_INDEX },
	{ "GET",  "/charter/{city}/{dept}",		0, H_CHARTER },
	{ "GET",  "/charter/{city}/{dept}.xml",		0, H_CHARTER_XML },
	{ "GET",  "/charter/{city}/{dept}/versions",	0, H_VERSIONS },
	{ "GET",  "/charter/{city}/{dept}/versions.xml", 0, H_VERSIONS },
	{ "PUT",  "/admin/charters/{city}/{dept}",	RF_AUTH | RF_BODY, H_UPLOAD },
	{ "POST", "/survey",				RF_BODY, H_SURVEY },
	{ "GET",  "/admin/petitions/{receipt}",		RF_AUTH, H_ADMIN_PETITION },
	{ "GET",  "/admin/petitions/{receipt}/attachments/{n}", RF_AUTH, H_ADMIN_ATTACHMENT },
	{ "GET",  "/board/new",				0, H_BOARD_NEW },
	/* reads its own body: max_body plus the attachments (see h_board_post) */
	{ "POST", "/board",				0, H_BOARD_POST },
	{ "GET",  "/board/receipt/{receipt}",		0, H_BOARD_RECEIPT },
	{ "GET",  "/petitions/{receipt}",		0, H_PETITION_STATUS },
	/* board routes */
	/* feed routes */
	{ "POST", "/admin/feeds/g4c",			RF_AUTH, H_FEED_PUSH },
	{ "POST", "/admin/petitions/{receipt}/events",	RF_AUTH | RF_BODY, H_EVENT_POST },
	{ "POST", "/admin/duties/{city}/{dept}",	RF_AUTH | RF_BODY, H_DUTY_POST },
	{ "GET",  "/admin/petitions/{receipt}.xml",	RF_AUTH, H_ADMIN_PETITION },
	/* events routes */
	{ "GET",  "/admin/petitions",			RF_AUTH, H_WORKLIST },
	{ "GET",  "/admin/petitions.xml",		RF_AUTH, H_WORKLIST },
	{ "GET",  "/admin/petitions.json",		RF_AUTH, H_WORKLIST },
	{ "GET",  "/admin/compensation",		RF_AUTH, H_LEDGER },
	{ "GET",  "/admin/compensation.xml",		RF_AUTH, H_LEDGER },
	{ "GET",  "/admin/compensation.json",		RF_AUTH, H_LEDGER },
	{ "POST", "/admin/compensation/{id}",		RF_AUTH | RF_BODY, H_LEDGER_ADVANCE },
	/* worklist routes */
	{ "GET",  "/opendata/",			0, H_OPENDATA },
	{ "GET",  "/opendata/index.xml",		0, H_OPENDATA },
	/* opendata page routes */
	{ "GET",  "/opendata/{dataset}.{format}",	0, H_DATASETS },
	/* datasets routes */
	{ "GET",  "/open311/v2/discovery.xml",		0, H_O311_DISCOVERY },
	{ "GET",  "/open311/v2/services.xml",		0, H_O311_SERVICES },
	{ "GET",  "/open311/v2/services/{code}.xml",	0, H_O311_SERVICE },
	{ "GET",  "/open311/v2/requests.xml",		0, H_O311_REQUESTS },
	/* reads its own body, to answer in the GeoReport error format */
	{ "POST", "/open311/v2/requests.xml",		0, H_O311_POST },
	{ "GET",  "/open311/v2/requests/{id}.xml",	0, H_O311_REQUEST },
	{ "GET",  "/open311/v2/tokens/{token}.xml",	0, H_O311_TOKEN },
	{ "GET",  "/open311/v2/discovery.json",		0, H_O311_DISCOVERY },
	{ "GET",  "/open311/v2/services.json",		0, H_O311_SERVICES },
	{ "GET",  "/open311/v2/services/{code}.json",	0, H_O311_SERVICE },
	{ "GET",  "/open311/v2/requests.json",		0, H_O311_REQUESTS },
	/* reads its own body, to answer in the GeoReport error format */
	{ "POST", "/open311/v2/requests.json",		0, H_O311_POST },
	{ "GET",  "/open311/v2/requests/{id}.json",	0, H_O311_REQUEST },
	{ "GET",  "/open311/v2/tokens/{token}.json",	0, H_O311_TOKEN },
	/* open311 routes */
	{ "POST", "/petitions/{receipt}/feedback",	RF_BODY, H_FEEDBACK_POST },
	{ "POST", "/admin/surveys/{city}/{dept}",	RF_AUTH | RF_BODY, H_SURVEY_RESULT_POST },
	{ "GET",  "/admin/surveys/{city}/{dept}",	RF_AUTH, H_SURVEYS_LIST },
	{ "GET",  "/admin/surveys/{city}/{dept}.xml",	RF_AUTH, H_SURVEYS_LIST },
	{ "GET",  "/admin/surveys/{city}/{dept}.json",	RF_AUTH, H_SURVEYS_LIST },
	{ "POST", "/admin/improvement-plans/{city}/{dept}", RF_AUTH | RF_BODY, H_PLAN_POST },
	/* satisfaction routes */
};

int
app_catalog(struct worker *w)
{
	long long now = clock_mono_ms();
	struct catalog fresh;

	if (w->cat_at != 0 && now - w->cat_at < (long long)w->conf->cache_ttl_ms)
		return 0;
	if (catalog_load(w->db, &fresh) == -1) {
		log_err(NULL, "cannot load the charter catalogue: %s", db_error(w->db));
		return -1;
	}
	catalog_free(&w->cat);
	w->cat = fresh;
	w->cat_at = now;
	return 0;
}

/* 0 when someone is authenticated (r->who), else the status to answer. */
static int
authenticate(struct req *r)
{
	char	 buf[160];
	const char *tok = auth_bearer(r->authorization, buf, sizeof(buf));
	int	 rc = 0;

	if (tok)
		rc = tstore_lookup(r->w->db, tok, &r->who);
	else if (r->w->conf->trust_remote_user && r->remote_user[0])
		rc = tstore_lookup_user(r->w->db, r->remote_user, &r->who);
	if (rc < 0)
		return 503;
	return rc == 1 ? 0 : 401;
}

static enum req_fmt
default_format(const struct req *r)
{
	return strncmp(r->path, "/admin/", 7) == 0 ? FMT_XML : FMT_HTML;
}

static void
dispatch(struct req *r)
{
	char	 allow[128];
	int	 st;

	st = route_find(routes, sizeof(routes) / sizeof(routes[0]), r->method,
	    r->path, &r->m, allow, sizeof(allow));
	if (st == 404) {
		page_error(r, 404, default_format(r), "이 주소에는 페이지가 없습니다 (no such page)", NULL);
		return;
	}
	if (st == 405) {
		req_header(r, "Allow", allow);
		page_error(r, 405, default_format(r), "this method is not allowed here", NULL);
		return;
	}
	if ((r->m.route->flags & RF_AUTH) && (st = authenticate(r)) != 0) {
		if (st == 401)
			req_header(r, "WWW-Authenticate", "Bearer realm=\"charter\"");
		page_error(r, st, default_format(r), st == 401 ?
		    "a valid bearer token is required" : "try again later", NULL);
		return;
	}
	if ((r->m.route->flags & RF_BODY) &&
	    (st = req_read_body(r, r->w->conf->max_body)) != 0) {
		page_error(r, st, default_format(r), st == 413 ?
		    "the request body is larger than this server accepts" :
		    "the request body could not be read", NULL);
		return;
	}
	if ((st = handlers[r->m.route->id](r)) != 0)
		page_error(r, st, default_format(r), st == 503 ?
		    "the service is temporarily unavailable" : "the request failed", NULL);
}

static void
handle(struct worker *w, FCGX_Request *f)
{
	struct req r;
	long long t0 = clock_mono_ms();
	int	 st;

	app_calendar(w);
	if ((st = req_init(&r, f, w, ++w->seq)) != 0)
		page_error(&r, st, FMT_HTML, "the request's headers are malformed or too large", NULL);
	else
		dispatch(&r);
	req_send(&r);
	req_drain(&r, w->conf->max_body);
	/* one line per request at debug level (nginx keeps the access log);
	 * the query string is never logged: it may carry an access code */
	log_debug(r.id, "%s %s %d %zu %lldms", r.method, r.path, r.status,
	    r.out.len, clock_mono_ms() - t0);
	req_free(&r);
}

/* The newest modification time under DATADIR/xsl, for ETags: a changed
 * stylesheet makes every page new. */
static void
stylesheet_stamp(const char *datadir, char *out, size_t n)
{
	char	 dir[1024], p[2048];
	DIR	*d;
	struct dirent *e;
	struct stat st;
	time_t	 newest = 0;

	snprintf(dir, sizeof(dir), "%s/xsl", datadir);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			if (stat(p, &st) == 0 && st.st_mtime > newest)
				newest = st.st_mtime;
		}
		closedir(d);
	}
	snprintf(out, n, "%lx", (unsigned long)newest);
}

/* The holidays file's modification time in nanoseconds, or -1. */
static long long
holidays_mtime(const struct conf *c)
{
	struct stat st;

	if (stat(c->holidays, &st) == -1)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

void
app_calendar(struct worker *w)
{
	struct calendar fresh;
	long long now = clock_mono_ms(), mt;
	char	 err[300];

	if (w->cal_checked != 0 && now - w->cal_checked < 1000)
		return;
	w->cal_checked = now;
	if ((mt = holidays_mtime(w->conf)) == w->cal_mtime)
		return;
	w->cal_mtime = mt;	/* a bad file is reported once, not every second */
	if (estore_load_calendar(&fresh, w->conf, err, sizeof(err)) == -1) {
		calendar_free(&fresh);
		log_err(NULL, "the holidays file changed but cannot be used; the previous"
		    " calendar stays: %s", err);
		return;
	}
	calendar_free(&w->cal);
	w->cal = fresh;
	estore_set_calendar(w->estore, &w->cal);
	log_info(NULL, "working calendar reloaded from %s (%zu holidays)",
	    w->conf->holidays, w->cal.nhol);
}

/* The calendar, the compensation rules and the engine; the board's intake
 * evaluates what it stores. */
static int
engine_open(struct worker *w, const struct conf *c)
{
	char	 err[300];

	w->cal_mtime = holidays_mtime(c);
	w->cal_checked = clock_mono_ms();
	if (estore_load_calendar(&w->cal, c, err, sizeof(err)) == -1) {
		log_err(NULL, "the working calendar cannot be loaded: %s", err);
		return -1;
	}
	if ((w->rules = rules_cache_new(w->db)) == NULL ||
	    (w->estore = estore_new(w->db, &w->cal, c, w->rules)) == NULL)
		return -1;
	pstore_set_engine(w->pstore, w->estore);
	return 0;
}

static int
worker_open(struct worker *w, const struct conf *c)
{
	char	 err[256], path[1024];

	memset(w, 0, sizeof(*w));
	w->conf = c;
	if ((w->db = db_open(c, 1, err, sizeof(err))) == NULL ||
	    (w->render = render_open(c->datadir)) == NULL ||
	    (w->charter_xsd = xmlsafe_load_data_schema(c->datadir, "charter.xsd",
	    path, sizeof(path))) == NULL ||
	    (w->feed_xsd = xmlsafe_load_data_schema(c->datadir, "g4c-feed.xsd",
	    path, sizeof(path))) == NULL ||
	    (w->cache = pcache_new(256)) == NULL ||
	    (w->pstore = pstore_new(w->db)) == NULL || engine_open(w, c) == -1) {
		log_err(NULL, "worker start-up failed");
		return -1;
	}
	stylesheet_stamp(c->datadir, w->stamp, sizeof(w->stamp));
	return 0;
}

static void
worker_close(struct worker *w)
{
	db_close(w->db);
	render_close(w->render);
	if (w->charter_xsd)
		xmlSchemaFree(w->charter_xsd);
	if (w->feed_xsd)
		xmlSchemaFree(w->feed_xsd);
	pcache_free(w->cache);
	pstore_free(w->pstore);
	catalog_free(&w->cat);
	estore_free(w->estore);
	if (w->rules)
		rules_cache_free(w->rules);
	calendar_free(&w->cal);
}

void
app_serve(int fd, void *arg)
{
	struct worker w;
	FCGX_Request f;
	struct pollfd pfd;
	int	 n;

	if (worker_open(&w, arg) == -1) {
		worker_close(&w);
		sleep(1);	/* do not let the supervisor spin */
		return;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	FCGX_InitRequest(&f, fd, 0);
	while (!server_stopping()) {
		/* A connection the front server keeps open (fastcgi_keep_conn) has
		 * this worker to itself until it has been idle for a second; then
		 * it is closed and the worker accepts new connections again. */
		if (f.ipcFd >= 0) {
			pfd = (struct pollfd){ .fd = f.ipcFd, .events = POLLIN };
			if ((n = poll(&pfd, 1, 1000)) == 0)
				FCGX_Free(&f, 1);
			if (n <= 0)
				continue;
		}
		/* Under load a connection is waiting: accept at once, and sleep in
		 * poll only when there was none (the socket is non-blocking). */
		if (FCGX_Accept_r(&f) < 0) {
			pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
			(void)poll(&pfd, 1, 1000);
			continue;
		}
		handle(&w, &f);
		FCGX_Finish_r(&f);
	}
	FCGX_Free(&f, 1);
	worker_close(&w);
}
