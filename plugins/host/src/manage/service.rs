//! The rules of the plugin lifecycle: upload checks, states
//! (draft → tested → active → disabled / retired), one active version per
//! plugin per county, settings under the province's ceilings, dry runs.

use super::store::{self, NewVersion, Settings, Version};
use super::Manager;
use crate::inspect::{inspect, InspectError};
use crate::{Limits, Ran};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::{Error, FieldError, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Key of the province's plugin policy in `policies`.
pub const POLICY_KEY: &str = "plugins.policy";

/// What the province allows counties (省级插件策略).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Policy {
    /// Hooks counties may bind; `None`: every hook a module offers.
    pub allowed_hooks: Option<Vec<String>>,
    /// The most any county's settings may give one invocation.
    pub ceilings: Limits,
    /// Invocations one county may run at once on one server.
    pub max_concurrent_per_tenant: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            allowed_hooks: None,
            ceilings: Limits::default_ceiling(),
            // Two at a time per county: a county whose plugin spins holds at
            // most two threads, whatever its request rate.
            max_concurrent_per_tenant: 2,
        }
    }
}

impl Policy {
    pub fn allows(&self, hook: &str) -> bool {
        self.allowed_hooks
            .as_ref()
            .is_none_or(|l| l.iter().any(|h| h == hook))
    }
}

pub async fn policy(tx: &mut Tx) -> Result<Policy> {
    use sqlx::Row;
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(POLICY_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&r.try_get::<String, _>("value")?)?,
        None => Policy::default(),
    })
}

