//! SQL of an accident's follow-ups and findings.

use super::{next_seq, stored, Accident};
use crate::error::Result;
use crate::model::{Figures, FindingKind};
use anjian_platform::db::Tx;
use sqlx::Row;

/// A follow-up report (续报/补报).
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub seq: i64,
    pub at: i64,
    pub by: String,
    pub before: Figures,
    pub after: Figures,
    pub note: String,
    pub late: bool,
    /// `applied`, `pending` or `rejected`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

/// Stores a new follow-up; returns its number.
pub async fn add_follow_up(tx: &mut Tx, a: &Accident, f: &FollowUp) -> Result<i64> {
    let seq = next_seq(tx, "acc_followups", &a.tenant_id, &a.id).await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO acc_followups (tenant_id, accident_id, seq, at, by_user, before_figs, after_figs, note, late, status, decided_by, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(a.tenant_id.clone())
        .bind(a.id.clone())
        .bind(seq)
        .bind(f.at)
        .bind(f.by.clone())
        .bind(serde_json::to_string(&f.before)?)
        .bind(serde_json::to_string(&f.after)?)
        .bind(f.note.clone())
        .bind(i64::from(f.late))
        .bind(f.status.clone())
        .bind(f.decided_by.clone())
        .bind(f.decided_at),
    )
    .await?;
    Ok(seq)
}

/// Records the province's decision on a pending follow-up; false when it
/// was not pending any more.
pub async fn decide_follow_up(
    tx: &mut Tx,
    a: &Accident,
    seq: i64,
    status: &str,
    by: &str,
    at: i64,
) -> Result<bool> {
    let sql = tx.sql(
        "UPDATE acc_followups SET status = $1, decided_by = $2, decided_at = $3 \
         WHERE {tenant} AND tenant_id = $4 AND accident_id = $5 AND seq = $6 AND status = 'pending'",
    )?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(status.to_string())
                .bind(by.to_string())
                .bind(at)
                .bind(a.tenant_id.clone())
                .bind(a.id.clone())
                .bind(seq),
        )
        .await?;
    Ok(n == 1)
}

/// The follow-ups of an accident, oldest first.
pub async fn follow_ups(tx: &mut Tx, tenant: &str, accident: &str) -> Result<Vec<FollowUp>> {
    let sql = tx.sql(
        "SELECT seq, at, by_user, before_figs, after_figs, note, late, status, decided_by, decided_at \
         FROM acc_followups WHERE {tenant} AND tenant_id = $1 AND accident_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(accident.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(FollowUp {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                by: r.try_get("by_user")?,
                before: serde_json::from_str(&r.try_get::<String, _>("before_figs")?)?,
                after: serde_json::from_str(&r.try_get::<String, _>("after_figs")?)?,
                note: r.try_get("note")?,
                late: r.try_get::<i64, _>("late")? != 0,
                status: r.try_get("status")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
            })
        })
        .collect()
}

/// A finding about an accident's reporting or cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub seq: i64,
    pub kind: FindingKind,
    /// Who it is about: a USCC, a unit's name, or a tenant code.
    pub subject: String,
    pub detail: String,
    pub at: i64,
    pub by: String,
}

/// Stores a finding; returns its number.
pub async fn add_finding(tx: &mut Tx, a: &Accident, f: &Finding) -> Result<i64> {
    let seq = next_seq(tx, "acc_findings", &a.tenant_id, &a.id).await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO acc_findings (tenant_id, accident_id, seq, kind, subject, detail, at, by_user) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(a.tenant_id.clone())
        .bind(a.id.clone())
        .bind(seq)
        .bind(f.kind.as_str())
        .bind(f.subject.clone())
        .bind(f.detail.clone())
        .bind(f.at)
        .bind(f.by.clone()),
    )
    .await?;
    Ok(seq)
}

/// The findings of an accident, oldest first.
pub async fn findings(tx: &mut Tx, tenant: &str, accident: &str) -> Result<Vec<Finding>> {
    let sql = tx.sql(
        "SELECT seq, kind, subject, detail, at, by_user FROM acc_findings \
         WHERE {tenant} AND tenant_id = $1 AND accident_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(accident.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Finding {
                seq: r.try_get("seq")?,
                kind: stored(FindingKind::parse(&r.try_get::<String, _>("kind")?))?,
                subject: r.try_get("subject")?,
                detail: r.try_get("detail")?,
                at: r.try_get("at")?,
                by: r.try_get("by_user")?,
            })
        })
        .collect()
}
