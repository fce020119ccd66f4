//! Accident reporting and statistics (生产安全事故统计上报, 国务院令493号):
//! flash reports graded by the province's thresholds, the report's climb
//! from county to city to province against the clock, follow-ups that may
//! change the grade, the investigation with its limits, findings for the
//! credit module, and statistics with closed (published) months.
//!
//! Shape: `model` (types, grades, rules), `store` (SQL), `service` (the
//! report, relay and follow-ups), `investigation`, `clocks` (time limits
//! and their jobs), `stats` and `report` (statistics and their tables),
//! `hooks` (plugin points), `graphql` (thin resolvers), `generate` (data
//! for benchmarks) and [`AccidentModule`], its registration.

pub mod clocks;
pub mod demo;
pub mod error;
pub mod followup;
pub mod generate;
pub mod graphql;
pub mod hooks;
pub mod investigation;
pub mod model;
pub mod reactor;
pub mod report;
pub mod service;
pub mod stats;
pub mod store;

use anjian_platform::module::{HookPoint, Module};
use anjian_platform::rbac::{PermissionDecl, Role};

/// Read accidents, clocks and statistics of one's area.
pub const PERM_READ: &str = "accident.read";
/// Make flash reports and follow-ups for one's county.
pub const PERM_REPORT: &str = "accident.report";
/// Acknowledge and pass reports up, investigate, record findings.
pub const PERM_MANAGE: &str = "accident.manage";
/// Set the rules and denominators, approve late follow-ups, close months.
pub const PERM_GOVERN: &str = "accident.govern";

/// The policy key of the province's rules.
pub const RULES_KEY: &str = "accident.rules";
/// The policy key of the statistics denominators (GDP, workers).
pub const DENOMINATORS_KEY: &str = "accident.denominators";

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: &[
            Role::ProvinceAdmin,
            Role::CityAdmin,
            Role::CountyAdmin,
            Role::Inspector,
        ],
        description: "read accident reports, their clocks and the statistics",
    },
    PermissionDecl {
        name: PERM_REPORT,
        roles: &[Role::CountyAdmin, Role::Inspector],
        description: "make flash reports and follow-ups of accidents in one's county",
    },
    PermissionDecl {
        name: PERM_MANAGE,
        roles: &[Role::ProvinceAdmin, Role::CityAdmin, Role::CountyAdmin],
        description: "acknowledge and pass accident reports up, investigate, record findings",
    },
    PermissionDecl {
        name: PERM_GOVERN,
        roles: &[Role::ProvinceAdmin],
        description: "set accident rules and denominators, approve late follow-ups, close months",
    },
];

/// The module's registration with the core.
pub struct AccidentModule;

impl Module for AccidentModule {
    fn name(&self) -> &'static str {
        "accident"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "acc_accidents",
            "acc_events",
            "acc_clocks",
            "acc_followups",
            "acc_findings",
            "acc_months",
            "acc_published",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn register(&self, registry: &mut anjian_platform::jobs::Registry) {
        clocks::register(registry);
        reactor::register(registry);
    }

    fn hook_points(&self) -> &'static [HookPoint] {
        hooks::HOOK_POINTS
    }
}
