//! `anjian seed`: a deterministic, realistic dataset for demos and
//! benchmarks. Enterprises go through the enterprise import's bulk path
//! (every row validated, history kept), hazards through the hazard
//! generator with their roll-up, and every role gets accounts.

use anjian_enterprise::{generate, import};
use anjian_hazard::generate::{generate_at, registered, Target};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Scope;
use anjian_platform::deferred;
use anjian_platform::demo::{self, SeedUser};
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::Platform;
use futures::StreamExt;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Follows a run: `(done, total, what)`.
pub type Progress = Arc<dyn Fn(u64, u64, &str) + Send + Sync>;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// Two counties, 2,000 enterprises, 10,000 hazards over a year.
    Small,
    /// One county, 20,000 enterprises, 200,000 hazards over three years.
    County,
    /// Every county, 500,000 enterprises, 5,000,000 hazards over three years.
    Province,
}

/// What a run writes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub counties: Vec<String>,
    pub enterprises: u64,
    pub hazards: u64,
    pub years: u64,
    /// Standardization applications, started over the last 5 years.
    pub applications: u64,
    pub seed: u64,
}

impl Plan {
    /// The plan of `scale` in the province of `dir`, with overrides.
    pub fn new(
        scale: Scale,
        dir: &Directory,
        enterprises: Option<u64>,
        hazards: Option<u64>,
        years: Option<u64>,
        applications: Option<u64>,
        seed: u64,
    ) -> anyhow::Result<Plan> {
        let active: Vec<String> = dir
            .all()
            .into_iter()
            .filter(|t| t.level == Level::County && !t.retired)
            .map(|t| t.code.clone())
            .collect();
        let pick = |codes: &[&str]| -> Vec<String> {
            codes
                .iter()
                .filter(|c| active.iter().any(|a| a == *c))
                .map(|c| c.to_string())
                .collect()
        };
        let (counties, e, h, y, a) = match scale {
            Scale::Small => (pick(&["330106", "330203"]), 2_000, 10_000, 1, 0),
            Scale::County => (pick(&["330106"]), 20_000, 200_000, 3, 10_000),
            Scale::Province => (active.clone(), 500_000, 5_000_000, 3, 100_000),
        };
        anyhow::ensure!(!counties.is_empty(), "no active county to seed");
        Ok(Plan {
            counties,
            enterprises: enterprises.unwrap_or(e),
            hazards: hazards.unwrap_or(h),
            years: years.unwrap_or(y).max(1),
            applications: applications.unwrap_or(a),
            seed,
        })
    }

    /// Enterprises of the `n`th county (the total spread evenly).
    fn share(&self, n: usize) -> u64 {
        let c = self.counties.len() as u64;
        self.enterprises / c + u64::from((n as u64) < self.enterprises % c)
    }
}

/// What a run wrote, and how long each part took.
#[derive(Debug, Default)]
pub struct Summary {
    pub users: usize,
    pub enterprises: u64,
    pub enterprise_secs: f64,
    pub hazards: u64,
    /// Including the index builds.
    pub hazard_secs: f64,
    pub applications: u64,
    pub certificates: u64,
    pub application_secs: f64,
    /// Indexes set aside during the loads and built after them (their
    /// time is counted in the parts' too).
    pub indexes_built: usize,
    pub index_secs: f64,
}

