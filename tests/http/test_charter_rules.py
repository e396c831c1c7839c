"""Every compensation and accountability rule of both seed charters, and each exclusion,
as scenarios through HTTP (issue 4, point 8): petitions arrive by a pushed G4C feed with
known receipt instants, staff record events through POST /admin/petitions/{receipt}/events,
`charterctl sweep` books what fell due, and the compensation ledger is read from MariaDB.
The amounts and rules are the charters' (conf/charters/...): Pocheon 10,000 won, Gwangmyeong
5,000 won; the due instants in the comments are counted by hand from deadlines.md."""
import uuid

from harness import test, check, http, sql, sql_value, q, token, ctl

NS = "urn:x-g4c:petition-feed:1"


def _feed_item(rno, kind, channel, received, city, dept, statutory=None):
    st = ('<statutory-period unit="%s">%d</statutory-period>' % statutory) if statutory else ""
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>%s</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>%s"
            "<applicant><name>규칙시험</name><address>경기도 시험시 규칙로 1</address>"
            "<sms-consent>false</sms-consent></applicant><title>규칙 시나리오</title>"
            "<body>헌장 규칙 시나리오 시험입니다.</body></petition>"
            % (rno, kind, channel, received, city, dept, st))


def petition(city, dept, kind, channel, received, statutory=None):
    """One petition through the feed; returns its receipt number."""
    source = "rules-" + uuid.uuid4().hex[:12]
    rno = "R-" + uuid.uuid4().hex[:10]
    body = ('<?xml version="1.0" encoding="UTF-8"?><petitions xmlns="%s" source="%s" '
            'generated="2026-11-01T09:00:00+09:00" sequence="1">%s</petitions>'
            % (NS, source, _feed_item(rno, kind, channel, received, city, dept, statutory)))
    r = http("POST", "/admin/feeds/g4c", body=body.encode(),
             headers={"Authorization": "Bearer " + token("feed"), "Content-Type": "application/xml"})
    check(r.status == 200, "feed push answered %d: %s" % (r.status, r.text[:300]))
    receipt = sql_value("SELECT receipt_no FROM petitions WHERE source=%s AND external_id=%s"
                        % (q(source), q(rno)))
    check(receipt, "the petition was not stored")
    return receipt


def event(receipt, etype, at, expect=201, **fields):
    from urllib.parse import urlencode
    form = {"type": etype, "at": at}
    form.update(fields)
    r = http("POST", "/admin/petitions/%s/events" % receipt, body=urlencode(form).encode(),
             headers={"Authorization": "Bearer " + token("admin"),
                      "Content-Type": "application/x-www-form-urlencoded",
                      "Accept": "application/xml"})
    check(r.status == expect, "%s %s answered %d (expected %d): %s"
          % (etype, at, r.status, expect, r.text[:400]))
    return r


def ledger(receipt):
    """(rule_id, trigger, amount, currency, form, state, charter city/dept) per entry."""
    return sql("SELECT c.rule_id, c.trigger_name, c.amount, c.currency, c.form, c.state, "
               "CONCAT(v.city, '/', v.dept) FROM compensation c JOIN petitions p ON p.id = c.petition_id "
               "JOIN charter_versions v ON v.id = c.charter_version_id "
               "WHERE p.receipt_no = %s ORDER BY c.id" % q(receipt))


def result(receipt, standard):
    rows = sql("SELECT m.status, DATE_FORMAT(CONVERT_TZ(m.due, '+00:00', '+09:00'), '%%Y-%%m-%%d %%H:%%i'), "
               "m.breach_booked_at IS NOT NULL FROM petition_measures m JOIN petitions p ON p.id = m.petition_id "
               "WHERE p.receipt_no = %s AND m.standard_id = %s" % (q(receipt), q(standard)))
    check(rows, "no result %s for %s" % (standard, receipt))
    return rows[0]


def statutory_id(receipt):
    """The statutory result's id: the charter's statutory measure, or 'statutory'."""
    rows = sql("SELECT m.standard_id FROM petition_measures m JOIN petitions p ON p.id = m.petition_id "
               "WHERE p.receipt_no = %s AND m.basis = 'statutory' AND m.to_event = 'answered'" % q(receipt))
    check(len(rows) == 1, "expected one statutory result, got %r" % rows)
    return rows[0][0]


