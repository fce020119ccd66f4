//! Tenants: hierarchical visibility, and province-made changes that keep history.

use crate::both;
use crate::helpers::*;
use serde_json::json;

const TENANTS: &str = "query($r: Boolean = false) { tenants(first: 100, includeRetired: $r) { totalCount edges { node { code level parent { code } } } } }";

async fn visibility(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let d = app.ok(Some(&county), TENANTS, json!({})).await;
    assert_eq!(d["tenants"]["totalCount"], 1);
    assert_eq!(d["tenants"]["edges"][0]["node"]["code"], "330106");
    let city = app.login("city-admin@330100").await;
    let d = app.ok(Some(&city), TENANTS, json!({})).await;
    assert_eq!(
        d["tenants"]["totalCount"], 14,
        "杭州 and its 13 county-level units"
    );
    let d = app.ok(Some(&city), TENANTS, json!({"r": true})).await;
    assert_eq!(
        d["tenants"]["totalCount"], 16,
        "plus 下城 and 江干, retired in 2021"
    );
    let prov = app.login("province-admin@330000").await;
    let d = app.ok(Some(&prov), TENANTS, json!({})).await;
    assert_eq!(
        d["tenants"]["totalCount"], 102,
        "province, 11 cities, 90 counties"
    );
    let counties = app
        .ok(
            Some(&prov),
            "{ tenants(level: COUNTY) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(counties["tenants"]["totalCount"], 90);
    let cities = app
        .ok(
            Some(&prov),
            "{ tenants(level: CITY) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(cities["tenants"]["totalCount"], 11);
    let me = app
        .ok(
            Some(&county),
            "{ me { username roles tenant { code name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        me["me"],
        json!({"username": "county-admin@330106", "roles": ["county-admin"], "tenant": {"code": "330106", "name": "西湖区"}})
    );
    let other = app
        .gql(
            Some(&county),
            "{ tenant(code: \"330203\") { name } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&other), "NOT_FOUND");
    // 江干 (retired) is inherited by 上城 330102: the city sees both, and the successor is named.
    let d = app
        .ok(
            Some(&city),
            "{ tenant(code: \"330104\") { retired successor { code name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        d["tenant"],
        json!({"retired": true, "successor": {"code": "330102", "name": "上城区"}})
    );
}
both!(hierarchical_visibility, visibility);

async fn changes(app: &TestApp) {
    let prov = app.login("province-admin@330000").await;
    let created = app
        .ok(Some(&prov), "mutation { createTenant(input: {code: \"330199\", name: \"测试区\", level: \"county\", parentCode: \"330100\"}) { code level parent { code } } }", json!({}))
        .await;
    assert_eq!(
        created["createTenant"],
        json!({"code": "330199", "level": "COUNTY", "parent": {"code": "330100"}})
    );
    app.ok(
        Some(&prov),
        "mutation { renameTenant(input: {code: \"330199\", name: \"新测试区\"}) { name } }",
        json!({}),
    )
    .await;
    for (user, tenant) in [
        ("county-admin@330199", "330199"),
        ("county-admin@330105", "330105"),
    ] {
        app.ok(
            Some(&prov),
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({"i": {"tenantCode": tenant, "username": user, "displayName": "测试", "password": DEMO_PASSWORD, "roles": ["county-admin"]}}),
        )
        .await;
    }
    let succ = app.login("county-admin@330105").await;
    let users = "{ users(first: 100) { edges { node { username } } } }";
    let before = app.ok(Some(&succ), users, json!({})).await.to_string();
    assert!(!before.contains("county-admin@330199"), "not yet inherited");
    let d = app
        .ok(Some(&prov), "mutation { mergeTenants(input: {sourceCodes: [\"330199\"], intoCode: \"330105\"}) { code retired validTo successor { code } } }", json!({}))
        .await;
    assert_eq!(d["mergeTenants"][0]["retired"], true);
    assert_eq!(d["mergeTenants"][0]["successor"]["code"], "330105");
    let after = app.ok(Some(&succ), users, json!({})).await.to_string();
    assert!(
        after.contains("county-admin@330199"),
        "the successor sees the retired tenant's records: {after}"
    );
    let h = app
        .ok(
            Some(&prov),
            "{ tenant(code: \"330199\") { name history { edges { node { action detail } } } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = h["tenant"]["history"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "rename", "retire"]);
    assert_eq!(h["tenant"]["name"], "新测试区");
    let kids = app
        .ok(Some(&prov), "{ tenant(code: \"330100\") { children(first: 50, includeRetired: true) { totalCount } } }", json!({}))
        .await;
    assert_eq!(
        kids["tenant"]["children"]["totalCount"], 16,
        "13 active, 下城, 江干 and the merged test district"
    );
    // Bad changes are refused with field details, and other tenants may not change tenants at all.
    let bad = app.gql(Some(&prov), "mutation { createTenant(input: {code: \"33x\", name: \"x\", level: \"county\", parentCode: \"330100\"}) { code } }", json!({})).await;
    assert_eq!(code(&bad), "VALIDATION_FAILED");
    assert_eq!(
        bad["errors"][0]["extensions"]["details"][0]["field"],
        "code"
    );
    let again = app.gql(Some(&prov), "mutation { retireTenant(input: {code: \"330199\", successorCode: \"330105\"}) { code } }", json!({})).await;
    assert_eq!(code(&again), "CONFLICT");
    let city = app.login("city-admin@330100").await;
    let denied = app
        .gql(
            Some(&city),
            "mutation { renameTenant(input: {code: \"330106\", name: \"x\"}) { name } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&denied), "FORBIDDEN");
}
both!(create_rename_merge_keep_history, changes);
