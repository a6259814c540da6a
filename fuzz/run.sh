#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, one after the
# other, on a corpus seeded by make_corpus.sh; prints executions and findings
# per target and exits 1 when any target found something. A finding is saved
# under FUZZ_BUILD/findings/TARGET/ (crash-*, leak-*, timeout-*, oom-*): copy it
# into fuzz/regressions/TARGET/ once fixed, and the test suite replays it.
#   bash fuzz/run.sh FUZZ_BUILD REFNET_BINARY SECONDS [TARGET...]
set -uo pipefail
fuzz_build=${1:?usage: run.sh FUZZ_BUILD REFNET_BINARY SECONDS [TARGET...]}
refnet=${2:?}
seconds=${3:?}
shift 3
root="$(cd "$(dirname "$0")/.." && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv jsonl snap inf nm higgs cascades gml gzip load snapshot labels)
fi
seeds="$fuzz_build/seeds"
if [ ! -d "$seeds" ]; then
  bash "$root/fuzz/make_corpus.sh" "$refnet" "$seeds" || exit 1
fi
status=0
printf '%-10s %12s %10s %8s  %s\n' target executions exec/s findings notes
for t in "${targets[@]}"; do
  corpus="$fuzz_build/corpus/$t"
  findings="$fuzz_build/findings/$t"
  mkdir -p "$corpus" "$findings" "$seeds/$t"
  # Regressions and hand-made seeds start every run.
  extra=()
  [ -d "$root/fuzz/regressions/$t" ] && extra+=("$root/fuzz/regressions/$t")
  log="$fuzz_build/fuzz-$t.log"
  before=$(find "$findings" -type f | wc -l)
  "$fuzz_build/fuzz/fuzz_$t" "$corpus" "$seeds/$t" "${extra[@]}" \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1
  rc=$?
  after=$(find "$findings" -type f | wc -l)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  new=$((after - before))
  note=""
  if [ "$rc" -ne 0 ] || [ "$new" -gt 0 ]; then
    status=1
    note="see $log; inputs in $findings"
  fi
  printf '%-10s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$new" "$note"
done
exit $status
