//! The listing flow (列入严重失信名单), storage-agnostic: proposed → notified
//! (陈述申辩) → decided → published → managed → removal applied → reviewed →
//! removed | extended. Every step writes the listing, its timeline and the
//! audit trail in the caller's transaction; each period is a job
//! ([`crate::periods`]); the managed period and removal are in
//! [`crate::managed`]. Credit events come in through [`crate::intake`].

use crate::error::{CreditError, Result};
use crate::model::{ListingState, Rules};
use crate::store::{self, Listing, Step};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::calendar::Calendar;
use anjian_platform::db::Tx;
use anjian_platform::tenancy::Level;
use anjian_platform::time::{new_id, now_ms, to_rfc3339};
use anjian_platform::{jobs, notify, FieldError};
use chrono::{Datelike, FixedOffset, TimeZone};
use serde_json::json;

pub(crate) use crate::managed::plan_tasks;
pub use crate::managed::{apply_removal, complete_task, removal_windows, review};

/// A day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// The caller as the credit module sees them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub username: String,
    pub tenant: String,
    pub level: Level,
    /// Holds `credit.manage` (the county's listing authority).
    pub manages: bool,
    /// Holds `credit.govern` (the province: rules, recomputation).
    pub governs: bool,
    /// An enterprise user's (tenant, enterprise id).
    pub enterprise: Option<(String, String)>,
}

impl Actor {
    /// The system, for jobs and events.
    pub fn system(tenant: &str) -> Actor {
        Actor {
            username: "system".into(),
            tenant: tenant.into(),
            level: Level::County,
            manages: true,
            governs: false,
            enterprise: None,
        }
    }
}

/// The province's rules (policy `credit.rules`), else the national defaults.
pub async fn rules(tx: &mut Tx) -> Result<Rules> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(crate::RULES_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&sqlx::Row::try_get::<String, _>(&r, "value")?)?,
        None => Rules::default(),
    })
}

/// `from_ms` plus `days` working days of the province's calendar.
pub fn working_days(rules: &Rules, from_ms: i64, days: u32) -> i64 {
    Calendar {
        holidays: &rules.holidays,
        worked_weekends: &rules.worked_weekends,
    }
    .add_working_days(from_ms, days)
}

/// `ms` plus `months` calendar months in Beijing time (the day clamped to the month's end).
pub fn add_months(ms: i64, months: i64) -> i64 {
    let zone = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!());
    let Some(t) = zone.timestamp_millis_opt(ms).single() else {
        return ms + months * 30 * DAY_MS;
    };
    let total = i64::from(t.year()) * 12 + i64::from(t.month0()) + months;
    let (y, m0) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32);
    let mut day = t.day();
    loop {
        if let Some(d) = chrono::NaiveDate::from_ymd_opt(y, m0 + 1, day) {
            let naive = d.and_time(t.time());
            if let Some(out) = zone.from_local_datetime(&naive).single() {
                return out.timestamp_millis();
            }
        }
        if day <= 28 {
            return ms + months * 30 * DAY_MS;
        }
        day -= 1;
    }
}

/// The listing `id` if the caller may see it: enterprises their own.
pub async fn visible(tx: &mut Tx, actor: &Actor, id: &str) -> Result<Listing> {
    let l = store::listing(tx, id)
        .await?
        .ok_or(CreditError::NotFound("listing"))?;
    match &actor.enterprise {
        Some((t, e)) if &l.tenant_id != t || &l.enterprise_id != e => {
            Err(CreditError::NotFound("listing"))
        }
        _ => Ok(l),
    }
}

/// FORBIDDEN unless the caller is the listing authority (the county's managers).
pub fn require_authority(actor: &Actor, tenant: &str) -> Result<()> {
    if actor.manages && actor.enterprise.is_none() && actor.tenant == tenant {
        return Ok(());
    }
    Err(CreditError::Forbidden(
        "only the county department that keeps the list takes this step".into(),
    ))
}

pub(crate) fn require_state(l: &Listing, action: &str, ok: &[ListingState]) -> Result<()> {
    if ok.contains(&l.state()) {
        Ok(())
    } else {
        Err(CreditError::IllegalTransition {
            action: action.into(),
            state: l.state(),
        })
    }
}

