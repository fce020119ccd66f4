//! Certificates (培训合格证, 特种作业操作证) with their history.

use super::non_empty;
use crate::error::Result;
use crate::model::{Category, CertStatus};
use anjian_platform::db::Tx;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A certificate as issued and signed.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub tenant_id: String,
    pub number: String,
    pub candidate_id: String,
    pub id_number: String,
    pub name: String,
    pub category: Category,
    pub operation_item: Option<String>,
    pub issued_at: i64,
    pub valid_until: i64,
    pub next_review_at: Option<i64>,
    pub status: CertStatus,
    pub canonical: String,
    pub signature: String,
    pub key_id: String,
}

const COLUMNS: &str =
    "tenant_id, number, candidate_id, id_number, name, category, operation_item, \
    issued_at, valid_until, next_review_at, status, canonical, signature, key_id";

fn from_row(r: &AnyRow) -> Result<Certificate> {
    Ok(Certificate {
        tenant_id: r.try_get("tenant_id")?,
        number: r.try_get("number")?,
        candidate_id: r.try_get("candidate_id")?,
        id_number: r.try_get("id_number")?,
        name: r.try_get("name")?,
        category: Category::parse(&r.try_get::<String, _>("category")?)?,
        operation_item: non_empty(r, "operation_item")?,
        issued_at: r.try_get("issued_at")?,
        valid_until: r.try_get("valid_until")?,
        next_review_at: r.try_get("next_review_at")?,
        status: CertStatus::parse(&r.try_get::<String, _>("status")?)?,
        canonical: r.try_get("canonical")?,
        signature: r.try_get("signature")?,
        key_id: r.try_get("key_id")?,
    })
}

/// Stores a new certificate.
pub async fn insert(tx: &mut Tx, c: &Certificate) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO tr_certificates ({COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)"
        ))
        .bind(c.tenant_id.clone())
        .bind(c.number.clone())
        .bind(c.candidate_id.clone())
        .bind(c.id_number.clone())
        .bind(c.name.clone())
        .bind(c.category.as_str())
        .bind(c.operation_item.clone().unwrap_or_default())
        .bind(c.issued_at)
        .bind(c.valid_until)
        .bind(c.next_review_at)
        .bind(c.status.as_str())
        .bind(c.canonical.clone())
        .bind(c.signature.clone())
        .bind(c.key_id.clone()),
    )
    .await?;
    Ok(())
}

/// Writes a certificate's status and review date.
pub async fn update(tx: &mut Tx, c: &Certificate) -> Result<()> {
    let sql = tx.sql(
        "UPDATE tr_certificates SET status = $1, next_review_at = $2 WHERE {tenant} AND tenant_id = $3 AND number = $4",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(c.status.as_str())
            .bind(c.next_review_at)
            .bind(c.tenant_id.clone())
            .bind(c.number.clone()),
    )
    .await?;
    Ok(())
}

/// Certificate `number` among the transaction's tenants.
pub async fn get(tx: &mut Tx, number: &str) -> Result<Option<Certificate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_certificates WHERE {{tenant}} AND number = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(number.to_string()))
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// A candidate's certificates, newest first.
pub async fn of_candidate(tx: &mut Tx, tenant: &str, candidate: &str) -> Result<Vec<Certificate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_certificates WHERE {{tenant}} AND tenant_id = $1 AND candidate_id = $2 ORDER BY issued_at DESC"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(candidate.to_string()),
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// A page of certificates, with the total: by status, and due for review
/// (or expiry) before a time.
pub async fn list(
    tx: &mut Tx,
    status: Option<CertStatus>,
    due_before: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Certificate>, i64)> {
    let mut cond = vec!["{tenant}".to_string()];
    if let Some(s) = status {
        cond.push(format!("status = '{}'", s.as_str()));
    }
    if let Some(t) = due_before {
        cond.push(format!(
            "status = 'valid' AND COALESCE(next_review_at, valid_until) < {t}"
        ));
    }
    let w = cond.join(" AND ");
    let total = tx
        .scalar(sqlx::query(&tx.sql(&format!(
            "SELECT COUNT(*) AS n FROM tr_certificates WHERE {w}"
        ))?))
        .await?;
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_certificates WHERE {w} ORDER BY issued_at DESC, number LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// The next number of a county's prefix (no gaps, no duplicates).
pub async fn next_number(tx: &mut Tx, tenant: &str, prefix: &str) -> Result<i64> {
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_sequences (tenant_id, prefix, next) VALUES ($1, $2, 1) \
             ON CONFLICT (tenant_id, prefix) DO UPDATE SET next = tr_sequences.next + 1",
        )
        .bind(tenant.to_string())
        .bind(prefix.to_string()),
    )
    .await?;
    let sql =
        tx.sql("SELECT next FROM tr_sequences WHERE {tenant} AND tenant_id = $1 AND prefix = $2")?;
    Ok(tx
        .scalar(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(prefix.to_string()),
        )
        .await?)
}

/// One line of a certificate's history.
#[derive(Debug, Clone)]
pub struct CertEvent {
    pub action: String,
    pub note: String,
    pub at: i64,
    pub by: String,
}

/// Appends to a certificate's history.
pub async fn add_event(tx: &mut Tx, c: &Certificate, e: &CertEvent) -> Result<()> {
    let sql = tx.sql(
        "SELECT COALESCE(MAX(seq), 0) AS n FROM tr_cert_events WHERE {tenant} AND tenant_id = $1 AND number = $2",
    )?;
    let seq = tx
        .scalar(
            sqlx::query(&sql)
                .bind(c.tenant_id.clone())
                .bind(c.number.clone()),
        )
        .await?
        + 1;
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_cert_events (tenant_id, number, seq, action, note, at, by_user) VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(c.tenant_id.clone())
        .bind(c.number.clone())
        .bind(seq)
        .bind(e.action.clone())
        .bind(e.note.clone())
        .bind(e.at)
        .bind(e.by.clone()),
    )
    .await?;
    Ok(())
}

/// A certificate's history, in order.
pub async fn events(tx: &mut Tx, tenant: &str, number: &str) -> Result<Vec<CertEvent>> {
    let sql = tx.sql(
        "SELECT action, note, at, by_user FROM tr_cert_events WHERE {tenant} AND tenant_id = $1 AND number = $2 ORDER BY seq",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(number.to_string()),
    )
    .await?
    .iter()
    .map(|r| {
        Ok(CertEvent {
            action: r.try_get("action")?,
            note: r.try_get("note")?,
            at: r.try_get("at")?,
            by: r.try_get("by_user")?,
        })
    })
    .collect()
}
