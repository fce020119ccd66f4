//! Credit grades (信用等级 A/B/C/D): the base from the standardization grade,
//! lowered by credit events in the window and by broken commitments, D while
//! listed; each with its reasons. Recomputed for one enterprise on each of
//! its events, and for every enterprise (county by county, one short
//! transaction each) after a rule change, as a background job.

use crate::error::Result;
use crate::model::{drop_grade, Rules};
use crate::service::{self, add_months};
use crate::store::penalties::{self, GradeRow};
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::Registry;
use anjian_platform::time::now_ms;
use anjian_platform::{Error, Platform};
use anjian_standardization::model::Grade as StdGrade;
use serde_json::{json, Value};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::Arc;

/// Job kind recomputing every enterprise's grade.
pub const RECOMPUTE_JOB: &str = "credit.recompute";
/// Policy key where the last recomputation reports itself.
pub const RECOMPUTE_STATUS_KEY: &str = "credit.recompute.status";

/// What one enterprise's grade is made of.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub std_grade: Option<StdGrade>,
    /// (trigger, occurred at) of its credit events.
    pub events: Vec<(String, i64)>,
    pub listed: bool,
    pub broken_commitments: i64,
}

fn reason(code: &str, zh: &str, effect: &str) -> Value {
    json!({"code": code, "zh": zh, "effect": effect})
}

/// The grade and its reasons under `rules` as of `now`.
pub fn compute(rules: &Rules, i: &Inputs, now: i64) -> (String, Vec<Value>) {
    let b = &rules.grade_base;
    let (base, why) = match i.std_grade {
        Some(StdGrade::One) => (&b.grade1, "安全生产标准化一级"),
        Some(StdGrade::Two) => (&b.grade2, "安全生产标准化二级"),
        Some(StdGrade::Three) => (&b.grade3, "安全生产标准化三级"),
        None => (&b.none, "无有效标准化证书"),
    };
    let mut g: &str = drop_grade(base, 0);
    let mut reasons = vec![reason("base", why, &format!("基础 {g}"))];
    let since = add_months(now, -rules.event_window_months);
    for (t, at) in i.events.iter().filter(|(_, at)| *at >= since) {
        let Some(r) = rules.trigger(t) else { continue };
        if r.grade_drop > 0 {
            g = drop_grade(g, r.grade_drop);
            reasons.push(reason(&r.code, &r.zh, &format!("-{}", r.grade_drop)));
        }
        let _ = at;
    }
    if i.broken_commitments > 0 && rules.broken_commitment_drop > 0 {
        g = drop_grade(g, rules.broken_commitment_drop);
        reasons.push(reason(
            "broken_commitment",
            "违反安全生产承诺",
            &format!("-{}", rules.broken_commitment_drop),
        ));
    }
    if i.listed {
        g = drop_grade(&rules.listed_grade, 0);
        reasons.push(reason("listed", "列入严重失信名单", g));
    }
    (g.to_string(), reasons)
}

/// The county's `credit.assess` rules, if any, applied to the rules' grade
/// (never to a listed enterprise's); their moves join the reasons.
pub fn county_rules(
    tenant: &str,
    (id, uscc): (&str, &str),
    i: &Inputs,
    rules: &Rules,
    now: i64,
    (grade, reasons): (String, Vec<Value>),
) -> (String, Vec<Value>) {
    if i.listed {
        return (grade, reasons);
    }
    let Some(a) = crate::hooks::assessor_for(tenant) else {
        return (grade, reasons);
    };
    let since = add_months(now, -rules.event_window_months);
    let e = crate::hooks::Assessed {
        enterprise_id: id.into(),
        enterprise_uscc: uscc.into(),
        grade: grade.clone(),
        standardization_grade: match i.std_grade {
            Some(StdGrade::One) => 1,
            Some(StdGrade::Two) => 2,
            Some(StdGrade::Three) => 3,
            None => 0,
        },
        events: i
            .events
            .iter()
            .filter(|(_, at)| *at >= since)
            .map(|(t, _)| t.clone())
            .collect(),
        broken_commitments: u32::try_from(i.broken_commitments).unwrap_or(u32::MAX),
    };
    let (mut g, mut reasons) = (grade, reasons);
    for adj in a.assess(tenant, &e, rules.assess_bound) {
        g = drop_grade(&g, adj.steps).to_string();
        reasons.push(reason(
            &format!("plugin:{}", adj.rule),
            &adj.reason,
            &format!("{:+}", adj.steps),
        ));
    }
    (g, reasons)
}

