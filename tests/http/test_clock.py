"""The suite at any date (issue 14): intake (board and feed), events, the sweep, the status
page and open data, with every expectation derived from the instant the stack's test clock
is fixed at (harness.NOW, CHARTER_TEST_NOW) and the shipped holiday data.

check.sh runs this module in the main suite and again on fresh stacks whose clocks stand at
the year's last minute, in the Seollal week and at the end of a half-year (tests/http/clock.sh),
so a deadline, receipt year, month or window that came from the machine's clock instead of
the program's would show here.
"""
import hashlib
import json
import os
import re
import subprocess
import urllib.parse
import uuid
from datetime import date, datetime, timedelta

from harness import (ENV, NOW, KST, check, ctl, feed_item, get, http, iso_kst, kst, page_text,
                     push_feed, q, sql, sql_value, src, test, token)

SPANS = ((9 * 3600, 12 * 3600), (13 * 3600, 18 * 3600))     # the shipped working hours
CODE = "WXYZ-2345-6789-ABCD"


# ------------------------------------------------- the oracle: deadlines.md by hand

def _holidays():
    days = set()
    with open(src("conf", "holidays.conf"), encoding="utf-8") as f:
        for line in f:
            if line[:1].isdigit():          # "YYYY-MM-DD NAME" (not "years", comments)
                days.add(date.fromisoformat(line.split()[0]))
    return days


HOLIDAYS = _holidays()


def working_day(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def due_days(received, n):
    """Rule 2: n days, the first working day on or after receipt counted as day 1; due at the
    end (24:00) of the nth, stored as 00:00 of the next day (epoch seconds)."""
    d, counted = kst(received).date(), 0
    while True:
        if working_day(d):
            counted += 1
            if counted == n:
                break
        d += timedelta(days=1)
    return int(datetime.combine(d + timedelta(days=1), datetime.min.time(), KST).timestamp())


def due_hours(received, hours):
    """Rule 1: working hours from the receipt instant (the next working instant)."""
    left, t = hours * 3600, int(received)
    while True:
        k = kst(t)
        midnight = int(datetime.combine(k.date(), datetime.min.time(), KST).timestamp())
        if working_day(k.date()):
            for a, b in SPANS:
                start = max(t, midnight + a)
                if start < midnight + b:
                    if start + left <= midnight + b:
                        return start + left
                    left -= midnight + b - start
                    t = midnight + b
        t = midnight + 86400


def kst_min(t):
    """An instant as the staff and status pages show it: "YYYY-MM-DD HH:MM" (24:00 at a day's end)."""
    k = kst(t)
    if k.hour == 0 and k.minute == 0:
        return (k - timedelta(days=1)).strftime("%Y-%m-%d") + " 24:00"
    return k.strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------- helpers

def _item(ext, kind, received, dept=("pocheon", "common")):
    return feed_item(ext, received, kind, dept[0], dept[1], name="시계시험 신청인", title="시계 시험")


def feed(*items):
    """Pushes the items as a feed of their own; their receipt numbers, in order."""
    source = push_feed(list(items), "clk")
    return [sql_value("SELECT receipt_no FROM petitions WHERE source=%s AND external_id=%s"
                      % (q(source), q(it.split("<receipt-no>")[1].split("<")[0]))) for it in items]


def ext():
    return "C-" + uuid.uuid4().hex[:12]


def statutory(receipt):
    """(status, due as epoch seconds or None) of the petition's statutory row."""
    rows = sql("SELECT m.status, IFNULL(TIMESTAMPDIFF(SECOND, '1970-01-01', m.due), '')"
               " FROM petition_measures m JOIN petitions p ON p.id = m.petition_id"
               " WHERE p.receipt_no = %s AND m.basis = 'statutory' AND m.to_event = 'answered'"
               % q(receipt))
    check(len(rows) == 1, "not one statutory result for %s: %r" % (receipt, rows))
    return rows[0][0], int(rows[0][1]) if rows[0][1] else None


def event(receipt, expect=201, **fields):
    r = http("POST", "/admin/petitions/%s/events" % receipt,
             body=urllib.parse.urlencode(fields).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded",
                      "Accept": "application/xml", "Authorization": "Bearer " + token("admin")})
    check(r.status == expect, "%s at %s: expected %d, got %r" % (fields.get("type"), fields.get("at"),
                                                                  expect, r))
    return r


