//! GraphQL of hidden-hazard governance: thin resolvers over `service`,
//! `periodic`, `public` and `stats`.

use crate::error::{HazardError, Platform as _};
use crate::model::{self, GovernancePlan, ListingLevel, MajorReport, Period, Rules};
use crate::periodic;
use crate::public;
use crate::service::{self, Actor, NewHazard, Rectification, StepInput};
use crate::stats::{self, Counts, Dim};
use crate::store::{self, Hazard};
use crate::{PERM_INSPECT, PERM_READ, PERM_RULES, PERM_SUPERVISE};
use anjian_platform::api::context::{req, Req};
use anjian_platform::api::relay::{page, window, Page};
use anjian_platform::rbac::{Permission, Role};
use anjian_platform::{orgs, Error};
use async_graphql::{ComplexObject, Context, Enum, InputObject, Json, Object, Result, SimpleObject, Upload};
use chrono::{DateTime, Utc};
use serde_json::Value;

fn dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The caller as the service sees them; FORBIDDEN unless they may read hazards.
async fn actor(r: &Req) -> anjian_platform::Result<Actor> {
    let who = r.principal()?;
    let enterprise = if who.has_role(Role::Enterprise) {
        Some(own_enterprise(r).await?)
    } else {
        who.require(Permission::Module(PERM_READ))?;
        None
    };
    let supervisor = if who.can(Permission::Module(PERM_SUPERVISE)) {
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        dir.get(&who.tenant).map(|t| match t.level {
            anjian_platform::tenancy::Level::Province => ListingLevel::Province,
            anjian_platform::tenancy::Level::City => ListingLevel::City,
            anjian_platform::tenancy::Level::County => ListingLevel::County,
        })
    } else {
        None
    };
    Ok(Actor {
        username: who.username.clone(),
        user_id: who.user_id.clone(),
        enterprise,
        inspector: who.can(Permission::Module(PERM_INSPECT)),
        supervisor,
    })
}

/// (tenant, enterprise id) of an enterprise user's own enterprise.
async fn own_enterprise(r: &Req) -> anjian_platform::Result<(String, String)> {
    let who = r.principal()?;
    let Some((_, org_id)) = &who.org else {
        return Err(Error::NotFound("enterprise".into()));
    };
    let mut tx = r.read().await?;
    let org = orgs::get(&mut tx, org_id).await?;
    let found = match org.uscc {
        Some(u) if org.kind == "enterprise" => {
            anjian_enterprise::store::by_uscc(&mut tx, &org.tenant_id, &u).await?
        }
        _ => None,
    };
    tx.commit().await?;
    found
        .map(|s| (s.tenant_id, s.id))
        .ok_or_else(|| Error::NotFound("enterprise".into()))
}

/// Public reports are handled by inspectors, who alone see who reported.
fn inspector_role(r: &Req) -> anjian_platform::Result<()> {
    if r.principal()?.has_role(Role::Inspector) {
        Ok(())
    } else {
        Err(Error::Forbidden("only inspectors handle public reports".into()))
    }
}

fn require(r: &Req, p: &'static str) -> anjian_platform::Result<()> {
    r.require(Permission::Module(p)).map(|_| ())
}

/// A hidden hazard (隐患).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct HazardNode {
    pub id: String,
    /// The county tenant.
    pub tenant_code: String,
    pub enterprise_id: String,
    pub enterprise_uscc: String,
    pub enterprise_name: String,
    pub industry: String,
    pub division_code: String,
    /// `self-check`, `inspection` or `public-report`.
    pub source: String,
    pub category: String,
    /// `general` (一般) or `major` (重大).
    pub level: String,
    /// See `hazardTransitions`.
    pub state: String,
    /// The state as officials name it, e.g. 挂牌督办.
    pub state_name: String,
    pub description: String,
    pub location: Option<String>,
    pub found_at: DateTime<Utc>,
    pub reporter: String,
    /// 五落实: 责任人, 措施, 期限, 资金, 预案.
    pub responsible_person: Option<String>,
    pub measures: Option<String>,
    pub deadline: Option<DateTime<Utc>>,
    pub funds_wan: Option<f64>,
    pub contingency_plan: Option<String>,
    pub major_report: Option<MajorReportNode>,
    pub governance_plan: Option<GovernancePlanNode>,
    /// 挂牌督办 level: province, city or county.
    pub listing_level: Option<String>,
    pub inspector: Option<String>,
    /// Its deadline passed while work was open.
    pub overdue: bool,
    pub listed: bool,
    pub site_check_due: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl From<Hazard> for HazardNode {
    fn from(h: Hazard) -> Self {
        HazardNode {
            id: h.id,
            tenant_code: h.tenant_id,
            enterprise_id: h.enterprise_id,
            enterprise_uscc: h.enterprise_uscc,
            enterprise_name: h.enterprise_name,
            industry: h.industry,
            division_code: h.division_code,
            source: h.source.as_str().into(),
            category: h.category,
            level: h.level.as_str().into(),
            state: h.state.as_str().into(),
            state_name: h.state.zh().into(),
            description: h.description,
            location: h.location,
            found_at: dt(h.found_at),
            reporter: h.reporter,
            responsible_person: h.responsible_person,
            measures: h.measures,
            deadline: h.deadline_at.map(dt),
            funds_wan: h.funds_wan,
            contingency_plan: h.contingency_plan,
            major_report: h.major_report.map(Into::into),
            governance_plan: h.governance_plan.map(Into::into),
            listing_level: h.listing_level.map(|l| l.as_str().into()),
            inspector: h.inspector,
            overdue: h.overdue,
            listed: h.was_listed,
            site_check_due: h.site_check_due_at.map(dt),
            version: h.version,
            created_at: dt(h.created_at),
            updated_at: dt(h.updated_at),
            closed_at: h.closed_at.map(dt),
        }
    }
}

