//! Plugin management (插件管理): uploads stored in the database, compiled in
//! the background with the artifact cached by content hash and engine,
//! states and activation per county, the province's policy, dry runs and
//! replays, invocation records, and keeping every server instance's bound
//! plugins in step (Redis pub/sub, with polling of a change epoch as fallback).

pub mod artifacts;
pub mod effects;
pub mod graphql;
pub mod service;
pub mod store;

use crate::registry::{Bound, InvocationRecord};
use crate::{Active, HostState, Plugins};
use anjian_platform::db::{Scope, Tx};
use anjian_platform::module::{Module, UploadLimit};
use anjian_platform::rbac::{PermissionDecl, Role};
use anjian_platform::{Error, Platform, Result};
use service::Policy;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use store::{Settings, Version};
use wasmtime::component::InstancePre;

/// Upload and dry-run plugins of one's county.
pub const PERM_DEVELOP: &str = "plugin.develop";
/// Activate, disable, configure and roll back one's county's plugins.
pub const PERM_ACTIVATE: &str = "plugin.activate";
/// Set the policy (hooks, ceilings) and disable plugins everywhere.
pub const PERM_GOVERN: &str = "plugin.govern";

/// Job kind that compiles an uploaded version.
pub const COMPILE_JOB: &str = "plugins.compile";

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_DEVELOP,
        roles: &[Role::PluginDeveloper, Role::CountyAdmin],
        description: "upload plugins and run them dry",
    },
    PermissionDecl {
        name: PERM_ACTIVATE,
        roles: &[Role::CountyAdmin],
        description: "activate, configure and disable the county's plugins",
    },
    PermissionDecl {
        name: PERM_GOVERN,
        roles: &[Role::ProvinceAdmin],
        description: "set the plugin policy and disable plugins everywhere",
    },
];

/// The plugin manager's registration with the core.
pub struct PluginsModule;

impl Module for PluginsModule {
    fn name(&self) -> &'static str {
        "plugins"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "plugin_versions",
            "plugin_settings",
            "plugin_invocations",
            "plugin_effects_applied",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn uploads(&self, config: &anjian_platform::config::Config) -> Vec<UploadLimit> {
        // A component and the multipart form around it.
        vec![UploadLimit {
            roles: PERMISSIONS[0].roles,
            max_bytes: config.plugin_max_bytes + (1 << 20),
        }]
    }

    fn register(&self, r: &mut anjian_platform::jobs::Registry) {
        r.job(
            COMPILE_JOB,
            Arc::new(|p, job| Box::pin(async move { compile_job(&p, &job).await })),
        );
        r.job(
            effects::REMIND_JOB,
            Arc::new(|p, job| Box::pin(async move { effects::remind_job(&p, &job).await })),
        );
    }
}

/// Settings of the manager.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest component accepted.
    pub max_bytes: u64,
    /// How often the change epoch is polled.
    pub poll: Duration,
    /// Invocations kept per plugin.
    pub keep: i64,
}

/// One process's plugin manager.
pub struct Manager {
    pub plugins: Arc<Plugins>,
    pub platform: Platform,
    pub max_bytes: u64,
    keep: i64,
    /// Linked components by content hash.
    prepared: Mutex<HashMap<String, InstancePre<HostState>>>,
    epoch: AtomicI64,
    reloading: tokio::sync::Mutex<()>,
    /// Authenticates the shared artifact cache (None: not used).
    artifact_key: Option<artifacts::ArtifactKey>,
}

/// Plugins of one (county, hook) with their positions.
type Ordered = Vec<(i64, Arc<Active>)>;

static INSTALLED: OnceLock<Arc<Manager>> = OnceLock::new();

/// The process's manager, once `serve` started it.
pub fn installed() -> Option<Arc<Manager>> {
    INSTALLED.get().cloned()
}

fn channel(p: &Platform) -> String {
    format!("{}:plugins", p.config.redis_prefix)
}

