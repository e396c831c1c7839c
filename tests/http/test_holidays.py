"""Holiday data that does not run out silently (issue 14, item 5): `charterctl holidays
import` against a local server answering as 한국천문연구원 특일 정보 (getRestDeInfo) does —
a normal month, a month with a temporary holiday, a whole year in two pages, the error
answers (resultCode 30, the gateway's SERVICE_KEY_IS_NOT_REGISTERED_ERROR), a malformed
document, HTTP 500 — into a copy of the stack's holiday file (the shared one is never
written); a sweep after a temporary holiday is imported moves the deadline it affects;
the sweep warns near the end of the data (in a database of its own, so that its far
--now books nothing in the stack's); and a deadline counted past the data is flagged
"holiday data missing for YYYY" on the staff page and in the worklist."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import uuid
from datetime import datetime

from harness import (ENV, KST, NOW, StandIn, check, feed_item, fixture, http, iso_utc, push_feed,
                     put_charter, serve, sql, test, token)

KEY = "test+Key/with=signs"          # a "Decoding" service key: the client encodes it
MOVED = re.compile(r"deadlines moved: (\d+)")


# ------------------------------------------------------------------ the API's answers

def answer(items, rows=100, page=1, total=None):
    """A getRestDeInfo answer: items are (YYYYMMDD, name, 'Y'|'N')."""
    total = len(items) if total is None else total
    body = "".join("\n      <item>\n        <dateKind>01</dateKind>\n        <dateName>%s"
                   "</dateName>\n        <isHoliday>%s</isHoliday>\n        <locdate>%s"
                   "</locdate>\n        <seq>1</seq>\n      </item>" % (n, yn, d)
                   for d, n, yn in items)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<response>\n  <header>\n'
            '    <resultCode>00</resultCode>\n    <resultMsg>NORMAL SERVICE.</resultMsg>\n'
            '  </header>\n  <body>\n    <items>%s\n    </items>\n    <numOfRows>%d</numOfRows>\n'
            '    <pageNo>%d</pageNo>\n    <totalCount>%d</totalCount>\n  </body>\n</response>\n'
            % (body, rows, page, total)).encode()


REFUSED_30 = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><header>'
              b'<resultCode>30</resultCode><resultMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR'
              b'</resultMsg></header></response>')
GATEWAY_30 = (b'<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>'
              b'<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg>'
              b'<returnReasonCode>30</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>')
OCTOBER = [("20261003", "개천절", "Y"), ("20261005", "대체공휴일", "Y"), ("20261009", "한글날", "Y")]
YEAR_2029 = [("20290101", "1월1일", "Y"), ("20290212", "설날", "Y"), ("20290213", "설날", "Y"),
             ("20290214", "설날", "Y"), ("20290301", "삼일절", "Y"), ("20290501", "노동절", "Y"),
             ("20290505", "어린이날", "Y"), ("20290520", "부처님오신날", "Y"),
             ("20290606", "현충일", "Y"), ("20290717", "제헌절", "N"), ("20290815", "광복절", "Y"),
             ("20290921", "추석", "Y"), ("20290922", "추석", "Y"), ("20290923", "추석", "Y"),
             ("20291003", "개천절", "Y"), ("20291009", "한글날", "Y"), ("20291225", "기독탄신일", "Y")]


class KasiServer:
    """http.server on 127.0.0.1 (a free port) in a thread: answers[(solYear, solMonth)] is
    the list of (status, body) of each pageNo; every request's query is kept."""

    def __init__(self):
        self.answers, self.requests = {}, []
        srv = self

        class H(StandIn):
            def do_GET(self):
                q = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                srv.requests.append(q)
                key = (q.get("solYear", [""])[0], q.get("solMonth", [None])[0])
                pages = srv.answers.get(key, [])
                n = int(q.get("pageNo", ["1"])[0])
                status, body = pages[n - 1] if 0 < n <= len(pages) else (404, b"no such page")
                self.answer(status, body, "text/xml;charset=UTF-8")

        self.httpd = serve(H)
        self.url = "http://127.0.0.1:%d/B090041/openapi/service/SpcdeInfoService/getRestDeInfo" \
            % self.httpd.server_address[1]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------ a copy of the stack

def stack_holidays():
    conf = open(ENV["CHARTER_CONF"], encoding="utf-8").read()
    return re.search(r"^holidays = (.*)$", conf, re.M).group(1).strip()


