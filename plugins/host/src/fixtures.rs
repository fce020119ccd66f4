//! Test fixtures (feature `fixtures`): components written as WAT, made with
//! `wit-component` in process. The core module imports the host's `log` and
//! `lookup` (as `$lookup`: kind ptr/len, key ptr/len, result pointer),
//! (and, in the `enterprise-reactor` and `accident-reactor` worlds, `effects.notify` as `$notify`: role,
//! subject and body as ptr/len pairs; `effects.remind` as `$remind`, the same
//! after an i64 time), and exports 40 pages of memory (2.5 MiB), a bump allocator from 2 MiB, the string
//! "checked" at 100, a `$recurse` function, `extra` (more data or
//! functions), and the hook's function with `body` (parameters arrive as a
//! pointer; the body leaves a pointer to the result, e.g. 16 for a zeroed
//! `accept`).
#![allow(clippy::expect_used)]

/// A core module exporting `validate` with `body`, plus memory and a bump
/// allocator, made into a component of `world` of the current contract.
pub fn component(body: &str, extra: &str, world: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wit");
    component_at(dir, crate::CURRENT_VERSION, body, extra, world)
}

/// `bytes` with a custom section `name` holding `data` appended (valid at a
/// component's end): the same code under another label.
pub fn with_custom_section(bytes: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    let mut body = vec![name.len() as u8];
    body.extend_from_slice(name.as_bytes());
    body.extend_from_slice(data);
    let mut out = bytes.to_vec();
    out.push(0);
    let mut n = body.len();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(&body);
    out
}

/// [`component`] built for the contract `version` in the WIT directory `dir`
/// (e.g. a released one under `plugins/wit-released/`).
pub fn component_at(dir: &str, version: &str, body: &str, extra: &str, world: &str) -> Vec<u8> {
    let wat = format!(
        r#"(module
  (import "anjian:plugin/host@{version}" "log" (func $log (param i32 i32 i32)))
  (import "anjian:plugin/host@{version}" "lookup" (func $lookup (param i32 i32 i32 i32 i32)))
  {effects}
  (memory (export "memory") 40)
  (global $heap (mut i32) (i32.const 2097152))
  (data (i32.const 100) "checked")
  {extra}
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    global.get $heap
    local.get 2
    i32.add
    i32.const -1
    i32.add
    i32.const 0
    local.get 2
    i32.sub
    i32.and
    local.tee $p
    local.get 3
    i32.add
    global.set $heap
    (block (loop
      global.get $heap
      memory.size
      i32.const 65536
      i32.mul
      i32.le_u
      br_if 1
      i32.const 1
      memory.grow
      i32.const -1
      i32.eq
      (if (then unreachable))
      br 0))
    local.get $p)
  (func $recurse (param i32) (result i32) local.get 0 call $recurse)
  (func (export "anjian:plugin/{world_iface}@{version}#{func}") (param i32) (result i32)
    {body}))"#,
        effects = if matches!(world, "enterprise-reactor" | "accident-reactor") {
            format!(
                r#"(import "anjian:plugin/effects@{version}" "notify" (func $notify (param i32 i32 i32 i32 i32 i32)))
  (import "anjian:plugin/effects@{version}" "remind" (func $remind (param i64 i32 i32 i32 i32 i32 i32)))"#
            )
        } else {
            String::new()
        },
        world_iface = match world {
            "enterprise-validator" => "enterprise-validate",
            "enterprise-reactor" => "enterprise-registered",
            "accident-reactor" => "accident-reported",
            "licence-reminder-computer" => "licence-reminder",
            "standardization-scorer" => "standardization-score",
            "credit-assessor" => "credit-assess",
            _ => "hazard-triage",
        },
        func = match world {
            "enterprise-validator" => "validate",
            "enterprise-reactor" => "registered",
            "accident-reactor" => "reported",
            "licence-reminder-computer" => "reminder-days",
            "standardization-scorer" => "adjust",
            "credit-assessor" => "assess",
            _ => "triage",
        },
    );
    let mut module = wat::parse_str(&wat).expect("fixture WAT parses");
    let mut resolve = wit_parser::Resolve::default();
    let (pkg, _) = resolve.push_dir(dir).expect("WIT parses");
    let world = resolve.select_world(&[pkg], Some(world)).expect("world");
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
    )
    .expect("metadata");
    wit_component::ComponentEncoder::default()
        .module(&module)
        .expect("module")
        .validate(true)
        .encode()
        .expect("component")
}
