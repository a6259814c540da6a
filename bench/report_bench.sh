#!/usr/bin/env bash
# The HTML report's targets (issue 18): the demo report builds in under 2 s and opens
# (load event) in under 2 s in headless Chromium; a 1M-user report is under 20 MB and
# opens in under 5 s.
#
#   bash bench/report_bench.sh BUILD_DIR [USERS] [RUNS] [BIG_RUNS]
#
# For the demo log and for a generated log of USERS users (default 1,000,000; refnet gen
# --seed 7, made once under $BENCH_TMP, default /tmp/refnet-bench, with its snapshot):
# the wall time of `refnet report SNAPSHOT` (RUNS runs for the demo, default 5, BIG_RUNS for
# the large log, default 1; median; the analysis of `refnet analyze` included, as a user
# waits for it), the file's size, and the load event in headless Chromium
# (bench/report_load.mjs, median of 5 openings).
set -euo pipefail
build=${1:-build}
users=${2:-1000000}
demo_runs=${3:-5}
big_runs=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
tmp=${BENCH_TMP:-/tmp/refnet-bench}
mkdir -p "$tmp"
refnet="$build/refnet"
demo_snap="$tmp/demo.refnet"
log="$tmp/events-$users-seed7.csv.gz"
snap="$tmp/events-$users-seed7.refnet"
# A snapshot this refnet cannot read (one of an older format) is built again.
readable() { [ -f "$1" ] && "$refnet" info "$1" --quiet > /dev/null 2>&1; }
readable "$demo_snap" || "$refnet" build "$src/datasets/demo/events.csv.gz" -o "$demo_snap" --quiet > /dev/null
[ -f "$log" ] || "$refnet" gen --users "$users" --seed 7 -o "$log" --quiet
readable "$snap" || "$refnet" build "$log" -o "$snap" --quiet > /dev/null

measure() {  # name snapshot runs
  local name=$1 input=$2 runs=$3 out="$tmp/report-$1.html"
  for i in $(seq "$runs"); do
    /usr/bin/python3 - "$refnet" "$input" "$out" <<'PY'
import subprocess, sys, time
t = time.monotonic()
subprocess.run([sys.argv[1], "report", sys.argv[2], "-q", "-o", sys.argv[3]], check=True)
print(time.monotonic() - t)
PY
  done | /usr/bin/python3 -c '
import statistics, sys
t = [float(l) for l in sys.stdin if l.strip()]
print(f"report_s runs={len(t)} " + " ".join(f"{x:.2f}" for x in t) + f" median={statistics.median(t):.2f}")'
  echo "size_mb $(/usr/bin/python3 -c "import os; print(f'{os.path.getsize(\"$out\") / 1e6:.2f}')")"
  node "$here/report_load.mjs" "$out" 5
}
echo "== demo ($demo_snap)"
measure demo "$demo_snap" "$demo_runs"
echo "== $users users ($snap)"
measure "$users" "$snap" "$big_runs"
