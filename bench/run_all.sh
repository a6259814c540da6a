#!/usr/bin/env bash
# refnet benchmarks: edge-list parsing (refnet vs python-igraph vs networkx),
# snapshot loading, memory, centralities and communities, reach (exact 2-hop vs
# igraph/networkx; HyperANF on R-MAT). Called by `make bench` as `bash bench/run_all.sh BUILD_DIR`.
# Prints a markdown report on stdout (progress goes to stderr) and keeps it, with
# the raw figures as JSON, in $BENCH_OUT. See bench/README.md.
#
# Environment (all optional):
#   BENCH_RUNS=5               timed runs per tool and input (medians are reported)
#   BENCH_RMAT_SCALE=22        R-MAT scale of the big generated input; 0 skips it
#   BENCH_CENTRALITY_RMAT_SCALE=20  R-MAT scale for the PageRank benchmark; 0 skips it
#   BENCH_NETWORKX_MAX_SCALE=16  run networkx on the R-MAT input only up to this scale
#   BENCH_DATASETS=<repo>/../shared/datasets   where soc-Epinions1 lives
#   BENCH_TMP=/tmp/refnet-bench  scratch: snapshots, the generated R-MAT edge list (kept, reused)
#   BENCH_OUT=BUILD_DIR/bench    where report.md, parse.json, snapshot.json go
#   BENCH_PYTHON=/usr/bin/python3
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$repo/$build"
refnet="$build/refnet"
runs="${BENCH_RUNS:-5}"
scale="${BENCH_RMAT_SCALE:-22}"
nx_max_scale="${BENCH_NETWORKX_MAX_SCALE:-16}"
datasets="${BENCH_DATASETS:-$repo/../shared/datasets}"
tmp="${BENCH_TMP:-/tmp/refnet-bench}"
out="${BENCH_OUT:-$build/bench}"
py="${BENCH_PYTHON:-/usr/bin/python3}"

