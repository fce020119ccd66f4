//! User accounts of a tenant and their roles. System administrators create and
//! disable accounts; security administrators assign and revoke roles (三员分立).

use crate::audit::{self, AuditCtx, Change};
use crate::auth::{rename_field, revoke_user_sessions, Principal};
use crate::db::Tx;
use crate::error::{Error, FieldError, Result};
use crate::policy::SecurityPolicy;
use crate::rbac::{check_separation, Permission, Role};
use crate::tenancy::Directory;
use crate::time::{new_id, now_ms};
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;

/// A user as listed.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub tenant_id: String,
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub org_tenant_id: Option<String>,
    pub org_id: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
}

const COLS: &str =
    "tenant_id, id, username, display_name, org_tenant_id, org_id, disabled, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        org_tenant_id: r.try_get("org_tenant_id")?,
        org_id: r.try_get("org_id")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        created_at: r.try_get("created_at")?,
    })
}

/// Input of [`create_user`].
#[derive(Debug, Clone)]
pub struct NewUser {
    pub tenant: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<String>,
    /// Organisation the user belongs to, as (tenant, id).
    pub org: Option<(String, String)>,
}

/// Checks a username: 3-64 characters of letters, digits and `@._-`.
pub fn check_username(u: &str) -> Result<String> {
    let u = u.trim();
    let ok = (3..=64).contains(&u.len())
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._-".contains(c));
    if ok {
        Ok(u.to_string())
    } else {
        Err(Error::field(
            "username",
            "用户名为3到64位字母、数字或@._-",
            "a username is 3-64 letters, digits or @._-",
        ))
    }
}

fn parse_roles(roles: &[String], dir: &Directory, tenant: &str) -> Result<Vec<Role>> {
    let level = dir.get(tenant).map(|t| t.level.as_str()).unwrap_or("");
    let mut out = Vec::new();
    for r in roles {
        let role = Role::parse(r)?;
        if let Some(l) = role.required_level() {
            if l != level {
                return Err(Error::field(
                    "roles",
                    &format!("角色 {r} 只能授予{l}级单位的用户"),
                    &format!("role {r} belongs to {l}-level tenants"),
                ));
            }
        }
        if !out.contains(&role) {
            out.push(role);
        }
    }
    check_separation(&out)?;
    Ok(out)
}

/// Creates a user account in a tenant the caller administers.
pub async fn create_user(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: Option<&Principal>,
    dir: &Directory,
    policy: &SecurityPolicy,
    input: NewUser,
) -> Result<User> {
    if let Some(p) = by {
        p.require(Permission::UserManage)?;
    }
    let mut errs: Vec<FieldError> = Vec::new();
    let username = check_username(&input.username)
        .map_err(|e| errs.extend(flatten(e)))
        .ok();
    let display = input.display_name.trim().to_string();
    if display.is_empty() || display.chars().count() > 64 {
        errs.push(FieldError::new(
            "displayName",
            "姓名不能为空且不超过64字",
            "display name must be 1-64 characters",
        ));
    }
    if let Err(e) = policy.check_password(&input.password, username.as_deref().unwrap_or("")) {
        errs.extend(flatten(e));
    }
    let roles = match parse_roles(&input.roles, dir, &input.tenant) {
        Ok(r) => Some(r),
        Err(Error::Validation(v)) => {
            errs.extend(v);
            None
        }
        Err(e) => return Err(e),
    };
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let (username, roles) = (username.unwrap_or_default(), roles.unwrap_or_default());
    if let Some(p) = by {
        // 三员分立: a system administrator may not mint security or audit administrators.
        guard_admin_groups(p, &roles)?;
    }
    if input.org.is_some() && roles.iter().any(|r| r.admin_group().is_some()) {
        return Err(Error::field(
            "roles",
            "单位用户不能担任管理员",
            "members of an organisation cannot hold administrator roles",
        ));
    }
    match dir.get(&input.tenant) {
        Some(t) if !t.retired => {}
        _ => return Err(Error::NotFound(format!("tenant {}", input.tenant))),
    }
    tx.ensure_writable(&input.tenant)?;
    if let Some((ot, oid)) = &input.org {
        let sql = tx.sql(
            "SELECT COUNT(*) FROM organisations WHERE {tenant} AND tenant_id = $1 AND id = $2",
        )?;
        if tx
            .scalar(sqlx::query(&sql).bind(ot.clone()).bind(oid.clone()))
            .await?
            == 0
        {
            return Err(Error::field(
                "organisationId",
                "单位不存在",
                "the organisation does not exist",
            ));
        }
    }
    let hash = crate::auth::hash_password_async(&input.password).await?;
    let id = new_id();
    let now = now_ms();
    tx.exec(
        sqlx::query(
            "INSERT INTO users (tenant_id, id, username, display_name, password_hash, org_tenant_id, org_id, \
             disabled, password_changed_at, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,0,$8,$8,$8)",
        )
        .bind(input.tenant.clone())
        .bind(id.clone())
        .bind(username.clone())
        .bind(display.clone())
        .bind(hash)
        .bind(input.org.as_ref().map(|o| o.0.clone()))
        .bind(input.org.as_ref().map(|o| o.1.clone()))
        .bind(now),
    )
    .await
    .map_err(|e| match e {
        Error::Conflict { .. } => Error::Validation(vec![FieldError::new("username", "用户名已被使用", "the username is taken")]),
        other => other,
    })?;
    let actor = by
        .map(|p| p.username.clone())
        .unwrap_or_else(|| "system".into());
    for r in &roles {
        insert_role(tx, &input.tenant, &id, *r, &actor).await?;
    }
    let role_names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    audit::record(
        tx,
        ctx,
        &input.tenant,
        "user.create",
        "user",
        &id,
        vec![
            Change::new("username", None, Some(username.as_str().into())),
            Change::new("displayName", None, Some(display.as_str().into())),
            Change::new("roles", None, Some(serde_json::json!(role_names))),
        ],
    )
    .await?;
    get(tx, &id).await
}

