//! Statistics of standardization review: applications by state, grade,
//! industry and county, and the days spent in each step (median and p90),
//! so a province sees where applications wait.

use crate::error::Result;
use anjian_platform::db::Tx;
use sqlx::Row;
use std::collections::BTreeMap;

/// A count under a key.
#[derive(Debug, Clone, PartialEq, async_graphql::SimpleObject)]
pub struct KeyCount {
    pub key: String,
    pub count: i64,
}

/// Time spent in one state, over every application that left it.
#[derive(Debug, Clone, PartialEq, async_graphql::SimpleObject)]
pub struct StepTime {
    /// The state waited in (`submitted`: the form check, `accepted`: until
    /// a review unit is assigned, `under-review`: the review…).
    pub state: String,
    pub count: i64,
    pub median_days: f64,
    pub p90_days: f64,
}

/// The statistics of the caller's tenants.
#[derive(Debug, Clone, PartialEq, async_graphql::SimpleObject)]
pub struct Statistics {
    pub total: i64,
    pub by_state: Vec<KeyCount>,
    pub by_grade: Vec<KeyCount>,
    pub by_industry: Vec<KeyCount>,
    pub by_county: Vec<KeyCount>,
    pub overdue: i64,
    pub step_times: Vec<StepTime>,
}

fn add(m: &mut BTreeMap<String, i64>, k: String, n: i64) {
    *m.entry(k).or_default() += n;
}

fn list(m: BTreeMap<String, i64>) -> Vec<KeyCount> {
    m.into_iter()
        .map(|(key, count)| KeyCount { key, count })
        .collect()
}

/// Counts and step times over the transaction's tenants.
pub async fn compute(tx: &mut Tx) -> Result<Statistics> {
    let sql = tx.sql(
        "SELECT tenant_id, state, applied_grade, industry, CAST(SUM(overdue) AS BIGINT) AS late, COUNT(*) AS n \
         FROM std_applications WHERE {tenant} GROUP BY tenant_id, state, applied_grade, industry",
    )?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let (mut state, mut grade, mut industry, mut county) = Default::default();
    let (mut total, mut overdue) = (0, 0);
    for r in &rows {
        let n: i64 = r.try_get("n")?;
        total += n;
        overdue += r.try_get::<i64, _>("late")?;
        add(&mut state, r.try_get("state")?, n);
        add(&mut grade, r.try_get("applied_grade")?, n);
        add(&mut industry, r.try_get("industry")?, n);
        add(&mut county, r.try_get("tenant_id")?, n);
    }
    Ok(Statistics {
        total,
        by_state: list(state),
        by_grade: list(grade),
        by_industry: list(industry),
        by_county: list(county),
        overdue,
        step_times: step_times(tx).await?,
    })
}

/// Days between entering a state and leaving it, per state, from the
/// counties' histograms (tenths of a day).
async fn step_times(tx: &mut Tx) -> Result<Vec<StepTime>> {
    let sql = tx.sql(
        "SELECT state, tenths, CAST(SUM(n) AS BIGINT) AS n FROM std_step_days WHERE {tenant} GROUP BY state, tenths",
    )?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let mut by: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for r in &rows {
        by.entry(r.try_get("state")?)
            .or_default()
            .push((r.try_get("tenths")?, r.try_get("n")?));
    }
    Ok(by
        .into_iter()
        .map(|(state, mut h)| {
            h.sort_unstable();
            StepTime {
                state,
                count: h.iter().map(|b| b.1).sum(),
                median_days: percentile(&h, 0.5) as f64 / 10.0,
                p90_days: percentile(&h, 0.9) as f64 / 10.0,
            }
        })
        .collect())
}

/// The nearest-rank percentile of a histogram of (value, count), sorted by value.
fn percentile(h: &[(i64, i64)], q: f64) -> i64 {
    let total: i64 = h.iter().map(|b| b.1).sum();
    if total == 0 {
        return 0;
    }
    let rank = ((q * total as f64).ceil() as i64).clamp(1, total);
    let mut seen = 0;
    for (value, n) in h {
        seen += n;
        if seen >= rank {
            return *value;
        }
    }
    h.last().map_or(0, |b| b.0)
}

/// The statistics as CSV (UTF-8 with BOM, Chinese headers).
pub fn csv(s: &Statistics) -> String {
    let mut out = String::from("\u{feff}分类,键,数量,中位天数,90%天数\n");
    for (what, list) in [
        ("状态", &s.by_state),
        ("等级", &s.by_grade),
        ("行业", &s.by_industry),
        ("区县", &s.by_county),
    ] {
        for k in list {
            out.push_str(&format!("{what},{},{},,\n", k.key, k.count));
        }
    }
    for t in &s.step_times {
        out.push_str(&format!(
            "环节用时,{},{},{},{}\n",
            t.state, t.count, t.median_days, t.p90_days
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<(i64, i64)> = (1..=10).map(|x| (x, 1)).collect();
        assert_eq!(percentile(&v, 0.5), 5);
        assert_eq!(percentile(&v, 0.9), 9);
        assert_eq!(percentile(&[], 0.9), 0);
        assert_eq!(percentile(&[(7, 1)], 0.5), 7);
        // Counts weigh: 9 of 10 at 2, one at 30.
        assert_eq!(percentile(&[(2, 9), (30, 1)], 0.9), 2);
        assert_eq!(percentile(&[(2, 9), (30, 1)], 0.95), 30);
    }
}