impl Manager {
    /// Starts the manager: loads what is active, then keeps it in step.
    pub async fn start(
        platform: Platform,
        plugins: Arc<Plugins>,
        o: Options,
    ) -> Result<Arc<Manager>> {
        let m = Manager::new(platform, plugins, &o);
        let (tx, rx) = tokio::sync::mpsc::channel(4096);
        m.plugins.set_observer(tx);
        tokio::spawn(write_invocations(m.clone(), rx));
        if let Err(e) = m.reload().await {
            tracing::error!(error = %e, "loading active plugins failed");
        }
        let wake = Arc::new(tokio::sync::Notify::new());
        if let Some(url) = m.platform.config.redis_url.clone() {
            tokio::spawn(listen(url, channel(&m.platform), wake.clone()));
        }
        tokio::spawn(keep_in_step(m.clone(), wake, o.poll));
        let _ = INSTALLED.set(m.clone());
        Ok(m)
    }

    /// A manager that keeps nothing in step (the CLI).
    pub fn new(platform: Platform, plugins: Arc<Plugins>, o: &Options) -> Arc<Manager> {
        let artifact_key = artifacts::ArtifactKey::from_config(&platform.config)
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "no plugin artifact key: each instance compiles what it runs");
                None
            });
        if artifact_key.is_none() {
            tracing::warn!(
                "ANJIAN_ARTIFACT_KEY is not set: compiled plugins are not shared between instances"
            );
        }
        Arc::new(Manager {
            artifact_key,
            plugins,
            platform,
            max_bytes: o.max_bytes,
            keep: o.keep.max(1),
            prepared: Mutex::new(HashMap::new()),
            epoch: AtomicI64::new(-1),
            reloading: tokio::sync::Mutex::new(()),
        })
    }

    /// Tells every instance that what runs changed (after the commit), and
    /// reloads this one before returning.
    pub async fn changed(&self) {
        if let Some(r) = &self.platform.redis {
            let mut c = r.clone();
            let sent: redis::RedisResult<i64> = redis::cmd("PUBLISH")
                .arg(channel(&self.platform))
                .arg("changed")
                .query_async(&mut c)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "publishing a plugin change failed; other instances poll");
            }
        }
        if let Err(e) = self.reload().await {
            tracing::error!(error = %e, "reloading plugins failed");
        }
    }

    /// Rebinds every county's plugins from the database when the epoch moved.
    pub async fn reload(&self) -> Result<()> {
        let _g = self.reloading.lock().await;
        let mut tx = self.platform.db.read(Scope::All, None).await?;
        let epoch = store::epoch(&mut tx).await?;
        if epoch == self.epoch.load(Ordering::Relaxed) {
            tx.commit().await?;
            return Ok(());
        }
        let versions = store::active_versions(&mut tx).await?;
        let settings = store::all_settings(&mut tx).await?;
        let pol = service::policy(&mut tx).await?;
        let mut bound: HashMap<(String, String), Ordered> = HashMap::new();
        for v in &versions {
            let s = settings
                .get(&(v.tenant.clone(), v.name.clone()))
                .cloned()
                .unwrap_or_default();
            let active = match self.activate_local(&mut tx, v, &s, &pol).await {
                Ok(a) => a,
                Err(e) => {
                    tracing::error!(plugin = %v.name, version = %v.version, tenant = %v.tenant, error = %e,
                        "an active plugin could not be loaded; it does not run");
                    continue;
                }
            };
            for h in v.hooks.iter().filter(|h| pol.allows(h)) {
                bound
                    .entry((v.tenant.clone(), h.clone()))
                    .or_default()
                    .push((s.position, active.clone()));
            }
        }
        tx.commit().await?;
        let mut all = Bound::new();
        for (k, mut list) in bound {
            list.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
            all.insert(k, list.into_iter().map(|(_, a)| a).collect());
        }
        self.plugins
            .set_max_per_tenant(pol.max_concurrent_per_tenant as usize);
        self.plugins.bind_all(all);
        self.epoch.store(epoch, Ordering::Relaxed);
        metrics::gauge!("anjian_plugin_epoch").set(epoch as f64);
        tracing::info!(epoch, active = versions.len(), "plugins bound");
        Ok(())
    }

    /// A version ready to call with `settings`, whatever its state.
    pub async fn activate_local(
        &self,
        tx: &mut Tx,
        v: &Version,
        settings: &Settings,
        pol: &Policy,
    ) -> Result<Arc<Active>> {
        let pre = self.prepared(tx, v).await?;
        Ok(Arc::new(Active {
            name: v.name.clone(),
            version: v.version.clone(),
            version_id: v.id.clone(),
            pre,
            limits: service::effective_limits(settings, pol),
            config: settings.config.clone(),
            fail_open: settings.fail_open,
        }))
    }

    /// The linked component of `v`: from this process's cache, the shared
    /// artifact cache, or compiled now (and cached) as a last resort.
    async fn prepared(&self, tx: &mut Tx, v: &Version) -> Result<InstancePre<HostState>> {
        if let Some(p) = self
            .prepared
            .lock()
            .ok()
            .and_then(|m| m.get(&v.sha256).cloned())
        {
            return Ok(p);
        }
        let key = self.plugins.runtime.artifact_key();
        let plugins = self.plugins.clone();
        let cached = artifacts::load(tx, self.artifact_key.as_ref(), &v.sha256, &key).await?;
        let component = match cached {
            Some(bytes) => {
                tokio::task::spawn_blocking(move || plugins.runtime.load_trusted(&bytes))
                    .await
                    .map_err(Error::internal)?
                    .map_err(|e| Error::Internal(format!("loading the compiled plugin: {e}")))?
            }
            None => {
                let bytes = store::component(tx, &v.tenant, &v.id)
                    .await?
                    .ok_or_else(|| Error::NotFound(format!("plugin version {}", v.id)))?;
                let (c, artifact) = compile(plugins, bytes).await?;
                let k = self.artifact_key.as_ref();
                if let Ok(mut w) = self.platform.db.write(Scope::All, None).await {
                    if artifacts::save(&mut w, k, &v.sha256, &key, &artifact)
                        .await
                        .is_ok()
                    {
                        let _ = w.commit().await;
                    }
                }
                c
            }
        };
        let pre = self
            .plugins
            .runtime
            .prepare(&component)
            .map_err(|e| Error::Internal(format!("linking the plugin: {e}")))?;
        if let Ok(mut m) = self.prepared.lock() {
            m.insert(v.sha256.clone(), pre.clone());
        }
        Ok(pre)
    }
}

