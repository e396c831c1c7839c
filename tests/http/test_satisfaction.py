"""Satisfaction (issue 5, point 2): the questionnaire on the citizen's status page once a
petition is answered (POST /petitions/{receipt}/feedback), the page votes' monthly counts
(stats_votes, kept in the vote's transaction), and the auditor's yearly survey results and
improvement plans with the duty records the sweep judges (the plan within three months).

Petitions come in through the feed; the test gives each one an access code of its own
(only the code's SHA-256 is stored) and answers it through the events endpoint."""
import hashlib
import html
import json
import os
import random
import re
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone

from harness import (ENV, NOW, check, ctl, get, http, push_feed, put_charter, q, sql, sql_value, test,
                     token)

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
KST = timezone(timedelta(hours=9))
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_one(dept=("pocheon", "common")):
    """A new petition received an hour ago; (receipt, code)."""
    ext = "SAT" + uuid.uuid4().hex[:10]
    item = ("<petition><receipt-no>%s</receipt-no><kind>simple-inquiry</kind><channel>internet"
            "</channel><received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서"
            "</department><statutory-period unit=\"days\">7</statutory-period><applicant>"
            "<name>설문 시민</name><address>포천시 설문로 1</address><sms-consent>false"
            "</sms-consent></applicant><title>설문 시험</title><body>설문 시험 민원입니다.</body>"
            "</petition>" % (ext, iso(NOW - 3600), dept[0], dept[1]))
    source = push_feed([item], "sat")
    receipt = sql_value("SELECT receipt_no FROM petitions WHERE source = %s" % q(source))
    raw = "".join(random.choice(CROCKFORD) for _ in range(16))
    code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
    sql("UPDATE petitions SET access_code_hash = %s WHERE receipt_no = %s"
        % (q(hashlib.sha256(raw.encode()).hexdigest()), q(receipt)))
    return receipt, code


def answer(receipt):
    r = http("POST", "/admin/petitions/%s/events" % receipt, body=b"type=answered",
             headers={"Content-Type": "application/x-www-form-urlencoded",
                      "Accept": "application/xml", "Authorization": "Bearer " + token("admin")})
    check(r.status == 201, "answered event: %r" % r)


def status(receipt, code):
    return get("/petitions/%s?code=%s" % (receipt, urllib.parse.quote(code)))


def csrf_of(page):
    m = re.search(r'name="csrf" value="([^"]+)"', page.text)
    check(m, "no CSRF token in the questionnaire")
    return m.group(1)


def post_feedback(receipt, fields):
    return http("POST", "/petitions/%s/feedback" % receipt,
                body=urllib.parse.urlencode(fields).encode(), headers=FORM)


def feedback_rows(receipt):
    return int(sql_value("SELECT COUNT(*) FROM petition_feedback f JOIN petitions p ON"
                         " p.id = f.petition_id WHERE p.receipt_no = %s" % q(receipt)))


def clear_failures():
    sql("DELETE FROM access_failures")


_answered = {}


def answered_petition(key):
    """One answered petition per key, with the csrf of its status page."""
    if key not in _answered:
        receipt, code = feed_one()
        answer(receipt)
        _answered[key] = (receipt, code)
    receipt, code = _answered[key]
    page = status(receipt, code)
    check(page.status == 200, "status page: %r" % page)
    return receipt, code, csrf_of(page)


# ---------------------------------------------------------------- the questionnaire

@test
def questionnaire_hidden_before_answer_shown_after():
    clear_failures()
    receipt, code = feed_one()
    before = status(receipt, code)
    check(before.status == 200, "status page: %r" % before)
    action = 'action="/petitions/%s/feedback"' % receipt
    check(action not in before.text and "fb-score-1" not in before.text,
          "the questionnaire is offered before the answer")
    answer(receipt)
    after = status(receipt, code)
    check(after.status == 200 and action in after.text, "no questionnaire after the answer")
    for name in ('name="score"', 'name="promise_kept"', 'name="comment"', 'name="code"'):
        check(name in after.text, "questionnaire without %s" % name)
    csrf_of(after)


@test
def questionnaire_not_answered_is_409():
    clear_failures()
    receipt, code = feed_one()
    r = post_feedback(receipt, {"code": code, "score": "4", "promise_kept": "yes"})
    check(r.status == 409, "expected 409, got %r" % r)
    check("not answered" in r.text or "답변하지 않은" in r.text, "the 409 does not say why")
    check(feedback_rows(receipt) == 0, "stored for an unanswered petition")


