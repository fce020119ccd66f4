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
    /// On a Citus cluster, the workers' superuser URLs (the database is made
    /// and dropped on each).
    pub workers: Vec<String>,
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
            workers: self.workers.clone(),
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if self.owned {
            for url in std::iter::once(&self.admin_url).chain(&self.workers) {
                let _ = Command::new("psql")
                    .arg(url)
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

/// [`psql`], tried up to five times (Citus node changes that collide).
fn psql_retry(url: &str, sql: &str) {
    for attempt in 1..=5 {
        let ok = Command::new("psql")
            .arg(url)
            .arg("-v")
            .arg("ON_ERROR_STOP=1")
            .arg("-qc")
            .arg(sql)
            .stdout(Stdio::null())
            .status()
            .expect("psql")
            .success();
        if ok {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(300 * attempt));
    }
    panic!("psql failed five times: {sql}");
}

/// The roles' SQL (`scripts/pg-roles.sql`): `anjian_owner`, the group
/// `anjian_app`, and `anjian_server`, its member the server logs in as.
pub const PG_ROLES: &str = include_str!("../../scripts/pg-roles.sql");

/// The role the server connects as.
pub const SERVER_ROLE: &str = "anjian_server";

/// The Citus workers (`host:port,host:port`) when the admin URL is a Citus
/// coordinator (`ANJIAN_TEST_CITUS_WORKERS`, set by the Citus CI step).
pub fn citus_workers() -> Vec<String> {
    std::env::var("ANJIAN_TEST_CITUS_WORKERS")
        .unwrap_or_default()
        .split(',')
        .filter(|w| !w.trim().is_empty())
        .map(|w| w.trim().to_string())
        .collect()
}

fn with_host(url: &str, host_port: &str) -> String {
    let (host, port) = host_port.split_once(':').expect("worker as host:port");
    let mut u = url::Url::parse(url).expect("database url");
    u.set_host(Some(host)).expect("host");
    u.set_port(Some(port.parse().expect("port"))).expect("port");
    u.to_string()
}

/// A fresh database owned by `anjian_owner`; the server connects as
/// `anjian_server` (a member of `anjian_app`). With Citus workers
/// ([`citus_workers`]) the database is made on every node with the Citus
/// extension and the workers added, so migrations distribute the tables.
pub fn fresh_pg(admin: &str) -> PgDb {
    let name = format!("anjian_t_{}", uuid::Uuid::new_v4().simple());
    let workers: Vec<String> = citus_workers()
        .iter()
        .map(|w| with_host(admin, w))
        .collect();
    for url in std::iter::once(admin).chain(workers.iter().map(String::as_str)) {
        psql_retry(url, PG_ROLES);
        psql(url, &format!("CREATE DATABASE {name} OWNER anjian_owner"));
        if !workers.is_empty() {
            psql_retry(&with_db(url, &name), "CREATE EXTENSION citus");
        }
    }
    if !workers.is_empty() {
        let coordinator = with_db(admin, &name);
        let u = url::Url::parse(admin).expect("database url");
        let host = u.host_str().unwrap_or("127.0.0.1").to_string();
        let port = u.port().unwrap_or(5432);
        // Adding a node syncs catalogue rows shared by every database of
        // the worker, so two tests setting up at once may collide ("tuple
        // concurrently updated"): tried again.
        psql_retry(
            &coordinator,
            &format!("SELECT citus_set_coordinator_host('{host}', {port})"),
        );
        for w in citus_workers() {
            let (h, p) = w.split_once(':').expect("worker as host:port");
            psql_retry(&coordinator, &format!("SELECT citus_add_node('{h}', {p})"));
        }
        // Few shards per table: a test database holds a few rows, and 60
        // tables of 32 shards each take long to make.
        psql(
            admin,
            &format!("ALTER DATABASE {name} SET citus.shard_count = 4"),
        );
    }
    PgDb {
        owner_url: with_user(admin, "anjian_owner", &name),
        app_url: with_user(admin, SERVER_ROLE, &name),
        admin_url: admin.to_string(),
        name,
        owned: true,
        workers,
    }
}
