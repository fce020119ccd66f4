//! The rules of accident reporting, storage-agnostic: who reports, how the
//! flash report climbs the levels, follow-ups and the grade they change,
//! and findings. Every change writes the accident, its timeline and the
//! audit trail in the caller's transaction. The investigation is in
//! [`crate::investigation`], the clocks in [`crate::clocks`].

use crate::clocks;
use crate::error::{AccError, Result};
use crate::model::{
    self, level_rank, AccidentType, ClockKind, Figures, FindingKind, Grade, Industry, Rules, State,
};
use crate::store::{self, Accident, Event, Finding};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::time::{new_id, now_ms, to_rfc3339};
use anjian_platform::{events, FieldError};
use serde_json::{json, Value};

pub(crate) const MINUTE_MS: i64 = 60_000;
/// A day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// The event every new report emits (the `accident.reported` after hook and
/// other modules consume it).
pub const REPORTED_EVENT: &str = "accident.reported";
/// The event of each finding (迟报, 瞒报, 责任认定 …), for the credit module.
pub const FINDING_EVENT: &str = "accident.finding";

/// The caller as accident reporting sees them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub username: String,
    pub tenant: String,
    pub level: Level,
    /// Holds `accident.report` (a county's officials).
    pub reports: bool,
    /// Holds `accident.manage` (pass up, investigate, record findings).
    pub manages: bool,
    /// Holds `accident.rules` (the province: rules, late follow-ups, months).
    pub governs: bool,
    /// An enterprise user's (tenant, enterprise id).
    pub enterprise: Option<(String, String)>,
}

/// The province's rules (policy `accident.rules`), else the national defaults.
pub async fn rules(tx: &mut Tx) -> Result<Rules> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(crate::RULES_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&sqlx::Row::try_get::<String, _>(&r, "value")?)?,
        None => Rules::default(),
    })
}

/// The tenant at `level` above (or at) the accident's county.
pub fn tenant_at(dir: &Directory, a: &Accident, level: Level) -> Option<String> {
    let parent = |c: &str| dir.get(c).and_then(|t| t.parent_code.clone());
    match level {
        Level::County => Some(a.tenant_id.clone()),
        Level::City => parent(&a.tenant_id),
        Level::Province => parent(&a.tenant_id).and_then(|c| parent(&c)),
    }
}

/// The accident `id` if the caller may see it: enterprises their own,
/// departments what their scope holds.
pub async fn visible(tx: &mut Tx, actor: &Actor, id: &str) -> Result<Accident> {
    let a = store::get(tx, id)
        .await?
        .ok_or(AccError::NotFound("accident"))?;
    match &actor.enterprise {
        Some((_, e)) if a.enterprise_id.as_deref() != Some(e) => {
            Err(AccError::NotFound("accident"))
        }
        _ => Ok(a),
    }
}

/// FORBIDDEN unless the caller manages accidents at `level` for this accident.
pub fn require_level(dir: &Directory, actor: &Actor, a: &Accident, level: Level) -> Result<()> {
    if actor.manages && tenant_at(dir, a, level).as_deref() == Some(actor.tenant.as_str()) {
        return Ok(());
    }
    Err(AccError::Forbidden(format!(
        "only the {} department of the accident's area takes this step",
        level.as_str()
    )))
}

/// What a flash report (快报) gives.
#[derive(Debug, Clone, Default)]
pub struct NewAccident {
    pub enterprise_id: Option<String>,
    pub unit_name: Option<String>,
    pub unit_uscc: Option<String>,
    pub unit_address: Option<String>,
    pub division_code: Option<String>,
    pub size: Option<String>,
    pub occurred_at: String,
    pub unit_reported_at: Option<String>,
    pub place: String,
    pub accident_type: String,
    pub road_traffic: bool,
    pub industry: Option<String>,
    pub figures: (i64, i64, i64, i64, f64),
    pub summary: String,
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub reporter: String,
    pub reporter_phone: String,
}

/// A required, trimmed text of at most `max` characters.
pub fn required(field: &str, v: &str, max: usize, errs: &mut Vec<FieldError>) -> String {
    let s = v.trim();
    if s.is_empty() || s.chars().count() > max {
        errs.push(FieldError::new(
            field,
            &format!("不能为空（至多 {max} 字）"),
            &format!("required (at most {max} characters)"),
        ));
    }
    s.to_string()
}

/// An optional trimmed text of at most `max` characters.
pub fn optional(
    field: &str,
    v: Option<String>,
    max: usize,
    errs: &mut Vec<FieldError>,
) -> Option<String> {
    let s = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())?;
    if s.chars().count() > max {
        errs.push(FieldError::new(
            field,
            &format!("至多 {max} 字"),
            &format!("at most {max} characters"),
        ));
    }
    Some(s)
}

