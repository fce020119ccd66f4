//! Storage-level tests of the core on SQLite and PostgreSQL: the scope guard, ended reads,
//! job retries, backoff, failures, lease reclaim and release, the outbox, and
//! session expiry.
#![allow(clippy::unwrap_used)]

use anjian_platform::audit::AuditCtx;
use anjian_platform::config::Config;
use anjian_platform::db::{Backend, Scope};
use anjian_platform::jobs::{self, Registry};
use anjian_platform::module::{CoreModule, Module};
use anjian_platform::time::now_ms;
use anjian_platform::{auth, migrate, notify, users, Error, Platform};
use anjian_testkit::PgDb;
use sqlx::Row;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

static FLAKY_CALLS: AtomicU32 = AtomicU32::new(0);

struct TestModule;

impl Module for TestModule {
    fn name(&self) -> &'static str {
        "test"
    }
    fn register(&self, r: &mut Registry) {
        r.job(
            "test.broken",
            Arc::new(|_, _| Box::pin(async { Err(Error::Internal("always broken".into())) })),
        );
        r.job(
            "test.flaky",
            Arc::new(|_, _| {
                Box::pin(async {
                    if FLAKY_CALLS.fetch_add(1, Ordering::SeqCst) == 0 {
                        Err(Error::Internal("first try fails".into()))
                    } else {
                        Ok(())
                    }
                })
            }),
        );
    }
}

struct Env {
    p: Platform,
    /// The schema owner's database URL.
    owner: String,
    _pg: Option<PgDb>,
    _dir: Option<std::path::PathBuf>,
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(dir) = &self._dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

async fn sqlite() -> Env {
    let dir = std::env::temp_dir().join(format!("anjian-pt-{}", uuid::Uuid::new_v4().simple()));
    let cfg = Config {
        data_dir: dir.clone(),
        ..Config::default()
    };
    let owner = cfg.effective_database_url();
    migrate::run(&owner).await.unwrap();
    Env {
        owner,
        p: Platform::start(cfg, &[&CoreModule, &TestModule])
            .await
            .unwrap(),
        _pg: None,
        _dir: Some(dir),
    }
}

async fn postgres() -> Option<Env> {
    let pg = anjian_testkit::fresh_pg(&anjian_testkit::pg_admin_url()?);
    migrate::run(&pg.owner_url).await.unwrap();
    let cfg = Config {
        database_url: Some(pg.app_url.clone()),
        ..Config::default()
    };
    let p = Platform::start(cfg, &[&CoreModule, &TestModule])
        .await
        .unwrap();
    p.db.check_app_role().await.unwrap();
    Some(Env {
        p,
        owner: pg.owner_url.clone(),
        _pg: Some(pg),
        _dir: None,
    })
}

macro_rules! both {
    ($name:ident, $check:path) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                $check(&super::sqlite().await.p).await;
            }
            #[tokio::test]
            #[cfg_attr(
                not(anjian_pg),
                ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
            )]
            async fn postgres() {
                let env = super::postgres().await.expect("ANJIAN_TEST_DATABASE_URL");
                $check(&env.p).await;
            }
        }
    };
}

async fn user(p: &Platform, tenant: &str, name: &str) -> users::User {
    let dir = p.tenancy.directory(&p.db).await.unwrap();
    let policy = p.policies.security(&p.db).await.unwrap();
    let mut tx = p.db.write(Scope::All, None).await.unwrap();
    let u = users::create_user(
        &mut tx,
        &AuditCtx::system(p.audit_alg),
        None,
        &dir,
        &policy,
        users::NewUser {
            tenant: tenant.into(),
            username: name.into(),
            display_name: name.into(),
            password: "Test-Pass-2026".into(),
            roles: vec!["inspector".into()],
            org: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    u
}

async fn scope_guard(p: &Platform) {
    user(p, "330106", "a@330106").await;
    user(p, "330203", "b@330203").await;
    let mut tx = p.db.read(Scope::of(["330106"]), None).await.unwrap();
    assert!(
        tx.sql("SELECT * FROM users WHERE id = $1").is_err(),
        "unscoped statement refused"
    );
    let (list, total) = users::list(&mut tx, None, 100, 0).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(list[0].tenant_id, "330106");
    let err = tx.ensure_writable("330203").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)));
    tx.commit().await.unwrap();
    let mut none = p.db.read(Scope::Nothing, None).await.unwrap();
    assert_eq!(users::list(&mut none, None, 100, 0).await.unwrap().1, 0);
}
both!(scope_is_enforced_in_one_place, scope_guard);