fn flatten(e: Error) -> Vec<FieldError> {
    match e {
        Error::Validation(v) => v,
        other => vec![FieldError::new(
            "input",
            &other.message(false),
            &other.message(true),
        )],
    }
}

async fn insert_role(tx: &mut Tx, tenant: &str, user: &str, role: Role, by: &str) -> Result<()> {
    tx.auth_changed();
    tx.exec(
        sqlx::query(
            "INSERT INTO user_roles (tenant_id, user_id, role, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5) \
             ON CONFLICT (tenant_id, user_id, role) DO NOTHING",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .bind(role.as_str())
        .bind(by.to_string())
        .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// A user visible in the transaction's scope, or `NOT_FOUND`.
pub async fn get(tx: &mut Tx, id: &str) -> Result<User> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM users WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => from_row(&r),
        None => Err(Error::NotFound(format!("user {id}"))),
    }
}

/// A page of users in scope (optionally of one tenant), by username.
pub async fn list(
    tx: &mut Tx,
    tenant: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<User>, i64)> {
    let filter = if tenant.is_some() {
        " AND tenant_id = $1"
    } else {
        ""
    };
    let count_sql = tx.sql(&format!(
        "SELECT COUNT(*) FROM users WHERE {{tenant}}{filter}"
    ))?;
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM users WHERE {{tenant}}{filter} ORDER BY username LIMIT {limit} OFFSET {offset}"
    ))?;
    let (mut cq, mut q) = (sqlx::query(&count_sql), sqlx::query(&sql));
    if let Some(t) = tenant {
        cq = cq.bind(t.to_string());
        q = q.bind(t.to_string());
    }
    let total = tx.scalar(cq).await?;
    let rows = tx.all(q).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// Roles of many users at once (for a DataLoader), keyed by user id.
pub async fn roles_of(tx: &mut Tx, user_ids: &[String]) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    if user_ids.is_empty() {
        return Ok(out);
    }
    let ph: Vec<String> = (1..=user_ids.len()).map(|i| format!("${i}")).collect();
    let sql = tx.sql(&format!(
        "SELECT user_id, role FROM user_roles WHERE {{tenant}} AND user_id IN ({}) ORDER BY role",
        ph.join(",")
    ))?;
    let mut q = sqlx::query(&sql);
    for id in user_ids {
        q = q.bind(id.clone());
    }
    for r in tx.all(q).await? {
        out.entry(r.try_get("user_id")?)
            .or_default()
            .push(r.try_get("role")?);
    }
    Ok(out)
}

/// Refuses to act on (or create) holders of another administrator group's roles:
/// a system administrator can't create, disable or reset the password of a
/// security or audit administrator, so it can never act as one.
fn guard_admin_groups(by: &Principal, target: &[Role]) -> Result<()> {
    let mine: Vec<&str> = by.roles.iter().filter_map(|r| r.admin_group()).collect();
    let foreign = target
        .iter()
        .filter_map(|r| r.admin_group())
        .any(|g| !mine.contains(&g));
    if foreign {
        return Err(Error::Forbidden("another administrator group".into()));
    }
    Ok(())
}

async fn current_roles(tx: &mut Tx, u: &User) -> Result<Vec<Role>> {
    Ok(roles_of(tx, std::slice::from_ref(&u.id))
        .await?
        .remove(&u.id)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| Role::parse(r).ok())
        .collect())
}

/// Assigns a role (security administrator).
pub async fn assign_role(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    dir: &Directory,
    user_id: &str,
    role: &str,
) -> Result<User> {
    by.require(Permission::RoleManage)?;
    let u = get(tx, user_id).await?;
    if u.id == by.user_id {
        return Err(Error::Forbidden("self-assignment".into()));
    }
    let mut roles = current_roles(tx, &u).await?;
    let new = parse_roles(&[role.to_string()], dir, &u.tenant_id)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::field("role", "未知角色", "unknown role"))?;
    if u.org_id.is_some() && new.admin_group().is_some() {
        return Err(Error::field(
            "role",
            "单位用户不能担任管理员",
            "members of an organisation cannot hold administrator roles",
        ));
    }
    roles.push(new);
    check_separation(&roles)?;
    insert_role(tx, &u.tenant_id, &u.id, new, &by.username).await?;
    audit::record(
        tx,
        ctx,
        &u.tenant_id,
        "user.assign_role",
        "user",
        &u.id,
        vec![Change::new("roles", None, Some(new.as_str().into()))],
    )
    .await?;
    Ok(u)
}

