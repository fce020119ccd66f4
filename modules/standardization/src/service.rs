//! The rules of the review flow, storage-agnostic: who takes which step out
//! of which state, what each step checks and records. Every step writes the
//! application, its timeline and the audit trail in the caller's transaction.

use crate::checklist::Checklist;
use crate::error::{Result, StdError};
use crate::model::{step, Grade, Party, Rules, SafetyRecord, State};
use crate::store::{self, Application, Event};
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
pub(crate) const DAY_MS: i64 = 86_400_000;

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
    if to == State::Accepted {
        let at = now + i64::from(rules.whole_review_days) * DAY_MS;
        crate::whole::schedule(tx, &a, at).await?;
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

pub use crate::steps::*;
