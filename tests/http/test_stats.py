"""The open-data statistics core (issue 5, point 1): summary tables marked by intake, events,
the sweep and the ledger, recomputed by `charterctl stats refresh` and by the sweep, equal to a
rebuild from nothing, and equal to figures computed here in Python straight from the raw rows
(petitions, petition_measures, compensation, petition_feedback, survey_votes) — never from the
application's SQL. The readers (`charterctl stats show`) are checked per month, quarter and year.

Petitions come in through the feed in two departments over four months (KST), one of them
received just after midnight KST on the first of a month (the UTC date is the month before):
answered in hours, answered in days, answered late (breached, compensation at intake), never
answered (breached by the sweep), and received an hour ago (pending)."""
import math
import re
import subprocess
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from harness import NOW, ENV, check, ctl, http, poll, q, sql, sql_value, push_feed, test, token

KST = timezone(timedelta(hours=9))
DEPTS = (("pocheon", "common"), ("gwangmyeong", "autonomy"))
_state = {}


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def month_start(y, m, back):
    """(y, m) of `back` months before (y, m)"""
    k = y * 12 + (m - 1) - back
    return k // 12, k % 12 + 1


def kst_epoch(y, m, d, hh=0, mi=0):
    return int(datetime(y, m, d, hh, mi, tzinfo=KST).timestamp())


def item(rno, received, dept, events=""):
    return ("<petition><receipt-no>%s</receipt-no><kind>simple-inquiry</kind>"
            "<channel>internet</channel><received-at>%s</received-at>"
            "<department city=\"%s\" code=\"%s\">부서</department>"
            "<statutory-period unit=\"days\">7</statutory-period>"
            "<applicant><name>통계 시민</name><address>포천시 통계로 1</address>"
            "<sms-consent>false</sms-consent></applicant><title>통계 시험 %s</title>"
            "<body>통계 시험 민원입니다.</body>%s</petition>"
            % (rno, iso(received), dept[0], dept[1], rno,
               "<events>%s</events>" % events if events else ""))


def answered(t):
    return '<event type="answered" at="%s"/>' % iso(t)


def push(items):
    return push_feed(items, "st")


def setup():
    """The petitions of this module, pushed once: receipt -> (city, dept, KST month)."""
    if "pets" in _state:
        return _state
    now = NOW
    t = datetime.fromtimestamp(now, KST)
    tag = uuid.uuid4().hex[:6].upper()
    items, pets = [], {}
    for city, dept in DEPTS:
        for back in (3, 2, 1):
            y, m = month_start(t.year, t.month, back)
            recv = kst_epoch(y, m, 5, 10)
            for name, ev in (("H3", answered(recv + 3 * 3600 + 120)),
                             ("H50", answered(recv + 50 * 3600 + 5)),
                             ("LATE", answered(recv + 20 * 86400)),
                             ("OPEN", "")):
                rno = "ST-%s-%s-%s-%d-%s" % (tag, city[:2].upper(), dept[:3].upper(), back, name)
                items.append(item(rno, recv, (city, dept), ev))
                pets[rno] = (city, dept, "%04d-%02d-01" % (y, m))
        # 00:30 KST on the first of last month: still the month before in UTC
        y, m = month_start(t.year, t.month, 1)
        recv = kst_epoch(y, m, 1, 0, 30)
        rno = "ST-%s-%s-EDGE" % (tag, city[:2].upper())
        items.append(item(rno, recv, (city, dept), answered(recv + 7 * 3600)))
        pets[rno] = (city, dept, "%04d-%02d-01" % (y, m))
        # this month, an hour ago: pending
        for i in (1, 2):
            rno = "ST-%s-%s-NOW%d" % (tag, city[:2].upper(), i)
            items.append(item(rno, now - 3600 - i, (city, dept)))
            pets[rno] = (city, dept, "%04d-%02d-01" % (t.year, t.month))
    _state["source"] = push(items)
    _state["pets"] = pets
    _state["tag"] = tag
    return _state


def pet_col(col, ext):
    """a column of this module's petition with external id ext"""
    return sql_value("SELECT %s FROM petitions WHERE source = %s AND external_id = %s"
                     % (col, q(setup()["source"]), q(ext)))


def keys_of(pets):
    return sorted(set(pets.values()))


# ---- the figures, computed here from the raw rows ----------------------------------

def kst_month(ts):
    d = datetime.fromtimestamp(int(math.floor(Decimal(ts))), KST)
    return "%04d-%02d-01" % (d.year, d.month)


