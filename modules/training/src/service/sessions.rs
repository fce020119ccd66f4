//! Exam sessions (场次): setting them up, booking candidates with their
//! admission tickets (准考证), and what proctors do (开考, 结束, 迟到入场,
//! 异常记录, 强制交卷).

use super::people::eligibility;
use super::text;
use crate::error::{Result, TrError};
use crate::store::bank;
use crate::store::exam::{self, Booking, Incident, Session, SessionState};
use crate::store::people;
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::FieldError;
use rand::Rng;
use serde_json::json;

/// What a session takes.
pub struct NewSession {
    pub centre: String,
    pub seats: i32,
    pub starts_at: String,
    pub window_minutes: i32,
    pub blueprint_id: String,
}

/// Sets up a session in `tenant` with a snapshot of the blueprint.
pub async fn create(tx: &mut Tx, ctx: &AuditCtx, tenant: &str, n: NewSession) -> Result<Session> {
    let mut e = Vec::new();
    let centre = text("centre", &n.centre, 100).map_err(|f| e.push(f)).ok();
    if !(1..=5000).contains(&n.seats) {
        e.push(FieldError::new(
            "seats",
            "座位数应为 1–5000",
            "seats are 1 to 5000",
        ));
    }
    if !(0..=240).contains(&n.window_minutes) {
        e.push(FieldError::new(
            "windowMinutes",
            "入场时间窗应为 0–240 分钟",
            "the start window is 0 to 240 minutes",
        ));
    }
    let starts = chrono::DateTime::parse_from_rfc3339(n.starts_at.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            e.push(FieldError::new(
                "startsAt",
                "开考时间应为 RFC 3339 时间",
                "startsAt is an RFC 3339 time",
            ))
        })
        .ok();
    let blueprint = bank::blueprint(tx, &n.blueprint_id).await?;
    if blueprint.is_none() {
        e.push(FieldError::new(
            "blueprintId",
            "组卷规则不存在",
            "no such blueprint",
        ));
    }
    let (Some(centre), Some(starts_at), Some(blueprint), true) =
        (centre, starts, blueprint, e.is_empty())
    else {
        return Err(TrError::Invalid(e));
    };
    let s = Session {
        tenant_id: tenant.to_string(),
        id: new_id(),
        centre,
        seats: i64::from(n.seats),
        starts_at,
        window_minutes: i64::from(n.window_minutes),
        blueprint,
        state: SessionState::Scheduled,
        created_at: now_ms(),
    };
    exam::insert_session(tx, &s).await?;
    audit::record(
        tx,
        ctx,
        tenant,
        "training.session.create",
        "training_session",
        &s.id,
        vec![Change::new("centre", None, Some(json!(s.centre)))],
    )
    .await?;
    Ok(s)
}

/// A session the transaction may see, or NOT_FOUND.
pub async fn visible(tx: &mut Tx, id: &str) -> Result<Session> {
    exam::session(tx, id)
        .await?
        .ok_or(TrError::NotFound("session"))
}

/// A new admission ticket: the county's code and ten random digits.
fn ticket(tenant: &str) -> String {
    let n: u64 = rand::thread_rng().gen_range(0..10_000_000_000);
    format!("{tenant}{n:010}")
}

/// Books candidates into a session, all or none: each must be the
/// county's, of the blueprint's category (and item), and eligible.
pub async fn book(tx: &mut Tx, ctx: &AuditCtx, session: &str, ids: &[String]) -> Result<Session> {
    let s = visible(tx, session).await?;
    tx.ensure_writable(&s.tenant_id)?;
    if s.state == SessionState::Closed {
        return Err(TrError::conflict(
            "场次已结束，不能再安排考生",
            "the session is closed",
        ));
    }
    let rules = super::rules(tx).await?;
    let booked = exam::bookings(tx, &s.tenant_id, &s.id).await?;
    if booked.len() + ids.len() > s.seats as usize {
        return Err(TrError::field(
            "candidateIds",
            &format!("座位不足：共 {} 座，已安排 {}", s.seats, booked.len()),
            &format!(
                "not enough seats: {} in all, {} taken",
                s.seats,
                booked.len()
            ),
        ));
    }
    let mut e = Vec::new();
    let mut ok = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let field = format!("candidateIds.{i}");
        let c = match people::get(tx, id).await? {
            Some(c) if c.tenant_id == s.tenant_id => c,
            _ => {
                e.push(FieldError::new(
                    &field,
                    "本县没有该考生",
                    "no such candidate in this county",
                ));
                continue;
            }
        };
        let b = &s.blueprint;
        if c.category != b.category
            || (b.operation_item.is_some() && c.operation_item != b.operation_item)
        {
            e.push(FieldError::new(
                &field,
                &format!("{}的类别与本场试卷不符", c.name),
                &format!("{}'s category doesn't match the session's paper", c.name),
            ));
            continue;
        }
        let el = eligibility(&c, &rules);
        if !el.eligible {
            let (zh, en) = if el.needs_retraining {
                (
                    "补考未通过，须重新培训",
                    "failed the resit: retraining is required",
                )
            } else {
                ("培训学时不足", "not enough training hours")
            };
            e.push(FieldError::new(
                &field,
                &format!("{}：{zh}", c.name),
                &format!("{}: {en}", c.name),
            ));
            continue;
        }
        ok.push(c);
    }
    if !e.is_empty() {
        return Err(TrError::Invalid(e));
    }
    for c in ok {
        let b = Booking {
            tenant_id: s.tenant_id.clone(),
            session_id: s.id.clone(),
            candidate_id: c.id.clone(),
            ticket: ticket(&s.tenant_id),
            token_hash: None,
            admitted_late: false,
            attempt_id: None,
        };
        exam::insert_booking(tx, &b).await?;
    }
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "training.session.book",
        "training_session",
        &s.id,
        vec![Change::new("candidates", None, Some(json!(ids)))],
    )
    .await?;
    Ok(s)
}

