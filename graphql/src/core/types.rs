//! GraphQL object and input types of the core.

use super::loaders::RolesLoader;
use crate::context::req;
use crate::relay::{page_vec, Page};
use anjian_platform::{audit, jobs, notify, orgs, tenancy, users};
use async_graphql::dataloader::DataLoader;
use async_graphql::{
    ComplexObject, Context, Enum, InputObject, Json, Object, Result, SimpleObject,
};
use chrono::{DateTime, Utc};

/// Epoch milliseconds as a GraphQL DateTime.
pub fn dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Level of a tenant.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum TenantLevel {
    Province,
    City,
    County,
}

/// A supervision department of an administrative division (GB/T 2260).
#[derive(Clone)]
pub struct Tenant(pub tenancy::Tenant);

#[Object]
impl Tenant {
    /// Six-digit division code.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Division name, e.g. 西湖区.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The department's name, e.g. 西湖区应急管理局.
    async fn department_name(&self) -> String {
        if self.0.parent_code.is_none() {
            format!("{}应急管理厅", self.0.name)
        } else {
            format!("{}应急管理局", self.0.name)
        }
    }
    async fn level(&self) -> TenantLevel {
        match self.0.level {
            tenancy::Level::Province => TenantLevel::Province,
            tenancy::Level::City => TenantLevel::City,
            tenancy::Level::County => TenantLevel::County,
        }
    }
    /// The parent, when the caller may see it.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Tenant>> {
        visible_tenant(ctx, self.0.parent_code.as_deref()).await
    }
    /// Tenants directly below, that the caller may see.
    async fn children(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = false)] include_retired: bool,
    ) -> Result<Page<Tenant>> {
        let r = req(ctx);
        let scope = r.principal()?.scope.clone();
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let list = dir
            .all()
            .into_iter()
            .filter(|t| t.parent_code.as_deref() == Some(&self.0.code))
            .filter(|t| include_retired || !t.retired)
            .filter(|t| scope.contains(&t.code))
            .map(|t| Tenant(t.clone()))
            .collect();
        Ok(page_vec(list, first, after)?)
    }
    async fn retired(&self) -> bool {
        self.0.retired
    }
    async fn valid_from(&self) -> &str {
        &self.0.valid_from
    }
    async fn valid_to(&self) -> Option<&str> {
        self.0.valid_to.as_deref()
    }
    /// For a retired tenant: who inherited its records.
    async fn successor(&self, ctx: &Context<'_>) -> Result<Option<Tenant>> {
        visible_tenant(ctx, self.0.successor_code.as_deref()).await
    }
    /// Renames, merges and retirements, oldest first.
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<TenantHistory>> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read().await?;
        let h = tenancy::tenant_history(&mut tx, &self.0.code).await?;
        tx.commit().await?;
        let list = h
            .into_iter()
            .map(|e| TenantHistory {
                at: dt(e.at),
                action: e.action,
                detail: e.detail,
                actor: e.actor,
            })
            .collect();
        Ok(page_vec(list, first, after)?)
    }
}

/// A tenant the caller may see, by code.
pub async fn visible_tenant(ctx: &Context<'_>, code: Option<&str>) -> Result<Option<Tenant>> {
    let Some(code) = code else { return Ok(None) };
    let r = req(ctx);
    let scope = r.principal()?.scope.clone();
    if !scope.contains(code) {
        return Ok(None);
    }
    let dir = r.platform.tenancy.directory(&r.platform.db).await?;
    Ok(dir.get(code).cloned().map(Tenant))
}

/// One change in a tenant's life.
#[derive(SimpleObject)]
pub struct TenantHistory {
    pub at: DateTime<Utc>,
    pub action: String,
    /// JSON text of the details.
    pub detail: String,
    pub actor: String,
}

/// A user account.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub tenant_code: String,
    /// The organisation the user belongs to (enterprise, review unit...).
    pub organisation_id: Option<String>,
}

impl From<users::User> for User {
    fn from(u: users::User) -> Self {
        User {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            disabled: u.disabled,
            created_at: dt(u.created_at),
            tenant_code: u.tenant_id,
            organisation_id: u.org_id,
        }
    }
}

#[ComplexObject]
impl User {
    /// The user's home tenant.
    async fn tenant(&self, ctx: &Context<'_>) -> Result<Option<Tenant>> {
        visible_tenant(ctx, Some(&self.tenant_code)).await
    }
    /// Role names, e.g. `county-admin`.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let loader = ctx.data_unchecked::<DataLoader<RolesLoader>>();
        Ok(loader
            .load_one(self.id.clone())
            .await
            .map_err(|e| (*e).clone_error())?
            .unwrap_or_default())
    }
}

