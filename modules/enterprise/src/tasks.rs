//! Background work of the register: daily licence-expiry reminders, and
//! flagging USCCs registered in more than one county to the province.

use crate::service;
use anjian_platform::db::Scope;
use anjian_platform::jobs::{Job, Registry};
use anjian_platform::{notify, Platform, Result};
use sqlx::Row;
use std::sync::Arc;
use std::time::Duration;

/// Job kind of the daily licence reminder run (a safety net).
pub const LICENCE_REMINDERS: &str = "enterprise.licence_reminders";
/// Job kind of one licence's reminder, scheduled when the licence is saved.
pub const LICENCE_REMINDER: &str = "enterprise.licence_reminder";

/// Registers the module's jobs and event handlers.
pub fn register(r: &mut Registry) {
    r.job(
        crate::search::CATCH_UP_JOB,
        Arc::new(|p, job| {
            Box::pin(async move {
                let pending = anjian_platform::jobs::payload_field(&job, "pending")?.to_string();
                let scope = Scope::of([job.tenant_id.clone()]);
                let mut tx = p.db.write(scope, None).await?;
                crate::search::catch_up(&mut tx, &job.tenant_id, &pending).await?;
                tx.commit().await
            })
        }),
    );
    r.recurring(
        LICENCE_REMINDERS,
        Duration::from_secs(86_400),
        Arc::new(|p, _job| Box::pin(async move { licence_reminders(&p, None).await.map(|_| ()) })),
    );
    r.job(
        LICENCE_REMINDER,
        Arc::new(|p, job| {
            Box::pin(async move {
                let id = anjian_platform::jobs::payload_field(&job, "licenceId")?.to_string();
                licence_reminders(&p, Some(&id)).await.map(|_| ())
            })
        }),
    );
    r.job(
        crate::import::IMPORT_JOB,
        Arc::new(|p, job| Box::pin(async move { crate::import::run_queued(&p, &job).await })),
    );
    r.on_event(
        service::REGISTERED_EVENT,
        "enterprise.check_uscc_conflicts",
        Arc::new(|p, job| Box::pin(async move { check_conflicts(&p, &job).await })),
    );
}

/// Reminds county staff and the enterprise of licences expiring within the
/// province's reminder window, or of the one licence `only` (its own job,
/// timed by its window, which a county rule may have made longer); each
/// licence once. Returns reminders sent.
pub async fn licence_reminders(p: &Platform, only: Option<&str>) -> Result<usize> {
    let mut tx = p.db.write(Scope::All, None).await?;
    let rules = crate::rules(&mut tx).await?;
    let horizon = (chrono::Utc::now() + chrono::Duration::days(rules.licence_reminder_days))
        .format("%Y-%m-%d")
        .to_string();
    let sql = tx.sql(
        "SELECT l.tenant_id, l.id, l.kind, l.number, l.expires_on, e.name, e.uscc FROM enterprise_licences l \
         JOIN enterprises e ON e.tenant_id = l.tenant_id AND e.id = l.enterprise_id \
         WHERE {tenant:l} AND l.reminded_at IS NULL AND l.expires_on IS NOT NULL \
         AND (($2 = '' AND l.expires_on <= $1) OR l.id = $2) \
         AND e.status <> 'closed' ORDER BY l.expires_on LIMIT 1000",
    )?;
    let due = tx
        .all(
            sqlx::query(&sql)
                .bind(horizon)
                .bind(only.unwrap_or("").to_string()),
        )
        .await?;
    let mut sent = 0;
    for l in &due {
        let (tenant, id, kind, number, expires, name, uscc): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (
            l.try_get("tenant_id")?,
            l.try_get("id")?,
            l.try_get("kind")?,
            l.try_get("number")?,
            l.try_get("expires_on")?,
            l.try_get("name")?,
            l.try_get("uscc")?,
        );
        let who = tx.sql(
            "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
             WHERE {tenant:u} AND u.tenant_id = $1 AND u.disabled = 0 AND (r.role IN ('county-admin', 'inspector') \
             OR (r.role = 'enterprise' AND u.org_id IN (SELECT o.id FROM organisations o WHERE {tenant:o} AND o.tenant_id = $1 AND o.uscc = $2)))",
        )?;
        let users = tx
            .all(sqlx::query(&who).bind(tenant.clone()).bind(uscc.clone()))
            .await?;
        let title = format!("许可证即将到期：{name}");
        let body = format!("{kind}（编号 {number}）将于 {expires} 到期，请及时办理延续。");
        for u in &users {
            notify::post(
                &mut tx,
                &tenant,
                &u.try_get::<String, _>("id")?,
                "licence-expiring",
                &title,
                &body,
                None,
            )
            .await?;
            sent += 1;
        }
        let mark = tx.sql("UPDATE enterprise_licences SET reminded_at = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3")?;
        tx.exec(
            sqlx::query(&mark)
                .bind(anjian_platform::time::now_ms())
                .bind(tenant)
                .bind(id),
        )
        .await?;
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(sent)
}

/// Tells the province's administrators about USCCs now in more than one county.
async fn check_conflicts(p: &Platform, job: &Job) -> Result<()> {
    let usccs: Vec<String> = job
        .payload
        .get("usccs")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if usccs.is_empty() {
        return Ok(());
    }
    let mut tx = p.db.write(Scope::All, None).await?;
    let mut found = Vec::new();
    for chunk in usccs.chunks(500) {
        found.extend(service::conflicts(&mut tx, Some(chunk)).await?);
    }
    if found.is_empty() {
        return tx.rollback().await;
    }
    let admins = tx.sql(
        "SELECT u.tenant_id, u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND r.role = 'province-admin' AND u.disabled = 0",
    )?;
    let admins = tx.all(sqlx::query(&admins)).await?;
    let list: Vec<String> = found
        .iter()
        .take(20)
        .map(|c| {
            format!(
                "{}（{}）",
                c.uscc,
                c.entries
                    .iter()
                    .map(|e| e.tenant_id.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        })
        .collect();
    let title = format!("{} 个统一社会信用代码在多个县重复登记", found.len());
    let body = format!("迁移还是重复？请核实：{}", list.join("；"));
    for a in &admins {
        notify::post(
            &mut tx,
            &a.try_get::<String, _>("tenant_id")?,
            &a.try_get::<String, _>("id")?,
            "uscc-conflict",
            &title,
            &body,
            None,
        )
        .await?;
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}
