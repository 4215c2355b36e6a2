# Shared by the desktop-integration tests: an Xvfb on a free display, finding the window of a
# process, and reading screenshot pixels. Source it; begin_test sets the EXIT trap.

# The Xvfb on a free display (start_xvfb, stop_xvfb) comes from x11-helpers.sh.
. "$(dirname "${BASH_SOURCE[0]}")/x11.sh"

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

# begin_test [BINARY] [SCREEN]: sets $bin (absolute; target/release/gut-skin-viewer by
# default) and $work (a scratch folder), starts an Xvfb (SCREEN as WxHxD; x11-helpers' default
# if empty) and points XDG_DATA_HOME into $work; on exit, ends the app in $app and the Xvfb,
# and removes $work.
begin_test() {
    bin=$(realpath "${1:-target/release/gut-skin-viewer}")
    work=$(mktemp -d)
    app="" XVFB_PID=""
    trap end_test EXIT
    start_xvfb "$work/xvfb.log" ${2:-}
    export XDG_DATA_HOME="$work/data"
}

end_test() {
    if [ -n "$app" ]; then kill -KILL "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    stop_xvfb
    rm -rf "$work"
}
