//! Rules of the enterprise register: the single validation step, create and
//! update with history, close and reopen, lists, statistics and change requests.

use crate::exchange::Raw;
use crate::hooks;
use crate::model::{Industry, OperatingStatus, RiskFlag, SizeBand};
use crate::record::{self, EnterpriseRecord, Licence, Rules, Warnings};
use crate::store::{self, Stored};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::{Error, FieldError, Result};
use serde_json::{json, Value};
use sqlx::Row;

/// The one validation step: parse the record, check its county, then run the
/// county rules (plugins) registered on `enterprise.validate`.
pub fn validate(
    raw: &Raw,
    county: &str,
    rules: &Rules,
) -> std::result::Result<(EnterpriseRecord, Warnings), Vec<FieldError>> {
    let (mut rec, mut warnings) = record::parse(raw, county, rules)?;
    // Each rule sees the record as the previous one amended it.
    for v in hooks::validators(county) {
        match v.validate(county, &rec) {
            hooks::Verdict::Accept => {}
            hooks::Verdict::Reject(errs) => return Err(errs),
            hooks::Verdict::Amend(changes) => {
                let mut amended = record::to_raw(&rec);
                amended.extend(changes);
                (rec, warnings) = record::parse(&amended, county, rules)?;
            }
        }
    }
    Ok((rec, warnings))
}

/// The county tenant a record belongs to: the first six digits of its division,
/// which must be an active county-level tenant.
pub fn county_of(raw: &Raw, dir: &Directory) -> Result<String> {
    let code = raw
        .get("division_code")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("");
    let county = code.get(..6).unwrap_or("");
    match dir.get(county) {
        Some(t) if t.level == Level::County && !t.retired => Ok(county.to_string()),
        _ => Err(Error::field(
            "division_code",
            "行政区划代码不属于任何在用的县级单位",
            "the division code is not in an active county-level tenant",
        )),
    }
}

/// Field-level differences between two records in exchange form.
pub fn diff(before: Option<&Raw>, after: &Raw) -> Vec<Change> {
    let empty = Raw::new();
    let b = before.unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.as_str() != "schema")
        .filter(|k| b.get(*k) != after.get(*k))
        .filter(|k| {
            !(k.as_str() == "licences" || k.as_str() == "major_hazards") || after.contains_key(*k)
        })
        .map(|k| Change::new(k, b.get(k).cloned(), after.get(k).cloned()))
        .collect()
}

/// The history entry of a create, stored compactly as `{field: value}`
/// (a third of the `[{field, before: null, after}]` list it stands for);
/// [`store::expand_created`] turns it back into that list when read.
/// (That is every field [`diff`] would list against nothing: all but `schema`.)
fn created_entry(mut after: Raw) -> Raw {
    after.remove("schema");
    after
}

/// What saving a record did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Inserted(String),
    Updated(String),
    Unchanged(String),
}

/// Inserts or updates by USCC within the county, recording history when
/// anything changed. The import and the API both come through here.
pub async fn upsert(
    tx: &mut Tx,
    county: &str,
    rec: &EnterpriseRecord,
    actor: &str,
) -> Result<Outcome> {
    upsert_batch(tx, county, std::slice::from_ref(rec), actor)
        .await?
        .pop()
        .ok_or_else(|| Error::internal("upsert of one record returned nothing"))
}

/// A batch of records with what writing it needs computed up front: ids, the
/// create history entries and, for PostgreSQL, the rows as one JSON document.
/// The import builds batches on its reader thread, so the next one is ready
/// while the previous one writes.
pub struct Batch {
    recs: Vec<EnterpriseRecord>,
    fresh: store::FreshRows,
    /// New rows' search entries are left to [`crate::search::defer`]'s job.
    defer_search: bool,
}

impl Batch {
    /// Prepares `recs` (distinct USCCs) for writing to `backend`.
    pub fn new(recs: Vec<EnterpriseRecord>, backend: anjian_platform::db::Backend) -> Batch {
        let created: Vec<Raw> = recs
            .iter()
            .map(|r| created_entry(record::to_raw(r)))
            .collect();
        let fresh = store::FreshRows::new(&recs, created, backend);
        Batch {
            recs,
            fresh,
            defer_search: false,
        }
    }

