//! The penalties register end to end: bad input named field by field with
//! nothing written, a duplicate case number, publication refused while the
//! summary holds personal data, a revoked licence leading to a listing
//! through the whole flow, every public query read for masked data, and a
//! decision revoked on appeal withdrawing its credit event.

use crate::both;
use crate::credit::{data, listing_act, through_flow, wait_listing};
use crate::hazard::enterprise;
use crate::helpers::*;
use serde_json::{json, Value};

const PENALTY: &str =
    "id caseNumber year partyKind partyName partyUscc personIdNumber penaltyType amountYuan \
    state publishDueAt publishedAt publishedLate publicSummary version";

fn today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string()
}

async fn record_penalty(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql(
        Some(token),
        &format!("mutation($i: PenaltyInput!) {{ recordPenalty(input: $i) {{ {PENALTY} }} }}"),
        json!({"i": input}),
    )
    .await
}

pub(crate) fn fields(r: &Value) -> Vec<String> {
    r["errors"][0]["extensions"]["details"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|f| f["field"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn penalties_and_masking(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let (e_id, ent) = enterprise(app, 73, "330106", "ent-credit-p").await;
    // Bad input: every field named, nothing written.
    let r = record_penalty(app, &county, json!({"caseNumber": " ", "partyKind": "person", "personName": "张三丰",
        "personIdNumber": "110105194912310021", "violation": "x", "article": "x", "penaltyType": "fine",
        "decidedAt": "2026-13-01"})).await;
    let f = fields(&r);
    for want in ["caseNumber", "personIdNumber", "decidedAt", "amountYuan"] {
        assert!(f.contains(&want.to_string()), "{want} in {f:?}: {r}");
    }
    let list = app
        .ok(Some(&county), "{ penalties { total } }", json!({}))
        .await;
    assert_eq!(list["penalties"]["total"], 0, "nothing written");
    let person = json!({"caseNumber": "西应急罚〔2026〕1号", "partyKind": "person", "personName": "张三丰",
        "personIdNumber": "11010519491231002X", "violation": "未经培训上岗作业", "article": "《安全生产法》第九十七条",
        "penaltyType": "fine", "amountYuan": 5000.0, "decidedAt": today(), "documents": ["处罚决定书"]});
    let r = record_penalty(app, &county, person.clone()).await;
    let p = data(&r, "recordPenalty").clone();
    assert_eq!(p["state"], "decided");
    assert!(p["publishDueAt"].is_string());
    // The same case number in the same year: refused.
    let r = record_penalty(app, &county, person.clone()).await;
    assert_eq!(fields(&r), ["caseNumber"], "{r}");
    // Inspectors of another county can't publish it.
    let other = app.login("county-admin@330203").await;
    let publish = format!("mutation($id: String!, $s: String!) {{ publishPenalty(id: $id, publicSummary: $s) {{ {PENALTY} }} }}");
    let r = app
        .gql(
            Some(&other),
            &publish,
            json!({"id": p["id"], "s": "张*未经培训上岗，罚款五千元"}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    // Personal data in the public summary: refused, field by field.
    for leak in [
        "当事人11010519491231002X未经培训",
        "当事人张三丰未经培训",
        "联系电话13812345678",
    ] {
        let r = app
            .gql(Some(&county), &publish, json!({"id": p["id"], "s": leak}))
            .await;
        assert_eq!(fields(&r), ["publicSummary"], "{leak}: {r}");
    }
    let r = app
        .gql(
            Some(&county),
            &publish,
            json!({"id": p["id"], "s": "张*未经培训上岗作业，罚款五千元"}),
        )
        .await;
    let pub_ = data(&r, "publishPenalty");
    assert_eq!(pub_["state"], "published");
    assert_eq!(pub_["publishedLate"], false);
    // A licence revoked: a penalty on the enterprise that proposes a listing.
    let r = record_penalty(app, &county, json!({"caseNumber": "西应急罚〔2026〕2号", "partyKind": "enterprise",
        "enterpriseId": e_id, "violation": "重大事故隐患拒不整改", "article": "《安全生产许可证条例》第十四条",
        "penaltyType": "licence_revocation", "decidedAt": today()})).await;
    let ep = data(&r, "recordPenalty").clone();
    let r = app
        .gql(
            Some(&county),
            &publish,
            json!({"id": ep["id"], "s": "吊销安全生产许可证"}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let l = wait_listing(app, &county, &e_id).await;
    assert_eq!(l["trigger"], "licence_revoked", "{l}");
    assert_eq!(l["events"][0]["source"], "penalty");
    through_flow(app, &county, &ent, &l).await;

    // Every public query, and nothing masked comes out.
    let uscc = l["uscc"].as_str().unwrap();
    let answers = [
        app.gql(None, "{ publicPenalties(first: 50) { total items { caseNumber authority partyName partyUscc violation article penaltyType penaltyTypeName amountYuan decidedAt publishedAt publicSummary } } }", json!({})).await,
        app.gql(None, "{ publicPenalties(search: \"张三丰\") { total items { partyName } } }", json!({})).await,
        app.gql(None, "{ publicBlacklist(current: true) { items { enterpriseName uscc county countyName trigger triggerName publishedAt startsAt endsAt removedAt state measures } } }", json!({})).await,
        app.gql(None, "{ publicBlacklist(current: false) { items { enterpriseName uscc } } }", json!({})).await,
        app.gql(None, "{ publicCreditSearch(name: \"企业\") { enterpriseName uscc countyName grade } }", json!({})).await,
        app.gql(None, "query($u: String!) { publicCreditProfile(uscc: $u) { enterpriseName uscc countyName grade reasons { code zh effect } certificates { number } penalties { caseNumber partyName partyUscc publicSummary } listings { state } commitments { text } } }", json!({"u": uscc})).await,
    ];
    for a in &answers {
        assert!(a.get("errors").is_none(), "{a}");
        let s = a.to_string();
        assert!(
            !s.contains("张三丰") && !s.contains("11010519491231002X"),
            "masked data leaked: {s}"
        );
    }
    assert_eq!(
        answers[1]["data"]["publicPenalties"]["total"], 0,
        "a person is not found by name: {}",
        answers[1]
    );
    let all = answers[0].to_string();
    assert!(
        all.contains("张**") && all.contains("西应急罚〔2026〕1号"),
        "the masked person's penalty is public: {all}"
    );
    assert!(
        answers[5].to_string().contains("吊销安全生产许可证"),
        "{}",
        answers[5]
    );
    // No public type has a field for the masked data at all.
    let schema = app
        .ok(
            None,
            "{ __type(name: \"PublicPenalty\") { fields { name } } }",
            json!({}),
        )
        .await
        .to_string();
    assert!(
        !schema.contains("personIdNumber") && !schema.contains("IdNumber"),
        "{schema}"
    );
    // Unpublished penalties stay out of public view.
    let r = record_penalty(app, &county, json!({"caseNumber": "西应急罚〔2026〕3号", "partyKind": "enterprise",
        "enterpriseId": e_id, "violation": "未公示", "article": "某条", "penaltyType": "warning", "decidedAt": today()})).await;
    assert!(r.get("errors").is_none(), "{r}");
    let s = app
        .ok(
            None,
            "{ publicPenalties(first: 50) { items { caseNumber } } }",
            json!({}),
        )
        .await
        .to_string();
    assert!(!s.contains("〔2026〕3号"), "{s}");
}
both!(credit_penalties_and_masking, penalties_and_masking);

/// A decision revoked on appeal (复议/诉讼撤销): its credit event is withdrawn
/// (kept on record, no longer counted), the penalty leaves the public
/// register, the listing it started can only be dismissed, at once; a later
/// correction of the appeal status restores the event.
async fn revoked_on_appeal(app: &TestApp) {
    let county = app.login("county-admin@330106").await;
    let (e_id, _ent) = enterprise(app, 74, "330106", "ent-credit-appeal").await;
    let reasons = |county: String, e: String| async move {
        app.ok(
            Some(&county),
            "query($e: String!) { creditGrade(enterpriseId: $e) { grade reasons { code } } }",
            json!({"e": e}),
        )
        .await["creditGrade"]["reasons"]
            .to_string()
    };
    let events = |county: String, e: String| async move {
        app.ok(
            Some(&county),
            "query($e: String!) { creditEvents(enterpriseId: $e) { items { id trigger proposable withdrawnAt withdrawnReason } } }",
            json!({"e": e}),
        )
        .await["creditEvents"]["items"][0]
            .clone()
    };
    let r = record_penalty(app, &county, json!({"caseNumber": "西应急罚〔2026〕9号", "partyKind": "enterprise",
        "enterpriseId": e_id, "violation": "重大事故隐患拒不整改", "article": "《安全生产许可证条例》第十四条",
        "penaltyType": "licence_revocation", "decidedAt": today()})).await;
    let p = data(&r, "recordPenalty").clone();
    let l = wait_listing(app, &county, &e_id).await;
    assert_eq!(l["state"], "proposed", "{l}");
    assert!(reasons(county.clone(), e_id.clone())
        .await
        .contains("licence_revoked"));
    let publish = format!("mutation($id: String!, $s: String!) {{ publishPenalty(id: $id, publicSummary: $s) {{ {PENALTY} }} }}");
    let r = app
        .gql(
            Some(&county),
            &publish,
            json!({"id": p["id"], "s": "吊销安全生产许可证（复议案）"}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let public = || async {
        app.ok(
            None,
            "{ publicPenalties(first: 50) { items { caseNumber } } }",
            json!({}),
        )
        .await
        .to_string()
    };
    assert!(public().await.contains("〔2026〕9号"));
    let status = "mutation($id: String!, $a: String) { updatePenaltyStatus(id: $id, appeal: $a) { appeal version } }";
    // Another county can't touch it; an unknown status is a field error.
    let other = app.login("county-admin@330203").await;
    let r = app
        .gql(Some(&other), status, json!({"id": p["id"], "a": "revoked"}))
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = app
        .gql(
            Some(&county),
            status,
            json!({"id": p["id"], "a": "cancelled"}),
        )
        .await;
    assert_eq!(fields(&r), ["appeal"], "{r}");
    // Under reconsideration the event still counts.
    let r = app
        .gql(
            Some(&county),
            status,
            json!({"id": p["id"], "a": "reconsideration"}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    assert!(events(county.clone(), e_id.clone()).await["withdrawnAt"].is_null());
    // Revoked: withdrawn with its reason, out of the grade and the public
    // register, noted on the listing's timeline.
    let r = app
        .gql(
            Some(&county),
            status,
            json!({"id": p["id"], "a": "revoked"}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let ev = events(county.clone(), e_id.clone()).await;
    assert!(ev["withdrawnAt"].is_string(), "{ev}");
    assert!(
        ev["withdrawnReason"]
            .as_str()
            .unwrap()
            .contains("〔2026〕9号"),
        "{ev}"
    );
    assert_eq!(ev["proposable"], false);
    assert!(!reasons(county.clone(), e_id.clone())
        .await
        .contains("licence_revoked"));
    assert!(
        !public().await.contains("〔2026〕9号"),
        "a revoked decision is no longer public"
    );
    let l = wait_listing(app, &county, &e_id).await;
    let steps = l["steps"].to_string();
    assert!(steps.contains("eventWithdrawn"), "{steps}");
    // Nothing is left to list for: listing refused, dismissal at once (no
    // notice, no defence period); the event can't start another listing.
    let id = l["id"].as_str().unwrap();
    let decide = "decideListing(id: $id, list: $list, answer: $answer)";
    let r = listing_act(
        app,
        &county,
        decide,
        json!({"id": id, "list": true, "answer": "列入"}),
    )
    .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    let r = listing_act(
        app,
        &county,
        decide,
        json!({"id": id, "list": false, "answer": "处罚决定已被撤销"}),
    )
    .await;
    assert_eq!(data(&r, "decideListing")["state"], "dismissed", "{r}");
    let r = app
        .gql(
            Some(&county),
            "mutation($i: ProposeListingInput!) { proposeListing(input: $i) { id } }",
            json!({"i": {"eventIds": [ev["id"]], "reason": "再次列入"}}),
        )
        .await;
    assert_eq!(fields(&r), ["eventIds"], "{r}");
    // The appeal status corrected: the event counts again.
    let r = app
        .gql(Some(&county), status, json!({"id": p["id"], "a": "upheld"}))
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    assert!(events(county.clone(), e_id.clone()).await["withdrawnAt"].is_null());
    assert!(reasons(county.clone(), e_id.clone())
        .await
        .contains("licence_revoked"));
    assert!(public().await.contains("〔2026〕9号"));

    // Revoked after the listing was published: the enterprise may apply for
    // removal at once, outside the windows that held before.
    let (e2, ent2) = enterprise(app, 75, "330106", "ent-credit-appeal2").await;
    let r = record_penalty(app, &county, json!({"caseNumber": "西应急罚〔2026〕10号", "partyKind": "enterprise",
        "enterpriseId": e2, "violation": "重大事故隐患拒不整改", "article": "《安全生产许可证条例》第十四条",
        "penaltyType": "licence_revocation", "decidedAt": today()})).await;
    let p2 = data(&r, "recordPenalty").clone();
    let l2 = wait_listing(app, &county, &e2).await;
    let managed = through_flow(app, &county, &ent2, &l2).await;
    let id2 = managed["id"].as_str().unwrap();
    let apply = "applyListingRemoval(id: $id, kind: $kind, statement: $statement)";
    let vars = json!({"id": id2, "kind": "expiry", "statement": "处罚决定已被撤销"});
    let r = listing_act(app, &ent2, apply, vars.clone()).await;
    assert_eq!(fields(&r), ["kind"], "the window is not open yet: {r}");
    let r = app
        .gql(
            Some(&county),
            status,
            json!({"id": p2["id"], "a": "revoked"}),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let r = listing_act(app, &ent2, apply, vars).await;
    assert_eq!(
        data(&r, "applyListingRemoval")["state"],
        "removal_applied",
        "{r}"
    );
    let r = listing_act(
        app,
        &county,
        "reviewListingRemoval(id: $id, outcome: $outcome, note: $note)",
        json!({"id": id2, "outcome": "remove", "note": "列入依据已被撤销"}),
    )
    .await;
    assert_eq!(data(&r, "reviewListingRemoval")["state"], "removed", "{r}");
}
both!(credit_revoked_on_appeal, revoked_on_appeal);
