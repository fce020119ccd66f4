//! Hidden-hazard investigation and governance (隐患排查治理, 总局令第16号):
//! hazards and both their flows (一般 and 重大) with a timeline per hazard,
//! county triage rules, deadlines chased by the job queue, attachments,
//! self-checks and periodic reports, public reports (举报), and supervision
//! statistics kept as an exact roll-up.
//!
//! Shape: `model` (parsed domain types), `store` (SQL), `service` (rules and
//! state machines), `graphql` (thin resolvers), `hooks` (plugin points), and
//! [`HazardModule`], its registration with the core.

pub mod attachments;
pub mod error;
pub mod generate;
mod generate_text;
pub mod graphql;
pub mod hooks;
pub mod model;
pub mod periodic;
pub mod plugins;
pub mod public;
pub mod service;
pub mod stats;
pub mod stats_cache;
pub mod store;
pub mod tasks;

use anjian_platform::db::Tx;
use anjian_platform::module::{HookPoint, Module, UploadLimit};
use anjian_platform::rbac::{PermissionDecl, Role};
use error::Result;
use model::Rules;
use sqlx::Row;

/// Read the hazards and statistics of one's tenants.
pub const PERM_READ: &str = "hazard.read";
/// Verify, accept, return, check on site; report as an inspection; handle public reports.
pub const PERM_INSPECT: &str = "hazard.inspect";
/// List 重大 hazards for supervision and close them (at one's level).
pub const PERM_SUPERVISE: &str = "hazard.supervise";
/// Change the hazard rules (deadlines, escalations, due dates).
pub const PERM_RULES: &str = "hazard.rules";

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: &[
            Role::ProvinceAdmin,
            Role::CityAdmin,
            Role::CountyAdmin,
            Role::Inspector,
        ],
        description: "read hazards and their statistics",
    },
    PermissionDecl {
        name: PERM_INSPECT,
        roles: &[Role::CountyAdmin, Role::Inspector],
        description: "verify, accept and return hazards; site checks; public reports",
    },
    PermissionDecl {
        name: PERM_SUPERVISE,
        roles: &[Role::ProvinceAdmin, Role::CityAdmin, Role::CountyAdmin],
        description: "list major hazards for supervision and close them",
    },
    PermissionDecl {
        name: PERM_RULES,
        roles: &[Role::ProvinceAdmin, Role::CountyAdmin],
        description: "change hazard deadlines, escalations and due dates",
    },
];

/// The module's registration with the core.
pub struct HazardModule;

impl Module for HazardModule {
    fn name(&self) -> &'static str {
        "hazard"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "hazards",
            "hazard_events",
            "hazard_attachments",
            "hazard_stats",
            "hazard_stats_monthly",
            "hazard_self_checks",
            "hazard_periodic_reports",
            "hazard_public_reports",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn register(&self, registry: &mut anjian_platform::jobs::Registry) {
        tasks::register(registry);
    }

    fn hook_points(&self) -> &'static [HookPoint] {
        hooks::HOOK_POINTS
    }

    fn uploads(&self, _config: &anjian_platform::config::Config) -> Vec<UploadLimit> {
        // Photos and documents: reporters (enterprises), inspectors and
        // supervisors; the file and the multipart form around it.
        vec![UploadLimit {
            roles: &[
                Role::Enterprise,
                Role::Inspector,
                Role::CountyAdmin,
                Role::CityAdmin,
                Role::ProvinceAdmin,
            ],
            max_bytes: attachments::MAX_BYTES as u64 + (64 << 10),
        }]
    }
}

fn policy_key(county: Option<&str>) -> String {
    match county {
        Some(c) => format!("hazard.rules:{c}"),
        None => "hazard.rules".into(),
    }
}

/// The rules in force in `county`: its own when set, else the province's,
/// else the national defaults.
pub async fn rules(tx: &mut Tx, county: &str) -> Result<Rules> {
    for key in [policy_key(Some(county)), policy_key(None)] {
        let row = tx
            .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(key))
            .await?;
        if let Some(r) = row {
            return Ok(serde_json::from_str(&r.try_get::<String, _>("value")?)?);
        }
    }
    Ok(Rules::default())
}

/// The rules set for `county` (None: the province's), if any.
pub async fn stored_rules(tx: &mut Tx, county: Option<&str>) -> Result<Option<Rules>> {
    let row = tx
        .opt(sqlx::query("SELECT value FROM policies WHERE key = $1").bind(policy_key(county)))
        .await?;
    Ok(match row {
        Some(r) => Some(serde_json::from_str(&r.try_get::<String, _>("value")?)?),
        None => None,
    })
}

/// Stores checked rules for `county` (None: the province's).
pub async fn save_rules(tx: &mut Tx, county: Option<&str>, r: &Rules, actor: &str) -> Result<()> {
    r.check()?;
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(policy_key(county))
        .bind(serde_json::to_string(r)?)
        .bind(anjian_platform::time::now_ms())
        .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}
