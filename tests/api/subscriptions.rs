//! Subscriptions over WebSocket (graphql-transport-ws), on one instance and
//! across two instances sharing PostgreSQL and Redis; a job runs once across both.

use crate::helpers::*;
use crate::jobs::{chrono_now_plus, wait_for_notifications};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(app: &TestApp, token: Option<&str>) -> Ws {
    let mut req = format!("{}/graphql/ws", app.base.replace("http://", "ws://"))
        .into_client_request()
        .unwrap();
    req.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("ws connect");
    let payload = match token {
        Some(t) => json!({"Authorization": format!("Bearer {t}")}),
        None => json!({}),
    };
    ws.send(Message::text(
        json!({"type": "connection_init", "payload": payload}).to_string(),
    ))
    .await
    .unwrap();
    ws
}

pub(crate) async fn next_json(ws: &mut Ws) -> Option<Value> {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .ok()??
        {
            Ok(Message::Text(t)) => {
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] == "ping" || v["type"] == "ka" {
                    continue;
                }
                return Some(v);
            }
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => continue,
        }
    }
}

pub(crate) async fn subscribe(app: &TestApp, token: &str) -> Ws {
    let mut ws = connect(app, Some(token)).await;
    assert_eq!(
        next_json(&mut ws).await.expect("ack")["type"],
        "connection_ack"
    );
    ws.send(Message::text(json!({"id": "1", "type": "subscribe", "payload": {"query": "subscription { notificationAdded { title body kind } }"}}).to_string()))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    ws
}

pub(crate) async fn send(app: &TestApp, to: &str, title: &str) {
    let admin = app.login("county-admin@330106").await;
    let id = app.user_id(to).await;
    app.ok(Some(&admin), "mutation($id: String!, $t: String!) { sendNotification(input: {userId: $id, title: $t, body: \"请查收\"}) { id } }", json!({"id": id, "t": title})).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_reach_a_subscription() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("inspector@330106").await;
    let mut ws = subscribe(&app, &t).await;
    send(&app, "examinee@330106", "不是给你的").await;
    send(&app, "inspector@330106", "检查通知").await;
    let msg = next_json(&mut ws).await.expect("a message");
    assert_eq!(msg["type"], "next", "{msg}");
    assert_eq!(
        msg["payload"]["data"]["notificationAdded"]["title"], "检查通知",
        "only the caller's own notifications"
    );
    // graphql-transport-ws: a refused connection_init closes the socket with
    // a code and the reason, not silence.
    let mut anon = connect(&app, None).await;
    let (close, reason) = close_frame(&mut anon).await;
    assert_eq!(close, 1002, "unauthenticated socket closed: {reason}");
    assert!(reason.contains("UNAUTHENTICATED"), "{reason}");
    let mut forged = connect(&app, Some("aj_forged")).await;
    let (close, reason) = close_frame(&mut forged).await;
    assert_eq!((close, reason.as_str()), (1002, "UNAUTHENTICATED"));
}

/// The close frame a socket ends with (code, reason): whatever else it
/// sends first is skipped; an end without one is a failure.
async fn close_frame(ws: &mut Ws) -> (u16, String) {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), ws.next()).await {
            Ok(Some(Ok(Message::Close(Some(f))))) => return (f.code.into(), f.reason.to_string()),
            Ok(Some(Ok(Message::Close(None)))) => panic!("closed without a code"),
            Ok(Some(Ok(_))) => continue,
            other => panic!("no close frame: {other:?}"),
        }
    }
}

