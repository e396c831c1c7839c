#!/usr/bin/env bash
# tests/http/clock.sh — the date-relative part of the suite at instants the calendar makes
# hard: the year's last minute, the Seollal week, the end of a half-year.
#
#   tests/http/clock.sh BUILD_DIR WORK_DIR [INSTANT...]
#
# For each instant (ISO 8601; default the three below) starts a fresh private stack in
# WORK_DIR/clock-N whose test clock stands at it (CHARTER_TEST_NOW), runs the modules of
# CLOCK_MODULES against it and stops it. Prints each run's lines, then
# `N passed, N failed` over all of them. About 30 s per instant on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$1 work=$2
shift 2
instants=("$@")
((${#instants[@]})) || instants=(2026-12-31T23:59:00+09:00 2027-02-08T10:00:00+09:00
    2028-06-30T17:00:00+09:00)
# the modules whose expectations come from the instant the clock stands at (the others
# check fixed dates counted by hand, which need the suite's own instant)
modules=(${CLOCK_MODULES:-test_worklist test_board test_sweep test_opendata_page test_stats
    test_open311 test_satisfaction test_clock})

passed=0 failed=0 n=0
for now in "${instants[@]}"; do
    n=$((n + 1))
    dir=$work/clock-$n
    log=$dir.log
    echo "-- clock at $now"
    set +e
    (
        set -e
        . tests/lib/env.sh
        CHARTER_TEST_NOW=$now CHARTER_BUILD=$build charter_env_start "$dir" >"$dir-env.log" 2>&1
        margs=()
        for m in "${modules[@]}"; do margs+=(-m "$m"); done
        CHARTER_ENV_DIR=$dir timeout 600 python3 tests/http/run.py "$CHARTER_BASE_URL" \
            "${margs[@]}" >"$log" 2>&1 || true
    )
    rc=$?
    set -e
    if ((rc != 0)) || [[ ! -f $log ]]; then
        echo "FAIL clock at $now: the stack did not start"
        tail -n 20 "$dir-env.log" 2>/dev/null | sed 's/^/    /'
        failed=$((failed + 1))
        continue
    fi
    sed -e "s/^\(ok  \|FAIL\) \([^ :]*\)/\1 \2 @ $now/" "$log" | grep -vE '^[0-9]+ passed' || true
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
    if [[ -z $line ]]; then
        echo "FAIL clock at $now: no result line"
        tail -n 20 "$log" | sed 's/^/    /'
        failed=$((failed + 1))
        continue
    fi
    p=${line%% passed*} f=${line#*passed, }
    passed=$((passed + p)) failed=$((failed + ${f%% failed*}))
    grep -q '^FAIL' "$log" && tail -n 20 "$dir/charter.fcgi.log" | sed 's/^/    fcgi: /'
    rm -rf "$dir/db"
done
echo "$passed passed, $failed failed"
((failed == 0))
