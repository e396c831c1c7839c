# shellcheck shell=bash
# tests/lib/env.sh — start and stop a private charter stack under one directory:
# MariaDB (own datadir and socket, no TCP), charter.fcgi (unix socket) and nginx
# (127.0.0.1:PORT, using the shipped conf/nginx.conf with its paths substituted).
#
# Usage (from a script with `set -euo pipefail`):
#   . tests/lib/env.sh
#   CHARTER_BUILD=build charter_env_start "$dir" [PORT]   # installs an EXIT trap
#   ... use $CHARTER_BASE_URL, $CHARTER_CONF, charter_sql 'SELECT 1' ...
#   charter_env_stop                                     # also run by the trap
#
# Inputs (environment, all optional):
#   CHARTER_SRC    source tree (default: two levels above this file); used as datadir
#   CHARTER_BUILD  build tree holding ./charter.fcgi and ./charterctl (default: CHARTER_SRC)
#   CHARTER_WORKERS  FastCGI workers (default 2)
#   CHARTER_LOG_LEVEL  charter.fcgi's log_level (default debug: tests see every line it can write)
#   CHARTER_TEST_NOW  an ISO 8601 instant: the configuration says test_clock = yes and
#                  charter.fcgi and charterctl take "now" from it (src/util/clock.h);
#                  unset (the demo), the stack runs on the system's clock
#   CHARTER_DB_COLLATION  mariadbd's --collation-server (default utf8mb4_unicode_ci, the
#                  tables' own). Any other value also creates the charter database without
#                  a collation of its own, as a DBA following Debian's defaults would: then
#                  only the tables' explicit collation and the connection's (db_connect())
#                  keep charter working (check.sh runs its ASan suite with utf8mb4_general_ci).
#   CHARTER_MARIADB_ROOT  a Debian root holding another MariaDB than this machine's (built by
#                  tests/other-mariadb.sh): its mariadb-install-db and mariadbd run chrooted
#                  in it (needs root), with DIR bind-mounted at the same path inside, so its
#                  socket and files are where the rest of the stack looks; the clients
#                  (mariadb, charter.fcgi, charterctl) stay this machine's. Unmounted by stop.
# Outputs (exported): CHARTER_ENV_DIR CHARTER_CONF CHARTER_DB_SOCKET CHARTER_FCGI_SOCKET
#   CHARTER_FCGI_PIDFILE CHARTER_FCGI_LOG CHARTER_PORT CHARTER_BASE_URL CHARTER_BIN_DIR
#   CHARTER_SRC CHARTER_TEST_NOW; the same are written to $dir/env.vars for other tools.