fn check_phone(v: &str, errs: &mut Vec<FieldError>) {
    let ok = (7..=20).contains(&v.len())
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '));
    if !ok {
        errs.push(FieldError::new(
            "reporterPhone",
            "联系电话应为 7 至 20 位数字（可含 - +）",
            "reporterPhone must be 7 to 20 digits (with - or + allowed)",
        ));
    }
}

/// Parses an instant that must not lie in the future (5 minutes' grace).
fn past_time(field: &str, raw: &str, now: i64, errs: &mut Vec<FieldError>) -> Option<i64> {
    match model::parse_time(field, raw) {
        Ok(t) if t > now + 5 * MINUTE_MS => {
            errs.push(FieldError::new(
                field,
                "时间不能晚于当前时间",
                "the time cannot be in the future",
            ));
            None
        }
        Ok(t) if t < 946_684_800_000 => {
            errs.push(FieldError::new(
                field,
                "时间不能早于 2000 年",
                "the time cannot be before 2000",
            ));
            None
        }
        Ok(t) => Some(t),
        Err(e) => {
            errs.push(e);
            None
        }
    }
}

/// The unit a report is about: the register's enterprise (which must be the
/// reporter's, or in the reporting county), or a unit not in the register.
struct Unit {
    enterprise_id: Option<String>,
    name: String,
    uscc: Option<String>,
    address: Option<String>,
    division_code: String,
    size: String,
    industry: Option<String>,
}

async fn unit_of(
    tx: &mut Tx,
    tenant: &str,
    input: &NewAccident,
    errs: &mut Vec<FieldError>,
) -> Result<Option<Unit>> {
    if let Some(eid) = &input.enterprise_id {
        let ent = anjian_enterprise::store::get(tx, eid).await?;
        let Some(ent) = ent.filter(|e| e.tenant_id == tenant) else {
            errs.push(FieldError::new(
                "enterpriseId",
                "企业不在本县（区）登记，事故由事发地县级部门报告",
                "the enterprise is not registered in this county; the county where it happened reports it",
            ));
            return Ok(None);
        };
        let r = &ent.record;
        return Ok(Some(Unit {
            enterprise_id: Some(ent.id.clone()),
            name: r.name.clone(),
            uscc: Some(r.uscc.as_str().to_string()),
            address: Some(r.production_address.clone()),
            division_code: r.division_code.clone(),
            size: r.size_band.as_str().to_string(),
            industry: r.gbt4754.clone(),
        }));
    }
    let name = required(
        "unitName",
        input.unit_name.as_deref().unwrap_or(""),
        200,
        errs,
    );
    let division = input
        .division_code
        .clone()
        .unwrap_or_else(|| tenant.to_string());
    let division = division.trim().to_string();
    if !division.starts_with(tenant)
        || !division.chars().all(|c| c.is_ascii_digit())
        || !(6..=12).contains(&division.len())
    {
        errs.push(FieldError::new(
            "divisionCode",
            &format!("事发地区划代码应为本县（{tenant}）或其下辖乡镇的代码"),
            &format!("divisionCode must be this county's ({tenant}) or one of its townships'"),
        ));
    }
    let size = match model::parse_size(input.size.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            errs.push(e);
            "unknown".into()
        }
    };
    let uscc = match input.unit_uscc.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(u) => match anjian_enterprise::model::Uscc::parse(u) {
            Ok(u) => Some(u.as_str().to_string()),
            Err(e) => {
                errs.push(FieldError::new(
                    "unitUscc",
                    &e.message_zh(),
                    &e.message_en(),
                ));
                None
            }
        },
    };
    Ok(Some(Unit {
        enterprise_id: None,
        name,
        uscc,
        address: input.unit_address.clone(),
        division_code: division,
        size,
        industry: None,
    }))
}

