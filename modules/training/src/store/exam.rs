//! Exam sessions (场次), bookings with their admission tickets (准考证),
//! attempts with their papers, answers and the append-only answer log,
//! results, and incidents.

pub use super::attempts::*;
use super::{flag, opt_text};
use crate::error::Result;
use crate::question::Blueprint;
use anjian_platform::db::Tx;
use anjian_platform::text_enum;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

text_enum!(
    /// Where a session stands.
    SessionState {
        /// 未开考.
        Scheduled = "scheduled" / "未开考",
        /// 考试中.
        Open = "open" / "考试中",
        /// 已结束.
        Closed = "closed" / "已结束",
    },
    "state",
    "场次状态"
);

text_enum!(
    /// Where an attempt stands.
    AttemptState {
        /// 作答中.
        Active = "active" / "作答中",
        /// 已交卷.
        Submitted = "submitted" / "已交卷",
    },
    "state",
    "答卷状态"
);

/// An exam session at a test centre (考点), with the blueprint it was set
/// up with (a snapshot: editing the blueprint later doesn't change it).
#[derive(Debug, Clone)]
pub struct Session {
    pub tenant_id: String,
    pub id: String,
    pub centre: String,
    pub seats: i64,
    pub starts_at: i64,
    pub window_minutes: i64,
    pub blueprint: Blueprint,
    pub state: SessionState,
    pub created_at: i64,
}

const SESSION_COLUMNS: &str =
    "tenant_id, id, centre, seats, starts_at, window_minutes, blueprint, state, created_at";

fn session_row(r: &AnyRow) -> Result<Session> {
    Ok(Session {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        centre: r.try_get("centre")?,
        seats: r.try_get("seats")?,
        starts_at: r.try_get("starts_at")?,
        window_minutes: r.try_get("window_minutes")?,
        blueprint: serde_json::from_str(&r.try_get::<String, _>("blueprint")?)?,
        state: SessionState::parse(&r.try_get::<String, _>("state")?)?,
        created_at: r.try_get("created_at")?,
    })
}

/// Stores a new session.
pub async fn insert_session(tx: &mut Tx, s: &Session) -> Result<()> {
    tx.ensure_writable(&s.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO tr_sessions ({SESSION_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)"
        ))
        .bind(s.tenant_id.clone())
        .bind(s.id.clone())
        .bind(s.centre.clone())
        .bind(s.seats)
        .bind(s.starts_at)
        .bind(s.window_minutes)
        .bind(serde_json::to_string(&s.blueprint)?)
        .bind(s.state.as_str())
        .bind(s.created_at),
    )
    .await?;
    Ok(())
}