/// Stores the province's policy (checked), and bumps the epoch.
pub async fn save_policy(tx: &mut Tx, ctx: &AuditCtx, m: &Manager, p: &Policy) -> Result<()> {
    let known: Vec<String> = m.plugins.hooks().into_iter().map(|(h, _)| h).collect();
    let mut errs = Vec::new();
    for h in p.allowed_hooks.iter().flatten() {
        if !known.contains(h) {
            errs.push(FieldError::new(
                "allowedHooks",
                &format!("没有名为 {h} 的挂载点（可用：{}）", known.join("、")),
                &format!("no hook named {h} (known: {})", known.join(", ")),
            ));
        }
    }
    if p.max_concurrent_per_tenant == 0 || p.max_concurrent_per_tenant > 1024 {
        errs.push(FieldError::new(
            "maxConcurrentPerTenant",
            "并发上限应在 1 到 1024 之间",
            "the concurrency cap must be 1-1024",
        ));
    }
    let c = &p.ceilings;
    if c.fuel == 0
        || c.deadline_ms == 0
        || c.memory_bytes < (1 << 20)
        || c.output_bytes == 0
        || c.input_bytes == 0
    {
        errs.push(FieldError::new(
            "ceilings",
            "上限须为正数，内存上限至少 1 MiB",
            "ceilings must be positive, memory at least 1 MiB",
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let value = serde_json::to_string(p)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(POLICY_KEY)
        .bind(value.clone())
        .bind(anjian_platform::time::now_ms())
        .bind(ctx.actor.clone()),
    )
    .await?;
    store::bump_epoch(tx).await?;
    audit::record(
        tx,
        ctx,
        ctx.actor_tenant.as_deref().unwrap_or(""),
        "plugin.policy",
        "plugin_policy",
        POLICY_KEY,
        vec![Change::new("policy", None, Some(Value::String(value)))],
    )
    .await
}

/// An upload's metadata.
pub struct Upload<'a> {
    pub tenant: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
    pub author: Option<&'a str>,
}

fn name_ok(n: &str) -> bool {
    (2..=64).contains(&n.len())
        && n.starts_with(|c: char| c.is_ascii_lowercase())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks and stores an uploaded component as a draft; compiling runs in the
/// job queue (`plugins.compile`). Nothing is stored when a check fails.
pub async fn upload(
    tx: &mut Tx,
    ctx: &AuditCtx,
    m: &Manager,
    u: &Upload<'_>,
    bytes: &[u8],
) -> Result<Version> {
    tx.ensure_writable(u.tenant)?;
    let mut errs = Vec::new();
    if !name_ok(u.name) {
        errs.push(FieldError::new(
            "name",
            "插件名应为 2 到 64 位小写字母、数字或连字符，以字母开头",
            "the name must be 2-64 lowercase letters, digits or hyphens, starting with a letter",
        ));
    }
    if semver::Version::parse(u.version).is_err() {
        errs.push(FieldError::new(
            "version",
            "版本号应为语义化版本，如 1.0.0",
            "the version must be a semantic version such as 1.0.0",
        ));
    }
    if u.description.chars().count() > 2000 {
        errs.push(FieldError::new(
            "description",
            "说明过长（最多 2000 字）",
            "the description is too long (2,000 characters at most)",
        ));
    }
    let max = m.max_bytes;
    if bytes.is_empty() {
        errs.push(FieldError::new("file", "文件为空", "the file is empty"));
    } else if bytes.len() as u64 > max {
        errs.push(FieldError::new(
            "file",
            &format!("组件大小 {} 字节，超过上限 {max} 字节", bytes.len()),
            &format!(
                "the component is {} bytes, over the {max}-byte limit",
                bytes.len()
            ),
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let hooks = m.plugins.hooks();
    let ifaces: Vec<&str> = hooks.iter().map(|(_, i)| i.as_str()).collect();
    let after = m.plugins.after_interfaces();
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    let found = inspect(bytes, &ifaces, &after).map_err(refusal)?;
    let hook_names: Vec<String> = hooks
        .iter()
        .filter(|(_, i)| found.interfaces.contains(i))
        .map(|(h, _)| h.clone())
        .collect();
    let sha = hex::encode(Sha256::digest(bytes));
    let code = crate::inspect::code_sha256(bytes).map_err(refusal)?;
    if let Some(reason) = store::ban_of(tx, &sha, Some(&code)).await? {
        return Err(Error::Forbidden(format!(
            "the province disabled this component everywhere: {reason}"
        )));
    }
    if store::version_by_name(tx, u.tenant, u.name, u.version)
        .await?
        .is_some()
    {
        return Err(Error::Conflict {
            zh: format!(
                "插件 {} 的 {} 版已上传；请使用新的版本号",
                u.name, u.version
            ),
            en: format!(
                "{} {} is already uploaded; use a new version number",
                u.name, u.version
            ),
        });
    }
    let compiled_here = store::compiled_in(tx, u.tenant, &sha).await?;
    let id = anjian_platform::time::new_id();
    store::insert_version(
        tx,
        &NewVersion {
            tenant: u.tenant,
            id: &id,
            name: u.name,
            version: u.version,
            author: u.author.unwrap_or(&ctx.actor),
            description: u.description,
            hooks: &hook_names,
            wit_version: &found.version,
            sha256: &sha,
            code_sha256: &code,
            bytes,
            // Ready at once only when this county compiled the same bytes
            // before; another county's upload must not show.
            compile_status: if compiled_here { "ready" } else { "pending" },
            uploaded_by: &ctx.actor,
        },
    )
    .await?;
    if !compiled_here {
        // The job marks it ready at once when the artifact is cached.
        anjian_platform::jobs::enqueue(
            tx,
            u.tenant,
            super::COMPILE_JOB,
            &serde_json::json!({"tenant": u.tenant, "id": id}),
            anjian_platform::time::now_ms(),
            Some(&format!("plugin-compile-{id}")),
            3,
        )
        .await?;
    }
    audit::record(
        tx,
        ctx,
        u.tenant,
        "plugin.upload",
        "plugin_version",
        &id,
        vec![
            Change::new("name", None, Some(u.name.into())),
            Change::new("version", None, Some(u.version.into())),
            Change::new("sha256", None, Some(sha.clone().into())),
            Change::new("hooks", None, Some(hook_names.join(",").into())),
        ],
    )
    .await?;
    store::version_by_id(tx, &id)
        .await?
        .ok_or_else(|| Error::Internal("uploaded version vanished".into()))
}

/// An inspection failure as the uploader sees it.
fn refusal(e: InspectError) -> Error {
    let zh = match &e {
        InspectError::NotAComponent => {
            "不是 WebAssembly 组件（可能是核心模块或其他文件）".to_string()
        }
        InspectError::Invalid(m) => format!("组件无效：{m}"),
        InspectError::ForbiddenImport(i) => format!("导入了插件不允许使用的接口 {i}"),
        InspectError::NoHook(x) => format!("没有导出本平台的任何挂载接口（导出：{x}）"),
        InspectError::UnsupportedVersion { found, supported } => {
            format!("组件按接口版本 {found} 构建；本平台支持 {supported}")
        }
    };
    Error::field("file", &zh, &e.to_string())
}

/// A version in scope, or `NOT_FOUND`.
pub async fn version(tx: &mut Tx, id: &str) -> Result<Version> {
    store::version_by_id(tx, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("plugin version {id}")))
}

fn conflict(v: &Version, wanted: &str) -> Error {
    Error::Conflict {
        zh: format!(
            "{} {} 当前状态为 {}，不能{wanted}",
            v.name, v.version, v.state
        ),
        en: format!(
            "{} {} is {}; it cannot be {wanted}",
            v.name, v.version, v.state
        ),
    }
}

/// Makes `id` the active version of its plugin in its county (the previous
/// active one retires), atomically. Also rollback: activate an earlier version.
pub async fn activate(tx: &mut Tx, ctx: &AuditCtx, id: &str) -> Result<Version> {
    let v = version(tx, id).await?;
    tx.ensure_writable(&v.tenant)?;
    if !matches!(v.state.as_str(), "tested" | "retired" | "disabled") {
        return Err(if v.state == "draft" {
            Error::Conflict {
                zh: format!(
                    "{} {} 尚未通过试运行（testPlugin），不能启用",
                    v.name, v.version
                ),
                en: format!(
                    "{} {} has not passed a dry run (testPlugin) yet; it cannot be activated",
                    v.name, v.version
                ),
            }
        } else {
            conflict(&v, "activated")
        });
    }
    if v.compile_status != "ready" {
        return Err(Error::Conflict {
            zh: format!(
                "{} {} 编译状态为 {}，不能启用",
                v.name, v.version, v.compile_status
            ),
            en: format!(
                "{} {} is not compiled ({}); it cannot be activated",
                v.name, v.version, v.compile_status
            ),
        });
    }
    if let Some(reason) = store::ban_of(tx, &v.sha256, v.code_sha256.as_deref()).await? {
        return Err(Error::Forbidden(format!(
            "the province disabled this component everywhere: {reason}"
        )));
    }
    let pol = policy(tx).await?;
    if let Some(h) = v.hooks.iter().find(|h| !pol.allows(h)) {
        return Err(Error::Forbidden(format!(
            "the province does not allow counties to bind {h}"
        )));
    }
    store::retire_active(tx, &v.tenant, &v.name).await?;
    store::set_state(tx, &v.tenant, &v.id, "active").await?;
    store::bump_epoch(tx).await?;
    transition(tx, ctx, &v, "active").await?;
    version(tx, id).await
}

/// Switches off the active version of a plugin (county admin, or the province).
pub async fn disable(tx: &mut Tx, ctx: &AuditCtx, id: &str) -> Result<Version> {
    let v = version(tx, id).await?;
    if v.state != "active" {
        return Err(conflict(&v, "disabled"));
    }
    store::set_state(tx, &v.tenant, &v.id, "disabled").await?;
    store::bump_epoch(tx).await?;
    transition(tx, ctx, &v, "disabled").await?;
    version(tx, id).await
}

/// Retires a version that is not active.
pub async fn retire(tx: &mut Tx, ctx: &AuditCtx, id: &str) -> Result<Version> {
    let v = version(tx, id).await?;
    if v.state == "active" || v.state == "retired" {
        return Err(conflict(&v, "retired"));
    }
    store::set_state(tx, &v.tenant, &v.id, "retired").await?;
    transition(tx, ctx, &v, "retired").await?;
    version(tx, id).await
}

async fn transition(tx: &mut Tx, ctx: &AuditCtx, v: &Version, to: &str) -> Result<()> {
    audit::record(
        tx,
        ctx,
        &v.tenant,
        &format!("plugin.{to}"),
        "plugin_version",
        &v.id,
        vec![Change::new(
            "state",
            Some(v.state.clone().into()),
            Some(to.into()),
        )],
    )
    .await
}

/// The province disables a component in every county and refuses it from now on.
pub async fn ban(tx: &mut Tx, ctx: &AuditCtx, sha256: &str, reason: &str) -> Result<u64> {
    let sha = sha256.trim().to_ascii_lowercase();
    if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::field(
            "sha256",
            "应为 64 位十六进制 SHA-256",
            "must be a 64-digit hex SHA-256",
        ));
    }
    if reason.trim().is_empty() {
        return Err(Error::field("reason", "请填写原因", "a reason is required"));
    }
    let code = store::code_of(tx, &sha).await?;
    store::ban(tx, &sha, code.as_deref(), reason.trim(), &ctx.actor).await?;
    let n = store::disable_sha(tx, &sha, code.as_deref()).await?;
    store::bump_epoch(tx).await?;
    audit::record(
        tx,
        ctx,
        ctx.actor_tenant.as_deref().unwrap_or(""),
        "plugin.ban",
        "plugin_content",
        &sha,
        vec![Change::new("reason", None, Some(reason.trim().into()))],
    )
    .await?;
    Ok(n)
}

/// New settings of a plugin in a county (under the province's ceilings).
pub struct SettingsInput {
    pub position: i64,
    pub fail_open: bool,
    pub limits: Option<Limits>,
    pub config: BTreeMap<String, String>,
}

pub async fn configure(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    name: &str,
    s: SettingsInput,
) -> Result<Settings> {
    tx.ensure_writable(tenant)?;
    if store::versions(tx, Some(tenant), Some(name))
        .await?
        .is_empty()
    {
        return Err(Error::NotFound(format!("plugin {name} in {tenant}")));
    }
    let pol = policy(tx).await?;
    let mut errs = Vec::new();
    if let Some(l) = &s.limits {
        if l.within(&pol.ceilings) != *l {
            errs.push(FieldError::new(
                "limits",
                "限额超过了省级设定的上限",
                "the limits exceed the province's ceilings",
            ));
        }
        if l.fuel == 0 || l.deadline_ms == 0 || l.memory_bytes == 0 {
            errs.push(FieldError::new(
                "limits",
                "限额须为正数",
                "limits must be positive",
            ));
        }
    }
    if s.config.len() > 64
        || s.config
            .iter()
            .any(|(k, v)| k.is_empty() || k.len() > 64 || v.len() > 4096)
    {
        errs.push(FieldError::new(
            "config",
            "配置最多 64 项，键 1 到 64 字节，值至多 4096 字节",
            "at most 64 entries, keys of 1-64 bytes, values of at most 4,096 bytes",
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let out = Settings {
        position: s.position,
        fail_open: s.fail_open,
        limits: match &s.limits {
            Some(l) => serde_json::to_value(l)?,
            None => Value::Object(Default::default()),
        },
        config: s.config,
    };
    store::save_settings(tx, tenant, name, &out, &ctx.actor).await?;
    store::bump_epoch(tx).await?;
    audit::record(
        tx,
        ctx,
        tenant,
        "plugin.configure",
        "plugin",
        name,
        vec![Change::new(
            "settings",
            None,
            Some(serde_json::json!({
            "position": out.position, "failOpen": out.fail_open, "limits": out.limits,
            "configKeys": out.config.keys().collect::<Vec<_>>()})),
        )],
    )
    .await?;
    Ok(out)
}

/// The limits a binding runs under: its own, else the defaults, held to the ceilings.
pub fn effective_limits(s: &Settings, pol: &Policy) -> Limits {
    serde_json::from_value::<Limits>(s.limits.clone())
        .unwrap_or_default()
        .within(&pol.ceilings)
}

/// Runs `id` on `input` for `hook`, with no side effects (see [`mark_tested`]).
/// Takes a read transaction.
pub async fn test(
    tx: &mut Tx,
    m: &Manager,
    id: &str,
    hook: &str,
    input: &Value,
) -> Result<(Version, Ran)> {
    let v = version(tx, id).await?;
    if !v.hooks.iter().any(|h| h == hook) {
        return Err(Error::field(
            "hook",
            &format!(
                "{} {} 没有实现挂载点 {hook}（实现了：{}）",
                v.name,
                v.version,
                v.hooks.join("、")
            ),
            &format!(
                "{} {} does not implement {hook} (it implements {})",
                v.name,
                v.version,
                v.hooks.join(", ")
            ),
        ));
    }
    let Some(runner) = m.plugins.runner(hook) else {
        return Err(Error::field("hook", "未知的挂载点", "unknown hook"));
    };
    if v.compile_status == "failed" {
        return Err(Error::Conflict {
            zh: format!(
                "{} {} 编译失败：{}",
                v.name,
                v.version,
                v.compile_error.clone().unwrap_or_default()
            ),
            en: format!(
                "{} {} failed to compile: {}",
                v.name,
                v.version,
                v.compile_error.clone().unwrap_or_default()
            ),
        });
    }
    let settings = store::settings_of(tx, &v.tenant, &v.name).await?;
    let pol = policy(tx).await?;
    let active = m.activate_local(tx, &v, &settings, &pol).await?;
    let plugins = m.plugins.clone();
    let (tenant, input) = (v.tenant.clone(), input.clone());
    let ran = tokio::task::spawn_blocking(move || runner.run(&plugins, &tenant, &active, &input))
        .await
        .map_err(Error::internal)?
        .map_err(|e| {
            Error::field(
                "input",
                &format!("输入不符合该挂载点：{e}"),
                &format!("the input does not fit the hook: {e}"),
            )
        })?;
    Ok((v, ran))
}

/// A draft that ran without failure becomes `tested`.
pub async fn mark_tested(tx: &mut Tx, ctx: &AuditCtx, v: &Version) -> Result<()> {
    if v.state == "draft" {
        store::set_state(tx, &v.tenant, &v.id, "tested").await?;
        transition(tx, ctx, v, "tested").await?;
    }
    Ok(())
}
