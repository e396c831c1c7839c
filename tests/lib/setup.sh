# shellcheck shell=bash
# tests/lib/setup.sh — install what charter needs on Debian 12 and build it.
# Sourced by demo.sh and check.sh.
#
#   charter_install_packages [EXTRA_PACKAGE...]   apt-get install only what is missing
#   charter_autoreconf                            autoreconf -fi in the source tree
#   charter_build BUILD_DIR [CONFIGURE_ARG...]    VPATH build: BUILD_DIR/{charter.fcgi,charterctl}

CHARTER_SRC=${CHARTER_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export CHARTER_SRC

# Build and run-time dependencies (Debian 12 package names).
CHARTER_PACKAGES=(
    build-essential autoconf automake pkg-config
    libfcgi-dev libxml2-dev libxslt1-dev libmariadb-dev libcurl4-openssl-dev libssl-dev
    mariadb-server mariadb-client nginx xsltproc libxml2-utils python3 curl time
    python3-jsonschema
)

_charter_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "setup: need root or sudo to run: $*" >&2
        return 1
    fi
}

_charter_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

charter_install_packages() {
    local p missing=()
    for p in "${CHARTER_PACKAGES[@]}" "$@"; do
        _charter_installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "setup: installing ${missing[*]}" >&2
    # Another apt run (unattended-upgrades, a parallel install) may hold the lock for a while.
    _charter_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q update
    _charter_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q \
        install -y --no-install-recommends "${missing[@]}"
}

charter_autoreconf() {
    (cd "$CHARTER_SRC" && autoreconf -fi)
}

# charter_build BUILD_DIR [CONFIGURE_ARG...]: configure (out of tree) and make.
charter_build() {
    local build=$1
    shift
    case $build in /*) ;; *) build=$CHARTER_SRC/$build ;; esac
    if [[ -f $CHARTER_SRC/config.status && $build != "$CHARTER_SRC" ]]; then
        # Automake refuses a VPATH build from a source tree configured in place.
        echo "setup: the source tree is configured in place; running make distclean there" >&2
        make -C "$CHARTER_SRC" distclean >/dev/null
    fi
    [[ -x $CHARTER_SRC/configure ]] || charter_autoreconf
    mkdir -p "$build"
    (cd "$build" && "$CHARTER_SRC/configure" "$@" && make -j2)
}
