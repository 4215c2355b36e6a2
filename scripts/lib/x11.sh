# Shared by the real-window scripts: an Xvfb display of our own and finding our windows.
# Source it. Nothing here uses a fixed display number or a window title alone, so that two
# runs on one machine never drive each other's windows.

# start_xvfb LOGFILE [WxHxD]: starts Xvfb on a display number it picks itself (-displayfd),
# waits until it answers, exports DISPLAY. Sets XVFB_PID. -noreset: without it the server
# resets when its last client (xdpyinfo) leaves, and a client connecting then can fail.
start_xvfb() {
    local numfile
    numfile=$(mktemp)
    Xvfb -displayfd 3 -noreset -screen 0 "${2:-1400x900x24}" 3>"$numfile" >"$1" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 100); do [ -s "$numfile" ] && break; sleep 0.1; done
    local n
    n=$(head -n 1 "$numfile")
    rm -f "$numfile"
    [ -n "$n" ] || { echo "FAIL: Xvfb did not start"; cat "$1"; return 1; }
    export DISPLAY=":$n"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "FAIL: Xvfb on $DISPLAY does not answer"; return 1
}

# stop_xvfb: stops the Xvfb that start_xvfb started and waits until it is gone, so that its
# last act (removing its socket) cannot remove the socket of a server started after it.
stop_xvfb() {
    [ -n "${XVFB_PID:-}" ] || return 0
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
}

# wait_window PID [NAME]: prints the id of the first window that process PID opened (whose
# title matches NAME, if given), waiting up to 20 s; prints nothing if none appears.
wait_window() {
    local win=""
    for _ in $(seq 100); do
        if [ -n "${2:-}" ]; then
            win=$(xdotool search --all --pid "$1" --name "$2" 2>/dev/null | head -n 1 || true)
        else
            win=$(xdotool search --pid "$1" 2>/dev/null | head -n 1 || true)
        fi
        [ -n "$win" ] && break
        sleep 0.2
    done
    echo "$win"
}

# bus_pid NAME: the PID of the process that owns NAME on the session bus.
bus_pid() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.GetConnectionUnixProcessID "string:$1" 2>/dev/null | awk '{print $2}' || true
}
