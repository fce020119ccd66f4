//! `anjian`: the command line of the platform (serve, migrate, schema, config,
//! admin, audit).

use anjian_platform::audit::AuditCtx;
use anjian_platform::config::Config;
use anjian_platform::db::Scope;
use anjian_platform::{audit, demo, migrate, users, Platform};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;

mod accident_cli;
mod backup;
mod credit_cli;
mod plugin_cli;
mod seed;

/// mimalloc instead of glibc malloc: less CPU per request and less memory
/// held back after bursts (see docs/benchmarks.md, issue 6).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "anjian",
    version,
    about = "Anjian (安监): provincial work-safety supervision platform"
)]
struct Cli {
    /// TOML configuration file (default: ./anjian.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Log format: text or json.
    #[arg(long, global = true)]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the server.
    Serve {
        /// Seed demo users and print their credentials (demo only).
        #[arg(long)]
        demo: bool,
        /// Address to listen on (ANJIAN_LISTEN).
        #[arg(long)]
        listen: Option<String>,
        /// Data directory for embedded storage (ANJIAN_DATA_DIR).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Don't apply migrations at start.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Applies pending migrations and seed data. On a Citus coordinator it
    /// then distributes the tables by tenant (reference tables for global
    /// data); `--citus` demands Citus, so a wrong URL fails instead of
    /// migrating a plain PostgreSQL.
    Migrate {
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Require a Citus coordinator and distribute the tables on it.
        #[arg(long)]
        citus: bool,
    },
    /// Prints the GraphQL schema (SDL).
    Schema,
    /// Backs up the database and uploaded files into an empty directory,
    /// with a manifest of SHA-256 hashes (safe while the server runs).
    Backup {
        /// The directory to write (new or empty).
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Restores a backup into empty storage, after checking every hash.
    Restore {
        /// The backup's directory.
        dir: PathBuf,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// The enterprise register: bulk import and export in the exchange format.
    Enterprise {
        #[command(subcommand)]
        command: EnterpriseCommand,
    },
    /// Hidden-hazard governance: generated data for benchmarks.
    Hazard {
        #[command(subcommand)]
        command: HazardCommand,
    },
    /// Accident statistics: generated data for benchmarks.
    Accident {
        #[command(subcommand)]
        command: accident_cli::AccidentCommand,
    },
    /// Credit and blacklist: generated data and grade recomputation for benchmarks.
    Credit {
        #[command(subcommand)]
        command: credit_cli::CreditCommand,
    },
    /// WebAssembly plugins: new, build, test, replay, upload.
    Plugin {
        #[command(subcommand)]
        command: plugin_cli::PluginCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Generates a realistic, deterministic dataset: registers through the
    /// import's bulk path, hazards with their statistics, users for every
    /// role (password: ANJIAN_DEMO_PASSWORD, else generated and shown).
    Seed {
        #[arg(long, value_enum, default_value = "small")]
        scale: seed::Scale,
        /// Enterprises in all (default: the scale's).
        #[arg(long)]
        enterprises: Option<u64>,
        /// Hazards in all (default: the scale's).
        #[arg(long)]
        hazards: Option<u64>,
        /// Years of hazards back from now (default: the scale's).
        #[arg(long)]
        years: Option<u64>,
        /// Standardization applications (and certificates) over 5 years
        /// (default: the scale's: small 0, county 10,000, province 100,000).
        #[arg(long)]
        applications: Option<u64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Prints the effective configuration, secrets masked.
    Check,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Creates a user (e.g. the first province administrator).
    CreateUser {
        /// Tenant (division code), e.g. 330000.
        #[arg(long)]
        tenant: String,
        /// Role, e.g. province-admin.
        #[arg(long)]
        role: String,
        /// Username (default: <role>@<tenant>).
        #[arg(long)]
        username: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (else ANJIAN_ADMIN_PASSWORD, else generated).
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum HazardCommand {
    /// Writes generated hazards (with their statistics) over every county, for benchmarks.
    Generate {
        #[arg(long, default_value_t = 10_000)]
        count: u64,
        /// Found within this many years back from now.
        #[arg(long, default_value_t = 3)]
        years: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum EnterpriseCommand {
    /// Imports a CSV (UTF-8 or GB18030) or JSON Lines file into a county's register.
    Import {
        file: PathBuf,
        /// The county (division code), e.g. 330106.
        #[arg(long)]
        tenant: String,
        /// Check every row, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows even when others are rejected (default: all or nothing).
        #[arg(long)]
        best_effort: bool,
        /// Where to write rejected rows, in the input's format (default: FILE.rejects.EXT).
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// Where to write the per-row report as CSV (default: FILE.report.csv).
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Writes a realistic generated register as CSV (for demos and benchmarks).
    Generate {
        #[arg(long)]
        tenant: String,
        #[arg(long, default_value_t = 1000)]
        count: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Exports a tenant's register (a county, a city with its counties, or the province).
    Export {
        #[arg(long)]
        tenant: String,
        /// csv (Chinese headers, UTF-8 with BOM), jsonl or xlsx (Chinese headers).
        #[arg(long, default_value = "csv")]
        format: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Checks every hash chain and reports the first broken link.
    Verify {
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut cfg = Config::load(cli.config.as_deref())?;
    if let Some(f) = cli.log_format {
        cfg.log_format = f;
    }
    match cli.command {
        Command::Serve {
            demo,
            listen,
            data_dir,
            no_migrate,
        } => {
            if let Some(l) = listen {
                cfg.listen = l;
            }
            use_data_dir(&mut cfg, data_dir);
            if no_migrate {
                cfg.migrate_on_start = false;
            }
            cfg.check()?;
            anjian_graphql::telemetry::init_logging(&cfg.log_format);
            serve(cfg, demo).await
        }
        Command::Migrate { data_dir, citus } => {
            use_data_dir(&mut cfg, data_dir);
            anjian_graphql::telemetry::init_logging(&cfg.log_format);
            let url = owner_url(&cfg);
            if citus {
                migrate::require_citus(&url).await?;
            }
            let applied = migrate::run(&url).await?;
            println!("migrations applied: {applied:?}");
            Ok(())
        }
        Command::Schema => {
            print!("{}", anjian_graphql::schema::sdl());
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            print!("{}", cfg.masked_toml());
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    tenant,
                    role,
                    username,
                    display_name,
                    password_stdin,
                    data_dir,
                },
        } => {
            use_data_dir(&mut cfg, data_dir);
            create_user(cfg, tenant, role, username, display_name, password_stdin).await
        }
        Command::Seed {
            scale,
            enterprises,
            hazards,
            years,
            applications,
            seed,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let p = start(cfg, true).await?;
            let dir = p.tenancy.directory(&p.db).await?;
            let plan =
                seed::Plan::new(scale, &dir, enterprises, hazards, years, applications, seed)?;
            seed_cli(&p, &plan).await
        }
        Command::Enterprise { command } => enterprise_cli(cfg, command).await,
        Command::Hazard { command } => hazard_cli(cfg, command).await,
        Command::Accident { command } => accident_cli::run(cfg, command).await,
        Command::Credit { command } => credit_cli::run(cfg, command).await,
        Command::Plugin { command } => plugin_cli::run(cfg, command, use_data_dir).await,
        Command::Backup { out, data_dir } => {
            use_data_dir(&mut cfg, data_dir);
            let m = backup::backup(&cfg, &owner_url(&cfg), &out).await?;
            println!(
                "backup written to {}: {} files ({})",
                out.display(),
                m.files.len(),
                m.backend
            );
            Ok(())
        }
        Command::Restore { dir, data_dir } => {
            use_data_dir(&mut cfg, data_dir);
            let m = backup::restore(&cfg, &owner_url(&cfg), &dir).await?;
            println!(
                "restored {} files from {} ({}, made {})",
                m.files.len(),
                dir.display(),
                m.backend,
                m.created_at
            );
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify { tenant, data_dir },
        } => {
            use_data_dir(&mut cfg, data_dir);
            let p = start(cfg, true).await?;
            let report = audit::verify(&p.db, tenant.as_deref()).await?;
            match &report.first_break {
                None => {
                    println!(
                        "audit chain intact: {} tenants, {} records",
                        report.tenants, report.records
                    );
                    Ok(())
                }
                Some(b) => {
                    println!(
                        "audit chain BROKEN: tenant {} at record {}: {} ({} records checked before)",
                        b.tenant_id, b.seq, b.reason, report.records
                    );
                    std::process::exit(2);
                }
            }
        }
    }
}

fn owner_url(cfg: &Config) -> String {
    cfg.migrate_database_url
        .clone()
        .unwrap_or_else(|| cfg.effective_database_url())
}

async fn start(cfg: Config, migrate_first: bool) -> anyhow::Result<Platform> {
    if migrate_first {
        migrate::run(&owner_url(&cfg)).await?;
    }
    let modules = anjian_graphql::modules();
    Ok(Platform::start(cfg, &modules).await?)
}

async fn create_user(
    cfg: Config,
    tenant: String,
    role: String,
    username: Option<String>,
    display_name: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let p = start(cfg, true).await?;
    let (password, generated) = if password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        (s.trim_end_matches(['\r', '\n']).to_string(), false)
    } else if let Ok(pw) = std::env::var("ANJIAN_ADMIN_PASSWORD") {
        (pw, false)
    } else {
        (demo::generate_password(), true)
    };
    let username = username.unwrap_or_else(|| format!("{role}@{tenant}"));
    let dir = p.tenancy.directory(&p.db).await?;
    let policy = p.policies.security(&p.db).await?;
    let mut tx = p.db.write(Scope::All, None).await?;
    let input = users::NewUser {
        tenant,
        username: username.clone(),
        display_name: display_name.unwrap_or_else(|| username.clone()),
        password: password.clone(),
        roles: vec![role],
        org: None,
    };
    let ctx = AuditCtx::system(p.audit_alg);
    match users::create_user(&mut tx, &ctx, None, &dir, &policy, input).await {
        Ok(u) => {
            tx.commit().await?;
            println!("created user {} in tenant {}", u.username, u.tenant_id);
            if generated {
                println!("password (shown once): {password}");
            }
            Ok(())
        }
        Err(anjian_platform::Error::Validation(v)) => {
            for f in v {
                eprintln!("{}: {} / {}", f.field, f.message_zh, f.message_en);
            }
            anyhow::bail!("user not created")
        }
        Err(e) => Err(e.into()),
    }
}

/// `anjian seed`, with a progress bar.
async fn seed_cli(p: &Platform, plan: &seed::Plan) -> anyhow::Result<()> {
    let (password, shown) = match p.config.demo_password.clone() {
        Some(pw) => (pw, false),
        None => (demo::generate_password(), true),
    };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:12} {bar:40} {pos}/{len}  {per_sec}  {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let b = bar.clone();
    let progress = std::sync::Arc::new(move |done: u64, total: u64, what: &str| {
        b.set_length(total);
        b.set_position(done);
        b.set_message(what.to_string());
    });
    let owner = owner_url(&p.config);
    let s = seed::run(p, plan, &password, Some(&owner), progress).await?;
    bar.finish_and_clear();
    let analyzed = seed::refresh_statistics(&owner).await?;
    println!(
        "seeded {} counties: {} enterprises ({:.1}s, {:.0} rows/s), {} hazards ({:.1}s, {:.0} rows/s), {} new users",
        plan.counties.len(),
        s.enterprises,
        s.enterprise_secs,
        s.enterprises as f64 / s.enterprise_secs.max(1e-9),
        s.hazards,
        s.hazard_secs,
        s.hazards as f64 / s.hazard_secs.max(1e-9),
        s.users
    );
    if s.applications > 0 {
        println!(
            "{} standardization applications and {} certificates ({:.1}s, {:.0} applications/s)",
            s.applications,
            s.certificates,
            s.application_secs,
            s.applications as f64 / s.application_secs.max(1e-9)
        );
    }
    if s.indexes_built > 0 {
        println!(
            "{} indexes set aside during the loads, built after them in {:.1}s (counted in the times above)",
            s.indexes_built, s.index_secs
        );
    }
    println!("planner statistics refreshed in {analyzed:.1}s");
    if s.users > 0 {
        if shown {
            println!("password of the new users (shown once): {password}");
        } else {
            println!("password of the new users: the value of ANJIAN_DEMO_PASSWORD");
        }
    }
    Ok(())
}

/// The generator's seed of `serve --demo`'s data.
const DEMO_SEED: u64 = 1;

async fn serve(mut cfg: Config, demo_mode: bool) -> anyhow::Result<()> {
    if demo_mode && cfg.introspection_anonymous.is_none() {
        // A demo's GraphiQL reads the schema before anyone signs in.
        cfg.introspection_anonymous = Some(true);
    }
    let listen = cfg.listen.clone();
    let demo_password = cfg.demo_password.clone();
    let migrate_now = cfg.migrate_on_start;
    let p = start(cfg, migrate_now).await?;
    p.db.check_app_role().await?;
    if demo_mode {
        let (password, shown) = match demo_password {
            Some(pw) => (pw, false),
            None => (demo::generate_password(), true),
        };
        let created = demo::ensure_users(&p, &password, &seed::demo_users(DEMO_SEED)).await?;
        if !created.is_empty() {
            println!("== DEMO ONLY: demo users (do not use in production) ==");
            for u in &created {
                println!("  {u}");
            }
            if shown {
                println!("  password for all of them (shown once): {password}");
            } else {
                println!("  password: the value of ANJIAN_DEMO_PASSWORD");
            }
        } else {
            println!("== DEMO ONLY: demo users already exist (see the first start's output) ==");
        }
        if p.config.demo_scale == "small" {
            let dir = p.tenancy.directory(&p.db).await?;
            let plan =
                seed::Plan::new(seed::Scale::Small, &dir, None, None, None, None, DEMO_SEED)?;
            let s = seed::run(
                &p,
                &plan,
                &password,
                None,
                std::sync::Arc::new(|_, _, _| {}),
            )
            .await?;
            let accidents = anjian_accident::demo::seed(&p)
                .await
                .map_err(anjian_platform::Error::from)?;
            if accidents > 0 {
                println!("== DEMO ONLY: generated {accidents} accidents in 330106 and 330203 ==");
            }
            let credit = anjian_credit::demo::seed(&p)
                .await
                .map_err(anjian_platform::Error::from)?;
            if credit.penalties + credit.listings > 0 {
                println!(
                    "== DEMO ONLY: generated {} penalties and {} listings in 330106 and 330203 ==",
                    credit.penalties, credit.listings
                );
            }
            if s.enterprises + s.hazards > 0 {
                println!(
                    "== DEMO ONLY: generated {} enterprises and {} hazards in {} ==",
                    s.enterprises,
                    s.hazards,
                    plan.counties.join(", ")
                );
            }
        }
    }
    if demo_mode
        && anjian_training::demo::seed(&p)
            .await
            .map_err(anjian_platform::Error::from)?
    {
        println!("== DEMO ONLY: an open exam session at 西湖区考点 for examinee@330106 ==");
    }
    let _ = anjian_graphql::telemetry::metrics();
    start_plugins(&p).await?;
    // The shipped checklists, for industries the province hasn't loaded yet.
    anjian_standardization::seed_checklists(&p)
        .await
        .map_err(anjian_platform::Error::from)?;
    let schema = anjian_graphql::build_schema(&p.config);
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!(
        "Anjian listening on http://{} (console at /, GraphiQL at /graphiql)",
        listener.local_addr()?
    );
    if let Some(addr) = &p.config.metrics_listen {
        let l = tokio::net::TcpListener::bind(addr).await?;
        println!("Metrics on http://{}/metrics", l.local_addr()?);
        tokio::spawn(anjian_graphql::serve_metrics(p.clone(), l));
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(anjian_platform::jobs::run_worker(p.clone(), stop_rx));
    anjian_graphql::serve(p.clone(), schema, listener, shutdown_signal()).await?;
    tracing::info!("shutting down: releasing jobs");
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), worker).await;
    p.db.close().await;
    Ok(())
}

/// Starts the plugin host: the engine, the modules' hook points, and the
/// manager that keeps this instance's bound plugins in step.
async fn start_plugins(p: &Platform) -> anyhow::Result<()> {
    use anjian_plugin_host::{manage, runtime::PoolSize, Plugins, Runtime};
    let runtime = Runtime::new(PoolSize {
        instances: p.config.plugin_pool_instances.max(1),
        ..PoolSize::default()
    })
    .map_err(|e| anyhow::anyhow!("plugin engine: {e}"))?;
    let plugins = std::sync::Arc::new(Plugins::new(runtime));
    anjian_enterprise::plugins::install(plugins.clone());
    anjian_hazard::plugins::install(plugins.clone());
    anjian_standardization::plugins::install(plugins.clone());
    anjian_accident::reactor::install(plugins.clone());
    anjian_credit::plugins::install(plugins.clone());
    anjian_enterprise::plugins::install_lookup(&plugins, p.db.clone())
        .map_err(|e| anyhow::anyhow!("plugin lookup: {e}"))?;
    manage::Manager::start(
        p.clone(),
        plugins,
        manage::Options {
            max_bytes: p.config.plugin_max_bytes,
            poll: std::time::Duration::from_millis(p.config.plugin_poll_ms.max(20)),
            keep: p.config.plugin_invocations_kept,
        },
    )
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn hazard_cli(mut cfg: Config, command: HazardCommand) -> anyhow::Result<()> {
    match command {
        HazardCommand::Generate {
            count,
            years,
            seed,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let p = start(cfg, true).await?;
            let dir = p.tenancy.directory(&p.db).await?;
            let counties: Vec<String> = dir
                .all()
                .into_iter()
                .filter(|t| t.level == anjian_platform::tenancy::Level::County && !t.retired)
                .map(|t| t.code.clone())
                .collect();
            let started = std::time::Instant::now();
            let n = anjian_hazard::generate::generate(&p.db, &counties, count, years, seed)
                .await
                .map_err(anjian_platform::Error::from)?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{n} hazards over {} counties and {years} years ({secs:.1}s, {:.0} rows/s)",
                counties.len(),
                n as f64 / secs.max(1e-9)
            );
            Ok(())
        }
    }
}

async fn enterprise_cli(mut cfg: Config, command: EnterpriseCommand) -> anyhow::Result<()> {
    use anjian_enterprise::{exchange::Format, export, import};
    match command {
        EnterpriseCommand::Import {
            file,
            tenant,
            dry_run,
            best_effort,
            rejects,
            report,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let p = start(cfg, true).await?;
            let dir = p.tenancy.directory(&p.db).await?;
            match dir.get(&tenant) {
                Some(t) if t.level == anjian_platform::tenancy::Level::County && !t.retired => {}
                _ => anyhow::bail!("tenant {tenant} is not an active county-level tenant"),
            }
            let ext = file
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("csv")
                .to_string();
            let rejects = rejects.unwrap_or_else(|| file.with_extension(format!("rejects.{ext}")));
            let report_path = report.unwrap_or_else(|| file.with_extension("report.csv"));
            let rules = {
                let mut tx = p.db.read(Scope::All, None).await?;
                let r = anjian_enterprise::rules(&mut tx).await?;
                tx.commit().await?;
                r
            };
            let opts = import::Options {
                county: tenant.clone(),
                mode: if best_effort {
                    import::Mode::BestEffort
                } else {
                    import::Mode::AllOrNothing
                },
                dry_run,
                max_bytes: p.config.import_max_bytes,
                rejects: Some(&rejects),
                rules,
                batch: 1000,
            };
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} rows  {per_sec}  {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            let started = std::time::Instant::now();
            let mut ctx = AuditCtx::system(p.audit_alg);
            ctx.actor = "cli".into();
            let result = import::run(&p, &ctx, Scope::of([tenant.clone()]), &file, &opts, &|n| {
                bar.set_position(n as u64)
            })
            .await;
            bar.finish_and_clear();
            let r = match result {
                Ok(r) => r,
                Err(anjian_platform::Error::Validation(v)) => {
                    for f in v {
                        eprintln!("{}: {} / {}", f.field, f.message_zh, f.message_en);
                    }
                    std::process::exit(2);
                }
                Err(e) => return Err(e.into()),
            };
            let mut w = csv::Writer::from_path(&report_path)?;
            w.write_record(["row", "column", "value", "message_zh", "message_en"])?;
            for f in &r.rejections {
                w.write_record([
                    f.row.to_string(),
                    f.column.clone(),
                    f.value.clone(),
                    f.message_zh.clone(),
                    f.message_en.clone(),
                ])?;
            }
            w.flush()?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{} rows: {} inserted, {} updated, {} unchanged, {} rejected{}{} ({:.1}s, {:.0} rows/s)",
                r.rows, r.inserted, r.updated, r.unchanged, r.rejected,
                if r.dry_run { " (dry run: nothing written)" } else { "" },
                if r.aborted { " (all or nothing: nothing written)" } else { "" },
                secs, r.rows as f64 / secs.max(1e-9)
            );
            for f in r.rejections.iter().take(20) {
                println!(
                    "  row {} {}: {} / {} [{}]",
                    f.row, f.column, f.message_zh, f.message_en, f.value
                );
            }
            if r.rejected > 0 {
                println!(
                    "report: {}\nrejected rows to fix and re-import: {}",
                    report_path.display(),
                    rejects.display()
                );
                std::process::exit(3);
            }
            Ok(())
        }
        EnterpriseCommand::Generate {
            tenant,
            count,
            seed,
            out,
        } => {
            let file = std::io::BufWriter::new(std::fs::File::create(&out)?);
            let mut w = anjian_enterprise::exchange::CsvOut::new(file, true, &[])?;
            for i in 0..count {
                w.write(&anjian_enterprise::generate::row(seed, &tenant, i), &[])?;
            }
            w.finish()?;
            eprintln!("wrote {count} rows to {}", out.display());
            Ok(())
        }
        EnterpriseCommand::Export {
            tenant,
            format,
            out,
            data_dir,
        } => {
            use_data_dir(&mut cfg, data_dir);
            let p = start(cfg, true).await?;
            let dir = p.tenancy.directory(&p.db).await?;
            let scope = dir.visibility(&tenant);
            if scope == Scope::Nothing {
                anyhow::bail!("unknown tenant {tenant}");
            }
            let format = match format.as_str() {
                "csv" => Format::Csv,
                "jsonl" => Format::JsonLines,
                "xlsx" => Format::Xlsx,
                other => anyhow::bail!("format must be csv, jsonl or xlsx, not {other}"),
            };
            let mut tx = p.db.read(scope, None).await?;
            let filter = anjian_enterprise::service::Filter::default();
            let n = match out {
                Some(path) => {
                    export::write(&mut tx, &filter, format, std::fs::File::create(&path)?).await?
                }
                None => export::write(&mut tx, &filter, format, std::io::stdout().lock()).await?,
            };
            tx.commit().await?;
            eprintln!("exported {n} enterprises");
            Ok(())
        }
    }
}

/// Applies a `--data-dir` flag over the configuration.
fn use_data_dir(cfg: &mut Config, data_dir: Option<PathBuf>) {
    if let Some(d) = data_dir {
        cfg.data_dir = d;
    }
}
