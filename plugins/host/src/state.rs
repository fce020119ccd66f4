//! What a plugin instance can reach: its log, its configuration, a read-only
//! lookup within its own county, and WASI with nothing behind it (no files,
//! environment, network; a fixed clock and a fixed random stream).

use crate::bindings::host::{self, LogLevel};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use wasmtime::component::ResourceTable;
use wasmtime::{StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

/// Read-only data a plugin may look up, within one county. Modules provide
/// the kinds (e.g. `enterprise` by USCC); answers are JSON documents.
pub trait Lookup: Send + Sync {
    /// The document of `kind` with `key` in `tenant`, if any.
    fn lookup(&self, tenant: &str, kind: &str, key: &str) -> Option<String>;

    /// The lookups by kind, when this one dispatches to several.
    fn kinds(&self) -> Option<&std::collections::HashMap<String, Arc<dyn Lookup>>> {
        None
    }
}

/// A lookup that finds nothing (dry runs, the CLI).
pub struct NoLookup;

impl Lookup for NoLookup {
    fn lookup(&self, _: &str, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// Who is calling and with what: the plugin's county, hook, configuration
/// and the time (an input; plugins have no clock).
#[derive(Clone)]
pub struct CallCtx {
    pub tenant: String,
    pub hook: String,
    pub now_ms: i64,
    pub config: BTreeMap<String, String>,
    pub lookup: Arc<dyn Lookup>,
}

/// One line of an invocation's log.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, async_graphql::SimpleObject,
)]
pub struct LogLine {
    /// `debug`, `info`, `warn`, `error`, or `stdout`/`stderr` for WASI output.
    pub level: String,
    pub message: String,
}

/// Something an after-hook asks the platform to do (`effects` in the
/// contract). Collected during the call; applied only if it succeeds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "effect", rename_all = "camelCase")]
pub enum Effect {
    /// A notification to the county's users with `role`, now.
    Notify {
        role: String,
        subject: String,
        body: String,
    },
    /// The same, at `at_ms`.
    #[serde(rename_all = "camelCase")]
    Remind {
        at_ms: i64,
        role: String,
        subject: String,
        body: String,
    },
}

/// Most effects one invocation may ask for; more are dropped (and logged).
pub const MAX_EFFECTS: usize = 16;
/// Longest subject and body of an effect, in bytes; longer ones are cut.
pub const MAX_SUBJECT_BYTES: usize = 200;
pub const MAX_BODY_BYTES: usize = 2000;

/// `s` cut to at most `max` bytes on a character boundary.
fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut n = max;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s.truncate(n);
    }
    s
}

/// The store's data for one invocation.
pub struct HostState {
    pub(crate) ctx: CallCtx,
    pub(crate) limits: StoreLimits,
    pub(crate) logs: Vec<LogLine>,
    pub(crate) effects: Vec<Effect>,
    log_left: usize,
    wasi: WasiCtx,
    table: ResourceTable,
    pub(crate) stdout: MemoryOutputPipe,
    pub(crate) stderr: MemoryOutputPipe,
}

/// A wall clock stopped at the invocation's time.
struct FixedWall(Duration);

impl wasmtime_wasi::HostWallClock for FixedWall {
    fn resolution(&self) -> Duration {
        Duration::from_millis(1)
    }
    fn now(&self) -> Duration {
        self.0
    }
}

/// A monotonic clock that never moves.
struct FixedMonotonic;

impl wasmtime_wasi::HostMonotonicClock for FixedMonotonic {
    fn resolution(&self) -> u64 {
        1_000_000
    }
    fn now(&self) -> u64 {
        0
    }
}

impl HostState {
    /// Fresh state for one invocation under `limits`.
    pub fn new(ctx: CallCtx, limits: &crate::Limits) -> HostState {
        let cap = limits.log_bytes as usize;
        let stdout = MemoryOutputPipe::new(cap);
        let stderr = MemoryOutputPipe::new(cap);
        let now = Duration::from_millis(ctx.now_ms.max(0) as u64);
        let wasi = WasiCtxBuilder::new()
            .stdout(stdout.clone())
            .stderr(stderr.clone())
            .wall_clock(FixedWall(now))
            .monotonic_clock(FixedMonotonic)
            .secure_random(wasmtime_wasi::Deterministic::new(vec![4, 2]))
            .insecure_random(wasmtime_wasi::Deterministic::new(vec![4, 2]))
            .insecure_random_seed(42)
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        let store_limits = StoreLimitsBuilder::new()
            .memory_size(limits.memory_bytes as usize)
            .table_elements(limits.table_elements as usize)
            .trap_on_grow_failure(true)
            .build();
        HostState {
            ctx,
            limits: store_limits,
            logs: Vec::new(),
            effects: Vec::new(),
            log_left: cap,
            wasi,
            table: ResourceTable::new(),
            stdout,
            stderr,
        }
    }

    fn push_log(&mut self, level: &str, message: String) {
        if self.log_left == 0 {
            return;
        }
        let mut message = message;
        if message.len() > self.log_left {
            let mut cut = self.log_left;
            while !message.is_char_boundary(cut) {
                cut -= 1;
            }
            message.truncate(cut);
            message.push_str(" …(log limit reached)");
            self.log_left = 0;
        } else {
            self.log_left -= message.len();
        }
        self.logs.push(LogLine {
            level: level.into(),
            message,
        });
    }

    /// The log, with WASI stdout/stderr appended.
    pub(crate) fn take_logs(&mut self) -> Vec<LogLine> {
        for (level, pipe) in [
            ("stdout", self.stdout.clone()),
            ("stderr", self.stderr.clone()),
        ] {
            let text = String::from_utf8_lossy(&pipe.contents()).to_string();
            for line in text.lines().filter(|l| !l.is_empty()) {
                self.push_log(level, line.to_string());
            }
        }
        std::mem::take(&mut self.logs)
    }
}

impl HostState {
    fn push_effect(&mut self, e: Effect) {
        if self.effects.len() >= MAX_EFFECTS {
            self.push_log(
                "warn",
                format!("effect dropped: at most {MAX_EFFECTS} per invocation"),
            );
            return;
        }
        self.effects.push(e);
    }
}

impl crate::bindings::effects::Host for HostState {
    fn notify(&mut self, role: String, subject: String, body: String) {
        self.push_effect(Effect::Notify {
            role: cut(role, 64),
            subject: cut(subject, MAX_SUBJECT_BYTES),
            body: cut(body, MAX_BODY_BYTES),
        });
    }

    fn remind(&mut self, at_ms: i64, role: String, subject: String, body: String) {
        self.push_effect(Effect::Remind {
            at_ms,
            role: cut(role, 64),
            subject: cut(subject, MAX_SUBJECT_BYTES),
            body: cut(body, MAX_BODY_BYTES),
        });
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl host::Host for HostState {
    fn log(&mut self, level: LogLevel, message: String) {
        let level = match level {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        };
        self.push_log(level, message);
    }

    fn config(&mut self, key: String) -> Option<String> {
        self.ctx.config.get(&key).cloned()
    }

    fn lookup(&mut self, kind: String, key: String) -> Option<String> {
        if kind.len() > 64 || key.len() > 256 {
            return None;
        }
        self.ctx.lookup.lookup(&self.ctx.tenant, &kind, &key)
    }
}
