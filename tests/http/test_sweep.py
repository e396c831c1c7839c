"""`charterctl sweep` (issue 4, points 4-6): breaches and compensation booked once, also by
two sweeps at once; the Pocheon exclusions; --due-within; a holiday added to the calendar
moves the deadlines not yet passed; periodic duties (board checked twice a day, the
improvement plan within three months of a survey); stale access failures deleted.

Petitions come in through the feed endpoint, received an hour before the real clock, so
that intake (which evaluates at the real clock) leaves them pending; the sweeps then judge
at a chosen --now. Tests run in file order: each --now is later than the one before."""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

from harness import NOW, ENV, Failure, check, ctl, http, q, sql, sql_value, push_feed, test, token

KST = timezone(timedelta(hours=9))
SUMMARY = re.compile(r"breaches booked: (\d+), compensation booked: (\d+), "
                     r"duty breaches: (\d+), deadlines moved: (\d+)")


def iso(t):
    """epoch seconds -> ISO 8601 with an offset, as --now takes it"""
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def kst(t):
    return datetime.fromtimestamp(t, KST)


def summary(out):
    m = SUMMARY.search(out)
    check(m, "no summary in %r" % out)
    return dict(zip(("breaches", "compensation", "duty", "moved"), map(int, m.groups())))


def sweep(*args, conf=None):
    cmd = [os.path.join(ENV["CHARTER_BIN_DIR"], "charterctl"), "-c", conf or ENV["CHARTER_CONF"],
           "sweep", *args]
    p = subprocess.run(cmd, capture_output=True, timeout=300)
    out = (p.stdout + p.stderr).decode(errors="replace")
    check(p.returncode == 0, "sweep %s exited %d: %s" % (" ".join(args), p.returncode, out[-800:]))
    return out


def item(n, kind="simple-inquiry", channel="internet", received=None, period=(7, "days"),
         events="", dept=("pocheon", "common")):
    received = received or NOW - 3600
    sp = '<statutory-period unit="%s">%d</statutory-period>' % (period[1], period[0]) if period else ""
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>%s</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>%s"
            "<applicant><name>스윕 시민 %s</name><address>포천시 중앙로 %s</address>"
            "<sms-consent>false</sms-consent></applicant><title>스윕 시험 %s</title>"
            "<body>기한 시험 민원입니다.</body>%s</petition>"
            % (n, kind, channel, iso(int(received)), dept[0], dept[1], sp, n, n, n,
               "<events>%s</events>" % events if events else ""))


def feed(items):
    """Pushes the items under a fresh source id; returns it."""
    return push_feed(items, "sw")


def statutory(source):
    """external id -> (petition id, receipt, due epoch or None, status, booked_by) of the
    result that tracks the statutory period"""
    rows = sql("SELECT p.external_id, p.id, p.receipt_no, UNIX_TIMESTAMP(m.due), m.status,"
               " IFNULL(m.booked_by, '') FROM petitions p JOIN petition_measures m"
               " ON m.petition_id = p.id WHERE p.source = %s AND m.basis = 'statutory'" % q(source))
    out = {}
    for ext, pid, receipt, due, status, by in rows:
        out[ext] = (pid, receipt, int(float(due)) if due != "NULL" else None, status, by)
    return out


def comp_count(source):
    return dict(sql("SELECT p.external_id, COUNT(c.id) FROM petitions p LEFT JOIN compensation c"
                    " ON c.petition_id = p.id WHERE p.source = %s GROUP BY p.external_id"
                    % q(source)))


def admin_event(receipt, **fields):
    body = "&".join("%s=%s" % (k, v.replace("+", "%2B").replace(":", "%3A"))
                    for k, v in fields.items())
    return http("POST", "/admin/petitions/%s/events" % receipt, body=body.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "Accept": "application/xml",
                         "Authorization": "Bearer " + token("admin")})


# ------------------------------------------------------------------------------------

@test
def sweep_deletes_stale_access_failures():
    sql("INSERT INTO access_failures (client, at) VALUES ('sweep-old', @now -"
        " INTERVAL 20 MINUTE), ('sweep-new', @now)")
    summary(sweep())
    left = [r[0] for r in sql("SELECT client FROM access_failures WHERE client LIKE 'sweep-%'")]
    check("sweep-old" not in left, "an access failure 20 minutes old is left")
    check("sweep-new" in left, "a fresh access failure was deleted")
    check(sql_value("SELECT COUNT(*) FROM sweep_runs WHERE finished_at IS NOT NULL") != "0",
          "the run is not recorded in sweep_runs")


