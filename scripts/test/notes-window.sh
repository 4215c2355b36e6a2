#!/usr/bin/env bash
# Highlights in the real window under Xvfb, as a reader makes them: drag over a phrase of
# section 2 with the mouse (xdotool), press Ctrl+H; double-click a word, press Ctrl+Shift+H and
# type a note; quit. Then `notes list` must show that phrase and that word with its note, read
# from the notes file the window wrote.
# Usage: scripts/notes-window-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
bin=$(realpath "${1:-target/release/gut-skin-viewer}")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/x11.sh"
work=$(mktemp -d)
trap 'stop_xvfb; kill "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
start_xvfb "$work/xvfb.log" 1280x820x24
"$bin" --fresh --section gut-health-and-skin-conditions >"$work/app.log" 2>&1 &
app=$!
win=$(wait_window "$app")
[ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
xdotool windowmove --sync "$win" 0 0 || true
xdotool windowsize --sync "$win" 1280 820
xdotool windowfocus --sync "$win"
sleep 1
# The first paragraph's second line starts "most persistent skin conditions, from acne".
xdotool mousemove 286 212 mousedown 1
sleep 0.2
xdotool mousemove 420 213
sleep 0.1
xdotool mousemove 585 213
sleep 0.2
xdotool mouseup 1
sleep 0.3
xdotool key ctrl+h
sleep 0.3
# The entry term "Psoriasis": a double-click selects the word.
xdotool mousemove 316 370 click --repeat 2 --delay 80 1
sleep 0.3
xdotool key ctrl+shift+h
sleep 0.5
xdotool type --delay 15 "Ask about this"
xdotool key ctrl+Return
sleep 0.3
import -window root "$work/shot.png" || true
xdotool key ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
list=$("$bin" notes list)
echo "$list"
section=gut-health-and-skin-conditions
echo "$list" | grep -q "^$section	yellow	most persistent skin conditions" \
    || { echo "FAIL: the dragged phrase is not listed"; cat "$work/app.log"; exit 1; }
echo "$list" | grep -q "^$section	yellow	Psoriasis	Ask about this$" \
    || { echo "FAIL: the double-clicked word and its note are not listed"; exit 1; }
# The quote is the article's own text.
quote=$(echo "$list" | head -n 1 | cut -f 3)
"$bin" export --section "$section" --width 0 | tr '\n' ' ' | grep -qF "$quote" \
    || { echo "FAIL: the quote \"$quote\" is not in the section's text"; exit 1; }
[ "$(echo "$list" | wc -l)" -eq 2 ] || { echo "FAIL: expected 2 highlights"; exit 1; }
echo "ok: highlights made in the real window are in the notes file"
