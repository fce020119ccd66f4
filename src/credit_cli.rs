//! `anjian credit …`: generated credit data and the recomputation of grades,
//! for benchmarks.

use anjian_platform::config::Config;
use anjian_platform::tenancy::Level;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CreditCommand {
    /// Writes generated published penalties and listings over every county's enterprises.
    Generate {
        #[arg(long, default_value_t = 200_000)]
        penalties: u64,
        #[arg(long, default_value_t = 20_000)]
        listings: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Recomputes every enterprise's credit grade now (what the job does) and says how long it took.
    Recompute {
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

pub async fn run(mut cfg: Config, command: CreditCommand) -> anyhow::Result<()> {
    match command {
        CreditCommand::Generate {
            penalties,
            listings,
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
            let g = anjian_credit::generate::generate(&p.db, &counties, penalties, listings, seed)
                .await
                .map_err(anjian_platform::Error::from)?;
            println!(
                "{} penalties and {} listings over {} counties ({:.1}s)",
                g.penalties,
                g.listings,
                counties.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        CreditCommand::Recompute { data_dir } => {
            crate::use_data_dir(&mut cfg, data_dir);
            let p = crate::start(cfg, true).await?;
            let started = std::time::Instant::now();
            anjian_credit::grade::recompute_all(&p)
                .await
                .map_err(anjian_platform::Error::from)?;
            println!(
                "grades recomputed in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
