//! Accident statistics: a month by division with drill-down, last year's
//! same month and the change, a closed month frozen as published with a
//! later correction shown as a revision, the monthly report table, rates
//! against the province's denominators, and an enterprise's record.

use crate::accident::{data, report, unit, FIELDS};
use crate::both;
use crate::helpers::*;
use chrono::{Datelike, Duration};
use serde_json::{json, Value};

const STATS: &str = "query($y: Int!, $m: Int, $by: AccidentDimension!, $d: String) { \
    accidentStatistics(year: $y, month: $m, by: $by, division: $d) { period division closed csv \
    rows { key label current { accidents deaths } lastYear { accidents deaths } published { accidents deaths } revised } \
    total { current { accidents deaths seriousInjuries } lastYear { accidents deaths } yoyAccidents yoyDeaths \
    published { accidents deaths } revised deathsPer100mGdp deathsPer100kWorkers } } }";

async fn stats(
    app: &TestApp,
    token: &str,
    y: i32,
    m: Option<u32>,
    by: &str,
    d: Option<&str>,
) -> Value {
    app.gql(
        Some(token),
        STATS,
        json!({"y": y, "m": m, "by": by, "d": d}),
    )
    .await
}

fn row<'a>(t: &'a Value, key: &str) -> &'a Value {
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}: {t}"))
}

