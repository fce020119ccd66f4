//! Standardization deadlines as data: working days (工作日) for the form
//! check, a passed form check deadline flagged overdue with the county told,
//! and the whole review's limit from acceptance (rectification excluded).

use crate::both;
use crate::helpers::*;
use crate::standardization::{apply, items, marks, ok, parties, self_assess, step};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn set_rules(app: &TestApp, change: Value) -> Value {
    let p = app.login("province-admin@330000").await;
    let r = app
        .ok(Some(&p), "{ standardizationRules }", json!({}))
        .await;
    let mut rules = r["standardizationRules"].clone();
    for (k, v) in change.as_object().unwrap() {
        rules[k] = v.clone();
    }
    app.gql(
        Some(&p),
        "mutation($r: JSON!) { setStandardizationRules(rules: $r) }",
        json!({"r": rules}),
    )
    .await
}

/// A self-assessed application of a new 330106 enterprise.
async fn assessed(app: &TestApp, seed: u64, items: &[(String, f64, bool)]) -> String {
    let (_, ent) = crate::hazard::enterprise(app, seed, "330106", &format!("dl-{seed}")).await;
    let id = ok(&apply(app, &ent, "3").await, "applyForStandardization")["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &self_assess(app, &ent, &id, marks(items, 0.8)).await,
        "selfAssessStandardization",
    );
    id
}

/// Calendar days from today (UTC+8) to the `n`th weekday after it.
fn calendar_days_for_working_days(n: u32) -> i64 {
    use chrono::{Datelike, Weekday};
    let mut d = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let (mut left, mut steps) = (n, 0);
    while left > 0 {
        d += chrono::Duration::days(1);
        steps += 1;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    steps
}

fn due_in_days(v: &Value) -> f64 {
    let due = chrono::DateTime::parse_from_rfc3339(v["dueAt"].as_str().unwrap()).unwrap();
    (due.timestamp_millis() - chrono::Utc::now().timestamp_millis()) as f64 / 86_400_000.0
}

async fn wait_action(app: &TestApp, token: &str, id: &str, action: &str) -> Value {
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let v = app
            .ok(
                Some(token),
                "query($id: String!) { standardizationApplication(id: $id) { overdue timeline { action details } } }",
                json!({"id": id}),
            )
            .await;
        let a = v["standardizationApplication"].clone();
        if a["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == action)
        {
            // The row and the timeline are read one after the other: a job
            // committing in between shows its event with the row before
            // it. Read once more, after the commit, so both agree.
            let v = app
                .ok(
                    Some(token),
                    "query($id: String!) { standardizationApplication(id: $id) { overdue timeline { action details } } }",
                    json!({"id": id}),
                )
                .await;
            return v["standardizationApplication"].clone();
        }
        assert!(Instant::now() < until, "no {action} on the timeline: {a}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn deadlines(app: &TestApp) {
    let p = parties(app).await;
    let admin = app.login("county-admin@330106").await;
    let items = items(app, &admin).await;

    // Malformed holiday dates are refused, field by field.
    let bad = set_rules(app, json!({"holidays": ["2026-13-01"]})).await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "{bad}");
    assert!(bad.to_string().contains("holidays"), "{bad}");

    // Five working days span a weekend: six or seven calendar days from
    // today in Beijing, counted here by weekday; five calendar days when
    // the province counts calendar days.
    assert!(
        set_rules(app, json!({"formCheckDays": 5, "workingDays": true})).await["errors"].is_null()
    );
    let id = assessed(app, 501, &items).await;
    let c = ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    )
    .clone();
    let days = due_in_days(&c);
    let expected = calendar_days_for_working_days(5) as f64;
    assert!(
        (expected - 0.1..expected + 0.1).contains(&days),
        "{days} days, not {expected}: {c}"
    );
    assert!(set_rules(app, json!({"workingDays": false})).await["errors"].is_null());
    let id = assessed(app, 502, &items).await;
    let c = ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    )
    .clone();
    let days = due_in_days(&c);
    assert!((4.9..5.1).contains(&days), "{days} days: {c}");

    // A form check due at once: flagged overdue, the county told.
    assert!(
        set_rules(app, json!({"formCheckDays": 0, "wholeReviewDays": 0})).await["errors"].is_null()
    );
    let id = assessed(app, 503, &items).await;
    ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    );
    let a = wait_action(app, &p.city, &id, "overdue").await;
    assert_eq!(a["overdue"], true, "{a}");
    let inbox = app
        .ok(
            Some(&admin),
            "{ notifications(first: 50) { edges { node { kind title } } } }",
            json!({}),
        )
        .await;
    assert!(inbox.to_string().contains("标准化评审超期"), "{inbox}");

    // The whole review's limit (0 days) passes right after acceptance.
    ok(
        &step(app, &p.city, &id, "ACCEPT", None).await,
        "standardizationStep",
    );
    let a = wait_action(app, &p.city, &id, "whole_review_overdue").await;
    let flagged = a["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "whole_review_overdue")
        .count();
    assert_eq!(flagged, 1, "{a}");
    let inbox = app
        .ok(
            Some(&admin),
            "{ notifications(first: 50) { edges { node { kind title } } } }",
            json!({}),
        )
        .await;
    assert!(
        inbox.to_string().contains("标准化评审总时限已过"),
        "{inbox}"
    );
}
both!(standardization_deadlines, deadlines);