    /// Leaves the new rows' search entries to a job the caller queues
    /// ([`crate::search::defer`]) in the same transaction.
    pub fn deferring_search(mut self) -> Batch {
        self.defer_search = true;
        self
    }

    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }
}

/// [`upsert`] for a batch of records (distinct USCCs): one lookup, multi-row
/// inserts and one history statement, so bulk imports are fast.
pub async fn upsert_batch(
    tx: &mut Tx,
    county: &str,
    recs: &[EnterpriseRecord],
    actor: &str,
) -> Result<Vec<Outcome>> {
    upsert_prepared(tx, county, &Batch::new(recs.to_vec(), tx.backend()), actor).await
}

/// [`upsert_batch`] of a prepared [`Batch`].
pub async fn upsert_prepared(
    tx: &mut Tx,
    county: &str,
    batch: &Batch,
    actor: &str,
) -> Result<Vec<Outcome>> {
    let recs = &batch.recs;
    // New USCCs go in first, with their create entries (a county's first
    // load is all new); only the rest are read back and compared.
    let inserted = store::insert_new(tx, county, recs, &batch.fresh, actor).await?;
    let rest: Vec<String> = recs
        .iter()
        .map(|r| r.uscc.as_str())
        .filter(|u| !inserted.contains_key(*u))
        .map(str::to_string)
        .collect();
    let existing: std::collections::HashMap<String, Stored> = if rest.is_empty() {
        Default::default()
    } else {
        store::by_usccs(tx, county, &rest)
            .await?
            .into_iter()
            .map(|s| (s.record.uscc.as_str().to_string(), s))
            .collect()
    };
    let mut outcomes = vec![Outcome::Unchanged(String::new()); recs.len()];
    let mut history: Vec<(String, String, &str, Value)> = Vec::new();
    let mut fresh_usccs = Vec::new();
    for (i, rec) in recs.iter().enumerate() {
        if let Some(id) = inserted.get(rec.uscc.as_str()) {
            fresh_usccs.push(rec.uscc.as_str().to_string());
            outcomes[i] = Outcome::Inserted(id.clone());
            continue;
        }
        let after = record::to_raw(rec);
        let Some(s) = existing.get(rec.uscc.as_str()) else {
            return Err(Error::Internal(format!(
                "{} neither inserted nor found",
                rec.uscc.as_str()
            )));
        };
        let mut before = record::to_raw(&s.record);
        for k in ["licences", "major_hazards"] {
            if !after.contains_key(k) {
                before.remove(k);
            }
        }
        let changes = diff(Some(&before), &after);
        if changes.is_empty() {
            outcomes[i] = Outcome::Unchanged(s.id.clone());
        } else {
            store::update(tx, s, rec).await?;
            history.push((
                s.id.clone(),
                rec.uscc.as_str().to_string(),
                "update",
                json!(changes),
            ));
            outcomes[i] = Outcome::Updated(s.id.clone());
        }
    }
    store::record_history_many(tx, county, actor, &history).await?;
    if !batch.defer_search {
        let ids: Vec<String> = inserted.values().cloned().collect();
        crate::search::sync(tx, &ids).await?;
    }
    emit_registered(tx, county, &fresh_usccs).await?;
    Ok(outcomes)
}

/// An enterprise in scope, or `NOT_FOUND`.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Stored> {
    store::get(tx, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("enterprise {id}")))
}

fn validation(errs: Vec<FieldError>) -> Error {
    Error::Validation(errs)
}

/// Creates an enterprise; `CONFLICT` if its USCC is already in the county's register.
pub async fn create(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    rules: &Rules,
    raw: &Raw,
) -> Result<Stored> {
    let county = county_of(raw, dir)?;
    tx.ensure_writable(&county)?;
    let (rec, _warnings) = validate(raw, &county, rules).map_err(validation)?;
    if store::by_uscc(tx, &county, rec.uscc.as_str())
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            format!("统一社会信用代码 {} 已登记", rec.uscc),
            format!("USCC {} is already registered in this county", rec.uscc),
        ));
    }
    let Outcome::Inserted(id) = upsert(tx, &county, &rec, &ctx.actor).await? else {
        return Err(Error::internal("insert expected"));
    };
    audit::record(
        tx,
        ctx,
        &county,
        "enterprise.create",
        "enterprise",
        &id,
        diff(None, &record::to_raw(&rec)),
    )
    .await?;
    get(tx, &id).await
}

