#!/usr/bin/env bash
# PostgreSQL input against the fixture's server: the errors and what the
# envelope records. Each case states what it expects.
#   pg_cases.sh REFNET PG_DIR
set -euo pipefail
refnet=${1:?}; pg=${2:?}
rc=0; bash "$(dirname "$0")/pg_server.sh" need "$pg" || rc=$?; [ $rc -eq 0 ] || exit $rc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg" -U postgres -d refnet "$@" > /dev/null; }
base="postgresql:///refnet?host=$pg&user=postgres"

q <<'SQL'
CREATE TABLE wh (event_type text, user_id text, target_user_id text, event_time timestamp, sku text, flag boolean);
INSERT INTO wh VALUES
  ('signup', 'alice', NULL, '2024-03-01 09:00:00', NULL, true),
  ('view',   'alice', NULL, '2024-03-01 09:01:00', NULL, true),
  ('invite', 'alice', 'bob', '2024-03-01 09:02:00', NULL, false),
  ('order_paid', 'bob', NULL, '2024-03-01 09:03:00.5', 'p1', false);
SQL
map="--columns type=event_type,src=user_id,dst=target_user_id,ts=event_time,product=sku --types invite=referral,order_paid=purchase,view=ignore"

# A naive timestamp column in Asia/Shanghai: 09:03:00.5 local is 01:03:00.5Z,
# 1709251200 + 3780.5 = 1709254980.5, the last event, so the analysis time.
"$refnet" build "$base" --table wh $map --timezone Asia/Shanghai -o "$work/n.refnet" --report - > "$work/b.json" 2> "$work/err" ||
  fail "build from --table: $(cat "$work/err")"
jq -e '.input.files[0].query == "SELECT * FROM \"wh\""' "$work/b.json" > /dev/null || fail "the envelope records the query"
jq -e '.input.files[0].path == "'"$base"'"' "$work/b.json" > /dev/null || fail "the envelope records the connection string"
jq -e '.input.parse.ignored_types.view == 1' "$work/b.json" > /dev/null ||
  fail "the build report counts ignored rows"
"$refnet" info "$work/n.refnet" -q | jq -e '[.. | objects | select(has("analysis_time")) | .analysis_time] | any(. == 1709254980.5)' > /dev/null ||
  fail "naive timestamps placed by --timezone"

# A password in the URI is never echoed: not in messages, not in the envelope.
set +e
"$refnet" build "postgresql://postgres:s3cret@/refnet?host=$pg" --table wh $map -o "$work/p.refnet" --report - > "$work/p.json" 2> "$work/err"
rc=$?
set -e
[ $rc -eq 0 ] || fail "build with a password in the URI (trust auth ignores it): $(cat "$work/err")"
! grep -q s3cret "$work/p.json" "$work/err" || fail "the password was echoed"
jq -e '.input.files[0].path == "postgresql://postgres@/refnet?host='"$pg"'"' "$work/p.json" > /dev/null || fail "redacted connection string"

# The input's sha256 is that of the rows as received (each value's text and a 0 byte, a NULL
# as 0xFF and a 0 byte); the oracle is the server's own sha256() over the same values.
rows="SELECT event_type AS type, user_id AS src, target_user_id AS dst, event_time AS ts, sku AS product FROM wh ORDER BY event_time"
"$refnet" build "$base" --query "$rows" --types invite=referral,order_paid=purchase,view=ignore -o "$work/h.refnet" \
  --report - > "$work/h.json" 2> "$work/err" || fail "build for the rows' hash: $(cat "$work/err")"
want=$(psql -X -A -t -q -h "$pg" -U postgres -d refnet <<'SQL'
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'UTC';
SELECT encode(sha256(string_agg(CASE WHEN v IS NULL THEN '\xff00'::bytea ELSE convert_to(v, 'UTF8') || '\x00'::bytea END,
                                ''::bytea ORDER BY o, k)), 'hex')
FROM (SELECT row_number() OVER (ORDER BY event_time) AS o, x.k, x.v
      FROM wh, LATERAL (VALUES (1, event_type), (2, user_id), (3, target_user_id), (4, event_time::text), (5, sku)) AS x(k, v)) t;
SQL
)
jq -e --arg h "$want" '.input.files[0].sha256 == $h and .input.sha256 == $h' "$work/h.json" > /dev/null ||
  fail "sha256 of the rows: $(jq -r '.input.files[0].sha256' "$work/h.json"), the server's: $want"

expect() {  # code, stderr substring, args...
  local code=$1 want=$2; shift 2
  set +e
  "$refnet" "$@" > "$work/out" 2> "$work/err"
  local rc=$?
  set -e
  [ $rc -eq "$code" ] || fail "$* exited $rc, expected $code: $(cat "$work/err")"
  grep -qF -- "$want" "$work/err" || fail "$*: stderr lacks '$want': $(cat "$work/err")"
  [ ! -e "$work/x.refnet" ] || fail "$*: left an output"
}
# The server's own message, exit 1.
expect 1 'relation "nope" does not exist' build "$base" --table nope -o "$work/x.refnet"
expect 1 'syntax error at or near "SELEC"' build "$base" --query "SELEC 1" -o "$work/x.refnet"
expect 1 'database "nodb" does not exist' build "postgresql:///nodb?host=$pg&user=postgres" --table wh -o "$work/x.refnet"
# A column of the wrong type names the row and the column, exit 3.
expect 3 "row 1, column 'ts': a column of type boolean (expected a timestamp" \
  build "$base" --query "SELECT event_type AS type, user_id AS src, flag AS ts FROM wh" -o "$work/x.refnet"
# A bad value: the row number in result order.
expect 3 "row 2, column 'ts': bad timestamp 'soon'" \
  build "$base" --query "SELECT 'signup' AS type, 'a' AS src, '2024-03-01' AS ts UNION ALL SELECT 'signup', 'b', 'soon'" -o "$work/x.refnet"
# A field that no column of the result holds: the row, and no column to name.
expect 3 "row 4: purchase needs a product" \
  build "$base" --query "SELECT event_type AS type, user_id AS src, target_user_id AS dst, event_time AS ts FROM wh ORDER BY event_time" \
  --types invite=referral,order_paid=purchase,view=ignore -o "$work/x.refnet"
# Unknown types: each with its count and the flag.
expect 3 "unknown event types 'invite' (1 row), 'order_paid' (1 row), 'view' (1 row)" \
  build "$base" --table wh --columns type=event_type,src=user_id,dst=target_user_id,ts=event_time,product=sku -o "$work/x.refnet"
expect 2 "say what to read with --query" build "$base" -o "$work/x.refnet"
expect 2 "--delimiter applies to CSV event logs" build "$base" --table wh --delimiter ';' -o "$work/x.refnet"
echo "PostgreSQL cases: all as expected"