/// One step of a hazard's timeline.
#[derive(SimpleObject, Clone)]
pub struct HazardEvent {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub comment: Option<String>,
    pub attachment_ids: Vec<String>,
    pub details: Json<Value>,
}

/// An attachment's metadata (its bytes: `hazardAttachmentContent`).
#[derive(SimpleObject, Clone)]
pub struct HazardAttachment {
    pub id: String,
    pub hazard_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<crate::attachments::Attachment> for HazardAttachment {
    fn from(a: crate::attachments::Attachment) -> Self {
        HazardAttachment {
            id: a.id,
            hazard_id: a.hazard_id,
            name: a.name,
            content_type: a.content_type,
            size: a.size,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            created_at: dt(a.created_at),
        }
    }
}

#[ComplexObject]
impl HazardNode {
    /// The whole timeline, oldest first: every step with actor, comment and attachments.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<HazardEvent>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::events(&mut tx, &self.tenant_code, &self.id).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|e| HazardEvent {
                seq: e.seq,
                at: dt(e.at),
                actor: e.actor,
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                comment: e.comment,
                attachment_ids: e.attachments,
                details: Json(e.details),
            })
            .collect())
    }

    /// Photos and documents.
    async fn attachments(&self, ctx: &Context<'_>) -> Result<Vec<HazardAttachment>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let h = store::get(&mut tx, &self.id).await.gql()?.ok_or_else(|| Error::NotFound("hazard".into()))?;
        let list = crate::attachments::of_hazard(&mut tx, &h).await.gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// The steps out of the current state, by action name.
    async fn next_actions(&self) -> Vec<String> {
        let state = model::State::parse(&self.state).ok();
        model::TRANSITIONS
            .iter()
            .filter(|(_, from, _, _)| Some(*from) == state)
            .map(|(a, _, _, _)| a.to_string())
            .collect()
    }
}

/// 重大事故隐患报告.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "MajorReportInput")]
pub struct MajorReportNode {
    /// 隐患的现状及其产生原因.
    pub state_and_cause: String,
    /// 隐患的危害程度和整改难易程度分析.
    pub harm_and_difficulty: String,
}

impl From<MajorReport> for MajorReportNode {
    fn from(m: MajorReport) -> Self {
        MajorReportNode {
            state_and_cause: m.state_and_cause,
            harm_and_difficulty: m.harm_and_difficulty,
        }
    }
}

impl From<MajorReportNode> for MajorReport {
    fn from(m: MajorReportNode) -> Self {
        MajorReport {
            state_and_cause: m.state_and_cause,
            harm_and_difficulty: m.harm_and_difficulty,
        }
    }
}

/// 治理方案.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "GovernancePlanInput")]
pub struct GovernancePlanNode {
    pub goals: String,
    pub measures: String,
    pub funds_and_materials: String,
    pub responsible: String,
    /// The time limit: YYYY-MM-DD or an RFC 3339 time; becomes the deadline.
    pub time_limit: String,
    pub safety_and_emergency: String,
}

impl From<GovernancePlan> for GovernancePlanNode {
    fn from(p: GovernancePlan) -> Self {
        GovernancePlanNode {
            goals: p.goals,
            measures: p.measures,
            funds_and_materials: p.funds_and_materials,
            responsible: p.responsible,
            time_limit: p.time_limit,
            safety_and_emergency: p.safety_and_emergency,
        }
    }
}

impl From<GovernancePlanNode> for GovernancePlan {
    fn from(p: GovernancePlanNode) -> Self {
        GovernancePlan {
            goals: p.goals,
            measures: p.measures,
            funds_and_materials: p.funds_and_materials,
            responsible: p.responsible,
            time_limit: p.time_limit,
            safety_and_emergency: p.safety_and_emergency,
        }
    }
}

/// A hazard being reported.
#[derive(InputObject, Default)]
pub struct ReportHazardInput {
    /// The enterprise (inspectors); enterprise users report their own.
    pub enterprise_id: Option<String>,
    pub category: String,
    /// `general` or `major`.
    pub level: String,
    pub description: String,
    pub location: Option<String>,
    /// RFC 3339; now when absent.
    pub found_at: Option<String>,
    pub responsible_person: Option<String>,
    pub measures: Option<String>,
    /// YYYY-MM-DD (end of that day) or RFC 3339; the rules' default when absent.
    pub deadline: Option<String>,
    pub funds_wan: Option<f64>,
    pub contingency_plan: Option<String>,
    pub major_report: Option<MajorReportNode>,
    /// Username of an inspector of the county to follow it.
    pub inspector: Option<String>,
}

impl From<ReportHazardInput> for NewHazard {
    fn from(i: ReportHazardInput) -> Self {
        NewHazard {
            enterprise_id: i.enterprise_id,
            category: i.category,
            level: i.level,
            description: i.description,
            location: i.location,
            found_at: i.found_at,
            responsible_person: i.responsible_person,
            measures: i.measures,
            deadline: i.deadline,
            funds_wan: i.funds_wan,
            contingency_plan: i.contingency_plan,
            major_report: i.major_report.map(Into::into),
            inspector: i.inspector,
        }
    }
}

/// The rectification the enterprise reports done, completing the five fixed.
#[derive(InputObject, Default)]
pub struct RectificationInput {
    pub comment: Option<String>,
    #[graphql(default)]
    pub attachment_ids: Vec<String>,
    pub responsible_person: Option<String>,
    pub measures: Option<String>,
    pub funds_wan: Option<f64>,
    pub contingency_plan: Option<String>,
}

