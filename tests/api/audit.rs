//! The audit trail: every mutation is recorded with before/after, readable by
//! audit administrators within their tenants, and tampering is detected.

use crate::both;
use crate::helpers::*;
use serde_json::json;
use sqlx::Connection;

const LOG: &str = "query($f: AuditFilter) { auditLog(filter: $f, first: 50) { totalCount edges { node { tenantCode seq actor operation targetType targetId changes requestId clientAddr hash prevHash } } } }";

async fn trail(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let d = app
        .ok(Some(&admin), "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", json!({"i": {"tenantCode": "330106", "username": "audited", "displayName": "被审计", "password": DEMO_PASSWORD, "roles": ["inspector"]}}))
        .await;
    let id = d["createUser"]["id"].as_str().unwrap().to_string();
    let auditor = app.login("audit-admin@330106").await;
    let log = app
        .ok(Some(&auditor), LOG, json!({"f": {"targetId": id}}))
        .await;
    let node = &log["auditLog"]["edges"][0]["node"];
    assert_eq!(node["operation"], "user.create");
    assert_eq!(node["actor"], "county-admin@330106");
    assert_eq!(node["clientAddr"], "127.0.0.1");
    assert!(node["changes"].to_string().contains("被审计"), "{node}");
    assert_eq!(node["hash"].as_str().unwrap().len(), 64);
    let by_actor = app
        .ok(
            Some(&auditor),
            LOG,
            json!({"f": {"actor": "county-admin@330106", "operation": "auth.login"}}),
        )
        .await;
    assert!(by_actor["auditLog"]["totalCount"].as_i64().unwrap() >= 1);
    let other = app
        .ok(Some(&auditor), LOG, json!({"f": {"tenantCode": "330203"}}))
        .await;
    assert_eq!(
        other["auditLog"]["totalCount"], 0,
        "a county auditor sees only its county"
    );
    let city = app.login("audit-admin@330100").await;
    let seen = app
        .ok(Some(&city), LOG, json!({"f": {"targetId": id}}))
        .await;
    assert_eq!(
        seen["auditLog"]["totalCount"], 1,
        "the city auditor sees its counties"
    );
    let future = app
        .ok(
            Some(&auditor),
            LOG,
            json!({"f": {"from": "2099-01-01T00:00:00Z"}}),
        )
        .await;
    assert_eq!(future["auditLog"]["totalCount"], 0);

    // Intact chain, then an edit by hand in the database is found.
    let ok = app.cli(&["audit", "verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));
    const VERIFY: &str = "query($t: String) { auditVerification(tenantCode: $t) { intact tenants records firstBreak { tenantCode seq reason } } }";
    let v = app.ok(Some(&auditor), VERIFY, json!({})).await;
    assert_eq!(v["auditVerification"]["intact"], true, "{v}");
    assert_eq!(v["auditVerification"]["tenants"], 1, "only its county: {v}");
    assert!(
        v["auditVerification"]["records"].as_i64().unwrap() >= 2,
        "{v}"
    );
    let elsewhere = app
        .gql(Some(&auditor), VERIFY, json!({"t": "330203"}))
        .await;
    assert_eq!(code(&elsewhere), "NOT_FOUND", "{elsewhere}");
    let not_auditor = app.gql(Some(&admin), VERIFY, json!({})).await;
    assert_eq!(code(&not_auditor), "FORBIDDEN", "{not_auditor}");
    // What the console offers follows the roles' permissions.
    let me = app
        .ok(Some(&auditor), "{ me { permissions } }", json!({}))
        .await;
    assert_eq!(me["me"]["permissions"], json!(["audit.read"]));
    let me = app
        .ok(Some(&admin), "{ me { permissions } }", json!({}))
        .await;
    let perms = me["me"]["permissions"].to_string();
    assert!(
        perms.contains("\"user.manage\"")
            && perms.contains("\"enterprise.read\"")
            && !perms.contains("audit.read"),
        "{perms}"
    );

    let seq = node["seq"].as_i64().unwrap();
    tamper(app, seq).await;
    let v = app.ok(Some(&auditor), VERIFY, json!({"t": "330106"})).await;
    assert_eq!(v["auditVerification"]["intact"], false, "{v}");
    assert_eq!(v["auditVerification"]["firstBreak"]["tenantCode"], "330106");
    assert_eq!(v["auditVerification"]["firstBreak"]["seq"], seq);
    let broken = app.cli(&["audit", "verify"]);
    let out = String::from_utf8_lossy(&broken.stdout);
    assert_eq!(broken.status.code(), Some(2), "{out}");
    assert!(
        out.contains("330106") && out.contains(&format!("record {seq}")),
        "{out}"
    );
}
both!(mutations_are_audited_and_tampering_detected, trail);

async fn tamper(app: &TestApp, seq: i64) {
    match &app.pg {
        Some(pg) => {
            let mut c = sqlx::PgConnection::connect(&pg.superuser_url())
                .await
                .unwrap();
            sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query(
                "UPDATE audit_log SET actor = 'mallory' WHERE tenant_id = '330106' AND seq = $1",
            )
            .bind(seq)
            .execute(&mut c)
            .await
            .unwrap();
        }
        None => {
            let url = format!("sqlite://{}", app.data_dir.join("anjian.db").display());
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            let refused = sqlx::query(
                "UPDATE audit_log SET actor = 'mallory' WHERE tenant_id = '330106' AND seq = ?",
            )
            .bind(seq)
            .execute(&mut c)
            .await;
            assert!(refused.is_err(), "append-only trigger");
            sqlx::query("DROP TRIGGER audit_log_no_update")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query(
                "UPDATE audit_log SET actor = 'mallory' WHERE tenant_id = '330106' AND seq = ?",
            )
            .bind(seq)
            .execute(&mut c)
            .await
            .unwrap();
        }
    }
}

#[tokio::test]
async fn sm3_chains_for_guomi() {
    let opts = Opts {
        env: vec![("ANJIAN_AUDIT_HASH".into(), "sm3".into())],
        ..Opts::default()
    };
    let app = spawn_with(Backend::Sqlite, opts).await.unwrap();
    app.login("county-admin@330106").await;
    let auditor = app.login("audit-admin@330106").await;
    let log = app
        .ok(
            Some(&auditor),
            "{ auditLog(first: 1) { edges { node { hashAlgorithm hash } } } }",
            json!({}),
        )
        .await;
    assert_eq!(log["auditLog"]["edges"][0]["node"]["hashAlgorithm"], "sm3");
    let out = app.cli(&["audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Runs `sql` on the test database as its owner, past the append-only
/// triggers (what an attacker with the database's files or superuser does).
async fn by_hand(app: &TestApp, sql: &str) {
    match &app.pg {
        Some(pg) => {
            let mut c = sqlx::PgConnection::connect(&pg.superuser_url())
                .await
                .unwrap();
            sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query(sql).execute(&mut c).await.unwrap();
            sqlx::query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
                .execute(&mut c)
                .await
                .unwrap();
        }
        None => {
            let url = format!("sqlite://{}", app.data_dir.join("anjian.db").display());
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query("DROP TRIGGER IF EXISTS audit_log_no_delete")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query(sql).execute(&mut c).await.unwrap();
        }
    }
}

/// Five audited changes in 330106; returns the chain's last seq there.
async fn five_changes(app: &TestApp) -> i64 {
    let admin = app.login("county-admin@330106").await;
    let id = app.user_id("examinee@330106").await;
    for d in [true, false, true, false, true] {
        app.ok(Some(&admin), "mutation($id: String!, $d: Boolean!) { setUserDisabled(input: {userId: $id, disabled: $d}) { id } }", json!({"id": id, "d": d})).await;
    }
    let auditor = app.login("audit-admin@330106").await;
    let v = app
        .ok(
            Some(&auditor),
            "{ auditLog(filter: {tenantCode: \"330106\"}, first: 1) { edges { node { seq } } } }",
            json!({}),
        )
        .await;
    v["auditLog"]["edges"][0]["node"]["seq"].as_i64().unwrap()
}

/// A record deleted from the middle of a chain, and the chain's last
/// records cut off, are both found.
async fn deletions(app: &TestApp) {
    let last = five_changes(app).await;
    assert!(last >= 5, "{last}");
    by_hand(
        app,
        &format!(
            "DELETE FROM audit_log WHERE tenant_id = '330106' AND seq = {}",
            last - 2
        ),
    )
    .await;
    let out = app.cli(&["audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains(&format!("record {}", last - 2)),
        "the gap: {text}"
    );
    assert!(text.contains("missing"), "{text}");
}
both!(audit_deletion_is_found, deletions);

async fn truncation(app: &TestApp) {
    let last = five_changes(app).await;
    by_hand(
        app,
        &format!(
            "DELETE FROM audit_log WHERE tenant_id = '330106' AND seq > {}",
            last - 2
        ),
    )
    .await;
    let out = app.cli(&["audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains(&format!("record {}", last - 1)), "{text}");
    assert!(text.contains("deleted"), "the cut tail: {text}");
}
both!(audit_truncation_is_found, truncation);

/// The audit administrator exports the trail as CSV with its hashes; the
/// export is audited; nobody else may export.
async fn export(app: &TestApp) {
    use sha2::Digest;
    five_changes(app).await;
    let auditor = app.login("audit-admin@330106").await;
    let q = "{ auditExport(filter: {tenantCode: \"330106\"}) { csv rows sha256 } }";
    let e = app.ok(Some(&auditor), q, json!({})).await["auditExport"].clone();
    let csv = e["csv"].as_str().unwrap();
    assert!(csv.starts_with("tenant,seq,id,at,actor"), "{csv}");
    assert_eq!(csv.lines().count() as i64, e["rows"].as_i64().unwrap() + 1);
    assert!(e["rows"].as_i64().unwrap() >= 5);
    assert_eq!(
        e["sha256"],
        hex::encode(sha2::Sha256::digest(csv.as_bytes()))
    );
    let log = app
        .ok(Some(&auditor), "{ auditLog(filter: {operation: \"audit.export\"}) { totalCount edges { node { targetId } } } }", json!({}))
        .await;
    assert_eq!(log["auditLog"]["edges"][0]["node"]["targetId"], e["sha256"]);
    let admin = app.login("county-admin@330106").await;
    assert_eq!(
        code(&app.gql(Some(&admin), q, json!({})).await),
        "FORBIDDEN"
    );
}
both!(audit_export_for_the_auditor, export);
