//! Public credit queries (no sign-in; rate-limited per address): the
//! blacklist, published penalties, and an enterprise's credit profile.
//! Every answer is built by [`crate::public`], which exposes only what the
//! rules make public.

use super::{Platform as _, PublicListingPage, PublicPenaltyPage};
use crate::public::{self, PublicCreditProfile, PublicEnterprise};
use crate::store::{self, penalties};
use anjian_platform::api::context::req;
use anjian_platform::db::Scope;
use anjian_platform::Error;
use async_graphql::{Context, Object, Result};

/// Public credit queries.
#[derive(Default)]
pub struct CreditPublicQuery;

fn window(first: i64, offset: i64) -> Result<(i64, i64)> {
    if !(1..=50).contains(&first) || !(0..=10_000).contains(&offset) {
        return Err(Error::Validation(vec![anjian_platform::FieldError::new(
            "first",
            "每页 1–50 条，偏移 0–10000",
            "first is 1-50 and offset 0-10000",
        )])
        .into());
    }
    Ok((first, offset))
}

#[Object]
impl CreditPublicQuery {
    /// 严重失信主体名单: current (published, managed) or removed (history).
    async fn public_blacklist(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = true)] current: bool,
        county: Option<String>,
        search: Option<String>,
        #[graphql(default = 20)] first: i64,
        #[graphql(default = 0)] offset: i64,
    ) -> Result<PublicListingPage> {
        let r = req(ctx);
        let rules = public::limit(&r.platform, &r.client_addr).await.gql()?;
        let (first, offset) = window(first, offset)?;
        let mut tx = r.platform.db.read(Scope::All, None).await?;
        let (total, list) = store::public_listings(
            &mut tx,
            current,
            county.as_deref(),
            search.as_deref(),
            first,
            offset,
        )
        .await
        .gql()?;
        tx.commit().await?;
        let names = public::county_names(&r.platform).await.gql()?;
        Ok(PublicListingPage {
            total,
            items: list
                .iter()
                .map(|l| {
                    public::listing(
                        l,
                        &rules,
                        names.get(&l.tenant_id).map_or("", String::as_str),
                    )
                })
                .collect(),
        })
    }

    /// 行政处罚公示: published penalties, newest first.
    async fn public_penalties(
        &self,
        ctx: &Context<'_>,
        county: Option<String>,
        search: Option<String>,
        #[graphql(default = 20)] first: i64,
        #[graphql(default = 0)] offset: i64,
    ) -> Result<PublicPenaltyPage> {
        let r = req(ctx);
        public::limit(&r.platform, &r.client_addr).await.gql()?;
        let (first, offset) = window(first, offset)?;
        let mut tx = r.platform.db.read(Scope::All, None).await?;
        let (total, list) = penalties::page(
            &mut tx,
            county.as_deref(),
            None,
            search.as_deref(),
            true,
            first,
            offset,
        )
        .await
        .gql()?;
        tx.commit().await?;
        let names = public::county_names(&r.platform).await.gql()?;
        Ok(PublicPenaltyPage {
            total,
            items: list
                .iter()
                .map(|p| public::penalty(p, names.get(&p.tenant_id).map_or("", String::as_str)))
                .collect(),
        })
    }

    /// 信用查询: enterprises whose name holds `name` (at least two characters).
    async fn public_credit_search(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> Result<Vec<PublicEnterprise>> {
        let r = req(ctx);
        public::limit(&r.platform, &r.client_addr).await.gql()?;
        let name = name.trim();
        if name.chars().count() < 2 || name.chars().count() > 50 {
            return Err(Error::Validation(vec![anjian_platform::FieldError::new(
                "name",
                "请输入 2–50 个字的企业名称",
                "give 2-50 characters of the name",
            )])
            .into());
        }
        let mut tx = r.platform.db.read(Scope::All, None).await?;
        let list = penalties::grades_by_name(&mut tx, name, 20).await.gql()?;
        tx.commit().await?;
        let names = public::county_names(&r.platform).await.gql()?;
        Ok(list
            .into_iter()
            .map(|g| PublicEnterprise {
                county_name: names.get(&g.tenant_id).cloned().unwrap_or_default(),
                enterprise_name: g.name,
                uscc: g.uscc,
                grade: g.grade,
            })
            .collect())
    }

    /// An enterprise's public credit profile by its USCC (null when unknown).
    async fn public_credit_profile(
        &self,
        ctx: &Context<'_>,
        uscc: String,
    ) -> Result<Option<PublicCreditProfile>> {
        let r = req(ctx);
        let rules = public::limit(&r.platform, &r.client_addr).await.gql()?;
        let uscc = uscc.trim().to_ascii_uppercase();
        if uscc.len() != 18 || !uscc.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::Validation(vec![anjian_platform::FieldError::new(
                "uscc",
                "统一社会信用代码应为 18 位",
                "a USCC has 18 characters",
            )])
            .into());
        }
        let p = public::profile(&r.platform, &rules, &uscc).await.gql()?;
        Ok(p.map(|p| (*p).clone()))
    }
}
