#!/usr/bin/env bash
# Load benchmark (issue 6), end to end from a clean checkout:
#   bash scripts/bench.sh [SCALE] [SECONDS] [CLIENTS]      (defaults: province 20 50)
#
# 1. starts PostgreSQL and Redis if they are down;
#    (BENCH_SKIP_SEED=1 reuses the data of an earlier run)
# 2. seeds SCALE (`anjian seed`) into a fresh PostgreSQL database, and the
#    county scale into SQLite (BENCH_SQLITE_SCALE, default county);
# 3. runs the harness (`anjian-bench`, bench/) against servers it starts:
#    SQLite, PostgreSQL, PostgreSQL + Redis; scenarios login, list, report,
#    dashboard; CLIENTS concurrent clients for SECONDS each;
# 4. runs the list scenario against PostGraphile 4 over the same tables;
# 5. prints the table (target/bench/results.md) and plots
#    docs/bench-latency.png.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-province}
SECS=${2:-20}
CLIENTS=${3:-50}
SQLITE_SCALE=${BENCH_SQLITE_SCALE:-county}
PASS=Bench-Pass-2026
DB=anjian_bench_load
SUPER=postgres://postgres@127.0.0.1:5432
out=target/bench
results=$out/results.jsonl
mkdir -p "$out"
rm -f "$results"
peer=

cleanup() { [ -n "$peer" ] && kill "$peer" 2>/dev/null || true; }
trap cleanup EXIT

echo "== services"
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi

echo "== build (release)"
cargo build --release -q -p anjian -p anjian-bench
bin=target/release/anjian
bench=target/release/anjian-bench
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn

psql "$SUPER/postgres" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql  # roles: see that file
OWNER=postgres://anjian_owner@127.0.0.1:5432/$DB
APP=postgres://anjian_server@127.0.0.1:5432/$DB
if [ "${BENCH_SKIP_SEED:-0}" = 1 ] && psql "$SUPER/$DB" -qAtc "SELECT 1" >/dev/null 2>&1 && [ -d "$out/sqlite" ]; then
    echo "== reusing the seeded data (BENCH_SKIP_SEED=1)"
else
    echo "== seed $SCALE into PostgreSQL ($DB)"
    psql "$SUPER/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER anjian_owner"
    ANJIAN_MIGRATE_DATABASE_URL=$OWNER ANJIAN_DATABASE_URL=$APP \
        /usr/bin/time -f "seed $SCALE (PostgreSQL): %e s wall, %M KB max RSS" \
        $bin seed --scale "$SCALE" --seed 42 2>&1 | grep -v '^\s*$' | tee "$out/seed-postgres.txt"
    psql "$SUPER/$DB" -qc "VACUUM ANALYZE"
    psql "$SUPER/$DB" -Atc "SELECT 'enterprises ' || (SELECT count(*) FROM enterprises) || ', hazards ' || (SELECT count(*) FROM hazards) || ', database ' || pg_size_pretty(pg_database_size('$DB'))" | tee -a "$out/seed-postgres.txt"

    echo "== seed $SQLITE_SCALE into SQLite"
    rm -rf "$out/sqlite"
    /usr/bin/time -f "seed $SQLITE_SCALE (SQLite): %e s wall, %M KB max RSS" \
        $bin seed --scale "$SQLITE_SCALE" --seed 42 --data-dir "$out/sqlite" 2>&1 | grep -v '^\s*$' | tee "$out/seed-sqlite.txt"
fi
# The counties whose users load the server: up to 10 that have enterprises.
COUNTIES=$(psql "$SUPER/$DB" -Atc "SELECT string_agg(tenant_id, ',') FROM (SELECT DISTINCT tenant_id FROM enterprises ORDER BY 1 LIMIT 10) t")

run() { "$bench" run --password "$PASS" --seconds "$SECS" --clients "$CLIENTS" --out "$results" "$@"; }