CHARTER_SRC=${CHARTER_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export CHARTER_SRC
# The instant the test suite's stacks live at (their test clock): Tue 2026-11-24 12:00 KST.
# The tests that check dates counted by hand (test_events, test_charter_rules...) need it.
CHARTER_SUITE_NOW=2026-11-24T12:00:00+09:00

_charter_log() { printf 'env: %s\n' "$*" >&2; }

# charter_free_port: print a TCP port on 127.0.0.1 that is free right now.
charter_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# _charter_wait_gone PID SECONDS: wait for a process to exit; 1 if it is still alive.
_charter_wait_gone() {
    local pid=$1 i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# _charter_kill_pidfile FILE NAME [group]: SIGTERM the process in FILE, SIGKILL after 15 s.
# With "group", the process leads its own process group (started with setsid), and
# whatever is left of that group (e.g. orphaned workers) is killed at the end.
_charter_kill_pidfile() {
    local file=$1 name=$2 group=${3:-} pid
    [[ -s $file ]] || return 0
    pid=$(<"$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        if ! _charter_wait_gone "$pid" 15; then
            _charter_log "$name ($pid) did not stop within 15 s of SIGTERM; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            _charter_wait_gone "$pid" 5 || true
        fi
    fi
    if [[ -n $group ]] && kill -0 -- "-$pid" 2>/dev/null; then
        _charter_log "$name: killing processes left in its group $pid"
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

# charter_sql SQL...: run SQL in the private database, tab-separated, no headers.
charter_sql() {
    mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot --batch --skip-column-names \
        charter -e "$*"
}

# _charter_mariadb_root_mount: make DIR reachable at the same path in CHARTER_MARIADB_ROOT.
_charter_mariadb_root_mount() {
    local root=$CHARTER_MARIADB_ROOT dir=$CHARTER_ENV_DIR
    if [[ $(id -u) -ne 0 ]]; then
        _charter_log "CHARTER_MARIADB_ROOT needs root (chroot, mount --bind)"; return 1
    fi
    if [[ ! -x $root/usr/sbin/mariadbd ]]; then
        _charter_log "CHARTER_MARIADB_ROOT=$root holds no usr/sbin/mariadbd"; return 1
    fi
    mkdir -p "$root$dir"
    mountpoint -q "$root$dir" || mount --bind "$dir" "$root$dir"
}

_charter_mariadb_root_umount() {
    local at=$CHARTER_MARIADB_ROOT$CHARTER_ENV_DIR
    mountpoint -q "$at" || return 0
    umount "$at" && rmdir "$at"
}

charter_db_start() {
    local dir=$CHARTER_ENV_DIR user_opt=() collation=${CHARTER_DB_COLLATION:-utf8mb4_unicode_ci}
    local in_root=()   # the server's programs: this machine's, or CHARTER_MARIADB_ROOT's
    [[ $(id -u) -eq 0 ]] && user_opt=(--user=root)
    mkdir -p "$dir/db" "$dir/tmp"
    if [[ -n ${CHARTER_MARIADB_ROOT:-} ]]; then
        _charter_mariadb_root_mount || return 1
        in_root=(chroot "$CHARTER_MARIADB_ROOT")
    fi
    if [[ ! -d $dir/db/mysql ]]; then
        if ! "${in_root[@]}" mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/db" \
            --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
            >"$dir/mariadb-install.log" 2>&1; then
            _charter_log "mariadb-install-db failed:"; tail -n 20 "$dir/mariadb-install.log" >&2
            return 1
        fi
    fi
    # --no-defaults: ignore /etc/mysql so a system server's settings cannot interfere.
    "${in_root[@]}" mariadbd --no-defaults "${user_opt[@]}" --datadir="$dir/db" --socket="$CHARTER_DB_SOCKET" \
        --skip-networking --pid-file="$dir/mariadb.pid" --log-error="$dir/mariadb.err" \
        --tmpdir="$dir/tmp" --character-set-server=utf8mb4 --collation-server="$collation" \
        --innodb-buffer-pool-size=64M --skip-name-resolve >/dev/null 2>&1 &
    local pid=$! i
    for ((i = 0; i < 600; i++)); do
        if mariadb-admin --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot ping >/dev/null 2>&1; then
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            _charter_log "mariadbd exited during start-up:"; tail -n 20 "$dir/mariadb.err" >&2
            return 1
        fi
        sleep 0.1
    done
    [[ -s $dir/mariadb.pid ]] || echo "$pid" >"$dir/mariadb.pid"
    local create='CREATE DATABASE IF NOT EXISTS charter'
    [[ $collation == utf8mb4_unicode_ci ]] && create+=' CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
    mariadb --no-defaults --socket="$CHARTER_DB_SOCKET" -uroot -e "$create"
}

charter_db_stop() {
    [[ -n ${CHARTER_ENV_DIR:-} ]] || return 0
    _charter_kill_pidfile "$CHARTER_ENV_DIR/mariadb.pid" mariadbd
    [[ -z ${CHARTER_MARIADB_ROOT:-} ]] || _charter_mariadb_root_umount
}

charter_write_conf() {
    # the board's CSRF/ticket key (secret_file); kept across restarts of the same dir
    [[ -s $CHARTER_ENV_DIR/secret ]] || head -c 32 /dev/urandom | base64 >"$CHARTER_ENV_DIR/secret"
    cat >"$CHARTER_CONF" <<EOF
# generated by tests/lib/env.sh
db_socket = $CHARTER_DB_SOCKET
db_name = charter
db_user = root
datadir = $CHARTER_SRC
city = pocheon
workers = ${CHARTER_WORKERS:-2}
max_body = 1048576
max_xml_depth = 256
trust_remote_user = no
nginx_cache_dir = $CHARTER_ENV_DIR/nginx/cache
log_level = ${CHARTER_LOG_LEVEL:-debug}
secret_file = $CHARTER_ENV_DIR/secret
holidays = ${CHARTER_HOLIDAYS:-$CHARTER_SRC/conf/holidays.conf}
test_clock = $([[ -n ${CHARTER_TEST_NOW:-} ]] && echo yes || echo no)
EOF
    # the shipped working hours and statutory periods, as in conf/charter.conf
    grep -E '^(statutory|working_hours) *=' "$CHARTER_SRC/conf/charter.conf" >>"$CHARTER_CONF"
}

# charter_seed: migrate, then import the sample charters (common ones first,
# since department charters inherit from them), then the sample petitions feed.
charter_seed() {
    local ctl=$CHARTER_BIN_DIR/charterctl f
    "$ctl" -c "$CHARTER_CONF" migrate
    shopt -s nullglob
    local commons=("$CHARTER_SRC"/conf/charters/*/common.xml) all=("$CHARTER_SRC"/conf/charters/*/*.xml)
    shopt -u nullglob
    for f in "${commons[@]}"; do
        "$ctl" -c "$CHARTER_CONF" charter import "$f" --uploader seed
    done
    for f in "${all[@]}"; do
        [[ $(basename "$f") == common.xml ]] && continue
        "$ctl" -c "$CHARTER_CONF" charter import "$f" --uploader seed
    done
    # Sample petitions, through the feed like any G4C feed (demo: "sample petitions").
    if [[ -f $CHARTER_SRC/conf/petitions/sample-feed.xml ]]; then
        "$ctl" -c "$CHARTER_CONF" feed import "$CHARTER_SRC/conf/petitions/sample-feed.xml"
    fi
}

charter_fcgi_start() {
    rm -f "$CHARTER_FCGI_SOCKET"
    # setsid: its own process group, so that stopping it can reach every worker.
    setsid "$CHARTER_BIN_DIR/charter.fcgi" -c "$CHARTER_CONF" --listen "unix:$CHARTER_FCGI_SOCKET" \
        --workers "${CHARTER_WORKERS:-2}" >>"$CHARTER_FCGI_LOG" 2>&1 &
    echo $! >"$CHARTER_FCGI_PIDFILE"
    local pid=$! i
    for ((i = 0; i < 100; i++)); do
        [[ -S $CHARTER_FCGI_SOCKET ]] && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            _charter_log "charter.fcgi exited during start-up:"; tail -n 20 "$CHARTER_FCGI_LOG" >&2
            return 1
        fi
        sleep 0.1
    done
    _charter_log "charter.fcgi did not create $CHARTER_FCGI_SOCKET"
    return 1
}

charter_fcgi_stop() {
    [[ -n ${CHARTER_FCGI_PIDFILE:-} ]] || return 0
    _charter_kill_pidfile "$CHARTER_FCGI_PIDFILE" charter.fcgi group
}

# The shipped conf/nginx.conf is included unchanged except for its default paths
# (socket, datadir, cache dir, listen), which sed replaces here.
charter_nginx_start() {
    local n=$CHARTER_ENV_DIR/nginx
    mkdir -p "$n/cache" "$n/tmp"
    sed -e "s|unix:/run/charter/charter.sock|unix:$CHARTER_FCGI_SOCKET|" \
        -e "s|/usr/share/charter/|$CHARTER_SRC/|" \
        -e "s|/var/cache/nginx/charter|$n/cache|" \
        -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$CHARTER_PORT;|" \
        "$CHARTER_SRC/conf/nginx.conf" >"$n/charter.conf"
    if grep -vE '^[[:space:]]*#' "$n/charter.conf" |
        grep -E '/run/charter/|/usr/share/charter|/var/cache/nginx/charter|listen 80;' >&2; then
        _charter_log "conf/nginx.conf: default paths left after substitution (see above)"
        return 1
    fi
    local user_line=''
    [[ $(id -u) -eq 0 ]] && user_line='user root;'   # workers must reach the private sockets
    cat >"$n/nginx.conf" <<EOF
# generated by tests/lib/env.sh
$user_line
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log info;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $n/access.log;
    client_body_temp_path $n/tmp/body;
    fastcgi_temp_path $n/tmp/fastcgi;
    proxy_temp_path $n/tmp/proxy;
    scgi_temp_path $n/tmp/scgi;
    uwsgi_temp_path $n/tmp/uwsgi;
    include $n/charter.conf;
}
EOF
    if ! nginx -p "$n" -e "$n/error.log" -c "$n/nginx.conf" -t >"$n/configtest.log" 2>&1; then
        _charter_log "nginx configuration test failed:"; cat "$n/configtest.log" >&2
        return 1
    fi
    nginx -p "$n" -e "$n/error.log" -c "$n/nginx.conf"
    local i
    for ((i = 0; i < 100; i++)); do
        curl -s -o /dev/null "http://127.0.0.1:$CHARTER_PORT/" && return 0
        sleep 0.1
    done
    _charter_log "nginx does not answer on port $CHARTER_PORT:"; tail -n 20 "$n/error.log" >&2
    return 1
}

charter_nginx_stop() {
    [[ -n ${CHARTER_ENV_DIR:-} ]] || return 0
    _charter_kill_pidfile "$CHARTER_ENV_DIR/nginx/nginx.pid" nginx
}

# charter_env_stop: stop everything (idempotent, never fails).
charter_env_stop() {
    charter_nginx_stop || true
    charter_fcgi_stop || true
    charter_db_stop || true
}

_charter_env_trap() {
    local rc=$?
    charter_env_stop
    exit "$rc"
}

# charter_env_start DIR [PORT]: start MariaDB, seed it, start charter.fcgi and nginx.
charter_env_start() {
    local dir port
    mkdir -p "$1"
    dir=$(cd "$1" && pwd)
    port=${2:-}
    [[ -n $port ]] || port=$(charter_free_port)
    export CHARTER_ENV_DIR=$dir CHARTER_PORT=$port
    export CHARTER_BIN_DIR
    CHARTER_BIN_DIR=$(cd "${CHARTER_BUILD:-$CHARTER_SRC}" && pwd)
    export CHARTER_CONF=$dir/charter.conf
    export CHARTER_DB_SOCKET=$dir/mysql.sock
    export CHARTER_FCGI_SOCKET=$dir/fcgi.sock
    export CHARTER_FCGI_PIDFILE=$dir/fcgi.pid
    export CHARTER_FCGI_LOG=$dir/charter.fcgi.log
    export CHARTER_BASE_URL=http://127.0.0.1:$port/
    export CHARTER_TEST_NOW=${CHARTER_TEST_NOW:-}
    # Unix socket paths are limited to 107 bytes.
    if ((${#CHARTER_DB_SOCKET} > 100)); then
        _charter_log "directory path too long for unix sockets: $dir"; return 1
    fi
    local b
    for b in charter.fcgi charterctl; do
        if [[ ! -x $CHARTER_BIN_DIR/$b ]]; then
            _charter_log "missing $CHARTER_BIN_DIR/$b (build first)"; return 1
        fi
    done
    trap _charter_env_trap EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    : >"$CHARTER_FCGI_LOG"
    local v
    for v in CHARTER_ENV_DIR CHARTER_PORT CHARTER_BIN_DIR CHARTER_SRC CHARTER_CONF \
        CHARTER_DB_SOCKET CHARTER_FCGI_SOCKET CHARTER_FCGI_PIDFILE CHARTER_FCGI_LOG CHARTER_BASE_URL \
        CHARTER_TEST_NOW; do
        printf '%s=%q\n' "$v" "${!v}"
    done >"$dir/env.vars"
    _charter_log "starting MariaDB in $dir/db"
    charter_db_start
    charter_write_conf
    _charter_log "migrating, importing the sample charters and the sample petitions (feed)"
    charter_seed
    _charter_log "starting charter.fcgi on $CHARTER_FCGI_SOCKET"
    charter_fcgi_start
    _charter_log "starting nginx on 127.0.0.1:$port"
    charter_nginx_start
}
