#!/usr/bin/env bash
# Seed corpora for the fuzz targets, made by refnet's own generator: small
# slices of a generated event log and of an R-MAT graph, turned into each
# input format, plus tiny snapshots built from them. Each seed starts with the
# options byte of fuzz/targets.hpp.
#   bash fuzz/make_corpus.sh REFNET_BINARY OUT_DIR
set -euo pipefail
refnet=${1:?usage: make_corpus.sh REFNET_BINARY OUT_DIR}
out=${2:?usage: make_corpus.sh REFNET_BINARY OUT_DIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$refnet" gen --users 400 --days 60 --seed 7 -o "$work/events.csv" -q
"$refnet" gen --rmat 7 --edge-factor 4 --seed 7 -o "$work/rmat.txt" -q
# A slice of the bundled demo log too (a different generator seed and size).
{ gzip -dc "$root/datasets/demo/events.csv.gz" || true; } | head -200 > "$work/demo.csv"

# seed TARGET NAME FLAGS FILE: the options byte for strict parsing in one
# block with the target's FLAGS, and again in 3-byte blocks, lenient.
seed() {
  local target=$1 name=$2 flags=$3 file=$4
  mkdir -p "$out/$target"
  { printf "\\$(printf '%03o' $((flags * 16 + 12)))"; cat "$file"; } > "$out/$target/$name"
  { printf "\\$(printf '%03o' $((flags * 16 + 5)))"; cat "$file"; } > "$out/$target/$name.small"
}

header=$(head -1 "$work/events.csv")
for i in 0 1 2 3; do
  { echo "$header"; sed -n "$((2 + i * 25)),$((26 + i * 25))p" "$work/events.csv"; } > "$work/csv$i"
  seed csv "slice$i" 0 "$work/csv$i"
  seed load "csv$i" 0 "$work/csv$i"
  # JSON Lines: the same rows as objects.
  awk -F, 'NR > 1 { printf "{\"type\":\"%s\",\"src\":\"%s\",\"dst\":\"%s\",\"ts\":%s,\"product\":\"%s\",\"amount\":%s,\"sentiment\":\"%s\",\"channel\":\"%s\"}\n", $1,$2,$3,$4,$5,($6==""?"null":$6),$7,$8 }' \
    "$work/csv$i" > "$work/jsonl$i"
  seed jsonl "slice$i" 0 "$work/jsonl$i"
  seed load "jsonl$i" 4 "$work/jsonl$i"
  # Higgs activity: a b ts RT|MT|RE, from the referral and share rows.
  awk -F, 'NR > 1 && $3 != "" { k = (NR % 3 == 0) ? "RT" : (NR % 3 == 1) ? "MT" : "RE"; print $2, $3, int($4), k }' \
    "$work/csv$i" > "$work/higgs$i"
  seed higgs "slice$i" 0 "$work/higgs$i"
  seed load "higgs$i" 0 "$work/higgs$i"
  # Cascades: one line per source user, its contacts with times.
  awk -F, 'NR > 1 && $3 != "" { line[$2] = line[$2] (line[$2] == "" ? "" : ",") $3 " " int($4) } END { for (u in line) print u " 0," line[u] }' \
    "$work/csv$i" | sort > "$work/cascades$i"
  seed cascades "slice$i" 0 "$work/cascades$i"
  seed load "cascades$i" 0 "$work/cascades$i"
done
{ head -1 "$work/demo.csv"; sed -n 2,40p "$work/demo.csv"; } > "$work/demo40"
seed csv demo 0 "$work/demo40"
tr ',' '\t' < "$work/demo40" > "$work/demo40.tsv"
seed csv demo-tsv 0 "$work/demo40.tsv"

for i in 0 1 2 3; do
  sed -n "$((1 + i * 40)),$((40 + i * 40))p" "$work/rmat.txt" > "$work/snap$i"
  seed snap "plain$i" 0 "$work/snap$i"
  seed load "snap$i" 0 "$work/snap$i"
  awk '{ print $1, $2, ($1 * 7 + $2) % 13 / 4 }' "$work/snap$i" > "$work/snapw$i"
  seed snap "weight$i" 1 "$work/snapw$i"
  awk '{ print $1, $2, 1600000000 + $1 * 1000 + $2 }' "$work/snap$i" > "$work/snapt$i"
  seed snap "time$i" 2 "$work/snapt$i"
  awk '{ print $1 "," $2 }' "$work/snap$i" > "$work/snapc$i"
  seed snap "comma$i" 4 "$work/snapc$i"
  { echo "# Undirected graph: a slice of R-MAT"; awk '{ printf "%s\t%s\r\n", $1, $2 }' "$work/snap$i"; } > "$work/snapcr$i"
  seed snap "crlf$i" 8 "$work/snapcr$i"
  # n m form: the header, then the edges (ids below n).
  { echo "128 $(wc -l < "$work/snap$i")"; cat "$work/snap$i"; } > "$work/nm$i"
  seed nm "slice$i" 0 "$work/nm$i"
  seed snap "nm$i" 8 "$work/nm$i"
  seed load "nm$i" 0 "$work/nm$i"
  # .inf: u v p with a weighted-cascade-like probability.
  awk '{ printf "%s %s %.6f\n", $1, $2, 1 / (1 + ($2 % 9)) }' "$work/snap$i" > "$work/inf$i"
  seed inf "slice$i" 0 "$work/inf$i"
  seed load "inf$i" 1 "$work/inf$i"
  # GML of the same edges.
  { echo 'Creator "refnet make_corpus"'; echo "graph ["; echo "  directed $((i % 2))";
    awk '{ print $1; print $2 }' "$work/snap$i" | sort -un | awk '{ printf "  node [ id %s label \"n%s\" club \"c%d\" ]\n", $1, $1, $1 % 3 }';
    awk '{ printf "  edge [ source %s target %s weight %d ]\n", $1, $2, 1 + $1 % 5 }' "$work/snap$i"; echo "]"; } > "$work/gml$i"
  seed gml "slice$i" 0 "$work/gml$i"
  seed load "gml$i" 2 "$work/gml$i"
  # Labels: node label rows.
  awk '{ print $1, "group" ($1 % 4) }' "$work/snap$i" | sort -u > "$work/labels$i"
  seed labels "slice$i" 0 "$work/labels$i"
done

# gzip: single members, and two members concatenated (read as one stream).
gzip -nc "$work/csv0" > "$work/gz0"
gzip -nc "$work/snap0" > "$work/gz1"
cat "$work/gz0" "$work/gz1" > "$work/gz2"
for k in 0 1 2; do
  seed gzip "member$k" 0 "$work/gz$k"
  seed load "gz$k" 3 "$work/gz$k"
done

# Snapshots of three small networks (no options byte: the whole input is the file).
mkdir -p "$out/snapshot"
for k in csv0 snap0 cascades0; do
  "$refnet" build "$work/$k" -o "$work/$k.refnet" -q > /dev/null
  cp "$work/$k.refnet" "$out/snapshot/$k.refnet"
  { printf '\x0c'; cat "$work/$k.refnet"; } > "$out/load/snapshot-$k"
done

# The hand-written edge cases committed beside this script.
if [ -d "$root/fuzz/seeds" ]; then
  for dir in "$root/fuzz/seeds"/*/; do
    t=$(basename "$dir")
    mkdir -p "$out/$t"
    cp "$dir"* "$out/$t/" 2> /dev/null || true
  done
fi
echo "seeds: $(find "$out" -type f | wc -l) files in $out"
