//! The rules of the review flow, storage-agnostic: who takes which step out
//! of which state, what each step checks and records. Every step writes the
//! application, its timeline and the audit trail in the caller's transaction.

use crate::checklist::{self, Checklist, Mark};
use crate::error::{Result, StdError};
use crate::model::{step, Grade, Party, Rules, SafetyRecord, State};
use crate::store::{self, Application, Event, Objection, Review, Reviewer};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::jobs;
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::FieldError;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

/// Job kind: a step's deadline passed (flags the application overdue).
pub const DEADLINE_JOB: &str = "standardization.deadline";
const DAY_MS: i64 = 86_400_000;

/// The caller as the flow sees them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub username: String,
    /// Home tenant and its level.
    pub tenant: String,
    pub level: Level,
    /// Holds `standardization.decide` (consent, accept, audit, announce, issue).
    pub decides: bool,
    /// An enterprise user's (tenant, enterprise id).
    pub enterprise: Option<(String, String)>,
    /// A reviewer's organisation (review or organising unit), as (tenant, id).
    pub unit: Option<(String, String)>,
}

/// The tenant that consents (county for 三级, city for 二级) and the
/// authority (city for 三级, province for 二级) of an application.
fn parties(dir: &Directory, a: &Application) -> (Option<String>, Option<String>) {
    let parent = |c: &str| dir.get(c).and_then(|t| t.parent_code.clone());
    let county = a.tenant_id.clone();
    let city = parent(&county);
    match a.applied_grade {
        Grade::Three => (Some(county), city),
        _ => (city.clone(), city.as_deref().and_then(parent)),
    }
}

/// Whether `actor` is the application's `party`; FORBIDDEN otherwise.
pub fn authorize_party(
    dir: &Directory,
    actor: &Actor,
    a: &Application,
    party: Party,
) -> Result<()> {
    let (consenter, authority) = parties(dir, a);
    let ok = match party {
        Party::Enterprise => actor
            .enterprise
            .as_ref()
            .is_some_and(|(_, id)| *id == a.enterprise_id),
        Party::Consenter => actor.decides && consenter.as_deref() == Some(&actor.tenant),
        Party::Authority => actor.decides && authority.as_deref() == Some(&actor.tenant),
        Party::Reviewer => actor.unit.is_some() && actor.unit == a.review_unit,
        Party::Organiser => actor.unit.is_some() && actor.unit == a.organiser,
    };
    if ok {
        return Ok(());
    }
    Err(StdError::Forbidden(
        match party {
            Party::Enterprise => "only the applying enterprise takes this step",
            Party::Consenter => "only the local department of the grade consents (county for 三级, city for 二级)",
            Party::Authority => "only the supervision department of the grade takes this step (city for 三级, province for 二级)",
            Party::Reviewer => "only a reviewer of the assigned review unit takes this step",
            Party::Organiser => "only the assigned organising unit takes this step",
        }
        .into(),
    ))
}

/// The application `id` if the caller may see it: enterprises their own,
/// review and organising units what is assigned to them, departments what
/// their scope holds.
pub async fn visible(tx: &mut Tx, actor: &Actor, id: &str) -> Result<Application> {
    let a = store::get(tx, id)
        .await?
        .ok_or(StdError::NotFound("application"))?;
    let ok = if let Some((_, e)) = &actor.enterprise {
        *e == a.enterprise_id
    } else if let Some(u) = &actor.unit {
        a.review_unit.as_ref() == Some(u) || a.organiser.as_ref() == Some(u)
    } else {
        true
    };
    if ok {
        Ok(a)
    } else {
        Err(StdError::NotFound("application"))
    }
}

/// The province's rules (policy `standardization.rules`), else the defaults.
pub async fn rules(tx: &mut Tx) -> Result<Rules> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(crate::RULES_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&sqlx::Row::try_get::<String, _>(&r, "value")?)?,
        None => Rules::default(),
    })
}

/// What an enterprise applies with.
pub struct NewApplication {
    pub grade: String,
    pub system_run_since: String,
    pub record: SafetyRecord,
}

