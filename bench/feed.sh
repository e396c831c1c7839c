#!/usr/bin/env bash
# bench/feed.sh BUILD_DIR ENVDIR — the feed import of issue 3, point 9 (called by bench/run.sh
# on its running stack; ENVDIR holds env.vars from tests/lib/env.sh).
#
# `charterctl feed import` of 200,000 generated items, against the faster of LOAD DATA LOCAL
# INFILE and 500-row multi-row INSERTs of the same rows (the petitions' public columns) into a
# copy table in the same server: target ratio >= 0.3; peak RSS (/usr/bin/time -v) < 64 MB at
# both 10,000 and 200,000 items, not growing between them.
# Environment: BENCH_FEED_ITEMS (default 200000), BENCH_FEED_SMALL (10000).
set -euo pipefail

BUILD=$(cd "${1:?usage: bench/feed.sh BUILD_DIR ENVDIR}" && pwd)
ENVDIR=$(cd "${2:?usage: bench/feed.sh BUILD_DIR ENVDIR}" && pwd)
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIG=${BENCH_FEED_ITEMS:-200000}
SMALL=${BENCH_FEED_SMALL:-10000}
say() { printf '%s\n' "$*"; }
die() { printf 'bench/feed: %s\n' "$*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
eval "$(sed 's/^/export /' "$ENVDIR/env.vars")"
TMP=$(mktemp -d "$ENVDIR/feedbench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CTL=("$BUILD/charterctl" -c "$CHARTER_CONF")
SQL=(mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot charter)
ms() { date +%s%3N; }

# import N SOURCE: sets SECS, RSS_KB; the file is generated first (not timed)
import() {
    local n=$1 s=$2 t0 t1 out
    python3 "$SRC/tests/http/feedgen.py" "$TMP/$s.xml" "$n" "$s" 1 --rows "$TMP/$s.tsv"
    t0=$(ms)
    out=$(/usr/bin/time -v "${CTL[@]}" feed import "$TMP/$s.xml" 2>&1) || die "import failed: ${out: -400}"
    t1=$(ms)
    grep -q "new $n," <<<"$out" || die "not all $n items imported: ${out: -300}"
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' <<<"$out")
}

run_id=$(date +%s)
import "$SMALL" "bs$run_id"
SMALL_SECS=$SECS SMALL_RSS=$RSS_KB
import "$BIG" "bb$run_id"
BIG_SECS=$SECS BIG_RSS=$RSS_KB
FEED_RATE=$(awk -v n="$BIG" -v s="$BIG_SECS" 'BEGIN { printf "%.0f", n / s }')

# The limit: the same rows straight into a copy table.
"${SQL[@]}" -e "DROP TABLE IF EXISTS bench_feed_copy; CREATE TABLE bench_feed_copy (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, source VARCHAR(64) NOT NULL,
  external_id VARCHAR(128) NOT NULL, city VARCHAR(32) NOT NULL, dept VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL, channel VARCHAR(16) NOT NULL, received_at DATETIME(6) NOT NULL,
  title VARCHAR(300) NOT NULL, body MEDIUMTEXT NOT NULL, UNIQUE KEY (source, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
COLS="source, external_id, city, dept, kind, channel, received_at, title, body"
t0=$(ms)
"${SQL[@]}" --local-infile=1 -e "LOAD DATA LOCAL INFILE '$TMP/bb$run_id.tsv' INTO TABLE bench_feed_copy
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\t' ($COLS)"
t1=$(ms)
LOAD_RATE=$(awk -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
"${SQL[@]}" -e "TRUNCATE bench_feed_copy"
python3 - "$TMP/bb$run_id.tsv" "$COLS" >"$TMP/inserts.sql" <<'PY'
import sys
def lit(v):
    return "'" + v.replace("\\", "\\\\").replace("'", "''") + "'"
rows, batch = open(sys.argv[1], encoding="utf-8"), []
def flush():
    if batch:
        print("INSERT INTO bench_feed_copy (%s) VALUES %s;" % (sys.argv[2], ",".join(batch)))
        batch.clear()
for line in rows:
    batch.append("(" + ",".join(lit(v) for v in line.rstrip("\n").split("\t")) + ")")
    if len(batch) == 500:
        flush()
flush()
PY
t0=$(ms)
"${SQL[@]}" <"$TMP/inserts.sql"
t1=$(ms)
INS_RATE=$(awk -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
"${SQL[@]}" -e "DROP TABLE bench_feed_copy"
LIMIT=$((LOAD_RATE > INS_RATE ? LOAD_RATE : INS_RATE))
RATIO=$(awk -v a="$FEED_RATE" -v b="$LIMIT" 'BEGIN { printf "%.3f", a / b }')
verdict() { awk "BEGIN { exit !($1) }" && echo PASS || echo "BELOW TARGET"; }

say "(feed) charterctl feed import of $BIG items: $BIG_SECS s, $FEED_RATE items/s | limit: LOAD DATA $LOAD_RATE rows/s, 500-row INSERTs $INS_RATE rows/s -> $LIMIT rows/s | ratio $RATIO (target >= 0.3) $(verdict "$RATIO >= 0.3")"
say "    peak RSS: $SMALL items $((SMALL_RSS / 1024)) MB ($SMALL_SECS s), $BIG items $((BIG_RSS / 1024)) MB (target < 64 MB, no growth) $(verdict "$BIG_RSS < 65536 && $BIG_RSS < 1.5 * $SMALL_RSS + 4096")"
say "    (each item: petition, applicant, measures in force and events, receipt counter; batches of 500 per transaction)"
