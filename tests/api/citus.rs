//! Citus readiness, on plain PostgreSQL and (in the Citus CI step, with
//! `ANJIAN_TEST_CITUS_WORKERS`) on a 3-node Citus cluster: every tenant
//! table can be distributed by `tenant_id`, and the tenant scope reaches the
//! nodes where row-level security is checked.

use crate::helpers::*;
use anjian_platform::citus::{self, Placement};
use anjian_platform::db::scope_statement;
use sqlx::{AnyConnection, Connection, Row};

async fn owner(app: &TestApp) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(&app.pg.as_ref().unwrap().owner_url)
        .await
        .unwrap()
}

/// A new table with a key that lacks `tenant_id` is found, so the migration
/// that adds one fails here, long before anyone tries Citus.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn every_tenant_table_is_distributable() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let mut c = owner(&app).await;
    let bad = citus::violations(&mut c).await.unwrap();
    assert!(
        bad.is_empty(),
        "keys without tenant_id: {:?}",
        bad.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
    let placed = citus::placements(&mut c).await.unwrap();
    let distributed: Vec<&str> = placed
        .iter()
        .filter(|(_, p)| *p == Placement::Distributed)
        .map(|(t, _)| t.as_str())
        .collect();
    for t in [
        "enterprises",
        "hazards",
        "audit_log",
        "std_applications",
        "tr_attempts",
    ] {
        assert!(distributed.contains(&t), "{t} is distributed");
    }
    for t in ["jobs", "events"] {
        assert!(
            placed.contains(&(t.to_string(), Placement::Coordinator)),
            "{t} stays on the coordinator"
        );
    }
    for t in ["tenants", "policies", "users", "tr_questions"] {
        assert!(
            placed.contains(&(t.to_string(), Placement::Reference)),
            "{t} is a reference table"
        );
    }
    // Every distributed table is under row-level security.
    for t in &distributed {
        let rls: bool = sqlx::query(&format!(
            "SELECT relrowsecurity FROM pg_class WHERE oid = '{t}'::regclass"
        ))
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
        assert!(rls, "{t} has row-level security");
    }
    if !on_citus() {
        // The check finds what it is for (Citus would refuse these tables).
        sqlx::raw_sql(
            "CREATE TABLE zz_unique (tenant_id text NOT NULL, id text NOT NULL, \
                                     code text NOT NULL, PRIMARY KEY (tenant_id, id)); \
             CREATE UNIQUE INDEX zz_unique_code ON zz_unique (code); \
             CREATE TABLE zz_pk (tenant_id text NOT NULL, id text PRIMARY KEY); \
             CREATE TABLE zz_fk (tenant_id text NOT NULL, id text NOT NULL, \
                                 parent text REFERENCES zz_pk (id), PRIMARY KEY (tenant_id, id))",
        )
        .execute(&mut c)
        .await
        .unwrap();
        let bad: Vec<(String, String)> = citus::violations(&mut c)
            .await
            .unwrap()
            .into_iter()
            .map(|v| (v.table, v.kind))
            .collect();
        for want in [
            ("zz_unique", "unique"),
            ("zz_pk", "primary key"),
            ("zz_fk", "foreign key"),
        ] {
            assert!(
                bad.contains(&(want.0.to_string(), want.1.to_string())),
                "{want:?} found in {bad:?}"
            );
        }
        // And `migrate --citus` on plain PostgreSQL says what is missing.
        let out = app.cli(&["migrate", "--citus"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no Citus extension"), "{err}");
    }
}

fn on_citus() -> bool {
    !anjian_testkit::citus_workers().is_empty()
}

/// The scope as the server sets it (`SET LOCAL`) shows one tenant's rows of
/// a distributed table and no other's, on plain PostgreSQL and on Citus;
/// with no scope nothing is seen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn tenant_scope_reaches_every_node() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let pg = app.pg.as_ref().unwrap();
    let mut c = sqlx::PgConnection::connect(&pg.app_url).await.unwrap();
    let citus_tables: i64 =
        sqlx::query("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")
            .fetch_one(&mut c)
            .await
            .unwrap()
            .get(0);
    assert_eq!(citus_tables > 0, on_citus());
    if on_citus() {
        let n: i64 = sqlx::query(
            "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = 'audit_log'::regclass \
             AND partmethod = 'h'",
        )
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
        assert_eq!(n, 1, "audit_log is distributed by hash");
    }
    for (scope, want) in [("330106", vec!["330106"]), ("330203", vec!["330203"])] {
        let mut tx = c.begin().await.unwrap();
        sqlx::raw_sql(&scope_statement(scope, on_citus()))
            .execute(&mut *tx)
            .await
            .unwrap();
        for table in ["user_roles", "users", "audit_log"] {
            let seen: Vec<String> = sqlx::query(&format!(
                "SELECT DISTINCT tenant_id FROM {table} ORDER BY 1"
            ))
            .fetch_all(&mut *tx)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
            assert_eq!(seen, want, "{table} under scope {scope}");
        }
        let other = sqlx::query(
            "INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, created_at) \
             VALUES ('330110', 'x', 'u', 'k', 't', 'b', 0)",
        )
        .execute(&mut *tx)
        .await;
        assert!(other.is_err(), "WITH CHECK refuses another tenant's row");
        tx.rollback().await.unwrap();
    }
    let n: i64 = sqlx::query("SELECT count(*) FROM audit_log")
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "no scope, no rows");
}
