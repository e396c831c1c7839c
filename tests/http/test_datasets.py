"""The open datasets (issue 5, points 4 and 6): /opendata/{dataset}.{csv,json,xml} for
compliance, satisfaction, compensation and petitions, with their published descriptions
(.xsd, .json-schema). Petitions with known outcomes come in by the feed in two departments,
carrying distinctive personal data; `charterctl sweep` books breaches and compensation;
`charterctl stats refresh` (and rebuild, after the questionnaire answers, votes and surveys
this test writes straight into MariaDB) updates the figures. Every figure of every dataset
is recomputed here from the raw rows and compared; CSV is parsed with the csv module, XML
validated with xmllint against the published XSD, JSON with jsonschema against the
published JSON Schema; no planted personal datum appears in any answer."""
import csv
import io
import json
import os
import subprocess
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from harness import NOW, Failure, check, ctl, http, q, sql, push_feed, test, token

try:
    import jsonschema
except ImportError:     # tests/lib/setup.sh installs python3-jsonschema
    jsonschema = None

KST = timezone(timedelta(hours=9))
DATASETS = ("compliance", "satisfaction", "compensation", "petitions")
BOM = b"\xef\xbb\xbf"
TAG = uuid.uuid4().hex[:8]
# planted personal data: none of it may appear in any answer
SECRETS = ["데이터셋시민" + TAG, "010-7%s-%s" % (TAG[:3].translate(str.maketrans("abcdef", "123456")), "9182"),
           "비밀시 숨은로 %s번길" % TAG, "hidden-%s@example.org" % TAG, "감춘제목%s" % TAG,
           "감춘본문%s" % TAG, "비밀담당관%s" % TAG, "설문의견%s" % TAG]
STATE = {}


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def item(n, received, dept, events=(), kind="simple-inquiry"):
    ev = "".join('<event type="%s" at="%s" officer="%s"/>' % (t, iso(at), SECRETS[6])
                 for t, at in events)
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>internet</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>"
            '<statutory-period unit="days">7</statutory-period>'
            "<applicant><name>%s</name><address>%s</address><phone>%s</phone><email>%s</email>"
            "<sms-consent>false</sms-consent></applicant><title>%s, \"따옴표\"</title>"
            "<body>%s</body>%s</petition>"
            % (n, kind, iso(int(received)), dept[0], dept[1], SECRETS[0], SECRETS[2], SECRETS[1],
               SECRETS[3], SECRETS[4], SECRETS[5], "<events>%s</events>" % ev if ev else ""))


def feed(items):
    return push_feed(items, "ds")


def fetch(path, **params):
    url = path + ("?" + urlencode(params) if params else "")
    r = http("GET", url, timeout=120)
    for s in SECRETS:
        check(s.encode() not in r.body, "%s: planted personal datum %r appears" % (url, s))
    return r


# ---------------------------------------------------------------- parsing + validating

_schemas = {}


def described(name, kind):
    key = (name, kind)
    if key not in _schemas:
        r = fetch("/opendata/%s.%s" % (name, kind))
        check(r.status == 200, "%s.%s answered %d" % (name, kind, r.status))
        _schemas[key] = r.body
    return _schemas[key]


def validate_xml(name, body):
    with tempfile.TemporaryDirectory() as d:
        xsd, doc = os.path.join(d, "s.xsd"), os.path.join(d, "d.xml")
        open(xsd, "wb").write(described(name, "xsd"))
        open(doc, "wb").write(body)
        p = subprocess.run(["xmllint", "--noout", "--schema", xsd, doc], capture_output=True)
        check(p.returncode == 0, "%s.xml does not validate: %s" % (name, p.stderr.decode()[-600:]))


def validate_json(name, doc):
    schema = json.loads(described(name, "json-schema"))
    if jsonschema is None:
        raise Failure("python3-jsonschema is missing (tests/lib/setup.sh installs it)")
    # every row has the same shape: the first 2,000 stand for the rest (each
    # row's values are compared with the raw rows anyway); the pure-Python
    # validator takes minutes over the 200,000 rows test_feed leaves behind
    if isinstance(doc.get("rows"), list) and len(doc["rows"]) > 2000:
        doc = dict(doc, rows=doc["rows"][:2000])
    jsonschema.validate(doc, schema)