echo "== harness: Anjian on SQLite ($SQLITE_SCALE)"
run --target anjian-sqlite --start --data-dir "$out/sqlite" --counties 330106
echo "== warm-up on PostgreSQL (not recorded): reads the tables into the caches"
# The seed leaves work to the job queue: each county's search rows (1-4 s
# per county), the reminders of licences that run out within their window,
# the import events; a run's reports leave their events. Before each
# PostgreSQL measurement the queue is worked off until no job is due, so
# none runs during a measurement.
due="SELECT count(*) FROM jobs WHERE status IN ('queued', 'running') AND run_at <= (extract(epoch FROM now()) * 1000)::bigint"
# After the first round a light load (2 clients) keeps the caches warm and
# leaves the job worker the CPU.
settle() {
    for round in $(seq 1 60); do
        clients=$([ "$round" = 1 ] && echo "$1" || echo 2)
        "$bench" run --target warm-up --password "$PASS" --seconds 10 --warmup 0 --clients "$clients" \
            --scenarios list,dashboard --start --data-dir "$out/pg-data" --database-url "$APP" \
            --migrate-database-url "$OWNER" --counties "$COUNTIES" >/dev/null
        pending=$(psql "$SUPER/$DB" -Atc "$due")
        echo "   round $round: $pending jobs still due"
        [ "$pending" = 0 ] && break
    done
}
settle "$CLIENTS"
echo "== harness: Anjian on PostgreSQL ($SCALE)"
run --target anjian-postgres --start --data-dir "$out/pg-data" \
    --database-url "$APP" --migrate-database-url "$OWNER" --counties "$COUNTIES"
echo "== the queue worked off after that run's reports (not recorded)"
settle 2
# The dashboard's floor in the same run: the same server with its read
# cache off (every request groups the roll-up, as before issue 20).
echo "== harness: the dashboard on PostgreSQL, read cache off"
ANJIAN_READ_CACHE_MS=0 run --target anjian-postgres-uncached --scenarios dashboard --start --data-dir "$out/pg-data" \
    --database-url "$APP" --migrate-database-url "$OWNER" --counties "$COUNTIES"
echo "== harness: Anjian on PostgreSQL + Redis"
run --target anjian-postgres-redis --start --data-dir "$out/pg-data" \
    --database-url "$APP" --migrate-database-url "$OWNER" --redis-url redis://127.0.0.1:6379 --counties "$COUNTIES"

echo "== harness: PostGraphile 4 on the same tables (list)"
pgdir=$out/postgraphile
mkdir -p "$pgdir"
if [ ! -x "$pgdir/node_modules/.bin/postgraphile" ]; then
    (cd "$pgdir" && npm install --silent --no-audit --no-fund postgraphile@4 >/dev/null)
fi
cp scripts/postgraphile.tags.json5 "$pgdir/"
# As the superuser: PostGraphile would need Anjian's tenant setting to pass
# row-level security, so the peer reads without it (less work than Anjian).
(cd "$pgdir" && NODE_ENV=production exec node_modules/.bin/postgraphile -c "$SUPER/$DB" \
    --schema public --port 5055 --disable-query-log >postgraphile.log 2>&1) &
peer=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d '{"query":"{__typename}"}' http://127.0.0.1:5055/graphql && break; sleep 0.2; done
node_pid=$(pgrep -f "postgraphile -c $SUPER/$DB" | head -1)
run --target postgraphile --server postgraphile --url http://127.0.0.1:5055/graphql \
    --pid "$node_pid" --scenarios list --counties "$COUNTIES"
kill "$peer" 2>/dev/null || true
peer=

echo "== results"
"$bench" table "$results" | tee "$out/results.md"

echo "== plot"
if [ ! -x "$out/venv/bin/python" ]; then
    python3 -m venv "$out/venv"
    "$out/venv/bin/pip" install -q matplotlib
fi
"$out/venv/bin/python" scripts/bench_plot.py "$results" docs/bench-latency.png
