"""The board (GET /board/new, POST /board), the receipt page and the citizen's status
page (GET /petitions/{receipt}?code=...): round trips, refusals with the text kept,
access codes stored as hashes only, the same 404 for every petition that cannot be
shown, slowed-down guessing, and no personal data on any public page or in the log."""
import base64
import hashlib
import hmac
import html
import os
import re
import struct
import urllib.parse
import uuid

from harness import NOW, test, check, http, get, sql, sql_value, q, ENV

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Distinctive personal data: must never show up on a public page or in the log.
PLANT = {"name": "김비밀%d" % os.getpid(), "address": "포천시 비밀로 %d번길" % os.getpid(),
         "phone": "010-9%03d-4321" % (os.getpid() % 1000),
         "email": "secret%d@example.kr" % os.getpid()}
LONG_BODY = ("첫 줄입니다. <꺾쇠> & 앰퍼샌드 \"따옴표\" 'apostrophe' 😀\r\n"
             "\t탭으로 시작하는 둘째 줄\r\n" + "긴 글이 사라지면 안 됩니다. " * 300)
_posted = {}


def form_page():
    r = get("/board/new")
    check(r.status == 200, "GET /board/new: %r" % r)
    m = re.search(r'name="csrf" value="([^"]+)"', r.text)
    check(m, "no CSRF token in the form")
    return r, m.group(1)


def fields(**over):
    f = dict(PLANT, sms_consent="yes", department="pocheon/common", kind="complaint",
             title="도로 파손 신고 %s" % uuid.uuid4().hex[:8], body=LONG_BODY)
    f["csrf"] = form_page()[1]
    for k, v in over.items():
        if v is None:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def post_urlencoded(f):
    body = urllib.parse.urlencode(f).encode() if isinstance(f, dict) else f
    return http("POST", "/board", body=body, headers=FORM)


def multipart(f, files=()):
    """f: name -> str or bytes; files: (filename, bytes) as 'attachment' parts."""
    b = "----charterTest%s" % uuid.uuid4().hex
    out = b""
    for k, v in f.items():
        v = v.encode() if isinstance(v, str) else v
        out += (b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (b.encode(), k.encode())
                + v + b"\r\n")
    for name, data in files:
        out += (b"--%s\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"%s\"\r\n"
                b"Content-Type: application/octet-stream\r\n\r\n" % (b.encode(), name.encode()) + data + b"\r\n")
    out += b"--%s--\r\n" % b.encode()
    return http("POST", "/board", body=out, headers={"Content-Type": "multipart/form-data; boundary=" + b})


def petitions():
    return int(sql_value("SELECT COUNT(*) FROM petitions"))


def receipt_of(r):
    check(r.status == 303, "expected 303, got %r" % r)
    loc = r.header("location", "")
    m = re.match(r"^/board/receipt/([a-z0-9-]+)$", loc)
    check(m, "Location %r" % loc)
    return m.group(1)


def follow(r):
    """GET the receipt page with the ticket cookie the 303 set; (receipt, page, code)."""
    receipt = receipt_of(r)
    cookie = r.header("set-cookie", "").split(";")[0]
    check(cookie.startswith("charter_ticket="), "no ticket cookie: %r" % r.header("set-cookie"))
    page = get("/board/receipt/" + receipt, headers={"Cookie": cookie})
    check(page.status == 200, "receipt page: %r" % page)
    m = re.search(r'class="access-code">([0-9A-Z-]+)<', page.text)
    check(m, "no access code on the receipt page")
    return receipt, page, m.group(1), cookie


def code_hash(code):
    return hashlib.sha256(code.replace("-", "").encode()).hexdigest()


def status(receipt, code=None, accept=None):
    return get("/petitions/%s%s" % (receipt, "" if code is None else "?code=" + urllib.parse.quote(code)),
               headers={"Accept": accept} if accept else None)


def clear_failures():
    sql("DELETE FROM access_failures")


