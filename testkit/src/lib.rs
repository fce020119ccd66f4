//! Test support shared by the crates' tests: fresh PostgreSQL databases with
//! the owner and application roles, and the service switches (skip visibly, or
//! fail when `ANJIAN_TEST_REQUIRE_SERVICES=1`).
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};

/// Whether CI demands every service-backed test to run.
pub fn require_services() -> bool {
    std::env::var("ANJIAN_TEST_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

fn service(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(u) if !u.is_empty() => Some(u),
        _ if require_services() => panic!("{var} is unset but ANJIAN_TEST_REQUIRE_SERVICES=1"),
        _ => {
            eprintln!("SKIPPED: {what} test (set {var} to run it)");
            None
        }
    }
}

/// The PostgreSQL superuser URL, or None (skip) when unset and not required.
pub fn pg_admin_url() -> Option<String> {
    service("ANJIAN_TEST_DATABASE_URL", "PostgreSQL")
}

/// The Redis URL, or None (skip) when unset and not required.
pub fn redis_url() -> Option<String> {
    service("ANJIAN_TEST_REDIS_URL", "Redis")
}

/// A test database: owned by `anjian_owner`, used by `anjian_server`; dropped at the end.
pub struct PgDb {
    pub name: String,
    pub admin_url: String,
    pub owner_url: String,
    pub app_url: String,
    /// Whether dropping this value drops the database.
    pub owned: bool,
}

impl PgDb {
    /// Superuser access to the test database.
    pub fn superuser_url(&self) -> String {
        with_db(&self.admin_url, &self.name)
    }

    /// A handle to the same database that does not drop it.
    pub fn share(&self) -> PgDb {
        PgDb {
            name: self.name.clone(),
            admin_url: self.admin_url.clone(),
            owner_url: self.owner_url.clone(),
            app_url: self.app_url.clone(),
            owned: false,
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if self.owned {
            let _ = Command::new("psql")
                .arg(&self.admin_url)
                .arg("-qc")
                .arg(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn with_db(url: &str, db: &str) -> String {
    let mut u = url::Url::parse(url).expect("database url");
    u.set_path(&format!("/{db}"));
    u.to_string()
}

fn with_user(url: &str, user: &str, db: &str) -> String {
    let mut u = url::Url::parse(&with_db(url, db)).expect("database url");
    u.set_username(user).expect("user");
    u.set_password(None).expect("password");
    u.to_string()
}

fn psql(url: &str, sql: &str) {
    let st = Command::new("psql")
        .arg(url)
        .arg("-v")
        .arg("ON_ERROR_STOP=1")
        .arg("-qc")
        .arg(sql)
        .status()
        .expect("psql");
    assert!(st.success(), "psql failed: {sql}");
}

/// The roles' SQL (`scripts/pg-roles.sql`): `anjian_owner`, the group
/// `anjian_app`, and `anjian_server`, its member the server logs in as.
pub const PG_ROLES: &str = include_str!("../../scripts/pg-roles.sql");

/// The role the server connects as.
pub const SERVER_ROLE: &str = "anjian_server";

/// A fresh database owned by `anjian_owner`; the server connects as
/// `anjian_server` (a member of `anjian_app`).
pub fn fresh_pg(admin: &str) -> PgDb {
    psql(admin, PG_ROLES);
    let name = format!("anjian_t_{}", uuid::Uuid::new_v4().simple());
    psql(admin, &format!("CREATE DATABASE {name} OWNER anjian_owner"));
    PgDb {
        owner_url: with_user(admin, "anjian_owner", &name),
        app_url: with_user(admin, SERVER_ROLE, &name),
        admin_url: admin.to_string(),
        name,
        owned: true,
    }
}
