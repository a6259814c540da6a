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
"$refnet" build "$(dirname "$0")/shop.csv" -o "$tmp/shop.refnet" --quiet
"$refnet" export "$tmp/shop.refnet" --to graphology -o "$tmp/shop.graphology.json" --quiet
"$refnet" export "$tmp/shop.refnet" --to cytoscape -o "$tmp/shop.cyjs" --quiet
cp "$(dirname "$0")/check_js.mjs" "$js/check_js.mjs"
exec node "$js/check_js.mjs" "$tmp/shop.graphology.json" "$tmp/shop.cyjs" 4 6
