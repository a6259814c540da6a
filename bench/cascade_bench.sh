#!/usr/bin/env bash
# Cascade targets: all metrics for a generated 10M-user log under 15 s on 2
# cores; Higgs activity (563k events) to a cascade report under 2 s (whole
# process); structural virality of one 1M-node cascade under 0.2 s.
#
#   bash bench/cascade_bench.sh BUILD_DIR [USERS] [RUNS]
#
# Prints the median of RUNS runs of each. The 10M-user log and its snapshot are
# made once under $BENCH_TMP (shared with tiers_bench.sh).
set -euo pipefail
build=${1:-build}
users=${2:-10000000}
runs=${3:-5}
tmp=${BENCH_TMP:-/tmp/refnet-bench}
refnet="$build/refnet"
mkdir -p "$tmp"
median() { /usr/bin/python3 -c 'import statistics,sys; print(f"{statistics.median(float(l) for l in sys.stdin if l.strip()):.3f}")'; }
phase() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['timings']['$1'])"; }

log="$tmp/events-$users.csv.gz"
snap="$tmp/events-$users.refnet"
[ -f "$log" ] || "$refnet" gen --users "$users" --seed 1 -o "$log" --quiet
[ -f "$snap" ] || "$refnet" build "$log" -o "$snap" --quiet > /dev/null
echo "log of $users users, cascades phase (s): $(for i in $(seq "$runs"); do "$refnet" cascade "$snap" --quiet --threads 2 | phase cascades; done | median)"

higgs=${HIGGS:-../shared/datasets/higgs-twitter/higgs-activity_time.txt.gz}
if [ -f "$higgs" ]; then
  echo "Higgs activity to cascade report, whole process (s): $(for i in $(seq "$runs"); do
    /usr/bin/python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(time.perf_counter()-t)' \
      "$refnet" cascade "$higgs" --quiet --threads 2; done | median)"
fi

one="$tmp/one-cascade-1m.txt"
[ -f "$one" ] || /usr/bin/python3 -c 'import sys; sys.stdout.write(",".join(f"u{i} {i}" for i in range(1000000)) + "\n")' > "$one"
for rule in root previous; do
  echo "one 1M-node cascade ($rule), cascades phase (s): $(for i in $(seq "$runs"); do "$refnet" cascade "$one" --parent "$rule" --quiet --threads 2 | phase cascades; done | median)"
done
