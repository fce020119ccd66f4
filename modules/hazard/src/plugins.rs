//! The bridge from the plugin host to `hazard.triage`: each county's bound
//! WebAssembly rules become triage rules, run in their set order when a
//! hazard is reported. Also the hook's runner for dry runs and replays.

use crate::hooks::{self, Report, Triager, Verdict};
use anjian_platform::FieldError;
use anjian_plugin_host::{
    run_blocking, Active, CallCtx, Failure, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "hazard-triager",
    with: { "anjian:plugin/host": anjian_plugin_host::bindings::host },
});

use anjian::plugin::types::{Decision, Invocation as WitCall, Value as WitValue};
use exports::anjian::plugin::hazard_triage::Hazard;

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "hazard-triage";

/// Registers the bridge as a source of county triage rules, and the hook's
/// runner (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
    hooks::register_source(Arc::new(Bridge(plugins)));
}

struct Bridge(Arc<Plugins>);

impl hooks::Source for Bridge {
    fn triagers(&self, tenant: &str) -> Vec<Arc<dyn Triager>> {
        self.0
            .bound(tenant, hooks::TRIAGE)
            .into_iter()
            .map(|active| {
                Arc::new(PluginRule {
                    plugins: self.0.clone(),
                    active,
                }) as Arc<dyn Triager>
            })
            .collect()
    }
}

struct PluginRule {
    plugins: Arc<Plugins>,
    active: Arc<Active>,
}

impl Triager for PluginRule {
    fn name(&self) -> String {
        format!("{} {}", self.active.name, self.active.version)
    }

    fn triage(&self, tenant: &str, report: &Report) -> Verdict {
        let a = &self.active;
        let at_ms = anjian_platform::time::now_ms();
        let wait = std::time::Duration::from_millis(a.limits.deadline_ms);
        let input = to_wit(report);
        let inv = match run_blocking(|| self.plugins.permit(tenant, wait)) {
            Ok(_permit) => call(&self.plugins, tenant, a, &input),
            Err(busy) => Invocation::failed(busy),
        };
        let verdict = match &inv.outcome {
            Ok(d) => verdict(&self.name(), d.clone()),
            Err(f) => self.failed(f.clone()),
        };
        self.plugins.record(InvocationRecord::of(
            tenant,
            hooks::TRIAGE,
            a,
            at_ms,
            input_json(&input),
            ran(inv),
        ));
        verdict
    }
}

impl PluginRule {
    fn failed(&self, f: Failure) -> Verdict {
        let a = &self.active;
        tracing::warn!(plugin = %a.name, version = %a.version, reason = %f, fail_open = a.fail_open,
            "hazard.triage plugin failed");
        if a.fail_open {
            return Verdict::Accept;
        }
        Verdict::Reject(vec![FieldError::new(
            "plugin",
            &format!("县级规则 {} {} 运行失败：{f}", a.name, a.version),
            &format!("the county rule {} {} failed: {f}", a.name, a.version),
        )])
    }
}

fn verdict(name: &str, d: Decision) -> Verdict {
    match d {
        Decision::Accept => Verdict::Accept,
        Decision::Reject(ms) if ms.is_empty() => Verdict::Reject(vec![FieldError::new(
            "plugin",
            &format!("县级规则 {name} 拒绝了该隐患报告"),
            &format!("the county rule {name} refused the report"),
        )]),
        Decision::Reject(ms) => Verdict::Reject(
            ms.into_iter()
                .map(|m| {
                    FieldError::new(
                        &m.field,
                        &format!("{}（县级规则 {name}）", m.message_zh),
                        &format!("{} (county rule {name})", m.message_en),
                    )
                })
                .collect(),
        ),
        Decision::Amend(list) => Verdict::Amend(
            list.into_iter()
                .map(|a| (a.field, to_json(&a.value)))
                .collect(),
        ),
    }
}

fn to_json(v: &WitValue) -> Value {
    match v {
        WitValue::None => Value::Null,
        WitValue::Text(s) => json!(s),
        WitValue::Integer(i) => json!(i),
        WitValue::Number(n) => json!(n),
        WitValue::Flag(b) => json!(b),
        WitValue::Texts(t) => json!(t),
    }
}