/// A read transaction ended without a round trip of its own (`Tx::end_read`)
/// leaves nothing behind: what it wrote is rolled back, the tenant scope it
/// set does not carry over to the connection's next user, and the pool
/// serves the next transaction at once.
async fn ended_reads(p: &Platform) {
    user(p, "330106", "a@330106").await;
    for _ in 0..40 {
        let mut tx = p.db.read(Scope::of(["330106"]), None).await.unwrap();
        let sql = tx
            .sql("UPDATE users SET display_name = 'changed' WHERE {tenant}")
            .unwrap();
        assert_eq!(tx.exec(sqlx::query(&sql)).await.unwrap(), 1);
        tx.end_read();
        if p.db.backend() == Backend::Postgres {
            // Outside any transaction no scope is set: row-level security
            // shows nothing, unless the ended one's setting leaked.
            let seen: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
                .fetch_one(p.db.pool())
                .await
                .unwrap();
            assert_eq!(seen, 0, "the ended transaction's scope carried over");
        }
    }
    let mut tx = p.db.read(Scope::All, None).await.unwrap();
    let sql = tx
        .sql("SELECT count(*) FROM users WHERE {tenant} AND display_name = 'changed'")
        .unwrap();
    assert_eq!(
        tx.scalar(sqlx::query(&sql)).await.unwrap(),
        0,
        "rolled back"
    );
    tx.end_read();
}
both!(ended_read_transactions_leave_nothing_behind, ended_reads);

async fn force_due(p: &Platform) {
    let mut tx = p.db.write(Scope::All, None).await.unwrap();
    let sql = tx
        .sql("UPDATE jobs SET run_at = 0 WHERE {tenant} AND status = 'queued'")
        .unwrap();
    tx.exec(sqlx::query(&sql)).await.unwrap();
    tx.commit().await.unwrap();
}

async fn job(p: &Platform, id: &str) -> (String, i64, Option<String>, i64) {
    let mut tx = p.db.read(Scope::All, None).await.unwrap();
    let sql = tx
        .sql("SELECT status, attempts, last_error, run_at FROM jobs WHERE {tenant} AND id = $1")
        .unwrap();
    let r = tx
        .one(sqlx::query(&sql).bind(id.to_string()))
        .await
        .unwrap();
    (
        r.get("status"),
        r.get("attempts"),
        r.get("last_error"),
        r.get("run_at"),
    )
}