@test
def questionnaire_wrong_code_is_the_status_page_404():
    clear_failures()
    receipt, code, csrf = answered_petition("wrong")
    try:
        before = int(sql_value("SELECT COUNT(*) FROM access_failures"))
        r = post_feedback(receipt, {"code": "0000-0000-0000-0001", "score": "5", "csrf": csrf})
        missing = post_feedback(receipt, {"score": "5", "csrf": csrf})
        page404 = status(receipt, "0000-0000-0000-0002")
        check(r.status == 404 and missing.status == 404, "expected 404s: %r %r" % (r, missing))
        check(r.body == page404.body == missing.body, "not the status page's 404, byte for byte")
        after = int(sql_value("SELECT COUNT(*) FROM access_failures"))
        check(after == before + 3, "failed attempts not recorded: %d -> %d" % (before, after))
        check(feedback_rows(receipt) == 0, "stored with a wrong code")
    finally:
        clear_failures()


@test
def questionnaire_invalid_fields_422_values_kept():
    clear_failures()
    receipt, code, csrf = answered_petition("invalid")
    comment = "처리가 <빨랐지만> & \"친절\" 했습니다 %d" % os.getpid()
    r = post_feedback(receipt, {"code": code, "csrf": csrf, "score": "9",
                                "promise_kept": "maybe", "comment": comment})
    check(r.status == 422, "expected 422, got %r" % r)
    check('action="/petitions/%s/feedback"' % receipt in r.text, "the form is not shown again")
    check('id="fb-e-score"' in r.text and 'id="fb-e-promise_kept"' in r.text,
          "no error next to the fields")
    m = re.search(r'(?s)<textarea id="fb-comment"[^>]*>(.*?)</textarea>', r.text)
    check(m and html.unescape(m.group(1)).strip() == comment, "the comment was not kept")
    check("maybe" in r.text, "the promise_kept value was not kept")
    long = "가" * 501
    r2 = post_feedback(receipt, {"code": code, "csrf": csrf, "score": "4", "comment": long})
    check(r2.status == 422 and 'id="fb-e-comment"' in r2.text, "501 characters: %r" % r2)
    check(re.search(r'value="4"[^>]*checked', r2.text), "the score chosen was not kept")
    r3 = post_feedback(receipt, {"code": code, "score": "4"})
    check(r3.status == 403, "no CSRF token: %r" % r3)
    check(feedback_rows(receipt) == 0, "an invalid answer was stored")


@test
def questionnaire_stored_once_then_thanks_and_409():
    clear_failures()
    receipt, code, csrf = answered_petition("once")
    comment = "담당자가 친절했습니다 %s" % uuid.uuid4().hex[:6]
    r = post_feedback(receipt, {"code": code, "csrf": csrf, "score": "4",
                                "promise_kept": "no", "comment": comment})
    check(r.status == 303, "expected 303, got %r" % r)
    loc = r.header("location", "")
    check(loc.startswith("/petitions/%s?code=" % receipt), "Location %r" % loc)
    row = sql("SELECT f.score, f.promise_kept, f.comment FROM petition_feedback f JOIN petitions p"
              " ON p.id = f.petition_id WHERE p.receipt_no = %s" % q(receipt))
    check(row == [["4", "0", comment]], "stored %r" % row)
    page = get(loc)
    check(page.status == 200, "status page after the answer: %r" % page)
    check("감사합니다" in page.text and comment in page.text, "no thanks or answer shown")
    check('action="/petitions/%s/feedback"' % receipt not in page.text, "the form is still offered")
    again = post_feedback(receipt, {"code": code, "csrf": csrf, "score": "1"})
    check(again.status == 409 and ("already answered" in again.text or "이미" in again.text),
          "second answer: %r" % again)
    check(feedback_rows(receipt) == 1, "stored %d times" % feedback_rows(receipt))
    dirty = sql_value("SELECT COUNT(*) FROM stats_dirty d JOIN petitions p ON p.city = d.city AND"
                      " p.dept = d.dept AND p.received_month = d.month WHERE p.receipt_no = %s"
                      % q(receipt))
    stats = sql_value("SELECT COUNT(*) FROM stats_feedback")
    check(dirty == "1" or stats != "0", "the petition's month was not marked for the statistics")


