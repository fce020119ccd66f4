//! The 等保 三级 review's findings (issue 21), each shown closed: request
//! bodies held to the caller's limit, `/metrics` behind its token with
//! bounded labels, sign-in throttled without a lock anyone can trigger, the
//! client behind trusted proxies, no username timing oracle, another
//! county's rules and uploads kept to it, bans that hold against a
//! re-labelled copy, expired passwords for every role, refresh-token reuse,
//! and plugin artifacts a database write cannot swap.

use crate::both;
use crate::helpers::*;
use crate::plugins::{chem, compiled, install, meta, upload, CREATE};
use serde_json::{json, Value};

const SUBMIT: &str =
    "mutation($i: PublicReportInput!) { submitPublicHazardReport(input: $i) { reference } }";

/// A POST of `body` as `content_type`, with an optional token; the status
/// and the JSON answer (null when it is not JSON).
async fn post(
    app: &TestApp,
    token: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let mut r = app
        .http
        .post(format!("{}/graphql", app.base))
        .header("content-type", content_type)
        .body(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A multipart upload request of `size` bytes of file.
fn multipart_body(size: usize) -> (String, Vec<u8>) {
    let boundary = "anjian-test-boundary";
    let ops = json!({"query": crate::plugins::UPLOAD, "variables": {"input": meta("330106", "big", "1.0.0"), "file": null}});
    let mut b = Vec::new();
    for (name, value) in [
        ("operations", ops.to_string()),
        ("map", json!({"0": ["variables.file"]}).to_string()),
    ] {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    b.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"p.wasm\"\r\nContent-Type: application/wasm\r\n\r\n").as_bytes(),
    );
    b.extend(std::iter::repeat_n(b'x', size));
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

/// Bodies past `max_body_bytes` (1 MiB) are refused unless the caller is
/// signed in with a role that uploads; JSON bodies always are.
async fn body_limits(app: &TestApp) {
    let (ct, big) = multipart_body(2 << 20);
    let (status, _) = post(app, None, &ct, big.clone()).await;
    assert_eq!(status, 413, "an anonymous 2 MiB upload is refused unread");
    let examinee = app.login("examinee@330106").await;
    let (status, _) = post(app, Some(&examinee), &ct, big.clone()).await;
    assert_eq!(
        status, 413,
        "a role that uploads nothing gets the small limit"
    );
    let dev = app.login("plugin-developer@330106").await;
    let (status, v) = post(app, Some(&dev), &ct, big).await;
    assert_eq!(status, 200, "a plugin developer may send 2 MiB: {v}");
    assert_eq!(
        code(&v),
        "VALIDATION_FAILED",
        "and the bytes are judged: {v}"
    );
    let json_body = format!(
        r#"{{"query": "{{ me {{ username }} }}", "variables": {{"x": "{}"}}}}"#,
        "a".repeat(2 << 20)
    );
    let (status, _) = post(app, Some(&dev), "application/json", json_body.into_bytes()).await;
    assert_eq!(
        status, 413,
        "JSON bodies keep the small limit, signed in or not"
    );
    let (ct, small) = multipart_body(10);
    let (status, v) = post(app, Some(&dev), &ct, small).await;
    assert_eq!(
        (status, code(&v).as_str()),
        (200, "VALIDATION_FAILED"),
        "{v}"
    );
}
both!(security_body_limits, body_limits);

/// `/metrics` needs its token; its operation label is the root field the
/// schema names, never the client's `operationName`.
async fn metrics(app: &TestApp) {
    let url = format!("{}/metrics", app.base);
    let r = app.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 401, "no token, no metrics");
    let r = app
        .http
        .get(&url)
        .bearer_auth("wrong-token-of-some-length")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let t = app.login("inspector@330106").await;
    for _ in 0..3 {
        let body = json!({"query": "query Q { me { username } }", "operationName": "Q"});
        app.http
            .post(format!("{}/graphql", app.base))
            .bearer_auth(&t)
            .json(&body)
            .send()
            .await
            .unwrap();
    }
    for evil in ["Evil_label_1", "Evil_label_2"] {
        let q = format!("query {evil} {{ me {{ username }} }}");
        app.http
            .post(format!("{}/graphql", app.base))
            .bearer_auth(&t)
            .json(&json!({"query": q, "operationName": evil}))
            .send()
            .await
            .unwrap();
    }
    let text = app
        .http
        .get(&url)
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("operation=\"query:me\""), "{text}");
    assert!(
        !text.contains("Evil_label"),
        "client names never become labels"
    );
    assert!(text.contains("operation=\"mutation:login\""));
}
both!(security_metrics, metrics);

