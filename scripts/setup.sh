#!/usr/bin/env bash
# Installs every Debian package refnet needs to build, test and benchmark.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-graph-dev libboost-program-options-dev libboost-mpi-dev
  libtbb-dev nlohmann-json3-dev catch2 zlib1g-dev libssl-dev libisal-dev libzstd-dev zstd
  libopenmpi-dev openmpi-bin
  python3 python3-networkx python3-igraph python3-jsonschema
  nodejs npm chromium
  jq clang-14 libclang-rt-14-dev
  libxml2-utils  # xmllint: the GEXF exports against their XSDs (tests/consumers/check_python.py)
  libsqlite3-dev libpq-dev postgresql
)

# Tools that may come from elsewhere: a node from NodeSource bundles its own npm (and
# conflicts with Debian's), so a working command counts as the package.
declare -A provides=([nodejs]=node [npm]=npm [chromium]=chromium)

missing=()
for p in "${packages[@]}"; do
  if [ -n "${provides[$p]:-}" ] && command -v "${provides[$p]}" > /dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The HTML report's front-end (web/): the npm packages pinned in package-lock.json,
# installed only when web/node_modules is missing or older than the lock file.
web="$(cd "$(dirname "$0")/.." && pwd)/web"
if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in $web" >&2
  (cd "$web" && npm ci --no-audit --no-fund)
fi
