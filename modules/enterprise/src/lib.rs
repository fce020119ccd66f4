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
pub mod licence_days;
pub mod model;
pub mod names;
pub mod pgbatch;
pub mod plugins;
pub mod reactor;
pub mod record;
pub mod search;
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
            "enterprise_search",
            "enterprise_search_pending",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn register(&self, registry: &mut anjian_platform::jobs::Registry) {
        tasks::register(registry);
        reactor::register(registry);
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

/// Stores new province rules (validated) as the `enterprise.rules` policy.
pub async fn save_rules(tx: &mut Tx, r: &record::Rules, actor: &str) -> Result<()> {
    use anjian_platform::{Error, FieldError};
    let z = &r.size;
    let h = &r.hazard;
    let mut errs = Vec::new();
    if !(z.large_staff >= z.medium_staff && z.medium_staff >= z.small_staff && z.small_staff >= 0) {
        errs.push(FieldError::new(
            "size",
            "从业人员门槛应满足 大型 ≥ 中型 ≥ 小型 ≥ 0",
            "staff thresholds must be large ≥ medium ≥ small ≥ 0",
        ));
    }
    let revenues = [
        z.large_revenue_wan,
        z.medium_revenue_wan,
        z.small_revenue_wan,
        z.above_designated_revenue_wan,
    ];
    if revenues.iter().any(|v| !v.is_finite() || *v < 0.0)
        || !(z.large_revenue_wan >= z.medium_revenue_wan
            && z.medium_revenue_wan >= z.small_revenue_wan)
    {
        errs.push(FieldError::new(
            "size",
            "营业收入门槛应为非负且 大型 ≥ 中型 ≥ 小型",
            "revenue thresholds must be non-negative and large ≥ medium ≥ small",
        ));
    }
    if !(h.grade1_min > h.grade2_min && h.grade2_min > h.grade3_min && h.grade3_min >= 0.0) {
        errs.push(FieldError::new(
            "hazard",
            "R 值分级门槛应满足 一级 > 二级 > 三级 ≥ 0",
            "R thresholds must be grade 1 > grade 2 > grade 3 ≥ 0",
        ));
    }
    if !(1..=365).contains(&r.licence_reminder_days) {
        errs.push(FieldError::new(
            "licenceReminderDays",
            "提醒天数应在1到365之间",
            "reminder days must be 1-365",
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let value = serde_json::json!({"size": z, "hazard": h, "licence_reminder_days": r.licence_reminder_days});
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ('enterprise.rules', $1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(value.to_string())
        .bind(anjian_platform::time::now_ms())
        .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}