/// The inspector's verification of a 重大 report.
#[derive(InputObject)]
pub struct VerifyHazardInput {
    /// True: confirmed 重大. False: it is 一般 and goes to rectification.
    pub major: bool,
    pub comment: Option<String>,
    pub major_report: Option<MajorReportNode>,
    /// For a hazard found to be 一般: its deadline (the rules' default otherwise).
    pub deadline: Option<String>,
    #[graphql(default)]
    pub attachment_ids: Vec<String>,
}

/// Filters of the hazard list.
#[derive(InputObject, Default)]
pub struct HazardFilter {
    pub enterprise_id: Option<String>,
    pub county: Option<String>,
    pub state: Option<String>,
    pub level: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    pub overdue: Option<bool>,
    /// Not yet closed (true) or closed (false).
    pub open: Option<bool>,
    pub inspector: Option<String>,
    /// RFC 3339, inclusive.
    pub found_from: Option<String>,
    /// RFC 3339, exclusive.
    pub found_to: Option<String>,
}

fn time_field(field: &str, v: Option<String>) -> anjian_platform::Result<Option<i64>> {
    v.map(|s| {
        DateTime::parse_from_rfc3339(s.trim())
            .map(|d| d.timestamp_millis())
            .map_err(|_| Error::field(field, "时间格式无效（应为 RFC 3339）", "invalid time (RFC 3339)"))
    })
    .transpose()
}

fn parse_filter(f: HazardFilter) -> anjian_platform::Result<store::Filter> {
    let fe = |e: anjian_platform::FieldError| Error::Validation(vec![e]);
    Ok(store::Filter {
        enterprise_id: f.enterprise_id,
        county: f.county,
        state: f.state.as_deref().map(model::State::parse).transpose().map_err(fe)?,
        level: f.level.as_deref().map(model::Level::parse).transpose().map_err(fe)?,
        source: f.source.as_deref().map(model::Source::parse).transpose().map_err(fe)?,
        category: f.category,
        overdue: f.overdue,
        open: f.open,
        inspector: f.inspector,
        found_from: time_field("foundFrom", f.found_from)?,
        found_to: time_field("foundTo", f.found_to)?,
    })
}

/// A step of the state machines, as data.
#[derive(SimpleObject)]
pub struct HazardTransition {
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    /// `enterprise`, `inspector` or `supervisor`.
    pub party: String,
}

/// Figures of one row of the statistics.
#[derive(SimpleObject, Clone)]
pub struct HazardFigures {
    /// The group's key: a tenant code, month, industry, level, source or enterprise id.
    pub key: String,
    /// Its name (tenants and enterprises).
    pub name: String,
    pub found: i64,
    pub rectified: i64,
    /// Found and not yet closed.
    pub open: i64,
    /// rectified / found (0 when none found).
    pub rectification_rate: f64,
    pub overdue: i64,
    pub on_time: i64,
    /// onTime / rectified (0 when none rectified).
    pub on_time_rate: f64,
    /// 重大 listed for supervision.
    pub listed: i64,
    /// Listed and closed (销号).
    pub listed_closed: i64,
}

fn figures(key: String, name: String, c: Counts) -> HazardFigures {
    let rate = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    HazardFigures {
        key,
        name,
        found: c.found,
        rectified: c.rectified,
        open: c.found - c.rectified,
        rectification_rate: rate(c.rectified, c.found),
        overdue: c.overdue,
        on_time: c.on_time,
        on_time_rate: rate(c.on_time, c.rectified),
        listed: c.listed,
        listed_closed: c.listed_closed,
    }
}

/// Grouping of the statistics.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum HazardStatsGroup {
    /// The division's children: a province's cities, a city's counties, a county's enterprises.
    Division,
    Month,
    Industry,
    Level,
    Source,
}

/// Which hazards the statistics count.
#[derive(InputObject, Default)]
pub struct HazardStatsFilter {
    /// A tenant code: the province, a city or a county (default: the caller's tenant).
    pub division: Option<String>,
    /// A calendar year (months found).
    pub year: Option<i32>,
    /// YYYY-MM, inclusive.
    pub from_month: Option<String>,
    pub to_month: Option<String>,
    pub industry: Option<String>,
    pub level: Option<String>,
    pub source: Option<String>,
}

/// Statistics: the total and one row per group.
#[derive(SimpleObject)]
pub struct HazardStatistics {
    pub division: String,
    pub total: HazardFigures,
    pub rows: Vec<HazardFigures>,
}

fn month_arg(field: &str, v: Option<String>) -> anjian_platform::Result<Option<String>> {
    v.map(|m| {
        let m = m.trim().to_string();
        chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map(|_| m)
            .map_err(|_| Error::field(field, "月份格式应为 YYYY-MM", "a month is YYYY-MM"))
    })
    .transpose()
}

