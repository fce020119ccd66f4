//! Organisations acting across tenants: a review unit registered in one tenant
//! works in another only through a grant, and loses it when revoked.

use crate::both;
use crate::helpers::*;
use serde_json::json;

const ME: &str = "{ me { visibleTenantCodes organisationId } }";

async fn grants(app: &TestApp) {
    let reviewer = app.login("reviewer@330100").await;
    let me = app.ok(Some(&reviewer), ME, json!({})).await;
    let visible = me["me"]["visibleTenantCodes"].to_string();
    assert!(!visible.contains("330203"), "{visible}");
    let org = me["me"]["organisationId"].as_str().unwrap().to_string();
    // The province's security administrator grants the review unit work in 宁波海曙.
    let sec = app.login("security-admin@330000").await;
    let g = app
        .ok(Some(&sec), "mutation($o: String!) { grantOrganisation(input: {tenantCode: \"330203\", organisationId: $o, role: \"reviewer\"}) { id tenantCode organisationTenantCode revoked } }", json!({"o": org}))
        .await;
    assert_eq!(g["grantOrganisation"]["organisationTenantCode"], "330100");
    let grant_id = g["grantOrganisation"]["id"].as_str().unwrap().to_string();
    let me = app.ok(Some(&reviewer), ME, json!({})).await;
    assert!(
        me["me"]["visibleTenantCodes"]
            .to_string()
            .contains("330203"),
        "the grant widens visibility"
    );
    // A record-level grant does not open the whole tenant; admin roles can't be granted.
    let rec = app
        .ok(Some(&sec), "mutation($o: String!) { grantOrganisation(input: {tenantCode: \"330106\", organisationId: $o, role: \"reviewer\", recordType: \"review\", recordId: \"r-1\"}) { recordId } }", json!({"o": org}))
        .await;
    assert_eq!(rec["grantOrganisation"]["recordId"], "r-1");
    let bad = app
        .gql(Some(&sec), "mutation($o: String!) { grantOrganisation(input: {tenantCode: \"330106\", organisationId: $o, role: \"county-admin\"}) { id } }", json!({"o": org}))
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED");
    let county_sec = app.login("security-admin@330106").await;
    let foreign = app
        .gql(Some(&county_sec), "mutation($o: String!) { grantOrganisation(input: {tenantCode: \"330203\", organisationId: $o, role: \"reviewer\"}) { id } }", json!({"o": org}))
        .await;
    assert_eq!(
        code(&foreign),
        "NOT_FOUND",
        "a county grants only in its own tenants"
    );
    app.ok(
        Some(&sec),
        "mutation($g: String!) { revokeGrant(input: {id: $g}) { revoked } }",
        json!({"g": grant_id}),
    )
    .await;
    let me = app.ok(Some(&reviewer), ME, json!({})).await;
    assert!(
        !me["me"]["visibleTenantCodes"]
            .to_string()
            .contains("330203"),
        "revoked"
    );
    let again = app
        .gql(
            Some(&sec),
            "mutation($g: String!) { revokeGrant(input: {id: $g}) { revoked } }",
            json!({"g": grant_id}),
        )
        .await;
    assert_eq!(code(&again), "CONFLICT");
    // Organisations are created by system admins, members join with their org id.
    let admin = app.login("county-admin@330106").await;
    let o = app.ok(Some(&admin), "mutation { createOrganisation(input: {tenantCode: \"330106\", kind: \"training-institution\", name: \"西湖安全培训中心\"}) { id kind } }", json!({})).await;
    let oid = o["createOrganisation"]["id"].as_str().unwrap();
    let u = app
        .ok(Some(&admin), "mutation($i: CreateUserInput!) { createUser(input: $i) { organisationId } }", json!({"i": {"tenantCode": "330106", "username": "trainer", "displayName": "培训老师", "password": DEMO_PASSWORD, "roles": ["examinee"], "organisationId": oid}}))
        .await;
    assert_eq!(u["createUser"]["organisationId"], oid);
    let admin_member = app
        .gql(Some(&admin), "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", json!({"i": {"tenantCode": "330106", "username": "org-admin", "displayName": "x", "password": DEMO_PASSWORD, "roles": ["county-admin"], "organisationId": oid}}))
        .await;
    assert_eq!(
        code(&admin_member),
        "VALIDATION_FAILED",
        "organisation members hold no administrator roles"
    );
    let kind = app.gql(Some(&admin), "mutation { createOrganisation(input: {tenantCode: \"330106\", kind: \"pirate-ship\", name: \"x\"}) { id } }", json!({})).await;
    assert_eq!(
        kind["errors"][0]["extensions"]["details"][0]["field"],
        "kind"
    );
}
both!(organisations_act_across_tenants_through_grants, grants);
