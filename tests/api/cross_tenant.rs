//! Every role against resources of another tenant, read and write: reads are
//! NOT_FOUND, FORBIDDEN or empty, writes FORBIDDEN or NOT_FOUND, and nothing changes.

use crate::both;
use crate::helpers::*;
use serde_json::{json, Value};

fn denied(v: &Value, what: &str) {
    let c = code(v);
    assert!(
        c == "NOT_FOUND" || c == "FORBIDDEN",
        "{what}: expected NOT_FOUND or FORBIDDEN, got {v}"
    );
    let data = v["data"].to_string();
    assert!(
        !data.contains("inspector@330"),
        "{what}: leaked data {data}"
    );
}

async fn walk(app: &TestApp) {
    let prov = app.login("province-admin@330000").await;
    // A notification for each target, so there is something to try to read.
    let targets = [
        ("330203", "inspector@330203"),
        ("330106", "inspector@330106"),
    ];
    let mut target_ids = Vec::new();
    for (_, user) in targets {
        let id = app.user_id(user).await;
        app.ok(Some(&prov), "mutation($id: String!) { sendNotification(input: {userId: $id, title: \"t\", body: \"b\"}) { id } }", json!({"id": id})).await;
        target_ids.push(id);
    }
    let snapshot = "{ users(first: 100) { totalCount edges { node { username disabled roles } } } organisations { totalCount } }";
    let before = app.ok(Some(&prov), snapshot, json!({})).await;

    for (role, home) in anjian_demo_users() {
        let username = format!("{role}@{home}");
        let token = app.login(&username).await;
        // The other side of the province from this user.
        let (t_tenant, t_user, t_id) = if home.starts_with("3302") {
            (targets[1].0, targets[1].1, target_ids[1].clone())
        } else {
            (targets[0].0, targets[0].1, target_ids[0].clone())
        };
        let who = format!("{username} -> {t_tenant}");
        denied(
            &app.gql(
                Some(&token),
                "query($id: String!) { user(id: $id) { username } }",
                json!({"id": t_id}),
            )
            .await,
            &format!("{who} read user"),
        );
        denied(
            &app.gql(
                Some(&token),
                "query($c: String!) { tenant(code: $c) { name } }",
                json!({"c": t_tenant}),
            )
            .await,
            &format!("{who} read tenant"),
        );
        let list = app
            .gql(
                Some(&token),
                "{ users(first: 100) { edges { node { username } } } }",
                json!({}),
            )
            .await;
        assert!(
            !list.to_string().contains(t_user),
            "{who}: list leaks {t_user}"
        );
        let tenants = app
            .ok(
                Some(&token),
                "{ tenants(first: 100) { edges { node { code } } } }",
                json!({}),
            )
            .await;
        assert!(
            !tenants.to_string().contains(t_tenant),
            "{who}: tenants leak {t_tenant}"
        );
        let audit = app
            .gql(
                Some(&token),
                "query($c: String!) { auditLog(filter: {tenantCode: $c}) { totalCount } }",
                json!({"c": t_tenant}),
            )
            .await;
        assert!(
            code(&audit) == "FORBIDDEN" || audit["data"]["auditLog"]["totalCount"] == 0,
            "{who}: audit {audit}"
        );
        let inbox = app
            .ok(
                Some(&token),
                "{ notifications { totalCount edges { node { title } } } }",
                json!({}),
            )
            .await;
        if !username.starts_with("inspector") {
            assert_eq!(
                inbox["notifications"]["totalCount"], 0,
                "{who}: sees another user's inbox"
            );
        }
        // Writes.
        denied(&app.gql(Some(&token), "mutation($id: String!) { setUserDisabled(input: {userId: $id, disabled: true}) { id } }", json!({"id": t_id})).await, &format!("{who} disable"));
        denied(&app.gql(Some(&token), "mutation($id: String!) { resetPassword(input: {userId: $id, password: \"Hijack-Pass-2026\"}) { id } }", json!({"id": t_id})).await, &format!("{who} reset"));
        denied(&app.gql(Some(&token), "mutation($id: String!) { assignRole(input: {userId: $id, role: \"examinee\"}) { id } }", json!({"id": t_id})).await, &format!("{who} assign"));
        denied(&app.gql(Some(&token), "mutation($id: String!) { sendNotification(input: {userId: $id, title: \"x\", body: \"y\"}) { id } }", json!({"id": t_id})).await, &format!("{who} notify"));
        denied(
            &app.gql(Some(&token), "mutation($c: String!) { createUser(input: {tenantCode: $c, username: \"intruder\", displayName: \"x\", password: \"Intruder-Pass-2026\", roles: [\"inspector\"]}) { id } }", json!({"c": t_tenant})).await,
            &format!("{who} create user"),
        );
        denied(
            &app.gql(Some(&token), "mutation($c: String!) { createOrganisation(input: {tenantCode: $c, kind: \"enterprise\", name: \"x\"}) { id } }", json!({"c": t_tenant})).await,
            &format!("{who} create org"),
        );
    }
    let after = app.ok(Some(&prov), snapshot, json!({})).await;
    assert_eq!(before, after, "nothing changed");
    assert!(
        app.login_with("inspector@330203", DEMO_PASSWORD)
            .await
            .is_ok(),
        "password not reset"
    );
}
both!(every_role_against_other_tenants, walk);

/// Demo users except the province's, which sees everything by design.
fn anjian_demo_users() -> Vec<(&'static str, &'static str)> {
    anjian_platform::demo::DEMO_USERS
        .iter()
        .copied()
        .filter(|(_, t)| *t != "330000")
        .collect()
}
