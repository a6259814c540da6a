#!/usr/bin/env bash
# Runs every ```bash block of docs/input.md's "From a warehouse" section, each
# in a fresh folder with `refnet` on the PATH and libpq pointed at the test
# server (PGHOST, PGUSER): a block must exit 0 and leave the snapshot it builds.
#   docs_examples.sh REFNET INPUT_MD PG_DIR
set -euo pipefail
refnet=${1:?}; doc=${2:?}; pg=${3:?}
rc=0; bash "$(dirname "$0")/pg_server.sh" need "$pg" || rc=$?; [ $rc -eq 0 ] || exit $rc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$(realpath "$refnet")" "$work/bin/refnet"
python3 - "$doc" "$work" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text.split("## From a warehouse", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
assert len(blocks) >= 3, f"expected the export, SQLite and PostgreSQL examples, found {len(blocks)} blocks"
for i, b in enumerate(blocks):
    open(f"{sys.argv[2]}/block{i}.sh", "w").write(b)
PY
n=0
for block in "$work"/block*.sh; do
  dir="$work/run$n"; mkdir "$dir"
  if ! (cd "$dir" && PATH="$work/bin:$PATH" PGHOST="$pg" PGUSER=postgres bash -euo pipefail "$block" > out.txt 2> err.txt); then
    echo "docs/input.md example $n failed:" >&2; cat "$block" "$dir/err.txt" >&2; exit 1
  fi
  ls "$dir"/*.refnet > /dev/null || { echo "example $n built no snapshot" >&2; exit 1; }
  n=$((n + 1))
done
# What the text says each example shows.
grep -qx '{' "$work/run0/out.txt" && grep -q '"view": 1' "$work/run0/out.txt" || { echo "example 0: ignored_types" >&2; exit 1; }
grep -q '^SELECT kind, user_id' "$work/run1/out.txt" || { echo "example 1: the recorded query" >&2; exit 1; }
grep -qx 'postgresql:///refnet' "$work/run2/out.txt" || { echo "example 2: the recorded connection string" >&2; exit 1; }
echo "docs/input.md: $n warehouse examples ran"
