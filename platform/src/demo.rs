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

/// Creates missing demo users and organisations; returns usernames created.
pub async fn seed(p: &Platform, password: &str) -> Result<Vec<String>> {
    let ctx = AuditCtx::system(p.audit_alg);
    let dir = p.tenancy.directory(&p.db).await?;
    let policy = p.policies.security(&p.db).await?;
    let mut created = Vec::new();
    for (role, tenant) in DEMO_USERS {
        let username = format!("{role}@{tenant}");
        let mut tx = p.db.write(Scope::All, None).await?;
        if users::list_by_username(&mut tx, &username).await?.is_some() {
            tx.rollback().await?;
            continue;
        }
        let org = match *role {
            "enterprise" => {
                Some(demo_org(&mut tx, &ctx, tenant, "enterprise", "演示化工有限公司").await?)
            }
            "reviewer" => {
                Some(demo_org(&mut tx, &ctx, tenant, "review-unit", "演示安全评审中心").await?)
            }
            _ => None,
        };
        let input = NewUser {
            tenant: tenant.to_string(),
            username: username.clone(),
            display_name: format!("演示{role}"),
            password: password.to_string(),
            roles: vec![role.to_string()],
            org: org.map(|id| (tenant.to_string(), id)),
        };
        users::create_user(&mut tx, &ctx, None, &dir, &policy, input).await?;
        tx.commit().await?;
        created.push(username);
    }
    Ok(created)
}

async fn demo_org(
    tx: &mut crate::db::Tx,
    ctx: &AuditCtx,
    tenant: &str,
    kind: &str,
    name: &str,
) -> Result<String> {
    let id = crate::time::new_id();
    tx.exec(
        sqlx::query("INSERT INTO organisations (tenant_id, id, kind, name, disabled, created_at) VALUES ($1,$2,$3,$4,0,$5)")
            .bind(tenant.to_string()).bind(id.clone()).bind(kind.to_string()).bind(format!("{name}（{tenant}）"))
            .bind(crate::time::now_ms()),
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
