//! The compute hook `credit.assess`: a county's plugin moves the grade of
//! its enterprises within the province's bound, with its reason among the
//! grade's reasons; another county's grades are untouched; a rule that
//! would move the county's total past the bound is refused (its invocation recorded failed)
//! and leaves the grade as it was.

use crate::both;
use crate::hazard::enterprise;
use crate::helpers::*;
use crate::plugins::{install_on, wait_invocations};
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
