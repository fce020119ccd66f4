//! The bridge from the plugin host to `standardization.score`: each county's
//! bound WebAssembly rules run in their set order when an on-site review is
//! recorded, each seeing the score as the previous one left it; the sum of
//! their adjustments stays within the province's bounds. Also the hook's
//! runner for dry runs and replays (`anjian plugin test`).

use crate::hooks::{self, Adjustment, Bounds, ScoredReview};
use anjian_platform::FieldError;
use anjian_plugin_host::{
    run_blocking, Active, Failure, HookKind, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "standardization-scorer",
    with: {
        "anjian:plugin/host": anjian_plugin_host::bindings::host,
        "anjian:plugin/types": anjian_enterprise::plugins::anjian::plugin::types,
    },
});

use exports::anjian::plugin::standardization_score::{
    Adjustment as WitAdjustment, ItemMark as WitItem, ScoredReview as WitReview,
};

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "standardization-score";

/// Registers the bridge and the hook's runner (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
    hooks::register_scorer(Arc::new(Bridge(plugins)));
}

struct Bridge(Arc<Plugins>);

impl hooks::Scorer for Bridge {
    fn adjust(
        &self,
        tenant: &str,
        review: &ScoredReview,
        current: f64,
        bounds: Bounds,
    ) -> Result<Vec<Adjustment>, Vec<FieldError>> {
        let mut current = current;
        let mut made = Vec::new();
        for a in self.0.bound(tenant, hooks::SCORE) {
            let input = wit_review(review, current);
            let at_ms = anjian_platform::time::now_ms();
            let wait = std::time::Duration::from_millis(a.limits.deadline_ms);
            let inv = match run_blocking(|| self.0.permit(tenant, wait)) {
                Ok(_permit) => call(&self.0, tenant, &a, &input, bounds),
                Err(busy) => Invocation::failed(busy),
            };
            let outcome = inv.outcome.clone();
            self.0.record(InvocationRecord::of(
                tenant,
                hooks::SCORE,
                &a,
                at_ms,
                input_json(review, current),
                ran(inv),
            ));
            let rule = format!("{} {}", a.name, a.version);
            match outcome {
                Ok(Some(adj)) => {
                    current = hooks::round1(current + adj.points);
                    made.push(Adjustment {
                        rule,
                        points: adj.points,
                        reason: adj.reason,
                    });
                }
                Ok(None) => {}
                Err(f) if a.fail_open => {
                    tracing::warn!(plugin = %a.name, tenant, reason = %f,
                        "standardization.score plugin failed (fail-open: score kept)");
                }
                Err(f) => {
                    return Err(vec![FieldError::new(
                        "marks",
                        &format!("县级评分规则 {rule} 运行失败：{f}"),
                        &format!("the county score rule {rule} failed: {f}"),
                    )])
                }
            }
        }
        Ok(made)
    }
}

fn wit_review(r: &ScoredReview, current: f64) -> WitReview {
    WitReview {
        application_id: r.application_id.clone(),
        enterprise_uscc: r.enterprise_uscc.clone(),
        industry: r.industry.clone(),
        applied_grade: r.applied_grade,
        checklist: r.checklist.clone(),
        score: r.score,
        current,
        earned: r.earned,
        applicable: r.applicable,
        vetoes_failed: r.vetoes_failed.clone(),
        deaths: r.deaths,
        serious_accidents: r.serious_accidents,
        items: r
            .items
            .iter()
            .map(|i| WitItem {
                code: i.code.clone(),
                element: i.element.clone(),
                points: i.points,
                earned: i.earned,
                not_applicable: i.not_applicable,
                veto: i.veto,
            })
            .collect(),
    }
}

/// Runs `active` on `review`: one fresh instance, under its limits. An
/// adjustment that is not a finite number, that takes the county's total
/// outside `bounds`, or that has no reason is an invalid result.
fn call(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    review: &WitReview,
    bounds: Bounds,
) -> Invocation<Option<WitAdjustment>> {
    let (ctx, call) = anjian_enterprise::plugins::start(plugins, tenant, hooks::SCORE, active);
    let size = (review.items.len() * 64
        + review.application_id.len()
        + review.enterprise_uscc.len()
        + review.checklist.len()
        + 256) as u64;
    let mut inv = run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = StandardizationScorerPre::new(pre.clone())?.instantiate(&mut *store)?;
                let a = b.anjian_plugin_standardization_score().call_adjust(
                    &mut *store,
                    &call,
                    review,
                )?;
                let n = a.as_ref().map_or(0, |a| a.reason.len());
                Ok((a, 16 + n as u64))
            })
    });
    if let Ok(Some(a)) = &inv.outcome {
        let total = review.current + a.points - review.score;
        let why = if !a.points.is_finite() {
            Some(format!("{} is not a number of points", a.points))
        } else if !bounds.allow(total) {
            Some(format!(
                "the adjustments add up to {total:+.1} points, outside the province's {:+.1}..{:+.1}",
                bounds.min, bounds.max
            ))
        } else if a.reason.trim().is_empty() {
            Some("an adjustment needs a reason".into())
        } else {
            None
        };
        if let Some(why) = why {
            inv.outcome = Err(Failure::InvalidResult(why));
        }
    }
    inv
}

fn input_json(r: &ScoredReview, current: f64) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    v["current"] = json!(current);
    v
}

fn ran(inv: Invocation<Option<WitAdjustment>>) -> Ran {
    Ran {
        outcome: inv.outcome.map(|a| {
            a.map_or(
                Value::Null,
                |a| json!({"points": a.points, "reason": a.reason}),
            )
        }),
        logs: inv.logs,
        fuel_used: inv.fuel_used,
        duration: inv.duration,
    }
}

/// A dry run's input: a scored review as invocation records keep it, with
/// `current` (defaults to `score`) and optional `bounds` {min, max}
/// (default the province's defaults).
#[derive(Deserialize)]
struct Input {
    #[serde(flatten)]
    review: ScoredReview,
    current: Option<f64>,
}

/// `standardization.score` for dry runs and replays.
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        hooks::SCORE
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
        let current = i.current.unwrap_or(i.review.score);
        let bounds = crate::model::Rules::default().adjustment_bounds();
        let review = wit_review(&i.review, current);
        Ok(ran(call(plugins, tenant, active, &review, bounds)))
    }
}
