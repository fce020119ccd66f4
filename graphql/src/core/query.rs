//! Core queries.

use super::types::*;
use crate::context::req;
use crate::relay::{page, page_vec, window, Page};
use anjian_platform::rbac::{Permission, ALL_ROLES};
use anjian_platform::{audit, jobs, notify, orgs, users, Error};
use async_graphql::{Context, Object, Result};

/// Queries of the platform core.
#[derive(Default)]
pub struct CoreQuery;

#[Object]
impl CoreQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        let p = req(ctx).principal()?;
        Ok(Me {
            id: p.user_id.clone(),
            username: p.username.clone(),
            display_name: p.display_name.clone(),
            roles: p.roles.iter().map(|r| r.as_str().to_string()).collect(),
            permissions: anjian_platform::rbac::permission_names(&p.roles),
            password_expired: p.password_expired,
            tenant_code: p.tenant.clone(),
            organisation_id: p.org.as_ref().map(|o| o.1.clone()),
            visible_tenant_codes: match &p.scope {
                anjian_platform::db::Scope::All => None,
                anjian_platform::db::Scope::Tenants(s) => Some(s.iter().cloned().collect()),
                anjian_platform::db::Scope::Nothing => Some(vec![]),
            },
        })
    }

    /// Tenants the caller may see, by code.
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = false)] include_retired: bool,
        level: Option<TenantLevel>,
    ) -> Result<Page<Tenant>> {
        let r = req(ctx);
        let scope = r.principal()?.scope.clone();
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let list: Vec<Tenant> = dir
            .all()
            .into_iter()
            .filter(|t| scope.contains(&t.code))
            .filter(|t| include_retired || !t.retired)
            .map(|t| Tenant(t.clone()))
            .filter(|t| level.is_none_or(|l| t_level(t) == l))
            .collect();
        Ok(page_vec(list, first, after)?)
    }

    /// One tenant the caller may see.
    async fn tenant(&self, ctx: &Context<'_>, code: String) -> Result<Tenant> {
        visible_tenant(ctx, Some(&code))
            .await?
            .ok_or_else(|| Error::NotFound(format!("tenant {code}")).into())
    }

    /// Users of the tenants the caller may see (administrators).
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        tenant_code: Option<String>,
    ) -> Result<Page<User>> {
        let r = req(ctx);
        r.require(Permission::UserRead)?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = users::list(&mut tx, tenant_code.as_deref(), limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(User::from).collect(),
            offset,
            total,
        ))
    }

    /// One user.
    async fn user(&self, ctx: &Context<'_>, id: String) -> Result<User> {
        let r = req(ctx);
        r.require(Permission::UserRead)?;
        let mut tx = r.read().await?;
        let u = users::get(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(u.into())
    }

    /// Every role and its 三员 group.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleInfo>> {
        req(ctx).principal()?;
        Ok(ALL_ROLES
            .iter()
            .map(|r| RoleInfo {
                name: r.as_str().into(),
                admin_group: r.admin_group().map(Into::into),
            })
            .collect())
    }

    /// The audit trail of the tenants the caller may see, newest first (audit administrators).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<AuditEntry>> {
        let r = req(ctx);
        r.require(Permission::AuditRead)?;
        let (limit, offset) = window(first, after)?;
        let af = audit_filter(filter.unwrap_or_default());
        let mut tx = r.read().await?;
        let (list, total) = audit::query(&mut tx, &af, limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(AuditEntry::from).collect(),
            offset,
            total,
        ))
    }

    /// The records `filter` selects, as CSV with their hashes (audit
    /// administrators; at most 50,000 records, newest first). The export is
    /// itself audited.
    async fn audit_export(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
    ) -> Result<AuditExport> {
        let r = req(ctx);
        r.require(Permission::AuditRead)?;
        let who = r.principal()?;
        let af = audit_filter(filter.unwrap_or_default());
        let mut tx = r.write().await?;
        let e =
            anjian_platform::audit_export::export(&mut tx, &r.audit(), &who.tenant, &af).await?;
        r.commit(tx).await?;
        Ok(AuditExport {
            csv: e.csv,
            rows: e.rows,
            sha256: e.sha256,
        })
    }

    /// Walks the audit hash chains the caller may see (one tenant's when
    /// `tenant_code` is given) and reports the first broken link (audit
    /// administrators).
    async fn audit_verification(
        &self,
        ctx: &Context<'_>,
        tenant_code: Option<String>,
    ) -> Result<AuditVerification> {
        let r = req(ctx);
        r.require(Permission::AuditRead)?;
        let scope = r.principal()?.scope.clone();
        let tenants: Option<Vec<String>> = match (&tenant_code, &scope) {
            (Some(t), s) if s.contains(t) => Some(vec![t.clone()]),
            (Some(_), _) => return Err(Error::NotFound("tenant".into()).into()),
            (None, anjian_platform::db::Scope::All) => None,
            (None, anjian_platform::db::Scope::Tenants(s)) => Some(s.iter().cloned().collect()),
            (None, anjian_platform::db::Scope::Nothing) => Some(vec![]),
        };
        let mut out = AuditVerification::default();
        let reports = match tenants {
            None => vec![audit::verify(&r.platform.db, None).await?],
            Some(list) => {
                let mut v = Vec::new();
                for t in list {
                    v.push(audit::verify(&r.platform.db, Some(&t)).await?);
                }
                v
            }
        };
        for rep in reports {
            out.tenants += rep.tenants as i64;
            out.records += rep.records as i64;
            if out.first_break.is_none() {
                out.first_break = rep.first_break.map(|b| AuditBreak {
                    tenant_code: b.tenant_id,
                    seq: b.seq,
                    reason: b.reason,
                });
            }
        }
        out.intact = out.first_break.is_none();
        Ok(out)
    }

    /// The caller's notifications, newest first.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = false)] unread_only: bool,
    ) -> Result<Page<Notification>> {
        let r = req(ctx);
        let p = r.principal()?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) =
            notify::inbox(&mut tx, &p.tenant, &p.user_id, unread_only, limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Notification::from).collect(),
            offset,
            total,
        ))
    }

    /// Jobs of the tenants the caller may see (system administrators).
    async fn jobs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<String>,
    ) -> Result<Page<Job>> {
        let r = req(ctx);
        r.require(Permission::JobRead)?;
        if let Some(s) = &status {
            if !["queued", "running", "done", "failed"].contains(&s.as_str()) {
                return Err(Error::field(
                    "status",
                    "状态应为 queued/running/done/failed",
                    "status is queued, running, done or failed",
                )
                .into());
            }
        }
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = jobs::list(&mut tx, status.as_deref(), limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Job::from).collect(),
            offset,
            total,
        ))
    }

    /// Organisations registered in the tenants the caller may see.
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Organisation>> {
        let r = req(ctx);
        r.require(Permission::UserRead)?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = orgs::list(&mut tx, limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Organisation::from).collect(),
            offset,
            total,
        ))
    }

    /// Grants in the tenants the caller may see (security administrators).
    async fn grants(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Grant>> {
        let r = req(ctx);
        r.require(Permission::RoleManage)?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = orgs::list_grants(&mut tx, limit, offset).await?;
        tx.commit().await?;
        Ok(page(
            list.into_iter().map(Grant::from).collect(),
            offset,
            total,
        ))
    }

    /// The security policy in force.
    async fn security_policy(&self, ctx: &Context<'_>) -> Result<SecurityPolicy> {
        let r = req(ctx);
        r.principal()?;
        Ok(r.platform.policies.security(&r.platform.db).await?.into())
    }
}

fn t_level(t: &Tenant) -> TenantLevel {
    match t.0.level {
        anjian_platform::tenancy::Level::Province => TenantLevel::Province,
        anjian_platform::tenancy::Level::City => TenantLevel::City,
        anjian_platform::tenancy::Level::County => TenantLevel::County,
    }
}

/// The storage filter of an `AuditFilter` input.
fn audit_filter(f: AuditFilter) -> audit::AuditFilter {
    audit::AuditFilter {
        tenant: f.tenant_code,
        actor: f.actor,
        operation: f.operation,
        target_type: f.target_type,
        target_id: f.target_id,
        from: f.from.map(|d| d.timestamp_millis()),
        to: f.to.map(|d| d.timestamp_millis()),
    }
}