def with_code(receipt):
    norm = CODE.replace("-", "")
    sql("UPDATE petitions SET access_code_hash = %s WHERE receipt_no = %s"
        % (q(hashlib.sha256(norm.encode()).hexdigest()), q(receipt)))


# ------------------------------------------------------------------------ tests

@test
def clock_intake_counts_from_now():
    inq, imm, cmp_ = feed(_item(ext(), "simple-inquiry", NOW), _item(ext(), "general", NOW),
                          _item(ext(), "complaint", NOW))
    year = kst(NOW).year
    for rc in (inq, imm, cmp_):
        check(rc.startswith("%d-pocheon-common-" % year), "receipt %s: not of %d (KST)" % (rc, year))
    for rc, due in ((inq, due_days(NOW, 7)), (cmp_, due_days(NOW, 7)), (imm, due_hours(NOW, 3))):
        st, got = statutory(rc)
        check(got == due and st == "pending", "%s: %s due %s, expected pending due %s"
              % (rc, st, got and kst(got), kst(due)))
    rows = sql("SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', received_at),"
               " TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) FROM petitions WHERE receipt_no = %s"
               % q(inq))
    check(rows == [[str(NOW), str(NOW)]], "received/created at %r, not now %d" % (rows, NOW))


@test
def clock_board_receipt_is_of_now():
    r = get("/board/new")
    m = re.search(r'name="csrf" value="([^"]+)"', r.text)
    check(r.status == 200 and m, "no board form: %r" % r)
    f = {"csrf": m.group(1), "name": "시계시험", "address": "포천시 시계로 2", "department": "pocheon/common",
         "kind": "complaint", "title": "시계 시험 %s" % uuid.uuid4().hex[:6], "body": "오늘 접수합니다."}
    r = http("POST", "/board", body=urllib.parse.urlencode(f).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 303, "board post: %r" % r)
    rc = r.header("location", "").rsplit("/", 1)[-1]
    check(rc.startswith("%d-pocheon-common-" % kst(NOW).year), "board receipt %s, now %s" % (rc, kst(NOW)))
    cookie = r.header("set-cookie", "").split(";")[0]
    page = get("/board/receipt/" + rc, headers={"Cookie": cookie})
    check(page.status == 200, "the receipt page refuses the ticket sealed now: %r" % page)
    st, due = statutory(rc)
    check(st == "pending" and due == due_days(NOW, 7), "board petition %s due %s" % (st, due and kst(due)))


@test
def clock_events_are_checked_against_now():
    (rc,) = feed(_item(ext(), "simple-inquiry", NOW - 3600))
    event(rc, expect=422, type="contacted", at=iso_kst(NOW + 3600))        # in the future
    event(rc, type="contacted", at=iso_kst(NOW))
    r = event(rc, type="answered", at=iso_kst(NOW))
    check(statutory(rc)[0] == "met", "answered now: statutory %r" % (statutory(rc),))
    check(sql_value("SELECT state FROM petitions WHERE receipt_no = %s" % q(rc)) == "answered",
          "not answered")
    rows = sql("SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', recorded_at) FROM petition_events e"
               " JOIN petitions p ON p.id = e.petition_id WHERE p.receipt_no = %s" % q(rc))
    check(rows and all(int(x[0]) == NOW for x in rows), "events recorded at %r, not now" % rows)


