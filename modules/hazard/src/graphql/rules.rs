//! The hazard rules as GraphQL input and output.

use super::*;

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
    /// Public reports accepted for one county per hour (null on input: 200).
    pub public_reports_per_county_per_hour: Option<i64>,
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
            public_reports_per_county_per_hour: Some(r.public_reports_per_county_per_hour as i64),
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
            public_reports_per_county_per_hour: r
                .public_reports_per_county_per_hour
                .map(|n| n.clamp(0, i64::MAX) as u64)
                .unwrap_or_else(|| Rules::default().public_reports_per_county_per_hour),
        })
    }
}