/// An enterprise applies (draft): the grade, when its system started
/// running, and its safety record of the year before.
pub async fn apply(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    input: NewApplication,
) -> Result<Application> {
    let Some((tenant, enterprise_id)) = actor.enterprise.clone() else {
        return Err(StdError::Forbidden("only enterprise users apply".into()));
    };
    let rules = rules(tx).await?;
    let now = now_ms();
    let mut errs = Vec::new();
    let grade = match Grade::parse(&input.grade) {
        Ok(Grade::One) => {
            errs.push(FieldError::new(
                "grade",
                "一级由国务院应急管理部门组织评审，不在省级系统申请",
                "grade 1 is reviewed nationally, not through the province",
            ));
            None
        }
        Ok(g) => Some(g),
        Err(e) => {
            errs.push(e);
            None
        }
    };
    check_run_since(&input.system_run_since, &rules, now, &mut errs);
    if !errs.is_empty() {
        return Err(StdError::Invalid(errs));
    }
    let grade = grade.ok_or(StdError::NotFound("grade"))?;
    let ent = anjian_enterprise::store::get(tx, &enterprise_id)
        .await?
        .ok_or(StdError::NotFound("enterprise"))?;
    let (open, _) = store::list(
        tx,
        &store::Filter {
            enterprise_id: Some(enterprise_id.clone()),
            ..Default::default()
        },
        100,
        0,
    )
    .await?;
    if let Some(o) = open.iter().find(|o| !o.state.is_final()) {
        return Err(anjian_platform::Error::conflict(
            format!("企业已有进行中的申请（{}）", o.state.zh()),
            format!(
                "the enterprise has an application in progress ({})",
                o.state
            ),
        )
        .into());
    }
    let a = Application {
        tenant_id: tenant,
        id: new_id(),
        enterprise_id: ent.id.clone(),
        enterprise_uscc: ent.record.uscc.as_str().to_string(),
        enterprise_name: ent.record.name.clone(),
        industry: ent.record.industry.code().to_string(),
        division_code: ent.record.division_code.clone(),
        applied_grade: grade,
        state: State::Draft,
        system_run_since: input.system_run_since.trim().to_string(),
        record: input.record,
        checklist_version: None,
        self_marks: None,
        self_score: None,
        review_unit: None,
        organiser: None,
        review: None,
        review_score: None,
        achieved_grade: None,
        refusal: None,
        objections: vec![],
        due_at: None,
        overdue: false,
        notice_ends_at: None,
        certificate_number: None,
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: None,
        accepted_at: None,
    };
    store::insert(tx, &a).await?;
    record(
        tx,
        ctx,
        &a,
        "apply",
        None,
        None,
        json!({"grade": grade.as_str()}),
    )
    .await?;
    Ok(a)
}

fn check_run_since(raw: &str, rules: &Rules, now: i64, errs: &mut Vec<FieldError>) {
    let Ok(d) = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") else {
        errs.push(FieldError::new(
            "systemRunSince",
            "体系运行起始日期应为 YYYY-MM-DD",
            "systemRunSince must be YYYY-MM-DD",
        ));
        return;
    };
    let today = chrono::DateTime::from_timestamp_millis(now)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let months = (today.year() - d.year()) * 12 + today.month() as i32
        - d.month() as i32
        - i32::from(today.day() < d.day());
    if months < rules.min_system_run_months as i32 {
        errs.push(FieldError::new(
            "systemRunSince",
            &format!(
                "安全生产标准化体系运行不满 {} 个月",
                rules.min_system_run_months
            ),
            &format!(
                "the system has run less than {} months",
                rules.min_system_run_months
            ),
        ));
    }
}

/// The checklist in force for `industry` (or the named version, which must
/// still be in force).
pub async fn checklist_for(
    tx: &mut Tx,
    industry: &str,
    version: Option<&str>,
) -> Result<Checklist> {
    let found = store::checklist(tx, industry, version).await?;
    match found {
        Some(s) if s.superseded_at.is_none() => Ok(s.checklist),
        Some(s) => Err(StdError::field(
            "checklistVersion",
            &format!("评分标准 {} 版本 {} 已废止", industry, s.checklist.version),
            &format!(
                "checklist {} version {} is no longer in force",
                industry, s.checklist.version
            ),
        )),
        None => Err(StdError::field(
            "checklistVersion",
            &format!("行业 {industry} 没有现行评分标准"),
            &format!("no checklist in force for industry {industry}"),
        )),
    }
}