/// A unit or its county makes the flash report (快报). The grade follows
/// from the figures; the clocks start; a unit that reported to the county
/// later than the rules allow gets a 迟报 finding.
pub async fn report(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    mut input: NewAccident,
) -> Result<Accident> {
    let tenant = match (&actor.enterprise, actor.level) {
        (Some((t, e)), _) => {
            input.enterprise_id = Some(e.clone());
            t.clone()
        }
        (None, Level::County) if actor.reports => actor.tenant.clone(),
        _ => {
            return Err(AccError::Forbidden(
                "flash reports are made by the unit or the county where the accident happened"
                    .into(),
            ))
        }
    };
    tx.ensure_writable(&tenant)?;
    let rules = rules(tx).await?;
    let now = now_ms();
    let mut errs = Vec::new();
    let occurred = past_time("occurredAt", &input.occurred_at, now, &mut errs);
    let unit_reported = match &input.unit_reported_at {
        Some(raw) => past_time("unitReportedAt", raw, now, &mut errs),
        None => Some(now),
    };
    if let (Some(o), Some(u)) = (occurred, unit_reported) {
        if u < o {
            errs.push(FieldError::new(
                "unitReportedAt",
                "报告时间不能早于事故发生时间",
                "the unit cannot report before the accident happened",
            ));
        }
    }
    let place = required("place", &input.place, 500, &mut errs);
    let accident_type = AccidentType::parse(input.accident_type.trim())
        .map_err(|e| errs.push(e))
        .ok();
    let (d, m, s, mi, l) = input.figures;
    let figures = Figures::parse(d, m, s, mi, l)
        .map_err(|e| errs.extend(e))
        .ok();
    let summary = required("summary", &input.summary, 2000, &mut errs);
    let cause = optional("cause", input.cause.clone(), 2000, &mut errs);
    let measures = optional("measures", input.measures.clone(), 2000, &mut errs);
    let reporter = required("reporter", &input.reporter, 50, &mut errs);
    let phone = input.reporter_phone.trim().to_string();
    check_phone(&phone, &mut errs);
    let unit = unit_of(tx, &tenant, &input, &mut errs).await?;
    let industry_raw = input
        .industry
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| unit.as_ref().and_then(|u| u.industry.clone()));
    let industry = match industry_raw {
        Some(raw) => Industry::parse(&raw).map_err(|e| errs.push(e)).ok(),
        None => {
            errs.push(FieldError::new(
                "industry",
                "请填写国民经济行业分类代码（GB/T 4754）",
                "industry (GB/T 4754) is required",
            ));
            None
        }
    };
    let (
        Some(occurred),
        Some(unit_reported),
        Some(accident_type),
        Some(figures),
        Some(unit),
        Some(industry),
        true,
    ) = (
        occurred,
        unit_reported,
        accident_type,
        figures,
        unit,
        industry,
        errs.is_empty(),
    )
    else {
        return Err(AccError::Invalid(errs));
    };
    let grade = rules.grade(&figures);
    let a = Accident {
        tenant_id: tenant,
        id: new_id(),
        enterprise_id: unit.enterprise_id,
        unit_name: unit.name,
        unit_uscc: unit.uscc,
        unit_address: unit.address,
        division_code: unit.division_code,
        occurred_at: occurred,
        ym: model::month_of(occurred),
        place,
        accident_type,
        road_traffic: input.road_traffic,
        industry: industry.code,
        industry_section: industry.section.to_string(),
        size: unit.size,
        figures,
        grade,
        state: State::Reported,
        summary,
        cause,
        measures,
        reporter,
        reporter_phone: phone,
        unit_reported_at: unit_reported,
        reported_at: now,
        reached_level: Level::County.as_str().into(),
        acks: vec![],
        investigation: None,
        extended: false,
        rectification: None,
        version: 1,
        created_by: actor.username.clone(),
        created_at: now,
        updated_at: now,
    };
    store::insert(tx, &a).await?;
    record(
        tx,
        ctx,
        &a,
        "report",
        json!({"grade": grade.as_str(), "figures": figures, "reachedLevel": "county"}),
    )
    .await?;
    let late_by = unit_reported - occurred - rules.unit_report_minutes * MINUTE_MS;
    if late_by > 0 {
        let subject = a.unit_uscc.clone().unwrap_or_else(|| a.unit_name.clone());
        let detail = format!(
            "事故发生 {} 分钟后才向县级部门报告（时限 {} 分钟）",
            (unit_reported - occurred) / MINUTE_MS,
            rules.unit_report_minutes
        );
        find(tx, &a, FindingKind::LateReport, &subject, &detail, "system").await?;
    }
    clocks::start(
        tx,
        &a,
        ClockKind::RelayCity,
        now,
        now + rules.relay_minutes * MINUTE_MS,
    )
    .await?;
    let window = rules.window_days(a.accident_type, a.road_traffic);
    clocks::start(
        tx,
        &a,
        ClockKind::FollowUpWindow,
        now,
        occurred + window * DAY_MS,
    )
    .await?;
    clocks::start(
        tx,
        &a,
        ClockKind::Investigation,
        now,
        occurred + rules.investigation_days * DAY_MS,
    )
    .await?;
    events::emit(tx, &a.tenant_id, REPORTED_EVENT, &crate::hooks::payload(&a)).await?;
    Ok(a)
}

