"""Open311 GeoReport v2 at /open311/v2/ (issue 5, point 5), checked field by field
against the specification (wiki.open311.org/GeoReport_v2) in XML and JSON: discovery,
services of both cities, service definitions, POST with an api_key (403 without or
revoked, 400 anonymous with the charters' reason), GET requests and each filter,
requests/{id}, tokens/{token}, errors in the spec's format, expected_datetime equal to
the petition's deadline, and no planted personal data in any GET answer."""
import json
import os
import re
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

from harness import NOW, test, check, http, get, iso_utc, sql, sql_value, q, token, ctl

B = "/open311/v2"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PID = os.getpid()
PLANT = {"first_name": "비밀길동%d" % PID, "last_name": "숨김%d" % PID,
         "address_string": "포천시 비밀로 %d번길" % PID,
         "phone": "010-8%03d-1357" % (PID % 1000), "email": "o311secret%d@example.kr" % PID,
         "description": "가로등이 꺼져 있습니다 비밀내용%d" % PID,
         "attribute[title]": "비밀제목%d" % PID}
OFFICER_PHONE = "031-9%03d-2468" % (PID % 1000)
DT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$")
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name",
                  "service_code", "description", "agency_responsible", "service_notice",
                  "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long", "media_url"]
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group"]
KINDS = ["simple-inquiry", "legal-inquiry", "complaint", "suggestion", "general"]
_posted = {}


def cities():
    return sorted({r[0] for r in sql("SELECT city FROM charters")})


def depts(city):
    """dept code -> name, from the current charters."""
    return {r[0]: r[1] for r in sql(
        "SELECT c.dept, v.dept_name FROM charters c JOIN charter_versions v"
        " ON v.id = c.current_version_id WHERE c.city = %s" % q(city))}


def xml_of(r):
    check(r.header("content-type", "").startswith("text/xml"), "content type %r" %
          r.header("content-type"))
    check(r.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), "XML declaration: %r"
          % r.body[:60])
    return ET.fromstring(r.body)


def json_of(r):
    check(r.header("content-type", "").startswith("application/json"), "content type %r" %
          r.header("content-type"))
    return json.loads(r.body)


def get_both(path, query=""):
    """The XML and JSON answers of one resource: (xml root, json value)."""
    sep = "?" if query else ""
    rx, rj = get("%s/%s.xml%s%s" % (B, path, sep, query)), get("%s/%s.json%s%s" % (B, path, sep, query))
    check(rx.status == 200 and rj.status == 200, "%s %s: %r %r" % (path, query, rx, rj))
    return xml_of(rx), json_of(rj)


def spec_error(r, status, needle=None):
    """The spec's error format, in the format of the request's path."""
    check(r.status == status, "expected %d, got %r" % (status, r))
    if r.header("content-type", "").startswith("application/json"):
        errs = [(e["code"], e["description"]) for e in json.loads(r.body)]
        check(all(set(e) == {"code", "description"} for e in json.loads(r.body)), "error keys")
    else:
        root = xml_of(r)
        check(root.tag == "errors", "root %r" % root.tag)
        errs = [(int(e.findtext("code")), e.findtext("description")) for e in root]
        check(all([c.tag for c in e] == ["code", "description"] for e in root), "error children")
    check(errs and all(c == status for c, _ in errs), "codes %r" % errs)
    if needle:
        check(any(needle in d for _, d in errs), "%r not in %r" % (needle, errs))
    return errs


def api_key():
    return token("open311")


def post(fields, ext="json", key=True):
    f = dict(fields)
    if key is True:
        f["api_key"] = api_key()
    elif key:
        f["api_key"] = key
    return http("POST", "%s/requests.%s" % (B, ext),
                body=urllib.parse.urlencode(f).encode(), headers=FORM)


def valid(service="pocheon-common-complaint", jid="pocheon", **over):
    f = dict(PLANT, jurisdiction_id=jid, service_code=service)
    f["attribute[sms_consent]"] = "yes"
    f.update(over)
    return f


