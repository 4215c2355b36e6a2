#!/usr/bin/env bash
# No saved value can stop the app: eframe's own store (app.ron) with a zoom factor of 1e30,
# -3 or NaN, a window far off the screen or larger than it, or a file that is not RON at all;
# each time the window opens, on the screen, and the message names the file. --fresh too.
#
#   bash scripts/bad-state-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
source scripts/lib/desktop.sh
begin_test "${1:-}" 1400x900x24
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus"
store="$XDG_DATA_HOME/gut-skin-viewer/app.ron"

# A real store to spoil: what one ordinary run leaves.
"$bin" >"$work/seed.log" 2>&1 &
app=$!
[ -n "$(window_of "$app")" ] || { echo "FAIL: no window"; cat "$work/seed.log"; exit 1; }
sleep 1
kill -TERM "$app"; wait "$app"; app=""
cp "$store" "$work/good.ron"
grep -q 'zoom_factor:1.0' "$work/good.ron" || { echo "FAIL: no zoom factor in the store"; exit 1; }

# try NAME SED-EXPRESSION [ARGS]: spoils the store, starts the app, checks that it runs with
# its window on the screen and that anything it printed names the file.
try() {
    local name=$1 expr=$2
    shift 2
    sed "$expr" "$work/good.ron" >"$store"
    if [ "$name" = "not RON" ]; then echo '{"window": (((' >"$store"; fi
    "$bin" "$@" >"$work/app.log" 2>&1 &
    app=$!
    local win
    win=$(window_of "$app")
    [ -n "$win" ] || { echo "FAIL ($name): no window"; cat "$work/app.log"; exit 1; }
    sleep 1.5
    kill -0 "$app" 2>/dev/null || { echo "FAIL ($name): the app died"; cat "$work/app.log"; exit 1; }
    eval "$(xdotool getwindowgeometry --shell "$win")"
    local vis_w=$(( (X + WIDTH < 1400 ? X + WIDTH : 1400) - (X > 0 ? X : 0) ))
    local vis_h=$(( (Y + HEIGHT < 900 ? Y + HEIGHT : 900) - (Y > 0 ? Y : 0) ))
    echo "$name: window at $X,$Y size ${WIDTH}x$HEIGHT; $(head -c 300 "$work/app.log" | tr '\n' ' ')"
    [ "$vis_w" -ge $(( WIDTH * 9 / 10 )) ] && [ "$vis_h" -ge $(( HEIGHT * 9 / 10 )) ] \
        || { echo "FAIL ($name): the window is not on the screen"; exit 1; }
    if [ -s "$work/app.log" ] && ! grep -q "app.ron" "$work/app.log"; then
        echo "FAIL ($name): the message does not name the file"; exit 1
    fi
    kill -TERM "$app"; wait "$app"; app=""
}

try "zoom 1e30" 's/zoom_factor:1.0/zoom_factor:1e30/'
try "zoom -3" 's/zoom_factor:1.0/zoom_factor:-3.0/'
try "zoom NaN" 's/zoom_factor:1.0/zoom_factor:NaN/'
try "zoom NaN, --fresh" 's/zoom_factor:1.0/zoom_factor:NaN/' --fresh
try "off screen" 's/outer_position_pixels:Some((x:[^,]*,y:[^)]*))/outer_position_pixels:Some((x:3000.0,y:2000.0))/'
try "too big" 's/inner_size_points:(x:[^,]*,y:[^)]*)/inner_size_points:(x:5000.0,y:4000.0)/'
try "NaN size" 's/inner_size_points:(x:[^,]*,y:[^)]*)/inner_size_points:(x:NaN,y:1e30)/'
try "not RON" 's/x/x/'
[ -f "$store.bad" ] || { echo "FAIL: the unreadable store was not kept as app.ron.bad"; exit 1; }
echo "PASS: spoiled eframe state never stops the app, and the window stays on the screen"
