//! PostgreSQL isolation by the database itself: row-level security for the
//! app role, and a server that refuses roles able to bypass it.

use crate::helpers::*;
use sqlx::{Connection, Row};
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn app_role_sees_only_its_tenants() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let pg = app.pg.as_ref().unwrap();
    let mut c = sqlx::PgConnection::connect(&pg.app_url).await.unwrap();
    for table in [
        "users",
        "user_roles",
        "audit_log",
        "organisations",
        "notifications",
        "jobs",
        "events",
    ] {
        let n: i64 = sqlx::query(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut c)
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0, "{table}: no tenant setting, no rows");
    }
    let mut tx = c.begin().await.unwrap();
    sqlx::raw_sql(&anjian_platform::db::scope_statement("330106", true))
        .execute(&mut *tx)
        .await
        .unwrap();
    let rows = sqlx::query("SELECT DISTINCT tenant_id FROM users")
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    let tenants: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    assert_eq!(tenants, ["330106"]);
    let audit: Vec<String> = sqlx::query("SELECT DISTINCT tenant_id FROM audit_log")
        .fetch_all(&mut *tx)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(audit, ["330106"]);
    let write = sqlx::query("INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, created_at) VALUES ('330203', 'x', 'u', 'k', 't', 'b', 0)")
        .execute(&mut *tx)
        .await;
    assert!(write.is_err(), "WITH CHECK refuses rows of other tenants");
    tx.rollback().await.unwrap();
    // The setting is transaction-local: gone on the next transaction of the same connection.
    let n: i64 = sqlx::query("SELECT count(*) FROM users")
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    let mut tx = c.begin().await.unwrap();
    sqlx::raw_sql(&anjian_platform::db::scope_statement("*", true))
        .execute(&mut *tx)
        .await
        .unwrap();
    let upd = sqlx::query("UPDATE audit_log SET actor = 'x'")
        .execute(&mut *tx)
        .await;
    assert!(upd.is_err(), "the app role cannot rewrite the audit trail");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn server_refuses_roles_that_bypass_rls() {
    let Some(admin) = pg_admin_url() else { return };
    let pg = fresh_pg(&admin);
    let run = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_anjian"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("ANJIAN_DATABASE_URL", url)
            .env("ANJIAN_MIGRATE_DATABASE_URL", &pg.owner_url)
            .output()
            .unwrap()
    };
    // A login role that is not a superuser but has BYPASSRLS.
    let status = Command::new("psql")
        .arg(&admin)
        .args(["-v", "ON_ERROR_STOP=1", "-qc"])
        .arg("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anjian_bypass') THEN CREATE ROLE anjian_bypass LOGIN BYPASSRLS IN ROLE anjian_app; END IF; END $$;")
        .status()
        .unwrap();
    assert!(status.success());
    let bypass_url = pg.app_url.replace("anjian_server@", "anjian_bypass@");
    assert_ne!(bypass_url, pg.app_url);
    let bypass = run(&bypass_url);
    assert!(!bypass.status.success(), "a BYPASSRLS role is refused");
    assert!(
        String::from_utf8_lossy(&bypass.stderr).contains("BYPASSRLS"),
        "{}",
        String::from_utf8_lossy(&bypass.stderr)
    );
    let su = run(&pg.superuser_url());
    assert!(!su.status.success());
    assert!(
        String::from_utf8_lossy(&su.stderr).contains("BYPASSRLS"),
        "{}",
        String::from_utf8_lossy(&su.stderr)
    );
    let owner = run(&pg.owner_url);
    assert!(!owner.status.success());
    assert!(
        String::from_utf8_lossy(&owner.stderr).contains("owns the tables"),
        "{}",
        String::from_utf8_lossy(&owner.stderr)
    );
}

/// Tables with a `tenant_id` that row-level security does not cover, and
/// why: both are read by a token's hash before any tenant is known, and
/// hold no business data.
const NOT_TENANT_SCOPED: &[&str] = &["sessions", "refresh_tokens_used"];

/// Every table with a `tenant_id` column, from the catalogue (a new table
/// is covered by default): RLS on, and as the app role, with rows of two
/// counties present (the demo data of 330106 and 330203), a transaction
/// scoped to 330106 sees, changes and deletes only 330106's rows, and one
/// without a scope sees nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn every_tenant_table_is_isolated_for_the_app_role() {
    let opts = Opts {
        env: vec![("ANJIAN_DEMO_SCALE".into(), "small".into())],
        ..Opts::default()
    };
    let app = spawn_with(Backend::Postgres, opts).await.unwrap();
    let pg = app.pg.as_ref().unwrap();
    let mut su = sqlx::PgConnection::connect(&pg.superuser_url())
        .await
        .unwrap();
    let tables: Vec<(String, bool)> = sqlx::query(
        "SELECT c.relname::text, c.relrowsecurity FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid \
                     AND a.attname = 'tenant_id' AND NOT a.attisdropped) ORDER BY 1",
    )
    .fetch_all(&mut su)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    assert!(tables.len() >= 25, "{tables:?}");
    let mut c = sqlx::PgConnection::connect(&pg.app_url).await.unwrap();
    let mut with_two = Vec::new();
    for (table, rls) in &tables {
        if NOT_TENANT_SCOPED.contains(&table.as_str()) {
            continue;
        }
        assert!(rls, "{table}: row-level security is off");
        let policies: i64 = sqlx::query("SELECT count(*) FROM pg_policies WHERE tablename = $1")
            .bind(table)
            .fetch_one(&mut su)
            .await
            .unwrap()
            .get(0);
        assert!(policies > 0, "{table}: no policy");
        let present: Vec<String> = sqlx::query(&format!(
            "SELECT DISTINCT tenant_id FROM {table} WHERE tenant_id IN ('330106', '330203')"
        ))
        .fetch_all(&mut su)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
        if present.len() == 2 {
            with_two.push(table.clone());
        }
        let n: i64 = sqlx::query(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut c)
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0, "{table}: no scope, no rows");
        let mut tx = c.begin().await.unwrap();
        sqlx::raw_sql(&anjian_platform::db::scope_statement("330106", true))
            .execute(&mut *tx)
            .await
            .unwrap();
        let seen: Vec<String> = sqlx::query(&format!("SELECT DISTINCT tenant_id FROM {table}"))
            .fetch_all(&mut *tx)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(seen.iter().all(|t| t == "330106"), "{table}: saw {seen:?}");
        for write in [
            format!("UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = '330203'"),
            format!("DELETE FROM {table} WHERE tenant_id = '330203'"),
        ] {
            sqlx::query("SAVEPOINT w").execute(&mut *tx).await.unwrap();
            match sqlx::query(&write).execute(&mut *tx).await {
                Ok(done) => assert_eq!(done.rows_affected(), 0, "{table}: {write}"),
                Err(e) => {
                    let code = e
                        .as_database_error()
                        .and_then(|d| d.code())
                        .map(|c| c.to_string());
                    assert_eq!(code.as_deref(), Some("42501"), "{table}: {write}: {e}");
                    sqlx::query("ROLLBACK TO SAVEPOINT w")
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
            }
        }
        tx.rollback().await.unwrap();
    }
    for t in [
        "enterprises",
        "hazards",
        "users",
        "audit_log",
        "organisations",
        "enterprise_history",
    ] {
        assert!(
            with_two.contains(&t.to_string()),
            "{t} had rows of both counties: {with_two:?}"
        );
    }
    eprintln!("isolated with rows of both counties present: {with_two:?}");
}
