//! Accident queries: reports, the duty board's clocks, statistics.

use super::{
    actor, dt, AccidentClock, AccidentCode, AccidentDimension, AccidentNode, AccidentRecord,
    AccidentStatRow, AccidentStatistics, AccidentTrendPoint, Platform as _,
};
use crate::model::{self, AccidentType, Grade, Rules, State};
use crate::service::{self, Actor};
use crate::stats::{self, Period};
use crate::{report, store};
use anjian_platform::api::context::{req, Req};
use anjian_platform::api::relay::{page, window, Page};
use anjian_platform::time::now_ms;
use anjian_platform::Error;
use async_graphql::{Context, Json, Object, Result};

/// Accident queries.
#[derive(Default)]
pub struct AccidentQuery;

fn invalid(e: anjian_platform::FieldError) -> Error {
    Error::Validation(vec![e])
}

/// The division a statistic is about: the given one (which must be the
/// caller's own or under it), else the caller's own.
async fn division_of(r: &Req, a: &Actor, division: Option<String>) -> Result<String> {
    if a.enterprise.is_some() {
        return Err(Error::Forbidden("statistics are for supervision departments".into()).into());
    }
    let d = division.unwrap_or_else(|| a.tenant.clone());
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    if !r.scope().contains(&d) && d != a.tenant {
        return Err(Error::NotFound("division".into()).into());
    }
    if dir.get(&d).is_none() {
        return Err(Error::NotFound("division".into()).into());
    }
    Ok(d)
}

/// `YYYY-MM` as `YYYYMM`.
fn month(field: &str, v: Option<String>) -> Result<Option<i64>> {
    let Some(s) = v else { return Ok(None) };
    let bad = || {
        invalid(anjian_platform::FieldError::new(
            field,
            "月份格式应为 YYYY-MM",
            "months are YYYY-MM",
        ))
    };
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let (y, m): (i64, i64) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(2000..=2100).contains(&y) {
        return Err(bad().into());
    }
    Ok(Some(y * 100 + m))
}

#[Object]
impl AccidentQuery {
    /// The province's accident rules (thresholds, time limits, duties).
    async fn accident_rules(&self, ctx: &Context<'_>) -> Result<Json<Rules>> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(Json(rules))
    }

    /// The code lists a report form needs: types, grades, industry sections.
    async fn accident_codes(&self) -> Json<serde_json::Value> {
        let types: Vec<AccidentCode> = AccidentType::ALL
            .iter()
            .map(|t| AccidentCode {
                code: t.as_str().into(),
                name: t.zh().into(),
            })
            .collect();
        let grades: Vec<AccidentCode> = Grade::ALL
            .iter()
            .map(|g| AccidentCode {
                code: g.as_str().into(),
                name: g.zh().into(),
            })
            .collect();
        let sections: Vec<AccidentCode> = model::sections()
            .map(|(c, n)| AccidentCode {
                code: c.to_string(),
                name: n.into(),
            })
            .collect();
        let pair = |l: Vec<AccidentCode>| -> serde_json::Value {
            l.into_iter()
                .map(|c| serde_json::json!({"code": c.code, "name": c.name}))
                .collect()
        };
        Json(
            serde_json::json!({"types": pair(types), "grades": pair(grades), "sections": pair(sections)}),
        )
    }

