//! The investigation (事故调查): the level responsible by grade, the 60-day
//! limit with at most one extension, the report with its responsibility
//! findings, its approval, and the rectification review that closes the file.

use crate::clocks;
use crate::error::{AccError, Result};
use crate::model::{ClockKind, FindingKind, Rules, State};
use crate::service::{self, optional, required, tenant_at, visible, Actor, DAY_MS};
use crate::store::{Accident, Investigation, Responsibility};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Tx;
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::time::{now_ms, to_rfc3339};
use serde_json::json;

/// The level that investigates the accident, by its grade.
pub fn responsible(rules: &Rules, a: &Accident) -> Level {
    rules.investigated_by(a.grade)
}

/// Loads the accident for a step of its investigation: visible, taken by
/// the responsible level, out of state `from`.
async fn step(
    tx: &mut Tx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    action: &str,
    from: State,
) -> Result<(Accident, Rules)> {
    let a = visible(tx, actor, id).await?;
    let rules = service::rules(tx).await?;
    service::require_level(dir, actor, &a, responsible(&rules, &a))?;
    if a.state != from {
        return Err(AccError::IllegalTransition {
            action: action.into(),
            state: a.state,
        });
    }
    Ok((a, rules))
}

/// The responsible level extends the investigation once (延期).
pub async fn extend(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    reason: String,
) -> Result<Accident> {
    let (mut a, rules) = step(tx, dir, actor, id, "extend", State::Reported).await?;
    if a.extended {
        return Err(AccError::conflict(
            "事故调查只能延期一次",
            "the investigation can be extended only once",
        ));
    }
    let mut errs = Vec::new();
    let reason = required("reason", &reason, 2000, &mut errs);
    if !errs.is_empty() {
        return Err(AccError::Invalid(errs));
    }
    let due = a.occurred_at + (rules.investigation_days + rules.extension_days) * DAY_MS;
    a.extended = true;
    service::save(
        tx,
        ctx,
        &mut a,
        "extend",
        json!({"reason": reason, "due": to_rfc3339(due)}),
    )
    .await?;
    clocks::start(tx, &a, ClockKind::Investigation, now_ms(), due).await?;
    Ok(a)
}

/// What an investigation report gives.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub summary: String,
    pub cause: String,
    pub measures: String,
    pub responsibilities: Vec<Responsibility>,
}

/// The responsible level submits the investigation report; its approval
/// clock starts. Each responsibility finding goes to credit.
pub async fn submit(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    input: NewReport,
) -> Result<Accident> {
    let (mut a, rules) = step(tx, dir, actor, id, "submit_report", State::Reported).await?;
    let mut errs = Vec::new();
    let summary = required("summary", &input.summary, 5000, &mut errs);
    let cause = required("cause", &input.cause, 5000, &mut errs);
    let measures = required("measures", &input.measures, 5000, &mut errs);
    if input.responsibilities.len() > 100 {
        errs.push(anjian_platform::FieldError::new(
            "responsibilities",
            "责任认定至多 100 条",
            "at most 100 responsibility findings",
        ));
    }
    let mut list = Vec::new();
    for (i, r) in input.responsibilities.into_iter().enumerate() {
        let party = required(
            &format!("responsibilities.{i}.party"),
            &r.party,
            200,
            &mut errs,
        );
        let finding = required(
            &format!("responsibilities.{i}.finding"),
            &r.finding,
            2000,
            &mut errs,
        );
        let handling = required(
            &format!("responsibilities.{i}.handling"),
            &r.handling,
            2000,
            &mut errs,
        );
        let uscc = optional(&format!("responsibilities.{i}.uscc"), r.uscc, 18, &mut errs);
        list.push(Responsibility {
            party,
            uscc,
            finding,
            handling,
        });
    }
    if !errs.is_empty() {
        return Err(AccError::Invalid(errs));
    }
    let now = now_ms();
    a.state = State::ReportSubmitted;
    a.investigation = Some(Investigation {
        summary,
        cause,
        responsibilities: list.clone(),
        measures,
        submitted_at: now,
        submitted_by: actor.username.clone(),
        approved_at: None,
        approved_by: None,
    });
    let clock = clocks::stop(tx, &a, ClockKind::Investigation, &actor.username, false).await?;
    let late = clock.is_some_and(|c| c.late);
    service::save(
        tx,
        ctx,
        &mut a,
        "submit_report",
        json!({"late": late, "responsibilities": list.len()}),
    )
    .await?;
    clocks::start(
        tx,
        &a,
        ClockKind::Approval,
        now,
        now + rules.approval_days * DAY_MS,
    )
    .await?;
    for r in &list {
        let subject = r.uscc.clone().unwrap_or_else(|| r.party.clone());
        let detail = format!("{}；处理建议：{}", r.finding, r.handling);
        service::find(
            tx,
            &a,
            FindingKind::Responsibility,
            &subject,
            &detail,
            &actor.username,
        )
        .await?;
    }
    Ok(a)
}

/// The responsible level records the approval of the report (批复).
pub async fn approve(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
) -> Result<Accident> {
    let (mut a, _) = step(tx, dir, actor, id, "approve_report", State::ReportSubmitted).await?;
    let now = now_ms();
    a.state = State::Approved;
    if let Some(i) = a.investigation.as_mut() {
        i.approved_at = Some(now);
        i.approved_by = Some(actor.username.clone());
    }
    let clock = clocks::stop(tx, &a, ClockKind::Approval, &actor.username, false).await?;
    let late = clock.is_some_and(|c| c.late);
    service::save(tx, ctx, &mut a, "approve_report", json!({"late": late})).await?;
    Ok(a)
}

/// The responsible level reviews the rectification and closes the file
/// (结案). Only an approved report can be closed.
pub async fn close(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    rectification: String,
) -> Result<Accident> {
    let a = visible(tx, actor, id).await?;
    if a.state != State::Approved {
        return Err(match a.state {
            State::Reported => AccError::conflict(
                "事故调查报告尚未提交，不能结案",
                "the investigation report has not been submitted: the accident cannot be closed",
            ),
            State::ReportSubmitted => AccError::conflict(
                "事故调查报告尚未批复，不能结案",
                "the investigation report is not approved yet: the accident cannot be closed",
            ),
            s => AccError::IllegalTransition {
                action: "close".into(),
                state: s,
            },
        });
    }
    let (mut a, _) = step(tx, dir, actor, id, "close", State::Approved).await?;
    let mut errs = Vec::new();
    let note = required("rectification", &rectification, 5000, &mut errs);
    if !errs.is_empty() {
        return Err(AccError::Invalid(errs));
    }
    a.state = State::Closed;
    a.rectification = Some(note);
    service::save(tx, ctx, &mut a, "close", json!({})).await?;
    // A closed file takes no more follow-ups: its window ends here.
    clocks::stop(tx, &a, ClockKind::FollowUpWindow, &actor.username, false).await?;
    Ok(a)
}

/// The tenant responsible for investigating.
pub fn responsible_tenant(dir: &Directory, rules: &Rules, a: &Accident) -> Option<String> {
    tenant_at(dir, a, responsible(rules, a))
}
