//! Self-checks (企业自查, including checks that found nothing) and the
//! quarterly and yearly statistics reports an enterprise files, generated
//! from its records and signed by its principal (主要负责人). Reports not in
//! by the due date (configuration) are flagged to the county.

use crate::error::{HazardError, Result};
use crate::model::{required, Period, Rules};
use crate::service::Actor;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::{audit, audit::AuditCtx, notify, Error, FieldError, Platform};
use chrono::NaiveDate;
use serde_json::{json, Value};
use sqlx::Row;
use std::sync::Arc;
use std::time::Duration;

/// Daily: queue the missing-report check of every county for periods now due.
pub const DUE_JOB: &str = "hazard.periodic_due";
/// One county, one period: tell the county admins who hasn't filed.
pub const MISSING_JOB: &str = "hazard.missing_reports";

/// Registers the jobs.
pub fn register(r: &mut Registry) {
    r.recurring(
        DUE_JOB,
        Duration::from_secs(86_400),
        Arc::new(|p, _job| {
            Box::pin(async move { queue_due(&p).await.map(|_| ()).map_err(Error::from) })
        }),
    );
    r.job(
        MISSING_JOB,
        Arc::new(|p, job| {
            Box::pin(async move { flag_missing(&p, &job).await.map_err(Error::from) })
        }),
    );
}

fn own(actor: &Actor) -> Result<(String, String)> {
    actor
        .enterprise
        .clone()
        .ok_or_else(|| HazardError::Forbidden("only enterprise users record self-checks".into()))
}

/// The day (normalised YYYY-MM-DD) and its span in the province's time zone.
fn day_range(day: &str, rules: &Rules) -> std::result::Result<(String, i64, i64), FieldError> {
    let d = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            "checkedOn",
            &format!("日期格式无效：{day}（应为 YYYY-MM-DD）"),
            &format!("invalid date {day:?} (YYYY-MM-DD)"),
        )
    })?;
    let start = d
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_millis())
        .unwrap_or_default()
        - i64::from(rules.utc_offset_minutes) * 60_000;
    Ok((d.format("%Y-%m-%d").to_string(), start, start + 86_400_000))
}

/// A recorded self-check.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfCheck {
    pub id: String,
    pub enterprise_id: String,
    pub checked_on: String,
    pub scope: String,
    /// Hazards the enterprise reported from self-checks that day.
    pub found: i64,
    pub note: Option<String>,
    pub checked_by: String,
    pub created_at: i64,
}

/// Records a self-check of the actor's enterprise on `checked_on` (not in
/// the future); what it found is counted from the hazards reported that day.
pub async fn record_self_check(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    checked_on: &str,
    scope: &str,
    note: Option<String>,
) -> Result<SelfCheck> {
    let (tenant, enterprise) = own(actor)?;
    let rules = crate::rules(tx, &tenant).await?;
    let mut errs = Vec::new();
    let range = day_range(checked_on, &rules).map_err(|e| errs.push(e)).ok();
    let scope = required("scope", "自查范围", scope)
        .map_err(|e| errs.push(e))
        .ok();
    let (Some((day, from, to)), Some(scope)) = (range, scope) else {
        return Err(HazardError::Invalid(errs));
    };
    if from > now_ms() {
        return Err(HazardError::field(
            "checkedOn",
            "自查日期不能晚于今天",
            "checkedOn can't be in the future",
        ));
    }
    let sql = tx.sql(
        "SELECT COUNT(*) FROM hazards WHERE {tenant} AND tenant_id = $1 AND enterprise_id = $2 \
         AND source = 'self-check' AND found_at >= $3 AND found_at < $4",
    )?;
    let found = tx
        .scalar(
            sqlx::query(&sql)
                .bind(tenant.clone())
                .bind(enterprise.clone())
                .bind(from)
                .bind(to),
        )
        .await?;
    let c = SelfCheck {
        id: new_id(),
        enterprise_id: enterprise,
        checked_on: day,
        scope,
        found,
        note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        checked_by: actor.username.clone(),
        created_at: now_ms(),
    };
    tx.ensure_writable(&tenant)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO hazard_self_checks (tenant_id, id, enterprise_id, checked_on, scope, found, note, checked_by, \
             created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
        )
        .bind(tenant.clone())
        .bind(c.id.clone())
        .bind(c.enterprise_id.clone())
        .bind(c.checked_on.clone())
        .bind(c.scope.clone())
        .bind(c.found)
        .bind(c.note.clone())
        .bind(c.checked_by.clone())
        .bind(c.created_at),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &tenant,
        "hazard.self-check",
        "enterprise",
        &c.enterprise_id,
        vec![audit::Change::new(
            "selfCheck",
            None,
            Some(json!({"checkedOn": c.checked_on, "found": c.found})),
        )],
    )
    .await?;
    Ok(c)
}

