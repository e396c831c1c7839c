"""Helpers for the integration tests: HTTP through nginx, FastCGI straight to
charter.fcgi, charterctl, and SQL on the private MariaDB (python3 stdlib only).

The environment comes from $CHARTER_ENV_DIR/env.vars, written by tests/lib/env.sh.
"""
import html
import os
import re
import shlex
import socket
import struct
import subprocess
import time
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import urllib.parse
import xml.etree.ElementTree as ET

TESTS = []          # (name, function), in registration order
BASE_URL = None     # set by run.py
ENV = {}            # the variables of env.vars
NOW = None          # the stack's "now" (epoch seconds): its test clock, CHARTER_TEST_NOW
KST = timezone(timedelta(hours=9))


class Failure(AssertionError):
    pass


def test(fn):
    """Decorator: register a test function."""
    TESTS.append((fn.__name__, fn))
    return fn


def add_test(name, fn):
    TESTS.append((name, fn))


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def load_env(env_dir):
    global NOW
    with open(os.path.join(env_dir, "env.vars"), encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key:
                ENV[key] = shlex.split(value)[0] if value else ""
    global NOW
    now = ENV.get("CHARTER_TEST_NOW", "")
    if not now:
        raise SystemExit("the stack in %s runs on the system's clock: start it with "
                         "CHARTER_TEST_NOW set (check.sh does)" % env_dir)
    NOW = int(datetime.fromisoformat(now).timestamp())
    os.environ["CHARTER_TEST_NOW"] = now      # charterctl reads the same clock


def iso_utc(t):
    """An instant (epoch seconds) as "2026-11-24T03:00:00Z"."""
    return datetime.fromtimestamp(int(t), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_kst(t):
    """An instant as "2026-11-24T12:00:00+09:00"."""
    return datetime.fromtimestamp(int(t), KST).strftime("%Y-%m-%dT%H:%M:%S+09:00")


def kst(t):
    """An instant as a datetime in Asia/Seoul."""
    return datetime.fromtimestamp(int(t), KST)


def sql_at(t):
    """An instant as a SQL DATETIME(6) literal in UTC (the columns' time zone)."""
    return "CAST('%s' AS DATETIME(6))" % datetime.fromtimestamp(int(t), timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S")


def src(*parts):
    return os.path.join(ENV["CHARTER_SRC"], *parts)


def fixture(*names):
    """Path of the first of `names` present in tests/fixtures/charters/."""
    for name in names:
        path = src("tests", "fixtures", "charters", name)
        if os.path.exists(path):
            return path
    raise Failure("fixture %s missing" % " or ".join(names))


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------- HTTP (nginx)

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers      # lower-case name -> value (last one wins)
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def __repr__(self):
        return "HTTP %d %r" % (self.status, self.body[:300])


def http(method, path, body=None, headers=None, timeout=30):
    """One request through nginx; no redirects followed."""
    u = urllib.parse.urlsplit(BASE_URL)
    conn = HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        return Response(r.status, hdrs, data)
    finally:
        conn.close()


def get(path, headers=None):
    return http("GET", path, headers=headers)


def page_text(resp):
    """HTML body with tags removed, entities decoded and white space collapsed."""
    t = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", resp.text)
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html.unescape(t))


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def put_charter(city, dept, body, token=None, headers=None):
    h = {"Content-Type": "application/xml"}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    return http("PUT", "/admin/charters/%s/%s" % (city, dept), body=body, headers=h)


def poll(fn, seconds, interval=0.05):
    """Call fn() until it returns a true value or `seconds` pass; return (value, elapsed)."""
    start = time.monotonic()
    while True:
        v = fn()
        elapsed = time.monotonic() - start
        if v or elapsed > seconds:
            return v, elapsed
        time.sleep(interval)


# ------------------------------------------------------ FastCGI (no nginx)

def _fcgi_record(rtype, content, rid=1):
    out = b""
    while True:
        chunk, content = content[:65535], content[65535:]
        pad = -len(chunk) % 8
        out += struct.pack(">BBHHBB", 1, rtype, rid, len(chunk), pad, 0) + chunk + b"\0" * pad
        if not content:
            return out


def _fcgi_pairs(params):
    out = b""
    for k, v in params.items():
        k, v = k.encode(), v.encode()
        for n in (len(k), len(v)):
            out += bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
        out += k + v
    return out


def fcgi_params(method, uri, body_len, headers=None, extra=None):
    path, _, query = uri.partition("?")
    p = {
        "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
        "REQUEST_METHOD": method, "REQUEST_URI": uri, "DOCUMENT_URI": path,
        "SCRIPT_NAME": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "40000",
        "REQUEST_SCHEME": "http", "HTTP_HOST": "127.0.0.1",
        "CONTENT_LENGTH": str(body_len) if body_len or method in ("POST", "PUT") else "",
    }
    for k, v in (headers or {}).items():
        if k.lower() == "content-type":
            p["CONTENT_TYPE"] = v
        else:
            p["HTTP_" + k.upper().replace("-", "_")] = v
    p.update(extra or {})      # meta-variables the front server sets, e.g. REMOTE_USER
    return p


class FcgiConn:
    """A FastCGI request sent in pieces, so a test can act while it is in flight."""

    def __init__(self, sock_path, timeout=30):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(timeout)
        self.s.connect(sock_path)

    def begin(self, method, uri, body_len=0, headers=None, keep=False, extra=None):
        """keep: FCGI_KEEP_CONN, as nginx's fastcgi_keep_conn sends it."""
        self.keep = keep
        self.s.sendall(_fcgi_record(1, struct.pack(">HB5x", 1, 1 if keep else 0))
                       + _fcgi_record(4, _fcgi_pairs(fcgi_params(method, uri, body_len, headers, extra)))
                       + _fcgi_record(4, b""))

    def send_body(self, data, last=False):
        if data:
            self.s.sendall(_fcgi_record(5, data))
        if last:
            self.s.sendall(_fcgi_record(5, b""))

    def response(self):
        out, buf = b"", b""
        while True:
            while len(buf) < 8:
                d = self.s.recv(65536)
                if not d:
                    raise Failure("FastCGI connection closed before END_REQUEST")
                buf += d
            _, rtype, _, clen, plen, _ = struct.unpack(">BBHHBB", buf[:8])
            while len(buf) < 8 + clen + plen:
                d = self.s.recv(65536)
                if not d:
                    raise Failure("FastCGI connection closed inside a record")
                buf += d
            content, buf = buf[8:8 + clen], buf[8 + clen + plen:]
            if rtype == 6:
                out += content
            elif rtype == 3:
                if not self.keep:
                    self.s.close()
                return parse_cgi(out)

    def close(self):
        self.s.close()


def parse_cgi(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    headers, status = {}, 200
    for line in head.decode("latin-1").splitlines():
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    if "status" in headers:
        status = int(headers["status"].split()[0])
    return Response(status, headers, body)


def fcgi(method, uri, body=b"", headers=None, sock_path=None, extra=None):
    c = FcgiConn(sock_path or ENV["CHARTER_FCGI_SOCKET"])
    c.begin(method, uri, len(body), headers, extra=extra)
    c.send_body(body, last=True)
    return c.response()


# ------------------------------------------------------ charterctl and SQL

def ctl(*args, check_rc=True, timeout=120):
    cmd = [os.path.join(ENV["CHARTER_BIN_DIR"], "charterctl"), "-c", ENV["CHARTER_CONF"], *args]
    p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if check_rc and p.returncode != 0:
        raise Failure("%s exited %d: %s" % (" ".join(cmd[3:]), p.returncode,
                                             (p.stdout + p.stderr).decode(errors="replace")[-800:]))
    return p


_tokens = {}


def token(role, dept=None, cached=True, label=None):
    key = (role, dept)
    if cached and key in _tokens:
        return _tokens[key]
    args = ["token", "create", "--role", role]
    if dept:
        args += ["--dept", dept]
    args += ["--label", label or "test %s %s" % (role, dept or "")]
    out = ctl(*args).stdout.decode().splitlines()
    check(out and out[0].strip(), "token create printed nothing")
    t = out[0].strip()
    if cached:
        _tokens[key] = t
    return t


def push_feed(items, prefix="t", source=None):
    """Pushes G4C <petition> items (strings) through POST /admin/feeds/g4c under
    source (default: a fresh id starting with prefix), checks that none was
    rejected, and returns the source id."""
    source = source or prefix + uuid.uuid4().hex[:10]
    generated = iso_utc(NOW)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<petitions xmlns="urn:x-g4c:petition-feed:1"'
            ' source="%s" generated="%s" sequence="1">%s</petitions>'
            % (source, generated, "".join(items)))
    r = http("POST", "/admin/feeds/g4c", body=body.encode(),
             headers={"Content-Type": "application/xml", "Authorization": "Bearer " + token("feed")})
    check(r.status == 200 and 'rejected="0"' in r.text, "feed refused: %r" % r)
    return source


def feed_item(ext, received, kind="simple-inquiry", city="pocheon", dept="common",
              period=None, name="시험 시민", title="시험 민원"):
    """A G4C <petition> received at `received` (epoch seconds), internet channel, with an
    applicant who gives a name and an address; period: (value, "days"|"hours") or None."""
    sp = ('<statutory-period unit="%s">%d</statutory-period>' % (period[1], period[0])
          if period else "")
    return ("<petition><receipt-no>%s</receipt-no><kind>%s</kind><channel>internet</channel>"
            "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>%s"
            "<applicant><name>%s</name><address>포천시 중앙로 14</address>"
            "<sms-consent>false</sms-consent></applicant><title>%s %s</title>"
            "<body>기한 시험 민원입니다.</body></petition>"
            % (ext, kind, iso_kst(received), city, dept, sp, name, title, ext))


def sql(query):
    """Runs SQL on the private database; @now is the stack's now (NOW, UTC), so a
    test's rows carry the instant its stack lives at, never the server's."""
    query = "SET @now = %s; %s" % (sql_at(NOW), query)
    p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + ENV["CHARTER_DB_SOCKET"],
                        "-uroot", "--batch", "--skip-column-names", "charter", "-e", query],
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        err = p.stderr.decode(errors="replace").strip().splitlines()
        raise Failure("SQL failed: %s: %s" % (query, err[-1] if err else p.returncode))
    return [line.split("\t") for line in p.stdout.decode().splitlines()]


def sql_value(query):
    rows = sql(query)
    return rows[0][0] if rows else None


def q(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def version_count(city, dept):
    return int(sql_value("SELECT COUNT(*) FROM charter_versions WHERE city=%s AND dept=%s"
                         % (q(city), q(dept))))


def current_version(city, dept):
    return sql_value("SELECT current_version_id FROM charters WHERE city=%s AND dept=%s"
                     % (q(city), q(dept)))


def charter_state(city, dept):
    """What must not change when an upload fails: DB rows, the stored XML, the page's ETag."""
    xml = fcgi("GET", "/charter/%s/%s.xml" % (city, dept))
    page = fcgi("GET", "/charter/%s/%s" % (city, dept))
    return {
        "versions": version_count(city, dept),
        "all_versions": int(sql_value("SELECT COUNT(*) FROM charter_versions")),
        "current": current_version(city, dept),
        "xml": (xml.status, xml.body),
        "page": (page.status, page.header("etag")),
    }


def root_target(path):
    """(city, dept) named by a charter file's root element, or None."""
    data = read_bytes(path)[:4096].decode("utf-8", errors="replace")
    m = re.search(r"<charter\b[^>]*>", data)
    if not m:
        return None
    city = re.search(r'\scity="([^"]+)"', m.group(0))
    dept = re.search(r'\sdept="([^"]+)"', m.group(0))
    return (city.group(1), dept.group(1)) if city and dept else None


def parse_xml(body):
    try:
        return ET.fromstring(body)
    except ET.ParseError as e:
        raise Failure("not XML (%s): %r" % (e, body[:300]))


def fcgi_children(master_pid):
    """PIDs whose parent is master_pid (the pre-forked workers)."""
    kids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[1] == str(master_pid) and fields[0] != "Z":
            kids.append(int(d))
    return sorted(kids)


# ------------------------------------------------- local stand-ins for outside services

class StandIn(BaseHTTPRequestHandler):
    """Base of a local HTTP stand-in's handler: quiet, with one way to answer."""

    def answer(self, status, body, ctype, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def serve(handler):
    """Starts a threaded HTTP server with handler (a StandIn) on a free 127.0.0.1 port;
    returns it (server_address[1] is the port; shutdown() and server_close() stop it)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd
