//! Safety standardization review (安全生产标准化评审): applications from
//! draft to certificate (受理→评审→审核→公示→公告→发证) with a timeline per
//! application, checklists as the province's data, scoring and grades,
//! deadlines chased by the job queue, and signed certificates anyone can
//! check by number.
//!
//! Shape: `model` (grades, states, steps, rules), `checklist` (checklists
//! and scoring), `store` (SQL), `service` (the flow), `certificate` and
//! `certify` (numbers, signatures, issuing), `graphql` (thin resolvers),
//! `tasks` (jobs), and [`StandardizationModule`], its registration.

pub mod calendar;
pub mod certificate;
pub mod certify;
pub mod checklist;
pub mod error;
pub mod generate;
pub mod graphql;
pub mod hooks;
pub mod model;
pub mod pdf;
pub mod plugins;
pub mod service;
pub mod stats;
pub mod steps;
pub mod store;
pub mod tasks;
pub mod whole;

use anjian_platform::db::{Scope, Tx};
use anjian_platform::module::{HookPoint, Module};
use anjian_platform::rbac::{PermissionDecl, Role};
use anjian_platform::Platform;
use error::Result;

/// Read applications and certificates of one's tenants.
pub const PERM_READ: &str = "standardization.read";
/// Consent, accept or refuse, audit, announce, issue and revoke (at the grade's level).
pub const PERM_DECIDE: &str = "standardization.decide";
/// Load checklists and set the province's rules.
pub const PERM_CHECKLISTS: &str = "standardization.checklists";

/// The policy key of the province's rules.
pub const RULES_KEY: &str = "standardization.rules";

/// Public certificate checks per address and minute.
pub const LOOKUPS_PER_MINUTE: u64 = 600;

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: &[
            Role::ProvinceAdmin,
            Role::CityAdmin,
            Role::CountyAdmin,
            Role::Inspector,
        ],
        description: "read standardization applications and certificates",
    },
    PermissionDecl {
        name: PERM_DECIDE,
        roles: &[Role::ProvinceAdmin, Role::CityAdmin, Role::CountyAdmin],
        description: "consent, accept, audit, announce and certify standardization applications",
    },
    PermissionDecl {
        name: PERM_CHECKLISTS,
        roles: &[Role::ProvinceAdmin],
        description: "load standardization checklists and set the province's rules",
    },
];

/// The module's registration with the core.
pub struct StandardizationModule;

impl Module for StandardizationModule {
    fn name(&self) -> &'static str {
        "standardization"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "std_applications",
            "std_events",
            "std_certificates",
            "std_step_days",
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

/// Stores checked rules.
pub async fn save_rules(tx: &mut Tx, r: &model::Rules, actor: &str) -> Result<()> {
    r.check()?;
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(RULES_KEY)
        .bind(serde_json::to_string(r)?)
        .bind(anjian_platform::time::now_ms())
        .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}

/// The checklists shipped as seed data (危险化学品, 工贸通用).
pub const SEED_CHECKLISTS: &[&str] = &[
    include_str!("../seed/checklist-wh.json"),
    include_str!("../seed/checklist-gm.json"),
];

/// Loads the seed checklists of industries that have none yet; returns how many.
pub async fn seed_checklists(p: &Platform) -> Result<usize> {
    let mut tx = p.db.write(Scope::All, None).await?;
    let mut n = 0;
    for text in SEED_CHECKLISTS {
        let c = checklist::Checklist::parse(text).map_err(error::StdError::Invalid)?;
        if store::checklist(&mut tx, &c.industry, None)
            .await?
            .is_none()
            && store::checklist(&mut tx, &c.industry, Some(&c.version))
                .await?
                .is_none()
        {
            store::load_checklist(&mut tx, &c, "system", anjian_platform::time::now_ms()).await?;
            n += 1;
        }
    }
    tx.commit().await?;
    Ok(n)
}
