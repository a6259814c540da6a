#!/usr/bin/env bash
# PostgreSQL ingestion against gzip CSV (issue 17: reading a generated log's
# rows from PostgreSQL at least half as fast as from its gzip CSV), measured
# in one run: the same log is loaded into a throwaway PostgreSQL server
# (tests/warehouse/pg_server.sh: Unix socket, no TCP), then `refnet build`
# reads it RUNS times from each source, alternating, and the medians of the
# ingestion (the phases load.read + load.parse + load.intern: rows read,
# converted, interned), of the whole "load" phase (also sort and build the
# networks; the same network either way) and of the whole process are compared.
# Each run's figures go to stderr, the medians to stdout.
#
#   bash bench/warehouse_bench.sh BUILD_DIR LOG.csv.gz [RUNS]
#
# The PostgreSQL table holds ts as timestamptz, amount numeric, sentiment
# smallint (as an application database would), the rest as text.
set -euo pipefail
build=${1:?usage: warehouse_bench.sh BUILD_DIR LOG.csv.gz [RUNS]}
log=${2:?usage: warehouse_bench.sh BUILD_DIR LOG.csv.gz [RUNS]}
runs=${3:-3}
refnet="$(realpath "$build")/refnet"
root="$(cd "$(dirname "$0")/.." && pwd)"
pg=/tmp/refnet-pg-bench-$$
work=$(mktemp -d)
trap 'bash "$root/tests/warehouse/pg_server.sh" stop "$pg"; rm -rf "$work"' EXIT
bash "$root/tests/warehouse/pg_server.sh" start "$pg"
t0=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -h "$pg" -U postgres -d refnet > /dev/null <<SQL
CREATE UNLOGGED TABLE staging (id bigint GENERATED ALWAYS AS IDENTITY, type text, src text, dst text, ts double precision, product text, amount text, sentiment text, channel text);
\copy staging (type, src, dst, ts, product, amount, sentiment, channel) FROM PROGRAM 'gzip -dc $(realpath "$log")' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE events AS
  SELECT id, type, src, dst, to_timestamp(ts) AS ts, product,
         nullif(amount, '')::numeric AS amount, nullif(sentiment, '')::smallint AS sentiment, channel
  FROM staging;
ALTER TABLE events ADD PRIMARY KEY (id);
DROP TABLE staging;
VACUUM ANALYZE events;
SQL
rows=$(psql -X -A -t -h "$pg" -U postgres -d refnet -c "SELECT count(*) FROM events")
echo "loaded $rows rows into PostgreSQL in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
uri="postgresql:///refnet?host=$pg&user=postgres"
query="SELECT type, src, dst, ts, product, amount, sentiment, channel FROM events ORDER BY id"
one() {  # label, args...: prints "label load_s total_s ingest_s read_s parse_s intern_s"
  local label=$1; shift
  local s e
  s=$(date +%s.%N)
  "$refnet" build "$@" -o "$work/$label.refnet" --quiet > "$work/$label.json"
  e=$(date +%s.%N)
  # ingest: the rows read, parsed and interned (load.read + load.parse + load.intern),
  # without sorting and building the networks, which are the same work for both sources.
  printf '%s %s %s %s %s\n' "$label" "$(jq '.timings.load' "$work/$label.json")" "$(echo "$e - $s" | bc)" \
    "$(jq '.timings["load.read"] + .timings["load.parse"] + .timings["load.intern"]' "$work/$label.json")" \
    "$(jq -r '[.timings["load.read"], .timings["load.parse"], .timings["load.intern"]] | map(tostring) | join(" ")' \
      "$work/$label.json")"
}
for i in $(seq "$runs"); do
  one csv "$log"
  one pg "$uri" --query "$query"
done | /usr/bin/python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin if l.strip()]
med = lambda label, k: statistics.median(float(r[k]) for r in rows if r[0] == label)
for r in rows:
    print("run (label load total ingest read parse intern)", *r, file=sys.stderr)
c, p = med("csv", 1), med("pg", 1)
ct, pt = med("csv", 2), med("pg", 2)
ci, pi = med("csv", 3), med("pg", 3)
print(f"rows='"$rows"' runs='"$runs"' csv_ingest_median_s={ci:.2f} pg_ingest_median_s={pi:.2f} "
      f"pg_ingest_speed_vs_csv={ci / pi:.2f} (target >= 0.5) csv_load_median_s={c:.2f} pg_load_median_s={p:.2f} "
      f"pg_load_speed_vs_csv={c / p:.2f} csv_total_s={ct:.2f} pg_total_s={pt:.2f}")
'
cmp <(jq -S -c '.result' "$work/csv.json") <(jq -S -c '.result' "$work/pg.json") > /dev/null &&
  echo "the two builds report the same network" || echo "WARNING: the build reports differ" >&2
