#!/usr/bin/env bash
# bench/opendata.sh BUILD_DIR ENVDIR — issue 5, point 7: open data with 1,000,000 petitions
# in one department (pocheon/common), loaded straight in SQL (Sequence engine) into a
# database of its own (charter_bench, migrated by charterctl, dropped afterwards):
#   `charterctl stats rebuild` (its time);
#   (a) /opendata/?dept=pocheon/common through nginx with wrk: p50, target < 100 ms
#       (if the page is not there, /opendata/compliance.json?dept=... instead, said so);
#   (b) /opendata/petitions.csv?dept=pocheon/common (1M rows) through nginx with curl,
#       rows/s, against the mariadb client dumping the same columns (--batch > /dev/null):
#       ratio, target >= 0.5; the charter.fcgi workers' VmHWM after a ~10k-row export and
#       after the 1M-row one (flat: constant memory).
# ENVDIR is a running stack of tests/lib/env.sh: its charter.fcgi is restarted on the bench
# database for the measurements and restarted on its own database afterwards.
# Environment: BENCH_OPENDATA_ROWS (default 1000000), BENCH_OPENDATA_KEEP=1 keeps the database.
set -euo pipefail

BUILD=$(cd "${1:?usage: bench/opendata.sh BUILD_DIR ENVDIR}" && pwd)
ENVDIR=$(cd "${2:?usage: bench/opendata.sh BUILD_DIR ENVDIR}" && pwd)
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=${BENCH_OPENDATA_ROWS:-1000000}
DB=charter_bench_od
say() { printf '%s\n' "$*"; }
die() { printf 'bench/opendata: %s\n' "$*" >&2; exit 1; }
ms() { date +%s%3N; }
secs() { awk -v t="$1" 'BEGIN { printf "%.2f", t / 1000 }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / (t / 1000) : 0) }'; }

eval "$(sed 's/^/export /' "$ENVDIR/env.vars")"
# shellcheck source=../tests/lib/env.sh
. "$SRC/tests/lib/env.sh"
TMP=$(mktemp -d "$ENVDIR/odbench.XXXXXX")
SQL=(mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot --batch --skip-column-names)
ORIG_CONF=$CHARTER_CONF
SWITCHED=0
cleanup() {
    if ((SWITCHED)); then
        charter_fcgi_stop || true
        CHARTER_CONF=$ORIG_CONF charter_fcgi_start || say "    (could not restart charter.fcgi on its own database)"
    fi
    [[ ${BENCH_OPENDATA_KEEP:-0} == 1 ]] || "${SQL[@]}" -e "DROP DATABASE IF EXISTS $DB" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
sqlb() { "${SQL[@]}" "$DB" -e "SET time_zone = '+00:00'; $*"; }

sed "s/^db_name *=.*/db_name = $DB/" "$CHARTER_CONF" >"$TMP/charter.conf"
CTL=("$BUILD/charterctl" -c "$TMP/charter.conf")
"${SQL[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
"${CTL[@]}" migrate >/dev/null || die "migrate failed"
"${CTL[@]}" charter import "$SRC/conf/charters/pocheon/common.xml" --uploader bench >/dev/null ||
    die "charter import failed"
VID=$(sqlb "SELECT current_version_id FROM charters WHERE city='pocheon' AND dept='common'")

# Petitions received over the last year (one every ~30 s): 70% answered within 0-199 hours
# (every 10th of them late: breached), 20% pending, 10% withdrawn; one statutory result
# each; compensation for the breached ones, every other one paid.
t0=$(ms)
CHUNK=250000
for ((lo = 1; lo <= ROWS; lo += CHUNK)); do
    hi=$((lo + CHUNK - 1 > ROWS ? ROWS : lo + CHUNK - 1))
    sqlb "INSERT INTO petitions (id, receipt_no, source, external_id, city, dept, charter_version_id,
        kind, channel, received_at, statutory_value, statutory_unit, statutory_from, state, title,
        body, content_sha256, created_at, updated_at, statutory_due, next_due, evaluated_at,
        answered_at, closed_at, breached)
      SELECT seq, CONCAT('2026-pocheon-common-', LPAD(seq, 7, '0')), 'bench', seq, 'pocheon',
        'common', $VID, 'simple-inquiry', IF(seq % 3 = 0, 'visit', 'internet'),
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND,
        7, 'days', 'charter',
        CASE WHEN seq % 10 < 7 THEN 'answered' WHEN seq % 10 < 9 THEN 'received' ELSE 'withdrawn' END,
        CONCAT('벤치 민원 ', seq), '벤치마크 민원 본문입니다.', SHA2(seq, 256),
        UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND + INTERVAL 9 DAY,
        NULL, UTC_TIMESTAMP(6),
        IF(seq % 10 < 7, UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND
           + INTERVAL (seq % 200) HOUR, NULL),
        IF(seq % 10 = 9, UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND
           + INTERVAL 1 HOUR, NULL),
        seq % 70 = 7
      FROM seq_${lo}_to_${hi};
    INSERT INTO petition_measures (petition_id, standard_id, from_event, to_event, target, clock,
        basis, origin, status, started_at, due, done_at)
      SELECT seq, 'simple-inquiry-answer', 'received', 'answered', 'P7D', 'working-days',
        'statutory', 'pocheon/common',
        CASE WHEN seq % 70 = 7 THEN 'breached' WHEN seq % 10 < 7 THEN 'met'
             WHEN seq % 10 < 9 THEN 'pending' ELSE 'na' END,
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND,
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 31) % 31536000 SECOND + INTERVAL 9 DAY,
        NULL
      FROM seq_${lo}_to_${hi};
    INSERT INTO compensation (petition_id, entitlement_key, rule_id, rule_origin,
        charter_version_id, trigger_name, standard_id, amount, currency, form, state, arose_at,
        booked_at, booked_by, paid_at)
      SELECT seq, 'statutory-missed', 'statutory-missed', 'pocheon/common', $VID,
        'statutory-missed', 'simple-inquiry-answer', 10000, 'KRW', 'voucher',
        IF(seq % 140 = 7, 'paid', 'owed'), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 'bench',
        IF(seq % 140 = 7, UTC_TIMESTAMP(6), NULL)
      FROM seq_${lo}_to_${hi} WHERE seq % 70 = 7" || die "cannot generate the petitions"