async fn retries(p: &Platform) {
    FLAKY_CALLS.store(0, Ordering::SeqCst);
    let mut tx = p.db.write(Scope::of(["330106"]), None).await.unwrap();
    let broken = jobs::enqueue(
        &mut tx,
        "330106",
        "test.broken",
        &serde_json::json!({}),
        0,
        None,
        3,
    )
    .await
    .unwrap();
    let flaky = jobs::enqueue(
        &mut tx,
        "330106",
        "test.flaky",
        &serde_json::json!({}),
        0,
        None,
        3,
    )
    .await
    .unwrap();
    let dup = jobs::enqueue(
        &mut tx,
        "330106",
        "test.flaky",
        &serde_json::json!({}),
        0,
        Some("k"),
        3,
    )
    .await
    .unwrap();
    jobs::enqueue(
        &mut tx,
        "330106",
        "test.flaky",
        &serde_json::json!({}),
        0,
        Some("k"),
        3,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (_, stop) = tokio::sync::watch::channel(false);
    let before = now_ms();
    jobs::tick(p, "w1", &stop).await.unwrap();
    let (status, attempts, err, run_at) = job(p, &broken).await;
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert_eq!(
        err,
        Some(format!("internal error (job {broken}): see the server log")),
        "the internal text stays in the log"
    );
    assert!(run_at >= before + 1500, "backoff before the retry");
    for _ in 0..4 {
        force_due(p).await;
        jobs::tick(p, "w1", &stop).await.unwrap();
    }
    assert_eq!(job(p, &broken).await.0, "failed");
    assert_eq!(job(p, &broken).await.1, 3, "stops at max attempts");
    let f = job(p, &flaky).await;
    assert_eq!(f.0, "done");
    let d = job(p, &dup).await;
    assert_eq!(d.0, "done");
    let mut tx = p.db.read(Scope::of(["330106"]), None).await.unwrap();
    let (failed, n) = jobs::list(&mut tx, Some("failed"), 10, 0).await.unwrap();
    assert_eq!(n, 1, "admins see failures");
    // An internal error's text goes to the log, not to the admins who read
    // the queue: they see the job id to ask about.
    let shown = failed[0].last_error.as_deref().unwrap_or_default();
    assert!(!shown.contains("always broken"), "{shown}");
    assert_eq!(
        shown,
        format!("internal error (job {broken}): see the server log")
    );
    let (_, all) = jobs::list(&mut tx, None, 10, 0).await.unwrap();
    assert_eq!(all, 3, "the dedupe key kept one job");
}
both!(jobs_retry_with_backoff_then_fail, retries);

async fn leases(p: &Platform) {
    let mut tx = p.db.write(Scope::of(["330106"]), None).await.unwrap();
    let id = jobs::enqueue(
        &mut tx,
        "330106",
        "test.flaky",
        &serde_json::json!({}),
        0,
        None,
        3,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let a = jobs::claim(p, "worker-a", 10).await.unwrap();
    assert_eq!(a.len(), 1);
    assert!(
        jobs::claim(p, "worker-b", 10).await.unwrap().is_empty(),
        "claimed once"
    );
    jobs::release(p, "worker-a", &[(a[0].tenant_id.clone(), a[0].id.clone())])
        .await
        .unwrap();
    assert_eq!(job(p, &id).await.0, "queued", "released on shutdown");
    let again = jobs::claim(p, "worker-b", 10).await.unwrap();
    assert_eq!(again.len(), 1);
    // worker-b dies: once its lease expires another worker takes the job.
    let mut tx = p.db.write(Scope::All, None).await.unwrap();
    let sql = tx
        .sql("UPDATE jobs SET locked_until = 0 WHERE {tenant} AND id = $1")
        .unwrap();
    tx.exec(sqlx::query(&sql).bind(id.clone())).await.unwrap();
    tx.commit().await.unwrap();
    let c = jobs::claim(p, "worker-c", 10).await.unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].id, id);
    // A job that dies on its last attempt fails rather than looping.
    let mut tx = p.db.write(Scope::of(["330106"]), None).await.unwrap();
    let last = jobs::enqueue(
        &mut tx,
        "330106",
        "test.flaky",
        &serde_json::json!({}),
        0,
        None,
        1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mine = jobs::claim(p, "worker-d", 10).await.unwrap();
    assert!(mine.iter().any(|j| j.id == last));
    let mut tx = p.db.write(Scope::All, None).await.unwrap();
    let sql = tx
        .sql("UPDATE jobs SET locked_until = 0 WHERE {tenant} AND id = $1")
        .unwrap();
    tx.exec(sqlx::query(&sql).bind(last.clone())).await.unwrap();
    tx.commit().await.unwrap();
    let again = jobs::claim(p, "worker-e", 10).await.unwrap();
    assert!(
        !again.iter().any(|j| j.id == last),
        "not retried past max attempts"
    );
    assert_eq!(job(p, &last).await.0, "failed");
}
both!(job_leases_survive_crashes_and_release, leases);

async fn outbox(p: &Platform) {
    let u = user(p, "330106", "c@330106").await;
    let mut rx = p.bus.subscribe();
    let mut tx = p.db.write(Scope::of(["330106"]), None).await.unwrap();
    notify::post(&mut tx, "330106", &u.id, "message", "标题", "正文", None)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let (_, stop) = tokio::sync::watch::channel(false);
    jobs::tick(p, "w", &stop).await.unwrap();
    assert!(rx.try_recv().is_err(), "a rolled-back change emits nothing");
    let mut tx = p.db.write(Scope::of(["330106"]), None).await.unwrap();
    notify::post(&mut tx, "330106", &u.id, "message", "标题", "正文", None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    jobs::tick(p, "w", &stop).await.unwrap();
    jobs::tick(p, "w", &stop).await.unwrap();
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n.title, "标题");
}
both!(events_are_delivered_after_commit, outbox);

async fn sessions(p: &Platform) {
    user(p, "330106", "d@330106").await;
    let ctx = AuditCtx::system(p.audit_alg);
    let t = auth::login(p, "d@330106", "Test-Pass-2026", &ctx)
        .await
        .unwrap();
    assert_eq!(
        auth::authenticate(p, &t.token).await.unwrap().tenant,
        "330106"
    );
    let idle = now_ms() - 31 * 60_000;
    let mut tx = p.db.write(Scope::Nothing, None).await.unwrap();
    // Like every change to sign-in state: clears the session cache at commit.
    tx.auth_changed();
    tx.exec(sqlx::query("UPDATE sessions SET last_seen_at = $1").bind(idle))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        matches!(
            auth::authenticate(p, &t.token).await,
            Err(Error::Unauthenticated)
        ),
        "idle sessions time out"
    );
    let t = auth::login(p, "d@330106", "Test-Pass-2026", &ctx)
        .await
        .unwrap();
    let mut tx = p.db.write(Scope::Nothing, None).await.unwrap();
    // Like every change to sign-in state: clears the session cache at commit.
    tx.auth_changed();
    tx.exec(sqlx::query("UPDATE sessions SET expires_at = $1").bind(now_ms() - 1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        matches!(
            auth::authenticate(p, &t.token).await,
            Err(Error::Unauthenticated)
        ),
        "expired tokens fail"
    );
    let t = auth::refresh(p, &t.refresh_token, &ctx).await.unwrap();
    assert!(
        auth::authenticate(p, &t.token).await.is_ok(),
        "but the session can be refreshed"
    );
    let mut tx = p.db.write(Scope::Nothing, None).await.unwrap();
    // Like every change to sign-in state: clears the session cache at commit.
    tx.auth_changed();
    tx.exec(sqlx::query("UPDATE sessions SET last_seen_at = $1").bind(idle))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        matches!(
            auth::refresh(p, &t.refresh_token, &ctx).await,
            Err(Error::Unauthenticated)
        ),
        "not once it idled out"
    );
}
both!(sessions_expire_and_idle_out, sessions);

