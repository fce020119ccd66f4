//! Rules of hidden-hazard governance, storage-agnostic: who may report, the
//! state machines of both flows (一般: 整改 → 验收 → 销号; 重大: 报告 → 核实 →
//! 挂牌督办 → 治理方案 → 治理 → 评估 → 销号申请 → 现场审查 → 销号), the
//! triage step, deadlines and the roll-up. Every change writes the hazard,
//! its timeline, the audit trail and the statistics in one transaction.

use crate::error::{HazardError, Result};
use crate::hooks;
use crate::model::{
    required, Deadline, GovernancePlan, Level, ListingLevel, MajorReport, Party, Rules, Source,
    State,
};
use crate::store::{self, Event, Hazard};
use crate::{rules, stats};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms, to_rfc3339};
use anjian_platform::{jobs, notify, FieldError};
use chrono::DateTime;
use serde_json::{json, Value};

/// Job kind that flags a hazard overdue when its deadline passes.
pub const DEADLINE_JOB: &str = "hazard.deadline";
/// Job kind of one escalation of an overdue hazard.
pub const ESCALATE_JOB: &str = "hazard.escalate";

/// Who is acting, as the service needs to know them.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub username: String,
    pub user_id: String,
    /// The enterprise (tenant, id) of an enterprise user.
    pub enterprise: Option<(String, String)>,
    /// An inspector or county admin (verifies, accepts, returns, checks on site).
    pub inspector: bool,
    /// The level at which an admin supervises (lists and closes).
    pub supervisor: Option<ListingLevel>,
}

/// A hazard as reported.
#[derive(Debug, Clone, Default)]
pub struct NewHazard {
    /// The enterprise (inspectors); an enterprise user reports its own.
    pub enterprise_id: Option<String>,
    pub category: String,
    pub level: String,
    pub description: String,
    pub location: Option<String>,
    /// RFC 3339; now when absent.
    pub found_at: Option<String>,
    pub responsible_person: Option<String>,
    pub measures: Option<String>,
    pub deadline: Option<String>,
    pub funds_wan: Option<f64>,
    pub contingency_plan: Option<String>,
    pub major_report: Option<MajorReport>,
    pub inspector: Option<String>,
}

fn opt_text(field: &str, v: Option<String>, errs: &mut Vec<FieldError>) -> Option<String> {
    let v = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())?;
    if v.chars().count() > 4000 {
        errs.push(FieldError::new(
            field,
            "不能超过4000字",
            &format!("{field} is longer than 4000 characters"),
        ));
    }
    Some(v)
}

fn funds(v: Option<f64>, errs: &mut Vec<FieldError>) -> Option<f64> {
    match v {
        Some(f) if !f.is_finite() || f < 0.0 => {
            errs.push(FieldError::new(
                "fundsWan",
                "整改资金应为非负数",
                "funds must be a non-negative number",
            ));
            None
        }
        v => v,
    }
}

/// `YYYY-MM` of `ms` in the province's time zone.
pub fn month_of(ms: i64, offset_minutes: i32) -> String {
    DateTime::from_timestamp_millis(ms + i64::from(offset_minutes) * 60_000)
        .unwrap_or_default()
        .format("%Y-%m")
        .to_string()
}

fn found_at(raw: Option<&str>, now: i64) -> std::result::Result<i64, FieldError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(now);
    };
    let t = DateTime::parse_from_rfc3339(raw)
        .map_err(|_| {
            FieldError::new(
                "foundAt",
                &format!("发现时间格式无效：{raw}（应为 RFC 3339 时间）"),
                &format!("invalid foundAt {raw:?} (an RFC 3339 time)"),
            )
        })?
        .timestamp_millis();
    // A few minutes of clock skew between a phone and the server are fine.
    if t > now + 300_000 {
        return Err(FieldError::new(
            "foundAt",
            "发现时间不能晚于现在",
            "foundAt can't be in the future",
        ));
    }
    Ok(t)
}