@test
def sweep_usage_and_bad_now():
    p = ctl("sweep", "--now", "yesterday", check_rc=False)
    check(p.returncode == 2 and b"--now" in p.stderr, "bad --now: %r" % (p.stderr,))
    p = ctl("sweep", "--due-within", "-3", check_rc=False)
    check(p.returncode == 2, "negative --due-within accepted")


@test
def sweep_lists_what_falls_due_within_working_hours():
    s = feed([item("DW-IMM", kind="general", period=(3, "hours")), item("DW-7D")])
    st = statutory(s)
    check(st["DW-IMM"][3] == "pending" and st["DW-7D"][3] == "pending", "not pending: %r" % st)
    now = NOW
    out = sweep("--now", iso(now), "--due-within", "8")
    m = re.search(r"due within 8 working hours \(until (\S+ \S+) KST\): (\d+)", out)
    check(m, "no due list header: %r" % out)
    until = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=KST)
    lines = [ln.split("\t") for ln in out.splitlines() if ln.count("\t") == 3]
    check(len(lines) == int(m.group(2)), "header count %s, %d lines" % (m.group(2), len(lines)))
    receipts = [ln[0] for ln in lines]
    check(st["DW-IMM"][1] in receipts, "the 3-hour petition is not listed: %r" % out)
    check(st["DW-7D"][1] not in receipts, "a 7-day petition is listed within 8 working hours")
    dues = [datetime.strptime(ln[3], "%Y-%m-%d %H:%M KST").replace(tzinfo=KST) for ln in lines]
    check(all(d <= until and d.timestamp() > now - 60 for d in dues), "a due outside the window")
    check(dues == sorted(dues), "not sorted by due")
    line = lines[receipts.index(st["DW-IMM"][1])]
    check(line[1] == "pocheon/common" and line[3] == kst(st["DW-IMM"][2]).strftime(
        "%Y-%m-%d %H:%M KST"), "line %r" % line)


@test
def sweep_holiday_moves_pending_deadlines():
    s = feed([item("HOL-7D")])
    pid, receipt, due, status, _ = statutory(s)["HOL-7D"]
    check(status == "pending" and due, "not pending")
    last_day = kst(due - 1).date()          # the last counted day (due at its 24:00)
    tmp = tempfile.mkdtemp(prefix="sweep-hol-", dir=ENV["CHARTER_ENV_DIR"])
    src_conf = open(ENV["CHARTER_CONF"], encoding="utf-8").read()
    hol_path = re.search(r"^holidays = (.*)$", src_conf, re.M).group(1).strip()
    with open(os.path.join(tmp, "holidays.conf"), "w", encoding="utf-8") as f:
        f.write(open(hol_path, encoding="utf-8").read())
        f.write("\n%s 임시공휴일\n" % last_day.isoformat())
    conf = os.path.join(tmp, "charter.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(re.sub(r"^holidays = .*$", "holidays = %s" % os.path.join(tmp, "holidays.conf"),
                       src_conf, flags=re.M))
    now = NOW
    c = summary(sweep("--now", iso(now), conf=conf))
    new_due = statutory(s)["HOL-7D"][2]
    moved = kst(new_due - 1).date()
    check(new_due > due, "the due did not move: %s -> %s" % (kst(due), kst(new_due)))
    check((moved - last_day).days in (1, 3), "moved from %s to %s: not the next working day"
          % (last_day, moved))
    check(c["moved"] >= 1, "the sweep does not report the move: %r" % c)
    again = summary(sweep("--now", iso(now), conf=conf))
    check(again["moved"] == 0, "the same calendar moved deadlines again: %r" % again)
    back = summary(sweep("--now", iso(now)))
    shutil.rmtree(tmp, ignore_errors=True)
    check(statutory(s)["HOL-7D"][2] == due and back["moved"] >= 1,
          "the shipped calendar did not move it back: %r" % back)


def _due_now(rows):
    """--now after every statutory due of rows"""
    return max(r[2] for r in rows.values()) + 3600


