//! The after-hook `enterprise.registered`: once new enterprises are committed
//! to a county's register (create or import), each of the county's plugins
//! bound to the hook runs on each of them from the job queue, and what they
//! ask for (notifications, reminders) is applied when they succeed.
//!
//! The registration event fans out into one job per bound plugin version, so
//! one plugin's failures and retries never hold up or repeat another's
//! effects. Within a job the effects of all its calls are applied in one
//! transaction after every call succeeded; a fail-closed failure fails the job
//! and the queue retries it with backoff, a fail-open one is logged and skipped.

use crate::record::EnterpriseRecord;
use crate::service::REGISTERED_EVENT;
use anjian_platform::db::Scope;
use anjian_platform::jobs::{Job, Registry};
use anjian_platform::{Error, Platform, Result};
use anjian_plugin_host::manage::effects;
use anjian_plugin_host::{
    run_blocking, Active, HookKind, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "enterprise-reactor",
    with: {
        "anjian:plugin/host": anjian_plugin_host::bindings::host,
        "anjian:plugin/effects": anjian_plugin_host::bindings::effects,
        "anjian:plugin/types": crate::plugins::anjian::plugin::types,
    },
});

use exports::anjian::plugin::enterprise_registered::NewEnterprise;

/// The hook point's name.
pub const HOOK: &str = "enterprise.registered";
/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "enterprise-registered";
/// Job kind running one plugin version on one registration event.
pub const REACT_JOB: &str = "enterprise.registered.plugin";
/// Attempts of a reaction job before it is given up.
const ATTEMPTS: i64 = 5;
/// Enterprises per reaction job: an import's event carries up to a batch
/// (1,000), and a job must end well within the queue's handler timeout even
/// when every call runs to its deadline (50 × 500 ms at the ceiling).
const PER_JOB: usize = 50;

/// Subscribes the fan-out to registration events and registers the job.
pub fn register(r: &mut Registry) {
    r.on_event(
        REGISTERED_EVENT,
        "enterprise.registered.plugins",
        Arc::new(|p, job| Box::pin(async move { fan_out(&p, &job).await })),
    );
    r.job(
        REACT_JOB,
        Arc::new(|p, job| Box::pin(async move { react(&p, &job).await })),
    );
}

