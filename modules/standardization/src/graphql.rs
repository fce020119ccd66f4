//! GraphQL of standardization review: thin resolvers over `service` and
//! `certify`. Simple steps share one typed mutation (`standardizationStep`);
//! steps with forms have their own.

use crate::certificate::{CertKey, Certificate, Status};
use crate::checklist::{Checklist, Mark};
use crate::error::{Platform as _, StdError};
use crate::model::{self, Rules, SafetyRecord};
use crate::service::{self, Actor, NewApplication, Unit};
use crate::store::{self, Application, Reviewer};
use crate::{certify, PERM_CHECKLISTS, PERM_DECIDE, PERM_READ};
use anjian_platform::api::context::{req, Req};
use anjian_platform::api::relay::{page, window, Page};
use anjian_platform::rbac::{Permission, Role};
use anjian_platform::time::to_rfc3339;
use anjian_platform::{orgs, Error};
use async_graphql::{Context, Enum, InputObject, Json, Object, Result, SimpleObject};
use serde_json::Value;
use std::sync::OnceLock;

/// The signing key, read once per process.
fn cert_key(r: &Req) -> anjian_platform::Result<Option<CertKey>> {
    static KEY: OnceLock<Option<CertKey>> = OnceLock::new();
    if let Some(k) = KEY.get() {
        return Ok(k.clone());
    }
    let k = CertKey::from_config(&r.platform.config).gql()?;
    Ok(KEY.get_or_init(|| k).clone())
}

/// The caller as the flow sees them.
async fn actor(r: &Req) -> anjian_platform::Result<Actor> {
    let who = r.principal()?;
    if who.password_expired {
        return Err(Error::PasswordExpired);
    }
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    let level = dir
        .get(&who.tenant)
        .map(|t| t.level)
        .ok_or_else(|| Error::NotFound("tenant".into()))?;
    let enterprise = if who.has_role(Role::Enterprise) {
        Some(own_enterprise(r).await?)
    } else {
        None
    };
    let unit = if who.has_role(Role::Reviewer) {
        who.org.clone()
    } else {
        None
    };
    if enterprise.is_none() && unit.is_none() {
        who.require(Permission::Module(PERM_READ))?;
    }
    Ok(Actor {
        username: who.username.clone(),
        tenant: who.tenant.clone(),
        level,
        decides: who.can(Permission::Module(PERM_DECIDE)),
        enterprise,
        unit,
    })
}

/// (tenant, enterprise id) of an enterprise user's own enterprise.
async fn own_enterprise(r: &Req) -> anjian_platform::Result<(String, String)> {
    let who = r.principal()?;
    let Some((_, org_id)) = &who.org else {
        return Err(Error::NotFound("enterprise".into()));
    };
    let mut tx = r.read().await?;
    let org = orgs::get(&mut tx, org_id).await?;
    let found = match org.uscc {
        Some(u) if org.kind == "enterprise" => {
            anjian_enterprise::store::by_uscc(&mut tx, &org.tenant_id, &u).await?
        }
        _ => None,
    };
    tx.commit().await?;
    found
        .map(|s| (s.tenant_id, s.id))
        .ok_or_else(|| Error::NotFound("enterprise".into()))
}

fn dt(ms: i64) -> String {
    to_rfc3339(ms)
}

/// An application (标准化评审申请).
pub struct ApplicationNode(Application);

/// A step of an application's timeline.
#[derive(SimpleObject)]
pub struct StdEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub comment: Option<String>,
    pub details: Json<Value>,
}

/// An objection to the public notice.
#[derive(SimpleObject)]
pub struct StdObjection {
    pub id: String,
    pub at: String,
    pub text: String,
    pub resolution: Option<String>,
}

