//! Generated applications and certificates over several years, for demos
//! and benchmarks (`anjian seed --applications N`): each application walks
//! the flow with realistic waits per step (some refused, some rectified,
//! the newest still under way), its timeline and step times recorded as the
//! service would, and certified ones get signed certificates numbered from
//! the province's sequences.

use crate::certificate::{self, CertKey, Certificate};
use crate::error::Result;
use crate::model::{Grade, Rules, SafetyRecord, State};
use crate::store::{self, Application, Event};
use anjian_platform::db::{Db, Scope, Tx};
use anjian_platform::time::now_ms;
use serde_json::json;
use sqlx::Row;

const DAY: i64 = 86_400_000;

/// A small, seeded generator (the same data for the same seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Milliseconds in `lo..=hi` days.
    fn days(&mut self, lo: i64, hi: i64) -> i64 {
        (lo * DAY) + self.below(((hi - lo).max(0) * DAY) as u64 + 1) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// An enterprise to apply for.
struct Ent {
    id: String,
    uscc: String,
    name: String,
    industry: String,
    division: String,
}

async fn enterprises(db: &Db, county: &str) -> Result<Vec<Ent>> {
    let mut tx = db.read(Scope::of([county.to_string()]), None).await?;
    let sql = tx.sql(
        "SELECT id, uscc, name, industry, division_code FROM enterprises WHERE {tenant} AND tenant_id = $1 ORDER BY id",
    )?;
    let rows = tx.all(sqlx::query(&sql).bind(county.to_string())).await?;
    tx.commit().await?;
    rows.iter()
        .map(|r| {
            Ok(Ent {
                id: r.try_get("id")?,
                uscc: r.try_get("uscc")?,
                name: r.try_get("name")?,
                industry: r.try_get("industry")?,
                division: r.try_get("division_code")?,
            })
        })
        .collect()
}

/// The steps of a certified application: (action, state entered, days lo, hi).
const STEPS: &[(&str, State, i64, i64)] = &[
    ("self_assess", State::SelfAssessed, 1, 20),
    ("consent", State::Submitted, 1, 10),
    ("accept", State::Accepted, 1, 6),
    ("assign_review", State::UnderReview, 1, 15),
    ("record_review", State::Reviewed, 5, 40),
    ("sign_report", State::ReportSigned, 1, 7),
    ("organiser_approve", State::OrganiserAudited, 2, 10),
    ("authority_approve", State::Publicising, 3, 15),
    ("announce", State::Announced, 7, 10),
    ("issue_certificate", State::Certified, 1, 10),
];

/// Writes `count` applications spread over `counties` (their registered
/// enterprises), started over the last `years` years; returns how many
/// applications and certificates were written. `key` signs certificates.
pub async fn generate(
    db: &Db,
    counties: &[String],
    count: u64,
    years: u64,
    seed: u64,
    key: &CertKey,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<(u64, u64)> {
    let rules = {
        let mut tx = db.read(Scope::All, None).await?;
        let r = crate::service::rules(&mut tx).await?;
        tx.commit().await?;
        r
    };
    let mut rng = Rng(seed ^ 0x5354_445f_4745_4e31);
    let now = now_ms();
    let span = years.max(1) as i64 * 365 * DAY;
    let (mut apps, mut certs) = (0u64, 0u64);
    for (n, county) in counties.iter().enumerate() {
        let share =
            count / counties.len() as u64 + u64::from((n as u64) < count % counties.len() as u64);
        let ents = enterprises(db, county).await?;
        if ents.is_empty() || share == 0 {
            continue;
        }
        let mut left = share;
        while left > 0 {
            let batch = left.min(500);
            let mut tx = db.write(Scope::of([county.clone()]), None).await?;
            let mut out = Batch::default();
            for _ in 0..batch {
                let e = &ents[rng.below(ents.len() as u64) as usize];
                let start = now - span + rng.below(span as u64) as i64;
                if one(
                    &mut tx, &rules, key, county, e, start, now, &mut rng, &mut out,
                )
                .await?
                {
                    certs += 1;
                }
                apps += 1;
            }
            out.write(&mut tx, county).await?;
            tx.commit().await?;
            left -= batch;
            progress(apps, count);
        }
    }
    Ok((apps, certs))
}

/// One application from `start`, as far as it got by `now`; true when it
/// was certified.
#[allow(clippy::too_many_arguments)]
async fn one(
    tx: &mut Tx,
    rules: &Rules,
    key: &CertKey,
    county: &str,
    e: &Ent,
    start: i64,
    now: i64,
    rng: &mut Rng,
    out: &mut Batch,
) -> Result<bool> {
    let grade = if rng.chance(25) {
        Grade::Two
    } else {
        Grade::Three
    };
    let mut a = Application {
        tenant_id: county.to_string(),
        id: anjian_platform::time::new_id(),
        enterprise_id: e.id.clone(),
        enterprise_uscc: e.uscc.clone(),
        enterprise_name: e.name.clone(),
        industry: e.industry.clone(),
        division_code: e.division.clone(),
        applied_grade: grade,
        state: State::Draft,
        system_run_since: "2020-01-01".into(),
        record: SafetyRecord::default(),
        checklist_version: Some("2024.1".into()),
        self_marks: None,
        self_score: Some(60.0 + rng.below(400) as f64 / 10.0),
        review_unit: None,
        organiser: None,
        review: None,
        review_score: None,
        achieved_grade: None,
        refusal: None,
        objections: vec![],
        due_at: None,
        overdue: false,
        notice_ends_at: None,
        certificate_number: None,
        version: 1,
        created_at: start,
        updated_at: start,
        submitted_at: None,
        accepted_at: None,
    };
    let mut events = vec![event(start, "apply", None, State::Draft)];
    let mut at = start;
    let refused = rng.chance(5);
    let rectify = rng.chance(12);
    for &(action, to, lo, hi) in STEPS {
        let from = a.state;
        if refused && to == State::Accepted {
            let t = at + rng.days(lo, hi);
            if t > now {
                break;
            }
            at = t;
            a.state = State::Refused;
            a.refusal = Some(json!({"reason": "材料不全", "missing": ["安全生产责任制文件"]}));
            events.push(event(at, "refuse", Some(from), State::Refused));
            break;
        }
        if rectify && to == State::Reviewed {
            let t = at + rng.days(5, 30);
            if t > now {
                break;
            }
            events.push(event(t, "record_review", Some(from), State::Rectifying));
            let back = t + rng.days(10, 30);
            if back > now {
                at = t;
                a.state = State::Rectifying;
                break;
            }
            events.push(event(
                back,
                "submit_rectification",
                Some(State::Rectifying),
                State::UnderReview,
            ));
            at = back;
        }
        let t = at + rng.days(lo, hi);
        if t > now {
            break;
        }
        at = t;
        a.state = to;
        match to {
            State::Submitted => a.submitted_at = Some(at),
            State::Accepted => a.accepted_at = Some(at),
            State::Reviewed => {
                a.review_score = Some(
                    if grade == Grade::Two { 75.0 } else { 60.0 } + rng.below(140) as f64 / 10.0,
                );
                a.achieved_grade = Some(grade);
            }
            _ => {}
        }
        events.push(event(at, action, Some(from), to));
    }
    a.updated_at = at;
    a.version = events.len() as i64;
    let certified = a.state == State::Certified;
    if certified {
        a.certificate_number = Some(issue(tx, rules, key, &a, at, rng).await?);
    }
    store::insert(tx, &a).await?;
    for (i, ev) in events.iter().enumerate() {
        if i > 0 && ev.from_state.as_deref() != Some(ev.to_state.as_str()) {
            if let Some(from) = &ev.from_state {
                let tenths = store::bucket(ev.at - events[i - 1].at);
                *out.steps.entry((from.clone(), tenths)).or_default() += 1;
            }
        }
        out.events.push((a.id.clone(), i as i64 + 1, ev.clone()));
    }
    Ok(certified)
}

/// Timelines and step times of a batch, written together.
#[derive(Default)]
struct Batch {
    events: Vec<(String, i64, Event)>,
    steps: std::collections::HashMap<(String, i64), i64>,
}

impl Batch {
    /// Inserts the events 400 rows a statement, then adds the step times.
    async fn write(self, tx: &mut Tx, county: &str) -> Result<()> {
        for chunk in self.events.chunks(400) {
            let mut sql = String::from(
                "INSERT INTO std_events (tenant_id, application_id, seq, at, actor, action, from_state, to_state, comment, details) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 9;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, NULL, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8,
                    b + 9
                ));
            }
            let mut q = sqlx::query(&sql);
            for (app, seq, e) in chunk {
                q = q
                    .bind(county.to_string())
                    .bind(app.clone())
                    .bind(*seq)
                    .bind(e.at)
                    .bind(e.actor.clone())
                    .bind(e.action.clone())
                    .bind(e.from_state.clone())
                    .bind(e.to_state.clone())
                    .bind(e.details.to_string());
            }
            tx.exec(q).await?;
        }
        for ((state, tenths), n) in self.steps {
            store::add_step_times(tx, county, &state, tenths, n).await?;
        }
        Ok(())
    }
}

