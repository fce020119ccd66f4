//! Many replicas, one system: three server processes on one PostgreSQL and
//! Redis, as the Helm chart runs them. Sessions, sign-out and sign-in limits
//! hold on every replica; notifications and plugin activations reach the
//! others within a second; jobs run exactly once, also when a replica is
//! killed mid-run; a rolling restart loses no accepted request and no job.

use crate::helpers::*;
use crate::jobs::chrono_now_plus;
use crate::plugins;
use serde_json::{json, Value};
use sqlx::{Connection, Row};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const ME: &str = "{ me { username } }";
const REMIND: &str =
    "mutation($at: DateTime!, $t: String!) { scheduleReminder(input: {at: $at, title: $t}) { id } }";

/// Three replicas sharing `first`'s database and Redis, each with `env`.
async fn three(env: &[(&str, &str)]) -> Option<Vec<TestApp>> {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let a = spawn_with(
        Backend::Postgres,
        Opts {
            redis: true,
            env: env.clone(),
        },
    )
    .await?;
    redis_url()?;
    let b = spawn_replica(&a, env.clone()).await;
    let c = spawn_replica(&a, env).await;
    Some(vec![a, b, c])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_redis, anjian_examples)),
    ignore = "needs PostgreSQL, Redis and the example plugins"
)]
async fn three_replicas_act_as_one() {
    let Some(r) = three(&[]).await else { return };
    let (a, b, c) = (&r[0], &r[1], &r[2]);

    // A session made on A works on B and C; signing out on B ends it on all.
    let t = a.login("inspector@330106").await;
    for app in [b, c] {
        assert_eq!(
            app.ok(Some(&t), ME, json!({})).await["me"]["username"],
            "inspector@330106"
        );
    }
    b.ok(Some(&t), "mutation { logout }", json!({})).await;
    for app in [a, c] {
        assert_eq!(
            code(&app.gql(Some(&t), ME, json!({})).await),
            "UNAUTHENTICATED"
        );
    }

    // Wrong passwords spread over the replicas count together.
    for app in [a, b, c, a, b] {
        let e = app
            .login_with("reviewer@330100", "Wrong-Pass-2026")
            .await
            .unwrap_err();
        assert_eq!(code(&e), "UNAUTHENTICATED");
    }
    let limited = c
        .login_with("reviewer@330100", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(
        code(&limited),
        "RATE_LIMITED",
        "the sixth try, on C: {limited}"
    );

    // A notification made through A reaches a subscriber on C within 1 s.
    let to = c.login("examinee@330106").await;
    let mut ws = crate::subscriptions::subscribe(c, &to).await;
    let sent = Instant::now();
    crate::subscriptions::send(a, "examinee@330106", "跨副本通知").await;
    let msg = tokio::time::timeout(
        Duration::from_secs(1),
        crate::subscriptions::next_json(&mut ws),
    )
    .await
    .expect("within 1 s")
    .expect("a message");
    let took = sent.elapsed();
    assert_eq!(
        msg["payload"]["data"]["notificationAdded"]["title"],
        "跨副本通知"
    );
    eprintln!("notification A -> subscriber on C: {took:?}");

    // A plugin activated through A is in force on B and C within 1 s.
    let Some(wasm) = plugins::example("enterprise-validator-rust.wasm") else {
        return;
    };
    let tb = b.login("county-admin@330106").await;
    let tc = c.login("county-admin@330106").await;
    plugins::install(
        a,
        "chem-safety-phone",
        wasm,
        plugins::chem_exchange(1, "330106"),
    )
    .await;
    let apps = [("B", b, tb.as_str()), ("C", c, tc.as_str())];
    plugins::in_force_within_a_second(&apps, Instant::now(), 300).await;
}

/// Reminders `range` (their titles `title` + number) scheduled through
/// `apps` in turn, `conc` at once.
async fn schedule(
    apps: &[&TestApp],
    token: &str,
    range: std::ops::Range<usize>,
    conc: usize,
    title: &str,
) {
    let next = AtomicUsize::new(range.start);
    let work = (0..conc).map(|_| async {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= range.end {
                break;
            }
            let app = apps[i % apps.len()];
            let at = chrono_now_plus(1);
            app.ok(
                Some(token),
                REMIND,
                json!({"at": at, "t": format!("{title}{i}")}),
            )
            .await;
        }
    });
    futures::future::join_all(work).await;
}

