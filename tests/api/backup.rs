//! `anjian backup` under writes and `anjian restore` into empty storage:
//! every record committed before the backup is there, the audit chains
//! verify, and a backup whose bytes changed is refused.

use crate::helpers::*;
use serde_json::json;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const CREATE: &str = "mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }";

fn enterprise(seed: u64) -> serde_json::Value {
    let uscc = anjian_enterprise::model::generate_uscc(seed, "330106").to_string();
    json!({"uscc": uscc, "name": format!("备份测试企业{seed}"), "productionAddress": "某路1号",
           "divisionCode": "330106001", "industry": "WH", "staffCount": 10, "revenueWan": 100.0})
}

/// Runs the binary with only `env` (and PATH).
fn anjian(args: &[&str], env: &[(&str, String)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_anjian"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run anjian")
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Backs `app` up while a client keeps writing; returns the backup's
/// directory and the enterprises committed before it began.
async fn backup_under_writes(app: &TestApp) -> (std::path::PathBuf, Vec<String>) {
    let t = app.login("county-admin@330106").await;
    let mut before = Vec::new();
    for seed in 0..15 {
        let v = app
            .ok(Some(&t), CREATE, json!({"i": enterprise(900 + seed)}))
            .await;
        before.push(v["createEnterprise"]["id"].as_str().unwrap().to_string());
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, base, t) = (stop.clone(), app.base.clone(), t.clone());
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut seed = 2000;
            while !stop.load(Ordering::Relaxed) {
                seed += 1;
                let _ = http
                    .post(format!("{base}/graphql"))
                    .bearer_auth(&t)
                    .json(&json!({"query": CREATE, "variables": {"i": enterprise(seed)}}))
                    .send()
                    .await;
            }
            seed - 2000
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let dir = std::env::temp_dir().join(format!("anjian-backup-{}", uuid::Uuid::new_v4().simple()));
    let out = app.cli(&["backup", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.unwrap();
    assert!(written > 1, "the backup ran under writes ({written})");
    (dir, before)
}

/// The backup's bytes changed: restore refuses and writes nothing.
fn tampered_is_refused(
    dir: &std::path::Path,
    db_file: &str,
    env: &[(&str, String)],
    data_dir: &std::path::Path,
) {
    let copy = dir.with_extension("tampered");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
    }
    let f = copy.join(db_file);
    let mut bytes = std::fs::read(&f).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x5a;
    std::fs::write(&f, bytes).unwrap();
    let mut args = vec!["restore", copy.to_str().unwrap()];
    let dd = data_dir.to_str().unwrap();
    args.extend(["--data-dir", dd]);
    let out = anjian(&args, env);
    assert!(!out.status.success(), "a changed backup is refused");
    assert!(text(&out).contains("SHA-256"), "{}", text(&out));
    assert!(!data_dir.join("anjian.db").exists(), "nothing written");
    let _ = std::fs::remove_dir_all(copy);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_sqlite() {
    use sqlx::Connection;
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let (dir, before) = backup_under_writes(&app).await;
    let fresh =
        std::env::temp_dir().join(format!("anjian-restored-{}", uuid::Uuid::new_v4().simple()));
    tampered_is_refused(&dir, "anjian.db", &[], &fresh);
    let out = anjian(
        &[
            "restore",
            dir.to_str().unwrap(),
            "--data-dir",
            fresh.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));
    let again = anjian(
        &[
            "restore",
            dir.to_str().unwrap(),
            "--data-dir",
            fresh.to_str().unwrap(),
        ],
        &[],
    );
    assert!(!again.status.success(), "never over existing data");
    let verify = anjian(
        &["audit", "verify", "--data-dir", fresh.to_str().unwrap()],
        &[],
    );
    assert!(text(&verify).contains("intact"), "{}", text(&verify));
    let url = format!("sqlite://{}", fresh.join("anjian.db").display());
    let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for id in &before {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises WHERE id = ?")
            .bind(id)
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(n, 1, "{id} committed before the backup");
    }
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(fresh);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn backup_and_restore_postgres() {
    use sqlx::Connection;
    let app = spawn_app(Backend::Postgres).await.unwrap();
    let (dir, before) = backup_under_writes(&app).await;
    let target = anjian_testkit::fresh_pg(&anjian_testkit::pg_admin_url().unwrap());
    let env = [
        ("ANJIAN_DATABASE_URL", target.app_url.clone()),
        ("ANJIAN_MIGRATE_DATABASE_URL", target.owner_url.clone()),
    ];
    let scratch =
        std::env::temp_dir().join(format!("anjian-restored-{}", uuid::Uuid::new_v4().simple()));
    tampered_is_refused(&dir, "database.dump", &env, &scratch);
    let out = anjian(
        &[
            "restore",
            dir.to_str().unwrap(),
            "--data-dir",
            scratch.to_str().unwrap(),
        ],
        &env,
    );
    assert!(out.status.success(), "{}", text(&out));
    let verify = anjian(
        &["audit", "verify", "--data-dir", scratch.to_str().unwrap()],
        &env,
    );
    assert!(text(&verify).contains("intact"), "{}", text(&verify));
    let mut c = sqlx::PgConnection::connect(&target.superuser_url())
        .await
        .unwrap();
    for id in &before {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises WHERE id = $1")
            .bind(id)
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(n, 1, "{id} committed before the backup");
    }
    // The restored database keeps its isolation: the app role sees nothing unscoped.
    let mut a = sqlx::PgConnection::connect(&target.app_url).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises")
        .fetch_one(&mut a)
        .await
        .unwrap();
    assert_eq!(n, 0);
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(scratch);
}
