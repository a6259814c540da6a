#!/usr/bin/env bash
# Runs every command on the demo log and on soc-Epinions1 (when ../shared is
# there) and prints one line per run: the sha256 of its `result` (timings and
# the envelope left out; PageRank's kernel_seconds, a timing, too). Two builds that print the same lines give the same
# results; used to show that a refactoring changed no behaviour.
#   bash scripts/result_digest.sh BUILD_DIR > digest.txt
set -euo pipefail
build=${1:?usage: result_digest.sh BUILD_DIR}
refnet="$build/refnet"
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

digest() {  # name, command...
  local name=$1; shift
  if "$@" > "$work/out" 2> "$work/err"; then
    printf '%-28s %s\n' "$name" "$(jq -S -c '.result | del(.. | .kernel_seconds?)' "$work/out" | sha256sum | cut -c1-16)"
  else
    printf '%-28s exit %s: %s\n' "$name" "$?" "$(head -c 200 "$work/err")"
  fi
}
raw_digest() {  # name, command... (outputs that are not JSON envelopes)
  local name=$1; shift
  "$@" > "$work/out" 2> "$work/err" || true
  printf '%-28s %s\n' "$name" "$(sed "s#$work#WORK#g" "$work/out" | sha256sum | cut -c1-16)"
}

run_set() {  # label, input
  local l=$1 in=$2
  "$refnet" build "$in" -o "$work/$l.refnet" --quiet > "$work/build.json"
  printf '%-28s %s\n' "$l.build" "$(jq -S -c '.result' "$work/build.json" | sha256sum | cut -c1-16)"
  local net="$work/$l.refnet"
  digest "$l.info" "$refnet" info "$net" -q
  digest "$l.reach" "$refnet" reach "$net" --hops 2 -q
  digest "$l.reach.all" "$refnet" reach "$net" --hops 3 --all-ties -q
  digest "$l.reach.approx" "$refnet" reach "$net" --approx --hops 3 -q
  digest "$l.prospects" "$refnet" prospects "$net" -q
  digest "$l.seeds" "$refnet" seeds "$net" -k 10 -q
  digest "$l.seeds.opimc" "$refnet" seeds "$net" -k 10 --algorithm opim-c -q
  digest "$l.centrality.pr" "$refnet" centrality "$net" --measure pagerank -q
  digest "$l.centrality.kcore" "$refnet" centrality "$net" --measure kcore -q
  digest "$l.centrality.bc" "$refnet" centrality "$net" --measure betweenness --samples 64 -q
  digest "$l.community" "$refnet" community "$net" -q
  digest "$l.rank" "$refnet" rank "$net" -q
  digest "$l.analyze" "$refnet" analyze "$net" -q
  for to in nodelink cytoscape gexf graphml; do
    raw_digest "$l.export.$to" "$refnet" export "$net" --to $to -q
  done
}

run_set demo "$root/datasets/demo/events.csv.gz"
net="$work/demo.refnet"
digest demo.tiers "$refnet" tiers "$net" -q
digest demo.tiers.at "$refnet" tiers "$net" --at 2023-06-30 --transitions -q
digest demo.cascade "$refnet" cascade "$net" -q
digest demo.spread "$refnet" spread "$net" --seeds u000497,u018660 --runs 2000 -q
"$refnet" gen --users 3000 --seed 5 -o "$work/gen.csv.gz" -q > "$work/gen.json"
printf '%-28s %s\n' demo.gen "$(sha256sum < "$work/gen.csv.gz" | cut -c1-16)"
"$refnet" gen --rmat 10 --seed 5 -o "$work/rmat.txt" -q > "$work/gen.json"
printf '%-28s %s\n' demo.rmat "$(sha256sum < "$work/rmat.txt" | cut -c1-16)"
for f in csv table; do
  raw_digest "demo.tiers.$f" "$refnet" tiers "$net" --format $f -q
  raw_digest "demo.rank.$f" "$refnet" rank "$net" --format $f -q
  raw_digest "demo.seeds.$f" "$refnet" seeds "$net" -k 5 --format $f -q
  raw_digest "demo.centrality.$f" "$refnet" centrality "$net" --format $f -q
done
raw_digest demo.analyze.table "$refnet" analyze "$net" --format table -q
raw_digest demo.info.table "$refnet" info "$net" --format table -q
raw_digest demo.cascade.table "$refnet" cascade "$net" --format table -q
epinions="$root/../shared/datasets/soc-Epinions1/soc-Epinions1.edgelist.txt"
if [ -f "$epinions" ]; then
  run_set epinions "$epinions"
  digest epinions.spread "$refnet" spread "$work/epinions.refnet" --seeds 18,645 --runs 2000 -q
else
  echo "soc-Epinions1 absent: skipped" >&2
fi
