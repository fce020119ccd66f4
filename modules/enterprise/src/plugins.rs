//! The bridge from the plugin host to `enterprise.validate`: each county's
//! bound WebAssembly rules become rules of the one validation step, run in
//! their set order, each seeing the record as the previous one amended it.

use crate::hooks::{self, Verdict};
use crate::record::EnterpriseRecord;
use anjian_platform::FieldError;
use anjian_plugin_host::{
    run_blocking, Active, CallCtx, Failure, HookRunner, Invocation, InvocationRecord, Plugins, Ran,
};
use serde_json::{json, Value};
use std::sync::Arc;

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "enterprise-validator",
    with: { "anjian:plugin/host": anjian_plugin_host::bindings::host },
});

use anjian::plugin::types::{Decision, Invocation as Invocation_, Value as WitValue};
use exports::anjian::plugin::enterprise_validate::{Enterprise, Licence, MajorHazard};

/// The exported interface a component must offer to bind this hook.
pub const INTERFACE: &str = "enterprise-validate";

/// Registers the bridge as a source of county rules, and the hook's runner
/// for dry runs and replays (once, at start).
pub fn install(plugins: Arc<Plugins>) {
    plugins.add_runner(Arc::new(Runner));
    plugins.add_runner(Arc::new(crate::reactor::Runner));
    crate::licence_days::install(plugins.clone());
    hooks::register_source(Arc::new(Bridge(plugins)));
}

struct Bridge(Arc<Plugins>);

impl hooks::Source for Bridge {
    fn validators(&self, tenant: &str) -> Vec<Arc<dyn hooks::Validator>> {
        self.0
            .bound(tenant, hooks::VALIDATE)
            .into_iter()
            .map(|active| {
                Arc::new(PluginRule {
                    plugins: self.0.clone(),
                    active,
                }) as Arc<dyn hooks::Validator>
            })
            .collect()
    }
}

/// What the host and the plugin are told about one invocation of `hook`:
/// the county, the hook, the time (an input: plugins have no clock), the
/// plugin's configuration and the county-scoped lookup.
pub fn start(
    plugins: &Plugins,
    tenant: &str,
    hook: &str,
    active: &Active,
) -> (CallCtx, Invocation_) {
    let now = anjian_platform::time::now_ms();
    let ctx = CallCtx {
        tenant: tenant.to_string(),
        hook: hook.to_string(),
        now_ms: now,
        config: active.config.clone(),
        lookup: plugins.lookup(),
    };
    let call = Invocation_ {
        tenant: tenant.to_string(),
        hook: hook.to_string(),
        now_ms: now,
    };
    (ctx, call)
}

/// A dry run's input (an enterprise record in the exchange format), parsed
/// by the national default rules.
pub(crate) fn record_input(input: &Value, tenant: &str) -> Result<EnterpriseRecord, String> {
    let raw = input
        .as_object()
        .ok_or("the input must be an enterprise record (a JSON object in the exchange format)")?;
    crate::record::parse(raw, tenant, &crate::record::Rules::default())
        .map(|(rec, _)| rec)
        .map_err(|errs| {
            errs.iter()
                .map(|e| format!("{}: {}", e.field, e.message_en))
                .collect::<Vec<_>>()
                .join("; ")
        })
}

/// Runs `active` on `record`: one fresh instance, under its limits.
pub fn call(
    plugins: &Plugins,
    tenant: &str,
    active: &Active,
    record: &EnterpriseRecord,
) -> Invocation<Decision> {
    let input = to_wit(record);
    let (ctx, call) = start(plugins, tenant, hooks::VALIDATE, active);
    run_blocking(|| {
        plugins.runtime.invoke(
            &active.pre,
            ctx,
            &active.limits,
            input_size(&input),
            |store, pre| {
                let b = EnterpriseValidatorPre::new(pre.clone())?.instantiate(&mut *store)?;
                let d = b.anjian_plugin_enterprise_validate().call_validate(
                    &mut *store,
                    &call,
                    &input,
                )?;
                let size = decision_size(&d);
                Ok((d, size))
            },
        )
    })
}

