#!/usr/bin/env bash
# PageRank and HyperANF split the vertices over the processes of an MPI run
# (docs/scale-out.md). Runs each in one process and under `mpirun -np NP` and
# checks that the results are identical: every score, every estimate, the
# top-k order, iterations, residual and neighbourhood function.
#
#   compare_vertex_split.sh REFNET MPIRUN NP INPUT
set -euo pipefail
refnet=$1 mpirun=$2 np=$3 input=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
launch() { "$mpirun" --allow-run-as-root --oversubscribe -np "$np" "$@"; }

# Runs `refnet ARGS` both ways and compares the results, timings left out.
same() {
  local name=$1; shift
  "$refnet" "$@" --threads 2 --quiet -o "$work/single.json"
  launch "$refnet" "$@" --threads 1 --quiet -o "$work/mpi.json"
  /usr/bin/python3 - "$work/single.json" "$work/mpi.json" "$name, -np $np" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["result"]
b = json.load(open(sys.argv[2]))["result"]
for r in (a, b):
    r.pop("kernel_seconds", None)
listed = a.get("vertices") or a.get("users") or []
ok = a == b and len(listed) > 0
if not ok:
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            print("  differs:", key, str(a.get(key))[:200], "|", str(b.get(key))[:200])
print(("ok   " if ok else "FAIL ") + sys.argv[3] + f" ({len(listed)} rows)")
sys.exit(0 if ok else 1)
PY
}

same "pagerank weighted" centrality "$input" --measure pagerank --all --top 50
same "pagerank unweighted" centrality "$input" --measure pagerank --unweighted --all --top 50
same "pagerank with tolerance" centrality "$input" --measure pagerank --iterations 100 --tolerance 1e-9 --all
same "hyperanf dunbar ties" reach "$input" --approx --hops 4
same "hyperanf all ties to convergence, b=4" reach "$input" --approx --all-ties --hops 40 --registers-log2 4
same "hyperanf positive ties, b=8" reach "$input" --approx --positive --hops 3 --registers-log2 8 --seed 7