def posted(kind="urlencoded"):
    """One successful post per encoding, shared by the tests below."""
    if kind not in _posted:
        f = fields()
        r = post_urlencoded(f) if kind == "urlencoded" else multipart(f)
        receipt, page, code, cookie = follow(r)
        _posted[kind] = dict(fields=f, receipt=receipt, page=page, code=code, cookie=cookie)
    return _posted[kind]


def textarea(resp):
    m = re.search(r'(?s)<textarea id="f-body"[^>]*>(.*?)</textarea>', resp.text)
    check(m, "no body textarea in %r" % resp)
    v = html.unescape(m.group(1))
    return v[1:] if v.startswith("\n") else v


def check_refused(resp, f, want=(400, 403, 413, 415, 422)):
    check(resp.status in want, "expected one of %s, got %r" % (want, resp))
    check(textarea(resp) == f["body"], "the body text was not kept byte for byte")
    check('value="%s"' % html.escape(f["title"], quote=True) in resp.text or f["title"] in resp.text,
          "the title was not kept")


# ---------------------------------------------------------------- the form

@test
def test_board_form_has_csrf_departments_kinds_labels():
    r, tok = form_page()
    check(len(tok) >= 40, "short CSRF token %r" % tok)
    for v in ("pocheon/common", "gwangmyeong/autonomy"):
        check('value="%s"' % v in r.text, "department %s missing" % v)
    for k, ko in (("simple-inquiry", "단순 질의"), ("corruption-report", "부조리 신고")):
        check('value="%s"' % k in r.text and ko in r.text, "kind %s missing" % k)
    check('enctype="multipart/form-data"' in r.text, "form is not multipart")
    for name in ("name", "address", "phone", "email", "sms_consent", "department", "kind",
                 "title", "body", "attachment-1"):
        check('for="f-%s"' % name in r.text, "no label for %s" % name)
    check(r.header("cache-control") == "no-store", "form cached: %r" % r.header("cache-control"))


# ---------------------------------------------------------------- success

@test
def test_board_post_urlencoded_round_trips_byte_for_byte():
    p = posted("urlencoded")
    row = sql("SELECT HEX(title), HEX(body), kind, channel, protected, access_code_hash"
              " FROM petitions WHERE receipt_no=%s" % q(p["receipt"]))
    check(len(row) == 1, "petition %s not stored" % p["receipt"])
    t, b, kind, channel, prot, h = row[0]
    check(bytes.fromhex(t) == p["fields"]["title"].encode(), "title differs")
    check(bytes.fromhex(b) == LONG_BODY.encode(), "body differs")
    check((kind, channel, prot) == ("complaint", "board", "0"), "%r" % [kind, channel, prot])
    check(h == code_hash(p["code"]), "access_code_hash is not the code's SHA-256")


@test
def test_board_post_multipart_round_trips_byte_for_byte():
    p = posted("multipart")
    b = sql_value("SELECT HEX(body) FROM petitions WHERE receipt_no=%s" % q(p["receipt"]))
    check(bytes.fromhex(b) == LONG_BODY.encode(), "multipart body differs")
    r = status(p["receipt"], p["code"])
    check(r.status == 200, "status page: %r" % r)
    check(html.unescape(re.search(r'(?s)<div class="petition-body">(.*?)</div>', r.text).group(1))
          == LONG_BODY.replace("\r\n", "\r\n"), "status page body differs")


@test
def test_board_receipt_shows_number_and_code_once():
    p = posted("urlencoded")
    check(p["receipt"] in p["page"].text, "receipt number not on the receipt page")
    check("한 번만" in p["page"].text, "the page does not say the code is shown once")
    check(p["page"].header("cache-control") == "no-store", "receipt page may be cached")
    check("Max-Age=0" in (p["page"].header("set-cookie") or ""), "ticket cookie not cleared")
    again = get("/board/receipt/" + p["receipt"])
    check(again.status == 200 and p["code"] not in again.text, "code shown without the ticket")
    other = get("/board/receipt/2026-pocheon-common-999999", headers={"Cookie": p["cookie"]})
    check(p["code"] not in other.text, "a ticket opened another receipt's page")