@test
def questionnaire_stats_feedback_match_a_recount():
    clear_failures()
    receipt, code, csrf = answered_petition("stats")
    r = post_feedback(receipt, {"code": code, "csrf": csrf, "score": "5", "promise_kept": "yes"})
    check(r.status == 303, "answer: %r" % r)
    ctl("stats", "refresh")
    recount = sql("SELECT p.city, p.dept, p.received_month, COUNT(*), SUM(f.score),"
                  " SUM(f.score = 1), SUM(f.score = 2), SUM(f.score = 3), SUM(f.score = 4),"
                  " SUM(f.score = 5), SUM(IFNULL(f.promise_kept = 1, 0)),"
                  " SUM(IFNULL(f.promise_kept = 0, 0)) FROM petition_feedback f JOIN petitions p"
                  " ON p.id = f.petition_id GROUP BY p.city, p.dept, p.received_month"
                  " ORDER BY 1, 2, 3")
    stored = sql("SELECT city, dept, month, responses, score_sum, s1, s2, s3, s4, s5, kept_yes,"
                 " kept_no FROM stats_feedback WHERE responses > 0 ORDER BY 1, 2, 3")
    check(recount, "nothing to recount")
    check(stored == recount, "stats_feedback %r != recount %r" % (stored[:5], recount[:5]))


# ---------------------------------------------------------------- page votes

@test
def votes_update_stats_votes_at_once():
    page = "/satisfaction-test/%s" % uuid.uuid4().hex[:8]
    for score in ("5", "3", "5"):
        r = http("POST", "/survey", body=urllib.parse.urlencode({"page": page, "score": score})
                 .encode(), headers=FORM)
        check(r.status == 200, "vote: %r" % r)
    row = sql("SELECT votes, score_sum, s1, s2, s3, s4, s5 FROM stats_votes WHERE page = %s"
              % q(page))
    check(row == [["3", "13", "0", "0", "1", "0", "2"]], "stats_votes %r" % row)
    month = "DATE(created_at + INTERVAL 9 HOUR) - INTERVAL (DAYOFMONTH(created_at + INTERVAL" \
            " 9 HOUR) - 1) DAY"
    recount = sql("SELECT page, %s AS m, COUNT(*), SUM(score), SUM(score = 1), SUM(score = 2),"
                  " SUM(score = 3), SUM(score = 4), SUM(score = 5) FROM survey_votes"
                  " GROUP BY page, m ORDER BY 1, 2" % month)
    stored = sql("SELECT page, month, votes, score_sum, s1, s2, s3, s4, s5 FROM stats_votes"
                 " ORDER BY 1, 2")
    check(stored == recount, "stats_votes differ from a recount of survey_votes")
    ctl("stats", "rebuild", timeout=300)
    rebuilt = sql("SELECT page, month, votes, score_sum, s1, s2, s3, s4, s5 FROM stats_votes"
                  " ORDER BY 1, 2")
    check(rebuilt == stored, "charterctl stats rebuild gives other page-vote figures")


# ---------------------------------------------------------------- surveys and plans

def publish(kind_path, city, dept, fields, role="auditor", accept="application/xml"):
    h = dict(FORM, Accept=accept)
    if role:
        h["Authorization"] = "Bearer " + token(role, "%s/%s" % (city, dept)
                                               if role == "department" else None)
    return http("POST", "/admin/%s/%s/%s" % (kind_path, city, dept),
                body=urllib.parse.urlencode(fields).encode(), headers=h)


def duty_records(city, dept, what):
    return [int(float(r[0])) for r in sql(
        "SELECT UNIX_TIMESTAMP(at) FROM duty_records WHERE city = %s AND dept = %s AND what = %s"
        " ORDER BY at" % (q(city), q(dept), q(what)))]


