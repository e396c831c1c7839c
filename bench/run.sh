#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/..
# bench/run.sh BUILD_DIR — the benchmarks of the issue's point 11 (`make bench`).
# Every figure is printed beside the physical limit measured in the same run,
# with their ratio. Loopback only; everything started here is stopped on exit.
#
#  (a) /charter/pocheon/common through the shipped conf/nginx.conf (cached), against
#      nginx serving the same bytes as a static file: target >= 0.70, p99 < 10 ms;
#      plus: an upload is visible through nginx within one second.
#  (b) the same page from charter.fcgi itself (?nocache=1: nginx cache bypassed),
#      against bench/minimal_fcgi returning the same bytes from memory behind the
#      same nginx configuration: target >= 0.80, p99 < 10 ms; measured with the
#      shipped upstream keepalive (keepalive + fastcgi_keep_conn on) and without.
#  (c) uncached in-process rendering of each seed page (bench/render_bench), one core.
#
# Exit status: 0 when every measurement ran (figures below target are reported as
# BELOW TARGET), 1 on a setup failure.
# Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
#   BENCH_KEEP=1 keeps the temporary directory (logs), CHARTER_WORKERS (2).
set -euo pipefail

BUILD=${1:?usage: bench/run.sh BUILD_DIR}
BUILD=$(cd "$BUILD" && pwd)
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DUR=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
export CHARTER_WORKERS=${CHARTER_WORKERS:-2}
PAGE=/charter/pocheon/common
UPLOAD_PAGE=/charter/gwangmyeong/autonomy
UPLOAD_FILE=$SRC/tests/fixtures/charters/gwangmyeong-autonomy-v2.xml
MARKER='개정판 확인문구'

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

# ---- prerequisites ---------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    printf 'bench: wrk is not installed. Install it with:\n    apt-get install wrk\n' >&2
    exit 1
fi
for t in nginx curl mariadbd python3 awk; do
    command -v "$t" >/dev/null 2>&1 || die "$t is not installed"
done
for b in charter.fcgi charterctl bench/minimal_fcgi bench/render_bench bench/commit_fcgi; do
    [[ -x $BUILD/$b ]] || die "missing $BUILD/$b (run: make -C $BUILD all bench/minimal_fcgi bench/render_bench bench/commit_fcgi)"
done
[[ -r $UPLOAD_FILE ]] || die "missing $UPLOAD_FILE"

# Short path: unix socket names are limited to 107 bytes.
TMP=$(mktemp -d /tmp/charter-bench.XXXXXX)
BN=$TMP/bnginx          # the bench nginx: static file and the (b) FastCGI variants
PIDS=()                 # minimal_fcgi and background wrk processes started here

# shellcheck source=tests/lib/env.sh
. "$SRC/tests/lib/env.sh"

bench_cleanup() {
    local rc=$? p
    trap - EXIT
    if [[ -s $BN/nginx.pid ]]; then
        p=$(<"$BN/nginx.pid")
        kill -TERM "$p" 2>/dev/null || true
        _charter_wait_gone "$p" 10 || kill -KILL "$p" 2>/dev/null || true
    fi
    for p in "${PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    charter_env_stop
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        printf 'bench: kept %s\n' "$TMP" >&2
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}

# ---- helpers ---------------------------------------------------------------------
now_ms() { date +%s%3N; }

