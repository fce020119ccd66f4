//! `Platform`: the shared services of one server process.

use crate::audit::HashAlg;
use crate::config::Config;
use crate::db::{register_tenant_tables, Db, Scope};
use crate::error::{Error, Result};
use crate::jobs::{Job, Registry};
use crate::module::Module;
use crate::notify::Bus;
use crate::policy::Policies;
use crate::ratelimit::Limiter;
use crate::tenancy::Tenancy;
use std::sync::Arc;
use tokio::sync::Notify;

/// Everything a request or job needs; cheap to clone.
#[derive(Clone)]
pub struct Platform {
    pub config: Arc<Config>,
    pub db: Db,
    pub tenancy: Arc<Tenancy>,
    pub policies: Arc<Policies>,
    pub limiter: Arc<Limiter>,
    pub bus: Bus,
    pub registry: Arc<Registry>,
    pub redis: Option<redis::aio::ConnectionManager>,
    pub audit_alg: HashAlg,
    /// Identifies this instance in job leases.
    pub instance_id: String,
    /// Wakes the job worker (after a commit that queued work).
    pub wake: Arc<Notify>,
    /// Uploaded files (local directory or S3-compatible).
    pub objects: Arc<dyn crate::objects::Objects>,
    /// The modules' file uploads (who may send large bodies).
    pub uploads: Arc<Vec<crate::module::UploadLimit>>,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub proxies: Arc<crate::clientaddr::TrustedProxies>,
}

impl Platform {
    /// Connects storage and Redis and registers the modules.
    pub async fn start(config: Config, modules: &[&dyn Module]) -> Result<Platform> {
        let db = Db::connect(&config.effective_database_url(), config.db_pool_size).await?;
        let (redis, client) = match &config.redis_url {
            Some(url) => {
                let client = redis::Client::open(url.as_str())
                    .map_err(|e| Error::Internal(format!("redis: {e}")))?;
                let mgr = client
                    .get_connection_manager()
                    .await
                    .map_err(|e| Error::Internal(format!("redis: {e}")))?;
                (Some(mgr), Some(client))
            }
            None => (None, None),
        };
        db.auth_cache()
            .set_ttl(std::time::Duration::from_millis(config.auth_cache_ms));
        if let (Some(conn), Some(client)) = (&redis, &client) {
            db.auth_cache()
                .connect(conn.clone(), client.clone(), &config.redis_prefix);
            db.generations()
                .connect(conn.clone(), client.clone(), &config.redis_prefix);
        }
        let mut registry = Registry::default();
        let mut uploads = Vec::new();
        for m in modules {
            uploads.extend(m.uploads(&config));
            register_tenant_tables(m.tenant_tables());
            crate::rbac::declare(m.permissions());
            m.register(&mut registry);
        }
        Ok(Platform {
            audit_alg: HashAlg::parse(&config.audit_hash)?,
            db,
            tenancy: Arc::default(),
            policies: Arc::default(),
            limiter: Arc::new(Limiter::new(redis.clone(), &config.redis_prefix)),
            bus: Bus::new(client, &config.redis_prefix).await?,
            registry: Arc::new(registry),
            redis,
            instance_id: crate::time::new_id()[24..].to_string(),
            wake: Arc::new(Notify::new()),
            objects: crate::objects::open(&config)?,
            uploads: Arc::new(uploads),
            proxies: Arc::new(crate::clientaddr::TrustedProxies::parse(
                &config.trusted_proxies,
            )?),
            config: Arc::new(config),
        })
    }

    /// The largest multipart body `who` may send: the largest upload one of
    /// their roles may make, else `max_body_bytes`. A user whose password
    /// has expired may upload nothing.
    pub fn upload_limit(&self, who: &crate::auth::Principal) -> u64 {
        let small = self.config.max_body_bytes as u64;
        if who.password_expired {
            return small;
        }
        self.uploads
            .iter()
            .filter(|u| who.roles.iter().any(|r| u.roles.contains(r)))
            .map(|u| u.max_bytes)
            .fold(small, u64::max)
    }

    /// Is Redis (when configured) reachable?
    pub async fn ping_redis(&self) -> Result<()> {
        if let Some(r) = &self.redis {
            let mut c = r.clone();
            redis::cmd("PING")
                .query_async::<String>(&mut c)
                .await
                .map_err(Error::internal)?;
        }
        Ok(())
    }
}

/// Delivers a due reminder as a notification.
pub async fn deliver_reminder(p: &Platform, job: &Job) -> Result<()> {
    let user = crate::jobs::payload_field(job, "userId")?;
    let title = crate::jobs::payload_field(job, "title")?;
    let body = job
        .payload
        .get("body")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    crate::notify::post(&mut tx, &job.tenant_id, user, "reminder", title, body, None).await?;
    crate::jobs::complete(&mut tx, job).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}