/// Accounts for every role: the demo set, and per county an administrator,
/// an inspector, an examinee, a plugin developer and users of its first
/// three enterprises; per city an administrator.
fn accounts(plan: &Plan, dir: &Directory) -> Vec<SeedUser> {
    let mut out = Vec::new();
    let user = |role: &str, tenant: &str, username: String| SeedUser {
        role: role.into(),
        tenant: tenant.into(),
        username,
        org: None,
    };
    for (n, county) in plan.counties.iter().enumerate() {
        if let Some(city) = dir.get(county).and_then(|t| t.parent_code.clone()) {
            if !out.iter().any(|u: &SeedUser| u.tenant == city) {
                out.push(user("city-admin", &city, format!("city-admin@{city}")));
            }
        }
        for role in ["county-admin", "inspector", "examinee", "plugin-developer"] {
            out.push(user(role, county, format!("{role}@{county}")));
        }
        for i in 0..plan.share(n).min(3) {
            let row = generate::row(plan.seed, county, i);
            let text = |k: &str| {
                row.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let mut u = user("enterprise", county, format!("enterprise-{i}@{county}"));
            u.org = Some(("enterprise".into(), text("name"), Some(text("uscc"))));
            out.push(u);
        }
    }
    out
}

/// The demo users ([`demo::DEMO_USERS`]), each enterprise user reporting
/// for the first enterprise of its county's register as generated with
/// `seed` (the one `enterprise-0@<county>` reports for too).
pub fn demo_users(seed: u64) -> Vec<SeedUser> {
    demo::users(&|county| {
        let row = generate::row(seed, county, 0);
        let text = |k: &str| {
            row.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        (text("name"), text("uscc"))
    })
}

/// Writes `plan` into the platform's database; `progress(done, total, what)`
/// follows it. With the schema owner's `owner_url`, the secondary indexes of
/// empty tables are set aside during their load and built once after it
/// ([`anjian_platform::deferred`]).
pub async fn run(
    p: &Platform,
    plan: &Plan,
    password: &str,
    owner_url: Option<&str>,
    progress: Progress,
) -> anyhow::Result<Summary> {
    let dir = p.tenancy.directory(&p.db).await?;
    let mut summary = Summary::default();
    let mut users = demo::ensure_users(p, password, &demo_users(plan.seed)).await?;
    users.extend(demo::ensure_users(p, password, &accounts(plan, &dir)).await?);
    summary.users = users.len();

    let started = Instant::now();
    let (n, built) = deferring(owner_url, ENTERPRISE_TABLES, &progress, async {
        enterprises(p, plan, progress.clone()).await
    })
    .await?;
    summary.enterprises = n;
    summary.enterprise_secs = started.elapsed().as_secs_f64();
    summary.indexes_built += built.0;
    summary.index_secs += built.1;

    let started = Instant::now();
    let (n, built) = deferring(owner_url, HAZARD_TABLES, &progress, async {
        hazards(p, plan, progress.clone()).await
    })
    .await?;
    summary.hazards = n;
    summary.hazard_secs = started.elapsed().as_secs_f64();
    summary.indexes_built += built.0;
    summary.index_secs += built.1;

    let started = Instant::now();
    (summary.applications, summary.certificates) = applications(p, plan, progress).await?;
    summary.application_secs = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The tables the enterprise import fills, whose indexes a first load sets aside.
const ENTERPRISE_TABLES: &[&str] = &[
    "enterprises",
    "enterprise_history",
    "enterprise_licences",
    "enterprise_hazards",
];
/// The table the hazard generator fills.
const HAZARD_TABLES: &[&str] = &["hazards"];

/// Runs `load` with the secondary indexes of `tables` set aside when they
/// are all empty and `owner_url` is known, and builds them after it, also
/// when it failed; returns its result, and how many indexes were built in
/// how many seconds.
async fn deferring<T>(
    owner_url: Option<&str>,
    tables: &[&str],
    progress: &Progress,
    load: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<(T, (usize, f64))> {
    let Some(url) = owner_url else {
        return Ok((load.await?, (0, 0.0)));
    };
    let set_aside = deferred::defer(url, tables).await?.len();
    let loaded = load.await;
    let started = Instant::now();
    let mut built = 0;
    if set_aside > 0 {
        progress(0, set_aside as u64, "indexes");
        built = deferred::restore(url).await?;
    }
    Ok((loaded?, (built, started.elapsed().as_secs_f64())))
}

/// Each county's register, generated as JSON Lines and imported (two counties at a
/// time, one transaction each). Re-running imports nothing twice.
async fn enterprises(p: &Platform, plan: &Plan, progress: Progress) -> anyhow::Result<u64> {
    let rules = {
        let mut tx = p.db.read(Scope::All, None).await?;
        let r = anjian_enterprise::rules(&mut tx).await?;
        tx.commit().await?;
        r
    };
    let work =
        std::env::temp_dir().join(format!("anjian-seed-{}", anjian_platform::time::new_id()));
    std::fs::create_dir_all(&work)?;
    let done = Arc::new(AtomicU64::new(0));
    let total = plan.enterprises;
    let jobs = plan.counties.iter().enumerate().map(|(n, county)| {
        let (rules, done, progress) = (rules.clone(), done.clone(), progress.clone());
        // JSON Lines, the exchange format that carries licences and major
        // hazard sources (the CSV profile has no room for them).
        let file = work.join(format!("{county}.jsonl"));
        async move {
            let count = plan.share(n);
            let mut w = std::io::BufWriter::new(std::fs::File::create(&file)?);
            for i in 0..count {
                serde_json::to_writer(&mut w, &generate::row(plan.seed, county, i))?;
                w.write_all(b"\n")?;
            }
            w.flush()?;
            drop(w);
            let opts = import::Options {
                county: county.clone(),
                mode: import::Mode::AllOrNothing,
                dry_run: false,
                max_bytes: u64::MAX,
                rejects: None,
                rules,
                batch: 1000,
            };
            let mut ctx = AuditCtx::system(p.audit_alg);
            ctx.actor = "seed".into();
            let base = done.load(Ordering::Relaxed);
            let report = import::run(p, &ctx, Scope::of([county.clone()]), &file, &opts, &|r| {
                progress(base + r as u64, total, "enterprises")
            })
            .await?;
            std::fs::remove_file(&file)?;
            anyhow::ensure!(
                report.rejected == 0,
                "{county}: {} generated rows rejected: {:?}",
                report.rejected,
                report.rejections.first()
            );
            done.fetch_add(count, Ordering::Relaxed);
            progress(done.load(Ordering::Relaxed), total, "enterprises");
            anyhow::Ok(report.inserted as u64)
        }
    });
    let results: Vec<anyhow::Result<u64>> = futures::stream::iter(jobs)
        .buffer_unordered(2)
        .collect()
        .await;
    let _ = std::fs::remove_dir_all(&work);
    results.into_iter().sum()
}

/// Hazards at the seeded enterprises, unless the counties already have some.
async fn hazards(p: &Platform, plan: &Plan, progress: Progress) -> anyhow::Result<u64> {
    if plan.hazards == 0 || already_has_hazards(p, &plan.counties).await? {
        return Ok(0);
    }
    let mut targets = Vec::with_capacity(plan.counties.len());
    for county in &plan.counties {
        targets.push(Target {
            county: county.clone(),
            enterprises: registered(&p.db, county)
                .await
                .map_err(anjian_platform::Error::from)?,
        });
    }
    let total = plan.hazards;
    let n = generate_at(&p.db, &targets, total, plan.years, plan.seed, &|d| {
        progress(d, total, "hazards")
    })
    .await
    .map_err(anjian_platform::Error::from)?;
    Ok(n)
}

/// Standardization applications and certificates over 5 years, unless the
/// counties already have some. Certificates need the signing key.
async fn applications(p: &Platform, plan: &Plan, progress: Progress) -> anyhow::Result<(u64, u64)> {
    if plan.applications == 0 {
        return Ok((0, 0));
    }
    let mut tx = p.db.read(Scope::of(plan.counties.clone()), None).await?;
    let sql =
        tx.sql("SELECT COUNT(*) FROM (SELECT 1 FROM std_applications WHERE {tenant} LIMIT 1) x")?;
    let any = tx.scalar(sqlx::query(&sql)).await? > 0;
    tx.commit().await?;
    if any {
        return Ok((0, 0));
    }
    let key = anjian_standardization::certificate::CertKey::from_config(&p.config)
        .map_err(anjian_platform::Error::from)?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "certificates are signed: set ANJIAN_CERTIFICATE_KEY (or --applications 0)"
            )
        })?;
    let total = plan.applications;
    let (a, c) = anjian_standardization::generate::generate(
        &p.db,
        &plan.counties,
        total,
        5,
        plan.seed,
        &key,
        &|d, t| progress(d, t, "applications"),
    )
    .await
    .map_err(anjian_platform::Error::from)?;
    Ok((a, c))
}

async fn already_has_hazards(p: &Platform, counties: &[String]) -> anyhow::Result<bool> {
    let mut tx = p.db.read(Scope::of(counties.to_vec()), None).await?;
    let sql = tx.sql("SELECT COUNT(*) FROM (SELECT 1 FROM hazards WHERE {tenant} LIMIT 1) x")?;
    let n = tx.scalar(sqlx::query(&sql)).await?;
    tx.commit().await?;
    Ok(n > 0)
}

/// Tables a seed fills in bulk.
const FILLED: &[&str] = &[
    "enterprises",
    "enterprise_history",
    "enterprise_search",
    "hazards",
    "hazard_stats",
    "hazard_stats_monthly",
];

/// Refreshes the planner's statistics of the tables a run filled, as the
/// tables' owner (`owner_url`); returns the seconds it took.
///
/// Right after a province seed PostgreSQL had no statistics for them until
/// autovacuum came round, and the inspector's list served 460 requests/s
/// instead of 645 with the statistics in place (measured, 50 clients).
pub async fn refresh_statistics(owner_url: &str) -> anyhow::Result<f64> {
    use sqlx::Connection;
    let started = Instant::now();
    let mut conn = sqlx::AnyConnection::connect(owner_url).await?;
    let sql = match anjian_platform::db::backend_of(owner_url)? {
        anjian_platform::db::Backend::Sqlite => "ANALYZE".to_string(),
        anjian_platform::db::Backend::Postgres => format!("ANALYZE {}", FILLED.join(", ")),
    };
    sqlx::query(&sql).execute(&mut conn).await?;
    conn.close().await?;
    Ok(started.elapsed().as_secs_f64())
}
