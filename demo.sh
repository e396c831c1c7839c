#!/usr/bin/env bash
# demo.sh — try charter on a fresh Debian 12 machine (as root or with sudo).
#
#   ./demo.sh [--port N]
#
# Installs the missing Debian packages, builds into ./build/, starts a private MariaDB,
# charter.fcgi and nginx under ./run/ (started afresh each time) with the sample charters
# loaded, prints the address and serves until Ctrl-C, then stops everything.
set -euo pipefail
cd "$(dirname "$0")"

port=8080
while (($#)); do
    case $1 in
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument $1 (usage: ./demo.sh [--port N])" >&2; exit 2 ;;
    esac
done
[[ $port =~ ^[0-9]+$ ]] || { echo "demo.sh: bad port $port" >&2; exit 2; }
if ! python3 -c 'import socket, sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null; then
    echo "demo.sh: port $port is in use; pick another with --port N" >&2
    exit 1
fi

# shellcheck source=tests/lib/setup.sh
. tests/lib/setup.sh
# shellcheck source=tests/lib/env.sh
. tests/lib/env.sh

# shellcheck disable=SC2119 # no extra packages
charter_install_packages
charter_autoreconf
charter_build build

# Stop what a previous demo left running (e.g. after a kill -9), then start afresh.
if [[ -f run/env.vars ]]; then
    (
        export CHARTER_ENV_DIR=$PWD/run CHARTER_FCGI_PIDFILE=$PWD/run/fcgi.pid
        charter_env_stop
    )
fi
rm -rf run
CHARTER_BUILD=build charter_env_start run "$port"

# The weeks before the demo: petitions answered in time and late, supplemented,
# extended, revisited, still open past their deadline — then the sweep books the
# breaches and the compensation, as cron or charter-sweep.timer would.
"$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" feed import conf/petitions/sample-history.xml
# A year of petitions (conf/petitions/sample-year.py), so /opendata/ has months to chart.
"$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" feed import conf/petitions/sample-year.xml
"$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" sweep

echo "charter: http://127.0.0.1:$port/"
echo "(logs in run/: charter.fcgi.log, nginx/error.log, mariadb.err; Ctrl-C stops)" >&2
echo "(staff pages — the worklist, the compensation ledger — need a token:" >&2
echo "   TOKEN=\$(build/charterctl -c run/charter.conf token create --role admin)" >&2
echo "   curl -H \"Authorization: Bearer \$TOKEN\" http://127.0.0.1:$port/admin/petitions)" >&2
# Ctrl-C interrupts the sleep; the traps set by charter_env_start then stop everything.
# Meanwhile the sweep runs every minute, like charter-sweep.timer.
n=0
while :; do
    sleep 1
    if ((++n % 60 == 0)); then
        "$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" sweep --quiet >/dev/null || true
    fi
done
