"""Staff events (issue 4, point 3): POST /admin/petitions/{receipt}/events and
POST /admin/duties/{city}/{dept}; the engine run at intake and after every event
(petition_measures' results, the petition's state, flags and dues); breaches and
compensation booked once; deadlines on the status and staff pages.

Petitions come in through a pushed G4C feed with fixed receipt instants, so every
due below is computed by hand from deadlines.md (Asia/Seoul; the shipped holidays).
The stack's test clock stands at harness.NOW (check.sh: Tue 2026-11-24 12:00 KST), so
what is pending and what is overdue is the same on whatever day the suite runs.
"""
import hashlib
import json
import urllib.parse
import uuid

from harness import (check, ctl, http, iso_kst, NOW, page_text, parse_xml, q, sql, sql_value,
                     test, token)

FEED = "/admin/feeds/g4c"
CODE = "ABCD-EFGH-JKMN-PQRS"          # an access code set on a feed item for the status page
SOURCE = "ev" + uuid.uuid4().hex[:8]
_seq = [0]


def _item(ext, kind, received, city="pocheon", dept="common", channel="internet",
          stat=None, events=()):
    period = '<statutory-period unit="%s">%d</statutory-period>' % (stat[1], stat[0]) if stat else ""
    evs = "".join('<event type="%s" at="%s"/>' % e for e in events)
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>%s</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>%s"
            "<applicant><name>신청인홍길순</name><address>경기도 어딘가로 77-7</address>"
            "<phone>010-9876-5432</phone><sms-consent>false</sms-consent></applicant>"
            "<title>시험 민원 %s</title><body>시험 본문입니다.</body>%s</petition>"
            % (ext, kind, channel, received, city, dept, period, ext,
               "<events>%s</events>" % evs if evs else ""))


def feed(*items):
    """Pushes the items; returns their receipt numbers, in order."""
    _seq[0] += 1
    body = ('<?xml version="1.0" encoding="UTF-8"?><petitions xmlns="urn:x-g4c:petition-feed:1"'
            ' source="%s" generated="2026-11-23T09:00:00+09:00" sequence="%d">%s</petitions>'
            % (SOURCE, _seq[0], "".join(items)))
    r = http("POST", FEED, body=body.encode(), headers={
        "Content-Type": "application/xml", "Authorization": "Bearer " + token("feed")})
    check(r.status == 200 and b'rejected="0"' in r.body, "feed not stored: %r" % r)
    out = []
    for it in items:
        ext = it.split("<receipt-no>")[1].split("<")[0]
        out.append(sql_value("SELECT receipt_no FROM petitions WHERE source=%s AND external_id=%s"
                             % (q(SOURCE), q(ext))))
    return out


def ext():
    return "E-" + uuid.uuid4().hex[:12]


def post(receipt, fields, tok="admin", accept="application/xml", ctype=None, method="POST"):
    h = {"Content-Type": ctype or "application/x-www-form-urlencoded", "Accept": accept}
    if tok:
        h["Authorization"] = "Bearer " + (token(tok) if tok in ("admin", "auditor", "feed") else tok)
    return http(method, "/admin/petitions/%s/events" % receipt,
                body=urllib.parse.urlencode(fields).encode(), headers=h)


def ok(receipt, **fields):
    r = post(receipt, fields)
    check(r.status == 201, "%s: expected 201, got %r" % (fields.get("type"), r))
    return r


def refused(receipt, needle=None, status=409, **fields):
    r = post(receipt, fields)
    check(r.status == status, "%s: expected %d, got %r" % (fields, status, r))
    if needle:
        check(needle.encode() in r.body, "%d answer does not say %r: %r" % (status, needle, r.body))
    return r


def kst(col):
    return "DATE_FORMAT(%s + INTERVAL 9 HOUR, '%%Y-%%m-%%d %%H:%%i')" % col


