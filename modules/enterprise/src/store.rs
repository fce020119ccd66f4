//! SQL of the enterprise register. Every statement carries the `{tenant}` scope.

use crate::model::{Industry, OperatingStatus, RiskFlag, SizeBand, Uscc};
use crate::record::{EnterpriseRecord, Licence, MajorHazard};
use anjian_platform::db::{values_list, Backend, Tx, SQLITE_ANONYMOUS_PARAMS};
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::{Error, Result};
use sqlx::any::AnyRow;
use sqlx::Row;

/// An enterprise as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    pub tenant_id: String,
    pub id: String,
    pub record: EnterpriseRecord,
    pub max_hazard_grade: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub const COLS: &str =
    "tenant_id, id, uscc, name, legal_representative, principal, principal_phone, \
    safety_manager, registered_address, production_address, division_code, latitude, longitude, \
    industry, industry_subtype, gbt4754, registration_type, size_band, size_band_overridden, \
    above_designated_size, staff_count, revenue_wan, founded_on, status, safety_staff, \
    safety_engineers, risk_flags, max_hazard_grade, safety_manager_phone, created_at, updated_at";

fn bad(what: &str) -> Error {
    Error::Internal(format!("stored enterprise has an invalid {what}"))
}

/// Reads a row (children not loaded: `licences`/`major_hazards` are None).
pub fn from_row(r: &AnyRow) -> Result<Stored> {
    let flags: String = r.try_get("risk_flags")?;
    let record = EnterpriseRecord {
        uscc: Uscc::parse(&r.try_get::<String, _>("uscc")?).map_err(|_| bad("uscc"))?,
        name: r.try_get("name")?,
        legal_representative: r.try_get("legal_representative")?,
        principal: r.try_get("principal")?,
        principal_phone: r.try_get("principal_phone")?,
        safety_manager: r.try_get("safety_manager")?,
        safety_manager_phone: r.try_get("safety_manager_phone")?,
        registered_address: r.try_get("registered_address")?,
        production_address: r.try_get("production_address")?,
        division_code: r.try_get("division_code")?,
        latitude: r.try_get("latitude")?,
        longitude: r.try_get("longitude")?,
        industry: Industry::parse(&r.try_get::<String, _>("industry")?)
            .ok_or_else(|| bad("industry"))?,
        industry_subtype: r.try_get("industry_subtype")?,
        gbt4754: r.try_get("gbt4754")?,
        registration_type: r.try_get("registration_type")?,
        size_band: SizeBand::parse(&r.try_get::<String, _>("size_band")?)
            .ok_or_else(|| bad("size band"))?,
        size_band_overridden: r.try_get::<i64, _>("size_band_overridden")? != 0,
        above_designated_size: r.try_get::<i64, _>("above_designated_size")? != 0,
        staff_count: r.try_get("staff_count")?,
        revenue_wan: r.try_get("revenue_wan")?,
        founded_on: r.try_get("founded_on")?,
        status: OperatingStatus::parse(&r.try_get::<String, _>("status")?)
            .ok_or_else(|| bad("status"))?,
        safety_staff: r.try_get("safety_staff")?,
        safety_engineers: r.try_get("safety_engineers")?,
        risk_flags: flags.split(',').filter_map(RiskFlag::parse).collect(),
        licences: None,
        major_hazards: None,
    };
    Ok(Stored {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        record,
        max_hazard_grade: r.try_get("max_hazard_grade")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// By id, within scope.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Stored>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM enterprises WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// By USCC within one county.
pub async fn by_uscc(tx: &mut Tx, tenant: &str, uscc: &str) -> Result<Option<Stored>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM enterprises WHERE {{tenant}} AND tenant_id = $1 AND uscc = $2"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(uscc.to_string()),
    )
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

pub(crate) fn search_text(r: &EnterpriseRecord) -> String {
    format!(
        "{} {} {} {}",
        r.name,
        r.uscc.as_str(),
        r.production_address,
        r.registered_address.as_deref().unwrap_or("")
    )
    .to_lowercase()
}

pub(crate) fn flags_text(r: &EnterpriseRecord) -> String {
    r.risk_flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn max_grade(r: &EnterpriseRecord, current: Option<i64>) -> Option<i64> {
    match &r.major_hazards {
        None => current,
        Some(hs) => hs.iter().map(|h| h.grade as i64).min(),
    }
}

/// Existing enterprises of a county by USCC, for a batch.
pub async fn by_usccs(tx: &mut Tx, tenant: &str, usccs: &[String]) -> Result<Vec<Stored>> {
    let mut out = Vec::with_capacity(usccs.len());
    if tx.backend() == Backend::Postgres {
        // One JSON parameter. (An `= ANY($2::text[])` form was tried: inside
        // a bulk load the table's statistics are stale, and the planner
        // filtered every row of the county against the array: 94 rows/s.)
        let sql = tx.sql(&format!(
            "SELECT {COLS} FROM enterprises WHERE {{tenant}} AND tenant_id = $1 \
             AND uscc IN (SELECT json_array_elements_text($2::json))"
        ))?;
        let q = sqlx::query(&sql)
            .persistent(false)
            .bind(tenant.to_string())
            .bind(serde_json::json!(usccs).to_string());
        for r in tx.all(q).await? {
            out.push(from_row(&r)?);
        }
        return Ok(out);
    }
    for chunk in usccs.chunks(rows_per_statement(tx, 1)) {
        let ph: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
        let sql = tx.sql(&format!(
            "SELECT {COLS} FROM enterprises WHERE {{tenant}} AND tenant_id = $1 AND uscc IN ({})",
            ph.join(",")
        ))?;
        // Not prepared: a cached generic plan, made while the table was small,
        // would scan it whole for every batch of a large import.
        let mut q = sqlx::query(&sql).persistent(false).bind(tenant.to_string());
        for u in chunk {
            q = q.bind(u.clone());
        }
        for r in tx.all(q).await? {
            out.push(from_row(&r)?);
        }
    }
    Ok(out)
}

/// Rows per multi-row statement. SQLite looks `$N` parameters up by name in a
/// list (quadratic in parameters), so it gets small statements; PostgreSQL
/// takes large ones (under its 65,535-parameter limit).
fn rows_per_statement(tx: &Tx, columns: usize) -> usize {
    let params = match tx.backend() {
        Backend::Sqlite => 250,
        Backend::Postgres => 16_000,
    };
    (params / columns).max(1)
}

/// Columns of an insert, in bind order.
const INSERT_COLS: &str = "tenant_id, id, uscc, name, legal_representative, principal, principal_phone, \
    safety_manager, registered_address, production_address, division_code, latitude, longitude, industry, \
    industry_subtype, gbt4754, registration_type, size_band, size_band_overridden, above_designated_size, \
    staff_count, revenue_wan, founded_on, status, safety_staff, safety_engineers, risk_flags, \
    max_hazard_grade, search_text, safety_manager_phone, created_at, updated_at";

/// What inserting a batch's new records needs, computed before the write:
/// an id and a create history entry per record, and for PostgreSQL the rows
/// (with their entries) as one text parameter ([`crate::pgbatch`]).
pub struct FreshRows {
    ids: Vec<String>,
    created: Vec<crate::exchange::Raw>,
    pg: Option<crate::pgbatch::Doc>,
}

impl FreshRows {
    /// Ids and documents for `recs`; `created` holds each one's create entry.
    pub fn new(
        recs: &[EnterpriseRecord],
        created: Vec<crate::exchange::Raw>,
        backend: Backend,
    ) -> FreshRows {
        let ids: Vec<String> = recs.iter().map(|_| new_id()).collect();
        let pg =
            (backend == Backend::Postgres).then(|| crate::pgbatch::Doc::new(recs, &ids, &created));
        FreshRows { ids, created, pg }
    }
}

/// Inserts the records whose USCC the county does not have yet, with their
/// create history entries (`ON CONFLICT DO NOTHING`), and returns the USCCs
/// inserted with their new ids; the others are left for the caller to update.
/// PostgreSQL takes the batch as one statement with one JSON parameter,
/// SQLite as multi-row statements.
pub async fn insert_new(
    tx: &mut Tx,
    tenant: &str,
    recs: &[EnterpriseRecord],
    fresh: &FreshRows,
    actor: &str,
) -> Result<std::collections::HashMap<String, String>> {
    tx.ensure_writable(tenant)?;
    let now = now_ms();
    let ids = &fresh.ids;
    let inserted = match &fresh.pg {
        Some(rows) if tx.bulk_select() => insert_many_pg(tx, tenant, rows, now, actor).await?,
        _ => {
            let got = insert_many_rows(tx, tenant, recs, ids, now).await?;
            let entries: Vec<(String, String, &str, serde_json::Value)> = recs
                .iter()
                .zip(ids)
                .zip(&fresh.created)
                .filter(|((r, _), _)| got.contains(r.uscc.as_str()))
                .map(|((r, id), c)| {
                    let c = serde_json::Value::Object(c.clone().into_iter().collect());
                    (id.clone(), r.uscc.as_str().to_string(), "create", c)
                })
                .collect();
            record_history_many(tx, tenant, actor, &entries).await?;
            got
        }
    };
    let mut out = std::collections::HashMap::with_capacity(inserted.len());
    let mut parents = Vec::new();
    for (r, id) in recs.iter().zip(ids) {
        if !inserted.contains(r.uscc.as_str()) {
            continue;
        }
        if r.licences.as_ref().is_some_and(|l| !l.is_empty())
            || r.major_hazards.as_ref().is_some_and(|h| !h.is_empty())
        {
            parents.push((id.as_str(), r));
        }
        out.insert(r.uscc.as_str().to_string(), id.clone());
    }
    insert_children_many(tx, tenant, &parents).await?;
    Ok(out)
}

/// Children of enterprises that have none (just inserted, or cleared): every
/// licence of the batch in multi-row statements, every major hazard source
/// likewise, and each licence's expiry reminder.
async fn insert_children_many(
    tx: &mut Tx,
    tenant: &str,
    parents: &[(&str, &EnterpriseRecord)],
) -> Result<()> {
    let mut licences = Vec::new();
    let mut sources = Vec::new();
    for (id, r) in parents {
        for l in r.licences.iter().flatten() {
            licences.push((new_id(), *id, *r, l));
        }
        for h in r.major_hazards.iter().flatten() {
            sources.push((*id, h));
        }
    }
    let sql = "INSERT INTO enterprise_licences (tenant_id, id, enterprise_id, kind, number, scope, issued_on, expires_on) VALUES ";
    let b = tx.backend();
    for chunk in licences.chunks(rows_per_statement(tx, 8)) {
        let text = format!("{sql}{}", values_list(b, chunk.len(), 8));
        let mut q = sqlx::query(&text).persistent(false);
        for (lid, id, _, l) in chunk {
            q = q
                .bind(tenant.to_string())
                .bind(lid.clone())
                .bind(id.to_string())
                .bind(l.kind.clone())
                .bind(l.number.clone())
                .bind(l.scope.clone())
                .bind(l.issued_on.clone())
                .bind(l.expires_on.clone());
        }
        tx.exec(q).await?;
    }
    let sql = "INSERT INTO enterprise_hazards (tenant_id, id, enterprise_id, name, r_value, grade) VALUES ";
    for chunk in sources.chunks(rows_per_statement(tx, 6)) {
        let text = format!("{sql}{}", values_list(b, chunk.len(), 6));
        let mut q = sqlx::query(&text).persistent(false);
        for (id, h) in chunk {
            q = q
                .bind(tenant.to_string())
                .bind(new_id())
                .bind(id.to_string())
                .bind(h.name.clone())
                .bind(h.r_value)
                .bind(h.grade as i64);
        }
        tx.exec(q).await?;
    }
    if !licences.is_empty() {
        let days = crate::rules(tx).await?.licence_reminder_days;
        let mut jobs = Vec::with_capacity(licences.len());
        for (lid, _, r, l) in &licences {
            jobs.extend(reminder(tenant, lid, r, l, days)?);
        }
        let kind = crate::tasks::LICENCE_REMINDER;
        anjian_platform::jobs::enqueue_many(tx, tenant, kind, &jobs, 3).await?;
    }
    Ok(())
}

/// One statement: the rows that are new go into `enterprises`, and their
/// create entries (`h`, with history ids `hid`) into `enterprise_history`.
async fn insert_many_pg(
    tx: &mut Tx,
    tenant: &str,
    doc: &crate::pgbatch::Doc,
    now: i64,
    actor: &str,
) -> Result<std::collections::HashSet<String>> {
    let cols = crate::pgbatch::COLUMNS
        .iter()
        .map(|(c, _)| format!("x.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "WITH x AS MATERIALIZED ({}), \
         ins AS (INSERT INTO enterprises ({INSERT_COLS}) SELECT $1, {cols}, $2, $2 FROM x \
                 ON CONFLICT (tenant_id, uscc) DO NOTHING RETURNING id, uscc), \
         hist AS (INSERT INTO enterprise_history (tenant_id, id, enterprise_id, uscc, at, actor, operation, changes) \
                 SELECT $1, x.hid, ins.id, ins.uscc, $2, $4, 'create', x.h FROM ins JOIN x ON x.uscc = ins.uscc) \
         SELECT uscc FROM ins",
        doc.rows_sql("$3")
    );
    let q = sqlx::query(&sql)
        .persistent(false)
        .bind(tenant.to_string())
        .bind(now)
        .bind(doc.text().to_string())
        .bind(actor.to_string());
    returned_usccs(tx.all(q).await?)
}

fn returned_usccs(rows: Vec<sqlx::any::AnyRow>) -> Result<std::collections::HashSet<String>> {
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("uscc")?))
        .collect()
}

/// Multi-row `INSERT ... VALUES` statements (SQLite, and PostgreSQL where
/// the bulk path can't run: Citus).
async fn insert_many_rows(
    tx: &mut Tx,
    tenant: &str,
    recs: &[EnterpriseRecord],
    ids: &[String],
    now: i64,
) -> Result<std::collections::HashSet<String>> {
    let per = SQLITE_ANONYMOUS_PARAMS / 32;
    let mut inserted = std::collections::HashSet::with_capacity(recs.len());
    for (chunk, chunk_ids) in recs.chunks(per).zip(ids.chunks(per)) {
        let sql = format!(
            "INSERT INTO enterprises ({INSERT_COLS}) VALUES {} \
             ON CONFLICT (tenant_id, uscc) DO NOTHING RETURNING uscc",
            values_list(tx.backend(), chunk.len(), 32)
        );
        let mut q = sqlx::query(&sql);
        for (r, id) in chunk.iter().zip(chunk_ids) {
            q = bind_fields(
                q.bind(tenant.to_string()).bind(id.clone()),
                r,
                max_grade(r, None),
            )
            .bind(now)
            .bind(now);
        }
        inserted.extend(returned_usccs(tx.all(q).await?)?);
    }
    Ok(inserted)
}

/// Records many history entries: (enterprise id, uscc, operation, changes).
pub async fn record_history_many(
    tx: &mut Tx,
    tenant: &str,
    actor: &str,
    entries: &[(String, String, &str, serde_json::Value)],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    if tx.bulk_select() {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|(id, uscc, op, changes)| {
                serde_json::json!({"id": new_id(), "e": id, "u": uscc, "op": op, "c": changes})
            })
            .collect();
        let q = sqlx::query(
            "INSERT INTO enterprise_history (tenant_id, id, enterprise_id, uscc, at, actor, operation, changes) \
             SELECT $1, x.id, x.e, x.u, $2, $3, x.op, x.c::text \
             FROM json_to_recordset($4::json) AS x(id text, e text, u text, op text, c json)",
        )
        .persistent(false)
        .bind(tenant.to_string())
        .bind(now)
        .bind(actor.to_string())
        .bind(serde_json::Value::Array(rows).to_string());
        tx.exec(q).await?;
        return Ok(());
    }
    for chunk in entries.chunks(SQLITE_ANONYMOUS_PARAMS / 8) {
        let sql = format!(
            "INSERT INTO enterprise_history (tenant_id, id, enterprise_id, uscc, at, actor, operation, changes) VALUES {}",
            values_list(tx.backend(), chunk.len(), 8)
        );
        let mut q = sqlx::query(&sql);
        for (id, uscc, op, changes) in chunk {
            q = q
                .bind(tenant.to_string())
                .bind(new_id())
                .bind(id.clone())
                .bind(uscc.clone())
                .bind(now)
                .bind(actor.to_string())
                .bind(op.to_string())
                .bind(changes.to_string());
        }
        tx.exec(q).await?;
    }
    Ok(())
}

/// Inserts a new enterprise; returns its id.
pub async fn insert(tx: &mut Tx, tenant: &str, r: &EnterpriseRecord) -> Result<String> {
    tx.ensure_writable(tenant)?;
    let id = new_id();
    let now = now_ms();
    let ph: Vec<String> = (1..=31).map(|c| format!("${c}")).collect();
    let sql = format!(
        "INSERT INTO enterprises ({INSERT_COLS}) VALUES ({},$31)",
        ph.join(",")
    );
    let q = sqlx::query(&sql).bind(tenant.to_string()).bind(id.clone());
    tx.exec(bind_fields(q, r, max_grade(r, None)).bind(now))
        .await?;
    replace_children(tx, tenant, &id, r).await?;
    Ok(id)
}

/// Binds $3..$30 (uscc .. safety_manager_phone) in column order.
fn bind_fields<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    r: &EnterpriseRecord,
    grade: Option<i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(r.uscc.as_str().to_string())
        .bind(r.name.clone())
        .bind(r.legal_representative.clone())
        .bind(r.principal.clone())
        .bind(r.principal_phone.clone())
        .bind(r.safety_manager.clone())
        .bind(r.registered_address.clone())
        .bind(r.production_address.clone())
        .bind(r.division_code.clone())
        .bind(r.latitude)
        .bind(r.longitude)
        .bind(r.industry.code())
        .bind(r.industry_subtype.clone())
        .bind(r.gbt4754.clone())
        .bind(r.registration_type.clone())
        .bind(r.size_band.as_str())
        .bind(r.size_band_overridden as i64)
        .bind(r.above_designated_size as i64)
        .bind(r.staff_count)
        .bind(r.revenue_wan)
        .bind(r.founded_on.clone())
        .bind(r.status.as_str())
        .bind(r.safety_staff)
        .bind(r.safety_engineers)
        .bind(flags_text(r))
        .bind(grade)
        .bind(search_text(r))
        .bind(r.safety_manager_phone.clone())
}

