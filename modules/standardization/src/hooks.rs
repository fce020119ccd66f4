//! Plugin points of the standardization module. `standardization.score`
//! (compute) runs when an on-site review is recorded, after the checklist is
//! scored and before the grade is decided: a county rule may adjust the
//! recommended score, e.g. a local deduction, within the bounds the province
//! sets in its rules (`scoreAdjustmentMin`..`scoreAdjustmentMax`, in all).

use crate::checklist::{Checklist, Mark, Scored};
use crate::store::Application;
use anjian_platform::module::HookPoint;
use anjian_platform::FieldError;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, RwLock};

/// The hook point's name.
pub const SCORE: &str = "standardization.score";

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[HookPoint {
    name: SCORE,
    kind: "compute",
    description: "county adjustment of an on-site review's score (a local deduction), within the province's bounds",
}];

/// One checklist item as the reviewers marked it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemMark {
    pub code: String,
    pub element: String,
    pub points: f64,
    pub earned: f64,
    pub not_applicable: bool,
    pub veto: bool,
}

/// A scored review as county rules see it (and as invocation records keep
/// it, in snake case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredReview {
    pub application_id: String,
    pub enterprise_uscc: String,
    pub industry: String,
    /// 1 (一级) to 3 (三级).
    pub applied_grade: u8,
    /// `code@version` of the checklist.
    pub checklist: String,
    /// The checklist's score before any rule.
    pub score: f64,
    pub earned: f64,
    pub applicable: f64,
    pub vetoes_failed: Vec<String>,
    pub deaths: u32,
    pub serious_accidents: u32,
    pub items: Vec<ItemMark>,
}

/// A change one rule made, kept with the review and on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    /// The rule, as `name version`.
    pub rule: String,
    /// Points added (negative: a deduction).
    pub points: f64,
    pub reason: String,
}

/// The province's bounds on the sum of a county's adjustments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
}

impl Bounds {
    /// Whether a total adjustment of `total` points is allowed.
    pub fn allow(&self, total: f64) -> bool {
        total >= self.min - 1e-9 && total <= self.max + 1e-9
    }
}

/// Where a county's score rules come from (the plugin bridge registers here).
pub trait Scorer: Send + Sync {
    /// Runs the county's rules in order on `review`, whose score is now
    /// `current`; returns the adjustments made (each within `bounds` in
    /// total), or field errors refusing the review.
    fn adjust(
        &self,
        tenant: &str,
        review: &ScoredReview,
        current: f64,
        bounds: Bounds,
    ) -> Result<Vec<Adjustment>, Vec<FieldError>>;
}

static SCORERS: RwLock<Vec<Arc<dyn Scorer>>> = RwLock::new(Vec::new());

/// Adds a source of score rules.
pub fn register_scorer(s: Arc<dyn Scorer>) {
    if let Ok(mut list) = SCORERS.write() {
        list.push(s);
    }
}

/// The score after the county's rules and the adjustments they made; the
/// score stays within 0..=100, one decimal.
pub fn adjust(
    tenant: &str,
    review: &ScoredReview,
    bounds: Bounds,
) -> Result<(f64, Vec<Adjustment>), Vec<FieldError>> {
    let scorers: Vec<Arc<dyn Scorer>> = SCORERS.read().map(|l| l.clone()).unwrap_or_default();
    let mut all = Vec::new();
    let mut current = review.score;
    for s in scorers {
        let made = s.adjust(tenant, review, current, bounds)?;
        for a in made {
            current += a.points;
            all.push(a);
        }
    }
    Ok((round1(current.clamp(0.0, 100.0)), all))
}

/// Rounds to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The review as rules see it: the application, the checklist's score and
/// every item's mark.
pub fn scored_review(a: &Application, c: &Checklist, marks: &[Mark], s: &Scored) -> ScoredReview {
    let items = c
        .items
        .iter()
        .filter_map(|it| {
            let m = marks.iter().find(|m| m.code == it.code)?;
            let earned = match (m.not_applicable, m.score, m.deduction) {
                (true, _, _) => 0.0,
                (false, Some(x), _) => x,
                (false, None, Some(d)) => (it.points - d).max(0.0),
                (false, None, None) => it.points,
            };
            Some(ItemMark {
                code: it.code.clone(),
                element: it.element.clone(),
                points: it.points,
                earned,
                not_applicable: m.not_applicable,
                veto: it.veto,
            })
        })
        .collect();
    ScoredReview {
        application_id: a.id.clone(),
        enterprise_uscc: a.enterprise_uscc.clone(),
        industry: a.industry.clone(),
        applied_grade: a.applied_grade.number(),
        checklist: format!("{}@{}", c.industry, c.version),
        score: s.score,
        earned: s.earned,
        applicable: s.applicable,
        vetoes_failed: s.vetoes_failed.clone(),
        deaths: a.record.deaths,
        serious_accidents: a.record.serious_accidents,
        items,
    }
}
