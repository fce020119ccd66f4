//! Accident reporting (国务院令493号) end to end: a flash report climbs the
//! levels, a follow-up changes its grade, the investigation runs to its
//! close; a level that misses its time limit is passed over and recorded
//! late; late follow-ups wait for the province; every grade boundary; bad
//! input refused with nothing written.

use crate::both;
use crate::helpers::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub(crate) const FIELDS: &str =
    "id tenantCode grade gradeName state reachedLevel reportTo mustPassUp \
    investigatedBy deaths missing seriousInjuries directLossWan version \
    timeline { action actor details } clocks { kind dueAt doneAt late automatic secondsLeft } \
    followUps { seq status late after } findings { kind subject detail }";

/// `YYYY-MM-DD HH:MM` in Beijing time, `hours` ago.
pub(crate) fn ago(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(hours))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

pub(crate) fn unit(deaths: i64, serious: i64, loss: f64) -> Value {
    json!({
        "unitName": "某建筑工地", "divisionCode": "330106", "occurredAt": ago(2),
        "place": "文三路工地", "accidentType": "09", "industry": "E4710",
        "deaths": deaths, "seriousInjuries": serious, "directLossWan": loss,
        "summary": "脚手架上作业人员坠落", "reporter": "张三", "reporterPhone": "0571-88886666"
    })
}

pub(crate) async fn report(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql(
        Some(token),
        &format!(
            "mutation($i: ReportAccidentInput!) {{ reportAccident(input: $i) {{ {FIELDS} }} }}"
        ),
        json!({"i": input}),
    )
    .await
}

pub(crate) fn data<'a>(v: &'a Value, name: &str) -> &'a Value {
    assert!(v.get("errors").is_none(), "unexpected errors: {v}");
    &v["data"][name]
}

pub(crate) async fn act(
    app: &TestApp,
    token: &str,
    mutation: &str,
    id: &str,
    extra: &str,
    vars: Value,
) -> Value {
    let mut v = vars;
    v["id"] = json!(id);
    let q = format!(
        "mutation($id: String!{}) {{ {mutation}(id: $id{extra}) {{ {FIELDS} }} }}",
        signature(extra)
    );
    app.gql(Some(token), &q, v).await
}

/// `, $x: T` declarations for the arguments `extra` passes (by convention
/// each argument `name: $name` has its type in [`arg_type`]).
fn signature(extra: &str) -> String {
    extra
        .split(',')
        .filter_map(|p| p.split_once(": $"))
        .map(|(_, name)| format!(", ${name}: {}", arg_type(name.trim())))
        .collect()
}

fn arg_type(name: &str) -> &'static str {
    match name {
        "input" => "AccidentFollowUpInput!",
        "report" => "InvestigationReportInput!",
        "seq" => "Int!",
        "approve" => "Boolean!",
        "kind" => "AccidentFindingKind!",
        _ => "String!",
    }
}

pub(crate) async fn get(app: &TestApp, token: &str, id: &str) -> Value {
    let v = app
        .gql(
            Some(token),
            &format!("query($id: String!) {{ accident(id: $id) {{ {FIELDS} }} }}"),
            json!({"id": id}),
        )
        .await;
    data(&v, "accident").clone()
}

fn actions(a: &Value) -> Vec<String> {
    a["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

fn clock<'a>(a: &'a Value, kind: &str) -> &'a Value {
    a["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} clock: {a}"))
}

pub(crate) fn has_finding(a: &Value, kind: &str) -> bool {
    a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == kind)
}

pub(crate) async fn set_rules(app: &TestApp, change: Value) -> Value {
    let p = app.login("province-admin@330000").await;
    let r = app.ok(Some(&p), "{ accidentRules }", json!({})).await;
    let mut rules = r["accidentRules"].clone();
    for (k, v) in change.as_object().unwrap() {
        rules[k] = v.clone();
    }
    app.gql(
        Some(&p),
        "mutation($r: JSON!) { setAccidentRules(rules: $r) }",
        json!({"r": rules}),
    )
    .await
}

