// The storage tests' services (see testkit/service_cfg.rs).
include!("../testkit/service_cfg.rs");

// Rebuild when a migration is added: `sqlx::migrate!` embeds the directory.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    service_cfgs(None);
}