/// A required, trimmed text of at most `max` characters.
pub fn text(field: &str, v: &str, max: usize) -> Result<String> {
    let s = v.trim();
    if s.is_empty() || s.chars().count() > max {
        return Err(FieldError::new(
            field,
            &format!("必填，且不超过 {max} 个字符"),
            &format!("required, at most {max} characters"),
        )
        .into());
    }
    Ok(s.to_string())
}

/// Writes a changed listing (version checked), its step and the audit record.
pub(crate) async fn save(
    tx: &mut Tx,
    ctx: &AuditCtx,
    l: &mut Listing,
    before: ListingState,
    action: &str,
    note: &str,
) -> Result<()> {
    l.version += 1;
    l.updated_at = now_ms();
    if !store::update_listing(tx, l).await? {
        return Err(CreditError::Concurrent);
    }
    step(tx, ctx, l, Some(before), action, note).await
}

/// Appends a step to the timeline and the audit trail.
pub(crate) async fn step(
    tx: &mut Tx,
    ctx: &AuditCtx,
    l: &Listing,
    before: Option<ListingState>,
    action: &str,
    note: &str,
) -> Result<()> {
    store::add_step(
        tx,
        l,
        &Step {
            seq: 0,
            at: l.updated_at,
            actor: ctx.actor.clone(),
            action: action.into(),
            note: note.into(),
        },
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &l.tenant_id,
        &format!("credit.listing.{action}"),
        "credit_listing",
        &l.id,
        vec![Change::new(
            "state",
            before.map(|s| json!(s.as_str())),
            Some(json!(l.state().as_str())),
        )],
    )
    .await?;
    Ok(())
}

/// Proposes a listing (拟列入) from credit events of one enterprise of the
/// county; at least one must be of a trigger the rules list for listing.
pub async fn propose(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    event_ids: &[String],
    reason: &str,
) -> Result<Listing> {
    let reason = text("reason", reason, 2000)?;
    if event_ids.is_empty() {
        return Err(CreditError::field(
            "eventIds",
            "列入须有失信行为记录",
            "a listing needs at least one credit event",
        ));
    }
    let mut events = vec![];
    for id in event_ids {
        let e = store::event(tx, id)
            .await?
            .ok_or(CreditError::NotFound("credit event"))?;
        events.push(e);
    }
    let first = events[0].clone();
    require_authority(actor, &first.tenant_id)?;
    if events
        .iter()
        .any(|e| e.enterprise_id != first.enterprise_id || e.tenant_id != first.tenant_id)
    {
        return Err(CreditError::field(
            "eventIds",
            "所选失信行为须属于同一企业",
            "the events must be of one enterprise",
        ));
    }
    if events.iter().any(|e| e.withdrawn_at.is_some()) {
        return Err(CreditError::field(
            "eventIds",
            "所选失信行为已撤回（其依据已被撤销）",
            "an event is withdrawn: its source was undone",
        ));
    }
    if events.iter().any(|e| e.listing_id.is_some()) {
        return Err(CreditError::field(
            "eventIds",
            "所选失信行为已用于其他列入程序",
            "an event is already part of a listing",
        ));
    }
    let rules = rules(tx).await?;
    let listing_rules: Vec<_> = events
        .iter()
        .filter_map(|e| rules.trigger(&e.trigger).filter(|r| r.propose))
        .collect();
    let Some(main) = listing_rules.iter().max_by_key(|r| r.term_months) else {
        return Err(CreditError::field(
            "eventIds",
            "所选失信行为均不属于列入严重失信名单的情形",
            "none of the events is of a trigger the rules list for the blacklist",
        ));
    };
    if store::open_listing(tx, &first.tenant_id, &first.enterprise_id)
        .await?
        .is_some()
    {
        return Err(CreditError::conflict(
            "该企业已有未办结的列入程序",
            "the enterprise already has an open listing",
        ));
    }
    let now = now_ms();
    let l = Listing {
        tenant_id: first.tenant_id.clone(),
        id: new_id(),
        enterprise_id: first.enterprise_id.clone(),
        uscc: first.uscc.clone(),
        name: first.name.clone(),
        trigger: main.code.clone(),
        reason,
        term_months: main.term_months,
        measures: rules.measures.clone(),
        state: Some(ListingState::Proposed),
        proposed_at: now,
        proposed_by: actor.username.clone(),
        version: 1,
        updated_at: now,
        ..Listing::default()
    };
    store::insert_listing(tx, &l).await?;
    let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    store::attach_events(tx, &l.tenant_id, &ids, &l.id).await?;
    step(tx, ctx, &l, None, "propose", &l.reason).await?;
    tell_county(tx, &l, "拟列入严重失信名单", "请告知企业并听取陈述申辩").await?;
    Ok(l)
}

