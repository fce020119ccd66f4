//! The province dashboard's figures, served from a cache of the roll-up:
//! exact (equal to a recount), shared by concurrent callers, and current
//! after a change: at once on the instance that made it, and on another
//! instance through Redis.

use crate::both;
use crate::hazard::enterprise;
use crate::helpers::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const Q: &str = "query($g: HazardStatsGroup!, $r: Boolean!) { hazardStatistics(groupBy: $g, recount: $r) { total { found rectified overdue listed } rows { key found rectified overdue listed } } }";

async fn figures(app: &TestApp, token: &str, group: &str, recount: bool) -> Value {
    app.ok(Some(token), Q, json!({"g": group, "r": recount}))
        .await["hazardStatistics"]
        .clone()
}

async fn report(app: &TestApp, token: &str, i: u64) -> String {
    let r = app
        .ok(
            Some(token),
            "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id } }",
            json!({"i": {"category": "fire", "level": "general", "description": format!("灭火器失效{i}")}}),
        )
        .await;
    r["reportHazard"]["id"].as_str().unwrap().to_string()
}

async fn follows_changes(app: &TestApp) {
    let (_, ent) = enterprise(app, 71, "330106", "ent-dash").await;
    let province = app.login("province-admin@330000").await;
    report(app, &ent, 0).await;
    let before = figures(app, &province, "DIVISION", false).await;
    assert_eq!(before["total"]["found"], 1, "{before}");
    // Fifty at once: one answer, the recount's.
    let calls = (0..50).map(|_| figures(app, &province, "DIVISION", false));
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|a| *a == before), "{answers:?}");
    assert_eq!(before, figures(app, &province, "DIVISION", true).await);
    // A change is in the next read, every grouping.
    for g in ["DIVISION", "MONTH", "INDUSTRY", "LEVEL", "SOURCE"] {
        figures(app, &province, g, false).await;
    }
    report(app, &ent, 1).await;
    for g in ["DIVISION", "MONTH", "INDUSTRY", "LEVEL", "SOURCE"] {
        let now = figures(app, &province, g, false).await;
        assert_eq!(now["total"]["found"], 2, "{g}: {now}");
        assert_eq!(now, figures(app, &province, g, true).await, "{g}");
    }
    // Closed through the loop: rectified moves too.
    let inspector = app.login("inspector@330106").await;
    let id = report(app, &ent, 2).await;
    app.ok(Some(&ent), "mutation($id: String!) { submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"更换灭火器\"}) { id } }", json!({"id": id})).await;
    app.ok(
        Some(&inspector),
        "mutation($id: String!) { acceptHazard(id: $id) { id } }",
        json!({"id": id}),
    )
    .await;
    let now = figures(app, &province, "DIVISION", false).await;
    assert_eq!(now["total"]["found"], 3, "{now}");
    assert_eq!(now["total"]["rectified"], 1, "{now}");
    assert_eq!(now, figures(app, &province, "DIVISION", true).await);

    // Another instance (through Redis on PostgreSQL) sees the change within
    // seconds of its commit.
    if app.backend == Backend::Postgres {
        let other = spawn_sibling(app).await;
        let province2 = other.login("province-admin@330000").await;
        assert_eq!(figures(&other, &province2, "DIVISION", false).await, now);
        report(app, &ent, 3).await;
        let started = Instant::now();
        loop {
            let seen = figures(&other, &province2, "DIVISION", false).await;
            if seen["total"]["found"] == 4 {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(3),
                "the other instance still shows {seen}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
both!(dashboard_figures_follow_changes, follows_changes);