async fn statistics(
    r: &Req,
    f: HazardStatsFilter,
    group: HazardStatsGroup,
    recount: bool,
) -> anjian_platform::Result<HazardStatistics> {
    let who = r.require(Permission::Module(PERM_READ))?;
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    let division = f.division.clone().unwrap_or_else(|| who.tenant.clone());
    let Some(div) = dir.get(&division) else {
        return Err(Error::field("division", "行政区划不存在", "no such division"));
    };
    if !who.scope.contains(&division) {
        return Err(Error::Forbidden(format!("division {division} is not visible")));
    }
    // Each county of the division, and the division's child it rolls up to.
    let mut counties: Vec<(String, String)> = Vec::new();
    for t in dir.all() {
        if t.level != anjian_platform::tenancy::Level::County {
            continue;
        }
        let mut child = t.code.clone();
        let mut at = Some(t);
        let mut inside = false;
        while let Some(x) = at {
            if x.code == division {
                inside = true;
                break;
            }
            child = x.code.clone();
            at = x.parent_code.as_deref().and_then(|c| dir.get(c));
        }
        if inside {
            counties.push((t.code.clone(), if t.code == division { t.code.clone() } else { child }));
        }
    }
    let (mut from_month, mut to_month) = (month_arg("fromMonth", f.from_month)?, month_arg("toMonth", f.to_month)?);
    if let Some(y) = f.year {
        from_month = Some(format!("{y:04}-01"));
        to_month = Some(format!("{y:04}-12"));
    }
    let scope = stats::Scope {
        counties: Some(counties.iter().map(|(c, _)| c.clone()).collect()),
        from_month,
        to_month,
        industry: f.industry,
        level: f.level,
        source: f.source,
    };
    let mut tx = r.read().await?;
    let by_county = div.level == anjian_platform::tenancy::Level::County;
    let dims: &[Dim] = match group {
        HazardStatsGroup::Division => &[Dim::County],
        HazardStatsGroup::Month => &[Dim::Month],
        HazardStatsGroup::Industry => &[Dim::Industry],
        HazardStatsGroup::Level => &[Dim::Level],
        HazardStatsGroup::Source => &[Dim::Source],
    };
    let rows = if group == HazardStatsGroup::Division && by_county {
        stats::by_enterprise(&mut tx, &scope).await.gql()?
    } else if recount {
        stats::recount(&mut tx, &scope, dims).await.gql()?
    } else {
        stats::grouped(&mut tx, &scope, dims).await.gql()?
    };
    tx.commit().await?;
    let mut total = Counts::default();
    let mut groups: std::collections::BTreeMap<String, (String, Counts)> = Default::default();
    for (keys, c) in rows {
        total.add(c);
        let (key, name) = match group {
            HazardStatsGroup::Division if by_county => (keys[0].clone(), keys.get(1).cloned().unwrap_or_default()),
            HazardStatsGroup::Division => {
                let child = counties
                    .iter()
                    .find(|(c, _)| *c == keys[0])
                    .map(|(_, ch)| ch.clone())
                    .unwrap_or_else(|| keys[0].clone());
                let name = dir.get(&child).map(|t| t.name.clone()).unwrap_or_default();
                (child, name)
            }
            _ => (keys[0].clone(), keys[0].clone()),
        };
        groups.entry(key).or_insert_with(|| (name, Counts::default())).1.add(c);
    }
    Ok(HazardStatistics {
        division: division.clone(),
        total: figures(division, div.name.clone(), total),
        rows: groups.into_iter().map(|(k, (n, c))| figures(k, n, c)).collect(),
    })
}

/// The province's (or a county's) hazard rules.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "HazardRulesInput")]
pub struct HazardRules {
    pub general_deadline_days: i64,
    pub major_deadline_days: i64,
    pub site_check_days: i64,
    pub utc_offset_minutes: i32,
    pub categories: Vec<String>,
    pub escalations: Vec<EscalationRule>,
    pub quarterly_due_day: i32,
    /// MM-DD of the next year.
    pub yearly_due: String,
    pub public_reports_per_hour: i64,
}

/// Who else is told of an overdue hazard.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "EscalationRuleInput")]
pub struct EscalationRule {
    /// `general`, `major`, or null for both.
    pub level: Option<String>,
    /// `county-admin`, `city-admin` or `province-admin`.
    pub role: String,
    pub after_days: i64,
}

impl From<Rules> for HazardRules {
    fn from(r: Rules) -> Self {
        HazardRules {
            general_deadline_days: r.general_deadline_days,
            major_deadline_days: r.major_deadline_days,
            site_check_days: r.site_check_days,
            utc_offset_minutes: r.utc_offset_minutes,
            categories: r.categories,
            escalations: r
                .escalations
                .into_iter()
                .map(|e| EscalationRule {
                    level: e.level.map(|l| l.as_str().into()),
                    role: e.role,
                    after_days: e.after_days,
                })
                .collect(),
            quarterly_due_day: r.quarterly_due_day as i32,
            yearly_due: r.yearly_due,
            public_reports_per_hour: r.public_reports_per_hour as i64,
        }
    }
}

impl TryFrom<HazardRules> for Rules {
    type Error = HazardError;
    fn try_from(r: HazardRules) -> Result<Self, HazardError> {
        let escalations = r
            .escalations
            .into_iter()
            .map(|e| {
                Ok(model::Escalation {
                    level: e.level.as_deref().map(model::Level::parse).transpose()?,
                    role: e.role,
                    after_days: e.after_days,
                })
            })
            .collect::<Result<Vec<_>, HazardError>>()?;
        Ok(Rules {
            general_deadline_days: r.general_deadline_days,
            major_deadline_days: r.major_deadline_days,
            site_check_days: r.site_check_days,
            utc_offset_minutes: r.utc_offset_minutes,
            categories: r.categories,
            escalations,
            quarterly_due_day: r.quarterly_due_day.clamp(0, 1000) as u32,
            yearly_due: r.yearly_due,
            public_reports_per_hour: r.public_reports_per_hour.clamp(0, i64::MAX) as u64,
        })
    }
}

