//! Citus: the schema distributed by tenant (`anjian migrate --citus`).
//!
//! Tenant-owned tables are distributed by `tenant_id`, all co-located, so one
//! tenant's rows of every table sit on one worker and a request's statements
//! go to that worker alone. Global tables (divisions, policies, the
//! province's checklists and question bank, sign-in) are reference tables: a
//! copy on every node. [`violations`] reads the catalogue for every key that
//! would stop a table from being distributed; the test suite runs it on plain
//! PostgreSQL, so a new table that breaks the rule fails there first.
//!
//! Row-level security still isolates tenants on Citus: the policies are
//! checked on the workers, which see the scope because each transaction sets
//! it with `SET LOCAL` and `citus.propagate_set_commands = 'local'`
//! ([`crate::db::scope_statement`]).

use crate::error::{Error, Result};
use sqlx::{AnyConnection, Connection};

/// Tables that carry `tenant_id` but stay global (reference tables), and why.
pub const GLOBAL_WITH_TENANT: &[(&str, &str)] = &[
    (
        "users",
        "sign-in finds a username before the tenant is known, and usernames are \
         unique across the province",
    ),
    (
        "sessions",
        "a request's session is found by its token's hash, before the tenant is known",
    ),
    (
        "refresh_tokens_used",
        "a refresh token is found by its hash, before the tenant is known",
    ),
    (
        "user_roles",
        "read with the session and the user at every request, before the tenant \
         is known (Citus 13.2 crashed joining these reference tables to a \
         distributed one)",
    ),
];

/// Queues that stay plain tables on the coordinator, and why. Their keys
/// include `tenant_id` like every tenant table's (the catalogue test holds
/// them to it), so they can be distributed once their claims change.
pub const ON_COORDINATOR: &[(&str, &str)] = &[
    (
        "jobs",
        "workers claim due jobs of every tenant with FOR UPDATE SKIP LOCKED, \
         which Citus runs only within one shard",
    ),
    (
        "events",
        "the outbox is dispatched across tenants with FOR UPDATE SKIP LOCKED, likewise",
    ),
    (
        "plugin_artifacts",
        "the compiled-plugin cache, which the app role may only add to: Citus 13.2 \
         did not carry that narrower grant to a reference table's shards \
         (permission denied on the worker)",
    ),
];

/// How `migrate --citus` places one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Sharded by `tenant_id`, co-located with every other such table.
    Distributed,
    /// A full copy on every node.
    Reference,
    /// A plain table on the coordinator ([`ON_COORDINATOR`]).
    Coordinator,
}

/// A key or constraint that stops a tenant-owned table from being
/// distributed by `tenant_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub table: String,
    /// `primary key`, `unique`, `foreign key` or `no primary key`.
    pub kind: String,
    pub definition: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} without tenant_id: {}",
            self.table, self.kind, self.definition
        )
    }
}

/// The tables of the application's schema and where each goes.
pub async fn placements(conn: &mut AnyConnection) -> Result<Vec<(String, Placement)>> {
    Ok(tables(conn)
        .await?
        .into_iter()
        .map(|(t, _, p)| (t, p))
        .collect())
}

/// Each table, whether it has `tenant_id`, and where it goes.
async fn tables(conn: &mut AnyConnection) -> Result<Vec<(String, bool, Placement)>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.relname::text, \
                (EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid \
                         AND a.attname = 'tenant_id' AND NOT a.attisdropped))::int::int8 \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
           AND c.relname NOT LIKE '\\_%' AND NOT c.relispartition \
         ORDER BY 1",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(t, has_tenant)| {
            let global = GLOBAL_WITH_TENANT.iter().any(|(g, _)| *g == t);
            let p = if ON_COORDINATOR.iter().any(|(c, _)| *c == t) {
                Placement::Coordinator
            } else if has_tenant != 0 && !global {
                Placement::Distributed
            } else {
                Placement::Reference
            };
            (t, has_tenant != 0, p)
        })
        .collect())
}

/// Every primary key, unique key or index, and foreign key of a table to be
/// distributed that lacks `tenant_id`; empty when all can be distributed.
pub async fn violations(conn: &mut AnyConnection) -> Result<Vec<Violation>> {
    // Tenant tables, wherever they go now (a queue on the coordinator is
    // held to the rule too, to be distributable later).
    let distributed: Vec<String> = tables(conn)
        .await?
        .into_iter()
        .filter(|(_, tenant, p)| *tenant && *p != Placement::Reference)
        .map(|(t, ..)| t)
        .collect();
    // Unique indexes cover primary keys and unique constraints; foreign keys
    // come from pg_constraint. A key "has tenant_id" when the column is one
    // of its key columns.
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.relname::text, \
                CASE WHEN x.indisprimary THEN 'primary key' ELSE 'unique' END, \
                pg_get_indexdef(x.indexrelid) \
         FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND x.indisunique \
           AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid \
                           AND a.attname = 'tenant_id' \
                           AND a.attnum = ANY (x.indkey::int2[])) \
         UNION ALL \
         SELECT c.relname::text, 'foreign key', pg_get_constraintdef(k.oid) \
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND k.contype = 'f' \
           AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid \
                           AND a.attname = 'tenant_id' AND a.attnum = ANY (k.conkey)) \
         UNION ALL \
         SELECT c.relname::text, 'no primary key', '' \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
           AND NOT EXISTS (SELECT FROM pg_index x WHERE x.indrelid = c.oid AND x.indisprimary) \
         ORDER BY 1, 2, 3",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(t, _, _)| distributed.contains(t))
        .map(|(table, kind, definition)| Violation {
            table,
            kind,
            definition,
        })
        .collect())
}