#[Object]
impl ApplicationNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    /// The county the application belongs to.
    async fn tenant_code(&self) -> &str {
        &self.0.tenant_id
    }
    async fn enterprise_id(&self) -> &str {
        &self.0.enterprise_id
    }
    async fn enterprise_name(&self) -> &str {
        &self.0.enterprise_name
    }
    async fn enterprise_uscc(&self) -> &str {
        &self.0.enterprise_uscc
    }
    async fn industry(&self) -> &str {
        &self.0.industry
    }
    /// The grade applied for: `1`, `2` or `3`.
    async fn applied_grade(&self) -> &str {
        self.0.applied_grade.as_str()
    }
    async fn state(&self) -> &str {
        self.0.state.as_str()
    }
    /// The state's Chinese name.
    async fn state_name(&self) -> &str {
        self.0.state.zh()
    }
    async fn system_run_since(&self) -> &str {
        &self.0.system_run_since
    }
    async fn deaths(&self) -> u32 {
        self.0.record.deaths
    }
    async fn serious_accidents(&self) -> u32 {
        self.0.record.serious_accidents
    }
    async fn checklist_version(&self) -> Option<&str> {
        self.0.checklist_version.as_deref()
    }
    async fn self_score(&self) -> Option<f64> {
        self.0.self_score
    }
    async fn review_score(&self) -> Option<f64> {
        self.0.review_score
    }
    /// The grade the review reached (capped by the safety record).
    async fn achieved_grade(&self) -> Option<&str> {
        self.0.achieved_grade.map(|g| g.as_str())
    }
    async fn review_unit_id(&self) -> Option<&str> {
        self.0.review_unit.as_ref().map(|u| u.1.as_str())
    }
    async fn organiser_id(&self) -> Option<&str> {
        self.0.organiser.as_ref().map(|u| u.1.as_str())
    }
    /// The on-site review: reviewers, marks, vetoes failed, who signed.
    async fn review(&self) -> Option<Json<Value>> {
        self.0
            .review
            .as_ref()
            .and_then(|r| serde_json::to_value(r).ok())
            .map(Json)
    }
    /// The enterprise's own marks.
    async fn self_marks(&self) -> Option<Json<Value>> {
        self.0
            .self_marks
            .as_ref()
            .and_then(|r| serde_json::to_value(r).ok())
            .map(Json)
    }
    /// 不予受理: reason and what is missing.
    async fn refusal(&self) -> Option<Json<Value>> {
        self.0.refusal.clone().map(Json)
    }
    async fn objections(&self) -> Vec<StdObjection> {
        self.0
            .objections
            .iter()
            .map(|o| StdObjection {
                id: o.id.clone(),
                at: dt(o.at),
                text: o.text.clone(),
                resolution: o.resolution.clone(),
            })
            .collect()
    }
    async fn due_at(&self) -> Option<String> {
        self.0.due_at.map(dt)
    }
    async fn overdue(&self) -> bool {
        self.0.overdue
    }
    async fn notice_ends_at(&self) -> Option<String> {
        self.0.notice_ends_at.map(dt)
    }
    async fn certificate_number(&self) -> Option<&str> {
        self.0.certificate_number.as_deref()
    }
    async fn version(&self) -> i64 {
        self.0.version
    }
    async fn updated_at(&self) -> String {
        dt(self.0.updated_at)
    }
    /// The steps possible from the current state (whether the caller may
    /// take them is checked when they do).
    async fn actions(&self) -> Vec<&'static str> {
        model::actions(self.0.state)
    }
    /// The timeline, oldest first.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<StdEvent>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::events(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|e| StdEvent {
                seq: e.seq,
                at: dt(e.at),
                actor: e.actor,
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                comment: e.comment,
                details: Json(e.details),
            })
            .collect())
    }
}

/// A certificate (标准化证书).
pub struct CertificateNode(Certificate);

#[Object]
impl CertificateNode {
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn enterprise_name(&self) -> &str {
        &self.0.enterprise_name
    }
    async fn enterprise_uscc(&self) -> &str {
        &self.0.enterprise_uscc
    }
    async fn industry(&self) -> &str {
        &self.0.industry
    }
    async fn grade(&self) -> &str {
        self.0.grade.as_str()
    }
    async fn issued_at(&self) -> String {
        dt(self.0.issued_at)
    }
    async fn valid_until(&self) -> String {
        dt(self.0.valid_until)
    }
    /// `valid`, `expired`, `revoked` or `replaced`.
    async fn status(&self) -> &'static str {
        status_str(self.0.status(anjian_platform::time::now_ms()))
    }
    async fn status_reason(&self) -> Option<&str> {
        self.0.status_reason.as_deref()
    }
    /// The signed text (JSON, keys sorted).
    async fn canonical(&self) -> &str {
        &self.0.canonical
    }
    /// Ed25519 signature of `canonical`, hex.
    async fn signature(&self) -> &str {
        &self.0.signature
    }
    async fn key_id(&self) -> &str {
        &self.0.key_id
    }
    /// What a QR code on the printed certificate carries.
    async fn qr_payload(&self) -> String {
        format!("AQB1|{}|{}", self.0.number, self.0.signature)
    }
}

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Valid => "valid",
        Status::Expired => "expired",
        Status::Revoked => "revoked",
        Status::Replaced => "replaced",
    }
}

