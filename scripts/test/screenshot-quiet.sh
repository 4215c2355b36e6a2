#!/usr/bin/env bash
# A clean `--screenshot` run prints nothing at all on stderr, with or without saved state,
# and leaves the saved state alone.
#
#   bash scripts/screenshot-quiet-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
source scripts/lib/desktop.sh
begin_test "${1:-}"
for run in first again; do
    code=0
    "$bin" --screenshot "$work/$run.png" 2>"$work/err" || code=$?
    [ "$code" -eq 0 ] && [ -s "$work/$run.png" ] || { echo "FAIL: exit $code"; cat "$work/err"; exit 1; }
    if [ -s "$work/err" ]; then echo "FAIL: the $run run printed on stderr:"; cat "$work/err"; exit 1; fi
done
[ ! -e "$XDG_DATA_HOME/gut-skin-viewer/state.ron" ] || { echo "FAIL: a screenshot run saved state"; exit 1; }
echo "PASS: --screenshot is quiet"