def posted(name="main", **over):
    """A request posted once (JSON): (receipt, token, notice)."""
    if name not in _posted:
        r = post(valid(**over))
        check(r.status == 200, "POST: %r" % r)
        (one,) = json_of(r)
        check(list(one) == ["service_request_id", "token", "service_notice", "account_id"],
              "POST answer keys %r" % list(one))
        check(one["account_id"] is None, "account_id %r" % one["account_id"])
        _posted[name] = (one["service_request_id"], one["token"], one["service_notice"])
    return _posted[name]


def check_request(x, j):
    """One request in XML (element) and JSON (object): fields in the spec's order."""
    check([c.tag for c in x] == REQUEST_FIELDS, "XML request fields %r" % [c.tag for c in x])
    check(list(j) == REQUEST_FIELDS, "JSON request fields %r" % list(j))
    for k in REQUEST_FIELDS:
        if k not in ("lat", "long"):
            check((x.findtext(k) or "") == (j[k] or ""), "%s differs: %r %r" % (k, x.findtext(k), j[k]))
    check(j["status"] in ("open", "closed"), "status %r" % j["status"])
    for k in ("requested_datetime", "updated_datetime"):
        check(DT.match(j[k]), "%s %r" % (k, j[k]))
    check(j["expected_datetime"] == "" or DT.match(j["expected_datetime"]), "expected %r" %
          j["expected_datetime"])
    check(j["address"] == "" and j["lat"] is None and j["long"] is None and
          (x.findtext("lat") or "") == "", "the location is published: %r" % j)
    return j


# ------------------------------------------------------------------ discovery, services

@test
def test_open311_discovery():
    x, j = get_both("discovery")
    check(x.tag == "discovery", "root %r" % x.tag)
    check([c.tag for c in x] == ["changeset", "contact", "key_service", "endpoints"],
          "discovery fields %r" % [c.tag for c in x])
    (ep,) = j["endpoints"]
    check(ep["specification"] == "http://wiki.open311.org/GeoReport_v2", "spec %r" % ep)
    check(ep["url"].endswith("/open311/v2") and ep["type"] == "production", "endpoint %r" % ep)
    check(ep["formats"] == ["text/xml", "application/json"], "formats %r" % ep["formats"])
    check([f.text for f in x.find("endpoints/endpoint/formats")] == ep["formats"], "XML formats")
    check(DT.match(j["changeset"]), "changeset %r" % j["changeset"])


@test
def test_open311_jurisdiction_required_with_two_cities():
    check(len(cities()) > 1, "the demo serves two cities")
    for ext in ("xml", "json"):
        spec_error(get("%s/services.%s" % (B, ext)), 400, "jurisdiction_id")
        spec_error(get("%s/services.%s?jurisdiction_id=atlantis" % (B, ext)), 404,
                   "jurisdiction_id provided was not found")
        spec_error(get("%s/requests.%s" % (B, ext)), 400, "jurisdiction_id")


@test
def test_open311_services_of_both_cities():
    seen = set()
    for city in cities():
        x, j = get_both("services", "jurisdiction_id=" + city)
        check(x.tag == "services" and all(s.tag == "service" for s in x), "XML root %r" % x.tag)
        want = {"%s-%s-%s" % (city, d, k): n for d, n in depts(city).items() for k in KINDS}
        got = {s["service_code"]: s for s in j}
        check(set(got) == set(want), "%s services %r, want %r" % (city, sorted(got), sorted(want)))
        for xs, s in zip(x, j):
            check([c.tag for c in xs] == SERVICE_FIELDS, "XML service fields %r" % [c.tag for c in xs])
            check(list(s) == SERVICE_FIELDS, "JSON service fields %r" % list(s))
            check(s["metadata"] is True and xs.findtext("metadata") == "true", "metadata %r" % s)
            check(s["type"] == "realtime" and s["group"] == want[s["service_code"]],
                  "type/group %r" % s)
            check(s["service_name"] and s["description"] and s["keywords"], "empty field %r" % s)
            check(xs.findtext("service_code") == s["service_code"], "XML and JSON differ")
        check(not any(c.endswith("corruption-report") for c in got), "corruption reports offered")
        seen |= {c.split("-")[0] for c in got}
    check(seen == set(cities()), "cities %r" % seen)


