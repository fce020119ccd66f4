//! Bindings of the host interfaces (`anjian:plugin/host`, and `effects` for
//! after-hooks), shared by every hook world through bindgen's `with`.

wasmtime::component::bindgen!({
    path: "../wit",
    world: "host-base",
});

pub use anjian::plugin::{effects, host};
