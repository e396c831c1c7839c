#!/usr/bin/env bash
# tests/other-mariadb.sh — the HTTP tests against a MariaDB other than this machine's.
#
#   tests/other-mariadb.sh VERSION [ROOT]       e.g. tests/other-mariadb.sh 1:10.11.18-0+deb12u1
#
# Builds once, in ROOT (default /var/tmp/charter-mariadb-VERSION; keep it outside the source
# tree), a throw-away Debian root (debootstrap --variant=minbase) whose apt sources hold only
# the suite, and installs in it mariadb-server and mariadb-client of exactly VERSION; nothing
# is installed on this machine but debootstrap. Then it builds charter (plain, ./build), starts
# a private stack whose mariadb-install-db and mariadbd are ROOT's (CHARTER_MARIADB_ROOT in
# tests/lib/env.sh: chroot and a bind mount, so it needs root), with charter.fcgi and
# charterctl linked to ROOT's libmariadb.so.3 too, as on a machine that has only VERSION,
# and runs tests/http/run.py against it. The last line is the runner's `N passed, N failed`;
# the exit status is the runner's.
#
# Time: building the root took 30 s here (debootstrap, then apt, from deb.debian.org; the
# root takes ~580 MB on disk), once per ROOT; building charter and running the
# HTTP suite then take their usual time (6 minutes here, up to 15 on a slower machine).
# Logs go to a new /tmp/charter-other-mariadb.* directory. Not run by check.sh or CI, since it
# downloads a whole root.
#
# Environment (optional):
#   CHARTER_DEBIAN_SUITE   the root's suite (default bookworm)
#   CHARTER_DEBIAN_MIRROR  its mirror (default http://deb.debian.org/debian). A VERSION the
#                          mirror no longer has is on snapshot.debian.org: give an archive of
#                          a date it was current, http://snapshot.debian.org/archive/debian/
#                          YYYYMMDDTHHMMSSZ (a new ROOT, since debootstrap uses it too).
#   CHARTER_DB_COLLATION   as in tests/lib/env.sh (the server's --collation-server)
#   CHARTER_BUILD          the build directory (default build)
#   extra arguments to tests/http/run.py: CHARTER_HTTP_ARGS, e.g. "-k sweep -k events"
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
if [[ -z $version || $# -gt 2 ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
fi
root=${2:-/var/tmp/charter-mariadb-${version//[^A-Za-z0-9.+-]/_}}
suite=${CHARTER_DEBIAN_SUITE:-bookworm}
mirror=${CHARTER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
build=${CHARTER_BUILD:-build}

if [[ $(id -u) -ne 0 ]]; then
    echo "other-mariadb: needs root (debootstrap, chroot, mount --bind)" >&2
    exit 2
fi

# shellcheck source=tests/lib/setup.sh
. tests/lib/setup.sh
# shellcheck source=tests/lib/env.sh
. tests/lib/env.sh

say() { printf '== %s\n' "$*"; }

# in_root CMD...: run CMD in the root, as apt would on that machine.
in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

installed_version() {
    # shellcheck disable=SC2016  # dpkg-query's own ${Version}
    in_root dpkg-query -W -f='${Version}' mariadb-server 2>/dev/null || true
}

# make_root: debootstrap ROOT (once), then install exactly $version in it.
make_root() {
    if [[ ! -f $root/etc/debian_version ]]; then
        say "debootstrap $suite into $root ($mirror)"
        mkdir -p "$root"
        debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
            tail -n 20 "$work/debootstrap.log" >&2
            return 1
        }
    fi
    # only the suite (no -security, no -updates): what a bare install of it would see
    echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"
    rm -f "$root"/etc/apt/sources.list.d/*
    # snapshot.debian.org's Release files have expired long ago
    echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99charter"
    # no service is started in the root; mariadb-install-db needs localhost to resolve
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    [[ -s $root/etc/hosts ]] || printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >"$root/etc/hosts"
    say "apt-get install mariadb-server=$version mariadb-client=$version in $root"
    in_root apt-get -q update >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; return 1; }
    echo "  the root's apt-cache policy mariadb-server:"
    in_root apt-cache policy mariadb-server | sed 's/^/    /'
    if ! in_root apt-cache madison mariadb-server | grep -qF "| $version |"; then
        echo "other-mariadb: $mirror $suite has no mariadb-server $version;" \
            "set CHARTER_DEBIAN_MIRROR to a snapshot.debian.org archive that has it" >&2
        return 1
    fi
    in_root apt-get -q install -y --no-install-recommends --allow-downgrades \
        "mariadb-server=$version" "mariadb-client=$version" >>"$work/apt.log" 2>&1 || {
        tail -n 20 "$work/apt.log" >&2
        return 1
    }
    in_root apt-get clean
}

work=$(mktemp -d /tmp/charter-other-mariadb.XXXXXX)
echo "(logs in $work)"
start=$(date +%s)
command -v debootstrap >/dev/null || charter_install_packages debootstrap
if [[ $(installed_version) != "$version" ]]; then
    make_root
fi
echo "root: $root holds mariadb-server $(installed_version) ($(($(date +%s) - start)) s)"

say "building charter in $build/"
charter_build "$build" --enable-werror >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }

# The root's client library for charter.fcgi and charterctl: a directory holding it alone,
# so every other library stays this machine's.
mkdir -p "$root/charter-client-lib"
ln -sf ../usr/lib/x86_64-linux-gnu/libmariadb.so.3 "$root/charter-client-lib/libmariadb.so.3"
export LD_LIBRARY_PATH=$root/charter-client-lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

say "starting MariaDB $version (collation-server ${CHARTER_DB_COLLATION:-utf8mb4_unicode_ci}) + charter.fcgi + nginx in $work/stack"
t0=$(date +%s)
export CHARTER_MARIADB_ROOT=$root
# On failure its own EXIT trap stops what it started (and unmounts); its errors go to stderr.
CHARTER_TEST_NOW=${CHARTER_TEST_NOW:-$CHARTER_SUITE_NOW} CHARTER_BUILD=$build \
    charter_env_start "$work/stack" >"$work/env.log"
finish() {
    local rc=$?
    charter_env_stop
    rm -rf "$work/stack/db" "$work/stack/nginx/cache"
    echo "(logs in $work)"
    exit "$rc"
}
trap finish EXIT
echo "  server: $(charter_sql 'SELECT VERSION()')"
echo "  charterctl's client library: $(ldd "$CHARTER_BIN_DIR/charterctl" | grep -o '/[^ ]*libmariadb[^ ]*')"
say "HTTP tests"
rc=0
# shellcheck disable=SC2086  # CHARTER_HTTP_ARGS is a list of words
CHARTER_ENV_DIR=$work/stack timeout 1800 python3 tests/http/run.py "$CHARTER_BASE_URL" \
    ${CHARTER_HTTP_ARGS:-} >"$work/http.log" 2>&1 || rc=$?
grep -E '^(FAIL|     )' "$work/http.log" || true
echo "HTTP tests took $(($(date +%s) - t0)) s (stack start-up included)"
tail -n 1 "$work/http.log"
exit "$rc"
