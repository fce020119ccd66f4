//! Hazard mutations: the steps of both flows and the rest.

use super::*;

/// Hazard mutations.
#[derive(Default)]
pub struct HazardMutation;

async fn step<F, Fut>(ctx: &Context<'_>, f: F) -> Result<HazardNode>
where
    F: FnOnce(Actor, Req) -> Fut,
    Fut: std::future::Future<Output = anjian_platform::Result<Hazard>>,
{
    let r = req(ctx);
    let a = actor(r).await?;
    Ok(f(a, r.clone()).await?.into())
}

macro_rules! step {
    ($ctx:expr, |$tx:ident, $audit:ident, $a:ident| $body:expr) => {
        step($ctx, |$a, r| async move {
            let mut $tx = r.write().await?;
            let $audit = r.audit();
            let h = { $body }.await.gql()?;
            r.commit($tx).await?;
            Ok(h)
        })
        .await
    };
}

fn step_input(comment: Option<String>, attachment_ids: Option<Vec<String>>) -> StepInput {
    StepInput {
        comment,
        attachments: attachment_ids.unwrap_or_default(),
    }
}

#[Object]
impl HazardMutation {
    /// Reports a hazard: enterprise users for their enterprise (自查), inspectors
    /// for an enterprise of their counties (监管检查). County triage rules run first.
    async fn report_hazard(
        &self,
        ctx: &Context<'_>,
        input: ReportHazardInput,
    ) -> Result<HazardNode> {
        step!(ctx, |tx, audit, a| service::report(
            &mut tx,
            &audit,
            &a,
            input.into(),
            None
        ))
    }

    /// 一般: the enterprise reports the rectification done (→ awaiting-acceptance).
    async fn submit_hazard_rectification(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: RectificationInput,
    ) -> Result<HazardNode> {
        let r = Rectification {
            step: step_input(input.comment, Some(input.attachment_ids)),
            responsible_person: input.responsible_person,
            measures: input.measures,
            funds_wan: input.funds_wan,
            contingency_plan: input.contingency_plan,
        };
        step!(ctx, |tx, audit, a| service::submit_rectification(
            &mut tx, &audit, &a, &id, r
        ))
    }

    /// 一般: the inspector accepts the rectification (复查验收 → closed).
    async fn accept_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: Option<String>,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::accept(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 一般: the inspector returns the rectification with a reason (→ rectifying).
    async fn return_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        reason: String,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(Some(reason), attachment_ids);
        step!(ctx, |tx, audit, a| service::return_rectification(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 重大: the inspector verifies the report (→ verified), or finds it 一般 (→ rectifying).
    async fn verify_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: VerifyHazardInput,
    ) -> Result<HazardNode> {
        let s = step_input(input.comment, Some(input.attachment_ids));
        let report = input.major_report.map(Into::into);
        step!(ctx, |tx, audit, a| service::verify(
            &mut tx,
            &audit,
            &a,
            &id,
            input.major,
            report,
            input.deadline,
            s
        ))
    }

    /// 重大: an admin lists it for supervision at their own level (挂牌督办 → listed).
    async fn list_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: Option<String>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, None);
        step!(ctx, |tx, audit, a| service::list(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 重大: the enterprise files its governance plan (→ governing).
    async fn file_hazard_governance_plan(
        &self,
        ctx: &Context<'_>,
        id: String,
        plan: GovernancePlanNode,
        comment: Option<String>,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::file_plan(
            &mut tx,
            &audit,
            &a,
            &id,
            plan.into(),
            s
        ))
    }

    /// 重大: progress under governance.
    async fn report_hazard_progress(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: String,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(Some(comment), attachment_ids);
        step!(ctx, |tx, audit, a| service::progress(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 重大: the enterprise submits the governance's evaluation (→ evaluated).
    async fn submit_hazard_evaluation(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: String,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(Some(comment), attachment_ids);
        step!(ctx, |tx, audit, a| service::evaluate(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 重大: the enterprise applies to close and resume production (→ close-applied).
    async fn apply_to_close_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: Option<String>,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::apply_to_close(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// 重大: the inspector's on-site check (passed → site-checked; failed → governing).
    async fn record_hazard_site_check(
        &self,
        ctx: &Context<'_>,
        id: String,
        passed: bool,
        comment: Option<String>,
        attachment_ids: Option<Vec<String>>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, attachment_ids);
        step!(ctx, |tx, audit, a| service::site_check(
            &mut tx, &audit, &a, &id, passed, s
        ))
    }

    /// 重大: an admin at the listing's level or above closes and delists it (→ closed).
    async fn close_hazard(
        &self,
        ctx: &Context<'_>,
        id: String,
        comment: Option<String>,
    ) -> Result<HazardNode> {
        let s = step_input(comment, None);
        step!(ctx, |tx, audit, a| service::close(
            &mut tx, &audit, &a, &id, s
        ))
    }

    /// Uploads a photo or document of a hazard (multipart request, `file`).
    /// Its bytes must be of the type it claims (JPEG, PNG, WebP or PDF).
    async fn upload_hazard_attachment(
        &self,
        ctx: &Context<'_>,
        hazard_id: String,
        file: Upload,
    ) -> Result<HazardAttachment> {
        use std::io::Read;
        let r = req(ctx);
        let a = actor(r).await?;
        let value = file
            .value(ctx)
            .map_err(|_| Error::field("file", "没有收到文件", "no file was received"))?;
        let name = value.filename.clone();
        let content_type = value.content_type.clone().unwrap_or_default();
        let mut bytes = Vec::new();
        value
            .into_read()
            .take(crate::attachments::MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Error::field("file", "文件无法读取", "the file cannot be read"))?;
        if a.enterprise.is_none() && !a.inspector && a.supervisor.is_none() {
            return Err(Error::Forbidden("read-only users can't upload".into()).into());
        }
        let mut tx = r.read().await?;
        let h = service::visible(&mut tx, &a, &hazard_id).await.gql()?;
        tx.commit().await?;
        // The bytes first, outside the transaction; then the record.
        let objects = r.platform.objects.as_ref();
        let att = crate::attachments::store(objects, &h, &a.username, &name, &content_type, bytes)
            .await
            .gql()?;
        let mut tx = r.write().await?;
        let h = service::visible(&mut tx, &a, &hazard_id).await.gql()?;
        crate::attachments::record(&mut tx, &h, &att).await.gql()?;
        r.commit(tx).await?;
        Ok(att.into())
    }

    /// Sets the hazard rules: the province's (no `county`; province admins) or
    /// a county's own (its admins).
    async fn set_hazard_rules(
        &self,
        ctx: &Context<'_>,
        county: Option<String>,
        input: HazardRules,
    ) -> Result<HazardRules> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_RULES))?;
        match &county {
            None if !who.has_role(Role::ProvinceAdmin) => {
                return Err(
                    Error::Forbidden("only the province sets the province's rules".into()).into(),
                )
            }
            Some(c) if !who.scope.contains(c) => {
                return Err(Error::Forbidden(format!("county {c} is not visible")).into())
            }
            _ => {}
        }
        let rules = Rules::try_from(input).gql()?;
        let mut tx = r
            .platform
            .db
            .write(anjian_platform::db::Scope::All, None)
            .await?;
        crate::save_rules(&mut tx, county.as_deref(), &rules, &who.username)
            .await
            .gql()?;
        let tenant = county.clone().unwrap_or_else(|| who.tenant.clone());
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &tenant,
            "hazard.rules",
            "policy",
            &format!(
                "hazard.rules{}",
                county.map(|c| format!(":{c}")).unwrap_or_default()
            ),
            vec![anjian_platform::audit::Change::new(
                "rules",
                None,
                Some(serde_json::to_value(&rules).map_err(Error::internal)?),
            )],
        )
        .await?;
        r.commit(tx).await?;
        Ok(rules.into())
    }

    /// Records a self-check of one's enterprise, including one that found nothing.
    async fn record_hazard_self_check(
        &self,
        ctx: &Context<'_>,
        checked_on: String,
        scope: String,
        note: Option<String>,
    ) -> Result<HazardSelfCheck> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let c = periodic::record_self_check(&mut tx, &r.audit(), &a, &checked_on, &scope, note)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(c.into())
    }

    /// Files one's enterprise's report for an ended period, signed by its principal.
    async fn submit_hazard_periodic_report(
        &self,
        ctx: &Context<'_>,
        period: String,
        signed_by: String,
    ) -> Result<HazardPeriodicReport> {
        let r = req(ctx);
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let f = periodic::submit(&mut tx, &r.audit(), &a, &period, &signed_by)
            .await
            .gql()?;
        let tenant = a
            .enterprise
            .as_ref()
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        let rules = crate::rules(&mut tx, &tenant).await.gql()?;
        r.commit(tx).await?;
        let due = Period::parse(&f.period)
            .map(|p| p.due(&rules))
            .unwrap_or_default();
        Ok(HazardPeriodicReport {
            enterprise_id: f.enterprise_id,
            period: f.period,
            due,
            figures: Json(f.figures),
            filed: true,
            signed_by: Some(f.signed_by),
            submitted_by: Some(f.submitted_by),
            submitted_at: Some(dt(f.submitted_at)),
        })
    }

    /// Tells a county's admins now which enterprises haven't filed `period`
    /// (the queue does it once a period falls due); returns how many.
    async fn remind_missing_hazard_reports(
        &self,
        ctx: &Context<'_>,
        county: String,
        period: String,
    ) -> Result<i64> {
        let r = req(ctx);
        require(r, PERM_SUPERVISE)?;
        let p = Period::parse(&period).map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = r.write().await?;
        tx.ensure_writable(&county)?;
        let n = periodic::remind(&mut tx, &county, &p.code()).await.gql()?;
        r.commit(tx).await?;
        Ok(n as i64)
    }

    /// Reports a hazard as a member of the public (no sign-in; a few an hour
    /// from one address). Keep the token to follow the report.
    async fn submit_public_hazard_report(
        &self,
        ctx: &Context<'_>,
        input: PublicReportInput,
    ) -> Result<PublicReportReceipt> {
        let r = req(ctx);
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let counties: Vec<String> = dir
            .all()
            .into_iter()
            .filter(|t| t.level == anjian_platform::tenancy::Level::County && !t.retired)
            .map(|t| t.code.clone())
            .collect();
        let wanted = input.county.as_deref().map(str::trim);
        let county = counties.iter().find(|c| Some(c.as_str()) == wanted);
        public::limit(&r.platform, &r.client_addr, county.map(String::as_str))
            .await
            .gql()?;
        let s = public::Submission {
            county: input.county,
            enterprise_name: input.enterprise_name,
            enterprise_uscc: input.enterprise_uscc,
            address: input.address,
            description: input.description,
            reporter_name: input.reporter_name,
            reporter_phone: input.reporter_phone,
        };
        let mut tx = r
            .platform
            .db
            .write(anjian_platform::db::Scope::All, None)
            .await?;
        let (p, token) = public::submit(&mut tx, &r.audit(), s, &counties)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(PublicReportReceipt {
            reference: p.id,
            token,
        })
    }

    /// An inspector accepts a public report as a hazard of an enterprise of the county.
    async fn accept_public_hazard_report(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: ReportHazardInput,
    ) -> Result<HazardNode> {
        inspector_role(req(ctx))?;
        step!(ctx, |tx, audit, a| public::accept(
            &mut tx,
            &audit,
            &a,
            &id,
            input.into()
        ))
    }

    /// An inspector dismisses a public report, with a reason the reporter sees.
    async fn dismiss_public_hazard_report(
        &self,
        ctx: &Context<'_>,
        id: String,
        reason: String,
    ) -> Result<PublicHazardReport> {
        let r = req(ctx);
        inspector_role(r)?;
        let a = actor(r).await?;
        let mut tx = r.write().await?;
        let p = public::dismiss(&mut tx, &r.audit(), &a, &id, &reason)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(public_node(p, true))
    }
}
