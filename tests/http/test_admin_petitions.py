"""Staff view of a petition: scope by role and department, whistle-blower identity for the
auditor only, attachments only here. Uses the sample feed the stack imports at start."""
from harness import test, check, http, sql, token


def _receipt(external_id):
    rows = sql("SELECT receipt_no FROM petitions WHERE external_id = '%s'" % external_id)
    check(rows, "sample petition %s not imported" % external_id)
    return rows[0][0]


def _get(receipt, tok, accept="text/html"):
    headers = {"Accept": accept}
    if tok:
        headers["Authorization"] = "Bearer " + tok
    return http("GET", "/admin/petitions/" + receipt, headers=headers)


@test
def test_admin_petition_needs_a_token_of_the_right_scope():
    receipt = _receipt("1AA-2611-0001234")           # gwangmyeong/autonomy, 홍길동
    check(_get(receipt, None).status == 401, "no token: not 401")
    r = _get(receipt, token("department", "pocheon/common"))
    check(r.status == 403, "another department's token answered %d" % r.status)
    check("홍길동".encode() not in r.body, "personal data in a 403 answer")
    for role, dept in (("department", "gwangmyeong/autonomy"), ("admin", None),
                       ("auditor", None)):
        r = _get(receipt, token(role, dept))
        check(r.status == 200, "%s answered %d" % (role, r.status))
        check("홍길동".encode() in r.body and "경기도 광명시 시청로 20".encode() in r.body,
              "%s does not see the applicant" % role)
        check("private" in r.headers.get("cache-control", ""), "staff page cacheable")
    check(_get("2026-nowhere-none-000001", token("admin")).status == 404, "unknown: not 404")


@test
def test_whistleblower_identity_is_for_the_auditor_only():
    receipt = _receipt("1AA-2611-0001236")           # protected corruption report, 박철수
    for role, dept in (("department", "gwangmyeong/autonomy"), ("admin", None)):
        r = _get(receipt, token(role, dept))
        check(r.status == 200, "%s answered %d" % (role, r.status))
        check("박철수".encode() not in r.body, "%s sees a protected applicant" % role)
        r = _get(receipt, token(role, dept), accept="application/xml")
        check("박철수".encode() not in r.body and b'visible="false"' in r.body,
              "%s sees a protected applicant in XML" % role)
    r = _get(receipt, token("auditor"))
    check(r.status == 200 and "박철수".encode() in r.body, "the auditor does not see it")


@test
def test_staff_view_lists_the_standards_and_events_of_the_petition():
    receipt = _receipt("1AA-2611-0001234")
    r = _get(receipt, token("admin"), accept="application/xml")
    check(r.status == 200, "answered %d" % r.status)
    check(b'id="mail-forward"' in r.body or b"<measure " in r.body, "no standards listed")
    check(b'charter-version="' in r.body, "charter version missing")


@test
def test_attachments_need_a_staff_token():
    receipt = _receipt("1AA-2611-0001234")
    r = http("GET", "/admin/petitions/%s/attachments/1" % receipt)
    check(r.status == 401, "attachment without a token answered %d" % r.status)
    r = http("GET", "/admin/petitions/%s/attachments/1" % receipt,
             headers={"Authorization": "Bearer " + token("admin")})
    check(r.status == 404, "a petition without attachments answered %d" % r.status)