@test
def clock_sweep_breaches_what_now_has_passed():
    old = NOW - 40 * 86400
    late, fresh = feed(_item(ext(), "simple-inquiry", old), _item(ext(), "simple-inquiry", NOW))
    check(statutory(late)[1] == due_days(old, 7), "at intake: %r" % (statutory(late),))
    out = ctl("sweep").stdout.decode() + ctl("sweep").stderr.decode()   # no --now: the clock
    check(statutory(late)[0] == "breached", "the sweep (now %s) left it %r: %s"
          % (kst(NOW), statutory(late), out[-400:]))
    check(statutory(fresh) == ("pending", due_days(NOW, 7)), "the sweep touched a fresh one: %r"
          % (statutory(fresh),))
    booked = sql_value("SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', m.breach_booked_at) FROM"
                       " petition_measures m JOIN petitions p ON p.id = m.petition_id WHERE"
                       " p.receipt_no = %s AND m.basis = 'statutory' AND m.to_event = 'answered'"
                       % q(late))
    check(booked and int(booked) == NOW, "booked at %s, not now" % booked)


@test
def clock_status_page_shows_dues_from_now():
    (rc,) = feed(_item(ext(), "complaint", NOW))
    with_code(rc)
    r = get("/petitions/%s?code=%s" % (rc, CODE))
    check(r.status == 200, "status page: %r" % r)
    t = page_text(r)
    for what, at in (("due", kst_min(due_days(NOW, 7))), ("receipt", kst(NOW).strftime("%Y-%m-%d %H:%M"))):
        check(at in t, "the status page lacks the %s %s: %s" % (what, at, t[:1500]))


@test
def clock_open_data_defaults_to_this_month():
    dept = ("gwangmyeong", "autonomy")
    (rc,) = feed(_item(ext(), "simple-inquiry", NOW, dept=dept))
    ctl("stats", "refresh")
    month = kst(NOW).strftime("%Y-%m")
    r = get("/opendata/?dept=gwangmyeong/autonomy")
    check(r.status == 200, "/opendata/: %r" % r)
    check(month in r.text, "the open-data page does not default to %s" % month)
    n = sql_value("SELECT COALESCE(SUM(pending), 0) FROM stats_compliance WHERE city = 'gwangmyeong'"
                  " AND dept = 'autonomy' AND month = %s AND standard_id = 'statutory'"
                  % q(month + "-01"))
    check(n and int(n) >= 1, "this month's statistics do not count it: %r" % n)
    # Open311: with no dates, the 90 days up to now
    j = json.loads(get("/open311/v2/requests.json?jurisdiction_id=gwangmyeong").body)
    ids = [x["service_request_id"] for x in j]
    check(rc in ids, "Open311's default window (90 days to %s) lacks %s" % (kst(NOW), rc))
    check(all(x["requested_datetime"] >= iso_kst(NOW - 90 * 86400) for x in j),
          "Open311 lists requests older than 90 days")


@test
def clock_environment_refused_without_test_clock():
    conf = os.path.join(ENV["CHARTER_ENV_DIR"], "no-test-clock.conf")
    with open(ENV["CHARTER_CONF"], encoding="utf-8") as f:
        text = re.sub(r"^test_clock = .*$", "test_clock = no", f.read(), flags=re.M)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(text)
    env = dict(os.environ, CHARTER_TEST_NOW=iso_kst(NOW))
    for prog, args in (("charterctl", ["-c", conf, "sweep"]),
                       ("charter.fcgi", ["-c", conf, "--listen", "unix:" + conf + ".sock"])):
        p = subprocess.run([os.path.join(ENV["CHARTER_BIN_DIR"], prog), *args], env=env,
                           capture_output=True, timeout=30)
        err = p.stderr.decode(errors="replace")
        check(p.returncode == 1 and "CHARTER_TEST_NOW" in err and "test_clock = yes" in err,
              "%s with CHARTER_TEST_NOW and test_clock = no: exit %d, %r" % (prog, p.returncode, err))
    env["CHARTER_TEST_NOW"] = "tomorrow"
    p = subprocess.run([os.path.join(ENV["CHARTER_BIN_DIR"], "charterctl"), "-c", ENV["CHARTER_CONF"],
                        "sweep"], env=env, capture_output=True, timeout=30)
    check(p.returncode == 1 and b"ISO 8601" in p.stderr, "a bad CHARTER_TEST_NOW: %r" % (p.stderr,))
    os.unlink(conf)
