#!/usr/bin/env bash
# The exam-day benchmark (issue 24). Reproduces docs/benchmarks.md:
#   bash scripts/bench-exam.sh [CANDIDATES] [SAVE_SECONDS] [RATES...]   (defaults: 10000 60 333 667 1000)
# PostgreSQL on 127.0.0.1:5432 (trust auth), as .ci/run sets up. A release
# server on a fresh database with the demo data (`serve --demo`: the demo
# bank and blueprint, 30 questions, 60 minutes); then examples/exam_load.rs:
# CANDIDATES candidates registered and booked in sessions of 500, all
# starting within one minute, saving answers at each RATE (saves/s) for
# SAVE_SECONDS each (333/s is the scenario's own rate: 10,000 candidates
# saving every 30 s; higher rates compress the hour), all submitting within
# two minutes, and every acknowledged save compared with what is stored.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
SECS=${2:-60}
shift 2 2>/dev/null || true
RATES=${*:-333 667 1000}
PG=postgres://postgres@127.0.0.1:5432/postgres
DB=anjian_bench_exam
PASS=Bench-Pass-2026
work=$(mktemp -d)
port=18439
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

cargo build --release -q --bin anjian --example exam_load
bin=target/release/anjian

psql "$PG" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql
psql "$PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER anjian_owner"
export ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/$DB
export ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/$DB
export ANJIAN_CERTIFICATE_KEY=${ANJIAN_CERTIFICATE_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_DEMO_SCALE=none ANJIAN_LOG=warn
$bin migrate >/dev/null
$bin serve --demo --listen 127.0.0.1:$port --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done

# shellcheck disable=SC2086
target/release/examples/exam_load http://127.0.0.1:$port $PASS "$N" "$SECS" $RATES
psql "postgres://postgres@127.0.0.1:5432/$DB" -Atc \
  "SELECT 'stored: attempts ' || (SELECT count(*) FROM tr_attempts) || ', submitted ' || (SELECT count(*) FROM tr_attempts WHERE state = 'submitted') || ', answers ' || (SELECT count(*) FROM tr_answers) || ', answer log ' || (SELECT count(*) FROM tr_answer_log) || ', results ' || (SELECT count(*) FROM tr_results)"
echo "server memory: $(ps -o rss= -p $server | awk '{printf "%.0f MB", $1/1024}')"