/// What anyone may see of a certificate by its number.
#[derive(SimpleObject)]
pub struct CertificateCheck {
    pub number: String,
    pub enterprise_name: String,
    pub grade: String,
    pub industry: String,
    pub issued_at: String,
    pub valid_until: String,
    /// `valid`, `expired`, `revoked` or `replaced`.
    pub status: String,
    /// The stored signature verifies with the province's key.
    pub signature_valid: bool,
    pub public_key: Option<String>,
}

/// A checklist version.
#[derive(SimpleObject)]
pub struct ChecklistNode {
    pub industry: String,
    pub version: String,
    pub name: String,
    pub standard: String,
    pub full_score: f64,
    pub item_count: i32,
    pub in_force: bool,
    pub loaded_at: String,
    /// The items: code, element, text, points, deductionRule, veto.
    pub items: Json<Value>,
}

fn checklist_node(s: store::StoredChecklist) -> ChecklistNode {
    let c = s.checklist;
    ChecklistNode {
        item_count: c.items.len() as i32,
        items: Json(serde_json::to_value(&c.items).unwrap_or_default()),
        industry: c.industry,
        version: c.version,
        name: c.name,
        standard: c.standard,
        full_score: c.full_score,
        in_force: s.superseded_at.is_none(),
        loaded_at: dt(s.loaded_at),
    }
}

/// The simple steps (no form beyond a comment or a reason).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum StdAction {
    /// 属地同意 (→ submitted).
    Consent,
    /// 属地不同意 (→ draft, reason).
    DeclineConsent,
    /// 受理.
    Accept,
    /// 不予受理 (reason, missing).
    Refuse,
    /// 整改完成，申请复评.
    SubmitRectification,
    /// 按实际达到的等级继续.
    AcceptAchievedGrade,
    /// 签署评审报告.
    SignReport,
    /// 组织单位审核通过.
    OrganiserApprove,
    /// 组织单位退回 (reason).
    OrganiserReturn,
    /// 监管部门审核通过 (→ 公示).
    AuthorityApprove,
    /// 监管部门退回 (reason).
    AuthorityReturn,
    /// 公告.
    Announce,
    /// 撤回.
    Withdraw,
}

/// A mark on one checklist item.
#[derive(InputObject)]
pub struct MarkInput {
    pub code: String,
    pub score: Option<f64>,
    pub deduction: Option<f64>,
    #[graphql(default)]
    pub not_applicable: bool,
    #[graphql(default)]
    pub veto_failed: bool,
    pub note: Option<String>,
}

fn marks(list: Vec<MarkInput>) -> Vec<Mark> {
    list.into_iter()
        .map(|m| Mark {
            code: m.code,
            score: m.score,
            deduction: m.deduction,
            not_applicable: m.not_applicable,
            veto_failed: m.veto_failed,
            note: m.note,
        })
        .collect()
}

/// A reviewer on site.
#[derive(InputObject)]
pub struct ReviewerInput {
    pub name: String,
    /// 评审员证书编号.
    pub certificate_no: String,
    /// The reviewer's employer when not the review unit.
    pub employer_uscc: Option<String>,
}

/// An application.
#[derive(InputObject)]
pub struct ApplyInput {
    /// `2` or `3`.
    pub grade: String,
    /// `YYYY-MM-DD` the system started running.
    pub system_run_since: String,
    /// Deaths in the year before applying.
    #[graphql(default)]
    pub deaths: u32,
    /// 较大及以上 accidents in the year before applying.
    #[graphql(default)]
    pub serious_accidents: u32,
}

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
            public_key: k.map(|k| k.public_hex()),
        })
    }
}

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
