#!/usr/bin/env bash
# A throwaway 3-node Citus 13.2 cluster on this machine: a coordinator on
# 127.0.0.1:9700 and workers on 9701 and 9702, trust authentication, data
# under $CITUS_DIR (default /tmp/anjian-citus). Builds and installs Citus from
# the source tarball in ../shared/citus/ first when it is not installed
# (about 3.5 minutes on 2 cores), as that folder's BUILD.md describes.
#
#   bash scripts/citus-cluster.sh start   # build if needed, start, print the URL
#   bash scripts/citus-cluster.sh stop
#
# The test suite creates a database per test on every node (testkit's
# fresh_pg, when ANJIAN_TEST_CITUS_WORKERS is set); `anjian migrate` then
# distributes the tables. Run as root: the servers run as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CITUS_DIR=${CITUS_DIR:-/tmp/anjian-citus}
SHARED=${ANJIAN_SHARED_DIR:-$(cd .. && pwd)/shared}
PORTS=(9700 9701 9702)

install_citus() {
    local libdir
    libdir=$("$PG_BIN/pg_config" --pkglibdir)
    if [ -f "$libdir/citus.so" ]; then
        return
    fi
    echo "==> building Citus from $SHARED/citus (about 3.5 minutes)"
    (cd "$SHARED/citus" && sha256sum -c SHA256SUMS)
    export DEBIAN_FRONTEND=noninteractive
    local deps="postgresql-server-dev-15 liblz4-dev libzstd-dev libkrb5-dev build-essential"
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $deps >/dev/null ||
        { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $deps >/dev/null; }
    local build
    build=$(mktemp -d)
    tar -xzf "$SHARED/citus/citus-src-13.2.2.tar.gz" -C "$build"
    (
        cd "$build/citus-13.2.2"
        # PostgreSQL 15.20's headers export have_createdb_privilege(), which
        # clashes with Citus's own copy; the patch renames Citus's.
        if grep -q "have_createdb_privilege(void)" "$("$PG_BIN/pg_config" --includedir-server)/commands/dbcommands.h"; then
            patch -p1 < "$SHARED/citus/pg15-have_createdb_privilege.patch"
        fi
        PG_CONFIG="$PG_BIN/pg_config" ./configure --without-libcurl >/dev/null
        make -j"$(nproc)" >/dev/null
        make install >/dev/null
    )
    rm -rf "$build"
}

psql_node() {
    psql -h 127.0.0.1 -p "$1" -U postgres -v ON_ERROR_STOP=1 -qAt "${@:2}"
}

start() {
    install_citus
    mkdir -p "$CITUS_DIR"
    chown postgres:postgres "$CITUS_DIR"
    local i port
    for i in 0 1 2; do
        port=${PORTS[$i]}
        if pg_isready -h 127.0.0.1 -p "$port" -q; then
            continue
        fi
        if [ ! -f "$CITUS_DIR/n$i/PG_VERSION" ]; then
            runuser -u postgres -- "$PG_BIN/initdb" -D "$CITUS_DIR/n$i" --auth=trust -U postgres \
                --no-instructions >/dev/null
            printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nshared_preload_libraries = 'citus'\nmax_connections = 300\nmax_worker_processes = 64\n" \
                "$port" >> "$CITUS_DIR/n$i/postgresql.conf"
        fi
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$CITUS_DIR/n$i" -l "$CITUS_DIR/n$i.log" -w start >/dev/null
    done
    # The roles on every node (a role is per server; Citus connects to the
    # workers as the same user), and the extension in the maintenance
    # database, which the per-test databases are made beside.
    for port in "${PORTS[@]}"; do
        psql_node "$port" -f scripts/pg-roles.sql
        psql_node "$port" -c "CREATE EXTENSION IF NOT EXISTS citus" >/dev/null
    done
    echo "Citus coordinator: postgres://postgres@127.0.0.1:9700/postgres"
    echo "workers: 127.0.0.1:9701,127.0.0.1:9702"
}

stop() {
    local i
    for i in 0 1 2; do
        if [ -f "$CITUS_DIR/n$i/postmaster.pid" ]; then
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$CITUS_DIR/n$i" -m fast -w stop >/dev/null || true
        fi
    done
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
