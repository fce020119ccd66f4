//! Accident statistics (事故统计): figures of a month, quarter or year by
//! division (drill-down), industry section, type, grade or enterprise size,
//! with the same period of last year and the period before; rates against
//! the province's GDP and worker denominators; months closed and frozen as
//! published figures, with later corrections shown beside them.

use crate::error::{AccError, Result};
use crate::model::{self, AccidentType, Grade};
use anjian_platform::db::Tx;
use anjian_platform::tenancy::{Directory, Level};
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use std::collections::{BTreeMap, HashMap};

/// What the rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// The next level down from the chosen division (city, county, township).
    Division,
    /// GB/T 4754 section.
    Industry,
    /// GB 6441-86 type.
    Type,
    Grade,
    Size,
}

/// Counts and sums of a set of accidents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figs {
    pub accidents: i64,
    pub deaths: i64,
    pub serious_injuries: i64,
    pub minor_injuries: i64,
    pub loss_wan: f64,
}

impl Figs {
    fn add(&mut self, o: &Figs) {
        self.accidents += o.accidents;
        self.deaths += o.deaths;
        self.serious_injuries += o.serious_injuries;
        self.minor_injuries += o.minor_injuries;
        self.loss_wan += o.loss_wan;
    }
}

/// A month, quarter or year (Beijing time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i64,
    pub quarter: Option<i64>,
    pub month: Option<i64>,
}

impl Period {
    /// Checks the period: a year from 2000, and at most one of quarter and month.
    pub fn parse(year: i64, quarter: Option<i64>, month: Option<i64>) -> Result<Period> {
        if !(2000..=2100).contains(&year) {
            return Err(AccError::field(
                "year",
                "年份应在 2000 至 2100 之间",
                "year must be 2000 to 2100",
            ));
        }
        match (quarter, month) {
            (Some(_), Some(_)) => Err(AccError::field(
                "quarter",
                "季度和月份只能选一个",
                "give a quarter or a month, not both",
            )),
            (Some(q), None) if !(1..=4).contains(&q) => Err(AccError::field(
                "quarter",
                "季度应为 1 至 4",
                "quarter must be 1 to 4",
            )),
            (None, Some(m)) if !(1..=12).contains(&m) => Err(AccError::field(
                "month",
                "月份应为 1 至 12",
                "month must be 1 to 12",
            )),
            _ => Ok(Period {
                year,
                quarter,
                month,
            }),
        }
    }

    /// First and last month (`YYYYMM`), inclusive.
    pub fn range(&self) -> (i64, i64) {
        let y = self.year * 100;
        match (self.quarter, self.month) {
            (Some(q), _) => (y + q * 3 - 2, y + q * 3),
            (_, Some(m)) => (y + m, y + m),
            _ => (y + 1, y + 12),
        }
    }

    /// The same period a year earlier.
    pub fn last_year(&self) -> Period {
        Period {
            year: self.year - 1,
            ..*self
        }
    }

    /// The period just before (the previous month, quarter or year).
    pub fn previous(&self) -> Period {
        match (self.quarter, self.month) {
            (Some(1), _) => Period {
                year: self.year - 1,
                quarter: Some(4),
                month: None,
            },
            (Some(q), _) => Period {
                quarter: Some(q - 1),
                ..*self
            },
            (_, Some(1)) => Period {
                year: self.year - 1,
                quarter: None,
                month: Some(12),
            },
            (_, Some(m)) => Period {
                month: Some(m - 1),
                ..*self
            },
            _ => self.last_year(),
        }
    }

    /// e.g. `2026`, `2026Q2`, `2026-05`.
    pub fn label(&self) -> String {
        match (self.quarter, self.month) {
            (Some(q), _) => format!("{}Q{q}", self.year),
            (_, Some(m)) => format!("{}-{m:02}", self.year),
            _ => self.year.to_string(),
        }
    }

    fn months(&self) -> i64 {
        let (a, b) = self.range();
        b - a + 1
    }
}

/// The counties under `division` within the directory, and the level of
/// `division`. NOT_FOUND for an unknown division.
pub fn counties_under(dir: &Directory, division: &str) -> Result<(Level, Vec<String>)> {
    let t = dir.get(division).ok_or(AccError::NotFound("division"))?;
    let level = t.level;
    let mut out = Vec::new();
    for c in dir.all() {
        if c.level != Level::County {
            continue;
        }
        let parent = c.parent_code.as_deref();
        let grand = parent
            .and_then(|p| dir.get(p))
            .and_then(|p| p.parent_code.as_deref());
        let inside =
            c.code.as_str() == division || parent == Some(division) || grand == Some(division);
        if inside && c.code.chars().all(|ch| ch.is_ascii_digit()) {
            out.push(c.code.as_str().to_string());
        }
    }
    out.sort();
    Ok((level, out))
}

