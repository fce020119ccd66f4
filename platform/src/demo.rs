//! Demo data for `serve --demo`: one user per role in a few tenants, and two
//! organisations. Usernames are `<role>@<division code>`.

use crate::audit::AuditCtx;
use crate::db::Scope;
use crate::error::Result;
use crate::platform::Platform;
use crate::users::{self, NewUser};
use rand::Rng;

/// (role, tenant) of every demo user.
pub const DEMO_USERS: &[(&str, &str)] = &[
    ("province-admin", "330000"),
    ("security-admin", "330000"),
    ("audit-admin", "330000"),
    ("city-admin", "330100"),
    ("security-admin", "330100"),
    ("audit-admin", "330100"),
    ("county-admin", "330106"),
    ("security-admin", "330106"),
    ("audit-admin", "330106"),
    ("inspector", "330106"),
    ("enterprise", "330106"),
    ("examinee", "330106"),
    ("proctor", "330106"),
    ("plugin-developer", "330106"),
    ("reviewer", "330100"),
    ("city-admin", "330200"),
    ("county-admin", "330203"),
    ("inspector", "330203"),
    ("enterprise", "330203"),
];

/// A generated password that meets the default policy.
pub fn generate_password() -> String {
    const ALNUM: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let body: String = (0..14)
        .map(|_| ALNUM[rng.gen_range(0..ALNUM.len())] as char)
        .collect();
    format!("Aj-{body}7")
}

/// A generated account: `username` with `role` in `tenant`, and for
/// enterprise users and reviewers the organisation they belong to.
#[derive(Debug, Clone)]
pub struct SeedUser {
    pub role: String,
    pub tenant: String,
    pub username: String,
    /// (kind, name, USCC) of the user's organisation.
    pub org: Option<(String, String, Option<String>)>,
}

/// The demo users: enterprise users belong to the enterprise
/// `enterprise_of(county)` names as (name, USCC), the one of the county's
/// register they report for; reviewers to a review unit.
pub fn users(enterprise_of: &dyn Fn(&str) -> (String, String)) -> Vec<SeedUser> {
    DEMO_USERS
        .iter()
        .map(|(role, tenant)| SeedUser {
            role: role.to_string(),
            tenant: tenant.to_string(),
            username: format!("{role}@{tenant}"),
            org: match *role {
                "enterprise" => {
                    let (name, uscc) = enterprise_of(tenant);
                    Some(("enterprise".into(), name, Some(uscc)))
                }
                "reviewer" => Some(("review-unit".into(), "演示安全评审中心".into(), None)),
                _ => None,
            },
        })
        .collect()
}

/// Creates those of `users` that don't exist yet, each with its
/// organisation; returns usernames created.
pub async fn ensure_users(p: &Platform, password: &str, users: &[SeedUser]) -> Result<Vec<String>> {
    let ctx = AuditCtx::system(p.audit_alg);
    let dir = p.tenancy.directory(&p.db).await?;
    let policy = p.policies.security(&p.db).await?;
    let mut created = Vec::new();
    for u in users {
        let mut tx = p.db.write(Scope::All, None).await?;
        if users::list_by_username(&mut tx, &u.username)
            .await?
            .is_some()
        {
            tx.rollback().await?;
            continue;
        }
        let org = match &u.org {
            Some((kind, name, uscc)) => {
                Some(demo_org(&mut tx, &ctx, &u.tenant, kind, name, uscc.clone()).await?)
            }
            None => None,
        };
        let input = NewUser {
            tenant: u.tenant.clone(),
            username: u.username.clone(),
            display_name: format!("演示{}", u.role),
            password: password.to_string(),
            roles: vec![u.role.clone()],
            org: org.map(|id| (u.tenant.clone(), id)),
        };
        users::create_user(&mut tx, &ctx, None, &dir, &policy, input).await?;
        tx.commit().await?;
        created.push(u.username.clone());
    }
    Ok(created)
}

/// The organisation (kind, name, USCC) in `tenant`: the one of that USCC
/// when it exists (several users report for one enterprise), else new.
async fn demo_org(
    tx: &mut crate::db::Tx,
    ctx: &AuditCtx,
    tenant: &str,
    kind: &str,
    name: &str,
    uscc: Option<String>,
) -> Result<String> {
    if let Some(u) = &uscc {
        let sql = tx.sql(
            "SELECT id FROM organisations WHERE {tenant} AND tenant_id = $1 AND kind = $2 AND uscc = $3",
        )?;
        let found = tx
            .opt(
                sqlx::query(&sql)
                    .bind(tenant.to_string())
                    .bind(kind.to_string())
                    .bind(u.clone()),
            )
            .await?;
        if let Some(row) = found {
            use sqlx::Row;
            return Ok(row.try_get::<String, _>("id")?);
        }
    }
    let id = crate::time::new_id();
    let name = match uscc {
        Some(_) => name.to_string(),
        None => format!("{name}（{tenant}）"),
    };
    tx.exec(
        sqlx::query("INSERT INTO organisations (tenant_id, id, kind, name, uscc, disabled, created_at) VALUES ($1,$2,$3,$4,$5,0,$6)")
            .bind(tenant.to_string()).bind(id.clone()).bind(kind.to_string()).bind(name)
            .bind(uscc).bind(crate::time::now_ms()),
    )
    .await?;
    crate::audit::record(
        tx,
        ctx,
        tenant,
        "organisation.create",
        "organisation",
        &id,
        vec![],
    )
    .await?;
    Ok(id)
}