class Copy:
    """A directory under the stack's with a copy of its holiday file, the API's key file and
    a configuration naming both (and, with db, a database of its own)."""

    def __init__(self, url="http://127.0.0.1:9/none", holidays=None, db=None):
        self.dir = tempfile.mkdtemp(prefix="hol-", dir=ENV["CHARTER_ENV_DIR"])
        self.holidays = os.path.join(self.dir, "holidays.conf")
        with open(self.holidays, "wb") as f:
            f.write(holidays if holidays is not None else open(stack_holidays(), "rb").read())
        key = os.path.join(self.dir, "api-key")
        with open(key, "w") as f:
            f.write(KEY + "\n")
        text = open(ENV["CHARTER_CONF"], encoding="utf-8").read()
        text = re.sub(r"^holidays = .*$", "holidays = " + self.holidays, text, flags=re.M)
        if db:
            text = re.sub(r"^db_name = .*$", "db_name = " + db, text, flags=re.M)
        text += "holidays_api_url = %s\nholidays_api_key_file = %s\n" % (url, key)
        self.conf = os.path.join(self.dir, "charter.conf")
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(text)

    def ctl(self, *args, timeout=300):
        p = subprocess.run([os.path.join(ENV["CHARTER_BIN_DIR"], "charterctl"), "-c", self.conf,
                            *args], capture_output=True, timeout=timeout)
        err = p.stderr.decode(errors="replace")
        check(not re.search(r"runtime error:|AddressSanitizer|LeakSanitizer", err),
              "charterctl %s: a sanitizer report: %s" % (" ".join(args), err[-1500:]))
        return p.returncode, p.stdout.decode(errors="replace"), err

    def state(self):
        st = os.stat(self.holidays)
        return open(self.holidays, "rb").read(), st.st_mtime_ns, st.st_ino

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def no_key_shown(*outs):
    for o in outs:
        check(KEY not in o and urllib.parse.quote(KEY, safe="") not in o,
              "the service key is shown: %r" % o[-300:])


# ------------------------------------------------------------------ import

@test
def holidays_import_a_normal_month_adds_nothing_listed():
    api, cp = KasiServer(), None
    try:
        cp = Copy(api.url)
        api.answers[("2026", "10")] = [(200, answer(OCTOBER))]
        before = cp.state()
        rc, out, err = cp.ctl("holidays", "import", "--year", "2026", "--month", "10")
        check(rc == 0, "exit %d: %s%s" % (rc, out, err))
        check("nothing new; the file is unchanged" in out and out.count("listed") == 3,
              "report: %r" % out)
        check(cp.state() == before, "the file changed")
        check(len(api.requests) == 1, "%d requests" % len(api.requests))
        q = api.requests[0]
        check(q.get("serviceKey") == [KEY], "serviceKey %r" % q.get("serviceKey"))
        check(q.get("solYear") == ["2026"] and q.get("solMonth") == ["10"] and
              q.get("numOfRows") == ["100"] and q.get("pageNo") == ["1"], "query %r" % q)
        no_key_shown(out, err)
    finally:
        api.close()
        if cp:
            cp.close()


@test
def holidays_import_a_temporary_holiday_adds_one_line_in_place():
    api, cp = KasiServer(), None
    try:
        cp = Copy(api.url)
        api.answers[("2026", "10")] = [(200, answer([("20261002", "임시공휴일", "Y")] + OCTOBER))]
        old = open(cp.holidays, encoding="utf-8").read().splitlines(keepends=True)
        os.chmod(cp.holidays, 0o640)
        mode = os.stat(cp.holidays).st_mode
        rc, out, err = cp.ctl("holidays", "import", api.url, "--year", "2026", "--month", "10")
        check(rc == 0, "exit %d: %s%s" % (rc, out, err))
        new = open(cp.holidays, encoding="utf-8").read().splitlines(keepends=True)
        check(len(new) == len(old) + 1, "%d lines, were %d" % (len(new), len(old)))
        i = new.index("2026-10-02 임시공휴일\n")
        check(new[:i] + new[i + 1:] == old, "other lines changed")
        check(new[i - 1] == "2026-09-26 추석\n" and new[i + 1] == "2026-10-03 개천절\n",
              "not in date order: %r" % new[i - 1:i + 2])
        check("added  2026-10-02 임시공휴일" in out and "1 line added" in out, "report %r" % out)
        check(os.stat(cp.holidays).st_mode == mode, "the file's mode changed")
        rc, out, err = cp.ctl("holidays", "import", api.url, "--year", "2026", "--month", "10")
        check(rc == 0 and "nothing new" in out, "a second import: %s%s" % (out, err))
        no_key_shown(out, err)
    finally:
        api.close()
        if cp:
            cp.close()