/// Reports a hazard: an enterprise user for its own enterprise (自查), an
/// inspector for any enterprise of their counties (监管检查), or an inspector
/// accepting a public report. The county's triage rules run before it is
/// stored.
pub async fn report(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    input: NewHazard,
    public_report: Option<String>,
) -> Result<Hazard> {
    let (enterprise_id, source) = match (&actor.enterprise, &input.enterprise_id) {
        (Some((_, own)), None) => (own.clone(), Source::SelfCheck),
        (Some((_, own)), Some(id)) if id == own => (own.clone(), Source::SelfCheck),
        (Some(_), Some(_)) => return Err(HazardError::NotFound("enterprise")),
        (None, Some(id)) if actor.inspector => (
            id.clone(),
            if public_report.is_some() {
                Source::PublicReport
            } else {
                Source::Inspection
            },
        ),
        (None, None) if actor.inspector => {
            return Err(HazardError::field(
                "enterpriseId",
                "请选择隐患所在企业",
                "enterpriseId is required",
            ))
        }
        (None, _) => {
            return Err(HazardError::Forbidden(
                "only enterprise users and inspectors report hazards".into(),
            ))
        }
    };
    let ent = anjian_enterprise::store::get(tx, &enterprise_id)
        .await?
        .ok_or(HazardError::NotFound("enterprise"))?;
    if ent.record.status.as_str() == "closed" {
        return Err(HazardError::field(
            "enterpriseId",
            "企业已关闭，不能登记隐患",
            "the enterprise is closed",
        ));
    }
    let tenant = ent.tenant_id.clone();
    tx.ensure_writable(&tenant)?;
    let rules = rules(tx, &tenant).await?;
    let now = now_ms();
    let mut errs = Vec::new();
    let category = rules
        .category(&input.category)
        .map_err(|e| errs.push(e))
        .ok();
    let level = Level::parse(input.level.trim())
        .map_err(|e| errs.push(e))
        .ok();
    let description = required("description", "隐患描述", &input.description)
        .map_err(|e| errs.push(e))
        .ok();
    let location = opt_text("location", input.location, &mut errs);
    let found = found_at(input.found_at.as_deref(), now)
        .map_err(|e| errs.push(e))
        .ok();
    if let Some(d) = &input.deadline {
        if let Err(e) = Deadline::parse(d, now, rules.utc_offset_minutes) {
            errs.push(e);
        }
    }
    let responsible_person = opt_text("responsiblePerson", input.responsible_person, &mut errs);
    let measures = opt_text("measures", input.measures, &mut errs);
    let contingency_plan = opt_text("contingencyPlan", input.contingency_plan, &mut errs);
    let funds_wan = funds(input.funds_wan, &mut errs);
    if let Some(r) = &input.major_report {
        errs.extend(r.check());
    }
    let (Some(category), Some(level), Some(description), Some(found), true) =
        (category, level, description, found, errs.is_empty())
    else {
        return Err(HazardError::Invalid(errs));
    };
    // Triage: the county's rules may raise the level, set the deadline or
    // assign an inspector.
    let grades = anjian_enterprise::store::hazards(tx, std::slice::from_ref(&enterprise_id))
        .await?
        .into_iter()
        .map(|(_, h)| h.grade)
        .collect();
    // (Plugins run on blocking threads inside the bridge.)
    let triaged = hooks::triage(
        &tenant,
        hooks::Report {
            enterprise_uscc: ent.record.uscc.as_str().to_string(),
            enterprise_hazard_grades: grades,
            source: source.as_str().into(),
            category: category.clone(),
            level: level.as_str().into(),
            description: description.clone(),
            location: location.clone(),
            found_at_ms: found,
            deadline: input.deadline.clone(),
            // Only inspectors assign an inspector (county rules may too).
            inspector: input.inspector.clone().filter(|_| actor.inspector),
        },
    )
    .map_err(HazardError::Refused)?;
    let level = Level::parse(&triaged.level)?;
    let deadline = match &triaged.deadline {
        Some(d) => Deadline::parse(d, now, rules.utc_offset_minutes)?,
        None => rules.default_deadline(level, now),
    };
    let inspector = match triaged.inspector {
        Some(u) => Some(check_inspector(tx, &tenant, &u).await?),
        None => None,
    };
    let h = Hazard {
        tenant_id: tenant.clone(),
        id: new_id(),
        enterprise_id: ent.id.clone(),
        enterprise_uscc: ent.record.uscc.as_str().to_string(),
        enterprise_name: ent.record.name.clone(),
        industry: ent.record.industry.code().to_string(),
        division_code: ent.record.division_code.clone(),
        source,
        category,
        level,
        state: match level {
            Level::General => State::Rectifying,
            Level::Major => State::Reported,
        },
        description,
        location,
        found_at: found,
        found_month: month_of(found, rules.utc_offset_minutes),
        reporter: actor.username.clone(),
        responsible_person,
        measures,
        deadline_at: Some(deadline.ms()),
        funds_wan,
        contingency_plan,
        major_report: input.major_report.filter(|_| level == Level::Major),
        governance_plan: None,
        listing_level: None,
        inspector,
        overdue: false,
        was_listed: false,
        site_check_due_at: None,
        public_report_id: public_report,
        version: 1,
        created_at: now,
        updated_at: now,
        closed_at: None,
    };
    store::insert(tx, &h).await?;
    schedule_deadline(tx, &h, None).await?;
    match (h.level, h.source) {
        (Level::Major, _) => {
            let title = format!("重大事故隐患报告：{}", h.enterprise_name);
            notify_inspectors(tx, &h, &title, &h.description).await?;
            notify_role(tx, &h.tenant_id, "county-admin", &h, &title, &h.description).await?;
        }
        (Level::General, Source::SelfCheck) => {}
        (Level::General, _) => {
            let title = format!("请整改隐患：{}", h.category);
            let body = format!(
                "{}（整改期限 {}）",
                h.description,
                to_rfc3339(deadline.ms())
            );
            notify_enterprise(tx, &h, &title, &body).await?;
        }
    }
    let mut details = json!({"level": h.level, "deadline": to_rfc3339(deadline.ms())});
    if triaged.level != input.level.trim() {
        details["raisedByCountyRule"] = json!(true);
    }
    // The rows every report of the county shares (the roll-up, the audit
    // chain's head) last, so their locks are held only until the commit.
    stats::apply(tx, None, &h).await?;
    record(tx, ctx, &h, "report", None, None, vec![], details).await?;
    Ok(h)
}