@test
def sweep_books_breaches_and_compensation_once_with_exclusions():
    recv = NOW - 3600
    s = feed([
        item("BR-PAY", received=recv),
        item("BR-GRIEV", kind="grievance", received=recv),
        item("BR-IMM", kind="general", period=(3, "hours"), received=recv),
        item("BR-SUPP", received=recv, events=(
            '<event type="supplement-requested" at="%s"/><event type="supplement-received"'
            ' at="%s"/>' % (iso(int(recv) + 60), iso(int(recv) + 120)))),
        item("BR-EXT", received=recv),
        item("BR-GM", dept=("gwangmyeong", "autonomy"), received=recv),
    ])
    st = statutory(s)
    check(all(r[3] == "pending" and r[2] for r in st.values()), "not all pending: %r" % st)
    r = admin_event(st["BR-EXT"][1], type="extended", at=iso(NOW - 5),
                    due=iso(st["BR-EXT"][2] + 86400), reason="현장 확인이 필요함")
    check(r.status == 201, "extension refused: %r" % r)
    check(sql_value("SELECT extended FROM petitions WHERE id = %s" % st["BR-EXT"][0]) == "1",
          "not extended")
    check(sql_value("SELECT supplemented FROM petitions WHERE id = %s" % st["BR-SUPP"][0]) == "1",
          "not supplemented")
    st = statutory(s)
    now = _due_now(st) + 7
    c1 = summary(sweep("--now", iso(now)))
    st = statutory(s)
    for ext, (pid, receipt, due, status, by) in st.items():
        check(status == "breached", "%s: %s, not breached" % (ext, status))
        check(by.startswith("sweep:"), "%s booked by %r" % (ext, by))
        check(sql_value("SELECT breached FROM petitions WHERE id = %s" % pid) == "1",
              "%s: petitions.breached not set" % ext)
    late = sql_value("SELECT late_seconds FROM petition_measures WHERE petition_id = %s AND"
                     " basis = 'statutory'" % st["BR-PAY"][0])
    check(int(late) == now - st["BR-PAY"][2], "late_seconds %s" % late)
    comp = comp_count(s)
    check(comp == {"BR-PAY": "1", "BR-GRIEV": "0", "BR-IMM": "0", "BR-SUPP": "0", "BR-EXT": "0",
                   "BR-GM": "0"}, "compensation per petition: %r" % comp)
    row = sql("SELECT rule_id, rule_origin, trigger_name, standard_id, amount, currency, form,"
              " state, UNIX_TIMESTAMP(arose_at) FROM compensation WHERE petition_id = %s"
              % st["BR-PAY"][0])[0]
    check(row[:8] == ["statutory-missed-compensation", "pocheon/common", "statutory-missed",
                      "simple-inquiry-answer", "10000", "KRW", "culture-voucher", "owed"],
          "ledger row %r" % row)
    check(int(float(row[8])) == st["BR-PAY"][2], "arose at the due instant")
    check(c1["breaches"] >= 6 and c1["compensation"] >= 1, "summary %r" % c1)
    c2 = summary(sweep("--now", iso(now)))
    check(c2["breaches"] == 0 and c2["compensation"] == 0, "a second sweep booked %r" % c2)
    check(comp_count(s) == comp, "the second sweep changed the ledger")


@test
def sweep_two_at_once_book_everything_once():
    n = 300
    recv = NOW - 3600
    s = feed([item("CC-%04d" % i, received=recv) for i in range(n)])
    st = statutory(s)
    check(len(st) == n and all(r[3] == "pending" for r in st.values()), "not %d pending" % n)
    now = _due_now(st) + 11 + uuid.uuid4().int % 100000  # unique to this run
    outs, errs = [None, None], []

    def run(k):
        try:
            outs[k] = sweep("--now", iso(now))
        except Failure as e:
            errs.append(str(e))
    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not errs, "a sweep failed: %s" % errs)
    a, b = summary(outs[0]), summary(outs[1])
    st = statutory(s)
    check(all(r[3] == "breached" for r in st.values()), "not every result breached")
    booked = int(sql_value("SELECT COUNT(*) FROM petition_measures WHERE breach_booked_at ="
                           " FROM_UNIXTIME(%d)" % now))
    check(a["breaches"] + b["breaches"] == booked,
          "summaries %d + %d, %d rows booked" % (a["breaches"], b["breaches"], booked))
    check(booked >= n, "%d booked, %d due" % (booked, n))
    comp = comp_count(s)
    check(all(v == "1" for v in comp.values()) and len(comp) == n,
          "compensation not once each: %r" % sorted(set(comp.values())))
    ledger = int(sql_value("SELECT COUNT(*) FROM compensation WHERE booked_at = FROM_UNIXTIME(%d)"
                           " AND booked_by LIKE 'sweep:%%'" % now))
    check(a["compensation"] + b["compensation"] == ledger,
          "summaries %d + %d, %d ledger rows" % (a["compensation"], b["compensation"], ledger))
    check(len({by for _, _, _, _, by in st.values()}) in (1, 2), "booked by whom?")