say() { echo "[bench] $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

[[ -x "$refnet" ]] || die "no refnet binary at $refnet (build first: make build)"
[[ -x "$py" ]] || die "no python at $py"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed for peak memory (apt-get install time)"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || die "BENCH_RUNS must be a positive integer"
[[ "$scale" =~ ^[0-9]+$ ]] || die "BENCH_RMAT_SCALE must be a number (0 = skip)"
mkdir -p "$tmp" "$out"
start=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Benchmark a private copy of the binary, so that a rebuild during the run
# cannot mix two versions into one set of medians.
cp "$refnet" "$tmp/refnet-under-test"
refnet_version="$("$refnet" --version 2>/dev/null | head -n1)"
refnet="$tmp/refnet-under-test"

# Which comparison libraries are there.
have_igraph=0; have_nx=0
"$py" -c 'import igraph' 2>/dev/null && have_igraph=1 || say "python igraph missing (apt-get install python3-igraph): skipped"
"$py" -c 'import networkx' 2>/dev/null && have_nx=1 || say "networkx missing (apt-get install python3-networkx): skipped"
tools_for() {  # tools_for WITH_NETWORKX -> comma list
  local t="refnet1,refnet2"
  [[ $have_igraph = 1 ]] && t="$t,igraph"
  [[ $have_nx = 1 && $1 = 1 ]] && t="$t,networkx"
  echo "$t"
}

parse_args=()
snap_args=()
notes=()

epinions="$datasets/soc-Epinions1/soc-Epinions1.edgelist.txt"
if [[ -f "$epinions" ]]; then
  parse_args+=(--dataset soc-Epinions1 "$epinions" "$(tools_for 1)")
  snap_args+=(--dataset soc-Epinions1 "$epinions")
else
  notes+=("soc-Epinions1 not found at $epinions: skipped (set BENCH_DATASETS)")
fi

if [[ "$scale" -gt 0 ]]; then
  # Prefer refnet's own generator; fall back to bench/gen_rmat.py (a different,
  # slower generator of the same model: the files differ, so do not compare
  # timings across the two).
  if "$refnet" gen --help 2>/dev/null | grep -q -- '--rmat'; then
    # Keyed by the binary's version: a changed generator gets a fresh file (seconds).
    gen_tag=$(echo "$refnet_version" | tr -c 'A-Za-z0-9.\n' '_' | sed 's/_*$//')
    rmat="$tmp/rmat$scale-ef16-seed1.$gen_tag.txt"
    gen_cmd=("$refnet" gen --rmat "$scale" --seed 1 -o "$rmat" --quiet)
    rmat_source="refnet gen --rmat $scale --seed 1"
  else
    rmat="$tmp/rmat$scale-ef16-seed1.gen_rmat_py.txt"
    gen_cmd=("$py" "$here/gen_rmat.py" "$scale" "$rmat" --seed 1 --edge-factor 16)
    rmat_source="bench/gen_rmat.py $scale (refnet has no 'gen --rmat' command yet)"
  fi
  if [[ -s "$rmat" ]]; then
    say "reusing $rmat"
  else
    rm -f "$tmp/rmat$scale-ef16-seed1."*.txt  # files from other versions or the fallback
    say "generating R-MAT scale $scale: ${gen_cmd[*]}"
    t0=$(date +%s)
    "${gen_cmd[@]}" >&2
    say "generated in $(( $(date +%s) - t0 )) s"
  fi
  with_nx=0; [[ "$scale" -le "$nx_max_scale" ]] && with_nx=1
  parse_args+=(--dataset "rmat$scale" "$rmat" "$(tools_for $with_nx)")
  snap_args+=(--dataset "rmat$scale" "$rmat")
  rmat_sha=$(openssl dgst -sha256 -r "$rmat" 2>/dev/null || sha256sum "$rmat")
  notes+=("rmat$scale: $(( 16 << scale )) edges over $(( 1 << scale )) ids, a=0.57 b=0.19 c=0.19, from $rmat_source; sha256 ${rmat_sha%% *}")
  [[ $with_nx = 0 && $have_nx = 1 ]] && notes+=("networkx skipped on rmat$scale (scale > BENCH_NETWORKX_MAX_SCALE=$nx_max_scale: too slow and too much memory)")
fi
[[ ${#parse_args[@]} -gt 0 ]] || die "no inputs to benchmark"

say "parsing benchmark ($runs runs per tool)"
parse_md="$("$py" "$here/parse_bench.py" --refnet "$refnet" --runs "$runs" --tmp "$tmp" --json "$out/parse.json" "${parse_args[@]}")"
say "snapshot benchmark ($runs runs)"
snap_md="$("$py" "$here/snapshot_bench.py" --refnet "$refnet" --runs "$runs" --tmp "$tmp" --json "$out/snapshot.json" "${snap_args[@]}")"

# Centralities and communities: soc-Epinions1 (PageRank, k-core, Louvain against
# igraph and networkx) and PageRank on an R-MAT graph of scale
# BENCH_CENTRALITY_RMAT_SCALE (default 20, the GAPBS-sized target; 0 skips it).
cent_args=()
[[ $have_igraph = 1 ]] || cent_args+=(--no-igraph)
if [[ -f "$epinions" ]]; then
  cent_args+=(--dataset soc-Epinions1 "$epinions" "pagerank,kcore,louvain$([[ $have_nx = 1 ]] && echo ,networkx)")
fi
cscale="${BENCH_CENTRALITY_RMAT_SCALE:-20}"
if [[ "$cscale" -gt 0 ]]; then
  if [[ "$cscale" = "$scale" && -s "${rmat:-}" ]]; then
    crmat="$rmat"  # the parsing benchmark's input is the same graph
  else
    crmat="$tmp/centrality-rmat$cscale-ef16-seed1.txt"
    [[ -s "$crmat" ]] || "$refnet" gen --rmat "$cscale" --seed 1 -o "$crmat" --quiet >&2
  fi
  cent_args+=(--dataset "rmat$cscale" "$crmat" "pagerank,noigraph")
  notes+=("rmat$cscale (centrality): refnet gen --rmat $cscale --seed 1, PageRank only (igraph left out)")
fi
cent_md=""
if [[ " ${cent_args[*]} " = *" --dataset "* ]]; then
  say "centrality benchmark ($runs runs)"
  cent_md="$("$py" "$here/centrality_bench.py" --refnet "$refnet" --runs "$runs" --tmp "$tmp" --json "$out/centrality.json" "${cent_args[@]}")"
fi

say "reach benchmark ($runs runs; networkx once)"
reach_args=(--networkx-runs "$have_nx")
[[ $have_igraph = 1 ]] || reach_args+=(--no-igraph)
[[ -f "$epinions" ]] && reach_args+=(--epinions "$epinions")
[[ "$scale" -gt 0 ]] && reach_args+=(--rmat "$rmat")
reach_md="$("$py" "$here/reach_bench.py" --refnet "$refnet" --runs "$runs" --tmp "$tmp" --json "$out/reach.json" "${reach_args[@]}")"

igraph_v=$("$py" -c 'import igraph; print(igraph.__version__)' 2>/dev/null || echo absent)
nx_v=$("$py" -c 'import networkx; print(networkx.__version__)' 2>/dev/null || echo absent)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
  echo "## refnet benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- refnet: $refnet_version (a copy of $build/refnet taken at the start)"
  echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $mem RAM; $(uname -sr)"
  echo "- python: $("$py" --version 2>&1), python-igraph $igraph_v, networkx $nx_v"
  echo "- runs per figure: $runs (median), tools interleaved run by run, after a warm-up; inputs read from the page cache"
  echo "- load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  for n in "${notes[@]}"; do echo "- $n"; done
  echo
  echo "$parse_md"
  echo
  echo "$snap_md"
  echo
  echo "$cent_md"
  echo "$reach_md"
  echo
  echo "Total benchmark time: $(( $(date +%s) - start )) s."
} | tee "$out/report.md"
say "report: $out/report.md (raw figures: $out/parse.json, $out/snapshot.json, $out/reach.json)"