/// Overwrites an enterprise's fields (children only when given).
pub async fn update(tx: &mut Tx, s: &Stored, r: &EnterpriseRecord) -> Result<()> {
    let sql = tx.sql(
        "UPDATE enterprises SET uscc = $3, name = $4, legal_representative = $5, principal = $6, principal_phone = $7, \
         safety_manager = $8, registered_address = $9, production_address = $10, division_code = $11, latitude = $12, \
         longitude = $13, industry = $14, industry_subtype = $15, gbt4754 = $16, registration_type = $17, \
         size_band = $18, size_band_overridden = $19, above_designated_size = $20, staff_count = $21, \
         revenue_wan = $22, founded_on = $23, status = $24, safety_staff = $25, safety_engineers = $26, \
         risk_flags = $27, max_hazard_grade = $28, search_text = $29, safety_manager_phone = $30, updated_at = $31 \
         WHERE {tenant} AND tenant_id = $1 AND id = $2",
    )?;
    let q = sqlx::query(&sql)
        .bind(s.tenant_id.clone())
        .bind(s.id.clone());
    tx.exec(bind_fields(q, r, max_grade(r, s.max_hazard_grade)).bind(now_ms()))
        .await?;
    crate::search::sync(tx, std::slice::from_ref(&s.id)).await?;
    replace_children(tx, &s.tenant_id, &s.id, r).await
}

