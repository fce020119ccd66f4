//! Standardization mutations: the steps of the flow, checklists and rules.

use super::*;

/// Standardization mutations.
#[derive(Default)]
pub struct StandardizationMutation;

macro_rules! flow {
    ($ctx:expr, |$tx:ident, $audit:ident, $dir:ident, $a:ident| $body:expr) => {{
        let r = req($ctx);
        let $a = actor(r).await?;
        let $dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut $tx = r.write().await?;
        let $audit = r.audit();
        let out = { $body }.await.gql()?;
        r.commit($tx).await?;
        out
    }};
}

fn reason(v: Option<String>) -> Result<String, StdError> {
    service::required("reason", v)
}

/// A simple step's change of the application.
type Change = Box<dyn FnOnce(&mut Application, &Rules, i64) -> crate::error::Result<Value> + Send>;

#[Object]
impl StandardizationMutation {
    /// The province loads a checklist version (JSON); it replaces the
    /// version in force for its industry.
    async fn load_standardization_checklist(
        &self,
        ctx: &Context<'_>,
        checklist: String,
    ) -> Result<ChecklistNode> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_CHECKLISTS))?;
        let c = Checklist::parse(&checklist).map_err(Error::Validation)?;
        let mut tx = r.write().await?;
        let now = anjian_platform::time::now_ms();
        store::load_checklist(&mut tx, &c, &who.username, now)
            .await
            .gql()?;
        let stored = store::checklist(&mut tx, &c.industry, Some(&c.version))
            .await
            .gql()?
            .ok_or_else(|| Error::NotFound("checklist".into()))?;
        r.commit(tx).await?;
        Ok(checklist_node(stored))
    }

    /// The province sets its rules (thresholds, caps, deadlines).
    async fn set_standardization_rules(
        &self,
        ctx: &Context<'_>,
        rules: Json<Rules>,
    ) -> Result<Json<Rules>> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_CHECKLISTS))?;
        rules.0.check().map_err(Error::Validation)?;
        let mut tx = r.write().await?;
        crate::save_rules(&mut tx, &rules.0, &who.username)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(rules)
    }

    /// An enterprise applies for a grade (draft).
    async fn apply_for_standardization(
        &self,
        ctx: &Context<'_>,
        input: ApplyInput,
    ) -> Result<ApplicationNode> {
        let n = NewApplication {
            grade: input.grade,
            system_run_since: input.system_run_since,
            record: SafetyRecord {
                deaths: input.deaths,
                serious_accidents: input.serious_accidents,
            },
        };
        Ok(ApplicationNode(flow!(ctx, |tx, audit, _dir, a| {
            service::apply(&mut tx, &audit, &a, n)
        })))
    }

    /// The enterprise scores itself on the checklist in force (自评).
    async fn self_assess_standardization(
        &self,
        ctx: &Context<'_>,
        id: String,
        marks: Vec<MarkInput>,
        checklist_version: Option<String>,
    ) -> Result<ApplicationNode> {
        let marks = self::marks(marks);
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| async {
            let app = service::visible(&mut tx, &a, &id).await?;
            let c = service::checklist_for(&mut tx, &app.industry, checklist_version.as_deref())
                .await?;
            service::transition(
                &mut tx,
                &audit,
                &dir,
                &a,
                &id,
                "self_assess",
                None,
                service::self_assess(&c, marks),
            )
            .await
        })))
    }

    /// A simple step: consent, accept, refuse, sign, approve, return,
    /// announce, withdraw… `reason` is required to decline, refuse and
    /// return; `missing` lists what a refused application lacks.
    async fn standardization_step(
        &self,
        ctx: &Context<'_>,
        id: String,
        action: StdAction,
        comment: Option<String>,
        reason: Option<String>,
        missing: Option<Vec<String>>,
    ) -> Result<ApplicationNode> {
        let by = req(ctx).principal()?.username.clone();
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| async {
            let t = |name: &'static str, f: Change| (name, f);
            let (name, change) = match action {
                StdAction::Consent => t("consent", Box::new(service::consent)),
                StdAction::DeclineConsent => t(
                    "decline_consent",
                    Box::new(service::with_reason(self::reason(reason)?)),
                ),
                StdAction::Accept => {
                    let app = service::visible(&mut tx, &a, &id).await?;
                    let c = service::checklist_for(&mut tx, &app.industry, None).await?;
                    t("accept", Box::new(service::accept(c.version)))
                }
                StdAction::Refuse => t(
                    "refuse",
                    Box::new(service::refuse(
                        self::reason(reason)?,
                        missing.unwrap_or_default(),
                    )),
                ),
                StdAction::SubmitRectification => {
                    t("submit_rectification", Box::new(service::rectified))
                }
                StdAction::AcceptAchievedGrade => {
                    t("accept_achieved_grade", Box::new(service::take_achieved))
                }
                StdAction::SignReport => t("sign_report", Box::new(service::sign(by))),
                StdAction::OrganiserApprove => t(
                    "organiser_approve",
                    Box::new(|_: &mut Application, _: &Rules, _| Ok(Value::Null)),
                ),
                StdAction::OrganiserReturn => t(
                    "organiser_return",
                    Box::new(service::with_reason(self::reason(reason)?)),
                ),
                StdAction::AuthorityApprove => {
                    t("authority_approve", Box::new(service::start_notice))
                }
                StdAction::AuthorityReturn => t(
                    "authority_return",
                    Box::new(service::with_reason(self::reason(reason)?)),
                ),
                StdAction::Announce => t("announce", Box::new(service::announce)),
                StdAction::Withdraw => t(
                    "withdraw",
                    Box::new(|a: &mut Application, _: &Rules, _| {
                        a.due_at = None;
                        Ok(Value::Null)
                    }),
                ),
            };
            service::transition(&mut tx, &audit, &dir, &a, &id, name, comment, change).await
        })))
    }

    /// The authority assigns the review unit and the organising unit.
    async fn assign_standardization_review(
        &self,
        ctx: &Context<'_>,
        id: String,
        review_unit_id: String,
        organiser_id: String,
    ) -> Result<ApplicationNode> {
        let r = req(ctx);
        let review = unit(r, &id, &review_unit_id).await?;
        let organiser = unit(r, &id, &organiser_id).await?;
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| {
            service::transition(
                &mut tx,
                &audit,
                &dir,
                &a,
                &id,
                "assign_review",
                None,
                service::assign(review, organiser),
            )
        })))
    }

    /// A reviewer of the assigned unit records the on-site review: the
    /// reviewers (at least two, with certificate numbers) and every item's mark.
    async fn record_standardization_review(
        &self,
        ctx: &Context<'_>,
        id: String,
        reviewers: Vec<ReviewerInput>,
        marks: Vec<MarkInput>,
    ) -> Result<ApplicationNode> {
        let by = req(ctx).principal()?.username.clone();
        let reviewers: Vec<Reviewer> = reviewers
            .into_iter()
            .map(|r| Reviewer {
                name: r.name,
                certificate_no: r.certificate_no,
                employer_uscc: r.employer_uscc,
            })
            .collect();
        let marks = self::marks(marks);
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| async {
            let app = service::visible(&mut tx, &a, &id).await?;
            let version = app.checklist_version.clone();
            let c =
                match crate::store::checklist(&mut tx, &app.industry, version.as_deref()).await? {
                    Some(s) => s.checklist,
                    None => return Err(StdError::NotFound("checklist")),
                };
            service::transition(
                &mut tx,
                &audit,
                &dir,
                &a,
                &id,
                "record_review",
                None,
                service::record_review(c, reviewers, marks, by),
            )
            .await
        })))
    }

    /// Records an objection raised during the public notice.
    async fn record_standardization_objection(
        &self,
        ctx: &Context<'_>,
        id: String,
        text: String,
    ) -> Result<ApplicationNode> {
        let text = service::required("text", Some(text)).map_err(Error::from)?;
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| {
            service::object(&mut tx, &audit, &dir, &a, &id, text)
        })))
    }

    /// Resolves an objection with its outcome.
    async fn resolve_standardization_objection(
        &self,
        ctx: &Context<'_>,
        id: String,
        objection_id: String,
        resolution: String,
    ) -> Result<ApplicationNode> {
        let resolution = service::required("resolution", Some(resolution)).map_err(Error::from)?;
        Ok(ApplicationNode(flow!(ctx, |tx, audit, dir, a| {
            service::resolve(&mut tx, &audit, &dir, &a, &id, &objection_id, resolution)
        })))
    }

    /// 发证: the authority issues the signed certificate.
    async fn issue_standardization_certificate(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> Result<CertificateNode> {
        let key = cert_key(req(ctx))?;
        let (_, c) = flow!(ctx, |tx, audit, dir, a| certify::issue(
            &mut tx,
            &audit,
            &dir,
            &a,
            key.as_ref(),
            &id
        ));
        Ok(CertificateNode(c))
    }

    /// 换发: replaces a valid certificate by a new number (same grade and
    /// validity), with the reason; the old one is marked replaced.
    async fn replace_standardization_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
        reason: String,
    ) -> Result<CertificateNode> {
        let reason = service::required("reason", Some(reason)).map_err(Error::from)?;
        let key = cert_key(req(ctx))?;
        Ok(CertificateNode(flow!(ctx, |tx, audit, dir, a| {
            certify::replace(&mut tx, &audit, &dir, &a, key.as_ref(), &number, reason)
        })))
    }

    /// Revokes a certificate, with the reason.
    async fn revoke_standardization_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
        reason: String,
    ) -> Result<CertificateNode> {
        let reason = service::required("reason", Some(reason)).map_err(Error::from)?;
        Ok(CertificateNode(flow!(ctx, |tx, audit, dir, a| {
            certify::revoke(&mut tx, &audit, &dir, &a, &number, reason)
        })))
    }
}

