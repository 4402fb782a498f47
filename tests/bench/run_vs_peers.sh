#!/usr/bin/env bash
# Benchmark: a 1000-request PUT collection run headless, side by side against one loopback
# server (`patchbay-cli sandbox`, PUT /users/1):
#   patchbay-cli run   the Postman v2.1 collection (libcurl transport, the default)
#   patchbay-qt        the same with --transport qt (QNetworkAccessManager, as the window sends)
#   newman run         the same Postman file (npm, pinned in tests/integration/servers)
#   bru run           the same requests as a Bruno collection (npm @usebruno/cli, same pin)
#   curl               1000 PUTs in one process (a config file of 1000 transfers)
#   python-requests    1000 PUTs on one Session
# Each figure is the wall time of the whole process (start-up included) and its peak RSS
# (/usr/bin/time), best of RUNS runs; ratios come from this same run. Then patchbay-cli's peak
# RSS at BIG requests (the collection run BIG/COUNT times with --iterations).
# When tests/bench/bench_put is built, it also prints Qt's own floor: the same COUNT PUTs through a
# bare QNetworkAccessManager loop (bench_put --bare) and through HttpClient (bench_put), against
# the same server, so that the share of patchbay-cli's time that Qt sets can be told apart.
#   usage: tests/bench/run_vs_peers.sh [BUILD_DIR] [COUNT] [BIG]
#   env:   RUNS (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
count=${2:-1000}
big=${3:-100000}
runs=${RUNS:-3}
cli=$build/app/cli/patchbay-cli
bench=$build/tests/bench/bench_put
bin=$root/tests/integration/servers/node_modules/.bin
[ -x "$cli" ] || { echo "build first: scripts/test (or cmake --build $build)" >&2; exit 2; }
[ -x "$bin/newman" ] && [ -x "$bin/bru" ] || {
    echo "install the npm peers first: (cd tests/integration/servers && npm ci)" >&2; exit 2; }

work=$(mktemp -d)
"$cli" sandbox --port 0 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" || true)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "sandbox did not start: $(cat "$work/server.log")" >&2; exit 1; }
url="$base/users/1"
python3 "$root/tests/bench/make_run_collections.py" "$base" "$count" "$work"
postman=$work/put.postman_collection.json

# curl: one process, COUNT transfers on one connection.
printf '%s' '{"id": 1, "name": "Leanne Graham", "email": "user@example.com", "active": true}' \
    >"$work/body.json"
: >"$work/curl.cfg"
for i in $(seq "$count"); do
    [ "$i" -gt 1 ] && echo next >>"$work/curl.cfg"
    printf 'url = "%s"\nrequest = "PUT"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\n' \
        "$url" "$work/body.json" >>"$work/curl.cfg"
done
cat >"$work/put_session.py" <<'PY'
import sys, requests
url, n = sys.argv[1], int(sys.argv[2])
s = requests.Session()
for i in range(n):
    body = {"id": 1, "name": "Leanne Graham", "email": "user%d@example.com" % i, "active": True}
    s.put(url, json=body).raise_for_status()
PY

# Prints "seconds peak_kib" of one run of the command (its stdout and stderr discarded).
measure() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" \
        || { echo "failed: $*" >&2; tail -5 "$work/stderr" >&2; exit 1; }
    cat "$work/time"
}
best() { sort -g | head -1; }
declare -A seconds kib
tools=(patchbay patchbay-qt newman bru curl python-requests)
run_tool() {
    case $1 in
    patchbay) measure "$cli" run "$postman" ;;
    patchbay-qt) measure "$cli" run --transport qt "$postman" ;;
    newman) measure "$bin/newman" run "$postman" ;;
    bru) (cd "$work/bruno" && measure "$bin/bru" run) ;;
    curl) measure curl -s -K "$work/curl.cfg" ;;
    python-requests) measure /usr/bin/python3 "$work/put_session.py" "$url" "$count" ;;
    esac
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for t in "${tools[@]}"; do run_tool "$t" >/dev/null; done # warm-up (disk cache, JIT caches)
for t in "${tools[@]}"; do
    results=$(for _ in $(seq "$runs"); do run_tool "$t"; done)
    seconds[$t]=$(echo "$results" | awk '{print $1}' | best)
    kib[$t]=$(echo "$results" | awk '{print $2}' | sort -g | tail -1)
done

printf '%s requests, best of %s runs, whole process; load average %s before, %s after\n' \
    "$count" "$runs" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %9s %11s %12s\n' tool seconds ms/request "peak RSS MiB"
for t in "${tools[@]}"; do
    awk -v t="$t" -v s="${seconds[$t]}" -v k="${kib[$t]}" -v n="$count" \
        'BEGIN { printf "%-16s %9.2f %11.3f %12.1f\n", t, s, s * 1000 / n, k / 1024 }'
done
p=${seconds[patchbay]}
awk -v p="$p" -v n="${seconds[newman]}" -v b="${seconds[bru]}" -v c="${seconds[curl]}" \
    -v y="${seconds[python-requests]}" 'BEGIN {
    printf "newman/patchbay = %.1fx   bru/patchbay = %.1fx   python-requests/patchbay = %.2fx   patchbay/curl = %.2fx\n",
        n / p, b / p, y / p, p / c }'

if [ -x "$bench" ]; then
    # Best of RUNS, in-process, start-up excluded: --bare is what Qt alone costs per request,
    # the next adds HttpClient on Qt, the last HttpClient on libcurl (what patchbay-cli run uses);
    # patchbay-cli run adds the runner, the import and start-up.
    for mode in --bare "" --curl; do
        for _ in $(seq "$runs"); do "$bench" $mode "$url" "$count"; done |
            awk '{ ms = $(NF - 3) + 0; if (!n++ || ms < best) { best = ms; line = $0 } } END { print line }'
    done
fi

iterations=$(( big / count ))
read -r s k < <(measure "$cli" run "$postman" --iterations "$iterations")
awk -v n="$big" -v s="$s" -v k="$k" -v k1="${kib[patchbay]}" 'BEGIN {
    printf "patchbay-cli run, %d requests: %.1f s, peak RSS %.1f MiB (%+.1f MiB over %d-request run)\n",
        n, s, k / 1024, (k - k1) / 1024, '"$count"' }'