/// Applies `patch` (keys of the exchange format) to an enterprise.
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    rules: &Rules,
    id: &str,
    patch: &Raw,
    op: &str,
) -> Result<Stored> {
    let s = get(tx, id).await?;
    let before = record::to_raw(&s.record);
    let mut merged = before.clone();
    for (k, v) in patch {
        if v.is_null() {
            merged.remove(k);
        } else {
            merged.insert(k.clone(), v.clone());
        }
    }
    if merged.get("uscc") != before.get("uscc") {
        return Err(Error::field(
            "uscc",
            "统一社会信用代码不能修改",
            "the USCC of a registered enterprise cannot change",
        ));
    }
    if merged.get("size_band") == before.get("size_band") && !s.record.size_band_overridden {
        merged.remove("size_band"); // recompute from staff and revenue
    }
    let (rec, _) = validate(&merged, &s.tenant_id, rules).map_err(validation)?;
    let changes = diff(Some(&before), &record::to_raw(&rec));
    if !changes.is_empty() {
        store::update(tx, &s, &rec).await?;
        store::record_history(
            tx,
            &s.tenant_id,
            &s.id,
            rec.uscc.as_str(),
            &ctx.actor,
            op,
            &json!(changes),
        )
        .await?;
        audit::record(
            tx,
            ctx,
            &s.tenant_id,
            &format!("enterprise.{op}"),
            "enterprise",
            &s.id,
            changes,
        )
        .await?;
    }
    get(tx, id).await
}

/// Closes (关闭) or reopens an enterprise.
pub async fn set_status(
    tx: &mut Tx,
    ctx: &AuditCtx,
    rules: &Rules,
    id: &str,
    status: OperatingStatus,
) -> Result<Stored> {
    let s = get(tx, id).await?;
    let closing = status == OperatingStatus::Closed;
    if closing == (s.record.status == OperatingStatus::Closed) {
        let (zh, en) = if closing {
            ("企业已关闭", "the enterprise is already closed")
        } else {
            ("企业未关闭", "the enterprise is not closed")
        };
        return Err(Error::conflict(
            format!("{zh}（当前状态：{}）", s.record.status.name_zh()),
            format!("{en} (current status: {})", s.record.status.as_str()),
        ));
    }
    let mut patch = Raw::new();
    patch.insert("status".into(), Value::String(status.as_str().into()));
    update(
        tx,
        ctx,
        rules,
        id,
        &patch,
        if closing { "close" } else { "reopen" },
    )
    .await
}

/// List filters.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub tenant: Option<String>,
    pub industry: Option<Industry>,
    pub size_band: Option<SizeBand>,
    pub status: Option<OperatingStatus>,
    pub division_prefix: Option<String>,
    pub risk_flag: Option<RiskFlag>,
    pub hazard_grade: Option<i64>,
    pub licence_expiring_before: Option<String>,
    pub search: Option<String>,
}

/// Sort orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Uscc,
    UpdatedAt,
    StaffCount,
}

/// A page of enterprises and the total.
pub async fn list(
    tx: &mut Tx,
    f: &Filter,
    sort: Sort,
    desc: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Stored>, i64)> {
    let (rows, total) = list_page(tx, f, sort, desc, limit, offset, false).await?;
    Ok((rows.into_iter().map(|(s, _)| s).collect(), total))
}