/// A self-check.
#[derive(SimpleObject)]
pub struct HazardSelfCheck {
    pub id: String,
    pub enterprise_id: String,
    pub checked_on: String,
    pub scope: String,
    /// Hazards reported from self-checks that day (0: a zero-hazard check).
    pub found: i64,
    pub note: Option<String>,
    pub checked_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<periodic::SelfCheck> for HazardSelfCheck {
    fn from(c: periodic::SelfCheck) -> Self {
        HazardSelfCheck {
            id: c.id,
            enterprise_id: c.enterprise_id,
            checked_on: c.checked_on,
            scope: c.scope,
            found: c.found,
            note: c.note,
            checked_by: c.checked_by,
            created_at: dt(c.created_at),
        }
    }
}

/// A periodic report: its figures from the records, and the filing if made.
#[derive(SimpleObject)]
pub struct HazardPeriodicReport {
    pub enterprise_id: String,
    pub period: String,
    /// YYYY-MM-DD.
    pub due: String,
    pub figures: Json<Value>,
    pub filed: bool,
    pub signed_by: Option<String>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// An enterprise that hasn't filed.
#[derive(SimpleObject)]
pub struct MissingReport {
    pub enterprise_id: String,
    pub name: String,
    pub uscc: String,
}

/// A public report submitted: the token follows it (keep it; it is shown once).
#[derive(SimpleObject)]
pub struct PublicReportReceipt {
    pub reference: String,
    pub token: String,
    pub county: String,
}

/// What a reporter sees of their report.
#[derive(SimpleObject)]
pub struct PublicReportStatus {
    pub reference: String,
    /// `received`, `accepted` or `dismissed`.
    pub status: String,
    pub reason: Option<String>,
    /// Of the hazard it became, if accepted.
    pub hazard_state: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A public report as the county sees it; the reporter only for inspectors.
#[derive(SimpleObject)]
pub struct PublicHazardReport {
    pub id: String,
    pub county: String,
    pub enterprise_name: String,
    pub enterprise_uscc: Option<String>,
    pub address: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub hazard_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn public_node(p: public::PublicReport, identity: bool) -> PublicHazardReport {
    PublicHazardReport {
        id: p.id,
        county: p.tenant_id,
        enterprise_name: p.enterprise_name,
        enterprise_uscc: p.enterprise_uscc,
        address: p.address,
        description: p.description,
        reporter_name: p.reporter_name.filter(|_| identity),
        reporter_phone: p.reporter_phone.filter(|_| identity),
        status: p.status,
        reason: p.reason,
        hazard_id: p.hazard_id,
        created_at: dt(p.created_at),
    }
}

/// A public report from an anonymous caller.
#[derive(InputObject)]
pub struct PublicReportInput {
    /// The county (tenant code), when the USCC isn't known.
    pub county: Option<String>,
    pub enterprise_name: String,
    pub enterprise_uscc: Option<String>,
    pub address: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
}

/// Hazard queries.
#[derive(Default)]
pub struct HazardQuery;

#[Object]
impl HazardQuery {
    /// One hazard (enterprise users: only their own enterprise's).
    async fn hazard(&self, ctx: &Context<'_>, id: String) -> Result<HazardNode> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let h = service::visible(&mut tx, &a, &id).await.gql()?;
        tx.commit().await?;
        Ok(h.into())
    }

    /// Hazards of one's tenants, newest found first (enterprise users: their own).
    async fn hazards(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<HazardNode>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut f = parse_filter(filter.unwrap_or_default())?;
        if let Some((_, own)) = &a.enterprise {
            f.enterprise_id = Some(own.clone());
        }
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = store::list(&mut tx, &f, limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(list.into_iter().map(Into::into).collect(), offset, total))
    }

    /// The steps of both flows: which action leads from which state to which, by whom.
    async fn hazard_transitions(&self) -> Vec<HazardTransition> {
        model::TRANSITIONS
            .iter()
            .map(|(a, from, to, who)| HazardTransition {
                action: a.to_string(),
                from_state: from.as_str().into(),
                to_state: to.as_str().into(),
                party: match who {
                    model::Party::Enterprise => "enterprise",
                    model::Party::Inspector => "inspector",
                    model::Party::Supervisor => "supervisor",
                }
                .into(),
            })
            .collect()
    }

    /// The rules in force in `county` (its own, else the province's, else the defaults);
    /// without `county`, the province's.
    async fn hazard_rules(&self, ctx: &Context<'_>, county: Option<String>) -> Result<HazardRules> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read_all().await?;
        let rules = match county {
            Some(c) => crate::rules(&mut tx, &c).await.gql()?,
            None => crate::stored_rules(&mut tx, None).await.gql()?.unwrap_or_default(),
        };
        tx.commit().await?;
        Ok(rules.into())
    }

    /// Supervision statistics of a division (default: the caller's), grouped;
    /// `recount` counts straight from the hazards instead of the roll-up.
    async fn hazard_statistics(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardStatsFilter>,
        #[graphql(default_with = "HazardStatsGroup::Division")] group_by: HazardStatsGroup,
        #[graphql(default)] recount: bool,
    ) -> Result<HazardStatistics> {
        Ok(statistics(req(ctx), filter.unwrap_or_default(), group_by, recount).await?)
    }

