//! Supervision statistics (隐患统计): a roll-up per county, month found,
//! industry, level and source, kept exact by updating it in the transaction
//! of every change it counts ([`apply`]), so a province dashboard reads a few
//! thousand rows however many hazards there are. [`recount`] computes the
//! same figures straight from the hazards, to check the roll-up.

use crate::error::Result;
use crate::store::Hazard;
use anjian_platform::bulk::{select_sql, Delimited};
use anjian_platform::db::Tx;
use serde_json::Value;
use sqlx::Row;

/// What one hazard adds to its roll-up row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub found: i64,
    /// Closed (整改完成 / 销号).
    pub rectified: i64,
    /// Closed without ever being overdue.
    pub on_time: i64,
    /// Its deadline passed while work was open.
    pub overdue: i64,
    /// Listed for supervision (挂牌督办).
    pub listed: i64,
    /// Listed, and closed (销号).
    pub listed_closed: i64,
}

impl Counts {
    /// One hazard's contribution.
    pub fn of(h: &Hazard) -> Counts {
        let closed = h.state == crate::model::State::Closed;
        Counts {
            found: 1,
            rectified: i64::from(closed),
            on_time: i64::from(closed && !h.overdue),
            overdue: i64::from(h.overdue),
            listed: i64::from(h.was_listed),
            listed_closed: i64::from(closed && h.was_listed),
        }
    }

    fn minus(self, o: Counts) -> Counts {
        Counts {
            found: self.found - o.found,
            rectified: self.rectified - o.rectified,
            on_time: self.on_time - o.on_time,
            overdue: self.overdue - o.overdue,
            listed: self.listed - o.listed,
            listed_closed: self.listed_closed - o.listed_closed,
        }
    }

    /// Adds `o`.
    pub fn add(&mut self, o: Counts) {
        self.found += o.found;
        self.rectified += o.rectified;
        self.on_time += o.on_time;
        self.overdue += o.overdue;
        self.listed += o.listed;
        self.listed_closed += o.listed_closed;
    }
}

/// A roll-up row's key: county, month found, industry, level, source.
pub type Key = (String, String, String, String, String);

fn key(h: &Hazard) -> Key {
    (
        h.tenant_id.clone(),
        h.found_month.clone(),
        h.industry.clone(),
        h.level.as_str().to_string(),
        h.source.as_str().to_string(),
    )
}

/// Moves the roll-up from `old` (None for a new hazard) to `new`.
pub async fn apply(tx: &mut Tx, old: Option<&Hazard>, new: &Hazard) -> Result<()> {
    match old {
        None => bump(tx, &key(new), Counts::of(new)).await,
        Some(o) if key(o) == key(new) => {
            bump(tx, &key(new), Counts::of(new).minus(Counts::of(o))).await
        }
        Some(o) => {
            bump(tx, &key(o), Counts::default().minus(Counts::of(o))).await?;
            bump(tx, &key(new), Counts::of(new)).await
        }
    }
}

/// Adds `d` to the roll-up row `k` (and its monthly row).
pub async fn bump(tx: &mut Tx, k: &Key, d: Counts) -> Result<()> {
    if d == Counts::default() {
        return Ok(());
    }
    tx.ensure_writable(&k.0)?;
    tx.touch(crate::stats_cache::TOPIC);
    let set = "found = {t}.found + excluded.found, rectified = {t}.rectified + excluded.rectified, \
        on_time = {t}.on_time + excluded.on_time, overdue = {t}.overdue + excluded.overdue, \
        listed = {t}.listed + excluded.listed, listed_closed = {t}.listed_closed + excluded.listed_closed";
    let fine = format!(
        "INSERT INTO hazard_stats (tenant_id, found_month, industry, level, source, found, rectified, on_time, \
         overdue, listed, listed_closed) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) \
         ON CONFLICT (tenant_id, found_month, industry, level, source) DO UPDATE SET {}",
        set.replace("{t}", "hazard_stats")
    );
    let monthly = format!(
        "INSERT INTO hazard_stats_monthly (tenant_id, found_month, level, source, found, rectified, on_time, \
         overdue, listed, listed_closed) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) \
         ON CONFLICT (tenant_id, found_month, level, source) DO UPDATE SET {}",
        set.replace("{t}", "hazard_stats_monthly")
    );
    let counts = [
        d.found,
        d.rectified,
        d.on_time,
        d.overdue,
        d.listed,
        d.listed_closed,
    ];
    let mut q = sqlx::query(&fine)
        .bind(k.0.clone())
        .bind(k.1.clone())
        .bind(k.2.clone())
        .bind(k.3.clone())
        .bind(k.4.clone());
    for c in counts {
        q = q.bind(c);
    }
    tx.exec(q).await?;
    let mut q = sqlx::query(&monthly)
        .bind(k.0.clone())
        .bind(k.1.clone())
        .bind(k.3.clone())
        .bind(k.4.clone());
    for c in counts {
        q = q.bind(c);
    }
    tx.exec(q).await?;
    Ok(())
}