def _judged_until():
    """the instant up to which the duties are judged already (a stack used before)"""
    v = sql_value("SELECT value FROM engine_state WHERE name = 'duties:pocheon/common'")
    return max(NOW, int(v or 0))


def _working_days_after(t, days_ahead, count):
    """count consecutive working days (Mon-Fri, no holiday listed, the 1st to the 28th of
    a month) from days_ahead days after t on"""
    hol = open(re.search(r"^holidays = (.*)$", open(ENV["CHARTER_CONF"]).read(), re.M)
               .group(1).strip(), encoding="utf-8").read()
    d, out = kst(t).date() + timedelta(days=days_ahead), []
    while len(out) < count:
        if d.weekday() < 5 and d.isoformat() not in hol and d.day <= 28:
            out.append(d)
        else:
            out = []
        d += timedelta(days=1)
    return out


def _at(day, hour, minute=0):
    return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=KST).timestamp())


def _duty_breaches(duty, start):
    return sql("SELECT expected, done FROM duty_breaches WHERE city = 'pocheon' AND dept ="
               " 'common' AND duty_id = %s AND period_start = FROM_UNIXTIME(%d)" % (q(duty), start))


@test
def sweep_board_checked_twice_a_day():
    a, b = _working_days_after(_judged_until(), 3, 2)
    for at in (_at(a, 9, 10), _at(a, 16, 30), _at(b, 11, 0)):
        sql("INSERT INTO duty_records (city, dept, what, at, recorded_by, recorded_at) VALUES"
            " ('pocheon', 'common', 'board-check', FROM_UNIXTIME(%d), 'test', @now)"
            % at)
    now = _at(b + timedelta(days=1), 1)
    c = summary(sweep("--now", iso(now)))
    check(_duty_breaches("board-check", _at(a, 0)) == [], "a day with 2 checks is a breach")
    check(_duty_breaches("board-check", _at(b, 0)) == [["2", "1"]],
          "a day with 1 check: %r" % _duty_breaches("board-check", _at(b, 0)))
    check(c["duty"] >= 1, "summary %r" % c)
    c2 = summary(sweep("--now", iso(now)))
    check(c2["duty"] == 0, "booked again: %r" % c2)
    check(len(_duty_breaches("board-check", _at(b, 0))) == 1, "booked twice")


@test
def sweep_improvement_plan_within_three_months():
    s1 = _working_days_after(_judged_until(), 3, 1)[0]

    def months_later(day, k):
        m = day.month - 1 + k
        return day.replace(year=day.year + m // 12, month=m % 12 + 1)
    s2 = _working_days_after(_at(months_later(s1, 4), 0), 0, 1)[0]
    pub1, pub2, plan2 = _at(s1, 10), _at(s2, 10), _at(s2 + timedelta(days=40), 15)
    for what, at in (("survey-published", pub1), ("survey-published", pub2),
                     ("improvement-plan", plan2)):
        sql("INSERT INTO duty_records (city, dept, what, at, recorded_by, recorded_at) VALUES"
            " ('pocheon', 'common', %s, FROM_UNIXTIME(%d), 'test', @now)"
            % (q(what), at))
    # Three months after the first survey, the day itself still counts: not judged yet.
    sweep("--now", iso(_at(months_later(s1, 3), 23)))
    check(_duty_breaches("improvement-plan", pub1) == [], "judged before the window ended")
    c = summary(sweep("--now", iso(_at(months_later(s1, 3) + timedelta(days=1), 0, 1))))
    check(_duty_breaches("improvement-plan", pub1) == [["1", "0"]],
          "the missing plan is not a breach: %r" % _duty_breaches("improvement-plan", pub1))
    check(c["duty"] >= 1, "summary %r" % c)
    now = _at(months_later(s2, 3) + timedelta(days=3), 12)
    summary(sweep("--now", iso(now)))
    check(_duty_breaches("improvement-plan", pub2) == [], "the plan made in time is a breach")
    c2 = summary(sweep("--now", iso(now)))
    check(c2["duty"] == 0, "booked again: %r" % c2)