    /// The statistics as CSV (UTF-8 with BOM, Chinese headers).
    async fn hazard_statistics_csv(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardStatsFilter>,
        #[graphql(default_with = "HazardStatsGroup::Division")] group_by: HazardStatsGroup,
    ) -> Result<String> {
        let s = statistics(req(ctx), filter.unwrap_or_default(), group_by, false).await?;
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let io = |e: csv::Error| Error::internal(e);
        w.write_record([
            "编码", "名称", "发现隐患", "已整改", "未整改", "整改率", "逾期", "按期整改", "按期整改率", "重大隐患挂牌督办", "挂牌督办已销号",
        ])
        .map_err(io)?;
        for f in s.rows.iter().chain(std::iter::once(&s.total)) {
            w.write_record([
                f.key.clone(),
                f.name.clone(),
                f.found.to_string(),
                f.rectified.to_string(),
                f.open.to_string(),
                format!("{:.4}", f.rectification_rate),
                f.overdue.to_string(),
                f.on_time.to_string(),
                format!("{:.4}", f.on_time_rate),
                f.listed.to_string(),
                f.listed_closed.to_string(),
            ])
            .map_err(io)?;
        }
        let bytes = w.into_inner().map_err(Error::internal)?;
        Ok(String::from_utf8(bytes).map_err(Error::internal)?)
    }

    /// The bytes of an attachment (base64), for users who may see its hazard.
    async fn hazard_attachment_content(&self, ctx: &Context<'_>, hazard_id: String, id: String) -> Result<String> {
        use base64::Engine;
        let r = req(ctx);
        let a = actor(r).await?;
        let objects = anjian_platform::objects::open(&r.platform.config);
        let mut tx = r.read().await?;
        let h = service::visible(&mut tx, &a, &hazard_id).await.gql()?;
        let (_, bytes) = crate::attachments::content(&mut tx, objects.as_ref(), &h, &id).await.gql()?;
        tx.commit().await?;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// Self-checks of an enterprise (enterprise users: their own).
    async fn hazard_self_checks(
        &self,
        ctx: &Context<'_>,
        enterprise_id: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<HazardSelfCheck>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let id = match (&a.enterprise, enterprise_id) {
            (Some((_, own)), _) => own.clone(),
            (None, Some(id)) => id,
            (None, None) => return Err(Error::field("enterpriseId", "请选择企业", "enterpriseId is required").into()),
        };
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = periodic::self_checks(&mut tx, &id, limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(list.into_iter().map(Into::into).collect(), offset, total))
    }

    /// An enterprise's periodic report for `period` (2026Q3 or 2026): figures
    /// from its records, and the filing if made.
    async fn hazard_periodic_report(
        &self,
        ctx: &Context<'_>,
        period: String,
        enterprise_id: Option<String>,
    ) -> Result<HazardPeriodicReport> {
        let r = req(ctx);
        let a = actor(r).await?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.read().await?;
        let (tenant, id) = match (&a.enterprise, enterprise_id) {
            (Some(own), _) => own.clone(),
            (None, Some(id)) => {
                let e = anjian_enterprise::store::get(&mut tx, &id)
                    .await?
                    .ok_or_else(|| Error::NotFound("enterprise".into()))?;
                (e.tenant_id, e.id)
            }
            (None, None) => return Err(Error::field("enterpriseId", "请选择企业", "enterpriseId is required").into()),
        };
        let rules = crate::rules(&mut tx, &tenant).await.gql()?;
        let filed = periodic::filed(&mut tx, &id, &p.code()).await.gql()?;
        let figures = match &filed {
            Some(f) => f.figures.clone(),
            None => periodic::figures(&mut tx, &tenant, &id, p).await.gql()?,
        };
        tx.commit().await?;
        Ok(HazardPeriodicReport {
            enterprise_id: id,
            period: p.code(),
            due: p.due(&rules),
            figures: Json(figures),
            filed: filed.is_some(),
            signed_by: filed.as_ref().map(|f| f.signed_by.clone()),
            submitted_by: filed.as_ref().map(|f| f.submitted_by.clone()),
            submitted_at: filed.as_ref().map(|f| dt(f.submitted_at)),
        })
    }

    /// Enterprises of a county that haven't filed `period`.
    async fn missing_hazard_reports(&self, ctx: &Context<'_>, county: String, period: String) -> Result<Vec<MissingReport>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.read().await?;
        let list = periodic::missing(&mut tx, &county, &p.code()).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|(id, name, uscc)| MissingReport { enterprise_id: id, name, uscc })
            .collect())
    }

    /// The status of a public report, by the token its reporter was given (no sign-in).
    async fn public_hazard_report(&self, ctx: &Context<'_>, token: String) -> Result<PublicReportStatus> {
        let r = req(ctx);
        let mut tx = r.platform.db.read(anjian_platform::db::Scope::All, None).await?;
        let p = public::by_token(&mut tx, &token).await.gql()?;
        let hazard_state = match &p.hazard_id {
            Some(id) => store::get(&mut tx, id).await.gql()?.map(|h| h.state.as_str().to_string()),
            None => None,
        };
        tx.commit().await?;
        Ok(PublicReportStatus {
            reference: p.id,
            status: p.status,
            reason: p.reason,
            hazard_state,
            created_at: dt(p.created_at),
            updated_at: dt(p.updated_at),
        })
    }

