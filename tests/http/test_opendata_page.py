"""/opendata/ (issue 5, point 3): every figure on the page — in its XML document
(/opendata/index.xml) and in the HTML tables under the SVG charts — equals what this test
recomputes independently from the raw rows (petitions, petition_measures, compensation,
petition_feedback, survey_votes) with the definitions of schema/007_opendata.sql; period
and department selection change the figures; invalid parameters answer 400; each chart has
one bar per row of the table after it; planted personal data never appears.

Petitions come in through the feed with receipt instants in 2024 (months no other test
uses), events through POST /admin/petitions/{receipt}/events, breaches and compensation
through `charterctl sweep`, a payment through POST /admin/compensation/{id}; questionnaire
answers, survey results and improvement plans are written with SQL (their own endpoints are
another module's), with the months they change marked in stats_dirty as the writers do; then
`charterctl stats refresh`."""
import html.parser
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

from harness import check, ctl, http, q, sql, sql_value, test, token

NS = "urn:x-g4c:petition-feed:1"
TAG = uuid.uuid4().hex[:8]
# planted personal data and texts that must never be published
NAME = "공개검사 박서준%s" % TAG[:3]
PHONE = "010-9%s-%s" % (TAG[:3], TAG[3:7])
ADDRESS = "포천시 비밀로 %s번길" % TAG[:4]
EMAIL = "secret.%s@example.kr" % TAG
TITLE = "비공개제목%s" % TAG
BODY = "비공개본문%s" % TAG
AUDITOR = "감사관 홍길%s" % TAG[:3]
SECRETS = [NAME, PHONE, ADDRESS, EMAIL, TITLE, BODY, AUDITOR]

RANGE = ("2024-03", "2024-06")
STATE = {}


# ------------------------------------------------------------------ set-up

def feed_item(rno, city, dept, kind, channel, received):
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>%s</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>"
            "<applicant><name>%s</name><address>%s</address><phone>%s</phone><email>%s</email>"
            "<sms-consent>false</sms-consent></applicant><title>%s</title>"
            "<body>%s</body></petition>"
            % (rno, kind, channel, received, city, dept, NAME, ADDRESS, PHONE, EMAIL, TITLE, BODY))


def push(items):
    source = "od-" + TAG + uuid.uuid4().hex[:4]
    body = ('<?xml version="1.0" encoding="UTF-8"?><petitions xmlns="%s" source="%s" '
            'generated="2024-07-01T09:00:00+09:00" sequence="1">%s</petitions>'
            % (NS, source, "".join(items)))
    r = http("POST", "/admin/feeds/g4c", body=body.encode(),
             headers={"Authorization": "Bearer " + token("feed"), "Content-Type": "application/xml"})
    check(r.status == 200 and 'rejected="0"' in r.text, "feed push: %d %s" % (r.status, r.text[:400]))
    return dict(sql("SELECT external_id, receipt_no FROM petitions WHERE source = %s" % q(source)))


