#!/usr/bin/env bash
# Scale-out benchmark (issue 25): the list scenario of scripts/bench.sh
# against one replica and three replicas on the same PostgreSQL (with Redis),
# and against one replica on a 3-node Citus cluster holding the same data.
#
#   bash scripts/bench-scale.sh [SCALE] [SECONDS] [CLIENTS]   (defaults: county 20 50)
#
# Everything runs on this machine: the replicas, PostgreSQL (or the three
# Citus nodes), Redis and the load generator share its cores, so three
# replicas show what the extra hops and coordination cost, not the capacity
# more machines would add. Results: target/bench/scale.jsonl and the table.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-county}
SECS=${2:-20}
CLIENTS=${3:-50}
PASS=Bench-Pass-2026
DB=anjian_bench_scale
SUPER=postgres://postgres@127.0.0.1:5432
CITUS=postgres://postgres@127.0.0.1:9700
out=target/bench
results=$out/scale.jsonl
mkdir -p "$out"
rm -f "$results"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== services"
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
bash scripts/citus-cluster.sh start

echo "== build (release)"
cargo build --release -q -p anjian -p anjian-bench
bin=target/release/anjian
bench=target/release/anjian-bench
export ANJIAN_DEMO_PASSWORD=$PASS ANJIAN_LOG=warn

# seed NAME: a fresh PostgreSQL database with the roles, seeded with SCALE.
seed() {
    local name=$1
    psql "$SUPER/postgres" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql
    psql "$SUPER/postgres" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name OWNER anjian_owner"
    ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:5432/$name \
        ANJIAN_DATABASE_URL=postgres://anjian_server@127.0.0.1:5432/$name \
        /usr/bin/time -f "seed $SCALE into $name: %e s wall" \
        $bin seed --scale "$SCALE" --seed 42 --applications 0 2>&1 | grep -v '^\s*$' | tail -3
    psql "$SUPER/$name" -qc "VACUUM ANALYZE"
}

# citus_db NAME WORKER_PORTS...: the database on every node of the Citus
# cluster, with the extension, and the workers added on the coordinator.
citus_db() {
    local name=$1
    shift
    for port in 9700 "$@"; do
        local n="postgres://postgres@127.0.0.1:$port"
        psql "$n/postgres" -v ON_ERROR_STOP=1 -qf scripts/pg-roles.sql
        psql "$n/postgres" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name OWNER anjian_owner"
        psql "$n/$name" -qc "CREATE EXTENSION citus"
    done
    psql "$CITUS/$name" -qAtc "SELECT citus_set_coordinator_host('127.0.0.1', 9700)" >/dev/null
    for port in "$@"; do psql "$CITUS/$name" -qAtc "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null; done
}

# serve PORT HOST DB: one replica (Redis on), migrations already applied.
serve() {
    ANJIAN_DATABASE_URL=postgres://anjian_server@$2/$3 ANJIAN_REDIS_URL=redis://127.0.0.1:6379 \
        ANJIAN_REDIS_PREFIX=bench-scale ANJIAN_METRICS_TOKEN=bench-scale-metrics-0123456789 \
        $bin serve --no-migrate --listen "127.0.0.1:$1" --data-dir "$out/scale-$1" >"$out/scale-$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return; sleep 0.2; done
    echo "replica on $1 did not start" >&2
    exit 1
}

# settle URL: the seed leaves work in the job queue (each county's search
# rows, licence reminders); it is worked off by the running replica before a
# measurement, as scripts/bench.sh does, so no job competes with the load.
settle() {
    local due="SELECT count(*) FROM jobs WHERE status IN ('queued', 'running') AND run_at <= (extract(epoch FROM now()) * 1000)::bigint"
    for round in $(seq 1 120); do
        local pending
        pending=$(psql "$1" -Atc "$due")
        [ "$pending" = 0 ] && { echo "   job queue worked off"; return; }
        [ $((round % 6)) = 1 ] && echo "   $pending jobs still due"
        sleep 5
    done
    echo "   jobs still due after 10 minutes: measuring anyway"
}

stop_all() { cleanup; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }

run() {
    local target=$1 urls=$2
    "$bench" run --target "$target" --password "$PASS" --seconds "$SECS" --clients "$CLIENTS" \
        --scenarios list --url "$urls" --pid "${pids[0]}" --counties "$COUNTIES" --out "$results"
}

echo "== seed $SCALE into PostgreSQL ($DB)"
seed "$DB"
COUNTIES=$(psql "$SUPER/$DB" -Atc "SELECT string_agg(tenant_id, ',') FROM (SELECT DISTINCT tenant_id FROM enterprises ORDER BY 1 LIMIT 10) t")

echo "== PostgreSQL, 1 replica"
serve 18601 127.0.0.1:5432 "$DB"
settle "$SUPER/$DB"
"$bench" run --target warm-up --password "$PASS" --seconds 10 --warmup 0 --clients 4 --scenarios list \
    --url http://127.0.0.1:18601/graphql --counties "$COUNTIES" >/dev/null
run postgres-1-replica http://127.0.0.1:18601/graphql

echo "== PostgreSQL, 3 replicas"
serve 18602 127.0.0.1:5432 "$DB"
serve 18603 127.0.0.1:5432 "$DB"
run postgres-3-replicas http://127.0.0.1:18601/graphql,http://127.0.0.1:18602/graphql,http://127.0.0.1:18603/graphql
stop_all

echo "== the same data onto Citus (coordinator 9700, workers 9701 and 9702)"
# A province moving onto Citus: the schema distributed by `anjian migrate
# --citus`, then the rows copied as the superuser (whom row-level security
# does not apply to; the import's bulk path does not run on Citus, see
# docs/scaling.md). Rows the migration itself wrote (divisions, seed
# versions) are skipped.
citus_db "$DB" 9701 9702
ANJIAN_MIGRATE_DATABASE_URL=postgres://anjian_owner@127.0.0.1:9700/$DB $bin migrate --citus | tail -1
/usr/bin/time -f "copy onto Citus: %e s wall" sh -c "pg_dump --data-only --no-owner \
    --exclude-table=_sqlx_migrations --exclude-table=tenants --exclude-table=seed_versions \
    '$SUPER/$DB' | psql -q '$CITUS/$DB' >/dev/null"
psql "$CITUS/$DB" -qc "VACUUM ANALYZE"
psql "$CITUS/$DB" -Atc "SELECT 'distributed tables: ' || count(*) FILTER (WHERE partmethod = 'h') || ', reference tables: ' || count(*) FILTER (WHERE partmethod = 'n') || ', enterprises: ' || (SELECT count(*) FROM enterprises) || ', hazards: ' || (SELECT count(*) FROM hazards) FROM pg_dist_partition"

echo "== Citus, 1 replica"
serve 18601 127.0.0.1:9700 "$DB"
settle "$CITUS/$DB"
"$bench" run --target warm-up --password "$PASS" --seconds 10 --warmup 0 --clients 4 --scenarios list \
    --url http://127.0.0.1:18601/graphql --counties "$COUNTIES" >/dev/null
run citus-1-replica http://127.0.0.1:18601/graphql
stop_all

echo "== results"
"$bench" table "$results" | tee "$out/scale.md"
