//! The web console in a real browser: web/'s Playwright tests (`web/e2e`)
//! against this build's server binary with demo data on SQLite, in Debian's
//! chromium. A test binary of its own, so it runs alone (cargo runs test
//! binaries one after another) and the browser has both cores.

use std::path::Path;
use std::process::Command;

#[test]
#[cfg_attr(
    not(anjian_browser),
    ignore = "needs /usr/bin/chromium and web/node_modules (apt-get install chromium fonts-wqy-zenhei; cd web && npm ci)"
)]
fn console_flows_pass_in_a_real_browser() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
    let status = Command::new("npx")
        .args(["playwright", "test"])
        .current_dir(&web)
        .env("ANJIAN_E2E_BINARY", env!("CARGO_BIN_EXE_anjian"))
        .env_remove("ANJIAN_E2E_BASE")
        .status()
        .expect("npx runs (Node.js is installed)");
    assert!(
        status.success(),
        "the console's browser tests failed (see the list above)"
    );
}