/// Session `id` among the transaction's tenants.
pub async fn session(tx: &mut Tx, id: &str) -> Result<Option<Session>> {
    let sql = tx.sql(&format!(
        "SELECT {SESSION_COLUMNS} FROM tr_sessions WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| session_row(&r))
        .transpose()
}

/// Sessions of the transaction's tenants, newest first.
pub async fn sessions(tx: &mut Tx) -> Result<Vec<Session>> {
    let sql = tx.sql(&format!(
        "SELECT {SESSION_COLUMNS} FROM tr_sessions WHERE {{tenant}} ORDER BY starts_at DESC, id LIMIT 500"
    ))?;
    tx.all(sqlx::query(&sql))
        .await?
        .iter()
        .map(session_row)
        .collect()
}

/// Moves a session from `from` to `to`; false when it wasn't in `from`.
pub async fn set_session_state(
    tx: &mut Tx,
    s: &Session,
    from: SessionState,
    to: SessionState,
) -> Result<bool> {
    let sql = tx.sql(
        "UPDATE tr_sessions SET state = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3 AND state = $4",
    )?;
    Ok(tx
        .exec(
            sqlx::query(&sql)
                .bind(to.as_str())
                .bind(s.tenant_id.clone())
                .bind(s.id.clone())
                .bind(from.as_str()),
        )
        .await?
        == 1)
}

/// A candidate's seat in a session.
#[derive(Debug, Clone)]
pub struct Booking {
    pub tenant_id: String,
    pub session_id: String,
    pub candidate_id: String,
    pub ticket: String,
    pub token_hash: Option<String>,
    pub admitted_late: bool,
    pub attempt_id: Option<String>,
}

const BOOKING_COLUMNS: &str =
    "tenant_id, session_id, candidate_id, ticket, token_hash, admitted_late, attempt_id";

fn booking_row(r: &AnyRow) -> Result<Booking> {
    Ok(Booking {
        tenant_id: r.try_get("tenant_id")?,
        session_id: r.try_get("session_id")?,
        candidate_id: r.try_get("candidate_id")?,
        ticket: r.try_get("ticket")?,
        token_hash: opt_text(r, "token_hash")?,
        admitted_late: flag(r, "admitted_late")?,
        attempt_id: opt_text(r, "attempt_id")?,
    })
}

/// Books a seat; false when the candidate already has one in the session.
pub async fn insert_booking(tx: &mut Tx, b: &Booking) -> Result<bool> {
    tx.ensure_writable(&b.tenant_id)?;
    let n = tx
        .exec(
            sqlx::query(&format!(
                "INSERT INTO tr_bookings ({BOOKING_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7) \
                 ON CONFLICT (tenant_id, session_id, candidate_id) DO NOTHING"
            ))
            .bind(b.tenant_id.clone())
            .bind(b.session_id.clone())
            .bind(b.candidate_id.clone())
            .bind(b.ticket.clone())
            .bind(b.token_hash.clone())
            .bind(i64::from(b.admitted_late))
            .bind(b.attempt_id.clone()),
        )
        .await?;
    Ok(n == 1)
}

/// The bookings of a session.
pub async fn bookings(tx: &mut Tx, tenant: &str, session: &str) -> Result<Vec<Booking>> {
    let sql = tx.sql(&format!(
        "SELECT {BOOKING_COLUMNS} FROM tr_bookings WHERE {{tenant}} AND tenant_id = $1 AND session_id = $2 ORDER BY ticket"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(session.to_string()),
    )
    .await?
    .iter()
    .map(booking_row)
    .collect()
}

/// The bookings of a candidate.
pub async fn bookings_of(tx: &mut Tx, tenant: &str, candidate: &str) -> Result<Vec<Booking>> {
    let sql = tx.sql(&format!(
        "SELECT {BOOKING_COLUMNS} FROM tr_bookings WHERE {{tenant}} AND tenant_id = $1 AND candidate_id = $2"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(candidate.to_string()),
    )
    .await?
    .iter()
    .map(booking_row)
    .collect()
}

/// The booking with admission ticket `ticket`.
pub async fn booking_by_ticket(tx: &mut Tx, tenant: &str, ticket: &str) -> Result<Option<Booking>> {
    let sql = tx.sql(&format!(
        "SELECT {BOOKING_COLUMNS} FROM tr_bookings WHERE {{tenant}} AND tenant_id = $1 AND ticket = $2"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(ticket.to_string()),
    )
    .await?
    .map(|r| booking_row(&r))
    .transpose()
}

/// The booking an exam token was issued for.
pub async fn booking_by_token(tx: &mut Tx, tenant: &str, hash: &str) -> Result<Option<Booking>> {
    let sql = tx.sql(&format!(
        "SELECT {BOOKING_COLUMNS} FROM tr_bookings WHERE {{tenant}} AND tenant_id = $1 AND token_hash = $2"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(hash.to_string()),
    )
    .await?
    .map(|r| booking_row(&r))
    .transpose()
}

/// Writes a booking's token, lateness and attempt.
pub async fn update_booking(tx: &mut Tx, b: &Booking) -> Result<()> {
    let sql = tx.sql(
        "UPDATE tr_bookings SET token_hash = $1, admitted_late = $2, attempt_id = $3 \
         WHERE {tenant} AND tenant_id = $4 AND session_id = $5 AND candidate_id = $6",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(b.token_hash.clone())
            .bind(i64::from(b.admitted_late))
            .bind(b.attempt_id.clone())
            .bind(b.tenant_id.clone())
            .bind(b.session_id.clone())
            .bind(b.candidate_id.clone()),
    )
    .await?;
    Ok(())
}

/// An incident a proctor recorded (考场异常).
#[derive(Debug, Clone)]
pub struct Incident {
    pub id: String,
    pub candidate_id: Option<String>,
    pub note: String,
    pub at: i64,
    pub by: String,
}

/// Records an incident.
pub async fn add_incident(tx: &mut Tx, s: &Session, i: &Incident) -> Result<()> {
    tx.ensure_writable(&s.tenant_id)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_incidents (tenant_id, id, session_id, candidate_id, note, at, by_user) VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(s.tenant_id.clone())
        .bind(i.id.clone())
        .bind(s.id.clone())
        .bind(i.candidate_id.clone())
        .bind(i.note.clone())
        .bind(i.at)
        .bind(i.by.clone()),
    )
    .await?;
    Ok(())
}

/// A session's incidents, in order.
pub async fn incidents(tx: &mut Tx, tenant: &str, session: &str) -> Result<Vec<Incident>> {
    let sql = tx.sql(
        "SELECT id, candidate_id, note, at, by_user FROM tr_incidents WHERE {tenant} AND tenant_id = $1 AND session_id = $2 ORDER BY at, id",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(session.to_string()),
    )
    .await?
    .iter()
    .map(|r| {
        Ok(Incident {
            id: r.try_get("id")?,
            candidate_id: opt_text(r, "candidate_id")?,
            note: r.try_get("note")?,
            at: r.try_get("at")?,
            by: r.try_get("by_user")?,
        })
    })
    .collect()
}

/// Questions answered so far, per attempt of a session.
pub async fn answered_counts(
    tx: &mut Tx,
    tenant: &str,
    session: &str,
) -> Result<std::collections::HashMap<String, i64>> {
    let sql = tx.sql(
        "SELECT x.attempt_id AS id, COUNT(*) AS n FROM tr_answers x JOIN tr_attempts t \
         ON t.tenant_id = x.tenant_id AND t.id = x.attempt_id \
         WHERE {tenant:x} AND {tenant:t} AND t.tenant_id = $1 AND t.session_id = $2 AND x.answer <> '[]' \
         GROUP BY x.attempt_id",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(session.to_string()),
    )
    .await?
    .iter()
    .map(|r| Ok((r.try_get("id")?, r.try_get("n")?)))
    .collect()
}
