//! Core mutations. Each runs in one transaction with its audit record: it
//! commits whole or not at all.

use super::types::*;
use crate::context::{req, Req};
use anjian_platform::module::REMINDER_JOB;
use anjian_platform::rbac::Permission;
use anjian_platform::tenancy::{self, NewTenant};
use anjian_platform::time::now_ms;
use anjian_platform::{auth, jobs, notify, orgs, policy, users, Error};
use async_graphql::{Context, InputObject, Object, Result};
use chrono::{DateTime, Utc};

/// Mutations of the platform core.
#[derive(Default)]
pub struct CoreMutation;

#[derive(InputObject)]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

#[derive(InputObject)]
pub struct RefreshTokenInput {
    pub refresh_token: String,
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub old_password: String,
    pub new_password: String,
}

#[derive(InputObject)]
pub struct CreateUserInput {
    pub tenant_code: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[graphql(default)]
    pub roles: Vec<String>,
    /// The organisation (in any visible tenant) the user belongs to.
    pub organisation_id: Option<String>,
}

#[derive(InputObject)]
pub struct SetUserDisabledInput {
    pub user_id: String,
    pub disabled: bool,
}

#[derive(InputObject)]
pub struct ResetPasswordInput {
    pub user_id: String,
    pub password: String,
}

#[derive(InputObject)]
pub struct RoleInput {
    pub user_id: String,
    pub role: String,
}

#[derive(InputObject)]
pub struct CreateTenantInput {
    pub code: String,
    pub name: String,
    /// city or county.
    pub level: String,
    pub parent_code: String,
    /// YYYY-MM-DD; today when omitted.
    pub valid_from: Option<String>,
}

#[derive(InputObject)]
pub struct RenameTenantInput {
    pub code: String,
    pub name: String,
}

#[derive(InputObject)]
pub struct RetireTenantInput {
    pub code: String,
    pub successor_code: String,
}

#[derive(InputObject)]
pub struct MergeTenantsInput {
    /// Tenants that cease to exist.
    pub source_codes: Vec<String>,
    /// The tenant that inherits their records.
    pub into_code: String,
}

#[derive(InputObject)]
pub struct CreateOrganisationInput {
    pub tenant_code: String,
    /// enterprise, review-unit, review-organising-unit, training-institution.
    pub kind: String,
    pub name: String,
    pub uscc: Option<String>,
}

#[derive(InputObject)]
pub struct GrantOrganisationInput {
    /// The tenant in which the organisation may act.
    pub tenant_code: String,
    pub organisation_id: String,
    pub role: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub valid_until: Option<DateTime<Utc>>,
}

#[derive(InputObject)]
pub struct IdInput {
    pub id: String,
}

#[derive(InputObject)]
pub struct SendNotificationInput {
    pub user_id: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
}

#[derive(InputObject)]
pub struct ScheduleReminderInput {
    /// When the reminder arrives in the caller's inbox.
    pub at: DateTime<Utc>,
    pub title: String,
    #[graphql(default)]
    pub body: String,
}

fn text(field: &str, v: &str, max: usize) -> anjian_platform::Result<String> {
    let t = v.trim();
    if t.is_empty() || t.chars().count() > max {
        return Err(Error::field(
            field,
            &format!("不能为空且不超过{max}字"),
            &format!("must be 1-{max} characters"),
        ));
    }
    Ok(t.to_string())
}

async fn tenant_change<F>(r: &Req, f: F) -> Result<Vec<Tenant>>
where
    F: for<'a> FnOnce(
        &'a mut anjian_platform::db::Tx,
        &'a anjian_platform::audit::AuditCtx,
    ) -> futures::future::BoxFuture<
        'a,
        anjian_platform::Result<Vec<tenancy::Tenant>>,
    >,
{
    r.require(Permission::TenantManage)?;
    let ctx = r.audit();
    let mut tx = r.write().await?;
    let out = f(&mut tx, &ctx).await?;
    r.commit(tx).await?;
    r.platform.tenancy.invalidate();
    // Again, after the directory: a session cached in between saw the old tree.
    r.platform.db.auth_cache().invalidate_local();
    Ok(out.into_iter().map(Tenant).collect())
}

