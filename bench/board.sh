#!/usr/bin/env bash
# bench/board.sh BUILD_DIR ENVDIR — issue 3, point 9: board posts through nginx, each
# committed to MariaDB before the answer, at 32 connections (wrk posting urlencoded
# forms with a valid CSRF token fetched first), against the commit limit: 32
# connections of mariadb-slap each running single-row autocommit INSERTs of the same
# rows (title, body, the applicant's fields) into the same server. Target: ratio >= 0.5,
# p99 < 50 ms. ENVDIR is a running stack of tests/lib/env.sh (its env.vars).
# With BOARD_CEILING_URL (bench/run.sh sets it: bench/commit_fcgi behind a copy of the
# same nginx server block), the same posts also go to the least a FastCGI handler can
# do for them — one committed INSERT of the limit's row each, nothing else — and that
# figure is printed against the same limit: what this machine allows any handler.
# Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2).
set -euo pipefail

BUILD=${1:?usage: bench/board.sh BUILD_DIR ENVDIR}
ENVDIR=${2:?usage: bench/board.sh BUILD_DIR ENVDIR}
DUR=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
# shellcheck disable=SC1091
. "$ENVDIR/env.vars"
BASE=${CHARTER_BASE_URL%/}
W=$(mktemp -d /tmp/charter-board-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
sqlc() { mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot --batch --skip-column-names charter -e "$*"; }

TOKEN=$(curl -sf "$BASE/board/new" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
[[ -n $TOKEN ]] || { echo "bench/board: no CSRF token from $BASE/board/new" >&2; exit 1; }
TITLE='도로 파손 신고 (벤치마크)'
BODY='포천시 중앙로 앞 보도블록이 깨져 있어 보행자가 넘어질 위험이 있습니다. 빠른 보수를 부탁드립니다.'
FORM=$(python3 -c 'import sys, urllib.parse as u; print(u.urlencode({"csrf": sys.argv[1], "name": "벤치 시민", "address": "포천시 중앙로 1", "phone": "031-000-0000", "email": "bench@example.kr", "department": "pocheon/common", "kind": "complaint", "title": sys.argv[2], "body": sys.argv[3]}))' "$TOKEN" "$TITLE" "$BODY")
cat >"$W/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$FORM"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
stmts() { sqlc "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | awk '{print $2}'; }
before=$(sqlc "SELECT COUNT(*) FROM petitions") s0=$(stmts)
wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency -s "$W/post.lua" "$BASE/board" >"$W/wrk.txt" 2>&1 || true
after=$(sqlc "SELECT COUNT(*) FROM petitions") s1=$(stmts)
PER=$(awk -v s=$((s1 - s0)) -v n=$((after - before)) 'BEGIN { if (n > 0) printf "%.1f", s / n; else print "?" }')
RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$W/wrk.txt")
P99=$(awk '$1 == "99%" {print $2}' "$W/wrk.txt" | awk '{ v = $1; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v }')
NON=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$W/wrk.txt")
REQS=$(awk '/requests in/ {print $1}' "$W/wrk.txt")

# The limit: the same rows, one committed single-row INSERT per statement, 32 clients.
sqlc "DROP TABLE IF EXISTS bench_board_limit; CREATE TABLE bench_board_limit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, title VARCHAR(300) NOT NULL,
  body MEDIUMTEXT NOT NULL, name VARCHAR(100) NOT NULL, address VARCHAR(300) NOT NULL,
  phone VARCHAR(40), email VARCHAR(254), created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
N=$((CONNS * 500))
INS="INSERT INTO bench_board_limit (title, body, name, address, phone, email, created_at) VALUES ('$TITLE', '$BODY', '벤치 시민', '포천시 중앙로 1', '031-000-0000', 'bench@example.kr', UTC_TIMESTAMP(6))"
mariadb-slap --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot --create-schema=charter --no-drop \
    --concurrency="$CONNS" --iterations=1 --number-of-queries="$N" --query="$INS" >"$W/slap.txt" 2>&1 || true
SECS=$(awk '/Average number of seconds to run all queries/ {print $(NF-1)}' "$W/slap.txt")
ROWS=$(sqlc "SELECT COUNT(*) FROM bench_board_limit")
CEIL=""
if [[ -n ${BOARD_CEILING_URL:-} ]]; then
    sqlc "TRUNCATE bench_board_limit"
    wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency -s "$W/post.lua" "$BOARD_CEILING_URL" >"$W/wrk-ceil.txt" 2>&1 || true
    C_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$W/wrk-ceil.txt")
    C_P99=$(awk '$1 == "99%" {print $2}' "$W/wrk-ceil.txt")
    C_NON=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$W/wrk-ceil.txt")
    C_ROWS=$(sqlc "SELECT COUNT(*) FROM bench_board_limit")
fi
sqlc "DROP TABLE IF EXISTS bench_board_limit"
LIMIT=$(awk -v n="$ROWS" -v s="$SECS" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print 0 }')
RATIO=$(awk -v a="${RPS:-0}" -v b="$LIMIT" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
OK=$(awk -v r="$RATIO" -v p="${P99:-999}" 'BEGIN { print (r != "n/a" && r >= 0.5 && p < 50) ? "PASS" : "BELOW TARGET" }')
if [[ -n ${BOARD_CEILING_URL:-} ]]; then
    CR=$(awk -v a="${C_RPS:-0}" -v b="$LIMIT" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    CEIL="    ceiling: bench/commit_fcgi (read the post, one committed single-row INSERT, 303; nothing else) behind the same nginx: ${C_RPS:-0} req/s p99 ${C_P99:-?} (${C_ROWS:-?} rows${C_NON:+, non-2xx/3xx: $C_NON}) = $CR of the same limit; charter.fcgi = $(awk -v a="${RPS:-0}" -v b="${C_RPS:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') of this ceiling"
fi
echo "(board) posts through nginx: ${RPS:-0} req/s p99 ${P99:-?} ms (${REQS:-?} requests, $((after - before)) petitions stored, $PER prepared statements each${NON:+, non-2xx/3xx: $NON}) | single-row autocommit INSERTs, $CONNS clients: $LIMIT rows/s ($ROWS rows in ${SECS:-?} s) | ratio $RATIO (target >= 0.50, p99 < 50 ms) $OK"
[[ -z $CEIL ]] || echo "$CEIL"