/// Records a finding, on the timeline and as an outbox event for credit.
pub(crate) async fn find(
    tx: &mut Tx,
    a: &Accident,
    kind: FindingKind,
    subject: &str,
    detail: &str,
    by: &str,
) -> Result<()> {
    let now = now_ms();
    let seq = store::add_finding(
        tx,
        a,
        &Finding {
            seq: 0,
            kind,
            subject: subject.into(),
            detail: detail.into(),
            at: now,
            by: by.into(),
        },
    )
    .await?;
    store::add_event(
        tx,
        a,
        &Event {
            seq: 0,
            at: now,
            actor: by.into(),
            action: "finding".into(),
            details: json!({"kind": kind.as_str(), "subject": subject, "detail": detail}),
        },
    )
    .await?;
    events::emit(
        tx,
        &a.tenant_id,
        FINDING_EVENT,
        &json!({
            "accidentId": a.id, "seq": seq, "kind": kind.as_str(), "subject": subject,
            "enterpriseId": a.enterprise_id, "unitUscc": a.unit_uscc, "unitName": a.unit_name,
            "grade": a.grade.as_str(), "occurredAt": to_rfc3339(a.occurred_at), "detail": detail,
        }),
    )
    .await?;
    Ok(())
}

/// Appends a step to the timeline and the audit trail.
pub(crate) async fn record(
    tx: &mut Tx,
    ctx: &AuditCtx,
    a: &Accident,
    action: &str,
    details: Value,
) -> Result<()> {
    store::add_event(
        tx,
        a,
        &Event {
            seq: 0,
            at: a.updated_at,
            actor: ctx.actor.clone(),
            action: action.into(),
            details: details.clone(),
        },
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &a.tenant_id,
        &format!("accident.{action}"),
        "accident",
        &a.id,
        vec![Change::new("state", None, Some(json!(a.state.as_str())))],
    )
    .await?;
    Ok(())
}

/// Writes a changed accident (version checked) and records the step.
pub(crate) async fn save(
    tx: &mut Tx,
    ctx: &AuditCtx,
    a: &mut Accident,
    action: &str,
    details: Value,
) -> Result<()> {
    a.version += 1;
    a.updated_at = now_ms();
    if !store::update(tx, a).await? {
        return Err(AccError::Concurrent);
    }
    record(tx, ctx, a, action, details).await
}

/// The level holding the report (`reached_level`).
pub fn reached(a: &Accident) -> Level {
    Level::parse(&a.reached_level).unwrap_or(Level::County)
}

/// The level holding the report acknowledges it (签收).
pub async fn acknowledge(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
) -> Result<Accident> {
    let mut a = visible(tx, actor, id).await?;
    let level = reached(&a);
    require_level(dir, actor, &a, level)?;
    if a.acks.iter().any(|k| k.level == level.as_str()) {
        return Err(AccError::conflict(
            "本级已签收",
            "this level has acknowledged the report already",
        ));
    }
    a.acks.push(store::Ack {
        level: level.as_str().into(),
        tenant: actor.tenant.clone(),
        at: now_ms(),
        by: actor.username.clone(),
    });
    save(
        tx,
        ctx,
        &mut a,
        "acknowledge",
        json!({"level": level.as_str()}),
    )
    .await?;
    Ok(a)
}

/// The level holding the report passes it up (逐级上报).
pub async fn pass_up(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
) -> Result<Accident> {
    let a = visible(tx, actor, id).await?;
    require_level(dir, actor, &a, reached(&a))?;
    let rules = rules(tx).await?;
    let target = rules.report_to(a.grade);
    if level_rank(reached(&a)) >= level_rank(target) {
        return Err(AccError::conflict(
            format!(
                "{}事故已报至{}，无须继续上报",
                a.grade.zh(),
                level_zh(reached(&a))
            ),
            format!(
                "a {} accident goes up to the {} level, which has it already",
                a.grade,
                target.as_str()
            ),
        ));
    }
    clocks::relay(tx, ctx, dir, a, &rules, &actor.username, false).await
}

/// The Chinese name of a level.
pub fn level_zh(l: Level) -> &'static str {
    match l {
        Level::County => "县级",
        Level::City => "市级",
        Level::Province => "省级",
    }
}

/// Whether the grade needs the report to climb above `level`.
pub fn must_climb(rules: &Rules, g: Grade, level: Level) -> bool {
    level_rank(rules.report_to(g)) > level_rank(level)
}

pub use crate::followup::*;
