#!/usr/bin/env bash
# Imports the same OpenAPI descriptions with Patchbay (bench_openapi), Postman's
# openapi-to-postmanv2 and Bruno's @usebruno/converters (pinned in
# tests/integration/servers/package-lock.json; `npm ci` there first), one fresh process each,
# and prints wall time, CPU time and peak RSS of the whole process (start-up included).
# usage: tests/bench/openapi_vs_peers.sh BUILD_DIR SPEC...
set -euo pipefail
build=$1
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
printf '| spec | tool | requests | wall s | CPU s | peak RSS MiB |\n| --- | --- | --- | --- | --- | --- |\n'
for spec in "$@"; do
    name=$(basename "$spec")
    size=$(awk -v b="$(stat -c %s "$spec")" 'BEGIN { printf "%.1f", b / 1048576 }')
    for tool in patchbay postman bruno; do
        log=$(mktemp)
        if [ "$tool" = patchbay ]; then
            cmd=("$build/tests/bench/bench_openapi" "$spec" 1)
        else
            cmd=(node --max-old-space-size=8192 "$here/openapi_peers.js" "$tool" "$spec")
        fi
        if /usr/bin/time -f '%e %U %S %M' -o "$log.time" "${cmd[@]}" >"$log" 2>&1; then
            read -r wall user sys rss <"$log.time"
            requests=$(grep -oE '[0-9]+ (operations|requests)' "$log" | head -1 | cut -d' ' -f1)
            printf '| %s (%s MiB) | %s | %s | %s | %.2f | %d |\n' "$name" "$size" "$tool" \
                "${requests:-?}" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
        else
            printf '| %s (%s MiB) | %s | failed: %s |\n' "$name" "$size" "$tool" \
                "$(tail -1 "$log" | cut -c1-80)"
        fi
        rm -f "$log" "$log.time"
    done
done