/// (reminder notifications, distinct titles, jobs not done, jobs run more
/// than once) for reminders whose title starts with `title`.
async fn tally(db: &str, title: &str) -> (i64, i64, i64, i64) {
    let mut c = sqlx::PgConnection::connect(db).await.unwrap();
    let like = format!("{title}%");
    let n = sqlx::query(
        "SELECT count(*), count(DISTINCT title) FROM notifications \
         WHERE kind = 'reminder' AND title LIKE $1",
    )
    .bind(&like)
    .fetch_one(&mut c)
    .await
    .unwrap();
    let j = sqlx::query(
        "SELECT count(*) FILTER (WHERE status <> 'done'), count(*) FILTER (WHERE attempts > 1) \
         FROM jobs WHERE kind = 'core.reminder' AND payload LIKE '%' || $1 || '%'",
    )
    .bind(title)
    .fetch_one(&mut c)
    .await
    .unwrap();
    (n.get(0), n.get(1), j.get(0), j.get(1))
}

/// Waits until every reminder titled `title…` ran; returns the tally.
async fn settle(db: &str, title: &str, n: i64, limit: Duration) -> (i64, i64, i64, i64) {
    let start = Instant::now();
    loop {
        let t = tally(db, title).await;
        if t.2 == 0 || start.elapsed() > limit {
            // One more look after the queue drained: nothing runs late twice.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let t = tally(db, title).await;
            assert_eq!(t.2, 0, "{n} jobs: {} not done after {limit:?}", t.2);
            return t;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// 10,000 jobs enqueued across three replicas run exactly once, also when
/// one replica is killed with SIGKILL in the middle: its leases (3 s here)
/// are reclaimed by the others, and a job's writes commit with its end, so
/// nothing runs twice and nothing is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_redis)),
    ignore = "needs PostgreSQL and Redis"
)]
async fn ten_thousand_jobs_run_once_across_replicas() {
    let lease = [("ANJIAN_JOBS_LEASE_MS", "3000")];
    let Some(mut r) = three(&lease).await else {
        return;
    };
    let db = r[0].pg.as_ref().unwrap().superuser_url();
    let token = r[0].login("examinee@330106").await;
    let n = 10_000;
    let started = Instant::now();
    // The first half through all three, running as they come in; then C
    // is killed in the middle of its work, and the second half goes
    // through A and B.
    schedule(&[&r[0], &r[1], &r[2]], &token, 0..n / 2, 12, "批量").await;
    let (killed_at, ..) = tally(&db, "批量").await;
    let c = r.pop().unwrap();
    let _ = c.stop("KILL");
    schedule(&[&r[0], &r[1]], &token, n / 2..n, 12, "批量").await;
    let enqueued = started.elapsed();
    let (count, distinct, _, retried) =
        settle(&db, "批量", n as i64, Duration::from_secs(300)).await;
    eprintln!(
        "{n} jobs: enqueued in {enqueued:?}; C killed after {} enqueued, {killed_at} done; \
         all done after {:?}; {retried} ran again after a lease expired",
        n / 2,
        started.elapsed()
    );
    assert_eq!(count, n as i64, "every job's notification, once");
    assert_eq!(distinct, n as i64, "no job's notification twice");
}

/// Each replica in turn is stopped with SIGTERM and replaced while clients
/// keep sending requests and scheduling jobs: a request the server accepted
/// is answered, and every job runs once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(all(anjian_pg, anjian_redis)),
    ignore = "needs PostgreSQL and Redis"
)]
async fn rolling_restart_loses_nothing() {
    let Some(r) = three(&[]).await else { return };
    let db = r[0].pg.as_ref().unwrap().superuser_url();
    let token = r[0].login("inspector@330106").await;
    let live: Arc<RwLock<Vec<String>>> =
        Arc::new(RwLock::new(r.iter().map(|a| a.base.clone()).collect()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stats = Arc::new(Stats::default());
    let clients: Vec<_> = (0..6)
        .map(|k| {
            let (live, stop, stats, token) =
                (live.clone(), stop.clone(), stats.clone(), token.clone());
            tokio::spawn(async move { client(k, live, stop, stats, token).await })
        })
        .collect();
    let mut apps = r;
    let mut held = Vec::new();
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // The oldest replica leaves the endpoints, keeps serving a moment
        // (the chart's preStop sleep, while load balancers drop it), then
        // gets SIGTERM, as a pod does; its replacement joins.
        let old = apps.remove(0);
        live.write().unwrap().retain(|b| *b != old.base);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (pg, status) = old.stop("TERM");
        assert!(
            status.is_some_and(|s| s.success()),
            "graceful exit: {status:?}"
        );
        held.extend(pg);
        let new = spawn_replica(&apps[0], vec![]).await;
        live.write().unwrap().push(new.base.clone());
        apps.push(new);
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.unwrap();
    }
    let s = &*stats;
    let (ok, refused, lost, reminders) = (
        s.ok.load(Ordering::Relaxed),
        s.refused.load(Ordering::Relaxed),
        s.lost.load(Ordering::Relaxed),
        s.reminders.load(Ordering::Relaxed),
    );
    let (count, distinct, ..) =
        settle(&db, "滚动", reminders as i64, Duration::from_secs(120)).await;
    eprintln!(
        "rolling restart of 3 replicas: {ok} requests answered, {refused} connections refused \
         (retried elsewhere), {lost} lost; {reminders} reminders scheduled, {count} delivered"
    );
    assert!(ok > 100, "the clients kept working: {ok}");
    assert_eq!(lost, 0, "no accepted request went unanswered");
    assert_eq!((count, distinct), (reminders as i64, reminders as i64));
    drop(apps);
    drop(held);
}

#[derive(Default)]
struct Stats {
    ok: AtomicUsize,
    refused: AtomicUsize,
    lost: AtomicUsize,
    reminders: AtomicUsize,
}

/// One client: reads and schedules reminders round-robin over the live
/// replicas, retrying elsewhere only when a connection was refused (the
/// request never reached a server), as a load balancer does.
async fn client(
    k: usize,
    live: Arc<RwLock<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    stats: Arc<Stats>,
    token: String,
) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut i = k;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let base = {
            let l = live.read().unwrap();
            l[i % l.len()].clone()
        };
        let remind = i.is_multiple_of(5);
        let body = if remind {
            json!({"query": REMIND, "variables": {"at": chrono_now_plus(1), "t": format!("滚动{k}-{i}")}})
        } else {
            json!({"query": ME})
        };
        let res = http
            .post(format!("{base}/graphql"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        match res {
            Err(e) if e.is_connect() => {
                stats.refused.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                eprintln!("lost: {base}: {e}");
                stats.lost.fetch_add(1, Ordering::Relaxed);
            }
            Ok(resp) => {
                let status = resp.status();
                let v: Value = resp.json().await.unwrap_or(Value::Null);
                if status.is_success() && v["errors"].is_null() && !v["data"].is_null() {
                    stats.ok.fetch_add(1, Ordering::Relaxed);
                    if remind {
                        stats.reminders.fetch_add(1, Ordering::Relaxed);
                    }
                } else {
                    eprintln!("lost: {base}: {status} {v}");
                    stats.lost.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
}
