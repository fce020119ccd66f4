//! The managed period of a listing and its end: the measures planned while
//! listed (inspections, the summons) and done, the removal application in
//! its window (申请移出, 信用修复) and its review (移出, 延长, 不予移出).

use crate::error::{CreditError, Result};
use crate::model::{ListingState, RemovalKind, ReviewOutcome, Rules};
use crate::service::{
    add_months, require_authority, require_state, rules, save, tell_county, tell_enterprise, text,
    visible, Actor, DAY_MS,
};
use crate::store::{self, Listing, Task};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms, to_rfc3339};
use anjian_platform::FieldError;
use serde_json::json;

/// Plans the measures of the managed period (inspections every interval,
/// the summons) from `from` to the term's end.
pub(crate) async fn plan_tasks(
    tx: &mut Tx,
    l: &Listing,
    rules: &Rules,
    from: i64,
    summons: bool,
) -> Result<usize> {
    let Some(ends) = l.ends_at else {
        return Ok(0);
    };
    let mut n = 0;
    let task = |kind: &str, due: i64| Task {
        tenant_id: l.tenant_id.clone(),
        id: new_id(),
        listing_id: l.id.clone(),
        enterprise_id: l.enterprise_id.clone(),
        kind: kind.into(),
        due_at: due,
        done_at: None,
        done_by: None,
        note: None,
    };
    if summons {
        store::insert_task(tx, &task("summons", from + rules.summons_days * DAY_MS)).await?;
        n += 1;
    }
    let mut k = 1;
    loop {
        let due = add_months(from, rules.inspection_interval_months * k).min(ends);
        store::insert_task(tx, &task("inspection", due)).await?;
        n += 1;
        if due >= ends || k > 240 {
            break;
        }
        k += 1;
    }
    Ok(n)
}

/// Records a planned measure as done.
pub async fn complete_task(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    note: &str,
) -> Result<Task> {
    let note = text("note", note, 2000)?;
    let t = store::task(tx, id)
        .await?
        .ok_or(CreditError::NotFound("task"))?;
    require_authority(actor, &t.tenant_id)?;
    let now = now_ms();
    if !store::complete_task(tx, &t, now, &actor.username, &note).await? {
        return Err(CreditError::conflict(
            "该事项已完成",
            "the task is already done",
        ));
    }
    audit::record(
        tx,
        ctx,
        &t.tenant_id,
        "credit.task.complete",
        "credit_task",
        &t.id,
        vec![Change::new("doneAt", None, Some(json!(to_rfc3339(now))))],
    )
    .await?;
    store::task(tx, id)
        .await?
        .ok_or(CreditError::NotFound("task"))
}

/// When removal may be asked: (expiry window opens, early repair from).
pub fn removal_windows(l: &Listing, rules: &Rules) -> (Option<i64>, Option<i64>) {
    (
        l.ends_at.map(|e| e - rules.removal_window_days * DAY_MS),
        l.starts_at
            .map(|s| add_months(s, rules.early_repair_after_months)),
    )
}

/// Applies for removal (申请移出): in the term's last days, or early repair
/// (信用修复) after the minimum months; at any time once every event behind
/// the listing was withdrawn.
pub async fn apply_removal(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    kind: &str,
    statement: &str,
) -> Result<Listing> {
    let kind = RemovalKind::parse(kind.trim())?;
    let statement = text("statement", statement, 5000)?;
    let mut l = visible(tx, actor, id).await?;
    if actor.enterprise.is_none() {
        require_authority(actor, &l.tenant_id)?;
    }
    require_state(
        &l,
        "applyRemoval",
        &[ListingState::Managed, ListingState::Published],
    )?;
    let rules = rules(tx).await?;
    let now = now_ms();
    let (window, early) = removal_windows(&l, &rules);
    let opens = match kind {
        RemovalKind::Expiry => window,
        RemovalKind::EarlyRepair => early,
    };
    // A listing whose every event was withdrawn (its penalty revoked on
    // appeal) may be applied off at any time.
    if opens.is_none_or(|o| now < o) && !crate::service::basis_withdrawn(tx, &l).await? {
        let at = opens.map(to_rfc3339).unwrap_or_default();
        return Err(CreditError::Invalid(vec![FieldError::new(
            "kind",
            &format!("尚未到可申请{}的时间（{} 起）", kind.zh(), at),
            &format!("{kind} may be applied for from {at}"),
        )]));
    }
    let before = l.state();
    l.state = Some(ListingState::RemovalApplied);
    l.removal_kind = Some(kind.as_str().into());
    l.removal_statement = Some(statement);
    l.removal_applied_at = Some(now);
    save(tx, ctx, &mut l, before, "applyRemoval", kind.zh()).await?;
    tell_county(tx, &l, "企业申请移出严重失信名单", "请审核").await?;
    Ok(l)
}

/// Reviews a removal application: remove, extend the term, or reject.
pub async fn review(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    outcome: &str,
    note: &str,
    extend_months: Option<i64>,
) -> Result<Listing> {
    let outcome = ReviewOutcome::parse(outcome.trim())?;
    let note = text("note", note, 5000)?;
    let mut l = visible(tx, actor, id).await?;
    require_authority(actor, &l.tenant_id)?;
    require_state(&l, "review", &[ListingState::RemovalApplied])?;
    let rules = rules(tx).await?;
    let now = now_ms();
    l.review_note = Some(note.clone());
    let action = match outcome {
        ReviewOutcome::Remove => {
            l.state = Some(ListingState::Removed);
            l.removed_at = Some(now);
            "remove"
        }
        ReviewOutcome::Reject => {
            l.state = Some(ListingState::Managed);
            "rejectRemoval"
        }
        ReviewOutcome::Extend => {
            let m = extend_months.unwrap_or(0);
            if !(1..=rules.max_extend_months).contains(&m) {
                return Err(CreditError::field(
                    "extendMonths",
                    &format!("延长月数应为 1–{}", rules.max_extend_months),
                    &format!("extend by 1 to {} months", rules.max_extend_months),
                ));
            }
            let old_end = l.ends_at.unwrap_or(now);
            l.ends_at = Some(add_months(old_end, m));
            l.term_months += m;
            l.state = Some(ListingState::Managed);
            plan_tasks(tx, &l, &rules, old_end, false).await?;
            "extend"
        }
    };
    save(tx, ctx, &mut l, ListingState::RemovalApplied, action, &note).await?;
    if outcome == ReviewOutcome::Extend {
        crate::periods::schedule_term_end(tx, &l).await?;
    }
    crate::grade::refresh(tx, &l.tenant_id, &l.enterprise_id).await?;
    tell_enterprise(
        tx,
        &l,
        &format!("移出申请审核结果：{}", outcome.zh()),
        &note,
    )
    .await?;
    Ok(l)
}
