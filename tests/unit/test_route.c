/* test_route: the dispatch table's matcher (src/front/route.h), on a table
 * shaped like the application's. */
#include <string.h>
#include "front/route.h"
#include "tap.h"

enum { R_INDEX, R_PAGE, R_XML, R_VERSIONS, R_UPLOAD, R_SURVEY };

static const struct route table[] = {
	{ "GET",  "/charter/",				0, R_INDEX },
	{ "GET",  "/charter/{city}/{dept}",		0, R_PAGE },
	{ "GET",  "/charter/{city}/{dept}.xml",		0, R_XML },
	{ "GET",  "/charter/{city}/{dept}/versions",	0, R_VERSIONS },
	{ "PUT",  "/admin/charters/{city}/{dept}",	1, R_UPLOAD },
	{ "POST", "/survey",				0, R_SURVEY },
};
#define NT (sizeof(table) / sizeof(table[0]))

static struct route_match m;
static char allow[128];

static int
find(const char *method, const char *path)
{
	memset(&m, 0, sizeof(m));
	strcpy(allow, "unchanged");
	return route_find(table, NT, method, path, &m, allow, sizeof(allow));
}

/* Expects 200 on route id with the given parameters (NULL-terminated). */
static void
matches(const char *method, const char *path, int id, const char *p0,
    const char *p1)
{
	int	 st = find(method, path);

	is_int(st, 200, "%s %s matches", method, path);
	if (st != 200)
		return;
	is_int(m.route->id, id, "  the right route (%s)", m.route->pattern);
	is_int(m.nparam, (p0 != NULL) + (p1 != NULL), "  parameter count");
	if (p0)
		is_str(m.param[0], p0, "  first parameter");
	if (p1)
		is_str(m.param[1], p1, "  second parameter");
}

static void
not_found(const char *method, const char *path, const char *why)
{
	is_int(find(method, path), 404, "404 %s %s: %s", method, path, why);
}

