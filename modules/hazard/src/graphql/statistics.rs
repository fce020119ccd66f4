//! Supervision statistics: province -> city -> county -> enterprise.

use super::*;

/// Figures of one row of the statistics.
#[derive(SimpleObject, Clone)]
pub struct HazardFigures {
    /// The group's key: a tenant code, month, industry, level, source or enterprise id.
    pub key: String,
    /// Its name (tenants and enterprises).
    pub name: String,
    pub found: i64,
    pub rectified: i64,
    /// Found and not yet closed.
    pub open: i64,
    /// rectified / found (0 when none found).
    pub rectification_rate: f64,
    pub overdue: i64,
    pub on_time: i64,
    /// onTime / rectified (0 when none rectified).
    pub on_time_rate: f64,
    /// 重大 listed for supervision.
    pub listed: i64,
    /// Listed and closed (销号).
    pub listed_closed: i64,
}

fn figures(key: String, name: String, c: Counts) -> HazardFigures {
    let rate = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    HazardFigures {
        key,
        name,
        found: c.found,
        rectified: c.rectified,
        open: c.found - c.rectified,
        rectification_rate: rate(c.rectified, c.found),
        overdue: c.overdue,
        on_time: c.on_time,
        on_time_rate: rate(c.on_time, c.rectified),
        listed: c.listed,
        listed_closed: c.listed_closed,
    }
}

/// Grouping of the statistics.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum HazardStatsGroup {
    /// The division's children: a province's cities, a city's counties, a county's enterprises.
    Division,
    Month,
    Industry,
    Level,
    Source,
}

/// Which hazards the statistics count.
#[derive(InputObject, Default)]
pub struct HazardStatsFilter {
    /// A tenant code: the province, a city or a county (default: the caller's tenant).
    pub division: Option<String>,
    /// A calendar year (months found).
    pub year: Option<i32>,
    /// YYYY-MM, inclusive.
    pub from_month: Option<String>,
    pub to_month: Option<String>,
    pub industry: Option<String>,
    pub level: Option<String>,
    pub source: Option<String>,
}

/// Statistics: the total and one row per group.
#[derive(SimpleObject)]
pub struct HazardStatistics {
    pub division: String,
    pub total: HazardFigures,
    pub rows: Vec<HazardFigures>,
}

fn month_arg(field: &str, v: Option<String>) -> anjian_platform::Result<Option<String>> {
    v.map(|m| {
        let m = m.trim().to_string();
        chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map(|d| d.format("%Y-%m").to_string())
            .map_err(|_| Error::field(field, "月份格式应为 YYYY-MM", "a month is YYYY-MM"))
    })
    .transpose()
}

pub(super) async fn dashboard(
    r: &Req,
    f: HazardStatsFilter,
    group: HazardStatsGroup,
    recount: bool,
) -> anjian_platform::Result<HazardStatistics> {
    let who = r.require(Permission::Module(PERM_READ))?;
    if recount && !who.has_role(Role::ProvinceAdmin) {
        // A recount reads every hazard: the province checks the roll-up, nobody else.
        return Err(Error::Forbidden("only the province recounts".into()));
    }
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    let division = f.division.clone().unwrap_or_else(|| who.tenant.clone());
    let Some(div) = dir.get(&division) else {
        return Err(Error::field(
            "division",
            "行政区划不存在",
            "no such division",
        ));
    };
    if !who.scope.contains(&division) {
        return Err(Error::Forbidden(format!(
            "division {division} is not visible"
        )));
    }
    // Each county of the division, and the division's child it rolls up to.
    let mut counties: Vec<(String, String)> = Vec::new();
    for t in dir.all() {
        if t.level != anjian_platform::tenancy::Level::County {
            continue;
        }
        let mut child = t.code.clone();
        let mut at = Some(t);
        let mut inside = false;
        while let Some(x) = at {
            if x.code == division {
                inside = true;
                break;
            }
            child = x.code.clone();
            at = x.parent_code.as_deref().and_then(|c| dir.get(c));
        }
        if inside {
            counties.push((
                t.code.clone(),
                if t.code == division {
                    t.code.clone()
                } else {
                    child
                },
            ));
        }
    }
    let (mut from_month, mut to_month) = (
        month_arg("fromMonth", f.from_month)?,
        month_arg("toMonth", f.to_month)?,
    );
    if let Some(y) = f.year {
        from_month = Some(format!("{y:04}-01"));
        to_month = Some(format!("{y:04}-12"));
    }
    let scope = stats::Scope {
        counties: Some(counties.iter().map(|(c, _)| c.clone()).collect()),
        from_month,
        to_month,
        industry: f.industry,
        level: f.level,
        source: f.source,
    };
    let by_county = div.level == anjian_platform::tenancy::Level::County;
    let dims: &[Dim] = match group {
        HazardStatsGroup::Division => &[Dim::County],
        HazardStatsGroup::Month => &[Dim::Month],
        HazardStatsGroup::Industry => &[Dim::Industry],
        HazardStatsGroup::Level => &[Dim::Level],
        HazardStatsGroup::Source => &[Dim::Source],
    };
    // A county's enterprises are listed up to a limit; its total comes from
    // the roll-up, whole.
    let mut whole = None;
    let rows = if group == HazardStatsGroup::Division && by_county {
        let mut tx = r.read().await?;
        let all = if recount {
            stats::recount(&mut tx, &scope, &[]).await.gql()?
        } else {
            stats::grouped(&mut tx, &scope, &[]).await.gql()?
        };
        whole = Some(all.into_iter().fold(Counts::default(), |mut t, (_, c)| {
            t.add(c);
            t
        }));
        let rows = stats::by_enterprise(&mut tx, &scope).await.gql()?;
        tx.end_read();
        rows
    } else if recount {
        let mut tx = r.read().await?;
        let rows = stats::recount(&mut tx, &scope, dims).await.gql()?;
        tx.end_read();
        rows
    } else {
        crate::stats_cache::grouped(r, &scope, dims)
            .await
            .gql()?
            .as_ref()
            .clone()
    };
    let mut total = Counts::default();
    let mut groups: std::collections::BTreeMap<String, (String, Counts)> = Default::default();
    for (keys, c) in rows {
        total.add(c);
        let (key, name) = match group {
            HazardStatsGroup::Division if by_county => {
                (keys[0].clone(), keys.get(1).cloned().unwrap_or_default())
            }
            HazardStatsGroup::Division => {
                let child = counties
                    .iter()
                    .find(|(c, _)| *c == keys[0])
                    .map(|(_, ch)| ch.clone())
                    .unwrap_or_else(|| keys[0].clone());
                let name = dir.get(&child).map(|t| t.name.clone()).unwrap_or_default();
                (child, name)
            }
            _ => (keys[0].clone(), keys[0].clone()),
        };
        groups
            .entry(key)
            .or_insert_with(|| (name, Counts::default()))
            .1
            .add(c);
    }
    Ok(HazardStatistics {
        division: division.clone(),
        total: figures(division, div.name.clone(), whole.unwrap_or(total)),
        rows: groups
            .into_iter()
            .map(|(k, (n, c))| figures(k, n, c))
            .collect(),
    })
}
