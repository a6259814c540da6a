#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (ctest fixture):
#   pg_server.sh start DIR   initdb into DIR/data, listen on a Unix socket in
#                            DIR only (no TCP), create database "refnet"
#   pg_server.sh stop DIR    stop it (immediate) and remove DIR
#   pg_server.sh need DIR    for the tests that use it: 0 when it runs, 4 (skip)
#                            when no server binary exists, 1 when there are
#                            binaries but no server (the start fixture failed)
# As root the server runs as the `postgres` user (runuser), since PostgreSQL
# refuses to run as root. Exit 4 (skip) only when no server binary can run.
set -euo pipefail
action=${1:?usage: pg_server.sh start|stop|need DIR}
dir=${2:?usage: pg_server.sh start|stop|need DIR}

bindir=""
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
done

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
  start)
    if [ -z "$bindir" ]; then
      echo "pg_server: no PostgreSQL server binaries (Debian package postgresql; scripts/setup.sh installs it)" >&2
      exit 4
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_server "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off" start > /dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    psql -X -q -h "$dir" -U postgres -d postgres -c "CREATE DATABASE refnet" > /dev/null
    echo "pg_server: PostgreSQL ($("$bindir/postgres" --version)) on socket $dir" >&2
    ;;
  need)
    # ctest runs a fixture's tests after a *skipped* setup test, so each test
    # skips by itself, and only for the one reason the setup may skip for.
    if [ -z "$bindir" ]; then
      echo "skip: no PostgreSQL server binaries (Debian package postgresql; scripts/setup.sh installs it)" >&2
      exit 4
    fi
    [ -f "$dir/data/postmaster.pid" ] ||
      { echo "no PostgreSQL server at $dir although $bindir exists: warehouse_pg_start failed or did not run" >&2; exit 1; }
    ;;
  stop)
    if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
      as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_server.sh start|stop|need DIR" >&2
    exit 2
    ;;
esac
