//! GraphQL of standardization review: thin resolvers over `service` and
//! `certify`. Simple steps share one typed mutation (`standardizationStep`);
//! steps with forms have their own. `nodes` holds the types, `query` and
//! `mutation` the resolvers.

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

mod mutation;
mod nodes;
mod query;

pub use mutation::StandardizationMutation;
pub use nodes::*;
pub use query::StandardizationQuery;

/// The signing key, read once per process.
pub(crate) fn cert_key(r: &Req) -> anjian_platform::Result<Option<CertKey>> {
    static KEY: OnceLock<Option<CertKey>> = OnceLock::new();
    if let Some(k) = KEY.get() {
        return Ok(k.clone());
    }
    let k = CertKey::from_config(&r.platform.config).gql()?;
    Ok(KEY.get_or_init(|| k).clone())
}

/// The caller as the flow sees them.
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

pub(crate) fn dt(ms: i64) -> String {
    to_rfc3339(ms)
}