async fn check_inspector(tx: &mut Tx, tenant: &str, username: &str) -> Result<String> {
    match store::user_with_role(tx, tenant, username, "inspector").await? {
        Some(_) => Ok(username.to_string()),
        None => Err(HazardError::field(
            "inspector",
            &format!("{username} 不是本县在岗的执法检查人员"),
            &format!("{username} is not an active inspector of the county"),
        )),
    }
}

/// A hazard the actor may see: enterprise users only their own enterprise's.
pub async fn visible(tx: &mut Tx, actor: &Actor, id: &str) -> Result<Hazard> {
    let h = store::get(tx, id)
        .await?
        .ok_or(HazardError::NotFound("hazard"))?;
    match &actor.enterprise {
        Some((_, own)) if *own != h.enterprise_id => Err(HazardError::NotFound("hazard")),
        _ => Ok(h),
    }
}

/// What an actor brings to a step besides the action itself.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    pub comment: Option<String>,
    /// Attachment ids already uploaded to the hazard.
    pub attachments: Vec<String>,
}

impl StepInput {
    /// Refuses a step without a comment (a reason, a conclusion), on `field`.
    fn require_comment(&self, field: &str, zh: &str, en: &str) -> Result<()> {
        match self.comment.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => Ok(()),
            _ => Err(HazardError::field(field, zh, en)),
        }
    }
}

