//! `hazard.triage` for `anjian plugin test` until the hazard module lands
//! and registers the hook itself: the input is a hazard as JSON
//! (`enterprise_uscc`, `enterprise_hazard_grades`, `source`, `category`,
//! `level`, `description`, `location`, `found_at_ms`, `deadline`).

use anjian_plugin_host::{run_blocking, Active, CallCtx, HookRunner, Plugins, Ran};
use serde::Deserialize;
use serde_json::{json, Value};

wasmtime::component::bindgen!({
    path: "plugins/wit",
    world: "hazard-triager",
    with: { "anjian:plugin/host": anjian_plugin_host::bindings::host },
});

use anjian::plugin::types::{Decision, Invocation, Value as WitValue};
use exports::anjian::plugin::hazard_triage::Hazard;

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

/// The preview runner of `hazard.triage`.
pub struct Runner;

fn value(v: &WitValue) -> Value {
    match v {
        WitValue::None => Value::Null,
        WitValue::Text(s) => json!(s),
        WitValue::Integer(i) => json!(i),
        WitValue::Number(n) => json!(n),
        WitValue::Flag(b) => json!(b),
        WitValue::Texts(t) => json!(t),
    }
}

fn decision(d: &Decision) -> Value {
    match d {
        Decision::Accept => json!({"decision": "accept"}),
        Decision::Reject(ms) => json!({"decision": "reject", "messages": ms.iter().map(|m| json!({
            "field": m.field, "messageZh": m.message_zh, "messageEn": m.message_en})).collect::<Vec<_>>()}),
        Decision::Amend(list) => {
            json!({"decision": "amend", "amendments": list.iter().map(|a| json!({
            "field": a.field, "value": value(&a.value)})).collect::<Vec<_>>()})
        }
    }
}

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        "hazard.triage"
    }

    fn interface(&self) -> &'static str {
        "hazard-triage"
    }

    fn run(
        &self,
        plugins: &Plugins,
        tenant: &str,
        active: &Active,
        input: &Value,
    ) -> Result<Ran, String> {
        let i: Input = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
        let size = (i.enterprise_uscc.len()
            + i.source.len()
            + i.category.len()
            + i.level.len()
            + i.description.len()
            + i.location.as_ref().map_or(0, String::len)
            + i.deadline.as_ref().map_or(0, String::len)
            + i.enterprise_hazard_grades.len()
            + 64) as u64;
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
        let now = anjian_platform::time::now_ms();
        let ctx = CallCtx {
            tenant: tenant.to_string(),
            hook: self.hook().into(),
            now_ms: now,
            config: active.config.clone(),
            lookup: plugins.lookup(),
        };
        let call = Invocation {
            tenant: tenant.to_string(),
            hook: self.hook().into(),
            now_ms: now,
        };
        let inv = run_blocking(|| {
            plugins
                .runtime
                .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                    let b = HazardTriagerPre::new(pre.clone())?.instantiate(&mut *store)?;
                    let d = b
                        .anjian_plugin_hazard_triage()
                        .call_triage(&mut *store, &call, &h)?;
                    let out = decision(&d);
                    let n = out.to_string().len() as u64;
                    Ok((out, n))
                })
        });
        Ok(Ran {
            outcome: inv.outcome,
            logs: inv.logs,
            fuel_used: inv.fuel_used,
            duration: inv.duration,
        })
    }
}