# WRK_* of one run: rps, p50/p99 in ms, errors summary.
# run_wrk NAME URL [DURATION]
run_wrk() {
    local name=$1 url=$2 d=${3:-$DUR} out=$TMP/wrk-$1.txt e0 e1 ne
    e0=$(err_lines)
    wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --latency "$url" >"$out" 2>&1 || true
    e1=$(err_lines)
    WRK_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    WRK_P50=$(awk '$1 == "50%" {print $2}' "$out" | to_ms)
    WRK_P99=$(awk '$1 == "99%" {print $2}' "$out" | to_ms)
    WRK_REQS=$(awk '/requests in/ {print $1}' "$out")
    WRK_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    WRK_SOCKERR=$(awk -F': ' '/Socket errors:/ {print $2}' "$out")
    WRK_RPS=${WRK_RPS:-0} WRK_P50=${WRK_P50:-?} WRK_P99=${WRK_P99:-?}
    WRK_ERRS=""
    [[ -n $WRK_NON2XX ]] && WRK_ERRS+=" non-2xx/3xx: $WRK_NON2XX;"
    [[ -n $WRK_SOCKERR ]] && WRK_ERRS+=" socket errors: $WRK_SOCKERR;"
    ne=$((e1 - e0))
    ((ne == 0)) || WRK_ERRS+=" nginx error.log: $ne upstream error lines;"
    if [[ $WRK_RPS == 0 ]]; then
        WRK_ERRS+=" wrk output: $(tr '\n' ' ' <"$out" | cut -c1-200)"
    fi
    return 0
}
# [error]-or-worse lines in both nginx error logs
err_lines() {
    cat "$N/error.log" "$BN/error.log" 2>/dev/null | grep -Ec '\[(error|crit|alert|emerg)\]' || true
}
# "1.23ms" / "850.00us" / "1.02s" -> milliseconds
to_ms() {
    awk '{ v = $1; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
           if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000;
           printf "%.2f", v }'
}
fig() { # "RPS req/s p99 X ms" + errors
    printf '%s req/s p99 %s ms%s' "$1" "$2" "${3:+ [$3 ]}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { # ratio target [p99...]: PASS / BELOW TARGET
    local r=$1 t=$2 ok=1 p
    shift 2
    awk -v r="$r" -v t="$t" 'BEGIN { exit !(r != "n/a" && r >= t) }' || ok=0
    for p in "$@"; do
        awk -v p="$p" 'BEGIN { exit !(p != "?" && p < 10) }' || ok=0
    done
    ((ok)) && echo PASS || echo "BELOW TARGET"
}
app_lines() { wc -l <"$CHARTER_FCGI_LOG"; }
# app requests for PATH logged after line N: "total (200: x, 304: y, other: z)"
app_requests_since() {
    tail -n +"$(($1 + 1))" "$CHARTER_FCGI_LOG" | awk -v p="$2" '
        index($0, " " p " ") { n++; if ($0 ~ (" " p " 200 ")) ok++; else if ($0 ~ (" " p " 304 ")) nm++; else o++ }
        END { printf "%d (200: %d, 304: %d, other: %d)", n, ok, nm, o }'
}

# ---- the stack ---------------------------------------------------------------------
say "charter benchmarks — $(date -u '+%Y-%m-%d %H:%M:%SZ'), $(nproc) cores, $(nginx -v 2>&1 | sed 's/.*: //'), wrk -t$THREADS -c$CONNS -d${DUR}s"
CHARTER_LOG_LEVEL=info CHARTER_BUILD=$BUILD charter_env_start "$TMP/env" >"$TMP/env-start.log" 2>&1 ||
    { cat "$TMP/env-start.log" >&2; die "cannot start the test stack (tests/lib/env.sh)"; }
trap bench_cleanup EXIT
N=$CHARTER_ENV_DIR/nginx
BASE=${CHARTER_BASE_URL%/}
NGX_WORKERS=$(awk '$1 == "worker_processes" {sub(/;/, "", $2); print $2}' "$N/nginx.conf")

# The shipped conf must let nginx cache the app's answers despite Cache-Control: no-cache.
IGNORE_NOTE=""
if ! grep -Eq '^[[:space:]]*fastcgi_ignore_headers[^;]*Cache-Control' "$SRC/conf/nginx.conf"; then
    IGNORE_NOTE="conf/nginx.conf lacks 'fastcgi_ignore_headers Cache-Control Expires;' — added to this run's generated copy only"
    sed -i 's|^\([[:space:]]*\)fastcgi_cache charter;|&\n\1fastcgi_ignore_headers Cache-Control Expires;|' "$N/charter.conf"
    grep -q 'fastcgi_ignore_headers' "$N/charter.conf" || die "cannot patch $N/charter.conf"
    nginx -p "$N" -e "$N/error.log" -c "$N/nginx.conf" -t >/dev/null 2>&1 || die "patched nginx conf does not pass nginx -t"
    nginx -p "$N" -e "$N/error.log" -c "$N/nginx.conf" -s reload
    sleep 1
fi

