//! SQL of the measures planned while listed (inspections, the summons).

use super::Listing;
use crate::error::Result;
use anjian_platform::db::Tx;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A measure planned while listed: an inspection or the summons.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub tenant_id: String,
    pub id: String,
    pub listing_id: String,
    pub enterprise_id: String,
    pub kind: String,
    pub due_at: i64,
    pub done_at: Option<i64>,
    pub done_by: Option<String>,
    pub note: Option<String>,
}

const TASK_COLS: &str =
    "tenant_id, id, listing_id, enterprise_id, kind, due_at, done_at, done_by, note";

fn task_row(r: &AnyRow) -> Result<Task> {
    Ok(Task {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        listing_id: r.try_get("listing_id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        kind: r.try_get("kind")?,
        due_at: r.try_get("due_at")?,
        done_at: r.try_get("done_at")?,
        done_by: r.try_get("done_by")?,
        note: r.try_get("note")?,
    })
}

/// Inserts a planned task.
pub async fn insert_task(tx: &mut Tx, t: &Task) -> Result<()> {
    tx.ensure_writable(&t.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO cr_tasks ({TASK_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)"
        ))
        .bind(t.tenant_id.clone())
        .bind(t.id.clone())
        .bind(t.listing_id.clone())
        .bind(t.enterprise_id.clone())
        .bind(t.kind.clone())
        .bind(t.due_at)
        .bind(t.done_at)
        .bind(t.done_by.clone())
        .bind(t.note.clone()),
    )
    .await?;
    Ok(())
}

/// One task by id, within scope.
pub async fn task(tx: &mut Tx, id: &str) -> Result<Option<Task>> {
    let sql = tx.sql(&format!(
        "SELECT {TASK_COLS} FROM cr_tasks WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(task_row)
        .transpose()
}

/// Marks a task done (if it was open); returns whether it was.
pub async fn complete_task(tx: &mut Tx, t: &Task, at: i64, by: &str, note: &str) -> Result<bool> {
    let sql = tx.sql(
        "UPDATE cr_tasks SET done_at = $1, done_by = $2, note = $3 WHERE {tenant} AND tenant_id = $4 \
         AND id = $5 AND done_at IS NULL",
    )?;
    Ok(tx
        .exec(
            sqlx::query(&sql)
                .bind(at)
                .bind(by.to_string())
                .bind(note.to_string())
                .bind(t.tenant_id.clone())
                .bind(t.id.clone()),
        )
        .await?
        == 1)
}

/// The tasks of a listing, by due date.
pub async fn tasks_of(tx: &mut Tx, l: &Listing) -> Result<Vec<Task>> {
    let sql = tx.sql(&format!(
        "SELECT {TASK_COLS} FROM cr_tasks WHERE {{tenant}} AND tenant_id = $1 AND listing_id = $2 ORDER BY due_at, id"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(l.tenant_id.clone())
            .bind(l.id.clone()),
    )
    .await?
    .iter()
    .map(task_row)
    .collect()
}