def event(receipt, etype, at, **fields):
    form = {"type": etype, "at": at}
    form.update(fields)
    r = http("POST", "/admin/petitions/%s/events" % receipt, body=urllib.parse.urlencode(form).encode(),
             headers={"Authorization": "Bearer " + token("admin"), "Accept": "application/xml",
                      "Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 201, "%s %s on %s: %d %s" % (etype, at, receipt, r.status, r.text[:300]))


def advance(comp_id, state):
    r = http("POST", "/admin/compensation/%s" % comp_id,
             body=urllib.parse.urlencode({"state": state}).encode(),
             headers={"Authorization": "Bearer " + token("admin"), "Accept": "application/xml",
                      "Content-Type": "application/x-www-form-urlencoded"})
    check(r.status in (200, 201, 303), "compensation %s -> %s: %d %s" % (comp_id, state, r.status, r.text[:300]))


def mark(pid):
    sql("INSERT IGNORE INTO stats_dirty (city, dept, month) SELECT city, dept, received_month"
        " FROM petitions WHERE id = %s" % pid)


def setup():
    if STATE:
        return
    P, G = ("pocheon", "common"), ("gwangmyeong", "autonomy")
    plan = [  # external id, department, kind, channel, received (KST)
        ("p1", P, "simple-inquiry", "internet", "2024-03-05T10:00:00+09:00"),
        ("p2", P, "simple-inquiry", "internet", "2024-03-12T10:00:00+09:00"),
        ("p3", P, "simple-inquiry", "internet", "2024-04-02T09:30:00+09:00"),
        ("p4", P, "suggestion", "internet", "2024-04-16T10:00:00+09:00"),
        ("p5", P, "simple-inquiry", "internet", "2024-05-07T10:00:00+09:00"),
        ("p6", P, "simple-inquiry", "internet", "2024-06-30T23:30:00+09:00"),  # 14:30 UTC
        ("g1", G, "simple-inquiry", "visit", "2024-04-09T10:00:00+09:00"),
        ("g2", G, "simple-inquiry", "internet", "2024-05-14T10:00:00+09:00"),
        ("g3", G, "simple-inquiry", "internet", "2024-03-31T23:59:00+09:00"),
    ]
    items = [feed_item(TAG + x[0], x[1][0], x[1][1], x[2], x[3], x[4]) for x in plan]
    by_ext = push(items)
    rc = {k[len(TAG):]: v for k, v in by_ext.items()}
    check(len(rc) == len(plan), "stored %d of %d petitions" % (len(rc), len(plan)))
    event(rc["p1"], "answered", "2024-03-05T15:10:00+09:00")
    event(rc["p3"], "answered", "2024-04-03T11:45:00+09:00")
    event(rc["p5"], "answered", "2024-06-20T10:00:00+09:00")
    event(rc["p6"], "answered", "2024-07-01T10:00:00+09:00")
    event(rc["g1"], "revisit", "2024-04-10T11:00:00+09:00")
    event(rc["g1"], "answered", "2024-04-10T12:00:00+09:00")
    event(rc["g2"], "answered", "2024-05-14T16:20:00+09:00")
    ctl("sweep")
    ids = {k: sql_value("SELECT id FROM petitions WHERE receipt_no = %s" % q(v)) for k, v in rc.items()}
    # one compensation paid
    comp = sql_value("SELECT MIN(c.id) FROM compensation c WHERE c.petition_id IN (%s)"
                     % ",".join(ids.values()))
    if comp not in (None, "NULL"):
        advance(comp, "notified")
        advance(comp, "paid")
    # questionnaire answers (another module's endpoint): rows, and the months marked
    for ext, score, kept in (("p1", 5, "1"), ("p3", 2, "0"), ("g2", 4, "NULL"), ("g1", 3, "1")):
        sql("INSERT INTO petition_feedback (petition_id, score, promise_kept, comment, created_at)"
            " VALUES (%s, %d, %s, %s, @now)" % (ids[ext], score, kept, q(NAME)))
        mark(ids[ext])
    sql("INSERT INTO survey_results (city, dept, year, kind, respondents, score, summary,"
        " published_at, recorded_by) VALUES ('pocheon', 'common', 2024, 'satisfaction', 312, 82.50,"
        " %s, '2024-05-01 01:00:00', %s) ON DUPLICATE KEY UPDATE summary = VALUES(summary),"
        " recorded_by = VALUES(recorded_by)" % (q("시민 만족도 조사 요약 " + TAG), q(AUDITOR)))
    sql("INSERT INTO improvement_plans (city, dept, year, plan, published_at, recorded_by)"
        " VALUES ('pocheon', 'common', 2024, %s, '2024-06-01 01:00:00', %s)"
        " ON DUPLICATE KEY UPDATE plan = VALUES(plan), recorded_by = VALUES(recorded_by)"
        % (q("처리 기한 안내 개선 계획 " + TAG), q(AUDITOR)))
    ctl("stats", "refresh")
    STATE.update(receipts=rc, ids=ids)


# ------------------------------------------------------------------ recomputation

def label(period, ym):
    y, m = ym.split("-")
    if period == "month":
        return ym
    if period == "quarter":
        return "%s-Q%d" % (y, (int(m) - 1) // 3 + 1)
    return y


def months(a, b):
    y, m = map(int, a.split("-"))
    out = []
    while "%04d-%02d" % (y, m) <= b:
        out.append("%04d-%02d" % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def tenths(num, den):
    if den == 0:
        return ""
    t = (num * 2000 + den) // (2 * den)
    return "%d.%d" % (t // 10, t % 10)


def mean_tenths(total, n):
    if n == 0:
        return ""
    t = (total * 20 + n) // (2 * n)
    return "%d.%d" % (t // 10, t % 10)


def rank(hours, p):
    if not hours:
        return ""
    s = sorted(hours)
    k = -(-p * len(s) // 100)  # ceil
    return str(s[max(k, 1) - 1])


def raw(a, b):
    """The raw rows of the petitions received (KST) in months a..b, per petition."""
    lo = "%s-01 00:00:00" % a
    y, m = map(int, b.split("-"))
    hi = "%04d-%02d-01 00:00:00" % ((y + 1, 1) if m == 12 else (y, m + 1))
    rows = sql("SELECT id, city, dept, DATE_FORMAT(received_at + INTERVAL 9 HOUR, '%%Y-%%m'),"
               " IFNULL(GREATEST(TIMESTAMPDIFF(SECOND, received_at, answered_at), 0), -1) FROM petitions"
               " WHERE received_at >= %s - INTERVAL 9 HOUR AND received_at < %s - INTERVAL 9 HOUR"
               % (q(lo), q(hi)))
    pet = {}
    for pid, city, dept, month, secs in rows:
        secs = int(secs)
        pet[pid] = dict(city=city, dept=dept, month=month, measures=[], comp=[], fb=None,
                        hours=None if secs < 0 else secs // 3600)
    if not pet:
        return pet
    inlist = ",".join(pet)
    for pid, std, status in sql("SELECT petition_id, standard_id, status FROM petition_measures"
                                " WHERE petition_id IN (%s)" % inlist):
        pet[pid]["measures"].append((std, status))
    for pid, std, amount, state in sql("SELECT petition_id, IFNULL(standard_id, ''), amount, state"
                                       " FROM compensation WHERE petition_id IN (%s)" % inlist):
        pet[pid]["comp"].append((std, int(amount), state))
    for pid, score, kept in sql("SELECT petition_id, score, IFNULL(promise_kept, -1)"
                                " FROM petition_feedback WHERE petition_id IN (%s)" % inlist):
        pet[pid]["fb"] = (int(score), int(kept))
    return pet


def whole(measures):
    st = [s for _, s in measures]
    if "breached" in st:
        return "breached"
    if "pending" in st:
        return "pending"
    if "met" in st:
        return "met"
    return "na"


class Fig:
    def __init__(self):
        self.n = dict(applicable=0, met=0, breached=0, pending=0, na=0, comp_count=0,
                      comp_amount=0, paid_count=0, paid_amount=0)
        self.hours = []
        self.fb = [0, 0, 0, 0]  # responses, score sum, kept yes, kept no

    def add(self, p, std="*"):
        n = self.n
        if std == "*":
            n["applicable"] += 1
            n[whole(p["measures"])] += 1
            comps = p["comp"]
            if p["hours"] is not None:
                self.hours.append(p["hours"])
            if p["fb"]:
                self.fb[0] += 1
                self.fb[1] += p["fb"][0]
                self.fb[2] += p["fb"][1] == 1
                self.fb[3] += p["fb"][1] == 0
        else:
            for s, status in p["measures"]:
                if s == std:
                    n["applicable"] += 1
                    n[status] += 1
            comps = [c for c in p["comp"] if c[0] == std]
        for _, amount, state in comps:
            n["comp_count"] += 1
            n["comp_amount"] += amount
            if state == "paid":
                n["paid_count"] += 1
                n["paid_amount"] += amount

    def attrs(self, times):
        n = self.n
        ev = n["met"] + n["breached"]
        a = {"applicable": n["applicable"], "evaluated": ev, "met": n["met"],
             "breached": n["breached"], "pending": n["pending"], "na": n["na"],
             "rate": tenths(n["met"], ev), "comp-count": n["comp_count"],
             "comp-amount": n["comp_amount"], "paid-count": n["paid_count"],
             "paid-amount": n["paid_amount"]}
        if times:
            a.update({"answered": len(self.hours), "median-hours": rank(self.hours, 50),
                      "p90-hours": rank(self.hours, 90)})
        return {k: str(v) for k, v in a.items()}

    def fb_attrs(self):
        r, s, y, n = self.fb
        return {"responses": str(r), "score-sum": str(s), "mean": mean_tenths(s, r),
                "kept-yes": str(y), "kept-no": str(n), "kept-rate": tenths(y, y + n)}


def expected(period, a, b, dept=None):
    """{(city, dept or '*', period or '*'): Fig} over the catalogue's departments."""
    pet = raw(a, b)
    out = {}
    for p in pet.values():
        lab = label(period, p["month"])
        for key in ((p["city"], p["dept"], "*"), (p["city"], p["dept"], lab),
                    (p["city"], "*", "*"), (p["city"], "*", lab)):
            out.setdefault(key, Fig()).add(p)
    stds = {}
    if dept:
        for p in pet.values():
            if (p["city"], p["dept"]) != dept:
                continue
            for s in {m[0] for m in p["measures"]} | {c[0] for c in p["comp"] if c[0]}:
                stds.setdefault(s, Fig()).add(p, s)
    return out, stds


# ------------------------------------------------------------------ reading the page

def get_xml(query):
    r = http("GET", "/opendata/index.xml?" + query)
    check(r.status == 200, "index.xml?%s answered %d: %s" % (query, r.status, r.text[:400]))
    check(r.header("content-type", "").startswith("application/xml"), "not XML: %r" % r.headers)
    return ET.fromstring(r.body).find("opendata"), r.text


def subset(node, want, what):
    got = {k: node.get(k) for k in want}
    check(got == want, "%s: page %r, raw rows %r" % (what, got, want))


def compare(od, period, a, b, sel=None):
    exp, stds = expected(period, a, b, sel)
    labels = []
    for ym in months(a, b):
        if label(period, ym) not in labels:
            labels.append(label(period, ym))
    empty = Fig()
    cities = od.findall("city")
    check(cities, "no city on the page")
    for c in cities:
        code = c.get("code")
        subset(c.find("figures"), exp.get((code, "*", "*"), empty).attrs(True), "%s totals" % code)
        subset(c.find("feedback"), exp.get((code, "*", "*"), empty).fb_attrs(), "%s feedback" % code)
        got = [p.get("label") for p in c.findall("periods/period")]
        check(got == labels, "%s periods %r, expected %r" % (code, got, labels))
        for p in c.findall("periods/period"):
            subset(p, exp.get((code, "*", p.get("label")), empty).attrs(False),
                   "%s %s" % (code, p.get("label")))
        for d in c.findall("department"):
            key = (code, d.get("code"), "*")
            subset(d.find("figures"), exp.get(key, empty).attrs(True), "%s/%s" % key[:2])
            subset(d.find("feedback"), exp.get(key, empty).fb_attrs(), "%s/%s feedback" % key[:2])
    s = od.find("selected")
    if sel:
        check(s is not None and (s.get("city"), s.get("dept")) == sel, "no selected department")
        for p in s.findall("periods/period"):
            subset(p, exp.get((sel[0], sel[1], p.get("label")), empty).attrs(True),
                   "selected %s" % p.get("label"))
        check([p.get("label") for p in s.findall("periods/period")] == labels, "selected periods")
        got = {x.get("id"): x for x in s.findall("standards/standard")}
        check(set(got) == set(stds), "standards %r, expected %r" % (sorted(got), sorted(stds)))
        for sid, fig in stds.items():
            subset(got[sid], fig.attrs(False), "standard %s" % sid)
    else:
        check(s is None, "a selected department without dept=")
    return exp


class Html(html.parser.HTMLParser):
    """SVG charts (bars) and tables (caption, header cells, body rows as cell texts)."""

    def __init__(self):
        super().__init__()
        self.items = []     # ("svg", dict) / ("table", dict) in document order
        self.cur = None
        self.cell = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.items.append(("svg", {"attrs": a, "bars": 0, "title": False}))
        elif tag == "g" and self.items and self.items[-1][0] == "svg" and \
                "bar" in (a.get("class") or "").split() and self.cur is None:
            self.items[-1][1]["bars"] += 1
        elif tag == "title" and self.items and self.items[-1][0] == "svg":
            self.items[-1][1]["title"] = True
        elif tag == "table":
            self.cur = {"attrs": a, "rows": [], "caption": "", "scoped": 0, "th": 0, "body": False}
            self.items.append(("table", self.cur))
        elif self.cur is not None:
            if tag == "tbody":
                self.cur["body"] = True
            elif tag == "tr" and self.cur["body"]:
                self.cur["rows"].append([])
            elif tag in ("td", "th", "caption"):
                self.cell = tag
                self.text = []
                if tag == "th":
                    self.cur["th"] += 1
                    self.cur["scoped"] += "scope" in a

    def handle_endtag(self, tag):
        if tag == "table":
            self.cur = None
        elif self.cur is not None and tag == self.cell:
            t = "".join(self.text).strip()
            if tag == "caption":
                self.cur["caption"] = t
            elif self.cur["body"] and self.cur["rows"]:
                self.cur["rows"][-1].append(t)
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.text.append(data)


def won(v):
    return "{:,}원".format(int(v))


def pct(v):
    return v + "%" if v else "–"


def hours(v):
    return v + "시간" if v else "–"


def check_html(query, od):
    r = http("GET", "/opendata/?" + query)
    check(r.status == 200 and r.header("content-type", "").startswith("text/html"),
          "HTML answered %d" % r.status)
    p = Html()
    p.feed(r.text)
    items = p.items
    svgs = [i for i, (k, _) in enumerate(items) if k == "svg"]
    for i in svgs:
        svg = items[i][1]
        check(svg["attrs"].get("role") == "img" and svg["attrs"].get("aria-labelledby") and svg["title"],
              "chart without role/title: %r" % svg["attrs"])
        check(i + 1 < len(items) and items[i + 1][0] == "table", "chart %s not followed by a table"
              % svg["attrs"].get("id"))
        t = items[i + 1][1]
        check(svg["bars"] == len(t["rows"]) and svg["bars"] > 0, "chart %s: %d bars, table %d rows"
              % (svg["attrs"].get("id"), svg["bars"], len(t["rows"])))
        check(t["caption"] and t["scoped"] == t["th"], "table %s: caption or th scope missing"
              % t["attrs"].get("id"))
    tables = {t["attrs"].get("id"): t for k, t in items if k == "table"}
    for c in od.findall("city"):
        code = c.get("code")
        if od.find("selected") is None:
            rows = c.findall("periods/period")
            ev = sum(int(x.get("evaluated")) for x in rows)
            t = tables.get("od-%s-rate-table" % code)
            if ev == 0:
                check(t is None and "평가가 끝난 민원이 없어" in r.text, "%s: empty chart drawn" % code)
            else:
                check(t is not None, "%s: no rate table" % code)
                check(t["rows"] == [[x.get("label"), pct(x.get("rate")), x.get("evaluated"),
                                     x.get("met"), x.get("breached")] for x in rows],
                      "%s rate table %r" % (code, t["rows"]))
            t = tables.get("od-%s-comp-table" % code)
            if sum(int(x.get("comp-count")) for x in rows):
                check(t is not None and t["rows"] == [
                    [x.get("label"), x.get("comp-count"), won(x.get("comp-amount")),
                     x.get("paid-count"), won(x.get("paid-amount"))] for x in rows],
                    "%s compensation table %r" % (code, t and t["rows"]))
        deps = c.findall("department")
        t = tables.get("od-%s-dept-times" % code)
        check(t is not None and t["rows"] == [
            [d.get("name"), f.get("answered"), hours(f.get("median-hours")), hours(f.get("p90-hours")),
             f.get("comp-count"), won(f.get("comp-amount")), f.get("paid-count"), won(f.get("paid-amount"))]
            for d in deps for f in [d.find("figures")]], "%s department times %r" % (code, t and t["rows"]))
        if sum(int(d.find("figures").get("evaluated")) for d in deps):
            t = tables.get("od-%s-depts-table" % code)
            check(t is not None and t["rows"] == [
                [d.get("name"), pct(f.get("rate")), f.get("evaluated"), f.get("met"), f.get("breached")]
                for d in deps for f in [d.find("figures")]], "%s department rates" % code)
    s = od.find("selected")
    if s is not None and sum(int(x.get("evaluated")) for x in s.findall("periods/period")):
        t = tables.get("od-sel-rate-table")
        check(t is not None and t["rows"] == [
            [x.get("label"), pct(x.get("rate")), x.get("evaluated"), x.get("met"), x.get("breached"),
             x.get("answered"), hours(x.get("median-hours")), hours(x.get("p90-hours"))]
            for x in s.findall("periods/period")], "selected rate table %r" % (t and t["rows"]))
    return r.text, len(svgs)


def no_secrets(text, where):
    for s in SECRETS:
        check(s not in text, "%s shows personal data or a private text: %r" % (where, s))


# ------------------------------------------------------------------ tests

@test
def opendata_figures_equal_the_raw_rows():
    setup()
    query = "from=%s&to=%s" % RANGE
    od, text = get_xml(query)
    check(od.get("period") == "month" and od.get("from") == RANGE[0] and od.get("to") == RANGE[1],
          "filters echoed %r" % od.attrib)
    exp = compare(od, "month", *RANGE)
    # the scenario is there: both cities evaluated, a breach with compensation, one paid
    mine = Fig()
    for pid, p in raw(*RANGE).items():
        if pid in STATE["ids"].values():
            mine.add(p)
    pc = mine.n
    check(pc["met"] >= 1 and pc["breached"] >= 1 and pc["comp_count"] >= 1 and pc["paid_count"] == 1,
          "the scenario's outcomes are missing: %r" % pc)
    check(("gwangmyeong", "autonomy", "*") in exp, "no Gwangmyeong petitions in range")
    no_secrets(text, "index.xml")
    html_text, nsvg = check_html(query, od)
    check(nsvg >= 4, "only %d charts" % nsvg)
    no_secrets(html_text, "/opendata/")
    check("시민 만족도 조사 요약 " + TAG in html_text and "처리 기한 안내 개선 계획 " + TAG in html_text,
          "survey result or improvement plan not published")
    sv = od.find("city[@code='pocheon']/department[@code='common']/survey[@year='2024']")
    check(sv is not None and sv.get("respondents") == "312" and sv.get("score") == "82.50",
          "survey result %r" % (sv.attrib if sv is not None else None))


@test
def opendata_quarter_and_year_regroup_the_figures():
    setup()
    for period in ("quarter", "year"):
        query = "period=%s&from=%s&to=%s" % ((period,) + RANGE)
        od, text = get_xml(query)
        check(od.get("period") == period, "period %r" % od.get("period"))
        compare(od, period, *RANGE)
        check_html(query, od)
    # a narrower range changes the figures: only April
    od, _ = get_xml("from=2024-04&to=2024-04")
    compare(od, "month", "2024-04", "2024-04")


@test
def opendata_department_selection():
    setup()
    for query, sel in (("dept=pocheon/common&from=%s&to=%s" % RANGE, ("pocheon", "common")),
                       ("city=gwangmyeong&dept=autonomy&period=quarter&from=%s&to=%s" % RANGE,
                        ("gwangmyeong", "autonomy"))):
        od, text = get_xml(query)
        check([c.get("code") for c in od.findall("city")] == [sel[0]], "other cities shown for %s" % query)
        compare(od, od.get("period"), *RANGE, sel=sel)
        html_text, _ = check_html(query, od)
        no_secrets(html_text, "/opendata/?" + query)
        check("/opendata/compliance.csv?from=%s&amp;to=%s&amp;dept=%s/%s" % (RANGE + sel) in html_text,
              "dataset link without the filters")
    od, _ = get_xml("city=gwangmyeong&dept=%s&from=%s&to=%s" % ((urllib.parse.quote("자치행정과"),) + RANGE))
    check(od.get("dept") == "autonomy", "a department named with city= is not selected")
    od, _ = get_xml("city=pocheon&from=%s&to=%s" % RANGE)
    check([c.get("code") for c in od.findall("city")] == ["pocheon"], "city= does not filter")
    compare(od, "month", *RANGE)


@test
def opendata_defaults_links_and_votes():
    setup()
    for score in (5, 4, 2):
        r = http("POST", "/survey", body=urllib.parse.urlencode(
            {"page": "/opendata/", "score": str(score), "comment": NAME}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(r.status in (200, 303), "vote answered %d" % r.status)
    r = http("POST", "/survey", body=urllib.parse.urlencode(
        {"page": "/" + PHONE, "score": "1"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    od, text = get_xml("")
    now = sql_value("SELECT DATE_FORMAT(@now + INTERVAL 9 HOUR, '%Y-%m')")
    y, m = map(int, now.split("-"))
    first = "%04d-%02d" % ((y - 1, m + 1) if m < 12 else (y, 1))
    check((od.get("from"), od.get("to"), od.get("period")) == (first, now, "month"),
          "defaults %r" % od.attrib)
    check(len(od.findall("city[1]/periods/period")) == 12, "not 12 months by default")
    # page votes: per page over the range, only this site's page paths, top pages first
    rows = sql("SELECT page, COUNT(*), SUM(score) FROM survey_votes WHERE created_at >= %s - INTERVAL 9 HOUR"
               " GROUP BY page" % q(first + "-01"))
    listed = {p: (int(n), int(s)) for p, n, s in rows
              if p in ("/charter/", "/opendata/", "/board/new") or p.startswith("/charter/")}
    v = od.find("votes")
    got = {p.get("path"): (int(p.get("votes")), int(p.get("score-sum"))) for p in v.findall("page")}
    for path, fig in got.items():
        check(listed.get(path) == fig, "votes of %s: page %r, raw %r" % (path, fig, listed.get(path)))
    check("/opendata/" in got, "the votes on /opendata/ are not listed")
    check("/" + PHONE not in got, "a vote's made-up path is published")
    top = sorted(listed.values(), key=lambda x: -x[0])[:len(got)]
    check(sorted(x[0] for x in got.values()) == sorted(x[0] for x in top), "not the top pages")
    # links: periods, departments, datasets and their descriptions
    r = http("GET", "/opendata/")
    for frag in ("/opendata/?period=quarter&amp;from=%s&amp;to=%s" % (first, now),
                 "/opendata/?period=month&amp;from=%s&amp;to=%s&amp;dept=pocheon/common" % (first, now),
                 "/opendata/petitions.csv?from=%s&amp;to=%s" % (first, now),
                 "/opendata/satisfaction.json?", "/opendata/compensation.xml?",
                 "/opendata/compliance.xsd", "/opendata/compliance.json-schema",
                 '<form method="get" action="/opendata/"'):
        check(frag in r.text, "link or form missing: %s" % frag)
    check('href="/opendata/"' in http("GET", "/charter/").text, "no link to /opendata/ in the navigation")
    no_secrets(r.text, "/opendata/")


@test
def opendata_bad_parameters_400():
    for query, word in (("period=week", "period"), ("from=2024-13", "from"), ("to=24-01", "to"),
                        ("from=2024-05&to=2024-01", "from"), ("from=2000-01&to=2024-01", "from"),
                        ("dept=nowhere/none", "dept"), ("dept=common", "dept"),
                        ("city=seoul", "city"), ("city=gwangmyeong&dept=pocheon/common", "dept"),
                        ("from=%ZZ", "malformed")):
        r = http("GET", "/opendata/index.xml?" + query)
        check(r.status == 400 and word in r.text, "%s answered %d: %s" % (query, r.status, r.text[:300]))
        r = http("GET", "/opendata/?" + query)
        check(r.status == 400 and "text/html" in r.header("content-type", ""), "HTML %s: %d" % (query, r.status))
    r = http("GET", "/opendata/index.xml?period=week&from=x&to=y")
    check(r.text.count("<error>") == 3, "not every error listed: %s" % r.text)
