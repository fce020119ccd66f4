//! Attempts (答卷) with their papers, answers and the append-only answer
//! log, and results (成绩). Re-exported by [`super::exam`].

use super::exam::AttemptState;
use super::{flag, float_text, opt_text};
use crate::error::{Result, TrError};
use crate::paper::PaperItem;
use anjian_platform::db::Tx;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

/// One candidate's sitting of a session's exam, with their own paper.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    pub tenant_id: String,
    pub id: String,
    pub session_id: String,
    pub candidate_id: String,
    /// 1 the first sitting, 2 the resit.
    pub attempt_no: i64,
    pub seed: i64,
    pub paper: Vec<PaperItem>,
    pub started_at: i64,
    pub deadline_at: i64,
    pub state: AttemptState,
    pub saves: i64,
    pub submitted_at: Option<i64>,
    pub submitted_by: Option<String>,
    pub score: Option<f64>,
}

const ATTEMPT_COLUMNS: &str = "tenant_id, id, session_id, candidate_id, attempt_no, seed, paper, \
    questions, started_at, deadline_at, state, saves, submitted_at, submitted_by, score";

fn attempt_row(r: &AnyRow) -> Result<Attempt> {
    Ok(Attempt {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        session_id: r.try_get("session_id")?,
        candidate_id: r.try_get("candidate_id")?,
        attempt_no: r.try_get("attempt_no")?,
        seed: r.try_get("seed")?,
        paper: serde_json::from_str(&r.try_get::<String, _>("paper")?)?,
        started_at: r.try_get("started_at")?,
        deadline_at: r.try_get("deadline_at")?,
        state: AttemptState::parse(&r.try_get::<String, _>("state")?)?,
        saves: r.try_get("saves")?,
        submitted_at: r.try_get("submitted_at")?,
        submitted_by: opt_text(r, "submitted_by")?,
        score: r.try_get("score")?,
    })
}

