//! Hostile and trivial plugins, written as WAT and made into components in
//! process with `wit-component`, run through the real runtime.

use anjian_plugin_host::fixtures::component;
use anjian_plugin_host::inspect::{inspect, InspectError};
use anjian_plugin_host::runtime::PoolSize;
use anjian_plugin_host::state::NoLookup;
use anjian_plugin_host::{CallCtx, Failure, Limits, Runtime};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../wit",
    world: "enterprise-validator",
    with: { "anjian:plugin/host": anjian_plugin_host::bindings::host },
});

use anjian::plugin::types::{Decision, Invocation};
use exports::anjian::plugin::enterprise_validate::Enterprise;

const HOOKS: &[&str] = &["enterprise-validate", "hazard-triage"];

fn enterprise() -> Enterprise {
    Enterprise {
        uscc: "91330106MA27XK1234".into(),
        name: "杭州某某化工有限公司".into(),
        legal_representative: None,
        principal: None,
        principal_phone: None,
        safety_manager: None,
        safety_manager_phone: None,
        production_address: "文三路1号".into(),
        division_code: "330106001".into(),
        industry: "WH".into(),
        industry_subtype: None,
        size_band: "small".into(),
        staff_count: Some(30),
        revenue_wan: None,
        founded_on: None,
        status: "operating".into(),
        safety_staff: None,
        safety_engineers: None,
        risk_flags: vec![],
        licences: vec![],
        major_hazards: vec![],
    }
}

fn ctx() -> CallCtx {
    CallCtx {
        tenant: "330106".into(),
        hook: "enterprise.validate".into(),
        now_ms: 1_700_000_000_000,
        config: Default::default(),
        lookup: Arc::new(NoLookup),
    }
}

fn run(rt: &Runtime, bytes: &[u8], limits: &Limits) -> anjian_plugin_host::Invocation<Decision> {
    let c = rt.compile(bytes).expect("compiles");
    let pre = rt.prepare(&c).expect("links");
    rt.invoke(&pre, ctx(), limits, 100, |store, pre| {
        let b = EnterpriseValidatorPre::new(pre.clone())?.instantiate(&mut *store)?;
        let inv = Invocation {
            tenant: "330106".into(),
            hook: "enterprise.validate".into(),
            now_ms: 1_700_000_000_000,
        };
        let d = b.anjian_plugin_enterprise_validate().call_validate(
            &mut *store,
            &inv,
            &enterprise(),
        )?;
        let size = match &d {
            Decision::Reject(ms) => ms
                .iter()
                .map(|m| m.field.len() + m.message_zh.len() + m.message_en.len())
                .sum::<usize>() as u64,
            _ => 0,
        };
        Ok((d, size))
    })
}

fn runtime() -> Runtime {
    Runtime::new(PoolSize {
        instances: 8,
        ..PoolSize::default()
    })
    .expect("engine")
}

const ACCEPT: &str = "i32.const 1 i32.const 100 i32.const 7 call $log i32.const 16";

#[test]
fn a_trivial_rule_accepts_and_logs() {
    let rt = runtime();
    let bytes = component(ACCEPT, "", "enterprise-validator");
    let inspected = inspect(&bytes, HOOKS, &[]).expect("passes inspection");
    assert_eq!(inspected.interfaces, vec!["enterprise-validate"]);
    assert_eq!(inspected.version, anjian_plugin_host::CURRENT_VERSION);
    let r = run(&rt, &bytes, &Limits::default());
    assert!(matches!(r.outcome, Ok(Decision::Accept)), "{:?}", r.outcome);
    assert_eq!(r.logs.len(), 1);
    assert_eq!(r.logs[0].message, "checked");
    assert!(r.fuel_used > 0);
}

#[test]
fn an_infinite_loop_runs_out_of_fuel() {
    let rt = runtime();
    let bytes = component("(loop br 0) i32.const 16", "", "enterprise-validator");
    let r = run(&rt, &bytes, &Limits::default());
    assert_eq!(r.outcome.unwrap_err(), Failure::Fuel(10_000_000));
}

#[test]
fn an_infinite_loop_with_ample_fuel_meets_the_deadline() {
    let rt = runtime();
    let bytes = component("(loop br 0) i32.const 16", "", "enterprise-validator");
    let limits = Limits {
        fuel: u64::MAX / 2,
        deadline_ms: 30,
        ..Limits::default()
    };
    let r = run(&rt, &bytes, &limits);
    assert_eq!(r.outcome.unwrap_err(), Failure::Timeout(30));
    assert!(
        r.duration < std::time::Duration::from_secs(2),
        "{:?}",
        r.duration
    );
}

#[test]
fn unbounded_recursion_overflows_the_stack() {
    let rt = runtime();
    let bytes = component("i32.const 0 call $recurse", "", "enterprise-validator");
    let limits = Limits {
        fuel: u64::MAX / 2,
        deadline_ms: 2_000,
        ..Limits::default()
    };
    let r = run(&rt, &bytes, &limits);
    assert_eq!(r.outcome.unwrap_err(), Failure::StackOverflow);
}

#[test]
fn a_memory_bomb_hits_the_memory_limit() {
    let rt = runtime();
    let bytes = component(
        "(loop i32.const 16 memory.grow drop br 0) i32.const 16",
        "",
        "enterprise-validator",
    );
    let r = run(&rt, &bytes, &Limits::default());
    assert_eq!(r.outcome.unwrap_err(), Failure::Memory);
}