@test
def test_board_access_code_stored_only_as_hash():
    p = posted("urlencoded")
    code = p["code"]
    for table in ("petitions", "petition_applicants", "petition_events"):
        dump = "\n".join("\t".join(r) for r in sql("SELECT * FROM %s" % table))
        check(code not in dump and code.replace("-", "") not in dump, "code in %s" % table)
    with open(ENV["CHARTER_FCGI_LOG"], encoding="utf-8", errors="replace") as f:
        log = f.read()
    check(code not in log and code.replace("-", "") not in log, "code in charter.fcgi's log")


@test
def test_status_page_shows_state_department_periods():
    clear_failures()
    p = posted("urlencoded")
    r = status(p["receipt"], p["code"])
    check(r.status == 200, "%r" % r)
    for want in (p["receipt"], "접수", "포천시 공통", "처리 기간", "신청인 정보는 보호됩니다",
                 "제1판", p["fields"]["title"]):
        check(want in html.unescape(r.text), "%r missing from the status page" % want)
    check(r.header("cache-control") == "no-store", "status page may be cached")
    lower = status(p["receipt"], p["code"].lower().replace("-", ""))
    check(lower.status == 200, "code in lower case without dashes refused: %r" % lower)


@test
def test_status_page_404_identical_for_wrong_missing_unknown():
    clear_failures()
    p = posted("urlencoded")
    wrong = status(p["receipt"], "0000-0000-0000-0000")
    missing = status(p["receipt"])
    unknown = status("2026-pocheon-common-987654", p["code"])
    garbage = status(p["receipt"], "<script>")
    for r in (wrong, missing, unknown, garbage):
        check(r.status == 404, "%r" % r)
    check(wrong.body == unknown.body == missing.body == garbage.body, "404 bodies differ")
    check(p["fields"]["title"] not in wrong.text, "title shown without the code")
    feed_item = sql_value("SELECT receipt_no FROM petitions WHERE access_code_hash IS NULL LIMIT 1")
    if feed_item:
        check(status(feed_item, "0000-0000-0000-0000").body == unknown.body, "feed item differs")
    # the same facts as JSON or XML when the client asks for them, just as uniform
    for accept, ctype in (("application/json", "application/json"), ("application/xml", "xml")):
        clear_failures()
        w = status(p["receipt"], "0000-0000-0000-0000", accept)
        u = status("2026-pocheon-common-987654", p["code"], accept)
        for r in (w, u):
            check(r.status == 404 and ctype in r.header("content-type", ""), "%s: %r" % (accept, r))
        check(w.body == u.body, "%s: 404 bodies differ" % accept)
        check(p["fields"]["title"] not in w.text and p["receipt"] not in w.text,
              "%s: the 404 tells of the petition" % accept)
        check(('"status":404' if accept.endswith("json") else 'status="404"') in w.text,
              "%s: no status in the error: %r" % (accept, w.text))
    clear_failures()


@test
def test_status_page_slows_down_repeated_wrong_codes():
    clear_failures()
    p = posted("urlencoded")
    try:
        for i in range(5):
            r = status(p["receipt"], "0000-0000-0000-000%d" % i)
            check(r.status == 404, "attempt %d: %r" % (i, r))
        r = status(p["receipt"], "0000-0000-0000-0009")
        check(r.status == 429, "6th wrong code: %r" % r)
        check(int(r.header("retry-after", "0")) > 0, "no Retry-After")
        right = status(p["receipt"], p["code"])
        check(right.status == 429, "the right code got through while throttled: %r" % right)
        unknown = status("2026-pocheon-common-987654", p["code"])
        check(unknown.status == 429 and unknown.body == right.body, "429 reveals existence")
    finally:
        clear_failures()
    check(status(p["receipt"], p["code"]).status == 200, "not served again after the window")


# ---------------------------------------------------------------- privacy

