#!/usr/bin/env bash
# Logout keeps the place: after a section change, SIGTERM (and SIGINT, SIGHUP) make the window
# save and exit 0, and the next start opens at that section. A section change is also written
# on its own within a second, with no signal at all.
#
#   bash scripts/signal-state-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
source scripts/lib/desktop.sh
begin_test "${1:-}"
state="$XDG_DATA_HOME/gut-skin-viewer/state.ron"
# No session bus: this test is about the state, not the theme.
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus"

start() {
    "$bin" "$@" >>"$work/app.log" 2>&1 &
    app=$!
    win=$(window_of "$app")
    [ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
    sleep 1.5
    xdotool windowfocus --sync "$win" 2>/dev/null || true
}

stop_with() {
    kill "-$1" "$app"
    local code=0
    wait "$app" || code=$?
    app=""
    echo "exit status after SIG$1: $code"
    [ "$code" -eq 0 ] || { echo "FAIL: SIG$1 should exit 0"; cat "$work/app.log"; exit 1; }
}

section_saved() { grep -o 'section: *Some("[^"]*")' "$state" | sed 's/section: *Some("\(.*\)")/\1/'; }

start --fresh
import -window root "$work/first.png"
xdotool key End
sleep 0.4
import -window root "$work/last.png"
# Well inside the debounce (0.7 s): only the signal can have saved it. 0.4 s lets a
# loaded machine draw the key press first.
stop_with TERM
saved=$(section_saved)
echo "saved section: $saved"
[ "$saved" = "skin-renewal" ] || { echo "FAIL: SIGTERM did not save the section"; cat "$state"; exit 1; }

start
import -window root "$work/restarted.png"
same=$(compare -metric AE "$work/last.png" "$work/restarted.png" null: 2>&1 || true)
other=$(compare -metric AE "$work/first.png" "$work/restarted.png" null: 2>&1 || true)
echo "pixels differing from the section left: $same; from the first section: $other"
[ "${same%%.*}" -lt 2000 ] && [ "${other%%.*}" -gt 10000 ] \
    || { echo "FAIL: the restart did not open at the section left"; exit 1; }

# Saved on its own after a pause, then SIGINT and SIGHUP also exit 0.
xdotool key Home
sleep 1.5
saved=$(section_saved)
echo "saved after a pause, no signal: $saved"
[ "$saved" = "what-is-the-gut-skin-axis" ] || { echo "FAIL: not saved after a pause"; exit 1; }
stop_with INT
start
xdotool key Down
sleep 0.4
stop_with HUP
saved=$(section_saved)
[ "$saved" = "gut-health-and-skin-conditions" ] || { echo "FAIL: SIGHUP did not save ($saved)"; exit 1; }
if [ -s "$work/app.log" ]; then echo "FAIL: the app printed something:"; cat "$work/app.log"; exit 1; fi
echo "PASS: termination signals save the place and exit 0"
