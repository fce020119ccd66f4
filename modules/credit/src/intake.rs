//! Credit events (失信行为) in: from the other modules' outbox events
//! (accident findings, overdue 重大 hazards and their escalations, revoked
//! standardization certificates), from penalties, and entered by the county.
//! An event of a listing trigger proposes a listing by itself, or joins the
//! enterprise's listing still before its decision.

use crate::error::{CreditError, Result};
use crate::model::{ListingState, Source};
use crate::service::{self, Actor};
use crate::store::{self, CreditEvent};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{Job, Registry};
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::{Error, Platform};
use serde_json::{json, Value};
use std::sync::Arc;

/// What a new credit event gives.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub tenant: String,
    pub enterprise_id: String,
    pub uscc: String,
    pub name: String,
    pub source: Source,
    pub trigger: String,
    pub ref_id: String,
    pub detail: String,
    pub occurred_at: i64,
}

/// Records an event once (per source record and trigger), proposes or joins
/// a listing where the trigger's rule says so, and regrades the enterprise.
/// None when it was already recorded.
pub async fn record(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &str,
    e: NewEvent,
) -> Result<Option<CreditEvent>> {
    let rules = service::rules(tx).await?;
    let Some(rule) = rules.trigger(&e.trigger).cloned() else {
        return Err(CreditError::field(
            "trigger",
            &format!("规则中没有该失信行为：{}", e.trigger),
            &format!("no rule for trigger {:?}", e.trigger),
        ));
    };
    let ev = CreditEvent {
        tenant_id: e.tenant.clone(),
        id: new_id(),
        enterprise_id: e.enterprise_id,
        uscc: e.uscc,
        name: e.name,
        source: e.source,
        trigger: e.trigger,
        ref_id: e.ref_id,
        detail: e.detail,
        occurred_at: e.occurred_at,
        created_at: now_ms(),
        created_by: by.into(),
        listing_id: None,
        withdrawn_at: None,
        withdrawn_reason: None,
    };
    if !store::insert_event(tx, &ev).await? {
        return Ok(None);
    }
    audit::record(
        tx,
        ctx,
        &ev.tenant_id,
        "credit.event",
        "credit_event",
        &ev.id,
        vec![Change::new("trigger", None, Some(json!(ev.trigger)))],
    )
    .await?;
    let mut ev = ev;
    if rule.propose {
        match store::open_listing(tx, &ev.tenant_id, &ev.enterprise_id).await? {
            None => {
                let reason = format!("{}：{}", rule.zh, ev.detail);
                let l = service::propose(
                    tx,
                    ctx,
                    &Actor::system(&ev.tenant_id),
                    std::slice::from_ref(&ev.id),
                    &reason.chars().take(2000).collect::<String>(),
                )
                .await?;
                ev.listing_id = Some(l.id);
            }
            Some(l) if matches!(l.state(), ListingState::Proposed | ListingState::Notified) => {
                store::attach_events(tx, &l.tenant_id, std::slice::from_ref(&ev.id), &l.id).await?;
                service::step(tx, ctx, &l, Some(l.state()), "addEvent", &rule.zh).await?;
                ev.listing_id = Some(l.id);
            }
            Some(_) => {}
        }
    }
    crate::grade::refresh(tx, &ev.tenant_id, &ev.enterprise_id).await?;
    Ok(Some(ev))
}

/// Subscribes to the other modules' events.
pub fn register(r: &mut Registry) {
    for (event, name) in [
        ("accident.finding", "credit.from_accident"),
        ("hazard.overdue", "credit.from_hazard_overdue"),
        ("hazard.escalated", "credit.from_hazard_escalated"),
        (
            "standardization.certificate_revoked",
            "credit.from_certificate_revoked",
        ),
        (
            "standardization.certificate_issued",
            "credit.from_certificate_issued",
        ),
        ("enterprise.registered", "credit.from_enterprise_registered"),
    ] {
        r.on_event(
            event,
            name,
            Arc::new(move |p, job| {
                Box::pin(async move { handle(&p, event, &job).await.map_err(Error::from) })
            }),
        );
    }
}

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().trim().to_string()
}

