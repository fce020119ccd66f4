//! The whole review's time limit (评审总时限): from acceptance to the end of
//! the supervision audit, rectification excluded, at most `wholeReviewDays`.
//! A job checks it when it could end; time spent rectifying moves it on, so
//! the job schedules itself again until the review is done or overdue.

use crate::error::Result;
use crate::model::State;
use crate::service;
use crate::store::{self, Application, Event};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job};
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{users, Platform};
use serde_json::json;

/// The job that checks the whole review's time limit.
pub const WHOLE_REVIEW_JOB: &str = "standardization.whole-review";

/// The action the timeline records when the limit passes.
const OVERDUE: &str = "whole_review_overdue";

/// States of an application still under review.
const IN_REVIEW: &[State] = &[
    State::Accepted,
    State::UnderReview,
    State::Rectifying,
    State::Reviewed,
    State::ReportSigned,
    State::OrganiserAudited,
];

/// Queues the check of `a`'s whole review at `at`.
pub async fn schedule(tx: &mut Tx, a: &Application, at: i64) -> Result<()> {
    jobs::enqueue(
        tx,
        &a.tenant_id,
        WHOLE_REVIEW_JOB,
        &json!({"applicationId": a.id}),
        at,
        Some(&format!("{WHOLE_REVIEW_JOB}:{}:{at}", a.id)),
        5,
    )
    .await?;
    Ok(())
}

/// Milliseconds spent rectifying, up to `now` when still rectifying.
fn rectifying_ms(events: &[Event], now: i64) -> i64 {
    let mut total = 0;
    let mut since = None;
    for e in events {
        let into = e.to_state == State::Rectifying.as_str();
        match since {
            None if into => since = Some(e.at),
            Some(s) if !into => {
                total += e.at - s;
                since = None;
            }
            _ => {}
        }
    }
    total + since.map_or(0, |s| now - s)
}

/// Checks the limit: not yet due (rectification moved it on) queues the
/// check again; passed with the application still under review flags it
/// overdue, on the timeline, and tells the county.
pub async fn check(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "applicationId")?.to_string();
    let mut tx = p.db.write(Scope::All, None).await?;
    let Some(old) = store::get(&mut tx, &id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    let events = store::events(&mut tx, &old.tenant_id, &old.id).await?;
    let (Some(accepted), true) = (old.accepted_at, IN_REVIEW.contains(&old.state)) else {
        tx.rollback().await?;
        return Ok(());
    };
    if events.iter().any(|e| e.action == OVERDUE) {
        tx.rollback().await?;
        return Ok(());
    }
    let rules = service::rules(&mut tx).await?;
    let now = now_ms();
    let rect = rectifying_ms(&events, now);
    let due = accepted + i64::from(rules.whole_review_days) * service::DAY_MS + rect;
    if due > now {
        schedule(&mut tx, &old, due).await?;
        tx.commit().await?;
        return Ok(());
    }
    let mut a = old.clone();
    a.overdue = true;
    a.version += 1;
    a.updated_at = now;
    if !store::update(&mut tx, &a).await? {
        tx.rollback().await?;
        return Err(anjian_platform::Error::Internal(format!(
            "application {id} changed while flagging it"
        ))
        .into());
    }
    let ctx = AuditCtx::system(p.audit_alg);
    let details = json!({"deadline": to_rfc3339(due), "rectificationDays": rect / service::DAY_MS});
    service::record(&mut tx, &ctx, &a, OVERDUE, Some(old.state), None, details).await?;
    let title = format!("标准化评审总时限已过：{}", a.enterprise_name);
    let body = format!(
        "受理后 {} 天（不含整改）仍未完成评审，当前：{}",
        rules.whole_review_days,
        a.state.zh()
    );
    let admins = users::with_role(&mut tx, &a.tenant_id, "county-admin").await?;
    crate::tasks::post_all(&mut tx, &a.tenant_id, &admins, &title, &body, &a.id).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(at: i64, from: &str, to: &str) -> Event {
        Event {
            seq: 0,
            at,
            actor: "t".into(),
            action: "x".into(),
            from_state: Some(from.into()),
            to_state: to.into(),
            comment: None,
            details: json!({}),
        }
    }

    #[test]
    fn rectification_time_is_counted_out() {
        let e = [
            ev(10, "accepted", "under-review"),
            ev(20, "under-review", "rectifying"),
            ev(50, "rectifying", "under-review"),
            ev(60, "under-review", "rectifying"),
        ];
        assert_eq!(rectifying_ms(&e[..3], 100), 30);
        assert_eq!(
            rectifying_ms(&e, 100),
            30 + 40,
            "still rectifying until now"
        );
        assert_eq!(rectifying_ms(&e[..1], 100), 0);
    }
}
