#!/usr/bin/env bash
# Where start-up time goes: runs each command RUNS times, alternating, with GSV_PHASES set, and
# prints the median time after launch of every phase it reports (see `window::phase`), and of
# the end of the second frame (END, what bench-window.sh reports as time to first frame).
#
#   bash scripts/startup-phases.sh RUNS COMMAND...     (a COMMAND may start with VAR=value)
#   bash scripts/startup-phases.sh 11 target/release/examples/bare_window \
#       "target/release/gut-skin-viewer --fresh"
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
if [ -z "${DISPLAY:-}" ]; then
    . scripts/lib/x11.sh
    start_xvfb /dev/null
    trap stop_xvfb EXIT
fi
export XDG_DATA_HOME=$(mktemp -d)
python3 - "$@" <<'PY'
import os, statistics, subprocess, sys, time, collections
runs=int(sys.argv[1]); bins=sys.argv[2:]
res={b:collections.defaultdict(list) for b in bins}
def one(b):
    cmd=b.split(); extra={}
    while cmd and "=" in cmd[0]:
        k,v=cmd.pop(0).split("=",1); extra[k]=v
    env=dict(os.environ, GSV_EXIT_AFTER_FRAMES="2", RUST_LOG="error", GSV_PHASES="1", **extra)
    env["GSV_LAUNCH_NS"]=str(time.time_ns())
    p=subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen=collections.Counter()
    for l in p.stderr.decode().splitlines():
        if l.startswith("phase "):
            name,v=l[6:].rsplit(": ",1); seen[name]+=1
            res[b][f"{name}#{seen[name]}"].append(float(v))
        elif l.startswith("first-frames-ms"):
            res[b]["END"].append(float(l.split()[1]))
for b in bins: one(b)
for i in range(runs):
    for b in bins: one(b)
for b in bins:
    print(b)
    if b != bins[0] and len(res[b]["END"]) == len(res[bins[0]]["END"]):
        paired = [x / y for x, y in zip(res[b]["END"], res[bins[0]]["END"])]
        print(f"  {'END / first command, median of rounds':40s} {statistics.median(paired):.3f}")
    for k,v in sorted(res[b].items(), key=lambda kv: statistics.median(kv[1])):
        print(f"  {k:24s} {statistics.median(v):8.2f}")
PY
