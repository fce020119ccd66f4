//! Identity and access: tokens, revocation, failed-login limits, password
//! policy, and the separation of the three administrators.

use crate::both;
use crate::helpers::*;
use serde_json::json;

const ME: &str = "{ me { username } }";

async fn sessions(app: &TestApp) {
    // Refresh: a new pair; the old token and refresh token stop working.
    let v = app
        .ok(None, "mutation { login(input: {username: \"inspector@330106\", password: \"Demo-Pass-2026!\"}) { token refreshToken expiresAt } }", json!({}))
        .await;
    let (t1, r1) = (
        v["login"]["token"].as_str().unwrap().to_string(),
        v["login"]["refreshToken"].as_str().unwrap().to_string(),
    );
    let v = app.ok(None, "mutation($r: String!) { refreshToken(input: {refreshToken: $r}) { token refreshToken } }", json!({"r": r1})).await;
    let t2 = v["refreshToken"]["token"].as_str().unwrap().to_string();
    assert_eq!(
        app.ok(Some(&t2), ME, json!({})).await["me"]["username"],
        "inspector@330106"
    );
    assert_eq!(
        code(&app.gql(Some(&t1), ME, json!({})).await),
        "UNAUTHENTICATED"
    );
    let reuse = app
        .gql(
            None,
            "mutation($r: String!) { refreshToken(input: {refreshToken: $r}) { token } }",
            json!({"r": r1}),
        )
        .await;
    assert_eq!(code(&reuse), "UNAUTHENTICATED");
    assert_eq!(
        code(&app.gql(Some(&t2), ME, json!({})).await),
        "UNAUTHENTICATED",
        "a used refresh token that comes back ends its session"
    );
    // Logout revokes.
    let t3 = app.login("inspector@330106").await;
    app.ok(Some(&t3), "mutation { logout }", json!({})).await;
    assert_eq!(
        code(&app.gql(Some(&t3), ME, json!({})).await),
        "UNAUTHENTICATED"
    );
    // Disabling a user ends their sessions and their logins.
    let victim = app.login("examinee@330106").await;
    let id = app.user_id("examinee@330106").await;
    let admin = app.login("county-admin@330106").await;
    app.ok(Some(&admin), "mutation($id: String!) { setUserDisabled(input: {userId: $id, disabled: true}) { disabled } }", json!({"id": id})).await;
    assert_eq!(
        code(&app.gql(Some(&victim), ME, json!({})).await),
        "UNAUTHENTICATED"
    );
    assert!(app
        .login_with("examinee@330106", DEMO_PASSWORD)
        .await
        .is_err());
}
both!(tokens_refresh_and_revoke, sessions);

async fn passwords(app: &TestApp) {
    let t = app.login("plugin-developer@330106").await;
    let change = "mutation($o: String!, $n: String!) { changePassword(input: {oldPassword: $o, newPassword: $n}) }";
    let weak = app
        .gql(Some(&t), change, json!({"o": DEMO_PASSWORD, "n": "short"}))
        .await;
    assert_eq!(code(&weak), "VALIDATION_FAILED");
    assert_eq!(
        weak["errors"][0]["extensions"]["details"][0]["field"],
        "newPassword"
    );
    let wrong_old = app
        .gql(
            Some(&t),
            change,
            json!({"o": "not-it", "n": "Another-Pass-2026"}),
        )
        .await;
    assert_eq!(
        wrong_old["errors"][0]["extensions"]["details"][0]["field"],
        "oldPassword"
    );
    app.ok(
        Some(&t),
        change,
        json!({"o": DEMO_PASSWORD, "n": "Another-Pass-2026"}),
    )
    .await;
    assert_eq!(
        code(&app.gql(Some(&t), ME, json!({})).await),
        "UNAUTHENTICATED",
        "password change ends sessions"
    );
    assert!(app
        .login_with("plugin-developer@330106", "Another-Pass-2026")
        .await
        .is_ok());
    // Policy in data: the province's security admin raises the minimum length.
    let sec = app.login("security-admin@330000").await;
    let p = app.ok(Some(&sec), "{ securityPolicy { passwordMinLength passwordMinClasses passwordMaxAgeDays sessionAccessTtlMinutes sessionIdleTimeoutMinutes sessionRefreshTtlMinutes loginMaxFailuresPerAccount loginMaxFailuresPerAddress loginWindowSeconds } }", json!({})).await;
    let mut policy = p["securityPolicy"].clone();
    policy["passwordMinLength"] = json!(20);
    app.ok(Some(&sec), "mutation($p: SecurityPolicyInput!) { updateSecurityPolicy(input: $p) { passwordMinLength } }", json!({"p": policy})).await;
    let admin = app.login("county-admin@330106").await;
    let short = app
        .gql(Some(&admin), "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", json!({"i": {"tenantCode": "330106", "username": "new-user", "displayName": "新用户", "password": "Fifteen-chars-1", "roles": ["inspector"]}}))
        .await;
    assert_eq!(
        code(&short),
        "VALIDATION_FAILED",
        "the new policy applies: {short}"
    );
    let county_sec = app.login("security-admin@330106").await;
    let denied = app.gql(Some(&county_sec), "mutation($p: SecurityPolicyInput!) { updateSecurityPolicy(input: $p) { passwordMinLength } }", json!({"p": policy})).await;
    assert_eq!(
        code(&denied),
        "FORBIDDEN",
        "only the province sets the policy"
    );
}
both!(password_policy_and_change, passwords);