# The page, fetched once: its bytes are the static file and minimal_fcgi's answer.
mkdir -p "$BN/static" "$BN/tmp" "$BN/cache"
curl -sf -o "$BN/static/page.html" "$BASE$PAGE?nocache=1" || die "cannot fetch $PAGE"
PAGE_BYTES=$(wc -c <"$BN/static/page.html")
((PAGE_BYTES > 1000)) || die "$PAGE is only $PAGE_BYTES bytes"

# minimal_fcgi: plain FCGX_Accept_r loop, and with charter.fcgi's keep-conn handling (-k).
MIN_SOCK=$TMP/min.sock MINK_SOCK=$TMP/mink.sock
"$BUILD/bench/minimal_fcgi" -n "$CHARTER_WORKERS" "$MIN_SOCK" "$BN/static/page.html" 2>>"$TMP/minimal.log" &
PIDS+=($!)
"$BUILD/bench/minimal_fcgi" -k -n "$CHARTER_WORKERS" "$MINK_SOCK" "$BN/static/page.html" 2>>"$TMP/minimal.log" &
PIDS+=($!)
# commit_fcgi: the board benchmark's ceiling (one committed INSERT per post), one worker
# per connection: its best case (the INSERTs of 32 workers share fsyncs).
COMMIT_SOCK=$TMP/commit.sock
"$BUILD/bench/commit_fcgi" -n "$CONNS" "$COMMIT_SOCK" "$CHARTER_DB_SOCKET" charter 2>>"$TMP/minimal.log" &
PIDS+=($!)

# The bench nginx (same worker count as the charter nginx): a static server, and copies
# of the shipped server block (as generated by env.sh) pointing at other upstreams.
# variant NAME SOCKET PORT KEEP(yes/no)
variant() {
    local name=$1 sock=$2 port=$3 keep=$4 f=$BN/$1.conf
    sed -e "s|unix:$CHARTER_FCGI_SOCKET|unix:$sock|" \
        -e "s|listen 127.0.0.1:$CHARTER_PORT;|listen 127.0.0.1:$port;|" \
        -e "s|$N/cache|$BN/cache/$name|" \
        -e "s|keys_zone=charter:|keys_zone=$name:|" \
        -e "s|upstream charter |upstream $name |" \
        -e "s|fastcgi_pass charter;|fastcgi_pass $name;|" \
        -e "s|fastcgi_cache charter;|fastcgi_cache $name;|" \
        "$N/charter.conf" >"$f"
    if [[ $keep == yes ]]; then	# the alternative to the shipped conf: upstream keepalive
        sed -i -e "s|^\([[:space:]]*\)server unix:$sock;|&\n\1keepalive 32;|" \
            -e 's|fastcgi_keep_conn off;|fastcgi_keep_conn on;|' "$f"
        grep -q 'keepalive 32;' "$f" || die "cannot add keepalive to the $name variant"
    fi
    if grep -vE '^[[:space:]]*#' "$f" | grep -Eq "fastcgi_pass charter;|$N/cache|listen 127.0.0.1:$CHARTER_PORT;" ||
        ! grep -q "unix:$sock" "$f"; then
        die "cannot derive the $name variant from the shipped conf (names changed?)"
    fi
    echo "    include $f;"
}
P_STATIC=$(charter_free_port) P_CK=$(charter_free_port) P_CN=$(charter_free_port)
P_MK=$(charter_free_port) P_MN=$(charter_free_port) P_MPK=$(charter_free_port)
P_CM=$(charter_free_port)
user_line=''
[[ $(id -u) -eq 0 ]] && user_line='user root;'
{
    cat <<EOF
# generated by bench/run.sh
$user_line
worker_processes $NGX_WORKERS;
pid $BN/nginx.pid;
error_log $BN/error.log info;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $BN/access.log;
    client_body_temp_path $BN/tmp/body;
    fastcgi_temp_path $BN/tmp/fastcgi;
    proxy_temp_path $BN/tmp/proxy;
    scgi_temp_path $BN/tmp/scgi;
    uwsgi_temp_path $BN/tmp/uwsgi;
    server {
        listen 127.0.0.1:$P_STATIC;
        charset utf-8;
        root $BN/static;
    }
EOF
    variant charter_keep "$CHARTER_FCGI_SOCKET" "$P_CK" yes
    variant charter_nokeep "$CHARTER_FCGI_SOCKET" "$P_CN" no
    variant min_keep "$MINK_SOCK" "$P_MK" yes
    variant min_nokeep "$MIN_SOCK" "$P_MN" no
    variant min_plain_keep "$MIN_SOCK" "$P_MPK" yes
    variant commit_nokeep "$COMMIT_SOCK" "$P_CM" no
    echo "}"
} >"$BN/nginx.conf"
nginx -p "$BN" -e "$BN/error.log" -c "$BN/nginx.conf" -t >"$BN/configtest.log" 2>&1 ||
    { cat "$BN/configtest.log" >&2; die "bench nginx configuration test failed"; }
