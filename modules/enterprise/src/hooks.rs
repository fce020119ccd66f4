//! Plugin points of the enterprise module. `enterprise.validate` is the seam
//! where county rules join the single validation step that create, update
//! and every imported row go through. Rules come from sources: built-in ones
//! for every county, and the plugin bridge ([`crate::plugins`]) with each
//! county's active WebAssembly rules, in their set order.

use crate::record::EnterpriseRecord;
use anjian_platform::module::HookPoint;
use anjian_platform::FieldError;
use serde_json::Value;
use std::sync::{Arc, RwLock};

/// The hook point's name.
pub const VALIDATE: &str = "enterprise.validate";

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[
    HookPoint {
        name: VALIDATE,
        kind: "before",
        description: "county validation rules for an enterprise record (create, update, import)",
    },
    HookPoint {
        name: crate::reactor::HOOK,
        kind: "after",
        description: "reacts to a newly registered enterprise (notify, remind), from the job queue",
    },
    HookPoint {
        name: LICENCE_REMINDER,
        kind: "compute",
        description: "days before a licence expires at which it is reminded (the province's default otherwise)",
    },
];

/// What a rule decides about a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The record passes unchanged.
    Accept,
    /// The record is refused, with field-level messages.
    Reject(Vec<FieldError>),
    /// The record passes with these exchange-format fields set; it is parsed
    /// again, so an amendment can't make it invalid.
    Amend(Vec<(String, Value)>),
}

/// A county validation rule.
pub trait Validator: Send + Sync {
    /// A short name for reports, e.g. the plugin's name.
    fn name(&self) -> &str;
    /// Decides about `record` of the county `tenant`.
    fn validate(&self, tenant: &str, record: &EnterpriseRecord) -> Verdict;
}

/// Where a county's rules come from.
pub trait Source: Send + Sync {
    /// The rules for `tenant`, in the order they run.
    fn validators(&self, tenant: &str) -> Vec<Arc<dyn Validator>>;
}

/// One rule for every county.
struct Always(Arc<dyn Validator>);

impl Source for Always {
    fn validators(&self, _: &str) -> Vec<Arc<dyn Validator>> {
        vec![self.0.clone()]
    }
}

static SOURCES: RwLock<Vec<Arc<dyn Source>>> = RwLock::new(Vec::new());

/// Adds a rule that runs for every county.
pub fn register(v: Arc<dyn Validator>) {
    register_source(Arc::new(Always(v)));
}

/// Adds a source of per-county rules (the plugin bridge registers here).
pub fn register_source(s: Arc<dyn Source>) {
    if let Ok(mut list) = SOURCES.write() {
        list.push(s);
    }
}

/// The rules for a county, in order: sources in registration order.
pub fn validators(tenant: &str) -> Vec<Arc<dyn Validator>> {
    let sources = match SOURCES.read() {
        Ok(l) => l.clone(),
        Err(_) => return vec![],
    };
    sources.iter().flat_map(|s| s.validators(tenant)).collect()
}

/// Hook `enterprise.licence-reminder` (compute): the days before a licence
/// expires at which it is reminded.
pub const LICENCE_REMINDER: &str = "enterprise.licence-reminder";

/// A licence whose expiry reminder is being scheduled.
pub struct LicenceDue<'a> {
    pub holder: &'a EnterpriseRecord,
    pub kind: &'a str,
    pub number: &'a str,
    pub scope: Option<&'a str>,
    /// YYYY-MM-DD.
    pub expires_on: &'a str,
}

/// A county's rule for the reminder's lead time.
pub trait ReminderDays: Send + Sync {
    /// The days for `due` in `tenant`, given `days` so far (the province's
    /// default, or the previous rule's); an error refuses the save.
    fn days(&self, tenant: &str, due: &LicenceDue<'_>, days: i64) -> Result<i64, Vec<FieldError>>;
}

static DAY_RULES: RwLock<Vec<Arc<dyn ReminderDays>>> = RwLock::new(Vec::new());

/// Adds a source of reminder lead times (the plugin bridge registers here).
pub fn register_reminder_days(r: Arc<dyn ReminderDays>) {
    if let Ok(mut list) = DAY_RULES.write() {
        list.push(r);
    }
}

/// The days before expiry to remind `due`: the province's `default`, as the
/// county's rules change it, in order.
pub fn reminder_days(
    tenant: &str,
    due: &LicenceDue<'_>,
    default: i64,
) -> Result<i64, Vec<FieldError>> {
    let rules: Vec<Arc<dyn ReminderDays>> = DAY_RULES.read().map(|l| l.clone()).unwrap_or_default();
    rules
        .iter()
        .try_fold(default, |days, r| r.days(tenant, due, days))
}