/// Takes `action` on application `id`: the step must exist out of the
/// current state (CONFLICT naming it otherwise) and the actor must be its
/// party; `change` then adjusts the application and returns the details
/// the timeline keeps.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    action: &str,
    comment: Option<String>,
    change: impl FnOnce(&mut Application, &Rules, i64) -> Result<Value>,
) -> Result<Application> {
    let old = visible(tx, actor, id).await?;
    let Some((to, party)) = step(action, old.state) else {
        return Err(StdError::IllegalTransition {
            action: action.into(),
            state: old.state,
        });
    };
    authorize_party(dir, actor, &old, party)?;
    tx.ensure_writable(&old.tenant_id)?;
    let rules = rules(tx).await?;
    let now = now_ms();
    let mut a = old.clone();
    a.state = to;
    let details = change(&mut a, &rules, now)?;
    a.version += 1;
    a.updated_at = now;
    if a.due_at != old.due_at {
        a.overdue = false;
    }
    if !store::update(tx, &a).await? {
        return Err(StdError::Concurrent);
    }
    record(tx, ctx, &a, action, Some(old.state), comment, details).await?;
    if a.due_at != old.due_at {
        schedule_deadline(tx, &a).await?;
    }
    Ok(a)
}

/// Appends the step to the timeline and the audit trail.
pub(crate) async fn record(
    tx: &mut Tx,
    ctx: &AuditCtx,
    a: &Application,
    action: &str,
    from: Option<State>,
    comment: Option<String>,
    details: Value,
) -> Result<()> {
    let mut changes = vec![Change::new(
        "state",
        from.map(|s| json!(s.as_str())),
        Some(json!(a.state.as_str())),
    )];
    if let Some(c) = &comment {
        changes.push(Change::new("comment", None, Some(json!(c))));
    }
    store::add_event(
        tx,
        &a.tenant_id,
        &a.id,
        &Event {
            seq: 0,
            at: a.updated_at,
            actor: ctx.actor.clone(),
            action: action.into(),
            from_state: from.map(|s| s.as_str().to_string()),
            to_state: a.state.as_str().into(),
            comment,
            details,
        },
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &a.tenant_id,
        &format!("standardization.{action}"),
        "std_application",
        &a.id,
        changes,
    )
    .await?;
    Ok(())
}

/// Queues the overdue check of the current step's deadline.
async fn schedule_deadline(tx: &mut Tx, a: &Application) -> Result<()> {
    let Some(at) = a.due_at else {
        return Ok(());
    };
    jobs::enqueue(
        tx,
        &a.tenant_id,
        DEADLINE_JOB,
        &json!({"applicationId": a.id, "deadline": at, "state": a.state.as_str()}),
        at,
        Some(&format!("{DEADLINE_JOB}:{}:{at}", a.id)),
        5,
    )
    .await?;
    Ok(())
}

/// A required, trimmed text.
pub fn required(field: &str, v: Option<String>) -> Result<String> {
    match v.map(|s| s.trim().to_string()) {
        Some(s) if !s.is_empty() && s.chars().count() <= 2000 => Ok(s),
        _ => Err(StdError::field(
            field,
            "不能为空（至多 2000 字）",
            "required (at most 2000 characters)",
        )),
    }
}

// ---- the steps' changes ----

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
    a.due_at = Some(now + r.form_check_days as i64 * DAY_MS);
    Ok(json!({}))
}

/// 受理: fixes the checklist version the review scores against.
pub fn accept(version: String) -> impl FnOnce(&mut Application, &Rules, i64) -> Result<Value> {
    move |a, r, now| {
        a.accepted_at = Some(now);
        a.checklist_version = Some(version.clone());
        a.due_at = Some(now + r.review_days as i64 * DAY_MS);
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
        let achieved = if s.vetoes_failed.is_empty() {
            r.final_grade(Some(s.score), &a.record)
        } else {
            None
        };
        a.review_score = Some(s.score);
        a.review = Some(Review {
            reviewers,
            marks,
            earned: s.earned,
            applicable: s.applicable,
            vetoes_failed: s.vetoes_failed.clone(),
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
            "score": s.score,
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
    a.due_at = Some(now + r.review_days as i64 * DAY_MS);
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
            a.due_at = Some(now + r.review_days as i64 * DAY_MS);
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