def as_text(v):
    """JSON value -> the text CSV and XML carry"""
    if v is None:
        return ""
    return str(v)


def rows_of(name, fmt, **params):
    """Downloads one dataset in one format, checks the format's rules and returns the rows
    as lists of strings ('' for a missing value) in the column order of the CSV header."""
    r = fetch("/opendata/%s.%s" % (name, fmt), **params)
    check(r.status == 200, "%s.%s?%s answered %d: %s" % (name, fmt, urlencode(params), r.status,
                                                         r.text[:300]))
    check(r.header("X-Generated-At", "").endswith("+09:00"), "no X-Generated-At: %r" % r.headers)
    check("kogl.or.kr" in r.header("Link", ""), "no licence Link header")
    if fmt == "csv":
        check(r.header("Content-Type") == "text/csv; charset=utf-8; header=present",
              "csv type %r" % r.header("Content-Type"))
        check('filename="%s.csv"' % name in r.header("Content-Disposition", ""), "disposition")
        check(r.body.startswith(BOM), "no byte-order mark")
        text = r.body[3:].decode("utf-8")
        check(text.endswith("\r\n"), "CSV does not end with CRLF")
        check("\n" not in text.replace("\r\n", ""), "bare LF in CSV")
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        return rows[0], rows[1:]
    if fmt == "json":
        check(r.header("Content-Type", "").startswith("application/json"), "json type")
        validate_json(name, json.loads(r.body.decode("utf-8")))
        doc = json.loads(r.body.decode("utf-8"), parse_float=str)   # decimals as written
        check(doc["dataset"] == name and "kogl.or.kr" in doc["licence"]["url"], "json head")
        check(doc["generated_at"].endswith("+09:00"), "generated_at %r" % doc["generated_at"])
        for k, v in params.items():     # echoed, a department as its code beside its city
            check(doc["filters"].get(k) == (v.split("/")[-1] if k == "dept" else v),
                  "filters %r lack %s=%s" % (doc["filters"], k, v))
        cols = [c["name"] for c in doc["columns"]]
        return cols, [[as_text(row[c]) for c in cols] for row in doc["rows"]]
    check(r.header("Content-Type", "").startswith("application/xml"), "xml type")
    validate_xml(name, r.body)
    import xml.etree.ElementTree as ET
    root = ET.fromstring(r.body)
    check(root.get("name") == name and "kogl.or.kr" in root.get("licence-url", "")
          and root.get("generated-at", "").endswith("+09:00") and root.get("licence"),
          "xml root attributes %r" % root.attrib)
    cols = [c["name"] for c in json.loads(described(name, "json-schema"))["x-csv-columns"]]
    out = []
    for row in root.findall("row"):
        vals = {e.tag: e.text or "" for e in row}
        out.append([vals.get(c, "") for c in cols])
    return cols, out


def same(name, cols, got, want, what=""):
    """got: rows as lists of strings; want: dicts column -> value (None for missing)"""
    exp = [[as_text(w.get(c)) for c in cols] for w in want]
    if sorted(got) != sorted(exp):
        g, e = set(map(tuple, got)), set(map(tuple, exp))
        raise Failure("%s%s: %d rows, expected %d; unexpected %r; missing %r"
                      % (name, what, len(got), len(exp), sorted(g - e)[:3], sorted(e - g)[:3]))


def every_format(name, want, **params):
    for fmt in ("csv", "json", "xml"):
        cols, got = rows_of(name, fmt, **params)
        same(name, cols, got, want, " %s %s" % (fmt, urlencode(params)))


# ---------------------------------------------------------------- independent figures

def utc(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)


def kst_iso(s):
    return None if s in (None, "NULL") else utc(s).astimezone(KST).strftime("%Y-%m-%dT%H:%M:%S+09:00")


def kst_month(s):
    return utc(s).astimezone(KST).strftime("%Y-%m")


F = "'%Y-%m-%d %H:%i:%s'"


