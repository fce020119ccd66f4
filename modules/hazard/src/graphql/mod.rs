//! GraphQL of hidden-hazard governance: thin resolvers over `service`,
//! `periodic`, `public` and `stats`. `nodes` holds the types, `statistics`
//! the dashboard, `rules` the policy, `query` and `mutation` the resolvers.

mod mutation;
mod nodes;
mod query;
mod rules;
mod statistics;

pub use mutation::HazardMutation;
pub use nodes::*;
pub use query::HazardQuery;
pub use rules::*;
use statistics::dashboard;
pub use statistics::{HazardFigures, HazardStatistics, HazardStatsFilter, HazardStatsGroup};

use crate::error::{HazardError, Platform as _};
use crate::model::{self, GovernancePlan, ListingLevel, MajorReport, Period, Rules};
use crate::periodic;
use crate::public;
use crate::service::{self, Actor, NewHazard, Rectification, StepInput};
use crate::stats::{self, Counts, Dim};
use crate::store::{self, Hazard};
use crate::{PERM_INSPECT, PERM_READ, PERM_RULES, PERM_SUPERVISE};
use anjian_platform::api::context::{req, Req};
use anjian_platform::api::relay::{page, window, Page};
use anjian_platform::rbac::{Permission, Role};
use anjian_platform::Error;
use async_graphql::{
    ComplexObject, Context, Enum, InputObject, Json, Object, Result, SimpleObject, Upload,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

fn dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The caller as the service sees them; FORBIDDEN unless they may read hazards.
async fn actor(r: &Req) -> anjian_platform::Result<Actor> {
    let who = r.principal()?;
    // Every role, enterprise users included, changes an expired password first.
    if who.password_expired {
        return Err(Error::PasswordExpired);
    }
    let enterprise = if who.has_role(Role::Enterprise) {
        Some(anjian_enterprise::graphql::caller_enterprise(r).await?)
    } else {
        who.require(Permission::Module(PERM_READ))?;
        None
    };
    let supervisor = if who.can(Permission::Module(PERM_SUPERVISE)) {
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        dir.get(&who.tenant).map(|t| match t.level {
            anjian_platform::tenancy::Level::Province => ListingLevel::Province,
            anjian_platform::tenancy::Level::City => ListingLevel::City,
            anjian_platform::tenancy::Level::County => ListingLevel::County,
        })
    } else {
        None
    };
    Ok(Actor {
        username: who.username.clone(),
        user_id: who.user_id.clone(),
        enterprise,
        inspector: who.can(Permission::Module(PERM_INSPECT)),
        supervisor,
    })
}

/// Public reports are handled by inspectors, who alone see who reported.
fn inspector_role(r: &Req) -> anjian_platform::Result<()> {
    if r.principal()?.has_role(Role::Inspector) {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "only inspectors handle public reports".into(),
        ))
    }
}

fn require(r: &Req, p: &'static str) -> anjian_platform::Result<()> {
    r.require(Permission::Module(p)).map(|_| ())
}
