#!/usr/bin/env bash
# Installs every Debian package refnet needs to build, test and benchmark.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-graph-dev libboost-program-options-dev libboost-mpi-dev
  libtbb-dev nlohmann-json3-dev catch2 zlib1g-dev libssl-dev
  libopenmpi-dev openmpi-bin
  python3 python3-networkx python3-igraph
  jq clang-14 libclang-rt-14-dev
  libsqlite3-dev libpq-dev postgresql
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