/// Lets a shared error be returned again.
trait CloneError {
    fn clone_error(&self) -> anjian_platform::Error;
}

impl CloneError for anjian_platform::Error {
    fn clone_error(&self) -> anjian_platform::Error {
        use anjian_platform::Error as E;
        match self {
            E::Unauthenticated => E::Unauthenticated,
            E::BadCredentials => E::BadCredentials,
            E::Forbidden(s) => E::Forbidden(s.clone()),
            E::PasswordExpired => E::PasswordExpired,
            E::NotFound(s) => E::NotFound(s.clone()),
            E::Validation(v) => E::Validation(v.clone()),
            E::Conflict { zh, en } => E::Conflict {
                zh: zh.clone(),
                en: en.clone(),
            },
            E::RateLimited { retry_after_secs } => E::RateLimited {
                retry_after_secs: *retry_after_secs,
            },
            E::Internal(s) => E::Internal(s.clone()),
        }
    }
}

/// The signed-in user.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    /// Every permission the roles hold (`user.manage`, `hazard.read`, ...):
    /// what a client may offer; each operation is still checked.
    pub permissions: Vec<String>,
    /// The password is older than the policy allows and must be changed.
    pub password_expired: bool,
    #[graphql(skip)]
    pub tenant_code: String,
    pub organisation_id: Option<String>,
    /// Codes of every tenant the user may see, or null for all.
    pub visible_tenant_codes: Option<Vec<String>>,
}

#[ComplexObject]
impl Me {
    async fn tenant(&self, ctx: &Context<'_>) -> Result<Option<Tenant>> {
        visible_tenant(ctx, Some(&self.tenant_code)).await
    }
}

/// One audit record.
#[derive(SimpleObject)]
pub struct AuditEntry {
    pub tenant_code: String,
    pub seq: i64,
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_tenant: Option<String>,
    pub operation: String,
    pub target_type: String,
    pub target_id: String,
    /// Changed fields: `[{field, before, after}]`.
    pub changes: Json<serde_json::Value>,
    pub request_id: String,
    pub client_addr: String,
    pub hash_algorithm: String,
    pub prev_hash: String,
    pub hash: String,
}

impl From<audit::AuditRecord> for AuditEntry {
    fn from(a: audit::AuditRecord) -> Self {
        AuditEntry {
            changes: Json(serde_json::from_str(&a.changes).unwrap_or(serde_json::Value::Null)),
            tenant_code: a.tenant_id,
            seq: a.seq,
            id: a.id,
            at: dt(a.at),
            actor: a.actor,
            actor_tenant: a.actor_tenant,
            operation: a.operation,
            target_type: a.target_type,
            target_id: a.target_id,
            request_id: a.request_id,
            client_addr: a.client_addr,
            hash_algorithm: a.alg,
            prev_hash: a.prev_hash,
            hash: a.hash,
        }
    }
}

/// The result of walking the audit chains (`auditVerification`).
#[derive(SimpleObject, Default)]
pub struct AuditVerification {
    /// No link is broken.
    pub intact: bool,
    /// Chains walked (one per tenant).
    pub tenants: i64,
    /// Records checked.
    pub records: i64,
    /// The first broken link, if any.
    pub first_break: Option<AuditBreak>,
}

/// Where an audit chain breaks.
#[derive(SimpleObject)]
pub struct AuditBreak {
    pub tenant_code: String,
    pub seq: i64,
    pub reason: String,
}

/// Filters of `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    pub tenant_code: Option<String>,
    pub actor: Option<String>,
    pub operation: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// A message in a user's inbox.
