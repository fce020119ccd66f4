//! `spawn_app`: starts the real `anjian` binary on a free port, on SQLite or on
//! a fresh PostgreSQL database (with Redis when configured), and talks to it.

use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const DEMO_PASSWORD: &str = "Demo-Pass-2026!";

/// Storage behind a test server.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub use anjian_testkit::{fresh_pg, pg_admin_url, redis_url, require_services, PgDb};

/// A running server.
pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub backend: Backend,
    pub pg: Option<PgDb>,
    pub data_dir: std::path::PathBuf,
    pub redis_prefix: String,
    child: Child,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.backend == Backend::Sqlite {
            let _ = std::fs::remove_dir_all(&self.data_dir);
        }
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The `/metrics` token of every test server.
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789";

/// The plugin artifact key of every test server (siblings share it).
pub const ARTIFACT_KEY: &str = "5a1f0e6c2b7d4e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5";

/// The certificate signing key of every test server (an Ed25519 seed).
pub const CERTIFICATE_KEY: &str =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

/// Options of a test server.
#[derive(Default, Clone)]
pub struct Opts {
    pub redis: bool,
    pub env: Vec<(String, String)>,
}

/// Starts a server with demo data; None when the backend's service is absent (skip).
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, Opts::default()).await
}

pub async fn spawn_with(backend: Backend, opts: Opts) -> Option<TestApp> {
    let pg = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(fresh_pg(&pg_admin_url()?)),
    };
    let redis = if opts.redis || backend == Backend::Postgres {
        redis_url()
    } else {
        None
    };
    Some(
        start(
            backend,
            pg,
            redis,
            &format!("t{}", uuid::Uuid::new_v4().simple()),
            opts.env,
            None,
            None,
        )
        .await,
    )
}

/// A second server on the same database, Redis and key prefix as `first`.
pub async fn spawn_sibling(first: &TestApp) -> TestApp {
    spawn_sibling_with(first, true).await
}

/// A second server on the same database; with or without Redis.
pub async fn spawn_sibling_with(first: &TestApp, redis: bool) -> TestApp {
    let shared = first.pg.as_ref().map(|p| p.app_url.clone());
    start(
        first.backend,
        first.pg.as_ref().map(PgDb::share),
        if redis { redis_url() } else { None },
        &first.redis_prefix,
        vec![],
        shared,
        None,
    )
    .await
}

/// Another replica on the same database, Redis and key prefix as `first`,
/// with `env` added (every replica of a deployment is configured alike).
pub async fn spawn_replica(first: &TestApp, env: Vec<(String, String)>) -> TestApp {
    let shared = first.pg.as_ref().map(|p| p.app_url.clone());
    start(
        first.backend,
        first.pg.as_ref().map(PgDb::share),
        redis_url(),
        &first.redis_prefix,
        env,
        shared,
        None,
    )
    .await
}

async fn start(
    backend: Backend,
    pg: Option<PgDb>,
    redis: Option<String>,
    prefix: &str,
    env: Vec<(String, String)>,
    shared_pg_url: Option<String>,
    dir: Option<std::path::PathBuf>,
) -> TestApp {
    let data_dir = dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("anjian-test-{}", uuid::Uuid::new_v4().simple()))
    });
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_anjian"));
    cmd.arg("serve")
        .arg("--demo")
        .arg("--listen")
        // Port 0: the kernel picks a port no other test holds, and the
        // server says which (a port chosen here and bound later could be
        // taken by another test's server in between).
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(&data_dir);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ANJIAN_DEMO_PASSWORD", DEMO_PASSWORD)
        .env("ANJIAN_JOBS_POLL_MS", "100")
        // Tests start from the demo users alone (tests/api/seed.rs covers
        // the generated data `serve --demo` adds by default).
        .env("ANJIAN_DEMO_SCALE", "none")
        .env("ANJIAN_REDIS_PREFIX", prefix)
        .env("ANJIAN_METRICS_TOKEN", METRICS_TOKEN)
        .env("ANJIAN_ARTIFACT_KEY", ARTIFACT_KEY)
        .env("ANJIAN_CERTIFICATE_KEY", CERTIFICATE_KEY)
        .env("ANJIAN_LOG", "warn");
    if let Some(p) = &pg {
        cmd.env("ANJIAN_DATABASE_URL", &p.app_url)
            .env("ANJIAN_MIGRATE_DATABASE_URL", &p.owner_url);
    }
    if let Some(u) = shared_pg_url {
        cmd.env("ANJIAN_DATABASE_URL", u).arg("--no-migrate");
    }
    if let Some(r) = &redis {
        cmd.env("ANJIAN_REDIS_URL", r);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn().expect("start anjian");
    let addr = listening_address(&mut child).await;
    let app = TestApp {
        base: format!("http://{addr}"),
        http: reqwest::Client::new(),
        backend,
        pg,
        data_dir,
        redis_prefix: prefix.to_string(),
        child,
    };
    for _ in 0..600 {
        if let Ok(r) = app.http.get(format!("{}/healthz", app.base)).send().await {
            if r.status().is_success() {
                return app;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not start on {}", app.base);
}

/// The address the server prints once it listens ("Anjian listening on
/// http://ADDR ..."); the rest of its output is read and dropped so that it
/// never blocks on a full pipe. Up to a minute: `serve --demo` with
/// generated data seeds before it listens.
async fn listening_address(child: &mut Child) -> String {
    use std::io::BufRead;
    let out = child.stdout.take().expect("piped stdout");
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in std::io::BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix("Anjian listening on http://") {
                let addr = rest.split_whitespace().next().unwrap_or_default();
                if let Some(tx) = tx.take() {
                    let _ = tx.send(addr.to_string());
                }
            }
        }
    });
    match tokio::time::timeout(Duration::from_secs(60), rx).await {
        Ok(Ok(addr)) => addr,
        Ok(Err(_)) => panic!("server exited before listening: {:?}", child.wait()),
        Err(_) => {
            let _ = child.kill();
            panic!("server did not listen within a minute")
        }
    }
}