/// Takes `action` on hazard `id`: checks the step exists out of the current
/// state (CONFLICT naming it otherwise) and that the actor is its party;
/// `change` then adjusts the hazard (and may refuse with field errors).
pub async fn transition(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    action: &str,
    input: StepInput,
    change: impl FnOnce(&mut Hazard, &Rules, i64) -> Result<Value>,
) -> Result<Hazard> {
    let old = visible(tx, actor, id).await?;
    let Some((to, party)) = crate::model::step(action, old.state) else {
        return Err(HazardError::IllegalTransition {
            action: action.into(),
            state: old.state,
        });
    };
    authorize(actor, &old, party)?;
    tx.ensure_writable(&old.tenant_id)?;
    let rules = rules(tx, &old.tenant_id).await?;
    let now = now_ms();
    let mut h = old.clone();
    h.state = to;
    let details = change(&mut h, &rules, now)?;
    let mut errs = Vec::new();
    let comment = opt_text("comment", input.comment, &mut errs);
    if !errs.is_empty() {
        return Err(HazardError::Invalid(errs));
    }
    crate::attachments::check_linked(tx, &h, &input.attachments).await?;
    let past_deadline = h.deadline_at.is_some_and(|d| now > d);
    // Work done after its deadline, before the deadline job ran: overdue too.
    if old.state.is_open_work() && !to.is_open_work() && past_deadline {
        h.overdue = true;
    }
    if to == State::Closed {
        h.closed_at = Some(now);
    }
    h.version += 1;
    h.updated_at = now;
    if !store::update(tx, &h).await? {
        return Err(HazardError::Concurrent);
    }
    stats::apply(tx, Some(&old), &h).await?;
    record(
        tx,
        ctx,
        &h,
        action,
        Some(old.state),
        comment,
        input.attachments,
        details,
    )
    .await?;
    if h.deadline_at != old.deadline_at {
        schedule_deadline(tx, &h, None).await?;
    } else if to.is_open_work() && !old.state.is_open_work() && past_deadline && !h.overdue {
        // Back to open work (returned, failed site check) past its deadline:
        // the check runs now, once for this version.
        schedule_deadline(tx, &h, Some(h.version)).await?;
    }
    Ok(h)
}

fn authorize(actor: &Actor, h: &Hazard, party: Party) -> Result<()> {
    let ok = match party {
        Party::Enterprise => actor
            .enterprise
            .as_ref()
            .is_some_and(|(_, id)| *id == h.enterprise_id),
        Party::Inspector => actor.inspector,
        Party::Supervisor => match (actor.supervisor, h.listing_level) {
            (None, _) => false,
            (Some(_), None) => true,
            // Closing: at the listing's level or above.
            (Some(mine), Some(listed)) => rank(mine) >= rank(listed),
        },
    };
    if ok {
        Ok(())
    } else {
        Err(HazardError::Forbidden(match party {
            Party::Enterprise => "only the hazard's enterprise takes this step".into(),
            Party::Inspector => "only the county's inspectors take this step".into(),
            Party::Supervisor => {
                "only an admin at the listing's level or above takes this step".into()
            }
        }))
    }
}

fn rank(l: ListingLevel) -> u8 {
    match l {
        ListingLevel::County => 1,
        ListingLevel::City => 2,
        ListingLevel::Province => 3,
    }
}

