//! A server the harness starts (and stops when dropped), and the resident
//! memory of a server process.

use anyhow::Context as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How to start `anjian serve`.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The `anjian` binary.
    pub bin: PathBuf,
    /// Data directory (the SQLite database when no database URL is given).
    pub data_dir: PathBuf,
    /// PostgreSQL URL of the app role; embedded SQLite when absent.
    pub database_url: Option<String>,
    /// PostgreSQL URL of the owner role, for migrations.
    pub migrate_database_url: Option<String>,
    /// Redis; in-process fallbacks when absent.
    pub redis_url: Option<String>,
    /// Password of the demo and seeded accounts.
    pub password: String,
    pub port: u16,
}

/// A running server; stopped on drop.
pub struct Started {
    child: Child,
    /// Its GraphQL endpoint.
    pub graphql_url: String,
}

impl Started {
    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// How long a stopped server gets to finish its requests and give back the
/// jobs it claimed before it is killed.
const GRACE: Duration = Duration::from_secs(15);

impl Drop for Started {
    /// Stops the server as an operator would (SIGTERM): it finishes what is
    /// in flight and releases its job leases, which a kill would leave to
    /// expire, holding the queue up for the next server. Killed after
    /// [`GRACE`].
    fn drop(&mut self) {
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + GRACE;
        while asked && Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(_)) => return,
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server and waits until `/healthz` answers (at most 60 s).
pub async fn start(l: &Launch) -> anyhow::Result<Started> {
    let mut cmd = Command::new(&l.bin);
    cmd.args(["serve", "--demo", "--listen"])
        .arg(format!("127.0.0.1:{}", l.port))
        .arg("--data-dir")
        .arg(&l.data_dir)
        .env("ANJIAN_DEMO_PASSWORD", &l.password)
        .env("ANJIAN_DEMO_SCALE", "none")
        .env("ANJIAN_LOG", "warn")
        .env_remove("ANJIAN_DATABASE_URL")
        .env_remove("ANJIAN_MIGRATE_DATABASE_URL")
        .env_remove("ANJIAN_REDIS_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(u) = &l.database_url {
        cmd.env("ANJIAN_DATABASE_URL", u);
    }
    if let Some(u) = &l.migrate_database_url {
        cmd.env("ANJIAN_MIGRATE_DATABASE_URL", u);
    }
    if let Some(u) = &l.redis_url {
        cmd.env("ANJIAN_REDIS_URL", u);
    }
    let child = cmd
        .spawn()
        .with_context(|| format!("starting {}", l.bin.display()))?;
    let mut started = Started {
        child,
        graphql_url: format!("http://127.0.0.1:{}/graphql", l.port),
    };
    let health = format!("http://127.0.0.1:{}/healthz", l.port);
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(status) = started.child.try_wait()? {
            anyhow::bail!("the server exited while starting: {status}");
        }
        if matches!(http.get(&health).send().await, Ok(r) if r.status().is_success()) {
            return Ok(started);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    anyhow::bail!("the server did not answer {health} within 60 s")
}

/// Resident memory of `pid` in MB, from `/proc` (Linux); `None` elsewhere.
pub fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_its_own_resident_memory() {
        let mb = super::rss_mb(std::process::id()).expect("Linux /proc");
        assert!(mb > 0.5 && mb < 10_000.0, "{mb}");
        assert_eq!(super::rss_mb(u32::MAX), None);
    }
}