def raw_petitions():
    rows = sql("SELECT receipt_no, city, dept, kind, channel, DATE_FORMAT(received_at, %s),"
               " DATE_FORMAT(statutory_due, %s), DATE_FORMAT(next_due, %s),"
               " DATE_FORMAT(answered_at, %s), DATE_FORMAT(closed_at, %s), state, breached,"
               " extended, supplemented, id FROM petitions" % (F, F, F, F, F))
    out = []
    for (rno, city, dept, kind, ch, rec, sdue, ndue, ans, clo, state, br, ext, sup, pid) in rows:
        outcome = ("breached" if br == "1" else "met" if ans != "NULL" else
                   "na" if state == "withdrawn" else "pending")
        out.append({"receipt_no": rno, "city": city, "dept": dept, "kind": kind, "channel": ch,
                    "received_at": kst_iso(rec), "statutory_due": kst_iso(sdue),
                    "next_due": kst_iso(ndue), "answered_at": kst_iso(ans), "closed_at": kst_iso(clo),
                    "state": state, "outcome": outcome, "extended": ext, "supplemented": sup,
                    "_id": pid, "_rec": rec, "_ans": ans})
    return out


def in_filter(p, city=None, dept=None, frm=None, to=None):
    """p: a raw petition; frm/to: KST dates 'YYYY-MM-DD' inclusive"""
    day = p["received_at"][:10]
    return ((city is None or p["city"] == city) and (dept is None or p["dept"] == dept)
            and (frm is None or day >= frm) and (to is None or day <= to))


def want_compensation(petitions, **flt):
    by_id = {p["_id"]: p for p in petitions if in_filter(p, **flt)}
    agg = defaultdict(lambda: [0, 0])
    for pid, rule, form, state, cur, amount in sql(
            "SELECT petition_id, rule_id, form, state, currency, amount FROM compensation"):
        p = by_id.get(pid)
        if p is None:
            continue
        a = agg[(p["city"], p["dept"], kst_month(p["_rec"]), rule, form, state, cur)]
        a[0] += 1
        a[1] += int(amount)
    return [dict(zip(("city", "dept", "month", "rule_id", "form", "state", "currency",
                      "count", "amount"), k + tuple(v))) for k, v in agg.items()]