def measures(receipt):
    """standard_id -> dict(status, due (KST), done, late, paused, booked, by)."""
    rows = sql("SELECT m.standard_id, m.status, %s, %s, IFNULL(m.late_seconds, ''), m.paused,"
               " IFNULL(m.breach_booked_at, ''), IFNULL(m.booked_by, '')"
               " FROM petition_measures m JOIN petitions p ON p.id = m.petition_id"
               " WHERE p.receipt_no = %s" % (kst("m.due"), kst("m.done_at"), q(receipt)))
    keys = ("status", "due", "done", "late", "paused", "booked", "by")
    return {r[0]: dict(zip(keys, r[1:])) for r in rows}


def petition(receipt, cols):
    rows = sql("SELECT %s FROM petitions WHERE receipt_no = %s" % (cols, q(receipt)))
    check(rows, "no petition %s" % receipt)
    return rows[0]


def compensation(receipt):
    return sql("SELECT c.rule_id, c.trigger_name, IFNULL(c.standard_id, ''), c.amount, c.currency,"
               " c.entitlement_key FROM compensation c JOIN petitions p ON p.id = c.petition_id"
               " WHERE p.receipt_no = %s ORDER BY c.id" % q(receipt))


# -------------------------------------------------------------------- intake

@test
def test_events_intake_evaluates_fresh_feed_items():
    # Pocheon complaint received Fri 2026-11-20 16:00 KST (internet):
    # complaint-assign P1D = 8 working hours: Fri 16-18 (2 h), Mon 09-12, 13-16 → Mon 11-23 16:00;
    # complaint-investigate P3D = 24 h: Fri 2, Mon 8, Tue 8, Wed 09-12 13-16 → Wed 11-25 16:00;
    # complaint-result P7D and the statutory 7 days (conf, complaint) in days: Fri 20 (1),
    # Mon 23 – Fri 27 (2–6), Mon 30 (7) → end of Mon 11-30 (stored as 12-01 00:00 KST).
    (rc,) = feed(_item(ext(), "complaint", "2026-11-20T16:00:00+09:00"))
    m = measures(rc)
    check(m["complaint-assign"]["due"] == "2026-11-23 16:00", "assign due %r" % m["complaint-assign"])
    check(m["complaint-investigate"]["due"] == "2026-11-25 16:00", "investigate %r" % m["complaint-investigate"])
    check(m["complaint-result"]["due"] == "2026-12-01 00:00", "result %r" % m["complaint-result"])
    check(m["statutory"]["due"] == "2026-12-01 00:00", "statutory %r" % m.get("statutory"))
    st = petition(rc, "state, statutory_value, statutory_unit, statutory_from, %s, next_due IS NOT NULL"
                  % kst("statutory_due"))
    check(st == ["received", "7", "days", "law", "2026-12-01 00:00", "1"], "petition %r" % st)
    pending = [v["due"] for v in m.values() if v["status"] == "pending" and v["due"] != "NULL"]
    nd = petition(rc, kst("next_due"))[0]
    check(pending and nd == min(pending), "next_due %s is not the nearest pending due %r" % (nd, pending))
    # at NOW (Tue 11-24 12:00) the assignment is overdue, left pending for the sweep to book
    # (as any period that ran out before intake); the others have not run out
    for k in ("complaint-assign", "complaint-investigate", "complaint-result", "statutory"):
        check(m[k]["status"] == "pending" and m[k]["booked"] == "", "%s: %r" % (k, m[k]))
    check(petition(rc, "next_due < @now")[0] == "1", "the overdue assignment is not the next due")