/// A decision as JSON (invocation records, dry runs).
pub fn decision_json(d: &Decision) -> Value {
    match d {
        Decision::Accept => json!({"decision": "accept"}),
        Decision::Reject(ms) => json!({"decision": "reject", "messages": ms.iter().map(|m| json!({
            "field": m.field, "messageZh": m.message_zh, "messageEn": m.message_en})).collect::<Vec<_>>()}),
        Decision::Amend(list) => {
            json!({"decision": "amend", "amendments": list.iter().map(|a| json!({
            "field": a.field, "value": to_json(a.value.clone())})).collect::<Vec<_>>()})
        }
    }
}

fn ran(inv: Invocation<Decision>) -> Ran {
    Ran {
        outcome: inv.outcome.map(|d| decision_json(&d)),
        logs: inv.logs,
        fuel_used: inv.fuel_used,
        duration: inv.duration,
    }
}

/// `enterprise.validate` for dry runs and replays: the input is a record in
/// the exchange format (`docs/exchange/enterprise-v1.md`), parsed by the
/// national default rules.
struct Runner;

impl HookRunner for Runner {
    fn hook(&self) -> &'static str {
        hooks::VALIDATE
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
        let rec = record_input(input, tenant)?;
        Ok(ran(call(plugins, tenant, active, &rec)))
    }
}

/// One bound plugin as a rule.
struct PluginRule {
    plugins: Arc<Plugins>,
    active: Arc<Active>,
}

impl hooks::Validator for PluginRule {
    fn name(&self) -> &str {
        &self.active.name
    }

    fn validate(&self, tenant: &str, record: &EnterpriseRecord) -> Verdict {
        let a = &self.active;
        let at_ms = anjian_platform::time::now_ms();
        // Wait for a slot at most as long as the plugin itself may run.
        let wait = std::time::Duration::from_millis(a.limits.deadline_ms);
        let inv = match run_blocking(|| self.plugins.permit(tenant, wait)) {
            Ok(_permit) => call(&self.plugins, tenant, a, record),
            Err(busy) => Invocation::failed(busy),
        };
        tracing::debug!(plugin = %a.name, version = %a.version, tenant, fuel = inv.fuel_used,
            micros = inv.duration.as_micros() as u64, "enterprise.validate plugin ran");
        let verdict = match &inv.outcome {
            Ok(d) => self.verdict(d.clone()),
            Err(f) => self.failed(f.clone()),
        };
        self.plugins.record(InvocationRecord::of(
            tenant,
            hooks::VALIDATE,
            a,
            at_ms,
            Value::Object(crate::record::to_raw(record)),
            ran(inv),
        ));
        verdict
    }
}