/// Appends the step to the timeline and the audit trail.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record(
    tx: &mut Tx,
    ctx: &AuditCtx,
    h: &Hazard,
    action: &str,
    from: Option<State>,
    comment: Option<String>,
    attachments: Vec<String>,
    details: Value,
) -> Result<()> {
    let mut changes = vec![Change::new(
        "state",
        from.map(|s| json!(s.as_str())),
        Some(json!(h.state.as_str())),
    )];
    if let Some(c) = &comment {
        changes.push(Change::new("comment", None, Some(json!(c))));
    }
    if !attachments.is_empty() {
        changes.push(Change::new("attachments", None, Some(json!(attachments))));
    }
    store::add_event(
        tx,
        &h.tenant_id,
        &h.id,
        &Event {
            seq: 0,
            at: h.updated_at,
            actor: ctx.actor.clone(),
            action: action.into(),
            from_state: from.map(|s| s.as_str().to_string()),
            to_state: h.state.as_str().into(),
            comment,
            attachments,
            details,
        },
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &h.tenant_id,
        &format!("hazard.{action}"),
        "hazard",
        &h.id,
        changes,
    )
    .await?;
    Ok(())
}

/// Queues the overdue check for the hazard's deadline (once per deadline).
async fn schedule_deadline(tx: &mut Tx, h: &Hazard, version: Option<i64>) -> Result<()> {
    let Some(at) = h.deadline_at else {
        return Ok(());
    };
    if !h.state.is_open_work() {
        return Ok(());
    }
    jobs::enqueue(
        tx,
        &h.tenant_id,
        DEADLINE_JOB,
        &json!({"hazardId": h.id, "deadline": at}),
        at,
        Some(&match version {
            Some(v) => format!("{DEADLINE_JOB}:{}:{at}:v{v}", h.id),
            None => format!("{DEADLINE_JOB}:{}:{at}", h.id),
        }),
        5,
    )
    .await?;
    Ok(())
}

// ---- the steps ----

/// 一般: the enterprise reports its rectification done, completing the
/// "five fixed" where they were missing.
pub struct Rectification {
    pub step: StepInput,
    pub responsible_person: Option<String>,
    pub measures: Option<String>,
    pub funds_wan: Option<f64>,
    pub contingency_plan: Option<String>,
}

pub async fn submit_rectification(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    r: Rectification,
) -> Result<Hazard> {
    let h = transition(
        tx,
        ctx,
        actor,
        id,
        "submit-rectification",
        r.step,
        |h, _, _| {
            let mut errs = Vec::new();
            if let Some(p) = opt_text("responsiblePerson", r.responsible_person, &mut errs) {
                h.responsible_person = Some(p);
            }
            if let Some(m) = opt_text("measures", r.measures, &mut errs) {
                h.measures = Some(m);
            }
            if let Some(c) = opt_text("contingencyPlan", r.contingency_plan, &mut errs) {
                h.contingency_plan = Some(c);
            }
            if let Some(f) = funds(r.funds_wan, &mut errs) {
                h.funds_wan = Some(f);
            }
            if h.responsible_person.is_none() {
                errs.push(FieldError::new(
                    "responsiblePerson",
                    "请填写整改责任人（五落实）",
                    "the responsible person is required",
                ));
            }
            if h.measures.is_none() {
                errs.push(FieldError::new(
                    "measures",
                    "请填写整改措施（五落实）",
                    "the measures are required",
                ));
            }
            if errs.is_empty() {
                Ok(json!({}))
            } else {
                Err(HazardError::Invalid(errs))
            }
        },
    )
    .await?;
    let title = format!("隐患整改待验收：{}", h.enterprise_name);
    notify_inspectors(tx, &h, &title, &h.description).await?;
    Ok(h)
}

/// 一般: the inspector accepts the rectification (复查验收) and the hazard closes.
pub async fn accept(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    let h = transition(tx, ctx, actor, id, "accept", step, |h, _, _| {
        h.inspector.get_or_insert_with(|| actor.username.clone());
        Ok(json!({}))
    })
    .await?;
    notify_enterprise(tx, &h, "隐患整改已验收销号", &h.description).await?;
    Ok(h)
}

