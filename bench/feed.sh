#!/usr/bin/env bash
# bench/feed.sh BUILD_DIR ENVDIR — the feed import of issue 3, point 9 (called by bench/run.sh
# on its running stack; ENVDIR holds env.vars from tests/lib/env.sh).
#
# `charterctl feed import` of 200,000 generated items, against the faster of LOAD DATA LOCAL
# INFILE and 500-row multi-row INSERTs of the same rows (every row the import wrote: the
# petitions, their applicants, measures and events) into copies of the same tables in the
# same server: target ratio >= 0.3; peak RSS (/usr/bin/time -v) < 64 MB at both 10,000 and
# 200,000 items, not growing between them. Also printed, for reference: the limit earlier
# runs used (the petitions' public columns alone into a one-index table).
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

# The limit: the same rows — every row the import of the big feed wrote (petitions,
# applicants, measures, events), read back from the database — loaded into copies of
# the same tables (same columns, generated columns, indexes, and foreign keys among
# the copies and to charter_versions), by LOAD DATA and by 500-row INSERTs; the faster
# counts, in items (petitions) per second. The receipt counter and the open-data mark
# (a few rows per batch) are left out of the limit.
SQLN=("${SQL[@]}" --batch --skip-column-names)
PCOLS=$("${SQLN[@]}" -e "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'petitions'
  AND extra NOT LIKE '%GENERATED%'")
SRCB="bb$run_id"
OF=$TMP/rows
mkdir -p "$OF"
"${SQL[@]}" -e "SELECT $PCOLS FROM petitions WHERE source = '$SRCB' ORDER BY id INTO OUTFILE '$OF/p.tsv';
  SELECT a.* FROM petition_applicants a JOIN petitions p ON p.id = a.petition_id
    WHERE p.source = '$SRCB' ORDER BY a.petition_id INTO OUTFILE '$OF/a.tsv';
  SELECT m.* FROM petition_measures m JOIN petitions p ON p.id = m.petition_id
    WHERE p.source = '$SRCB' ORDER BY m.petition_id, m.standard_id INTO OUTFILE '$OF/m.tsv';
  SELECT e.* FROM petition_events e JOIN petitions p ON p.id = e.petition_id
    WHERE p.source = '$SRCB' ORDER BY e.id INTO OUTFILE '$OF/e.tsv'"
NROWS=$(cat "$OF"/[pame].tsv | wc -l)
copies() {
    "${SQL[@]}" -e "DROP TABLE IF EXISTS lim_petition_events, lim_petition_measures,
      lim_petition_applicants, lim_petitions;
    CREATE TABLE lim_petitions LIKE petitions;
    ALTER TABLE lim_petitions ADD FOREIGN KEY (charter_version_id) REFERENCES charter_versions (id);
    CREATE TABLE lim_petition_applicants LIKE petition_applicants;
    ALTER TABLE lim_petition_applicants ADD FOREIGN KEY (petition_id) REFERENCES lim_petitions (id);
    CREATE TABLE lim_petition_measures LIKE petition_measures;
    ALTER TABLE lim_petition_measures ADD FOREIGN KEY (petition_id) REFERENCES lim_petitions (id);
    CREATE TABLE lim_petition_events LIKE petition_events;
    ALTER TABLE lim_petition_events ADD FOREIGN KEY (petition_id) REFERENCES lim_petitions (id)"
}
copies
t0=$(ms)
"${SQL[@]}" --local-infile=1 -e "
  LOAD DATA LOCAL INFILE '$OF/p.tsv' INTO TABLE lim_petitions CHARACTER SET utf8mb4 ($PCOLS);
  LOAD DATA LOCAL INFILE '$OF/a.tsv' INTO TABLE lim_petition_applicants CHARACTER SET utf8mb4;
  LOAD DATA LOCAL INFILE '$OF/m.tsv' INTO TABLE lim_petition_measures CHARACTER SET utf8mb4;
  LOAD DATA LOCAL INFILE '$OF/e.tsv' INTO TABLE lim_petition_events CHARACTER SET utf8mb4"
t1=$(ms)
LOAD_RATE=$(awk -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
copies
# SELECT ... INTO OUTFILE escapes with backslashes as string literals do (\t \n \\ \0,
# \N for NULL): each field becomes a literal with only its quotes escaped.
python3 - "$OF" "$PCOLS" >"$TMP/inserts.sql" <<'PY'
import sys
d, pcols = sys.argv[1], sys.argv[2]
def lit(v):
    return "NULL" if v == "\\N" else "'" + v.replace("'", "\\'") + "'"
print("SET NAMES utf8mb4;")
for f, table, cols in (("p", "lim_petitions", "(%s)" % pcols), ("a", "lim_petition_applicants", ""),
                       ("m", "lim_petition_measures", ""), ("e", "lim_petition_events", "")):
    batch = []
    def flush():
        if batch:
            print("INSERT INTO %s %s VALUES %s;" % (table, cols, ",".join(batch)))
            batch.clear()
    with open("%s/%s.tsv" % (d, f), encoding="utf-8", newline="\n") as rows:
        for line in rows:
            # OUTFILE escapes tabs and newlines inside fields: a line is a row
            batch.append("(" + ",".join(lit(v) for v in line.rstrip("\n").split("\t")) + ")")
            if len(batch) == 500:
                flush()
    flush()
PY
t0=$(ms)
"${SQL[@]}" <"$TMP/inserts.sql"
t1=$(ms)
INS_RATE=$(awk -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
COPIED=$("${SQLN[@]}" -e "SELECT (SELECT COUNT(*) FROM lim_petitions) + (SELECT COUNT(*) FROM lim_petition_applicants)
  + (SELECT COUNT(*) FROM lim_petition_measures) + (SELECT COUNT(*) FROM lim_petition_events)")
[[ $COPIED == "$NROWS" ]] || die "the limit's copies hold $COPIED rows, not the $NROWS written by the import"
"${SQL[@]}" -e "DROP TABLE lim_petition_events, lim_petition_measures, lim_petition_applicants, lim_petitions"
LIMIT=$((LOAD_RATE > INS_RATE ? LOAD_RATE : INS_RATE))
RATIO=$(awk -v a="$FEED_RATE" -v b="$LIMIT" 'BEGIN { printf "%.3f", a / b }')

# For reference (the limit of earlier runs): the petitions' public columns alone, one row
# per item, into a table with a primary key and the (source, external_id) unique key.
"${SQL[@]}" -e "DROP TABLE IF EXISTS bench_feed_copy; CREATE TABLE bench_feed_copy (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, source VARCHAR(64) NOT NULL,
  external_id VARCHAR(128) NOT NULL, city VARCHAR(32) NOT NULL, dept VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL, channel VARCHAR(16) NOT NULL, received_at DATETIME(6) NOT NULL,
  title VARCHAR(300) NOT NULL, body MEDIUMTEXT NOT NULL, UNIQUE KEY (source, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
COLS="source, external_id, city, dept, kind, channel, received_at, title, body"
t0=$(ms)
"${SQL[@]}" --local-infile=1 -e "LOAD DATA LOCAL INFILE '$TMP/$SRCB.tsv' INTO TABLE bench_feed_copy
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\t' ($COLS)"
t1=$(ms)
REF_RATE=$(awk -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
"${SQL[@]}" -e "DROP TABLE bench_feed_copy"
REF_RATIO=$(awk -v a="$FEED_RATE" -v b="$REF_RATE" 'BEGIN { printf "%.3f", a / b }')
verdict() { awk "BEGIN { exit !($1) }" && echo PASS || echo "BELOW TARGET"; }

say "(feed) charterctl feed import of $BIG items: $BIG_SECS s, $FEED_RATE items/s | limit, the same $NROWS rows into copies of the same tables: LOAD DATA $LOAD_RATE items/s, 500-row INSERTs $INS_RATE items/s -> $LIMIT items/s | ratio $RATIO (target >= 0.3) $(verdict "$RATIO >= 0.3")"
say "    for reference: the petitions' public columns alone (one row per item, primary and unique key only) by LOAD DATA: $REF_RATE rows/s -> ratio $REF_RATIO"
say "    peak RSS: $SMALL items $((SMALL_RSS / 1024)) MB ($SMALL_SECS s), $BIG items $((BIG_RSS / 1024)) MB (target < 64 MB, no growth) $(verdict "$BIG_RSS < 65536 && $BIG_RSS < 1.5 * $SMALL_RSS + 4096")"
say "    (each item: petition, applicant, measures in force and events — $(awk -v r="$NROWS" -v n="$BIG" 'BEGIN { printf "%.2f", r / n }') rows an item here —, receipt counter; batches of 500 per transaction)"
