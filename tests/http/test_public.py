"""Public pages: index, charter pages, stored XML, versions, errors, seed fidelity."""
import glob
import os
import re
import subprocess
import sys
import tempfile

from harness import (test, add_test, check, get, http, src, read_bytes, parse_xml, page_text,
                     version_count, ENV)

SEEDS = {  # seed text file prefix -> charter
    "000": ("pocheon", "common", "공통서비스이행기준"),
    "002": ("gwangmyeong", "autonomy", "총무 서비스 헌장"),
}


def seed_charter_file(city, dept):
    return src("conf", "charters", city, dept + ".xml")


def is_html(resp):
    return resp.header("content-type", "").startswith("text/html")


@test
def test_index_lists_both_seed_charters():
    r = get("/charter/")
    check(r.status == 200, "GET /charter/: %r" % r)
    check(is_html(r), "content-type %r" % r.header("content-type"))
    text = page_text(r)
    for city, dept, title in SEEDS.values():
        check(title in text, "index lacks %r" % title)
        check("/charter/%s/%s" % (city, dept) in r.text, "index lacks a link to %s/%s" % (city, dept))


@test
def test_charter_page_is_korean_html_with_validators():
    for city, dept, title in SEEDS.values():
        r = get("/charter/%s/%s" % (city, dept))
        check(r.status == 200, "%s/%s: %r" % (city, dept, r))
        check(is_html(r), "content-type %r" % r.header("content-type"))
        check(re.search(r'<html[^>]*\blang="ko"', r.text), "no <html lang=\"ko\">")
        check(title in page_text(r), "page lacks its title %r" % title)
        check(r.header("etag"), "no ETag")
        check(r.header("last-modified"), "no Last-Modified")


@test
def test_if_none_match_gives_304():
    r = get("/charter/pocheon/common")
    etag = r.header("etag")
    check(etag, "no ETag")
    r2 = get("/charter/pocheon/common", {"If-None-Match": etag})
    check(r2.status == 304, "If-None-Match %s: %r" % (etag, r2))
    check(r2.body == b"", "304 with a body")


@test
def test_unknown_charter_is_404():
    for path in ("/charter/pocheon/no-such-dept", "/charter/nowhere/common",
                 "/charter/pocheon/no-such-dept.xml", "/charter/pocheon/no-such-dept/versions"):
        r = get(path)
        check(r.status == 404, "%s: %r" % (path, r))


@test
def test_unknown_path_is_404():
    for path in ("/no/such/path", "/charterx", "/admin/nothing-here"):
        r = get(path)
        check(r.status == 404, "%s: %r" % (path, r))


@test
def test_wrong_method_is_405_with_allow():
    r = http("DELETE", "/charter/")
    check(r.status == 405, "DELETE /charter/: %r" % r)
    allow = r.header("allow", "")
    check("GET" in allow, "Allow header %r" % allow)


@test
def test_xml_is_the_uploaded_file_byte_for_byte():
    for city, dept, _ in SEEDS.values():
        r = get("/charter/%s/%s.xml" % (city, dept))
        check(r.status == 200, "%s/%s.xml: %r" % (city, dept, r))
        check(r.header("content-type", "").startswith("application/xml"),
              "content-type %r" % r.header("content-type"))
        check(r.body == read_bytes(seed_charter_file(city, dept)),
              "%s/%s.xml differs from the seed file" % (city, dept))


@test
def test_version_param_serves_version_1():
    r = get("/charter/pocheon/common.xml?version=1")
    check(r.status == 200, "?version=1: %r" % r)
    check(r.body == read_bytes(seed_charter_file("pocheon", "common")), "?version=1 differs")
    r = get("/charter/pocheon/common.xml?version=999")
    check(r.status == 404, "?version=999: %r" % r)


@test
def test_versions_page_is_html():
    r = get("/charter/pocheon/common/versions")
    check(r.status == 200, "%r" % r)
    check(is_html(r), "content-type %r" % r.header("content-type"))
    check("seed" in page_text(r), "versions page does not name the uploader 'seed'")


@test
def test_versions_xml_lists_versions():
    r = get("/charter/pocheon/common/versions.xml")
    check(r.status == 200, "%r" % r)
    root = parse_xml(r.body)
    check(root.tag == "versions", "root element %r" % root.tag)
    vs = root.findall("version")
    check(len(vs) == version_count("pocheon", "common"),
          "%d <version> elements, %d rows" % (len(vs), version_count("pocheon", "common")))
    for v in vs:
        for a in ("no", "uploader", "uploaded", "sha256"):
            check(v.get(a), "<version> without %s: %r" % (a, v.attrib))
        check(re.fullmatch(r"[0-9a-f]{64}", v.get("sha256")), "sha256 %r" % v.get("sha256"))
    nos = [int(v.get("no")) for v in vs]
    check(nos == sorted(nos, reverse=True), "not newest first: %r" % nos)


def _seed_text_test(prefix, city, dept):
    def fn():
        script = src("tests", "seed_text.py")
        check(os.path.exists(script), "missing tests/seed_text.py")
        seed_dir = os.environ.get("CHARTER_SEEDS_DIR") or os.path.join(
            ENV["CHARTER_SRC"], "..", "shared", "seeds")
        seeds = glob.glob(os.path.join(seed_dir, prefix + "_*.txt"))
        check(seeds, "seed %s_*.txt not found beside the repository" % prefix)
        r = get("/charter/%s/%s" % (city, dept))
        check(r.status == 200, "%r" % r)
        with tempfile.NamedTemporaryFile(suffix=".html") as f:
            f.write(r.body)
            f.flush()
            p = subprocess.run([sys.executable, script, seeds[0], f.name],
                               capture_output=True, timeout=120)
        check(p.returncode == 0, "seed_text.py %s: exit %d\n%s" % (
            os.path.basename(seeds[0]), p.returncode,
            (p.stdout + p.stderr).decode(errors="replace")[-1500:]))
    return fn


for _prefix, (_city, _dept, _) in SEEDS.items():
    add_test("test_seed_text_%s_%s" % (_city, _dept), _seed_text_test(_prefix, _city, _dept))
