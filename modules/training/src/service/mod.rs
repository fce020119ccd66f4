//! The rules of training and examination, storage-agnostic: `people`
//! (registration, hours, eligibility), `bank` (imports and blueprints),
//! `sessions` (sessions, bookings, proctoring), `exam` (the candidate's
//! attempt: start, resume, save, submit, scoring) and `certs`.

pub mod bank;
pub mod certs;
pub mod exam;
pub mod people;
pub mod sessions;

use crate::error::Result;
use crate::model::Rules;
use anjian_platform::db::Tx;
use anjian_platform::time::now_ms;
use chrono::{DateTime, Months, Utc};
use sqlx::Row;

/// The province's rules (the defaults until a province sets them).
pub async fn rules(tx: &mut Tx) -> Result<Rules> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(crate::RULES_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&r.try_get::<String, _>("value")?)?,
        None => Rules::default(),
    })
}

/// Stores checked rules.
pub async fn save_rules(tx: &mut Tx, r: &Rules, actor: &str) -> Result<()> {
    r.check()?;
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(crate::RULES_KEY)
        .bind(serde_json::to_string(r)?)
        .bind(now_ms())
        .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}

/// `ms` plus `months` calendar months (the same day of the month, or the
/// month's last day).
pub fn add_months(ms: i64, months: u32) -> i64 {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .and_then(|t| t.checked_add_months(Months::new(months)))
        .map_or(ms, |t| t.timestamp_millis())
}

/// A day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// Text of 1 to `max` characters, trimmed, or a field error.
pub fn text(field: &str, v: &str, max: usize) -> Result<String, anjian_platform::FieldError> {
    let t = v.trim();
    if t.is_empty() || t.chars().count() > max {
        return Err(anjian_platform::FieldError::new(
            field,
            &format!("应为 1–{max} 个字"),
            &format!("must be 1 to {max} characters"),
        ));
    }
    Ok(t.to_string())
}
