//! The daily export for the national credit platform (全国信用信息共享平台):
//! what was published or removed on one day (Beijing time), as CSV (UTF-8
//! with BOM) or JSON, in the format `docs/credit-export.md` documents. A
//! recurring job writes yesterday's files to object storage under
//! `credit/exports/<date>.csv|json`; `creditExport` builds any day on demand.

use crate::error::{CreditError, Result};
use crate::model::PartyKind;
use crate::store::penalties::Penalty;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::Registry;
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{Error, FieldError, Platform};
use chrono::{NaiveDate, TimeZone};
use serde_json::{json, Value};
use sqlx::Row;
use std::sync::Arc;
use std::time::Duration;

/// The recurring job kind.
pub const EXPORT_JOB: &str = "credit.export";
/// The format's version, in every record.
pub const FORMAT: &str = "anjian-credit-export/1";

/// Registers the daily export.
pub fn register(r: &mut Registry) {
    r.recurring(
        EXPORT_JOB,
        Duration::from_secs(86_400),
        Arc::new(|p, _job| Box::pin(async move { daily(&p).await.map_err(Error::from) })),
    );
}

fn beijing() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!())
}

/// The [start, end) of a day in Beijing time, in ms.
pub fn day_bounds(date: &str) -> Result<(i64, i64)> {
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        CreditError::from(FieldError::new(
            "date",
            "日期格式应为 YYYY-MM-DD",
            "a date is YYYY-MM-DD",
        ))
    })?;
    let start = d
        .and_hms_opt(0, 0, 0)
        .and_then(|n| beijing().from_local_datetime(&n).single())
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| CreditError::field("date", "日期无效", "invalid date"))?;
    Ok((start, start + crate::service::DAY_MS))
}

/// Yesterday in Beijing time, `YYYY-MM-DD`.
pub fn yesterday() -> String {
    let t = beijing()
        .timestamp_millis_opt(now_ms() - crate::service::DAY_MS)
        .single()
        .map(|t| t.format("%Y-%m-%d").to_string());
    t.unwrap_or_default()
}

/// The day's records: listings published or removed, penalties published.
pub async fn records(tx: &mut Tx, date: &str) -> Result<Vec<Value>> {
    let (from, to) = day_bounds(date)?;
    let mut out = vec![];
    let sql = tx.sql(
        "SELECT tenant_id, id, uscc, name, trig, published_at, starts_at, ends_at, removed_at FROM cr_listings \
         WHERE {tenant} AND ((published_at >= $1 AND published_at < $2) OR (removed_at >= $1 AND removed_at < $2)) \
         ORDER BY tenant_id, id",
    )?;
    for r in tx.all(sqlx::query(&sql).bind(from).bind(to)).await? {
        let removed: Option<i64> = r.try_get("removed_at")?;
        let kind = if removed.is_some_and(|x| x >= from && x < to) {
            "blacklist_removal"
        } else {
            "blacklist_listing"
        };
        let t = |c: &str| -> Result<Option<String>> {
            Ok(r.try_get::<Option<i64>, _>(c)?.map(to_rfc3339))
        };
        out.push(json!({
            "format": FORMAT, "recordType": kind, "authority": r.try_get::<String, _>("tenant_id")?,
            "recordId": r.try_get::<String, _>("id")?, "subjectName": r.try_get::<String, _>("name")?,
            "subjectCode": r.try_get::<String, _>("uscc")?, "category": r.try_get::<String, _>("trig")?,
            "amountYuan": null, "decidedAt": t("published_at")?, "validFrom": t("starts_at")?,
            "validTo": t("ends_at")?, "removedAt": t("removed_at")?, "content": null,
        }));
    }
    let sql = tx.sql(
        "SELECT id FROM cr_penalties WHERE {tenant} AND published_at >= $1 AND published_at < $2 ORDER BY tenant_id, id",
    )?;
    let ids: Vec<String> = tx
        .all(sqlx::query(&sql).bind(from).bind(to))
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
    for id in ids {
        if let Some(p) = crate::store::penalties::get(tx, &id).await? {
            out.push(penalty_record(&p));
        }
    }
    Ok(out)
}

fn penalty_record(p: &Penalty) -> Value {
    let person = p.party_kind == PartyKind::Person;
    json!({
        "format": FORMAT, "recordType": "penalty", "authority": p.tenant_id, "recordId": p.case_number,
        "subjectName": if person { crate::model::mask_name(&p.party_name) } else { p.party_name.clone() },
        "subjectCode": if person { None } else { p.party_uscc.clone() },
        "category": p.penalty_type.as_str(), "amountYuan": p.amount_yuan,
        "decidedAt": to_rfc3339(p.decided_at), "validFrom": p.published_at.map(to_rfc3339),
        "validTo": null, "removedAt": null, "content": p.public_summary,
    })
}

/// The columns of the CSV, in order (the JSON fields of the same name).
pub const COLUMNS: [&str; 13] = [
    "format",
    "recordType",
    "authority",
    "recordId",
    "subjectName",
    "subjectCode",
    "category",
    "amountYuan",
    "decidedAt",
    "validFrom",
    "validTo",
    "removedAt",
    "content",
];

/// The records as CSV (UTF-8 with BOM) or JSON lines in an array.
pub fn render(records: &[Value], format: &str) -> Result<String> {
    match format {
        "json" => Ok(serde_json::to_string_pretty(records)?),
        "csv" => {
            let mut w = csv::WriterBuilder::new().from_writer(vec![]);
            let fail = |e: csv::Error| CreditError::from(Error::internal(e));
            w.write_record(COLUMNS).map_err(fail)?;
            for r in records {
                let row: Vec<String> = COLUMNS
                    .iter()
                    .map(|c| match &r[*c] {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        v => v.to_string(),
                    })
                    .collect();
                w.write_record(&row).map_err(fail)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| CreditError::from(Error::internal(e)))?;
            Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
        }
        _ => Err(CreditError::field(
            "format",
            "格式应为 csv 或 json",
            "format is csv or json",
        )),
    }
}

/// Writes yesterday's export to object storage.
async fn daily(p: &Platform) -> Result<()> {
    let date = yesterday();
    let mut tx = p.db.read(Scope::All, None).await?;
    let recs = records(&mut tx, &date).await?;
    tx.commit().await?;
    for f in ["csv", "json"] {
        let body = render(&recs, f)?;
        p.objects
            .put(&format!("credit/exports/{date}.{f}"), body.into_bytes())
            .await?;
    }
    tracing::info!(date, records = recs.len(), "credit export written");
    Ok(())
}
