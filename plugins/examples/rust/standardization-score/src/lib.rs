//! County rule `standardization.score`: a local deduction for weak hazard
//! governance.
//!
//! The county deducts `deduction` points (config, default 3) from an on-site
//! review's score when the enterprise earned less than `min-rate` percent
//! (config, default 60) of the applicable points of the element
//! `安全风险管控及隐患排查治理` (GB/T 33000-2016) or `隐患排查和治理`
//! (AQ/T 9006-2010). The province bounds what a county may change (by
//! default a deduction of at most 5 points in all); an answer outside the
//! bounds fails the invocation.
//!
//! Returns `some(adjustment)` with a reason for the timeline, else `none`.

wit_bindgen::generate!({
    path: "../../../wit",
    world: "standardization-scorer",
});

use anjian::plugin::host::{self, LogLevel};
use anjian::plugin::types::Invocation;
use exports::anjian::plugin::standardization_score::{Adjustment, Guest, ScoredReview};

/// Elements about hazard governance in the two standards.
const ELEMENTS: &[&str] = &["安全风险管控及隐患排查治理", "隐患排查和治理"];

struct Rule;

/// A number from config `key`, or `default` (a malformed value is logged).
fn number(key: &str, default: f64) -> f64 {
    match host::config(key) {
        None => default,
        Some(raw) => raw.trim().parse().unwrap_or_else(|_| {
            host::log(
                LogLevel::Warn,
                &format!("{key}={raw:?} is not a number; using {default}"),
            );
            default
        }),
    }
}

impl Guest for Rule {
    fn adjust(_call: Invocation, r: ScoredReview) -> Option<Adjustment> {
        let (points, earned) = r
            .items
            .iter()
            .filter(|i| !i.not_applicable && ELEMENTS.contains(&i.element.as_str()))
            .fold((0.0, 0.0), |(p, e), i| (p + i.points, e + i.earned));
        if points <= 0.0 {
            host::log(LogLevel::Info, "no applicable hazard governance items");
            return None;
        }
        let rate = earned / points * 100.0;
        let min_rate = number("min-rate", 60.0);
        host::log(
            LogLevel::Info,
            &format!(
                "{}: hazard governance {earned}/{points} = {rate:.1}% (minimum {min_rate}%)",
                r.enterprise_uscc
            ),
        );
        if rate >= min_rate {
            return None;
        }
        let deduction = number("deduction", 3.0).abs();
        Some(Adjustment {
            points: -deduction,
            reason: format!(
                "本县规则：隐患排查治理要素得分率 {rate:.1}% 低于 {min_rate}%，扣 {deduction} 分"
            ),
        })
    }
}

export!(Rule);