done
t1=$(ms)
say "    (generated $ROWS petitions in pocheon/common in $(secs $((t1 - t0))) s)"

t0=$(ms)
OUT=$("${CTL[@]}" stats rebuild 2>&1) || die "stats rebuild failed: $OUT"
t1=$(ms)
say "(opendata) charterctl stats rebuild over $ROWS petitions: $(secs $((t1 - t0))) s ($OUT)"

# charter.fcgi on the bench database
charter_fcgi_stop
SWITCHED=1
CHARTER_CONF=$TMP/charter.conf charter_fcgi_start || die "charter.fcgi did not start on $DB"
BASE=http://127.0.0.1:$CHARTER_PORT

# (a) the page
PAGE="/opendata/?dept=pocheon/common"
if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE$PAGE") != 200 ]]; then
    say "    (/opendata/ answered $(curl -s -o /dev/null -w '%{http_code}' "$BASE$PAGE"): measuring /opendata/compliance.json instead)"
    PAGE="/opendata/compliance.json?dept=pocheon/common"
fi
curl -s -o /dev/null "$BASE$PAGE"
WRK=$(wrk -t 2 -c 4 -d "${BENCH_OPENDATA_DURATION:-5}" --latency "$BASE$PAGE" 2>&1) || die "wrk failed: $WRK"
P50=$(awk '$1 == "50%" { print $2 }' <<<"$WRK")
P50MS=$(awk -v v="$P50" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }')
REQS=$(awk '/^Requests\/sec/ { print $2 }' <<<"$WRK")
OK=$(awk -v p="$P50MS" 'BEGIN { print p < 100 ? "PASS" : "BELOW TARGET" }')
say "(opendata) $PAGE through nginx, $ROWS petitions: p50 $P50MS ms / limit 100 ms = $(awk -v p="$P50MS" 'BEGIN { printf "%.2f", p / 100 }') (target < 1) $OK; $REQS req/s"

# (b) the petitions CSV against the mariadb client
hwm() {     # the largest VmHWM (kB) of the charter.fcgi workers
    local master w m=0 v
    master=$(<"$CHARTER_FCGI_PIDFILE")
    for w in $(pgrep -P "$master") "$master"; do
        v=$(awk '/^VmHWM/ { print $2 }' "/proc/$w/status" 2>/dev/null || echo 0)
        ((v > m)) && m=$v
    done
    echo "$m"
}
SMALL_FROM=$(date -u -d '-5 days' +%Y-%m-%d)
SMALL=$(curl -s "$BASE/opendata/petitions.csv?dept=pocheon/common&from=$SMALL_FROM" | wc -l)
H0=$(hwm)
t0=$(ms)
BYTES=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/opendata/petitions.csv?dept=pocheon/common")
t1=$(ms)
H1=$(hwm)
CSV_MS=$((t1 - t0))
N=$(sqlb "SELECT COUNT(*) FROM petitions WHERE city='pocheon' AND dept='common'")
K="'%Y-%m-%dT%H:%i:%s+09:00'"
t0=$(ms)
sqlb "SELECT p.receipt_no, p.city, p.dept, p.kind, p.channel,
    DATE_FORMAT(p.received_at + INTERVAL 9 HOUR, $K), DATE_FORMAT(p.statutory_due + INTERVAL 9 HOUR, $K),
    DATE_FORMAT(p.next_due + INTERVAL 9 HOUR, $K), DATE_FORMAT(p.answered_at + INTERVAL 9 HOUR, $K),
    DATE_FORMAT(p.closed_at + INTERVAL 9 HOUR, $K), p.state,
    CASE WHEN p.breached THEN 'breached' WHEN p.answered_at IS NOT NULL THEN 'met'
      WHEN p.state = 'withdrawn' THEN 'na' ELSE 'pending' END, p.extended, p.supplemented
  FROM petitions p WHERE p.city = 'pocheon' AND p.dept = 'common'
  ORDER BY p.id" >/dev/null
t1=$(ms)
CLI_MS=$((t1 - t0))
CSV_RATE=$(rate "$N" "$CSV_MS")
CLI_RATE=$(rate "$N" "$CLI_MS")
RATIO=$(awk -v a="$CSV_RATE" -v b="$CLI_RATE" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
OK=$(awk -v r="$RATIO" 'BEGIN { print r >= 0.5 ? "PASS" : "BELOW TARGET" }')
say "(opendata) /opendata/petitions.csv?dept=pocheon/common through nginx: $N rows, $BYTES bytes in $(secs "$CSV_MS") s, $CSV_RATE rows/s | mariadb --batch, same columns: $(secs "$CLI_MS") s, $CLI_RATE rows/s | ratio $RATIO (target >= 0.5) $OK"
say "    charter.fcgi workers' VmHWM: $H0 kB after a $((SMALL - 1))-row export, $H1 kB after the $N-row one ($(awk -v a="$H0" -v b="$H1" 'BEGIN { printf "%+d", b - a }') kB)"