/// Replaces an enterprise's children with the record's (the kinds it carries).
async fn replace_children(tx: &mut Tx, tenant: &str, id: &str, r: &EnterpriseRecord) -> Result<()> {
    for (table, given) in [
        ("enterprise_licences", r.licences.is_some()),
        ("enterprise_hazards", r.major_hazards.is_some()),
    ] {
        if given {
            let del = tx.sql(&format!(
                "DELETE FROM {table} WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2"
            ))?;
            tx.exec(
                sqlx::query(&del)
                    .bind(tenant.to_string())
                    .bind(id.to_string()),
            )
            .await?;
        }
    }
    insert_children_many(tx, tenant, &[(id, r)]).await
}

/// The expiry reminder job of a licence with an expiry date (payload, when,
/// dedupe key): at the start of the reminder window, or now when that is
/// already past. The window is the province's `licence_reminder_days`
/// (default 30) as the county's `enterprise.licence-reminder` rules change
/// it. The daily sweep catches changed windows.
fn reminder(
    tenant: &str,
    licence_id: &str,
    holder: &EnterpriseRecord,
    l: &Licence,
    default_days: i64,
) -> Result<Option<anjian_platform::jobs::NewJob>> {
    let Some(exp) = l
        .expires_on
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return Ok(None);
    };
    let due = crate::hooks::LicenceDue {
        holder,
        kind: &l.kind,
        number: &l.number,
        scope: l.scope.as_deref(),
        expires_on: l.expires_on.as_deref().unwrap_or_default(),
    };
    let days =
        crate::hooks::reminder_days(tenant, &due, default_days).map_err(Error::Validation)?;
    let at = (exp - chrono::Duration::days(days))
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp_millis())
        .unwrap_or(0)
        .max(now_ms());
    let payload = serde_json::json!({"licenceId": licence_id});
    Ok(Some((payload, at, Some(format!("licence:{licence_id}")))))
}

