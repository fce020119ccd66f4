//! The WebAssembly plugin host (插件运行时).
//!
//! Owns everything about running a county's plugin: the wasmtime engine
//! (component model, pooling allocator, copy-on-write memory images), the
//! checks a component passes before it is stored ([`inspect`]), compiling and
//! caching, and one sandboxed invocation with its limits ([`runtime`]).
//!
//! Hook points belong to the modules: a module generates bindings for its own
//! WIT world (reusing [`bindings`] for the host interface) and calls
//! [`runtime::Runtime::invoke`] with a closure that instantiates and calls it.
//! The host never needs to know a module's types.

pub mod bindings;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod inspect;
pub mod limits;
pub mod manage;
pub mod registry;
pub mod runtime;
pub mod state;

pub use limits::Limits;
pub use registry::{run_blocking, Active, HookKind, HookRunner, InvocationRecord, Plugins, Ran};
pub use runtime::{Failure, Invocation, Runtime};
pub use state::{CallCtx, Effect, HostState, LogLine, Lookup};

/// The WIT package this host implements, and the versions it accepts.
pub const PACKAGE: &str = "anjian:plugin";
/// Every released version of the contract this host supports.
/// The newest is what `plugins/wit/` declares; earlier ones of its `0.1`
/// line link through wasmtime's semver-aware linker (`plugins/wit-released/`).
pub const SUPPORTED_VERSIONS: &[&str] = &["0.1.0", "0.1.1", "0.1.2", "0.1.3", CURRENT_VERSION];
/// The version `plugins/wit/` declares, whose bindings the host is built from.
pub const CURRENT_VERSION: &str = "0.1.4";