@test
def surveys_roles_409_and_duty_records():
    city, dept = "gwangmyeong", "autonomy"
    used = {r[0] for r in sql("SELECT year FROM survey_results WHERE city = %s AND dept = %s"
                              " UNION SELECT year FROM improvement_plans WHERE city = %s AND"
                              " dept = %s" % (q(city), q(dept), q(city), q(dept)))}
    year = random.choice([str(y) for y in range(2000, 2100) if str(y) not in used])
    pub = NOW - 86400 * 10
    fields = {"year": year, "kind": "satisfaction", "respondents": "312", "score": "87.5",
              "summary": "만족도 조사 결과 요약\n둘째 줄", "published_at": iso(pub)}
    for role in ("department", "feed"):
        r = publish("surveys", city, dept, fields, role=role)
        check(r.status == 403, "%s: %r" % (role, r))
    check(publish("surveys", city, dept, fields, role=None).status == 401, "no token")
    check(publish("surveys", city, "no-such-dept", fields).status == 404, "unknown department")
    bad = publish("surveys", city, dept, dict(fields, score="100.001", respondents="x",
                                               kind="other", year="19"))
    check(bad.status == 422, "invalid: %r" % bad)
    check(all(w in bad.text for w in ("score", "respondents", "kind", "year")), "not every error")
    r = publish("surveys", city, dept, fields, accept="application/json")
    check(r.status == 201, "auditor: %r" % r)
    j = json.loads(r.text)
    check(j["year"] == int(year) and j["kind"] == "satisfaction" and j["respondents"] == 312
          and abs(j["score"] - 87.5) < 1e-9 and j["summary"] == fields["summary"], "answer %r" % j)
    again = publish("surveys", city, dept, dict(fields, score="90"))
    check(again.status == 409, "twice: %r" % again)
    check(pub in duty_records(city, dept, "satisfaction-survey") and
          pub in duty_records(city, dept, "survey-published"), "survey duty records missing")
    comp = publish("surveys", city, dept, dict(fields, kind="compliance"), role="admin",
                   accept="text/html")
    check(comp.status == 201 and "text/html" in comp.header("content-type", ""), "admin: %r" % comp)
    check(pub in duty_records(city, dept, "compliance-survey"), "compliance duty record missing")
    plan = {"year": year, "plan": "개선 계획: 안내 창구를 늘립니다.", "published_at": iso(pub + 3600)}
    check(publish("improvement-plans", city, dept, plan, role="department").status == 403,
          "department may publish a plan")
    r = publish("improvement-plans", city, dept, plan)
    check(r.status == 201 and "<improvement-plan" in r.text, "plan: %r" % r)
    check(publish("improvement-plans", city, dept, plan).status == 409, "plan twice")
    check(pub + 3600 in duty_records(city, dept, "improvement-plan"), "plan duty record missing")
    lst = get("/admin/surveys/%s/%s.json" % (city, dept),
              headers={"Authorization": "Bearer " + token("auditor")})
    check(lst.status == 200 and any(s["year"] == int(year) for s in json.loads(lst.text)["surveys"]),
          "list: %r" % lst)


def fresh_department():
    """A new department (a copy of the Gwangmyeong charter) in force for two years."""
    dept = "sat-" + uuid.uuid4().hex[:8]
    with open(os.path.join(ENV["CHARTER_SRC"], "conf/charters/gwangmyeong/autonomy.xml"),
              encoding="utf-8") as f:
        xml = f.read().replace('dept="autonomy"', 'dept="%s"' % dept, 1)
    r = put_charter("gwangmyeong", dept, xml.encode(), token=token("admin"))
    check(r.status == 201, "charter upload: %r" % r)
    sql("UPDATE charter_versions SET uploaded_at = uploaded_at - INTERVAL 2 YEAR"
        " WHERE city = 'gwangmyeong' AND dept = %s" % q(dept))
    return dept


@test
def improvement_plan_three_month_duty_judged_by_sweep():
    dept = fresh_department()
    now = NOW
    old, late = now - 240 * 86400, now - 120 * 86400     # about 8 and 4 months ago
    year = datetime.fromtimestamp(now, KST).year
    for _ in range(40):     # the catalogue is cached for a moment
        r = publish("surveys", "gwangmyeong", dept, {
            "year": str(year - 1), "respondents": "50", "score": "70",
            "summary": "지난해 조사", "published_at": iso(old)})
        if r.status != 404:
            break
        time.sleep(0.1)
    check(r.status == 201, "old survey: %r" % r)
    r = publish("improvement-plans", "gwangmyeong", dept, {
        "year": str(year - 1), "plan": "제때 낸 계획", "published_at": iso(old + 30 * 86400)})
    check(r.status == 201, "plan in time: %r" % r)
    r = publish("surveys", "gwangmyeong", dept, {
        "year": str(year), "respondents": "60", "score": "75", "summary": "올해 조사",
        "published_at": iso(late)})
    check(r.status == 201, "survey without a plan: %r" % r)
    ctl("sweep", "--now", iso(now), timeout=300)
    rows = sql("SELECT UNIX_TIMESTAMP(period_start), expected, done FROM duty_breaches WHERE"
               " city = 'gwangmyeong' AND dept = %s AND duty_id = 'improvement-plan'" % q(dept))
    rows = [(int(float(a)), b, c) for a, b, c in rows]
    check(rows == [(late, "1", "0")], "improvement-plan breaches %r (late %d, in time %d)"
          % (rows, late, old))
