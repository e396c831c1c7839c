"""The officers' worklist (GET /admin/petitions), the compensation ledger (GET and POST
/admin/compensation) and accountability flags (issue 4, points 5-7). Petitions come in through a
G4C feed with a source of their own, so the tests can run more than once on the same stack."""
import datetime
import json
import re
import urllib.parse
import uuid

from harness import NOW, check, http, page_text, parse_xml, q, sql, sql_value, test, token

KST = datetime.timezone(datetime.timedelta(hours=9))
# distinctive personal data: none of it may appear in any worklist or ledger output
SECRET = {"name": "워크리스트갑돌", "address": "경기도 비밀시 숨은로 4242",
          "phone": "010-4242-9191", "email": "wl-secret-4242@example.kr"}
_state = {}


def _iso(t):
    return t.astimezone(KST).isoformat(timespec="seconds")


def _item(ext, city, dept, kind, channel, received, events=()):
    ev = "".join('<event type="%s" at="%s" officer="%s"/>' % (t, _iso(at), o)
                 for t, at, o in events)
    return """<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>%s</channel>
<received-at>%s</received-at><department city="%s" code="%s">부서</department>
<applicant><name>%s</name><address>%s</address><phone>%s</phone><email>%s</email>
<sms-consent>false</sms-consent></applicant><title>worklist test %s</title>
<body>worklist test body</body>%s</petition>""" % (
        ext, kind, channel, _iso(received), city, dept, SECRET["name"], SECRET["address"],
        SECRET["phone"], SECRET["email"], ext, "<events>%s</events>" % ev if ev else "")


def _push(source, items):
    body = ('<?xml version="1.0" encoding="UTF-8"?><petitions xmlns="urn:x-g4c:petition-feed:1"'
            ' source="%s" generated="%s" sequence="1">%s</petitions>'
            % (source, _iso(datetime.datetime.fromtimestamp(NOW, KST)), "".join(items)))
    r = http("POST", "/admin/feeds/g4c", body=body.encode(),
             headers={"Content-Type": "application/xml",
                      "Authorization": "Bearer " + token("feed")})
    check(r.status == 200 and b'rejected="0"' in r.body, "feed push: %r" % r)


def _receipt(source, ext):
    v = sql_value("SELECT receipt_no FROM petitions WHERE source=%s AND external_id=%s"
                  % (q(source), q(ext)))
    check(v, "petition %s not stored" % ext)
    return v


def setup():
    """Once per run: a feed of petitions received long ago, just now, and in between."""
    if _state:
        return _state
    src = "wl" + uuid.uuid4().hex[:10]
    now = datetime.datetime.fromtimestamp(NOW, KST).replace(microsecond=0)
    items = [
        # overdue: its stored deadline is put in the past below, as when the sweep has not
        # yet run since the deadline passed (an evaluation at intake books a breach instead)
        _item("WL-OVERDUE", "pocheon", "common", "general", "phone",
              now - datetime.timedelta(days=20)),
        # due soon: mail received now; forwarding is due within a working hour (pocheon)
        _item("WL-SOON", "pocheon", "common", "simple-inquiry", "mail",
              now - datetime.timedelta(minutes=1)),
        # later: a legal inquiry at the counter: 14 working days
        _item("WL-LATER", "pocheon", "common", "legal-inquiry", "visit",
              now - datetime.timedelta(minutes=1)),
        _item("WL-GM1", "gwangmyeong", "autonomy", "legal-inquiry", "visit",
              now - datetime.timedelta(hours=2)),
        _item("WL-GM2", "gwangmyeong", "autonomy", "legal-inquiry", "visit",
              now - datetime.timedelta(hours=3)),
        _item("WL-PC2", "pocheon", "common", "legal-inquiry", "visit",
              now - datetime.timedelta(hours=3)),
    ]
    _push(src, items)
    r = {ext: _receipt(src, ext) for ext in ("WL-OVERDUE", "WL-SOON", "WL-LATER", "WL-GM1",
                                              "WL-GM2", "WL-PC2")}
    sql("UPDATE petitions SET next_due = @now - INTERVAL 2 HOUR WHERE receipt_no=%s"
        % q(r["WL-OVERDUE"]))
    _state.update(source=src, receipts=r, now=now)
    return _state


