//! The inputs of accident reporting's mutations.

use crate::service::{NewAccident, NewFollowUp};
use async_graphql::{Enum, InputObject};

/// A flash report (快报). An enterprise user reports for their own
/// enterprise; a county official gives `enterpriseId` or, for a unit not in
/// the register, its name and division.
#[derive(InputObject)]
pub struct ReportAccidentInput {
    pub enterprise_id: Option<String>,
    pub unit_name: Option<String>,
    pub unit_uscc: Option<String>,
    pub unit_address: Option<String>,
    /// The county's or a township's division code (defaults to the county).
    pub division_code: Option<String>,
    /// large, medium, small or micro, for a unit not in the register.
    pub size: Option<String>,
    /// `YYYY-MM-DD HH:MM` (Beijing time) or RFC 3339.
    pub occurred_at: String,
    /// When the unit reported to the county, if not now.
    pub unit_reported_at: Option<String>,
    pub place: String,
    /// GB 6441-86 code, `01`..`20`.
    pub accident_type: String,
    /// A road traffic accident (shorter follow-up window).
    #[graphql(default)]
    pub road_traffic: bool,
    /// GB/T 4754 code; defaults to the register's.
    pub industry: Option<String>,
    pub deaths: i64,
    #[graphql(default)]
    pub missing: i64,
    pub serious_injuries: i64,
    #[graphql(default)]
    pub minor_injuries: i64,
    /// 直接经济损失, 万元.
    pub direct_loss_wan: f64,
    pub summary: String,
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub reporter: String,
    pub reporter_phone: String,
}

impl From<ReportAccidentInput> for NewAccident {
    fn from(i: ReportAccidentInput) -> Self {
        NewAccident {
            enterprise_id: i.enterprise_id,
            unit_name: i.unit_name,
            unit_uscc: i.unit_uscc,
            unit_address: i.unit_address,
            division_code: i.division_code,
            size: i.size,
            occurred_at: i.occurred_at,
            unit_reported_at: i.unit_reported_at,
            place: i.place,
            accident_type: i.accident_type,
            road_traffic: i.road_traffic,
            industry: i.industry,
            figures: (
                i.deaths,
                i.missing,
                i.serious_injuries,
                i.minor_injuries,
                i.direct_loss_wan,
            ),
            summary: i.summary,
            cause: i.cause,
            measures: i.measures,
            reporter: i.reporter,
            reporter_phone: i.reporter_phone,
        }
    }
}

/// A follow-up (续报/补报): the figures as they stand now.
#[derive(InputObject)]
pub struct AccidentFollowUpInput {
    pub deaths: i64,
    #[graphql(default)]
    pub missing: i64,
    pub serious_injuries: i64,
    #[graphql(default)]
    pub minor_injuries: i64,
    pub direct_loss_wan: f64,
    pub note: String,
    /// After the window: ask the province to approve the change.
    #[graphql(default)]
    pub request_approval: bool,
}

impl From<AccidentFollowUpInput> for NewFollowUp {
    fn from(i: AccidentFollowUpInput) -> Self {
        NewFollowUp {
            figures: (
                i.deaths,
                i.missing,
                i.serious_injuries,
                i.minor_injuries,
                i.direct_loss_wan,
            ),
            note: i.note,
            request_approval: i.request_approval,
        }
    }
}

/// A responsibility finding of the investigation (责任认定).
#[derive(InputObject)]
pub struct ResponsibilityInput {
    pub party: String,
    pub uscc: Option<String>,
    pub finding: String,
    pub handling: String,
}

/// The investigation report (事故调查报告).
#[derive(InputObject)]
pub struct InvestigationReportInput {
    pub summary: String,
    pub cause: String,
    pub measures: String,
    #[graphql(default)]
    pub responsibilities: Vec<ResponsibilityInput>,
}

/// A finding a department records.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AccidentFindingKind {
    /// 迟报
    LateReport,
    /// 瞒报
    Concealed,
    /// 谎报
    FalseReport,
}

/// One division's denominators for a year.
#[derive(InputObject)]
pub struct AccidentDenominatorInput {
    pub division: String,
    /// GDP, 亿元.
    pub gdp_yi: Option<f64>,
    pub workers: Option<i64>,
}
