//! Safety standardization review over the API, on both backends: the whole
//! flow to a signed certificate, rectification and re-review, refusal, the
//! public check of a certificate (forged numbers and signatures refused),
//! bad input, isolation between counties and review units, and numbers
//! without gaps when certificates are issued in parallel.

use crate::both;
use crate::hazard::enterprise;
use crate::helpers::*;
use serde_json::{json, Value};

pub(crate) const APP: &str = "id state appliedGrade achievedGrade reviewScore selfScore certificateNumber actions dueAt noticeEndsAt objections { id resolution }";

fn step_q() -> String {
    format!("mutation($id: String!, $a: StdAction!, $r: String, $m: [String!]) {{ standardizationStep(id: $id, action: $a, reason: $r, missing: $m) {{ {APP} }} }}")
}

pub(crate) async fn step(
    app: &TestApp,
    token: &str,
    id: &str,
    action: &str,
    reason: Option<&str>,
) -> Value {
    app.gql(
        Some(token),
        &step_q(),
        json!({"id": id, "a": action, "r": reason}),
    )
    .await
}

pub(crate) fn ok<'a>(v: &'a Value, field: &str) -> &'a Value {
    assert!(v["errors"].is_null(), "{v}");
    &v["data"][field]
}

/// The WH checklist's items: (code, points, veto).
pub(crate) async fn items(app: &TestApp, token: &str) -> Vec<(String, f64, bool)> {
    let v = app
        .ok(
            Some(token),
            "{ standardizationChecklists { industry inForce items } }",
            json!({}),
        )
        .await;
    let wh = v["standardizationChecklists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["industry"] == "WH" && c["inForce"] == true)
        .expect("a WH checklist in force")
        .clone();
    wh["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                i["points"].as_f64().unwrap(),
                i["veto"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// Marks earning `share` of every scored item.
pub(crate) fn marks(items: &[(String, f64, bool)], share: f64) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(code, points, veto)| {
                if *veto {
                    json!({"code": code})
                } else {
                    json!({"code": code, "score": (points * share).floor()})
                }
            })
            .collect(),
    )
}

pub(crate) const REVIEWERS: &str = r#"[{"name": "张评审", "certificateNo": "PS-0001"}, {"name": "李评审", "certificateNo": "PS-0002"}]"#;

/// Sets rules with no notice period, so a test can announce at once.
pub(crate) async fn no_notice(app: &TestApp) {
    let p = app.login("province-admin@330000").await;
    let r = app
        .ok(Some(&p), "{ standardizationRules }", json!({}))
        .await;
    let mut rules = r["standardizationRules"].clone();
    rules["noticeDays"] = json!(0);
    app.ok(
        Some(&p),
        "mutation($r: JSON!) { setStandardizationRules(rules: $r) }",
        json!({"r": rules}),
    )
    .await;
}

/// The organising unit of 330100 and a user of it.
async fn organiser(app: &TestApp) -> (String, String) {
    let city = app.login("city-admin@330100").await;
    let org = app
        .ok(
            Some(&city),
            "mutation { createOrganisation(input: {tenantCode: \"330100\", kind: \"review-organising-unit\", name: \"杭州市标准化评审组织单位\"}) { id } }",
            json!({}),
        )
        .await;
    let oid = org["createOrganisation"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.ok(
        Some(&city),
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        json!({"i": {"tenantCode": "330100", "username": "organiser", "displayName": "组织单位", "password": DEMO_PASSWORD,
                     "roles": ["reviewer"], "organisationId": oid}}),
    )
    .await;
    (oid, app.login("organiser").await)
}

pub(crate) struct Parties {
    pub(crate) county: String,
    pub(crate) city: String,
    pub(crate) reviewer: String,
    pub(crate) review_unit: String,
    pub(crate) organiser: String,
    pub(crate) organiser_unit: String,
}

pub(crate) async fn parties(app: &TestApp) -> Parties {
    let reviewer = app.login("reviewer@330100").await;
    let me = app
        .ok(Some(&reviewer), "{ me { organisationId } }", json!({}))
        .await;
    let (organiser_unit, organiser) = organiser(app).await;
    Parties {
        county: app.login("county-admin@330106").await,
        city: app.login("city-admin@330100").await,
        review_unit: me["me"]["organisationId"].as_str().unwrap().to_string(),
        reviewer,
        organiser,
        organiser_unit,
    }
}

pub(crate) async fn apply(app: &TestApp, ent: &str, grade: &str) -> Value {
    app.gql(
        Some(ent),
        &format!("mutation($i: ApplyInput!) {{ applyForStandardization(input: $i) {{ {APP} }} }}"),
        json!({"i": {"grade": grade, "systemRunSince": "2025-01-01"}}),
    )
    .await
}

pub(crate) async fn self_assess(app: &TestApp, ent: &str, id: &str, marks: Value) -> Value {
    app.gql(
        Some(ent),
        &format!("mutation($id: String!, $m: [MarkInput!]!) {{ selfAssessStandardization(id: $id, marks: $m) {{ {APP} }} }}"),
        json!({"id": id, "m": marks}),
    )
    .await
}

pub(crate) async fn review(
    app: &TestApp,
    reviewer: &str,
    id: &str,
    reviewers: Value,
    marks: Value,
) -> Value {
    app.gql(
        Some(reviewer),
        &format!("mutation($id: String!, $r: [ReviewerInput!]!, $m: [MarkInput!]!) {{ recordStandardizationReview(id: $id, reviewers: $r, marks: $m) {{ {APP} }} }}"),
        json!({"id": id, "r": reviewers, "m": marks}),
    )
    .await
}

pub(crate) async fn assign(app: &TestApp, p: &Parties, id: &str) -> Value {
    app.gql(
        Some(&p.city),
        &format!("mutation($id: String!, $u: String!, $o: String!) {{ assignStandardizationReview(id: $id, reviewUnitId: $u, organiserId: $o) {{ {APP} }} }}"),
        json!({"id": id, "u": p.review_unit, "o": p.organiser_unit}),
    )
    .await
}

/// An application of a new 330106 enterprise taken to `announced` (score 80%).
pub(crate) async fn to_announced(
    app: &TestApp,
    p: &Parties,
    seed: u64,
    items: &[(String, f64, bool)],
) -> String {
    let id = under_review(app, p, seed, items).await;
    let reviewers: Value = serde_json::from_str(REVIEWERS).unwrap();
    ok(
        &review(app, &p.reviewer, &id, reviewers, marks(items, 0.8)).await,
        "recordStandardizationReview",
    );
    for (who, action) in [
        (&p.reviewer, "SIGN_REPORT"),
        (&p.organiser, "ORGANISER_APPROVE"),
        (&p.city, "AUTHORITY_APPROVE"),
        (&p.city, "ANNOUNCE"),
    ] {
        ok(
            &step(app, who, &id, action, None).await,
            "standardizationStep",
        );
    }
    id
}

/// An application of a new 330106 enterprise (self-assessed at 80%)
/// consented, accepted and assigned: ready for the on-site review.
pub(crate) async fn under_review(
    app: &TestApp,
    p: &Parties,
    seed: u64,
    items: &[(String, f64, bool)],
) -> String {
    let (_, ent) = enterprise(app, seed, "330106", &format!("std-{seed}")).await;
    let id = ok(&apply(app, &ent, "3").await, "applyForStandardization")["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &self_assess(app, &ent, &id, marks(items, 0.8)).await,
        "selfAssessStandardization",
    );
    ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    );
    ok(
        &step(app, &p.city, &id, "ACCEPT", None).await,
        "standardizationStep",
    );
    ok(&assign(app, p, &id).await, "assignStandardizationReview");
    id
}

pub(crate) const ISSUE: &str = "mutation($id: String!) { issueStandardizationCertificate(id: $id) { number grade status signature qrPayload canonical } }";
pub(crate) const CHECK: &str = "query($n: String!, $s: String) { certificateCheck(number: $n, signature: $s) { number status grade enterpriseName signatureValid } }";

/// The whole flow: draft to certificate, with rectification and re-review
/// on the way, objections during the notice, and the public check.
async fn whole_flow(app: &TestApp) {
    no_notice(app).await;
    let p = parties(app).await;
    let (_, ent) = enterprise(app, 201, "330106", "std-ent").await;
    let items = items(app, &ent).await;

    // Bad applications.
    let r = apply(app, &ent, "1").await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = app
        .gql(Some(&ent), "mutation { applyForStandardization(input: {grade: \"3\", systemRunSince: \"2099-01-01\"}) { id } }", json!({}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    assert!(r.to_string().contains("systemRunSince"), "{r}");

    let a = apply(app, &ent, "3").await;
    let id = ok(&a, "applyForStandardization")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(a["data"]["applyForStandardization"]["state"], "draft");
    // One application at a time.
    assert_eq!(code(&apply(app, &ent, "3").await), "CONFLICT");

    // Self-assessment: a score above its item's points and a veto item not
    // applicable are refused, field by field, and nothing is written.
    let mut bad = marks(&items, 1.0);
    let first_scored = items.iter().position(|i| !i.2).unwrap();
    bad[first_scored]["score"] = json!(items[first_scored].1 + 1.0);
    let veto = items.iter().position(|i| i.2).unwrap();
    bad[veto]["notApplicable"] = json!(true);
    let r = self_assess(app, &ent, &id, bad).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let fields = r["errors"][0]["extensions"]["details"].to_string();
    assert!(fields.contains(&format!("marks.{first_scored}")), "{r}");
    assert!(fields.contains(&format!("marks.{veto}")), "{r}");
    let s = ok(
        &self_assess(app, &ent, &id, marks(&items, 0.5)).await,
        "selfAssessStandardization",
    )
    .clone();
    assert_eq!(s["state"], "self-assessed");
    assert!(s["selfScore"].as_f64().unwrap() < 51.0);

    // Out of order: the city can't accept what the county hasn't consented to.
    let r = step(app, &p.city, &id, "ACCEPT", None).await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    // The city doesn't consent to a 三级 application: the county does.
    let r = step(app, &p.city, &id, "CONSENT", None).await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    );
    let r = step(app, &p.county, &id, "ACCEPT", None).await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "the county is not the authority of 三级: {r}"
    );
    let acc = step(app, &p.city, &id, "ACCEPT", None).await;
    assert_eq!(ok(&acc, "standardizationStep")["state"], "accepted");
    assert!(!acc["data"]["standardizationStep"]["dueAt"].is_null());

    // Nobody sees it before assignment but the parties.
    let other_county = app.login("county-admin@330203").await;
    let q = format!("query($id: String!) {{ standardizationApplication(id: $id) {{ {APP} }} }}");
    let r = app.gql(Some(&other_county), &q, json!({"id": id})).await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = app.gql(Some(&p.reviewer), &q, json!({"id": id})).await;
    assert_eq!(
        code(&r),
        "NOT_FOUND",
        "a review unit sees only what is assigned to it: {r}"
    );

    // Assignment: an enterprise organisation is no review unit.
    let ent_org = app
        .ok(Some(&ent), "{ me { organisationId } }", json!({}))
        .await["me"]["organisationId"]
        .clone();
    let r = app
        .gql(Some(&p.city), "mutation($id: String!, $u: String!, $o: String!) { assignStandardizationReview(id: $id, reviewUnitId: $u, organiserId: $o) { id } }",
             json!({"id": id, "u": ent_org, "o": p.organiser_unit}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    ok(&assign(app, &p, &id).await, "assignStandardizationReview");
    app.ok(Some(&p.reviewer), &q, json!({"id": id})).await;
    let listed = app
        .ok(
            Some(&p.reviewer),
            "{ standardizationApplications { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["standardizationApplications"]["totalCount"], 1);

    // On-site review: one reviewer, or a reviewer of the enterprise itself, is refused.
    let one = json!([{"name": "张评审", "certificateNo": "PS-0001"}]);
    let r = review(app, &p.reviewer, &id, one, marks(&items, 0.9)).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let uscc = app.ok(Some(&ent), &q, json!({"id": id})).await;
    let _ = uscc;
    let own = app
        .ok(
            Some(&p.city),
            "query($id: String!) { standardizationApplication(id: $id) { enterpriseUscc } }",
            json!({"id": id}),
        )
        .await["standardizationApplication"]["enterpriseUscc"]
        .clone();
    let conflicted = json!([{"name": "张评审", "certificateNo": "PS-0001"}, {"name": "王", "certificateNo": "PS-0009", "employerUscc": own}]);
    let r = review(app, &p.reviewer, &id, conflicted, marks(&items, 0.9)).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    // Only the assigned unit reviews.
    let reviewers: Value = serde_json::from_str(REVIEWERS).unwrap();
    let r = review(
        app,
        &p.organiser,
        &id,
        reviewers.clone(),
        marks(&items, 0.9),
    )
    .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");

    // Below 三级 (50%): rectification, then a re-review that passes.
    let low = ok(
        &review(app, &p.reviewer, &id, reviewers.clone(), marks(&items, 0.5)).await,
        "recordStandardizationReview",
    )
    .clone();
    assert_eq!(low["state"], "rectifying", "{low}");
    assert!(low["achievedGrade"].is_null());
    let r = step(app, &ent, &id, "ACCEPT_ACHIEVED_GRADE", None).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "no grade reached: {r}");
    ok(
        &step(app, &ent, &id, "SUBMIT_RECTIFICATION", None).await,
        "standardizationStep",
    );
    let passed = ok(
        &review(app, &p.reviewer, &id, reviewers, marks(&items, 0.8)).await,
        "recordStandardizationReview",
    )
    .clone();
    assert_eq!(passed["state"], "reviewed", "{passed}");
    assert_eq!(passed["achievedGrade"], "3");

    ok(
        &step(app, &p.reviewer, &id, "SIGN_REPORT", None).await,
        "standardizationStep",
    );
    let r = step(app, &p.organiser, &id, "ORGANISER_RETURN", None).await;
    assert_eq!(
        code(&r),
        "VALIDATION_FAILED",
        "a return needs its reason: {r}"
    );
    ok(
        &step(app, &p.organiser, &id, "ORGANISER_APPROVE", None).await,
        "standardizationStep",
    );
    let n = ok(
        &step(app, &p.city, &id, "AUTHORITY_APPROVE", None).await,
        "standardizationStep",
    )
    .clone();
    assert_eq!(n["state"], "publicising");

    // An objection holds the announcement until it is resolved.
    let o = app
        .ok(Some(&p.city), &format!("mutation($id: String!) {{ recordStandardizationObjection(id: $id, text: \"现场仍有隐患\") {{ {APP} }} }}"), json!({"id": id}))
        .await;
    let oid = o["recordStandardizationObjection"]["objections"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = step(app, &p.city, &id, "ANNOUNCE", None).await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    app.ok(Some(&p.city), "mutation($id: String!, $o: String!) { resolveStandardizationObjection(id: $id, objectionId: $o, resolution: \"经核查已整改\") { id } }", json!({"id": id, "o": oid}))
        .await;
    ok(
        &step(app, &p.city, &id, "ANNOUNCE", None).await,
        "standardizationStep",
    );

    // The certificate: numbered, signed, checked by anyone.
    let c = app.ok(Some(&p.city), ISSUE, json!({"id": id})).await
        ["issueStandardizationCertificate"]
        .clone();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(c["number"], format!("浙AQBWHⅢ{year}00001"), "{c}");
    assert_eq!(c["status"], "valid");
    let number = c["number"].as_str().unwrap().to_string();
    let sig = c["signature"].as_str().unwrap().to_string();
    let pub_check = app.gql(None, CHECK, json!({"n": number, "s": sig})).await;
    assert_eq!(
        ok(&pub_check, "certificateCheck")["signatureValid"],
        true,
        "{pub_check}"
    );
    assert_eq!(pub_check["data"]["certificateCheck"]["status"], "valid");
    // A forged signature, a forged number and garbage are told apart.
    let mut forged = sig.clone();
    forged.replace_range(0..2, if &sig[0..2] == "00" { "11" } else { "00" });
    let r = app
        .gql(None, CHECK, json!({"n": number, "s": forged}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = app
        .gql(None, CHECK, json!({"n": format!("浙AQBWHⅢ{year}09999")}))
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = app.gql(None, CHECK, json!({"n": "' OR 1=1 --"})).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    // Certified is final; the timeline holds every step.
    assert_eq!(
        code(&step(app, &p.city, &id, "ANNOUNCE", None).await),
        "CONFLICT"
    );
    let t = app
        .ok(Some(&ent), "query($id: String!) { standardizationApplication(id: $id) { state certificateNumber timeline { action } } }", json!({"id": id}))
        .await;
    assert_eq!(t["standardizationApplication"]["state"], "certified");
    let actions: Vec<String> = t["standardizationApplication"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions.first().map(String::as_str), Some("apply"));
    assert_eq!(
        actions.last().map(String::as_str),
        Some("issue_certificate")
    );
    assert!(
        actions.contains(&"submit_rectification".to_string()),
        "{actions:?}"
    );

    // Statistics: the city sees where the application waited.
    let st = app
        .ok(Some(&p.city), "{ standardizationStatistics { total byState { key count } byGrade { key count } stepTimes { state count medianDays p90Days } } standardizationStatisticsCsv }", json!({}))
        .await;
    let s = &st["standardizationStatistics"];
    assert_eq!(s["total"], 1, "{st}");
    assert_eq!(s["byState"][0]["key"], "certified");
    let steps: Vec<&str> = s["stepTimes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["state"].as_str().unwrap())
        .collect();
    for waited in [
        "submitted",
        "accepted",
        "under-review",
        "rectifying",
        "publicising",
    ] {
        assert!(steps.contains(&waited), "{steps:?}");
    }
    assert!(
        st["standardizationStatisticsCsv"]
            .as_str()
            .unwrap()
            .contains("环节用时,under-review,2,"),
        "{st}"
    );
    let r = app
        .gql(
            Some(&ent),
            "{ standardizationStatistics { total } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");

    // Replaced (换发): a new number, the old one says replaced.
    let replace = "mutation($n: String!, $r: String!) { replaceStandardizationCertificate(number: $n, reason: $r) { number status validUntil } }";
    let r = app
        .gql(Some(&p.city), replace, json!({"n": number, "r": " "}))
        .await;
    assert_eq!(
        code(&r),
        "VALIDATION_FAILED",
        "a replacement needs its reason: {r}"
    );
    let r = app
        .gql(
            Some(&p.county),
            replace,
            json!({"n": number, "r": "证书遗失"}),
        )
        .await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "the county is not the authority of 三级: {r}"
    );
    let r = app
        .gql(
            Some(&p.city),
            replace,
            json!({"n": number, "r": "证书遗失"}),
        )
        .await;
    let new_number = ok(&r, "replaceStandardizationCertificate")["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(new_number, format!("浙AQBWHⅢ{year}00002"));
    let r = app.gql(None, CHECK, json!({"n": number})).await;
    assert_eq!(ok(&r, "certificateCheck")["status"], "replaced");
    let r = app.gql(None, CHECK, json!({"n": new_number})).await;
    assert_eq!(ok(&r, "certificateCheck")["signatureValid"], true, "{r}");
    let r = app
        .gql(
            Some(&p.city),
            replace,
            json!({"n": number, "r": "再次换发"}),
        )
        .await;
    assert_eq!(
        code(&r),
        "CONFLICT",
        "a replaced certificate isn't replaced again: {r}"
    );
    let number = new_number;

    // Revoked: the public check says so.
    let r = app
        .gql(Some(&p.city), "mutation($n: String!) { revokeStandardizationCertificate(number: $n, reason: \"发生较大事故\") { status } }", json!({"n": number}))
        .await;
    assert_eq!(
        ok(&r, "revokeStandardizationCertificate")["status"],
        "revoked"
    );
    let r = app.gql(None, CHECK, json!({"n": number})).await;
    assert_eq!(ok(&r, "certificateCheck")["status"], "revoked");
}
both!(standardization_whole_flow, whole_flow);

/// Refused at the form check, with the reason and what is missing; the
/// checklist can't be loaded twice or inconsistent.
async fn refusal_and_checklists(app: &TestApp) {
    let p = parties(app).await;
    let (_, ent) = enterprise(app, 202, "330106", "std-refused").await;
    let items = items(app, &ent).await;
    let id = ok(&apply(app, &ent, "3").await, "applyForStandardization")["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &self_assess(app, &ent, &id, marks(&items, 0.9)).await,
        "selfAssessStandardization",
    );
    ok(
        &step(app, &p.county, &id, "CONSENT", None).await,
        "standardizationStep",
    );
    let r = step(app, &p.city, &id, "REFUSE", None).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = app
        .gql(Some(&p.city), &step_q(), json!({"id": id, "a": "REFUSE", "r": "材料不全", "m": ["安全生产责任制文件", "自评报告"]}))
        .await;
    assert_eq!(ok(&r, "standardizationStep")["state"], "refused");
    let r = step(app, &p.city, &id, "ACCEPT", None).await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    assert!(r.to_string().contains("refused"), "{r}");
    // A new application is possible after a refusal.
    let again = ok(&apply(app, &ent, "3").await, "applyForStandardization")["id"]
        .as_str()
        .unwrap()
        .to_string();

    let province = app.login("province-admin@330000").await;
    let load = "mutation($c: String!) { loadStandardizationChecklist(checklist: $c) { industry version inForce itemCount } }";
    let r = app
        .gql(
            Some(&province),
            load,
            json!({"c": "{\"industry\": \"WH\"}"}),
        )
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let c = json!({"industry": "WH", "name": "测试", "standard": "GB/T 33000-2016", "version": "2099.1", "fullScore": 10,
                   "items": [{"code": "1", "element": "目标职责", "text": "t", "points": 10}, {"code": "V1", "element": "事故管理", "text": "v", "points": 0, "veto": true}]});
    let r = app
        .gql(Some(&p.city), load, json!({"c": c.to_string()}))
        .await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "only the province loads checklists: {r}"
    );
    let r = app
        .gql(Some(&province), load, json!({"c": c.to_string()}))
        .await;
    assert_eq!(ok(&r, "loadStandardizationChecklist")["inForce"], true);
    let r = app
        .gql(Some(&province), load, json!({"c": c.to_string()}))
        .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    // The superseded version can't be scored against any more.
    let old = app
        .gql(Some(&ent), "mutation($id: String!) { selfAssessStandardization(id: $id, marks: [], checklistVersion: \"2024.1\") { id } }", json!({"id": again}))
        .await;
    assert_eq!(code(&old), "VALIDATION_FAILED", "{old}");
    assert!(old.to_string().contains("checklistVersion"), "{old}");
}
both!(
    standardization_refusal_and_checklists,
    refusal_and_checklists
);

/// Certificates issued at once get consecutive numbers: no gaps, no duplicates.
async fn parallel_issuing(app: &TestApp) {
    no_notice(app).await;
    let p = parties(app).await;
    let (_, probe) = enterprise(app, 300, "330106", "std-probe").await;
    let items = items(app, &probe).await;
    let mut ids = Vec::new();
    for seed in 301..307 {
        ids.push(to_announced(app, &p, seed, &items).await);
    }
    let issued = futures::future::join_all(ids.iter().map(|id| {
        let city = p.city.clone();
        async move { app.gql(Some(&city), ISSUE, json!({"id": id})).await }
    }))
    .await;
    let mut numbers: Vec<String> = issued
        .iter()
        .map(|r| {
            ok(r, "issueStandardizationCertificate")["number"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    numbers.sort();
    let year = chrono::Utc::now().format("%Y").to_string();
    let expected: Vec<String> = (1..=ids.len())
        .map(|i| format!("浙AQBWHⅢ{year}{i:05}"))
        .collect();
    assert_eq!(numbers, expected);
}
both!(standardization_parallel_issuing, parallel_issuing);