@test
def test_board_no_personal_data_on_public_pages_or_log():
    clear_failures()
    p = posted("urlencoded")
    pages = [p["page"], status(p["receipt"], p["code"]), get("/charter/"),
             get("/charter/pocheon/common?nocache=1"), get("/board/new")]
    for r in pages:
        for k, v in PLANT.items():
            check(v not in r.text and html.escape(v) not in r.text, "%s on %r" % (k, r))
    with open(ENV["CHARTER_FCGI_LOG"], encoding="utf-8", errors="replace") as f:
        log = f.read()
    for k, v in PLANT.items():
        check(v not in log and urllib.parse.quote(v) not in log, "%s in charter.fcgi's log" % k)
    stored = sql("SELECT name, address, phone, email, sms_consent FROM petition_applicants a"
                 " JOIN petitions p ON p.id = a.petition_id WHERE p.receipt_no=%s" % q(p["receipt"]))
    check(stored == [[PLANT["name"], PLANT["address"], PLANT["phone"], PLANT["email"], "1"]],
          "applicant not stored apart: %r" % stored)


@test
def test_board_corruption_report_is_protected():
    r = post_urlencoded(fields(kind="corruption-report"))
    receipt = receipt_of(r)
    check(sql_value("SELECT protected FROM petitions WHERE receipt_no=%s" % q(receipt)) == "1",
          "corruption report not protected")


@test
def test_board_attachments_stored_with_sha256_not_public():
    pdf = b"%PDF-1.4\n" + os.urandom(2000) + b"\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(1500)
    r = multipart(fields(), [("민원 사진.png", png), ("서류.pdf", pdf)])
    receipt, page, code, _ = follow(r)
    rows = sql("SELECT a.filename, a.media_type, a.bytes, a.sha256, HEX(a.data) FROM petition_attachments a"
               " JOIN petitions p ON p.id = a.petition_id WHERE p.receipt_no=%s ORDER BY a.id" % q(receipt))
    check(len(rows) == 2, "%d attachments stored" % len(rows))
    for row, (name, data, mt) in zip(rows, [("민원 사진.png", png, "image/png"), ("서류.pdf", pdf, "application/pdf")]):
        check(row[0] == name and row[1] == mt and int(row[2]) == len(data), "%r" % row[:3])
        check(row[3] == hashlib.sha256(data).hexdigest(), "sha256 of %s" % name)
        check(bytes.fromhex(row[4]) == data, "bytes of %s" % name)
    st = status(receipt, code)
    check("attachment" not in st.text.lower().replace("첨부", ""), "attachment linked on the status page")
    aid = sql_value("SELECT a.id FROM petition_attachments a JOIN petitions p ON p.id=a.petition_id"
                    " WHERE p.receipt_no=%s LIMIT 1" % q(receipt))
    for path in ("/board/receipt/%s/attachments/%s" % (receipt, aid), "/petitions/%s/attachments/%s" % (receipt, aid),
                 "/attachments/%s" % aid):
        g = get(path)
        check(g.status in (401, 403, 404), "%s answered %r" % (path, g))
        check(pdf[:50] not in g.body and png[:50] not in g.body, "attachment bytes served at " + path)


# ---------------------------------------------------------------- refusals

def refused(resp, f, want=(400, 403, 413, 415, 422)):
    check_refused(resp, f, want)


@test
def test_board_refuses_invalid_utf8_keeping_text():
    n = petitions()
    for field, bad in (("address", "%ED%A0%80"), ("title", "%C3%28"), ("name", "%FF%FE")):
        f = fields()
        del f[field]
        r = post_urlencoded((urllib.parse.urlencode(f) + "&%s=%s" % (field, bad)).encode())
        check(r.status == 422, "%s: %r" % (field, r))
        check(textarea(r) == f["body"], "%s: the body text was not kept" % field)
        check("UTF-8" in r.text, "%s: no UTF-8 error shown" % field)
        check('aria-invalid="true"' in r.text, "%s: field not marked invalid" % field)
    f = fields()
    r = post_urlencoded((urllib.parse.urlencode(dict(f, body="")) .replace("body=", "body=%C3%28" + urllib.parse.quote(LONG_BODY))).encode())
    check(r.status == 422, "bad byte in the body: %r" % r)
    check(LONG_BODY in textarea(r), "the body's valid text was not kept around the bad byte")
    check(petitions() == n, "stored")


