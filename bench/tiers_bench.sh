#!/usr/bin/env bash
# Trust tiers at scale (issue: tiers for a generated 10M-user log in under 10 s
# on 2 cores, and within 2x of the time it takes to read the snapshot).
#
#   bash bench/tiers_bench.sh BUILD_DIR [USERS] [RUNS]
#
# Generates the log (refnet gen, seed 1) and its snapshot once under
# $BENCH_TMP (default /tmp/refnet-bench), then runs `refnet tiers --no-users`
# RUNS times and prints the median of each phase: "load" (reading the snapshot,
# including the sha256 of the file for the JSON envelope) and "tiers".
set -euo pipefail
build=${1:-build}
users=${2:-10000000}
runs=${3:-5}
tmp=${BENCH_TMP:-/tmp/refnet-bench}
mkdir -p "$tmp"
refnet="$build/refnet"
log="$tmp/events-$users.csv.gz"
snap="$tmp/events-$users.refnet"
[ -f "$log" ] || "$refnet" gen --users "$users" --seed 1 -o "$log" --quiet
[ -f "$snap" ] || "$refnet" build "$log" -o "$snap" --quiet > /dev/null
for i in $(seq "$runs"); do
  "$refnet" tiers "$snap" --no-users --quiet --threads 2 | /usr/bin/python3 -c 'import json,sys; t=json.load(sys.stdin)["timings"]; print(t["load"], t["tiers"])'
done | /usr/bin/python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
load = statistics.median(r[0] for r in rows)
tiers = statistics.median(r[1] for r in rows)
print(f"users={'"$users"'} runs={len(rows)} load_median_s={load:.3f} tiers_median_s={tiers:.3f} tiers/load={tiers/load:.2f}")
'