# ---- Pocheon: 처리기간 경과 → 10,000원 문화상품권, with its exclusions ------------------------

@test
def pocheon_statutory_period_missed_books_10000_won():
    # simple inquiry, 7 days: received Mon 2026-10-05 (대체공휴일, not a working day) → day 1 is
    # Tue 10-06; 06, 07, 08 count 1-3, 09 한글날 skipped, 12-15 count 4-7 → due at the end of
    # Thu 2026-10-15 (stored as 2026-10-16 00:00 KST).
    late = petition("pocheon", "common", "simple-inquiry", "internet", "2026-10-05T10:00:00+09:00")
    sid = statutory_id(late)
    check(result(late, sid)[1] == "2026-10-16 00:00", "due %r, expected 2026-10-16 00:00" % result(late, sid)[1])
    event(late, "answered", "2026-10-16T10:00:00+09:00")
    check(result(late, sid)[0] == "breached", "answered after the due: not breached")
    rows = ledger(late)
    check(len(rows) == 1, "expected one entitlement, got %r" % rows)
    rule, trig, amount, cur, form, state, charter = rows[0]
    check((rule, trig, amount, cur, form, state, charter) ==
          ("statutory-missed-compensation", "statutory-missed", "10000", "KRW", "culture-voucher",
           "owed", "pocheon/common"), "ledger entry %r" % (rows[0],))
    # booked once: the sweep afterwards adds nothing
    ctl("sweep", "--now", "2026-11-20T12:00:00+09:00")
    check(len(ledger(late)) == 1, "booked twice")

    kept = petition("pocheon", "common", "simple-inquiry", "internet", "2026-10-05T10:00:00+09:00")
    event(kept, "answered", "2026-10-15T17:59:00+09:00")
    check(result(kept, statutory_id(kept))[0] == "met", "answered on the last day: not met")
    check(ledger(kept) == [], "compensation for a petition answered in time")


def _excluded(receipt, what):
    check(result(receipt, statutory_id(receipt))[0] == "breached", "%s: the breach is not recorded" % what)
    check(ledger(receipt) == [], "%s: compensation booked despite the exclusion: %r" % (what, ledger(receipt)))


@test
def pocheon_exclusion_immediate():
    # an immediate petition (즉결): 3 working hours; answered the next day → breached, excluded
    r = petition("pocheon", "common", "immediate", "visit", "2026-10-06T10:00:00+09:00", ("hours", 3))
    event(r, "answered", "2026-10-07T10:00:00+09:00")
    _excluded(r, "immediate")


@test
def pocheon_exclusion_grievance():
    # a grievance (진정) with a 7-day period, answered a month late → breached, excluded
    r = petition("pocheon", "common", "grievance", "internet", "2026-10-06T10:00:00+09:00", ("days", 7))
    event(r, "answered", "2026-11-06T10:00:00+09:00")
    _excluded(r, "grievance")


@test
def pocheon_exclusion_supplemented():
    # supplement requested and received, then answered long after even the paused period
    r = petition("pocheon", "common", "simple-inquiry", "internet", "2026-10-06T10:00:00+09:00")
    event(r, "supplement-requested", "2026-10-07T10:00:00+09:00")
    check(sql_value("SELECT paused FROM petition_measures m JOIN petitions p ON p.id=m.petition_id "
                    "WHERE p.receipt_no=%s AND m.standard_id=%s" % (q(r), q(statutory_id(r)))) == "1",
          "the clock does not stop while awaiting the supplement")
    event(r, "supplement-received", "2026-10-08T10:00:00+09:00")
    event(r, "answered", "2026-11-10T10:00:00+09:00")
    _excluded(r, "supplemented")
    check(sql_value("SELECT supplemented FROM petitions WHERE receipt_no=%s" % q(r)) == "1",
          "not marked supplemented")