fn follow(deaths: i64, note: &str, approval: bool) -> Value {
    json!({"input": {"deaths": deaths, "seriousInjuries": 0, "directLossWan": 50.0, "note": note, "requestApproval": approval}})
}

/// Report → pass up → follow-up that changes the grade → the report climbs
/// on → investigation by the new grade's level → approval → closed.
async fn whole_flow(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let city = app.login("city-admin@330100").await;
    let province = app.login("province-admin@330000").await;

    // The unit reported two hours after the accident: 迟报 (limit 60 min).
    let mut input = unit(1, 0, 50.0);
    input["occurredAt"] = json!(ago(3));
    input["unitReportedAt"] = json!(ago(1));
    let a = data(&report(app, &county, input).await, "reportAccident").clone();
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(a["grade"], "general", "{a}");
    assert_eq!(a["state"], "reported");
    assert_eq!(a["reachedLevel"], "county");
    assert_eq!(a["reportTo"], "city");
    assert_eq!(a["investigatedBy"], "county");
    assert!(has_finding(&a, "late_report"), "{a}");
    for k in ["relay_city", "followup_window", "investigation"] {
        assert!(clock(&a, k)["doneAt"].is_null(), "{k} should run: {a}");
    }
    let left = clock(&a, "relay_city")["secondsLeft"].as_i64().unwrap();
    assert!(
        (7000..=7200).contains(&left),
        "two hours to pass it up: {left}"
    );

    // Only the level holding the report passes it up or acknowledges it.
    let v = act(app, &city, "passAccidentUp", &id, "", json!({})).await;
    assert_eq!(code(&v), "FORBIDDEN", "{v}");
    let a = data(
        &act(app, &county, "acknowledgeAccident", &id, "", json!({})).await,
        "acknowledgeAccident",
    )
    .clone();
    assert!(actions(&a).contains(&"acknowledge".to_string()));
    let v = act(app, &county, "acknowledgeAccident", &id, "", json!({})).await;
    assert_eq!(code(&v), "CONFLICT", "{v}");

    let a = data(
        &act(app, &county, "passAccidentUp", &id, "", json!({})).await,
        "passAccidentUp",
    )
    .clone();
    assert_eq!(a["reachedLevel"], "city");
    let c = clock(&a, "relay_city");
    assert!(
        !c["doneAt"].is_null() && c["late"] == false && c["automatic"] == false,
        "{a}"
    );
    // 一般 goes up to the city and no further.
    assert_eq!(a["mustPassUp"], false);
    let v = act(app, &city, "passAccidentUp", &id, "", json!({})).await;
    assert_eq!(code(&v), "CONFLICT", "{v}");

    // A follow-up within the window: three deaths make it 较大.
    let a = data(
        &act(
            app,
            &county,
            "followUpAccident",
            &id,
            ", input: $input",
            follow(3, "两名重伤者经抢救无效死亡", false),
        )
        .await,
        "followUpAccident",
    )
    .clone();
    assert_eq!(a["grade"], "larger", "{a}");
    assert_eq!(a["deaths"], 3);
    let change = a["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "grade_changed")
        .unwrap_or_else(|| panic!("no grade change on the timeline: {a}"));
    assert_eq!(
        change["details"],
        json!({"from": "general", "to": "larger"})
    );
    assert_eq!(a["followUps"][0]["status"], "applied");
    // 较大 must reach the province, and the city investigates it now.
    assert_eq!(a["mustPassUp"], true);
    assert_eq!(a["investigatedBy"], "city");
    assert!(clock(&a, "relay_province")["doneAt"].is_null(), "{a}");
    let a = data(
        &act(app, &city, "passAccidentUp", &id, "", json!({})).await,
        "passAccidentUp",
    )
    .clone();
    assert_eq!(a["reachedLevel"], "province");

    // The county no longer investigates; nothing closes without a report.
    let report_input = json!({"report": {
        "summary": "作业人员未系安全带", "cause": "安全管理不到位", "measures": "全面排查高处作业",
        "responsibilities": [{"party": "某建筑公司", "finding": "未落实安全生产主体责任", "handling": "建议罚款"}]
    }});
    let v = act(
        app,
        &county,
        "submitAccidentInvestigation",
        &id,
        ", input: $report",
        report_input.clone(),
    )
    .await;
    assert_eq!(code(&v), "FORBIDDEN", "{v}");
    let v = act(
        app,
        &city,
        "closeAccident",
        &id,
        ", rectification: $rectification",
        json!({"rectification": "已整改"}),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");
    assert!(v.to_string().contains("调查报告尚未提交"), "{v}");

    // One extension, not two.
    let v = act(
        app,
        &city,
        "extendAccidentInvestigation",
        &id,
        ", reason: $reason",
        json!({"reason": "需技术鉴定"}),
    )
    .await;
    assert!(v.get("errors").is_none(), "{v}");
    let v = act(
        app,
        &city,
        "extendAccidentInvestigation",
        &id,
        ", reason: $reason",
        json!({"reason": "再次延期"}),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");

    let a = data(
        &act(
            app,
            &city,
            "submitAccidentInvestigation",
            &id,
            ", input: $report",
            report_input,
        )
        .await,
        "submitAccidentInvestigation",
    )
    .clone();
    assert_eq!(a["state"], "report_submitted");
    assert!(has_finding(&a, "responsibility"), "{a}");
    assert!(clock(&a, "approval")["doneAt"].is_null());
    assert!(!clock(&a, "investigation")["doneAt"].is_null());
    let v = act(
        app,
        &city,
        "closeAccident",
        &id,
        ", rectification: $rectification",
        json!({"rectification": "已整改"}),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");
    let a = data(
        &act(
            app,
            &city,
            "approveAccidentInvestigation",
            &id,
            "",
            json!({}),
        )
        .await,
        "approveAccidentInvestigation",
    )
    .clone();
    assert_eq!(a["state"], "approved");
    let v = act(
        app,
        &city,
        "closeAccident",
        &id,
        ", rectification: $rectification",
        json!({"rectification": "  "}),
    )
    .await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    let a = data(
        &act(
            app,
            &city,
            "closeAccident",
            &id,
            ", rectification: $rectification",
            json!({"rectification": "整改措施已落实，复查合格"}),
        )
        .await,
        "closeAccident",
    )
    .clone();
    assert_eq!(a["state"], "closed");
    // A closed file takes no more follow-ups.
    let v = act(
        app,
        &county,
        "followUpAccident",
        &id,
        ", input: $input",
        follow(4, "又有一人死亡", false),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");

    // The province sees it on its list; the enterprise's record feeds others.
    let list = app
        .ok(
            Some(&province),
            "{ accidents(first: 10) { totalCount nodes { id grade } } }",
            json!({}),
        )
        .await;
    assert_eq!(list["accidents"]["totalCount"], 1, "{list}");
}

/// A level that lets its time run out: the level above receives the report
/// automatically, the delay is recorded and the level gets a finding.
async fn missed_relay(app: &TestApp) {
    assert!(set_rules(app, json!({"relayMinutes": 0})).await["errors"].is_null());
    let county = app.login("county-admin@330106").await;
    let a = data(
        &report(app, &county, unit(5, 0, 10.0)).await,
        "reportAccident",
    )
    .clone();
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(a["grade"], "larger");
    let until = Instant::now() + Duration::from_secs(20);
    let a = loop {
        let a = get(app, &county, &id).await;
        if a["reachedLevel"] == "province" {
            break a;
        }
        assert!(Instant::now() < until, "not passed up automatically: {a}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    for k in ["relay_city", "relay_province"] {
        let c = clock(&a, k);
        assert_eq!(c["late"], true, "{a}");
        assert_eq!(c["automatic"], true, "{a}");
    }
    let auto = actions(&a)
        .iter()
        .filter(|x| *x == "received_automatically")
        .count();
    assert_eq!(auto, 2, "{a}");
    let late: Vec<&Value> = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "late_relay")
        .collect();
    assert_eq!(late.len(), 2, "{a}");
    assert_eq!(late[0]["subject"], "330106");
    assert_eq!(late[1]["subject"], "330100");
    // The duty board shows what still runs (the window, the investigation).
    let board = app
        .ok(
            Some(&county),
            "{ accidentClocks { accidentId kind secondsLeft } }",
            json!({}),
        )
        .await;
    let kinds: Vec<&str> = board["accidentClocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["accidentId"] == id.as_str())
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["followup_window", "investigation"], "{board}");
}

/// After the window (7 days for fire), a change needs the province.
async fn late_follow_up(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let province = app.login("province-admin@330000").await;
    let mut fire = unit(0, 1, 20.0);
    fire["accidentType"] = json!("08");
    fire["occurredAt"] = json!(ago(8 * 24));
    let a = data(&report(app, &county, fire).await, "reportAccident").clone();
    let id = a["id"].as_str().unwrap().to_string();
    let v = act(
        app,
        &county,
        "followUpAccident",
        &id,
        ", input: $input",
        follow(1, "一名伤者死亡", false),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");
    assert!(v.to_string().contains("requestApproval"), "{v}");
    let a = data(
        &act(
            app,
            &county,
            "followUpAccident",
            &id,
            ", input: $input",
            follow(1, "一名伤者死亡", true),
        )
        .await,
        "followUpAccident",
    )
    .clone();
    assert_eq!(a["deaths"], 0, "nothing changes before approval: {a}");
    assert_eq!(a["followUps"][0]["status"], "pending");
    // A second while one waits: refused. The county can't approve.
    let v = act(
        app,
        &county,
        "followUpAccident",
        &id,
        ", input: $input",
        follow(2, "又一人死亡", true),
    )
    .await;
    assert_eq!(code(&v), "CONFLICT", "{v}");
    let decide = ", seq: $seq, approve: $approve";
    let v = act(
        app,
        &county,
        "decideAccidentFollowUp",
        &id,
        decide,
        json!({"seq": 1, "approve": true}),
    )
    .await;
    assert_eq!(code(&v), "FORBIDDEN", "{v}");
    let a = data(
        &act(
            app,
            &province,
            "decideAccidentFollowUp",
            &id,
            decide,
            json!({"seq": 1, "approve": true}),
        )
        .await,
        "decideAccidentFollowUp",
    )
    .clone();
    assert_eq!(a["deaths"], 1);
    assert_eq!(a["followUps"][0]["status"], "applied");
    assert_eq!(a["followUps"][0]["late"], true);
    assert!(has_finding(&a, "late_followup"), "{a}");
    // Deciding it again: nothing pending.
    let v = act(
        app,
        &province,
        "decideAccidentFollowUp",
        &id,
        decide,
        json!({"seq": 1, "approve": true}),
    )
    .await;
    assert_eq!(code(&v), "NOT_FOUND", "{v}");

    // The same age for a fall from height: within its 30 days.
    let mut fall = unit(0, 1, 20.0);
    fall["occurredAt"] = json!(ago(8 * 24));
    let a = data(&report(app, &county, fall).await, "reportAccident").clone();
    let id = a["id"].as_str().unwrap().to_string();
    let a = data(
        &act(
            app,
            &county,
            "followUpAccident",
            &id,
            ", input: $input",
            follow(1, "一名伤者死亡", false),
        )
        .await,
        "followUpAccident",
    )
    .clone();
    assert_eq!(a["deaths"], 1);
    assert_eq!(a["followUps"][0]["late"], false);
}

both!(accident_whole_flow, whole_flow);
both!(accident_missed_relay, missed_relay);
both!(accident_late_follow_up, late_follow_up);