@test
def test_events_status_page_shows_deadlines_in_kst():
    (rc,) = feed(_item(ext(), "complaint", "2026-11-20T16:00:00+09:00"))
    norm = CODE.replace("-", "")
    sql("UPDATE petitions SET access_code_hash = %s WHERE receipt_no = %s"
        % (q(hashlib.sha256(norm.encode()).hexdigest()), q(rc)))
    r = http("GET", "/petitions/%s?code=%s" % (rc, CODE))
    check(r.status == 200, "status page answered %r" % r)
    t = page_text(r)
    for s in ("2026-11-25 16:00", "2026-11-30 24:00", "2026-11-23 16:00"):
        check(s in t, "status page lacks the due %s" % s)
    check("신청인홍길순" not in t and "010-9876-5432" not in t, "personal data on the status page")
    ok(rc, type="supplement-requested", at="2026-11-23T10:00:00+09:00", officer="민원팀 박담당")
    t = page_text(http("GET", "/petitions/%s?code=%s" % (rc, CODE)))
    check("보완 중 — 기한 정지" in t, "the status page does not show the stopped clock")
    ok(rc, type="supplement-received", at="2026-11-23T11:00:00+09:00")
    t = page_text(http("GET", "/petitions/%s?code=%s" % (rc, CODE)))
    # one working hour paused: 16:00 → 17:00; the paused day (11-23) is not counted: 11-30 → 12-01
    check("2026-11-25 17:00" in t and "2026-12-01 24:00" in t, "the pause did not move the dues: %s" % t[:2000])
    check("보완을 거쳤습니다" in t, "supplemented not shown")


# ------------------------------------------------------------------ events

