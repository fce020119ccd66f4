//! Hostile and malformed input: each gets a clear typed error, never a panic
//! or a half-written change.

use crate::both;
use crate::helpers::*;
use serde_json::json;

async fn post_raw(app: &TestApp, body: Vec<u8>, ct: &str) -> (u16, serde_json::Value) {
    let r = app
        .http
        .post(format!("{}/graphql", app.base))
        .header("content-type", ct)
        .header("accept", "application/graphql-response+json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(json!(null)))
}

#[tokio::test]
async fn malformed_requests() {
    let opts = Opts {
        env: vec![("ANJIAN_MAX_BODY_BYTES".into(), "65536".into())],
        ..Opts::default()
    };
    let app = spawn_with(Backend::Sqlite, opts).await.unwrap();
    let (s, v) = post_raw(&app, b"{not json".to_vec(), "application/json").await;
    assert_eq!((s, code(&v).as_str()), (400, "VALIDATION_FAILED"));
    let (s, v) = post_raw(
        &app,
        br#"{"query": "{ me { username } }", "evil": 1}"#.to_vec(),
        "application/json",
    )
    .await;
    assert_eq!(
        (s, code(&v).as_str()),
        (400, "VALIDATION_FAILED"),
        "unknown members are rejected"
    );
    let (s, _) = post_raw(
        &app,
        br#"{"query": "{ me { username } }"}"#.to_vec(),
        "text/plain",
    )
    .await;
    assert_eq!(s, 415);
    let big = format!(
        r#"{{"query": "{{ me {{ username }} }}", "variables": {{"x": "{}"}}}}"#,
        "a".repeat(100_000)
    );
    let (s, _) = post_raw(&app, big.into_bytes(), "application/json").await;
    assert_eq!(s, 413);
    let (s, v) = post_raw(
        &app,
        br#"{"query": "{ me { username "}"#.to_vec(),
        "application/json",
    )
    .await;
    assert_eq!(
        (s, code(&v).as_str()),
        (400, "VALIDATION_FAILED"),
        "parse error: {v}"
    );
    for bad in ["aj_forged", "", "Bearer", "aj_' OR 1=1 --"] {
        let r = app
            .http
            .post(format!("{}/graphql", app.base))
            .header("authorization", format!("Bearer {bad}"))
            .json(&json!({"query": "{ me { username } }"}))
            .send()
            .await
            .unwrap();
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(code(&v), "UNAUTHENTICATED", "token {bad:?}");
    }
    let t = app.login("county-admin@330106").await;
    let deep = format!(
        "{{ tenants {{ edges {{ node {{ {} code {} }} }} }} }}",
        "parent { ".repeat(20),
        "} ".repeat(20)
    );
    assert_eq!(
        code(&app.gql(Some(&t), &deep, json!({})).await),
        "VALIDATION_FAILED",
        "depth limit"
    );
    let v = app
        .gql(Some(&t), "{ users(first: 1000) { totalCount } }", json!({}))
        .await;
    assert_eq!(v["errors"][0]["extensions"]["details"][0]["field"], "first");
    let v = app
        .gql(
            Some(&t),
            "{ users(after: \"garbage\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(v["errors"][0]["extensions"]["details"][0]["field"], "after");
    let v = app
        .gql(Some(&t), "{ users { nosuchfield } }", json!({}))
        .await;
    assert_eq!(code(&v), "VALIDATION_FAILED");
    // Every error carries the request id the client got in the header.
    let r = app
        .http
        .post(format!("{}/graphql", app.base))
        .json(&json!({"query": "{ me { username } }"}))
        .send()
        .await
        .unwrap();
    let rid = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["extensions"]["requestId"], rid);
}

async fn quotes_and_sql(app: &TestApp) {
    let hostile = "Robert'); DROP TABLE users;-- \"引号\" \\ %_";
    let v = app.login_with(hostile, hostile).await.unwrap_err();
    assert_eq!(code(&v), "UNAUTHENTICATED");
    let t = app.login("county-admin@330106").await;
    let create = "mutation($i: CreateUserInput!) { createUser(input: $i) { id displayName } }";
    let d = app
        .ok(Some(&t), create, json!({"i": {"tenantCode": "330106", "username": "bobby.tables", "displayName": hostile, "password": DEMO_PASSWORD, "roles": ["inspector"]}}))
        .await;
    assert_eq!(d["createUser"]["displayName"], hostile, "stored verbatim");
    let count = "{ users(first: 100) { totalCount } }";
    let n = app.ok(Some(&t), count, json!({})).await["users"]["totalCount"].clone();
    // Invalid input leaves nothing behind: bad role, taken username, bad tenant.
    for (i, field) in [
        (
            json!({"tenantCode": "330106", "username": "half", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["inspector", "no-such-role"]}),
            "role",
        ),
        (
            json!({"tenantCode": "330106", "username": "bobby.tables", "displayName": "x", "password": DEMO_PASSWORD, "roles": []}),
            "username",
        ),
        (
            json!({"tenantCode": "330106", "username": "x", "displayName": "", "password": "x", "roles": []}),
            "username",
        ),
    ] {
        let v = app.gql(Some(&t), create, json!({"i": i})).await;
        assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
        let fields: Vec<String> = v["errors"][0]["extensions"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap().to_string())
            .collect();
        assert!(
            fields.iter().any(|f| f.starts_with(field)),
            "{field} in {fields:?}"
        );
    }
    assert_eq!(
        app.ok(Some(&t), count, json!({})).await["users"]["totalCount"],
        n,
        "no half-written user"
    );
    let v = app
        .gql(
            Some(&t),
            "mutation { createUser(input: {tenantCode: \"330106\", username: \"x\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "missing input fields");
}
both!(quotes_and_sql_are_data, quotes_and_sql);
