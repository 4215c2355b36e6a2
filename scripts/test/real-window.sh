#!/usr/bin/env bash
# The release binary in a real X window (Xvfb): it opens, shows something, reacts to Down,
# and quits with Ctrl+Q and exit code 0.
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
bin=${1:-target/release/gut-skin-viewer}
work=$(mktemp -d)
. "$(dirname "$0")/../lib/x11.sh"
start_xvfb "$work/xvfb.log"
trap 'stop_xvfb; rm -rf "$work"' EXIT

XDG_DATA_HOME="$work/data" "$bin" --fresh >"$work/app.log" 2>&1 &
app=$!
win=$(wait_window "$app")
[ -n "$win" ] || { echo "FAIL: no window appeared"; cat "$work/app.log"; exit 1; }
sleep 2
import -window root "$work/before.png"
colours=$(convert "$work/before.png" -format %k info:)
echo "window $win is up; the screenshot has $colours colours"
[ "$colours" -gt 50 ] || { echo "FAIL: the window looks blank"; exit 1; }

xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win" || true
xdotool key --window "$win" Down
sleep 1.5
import -window root "$work/after.png"
changed=$(compare -metric AE "$work/before.png" "$work/after.png" null: 2>&1 || true)
echo "pixels changed by Down: $changed"
[ "${changed%%.*}" -gt 1000 ] || { echo "FAIL: Down did not change the picture"; exit 1; }

xdotool key --window "$win" ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then echo "FAIL: Ctrl+Q did not quit"; kill "$app"; exit 1; fi
wait "$app" && code=0 || code=$?
echo "exit code after Ctrl+Q: $code"
[ "$code" -eq 0 ] || { cat "$work/app.log"; exit 1; }
echo "real-window test passed"
