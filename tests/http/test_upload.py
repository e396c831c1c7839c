"""Charter uploads: authentication, limits, new versions, rejected documents, inheritance."""
import glob
import json
import os
import re
import time
import xml.etree.ElementTree as ET

from harness import (test, add_test, check, get, put_charter, fcgi, token, ctl,
                     fixture, read_bytes, parse_xml, page_text, norm, poll, version_count,
                     charter_state, root_target, src, Failure)

V2 = "gwangmyeong-autonomy-v2.xml"
V2_MARK = "개정판 확인문구"
GM = ("gwangmyeong", "autonomy")


def seed_bytes(city, dept):
    return read_bytes(src("conf", "charters", city, dept + ".xml"))


def check_unchanged(before, city, dept, what):
    after = charter_state(city, dept)
    for k in before:
        check(before[k] == after[k], "%s changed %s of %s/%s: %r -> %r" % (
            what, k, city, dept, before[k] if k != "xml" else before[k][0],
            after[k] if k != "xml" else after[k][0]))


# ------------------------------------------------------------ authentication

@test
def test_upload_without_token_is_401():
    before = charter_state(*GM)
    r = put_charter(*GM, seed_bytes(*GM))
    check(r.status == 401, "%r" % r)
    check(r.header("www-authenticate", "").startswith("Bearer"),
          "WWW-Authenticate %r" % r.header("www-authenticate"))
    check_unchanged(before, *GM, "401")


@test
def test_upload_with_unknown_token_is_401():
    r = put_charter(*GM, seed_bytes(*GM), token="not-a-token-" + "0" * 40)
    check(r.status == 401, "%r" % r)
    check(r.header("www-authenticate", "").startswith("Bearer"), "no WWW-Authenticate: Bearer")


@test
def test_upload_with_revoked_token_is_401():
    label = "revoke-me-%d" % os.getpid()
    t = token("department", "gwangmyeong/autonomy", cached=False, label=label)
    listing = ctl("token", "list").stdout.decode()
    line = next((l for l in listing.splitlines() if label in l), None)
    check(line, "token list does not show label %r:\n%s" % (label, listing))
    m = re.search(r"\d+", line)
    check(m, "no token id in %r" % line)
    ctl("token", "revoke", m.group(0))
    before = charter_state(*GM)
    r = put_charter(*GM, seed_bytes(*GM), token=t)
    check(r.status == 401, "revoked token: %r" % r)
    check_unchanged(before, *GM, "revoked token")


@test
def test_token_for_another_department_is_403():
    t = token("department", "gwangmyeong/autonomy")
    before = charter_state("pocheon", "common")
    r = put_charter("pocheon", "common", seed_bytes("pocheon", "common"), token=t)
    check(r.status == 403, "%r" % r)
    check_unchanged(before, "pocheon", "common", "403")


@test
def test_feed_token_cannot_upload_charters():
    r = put_charter(*GM, seed_bytes(*GM), token=token("feed"))
    check(r.status == 403, "%r" % r)


@test
def test_body_over_limit_is_413():
    before = charter_state(*GM)
    body = b"<charter>" + b" " * (1024 * 1024) + b"</charter>"
    r = put_charter(*GM, body, token=token("admin"))
    check(r.status == 413, "through nginx: %r" % r)
    # The application enforces max_body itself too (behind another front server).
    r = fcgi("PUT", "/admin/charters/gwangmyeong/autonomy", body * 2,
             {"Content-Type": "application/xml", "Authorization": "Bearer " + token("admin")})
    check(r.status == 413, "straight to charter.fcgi: %r" % r)
    check_unchanged(before, *GM, "413")


# ------------------------------------------------------------ a new version

_state = {}


@test
def test_department_token_uploads_new_version_201():
    path = "/charter/gwangmyeong/autonomy"
    # Warm nginx's cache so the visibility test below proves the purge/expiry works.
    get(path)
    first = get(path)
    _state["etag"] = first.header("etag")
    _state["versions"] = version_count(*GM)
    r = put_charter(*GM, read_bytes(fixture(V2)), token=token("department", "gwangmyeong/autonomy"))
    _state["uploaded"] = r
    check(r.status == 201, "%r" % r)
    check(r.header("location"), "no Location header")
    root = parse_xml(r.body)
    check(root.tag == "upload", "body root %r" % root.tag)
    check(root.get("city") == "gwangmyeong" and root.get("dept") == "autonomy",
          "upload attributes %r" % root.attrib)
    check(root.get("version-no") == str(_state["versions"] + 1),
          "version-no %r, expected %d" % (root.get("version-no"), _state["versions"] + 1))
    check(root.get("version-id"), "no version-id")