/// A review or organising unit as the assigner sees it: its kind, USCC,
/// and whether it may act in the application's county (its home tenant
/// covers the county, or it holds a live grant there).
async fn unit(r: &Req, app_id: &str, org_id: &str) -> anjian_platform::Result<Unit> {
    let mut tx = r.read_all().await?;
    let org = orgs::get(&mut tx, org_id)
        .await
        .map_err(|_| Error::field("organisationId", "单位不存在", "no such organisation"))?;
    let Some(app) = store::get(&mut tx, app_id).await.gql()? else {
        return Err(Error::NotFound("application".into()));
    };
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    let mut reaches = dir.visibility(&org.tenant_id).contains(&app.tenant_id);
    if !reaches {
        let sql = tx.sql(
            "SELECT COUNT(*) FROM grants WHERE {tenant} AND tenant_id = $1 AND org_tenant_id = $2 AND org_id = $3 \
             AND revoked_at IS NULL AND record_type IS NULL AND (valid_until IS NULL OR valid_until > $4)",
        )?;
        reaches = tx
            .scalar(
                sqlx::query(&sql)
                    .bind(app.tenant_id.clone())
                    .bind(org.tenant_id.clone())
                    .bind(org.id.clone())
                    .bind(anjian_platform::time::now_ms()),
            )
            .await?
            > 0;
    }
    tx.commit().await?;
    Ok(Unit {
        tenant_id: org.tenant_id,
        id: org.id,
        kind: org.kind,
        uscc: org.uscc,
        reaches: reaches && !org.disabled,
    })
}
