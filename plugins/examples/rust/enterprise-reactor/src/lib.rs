//! County rule `enterprise.registered` (an after-hook): when an enterprise
//! with a grade 1 or 2 major hazard source (重大危险源), or one of the
//! configured risk flags, is newly registered in the county, tell the
//! county's inspectors at once and remind the county admin to have it
//! verified on site within `verify_days` days.
//!
//! Configuration: `risk_flags` (comma-separated, default
//! `dust-explosion,ammonia-refrigeration`), `verify_days` (default 30).

wit_bindgen::generate!({
    path: "../../../wit",
    world: "enterprise-reactor",
});

use anjian::plugin::effects;
use anjian::plugin::host::{self, LogLevel};
use anjian::plugin::types::Invocation;
use exports::anjian::plugin::enterprise_registered::{Guest, NewEnterprise};

struct Rule;

const DAY_MS: i64 = 86_400_000;

impl Guest for Rule {
    fn registered(call: Invocation, e: NewEnterprise) -> Result<(), String> {
        let watched = host::config("risk_flags")
            .unwrap_or_else(|| "dust-explosion,ammonia-refrigeration".into());
        let flagged: Vec<&str> = e
            .risk_flags
            .iter()
            .map(String::as_str)
            .filter(|f| watched.split(',').any(|w| w.trim() == *f))
            .collect();
        let grade = e.major_hazard_grades.iter().copied().min().filter(|g| *g <= 2);
        if grade.is_none() && flagged.is_empty() {
            host::log(LogLevel::Debug, &format!("{}: nothing to follow up", e.uscc));
            return Ok(());
        }
        let days: i64 = match host::config("verify_days") {
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| format!("config verify_days is not a number: {v}"))?,
            None => 30,
        };
        let mut why = Vec::new();
        if let Some(g) = grade {
            why.push(format!("{g}级重大危险源"));
        }
        if !flagged.is_empty() {
            why.push(format!("风险标识 {}", flagged.join("、")));
        }
        let why = why.join("，");
        effects::notify(
            "inspector",
            &format!("新登记重点企业：{}", e.name),
            &format!("{}（{}，{}）有{why}，请纳入监管。", e.name, e.uscc, e.production_address),
        );
        effects::remind(
            call.now_ms + days * DAY_MS,
            "county-admin",
            &format!("现场核查到期：{}", e.name),
            &format!("{}（{}）登记已满 {days} 日，请确认已完成现场核查。", e.name, e.uscc),
        );
        host::log(LogLevel::Info, &format!("{}: follow-up scheduled ({why})", e.uscc));
        Ok(())
    }
}

export!(Rule);
