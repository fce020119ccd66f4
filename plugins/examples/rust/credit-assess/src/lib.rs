//! County rule `credit.assess`: closer watch on repeat offenders, and a
//! reward for a clean record.
//!
//! - 重点监管: an enterprise with `repeat-events` (config, default 3) or more
//!   credit events in the province's window moves one grade towards D.
//! - 守信激励: an enterprise whose standardization grade is `reward-grade`
//!   (config, default 2: 一级 or 二级) or better, with no credit event in the
//!   window and no broken commitment, moves one grade towards A, unless it is
//!   A already.
//!
//! The province bounds the move (`assessBound`, by default one grade either
//! way over all the county's rules); an answer past it fails the invocation
//! and the grade stays as the province's rules gave it.
//!
//! Returns `some(adjustment)` with the reason shown among the grade's
//! reasons, else `none`.

wit_bindgen::generate!({
    path: "../../../wit",
    world: "credit-assessor",
});

use anjian::plugin::host::{self, LogLevel};
use anjian::plugin::types::Invocation;
use exports::anjian::plugin::credit_assess::{Adjustment, Assessed, Guest};

struct Rule;

/// A whole number from config `key`, or `default` (a malformed value is logged).
fn number(key: &str, default: u32) -> u32 {
    match host::config(key) {
        None => default,
        Some(raw) => raw.trim().parse().unwrap_or_else(|_| {
            host::log(
                LogLevel::Warn,
                &format!("{key}={raw:?} is not a whole number; using {default}"),
            );
            default
        }),
    }
}

impl Guest for Rule {
    fn assess(_call: Invocation, e: Assessed) -> Option<Adjustment> {
        let events = e.events.len() as u32;
        let repeat = number("repeat-events", 3).max(1);
        host::log(
            LogLevel::Info,
            &format!(
                "{}: grade {} (now {}), {events} events, standardization {}, {} broken commitments",
                e.enterprise_uscc,
                e.grade,
                e.current,
                e.standardization_grade,
                e.broken_commitments
            ),
        );
        if events >= repeat {
            return Some(Adjustment {
                steps: 1,
                reason: format!(
                    "本县规则：近期失信行为 {events} 次（{repeat} 次及以上），列为重点监管，降一级"
                ),
            });
        }
        let reward = number("reward-grade", 2);
        let clean = events == 0 && e.broken_commitments == 0;
        let certified =
            e.standardization_grade >= 1 && u32::from(e.standardization_grade) <= reward;
        if clean && certified && e.current != "A" {
            return Some(Adjustment {
                steps: -1,
                reason: format!(
                    "本县规则：安全生产标准化{}级且无失信记录，守信激励，升一级",
                    ["", "一", "二", "三"][usize::from(e.standardization_grade.min(3))]
                ),
            });
        }
        None
    }
}

export!(Rule);