/// Stores a new attempt; a second active attempt of the candidate is a conflict.
pub async fn insert_attempt(tx: &mut Tx, a: &Attempt) -> Result<()> {
    tx.ensure_writable(&a.tenant_id)?;
    let r = tx
        .exec(
            sqlx::query(&format!(
                "INSERT INTO tr_attempts ({ATTEMPT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,CAST($15 AS DOUBLE PRECISION))"
            ))
            .bind(a.tenant_id.clone())
            .bind(a.id.clone())
            .bind(a.session_id.clone())
            .bind(a.candidate_id.clone())
            .bind(a.attempt_no)
            .bind(a.seed)
            .bind(serde_json::to_string(&a.paper)?)
            .bind(a.paper.len() as i64)
            .bind(a.started_at)
            .bind(a.deadline_at)
            .bind(a.state.as_str())
            .bind(a.saves)
            .bind(a.submitted_at)
            .bind(a.submitted_by.clone())
            .bind(float_text(a.score)),
        )
        .await;
    match r {
        Ok(_) => Ok(()),
        Err(anjian_platform::Error::Conflict { .. }) => Err(TrError::conflict(
            "该考生已有进行中的答卷",
            "the candidate already has an attempt in progress",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Attempt `id` of `tenant`.
pub async fn attempt(tx: &mut Tx, tenant: &str, id: &str) -> Result<Option<Attempt>> {
    let sql = tx.sql(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM tr_attempts WHERE {{tenant}} AND tenant_id = $1 AND id = $2"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(id.to_string()),
    )
    .await?
    .map(|r| attempt_row(&r))
    .transpose()
}

/// Attempt `id` among the transaction's tenants.
pub async fn attempt_any(tx: &mut Tx, id: &str) -> Result<Option<Attempt>> {
    let sql = tx.sql(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM tr_attempts WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| attempt_row(&r))
        .transpose()
}

/// The candidate's active attempt, if any.
pub async fn active_of(tx: &mut Tx, tenant: &str, candidate: &str) -> Result<Option<Attempt>> {
    let sql = tx.sql(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM tr_attempts WHERE {{tenant}} AND tenant_id = $1 AND candidate_id = $2 AND state = 'active'"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(candidate.to_string()),
    )
    .await?
    .map(|r| attempt_row(&r))
    .transpose()
}

/// Attempts of a session.
pub async fn attempts_of_session(tx: &mut Tx, tenant: &str, session: &str) -> Result<Vec<Attempt>> {
    let sql = tx.sql(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM tr_attempts WHERE {{tenant}} AND tenant_id = $1 AND session_id = $2"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(session.to_string()),
    )
    .await?
    .iter()
    .map(attempt_row)
    .collect()
}

/// Marks the attempt submitted with its score; false when it already was.
pub async fn submit(tx: &mut Tx, a: &Attempt, by: &str, at: i64, score: f64) -> Result<bool> {
    let sql = tx.sql(
        "UPDATE tr_attempts SET state = 'submitted', submitted_at = $1, submitted_by = $2, \
         score = CAST($3 AS DOUBLE PRECISION) WHERE {tenant} AND tenant_id = $4 AND id = $5 AND submitted_at IS NULL",
    )?;
    Ok(tx
        .exec(
            sqlx::query(&sql)
                .bind(at)
                .bind(by.to_string())
                .bind(score.to_string())
                .bind(a.tenant_id.clone())
                .bind(a.id.clone()),
        )
        .await?
        == 1)
}

/// A saved answer: the labels chosen, whether marked for review.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub no: i64,
    pub answer: Vec<String>,
    pub marked: bool,
    pub seq: i64,
    pub at: i64,
}

/// Saves one answer if the attempt is active (`submitted_at IS NULL`, not
/// `state`: that would lead the planner to the partial index of active
/// attempts, a scan of the county's, instead of the key), before its deadline and has
/// question `no`: the answer, and a line in the log. Returns the save's
/// sequence number and the attempt's deadline, or None when the attempt
/// takes no answers.
pub async fn save_answer(
    tx: &mut Tx,
    tenant: &str,
    attempt: &str,
    no: i64,
    answer: &[String],
    marked: bool,
    now: i64,
) -> Result<Option<(i64, i64)>> {
    let bump = tx.sql(
        "UPDATE tr_attempts SET saves = saves + 1 WHERE {tenant} AND tenant_id = $1 AND id = $2 \
         AND submitted_at IS NULL AND deadline_at > $3 AND questions >= $4 RETURNING saves, deadline_at",
    )?;
    let Some(row) = tx
        .opt(
            sqlx::query(&bump)
                .bind(tenant.to_string())
                .bind(attempt.to_string())
                .bind(now)
                .bind(no),
        )
        .await?
    else {
        return Ok(None);
    };
    let seq: i64 = row.try_get("saves")?;
    let deadline: i64 = row.try_get("deadline_at")?;
    let text = serde_json::to_string(answer)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_answers (tenant_id, attempt_id, no, answer, marked, seq, saved_at) VALUES ($1,$2,$3,$4,$5,$6,$7) \
             ON CONFLICT (tenant_id, attempt_id, no) DO UPDATE SET answer = excluded.answer, \
             marked = excluded.marked, seq = excluded.seq, saved_at = excluded.saved_at",
        )
        .bind(tenant.to_string())
        .bind(attempt.to_string())
        .bind(no)
        .bind(text.clone())
        .bind(i64::from(marked))
        .bind(seq)
        .bind(now),
    )
    .await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_answer_log (tenant_id, attempt_id, seq, no, answer, marked, at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(tenant.to_string())
        .bind(attempt.to_string())
        .bind(seq)
        .bind(no)
        .bind(text)
        .bind(i64::from(marked))
        .bind(now),
    )
    .await?;
    Ok(Some((seq, deadline)))
}

fn answer_row(r: &AnyRow, seq: &str, at: &str) -> Result<Answer> {
    Ok(Answer {
        no: r.try_get("no")?,
        answer: serde_json::from_str(&r.try_get::<String, _>("answer")?)?,
        marked: flag(r, "marked")?,
        seq: r.try_get(seq)?,
        at: r.try_get(at)?,
    })
}

/// The attempt's current answers, by question number.
pub async fn answers(tx: &mut Tx, tenant: &str, attempt: &str) -> Result<Vec<Answer>> {
    let sql = tx.sql(
        "SELECT no, answer, marked, seq, saved_at FROM tr_answers WHERE {tenant} AND tenant_id = $1 AND attempt_id = $2 ORDER BY no",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(attempt.to_string()),
    )
    .await?
    .iter()
    .map(|r| answer_row(r, "seq", "saved_at"))
    .collect()
}

/// Every save of the attempt, in order (for appeals).
pub async fn answer_log(tx: &mut Tx, tenant: &str, attempt: &str) -> Result<Vec<Answer>> {
    let sql = tx.sql(
        "SELECT no, answer, marked, seq, at FROM tr_answer_log WHERE {tenant} AND tenant_id = $1 AND attempt_id = $2 ORDER BY seq",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(attempt.to_string()),
    )
    .await?
    .iter()
    .map(|r| answer_row(r, "seq", "at"))
    .collect()
}

/// An exam result (成绩): the theory score, and the practical one where the
/// category has a practical test.
#[derive(Debug, Clone)]
pub struct ExamResult {
    pub tenant_id: String,
    pub id: String,
    pub candidate_id: String,
    pub attempt_id: String,
    pub session_id: String,
    pub centre: String,
    pub institution: String,
    pub category: crate::model::Category,
    pub operation_item: Option<String>,
    pub attempt_no: i64,
    pub theory_score: f64,
    pub practical_score: Option<f64>,
    pub passed: bool,
    pub valid_until: Option<i64>,
    pub at: i64,
}

const RESULT_COLUMNS: &str =
    "tenant_id, id, candidate_id, attempt_id, session_id, centre, institution, \
    category, operation_item, attempt_no, theory_score, practical_score, passed, valid_until, at";

fn result_row(r: &AnyRow) -> Result<ExamResult> {
    Ok(ExamResult {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        candidate_id: r.try_get("candidate_id")?,
        attempt_id: r.try_get("attempt_id")?,
        session_id: r.try_get("session_id")?,
        centre: r.try_get("centre")?,
        institution: r.try_get("institution")?,
        category: crate::model::Category::parse(&r.try_get::<String, _>("category")?)?,
        operation_item: super::non_empty(r, "operation_item")?,
        attempt_no: r.try_get("attempt_no")?,
        theory_score: r.try_get("theory_score")?,
        practical_score: r.try_get("practical_score")?,
        passed: flag(r, "passed")?,
        valid_until: r.try_get("valid_until")?,
        at: r.try_get("at")?,
    })
}

/// Stores a result.
pub async fn insert_result(tx: &mut Tx, e: &ExamResult) -> Result<()> {
    tx.ensure_writable(&e.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO tr_results ({RESULT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,CAST($12 AS DOUBLE PRECISION),$13,$14,$15)"
        ))
        .bind(e.tenant_id.clone())
        .bind(e.id.clone())
        .bind(e.candidate_id.clone())
        .bind(e.attempt_id.clone())
        .bind(e.session_id.clone())
        .bind(e.centre.clone())
        .bind(e.institution.clone())
        .bind(e.category.as_str())
        .bind(e.operation_item.clone().unwrap_or_default())
        .bind(e.attempt_no)
        .bind(e.theory_score)
        .bind(float_text(e.practical_score))
        .bind(i64::from(e.passed))
        .bind(e.valid_until)
        .bind(e.at),
    )
    .await?;
    Ok(())
}