fn usccs(job: &Job) -> Vec<String> {
    job.payload["usccs"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// One job per plugin version bound to the hook in the event's county.
async fn fan_out(p: &Platform, job: &Job) -> Result<()> {
    let Some(m) = anjian_plugin_host::manage::installed() else {
        return Ok(());
    };
    let bound = m.plugins.bound(&job.tenant_id, HOOK);
    if bound.is_empty() {
        return Ok(());
    }
    let list = usccs(job);
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    for a in bound {
        for (i, part) in list.chunks(PER_JOB).enumerate() {
            anjian_platform::jobs::enqueue(
                &mut tx,
                &job.tenant_id,
                REACT_JOB,
                &json!({"plugin": a.name, "usccs": part}),
                anjian_platform::time::now_ms(),
                Some(&format!("react:{}:{}:{i}", job.id, a.name)),
                ATTEMPTS,
            )
            .await?;
        }
    }
    tx.commit().await
}

/// Runs one plugin version on the event's enterprises and applies its effects.
async fn react(p: &Platform, job: &Job) -> Result<()> {
    let Some(m) = anjian_plugin_host::manage::installed() else {
        return Ok(());
    };
    let tenant = job.tenant_id.clone();
    let name = anjian_platform::jobs::payload_field(job, "plugin")?.to_string();
    // The plugin's version active now (an upgrade since the event runs in
    // its place); disabled since: nothing to do.
    let Some(active) = m
        .plugins
        .bound(&tenant, HOOK)
        .into_iter()
        .find(|a| a.name == name)
    else {
        return Ok(());
    };
    let scope = Scope::of([tenant.clone()]);
    let mut tx = p.db.read(scope.clone(), None).await?;
    let records = crate::store::by_usccs(&mut tx, &tenant, &usccs(job)).await?;
    tx.commit().await?;
    let plugins = m.plugins.clone();
    let (t, a) = (tenant.clone(), active.clone());
    let outcome = tokio::task::spawn_blocking(move || run_all(&plugins, &t, &a, &records))
        .await
        .map_err(Error::internal)??;
    if outcome.is_empty() {
        return Ok(());
    }
    let mut tx = p.db.write(scope, None).await?;
    let from = effects::Origin {
        plugin: &active.name,
        version_id: &active.version_id,
        job_id: &job.id,
    };
    effects::apply(&mut tx, &tenant, &from, &outcome).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Calls `active` on every record; the effects of all, or the first
/// fail-closed failure.
fn run_all(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    records: &[crate::store::Stored],
) -> Result<Vec<anjian_plugin_host::Effect>> {
    let mut all = Vec::new();
    for s in records {
        let wait = std::time::Duration::from_millis(active.limits.deadline_ms.max(1000));
        let at_ms = anjian_platform::time::now_ms();
        let inv = match plugins.permit(tenant, wait) {
            Ok(_permit) => call(plugins, tenant, active, &s.record),
            Err(busy) => Invocation::failed(busy),
        };
        let effects = inv.effects.clone();
        let failed = inv.outcome.as_ref().err().cloned();
        plugins.record(InvocationRecord::of(
            tenant,
            HOOK,
            active,
            at_ms,
            Value::Object(crate::record::to_raw(&s.record)),
            inv.after_ran(),
        ));
        match failed {
            None => all.extend(effects),
            Some(f) if active.fail_open => {
                tracing::warn!(plugin = %active.name, tenant, uscc = %s.record.uscc, reason = %f,
                    "enterprise.registered plugin failed (fail-open: skipped)");
            }
            Some(f) => {
                return Err(Error::Internal(format!(
                    "plugin {} {} failed on {}: {f}",
                    active.name, active.version, s.record.uscc
                )))
            }
        }
    }
    Ok(all)
}

/// Runs `active` on `record`: one fresh instance under its limits. A
/// plugin's own `err` is a failure with its reason.
pub fn call(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    record: &EnterpriseRecord,
) -> Invocation<()> {
    let input = to_wit(record);
    let (ctx, call) = crate::plugins::start(plugins, tenant, HOOK, active);
    let size = input_size(&input);
    let inv = run_blocking(|| {
        plugins
            .runtime
            .invoke(&active.pre, ctx, &active.limits, size, |store, pre| {
                let b = EnterpriseReactorPre::new(pre.clone())?.instantiate(&mut *store)?;
                let r = b.anjian_plugin_enterprise_registered().call_registered(
                    &mut *store,
                    &call,
                    &input,
                )?;
                let n = r.as_ref().err().map_or(0, |e| e.len() as u64);
                Ok((r, n))
            })
    });
    inv.settled()
}

fn to_wit(r: &EnterpriseRecord) -> NewEnterprise {
    NewEnterprise {
        uscc: r.uscc.as_str().to_string(),
        name: r.name.clone(),
        industry: r.industry.code().to_string(),
        size_band: r.size_band.as_str().to_string(),
        division_code: r.division_code.clone(),
        production_address: r.production_address.clone(),
        principal: r.principal.clone(),
        principal_phone: r.principal_phone.clone(),
        risk_flags: r
            .risk_flags
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        major_hazard_grades: r.major_hazards.iter().flatten().map(|h| h.grade).collect(),
    }
}

fn input_size(e: &NewEnterprise) -> u64 {
    let opt = |o: &Option<String>| o.as_ref().map_or(0, String::len);
    (e.uscc.len()
        + e.name.len()
        + e.industry.len()
        + e.size_band.len()
        + e.division_code.len()
        + e.production_address.len()
        + opt(&e.principal)
        + opt(&e.principal_phone)
        + e.risk_flags.iter().map(String::len).sum::<usize>()
        + e.major_hazard_grades.len()
        + 128) as u64
}

/// `enterprise.registered` for dry runs and replays: the input is a record in
/// the exchange format; the result lists the effects the plugin asked for,
/// none of which a dry run applies.
pub struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        HOOK
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
        let rec = crate::plugins::record_input(input, tenant)?;
        Ok(call(plugins, tenant, active, &rec).after_ran())
    }
}
