//! The types of accident reporting's GraphQL.

use super::dt;
use crate::error::Platform as _;
use crate::model::{level_rank, Rules};
use crate::service;
use crate::stats::{self, change, Figs};
use crate::store::{self, Accident, Clock, Finding, FollowUp};
use anjian_platform::api::context::req;
use anjian_platform::time::now_ms;
use async_graphql::{Context, Enum, Json, Object, Result, SimpleObject};
use serde_json::Value;

/// An accident report (生产安全事故).
pub struct AccidentNode(pub(crate) Accident);

/// A step of an accident's timeline.
#[derive(SimpleObject)]
pub struct AccidentEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub details: Json<Value>,
}

/// A watched time limit (时限).
#[derive(SimpleObject)]
pub struct AccidentClock {
    pub accident_id: String,
    pub tenant_code: String,
    /// relay_city, relay_province, followup_window, investigation, approval.
    pub kind: String,
    pub kind_name: String,
    pub started_at: String,
    pub due_at: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    /// Past its time (done late, or still open and overdue).
    pub late: bool,
    /// Done by the system when the time ran out.
    pub automatic: bool,
    /// Seconds until due (negative when past), for open clocks.
    pub seconds_left: Option<i64>,
}

impl AccidentClock {
    pub(crate) fn of(c: Clock, now: i64) -> AccidentClock {
        AccidentClock {
            accident_id: c.accident_id,
            tenant_code: c.tenant_id,
            kind: c.kind.as_str().into(),
            kind_name: c.kind.zh().into(),
            started_at: dt(c.started_at),
            due_at: dt(c.due_at),
            done_at: c.done_at.map(dt),
            done_by: c.done_by,
            late: c.late || (c.done_at.is_none() && now > c.due_at),
            automatic: c.auto,
            seconds_left: c.done_at.is_none().then(|| (c.due_at - now) / 1000),
        }
    }
}

