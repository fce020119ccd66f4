//! `anjian accident …`: generated accidents for benchmarks.

use anjian_platform::config::Config;
use anjian_platform::tenancy::Level;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum AccidentCommand {
    /// Writes generated (closed, historical) accidents over every county, for benchmarks.
    Generate {
        #[arg(long, default_value_t = 10_000)]
        count: u64,
        /// Happened within this many years back from now.
        #[arg(long, default_value_t = 10)]
        years: i64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

pub async fn run(mut cfg: Config, command: AccidentCommand) -> anyhow::Result<()> {
    match command {
        AccidentCommand::Generate {
            count,
            years,
            seed,
            data_dir,
        } => {
            crate::use_data_dir(&mut cfg, data_dir);
            let p = crate::start(cfg, true).await?;
            let dir = p.tenancy.directory(&p.db).await?;
            let counties: Vec<String> = dir
                .all()
                .into_iter()
                .filter(|t| t.level == Level::County && !t.retired)
                .map(|t| t.code.clone())
                .collect();
            let started = std::time::Instant::now();
            let n = anjian_accident::generate::generate(&p.db, &counties, count, years, seed)
                .await
                .map_err(anjian_platform::Error::from)?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{n} accidents over {} counties and {years} years ({secs:.1}s, {:.0} rows/s)",
                counties.len(),
                n as f64 / secs.max(1e-9)
            );
            Ok(())
        }
    }
}
