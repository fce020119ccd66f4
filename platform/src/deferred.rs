//! Secondary indexes set aside while a first bulk load fills their tables,
//! and built once afterwards (what `pg_restore` does).
//!
//! Keeping five B-trees current row by row is most of the cost of loading
//! millions of hazards: PostgreSQL itself takes 22 s for 1,000,000 hazard
//! rows with their indexes and 3 s without them (measured in psql). Building
//! an index over rows already in place is a sort, far cheaper than as many
//! single insertions.
//!
//! [`defer`] only acts on tables that are empty, so no reader ever misses an
//! index it relied on. It records each definition in `deferred_indexes`
//! before dropping it, in one transaction; [`restore`] builds what is
//! recorded and forgets each record once its index exists. A load killed
//! half-way leaves its records behind, and the next migration run (`anjian
//! migrate`, `serve`, `seed`) builds them, so an index is never lost.
//! Unique and primary-key indexes always stay: they are constraints.

use crate::db::{backend_of, Backend};
use crate::error::{Error, Result};
use crate::time::now_ms;
use sqlx::{AnyConnection, Connection, Executor, Row};
use std::sync::{Arc, Mutex};

/// Memory for one index build on PostgreSQL (the default is 64 MB).
const BUILD_MEMORY: &str = "256MB";

/// One index set aside: its name, table and `CREATE INDEX` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deferred {
    pub name: String,
    pub table: String,
    pub definition: String,
}

/// Sets aside the non-unique secondary indexes of `tables` when every one of
/// them is empty, connected as the schema owner; returns what was set aside
/// (nothing when a table has rows).
pub async fn defer(owner_url: &str, tables: &[&str]) -> Result<Vec<Deferred>> {
    for t in tables {
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(Error::Internal(format!("not a table name: {t:?}")));
        }
    }
    let backend = backend_of(owner_url)?;
    let mut conn = connect(owner_url, backend).await?;
    let mut tx = match backend {
        // A write transaction from the start: a running server writes too.
        Backend::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
        Backend::Postgres => conn.begin().await?,
    };
    if backend == Backend::Postgres {
        // The owner is subject to row-level security too: see every tenant.
        // (as `SET LOCAL`, which Citus sends on to its workers; the Citus
        // setting is a harmless placeholder on plain PostgreSQL).
        let scope_sql = crate::db::scope_statement("*", true);
        (&mut *tx).execute(scope_sql.as_str()).await?;
        let list = tables.join(", ");
        sqlx::query(&format!("LOCK TABLE {list} IN SHARE MODE"))
            .execute(&mut *tx)
            .await?;
    }
    for t in tables {
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {t} LIMIT 1) x");
        let rows: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *tx).await?;
        if rows > 0 {
            tx.rollback().await?;
            conn.close().await?;
            return Ok(Vec::new());
        }
    }
    let found = secondary(&mut tx, backend, tables).await?;
    let now = now_ms();
    for d in &found {
        sqlx::query(
            "INSERT INTO deferred_indexes (name, table_name, definition, deferred_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(d.name.clone())
        .bind(d.table.clone())
        .bind(d.definition.clone())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(&format!("DROP INDEX {}", d.name))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    conn.close().await?;
    Ok(found)
}

/// The owner's connection; on SQLite it waits for a running server's writes
/// rather than failing at once.
async fn connect(owner_url: &str, backend: Backend) -> Result<AnyConnection> {
    let mut conn = AnyConnection::connect(owner_url).await?;
    if backend == Backend::Sqlite {
        sqlx::query("PRAGMA busy_timeout = 15000")
            .execute(&mut conn)
            .await?;
    }
    Ok(conn)
}

/// The non-unique secondary indexes of `tables`, with their definitions.
async fn secondary(
    conn: &mut AnyConnection,
    backend: Backend,
    tables: &[&str],
) -> Result<Vec<Deferred>> {
    let list = tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = match backend {
        Backend::Postgres => format!(
            "SELECT c.relname::text AS name, t.relname::text AS tbl, \
                    pg_get_indexdef(i.indexrelid) AS def \
             FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_class t ON t.oid = i.indrelid \
             WHERE t.relname IN ({list}) AND NOT i.indisunique AND NOT i.indisprimary \
               AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) \
             ORDER BY 1"
        ),
        Backend::Sqlite => format!(
            "SELECT name, tbl_name AS tbl, sql AS def FROM sqlite_master \
             WHERE type = 'index' AND tbl_name IN ({list}) AND sql IS NOT NULL \
               AND upper(sql) NOT LIKE 'CREATE UNIQUE%' \
             ORDER BY 1"
        ),
    };
    read(conn, &sql).await
}

/// The indexes recorded as set aside and not built yet.
pub async fn pending(conn: &mut AnyConnection) -> Result<Vec<Deferred>> {
    read(
        conn,
        "SELECT name, table_name AS tbl, definition AS def FROM deferred_indexes \
         ORDER BY table_name, name",
    )
    .await
}

/// Rows of `name`, `tbl` and `def`.
async fn read(conn: &mut AnyConnection, sql: &str) -> Result<Vec<Deferred>> {
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(Deferred {
                name: r.try_get("name")?,
                table: r.try_get("tbl")?,
                definition: r.try_get("def")?,
            })
        })
        .collect()
}