int
main(void)
{
	char	 longp[200], path[300];

	/* The routes the site serves, with their parameters captured. */
	matches("GET", "/charter/", R_INDEX, NULL, NULL);
	matches("GET", "/charter/pocheon/common", R_PAGE, "pocheon", "common");
	matches("GET", "/charter/gwangmyeong/autonomy", R_PAGE, "gwangmyeong", "autonomy");
	matches("GET", "/charter/pocheon/cyc-a", R_PAGE, "pocheon", "cyc-a");
	matches("GET", "/charter/a1/b2", R_PAGE, "a1", "b2");
	matches("GET", "/charter/pocheon/roads/versions", R_VERSIONS, "pocheon", "roads");
	matches("PUT", "/admin/charters/pocheon/roads", R_UPLOAD, "pocheon", "roads");
	matches("POST", "/survey", R_SURVEY, NULL, NULL);

	/* "{dept}.xml": the parameter stops at the dot, so the XML view gets
	 * dept "common", not "common.xml" (and the page route does not match). */
	matches("GET", "/charter/pocheon/common.xml", R_XML, "pocheon", "common");
	/* The route's flags reach the caller (preconditions live in the table). */
	find("PUT", "/admin/charters/pocheon/roads");
	is_int(m.route->flags, 1, "the route's flags are returned");

	/* HEAD is answered wherever GET is (RFC 9110 §9.3.2). */
	matches("HEAD", "/charter/pocheon/common", R_PAGE, "pocheon", "common");
	matches("HEAD", "/charter/pocheon/common.xml", R_XML, "pocheon", "common");
	matches("HEAD", "/charter/", R_INDEX, NULL, NULL);

	/* Unknown paths. */
	not_found("GET", "/", "the root is not in the table");
	not_found("GET", "/charter", "no trailing slash");
	not_found("GET", "/nothing/here", "unknown prefix");
	not_found("GET", "", "empty path");
	not_found("POST", "/survey/", "trailing slash on a literal");
	/* Parameters are [a-z0-9-] only: no upper case, no dots, no escapes. */
	not_found("GET", "/charter/Pocheon/common", "upper case in city");
	not_found("GET", "/charter/pocheon/COMMON", "upper case in dept");
	not_found("GET", "/charter/pocheon/com_mon", "underscore in dept");
	not_found("GET", "/charter/pocheon/%63ommon", "percent escape in dept");
	not_found("GET", "/charter/..%2f/common", "dots in city");
	not_found("GET", "/charter/pocheon/../common", "dot-dot segment");
	not_found("GET", "/charter/포천/common", "non-ASCII city");
	/* Empty parameters never match ("one or more" characters). */
	not_found("GET", "/charter//common", "empty city");
	not_found("GET", "/charter/pocheon/", "empty dept");
	not_found("GET", "/charter/pocheon/.xml", "empty dept before .xml");
	not_found("GET", "/charter//", "both empty");
	/* Trailing junk after a full match is not a match. */
	not_found("GET", "/charter/pocheon/common/", "trailing slash");
	not_found("GET", "/charter/pocheon/common.xmlx", "junk after .xml");
	not_found("GET", "/charter/pocheon/common.html", "another extension");
	not_found("GET", "/charter/pocheon/common/versions/1", "extra segment");
	not_found("GET", "/charter/pocheon/common?x=1", "query left on the path");
	not_found("GET", "/charter/pocheon/common.xml.xml", "double extension");
	/* Truncated literals. */
	not_found("GET", "/charter/pocheon/common/version", "versions truncated");
	not_found("GET", "/charter/pocheon/common.xm", ".xml truncated");

	/* Parameter length: ROUTE_PARAM_MAX characters fit, one more does not
	 * (the buffer holds ROUTE_PARAM_MAX + 1 bytes). */
	memset(longp, 'a', ROUTE_PARAM_MAX);
	longp[ROUTE_PARAM_MAX] = '\0';
	snprintf(path, sizeof(path), "/charter/pocheon/%s", longp);
	matches("GET", path, R_PAGE, "pocheon", longp);
	memset(longp, 'a', ROUTE_PARAM_MAX + 1);
	longp[ROUTE_PARAM_MAX + 1] = '\0';
	snprintf(path, sizeof(path), "/charter/pocheon/%s", longp);
	not_found("GET", path, "dept one character too long");
	snprintf(path, sizeof(path), "/charter/%s/common", longp);
	not_found("GET", path, "city one character too long");
	memset(longp, 'b', 150);
	longp[150] = '\0';
	snprintf(path, sizeof(path), "/charter/pocheon/%s.xml", longp);
	not_found("GET", path, "very long dept before .xml");

	/* 405: the path exists, the method does not; Allow lists what does. */
	is_int(find("DELETE", "/charter/"), 405, "DELETE /charter/ is 405");
	is_str(allow, "GET, HEAD", "  Allow: GET, HEAD");
	is_int(find("POST", "/charter/pocheon/common"), 405, "POST on a page is 405");
	is_str(allow, "GET, HEAD", "  Allow: GET, HEAD");
	is_int(find("GET", "/admin/charters/a/b"), 405, "GET on the upload URL is 405");
	is_str(allow, "PUT", "  Allow: PUT");
	is_int(find("HEAD", "/admin/charters/a/b"), 405, "HEAD on the upload URL is 405");
	is_str(allow, "PUT", "  Allow: PUT");
	is_int(find("GET", "/survey"), 405, "GET /survey is 405");
	is_str(allow, "POST", "  Allow: POST");
	is_int(find("PUT", "/charter/pocheon/common.xml"), 405, "PUT on .xml is 405");
	is_str(allow, "GET, HEAD", "  Allow: GET, HEAD");
	/* Methods are case-sensitive (RFC 9110 §9.1): "get" is another method. */
	is_int(find("get", "/charter/"), 405, "lower-case get is not GET");
	/* A 404 leaves allow empty (the caller must not send a stale Allow). */
	find("DELETE", "/nowhere");
	is_str(allow, "", "allow empty on 404");

	/* Two methods on one path: both listed, in table order. */
	{
		static const struct route two[] = {
			{ "GET", "/admin/charters/{city}/{dept}", 0, 1 },
			{ "PUT", "/admin/charters/{city}/{dept}", 0, 2 },
		};
		int st = route_find(two, 2, "DELETE", "/admin/charters/a/b", &m,
		    allow, sizeof(allow));
		is_int(st, 405, "DELETE with GET and PUT routes");
		is_str(allow, "GET, HEAD, PUT", "  Allow: GET, HEAD, PUT");
		st = route_find(two, 2, "PUT", "/admin/charters/a/b", &m, allow,
		    sizeof(allow));
		is_int(st, 200, "PUT finds the second route");
		is_int(m.route->id, 2, "  id 2");
	}

	/* A small allow buffer is truncated, not overrun. */
	{
		char	 small[4];
		memset(small, 'x', sizeof(small));
		int st = route_find(table, NT, "DELETE", "/charter/", &m, small,
		    sizeof(small));
		is_int(st, 405, "405 with a 4-byte allow buffer");
		ok(memchr(small, '\0', sizeof(small)) != NULL, "  still NUL-terminated");
	}

	/* An empty table finds nothing. */
	is_int(route_find(table, 0, "GET", "/charter/", &m, allow, sizeof(allow)), 404,
	    "empty table: 404");
	return done_testing();
}
