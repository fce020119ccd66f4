//! Background work: when a deadline passes with the work still open, the
//! hazard is flagged overdue, its enterprise and inspector are told, and the
//! escalation rules (e.g. a 重大 hazard's city) are applied; missing periodic
//! reports are flagged to the county.

use crate::error::Result;
use crate::model::{Escalation, Level};
use crate::service::{self, DEADLINE_JOB, ESCALATE_JOB};
use crate::store::{self, Hazard};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{Error, Platform};
use serde_json::json;
use std::sync::Arc;

/// Registers the module's jobs.
pub fn register(r: &mut Registry) {
    r.job(
        DEADLINE_JOB,
        Arc::new(|p, job| Box::pin(async move { deadline(&p, &job).await.map_err(Error::from) })),
    );
    r.job(
        ESCALATE_JOB,
        Arc::new(|p, job| Box::pin(async move { escalate(&p, &job).await.map_err(Error::from) })),
    );
    crate::periodic::register(r);
}

fn deadline_of(job: &Job) -> i64 {
    job.payload["deadline"].as_i64().unwrap_or_default()
}

/// Flags the hazard overdue if its deadline is still this one and the work is open.
async fn deadline(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "hazardId")?.to_string();
    let at = deadline_of(job);
    // Before the transaction (a reload takes a connection of its own).
    let dir = p.tenancy.directory(&p.db).await?;
    let mut tx = p.db.write(Scope::All, None).await?;
    let Some(old) = store::get(&mut tx, &id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    if old.deadline_at != Some(at) || !old.state.is_open_work() || at > now_ms() {
        tx.rollback().await?;
        return Ok(());
    }
    let ctx = AuditCtx::system(p.audit_alg);
    let mut h = old.clone();
    h.overdue = true;
    h.version += 1;
    h.updated_at = now_ms();
    if !store::update(&mut tx, &h).await? {
        // Changed meanwhile: the job runs again and looks afresh.
        tx.rollback().await?;
        return Err(
            Error::Internal(format!("hazard {id} changed while flagging it overdue")).into(),
        );
    }
    crate::stats::apply(&mut tx, Some(&old), &h).await?;
    service::record(
        &mut tx,
        &ctx,
        &h,
        "overdue",
        Some(old.state),
        None,
        vec![],
        json!({"deadline": to_rfc3339(at)}),
    )
    .await?;
    let title = format!("隐患逾期未整改：{}", h.enterprise_name);
    let body = format!("{}（整改期限 {}）", h.description, to_rfc3339(at));
    service::notify_enterprise(&mut tx, &h, &title, &body).await?;
    service::notify_inspectors(&mut tx, &h, &title, &body).await?;
    emit(&mut tx, OVERDUE_EVENT, &h, 0).await?;
    let rules = crate::rules(&mut tx, &h.tenant_id).await?;
    for (i, e) in applicable(&rules.escalations, h.level).enumerate() {
        if e.after_days == 0 {
            notify_escalation(&dir, &mut tx, &h, e).await?;
        } else {
            jobs::enqueue(
                &mut tx,
                &h.tenant_id,
                ESCALATE_JOB,
                &json!({"hazardId": h.id, "deadline": at, "rule": e}),
                at + e.after_days * 86_400_000,
                Some(&format!("{ESCALATE_JOB}:{}:{at}:{i}", h.id)),
                5,
            )
            .await?;
        }
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// The event of a hazard flagged overdue (for the credit module).
pub const OVERDUE_EVENT: &str = "hazard.overdue";
/// The event of a later escalation of an overdue hazard.
pub const ESCALATED_EVENT: &str = "hazard.escalated";

/// Records an overdue or escalation event of `h` in the transaction.
async fn emit(tx: &mut Tx, kind: &str, h: &Hazard, after_days: i64) -> Result<()> {
    anjian_platform::events::emit(
        tx,
        &h.tenant_id,
        kind,
        &json!({
            "hazardId": h.id, "level": h.level.as_str(), "enterpriseId": h.enterprise_id,
            "uscc": h.enterprise_uscc, "name": h.enterprise_name, "description": h.description,
            "deadline": h.deadline_at, "afterDays": after_days, "listed": h.listing_level.is_some(),
        }),
    )
    .await?;
    Ok(())
}

fn applicable(list: &[Escalation], level: Level) -> impl Iterator<Item = &Escalation> {
    list.iter()
        .filter(move |e| e.level.is_none_or(|l| l == level))
}

/// A later escalation: only if the hazard is still open past the same deadline.
async fn escalate(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "hazardId")?.to_string();
    let at = deadline_of(job);
    let rule: Escalation = serde_json::from_value(job.payload["rule"].clone())?;
    let dir = p.tenancy.directory(&p.db).await?;
    let mut tx = p.db.write(Scope::All, None).await?;
    match store::get(&mut tx, &id).await? {
        Some(h) if h.deadline_at == Some(at) && h.state.is_open_work() => {
            notify_escalation(&dir, &mut tx, &h, &rule).await?;
            emit(&mut tx, ESCALATED_EVENT, &h, rule.after_days).await?;
            tx.commit().await?;
            p.wake.notify_one();
        }
        _ => tx.rollback().await?,
    }
    Ok(())
}

/// Tells the admins the rule names: the county's own, its city's or the province's.
async fn notify_escalation(
    dir: &anjian_platform::tenancy::Directory,
    tx: &mut Tx,
    h: &Hazard,
    e: &Escalation,
) -> Result<()> {
    let want = match e.role.as_str() {
        "county-admin" => anjian_platform::tenancy::Level::County,
        "city-admin" => anjian_platform::tenancy::Level::City,
        _ => anjian_platform::tenancy::Level::Province,
    };
    let mut at = dir.get(&h.tenant_id);
    while let Some(t) = at {
        if t.level == want {
            break;
        }
        at = t.parent_code.as_deref().and_then(|c| dir.get(c));
    }
    let Some(t) = at else {
        tracing::warn!(hazard = %h.id, role = %e.role, "no tenant to escalate to");
        return Ok(());
    };
    let title = format!(
        "{}隐患逾期未整改（{}）",
        if h.level == Level::Major {
            "重大事故"
        } else {
            ""
        },
        h.enterprise_name
    );
    let body = format!(
        "{} 辖区 {}：{}（整改期限 {}，逾期 {} 天起提醒）",
        h.tenant_id,
        h.enterprise_name,
        h.description,
        h.deadline_at.map(to_rfc3339).unwrap_or_default(),
        e.after_days
    );
    service::notify_role(tx, &t.code, &e.role, h, &title, &body).await
}
