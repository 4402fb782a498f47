#!/usr/bin/env bash
# Benchmark: N sequential PUTs with a small JSON body over keep-alive to one loopback server,
# Patchbay's HttpClient side by side with curl (all N in one process) and python-requests
# (one Session). Prints ms/request for each and the ratios from this same run.
#   usage: tests/bench/put_vs_peers.sh [BUILD_DIR] [COUNT]
# The server is `patchbay-cli sandbox` (PUT /users/1) in its own process; every client talks to
# the same server, so the server's cost is the same for all of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
count=${2:-1000}
cli=$build/app/cli/patchbay-cli
bench=$build/tests/bench/bench_put
[ -x "$cli" ] && [ -x "$bench" ] || { echo "build first: scripts/test (or cmake --build $build)" >&2; exit 2; }

out=$(mktemp)
"$cli" sandbox --port 0 >"$out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$out" "$cfg" "${bodyfile:-}"' EXIT
cfg=$(mktemp)
for _ in $(seq 50); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" || true)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "sandbox did not start: $(cat "$out")" >&2; exit 1; }
url="$base/users/1"
body='{"id": 1, "name": "Leanne Graham", "email": "user@example.com", "active": true}'

now() { date +%s.%N; }

# curl: one process, N transfers on one connection (a config file with N url entries,
# separated by "next" so that each carries only its own options and body).
bodyfile=$(mktemp)
printf '%s' "$body" >"$bodyfile"
: >"$cfg"
for i in $(seq "$count"); do
    [ "$i" -gt 1 ] && echo next >>"$cfg"
    printf 'url = "%s"\nrequest = "PUT"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\n' \
        "$url" "$bodyfile" >>"$cfg"
done

run_patchbay() { "$bench" "$url" "$count" | awk '{print $7}'; }
run_curl() {
    local t0 t1
    t0=$(now)
    curl -s -K "$cfg" >/dev/null
    t1=$(now)
    awk -v a="$t0" -v b="$t1" -v n="$count" 'BEGIN { printf "%.3f\n", (b - a) * 1000 / n }'
}
run_python() {
    /usr/bin/python3 - "$url" "$count" <<'PY'
import sys, time, requests
url, n = sys.argv[1], int(sys.argv[2])
s = requests.Session()
body = {"id": 1, "name": "Leanne Graham", "email": "user@example.com", "active": True}
t0 = time.perf_counter()
for i in range(n):
    r = s.put(url, json=body)
    r.raise_for_status()
print("%.3f" % ((time.perf_counter() - t0) * 1000 / n))
PY
}

# Warm up each client once, then take the best of 3 runs of each (interleaved).
run_patchbay >/dev/null; run_curl >/dev/null; run_python >/dev/null
best() { sort -g | head -1; }
p=$( { run_patchbay; run_patchbay; run_patchbay; } | best)
c=$( { run_curl; run_curl; run_curl; } | best)
y=$( { run_python; run_python; run_python; } | best)
printf '%-18s %10s\n' client "ms/request"
printf '%-18s %10.3f\n' "patchbay" "$p" "curl (1 process)" "$c" "python-requests" "$y"
awk -v p="$p" -v c="$c" -v y="$y" \
    'BEGIN { printf "patchbay/curl = %.2fx   patchbay/python-requests = %.2fx\n", p / c, p / y }'