#[Object]
impl CoreMutation {
    /// Signs in; the error never says whether the account exists.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> Result<LoginPayload> {
        let r = req(ctx);
        let mut actx = r.audit();
        actx.actor = input.username.trim().to_string();
        Ok(
            auth::login(&r.platform, &input.username, &input.password, &actx)
                .await?
                .into(),
        )
    }

    /// Exchanges a refresh token for a new token pair.
    async fn refresh_token(
        &self,
        ctx: &Context<'_>,
        input: RefreshTokenInput,
    ) -> Result<LoginPayload> {
        let r = req(ctx);
        Ok(auth::refresh(&r.platform, &input.refresh_token, &r.audit())
            .await?
            .into())
    }

    /// Ends the current session.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool> {
        let r = req(ctx);
        auth::logout(&r.platform, r.principal()?, &r.audit()).await?;
        Ok(true)
    }

    /// Changes the caller's password; every session of theirs ends.
    async fn change_password(&self, ctx: &Context<'_>, input: ChangePasswordInput) -> Result<bool> {
        let r = req(ctx);
        auth::change_password(
            &r.platform,
            r.principal()?,
            &input.old_password,
            &input.new_password,
            &r.audit(),
        )
        .await?;
        Ok(true)
    }

    /// Creates a user in a tenant the caller administers (system administrators).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<User> {
        let r = req(ctx);
        let who = r.require(Permission::UserManage)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let policy = r.platform.policies.security(&r.platform.db).await?;
        let org = match &input.organisation_id {
            Some(id) => {
                let mut tx = r.read().await?;
                let o = orgs::get(&mut tx, id).await.map_err(|_| {
                    Error::field(
                        "organisationId",
                        "单位不存在",
                        "the organisation does not exist",
                    )
                })?;
                tx.commit().await?;
                Some((o.tenant_id, o.id))
            }
            None => None,
        };
        if !who.scope.contains(&input.tenant_code) {
            return Err(Error::NotFound(format!("tenant {}", input.tenant_code)).into());
        }
        let mut tx = r.write().await?;
        let u = users::create_user(
            &mut tx,
            &r.audit(),
            Some(who),
            &dir,
            &policy,
            users::NewUser {
                tenant: input.tenant_code,
                username: input.username,
                display_name: input.display_name,
                password: input.password,
                roles: input.roles,
                org,
            },
        )
        .await?;
        r.commit(tx).await?;
        Ok(u.into())
    }

    /// Disables or re-enables an account (system administrators).
    async fn set_user_disabled(
        &self,
        ctx: &Context<'_>,
        input: SetUserDisabledInput,
    ) -> Result<User> {
        let r = req(ctx);
        let who = r.require(Permission::UserManage)?;
        let mut tx = r.write().await?;
        let u =
            users::set_disabled(&mut tx, &r.audit(), who, &input.user_id, input.disabled).await?;
        r.commit(tx).await?;
        Ok(u.into())
    }

    /// Sets another user's password; they must change it at next sign-in.
    async fn reset_password(&self, ctx: &Context<'_>, input: ResetPasswordInput) -> Result<User> {
        let r = req(ctx);
        let who = r.require(Permission::UserManage)?;
        let policy = r.platform.policies.security(&r.platform.db).await?;
        let mut tx = r.write().await?;
        let u = users::reset_password(
            &mut tx,
            &r.audit(),
            who,
            &policy,
            &input.user_id,
            &input.password,
        )
        .await?;
        r.commit(tx).await?;
        Ok(u.into())
    }

    /// Assigns a role (security administrators); 三员 roles never combine.
    async fn assign_role(&self, ctx: &Context<'_>, input: RoleInput) -> Result<User> {
        let r = req(ctx);
        let who = r.require(Permission::RoleManage)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut tx = r.write().await?;
        let u =
            users::assign_role(&mut tx, &r.audit(), who, &dir, &input.user_id, &input.role).await?;
        r.commit(tx).await?;
        Ok(u.into())
    }

    /// Revokes a role (security administrators).
    async fn revoke_role(&self, ctx: &Context<'_>, input: RoleInput) -> Result<User> {
        let r = req(ctx);
        let who = r.require(Permission::RoleManage)?;
        let mut tx = r.write().await?;
        let u = users::revoke_role(&mut tx, &r.audit(), who, &input.user_id, &input.role).await?;
        r.commit(tx).await?;
        Ok(u.into())
    }

    /// Creates a city or county tenant (province).
    async fn create_tenant(&self, ctx: &Context<'_>, input: CreateTenantInput) -> Result<Tenant> {
        let r = req(ctx);
        let mut out = tenant_change(r, |tx, a| {
            Box::pin(async move {
                let nt = NewTenant {
                    code: input.code,
                    name: input.name,
                    level: input.level,
                    parent_code: Some(input.parent_code),
                    valid_from: input.valid_from,
                };
                Ok(vec![tenancy::create_tenant(tx, a, nt).await?])
            })
        })
        .await?;
        out.pop().ok_or_else(|| Error::internal("no tenant").into())
    }

    /// Renames a tenant; the old name stays in its history (province).
    async fn rename_tenant(&self, ctx: &Context<'_>, input: RenameTenantInput) -> Result<Tenant> {
        let r = req(ctx);
        let mut out = tenant_change(r, |tx, a| {
            Box::pin(async move {
                Ok(vec![
                    tenancy::rename_tenant(tx, a, &input.code, &input.name).await?,
                ])
            })
        })
        .await?;
        out.pop().ok_or_else(|| Error::internal("no tenant").into())
    }

    /// Retires a tenant; its successor inherits visibility of its records (province).
    async fn retire_tenant(&self, ctx: &Context<'_>, input: RetireTenantInput) -> Result<Tenant> {
        let r = req(ctx);
        let mut out = tenant_change(r, |tx, a| {
            Box::pin(async move {
                Ok(vec![
                    tenancy::retire_tenant(tx, a, &input.code, &input.successor_code).await?,
                ])
            })
        })
        .await?;
        out.pop().ok_or_else(|| Error::internal("no tenant").into())
    }

    /// Merges tenants into another (province); returns the retired ones.
    async fn merge_tenants(
        &self,
        ctx: &Context<'_>,
        input: MergeTenantsInput,
    ) -> Result<Vec<Tenant>> {
        let r = req(ctx);
        tenant_change(r, |tx, a| {
            Box::pin(async move {
                tenancy::merge_tenants(tx, a, &input.source_codes, &input.into_code).await
            })
        })
        .await
    }

    /// Registers an organisation (system administrators).
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganisationInput,
    ) -> Result<Organisation> {
        let r = req(ctx);
        let who = r.require(Permission::OrgManage)?;
        let mut tx = r.write().await?;
        let o = orgs::create(
            &mut tx,
            &r.audit(),
            who,
            &input.tenant_code,
            &input.kind,
            &input.name,
            input.uscc,
        )
        .await?;
        r.commit(tx).await?;
        Ok(o.into())
    }

    /// Lets an organisation of any tenant act in one of the caller's tenants (security administrators).
    async fn grant_organisation(
        &self,
        ctx: &Context<'_>,
        input: GrantOrganisationInput,
    ) -> Result<Grant> {
        let r = req(ctx);
        let who = r.require(Permission::RoleManage)?;
        let mut lookup = r.read_all().await?;
        let org = orgs::get(&mut lookup, &input.organisation_id).await;
        lookup.commit().await?;
        let org = org.map_err(|_| {
            Error::field(
                "organisationId",
                "单位不存在",
                "the organisation does not exist",
            )
        })?;
        let mut tx = r.write().await?;
        let g = orgs::grant(
            &mut tx,
            &r.audit(),
            who,
            &org,
            orgs::NewGrant {
                tenant: input.tenant_code,
                org_id: input.organisation_id,
                role: input.role,
                record_type: input.record_type,
                record_id: input.record_id,
                valid_until: input.valid_until.map(|d| d.timestamp_millis()),
            },
        )
        .await?;
        r.commit(tx).await?;
        Ok(g.into())
    }

    /// Revokes a grant (security administrators).
    async fn revoke_grant(&self, ctx: &Context<'_>, input: IdInput) -> Result<Grant> {
        let r = req(ctx);
        let who = r.require(Permission::RoleManage)?;
        let mut tx = r.write().await?;
        let g = orgs::revoke(&mut tx, &r.audit(), who, &input.id).await?;
        r.commit(tx).await?;
        Ok(g.into())
    }

    /// Changes the security policy (the province's security administrator).
    async fn update_security_policy(
        &self,
        ctx: &Context<'_>,
        input: SecurityPolicy,
    ) -> Result<SecurityPolicy> {
        let r = req(ctx);
        let who = r.require(Permission::PolicyManage)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        if dir.get(&who.tenant).is_none_or(|t| t.parent_code.is_some()) {
            return Err(Error::Forbidden("policy is set by the province".into()).into());
        }
        let new: policy::SecurityPolicy = input.into();
        let mut tx = r.write().await?;
        let old = policy::load(&mut tx).await?;
        policy::save(&mut tx, &new, &who.username).await?;
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &who.tenant,
            "policy.update",
            "policy",
            "security",
            vec![anjian_platform::audit::Change::new(
                "security",
                Some(serde_json::to_value(&old)?),
                Some(serde_json::to_value(&new)?),
            )],
        )
        .await?;
        r.commit(tx).await?;
        r.platform.policies.invalidate();
        Ok(new.into())
    }

    /// Marks one of the caller's notifications read.
    async fn mark_notification_read(
        &self,
        ctx: &Context<'_>,
        input: IdInput,
    ) -> Result<Notification> {
        let r = req(ctx);
        let p = r.principal()?;
        let mut tx = r.write().await?;
        let n = notify::mark_read(&mut tx, &r.audit(), &p.tenant, &p.user_id, &input.id).await?;
        r.commit(tx).await?;
        Ok(n.into())
    }

    /// Marks all of the caller's notifications read; returns how many.
    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> Result<i64> {
        let r = req(ctx);
        let p = r.principal()?;
        let mut tx = r.write().await?;
        let n = notify::mark_all_read(&mut tx, &r.audit(), &p.tenant, &p.user_id).await?;
        r.commit(tx).await?;
        Ok(n)
    }

    /// Sends a notification to a user the caller administers.
    async fn send_notification(
        &self,
        ctx: &Context<'_>,
        input: SendNotificationInput,
    ) -> Result<Notification> {
        let r = req(ctx);
        r.require(Permission::UserManage)?;
        let title = text("title", &input.title, 100)?;
        let body = text("body", &input.body, 2000)?;
        let mut tx = r.write().await?;
        let u = users::get(&mut tx, &input.user_id).await?;
        let n = notify::post(
            &mut tx,
            &u.tenant_id,
            &u.id,
            "message",
            &title,
            &body,
            input.link.as_deref(),
        )
        .await?;
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &u.tenant_id,
            "notification.send",
            "notification",
            &n.id,
            vec![anjian_platform::audit::Change::new(
                "title",
                None,
                Some(title.as_str().into()),
            )],
        )
        .await?;
        r.commit(tx).await?;
        Ok(n.into())
    }

    /// Schedules a reminder to the caller's own inbox (a job in the queue).
    async fn schedule_reminder(
        &self,
        ctx: &Context<'_>,
        input: ScheduleReminderInput,
    ) -> Result<Job> {
        let r = req(ctx);
        let p = r.principal()?;
        let title = text("title", &input.title, 100)?;
        let at = input.at.timestamp_millis();
        let now = now_ms();
        if at < now - 60_000 {
            return Err(Error::field(
                "at",
                "提醒时间不能早于现在",
                "the time must not be in the past",
            )
            .into());
        }
        if at > now + 5 * 365 * 86_400_000 {
            return Err(Error::field(
                "at",
                "提醒时间不能超过五年",
                "the time must be within five years",
            )
            .into());
        }
        let payload = serde_json::json!({"userId": p.user_id, "title": title, "body": input.body});
        let mut tx = r.write().await?;
        let id = jobs::enqueue(&mut tx, &p.tenant, REMINDER_JOB, &payload, at, None, 5).await?;
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &p.tenant,
            "reminder.schedule",
            "job",
            &id,
            vec![],
        )
        .await?;
        r.commit(tx).await?;
        Ok(Job {
            id,
            tenant_code: p.tenant.clone(),
            kind: REMINDER_JOB.into(),
            status: "queued".into(),
            run_at: dt(at),
            attempts: 0,
            max_attempts: 5,
            last_error: None,
            updated_at: dt(now),
        })
    }
}