/// The bulk path's delimited rows reach PostgreSQL exactly: text that looks
/// like escapes or SQL, empty text against NULL, integers and floats.
#[tokio::test]
async fn bulk_rows_arrive_exactly() {
    use anjian_platform::bulk::{select_sql, Delimited};
    let Some(env) = postgres().await else { return };
    let texts = [
        Some("杭州某某化工有限公司"),
        Some(""),
        None,
        Some("a\\tb\\\\c \\x1e"),
        Some("O'Brien; DROP TABLE x; --"),
        Some("line\nbreak\ttab,comma\"quote{}"),
        Some("\\N甲"),
    ];
    let floats = [
        Some(0.1),
        Some(-1234.5678),
        Some(1e-7),
        None,
        Some(1e21),
        Some(0.0),
        Some(3.0),
    ];
    let ints = [
        Some(i64::MIN),
        Some(i64::MAX),
        Some(0),
        None,
        Some(-1),
        Some(42),
        Some(7),
    ];
    let mut d = Delimited::default();
    for i in 0..texts.len() {
        d.row()
            .int(Some(i as i64))
            .text(texts[i])
            .int(ints[i])
            .float(floats[i]);
    }
    let text = d.finish().expect("no separators");
    let mut tx = env.p.db.write(Scope::All, None).await.unwrap();
    tx.exec(sqlx::query(
        "CREATE TEMP TABLE bulk_t (k int8, t text, n int8, x float8) ON COMMIT DROP",
    ))
    .await
    .unwrap();
    let cols = [("k", "int8"), ("t", "text"), ("n", "int8"), ("x", "float8")];
    let sql = format!("INSERT INTO bulk_t {}", select_sql("$1", &cols));
    assert_eq!(tx.exec(sqlx::query(&sql).bind(text)).await.unwrap(), 7);
    let rows = tx
        .all(sqlx::query("SELECT t, n, x FROM bulk_t ORDER BY k"))
        .await
        .unwrap();
    for (i, r) in rows.iter().enumerate() {
        let t: Option<String> = r.try_get("t").unwrap();
        let n: Option<i64> = r.try_get("n").unwrap();
        let x: Option<f64> = r.try_get("x").unwrap();
        assert_eq!(t.as_deref(), texts[i], "row {i}");
        assert_eq!(n, ints[i], "row {i}");
        assert_eq!(x, floats[i], "row {i}");
    }
    tx.rollback().await.unwrap();
}