@test
def pocheon_exclusion_extended():
    # 7 days from Tue 2026-10-06: 06, 07, 08 count 1-3, 09 한글날 skipped, 12-15 count 4-7 → due at
    # the end of Thu 10-15. The extension may add at most 7 more working days (16, 19-23, 26 → end
    # of Mon 10-26); extended on 10-13 to Fri 10-23 18:00, answered 10-26 → breached after the
    # extension, and excluded because the petition was extended.
    r = petition("pocheon", "common", "simple-inquiry", "internet", "2026-10-06T10:00:00+09:00")
    event(r, "extended", "2026-10-13T10:00:00+09:00", due="2026-10-23T18:00:00+09:00",
          reason="현장 확인이 필요하여 연장합니다")
    check(result(r, statutory_id(r))[1] == "2026-10-23 18:00", "extension did not move the due: %r"
          % (result(r, statutory_id(r)),))
    event(r, "answered", "2026-10-26T10:00:00+09:00")
    _excluded(r, "extended")
    check(sql_value("SELECT extended FROM petitions WHERE receipt_no=%s" % q(r)) == "1", "not marked extended")


@test
def pocheon_revisit_books_10000_won_per_revisit():
    r = petition("pocheon", "common", "simple-inquiry", "visit", "2026-10-06T10:00:00+09:00")
    event(r, "answered", "2026-10-07T10:00:00+09:00")
    event(r, "revisit", "2026-10-08T10:00:00+09:00")
    event(r, "revisit", "2026-10-08T10:00:00+09:00", expect=409)     # the same event again
    rows = ledger(r)
    check([tuple(x[:5]) for x in rows] == [("revisit-compensation", "revisit", "10000", "KRW", "culture-voucher")],
          "ledger %r" % rows)
    event(r, "revisit", "2026-10-12T15:00:00+09:00")
    check(len(ledger(r)) == 2, "a second revisit is a second entitlement")


@test
def pocheon_sweep_books_an_unanswered_petition_once():
    # suggestion, 14 days from Tue 2026-10-06: 06-08 (1-3), 12-16 (4-8), 19-23 (9-13), 26 (14) →
    # due at the end of Mon 2026-10-26; never answered → the sweep books it
    r = petition("pocheon", "common", "suggestion", "internet", "2026-10-06T10:00:00+09:00")
    sid = statutory_id(r)
    check(result(r, sid)[1] == "2026-10-27 00:00", "due %r" % (result(r, sid)[1],))
    ctl("sweep", "--now", "2026-11-20T12:00:00+09:00")
    check(result(r, sid)[0] == "breached" and result(r, sid)[2] == "1", "sweep did not book the breach")
    check([x[0] for x in ledger(r)] == ["statutory-missed-compensation"], "ledger %r" % ledger(r))
    ctl("sweep", "--now", "2026-11-20T12:00:00+09:00")
    check(len(ledger(r)) == 1, "a second sweep booked again")


# ---- Gwangmyeong: 재방문 5,000원; 응대기준 미이행(방문) 5,000원; 불만 3회 → 교체 --------------

@test
def gwangmyeong_revisit_books_5000_won():
    r = petition("gwangmyeong", "autonomy", "simple-inquiry", "visit", "2026-10-06T10:00:00+09:00")
    event(r, "revisit", "2026-10-07T11:00:00+09:00")
    rows = ledger(r)
    check([tuple(x[:6]) for x in rows] == [("revisit-compensation", "revisit", "5000", "KRW", "culture-voucher", "owed")],
          "ledger %r" % rows)


@test
def gwangmyeong_visit_standard_missed_books_5000_won():
    # a visitor waited 3 minutes for the officer in charge (promise: within 1 minute)
    r = petition("gwangmyeong", "autonomy", "general", "visit", "2026-10-06T10:00:00+09:00")
    event(r, "visitor-arrived", "2026-10-06T10:00:00+09:00")
    event(r, "officer-found", "2026-10-06T10:03:00+09:00")
    check(result(r, "visit-officer-found")[0] == "breached", "1-minute promise not breached")
    rows = [x for x in ledger(r) if x[1] == "standard-missed"]
    check(len(rows) == 1 and rows[0][2] == "5000", "ledger %r" % ledger(r))
    # met in time: nothing
    ok = petition("gwangmyeong", "autonomy", "general", "visit", "2026-10-06T11:00:00+09:00")
    event(ok, "visitor-arrived", "2026-10-06T11:00:00+09:00")
    event(ok, "officer-found", "2026-10-06T11:00:40+09:00")
    check(result(ok, "visit-officer-found")[0] == "met", "met promise not met")
    check([x for x in ledger(ok) if x[1] == "standard-missed"] == [], "compensation for a kept promise")


