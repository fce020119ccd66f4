//! After-hook effects against real storage (SQLite and PostgreSQL): applied
//! once per job however often the job runs, identical ones collapsed, at most
//! a job's worth, only to the county's users of the named role, and reminders
//! of a plugin disabled since are dropped.
#![allow(clippy::unwrap_used)]

use anjian_platform::audit::AuditCtx;
use anjian_platform::config::Config;
use anjian_platform::db::Scope;
use anjian_platform::module::CoreModule;
use anjian_platform::{migrate, notify, users, Platform};
use anjian_plugin_host::manage::effects::{self, Origin, MAX_PER_JOB};
use anjian_plugin_host::Effect;
use anjian_testkit::PgDb;

struct Env {
    p: Platform,
    _pg: Option<PgDb>,
}

async fn sqlite() -> Env {
    let dir = std::env::temp_dir().join(format!("anjian-fx-{}", anjian_platform::time::new_id()));
    let cfg = Config {
        data_dir: dir,
        ..Config::default()
    };
    migrate::run(&cfg.effective_database_url()).await.unwrap();
    Env {
        p: Platform::start(cfg, &[&CoreModule]).await.unwrap(),
        _pg: None,
    }
}

async fn postgres() -> Option<Env> {
    let pg = anjian_testkit::fresh_pg(&anjian_testkit::pg_admin_url()?);
    migrate::run(&pg.owner_url).await.unwrap();
    let cfg = Config {
        database_url: Some(pg.app_url.clone()),
        ..Config::default()
    };
    Some(Env {
        p: Platform::start(cfg, &[&CoreModule]).await.unwrap(),
        _pg: Some(pg),
    })
}

async fn user(p: &Platform, tenant: &str, name: &str, role: &str) -> String {
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
            roles: vec![role.into()],
            org: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    u.id
}

async fn inbox(p: &Platform, tenant: &str, user: &str) -> Vec<notify::Notification> {
    let mut tx =
        p.db.read(Scope::of([tenant.to_string()]), None)
            .await
            .unwrap();
    let (list, _) = notify::inbox(&mut tx, tenant, user, false, 1000, 0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    list
}

fn notify_all(role: &str, subject: &str) -> Effect {
    Effect::Notify {
        role: role.into(),
        subject: subject.into(),
        body: "body".into(),
    }
}

async fn apply(p: &Platform, job: &str, effects: &[Effect]) -> usize {
    let mut tx =
        p.db.write(Scope::of(["330106".to_string()]), None)
            .await
            .unwrap();
    let from = Origin {
        plugin: "rule",
        version_id: "v1",
        job_id: job,
    };
    let n = effects::apply(&mut tx, "330106", &from, effects)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

async fn effects_are_bounded_and_once(p: &Platform) {
    let insp = user(p, "330106", "insp@330106", "inspector").await;
    let admin = user(p, "330106", "admin@330106", "county-admin").await;
    let elsewhere = user(p, "330203", "insp@330203", "inspector").await;

    // Twice the same effect, an unknown role, a reminder in the past.
    let list = vec![
        notify_all("inspector", "one"),
        notify_all("inspector", "one"),
        notify_all("security-admin", "not a role effects may address"),
        Effect::Remind {
            at_ms: 1,
            role: "county-admin".into(),
            subject: "long ago".into(),
            body: String::new(),
        },
    ];
    assert_eq!(apply(p, "job-1", &list).await, 1);
    // The same job again (its worker died before marking it done): nothing.
    assert_eq!(apply(p, "job-1", &list).await, 0);
    let got = inbox(p, "330106", &insp).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("one") && got[0].title.contains("rule"));
    assert!(inbox(p, "330106", &admin).await.is_empty());
    assert!(
        inbox(p, "330203", &elsewhere).await.is_empty(),
        "other counties untouched"
    );

    // A flood: at most a job's worth is applied.
    let flood: Vec<Effect> = (0..MAX_PER_JOB + 40)
        .map(|i| notify_all("county-admin", &format!("n{i}")))
        .collect();
    assert_eq!(apply(p, "job-2", &flood).await, MAX_PER_JOB);
    assert_eq!(inbox(p, "330106", &admin).await.len(), MAX_PER_JOB);
}

#[tokio::test]
async fn effects_are_bounded_and_once_sqlite() {
    effects_are_bounded_and_once(&sqlite().await.p).await;
}

#[tokio::test]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn effects_are_bounded_and_once_postgres() {
    let env = postgres().await.expect("ANJIAN_TEST_DATABASE_URL");
    effects_are_bounded_and_once(&env.p).await;
}