def expected():
    pets = {}
    for pid, city, dept, recv, ans in sql("SELECT id, city, dept, UNIX_TIMESTAMP(received_at),"
                                          " UNIX_TIMESTAMP(answered_at) FROM petitions"):
        pets[pid] = (city, dept, kst_month(recv), Decimal(recv),
                     None if ans == "NULL" else Decimal(ans))
    comp, hours, fb = {}, {}, {}

    def add(key, i, v=1):
        comp.setdefault(key, [0] * 9)[i] += v

    status_col = {"met": 1, "breached": 2, "pending": 3, "na": 4}
    per_pet = {pid: [] for pid in pets}
    for pid, std, status in sql("SELECT petition_id, standard_id, status FROM petition_measures"):
        city, dept, month = pets[pid][:3]
        add((city, dept, month, std), 0)
        add((city, dept, month, std), status_col[status])
        per_pet[pid].append(status)
    for pid, statuses in per_pet.items():
        key = pets[pid][:3] + ("*",)
        add(key, 0)
        if "breached" in statuses:
            add(key, 2)
        elif "pending" in statuses:
            add(key, 3)
        elif "met" in statuses:
            add(key, 1)
        else:
            add(key, 4)
    for pid, std, amount, state in sql("SELECT petition_id, IFNULL(standard_id, ''), amount,"
                                       " state FROM compensation"):
        base = pets[pid][:3]
        for s in (("*", std) if std else ("*",)):
            key = base + (s,)
            add(key, 5)
            add(key, 6, int(amount))
            if state == "paid":
                add(key, 7)
                add(key, 8, int(amount))
    for pid, (city, dept, month, recv, ans) in pets.items():
        if ans is not None:
            h = max(0, math.floor((ans - recv) / 3600))
            k = (city, dept, month, h)
            hours[k] = hours.get(k, 0) + 1
    for pid, score, kept in sql("SELECT petition_id, score, IFNULL(promise_kept, -1)"
                                " FROM petition_feedback"):
        city, dept, month = pets[pid][:3]
        row = fb.setdefault((city, dept, month), [0] * 9)
        row[0] += 1
        row[1] += int(score)
        row[1 + int(score)] += 1
        if kept == "1":
            row[7] += 1
        elif kept == "0":
            row[8] += 1
    return comp, hours, fb


def tables():
    comp = {tuple(r[:4]): list(map(int, r[4:])) for r in sql(
        "SELECT city, dept, month, standard_id, applicable, met, breached, pending, na,"
        " comp_count, comp_amount, paid_count, paid_amount FROM stats_compliance")}
    hours = {(r[0], r[1], r[2], int(r[3])): int(r[4]) for r in sql(
        "SELECT city, dept, month, hours, n FROM stats_answer_hours")}
    fb = {tuple(r[:3]): list(map(int, r[3:])) for r in sql(
        "SELECT city, dept, month, responses, score_sum, s1, s2, s3, s4, s5, kept_yes, kept_no"
        " FROM stats_feedback")}
    return comp, hours, fb


def diff(name, got, want):
    bad = ["%r: table %r, raw rows %r" % (k, got.get(k), want.get(k))
           for k in sorted(set(got) | set(want), key=repr) if got.get(k) != want.get(k)]
    check(not bad, "%s differs in %d rows, e.g. %s" % (name, len(bad), "; ".join(bad[:4])))


def check_tables():
    for name, got, want in zip(("stats_compliance", "stats_answer_hours", "stats_feedback"),
                               tables(), expected()):
        diff(name, got, want)


def dirty(keys):
    rows = {tuple(r) for r in sql("SELECT city, dept, month FROM stats_dirty")}
    return [k for k in keys if k in rows]


def refresh():
    out = ctl("stats", "refresh").stdout.decode()
    check(out.startswith("stats refresh: ") and "recomputed" in out, "refresh printed %r" % out)
    return int(out.split()[2])


# ---- tests -------------------------------------------------------------------------

@test
def stats_usage():
    for args in (("stats",), ("stats", "bogus"), ("stats", "refresh", "--max", "0"),
                 ("stats", "refresh", "--max", "x"), ("stats", "show", "--period", "week")):
        p = ctl(*args, check_rc=False)
        check(p.returncode == 2 and b"usage" in p.stderr, "%s: exit %d %r"
              % (" ".join(args), p.returncode, p.stderr[-200:]))