def _refused(cp, api, answers, want, what, args=("--year", "2026", "--month", "11")):
    api.answers[("2026", "11")] = answers
    before = cp.state()
    rc, out, err = cp.ctl("holidays", "import", api.url, *args)
    check(rc == 1, "%s: exit %d: %s%s" % (what, rc, out, err))
    check(want in err, "%s: %r does not say %r" % (what, err, want))
    check("is unchanged" in err, "%s: does not say the file is unchanged: %r" % (what, err))
    check(cp.state() == before, "%s: the file changed" % what)
    no_key_shown(out, err)


@test
def holidays_import_errors_leave_the_file_unchanged():
    api, cp = KasiServer(), None
    try:
        cp = Copy(api.url)
        _refused(cp, api, [(200, REFUSED_30)], "resultCode 30: SERVICE_KEY_IS_NOT_REGISTERED_ERROR",
                 "resultCode 30")
        _refused(cp, api, [(200, GATEWAY_30)], "SERVICE ERROR: SERVICE_KEY_IS_NOT_REGISTERED_ERROR"
                 " (returnReasonCode 30)", "the gateway's refusal")
        _refused(cp, api, [(401, GATEWAY_30)], "SERVICE_KEY_IS_NOT_REGISTERED_ERROR",
                 "the gateway's refusal with HTTP 401")
        _refused(cp, api, [(200, answer([("20261127", "임시공휴일", "Y")])[:-60])],
                 "not a well-formed answer", "a malformed document")
        _refused(cp, api, [(200, answer([("20261127", "임시공휴일", "Y")], total=2))],
                 "a truncated answer", "fewer items than totalCount says")
        _refused(cp, api, [(200, answer([("20261227", "임시공휴일", "Y")]))],
                 "outside the 2026-11 asked for", "a date outside the month asked for")
        one = answer([("20261127", "임시공휴일", "Y")], rows=1, page=1, total=2)
        _refused(cp, api, [(200, one), (200, one)], "the answer is page 1, not the page asked for",
                 "page 1 again when page 2 is asked for")
        _refused(cp, api, [(500, b"<html><body>Internal Server Error</body></html>")],
                 "HTTP status 500", "HTTP 500")
        _refused(cp, api, [(200, b"")], "the document is empty", "an empty answer")
        api.answers[("2030", None)] = [(200, answer([]))]
        _refused(cp, api, [], "no holiday in 2030", "a year with no holiday",
                 args=("--year", "2030"))
        bad = os.path.join(cp.dir, "answer.xml")
        with open(bad, "wb") as f:
            f.write(b"<response><header><resultCode>00</resultCode></header><body>")
        before = cp.state()
        rc, out, err = cp.ctl("holidays", "import", bad)
        check(rc == 1 and "not a well-formed answer" in err and cp.state() == before,
              "a malformed file: %d %s" % (rc, err))
        rc, out, err = cp.ctl("holidays", "import", api.url)
        check(rc == 2 and "usage" in err, "a URL without --year: %d %s" % (rc, err))
    finally:
        api.close()
        if cp:
            cp.close()


@test
def holidays_import_a_saved_answer_from_a_file():
    cp = Copy()
    try:
        path = os.path.join(cp.dir, "2026-10.xml")
        with open(path, "wb") as f:
            f.write(answer([("20261002", "임시공휴일", "Y")] + OCTOBER))
        rc, out, err = cp.ctl("holidays", "import", path)
        check(rc == 0 and "1 line added" in out, "exit %d: %s%s" % (rc, out, err))
        check("\n2026-10-02 임시공휴일\n" in open(cp.holidays, encoding="utf-8").read(),
              "the line is not there")
        with open(path, "wb") as f:
            f.write(answer(OCTOBER[:2], rows=2, total=3))
        before = cp.state()
        rc, out, err = cp.ctl("holidays", "import", path)
        check(rc == 1 and "one page of several" in err and cp.state() == before,
              "page 1 of 2 from a file: %d %s" % (rc, err))
    finally:
        cp.close()


# ------------------------------------------------------------------ the sweep

