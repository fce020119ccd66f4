//! The types of standardization's GraphQL: applications, certificates,
//! checklists, and the inputs of the steps.

use super::*;

/// An application (标准化评审申请).
pub struct ApplicationNode(pub(crate) Application);

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
pub struct CertificateNode(pub(crate) Certificate);

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
    /// The signature of `canonical` (Ed25519, or SM2 when `algorithm` says so), hex.
    async fn signature(&self) -> &str {
        &self.0.signature
    }
    async fn key_id(&self) -> &str {
        &self.0.key_id
    }
    /// `ed25519` or `sm2` (国密).
    async fn algorithm(&self) -> &'static str {
        algorithm_of(&self.0.key_id)
    }
    /// What a QR code on the printed certificate carries: a link to the
    /// public check page (`ANJIAN_PUBLIC_URL`), else `AQB1|number|signature`.
    async fn qr_payload(&self, ctx: &Context<'_>) -> String {
        let base = super::req(ctx).platform.config.public_url.clone();
        crate::pdf::qr_payload(&self.0, base.as_deref())
    }
    /// The certificate as a PDF document with its QR code (base64).
    async fn pdf(&self, ctx: &Context<'_>) -> String {
        use base64::Engine;
        let base = super::req(ctx).platform.config.public_url.clone();
        let status = self.0.status(anjian_platform::time::now_ms());
        let doc = crate::pdf::render(
            &self.0,
            status,
            algorithm_of(&self.0.key_id),
            base.as_deref(),
        );
        base64::engine::general_purpose::STANDARD.encode(doc)
    }
}

/// The signing algorithm of a key id (SM2 key ids start `sm2:`).
pub(crate) fn algorithm_of(key_id: &str) -> &'static str {
    if key_id.starts_with("sm2:") {
        "sm2"
    } else {
        "ed25519"
    }
}

pub(crate) fn status_str(s: Status) -> &'static str {
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
    /// `ed25519` or `sm2` (国密).
    pub algorithm: String,
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

pub(crate) fn checklist_node(s: store::StoredChecklist) -> ChecklistNode {
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

pub(crate) fn marks(list: Vec<MarkInput>) -> Vec<Mark> {
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
