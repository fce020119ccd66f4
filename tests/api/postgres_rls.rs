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
    sqlx::query("SELECT set_config('anjian.tenants', '330106', true)")
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
    sqlx::query("SELECT set_config('anjian.tenants', '*', true)")
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
