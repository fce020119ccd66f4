//! Which plugin versions run on which hook in which county, ready to call.
//! Replaced whole per (county, hook) when a binding changes, so a reader sees
//! either the old list or the new one.

use crate::runtime::Runtime;
use crate::state::{HostState, Lookup, NoLookup};
use crate::Limits;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use wasmtime::component::InstancePre;

/// A plugin version bound to a hook in a county.
pub struct Active {
    pub name: String,
    pub version: String,
    pub pre: InstancePre<HostState>,
    pub limits: Limits,
    pub config: BTreeMap<String, String>,
    /// On failure: pass (logged) instead of refusing the operation.
    pub fail_open: bool,
}

/// Bound plugins by (county, hook), in order.
type Bound = HashMap<(String, String), Vec<Arc<Active>>>;

/// The runtime and the bound plugins of every county.
pub struct Plugins {
    pub runtime: Runtime,
    bound: RwLock<Bound>,
    pub lookup: RwLock<Arc<dyn Lookup>>,
}

impl Plugins {
    pub fn new(runtime: Runtime) -> Plugins {
        Plugins {
            runtime,
            bound: RwLock::new(HashMap::new()),
            lookup: RwLock::new(Arc::new(NoLookup)),
        }
    }

    /// Sets the plugins of `hook` in `tenant`, in the order they run.
    pub fn bind(&self, tenant: &str, hook: &str, list: Vec<Arc<Active>>) {
        if let Ok(mut m) = self.bound.write() {
            if list.is_empty() {
                m.remove(&(tenant.to_string(), hook.to_string()));
            } else {
                m.insert((tenant.to_string(), hook.to_string()), list);
            }
        }
    }

    /// The plugins of `hook` in `tenant`, in order.
    pub fn bound(&self, tenant: &str, hook: &str) -> Vec<Arc<Active>> {
        self.bound
            .read()
            .ok()
            .and_then(|m| m.get(&(tenant.to_string(), hook.to_string())).cloned())
            .unwrap_or_default()
    }

    /// The lookup plugins get (modules install theirs at start).
    pub fn lookup(&self) -> Arc<dyn Lookup> {
        match self.lookup.read() {
            Ok(l) => l.clone(),
            Err(_) => Arc::new(NoLookup),
        }
    }
}

/// Runs a synchronous plugin call without holding up the async runtime: on a
/// multi-threaded tokio worker the worker's other tasks move elsewhere while
/// it runs; elsewhere (a blocking thread, the CLI) it just runs.
pub fn run_blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}
