//! Credit, blacklist and administrative penalties (安全生产诚信, 黑名单,
//! 行政处罚): credit events from the other modules' findings, the listing
//! flow with due process (告知, 陈述申辩, 决定, 公布, 管理, 移出), the
//! penalties register with its publication deadline, public commitments,
//! credit grades, public disclosure and the daily national export.
//!
//! Shape: `model` (types, rules, masking), `store` (SQL), `service` (the
//! listing flow), `intake` (events in), `penalty`, `commitment`, `grade`,
//! `periods` (the jobs of each period), `public` (disclosure), `export`,
//! `graphql` (thin resolvers), `generate` (data for benchmarks) and
//! [`CreditModule`], its registration.

pub mod commitment;
pub mod demo;
pub mod error;
pub mod export;
pub mod generate;
pub mod grade;
pub mod graphql;
pub mod hooks;
pub mod intake;
pub mod managed;
pub mod model;
pub mod penalty;
pub mod periods;
pub mod plugins;
pub mod public;
pub mod service;
pub mod store;

use anjian_platform::module::{HookPoint, Module};
use anjian_platform::rbac::{PermissionDecl, Role};

/// Read listings, events, penalties and grades of one's area.
pub const PERM_READ: &str = "credit.read";
/// The county's listing authority: propose to remove, penalties, commitments.
pub const PERM_MANAGE: &str = "credit.manage";
/// Set the credit rules and recompute grades (the province).
pub const PERM_GOVERN: &str = "credit.govern";

/// The policy key of the province's credit rules.
pub const RULES_KEY: &str = "credit.rules";

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: &[
            Role::ProvinceAdmin,
            Role::CityAdmin,
            Role::CountyAdmin,
            Role::Inspector,
        ],
        description: "read credit events, listings, penalties and grades",
    },
    PermissionDecl {
        name: PERM_MANAGE,
        roles: &[Role::CountyAdmin, Role::Inspector],
        description:
            "propose, notify, decide, publish and review listings; record and publish penalties",
    },
    PermissionDecl {
        name: PERM_GOVERN,
        roles: &[Role::ProvinceAdmin],
        description: "set the credit rules and recompute every enterprise's grade",
    },
];

/// The module's registration with the core.
pub struct CreditModule;

impl Module for CreditModule {
    fn name(&self) -> &'static str {
        "credit"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "cr_events",
            "cr_listings",
            "cr_listing_steps",
            "cr_tasks",
            "cr_penalties",
            "cr_commitments",
            "cr_grades",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn register(&self, registry: &mut anjian_platform::jobs::Registry) {
        intake::register(registry);
        periods::register(registry);
        grade::register(registry);
        export::register(registry);
    }

    fn hook_points(&self) -> &'static [HookPoint] {
        hooks::HOOK_POINTS
    }
}