def _item(ext, days, received, dept="common"):
    return feed_item(ext, received, dept=dept, period=(days, "days"), name="공휴일 시민",
                     title="공휴일 시험")


def _statutory(source, ext):
    rows = sql("SELECT p.receipt_no, UNIX_TIMESTAMP(m.due), m.status FROM petitions p JOIN"
               " petition_measures m ON m.petition_id = p.id WHERE p.source = '%s' AND"
               " p.external_id = '%s' AND m.basis = 'statutory'" % (source, ext))
    check(rows, "no statutory result for %s" % ext)
    return rows[0][0], int(float(rows[0][1])), rows[0][2]


def _sweep_stack():
    """A sweep with the stack's own calendar (after one with a copy's)."""
    return subprocess.run([os.path.join(ENV["CHARTER_BIN_DIR"], "charterctl"), "-c",
                           ENV["CHARTER_CONF"], "sweep", "--now", iso_utc(NOW)],
                          capture_output=True, timeout=300)


@test
def holidays_sweep_after_importing_a_temporary_holiday_moves_the_deadline():
    s = push_feed([_item("HOLI-7D", 7, NOW - 3600)], "hol")
    receipt, due, status = _statutory(s, "HOLI-7D")
    check(status == "pending", "not pending: %s" % status)
    last = datetime.fromtimestamp(due - 1, KST).date()    # its last counted day
    api, cp = KasiServer(), Copy()
    try:
        api.answers[(str(last.year), "%02d" % last.month)] = [
            (200, answer([(last.strftime("%Y%m%d"), "임시공휴일", "Y")]))]
        rc, out, err = cp.ctl("holidays", "import", api.url, "--year", str(last.year),
                              "--month", str(last.month))
        check(rc == 0 and "1 line added" in out, "import: %d %s%s" % (rc, out, err))
        rc, out, err = cp.ctl("sweep", "--now", iso_utc(NOW))
        check(rc == 0, "sweep: %d %s" % (rc, err[-500:]))
        moved = int(MOVED.search(out).group(1))
        new_due = _statutory(s, "HOLI-7D")[1]
        new_last = datetime.fromtimestamp(new_due - 1, KST).date()
        check(new_due > due and (new_last - last).days in (1, 3),
              "due %s -> %s: not the next working day" % (last, new_last))
        check(moved >= 1, "the sweep reports %d moved" % moved)
    finally:
        api.close()
        cp.close()
        back = _sweep_stack()   # the stack's calendar again: the deadline moves back
    check(back.returncode == 0 and _statutory(s, "HOLI-7D")[1] == due,
          "the stack's calendar did not move it back")


WARN = "holiday data missing for"


@test
def holidays_sweep_warns_while_less_than_12_months_are_covered():
    db = "charter_hol_" + uuid.uuid4().hex[:8]
    api, cp = KasiServer(), None
    sql("CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" % db)
    try:
        cp = Copy(api.url, db=db)
        rc, out, err = cp.ctl("migrate")
        check(rc == 0, "migrate: %s" % err[-300:])
        cases = [("2028-02-01T10:00:00+09:00", "2029"), ("2026-11-20T12:00:00+09:00", None),
                 ("2028-01-01T00:00:00+09:00", None), ("2027-12-31T23:59:00+09:00", None),
                 ("2028-01-01T00:00:01+09:00", "2029")]
        for now, year in cases:
            rc, out, err = cp.ctl("sweep", "--now", now)
            check(rc == 0, "sweep --now %s exited %d: %s" % (now, rc, err[-300:]))
            if year:
                check(err.count(WARN + " " + year) == 2 and "charterctl: sweep: warning:" in err
                      and " warn: sweep: " in err, "--now %s: no warning on stderr and in the"
                      " log: %r" % (now, err))
            else:
                check(WARN not in err, "--now %s warns: %r" % (now, err))
        # a whole year imported (two pages of ten): it counts, and the warning goes
        items = YEAR_2029
        api.answers[("2029", None)] = [(200, answer(items[:10], rows=10, page=1, total=len(items))),
                                        (200, answer(items[10:], rows=10, page=2, total=len(items)))]
        rc, out, err = cp.ctl("holidays", "import", "--year", "2029")
        check(rc == 0, "import --year 2029: %d %s%s" % (rc, out, err))
        check([q.get("pageNo") for q in api.requests] == [["1"], ["2"]] and
              all("solMonth" not in q for q in api.requests), "requests %r" % api.requests)
        text = open(cp.holidays, encoding="utf-8").read()
        check("\nyears 2025-2029\n" in text and "years widened to 2025-2029" in out,
              "years not widened: %s" % out)
        check("\n# 2029 (imported from 한국천문연구원 특일 정보)\n2029-01-01 1월1일\n" in text and
              "2029-07-17" not in text and "\n2029-03-01 삼일절\n" in text,
              "the 2029 section: %r" % text[-700:])
        check("16 lines added" in out, "report %r" % out)
        rc, out, err = cp.ctl("sweep", "--now", "2028-02-01T10:00:00+09:00")
        check(rc == 0 and WARN not in err, "still warns with 2029 imported: %r" % err)
        rc, out, err = cp.ctl("sweep", "--now", "2029-02-01T10:00:00+09:00")
        check(rc == 0 and WARN + " 2030" in err, "no warning for 2030: %r" % err)
    finally:
        api.close()
        if cp:
            cp.close()
        sql("DROP DATABASE IF EXISTS %s" % db)