/// Adds many roll-up rows at once (the generator's totals). On PostgreSQL
/// each table takes one statement per call, the rows sent as one delimited
/// parameter; elsewhere, and when a key can't be delimited, row by row.
/// Each key appears once in `rows`.
pub async fn bump_many(tx: &mut Tx, rows: &[(Key, Counts)]) -> Result<()> {
    for (k, _) in rows {
        tx.ensure_writable(&k.0)?;
    }
    tx.touch(crate::stats_cache::TOPIC);
    if tx.bulk_select() && rows.len() > 1 {
        if let Some(text) = delimited(rows) {
            return bump_many_pg(tx, text).await;
        }
    }
    for (k, d) in rows {
        bump(tx, k, *d).await?;
    }
    Ok(())
}

const COUNT_COLUMNS: &str = "found, rectified, on_time, overdue, listed, listed_closed";

fn delimited(rows: &[(Key, Counts)]) -> Option<String> {
    let mut d = Delimited::with_capacity(rows.len() * 64);
    for ((t, m, i, l, s), c) in rows {
        d.row()
            .text(Some(t))
            .text(Some(m))
            .text(Some(i))
            .text(Some(l))
            .text(Some(s));
        for n in [
            c.found,
            c.rectified,
            c.on_time,
            c.overdue,
            c.listed,
            c.listed_closed,
        ] {
            d.int(Some(n));
        }
    }
    d.finish()
}

async fn bump_many_pg(tx: &mut Tx, text: String) -> Result<()> {
    let cols: Vec<(&str, &str)> = ["tenant_id", "found_month", "industry", "level", "source"]
        .into_iter()
        .map(|c| (c, "text"))
        .chain(COUNT_COLUMNS.split(", ").map(|c| (c, "int8")))
        .collect();
    let rows = select_sql("$1", &cols);
    let add = |t: &str| {
        COUNT_COLUMNS
            .split(", ")
            .map(|c| format!("{c} = {t}.{c} + excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sums = COUNT_COLUMNS
        .split(", ")
        .map(|c| format!("sum({c})::int8"))
        .collect::<Vec<_>>()
        .join(", ");
    // One statement unpacks the batch once and upserts both tables. The
    // monthly table has no industry: rows of one month, level and source
    // are summed first (a statement may not update a row twice).
    let sql = format!(
        "WITH r AS MATERIALIZED ({rows}), \
         fine AS (INSERT INTO hazard_stats (tenant_id, found_month, industry, level, source, {COUNT_COLUMNS}) \
                  SELECT * FROM r \
                  ON CONFLICT (tenant_id, found_month, industry, level, source) DO UPDATE SET {}) \
         INSERT INTO hazard_stats_monthly (tenant_id, found_month, level, source, {COUNT_COLUMNS}) \
         SELECT tenant_id, found_month, level, source, {sums} FROM r \
         GROUP BY tenant_id, found_month, level, source \
         ON CONFLICT (tenant_id, found_month, level, source) DO UPDATE SET {}",
        add("hazard_stats"),
        add("hazard_stats_monthly")
    );
    tx.exec(sqlx::query(&sql).bind(text)).await?;
    Ok(())
}

/// A dimension figures are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    County,
    Month,
    Industry,
    Level,
    Source,
}

impl Dim {
    fn column(self) -> &'static str {
        match self {
            Dim::County => "tenant_id",
            Dim::Month => "found_month",
            Dim::Industry => "industry",
            Dim::Level => "level",
            Dim::Source => "source",
        }
    }
}

/// Which roll-up rows count.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Counties (none: every visible county).
    pub counties: Option<Vec<String>>,
    /// `YYYY-MM`, inclusive.
    pub from_month: Option<String>,
    pub to_month: Option<String>,
    pub industry: Option<String>,
    pub level: Option<String>,
    pub source: Option<String>,
}

fn conditions(s: &Scope, alias_month: &str) -> (String, Vec<Value>) {
    let mut cond = String::from("{tenant}");
    let mut binds: Vec<Value> = Vec::new();
    let mut add = |c: String, v: Value, cond: &mut String| {
        binds.push(v);
        cond.push_str(&format!(" AND {c} ${}", binds.len()));
    };
    if let Some(m) = &s.from_month {
        add(format!("{alias_month} >="), m.clone().into(), &mut cond);
    }
    if let Some(m) = &s.to_month {
        add(format!("{alias_month} <="), m.clone().into(), &mut cond);
    }
    for (col, v) in [
        ("industry", &s.industry),
        ("level", &s.level),
        ("source", &s.source),
    ] {
        if let Some(v) = v {
            add(format!("{col} ="), v.clone().into(), &mut cond);
        }
    }
    if let Some(list) = &s.counties {
        if list.is_empty() {
            cond.push_str(" AND 1 = 0");
        } else {
            let start = binds.len();
            let marks: Vec<String> = (0..list.len())
                .map(|i| format!("${}", start + i + 1))
                .collect();
            cond.push_str(&format!(" AND tenant_id IN ({})", marks.join(",")));
            binds.extend(list.iter().map(|c| Value::from(c.clone())));
        }
    }
    (cond, binds)
}

