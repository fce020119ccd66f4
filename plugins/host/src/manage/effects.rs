//! Applying what after-hooks asked for (`effects` in the contract): a
//! notification to the county's users of a role, now or later through the job
//! queue. Applied in the caller's transaction, only for invocations that
//! succeeded, so a failed and retried job posts nothing twice.

use crate::Effect;
use anjian_platform::db::Tx;
use anjian_platform::{notify, Platform, Result};
use sqlx::Row;

/// Job kind that posts a reminder an after-hook scheduled.
pub const REMIND_JOB: &str = "plugins.remind";

/// Roles an effect may address, as the contract names them.
pub const ROLES: &[&str] = &["county-admin", "inspector"];

/// Latest time a reminder may be set for, from now.
const MAX_AHEAD_MS: i64 = 366 * 24 * 3600 * 1000;

/// Notification kind of posts by plugins.
const KIND: &str = "plugin";

/// Applies `effects` of `plugin` in `tenant`; returns notifications posted
/// and reminders scheduled. An effect naming an unknown role, or a reminder
/// outside the next year, is skipped with a warning (the plugin's mistake
/// must not block the job's other work).
pub async fn apply(tx: &mut Tx, tenant: &str, plugin: &str, effects: &[Effect]) -> Result<usize> {
    let now = anjian_platform::time::now_ms();
    let mut done = 0;
    for e in effects {
        match e {
            Effect::Notify {
                role,
                subject,
                body,
            } if ROLES.contains(&role.as_str()) => {
                done += post(tx, tenant, plugin, role, subject, body).await?;
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
                    &serde_json::json!({"plugin": plugin, "role": role, "subject": subject, "body": body}),
                    *at_ms,
                    None,
                    3,
                )
                .await?;
                done += 1;
            }
            other => {
                tracing::warn!(plugin, tenant, effect = ?other, "plugin effect skipped: unknown role or time out of range");
            }
        }
    }
    Ok(done)
}

/// Posts one notification to every enabled user of `role` in `tenant`.
async fn post(
    tx: &mut Tx,
    tenant: &str,
    plugin: &str,
    role: &str,
    subject: &str,
    body: &str,
) -> Result<usize> {
    let sql = tx.sql(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND u.tenant_id = $1 AND u.disabled = 0 AND r.role = $2",
    )?;
    let users = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(role.to_string()),
        )
        .await?;
    let title = format!("{subject}（县级规则 {plugin}）");
    for u in &users {
        let id: String = u.try_get("id")?;
        notify::post(tx, tenant, &id, KIND, &title, body, None).await?;
    }
    Ok(users.len())
}

/// The reminder job: posts the notification it carries.
pub async fn remind_job(p: &Platform, job: &anjian_platform::jobs::Job) -> Result<()> {
    let field = |k: &str| anjian_platform::jobs::payload_field(job, k).map(str::to_string);
    let (plugin, role, subject, body) = (
        field("plugin")?,
        field("role")?,
        field("subject")?,
        field("body")?,
    );
    let scope = anjian_platform::db::Scope::of([job.tenant_id.clone()]);
    let mut tx = p.db.write(scope, None).await?;
    post(&mut tx, &job.tenant_id, &plugin, &role, &subject, &body).await?;
    tx.commit().await
}