@test
def test_open311_service_definition():
    x, j = get_both("services/pocheon-common-complaint", "jurisdiction_id=pocheon")
    check(x.tag == "service_definition", "root %r" % x.tag)
    check(list(j) == ["service_code", "attributes"] and j["service_code"] ==
          "pocheon-common-complaint", "definition %r" % list(j))
    attrs = {a["code"]: a for a in j["attributes"]}
    keys = ["variable", "code", "datatype", "required", "datatype_description", "order",
            "description"]
    for xa, a in zip(x.find("attributes"), j["attributes"]):
        check(list(a)[:7] == keys, "attribute keys %r" % list(a))
        check([c.tag for c in xa][:7] == keys, "XML attribute fields %r" % [c.tag for c in xa])
        check(isinstance(a["variable"], bool) and isinstance(a["required"], bool) and
              isinstance(a["order"], int), "types %r" % a)
        check(a["datatype"] in ("string", "number", "datetime", "text", "singlevaluelist",
                                "multivaluelist"), "datatype %r" % a["datatype"])
    sms = attrs["sms_consent"]
    check(sms["datatype"] == "singlevaluelist" and [v["key"] for v in sms["values"]] ==
          ["yes", "no"], "sms_consent %r" % sms)
    check([v.findtext("key") for v in x.find("attributes/attribute[code='sms_consent']/values")]
          == ["yes", "no"], "XML values")
    check([a["order"] for a in j["attributes"]] == list(range(1, len(attrs) + 1)), "order")
    for ext in ("xml", "json"):
        spec_error(get("%s/services/pocheon-common-nothing.%s?jurisdiction_id=pocheon" % (B, ext)),
                   404, "service_code provided was not found")
        spec_error(get("%s/services/gwangmyeong-autonomy-complaint.%s?jurisdiction_id=pocheon"
                       % (B, ext)), 404)


# ------------------------------------------------------------------ POST

@test
def test_open311_post_creates_a_petition():
    rc, tok, notice = posted()
    check(re.match(r"^\d{4}-pocheon-common-\d{6}$", rc), "receipt %r" % rc)
    check(re.match(r"^[0-9a-f]{32}$", tok), "token %r" % tok)
    row = sql("SELECT p.channel, p.source, p.kind, p.dept, a.sms_consent,"
              " (SELECT COUNT(*) FROM open311_tokens t WHERE t.petition_id = p.id AND t.token = %s)"
              " FROM petitions p JOIN petition_applicants a ON a.petition_id = p.id"
              " WHERE p.receipt_no = %s" % (q(tok), q(rc)))
    check(row == [["internet", "open311", "complaint", "common", "1", "1"]], "stored %r" % row)
    m = re.search(r"/petitions/%s\?code=([A-Z0-9-]+)" % re.escape(rc), notice)
    check(m, "no status link with the access code in %r" % notice)
    r = get("/petitions/%s?code=%s" % (rc, m.group(1)))
    check(r.status == 200, "status page with the code: %r" % r)
    # and in XML
    r = post(valid(service="pocheon-common-suggestion"), ext="xml")
    check(r.status == 200, "POST xml: %r" % r)
    root = xml_of(r)
    check(root.tag == "service_requests" and [c.tag for c in root[0]] ==
          ["service_request_id", "token", "service_notice", "account_id"], "XML answer %r" % r.body)


