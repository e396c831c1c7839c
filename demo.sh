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
# The yearly satisfaction surveys and an improvement plan, published by the auditor as
# /admin/surveys and /admin/improvement-plans take them (Gwangmyeong's plan is still to come;
# the sweep judges that duty for periods after the charter came into force); a few page votes.
base="http://127.0.0.1:$port"
auditor=$("$CHARTER_BIN_DIR/charterctl" -c "$CHARTER_CONF" token create --role auditor \
    --label "demo auditor" 2>/dev/null)
publish() {
    curl -sf -o /dev/null -H "Authorization: Bearer $auditor" "${@:2}" "$base$1" ||
        echo "demo: could not publish $1" >&2
}
publish /admin/surveys/pocheon/common --data-urlencode year=2026 --data-urlencode respondents=412 \
    --data-urlencode score=82.4 --data-urlencode published_at=2026-09-15 \
    --data-urlencode "summary=친절도 88점, 처리 기간 만족도 76점. 전화 대기 시간에 대한 불만이 가장 많았습니다."
publish /admin/improvement-plans/pocheon/common --data-urlencode year=2026 \
    --data-urlencode published_at=2026-11-02 \
    --data-urlencode "plan=대표 전화 회선을 2회선 늘리고, 점심시간 교대 근무로 전화 대기 시간을 줄이겠습니다."
publish /admin/surveys/gwangmyeong/autonomy --data-urlencode year=2026 --data-urlencode respondents=305 \
    --data-urlencode score=79.1 --data-urlencode published_at=2026-07-10 \
    --data-urlencode "summary=방문 민원 안내 만족도는 높았으나 처리 결과 통지가 늦다는 응답이 많았습니다."
for vote in "/charter/pocheon/common 5" "/charter/pocheon/common 4" "/charter/gwangmyeong/autonomy 3" \
    "/charter/gwangmyeong/autonomy 5" "/board/new 4" "/opendata/ 5"; do
    curl -sf -o /dev/null --data-urlencode "page=${vote% *}" --data-urlencode "score=${vote##* }" \
        "$base/survey" || echo "demo: a page vote failed" >&2
done
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