# ------------------------------------------------------------------ the flag

def _admin(path, accept):
    return http("GET", path, headers={"Authorization": "Bearer " + token("admin"),
                                      "Accept": accept})


DEPT = "holtest"     # a department of this module's own: its worklist is short


def _own_department():
    """pocheon/holtest, a department charter like pocheon/roads (tests/fixtures)."""
    body = open(fixture("pocheon-roads.xml"), encoding="utf-8").read()
    body = body.replace('dept="roads" dept-name="도로과"', 'dept="%s" dept-name="공휴일시험과"' % DEPT)
    r = put_charter("pocheon", DEPT, body.encode(), token("admin"))
    check(r.status in (200, 201), "the charter of pocheon/%s: %r" % (DEPT, r))


@test
def holidays_flag_a_deadline_counted_past_the_data():
    _own_department()
    s = push_feed([_item("HOLF-%d" % i, 900, NOW - 3600, DEPT) for i in range(3)] +
                  [_item("HOLF-IN", 7, NOW - 3600, DEPT)], "holf")
    receipt, due, status = _statutory(s, "HOLF-2")
    year = datetime.fromtimestamp(due, KST).year
    check(year >= 2030 and status == "pending", "due in %d, %s" % (year, status))
    r = _admin("/admin/petitions/" + receipt, "text/html")
    check(r.status == 200 and r.text.count("holiday data missing for 2029") >= 2,
          "the staff page (petition and its statutory result): %r" % r)
    r = _admin("/admin/petitions/" + receipt, "application/xml")
    check(re.search(r'<petition-admin [^>]*holiday-data-missing="2029"', r.text) and
          re.search(r'<measure [^>]*basis="statutory"[^>]*holiday-data-missing="2029"', r.text),
          "the staff page's XML: %r" % r.text[:600])
    inside = _statutory(s, "HOLF-IN")[0]
    r = _admin("/admin/petitions/" + inside, "application/xml")
    check(r.status == 200 and "holiday-data-missing" not in r.text, "a covered one flagged")
    path = "/admin/petitions%s?dept=pocheon/" + DEPT + "&per_page=200"
    r = _admin(path % ".json", "application/json")
    check(r.status == 200, "worklist JSON: %r" % r)
    rows = {p["receipt"]: p for p in json.loads(r.body)["worklist"]["petitions"]}
    check(receipt in rows and inside in rows, "not in the worklist: %r" % list(rows)[:5])
    check(rows[receipt].get("holiday-data-missing") == 2029, "JSON: %r" % rows[receipt])
    check("holiday-data-missing" not in rows[inside], "a covered one flagged: %r" % rows[inside])
    page = _admin(path % "", "text/html")
    check(page.status == 200 and "holiday data missing for 2029" in page.text, "worklist HTML")
    xml = _admin(path % ".xml", "application/xml")
    check(re.search(r'receipt="%s"[^>]*holiday-data-missing="2029"' % receipt, xml.text),
          "worklist XML")
    # logged once by the worker that counted it, not once per petition or per page
    log = open(ENV["CHARTER_FCGI_LOG"], encoding="utf-8", errors="replace").read()
    pids = re.findall(r"charter\.fcgi\[(\d+)\] warn: holiday data missing for 2029", log)
    check(pids, "not logged")
    check(len(pids) == len(set(pids)), "logged more than once by one worker: %r" % pids)
