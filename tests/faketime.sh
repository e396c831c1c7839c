#!/usr/bin/env bash
# tests/faketime.sh — the whole suite with the machine's clock moved: check.sh under
# libfaketime (Debian's faketime package), so MariaDB, charter.fcgi, charterctl, nginx,
# the test runners and the browser all see DATE as today. The stacks still run on the
# test clock (check.sh's SUITE_NOW), so this proves no result depends on the day the
# suite runs. Not run by CI; installs faketime when missing (root or sudo).
#
#   tests/faketime.sh YYYY-MM-DD [check.sh argument...]     e.g. 2027-06-01 --no-asan
set -euo pipefail
cd "$(dirname "$0")/.."
date=${1:?usage: tests/faketime.sh YYYY-MM-DD [check.sh argument...]}
shift
# shellcheck source=tests/lib/setup.sh
. tests/lib/setup.sh
# packages first, on the real clock: apt refuses a Release file "expired" by a moved one
charter_install_packages chromium faketime
echo "faketime: running ./check.sh $* with the clock at $date 09:00:00 UTC"
# the clock starts at DATE and runs on. Monotonic clocks are moved too: with them left
# alone, libfaketime turns Python's absolute sleeps (time.sleep, subprocess timeouts)
# into EINVAL.
# libfaketime is preloaded before the sanitizers' runtime: ASan must not insist on coming first.
export ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
exec faketime -f "@$date 09:00:00" ./check.sh "$@"