def _get(path, tok=None, accept=None, role="admin", dept=None):
    h = {"Authorization": "Bearer " + (tok or token(role, dept))}
    if accept:
        h["Accept"] = accept
    return http("GET", path, headers=h)


def _json(path, **kw):
    r = _get(path, accept="application/json", **kw)
    check(r.status == 200, "%s: %r" % (path, r))
    check(r.header("content-type", "").startswith("application/json"), "not JSON")
    return json.loads(r.body)


def _rows(path="/admin/petitions.json?per_page=200", **kw):
    return _json(path, **kw)["worklist"]["petitions"]


def _no_personal_data(resp, what):
    for k, v in SECRET.items():
        check(v.encode() not in resp.body, "%s shows the applicant's %s" % (what, k))


@test
def worklist_sorted_by_nearest_deadline_with_overdue_and_due_soon():
    s = setup()
    rows = _rows()
    dues = [p.get("next-due-utc", "") for p in rows]
    have = [d for d in dues if d]
    check(have == sorted(have), "not sorted by next due: %r" % have)
    check(dues[:len(have)] == have, "petitions without a deadline are not last")
    by = {p["receipt"]: p for p in rows}
    rc = s["receipts"]
    for k in ("WL-OVERDUE", "WL-SOON", "WL-LATER"):
        check(rc[k] in by, "%s missing from the worklist" % k)
    o, soon, later = by[rc["WL-OVERDUE"]], by[rc["WL-SOON"]], by[rc["WL-LATER"]]
    check(o["overdue"] is True and o["due-soon"] is False, "overdue not marked: %r" % o)
    check(soon["due-soon"] is True and soon["overdue"] is False, "due soon not marked: %r" % soon)
    check(later["due-soon"] is False and later["overdue"] is False and later.get("next-due"),
          "later petition marked: %r" % later)
    order = [p["receipt"] for p in rows]
    check(order.index(rc["WL-OVERDUE"]) < order.index(rc["WL-SOON"]) <
          order.index(rc["WL-LATER"]), "overdue, due soon, later: not in that order")
    for p in (o, soon, later):
        check(p["department"] == "pocheon/common" and p["kind-ko"] and p["received"].endswith("KST"),
              "row fields: %r" % p)
    # the stored deadline is what the worklist shows
    db = sql_value("SELECT DATE_FORMAT(next_due, '%%Y-%%m-%%dT%%H:%%i:%%sZ') FROM petitions"
                   " WHERE receipt_no=%s" % q(rc["WL-LATER"]))
    check(later["next-due-utc"] == db, "next due %s, stored %s" % (later["next-due-utc"], db))
    page = _get("/admin/petitions?per_page=200", accept="text/html")
    check(page.status == 200 and b"<caption>" in page.body, "HTML table with a caption")
    check("기한 경과 (overdue)" in page_text(page) and "기한 임박 (due soon)" in page_text(page),
          "overdue / due soon not said in text")
    check(b'<form method="get"' in page.body and b'name="due_before"' in page.body,
          "the filters are not a GET form")