/// Rows of a child table for many enterprises: `sql` selects with `{ids}`
/// where the `IN` list of enterprise ids goes.
async fn children_of(tx: &mut Tx, sql: &str, ids: &[String]) -> Result<Vec<AnyRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ph: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = tx.sql(&sql.replace("{ids}", &ph.join(",")))?;
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.clone());
    }
    tx.all(q).await
}

/// Licences of enterprises (for loaders), keyed by enterprise id.
pub async fn licences(tx: &mut Tx, ids: &[String]) -> Result<Vec<(String, Licence)>> {
    let sql = "SELECT enterprise_id, kind, number, scope, issued_on, expires_on FROM enterprise_licences \
               WHERE {tenant} AND enterprise_id IN ({ids}) ORDER BY expires_on, number";
    children_of(tx, sql, ids)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("enterprise_id")?,
                Licence {
                    kind: r.try_get("kind")?,
                    number: r.try_get("number")?,
                    scope: r.try_get("scope")?,
                    issued_on: r.try_get("issued_on")?,
                    expires_on: r.try_get("expires_on")?,
                },
            ))
        })
        .collect()
}

/// The SQL function giving a substring's position in a text (1-based, 0
/// when absent): `f(haystack, needle)`.
pub fn position_fn(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "strpos",
        Backend::Sqlite => "instr",
    }
}

