# Gives a test run a world of its own: a fresh HOME and XDG_RUNTIME_DIR (and the XDG folders
# under that HOME), so that two runs on one machine, such as CI beside a developer's run, never
# share a bus socket, a dconf database or a cache, and no run depends on what an earlier one
# left behind. Source it first thing in a script: the script runs again as a child inside the
# new world, and the world is removed when that child exits. CARGO_HOME and RUSTUP_HOME keep
# pointing at the toolchain.
if [ -z "${GSV_WORLD:-}" ]; then
    export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
    GSV_WORLD=$(mktemp -d "${TMPDIR:-/tmp}/gsv-world.XXXXXX")
    mkdir -p "$GSV_WORLD/home/.config" "$GSV_WORLD/home/.local/share" "$GSV_WORLD/home/.cache"
    mkdir -m 700 "$GSV_WORLD/run"
    # A desktop's own buses and accessibility settings must not leak in.
    world_status=0
    env -u DBUS_SESSION_BUS_ADDRESS -u AT_SPI_BUS_ADDRESS -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
        -u XDG_CACHE_HOME -u XDG_STATE_HOME \
        GSV_WORLD="$GSV_WORLD" HOME="$GSV_WORLD/home" XDG_RUNTIME_DIR="$GSV_WORLD/run" \
        bash "$(realpath "$0")" "$@" || world_status=$?
    rm -rf "$GSV_WORLD" 2>/dev/null || true
    exit "$world_status"
fi