/// Compiles off the async threads; returns the component and its artifact.
async fn compile(
    plugins: Arc<Plugins>,
    bytes: Vec<u8>,
) -> Result<(wasmtime::component::Component, Vec<u8>)> {
    tokio::task::spawn_blocking(move || -> wasmtime::Result<_> {
        let c = plugins.runtime.compile(&bytes)?;
        let a = plugins.runtime.serialize(&c)?;
        Ok((c, a))
    })
    .await
    .map_err(Error::internal)?
    .map_err(|e| Error::Internal(format!("compiling the plugin: {e:#}")))
}

/// `plugins.compile`: compiles an uploaded version and caches the artifact.
async fn compile_job(p: &Platform, job: &anjian_platform::jobs::Job) -> Result<()> {
    let m =
        installed().ok_or_else(|| Error::Internal("the plugin host is not running here".into()))?;
    let tenant = anjian_platform::jobs::payload_field(job, "tenant")?;
    let id = anjian_platform::jobs::payload_field(job, "id")?;
    compile_version(p, &m, tenant, id).await
}

/// Compiles version `id` of `tenant` unless its artifact is cached, and
/// records the outcome (a component that fails to compile is `failed`).
pub async fn compile_version(p: &Platform, m: &Manager, tenant: &str, id: &str) -> Result<()> {
    let (tenant, id) = (tenant.to_string(), id.to_string());
    let mut tx = p.db.read(Scope::All, None).await?;
    let Some(v) = store::version_by_id(&mut tx, &id).await? else {
        return Ok(());
    };
    let key = m.plugins.runtime.artifact_key();
    let k = m.artifact_key.as_ref();
    if artifacts::load(&mut tx, k, &v.sha256, &key)
        .await?
        .is_some()
    {
        tx.commit().await?;
        let mut w = p.db.write(Scope::All, None).await?;
        store::set_compiled(&mut w, &tenant, &id, None).await?;
        return w.commit().await;
    }
    let bytes = store::component(&mut tx, &tenant, &id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("plugin version {id}")))?;
    tx.commit().await?;
    let started = std::time::Instant::now();
    let outcome = compile(m.plugins.clone(), bytes).await;
    let mut w = p.db.write(Scope::All, None).await?;
    match outcome {
        Ok((_, artifact)) => {
            artifacts::save(&mut w, k, &v.sha256, &key, &artifact).await?;
            store::set_compiled(&mut w, &tenant, &id, None).await?;
            tracing::info!(plugin = %v.name, version = %v.version, secs = started.elapsed().as_secs_f64(), "plugin compiled");
        }
        Err(e) => {
            store::set_compiled(&mut w, &tenant, &id, Some(&e.to_string())).await?;
            tracing::warn!(plugin = %v.name, version = %v.version, error = %e, "plugin failed to compile");
        }
    }
    w.commit().await
}