/// 一般: the inspector returns the rectification with a reason.
pub async fn return_rectification(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    step.require_comment(
        "reason",
        "退回须说明理由",
        "a reason is required to return a rectification",
    )?;
    let reason = step.comment.clone().unwrap_or_default();
    let h = transition(tx, ctx, actor, id, "return", step, |_, _, _| Ok(json!({}))).await?;
    let body = format!("{}：{reason}", h.description);
    notify_enterprise(tx, &h, "隐患整改被退回", &body).await?;
    Ok(h)
}

/// 重大: the inspector verifies the report (核实). Confirmed 重大 goes on to
/// listing; found to be 一般, it goes to rectification with the default
/// deadline unless one is given.
#[allow(clippy::too_many_arguments)]
pub async fn verify(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    major: bool,
    report: Option<MajorReport>,
    deadline: Option<String>,
    step: StepInput,
) -> Result<Hazard> {
    let action = if major { "verify" } else { "downgrade" };
    let h = transition(tx, ctx, actor, id, action, step, |h, rules, now| {
        if let Some(r) = report {
            let errs = r.check();
            if !errs.is_empty() {
                return Err(HazardError::Invalid(errs));
            }
            h.major_report = Some(r);
        }
        h.inspector.get_or_insert_with(|| actor.username.clone());
        if major {
            if h.major_report.is_none() {
                return Err(HazardError::field(
                    "majorReport",
                    "重大事故隐患须有报告内容（现状及原因、危害程度和整改难易程度）",
                    "a major hazard needs its report (state and cause, harm and difficulty)",
                ));
            }
            return Ok(json!({}));
        }
        h.level = Level::General;
        let d = match &deadline {
            Some(d) => Deadline::parse(d, now, rules.utc_offset_minutes)?,
            None => rules.default_deadline(Level::General, now),
        };
        h.deadline_at = Some(d.ms());
        Ok(json!({"level": "general", "deadline": to_rfc3339(d.ms())}))
    })
    .await?;
    Ok(h)
}

/// 重大: an admin lists it for supervision (挂牌督办) at their own level.
pub async fn list(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    let level = actor.supervisor;
    let h = transition(tx, ctx, actor, id, "list", step, |h, _, _| {
        h.listing_level = level;
        h.was_listed = true;
        Ok(json!({"listingLevel": level}))
    })
    .await?;
    let title = format!(
        "重大事故隐患挂牌督办（{}级）",
        match level {
            Some(ListingLevel::Province) => "省",
            Some(ListingLevel::City) => "市",
            _ => "县",
        }
    );
    notify_enterprise(tx, &h, &title, &h.description).await?;
    Ok(h)
}

/// 重大: the enterprise files its governance plan (治理方案); its time limit
/// becomes the deadline.
pub async fn file_plan(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    plan: GovernancePlan,
    step: StepInput,
) -> Result<Hazard> {
    transition(tx, ctx, actor, id, "file-plan", step, |h, rules, now| {
        let d = plan
            .check(now, rules.utc_offset_minutes)
            .map_err(HazardError::Invalid)?;
        h.deadline_at = Some(d.ms());
        h.responsible_person = Some(plan.responsible.trim().to_string());
        h.measures = Some(plan.measures.trim().to_string());
        h.contingency_plan = Some(plan.safety_and_emergency.trim().to_string());
        h.governance_plan = Some(plan);
        Ok(json!({"deadline": to_rfc3339(d.ms())}))
    })
    .await
}

/// 重大: progress while under governance.
pub async fn progress(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    step.require_comment("comment", "请填写治理进展", "describe the progress")?;
    transition(tx, ctx, actor, id, "report-progress", step, |_, _, _| {
        Ok(json!({}))
    })
    .await
}

/// 重大: the enterprise submits the evaluation of the governance (评估).
pub async fn evaluate(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    step.require_comment(
        "comment",
        "请填写评估结论",
        "the evaluation's conclusion is required",
    )?;
    transition(tx, ctx, actor, id, "submit-evaluation", step, |_, _, _| {
        Ok(json!({}))
    })
    .await
}

