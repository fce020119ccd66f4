//! GraphQL of plugin management: thin resolvers over `service`.

use super::service::{self, Policy, SettingsInput};
use super::store::{self, Settings, StoredInvocation, Version};
use super::{installed, Manager, PERM_ACTIVATE, PERM_DEVELOP, PERM_GOVERN};
use crate::{Limits, LogLine, Ran};
use anjian_platform::api::context::{req, Req};
use anjian_platform::rbac::Permission;
use anjian_platform::Error;
use async_graphql::{Context, InputObject, Json, Object, Result, SimpleObject, Upload};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

fn dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn manager() -> anjian_platform::Result<Arc<Manager>> {
    installed().ok_or_else(|| Error::Internal("the plugin host is not running".into()))
}

fn require<'a>(
    r: &'a Req,
    p: &'static str,
) -> anjian_platform::Result<&'a anjian_platform::auth::Principal> {
    r.require(Permission::Module(p))
}

/// Any of the plugin permissions (reading plugins).
fn require_any(r: &Req) -> anjian_platform::Result<&anjian_platform::auth::Principal> {
    let who = r.principal()?;
    for p in [PERM_DEVELOP, PERM_ACTIVATE, PERM_GOVERN] {
        if who.can(Permission::Module(p)) {
            return r.require(Permission::Module(p));
        }
    }
    Err(Error::Forbidden("plugin management".into()))
}