@test
def test_events_each_type_is_accepted_in_order():
    (rc,) = feed(_item(ext(), "complaint", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    ok(rc, type="forwarded", at="2026-11-16T11:00:00+09:00", officer="민원팀 김담당",
       unit="민원팀", phone="031-538-0000")
    check(petition(rc, "officer_name, officer_unit, officer_phone") ==
          ["민원팀 김담당", "민원팀", "031-538-0000"], "named responsibility not stored")
    ok(rc, type="contacted", at="2026-11-16T13:00:00+09:00")
    ok(rc, type="assigned", at="2026-11-16T14:00:00+09:00", officer="건설과 최담당")
    check(petition(rc, "officer_name")[0] == "건설과 최담당", "assigned officer not named")
    ok(rc, type="supplement-requested", at="2026-11-17T10:00:00+09:00")
    check(petition(rc, "state")[0] == "awaiting-supplement", "state %r" % petition(rc, "state"))
    ok(rc, type="supplement-received", at="2026-11-18T10:00:00+09:00")
    ok(rc, type="investigated", at="2026-11-18T15:00:00+09:00", note="현장 확인")
    ok(rc, type="extended", at="2026-11-19T10:00:00+09:00", due="2027-01-15T18:00:00+09:00",
       reason="관계 기관 협의가 필요합니다")
    ok(rc, type="answered", at="2026-11-20T10:00:00+09:00")
    ok(rc, type="result-notified", at="2026-11-20T11:00:00+09:00")
    ok(rc, type="revisit", at="2026-11-20T12:00:00+09:00")
    ok(rc, type="dissatisfaction", at="2026-11-20T13:00:00+09:00", officer="건설과 최담당", upheld="no")
    ok(rc, type="closed", at="2026-11-21T10:00:00+09:00")
    st = petition(rc, "state, supplemented, extended, answered_at IS NOT NULL, closed_at IS NOT NULL")
    check(st == ["closed", "1", "1", "1", "1"], "petition after all events %r" % st)
    n = sql_value("SELECT COUNT(*) FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
                  " WHERE p.receipt_no = %s AND e.recorded_by LIKE 'token:%%'" % q(rc))
    check(n == "12", "%s events recorded with who recorded them" % n)
    up = sql("SELECT upheld, note FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
             " WHERE p.receipt_no = %s AND e.type IN ('dissatisfaction', 'investigated')"
             " ORDER BY e.at" % q(rc))
    check(up == [["NULL", "현장 확인"], ["0", "NULL"]], "upheld/note stored as %r" % up)
    (w,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00"))
    ok(w, type="withdrawn", at="2026-11-17T10:00:00+09:00")
    check(petition(w, "state")[0] == "withdrawn", "withdrawn state")


@test
def test_events_answer_201_in_each_format():
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    r = post(rc, {"type": "contacted", "at": "2026-11-16T11:00:00+09:00"})
    check(r.status == 201 and r.header("location", "").endswith("/admin/petitions/" + rc), "xml %r" % r)
    root = parse_xml(r.body)
    res = root.findall(".//result")
    check(res and root.find(".//event-recorded").get("state") == "in-progress", "xml answer %r" % r.body)
    st = [x for x in res if x.get("id") == "statutory"][0]
    # 30 working days from Mon 11-16: 11-16..12-24 is 29 (12-25 기독탄신일), Mon 12-28 the 30th
    check(st.get("due") == "2026-12-29T00:00:00+09:00" and st.get("status") == "pending", "statutory %r" % st.attrib)
    r = post(rc, {"type": "investigated", "at": "2026-11-16T12:00:00+09:00"}, accept="application/json")
    check(r.status == 201 and r.header("content-type", "").startswith("application/json"), "json %r" % r)
    j = json.loads(r.body)
    check(j["state"] == "in-progress" and any(x["id"] == "statutory" and x["status"] == "pending"
                                              for x in j["results"]), "json answer %r" % j)
    r = post(rc, {"type": "forwarded", "at": "2026-11-16T12:30:00+09:00"}, accept="text/html")
    check(r.status == 201 and b"<html" in r.body and rc.encode() in r.body, "html %r" % r)


@test
def test_events_impossible_transitions_are_409_with_the_reason():
    (a, b, c, d, e) = feed(*[_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days"))
                             for _ in range(5)])
    ok(a, type="supplement-requested", at="2026-11-17T10:00:00+09:00")
    r = refused(a, type="answered", at="2026-11-17T12:00:00+09:00")
    check(len(parse_xml(r.body).findtext("message") or "") > 10, "409 without a reason")
    r = refused(b, type="closed", at="2026-11-17T12:00:00+09:00")
    ok(c, type="withdrawn", at="2026-11-17T10:00:00+09:00")
    refused(c, type="contacted", at="2026-11-17T12:00:00+09:00")
    refused(c, type="revisit", at="2026-11-18T12:00:00+09:00")
    # extensions: once; a second only with the petitioner's consent; within the limit
    # (the original period again after the original due, end of Mon 12-28)
    ok(d, type="extended", at="2026-11-18T10:00:00+09:00", due="2027-01-05T18:00:00+09:00", reason="현장 조사")
    refused(d, type="extended", at="2026-11-19T10:00:00+09:00", due="2027-01-08T18:00:00+09:00",
            reason="추가 조사")
    ok(d, type="extended", at="2026-11-19T10:00:00+09:00", due="2027-01-08T18:00:00+09:00",
       reason="추가 조사", consent="yes")
    check(sql_value("SELECT consent FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
                    " WHERE p.receipt_no = %s AND e.type = 'extended' ORDER BY e.at DESC LIMIT 1"
                    % q(d)) == "1", "consent not stored")
    refused(e, type="extended", at="2026-11-18T10:00:00+09:00", due="2027-12-31T18:00:00+09:00", reason="너무 김")
    refused(e, type="extended", at="2026-11-18T10:00:00+09:00", due="2026-12-10T18:00:00+09:00",
            reason="기한보다 앞섬")
    # Pocheon simple inquiry received Mon 11-02: 7 days end with Tue 11-10; extended on 11-12
    (f,) = feed(_item(ext(), "simple-inquiry", "2026-11-02T10:00:00+09:00"))
    refused(f, type="extended", at="2026-11-12T10:00:00+09:00", due="2026-11-20T18:00:00+09:00", reason="늦음")
    refused(f, type="forwarded", at="2026-11-01T10:00:00+09:00")     # before receipt


@test
def test_events_invalid_fields_are_422():
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    refused(rc, "teleported", 422, type="teleported", at="2026-11-17T10:00:00+09:00")
    refused(rc, "type", 422, type="Answered!")
    refused(rc, "type", 422, at="2026-11-17T10:00:00+09:00")
    r = refused(rc, None, 422, type="extended", at="2026-11-17T10:00:00+09:00")
    check(b"due" in r.body and b"reason" in r.body, "extended without due and reason: %r" % r.body)
    refused(rc, "upheld", 422, type="dissatisfaction", at="2026-11-17T10:00:00+09:00")
    refused(rc, "upheld", 422, type="dissatisfaction", upheld="maybe")
    refused(rc, "at", 422, type="contacted", at="yesterday")
    refused(rc, "at", 422, type="contacted", at="2026-11-17T10:00:00")        # no offset
    refused(rc, "future", 422, type="contacted", at="2030-01-01T10:00:00+09:00")
    refused(rc, "note", 422, type="contacted", note="가" * 501)
    refused(rc, "officer", 422, type="forwarded", officer="x" * 101)
    refused(rc, "consent", 422, type="contacted", consent="maybe")
    r = post(rc, {"type": "contacted"}, ctype="application/json")
    check(r.status == 415, "a JSON body answered %r" % r)
    check(sql_value("SELECT COUNT(*) FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
                    " WHERE p.receipt_no = %s" % q(rc)) == "0", "an invalid event was stored")


@test
def test_events_instants_out_of_range_are_422():
    """An event's at and due, and a duty's at, are instants from outside: out of the range
    the store holds (2000-01-01T00:00:00+09:00 .. 2038-01-19T03:14:07Z), or an at more than
    future_tolerance (5 minutes) ahead of now, is a 422 saying so, never a 5xx, and
    nothing is stored; a minute ahead is accepted (clocks differ)."""
    t = NOW
    (rc,) = feed(_item(ext(), "suggestion", iso_kst(t - 3 * 86400), stat=(30, "days")))
    ext_ = {"type": "extended", "at": iso_kst(t - 3600), "reason": "관계 기관 협의"}
    refused(rc, "at: after 2038-01-19T03:14:07Z", 422, type="contacted",
            at="2099-01-01T00:00:00+09:00")
    refused(rc, "at: in the future; at most 5 minutes ahead of now", 422, type="contacted",
            at=iso_kst(t + 3600))
    refused(rc, "at: before 2000-01-01T00:00:00+09:00", 422, type="contacted",
            at="1999-12-31T23:59:59+09:00")
    refused(rc, "due: after 2038-01-19T03:14:07Z", 422, due="2099-01-01T00:00:00+09:00", **ext_)
    refused(rc, "due: after 2038-01-19T03:14:07Z", 422, due="2099-01-01", **ext_)
    refused(rc, "due: before 2000-01-01T00:00:00+09:00", 422, due="1990-01-01", **ext_)
    check(sql_value("SELECT COUNT(*) FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
                    " WHERE p.receipt_no = %s" % q(rc)) == "0", "an out-of-range event was stored")
    ok(rc, type="contacted", at=iso_kst(t + 60))
    r = http("POST", "/admin/duties/pocheon/common", body=urllib.parse.urlencode(
        {"what": "board-check", "at": "2099-01-01T00:00:00+09:00"}).encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/xml",
        "Authorization": "Bearer " + token("admin")})
    check(r.status == 422 and b"2038-01-19T03:14:07Z" in r.body, "duty in 2099: %r" % r)


@test
def test_events_need_the_departments_credential():
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    f = {"type": "contacted", "at": "2026-11-17T10:00:00+09:00"}
    check(post(rc, f, tok=None).status == 401, "no token: not 401")
    r = post(rc, f, tok=token("department", "gwangmyeong/autonomy"))
    check(r.status == 403, "another department's token answered %r" % r)
    check(post(rc, f, tok="auditor").status == 403, "auditor may not record events")
    check(post(rc, f, tok="feed").status == 403, "feed may not record events")
    check(post("2026-nowhere-none-000001", f).status == 404, "unknown receipt: not 404")
    r = post(rc, f, tok=token("department", "pocheon/common"))
    check(r.status == 201, "own department answered %r" % r)


@test
def test_events_are_immutable():
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    ok(rc, type="contacted", at="2026-11-17T10:00:00+09:00", note="처음")
    refused(rc, "already recorded", 409, type="contacted", at="2026-11-17T10:00:00+09:00", note="고침")
    for m in ("PUT", "DELETE", "PATCH"):
        r = post(rc, {"type": "contacted"}, method=m)
        check(r.status == 405 and "POST" in r.header("allow", ""), "%s answered %r" % (m, r))
    check(sql("SELECT note FROM petition_events e JOIN petitions p ON p.id = e.petition_id"
              " WHERE p.receipt_no = %s" % q(rc)) == [["처음"]], "the event changed")


# ------------------------------------------------------------------ the clock

@test
def test_events_supplement_pause_moves_the_due():
    # 30 working days from Mon 11-16 end with Mon 12-28; a supplement from Wed 11-18 to
    # Thu 11-19 (both days not counted) moves the end two working days: Wed 12-30.
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    check(measures(rc)["statutory"]["due"] == "2026-12-29 00:00", "before %r" % measures(rc))
    ok(rc, type="supplement-requested", at="2026-11-18T10:00:00+09:00", officer="민원팀 김담당")
    m = measures(rc)["statutory"]
    check(m["paused"] == "1" and m["due"] == "NULL" and m["status"] == "pending", "paused %r" % m)
    check(petition(rc, "next_due IS NULL")[0] == "1", "a stopped clock has a next_due")
    ok(rc, type="supplement-received", at="2026-11-19T15:00:00+09:00")
    m = measures(rc)["statutory"]
    check(m["paused"] == "0" and m["due"] == "2026-12-31 00:00", "after the pause %r" % m)
    check(petition(rc, "supplemented, %s, %s" % (kst("statutory_due"), kst("next_due"))) ==
          ["1", "2026-12-31 00:00", "2026-12-31 00:00"], "petition after the pause")


@test
def test_events_extension_sets_the_statutory_due():
    (rc,) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")))
    ok(rc, type="extended", at="2026-11-19T10:00:00+09:00", due="2027-01-08T18:00:00+09:00",
       reason="관계 기관 협의가 필요합니다")
    check(petition(rc, "extended, %s" % kst("statutory_due")) == ["1", "2027-01-08 18:00"],
          "extension not applied: %r" % petition(rc, "extended, statutory_due"))
    check(measures(rc)["statutory"]["due"] == "2027-01-08 18:00", "statutory result %r" % measures(rc))
    r = http("GET", "/admin/petitions/%s" % rc, headers={"Authorization": "Bearer " + token("admin"),
                                                         "Accept": "text/html"})
    t = page_text(r)
    check(r.status == 200 and "2027-01-08 18:00" in t and "관계 기관 협의가 필요합니다" in t,
          "staff page lacks the extension")


# ------------------------------------------------------------------ breaches and compensation

@test
def test_events_late_answer_books_the_breach_and_compensation_once():
    # Pocheon simple inquiry received Mon 11-02 10:00: 7 working days (simple-inquiry-answer,
    # statutory) end with Tue 11-10; answered Thu 11-12 10:00 → 34 hours late.
    (rc,) = feed(_item(ext(), "simple-inquiry", "2026-11-02T10:00:00+09:00"))
    # the period ran out before intake, with nothing done: overdue, left for the sweep to book
    # (so that an answer recorded afterwards for an earlier instant is still judged by it)
    m = measures(rc)["simple-inquiry-answer"]
    check(m["status"] == "pending" and m["booked"] == "", "overdue at intake: %r" % m)
    check(petition(rc, "next_due IS NOT NULL AND next_due < @now")[0] == "1",
          "an overdue petition has no past next_due")
    ok(rc, type="answered", at="2026-11-12T10:00:00+09:00")
    m = measures(rc)["simple-inquiry-answer"]
    check(m["status"] == "breached" and m["late"] == str(34 * 3600) and m["done"] == "2026-11-12 10:00",
          "answered late: %r" % m)
    check(m["booked"] != "", "the late answer did not book the breach: %r" % m)
    booked = m["booked"], m["by"]
    ctl("sweep", "--quiet")
    m = measures(rc)["simple-inquiry-answer"]
    check((m["booked"], m["by"]) == booked, "the breach was booked again")
    ok(rc, type="closed", at="2026-11-13T10:00:00+09:00")
    c = compensation(rc)
    check(c == [["statutory-missed-compensation", "statutory-missed", "simple-inquiry-answer",
                 "10000", "KRW", "statutory-missed-compensation"]], "compensation %r" % c)
    check(petition(rc, "breached")[0] == "1", "petition not marked breached")
    r = http("GET", "/admin/petitions/%s.xml" % rc, headers={"Authorization": "Bearer " + token("admin")})
    root = parse_xml(r.body)
    check(r.status == 200 and root.find(".//compensation/entry") is not None and
          root.find(".//compensation/entry").get("amount") == "10000", "staff page lacks the compensation")
    ev = root.findall(".//events/event")
    check(ev and all(e.get("recorded-by") and e.get("recorded-at") for e in ev), "who/when not on the staff page")


@test
def test_events_revisit_books_compensation_once_per_revisit():
    (p, g) = feed(_item(ext(), "suggestion", "2026-11-16T10:00:00+09:00", stat=(30, "days")),
                  _item(ext(), "legal-inquiry", "2026-11-16T10:00:00+09:00", city="gwangmyeong",
                        dept="autonomy", channel="visit", stat=(30, "days")))
    ok(p, type="revisit", at="2026-11-17T10:00:00+09:00")
    ok(p, type="contacted", at="2026-11-17T11:00:00+09:00")
    ok(p, type="revisit", at="2026-11-18T10:00:00+09:00")
    c = compensation(p)
    check([x[:5] for x in c] == [["revisit-compensation", "revisit", "", "10000", "KRW"]] * 2 and
          c[0][5] != c[1][5], "Pocheon revisits booked %r" % c)
    ok(g, type="revisit", at="2026-11-17T10:00:00+09:00")
    ok(g, type="contacted", at="2026-11-17T11:00:00+09:00")
    c = compensation(g)
    check([x[:5] for x in c] == [["revisit-compensation", "revisit", "", "5000", "KRW"]],
          "Gwangmyeong revisit booked %r" % c)


# ------------------------------------------------------------------ duties

@test
def test_events_duty_records():
    path = "/admin/duties/pocheon/common"
    at = "2026-11-23T%02d:%02d:00+09:00" % (9 + uuid.uuid4().int % 8, uuid.uuid4().int % 60)

    def duty(fields, tok="admin", p=path):
        return http("POST", p, body=urllib.parse.urlencode(fields).encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/xml",
            "Authorization": "Bearer " + (token(tok) if tok == "admin" else tok)})

    f = {"what": "board-check", "at": at, "note": "오전 점검"}
    r = duty(f)
    check(r.status == 201, "duty answered %r" % r)
    check(sql_value("SELECT COUNT(*) FROM duty_records WHERE city='pocheon' AND dept='common'"
                    " AND what='board-check' AND at = %s - INTERVAL 9 HOUR AND recorded_by LIKE 'token:%%'"
                    % q(at[:19].replace("T", " "))) == "1", "duty not stored")
    check(duty(f).status == 409, "a duplicate duty record was not refused")
    check(duty(dict(f, what="lunch")).status == 422, "unknown duty accepted")
    check(duty(f, tok=token("department", "gwangmyeong/autonomy")).status == 403, "other dept")
    own = "2026-11-22T%02d:%02d:00+09:00" % (9 + uuid.uuid4().int % 8, uuid.uuid4().int % 60)
    check(duty(dict(f, at=own), tok=token("department", "pocheon/common")).status == 201,
          "own department refused")
    check(duty(f, p="/admin/duties/pocheon/nowhere").status == 404, "unknown department")
