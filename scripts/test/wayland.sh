#!/usr/bin/env bash
# Wayland and display choice: the window renders on a headless weston (which draws no
# decorations, so the app's own title bar shows); a stale WAYLAND_DISPLAY with a working DISPLAY
# falls back to X11 with a one-line note; with no display at all, or when the compositor goes
# away, the message is plain words with no source paths, and the place is saved.
#
#   bash scripts/wayland-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
source scripts/lib/desktop.sh
work=$(mktemp -d)
weston_pid="" app=""
cleanup() {
    if [ -n "$app" ]; then kill -KILL "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    if [ -n "$weston_pid" ]; then kill "$weston_pid" 2>/dev/null || true; wait "$weston_pid" 2>/dev/null || true; fi
    kill "${XVFB_PID:-}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" XDG_DATA_HOME="$work/data"
mkdir -m 700 "$work/run"
export XDG_RUNTIME_DIR="$work/run"

# A headless weston; pixman renders, so that screenshots have pixels.
weston --backend=headless-backend.so --use-pixman --socket=wl-test --width=1400 --height=900 \
    --idle-time=0 --debug >"$work/weston.log" 2>&1 &
weston_pid=$!
for _ in $(seq 100); do [ -S "$XDG_RUNTIME_DIR/wl-test" ] && break; sleep 0.1; done
[ -S "$XDG_RUNTIME_DIR/wl-test" ] || { echo "FAIL: weston did not start"; cat "$work/weston.log"; exit 1; }

echo "== Wayland: screenshot"
code=0
env -u DISPLAY WAYLAND_DISPLAY=wl-test "$bin" --screenshot "$work/wl.png" 2>"$work/err" || code=$?
[ "$code" -eq 0 ] && [ -s "$work/wl.png" ] || { echo "FAIL: exit $code on Wayland"; cat "$work/err"; exit 1; }
[ -s "$work/err" ] && { echo "FAIL: stderr on a clean Wayland run:"; cat "$work/err"; exit 1; }
echo "ok: $(identify -format '%wx%h' "$work/wl.png") PNG, nothing on stderr"

echo "== Wayland: the app's own title bar"
env -u DISPLAY WAYLAND_DISPLAY=wl-test "$bin" >"$work/app.log" 2>&1 &
app=$!
sleep 3
(cd "$work" && WAYLAND_DISPLAY=wl-test timeout 10 weston-screenshooter >/dev/null 2>&1) || true
shot=$(ls "$work"/wayland-screenshot-*.png 2>/dev/null | head -n 1 || true)
if [ -n "$shot" ]; then
    [ -n "${GSV_SHOTS:-}" ] && cp "$shot" "$GSV_SHOTS/wayland.png"
    # weston's desktop shell puts the window below its 32-px panel, at y=20 here on a
    # 1400x900 output; the drawn title bar is light grey with the title in dark letters, above
    # the dark egui body (no portal here, so the dark fallback).
    read -r mean contrast < <(convert "$shot" -crop 1000x16+150+26 -colorspace Gray \
        -format '%[fx:round(100*mean)] %[fx:round(100*standard_deviation)]\n' info:)
    echo "title-bar strip: brightness $mean, contrast $contrast"
    [ "$mean" -ge 50 ] && [ "$contrast" -ge 10 ] || { echo "FAIL: no title bar with a title"; exit 1; }
else
    echo "note: weston-screenshooter gave no picture; title bar not checked"
fi

echo "== the compositor goes away"
kill "$weston_pid"; wait "$weston_pid" 2>/dev/null || true
weston_pid=""
code=0
wait "$app" || code=$?
app=""
msg=$(grep '^error:' "$work/app.log" || true)
echo "exit $code: $msg"
[ "$code" -eq 1 ] && [ "$msg" = "error: the connection to the display was lost; the reading place is saved" ] \
    || { echo "FAIL: unexpected end"; cat "$work/app.log"; exit 1; }
[ -s "$XDG_DATA_HOME/gut-skin-viewer/state.ron" ] || { echo "FAIL: state not saved"; exit 1; }

echo "== stale WAYLAND_DISPLAY, good DISPLAY"
start_xvfb "$work/xvfb.log"
code=0
WAYLAND_DISPLAY=wl-gone "$bin" --screenshot "$work/x.png" 2>"$work/err" || code=$?
cat "$work/err"
[ "$code" -eq 0 ] && [ -s "$work/x.png" ] || { echo "FAIL: exit $code"; exit 1; }
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^note: the Wayland compositor .* does not answer; using X11 on DISPLAY=' "$work/err" \
    || { echo "FAIL: expected exactly the one-line note"; exit 1; }

echo "== stale WAYLAND_DISPLAY, no DISPLAY; no display at all"
for case in "WAYLAND_DISPLAY=wl-gone" "WAYLAND_DISPLAY="; do
    code=0
    env -u DISPLAY "$case" "$bin" 2>"$work/err" || code=$?
    cat "$work/err"
    [ "$code" -eq 1 ] || { echo "FAIL: exit $code"; exit 1; }
    grep -q '^error: ' "$work/err" && ! grep -q '\.rs:\|registry' "$work/err" \
        || { echo "FAIL: not a plain error"; exit 1; }
done
echo "PASS: Wayland, the X11 fallback and the display errors"