fn to_wit(r: &Report) -> Hazard {
    Hazard {
        enterprise_uscc: r.enterprise_uscc.clone(),
        enterprise_hazard_grades: r.enterprise_hazard_grades.clone(),
        source: r.source.clone(),
        category: r.category.clone(),
        level: r.level.clone(),
        description: r.description.clone(),
        location: r.location.clone(),
        found_at_ms: r.found_at_ms,
        deadline: r.deadline.clone(),
    }
}

fn input_json(h: &Hazard) -> Value {
    json!({"enterprise_uscc": h.enterprise_uscc, "enterprise_hazard_grades": h.enterprise_hazard_grades,
        "source": h.source, "category": h.category, "level": h.level, "description": h.description,
        "location": h.location, "found_at_ms": h.found_at_ms, "deadline": h.deadline})
}

fn decision_json(d: &Decision) -> Value {
    match d {
        Decision::Accept => json!({"decision": "accept"}),
        Decision::Reject(ms) => json!({"decision": "reject", "messages": ms.iter().map(|m| json!({
            "field": m.field, "messageZh": m.message_zh, "messageEn": m.message_en})).collect::<Vec<_>>()}),
        Decision::Amend(list) => {
            json!({"decision": "amend", "amendments": list.iter().map(|a| json!({
            "field": a.field, "value": to_json(&a.value)})).collect::<Vec<_>>()})
        }
    }
}

/// Runs `active` on `h`: one fresh instance, under its limits.
fn call(plugins: &Plugins, tenant: &str, active: &Active, h: &Hazard) -> Invocation<Decision> {
    let now = anjian_platform::time::now_ms();
    let ctx = CallCtx {
        tenant: tenant.to_string(),
        hook: hooks::TRIAGE.into(),
        now_ms: now,
        config: active.config.clone(),
        lookup: plugins.lookup(),
    };
    let call = WitCall {
        tenant: tenant.to_string(),
        hook: hooks::TRIAGE.into(),
        now_ms: now,
    };
    let size = (h.enterprise_uscc.len()
        + h.source.len()
        + h.category.len()
        + h.level.len()
        + h.description.len()
        + h.location.as_ref().map_or(0, String::len)
        + h.deadline.as_ref().map_or(0, String::len)
        + h.enterprise_hazard_grades.len()
        + 64) as u64;
    run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = HazardTriagerPre::new(pre.clone())?.instantiate(&mut *store)?;
                let d = b
                    .anjian_plugin_hazard_triage()
                    .call_triage(&mut *store, &call, h)?;
                let n = decision_json(&d).to_string().len() as u64;
                Ok((d, n))
            })
    })
}

fn ran(inv: Invocation<Decision>) -> Ran {
    Ran {
        outcome: inv.outcome.map(|d| decision_json(&d)),
        logs: inv.logs,
        fuel_used: inv.fuel_used,
        duration: inv.duration,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    enterprise_uscc: String,
    #[serde(default)]
    enterprise_hazard_grades: Vec<u8>,
    source: String,
    category: String,
    level: String,
    description: String,
    location: Option<String>,
    found_at_ms: i64,
    deadline: Option<String>,
}

/// `hazard.triage` for dry runs and replays: the input is a hazard as
/// invocation records store it (`enterprise_uscc`, `enterprise_hazard_grades`,
/// `source`, `category`, `level`, `description`, `location`, `found_at_ms`,
/// `deadline`).
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        hooks::TRIAGE
    }

    fn interface(&self) -> &'static str {
        INTERFACE
    }

    fn run(
        &self,
        plugins: &Plugins,
        tenant: &str,
        active: &Active,
        input: &Value,
    ) -> Result<Ran, String> {
        let i: Input = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
        let h = Hazard {
            enterprise_uscc: i.enterprise_uscc,
            enterprise_hazard_grades: i.enterprise_hazard_grades,
            source: i.source,
            category: i.category,
            level: i.level,
            description: i.description,
            location: i.location,
            found_at_ms: i.found_at_ms,
            deadline: i.deadline,
        };
        Ok(ran(call(plugins, tenant, active, &h)))
    }
}