/// A follow-up report (续报/补报).
#[derive(SimpleObject)]
pub struct AccidentFollowUp {
    pub seq: i64,
    pub at: String,
    pub by: String,
    pub before: Json<crate::model::Figures>,
    pub after: Json<crate::model::Figures>,
    pub note: String,
    /// After the window (补报, needs the province's approval).
    pub late: bool,
    /// applied, pending or rejected.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

impl From<FollowUp> for AccidentFollowUp {
    fn from(f: FollowUp) -> Self {
        AccidentFollowUp {
            seq: f.seq,
            at: dt(f.at),
            by: f.by,
            before: Json(f.before),
            after: Json(f.after),
            note: f.note,
            late: f.late,
            status: f.status,
            decided_by: f.decided_by,
            decided_at: f.decided_at.map(dt),
        }
    }
}

/// A finding (迟报, 瞒报, 谎报, 责任认定 …).
#[derive(SimpleObject)]
pub struct AccidentFinding {
    pub seq: i64,
    pub kind: String,
    pub kind_name: String,
    pub subject: String,
    pub detail: String,
    pub at: String,
    pub by: String,
}

impl From<Finding> for AccidentFinding {
    fn from(f: Finding) -> Self {
        AccidentFinding {
            seq: f.seq,
            kind: f.kind.as_str().into(),
            kind_name: f.kind.zh().into(),
            subject: f.subject,
            detail: f.detail,
            at: dt(f.at),
            by: f.by,
        }
    }
}

async fn rules(ctx: &Context<'_>) -> Result<Rules> {
    let r = req(ctx);
    let mut tx = r.read().await?;
    let rules = service::rules(&mut tx).await.gql()?;
    tx.commit().await?;
    Ok(rules)
}

#[Object]
impl AccidentNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    /// The county where it happened.
    async fn tenant_code(&self) -> &str {
        &self.0.tenant_id
    }
    async fn enterprise_id(&self) -> Option<&str> {
        self.0.enterprise_id.as_deref()
    }
    async fn unit_name(&self) -> &str {
        &self.0.unit_name
    }
    async fn unit_uscc(&self) -> Option<&str> {
        self.0.unit_uscc.as_deref()
    }
    async fn unit_address(&self) -> Option<&str> {
        self.0.unit_address.as_deref()
    }
    async fn division_code(&self) -> &str {
        &self.0.division_code
    }
    async fn occurred_at(&self) -> String {
        dt(self.0.occurred_at)
    }
    async fn place(&self) -> &str {
        &self.0.place
    }
    /// GB 6441-86 code, e.g. `09`.
    async fn accident_type(&self) -> &str {
        self.0.accident_type.as_str()
    }
    async fn accident_type_name(&self) -> &str {
        self.0.accident_type.zh()
    }
    async fn road_traffic(&self) -> bool {
        self.0.road_traffic
    }
    /// GB/T 4754 code, e.g. `C2614`.
    async fn industry(&self) -> &str {
        &self.0.industry
    }
    async fn industry_section(&self) -> &str {
        &self.0.industry_section
    }
    async fn industry_section_name(&self) -> &str {
        crate::model::section_zh(&self.0.industry_section)
    }
    /// large, medium, small, micro or unknown.
    async fn size(&self) -> &str {
        &self.0.size
    }
    async fn deaths(&self) -> i64 {
        self.0.figures.deaths
    }
    async fn missing(&self) -> i64 {
        self.0.figures.missing
    }
    async fn serious_injuries(&self) -> i64 {
        self.0.figures.serious_injuries
    }
    async fn minor_injuries(&self) -> i64 {
        self.0.figures.minor_injuries
    }
    async fn direct_loss_wan(&self) -> f64 {
        self.0.figures.direct_loss_wan
    }
    /// especially_serious, major, larger or general.
    async fn grade(&self) -> &str {
        self.0.grade.as_str()
    }
    async fn grade_name(&self) -> &str {
        self.0.grade.zh()
    }
    /// reported, report_submitted, approved or closed.
    async fn state(&self) -> &str {
        self.0.state.as_str()
    }
    async fn state_name(&self) -> &str {
        self.0.state.zh()
    }
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    async fn cause(&self) -> Option<&str> {
        self.0.cause.as_deref()
    }
    async fn measures(&self) -> Option<&str> {
        self.0.measures.as_deref()
    }
    async fn reporter(&self) -> &str {
        &self.0.reporter
    }
    async fn reporter_phone(&self) -> &str {
        &self.0.reporter_phone
    }
    /// When the unit reported to the county.
    async fn unit_reported_at(&self) -> String {
        dt(self.0.unit_reported_at)
    }
    async fn reported_at(&self) -> String {
        dt(self.0.reported_at)
    }
    /// county, city or province: how far up the report has come.
    async fn reached_level(&self) -> &str {
        &self.0.reached_level
    }
    /// The level its grade must reach (city or province).
    async fn report_to(&self, ctx: &Context<'_>) -> Result<&'static str> {
        Ok(rules(ctx).await?.report_to(self.0.grade).as_str())
    }
    /// Whether it must still go further up.
    async fn must_pass_up(&self, ctx: &Context<'_>) -> Result<bool> {
        let target = rules(ctx).await?.report_to(self.0.grade);
        Ok(level_rank(service::reached(&self.0)) < level_rank(target))
    }
    /// The level that investigates it (county, city or province).
    async fn investigated_by(&self, ctx: &Context<'_>) -> Result<&'static str> {
        Ok(rules(ctx).await?.investigated_by(self.0.grade).as_str())
    }
    /// Acknowledgements by level (签收).
    async fn acknowledgements(&self) -> Json<Vec<store::Ack>> {
        Json(self.0.acks.clone())
    }
    async fn investigation(&self) -> Option<Json<store::Investigation>> {
        self.0.investigation.clone().map(Json)
    }
    async fn extended(&self) -> bool {
        self.0.extended
    }
    async fn rectification(&self) -> Option<&str> {
        self.0.rectification.as_deref()
    }
    async fn version(&self) -> i64 {
        self.0.version
    }
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    /// The timeline, oldest first.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<AccidentEvent>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::events(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|e| AccidentEvent {
                seq: e.seq,
                at: dt(e.at),
                actor: e.actor,
                action: e.action,
                details: Json(e.details),
            })
            .collect())
    }
    /// Its clocks, soonest due first.
    async fn clocks(&self, ctx: &Context<'_>) -> Result<Vec<AccidentClock>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::clocks(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.commit().await?;
        let now = now_ms();
        Ok(list
            .into_iter()
            .map(|c| AccidentClock::of(c, now))
            .collect())
    }
    async fn follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<AccidentFollowUp>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::follow_ups(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(Into::into).collect())
    }
    async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<AccidentFinding>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::findings(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(Into::into).collect())
    }
}

/// What statistics rows are grouped by.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AccidentDimension {
    /// The next level down (city, county, township).
    Division,
    Industry,
    Type,
    Grade,
    Size,
}

