#!/usr/bin/env bash
# bench/sweep.sh BUILD_DIR ENVDIR — issue 4, point 9: `charterctl sweep` over 1,000,000
# petitions (one result each, 10% due in the past), against a single SQL UPDATE booking the
# same 100,000 rows in the same server: target ratio >= 0.3. ENVDIR is a running stack of
# tests/lib/env.sh (its env.vars); the petitions go to a database of their own
# (charter_bench, migrated by charterctl, dropped afterwards).
# Environment: BENCH_SWEEP_ROWS (default 1000000), BENCH_SWEEP_KEEP=1 keeps the database.
set -euo pipefail

BUILD=$(cd "${1:?usage: bench/sweep.sh BUILD_DIR ENVDIR}" && pwd)
ENVDIR=$(cd "${2:?usage: bench/sweep.sh BUILD_DIR ENVDIR}" && pwd)
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=${BENCH_SWEEP_ROWS:-1000000}
DB=charter_bench
say() { printf '%s\n' "$*"; }
die() { printf 'bench/sweep: %s\n' "$*" >&2; exit 1; }
ms() { date +%s%3N; }

eval "$(sed 's/^/export /' "$ENVDIR/env.vars")"
TMP=$(mktemp -d "$ENVDIR/sweepbench.XXXXXX")
SQL=(mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot --batch --skip-column-names)
cleanup() {
    [[ ${BENCH_SWEEP_KEEP:-0} == 1 ]] || "${SQL[@]}" -e "DROP DATABASE IF EXISTS $DB" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
sqlb() { "${SQL[@]}" "$DB" -e "SET time_zone = '+00:00'; $*"; }

# A database of its own, migrated, with the Pocheon charter (statutory-missed compensation).
sed "s/^db_name *=.*/db_name = $DB/" "$CHARTER_CONF" >"$TMP/charter.conf"
CTL=("$BUILD/charterctl" -c "$TMP/charter.conf")
"${SQL[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
"${CTL[@]}" migrate >/dev/null || die "migrate failed"
"${CTL[@]}" charter import "$SRC/conf/charters/pocheon/common.xml" --uploader bench >/dev/null ||
    die "charter import failed"
"${CTL[@]}" sweep --quiet || die "the first (empty) sweep failed"   # stores the calendar digest
VID=$(sqlb "SELECT current_version_id FROM charters WHERE city='pocheon' AND dept='common'")

# The petitions, straight in SQL (Sequence engine), in chunks of 200,000: every 10th one is
# received 20 days ago with its statutory 7 days past due, the others are due in 30 days.
t0=$(ms)
for ((lo = 1; lo <= ROWS; lo += 200000)); do
    hi=$((lo + 199999 > ROWS ? ROWS : lo + 199999))
    sqlb "INSERT INTO petitions (id, receipt_no, source, external_id, city, dept, charter_version_id,
        kind, channel, received_at, statutory_value, statutory_unit, statutory_from, state, title,
        body, content_sha256, created_at, updated_at, statutory_due, next_due, evaluated_at)
      SELECT seq, CONCAT('2026-pocheon-common-', LPAD(seq, 7, '0')), 'bench', seq, 'pocheon',
        'common', $VID, 'simple-inquiry', 'internet',
        IF(seq % 10 = 0, UTC_TIMESTAMP(6) - INTERVAL 20 DAY, UTC_TIMESTAMP(6) - INTERVAL 1 DAY),
        7, 'days', 'charter', 'received', CONCAT('벤치 민원 ', seq), '벤치마크 민원 본문입니다.',
        SHA2(seq, 256), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), NULL, NULL, UTC_TIMESTAMP(6)
      FROM seq_${lo}_to_${hi};
    INSERT INTO petition_measures (petition_id, standard_id, from_event, to_event, target, clock,
        basis, origin, status, started_at, due)
      SELECT seq, 'simple-inquiry-answer', 'received', 'answered', 'P7D', 'working-days',
        'statutory', 'pocheon/common', 'pending', UTC_TIMESTAMP(6) - INTERVAL 20 DAY,
        IF(seq % 10 = 0, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR - INTERVAL (seq % 3600) SECOND,
           UTC_TIMESTAMP(6) + INTERVAL 30 DAY)
      FROM seq_${lo}_to_${hi}" || die "cannot generate the petitions"
done
DUE=$(sqlb "SELECT COUNT(*) FROM petition_measures WHERE status = 'pending' AND due <= UTC_TIMESTAMP(6)")
t1=$(ms)
say "    (generated $ROWS petitions, $DUE due, in $(( (t1 - t0) / 1000 )) s)"

# The sweep.
t0=$(ms)
OUT=$("${CTL[@]}" sweep 2>&1) || die "sweep failed: $OUT"
t1=$(ms)
BOOKED=$(sqlb "SELECT COUNT(*) FROM petition_measures WHERE status = 'breached'")
COMP=$(sqlb "SELECT COUNT(*) FROM compensation")
[[ $BOOKED == "$DUE" ]] || die "the sweep booked $BOOKED of $DUE breaches ($OUT)"
SWEEP_MS=$((t1 - t0))

# The same rows reset, then booked by one UPDATE.
sqlb "UPDATE petition_measures SET status = 'pending', breach_booked_at = NULL, booked_by = NULL,
    late_seconds = NULL WHERE status = 'breached'"
t0=$(ms)
UPD=$(sqlb "UPDATE petition_measures SET status = 'breached', breach_booked_at = NOW(6),
    booked_by = 'x', late_seconds = TIMESTAMPDIFF(SECOND, due, NOW(6))
    WHERE status = 'pending' AND due <= NOW(6); SELECT ROW_COUNT()")
t1=$(ms)
UPDATE_MS=$((t1 - t0))
[[ $UPD == "$DUE" ]] || die "the UPDATE touched $UPD rows, not $DUE"

rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / (t / 1000) : 0) }'; }
SWEEP_RATE=$(rate "$DUE" "$SWEEP_MS")
UPDATE_RATE=$(rate "$DUE" "$UPDATE_MS")
RATIO=$(awk -v a="$SWEEP_RATE" -v b="$UPDATE_RATE" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
OK=$(awk -v r="$RATIO" 'BEGIN { print r >= 0.3 ? "PASS" : "BELOW TARGET" }')
say "(sweep) charterctl sweep over $ROWS petitions, $DUE due: $(awk -v t="$SWEEP_MS" 'BEGIN { printf "%.2f", t / 1000 }') s, $SWEEP_RATE breaches/s ($BOOKED breaches, $COMP compensations booked) | single SQL UPDATE of the same rows: $(awk -v t="$UPDATE_MS" 'BEGIN { printf "%.2f", t / 1000 }') s, $UPDATE_RATE rows/s | ratio $RATIO (target >= 0.3) $OK"
say "    sweep said: $OUT"
