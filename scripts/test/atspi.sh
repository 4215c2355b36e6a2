#!/usr/bin/env bash
# A screen reader's view of the window (issue 9): walks the app's accessibility tree through
# AT-SPI from outside the process, as Orca does, with scripts/atspi-walk.py, and asserts that
# every word of every section is spoken in order, all references are in the tree, the title
# and section titles are headings, the panes are named, activating a citation focuses its
# reference, and a keyboard reader reaches the first body citation in at most 5 keystrokes.
#
#   bash scripts/atspi-test.sh [BINARY]
#
# Runs on a private session bus (dbus-run-session) and an Xvfb display of its own, with its own
# AT-SPI bus (at-spi-bus-launcher) and accessibility switched on (org.a11y.Status IsEnabled).
# The app is started three times from a fresh state (--fresh, an empty XDG_DATA_HOME): once for
# the tree walk and the checks that do not need a fresh focus, and once each for the two
# keyboard strategies (Tab only; F6 then Tab), which count key presses from launch. Prints the figures first, then one PASS or FAIL
# line per check; exits 0 only if all pass. GSV_ATSPI_VERBOSE=1 prints every focus stop.
# Needs: Xvfb, xdotool, dbus-run-session, busctl, at-spi2-core, python3-pyatspi.
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
if [ -z "${GSV_PRIVATE_BUS:-}" ]; then
    # The private session bus starts nothing on demand (no service directories): with the
    # standard session configuration the app's settings-portal query starts the real
    # xdg-desktop-portal, which starts the document portal, which mounts a FUSE file system in
    # ~/.cache/doc. Without a portal the app takes its fallback theme, which is all we need.
    # The bus daemon's messages go to a log file; the script's own stderr is kept on fd 9 and
    # restored below.
    busconf=$(mktemp --suffix=.conf)
    buslog=$(mktemp)
    cat >"$busconf" <<'XML'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
XML
    exec 9>&2
    exec env GSV_PRIVATE_BUS=1 GSV_BUS_FILES="$busconf $buslog" \
        dbus-run-session --config-file="$busconf" -- bash "$0" "$@" 2>"$buslog"
fi
if { true >&9; } 2>/dev/null; then exec 2>&9 9>&-; fi
source scripts/lib/x11.sh

# A desktop's own AT-SPI bus must not be used: AccessKit takes AT_SPI_BUS_ADDRESS before asking
# org.a11y.Bus. NO_AT_BRIDGE and GTK_MODULES concern GTK apps only; unset so that no setting
# from the caller's desktop leaks in.
unset AT_SPI_BUS_ADDRESS NO_AT_BRIDGE GTK_MODULES

work=$(mktemp -d)
app="" launcher=""
# end PID: SIGTERM, and SIGKILL if the process is still there after 3 s (a hung app does not
# act on SIGTERM, and waiting for it would hang the script).
end() {
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 30); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    if [ -n "$app" ]; then end "$app"; fi
    if [ -n "$launcher" ]; then
        # The registry daemon is started on demand by the AT-SPI bus's own dbus-daemon; end it
        # while that daemon is there to reap it, or it stays behind as a zombie.
        local addr reg
        addr=$(busctl --user call org.a11y.Bus /org/a11y/bus org.a11y.Bus GetAddress 2>/dev/null \
            | sed -n 's/^s "\(.*\)"$/\1/p' || true)
        reg=""
        [ -n "$addr" ] && reg=$(busctl --address="$addr" call org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus GetConnectionUnixProcessID s org.a11y.atspi.Registry 2>/dev/null \
            | awk '{print $2}' || true)
        if [ -n "$reg" ]; then
            kill "$reg" 2>/dev/null || true
            for _ in $(seq 30); do kill -0 "$reg" 2>/dev/null || break; sleep 0.1; done
        fi
        end "$launcher"
    fi
    stop_xvfb
    rm -rf "$work"
    # shellcheck disable=SC2086 # two file names
    rm -f ${GSV_BUS_FILES:-}
    return 0
}
trap cleanup EXIT
walk() { /usr/bin/python3 -m scripts.lib.atspi.walk "$@"; }

start_xvfb "$work/xvfb.log" 1400x900x24

# The AT-SPI bus: the launcher starts a second dbus-daemon and answers org.a11y.Bus on the
# session bus; wait until it does, then switch accessibility on.
# GSETTINGS_BACKEND=memory: the launcher keeps IsEnabled in its GSettings, which would go to
# dconf; the private bus starts no dconf service and a fresh HOME has no dconf database, so
# the write would fail silently. In memory it holds for this run and needs nothing else.
GSETTINGS_BACKEND=memory /usr/libexec/at-spi-bus-launcher --launch-immediately >"$work/launcher.log" 2>&1 &
launcher=$!
for _ in $(seq 100); do
    busctl --user call org.a11y.Bus /org/a11y/bus org.a11y.Bus GetAddress >/dev/null 2>&1 && break
    sleep 0.1
done
busctl --user call org.a11y.Bus /org/a11y/bus org.a11y.Bus GetAddress >/dev/null 2>&1 \
    || { echo "FAIL: at-spi-bus-launcher does not answer on the session bus"; cat "$work/launcher.log"; exit 1; }
busctl --user set-property org.a11y.Bus /org/a11y/bus org.a11y.Status IsEnabled b true
[ "$(busctl --user get-property org.a11y.Bus /org/a11y/bus org.a11y.Status IsEnabled)" = "b true" ] \
    || { echo "FAIL: could not switch accessibility on"; exit 1; }

# launch_app NAME: starts the app from a fresh state, waits for its window (sets $win) and
# for its tree in the AT-SPI desktop.
launch_app() {
    local since data
    since=$(date +%s.%N)
    data=$(mktemp -d "$work/data.XXXX")
    local args=(--fresh)
    if [ "$1" = notes ]; then
        # A notes file with highlights in section 2 (one with a note) and an orphan.
        mkdir -p "$data/gut-skin-viewer/notes"
        cp tests/data/notes/notes.json "$data/gut-skin-viewer/notes/embedded-gut-skin-axis.json"
        args+=(--section gut-health-and-skin-conditions)
    fi
    XDG_DATA_HOME=$data "$bin" "${args[@]}" >"$work/$1.log" 2>&1 &
    app=$!
    win=$(wait_window "$app")
    [ -n "$win" ] || { echo "FAIL: no window ($1)"; cat "$work/$1.log"; exit 1; }
    # The window that takes key presses: the visible one (the first found may not be).
    local visible
    visible=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | tail -n 1 || true)
    [ -n "$visible" ] && win=$visible
    printf '%s: ' "$1"
    walk --wait-app "$app" --since "$since" --timeout 20 || {
        echo "(listed with a window but no tree: the app may be hung; \`gdb -p PID -batch -ex 'thread apply all bt'\` shows where)"
        cat "$work/$1.log"; exit 1; }
}
stop_app() {
    end "$app"
    app=""
}

results="$work/results.jsonl"
: >"$results"
status=0 unfinished=""

for phase in main keys-tab keys-f6 notes; do
    launch_app "$phase"
    walk --phase "$phase" --pid "$app" --window "$win" --bin "$bin" --results "$results" \
        || { status=1; unfinished="$unfinished $phase"; }
    stop_app
done

walk --report "$results" || status=1
# A phase that stopped early has printed its reason above.
for phase in $unfinished; do echo "FAIL: the $phase phase stopped early"; done
exit "$status"
