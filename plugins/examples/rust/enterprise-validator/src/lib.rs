//! County rule `enterprise.validate`: in the configured industries (config
//! key `industries`, comma-separated, default `WH` 危险化学品), an enterprise
//! must name its safety manager and give that person's phone number.

wit_bindgen::generate!({
    path: "../../../wit",
    world: "enterprise-validator",
});

use anjian::plugin::host::{self, LogLevel};
use anjian::plugin::types::{Decision, FieldMessage, Invocation};
use exports::anjian::plugin::enterprise_validate::{Enterprise, Guest};

struct Rule;

fn blank(v: &Option<String>) -> bool {
    v.as_deref().map_or(true, |s| s.trim().is_empty())
}

impl Guest for Rule {
    fn validate(_call: Invocation, e: Enterprise) -> Decision {
        let industries = host::config("industries").unwrap_or_else(|| "WH".into());
        if !industries.split(',').any(|c| c.trim() == e.industry) {
            host::log(LogLevel::Info, &format!("{}: industry {} not covered", e.uscc, e.industry));
            return Decision::Accept;
        }
        let (zh, en) = if e.industry == "WH" {
            ("危险化学品".to_string(), "hazardous-chemicals".to_string())
        } else {
            (format!("{} 行业", e.industry), format!("{}-industry", e.industry))
        };
        let mut problems = Vec::new();
        if blank(&e.safety_manager) {
            problems.push(FieldMessage {
                field: "safety_manager".into(),
                message_zh: format!("{zh}企业必须填写安全管理人员"),
                message_en: format!("a {en} enterprise must name its safety manager"),
            });
        }
        if blank(&e.safety_manager_phone) {
            problems.push(FieldMessage {
                field: "safety_manager_phone".into(),
                message_zh: format!("{zh}企业必须填写安全管理人员联系电话"),
                message_en: format!("a {en} enterprise must give its safety manager's phone number"),
            });
        }
        host::log(LogLevel::Info, &format!("{}: {} problem(s)", e.uscc, problems.len()));
        if problems.is_empty() {
            Decision::Accept
        } else {
            Decision::Reject(problems)
        }
    }
}

export!(Rule);
