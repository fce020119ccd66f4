// The host's storage tests' services (see testkit/service_cfg.rs).
include!("../../testkit/service_cfg.rs");

fn main() {
    service_cfgs(None);
}