/// Recomputes and stores one enterprise's grade in the caller's transaction.
pub async fn refresh(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Option<GradeRow>> {
    let Some(e) = anjian_enterprise::store::get(tx, enterprise).await? else {
        return Ok(None);
    };
    let rules = service::rules(tx).await?;
    let now = now_ms();
    let certs = anjian_standardization::certificate::of_enterprise(tx, enterprise).await?;
    let std_grade = certs
        .iter()
        .filter(|c| c.status(now) == anjian_standardization::certificate::Status::Valid)
        .map(|c| c.grade)
        .min_by_key(|g| g.as_str());
    let events = crate::store::events_of(tx, tenant, enterprise)
        .await?
        .into_iter()
        .filter(|e| e.withdrawn_at.is_none())
        .map(|e| (e.trigger, e.occurred_at))
        .collect();
    let listed = crate::store::open_listing(tx, tenant, enterprise)
        .await?
        .is_some_and(|l| l.published_at.is_some());
    let broken = penalties::commitments_of(tx, tenant, enterprise)
        .await?
        .iter()
        .filter(|c| c.broken_at.is_some())
        .count() as i64;
    let i = Inputs {
        std_grade,
        events,
        listed,
        broken_commitments: broken,
    };
    let uscc = e.record.uscc.as_str();
    let (grade, reasons) = county_rules(
        tenant,
        (enterprise, uscc),
        &i,
        &rules,
        now,
        compute(&rules, &i, now),
    );
    let row = GradeRow {
        tenant_id: tenant.into(),
        enterprise_id: enterprise.into(),
        uscc: e.record.uscc.as_str().into(),
        name: e.record.name.clone(),
        grade,
        reasons: Value::Array(reasons),
        computed_at: now,
    };
    penalties::upsert_grades(tx, std::slice::from_ref(&row)).await?;
    crate::public::forget(&row.uscc);
    Ok(Some(row))
}

/// Registers the recomputation job.
pub fn register(r: &mut Registry) {
    r.job(
        RECOMPUTE_JOB,
        Arc::new(|p, job| {
            Box::pin(async move {
                let _ = job;
                recompute_all(&p).await.map_err(Error::from)
            })
        }),
    );
}

/// Every county's enterprises, one transaction per county; reports its
/// start, end and count under [`RECOMPUTE_STATUS_KEY`].
pub async fn recompute_all(p: &Platform) -> Result<()> {
    let started = now_ms();
    let dir = p.tenancy.directory(&p.db).await?;
    let counties: Vec<String> = dir
        .all()
        .into_iter()
        .filter(|t| t.level == anjian_platform::tenancy::Level::County)
        .map(|t| t.code.clone())
        .collect();
    let mut total = 0usize;
    for c in &counties {
        let mut tx = p.db.write(Scope::of([c.clone()]), None).await?;
        total += recompute_county(&mut tx, c).await?;
        tx.commit().await?;
    }
    crate::public::forget_all();
    let mut tx = p.db.write(Scope::All, None).await?;
    let status = json!({"startedAt": started, "finishedAt": now_ms(), "enterprises": total});
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, 'system') \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(RECOMPUTE_STATUS_KEY)
        .bind(status.to_string())
        .bind(now_ms()),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        enterprises = total,
        ms = now_ms() - started,
        "credit grades recomputed"
    );
    Ok(())
}

/// Recomputes one county's grades from a handful of set-wise reads.
pub async fn recompute_county(tx: &mut Tx, county: &str) -> Result<usize> {
    let rules = service::rules(tx).await?;
    let now = now_ms();
    let mut inputs: HashMap<String, Inputs> = HashMap::new();
    for (id, g) in anjian_standardization::certificate::valid_grades(tx, county, now).await? {
        inputs.entry(id).or_default().std_grade = Some(g);
    }
    let since = add_months(now, -rules.event_window_months);
    let sql = tx.sql(
        "SELECT enterprise_id, trig, occurred_at FROM cr_events WHERE {tenant} AND tenant_id = $1 AND occurred_at >= $2 \
         AND withdrawn_at IS NULL",
    )?;
    for r in tx
        .all(sqlx::query(&sql).bind(county.to_string()).bind(since))
        .await?
    {
        inputs
            .entry(r.try_get("enterprise_id")?)
            .or_default()
            .events
            .push((r.try_get("trig")?, r.try_get("occurred_at")?));
    }
    let sql = tx.sql(
        "SELECT enterprise_id FROM cr_listings WHERE {tenant} AND tenant_id = $1 \
         AND state IN ('published', 'managed', 'removal_applied')",
    )?;
    for r in tx.all(sqlx::query(&sql).bind(county.to_string())).await? {
        inputs
            .entry(r.try_get("enterprise_id")?)
            .or_default()
            .listed = true;
    }
    let sql = tx.sql(
        "SELECT enterprise_id, COUNT(*) AS n FROM cr_commitments WHERE {tenant} AND tenant_id = $1 \
         AND broken_at IS NOT NULL GROUP BY enterprise_id",
    )?;
    for r in tx.all(sqlx::query(&sql).bind(county.to_string())).await? {
        inputs
            .entry(r.try_get("enterprise_id")?)
            .or_default()
            .broken_commitments = r.try_get("n")?;
    }
    let sql = tx.sql("SELECT id, uscc, name FROM enterprises WHERE {tenant} AND tenant_id = $1")?;
    let rows = tx.all(sqlx::query(&sql).bind(county.to_string())).await?;
    let none = Inputs::default();
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get("id")?;
        let uscc: String = r.try_get("uscc")?;
        let i = inputs.get(&id).unwrap_or(&none);
        let (grade, reasons) = county_rules(
            county,
            (&id, &uscc),
            i,
            &rules,
            now,
            compute(&rules, i, now),
        );
        out.push(GradeRow {
            tenant_id: county.into(),
            enterprise_id: id,
            uscc,
            name: r.try_get("name")?,
            grade,
            reasons: Value::Array(reasons),
            computed_at: now,
        });
    }
    penalties::upsert_grades(tx, &out).await?;
    Ok(out.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_follow_standardization_events_commitments_and_listing() {
        let r = Rules::default();
        let now = 1_780_000_000_000;
        let mut i = Inputs {
            std_grade: Some(StdGrade::One),
            ..Inputs::default()
        };
        assert_eq!(compute(&r, &i, now).0, "A");
        i.events.push(("penalty".into(), now - 1000));
        assert_eq!(compute(&r, &i, now).0, "B");
        // Outside the window, an event no longer counts.
        i.events.push(("penalty".into(), add_months(now, -30)));
        assert_eq!(compute(&r, &i, now).0, "B");
        i.broken_commitments = 1;
        let (g, reasons) = compute(&r, &i, now);
        assert_eq!(g, "C");
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        i.listed = true;
        assert_eq!(compute(&r, &i, now).0, "D");
        assert_eq!(compute(&r, &Inputs::default(), now).0, "B");
    }
}
