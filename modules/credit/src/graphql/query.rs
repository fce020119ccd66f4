//! Credit queries for signed-in users: listings, events, penalties, grades,
//! commitments, the rules and the national export.

use super::{
    actor, Code, Commitment, CreditEvent, CreditEventPage, CreditGrade, Listing, ListingPage,
    Penalty, PenaltyPage, Platform as _, Trigger,
};
use crate::model::{ListingState, PenaltyType};
use crate::service::{self, Actor};
use crate::store::{self, penalties};
use anjian_platform::api::context::req;
use anjian_platform::Error;
use async_graphql::{Context, Object, Result};

/// Credit queries.
#[derive(Default)]
pub struct CreditQuery;

fn window(first: i64, offset: i64) -> Result<(i64, i64)> {
    if !(1..=200).contains(&first) || offset < 0 {
        return Err(Error::Validation(vec![anjian_platform::FieldError::new(
            "first",
            "每页 1–200 条，偏移不能为负",
            "first is 1-200 and offset not negative",
        )])
        .into());
    }
    Ok((first, offset))
}

/// Officials only (enterprises see their own listings and grade).
fn officials(a: &Actor) -> Result<()> {
    if a.enterprise.is_some() {
        return Err(Error::Forbidden("for supervision departments".into()).into());
    }
    Ok(())
}

/// The enterprise an enterprise user may ask about: their own only.
fn own_enterprise(a: &Actor, asked: Option<String>) -> Result<Option<String>> {
    match &a.enterprise {
        Some((_, id)) => match asked {
            Some(x) if &x != id => Err(Error::NotFound("enterprise".into()).into()),
            _ => Ok(Some(id.clone())),
        },
        None => Ok(asked),
    }
}

