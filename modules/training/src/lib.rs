//! Safety training and examination (安全培训考核): candidates and their
//! training hours, the question bank and blueprints, each candidate's own
//! paper in a session at a test centre, answers saved as they are given on
//! the server's clock, scoring, results, certificates with reviews, and
//! statistics.
//!
//! Shape: `model` (ID numbers, categories, rules), `question` (questions
//! and blueprints), `paper` (drawing and scoring), `bank_file` (the bank's
//! CSV/XLSX format), `store` (SQL), `service` (the rules), `stats`,
//! `graphql` (thin resolvers), `tasks` (jobs), `demo` (demo data) and
//! [`TrainingModule`], its registration.

pub mod bank_file;
pub mod demo;
pub mod error;
pub mod graphql;
pub mod model;
pub mod paper;
pub mod question;
pub mod service;
pub mod stats;
pub mod store;
pub mod tasks;

use anjian_platform::module::Module;
use anjian_platform::rbac::{PermissionDecl, Role};

/// Read candidates, sessions, results, certificates and statistics.
pub const PERM_READ: &str = "training.read";
/// Register candidates, record hours, set up sessions, book, enter
/// practical scores, issue and manage certificates.
pub const PERM_MANAGE: &str = "training.manage";
/// Load the question bank, save blueprints, set the rules (the province).
pub const PERM_BANK: &str = "training.bank";
/// Open and close sessions, admit latecomers, record incidents, force-submit.
pub const PERM_PROCTOR: &str = "training.proctor";

/// The policy key of the province's rules.
pub const RULES_KEY: &str = "training.rules";

/// Public certificate checks and exam logins per address and minute.
pub const LOOKUPS_PER_MINUTE: u64 = 600;

const PERMISSIONS: &[PermissionDecl] = &[
    PermissionDecl {
        name: PERM_READ,
        roles: &[
            Role::ProvinceAdmin,
            Role::CityAdmin,
            Role::CountyAdmin,
            Role::Inspector,
            Role::Proctor,
        ],
        description: "read training candidates, sessions, results and certificates",
    },
    PermissionDecl {
        name: PERM_MANAGE,
        roles: &[Role::ProvinceAdmin, Role::CityAdmin, Role::CountyAdmin],
        description: "register candidates, set up exam sessions, manage results and certificates",
    },
    PermissionDecl {
        name: PERM_BANK,
        roles: &[Role::ProvinceAdmin],
        description: "load the question bank and save blueprints",
    },
    PermissionDecl {
        name: PERM_PROCTOR,
        roles: &[Role::Proctor, Role::CountyAdmin],
        description:
            "open and close exam sessions, admit latecomers, record incidents, force-submit",
    },
];

/// The module's registration with the core.
pub struct TrainingModule;

impl Module for TrainingModule {
    fn name(&self) -> &'static str {
        "training"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        &[
            "tr_candidates",
            "tr_training",
            "tr_sessions",
            "tr_bookings",
            "tr_attempts",
            "tr_answers",
            "tr_answer_log",
            "tr_results",
            "tr_question_stats",
            "tr_certificates",
            "tr_cert_events",
            "tr_incidents",
            "tr_sequences",
        ]
    }

    fn permissions(&self) -> &'static [PermissionDecl] {
        PERMISSIONS
    }

    fn register(&self, registry: &mut anjian_platform::jobs::Registry) {
        tasks::register(registry);
    }
}