@test
def gwangmyeong_standard_missed_is_for_visits_only():
    # an internet petition forwarded after 30 minutes (promise: 10 working minutes) → breached,
    # but the rule's condition is a visit: no compensation
    r = petition("gwangmyeong", "autonomy", "simple-inquiry", "internet", "2026-10-06T10:00:00+09:00")
    event(r, "forwarded", "2026-10-06T10:30:00+09:00")
    check(result(r, "mail-forward")[0] == "breached", "10-minute forwarding not breached")
    check([x for x in ledger(r) if x[1] == "standard-missed"] == [], "ledger %r" % ledger(r))


@test
def gwangmyeong_first_contact_counts_working_time():
    # received 10:00, first contact promised within 3 working hours: 10-12 (2 h), lunch, 13-14 →
    # due 14:00; contacted at 13:50 → met
    r = petition("gwangmyeong", "autonomy", "simple-inquiry", "internet", "2026-10-06T10:00:00+09:00")
    check(result(r, "first-contact")[1] == "2026-10-06 14:00", "due %r" % (result(r, "first-contact")[1],))
    event(r, "contacted", "2026-10-06T13:50:00+09:00")
    check(result(r, "first-contact")[0] == "met", "contact within 3 working hours not met")


@test
def extension_due_as_a_date_is_the_end_of_that_day():
    # 14 days from Tue 2026-10-06 → end of Mon 10-26 (see above); extended on 10-20 to "2026-11-06"
    # (a date alone: the end of that day, KST), within 14 more working days
    r = petition("pocheon", "common", "legal-inquiry", "mail", "2026-10-06T10:00:00+09:00")
    event(r, "extended", "2026-10-20T10:00:00+09:00", due="2026-11-06", reason="법령 해석 의뢰")
    check(result(r, statutory_id(r))[1] == "2026-11-07 00:00", "due %r" % (result(r, statutory_id(r)),))
    event(r, "dissatisfaction", "2026-10-21T10:00:00+09:00", officer="규칙시험 담당", upheld="true")
    check(sql_value("SELECT e.upheld FROM petition_events e JOIN petitions p ON p.id=e.petition_id "
                    "WHERE p.receipt_no=%s AND e.type='dissatisfaction'" % q(r)) == "1", "upheld=true not taken")


@test
def sweep_finishes_the_compensation_of_a_run_that_died():
    # what a sweep that died after booking a breach and before deciding its compensation leaves:
    # the breach booked under its name, no compensation, its run unfinished (2 hours ago)
    r = petition("pocheon", "common", "simple-inquiry", "internet", "2026-10-06T10:00:00+09:00")
    sid = statutory_id(r)
    dead = "sweep:dead-host:1:" + uuid.uuid4().hex[:8]
    sql("UPDATE petition_measures m JOIN petitions p ON p.id = m.petition_id SET m.status = 'breached', "
        "m.breach_booked_at = @now - INTERVAL 2 HOUR, m.booked_by = %s, m.late_seconds = 1 "
        "WHERE p.receipt_no = %s AND m.standard_id = %s" % (q(dead), q(r), q(sid)))
    sql("INSERT INTO sweep_runs (sweeper, started_at) VALUES (%s, @now - INTERVAL 2 HOUR)" % q(dead))
    check(ledger(r) == [], "compensation before the recovery")
    ctl("sweep", "--now", "2026-11-20T12:00:00+09:00")
    check([x[0] for x in ledger(r)] == ["statutory-missed-compensation"], "not recovered: %r" % ledger(r))
    check(sql_value("SELECT finished_at IS NOT NULL FROM sweep_runs WHERE sweeper = %s" % q(dead)) == "1",
          "the dead run is not closed")
    ctl("sweep", "--now", "2026-11-20T12:00:00+09:00")
    check(len(ledger(r)) == 1, "booked twice")
