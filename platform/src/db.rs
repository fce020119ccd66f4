//! Storage: one `Db` over embedded SQLite or PostgreSQL (sqlx `Any`), and the
//! tenant-scoped transaction `Tx` through which every data access goes.
//!
//! Isolation lives in one place. On PostgreSQL each transaction sets
//! `anjian.tenants` with `SET LOCAL` and row-level security policies filter
//! every tenant-owned table. `SET LOCAL` (not `set_config(.., true)`) is what
//! Citus sends on to its workers, where the policies of distributed tables
//! are checked; on Citus each transaction also sets
//! `citus.propagate_set_commands = 'local'` so that it is sent. On both backends `Tx::sql` renders the
//! `{tenant}` marker into the scope predicate and refuses a statement that
//! touches a tenant-owned table without it.

use crate::authcache::AuthCache;
use crate::error::{Error, Result};
use crate::generation::Generations;
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Executor};
use std::collections::{BTreeSet, HashSet};
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
/// The statements that scope a PostgreSQL transaction to `setting`, as SQL
/// text (`SET` takes no bound parameters; the value is quoted as a literal).
pub fn scope_statement(setting: &str, citus: bool) -> String {
    let value = setting.replace('\'', "''");
    if citus {
        format!(
            "SET LOCAL citus.propagate_set_commands = 'local'; \
             SET LOCAL anjian.tenants = '{value}'"
        )
    } else {
        format!("SET LOCAL anjian.tenants = '{value}'")
    }
}

/// Whether the Citus extension is installed in the pool's database.
pub async fn is_citus(pool: &AnyPool) -> Result<bool> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT count(*)::int8 FROM pg_extension WHERE extname = 'citus'")
            .fetch_one(pool)
            .await?;
    Ok(n > 0)
}

