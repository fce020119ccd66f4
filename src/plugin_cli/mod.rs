//! `anjian plugin …`: what a county's plugin developer runs locally (new,
//! build, test) and what an operator runs on the server's database (upload,
//! replay). `test` uses the server's engine and default limits.

use anjian_platform::audit::AuditCtx;
use anjian_platform::config::Config;
use anjian_platform::db::Scope;
use anjian_plugin_host::manage::{self, service, store};
use anjian_plugin_host::runtime::PoolSize;
use anjian_plugin_host::{inspect, Active, Limits, Plugins, Ran, Runtime};
use clap::{Subcommand, ValueEnum};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A plugin's source language.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
pub enum Lang {
    Python,
    Js,
    Rust,
}

#[derive(Subcommand)]
pub enum PluginCommand {
    /// Creates a plugin project from a template (a working example rule).
    New {
        /// Plugin name: lowercase letters, digits and hyphens.
        name: String,
        #[arg(long, value_enum)]
        lang: Lang,
        /// A hook point: enterprise.validate, enterprise.registered, hazard.triage, standardization.score, ...
        #[arg(long, default_value = "enterprise.validate")]
        hook: String,
        /// Parent directory (default: the current one).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Builds the project in DIR into DIR/<name>.wasm.
    Build {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Runs a component on an input under the server's limits; prints the
    /// result, logs, fuel and time.
    Test {
        component: PathBuf,
        /// A hook point: enterprise.validate, enterprise.registered, hazard.triage, standardization.score, ...
        #[arg(long)]
        hook: String,
        /// The input as JSON (enterprise.validate: a record in the exchange format).
        #[arg(long)]
        input: PathBuf,
        /// Configuration the county admin would set: KEY=VALUE, repeatable.
        #[arg(long, value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// The county the call is for.
        #[arg(long, default_value = "330106")]
        tenant: String,
        /// Instruction budget (default: the server's default).
        #[arg(long)]
        fuel: Option<u64>,
        /// Wall-clock deadline in ms (default: the server's default).
        #[arg(long)]
        deadline_ms: Option<u64>,
    },
    /// Runs a recorded invocation again, on its version or on --component.
    Replay {
        /// The invocation's id (see pluginInvocations).
        id: String,
        /// Run this local component instead of the recorded version.
        #[arg(long)]
        component: Option<PathBuf>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Uploads a component into a county as a draft and compiles it here.
    Upload {
        component: PathBuf,
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        version: String,
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

/// The engine with every hook this binary knows.
fn plugins() -> anyhow::Result<Arc<Plugins>> {
    let rt = Runtime::new(PoolSize {
        instances: 4,
        ..PoolSize::default()
    })
    .map_err(|e| anyhow::anyhow!("plugin engine: {e}"))?;
    let p = Arc::new(Plugins::new(rt));
    anjian_enterprise::plugins::install(p.clone());
    p.add_runner(Arc::new(anjian_hazard::plugins::Runner));
    p.add_runner(Arc::new(anjian_standardization::plugins::Runner));
    p.add_runner(Arc::new(anjian_credit::plugins::Runner));
    Ok(p)
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Compiles and links `bytes` after the upload checks.
fn load(
    p: &Plugins,
    bytes: &[u8],
    hook: &str,
    limits: Limits,
    config: BTreeMap<String, String>,
) -> anyhow::Result<Active> {
    let ifaces: Vec<String> = p.hooks().into_iter().map(|(_, i)| i).collect();
    let refs: Vec<&str> = ifaces.iter().map(String::as_str).collect();
    let after = p.after_interfaces();
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    let found =
        inspect::inspect(bytes, &refs, &after).map_err(|e| anyhow::anyhow!("refused: {e}"))?;
    let runner = p.runner(hook).ok_or_else(|| {
        anyhow::anyhow!(
            "unknown hook {hook} (known: {})",
            p.hooks()
                .iter()
                .map(|h| h.0.clone())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    if !found.interfaces.iter().any(|i| i == runner.interface()) {
        anyhow::bail!(
            "the component does not export {} (it exports {})",
            runner.interface(),
            found.interfaces.join(", ")
        );
    }
    let started = std::time::Instant::now();
    let c = p
        .runtime
        .compile(bytes)
        .map_err(|e| anyhow::anyhow!("compile: {e:#}"))?;
    eprintln!("compiled in {:.2} s", started.elapsed().as_secs_f64());
    let pre = p
        .runtime
        .prepare(&c)
        .map_err(|e| anyhow::anyhow!("link: {e:#}"))?;
    Ok(Active {
        name: "local".into(),
        version: "local".into(),
        version_id: "local".into(),
        pre,
        limits,
        config,
        fail_open: false,
    })
}

/// Prints a run; Err when the plugin failed (exit status 1).
fn report(r: &Ran) -> anyhow::Result<()> {
    for l in &r.logs {
        println!("log [{}] {}", l.level, l.message);
    }
    println!("fuel: {}", r.fuel_used);
    println!("time: {:.3} ms", r.duration.as_secs_f64() * 1000.0);
    match &r.outcome {
        Ok(v) => {
            println!("result: {}", serde_json::to_string_pretty(v)?);
            Ok(())
        }
        Err(f) => {
            println!("failed ({}): {f}", f.code());
            anyhow::bail!("the plugin failed: {f}")
        }
    }
}

fn parse_config(pairs: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    pairs
        .iter()
        .map(|kv| {
            kv.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .ok_or_else(|| anyhow::anyhow!("--set takes KEY=VALUE, not {kv:?}"))
        })
        .collect()
}

pub async fn run(
    mut cfg: Config,
    cmd: PluginCommand,
    use_data_dir: impl Fn(&mut Config, Option<PathBuf>),
) -> anyhow::Result<()> {
    match cmd {
        PluginCommand::New {
            name,
            lang,
            hook,
            dir,
        } => new(&name, lang, &hook, &dir.unwrap_or_else(|| ".".into())),
        PluginCommand::Build { dir } => build(&dir),
        PluginCommand::Test {
            component,
            hook,
            input,
            set,
            tenant,
            fuel,
            deadline_ms,
        } => {
            let bytes = read(&component)?;
            let input: Value = serde_json::from_slice(&read(&input)?)
                .map_err(|e| anyhow::anyhow!("{}: not JSON: {e}", input.display()))?;
            let mut limits = Limits::default();
            if let Some(f) = fuel {
                limits.fuel = f;
            }
            if let Some(d) = deadline_ms {
                limits.deadline_ms = d;
            }
            let limits = limits.within(&Limits::default_ceiling());
            let p = plugins()?;
            let active = load(&p, &bytes, &hook, limits, parse_config(&set)?)?;
            let runner = p
                .runner(&hook)
                .ok_or_else(|| anyhow::anyhow!("unknown hook {hook}"))?;
            let ran = tokio::task::spawn_blocking(move || runner.run(&p, &tenant, &active, &input))
                .await?
                .map_err(|e| anyhow::anyhow!("the input does not fit {hook}: {e}"))?;
            report(&ran)
        }
        PluginCommand::Replay {
            id,
            component,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let platform = crate::start(cfg, false).await?;
            let mut tx = platform.db.read(Scope::All, None).await?;
            let inv = store::invocation_by_id(&mut tx, &id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no invocation {id}"))?;
            let v = service::version(&mut tx, &inv.version_id).await?;
            let settings = store::settings_of(&mut tx, &v.tenant, &v.name).await?;
            let pol = service::policy(&mut tx).await?;
            let bytes = match &component {
                Some(c) => read(c)?,
                None => store::component(&mut tx, &v.tenant, &v.id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("version {} has no component", v.id))?,
            };
            tx.commit().await?;
            let input: Value = serde_json::from_str(&inv.input)?;
            println!(
                "replaying {} ({} {} on {} in {}, recorded {})",
                inv.id,
                v.name,
                if component.is_some() {
                    "local component"
                } else {
                    &v.version
                },
                inv.hook,
                inv.tenant,
                inv.at
            );
            let p = plugins()?;
            let active = load(
                &p,
                &bytes,
                &inv.hook,
                service::effective_limits(&settings, &pol),
                settings.config.clone(),
            )?;
            let runner = p
                .runner(&inv.hook)
                .ok_or_else(|| anyhow::anyhow!("unknown hook {}", inv.hook))?;
            let (tenant, hook) = (inv.tenant.clone(), inv.hook.clone());
            let ran = tokio::task::spawn_blocking(move || runner.run(&p, &tenant, &active, &input))
                .await?
                .map_err(|e| anyhow::anyhow!("the recorded input does not fit {hook}: {e}"))?;
            if let Some(o) = &inv.output {
                println!("recorded result: {o}");
            }
            report(&ran)
        }
        PluginCommand::Upload {
            component,
            tenant,
            name,
            version,
            description,
            author,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let bytes = read(&component)?;
            let max = cfg.plugin_max_bytes;
            let platform = crate::start(cfg, true).await?;
            let m = manage::Manager::new(
                platform.clone(),
                plugins()?,
                &manage::Options {
                    max_bytes: max,
                    poll: std::time::Duration::from_secs(1),
                    keep: 50,
                },
            );
            let ctx = AuditCtx::system(platform.audit_alg);
            let mut tx = platform.db.write(Scope::All, None).await?;
            let up = service::Upload {
                tenant: &tenant,
                name: &name,
                version: &version,
                description: &description,
                author: author.as_deref(),
            };
            let v = match service::upload(&mut tx, &ctx, &m, &up, &bytes).await {
                Ok(v) => v,
                Err(anjian_platform::Error::Validation(errs)) => {
                    for f in errs {
                        eprintln!("{}: {} / {}", f.field, f.message_zh, f.message_en);
                    }
                    anyhow::bail!("not uploaded")
                }
                Err(e) => return Err(e.into()),
            };
            tx.commit().await?;
            manage::compile_version(&platform, &m, &v.tenant, &v.id).await?;
            let mut tx = platform.db.read(Scope::All, None).await?;
            let v = service::version(&mut tx, &v.id).await?;
            tx.commit().await?;
            println!(
                "uploaded {} {} into {}: id {}, sha256 {}, hooks {}, state {}, compile {}",
                v.name,
                v.version,
                v.tenant,
                v.id,
                v.sha256,
                v.hooks.join(","),
                v.state,
                v.compile_status
            );
            if let Some(e) = v.compile_error {
                anyhow::bail!("compile failed: {e}");
            }
            println!(
                "next: testPlugin(id: \"{}\", …) then activatePlugin (county admin)",
                v.id
            );
            Ok(())
        }
    }
}

// ---- new and build ---------------------------------------------------------

const WIT: &[(&str, &str)] = &[
    ("host.wit", include_str!("../../plugins/wit/host.wit")),
    (
        "enterprise.wit",
        include_str!("../../plugins/wit/enterprise.wit"),
    ),
    ("hazard.wit", include_str!("../../plugins/wit/hazard.wit")),
];

/// A project template: the world it targets, its source files, the example
/// crate name its Cargo.toml carries (Rust) and a sample input.
struct Template {
    world: &'static str,
    files: Vec<(&'static str, &'static str)>,
    crate_name: &'static str,
    sample: &'static str,
}

/// The template of `hook` in `lang`.
fn template(lang: Lang, hook: &str) -> anyhow::Result<Template> {
    let (world, crate_name, sample) = match hook {
        "enterprise.validate" => ("enterprise-validator", "enterprise-validator", SAMPLE_ENTERPRISE),
        "enterprise.registered" => ("enterprise-reactor", "enterprise-reactor", SAMPLE_NEW_ENTERPRISE),
        "hazard.triage" => ("hazard-triager", "hazard-triage", SAMPLE_HAZARD),
        "standardization.score" => ("standardization-scorer", "standardization-score", SAMPLE_REVIEW),
        _ => anyhow::bail!(
            "no template for hook {hook} (enterprise.validate, enterprise.registered, hazard.triage or standardization.score)"
        ),
    };
    let files = match (lang, world) {
        (Lang::Python, "enterprise-validator") => vec![(
            "app.py",
            include_str!("../../plugins/examples/python/enterprise_validator/app.py"),
        )],
        (Lang::Python, "hazard-triager") => vec![(
            "app.py",
            include_str!("../../plugins/examples/python/hazard_triage/app.py"),
        )],
        (Lang::Js, "enterprise-validator") => vec![(
            "rule.js",
            include_str!("../../plugins/examples/js/enterprise-validator.js"),
        )],
        (Lang::Js, "hazard-triager") => vec![(
            "rule.js",
            include_str!("../../plugins/examples/js/hazard-triage.js"),
        )],
        (Lang::Rust, "enterprise-validator") => vec![
            (
                "Cargo.toml",
                include_str!("../../plugins/examples/rust/enterprise-validator/Cargo.toml"),
            ),
            (
                "src/lib.rs",
                include_str!("../../plugins/examples/rust/enterprise-validator/src/lib.rs"),
            ),
        ],
        (Lang::Rust, "enterprise-reactor") => vec![
            (
                "Cargo.toml",
                include_str!("../../plugins/examples/rust/enterprise-reactor/Cargo.toml"),
            ),
            (
                "src/lib.rs",
                include_str!("../../plugins/examples/rust/enterprise-reactor/src/lib.rs"),
            ),
        ],
        (Lang::Rust, "standardization-scorer") => vec![
            (
                "Cargo.toml",
                include_str!("../../plugins/examples/rust/standardization-score/Cargo.toml"),
            ),
            (
                "src/lib.rs",
                include_str!("../../plugins/examples/rust/standardization-score/src/lib.rs"),
            ),
        ],
        (Lang::Rust, _) => vec![
            (
                "Cargo.toml",
                include_str!("../../plugins/examples/rust/hazard-triage/Cargo.toml"),
            ),
            (
                "src/lib.rs",
                include_str!("../../plugins/examples/rust/hazard-triage/src/lib.rs"),
            ),
        ],
        (_, _) => anyhow::bail!(
            "the {hook} template is in Rust so far: use --lang rust (the contract itself works in any language)"
        ),
    };
    Ok(Template {
        world,
        files,
        crate_name,
        sample,
    })
}

const SAMPLE_ENTERPRISE: &str = r#"{
  "uscc": "91330106MA2H2L2K2G",
  "name": "杭州某某化工有限公司",
  "production_address": "杭州市西湖区某路1号",
  "division_code": "330106001",
  "industry": "WH",
  "safety_manager": "陈华"
}
"#;
const SAMPLE_NEW_ENTERPRISE: &str = r#"{
  "uscc": "91330106MA2H2L2K2G",
  "name": "杭州某某冷链有限公司",
  "production_address": "杭州市西湖区某路1号",
  "division_code": "330106001",
  "industry": "SM",
  "risk_flags": "ammonia-refrigeration"
}
"#;
const SAMPLE_REVIEW: &str = r#"{
  "application_id": "01JDEMO0000000000000000000",
  "enterprise_uscc": "91330106MA2H2L2K2G",
  "industry": "GM",
  "applied_grade": 3,
  "checklist": "GM@2024.1",
  "score": 80.0,
  "earned": 80.0,
  "applicable": 100.0,
  "vetoes_failed": [],
  "deaths": 0,
  "serious_accidents": 0,
  "items": [
    {"code": "5.5.1", "element": "安全风险管控及隐患排查治理", "points": 10.0, "earned": 5.0, "not_applicable": false, "veto": false},
    {"code": "5.5.2", "element": "安全风险管控及隐患排查治理", "points": 10.0, "earned": 5.0, "not_applicable": false, "veto": false},
    {"code": "5.4.1", "element": "现场管理", "points": 80.0, "earned": 70.0, "not_applicable": false, "veto": false}
  ]
}
"#;
const SAMPLE_HAZARD: &str = r#"{
  "enterprise_uscc": "91330106MA2H2L2K2G",
  "enterprise_hazard_grades": [2],
  "source": "self-check",
  "category": "fire",
  "level": "general",
  "description": "储罐区静电接地失效，存在火灾爆炸风险",
  "location": "储罐区",
  "found_at_ms": 1795000000000,
  "deadline": null
}
"#;

fn new(name: &str, lang: Lang, hook: &str, parent: &Path) -> anyhow::Result<()> {
    if !(2..=64).contains(&name.len())
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        anyhow::bail!(
            "the name must be 2-64 lowercase letters, digits or hyphens, starting with a letter"
        );
    }
    let Template {
        world,
        files,
        crate_name,
        sample,
    } = template(lang, hook)?;
    let dir = parent.join(name);
    if dir.exists() {
        anyhow::bail!("{} already exists", dir.display());
    }
    std::fs::create_dir_all(dir.join("wit"))?;
    for (f, text) in WIT {
        std::fs::write(dir.join("wit").join(f), text)?;
    }
    for (f, text) in files {
        let path = dir.join(f);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        let text = match f {
            "Cargo.toml" => text.replacen(
                &format!("name = \"{crate_name}\""),
                &format!("name = \"{name}\""),
                1,
            ),
            "src/lib.rs" => text.replace("path: \"../../../wit\"", "path: \"wit\""),
            _ => text.to_string(),
        };
        std::fs::write(path, text)?;
    }
    let lang_s = format!("{lang:?}").to_lowercase();
    std::fs::write(
        dir.join("anjian-plugin.toml"),
        format!("name = \"{name}\"\nlang = \"{lang_s}\"\nhook = \"{hook}\"\nworld = \"{world}\"\n"),
    )?;
    std::fs::write(dir.join("input.json"), sample)?;
    println!("created {} ({lang_s}, {hook}); next:", dir.display());
    println!("  cd {} && anjian plugin build && anjian plugin test {name}.wasm --hook {hook} --input input.json", dir.display());
    Ok(())
}

#[derive(serde::Deserialize)]
struct Manifest {
    name: String,
    lang: String,
    world: String,
}

fn build(dir: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(dir.join("anjian-plugin.toml")).map_err(|e| {
        anyhow::anyhow!(
            "{}/anjian-plugin.toml: {e} (make a project with `anjian plugin new`)",
            dir.display()
        )
    })?;
    let m: Manifest = toml::from_str(&text)?;
    let out = format!("{}.wasm", m.name);
    let status = match m.lang.as_str() {
        "rust" => {
            let s = std::process::Command::new("cargo")
                .args(["build", "--release", "--target", "wasm32-wasip2"])
                .current_dir(dir)
                .status();
            if matches!(&s, Ok(st) if st.success()) {
                let built = dir
                    .join("target/wasm32-wasip2/release")
                    .join(format!("{}.wasm", m.name.replace('-', "_")));
                std::fs::copy(&built, dir.join(&out))?;
            }
            s
        }
        "python" => std::process::Command::new("componentize-py")
            .args([
                "-d",
                "wit",
                "-w",
                &m.world,
                "componentize",
                "app",
                "-p",
                ".",
                "--stub-wasi",
                "-o",
                &out,
            ])
            .current_dir(dir)
            .status(),
        "js" => std::process::Command::new("componentize-js")
            .args([
                "rule.js",
                "--wit",
                "wit",
                "--world-name",
                &m.world,
                "-d",
                "http",
                "fetch-event",
                "stdio",
                "random",
                "clocks",
                "-o",
                &out,
            ])
            .current_dir(dir)
            .status(),
        other => anyhow::bail!("unknown lang {other:?} in anjian-plugin.toml"),
    };
    match status {
        Ok(s) if s.success() => {
            let size = std::fs::metadata(dir.join(&out))?.len();
            println!("built {} ({size} bytes)", dir.join(&out).display());
            Ok(())
        }
        Ok(s) => anyhow::bail!("the build failed ({s})"),
        Err(e) => anyhow::bail!(
            "cannot run the {} toolchain: {e} (rust: rustup target add wasm32-wasip2; python: pip install componentize-py==0.25.1; js: npm i -g @bytecodealliance/componentize-js@0.23.0)",
            m.lang
        ),
    }
}
