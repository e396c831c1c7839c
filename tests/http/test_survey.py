"""The page-satisfaction survey (POST /survey)."""
import os
import urllib.parse

from harness import test, check, http, get, sql_value, q

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def vote(**fields):
    return http("POST", "/survey", body=urllib.parse.urlencode(fields).encode(), headers=FORM)


def votes(where="1=1"):
    return int(sql_value("SELECT COUNT(*) FROM survey_votes WHERE " + where))


@test
def test_pages_carry_the_survey_widget():
    r = get("/charter/pocheon/common")
    check('action="/survey"' in r.text or "action='/survey'" in r.text, "no form posting to /survey")
    check('name="score"' in r.text, "no score field")


@test
def test_survey_vote_stores_exactly_one_row():
    comment = "설문 테스트 %d 좋아요" % os.getpid()
    total = votes()
    r = vote(page="/charter/pocheon/common", score="4", comment=comment)
    check(r.status == 200, "%r" % r)
    check(r.header("content-type", "").startswith("text/html"), "content-type %r" % r.header("content-type"))
    check(votes() == total + 1, "%d new rows" % (votes() - total))
    row = votes("comment=%s AND score=4 AND page='/charter/pocheon/common'" % q(comment))
    check(row == 1, "%d rows with the vote's page, score and comment" % row)


@test
def test_survey_vote_without_comment():
    total = votes()
    r = vote(page="/charter/gwangmyeong/autonomy", score="5")
    check(r.status == 200, "%r" % r)
    check(votes() == total + 1, "%d new rows" % (votes() - total))


@test
def test_survey_rejects_bad_scores():
    total = votes()
    for score in ("0", "6", "x", "", "3.5", "-1"):
        r = vote(page="/charter/pocheon/common", score=score, comment="bad")
        check(r.status == 400, "score %r: %r" % (score, r))
    r = vote(page="/charter/pocheon/common")
    check(r.status == 400, "no score: %r" % r)
    check(votes() == total, "%d rows stored by rejected votes" % (votes() - total))