fn event(at: i64, action: &str, from: Option<State>, to: State) -> Event {
    Event {
        seq: 0,
        at,
        actor: "seed".into(),
        action: action.into(),
        from_state: from.map(|s| s.as_str().to_string()),
        to_state: to.as_str().into(),
        comment: None,
        details: json!({}),
    }
}

/// A signed certificate for `a`, issued at `at`, numbered from the sequence.
async fn issue(
    tx: &mut Tx,
    rules: &Rules,
    key: &CertKey,
    a: &Application,
    at: i64,
    rng: &mut Rng,
) -> Result<String> {
    let year = anjian_platform::time::to_rfc3339(at)
        .get(0..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let prefix = certificate::prefix(
        &rules.region_abbreviation,
        &a.industry,
        a.applied_grade,
        year,
    );
    let number = certificate::next_number(tx, &prefix).await?;
    let issuer = if a.applied_grade == Grade::Two {
        format!("{}0000", &a.tenant_id[..2.min(a.tenant_id.len())])
    } else {
        format!("{}00", &a.tenant_id[..4.min(a.tenant_id.len())])
    };
    let mut c = Certificate::signed(
        a,
        number.clone(),
        a.applied_grade,
        issuer,
        at,
        rules.certificate_years,
        key,
    );
    if rng.chance(2) {
        c.stored_status = "revoked".into();
        c.status_reason = Some("发生较大事故，撤销证书".into());
    }
    certificate::insert(tx, &c).await?;
    Ok(number)
}