/// One row of a statistics table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub current: Figs,
    pub last_year: Figs,
    pub previous: Figs,
    /// The frozen figures, when every month of the period is closed.
    pub published: Option<Figs>,
}

/// A statistics table and its total.
#[derive(Debug, Clone)]
pub struct Table {
    pub period: Period,
    pub division: String,
    pub dimension: Dimension,
    pub rows: Vec<Row>,
    pub total: Row,
    /// Every month of the period is closed (the published figures apply).
    pub closed: bool,
}

fn dim_column(d: Dimension, level: Level) -> &'static str {
    match d {
        Dimension::Division if level == Level::County => "division_code",
        Dimension::Division => "''",
        Dimension::Industry => "industry_section",
        Dimension::Type => "accident_type",
        Dimension::Grade => "grade",
        Dimension::Size => "size",
    }
}

fn in_list(codes: &[String]) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("'{c}'")).collect();
    if quoted.is_empty() {
        "('')".into()
    } else {
        format!("({})", quoted.join(", "))
    }
}

/// The grouping of a dimension's column (a constant is not grouped by).
fn group_by(col: &str) -> String {
    if col == "''" {
        "tenant_id".into()
    } else {
        format!("tenant_id, {col}")
    }
}

fn figs(r: &sqlx::any::AnyRow) -> Result<Figs> {
    Ok(Figs {
        accidents: r.try_get("n")?,
        deaths: r.try_get("d")?,
        serious_injuries: r.try_get("s")?,
        minor_injuries: r.try_get("m")?,
        loss_wan: r.try_get("l")?,
    })
}

const SUMS: &str = "CAST(COALESCE(SUM(deaths), 0) AS BIGINT) AS d, \
    CAST(COALESCE(SUM(serious_injuries), 0) AS BIGINT) AS s, \
    CAST(COALESCE(SUM(minor_injuries), 0) AS BIGINT) AS m, \
    CAST(COALESCE(SUM(direct_loss_wan), 0) AS DOUBLE PRECISION) AS l";

/// Live figures per (tenant, key, period index) over up to three periods.
async fn live(
    tx: &mut Tx,
    col: &str,
    tenants: &[String],
    periods: &[Period],
) -> Result<Vec<(String, String, usize, Figs)>> {
    let mut case = String::from("CASE");
    let mut any = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let (a, b) = p.range();
        case.push_str(&format!(" WHEN ym BETWEEN {a} AND {b} THEN {i}"));
        any.push(format!("(ym BETWEEN {a} AND {b})"));
    }
    case.push_str(" ELSE 9 END");
    let sql = tx.sql(&format!(
        "SELECT tenant_id, {col} AS k, {case} AS p, COUNT(*) AS n, {SUMS} \
         FROM acc_accidents WHERE {{tenant}} AND tenant_id IN {} AND ({}) \
         GROUP BY {}, {case}",
        in_list(tenants),
        any.join(" OR "),
        group_by(col)
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("tenant_id")?,
                r.try_get::<String, _>("k")?,
                r.try_get::<i64, _>("p")? as usize,
                figs(r)?,
            ))
        })
        .collect()
}