@test
def stats_intake_marks_the_kst_months():
    s = setup()
    want = keys_of(s["pets"])
    left = dirty(want)
    check(left == want, "months not marked by intake: %r" % sorted(set(want) - set(left)))
    edge = [v for k, v in s["pets"].items() if k.endswith("EDGE")][0]
    utc = pet_col("DATE_FORMAT(received_at, '%Y-%m-01')",
                  [k for k in s["pets"] if k.endswith("EDGE")][0])
    check(utc != edge[2], "the edge petition is not across a month boundary (%s)" % utc)


@test
def stats_sweep_books_and_refreshes():
    s = setup()
    p = subprocess.run([ENV["CHARTER_BIN_DIR"] + "/charterctl", "-c", ENV["CHARTER_CONF"],
                        "sweep", "--now", iso(NOW)], capture_output=True,
                       timeout=600)
    out = p.stdout.decode()
    check(p.returncode == 0 and "statistics months recomputed: " in out, "sweep: %r %r"
          % (out, p.stderr[-300:]))
    left = dirty(keys_of(s["pets"]))
    check(not left, "marked after the sweep: %r" % left)
    st = dict(sql("SELECT p.external_id, GROUP_CONCAT(m.status) FROM petitions p JOIN"
                  " petition_measures m ON m.petition_id = p.id WHERE p.source = %s"
                  " AND m.basis = 'statutory' GROUP BY p.external_id" % q(s["source"])))
    check(len(st) == len(s["pets"]), "%d statutory results for %d petitions" % (len(st),
                                                                            len(s["pets"])))
    for rno, status in st.items():
        want = ("pending" if "NOW" in rno else "breached" if "LATE" in rno or "OPEN" in rno
                else "met")
        check(status == want, "%s: statutory result %s, expected %s" % (rno, status, want))
    n = int(sql_value("SELECT COUNT(*) FROM compensation c JOIN petitions p ON"
                      " p.id = c.petition_id WHERE p.source = %s" % q(s["source"])))
    check(n >= 6, "only %d compensation rows" % n)
    check_tables()


@test
def stats_paid_compensation_is_counted():
    s = setup()
    cid = sql_value("SELECT c.id FROM compensation c JOIN petitions p ON p.id = c.petition_id"
                    " WHERE p.source = %s AND c.state = 'owed' ORDER BY c.id LIMIT 1"
                    % q(s["source"]))
    check(cid, "no owed compensation")
    key = tuple(sql("SELECT p.city, p.dept, DATE_FORMAT(p.received_month, '%%Y-%%m-%%d')"
                    " FROM compensation c JOIN petitions p ON p.id = c.petition_id"
                    " WHERE c.id = %s" % cid)[0])
    r = http("POST", "/admin/compensation/%s" % cid, body=b"state=paid",
             headers={"Authorization": "Bearer " + token("admin"),
                      "Content-Type": "application/x-www-form-urlencoded",
                      "Accept": "application/xml"})
    check(r.status in (200, 201, 303), "paying: %r" % r)
    check(dirty([key]) == [key], "paying did not mark %r" % (key,))
    check(refresh() >= 1, "refresh recomputed nothing")
    check(not dirty([key]), "still marked after the refresh")
    paid = sql("SELECT paid_count, paid_amount FROM stats_compliance WHERE city = %s AND"
               " dept = %s AND month = %s AND standard_id = '*'" % tuple(map(q, key)))
    check(paid and int(paid[0][0]) >= 1 and int(paid[0][1]) > 0, "paid figures %r" % paid)
    check_tables()


def _show(period):
    out = ctl("stats", "show", "--period", period, "--standards", timeout=300).stdout.decode()
    return [line.split("\t") for line in out.splitlines()]