@test
def test_open311_post_needs_an_open311_api_key():
    for ext in ("xml", "json"):
        spec_error(post(valid(), ext, key=None), 403, "api_key")
        spec_error(post(valid(), ext, key="ct_nonsense"), 403, "api_key")
    spec_error(post(valid(), key=token("feed")), 403, "api_key")
    label = "o311 revoked %s" % uuid.uuid4().hex[:6]
    k = token("open311", cached=False, label=label)
    check(post(valid(service="pocheon-common-general"), key=k).status == 200, "fresh key refused")
    tid = sql_value("SELECT id FROM api_tokens WHERE label = %s" % q(label))
    ctl("token", "revoke", tid)
    n = sql_value("SELECT COUNT(*) FROM petitions")
    spec_error(post(valid(), key=k), 403, "api_key")
    check(sql_value("SELECT COUNT(*) FROM petitions") == n, "a refused request was stored")


@test
def test_open311_post_refusals():
    n = sql_value("SELECT COUNT(*) FROM petitions")
    anon = valid(first_name="", last_name="", address_string="")
    for ext in ("xml", "json"):
        errs = spec_error(post(anon, ext), 400, "익명일 경우 관계규정에 의하여 처리되지 않으므로")
        check(any("address_string" in d for _, d in errs), "field errors %r" % errs)
    spec_error(post(valid(address_string="")), 400, "성명과 주소")
    spec_error(post(valid(service="")), 400, "service_code was not provided")
    spec_error(post(valid(service="pocheon-common-nothing")), 404, "service_code provided was not found")
    spec_error(post(valid(service="pocheon-common-corruption-report")), 404)
    spec_error(post(valid(jid="")), 400, "jurisdiction_id")
    spec_error(post(valid(jid="atlantis")), 404, "jurisdiction_id")
    spec_error(post(valid(email="not-an-address")), 400, "email")
    spec_error(post(valid(lat="95", long="127")), 400, "lat")
    check(sql_value("SELECT COUNT(*) FROM petitions") == n, "a refused request was stored")


# ------------------------------------------------------------------ GET

def listed(query, ext="json"):
    r = get("%s/requests.%s?%s" % (B, ext, query))
    check(r.status == 200, "GET requests?%s: %r" % (query, r))
    return json_of(r) if ext == "json" else xml_of(r)


@test
def test_open311_requests_and_request():
    rc, tok, _ = posted()
    x, j = get_both("requests", "jurisdiction_id=pocheon")
    check(x.tag == "service_requests" and len(x) == len(j) and len(j) <= 1000, "list %d/%d" % (len(x), len(j)))
    for xr, jr in zip(x, j):
        check_request(xr, jr)
    mine = [r for r in j if r["service_request_id"] == rc]
    check(len(mine) == 1, "the posted request is not listed")
    r = mine[0]
    check(r["status"] == "open" and r["service_code"] == "pocheon-common-complaint" and
          r["agency_responsible"] == depts("pocheon")["common"], "request %r" % r)
    x1, j1 = get_both("requests/" + rc, "jurisdiction_id=pocheon")
    check(len(j1) == 1 and j1[0] == r, "requests/{id} differs from the list: %r" % j1)
    check_request(x1[0], j1[0])
    xt, jt = get_both("tokens/" + tok, "jurisdiction_id=pocheon")
    check(jt == [{"service_request_id": rc, "token": tok}], "token %r" % jt)
    check([c.tag for c in xt[0]] == ["service_request_id", "token"], "XML token")
    for ext in ("xml", "json"):
        spec_error(get("%s/requests/2026-pocheon-common-999999.%s?jurisdiction_id=pocheon" % (B, ext)), 404)
        spec_error(get("%s/requests/%s.%s?jurisdiction_id=gwangmyeong" % (B, rc, ext)), 404)
        spec_error(get("%s/tokens/%s.%s?jurisdiction_id=pocheon" % (B, "0" * 32, ext)), 404)


