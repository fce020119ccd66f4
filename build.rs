// The end-to-end tests' services and example plugins (see testkit/service_cfg.rs).
include!("testkit/service_cfg.rs");

fn main() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plugins/examples/build");
    service_cfgs(Some(&examples));
    browser_cfg();
}

/// `anjian_browser` when the console's browser tests can run: Debian's
/// chromium and web/'s Node packages (`npm ci` in web/). Required in CI.
fn browser_cfg() {
    println!("cargo::rustc-check-cfg=cfg(anjian_browser)");
    println!("cargo::rerun-if-env-changed=CHROMIUM");
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
    let playwright = web.join("node_modules/@playwright/test/package.json");
    println!("cargo::rerun-if-changed={}", playwright.display());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if std::path::Path::new(&chromium).is_file() && playwright.is_file() {
        println!("cargo::rustc-cfg=anjian_browser");
    } else if std::env::var("ANJIAN_TEST_REQUIRE_SERVICES").is_ok_and(|v| v == "1") {
        panic!("the console's browser tests need {chromium} and web/node_modules (apt-get install chromium fonts-wqy-zenhei; cd web && npm ci) but ANJIAN_TEST_REQUIRE_SERVICES=1");
    }
}