/// Turns one outbox event into a credit event (or a regrade).
async fn handle(p: &Platform, kind: &str, job: &Job) -> Result<()> {
    let v = &job.payload;
    let tenant = job.tenant_id.clone();
    let mut tx = p.db.write(Scope::of([tenant.clone()]), None).await?;
    let ctx = AuditCtx::system(p.audit_alg);
    let new = match kind {
        "accident.finding" => from_accident(&mut tx, &tenant, v).await?,
        "hazard.overdue" | "hazard.escalated" => from_hazard(&tenant, kind, v),
        "standardization.certificate_revoked" => Some(NewEvent {
            tenant: tenant.clone(),
            enterprise_id: s(v, "enterpriseId"),
            uscc: s(v, "uscc"),
            name: s(v, "name"),
            source: Source::Standardization,
            trigger: "certificate_revoked".into(),
            ref_id: s(v, "number"),
            detail: format!("标准化证书 {} 被撤销：{}", s(v, "number"), s(v, "reason")),
            occurred_at: now_ms(),
        }),
        _ => {
            let id = s(v, "enterpriseId");
            let id = if id.is_empty() { s(v, "id") } else { id };
            if !id.is_empty() {
                crate::grade::refresh(&mut tx, &tenant, &id).await?;
            }
            None
        }
    };
    if let Some(e) = new.filter(|e| !e.enterprise_id.is_empty()) {
        match record(&mut tx, &ctx, "system", e).await {
            // A trigger the province took out of its rules: nothing to record.
            Err(CreditError::Invalid(_)) => {
                tracing::info!(kind, "credit event without a rule, not recorded");
            }
            other => {
                other?;
            }
        }
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

fn from_hazard(tenant: &str, kind: &str, v: &Value) -> Option<NewEvent> {
    let major = s(v, "level") == "major";
    let (trigger, detail) = match (kind, major) {
        ("hazard.overdue", true) => (
            "hazard_major_overdue",
            format!("重大事故隐患逾期未治理：{}", s(v, "description")),
        ),
        ("hazard.escalated", _) => (
            "hazard_overdue_escalated",
            format!(
                "隐患逾期 {} 天仍未整改，已升级督办：{}",
                v["afterDays"].as_i64().unwrap_or_default(),
                s(v, "description")
            ),
        ),
        _ => return None,
    };
    Some(NewEvent {
        tenant: tenant.into(),
        enterprise_id: s(v, "enterpriseId"),
        uscc: s(v, "uscc"),
        name: s(v, "name"),
        source: Source::Hazard,
        trigger: trigger.into(),
        ref_id: format!(
            "{}:{}",
            s(v, "hazardId"),
            v["deadline"].as_i64().unwrap_or_default()
        ),
        detail,
        occurred_at: now_ms(),
    })
}

/// An accident finding about the accident's unit, as a credit event.
async fn from_accident(tx: &mut Tx, tenant: &str, v: &Value) -> Result<Option<NewEvent>> {
    let grade = s(v, "grade");
    let serious = grade == "major" || grade == "especially_serious";
    let trigger = match s(v, "kind").as_str() {
        "concealed" => "accident_concealed",
        "false_report" => "accident_false_report",
        "late_report" => "accident_late_report",
        "responsibility" if serious => "accident_responsible_major",
        "responsibility" => "accident_responsible",
        // Relay and follow-up delays are the departments', not the unit's.
        _ => return Ok(None),
    };
    let subject = s(v, "subject");
    let (uscc, name) = (s(v, "unitUscc"), s(v, "unitName"));
    // A responsibility finding may name someone else than the unit.
    let about_unit = subject.is_empty() || subject == uscc || subject == name;
    let lookup = if about_unit {
        uscc.clone()
    } else {
        subject.clone()
    };
    let mut enterprise = if about_unit {
        s(v, "enterpriseId")
    } else {
        String::new()
    };
    let mut found = (uscc, name);
    if enterprise.is_empty() && lookup.len() == 18 {
        if let Some(e) = anjian_enterprise::store::by_uscc(tx, tenant, &lookup).await? {
            enterprise = e.id.clone();
            found = (e.record.uscc.as_str().to_string(), e.record.name.clone());
        }
    }
    if enterprise.is_empty() {
        return Ok(None);
    }
    let occurred = chrono::DateTime::parse_from_rfc3339(&s(v, "occurredAt"))
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|_| now_ms());
    Ok(Some(NewEvent {
        tenant: tenant.into(),
        enterprise_id: enterprise,
        uscc: found.0,
        name: found.1,
        source: Source::Accident,
        trigger: trigger.into(),
        ref_id: format!(
            "{}:{}",
            s(v, "accidentId"),
            v["seq"].as_i64().unwrap_or_default()
        ),
        detail: s(v, "detail"),
        occurred_at: occurred,
    }))
}
