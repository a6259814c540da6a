#!/usr/bin/env bash
# Runs a refnet command in one process and under `mpirun -np NP`, and checks
# that the results agree: identical for seeds and spread (docs/scale-out.md).
#
#   compare.sh REFNET MPIRUN NP INPUT
set -euo pipefail
refnet=$1 mpirun=$2 np=$3 input=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
launch() { "$mpirun" --allow-run-as-root --oversubscribe -np "$np" "$@"; }

check() {  # name, python expression over a (single) and b (mpi) results
  /usr/bin/python3 - "$work/single.json" "$work/mpi.json" "$1" "$2" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["result"]
b = json.load(open(sys.argv[2]))["result"]
ok = eval(sys.argv[4])
print(("ok   " if ok else "FAIL ") + sys.argv[3])
sys.exit(0 if ok else 1)
PY
}

"$refnet" seeds "$input" -k 10 --threads 2 --quiet -o "$work/single.json"
launch "$refnet" seeds "$input" -k 10 --threads 1 --quiet -o "$work/mpi.json"
check "imm seeds, -np $np" 'a["seeds"] == b["seeds"] and a["theta"] == b["theta"] and a["spread"] == b["spread"] and a["rr_nodes"] == b["rr_nodes"]'

"$refnet" seeds "$input" -k 10 --lower-bound doubling --threads 2 --quiet -o "$work/single.json"
launch "$refnet" seeds "$input" -k 10 --lower-bound doubling --threads 1 --quiet -o "$work/mpi.json"
check "imm seeds (doubling phase 1), -np $np" 'a["seeds"] == b["seeds"] and a["theta"] == b["theta"]'

# OPIM-C stops on greedy's coverage upper bound: the distributed greedy must
# reproduce that bound too, not only the seeds. Everything agrees but the
# memory, which is this process's share.
"$refnet" seeds "$input" -k 10 --algorithm opim-c --threads 2 --quiet -o "$work/single.json"
launch "$refnet" seeds "$input" -k 10 --algorithm opim-c --threads 1 --quiet -o "$work/mpi.json"
check "opim-c seeds, -np $np" 'a.pop("rr_memory_bytes") > b.pop("rr_memory_bytes") and a == b'

seeds=$(/usr/bin/python3 -c 'import json,sys; print(",".join(s["id"] for s in json.load(open(sys.argv[1]))["result"]["seeds"]))' "$work/single.json")
"$refnet" spread "$input" --seeds "$seeds" --runs 3001 --threads 2 --quiet -o "$work/single.json"
launch "$refnet" spread "$input" --seeds "$seeds" --runs 3001 --threads 1 --quiet -o "$work/mpi.json"
check "spread, -np $np" 'a["spread"] == b["spread"] and a["stddev"] == b["stddev"] and a["edge_visits"] == b["edge_visits"]'

# A failing rank ends the run with the tool's exit code and one message.
set +e
launch "$refnet" seeds "$input" -k 0 --quiet -o "$work/bad.json" 2> "$work/err.txt"
code=$?
set -e
if [[ $code -ne 2 ]] || ! grep -q "usage error" "$work/err.txt" || [[ -e "$work/bad.json" ]]; then
  echo "FAIL bad option under mpirun: exit $code"; cat "$work/err.txt"; exit 1
fi
echo "ok   bad option under mpirun exits 2, no output"