@test
def test_board_refuses_oversized_fields_keeping_text():
    n = petitions()
    f = fields(title="가" * 151)
    r = post_urlencoded(f)
    refused(r, f, (422,))
    check('aria-describedby="e-title"' in r.text and 'id="e-title"' in r.text, "error not tied to the title")
    f = fields(body="나" * 30000)
    r = post_urlencoded(f)
    refused(r, f, (422,))
    check("64 KiB" in r.text, "no size error for the body")
    check(petitions() == n, "stored")


def forged_token(age):
    secret = open(ENV["CHARTER_ENV_DIR"] + "/secret", "rb").read().split(b"\n")[0]
    t = struct.pack(">q", NOW - age)
    mac = hmac.new(secret, b"csrf:" + t, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(t + mac).rstrip(b"=").decode()


@test
def test_board_refuses_missing_forged_expired_csrf():
    n = petitions()
    check(post_urlencoded(fields(csrf=forged_token(10))).status == 303, "a fresh token made here is refused")
    n += 1
    for label, tok in (("missing", None), ("forged", "A" * 54), ("expired", forged_token(3 * 3600)),
                       ("other key", base64.urlsafe_b64encode(struct.pack(">q", NOW) + b"x" * 32)
                        .rstrip(b"=").decode())):
        f = fields(csrf=tok)
        r = post_urlencoded(f)
        refused(r, f, (403,))
        check("CSRF" in r.text or "보안 확인" in r.text, "%s: no explanation" % label)
        fresh = re.search(r'name="csrf" value="([^"]+)"', r.text)
        check(fresh and fresh.group(1) != tok, "%s: no fresh token in the re-rendered form" % label)
    check(petitions() == n, "stored")


@test
def test_board_refuses_anonymous_posts():
    n = petitions()
    for missing in ("name", "address"):
        for enc in ("urlencoded", "multipart"):
            f = fields(**{missing: None})
            r = post_urlencoded(f) if enc == "urlencoded" else multipart(f)
            refused(r, f, (422,))
            check("익명일 경우" in r.text and "성명과 주소" in r.text, "no reason given (%s)" % missing)
    f = fields(name="   ")
    refused(post_urlencoded(f), f, (422,))
    check(petitions() == n, "anonymous post stored")


@test
def test_board_refuses_disguised_and_too_many_attachments():
    n = petitions()
    elf = b"\x7fELF\x02\x01\x01\x00" + os.urandom(500)
    f = fields()
    r = multipart(f, [("서류.pdf", elf)])
    refused(r, f, (422,))
    check("다시 첨부" in r.text, "the form does not ask to attach files again")
    exe = b"MZ\x90\x00" + os.urandom(300)
    f = fields()
    refused(multipart(f, [("photo.png", exe)]), f, (422,))
    f = fields()
    r = multipart(f, [("a%d.txt" % i, b"text %d\n" % i) for i in range(4)])
    refused(r, f, (422,))
    check("3개" in r.text, "no limit explained")
    check(petitions() == n, "stored")


@test
def test_board_refuses_malformed_bodies():
    n = petitions()
    r = http("POST", "/board", body=b"--x\r\nnonsense", headers={"Content-Type": "multipart/form-data; boundary=x"})
    check(r.status == 400, "%r" % r)
    r = http("POST", "/board", body=b"{}", headers={"Content-Type": "application/json"})
    check(r.status == 415, "%r" % r)
    r = post_urlencoded(b"title=%ZZ")
    check(r.status == 400, "%r" % r)
    check(petitions() == n, "stored")
