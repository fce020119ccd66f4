//! The bridge from the plugin host to `credit.assess`: each county's bound
//! WebAssembly rules run in their set order when an enterprise is graded,
//! each seeing the grade as the previous one left it; the sum of their moves
//! stays within the province's bound. Also the hook's runner for dry runs
//! and replays (`anjian plugin test`).

use crate::hooks::{self, Adjustment, Assessed};
use crate::model::drop_grade;
use anjian_plugin_host::{
    run_blocking, Active, Failure, HookKind, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "credit-assessor",
    with: {
        "anjian:plugin/host": anjian_plugin_host::bindings::host,
        "anjian:plugin/types": anjian_enterprise::plugins::anjian::plugin::types,
    },
});

use exports::anjian::plugin::credit_assess::{
    Adjustment as WitAdjustment, Assessed as WitAssessed,
};

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "credit-assess";

/// Registers the bridge and the hook's runner (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
    hooks::register_assessor(Arc::new(Bridge(plugins)));
}

struct Bridge(Arc<Plugins>);

impl hooks::Assessor for Bridge {
    fn any(&self, tenant: &str) -> bool {
        !self.0.bound(tenant, hooks::ASSESS).is_empty()
    }

    fn assess(&self, tenant: &str, e: &Assessed, bound: i64) -> Vec<Adjustment> {
        let mut current = e.grade.clone();
        let mut total = 0i64;
        let mut made = Vec::new();
        for a in self.0.bound(tenant, hooks::ASSESS) {
            let input = wit(e, &current);
            let at_ms = anjian_platform::time::now_ms();
            let wait = std::time::Duration::from_millis(a.limits.deadline_ms);
            let inv = match run_blocking(|| self.0.permit(tenant, wait)) {
                Ok(_permit) => call(&self.0, tenant, &a, &input, bound, total),
                Err(busy) => Invocation::failed(busy),
            };
            let outcome = inv.outcome.clone();
            let mut rec_input = serde_json::to_value(e).unwrap_or(Value::Null);
            rec_input["current"] = json!(current);
            self.0.record(InvocationRecord::of(
                tenant,
                hooks::ASSESS,
                &a,
                at_ms,
                rec_input,
                ran(inv),
            ));
            match outcome {
                Ok(Some(adj)) => {
                    total += i64::from(adj.steps);
                    current = drop_grade(&current, i64::from(adj.steps)).to_string();
                    made.push(Adjustment {
                        rule: format!("{} {}", a.name, a.version),
                        steps: i64::from(adj.steps),
                        reason: adj.reason,
                    });
                }
                Ok(None) => {}
                Err(f) => {
                    tracing::warn!(plugin = %a.name, tenant, reason = %f,
                        "credit.assess plugin failed: the grade is left as it was");
                }
            }
        }
        made
    }
}

fn wit(e: &Assessed, current: &str) -> WitAssessed {
    WitAssessed {
        enterprise_id: e.enterprise_id.clone(),
        enterprise_uscc: e.enterprise_uscc.clone(),
        grade: e.grade.clone(),
        current: current.into(),
        standardization_grade: e.standardization_grade,
        events: e.events.clone(),
        broken_commitments: e.broken_commitments,
    }
}

/// Runs `active` on `e`: one fresh instance, under its limits. A move that
/// takes the county's total (`before` so far) past `bound`, or that has no
/// reason, is an invalid result.
fn call(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    e: &WitAssessed,
    bound: i64,
    before: i64,
) -> Invocation<Option<WitAdjustment>> {
    let (ctx, call) = anjian_enterprise::plugins::start(plugins, tenant, hooks::ASSESS, active);
    let size =
        (e.events.iter().map(|s| s.len() + 8).sum::<usize>() + e.enterprise_id.len() + 256) as u64;
    let mut inv = run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = CreditAssessorPre::new(pre.clone())?.instantiate(&mut *store)?;
                let a = b
                    .anjian_plugin_credit_assess()
                    .call_assess(&mut *store, &call, e)?;
                let n = a.as_ref().map_or(0, |a| a.reason.len());
                Ok((a, 16 + n as u64))
            })
    });
    if let Ok(Some(a)) = &inv.outcome {
        let total = before + i64::from(a.steps);
        let why = if total.abs() > bound {
            Some(format!(
                "the county's rules move the grade {total:+} steps, beyond the province's bound of {bound}"
            ))
        } else if a.reason.trim().is_empty() {
            Some("a move of the grade needs a reason".into())
        } else {
            None
        };
        if let Some(why) = why {
            inv.outcome = Err(Failure::InvalidResult(why));
        }
    }
    inv
}

fn ran(inv: Invocation<Option<WitAdjustment>>) -> Ran {
    Ran {
        outcome: inv.outcome.map(|a| {
            a.map_or(
                Value::Null,
                |a| json!({"steps": a.steps, "reason": a.reason}),
            )
        }),
        logs: inv.logs,
        fuel_used: inv.fuel_used,
        duration: inv.duration,
    }
}

/// A dry run's input: the enterprise as invocation records keep it, with
/// `current` (defaults to `grade`).
#[derive(Deserialize)]
struct Input {
    #[serde(flatten)]
    enterprise: Assessed,
    current: Option<String>,
}

/// `credit.assess` for dry runs and replays.
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        hooks::ASSESS
    }

    fn interface(&self) -> &'static str {
        INTERFACE
    }

    fn kind(&self) -> HookKind {
        HookKind::Compute
    }

    fn run(
        &self,
        plugins: &Plugins,
        tenant: &str,
        active: &Active,
        input: &Value,
    ) -> Result<Ran, String> {
        let i: Input = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
        let current = i.current.unwrap_or_else(|| i.enterprise.grade.clone());
        let bound = crate::model::Rules::default().assess_bound;
        Ok(ran(call(
            plugins,
            tenant,
            active,
            &wit(&i.enterprise, &current),
            bound,
            0,
        )))
    }
}