/// What [`distribute`] did.
#[derive(Debug, Default)]
pub struct Distribution {
    /// Tables distributed now.
    pub distributed: Vec<String>,
    /// Tables made reference tables now.
    pub reference: Vec<String>,
    /// Tables that were already placed.
    pub already: usize,
}

/// The tenant policy as Citus accepts it. The migrations write the scope
/// functions as scalar subqueries (`(SELECT anjian_scope_all())`), which
/// PostgreSQL evaluates once per statement; Citus refuses subqueries in the
/// policies of its tables, so there the policy reads the setting directly
/// (on the workers, where it is checked).
const CITUS_POLICY: &str = "(coalesce(current_setting('anjian.tenants', true), '') = '*' \
     OR tenant_id = ANY (string_to_array(nullif(current_setting('anjian.tenants', true), ''), ',')))";

/// Rewrites every tenant policy of a table not yet placed into [`CITUS_POLICY`].
async fn rewrite_policies(conn: &mut AnyConnection) -> Result<()> {
    let policies: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.polrelid::regclass::text, p.polname::text FROM pg_policy p \
         WHERE NOT EXISTS (SELECT FROM pg_dist_partition d WHERE d.logicalrelid = p.polrelid)",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (table, name) in policies {
        if ON_COORDINATOR.iter().any(|(c, _)| *c == table) {
            continue;
        }
        let sql = format!(
            "ALTER POLICY \"{name}\" ON {table} USING {CITUS_POLICY} WITH CHECK {CITUS_POLICY}"
        );
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Runs `call` for `table`, again when another session changed the same
/// catalogue row at the same moment (several databases being set up on one
/// cluster).
async fn place(conn: &mut AnyConnection, call: &str, table: &str) -> Result<()> {
    let mut tries = 0;
    loop {
        tries += 1;
        match sqlx::query(call).bind(table).execute(&mut *conn).await {
            Ok(_) => return Ok(()),
            Err(e) if tries < 5 && e.to_string().contains("concurrently") => {
                tracing::warn!(%table, error = %e, "placing again");
                tokio::time::sleep(std::time::Duration::from_millis(200 * tries)).await;
            }
            Err(e) => return Err(Error::Internal(format!("placing {table} on Citus: {e}"))),
        }
    }
}

/// Whether the connection's database has the Citus extension.
pub async fn installed(conn: &mut AnyConnection) -> Result<bool> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT count(*)::int8 FROM pg_extension WHERE extname = 'citus'")
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// Places every table not yet placed, connected as the schema owner on the
/// coordinator: reference tables first (distributed tables may refer to
/// them), then the tenant tables. Refuses, placing nothing, while any table
/// has a key without `tenant_id`. Safe to run again: placed tables are kept.
pub async fn distribute(owner_url: &str) -> Result<Distribution> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(owner_url).await?;
    if !installed(&mut conn).await? {
        return Err(Error::Internal(
            "the database has no Citus extension: run CREATE EXTENSION citus on the \
             coordinator and every worker, and add the workers (docs/scaling.md)"
                .into(),
        ));
    }
    let bad = violations(&mut conn).await?;
    if !bad.is_empty() {
        let list: Vec<String> = bad.iter().map(ToString::to_string).collect();
        return Err(Error::Internal(format!(
            "these keys stop the tables from being distributed by tenant: {}",
            list.join("; ")
        )));
    }
    rewrite_policies(&mut conn).await?;
    let placed: Vec<String> =
        sqlx::query_scalar("SELECT logicalrelid::regclass::text FROM pg_dist_partition")
            .fetch_all(&mut conn)
            .await?;
    // The audit log's append-only trigger runs on each shard.
    sqlx::query("SET citus.enable_unsafe_triggers = on")
        .execute(&mut conn)
        .await?;
    let mut out = Distribution::default();
    let all = placements(&mut conn).await?;
    for want in [Placement::Reference, Placement::Distributed] {
        for (table, p) in all.iter().filter(|(_, p)| *p == want) {
            if placed.contains(table) {
                out.already += 1;
                continue;
            }
            let call = match p {
                Placement::Reference => "SELECT create_reference_table($1)::text",
                Placement::Distributed => {
                    "SELECT create_distributed_table($1, 'tenant_id', colocate_with => 'default')::text"
                }
                Placement::Coordinator => continue,
            };
            place(&mut conn, call, table).await?;
            // The rows were copied into the shards; drop the coordinator's
            // now invisible local copy.
            if let Err(e) =
                sqlx::query("SELECT truncate_local_data_after_distributing_table($1)::text")
                    .bind(table)
                    .execute(&mut conn)
                    .await
            {
                tracing::warn!(%table, error = %e, "local copy of a placed table kept");
            }
            match p {
                Placement::Reference => out.reference.push(table.clone()),
                _ => out.distributed.push(table.clone()),
            }
        }
    }
    conn.close().await?;
    Ok(out)
}
