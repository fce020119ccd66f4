//! Enterprise base database (企业安全生产基础数据库): the register of the
//! enterprises each county supervises, its exchange standard
//! (`docs/exchange/enterprise-v1.md`), bulk import and export, history and
//! change feed, statistics, and change requests from enterprises.
//!
//! Shape every module copies: `model` (parsed domain types), `store` (SQL),
//! `service` (rules), `graphql` (thin resolvers), `hooks` (plugin points), and
//! [`EnterpriseModule`], its registration with the core.

pub mod exchange;
pub mod export;
pub mod generate;
pub mod graphql;
pub mod hooks;
pub mod import;
pub mod model;
pub mod record;
pub mod service;
pub mod store;
pub mod tasks;

use anjian_platform::db::Tx;
use anjian_platform::module::{HookPoint, Module};
use anjian_platform::rbac::{PermissionDecl, Role};
use anjian_platform::Result;

/// Read the register of one's tenants.
pub const PERM_READ: &str = "enterprise.read";
/// Create, update, close and reopen enterprises.
pub const PERM_WRITE: &str = "enterprise.write";
/// Bulk import.
pub const PERM_IMPORT: &str = "enterprise.import";
/// Approve or reject enterprises' change requests.
pub const PERM_DECIDE: &str = "enterprise.decide";

const ADMINS_AND_INSPECTORS: &[Role] = &[
    Role::ProvinceAdmin,
    Role::CityAdmin,
    Role::CountyAdmin,
    Role::Inspector,
];
const ADMINS: &[Role] = &[Role::ProvinceAdmin, Role::CityAdmin, Role::CountyAdmin];

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: ADMINS_AND_INSPECTORS,
        description: "read the enterprise register",
    },
    PermissionDecl {
        name: PERM_WRITE,
        roles: ADMINS_AND_INSPECTORS,
        description: "create and change enterprises",
    },
    PermissionDecl {
        name: PERM_IMPORT,
        roles: ADMINS,
        description: "import enterprise files",
    },
    PermissionDecl {
        name: PERM_DECIDE,
        roles: &[Role::CountyAdmin, Role::Inspector],
        description: "decide enterprises' change requests",
    },
];

/// The module's registration with the core.
pub struct EnterpriseModule;

impl Module for EnterpriseModule {
    fn name(&self) -> &'static str {
        "enterprise"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "enterprises",
            "enterprise_licences",
            "enterprise_hazards",
            "enterprise_history",
            "enterprise_change_requests",
            "enterprise_imports",
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
}

/// The province's rules (size bands, hazard grades): the `enterprise.rules`
/// policy when set, the national defaults otherwise.
pub async fn rules(tx: &mut Tx) -> Result<record::Rules> {
    use sqlx::Row;
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Stored {
        size: model::SizeRules,
        hazard: model::HazardGradeRules,
        licence_reminder_days: Option<i64>,
    }
    let row = tx
        .opt(sqlx::query(
            "SELECT value FROM policies WHERE key = 'enterprise.rules'",
        ))
        .await?;
    let s: Stored = match row {
        Some(r) => serde_json::from_str(&r.try_get::<String, _>("value")?)?,
        None => Stored::default(),
    };
    Ok(record::Rules {
        size: s.size,
        hazard: s.hazard,
        licence_reminder_days: s.licence_reminder_days.unwrap_or(30),
    })
}
