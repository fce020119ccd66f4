//! Accident reports' input: every line of the grade table on both sides
//! and the province's own thresholds; bad input refused with nothing
//! written; other counties and enterprises see nothing of a report.

use crate::accident::{act, ago, data, has_finding, report, set_rules, unit};
use crate::both;
use crate::helpers::*;
use serde_json::json;

/// Every line of the grade table, one step below and on it.
async fn grade_boundaries(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let cases: &[(i64, i64, i64, f64, &str)] = &[
        (2, 0, 0, 0.0, "general"),
        (3, 0, 0, 0.0, "larger"),
        (9, 0, 0, 0.0, "larger"),
        (10, 0, 0, 0.0, "major"),
        (29, 0, 0, 0.0, "major"),
        (30, 0, 0, 0.0, "especially_serious"),
        (0, 0, 9, 0.0, "general"),
        (0, 0, 10, 0.0, "larger"),
        (0, 0, 49, 0.0, "larger"),
        (0, 0, 50, 0.0, "major"),
        (0, 0, 99, 0.0, "major"),
        (0, 0, 100, 0.0, "especially_serious"),
        (0, 0, 0, 999.99, "general"),
        (0, 0, 0, 1000.0, "larger"),
        (0, 0, 0, 4999.99, "larger"),
        (0, 0, 0, 5000.0, "major"),
        (0, 0, 0, 9999.99, "major"),
        (0, 0, 0, 10000.0, "especially_serious"),
        // Missing persons count as deaths until resolved.
        (2, 1, 0, 0.0, "larger"),
        (9, 1, 0, 0.0, "major"),
    ];
    for (deaths, missing, serious, loss, want) in cases {
        let mut input = unit(*deaths, *serious, *loss);
        input["missing"] = json!(missing);
        let a = data(&report(app, &county, input).await, "reportAccident").clone();
        assert_eq!(
            a["grade"], *want,
            "{deaths} dead, {missing} missing, {serious} serious, {loss} 万元: {a}"
        );
    }
    // The province's own thresholds: 较大 from 2 deaths.
    let mut rules = app
        .ok(
            Some(&app.login("province-admin@330000").await),
            "{ accidentRules }",
            json!({}),
        )
        .await["accidentRules"]
        .clone();
    rules["thresholds"][2]["deaths"] = json!(2);
    let v = set_rules(app, json!({"thresholds": rules["thresholds"]})).await;
    assert!(v["errors"].is_null(), "{v}");
    let a = data(
        &report(app, &county, unit(2, 0, 0.0)).await,
        "reportAccident",
    )
    .clone();
    assert_eq!(a["grade"], "larger");
    // Thresholds out of order are refused.
    rules["thresholds"][1]["deaths"] = json!(40);
    let v = set_rules(app, json!({"thresholds": rules["thresholds"]})).await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
}

/// Bad input: a clear error and nothing written.
async fn bad_input(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let mut neg = unit(-1, 0, 0.0);
    neg["minorInjuries"] = json!(-3);
    neg["directLossWan"] = json!(-1.0);
    let v = report(app, &county, neg).await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    let fields: Vec<&str> = v["errors"][0]["extensions"]["details"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["field"].as_str()).collect())
        .unwrap_or_default();
    for f in ["deaths", "minorInjuries", "directLossWan"] {
        assert!(fields.contains(&f), "{f} missing from {v}");
    }
    let mut future = unit(0, 0, 1.0);
    future["occurredAt"] = json!(ago(-3));
    let v = report(app, &county, future).await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    assert!(v.to_string().contains("occurredAt"), "{v}");
    let mut bad = unit(0, 0, 1.0);
    bad["accidentType"] = json!("21");
    bad["industry"] = json!("Z99");
    bad["reporterPhone"] = json!("call me");
    bad["divisionCode"] = json!("330203");
    let v = report(app, &county, bad).await;
    for f in ["accidentType", "industry", "reporterPhone", "divisionCode"] {
        assert!(v.to_string().contains(f), "{f} not named: {v}");
    }
    // An enterprise of another county.
    let (other, _) = crate::hazard::enterprise(app, 2601, "330203", "acc-ent-2601").await;
    let mut input = unit(0, 0, 1.0);
    input["enterpriseId"] = json!(other);
    let v = report(app, &county, input).await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    assert!(v.to_string().contains("enterpriseId"), "{v}");
    let n = app
        .ok(Some(&county), "{ accidents { totalCount } }", json!({}))
        .await;
    assert_eq!(n["accidents"]["totalCount"], 0, "nothing written: {n}");

    // A city does not make flash reports; its own enterprise reports itself.
    let city = app.login("city-admin@330100").await;
    assert_eq!(
        code(&report(app, &city, unit(0, 0, 1.0)).await),
        "FORBIDDEN"
    );
    let (_, ent) = crate::hazard::enterprise(app, 2602, "330106", "acc-ent-2602").await;
    let mut own = unit(1, 0, 1.0);
    own.as_object_mut().unwrap().remove("unitName");
    let a = data(&report(app, &ent, own).await, "reportAccident").clone();
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(a["tenantCode"], "330106");

    // Tampered IDs: another county and another enterprise see nothing.
    let other_county = app.login("county-admin@330203").await;
    let v = app
        .gql(
            Some(&other_county),
            "query($id: String!) { accident(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&v), "NOT_FOUND", "{v}");
    let v = act(app, &other_county, "passAccidentUp", &id, "", json!({})).await;
    assert_eq!(code(&v), "NOT_FOUND", "{v}");
    let (_, other_ent) = crate::hazard::enterprise(app, 2603, "330106", "acc-ent-2603").await;
    let v = app
        .gql(
            Some(&other_ent),
            "query($id: String!) { accident(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&v), "NOT_FOUND", "{v}");
    let list = app
        .ok(Some(&other_ent), "{ accidents { totalCount } }", json!({}))
        .await;
    assert_eq!(list["accidents"]["totalCount"], 0, "{list}");
    // Findings are recorded by departments, not enterprises.
    let v = act(
        app,
        &ent,
        "recordAccidentFinding",
        &id,
        ", kind: $kind, detail: $detail",
        json!({"kind": "CONCEALED", "detail": "x"}),
    )
    .await;
    assert_eq!(code(&v), "FORBIDDEN", "{v}");
    let v = act(
        app,
        &county,
        "recordAccidentFinding",
        &id,
        ", kind: $kind, detail: $detail",
        json!({"kind": "CONCEALED", "detail": "少报一人死亡"}),
    )
    .await;
    assert!(
        has_finding(data(&v, "recordAccidentFinding"), "concealed"),
        "{v}"
    );
}

both!(accident_grade_boundaries, grade_boundaries);
both!(accident_bad_input, bad_input);