impl TestApp {
    /// Stops the process with `signal` (`TERM`: graceful; `KILL`: none at
    /// all) and waits for it to exit; hands back its database handle, so a
    /// replica that owns the test database can go while the others stay.
    pub fn stop(mut self, signal: &str) -> (Option<PgDb>, Option<std::process::ExitStatus>) {
        let _ = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status();
        let status = self.wait_exit(Duration::from_secs(30));
        (self.pg.take(), status)
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts
    /// it again on the same data directory or database, with `env`.
    pub async fn kill9_and_restart(mut self, env: Vec<(String, String)>) -> TestApp {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let pg = self.pg.take();
        let dir = std::mem::take(&mut self.data_dir);
        let (backend, prefix) = (self.backend, self.redis_prefix.clone());
        drop(self);
        let redis = if backend == Backend::Postgres {
            redis_url()
        } else {
            None
        };
        start(backend, pg, redis, &prefix, env, None, Some(dir)).await
    }

    /// Posts a GraphQL request; returns the whole response body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut r = self
            .http
            .post(format!("{}/graphql", self.base))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json body")
    }

    /// `data` of a request that must succeed.
    pub async fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let v = self.gql(token, query, variables).await;
        assert!(v.get("errors").is_none(), "unexpected errors: {v}");
        v["data"].clone()
    }

    /// Logs in a demo user; returns the token.
    pub async fn login(&self, username: &str) -> String {
        self.login_with(username, DEMO_PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("login {username}: {e}"))
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Result<String, Value> {
        let v = self
            .gql(None, "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }", json!({"u": username, "p": password}))
            .await;
        match v["data"]["login"]["token"].as_str() {
            Some(t) => Ok(t.to_string()),
            None => Err(v),
        }
    }

    /// The id of a user, as the province's system administrator sees it.
    pub async fn user_id(&self, username: &str) -> String {
        let t = self.login("province-admin@330000").await;
        let d = self
            .ok(
                Some(&t),
                "{ users(first: 100) { edges { node { id username } } } }",
                json!({}),
            )
            .await;
        d["users"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .find(|e| e["node"]["username"] == username)
            .map(|e| e["node"]["id"].as_str().expect("id").to_string())
            .unwrap_or_else(|| panic!("no user {username}"))
    }

    /// Runs the CLI against this app's storage.
    pub fn cli(&self, args: &[&str]) -> std::process::Output {
        self.cli_env(args, &[])
    }

    /// Runs the CLI with extra environment variables.
    pub fn cli_env(&self, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_anjian"));
        cmd.args(args)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            // The servers' signing key, so what the CLI signs they verify.
            .env("ANJIAN_CERTIFICATE_KEY", CERTIFICATE_KEY);
        if let Some(p) = &self.pg {
            cmd.env("ANJIAN_DATABASE_URL", &p.app_url)
                .env("ANJIAN_MIGRATE_DATABASE_URL", &p.owner_url);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run anjian")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let start = std::time::Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

/// `extensions.code` of the first error.
pub fn code(v: &Value) -> String {
    v["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<none>")
        .to_string()
}

/// Runs an async check against both backends: `both!(name, check_fn)`.
#[macro_export]
macro_rules! both {
    // A check that needs the built example plugins: both tests are ignored,
    // saying so, until scripts/build-plugin-examples.sh has run.
    ($name:ident, $check:path, examples) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(anjian_examples),
                ignore = "needs the example plugins: run scripts/build-plugin-examples.sh"
            )]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite)
                    .await
                    .expect("sqlite");
                $check(&app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(all(anjian_pg, anjian_examples)),
                ignore = "needs PostgreSQL and the example plugins"
            )]
            async fn postgres() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres)
                    .await
                    .expect("ANJIAN_TEST_DATABASE_URL");
                $check(&app).await;
            }
        }
    };
    ($name:ident, $check:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite)
                    .await
                    .expect("sqlite");
                $check(&app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(anjian_pg),
                ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
            )]
            async fn postgres() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres)
                    .await
                    .expect("ANJIAN_TEST_DATABASE_URL");
                $check(&app).await;
            }
        }
    };
}
