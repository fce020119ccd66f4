//! Standardization queries, the public certificate check among them.

use super::*;

/// Standardization queries.
#[derive(Default)]
pub struct StandardizationQuery;

#[Object]
impl StandardizationQuery {
    /// Checklist versions, in force first per industry.
    async fn standardization_checklists(&self, ctx: &Context<'_>) -> Result<Vec<ChecklistNode>> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read().await?;
        let list = store::checklists(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(checklist_node).collect())
    }

    /// The province's rules (thresholds, caps, deadlines).
    async fn standardization_rules(&self, ctx: &Context<'_>) -> Result<Json<Rules>> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(Json(rules))
    }

    /// Applications the caller may see, newest change first.
    async fn standardization_applications(
        &self,
        ctx: &Context<'_>,
        state: Option<String>,
        overdue: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<ApplicationNode>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let (limit, offset) = window(first, after)?;
        let state = match state {
            Some(s) => Some(model::State::parse(&s).map_err(|e| Error::Validation(vec![e]))?),
            None => None,
        };
        let f = store::Filter {
            state,
            overdue,
            enterprise_id: a.enterprise.map(|e| e.1),
            unit_id: a.unit.map(|u| u.1),
        };
        let mut tx = r.read().await?;
        let (list, total) = store::list(&mut tx, &f, limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(ApplicationNode).collect(),
            offset,
            total,
        ))
    }

    /// One application, if the caller may see it.
    async fn standardization_application(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> Result<ApplicationNode> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let app = service::visible(&mut tx, &a, &id).await.gql()?;
        tx.commit().await?;
        Ok(ApplicationNode(app))
    }

    /// Certificates of an enterprise the caller may see.
    async fn standardization_certificates(
        &self,
        ctx: &Context<'_>,
        enterprise_id: String,
    ) -> Result<Vec<CertificateNode>> {
        let r = req(ctx);
        let a = actor(r).await?;
        if a.enterprise.as_ref().is_some_and(|e| e.1 != enterprise_id) {
            return Err(Error::NotFound("enterprise".into()).into());
        }
        let mut tx = r.read().await?;
        let list = crate::certificate::of_enterprise(&mut tx, &enterprise_id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(CertificateNode).collect())
    }

    /// Applications by state, grade, industry and county, and the days
    /// spent in each step (median, p90), over the caller's tenants.
    async fn standardization_statistics(
        &self,
        ctx: &Context<'_>,
    ) -> Result<crate::stats::Statistics> {
        let r = req(ctx);
        r.require(Permission::Module(PERM_READ))?;
        let mut tx = r.read().await?;
        let s = crate::stats::compute(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(s)
    }

    /// The statistics as CSV (UTF-8 with BOM, Chinese headers).
    async fn standardization_statistics_csv(&self, ctx: &Context<'_>) -> Result<String> {
        let r = req(ctx);
        r.require(Permission::Module(PERM_READ))?;
        let mut tx = r.read().await?;
        let s = crate::stats::compute(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(crate::stats::csv(&s))
    }

    /// 证书查询: anyone, signed in or not, checks a certificate number (and
    /// the signature its QR code carries). Rate-limited per address.
    async fn certificate_check(
        &self,
        ctx: &Context<'_>,
        number: String,
        signature: Option<String>,
    ) -> Result<CertificateCheck> {
        let r = req(ctx);
        let key = format!("std.lookup:{}", r.client_addr);
        let minute = std::time::Duration::from_secs(60);
        if r.platform.limiter.hit(&key, minute).await > crate::LOOKUPS_PER_MINUTE {
            return Err(Error::from(StdError::RateLimited {
                retry_after_secs: 60,
            })
            .into());
        }
        let k = cert_key(r)?;
        let mut tx = r
            .platform
            .db
            .read(anjian_platform::db::Scope::All, None)
            .await?;
        let l = certify::lookup(&mut tx, k.as_ref(), number.trim(), signature.as_deref())
            .await
            .gql()?;
        tx.commit().await?;
        let c = l.certificate;
        Ok(CertificateCheck {
            number: c.number,
            enterprise_name: c.enterprise_name,
            grade: c.grade.as_str().into(),
            industry: c.industry,
            issued_at: dt(c.issued_at),
            valid_until: dt(c.valid_until),
            status: status_str(l.status).into(),
            signature_valid: l.signature_valid,
            algorithm: super::nodes::algorithm_of(&c.key_id).into(),
            public_key: k.map(|k| k.public_hex()),
        })
    }
}