const ROLLUP: &str = "CAST(COALESCE(SUM(found),0) AS BIGINT) AS found, \
    CAST(COALESCE(SUM(rectified),0) AS BIGINT) AS rectified, \
    CAST(COALESCE(SUM(on_time),0) AS BIGINT) AS on_time, CAST(COALESCE(SUM(overdue),0) AS BIGINT) AS overdue, \
    CAST(COALESCE(SUM(listed),0) AS BIGINT) AS listed, \
    CAST(COALESCE(SUM(listed_closed),0) AS BIGINT) AS listed_closed";

/// Figures grouped by `dims` from the roll-up: (the dims' values, counts).
pub async fn grouped(tx: &mut Tx, s: &Scope, dims: &[Dim]) -> Result<Vec<(Vec<String>, Counts)>> {
    // Without the industry, the smaller roll-up has the same figures.
    let table = if s.industry.is_some() || dims.contains(&Dim::Industry) {
        "hazard_stats"
    } else {
        "hazard_stats_monthly"
    };
    group_by(tx, s, dims, ROLLUP, table).await
}

/// `figures` over `table` within `s`, grouped by `dims`.
async fn group_by(
    tx: &mut Tx,
    s: &Scope,
    dims: &[Dim],
    figures: &str,
    table: &str,
) -> Result<Vec<(Vec<String>, Counts)>> {
    let (cond, binds) = conditions(s, "found_month");
    let cols: Vec<&str> = dims.iter().map(|d| d.column()).collect();
    let (select, group) = if cols.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("{}, ", cols.join(", ")),
            format!(" GROUP BY {}", cols.join(", ")),
        )
    };
    let sql = tx.sql(&format!(
        "SELECT {select}{figures} FROM {table} WHERE {cond}{group}"
    ))?;
    let rows = tx
        .all(crate::store::bind_all(sqlx::query(&sql), &binds))
        .await?;
    rows.iter()
        .map(|r| {
            let keys = cols
                .iter()
                .map(|c| r.try_get::<String, _>(*c))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Ok((keys, counts(r)?))
        })
        .collect()
}

fn counts(r: &sqlx::any::AnyRow) -> Result<Counts> {
    Ok(Counts {
        found: r.try_get("found")?,
        rectified: r.try_get("rectified")?,
        on_time: r.try_get("on_time")?,
        overdue: r.try_get("overdue")?,
        listed: r.try_get("listed")?,
        listed_closed: r.try_get("listed_closed")?,
    })
}

const RECOUNT: &str = "CAST(COUNT(*) AS BIGINT) AS found, \
    CAST(COALESCE(SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END),0) AS BIGINT) AS rectified, \
    CAST(COALESCE(SUM(CASE WHEN state = 'closed' AND overdue = 0 THEN 1 ELSE 0 END),0) AS BIGINT) AS on_time, \
    CAST(COALESCE(SUM(overdue),0) AS BIGINT) AS overdue, \
    CAST(COALESCE(SUM(was_listed),0) AS BIGINT) AS listed, \
    CAST(COALESCE(SUM(CASE WHEN state = 'closed' AND was_listed = 1 THEN 1 ELSE 0 END),0) AS BIGINT) AS listed_closed";

/// The same figures as [`grouped`], counted straight from the hazards.
pub async fn recount(tx: &mut Tx, s: &Scope, dims: &[Dim]) -> Result<Vec<(Vec<String>, Counts)>> {
    group_by(tx, s, dims, RECOUNT, "hazards").await
}

/// Per enterprise of one county (the last drill-down), from the hazards.
pub async fn by_enterprise(tx: &mut Tx, s: &Scope) -> Result<Vec<(Vec<String>, Counts)>> {
    let (cond, binds) = conditions(s, "found_month");
    let sql = tx.sql(&format!(
        "SELECT enterprise_id, MAX(enterprise_name) AS enterprise_name, {RECOUNT} FROM hazards WHERE {cond} \
         GROUP BY enterprise_id ORDER BY found DESC LIMIT 5000"
    ))?;
    let rows = tx
        .all(crate::store::bind_all(sqlx::query(&sql), &binds))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                vec![
                    r.try_get::<String, _>("enterprise_id")?,
                    r.try_get::<String, _>("enterprise_name")?,
                ],
                counts(r)?,
            ))
        })
        .collect()
}