/// A column of a list over enterprises `e`: its licences as a JSON array of
/// `[kind, number, scope, issued_on, expires_on]`, soonest expiry first
/// (PostgreSQL: NULL when there are none). Needs [`Tx::sql`] for `{tenant:l}`.
pub fn licences_column(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => {
            "(SELECT json_agg(json_build_array(l.kind, l.number, l.scope, l.issued_on, l.expires_on) \
             ORDER BY l.expires_on, l.number)::text FROM enterprise_licences l \
             WHERE {tenant:l} AND l.tenant_id = e.tenant_id AND l.enterprise_id = e.id)"
        }
        Backend::Sqlite => {
            "(SELECT json_group_array(json_array(kind, number, scope, issued_on, expires_on)) \
             FROM (SELECT l.kind, l.number, l.scope, l.issued_on, l.expires_on FROM enterprise_licences l \
             WHERE {tenant:l} AND l.tenant_id = e.tenant_id AND l.enterprise_id = e.id \
             ORDER BY l.expires_on, l.number))"
        }
    }
}

/// The licences of a [`licences_column`] value.
pub fn licences_from(json: Option<String>) -> Result<Vec<Licence>> {
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let rows: Vec<Row> = serde_json::from_str(&json).map_err(|_| bad("licences_json"))?;
    Ok(rows
        .into_iter()
        .map(|(kind, number, scope, issued_on, expires_on)| Licence {
            kind,
            number,
            scope,
            issued_on,
            expires_on,
        })
        .collect())
}

