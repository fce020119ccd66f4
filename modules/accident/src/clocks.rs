//! The clocks of an accident (时限): the relay up the levels, the follow-up
//! window, the investigation and the approval of its report. Each open
//! clock has a job at its due time: a relay not passed up in time is
//! received by the level above automatically, with the delay recorded and
//! a finding against the level that missed it; an investigation or
//! approval past its time is flagged late and its level told.

use crate::error::{AccError, Result};
use crate::model::{level_rank, ClockKind, FindingKind, Rules};
use crate::service::{self, level_zh, reached, tenant_at, MINUTE_MS};
use crate::store::{self, Accident, Clock};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{notify, users, Error, Platform};
use serde_json::json;
use std::sync::Arc;

/// Job kind: a clock's time is up.
pub const CLOCK_JOB: &str = "accident.clock";

/// Registers the clock job.
pub fn register(r: &mut Registry) {
    r.job(
        CLOCK_JOB,
        Arc::new(|p, job| Box::pin(async move { due(&p, &job).await.map_err(Error::from) })),
    );
}

/// Starts (or restarts) a clock and queues its check at the due time.
pub async fn start(tx: &mut Tx, a: &Accident, kind: ClockKind, from: i64, due: i64) -> Result<()> {
    store::put_clock(
        tx,
        &Clock {
            tenant_id: a.tenant_id.clone(),
            accident_id: a.id.clone(),
            kind,
            started_at: from,
            due_at: due,
            done_at: None,
            done_by: None,
            late: false,
            auto: false,
        },
    )
    .await?;
    jobs::enqueue(
        tx,
        &a.tenant_id,
        CLOCK_JOB,
        &json!({"accidentId": a.id, "kind": kind.as_str(), "due": due}),
        due,
        Some(&format!("{CLOCK_JOB}:{}:{}:{due}", a.id, kind.as_str())),
        5,
    )
    .await?;
    Ok(())
}

/// Stops a clock: done now, late when past its due time.
pub async fn stop(
    tx: &mut Tx,
    a: &Accident,
    kind: ClockKind,
    by: &str,
    auto: bool,
) -> Result<Option<Clock>> {
    let Some(mut c) = store::clock(tx, &a.tenant_id, &a.id, kind).await? else {
        return Ok(None);
    };
    if c.done_at.is_some() {
        return Ok(Some(c));
    }
    let now = now_ms();
    c.done_at = Some(now);
    c.done_by = Some(by.to_string());
    c.late = c.late || now > c.due_at;
    c.auto = auto;
    store::put_clock(tx, &c).await?;
    Ok(Some(c))
}

fn relay_clock(from: Level) -> ClockKind {
    match from {
        Level::County => ClockKind::RelayCity,
        _ => ClockKind::RelayProvince,
    }
}

fn above(l: Level) -> Level {
    match l {
        Level::County => Level::City,
        _ => Level::Province,
    }
}

/// The level holding the report passes it to the level above (`by` a user,
/// or the system when the time ran out). A late relay is a finding against
/// the level that held it; the report climbs on if its grade needs it.
pub async fn relay(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    mut a: Accident,
    rules: &Rules,
    by: &str,
    auto: bool,
) -> Result<Accident> {
    let from = reached(&a);
    let to = above(from);
    let clock = stop(tx, &a, relay_clock(from), by, auto).await?;
    let (late, delay) = match &clock {
        Some(c) => (c.late, (c.done_at.unwrap_or(c.due_at) - c.due_at).max(0)),
        None => (false, 0),
    };
    a.reached_level = to.as_str().into();
    let details = json!({
        "from": from.as_str(), "to": to.as_str(), "auto": auto, "late": late,
        "delayMinutes": delay / MINUTE_MS,
    });
    service::save(
        tx,
        ctx,
        &mut a,
        if auto {
            "received_automatically"
        } else {
            "pass_up"
        },
        details,
    )
    .await?;
    if late {
        let subject = tenant_at(dir, &a, from).unwrap_or_default();
        let detail = format!(
            "{}部门未在时限内上报{}（超时 {} 分钟）",
            level_zh(from),
            level_zh(to),
            delay / MINUTE_MS
        );
        service::find(tx, &a, FindingKind::LateRelay, &subject, &detail, by).await?;
    }
    if service::must_climb(rules, a.grade, to) {
        let now = now_ms();
        start(
            tx,
            &a,
            relay_clock(to),
            now,
            now + rules.relay_minutes * MINUTE_MS,
        )
        .await?;
    }
    if let Some(t) = tenant_at(dir, &a, to) {
        let role = format!("{}-admin", to.as_str());
        let title = format!("{}事故报告：{}", a.grade.zh(), a.unit_name);
        let body = format!(
            "{}，{}，死亡 {} 人",
            to_rfc3339(a.occurred_at),
            a.place,
            a.figures.deaths
        );
        tell(tx, &t, &role, &title, &body, &a.id).await?;
    }
    Ok(a)
}