/// The connection pool and its backend.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// Whether the database is a Citus coordinator.
    citus: bool,
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
        let citus = backend == Backend::Postgres && is_citus(&pool).await?;
        Ok(Db {
            pool,
            backend,
            citus,
            statements: Arc::default(),
            auth_cache: Arc::default(),
            generations: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database is a Citus coordinator (tables distributed by tenant).
    pub fn citus(&self) -> bool {
        self.citus
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
        let tx = match (self.backend, write) {
            (Backend::Sqlite, true) => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            (Backend::Sqlite, false) => self.pool.begin().await?,
            // Citus sends a SET LOCAL's whole query text on to the workers,
            // so there the scope goes in a statement of its own (a BEGIN in
            // the same text would be replayed too).
            (Backend::Postgres, _) if self.citus => {
                let mut tx = self.pool.begin().await?;
                let scope_sql = scope_statement(&scope.setting(), true);
                (&mut *tx).execute(scope_sql.as_str()).await?;
                tx
            }
            // Otherwise the scope is set in the BEGIN's own round trip.
            (Backend::Postgres, _) => {
                let scope_sql = scope_statement(&scope.setting(), false);
                self.pool.begin_with(format!("BEGIN; {scope_sql}")).await?
            }
        };
        let tx = Tx {
            tx,
            scope,
            backend: self.backend,
            citus: self.citus,
            counter,
            pool_counter: self.statements.clone(),
            auth_cache: self.auth_cache.clone(),
            auth_changed: false,
            generations: self.generations.clone(),
            touched: Vec::new(),
            rendered: Default::default(),
        };
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
    /// On a Citus coordinator (see [`Tx::bulk_select`]).
    citus: bool,
    counter: Option<Arc<StatementCounter>>,
    pool_counter: Arc<StatementCounter>,
    auth_cache: Arc<AuthCache>,
    auth_changed: bool,
    generations: Arc<Generations>,
    /// Read-model topics this transaction changed.
    touched: Vec<&'static str>,
    /// Hashes of the statements [`Tx::sql`] rendered: only those may name
    /// a tenant-owned table when the scope is not everything.
    rendered: std::sync::Mutex<HashSet<u64>>,
}

type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;

impl Tx {
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether many rows may be written with one `INSERT … SELECT` over a
    /// parameter (PostgreSQL's bulk path). Not on Citus: it sends such rows
    /// to the shards with `COPY`, which row-level security refuses there;
    /// multi-row `INSERT … VALUES` works on every backend.
    pub fn bulk_select(&self) -> bool {
        self.backend == Backend::Postgres && !self.citus
    }

    /// Renders `{tenant}` / `{tenant:alias}` into the scope predicate. Every
    /// tenant-owned table the statement reads, updates or deletes from must
    /// have its own marker: `{tenant:alias}` for a table with an alias (or
    /// `{tenant:table}`), `{tenant}` for one without. The row an `INSERT …
    /// VALUES` writes is checked by [`Tx::ensure_writable`] and, on
    /// PostgreSQL, RLS `WITH CHECK`; an `INSERT … SELECT` reads under the
    /// same rule.
    pub fn sql(&self, sql: &str) -> Result<String> {
        let mut out = String::with_capacity(sql.len() + 32);
        let mut rest = sql;
        let mut markers = Vec::new();
        while let Some(start) = rest.find("{tenant") {
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let inner = &rest[start + 1..start + end];
            let alias = inner.strip_prefix("tenant:").unwrap_or("");
            out.push_str(&rest[..start]);
            out.push_str(&self.scope.predicate(alias));
            markers.push(alias.to_ascii_lowercase());
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        check_markers(sql, &markers)?;
        if let Ok(mut r) = self.rendered.lock() {
            r.insert(text_hash(&out));
        }
        Ok(out)
    }

    /// Refuses a statement that names a tenant-owned table but did not come
    /// from [`Tx::sql`], unless the scope is everything (where the predicate
    /// would be `1=1`) or it only inserts values.
    fn check_raw(&self, q: &AnyQuery<'_>) -> Result<()> {
        if matches!(self.scope, Scope::All) {
            return Ok(());
        }
        let text = sqlx::Execute::sql(q);
        // Most statements came from `Tx::sql`: a hash look-up, no parsing.
        let seen = self
            .rendered
            .lock()
            .map(|r| r.contains(&text_hash(text)))
            .unwrap_or(false);
        if seen {
            return Ok(());
        }
        match tenant_references(text).first() {
            None => Ok(()),
            Some(r) => Err(Error::Internal(format!(
                "unscoped statement on tenant table {}: render it with Tx::sql and {{tenant}}",
                r.table
            ))),
        }
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
        self.check_raw(&q)?;
        self.count();
        Ok(q.fetch_all(&mut *self.tx).await?)
    }

    pub async fn opt(&mut self, q: AnyQuery<'_>) -> Result<Option<AnyRow>> {
        self.check_raw(&q)?;
        self.count();
        Ok(q.fetch_optional(&mut *self.tx).await?)
    }

    pub async fn one(&mut self, q: AnyQuery<'_>) -> Result<AnyRow> {
        self.check_raw(&q)?;
        self.count();
        Ok(q.fetch_one(&mut *self.tx).await?)
    }

    /// Executes and returns the rows affected.
    pub async fn exec(&mut self, q: AnyQuery<'_>) -> Result<u64> {
        self.check_raw(&q)?;
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

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A tenant-owned table a statement reads or changes, with its alias.
#[derive(Debug, PartialEq)]
struct TableRef {
    table: &'static str,
    alias: Option<String>,
}

/// Words that end a table reference rather than name its alias.
const NOT_ALIASES: &[&str] = &[
    "where",
    "join",
    "inner",
    "left",
    "right",
    "full",
    "cross",
    "natural",
    "on",
    "using",
    "set",
    "group",
    "order",
    "limit",
    "offset",
    "union",
    "except",
    "intersect",
    "returning",
    "values",
    "select",
    "having",
    "window",
    "for",
    "default",
    "do",
    "tablesample",
    "with",
];

/// Words and the punctuation that matters (`,` `(` `)` `.`), lower case,
/// without string literals, quoted names' quotes, or comments.
fn tokens(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = sql.chars().peekable();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if !w.is_empty() {
            out.push(std::mem::take(w).to_ascii_lowercase());
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                flush(&mut word, &mut out);
                while let Some(d) = chars.next() {
                    if d == '\'' {
                        if chars.peek() == Some(&'\'') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
                out.push("'".into());
            }
            '-' if chars.peek() == Some(&'-') => {
                flush(&mut word, &mut out);
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '"' => flush(&mut word, &mut out),
            c if c.is_ascii_alphanumeric() || c == '_' || c == '$' => word.push(c),
            ',' | '(' | ')' | '.' => {
                flush(&mut word, &mut out);
                out.push(c.to_string());
            }
            _ => flush(&mut word, &mut out),
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The tenant-owned tables a statement reads, updates or deletes from:
/// those after `FROM`, `JOIN`, `UPDATE` or a comma in a `FROM` list (the
/// target of an `INSERT INTO` excepted).
fn tenant_references(sql: &str) -> Vec<TableRef> {
    let Ok(tables) = TENANT_TABLES.read() else {
        return Vec::new();
    };
    let t = tokens(sql);
    let mut refs = Vec::new();
    let mut in_from = false;
    for (i, tok) in t.iter().enumerate() {
        let prev = if i > 0 { t[i - 1].as_str() } else { "" };
        match tok.as_str() {
            "from" | "join" => in_from = true,
            "where" | "on" | "group" | "order" | "limit" | "set" | "returning" | "(" | ")"
            | "union" | "values" | "select" => in_from = false,
            _ => {}
        }
        let Some(table) = tables.iter().copied().find(|x| *x == tok) else {
            continue;
        };
        let positioned = matches!(prev, "from" | "join" | "update") || (prev == "," && in_from);
        let qualified = t.get(i + 1).is_some_and(|n| n == ".");
        if !positioned || qualified {
            continue;
        }
        let mut next = t.get(i + 1).map(String::as_str);
        if next == Some("as") {
            next = t.get(i + 2).map(String::as_str);
        }
        let alias = next
            .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .filter(|n| !NOT_ALIASES.contains(n))
            .map(str::to_string);
        refs.push(TableRef { table, alias });
    }
    refs
}

/// Every tenant-owned table reference needs its own marker (one named by
/// its alias or table, else an unnamed `{tenant}`), or a join on
/// `x.tenant_id = y.tenant_id` to a reference that has one.
fn check_markers(sql: &str, markers: &[String]) -> Result<()> {
    let mut left: Vec<&str> = markers.iter().map(String::as_str).collect();
    let mut covered: Vec<String> = Vec::new();
    let mut pending = Vec::new();
    for r in tenant_references(sql) {
        let name = r.alias.clone().unwrap_or_else(|| r.table.to_string());
        let pos = left
            .iter()
            .position(|m| *m == name || *m == r.table)
            .or_else(|| left.iter().position(|m| m.is_empty()));
        match pos {
            Some(p) => {
                left.remove(p);
                covered.push(name);
            }
            None => pending.push((r.table, name)),
        }
    }
    let flat: String = sql
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let joined = |a: &str, b: &str| {
        flat.contains(&format!("{a}.tenant_id={b}.tenant_id"))
            || flat.contains(&format!("{b}.tenant_id={a}.tenant_id"))
    };
    loop {
        let before = pending.len();
        pending.retain(|(_, name)| {
            let ok = covered.iter().any(|c| joined(name, c));
            if ok {
                covered.push(name.clone());
            }
            !ok
        });
        if pending.len() == before {
            break;
        }
    }
    match pending.first() {
        None => Ok(()),
        Some((table, name)) => Err(Error::Internal(format!(
            "unscoped statement on tenant table {table}: add {{tenant:{name}}}"
        ))),
    }
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
    fn scope_settings_are_quoted_as_one_literal() {
        assert_eq!(
            scope_statement("330106,330203", false),
            "SET LOCAL anjian.tenants = '330106,330203'"
        );
        assert_eq!(
            scope_statement("33'; DROP TABLE users; --", false),
            "SET LOCAL anjian.tenants = '33''; DROP TABLE users; --'"
        );
        assert!(scope_statement("*", true).starts_with("SET LOCAL citus.propagate_set_commands"));
    }

    fn refs(sql: &str) -> Vec<(&'static str, Option<String>)> {
        tenant_references(sql)
            .into_iter()
            .map(|r| (r.table, r.alias))
            .collect()
    }

    #[test]
    fn tenant_tables_are_found_where_they_are_read() {
        register_tenant_tables(CORE_TENANT_TABLES);
        assert_eq!(refs("SELECT * FROM users WHERE id = $1"), [("users", None)]);
        assert!(refs("SELECT * FROM tenants").is_empty());
        assert_eq!(
            refs("SELECT u.id FROM users u JOIN user_roles AS r ON r.user_id = u.id"),
            [
                ("users", Some("u".into())),
                ("user_roles", Some("r".into()))
            ]
        );
        assert_eq!(
            refs("SELECT 1 FROM tenants t, users, grants g WHERE 1=1"),
            [("users", None), ("grants", Some("g".into()))]
        );
        // The target of INSERT … VALUES is not read; its SELECT part is.
        assert!(refs("INSERT INTO users (id) VALUES ($1)").is_empty());
        assert_eq!(
            refs("INSERT INTO jobs (id) SELECT id FROM events WHERE x"),
            [("events", None)]
        );
        assert_eq!(refs("UPDATE jobs SET a = 1"), [("jobs", None)]);
        assert_eq!(
            refs("DELETE FROM grants WHERE id = 'from users'"),
            [("grants", None)]
        );
        assert!(
            refs("SELECT users.id FROM tenants").is_empty(),
            "a column qualifier"
        );
    }

    #[test]
    fn every_reference_needs_its_own_marker() {
        register_tenant_tables(CORE_TENANT_TABLES);
        let ok = |sql: &str, m: &[&str]| {
            check_markers(sql, &m.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        assert!(ok("SELECT * FROM users WHERE {tenant}", &[""]).is_ok());
        assert!(ok("SELECT * FROM users", &[]).is_err());
        // One marker no longer clears a join of two tenant tables.
        let join = "SELECT * FROM users u JOIN user_roles r ON r.user_id = u.id WHERE {tenant:u}";
        assert!(ok(join, &["u"]).is_err());
        assert!(ok(join, &["u", "r"]).is_ok());
        // A join on the tenant carries the marker over.
        let tenant_join = "SELECT * FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id WHERE {tenant:u}";
        assert!(ok(tenant_join, &["u"]).is_ok());
        let other_join =
            "SELECT * FROM users u JOIN user_roles r ON r.tenant_id = $1 WHERE {tenant:u}";
        assert!(ok(other_join, &["u"]).is_err());
        assert!(ok(
            "SELECT * FROM users WHERE id IN (SELECT user_id FROM grants)",
            &[""]
        )
        .is_err());
        assert!(ok("SELECT * FROM tenants", &[]).is_ok());
        assert!(ok("INSERT INTO users (id) VALUES ($1)", &[]).is_ok());
        assert!(ok("INSERT INTO jobs (id) SELECT id FROM events", &[]).is_err());
    }

    #[test]
    fn tenant_codes_with_quotes_never_reach_sql() {
        for evil in [
            "330106' OR '1'='1",
            "330106'); DROP TABLE users; --",
            "33\\0106",
            "330106 OR 1=1",
            "",
        ] {
            assert_eq!(Scope::of([evil]).predicate(""), "1=0", "{evil}");
        }
        assert_eq!(
            Scope::of(["330106", "x' OR 'a'='a"]).predicate(""),
            "tenant_id IN ('330106')"
        );
    }
}
