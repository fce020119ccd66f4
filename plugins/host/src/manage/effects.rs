//! Applying what after-hooks asked for (`effects` in the contract): a
//! notification to the county's users of a role, now or later through the job
//! queue. Applied in the caller's transaction, only for invocations that
//! succeeded, once per job (a marker row commits with them), and within
//! bounds: identical effects collapse and a job applies at most
//! [`MAX_PER_JOB`].

use crate::Effect;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::{notify, users, Platform, Result};

/// Job kind that posts a reminder an after-hook scheduled.
pub const REMIND_JOB: &str = "plugins.remind";

/// Roles an effect may address, as the contract names them.
pub const ROLES: &[&str] = &["county-admin", "inspector"];

/// Most effects one job applies (after identical ones collapse); the rest are
/// dropped with a warning, so a runaway plugin can't flood a county's inboxes.
pub const MAX_PER_JOB: usize = 64;

/// Latest time a reminder may be set for, from now.
const MAX_AHEAD_MS: i64 = 366 * 24 * 3600 * 1000;

/// Notification kind of posts by plugins.
const KIND: &str = "plugin";

/// Who asked: the plugin's name and version id, and the job that ran it.
pub struct Origin<'a> {
    pub plugin: &'a str,
    pub version_id: &'a str,
    pub job_id: &'a str,
}

/// Applies `effects` in `tenant`, unless this job already did; returns how
/// many were applied. An effect naming an unknown role, or a reminder outside
/// the next year, is skipped with a warning (the plugin's mistake must not
/// block the job's other work).
pub async fn apply(
    tx: &mut Tx,
    tenant: &str,
    from: &Origin<'_>,
    effects: &[Effect],
) -> Result<usize> {
    if !mark_applied(tx, tenant, from.job_id).await? {
        return Ok(0);
    }
    let now = anjian_platform::time::now_ms();
    let mut unique: Vec<&Effect> = Vec::new();
    for e in effects {
        if !unique.contains(&e) {
            unique.push(e);
        }
    }
    if unique.len() > MAX_PER_JOB {
        tracing::warn!(
            plugin = from.plugin,
            tenant,
            asked = unique.len(),
            "plugin effects over the per-job limit dropped"
        );
        unique.truncate(MAX_PER_JOB);
    }
    let mut done = 0;
    for e in unique {
        match e {
            Effect::Notify {
                role,
                subject,
                body,
            } if ROLES.contains(&role.as_str()) => {
                post(tx, tenant, from.plugin, role, subject, body).await?;
                done += 1;
            }
            Effect::Remind {
                at_ms,
                role,
                subject,
                body,
            } if ROLES.contains(&role.as_str())
                && *at_ms >= now - 60_000
                && *at_ms <= now + MAX_AHEAD_MS =>
            {
                anjian_platform::jobs::enqueue(
                    tx,
                    tenant,
                    REMIND_JOB,
                    &serde_json::json!({"plugin": from.plugin, "versionId": from.version_id,
                        "role": role, "subject": subject, "body": body}),
                    *at_ms,
                    None,
                    3,
                )
                .await?;
                done += 1;
            }
            other => {
                tracing::warn!(plugin = from.plugin, tenant, effect = ?other, "plugin effect skipped: unknown role or time out of range");
            }
        }
    }
    Ok(done)
}

/// Records that `job_id` applied its effects; false if it already had.
async fn mark_applied(tx: &mut Tx, tenant: &str, job_id: &str) -> Result<bool> {
    let n = tx
        .exec(
            sqlx::query(
                "INSERT INTO plugin_effects_applied (tenant_id, job_id, applied_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (tenant_id, job_id) DO NOTHING",
            )
            .bind(tenant.to_string())
            .bind(job_id.to_string())
            .bind(anjian_platform::time::now_ms()),
        )
        .await?;
    Ok(n == 1)
}

/// Posts one notification to every enabled user of `role` in `tenant`.
async fn post(
    tx: &mut Tx,
    tenant: &str,
    plugin: &str,
    role: &str,
    subject: &str,
    body: &str,
) -> Result<()> {
    let title = format!("{subject}（县级规则 {plugin}）");
    for id in users::with_role(tx, tenant, role).await? {
        notify::post(tx, tenant, &id, KIND, &title, body, None).await?;
    }
    Ok(())
}

/// The reminder job: posts the notification it carries to the users who hold
/// the role when it is due, unless the plugin that set it has since been
/// disabled or banned by the province.
pub async fn remind_job(p: &Platform, job: &anjian_platform::jobs::Job) -> Result<()> {
    let field = |k: &str| anjian_platform::jobs::payload_field(job, k).map(str::to_string);
    let (plugin, role, subject, body) = (
        field("plugin")?,
        field("role")?,
        field("subject")?,
        field("body")?,
    );
    let version_id = field("versionId")?;
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    let live = match super::store::version_by_id(&mut tx, &version_id).await? {
        Some(v) => {
            v.state != "disabled"
                && super::store::ban_of(&mut tx, &v.sha256, v.code_sha256.as_deref())
                    .await?
                    .is_none()
        }
        None => false,
    };
    if !live {
        tracing::info!(plugin, tenant = %job.tenant_id, "reminder of a disabled or banned plugin dropped");
        return tx.commit().await;
    }
    post(&mut tx, &job.tenant_id, &plugin, &role, &subject, &body).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}
