#!/usr/bin/env bash
# Ingestion of event logs at scale (issue 14 item 1): `refnet build` of the
# 1M- and 10M-user generated logs, whole process and per phase (the
# envelope's timings: load.read, load.parse, load.intern, load.sort,
# load.networks, snapshot), peak RSS, at --threads 1 and 2; gzip through
# igzip and through zlib (REFNET_INFLATE), and zstd; beside it the inflate
# speed of each decoder alone (bench/inflate_probe.c) and `zcat`.
#
#   bash bench/ingest_bench.sh BUILD [DATA_DIR] [RUNS]
# DATA_DIR holds u1m.csv.gz and u10m.csv.gz (`refnet gen --users N --seed 7`,
# made when missing) and their .zst (made from them with `zstd -3`).
# Medians of RUNS (default 3) for 1M, one run of each 10M build (RUNS10).
# A run whose RSS passes RSS_LIMIT_KB (default 14 GiB) is killed. ONE and TEN
# choose the 1M and 10M cases (ext:decoder:threads), SKIP_PROBE=1 skips the
# decoder-alone table.
set -euo pipefail
build=${1:?usage: ingest_bench.sh BUILD [DATA_DIR] [RUNS]}
data=${2:-/tmp/refnet-scale}
runs=${3:-3}
runs10=${RUNS10:-1}
limit_kb=${RSS_LIMIT_KB:-14680064}
refnet="$build/refnet"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$data"

for n in 1000000:u1m 10000000:u10m; do
  users=${n%%:*} name=${n##*:}
  [ -s "$data/$name.csv.gz" ] || "$refnet" gen --users "$users" --seed 7 -o "$data/$name.csv.gz" -q > /dev/null
  [ -s "$data/$name.csv.zst" ] || zcat "$data/$name.csv.gz" | zstd -q -3 -o "$data/$name.csv.zst"
done
cc -O2 "$root/bench/inflate_probe.c" -lz -lisal -lzstd -o "$scratch/probe"

# Runs a command under /usr/bin/time, killed past the RSS limit; prints
# "wall_seconds peak_KiB cpu_seconds" (user + system: the robust figure on a shared machine).
measure() {
  /usr/bin/time -f "%e %M %U %S" -o "$scratch/time" "$@" > "$scratch/out" 2> "$scratch/err" &
  local pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    local rss=0
    for c in $(pgrep -P "$pid"); do
      local v
      v=$(awk '/VmRSS/{print $2}' "/proc/$c/status" 2> /dev/null || true)
      rss=$((rss + ${v:-0}))
    done
    if [ "$rss" -gt "$limit_kb" ]; then
      echo "killed: RSS ${rss} KiB over the limit: $*" >&2
      pkill -P "$pid" || true
    fi
    sleep 0.5
  done
  wait "$pid" || { echo "failed: $*" >&2; cat "$scratch/err" >&2; return 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$scratch/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
phases() {  # the build report's timings, one "name s" list
  jq -r '.timings | to_entries | map("\(.key) \(.value * 100 | round / 100)") | join(", ")' "$1"
}

echo "# ingest_bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB;" \
     "load average $(cut -d' ' -f1 /proc/loadavg) at the start"
echo
if [ -z "${SKIP_PROBE:-}" ]; then
echo "## Inflate speed, decoder alone (text MB/s = decompressed bytes / s)"
echo
echo "| input | decoder | wall (s) | CPU (s) | text MB/s of CPU |"
echo "|---|---|---|---|---|"
for name in u1m u10m; do
  for d in zlib igzip zstd; do
    f="$data/$name.csv.gz"; [ "$d" = zstd ] && f="$data/$name.csv.zst"
    read -r _ bytes s cpu < <("$scratch/probe" "$d" "$f")
    echo "| $name ($(du -mL "$f" | cut -f1) MB) | $d | $s | $cpu | $(awk -v b="$bytes" -v s="$cpu" 'BEGIN{printf "%.0f", b / 1e6 / s}') |"
  done
  read -r s _ cpu < <(measure sh -c "zcat '$data/$name.csv.gz' | wc -c")
  echo "| $name | zcat \| wc -c | $s | $cpu | |"
done
fi

echo
echo "## refnet build, whole process"
echo
echo "| input | decoder | threads | wall (s) | CPU (s) | peak RSS (MiB) | phases (s, wall, last run) | snapshot sha256 |"
echo "|---|---|---|---|---|---|---|---|"
one() {  # name ext inflate threads runs
  local times=() cpus=() peak=0 s kb cpu
  for _ in $(seq "$5"); do
    read -r s kb cpu < <(REFNET_INFLATE=$3 measure "$refnet" build "$data/$1.csv.$2" -o "$scratch/n.refnet" -q \
                       --threads "$4" --report "$scratch/b.json")
    times+=("$s")
    cpus+=("$cpu")
    peak=$((kb > peak ? kb : peak))
  done
  sha=$(sha256sum "$scratch/n.refnet" | cut -c1-16)
  echo "| $1.csv.$2 | ${3:-$2} | $4 | $(printf '%s\n' "${times[@]}" | median) | $(printf '%s\n' "${cpus[@]}" | median) | $((peak / 1024)) | $(phases "$scratch/b.json") | $sha |"
  rm -f "$scratch/n.refnet"
}
# ONE and TEN list the 1M and 10M cases (ext:decoder:threads), to fit a busy machine's time.
for c in ${ONE:-gz:igzip:2 gz:igzip:1 gz:zlib:2 zst::2}; do
  IFS=: read -r ext dec threads <<< "$c"
  one u1m "$ext" "$dec" "$threads" "$runs"
done
for c in ${TEN:-gz:igzip:2 gz:igzip:1 zst::2}; do
  IFS=: read -r ext dec threads <<< "$c"
  one u10m "$ext" "$dec" "$threads" "$runs10"
done
echo
echo "load average $(cut -d' ' -f1 /proc/loadavg) at the end"
