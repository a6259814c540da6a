#!/usr/bin/env bash
# The main job at a company's scale (issue 14), whole process, with peak RSS:
#   1M users:  refnet analyze events.csv.gz (build included)
#   10M users: refnet build events.csv.gz -o net.refnet; refnet analyze net.refnet
# beside the physical references of the same run: zcat of the log, and a plain
# sequential read of the snapshot. Medians of RUNS (default 3) for the 1M case,
# one run of each 10M step (minutes each; RUNS10 to repeat).
#
#   bash bench/scale_bench.sh BUILD [DATA_DIR] [RUNS]
# DATA_DIR keeps the generated logs between runs (default /tmp/refnet-scale);
# they are made with `refnet gen --users N --seed 7` when missing.
set -euo pipefail
build=${1:?usage: scale_bench.sh BUILD [DATA_DIR] [RUNS]}
data=${2:-/tmp/refnet-scale}
runs=${3:-3}
runs10=${RUNS10:-1}
refnet="$build/refnet"
mkdir -p "$data"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

gen() {  # users file
  [ -s "$2" ] || "$refnet" gen --users "$1" --seed 7 -o "$2" -q > "$scratch/gen.json"
}

# Runs a command under /usr/bin/time; prints "seconds peak_KiB".
measure() {
  /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" > "$scratch/out" 2> "$scratch/err" || {
    echo "failed: $*" >&2
    cat "$scratch/err" >&2
    return 1
  }
  cat "$scratch/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "# scale_bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB;" \
     "load average $(cut -d' ' -f1 /proc/loadavg)"
u1m="$data/u1m.csv.gz"
u10m="$data/u10m.csv.gz"
gen 1000000 "$u1m"
gen 10000000 "$u10m"

echo
echo "| step | whole process (s) | peak RSS (MiB) |"
echo "|---|---|---|"
times=()
peak=0
for _ in $(seq "$runs"); do
  read -r s kb < <(measure "$refnet" analyze "$u1m" -q -o "$scratch/a1m.json")
  times+=("$s")
  peak=$(( kb > peak ? kb : peak ))
done
echo "| 1M users: analyze events.csv.gz (median of $runs) | $(printf '%s\n' "${times[@]}" | median) | $((peak / 1024)) |"
cp "$scratch/a1m.json" "$data/a1m.json"

for _ in $(seq "$runs10"); do
  read -r s kb < <(measure sh -c "zcat '$u10m' > '$scratch/plain.csv'")
  echo "| 10M users: zcat of the log ($(du -m "$u10m" | cut -f1) MB gzip) | $s | $((kb / 1024)) |"
  rm -f "$scratch/plain.csv"
  read -r s kb < <(measure "$refnet" build "$u10m" -o "$data/u10m.refnet" -q --report "$scratch/b.json")
  echo "| 10M users: build | $s | $((kb / 1024)) |"
  cp "$scratch/b.json" "$data/b10m.json"
  read -r s kb < <(measure sh -c "cat '$data/u10m.refnet' > '$scratch/copy'")
  echo "| 10M users: sequential read of the snapshot ($(du -m "$data/u10m.refnet" | cut -f1) MB) | $s | $((kb / 1024)) |"
  rm -f "$scratch/copy"
  read -r s kb < <(measure "$refnet" analyze "$data/u10m.refnet" -q -o "$scratch/a10m.json")
  echo "| 10M users: analyze the snapshot | $s | $((kb / 1024)) |"
  cp "$scratch/a10m.json" "$data/a10m.json"
done
echo
echo "Phase timings of the last runs: $data/b10m.json, $data/a10m.json (envelope timings)."