/// Self-checks of an enterprise, newest first.
pub async fn self_checks(
    tx: &mut Tx,
    enterprise_id: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SelfCheck>, i64)> {
    let count =
        tx.sql("SELECT COUNT(*) FROM hazard_self_checks WHERE {tenant} AND enterprise_id = $1")?;
    let total = tx
        .scalar(sqlx::query(&count).bind(enterprise_id.to_string()))
        .await?;
    let sql = tx.sql(
        "SELECT id, enterprise_id, checked_on, scope, found, note, checked_by, created_at FROM hazard_self_checks \
         WHERE {tenant} AND enterprise_id = $1 ORDER BY checked_on DESC, created_at DESC LIMIT $2 OFFSET $3",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(enterprise_id.to_string())
                .bind(limit)
                .bind(offset),
        )
        .await?;
    let list = rows
        .iter()
        .map(|r| {
            Ok(SelfCheck {
                id: r.try_get("id")?,
                enterprise_id: r.try_get("enterprise_id")?,
                checked_on: r.try_get("checked_on")?,
                scope: r.try_get("scope")?,
                found: r.try_get("found")?,
                note: r.try_get("note")?,
                checked_by: r.try_get("checked_by")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((list, total))
}

/// The figures of an enterprise's report for `period`, from its records.
pub async fn figures(
    tx: &mut Tx,
    tenant: &str,
    enterprise_id: &str,
    period: Period,
) -> Result<Value> {
    let (from, to) = period.months();
    let (first_day, last_day) = (format!("{from}-01"), format!("{to}-31"));
    let sql = tx.sql(
        "SELECT CAST(COUNT(*) AS BIGINT) AS checks, CAST(COALESCE(SUM(CASE WHEN found = 0 THEN 1 ELSE 0 END),0) AS BIGINT) AS zero \
         FROM hazard_self_checks WHERE {tenant} AND tenant_id = $1 AND enterprise_id = $2 AND checked_on >= $3 AND checked_on <= $4",
    )?;
    let c = tx
        .one(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(enterprise_id.to_string())
                .bind(first_day)
                .bind(last_day),
        )
        .await?;
    let sql = tx.sql(
        "SELECT CAST(COUNT(*) AS BIGINT) AS found, \
         CAST(COALESCE(SUM(CASE WHEN level = 'major' THEN 1 ELSE 0 END),0) AS BIGINT) AS major, \
         CAST(COALESCE(SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END),0) AS BIGINT) AS rectified, \
         CAST(COALESCE(SUM(overdue),0) AS BIGINT) AS overdue, \
         COALESCE(SUM(funds_wan), 0.0) AS funds \
         FROM hazards WHERE {tenant} AND tenant_id = $1 AND enterprise_id = $2 AND found_month >= $3 AND found_month <= $4",
    )?;
    let h = tx
        .one(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(enterprise_id.to_string())
                .bind(from)
                .bind(to),
        )
        .await?;
    let found: i64 = h.try_get("found")?;
    let major: i64 = h.try_get("major")?;
    let rectified: i64 = h.try_get("rectified")?;
    Ok(json!({
        "period": period.code(),
        "selfChecks": c.try_get::<i64, _>("checks")?,
        "zeroHazardChecks": c.try_get::<i64, _>("zero")?,
        "found": found,
        "general": found - major,
        "major": major,
        "rectified": rectified,
        "open": found - rectified,
        "overdue": h.try_get::<i64, _>("overdue")?,
        "fundsWan": h.try_get::<f64, _>("funds")?,
    }))
}

/// A filed periodic report.
#[derive(Debug, Clone, PartialEq)]
pub struct Filed {
    pub enterprise_id: String,
    pub period: String,
    pub figures: Value,
    pub signed_by: String,
    pub submitted_by: String,
    pub submitted_at: i64,
}

/// Files the actor's enterprise's report for `period` (after it ends), signed
/// by the enterprise's registered principal.
pub async fn submit(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    period: &str,
    signed_by: &str,
) -> Result<Filed> {
    let (tenant, enterprise) = own(actor)?;
    let period = Period::parse(period)?;
    let ent = anjian_enterprise::store::get(tx, &enterprise)
        .await?
        .ok_or(HazardError::NotFound("enterprise"))?;
    let rules = crate::rules(tx, &tenant).await?;
    let (_, last) = period.months();
    let today = crate::service::month_of(now_ms(), rules.utc_offset_minutes);
    if today <= last {
        return Err(HazardError::field(
            "period",
            &format!("报告期 {} 尚未结束", period.code()),
            &format!("the period {} has not ended", period.code()),
        ));
    }
    let principal = ent.record.principal.clone().unwrap_or_default();
    if principal.trim().is_empty() || principal.trim() != signed_by.trim() {
        return Err(HazardError::field(
            "signedBy",
            "须由企业登记的主要负责人签字",
            "the report must be signed by the enterprise's registered principal",
        ));
    }
    let figures = figures(tx, &tenant, &enterprise, period).await?;
    let f = Filed {
        enterprise_id: enterprise,
        period: period.code(),
        figures,
        signed_by: principal.trim().to_string(),
        submitted_by: actor.username.clone(),
        submitted_at: now_ms(),
    };
    tx.ensure_writable(&tenant)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO hazard_periodic_reports (tenant_id, enterprise_id, period, figures, signed_by, submitted_by, \
             submitted_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(tenant.clone())
        .bind(f.enterprise_id.clone())
        .bind(f.period.clone())
        .bind(f.figures.to_string())
        .bind(f.signed_by.clone())
        .bind(f.submitted_by.clone())
        .bind(f.submitted_at),
    )
    .await
    .map_err(|e| match e {
        Error::Conflict { .. } => HazardError::Platform(Error::conflict(
            format!("{} 的报告已提交", f.period),
            format!("the {} report was already filed", f.period),
        )),
        e => e.into(),
    })?;
    audit::record(
        tx,
        ctx,
        &tenant,
        "hazard.periodic-report",
        "enterprise",
        &f.enterprise_id,
        vec![audit::Change::new("period", None, Some(json!(f.period)))],
    )
    .await?;
    Ok(f)
}

/// A filed report of `enterprise_id` for `period`, if any.
pub async fn filed(tx: &mut Tx, enterprise_id: &str, period: &str) -> Result<Option<Filed>> {
    let sql = tx.sql(
        "SELECT enterprise_id, period, figures, signed_by, submitted_by, submitted_at FROM hazard_periodic_reports \
         WHERE {tenant} AND enterprise_id = $1 AND period = $2",
    )?;
    let row = tx
        .opt(
            sqlx::query(&sql)
                .bind(enterprise_id.to_string())
                .bind(period.to_string()),
        )
        .await?;
    row.map(|r| {
        Ok(Filed {
            enterprise_id: r.try_get("enterprise_id")?,
            period: r.try_get("period")?,
            figures: serde_json::from_str(&r.try_get::<String, _>("figures")?)?,
            signed_by: r.try_get("signed_by")?,
            submitted_by: r.try_get("submitted_by")?,
            submitted_at: r.try_get("submitted_at")?,
        })
    })
    .transpose()
}

/// Enterprises of `county` (in operation) that haven't filed `period`: (id, name, uscc).
pub async fn missing(
    tx: &mut Tx,
    county: &str,
    period: &str,
) -> Result<Vec<(String, String, String)>> {
    let sql = tx.sql(
        "SELECT e.id, e.name, e.uscc FROM enterprises e WHERE {tenant:e} AND e.tenant_id = $1 AND e.status <> 'closed' \
         AND NOT EXISTS (SELECT 1 FROM hazard_periodic_reports r WHERE r.tenant_id = e.tenant_id \
         AND r.enterprise_id = e.id AND r.period = $2) ORDER BY e.uscc LIMIT 10000",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(county.to_string())
                .bind(period.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("uscc")?)))
        .collect()
}

/// Queues, for every county, the check of each period due by today (once per
/// county and period).
pub async fn queue_due(p: &Platform) -> Result<usize> {
    let dir = p.tenancy.directory(&p.db).await?;
    let mut tx = p.db.write(Scope::All, None).await?;
    let mut queued = 0;
    for t in dir.all() {
        if t.level != anjian_platform::tenancy::Level::County || t.retired {
            continue;
        }
        let rules = crate::rules(&mut tx, &t.code).await?;
        let day = chrono::DateTime::from_timestamp_millis(
            now_ms() + i64::from(rules.utc_offset_minutes) * 60_000,
        )
        .map(|d| d.date_naive())
        .unwrap_or_default();
        for period in Period::overdue_as_of(day, &rules) {
            let code = period.code();
            jobs::enqueue(
                &mut tx,
                &t.code,
                MISSING_JOB,
                &json!({"period": code}),
                now_ms(),
                Some(&format!("{MISSING_JOB}:{code}")),
                3,
            )
            .await?;
            queued += 1;
        }
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(queued)
}

async fn flag_missing(p: &Platform, job: &Job) -> Result<()> {
    let period = jobs::payload_field(job, "period")?.to_string();
    let mut tx = p.db.write(Scope::All, None).await?;
    if remind(&mut tx, &job.tenant_id, &period).await? == 0 {
        tx.rollback().await?;
        return Ok(());
    }
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Tells the county's admins which enterprises haven't filed `period`;
/// returns how many haven't.
pub async fn remind(tx: &mut Tx, county: &str, period: &str) -> Result<usize> {
    let list = missing(tx, county, period).await?;
    if list.is_empty() {
        return Ok(0);
    }
    let title = format!(
        "{} 家企业未按期报送 {period} 隐患排查治理统计报告",
        list.len()
    );
    let names: Vec<&str> = list.iter().take(20).map(|(_, n, _)| n.as_str()).collect();
    let body = format!(
        "{}{}",
        names.join("、"),
        if list.len() > 20 { " 等" } else { "" }
    );
    for u in anjian_platform::users::with_role(tx, county, "county-admin").await? {
        notify::post(tx, county, &u, "hazard-report-missing", &title, &body, None).await?;
    }
    Ok(list.len())
}
