#!/usr/bin/env bash
# check.sh — every test of charter, on Debian 12 (as root or with sudo).
#
#   ./check.sh [--no-asan]
#
# Installs what is missing, then twice — a plain build in ./build/ and an ASan+UBSan build
# in ./build-asan/, both configured --enable-werror — builds, runs `make check` (C unit
# tests), starts a private MariaDB + charter.fcgi + nginx in a temporary directory and runs
# the HTTP integration tests (tests/http/) and the browser tests (tests/browser/).
# The stacks run on the test clock: "now" is SUITE_NOW (CHARTER_TEST_NOW, see
# src/util/clock.h), so no result depends on the day the suite runs; then
# tests/http/clock.sh runs a date-relative part of the suite at other instants.
# The two stacks' MariaDB servers differ in their default collation, so that every run
# proves charter independent of it: the plain suite's is utf8mb4_unicode_ci (the tables'
# own), the ASan suite's utf8mb4_general_ci (Debian's default), with the charter database
# created without a collation as Debian's defaults would (CHARTER_DB_COLLATION in
# tests/lib/env.sh). Other MariaDB versions: tests/other-mariadb.sh (not run here).
# The last line is `N passed, N failed`; the exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")"

asan=yes
for arg in "$@"; do
    case $arg in
    --no-asan) asan=no ;;
    *) echo "check.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

# shellcheck source=tests/lib/setup.sh
. tests/lib/setup.sh
# shellcheck source=tests/lib/env.sh
. tests/lib/env.sh

# The instant the suites' stacks live at (tests/lib/env.sh).
SUITE_NOW=${CHARTER_TEST_NOW:-$CHARTER_SUITE_NOW}

passed=0
failed=0
work=$(mktemp -d /tmp/charter-check.XXXXXX)
cleanup() {
    rm -rf "$work"/*/db "$work"/*/nginx/cache   # the bulky parts
    ((failed > 0)) || rm -rf "$work"
}
trap cleanup EXIT

say() { printf '== %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; }

# add_counts NAME LOG: add the closing `N passed, N failed` of a runner's log.
add_counts() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1 || true)
    if [[ -z $line ]]; then
        fail "$1 (no result line; see below)"
        tail -n 30 "$2" | sed 's/^/    /'
        return
    fi
    local p=${line%% passed*} f=${line#*passed, }
    f=${f%% failed*}
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%s: %s\n' "$1" "$line"
}

# unit_tests NAME BUILD_DIR: make check, counted from automake's test-suite summary.
unit_tests() {
    local name=$1 build=$2 log=$work/$1-check.log rc=0
    make -C "$build" -j2 check >"$log" 2>&1 || rc=$?
    local p f
    p=$(awk '/^# PASS:/ {n += $3} END {print n + 0}' "$log")
    f=$(awk '/^# (FAIL|ERROR|XPASS):/ {n += $3} END {print n + 0}' "$log")
    if ! grep -q '^# TOTAL:' "$log"; then
        if ((rc != 0)); then
            fail "$name: make check (no test summary)"
            tail -n 40 "$log" | sed 's/^/    /'
        else
            echo "$name: make check ran no test"
        fi
        return
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    echo "$name: make check: $p passed, $f failed"
    if ((f > 0)); then
        sed 's/^/    /' "$build/test-suite.log" 2>/dev/null | tail -n 80
    elif ((rc != 0)); then
        fail "$name: make check exited $rc"
        tail -n 40 "$log" | sed 's/^/    /'
    fi
}

