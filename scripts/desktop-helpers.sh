# Shared by the desktop-integration tests: an Xvfb on a free display, finding the window of a
# process, and reading screenshot pixels. Source it; it sets no traps of its own.

# xvfb_start LOGFILE [SIZE]: starts Xvfb on a display it picks itself (-displayfd), waits until
# it answers, exports DISPLAY. Sets XVFB_PID.
xvfb_start() {
    local fdfile
    fdfile=$(mktemp)
    Xvfb -displayfd 3 -noreset -screen 0 "${2:-1400x900x24}" 3>"$fdfile" >"$1" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 100); do [ -s "$fdfile" ] && break; sleep 0.1; done
    export DISPLAY=":$(head -n 1 "$fdfile")"
    rm -f "$fdfile"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "FAIL: Xvfb did not start"; return 1
}

# window_of PID: prints the id of the visible top-level window of PID, waiting up to 20 s.
window_of() {
    local win=""
    for _ in $(seq 100); do
        win=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | tail -n 1 || true)
        [ -n "$win" ] && break
        sleep 0.2
    done
    echo "$win"
}

# brightness FILE.png X Y W H: the mean brightness (0-100) of that part of the image.
brightness() {
    convert "$1" -crop "$4x$5+$2+$3" -colorspace Gray -format '%[fx:round(100*mean)]' info:
}

# root_brightness OUT.png X Y W H: screenshots the whole display and measures that part.
root_brightness() {
    import -window root "$1" && brightness "$@"
}

# begin_test [BINARY]: sets $bin (absolute; target/release/gut-skin-viewer by default) and
# $work (a scratch folder); on exit, ends the app in $app and the Xvfb in $XVFB_PID, and
# removes $work.
begin_test() {
    bin=$(realpath "${1:-target/release/gut-skin-viewer}")
    work=$(mktemp -d)
    app="" XVFB_PID=""
    trap end_test EXIT
}

end_test() {
    if [ -n "$app" ]; then kill -KILL "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    rm -rf "$work"
}