/// 开考: the session opens for its candidates.
pub async fn open(tx: &mut Tx, ctx: &AuditCtx, id: &str) -> Result<Session> {
    let mut s = visible(tx, id).await?;
    tx.ensure_writable(&s.tenant_id)?;
    if !exam::set_session_state(tx, &s, SessionState::Scheduled, SessionState::Open).await? {
        return Err(TrError::conflict(
            "场次不在“未开考”状态",
            "the session isn't scheduled",
        ));
    }
    s.state = SessionState::Open;
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "training.session.open",
        "training_session",
        &s.id,
        vec![],
    )
    .await?;
    Ok(s)
}

/// 结束: the session closes; papers still open are submitted as they stand.
pub async fn close(tx: &mut Tx, ctx: &AuditCtx, id: &str) -> Result<Session> {
    let mut s = visible(tx, id).await?;
    tx.ensure_writable(&s.tenant_id)?;
    if !exam::set_session_state(tx, &s, SessionState::Open, SessionState::Closed).await? {
        return Err(TrError::conflict(
            "场次不在“考试中”状态",
            "the session isn't open",
        ));
    }
    s.state = SessionState::Closed;
    for a in exam::attempts_of_session(tx, &s.tenant_id, &s.id).await? {
        if a.state == exam::AttemptState::Active {
            super::exam::finish(tx, &a, &ctx.actor).await?;
        }
    }
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "training.session.close",
        "training_session",
        &s.id,
        vec![],
    )
    .await?;
    Ok(s)
}

/// 迟到入场: lets a booked candidate start after the window.
pub async fn admit_late(tx: &mut Tx, ctx: &AuditCtx, id: &str, candidate: &str) -> Result<Session> {
    let s = visible(tx, id).await?;
    tx.ensure_writable(&s.tenant_id)?;
    let mut b = exam::bookings(tx, &s.tenant_id, &s.id)
        .await?
        .into_iter()
        .find(|b| b.candidate_id == candidate)
        .ok_or(TrError::NotFound("booking"))?;
    b.admitted_late = true;
    exam::update_booking(tx, &b).await?;
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "training.session.admit_late",
        "training_session",
        &s.id,
        vec![Change::new("candidate", None, Some(json!(candidate)))],
    )
    .await?;
    Ok(s)
}

/// 异常记录: an incident, of a candidate or of the room.
pub async fn incident(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: &str,
    candidate: Option<String>,
    note: &str,
) -> Result<Session> {
    let s = visible(tx, id).await?;
    tx.ensure_writable(&s.tenant_id)?;
    let note = text("note", note, 500)?;
    if let Some(c) = &candidate {
        let booked = exam::bookings(tx, &s.tenant_id, &s.id).await?;
        if !booked.iter().any(|b| b.candidate_id == *c) {
            return Err(TrError::field(
                "candidateId",
                "该考生不在本场次",
                "the candidate isn't booked in this session",
            ));
        }
    }
    let i = Incident {
        id: new_id(),
        candidate_id: candidate,
        note,
        at: now_ms(),
        by: ctx.actor.clone(),
    };
    exam::add_incident(tx, &s, &i).await?;
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "training.session.incident",
        "training_session",
        &s.id,
        vec![],
    )
    .await?;
    Ok(s)
}
