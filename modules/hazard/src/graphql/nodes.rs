//! GraphQL types of hazards, their steps, attachments, self-checks,
//! periodic and public reports, and their inputs.

use super::*;

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
        let list = store::events(&mut tx, &self.tenant_code, &self.id)
            .await
            .gql()?;
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
        let h = store::get(&mut tx, &self.id)
            .await
            .gql()?
            .ok_or_else(|| Error::NotFound("hazard".into()))?;
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
            .map_err(|_| {
                Error::field(
                    field,
                    "时间格式无效（应为 RFC 3339）",
                    "invalid time (RFC 3339)",
                )
            })
    })
    .transpose()
}

pub(super) fn parse_filter(f: HazardFilter) -> anjian_platform::Result<store::Filter> {
    let fe = |e: anjian_platform::FieldError| Error::Validation(vec![e]);
    Ok(store::Filter {
        enterprise_id: f.enterprise_id,
        county: f.county,
        state: f
            .state
            .as_deref()
            .map(model::State::parse)
            .transpose()
            .map_err(fe)?,
        level: f
            .level
            .as_deref()
            .map(model::Level::parse)
            .transpose()
            .map_err(fe)?,
        source: f
            .source
            .as_deref()
            .map(model::Source::parse)
            .transpose()
            .map_err(fe)?,
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

pub(super) fn public_node(p: public::PublicReport, identity: bool) -> PublicHazardReport {
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
    /// The county (tenant code) of the enterprise.
    pub county: Option<String>,
    pub enterprise_name: String,
    pub enterprise_uscc: Option<String>,
    pub address: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
}
