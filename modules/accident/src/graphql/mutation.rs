//! Accident mutations: the flash report and its climb, follow-ups, the
//! investigation, findings, rules, denominators and closing months.

use super::{
    step, AccidentDenominatorInput, AccidentFindingKind, AccidentFollowUpInput, AccidentNode,
    InvestigationReportInput, Platform as _, ReportAccidentInput,
};
use crate::investigation::{self, NewReport};
use crate::model::{FindingKind, Rules};
use crate::service;
use crate::stats::{self, Denominator};
use crate::store::Responsibility;
use crate::{DENOMINATORS_KEY, PERM_GOVERN, RULES_KEY};
use anjian_platform::api::context::req;
use anjian_platform::db::Tx;
use anjian_platform::rbac::Permission;
use anjian_platform::time::now_ms;
use anjian_platform::{Error, FieldError};
use async_graphql::{Context, Json, Object, Result};

/// Accident mutations.
#[derive(Default)]
pub struct AccidentMutation;

async fn save_policy(
    tx: &mut Tx,
    key: &str,
    value: String,
    by: &str,
) -> anjian_platform::Result<()> {
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(key.to_string())
        .bind(value)
        .bind(now_ms())
        .bind(by.to_string()),
    )
    .await?;
    Ok(())
}

#[Object]
impl AccidentMutation {
    /// The province sets its rules (thresholds, time limits, duties).
    async fn set_accident_rules(
        &self,
        ctx: &Context<'_>,
        rules: Json<Rules>,
    ) -> Result<Json<Rules>> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_GOVERN))?;
        rules.0.check().map_err(Error::Validation)?;
        let mut tx = r.write().await?;
        let text = serde_json::to_string(&rules.0).map_err(Error::internal)?;
        save_policy(&mut tx, RULES_KEY, text, &who.username).await?;
        r.commit(tx).await?;
        Ok(rules)
    }

    /// The province gives a year's denominators (GDP in 亿元, workers) by division.
    async fn set_accident_denominators(
        &self,
        ctx: &Context<'_>,
        year: i64,
        entries: Vec<AccidentDenominatorInput>,
    ) -> Result<Json<stats::Denominators>> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_GOVERN))?;
        stats::Period::parse(year, None, None).gql()?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut errs = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if dir.get(&e.division).is_none() {
                errs.push(FieldError::new(
                    &format!("entries.{i}.division"),
                    "区划不存在",
                    "unknown division",
                ));
            }
            if e.gdp_yi.is_some_and(|g| !g.is_finite() || g <= 0.0)
                || e.workers.is_some_and(|w| w <= 0)
            {
                errs.push(FieldError::new(
                    &format!("entries.{i}"),
                    "GDP 和从业人数应为正数",
                    "GDP and workers must be positive",
                ));
            }
        }
        if !errs.is_empty() {
            return Err(Error::Validation(errs).into());
        }
        let mut tx = r.write().await?;
        let mut all = stats::denominators(&mut tx).await.gql()?;
        let year_map = all.entry(year.to_string()).or_default();
        for e in entries {
            year_map.insert(
                e.division,
                Denominator {
                    gdp_yi: e.gdp_yi,
                    workers: e.workers,
                },
            );
        }
        let text = serde_json::to_string(&all).map_err(Error::internal)?;
        save_policy(&mut tx, DENOMINATORS_KEY, text, &who.username).await?;
        r.commit(tx).await?;
        Ok(Json(all))
    }

    /// A flash report (快报) by the unit or its county.
    async fn report_accident(
        &self,
        ctx: &Context<'_>,
        input: ReportAccidentInput,
    ) -> Result<AccidentNode> {
        let input = input.into();
        Ok(AccidentNode(step!(ctx, |tx, audit, _dir, a| {
            service::report(&mut tx, &audit, &a, input)
        })))
    }

    /// The level holding the report acknowledges it (签收).
    async fn acknowledge_accident(&self, ctx: &Context<'_>, id: String) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            service::acknowledge(&mut tx, &audit, &dir, &a, &id)
        })))
    }

    /// The level holding the report passes it up (逐级上报).
    async fn pass_accident_up(&self, ctx: &Context<'_>, id: String) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            service::pass_up(&mut tx, &audit, &dir, &a, &id)
        })))
    }

    /// A follow-up (续报/补报) with the figures as they stand now.
    async fn follow_up_accident(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: AccidentFollowUpInput,
    ) -> Result<AccidentNode> {
        let input = input.into();
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            service::follow_up(&mut tx, &audit, &dir, &a, &id, input)
        })))
    }

    /// The province approves or refuses a late follow-up.
    async fn decide_accident_follow_up(
        &self,
        ctx: &Context<'_>,
        id: String,
        seq: i64,
        approve: bool,
        reason: Option<String>,
    ) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            service::decide_follow_up(
                &mut tx,
                &audit,
                &dir,
                &a,
                &id,
                service::Decision {
                    seq,
                    approve,
                    reason,
                },
            )
        })))
    }

    /// A department records a finding (迟报, 瞒报, 谎报).
    async fn record_accident_finding(
        &self,
        ctx: &Context<'_>,
        id: String,
        kind: AccidentFindingKind,
        detail: String,
    ) -> Result<AccidentNode> {
        let kind = match kind {
            AccidentFindingKind::LateReport => FindingKind::LateReport,
            AccidentFindingKind::Concealed => FindingKind::Concealed,
            AccidentFindingKind::FalseReport => FindingKind::FalseReport,
        };
        Ok(AccidentNode(step!(ctx, |tx, _audit, _dir, a| {
            service::record_finding(&mut tx, &a, &id, kind, detail)
        })))
    }

    /// The responsible level extends the investigation once.
    async fn extend_accident_investigation(
        &self,
        ctx: &Context<'_>,
        id: String,
        reason: String,
    ) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            investigation::extend(&mut tx, &audit, &dir, &a, &id, reason)
        })))
    }

    /// The responsible level submits the investigation report.
    async fn submit_accident_investigation(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: InvestigationReportInput,
    ) -> Result<AccidentNode> {
        let input = NewReport {
            summary: input.summary,
            cause: input.cause,
            measures: input.measures,
            responsibilities: input
                .responsibilities
                .into_iter()
                .map(|r| Responsibility {
                    party: r.party,
                    uscc: r.uscc,
                    finding: r.finding,
                    handling: r.handling,
                })
                .collect(),
        };
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            investigation::submit(&mut tx, &audit, &dir, &a, &id, input)
        })))
    }

    /// The responsible level records the report's approval (批复).
    async fn approve_accident_investigation(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            investigation::approve(&mut tx, &audit, &dir, &a, &id)
        })))
    }

    /// The responsible level reviews the rectification and closes the file (结案).
    async fn close_accident(
        &self,
        ctx: &Context<'_>,
        id: String,
        rectification: String,
    ) -> Result<AccidentNode> {
        Ok(AccidentNode(step!(ctx, |tx, audit, dir, a| {
            investigation::close(&mut tx, &audit, &dir, &a, &id, rectification)
        })))
    }

    /// The province closes a month: each county's figures are frozen as
    /// published. Returns how many counties it closed.
    async fn close_accident_month(
        &self,
        ctx: &Context<'_>,
        year: i64,
        month: i64,
        division: Option<String>,
    ) -> Result<i64> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_GOVERN))?;
        stats::Period::parse(year, None, Some(month)).gql()?;
        let division = division.unwrap_or_else(|| who.tenant.clone());
        if division != who.tenant && !r.scope().contains(&division) {
            return Err(Error::NotFound("division".into()).into());
        }
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let (_, tenants) = stats::counties_under(&dir, &division).gql()?;
        let mut tx = r.write().await?;
        let n = stats::close_month(
            &mut tx,
            &tenants,
            year * 100 + month,
            &who.username,
            now_ms(),
        )
        .await
        .gql()?;
        r.commit(tx).await?;
        Ok(n as i64)
    }
}