impl PluginRule {
    fn verdict(&self, d: Decision) -> Verdict {
        let name = &self.active.name;
        match d {
            Decision::Accept => Verdict::Accept,
            Decision::Reject(ms) if ms.is_empty() => Verdict::Reject(vec![FieldError::new(
                "plugin",
                &format!("县级规则 {name} 拒绝了该记录"),
                &format!("the county rule {name} refused the record"),
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
                    .map(|a| (a.field, to_json(a.value)))
                    .collect(),
            ),
        }
    }

    fn failed(&self, f: Failure) -> Verdict {
        let a = &self.active;
        tracing::warn!(plugin = %a.name, version = %a.version, reason = %f, fail_open = a.fail_open,
            "enterprise.validate plugin failed");
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

fn to_json(v: WitValue) -> Value {
    match v {
        WitValue::None => Value::Null,
        WitValue::Text(s) => Value::String(s),
        WitValue::Integer(i) => Value::from(i),
        WitValue::Number(n) => Value::from(n),
        WitValue::Flag(b) => Value::Bool(b),
        WitValue::Texts(t) => Value::from(t),
    }
}

/// The record as the contract's `enterprise`.
pub fn to_wit(r: &EnterpriseRecord) -> Enterprise {
    Enterprise {
        uscc: r.uscc.as_str().to_string(),
        name: r.name.clone(),
        legal_representative: r.legal_representative.clone(),
        principal: r.principal.clone(),
        principal_phone: r.principal_phone.clone(),
        safety_manager: r.safety_manager.clone(),
        safety_manager_phone: r.safety_manager_phone.clone(),
        production_address: r.production_address.clone(),
        division_code: r.division_code.clone(),
        industry: r.industry.code().to_string(),
        industry_subtype: r.industry_subtype.clone(),
        size_band: r.size_band.as_str().to_string(),
        staff_count: r.staff_count,
        revenue_wan: r.revenue_wan,
        founded_on: r.founded_on.clone(),
        status: r.status.as_str().to_string(),
        safety_staff: r.safety_staff,
        safety_engineers: r.safety_engineers,
        risk_flags: r
            .risk_flags
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        licences: r
            .licences
            .iter()
            .flatten()
            .map(|l| Licence {
                kind: l.kind.clone(),
                number: l.number.clone(),
                expires_on: l.expires_on.clone(),
            })
            .collect(),
        major_hazards: r
            .major_hazards
            .iter()
            .flatten()
            .map(|h| MajorHazard {
                name: h.name.clone(),
                r_value: h.r_value,
                grade: h.grade,
            })
            .collect(),
    }
}

/// Bytes of text the host passes in (the input limit's measure).
fn input_size(e: &Enterprise) -> u64 {
    let opt = |o: &Option<String>| o.as_ref().map_or(0, String::len);
    let texts = e.uscc.len()
        + e.name.len()
        + opt(&e.legal_representative)
        + opt(&e.principal)
        + opt(&e.principal_phone)
        + opt(&e.safety_manager)
        + e.production_address.len()
        + e.division_code.len()
        + e.industry.len()
        + opt(&e.industry_subtype)
        + opt(&e.founded_on)
        + e.risk_flags.iter().map(String::len).sum::<usize>()
        + e.licences
            .iter()
            .map(|l| l.kind.len() + l.number.len() + opt(&l.expires_on))
            .sum::<usize>()
        + e.major_hazards
            .iter()
            .map(|h| h.name.len() + 16)
            .sum::<usize>();
    (texts + 128) as u64
}

/// Bytes of text a decision returns (the output limit's measure).
fn decision_size(d: &Decision) -> u64 {
    let n: usize = match d {
        Decision::Accept => 0,
        Decision::Reject(ms) => ms
            .iter()
            .map(|m| m.field.len() + m.message_zh.len() + m.message_en.len())
            .sum(),
        Decision::Amend(list) => list
            .iter()
            .map(|a| {
                a.field.len()
                    + match &a.value {
                        WitValue::Text(s) => s.len(),
                        WitValue::Texts(t) => t.iter().map(String::len).sum(),
                        _ => 8,
                    }
            })
            .sum(),
    };
    n as u64
}

/// `lookup("enterprise", USCC)` for plugins: the enterprise with that USCC in
/// the plugin's own county, in the exchange format, read in a transaction
/// scoped to that county alone (RLS on PostgreSQL too).
pub struct EnterpriseLookup {
    db: anjian_platform::db::Db,
    handle: tokio::runtime::Handle,
}

/// How long a lookup may take before the plugin gets `none`.
const LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(200);

impl anjian_plugin_host::Lookup for EnterpriseLookup {
    fn lookup(&self, tenant: &str, _kind: &str, key: &str) -> Option<String> {
        let (db, tenant, key) = (self.db.clone(), tenant.to_string(), key.to_string());
        let read = async move {
            let scope = anjian_platform::db::Scope::of([tenant.clone()]);
            let mut tx = db.read(scope, None).await.ok()?;
            let s = crate::store::by_uscc(&mut tx, &tenant, &key).await.ok()??;
            let _ = tx.commit().await;
            Some(Value::Object(crate::record::to_raw(&s.record)).to_string())
        };
        // Plugins run on blocking threads (or none at all in tests); a scoped
        // thread can always wait on the server's runtime.
        let h = self.handle.clone();
        std::thread::scope(|s| {
            s.spawn(|| h.block_on(async { tokio::time::timeout(LOOKUP_TIMEOUT, read).await }))
                .join()
                .ok()
        })
        .and_then(|r| r.ok())
        .flatten()
    }
}

/// Lets plugins look up enterprises (kind `enterprise`) in their own county.
/// Needs a tokio runtime (the server's).
pub fn install_lookup(plugins: &Plugins, db: anjian_platform::db::Db) -> Result<(), String> {
    let handle = tokio::runtime::Handle::try_current().map_err(|e| e.to_string())?;
    plugins.add_lookup("enterprise", Arc::new(EnterpriseLookup { db, handle }));
    Ok(())
}
