#!/usr/bin/env bash
# Time travel on a snapshot (issue 16), whole process, medians of RUNS
# (default 5), interleaved:
#   tiers NET                         the reference: the snapshot's own date
#   tiers NET --at T                  the networks rebuilt from the events <= T
#   compare NET --at T --vs END       two dates, every move
#   compare ... --no-reach            the same without the two reach distributions
# T is DAYS (default 182, the middle of a generated 365-day log) before the snapshot's analysis time. Targets: tiers
# --at within 1.5x of tiers; compare within 3x of tiers.
#
#   bash bench/time_bench.sh BUILD NET [RUNS] [DAYS]
set -euo pipefail
build=${1:?usage: time_bench.sh BUILD NET [RUNS] [DAYS]}
net=${2:?usage: time_bench.sh BUILD NET [RUNS] [DAYS]}
runs=${3:-5}
days=${4:-182}
refnet="$build/refnet"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

end=$("$refnet" info "$net" -q | /usr/bin/python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["build"]["analysis_time"]))')
at=$((end - days * 86400))

measure() {  # name command...: appends "seconds peak_KiB" to $scratch/name
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" -q -o "$scratch/out.json" 2> "$scratch/err" || {
    echo "failed: $*" >&2; cat "$scratch/err" >&2; return 1; }
  cat "$scratch/time" >> "$scratch/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "# time_bench $(date -u +%Y-%m-%dT%H:%MZ) $net ($(du -m "$net" | cut -f1) MB) on $(nproc) cores;" \
     "load average $(cut -d' ' -f1 /proc/loadavg); T = end - $days days"
for _ in $(seq "$runs"); do
  measure tiers "$refnet" tiers "$net" --no-users
  measure tiers_at "$refnet" tiers "$net" --no-users --at "$at"
  measure compare "$refnet" compare "$net" --at "$at" --vs "$end"
  measure compare_no_reach "$refnet" compare "$net" --at "$at" --vs "$end" --no-reach
done
base=$(cut -d' ' -f1 "$scratch/tiers" | median)
echo
echo "| command | whole process (s, median of $runs) | x tiers | peak RSS (MiB) | target |"
echo "|---|---:|---:|---:|---|"
row() {  # name label target
  local m peak
  m=$(cut -d' ' -f1 "$scratch/$1" | median)
  peak=$(cut -d' ' -f2 "$scratch/$1" | sort -n | tail -1)
  echo "| $2 | $m | $(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}') | $((peak / 1024)) | $3 |"
}
row tiers "tiers NET" ""
row tiers_at "tiers NET --at T" "<= 1.5x"
row compare "compare NET --at T --vs END" "<= 3x"
row compare_no_reach "compare NET --at T --vs END --no-reach" ""