#[Object]
impl CreditQuery {
    /// Listings in the caller's area (enterprises: their own), newest first.
    async fn credit_listings(
        &self,
        ctx: &Context<'_>,
        state: Option<String>,
        county: Option<String>,
        enterprise_id: Option<String>,
        #[graphql(default = 50)] first: i64,
        #[graphql(default = 0)] offset: i64,
    ) -> Result<ListingPage> {
        let r = req(ctx);
        let a = actor(r).await?;
        let (first, offset) = window(first, offset)?;
        let state = match state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(ListingState::parse(s).map_err(|e| Error::Validation(vec![e]))?),
            None => None,
        };
        let enterprise = own_enterprise(&a, enterprise_id)?;
        let mut tx = r.read().await?;
        let (total, list) = store::listings_page(
            &mut tx,
            state,
            county.as_deref(),
            enterprise.as_deref(),
            first,
            offset,
        )
        .await
        .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(ListingPage {
            total,
            items: list.into_iter().map(|l| Listing::of(l, &rules)).collect(),
        })
    }

    /// One listing.
    async fn credit_listing(&self, ctx: &Context<'_>, id: String) -> Result<Listing> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let l = service::visible(&mut tx, &a, &id).await.gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(Listing::of(l, &rules))
    }

    /// Credit events in the caller's area, newest first.
    async fn credit_events(
        &self,
        ctx: &Context<'_>,
        county: Option<String>,
        enterprise_id: Option<String>,
        unlisted: Option<bool>,
        #[graphql(default = 50)] first: i64,
        #[graphql(default = 0)] offset: i64,
    ) -> Result<CreditEventPage> {
        let r = req(ctx);
        let a = actor(r).await?;
        let (first, offset) = window(first, offset)?;
        let enterprise = own_enterprise(&a, enterprise_id)?;
        let mut tx = r.read().await?;
        let (total, list) = store::events_page(
            &mut tx,
            county.as_deref(),
            enterprise.as_deref(),
            unlisted.unwrap_or(false),
            first,
            offset,
        )
        .await
        .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(CreditEventPage {
            total,
            items: list
                .into_iter()
                .map(|e| CreditEvent::of(e, &rules))
                .collect(),
        })
    }

    /// The triggers of the rules.
    async fn credit_triggers(&self, ctx: &Context<'_>) -> Result<Vec<Trigger>> {
        req(ctx).principal()?;
        let rules = super::nodes::rules(ctx).await?;
        Ok(rules
            .triggers
            .iter()
            .map(|t| Trigger {
                code: t.code.clone(),
                zh: t.zh.clone(),
                propose: t.propose,
                term_months: t.term_months,
            })
            .collect())
    }

    /// Penalties decided in the caller's area, newest first.
    async fn penalties(
        &self,
        ctx: &Context<'_>,
        county: Option<String>,
        year: Option<i64>,
        search: Option<String>,
        #[graphql(default = 50)] first: i64,
        #[graphql(default = 0)] offset: i64,
    ) -> Result<PenaltyPage> {
        let r = req(ctx);
        officials(&actor(r).await?)?;
        let (first, offset) = window(first, offset)?;
        let mut tx = r.read().await?;
        let (total, list) = penalties::page(
            &mut tx,
            county.as_deref(),
            year,
            search.as_deref(),
            false,
            first,
            offset,
        )
        .await
        .gql()?;
        tx.commit().await?;
        Ok(PenaltyPage {
            total,
            items: list.into_iter().map(Penalty::from).collect(),
        })
    }

    /// One penalty.
    async fn penalty(&self, ctx: &Context<'_>, id: String) -> Result<Penalty> {
        let r = req(ctx);
        officials(&actor(r).await?)?;
        let mut tx = r.read().await?;
        let p = penalties::get(&mut tx, &id).await.gql()?;
        tx.commit().await?;
        Ok(p.ok_or(Error::NotFound("penalty".into()))?.into())
    }

    /// The penalty types (处罚种类).
    async fn penalty_types(&self) -> Vec<Code> {
        PenaltyType::ALL
            .iter()
            .map(|t| Code {
                code: t.as_str().into(),
                zh: t.zh().into(),
            })
            .collect()
    }

    /// An enterprise's credit grade with its reasons (computed now if never).
    async fn credit_grade(&self, ctx: &Context<'_>, enterprise_id: String) -> Result<CreditGrade> {
        let r = req(ctx);
        let a = actor(r).await?;
        let id = own_enterprise(&a, Some(enterprise_id))?.unwrap_or_default();
        let mut tx = r.read().await?;
        let e = anjian_enterprise::store::get(&mut tx, &id)
            .await?
            .ok_or(Error::NotFound("enterprise".into()))?;
        let g = penalties::grade(&mut tx, &e.tenant_id, &id).await.gql()?;
        tx.commit().await?;
        if let Some(g) = g {
            return Ok(g.into());
        }
        // Never graded (registered before the module): grade it now.
        let mut tx = r
            .platform
            .db
            .write(anjian_platform::db::Scope::of([e.tenant_id.clone()]), None)
            .await?;
        let g = crate::grade::refresh(&mut tx, &e.tenant_id, &id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(g.ok_or(Error::NotFound("enterprise".into()))?.into())
    }

    /// An enterprise's commitments.
    async fn commitments(
        &self,
        ctx: &Context<'_>,
        enterprise_id: String,
    ) -> Result<Vec<Commitment>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let id = own_enterprise(&a, Some(enterprise_id))?.unwrap_or_default();
        let mut tx = r.read().await?;
        let e = anjian_enterprise::store::get(&mut tx, &id)
            .await?
            .ok_or(Error::NotFound("enterprise".into()))?;
        let list = penalties::commitments_of(&mut tx, &e.tenant_id, &id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(Commitment::from).collect())
    }

    /// The province's credit rules (JSON).
    async fn credit_rules(&self, ctx: &Context<'_>) -> Result<String> {
        req(ctx).principal()?;
        let rules = super::nodes::rules(ctx).await?;
        Ok(serde_json::to_string(&rules).map_err(Error::internal)?)
    }

    /// The last recomputation of every grade (JSON: startedAt, finishedAt, enterprises), if any.
    async fn credit_recompute_status(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let r = req(ctx);
        officials(&actor(r).await?)?;
        let mut tx = r.read().await?;
        let row = tx
            .opt(
                sqlx::query("SELECT value FROM policies WHERE key = $1")
                    .bind(crate::grade::RECOMPUTE_STATUS_KEY),
            )
            .await?;
        tx.commit().await?;
        Ok(match row {
            Some(r) => Some(sqlx::Row::try_get::<String, _>(&r, "value").map_err(Error::from)?),
            None => None,
        })
    }

    /// The day's export for the national credit platform (CSV or JSON;
    /// yesterday by default), over the caller's area.
    async fn credit_export(
        &self,
        ctx: &Context<'_>,
        date: Option<String>,
        #[graphql(default_with = "\"csv\".to_string()")] format: String,
    ) -> Result<String> {
        let r = req(ctx);
        officials(&actor(r).await?)?;
        let date = date.unwrap_or_else(crate::export::yesterday);
        let mut tx = r.read().await?;
        let recs = crate::export::records(&mut tx, &date).await.gql()?;
        tx.commit().await?;
        Ok(crate::export::render(&recs, format.trim()).gql()?)
    }
}
