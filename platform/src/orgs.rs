//! Organisations that act across tenants (enterprises, review units, review
//! organising units, training institutions) and the grants that let their
//! members act in a tenant or on specific records.

use crate::audit::{self, AuditCtx, Change};
use crate::auth::Principal;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::rbac::{Permission, Role};
use crate::time::{new_id, now_ms};
use serde::Serialize;
use sqlx::Row;

/// Kind of organisation.
pub const ORG_KINDS: &[(&str, &str)] = &[
    ("enterprise", "企业"),
    ("review-unit", "评审单位"),
    ("review-organising-unit", "评审组织单位"),
    ("training-institution", "培训机构"),
];

/// An organisation, registered in its home tenant.
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub tenant_id: String,
    pub id: String,
    pub kind: String,
    pub name: String,
    pub uscc: Option<String>,
    pub disabled: bool,
}

fn org_from(r: &sqlx::any::AnyRow) -> Result<Organisation> {
    Ok(Organisation {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        name: r.try_get("name")?,
        uscc: r.try_get("uscc")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
    })
}

/// Registers an organisation in a tenant the caller administers.
pub async fn create(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    tenant: &str,
    kind: &str,
    name: &str,
    uscc: Option<String>,
) -> Result<Organisation> {
    by.require(Permission::OrgManage)?;
    if !ORG_KINDS.iter().any(|(k, _)| *k == kind) {
        return Err(Error::field(
            "kind",
            "未知单位类型",
            "unknown organisation kind",
        ));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 128 {
        return Err(Error::field(
            "name",
            "单位名称不能为空且不超过128字",
            "name must be 1-128 characters",
        ));
    }
    tx.ensure_writable(tenant)?;
    let id = new_id();
    tx.exec(
        sqlx::query("INSERT INTO organisations (tenant_id, id, kind, name, uscc, disabled, created_at) VALUES ($1,$2,$3,$4,$5,0,$6)")
            .bind(tenant.to_string()).bind(id.clone()).bind(kind.to_string()).bind(name.to_string())
            .bind(uscc.clone()).bind(now_ms()),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        tenant,
        "organisation.create",
        "organisation",
        &id,
        vec![
            Change::new("name", None, Some(name.into())),
            Change::new("kind", None, Some(kind.into())),
        ],
    )
    .await?;
    get(tx, &id).await
}

/// An organisation in scope, or `NOT_FOUND`.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Organisation> {
    let sql = tx.sql("SELECT tenant_id, id, kind, name, uscc, disabled FROM organisations WHERE {tenant} AND id = $1")?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => org_from(&r),
        None => Err(Error::NotFound(format!("organisation {id}"))),
    }
}

/// Organisations in scope, by name.
pub async fn list(tx: &mut Tx, limit: i64, offset: i64) -> Result<(Vec<Organisation>, i64)> {
    let total = tx
        .scalar(sqlx::query(
            &tx.sql("SELECT COUNT(*) FROM organisations WHERE {tenant}")?,
        ))
        .await?;
    let sql = tx.sql(&format!(
        "SELECT tenant_id, id, kind, name, uscc, disabled FROM organisations WHERE {{tenant}} ORDER BY name, id LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    Ok((rows.iter().map(org_from).collect::<Result<_>>()?, total))
}

/// A grant to an organisation in a tenant, optionally limited to one record.
#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    pub tenant_id: String,
    pub id: String,
    pub org_tenant_id: String,
    pub org_id: String,
    pub role: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub valid_until: Option<i64>,
    pub revoked: bool,
}

fn grant_from(r: &sqlx::any::AnyRow) -> Result<Grant> {
    Ok(Grant {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        org_tenant_id: r.try_get("org_tenant_id")?,
        org_id: r.try_get("org_id")?,
        role: r.try_get("role")?,
        record_type: r.try_get("record_type")?,
        record_id: r.try_get("record_id")?,
        valid_until: r.try_get("valid_until")?,
        revoked: r.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
    })
}

const GRANT_COLS: &str =
    "tenant_id, id, org_tenant_id, org_id, role, record_type, record_id, valid_until, revoked_at";

/// Input of [`grant`].
pub struct NewGrant {
    pub tenant: String,
    pub org_id: String,
    pub role: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub valid_until: Option<i64>,
}

/// Grants an organisation a role in a tenant (security administrator of that tenant).
/// The organisation (looked up by the caller) may live in any tenant: that is the point of a grant.
pub async fn grant(
    tx: &mut Tx,
    ctx: &AuditCtx,
    by: &Principal,
    org: &Organisation,
    g: NewGrant,
) -> Result<Grant> {
    by.require(Permission::RoleManage)?;
    tx.ensure_writable(&g.tenant)?;
    let role = Role::parse(&g.role)?;
    if role.admin_group().is_some() {
        return Err(Error::field(
            "role",
            "不能向单位授予管理员角色",
            "administrator roles cannot be granted to organisations",
        ));
    }
    if g.record_type.is_some() != g.record_id.is_some() {
        return Err(Error::field(
            "recordId",
            "记录类型与记录编号须同时给出",
            "give both record type and record id, or neither",
        ));
    }
    let id = new_id();
    tx.auth_changed();
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO grants ({GRANT_COLS}, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL,$9,$10)"
        ))
        .bind(g.tenant.clone()).bind(id.clone()).bind(org.tenant_id.clone()).bind(org.id.clone())
        .bind(role.as_str()).bind(g.record_type.clone()).bind(g.record_id.clone()).bind(g.valid_until)
        .bind(by.username.clone()).bind(now_ms()),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &g.tenant,
        "grant.create",
        "grant",
        &id,
        vec![
            Change::new("organisation", None, Some(org.id.as_str().into())),
            Change::new("role", None, Some(role.as_str().into())),
        ],
    )
    .await?;
    get_grant(tx, &id).await
}

/// A grant in scope.
pub async fn get_grant(tx: &mut Tx, id: &str) -> Result<Grant> {
    let sql = tx.sql(&format!(
        "SELECT {GRANT_COLS} FROM grants WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => grant_from(&r),
        None => Err(Error::NotFound(format!("grant {id}"))),
    }
}

/// Revokes a grant.
pub async fn revoke(tx: &mut Tx, ctx: &AuditCtx, by: &Principal, id: &str) -> Result<Grant> {
    by.require(Permission::RoleManage)?;
    let g = get_grant(tx, id).await?;
    if g.revoked {
        return Err(Error::conflict(
            "授权已撤销",
            "the grant is already revoked",
        ));
    }
    tx.auth_changed();
    let sql =
        tx.sql("UPDATE grants SET revoked_at = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(now_ms())
            .bind(g.tenant_id.clone())
            .bind(g.id.clone()),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &g.tenant_id,
        "grant.revoke",
        "grant",
        id,
        vec![Change::new(
            "revoked",
            Some(false.into()),
            Some(true.into()),
        )],
    )
    .await?;
    get_grant(tx, id).await
}

/// Grants in scope.
pub async fn list_grants(tx: &mut Tx, limit: i64, offset: i64) -> Result<(Vec<Grant>, i64)> {
    let total = tx
        .scalar(sqlx::query(
            &tx.sql("SELECT COUNT(*) FROM grants WHERE {tenant}")?,
        ))
        .await?;
    let sql = tx.sql(&format!(
        "SELECT {GRANT_COLS} FROM grants WHERE {{tenant}} ORDER BY granted_at DESC, id LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    Ok((rows.iter().map(grant_from).collect::<Result<_>>()?, total))
}