/// Polls the epoch, and reloads at once when Redis says something changed.
async fn keep_in_step(m: Arc<Manager>, wake: Arc<tokio::sync::Notify>, poll: Duration) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = wake.notified() => {}
        }
        if let Err(e) = m.reload().await {
            tracing::warn!(error = %e, "plugin sync failed; retrying");
        }
    }
}

/// Wakes the sync task on every message of the plugin channel.
async fn listen(url: String, channel: String, wake: Arc<tokio::sync::Notify>) {
    use futures::StreamExt;
    loop {
        match redis::Client::open(url.as_str()) {
            Ok(client) => match client.get_async_pubsub().await {
                Ok(mut ps) => {
                    if ps.subscribe(&channel).await.is_ok() {
                        let mut stream = ps.on_message();
                        while stream.next().await.is_some() {
                            wake.notify_one();
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "plugin channel: redis connection failed"),
            },
            Err(e) => {
                tracing::error!(error = %e, "plugin channel: bad redis url");
                return;
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Writes invocation records in batches and keeps the newest per plugin.
async fn write_invocations(m: Arc<Manager>, mut rx: tokio::sync::mpsc::Receiver<InvocationRecord>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < 256 {
            match rx.try_recv() {
                Ok(r) => batch.push(r),
                Err(_) => break,
            }
        }
        if let Err(e) = write_batch(&m, &batch).await {
            tracing::warn!(error = %e, n = batch.len(), "storing plugin invocations failed");
        }
    }
}

async fn write_batch(m: &Manager, batch: &[InvocationRecord]) -> Result<()> {
    let mut tx = m.platform.db.write(Scope::All, None).await?;
    let mut touched = std::collections::BTreeSet::new();
    for r in batch {
        let (output, failure) = match &r.ran.outcome {
            Ok(v) => (Some(v.to_string()), None),
            Err(f) => (
                None,
                Some(serde_json::json!({"code": f.code(), "message": f.to_string()}).to_string()),
            ),
        };
        store::insert_invocation(
            &mut tx,
            &store::StoredInvocation {
                tenant: r.tenant.clone(),
                id: anjian_platform::time::new_id(),
                name: r.plugin.clone(),
                version: r.version.clone(),
                version_id: r.version_id.clone(),
                hook: r.hook.clone(),
                at: r.at_ms,
                failure,
                input: r.input.to_string(),
                output,
                logs: serde_json::to_string(&r.ran.logs)?,
                fuel: r.ran.fuel_used as i64,
                duration_us: r.ran.duration.as_micros() as i64,
            },
        )
        .await?;
        touched.insert((r.tenant.clone(), r.plugin.clone()));
    }
    for (tenant, name) in touched {
        store::prune_invocations(&mut tx, &tenant, &name, m.keep).await?;
    }
    tx.commit().await
}