/// The names of the hazards' indexes, as the owner sees them.
async fn hazard_index_names(env: &Env) -> Vec<String> {
    use sqlx::Connection;
    let sql = match env.p.db.backend() {
        anjian_platform::db::Backend::Postgres => {
            "SELECT indexname::text FROM pg_indexes WHERE tablename = 'hazards' ORDER BY 1"
        }
        anjian_platform::db::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hazards' ORDER BY 1"
        }
    };
    let mut c = sqlx::AnyConnection::connect(&env.owner).await.unwrap();
    sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
}

/// A bulk load's indexes set aside: only on empty tables, constraints kept,
/// and a load killed before building them gets them back from the next
/// migration run.
async fn deferred_indexes(env: &Env) {
    use anjian_platform::deferred;
    let all = hazard_index_names(env).await;
    let set_aside = deferred::defer(&env.owner, &["hazards"]).await.unwrap();
    let names: Vec<&str> = set_aside.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "hazards_enterprise",
            "hazards_found",
            "hazards_id",
            "hazards_recent",
            "hazards_state"
        ]
    );
    let kept = hazard_index_names(env).await;
    assert_eq!(
        kept.len(),
        all.len() - 5,
        "only the primary key stays: {kept:?}"
    );
    assert!(kept.iter().all(|k| !names.contains(&k.as_str())));

    // The load is "killed" here; the next migration run builds them.
    migrate::run(&env.owner).await.unwrap();
    assert_eq!(hazard_index_names(env).await, all);
    let mut c = <sqlx::AnyConnection as sqlx::Connection>::connect(&env.owner)
        .await
        .unwrap();
    assert!(deferred::pending(&mut c).await.unwrap().is_empty());
    // Nothing left to build: a second run is a no-op.
    assert_eq!(deferred::restore(&env.owner).await.unwrap(), 0);

    // A table with rows keeps its indexes.
    let mut tx = env.p.db.write(Scope::All, None).await.unwrap();
    tx.exec(sqlx::query(
        "INSERT INTO hazards (tenant_id, id, enterprise_id, enterprise_uscc, enterprise_name, \
         industry, division_code, source, category, level, state, description, found_at, \
         found_month, reporter, created_at, updated_at) \
         VALUES ('330106', 'h1', 'e1', 'u', 'n', 'C', '330106', 'self_check', 'equipment', \
         'general', 'reported', 'x', 1, '2026-01', 'u', 1, 1)",
    ))
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(deferred::defer(&env.owner, &["hazards"])
        .await
        .unwrap()
        .is_empty());
    assert_eq!(hazard_index_names(env).await, all);
    // Names that are not plain table names are refused.
    assert!(deferred::defer(&env.owner, &["hazards; DROP TABLE users"])
        .await
        .is_err());
}

mod deferred_indexes_come_back {
    #[tokio::test]
    async fn sqlite() {
        super::deferred_indexes(&super::sqlite().await).await;
    }
    #[tokio::test]
    async fn postgres() {
        if let Some(env) = super::postgres().await {
            super::deferred_indexes(&env).await;
        }
    }
}
