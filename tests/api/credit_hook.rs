//! The compute hook `credit.assess`: a county's plugin moves the grade of
//! its enterprises within the province's bound, with its reason among the
//! grade's reasons; another county's grades are untouched; a rule that
//! would move the county's total past the bound is refused (its invocation recorded failed)
//! and leaves the grade as it was. The example Rust rule, on its own and
//! through the server with the county's config.

use crate::both;
use crate::hazard::enterprise;
use crate::helpers::*;
use crate::plugins::{example, install_on, wait_invocations};
use serde_json::{json, Value};

/// `some(adjustment { steps, reason: "checked" })`.
fn moves(steps: i32) -> String {
    format!(
        "i32.const 16 i32.const 1 i32.store8
        i32.const 20 i32.const {steps} i32.store8
        i32.const 24 i32.const 100 i32.store i32.const 28 i32.const 7 i32.store
        i32.const 16"
    )
}

fn sample() -> Value {
    json!({"enterpriseId": "E1", "enterpriseUscc": "91330106MA2H2L2K2G", "grade": "B",
           "standardizationGrade": 0, "events": [], "brokenCommitments": 0})
}

async fn grade(app: &TestApp, county: &str, e: &str) -> Value {
    let t = app.login(&format!("county-admin@{county}")).await;
    app.ok(
        Some(&t),
        "query($e: String!) { creditGrade(enterpriseId: $e) { grade reasons { code zh effect } } }",
        json!({"e": e}),
    )
    .await["creditGrade"]
        .clone()
}

async fn assess_hook(app: &TestApp) {
    let wasm = anjian_plugin_host::fixtures::component(&moves(-1), "", "credit-assessor");
    let (_, t) = install_on(app, "local-score", wasm, "credit.assess", sample()).await;
    assert_eq!(t["testPlugin"]["output"]["steps"], -1, "{t}");
    let (here, _) = enterprise(app, 81, "330106", "ent-hook-a").await;
    let (there, _) = enterprise(app, 82, "330203", "ent-hook-b").await;
    let g = grade(app, "330106", &here).await;
    assert_eq!(
        g["grade"], "A",
        "B moved one step by the county's rule: {g}"
    );
    assert!(
        g.to_string().contains("plugin:local-score 1.0.0") && g.to_string().contains("checked"),
        "{g}"
    );
    let g = grade(app, "330203", &there).await;
    assert_eq!(g["grade"], "B", "another county's grade is its own: {g}");

    // A second rule whose move would take the county's total past the
    // province's bound (1 step) is refused: the grade stays as the first rule
    // left it, and the failure is recorded. (Alone, in its dry run, it passes.)
    let greedy = anjian_plugin_host::fixtures::component(&moves(-1), "", "credit-assessor");
    let (_, t) = install_on(app, "greedy", greedy, "credit.assess", sample()).await;
    assert_eq!(t["testPlugin"]["output"]["steps"], -1, "{t}");
    let (next, _) = enterprise(app, 83, "330106", "ent-hook-c").await;
    let g = grade(app, "330106", &next).await;
    assert_eq!(g["grade"], "A", "{g}");
    assert_eq!(
        g.to_string().matches("plugin:").count(),
        1,
        "one rule's move only: {g}"
    );
    let dev = app.login("plugin-developer@330106").await;
    let mut failed = 0;
    for name in ["local-score", "greedy"] {
        let list = wait_invocations(app, &dev, "330106", name, 1).await;
        failed += list
            .iter()
            .filter(|i| i["failure"]["code"].is_string())
            .count();
    }
    assert!(failed >= 1, "the rule past the bound is recorded failed");
}
both!(credit_assess_hook, assess_hook);

/// Runs `anjian plugin test` on the example rule with `input`; returns
/// whether it succeeded and what it printed.
fn plugin_test(wasm: &[u8], input: Value, set: &[&str]) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("anjian-assess-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let (file, sample) = (dir.join("rule.wasm"), dir.join("input.json"));
    std::fs::write(&file, wasm).unwrap();
    std::fs::write(&sample, input.to_string()).unwrap();
    let mut args = vec![
        "plugin",
        "test",
        file.to_str().unwrap(),
        "--hook",
        "credit.assess",
    ];
    args.extend(["--input", sample.to_str().unwrap()]);
    args.extend(set);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anjian"))
        .args(&args)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(dir);
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The example Rust rule (plugins/examples/rust/credit-assess): three
/// events in the window move the grade towards D (not with `repeat-events`
/// set to 5); a clean 二级 enterprise moves towards A; a clean enterprise
/// with no certificate stays. Through the server: one event takes a new
/// enterprise from B to C by the province's rules, and to D once the
/// county sets `repeat-events` to 1.
async fn example_rule(app: &TestApp) {
    let wasm = example("credit-assess-rust.wasm").expect("the example is built");
    let repeat = json!({"enterpriseId": "E1", "enterpriseUscc": "91330106MA2H2L2K2G", "grade": "D",
        "standardizationGrade": 0, "events": ["penalty", "manual", "penalty"], "brokenCommitments": 0});
    let (ok, out) = plugin_test(&wasm, repeat.clone(), &[]);
    assert!(
        ok && out.contains("\"steps\": 1") && out.contains("重点监管"),
        "{out}"
    );
    let (ok, out) = plugin_test(&wasm, repeat, &["--set", "repeat-events=5"]);
    assert!(ok && out.contains("result: null"), "{out}");
    let mut clean = sample();
    clean["standardizationGrade"] = json!(2);
    let (ok, out) = plugin_test(&wasm, clean, &[]);
    assert!(
        ok && out.contains("\"steps\": -1") && out.contains("二级"),
        "{out}"
    );
    let (ok, out) = plugin_test(&wasm, sample(), &[]);
    assert!(ok && out.contains("result: null"), "{out}");

    install_on(app, "focus", wasm, "credit.assess", sample()).await;
    let admin = app.login("county-admin@330106").await;
    let event = "mutation($e: String!) { recordCreditEvent(input: {enterpriseId: $e, trigger: \"manual\", detail: \"拒不配合检查\"}) { id } }";
    let (before, _) = enterprise(app, 84, "330106", "ent-hook-d").await;
    app.ok(Some(&admin), event, json!({"e": before})).await;
    let g = grade(app, "330106", &before).await;
    assert_eq!(g["grade"], "C", "one event, under the default of 3: {g}");
    assert!(!g.to_string().contains("plugin:"), "{g}");
    app.ok(
        Some(&admin),
        "mutation { configurePlugin(input: {tenantCode: \"330106\", name: \"focus\", config: [{key: \"repeat-events\", value: \"1\"}]}) { position } }",
        json!({}),
    )
    .await;
    let (after, _) = enterprise(app, 85, "330106", "ent-hook-e").await;
    app.ok(Some(&admin), event, json!({"e": after})).await;
    let g = grade(app, "330106", &after).await;
    assert_eq!(
        g["grade"], "D",
        "C by the province, one more by the county: {g}"
    );
    assert!(
        g.to_string().contains("plugin:focus 1.0.0") && g.to_string().contains("重点监管"),
        "{g}"
    );
}
both!(credit_assess_example_rule, example_rule);