#[derive(SimpleObject, Clone)]
pub struct Notification {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl From<notify::Notification> for Notification {
    fn from(n: notify::Notification) -> Self {
        Notification {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            created_at: dt(n.created_at),
            read_at: n.read_at.map(dt),
        }
    }
}

/// A job in the queue.
#[derive(SimpleObject)]
pub struct Job {
    pub id: String,
    pub tenant_code: String,
    pub kind: String,
    /// queued, running, done or failed.
    pub status: String,
    pub run_at: DateTime<Utc>,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<jobs::JobInfo> for Job {
    fn from(j: jobs::JobInfo) -> Self {
        Job {
            id: j.id,
            tenant_code: j.tenant_id,
            kind: j.kind,
            status: j.status,
            run_at: dt(j.run_at),
            attempts: j.attempts,
            max_attempts: j.max_attempts,
            last_error: j.last_error,
            updated_at: dt(j.updated_at),
        }
    }
}

/// An organisation acting across tenants.
#[derive(SimpleObject)]
pub struct Organisation {
    pub id: String,
    pub tenant_code: String,
    /// enterprise, review-unit, review-organising-unit, training-institution.
    pub kind: String,
    pub name: String,
    /// 统一社会信用代码, when known.
    pub uscc: Option<String>,
    pub disabled: bool,
}

impl From<orgs::Organisation> for Organisation {
    fn from(o: orgs::Organisation) -> Self {
        Organisation {
            id: o.id,
            tenant_code: o.tenant_id,
            kind: o.kind,
            name: o.name,
            uscc: o.uscc,
            disabled: o.disabled,
        }
    }
}

/// A grant of a role to an organisation in a tenant, or on one record.
#[derive(SimpleObject)]
pub struct Grant {
    pub id: String,
    pub tenant_code: String,
    pub organisation_id: String,
    pub organisation_tenant_code: String,
    pub role: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub valid_until: Option<DateTime<Utc>>,
    pub revoked: bool,
}

impl From<orgs::Grant> for Grant {
    fn from(g: orgs::Grant) -> Self {
        Grant {
            id: g.id,
            tenant_code: g.tenant_id,
            organisation_id: g.org_id,
            organisation_tenant_code: g.org_tenant_id,
            role: g.role,
            record_type: g.record_type,
            record_id: g.record_id,
            valid_until: g.valid_until.map(dt),
            revoked: g.revoked,
        }
    }
}

/// Tokens of a session.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Bearer token for `Authorization: Bearer ...`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    /// Exchange through `refreshToken` for a new token.
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
}

impl From<anjian_platform::auth::Tokens> for LoginPayload {
    fn from(t: anjian_platform::auth::Tokens) -> Self {
        LoginPayload {
            token: t.token,
            expires_at: dt(t.expires_at),
            refresh_token: t.refresh_token,
            refresh_expires_at: dt(t.refresh_expires_at),
        }
    }
}

/// A role and what it is for.
#[derive(SimpleObject)]
pub struct RoleInfo {
    pub name: String,
    /// 三员 group: system, security or audit; null for business roles.
    pub admin_group: Option<String>,
}

/// The province's security policy.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "SecurityPolicyInput")]
pub struct SecurityPolicy {
    pub password_min_length: u32,
    pub password_min_classes: u32,
    pub password_max_age_days: u32,
    pub session_access_ttl_minutes: u32,
    pub session_idle_timeout_minutes: u32,
    pub session_refresh_ttl_minutes: u32,
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_address: u32,
    pub login_window_seconds: u32,
}

impl From<anjian_platform::policy::SecurityPolicy> for SecurityPolicy {
    fn from(p: anjian_platform::policy::SecurityPolicy) -> Self {
        SecurityPolicy {
            password_min_length: p.password.min_length,
            password_min_classes: p.password.min_classes,
            password_max_age_days: p.password.max_age_days,
            session_access_ttl_minutes: p.session.access_ttl_minutes,
            session_idle_timeout_minutes: p.session.idle_timeout_minutes,
            session_refresh_ttl_minutes: p.session.refresh_ttl_minutes,
            login_max_failures_per_account: p.login.max_failures_per_account,
            login_max_failures_per_address: p.login.max_failures_per_address,
            login_window_seconds: p.login.window_seconds,
        }
    }
}

impl From<SecurityPolicy> for anjian_platform::policy::SecurityPolicy {
    fn from(p: SecurityPolicy) -> Self {
        use anjian_platform::policy::*;
        anjian_platform::policy::SecurityPolicy {
            password: PasswordPolicy {
                min_length: p.password_min_length,
                min_classes: p.password_min_classes,
                max_age_days: p.password_max_age_days,
            },
            session: SessionPolicy {
                access_ttl_minutes: p.session_access_ttl_minutes,
                idle_timeout_minutes: p.session_idle_timeout_minutes,
                refresh_ttl_minutes: p.session_refresh_ttl_minutes,
            },
            login: LoginPolicy {
                max_failures_per_account: p.login_max_failures_per_account,
                max_failures_per_address: p.login_max_failures_per_address,
                window_seconds: p.login_window_seconds,
            },
        }
    }
}

/// An export of the audit trail (审计记录导出).
#[derive(SimpleObject)]
pub struct AuditExport {
    /// CSV (UTF-8): tenant, seq, id, at (ms), actor, …, prev_hash, hash.
    pub csv: String,
    pub rows: i64,
    /// SHA-256 of `csv`, recorded in the audit trail with the export.
    pub sha256: String,
}
