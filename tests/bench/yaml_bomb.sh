#!/usr/bin/env bash
# Billion laughs against `patchbay-cli import`: an Insomnia v5 YAML export made of nested
# anchors and aliases (LEVELS levels of 9 aliases each, a few hundred bytes), imported under a
# memory cap. Prints the file size, exit status, peak memory (max RSS) and elapsed time.
# Not a test. Usage: tests/bench/yaml_bomb.sh [LEVELS] [MEMORY_CAP_MB] [SECONDS]
#   default 9 levels, 4096 MB cap, 60 s.
set -u
levels=${1:-9}
cap_mb=${2:-4096}
seconds=${3:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cli=${PATCHBAY_CLI:-$root/build/app/cli/patchbay-cli}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
    echo "type: collection.insomnia.rest/5.0"
    echo "name: laughs"
    echo 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    for ((i = 1; i < levels; i++)); do
        p="*l$((i - 1))"
        echo "l$i: &l$i [$p,$p,$p,$p,$p,$p,$p,$p,$p]"
    done
    echo "collection:"
    echo "  - name: bomb"
    echo "    children: *l$((levels - 1))"
} >"$work/bomb.yaml"
mkdir "$work/ws"
echo "file: $(stat -c %s "$work/bomb.yaml") bytes, $levels levels (9^$levels = $((9 ** levels)) strings when expanded)"
(
    ulimit -v $((cap_mb * 1024))
    /usr/bin/time -f "peak RSS %M KiB, elapsed %e s" timeout "$seconds" \
        "$cli" import "$work/bomb.yaml" --into "$work/ws" >"$work/out" 2>"$work/err"
    echo "exit status $?"
)
tail -n 1 "$work/err"
head -c 400 "$work/err" | grep -v "peak RSS" | head -n 3
