"""Operations: charterctl, worker supervision, SIGTERM, configuration errors."""
import contextlib
import glob
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.parse

from harness import (test, check, ctl, sql, fcgi, http, FcgiConn, fcgi_children, poll, get, src,
                     ENV, Failure)


@test
def test_migrate_twice_changes_nothing():
    ctl("migrate")
    before = (sql("SELECT * FROM schema_migrations ORDER BY 1"), sql("SHOW TABLES"))
    check(before[0], "schema_migrations is empty")
    ctl("migrate")
    after = (sql("SELECT * FROM schema_migrations ORDER BY 1"), sql("SHOW TABLES"))
    check(before == after, "second migrate changed schema_migrations or the tables")


@test
def test_import_of_bad_file_fails_with_line_numbers():
    bad = sorted(glob.glob(src("tests", "fixtures", "charters", "bad-*.xml")))
    check(bad, "no bad-*.xml fixture")
    rows = sql("SELECT COUNT(*) FROM charter_versions")
    for path in bad:
        p = ctl("charter", "import", path, "--uploader", "test", check_rc=False)
        out = (p.stdout + p.stderr).decode(errors="replace")
        check(p.returncode != 0, "import %s exited 0" % os.path.basename(path))
        check(re.search(r":\d+:|\bline\D{0,3}\d+", out),
              "import %s: no line number in %r" % (os.path.basename(path), out[:400]))
    check(sql("SELECT COUNT(*) FROM charter_versions") == rows, "a bad import stored a version")


def master_pid():
    with open(ENV["CHARTER_FCGI_PIDFILE"]) as f:
        return int(f.read())


@test
def test_killed_worker_is_replaced():
    master = master_pid()
    workers, _ = poll(lambda: fcgi_children(master), 5)
    check(workers, "charter.fcgi (%d) has no worker processes" % master)
    os.kill(workers[0], signal.SIGKILL)
    replaced, elapsed = poll(lambda: (lambda k: k if len(k) == len(workers) and workers[0] not in k
                                      else None)(fcgi_children(master)), 5)
    check(replaced, "worker %d not replaced after %.1f s: %r" % (workers[0], elapsed,
                                                                fcgi_children(master)))
    for i in range(10):
        r = fcgi("GET", "/charter/")
        check(r.status == 200, "request %d after the kill: %r" % (i, r))
        r = get("/charter/pocheon/common?nocache=%d" % i)
        check(r.status == 200, "request %d through nginx after the kill: %r" % (i, r))


@test
def test_kept_alive_connections_serve_many_requests():
    # nginx (fastcgi_keep_conn on, upstream keepalive) sends request after request on one
    # connection; none may be dropped, even while other connections come and go.
    errors = []
    for i in range(5):
        c = FcgiConn(ENV["CHARTER_FCGI_SOCKET"])
        other = FcgiConn(ENV["CHARTER_FCGI_SOCKET"])     # a second client meanwhile
        other.begin("GET", "/charter/")
        other.send_body(b"", last=True)
        for j in range(10):
            try:
                c.begin("GET", "/charter/", keep=True)
                c.send_body(b"", last=True)
                r = c.response()
                if r.status != 200:
                    errors.append("connection %d request %d: %r" % (i, j, r))
            except (OSError, Failure) as e:
                errors.append("connection %d request %d: %s" % (i, j, e))
                break
        other.response()
        c.close()
    check(not errors, "%d failures: %s" % (len(errors), "; ".join(errors[:3])))


