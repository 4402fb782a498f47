# Shared by scripts/run and scripts/test. Installs what is missing, builds incrementally.
set -euo pipefail

PATCHBAY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATCHBAY_BUILD=${PATCHBAY_BUILD:-$PATCHBAY_ROOT/build}
PATCHBAY_CMAKE_ARGS=()
# Lets ccache reuse objects across checkouts in different folders.
export CCACHE_BASEDIR=$PATCHBAY_ROOT

# Readable sanitizer stacks (scripts/test --sanitize, scripts/fuzz).
if [ -x /usr/bin/llvm-symbolizer-14 ]; then
    export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/bin/llvm-symbolizer-14}
fi

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the apt packages from scripts/packages.txt that are not installed yet.
ensure_apt_packages() {
    local wanted missing=()
    wanted=$(grep -vE '^\s*(#|$)' "$PATCHBAY_ROOT/scripts/packages.txt")
    set -f # "pkg?cmd" must not glob
    for p in $wanted; do
        if [[ $p == *\?* ]]; then
            command -v "${p#*\?}" >/dev/null && continue
            p=${p%%\?*}
        fi
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    set +f
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "Installing ${#missing[@]} missing packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    stop_test_server_services "${missing[@]}"
}

# The proxies and web server the network tests use start their own services when installed;
# the tests run their own on free ports, so the services just installed are stopped and disabled.
stop_test_server_services() {
    local p service
    for p in "$@"; do
        case $p in
        tinyproxy) service=tinyproxy ;;
        dante-server) service=danted ;;
        nginx-light) service=nginx ;;
        *) continue ;;
        esac
        if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
            as_root systemctl disable --now "$service" >/dev/null 2>&1 || true
        elif command -v service >/dev/null; then
            as_root service "$service" stop >/dev/null 2>&1 || true
        fi
    done
}

# Installs the pinned npm packages (json-server for integration tests) from the lock file.
ensure_npm_packages() {
    local dir="$PATCHBAY_ROOT/tests/integration/servers"
    # Installed for exactly this lock file? (A merge or checkout can change the lock without
    # making it newer than node_modules, so compare contents, not times.)
    local want
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ -f "$dir/node_modules/.patchbay-lock-sha256" ] &&
        [ "$(cat "$dir/node_modules/.patchbay-lock-sha256")" = "$want" ]; then
        return 0
    fi
    log "Installing pinned npm packages in tests/integration/servers"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" >"$dir/node_modules/.patchbay-lock-sha256"
}

# Configures (once) and builds the given targets (all when none are given). Extra configure
# options come from the array PATCHBAY_CMAKE_ARGS (scripts/test --sanitize, scripts/fuzz).
build() {
    if [ ! -f "$PATCHBAY_BUILD/build.ninja" ]; then
        log "Configuring $PATCHBAY_BUILD (Release, Ninja)"
        local launcher=()
        if command -v ccache >/dev/null; then
            launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        fi
        # PATCHBAY_UNITY=1 (.ci/run's sanitizer and fuzz builds): the engine in unity batches.
        local unity=()
        if [ "${PATCHBAY_UNITY:-0}" = 1 ]; then
            unity=(-DPATCHBAY_UNITY=ON)
        fi
        cmake -S "$PATCHBAY_ROOT" -B "$PATCHBAY_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DPATCHBAY_BUILD_TESTS=ON "${launcher[@]}" "${unity[@]}" "${PATCHBAY_CMAKE_ARGS[@]}" \
            >/dev/null
    fi
    log "Building${1:+ $*}"
    cmake --build "$PATCHBAY_BUILD" ${1:+--target "$@"}
}
