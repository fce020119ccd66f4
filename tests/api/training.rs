//! Training and examination end to end: bank → blueprint → candidate and
//! hours → session → attempt (with a dropped connection and a resumed
//! paper) → score → resit → certificate → public check → review, on both
//! backends.

use crate::both;
use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::HashMap;

/// A valid ID number (GB 11643) with the given serial (000–999).
pub fn id_number(birth: &str, serial: u32) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("330106{birth}{serial:03}");
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

pub const CANDIDATE: &str = "mutation($i: CandidateInput!) { trainingRegisterCandidate(input: $i) {
  id eligible hours requiredHours needsRetraining idNumberMasked } }";
pub const HOURS: &str = "mutation($i: HoursInput!) { trainingRecordHours(input: $i) { id eligible hours needsRetraining } }";
pub const BLUEPRINT: &str =
    "mutation($i: BlueprintInput!) { trainingSaveBlueprint(input: $i) { id total version } }";
pub const SESSION: &str =
    "mutation($i: SessionInput!) { trainingCreateSession(input: $i) { id state } }";
pub const BOOK: &str =
    "mutation($s: String!, $c: [String!]!) { trainingBook(sessionId: $s, candidateIds: $c) {
  id bookings { ticket candidate { id } } } }";
pub const OPEN: &str = "mutation($id: String!) { trainingOpenSession(id: $id) { state } }";
pub const LOGIN: &str = "mutation($t: String!, $n: String!) { examLogin(ticket: $t, idNumber: $n) { token candidateName centre } }";
pub const ATTEMPT_FIELDS: &str = "id state remainingSeconds autosaveSeconds score passed
  questions { no kind stem options { key text } points } answers { no answer marked }";
pub const SAVE: &str = "mutation($t: String!, $no: Int!, $a: [String!]!, $m: Boolean) {
  examSave(token: $t, no: $no, answer: $a, marked: $m) { no seq savedAt remainingSeconds } }";

/// The parties of the demo county.
pub struct People {
    pub prov: String,
    pub county: String,
    pub proctor: String,
}

pub async fn people(app: &TestApp) -> People {
    People {
        prov: app.login("province-admin@330000").await,
        county: app.login("county-admin@330106").await,
        proctor: app.login("proctor@330106").await,
    }
}

