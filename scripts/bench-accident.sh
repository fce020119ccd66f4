#!/usr/bin/env bash
# Accident benchmark (issue 26). Reproduces docs/benchmarks.md:
#   bash scripts/bench-accident.sh [ACCIDENTS] [CLIENTS] [SECONDS]   (defaults: 200000 50 20)
# PostgreSQL on 127.0.0.1:5432 (trust auth), as .ci/run sets up. Seeds the
# province's counties and users, then ACCIDENTS accidents over 10 years;
# then against a release server: the province's statistics of this year
# with year on year by city, by type and by industry (one client, 300
# requests each), and the flash report from CLIENTS clients for SECONDS,
# paced at 2 reports a second each (100/s in all), then as fast as answered;
# and, as the floor in the same run, /healthz from the same clients.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
CLIENTS=${2:-50}
SECS=${3:-20}
PG=postgres://postgres@127.0.0.1:5432/postgres
DB=anjian_bench_acc
PASS=Bench-Pass-2026
work=$(mktemp -d)
port=18439
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

cargo build --release -q --bin anjian --example acc_load
bin=target/release/anjian
load=target/release/examples/acc_load

psql "$PG" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql  # roles: see that file
psql "$PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER anjian_owner"
export ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/$DB
export ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/$DB
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn
$bin migrate >/dev/null

echo "== seeding: the province's counties and users, $N accidents over 10 years"
$bin seed --scale province --enterprises 1000 --hazards 0 --applications 0 --seed 26 >/dev/null
$bin accident generate --count "$N" --years 10 --seed 26
psql "postgres://postgres@127.0.0.1:5432/$DB" -qc "VACUUM ANALYZE"

$bin serve --listen 127.0.0.1:$port --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
base=http://127.0.0.1:$port
year=$(TZ=Asia/Shanghai date +%Y)

echo "== the province's yearly statistics ($year, with $((year - 1)) beside it)"
$load stats $base $PASS 300 "$year"
echo "== the flash report: $CLIENTS clients at 2 reports/s each, then as fast as answered"
$load report $base $PASS "$CLIENTS" "$SECS" 2
$load report $base $PASS "$CLIENTS" "$SECS"
echo "== the floor: /healthz from the same clients"
$load health $base "$CLIENTS" "$SECS"
echo "server memory: $(ps -o rss= -p $server | awk '{printf "%.0f MB", $1/1024}')"
