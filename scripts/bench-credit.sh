#!/usr/bin/env bash
# Credit benchmark (issue 27). Reproduces docs/benchmarks.md:
#   bash scripts/bench-credit.sh [ENTERPRISES] [PENALTIES] [LISTINGS] [CLIENTS] [SECONDS]
#   (defaults: 500000 200000 20000 50 20; REUSE=1 keeps an earlier run's database)
# PostgreSQL on 127.0.0.1:5432 (trust auth), as .ci/run sets up. Seeds the
# province's counties, users and ENTERPRISES enterprises, then PENALTIES
# published penalties and LISTINGS listings; grades every enterprise once
# (the CLI, timed); then against a release server: the public credit
# profile by USCC from CLIENTS clients for SECONDS; the same while the
# server's job recomputes every grade (its time from the job's own record);
# and /healthz from the same clients as the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
ENT=${1:-500000}
PEN=${2:-200000}
LIST=${3:-20000}
CLIENTS=${4:-50}
SECS=${5:-20}
PG=postgres://postgres@127.0.0.1:5432/postgres
DB=anjian_bench_credit
PASS=Bench-Pass-2026
work=$(mktemp -d)
port=18441
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

cargo build --release -q --bin anjian --example credit_load
bin=target/release/anjian
load=target/release/examples/credit_load

export ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/$DB
export ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/$DB
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn
# REUSE=1: keep the database of an earlier run (same sizes) and skip seeding.
if [ -z "${REUSE:-}" ]; then
    psql "$PG" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql  # roles: see that file
    psql "$PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER anjian_owner"
    $bin migrate >/dev/null
    echo "== seeding: the province's counties and users, $ENT enterprises"
    $bin seed --scale province --enterprises "$ENT" --hazards 0 --applications 0 --seed 27 >/dev/null
    echo "== $PEN penalties and $LIST listings"
    $bin credit generate --penalties "$PEN" --listings "$LIST" --seed 27
fi
echo "== every enterprise graded once (the CLI runs what the job runs)"
$bin credit recompute
psql "postgres://postgres@127.0.0.1:5432/$DB" -qc "VACUUM ANALYZE"
psql "postgres://postgres@127.0.0.1:5432/$DB" -Atc \
  "SELECT uscc FROM cr_grades ORDER BY md5(enterprise_id) LIMIT 20000" > "$work/uscc.txt"

ANJIAN_TRUSTED_PROXIES=127.0.0.1 $bin serve --listen 127.0.0.1:$port --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
base=http://127.0.0.1:$port

echo "== the public credit profile by USCC: $CLIENTS clients for $SECS s"
$load profile $base "$CLIENTS" "$SECS" "$work/uscc.txt"
echo "== the same while the server's job recomputes every grade"
$load recompute $base $PASS "$CLIENTS" "$SECS" "$work/uscc.txt"
echo "== the floor: /healthz from the same clients"
$load health $base "$CLIENTS" "$SECS"
echo "server memory: $(ps -o rss= -p $server | awk '{printf "%.0f MB", $1/1024}')"
