//! Plugin points of the credit module. `credit.assess` (compute) runs when
//! an enterprise is graded, after the province's rules: a county rule may
//! move the grade within the province's `assessBound`. The wasm bridge
//! ([`crate::plugins`]) registers itself here at start, so grading calls it
//! without knowing the plugin host.

use anjian_platform::module::HookPoint;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The hook point's name.
pub const ASSESS: &str = "credit.assess";

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[HookPoint {
    name: ASSESS,
    kind: "compute",
    description: "an enterprise is graded: move its credit grade within the province's bound",
}];

/// The enterprise as the hook sees it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessed {
    pub enterprise_id: String,
    pub enterprise_uscc: String,
    /// The grade by the province's rules.
    pub grade: String,
    /// 1–3, 0 for none.
    pub standardization_grade: u8,
    /// Trigger codes of the events in the window.
    pub events: Vec<String>,
    pub broken_commitments: u32,
}

/// One county rule's move of the grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    /// `name version` of the rule.
    pub rule: String,
    pub steps: i64,
    pub reason: String,
}

/// What runs the county's `credit.assess` rules.
pub trait Assessor: Send + Sync {
    /// Whether the county has any rule bound.
    fn any(&self, tenant: &str) -> bool;
    /// The rules' moves, in order, their sum within `bound` grades either way;
    /// a failing rule moves nothing.
    fn assess(&self, tenant: &str, enterprise: &Assessed, bound: i64) -> Vec<Adjustment>;
}

static ASSESSOR: OnceLock<Arc<dyn Assessor>> = OnceLock::new();

/// Registers the assessor (once, at start).
pub fn register_assessor(a: Arc<dyn Assessor>) {
    let _ = ASSESSOR.set(a);
}

/// The registered assessor, if the county has a rule bound.
pub fn assessor_for(tenant: &str) -> Option<&'static Arc<dyn Assessor>> {
    ASSESSOR.get().filter(|a| a.any(tenant))
}
