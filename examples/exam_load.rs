//! The exam-day scenario (scripts/bench-exam.sh): CANDIDATES candidates in
//! sessions of 500 at one server, all starting within a minute, saving
//! answers, then all submitting; every acknowledged save checked against
//! what is stored.
//!
//!   cargo run --release --example exam_load -- BASE PASSWORD CANDIDATES SAVE_SECONDS RATE...
//!
//! 1. setup: county-admin@330106 registers the candidates (with hours),
//!    sets up the sessions of the demo blueprint and books them; the
//!    proctor opens them.
//! 2. start: each candidate logs in with the ticket and ID number and
//!    starts, spread over 60 s.
//! 3. saves: for SAVE_SECONDS at each RATE (saves/s, open loop: sent on
//!    schedule whether or not earlier ones were answered), a random
//!    candidate saves a random answer. The scenario's own rate is
//!    CANDIDATES / 30 (each saves every 30 s on average); the 60 minutes are
//!    compressed by running higher rates for less time.
//! 4. submit: every candidate submits, spread over 120 s (the last two
//!    minutes).
//! 5. check: every candidate's stored answers (read back through the
//!    exam API) are compared with the last acknowledged save of each
//!    question; any difference is an answer lost.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

async fn post(
    http: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> Result<Value, String> {
    let mut r = http
        .post(format!("{base}/graphql"))
        .json(&json!({"query": query, "variables": vars}));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let v: Value = r
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    if v["errors"].is_null() {
        Ok(v["data"].clone())
    } else {
        Err(v["errors"].to_string())
    }
}

fn report(what: &str, mut ms: Vec<f64>, wall: Duration, errors: usize) {
    if ms.is_empty() {
        println!("{what}: no requests");
        return;
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| ms[((p / 100.0) * ms.len() as f64).min(ms.len() as f64 - 1.0) as usize];
    println!(
        "{what}: {} requests in {:.1}s ({:.0}/s); p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {errors} errors",
        ms.len(),
        wall.as_secs_f64(),
        ms.len() as f64 / wall.as_secs_f64(),
        pct(50.0),
        pct(95.0),
        pct(99.0),
        ms[ms.len() - 1]
    );
}

fn id_number(serial: u32) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!(
        "3301061985{:04}{:03}",
        101 + serial / 1000 % 1100,
        serial % 1000
    );
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

/// A candidate at the centre: ticket, ID number, exam token, paper size.
#[derive(Clone, Default)]
struct Seat {
    ticket: String,
    id_number: String,
    token: String,
    questions: i64,
}

/// Runs `n` jobs spread evenly over `secs`, at most `inflight` at once;
/// returns their latencies (ms) and error count.
async fn spread<F, Fut>(n: usize, secs: f64, inflight: usize, f: F) -> (Vec<f64>, usize, Duration)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send + 'static,
{
    let f = Arc::new(f);
    let sem = Arc::new(Semaphore::new(inflight));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let errs = Arc::new(Mutex::new(0usize));
    let start = Instant::now();
    let mut handles = Vec::with_capacity(n);
    for i in 0..n {
        let due = start + Duration::from_secs_f64(secs * i as f64 / n.max(1) as f64);
        tokio::time::sleep_until(due.into()).await;
        let permit = sem.clone().acquire_owned().await.unwrap();
        let (f, lat, errs) = (f.clone(), lat.clone(), errs.clone());
        handles.push(tokio::spawn(async move {
            let t = Instant::now();
            let r = f(i).await;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            drop(permit);
            match r {
                Ok(()) => lat.lock().unwrap().push(ms),
                Err(e) => {
                    let mut n = errs.lock().unwrap();
                    if *n < 3 {
                        eprintln!("error: {e}");
                    }
                    *n += 1;
                }
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let wall = start.elapsed();
    let v = lat.lock().unwrap().clone();
    let e = *errs.lock().unwrap();
    (v, e, wall)
}

async fn setup(http: &reqwest::Client, base: &str, password: &str, n: usize) -> Vec<Seat> {
    let login = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";
    let tok = |u: &str| {
        let (http, base, u) = (http.clone(), base.to_string(), u.to_string());
        async move {
            post(&http, &base, None, login, json!({"u": u, "p": password}))
                .await
                .unwrap()["login"]["token"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let county = tok("county-admin@330106").await;
    let proctor = tok("proctor@330106").await;
    let bps = post(
        http,
        base,
        Some(&county),
        "{ trainingBlueprints { id name } }",
        json!({}),
    )
    .await
    .unwrap();
    let bp = bps["trainingBlueprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "主要负责人 演示卷")
        .expect("the demo blueprint (serve --demo)")["id"]
        .clone();
    let t = Instant::now();
    let ids = Arc::new(Mutex::new(vec![String::new(); n]));
    let (h2, b2, c2, ids2) = (http.clone(), base.to_string(), county.clone(), ids.clone());
    let (ms, errs, wall) = spread(n, 0.0, 16, move |i| {
        let (http, base, county, ids) = (h2.clone(), b2.clone(), c2.clone(), ids2.clone());
        async move {
            let c = post(&http, &base, Some(&county),
                "mutation($i: CandidateInput!) { trainingRegisterCandidate(input: $i) { id } }",
                json!({"i": {"idNumber": id_number(i as u32), "name": format!("考生{i:05}"), "category": "PRINCIPAL"}})).await?;
            let id = c["trainingRegisterCandidate"]["id"].as_str().unwrap().to_string();
            post(&http, &base, Some(&county),
                "mutation($i: HoursInput!) { trainingRecordHours(input: $i) { eligible } }",
                json!({"i": {"candidateId": id, "institution": "杭州市安全生产培训中心", "course": "初训", "hours": 32.0, "date": "2026-11-01"}})).await?;
            ids.lock().unwrap()[i] = id;
            Ok(())
        }
    })
    .await;
    report(
        "setup: register a candidate with hours (2 requests)",
        ms,
        wall,
        errs,
    );
    let ids = ids.lock().unwrap().clone();
    let mut seats = vec![Seat::default(); n];
    for (k, chunk) in ids.chunks(500).enumerate() {
        let s = post(http, base, Some(&county),
            "mutation($i: SessionInput!) { trainingCreateSession(input: $i) { id } }",
            json!({"i": {"centre": format!("考点{k:02}"), "seats": 500, "startsAt": chrono::Utc::now().to_rfc3339(), "windowMinutes": 120, "blueprintId": bp}})).await.unwrap();
        let sid = s["trainingCreateSession"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let b = post(http, base, Some(&county),
            "mutation($s: String!, $c: [String!]!) { trainingBook(sessionId: $s, candidateIds: $c) { bookings { ticket candidate { id } } } }",
            json!({"s": sid, "c": chunk})).await.unwrap();
        let tickets: HashMap<String, String> = b["trainingBook"]["bookings"]
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
        for (j, id) in chunk.iter().enumerate() {
            let i = k * 500 + j;
            seats[i].ticket = tickets[id].clone();
            seats[i].id_number = id_number(i as u32);
        }
        post(
            http,
            base,
            Some(&proctor),
            "mutation($id: String!) { trainingOpenSession(id: $id) { state } }",
            json!({"id": sid}),
        )
        .await
        .unwrap();
    }
    println!(
        "setup: {n} candidates in {} sessions of 500 in {:.0}s",
        n.div_ceil(500),
        t.elapsed().as_secs_f64()
    );
    seats
}

#[tokio::main]
async fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (base, password) = (a[1].clone(), a[2].clone());
    let n: usize = a[3].parse().unwrap();
    let save_secs: f64 = a[4].parse().unwrap();
    let rates: Vec<f64> = a[5..].iter().map(|r| r.parse().unwrap()).collect();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .build()
        .unwrap();
    let seats = Arc::new(Mutex::new(setup(&http, &base, &password, n).await));

    // Everyone starts within a minute.
    let (h, b, s) = (http.clone(), base.clone(), seats.clone());
    let (ms, errs, wall) = spread(n, 60.0, 512, move |i| {
        let (http, base, seats) = (h.clone(), b.clone(), s.clone());
        async move {
            let seat = seats.lock().unwrap()[i].clone();
            let l = post(&http, &base, None, "mutation($t: String!, $n: String!) { examLogin(ticket: $t, idNumber: $n) { token } }",
                json!({"t": seat.ticket, "n": seat.id_number})).await?;
            let token = l["examLogin"]["token"].as_str().unwrap().to_string();
            let a = post(&http, &base, None, "mutation($t: String!) { examStart(token: $t) { questions { no } } }", json!({"t": token})).await?;
            let mut seats = seats.lock().unwrap();
            seats[i].questions = a["examStart"]["questions"].as_array().unwrap().len() as i64;
            seats[i].token = token;
            Ok(())
        }
    })
    .await;
    report("start: log in and start (2 requests)", ms, wall, errs);

    // Saves at each rate; every acknowledgement remembered.
    type Acks = HashMap<usize, HashMap<i64, (i64, String)>>;
    let acked: Arc<Mutex<Acks>> = Arc::default();
    println!(
        "the scenario's own rate: {:.0} saves/s ({n} candidates, one save each per 30 s)",
        n as f64 / 30.0
    );
    for rate in rates {
        let count = (rate * save_secs) as usize;
        let (h, b, s, ack) = (http.clone(), base.clone(), seats.clone(), acked.clone());
        let (ms, errs, wall) = spread(count, save_secs, 1024, move |k| {
            let (http, base, seats, ack) = (h.clone(), b.clone(), s.clone(), ack.clone());
            async move {
                let mut rng = rand::rngs::StdRng::seed_from_u64(k as u64 ^ (rate as u64) << 32);
                let i = rng.gen_range(0..n);
                let seat = seats.lock().unwrap()[i].clone();
                let no = rng.gen_range(1..=seat.questions.max(1));
                let letter = ["A", "B", "C", "D"][rng.gen_range(0..4)];
                let r = post(&http, &base, None,
                    "mutation($t: String!, $no: Int!, $a: [String!]!) { examSave(token: $t, no: $no, answer: $a) { seq } }",
                    json!({"t": seat.token, "no": no, "a": [letter]})).await?;
                let seq = r["examSave"]["seq"].as_i64().unwrap();
                let mut m = ack.lock().unwrap();
                let e = m.entry(i).or_default().entry(no).or_insert((0, String::new()));
                if seq > e.0 {
                    *e = (seq, letter.to_string());
                }
                Ok(())
            }
        })
        .await;
        report(&format!("autosave at {rate:.0}/s offered"), ms, wall, errs);
    }

    // The floor at the same rates: a GraphQL request that touches nothing.
    for rate in [n as f64 / 30.0] {
        let count = (rate * save_secs.min(30.0)) as usize;
        let (h, b) = (http.clone(), base.clone());
        let (ms, errs, wall) = spread(count, save_secs.min(30.0), 1024, move |_| {
            let (http, base) = (h.clone(), b.clone());
            async move {
                post(&http, &base, None, "{ __typename }", json!({})).await?;
                Ok(())
            }
        })
        .await;
        report(
            &format!("floor: {{ __typename }} at {rate:.0}/s offered"),
            ms,
            wall,
            errs,
        );
    }

    // Everyone submits in the last two minutes.
    let (h, b, s) = (http.clone(), base.clone(), seats.clone());
    let (ms, errs, wall) = spread(n, 120.0, 512, move |i| {
        let (http, base, seats) = (h.clone(), b.clone(), s.clone());
        async move {
            let token = seats.lock().unwrap()[i].token.clone();
            post(
                &http,
                &base,
                None,
                "mutation($t: String!) { examSubmit(token: $t) { score } }",
                json!({"t": token}),
            )
            .await?;
            Ok(())
        }
    })
    .await;
    report("submit: score the paper", ms, wall, errs);

    // Every acknowledged save against what is stored.
    let acked = acked.lock().unwrap().clone();
    let lost = Arc::new(Mutex::new(0usize));
    let (h, b, s, l) = (http.clone(), base.clone(), seats.clone(), lost.clone());
    let acked = Arc::new(acked);
    let ack2 = acked.clone();
    let (_, errs, _) = spread(n, 0.0, 64, move |i| {
        let (http, base, seats, lost, acked) =
            (h.clone(), b.clone(), s.clone(), l.clone(), ack2.clone());
        async move {
            let token = seats.lock().unwrap()[i].token.clone();
            let r = post(
                &http,
                &base,
                None,
                "query($t: String!) { examAttempt(token: $t) { answers { no answer } } }",
                json!({"t": token}),
            )
            .await?;
            let stored: HashMap<i64, String> = r["examAttempt"]["answers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        a["no"].as_i64().unwrap(),
                        a["answer"][0].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            for (no, (_, letter)) in acked.get(&i).into_iter().flatten() {
                if stored.get(no) != Some(letter) {
                    *lost.lock().unwrap() += 1;
                }
            }
            Ok(())
        }
    })
    .await;
    println!(
        "check: {} acknowledged answers (last save per question), {} lost, {errs} read errors",
        acked.values().map(HashMap::len).sum::<usize>(),
        lost.lock().unwrap()
    );
}
