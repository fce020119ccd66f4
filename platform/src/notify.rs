//! Per-user notification inbox, and the bus that pushes new notifications to
//! subscriptions: Redis pub/sub across instances when configured, in-process
//! broadcast otherwise.

use crate::audit::{self, AuditCtx};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::events;
use crate::time::{new_id, now_ms};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use tokio::sync::broadcast;

/// One notification.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

const COLS: &str = "tenant_id, id, user_id, kind, title, body, link, created_at, read_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Notification> {
    Ok(Notification {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        kind: r.try_get("kind")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        link: r.try_get("link")?,
        created_at: r.try_get("created_at")?,
        read_at: r.try_get("read_at")?,
    })
}

/// Posts a notification to a user's inbox in the caller's transaction; it is
/// pushed to subscribers after commit (through the outbox).
pub async fn post(
    tx: &mut Tx,
    tenant: &str,
    user_id: &str,
    kind: &str,
    title: &str,
    body: &str,
    link: Option<&str>,
) -> Result<Notification> {
    tx.ensure_writable(tenant)?;
    let n = Notification {
        tenant_id: tenant.into(),
        id: new_id(),
        user_id: user_id.into(),
        kind: kind.into(),
        title: title.into(),
        body: body.into(),
        link: link.map(Into::into),
        created_at: now_ms(),
        read_at: None,
    };
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO notifications ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL)"
        ))
        .bind(n.tenant_id.clone())
        .bind(n.id.clone())
        .bind(n.user_id.clone())
        .bind(n.kind.clone())
        .bind(n.title.clone())
        .bind(n.body.clone())
        .bind(n.link.clone())
        .bind(n.created_at),
    )
    .await?;
    events::emit(
        tx,
        tenant,
        events::NOTIFICATION_CREATED,
        &serde_json::to_value(&n)?,
    )
    .await?;
    Ok(n)
}

/// The caller's notifications, newest first.
pub async fn inbox(
    tx: &mut Tx,
    tenant: &str,
    user_id: &str,
    unread_only: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Notification>, i64)> {
    let unread = if unread_only {
        " AND read_at IS NULL"
    } else {
        ""
    };
    let wh = format!("{{tenant}} AND tenant_id = $1 AND user_id = $2{unread}");
    let count_sql = tx.sql(&format!("SELECT COUNT(*) FROM notifications WHERE {wh}"))?;
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM notifications WHERE {wh} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let total = tx
        .scalar(
            sqlx::query(&count_sql)
                .bind(tenant.to_string())
                .bind(user_id.to_string()),
        )
        .await?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(user_id.to_string()),
        )
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// Marks one of the caller's notifications read.
pub async fn mark_read(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    user_id: &str,
    id: &str,
) -> Result<Notification> {
    let sql = tx.sql(&format!("SELECT {COLS} FROM notifications WHERE {{tenant}} AND tenant_id = $1 AND user_id = $2 AND id = $3"))?;
    let Some(row) = tx
        .opt(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(user_id.to_string())
                .bind(id.to_string()),
        )
        .await?
    else {
        return Err(Error::NotFound(format!("notification {id}")));
    };
    let mut n = from_row(&row)?;
    if n.read_at.is_none() {
        let now = now_ms();
        let sql = tx.sql(
            "UPDATE notifications SET read_at = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3",
        )?;
        tx.exec(
            sqlx::query(&sql)
                .bind(now)
                .bind(tenant.to_string())
                .bind(id.to_string()),
        )
        .await?;
        audit::record(
            tx,
            ctx,
            tenant,
            "notification.read",
            "notification",
            id,
            vec![],
        )
        .await?;
        n.read_at = Some(now);
    }
    Ok(n)
}

/// Marks all of the caller's notifications read; returns how many changed.
pub async fn mark_all_read(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    user_id: &str,
) -> Result<i64> {
    let sql = tx.sql("UPDATE notifications SET read_at = $1 WHERE {tenant} AND tenant_id = $2 AND user_id = $3 AND read_at IS NULL")?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(now_ms())
                .bind(tenant.to_string())
                .bind(user_id.to_string()),
        )
        .await?;
    if n > 0 {
        audit::record(
            tx,
            ctx,
            tenant,
            "notification.read_all",
            "user",
            user_id,
            vec![],
        )
        .await?;
    }
    Ok(n as i64)
}

/// Delivers new notifications to subscribers on every instance.
#[derive(Clone)]
pub struct Bus {
    local: broadcast::Sender<Notification>,
    redis: Option<redis::aio::ConnectionManager>,
    channel: String,
}

impl Bus {
    /// A bus; with a Redis client, also starts the task that relays Redis messages.
    pub async fn new(redis_client: Option<redis::Client>, prefix: &str) -> Result<Bus> {
        let (local, _) = broadcast::channel(1024);
        let mut bus = Bus {
            local,
            redis: None,
            channel: format!("{prefix}:notifications"),
        };
        if let Some(client) = redis_client {
            bus.redis = Some(
                client
                    .get_connection_manager()
                    .await
                    .map_err(Error::internal)?,
            );
            let tx = bus.local.clone();
            let channel = bus.channel.clone();
            tokio::spawn(async move { relay(client, channel, tx).await });
        }
        Ok(bus)
    }

    /// Publishes a notification to every instance's subscribers.
    pub async fn publish(&self, n: &Notification) -> Result<()> {
        match &self.redis {
            Some(r) => {
                let mut c = r.clone();
                let payload = serde_json::to_string(n)?;
                redis::cmd("PUBLISH")
                    .arg(&self.channel)
                    .arg(payload)
                    .query_async::<i64>(&mut c)
                    .await
                    .map_err(Error::internal)?;
            }
            None => {
                let _ = self.local.send(n.clone());
            }
        }
        Ok(())
    }

    /// New notifications on this instance (filter by user downstream).
    pub fn subscribe(&self) -> broadcast::Receiver<Notification> {
        self.local.subscribe()
    }
}

/// Relays Redis messages into the local broadcast, reconnecting on failure.
async fn relay(client: redis::Client, channel: String, tx: broadcast::Sender<Notification>) {
    loop {
        match client.get_async_pubsub().await {
            Ok(mut ps) => {
                if let Err(e) = ps.subscribe(&channel).await {
                    tracing::warn!(error = %e, "redis subscribe failed");
                } else {
                    let mut stream = ps.on_message();
                    while let Some(msg) = stream.next().await {
                        let Ok(payload) = msg.get_payload::<String>() else {
                            continue;
                        };
                        if let Ok(n) = serde_json::from_str::<Notification>(&payload) {
                            let _ = tx.send(n);
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "redis pub/sub connection failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
