# Shared by the real-window scripts: an Xvfb display and waiting for a window. Source it.

# start_xvfb DISPLAY LOGFILE: starts Xvfb, waits until it answers, exports DISPLAY.
# Sets XVFB_PID.
start_xvfb() {
    Xvfb "$1" -screen 0 1400x900x24 >"$2" 2>&1 &
    XVFB_PID=$!
    export DISPLAY=$1
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "FAIL: Xvfb did not start"; return 1
}

# wait_window NAME: prints the id of the first window whose title matches NAME, waiting
# up to 20 s; prints nothing if none appears.
wait_window() {
    local win=""
    for _ in $(seq 100); do
        win=$(xdotool search --name "$1" 2>/dev/null | head -n 1 || true)
        [ -n "$win" ] && break
        sleep 0.2
    done
    echo "$win"
}
