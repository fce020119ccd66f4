//! Storage: one `Db` over embedded SQLite or PostgreSQL (sqlx `Any`), and the
//! tenant-scoped transaction `Tx` through which every data access goes.
//!
//! Isolation lives in one place. On PostgreSQL each transaction sets
//! `anjian.tenants` with `set_config(.., true)` and row-level security policies
//! filter every tenant-owned table. On both backends `Tx::sql` renders the
//! `{tenant}` marker into the scope predicate and refuses a statement that
//! touches a tenant-owned table without it.

use crate::authcache::AuthCache;
use crate::error::{Error, Result};
use crate::generation::Generations;
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Executor};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Tenants a transaction may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every tenant: the province, and platform internals (login, job runner).
    All,
    /// These tenant codes only.
    Tenants(Arc<BTreeSet<String>>),
    /// No tenant at all.
    Nothing,
}

impl Scope {
    /// A scope of the given tenant codes.
    pub fn of<I: IntoIterator<Item = S>, S: Into<String>>(codes: I) -> Scope {
        Scope::Tenants(Arc::new(codes.into_iter().map(Into::into).collect()))
    }

    /// Whether rows of `tenant` are visible.
    pub fn contains(&self, tenant: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Tenants(s) => s.contains(tenant),
            Scope::Nothing => false,
        }
    }

    /// The value of `anjian.tenants` for PostgreSQL.
    fn setting(&self) -> String {
        match self {
            Scope::All => "*".into(),
            Scope::Tenants(s) => s.iter().cloned().collect::<Vec<_>>().join(","),
            Scope::Nothing => String::new(),
        }
    }

    /// SQL predicate on `prefix.tenant_id`.
    fn predicate(&self, prefix: &str) -> String {
        let col = if prefix.is_empty() {
            "tenant_id".to_string()
        } else {
            format!("{prefix}.tenant_id")
        };
        match self {
            Scope::All => "1=1".into(),
            Scope::Nothing => "1=0".into(),
            Scope::Tenants(s) if s.is_empty() => "1=0".into(),
            Scope::Tenants(s) => {
                // Codes are inlined, so only plain alphanumeric codes pass.
                let list: Vec<String> = s
                    .iter()
                    .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
                    .map(|c| format!("'{c}'"))
                    .collect();
                if list.is_empty() {
                    return "1=0".into();
                }
                format!("{col} IN ({})", list.join(","))
            }
        }
    }
}

/// Tables whose rows belong to a tenant. Modules add theirs at registration.
static TENANT_TABLES: RwLock<Vec<&'static str>> = RwLock::new(Vec::new());

/// Tenant-owned tables of the core.
pub const CORE_TENANT_TABLES: &[&str] = &[
    "organisations",
    "users",
    "user_roles",
    "grants",
    "audit_log",
    "audit_heads",
    "notifications",
    "jobs",
    "events",
];

/// Declares tenant-owned tables, so unscoped statements on them are refused.
pub fn register_tenant_tables(tables: &[&'static str]) {
    if let Ok(mut t) = TENANT_TABLES.write() {
        for name in tables {
            if !t.contains(name) {
                t.push(name);
            }
        }
    }
}

/// Counts statements; a request holds one so tests can catch N+1 queries.
#[derive(Debug, Default)]
pub struct StatementCounter(AtomicU64);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
    fn incr(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// A scope setting safe to write into SQL text: tenant codes (ASCII letters,
/// digits, `-`, `_`), commas, or `*`.
fn is_plain_setting(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b',' | b'*' | b'-' | b'_'))
}

/// The connection pool and its backend.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    statements: Arc<StatementCounter>,
    auth_cache: Arc<AuthCache>,
    generations: Arc<Generations>,
}

