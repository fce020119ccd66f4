//! SQL of the plugin tables. Tenant-owned rows go through `{tenant}`
//! scoping; artifacts, bans and the epoch are the platform's own.

use anjian_platform::db::Tx;
use anjian_platform::time::now_ms;
use anjian_platform::Result;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A stored plugin version (without its bytes).
#[derive(Debug, Clone)]
pub struct Version {
    pub tenant: String,
    pub id: String,
    pub name: String,
    pub version: String,
    pub author: String,
    pub description: String,
    pub hooks: Vec<String>,
    pub wit_version: String,
    pub sha256: String,
    /// SHA-256 of the component without custom sections (None for uploads
    /// from before it was kept).
    pub code_sha256: Option<String>,
    pub size_bytes: i64,
    pub state: String,
    pub compile_status: String,
    pub compile_error: Option<String>,
    pub uploaded_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const VERSION_COLS: &str =
    "tenant_id, id, name, version, author, description, hooks, wit_version, \
    sha256, code_sha256, size_bytes, state, compile_status, compile_error, uploaded_by, created_at, updated_at";

fn version(r: &AnyRow) -> Result<Version> {
    let hooks: String = r.try_get("hooks")?;
    Ok(Version {
        tenant: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        version: r.try_get("version")?,
        author: r.try_get("author")?,
        description: r.try_get("description")?,
        hooks: hooks
            .split(',')
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .collect(),
        wit_version: r.try_get("wit_version")?,
        sha256: r.try_get("sha256")?,
        code_sha256: r.try_get("code_sha256")?,
        size_bytes: r.try_get("size_bytes")?,
        state: r.try_get("state")?,
        compile_status: r.try_get("compile_status")?,
        compile_error: r.try_get("compile_error")?,
        uploaded_by: r.try_get("uploaded_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// A new version as uploaded.
pub struct NewVersion<'a> {
    pub tenant: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub author: &'a str,
    pub description: &'a str,
    pub hooks: &'a [String],
    pub wit_version: &'a str,
    pub sha256: &'a str,
    pub code_sha256: &'a str,
    pub bytes: &'a [u8],
    pub compile_status: &'a str,
    pub uploaded_by: &'a str,
}

pub async fn insert_version(tx: &mut Tx, v: &NewVersion<'_>) -> Result<()> {
    tx.ensure_writable(v.tenant)?;
    let now = now_ms();
    tx.exec(
        sqlx::query(
            "INSERT INTO plugin_versions (tenant_id, id, name, version, author, description, hooks, \
             wit_version, sha256, size_bytes, component, state, compile_status, uploaded_by, created_at, updated_at, code_sha256) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'draft',$12,$13,$14,$14,$15)",
        )
        .bind(v.tenant.to_string())
        .bind(v.id.to_string())
        .bind(v.name.to_string())
        .bind(v.version.to_string())
        .bind(v.author.to_string())
        .bind(v.description.to_string())
        .bind(v.hooks.join(","))
        .bind(v.wit_version.to_string())
        .bind(v.sha256.to_string())
        .bind(v.bytes.len() as i64)
        .bind(v.bytes.to_vec())
        .bind(v.compile_status.to_string())
        .bind(v.uploaded_by.to_string())
        .bind(now)
        .bind(v.code_sha256.to_string()),
    )
    .await?;
    Ok(())
}

/// A version by id, within the transaction's scope.
pub async fn version_by_id(tx: &mut Tx, id: &str) -> Result<Option<Version>> {
    let sql = tx.sql(&format!(
        "SELECT {VERSION_COLS} FROM plugin_versions WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| version(&r))
        .transpose()
}

/// A version by (tenant, name, version).
pub async fn version_by_name(
    tx: &mut Tx,
    tenant: &str,
    name: &str,
    ver: &str,
) -> Result<Option<Version>> {
    let sql = tx.sql(&format!(
        "SELECT {VERSION_COLS} FROM plugin_versions WHERE {{tenant}} AND tenant_id = $1 AND name = $2 AND version = $3"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(name.to_string())
            .bind(ver.to_string()),
    )
    .await?
    .map(|r| version(&r))
    .transpose()
}

/// Versions in scope, optionally of one tenant and plugin name, newest first.
pub async fn versions(
    tx: &mut Tx,
    tenant: Option<&str>,
    name: Option<&str>,
) -> Result<Vec<Version>> {
    let sql = tx.sql(&format!(
        "SELECT {VERSION_COLS} FROM plugin_versions WHERE {{tenant}} \
         AND ($1 = '' OR tenant_id = $1) AND ($2 = '' OR name = $2) \
         ORDER BY tenant_id, name, created_at DESC, id DESC"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.unwrap_or("").to_string())
            .bind(name.unwrap_or("").to_string()),
    )
    .await?
    .iter()
    .map(version)
    .collect()
}

/// Every active version of every tenant (the sync task reads with `Scope::All`).
pub async fn active_versions(tx: &mut Tx) -> Result<Vec<Version>> {
    let sql = tx.sql(&format!(
        "SELECT {VERSION_COLS} FROM plugin_versions WHERE {{tenant}} AND state = 'active'"
    ))?;
    tx.all(sqlx::query(&sql))
        .await?
        .iter()
        .map(version)
        .collect()
}

/// The component's bytes.
pub async fn component(tx: &mut Tx, tenant: &str, id: &str) -> Result<Option<Vec<u8>>> {
    let sql = tx.sql(
        "SELECT component FROM plugin_versions WHERE {tenant} AND tenant_id = $1 AND id = $2",
    )?;
    Ok(tx
        .opt(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(id.to_string()),
        )
        .await?
        .map(|r| r.try_get::<Vec<u8>, _>("component"))
        .transpose()?)
}

/// Sets a version's state.
pub async fn set_state(tx: &mut Tx, tenant: &str, id: &str, state: &str) -> Result<u64> {
    tx.ensure_writable(tenant)?;
    let sql = tx.sql(
        "UPDATE plugin_versions SET state = $3, updated_at = $4 WHERE {tenant} AND tenant_id = $1 AND id = $2",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(id.to_string())
            .bind(state.to_string())
            .bind(now_ms()),
    )
    .await
}

/// Retires the active version of `name` in `tenant`, if any.
pub async fn retire_active(tx: &mut Tx, tenant: &str, name: &str) -> Result<u64> {
    let sql = tx.sql(
        "UPDATE plugin_versions SET state = 'retired', updated_at = $3 \
         WHERE {tenant} AND tenant_id = $1 AND name = $2 AND state = 'active'",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(name.to_string())
            .bind(now_ms()),
    )
    .await
}

/// Records the outcome of compiling a version.
pub async fn set_compiled(tx: &mut Tx, tenant: &str, id: &str, error: Option<&str>) -> Result<()> {
    let sql = tx.sql(
        "UPDATE plugin_versions SET compile_status = $3, compile_error = $4, updated_at = $5 \
         WHERE {tenant} AND tenant_id = $1 AND id = $2",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(id.to_string())
            .bind(if error.is_some() { "failed" } else { "ready" })
            .bind(error.map(str::to_string))
            .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// Disables every version with this content, in every tenant in scope.
/// Disables every version of this content: the same bytes, or the same
/// code with other custom sections.
pub async fn disable_sha(tx: &mut Tx, sha256: &str, code_sha256: Option<&str>) -> Result<u64> {
    let sql = tx.sql(
        "UPDATE plugin_versions SET state = 'disabled', updated_at = $2 \
         WHERE {tenant} AND (sha256 = $1 OR code_sha256 = $3) AND state IN ('active', 'tested', 'draft')",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(sha256.to_string())
            .bind(now_ms())
            .bind(code_sha256.unwrap_or("-").to_string()),
    )
    .await
}

/// Whether `tenant` already has a compiled version of content `sha256`.
pub async fn compiled_in(tx: &mut Tx, tenant: &str, sha256: &str) -> Result<bool> {
    let sql = tx.sql(
        "SELECT COUNT(*) FROM plugin_versions WHERE {tenant} AND tenant_id = $1 AND sha256 = $2 \
         AND compile_status = 'ready'",
    )?;
    let n = tx
        .scalar(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(sha256.to_string()),
        )
        .await?;
    Ok(n > 0)
}

/// The code hash of stored content `sha256`: kept with a version, else
/// computed from a stored copy (None when no county uploaded it).
pub async fn code_of(tx: &mut Tx, sha256: &str) -> Result<Option<String>> {
    let sql = tx.sql(
        "SELECT code_sha256, component FROM plugin_versions WHERE {tenant} AND sha256 = $1 LIMIT 1",
    )?;
    let Some(r) = tx.opt(sqlx::query(&sql).bind(sha256.to_string())).await? else {
        return Ok(None);
    };
    if let Some(c) = r.try_get::<Option<String>, _>("code_sha256")? {
        return Ok(Some(c));
    }
    let bytes: Vec<u8> = r.try_get("component")?;
    Ok(crate::inspect::code_sha256(&bytes).ok())
}

/// How a county runs a plugin.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub position: i64,
    pub fail_open: bool,
    pub limits: serde_json::Value,
    pub config: std::collections::BTreeMap<String, String>,
}

fn settings(r: &AnyRow) -> Result<Settings> {
    let limits: String = r.try_get("limits")?;
    let config: String = r.try_get("config")?;
    Ok(Settings {
        position: r.try_get("position")?,
        fail_open: r.try_get::<i64, _>("fail_open")? != 0,
        limits: serde_json::from_str(&limits)?,
        config: serde_json::from_str(&config)?,
    })
}

/// Settings of `name` in `tenant` (defaults when never set).
pub async fn settings_of(tx: &mut Tx, tenant: &str, name: &str) -> Result<Settings> {
    let sql = tx.sql(
        "SELECT position, fail_open, limits, config FROM plugin_settings \
         WHERE {tenant} AND tenant_id = $1 AND name = $2",
    )?;
    match tx
        .opt(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(name.to_string()),
        )
        .await?
    {
        Some(r) => settings(&r),
        None => Ok(Settings::default()),
    }
}

/// Every settings row in scope, by (tenant, name).
pub async fn all_settings(
    tx: &mut Tx,
) -> Result<std::collections::HashMap<(String, String), Settings>> {
    let sql = tx.sql(
        "SELECT tenant_id, name, position, fail_open, limits, config FROM plugin_settings WHERE {tenant}",
    )?;
    let mut out = std::collections::HashMap::new();
    for r in tx.all(sqlx::query(&sql)).await? {
        out.insert((r.try_get("tenant_id")?, r.try_get("name")?), settings(&r)?);
    }
    Ok(out)
}

pub async fn save_settings(
    tx: &mut Tx,
    tenant: &str,
    name: &str,
    s: &Settings,
    actor: &str,
) -> Result<()> {
    tx.ensure_writable(tenant)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO plugin_settings (tenant_id, name, position, fail_open, limits, config, updated_by, updated_at) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (tenant_id, name) DO UPDATE SET \
             position = excluded.position, fail_open = excluded.fail_open, limits = excluded.limits, \
             config = excluded.config, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(tenant.to_string())
        .bind(name.to_string())
        .bind(s.position)
        .bind(s.fail_open as i64)
        .bind(s.limits.to_string())
        .bind(serde_json::to_string(&s.config)?)
        .bind(actor.to_string())
        .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// A compiled artifact and its own hash, if cached for this engine.
pub async fn artifact(
    tx: &mut Tx,
    sha256: &str,
    engine_key: &str,
) -> Result<Option<(Vec<u8>, String)>> {
    let row = tx
        .opt(
            sqlx::query(
                "SELECT artifact, artifact_sha FROM plugin_artifacts WHERE sha256 = $1 AND engine_key = $2",
            )
            .bind(sha256.to_string())
            .bind(engine_key.to_string()),
        )
        .await?;
    Ok(match row {
        Some(r) => Some((r.try_get("artifact")?, r.try_get("artifact_sha")?)),
        None => None,
    })
}

pub async fn save_artifact(
    tx: &mut Tx,
    sha256: &str,
    engine_key: &str,
    artifact: &[u8],
    artifact_sha: &str,
) -> Result<()> {
    tx.exec(
        sqlx::query(
            "INSERT INTO plugin_artifacts (sha256, engine_key, artifact, artifact_sha, created_at) \
             VALUES ($1,$2,$3,$4,$5) ON CONFLICT (sha256, engine_key) DO NOTHING",
        )
        .bind(sha256.to_string())
        .bind(engine_key.to_string())
        .bind(artifact.to_vec())
        .bind(artifact_sha.to_string())
        .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// Why the province banned this content, if it did: these bytes, or the
/// same code under other custom sections.
pub async fn ban_of(
    tx: &mut Tx,
    sha256: &str,
    code_sha256: Option<&str>,
) -> Result<Option<String>> {
    Ok(tx
        .opt(
            sqlx::query(
                "SELECT reason FROM plugin_bans WHERE sha256 = $1 OR code_sha256 = $2 LIMIT 1",
            )
            .bind(sha256.to_string())
            .bind(code_sha256.unwrap_or("-").to_string()),
        )
        .await?
        .map(|r| r.try_get::<String, _>("reason"))
        .transpose()?)
}

pub async fn ban(
    tx: &mut Tx,
    sha256: &str,
    code_sha256: Option<&str>,
    reason: &str,
    actor: &str,
) -> Result<()> {
    tx.exec(
        sqlx::query(
            "INSERT INTO plugin_bans (sha256, reason, banned_by, at, code_sha256) VALUES ($1,$2,$3,$4,$5) \
             ON CONFLICT (sha256) DO UPDATE SET reason = excluded.reason, banned_by = excluded.banned_by, \
             at = excluded.at, code_sha256 = excluded.code_sha256",
        )
        .bind(sha256.to_string())
        .bind(reason.to_string())
        .bind(actor.to_string())
        .bind(now_ms())
        .bind(code_sha256.map(str::to_string)),
    )
    .await?;
    Ok(())
}

/// Bumps the change epoch (in the changing transaction) and returns it.
pub async fn bump_epoch(tx: &mut Tx) -> Result<i64> {
    tx.exec(sqlx::query(
        "UPDATE plugin_epoch SET epoch = epoch + 1 WHERE id = 1",
    ))
    .await?;
    epoch(tx).await
}

pub async fn epoch(tx: &mut Tx) -> Result<i64> {
    tx.scalar(sqlx::query("SELECT epoch FROM plugin_epoch WHERE id = 1"))
        .await
}

/// A stored invocation.
#[derive(Debug, Clone)]
pub struct StoredInvocation {
    pub tenant: String,
    pub id: String,
    pub name: String,
    pub version: String,
    pub version_id: String,
    pub hook: String,
    pub at: i64,
    pub failure: Option<String>,
    pub input: String,
    pub output: Option<String>,
    pub logs: String,
    pub fuel: i64,
    pub duration_us: i64,
}

const INVOCATION_COLS: &str =
    "tenant_id, id, name, version, version_id, hook, at, failure, input, output, logs, fuel, duration_us";

fn invocation(r: &AnyRow) -> Result<StoredInvocation> {
    Ok(StoredInvocation {
        tenant: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        version: r.try_get("version")?,
        version_id: r.try_get("version_id")?,
        hook: r.try_get("hook")?,
        at: r.try_get("at")?,
        failure: r.try_get("failure")?,
        input: r.try_get("input")?,
        output: r.try_get("output")?,
        logs: r.try_get("logs")?,
        fuel: r.try_get("fuel")?,
        duration_us: r.try_get("duration_us")?,
    })
}

pub async fn insert_invocation(tx: &mut Tx, i: &StoredInvocation) -> Result<()> {
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO plugin_invocations ({INVOCATION_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)"
        ))
        .bind(i.tenant.clone())
        .bind(i.id.clone())
        .bind(i.name.clone())
        .bind(i.version.clone())
        .bind(i.version_id.clone())
        .bind(i.hook.clone())
        .bind(i.at)
        .bind(i.failure.clone())
        .bind(i.input.clone())
        .bind(i.output.clone())
        .bind(i.logs.clone())
        .bind(i.fuel)
        .bind(i.duration_us),
    )
    .await?;
    Ok(())
}

/// Keeps the newest `keep` invocations of `name` in `tenant`.
pub async fn prune_invocations(tx: &mut Tx, tenant: &str, name: &str, keep: i64) -> Result<()> {
    let sql = tx.sql(
        "DELETE FROM plugin_invocations WHERE {tenant} AND tenant_id = $1 AND name = $2 AND id NOT IN \
         (SELECT id FROM plugin_invocations WHERE {tenant} AND tenant_id = $1 AND name = $2 ORDER BY at DESC, id DESC LIMIT $3)",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(name.to_string())
            .bind(keep),
    )
    .await?;
    Ok(())
}

/// The newest invocations of `name` in `tenant`.
pub async fn invocations(
    tx: &mut Tx,
    tenant: &str,
    name: &str,
    last: i64,
) -> Result<Vec<StoredInvocation>> {
    let sql = tx.sql(&format!(
        "SELECT {INVOCATION_COLS} FROM plugin_invocations WHERE {{tenant}} AND tenant_id = $1 AND name = $2 \
         ORDER BY at DESC, id DESC LIMIT $3"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(name.to_string())
            .bind(last),
    )
    .await?
    .iter()
    .map(invocation)
    .collect()
}

pub async fn invocation_by_id(tx: &mut Tx, id: &str) -> Result<Option<StoredInvocation>> {
    let sql = tx.sql(&format!(
        "SELECT {INVOCATION_COLS} FROM plugin_invocations WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| invocation(&r))
        .transpose()
}
