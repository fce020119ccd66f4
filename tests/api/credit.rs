//! Credit, blacklist and penalties end to end: each trigger (an overdue 重大
//! hazard, a concealed accident, a revoked licence, a revoked
//! standardization certificate) leads from its source event to a listing
//! through the whole flow (notice, defence, decision, publication,
//! management, removal); decisions before the defence period, removal
//! outside its window and penalties with personal data are refused; the
//! public queries show what the rules make public and nothing masked.

use crate::both;
use crate::credit_penalties::fields;
use crate::hazard::enterprise;
use crate::helpers::*;
use serde_json::{json, Value};
use std::time::Duration;

pub(crate) const LISTING: &str = "id county enterpriseId enterpriseName uscc trigger triggerName state \
    reason termMonths defenceDueAt defence defenceAnswer canDecide publishedAt endsAt removalWindowOpensAt \
    earlyRepairFrom version events { id source trigger } steps { action actor } tasks { id kind dueAt doneAt }";

pub(crate) fn data<'a>(v: &'a Value, name: &str) -> &'a Value {
    assert!(v.get("errors").is_none(), "unexpected errors: {v}");
    &v["data"][name]
}

pub(crate) async fn listing_act(app: &TestApp, token: &str, call: &str, vars: Value) -> Value {
    let sig: String = vars
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let t = match v {
                Value::Bool(_) => "Boolean!",
                Value::Number(_) => "Int",
                _ => "String!",
            };
            format!("${k}: {t}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let q = format!("mutation({sig}) {{ {call} {{ {LISTING} }} }}");
    app.gql(Some(token), &q, vars).await
}

/// Polls until the enterprise has a listing (from its source event), and returns it.
pub(crate) async fn wait_listing(app: &TestApp, token: &str, enterprise: &str) -> Value {
    for _ in 0..200 {
        let r = app
            .ok(
                Some(token),
                &format!("query($e: String!) {{ creditListings(enterpriseId: $e) {{ total items {{ {LISTING} }} }} }}"),
                json!({"e": enterprise}),
            )
            .await;
        if r["creditListings"]["total"].as_i64().unwrap_or(0) > 0 {
            return r["creditListings"]["items"][0].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no listing for {enterprise}");
}

async fn public_list(app: &TestApp, current: bool) -> String {
    app.ok(
        None,
        "query($c: Boolean!) { publicBlacklist(current: $c, first: 50) { total items { enterpriseName uscc state triggerName measures } } }",
        json!({"c": current}),
    )
    .await
    .to_string()
}

/// The whole flow from a proposed listing to publication and management:
/// deciding before the defence period is refused; the enterprise states its
/// defence, the county answers and decides, publishes; the job plans the
/// measures. Returns the managed listing.
pub(crate) async fn through_flow(app: &TestApp, county: &str, ent: &str, l: &Value) -> Value {
    let id = l["id"].as_str().unwrap();
    assert_eq!(l["state"], "proposed", "{l}");
    assert!(
        !l["events"].as_array().unwrap().is_empty(),
        "it rests on its event: {l}"
    );
    // The enterprise can't take the county's steps.
    let r = listing_act(app, ent, "notifyListing(id: $id)", json!({"id": id})).await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    let r = listing_act(app, county, "notifyListing(id: $id)", json!({"id": id})).await;
    let n = data(&r, "notifyListing");
    assert_eq!(n["state"], "notified");
    assert!(n["defenceDueAt"].is_string());
    assert_eq!(n["canDecide"], false);
    // A decision before the defence period ends, with no defence: refused.
    let r = listing_act(
        app,
        county,
        "decideListing(id: $id, list: $list, answer: $answer)",
        json!({"id": id, "list": true, "answer": "经查属实"}),
    )
    .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    // Only the enterprise states the defence; empty is refused.
    let r = listing_act(
        app,
        county,
        "stateListingDefence(id: $id, defence: $defence)",
        json!({"id": id, "defence": "x"}),
    )
    .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    let r = listing_act(
        app,
        ent,
        "stateListingDefence(id: $id, defence: $defence)",
        json!({"id": id, "defence": "  "}),
    )
    .await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "defence",
        "{r}"
    );
    let r = listing_act(
        app,
        ent,
        "stateListingDefence(id: $id, defence: $defence)",
        json!({"id": id, "defence": "已制定整改方案，正在落实"}),
    )
    .await;
    assert_eq!(data(&r, "stateListingDefence")["canDecide"], true);
    // The decision answers the defence; publishing comes after it.
    let r = listing_act(app, county, "publishListing(id: $id)", json!({"id": id})).await;
    assert_eq!(code(&r), "CONFLICT", "not decided yet: {r}");
    let r = listing_act(
        app,
        county,
        "decideListing(id: $id, list: $list, answer: $answer)",
        json!({"id": id, "list": true, "answer": "申辩理由不成立：逾期仍未完成治理"}),
    )
    .await;
    let d = data(&r, "decideListing");
    assert_eq!(d["state"], "decided");
    assert_eq!(d["defenceAnswer"], "申辩理由不成立：逾期仍未完成治理");
    let r = listing_act(app, county, "publishListing(id: $id)", json!({"id": id})).await;
    let p = data(&r, "publishListing");
    assert!(
        p["publishedAt"].is_string() && p["endsAt"].is_string(),
        "{p}"
    );
    // The management job plans inspections (at least every six months) and the summons.
    let mut managed = Value::Null;
    for _ in 0..100 {
        let r = app
            .ok(
                Some(county),
                &format!("query($id: String!) {{ creditListing(id: $id) {{ {LISTING} }} }}"),
                json!({"id": id}),
            )
            .await;
        if r["creditListing"]["state"] == "managed" {
            managed = r["creditListing"].clone();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(managed["state"], "managed", "the job manages it");
    let tasks = managed["tasks"].as_array().unwrap();
    assert!(tasks.iter().any(|t| t["kind"] == "summons"), "{managed}");
    let inspections = tasks.iter().filter(|t| t["kind"] == "inspection").count() as i64;
    let months = managed["termMonths"].as_i64().unwrap();
    assert!(
        inspections >= months / 6,
        "{inspections} inspections over {months} months"
    );
    let actions: Vec<&str> = managed["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["propose", "notify", "defence", "decide", "publish", "manage"],
        "{managed}"
    );
    // The public sees it, and the grade is D.
    let uscc = managed["uscc"].as_str().unwrap();
    assert!(public_list(app, true).await.contains(uscc));
    let prof = app
        .ok(None, "query($u: String!) { publicCreditProfile(uscc: $u) { grade listings { state } reasons { code } } }", json!({"u": uscc}))
        .await;
    assert_eq!(prof["publicCreditProfile"]["grade"], "D", "{prof}");
    managed
}

/// Removal: refused outside its windows, then applied for in the term's last
/// days, reviewed and removed; the enterprise leaves the current public list.
async fn removal(app: &TestApp, county: &str, ent: &str, l: &Value) {
    let id = l["id"].as_str().unwrap();
    let uscc = l["uscc"].as_str().unwrap();
    let r = listing_act(
        app,
        ent,
        "applyListingRemoval(id: $id, kind: $kind, statement: $statement)",
        json!({"id": id, "kind": "early_repair", "statement": "已整改"}),
    )
    .await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "kind",
        "12 months first: {r}"
    );
    let r = listing_act(
        app,
        ent,
        "applyListingRemoval(id: $id, kind: $kind, statement: $statement)",
        json!({"id": id, "kind": "expiry", "statement": "管理期将满，已完成整改"}),
    )
    .await;
    let a = data(&r, "applyListingRemoval");
    assert_eq!(a["state"], "removal_applied");
    // Still on the list while the application is reviewed.
    assert!(public_list(app, true).await.contains(uscc));
    let r = listing_act(app, county, "reviewListingRemoval(id: $id, outcome: $outcome, note: $note, extendMonths: $extendMonths)",
        json!({"id": id, "outcome": "extend", "note": "整改未完成", "extendMonths": 99})).await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "extendMonths",
        "{r}"
    );
    let r = listing_act(
        app,
        county,
        "reviewListingRemoval(id: $id, outcome: $outcome, note: $note)",
        json!({"id": id, "outcome": "remove", "note": "整改到位，同意移出"}),
    )
    .await;
    assert_eq!(data(&r, "reviewListingRemoval")["state"], "removed");
    assert!(
        !public_list(app, true).await.contains(uscc),
        "off the current list"
    );
    assert!(
        public_list(app, false).await.contains(uscc),
        "in the history"
    );
}

/// The province shortens a trigger's term and widens the removal window
/// (rules are data), so removal can be tested now.
pub(crate) async fn short_terms(app: &TestApp, triggers: &[&str], propose: &[&str]) {
    let province = app.login("province-admin@330000").await;
    let rules = app.ok(Some(&province), "{ creditRules }", json!({})).await;
    let mut rules: Value = serde_json::from_str(rules["creditRules"].as_str().unwrap()).unwrap();
    for t in rules["triggers"].as_array_mut().unwrap() {
        let code = t["code"].as_str().unwrap().to_string();
        if triggers.contains(&code.as_str()) {
            t["termMonths"] = json!(1);
        }
        if propose.contains(&code.as_str()) {
            t["propose"] = json!(true);
        }
    }
    rules["removalWindowDays"] = json!(60);
    let r = app
        .gql(
            Some(&province),
            "mutation($r: String!) { saveCreditRules(rules: $r) }",
            json!({"r": rules.to_string()}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
}

fn major_report() -> Value {
    json!({"stateAndCause": "储罐区防火堤破损，因年久失修", "harmAndDifficulty": "泄漏可致火灾爆炸；需停产维修"})
}

async fn hazard_trigger(app: &TestApp) {
    short_terms(app, &["hazard_major_overdue"], &[]).await;
    let (e_id, ent) = enterprise(app, 71, "330106", "ent-credit-h").await;
    let county = app.login("county-admin@330106").await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
    let r = app
        .gql(Some(&ent), "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id } }",
            json!({"i": {"category": "explosion", "level": "major", "description": "反应釜超压联锁失效",
                "majorReport": major_report(), "deadline": soon}}))
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let l = wait_listing(app, &county, &e_id).await;
    assert_eq!(l["trigger"], "hazard_major_overdue", "{l}");
    assert_eq!(l["events"][0]["source"], "hazard");
    // The enterprise sees its own listing; another county doesn't.
    let own = app
        .ok(Some(&ent), "{ creditListings { total } }", json!({}))
        .await;
    assert_eq!(own["creditListings"]["total"], 1);
    let other = app.login("county-admin@330203").await;
    let r = app
        .gql(
            Some(&other),
            "query($id: String!) { creditListing(id: $id) { id } }",
            json!({"id": l["id"]}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = listing_act(
        app,
        &other,
        "notifyListing(id: $id)",
        json!({"id": l["id"]}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let managed = through_flow(app, &county, &ent, &l).await;
    // An inspection done is recorded once.
    let task = managed["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "inspection")
        .unwrap()["id"]
        .clone();
    let q = "mutation($id: String!, $n: String!) { completeCreditTask(id: $id, note: $n) { doneAt doneBy } }";
    let r = app
        .ok(
            Some(&county),
            q,
            json!({"id": task, "n": "现场检查，整改中"}),
        )
        .await;
    assert!(r["completeCreditTask"]["doneAt"].is_string());
    let r = app
        .gql(Some(&county), q, json!({"id": task, "n": "again"}))
        .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    removal(app, &county, &ent, &managed).await;
    // Removed: no longer graded as listed (the event itself still counts in its window).
    let g = app
        .ok(
            Some(&county),
            "query($e: String!) { creditGrade(enterpriseId: $e) { grade reasons { code } } }",
            json!({"e": e_id}),
        )
        .await;
    let g = g.to_string();
    assert!(
        !g.contains("\"listed\"") && g.contains("hazard_major_overdue"),
        "{g}"
    );
}
both!(credit_hazard_trigger, hazard_trigger);

async fn accident_trigger(app: &TestApp) {
    let (e_id, ent) = enterprise(app, 72, "330106", "ent-credit-a").await;
    let county = app.login("county-admin@330106").await;
    let mut unit = crate::accident::unit(0, 1, 20.0);
    unit["enterpriseId"] = json!(e_id);
    // Reported at once: no late-report finding of its own.
    unit["occurredAt"] = json!(crate::accident::ago(0));
    let a = crate::accident::report(app, &county, unit).await;
    let acc = data(&a, "reportAccident")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .gql(Some(&county), "mutation($id: String!) { recordAccidentFinding(id: $id, kind: CONCEALED, detail: \"隐瞒重伤一人\") { id } }",
            json!({"id": acc}))
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let l = wait_listing(app, &county, &e_id).await;
    assert_eq!(l["trigger"], "accident_concealed", "{l}");
    assert_eq!(l["events"][0]["source"], "accident");
    through_flow(app, &county, &ent, &l).await;
}
both!(credit_accident_trigger, accident_trigger);

async fn standardization_trigger(app: &TestApp) {
    // The province makes a revoked certificate a listing trigger (rules are data).
    short_terms(app, &[], &["certificate_revoked"]).await;
    crate::standardization::no_notice(app).await;
    let p = crate::standardization::parties(app).await;
    let admin = app.login("county-admin@330106").await;
    let items = crate::standardization::items(app, &admin).await;
    let id = crate::standardization::to_announced(app, &p, 451, &items).await;
    let issued = app
        .ok(
            Some(&p.city),
            crate::standardization::ISSUE,
            json!({"id": id}),
        )
        .await;
    let number = issued["issueStandardizationCertificate"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let e_id = app
        .ok(
            Some(&p.city),
            "query($id: String!) { standardizationApplication(id: $id) { enterpriseId } }",
            json!({"id": id}),
        )
        .await["standardizationApplication"]["enterpriseId"]
        .as_str()
        .unwrap()
        .to_string();
    // Its grade tracks the certificate (the issue event regrades it).
    let mut graded = Value::Null;
    for _ in 0..100 {
        graded = app.ok(Some(&admin), "query($e: String!) { creditGrade(enterpriseId: $e) { grade reasons { code zh } } }", json!({"e": e_id})).await;
        if graded.to_string().contains("标准化") && !graded.to_string().contains("无有效") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!graded.to_string().contains("无有效"), "{graded}");
    let r = app
        .gql(Some(&p.city), "mutation($n: String!) { revokeStandardizationCertificate(number: $n, reason: \"发生较大事故\") { status } }", json!({"n": number}))
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let l = wait_listing(app, &admin, &e_id).await;
    assert_eq!(l["trigger"], "certificate_revoked", "{l}");
    assert_eq!(l["events"][0]["source"], "standardization");
    assert_eq!(l["state"], "proposed");
    // A listing with no event, or none of a listing trigger: refused.
    let q = format!(
        "mutation($i: ProposeListingInput!) {{ proposeListing(input: $i) {{ {LISTING} }} }}"
    );
    let r = app
        .gql(
            Some(&admin),
            &q,
            json!({"i": {"eventIds": [], "reason": "x"}}),
        )
        .await;
    assert_eq!(fields(&r), ["eventIds"], "{r}");
    let ev = app
        .ok(Some(&admin), "mutation($e: String!) { recordCreditEvent(input: {enterpriseId: $e, trigger: \"manual\", detail: \"拒不配合检查\"}) { id proposable } }", json!({"e": e_id}))
        .await;
    assert_eq!(ev["recordCreditEvent"]["proposable"], false);
    let r = app
        .gql(
            Some(&admin),
            &q,
            json!({"i": {"eventIds": [ev["recordCreditEvent"]["id"]], "reason": "拒不配合"}}),
        )
        .await;
    assert_eq!(fields(&r), ["eventIds"], "not a listing trigger: {r}");
    let r = app
        .gql(Some(&admin), "mutation($e: String!) { recordCreditEvent(input: {enterpriseId: $e, trigger: \"no_such\", detail: \"x\"}) { id } }", json!({"e": e_id}))
        .await;
    assert_eq!(fields(&r), ["trigger"], "{r}");
    // The listing goes the whole way with the enterprise's own user.
    let ent_user = app.login("std-451").await;
    through_flow(app, &admin, &ent_user, &l).await;
}
both!(credit_standardization_trigger, standardization_trigger);

async fn grades_and_commitments(app: &TestApp) {
    let (e_id, ent) = enterprise(app, 74, "330106", "ent-credit-g").await;
    let county = app.login("county-admin@330106").await;
    let grade = |t: String| {
        let e = e_id.clone();
        async move {
            app.ok(Some(&t), "query($e: String!) { creditGrade(enterpriseId: $e) { grade reasons { code effect } } }", json!({"e": e}))
                .await["creditGrade"]
                .clone()
        }
    };
    assert_eq!(
        grade(county.clone()).await["grade"],
        "B",
        "no certificate: B"
    );
    let c = app
        .ok(Some(&ent), "mutation($e: String!) { makeCommitment(enterpriseId: $e, text: \"严格落实全员安全生产责任制\") { id } }", json!({"e": e_id}))
        .await;
    let cid = c["makeCommitment"]["id"].clone();
    let r = app
        .gql(
            Some(&ent),
            "mutation($id: String!) { breakCommitment(id: $id, reason: \"x\") { id } }",
            json!({"id": cid}),
        )
        .await;
    assert_eq!(
        code(&r),
        "FORBIDDEN",
        "only the county marks it broken: {r}"
    );
    app.ok(Some(&county), "mutation($id: String!) { breakCommitment(id: $id, reason: \"未落实承诺，发生违章作业\") { brokenAt } }", json!({"id": cid}))
        .await;
    let g = grade(ent.clone()).await;
    assert_eq!(g["grade"], "C", "a broken commitment drops one grade: {g}");
    assert!(g.to_string().contains("broken_commitment"));
    // Another enterprise's grade is not the enterprise user's to read.
    let (other, _) = enterprise(app, 75, "330106", "ent-credit-g2").await;
    let r = app
        .gql(
            Some(&ent),
            "query($e: String!) { creditGrade(enterpriseId: $e) { grade } }",
            json!({"e": other}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    // A rule change regrades everyone in the background.
    let province = app.login("province-admin@330000").await;
    let rules = app.ok(Some(&province), "{ creditRules }", json!({})).await;
    let mut rules: Value = serde_json::from_str(rules["creditRules"].as_str().unwrap()).unwrap();
    rules["brokenCommitmentDrop"] = json!(2);
    let bad = app
        .gql(
            Some(&province),
            "mutation($r: String!) { saveCreditRules(rules: $r) }",
            json!({"r": "{\"defenceWorkingDays\": 0}"}),
        )
        .await;
    assert_eq!(fields(&bad), ["defenceWorkingDays"], "{bad}");
    let r = app
        .gql(
            Some(&county),
            "mutation($r: String!) { saveCreditRules(rules: $r) }",
            json!({"r": rules.to_string()}),
        )
        .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    app.ok(
        Some(&province),
        "mutation($r: String!) { saveCreditRules(rules: $r) }",
        json!({"r": rules.to_string()}),
    )
    .await;
    let mut status = Value::Null;
    for _ in 0..300 {
        status = app
            .ok(Some(&province), "{ creditRecomputeStatus }", json!({}))
            .await["creditRecomputeStatus"]
            .clone();
        if status.is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let s: Value = serde_json::from_str(status.as_str().expect("the job reports itself")).unwrap();
    assert!(s["enterprises"].as_i64().unwrap() >= 2, "{s}");
    let last = grade(county.clone()).await;
    assert_eq!(last["grade"], "D", "recomputed under the new rules: {last}");
    // The national export of a day, both formats; a bad date is a field error.
    let csv = app
        .ok(
            Some(&province),
            "{ creditExport(format: \"csv\") }",
            json!({}),
        )
        .await;
    assert!(csv["creditExport"]
        .as_str()
        .unwrap()
        .starts_with("\u{feff}format,recordType"));
    let r = app
        .gql(
            Some(&province),
            "{ creditExport(date: \"2026-02-30\") }",
            json!({}),
        )
        .await;
    assert_eq!(fields(&r), ["date"], "{r}");
}
both!(credit_grades_and_commitments, grades_and_commitments);
