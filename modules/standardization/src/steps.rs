//! The changes each step makes to an application (the `change` of
//! [`crate::service::transition`]), and the objections of the public
//! notice, which change an application without moving it.

use crate::checklist::{self, Checklist, Mark};
use crate::error::{Result, StdError};
use crate::hooks;
use crate::model::{Party, Rules, State};
use crate::service::{authorize_party, record, visible, Actor, DAY_MS};
use crate::store::{self, Application, Objection, Review, Reviewer};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Tx;
use anjian_platform::tenancy::Directory;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::FieldError;
use serde_json::{json, Value};

/// Self-assessment: the enterprise scores itself on the checklist in force.
pub fn self_assess(
    c: &Checklist,
    marks: Vec<Mark>,
) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> + '_ {
    move |a, _, _| {
        let s = checklist::score(c, &marks)?;
        a.self_score = Some(s.score);
        a.self_marks = Some(marks);
        Ok(json!({"score": s.score, "checklistVersion": c.version}))
    }
}

/// Local consent: the application goes to the supervision department,
/// whose form check is due in `formCheckDays`.
pub fn consent(a: &mut Application, r: &Rules, now: i64) -> Result<Value> {
    a.submitted_at = Some(now);
    a.due_at = Some(r.office_deadline(now, r.form_check_days));
    Ok(json!({}))
}

/// 受理: fixes the checklist version the review scores against.
pub fn accept(version: String) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, r, now| {
        a.accepted_at = Some(now);
        a.checklist_version = Some(version.clone());
        a.due_at = Some(r.office_deadline(now, r.review_days));
        Ok(json!({"checklistVersion": version}))
    }
}

/// 不予受理: one notice with the reason and everything missing.
pub fn refuse(
    reason: String,
    missing: Vec<String>,
) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, _, _| {
        let v = json!({"reason": reason, "missing": missing});
        a.refusal = Some(v.clone());
        a.due_at = None;
        Ok(v)
    }
}

/// A review or organising unit as the assigner found it.
pub struct Unit {
    pub tenant_id: String,
    pub id: String,
    pub kind: String,
    pub uscc: Option<String>,
    /// It may act in the application's county (home tenant above it, or a live grant there).
    pub reaches: bool,
}

/// Assigns the review unit and the organising unit.
pub fn assign(
    review: Unit,
    organiser: Unit,
) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, _, _| {
        let mut errs = Vec::new();
        for (f, u, kind) in [
            ("reviewUnitId", &review, "review-unit"),
            ("organiserId", &organiser, "review-organising-unit"),
        ] {
            if u.kind != kind {
                errs.push(FieldError::new(
                    f,
                    &format!("该单位不是{kind}"),
                    &format!("the organisation is not a {kind}"),
                ));
            } else if !u.reaches {
                errs.push(FieldError::new(
                    f,
                    "该单位在申请所在地区没有授权",
                    "the organisation holds no grant in the application's county",
                ));
            }
            if u.uscc.as_deref() == Some(a.enterprise_uscc.as_str()) {
                errs.push(FieldError::new(
                    f,
                    "单位不能评审本单位",
                    "an organisation can't review itself",
                ));
            }
        }
        if !errs.is_empty() {
            return Err(StdError::Invalid(errs));
        }
        a.review_unit = Some((review.tenant_id.clone(), review.id.clone()));
        a.organiser = Some((organiser.tenant_id.clone(), organiser.id.clone()));
        Ok(json!({"reviewUnitId": review.id, "organiserId": organiser.id}))
    }
}

/// Records the on-site review: at least `minReviewers` reviewers with
/// certificate numbers, none of the enterprise's own organisation; every
/// item marked. Below the applied grade, the application goes to
/// rectification with its time limit.
pub fn record_review(
    c: Checklist,
    reviewers: Vec<Reviewer>,
    marks: Vec<Mark>,
    by: String,
) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, r, now| {
        check_reviewers(&reviewers, r, &a.enterprise_uscc)?;
        let s = checklist::score(&c, &marks)?;
        let scored = hooks::scored_review(a, &c, &marks, &s);
        let (score, adjustments) = hooks::adjust(&a.tenant_id, &scored, r.adjustment_bounds())
            .map_err(StdError::Invalid)?;
        let achieved = if s.vetoes_failed.is_empty() {
            r.final_grade(Some(score), &a.record)
        } else {
            None
        };
        a.review_score = Some(score);
        a.review = Some(Review {
            reviewers,
            marks,
            earned: s.earned,
            applicable: s.applicable,
            vetoes_failed: s.vetoes_failed.clone(),
            checklist_score: Some(s.score),
            adjustments: adjustments.clone(),
            recorded_by: by,
            signed_by: None,
        });
        match achieved {
            Some(g) if g <= a.applied_grade => {
                a.achieved_grade = Some(a.applied_grade);
                a.due_at = None;
            }
            other => {
                a.achieved_grade = other;
                a.state = State::Rectifying;
                a.due_at = Some(now + r.rectification_days as i64 * DAY_MS);
            }
        }
        Ok(json!({
            "score": score,
            "checklistScore": s.score,
            "adjustments": adjustments,
            "vetoesFailed": s.vetoes_failed,
            "achievedGrade": achieved.map(|g| g.as_str()),
            "checklistVersion": c.version,
        }))
    }
}

