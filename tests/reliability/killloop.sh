#!/usr/bin/env bash
# Durability over many kills (docs/RELIABILITY.md, "Durability"). Not a test: it takes minutes.
#
#   tests/reliability/killloop.sh [KILLS] [import|save|history ...]
#
# For each scenario (all three by default), KILLS times (default 1000): start the writer, let it
# run for a random moment, SIGKILL it, then check what it left:
#   import   `patchbay-cli import` of a 400-request Postman collection into an empty workspace;
#   save     request saves, creations, renames and deletes in one workspace (kept across kills);
#   history  history entries recorded one by one and in batches into one database.
# After every kill: every file parses (Workspace::open reports no problem), no temporary or
# hidden file is left, the database passes PRAGMA integrity_check and HistoryStore opens it.
# An import killed half-way leaves a collection with fewer requests than the file: counted as
# "partial" (imports must be atomic: all or nothing). Prints one summary line per scenario and
# exits 1 when any check failed. Uses build/ (scripts/lib.sh builds what is missing) and a
# temporary directory it removes; KEEP=1 keeps it. RANDOM_SEED=N makes the kill moments
# repeatable.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

kills=1000
scenarios=()
for arg in "$@"; do
    if [[ $arg =~ ^[0-9]+$ ]]; then kills=$arg; else scenarios+=("$arg"); fi
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(import save history)
RANDOM=${RANDOM_SEED:-$$}

build patchbay-cli patchbay_killdriver >/dev/null
cli=$PATCHBAY_BUILD/app/cli/patchbay-cli
driver=$PATCHBAY_BUILD/tests/reliability/patchbay_killdriver
tmp=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && log "Keeping $tmp" || trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
export QT_QPA_PLATFORM=offscreen

now_ms() { date +%s%3N; }
# A random delay in [0, max_ms] milliseconds, as seconds for sleep.
random_delay() {
    local d=$(((RANDOM * 32768 + RANDOM) % ($1 + 1)))
    printf '%d.%03d' $((d / 1000)) $((d % 1000))
}

# Starts "$@" in the background with stdout in $tmp/out; waits (at most 10 s) for "writing".
start_writer() {
    : >"$tmp/out"
    "$@" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    for _ in $(seq 1000); do
        grep -q writing "$tmp/out" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.01
    done
    return 1
}

kill_now() {
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

failures=0
summary=()
# Every 100 kills, the counts so far (a long run that is stopped still says something).
progress() { [ $(($2 % 100)) -eq 0 ] && log "$1: $2 kills: $3" || true; }

run_import() {
    local source=$tmp/durability.postman_collection.json requests=400
    "$driver" make-postman "$source" $requests
    # How long one import takes here, to spread the kills over the whole of it.
    local t0 t1 full
    t0=$(now_ms)
    "$cli" import "$source" --into "$tmp/measure" >/dev/null
    t1=$(now_ms)
    full=$((t1 - t0))
    local n=0 before=0 finished=0 complete=0 partial=0 bad=0 left=0
    while [ $n -lt $kills ]; do
        n=$((n + 1))
        rm -rf "$tmp/ws" && mkdir -p "$tmp/ws"
        "$cli" import "$source" --into "$tmp/ws" >/dev/null 2>&1 &
        pid=$!
        sleep "$(random_delay $((full * 11 / 10)))"
        if kill -0 "$pid" 2>/dev/null; then kill_now; else wait "$pid" || true; finished=$((finished + 1)); fi
        line=$("$driver" check-workspace "$tmp/ws" $requests) || true
        [[ $line =~ ^collections=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -eq 0 ] && before=$((before + 1))
        [[ $line =~ complete=([0-9]+) ]] && complete=$((complete + BASH_REMATCH[1]))
        [[ $line =~ partial=([0-9]+) ]] && partial=$((partial + BASH_REMATCH[1]))
        [[ $line =~ bad-files=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && { bad=$((bad + 1)); echo "kill $n: $line" >&2; }
        [[ $line =~ leftovers=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && { left=$((left + 1)); echo "kill $n: $line" >&2; }
        progress "import" "$n" "nothing $before, complete $complete, half-imported $partial, bad $bad, leftovers $left"
    done
    summary+=("import: $kills kills (one import takes ~${full} ms; $finished had finished before the kill): nothing written $before, complete collection $complete, HALF-IMPORTED $partial, runs with unparsable files $bad, runs with leftovers $left")
    [ $((partial + bad + left)) -eq 0 ] || failures=$((failures + 1))
}

run_save() {
    rm -rf "$tmp/saves" && mkdir -p "$tmp/saves"
    local n=0 bad=0 left=0 missed=0
    while [ $n -lt $kills ]; do
        n=$((n + 1))
        if ! start_writer "$driver" save "$tmp/saves"; then
            missed=$((missed + 1))
            cat "$tmp/err" >&2
            kill_now
            [ $missed -gt 10 ] && { echo "the save writer does not start" >&2; break; }
            continue
        fi
        sleep "$(random_delay 300)"
        kill_now
        line=$("$driver" check-workspace "$tmp/saves") || true
        [[ $line =~ bad-files=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && { bad=$((bad + 1)); echo "kill $n: $line" >&2; }
        [[ $line =~ leftovers=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && { left=$((left + 1)); echo "kill $n: $line" >&2; }
        progress "save" "$n" "bad $bad, leftovers $left, writer did not start $missed"
    done
    files=$(find "$tmp/saves" -name '*.yaml' | wc -l)
    summary+=("save: $kills kills (writer did not start: $missed; $files files at the end): runs with unparsable files $bad, runs with leftovers $left")
    [ $((bad + left + missed)) -eq 0 ] || failures=$((failures + 1))
}

run_history() {
    rm -rf "$tmp/history" && mkdir -p "$tmp/history"
    local db=$tmp/history/history.sqlite n=0 bad=0 left=0 missed=0 rows=0
    while [ $n -lt $kills ]; do
        n=$((n + 1))
        if ! start_writer "$driver" history "$db"; then
            missed=$((missed + 1))
            cat "$tmp/err" >&2
            kill_now
            [ $missed -gt 10 ] && { echo "the history writer does not start" >&2; break; }
            continue
        fi
        sleep "$(random_delay 300)"
        kill_now
        line=$("$driver" check-history "$db") || { bad=$((bad + 1)); echo "kill $n: $line" >&2; }
        [[ $line =~ rows=([0-9]+) ]] && rows=${BASH_REMATCH[1]}
        [[ $line =~ leftovers=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && left=$((left + 1))
        progress "history" "$n" "integrity/open failures $bad, leftovers $left, rows $rows"
    done
    summary+=("history: $kills kills (writer did not start: $missed; $rows entries at the end, $(du -h "$db" | cut -f1)): failed integrity_check or open $bad, runs with leftovers $left")
    [ $((bad + left + missed)) -eq 0 ] || failures=$((failures + 1))
}

for s in "${scenarios[@]}"; do
    case $s in
    import | save | history)
        log "Scenario $s: $kills kills"
        t0=$(now_ms)
        "run_$s"
        summary[-1]="${summary[-1]} [$(( ($(now_ms) - t0) / 1000 )) s]"
        ;;
    *) echo "killloop.sh: unknown scenario $s (import, save, history)" >&2; exit 2 ;;
    esac
done
log "Summary"
printf '%s\n' "${summary[@]}"
[ $failures -eq 0 ] && echo "PASS" || echo "FAIL: $failures scenario(s) with findings"
[ $failures -eq 0 ]
