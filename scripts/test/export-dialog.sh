#!/usr/bin/env bash
# End to end through the real GTK save dialog: under Xvfb and a private D-Bus session with
# xdg-desktop-portal-gtk, press Ctrl+S in the live window, type a path into the dialog with
# xdotool, press Return, and check the file that was written.
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
if [ -z "${IN_DBUS_SESSION:-}" ]; then
    # The bus and portal services log a great deal; keep it out of the CI output.
    IN_DBUS_SESSION=1 exec dbus-run-session -- bash "$0" "$bin" 2>>"${TMPDIR:-/tmp}/export-dialog-dbus.log"
fi
work=$(mktemp -d)
. "$(dirname "$0")/../lib/x11.sh"
cleanup() {
    kill "${app:-}" 2>/dev/null || true
    stop_xvfb
    rm -rf "$work"
}
trap cleanup EXIT
start_xvfb "$work/xvfb.log"
export XDG_CURRENT_DESKTOP=GNOME GTK_USE_PORTAL=0 NO_AT_BRIDGE=1
# Services the bus starts (the portal and its GTK backend) must see the display too.
dbus-update-activation-environment DISPLAY XDG_CURRENT_DESKTOP GTK_USE_PORTAL NO_AT_BRIDGE

target="$work/out/probiotics.txt"
mkdir -p "$work/out"
RUST_LOG=gut_skin_viewer=info XDG_DATA_HOME="$work/data" "$bin" --fresh --section probiotics-vs-prebiotics >"$work/app.log" 2>&1 &
app=$!
win=$(wait_window "$app")
[ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
sleep 1.5
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key --window "$win" ctrl+s

# The dialog belongs to the GTK portal backend that our private bus started.
portal=""
# The dialog belongs to the GTK portal backend that our private bus started.
find_dialog() {
    local portal="" dialog
    for _ in $(seq 100); do
        portal=$(bus_pid org.freedesktop.impl.portal.desktop.gtk)
        [ -n "$portal" ] && break
        sleep 0.2
    done
    [ -n "$portal" ] || { echo "FAIL: the GTK portal backend did not start" >&2; return 1; }
    dialog=$(wait_window "$portal" "^Export$")
    [ -n "$dialog" ] || { echo "FAIL: the save dialog did not appear" >&2; return 1; }
    # Let it settle and take the focus.
    sleep 1.5
    xdotool windowfocus --sync "$dialog" 2>/dev/null || true
    echo "$dialog"
}

# wait_file FILE: waits up to 10 s for FILE to be written.
wait_file() {
    for _ in $(seq 50); do [ -s "$1" ] && return 0; sleep 0.2; done
    echo "FAIL: nothing was written to $1"; cat "$work/app.log"; return 1
}

dialog=$(find_dialog) || { cat "$work/app.log"; exit 1; }
echo "the GTK save dialog is window $dialog"
# Select the suggested name, replace it with the full path, and accept.
xdotool key --window "$dialog" ctrl+a
xdotool type --window "$dialog" --delay 20 "$target"
sleep 0.5
xdotool key --window "$dialog" Return
wait_file "$target"
head -n 2 "$target"
expected=$("$bin" export --section probiotics-vs-prebiotics -o -)
if [ "$(cat "$target")" != "$expected" ]; then
    echo "FAIL: the file differs from the CLI export"; diff <(echo "$expected") "$target" | head; exit 1
fi

# Again, typing a name with no extension and picking "Markdown" in the dialog's file-type
# list: the export is Markdown, and its name gets the .md extension.
sleep 1
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key --window "$win" ctrl+s
dialog=$(find_dialog) || { cat "$work/app.log"; exit 1; }
xdotool key --window "$dialog" ctrl+a
xdotool type --window "$dialog" --delay 20 "$work/out/chosen"
eval "$(xdotool getwindowgeometry --shell "$dialog")"
# click X Y: a slow click at X,Y in the dialog, as GTK wants it under Xvfb.
click() {
    xdotool mousemove --window "$dialog" "$1" "$2"
    sleep 0.3
    xdotool mousedown 1
    sleep 0.2
    xdotool mouseup 1
    sleep 0.8
}
# The file-type list sits at the bottom right, above Cancel and Save.
click $((WIDTH - 60)) $((HEIGHT - 70))
xdotool key Down
sleep 0.3
xdotool key Return
sleep 0.5
import -window root "$work/filter.png"
click $((WIDTH - 50)) $((HEIGHT - 24))
wait_file "$work/out/chosen.md" || { cp "$work/filter.png" "${TMPDIR:-/tmp}/export-dialog-filter.png"; ls "$work/out"; exit 1; }
expected=$("$bin" export --section probiotics-vs-prebiotics --format md -o -)
if [ "$(cat "$work/out/chosen.md")" != "$expected" ]; then
    echo "FAIL: the Markdown pick did not write Markdown"; head -n 3 "$work/out/chosen.md"; exit 1
fi
echo "the Markdown file type picked in the dialog wrote chosen.md as Markdown"
if grep -q "trying rfd" "$work/app.log"; then
    echo "FAIL: the portal's own save dialog was not used"; cat "$work/app.log"; exit 1
fi
leftovers=$(find "$work/out" -name '.gut-skin-viewer-*' | wc -l)
[ "$leftovers" -eq 0 ] || { echo "FAIL: temporary files left behind"; exit 1; }
xdotool key --window "$win" ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
echo "export through the real save dialog passed"
