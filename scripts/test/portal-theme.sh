#!/usr/bin/env bash
# "Follow the system" follows the settings portal: with a fake portal on a private session bus
# saying "prefer light", the window is light; when it says "prefer dark" while the window is
# open, the window turns dark; without a portal it stays with the dark fallback.
#
#   bash scripts/portal-theme-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
if [ -z "${GSV_PRIVATE_BUS:-}" ]; then
    exec env GSV_PRIVATE_BUS=1 dbus-run-session -- bash "$0" "$@"
fi
source scripts/lib/desktop.sh
work=$(mktemp -d)
app="" portal=""
cleanup() {
    if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    # GSV_SHOTS=DIR keeps the screenshots for a person to look at.
    [ -n "${GSV_SHOTS:-}" ] && cp "$work"/*.png "$GSV_SHOTS"/ 2>/dev/null || true
    [ -n "$portal" ] && kill "$portal" 2>/dev/null || true
    kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
start_xvfb "$work/xvfb.log"

# open_window LOG WHAT VAR=value...: starts the app with those variables, its output in LOG,
# and waits for its window ($app, $win) and for it to settle; WHAT names the run in a failure.
open_window() {
    local log=$1 what=$2
    shift 2
    env "$@" "$bin" --fresh >"$log" 2>&1 &
    app=$!
    win=$(window_of "$app")
    [ -n "$win" ] || { echo "FAIL: no window $what"; cat "$log"; exit 1; }
    sleep 1.5
}

# The mean brightness of the window, 0-100.
window_brightness() {
    local win=$1 shot=$2
    eval "$(xdotool getwindowgeometry --shell "$win")"
    root_brightness "$shot" "$X" "$Y" "$WIDTH" "$HEIGHT"
}

/usr/bin/python3 scripts/lib/fake-settings-portal.py "$work/scheme" 2 >"$work/portal.log" 2>&1 &
portal=$!
for _ in $(seq 50); do grep -q ready "$work/portal.log" && break; sleep 0.1; done
grep -q ready "$work/portal.log" || { echo "FAIL: the fake portal did not start"; cat "$work/portal.log"; exit 1; }

open_window "$work/app.log" "with the portal" XDG_DATA_HOME="$work/data"
light=$(window_brightness "$win" "$work/light.png")
echo "portal says light: window brightness $light"
[ "$light" -ge 60 ] || { echo "FAIL: expected a light window"; exit 1; }

echo 1 >"$work/scheme"
sleep 1.5
dark=$(window_brightness "$win" "$work/dark.png")
echo "portal changed to dark: window brightness $dark"
[ "$dark" -le 40 ] || { echo "FAIL: expected the window to turn dark"; exit 1; }
kill -TERM "$app"
wait "$app" || { echo "FAIL: exit status $? after SIGTERM"; exit 1; }
app=""

# Without a portal (here: without a session bus, so that no real portal is started on demand):
# the fallback, dark.
kill "$portal"; wait "$portal" 2>/dev/null || true
portal=""
open_window "$work/app2.log" "without a portal" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" XDG_DATA_HOME="$work/data2"
none=$(window_brightness "$win" "$work/none.png")
echo "no portal: window brightness $none"
[ "$none" -le 40 ] || { echo "FAIL: expected the dark fallback without a portal"; exit 1; }
if [ -s "$work/app.log" ] || [ -s "$work/app2.log" ]; then
    echo "FAIL: the app printed something:"; cat "$work/app.log" "$work/app2.log"; exit 1
fi
echo "PASS: the window follows the settings portal's colour scheme"
