//! The after-hook `accident.reported`: once a flash report is committed,
//! each of the county's plugins bound to the hook runs on it from the job
//! queue (one job per plugin, so one plugin's failures and retries never
//! hold up or repeat another's effects), and what it asks for
//! (notifications, reminders) is applied when it succeeds.

use crate::hooks::REPORTED;
use crate::service::REPORTED_EVENT;
use anjian_platform::db::Scope;
use anjian_platform::jobs::{Job, Registry};
use anjian_platform::{Error, Platform, Result};
use anjian_plugin_host::manage::effects;
use anjian_plugin_host::{
    run_blocking, Active, CallCtx, HookKind, HookRunner, Invocation, Plugins, Ran,
};
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "accident-reactor",
    with: {
        "anjian:plugin/host": anjian_plugin_host::bindings::host,
        "anjian:plugin/effects": anjian_plugin_host::bindings::effects,
    },
});

use anjian::plugin::types::Invocation as WitCall;
use exports::anjian::plugin::accident_reported::Accident as WitAccident;

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "accident-reported";
/// Job kind running one plugin version on one report.
pub const REACT_JOB: &str = "accident.reported.plugin";
/// Attempts of a reaction job before it is given up.
const ATTEMPTS: i64 = 5;

/// Registers the hook's runner for dry runs and replays (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
}

/// Subscribes the fan-out to report events and registers the job.
pub fn register(r: &mut Registry) {
    r.on_event(
        REPORTED_EVENT,
        "accident.reported.plugins",
        Arc::new(|p, job| Box::pin(async move { fan_out(&p, &job).await })),
    );
    r.job(
        REACT_JOB,
        Arc::new(|p, job| Box::pin(async move { react(&p, &job).await })),
    );
}

/// One job per plugin version bound to the hook in the report's county.
async fn fan_out(p: &Platform, job: &Job) -> Result<()> {
    let Some(m) = anjian_plugin_host::manage::installed() else {
        return Ok(());
    };
    let bound = m.plugins.bound(&job.tenant_id, REPORTED);
    if bound.is_empty() {
        return Ok(());
    }
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    for a in bound {
        anjian_platform::jobs::enqueue(
            &mut tx,
            &job.tenant_id,
            REACT_JOB,
            &json!({"plugin": a.name, "accident": job.payload}),
            anjian_platform::time::now_ms(),
            Some(&format!("react:{}:{}", job.id, a.name)),
            ATTEMPTS,
        )
        .await?;
    }
    tx.commit().await
}

/// Runs one plugin version on the report and applies its effects.
async fn react(p: &Platform, job: &Job) -> Result<()> {
    let Some(m) = anjian_plugin_host::manage::installed() else {
        return Ok(());
    };
    let tenant = job.tenant_id.clone();
    let name = anjian_platform::jobs::payload_field(job, "plugin")?.to_string();
    // The version active now; disabled since: nothing to do.
    let Some(active) = m
        .plugins
        .bound(&tenant, REPORTED)
        .into_iter()
        .find(|a| a.name == name)
    else {
        return Ok(());
    };
    let input = to_wit(&job.payload["accident"]).map_err(Error::Internal)?;
    let plugins = m.plugins.clone();
    let (t, a, i) = (tenant.clone(), active.clone(), input);
    let inv = tokio::task::spawn_blocking(move || call(&plugins, &t, &a, &i))
        .await
        .map_err(Error::internal)?;
    let asked = inv.effects.clone();
    let failed = inv.outcome.as_ref().err().cloned();
    m.plugins.record(anjian_plugin_host::InvocationRecord::of(
        &tenant,
        REPORTED,
        &active,
        anjian_platform::time::now_ms(),
        job.payload["accident"].clone(),
        inv.after_ran(),
    ));
    match failed {
        None => {}
        Some(f) if active.fail_open => {
            tracing::warn!(plugin = %active.name, tenant, reason = %f,
                "accident.reported plugin failed (fail-open: skipped)");
            return Ok(());
        }
        Some(f) => {
            return Err(Error::Internal(format!(
                "plugin {} {} failed: {f}",
                active.name, active.version
            )))
        }
    }
    if asked.is_empty() {
        return Ok(());
    }
    let mut tx = p.db.write(Scope::of([tenant.clone()]), None).await?;
    let from = effects::Origin {
        plugin: &active.name,
        version_id: &active.version_id,
        job_id: &job.id,
    };
    effects::apply(&mut tx, &tenant, &from, &asked).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Runs `active` on `accident`: one fresh instance under its limits. A
/// plugin's own `err` is a failure with its reason.
fn call(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    accident: &WitAccident,
) -> Invocation<()> {
    let wait = std::time::Duration::from_millis(active.limits.deadline_ms.max(1000));
    let _permit = match plugins.permit(tenant, wait) {
        Ok(p) => p,
        Err(busy) => return Invocation::failed(busy),
    };
    let now = anjian_platform::time::now_ms();
    let ctx = CallCtx {
        tenant: tenant.to_string(),
        hook: REPORTED.to_string(),
        now_ms: now,
        config: active.config.clone(),
        lookup: plugins.lookup(),
    };
    let wit_call = WitCall {
        tenant: tenant.to_string(),
        hook: REPORTED.to_string(),
        now_ms: now,
    };
    let size =
        (accident.summary.len() + accident.place.len() + accident.unit_name.len() + 256) as u64;
    let inv = run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = AccidentReactorPre::new(pre.clone())?.instantiate(&mut *store)?;
                let r = b.anjian_plugin_accident_reported().call_reported(
                    &mut *store,
                    &wit_call,
                    accident,
                )?;
                let n = r.as_ref().err().map_or(0, |e| e.len() as u64);
                Ok((r, n))
            })
    });
    inv.settled()
}

/// The event's accident (see [`crate::hooks::payload`]) as the hook takes it.
fn to_wit(v: &Value) -> std::result::Result<WitAccident, String> {
    let text = |k: &str| -> std::result::Result<String, String> {
        v[k].as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("the accident lacks {k}"))
    };
    let count =
        |k: &str| -> u32 { v[k].as_i64().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32 };
    let occurred = chrono::DateTime::parse_from_rfc3339(&text("occurredAt")?)
        .map_err(|e| format!("occurredAt: {e}"))?
        .timestamp_millis();
    Ok(WitAccident {
        id: text("accidentId")?,
        unit_name: text("unitName")?,
        unit_uscc: v["unitUscc"].as_str().map(str::to_string),
        division_code: text("divisionCode")?,
        occurred_at_ms: occurred,
        place: text("place")?,
        accident_type: text("accidentType")?,
        industry: text("industry")?,
        grade: text("grade")?,
        deaths: count("deaths"),
        missing: count("missing"),
        serious_injuries: count("seriousInjuries"),
        minor_injuries: count("minorInjuries"),
        direct_loss_wan: v["directLossWan"].as_f64().unwrap_or(0.0),
        summary: text("summary")?,
    })
}

/// `accident.reported` for dry runs and replays: the input is the report as
/// the event carries it (`accidentId`, `unitName`, `occurredAt` …); the
/// result lists the effects the plugin asked for, none of which a dry run
/// applies.
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        REPORTED
    }

    fn interface(&self) -> &'static str {
        INTERFACE
    }

    fn kind(&self) -> HookKind {
        HookKind::After
    }

    fn run(
        &self,
        plugins: &Plugins,
        tenant: &str,
        active: &Active,
        input: &Value,
    ) -> std::result::Result<Ran, String> {
        let a = to_wit(input)?;
        Ok(call(plugins, tenant, active, &a).after_ran())
    }
}