/// Issues the notice (告知): the defence period starts.
pub async fn notify(tx: &mut Tx, ctx: &AuditCtx, actor: &Actor, id: &str) -> Result<Listing> {
    let mut l = visible(tx, actor, id).await?;
    require_authority(actor, &l.tenant_id)?;
    require_state(&l, "notify", &[ListingState::Proposed])?;
    let rules = rules(tx).await?;
    let now = now_ms();
    let due = working_days(&rules, now, rules.defence_working_days);
    l.state = Some(ListingState::Notified);
    l.notified_at = Some(now);
    l.defence_due_at = Some(due);
    let note = format!("陈述申辩期至 {}", to_rfc3339(due));
    save(tx, ctx, &mut l, ListingState::Proposed, "notify", &note).await?;
    jobs::enqueue(
        tx,
        &l.tenant_id,
        crate::periods::DEFENCE_JOB,
        &json!({"listingId": l.id, "due": due}),
        due,
        Some(&format!("{}:{}", crate::periods::DEFENCE_JOB, l.id)),
        5,
    )
    .await?;
    tell_enterprise(
        tx,
        &l,
        "拟列入严重失信名单告知",
        &format!(
            "{}：{}。可在 {} 前陈述申辩。",
            l.name,
            l.reason,
            to_rfc3339(due)
        ),
    )
    .await?;
    Ok(l)
}

/// The enterprise states its defence (陈述申辩) within the period.
pub async fn state_defence(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    defence: &str,
) -> Result<Listing> {
    let defence = text("defence", defence, 5000)?;
    let mut l = visible(tx, actor, id).await?;
    if actor.enterprise.is_none() {
        return Err(CreditError::Forbidden(
            "only the enterprise states its defence".into(),
        ));
    }
    require_state(&l, "stateDefence", &[ListingState::Notified])?;
    let now = now_ms();
    if l.defence.is_some() {
        return Err(CreditError::conflict(
            "已提交陈述申辩",
            "the defence was already stated",
        ));
    }
    if l.defence_due_at.is_some_and(|d| now > d) {
        return Err(CreditError::conflict(
            "陈述申辩期已届满",
            "the defence period is over",
        ));
    }
    l.defence = Some(defence);
    l.defence_at = Some(now);
    save(tx, ctx, &mut l, ListingState::Notified, "defence", "").await?;
    tell_county(tx, &l, "企业已提交陈述申辩", "请审查后作出决定").await?;
    Ok(l)
}

/// Whether the county may decide now: the defence was stated or its period is over.
pub fn can_decide(l: &Listing, now: i64) -> bool {
    l.state() == ListingState::Notified
        && (l.defence.is_some() || l.defence_due_at.is_some_and(|d| now >= d))
}

/// The refusal to list or publish a listing with nothing left behind it.
fn withdrawn_basis() -> CreditError {
    CreditError::conflict(
        "列入依据的失信行为均已撤回（处罚决定已被撤销），只能决定不予列入",
        "every event of the listing was withdrawn: it can only be dismissed",
    )
}

/// Whether every event a listing rests on was withdrawn (its penalties
/// revoked on appeal).
pub(crate) async fn basis_withdrawn(tx: &mut Tx, l: &Listing) -> Result<bool> {
    let events = store::events_of_listing(tx, &l.tenant_id, &l.id).await?;
    Ok(!events.is_empty() && events.iter().all(|e| e.withdrawn_at.is_some()))
}