impl Db {
    /// Connects to `url` (`sqlite://...` or `postgres://...`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        sqlx::any::install_default_drivers();
        register_tenant_tables(CORE_TENANT_TABLES);
        let backend = backend_of(url)?;
        if backend == Backend::Sqlite {
            ensure_sqlite_dir(url)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(std::time::Duration::from_secs(10))
            // No ping before each checkout: it costs a round trip per
            // transaction. A connection that died while idle fails its
            // first statement instead (the request gets an error).
            .test_before_acquire(false)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000; \
                             PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        Ok(Db {
            pool,
            backend,
            statements: Arc::default(),
            auth_cache: Arc::default(),
            generations: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The cache of authenticated sessions, cleared by commits that change sign-in state.
    pub fn auth_cache(&self) -> &Arc<AuthCache> {
        &self.auth_cache
    }

    /// The read models' generations ([`Tx::touch`] moves them on at commit).
    pub fn generations(&self) -> &Arc<Generations> {
        &self.generations
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Statements executed through this pool since start.
    pub fn statements(&self) -> u64 {
        self.statements.get()
    }

    /// Connections open and idle.
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Begins a read transaction limited to `scope`.
    pub async fn read(&self, scope: Scope, counter: Option<Arc<StatementCounter>>) -> Result<Tx> {
        self.begin(scope, counter, false).await
    }

    /// Begins a write transaction limited to `scope` (`BEGIN IMMEDIATE` on SQLite).
    pub async fn write(&self, scope: Scope, counter: Option<Arc<StatementCounter>>) -> Result<Tx> {
        self.begin(scope, counter, true).await
    }

    async fn begin(
        &self,
        scope: Scope,
        counter: Option<Arc<StatementCounter>>,
        write: bool,
    ) -> Result<Tx> {
        let setting = scope.setting();
        // On PostgreSQL the scope is set in the BEGIN's own round trip when
        // it is a plain list of codes (always, in practice); anything else
        // goes as a bound parameter.
        let inline = self.backend == Backend::Postgres && is_plain_setting(&setting);
        let tx = match (self.backend, write) {
            (Backend::Sqlite, true) => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            (Backend::Postgres, _) if inline => {
                self.pool
                    .begin_with(format!(
                        "BEGIN; SELECT set_config('anjian.tenants', '{setting}', true)"
                    ))
                    .await?
            }
            _ => self.pool.begin().await?,
        };
        let mut tx = Tx {
            tx,
            scope,
            backend: self.backend,
            counter,
            pool_counter: self.statements.clone(),
            auth_cache: self.auth_cache.clone(),
            auth_changed: false,
            generations: self.generations.clone(),
            touched: Vec::new(),
        };
        if self.backend == Backend::Postgres && !inline {
            tx.exec(sqlx::query("SELECT set_config('anjian.tenants', $1, true)").bind(setting))
                .await?;
        }
        Ok(tx)
    }

    /// Is the database reachable?
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Refuses to serve with a PostgreSQL role that could bypass row-level security:
    /// superuser, BYPASSRLS, or owner of the tenant tables.
    pub async fn check_app_role(&self) -> Result<()> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let row: (i64, i64, String, i64) = sqlx::query_as(
            "SELECT (rolsuper OR rolbypassrls)::int::int8, \
             (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() \
              AND tablename = 'users' AND tableowner = current_user)::int8, current_user::text, \
             (EXISTS (SELECT FROM pg_roles WHERE rolname = 'anjian_app') \
              AND pg_has_role(current_user, 'anjian_app', 'USAGE'))::int::int8 \
             FROM pg_roles WHERE rolname = current_user",
        )
        .fetch_one(&self.pool)
        .await?;
        if row.0 != 0 {
            return Err(Error::Internal(format!(
                "database role {} is a superuser or has BYPASSRLS; the server must connect as a \
                 role that row-level security applies to (see README: PostgreSQL roles)",
                row.2
            )));
        }
        if row.1 != 0 {
            return Err(Error::Internal(format!(
                "database role {} owns the tables; connect the server as the application role \
                 and run migrations as the owner (ANJIAN_MIGRATE_DATABASE_URL)",
                row.2
            )));
        }
        if row.3 == 0 {
            return Err(Error::Internal(format!(
                "database role {} is not a member of the group role anjian_app, which holds the \
                 server's privileges: GRANT anjian_app TO {}; (see scripts/pg-roles.sql)",
                row.2, row.2
            )));
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A transaction bound to a tenant scope.
pub struct Tx {
    tx: sqlx::Transaction<'static, Any>,
    scope: Scope,
    backend: Backend,
    counter: Option<Arc<StatementCounter>>,
    pool_counter: Arc<StatementCounter>,
    auth_cache: Arc<AuthCache>,
    auth_changed: bool,
    generations: Arc<Generations>,
    /// Read-model topics this transaction changed.
    touched: Vec<&'static str>,
}

type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;

impl Tx {
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Renders `{tenant}` / `{tenant:alias}` into the scope predicate. A statement
    /// that names a tenant-owned table must carry the marker (inserts excepted:
    /// they go through [`Tx::ensure_writable`] and, on PostgreSQL, RLS `WITH CHECK`).
    pub fn sql(&self, sql: &str) -> Result<String> {
        let mut out = String::with_capacity(sql.len() + 32);
        let mut rest = sql;
        let mut marked = false;
        while let Some(start) = rest.find("{tenant") {
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let inner = &rest[start + 1..start + end];
            let alias = inner.strip_prefix("tenant:").unwrap_or("");
            out.push_str(&rest[..start]);
            out.push_str(&self.scope.predicate(alias));
            rest = &rest[start + end + 1..];
            marked = true;
        }
        out.push_str(rest);
        if !marked && !is_insert(sql) {
            if let Some(table) = tenant_table_in(sql) {
                return Err(Error::Internal(format!(
                    "unscoped statement on tenant table {table}: add {{tenant}}"
                )));
            }
        }
        Ok(out)
    }

    /// Refuses a write of a row that belongs to a tenant outside the scope.
    pub fn ensure_writable(&self, tenant: &str) -> Result<()> {
        if self.scope.contains(tenant) {
            Ok(())
        } else {
            Err(Error::NotFound(format!("tenant {tenant}")))
        }
    }

    fn count(&self) {
        self.pool_counter.incr();
        if let Some(c) = &self.counter {
            c.incr();
        }
    }

    pub async fn all(&mut self, q: AnyQuery<'_>) -> Result<Vec<AnyRow>> {
        self.count();
        Ok(q.fetch_all(&mut *self.tx).await?)
    }

    pub async fn opt(&mut self, q: AnyQuery<'_>) -> Result<Option<AnyRow>> {
        self.count();
        Ok(q.fetch_optional(&mut *self.tx).await?)
    }

    pub async fn one(&mut self, q: AnyQuery<'_>) -> Result<AnyRow> {
        self.count();
        Ok(q.fetch_one(&mut *self.tx).await?)
    }

    /// Executes and returns the rows affected.
    pub async fn exec(&mut self, q: AnyQuery<'_>) -> Result<u64> {
        self.count();
        Ok(q.execute(&mut *self.tx).await?.rows_affected())
    }

    /// A single `i64` (e.g. `COUNT(*)`).
    pub async fn scalar(&mut self, q: AnyQuery<'_>) -> Result<i64> {
        use sqlx::Row;
        let row = self.one(q).await?;
        Ok(row.try_get::<i64, _>(0)?)
    }

    /// Marks this transaction as changing sign-in state (sessions, passwords,
    /// roles, grants): its commit clears the cache of authenticated sessions.
    pub fn auth_changed(&mut self) {
        self.auth_changed = true;
    }

    /// Marks this transaction as changing the data of a read model's
    /// `topic`: its commit moves the topic's generation on
    /// ([`crate::generation`]), so caches of it are recomputed.
    pub fn touch(&mut self, topic: &'static str) {
        if !self.touched.contains(&topic) {
            self.touched.push(topic);
        }
    }

    pub async fn commit(self) -> Result<()> {
        let (cache, changed) = (self.auth_cache, self.auth_changed);
        let (generations, touched) = (self.generations, self.touched);
        self.tx.commit().await?;
        if changed {
            cache.invalidate().await;
        }
        for topic in touched {
            generations.bump(topic).await;
        }
        Ok(())
    }

    /// Ends a transaction that only read, without a round trip of its own:
    /// it is rolled back, on PostgreSQL in the same exchange as the check the
    /// pool makes when the connection comes back to it, off the request's
    /// path. Anything written in it is discarded.
    pub fn end_read(self) {
        drop(self.tx);
    }

    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

fn is_insert(sql: &str) -> bool {
    sql.trim_start()
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("insert"))
}

fn tenant_table_in(sql: &str) -> Option<&'static str> {
    let tables = TENANT_TABLES.read().ok()?;
    let lower = sql.to_ascii_lowercase();
    let words: BTreeSet<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    tables.iter().copied().find(|t| words.contains(t))
}

/// Parameters per SQLite multi-row insert written with anonymous `?`
/// placeholders. (With `$N` ones, SQLite resolves each parameter's name by a
/// linear scan: binding n of them costs n².)
pub const SQLITE_ANONYMOUS_PARAMS: usize = 960;

/// `(?,…),(?,…)`: `rows` groups of `cols` anonymous placeholders (SQLite).
pub fn anonymous_rows(rows: usize, cols: usize) -> String {
    let one = format!("({})", vec!["?"; cols].join(","));
    vec![one; rows].join(",")
}

/// Placeholders of a multi-row `VALUES` list: `rows` groups of `cols`,
/// anonymous on SQLite (see [`SQLITE_ANONYMOUS_PARAMS`]), numbered on
/// PostgreSQL.
pub fn values_list(backend: Backend, rows: usize, cols: usize) -> String {
    match backend {
        Backend::Sqlite => anonymous_rows(rows, cols),
        Backend::Postgres => (0..rows)
            .map(|r| {
                let one: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
                format!("({})", one.join(","))
            })
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// The backend named by a URL.
pub fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(Error::Internal(
            "database URL must start with sqlite: or postgres://".into(),
        ))
    }
}

fn ensure_sqlite_dir(url: &str) -> Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Internal(format!("cannot create {}: {e}", parent.display())))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_lists_number_or_leave_anonymous() {
        assert_eq!(values_list(Backend::Postgres, 2, 2), "($1,$2),($3,$4)");
        assert_eq!(values_list(Backend::Sqlite, 2, 2), "(?,?),(?,?)");
    }

    #[test]
    fn predicate_renders_scope() {
        assert_eq!(Scope::All.predicate(""), "1=1");
        assert_eq!(Scope::Nothing.predicate("u"), "1=0");
        assert_eq!(
            Scope::of(["330106"]).predicate("u"),
            "u.tenant_id IN ('330106')"
        );
        assert_eq!(Scope::of(Vec::<String>::new()).predicate(""), "1=0");
    }

    #[test]
    fn only_plain_settings_are_written_into_sql() {
        assert!(is_plain_setting("330106,330203"));
        assert!(is_plain_setting("*"));
        assert!(is_plain_setting(""));
        assert!(!is_plain_setting("330106', true); DROP TABLE users; --"));
        assert!(!is_plain_setting("33\\0106"));
    }

    #[test]
    fn unscoped_tenant_statements_are_refused() {
        register_tenant_tables(CORE_TENANT_TABLES);
        assert!(tenant_table_in("SELECT * FROM users WHERE id = $1").is_some());
        assert!(tenant_table_in("SELECT * FROM tenants").is_none());
        assert!(is_insert("  insert into users"));
    }
}