@test
def test_no_502_under_concurrent_load_through_nginx():
    # Kept-alive upstream connections dropped by the application turn into 502s for POSTs,
    # which nginx does not retry.
    import threading
    results = []

    def client(n):
        for i in range(25):
            if i % 2:
                r = http("POST", "/survey", body=b"page=%2Fcharter%2F&score=9",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            else:
                r = get("/charter/pocheon/common?nocache=%d-%d" % (n, i))
            results.append(r.status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = [s for s in results if s not in (200, 400)]
    check(len(results) == 100 and not bad, "%d of %d requests answered %r" % (
        len(bad), len(results), sorted(set(bad))))


class Spawned:
    """A charter.fcgi of a test's own, in its own process group, output in a file."""

    def __init__(self, conf, sock, workers=1):
        self.log = sock + ".log"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [os.path.join(ENV["CHARTER_BIN_DIR"], "charter.fcgi"), "-c", conf,
                 "--listen", "unix:" + sock, "--workers", str(workers)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def wait(self, timeout):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def output(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def cleanup(self):
        """Kill what is left (workers included); keep the output for the sanitizer scan."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        with open(ENV["CHARTER_FCGI_LOG"], "a") as f:
            f.write(self.output())


@test
def test_sigterm_lets_the_request_in_flight_finish():
    with tempfile.TemporaryDirectory(prefix="sigterm", dir=ENV["CHARTER_ENV_DIR"]) as d:
        sock = os.path.join(d, "s.sock")
        fc = Spawned(ENV["CHARTER_CONF"], sock)
        try:
            ok, _ = poll(lambda: os.path.exists(sock), 10)
            check(ok, "charter.fcgi did not listen on %s" % sock)
            time.sleep(0.3)
            body = urllib.parse.urlencode({"page": "/charter/pocheon/common", "score": "3",
                                           "comment": "sigterm in flight"}).encode()
            c = FcgiConn(sock, timeout=15)
            c.begin("POST", "/survey", len(body), {"Content-Type": "application/x-www-form-urlencoded"})
            c.send_body(body[:10])
            time.sleep(0.5)                 # the worker has the request and waits for its body
            fc.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            c.send_body(body[10:], last=True)
            try:
                r = c.response()
            except OSError as e:
                raise Failure("in-flight request not answered after SIGTERM: %s" % e)
            check(r.status == 200, "in-flight request answered %r" % r)
            rc = fc.wait(15)
            check(rc is not None, "charter.fcgi still running 15 s after SIGTERM")
            check(rc == 0, "charter.fcgi exited %d after SIGTERM" % rc)
        finally:
            fc.cleanup()


@test
def test_idle_server_stops_on_sigterm():
    with tempfile.TemporaryDirectory(prefix="idle", dir=ENV["CHARTER_ENV_DIR"]) as d:
        sock = os.path.join(d, "s.sock")
        fc = Spawned(ENV["CHARTER_CONF"], sock, workers=2)
        try:
            ok, _ = poll(lambda: os.path.exists(sock), 10)
            check(ok, "charter.fcgi did not listen on %s" % sock)
            # Workers that have served requests on kept-alive connections (as behind nginx),
            # which the front server has closed again.
            for _ in range(4):
                c = FcgiConn(sock)
                c.begin("GET", "/charter/", keep=True)
                c.send_body(b"", last=True)
                check(c.response().status == 200, "GET /charter/ failed")
                c.close()
            fc.proc.send_signal(signal.SIGTERM)
            rc = fc.wait(10)
            check(rc is not None, "charter.fcgi still running 10 s after SIGTERM")
            check(rc == 0, "charter.fcgi exited %d after SIGTERM" % rc)
        finally:
            fc.cleanup()


@test
def test_bad_config_line_is_reported_with_file_and_line():
    with tempfile.TemporaryDirectory(prefix="badconf", dir=ENV["CHARTER_ENV_DIR"]) as d:
        conf = os.path.join(d, "bad.conf")
        with open(ENV["CHARTER_CONF"]) as f:
            lines = f.read().splitlines()
        lines.insert(3, "this line has no equals sign")
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        fc = Spawned(conf, os.path.join(d, "s.sock"))
        try:
            rc = fc.wait(15)
            check(rc is not None, "charter.fcgi kept running with a bad configuration line")
            text = fc.output()
            check(rc != 0, "exit status 0")
            check("%s:4:" % conf in text, "no %s:4: in %r" % (conf, text[:400]))
        finally:
            fc.cleanup()


@contextlib.contextmanager
def spawned_with_conf(conf_text, prefix):
    """A charter.fcgi of the test's own on a socket of its own, with conf_text as its
    configuration; yields the socket path, and stops it afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix, dir=ENV["CHARTER_ENV_DIR"]) as d:
        path, sock = os.path.join(d, "charter.conf"), os.path.join(d, "s.sock")
        with open(path, "w", encoding="utf-8") as f:
            f.write(conf_text)
        fc = Spawned(path, sock)
        try:
            ok, _ = poll(lambda: os.path.exists(sock), 10)
            check(ok, "charter.fcgi did not listen on %s" % sock)
            time.sleep(0.3)
            yield sock
        finally:
            fc.cleanup()


def _env_conf():
    with open(ENV["CHARTER_CONF"], encoding="utf-8") as f:
        return f.read()


@test
def test_remote_user_is_trusted_only_when_configured():
    # REMOTE_USER is set by a front server that authenticated staff; anyone could send it
    # to a socket the configuration does not trust, so it must then count for nothing.
    ctl("staff", "add", "kim-remote", "--role", "department", "--dept", "gwangmyeong/autonomy")
    with open(src("conf", "charters", "gwangmyeong", "autonomy.xml"), "rb") as f:
        body = f.read()
    before = sql("SELECT COUNT(*) FROM charter_versions")
    r = fcgi("PUT", "/admin/charters/gwangmyeong/autonomy", body,
             extra={"REMOTE_USER": "kim-remote"})
    check(r.status == 401, "untrusted REMOTE_USER answered %r" % r)
    check(sql("SELECT COUNT(*) FROM charter_versions") == before, "a version was stored")
    conf = _env_conf().replace("trust_remote_user = no", "trust_remote_user = yes")
    with spawned_with_conf(conf, "ruser") as sock:
        r = fcgi("PUT", "/admin/charters/pocheon/common", body, sock_path=sock,
                 extra={"REMOTE_USER": "kim-remote"})
        check(r.status == 403, "trusted user, other department answered %r" % r)
        r = fcgi("PUT", "/admin/charters/gwangmyeong/autonomy", body, sock_path=sock,
                 extra={"REMOTE_USER": "nobody-known"})
        check(r.status == 401, "unknown trusted user answered %r" % r)
        r = fcgi("PUT", "/admin/charters/gwangmyeong/autonomy", body, sock_path=sock,
                 extra={"REMOTE_USER": "kim-remote"})
        check(r.status == 201, "trusted user, own department answered %r" % r)
        who = sql("SELECT uploader FROM charter_versions ORDER BY id DESC LIMIT 1")
        check("user:kim-remote" in str(who), "uploader recorded as %r" % who)


@test
def test_feed_over_max_feed_body_is_refused_413():
    # max_feed_body bounds a pushed feed before a byte of it is stored.
    with open(src("tests", "fixtures", "feeds", "example.xml"), "rb") as f:
        feed = f.read()
    check(len(feed) > 1024, "the example feed is too small for this test")
    before = sql("SELECT COUNT(*) FROM petitions")
    with spawned_with_conf(_env_conf() + "max_feed_body = 1024\n", "feedmax") as sock:
        tok = ctl("token", "create", "--role", "feed").stdout.decode().splitlines()[0]
        r = fcgi("POST", "/admin/feeds/g4c", feed, sock_path=sock,
                 headers={"Authorization": "Bearer " + tok, "Content-Type": "application/xml"})
        check(r.status == 413, "an oversized feed answered %r" % r)
        check(sql("SELECT COUNT(*) FROM petitions") == before, "petitions were stored")
