// The end-to-end tests' services and example plugins (see testkit/service_cfg.rs).
include!("testkit/service_cfg.rs");

fn main() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plugins/examples/build");
    service_cfgs(Some(&examples));
}
