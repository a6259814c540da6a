#!/usr/bin/env bash
# Exports the shop of check_python.py as graphology and Cytoscape JSON and loads
# both with node (check_js.mjs). Exit 4 (ctest: skipped) when node or the pinned
# npm packages are missing.
#   check_js.sh REFNET TMPDIR JS_DIR
set -euo pipefail
refnet=$1 tmp=$2 js=$3
if ! command -v node >/dev/null || [ ! -f "$js/node_modules/graphology/package.json" ] || [ ! -f "$js/node_modules/cytoscape/package.json" ]; then
  echo "SKIPPED: node or the npm packages of tests/consumers/js are missing (npm ci there)"
  exit 4
fi
mkdir -p "$tmp"
cat > "$tmp/shop.csv" <<'LOG'
type,src,dst,ts,product,amount,sentiment,channel
signup,张伟,,2024-01-01,,,,
referral,张伟,李娜,2024-01-02,,,,email
purchase,李娜,,2024-01-03,p1,10,,
referral,李娜,a&b,2024-01-04,,,,email
purchase,a&b,,2024-01-05,p1,12,,
signup,=cmd,,2024-01-06,,,,
share,a&b,=cmd,2024-01-07,,,+1,
review,=cmd,张伟,2024-01-08,,,+1,
LOG
"$refnet" build "$tmp/shop.csv" -o "$tmp/shop.refnet" --quiet
"$refnet" export "$tmp/shop.refnet" --to graphology -o "$tmp/shop.graphology.json" --quiet
"$refnet" export "$tmp/shop.refnet" --to cytoscape -o "$tmp/shop.cyjs" --quiet
cp "$(dirname "$0")/check_js.mjs" "$js/check_js.mjs"
exec node "$js/check_js.mjs" "$tmp/shop.graphology.json" "$tmp/shop.cyjs" 4 6
