//! Bindings of the host interface (`anjian:plugin/host`), shared by every
//! hook world through bindgen's `with`.

wasmtime::component::bindgen!({
    path: "../wit",
    world: "host-base",
});

pub use anjian::plugin::host;
