//! Candidates (考生) and their training records (培训学时).

use super::{flag, non_empty, opt_text};
use crate::error::{Result, TrError};
use crate::model::Category;
use anjian_platform::db::Tx;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A person registered for training and exams in one category (and item).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub tenant_id: String,
    pub id: String,
    pub id_number: String,
    pub name: String,
    pub enterprise_uscc: Option<String>,
    pub category: Category,
    pub operation_item: Option<String>,
    pub high_risk: bool,
    pub refresher: bool,
    pub exemption: Option<String>,
    pub username: Option<String>,
    /// Failed attempts since the last training.
    pub failures: i64,
    pub hours: f64,
    pub created_at: i64,
}

const COLUMNS: &str = "tenant_id, id, id_number, name, enterprise_uscc, category, operation_item, \
    high_risk, refresher, exemption, username, failures, hours, created_at";

fn from_row(r: &AnyRow) -> Result<Candidate> {
    Ok(Candidate {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        id_number: r.try_get("id_number")?,
        name: r.try_get("name")?,
        enterprise_uscc: opt_text(r, "enterprise_uscc")?,
        category: Category::parse(&r.try_get::<String, _>("category")?)?,
        operation_item: non_empty(r, "operation_item")?,
        high_risk: flag(r, "high_risk")?,
        refresher: flag(r, "refresher")?,
        exemption: opt_text(r, "exemption")?,
        username: opt_text(r, "username")?,
        failures: r.try_get("failures")?,
        hours: r.try_get("hours")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Stores a new candidate; a person already registered in the category
/// (and item) is a conflict.
pub async fn insert(tx: &mut Tx, c: &Candidate) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    let dup = tx.sql(
        "SELECT id FROM tr_candidates WHERE {tenant} AND tenant_id = $1 AND id_number = $2 \
         AND category = $3 AND operation_item = $4",
    )?;
    let exists = tx
        .opt(
            sqlx::query(&dup)
                .bind(c.tenant_id.clone())
                .bind(c.id_number.clone())
                .bind(c.category.as_str())
                .bind(c.operation_item.clone().unwrap_or_default()),
        )
        .await?;
    if exists.is_some() {
        return Err(TrError::field(
            "idNumber",
            "该人员已登记此类别（操作项目）",
            "this person is already registered for the category (and operation item)",
        ));
    }
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO tr_candidates ({COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)"
        ))
        .bind(c.tenant_id.clone())
        .bind(c.id.clone())
        .bind(c.id_number.clone())
        .bind(c.name.clone())
        .bind(c.enterprise_uscc.clone())
        .bind(c.category.as_str())
        .bind(c.operation_item.clone().unwrap_or_default())
        .bind(i64::from(c.high_risk))
        .bind(i64::from(c.refresher))
        .bind(c.exemption.clone())
        .bind(c.username.clone())
        .bind(c.failures)
        .bind(c.hours)
        .bind(c.created_at),
    )
    .await?;
    Ok(())
}

/// The candidate `id` among the transaction's tenants.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Candidate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_candidates WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// Candidates linked to a platform account.
pub async fn of_user(tx: &mut Tx, tenant: &str, username: &str) -> Result<Vec<Candidate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_candidates WHERE {{tenant}} AND tenant_id = $1 AND username = $2"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(username.to_string()),
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// A page of candidates, by name; with the total.
pub async fn list(
    tx: &mut Tx,
    search: Option<&str>,
    category: Option<Category>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Candidate>, i64)> {
    let mut cond = vec!["{tenant}".to_string()];
    let mut args: Vec<String> = Vec::new();
    if let Some(s) = search.map(str::trim).filter(|s| !s.is_empty()) {
        args.push(format!("%{}%", s.replace(['%', '_'], "")));
        cond.push(format!(
            "(name LIKE ${n} OR id_number LIKE ${n})",
            n = args.len()
        ));
    }
    if let Some(c) = category {
        args.push(c.as_str().to_string());
        cond.push(format!("category = ${}", args.len()));
    }
    let w = cond.join(" AND ");
    let count = tx.sql(&format!(
        "SELECT COUNT(*) AS n FROM tr_candidates WHERE {w}"
    ))?;
    let mut q = sqlx::query(&count);
    for a in &args {
        q = q.bind(a.clone());
    }
    let total = tx.scalar(q).await?;
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM tr_candidates WHERE {w} ORDER BY name, id LIMIT {limit} OFFSET {offset}"
    ))?;
    let mut q = sqlx::query(&sql);
    for a in &args {
        q = q.bind(a.clone());
    }
    let rows = tx.all(q).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// Writes the fields that change after registration.
pub async fn update(tx: &mut Tx, c: &Candidate) -> Result<()> {
    let sql = tx.sql(
        "UPDATE tr_candidates SET exemption = $1, failures = $2, hours = $3, refresher = $4 \
         WHERE {tenant} AND tenant_id = $5 AND id = $6",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(c.exemption.clone())
            .bind(c.failures)
            .bind(c.hours)
            .bind(i64::from(c.refresher))
            .bind(c.tenant_id.clone())
            .bind(c.id.clone()),
    )
    .await?;
    Ok(())
}

/// One training record (a course attended, its hours).
#[derive(Debug, Clone)]
pub struct TrainingRecord {
    pub id: String,
    pub institution: String,
    pub course: String,
    pub hours: f64,
    pub date: String,
}

/// Records attendance.
pub async fn add_training(
    tx: &mut Tx,
    c: &Candidate,
    t: &TrainingRecord,
    by: &str,
    at: i64,
) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_training (tenant_id, id, candidate_id, institution, course, hours, date, recorded_at, recorded_by) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
        )
        .bind(c.tenant_id.clone())
        .bind(t.id.clone())
        .bind(c.id.clone())
        .bind(t.institution.clone())
        .bind(t.course.clone())
        .bind(t.hours)
        .bind(t.date.clone())
        .bind(at)
        .bind(by.to_string()),
    )
    .await?;
    Ok(())
}

/// A candidate's training, newest first.
pub async fn training(tx: &mut Tx, tenant: &str, candidate: &str) -> Result<Vec<TrainingRecord>> {
    let sql = tx.sql(
        "SELECT id, institution, course, hours, date FROM tr_training \
         WHERE {tenant} AND tenant_id = $1 AND candidate_id = $2 ORDER BY date DESC, id DESC",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(candidate.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(TrainingRecord {
                id: r.try_get("id")?,
                institution: r.try_get("institution")?,
                course: r.try_get("course")?,
                hours: r.try_get("hours")?,
                date: r.try_get("date")?,
            })
        })
        .collect()
}

/// Candidates `ids` of `tenant`, by id.
pub async fn many(
    tx: &mut Tx,
    tenant: &str,
    ids: &[String],
) -> Result<std::collections::HashMap<String, Candidate>> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let ph: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = tx.sql(&format!(
            "SELECT {COLUMNS} FROM tr_candidates WHERE {{tenant}} AND tenant_id = $1 AND id IN ({})",
            ph.join(", ")
        ))?;
        let mut q = sqlx::query(&sql).bind(tenant.to_string());
        for id in chunk {
            q = q.bind(id.clone());
        }
        for r in tx.all(q).await? {
            let c = from_row(&r)?;
            out.insert(c.id.clone(), c);
        }
    }
    Ok(out)
}
