#!/usr/bin/env bash
# The demo log loaded into SQLite and PostgreSQL builds the same networks,
# tiers and analysis as its gzip CSV (the oracle): `refnet build` from each
# source, then info, tiers and analyze on each snapshot, whose `result`s must
# be equal. PostgreSQL holds ts as timestamptz (to_timestamp of the CSV's
# seconds) and amount as numeric, so its values arrive as the server writes
# them, not as the CSV did. SQLite holds the CSV's values as they are.
# Row order matters (users are numbered as they first appear, and tiers lists
# them in that order): PostgreSQL numbers the rows as \copy reads them (an
# identity column): a scan of the loaded table is not in \copy's order
# (observed: the demo's line 1278 came back 591st, from free space in an
# earlier page), so row_number() OVER () numbered rows out of order.
#   same_results.sh REFNET DEMO_CSV_GZ PG_DIR   (PG_DIR: the fixture's server; "" for SQLite only)
set -euo pipefail
refnet=${1:?}; demo=${2:?}; pg=${3:-}
if [ -n "$pg" ]; then rc=0; bash "$(dirname "$0")/pg_server.sh" need "$pg" || rc=$?; [ $rc -eq 0 ] || exit $rc; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cols="type,src,dst,ts,product,amount,sentiment,channel"

result() {  # snapshot -> one line per command: its result, canonical
  for cmd in info tiers analyze; do
    "$refnet" "$cmd" "$1" -q | jq -S -c '.result'
  done
}

"$refnet" build "$demo" -o "$work/csv.refnet" -q > /dev/null
result "$work/csv.refnet" > "$work/csv.txt"
test -s "$work/csv.txt"

if [ -z "$pg" ]; then
  python3 - "$demo" "$work/events.sqlite" <<'PY'
import csv, gzip, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE events (type TEXT, src TEXT, dst TEXT, ts INTEGER, product TEXT, amount REAL, sentiment INTEGER, channel TEXT)")
with gzip.open(sys.argv[1], "rt", newline="") as f:
    r = csv.reader(f)
    next(r)
    db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)",
                   ([v if v != "" else None for v in row] for row in r))
db.commit()
PY
  "$refnet" build "$work/events.sqlite" --query "SELECT $cols FROM events ORDER BY rowid" -o "$work/db.refnet" -q --report "$work/build.json"
  jq -e '.input.files[0].format == "sqlite" and (.input.files[0].query | startswith("SELECT"))' "$work/build.json" > /dev/null ||
    { echo "FAIL: the build report does not record the SQLite query" >&2; exit 1; }  # not jq's 4 (no input), which reads as a skip
  label=SQLite
else
  psql -X -q -v ON_ERROR_STOP=1 -h "$pg" -U postgres -d refnet > /dev/null <<SQL
CREATE TABLE staging (id bigint GENERATED ALWAYS AS IDENTITY, type text, src text, dst text, ts bigint, product text, amount text, sentiment text, channel text);
\copy staging (type, src, dst, ts, product, amount, sentiment, channel) FROM PROGRAM 'gzip -dc $demo' WITH (FORMAT csv, HEADER true)
CREATE TABLE events AS
  SELECT id, type, src, dst, to_timestamp(ts) AS ts, product,
         nullif(amount, '')::numeric AS amount, nullif(sentiment, '')::smallint AS sentiment, channel
  FROM staging;
ALTER TABLE events ADD PRIMARY KEY (id);
SQL
  uri="postgresql:///refnet?host=$pg&user=postgres"
  "$refnet" build "$uri" --query "SELECT $cols FROM events ORDER BY id" -o "$work/db.refnet" -q --report "$work/build.json"
  jq -e '.input.files[0].format == "postgresql" and (.input.files[0].query | startswith("SELECT"))' "$work/build.json" > /dev/null ||
    { echo "FAIL: the build report does not record the PostgreSQL query" >&2; exit 1; }
  label=PostgreSQL
fi
result "$work/db.refnet" > "$work/db.txt"
if ! cmp -s "$work/csv.txt" "$work/db.txt"; then
  echo "$label results differ from the CSV's:" >&2
  diff <(tr ',' '\n' < "$work/csv.txt") <(tr ',' '\n' < "$work/db.txt") | head -20 >&2
  exit 1
fi
echo "$label: info, tiers and analyze equal to the gzip CSV's ($(wc -c < "$work/db.txt") bytes of results)"
