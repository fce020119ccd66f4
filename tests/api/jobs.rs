//! The job queue: a scheduled reminder runs when due and lands in the inbox;
//! admins see jobs and their state.

use crate::both;
use crate::helpers::*;
use serde_json::json;
use std::time::Duration;

pub async fn wait_for_notifications(app: &TestApp, token: &str, n: i64) -> serde_json::Value {
    for _ in 0..100 {
        let d = app
            .ok(
                Some(token),
                "{ notifications { totalCount edges { node { id kind title body readAt } } } }",
                json!({}),
            )
            .await;
        if d["notifications"]["totalCount"].as_i64().unwrap() >= n {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no notification arrived");
}

async fn reminders(app: &TestApp) {
    let t = app.login("inspector@330106").await;
    let at = chrono_now_plus(1);
    let d = app
        .ok(Some(&t), "mutation($at: DateTime!) { scheduleReminder(input: {at: $at, title: \"整改期限\", body: \"明天到期\"}) { id status } }", json!({"at": at}))
        .await;
    assert_eq!(d["scheduleReminder"]["status"], "queued");
    let inbox = wait_for_notifications(app, &t, 1).await;
    let n = &inbox["notifications"]["edges"][0]["node"];
    assert_eq!(
        (n["kind"].as_str(), n["title"].as_str()),
        (Some("reminder"), Some("整改期限"))
    );
    let id = n["id"].as_str().unwrap();
    let read = app
        .ok(
            Some(&t),
            "mutation($id: String!) { markNotificationRead(input: {id: $id}) { readAt } }",
            json!({"id": id}),
        )
        .await;
    assert!(read["markNotificationRead"]["readAt"].is_string());
    let unread = app
        .ok(
            Some(&t),
            "{ notifications(unreadOnly: true) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(unread["notifications"]["totalCount"], 0);
    let admin = app.login("county-admin@330106").await;
    let jobs = app
        .ok(
            Some(&admin),
            "{ jobs(first: 50) { totalCount edges { node { kind status attempts } } } }",
            json!({}),
        )
        .await;
    let reminder = jobs["jobs"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["kind"] == "core.reminder")
        .expect("reminder job");
    assert_eq!(reminder["node"]["status"], "done");
    assert_eq!(reminder["node"]["attempts"], 1);
    let other = app.login("county-admin@330203").await;
    let theirs = app
        .ok(
            Some(&other),
            "{ jobs { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    assert!(
        !theirs.to_string().contains("core.reminder"),
        "jobs are tenant-scoped"
    );
    let past = app.gql(Some(&t), "mutation { scheduleReminder(input: {at: \"2020-01-01T00:00:00Z\", title: \"x\"}) { id } }", json!({})).await;
    assert_eq!(past["errors"][0]["extensions"]["details"][0]["field"], "at");
}
both!(scheduled_reminders_run_once, reminders);

/// RFC 3339 time `secs` from now.
pub fn chrono_now_plus(secs: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(secs)).to_rfc3339()
}
