//! Schema migrations (embedded from `migrations/<backend>/`) and versioned seed data.

use crate::db::{backend_of, Backend};
use crate::error::{Error, Result};
use crate::time::now_ms;
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, Connection};

static SQLITE: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("../migrations/postgres");

/// The administrative-division seed (GB/T 2260, Zhejiang) and its version.
pub const DIVISIONS_CSV: &str = include_str!("../../migrations/seed/divisions.csv");
pub const DIVISIONS_VERSION: &str = "gbt2260-zj-2024.1";

/// The embedded migrator of a backend.
pub fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Applies pending migrations and seed data, connected as the schema owner,
/// and builds any index a bulk load set aside ([`crate::deferred`]).
/// Returns the versions applied now.
pub async fn run(owner_url: &str) -> Result<Vec<i64>> {
    sqlx::any::install_default_drivers();
    let backend = backend_of(owner_url)?;
    if backend == Backend::Sqlite {
        crate::db::Db::connect(owner_url, 1).await?.close().await;
    }
    let mut conn = AnyConnection::connect(owner_url).await?;
    if backend == Backend::Postgres {
        ensure_app_role(&mut conn).await?;
    }
    let before = applied(&mut conn).await;
    migrator(backend)
        .run(&mut conn)
        .await
        .map_err(|e| Error::Internal(format!("migration failed: {e}")))?;
    let after = applied(&mut conn).await;
    seed_divisions(&mut conn).await?;
    let citus = backend == Backend::Postgres && crate::citus::installed(&mut conn).await?;
    conn.close().await?;
    if citus {
        let d = crate::citus::distribute(owner_url).await?;
        tracing::info!(
            distributed = d.distributed.len(),
            reference = d.reference.len(),
            already = d.already,
            "tables placed on Citus"
        );
    }
    let built = crate::deferred::restore(owner_url).await?;
    if built > 0 {
        tracing::info!(
            built,
            "built the indexes an interrupted bulk load had set aside"
        );
    }
    Ok(after.into_iter().filter(|v| !before.contains(v)).collect())
}

/// Fails unless `owner_url` is a PostgreSQL database with the Citus extension.
pub async fn require_citus(owner_url: &str) -> Result<()> {
    sqlx::any::install_default_drivers();
    if backend_of(owner_url)? != Backend::Postgres {
        return Err(Error::Internal(
            "--citus needs a PostgreSQL URL of the Citus coordinator".into(),
        ));
    }
    let mut conn = AnyConnection::connect(owner_url).await?;
    let ok = crate::citus::installed(&mut conn).await?;
    conn.close().await?;
    if ok {
        Ok(())
    } else {
        Err(Error::Internal(
            "--citus: the database has no Citus extension (CREATE EXTENSION citus on the \
             coordinator and every worker first; see docs/scaling.md)"
                .into(),
        ))
    }
}

async fn applied(conn: &mut AnyConnection) -> Vec<i64> {
    sqlx::query_scalar::<_, i64>("SELECT version FROM _sqlx_migrations WHERE success = true")
        .fetch_all(conn)
        .await
        .unwrap_or_default()
}

/// The group role `anjian_app` must exist before the grants in the migrations.
async fn ensure_app_role(conn: &mut AnyConnection) -> Result<()> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_roles WHERE rolname = 'anjian_app'")
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        sqlx::query("CREATE ROLE anjian_app NOLOGIN")
            .execute(&mut *conn)
            .await
            .map_err(|e| {
                Error::Internal(format!(
                    "role anjian_app is missing and could not be created ({e}); create it: \
                 CREATE ROLE anjian_app NOLOGIN; and make the server's login role a member"
                ))
            })?;
    }
    Ok(())
}

/// Loads the division list once per version. Existing tenants are kept as the
/// province changed them; only new codes are added.
async fn seed_divisions(conn: &mut AnyConnection) -> Result<()> {
    let have: Option<String> =
        sqlx::query_scalar("SELECT version FROM seed_versions WHERE name = 'divisions'")
            .fetch_optional(&mut *conn)
            .await?;
    if have.as_deref() == Some(DIVISIONS_VERSION) {
        return Ok(());
    }
    let mut tx = conn.begin().await?;
    let now = now_ms();
    let mut rdr = csv::Reader::from_reader(DIVISIONS_CSV.as_bytes());
    let mut rows: Vec<csv::StringRecord> = Vec::new();
    for rec in rdr.records() {
        rows.push(rec.map_err(Error::internal)?);
    }
    // Parents first, then successors (which refer to other rows).
    for r in &rows {
        let opt = |i: usize| r.get(i).filter(|s| !s.is_empty()).map(str::to_string);
        sqlx::query(
            "INSERT INTO tenants (code, name, level, parent_code, valid_from, valid_to, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(opt(0))
        .bind(opt(1))
        .bind(opt(2))
        .bind(opt(3))
        .bind(opt(4))
        .bind(opt(5))
        .bind(if opt(5).is_some() { "retired" } else { "active" })
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for r in &rows {
        if let Some(succ) = r.get(6).filter(|s| !s.is_empty()) {
            sqlx::query(
                "UPDATE tenants SET successor_code = $1 WHERE code = $2 AND successor_code IS NULL",
            )
            .bind(succ.to_string())
            .bind(r.get(0).unwrap_or_default().to_string())
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query(
        "INSERT INTO seed_versions (name, version, applied_at) VALUES ('divisions', $1, $2) \
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at",
    )
    .bind(DIVISIONS_VERSION)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