nginx -p "$BN" -e "$BN/error.log" -c "$BN/nginx.conf"
for ((i = 0; i < 100; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$P_STATIC/page.html" &&
        [[ -S $MIN_SOCK && -S $MINK_SOCK && -S $COMMIT_SOCK ]] && break
    sleep 0.1
done
((i < 100)) || die "bench nginx or minimal_fcgi did not come up (see $BN/error.log)"

# Same bytes everywhere?
same() { curl -sf "$1" | cmp -s - "$BN/static/page.html"; }
for u in "http://127.0.0.1:$P_STATIC/page.html" "http://127.0.0.1:$P_MN$PAGE?nocache=1" \
    "http://127.0.0.1:$P_MK$PAGE?nocache=1" "http://127.0.0.1:$P_CN$PAGE?nocache=1" \
    "http://127.0.0.1:$P_CK$PAGE?nocache=1" "$BASE$PAGE?nocache=1"; do
    same "$u" || die "$u does not answer the same $PAGE_BYTES bytes"
done
curl -sf -o /dev/null "$BASE$PAGE"  # fill the cache
sleep 0.2
XCACHE=$(curl -s -D - -o "$TMP/cached.html" "$BASE$PAGE" | awk -F': ' 'tolower($1) == "x-cache" {gsub(/\r/, "", $2); print $2}')
cmp -s "$TMP/cached.html" "$BN/static/page.html" || say "NOTE: the cached page's bytes differ from the uncached ones"

say "page $PAGE: $PAGE_BYTES bytes; nginx worker_processes $NGX_WORKERS (both nginx instances); charter.fcgi and minimal_fcgi: $CHARTER_WORKERS processes"
if [[ -n $IGNORE_NOTE ]]; then say "NOTE: $IGNORE_NOTE"; else say "conf/nginx.conf has fastcgi_ignore_headers Cache-Control: nginx may cache the app's answers"; fi
say ""

# ---- (a) ---------------------------------------------------------------------------
run_wrk warmup "http://127.0.0.1:$P_STATIC/page.html" 2
run_wrk static "http://127.0.0.1:$P_STATIC/page.html"
S_RPS=$WRK_RPS S_P99=$WRK_P99 S_ERR=$WRK_ERRS
l0=$(app_lines)
run_wrk cached "$BASE$PAGE"
A_RPS=$WRK_RPS A_P99=$WRK_P99 A_ERR=$WRK_ERRS A_REQS=$WRK_REQS
A_APP=$(app_requests_since "$l0" "$PAGE")
r=$(ratio "$A_RPS" "$S_RPS")
say "(a) cached page: $(fig "$A_RPS" "$A_P99" "$A_ERR") | static file: $(fig "$S_RPS" "$S_P99" "$S_ERR") | ratio $r (target >= 0.70, p99 < 10 ms) $(verdict "$r" 0.70 "$A_P99")"
say "    sample request X-Cache: ${XCACHE:-none}$([[ $XCACHE == HIT ]] || echo ' — EXPECTED HIT: nginx is not caching the page')"
say "    requests reaching charter.fcgi during the ${DUR}s cached run (of ${A_REQS:-?}): $A_APP"

# Upload visible within one second, while wrk hammers the page.
TOKEN=$("$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" token create --role admin --label bench 2>/dev/null | tail -n 1)
[[ -n $TOKEN ]] || die "charterctl token create printed no token"
curl -sf "$BASE$UPLOAD_PAGE" | grep -q "$MARKER" && die "$UPLOAD_PAGE shows the marker before the upload"
wrk -t"$THREADS" -c"$CONNS" -d"$((DUR < 6 ? 6 : DUR))s" --latency "$BASE$UPLOAD_PAGE" >"$TMP/wrk-upload.txt" 2>&1 &
WRKPID=$!
PIDS+=("$WRKPID")
sleep 2
t0=$(now_ms)
PUT_STATUS=$(curl -s -o "$TMP/put.out" -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/xml' --data-binary @"$UPLOAD_FILE" "$BASE/admin/charters/gwangmyeong/autonomy")
t1=$(now_ms)
seen=""
for ((i = 0; i < 500; i++)); do     # at most ~5 s (+ request time)
    if curl -s "$BASE$UPLOAD_PAGE" | grep -q "$MARKER"; then
        seen=$(now_ms)
        break
    fi
    sleep 0.01
done
wait "$WRKPID" 2>/dev/null || true
UP_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$TMP/wrk-upload.txt")
UP_SOCK=$(awk -F': ' '/Socket errors:/ {print $2}' "$TMP/wrk-upload.txt")
UP_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$TMP/wrk-upload.txt")
if [[ $PUT_STATUS != 2* ]]; then
    say "    upload: PUT answered $PUT_STATUS: $(head -c 300 "$TMP/put.out") — BELOW TARGET"
elif [[ -z $seen ]]; then
    say "    upload: PUT $PUT_STATUS in $((t1 - t0)) ms; the new version did NOT show within 5 s — BELOW TARGET"
else
    d=$((seen - t1))
    say "    upload: PUT $PUT_STATUS in $((t1 - t0)) ms, new version visible through nginx $d ms after the PUT answered ($((seen - t0)) ms after it was sent) (target <= 1000 ms) $( ((seen - t0 <= 1000)) && echo PASS || echo 'BELOW TARGET')"
fi
say "    (load during the upload: ${UP_RPS:-?} req/s on $UPLOAD_PAGE${UP_NON2XX:+, non-2xx/3xx: $UP_NON2XX}${UP_SOCK:+, socket errors: $UP_SOCK})"
say ""

# ---- (b) ---------------------------------------------------------------------------
run_wrk charter_keep "http://127.0.0.1:$P_CK$PAGE?nocache=1"
CK_RPS=$WRK_RPS CK_P99=$WRK_P99 CK_ERR=$WRK_ERRS
run_wrk min_keep "http://127.0.0.1:$P_MK$PAGE?nocache=1"
MK_RPS=$WRK_RPS MK_P99=$WRK_P99 MK_ERR=$WRK_ERRS
run_wrk charter_nokeep "http://127.0.0.1:$P_CN$PAGE?nocache=1"
CN_RPS=$WRK_RPS CN_P99=$WRK_P99 CN_ERR=$WRK_ERRS
run_wrk min_nokeep "http://127.0.0.1:$P_MN$PAGE?nocache=1"
MN_RPS=$WRK_RPS MN_P99=$WRK_P99 MN_ERR=$WRK_ERRS
r=$(ratio "$CK_RPS" "$MK_RPS")
say "(b) with upstream keepalive (keepalive 32 + fastcgi_keep_conn on; not shipped):"
say "    charter.fcgi: $(fig "$CK_RPS" "$CK_P99" "$CK_ERR") | minimal_fcgi -k: $(fig "$MK_RPS" "$MK_P99" "$MK_ERR") | ratio $r (target >= 0.80, p99 < 10 ms) $(verdict "$r" 0.80 "$CK_P99" "$MK_P99")"
r=$(ratio "$CN_RPS" "$MN_RPS")
say "(b) shipped conf, no upstream keepalive (a connect() per request) — the figure for the target:"
say "    charter.fcgi: $(fig "$CN_RPS" "$CN_P99" "$CN_ERR") | minimal_fcgi: $(fig "$MN_RPS" "$MN_P99" "$MN_ERR") | ratio $r (target >= 0.80, p99 < 10 ms) $(verdict "$r" 0.80 "$CN_P99" "$MN_P99")"
# Last: a plain libfcgi loop blocks on a kept connection; it may leave requests hanging.
run_wrk min_plain_keep "http://127.0.0.1:$P_MPK$PAGE?nocache=1"
say "    for reference, plain FCGX_Accept_r loop behind keepalive: $(fig "$WRK_RPS" "$WRK_P99" "$WRK_ERRS")"
# POSTs are not retried by nginx once sent: a kept connection that charter.fcgi drops
# just as nginx reuses it becomes a 502 for the client.
post_502() { # URL -> "N POSTs, M answered 502"
    local a0 lua=$TMP/post.lua
    printf 'wrk.method = "POST"\nwrk.body = "a=1"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' >"$lua"
    a0=$(wc -l <"$BN/access.log")
    wrk -t"$THREADS" -c"$CONNS" -d5s -s "$lua" "$1" >"$TMP/wrk-post.txt" 2>&1 || true
    tail -n +"$((a0 + 1))" "$BN/access.log" | awk '$6 == "\"POST" { n++; if ($9 == 502) b++ } END { printf "%d POSTs, %d answered 502", n, b }'
}
say "    POST flood (5 s) on $PAGE, which charter.fcgi answers 405: keepalive: $(post_502 "http://127.0.0.1:$P_CK$PAGE") | no keepalive: $(post_502 "http://127.0.0.1:$P_CN$PAGE")"
say "    charter.fcgi keepalive vs no keepalive: $(ratio "$CK_RPS" "$CN_RPS")x; best charter.fcgi vs best minimal: $(ratio "$((CK_RPS > CN_RPS ? CK_RPS : CN_RPS))" "$((MK_RPS > MN_RPS ? MK_RPS : MN_RPS))")"
say ""

# ---- (c) ---------------------------------------------------------------------------
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c "$(($(nproc) - 1))")
say "(c) uncached in-process rendering (xmlsafe_parse + charter_view + render_html), one core${pin:+ (taskset -c ${pin[2]})}:"
"${pin[@]}" "$BUILD/bench/render_bench" -t 2 "$SRC" | sed 's/^/    /' || die "render_bench failed"
say "    (limits.md, other run: libxslt precompiled stylesheet on a 29 KB document ~1,900 transforms/s)"
say ""

# ---- board posts (issue 3): posts through nginx vs single-row committed INSERTs ----
BOARD_CEILING_URL=http://127.0.0.1:$P_CM/board "$SRC/bench/board.sh" "$BUILD" "$CHARTER_ENV_DIR" ||
    say "(board) bench/board.sh failed"
say ""

# ---- feed import (issue 3, point 9) ------------------------------------------------
"$SRC/bench/feed.sh" "$BUILD" "$CHARTER_ENV_DIR" || say "(feed) bench/feed.sh failed"
say ""

# ---- engine (issue 4): deadline computations; sweep vs UPDATE -------------------
if [[ -x $BUILD/bench/deadline_bench ]]; then
    say "(engine) deadline computations (calendar + deadline arithmetic), one core${pin:+ (taskset -c ${pin[2]})}:"
    "${pin[@]}" "$BUILD/bench/deadline_bench" "$SRC/conf/holidays.conf" | sed 's/^/    /' || say "    deadline_bench failed"
else
    say "(engine) missing $BUILD/bench/deadline_bench (run: make -C $BUILD bench/deadline_bench)"
fi
say ""
# calendar bench (calendar helper) above this line
"$SRC/bench/sweep.sh" "$BUILD" "$CHARTER_ENV_DIR" || say "(sweep) bench/sweep.sh failed"
# sweep bench (sweep helper) above this line
say ""
"$SRC/bench/opendata.sh" "$BUILD" "$CHARTER_ENV_DIR" || say "(opendata) bench/opendata.sh failed"
# opendata bench (datasets helper) above this line

# ---- logs --------------------------------------------------------------------------
logs() {
    local f=$1 pat=$2 n
    [[ -f $f ]] || return 0
    n=$(grep -Ec "$pat" "$f" || true)
    say "log $(basename "$(dirname "$f")")/$(basename "$f"): $n line(s) matching /$pat/"
    ((n == 0)) || { grep -E "$pat" "$f" | sed -E -e 's/^[0-9\/: TZ-]+//' \
        -e 's/[0-9]+#[0-9]+: \*[0-9]+ //; s/, client: [^,]*, server: [^,]*//; s/, host: .*//' \
        -e 's/charter\.fcgi\[[0-9]+\]/charter.fcgi/; s/req=[0-9a-f-]+ //' \
        -e "s|$TMP/||g" | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/    /'; } || true
}
logs "$N/error.log" '\[(error|crit|alert|emerg)\]'
logs "$BN/error.log" '\[(error|crit|alert|emerg)\]'
logs "$CHARTER_FCGI_LOG" '(ERR|ERROR|error|warn|WARN)'
