//! The `standardization.score` plugin point: a county rule adjusts an
//! on-site review's score within the province's bounds, the adjustment is
//! kept on the timeline, and a rule out of bounds refuses the review with
//! nothing written. The example Rust rule runs through `anjian plugin test`
//! and on a real review.

use crate::both;
use crate::helpers::*;
use crate::plugins::{example, install_on};
use crate::standardization::{items, marks, ok, parties, review, under_review, REVIEWERS};
use serde_json::{json, Value};

/// `some({points: -3, reason: "checked"})`: the option's flag at 16, the
/// f64 at 24, the reason's pointer and length at 32 and 36.
const MINUS_THREE: &str = "i32.const 16 i32.const 1 i32.store8
    i32.const 24 f64.const -3 f64.store
    i32.const 32 i32.const 100 i32.store i32.const 36 i32.const 7 i32.store
    i32.const 16";

fn sample() -> Value {
    json!({"application_id": "A1", "enterprise_uscc": "91330106MA2H2L2K2G", "industry": "WH",
        "applied_grade": 3, "checklist": "WH@2024.1", "score": 80.0, "earned": 800.0,
        "applicable": 1000.0, "vetoes_failed": [], "deaths": 0, "serious_accidents": 0,
        "items": [{"code": "5.5.1", "element": "安全风险管控及隐患排查治理", "points": 10.0,
                   "earned": 4.0, "not_applicable": false, "veto": false}]})
}

/// The score the checklist gives `marks(items, share)`, one decimal.
fn checklist_score(items: &[(String, f64, bool)], share: f64) -> f64 {
    let full: f64 = items.iter().map(|i| i.1).sum();
    let earned: f64 = items
        .iter()
        .map(|(_, p, veto)| if *veto { *p } else { (p * share).floor() })
        .sum();
    (earned / full * 1000.0).round() / 10.0
}

async fn timeline_of(app: &TestApp, token: &str, id: &str) -> Value {
    let v = app
        .ok(
            Some(token),
            "query($id: String!) { standardizationApplication(id: $id) { state reviewScore timeline { action details } } }",
            json!({"id": id}),
        )
        .await;
    v["standardizationApplication"].clone()
}

async fn set_bounds(app: &TestApp, min: f64, max: f64) -> Value {
    let prov = app.login("province-admin@330000").await;
    let r = app
        .ok(Some(&prov), "{ standardizationRules }", json!({}))
        .await;
    let mut rules = r["standardizationRules"].clone();
    rules["scoreAdjustmentMin"] = json!(min);
    rules["scoreAdjustmentMax"] = json!(max);
    app.gql(
        Some(&prov),
        "mutation($r: JSON!) { setStandardizationRules(rules: $r) }",
        json!({"r": rules}),
    )
    .await
}

/// A fixture rule deducting 3 points: the dry run shows the adjustment, a
/// review's score is 3 lower with the rule named on the timeline; rules
/// with min > 0 are refused; with the province's bound at −2 the same rule
/// refuses the review (fail-closed) and the application stays under review.
async fn county_rule_adjusts_the_score(app: &TestApp) {
    let wasm = anjian_plugin_host::fixtures::component(MINUS_THREE, "", "standardization-scorer");
    let (_, t) = install_on(
        app,
        "local-deduction",
        wasm,
        "standardization.score",
        sample(),
    )
    .await;
    assert_eq!(
        t["testPlugin"]["output"],
        json!({"points": -3.0, "reason": "checked"}),
        "{t}"
    );

    let p = parties(app).await;
    let ent_token = app.login("county-admin@330106").await;
    let items = items(app, &ent_token).await;
    let expected = checklist_score(&items, 0.8);
    let reviewers: Value = serde_json::from_str(REVIEWERS).unwrap();
    let id = under_review(app, &p, 301, &items).await;
    let r = review(app, &p.reviewer, &id, reviewers.clone(), marks(&items, 0.8)).await;
    let got = ok(&r, "recordStandardizationReview")["reviewScore"]
        .as_f64()
        .unwrap();
    assert!(
        (got - (expected - 3.0)).abs() < 0.05,
        "{got} vs {expected} − 3"
    );
    let tl = timeline_of(app, &p.city, &id).await;
    let rec = tl["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "record_review")
        .unwrap_or_else(|| panic!("{tl}"))
        .clone();
    assert_eq!(
        rec["details"]["checklistScore"].as_f64().unwrap(),
        expected,
        "{rec}"
    );
    assert_eq!(rec["details"]["adjustments"][0]["points"], -3.0, "{rec}");
    assert_eq!(
        rec["details"]["adjustments"][0]["rule"], "local-deduction 1.0.0",
        "{rec}"
    );

    let bad = set_bounds(app, 1.0, 5.0).await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "{bad}");
    assert!(set_bounds(app, -2.0, 0.0).await["errors"].is_null());
    let id2 = under_review(app, &p, 302, &items).await;
    let refused = review(app, &p.reviewer, &id2, reviewers, marks(&items, 0.8)).await;
    assert_eq!(code(&refused), "VALIDATION_FAILED", "{refused}");
    assert!(
        refused.to_string().contains("local-deduction"),
        "names the rule: {refused}"
    );
    let after = timeline_of(app, &p.city, &id2).await;
    assert!(
        after["reviewScore"].is_null(),
        "nothing half-written: {after}"
    );
    assert_eq!(after["state"], "under-review", "{after}");
}
both!(
    standardization_county_rule_adjusts_the_score,
    county_rule_adjusts_the_score
);