async fn statistics(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let other = app.login("county-admin@330203").await;
    let province = app.login("province-admin@330000").await;
    let city = app.login("city-admin@330100").await;

    // The 15th of the month 40 days ago (Beijing): over, and past the
    // 7-day window of a fire; and the same day a year before.
    let base = (chrono::Utc::now() + Duration::hours(8) - Duration::days(40)).date_naive();
    let (y, m) = (base.year(), base.month());
    let at = |year: i32| format!("{year}-{m:02}-15 10:00");
    let mut a1 = unit(1, 0, 30.0);
    a1["accidentType"] = json!("08");
    a1["occurredAt"] = json!(at(y));
    let a1 = data(&report(app, &county, a1).await, "reportAccident").clone();
    let mut a2 = unit(2, 0, 30.0);
    a2["occurredAt"] = json!(at(y - 1));
    data(&report(app, &county, a2).await, "reportAccident");
    let mut a3 = unit(0, 1, 30.0);
    a3["occurredAt"] = json!(at(y));
    a3["divisionCode"] = json!("330203");
    data(&report(app, &other, a3).await, "reportAccident");

    // The province's month by city; last year's month and the change.
    let v = stats(app, &province, y, Some(m), "DIVISION", None).await;
    let t = data(&v, "accidentStatistics");
    assert_eq!(t["closed"], false);
    assert_eq!(
        row(t, "330100")["current"],
        json!({"accidents": 1, "deaths": 1})
    );
    assert_eq!(
        row(t, "330200")["current"],
        json!({"accidents": 1, "deaths": 0})
    );
    assert_eq!(
        row(t, "330100")["lastYear"],
        json!({"accidents": 1, "deaths": 2})
    );
    let total = &t["total"];
    assert_eq!(total["current"]["accidents"], 2);
    assert_eq!(total["yoyAccidents"], 100.0);
    assert_eq!(total["yoyDeaths"], -50.0);
    assert!(total["published"].is_null());
    assert!(t["csv"].as_str().unwrap().contains("合计"), "{t}");

    // Drill down: the city's counties; a county can't read the city.
    let v = stats(app, &city, y, Some(m), "DIVISION", Some("330100")).await;
    let t = data(&v, "accidentStatistics");
    assert_eq!(t["rows"].as_array().unwrap().len(), 1, "{t}");
    assert_eq!(row(t, "330106")["current"]["accidents"], 1);
    let v = stats(app, &county, y, Some(m), "DIVISION", Some("330100")).await;
    assert_eq!(code(&v), "NOT_FOUND", "{v}");
    let v = stats(app, &province, y, Some(m), "TYPE", None).await;
    assert_eq!(
        row(data(&v, "accidentStatistics"), "08")["current"]["accidents"],
        1
    );
    let v = stats(app, &province, y, Some(13), "TYPE", None).await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");

    // Closing: not the running month, not by a county; then frozen.
    let close = "mutation($y: Int!, $m: Int!) { closeAccidentMonth(year: $y, month: $m) }";
    let now = chrono::Utc::now() + Duration::hours(8);
    let v = app
        .gql(
            Some(&province),
            close,
            json!({"y": now.year(), "m": now.month()}),
        )
        .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");
    let v = app.gql(Some(&county), close, json!({"y": y, "m": m})).await;
    assert_eq!(code(&v), "FORBIDDEN", "{v}");
    let n = app
        .ok(Some(&province), close, json!({"y": y, "m": m}))
        .await;
    assert!(n["closeAccidentMonth"].as_i64().unwrap() >= 2, "{n}");
    let again = app
        .ok(Some(&province), close, json!({"y": y, "m": m}))
        .await;
    assert_eq!(again["closeAccidentMonth"], 0, "closed once");
    let v = stats(app, &province, y, Some(m), "DIVISION", None).await;
    let t = data(&v, "accidentStatistics");
    assert_eq!(t["closed"], true);
    assert_eq!(
        t["total"]["published"],
        json!({"accidents": 2, "deaths": 1})
    );
    assert_eq!(t["total"]["revised"], false);

    // A late correction (approved by the province) shows as a revision.
    let id = a1["id"].as_str().unwrap();
    let v = app
        .gql(
            Some(&county),
            &format!("mutation($id: String!, $i: AccidentFollowUpInput!) {{ followUpAccident(id: $id, input: $i) {{ {FIELDS} }} }}"),
            json!({"id": id, "i": {"deaths": 2, "seriousInjuries": 0, "directLossWan": 30.0, "note": "一名伤者死亡", "requestApproval": true}}),
        )
        .await;
    data(&v, "followUpAccident");
    let v = app
        .gql(
            Some(&province),
            "mutation($id: String!) { decideAccidentFollowUp(id: $id, seq: 1, approve: true) { deaths } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(data(&v, "decideAccidentFollowUp")["deaths"], 2);
    let v = stats(app, &province, y, Some(m), "DIVISION", None).await;
    let t = data(&v, "accidentStatistics");
    assert_eq!(t["total"]["current"]["deaths"], 2);
    assert_eq!(
        t["total"]["published"]["deaths"], 1,
        "the published figure stays"
    );
    assert_eq!(t["total"]["revised"], true);
    assert_eq!(row(t, "330100")["revised"], true);
    assert_eq!(row(t, "330200")["revised"], false);

    // The monthly report table: 建筑业 (E) holds both accidents.
    let v = app
        .ok(
            Some(&province),
            "query($y: Int!, $m: Int!) { accidentMonthlyReport(year: $y, month: $m) }",
            json!({"y": y, "m": m}),
        )
        .await;
    let csv = v["accidentMonthlyReport"].as_str().unwrap();
    assert!(csv.contains("生产安全事故统计月报表"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("E 建筑业,2,2,")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("合计,2,2,")), "{csv}");

    // Rates where the province gave the denominators.
    let den = "mutation($y: Int!, $e: [AccidentDenominatorInput!]!) { setAccidentDenominators(year: $y, entries: $e) }";
    let v = app
        .gql(
            Some(&province),
            den,
            json!({"y": y, "e": [{"division": "330000", "gdpYi": -1.0}]}),
        )
        .await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    app.ok(
        Some(&province),
        den,
        json!({"y": y, "e": [{"division": "330000", "gdpYi": 80000.0, "workers": 40000000}]}),
    )
    .await;
    let v = stats(app, &province, y, None, "DIVISION", None).await;
    let total = &data(&v, "accidentStatistics")["total"];
    let deaths = total["current"]["deaths"].as_f64().unwrap();
    assert_eq!(
        total["deathsPer100mGdp"].as_f64().unwrap(),
        (deaths / 80000.0 * 1e4).round() / 1e4
    );
    assert_eq!(
        total["deathsPer100kWorkers"].as_f64().unwrap(),
        (deaths / 400.0 * 1e4).round() / 1e4
    );

    // The trend: this month against the same month last year.
    let v = app
        .ok(
            Some(&province),
            "query($y: Int!) { accidentTrend(year: $y) { month current { accidents } lastYear { accidents } } }",
            json!({"y": y}),
        )
        .await;
    let p = &v["accidentTrend"][(m - 1) as usize];
    assert_eq!(p["current"]["accidents"], 2, "{v}");
    assert_eq!(p["lastYear"]["accidents"], 1, "{v}");

    // An enterprise's record (for the grade cap and credit).
    let (eid, ent) = crate::hazard::enterprise(app, 2701, "330106", "acc-rec-2701").await;
    let mut own = unit(3, 2, 10.0);
    own.as_object_mut().unwrap().remove("unitName");
    data(&report(app, &ent, own).await, "reportAccident");
    let v = app
        .ok(
            Some(&county),
            "query($e: String!) { accidentRecord(enterpriseId: $e) { accidents deaths seriousInjuries largerOrWorse } }",
            json!({"e": eid}),
        )
        .await;
    assert_eq!(
        v["accidentRecord"],
        json!({"accidents": 1, "deaths": 3, "seriousInjuries": 2, "largerOrWorse": 1})
    );
}

both!(accident_statistics, statistics);
