#!/usr/bin/env bash
# The release binary in a real X window (Xvfb): it opens, shows something, reacts to Down,
# and quits with Ctrl+Q and exit code 0.
set -euo pipefail
bin=${1:-target/release/gut-skin-viewer}
work=$(mktemp -d)
display=:97
Xvfb "$display" -screen 0 1400x900x24 >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

XDG_DATA_HOME="$work/data" "$bin" --fresh >"$work/app.log" 2>&1 &
app=$!
win=""
for _ in $(seq 100); do
    win=$(xdotool search --name "The Gut-Skin Axis" 2>/dev/null | head -n 1 || true)
    [ -n "$win" ] && break
    sleep 0.2
done
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
