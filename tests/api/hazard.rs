//! Hidden-hazard governance over the API, on both backends: both loops end
//! to end, enterprise isolation, overdue flagging by the job queue with
//! escalation, county triage plugins, statistics against a recount, public
//! reports with their rate limit, self-checks and periodic reports, and
//! attachments with their content checks.

use crate::both;
use crate::helpers::*;
use anjian_enterprise::model::generate_uscc;
use serde_json::{json, Value};
use std::time::Duration;

const FIELDS: &str = "id tenantCode enterpriseId level state stateName source category deadline overdue listed listingLevel inspector siteCheckDue version";
const CREATE_ENT: &str =
    "mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id uscc } }";

fn report_q() -> String {
    format!("mutation($i: ReportHazardInput!) {{ reportHazard(input: $i) {{ {FIELDS} }} }}")
}

/// An enterprise of `county` (with a grade-1 major hazard source), and a
/// signed-in user of it. Returns (enterprise id, the user's token).
pub(crate) async fn enterprise(
    app: &TestApp,
    seed: u64,
    county: &str,
    user: &str,
) -> (String, String) {
    let admin = app.login(&format!("county-admin@{county}")).await;
    let uscc = generate_uscc(seed, county).to_string();
    let e = app
        .ok(
            Some(&admin),
            CREATE_ENT,
            json!({"i": {
                "uscc": uscc, "name": format!("企业{seed}"), "principal": "王五", "principalPhone": "0571-88888888",
                "productionAddress": format!("{county}某路{seed}号"), "divisionCode": format!("{county}001"),
                "industry": "WH", "staffCount": 120, "revenueWan": 2500.0,
                "majorHazards": [{"name": "储罐区", "rValue": 120.0}]
            }}),
        )
        .await;
    let id = e["createEnterprise"]["id"].as_str().unwrap().to_string();
    let org = app
        .ok(
            Some(&admin),
            "mutation($t: String!, $n: String!, $u: String!) { createOrganisation(input: {tenantCode: $t, kind: \"enterprise\", name: $n, uscc: $u}) { id } }",
            json!({"t": county, "n": format!("企业{seed}"), "u": uscc}),
        )
        .await;
    let oid = org["createOrganisation"]["id"].as_str().unwrap();
    app.ok(
        Some(&admin),
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        json!({"i": {"tenantCode": county, "username": user, "displayName": user, "password": DEMO_PASSWORD,
                     "roles": ["enterprise"], "organisationId": oid}}),
    )
    .await;
    (id, app.login(user).await)
}

fn general(category: &str) -> Value {
    json!({"category": category, "level": "general", "description": "配电箱未接地", "location": "二车间"})
}

async fn act(app: &TestApp, token: &str, mutation: &str, args: &str, vars: Value) -> Value {
    let q = format!("mutation($id: String!{args}) {{ {mutation} {{ {FIELDS} }} }}");
    app.gql(Some(token), &q, vars).await
}

fn data<'a>(v: &'a Value, field: &str) -> &'a Value {
    assert!(v["errors"].is_null(), "{v}");
    &v["data"][field]
}

fn in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