/// Revokes a role (security administrator).
pub async fn revoke_role(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    user_id: &str,
    role: &str,
) -> Result<User> {
    by.require(Permission::RoleManage)?;
    let role = Role::parse(role)?;
    let u = get(tx, user_id).await?;
    tx.auth_changed();
    let sql = tx.sql(
        "DELETE FROM user_roles WHERE {tenant} AND tenant_id = $1 AND user_id = $2 AND role = $3",
    )?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(u.tenant_id.clone())
                .bind(u.id.clone())
                .bind(role.as_str()),
        )
        .await?;
    if n == 0 {
        return Err(Error::conflict(
            "该用户没有此角色",
            "the user does not hold this role",
        ));
    }
    audit::record(
        tx,
        ctx,
        &u.tenant_id,
        "user.revoke_role",
        "user",
        &u.id,
        vec![Change::new("roles", Some(role.as_str().into()), None)],
    )
    .await?;
    Ok(u)
}

/// Disables or enables an account; disabling ends its sessions.
pub async fn set_disabled(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    user_id: &str,
    disabled: bool,
) -> Result<User> {
    by.require(Permission::UserManage)?;
    let u = get(tx, user_id).await?;
    if u.id == by.user_id {
        return Err(Error::conflict(
            "不能停用自己的账号",
            "you cannot disable your own account",
        ));
    }
    guard_admin_groups(by, &current_roles(tx, &u).await?)?;
    tx.auth_changed();
    let sql = tx.sql("UPDATE users SET disabled = $1, updated_at = $2 WHERE {tenant} AND tenant_id = $3 AND id = $4")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(disabled as i64)
            .bind(now_ms())
            .bind(u.tenant_id.clone())
            .bind(u.id.clone()),
    )
    .await?;
    if disabled {
        revoke_user_sessions(tx, &u.tenant_id, &u.id).await?;
    }
    audit::record(
        tx,
        ctx,
        &u.tenant_id,
        if disabled {
            "user.disable"
        } else {
            "user.enable"
        },
        "user",
        &u.id,
        vec![Change::new(
            "disabled",
            Some(u.disabled.into()),
            Some(disabled.into()),
        )],
    )
    .await?;
    get(tx, user_id).await
}

/// Sets a new password for another user (system administrator) and ends their sessions.
pub async fn reset_password(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    policy: &SecurityPolicy,
    user_id: &str,
    password: &str,
) -> Result<User> {
    by.require(Permission::UserManage)?;
    let u = get(tx, user_id).await?;
    guard_admin_groups(by, &current_roles(tx, &u).await?)?;
    policy
        .check_password(password, &u.username)
        .map_err(|e| rename_field(e, "password"))?;
    let hash = crate::auth::hash_password_async(password).await?;
    tx.auth_changed();
    let sql = tx.sql("UPDATE users SET password_hash = $1, password_changed_at = 0, updated_at = $2 WHERE {tenant} AND tenant_id = $3 AND id = $4")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(hash)
            .bind(now_ms())
            .bind(u.tenant_id.clone())
            .bind(u.id.clone()),
    )
    .await?;
    revoke_user_sessions(tx, &u.tenant_id, &u.id).await?;
    audit::record(
        tx,
        ctx,
        &u.tenant_id,
        "user.reset_password",
        "user",
        &u.id,
        vec![Change::new(
            "password",
            Some("***".into()),
            Some("***".into()),
        )],
    )
    .await?;
    Ok(u)
}

/// Ids of the enabled users of `tenant` holding `role` (e.g. `inspector`).
pub async fn with_role(tx: &mut Tx, tenant: &str, role: &str) -> Result<Vec<String>> {
    let sql = tx.sql(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND u.tenant_id = $1 AND u.disabled = 0 AND r.role = $2 ORDER BY u.id",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(role.to_string()),
    )
    .await?
    .iter()
    .map(|r| Ok(r.try_get("id")?))
    .collect()
}

/// Ids of the enabled enterprise users of the enterprise `uscc` in `tenant`
/// (members of its organisation there).
pub async fn of_enterprise(tx: &mut Tx, tenant: &str, uscc: &str) -> Result<Vec<String>> {
    let sql = tx.sql(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND u.tenant_id = $1 AND u.disabled = 0 AND r.role = 'enterprise' \
         AND u.org_id IN (SELECT o.id FROM organisations o WHERE {tenant:o} AND o.tenant_id = $1 AND o.uscc = $2) ORDER BY u.id",
    )?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(uscc.to_string()),
    )
    .await?
    .iter()
    .map(|r| Ok(r.try_get("id")?))
    .collect()
}

/// A user by username within the transaction's scope.
pub async fn list_by_username(tx: &mut Tx, username: &str) -> Result<Option<User>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM users WHERE {{tenant}} AND username = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(username.to_string())).await? {
        Some(r) => Ok(Some(from_row(&r)?)),
        None => Ok(None),
    }
}