/// Major hazard sources of enterprises, keyed by enterprise id.
pub async fn hazards(tx: &mut Tx, ids: &[String]) -> Result<Vec<(String, MajorHazard)>> {
    let sql = "SELECT enterprise_id, name, r_value, grade FROM enterprise_hazards \
               WHERE {tenant} AND enterprise_id IN ({ids}) ORDER BY grade, name";
    children_of(tx, sql, ids)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("enterprise_id")?,
                MajorHazard {
                    name: r.try_get("name")?,
                    r_value: r.try_get("r_value")?,
                    grade: r.try_get::<i64, _>("grade")? as u8,
                },
            ))
        })
        .collect()
}

/// One entry of an enterprise's history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub uscc: String,
    pub at: i64,
    pub actor: String,
    pub operation: String,
    pub changes: String,
}

/// Records a change (who, when, which fields, before and after).
pub async fn record_history(
    tx: &mut Tx,
    s_tenant: &str,
    enterprise_id: &str,
    uscc: &str,
    actor: &str,
    operation: &str,
    changes: &serde_json::Value,
) -> Result<()> {
    tx.exec(
        sqlx::query("INSERT INTO enterprise_history (tenant_id, id, enterprise_id, uscc, at, actor, operation, changes) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)")
            .bind(s_tenant.to_string()).bind(new_id()).bind(enterprise_id.to_string()).bind(uscc.to_string())
            .bind(now_ms()).bind(actor.to_string()).bind(operation.to_string()).bind(changes.to_string()),
    )
    .await?;
    Ok(())
}