/// Writes a result's practical score and outcome.
pub async fn update_result(tx: &mut Tx, e: &ExamResult) -> Result<()> {
    let sql = tx.sql(
        "UPDATE tr_results SET practical_score = CAST($1 AS DOUBLE PRECISION), passed = $2, valid_until = $3 \
         WHERE {tenant} AND tenant_id = $4 AND id = $5",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(float_text(e.practical_score))
            .bind(i64::from(e.passed))
            .bind(e.valid_until)
            .bind(e.tenant_id.clone())
            .bind(e.id.clone()),
    )
    .await?;
    Ok(())
}

/// Results, newest first: of a session, of a candidate, or all visible.
pub async fn results(
    tx: &mut Tx,
    session: Option<&str>,
    candidate: Option<&str>,
) -> Result<Vec<ExamResult>> {
    let mut cond = vec!["{tenant}".to_string()];
    let mut args = Vec::new();
    if let Some(s) = session {
        args.push(s.to_string());
        cond.push(format!("session_id = ${}", args.len()));
    }
    if let Some(c) = candidate {
        args.push(c.to_string());
        cond.push(format!("candidate_id = ${}", args.len()));
    }
    let sql = tx.sql(&format!(
        "SELECT {RESULT_COLUMNS} FROM tr_results WHERE {} ORDER BY at DESC, id LIMIT 2000",
        cond.join(" AND ")
    ))?;
    let mut q = sqlx::query(&sql);
    for a in args {
        q = q.bind(a);
    }
    tx.all(q).await?.iter().map(result_row).collect()
}

/// Result `id` among the transaction's tenants.
pub async fn result(tx: &mut Tx, id: &str) -> Result<Option<ExamResult>> {
    let sql = tx.sql(&format!(
        "SELECT {RESULT_COLUMNS} FROM tr_results WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| result_row(&r))
        .transpose()
}

/// Records, for one scored paper, whether each question was answered
/// right: one multi-row insert, no shared counters to wait on.
pub async fn count_answers(
    tx: &mut Tx,
    tenant: &str,
    attempt: &str,
    marks: &[(String, bool)],
) -> Result<()> {
    for chunk in marks.chunks(200) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, $2, ${}, ${})", 2 * i + 3, 2 * i + 4))
            .collect();
        let sql = format!(
            "INSERT INTO tr_question_stats (tenant_id, attempt_id, question_id, correct) VALUES {} \
             ON CONFLICT (tenant_id, attempt_id, question_id) DO NOTHING",
            rows.join(", ")
        );
        let mut q = sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(attempt.to_string());
        for (id, right) in chunk {
            q = q.bind(id.clone()).bind(i64::from(*right));
        }
        tx.exec(q).await?;
    }
    Ok(())
}