@test
def worklist_filters_work_and_combine():
    s = setup()
    rc = s["receipts"]
    rows = _rows("/admin/petitions.json?per_page=200&dept=pocheon/common")
    check(rows and all(p["department"] == "pocheon/common" for p in rows), "dept filter")
    check(rc["WL-GM1"] not in [p["receipt"] for p in rows], "another department listed")
    rows = _rows("/admin/petitions.json?per_page=200&state=open")
    check(all(p["state"] not in ("answered", "closed", "withdrawn") for p in rows), "open")
    st = sql_value("SELECT state FROM petitions WHERE receipt_no=%s" % q(rc["WL-LATER"]))
    rows = _rows("/admin/petitions.json?per_page=200&state=%s" % st)
    check(rows and all(p["state"] == st for p in rows), "state=%s" % st)
    # due_before: a week from now (KST date); the later petition (14 working days) is out
    day = (s["now"] + datetime.timedelta(days=7)).strftime("%Y-%m-%d")
    rows = _rows("/admin/petitions.json?per_page=200&due_before=" + day)
    lim = datetime.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=KST)
    check(all(p.get("next-due-utc") and datetime.datetime.strptime(
        p["next-due-utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc) < lim
        for p in rows), "due_before lets a later deadline through")
    got = [p["receipt"] for p in rows]
    check(rc["WL-OVERDUE"] in got and rc["WL-SOON"] in got and rc["WL-LATER"] not in got,
          "due_before %s: %r" % (day, got))
    stamp = urllib.parse.quote(_iso(s["now"] + datetime.timedelta(days=7)))
    got2 = [p["receipt"] for p in _rows("/admin/petitions.json?per_page=200&due_before=" + stamp)]
    check(rc["WL-OVERDUE"] in got2 and rc["WL-LATER"] not in got2, "due_before with an offset")
    for flag in ("yes", "no"):
        rows = _rows("/admin/petitions.json?per_page=200&breached=" + flag)
        check(all(p["breached"] is (flag == "yes") for p in rows), "breached=" + flag)
    rows = _rows("/admin/petitions.json?per_page=200&dept=gwangmyeong/autonomy&breached=no"
                 "&state=open&due_before=2099-01-01")
    check(all(p["department"] == "gwangmyeong/autonomy" and p["breached"] is False and
              p.get("next-due") for p in rows), "combined filters")
    paged = _json("/admin/petitions.json?per_page=1&page=2")["worklist"]
    check(len(paged["petitions"]) == 1 and paged["page"] == 2 and paged["per-page"] == 1,
          "paging: %r" % paged)
    check(paged["petitions"][0]["receipt"] == _rows()[1]["receipt"], "page 2 is the second row")


@test
def worklist_bad_filters_are_400():
    for qs in ("dept=Pocheon", "dept=pocheon", "state=done", "due_before=2026-02-30",
               "due_before=tomorrow", "due_before=2026-03-01T25:00", "breached=maybe",
               "per_page=201", "per_page=0", "page=0", "page=x"):
        r = _get("/admin/petitions?" + qs, accept="application/xml")
        check(r.status == 400, "%s answered %d" % (qs, r.status))
        name = qs.split("=")[0]
        check(name.encode() in r.body, "%s: the error does not name the field: %r" % (qs, r.body))
    r = _get("/admin/petitions.json?state=done&breached=maybe")
    check(r.status == 400 and len(json.loads(r.body)["errors"]) == 2, "every error at once")


@test
def worklist_department_token_sees_its_own_only():
    s = setup()
    rc = s["receipts"]
    rows = _rows(role="department", dept="gwangmyeong/autonomy")
    check(rows and all(p["department"] == "gwangmyeong/autonomy" for p in rows),
          "a department token sees other departments")
    check(rc["WL-GM1"] in [p["receipt"] for p in rows], "its own petition missing")
    r = _get("/admin/petitions?dept=pocheon/common", role="department", dept="gwangmyeong/autonomy")
    check(r.status == 403, "another department's filter answered %d" % r.status)
    r = _get("/admin/petitions.json?dept=gwangmyeong/autonomy", role="department",
             dept="gwangmyeong/autonomy")
    check(r.status == 200, "its own department filter answered %d" % r.status)
    check(_get("/admin/petitions", role="auditor").status == 200, "auditor may read")
    check(_get("/admin/petitions", role="feed").status == 403, "feed token not refused")
    check(http("GET", "/admin/petitions").status == 401, "no token: not 401")


@test
def worklist_formats_agree_and_hide_personal_data():
    setup()
    js = [p["receipt"] for p in _rows("/admin/petitions.json?per_page=200")]
    x = _get("/admin/petitions.xml?per_page=200")
    check(x.status == 200 and x.header("content-type", "").startswith("application/xml"), "XML")
    root = parse_xml(x.body)
    xs = [p.get("receipt") for p in root.iter("petition")]
    x2 = _get("/admin/petitions?per_page=200", accept="application/xml")
    check(x2.status == 200 and [p.get("receipt") for p in parse_xml(x2.body).iter("petition")] == xs,
          "Accept: application/xml differs from .xml")
    h = _get("/admin/petitions?per_page=200", accept="text/html")
    hs = re.findall(r'<a href="[^"]*/admin/petitions/([^"/]+)">', h.text)
    check(js == xs == hs, "JSON, XML and HTML rows differ:\n%r\n%r\n%r" % (js, xs, hs))
    for r, what in ((x, "XML"), (h, "HTML"), (_get("/admin/petitions.json?per_page=200"), "JSON"),
                    (_get("/admin/petitions.json", role="department", dept="pocheon/common"),
                     "department JSON")):
        _no_personal_data(r, "the worklist (%s)" % what)
    check("private" in h.header("cache-control", ""), "worklist cacheable")


def _event(receipt, form, role="admin", dept=None):
    return http("POST", "/admin/petitions/%s/events" % receipt,
                body=urllib.parse.urlencode(form).encode(),
                headers={"Authorization": "Bearer " + token(role, dept),
                         "Content-Type": "application/x-www-form-urlencoded",
                         "Accept": "application/xml"})


def _advance(cid, form, role="admin", dept=None):
    return http("POST", "/admin/compensation/%s" % cid,
                body=urllib.parse.urlencode(form).encode(),
                headers={"Authorization": "Bearer " + token(role, dept),
                         "Content-Type": "application/x-www-form-urlencoded",
                         "Accept": "application/xml"})


def _ledger_entry(receipt):
    s = setup()
    if "entry" in s:
        return s["entry"]
    # a revisit caused by staff: Pocheon's charter promises compensation for it
    at = _iso(datetime.datetime.fromtimestamp(NOW, KST) - datetime.timedelta(seconds=30))
    r = _event(receipt, {"type": "revisit", "at": at, "officer": "민원팀 재방문"})
    check(r.status in (200, 201), "revisit event: %r" % r)
    cid = sql_value("SELECT c.id FROM compensation c JOIN petitions p ON p.id = c.petition_id"
                    " WHERE p.receipt_no=%s AND c.trigger_name='revisit'" % q(receipt))
    check(cid, "the revisit booked no compensation")
    s["entry"] = cid
    return cid


@test
def ledger_lists_entries_with_totals_and_charter_version():
    s = setup()
    receipt = s["receipts"]["WL-LATER"]
    cid = _ledger_entry(receipt)
    led = _json("/admin/compensation.json?per_page=200")["compensation-ledger"]
    e = [x for x in led["entries"] if str(x["id"]) == cid]
    check(e, "entry %s not in the ledger" % cid)
    e = e[0]
    check(e["receipt"] == receipt and e["department"] == "pocheon/common", "entry %r" % e)
    check(e["trigger"] == "revisit" and e["amount"] == 10000 and e["currency"] == "KRW",
          "amount from Pocheon's charter: %r" % e)
    check(e["rule"] and e["rule-origin"] == "pocheon/common" and e["form"], "rule: %r" % e)
    check(e["version"] and e["booked"].endswith("KST") and e["arose"].endswith("KST"), "times %r" % e)
    check(any(t["state"] == "owed" and t["count"] >= 1 for t in led["totals"]), "totals per state")
    check(_get("/admin/compensation", role="auditor").status == 200, "auditor may read")
    check(_get("/admin/compensation", role="department", dept="pocheon/common").status == 403,
          "a department token read the ledger")
    h = _get("/admin/compensation", accept="text/html")
    check(h.status == 200 and b"<caption>" in h.body and receipt.encode() in h.body, "HTML ledger")
    x = _get("/admin/compensation.xml?dept=pocheon/common&state=owed")
    check(x.status == 200 and any(n.get("id") == cid for n in parse_xml(x.body).iter("entry")),
          "XML ledger with filters")
    for r in (h, x):
        _no_personal_data(r, "the ledger")
    for qs in ("state=due", "from=2026-13-01", "dept=x", "from=2026-03-02&to=2026-03-01"):
        check(_get("/admin/compensation?" + qs).status == 400, "ledger %s not 400" % qs)
    far = _json("/admin/compensation.json?from=2099-01-01")["compensation-ledger"]
    check(far["entries"] == [] and far["total"] == 0, "from filter")


@test
def ledger_entry_moves_owed_notified_paid_never_back():
    s = setup()
    cid = _ledger_entry(s["receipts"]["WL-LATER"])
    if sql_value("SELECT state FROM compensation WHERE id=%s" % cid) != "owed":
        return      # a rerun in the same test process: already advanced
    check(_advance(cid, {"state": "notified"}, role="department", dept="pocheon/common").status
          == 403, "a department token advanced an entry")
    check(_advance(cid, {"state": "notified"}, role="auditor").status == 403, "auditor advanced")
    check(_advance(cid, {"state": "owed"}).status == 422, "state=owed not 422")
    check(_advance(cid, {}).status == 422, "no state not 422")
    check(_advance("999999999", {"state": "paid"}).status == 404, "unknown entry not 404")
    r = _advance(cid, {"state": "notified", "note": "문자로 안내"})
    check(r.status == 200, "owed -> notified: %r" % r)
    root = parse_xml(r.body)
    n = root.find("compensation-entry")
    check(n is not None and n.get("state") == "notified" and n.get("notified"), "answer %r" % r.body)
    r = _advance(cid, {"state": "paid"})
    check(r.status == 200 and parse_xml(r.body).find("compensation-entry").get("state") == "paid",
          "notified -> paid: %r" % r)
    r = _advance(cid, {"state": "notified"})
    check(r.status == 409 and b"paid" in r.body, "paid -> notified: %r" % r)
    log = sql("SELECT state, by_whom, COALESCE(note, '') FROM compensation_log"
              " WHERE compensation_id=%s ORDER BY at, id" % cid)
    check([x[0] for x in log] == ["owed", "notified", "paid"], "log %r" % log)
    check(log[1][2] == "문자로 안내" and log[1][1], "who and the note logged: %r" % log)
    paid = _json("/admin/compensation.json?state=paid&per_page=200")["compensation-ledger"]
    check(any(str(e["id"]) == cid and e["paid"] for e in paid["entries"]), "state=paid filter")
    # owed -> paid directly is allowed
    rid = sql_value("SELECT id FROM compensation WHERE state='owed' ORDER BY id DESC LIMIT 1")
    if rid:
        check(_advance(rid, {"state": "paid"}).status == 200, "owed -> paid refused")


def _dissatisfaction(receipt, officer, upheld, minutes_ago):
    at = _iso(datetime.datetime.fromtimestamp(NOW, KST) - datetime.timedelta(minutes=minutes_ago))
    r = _event(receipt, {"type": "dissatisfaction", "at": at, "officer": officer,
                         "upheld": "yes" if upheld else "no"})
    check(r.status in (200, 201), "dissatisfaction event: %r" % r)


@test
def accountability_flags_officers_by_the_charter_threshold():
    s = setup()
    rc = s["receipts"]
    tag = uuid.uuid4().hex[:6]
    a, b, c = "감사대상A" + tag, "감사대상B" + tag, "포천담당C" + tag
    # Gwangmyeong: three upheld reports -> replace (교체 대상); one upheld -> train
    _dissatisfaction(rc["WL-GM1"], a, True, 50)
    _dissatisfaction(rc["WL-GM1"], a, True, 40)
    _dissatisfaction(rc["WL-GM2"], a, True, 30)
    _dissatisfaction(rc["WL-GM2"], b, True, 20)
    _dissatisfaction(rc["WL-GM2"], b, False, 15)
    _dissatisfaction(rc["WL-GM1"], b, False, 10)
    # Pocheon's charter states no accountability rule: no flag however many
    for m in (50, 40, 30):
        _dissatisfaction(rc["WL-PC2"], c, True, m)
    flags = {f["officer"]: f for f in _json("/admin/petitions.json")["worklist"]["flags"]}
    check(a in flags and flags[a]["action"] == "replace" and flags[a]["count"] == 3,
          "three upheld: %r" % flags.get(a))
    check(flags[a]["department"] == "gwangmyeong/autonomy", "flag department")
    check(b in flags and flags[b]["action"] == "train" and flags[b]["count"] == 1,
          "one upheld (two not): %r" % flags.get(b))
    check(c not in flags, "Pocheon flags an officer without a rule")
    h = _get("/admin/petitions", role="department", dept="gwangmyeong/autonomy", accept="text/html")
    t = page_text(h)
    check(a in t and "교체 대상" in t, "the replacement flag is not shown to the department")
    mine = {f["officer"] for f in _json("/admin/petitions.json", role="department",
                                        dept="pocheon/common")["worklist"]["flags"]}
    check(a not in mine, "another department's flags shown to a department token")