async fn limits(app: &TestApp) {
    let unknown = app
        .login_with("nobody@330106", "Wrong-Pass-2026")
        .await
        .unwrap_err();
    let wrong = app
        .login_with("reviewer@330100", "Wrong-Pass-2026")
        .await
        .unwrap_err();
    assert_eq!(code(&unknown), "UNAUTHENTICATED");
    assert_eq!(
        unknown["errors"][0]["message"], wrong["errors"][0]["message"],
        "never says whether the account exists"
    );
    for _ in 0..4 {
        let _ = app.login_with("reviewer@330100", "Wrong-Pass-2026").await;
    }
    let limited = app
        .login_with("reviewer@330100", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(
        code(&limited),
        "RATE_LIMITED",
        "locked even with the right password: {limited}"
    );
    // Parallel guesses can't slip past the count.
    let guesses = (0..20).map(|_| app.login_with("examinee@330106", "Wrong-Pass-2026"));
    let results = futures::future::join_all(guesses).await;
    let judged = results
        .iter()
        .filter(|r| {
            r.as_ref()
                .err()
                .is_some_and(|v| code(v) == "UNAUTHENTICATED")
        })
        .count();
    assert!(judged <= 5, "{judged} parallel guesses were checked");
    assert!(
        app.login_with("inspector@330106", DEMO_PASSWORD)
            .await
            .is_ok(),
        "other accounts unaffected"
    );
}
both!(failed_logins_are_limited, limits);

async fn separation(app: &TestApp) {
    let sec = app.login("security-admin@330106").await;
    let admin_id = app.user_id("county-admin@330106").await;
    let combine = app
        .gql(Some(&sec), "mutation($id: String!) { assignRole(input: {userId: $id, role: \"audit-admin\"}) { id } }", json!({"id": admin_id}))
        .await;
    assert_eq!(code(&combine), "CONFLICT", "三员分立: {combine}");
    let insp = app.user_id("inspector@330106").await;
    let d = app.ok(Some(&sec), "mutation($id: String!) { assignRole(input: {userId: $id, role: \"examinee\"}) { roles } }", json!({"id": insp})).await;
    assert_eq!(d["assignRole"]["roles"], json!(["examinee", "inspector"]));
    let prov = app.login("province-admin@330000").await;
    assert_eq!(
        code(
            &app.gql(Some(&prov), "{ auditLog { totalCount } }", json!({}))
                .await
        ),
        "FORBIDDEN"
    );
    let audit = app.login("audit-admin@330000").await;
    let create = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }";
    let input = json!({"i": {"tenantCode": "330106", "username": "x-user", "displayName": "x", "password": DEMO_PASSWORD, "roles": []}});
    assert_eq!(
        code(&app.gql(Some(&audit), create, input.clone()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&app.gql(Some(&sec), create, input.clone()).await),
        "FORBIDDEN"
    );
    let assign = app.gql(Some(&prov), "mutation($id: String!) { assignRole(input: {userId: $id, role: \"inspector\"}) { id } }", json!({"id": insp})).await;
    assert_eq!(
        code(&assign),
        "FORBIDDEN",
        "system admins do not grant roles"
    );
    let two = json!({"i": {"tenantCode": "330000", "username": "two-hats", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["province-admin", "security-admin"]}});
    assert_eq!(code(&app.gql(Some(&prov), create, two).await), "CONFLICT");
}
both!(three_administrators_are_separate, separation);

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let body = json!({"query": "{ me { username } }"});
    let zh: serde_json::Value = app
        .http
        .post(format!("{}/graphql", app.base))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let en: serde_json::Value = app
        .http
        .post(format!("{}/graphql", app.base))
        .header("accept-language", "en-US,en;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(code(&zh), "UNAUTHENTICATED");
    assert_eq!(zh["errors"][0]["message"], "未登录或登录已失效");
    assert_eq!(
        en["errors"][0]["message"],
        "not authenticated or session expired"
    );
}

async fn expired(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let id = app.user_id("inspector@330106").await;
    app.ok(Some(&admin), "mutation($id: String!) { resetPassword(input: {userId: $id, password: \"Reset-Pass-2026\"}) { id } }", json!({"id": id})).await;
    let t = app
        .login_with("inspector@330106", "Reset-Pass-2026")
        .await
        .unwrap();
    let me = app
        .ok(Some(&t), "{ me { passwordExpired } }", json!({}))
        .await;
    assert_eq!(
        me["me"]["passwordExpired"], true,
        "a reset password must be changed"
    );
    let blocked = app
        .gql(Some(&t), "{ users { totalCount } }", json!({}))
        .await;
    assert_eq!(code(&blocked), "FORBIDDEN");
    app.ok(Some(&t), "mutation { changePassword(input: {oldPassword: \"Reset-Pass-2026\", newPassword: \"Fresh-Pass-2026\"}) }", json!({})).await;
    let t = app
        .login_with("inspector@330106", "Fresh-Pass-2026")
        .await
        .unwrap();
    assert_eq!(
        app.ok(Some(&t), "{ me { passwordExpired } }", json!({}))
            .await["me"]["passwordExpired"],
        false
    );
}
both!(reset_passwords_must_be_changed, expired);

async fn admin_groups(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let create = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }";
    let sec = json!({"i": {"tenantCode": "330106", "username": "new-sec", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["security-admin"]}});
    assert_eq!(
        code(&app.gql(Some(&admin), create, sec).await),
        "FORBIDDEN",
        "a system admin can't mint a security admin"
    );
    let auditor = app.user_id("audit-admin@330106").await;
    let reset = app.gql(Some(&admin), "mutation($id: String!) { resetPassword(input: {userId: $id, password: \"Taken-Over-2026\"}) { id } }", json!({"id": auditor})).await;
    assert_eq!(
        code(&reset),
        "FORBIDDEN",
        "nor take over the auditor's account"
    );
    let disable = app.gql(Some(&admin), "mutation($id: String!) { setUserDisabled(input: {userId: $id, disabled: true}) { id } }", json!({"id": auditor})).await;
    assert_eq!(code(&disable), "FORBIDDEN", "nor silence the auditor");
    let county = json!({"i": {"tenantCode": "330106", "username": "deputy", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["county-admin"]}});
    app.ok(Some(&admin), create, county).await;
    let up = json!({"i": {"tenantCode": "330106", "username": "upstart", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["province-admin"]}});
    assert_eq!(
        code(&app.gql(Some(&admin), create, up).await),
        "VALIDATION_FAILED",
        "roles match the tenant's level"
    );
}
both!(system_admins_cannot_reach_other_admin_groups, admin_groups);

