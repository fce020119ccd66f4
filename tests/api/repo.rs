//! Checks on the repository and the binary: released migrations unchanged, the
//! committed schema current, secrets masked, graceful shutdown.

use crate::helpers::*;
use sha2::Digest;
use std::process::Command;
use std::time::Duration;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn released_migrations_are_never_edited() {
    let recorded = std::fs::read_to_string(format!("{ROOT}/migrations/CHECKSUMS")).unwrap();
    let mut listed = 0;
    for line in recorded.lines().filter(|l| !l.trim().is_empty()) {
        let (sum, file) = line.split_once("  ").unwrap();
        let body = std::fs::read(format!("{ROOT}/migrations/{file}"))
            .unwrap_or_else(|_| panic!("{file} was removed"));
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&body)),
            sum,
            "{file} changed after release: add a new migration instead"
        );
        listed += 1;
    }
    let mut files = 0;
    for dir in ["sqlite", "postgres"] {
        files += std::fs::read_dir(format!("{ROOT}/migrations/{dir}"))
            .unwrap()
            .count();
    }
    assert_eq!(
        listed, files,
        "every migration is recorded in migrations/CHECKSUMS"
    );
}

/// A released plugin contract is frozen: components built for it must keep
/// working, so a change is a new version in `plugins/wit/`, never an edit here.
#[test]
fn released_plugin_contracts_are_never_edited() {
    let dir = format!("{ROOT}/plugins/wit-released");
    let recorded = std::fs::read_to_string(format!("{dir}/CHECKSUMS")).unwrap();
    let mut listed = 0;
    for line in recorded.lines().filter(|l| !l.trim().is_empty()) {
        let (sum, file) = line.split_once("  ").unwrap();
        let body =
            std::fs::read(format!("{dir}/{file}")).unwrap_or_else(|_| panic!("{file} was removed"));
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&body)),
            sum,
            "{file} changed after release: make a new version in plugins/wit instead"
        );
        listed += 1;
    }
    assert!(listed >= 3, "every file of 0.1.0 is recorded");
}

#[test]
fn committed_schema_is_current() {
    let out = Command::new(env!("CARGO_BIN_EXE_anjian"))
        .arg("schema")
        .output()
        .unwrap();
    let committed = std::fs::read_to_string(format!("{ROOT}/schema.graphql")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schema.graphql is stale: run `cargo run -- schema > schema.graphql`"
    );
}

#[test]
fn config_check_masks_secrets() {
    let out = Command::new(env!("CARGO_BIN_EXE_anjian"))
        .args(["config", "check"])
        .env(
            "ANJIAN_DATABASE_URL",
            "postgres://app:TopSecret1@db.example/anjian",
        )
        .env("ANJIAN_REDIS_URL", "redis://:RedisSecret2@cache:6379")
        .env("ANJIAN_DEMO_PASSWORD", "DemoSecret3")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains("db.example") && text.contains("****"),
        "{text}"
    );
    for s in ["TopSecret1", "RedisSecret2", "DemoSecret3"] {
        assert!(!text.contains(s), "{s} leaked: {text}");
    }
}

#[tokio::test]
async fn shuts_down_gracefully_on_sigterm() {
    let mut app = spawn_app(Backend::Sqlite).await.unwrap();
    app.login("inspector@330106").await;
    let st = Command::new("kill")
        .arg("-TERM")
        .arg(app.pid().to_string())
        .status()
        .unwrap();
    assert!(st.success());
    let status = app.wait_exit(Duration::from_secs(20)).expect("exited");
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn first_admin_from_the_command_line() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let out = app.cli_env(
        &[
            "admin",
            "create-user",
            "--tenant",
            "330000",
            "--role",
            "province-admin",
            "--username",
            "first-admin",
        ],
        &[("ANJIAN_ADMIN_PASSWORD", "Zhejiang-Root-2026")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = app
        .login_with("first-admin", "Zhejiang-Root-2026")
        .await
        .unwrap();
    let me = app
        .ok(
            Some(&t),
            "{ me { roles tenant { code } } }",
            serde_json::json!({}),
        )
        .await;
    assert_eq!(me["me"]["roles"][0], "province-admin");
    let weak = app.cli_env(
        &[
            "admin",
            "create-user",
            "--tenant",
            "330000",
            "--role",
            "province-admin",
            "--username",
            "weak",
        ],
        &[("ANJIAN_ADMIN_PASSWORD", "weak")],
    );
    assert!(!weak.status.success(), "the password policy applies");
    let generated = app.cli(&[
        "admin",
        "create-user",
        "--tenant",
        "330106",
        "--role",
        "inspector",
        "--username",
        "gen-user",
    ]);
    let text = String::from_utf8_lossy(&generated.stdout);
    let pw = text
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once): "))
        .expect("generated password printed");
    assert!(app.login_with("gen-user", pw).await.is_ok());
}