/// A page of enterprises, each with its licences when `licences` is set
/// (read by the page's own statement), and the total.
pub async fn list_page(
    tx: &mut Tx,
    f: &Filter,
    sort: Sort,
    desc: bool,
    limit: i64,
    offset: i64,
    licences: bool,
) -> Result<(Vec<(Stored, Option<Vec<Licence>>)>, i64)> {
    let contains = store::position_fn(tx.backend());
    let mut conds = vec!["{tenant:e}".to_string()];
    let mut binds: Vec<Value> = Vec::new();
    let mut add = |sql: &str, v: Value| {
        binds.push(v);
        conds.push(sql.replace("$?", &format!("${}", binds.len())));
    };
    if let Some(t) = &f.tenant {
        add("e.tenant_id = $?", t.as_str().into());
    }
    if let Some(i) = f.industry {
        add("e.industry = $?", i.code().into());
    }
    if let Some(b) = f.size_band {
        add("e.size_band = $?", b.as_str().into());
    }
    if let Some(s) = f.status {
        add("e.status = $?", s.as_str().into());
    }
    if let Some(d) = &f.division_prefix {
        if d.is_empty() || d.len() > 12 || !d.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::field(
                "divisionPrefix",
                "行政区划代码前缀应为数字",
                "a division prefix is digits",
            ));
        }
        add("e.division_code LIKE $?", format!("{d}%").into());
    }
    if let Some(r) = f.risk_flag {
        // `risk_flags <> ''` lets the planner use the partial index of flagged
        // rows. The flag is found by position, not LIKE: under row-level
        // security PostgreSQL uses no column statistics with LIKE (it is not
        // leakproof) and guessed that one row matched, so each page sorted
        // every flagged row of the size band (32 ms at 500,000 enterprises)
        // instead of reading 20 in order from the index (0.4 ms). A
        // function's result gets the planner's generic one-in-three guess.
        add(
            &format!("e.risk_flags <> '' AND {contains}(',' || e.risk_flags || ',', $?) > 0"),
            format!(",{},", r.as_str()).into(),
        );
    }
    if let Some(g) = f.hazard_grade {
        add("e.max_hazard_grade = $?", g.into());
    }
    if let Some(d) = &f.licence_expiring_before {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            return Err(Error::field(
                "licenceExpiringBefore",
                "日期格式应为 YYYY-MM-DD",
                "a date is YYYY-MM-DD",
            ));
        }
        add(
            "EXISTS (SELECT 1 FROM enterprise_licences l WHERE l.tenant_id = e.tenant_id AND l.enterprise_id = e.id AND l.expires_on < $?)",
            d.as_str().into(),
        );
    }
    let mut known_total = None;
    let mut page_offset = offset;
    if let Some(q) = f.search.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if q.chars().count() > 100 {
            return Err(Error::field(
                "search",
                "搜索词过长",
                "the search text is too long",
            ));
        }
        // A search alone, by name: the page and total from the search table.
        if conds.len() == 1 && sort == Sort::Name {
            if let Some((ids, total)) = crate::search::page(tx, q, desc, limit, offset).await? {
                if ids.is_empty() {
                    return Ok((Vec::new(), total));
                }
                known_total = Some(total);
                page_offset = 0;
                conds.push(crate::search::among(&ids));
            }
        }
        if known_total.is_some() {
            // The page is named above.
        } else if let Some(ids) = crate::search::hits(tx, q).await? {
            if ids.is_empty() {
                return Ok((Vec::new(), 0));
            }
            // With no other filter the hits are the list: their number
            // is its total (the lookup applies the same tenant scope).
            if conds.len() == 1 {
                known_total = Some(ids.len() as i64);
            }
            conds.push(crate::search::among(&ids));
        } else {
            conds.push(crate::search::condition(tx, q, &mut binds).await?);
        }
    }
    let wh = conds.join(" AND ");
    let order = match sort {
        Sort::Name => "e.name",
        Sort::Uscc => "e.uscc",
        Sort::UpdatedAt => "e.updated_at",
        Sort::StaffCount => "e.staff_count",
    };
    let dir = if desc { "DESC" } else { "ASC" };
    let count = format!("SELECT COUNT(*) FROM enterprises e WHERE {wh}");
    let cols = store::COLS
        .split(", ")
        .map(|c| format!("e.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    // The count rides on the page (a sub-query run once), and so do the
    // licences asked for: one round trip.
    let children = if licences {
        format!(
            ", {} AS licences_json",
            store::licences_column(tx.backend())
        )
    } else {
        String::new()
    };
    let total_expr = match known_total {
        Some(n) => n.to_string(),
        None => format!("({count})"),
    };
    let page_sql = tx.sql(&format!(
        "SELECT {cols}, {total_expr} AS total_count{children} FROM enterprises e WHERE {wh} \
         ORDER BY {order} {dir}, e.tenant_id, e.id LIMIT {limit} OFFSET {page_offset}"
    ))?;
    // A search is planned for its terms (unnamed statements): a cached
    // generic plan can't tell a rare term from a common one.
    let cached = f.search.is_none();
    let rows = tx
        .all(audit::bind_all(
            sqlx::query(&page_sql).persistent(cached),
            &binds,
        ))
        .await?;
    let total = match (rows.first(), known_total) {
        (_, Some(n)) => n,
        (Some(r), None) => r.try_get::<i64, _>("total_count")?,
        (None, None) if offset == 0 => 0,
        // Past the last page: the count alone.
        (None, None) => {
            let count_sql = tx.sql(&count)?;
            tx.scalar(audit::bind_all(
                sqlx::query(&count_sql).persistent(cached),
                &binds,
            ))
            .await?
        }
    };
    let page = rows
        .iter()
        .map(|r| {
            let read = if licences {
                Some(store::licences_from(r.try_get("licences_json")?)?)
            } else {
                None
            };
            Ok((store::from_row(r)?, read))
        })
        .collect::<Result<_>>()?;
    Ok((page, total))
}

/// One cell of the statistics: a tenant (county, city or province) × industry × size band.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatRow {
    pub tenant: String,
    pub industry: String,
    pub size_band: String,
    pub count: i64,
}