/// Sessions are cached in memory for a few seconds, but a sign-in change on
/// one instance reaches the other at once through Redis: a logout, a
/// revoked role.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_redis)),
    ignore = "needs PostgreSQL and Redis: set ANJIAN_TEST_DATABASE_URL and ANJIAN_TEST_REDIS_URL"
)]
async fn sign_in_changes_reach_other_instances_at_once() {
    let Some(a) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let b = spawn_sibling(&a).await;
    let list = "{ enterprises(first: 1) { totalCount } }";
    let t = a.login("inspector@330106").await;
    b.ok(Some(&t), list, json!({})).await; // now cached on b
    a.ok(Some(&t), "mutation { logout }", json!({})).await;
    assert_eq!(
        code(&b.gql(Some(&t), ME, json!({})).await),
        "UNAUTHENTICATED"
    );

    let t = a.login("inspector@330106").await;
    b.ok(Some(&t), list, json!({})).await;
    let id = a.user_id("inspector@330106").await;
    let admin = a.login("security-admin@330106").await;
    a.ok(
        Some(&admin),
        "mutation($id: String!) { revokeRole(input: {userId: $id, role: \"inspector\"}) { username } }",
        json!({"id": id}),
    )
    .await;
    // Published after the commit: allow the message its flight, well
    // inside the cache's 5 s.
    let mut refused = String::new();
    for _ in 0..20 {
        refused = code(&b.gql(Some(&t), list, json!({})).await);
        if refused == "FORBIDDEN" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(refused, "FORBIDDEN");
}
