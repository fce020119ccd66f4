//! GraphQL of credit: thin resolvers over `service`, `intake`, `penalty`,
//! `commitment`, `grade`, `public` and `export`. `nodes` holds the types,
//! `query` and `mutation` the signed-in resolvers, `public` the ones for
//! everyone.

use crate::service::Actor;
use crate::{PERM_GOVERN, PERM_MANAGE, PERM_READ};
use anjian_platform::api::context::Req;
use anjian_platform::rbac::{Permission, Role};
use anjian_platform::Error;

mod mutation;
mod nodes;
mod public;
mod query;

pub use mutation::CreditMutation;
pub use nodes::*;
pub use public::CreditPublicQuery;
pub use query::CreditQuery;

/// The caller as the credit module sees them: enterprise users for their
/// own enterprise, officials by the module's permissions.
pub(crate) async fn actor(r: &Req) -> anjian_platform::Result<Actor> {
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
        Some(anjian_enterprise::graphql::caller_enterprise(r).await?)
    } else {
        None
    };
    if enterprise.is_none() {
        who.require(Permission::Module(PERM_READ))?;
    }
    Ok(Actor {
        username: who.username.clone(),
        tenant: who.tenant.clone(),
        level,
        manages: who.can(Permission::Module(PERM_MANAGE)),
        governs: who.can(Permission::Module(PERM_GOVERN)),
        enterprise,
    })
}

/// Runs a step in a write transaction with the caller's audit context.
macro_rules! step {
    ($ctx:expr, |$tx:ident, $audit:ident, $a:ident| $body:expr) => {{
        let r = anjian_platform::api::context::req($ctx);
        let $a = $crate::graphql::actor(r).await?;
        let mut $tx = r.write().await?;
        let $audit = r.audit();
        let out = { $body }.await.gql()?;
        r.commit($tx).await?;
        out
    }};
}
pub(crate) use step;

pub(crate) use crate::error::Platform;
