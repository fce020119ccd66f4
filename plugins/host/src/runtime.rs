//! The engine and one sandboxed invocation.
//!
//! One [`Runtime`] per process: a wasmtime engine with the component model,
//! fuel, epoch interruption, the pooling instance allocator and copy-on-write
//! memory images; a linker holding the host interface and a WASI with nothing
//! behind it; a thread that advances the epoch. Calls are synchronous: run
//! them off the async worker threads (`spawn_blocking`, or the import's
//! reader thread).

use crate::state::{CallCtx, Effect, HostState, LogLine};
use crate::Limits;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::component::{Component, HasSelf, InstancePre, Linker};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, Trap};

/// Milliseconds per epoch tick.
const TICK_MS: u64 = 2;

/// Sizes of the instance pool.
#[derive(Debug, Clone, Copy)]
pub struct PoolSize {
    /// Component instances alive at once (concurrent invocations).
    pub instances: u32,
    /// Largest linear memory any instance may have, in bytes.
    pub max_memory_bytes: u64,
    /// Bytes of each pooled memory kept mapped between instances: the pages a
    /// call dirtied are reset in place (found with `PAGEMAP_SCAN` where the
    /// kernel has it) instead of unmapped, so the next instance of the same
    /// plugin takes no page faults. Interpreter plugins (Python, JavaScript)
    /// touch megabytes per call; 0 turns this off.
    pub keep_resident_bytes: u64,
}

impl Default for PoolSize {
    fn default() -> Self {
        PoolSize {
            instances: 64,
            max_memory_bytes: 128 << 20,
            keep_resident_bytes: 64 << 20,
        }
    }
}

/// Why an invocation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("out of fuel (instruction budget of {0} spent)")]
    Fuel(u64),
    #[error("deadline of {0} ms passed")]
    Timeout(u64),
    #[error("memory or table limit reached")]
    Memory,
    #[error("stack overflow")]
    StackOverflow,
    #[error("input of {0} bytes is over the limit")]
    InputTooLarge(u64),
    #[error("result of {0} bytes is over the limit")]
    OutputTooLarge(u64),
    #[error("trap: {0}")]
    Trap(String),
    #[error("could not instantiate: {0}")]
    Instantiate(String),
    #[error("invalid result: {0}")]
    InvalidResult(String),
    #[error("the county already runs {0} plugin invocations at once")]
    Busy(u64),
    /// An after-hook returned `err` with this reason.
    #[error("the plugin reported: {0}")]
    Reported(String),
}

impl Failure {
    /// A short stable code for metrics and the API.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Fuel(_) => "fuel",
            Failure::Timeout(_) => "timeout",
            Failure::Memory => "memory",
            Failure::StackOverflow => "stack",
            Failure::InputTooLarge(_) => "input",
            Failure::OutputTooLarge(_) => "output",
            Failure::Trap(_) => "trap",
            Failure::Instantiate(_) => "instantiate",
            Failure::InvalidResult(_) => "result",
            Failure::Busy(_) => "busy",
            Failure::Reported(_) => "reported",
        }
    }
}

/// What one invocation did.
#[derive(Debug)]
pub struct Invocation<T> {
    pub outcome: Result<T, Failure>,
    pub logs: Vec<LogLine>,
    /// What an after-hook asked for (empty for other hooks).
    pub effects: Vec<Effect>,
    pub fuel_used: u64,
    pub duration: Duration,
}

impl<T> Invocation<T> {
    /// An invocation that failed before the plugin ran (busy, input too large).
    pub fn failed(f: Failure) -> Invocation<T> {
        Invocation {
            outcome: Err(f),
            logs: vec![],
            effects: vec![],
            fuel_used: 0,
            duration: Duration::ZERO,
        }
    }
}

impl Invocation<Result<(), String>> {
    /// An after-hook's call as it ends: the plugin's own `err` is a failure
    /// with its reason, and a failed call asks for nothing.
    pub fn settled(mut self) -> Invocation<()> {
        let outcome = match self.outcome {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(Failure::Reported(reason)),
            Err(f) => Err(f),
        };
        if outcome.is_err() {
            self.effects.clear();
        }
        Invocation {
            outcome,
            logs: self.logs,
            effects: self.effects,
            fuel_used: self.fuel_used,
            duration: self.duration,
        }
    }
}

impl Invocation<()> {
    /// An after-hook's call as dry runs and records show it: the effects it
    /// asked for are the result (a dry run applies none).
    pub fn after_ran(self) -> crate::registry::Ran {
        let effects = serde_json::to_value(&self.effects).unwrap_or(serde_json::Value::Null);
        crate::registry::Ran {
            outcome: self
                .outcome
                .map(|()| serde_json::json!({"result": "ok", "effects": effects})),
            logs: self.logs,
            fuel_used: self.fuel_used,
            duration: self.duration,
        }
    }
}