# integration NAME BUILD_DIR: a private stack and the HTTP + browser tests against it.
integration() {
    local name=$1 build=$2 dir=$work/$1 rc=0
    set +e
    (
        set -e
        CHARTER_TEST_NOW=$SUITE_NOW CHARTER_BUILD=$build charter_env_start "$dir" \
            >"$work/$name-env.log" 2>&1
        CHARTER_ENV_DIR=$dir timeout 1200 python3 tests/http/run.py "$CHARTER_BASE_URL" \
            >"$work/$name-http.log" 2>&1 || true
        timeout 600 python3 tests/browser/run.py "$CHARTER_BASE_URL" \
            >"$work/$name-browser.log" 2>&1 || true
    )
    rc=$?
    set -e
    if ((rc != 0)); then
        fail "$name: starting MariaDB + charter.fcgi + nginx"
        tail -n 30 "$work/$name-env.log" | sed 's/^/    /'
    fi
    local suite
    for suite in http browser; do
        [[ -f $work/$name-$suite.log ]] || continue
        grep -E '^(FAIL|     )' "$work/$name-$suite.log" | sed 's/^/    /' || true
        add_counts "$name: $suite tests" "$work/$name-$suite.log"
    done
    # the date-relative part of the suite at other instants, on stacks of their own
    mkdir -p "$work/$name-clock"
    timeout 900 tests/http/clock.sh "$build" "$work/$name-clock" >"$work/$name-clock.log" 2>&1 || true
    grep -E '^(FAIL|    )' "$work/$name-clock.log" | sed 's/^/    /' || true
    add_counts "$name: clock tests" "$work/$name-clock.log"
    if grep -qE 'ERROR: AddressSanitizer|LeakSanitizer|runtime error:' "$work/$name-clock"/*/charter.fcgi.log \
        2>/dev/null; then
        fail "$name: sanitizer reports in the clock stacks' charter.fcgi logs"
        grep -hE -A 25 'ERROR: AddressSanitizer|LeakSanitizer|runtime error:' \
            "$work/$name-clock"/*/charter.fcgi.log | head -n 80 | sed 's/^/    /'
    fi
    if [[ -f $dir/charter.fcgi.log ]] && grep -qE 'ERROR: AddressSanitizer|LeakSanitizer|runtime error:' \
        "$dir/charter.fcgi.log"; then
        fail "$name: sanitizer reports in charter.fcgi's log"
        grep -E -A 25 'ERROR: AddressSanitizer|LeakSanitizer|runtime error:' "$dir/charter.fcgi.log" |
            head -n 150 | sed 's/^/    /'
    elif [[ $name == asan && -f $dir/charter.fcgi.log ]]; then
        pass "$name: no sanitizer report in charter.fcgi's log"
    fi
    if grep -qE '^FAIL' "$work/$name-http.log" "$work/$name-browser.log" 2>/dev/null; then
        echo "    --- last lines of charter.fcgi's log:"
        tail -n 30 "$dir/charter.fcgi.log" 2>/dev/null | sed 's/^/    /'
        echo "    --- last lines of nginx's error log:"
        grep -E '\[(warn|error|crit|alert|emerg)\]' "$dir/nginx/error.log" 2>/dev/null | tail -n 15 | sed 's/^/    /'
    fi
}

# suite NAME BUILD_DIR [CONFIGURE_ARG...]
suite() {
    local name=$1 build=$2
    shift 2
    say "$name: building in $build/ (configure --enable-werror $*)"
    if ! charter_build "$build" --enable-werror "$@" >"$work/$name-build.log" 2>&1; then
        fail "$name: build"
        grep -E 'error|Error' "$work/$name-build.log" | head -n 40 | sed 's/^/    /'
        tail -n 20 "$work/$name-build.log" | sed 's/^/    /'
        return
    fi
    pass "$name: build"
    say "$name: unit tests (make check)"
    unit_tests "$name" "$CHARTER_SRC/$build"
    say "$name: integration and browser tests (MariaDB --collation-server=${CHARTER_DB_COLLATION:-utf8mb4_unicode_ci})"
    integration "$name" "$CHARTER_SRC/$build"
}

say "installing missing packages"
charter_install_packages chromium
say "autoreconf"
if ! charter_autoreconf >"$work/autoreconf.log" 2>&1; then
    fail "autoreconf -fi"
    tail -n 30 "$work/autoreconf.log" | sed 's/^/    /'
else
    export CHARTER_DB_COLLATION=utf8mb4_unicode_ci
    suite plain build
    if [[ $asan == yes ]]; then
        # the caller's options after ours (tests/faketime.sh: verify_asan_link_order=0)
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}
        export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}
        export CHARTER_DB_COLLATION=utf8mb4_general_ci
        suite asan build-asan --enable-sanitizers
        unset ASAN_OPTIONS UBSAN_OPTIONS
    fi
    unset CHARTER_DB_COLLATION
fi

((failed == 0)) || echo "(logs kept in $work)"
echo "$passed passed, $failed failed"
((failed == 0))
