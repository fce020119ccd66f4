#!/usr/bin/env bash
# Standardization benchmark (issue 23). Reproduces docs/benchmarks.md:
#   bash scripts/bench-standardization.sh [APPLICATIONS] [CLIENTS] [SECONDS]   (defaults: 100000 50 20)
# PostgreSQL on 127.0.0.1:5432 (trust auth), as .ci/run sets up. Seeds the
# province's counties with enterprises and APPLICATIONS standardization
# applications started over 5 years (timelines, step times, signed
# certificates), then against a release server: the province's step-time
# statistics (one client, 300 requests), and the public certificate check
# from CLIENTS clients for SECONDS, each request from its own address; and,
# as the floor in the same run, /healthz (HTTP alone) from the same clients.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
CLIENTS=${2:-50}
SECS=${3:-20}
PG=postgres://postgres@127.0.0.1:5432/postgres
DB=anjian_bench_std
PASS=Bench-Pass-2026
work=$(mktemp -d)
port=18438
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

cargo build --release -q --bin anjian --example std_load
bin=target/release/anjian
load=target/release/examples/std_load

psql "$PG" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql  # roles: see that file
psql "$PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER anjian_owner"
export ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/$DB
export ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/$DB
export ANJIAN_CERTIFICATE_KEY=${ANJIAN_CERTIFICATE_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn
$bin migrate >/dev/null

echo "== seeding: 100,000 enterprises, $N applications over 5 years"
$bin seed --scale province --enterprises 100000 --hazards 0 --applications "$N" --seed 23
psql "postgres://postgres@127.0.0.1:5432/$DB" -qc "VACUUM ANALYZE"
psql "postgres://postgres@127.0.0.1:5432/$DB" -Atc \
  "SELECT 'applications ' || (SELECT count(*) FROM std_applications) || ', events ' || (SELECT count(*) FROM std_events) || ', certificates ' || (SELECT count(*) FROM std_certificates) || ', step-time rows ' || (SELECT count(*) FROM std_step_days)"
psql "postgres://postgres@127.0.0.1:5432/$DB" -Atc \
  "SELECT number FROM std_certificates WHERE status = 'valid' ORDER BY md5(number) LIMIT 20000" > "$work/numbers.txt"

ANJIAN_TRUSTED_PROXIES=127.0.0.1 $bin serve --listen 127.0.0.1:$port --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
base=http://127.0.0.1:$port

echo "== the province's statistics"
$load stats $base $PASS 300 | tail -1
echo "== the public certificate check"
$load check $base "$CLIENTS" "$SECS" "$work/numbers.txt"
echo "== the floor: /healthz from the same clients"
$load health $base "$CLIENTS" "$SECS"
echo "server memory: $(ps -o rss= -p $server | awk '{printf "%.0f MB", $1/1024}')"
