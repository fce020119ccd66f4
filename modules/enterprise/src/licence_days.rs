//! The compute hook `enterprise.licence-reminder`: each county's bound
//! plugins compute how many days before a licence expires it is reminded.
//! They run in their set order when a licence is saved (create, update,
//! import), each seeing the previous answer; the module schedules the
//! reminder with the result.

use crate::hooks::{self, LicenceDue, ReminderDays};
use anjian_platform::FieldError;
use anjian_plugin_host::{
    run_blocking, Active, Failure, HookKind, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "licence-reminder-computer",
    with: {
        "anjian:plugin/host": anjian_plugin_host::bindings::host,
        "anjian:plugin/types": crate::plugins::anjian::plugin::types,
    },
});

use exports::anjian::plugin::licence_reminder::LicenceDue as WitDue;

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "licence-reminder";

/// The range of days a rule may answer.
const DAYS: std::ops::RangeInclusive<u32> = 1..=365;

/// Registers the bridge and the hook's runner for dry runs (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
    hooks::register_reminder_days(Arc::new(Bridge(plugins)));
}

struct Bridge(Arc<Plugins>);

impl ReminderDays for Bridge {
    fn days(&self, tenant: &str, due: &LicenceDue<'_>, days: i64) -> Result<i64, Vec<FieldError>> {
        let mut days = days;
        for a in self.0.bound(tenant, hooks::LICENCE_REMINDER) {
            let input = WitDue {
                enterprise_uscc: due.holder.uscc.as_str().to_string(),
                industry: due.holder.industry.code().to_string(),
                kind: due.kind.to_string(),
                number: due.number.to_string(),
                scope: due.scope.map(str::to_string),
                expires_on: due.expires_on.to_string(),
                days: days.clamp(0, u32::MAX as i64) as u32,
            };
            let at_ms = anjian_platform::time::now_ms();
            let wait = std::time::Duration::from_millis(a.limits.deadline_ms);
            let inv = match run_blocking(|| self.0.permit(tenant, wait)) {
                Ok(_permit) => call(&self.0, tenant, &a, &input),
                Err(busy) => Invocation::failed(busy),
            };
            let outcome = inv.outcome.clone();
            self.0.record(InvocationRecord::of(
                tenant,
                hooks::LICENCE_REMINDER,
                &a,
                at_ms,
                due_json(&input),
                ran(inv),
            ));
            match outcome {
                Ok(Some(d)) => days = d as i64,
                Ok(None) => {}
                Err(f) if a.fail_open => {
                    tracing::warn!(plugin = %a.name, tenant, reason = %f,
                        "enterprise.licence-reminder plugin failed (fail-open: previous value kept)");
                }
                Err(f) => {
                    return Err(vec![FieldError::new(
                        "licences",
                        &format!("县级规则 {} {} 运行失败：{f}", a.name, a.version),
                        &format!("the county rule {} {} failed: {f}", a.name, a.version),
                    )])
                }
            }
        }
        Ok(days)
    }
}

/// Runs `active` on `due`: one fresh instance, under its limits. An answer
/// outside 1–365 days is an invalid result.
fn call(plugins: &Plugins, tenant: &str, active: &Active, due: &WitDue) -> Invocation<Option<u32>> {
    let (ctx, call) = crate::plugins::start(plugins, tenant, hooks::LICENCE_REMINDER, active);
    let size = (due.enterprise_uscc.len()
        + due.industry.len()
        + due.kind.len()
        + due.number.len()
        + due.scope.as_ref().map_or(0, String::len)
        + due.expires_on.len()
        + 64) as u64;
    let mut inv = run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = LicenceReminderComputerPre::new(pre.clone())?.instantiate(&mut *store)?;
                let d = b.anjian_plugin_licence_reminder().call_reminder_days(
                    &mut *store,
                    &call,
                    due,
                )?;
                Ok((d, 4))
            })
    });
    if let Ok(Some(d)) = inv.outcome {
        if !DAYS.contains(&d) {
            inv.outcome = Err(Failure::InvalidResult(format!(
                "{d} days is outside {}–{}",
                DAYS.start(),
                DAYS.end()
            )));
        }
    }
    inv
}

fn due_json(d: &WitDue) -> Value {
    json!({"enterprise_uscc": d.enterprise_uscc, "industry": d.industry, "kind": d.kind,
        "number": d.number, "scope": d.scope, "expires_on": d.expires_on, "days": d.days})
}

fn ran(inv: Invocation<Option<u32>>) -> Ran {
    Ran {
        outcome: inv.outcome.map(|d| json!({"days": d})),
        logs: inv.logs,
        fuel_used: inv.fuel_used,
        duration: inv.duration,
    }
}

/// `enterprise.licence-reminder` for dry runs and replays: the input is a
/// licence as invocation records store it (`enterprise_uscc`, `industry`,
/// `kind`, `number`, `scope`, `expires_on`, `days`).
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        hooks::LICENCE_REMINDER
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
        let text = |k: &str| -> Result<String, String> {
            input[k]
                .as_str()
                .map(str::to_string)
                .ok_or(format!("the input needs `{k}` (text)"))
        };
        let due = WitDue {
            enterprise_uscc: text("enterprise_uscc")?,
            industry: text("industry")?,
            kind: text("kind")?,
            number: text("number")?,
            scope: input["scope"].as_str().map(str::to_string),
            expires_on: text("expires_on")?,
            days: input["days"].as_u64().unwrap_or(30).min(365) as u32,
        };
        Ok(ran(call(plugins, tenant, active, &due)))
    }
}