fn history_from(r: &AnyRow) -> Result<HistoryEntry> {
    Ok(HistoryEntry {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        uscc: r.try_get("uscc")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        operation: r.try_get("operation")?,
        changes: expand_created(r.try_get("changes")?),
    })
}

/// A create's history entry, stored as `{field: value}`, as the list of
/// changes every other entry is: `[{field, before: null, after}]`. Entries
/// already in list form pass through.
pub fn expand_created(changes: String) -> String {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&changes) {
        Ok(fields) => serde_json::Value::Array(
            fields
                .into_iter()
                .map(|(field, after)| serde_json::json!({"field": field, "before": null, "after": after}))
                .collect(),
        )
        .to_string(),
        Err(_) => changes,
    }
}

const HCOLS: &str = "tenant_id, id, enterprise_id, uscc, at, actor, operation, changes";

/// An enterprise's history, oldest first.
pub async fn history(tx: &mut Tx, enterprise_id: &str) -> Result<Vec<HistoryEntry>> {
    let sql = tx.sql(&format!("SELECT {HCOLS} FROM enterprise_history WHERE {{tenant}} AND enterprise_id = $1 ORDER BY at, id"))?;
    tx.all(sqlx::query(&sql).bind(enterprise_id.to_string()))
        .await?
        .iter()
        .map(history_from)
        .collect()
}

/// Changes after the cursor `(at, id)`, oldest first: the incremental feed.
pub async fn changes_since(
    tx: &mut Tx,
    at: i64,
    id: &str,
    limit: i64,
) -> Result<Vec<HistoryEntry>> {
    let sql = tx.sql(&format!(
        "SELECT {HCOLS} FROM enterprise_history WHERE {{tenant}} AND (at > $1 OR (at = $1 AND id > $2)) ORDER BY at, id LIMIT {limit}"
    ))?;
    tx.all(sqlx::query(&sql).bind(at).bind(id.to_string()))
        .await?
        .iter()
        .map(history_from)
        .collect()
}