/// 重大: the enterprise applies to close and resume production; the site
/// check falls due within the rules' days.
pub async fn apply_to_close(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    let h = transition(
        tx,
        ctx,
        actor,
        id,
        "apply-to-close",
        step,
        |h, rules, now| {
            let due = Deadline::days_from(now, rules.site_check_days, rules.utc_offset_minutes);
            h.site_check_due_at = Some(due.ms());
            Ok(json!({"siteCheckDue": to_rfc3339(due.ms())}))
        },
    )
    .await?;
    let title = format!("重大事故隐患销号申请待现场审查：{}", h.enterprise_name);
    let body = format!(
        "请于 {} 前完成现场审查。",
        h.site_check_due_at.map(to_rfc3339).unwrap_or_default()
    );
    notify_inspectors(tx, &h, &title, &body).await?;
    Ok(h)
}

/// 重大: the on-site check: passed, it awaits closing; failed, governance resumes.
pub async fn site_check(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    passed: bool,
    step: StepInput,
) -> Result<Hazard> {
    if !passed {
        step.require_comment(
            "comment",
            "现场审查未通过须说明理由",
            "a failed site check needs a reason",
        )?;
    }
    let action = if passed {
        "pass-site-check"
    } else {
        "fail-site-check"
    };
    let h = transition(tx, ctx, actor, id, action, step, |h, _, _| {
        h.site_check_due_at = None;
        Ok(json!({"passed": passed}))
    })
    .await?;
    if !passed {
        notify_enterprise(tx, &h, "重大事故隐患现场审查未通过", &h.description).await?;
    }
    Ok(h)
}

/// 重大: an admin at the listing's level or above closes and delists it.
pub async fn close(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    step: StepInput,
) -> Result<Hazard> {
    let h = transition(tx, ctx, actor, id, "close", step, |_, _, _| Ok(json!({}))).await?;
    notify_enterprise(tx, &h, "重大事故隐患已销号", &h.description).await?;
    Ok(h)
}

// ---- notifications ----

async fn post_all(
    tx: &mut Tx,
    tenant: &str,
    users: &[String],
    kind: &str,
    title: &str,
    body: &str,
    h: &Hazard,
) -> Result<()> {
    let link = format!("/hazards/{}", h.id);
    for u in users {
        notify::post(tx, tenant, u, kind, title, body, Some(&link)).await?;
    }
    Ok(())
}

/// Tells the hazard's enterprise users.
pub async fn notify_enterprise(tx: &mut Tx, h: &Hazard, title: &str, body: &str) -> Result<()> {
    let users = anjian_platform::users::of_enterprise(tx, &h.tenant_id, &h.enterprise_uscc).await?;
    post_all(tx, &h.tenant_id, &users, "hazard", title, body, h).await
}

/// Tells the hazard's inspector, or every inspector of its county when none is assigned.
pub async fn notify_inspectors(tx: &mut Tx, h: &Hazard, title: &str, body: &str) -> Result<()> {
    let assigned = match &h.inspector {
        Some(u) => store::user_with_role(tx, &h.tenant_id, u, "inspector").await?,
        None => None,
    };
    let users = match assigned {
        Some(id) => vec![id],
        None => anjian_platform::users::with_role(tx, &h.tenant_id, "inspector").await?,
    };
    post_all(tx, &h.tenant_id, &users, "hazard", title, body, h).await
}

/// Tells the users holding `role` in `tenant`.
pub async fn notify_role(
    tx: &mut Tx,
    tenant: &str,
    role: &str,
    h: &Hazard,
    title: &str,
    body: &str,
) -> Result<()> {
    let users = anjian_platform::users::with_role(tx, tenant, role).await?;
    post_all(tx, tenant, &users, "hazard", title, body, h).await
}