@test
def test_new_version_visible_through_nginx_within_1s():
    check(_state.get("uploaded") and _state["uploaded"].status == 201, "upload failed earlier")
    found, elapsed = poll(lambda: V2_MARK in page_text(get("/charter/gwangmyeong/autonomy")), 1.0)
    check(found, "%r not on the page after %.2f s" % (V2_MARK, elapsed))


@test
def test_new_version_xml_is_the_upload():
    r = get("/charter/gwangmyeong/autonomy.xml")
    check(r.body == read_bytes(fixture(V2)), ".xml is not the uploaded file")
    loc = _state["uploaded"].header("location", "")
    check(loc, "no Location")
    r = get(re.sub(r"^https?://[^/]+", "", loc))
    check(r.status == 200, "GET Location %s: %r" % (loc, r))


@test
def test_versions_grow_by_one_per_upload():
    check(version_count(*GM) == _state["versions"] + 1,
          "%d rows, expected %d" % (version_count(*GM), _state["versions"] + 1))
    vs = parse_xml(get("/charter/gwangmyeong/autonomy/versions.xml").body).findall("version")
    check(len(vs) == _state["versions"] + 1, "%d <version> elements" % len(vs))
    check(vs[0].get("no") == str(_state["versions"] + 1), "newest first: %r" % vs[0].attrib)
    r = get("/charter/gwangmyeong/autonomy/versions")
    check(r.status == 200 and r.text.count("gwangmyeong") >= 1, "%r" % r)


@test
def test_version_1_xml_still_identical_to_seed():
    r = get("/charter/gwangmyeong/autonomy.xml?version=1")
    check(r.status == 200, "%r" % r)
    check(r.body == seed_bytes(*GM), "version 1 is no longer the seed file")


@test
def test_etag_changes_after_upload():
    r = get("/charter/gwangmyeong/autonomy")
    check(_state.get("etag") and r.header("etag"), "missing ETag")
    check(r.header("etag") != _state["etag"], "ETag unchanged: %s" % r.header("etag"))
    r2 = get("/charter/gwangmyeong/autonomy", {"If-None-Match": _state["etag"]})
    check(r2.status == 200, "old ETag still answered with %d" % r2.status)


# ------------------------------------------------------------ rejected uploads

def bad_fixtures():
    d = src("tests", "fixtures", "charters")
    names = []
    for pat in ("bad-*.xml", "xxe-*.xml", "bomb.xml", "bad-utf8.bin"):
        names += sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, pat)))
    return names


def _reject_test(name):
    def fn():
        # Upload where the document says it belongs, so that it fails for its own reason;
        # charter_state also counts every version row, so nothing may be stored anywhere.
        target = root_target(fixture(name)) or GM
        before = charter_state(*target)
        r = put_charter(*target, read_bytes(fixture(name)), token=token("admin"))
        check(400 <= r.status < 500, "%s: %r" % (name, r))
        check(b"root:x:0:0" not in r.body, "%s: response leaks /etc/passwd" % name)
        if name.startswith("bad-") and name.endswith(".xml"):
            check(r.status in (400, 422), "%s: %d, expected 422 (or 400)" % (name, r.status))
        if r.status == 422:
            root = parse_xml(r.body)
            check(root.tag == "errors", "%s: 422 body root %r" % (name, root.tag))
            errs = root.findall(".//error")
            check(errs, "%s: 422 without <error>" % name)
            if name.startswith("bad-") and name != "bad-utf8.bin":
                check(all(re.fullmatch(r"\d+", e.get("line", "")) for e in errs),
                      "%s: <error> without line=: %s" % (name, r.text[:500]))
        check_unchanged(before, *target, name)
        page = get("/charter/%s/%s" % target)
        check(page.status == before["page"][0], "%s: page now %r" % (name, page))
    return fn


for _name in bad_fixtures():
    add_test("test_rejects_" + re.sub(r"\W", "_", _name), _reject_test(_name))


@test
def test_there_are_bad_fixtures():
    names = bad_fixtures()
    for must in ("bomb.xml", "bad-utf8.bin"):
        check(must in names, "fixture %s missing" % must)
    check(any(n.startswith("xxe-") for n in names), "no xxe-*.xml fixture")
    check(sum(n.startswith("bad-") for n in names) >= 2, "fewer than 2 bad-*.xml fixtures")


