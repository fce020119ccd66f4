//! Plugin points of the enterprise module. `enterprise.validate` is the seam
//! where county rules (WebAssembly plugins, a later issue) join the single
//! validation step that create, update and every imported row go through.

use crate::record::EnterpriseRecord;
use anjian_platform::module::HookPoint;
use anjian_platform::FieldError;
use std::sync::{Arc, RwLock};

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[HookPoint {
    name: "enterprise.validate",
    kind: "before",
    description: "county validation rules for an enterprise record (create, update, import)",
}];

/// A county validation rule: returns field errors, empty when the record passes.
pub trait Validator: Send + Sync {
    /// A short name for reports, e.g. the plugin's name.
    fn name(&self) -> &str;
    /// Checks `record` for the county `tenant`.
    fn validate(&self, tenant: &str, record: &EnterpriseRecord) -> Vec<FieldError>;
}

static VALIDATORS: RwLock<Vec<Arc<dyn Validator>>> = RwLock::new(Vec::new());

/// Adds a validator to the step (the plugin host registers its bridge here).
pub fn register(v: Arc<dyn Validator>) {
    if let Ok(mut list) = VALIDATORS.write() {
        list.push(v);
    }
}

/// Runs every registered validator, in registration order.
pub fn run(tenant: &str, record: &EnterpriseRecord) -> Vec<FieldError> {
    let list = match VALIDATORS.read() {
        Ok(l) => l.clone(),
        Err(_) => return vec![],
    };
    list.iter()
        .flat_map(|v| v.validate(tenant, record))
        .collect()
}