/// An uploaded plugin version (插件版本).
#[derive(SimpleObject)]
pub struct PluginVersion {
    pub id: String,
    pub tenant_code: String,
    pub name: String,
    /// Semantic version.
    pub version: String,
    pub author: String,
    pub description: String,
    /// Hooks it implements, e.g. `enterprise.validate`.
    pub hooks: Vec<String>,
    /// The contract version it was built for (`anjian:plugin@…`).
    pub wit_version: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// draft, tested, active, disabled or retired.
    pub state: String,
    /// pending, ready or failed.
    pub compile_status: String,
    pub compile_error: Option<String>,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Version> for PluginVersion {
    fn from(v: Version) -> Self {
        PluginVersion {
            id: v.id,
            tenant_code: v.tenant,
            name: v.name,
            version: v.version,
            author: v.author,
            description: v.description,
            hooks: v.hooks,
            wit_version: v.wit_version,
            sha256: v.sha256,
            size_bytes: v.size_bytes,
            state: v.state,
            compile_status: v.compile_status,
            compile_error: v.compile_error,
            uploaded_by: v.uploaded_by,
            created_at: dt(v.created_at),
            updated_at: dt(v.updated_at),
        }
    }
}

/// A key/value of a plugin's configuration.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "PluginConfigEntryInput")]
pub struct PluginConfigEntry {
    pub key: String,
    pub value: String,
}

/// How a county runs a plugin.
#[derive(SimpleObject)]
pub struct PluginSettings {
    pub tenant_code: String,
    pub name: String,
    /// Order on a hook (lower runs first; ties by name).
    pub position: i64,
    /// On failure, pass (logged) instead of refusing the operation.
    pub fail_open: bool,
    /// The limits in force (the county's own, held to the province's ceilings).
    pub limits: Limits,
    pub config: Vec<PluginConfigEntry>,
}

fn settings_out(tenant: &str, name: &str, s: &Settings, pol: &Policy) -> PluginSettings {
    PluginSettings {
        tenant_code: tenant.into(),
        name: name.into(),
        position: s.position,
        fail_open: s.fail_open,
        limits: service::effective_limits(s, pol),
        config: s
            .config
            .iter()
            .map(|(k, v)| PluginConfigEntry {
                key: k.clone(),
                value: v.clone(),
            })
            .collect(),
    }
}

/// Why a plugin invocation failed.
#[derive(SimpleObject, Clone)]
pub struct PluginFailure {
    /// fuel, timeout, memory, stack, input, output, trap, instantiate, result or busy.
    pub code: String,
    pub message: String,
}

/// The result of a dry run.
#[derive(SimpleObject)]
pub struct PluginRun {
    pub ok: bool,
    /// The hook's result as JSON (for enterprise.validate: the decision).
    pub output: Option<Json<Value>>,
    pub failure: Option<PluginFailure>,
    pub logs: Vec<LogLine>,
    pub fuel_used: i64,
    pub duration_micros: i64,
    pub version: PluginVersion,
}

fn run_out(v: Version, r: Ran) -> PluginRun {
    let (output, failure) = match r.outcome {
        Ok(v) => (Some(Json(v)), None),
        Err(f) => (
            None,
            Some(PluginFailure {
                code: f.code().into(),
                message: f.to_string(),
            }),
        ),
    };
    PluginRun {
        ok: failure.is_none(),
        output,
        failure,
        logs: r.logs,
        fuel_used: r.fuel_used as i64,
        duration_micros: r.duration.as_micros() as i64,
        version: v.into(),
    }
}

/// One recorded invocation of a plugin.
#[derive(SimpleObject)]
pub struct PluginInvocation {
    pub id: String,
    pub name: String,
    pub version: String,
    pub version_id: String,
    pub hook: String,
    pub at: DateTime<Utc>,
    pub input: Json<Value>,
    pub output: Option<Json<Value>>,
    pub failure: Option<PluginFailure>,
    pub logs: Vec<LogLine>,
    pub fuel_used: i64,
    pub duration_micros: i64,
}

impl From<StoredInvocation> for PluginInvocation {
    fn from(i: StoredInvocation) -> Self {
        let failure = i
            .failure
            .as_deref()
            .and_then(|f| serde_json::from_str::<Value>(f).ok())
            .map(|f| PluginFailure {
                code: f["code"].as_str().unwrap_or("").into(),
                message: f["message"].as_str().unwrap_or("").into(),
            });
        PluginInvocation {
            id: i.id,
            name: i.name,
            version: i.version,
            version_id: i.version_id,
            hook: i.hook,
            at: dt(i.at),
            input: Json(serde_json::from_str(&i.input).unwrap_or(Value::Null)),
            output: i
                .output
                .as_deref()
                .and_then(|o| serde_json::from_str(o).ok())
                .map(Json),
            failure,
            logs: serde_json::from_str(&i.logs).unwrap_or_default(),
            fuel_used: i.fuel,
            duration_micros: i.duration_us,
        }
    }
}

/// A hook counties may bind plugins to.
#[derive(SimpleObject)]
pub struct PluginHook {
    pub name: String,
    /// The WIT interface a component exports for it.
    pub interface: String,
    /// Before (decides in the operation), after (reacts from the job queue)
    /// or compute (returns a value the module uses).
    pub kind: crate::HookKind,
    pub allowed: bool,
}

/// The province's plugin policy.
#[derive(SimpleObject)]
pub struct PluginPolicy {
    pub hooks: Vec<PluginHook>,
    pub ceilings: Limits,
    pub max_concurrent_per_tenant: i32,
}

fn policy_out(m: &Manager, p: &Policy) -> PluginPolicy {
    PluginPolicy {
        hooks: m
            .plugins
            .hook_kinds()
            .into_iter()
            .map(|(name, interface, kind)| PluginHook {
                allowed: p.allows(&name),
                name,
                interface,
                kind,
            })
            .collect(),
        ceilings: p.ceilings,
        max_concurrent_per_tenant: p.max_concurrent_per_tenant as i32,
    }
}

/// Queries of plugin management.
#[derive(Default)]
pub struct PluginQuery;

#[Object]
impl PluginQuery {
    /// Uploaded versions in the caller's tenants, newest first.
    async fn plugin_versions(
        &self,
        ctx: &Context<'_>,
        tenant_code: Option<String>,
        name: Option<String>,
    ) -> Result<Vec<PluginVersion>> {
        let r = req(ctx);
        require_any(r)?;
        let mut tx = r.read().await?;
        let out = store::versions(&mut tx, tenant_code.as_deref(), name.as_deref()).await?;
        tx.commit().await?;
        Ok(out.into_iter().map(Into::into).collect())
    }

