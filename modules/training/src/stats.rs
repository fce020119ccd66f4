//! Statistics (统计): pass rates by category, operation item, institution,
//! test centre and county; questions nearly everyone fails or passes,
//! flagged for review; certificates due for review or expiry by month.

use crate::error::Result;
use crate::model::Rules;
use anjian_platform::db::Tx;
use anjian_platform::time::to_rfc3339;
use sqlx::Row;
use std::collections::BTreeMap;

/// Sat and passed for one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub key: String,
    pub sat: i64,
    pub passed: i64,
}

impl Rate {
    /// passed / sat (0 when none sat).
    pub fn rate(&self) -> f64 {
        if self.sat == 0 {
            0.0
        } else {
            self.passed as f64 / self.sat as f64
        }
    }
}

/// A question flagged for review.
#[derive(Debug, Clone)]
pub struct Flagged {
    pub id: String,
    pub stem: String,
    pub answered: i64,
    pub correct: i64,
    pub too_hard: bool,
}

/// Everything the statistics page shows.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub by_category: Vec<Rate>,
    pub by_operation_item: Vec<Rate>,
    pub by_institution: Vec<Rate>,
    pub by_centre: Vec<Rate>,
    pub by_county: Vec<Rate>,
    pub flagged: Vec<Flagged>,
    /// (YYYY-MM, certificates due that month).
    pub due: Vec<(String, i64)>,
}

async fn rates(tx: &mut Tx, column: &str) -> Result<Vec<Rate>> {
    let sql = tx.sql(&format!(
        "SELECT {column} AS k, COUNT(*) AS n, CAST(SUM(passed) AS BIGINT) AS p FROM tr_results \
         WHERE {{tenant}} GROUP BY {column} ORDER BY {column}"
    ))?;
    tx.all(sqlx::query(&sql))
        .await?
        .iter()
        .map(|r| {
            Ok(Rate {
                key: r.try_get("k")?,
                sat: r.try_get("n")?,
                passed: r.try_get::<Option<i64>, _>("p")?.unwrap_or(0),
            })
        })
        .collect()
}

/// Computes the statistics over the transaction's tenants.
pub async fn compute(tx: &mut Tx, rules: &Rules) -> Result<Stats> {
    let mut s = Stats {
        by_category: rates(tx, "category").await?,
        by_operation_item: rates(tx, "operation_item").await?,
        by_institution: rates(tx, "institution").await?,
        by_centre: rates(tx, "centre").await?,
        by_county: rates(tx, "tenant_id").await?,
        ..Stats::default()
    };
    s.by_operation_item.retain(|r| !r.key.is_empty());
    let sql = tx.sql(
        "SELECT question_id, COUNT(*) AS a, CAST(SUM(correct) AS BIGINT) AS c \
         FROM tr_question_stats WHERE {tenant} GROUP BY question_id",
    )?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    for r in rows {
        let answered: i64 = r.try_get("a")?;
        let correct: i64 = r.try_get("c")?;
        if answered < i64::from(rules.flag_min_answers) {
            continue;
        }
        let share = correct as f64 / answered as f64;
        let too_hard = share < rules.too_hard_below;
        if too_hard || share > rules.too_easy_above {
            s.flagged.push(Flagged {
                id: r.try_get("question_id")?,
                stem: String::new(),
                answered,
                correct,
                too_hard,
            });
        }
    }
    for f in &mut s.flagged {
        if let Some(q) = crate::store::bank::current(tx, &f.id).await? {
            f.stem = q.stem;
        }
    }
    s.flagged.sort_by(|a, b| a.id.cmp(&b.id));
    let sql = tx.sql(
        "SELECT COALESCE(next_review_at, valid_until) AS due FROM tr_certificates WHERE {tenant} AND status = 'valid'",
    )?;
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    for r in tx.all(sqlx::query(&sql)).await? {
        let due: i64 = r.try_get("due")?;
        *by_month
            .entry(to_rfc3339(due)[..7].to_string())
            .or_default() += 1;
    }
    s.due = by_month.into_iter().collect();
    Ok(s)
}