/// Published figures per (tenant, key) over a period.
async fn published(
    tx: &mut Tx,
    col: &str,
    tenants: &[String],
    p: &Period,
) -> Result<(Vec<(String, String, Figs)>, i64)> {
    let (a, b) = p.range();
    let sql = tx.sql(&format!(
        "SELECT tenant_id, {col} AS k, CAST(COALESCE(SUM(accidents), 0) AS BIGINT) AS n, {SUMS} \
         FROM acc_published WHERE {{tenant}} AND tenant_id IN {} AND ym BETWEEN {a} AND {b} \
         GROUP BY {}",
        in_list(tenants),
        group_by(col)
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let list = rows
        .iter()
        .map(|r| Ok((r.try_get("tenant_id")?, r.try_get("k")?, figs(r)?)))
        .collect::<Result<Vec<_>>>()?;
    let closed = tx.sql(&format!(
        "SELECT COUNT(*) FROM acc_months WHERE {{tenant}} AND tenant_id IN {} AND ym BETWEEN {a} AND {b}",
        in_list(tenants)
    ))?;
    let n = tx.scalar(sqlx::query(&closed)).await?;
    Ok((list, n))
}

/// The key a row folds into, and its label.
fn fold_key(
    dir: &Directory,
    d: Dimension,
    level: Level,
    tenant: &str,
    k: &str,
) -> (String, String) {
    let name = |c: &str| {
        dir.get(c)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| c.to_string())
    };
    match d {
        Dimension::Division => match level {
            Level::Province => {
                let city = dir
                    .get(tenant)
                    .and_then(|t| t.parent_code.clone())
                    .unwrap_or_default();
                (city.clone(), name(&city))
            }
            Level::City => (tenant.to_string(), name(tenant)),
            Level::County => (
                k.to_string(),
                if k == tenant {
                    name(tenant)
                } else {
                    k.to_string()
                },
            ),
        },
        Dimension::Industry => (k.to_string(), model::section_zh(k).to_string()),
        Dimension::Type => (
            k.to_string(),
            AccidentType::parse(k)
                .map(|t| t.zh().to_string())
                .unwrap_or_else(|_| k.to_string()),
        ),
        Dimension::Grade => (
            k.to_string(),
            Grade::parse(k)
                .map(|g| g.zh().to_string())
                .unwrap_or_else(|_| k.to_string()),
        ),
        Dimension::Size => (k.to_string(), model::size_zh(k).to_string()),
    }
}

/// The statistics table of `period` for `division`, by `dimension`.
pub async fn table(
    tx: &mut Tx,
    dir: &Directory,
    division: &str,
    dimension: Dimension,
    period: Period,
) -> Result<Table> {
    let (level, tenants) = counties_under(dir, division)?;
    let col = dim_column(dimension, level);
    let periods = [period, period.last_year(), period.previous()];
    let list = live(tx, col, &tenants, &periods).await?;
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let blank = |key: String, label: String| Row {
        key,
        label,
        current: Figs::default(),
        last_year: Figs::default(),
        previous: Figs::default(),
        published: None,
    };
    for (tenant, k, p, f) in &list {
        let (key, label) = fold_key(dir, dimension, level, tenant, k);
        let row = rows.entry(key.clone()).or_insert_with(|| blank(key, label));
        // The previous period of a year is last year: index 2 repeats 1.
        if *p == 0 {
            row.current.add(f);
        }
        if *p == 1 || (*p == 2 && periods[2] == periods[1]) {
            row.last_year.add(f);
        }
        if *p == 2 || (*p == 1 && periods[2] == periods[1]) {
            row.previous.add(f);
        }
    }
    let (pubs, closed_months) = published(tx, col, &tenants, &period).await?;
    let closed = !tenants.is_empty() && closed_months >= period.months() * tenants.len() as i64;
    let mut total = blank(division.to_string(), "合计".into());
    if closed {
        total.published = Some(Figs::default());
        for r in rows.values_mut() {
            r.published = Some(Figs::default());
        }
        for (tenant, k, f) in &pubs {
            let (key, label) = fold_key(dir, dimension, level, tenant, k);
            let row = rows.entry(key.clone()).or_insert_with(|| blank(key, label));
            row.published.get_or_insert_with(Figs::default).add(f);
        }
    }
    for r in rows.values() {
        total.current.add(&r.current);
        total.last_year.add(&r.last_year);
        total.previous.add(&r.previous);
        if let (Some(t), Some(p)) = (total.published.as_mut(), r.published.as_ref()) {
            t.add(p);
        }
    }
    Ok(Table {
        period,
        division: division.to_string(),
        dimension,
        rows: rows.into_values().collect(),
        total,
        closed,
    })
}

/// Change in percent from `base`, none when the base is 0.
pub fn change(now: i64, base: i64) -> Option<f64> {
    (base != 0).then(|| ((now - base) as f64 / base as f64 * 1000.0).round() / 10.0)
}

/// The province's denominators of one year (policy `accident.denominators`):
/// GDP in 亿元 and workers, by division code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Denominator {
    pub gdp_yi: Option<f64>,
    pub workers: Option<i64>,
}

/// Denominators of every year: year → division → values.
pub type Denominators = HashMap<String, HashMap<String, Denominator>>;