@test
def test_schema_errors_as_json_when_asked():
    names = [n for n in bad_fixtures() if n.startswith("bad-") and n.endswith(".xml")]
    check(names, "no bad-*.xml fixture")
    for name in names:
        target = root_target(fixture(name)) or GM
        r = put_charter(*target, read_bytes(fixture(name)), token=token("admin"),
                        headers={"Accept": "application/json"})
        if r.status != 422:
            continue
        check(r.header("content-type", "").startswith("application/json"),
              "content-type %r" % r.header("content-type"))
        try:
            json.loads(r.body)
        except ValueError as e:
            raise Failure("%s: not JSON (%s): %r" % (name, e, r.body[:300]))
        return
    raise Failure("no bad-*.xml fixture answered 422")


@test
def test_every_schema_error_reported():
    # A document with several errors gets all of them, not just the first.
    best = 0
    for name in bad_fixtures():
        if name.startswith("bad-") and name.endswith(".xml"):
            r = put_charter(*(root_target(fixture(name)) or GM), read_bytes(fixture(name)),
                            token=token("admin"))
            if r.status == 422:
                best = max(best, len(parse_xml(r.body).findall(".//error")))
    check(best >= 2, "no bad fixture produced more than %d <error>" % best)


@test
def test_inheritance_cycle_is_422():
    for names in (("cyc-a.xml", "cycle-a.xml"), ("cyc-b.xml", "cycle-b.xml")):
        path = fixture(*names)
        target = root_target(path)
        check(target, "%s: no city/dept on the root element" % path)
        r = put_charter(*target, read_bytes(path), token=token("admin"))
        check(r.status == 201, "%s: %r" % (os.path.basename(path), r))
        # Every worker must serve it within 1 s (each may hold a cached index briefly).
        seen, elapsed = poll(lambda: all(fcgi("GET", "/charter/%s/%s" % target).status == 200
                                         for _ in range(6)), 1.0)
        check(seen, "%s/%s not served by every worker %.2f s after its upload" % (
            target + (elapsed,)))
    # Workers may refresh their view of the other charters up to 1 s later (the page's ETag
    # reflects it); let that settle before taking the state that must not change.
    time.sleep(1.1)
    target = root_target(fixture("cyc-a-v2.xml"))
    before = charter_state(*target)
    r = put_charter(*target, read_bytes(fixture("cyc-a-v2.xml")), token=token("admin"))
    check(r.status == 422, "cyc-a-v2.xml: %r" % r)
    check_unchanged(before, *target, "cyc-a-v2.xml")


# ------------------------------------------------------------ inheritance

def promises(path):
    """[(ids, text)] for each <promise> with a <text>: ids = its own id and its descendants'."""
    def local(el):
        return el.tag.rsplit("}", 1)[-1]
    out = []
    for el in ET.parse(path).getroot().iter():
        if local(el) == "promise":
            t = next((c for c in el if local(c) == "text"), None)
            if t is not None:
                ids = {e.get("id") for e in el.iter() if e.get("id")}
                out.append((ids, norm("".join(t.itertext()))))
    return out


@test
def test_admin_uploads_department_with_inherited_promises():
    path = fixture("pocheon-roads.xml")
    target = root_target(path)
    check(target and target[0] == "pocheon", "pocheon-roads.xml root names %r" % (target,))
    r = put_charter(*target, read_bytes(path), token=token("admin"))
    check(r.status == 201, "%r" % r)
    page, _ = poll(lambda: (lambda p: p if p.status == 200 else None)(
        get("/charter/%s/%s" % target)), 1.0)
    check(page, "page of %s/%s not served" % target)
    text = page_text(page)
    check("상속" in text, "no promise marked 상속 (inherited)")
    common = promises(src("conf", "charters", "pocheon", "common.xml"))
    own = promises(path)
    own_ids = set().union(*(ids for ids, _ in own))
    # A department overrides a common promise by reusing one of its ids (e.g. a measure's).
    inherited = [t for ids, t in common if not ids & own_ids]
    overriding = [t for ids, t in own if ids & set().union(*(i for i, _ in common))]
    check(inherited, "no inheritable promise found in pocheon/common.xml")
    missing = [t for t in inherited if t not in text]
    check(not missing, "%d of %d inherited promises missing, e.g. %r" % (
        len(missing), len(inherited), missing[:1]))
    check(overriding, "pocheon-roads.xml overrides nothing of pocheon/common")
    for t in [t for _, t in own]:
        check(t in text, "the department's own promise is not shown: %r" % t)
