//! The candidate's attempt (答卷): logging in with the admission ticket and
//! ID number, starting or resuming the one attempt with its own paper on
//! the server's clock, saving every answer, and submitting and scoring it
//! (by the candidate, the proctor, the session's end or the deadline job).

use super::add_months;
use super::people::eligibility;
use crate::error::{Result, TrError};
use crate::model::Category;
use crate::paper;
use crate::question::Question;
use crate::store::exam::{
    self, Answer, Attempt, AttemptState, Booking, ExamResult, Session, SessionState,
};
use crate::store::people::Candidate;
use crate::store::{bank, people};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::{jobs, Error, FieldError};
use rand::Rng;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The job that submits a paper when its time is up.
pub const AUTOSUBMIT_JOB: &str = "training.autosubmit";

/// The stored form of an exam token (SHA-256, hex).
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The county of a ticket or token: its first six digits.
pub fn tenant_of(s: &str) -> Option<String> {
    let t = s.get(..6)?;
    t.bytes().all(|b| b.is_ascii_digit()).then(|| t.to_string())
}

/// How long an exam minute lasts, in milliseconds: 60,000, unless
/// `ANJIAN_TRAINING_MINUTE_MS` shortens it (tests run a 10-minute paper in
/// seconds to see it submitted at its end; never set it in production).
pub fn minute_ms() -> i64 {
    static MS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *MS.get_or_init(|| {
        std::env::var("ANJIAN_TRAINING_MINUTE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|v| (1..=60_000).contains(v))
            .unwrap_or(60_000)
    })
}

/// Seconds left before `deadline`, never negative.
pub fn remaining(deadline: i64, now: i64) -> i64 {
    ((deadline - now).max(0) + 999) / 1000
}

/// A login at the test centre: the token and what it is for.
pub struct Login {
    pub token: String,
    pub candidate: Candidate,
    pub session: Session,
}

fn bad_login() -> TrError {
    TrError::Platform(Error::BadCredentials)
}

/// Issues a token for a booking; a new login (a swapped machine) replaces
/// the old token, so one machine at a time holds the attempt.
async fn issue(tx: &mut Tx, mut b: Booking, candidate: Candidate) -> Result<Login> {
    let session = exam::session(tx, &b.session_id)
        .await?
        .ok_or(TrError::NotFound("session"))?;
    if session.state == SessionState::Closed {
        return Err(TrError::conflict("本场考试已结束", "the session is closed"));
    }
    let secret: [u8; 24] = rand::thread_rng().gen();
    let token = format!("{}.{}", b.tenant_id, hex::encode(secret));
    b.token_hash = Some(hash_token(&token));
    exam::update_booking(tx, &b).await?;
    Ok(Login {
        token,
        candidate,
        session,
    })
}

/// 考生登录: the admission ticket and the ID number it was issued to.
pub async fn login(tx: &mut Tx, ticket: &str, id_number: &str) -> Result<Login> {
    let ticket = ticket.trim();
    let tenant = tenant_of(ticket).ok_or_else(bad_login)?;
    let b = exam::booking_by_ticket(tx, &tenant, ticket)
        .await?
        .ok_or_else(bad_login)?;
    let c = people::get(tx, &b.candidate_id)
        .await?
        .ok_or_else(bad_login)?;
    if c.id_number != id_number.trim().to_ascii_uppercase() {
        return Err(bad_login());
    }
    issue(tx, b, c).await
}

/// An examinee with a platform account enters a session they are booked in.
pub async fn login_as_user(
    tx: &mut Tx,
    tenant: &str,
    username: &str,
    session: &str,
) -> Result<Login> {
    for c in people::of_user(tx, tenant, username).await? {
        if let Some(b) = exam::bookings_of(tx, tenant, &c.id)
            .await?
            .into_iter()
            .find(|b| b.session_id == session)
        {
            return issue(tx, b, c).await;
        }
    }
    Err(TrError::NotFound("booking"))
}

/// The booking a token was issued for (UNAUTHENTICATED when none).
pub async fn by_token(tx: &mut Tx, token: &str) -> Result<Booking> {
    let tenant = tenant_of(token).ok_or(TrError::Platform(Error::Unauthenticated))?;
    exam::booking_by_token(tx, &tenant, &hash_token(token))
        .await?
        .ok_or(TrError::Platform(Error::Unauthenticated))
}

/// Starts the candidate's attempt, or resumes it (same paper, time counted
/// on); a paper past its time is submitted first.
pub async fn start(tx: &mut Tx, token: &str) -> Result<Attempt> {
    let mut b = by_token(tx, token).await?;
    let now = now_ms();
    if let Some(id) = &b.attempt_id {
        let a = exam::attempt(tx, &b.tenant_id, id)
            .await?
            .ok_or(TrError::NotFound("attempt"))?;
        return settle(tx, a, now).await;
    }
    let s = exam::session(tx, &b.session_id)
        .await?
        .ok_or(TrError::NotFound("session"))?;
    match s.state {
        SessionState::Scheduled => {
            return Err(TrError::conflict(
                "监考员尚未开考",
                "the proctor hasn't opened the session yet",
            ))
        }
        SessionState::Closed => {
            return Err(TrError::conflict("本场考试已结束", "the session is closed"))
        }
        SessionState::Open => {}
    }
    if now > s.starts_at + s.window_minutes * 60_000 && !b.admitted_late {
        return Err(TrError::conflict(
            "已过入场时间，请联系监考员",
            "the start window has passed: ask the proctor to admit you",
        ));
    }
    let c = people::get(tx, &b.candidate_id)
        .await?
        .ok_or(TrError::NotFound("candidate"))?;
    let rules = super::rules(tx).await?;
    if eligibility(&c, &rules).needs_retraining {
        return Err(TrError::conflict(
            "补考未通过，须重新培训",
            "failed the resit: retraining is required",
        ));
    }
    if exam::active_of(tx, &c.tenant_id, &c.id).await?.is_some() {
        return Err(TrError::conflict(
            "该考生已有进行中的答卷",
            "the candidate already has an attempt in progress",
        ));
    }
    let pool = bank::pool(
        tx,
        s.blueprint.category,
        s.blueprint.operation_item.as_deref(),
    )
    .await?;
    let seed: i64 = rand::thread_rng().gen_range(0..i64::MAX);
    let paper = paper::draw(&s.blueprint, &pool, seed as u64).map_err(|_| {
        TrError::conflict(
            "题库已不足以按组卷规则组卷，请联系管理员",
            "the bank no longer fills the blueprint: ask an administrator",
        )
    })?;
    let a = Attempt {
        tenant_id: b.tenant_id.clone(),
        id: new_id(),
        session_id: s.id.clone(),
        candidate_id: c.id.clone(),
        attempt_no: c.failures + 1,
        seed,
        paper,
        started_at: now,
        deadline_at: now + i64::from(s.blueprint.duration_minutes) * minute_ms(),
        state: AttemptState::Active,
        saves: 0,
        submitted_at: None,
        submitted_by: None,
        score: None,
    };
    exam::insert_attempt(tx, &a).await?;
    b.attempt_id = Some(a.id.clone());
    exam::update_booking(tx, &b).await?;
    jobs::enqueue(
        tx,
        &a.tenant_id,
        AUTOSUBMIT_JOB,
        &json!({"attemptId": a.id}),
        a.deadline_at + 1000,
        Some(&format!("autosubmit:{}", a.id)),
        10,
    )
    .await?;
    Ok(a)
}

/// Submits an attempt past its deadline; returns it as it now stands.
async fn settle(tx: &mut Tx, a: Attempt, now: i64) -> Result<Attempt> {
    if a.state == AttemptState::Active && a.deadline_at <= now {
        return finish(tx, &a, "system").await;
    }
    Ok(a)
}

/// The attempt a token's booking holds, settled.
pub async fn attempt_of(tx: &mut Tx, token: &str) -> Result<Attempt> {
    let b = by_token(tx, token).await?;
    let id = b
        .attempt_id
        .ok_or_else(|| TrError::conflict("尚未开始答题", "the attempt hasn't started"))?;
    let a = exam::attempt(tx, &b.tenant_id, &id)
        .await?
        .ok_or(TrError::NotFound("attempt"))?;
    settle(tx, a, now_ms()).await
}

/// The drawn versions of a paper's questions, in paper order.
pub async fn questions(tx: &mut Tx, a: &Attempt) -> Result<Vec<Question>> {
    let keys: Vec<(String, i64)> = a
        .paper
        .iter()
        .map(|i| (i.question_id.clone(), i.version))
        .collect();
    let bank = bank::versions(tx, &keys).await?;
    keys.iter()
        .map(|k| bank.get(k).cloned().ok_or(TrError::NotFound("question")))
        .collect()
}

/// What a save acknowledges.
pub struct SaveAck {
    pub no: i64,
    pub seq: i64,
    pub saved_at: i64,
    pub deadline: i64,
}

fn check_labels(labels: &[String]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let ok = labels.len() <= 8
        && labels.iter().all(|l| {
            matches!(
                l.as_str(),
                "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "T"
            ) && seen.insert(l)
        });
    if ok {
        Ok(())
    } else {
        Err(TrError::field(
            "answer",
            "答案应为不重复的选项字母",
            "an answer is distinct option letters",
        ))
    }
}

/// Saves one answer (an empty list clears it). Refused after the end.
pub async fn save(
    tx: &mut Tx,
    token: &str,
    no: i64,
    labels: &[String],
    marked: bool,
) -> Result<SaveAck> {
    check_labels(labels)?;
    if no < 1 {
        return Err(TrError::field(
            "no",
            "题号从 1 开始",
            "question numbers start at 1",
        ));
    }
    let b = by_token(tx, token).await?;
    let id = b
        .attempt_id
        .ok_or_else(|| TrError::conflict("尚未开始答题", "the attempt hasn't started"))?;
    let now = now_ms();
    if let Some((seq, deadline)) =
        exam::save_answer(tx, &b.tenant_id, &id, no, labels, marked, now).await?
    {
        return Ok(SaveAck {
            no,
            seq,
            saved_at: now,
            deadline,
        });
    }
    let a = exam::attempt(tx, &b.tenant_id, &id)
        .await?
        .ok_or(TrError::NotFound("attempt"))?;
    if a.state == AttemptState::Submitted || a.deadline_at <= now {
        return Err(TrError::time_up());
    }
    Err(TrError::Invalid(vec![FieldError::new(
        "no",
        &format!("试卷共 {} 题，没有第 {no} 题", a.paper.len()),
        &format!(
            "the paper has {} questions: there is no question {no}",
            a.paper.len()
        ),
    )]))
}

/// The candidate submits (交卷).
pub async fn submit(tx: &mut Tx, token: &str) -> Result<Attempt> {
    let a = attempt_of(tx, token).await?;
    if a.state == AttemptState::Submitted {
        return Ok(a);
    }
    finish(tx, &a, "candidate").await
}

/// The proctor submits a candidate's paper (强制交卷).
pub async fn force_submit(tx: &mut Tx, id: &str, by: &str) -> Result<Attempt> {
    let a = exam::attempt_any(tx, id)
        .await?
        .ok_or(TrError::NotFound("attempt"))?;
    tx.ensure_writable(&a.tenant_id)?;
    if a.state == AttemptState::Submitted {
        return Err(TrError::conflict(
            "该答卷已提交",
            "the paper was already submitted",
        ));
    }
    finish(tx, &a, by).await
}

/// Scores and closes an attempt, records the result, counts each question
/// for the statistics, and moves the candidate on (a pass clears failures;
/// a second failure means retraining).
pub async fn finish(tx: &mut Tx, a: &Attempt, by: &str) -> Result<Attempt> {
    let now = now_ms();
    let s = exam::session(tx, &a.session_id)
        .await?
        .ok_or(TrError::NotFound("session"))?;
    let answers = exam::answers(tx, &a.tenant_id, &a.id).await?;
    let by_no: HashMap<i64, Vec<String>> = answers
        .into_iter()
        .map(|x: Answer| (x.no, x.answer))
        .collect();
    let keys: Vec<(String, i64)> = a
        .paper
        .iter()
        .map(|i| (i.question_id.clone(), i.version))
        .collect();
    let versions = bank::versions(tx, &keys).await?;
    let scored = paper::score(&a.paper, &versions, &by_no, s.blueprint.multiple_partial);
    if !exam::submit(tx, a, by, now, scored.score).await? {
        return exam::attempt(tx, &a.tenant_id, &a.id)
            .await?
            .ok_or(TrError::NotFound("attempt"));
    }
    let rules = super::rules(tx).await?;
    let mut c = people::get(tx, &a.candidate_id)
        .await?
        .ok_or(TrError::NotFound("candidate"))?;
    let theory_passed = scored.score + 1e-9 >= rules.pass_mark;
    let practical = c.category == Category::SpecialOperations;
    let passed = theory_passed && !practical;
    let institution = people::training(tx, &c.tenant_id, &c.id)
        .await?
        .first()
        .map_or_else(|| "—".to_string(), |t| t.institution.clone());
    let r = ExamResult {
        tenant_id: a.tenant_id.clone(),
        id: new_id(),
        candidate_id: c.id.clone(),
        attempt_id: a.id.clone(),
        session_id: s.id.clone(),
        centre: s.centre.clone(),
        institution,
        category: c.category,
        operation_item: c.operation_item.clone(),
        attempt_no: a.attempt_no,
        theory_score: scored.score,
        practical_score: None,
        passed,
        valid_until: passed.then(|| add_months(now, rules.result_valid_months)),
        at: now,
    };
    exam::insert_result(tx, &r).await?;
    exam::count_answers(tx, &a.tenant_id, &a.id, &scored.correct).await?;
    if theory_passed {
        c.failures = 0;
    } else {
        fail(&mut c, &rules);
    }
    people::update(tx, &c).await?;
    exam::attempt(tx, &a.tenant_id, &a.id)
        .await?
        .ok_or(TrError::NotFound("attempt"))
}

/// Counts a failure; past the resits the hours start again (retraining).
fn fail(c: &mut Candidate, rules: &crate::model::Rules) {
    c.failures += 1;
    if eligibility(c, rules).needs_retraining {
        c.hours = 0.0;
        c.refresher = false;
    }
}

/// Enters the practical score of a special operations result (实操成绩).
pub async fn record_practical(tx: &mut Tx, id: &str, score: f64) -> Result<ExamResult> {
    let mut r = exam::result(tx, id)
        .await?
        .ok_or(TrError::NotFound("result"))?;
    tx.ensure_writable(&r.tenant_id)?;
    if !(0.0..=100.0).contains(&score) {
        return Err(TrError::field(
            "score",
            "成绩应为 0–100",
            "a score is 0 to 100",
        ));
    }
    let rules = super::rules(tx).await?;
    if r.category != Category::SpecialOperations || r.theory_score + 1e-9 < rules.pass_mark {
        return Err(TrError::conflict(
            "只有理论考试合格的特种作业成绩需要录入实操成绩",
            "only special operations results with a theory pass take a practical score",
        ));
    }
    if r.practical_score.is_some() {
        return Err(TrError::conflict(
            "实操成绩已录入",
            "the practical score is already entered",
        ));
    }
    let now = now_ms();
    r.practical_score = Some(score);
    r.passed = score + 1e-9 >= rules.practical_pass_mark;
    r.valid_until = r.passed.then(|| add_months(now, rules.result_valid_months));
    exam::update_result(tx, &r).await?;
    if !r.passed {
        let mut c = people::get(tx, &r.candidate_id)
            .await?
            .ok_or(TrError::NotFound("candidate"))?;
        fail(&mut c, &rules);
        people::update(tx, &c).await?;
    }
    Ok(r)
}
