#!/usr/bin/env bash
# End to end through the real GTK save dialog: under Xvfb and a private D-Bus session with
# xdg-desktop-portal-gtk, press Ctrl+S in the live window, type a path into the dialog with
# xdotool, press Return, and check the file that was written.
set -euo pipefail
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
if [ -z "${IN_DBUS_SESSION:-}" ]; then
    # The bus and portal services log a great deal; keep it out of the CI output.
    IN_DBUS_SESSION=1 exec dbus-run-session -- bash "$0" "$bin" 2>"${TMPDIR:-/tmp}/export-dialog-dbus.log"
fi
work=$(mktemp -d)
. "$(dirname "$0")/x11-helpers.sh"
cleanup() {
    kill "${app:-}" 2>/dev/null || true
    kill "${XVFB_PID:-}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
start_xvfb :96 "$work/xvfb.log"
export XDG_CURRENT_DESKTOP=GNOME GTK_USE_PORTAL=0 NO_AT_BRIDGE=1
# Services the bus starts (the portal and its GTK backend) must see the display too.
dbus-update-activation-environment DISPLAY XDG_CURRENT_DESKTOP GTK_USE_PORTAL NO_AT_BRIDGE

target="$work/out/probiotics.txt"
mkdir -p "$work/out"
XDG_DATA_HOME="$work/data" "$bin" --fresh --section probiotics-vs-prebiotics >"$work/app.log" 2>&1 &
app=$!
win=$(wait_window "The Gut-Skin Axis")
[ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
sleep 1.5
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key --window "$win" ctrl+s

dialog=$(wait_window "^Export$")
if [ -z "$dialog" ]; then
    echo "FAIL: the save dialog did not appear"; cat "$work/app.log"; exit 1
fi
echo "the GTK save dialog is window $dialog"
sleep 1.5
xdotool windowfocus --sync "$dialog" 2>/dev/null || true
# Select the suggested name, replace it with the full path, and accept.
xdotool key --window "$dialog" ctrl+a
xdotool type --window "$dialog" --delay 20 "$target"
sleep 0.5
xdotool key --window "$dialog" Return
for _ in $(seq 50); do [ -s "$target" ] && break; sleep 0.2; done
[ -s "$target" ] || { echo "FAIL: nothing was written to $target"; cat "$work/app.log"; exit 1; }
head -n 2 "$target"
expected=$("$bin" export --section probiotics-vs-prebiotics -o -)
if [ "$(cat "$target")" != "$expected" ]; then
    echo "FAIL: the file differs from the CLI export"; diff <(echo "$expected") "$target" | head; exit 1
fi
leftovers=$(find "$work/out" -name '.gut-skin-viewer-*' | wc -l)
[ "$leftovers" -eq 0 ] || { echo "FAIL: temporary files left behind"; exit 1; }
xdotool key --window "$win" ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
echo "export through the real save dialog passed"