/// Builds every index recorded as set aside, connected as the schema owner
/// (two builds at a time on PostgreSQL); returns how many were built.
pub async fn restore(owner_url: &str) -> Result<usize> {
    let backend = backend_of(owner_url)?;
    let mut conn = connect(owner_url, backend).await?;
    if backend == Backend::Postgres {
        // One builder at a time when several replicas start together.
        sqlx::query("SELECT pg_advisory_lock(hashtext('anjian.deferred_indexes'))")
            .execute(&mut conn)
            .await?;
    }
    let todo = pending(&mut conn).await?;
    let n = todo.len();
    let built = match backend {
        Backend::Sqlite => build_all(&mut conn, todo).await,
        Backend::Postgres => build_parallel(owner_url, todo, 2).await,
    };
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_unlock(hashtext('anjian.deferred_indexes'))")
            .execute(&mut conn)
            .await?;
    }
    conn.close().await?;
    built.map(|()| n)
}

/// Builds `todo` on `workers` connections of their own.
async fn build_parallel(owner_url: &str, todo: Vec<Deferred>, workers: usize) -> Result<()> {
    let queue = Arc::new(Mutex::new(todo));
    let mut tasks = Vec::with_capacity(workers);
    for _ in 0..workers {
        let (queue, url) = (queue.clone(), owner_url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut conn = AnyConnection::connect(&url).await?;
            sqlx::query(&format!("SET maintenance_work_mem = '{BUILD_MEMORY}'"))
                .execute(&mut conn)
                .await?;
            loop {
                let next = queue.lock().map_err(Error::internal)?.pop();
                let Some(d) = next else { break };
                build(&mut conn, &d).await?;
            }
            conn.close().await?;
            Ok::<(), Error>(())
        }));
    }
    for t in tasks {
        t.await.map_err(Error::internal)??;
    }
    Ok(())
}

async fn build_all(conn: &mut AnyConnection, todo: Vec<Deferred>) -> Result<()> {
    for d in &todo {
        build(conn, d).await?;
    }
    Ok(())
}

/// Builds one index (unless it exists already) and forgets its record.
async fn build(conn: &mut AnyConnection, d: &Deferred) -> Result<()> {
    let create = if_not_exists(&d.definition)
        .ok_or_else(|| Error::Internal(format!("deferred index {} has no CREATE INDEX", d.name)))?;
    sqlx::query(&create).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM deferred_indexes WHERE name = $1")
        .bind(d.name.clone())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `CREATE INDEX x ...` as `CREATE INDEX IF NOT EXISTS x ...`.
fn if_not_exists(definition: &str) -> Option<String> {
    let rest = definition.trim_start().strip_prefix("CREATE INDEX ")?;
    let rest = rest.strip_prefix("IF NOT EXISTS ").unwrap_or(rest);
    Some(format!("CREATE INDEX IF NOT EXISTS {rest}"))
}

#[cfg(test)]
mod tests {
    use super::if_not_exists;

    #[test]
    fn definitions_become_idempotent() {
        assert_eq!(
            if_not_exists("CREATE INDEX hazards_id ON public.hazards USING btree (id)").as_deref(),
            Some("CREATE INDEX IF NOT EXISTS hazards_id ON public.hazards USING btree (id)")
        );
        assert_eq!(
            if_not_exists("CREATE INDEX IF NOT EXISTS a ON t (x)").as_deref(),
            Some("CREATE INDEX IF NOT EXISTS a ON t (x)")
        );
        assert_eq!(if_not_exists("CREATE UNIQUE INDEX a ON t (x)"), None);
    }
}