impl From<AccidentDimension> for stats::Dimension {
    fn from(d: AccidentDimension) -> Self {
        match d {
            AccidentDimension::Division => stats::Dimension::Division,
            AccidentDimension::Industry => stats::Dimension::Industry,
            AccidentDimension::Type => stats::Dimension::Type,
            AccidentDimension::Grade => stats::Dimension::Grade,
            AccidentDimension::Size => stats::Dimension::Size,
        }
    }
}

/// Counts and sums.
#[derive(SimpleObject, Clone, Copy)]
pub struct AccidentFigures {
    pub accidents: i64,
    pub deaths: i64,
    pub serious_injuries: i64,
    pub minor_injuries: i64,
    pub loss_wan: f64,
}

impl From<Figs> for AccidentFigures {
    fn from(f: Figs) -> Self {
        AccidentFigures {
            accidents: f.accidents,
            deaths: f.deaths,
            serious_injuries: f.serious_injuries,
            minor_injuries: f.minor_injuries,
            loss_wan: (f.loss_wan * 100.0).round() / 100.0,
        }
    }
}

/// One row of the statistics.
#[derive(SimpleObject)]
pub struct AccidentStatRow {
    pub key: String,
    pub label: String,
    /// Live figures.
    pub current: AccidentFigures,
    pub last_year: AccidentFigures,
    pub previous: AccidentFigures,
    /// Change from last year's same period, percent (none from 0).
    pub yoy_accidents: Option<f64>,
    pub yoy_deaths: Option<f64>,
    /// Change from the period before, percent.
    pub mom_accidents: Option<f64>,
    pub mom_deaths: Option<f64>,
    /// The published (frozen) figures when every month is closed.
    pub published: Option<AccidentFigures>,
    /// The live figures differ from the published ones (a revision).
    pub revised: bool,
    /// Deaths per 亿元 of GDP, where the province gave it.
    #[graphql(name = "deathsPer100mGdp")]
    pub deaths_per_100m_gdp: Option<f64>,
    /// Deaths per 100,000 workers, where the province gave it.
    #[graphql(name = "deathsPer100kWorkers")]
    pub deaths_per_100k_workers: Option<f64>,
}

impl AccidentStatRow {
    pub(crate) fn of(r: &stats::Row, d: Option<&stats::Denominator>) -> AccidentStatRow {
        let (gdp, workers) = stats::rates(d, r.current.deaths);
        AccidentStatRow {
            key: r.key.clone(),
            label: r.label.clone(),
            current: r.current.into(),
            last_year: r.last_year.into(),
            previous: r.previous.into(),
            yoy_accidents: change(r.current.accidents, r.last_year.accidents),
            yoy_deaths: change(r.current.deaths, r.last_year.deaths),
            mom_accidents: change(r.current.accidents, r.previous.accidents),
            mom_deaths: change(r.current.deaths, r.previous.deaths),
            published: r.published.map(Into::into),
            revised: r.published.is_some_and(|p| {
                p.accidents != r.current.accidents
                    || p.deaths != r.current.deaths
                    || p.serious_injuries != r.current.serious_injuries
                    || p.minor_injuries != r.current.minor_injuries
                    || (p.loss_wan - r.current.loss_wan).abs() > 0.005
            }),
            deaths_per_100m_gdp: gdp.map(|v| (v * 10_000.0).round() / 10_000.0),
            deaths_per_100k_workers: workers.map(|v| (v * 10_000.0).round() / 10_000.0),
        }
    }
}

/// A statistics table.
#[derive(SimpleObject)]
pub struct AccidentStatistics {
    /// e.g. `2026`, `2026Q2`, `2026-05`.
    pub period: String,
    pub division: String,
    pub division_name: String,
    pub rows: Vec<AccidentStatRow>,
    pub total: AccidentStatRow,
    /// Every month of the period is closed: the published figures apply.
    pub closed: bool,
    /// The table as CSV (UTF-8 with a byte-order mark).
    pub csv: String,
}

/// One month of the trend chart.
#[derive(SimpleObject)]
pub struct AccidentTrendPoint {
    pub month: i64,
    pub current: AccidentFigures,
    pub last_year: AccidentFigures,
}

/// An enterprise's record of accidents (for the grade cap and credit).
#[derive(SimpleObject)]
pub struct AccidentRecord {
    pub enterprise_id: String,
    pub since: String,
    pub accidents: i64,
    pub deaths: i64,
    pub serious_injuries: i64,
    /// 较大 or worse.
    pub larger_or_worse: i64,
    pub loss_wan: f64,
}

/// A code and its Chinese name.
#[derive(SimpleObject)]
pub struct AccidentCode {
    pub code: String,
    pub name: String,
}