    /// Public reports of one's counties; the reporter's identity for inspectors only.
    async fn public_hazard_reports(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<PublicHazardReport>> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_READ))?;
        let identity = who.has_role(Role::Inspector);
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = public::list(&mut tx, status.as_deref(), limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(list.into_iter().map(|p| public_node(p, identity)).collect(), offset, total))
    }
}

/// Hazard mutations.
#[derive(Default)]
pub struct HazardMutation;

async fn step<F, Fut>(ctx: &Context<'_>, f: F) -> Result<HazardNode>
where
    F: FnOnce(Actor, Req) -> Fut,
    Fut: std::future::Future<Output = anjian_platform::Result<Hazard>>,
{
    let r = req(ctx);
    let a = actor(r).await?;
    Ok(f(a, r.clone()).await?.into())
}

macro_rules! step {
    ($ctx:expr, |$tx:ident, $audit:ident, $a:ident| $body:expr) => {
        step($ctx, |$a, r| async move {
            let mut $tx = r.write().await?;
            let $audit = r.audit();
            let h = { $body }.await.gql()?;
            r.commit($tx).await?;
            Ok(h)
        })
        .await
    };
}

fn step_input(comment: Option<String>, attachment_ids: Option<Vec<String>>) -> StepInput {
    StepInput {
        comment,
        attachments: attachment_ids.unwrap_or_default(),
    }
}

#[Object]
impl HazardMutation {
    /// Reports a hazard: enterprise users for their enterprise (自查), inspectors
    /// for an enterprise of their counties (监管检查). County triage rules run first.
    async fn report_hazard(&self, ctx: &Context<'_>, input: ReportHazardInput) -> Result<HazardNode> {
        step!(ctx, |tx, audit, a| service::report(&mut tx, &audit, &a, input.into(), None))
    }

    /// 一般: the enterprise reports the rectification done (→ awaiting-acceptance).
    async fn submit_hazard_rectification(&self, ctx: &Context<'_>, id: String, input: RectificationInput) -> Result<HazardNode> {
        let r = Rectification {
            step: step_input(input.comment, Some(input.attachment_ids)),
            responsible_person: input.responsible_person,
            measures: input.measures,
            funds_wan: input.funds_wan,
            contingency_plan: input.contingency_plan,
        };
        step!(ctx, |tx, audit, a| service::submit_rectification(&mut tx, &audit, &a, &id, r))
    }

    /// 一般: the inspector accepts the rectification (复查验收 → closed).
    async fn accept_hazard(&self, ctx: &Context<'_>, id: String, comment: Option<String>, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::accept(&mut tx, &audit, &a, &id, s))
    }

    /// 一般: the inspector returns the rectification with a reason (→ rectifying).
    async fn return_hazard(&self, ctx: &Context<'_>, id: String, reason: String, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(Some(reason), attachment_ids);
        step!(ctx, |tx, audit, a| service::return_rectification(&mut tx, &audit, &a, &id, s))
    }

    /// 重大: the inspector verifies the report (→ verified), or finds it 一般 (→ rectifying).
    async fn verify_hazard(&self, ctx: &Context<'_>, id: String, input: VerifyHazardInput) -> Result<HazardNode> {
        let s = step_input(input.comment, Some(input.attachment_ids));
        let report = input.major_report.map(Into::into);
        step!(ctx, |tx, audit, a| service::verify(&mut tx, &audit, &a, &id, input.major, report, input.deadline, s))
    }

    /// 重大: an admin lists it for supervision at their own level (挂牌督办 → listed).
    async fn list_hazard(&self, ctx: &Context<'_>, id: String, comment: Option<String>) -> Result<HazardNode> {
        let s = step_input(comment, None);
        step!(ctx, |tx, audit, a| service::list(&mut tx, &audit, &a, &id, s))
    }

    /// 重大: the enterprise files its governance plan (→ governing).
    async fn file_hazard_governance_plan(&self, ctx: &Context<'_>, id: String, plan: GovernancePlanNode, comment: Option<String>, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::file_plan(&mut tx, &audit, &a, &id, plan.into(), s))
    }

    /// 重大: progress under governance.
    async fn report_hazard_progress(&self, ctx: &Context<'_>, id: String, comment: String, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(Some(comment), attachment_ids);
        step!(ctx, |tx, audit, a| service::progress(&mut tx, &audit, &a, &id, s))
    }

    /// 重大: the enterprise submits the governance's evaluation (→ evaluated).
    async fn submit_hazard_evaluation(&self, ctx: &Context<'_>, id: String, comment: String, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(Some(comment), attachment_ids);
        step!(ctx, |tx, audit, a| service::evaluate(&mut tx, &audit, &a, &id, s))
    }

    /// 重大: the enterprise applies to close and resume production (→ close-applied).
    async fn apply_to_close_hazard(&self, ctx: &Context<'_>, id: String, comment: Option<String>, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::apply_to_close(&mut tx, &audit, &a, &id, s))
    }

    /// 重大: the inspector's on-site check (passed → site-checked; failed → governing).
    async fn record_hazard_site_check(&self, ctx: &Context<'_>, id: String, passed: bool, comment: Option<String>, attachment_ids: Option<Vec<String>>) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::site_check(&mut tx, &audit, &a, &id, passed, s))
    }

    /// 重大: an admin at the listing's level or above closes and delists it (→ closed).
    async fn close_hazard(&self, ctx: &Context<'_>, id: String, comment: Option<String>) -> Result<HazardNode> {
        let s = step_input(comment, None);
        step!(ctx, |tx, audit, a| service::close(&mut tx, &audit, &a, &id, s))
    }

    /// Uploads a photo or document of a hazard (multipart request, `file`).
    /// Its bytes must be of the type it claims (JPEG, PNG, WebP or PDF).
    async fn upload_hazard_attachment(&self, ctx: &Context<'_>, hazard_id: String, file: Upload) -> Result<HazardAttachment> {
        use std::io::Read;
        let r = req(ctx);
        let a = actor(r).await?;
        let value = file
            .value(ctx)
            .map_err(|_| Error::field("file", "没有收到文件", "no file was received"))?;
        let name = value.filename.clone();
        let content_type = value.content_type.clone().unwrap_or_default();
        let mut bytes = Vec::new();
        value
            .into_read()
            .take(crate::attachments::MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Error::field("file", "文件无法读取", "the file cannot be read"))?;
        let objects = anjian_platform::objects::open(&r.platform.config);
        let mut tx = r.write().await?;
        let h = service::visible(&mut tx, &a, &hazard_id).await.gql()?;
        if a.enterprise.is_none() && !a.inspector && a.supervisor.is_none() {
            return Err(Error::Forbidden("read-only users can't upload".into()).into());
        }
        let att = crate::attachments::add(&mut tx, objects.as_ref(), &h, &a.username, &name, &content_type, bytes)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(att.into())
    }

    /// Sets the hazard rules: the province's (no `county`; province admins) or
    /// a county's own (its admins).
    async fn set_hazard_rules(&self, ctx: &Context<'_>, county: Option<String>, input: HazardRules) -> Result<HazardRules> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_RULES))?;
        match &county {
            None if !who.has_role(Role::ProvinceAdmin) => {
                return Err(Error::Forbidden("only the province sets the province's rules".into()).into())
            }
            Some(c) if !who.scope.contains(c) => return Err(Error::Forbidden(format!("county {c} is not visible")).into()),
            _ => {}
        }
        let rules = Rules::try_from(input).gql()?;
        let mut tx = r.platform.db.write(anjian_platform::db::Scope::All, None).await?;
        crate::save_rules(&mut tx, county.as_deref(), &rules, &who.username).await.gql()?;
        let tenant = county.clone().unwrap_or_else(|| who.tenant.clone());
        anjian_platform::audit::record(&mut tx, &r.audit(), &tenant, "hazard.rules", "policy", &format!("hazard.rules{}", county.map(|c| format!(":{c}")).unwrap_or_default()), vec![
            anjian_platform::audit::Change::new("rules", None, Some(serde_json::to_value(&rules).map_err(Error::internal)?)),
        ])
        .await?;
        r.commit(tx).await?;
        Ok(rules.into())
    }

    /// Records a self-check of one's enterprise, including one that found nothing.
    async fn record_hazard_self_check(&self, ctx: &Context<'_>, checked_on: String, scope: String, note: Option<String>) -> Result<HazardSelfCheck> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let c = periodic::record_self_check(&mut tx, &r.audit(), &a, &checked_on, &scope, note).await.gql()?;
        r.commit(tx).await?;
        Ok(c.into())
    }

    /// Files one's enterprise's report for an ended period, signed by its principal.
    async fn submit_hazard_periodic_report(&self, ctx: &Context<'_>, period: String, signed_by: String) -> Result<HazardPeriodicReport> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let f = periodic::submit(&mut tx, &r.audit(), &a, &period, &signed_by).await.gql()?;
        let tenant = a.enterprise.as_ref().map(|(t, _)| t.clone()).unwrap_or_default();
        let rules = crate::rules(&mut tx, &tenant).await.gql()?;
        r.commit(tx).await?;
        let due = Period::parse(&f.period).map(|p| p.due(&rules)).unwrap_or_default();
        Ok(HazardPeriodicReport {
            enterprise_id: f.enterprise_id,
            period: f.period,
            due,
            figures: Json(f.figures),
            filed: true,
            signed_by: Some(f.signed_by),
            submitted_by: Some(f.submitted_by),
            submitted_at: Some(dt(f.submitted_at)),
        })
    }

    /// Tells a county's admins now which enterprises haven't filed `period`
    /// (the queue does it once a period falls due); returns how many.
    async fn remind_missing_hazard_reports(&self, ctx: &Context<'_>, county: String, period: String) -> Result<i64> {
        let r = req(ctx);
        require(r, PERM_SUPERVISE)?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.write().await?;
        tx.ensure_writable(&county)?;
        let n = periodic::remind(&mut tx, &county, &p.code()).await.gql()?;
        r.commit(tx).await?;
        Ok(n as i64)
    }

    /// Reports a hazard as a member of the public (no sign-in; a few an hour
    /// from one address). Keep the token to follow the report.
    async fn submit_public_hazard_report(&self, ctx: &Context<'_>, input: PublicReportInput) -> Result<PublicReportReceipt> {
        let r = req(ctx);
        let mut tx = r.platform.db.write(anjian_platform::db::Scope::All, None).await?;
        public::limit(&r.platform, &mut tx, &r.client_addr).await.gql()?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let counties: Vec<String> = dir
            .all()
            .into_iter()
            .filter(|t| t.level == anjian_platform::tenancy::Level::County && !t.retired)
            .map(|t| t.code.clone())
            .collect();
        let s = public::Submission {
            county: input.county,
            enterprise_name: input.enterprise_name,
            enterprise_uscc: input.enterprise_uscc,
            address: input.address,
            description: input.description,
            reporter_name: input.reporter_name,
            reporter_phone: input.reporter_phone,
        };
        let (p, token) = public::submit(&mut tx, &r.audit(), s, &counties).await.gql()?;
        r.commit(tx).await?;
        Ok(PublicReportReceipt { reference: p.id, token, county: p.tenant_id })
    }

    /// An inspector accepts a public report as a hazard of an enterprise of the county.
    async fn accept_public_hazard_report(&self, ctx: &Context<'_>, id: String, input: ReportHazardInput) -> Result<HazardNode> {
        inspector_role(req(ctx))?;
        step!(ctx, |tx, audit, a| public::accept(&mut tx, &audit, &a, &id, input.into()))
    }

    /// An inspector dismisses a public report, with a reason the reporter sees.
    async fn dismiss_public_hazard_report(&self, ctx: &Context<'_>, id: String, reason: String) -> Result<PublicHazardReport> {
        let r = req(ctx);
        inspector_role(r)?;
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let p = public::dismiss(&mut tx, &r.audit(), &a, &id, &reason).await.gql()?;
        r.commit(tx).await?;
        Ok(public_node(p, true))
    }
}