@test
def test_open311_filter_service_request_id():
    rc, _, _ = posted()
    other = sql_value("SELECT receipt_no FROM petitions WHERE city = 'pocheon' AND protected = 0"
                      " AND receipt_no <> %s ORDER BY id LIMIT 1" % q(rc))
    # the other filters are ignored when ids are given
    j = listed("jurisdiction_id=pocheon&status=closed&start_date=2001-01-01&service_request_id="
               + urllib.parse.quote("%s,%s" % (rc, other)))
    check(sorted(r["service_request_id"] for r in j) == sorted([rc, other]), "ids %r" % j)
    check(listed("jurisdiction_id=pocheon&service_request_id=nothing-here") == [], "unknown id")


@test
def test_open311_filter_service_code_and_status():
    rc, _, _ = posted()
    j = listed("jurisdiction_id=pocheon&service_code=pocheon-common-complaint")
    check(j and all(r["service_code"] == "pocheon-common-complaint" for r in j) and
          rc in [r["service_request_id"] for r in j], "service_code filter %r" % j)
    j2 = listed("jurisdiction_id=pocheon&service_code=pocheon-common-complaint,pocheon-common-general")
    check({r["service_code"] for r in j2} <= {"pocheon-common-complaint", "pocheon-common-general"}
          and len(j2) >= len(j), "two codes")
    spec_error(get(B + "/requests.xml?jurisdiction_id=pocheon&service_code=nope"), 404)
    rc2, _, _ = posted("closing", service="pocheon-common-general")
    r = http("POST", "/admin/petitions/%s/events" % rc2, body=urllib.parse.urlencode(
        {"type": "answered", "at": iso_utc(NOW)}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Authorization": "Bearer " + token("admin")})
    check(r.status == 201, "answered: %r" % r)
    # within the last day, so that no filter reaches the 1000-request limit
    since = "jurisdiction_id=pocheon&start_date=" + urllib.parse.quote(
        iso_utc(NOW - 86400))
    closed = listed(since + "&status=closed")
    opened = listed(since + "&status=open")
    both = listed(since + "&status=open,closed")
    check(all(x["status"] == "closed" for x in closed) and rc2 in [x["service_request_id"] for x in closed],
          "closed filter")
    check(all(x["status"] == "open" for x in opened) and rc in [x["service_request_id"] for x in opened],
          "open filter")
    check(len(both) == min(1000, len(closed) + len(opened)), "both = open + closed")
    mine = [x for x in closed if x["service_request_id"] == rc2][0]
    check(mine["status_notes"].startswith("answered ") and DT.match(mine["status_notes"].split(" ")[1]),
          "status_notes %r" % mine["status_notes"])
    spec_error(get(B + "/requests.json?jurisdiction_id=pocheon&status=pending"), 400, "status")


@test
def test_open311_filter_dates():
    rc, _, _ = posted()
    at = int(sql_value("SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', received_at) FROM petitions"
                       " WHERE receipt_no = %s" % q(rc)))
    iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%S+09:00", time.gmtime(t + 9 * 3600))
    around = "jurisdiction_id=pocheon&start_date=%s&end_date=%s" % (
        urllib.parse.quote(iso(at - 60)), urllib.parse.quote(iso(at + 60)))
    j = listed(around)
    check(rc in [r["service_request_id"] for r in j], "not within its minute")
    check(all(iso(at - 60) <= r["requested_datetime"] <= iso(at + 60) for r in j), "outside the range")
    # the '+' of an unencoded offset arrives as a space
    j = listed("jurisdiction_id=pocheon&start_date=%s&end_date=%s" % (iso(at - 60), iso(at + 60)))
    check(rc in [r["service_request_id"] for r in j], "unencoded '+' not understood")
    check(rc not in [r["service_request_id"] for r in listed(
        "jurisdiction_id=pocheon&start_date=2020-01-01&end_date=2020-02-01")], "old range")
    check(rc in [r["service_request_id"] for r in listed(
        "jurisdiction_id=pocheon&start_date=" + urllib.parse.quote(iso(at - 86400)))], "start only")
    spec_error(get(B + "/requests.json?jurisdiction_id=pocheon&start_date=2020-01-01&end_date=2020-06-01"),
               400, "90 days")
    spec_error(get(B + "/requests.xml?jurisdiction_id=pocheon&start_date=2020-02-01&end_date=2020-01-01"), 400)
    spec_error(get(B + "/requests.xml?jurisdiction_id=pocheon&start_date=yesterday"), 400, "start_date")


@test
def test_open311_dates_out_of_range_are_400():
    """start_date and end_date outside the instants stored (2000-01-01T00:00:00+09:00 ..
    2038-01-19T03:14:07Z) are a 400 in the spec's error format, saying so; never a 5xx."""
    for ext in ("json", "xml"):
        q_ = B + "/requests.%s?jurisdiction_id=pocheon&" % ext
        spec_error(get(q_ + "start_date=2099-01-01T00:00:00Z"), 400, "start_date is out of range")
        spec_error(get(q_ + "end_date=2099-01-01T00:00:00Z"), 400, "end_date is out of range")
        spec_error(get(q_ + "start_date=1969-12-31T00:00:00Z"), 400, "2000-01-01T00:00:00+09:00")
        spec_error(get(q_ + "start_date=2038-01-19T03:14:08Z"), 400, "2038-01-19T03:14:07Z")
    # the last day stored: a window reaching past it is clipped, not refused
    check(listed("jurisdiction_id=pocheon&start_date=2038-01-18") == [], "the last day")


@test
def test_open311_expected_datetime_is_the_deadline():
    rc, _, _ = posted()
    got = {r["service_request_id"]: r["expected_datetime"] for r in listed("jurisdiction_id=pocheon")}
    check(rc in got, "the posted request is not listed")
    rows = sql("SELECT receipt_no, DATE_FORMAT(COALESCE(next_due, statutory_due) + INTERVAL 9 HOUR,"
               " '%%Y-%%m-%%dT%%H:%%i:%%s+09:00'), DATE_FORMAT(next_due + INTERVAL 9 HOUR,"
               " '%%Y-%%m-%%dT%%H:%%i:%%s+09:00') FROM petitions WHERE receipt_no IN (%s)"
               % ",".join(q(k) for k in got))
    want = {r[0]: r[1] if r[1] != "NULL" else "" for r in rows}
    check(set(got) == set(want), "listed requests missing from the DB")
    for k, v in got.items():
        check(v == want[k], "%s: expected_datetime %r, DB %r" % (k, v, want[k]))
    check(any(r[0] == rc and r[2] != "NULL" and r[2] == got[rc] for r in rows),
          "the new request's next_due %r" % got.get(rc))


@test
def test_open311_no_personal_data_in_any_answer():
    rc, tok, _ = posted()
    sql("UPDATE petitions SET officer_name = %s, officer_phone = %s WHERE receipt_no = %s"
        % (q("담당자비밀%d" % PID), q(OFFICER_PHONE), q(rc)))
    plants = [v for k, v in PLANT.items()] + [OFFICER_PHONE, "담당자비밀%d" % PID]
    paths = []
    for city in cities():
        jq = "?jurisdiction_id=" + city
        for ext in ("xml", "json"):
            paths += ["/requests.%s%s" % (ext, jq), "/services.%s%s" % (ext, jq),
                      "/requests.%s%s&status=open" % (ext, jq)]
    for ext in ("xml", "json"):
        paths += ["/requests/%s.%s?jurisdiction_id=pocheon" % (rc, ext),
                  "/tokens/%s.%s?jurisdiction_id=pocheon" % (tok, ext),
                  "/requests.%s?jurisdiction_id=pocheon&service_request_id=%s" % (ext, rc),
                  "/services/pocheon-common-complaint.%s?jurisdiction_id=pocheon" % ext,
                  "/discovery.%s" % ext]
    for p in paths:
        r = get(B + p)
        check(r.status == 200, "%s: %r" % (p, r))
        text = r.body.decode()
        if p.startswith("/requests") and "json" in p:
            text += json.dumps(json.loads(r.body), ensure_ascii=False)
        for s in plants:
            check(s not in text, "%s shows %r" % (p, s))