/// The process's plugin engine.
pub struct Runtime {
    engine: Engine,
    linker: Linker<HostState>,
    stop: Arc<AtomicBool>,
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Runtime {
    /// An engine with a pool of `pool.instances` instances.
    pub fn new(pool: PoolSize) -> wasmtime::Result<Runtime> {
        let mut cfg = Config::new();
        cfg.wasm_component_model(true)
            .consume_fuel(true)
            .epoch_interruption(true)
            .memory_init_cow(true)
            .wasm_extended_const(true)
            .max_wasm_stack(1 << 20);
        let mut p = PoolingAllocationConfig::default();
        // Interpreter components (Python, JavaScript) hold several core
        // instances, memories and tables each.
        p.total_component_instances(pool.instances)
            .total_core_instances(pool.instances * 32)
            .total_memories(pool.instances * 4)
            .total_tables(pool.instances * 8)
            .total_stacks(pool.instances)
            .max_core_instances_per_component(64)
            .max_memories_per_component(8)
            .max_tables_per_component(16)
            .max_tables_per_module(8)
            .max_memories_per_module(2)
            .table_elements(200_000)
            .max_memory_size(pool.max_memory_bytes as usize)
            .max_component_instance_size(1 << 20)
            .max_core_instance_size(1 << 20)
            .linear_memory_keep_resident(pool.keep_resident_bytes as usize)
            .table_keep_resident((pool.keep_resident_bytes as usize).min(1 << 20))
            .pagemap_scan(wasmtime::Enabled::Auto);
        cfg.allocation_strategy(InstanceAllocationStrategy::Pooling(p));
        let engine = Engine::new(&cfg)?;
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
        crate::bindings::HostBase::add_to_linker::<HostState, HasSelf<HostState>>(
            &mut linker,
            |s| s,
        )?;
        // Type-only interface: an empty instance satisfies the import. The
        // linker is semver-aware: `types@0.1.0` imports resolve to it too.
        linker.instance(&format!(
            "{}/types@{}",
            crate::PACKAGE,
            crate::CURRENT_VERSION
        ))?;
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (engine, stop) = (engine.clone(), stop.clone());
            std::thread::Builder::new()
                .name("plugin-epoch".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        std::thread::sleep(Duration::from_millis(TICK_MS));
                        engine.increment_epoch();
                    }
                })?;
        }
        Ok(Runtime {
            engine,
            linker,
            stop,
        })
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Compiles a component (seconds for interpreter components: do it in
    /// the background).
    pub fn compile(&self, bytes: &[u8]) -> wasmtime::Result<Component> {
        Component::new(&self.engine, bytes)
    }

    /// Bytes of a compiled component, to cache.
    pub fn serialize(&self, c: &Component) -> wasmtime::Result<Vec<u8>> {
        c.serialize()
    }

    /// Loads a compiled component from the cache. `artifact` must be bytes
    /// [`Runtime::serialize`] produced for this engine: callers keep them
    /// under a content hash they check before calling this.
    #[allow(unsafe_code)]
    pub fn load_trusted(&self, artifact: &[u8]) -> wasmtime::Result<Component> {
        // SAFETY: the artifact was produced by `serialize` on an engine with
        // this configuration and version (the cache key says so) and its
        // SHA-256 was checked by the caller; wasmtime checks the header too.
        unsafe { Component::deserialize(&self.engine, artifact) }
    }

    /// A key that changes when compiled artifacts stop being loadable.
    pub fn artifact_key(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.engine.precompile_compatibility_hash().hash(&mut h);
        // wasmtime is pinned (=48.0.0) in Cargo.toml; the hash covers its settings.
        format!("wasmtime-48.0.0-{:016x}", h.finish())
    }

    /// Links a component once; instances come from this cheaply.
    pub fn prepare(&self, c: &Component) -> wasmtime::Result<InstancePre<HostState>> {
        self.linker.instantiate_pre(c)
    }

    /// Runs one call in a fresh instance under `limits`. `input_bytes` is the
    /// size of what the host passes in; `call` instantiates from `pre` and
    /// calls the hook, returning the result and its size in bytes.
    pub fn invoke<T>(
        &self,
        pre: &InstancePre<HostState>,
        ctx: CallCtx,
        limits: &Limits,
        input_bytes: u64,
        call: impl FnOnce(&mut Store<HostState>, &InstancePre<HostState>) -> wasmtime::Result<(T, u64)>,
    ) -> Invocation<T> {
        let started = Instant::now();
        if input_bytes > limits.input_bytes {
            return Invocation::failed(Failure::InputTooLarge(input_bytes));
        }
        let mut store = Store::new(&self.engine, HostState::new(ctx, limits));
        store.limiter(|s| &mut s.limits);
        let fuel_set = store.set_fuel(limits.fuel).is_ok();
        store.set_epoch_deadline(limits.deadline_ms.div_ceil(TICK_MS) + 1);
        store.epoch_deadline_trap();
        let result = call(&mut store, pre);
        let fuel_used = if fuel_set {
            limits.fuel.saturating_sub(store.get_fuel().unwrap_or(0))
        } else {
            0
        };
        let outcome = match result {
            Ok((v, size)) if size > limits.output_bytes => {
                drop(v);
                Err(Failure::OutputTooLarge(size))
            }
            Ok((v, _)) => Ok(v),
            Err(e) => Err(classify(&e, limits)),
        };
        let logs = store.data_mut().take_logs();
        let effects = std::mem::take(&mut store.data_mut().effects);
        Invocation {
            outcome,
            logs,
            effects,
            fuel_used,
            duration: started.elapsed(),
        }
    }
}

/// Names the reason a call failed.
fn classify(e: &wasmtime::Error, limits: &Limits) -> Failure {
    if let Some(t) = e.downcast_ref::<Trap>() {
        return match t {
            Trap::OutOfFuel => Failure::Fuel(limits.fuel),
            Trap::Interrupt => Failure::Timeout(limits.deadline_ms),
            Trap::StackOverflow => Failure::StackOverflow,
            other => Failure::Trap(other.to_string()),
        };
    }
    let text = format!("{e:#}");
    if text.contains("forcing trap when growing")
        || text.contains("memory") && text.contains("grow")
    {
        return Failure::Memory;
    }
    if text.contains("instantiat") || text.contains("pooling") || text.contains("resource limit") {
        return Failure::Instantiate(text);
    }
    Failure::Trap(text)
}