/// After a change of grade: if the report must now go higher than it is
/// and no relay clock runs, the level holding it gets a new one.
pub async fn escalate(tx: &mut Tx, _dir: &Directory, a: &Accident, rules: &Rules) -> Result<()> {
    let level = reached(a);
    if !service::must_climb(rules, a.grade, level) {
        return Ok(());
    }
    let kind = relay_clock(level);
    let running = store::clock(tx, &a.tenant_id, &a.id, kind)
        .await?
        .is_some_and(|c| c.done_at.is_none());
    if !running {
        let now = now_ms();
        start(tx, a, kind, now, now + rules.relay_minutes * MINUTE_MS).await?;
    }
    Ok(())
}

/// Posts a notification about accident `id` to the users of `tenant` with `role`.
pub(crate) async fn tell(
    tx: &mut Tx,
    tenant: &str,
    role: &str,
    title: &str,
    body: &str,
    id: &str,
) -> Result<()> {
    let link = format!("/accidents/{id}");
    for u in users::with_role(tx, tenant, role).await? {
        notify::post(tx, tenant, &u, "accident", title, body, Some(&link)).await?;
    }
    Ok(())
}

/// A clock's time is up: act if it still runs with the same due time.
async fn due(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "accidentId")?.to_string();
    let kind = ClockKind::parse(jobs::payload_field(job, "kind")?)
        .map_err(|e| AccError::Platform(Error::Internal(e.message_en)))?;
    let at = job.payload["due"].as_i64().unwrap_or_default();
    let dir = p.tenancy.directory(&p.db).await?;
    let mut tx = p.db.write(Scope::All, None).await?;
    let Some(a) = store::get(&mut tx, &id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    let clock = store::clock(&mut tx, &a.tenant_id, &a.id, kind).await?;
    let Some(mut c) = clock.filter(|c| c.done_at.is_none() && c.due_at == at && !c.late) else {
        tx.rollback().await?;
        return Ok(());
    };
    if at > now_ms() {
        tx.rollback().await?;
        return Ok(());
    }
    let ctx = AuditCtx::system(p.audit_alg);
    let rules = service::rules(&mut tx).await?;
    match kind {
        ClockKind::RelayCity | ClockKind::RelayProvince => {
            relay(&mut tx, &ctx, &dir, a, &rules, "system", true).await?;
        }
        ClockKind::FollowUpWindow => {
            stop(&mut tx, &a, kind, "system", true).await?;
            service::record(
                &mut tx,
                &ctx,
                &a,
                "follow_up_window_closed",
                json!({"at": to_rfc3339(at)}),
            )
            .await?;
        }
        ClockKind::Investigation | ClockKind::Approval => {
            c.late = true;
            store::put_clock(&mut tx, &c).await?;
            service::record(
                &mut tx,
                &ctx,
                &a,
                "overdue",
                json!({"clock": kind.as_str(), "due": to_rfc3339(at)}),
            )
            .await?;
            let level = crate::investigation::responsible(&rules, &a);
            if let Some(t) = tenant_at(&dir, &a, level) {
                let title = format!("事故{}超期：{}", kind.zh(), a.unit_name);
                let body = format!("时限 {}", to_rfc3339(at));
                tell(
                    &mut tx,
                    &t,
                    &format!("{}-admin", level.as_str()),
                    &title,
                    &body,
                    &a.id,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Whether `level` is at or above the report's current level.
pub fn holds(a: &Accident, level: Level) -> bool {
    level_rank(reached(a)) == level_rank(level)
}