async fn general_loop(app: &TestApp) {
    let (a_id, a) = enterprise(app, 11, "330106", "ent-a").await;
    let (_, b) = enterprise(app, 12, "330106", "ent-b").await;
    let inspector = app.login("inspector@330106").await;

    // Bad input: each a field-level error, nothing stored.
    for (bad, field) in [
        (json!({"deadline": "2020-01-01"}), "deadline"),
        (json!({"deadline": "2026-13-01"}), "deadline"),
        (json!({"category": "weather"}), "category"),
        (json!({"level": "serious"}), "level"),
        (json!({"description": "  "}), "description"),
        (json!({"foundAt": "2099-01-01T00:00:00Z"}), "foundAt"),
        (json!({"fundsWan": -1.0}), "fundsWan"),
    ] {
        let mut i = general("electrical");
        for (k, v) in bad.as_object().unwrap() {
            i[k] = v.clone();
        }
        let r = app.gql(Some(&a), &report_q(), json!({"i": i})).await;
        assert_eq!(code(&r), "VALIDATION_FAILED", "{bad}: {r}");
        assert_eq!(
            r["errors"][0]["extensions"]["details"][0]["field"], field,
            "{r}"
        );
    }
    // An enterprise can't report for another enterprise.
    let mut other = general("electrical");
    other["enterpriseId"] = json!("not-mine");
    let r = app.gql(Some(&b), &report_q(), json!({"i": other})).await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");

    let mut i = general("electrical");
    i["deadline"] = json!(in_days(20));
    let r = app.gql(Some(&a), &report_q(), json!({"i": i})).await;
    let h = data(&r, "reportHazard").clone();
    assert_eq!(
        (
            h["state"].as_str(),
            h["source"].as_str(),
            h["level"].as_str()
        ),
        (Some("rectifying"), Some("self-check"), Some("general"))
    );
    assert_eq!(h["stateName"], "整改中");
    let id = h["id"].as_str().unwrap().to_string();

    // Enterprise B sees nothing of A's hazard, even in the same county.
    let r = app
        .gql(
            Some(&b),
            "query($id: String!) { hazard(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND");
    let r = app
        .ok(
            Some(&b),
            "{ hazards { totalCount edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(r["hazards"]["totalCount"], 0, "{r}");
    let r = act(app, &b, "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"接地\"})", "", json!({"id": id})).await;
    assert_eq!(code(&r), "NOT_FOUND", "B can't rectify A's hazard: {r}");
    let r = app
        .ok(Some(&a), "{ hazards { totalCount } }", json!({}))
        .await;
    assert_eq!(r["hazards"]["totalCount"], 1);

    // Out of order: accepting what isn't submitted names the current state.
    let r = act(
        app,
        &inspector,
        "acceptHazard(id: $id)",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("整改中"),
        "{r}"
    );

    // Submitting without the five fixed is refused field by field.
    let r = act(
        app,
        &a,
        "submitHazardRectification(id: $id, input: {comment: \"已整改\"})",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let fields: Vec<&str> = r["errors"][0]["extensions"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["responsiblePerson", "measures"]);

    let submit = "submitHazardRectification(id: $id, input: {comment: \"已重新接地\", responsiblePerson: \"李四\", measures: \"重新接地并检测\", fundsWan: 0.5})";
    let r = act(app, &a, submit, "", json!({"id": id})).await;
    assert_eq!(
        data(&r, "submitHazardRectification")["state"],
        "awaiting-acceptance"
    );
    // The enterprise can't accept its own work.
    let r = act(app, &a, "acceptHazard(id: $id)", "", json!({"id": id})).await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    // Returning needs a reason.
    let r = act(
        app,
        &inspector,
        "returnHazard(id: $id, reason: \" \")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = act(
        app,
        &inspector,
        "returnHazard(id: $id, reason: \"接地电阻仍超标\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "returnHazard")["state"], "rectifying");
    let r = act(app, &a, submit, "", json!({"id": id})).await;
    assert_eq!(
        data(&r, "submitHazardRectification")["state"],
        "awaiting-acceptance"
    );
    let r = act(
        app,
        &inspector,
        "acceptHazard(id: $id, comment: \"复查合格\")",
        "",
        json!({"id": id}),
    )
    .await;
    let closed = data(&r, "acceptHazard");
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["inspector"], "inspector@330106");

    // The whole timeline in one query: who, what, from which state to which.
    let t = app
        .ok(Some(&a), "query($id: String!) { hazard(id: $id) { closedAt timeline { seq actor action fromState toState comment } } }", json!({"id": id}))
        .await;
    let steps: Vec<(String, String, String)> = t["hazard"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["actor"].as_str().unwrap().to_string(),
                e["toState"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("report", "ent-a", "rectifying"),
        ("submit-rectification", "ent-a", "awaiting-acceptance"),
        ("return", "inspector@330106", "rectifying"),
        ("submit-rectification", "ent-a", "awaiting-acceptance"),
        ("accept", "inspector@330106", "closed"),
    ];
    assert_eq!(
        steps,
        want.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(t["hazard"]["timeline"][2]["comment"], "接地电阻仍超标");
    assert!(!t["hazard"]["closedAt"].is_null());
    // And the audit trail has every step.
    let audit = app.login("audit-admin@330106").await;
    let log = app
        .ok(
            Some(&audit),
            "query($id: String!) { auditLog(filter: {targetId: $id}) { totalCount } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(log["auditLog"]["totalCount"], 5, "{log}");
    // A closed hazard goes nowhere.
    let r = act(app, &a, submit, "", json!({"id": id})).await;
    assert_eq!(code(&r), "CONFLICT");

    // An inspector's report (监管检查) of A: A is told to rectify.
    let mut i = general("fire");
    i["enterpriseId"] = json!(a_id);
    let r = app
        .gql(Some(&inspector), &report_q(), json!({"i": i}))
        .await;
    let h = data(&r, "reportHazard");
    assert_eq!(h["source"], "inspection");
    assert!(!h["deadline"].is_null(), "the rules' default deadline");
    let n = app
        .ok(
            Some(&a),
            "{ notifications { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert!(n.to_string().contains("请整改隐患"), "{n}");
}
both!(hazard_general_loop, general_loop);

fn major_report() -> Value {
    json!({"stateAndCause": "储罐区防火堤破损，因年久失修", "harmAndDifficulty": "泄漏可致火灾爆炸；需停产维修"})
}

fn plan(time_limit: &str) -> Value {
    json!({"goals": "修复防火堤", "measures": "停产、清罐、重建防火堤", "fundsAndMaterials": "80万元，水泥钢材",
           "responsible": "设备部 张三", "timeLimit": time_limit, "safetyAndEmergency": "动火审批，现场消防车待命"})
}

async fn major_loop(app: &TestApp) {
    let (_, a) = enterprise(app, 21, "330106", "ent-major").await;
    let (_, b) = enterprise(app, 22, "330106", "ent-other").await;
    let inspector = app.login("inspector@330106").await;
    let county = app.login("county-admin@330106").await;
    let city = app.login("city-admin@330100").await;
    let other_city = app.login("city-admin@330200").await;

    let i = json!({"category": "explosion", "level": "major", "description": "储罐区防火堤破损", "majorReport": major_report()});
    let r = app.gql(Some(&a), &report_q(), json!({"i": i})).await;
    let h = data(&r, "reportHazard");
    assert_eq!(h["state"], "reported");
    let id = h["id"].as_str().unwrap().to_string();
    // County admins and inspectors hear of a 重大 report at once.
    let n = app
        .ok(
            Some(&county),
            "{ notifications { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert!(n.to_string().contains("重大事故隐患报告"), "{n}");

    // Listing before verification names the state.
    let r = act(app, &county, "listHazard(id: $id)", "", json!({"id": id})).await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("已报告"),
        "{r}"
    );
    let r = act(
        app,
        &inspector,
        "verifyHazard(id: $id, input: {major: true, comment: \"现场核实属实\"})",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "verifyHazard")["state"], "verified");
    // Another city can't even see it.
    let r = act(
        app,
        &other_city,
        "listHazard(id: $id)",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = act(
        app,
        &city,
        "listHazard(id: $id, comment: \"市级挂牌督办\")",
        "",
        json!({"id": id}),
    )
    .await;
    let listed = data(&r, "listHazard");
    assert_eq!(
        (listed["state"].as_str(), listed["listingLevel"].as_str()),
        (Some("listed"), Some("city"))
    );
    // Enterprise B can't file A's plan.
    let r = act(
        app,
        &b,
        "fileHazardGovernancePlan(id: $id, plan: $p)",
        ", $p: GovernancePlanInput!",
        json!({"id": id, "p": plan(&in_days(60))}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND");
    // A plan missing parts, or with a past time limit, is refused.
    let mut incomplete = plan("2020-01-01");
    incomplete["goals"] = json!("");
    let r = act(
        app,
        &a,
        "fileHazardGovernancePlan(id: $id, plan: $p)",
        ", $p: GovernancePlanInput!",
        json!({"id": id, "p": incomplete}),
    )
    .await;
    assert_eq!(code(&r), "VALIDATION_FAILED");
    let fields = r["errors"][0]["extensions"]["details"].to_string();
    assert!(
        fields.contains("plan.goals") && fields.contains("plan.timeLimit"),
        "{fields}"
    );
    let r = act(
        app,
        &a,
        "fileHazardGovernancePlan(id: $id, plan: $p)",
        ", $p: GovernancePlanInput!",
        json!({"id": id, "p": plan(&in_days(60))}),
    )
    .await;
    let g = data(&r, "fileHazardGovernancePlan");
    assert_eq!(g["state"], "governing");
    assert!(g["deadline"]
        .as_str()
        .unwrap()
        .starts_with(&in_days(60)[..4]));
    let r = act(
        app,
        &a,
        "reportHazardProgress(id: $id, comment: \"已清罐\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "reportHazardProgress")["state"], "governing");
    // Applying to close before the evaluation is out of order.
    let r = act(
        app,
        &a,
        "applyToCloseHazard(id: $id)",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "CONFLICT");
    let r = act(
        app,
        &a,
        "submitHazardEvaluation(id: $id, comment: \"第三方评估合格\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "submitHazardEvaluation")["state"], "evaluated");
    let r = act(
        app,
        &a,
        "applyToCloseHazard(id: $id, comment: \"申请销号并恢复生产\")",
        "",
        json!({"id": id}),
    )
    .await;
    let applied = data(&r, "applyToCloseHazard");
    assert_eq!(applied["state"], "close-applied");
    assert!(!applied["siteCheckDue"].is_null());
    // The site check fails: back to governance; then it passes.
    let r = act(
        app,
        &inspector,
        "recordHazardSiteCheck(id: $id, passed: false)",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "a failure needs a reason");
    let r = act(
        app,
        &inspector,
        "recordHazardSiteCheck(id: $id, passed: false, comment: \"防火堤高度不足\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "recordHazardSiteCheck")["state"], "governing");
    for (m, s) in [
        (
            "submitHazardEvaluation(id: $id, comment: \"加高后复评合格\")",
            "evaluated",
        ),
        ("applyToCloseHazard(id: $id)", "close-applied"),
    ] {
        let r = act(app, &a, m, "", json!({"id": id})).await;
        assert_eq!(
            r["data"].as_object().unwrap().values().next().unwrap()["state"],
            s,
            "{r}"
        );
    }
    let r = act(
        app,
        &inspector,
        "recordHazardSiteCheck(id: $id, passed: true, comment: \"现场审查通过\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "recordHazardSiteCheck")["state"], "site-checked");
    // Listed by the city: the county can't close it, the city can.
    let r = act(app, &county, "closeHazard(id: $id)", "", json!({"id": id})).await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    let r = act(
        app,
        &city,
        "closeHazard(id: $id, comment: \"销号\")",
        "",
        json!({"id": id}),
    )
    .await;
    assert_eq!(data(&r, "closeHazard")["state"], "closed");

    let t = app
        .ok(
            Some(&a),
            "query($id: String!) { hazard(id: $id) { timeline { action actor } } }",
            json!({"id": id}),
        )
        .await;
    let actions: Vec<&str> = t["hazard"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "report",
            "verify",
            "list",
            "file-plan",
            "report-progress",
            "submit-evaluation",
            "apply-to-close",
            "fail-site-check",
            "submit-evaluation",
            "apply-to-close",
            "pass-site-check",
            "close"
        ]
    );
    // Listed and closed in the city's figures.
    let s = app
        .ok(
            Some(&city),
            "{ hazardStatistics { total { found listed listedClosed rectified } } }",
            json!({}),
        )
        .await;
    let total = &s["hazardStatistics"]["total"];
    assert_eq!(
        (total["listed"].as_i64(), total["listedClosed"].as_i64()),
        (Some(1), Some(1)),
        "{s}"
    );

    // A 重大 report found to be 一般 goes to rectification.
    let r = app
        .gql(
            Some(&a),
            &report_q(),
            json!({"i": {"category": "fire", "level": "major", "description": "消防通道堵塞"}}),
        )
        .await;
    let id2 = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    let r = act(
        app,
        &inspector,
        "verifyHazard(id: $id, input: {major: true})",
        "",
        json!({"id": id2}),
    )
    .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "no report content yet: {r}");
    let r = act(
        app,
        &inspector,
        "verifyHazard(id: $id, input: {major: false, comment: \"可立即整改\"})",
        "",
        json!({"id": id2}),
    )
    .await;
    let d = data(&r, "verifyHazard");
    assert_eq!(
        (d["state"].as_str(), d["level"].as_str()),
        (Some("rectifying"), Some("general"))
    );
}
both!(hazard_major_loop, major_loop);

async fn notifications(app: &TestApp, token: &str) -> String {
    app.ok(
        Some(token),
        "{ notifications(first: 100) { edges { node { title body } } } }",
        json!({}),
    )
    .await
    .to_string()
}

/// Polls `hazard(id)` until `overdue` is true (the job queue flags it).
async fn wait_overdue(app: &TestApp, token: &str, id: &str) -> Value {
    for _ in 0..150 {
        let h = app
            .ok(Some(token), "query($id: String!) { hazard(id: $id) { overdue state timeline { action actor } } }", json!({"id": id}))
            .await;
        if h["hazard"]["overdue"] == true {
            return h;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("hazard {id} was not flagged overdue");
}

async fn overdue(app: &TestApp) {
    let (e_id, ent) = enterprise(app, 31, "330106", "ent-late").await;
    let inspector = app.login("inspector@330106").await;
    let city = app.login("city-admin@330100").await;
    let province = app.login("province-admin@330000").await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let mut i = general("electrical");
    i["enterpriseId"] = json!(e_id);
    i["deadline"] = json!(soon);
    let r = app
        .gql(Some(&inspector), &report_q(), json!({"i": i}))
        .await;
    let id = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    // Nobody asks: the deadline job flags it and tells the enterprise and inspector.
    let h = wait_overdue(app, &ent, &id).await;
    assert_eq!(h["hazard"]["state"], "rectifying");
    assert!(
        h.to_string().contains("\"overdue\""),
        "the timeline records it: {h}"
    );
    assert!(notifications(app, &ent).await.contains("隐患逾期未整改"));
    assert!(notifications(app, &inspector)
        .await
        .contains("隐患逾期未整改"));
    // A 一般 hazard doesn't escalate under the default rules; a 重大 one tells the city.
    assert!(!notifications(app, &city).await.contains("逾期"));
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let r = app
        .gql(Some(&ent), &report_q(), json!({"i": {"category": "explosion", "level": "major", "description": "反应釜超压联锁失效",
            "majorReport": major_report(), "deadline": soon}}))
        .await;
    let major = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    wait_overdue(app, &ent, &major).await;
    let mut told = false;
    for _ in 0..50 {
        if notifications(app, &city)
            .await
            .contains("重大事故隐患逾期未整改")
        {
            told = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(told, "the city is told of an overdue 重大 hazard");
    assert!(
        !notifications(app, &province).await.contains("逾期"),
        "the province only after 30 days"
    );
    // A county's own rules: escalate 一般 hazards to the county admins at once.
    let county = app.login("county-admin@330106").await;
    let rules = app.ok(Some(&county), "{ hazardRules(county: \"330106\") { generalDeadlineDays majorDeadlineDays siteCheckDays utcOffsetMinutes categories escalations { level role afterDays } quarterlyDueDay yearlyDue publicReportsPerHour } }", json!({})).await;
    let mut input = rules["hazardRules"].clone();
    input["escalations"] = json!([{"level": "general", "role": "county-admin", "afterDays": 0}]);
    let mut wrong = input.clone();
    wrong["escalations"] = json!([{"role": "mayor", "afterDays": 0}]);
    wrong["quarterlyDueDay"] = json!(40);
    let bad = app
        .gql(Some(&county), "mutation($i: HazardRulesInput!) { setHazardRules(county: \"330106\", input: $i) { generalDeadlineDays } }", json!({"i": wrong}))
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "{bad}");
    let r = app
        .gql(
            Some(&county),
            "mutation($i: HazardRulesInput!) { setHazardRules(input: $i) { generalDeadlineDays } }",
            json!({"i": input}),
        )
        .await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "only the province sets the province's rules"
    );
    app.ok(Some(&county), "mutation($i: HazardRulesInput!) { setHazardRules(county: \"330106\", input: $i) { generalDeadlineDays } }", json!({"i": input})).await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let mut i = general("electrical");
    i["deadline"] = json!(soon);
    let r = app.gql(Some(&ent), &report_q(), json!({"i": i})).await;
    let third = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    wait_overdue(app, &ent, &third).await;
    let mut told = false;
    for _ in 0..50 {
        if notifications(app, &county)
            .await
            .contains("隐患逾期未整改（企业31）")
        {
            told = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(told, "the county's own escalation rule applies");
    // The figures count the overdue hazards.
    let s = app
        .ok(
            Some(&county),
            "{ hazardStatistics { total { found overdue } } }",
            json!({}),
        )
        .await;
    assert_eq!(s["hazardStatistics"]["total"]["overdue"], 3, "{s}");
}
both!(hazard_overdue_flagged_by_the_queue, overdue);

/// The county's triage rule (the Rust example, a real component) raises a
/// fire hazard at an enterprise with a grade-1 source to 重大 and sets its
/// deadline; a rule that assigns an unknown inspector refuses the report.
async fn triage_plugin(app: &TestApp) {
    let Some(wasm) = crate::plugins::example("hazard-triage-rust.wasm") else {
        return;
    };
    let (_, ent) = enterprise(app, 41, "330106", "ent-triage").await;
    let sample = json!({"enterprise_uscc": generate_uscc(41, "330106").to_string(), "enterprise_hazard_grades": [1],
        "source": "self-check", "category": "fire", "level": "general", "description": "动火作业无监护",
        "location": null, "found_at_ms": 1_780_000_000_000i64, "deadline": null});
    let (_, dry) =
        crate::plugins::install_on(app, "fire-triage", wasm, "hazard.triage", sample).await;
    assert!(dry.to_string().contains("amend"), "{dry}");
    let r = app
        .gql(
            Some(&ent),
            &report_q(),
            json!({"i": {"category": "fire", "level": "general", "description": "动火作业无监护"}}),
        )
        .await;
    let h = data(&r, "reportHazard");
    assert_eq!(
        (h["level"].as_str(), h["state"].as_str()),
        (Some("major"), Some("reported")),
        "{h}"
    );
    let id = h["id"].as_str().unwrap();
    let t = app
        .ok(
            Some(&ent),
            "query($id: String!) { hazard(id: $id) { deadline timeline { details } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        t["hazard"]["timeline"][0]["details"]["raisedByCountyRule"], true,
        "{t}"
    );
    // The example sets 90 days for 重大 (its default), not the province's 180.
    let deadline =
        chrono::DateTime::parse_from_rfc3339(t["hazard"]["deadline"].as_str().unwrap()).unwrap();
    let days = (deadline.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days();
    assert!((89..=91).contains(&days), "{days}");
    // Not about fire: accepted as it is, with the rule's 30 days.
    let r = app
        .gql(Some(&ent), &report_q(), json!({"i": general("machinery")}))
        .await;
    assert_eq!(data(&r, "reportHazard")["level"], "general");
    // The invocation is on record for the county's developers.
    let dev = app.login("plugin-developer@330106").await;
    let inv = crate::plugins::wait_invocations(app, &dev, "330106", "fire-triage", 2).await;
    assert!(inv.len() >= 2, "{inv:?}");
}
both!(hazard_triage_plugin, triage_plugin, examples);

/// Reports, steps and overdue flags over two cities and three counties;
/// the roll-up equals a straight recount for every grouping, and the
/// province's figures by city add up.
async fn statistics(app: &TestApp) {
    let counties = [("330106", "330100"), ("330203", "330200")];
    let mut ents = Vec::new();
    for (n, (county, _)) in counties.iter().enumerate() {
        for k in 0..2u64 {
            let seed = 50 + n as u64 * 10 + k;
            ents.push((
                county.to_string(),
                enterprise(app, seed, county, &format!("ent-s{seed}")).await,
            ));
        }
    }
    let mut seed = 7u64;
    let mut rnd = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut found = std::collections::HashMap::<String, i64>::new();
    let categories = ["fire", "electrical", "machinery", "dust"];
    for i in 0..24 {
        let (county, (_, token)) = &ents[rnd(ents.len() as u64) as usize];
        let inspector = app.login(&format!("inspector@{county}")).await;
        let major = rnd(4) == 0;
        let mut input = json!({"category": categories[rnd(4) as usize], "level": if major { "major" } else { "general" },
            "description": format!("隐患{i}"), "foundAt": (chrono::Utc::now() - chrono::Duration::days(40 * rnd(3) as i64)).to_rfc3339()});
        if major {
            input["majorReport"] = major_report();
        }
        let r = app.gql(Some(token), &report_q(), json!({"i": input})).await;
        let id = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
        *found.entry(county.clone()).or_default() += 1;
        match (major, rnd(3)) {
            (false, 1) => {
                act(app, token, "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"整改\"})", "", json!({"id": id})).await;
            }
            (false, 2) => {
                act(app, token, "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"整改\"})", "", json!({"id": id})).await;
                let r = act(
                    app,
                    &inspector,
                    "acceptHazard(id: $id)",
                    "",
                    json!({"id": id}),
                )
                .await;
                assert_eq!(data(&r, "acceptHazard")["state"], "closed");
            }
            (true, 1 | 2) => {
                act(
                    app,
                    &inspector,
                    "verifyHazard(id: $id, input: {major: true})",
                    "",
                    json!({"id": id}),
                )
                .await;
                let admin = app.login(&format!("county-admin@{county}")).await;
                let r = act(app, &admin, "listHazard(id: $id)", "", json!({"id": id})).await;
                assert_eq!(data(&r, "listHazard")["state"], "listed");
            }
            (true, _) => {
                // Found to be 一般 (moves between levels in the roll-up).
                act(
                    app,
                    &inspector,
                    "verifyHazard(id: $id, input: {major: false})",
                    "",
                    json!({"id": id}),
                )
                .await;
            }
            _ => {}
        }
    }
    let province = app.login("province-admin@330000").await;
    let q = "query($g: HazardStatsGroup!, $r: Boolean!, $f: HazardStatsFilter) { hazardStatistics(groupBy: $g, recount: $r, filter: $f) { total { found rectified open overdue onTime listed listedClosed } rows { key name found rectified open rectificationRate overdue onTime listed listedClosed } } }";
    for g in ["DIVISION", "MONTH", "INDUSTRY", "LEVEL", "SOURCE"] {
        for f in [
            json!(null),
            json!({"division": "330100"}),
            json!({"level": "general"}),
        ] {
            let rollup = app
                .ok(Some(&province), q, json!({"g": g, "r": false, "f": f}))
                .await;
            let recount = app
                .ok(Some(&province), q, json!({"g": g, "r": true, "f": f}))
                .await;
            assert_eq!(rollup, recount, "{g} {f}");
        }
    }
    let s = app
        .ok(
            Some(&province),
            q,
            json!({"g": "DIVISION", "r": false, "f": null}),
        )
        .await;
    let rows = s["hazardStatistics"]["rows"].as_array().unwrap();
    let by_city: std::collections::HashMap<&str, i64> = rows
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r["found"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        by_city.get("330100").copied().unwrap_or(0),
        found.get("330106").copied().unwrap_or(0),
        "{s}"
    );
    assert_eq!(
        by_city.get("330200").copied().unwrap_or(0),
        found.get("330203").copied().unwrap_or(0),
        "{s}"
    );
    assert_eq!(s["hazardStatistics"]["total"]["found"], 24);
    // Drill-down: the city sees its counties; a county its enterprises.
    let city = app.login("city-admin@330100").await;
    let c = app
        .ok(
            Some(&city),
            q,
            json!({"g": "DIVISION", "r": false, "f": null}),
        )
        .await;
    assert!(
        c["hazardStatistics"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["key"] == "330106"),
        "{c}"
    );
    let r = app
        .gql(
            Some(&city),
            q,
            json!({"g": "DIVISION", "r": false, "f": {"division": "330200"}}),
        )
        .await;
    assert_eq!(code(&r), "FORBIDDEN", "another city's figures: {r}");
    let county = app.login("county-admin@330106").await;
    let e = app
        .ok(
            Some(&county),
            q,
            json!({"g": "DIVISION", "r": false, "f": null}),
        )
        .await;
    let sum: i64 = e["hazardStatistics"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["found"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, found["330106"]);
    // CSV with Chinese headers and the total.
    let csv = app
        .ok(
            Some(&province),
            "{ hazardStatisticsCsv(groupBy: DIVISION) }",
            json!({}),
        )
        .await;
    let text = csv["hazardStatisticsCsv"].as_str().unwrap();
    assert!(text.starts_with("\u{feff}编码,名称,发现隐患"), "{text}");
    assert!(
        text.lines().last().unwrap().starts_with("330000,"),
        "{text}"
    );
    let bad = app
        .gql(
            Some(&province),
            "{ hazardStatistics(filter: {fromMonth: \"2026-13\"}) { total { found } } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED");
}
both!(hazard_statistics_equal_a_recount, statistics);

/// Anyone may report; the reporter follows it with a token; the inspectors
/// see who reported, county admins don't; a flood from one address is limited.
async fn public_reports(app: &TestApp) {
    let (e_id, _) = enterprise(app, 61, "330203", "ent-public").await;
    let submit = "mutation($i: PublicReportInput!) { submitPublicHazardReport(input: $i) { reference token } }";
    let status = "query($t: String!) { publicHazardReport(token: $t) { reference status reason hazardState } }";
    // Routed by the USCC to its county (whatever county was named), without signing in.
    let r = app
        .ok(None, submit, json!({"i": {"county": "330106", "enterpriseName": "企业61", "enterpriseUscc": generate_uscc(61, "330203").to_string(),
            "address": "宁波某路", "description": "夜间偷排危险废物", "reporterName": "赵六", "reporterPhone": "13800000000"}}))
        .await;
    let receipt = &r["submitPublicHazardReport"];
    let token = receipt["token"].as_str().unwrap().to_string();
    let reference = receipt["reference"].as_str().unwrap().to_string();
    let s = app.ok(None, status, json!({"t": token})).await;
    assert_eq!(s["publicHazardReport"]["status"], "received");
    let wrong = app.gql(None, status, json!({"t": "0".repeat(48)})).await;
    assert_eq!(code(&wrong), "NOT_FOUND");
    // Bad input: no county, an unknown county, an empty description, a very long name.
    for (i, field) in [
        (
            json!({"enterpriseName": "某厂", "address": "某地", "description": "有隐患"}),
            "county",
        ),
        (
            json!({"county": "999999", "enterpriseName": "某厂", "address": "某地", "description": "有隐患"}),
            "county",
        ),
        (
            json!({"county": "330106", "enterpriseName": "某厂", "address": "某地", "description": ""}),
            "description",
        ),
    ] {
        let r = app.gql(None, submit, json!({"i": i})).await;
        assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
        assert_eq!(r["errors"][0]["extensions"]["details"][0]["field"], field);
    }
    // The reporter's identity: inspectors of the county only.
    let list =
        "{ publicHazardReports { totalCount edges { node { id reporterName reporterPhone } } } }";
    let inspector = app.login("inspector@330203").await;
    let l = app.ok(Some(&inspector), list, json!({})).await;
    assert_eq!(
        l["publicHazardReports"]["edges"][0]["node"]["reporterName"],
        "赵六"
    );
    let admin = app.login("county-admin@330203").await;
    let l = app.ok(Some(&admin), list, json!({})).await;
    assert!(
        l["publicHazardReports"]["edges"][0]["node"]["reporterName"].is_null(),
        "{l}"
    );
    let other = app.login("inspector@330106").await;
    let l = app.ok(Some(&other), list, json!({})).await;
    assert_eq!(
        l["publicHazardReports"]["totalCount"], 0,
        "another county sees none"
    );
    // Accepted: a hazard (source public-report) the reporter can follow.
    let acc = "mutation($id: String!, $i: ReportHazardInput!) { acceptPublicHazardReport(id: $id, input: $i) { id source state } }";
    let r = app
        .ok(Some(&inspector), acc, json!({"id": reference, "i": {"enterpriseId": e_id, "category": "hazardous-chemicals", "level": "general", "description": "危险废物未按规定贮存"}}))
        .await;
    assert_eq!(r["acceptPublicHazardReport"]["source"], "public-report");
    let s = app.ok(None, status, json!({"t": token})).await;
    assert_eq!(
        (
            s["publicHazardReport"]["status"].as_str(),
            s["publicHazardReport"]["hazardState"].as_str()
        ),
        (Some("accepted"), Some("rectifying"))
    );
    let again = app
        .gql(Some(&inspector), acc, json!({"id": reference, "i": {"enterpriseId": e_id, "category": "fire", "level": "general", "description": "重复"}}))
        .await;
    assert_eq!(code(&again), "CONFLICT", "{again}");
    // Dismissed, with the reason the reporter sees.
    let r = app
        .ok(None, submit, json!({"i": {"county": "330203", "enterpriseName": "某厂", "address": "某地", "description": "有异味"}}))
        .await;
    let t2 = r["submitPublicHazardReport"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let id2 = r["submitPublicHazardReport"]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let d = app
        .gql(Some(&admin), "mutation($id: String!) { dismissPublicHazardReport(id: $id, reason: \"x\") { status } }", json!({"id": id2}))
        .await;
    assert_eq!(
        code(&d),
        "FORBIDDEN",
        "county admins don't handle reports: {d}"
    );
    app.ok(Some(&inspector), "mutation($id: String!) { dismissPublicHazardReport(id: $id, reason: \"经核查为正常生产气味\") { status } }", json!({"id": id2}))
        .await;
    let s = app.ok(None, status, json!({"t": t2})).await;
    assert_eq!(s["publicHazardReport"]["reason"], "经核查为正常生产气味");
    // A flood from one address: the province's limit is 5 an hour, and
    // every attempt counts (two accepted above, four refused).
    let mut limited = false;
    for _ in 0..10 {
        let r = app
            .gql(None, submit, json!({"i": {"county": "330106", "enterpriseName": "某厂", "address": "某地", "description": "刷单"}}))
            .await;
        if code(&r) == "RATE_LIMITED" {
            limited = true;
            break;
        }
        assert!(r["errors"].is_null(), "{r}");
    }
    assert!(limited, "a flood is limited");
    let l = app
        .ok(Some(&app.login("inspector@330106").await), list, json!({}))
        .await;
    assert!(
        l["publicHazardReports"]["totalCount"].as_i64().unwrap() <= 5,
        "{l}"
    );
}
both!(hazard_public_reports, public_reports);

/// Self-checks (a zero-hazard one too) and the quarterly report, signed by
/// the principal; who hasn't filed is flagged to the county.
async fn periodic(app: &TestApp) {
    let (_, a) = enterprise(app, 71, "330106", "ent-p1").await;
    let (b_id, _) = enterprise(app, 72, "330106", "ent-p2").await;
    // The province's day (UTC+8 by default), which is not UTC's from 16:00.
    let local_now = chrono::Utc::now() + chrono::Duration::hours(8);
    let today = local_now.format("%Y-%m-%d").to_string();
    let rec = "mutation($d: String!, $s: String!) { recordHazardSelfCheck(checkedOn: $d, scope: $s) { found checkedOn } }";
    let r = app
        .ok(Some(&a), rec, json!({"d": today, "s": "全厂"}))
        .await;
    assert_eq!(
        r["recordHazardSelfCheck"]["found"], 0,
        "a zero-hazard check"
    );
    app.ok(Some(&a), &report_q(), json!({"i": general("dust")}))
        .await;
    let r = app
        .ok(Some(&a), rec, json!({"d": today, "s": "粉尘区域"}))
        .await;
    assert_eq!(r["recordHazardSelfCheck"]["found"], 1);
    for (d, field) in [("2099-01-01", "checkedOn"), ("yesterday", "checkedOn")] {
        let r = app.gql(Some(&a), rec, json!({"d": d, "s": "全厂"})).await;
        assert_eq!(code(&r), "VALIDATION_FAILED");
        assert_eq!(r["errors"][0]["extensions"]["details"][0]["field"], field);
    }
    let inspector = app.login("inspector@330106").await;
    let r = app
        .gql(Some(&inspector), rec, json!({"d": today, "s": "全厂"}))
        .await;
    assert_eq!(code(&r), "FORBIDDEN");

    // The quarter under way can't be filed; the last one can, by the principal only.
    let now = local_now;
    use chrono::Datelike;
    let q = (now.month() - 1) / 3 + 1;
    let current = format!("{}Q{q}", now.year());
    let last = if q == 1 {
        format!("{}Q4", now.year() - 1)
    } else {
        format!("{}Q{}", now.year(), q - 1)
    };
    let submit = "mutation($p: String!, $s: String!) { submitHazardPeriodicReport(period: $p, signedBy: $s) { period due filed signedBy figures } }";
    let r = app
        .gql(Some(&a), submit, json!({"p": current, "s": "王五"}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = app
        .gql(Some(&a), submit, json!({"p": last, "s": "别人"}))
        .await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"],
        "signedBy"
    );
    let r = app
        .gql(Some(&a), submit, json!({"p": "2026Q5", "s": "王五"}))
        .await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"],
        "period"
    );
    let r = app
        .ok(Some(&a), submit, json!({"p": last, "s": "王五"}))
        .await;
    let f = &r["submitHazardPeriodicReport"];
    assert_eq!(
        (f["filed"].as_bool(), f["signedBy"].as_str()),
        (Some(true), Some("王五"))
    );
    assert!(f["due"].as_str().unwrap().ends_with("-15"), "{f}");
    assert_eq!(f["figures"]["period"], last.as_str());
    let r = app
        .gql(Some(&a), submit, json!({"p": last, "s": "王五"}))
        .await;
    assert_eq!(code(&r), "CONFLICT", "filed once");
    // This quarter's draft counts this quarter's records.
    let d = app
        .ok(
            Some(&a),
            "query($p: String!) { hazardPeriodicReport(period: $p) { filed figures } }",
            json!({"p": current}),
        )
        .await;
    let fig = &d["hazardPeriodicReport"]["figures"];
    assert_eq!(
        (
            fig["selfChecks"].as_i64(),
            fig["zeroHazardChecks"].as_i64(),
            fig["found"].as_i64()
        ),
        (Some(2), Some(1), Some(1)),
        "{d}"
    );
    // B hasn't filed: listed, and the county admins are told.
    let admin = app.login("county-admin@330106").await;
    let m = app
        .ok(Some(&admin), "query($p: String!) { missingHazardReports(county: \"330106\", period: $p) { enterpriseId } }", json!({"p": last}))
        .await;
    let ids: Vec<&str> = m["missingHazardReports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["enterpriseId"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&b_id.as_str()) && ids.len() == 1, "{m}");
    let n = app
        .ok(
            Some(&admin),
            "mutation($p: String!) { remindMissingHazardReports(county: \"330106\", period: $p) }",
            json!({"p": last}),
        )
        .await;
    assert_eq!(n["remindMissingHazardReports"], 1);
    assert!(notifications(app, &admin).await.contains("未按期报送"));
}
both!(hazard_self_checks_and_periodic_reports, periodic);

const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF,
    0xD9,
];

async fn upload(
    app: &TestApp,
    token: &str,
    hazard: &str,
    name: &str,
    ty: &str,
    bytes: Vec<u8>,
) -> Value {
    let q = "mutation($h: String!, $f: Upload!) { uploadHazardAttachment(hazardId: $h, file: $f) { id name contentType size sha256 } }";
    let ops = json!({"query": q, "variables": {"h": hazard, "f": null}});
    let form = reqwest::multipart::Form::new()
        .text("operations", ops.to_string())
        .text("map", json!({"0": ["variables.f"]}).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str(ty)
                .unwrap(),
        );
    app.http
        .post(format!("{}/graphql", app.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Photos: checked against what they claim, stored by hash, served only to
/// those who may see the hazard, and linked to steps of its timeline.
async fn attachments(app: &TestApp) {
    let (_, a) = enterprise(app, 81, "330106", "ent-photo").await;
    let (_, b) = enterprise(app, 82, "330106", "ent-nosy").await;
    let r = app
        .gql(Some(&a), &report_q(), json!({"i": general("electrical")}))
        .await;
    let id = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    let r = app
        .gql(Some(&b), &report_q(), json!({"i": general("electrical")}))
        .await;
    let b_hazard = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();

    let fake = upload(
        app,
        &a,
        &id,
        "现场.jpg",
        "image/jpeg",
        b"<html>not a photo</html>".to_vec(),
    )
    .await;
    assert_eq!(code(&fake), "VALIDATION_FAILED", "{fake}");
    assert!(fake.to_string().contains("image/jpeg"), "{fake}");
    let exe = upload(
        app,
        &a,
        &id,
        "x.exe",
        "application/x-msdownload",
        b"MZ\x90\x00".to_vec(),
    )
    .await;
    assert_eq!(code(&exe), "VALIDATION_FAILED");
    let empty = upload(app, &a, &id, "空.png", "image/png", vec![]).await;
    assert_eq!(code(&empty), "VALIDATION_FAILED");
    let big = upload(
        app,
        &a,
        &id,
        "大.jpg",
        "image/jpeg",
        [JPEG, &vec![0u8; 11 << 20]].concat(),
    )
    .await;
    assert_eq!(code(&big), "VALIDATION_FAILED", "over 10 MiB");

    let ok = upload(app, &a, &id, "现场.jpg", "image/jpeg", JPEG.to_vec()).await;
    let att = &ok["data"]["uploadHazardAttachment"];
    assert_eq!(att["size"], JPEG.len(), "{ok}");
    use sha2::Digest;
    assert_eq!(att["sha256"], hex::encode(sha2::Sha256::digest(JPEG)));
    let att_id = att["id"].as_str().unwrap().to_string();
    // B can't upload to, or read from, A's hazard.
    let r = upload(app, &b, &id, "x.jpg", "image/jpeg", JPEG.to_vec()).await;
    assert_eq!(code(&r), "NOT_FOUND");
    let content =
        "query($h: String!, $id: String!) { hazardAttachmentContent(hazardId: $h, id: $id) }";
    let r = app
        .gql(Some(&b), content, json!({"h": id, "id": att_id}))
        .await;
    assert_eq!(code(&r), "NOT_FOUND");
    // An attachment asked for through another hazard isn't found either.
    let r = app
        .gql(Some(&b), content, json!({"h": b_hazard, "id": att_id}))
        .await;
    assert_eq!(code(&r), "NOT_FOUND");
    let inspector = app.login("inspector@330106").await;
    let r = app
        .ok(Some(&inspector), content, json!({"h": id, "id": att_id}))
        .await;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(r["hazardAttachmentContent"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, JPEG);
    // Linked to a step; another hazard's attachment can't be.
    let r = act(app, &b, "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"整改\", attachmentIds: [$a]})", ", $a: String!", json!({"id": b_hazard, "a": att_id})).await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    let r = act(app, &a, "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"整改\", attachmentIds: [$a]})", ", $a: String!", json!({"id": id, "a": att_id})).await;
    assert_eq!(
        data(&r, "submitHazardRectification")["state"],
        "awaiting-acceptance"
    );
    let t = app
        .ok(Some(&inspector), "query($id: String!) { hazard(id: $id) { attachments { id name } timeline { action attachmentIds } } }", json!({"id": id}))
        .await;
    assert_eq!(t["hazard"]["attachments"][0]["name"], "现场.jpg");
    assert_eq!(
        t["hazard"]["timeline"][1]["attachmentIds"][0],
        att_id.as_str()
    );
}
both!(hazard_attachments, attachments);

/// A generated dataset (every county, three years): the roll-up the
/// generator wrote equals a recount, for the province by city and by
/// month, and for one city by county.
async fn generated(app: &TestApp) {
    let out = app.cli(&[
        "hazard", "generate", "--count", "3000", "--years", "3", "--seed", "5",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let province = app.login("province-admin@330000").await;
    let q = "query($g: HazardStatsGroup!, $r: Boolean!, $f: HazardStatsFilter) { hazardStatistics(groupBy: $g, recount: $r, filter: $f) { total { found rectified overdue onTime listed listedClosed } rows { key found rectified open overdue onTime listed listedClosed } } }";
    let year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i64>()
        .unwrap();
    for (g, f) in [
        ("DIVISION", json!(null)),
        ("DIVISION", json!({"year": year})),
        ("MONTH", json!(null)),
        ("LEVEL", json!({"division": "330200"})),
        ("SOURCE", json!({"industry": "WH"})),
    ] {
        let rollup = app
            .ok(Some(&province), q, json!({"g": g, "r": false, "f": f}))
            .await;
        let recount = app
            .ok(Some(&province), q, json!({"g": g, "r": true, "f": f}))
            .await;
        assert_eq!(rollup, recount, "{g} {f}");
    }
    let all = app
        .ok(
            Some(&province),
            q,
            json!({"g": "DIVISION", "r": false, "f": null}),
        )
        .await;
    assert_eq!(all["hazardStatistics"]["total"]["found"], 3000);
    assert_eq!(
        all["hazardStatistics"]["rows"].as_array().unwrap().len(),
        11,
        "by city"
    );
}
both!(hazard_generated_statistics_equal_a_recount, generated);

/// A real S3-compatible server (s3s-fs, `cargo install s3s-fs@0.14.1
/// --features binary`) on a free port, serving `root`; None outside CI when
/// it isn't installed.
fn s3_server(root: &std::path::Path) -> Option<(std::process::Child, u16)> {
    let bin = std::env::var("ANJIAN_TEST_S3S_FS").unwrap_or_else(|_| "s3s-fs".into());
    std::fs::create_dir_all(root.join("anjian")).unwrap();
    // s3s-fs takes a port number: one chosen here may be taken by another
    // test's server before s3s-fs binds it, so a start whose s3s-fs exits
    // (or never answers) is tried again on another port.
    for _ in 0..5 {
        let port = free_port();
        let child = std::process::Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--access-key",
                "anjian-test",
                "--secret-key",
                "anjian-test-secret",
            ])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        let mut c = match child {
            Ok(c) => c,
            Err(e) if require_services() => {
                panic!("{bin}: {e} (cargo install s3s-fs@0.14.1 --features binary)")
            }
            Err(e) => {
                eprintln!("SKIPPED: {bin}: {e}");
                return None;
            }
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Whoever answers must be our s3s-fs: one that lost the port exits.
        std::thread::sleep(Duration::from_millis(300));
        if matches!(c.try_wait(), Ok(None))
            && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        {
            return Some((c, port));
        }
        let _ = c.kill();
        let _ = c.wait();
    }
    panic!("s3s-fs did not start");
}

/// With `object_store = "s3"`, attachments go to the bucket (the bytes in
/// the server's directory are the upload's) and are read back from it; with
/// the store down, the upload fails and leaves no record.
async fn attachments_on_s3(backend: Backend) {
    let root = std::env::temp_dir().join(format!("anjian-s3-{}", uuid::Uuid::new_v4().simple()));
    let Some((mut s3, port)) = s3_server(&root) else {
        return;
    };
    let env = [
        ("ANJIAN_OBJECT_STORE", "s3".to_string()),
        ("ANJIAN_S3_ENDPOINT", format!("http://127.0.0.1:{port}")),
        ("ANJIAN_S3_BUCKET", "anjian".into()),
        ("ANJIAN_S3_ALLOW_HTTP", "true".into()),
        ("ANJIAN_S3_ACCESS_KEY_ID", "anjian-test".into()),
        ("ANJIAN_S3_SECRET_ACCESS_KEY", "anjian-test-secret".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let Some(app) = spawn_with(backend, Opts { redis: false, env }).await else {
        let _ = s3.kill();
        return;
    };
    let (_, a) = enterprise(&app, 91, "330106", "ent-s3").await;
    let r = app
        .gql(Some(&a), &report_q(), json!({"i": general("electrical")}))
        .await;
    let id = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    let png = [
        &[0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 64],
    ]
    .concat();
    let up = upload(&app, &a, &id, "现场.png", "image/png", png.clone()).await;
    let att = &up["data"]["uploadHazardAttachment"];
    let sha = att["sha256"].as_str().unwrap_or_else(|| panic!("{up}"));
    let stored =
        std::fs::read(root.join("anjian/330106/hazard").join(format!("{sha}.png"))).unwrap();
    assert_eq!(stored, png, "the object is in the bucket");
    let r = app
        .ok(
            Some(&a),
            "query($h: String!, $id: String!) { hazardAttachmentContent(hazardId: $h, id: $id) }",
            json!({"h": id, "id": att["id"]}),
        )
        .await;
    use base64::Engine;
    let back = base64::engine::general_purpose::STANDARD
        .decode(r["hazardAttachmentContent"].as_str().unwrap())
        .unwrap();
    assert_eq!(back, png);
    // The store goes away: the upload fails, and no record points at nothing.
    s3.kill().unwrap();
    s3.wait().unwrap();
    let jpeg = upload(&app, &a, &id, "再拍.jpg", "image/jpeg", JPEG.to_vec()).await;
    assert_eq!(code(&jpeg), "INTERNAL", "{jpeg}");
    let t = app
        .ok(
            Some(&a),
            "query($id: String!) { hazard(id: $id) { attachments { name } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        t["hazard"]["attachments"].as_array().unwrap().len(),
        1,
        "{t}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_s3),
    ignore = "needs s3s-fs: cargo install s3s-fs@0.14.1 --features binary"
)]
async fn hazard_attachments_on_s3_sqlite() {
    attachments_on_s3(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_s3)),
    ignore = "needs PostgreSQL and s3s-fs: set ANJIAN_TEST_DATABASE_URL, cargo install s3s-fs@0.14.1 --features binary"
)]
async fn hazard_attachments_on_s3_postgres() {
    attachments_on_s3(Backend::Postgres).await;
}

/// Five inspectors accept the same rectification at once: exactly one step
/// is taken, the others are told of the conflict, and the timeline and the
/// figures count it once.
async fn concurrent_steps(app: &TestApp) {
    let (_, a) = enterprise(app, 95, "330106", "ent-race").await;
    let r = app
        .gql(Some(&a), &report_q(), json!({"i": general("electrical")}))
        .await;
    let id = data(&r, "reportHazard")["id"].as_str().unwrap().to_string();
    let submit = "submitHazardRectification(id: $id, input: {responsiblePerson: \"李四\", measures: \"整改\"})";
    act(app, &a, submit, "", json!({"id": id})).await;
    let inspector = app.login("inspector@330106").await;
    let tries = (0..5).map(|_| {
        act(
            app,
            &inspector,
            "acceptHazard(id: $id)",
            "",
            json!({"id": id}),
        )
    });
    let results = futures::future::join_all(tries).await;
    let ok = results.iter().filter(|r| r["errors"].is_null()).count();
    assert_eq!(ok, 1, "{results:?}");
    assert!(
        results
            .iter()
            .filter(|r| !r["errors"].is_null())
            .all(|r| code(r) == "CONFLICT"),
        "{results:?}"
    );
    let t = app
        .ok(
            Some(&a),
            "query($id: String!) { hazard(id: $id) { version timeline { action } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(t["hazard"]["timeline"].as_array().unwrap().len(), 3, "{t}");
    let county = app.login("county-admin@330106").await;
    let s = app
        .ok(
            Some(&county),
            "{ hazardStatistics { total { found rectified } } }",
            json!({}),
        )
        .await;
    assert_eq!(s["hazardStatistics"]["total"]["rectified"], 1);
}
both!(hazard_concurrent_steps_take_effect_once, concurrent_steps);