/// Saves a principal blueprint of 5 true/false (8 points) and 20 single
/// choice (3 points) questions.
pub async fn blueprint(app: &TestApp, prov: &str, minutes: i32) -> String {
    let r = app
        .ok(
            Some(prov),
            BLUEPRINT,
            json!({"i": {"name": format!("测试卷{minutes}"), "category": "PRINCIPAL", "durationMinutes": minutes,
                "multiplePartial": false, "parts": [
                    {"kind": "TRUE_FALSE", "count": 5, "points": 8.0},
                    {"kind": "SINGLE", "count": 20, "points": 3.0}]}}),
        )
        .await;
    assert_eq!(r["trainingSaveBlueprint"]["total"], 100.0, "{r}");
    r["trainingSaveBlueprint"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A principal candidate with 32 hours.
pub async fn trained(app: &TestApp, county: &str, serial: u32, name: &str) -> (String, String) {
    let idn = id_number("19800101", serial);
    let c = app
        .ok(
            Some(county),
            CANDIDATE,
            json!({"i": {"idNumber": idn, "name": name, "category": "PRINCIPAL"}}),
        )
        .await;
    let id = c["trainingRegisterCandidate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let h = app
        .ok(
            Some(county),
            HOURS,
            json!({"i": {"candidateId": id, "institution": "西湖培训中心", "course": "主要负责人初训",
                "hours": 32.0, "date": "2026-11-01"}}),
        )
        .await;
    assert_eq!(h["trainingRecordHours"]["eligible"], true, "{h}");
    (id, idn)
}

/// A session of `bp` starting now, opened, with `ids` booked; their tickets.
pub async fn open_session(
    app: &TestApp,
    p: &People,
    bp: &str,
    ids: &[&str],
) -> (String, HashMap<String, String>) {
    let s = app
        .ok(
            Some(&p.county),
            SESSION,
            json!({"i": {"centre": "西湖区考点", "seats": 50, "startsAt": chrono::Utc::now().to_rfc3339(),
                "windowMinutes": 30, "blueprintId": bp}}),
        )
        .await;
    let sid = s["trainingCreateSession"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = app
        .ok(Some(&p.county), BOOK, json!({"s": sid, "c": ids}))
        .await;
    let tickets = b["trainingBook"]["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["candidate"]["id"].as_str().unwrap().to_string(),
                x["ticket"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    app.ok(Some(&p.proctor), OPEN, json!({"id": sid})).await;
    (sid, tickets)
}

pub async fn login(app: &TestApp, ticket: &str, idn: &str) -> String {
    let l = app.ok(None, LOGIN, json!({"t": ticket, "n": idn})).await;
    l["examLogin"]["token"].as_str().unwrap().to_string()
}

pub async fn start(app: &TestApp, token: &str) -> Value {
    let r = app
        .ok(
            None,
            &format!("mutation($t: String!) {{ examStart(token: $t) {{ {ATTEMPT_FIELDS} }} }}"),
            json!({"t": token}),
        )
        .await;
    r["examStart"].clone()
}

pub async fn attempt(app: &TestApp, token: &str) -> Value {
    app.gql(
        None,
        &format!("query($t: String!) {{ examAttempt(token: $t) {{ {ATTEMPT_FIELDS} }} }}"),
        json!({"t": token}),
    )
    .await
}

/// The bank's answers: stem → the texts of the right options.
pub async fn answer_key(app: &TestApp, prov: &str) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    let mut after: Option<String> = None;
    loop {
        let r = app
            .ok(
                Some(prov),
                "query($a: String) { trainingQuestions(first: 100, after: $a) { pageInfo { hasNextPage endCursor }
                  edges { node { stem answer options { key text } } } } }",
                json!({"a": after}),
            )
            .await;
        let q = &r["trainingQuestions"];
        for e in q["edges"].as_array().unwrap() {
            let n = &e["node"];
            let right: Vec<String> = n["answer"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| {
                    n["options"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|o| o["key"] == *k)
                        .map(|o| o["text"].as_str().unwrap().to_string())
                        .unwrap()
                })
                .collect();
            out.insert(n["stem"].as_str().unwrap().to_string(), right);
        }
        if q["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = q["pageInfo"]["endCursor"].as_str().map(str::to_string);
    }
}

/// The labels the paper shows for the right (or, with `wrong`, a wrong) answer.
pub fn labels(q: &Value, key: &HashMap<String, Vec<String>>, wrong: bool) -> Vec<String> {
    let right = &key[q["stem"].as_str().unwrap()];
    q["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| right.contains(&o["text"].as_str().unwrap().to_string()) != wrong)
        .take(1 + usize::from(!wrong) * 7)
        .map(|o| o["key"].as_str().unwrap().to_string())
        .collect()
}

async fn whole_flow(app: &TestApp) {
    let p = people(app).await;
    let key = answer_key(app, &p.prov).await;
    assert!(key.len() >= 30, "the demo bank is loaded: {}", key.len());

    // A blueprint the bank can't fill is refused when it is saved.
    let r = app
        .gql(
            Some(&p.prov),
            BLUEPRINT,
            json!({"i": {"name": "太多", "category": "PRINCIPAL", "durationMinutes": 60, "multiplePartial": false,
                "parts": [{"kind": "SINGLE", "count": 100, "points": 1.0}]}}),
        )
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "parts.0.count",
        "{r}"
    );
    let bp = blueprint(app, &p.prov, 10).await;

    // A bad check character is refused, naming the field.
    let mut bad = id_number("19800101", 7);
    bad.replace_range(17.., if bad.ends_with('1') { "2" } else { "1" });
    let r = app
        .gql(
            Some(&p.county),
            CANDIDATE,
            json!({"i": {"idNumber": bad, "name": "错号", "category": "PRINCIPAL"}}),
        )
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "idNumber",
        "{r}"
    );

    // Not enough hours: not bookable.
    let idn = id_number("19800101", 8);
    let c = app
        .ok(
            Some(&p.county),
            CANDIDATE,
            json!({"i": {"idNumber": idn, "name": "张三", "category": "PRINCIPAL"}}),
        )
        .await;
    let cid = c["trainingRegisterCandidate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(c["trainingRegisterCandidate"]["eligible"], false, "{c}");
    assert_eq!(c["trainingRegisterCandidate"]["requiredHours"], 32.0, "{c}");
    let s = app
        .ok(
            Some(&p.county),
            SESSION,
            json!({"i": {"centre": "西湖区考点", "seats": 10, "startsAt": chrono::Utc::now().to_rfc3339(),
                "windowMinutes": 30, "blueprintId": bp}}),
        )
        .await;
    let sid = s["trainingCreateSession"]["id"].as_str().unwrap();
    let r = app
        .gql(Some(&p.county), BOOK, json!({"s": sid, "c": [cid]}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "candidateIds.0",
        "{r}"
    );
    // Hours at a registered training institution (an organisation); an id
    // that isn't one is refused.
    let org = app
        .ok(
            Some(&p.county),
            "mutation { createOrganisation(input: {tenantCode: \"330106\", kind: \"training-institution\", name: \"西湖安全培训中心\"}) { id } }",
            json!({}),
        )
        .await;
    let oid = org["createOrganisation"]["id"].as_str().unwrap();
    let r = app
        .gql(
            Some(&p.county),
            HOURS,
            json!({"i": {"candidateId": cid, "institution": "", "institutionId": "01NOPE", "course": "初训",
                "hours": 32.0, "date": "2026-11-01"}}),
        )
        .await;
    assert_eq!(
        r["errors"][0]["extensions"]["details"][0]["field"], "institutionId",
        "{r}"
    );
    app.ok(
        Some(&p.county),
        HOURS,
        json!({"i": {"candidateId": cid, "institution": "", "institutionId": oid, "course": "主要负责人初训",
            "hours": 32.0, "date": "2026-11-01"}}),
    )
    .await;

    // First sitting: the candidate logs in with the ticket and ID number.
    let (sid, tickets) = open_session(app, &p, &bp, &[&cid]).await;
    let ticket = &tickets[&cid];
    let r = app
        .gql(
            None,
            LOGIN,
            json!({"t": ticket, "n": id_number("19800101", 9)}),
        )
        .await;
    assert_eq!(
        code(&r),
        "UNAUTHENTICATED",
        "a ticket with another's ID number: {r}"
    );
    let t1 = login(app, ticket, &idn).await;
    let a = start(app, &t1).await;
    let qs = a["questions"].as_array().unwrap().clone();
    assert_eq!(qs.len(), 25, "{a}");
    let left = a["remainingSeconds"].as_i64().unwrap();
    assert!((590..=600).contains(&left), "{left}");
    // Wrong answers to the first three questions, one marked.
    for q in &qs[..3] {
        let no = q["no"].as_i64().unwrap();
        let ack = app
            .ok(
                None,
                SAVE,
                json!({"t": t1, "no": no, "a": labels(q, &key, true), "m": no == 2}),
            )
            .await;
        assert_eq!(ack["examSave"]["no"], no, "{ack}");
    }

    // The connection drops; the candidate logs in again on another machine:
    // the same paper, the answers, the time counted on; the old token is dead.
    let t2 = login(app, ticket, &idn).await;
    let old = attempt(app, &t1).await;
    assert_eq!(code(&old), "UNAUTHENTICATED", "{old}");
    let b = start(app, &t2).await;
    assert_eq!(b["id"], a["id"]);
    assert_eq!(
        b["questions"], a["questions"],
        "the same paper, the same order"
    );
    assert_eq!(b["answers"].as_array().unwrap().len(), 3, "{b}");
    assert_eq!(b["answers"][1]["marked"], true, "{b}");
    assert!(b["remainingSeconds"].as_i64().unwrap() <= left);

    // Submitted: scored, failed; answers after that are refused.
    let r = app
        .ok(
            None,
            &format!("mutation($t: String!) {{ examSubmit(token: $t) {{ {ATTEMPT_FIELDS} }} }}"),
            json!({"t": t2}),
        )
        .await;
    assert_eq!(r["examSubmit"]["state"], "SUBMITTED", "{r}");
    assert_eq!(r["examSubmit"]["score"], 0.0, "{r}");
    assert_eq!(r["examSubmit"]["passed"], false, "{r}");
    let late = app
        .gql(None, SAVE, json!({"t": t2, "no": 4, "a": ["A"]}))
        .await;
    assert_eq!(code(&late), "CONFLICT", "{late}");
    let r = app
        .gql(
            Some(&p.county),
            "mutation($c: String!) { trainingIssueCertificate(candidateId: $c) { number } }",
            json!({"c": cid}),
        )
        .await;
    assert_eq!(code(&r), "CONFLICT", "no certificate without a pass: {r}");
    let log = app
        .ok(
            Some(&p.county),
            "query($a: String!) { trainingAnswerLog(attemptId: $a) { seq no answer } }",
            json!({"a": a["id"]}),
        )
        .await;
    let seqs: Vec<i64> = log["trainingAnswerLog"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, vec![1, 2, 3], "{log}");
    let _ = sid;

    // The resit: every answer right.
    let (_, tickets) = open_session(app, &p, &bp, &[&cid]).await;
    let t3 = login(app, &tickets[&cid], &idn).await;
    let a = start(app, &t3).await;
    assert_ne!(a["questions"], json!(qs), "a new paper");
    for q in a["questions"].as_array().unwrap() {
        app.ok(
            None,
            SAVE,
            json!({"t": t3, "no": q["no"], "a": labels(q, &key, false)}),
        )
        .await;
    }
    let r = app
        .ok(
            None,
            &format!("mutation($t: String!) {{ examSubmit(token: $t) {{ {ATTEMPT_FIELDS} }} }}"),
            json!({"t": t3}),
        )
        .await;
    assert_eq!(r["examSubmit"]["score"], 100.0, "{r}");
    assert_eq!(r["examSubmit"]["passed"], true, "{r}");
    let res = app
        .ok(
            Some(&p.county),
            "query($c: String!) { trainingResults(candidateId: $c) { attemptNo theoryScore passed validUntil candidateName } }",
            json!({"c": cid}),
        )
        .await;
    let list = res["trainingResults"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{res}");
    assert_eq!(list[0]["attemptNo"], 2, "{res}");
    assert_eq!(list[0]["candidateName"], "张三", "{res}");

    // The certificate, checked by the public with number and ID number.
    let r = app
        .ok(
            Some(&p.county),
            "mutation($c: String!) { trainingIssueCertificate(candidateId: $c) { number status validUntil nextReviewAt history { action } } }",
            json!({"c": cid}),
        )
        .await;
    let cert = &r["trainingIssueCertificate"];
    let number = cert["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("330106Z"), "{number}");
    assert!(
        cert["nextReviewAt"].is_null(),
        "principals aren't reviewed: {cert}"
    );
    let check =
        "query($n: String!, $i: String!) { trainingCertificateCheck(number: $n, idNumber: $i) {
        number name idNumberMasked status signatureValid } }";
    let pub_ = app.ok(None, check, json!({"n": number, "i": idn})).await;
    let c = &pub_["trainingCertificateCheck"];
    assert_eq!(c["status"], "VALID", "{pub_}");
    assert_eq!(c["signatureValid"], true, "{pub_}");
    assert_eq!(c["name"], "张*", "{pub_}");
    assert!(
        !c.to_string().contains(&idn),
        "the ID number is masked: {pub_}"
    );
    let wrong = app
        .gql(
            None,
            check,
            json!({"n": number, "i": id_number("19800101", 9)}),
        )
        .await;
    assert_eq!(code(&wrong), "NOT_FOUND", "{wrong}");

    let stats = app
        .ok(
            Some(&p.county),
            "{ trainingStats { byCategory { key sat passed } byCentre { key sat } byInstitution { key sat } dueForReview { month count } } }",
            json!({}),
        )
        .await;
    let cat = &stats["trainingStats"]["byCategory"];
    assert!(
        cat.as_array()
            .unwrap()
            .iter()
            .any(|r| r["key"] == "principal"
                && r["sat"].as_i64() >= Some(2)
                && r["passed"].as_i64() >= Some(1)),
        "{stats}"
    );
    assert!(
        stats["trainingStats"]["byInstitution"]
            .to_string()
            .contains("西湖安全培训中心"),
        "{stats}"
    );

    // The thresholds are the province's: with one answer enough, questions
    // answered wrong only (the failed paper) are too hard, right only (the
    // resit) too easy.
    let set = "mutation($r: JSON!) { setTrainingRules(rules: $r) }";
    let bad = app
        .gql(Some(&p.prov), set, json!({"r": {"passMark": 120}}))
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "{bad}");
    app.ok(
        Some(&p.prov),
        set,
        json!({"r": {"flagMinAnswers": 1, "tooHardBelow": 0.5, "tooEasyAbove": 0.99}}),
    )
    .await;
    let f = app
        .ok(
            Some(&p.county),
            "{ trainingStats { flaggedQuestions { id stem answered correct flag } } }",
            json!({}),
        )
        .await;
    let flagged = f["trainingStats"]["flaggedQuestions"].as_array().unwrap();
    assert!(flagged.iter().any(|q| q["flag"] == "TOO_HARD"), "{f}");
    assert!(flagged.iter().any(|q| q["flag"] == "TOO_EASY"), "{f}");
}

/// Special operations: a practical score decides the pass; the certificate
/// is reviewed every three years, suspended, revoked, with its history.
async fn special_operations(app: &TestApp) {
    let p = people(app).await;
    let key = answer_key(app, &p.prov).await;
    let r = app
        .ok(
            Some(&p.prov),
            BLUEPRINT,
            json!({"i": {"name": "低压电工", "category": "SPECIAL_OPERATIONS", "operationItem": "01-02",
                "durationMinutes": 30, "multiplePartial": true, "parts": [
                    {"kind": "TRUE_FALSE", "count": 5, "points": 8.0},
                    {"kind": "SINGLE", "count": 20, "points": 3.0}]}}),
        )
        .await;
    let bp = r["trainingSaveBlueprint"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let idn = id_number("19900202", 21);
    let c = app
        .ok(
            Some(&p.county),
            CANDIDATE,
            json!({"i": {"idNumber": idn, "name": "李电工", "category": "SPECIAL_OPERATIONS", "operationItem": "01-02"}}),
        )
        .await;
    let cid = c["trainingRegisterCandidate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let e = app
        .ok(
            Some(&p.county),
            "mutation($c: String!) { trainingExempt(candidateId: $c, reason: \"持有电工职业资格证书，免培训\") { eligible exemption } }",
            json!({"c": cid}),
        )
        .await;
    assert_eq!(e["trainingExempt"]["eligible"], true, "{e}");
    let (sid, tickets) = open_session(app, &p, &bp, &[&cid]).await;
    let t = login(app, &tickets[&cid], &idn).await;
    let a = start(app, &t).await;
    for q in a["questions"].as_array().unwrap() {
        app.ok(
            None,
            SAVE,
            json!({"t": t, "no": q["no"], "a": labels(q, &key, false)}),
        )
        .await;
    }
    app.ok(
        None,
        "mutation($t: String!) { examSubmit(token: $t) { state } }",
        json!({"t": t}),
    )
    .await;
    let res = app
        .ok(
            Some(&p.county),
            "query($s: String!) { trainingResults(sessionId: $s) { id theoryScore passed practicalScore } }",
            json!({"s": sid}),
        )
        .await;
    let r0 = &res["trainingResults"][0];
    assert_eq!(r0["theoryScore"], 100.0, "{res}");
    assert_eq!(
        r0["passed"], false,
        "the practical test is still to come: {res}"
    );
    let practical = "mutation($r: String!, $s: Float!) { trainingRecordPractical(resultId: $r, score: $s) { passed practicalScore validUntil } }";
    let bad = app
        .gql(
            Some(&p.county),
            practical,
            json!({"r": r0["id"], "s": 120.0}),
        )
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "{bad}");
    let ok = app
        .ok(
            Some(&p.county),
            practical,
            json!({"r": r0["id"], "s": 86.0}),
        )
        .await;
    assert_eq!(ok["trainingRecordPractical"]["passed"], true, "{ok}");

    let cert = app
        .ok(
            Some(&p.county),
            "mutation($c: String!) { trainingIssueCertificate(candidateId: $c) { number issuedAt validUntil nextReviewAt } }",
            json!({"c": cid}),
        )
        .await;
    let cert = &cert["trainingIssueCertificate"];
    let number = cert["number"].as_str().unwrap().to_string();
    let years = |a: &Value, b: &Value| {
        let p = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
        (p(b) - p(a)).num_days() / 365
    };
    assert_eq!(years(&cert["issuedAt"], &cert["validUntil"]), 6, "{cert}");
    assert_eq!(years(&cert["issuedAt"], &cert["nextReviewAt"]), 3, "{cert}");
    let reminders = app
        .ok(
            Some(&p.county),
            "{ jobs(first: 100, status: \"queued\") { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    assert!(
        reminders.to_string().contains("training.cert_reminder")
            && reminders.to_string().contains("training.cert_review_due"),
        "the reminder and the review date are queued: {reminders}"
    );

    let rev = app
        .ok(
            Some(&p.county),
            "mutation($n: String!) { trainingReviewCertificate(number: $n, passed: true, note: \"体检合格，无违章\") { status nextReviewAt } }",
            json!({"n": number}),
        )
        .await;
    assert_eq!(rev["trainingReviewCertificate"]["status"], "VALID", "{rev}");
    let sus = app
        .ok(
            Some(&p.county),
            "mutation($n: String!) { trainingSuspendCertificate(number: $n, reason: \"违章作业\") { status } }",
            json!({"n": number}),
        )
        .await;
    assert_eq!(sus["trainingSuspendCertificate"]["status"], "SUSPENDED");
    let again = app
        .gql(
            Some(&p.county),
            "mutation($n: String!) { trainingReviewCertificate(number: $n, passed: true, note: \"x\") { status } }",
            json!({"n": number}),
        )
        .await;
    assert_eq!(
        code(&again),
        "CONFLICT",
        "a suspended certificate isn't reviewed: {again}"
    );
    let rvk = app
        .ok(
            Some(&p.county),
            "mutation($n: String!) { trainingRevokeCertificate(number: $n, reason: ACCIDENT, note: \"发生触电责任事故\") { status history { action note } } }",
            json!({"n": number}),
        )
        .await;
    let h = &rvk["trainingRevokeCertificate"];
    assert_eq!(h["status"], "REVOKED");
    let actions: Vec<&str> = h["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["issue", "review", "suspend", "revoke"], "{rvk}");
}

/// The demo examinee account sees its booking and enters with it.
async fn examinee_account(app: &TestApp) {
    let me = app.login("examinee@330106").await;
    let mine = app
        .ok(
            Some(&me),
            "{ myExams { sessionId centre state ticket attempt { id } } }",
            json!({}),
        )
        .await;
    let b = &mine["myExams"][0];
    assert_eq!(b["centre"], "西湖区考点", "{mine}");
    assert_eq!(b["state"], "OPEN", "{mine}");
    let l = app
        .ok(
            Some(&me),
            "mutation($s: String!) { examLoginAsUser(sessionId: $s) { token candidateName } }",
            json!({"s": b["sessionId"]}),
        )
        .await;
    assert_eq!(l["examLoginAsUser"]["candidateName"], "演示考生");
    let t = l["examLoginAsUser"]["token"].as_str().unwrap();
    let a = start(app, t).await;
    assert_eq!(a["questions"].as_array().unwrap().len(), 30, "{a}");
    let county = app.login("county-admin@330106").await;
    let r = app
        .gql(
            Some(&me),
            "{ trainingCandidates { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");
    let _ = county;
}

both!(training_whole_flow, whole_flow);
both!(training_special_operations, special_operations);
both!(training_examinee_account, examinee_account);
