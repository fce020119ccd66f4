//! Which plugin versions run on which hook in which county, ready to call;
//! the modules' hook runners; per-county concurrency; invocation records.
//! Bindings are replaced whole, so a reader sees either the old set or the new.

use crate::runtime::{Failure, Runtime};
use crate::state::{HostState, Lookup, NoLookup};
use crate::{Limits, LogLine};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;
use wasmtime::component::InstancePre;

/// A plugin version bound to a hook in a county.
pub struct Active {
    pub name: String,
    pub version: String,
    /// The stored version's id (invocation records name it).
    pub version_id: String,
    pub pre: InstancePre<HostState>,
    pub limits: Limits,
    pub config: BTreeMap<String, String>,
    /// On failure: pass (logged) instead of refusing the operation.
    pub fail_open: bool,
}

/// What one run of a hook did, with the input and result as JSON.
#[derive(Debug, Clone)]
pub struct Ran {
    pub outcome: Result<Value, Failure>,
    pub logs: Vec<LogLine>,
    pub fuel_used: u64,
    pub duration: Duration,
}

/// A module's hook point, as the plugin host runs it outside the module's own
/// code path: dry runs, replays and the CLI. The module registers one per hook.
pub trait HookRunner: Send + Sync {
    /// e.g. `enterprise.validate`.
    fn hook(&self) -> &'static str;
    /// The exported WIT interface a component must offer, e.g. `enterprise-validate`.
    fn interface(&self) -> &'static str;
    /// What kind of hook this is (before, the default; after; compute).
    fn kind(&self) -> HookKind {
        HookKind::Before
    }
    /// Runs `active` on `input` (the hook's input as JSON, as invocation
    /// records store it). `Err` says why the input is not valid for the hook.
    fn run(
        &self,
        plugins: &Plugins,
        tenant: &str,
        active: &Active,
        input: &Value,
    ) -> Result<Ran, String>;
}

/// The three kinds of hook point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum HookKind {
    /// Decides inside the mutation's transaction: accept, reject or amend.
    Before,
    /// Reacts to a committed event from the job queue; may import `effects`.
    After,
    /// Returns a value the module uses.
    Compute,
}

/// One invocation as the owning county may read it later.
#[derive(Debug, Clone)]
pub struct InvocationRecord {
    pub tenant: String,
    pub hook: String,
    pub plugin: String,
    pub version: String,
    pub version_id: String,
    pub at_ms: i64,
    pub input: Value,
    pub ran: Ran,
}

impl InvocationRecord {
    /// The record of `active` run on `hook` in `tenant` at `at_ms`.
    pub fn of(
        tenant: &str,
        hook: &str,
        active: &Active,
        at_ms: i64,
        input: Value,
        ran: Ran,
    ) -> Self {
        InvocationRecord {
            tenant: tenant.to_string(),
            hook: hook.to_string(),
            plugin: active.name.clone(),
            version: active.version.clone(),
            version_id: active.version_id.clone(),
            at_ms,
            input,
            ran,
        }
    }
}

/// Bound plugins by (county, hook), in order.
pub type Bound = HashMap<(String, String), Vec<Arc<Active>>>;

/// The runtime, the hook runners and the bound plugins of every county.
pub struct Plugins {
    pub runtime: Runtime,
    bound: RwLock<Bound>,
    pub lookup: RwLock<Arc<dyn Lookup>>,
    runners: RwLock<BTreeMap<String, Arc<dyn HookRunner>>>,
    observer: RwLock<Option<tokio::sync::mpsc::Sender<InvocationRecord>>>,
    max_per_tenant: AtomicUsize,
    inflight: Arc<Slots>,
}

/// Invocations running per county, and a signal when one ends.
#[derive(Default)]
struct Slots {
    running: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// The modules' lookups by kind.
#[derive(Default)]
struct Kinds(HashMap<String, Arc<dyn Lookup>>);

impl Lookup for Kinds {
    fn lookup(&self, tenant: &str, kind: &str, key: &str) -> Option<String> {
        self.0.get(kind)?.lookup(tenant, kind, key)
    }

    fn kinds(&self) -> Option<&HashMap<String, Arc<dyn Lookup>>> {
        Some(&self.0)
    }
}

/// A slot of a county's concurrent invocations; released on drop.
pub struct Permit {
    tenant: String,
    inflight: Arc<Slots>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Ok(mut m) = self.inflight.running.lock() {
            if let Some(n) = m.get_mut(&self.tenant) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    m.remove(&self.tenant);
                }
            }
        }
        self.inflight.freed.notify_all();
    }
}