    /// One version.
    async fn plugin_version(&self, ctx: &Context<'_>, id: String) -> Result<PluginVersion> {
        let r = req(ctx);
        require_any(r)?;
        let mut tx = r.read().await?;
        let v = service::version(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(v.into())
    }

    /// How a county runs a plugin.
    async fn plugin_settings(
        &self,
        ctx: &Context<'_>,
        tenant_code: String,
        name: String,
    ) -> Result<PluginSettings> {
        let r = req(ctx);
        require_any(r)?;
        let mut tx = r.read().await?;
        if store::versions(&mut tx, Some(&tenant_code), Some(&name))
            .await?
            .is_empty()
        {
            return Err(Error::NotFound(format!("plugin {name} in {tenant_code}")).into());
        }
        let s = store::settings_of(&mut tx, &tenant_code, &name).await?;
        let pol = service::policy(&mut tx).await?;
        tx.commit().await?;
        Ok(settings_out(&tenant_code, &name, &s, &pol))
    }

    /// The newest invocations of a plugin in a county (its own county only).
    async fn plugin_invocations(
        &self,
        ctx: &Context<'_>,
        tenant_code: String,
        name: String,
        #[graphql(default = 20, validator(minimum = 1, maximum = 200))] last: i64,
    ) -> Result<Vec<PluginInvocation>> {
        let r = req(ctx);
        require_any(r)?;
        let mut tx = r.read().await?;
        let out = store::invocations(&mut tx, &tenant_code, &name, last).await?;
        tx.commit().await?;
        Ok(out.into_iter().map(Into::into).collect())
    }

    /// The province's policy: hooks counties may bind, ceilings, concurrency.
    async fn plugin_policy(&self, ctx: &Context<'_>) -> Result<PluginPolicy> {
        let r = req(ctx);
        require_any(r)?;
        let m = manager()?;
        let mut tx = r.read().await?;
        let p = service::policy(&mut tx).await?;
        tx.commit().await?;
        Ok(policy_out(&m, &p))
    }
}

/// Metadata of an upload.
#[derive(InputObject)]
pub struct UploadPluginInput {
    pub tenant_code: String,
    /// Lowercase letters, digits and hyphens, e.g. `chem-safety-phone`.
    pub name: String,
    /// Semantic version, e.g. `1.0.0`.
    pub version: String,
    #[graphql(default)]
    pub description: String,
    /// Defaults to the uploader.
    pub author: Option<String>,
}

/// A county's settings for a plugin.
#[derive(InputObject)]
pub struct ConfigurePluginInput {
    pub tenant_code: String,
    pub name: String,
    #[graphql(default)]
    pub position: i64,
    #[graphql(default)]
    pub fail_open: bool,
    /// Omitted: the defaults, held to the province's ceilings.
    pub limits: Option<Limits>,
    #[graphql(default)]
    pub config: Vec<PluginConfigEntry>,
}

/// The province's policy.
#[derive(InputObject)]
pub struct PluginPolicyInput {
    /// Omitted: every hook a module offers.
    pub allowed_hooks: Option<Vec<String>>,
    pub ceilings: Limits,
    pub max_concurrent_per_tenant: i32,
}

/// Mutations of plugin management.
#[derive(Default)]
pub struct PluginMutation;

#[Object]
impl PluginMutation {
    /// Uploads a component (multipart request, `file`): checked, stored as a
    /// draft and compiled in the background (follow `compileStatus`).
    async fn upload_plugin(
        &self,
        ctx: &Context<'_>,
        input: UploadPluginInput,
        file: Upload,
    ) -> Result<PluginVersion> {
        use std::io::Read;
        let r = req(ctx);
        require(r, PERM_DEVELOP)?;
        let m = manager()?;
        let value = file
            .value(ctx)
            .map_err(|_| Error::field("file", "没有收到文件", "no file was received"))?;
        let mut bytes = Vec::new();
        value
            .into_read()
            .take(m.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Error::field("file", "文件无法读取", "the file cannot be read"))?;
        let mut tx = r.write().await?;
        let v = service::upload(
            &mut tx,
            &r.audit(),
            &m,
            &service::Upload {
                tenant: &input.tenant_code,
                name: input.name.trim(),
                version: input.version.trim(),
                description: &input.description,
                author: input.author.as_deref(),
            },
            &bytes,
        )
        .await?;
        r.commit(tx).await?;
        Ok(v.into())
    }

    /// Runs a version on an input, or on the stored input of a past
    /// invocation (`replayOf`), with no side effects; returns the result,
    /// logs, fuel and time. A draft that runs cleanly becomes `tested`.
    async fn test_plugin(
        &self,
        ctx: &Context<'_>,
        id: String,
        hook: String,
        input: Option<Json<Value>>,
        replay_of: Option<String>,
    ) -> Result<PluginRun> {
        let r = req(ctx);
        require(r, PERM_DEVELOP)?;
        let m = manager()?;
        let mut tx = r.read().await?;
        let input = match (input, replay_of) {
            (Some(Json(v)), None) => v,
            (None, Some(inv)) => {
                let i = store::invocation_by_id(&mut tx, &inv)
                    .await?
                    .ok_or_else(|| Error::NotFound(format!("plugin invocation {inv}")))?;
                serde_json::from_str(&i.input)?
            }
            _ => {
                return Err(Error::field(
                    "input",
                    "请给出 input 或 replayOf 之一",
                    "give exactly one of input and replayOf",
                )
                .into())
            }
        };
        let (v, ran) = service::test(&mut tx, &m, &id, &hook, &input).await?;
        tx.commit().await?;
        if ran.outcome.is_ok() && v.state == "draft" {
            let mut w = r.write().await?;
            service::mark_tested(&mut w, &r.audit(), &v).await?;
            r.commit(w).await?;
            let mut tx = r.read().await?;
            let v = service::version(&mut tx, &id).await?;
            tx.commit().await?;
            return Ok(run_out(v, ran));
        }
        Ok(run_out(v, ran))
    }

