#!/usr/bin/env bash
# Hidden-hazard benchmark (issue 5). Reproduces docs/benchmarks.md:
#   bash scripts/bench-hazard.sh [HAZARDS] [CLIENTS] [SECONDS]     (defaults: 5000000 50 30)
# PostgreSQL on 127.0.0.1:5432 (trust auth), as .ci/run sets up. Generates
# HAZARDS hazards over 3 years in every county, then over HTTP against a
# release server: the province dashboard (every figure, current year, by
# city), and reportHazard from CLIENTS concurrent clients in 10 counties,
# each county with the Rust triage example active.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000000}
CLIENTS=${2:-50}
SECS=${3:-30}
PG=postgres://postgres@127.0.0.1:5432/postgres
PASS=Bench-Pass-2026
COUNTIES="330106 330203 330102 330105 330108 330110 330212 330205 330206 330211"
work=$(mktemp -d)
port=18437
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

cargo build --release -q --bin anjian --example hazard_load
rustup target add wasm32-wasip2 >/dev/null 2>&1 || true
bash scripts/build-plugin-examples.sh --only rust >/dev/null
bin=target/release/anjian
load=target/release/examples/hazard_load

psql "$PG" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql  # roles: see that file
psql "$PG" -qc "DROP DATABASE IF EXISTS anjian_bench_hz WITH (FORCE)" -c "CREATE DATABASE anjian_bench_hz OWNER anjian_owner"
export ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/anjian_bench_hz
export ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/anjian_bench_hz
$bin migrate >/dev/null

echo "== generating $N hazards (3 years, every county)"
$bin hazard generate --count "$N" --years 3 --seed 42
psql postgres://postgres@127.0.0.1:5432/anjian_bench_hz -qc "VACUUM ANALYZE"
psql postgres://postgres@127.0.0.1:5432/anjian_bench_hz -Atc \
  "SELECT 'hazards ' || (SELECT count(*) FROM hazards) || ', roll-up rows ' || (SELECT count(*) FROM hazard_stats) || ', database ' || pg_size_pretty(pg_database_size('anjian_bench_hz'))"

echo "== accounts and enterprises in $COUNTIES"
for c in $COUNTIES; do
    for role in inspector county-admin plugin-developer; do
        ANJIAN_ADMIN_PASSWORD=$PASS $bin admin create-user --tenant "$c" --role "$role" >/dev/null 2>&1 || true
    done
    $bin enterprise generate --tenant "$c" --count 50 --seed "$c" --out "$work/$c.csv" 2>/dev/null
    $bin enterprise import "$work/$c.csv" --tenant "$c" --best-effort >/dev/null || true
done

ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn $bin serve --demo --listen 127.0.0.1:$port --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
base=http://127.0.0.1:$port

echo "== the triage example active in each county"
# shellcheck disable=SC2086
$load install $base $PASS plugins/examples/build/hazard-triage-rust.wasm $COUNTIES | tail -1

echo "== province dashboard"
$load dashboard $base $PASS 200

echo "== reporting"
# shellcheck disable=SC2086
$load report $base $PASS "$CLIENTS" "$SECS" 0 $COUNTIES
for rate in 2 5; do
    # shellcheck disable=SC2086
    $load report $base $PASS "$CLIENTS" "$SECS" $rate $COUNTIES
done
# shellcheck disable=SC2086
$load report $base $PASS 1 "$SECS" 0 $COUNTIES