def _label(month, period):
    y, m = int(month[:4]), int(month[5:7])
    return {"month": "%04d-%02d" % (y, m), "quarter": "%04d-Q%d" % (y, (m - 1) // 3 + 1),
            "year": "%04d" % y}[period]


def _nearest_rank(values, p):
    rank = max(1, math.ceil(Fraction(p * len(values), 100)))
    return values[rank - 1]


@test
def stats_readers_per_month_quarter_year():
    setup()
    comp, hours, _ = expected()
    for period in ("month", "quarter", "year"):
        want, hist = {}, {}
        for (city, dept, month, std), v in comp.items():
            k = (city, dept, _label(month, period), std)
            want[k] = [a + b for a, b in zip(want.get(k, [0] * 9), v)]
        for (city, dept, month, h), n in hours.items():
            hist.setdefault((city, dept, _label(month, period)), []).extend([h] * n)
        rows = _show(period)
        got = {}
        for r in rows:
            got[tuple(r[:4])] = r[4:]
        check(len(got) == len(rows), "%s: duplicate rows" % period)
        bad = []
        for k in sorted(set(got) | set(want)):
            w = want.get(k)
            if w is None or k not in got:
                bad.append("%r: reader %r, raw %r" % (k, got.get(k), w))
                continue
            ev = w[1] + w[2]
            rate = ""
            if ev:
                t = int((Decimal(w[1] * 1000) / Decimal(ev)).quantize(Decimal(1),
                                                                      rounding=ROUND_HALF_UP))
                rate = "%d.%d" % (t // 10, t % 10)
            hs = sorted(hist.get(k[:3], [])) if k[3] == "*" else []
            exp = ([str(x) for x in w[:5]] + [rate, str(len(hs)),
                   str(_nearest_rank(hs, 50) if hs else -1), str(_nearest_rank(hs, 90) if hs else -1)]
                   + [str(x) for x in w[5:]])
            if got[k] != exp:
                bad.append("%r: reader %r, raw %r" % (k, got[k], exp))
        check(not bad, "%s: %d rows differ, e.g. %s" % (period, len(bad), "; ".join(bad[:3])))
        # order: city, dept, period, then '*' first
        seen = []
        for r in rows:
            g = tuple(r[:3])
            if not seen or seen[-1][0] != g:
                check(r[3] == "*", "%s: group %r does not start with '*'" % (period, g))
                seen.append((g, r[3]))
        check(len(set(g for g, _ in seen)) == len(seen), "%s: a group is split" % period)


def _board_post(title):
    form = http("GET", "/board/new")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    t0 = time.monotonic()
    r = http("POST", "/board", body=urllib.parse.urlencode({
        "csrf": csrf, "name": "표시 시험", "address": "포천시 시험로 1",
        "department": "pocheon/common", "kind": "complaint", "title": title,
        "body": "같은 달의 표시를 가진 거래가 열려 있어도 접수는 기다리지 않습니다."}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    return r, time.monotonic() - t0


def _holder(statements):
    """A client holding a transaction open after statements (ending with SELECT 'held')."""
    h = subprocess.Popen(["mariadb", "--no-defaults", "--socket=" + ENV["CHARTER_DB_SOCKET"],
                          "-uroot", "--batch", "--skip-column-names", "-n", "charter"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    h.stdin.write("BEGIN; %s; SELECT 'held';\n" % statements)
    h.stdin.flush()
    while True:
        line = h.stdout.readline()
        check(line, "the holder ended early")
        if line.strip() == "held":
            return h


def _release(h):
    h.stdin.write("ROLLBACK;\n")
    h.stdin.close()
    h.wait(timeout=30)


@test
def stats_mark_during_a_refresh_is_kept():
    """A refresh is held (on the summary rows it replaces) after it read the mark; meanwhile
    an event on a petition of the same month commits (and marks) without waiting for it: the
    mark survives the refresh, and the next refresh counts the event."""
    s = setup()
    now_pets = sorted((int(pet_col("id", r)), r)
                      for r in s["pets"] if r.endswith(("-NOW1", "-NOW2")) and "-PO-" in r)
    q_ext = now_pets[1][1]
    key = s["pets"][q_ext]
    q_rno = pet_col("receipt_no", q_ext)
    sql("INSERT IGNORE INTO stats_dirty (city, dept, month) VALUES (%s, %s, %s)"
        % tuple(map(q, key)))
    holder = _holder("SELECT COUNT(*) FROM stats_compliance WHERE city = %s AND dept = %s"
                     " AND month = %s FOR UPDATE" % tuple(map(q, key)))
    refresher = None
    try:
        refresher = subprocess.Popen([ENV["CHARTER_BIN_DIR"] + "/charterctl", "-c",
                                      ENV["CHARTER_CONF"], "stats", "refresh"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(poll(lambda: sql_value("SELECT COUNT(*) FROM information_schema.innodb_trx"
                                     " WHERE trx_state = 'LOCK WAIT'") != "0", 20),
              "the refresh never waited for the summary rows")
        at = iso(NOW - 2)
        r = http("POST", "/admin/petitions/%s/events" % q_rno,
                 body=urllib.parse.urlencode({"type": "answered", "at": at}).encode(),
                 headers={"Authorization": "Bearer " + token("admin"),
                          "Content-Type": "application/x-www-form-urlencoded",
                          "Accept": "application/xml"})
        check(r.status == 201, "event during the refresh: %r" % r)
        _release(holder)
        holder = None
        out, err = refresher.communicate(timeout=60)
        check(refresher.returncode == 0, "refresh failed: %r" % err)
    finally:
        if holder:
            _release(holder)
        if refresher and refresher.poll() is None:
            refresher.kill()
    check(dirty([key]) == [key], "the event's mark was lost by the concurrent refresh")
    check(refresh() >= 1, "the next refresh recomputed nothing")
    check(not dirty([key]), "still marked")
    check_tables()


@test
def stats_marks_do_not_wait_for_each_other():
    """schema/008: another transaction holding its mark of a department's month (as a feed
    batch or an event does until it commits) does not hold up a board post marking the same
    month (before, every mark was an exclusive lock on the month's row until the commit)."""
    now = NOW
    month = datetime.fromtimestamp(now + 9 * 3600, timezone.utc).strftime("%Y-%m-01")
    sql("INSERT IGNORE INTO stats_dirty (city, dept, month) VALUES ('pocheon', 'common', %s)"
        % q(month))
    h = _holder("INSERT IGNORE INTO stats_dirty (city, dept, month) VALUES"
                " ('pocheon', 'common', %s)" % q(month))
    try:
        r, took = _board_post("표시 대기 시험")
    finally:
        _release(h)
    check(r.status == 303 and took < 2, "the post waited behind another transaction's mark:"
          " %r after %.1f s" % (r, took))


@test
def stats_busy_month_is_skipped_not_lost():
    s = setup()
    key = keys_of(s["pets"])[0]
    sql("INSERT IGNORE INTO stats_dirty (city, dept, month) VALUES (%s, %s, %s)"
        % tuple(map(q, key)))
    lock = "CONCAT('charter-stats:', %s, '/', %s, '/', %s)" % tuple(map(q, key))
    holder = _holder("SELECT GET_LOCK(%s, 5)" % lock)
    try:
        check(sql_value("SELECT IS_USED_LOCK(%s) IS NOT NULL" % lock) == "1", "lock not taken")
        refresh()
        check(dirty([key]) == [key], "a month busy with another refresher was unmarked")
    finally:
        _release(holder)
    check(refresh() >= 1 and not dirty([key]), "not recomputed once free")


@test
def stats_rebuild_is_identical_and_counts_feedback_and_votes():
    s = setup()
    ids = [pet_col("id", r)
           for r in sorted(s["pets"]) if r.endswith(("-H3", "-H50", "-EDGE"))][:4]
    for pid, (score, kept) in zip(ids, ((5, "1"), (3, "0"), (4, "NULL"), (1, "0"))):
        sql("INSERT IGNORE INTO petition_feedback (petition_id, score, promise_kept, created_at)"
            " VALUES (%s, %d, %s, @now)" % (pid, score, kept))
        sql("INSERT IGNORE INTO stats_dirty (city, dept, month) SELECT city, dept, received_month"
            " FROM petitions WHERE id = %s" % pid)
    page = "/stats-test/%s" % s["tag"]
    sql("INSERT INTO survey_votes (page, score, created_at) VALUES (%s, 4, @now),"
        " (%s, 2, @now), (%s, 5, '2026-01-31 15:30:00')" % (q(page), q(page), q(page)))
    refresh()
    check_tables()
    before = tables()
    t0 = time.monotonic()
    out = ctl("stats", "rebuild", timeout=1800).stdout.decode()
    took = time.monotonic() - t0
    check(out.startswith("stats rebuild: "), "rebuild printed %r" % out)
    npet = sql_value("SELECT COUNT(*) FROM petitions")
    print("     # stats rebuild: %s petitions, %s in %.2f s" % (npet, out.split(": ")[1].strip(),
                                                                took), flush=True)
    after = tables()
    for name, a, b in zip(("stats_compliance", "stats_answer_hours", "stats_feedback"),
                          before, after):
        diff(name + " (refresh vs rebuild)", a, b)
    check_tables()
    check(sql_value("SELECT COUNT(*) FROM stats_dirty") == "0", "marks left by the rebuild")
    votes = {}
    for pg, score, at in sql("SELECT page, score, UNIX_TIMESTAMP(created_at) FROM survey_votes"):
        v = votes.setdefault((pg, kst_month(at)), [0] * 7)
        v[0] += 1
        v[1] += int(score)
        v[1 + int(score)] += 1
    got = {tuple(r[:2]): list(map(int, r[2:])) for r in sql(
        "SELECT page, month, votes, score_sum, s1, s2, s3, s4, s5 FROM stats_votes")}
    diff("stats_votes", got, votes)
    check(got.get((page, "2026-02-01")) == [1, 5, 0, 0, 0, 0, 1],
          "a vote at 00:30 KST on 1 February: %r" % got.get((page, "2026-02-01")))