    /// Makes a version the active one of its plugin in its county; the
    /// previous one retires. Also rollback (activate an earlier version).
    async fn activate_plugin(&self, ctx: &Context<'_>, id: String) -> Result<PluginVersion> {
        let r = req(ctx);
        require(r, PERM_ACTIVATE)?;
        let m = manager()?;
        let mut tx = r.write().await?;
        let v = service::activate(&mut tx, &r.audit(), &id).await?;
        r.commit(tx).await?;
        m.changed().await;
        Ok(v.into())
    }

    /// Switches off an active version (county admin; the province for any county).
    async fn disable_plugin(&self, ctx: &Context<'_>, id: String) -> Result<PluginVersion> {
        let r = req(ctx);
        let who = r.principal()?;
        if !who.can(Permission::Module(PERM_GOVERN)) {
            require(r, PERM_ACTIVATE)?;
        }
        let m = manager()?;
        let mut tx = r.write().await?;
        let v = service::disable(&mut tx, &r.audit(), &id).await?;
        r.commit(tx).await?;
        m.changed().await;
        Ok(v.into())
    }

    /// Retires a version that is not active.
    async fn retire_plugin(&self, ctx: &Context<'_>, id: String) -> Result<PluginVersion> {
        let r = req(ctx);
        require(r, PERM_ACTIVATE)?;
        let mut tx = r.write().await?;
        let v = service::retire(&mut tx, &r.audit(), &id).await?;
        r.commit(tx).await?;
        Ok(v.into())
    }

    /// Sets how the county runs a plugin: order, fail-open, limits, config.
    async fn configure_plugin(
        &self,
        ctx: &Context<'_>,
        input: ConfigurePluginInput,
    ) -> Result<PluginSettings> {
        let r = req(ctx);
        require(r, PERM_ACTIVATE)?;
        let m = manager()?;
        let config: BTreeMap<String, String> =
            input.config.into_iter().map(|e| (e.key, e.value)).collect();
        let mut tx = r.write().await?;
        let s = service::configure(
            &mut tx,
            &r.audit(),
            &input.tenant_code,
            &input.name,
            SettingsInput {
                position: input.position,
                fail_open: input.fail_open,
                limits: input.limits,
                config,
            },
        )
        .await?;
        let pol = service::policy(&mut tx).await?;
        r.commit(tx).await?;
        m.changed().await;
        Ok(settings_out(&input.tenant_code, &input.name, &s, &pol))
    }

    /// The province sets which hooks counties may bind, the ceilings and the
    /// concurrency cap.
    async fn set_plugin_policy(
        &self,
        ctx: &Context<'_>,
        input: PluginPolicyInput,
    ) -> Result<PluginPolicy> {
        let r = req(ctx);
        require(r, PERM_GOVERN)?;
        let m = manager()?;
        let p = Policy {
            allowed_hooks: input.allowed_hooks,
            ceilings: input.ceilings,
            max_concurrent_per_tenant: input.max_concurrent_per_tenant.max(0) as u32,
        };
        let mut tx = r.write().await?;
        service::save_policy(&mut tx, &r.audit(), &m, &p).await?;
        r.commit(tx).await?;
        m.changed().await;
        Ok(policy_out(&m, &p))
    }

    /// The province disables a component (by SHA-256) in every county and
    /// refuses it from now on. Returns how many versions were disabled.
    async fn ban_plugin(&self, ctx: &Context<'_>, sha256: String, reason: String) -> Result<i64> {
        let r = req(ctx);
        require(r, PERM_GOVERN)?;
        let m = manager()?;
        let mut tx = r.write().await?;
        let n = service::ban(&mut tx, &r.audit(), &sha256, &reason).await?;
        r.commit(tx).await?;
        m.changed().await;
        Ok(n as i64)
    }
}
