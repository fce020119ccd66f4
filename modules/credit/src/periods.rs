//! The periods of credit work, each a job: the end of the defence period,
//! the start of management after publication (inspections and summons
//! planned), the end of the term, and a penalty's publication deadline.

use crate::error::{CreditError, Result};
use crate::model::ListingState;
use crate::service;
use crate::store::{self, Listing};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{Error, Platform};
use serde_json::json;
use std::sync::Arc;

/// The defence period ends: the county is told it may decide.
pub const DEFENCE_JOB: &str = "credit.defence_due";
/// A published listing enters its managed period.
pub const MANAGE_JOB: &str = "credit.manage";
/// A listing's term ends.
pub const TERM_END_JOB: &str = "credit.term_end";
/// A penalty's publication deadline passes.
pub const PUBLISH_DUE_JOB: &str = "credit.penalty_publish_due";

/// Registers the jobs.
pub fn register(r: &mut Registry) {
    for kind in [DEFENCE_JOB, MANAGE_JOB, TERM_END_JOB, PUBLISH_DUE_JOB] {
        r.job(
            kind,
            Arc::new(move |p, job| {
                Box::pin(async move { run(&p, kind, &job).await.map_err(Error::from) })
            }),
        );
    }
}

/// Schedules the term's end (again, when extended).
pub async fn schedule_term_end(tx: &mut Tx, l: &Listing) -> Result<()> {
    let Some(ends) = l.ends_at else {
        return Ok(());
    };
    jobs::enqueue(
        tx,
        &l.tenant_id,
        TERM_END_JOB,
        &json!({"listingId": l.id, "endsAt": ends}),
        ends,
        Some(&format!("{TERM_END_JOB}:{}:{ends}", l.id)),
        5,
    )
    .await?;
    Ok(())
}

async fn run(p: &Platform, kind: &str, job: &Job) -> Result<()> {
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    let ctx = AuditCtx::system(p.audit_alg);
    if kind == PUBLISH_DUE_JOB {
        penalty_due(&mut tx, &ctx, job).await?;
    } else {
        let id = jobs::payload_field(job, "listingId")?.to_string();
        let Some(l) = store::listing(&mut tx, &id).await? else {
            tx.rollback().await?;
            return Ok(());
        };
        match kind {
            DEFENCE_JOB => defence_due(&mut tx, &l).await?,
            MANAGE_JOB => manage(&mut tx, &ctx, l).await?,
            _ => term_end(&mut tx, &l, job).await?,
        }
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

async fn defence_due(tx: &mut Tx, l: &Listing) -> Result<()> {
    if l.state() == ListingState::Notified && l.defence.is_none() {
        service::tell_county(
            tx,
            l,
            "陈述申辩期届满",
            "企业未在期限内陈述申辩，可作出是否列入的决定",
        )
        .await?;
    }
    Ok(())
}

/// Published → managed: plans the inspections and the summons.
async fn manage(tx: &mut Tx, ctx: &AuditCtx, mut l: Listing) -> Result<()> {
    if l.state() != ListingState::Published {
        return Ok(());
    }
    let rules = service::rules(tx).await?;
    let from = l.starts_at.unwrap_or_else(now_ms);
    let n = service::plan_tasks(tx, &l, &rules, from, true).await?;
    l.state = Some(ListingState::Managed);
    let note = format!("已安排 {n} 项管理措施（检查、约谈）");
    match service::save(tx, ctx, &mut l, ListingState::Published, "manage", &note).await {
        Err(CreditError::Concurrent) => {
            Err(Error::Internal("listing changed while managing it".into()).into())
        }
        other => other,
    }?;
    service::tell_county(tx, &l, "严重失信主体进入管理期", &note).await
}

async fn term_end(tx: &mut Tx, l: &Listing, job: &Job) -> Result<()> {
    let ends = job.payload["endsAt"].as_i64().unwrap_or_default();
    if l.ends_at == Some(ends) && l.state() == ListingState::Managed {
        let body = format!("管理期已于 {} 届满，可申请移出", to_rfc3339(ends));
        service::tell_enterprise(tx, l, "严重失信名单管理期届满", &body).await?;
        service::tell_county(tx, l, "严重失信名单管理期届满", &body).await?;
    }
    Ok(())
}

/// Flags a penalty not yet published by its deadline, and tells the county.
async fn penalty_due(tx: &mut Tx, ctx: &AuditCtx, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "penaltyId")?.to_string();
    let Some(mut p) = store::penalties::get(tx, &id).await? else {
        return Ok(());
    };
    if p.published_at.is_some() || p.published_late || p.publish_due_at > now_ms() {
        return Ok(());
    }
    p.published_late = true;
    crate::penalty::save(tx, ctx, &mut p, "overdue").await?;
    let title = format!("行政处罚逾期未公示：{}", p.case_number);
    let body = format!("应于 {} 前公示", to_rfc3339(p.publish_due_at));
    for role in ["county-admin", "inspector"] {
        for u in anjian_platform::users::with_role(tx, &p.tenant_id, role).await? {
            let link = format!("/credit/penalties/{}", p.id);
            anjian_platform::notify::post(
                tx,
                &p.tenant_id,
                &u,
                "credit",
                &title,
                &body,
                Some(&link),
            )
            .await?;
        }
    }
    Ok(())
}