/// The example Rust rule (plugins/examples/rust/standardization-score):
/// `anjian plugin test` runs it on the template's sample (hazard governance
/// at 50%: 3 points off, with the reason), and with `--set deduction=8` the
/// answer is outside the province's default bounds, an invalid result.
/// Through the server, it deducts on a review whose hazard governance items
/// earn nothing.
async fn example_rule(app: &TestApp) {
    let wasm = example("standardization-score-rust.wasm").expect("the example is built");
    let dir = std::env::temp_dir().join(format!("anjian-score-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rule.wasm");
    std::fs::write(&file, &wasm).unwrap();
    let input = dir.join("input.json");
    std::fs::write(&input, sample().to_string()).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "plugin",
            "test",
            file.to_str().unwrap(),
            "--hook",
            "standardization.score",
        ];
        args.extend(["--input", input.to_str().unwrap()]);
        args.extend(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_anjian"))
            .args(&args)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("\"points\": -3.0"), "{text}");
    assert!(text.contains("低于 60%"), "{text}");
    let out = run(&["--set", "deduction=8"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("failed (result)"), "{text}");
    let _ = std::fs::remove_dir_all(dir);

    install_on(
        app,
        "hazard-governance",
        wasm,
        "standardization.score",
        sample(),
    )
    .await;
    let p = parties(app).await;
    let admin = app.login("county-admin@330106").await;
    let items = items(app, &admin).await;
    let checklists = app
        .ok(
            Some(&admin),
            "{ standardizationChecklists { industry inForce items } }",
            json!({}),
        )
        .await;
    let governance: Vec<String> = checklists["standardizationChecklists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["industry"] == "WH" && c["inForce"] == true)
        .unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["element"] == "安全风险管控及隐患排查治理" && i["veto"] != true)
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    assert!(!governance.is_empty());
    let mut m = marks(&items, 1.0);
    for mark in m.as_array_mut().unwrap() {
        if governance.iter().any(|c| mark["code"] == c.as_str()) {
            mark["score"] = json!(0);
        }
    }
    let id = under_review(app, &p, 311, &items).await;
    let reviewers: Value = serde_json::from_str(REVIEWERS).unwrap();
    ok(
        &review(app, &p.reviewer, &id, reviewers, m).await,
        "recordStandardizationReview",
    );
    let tl = timeline_of(app, &p.city, &id).await;
    let rec = tl["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "record_review")
        .unwrap()
        .clone();
    let adj = &rec["details"]["adjustments"][0];
    assert_eq!(adj["points"], -3.0, "{rec}");
    assert!(
        adj["reason"].as_str().unwrap().contains("隐患排查治理"),
        "{rec}"
    );
    let before = rec["details"]["checklistScore"].as_f64().unwrap();
    assert!(
        (tl["reviewScore"].as_f64().unwrap() - (before - 3.0)).abs() < 0.05,
        "{tl}"
    );
}
both!(standardization_example_rule, example_rule, examples);