fn check_reviewers(list: &[Reviewer], r: &Rules, enterprise_uscc: &str) -> Result<()> {
    let mut errs = Vec::new();
    let mut numbers = std::collections::HashSet::new();
    for (i, rv) in list.iter().enumerate() {
        let f = format!("reviewers.{i}");
        if rv.name.trim().is_empty() || rv.certificate_no.trim().is_empty() {
            errs.push(FieldError::new(
                &f,
                "评审人员姓名和证书编号不能为空",
                "a reviewer needs a name and a certificate number",
            ));
        }
        if !numbers.insert(rv.certificate_no.trim().to_string()) {
            errs.push(FieldError::new(
                &f,
                "评审员证书编号重复",
                "duplicate reviewer certificate number",
            ));
        }
        if rv.employer_uscc.as_deref() == Some(enterprise_uscc) {
            errs.push(FieldError::new(
                &f,
                "评审人员不能评审本单位",
                "a reviewer can't review their own organisation",
            ));
        }
    }
    if numbers.len() < r.min_reviewers as usize {
        errs.push(FieldError::new(
            "reviewers",
            &format!("现场评审至少需要 {} 名评审人员", r.min_reviewers),
            &format!(
                "an on-site review needs at least {} reviewers",
                r.min_reviewers
            ),
        ));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(StdError::Invalid(errs))
    }
}

/// Rectification done: back to review, due again.
pub fn rectified(a: &mut Application, r: &Rules, now: i64) -> Result<Value> {
    a.due_at = Some(r.office_deadline(now, r.review_days));
    Ok(json!({}))
}

/// The enterprise takes the grade it achieved instead of rectifying.
pub fn take_achieved(a: &mut Application, _: &Rules, _: i64) -> Result<Value> {
    let Some(g) = a.achieved_grade else {
        return Err(StdError::field(
            "grade",
            "评审未达到任何等级，只能整改后复评或撤回",
            "the review reached no grade: rectify for a re-review, or withdraw",
        ));
    };
    let from = a.applied_grade;
    a.applied_grade = g;
    a.due_at = None;
    Ok(json!({"from": from.as_str(), "to": g.as_str()}))
}

/// The review report is signed by the reviewer who signs it.
pub fn sign(by: String) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, _, _| {
        if let Some(r) = a.review.as_mut() {
            r.signed_by = Some(by.clone());
        }
        Ok(json!({"signedBy": by}))
    }
}

/// A step that needs a reason (returns, refusals).
pub fn with_reason(reason: String) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, r, now| {
        if a.state == State::UnderReview {
            a.due_at = Some(r.office_deadline(now, r.review_days));
        }
        Ok(json!({"reason": reason}))
    }
}

/// The supervision audit passes: the public notice starts.
pub fn start_notice(a: &mut Application, r: &Rules, now: i64) -> Result<Value> {
    let ends = now + r.notice_days as i64 * DAY_MS;
    a.notice_ends_at = Some(ends);
    a.due_at = None;
    Ok(json!({"noticeEndsAt": anjian_platform::time::to_rfc3339(ends)}))
}

/// 公告: after the notice, every objection resolved.
pub fn announce(a: &mut Application, _: &Rules, now: i64) -> Result<Value> {
    if a.notice_ends_at.is_some_and(|e| now < e) {
        return Err(anjian_platform::Error::conflict(
            "公示期未满，不能公告",
            "the public notice has not ended yet",
        )
        .into());
    }
    if a.objections.iter().any(|o| o.resolution.is_none()) {
        return Err(anjian_platform::Error::conflict(
            "公示异议尚未处理完毕",
            "objections to the notice are not all resolved",
        )
        .into());
    }
    Ok(json!({}))
}

/// Records an objection during the notice (not a step: the state stays).
pub async fn object(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    text: String,
) -> Result<Application> {
    amend(tx, ctx, dir, actor, id, "record_objection", |a| {
        a.objections.push(Objection {
            id: new_id(),
            at: now_ms(),
            text: text.clone(),
            recorded_by: ctx.actor.clone(),
            resolution: None,
            resolved_by: None,
        });
        Ok(json!({"text": text}))
    })
    .await
}

/// Resolves an objection with its outcome.
pub async fn resolve(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    objection: &str,
    resolution: String,
) -> Result<Application> {
    amend(tx, ctx, dir, actor, id, "resolve_objection", |a| {
        let o = a
            .objections
            .iter_mut()
            .find(|o| o.id == objection)
            .ok_or(StdError::NotFound("objection"))?;
        if o.resolution.is_some() {
            return Err(anjian_platform::Error::conflict(
                "该异议已处理",
                "the objection is resolved already",
            )
            .into());
        }
        o.resolution = Some(resolution.clone());
        o.resolved_by = Some(ctx.actor.clone());
        Ok(json!({"objectionId": objection, "resolution": resolution}))
    })
    .await
}

/// A change by the authority during the notice that keeps the state.
async fn amend(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    action: &str,
    change: impl FnOnce(&mut Application) -> Result<Value>,
) -> Result<Application> {
    let old = visible(tx, actor, id).await?;
    if old.state != State::Publicising {
        return Err(StdError::IllegalTransition {
            action: action.into(),
            state: old.state,
        });
    }
    authorize_party(dir, actor, &old, Party::Authority)?;
    let mut a = old.clone();
    let details = change(&mut a)?;
    a.version += 1;
    a.updated_at = now_ms();
    if !store::update(tx, &a).await? {
        return Err(StdError::Concurrent);
    }
    record(tx, ctx, &a, action, Some(old.state), None, details).await?;
    Ok(a)
}
