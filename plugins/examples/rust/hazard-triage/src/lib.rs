//! County rule `hazard.triage`: escalate fire/explosion hazards, set deadlines.
//!
//! 1. A hazard at an enterprise with a grade 1 or 2 major hazard source that
//!    is about fire or explosion (category `fire`/`explosion`, or 火/爆 in
//!    the description) is raised to level `major` (重大).
//! 2. When the report has no rectification deadline, one is set: the
//!    invocation time (`call.now_ms`; plugins have no clock) plus
//!    `deadline-days-general` (default 30) or `deadline-days-major`
//!    (default 90) days, as YYYY-MM-DD (UTC).
//!
//! Returns `amend` with the changed fields (`level`, `deadline`), else `accept`.

wit_bindgen::generate!({
    path: "../../../wit",
    world: "hazard-triager",
});

use anjian::plugin::host::{self, LogLevel};
use anjian::plugin::types::{Amendment, Decision, Invocation, Value};
use exports::anjian::plugin::hazard_triage::{Guest, Hazard};

struct Rule;

/// Days to rectify a hazard of `level`, from config `deadline-days-<level>`.
fn deadline_days(level: &str) -> i64 {
    let (key, default) = if level == "major" {
        ("deadline-days-major", 90)
    } else {
        ("deadline-days-general", 30)
    };
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

fn is_fire_or_explosion(h: &Hazard) -> bool {
    matches!(h.category.as_str(), "fire" | "explosion")
        || h.description.contains('火')
        || h.description.contains('爆')
}

/// YYYY-MM-DD of a day count since 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl Guest for Rule {
    fn triage(call: Invocation, h: Hazard) -> Decision {
        let mut amendments = Vec::new();
        let mut level = h.level.clone();
        let high_grade = h.enterprise_hazard_grades.iter().any(|g| *g == 1 || *g == 2);
        if level != "major" && high_grade && is_fire_or_explosion(&h) {
            level = "major".into();
            amendments.push(Amendment {
                field: "level".into(),
                value: Value::Text(level.clone()),
            });
        }
        if h.deadline.as_deref().is_none_or(|d| d.trim().is_empty()) {
            let today = call.now_ms.div_euclid(86_400_000);
            let deadline = civil(today + deadline_days(&level));
            amendments.push(Amendment {
                field: "deadline".into(),
                value: Value::Text(deadline),
            });
        }
        host::log(
            LogLevel::Info,
            &format!(
                "{}: hazard {} level {} -> {level}, grades {:?}, {} change(s)",
                h.enterprise_uscc,
                h.category,
                h.level,
                h.enterprise_hazard_grades,
                amendments.len()
            ),
        );
        if amendments.is_empty() {
            Decision::Accept
        } else {
            Decision::Amend(amendments)
        }
    }
}

export!(Rule);