/// Decides to list (决定列入) or not, answering the defence. A listing whose
/// every event was withdrawn may be dismissed at once, before notice or
/// after a decision not yet published.
pub async fn decide(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    list: bool,
    answer: &str,
) -> Result<Listing> {
    let answer = text("answer", answer, 5000)?;
    let mut l = visible(tx, actor, id).await?;
    require_authority(actor, &l.tenant_id)?;
    let now = now_ms();
    let before = l.state();
    if !list
        && matches!(
            before,
            ListingState::Proposed | ListingState::Notified | ListingState::Decided
        )
        && basis_withdrawn(tx, &l).await?
    {
        // Nothing is left to list for: no defence needs hearing.
    } else if !can_decide(&l, now) {
        require_state(&l, "decide", &[ListingState::Notified])?;
        return Err(CreditError::conflict(
            format!(
                "陈述申辩期至 {} 届满，届满前（企业未申辩时）不能作出决定",
                l.defence_due_at.map(to_rfc3339).unwrap_or_default()
            ),
            "the defence period is not over and the enterprise has not stated its defence",
        ));
    }
    if list && basis_withdrawn(tx, &l).await? {
        return Err(withdrawn_basis());
    }
    l.defence_answer = Some(answer.clone());
    l.decided_at = Some(now);
    l.decided_by = Some(actor.username.clone());
    l.state = Some(if list {
        ListingState::Decided
    } else {
        ListingState::Dismissed
    });
    let action = if list { "decide" } else { "dismiss" };
    save(tx, ctx, &mut l, before, action, &answer).await?;
    let title = if list {
        "决定列入严重失信名单"
    } else {
        "决定不予列入严重失信名单"
    };
    tell_enterprise(tx, &l, title, &answer).await?;
    if !list {
        crate::grade::refresh(tx, &l.tenant_id, &l.enterprise_id).await?;
    }
    Ok(l)
}

/// Publishes a decided listing (公布): its term starts; managing it is a job.
pub async fn publish(tx: &mut Tx, ctx: &AuditCtx, actor: &Actor, id: &str) -> Result<Listing> {
    let mut l = visible(tx, actor, id).await?;
    require_authority(actor, &l.tenant_id)?;
    require_state(&l, "publish", &[ListingState::Decided])?;
    if basis_withdrawn(tx, &l).await? {
        return Err(withdrawn_basis());
    }
    let now = now_ms();
    l.state = Some(ListingState::Published);
    l.published_at = Some(now);
    l.starts_at = Some(now);
    let ends = add_months(now, l.term_months);
    l.ends_at = Some(ends);
    let note = format!("管理期至 {}", to_rfc3339(ends));
    save(tx, ctx, &mut l, ListingState::Decided, "publish", &note).await?;
    jobs::enqueue(
        tx,
        &l.tenant_id,
        crate::periods::MANAGE_JOB,
        &json!({"listingId": l.id}),
        now,
        Some(&format!("{}:{}", crate::periods::MANAGE_JOB, l.id)),
        5,
    )
    .await?;
    crate::periods::schedule_term_end(tx, &l).await?;
    crate::grade::refresh(tx, &l.tenant_id, &l.enterprise_id).await?;
    tell_enterprise(tx, &l, "已列入严重失信名单并公布", &note).await?;
    Ok(l)
}

fn link(l: &Listing) -> String {
    format!("/credit/listings/{}", l.id)
}

/// Tells the enterprise's users.
pub(crate) async fn tell_enterprise(
    tx: &mut Tx,
    l: &Listing,
    title: &str,
    body: &str,
) -> Result<()> {
    let users = anjian_platform::users::of_enterprise(tx, &l.tenant_id, &l.uscc).await?;
    for u in users {
        notify::post(tx, &l.tenant_id, &u, "credit", title, body, Some(&link(l))).await?;
    }
    Ok(())
}

/// Tells the county's admins and inspectors.
pub(crate) async fn tell_county(tx: &mut Tx, l: &Listing, title: &str, body: &str) -> Result<()> {
    let title = format!("{title}：{}", l.name);
    for role in ["county-admin", "inspector"] {
        let users = anjian_platform::users::with_role(tx, &l.tenant_id, role).await?;
        for u in users {
            notify::post(tx, &l.tenant_id, &u, "credit", &title, body, Some(&link(l))).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_calendar_months_in_beijing() {
        // 2026-01-31 12:00 Beijing + 1 month = 2026-02-28 12:00.
        let jan31 = 1_769_832_000_000;
        assert_eq!(add_months(jan31, 1) - jan31, 28 * DAY_MS);
        assert_eq!(add_months(jan31, 12) - jan31, 365 * DAY_MS);
        assert_eq!(add_months(add_months(jan31, 36), -36), jan31);
    }
}