/// A subscription ends (`complete`) when its user is disabled, and when the
/// user loses a role it was opened with.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_end_with_the_users_rights() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let admin = app.login("county-admin@330106").await;
    let sec = app.login("security-admin@330106").await;
    for (user, change) in [
        ("inspector@330106", "disable"),
        ("examinee@330106", "revoke"),
    ] {
        let t = app.login(user).await;
        let mut ws = subscribe(&app, &t).await;
        let id = app.user_id(user).await;
        match change {
            "disable" => app.ok(Some(&admin), "mutation($id: String!) { setUserDisabled(input: {userId: $id, disabled: true}) { id } }", json!({"id": id})).await,
            _ => app.ok(Some(&sec), "mutation($id: String!) { revokeRole(input: {userId: $id, role: \"examinee\"}) { id } }", json!({"id": id})).await,
        };
        let msg = next_json(&mut ws)
            .await
            .expect("the server ends the subscription");
        assert_eq!(
            (msg["type"].as_str(), msg["id"].as_str()),
            (Some("complete"), Some("1")),
            "{change}: {msg}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_redis)),
    ignore = "needs PostgreSQL and Redis: set ANJIAN_TEST_DATABASE_URL and ANJIAN_TEST_REDIS_URL"
)]
async fn two_instances_share_notifications_and_jobs() {
    let Some(a) = spawn_with(
        Backend::Postgres,
        Opts {
            redis: true,
            ..Opts::default()
        },
    )
    .await
    else {
        return;
    };
    if redis_url().is_none() {
        eprintln!("SKIPPED: two-instance test needs ANJIAN_TEST_REDIS_URL");
        return;
    }
    let b = spawn_sibling(&a).await;
    let t = b.login("inspector@330106").await;
    let mut ws = subscribe(&b, &t).await;
    send(&a, "inspector@330106", "跨实例通知").await;
    let msg = next_json(&mut ws)
        .await
        .expect("message relayed through Redis");
    assert_eq!(
        msg["payload"]["data"]["notificationAdded"]["title"],
        "跨实例通知"
    );

    // A reminder due in a second, with both instances polling: exactly one delivery.
    let t2 = a.login("examinee@330106").await;
    for _ in 0..5 {
        a.ok(Some(&t2), "mutation($at: DateTime!) { scheduleReminder(input: {at: $at, title: \"提醒\"}) { id } }", json!({"at": chrono_now_plus(1)})).await;
    }
    wait_for_notifications(&a, &t2, 5).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let d = b
        .ok(Some(&t2), "{ notifications { totalCount } }", json!({}))
        .await;
    assert_eq!(
        d["notifications"]["totalCount"], 5,
        "each job ran exactly once"
    );
    let admin = a.login("county-admin@330106").await;
    let jobs = a
        .ok(
            Some(&admin),
            "{ jobs(first: 100) { edges { node { kind status attempts } } } }",
            json!({}),
        )
        .await;
    for e in jobs["jobs"]["edges"].as_array().unwrap() {
        if e["node"]["kind"] == "core.reminder" {
            assert_eq!(
                (e["node"]["status"].as_str(), e["node"]["attempts"].as_i64()),
                (Some("done"), Some(1)),
                "{e}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_carries_subscriptions_only_and_ends_with_the_session() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("inspector@330106").await;
    let mut ws = subscribe(&app, &t).await;
    ws.send(Message::text(
        json!({"id": "2", "type": "subscribe", "payload": {"query": "mutation { logout }"}})
            .to_string(),
    ))
    .await
    .unwrap();
    let reply = next_json(&mut ws).await.expect("a reply");
    let refused = reply["type"] == "error"
        || reply["payload"]["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED";
    assert!(
        refused && reply["payload"]["data"].is_null(),
        "mutations are refused over WebSocket: {reply}"
    );
    assert!(
        app.ok(Some(&t), "{ me { username } }", json!({})).await["me"].is_object(),
        "the refused logout did nothing"
    );
    app.ok(Some(&t), "mutation { logout }", json!({})).await;
    // Within a few seconds the subscription completes: the session is gone.
    let ended = tokio::time::timeout(Duration::from_secs(12), async {
        while let Some(Ok(m)) = ws.next().await {
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["id"] == "1" && v["type"] == "complete" {
                return;
            }
        }
    })
    .await;
    assert!(
        ended.is_ok(),
        "the subscription did not end with the session"
    );
}
