#![allow(clippy::unwrap_used)]
//! County WebAssembly rules in the enterprise validation step: bound per
//! county, run in order, amending or refusing, failing closed or open.

use anjian_enterprise::exchange::Raw;
use anjian_enterprise::record::Rules;
use anjian_enterprise::{hooks, plugins, service};
use anjian_plugin_host::fixtures::component;
use anjian_plugin_host::runtime::PoolSize;
use anjian_plugin_host::{Active, Limits, Plugins, Runtime};
use serde_json::Value;
use std::sync::Arc;

const WORLD: &str = "enterprise-validator";

/// Result area at 16: reject with one field-message at 64 whose strings are
/// "safety_manager" (200), a Chinese message (300) and an English one (400).
const REJECT: &str = "i32.const 16 i32.const 1 i32.store8
    i32.const 20 i32.const 64 i32.store  i32.const 24 i32.const 1 i32.store
    i32.const 64 i32.const 200 i32.store i32.const 68 i32.const 14 i32.store
    i32.const 72 i32.const 300 i32.store i32.const 76 i32.const 18 i32.store
    i32.const 80 i32.const 400 i32.store i32.const 84 i32.const 12 i32.store
    i32.const 16";
const REJECT_DATA: &str = r#"(data (i32.const 200) "safety_manager")
    (data (i32.const 300) "须填写安全员")
    (data (i32.const 400) "name someone")"#;

/// Amend with one amendment at 64: field (ptr, len) then value = text.
fn amend(field_at: u32, field_len: u32, text_at: u32, text_len: u32) -> String {
    format!(
        "i32.const 16 i32.const 2 i32.store8
         i32.const 20 i32.const 64 i32.store  i32.const 24 i32.const 1 i32.store
         i32.const 64 i32.const {field_at} i32.store i32.const 68 i32.const {field_len} i32.store
         i32.const 72 i32.const 1 i32.store8
         i32.const 80 i32.const {text_at} i32.store i32.const 84 i32.const {text_len} i32.store
         i32.const 16"
    )
}
const AMEND_DATA: &str = r#"(data (i32.const 200) "safety_manager")
    (data (i32.const 300) "张三")
    (data (i32.const 400) "principal")
    (data (i32.const 500) "李四")"#;

fn plugins() -> Arc<Plugins> {
    let rt = Runtime::new(PoolSize {
        instances: 8,
        ..PoolSize::default()
    })
    .unwrap();
    Arc::new(Plugins::new(rt))
}

fn active(p: &Plugins, name: &str, body: &str, data: &str, fail_open: bool) -> Arc<Active> {
    let bytes = component(body, data, WORLD);
    let c = p.runtime.compile(&bytes).unwrap();
    Arc::new(Active {
        name: name.into(),
        version_id: "local".into(),
        version: "1.0.0".into(),
        pre: p.runtime.prepare(&c).unwrap(),
        limits: Limits::default(),
        config: Default::default(),
        fail_open,
    })
}

fn raw(county: &str, seed: u64) -> Raw {
    let mut m = Raw::new();
    for (k, v) in [
        (
            "uscc",
            anjian_enterprise::model::generate_uscc(seed, county).to_string(),
        ),
        ("name", "某化工有限公司".into()),
        ("production_address", "某路1号".into()),
        ("division_code", format!("{county}001")),
        ("industry", "WH".into()),
    ] {
        m.insert(k.into(), Value::String(v));
    }
    m
}

/// One test: the hook's sources are process-wide.
#[test]
fn county_plugins_refuse_amend_and_fail_as_bound() {
    let p = plugins();
    plugins::install(p.clone());
    let rules = Rules::default();

    // Nothing bound: passes.
    assert!(service::validate(&raw("330106", 1), "330106", &rules).is_ok());

    // A refusing rule in 330106 only.
    let reject = active(&p, "safety-rule", REJECT, REJECT_DATA, false);
    p.bind("330106", hooks::VALIDATE, vec![reject.clone()]);
    let errs = service::validate(&raw("330106", 2), "330106", &rules).unwrap_err();
    assert_eq!(errs[0].field, "safety_manager");
    assert!(errs[0].message_zh.contains("须填写安全员"), "{errs:?}");
    assert!(
        errs[0].message_zh.contains("safety-rule"),
        "names the plugin: {errs:?}"
    );
    assert!(
        service::validate(&raw("330108", 3), "330108", &rules).is_ok(),
        "another county is unaffected"
    );

    // Two amending rules run in order; the record is parsed again after each.
    let a1 = active(
        &p,
        "set-manager",
        &amend(200, 14, 300, 6),
        AMEND_DATA,
        false,
    );
    let a2 = active(
        &p,
        "set-principal",
        &amend(400, 9, 500, 6),
        AMEND_DATA,
        false,
    );
    p.bind("330106", hooks::VALIDATE, vec![a1, a2]);
    let (rec, _) = service::validate(&raw("330106", 4), "330106", &rules).unwrap();
    assert_eq!(rec.safety_manager.as_deref(), Some("张三"));
    assert_eq!(rec.principal.as_deref(), Some("李四"));

    // An amendment that breaks the record is refused by the parser.
    let bad_staff = active(
        &p,
        "bad-staff",
        &amend(200, 11, 300, 6),
        r#"(data (i32.const 200) "staff_count") (data (i32.const 300) "很多")"#,
        false,
    );
    p.bind("330106", hooks::VALIDATE, vec![bad_staff]);
    let errs = service::validate(&raw("330106", 5), "330106", &rules).unwrap_err();
    assert_eq!(errs[0].field, "staff_count", "{errs:?}");

    // A trapping rule fails closed (naming the plugin) or open (passes).
    let closed = active(&p, "broken", "unreachable", "", false);
    p.bind("330106", hooks::VALIDATE, vec![closed]);
    let errs = service::validate(&raw("330106", 6), "330106", &rules).unwrap_err();
    assert_eq!(errs[0].field, "plugin");
    assert!(
        errs[0].message_en.contains("broken 1.0.0 failed: trap"),
        "{errs:?}"
    );
    let open = active(&p, "broken", "unreachable", "", true);
    p.bind("330106", hooks::VALIDATE, vec![open]);
    assert!(service::validate(&raw("330106", 7), "330106", &rules).is_ok());

    // A spinning rule is stopped by its fuel and the step fails closed.
    let spin = active(&p, "spin", "(loop br 0) i32.const 16", "", false);
    p.bind("330106", hooks::VALIDATE, vec![spin]);
    let errs = service::validate(&raw("330106", 8), "330106", &rules).unwrap_err();
    assert!(errs[0].message_en.contains("out of fuel"), "{errs:?}");
}