/// The stored denominators.
pub async fn denominators(tx: &mut Tx) -> Result<Denominators> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(crate::DENOMINATORS_KEY))
        .await?;
    Ok(match row {
        Some(r) => serde_json::from_str(&r.try_get::<String, _>("value")?)?,
        None => Denominators::default(),
    })
}

/// Deaths per 亿元 of GDP and per 100,000 workers, where known.
pub fn rates(d: Option<&Denominator>, deaths: i64) -> (Option<f64>, Option<f64>) {
    let Some(d) = d else { return (None, None) };
    let gdp = d.gdp_yi.filter(|g| *g > 0.0).map(|g| deaths as f64 / g);
    let workers = d
        .workers
        .filter(|w| *w > 0)
        .map(|w| deaths as f64 * 100_000.0 / w as f64);
    (gdp, workers)
}

/// Months 1–12 of `year` and of the year before, for the trend chart.
pub async fn trend(tx: &mut Tx, tenants: &[String], year: i64) -> Result<Vec<(i64, Figs, Figs)>> {
    let sql = tx.sql(&format!(
        "SELECT ym, COUNT(*) AS n, {SUMS} FROM acc_accidents WHERE {{tenant}} AND tenant_id IN {} \
         AND ym BETWEEN {} AND {} GROUP BY ym",
        in_list(tenants),
        (year - 1) * 100 + 1,
        year * 100 + 12
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    let mut by: HashMap<i64, Figs> = HashMap::new();
    for r in &rows {
        by.insert(r.try_get("ym")?, figs(r)?);
    }
    Ok((1..=12)
        .map(|m| {
            let cur = by.get(&(year * 100 + m)).copied().unwrap_or_default();
            let last = by.get(&((year - 1) * 100 + m)).copied().unwrap_or_default();
            (m, cur, last)
        })
        .collect())
}

/// Closes month `ym` for the counties given: their figures are frozen as
/// published. Months not yet over cannot be closed; a county whose month
/// is closed already is left as it is. Returns how many counties closed.
pub async fn close_month(
    tx: &mut Tx,
    tenants: &[String],
    ym: i64,
    by: &str,
    now: i64,
) -> Result<usize> {
    if model::month_of(now) <= ym {
        return Err(AccError::conflict(
            format!("{ym} 月尚未结束，不能关账"),
            format!("month {ym} is not over yet and cannot be closed"),
        ));
    }
    let mut n = 0;
    for t in tenants {
        let exists = tx
            .sql("SELECT COUNT(*) FROM acc_months WHERE {tenant} AND tenant_id = $1 AND ym = $2")?;
        if tx
            .scalar(sqlx::query(&exists).bind(t.clone()).bind(ym))
            .await?
            > 0
        {
            continue;
        }
        tx.exec(
            sqlx::query("INSERT INTO acc_months (tenant_id, ym, closed_at, closed_by) VALUES ($1, $2, $3, $4)")
                .bind(t.clone())
                .bind(ym)
                .bind(now)
                .bind(by.to_string()),
        )
        .await?;
        tx.exec(
            sqlx::query(
                "INSERT INTO acc_published (tenant_id, ym, division_code, industry_section, accident_type, grade, size, \
                 accidents, deaths, serious_injuries, minor_injuries, direct_loss_wan) \
                 SELECT tenant_id, ym, division_code, industry_section, accident_type, grade, size, COUNT(*) AS n, \
                 CAST(SUM(deaths) AS BIGINT), CAST(SUM(serious_injuries) AS BIGINT), CAST(SUM(minor_injuries) AS BIGINT), \
                 CAST(SUM(direct_loss_wan) AS DOUBLE PRECISION) \
                 FROM acc_accidents WHERE tenant_id = $1 AND ym = $2 \
                 GROUP BY tenant_id, ym, division_code, industry_section, accident_type, grade, size",
            )
            .bind(t.clone())
            .bind(ym),
        )
        .await?;
        n += 1;
    }
    Ok(n)
}

/// Whether `ym` is closed for county `tenant`.
pub async fn is_closed(tx: &mut Tx, tenant: &str, ym: i64) -> Result<bool> {
    let sql =
        tx.sql("SELECT COUNT(*) FROM acc_months WHERE {tenant} AND tenant_id = $1 AND ym = $2")?;
    Ok(tx
        .scalar(sqlx::query(&sql).bind(tenant.to_string()).bind(ym))
        .await?
        > 0)
}