/// A sign-in from `addr` (through the trusted proxy at 127.0.0.1).
async fn login_from(app: &TestApp, addr: &str, user: &str, password: &str) -> Value {
    app.http
        .post(format!("{}/graphql", app.base))
        .header("x-forwarded-for", addr)
        .json(&json!({"query": "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }", "variables": {"u": user, "p": password}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn behind_proxy() -> Opts {
    Opts {
        env: vec![("ANJIAN_TRUSTED_PROXIES".into(), "127.0.0.1/32, ::1".into())],
        ..Opts::default()
    }
}

/// An attacker's failures lock the attacker out of the account, not its
/// owner: the right password from another address still signs in.
async fn throttled_not_locked(app: &TestApp) {
    let user = "reviewer@330100";
    let mut limited = false;
    for _ in 0..7 {
        let v = login_from(app, "10.9.0.1", user, "Wrong-Pass-2026").await;
        limited |= code(&v) == "RATE_LIMITED";
    }
    assert!(limited, "the guessing address is refused");
    let v = login_from(app, "10.9.0.1", user, DEMO_PASSWORD).await;
    assert_eq!(
        code(&v),
        "RATE_LIMITED",
        "even with the password, from there: {v}"
    );
    let started = std::time::Instant::now();
    let v = login_from(app, "10.9.0.2", user, DEMO_PASSWORD).await;
    assert!(
        v["data"]["login"]["token"].is_string(),
        "the owner signs in: {v}"
    );
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(200),
        "after the account's growing delay"
    );
    // An unknown name and a known one fail alike, and both are audited
    // (the same work either way).
    let v = login_from(app, "10.9.0.3", "nobody@330106", "Wrong-Pass-2026").await;
    assert_eq!(code(&v), "UNAUTHENTICATED");
    let audit = app.login("audit-admin@330000").await;
    let log = app
        .ok(
            Some(&audit),
            "{ auditLog(filter: {operation: \"auth.login_failed\"}, first: 50) { edges { node { targetType targetId clientAddr } } } }",
            json!({}),
        )
        .await;
    let nodes: Vec<&Value> = log["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    assert!(
        nodes.iter().any(|n| n["targetType"] == "username"
            && n["targetId"] == "nobody@330106"
            && n["clientAddr"] == "10.9.0.3"),
        "the unknown name's failure is audited, with the client's address: {log}"
    );
    assert!(nodes.iter().any(|n| n["targetType"] == "user"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_throttled_not_locked_sqlite() {
    let app = spawn_with(Backend::Sqlite, behind_proxy()).await.unwrap();
    throttled_not_locked(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn sign_in_is_throttled_not_locked_postgres() {
    let app = spawn_with(Backend::Postgres, behind_proxy()).await.unwrap();
    throttled_not_locked(&app).await;
}

async fn report_from(app: &TestApp, addr: &str, county: &str) -> Value {
    app.http
        .post(format!("{}/graphql", app.base))
        .header("x-forwarded-for", addr)
        .json(&json!({"query": SUBMIT, "variables": {"i": {"county": county, "enterpriseName": "某厂", "address": "某地", "description": "夜间违规动火"}}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Behind the province's load balancer each client has its own budget of
/// public reports (an IPv6 /64 is one client), and a county has a cap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_reports_count_the_client_behind_the_proxy() {
    let app = spawn_with(Backend::Sqlite, behind_proxy()).await.unwrap();
    for _ in 0..5 {
        let v = report_from(&app, "10.8.0.1", "330106").await;
        assert!(v["errors"].is_null(), "{v}");
    }
    let v = report_from(&app, "10.8.0.1", "330106").await;
    assert_eq!(code(&v), "RATE_LIMITED", "{v}");
    let v = report_from(&app, "10.8.0.2", "330106").await;
    assert!(
        v["errors"].is_null(),
        "another client behind the proxy: {v}"
    );
    // A client forging X-Forwarded-For: the proxy appends the real address.
    let v = report_from(&app, "10.8.0.2, 10.8.0.1", "330106").await;
    assert_eq!(
        code(&v),
        "RATE_LIMITED",
        "the forged entry is not believed: {v}"
    );
    for i in 0..5 {
        let v = report_from(&app, &format!("2001:db8:5:1::{i}"), "330106").await;
        assert!(v["errors"].is_null(), "{v}");
    }
    let v = report_from(&app, "2001:db8:5:1:ffff::9", "330106").await;
    assert_eq!(code(&v), "RATE_LIMITED", "one /64 is one client: {v}");
    // The county's cap: a flood from many addresses.
    let province = app.login("province-admin@330000").await;
    let mut rules = app
        .ok(Some(&province), "{ hazardRules { generalDeadlineDays majorDeadlineDays siteCheckDays utcOffsetMinutes categories escalations { level role afterDays } quarterlyDueDay yearlyDue publicReportsPerHour publicReportsPerCountyPerHour } }", json!({}))
        .await["hazardRules"]
        .clone();
    assert_eq!(rules["publicReportsPerCountyPerHour"], 200);
    rules["publicReportsPerCountyPerHour"] = json!(3);
    app.ok(
        Some(&province),
        "mutation($i: HazardRulesInput!) { setHazardRules(input: $i) { publicReportsPerCountyPerHour } }",
        json!({"i": rules}),
    )
    .await;
    let mut refused = 0;
    for i in 0..4 {
        let v = report_from(&app, &format!("10.7.0.{i}"), "330203").await;
        refused += usize::from(code(&v) == "RATE_LIMITED");
    }
    assert_eq!(refused, 1, "the fourth report to 330203 in the hour");
}

/// Without trusted proxies, X-Forwarded-For is the client's own claim.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_is_ignored_without_trusted_proxies() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let mut limited = false;
    for i in 0..7 {
        let v = report_from(&app, &format!("10.6.0.{i}"), "330106").await;
        limited |= code(&v) == "RATE_LIMITED";
    }
    assert!(limited, "a spoofed header buys no budget");
}

/// Another county's rules, uploads and bans; expired passwords of
/// enterprise users; refresh tokens used twice.
async fn smaller_findings(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let v = app
        .gql(
            Some(&admin),
            "{ hazardRules(county: \"330203\") { generalDeadlineDays } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&v), "NOT_FOUND", "another county's rules: {v}");
    app.ok(
        Some(&admin),
        "{ hazardRules(county: \"330106\") { generalDeadlineDays } }",
        json!({}),
    )
    .await;

    // The same component in a second county is not shown as compiled at
    // once: that would reveal the first county's upload.
    let wasm = anjian_plugin_host::fixtures::component("i32.const 16", "", "enterprise-validator");
    let dev = app.login("plugin-developer@330106").await;
    let up = upload(app, &dev, meta("330106", "shared", "1.0.0"), wasm.clone()).await;
    let id = up["data"]["uploadPlugin"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let sha = up["data"]["uploadPlugin"]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    compiled(app, &dev, &id).await;
    let other = app.login("county-admin@330203").await;
    let mut m = meta("330203", "shared", "1.0.0");
    m["tenantCode"] = json!("330203");
    let up = upload(app, &other, m, wasm.clone()).await;
    assert_eq!(
        up["data"]["uploadPlugin"]["compileStatus"], "pending",
        "{up}"
    );

    // A ban holds against the same code with a custom section added.
    let province = app.login("province-admin@330000").await;
    app.ok(
        Some(&province),
        "mutation($s: String!) { banPlugin(sha256: $s, reason: \"测试封禁\") }",
        json!({"s": sha}),
    )
    .await;
    let relabelled =
        anjian_plugin_host::fixtures::with_custom_section(&wasm, "evade", b"0123456789abcdef");
    let mut m = meta("330203", "relabelled", "1.0.0");
    m["tenantCode"] = json!("330203");
    let up = upload(app, &other, m, relabelled).await;
    assert_eq!(
        code(&up),
        "FORBIDDEN",
        "a re-labelled copy of a banned component: {up}"
    );

    // An enterprise user whose password was reset changes it first.
    let (_, _) = crate::hazard::enterprise(app, 88, "330106", "ent-expired").await;
    let uid = app.user_id("ent-expired").await;
    app.ok(Some(&admin), "mutation($id: String!) { resetPassword(input: {userId: $id, password: \"Reset-Pass-2026\"}) { id } }", json!({"id": uid})).await;
    let t = app
        .login_with("ent-expired", "Reset-Pass-2026")
        .await
        .unwrap();
    let r = app
        .gql(Some(&t), "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id } }",
            json!({"i": {"category": "electrical", "level": "general", "description": "配电箱未接地"}}))
        .await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "expired password, enterprise role: {r}"
    );

    // A refresh token used twice: the session ends for both holders.
    let login = app
        .ok(None, "mutation($p: String!) { login(input: {username: \"inspector@330106\", password: $p}) { token refreshToken } }", json!({"p": DEMO_PASSWORD}))
        .await;
    let old = login["login"]["refreshToken"].as_str().unwrap().to_string();
    let refresh =
        "mutation($r: String!) { refreshToken(input: {refreshToken: $r}) { token refreshToken } }";
    let new = app.ok(None, refresh, json!({"r": old})).await;
    let new_token = new["refreshToken"]["token"].as_str().unwrap().to_string();
    app.ok(Some(&new_token), "{ me { username } }", json!({}))
        .await;
    let again = app.gql(None, refresh, json!({"r": old})).await;
    assert_eq!(code(&again), "UNAUTHENTICATED");
    let me = app
        .gql(Some(&new_token), "{ me { username } }", json!({}))
        .await;
    assert_eq!(
        code(&me),
        "UNAUTHENTICATED",
        "the thief's reuse ends the session: {me}"
    );
}
both!(security_smaller_findings, smaller_findings);

/// A database write can't make an instance run other code: the app role
/// may not change a cached artifact, and one changed behind its back (by
/// the owner here) fails its HMAC and is compiled again from the upload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn tampered_artifacts_never_run() {
    use sqlx::Connection;
    let app = spawn_app(Backend::Postgres).await.unwrap();
    let accept =
        anjian_plugin_host::fixtures::component("i32.const 16", "", "enterprise-validator");
    let trap = anjian_plugin_host::fixtures::component("unreachable", "", "enterprise-validator");
    let dev = app.login("plugin-developer@330106").await;
    let up = upload(&app, &dev, meta("330106", "trap", "1.0.0"), trap).await;
    let trap_id = up["data"]["uploadPlugin"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let trap_sha = up["data"]["uploadPlugin"]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    compiled(&app, &dev, &trap_id).await;
    let id = install(
        &app,
        "accept",
        accept,
        crate::plugins::chem_exchange(1, "330106"),
    )
    .await;
    let v = app
        .ok(
            Some(&dev),
            "query($id: String!) { pluginVersion(id: $id) { sha256 } }",
            json!({"id": id}),
        )
        .await;
    let accept_sha = v["pluginVersion"]["sha256"].as_str().unwrap().to_string();
    let pg = app.pg.as_ref().unwrap();
    let mut as_app = sqlx::PgConnection::connect(&pg.app_url).await.unwrap();
    let denied = sqlx::query("UPDATE plugin_artifacts SET created_at = 0")
        .execute(&mut as_app)
        .await
        .expect_err("the app role may not change artifacts");
    assert_eq!(
        denied.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("42501"),
        "{denied}"
    );
    let mut owner = sqlx::PgConnection::connect(&pg.superuser_url())
        .await
        .unwrap();
    let n = sqlx::query(
        "UPDATE plugin_artifacts a SET artifact = t.artifact, artifact_sha = t.artifact_sha \
         FROM plugin_artifacts t WHERE a.sha256 = $1 AND t.sha256 = $2 AND t.engine_key = a.engine_key",
    )
    .bind(&accept_sha)
    .bind(&trap_sha)
    .execute(&mut owner)
    .await
    .unwrap()
    .rows_affected();
    assert_eq!(n, 1, "the accepting plugin's artifact now holds the trap");
    // A new instance loads the active plugin: from the cache, were it
    // believed.
    let b = spawn_sibling(&app).await;
    let admin = b.login("county-admin@330106").await;
    let r = b
        .gql(
            Some(&admin),
            CREATE,
            json!({"i": chem(7001, "330106", true)}),
        )
        .await;
    assert!(
        r["errors"].is_null(),
        "the accepting rule ran, not the trap: {r}"
    );
}
