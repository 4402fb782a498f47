#!/bin/sh
# Runs a test binary inside a private D-Bus session with an unlocked gnome-keyring, so that
# secret tests use a real keyring and never the user's own. Usage: with-keyring.sh TEST [ARGS...]
# The daemon may register its bus name a little after it returns: wait (at most 10 s) until
# org.freedesktop.secrets has an owner before starting the test.
# gnome-keyring puts its control socket under XDG_RUNTIME_DIR (else XDG_CACHE_HOME), and a Unix
# socket path may not exceed 107 bytes: a deep build folder would break it, so the runtime
# folder is a short private one under /tmp, removed afterwards.
set -e
runtime=$(mktemp -d /tmp/pb-keyring.XXXXXX)
export XDG_RUNTIME_DIR="$runtime"
status=0
dbus-run-session -- sh -c '
printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
        echo "with-keyring.sh: the secret service did not start" >&2
        exit 1
    fi
    sleep 0.1
done
exec "$0" "$@"' "$@" || status=$?
rm -rf "$runtime"
exit "$status"
