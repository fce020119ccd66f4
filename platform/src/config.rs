//! Configuration: defaults, then an optional TOML file, then `ANJIAN_*`
//! environment variables (plus `DATABASE_URL` / `REDIS_URL`), then CLI flags.

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Effective configuration of one server process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Address to listen on (`ANJIAN_LISTEN`).
    pub listen: String,
    /// Directory for the embedded database and local files (`ANJIAN_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Server database URL; unset means embedded SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// URL of the owner role that runs migrations (PostgreSQL); defaults to `database_url`.
    pub migrate_database_url: Option<String>,
    /// Redis URL; unset means in-process cache, rate limits and pub/sub.
    pub redis_url: Option<String>,
    /// Prefix of every Redis key and channel, so deployments can share a Redis.
    pub redis_prefix: String,
    /// Apply migrations when `serve` starts.
    pub migrate_on_start: bool,
    /// `text` or `json`.
    pub log_format: String,
    /// Hash of the audit chain: `sha256` or `sm3` (国密).
    pub audit_hash: String,
    /// How often an idle job worker polls the queue.
    pub jobs_poll_ms: u64,
    /// How long an authenticated session is cached in memory
    /// (`ANJIAN_AUTH_CACHE_MS`; 0 looks every request up). Sign-in changes
    /// clear it at once, on every instance when Redis is configured.
    pub auth_cache_ms: u64,
    /// How long a read model's cached answer (the dashboards' figures) may
    /// be served (`ANJIAN_READ_CACHE_MS`; 0: computed per request). A change
    /// committed on this instance, or on another through Redis, makes the
    /// next read compute anew; this bounds how stale an answer can be when
    /// another instance changed the data and there is no Redis.
    pub read_cache_ms: u64,
    /// Jobs claimed per poll.
    pub jobs_batch: i64,
    /// How long a claimed job stays its worker's (`ANJIAN_JOBS_LEASE_MS`);
    /// the jobs of a worker that died run elsewhere after this. A handler
    /// may run four fifths of it.
    pub jobs_lease_ms: u64,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// Largest accepted GraphQL query text.
    pub max_query_bytes: usize,
    /// GraphQL depth limit.
    pub max_depth: usize,
    /// GraphQL complexity limit.
    pub max_complexity: usize,
    /// Whether callers without a token may introspect the schema
    /// (`ANJIAN_INTROSPECTION_ANONYMOUS`); unset: on with `serve --demo`,
    /// off otherwise. Signed-in callers always may.
    pub introspection_anonymous: Option<bool>,
    /// Largest accepted import file (bytes).
    pub import_max_bytes: u64,
    /// Database pool size.
    pub db_pool_size: u32,
    /// Password of demo users (`serve --demo`); generated when unset.
    pub demo_password: Option<String>,
    /// Generated data `serve --demo` adds to the demo users: `small` (two
    /// counties' registers and hazards, as `anjian seed --scale small`) or
    /// `none`.
    pub demo_scale: String,
    /// Largest plugin component accepted at upload (bytes).
    pub plugin_max_bytes: u64,
    /// How often each instance polls for plugin changes (ms); Redis
    /// pub/sub makes changes arrive sooner when configured.
    pub plugin_poll_ms: u64,
    /// Invocations kept per plugin for its county to read.
    pub plugin_invocations_kept: i64,
    /// Plugin instances alive at once in this process (the pool).
    pub plugin_pool_instances: u32,
    /// Where uploaded files go: `local` (`<data_dir>/objects`) or `s3`.
    pub object_store: String,
    /// S3-compatible endpoint, e.g. `http://minio.internal:9000` (path-style requests).
    pub s3_endpoint: Option<String>,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_access_key_id: Option<String>,
    pub s3_secret_access_key: Option<String>,
    /// Allow a plain-HTTP endpoint (a provincial network without TLS inside).
    pub s3_allow_http: bool,
    /// Key (64 hex digits) that authenticates compiled plugins cached in the
    /// database (`ANJIAN_ARTIFACT_KEY`); the same on every instance. Unset
    /// with embedded storage: `<data_dir>/artifact.key`; unset with
    /// PostgreSQL: nothing is cached there.
    pub artifact_key: Option<String>,
    /// Ed25519 seed (64 hex digits) that signs standardization certificates
    /// (`ANJIAN_CERTIFICATE_KEY`); the same on every instance. Unset with
    /// embedded storage: `<data_dir>/certificate.key`; unset with
    /// PostgreSQL: certificates are not issued.
    pub certificate_key: Option<String>,
    /// Where the public reaches the console (`ANJIAN_PUBLIC_URL`, e.g.
    /// `https://aqsc.example.gov.cn`): certificate QR codes link to its
    /// check page. Unset: they carry the number and signature as text
    /// (`AQB1|…`), which the check page also takes.
    pub public_url: Option<String>,
    /// Load balancers and proxies whose `X-Forwarded-For` names the client
    /// (`ANJIAN_TRUSTED_PROXIES`): comma-separated addresses or CIDR blocks.
    /// Empty: the peer address is the client.
    pub trusted_proxies: String,
    /// Bearer token that `/metrics` on the main listener asks for
    /// (`ANJIAN_METRICS_TOKEN`); unset: not served there.
    pub metrics_token: Option<String>,
    /// A second listen address serving `/metrics` alone, without a token
    /// (`ANJIAN_METRICS_LISTEN`), for a scraper inside the cluster.
    pub metrics_listen: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            migrate_database_url: None,
            redis_url: None,
            redis_prefix: "anjian".into(),
            migrate_on_start: true,
            log_format: "text".into(),
            audit_hash: "sha256".into(),
            jobs_poll_ms: 500,
            auth_cache_ms: 5_000,
            read_cache_ms: 5_000,
            jobs_batch: 16,
            jobs_lease_ms: 5 * 60_000,
            max_body_bytes: 1 << 20,
            max_query_bytes: 32 * 1024,
            max_depth: 12,
            max_complexity: 2000,
            introspection_anonymous: None,
            import_max_bytes: 256 << 20,
            db_pool_size: 16,
            demo_password: None,
            demo_scale: "small".into(),
            plugin_max_bytes: 32 << 20,
            plugin_poll_ms: 250,
            plugin_invocations_kept: 50,
            plugin_pool_instances: 64,
            object_store: "local".into(),
            s3_endpoint: None,
            s3_bucket: "anjian".into(),
            s3_region: "us-east-1".into(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_allow_http: false,
            artifact_key: None,
            certificate_key: None,
            public_url: None,
            trusted_proxies: String::new(),
            metrics_token: None,
            metrics_listen: None,
        }
    }
}

