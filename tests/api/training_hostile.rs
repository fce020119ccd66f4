//! Training and examination under hostile input and faults: another
//! candidate's paper, a second attempt, tampered question numbers, answers
//! after the end, another county, broken bank files, retraining after a
//! failed resit, and `kill -9` in the middle of a session.

use crate::both;
use crate::helpers::*;
use crate::training::*;
use base64::Engine;
use serde_json::json;
use std::time::{Duration, Instant};

/// Two candidates in one session: each token writes its own paper only;
/// numbers outside the paper and letters that aren't options are refused;
/// forged tokens and a second attempt too; another county sees nothing.
async fn isolation(app: &TestApp) {
    let p = people(app).await;
    let bp = blueprint(app, &p.prov, 30).await;
    let (a, a_idn) = trained(app, &p.county, 301, "甲").await;
    let (b, b_idn) = trained(app, &p.county, 302, "乙").await;
    let (_, tickets) = open_session(app, &p, &bp, &[&a, &b]).await;
    let ta = login(app, &tickets[&a], &a_idn).await;
    let tb = login(app, &tickets[&b], &b_idn).await;
    let pa = start(app, &ta).await;
    let pb = start(app, &tb).await;
    assert_ne!(pa["id"], pb["id"]);

    // A's ticket with B's ID number, and a forged token, get nothing.
    let r = app
        .gql(None, LOGIN, json!({"t": tickets[&a], "n": b_idn}))
        .await;
    assert_eq!(code(&r), "UNAUTHENTICATED", "{r}");
    for forged in [
        format!("330106.{}", "0".repeat(48)),
        "330203.deadbeef".to_string(),
        "not-a-token".to_string(),
        String::new(),
    ] {
        let r = app
            .gql(None, SAVE, json!({"t": forged, "no": 1, "a": ["A"]}))
            .await;
        assert_eq!(code(&r), "UNAUTHENTICATED", "{forged}: {r}");
        assert_eq!(code(&attempt(app, &forged).await), "UNAUTHENTICATED");
    }

    // Tampered question numbers and letters.
    for no in [0, -1, 26, 9999] {
        let r = app
            .gql(None, SAVE, json!({"t": ta, "no": no, "a": ["A"]}))
            .await;
        assert_eq!(code(&r), "VALIDATION_FAILED", "question {no}: {r}");
        assert_eq!(
            r["errors"][0]["extensions"]["details"][0]["field"], "no",
            "{r}"
        );
    }
    for bad in [
        json!(["Z"]),
        json!(["A", "A"]),
        json!(["1"]),
        json!(["<script>"]),
    ] {
        let r = app
            .gql(None, SAVE, json!({"t": ta, "no": 1, "a": bad}))
            .await;
        assert_eq!(code(&r), "VALIDATION_FAILED", "{bad}: {r}");
    }

    // A writes question 1; B's paper holds none of it.
    app.ok(None, SAVE, json!({"t": ta, "no": 1, "a": ["T"]}))
        .await;
    app.ok(None, SAVE, json!({"t": ta, "no": 1, "a": ["F"]}))
        .await;
    let mine = attempt(app, &ta).await;
    assert_eq!(
        mine["data"]["examAttempt"]["answers"][0]["answer"],
        json!(["F"])
    );
    let theirs = attempt(app, &tb).await;
    assert_eq!(
        theirs["data"]["examAttempt"]["answers"],
        json!([]),
        "{theirs}"
    );

    // A second attempt at the same time: A is booked in another open session.
    let (_, t2) = open_session(app, &p, &bp, &[&a]).await;
    let ta2 = login(app, &t2[&a], &a_idn).await;
    let r = app
        .gql(
            None,
            "mutation($t: String!) { examStart(token: $t) { id } }",
            json!({"t": ta2}),
        )
        .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");

    // Another county: no candidates, no attempts, no bookings of ours.
    let other = app.login("county-admin@330203").await;
    let r = app
        .gql(
            Some(&other),
            "query($id: String!) { trainingCandidate(id: $id) { name } }",
            json!({"id": a}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let list = app
        .ok(
            Some(&other),
            "{ trainingCandidates(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(!list.to_string().contains(&a), "{list}");
    let r = app
        .gql(
            Some(&other),
            "mutation($a: String!) { trainingForceSubmit(attemptId: $a) { state } }",
            json!({"a": pa["id"]}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = app
        .gql(
            Some(&other),
            "query($a: String!) { trainingAnswerLog(attemptId: $a) { seq } }",
            json!({"a": pa["id"]}),
        )
        .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let s = app
        .ok(
            Some(&other),
            SESSION,
            json!({"i": {"centre": "北仑考点", "seats": 5, "startsAt": chrono::Utc::now().to_rfc3339(),
                "windowMinutes": 30, "blueprintId": bp}}),
        )
        .await;
    let r = app
        .gql(
            Some(&other),
            BOOK,
            json!({"s": s["trainingCreateSession"]["id"], "c": [a]}),
        )
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");

    // The proctor force-submits B; B's later answers are refused.
    let proctor = app.login("proctor@330106").await;
    let f = app
        .ok(
            Some(&proctor),
            "mutation($a: String!) { trainingForceSubmit(attemptId: $a) { state score } }",
            json!({"a": pb["id"]}),
        )
        .await;
    assert_eq!(f["trainingForceSubmit"]["state"], "SUBMITTED", "{f}");
    let r = app
        .gql(None, SAVE, json!({"t": tb, "no": 2, "a": ["A"]}))
        .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
}

/// Failing the first sitting and the resit means retraining: no booking
/// until the hours are done again.
async fn retraining(app: &TestApp) {
    let p = people(app).await;
    let bp = blueprint(app, &p.prov, 20).await;
    let (c, idn) = trained(app, &p.county, 401, "丙").await;
    for _ in 0..2 {
        let (_, t) = open_session(app, &p, &bp, &[&c]).await;
        let tok = login(app, &t[&c], &idn).await;
        start(app, &tok).await;
        app.ok(
            None,
            "mutation($t: String!) { examSubmit(token: $t) { state } }",
            json!({"t": tok}),
        )
        .await;
    }
    let cand = app
        .ok(
            Some(&p.county),
            "query($id: String!) { trainingCandidate(id: $id) { eligible needsRetraining hours results { attemptNo passed } } }",
            json!({"id": c}),
        )
        .await;
    let x = &cand["trainingCandidate"];
    assert_eq!(x["needsRetraining"], true, "{cand}");
    assert_eq!(x["eligible"], false, "{cand}");
    assert_eq!(x["hours"], 0.0, "{cand}");
    let s = app
        .ok(
            Some(&p.county),
            SESSION,
            json!({"i": {"centre": "西湖区考点", "seats": 5, "startsAt": chrono::Utc::now().to_rfc3339(),
                "windowMinutes": 30, "blueprintId": bp}}),
        )
        .await;
    let r = app
        .gql(
            Some(&p.county),
            BOOK,
            json!({"s": s["trainingCreateSession"]["id"], "c": [c]}),
        )
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    assert!(r.to_string().contains("须重新培训"), "{r}");
    let h = app
        .ok(
            Some(&p.county),
            HOURS,
            json!({"i": {"candidateId": c, "institution": "西湖培训中心", "course": "重新培训",
                "hours": 32.0, "date": "2026-11-20"}}),
        )
        .await;
    assert_eq!(h["trainingRecordHours"]["eligible"], true, "{h}");
    assert_eq!(h["trainingRecordHours"]["needsRetraining"], false, "{h}");
}

/// A bank file with broken rows: a report per row, the good rows loaded
/// (nothing on a dry run), a file that isn't a bank refused; the export
/// loads back unchanged.
async fn bank_files(app: &TestApp) {
    let prov = app.login("province-admin@330000").await;
    let csv = "编号,题型,人员类别,操作项目,知识点,难度,题干,选项,答案,解析\n\
        T-OK-1,判断题,主要负责人,,安全生产法,2,生产经营单位可以不为从业人员提供劳动防护用品。,,错误,必须提供\n\
        T-BAD-1,填空题,主要负责人,,安全生产法,2,题干,,正确,\n\
        T-BAD-2,单选题,主要负责人,,安全生产法,2,题干二,A. 甲|B. 乙|C. 丙|D. 丁,E,\n\
        T-BAD-3,单选题,主要负责人,,安全生产法,9,题干三,A. 甲|B. 乙,A,\n\
        T-BAD-4,单选题,特种作业人员,99-99,电气安全,2,题干四,A. 甲|B. 乙,A,\n\
        T-OK-2,多选题,主要负责人,,应急管理,3,应急预案包括哪些？,A. 综合预案|B. 专项预案|C. 现场处置方案|D. 广告方案,ABC,\n";
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let import = "mutation($f: String!, $fmt: BankFormat!, $d: Boolean) { trainingImportQuestions(file: $f, format: $fmt, dryRun: $d) {
        rows inserted updated unchanged rejected dryRun rejections { row column value messageEn } } }";
    let dry = app
        .ok(
            Some(&prov),
            import,
            json!({"f": b64(csv.as_bytes()), "fmt": "CSV", "d": true}),
        )
        .await;
    let d = &dry["trainingImportQuestions"];
    assert_eq!(d["rows"], 6, "{dry}");
    assert_eq!(d["inserted"], 2, "{dry}");
    assert_eq!(d["rejected"], 4, "{dry}");
    let rows: Vec<i64> = d["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_i64().unwrap())
        .collect();
    for r in [3, 4, 5, 6] {
        assert!(rows.contains(&r), "row {r} reported: {dry}");
    }
    let search = "query($s: String) { trainingQuestions(search: $s) { totalCount } }";
    let n = app.ok(Some(&prov), search, json!({"s": "T-OK-1"})).await;
    assert_eq!(
        n["trainingQuestions"]["totalCount"], 0,
        "a dry run writes nothing"
    );
    let real = app
        .ok(
            Some(&prov),
            import,
            json!({"f": b64(csv.as_bytes()), "fmt": "CSV"}),
        )
        .await;
    assert_eq!(real["trainingImportQuestions"]["inserted"], 2, "{real}");
    let n = app.ok(Some(&prov), search, json!({"s": "T-OK-1"})).await;
    assert_eq!(n["trainingQuestions"]["totalCount"], 1);

    // Not a bank file at all.
    for (bytes, fmt) in [
        (b"\x89PNG\r\n\x1a\n\0\0\0".to_vec(), "XLSX"),
        (b"name,uscc\nx,y\n".to_vec(), "CSV"),
    ] {
        let r = app
            .gql(Some(&prov), import, json!({"f": b64(&bytes), "fmt": fmt}))
            .await;
        assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    }
    let r = app
        .gql(Some(&prov), import, json!({"f": "%%%", "fmt": "CSV"}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");
    // Only the province loads the bank.
    let county = app.login("county-admin@330106").await;
    let r = app
        .gql(
            Some(&county),
            import,
            json!({"f": b64(csv.as_bytes()), "fmt": "CSV"}),
        )
        .await;
    assert_eq!(code(&r), "FORBIDDEN", "{r}");

    // Export and load back: nothing changes.
    for fmt in ["XLSX", "CSV"] {
        let e = app
            .ok(
                Some(&prov),
                "query($f: BankFormat!) { trainingExportQuestions(format: $f) }",
                json!({"f": fmt}),
            )
            .await;
        let file = e["trainingExportQuestions"].as_str().unwrap();
        let back = app
            .ok(Some(&prov), import, json!({"f": file, "fmt": fmt}))
            .await;
        let b = &back["trainingImportQuestions"];
        assert_eq!(b["rejected"], 0, "{fmt}: {back}");
        assert_eq!(b["inserted"], 0, "{fmt}: {back}");
        assert_eq!(b["updated"], 0, "{fmt}: {back}");
        assert!(b["unchanged"].as_i64().unwrap() >= 100, "{fmt}: {back}");
    }
}

/// A paper whose time is up is submitted by the job queue (no one
/// connected), and answers after that are refused. An exam minute lasts
/// 150 ms on this server, so the 10-minute paper ends in 1.5 s.
async fn time_up(backend: Backend) {
    let opts = Opts {
        env: vec![("ANJIAN_TRAINING_MINUTE_MS".into(), "150".into())],
        ..Opts::default()
    };
    let Some(app) = spawn_with(backend, opts).await else {
        panic!("{backend:?} is not available");
    };
    let p = people(&app).await;
    let bp = blueprint(&app, &p.prov, 10).await;
    let (c, idn) = trained(&app, &p.county, 501, "丁").await;
    let (sid, t) = open_session(&app, &p, &bp, &[&c]).await;
    let tok = login(&app, &t[&c], &idn).await;
    start(&app, &tok).await;
    app.ok(None, SAVE, json!({"t": tok, "no": 1, "a": ["T"]}))
        .await;
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let s = app
            .ok(
                Some(&p.proctor),
                "query($id: String!) { trainingSession(id: $id) { bookings { attempt { state remainingSeconds answered } } } }",
                json!({"id": sid}),
            )
            .await;
        let a = &s["trainingSession"]["bookings"][0]["attempt"];
        if a["state"] == "SUBMITTED" {
            assert_eq!(a["answered"], 1, "{s}");
            break;
        }
        assert!(Instant::now() < until, "not submitted at its end: {s}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let r = app
        .gql(None, SAVE, json!({"t": tok, "no": 2, "a": ["T"]}))
        .await;
    assert_eq!(code(&r), "CONFLICT", "{r}");
    let res = app
        .ok(
            Some(&p.county),
            "query($s: String!) { trainingResults(sessionId: $s) { theoryScore } }",
            json!({"s": sid}),
        )
        .await;
    assert_eq!(res["trainingResults"].as_array().unwrap().len(), 1, "{res}");
}

/// `kill -9` in the middle of a session: every acknowledged answer is there
/// after the restart, and the timer counted on while the server was down.
async fn killed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        panic!("{backend:?} is not available");
    };
    let p = people(&app).await;
    let bp = blueprint(&app, &p.prov, 60).await;
    let (c, idn) = trained(&app, &p.county, 601, "戊").await;
    let (_, t) = open_session(&app, &p, &bp, &[&c]).await;
    let ticket = t[&c].clone();
    let tok = login(&app, &ticket, &idn).await;
    let paper = start(&app, &tok).await;
    let mut acked = Vec::new();
    for q in paper["questions"].as_array().unwrap() {
        let a = if q["kind"] == "TRUE_FALSE" { "T" } else { "B" };
        let r = app
            .gql(None, SAVE, json!({"t": tok, "no": q["no"], "a": [a]}))
            .await;
        if r["errors"].is_null() {
            acked.push((q["no"].as_i64().unwrap(), a.to_string()));
        }
    }
    assert_eq!(acked.len(), 25);
    let before = attempt(&app, &tok).await["data"]["examAttempt"]["remainingSeconds"]
        .as_i64()
        .unwrap();
    let down = Instant::now();
    let app = app.kill9_and_restart(vec![]).await;
    let waited = down.elapsed().as_secs() as i64;
    let tok = login(&app, &ticket, &idn).await;
    let back = start(&app, &tok).await;
    assert_eq!(back["id"], paper["id"]);
    assert_eq!(back["questions"], paper["questions"]);
    let answers: Vec<(i64, String)> = back["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["no"].as_i64().unwrap(),
                a["answer"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(answers, acked, "every acknowledged answer survived");
    let after = back["remainingSeconds"].as_i64().unwrap();
    assert!(
        after <= before - waited + 1 && after > before - waited - 30,
        "the clock ran on: {before} s left before, {waited} s down, {after} s left after"
    );
}

both!(training_isolation, isolation);
both!(training_retraining, retraining);
both!(training_bank_files, bank_files);

mod training_time_up {
    use super::*;
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        time_up(Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(
        not(anjian_pg),
        ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
    )]
    async fn postgres() {
        time_up(Backend::Postgres).await;
    }
}

mod training_kill9 {
    use super::*;
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        killed(Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(
        not(anjian_pg),
        ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
    )]
    async fn postgres() {
        killed(Backend::Postgres).await;
    }
}