    /// Accidents the caller may see, latest first. Months are `YYYY-MM`.
    #[allow(clippy::too_many_arguments)]
    async fn accidents(
        &self,
        ctx: &Context<'_>,
        state: Option<String>,
        grade: Option<String>,
        enterprise_id: Option<String>,
        from_month: Option<String>,
        to_month: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<AccidentNode>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let (limit, offset) = window(first, after)?;
        let f = store::Filter {
            enterprise_id: a.enterprise.map(|e| e.1).or(enterprise_id),
            state: state
                .map(|s| State::parse(&s))
                .transpose()
                .map_err(invalid)?,
            grade: grade
                .map(|g| Grade::parse(&g))
                .transpose()
                .map_err(invalid)?,
            from_ym: month("fromMonth", from_month)?,
            to_ym: month("toMonth", to_month)?,
        };
        let mut tx = r.read().await?;
        let (list, total) = store::list(&mut tx, &f, limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(AccidentNode).collect(),
            offset,
            total,
        ))
    }

    /// One accident, if the caller may see it.
    async fn accident(&self, ctx: &Context<'_>, id: String) -> Result<AccidentNode> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let acc = service::visible(&mut tx, &a, &id).await.gql()?;
        tx.commit().await?;
        Ok(AccidentNode(acc))
    }

    /// The duty officer's board: open clocks of the caller's area, soonest
    /// due first.
    async fn accident_clocks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> Result<Vec<AccidentClock>> {
        let r = req(ctx);
        let a = actor(r).await?;
        if a.enterprise.is_some() {
            return Err(
                Error::Forbidden("the duty board is for supervision departments".into()).into(),
            );
        }
        let limit = i64::from(first.unwrap_or(100).clamp(1, 500));
        let mut tx = r.read().await?;
        let list = store::open_clocks(&mut tx, limit).await.gql()?;
        tx.commit().await?;
        let now = now_ms();
        Ok(list
            .into_iter()
            .map(|c| AccidentClock::of(c, now))
            .collect())
    }

    /// Statistics of a year, quarter or month, by a dimension, for a
    /// division (the caller's own by default), with last year's same period
    /// and the period before.
    async fn accident_statistics(
        &self,
        ctx: &Context<'_>,
        year: i64,
        quarter: Option<i64>,
        month: Option<i64>,
        by: AccidentDimension,
        division: Option<String>,
    ) -> Result<AccidentStatistics> {
        let r = req(ctx);
        let a = actor(r).await?;
        let period = Period::parse(year, quarter, month).gql()?;
        let division = division_of(r, &a, division).await?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut tx = r.read().await?;
        let t = stats::table(&mut tx, &dir, &division, by.into(), period)
            .await
            .gql()?;
        let dens = stats::denominators(&mut tx).await.gql()?;
        tx.commit().await?;
        let year_dens = dens.get(&year.to_string());
        let den = |k: &str| year_dens.and_then(|m| m.get(k));
        let rows = t
            .rows
            .iter()
            .map(|row| {
                let d = if by == AccidentDimension::Division {
                    den(&row.key)
                } else {
                    None
                };
                AccidentStatRow::of(row, d)
            })
            .collect();
        Ok(AccidentStatistics {
            period: period.label(),
            division_name: dir
                .get(&division)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            total: AccidentStatRow::of(&t.total, den(&division)),
            csv: report::table_csv(&t).gql()?,
            division,
            rows,
            closed: t.closed,
        })
    }

    /// Accidents and deaths per month of a year and the year before.
    async fn accident_trend(
        &self,
        ctx: &Context<'_>,
        year: i64,
        division: Option<String>,
    ) -> Result<Vec<AccidentTrendPoint>> {
        let r = req(ctx);
        let a = actor(r).await?;
        Period::parse(year, None, None).gql()?;
        let division = division_of(r, &a, division).await?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let (_, tenants) = stats::counties_under(&dir, &division).gql()?;
        let mut tx = r.read().await?;
        let list = stats::trend(&mut tx, &tenants, year).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|(m, c, l)| AccidentTrendPoint {
                month: m,
                current: c.into(),
                last_year: l.into(),
            })
            .collect())
    }

    /// The monthly report table (事故统计月报表) as CSV.
    async fn accident_monthly_report(
        &self,
        ctx: &Context<'_>,
        year: i64,
        month: i64,
        division: Option<String>,
    ) -> Result<String> {
        let r = req(ctx);
        let a = actor(r).await?;
        let division = division_of(r, &a, division).await?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut tx = r.read().await?;
        let csv = report::monthly(&mut tx, &dir, &division, year, month)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(csv)
    }

    /// An enterprise's accidents of the last `months` months (12 by
    /// default): the record the standardization grade cap and credit use.
    async fn accident_record(
        &self,
        ctx: &Context<'_>,
        enterprise_id: String,
        months: Option<i32>,
    ) -> Result<AccidentRecord> {
        let r = req(ctx);
        let a = actor(r).await?;
        if a.enterprise.as_ref().is_some_and(|e| e.1 != enterprise_id) {
            return Err(Error::NotFound("enterprise".into()).into());
        }
        let months = i64::from(months.unwrap_or(12).clamp(1, 120));
        let since = now_ms() - months * 30 * service::DAY_MS;
        let mut tx = r.read().await?;
        if anjian_enterprise::store::get(&mut tx, &enterprise_id)
            .await?
            .is_none()
        {
            return Err(Error::NotFound("enterprise".into()).into());
        }
        let s = service::record_of(&mut tx, &enterprise_id, since)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(AccidentRecord {
            enterprise_id,
            since: dt(since),
            accidents: s.accidents,
            deaths: s.deaths,
            serious_injuries: s.serious_injuries,
            larger_or_worse: s.larger_or_worse,
            loss_wan: s.loss_wan,
        })
    }

    /// The statistics denominators (year → division → GDP 亿元, workers).
    async fn accident_denominators(&self, ctx: &Context<'_>) -> Result<Json<stats::Denominators>> {
        let r = req(ctx);
        actor(r).await?;
        let mut tx = r.read().await?;
        let d = stats::denominators(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(Json(d))
    }
}
