#!/usr/bin/env bash
# Start-up, memory and idle cost of the reader in a real window (Xvfb, Mesa), against a bare
# eframe window with the same features built in the same run (examples/bare_window.rs).
#
#   bash scripts/bench-window.sh [RUNS]
#
# Time to first frame: from just before exec until the end of the second frame, when the first
# has been painted (GSV_EXIT_AFTER_FRAMES=2, GSV_LAUNCH_NS); the process then exits, and its
# ru_maxrss is the peak RSS.
# Idle: frames painted and CPU seconds used over 3 seconds with no input, after 2 s to settle.
# The start-up runs of the two sides alternate.
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
runs=${1:-7}
cargo build --release --quiet --bin gut-skin-viewer --example bare_window
app=target/release/gut-skin-viewer
bare=target/release/examples/bare_window

if [ -z "${DISPLAY:-}" ]; then
    . "$(dirname "$0")/../lib/x11.sh"
    start_xvfb /dev/null
    trap stop_xvfb EXIT
fi
export XDG_DATA_HOME=$(mktemp -d)

python3 - "$runs" "$bare" "$app" <<'PY'
import os, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1])
targets = {"bare window": [sys.argv[2]], "gut-skin-viewer": [sys.argv[3], "--fresh"]}

def startup(cmd):
    env = dict(os.environ, GSV_EXIT_AFTER_FRAMES="2", RUST_LOG="error")
    err = tempfile.TemporaryFile()
    env["GSV_LAUNCH_NS"] = str(time.time_ns())
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{cmd[0]} exited with status {status}")
    err.seek(0)
    lines = [l for l in err.read().decode().splitlines() if l.startswith("first-frames-ms: ")]
    if not lines:
        sys.exit(f"{cmd[0]} did not report its first frame")
    return float(lines[0].split()[1]), usage.ru_maxrss / 1024.0

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def idle(cmd):
    log = tempfile.NamedTemporaryFile(delete=False).name
    env = dict(os.environ, GSV_FRAME_LOG=log, RUST_LOG="error")
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)
    frames0, cpu0 = int(open(log).read() or 0), cpu_seconds(p.pid)
    time.sleep(3.0)
    frames1, cpu1 = int(open(log).read() or 0), cpu_seconds(p.pid)
    p.terminate(); p.wait()
    os.unlink(log)
    return frames1 - frames0, cpu1 - cpu0

results = {name: {} for name in targets}
samples = {name: [] for name in targets}
for cmd in targets.values():
    startup(cmd)  # warm the page cache
# Alternate the two sides, run by run, so that drift on this machine falls on both alike.
for _ in range(runs):
    for name, cmd in targets.items():
        samples[name].append(startup(cmd))
for name, cmd in targets.items():
    frames, cpu = idle(cmd)
    results[name] = {
        "first_frame_ms": statistics.median(s[0] for s in samples[name]),
        "peak_rss_mib": statistics.median(s[1] for s in samples[name]),
        "idle_frames": frames,
        "idle_cpu_s": cpu,
    }

base, app = results["bare window"], results["gut-skin-viewer"]
print(f"runs: {runs} each, medians")
print(f"{'measure':<22}{'bare window':>14}{'gut-skin-viewer':>18}{'ratio':>9}")
for key, label in [("first_frame_ms", "time to first frame ms"), ("peak_rss_mib", "peak RSS MiB")]:
    print(f"{label:<22}{base[key]:>14.1f}{app[key]:>18.1f}{app[key] / base[key]:>9.3f}")
print(f"{'idle frames in 3 s':<22}{base['idle_frames']:>14}{app['idle_frames']:>18}")
print(f"{'idle CPU s in 3 s':<22}{base['idle_cpu_s']:>14.2f}{app['idle_cpu_s']:>18.2f}")
PY