#[test]
fn a_trap_is_a_failure_with_its_reason() {
    let rt = runtime();
    let bytes = component("unreachable", "", "enterprise-validator");
    let r = run(&rt, &bytes, &Limits::default());
    match r.outcome.unwrap_err() {
        Failure::Trap(why) => assert!(why.contains("unreachable"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_huge_result_is_refused() {
    let rt = runtime();
    // decision = reject([field-message]) with three 1 MiB strings of NULs.
    let body = "i32.const 16 i32.const 1 i32.store8 \
                i32.const 20 i32.const 64 i32.store \
                i32.const 24 i32.const 1 i32.store \
                i32.const 64 i32.const 65536 i32.store \
                i32.const 68 i32.const 1048576 i32.store \
                i32.const 72 i32.const 65536 i32.store \
                i32.const 76 i32.const 1048576 i32.store \
                i32.const 80 i32.const 65536 i32.store \
                i32.const 84 i32.const 1048576 i32.store \
                i32.const 16";
    let bytes = component(body, "", "enterprise-validator");
    let r = run(&rt, &bytes, &Limits::default());
    assert_eq!(r.outcome.unwrap_err(), Failure::OutputTooLarge(3 << 20));
}

#[test]
fn malformed_bytes_and_core_modules_are_refused() {
    assert_eq!(
        inspect(b"\0asm garbage", HOOKS, &[]),
        Err(InspectError::NotAComponent)
    );
    let core = wat::parse_str("(module)").expect("wat");
    assert_eq!(inspect(&core, HOOKS, &[]), Err(InspectError::NotAComponent));
    let mut broken = component(ACCEPT, "", "enterprise-validator");
    let n = broken.len();
    broken.truncate(n / 2);
    assert!(matches!(
        inspect(&broken, HOOKS, &[]),
        Err(InspectError::Invalid(_))
    ));
}

#[test]
fn a_component_of_another_world_is_not_an_enterprise_validator() {
    let bytes = component(ACCEPT, "", "hazard-triager");
    let i = inspect(&bytes, HOOKS, &[]).expect("a valid hazard triager");
    assert_eq!(i.interfaces, vec!["hazard-triage"]);
    let only_enterprise = inspect(&bytes, &["enterprise-validate"], &[]);
    assert!(matches!(only_enterprise, Err(InspectError::NoHook(_))));
}

#[test]
fn network_and_unknown_imports_are_refused() {
    for import in [
        "wasi:sockets/tcp@0.2.0",
        "wasi:http/outgoing-handler@0.2.0",
        "anjian:plugin/secrets@0.1.0",
    ] {
        let wat = format!(
            r#"(component
                 (import "{import}" (instance))
                 (instance $i)
                 (export "anjian:plugin/enterprise-validate@0.1.0" (instance $i)))"#
        );
        let bytes = wat::parse_str(&wat).expect("component wat");
        assert_eq!(
            inspect(&bytes, HOOKS, &[]),
            Err(InspectError::ForbiddenImport(import.into())),
            "{import}"
        );
    }
}

/// A component built for the released 0.1.0 contract (before `effects` and
/// `enterprise.registered`) passes the upload checks as 0.1.0 and runs on
/// this host, whose bindings are generated from the newest version.
#[test]
fn a_component_of_the_released_0_1_0_contract_still_runs() {
    let rt = runtime();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wit-released/0.1.0");
    let bytes = anjian_plugin_host::fixtures::component_at(
        dir,
        "0.1.0",
        ACCEPT,
        "",
        "enterprise-validator",
    );
    let inspected = inspect(&bytes, HOOKS, &[]).expect("passes inspection");
    assert_eq!(inspected.version, "0.1.0");
    assert!(
        inspected
            .imports
            .iter()
            .any(|i| i == "anjian:plugin/host@0.1.0"),
        "{:?}",
        inspected.imports
    );
    let r = run(&rt, &bytes, &Limits::default());
    assert!(matches!(r.outcome, Ok(Decision::Accept)), "{:?}", r.outcome);
    assert_eq!(r.logs[0].message, "checked");
}

#[test]
fn an_unsupported_contract_version_names_the_supported_ones() {
    let bytes = wat::parse_str(
        r#"(component
             (instance $i)
             (export "anjian:plugin/enterprise-validate@0.2.0" (instance $i)))"#,
    )
    .expect("component wat");
    match inspect(&bytes, HOOKS, &[]) {
        Err(e @ InspectError::UnsupportedVersion { .. }) => {
            assert!(
                e.to_string().contains("0.1.0, 0.1.1, 0.1.2, 0.1.3, 0.1.4"),
                "{e}"
            );
            assert!(e.to_string().contains("0.2.0"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_county_waits_for_a_free_slot_then_is_busy() {
    use anjian_plugin_host::Plugins;
    use std::time::Duration;
    let p = std::sync::Arc::new(Plugins::new(runtime()));
    p.set_max_per_tenant(2);
    let a = p.permit("330106", Duration::ZERO).expect("first slot");
    let _b = p.permit("330106", Duration::ZERO).expect("second slot");
    // Another county is not held up by this one.
    let _other = p
        .permit("330203", Duration::ZERO)
        .expect("another county's slot");
    assert_eq!(
        p.permit("330106", Duration::from_millis(5)).err(),
        Some(Failure::Busy(2)),
        "full, and nothing frees up in time"
    );
    let freer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        drop(a);
    });
    let started = std::time::Instant::now();
    let c = p.permit("330106", Duration::from_secs(2));
    assert!(c.is_ok(), "a slot freed while waiting is taken");
    assert!(started.elapsed() >= Duration::from_millis(20));
    freer.join().expect("thread");
}
