//! `anjian-bench`: see the crate docs and `scripts/bench.sh`.
//!
//!   anjian-bench run --target NAME (--url URL [--pid PID] | --start --bin BIN ...) --scenarios list,report ...
//!   anjian-bench table results.jsonl

use anjian_bench::client::Endpoint;
use anjian_bench::scenario::{Plan, Scenario, Server};
use anjian_bench::server::{self, Launch};
use anjian_bench::stats::{table, Summary};
use anjian_bench::{run, Load};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "anjian-bench", about = "Load harness for Anjian and its peers")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Runs scenarios against one server and appends a JSON line per scenario to --out.
    Run(Box<RunArgs>),
    /// Prints the Markdown table (and ratios to peers) of result files.
    Table { files: Vec<PathBuf> },
}

#[derive(clap::Args)]
struct RunArgs {
    /// Name of this server in the results, e.g. anjian-postgres.
    #[arg(long)]
    target: String,
    #[arg(long, value_enum, default_value = "anjian")]
    server: Server,
    /// GraphQL URL of a running server.
    #[arg(long, conflicts_with = "start")]
    url: Option<String>,
    /// Process id of the running server, to report its memory.
    #[arg(long)]
    pid: Option<u32>,
    /// Start `anjian serve` (see --bin, --data-dir, --database-url, --redis-url).
    #[arg(long)]
    start: bool,
    #[arg(long, default_value = "target/release/anjian")]
    bin: PathBuf,
    #[arg(long, default_value = "target/bench/data")]
    data_dir: PathBuf,
    /// PostgreSQL app-role URL for the started server; SQLite when absent.
    #[arg(long)]
    database_url: Option<String>,
    #[arg(long)]
    migrate_database_url: Option<String>,
    #[arg(long)]
    redis_url: Option<String>,
    #[arg(long, default_value_t = 18500)]
    port: u16,
    #[arg(long, env = "ANJIAN_DEMO_PASSWORD")]
    password: String,
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "login,list,report,dashboard"
    )]
    scenarios: Vec<Scenario>,
    #[arg(long, default_value_t = 50)]
    clients: usize,
    /// Clients of the login scenario: every sign-in is an argon2id check, and
    /// the server refuses more than 30 concurrent attempts from one address.
    #[arg(long, default_value_t = 8)]
    login_clients: usize,
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    #[arg(long, value_delimiter = ',', default_value = "330106")]
    counties: Vec<String>,
    /// Industry of the list scenario: chemical plants (HG) hold licences and
    /// major hazard sources, so the page's nested licences are not empty.
    #[arg(long, default_value = "HG")]
    industry: String,
    /// Appends one JSON line per scenario.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Cmd::Run(a) => run_cmd(*a).await,
        Cmd::Table { files } => {
            let mut rows = Vec::new();
            for f in files {
                for line in std::fs::read_to_string(&f)?
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                {
                    rows.push(serde_json::from_str::<Summary>(line)?);
                }
            }
            println!("{}", table(&rows));
            Ok(())
        }
    }
}

async fn run_cmd(a: RunArgs) -> anyhow::Result<()> {
    let started = if a.start {
        let launch = Launch {
            bin: a.bin.clone(),
            data_dir: a.data_dir.clone(),
            database_url: a.database_url.clone(),
            migrate_database_url: a.migrate_database_url.clone(),
            redis_url: a.redis_url.clone(),
            password: a.password.clone(),
            port: a.port,
        };
        Some(server::start(&launch).await?)
    } else {
        None
    };
    let (url, pid) = match (&started, &a.url) {
        (Some(s), _) => (s.graphql_url.clone(), Some(s.pid())),
        (None, Some(u)) => (u.clone(), a.pid),
        (None, None) => anyhow::bail!("give --url of a running server or --start"),
    };
    let plan = Plan {
        counties: a.counties.clone(),
        password: a.password.clone(),
        industry: a.industry.clone(),
    };
    for scenario in &a.scenarios {
        let clients = if *scenario == Scenario::Login {
            a.login_clients
        } else {
            a.clients
        };
        let ep = Endpoint::new(&url, clients)?;
        let load = Load {
            clients,
            warmup: Duration::from_secs(a.warmup),
            measure: Duration::from_secs(a.seconds),
        };
        let sum = run(&ep, a.server, *scenario, &plan, &load, &a.target, pid).await?;
        println!("{}", sum.line());
        if let Some(out) = &a.out {
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(out)?;
            writeln!(f, "{}", serde_json::to_string(&sum)?)?;
        }
    }
    Ok(())
}