impl Config {
    /// Loads defaults, the TOML file (if given or `anjian.toml` exists), and the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(f) => {
                if !f.exists() {
                    anyhow::bail!("config file {} does not exist", f.display());
                }
                fig = fig.merge(Toml::file(f));
            }
            None => fig = fig.merge(Toml::file("anjian.toml")),
        }
        fig = fig
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL", "REDIS_URL"])
                    .map(|k| k.as_str().to_ascii_lowercase().into()),
            )
            .merge(Env::prefixed("ANJIAN_").ignore(&["TEST_DATABASE_URL", "TEST_REDIS_URL"]));
        let mut cfg: Config = fig.extract()?;
        cfg.normalise();
        cfg.check()?;
        Ok(cfg)
    }

    fn normalise(&mut self) {
        for v in [
            &mut self.database_url,
            &mut self.migrate_database_url,
            &mut self.redis_url,
            &mut self.metrics_token,
            &mut self.artifact_key,
            &mut self.certificate_key,
            &mut self.public_url,
            &mut self.metrics_listen,
        ] {
            if v.as_deref().is_some_and(|s| s.trim().is_empty()) {
                *v = None;
            }
        }
    }

    /// Rejects values that can't work.
    pub fn check(&self) -> anyhow::Result<()> {
        if !matches!(self.log_format.as_str(), "text" | "json") {
            anyhow::bail!("log_format must be text or json, not {:?}", self.log_format);
        }
        if !matches!(self.audit_hash.as_str(), "sha256" | "sm3") {
            anyhow::bail!(
                "audit_hash must be sha256 or sm3, not {:?}",
                self.audit_hash
            );
        }
        match self.object_store.as_str() {
            "local" => {}
            "s3" if self.s3_endpoint.is_some() && !self.s3_bucket.trim().is_empty() => {}
            "s3" => anyhow::bail!("object_store = \"s3\" needs s3_endpoint and s3_bucket"),
            other => anyhow::bail!("object_store must be local or s3, not {other:?}"),
        }
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            anyhow::bail!(
                "listen must be an address like 127.0.0.1:8080, not {:?}",
                self.listen
            );
        }
        if let Some(k) = &self.artifact_key {
            if k.trim().len() != 64 || !k.trim().chars().all(|c| c.is_ascii_hexdigit()) {
                anyhow::bail!("artifact_key must be 64 hex digits");
            }
        }
        crate::clientaddr::TrustedProxies::parse(&self.trusted_proxies)
            .map_err(|e| anyhow::anyhow!("trusted_proxies: {e}"))?;
        if let Some(m) = &self.metrics_listen {
            if m.parse::<std::net::SocketAddr>().is_err() {
                anyhow::bail!("metrics_listen must be an address like 10.0.0.5:9090, not {m:?}");
            }
        }
        if self.metrics_token.as_ref().is_some_and(|t| t.len() < 16) {
            anyhow::bail!("metrics_token must be at least 16 characters");
        }
        Ok(())
    }

    /// The database URL the server uses (SQLite in the data directory when unset).
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("anjian.db").display()
            ),
        }
    }

    /// The effective configuration as TOML with every secret masked.
    pub fn masked_toml(&self) -> String {
        let mut c = self.clone();
        c.database_url = Some(mask_url(&self.effective_database_url()));
        c.migrate_database_url = self.migrate_database_url.as_deref().map(mask_url);
        c.redis_url = self.redis_url.as_deref().map(mask_url);
        c.demo_password = self.demo_password.as_ref().map(|_| "****".into());
        c.s3_secret_access_key = self.s3_secret_access_key.as_ref().map(|_| "****".into());
        c.metrics_token = self.metrics_token.as_ref().map(|_| "****".into());
        c.artifact_key = self.artifact_key.as_ref().map(|_| "****".into());
        c.certificate_key = self.certificate_key.as_ref().map(|_| "****".into());
        toml::to_string_pretty(&c).unwrap_or_else(|e| format!("# cannot render: {e}"))
    }
}

/// Replaces the password of a URL with `****`.
pub fn mask_url(u: &str) -> String {
    match url::Url::parse(u) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("****"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "****".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        let m = mask_url("postgres://app:s3cret@db:5432/anjian");
        assert!(!m.contains("s3cret"));
        assert!(m.contains("****"));
    }

    #[test]
    fn defaults_are_valid() {
        Config::default().check().expect("defaults");
        assert!(Config::default()
            .effective_database_url()
            .starts_with("sqlite://"));
    }
}
