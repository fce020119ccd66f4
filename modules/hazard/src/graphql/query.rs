//! Hazard queries.

use super::*;

/// Hazard queries.
#[derive(Default)]
pub struct HazardQuery;

#[Object]
impl HazardQuery {
    /// One hazard (enterprise users: only their own enterprise's).
    async fn hazard(&self, ctx: &Context<'_>, id: String) -> Result<HazardNode> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let h = service::visible(&mut tx, &a, &id).await.gql()?;
        tx.commit().await?;
        Ok(h.into())
    }

    /// Hazards of one's tenants, newest found first (enterprise users: their own).
    async fn hazards(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<HazardNode>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut f = parse_filter(filter.unwrap_or_default())?;
        if let Some((_, own)) = &a.enterprise {
            f.enterprise_id = Some(own.clone());
        }
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = store::list(&mut tx, &f, limit, offset).await.gql()?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Into::into).collect(),
            offset,
            total,
        ))
    }

    /// The steps of both flows: which action leads from which state to which, by whom.
    async fn hazard_transitions(&self) -> Vec<HazardTransition> {
        model::TRANSITIONS
            .iter()
            .map(|(a, from, to, who)| HazardTransition {
                action: a.to_string(),
                from_state: from.as_str().into(),
                to_state: to.as_str().into(),
                party: match who {
                    model::Party::Enterprise => "enterprise",
                    model::Party::Inspector => "inspector",
                    model::Party::Supervisor => "supervisor",
                }
                .into(),
            })
            .collect()
    }

    /// The rules in force in `county` (its own, else the province's, else the defaults);
    /// without `county`, the province's.
    async fn hazard_rules(&self, ctx: &Context<'_>, county: Option<String>) -> Result<HazardRules> {
        let r = req(ctx);
        let who = r.principal()?;
        // Another county's local rules are its own business.
        if let Some(c) = &county {
            if !who.scope.contains(c) {
                return Err(anjian_platform::Error::NotFound(format!("county {c}")).into());
            }
        }
        let mut tx = r.read_all().await?;
        let rules = match county {
            Some(c) => crate::rules(&mut tx, &c).await.gql()?,
            None => crate::stored_rules(&mut tx, None)
                .await
                .gql()?
                .unwrap_or_default(),
        };
        tx.commit().await?;
        Ok(rules.into())
    }

    /// Supervision statistics of a division (default: the caller's), grouped;
    /// `recount` counts straight from the hazards instead of the roll-up.
    async fn hazard_statistics(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardStatsFilter>,
        #[graphql(default_with = "HazardStatsGroup::Division")] group_by: HazardStatsGroup,
        #[graphql(default)] recount: bool,
    ) -> Result<HazardStatistics> {
        Ok(dashboard(req(ctx), filter.unwrap_or_default(), group_by, recount).await?)
    }

    /// The statistics as CSV (UTF-8 with BOM, Chinese headers).
    async fn hazard_statistics_csv(
        &self,
        ctx: &Context<'_>,
        filter: Option<HazardStatsFilter>,
        #[graphql(default_with = "HazardStatsGroup::Division")] group_by: HazardStatsGroup,
    ) -> Result<String> {
        let s = dashboard(req(ctx), filter.unwrap_or_default(), group_by, false).await?;
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let io = |e: csv::Error| Error::internal(e);
        w.write_record([
            "编码",
            "名称",
            "发现隐患",
            "已整改",
            "未整改",
            "整改率",
            "逾期",
            "按期整改",
            "按期整改率",
            "重大隐患挂牌督办",
            "挂牌督办已销号",
        ])
        .map_err(io)?;
        for f in s.rows.iter().chain(std::iter::once(&s.total)) {
            w.write_record([
                f.key.clone(),
                f.name.clone(),
                f.found.to_string(),
                f.rectified.to_string(),
                f.open.to_string(),
                format!("{:.4}", f.rectification_rate),
                f.overdue.to_string(),
                f.on_time.to_string(),
                format!("{:.4}", f.on_time_rate),
                f.listed.to_string(),
                f.listed_closed.to_string(),
            ])
            .map_err(io)?;
        }
        let bytes = w.into_inner().map_err(Error::internal)?;
        Ok(String::from_utf8(bytes).map_err(Error::internal)?)
    }

    /// The bytes of an attachment (base64), for users who may see its hazard.
    async fn hazard_attachment_content(
        &self,
        ctx: &Context<'_>,
        hazard_id: String,
        id: String,
    ) -> Result<String> {
        use base64::Engine;
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.read().await?;
        let h = service::visible(&mut tx, &a, &hazard_id).await.gql()?;
        let (_, bytes) = crate::attachments::content(&mut tx, r.platform.objects.as_ref(), &h, &id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// Self-checks of an enterprise (enterprise users: their own).
    async fn hazard_self_checks(
        &self,
        ctx: &Context<'_>,
        enterprise_id: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<HazardSelfCheck>> {
        let r = req(ctx);
        let a = actor(r).await?;
        let id = match (&a.enterprise, enterprise_id) {
            (Some((_, own)), _) => own.clone(),
            (None, Some(id)) => id,
            (None, None) => {
                return Err(
                    Error::field("enterpriseId", "请选择企业", "enterpriseId is required").into(),
                )
            }
        };
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = periodic::self_checks(&mut tx, &id, limit, offset)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Into::into).collect(),
            offset,
            total,
        ))
    }

    /// An enterprise's periodic report for `period` (2026Q3 or 2026): figures
    /// from its records, and the filing if made.
    async fn hazard_periodic_report(
        &self,
        ctx: &Context<'_>,
        period: String,
        enterprise_id: Option<String>,
    ) -> Result<HazardPeriodicReport> {
        let r = req(ctx);
        let a = actor(r).await?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.read().await?;
        let (tenant, id) = match (&a.enterprise, enterprise_id) {
            (Some(own), _) => own.clone(),
            (None, Some(id)) => {
                let e = anjian_enterprise::store::get(&mut tx, &id)
                    .await?
                    .ok_or_else(|| Error::NotFound("enterprise".into()))?;
                (e.tenant_id, e.id)
            }
            (None, None) => {
                return Err(
                    Error::field("enterpriseId", "请选择企业", "enterpriseId is required").into(),
                )
            }
        };
        let rules = crate::rules(&mut tx, &tenant).await.gql()?;
        let filed = periodic::filed(&mut tx, &id, &p.code()).await.gql()?;
        let figures = match &filed {
            Some(f) => f.figures.clone(),
            None => periodic::figures(&mut tx, &tenant, &id, p).await.gql()?,
        };
        tx.commit().await?;
        Ok(HazardPeriodicReport {
            enterprise_id: id,
            period: p.code(),
            due: p.due(&rules),
            figures: Json(figures),
            filed: filed.is_some(),
            signed_by: filed.as_ref().map(|f| f.signed_by.clone()),
            submitted_by: filed.as_ref().map(|f| f.submitted_by.clone()),
            submitted_at: filed.as_ref().map(|f| dt(f.submitted_at)),
        })
    }

    /// Enterprises of a county that haven't filed `period`.
    async fn missing_hazard_reports(
        &self,
        ctx: &Context<'_>,
        county: String,
        period: String,
    ) -> Result<Vec<MissingReport>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.read().await?;
        let list = periodic::missing(&mut tx, &county, &p.code()).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|(id, name, uscc)| MissingReport {
                enterprise_id: id,
                name,
                uscc,
            })
            .collect())
    }

    /// The status of a public report, by the token its reporter was given (no sign-in).
    async fn public_hazard_report(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> Result<PublicReportStatus> {
        let r = req(ctx);
        let mut tx = r
            .platform
            .db
            .read(anjian_platform::db::Scope::All, None)
            .await?;
        let p = public::by_token(&mut tx, &token).await.gql()?;
        let hazard_state = match &p.hazard_id {
            Some(id) => store::get(&mut tx, id)
                .await
                .gql()?
                .map(|h| h.state.as_str().to_string()),
            None => None,
        };
        tx.commit().await?;
        Ok(PublicReportStatus {
            reference: p.id,
            status: p.status,
            reason: p.reason,
            hazard_state,
            created_at: dt(p.created_at),
            updated_at: dt(p.updated_at),
        })
    }

    /// Public reports of one's counties; the reporter's identity for inspectors only.
    async fn public_hazard_reports(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<PublicHazardReport>> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_READ))?;
        let identity = who.has_role(Role::Inspector);
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = public::list(&mut tx, status.as_deref(), limit, offset)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(|p| public_node(p, identity)).collect(),
            offset,
            total,
        ))
    }
}