/// Counts by industry × size band per county, rolled up to cities and the province.
pub async fn statistics(tx: &mut Tx, dir: &Directory) -> Result<Vec<StatRow>> {
    let sql = tx.sql(
        "SELECT tenant_id, industry, size_band, COUNT(*) AS n FROM enterprises WHERE {tenant} \
         GROUP BY tenant_id, industry, size_band",
    )?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let mut acc: std::collections::BTreeMap<(String, String, String), i64> = Default::default();
    for r in rows {
        let (t, i, b, n): (String, String, String, i64) = (
            r.try_get("tenant_id")?,
            r.try_get("industry")?,
            r.try_get("size_band")?,
            r.try_get("n")?,
        );
        // The county itself and every ancestor (city, province).
        let mut cur = Some(t);
        while let Some(code) = cur {
            *acc.entry((code.clone(), i.clone(), b.clone())).or_default() += n;
            cur = dir.get(&code).and_then(|x| x.parent_code.clone());
        }
    }
    Ok(acc
        .into_iter()
        .map(|((tenant, industry, size_band), count)| StatRow {
            tenant,
            industry,
            size_band,
            count,
        })
        .collect())
}

/// A change an enterprise asked for.
#[derive(Debug, Clone)]
pub struct ChangeRequest {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub requested_by: String,
    pub changes: Raw,
    pub status: String,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

const CR_COLS: &str = "tenant_id, id, enterprise_id, requested_by, changes, status, reason, decided_by, created_at, decided_at";

fn cr_from(r: &sqlx::any::AnyRow) -> Result<ChangeRequest> {
    let changes: String = r.try_get("changes")?;
    Ok(ChangeRequest {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        requested_by: r.try_get("requested_by")?,
        changes: serde_json::from_str(&changes)?,
        status: r.try_get("status")?,
        reason: r.try_get("reason")?,
        decided_by: r.try_get("decided_by")?,
        created_at: r.try_get("created_at")?,
        decided_at: r.try_get("decided_at")?,
    })
}

/// Files a change request for an enterprise, checked by the validation step first.
pub async fn submit_change(
    tx: &mut Tx,
    ctx: &AuditCtx,
    rules: &Rules,
    enterprise_id: &str,
    patch: &Raw,
) -> Result<ChangeRequest> {
    let s = get(tx, enterprise_id).await?;
    if patch.is_empty() {
        return Err(Error::field(
            "input",
            "没有要修改的内容",
            "nothing to change",
        ));
    }
    if patch.contains_key("uscc") {
        return Err(Error::field(
            "uscc",
            "统一社会信用代码不能修改",
            "the USCC cannot change",
        ));
    }
    let mut merged = record::to_raw(&s.record);
    merged.extend(patch.clone());
    validate(&merged, &s.tenant_id, rules).map_err(validation)?;
    let id = anjian_platform::time::new_id();
    tx.exec(
        sqlx::query(&format!("INSERT INTO enterprise_change_requests ({CR_COLS}) VALUES ($1,$2,$3,$4,$5,'pending',NULL,NULL,$6,NULL)"))
            .bind(s.tenant_id.clone())
            .bind(id.clone())
            .bind(s.id.clone())
            .bind(ctx.actor.clone())
            .bind(Value::Object(patch.clone()).to_string())
            .bind(anjian_platform::time::now_ms()),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "enterprise.change_request",
        "enterprise_change_request",
        &id,
        diff(None, patch),
    )
    .await?;
    get_change(tx, &id).await
}

/// A change request in scope.
pub async fn get_change(tx: &mut Tx, id: &str) -> Result<ChangeRequest> {
    let sql = tx.sql(&format!(
        "SELECT {CR_COLS} FROM enterprise_change_requests WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => cr_from(&r),
        None => Err(Error::NotFound(format!("change request {id}"))),
    }
}

/// Change requests in scope (optionally of one enterprise or status), newest first.
pub async fn list_changes(
    tx: &mut Tx,
    enterprise_id: Option<&str>,
    status: Option<&str>,
) -> Result<Vec<ChangeRequest>> {
    let mut conds = vec!["{tenant}".to_string()];
    let mut binds = Vec::new();
    if let Some(e) = enterprise_id {
        binds.push(Value::from(e));
        conds.push(format!("enterprise_id = ${}", binds.len()));
    }
    if let Some(s) = status {
        binds.push(Value::from(s));
        conds.push(format!("status = ${}", binds.len()));
    }
    let sql = tx.sql(&format!(
        "SELECT {CR_COLS} FROM enterprise_change_requests WHERE {} ORDER BY created_at DESC, id DESC LIMIT 200",
        conds.join(" AND ")
    ))?;
    tx.all(audit::bind_all(sqlx::query(&sql), &binds))
        .await?
        .iter()
        .map(cr_from)
        .collect()
}

/// Approves (applies the change) or rejects (with a reason) a pending request.
pub async fn decide(
    tx: &mut Tx,
    ctx: &AuditCtx,
    rules: &Rules,
    id: &str,
    approve: bool,
    reason: Option<&str>,
) -> Result<ChangeRequest> {
    let cr = get_change(tx, id).await?;
    if cr.status != "pending" {
        return Err(Error::conflict(
            format!("该申请已处理（{}）", cr.status),
            format!("the request is already {}", cr.status),
        ));
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !approve && reason.is_none() {
        return Err(Error::field(
            "reason",
            "驳回须说明理由",
            "a rejection needs a reason",
        ));
    }
    if approve {
        update(tx, ctx, rules, &cr.enterprise_id, &cr.changes, "update").await?;
    }
    let sql = tx.sql(
        "UPDATE enterprise_change_requests SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
         WHERE {tenant} AND tenant_id = $5 AND id = $6",
    )?;
    let status = if approve { "approved" } else { "rejected" };
    tx.exec(
        sqlx::query(&sql)
            .bind(status)
            .bind(reason.map(str::to_string))
            .bind(ctx.actor.clone())
            .bind(anjian_platform::time::now_ms())
            .bind(cr.tenant_id.clone())
            .bind(cr.id.clone()),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &cr.tenant_id,
        &format!("enterprise.change_{status}"),
        "enterprise_change_request",
        id,
        vec![Change::new(
            "status",
            Some("pending".into()),
            Some(status.into()),
        )],
    )
    .await?;
    get_change(tx, id).await
}

/// Event: enterprises newly registered in a county (checked for cross-county USCCs).
pub const REGISTERED_EVENT: &str = "enterprise.registered";

/// Records the newly registered USCCs of a county (one event per batch).
pub async fn emit_registered(tx: &mut Tx, county: &str, usccs: &[String]) -> Result<()> {
    if usccs.is_empty() {
        return Ok(());
    }
    anjian_platform::events::emit(
        tx,
        county,
        REGISTERED_EVENT,
        &json!({"tenant": county, "usccs": usccs}),
    )
    .await
}

/// One USCC registered in more than one county.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub uscc: String,
    pub entries: Vec<Stored>,
}

/// USCCs registered in more than one of the visible counties (moved or duplicated?).
pub async fn conflicts(tx: &mut Tx, only: Option<&[String]>) -> Result<Vec<Conflict>> {
    let cols = store::COLS
        .split(", ")
        .map(|c| format!("e.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (filter, binds): (String, Vec<Value>) = match only {
        None => (String::new(), vec![]),
        Some(us) => {
            let ph: Vec<String> = (1..=us.len()).map(|i| format!("${i}")).collect();
            (
                format!(" AND uscc IN ({})", ph.join(",")),
                us.iter().map(|u| Value::from(u.as_str())).collect(),
            )
        }
    };
    let sql = tx.sql(&format!(
        "SELECT {cols} FROM enterprises e WHERE {{tenant:e}} AND e.uscc IN \
         (SELECT uscc FROM enterprises WHERE {{tenant}}{filter} GROUP BY uscc HAVING COUNT(*) > 1) \
         ORDER BY e.uscc, e.tenant_id LIMIT 1000"
    ))?;
    let rows = tx.all(audit::bind_all(sqlx::query(&sql), &binds)).await?;
    let mut out: Vec<Conflict> = Vec::new();
    for r in rows {
        let s = store::from_row(&r)?;
        let u = s.record.uscc.as_str().to_string();
        match out.last_mut() {
            Some(c) if c.uscc == u => c.entries.push(s),
            _ => out.push(Conflict {
                uscc: u,
                entries: vec![s],
            }),
        }
    }
    Ok(out)
}

/// Moves an enterprise to another county with its children and history (the
/// resolution of a "moved" conflict). The destination must not hold the USCC.
pub async fn transfer(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    id: &str,
    division_code: &str,
) -> Result<Stored> {
    let s = get(tx, id).await?;
    let to = division_code.get(..6).unwrap_or("").to_string();
    let ok_code = matches!(division_code.len(), 6 | 9 | 12)
        && division_code.bytes().all(|b| b.is_ascii_digit());
    match dir.get(&to) {
        Some(t) if ok_code && t.level == Level::County && !t.retired => {}
        _ => {
            return Err(Error::field(
                "divisionCode",
                "目标行政区划不是在用的县级单位",
                "the destination is not an active county-level tenant",
            ))
        }
    }
    if to == s.tenant_id {
        return Err(Error::field(
            "divisionCode",
            "企业已属于该县",
            "the enterprise already belongs to this county",
        ));
    }
    tx.ensure_writable(&to)?;
    if store::by_uscc(tx, &to, s.record.uscc.as_str())
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "目标县已登记该统一社会信用代码，请先关闭重复记录",
            "the destination county already registers this USCC; close the duplicate first",
        ));
    }
    for table in [
        "enterprise_licences",
        "enterprise_hazards",
        "enterprise_history",
        "enterprise_change_requests",
    ] {
        let sql = tx.sql(&format!("UPDATE {table} SET tenant_id = $1 WHERE {{tenant}} AND tenant_id = $2 AND enterprise_id = $3"))?;
        tx.exec(
            sqlx::query(&sql)
                .bind(to.clone())
                .bind(s.tenant_id.clone())
                .bind(s.id.clone()),
        )
        .await?;
    }
    let sql = tx.sql("UPDATE enterprises SET tenant_id = $1, division_code = $2, updated_at = $3 WHERE {tenant} AND tenant_id = $4 AND id = $5")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(to.clone())
            .bind(division_code.to_string())
            .bind(anjian_platform::time::now_ms())
            .bind(s.tenant_id.clone())
            .bind(s.id.clone()),
    )
    .await?;
    crate::search::sync(tx, std::slice::from_ref(&s.id)).await?;
    let changes = vec![
        Change::new(
            "tenant",
            Some(s.tenant_id.as_str().into()),
            Some(to.as_str().into()),
        ),
        Change::new(
            "division_code",
            Some(s.record.division_code.as_str().into()),
            Some(division_code.into()),
        ),
    ];
    store::record_history(
        tx,
        &to,
        &s.id,
        s.record.uscc.as_str(),
        &ctx.actor,
        "transfer",
        &json!(changes),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &s.tenant_id,
        "enterprise.transfer_out",
        "enterprise",
        &s.id,
        changes.clone(),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &to,
        "enterprise.transfer_in",
        "enterprise",
        &s.id,
        changes,
    )
    .await?;
    get(tx, id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A county rule: chemical enterprises must give the principal's phone.
    struct PhoneRule;

    impl hooks::Validator for PhoneRule {
        fn name(&self) -> &str {
            "phone-rule"
        }
        fn validate(&self, tenant: &str, r: &EnterpriseRecord) -> hooks::Verdict {
            if tenant == "330122"
                && r.industry == Industry::HazardousChemicals
                && r.principal_phone.is_none()
            {
                hooks::Verdict::Reject(vec![FieldError::new(
                    "principal_phone",
                    "危化企业须填写主要负责人电话",
                    "chemical enterprises need the principal's phone",
                )])
            } else {
                hooks::Verdict::Accept
            }
        }
    }

    fn raw(county: &str) -> Raw {
        let mut m = Raw::new();
        for (k, v) in [
            ("uscc", crate::model::generate_uscc(1, county).to_string()),
            ("name", "某化工".into()),
            ("production_address", "某路".into()),
            ("division_code", county.into()),
            ("industry", "WH".into()),
        ] {
            m.insert(k.into(), Value::String(v));
        }
        m
    }

    #[test]
    fn the_safety_managers_phone_is_checked_like_any_phone() {
        let rules = Rules::default();
        let mut r = raw("330127");
        r.insert(
            "safety_manager_phone".into(),
            Value::String("call me".into()),
        );
        let errs = validate(&r, "330127", &rules).unwrap_err();
        assert_eq!(errs[0].field, "safety_manager_phone");
        r.insert(
            "safety_manager_phone".into(),
            Value::String("0571-1234567".into()),
        );
        let (rec, _) = validate(&r, "330127", &rules).unwrap();
        assert_eq!(rec.safety_manager_phone.as_deref(), Some("0571-1234567"));
        assert_eq!(
            record::to_raw(&rec)["safety_manager_phone"],
            Value::String("0571-1234567".into()),
            "round-trips through the exchange format"
        );
    }

    #[test]
    fn county_rules_join_the_one_validation_step() {
        hooks::register(Arc::new(PhoneRule));
        let rules = Rules::default();
        let errs = validate(&raw("330122"), "330122", &rules).unwrap_err();
        assert_eq!(errs[0].field, "principal_phone");
        let mut with_phone = raw("330122");
        with_phone.insert(
            "principal_phone".into(),
            Value::String("0571-1234567".into()),
        );
        assert!(validate(&with_phone, "330122", &rules).is_ok());
        assert!(
            validate(&raw("330127"), "330127", &rules).is_ok(),
            "only that county's rule"
        );
    }

    #[test]
    fn a_compact_create_entry_reads_back_as_the_full_change_list() {
        let mut a = Raw::new();
        a.insert("name".into(), json!("甲化工有限公司"));
        a.insert("staff_count".into(), json!(5));
        a.insert("principal".into(), Value::Null);
        let full = serde_json::to_value(diff(None, &a)).unwrap();
        let stored = Value::Object(created_entry(a.clone())).to_string();
        assert!(stored.len() * 2 < full.to_string().len(), "{stored}");
        let read: Value = serde_json::from_str(&store::expand_created(stored)).unwrap();
        assert_eq!(read, full);
        // Entries stored in list form (updates, older creates) pass through.
        assert_eq!(store::expand_created(full.to_string()), full.to_string());
    }

    #[test]
    fn diff_lists_changed_fields_only() {
        let mut a = Raw::new();
        a.insert("name".into(), json!("甲"));
        a.insert("staff_count".into(), json!(5));
        let mut b = a.clone();
        b.insert("staff_count".into(), json!(6));
        let d = diff(Some(&a), &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "staff_count");
        assert_eq!(diff(None, &a).len(), 2);
    }
}
