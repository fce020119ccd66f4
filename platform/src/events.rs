//! Domain events through an outbox: recorded in the same transaction as the
//! change, then dispatched after commit as one job per subscribed handler (so
//! delivery gets the job queue's retries and runs once across instances).

use crate::db::{Backend, Tx};
use crate::error::Result;
use crate::jobs;
use crate::platform::Platform;
use crate::time::{new_id, now_ms};
use sqlx::Row;

/// A notification was posted (pushed to subscriptions).
pub const NOTIFICATION_CREATED: &str = "notification.created";

/// Records an event in the caller's transaction.
pub async fn emit(
    tx: &mut Tx,
    tenant: &str,
    kind: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    tx.ensure_writable(tenant)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO events (tenant_id, id, kind, payload, created_at) VALUES ($1,$2,$3,$4,$5)",
        )
        .bind(tenant.to_string())
        .bind(new_id())
        .bind(kind.to_string())
        .bind(payload.to_string())
        .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// Turns pending events into handler jobs; returns how many events it took.
pub async fn dispatch(p: &Platform, limit: i64) -> Result<usize> {
    let mut tx = p.db.write(crate::db::Scope::All, None).await?;
    let lock = if tx.backend() == Backend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = tx.sql(&format!(
        "SELECT tenant_id, id, kind, payload FROM events WHERE {{tenant}} AND dispatched_at IS NULL \
         ORDER BY created_at LIMIT {limit}{lock}"
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let now = now_ms();
    for r in &rows {
        let (tenant, id, kind, payload): (String, String, String, String) = (
            r.try_get("tenant_id")?,
            r.try_get("id")?,
            r.try_get("kind")?,
            r.try_get("payload")?,
        );
        for handler in p.registry.handlers_of(&kind) {
            let job_kind = format!("event:{handler}");
            let body: serde_json::Value = serde_json::from_str(&payload)?;
            jobs::enqueue(
                &mut tx,
                &tenant,
                &job_kind,
                &body,
                now,
                Some(&format!("{job_kind}:{id}")),
                5,
            )
            .await?;
        }
        let upd = tx.sql(
            "UPDATE events SET dispatched_at = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3",
        )?;
        tx.exec(sqlx::query(&upd).bind(now).bind(tenant).bind(id))
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}