def period_of(month, period):
    y, m = month.split("-")
    return month if period == "month" else y if period == "year" else "%s-Q%d" % (y, (int(m) + 2) // 3)


def rate(met, ev):
    if ev == 0:
        return None
    t = (met * 2000 + ev) // (2 * ev)
    return "%d.%d" % (t // 10, t % 10)


def nearest_rank(hours, p):
    if not hours:
        return None
    hours = sorted(hours)
    k = -(-p * len(hours) // 100)
    return hours[max(k, 1) - 1]


def want_compliance(petitions, period="month", frm=None, to=None, **flt):
    by_id = {p["_id"]: p for p in petitions if in_filter(p, **flt)
             and (frm is None or kst_month(p["_rec"]) >= frm)
             and (to is None or kst_month(p["_rec"]) <= to)}
    measures = defaultdict(list)
    for pid, sid, status in sql("SELECT petition_id, standard_id, status FROM petition_measures"):
        if pid in by_id:
            measures[pid].append((sid, status))
    comps = defaultdict(list)
    for pid, sid, amount, state in sql("SELECT petition_id, IFNULL(standard_id, ''), amount, state"
                                       " FROM compensation"):
        if pid in by_id:
            comps[pid].append((sid, int(amount), state))
    agg = {}

    def acc(key):
        if key not in agg:
            agg[key] = dict(applicable=0, met=0, breached=0, pending=0, na=0, hours=[],
                            comp_count=0, comp_amount=0, paid_count=0, paid_amount=0)
        return agg[key]

    for pid, p in by_id.items():
        per = period_of(kst_month(p["_rec"]), period)
        ms = measures[pid]
        if not ms:
            continue
        st = [s for _, s in ms]
        whole = ("breached" if "breached" in st else "pending" if "pending" in st else
                 "met" if "met" in st else "na")
        a = acc((p["city"], p["dept"], "*", per))
        a["applicable"] += 1
        a[whole] += 1
        if p["_ans"] != "NULL":
            a["hours"].append(max(0, int((utc(p["_ans"]) - utc(p["_rec"])).total_seconds() // 3600)))
        for sid, amount, state in comps[pid]:
            a["comp_count"] += 1
            a["comp_amount"] += amount
            if state == "paid":
                a["paid_count"] += 1
                a["paid_amount"] += amount
        for sid, status in ms:
            b = acc((p["city"], p["dept"], sid, per))
            b["applicable"] += 1
            b[status] += 1
            for csid, amount, state in comps[pid]:
                if csid == sid:
                    b["comp_count"] += 1
                    b["comp_amount"] += amount
                    if state == "paid":
                        b["paid_count"] += 1
                        b["paid_amount"] += amount
    out = []
    for (city, dept, sid, per), a in agg.items():
        ev = a["met"] + a["breached"]
        row = dict(city=city, dept=dept, standard=sid, period=per, evaluated=ev,
                   compliance_rate=rate(a["met"], ev))
        for k in ("applicable", "met", "breached", "pending", "na", "comp_count", "comp_amount",
                  "paid_count", "paid_amount"):
            row[k] = a[k]
        if sid == "*":
            row["answered"] = len(a["hours"])
            row["median_hours"] = nearest_rank(a["hours"], 50)
            row["p90_hours"] = nearest_rank(a["hours"], 90)
        out.append(row)
    return out


def mean(s, n):
    if n == 0:
        return None
    h = (s * 200 + n) // (2 * n)
    return "%d.%02d" % (h // 100, h % 100)


def want_satisfaction(petitions, period="month", city=None, dept=None):
    by_id = {p["_id"]: p for p in petitions if in_filter(p, city=city, dept=dept)}
    out = []
    fb = defaultdict(lambda: [0, 0, [0] * 5, 0, 0])
    for pid, score, kept in sql("SELECT petition_id, score, IFNULL(promise_kept, -1)"
                                " FROM petition_feedback"):
        p = by_id.get(pid)
        if p is None:
            continue
        a = fb[(p["city"], p["dept"], period_of(kst_month(p["_rec"]), period))]
        a[0] += 1
        a[1] += int(score)
        a[2][int(score) - 1] += 1
        a[3] += kept == "1"
        a[4] += kept == "0"
    for (c, d, per), a in fb.items():
        row = dict(source="questionnaire", city=c, dept=d, period=per, responses=a[0],
                   score_sum=a[1], mean_score=mean(a[1], a[0]), kept_yes=a[3], kept_no=a[4])
        row.update({"s%d" % (i + 1): a[2][i] for i in range(5)})
        out.append(row)
    if city is None and dept is None:
        votes = defaultdict(lambda: [0, 0, [0] * 5])
        for page, score, at in sql("SELECT HEX(page), score, DATE_FORMAT(created_at, %s)"
                                   " FROM survey_votes" % F):
            page = bytes.fromhex(page).decode("utf-8")
            a = votes[(page, period_of(kst_month(at), period))]
            a[0] += 1
            a[1] += int(score)
            a[2][int(score) - 1] += 1
        for (page, per), a in votes.items():
            row = dict(source="page-votes", page=page, period=per, responses=a[0],
                       score_sum=a[1], mean_score=mean(a[1], a[0]))
            row.update({"s%d" % (i + 1): a[2][i] for i in range(5)})
            out.append(row)
    for c, d, y, kind, n, score in sql("SELECT city, dept, year, kind, respondents, score"
                                       " FROM survey_results"):
        if (city is None or c == city) and (dept is None or d == dept):
            out.append(dict(source="survey", city=c, dept=d, period=y, kind=kind,
                            responses=n, score=score))
    return out


# ---------------------------------------------------------------- the scenario

def setup():
    """Petitions with known outcomes in two departments; results, breaches, compensation."""
    if STATE:
        return STATE
    now = NOW
    old = now - 40 * 86400          # long past its 7-day statutory period
    pc, gm = ("pocheon", "common"), ("gwangmyeong", "autonomy")
    src = feed([
        item("DS-MET-" + TAG, old, pc, [("answered", old + 86400)]),
        item("DS-LATE-" + TAG, old, gm, [("answered", old + 20 * 86400)]),
        item("DS-OPEN-" + TAG, old, pc),
        item("DS-WD-" + TAG, old, gm, [("withdrawn", old + 3600)]),
        item("DS-NEW-" + TAG, now - 3600, pc),
        item("DS-NEW2-" + TAG, now - 7200, gm, [("answered", now - 1800)]),
    ])
    ctl("sweep")
    ctl("stats", "refresh")
    STATE["source"] = src
    STATE["old_day"] = datetime.fromtimestamp(old, KST).strftime("%Y-%m-%d")
    return STATE


@test
def datasets_petitions_every_format_anonymised_and_exact():
    setup()
    raw = raw_petitions()
    mine = {r[0] for r in sql("SELECT id FROM petitions WHERE source=%s" % q(STATE["source"]))}
    outcomes = sorted(p["outcome"] for p in raw if p["_id"] in mine)
    check({"met", "breached", "pending"} <= set(outcomes), "outcomes %r" % outcomes)
    # the whole table (after test_feed: 200,000 rows and more) in CSV; every
    # format on the filtered sets below
    cols, got = rows_of("petitions", "csv")
    same("petitions", cols, got, raw, " csv (all)")
    # filters narrow
    cols, got = rows_of("petitions", "csv", dept="pocheon/common")
    same("petitions", cols, got, [p for p in raw if in_filter(p, city="pocheon", dept="common")],
         " csv dept=pocheon/common")
    every_format("petitions", [p for p in raw if in_filter(p, city="gwangmyeong", dept="autonomy")],
                 dept="autonomy", city="gwangmyeong")
    every_format("petitions", [p for p in raw if in_filter(p, city="gwangmyeong")], city="gwangmyeong")
    d = STATE["old_day"]
    every_format("petitions", [p for p in raw if in_filter(p, frm=d, to=d)], **{"from": d, "to": d})
    m = d[:7]
    every_format("petitions", [p for p in raw if in_filter(p, frm=m + "-01", to=m + "-31")],
                 **{"from": m, "to": m})


@test
def datasets_compensation_every_format_exact():
    setup()
    raw = raw_petitions()
    want = want_compensation(raw)
    check(want, "no compensation was booked: the scenario needs some")
    every_format("compensation", want)
    every_format("compensation", want_compensation(raw, city="pocheon", dept="common"),
                 dept="pocheon/common")
    d = STATE["old_day"]
    every_format("compensation", want_compensation(raw, frm=d, to=d), **{"from": d, "to": d})


@test
def datasets_compliance_every_format_and_period_exact():
    setup()
    ctl("stats", "refresh")
    raw = raw_petitions()
    every_format("compliance", want_compliance(raw))
    for period in ("quarter", "year"):
        every_format("compliance", want_compliance(raw, period=period), period=period)
    every_format("compliance", want_compliance(raw, city="gwangmyeong", dept="autonomy"),
                 dept="gwangmyeong/autonomy")
    m = STATE["old_day"][:7]
    every_format("compliance", want_compliance(raw, frm=m, to=m), **{"from": m, "to": m})


@test
def datasets_satisfaction_every_format_exact():
    setup()
    rows = sql("SELECT id FROM petitions WHERE source=%s AND answered_at IS NOT NULL ORDER BY id"
               % q(STATE["source"]))
    for i, (pid,) in enumerate(rows):
        sql("INSERT IGNORE INTO petition_feedback (petition_id, score, promise_kept, comment,"
            " created_at) VALUES (%s, %d, %d, %s, @now)"
            % (pid, 5 - i, i % 2, q(SECRETS[7])))
    sql("INSERT INTO survey_votes (page, score, comment, created_at) VALUES"
        " ('/charter/pocheon/common', 4, %s, @now),"
        " ('/charter/pocheon/common', 3, NULL, @now)" % q(SECRETS[7]))
    sql("INSERT IGNORE INTO survey_results (city, dept, year, kind, respondents, score, summary,"
        " published_at, recorded_by) VALUES ('pocheon', 'common', 2011, 'satisfaction', 321,"
        " 87.25, %s, @now, 'test-datasets')" % q(SECRETS[7]))
    ctl("stats", "rebuild")
    raw = raw_petitions()
    want = want_satisfaction(raw)
    check({w["source"] for w in want} == {"questionnaire", "page-votes", "survey"},
          "the scenario lacks a source: %r" % want)
    every_format("satisfaction", want)
    every_format("satisfaction", want_satisfaction(raw, period="year"), period="year")
    try:
        every_format("satisfaction", want_satisfaction(raw, city="pocheon", dept="common"),
                     dept="pocheon/common")
    finally:    # the survey row is this test's own: other modules do not expect it
        sql("DELETE FROM survey_results WHERE recorded_by = 'test-datasets'")


@test
def datasets_descriptions_and_csv_quoting():
    for name in DATASETS:
        r = fetch("/opendata/%s.json-schema" % name)
        check(r.status == 200, "%s.json-schema: %d" % (name, r.status))
        s = json.loads(r.body)
        cols = s["x-csv-columns"]
        check(all(c.get("description") for c in cols), "a column without description")
        props = s["properties"]["rows"]["items"]["properties"]
        check(all(props[c["name"]].get("description") for c in cols), "a property without one")
        check("kogl" in s["description"].lower() or "KOGL" in s["description"], "no licence")
        r = fetch("/opendata/%s.xsd" % name)
        check(r.status == 200 and b"xs:schema" in r.body, "%s.xsd: %r" % (name, r))
        # the CSV header is the described column list
        cols_csv, _ = rows_of(name, "csv", **{"from": "2000-01", "to": "2000-01"})
        check(cols_csv == [c["name"] for c in cols], "%s: csv header %r" % (name, cols_csv))
    # a value with a comma, a quote and a line break round-trips through CSV
    sql("INSERT IGNORE INTO survey_votes (page, score, created_at) VALUES"
        " ('/charter/x,\"y\"\r\nz', 2, @now)")
    ctl("stats", "rebuild")
    cols, rows = rows_of("satisfaction", "csv")
    check(any(r[cols.index("page")] == '/charter/x,"y"\r\nz' for r in rows),
          "a quoted CSV field did not round-trip")
    try:
        cols, rows = rows_of("satisfaction", "json")
        check(any(r[cols.index("page")] == '/charter/x,"y"\r\nz' for r in rows), "json escaping")
    finally:    # a line break in a page would upset other modules' tab-separated SQL reads
        sql("DELETE FROM survey_votes WHERE page LIKE '/charter/x,%'")
        ctl("stats", "rebuild")


@test
def datasets_bad_filters_400_unknown_404():
    for path, params, word in [
            ("petitions.csv", {"from": "2026-13"}, "from"),
            ("petitions.json", {"from": "2026-02-30"}, "from"),
            ("petitions.xml", {"to": "yesterday"}, "to"),
            ("petitions.json", {"from": "2026-05", "to": "2026-04"}, "after"),
            ("petitions.json", {"dept": "common"}, "city"),
            ("petitions.json", {"dept": "Pocheon/Common"}, "dept"),
            ("petitions.json", {"dept": "pocheon/common", "city": "gwangmyeong"}, "city"),
            ("petitions.json", {"city": "포천"}, "city"),
            ("petitions.json", {"period": "month"}, "period"),
            ("petitions.json", {"colour": "blue"}, "colour"),
            ("compliance.json", {"period": "week"}, "period"),
            ("compliance.xml", {"from": "2026-05-03"}, "month"),
            ("satisfaction.csv", {"to": "2026-05-03"}, "month")]:
        r = fetch("/opendata/" + path, **params)
        check(r.status == 400, "%s %r answered %d" % (path, params, r.status))
        check(word.encode() in r.body, "%s %r: the answer does not say %r: %s"
              % (path, params, word, r.text[:300]))
        if path.endswith(".json") or path.endswith(".csv"):
            json.loads(r.body)
        else:
            check(r.body.lstrip().startswith(b"<?xml") or r.body.lstrip().startswith(b"<"), "xml error")
    for path in ("/opendata/people.csv", "/opendata/petitions.pdf", "/opendata/petitions.xlsx"):
        r = fetch(path)
        check(r.status == 404, "%s answered %d" % (path, r.status))
        check(all(n.encode() in r.body for n in DATASETS), "%s: the 404 lacks the list" % path)
    r = http("HEAD", "/opendata/petitions.csv")
    check(r.status == 200 and r.body == b"", "HEAD: %r" % r)
