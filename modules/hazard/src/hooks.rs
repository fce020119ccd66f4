//! Plugin points of the hazard module. `hazard.triage` runs when a hazard is
//! reported, before it is stored: a county rule may raise the level, set the
//! rectification deadline or assign an inspector. Rules come from sources
//! (the plugin bridge, [`crate::plugins`], is one), run in order, each seeing
//! the report as the previous one amended it.

use anjian_platform::module::HookPoint;
use anjian_platform::FieldError;
use serde_json::Value;
use std::sync::{Arc, RwLock};

/// The hook point's name.
pub const TRIAGE: &str = "hazard.triage";

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[HookPoint {
    name: TRIAGE,
    kind: "before",
    description:
        "county triage of a reported hazard: raise the level, set the deadline, assign an inspector",
}];

/// A reported hazard as triage rules see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub enterprise_uscc: String,
    /// Grades (1 highest .. 4) of the enterprise's major hazard sources.
    pub enterprise_hazard_grades: Vec<u8>,
    /// `self-check`, `inspection` or `public-report`.
    pub source: String,
    pub category: String,
    /// `general` or `major`.
    pub level: String,
    pub description: String,
    pub location: Option<String>,
    pub found_at_ms: i64,
    /// As given (YYYY-MM-DD or RFC 3339), if given.
    pub deadline: Option<String>,
    /// Username of the assigned inspector, if any.
    pub inspector: Option<String>,
}

/// What a rule decides.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Accept,
    /// The report is refused, with field-level messages.
    Reject(Vec<FieldError>),
    /// Fields set: `level`, `deadline` or `inspector` (text values).
    Amend(Vec<(String, Value)>),
}

/// A county triage rule.
pub trait Triager: Send + Sync {
    /// A short name for messages, e.g. the plugin's name and version.
    fn name(&self) -> String;
    /// Decides about `report` in the county `tenant`.
    fn triage(&self, tenant: &str, report: &Report) -> Verdict;
}

/// Where a county's triage rules come from.
pub trait Source: Send + Sync {
    /// The rules for `tenant`, in the order they run.
    fn triagers(&self, tenant: &str) -> Vec<Arc<dyn Triager>>;
}

static SOURCES: RwLock<Vec<Arc<dyn Source>>> = RwLock::new(Vec::new());

/// Adds a source of per-county rules (the plugin bridge registers here).
pub fn register_source(s: Arc<dyn Source>) {
    if let Ok(mut list) = SOURCES.write() {
        list.push(s);
    }
}

/// The triage rules of a county, in order.
pub fn triagers(tenant: &str) -> Vec<Arc<dyn Triager>> {
    let sources = match SOURCES.read() {
        Ok(l) => l.clone(),
        Err(_) => return vec![],
    };
    sources.iter().flat_map(|s| s.triagers(tenant)).collect()
}

/// Runs the county's rules on `report` in order and applies their
/// amendments. A rule may raise the level but not lower it; an amendment of
/// any other field, or of the wrong type, refuses the report naming the rule.
pub fn triage(tenant: &str, mut report: Report) -> Result<Report, Vec<FieldError>> {
    for rule in triagers(tenant) {
        match rule.triage(tenant, &report) {
            Verdict::Accept => {}
            Verdict::Reject(errs) => return Err(errs),
            Verdict::Amend(list) => {
                for (field, value) in list {
                    apply(&rule.name(), &mut report, &field, &value)?;
                }
            }
        }
    }
    Ok(report)
}

fn apply(rule: &str, r: &mut Report, field: &str, value: &Value) -> Result<(), Vec<FieldError>> {
    let bad = |why_zh: &str, why_en: &str| {
        vec![FieldError::new(
            field,
            &format!("县级规则 {rule} 的修改无效：{why_zh}"),
            &format!("the county rule {rule} made an invalid change: {why_en}"),
        )]
    };
    let text = value.as_str().map(str::trim);
    match (field, text) {
        ("level", Some("major")) => r.level = "major".into(),
        ("level", Some("general")) if r.level == "general" => {}
        ("level", _) => return Err(bad("只能提高隐患等级", "it may only raise the level")),
        ("deadline", Some(d)) if !d.is_empty() => r.deadline = Some(d.to_string()),
        ("inspector", Some(u)) if !u.is_empty() => r.inspector = Some(u.to_string()),
        ("deadline" | "inspector", _) => {
            return Err(bad("应为非空文本", "it must be non-empty text"))
        }
        _ => {
            return Err(bad(
                "只能修改 level、deadline、inspector",
                "only level, deadline and inspector may be changed",
            ))
        }
    }
    Ok(())
}