impl Plugins {
    pub fn new(runtime: Runtime) -> Plugins {
        Plugins {
            runtime,
            bound: RwLock::new(HashMap::new()),
            lookup: RwLock::new(Arc::new(NoLookup)),
            runners: RwLock::new(BTreeMap::new()),
            observer: RwLock::new(None),
            max_per_tenant: AtomicUsize::new(2),
            inflight: Arc::new(Slots::default()),
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

    /// Replaces every binding at once.
    pub fn bind_all(&self, all: Bound) {
        if let Ok(mut m) = self.bound.write() {
            *m = all;
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

    /// Adds a module's read-only lookup of `kind` (e.g. `enterprise` by USCC).
    pub fn add_lookup(&self, kind: &str, l: Arc<dyn Lookup>) {
        if let Ok(mut g) = self.lookup.write() {
            let mut kinds = Kinds::default();
            if let Some(k) = g.kinds() {
                kinds.0.clone_from(k);
            }
            kinds.0.insert(kind.to_string(), l);
            *g = Arc::new(kinds);
        }
    }

    /// Registers a module's hook runner (once per hook, at start).
    pub fn add_runner(&self, r: Arc<dyn HookRunner>) {
        if let Ok(mut m) = self.runners.write() {
            m.insert(r.hook().to_string(), r);
        }
    }

    /// The runner of `hook`.
    pub fn runner(&self, hook: &str) -> Option<Arc<dyn HookRunner>> {
        self.runners.read().ok()?.get(hook).cloned()
    }

    /// Every hook with a runner, with its interface name.
    pub fn hooks(&self) -> Vec<(String, String)> {
        self.hook_kinds()
            .into_iter()
            .map(|(h, i, _)| (h, i))
            .collect()
    }

    /// Every hook with a runner: its name, interface and kind.
    pub fn hook_kinds(&self) -> Vec<(String, String, HookKind)> {
        self.runners
            .read()
            .map(|m| {
                m.values()
                    .map(|r| (r.hook().to_string(), r.interface().to_string(), r.kind()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The interfaces of after-hooks (their components may import `effects`).
    pub fn after_interfaces(&self) -> Vec<String> {
        self.runners
            .read()
            .map(|m| {
                m.values()
                    .filter(|r| r.kind() == HookKind::After)
                    .map(|r| r.interface().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where invocation records go (the plugin manager's writer).
    pub fn set_observer(&self, tx: tokio::sync::mpsc::Sender<InvocationRecord>) {
        if let Ok(mut o) = self.observer.write() {
            *o = Some(tx);
        }
    }

    /// Counts an invocation in the metrics and hands it to the observer
    /// (dropped, with a counter, when the writer is behind).
    pub fn record(&self, rec: InvocationRecord) {
        let outcome = match &rec.ran.outcome {
            Ok(_) => "ok",
            Err(f) => f.code(),
        };
        let labels = [
            ("tenant", rec.tenant.clone()),
            ("plugin", rec.plugin.clone()),
            ("hook", rec.hook.clone()),
        ];
        metrics::counter!("anjian_plugin_calls_total", &labels).increment(1);
        if outcome != "ok" {
            let mut l = labels.to_vec();
            l.push(("reason", outcome.to_string()));
            metrics::counter!("anjian_plugin_failures_total", &l).increment(1);
        }
        metrics::histogram!("anjian_plugin_duration_seconds", &labels)
            .record(rec.ran.duration.as_secs_f64());
        metrics::histogram!("anjian_plugin_fuel", &labels).record(rec.ran.fuel_used as f64);
        if let Ok(o) = self.observer.read() {
            if let Some(tx) = o.as_ref() {
                if tx.try_send(rec).is_err() {
                    metrics::counter!("anjian_plugin_records_dropped_total").increment(1);
                }
            }
        }
    }

    /// Sets the most invocations one county may run at once.
    pub fn set_max_per_tenant(&self, n: usize) {
        self.max_per_tenant.store(n.max(1), Ordering::Relaxed);
    }

    /// A slot for one invocation in `tenant`, waiting up to `wait` for one
    /// to free up; `Failure::Busy` when the county still runs its maximum.
    /// Call from a blocking context (plugin calls run there).
    pub fn permit(&self, tenant: &str, wait: Duration) -> Result<Permit, Failure> {
        let max = self.max_per_tenant.load(Ordering::Relaxed);
        let busy = || Failure::Busy(max as u64);
        let until = std::time::Instant::now() + wait;
        let mut m = self.inflight.running.lock().map_err(|_| busy())?;
        loop {
            let n = m.get(tenant).copied().unwrap_or(0);
            if n < max {
                m.insert(tenant.to_string(), n + 1);
                return Ok(Permit {
                    tenant: tenant.to_string(),
                    inflight: self.inflight.clone(),
                });
            }
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(busy());
            }
            m = self
                .inflight
                .freed
                .wait_timeout(m, left)
                .map_err(|_| busy())?
                .0;
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
