//! Generated hazards for benchmarks and the recount test: realistic shares
//! of levels, sources, states and overdue work over `years` years across
//! every county, written in bulk with their roll-up (`hazard_stats`) summed
//! in memory, so the figures are exact for what was written.

use crate::error::Result;
use crate::model::{Level, ListingLevel, Source, State};
use crate::stats::Counts;
use crate::store::{self, Hazard};
use anjian_platform::db::{Backend, Db, Scope};
use anjian_platform::time::now_ms;
use futures::StreamExt;
use std::collections::HashMap;

/// A small, seeded generator (no dependence on `rand`'s algorithms).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// The categories generated hazards fall in.
pub(crate) const CATEGORIES: &[&str] = &[
    "fire",
    "explosion",
    "electrical",
    "machinery",
    "confined-space",
    "hazardous-chemicals",
    "dust",
    "working-at-height",
    "management",
    "other",
];

/// An enterprise of the register that hazards are generated at.
#[derive(Debug, Clone)]
pub struct EnterpriseRef {
    pub id: String,
    pub uscc: String,
    pub name: String,
    pub industry: String,
    pub division_code: String,
}

/// A county and the enterprises of its register to generate hazards at
/// (none: 300 made-up enterprises, for statistics-only benchmarks).
#[derive(Debug, Clone)]
pub struct Target {
    pub county: String,
    pub enterprises: Vec<EnterpriseRef>,
}

/// The enterprises of `county`'s register.
pub async fn registered(db: &Db, county: &str) -> Result<Vec<EnterpriseRef>> {
    use sqlx::Row;
    let mut tx = db.read(Scope::of([county.to_string()]), None).await?;
    let sql = tx.sql(
        "SELECT id, uscc, name, industry, division_code FROM enterprises WHERE {tenant} AND tenant_id = $1 ORDER BY id",
    )?;
    let rows = tx.all(sqlx::query(&sql).bind(county.to_string())).await?;
    tx.commit().await?;
    rows.iter()
        .map(|r| {
            Ok(EnterpriseRef {
                id: r.try_get("id")?,
                uscc: r.try_get("uscc")?,
                name: r.try_get("name")?,
                industry: r.try_get("industry")?,
                division_code: r.try_get("division_code")?,
            })
        })
        .collect::<std::result::Result<_, anjian_platform::Error>>()
        .map_err(Into::into)
}

/// The enterprise of a generated hazard in `t`: the `k`th of its register,
/// or a made-up one when it has none.
fn enterprise_of(t: &Target, k: u64) -> EnterpriseRef {
    if let Some(e) = t.enterprises.get(k as usize % t.enterprises.len().max(1)) {
        return e.clone();
    }
    let county = &t.county;
    let k = k % 300;
    let industries = anjian_enterprise::model::INDUSTRIES;
    EnterpriseRef {
        id: format!("gen-{county}-{k}"),
        uscc: anjian_enterprise::model::generate_uscc(k, county).to_string(),
        name: anjian_enterprise::names::firm(0, county, k, "实业"),
        industry: industries[(k as usize * 7) % industries.len()]
            .code()
            .to_string(),
        division_code: format!("{county}001"),
    }
}

/// When generated hazards are found: `count` of them spread evenly over
/// `years` years before `now`, in the order they are generated.
///
/// A real register fills in the order hazards are found, so the time-keyed
/// indexes (`hazards_found`, `hazards_state`, `hazards_recent`) grow at
/// their ends. Random times over the years made each insert land on a page
/// of its own, read back from disk once the table outgrew PostgreSQL's
/// buffers: the province seed wrote 29,000 hazards/s against 61,000 for one
/// county.
struct Clock {
    start: i64,
    step_ms: u64,
}

impl Clock {
    fn new(count: u64, years: u64, now: i64) -> Clock {
        let span = years.max(1) * 365 * 86_400_000;
        Clock {
            start: now - span as i64,
            step_ms: (span / count.max(1)).max(1),
        }
    }

    /// The `i`th hazard's time: its slot, plus a random offset inside it.
    fn at(&self, rng: &mut Rng, i: u64) -> i64 {
        self.start + (i * self.step_ms + rng.below(self.step_ms)) as i64
    }
}

/// The `i`th generated hazard in one of `targets`, found at its slot of
/// `clock`.
fn hazard(rng: &mut Rng, i: u64, targets: &[Target], clock: &Clock, now: i64) -> Hazard {
    let target = &targets[rng.below(targets.len() as u64) as usize];
    let county = &target.county;
    let e = enterprise_of(target, rng.next());
    let found_at = clock.at(rng, i);
    let level = if rng.chance(30) {
        Level::Major
    } else {
        Level::General
    };
    let source = match rng.below(100) {
        0..=59 => Source::SelfCheck,
        60..=94 => Source::Inspection,
        _ => Source::PublicReport,
    };
    let age_days = (now - found_at) / 86_400_000;
    let done = age_days > 60 && rng.chance(920) || rng.chance(300);
    let deadline = found_at
        + match level {
            Level::General => 30,
            Level::Major => 180,
        } * 86_400_000;
    let overdue = deadline < now && (!done && rng.chance(700) || done && rng.chance(80));
    let listed = level == Level::Major && rng.chance(700);
    let state = match (level, done) {
        (_, true) => State::Closed,
        (Level::General, false) => {
            [State::Rectifying, State::AwaitingAcceptance][rng.below(2) as usize]
        }
        (Level::Major, false) if listed => [
            State::Listed,
            State::Governing,
            State::Evaluated,
            State::CloseApplied,
        ][rng.below(4) as usize],
        (Level::Major, false) => [State::Reported, State::Verified][rng.below(2) as usize],
    };
    let category = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
    let (what, place, measures) = crate::generate_text::finding(category, rng.next());
    Hazard {
        tenant_id: county.clone(),
        id: format!("gen-{i:09}-{:08x}", rng.next() as u32),
        enterprise_id: e.id,
        enterprise_uscc: e.uscc,
        enterprise_name: e.name,
        industry: e.industry,
        division_code: e.division_code,
        source,
        category: category.to_string(),
        level,
        state,
        description: what.to_string(),
        location: Some(place.to_string()),
        found_at,
        found_month: crate::service::month_of(found_at, 480),
        reporter: "generator".into(),
        responsible_person: Some(anjian_enterprise::names::person(rng.next())),
        measures: Some(measures.to_string()),
        deadline_at: Some(deadline),
        funds_wan: Some((rng.below(1000) as f64) / 10.0),
        contingency_plan: None,
        major_report: None,
        governance_plan: None,
        listing_level: listed.then_some(ListingLevel::County),
        inspector: None,
        overdue,
        was_listed: listed,
        site_check_due_at: None,
        public_report_id: None,
        version: 1,
        created_at: found_at,
        updated_at: found_at,
        closed_at: done.then_some((found_at + 20 * 86_400_000).min(now)),
    }
}

/// Writes `count` generated hazards over `years` years in `counties` (at
/// made-up enterprises), in batches, with their roll-up; returns the
/// hazards written.
pub async fn generate(
    db: &Db,
    counties: &[String],
    count: u64,
    years: u64,
    seed: u64,
) -> Result<u64> {
    let targets: Vec<Target> = counties
        .iter()
        .map(|c| Target {
            county: c.clone(),
            enterprises: vec![],
        })
        .collect();
    generate_at(db, &targets, count, years, seed, &|_| {}).await
}

/// [`generate`] at the enterprises of `targets`, reporting hazards written.
pub async fn generate_at(
    db: &Db,
    targets: &[Target],
    count: u64,
    years: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64> {
    if targets.is_empty() {
        return Err(anjian_platform::Error::field(
            "counties",
            "没有可生成数据的县",
            "no county to generate hazards in",
        )
        .into());
    }
    let mut rng = Rng(seed.wrapping_add(0x9E37_79B9_7F4A_7C15));
    let now = now_ms();
    let clock = Clock::new(count, years, now);
    let mut roll: HashMap<(String, String, String, String, String), Counts> = HashMap::new();
    // Batches are generated in order (the sequence is deterministic) and
    // written by two transactions at a time on PostgreSQL, so generating one
    // overlaps writing another; SQLite has one writer.
    let batch = 2_000u64;
    let writers = if db.backend() == Backend::Postgres {
        2
    } else {
        1
    };
    let mut i = 0;
    let batches = std::iter::from_fn(|| {
        if i >= count {
            return None;
        }
        let n = batch.min(count - i);
        let list: Vec<Hazard> = (i..i + n)
            .map(|j| hazard(&mut rng, j, targets, &clock, now))
            .collect();
        for h in &list {
            roll.entry((
                h.tenant_id.clone(),
                h.found_month.clone(),
                h.industry.clone(),
                h.level.as_str().into(),
                h.source.as_str().into(),
            ))
            .or_default()
            .add(Counts::of(h));
        }
        i += n;
        Some(list)
    });
    let mut writes = futures::stream::iter(batches)
        .map(|list| async move {
            let mut tx = db.write(Scope::All, None).await?;
            store::insert_many(&mut tx, &list).await?;
            tx.commit().await?;
            Ok::<u64, crate::error::HazardError>(list.len() as u64)
        })
        .buffer_unordered(writers);
    let mut written = 0;
    while let Some(n) = writes.next().await {
        written += n?;
        progress(written);
    }
    drop(writes);
    let rows: Vec<_> = roll.into_iter().collect();
    for chunk in rows.chunks(5_000) {
        let mut tx = db.write(Scope::All, None).await?;
        crate::stats::bump_many(&mut tx, chunk).await?;
        tx.commit().await?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_found_in_order_across_the_years_and_never_later_than_now() {
        let now = 1_790_000_000_000;
        let (count, years) = (10_000, 3);
        let clock = Clock::new(count, years, now);
        let mut rng = Rng(7);
        let times: Vec<i64> = (0..count).map(|i| clock.at(&mut rng, i)).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "in order");
        let span = 3 * 365 * 86_400_000;
        assert!(times[0] >= now - span && times[0] < now - span + 86_400_000 * 2);
        assert!(*times.last().unwrap() < now);
        assert!(*times.last().unwrap() > now - 86_400_000 * 2);
        // Evenly spread: each year holds about a third.
        let first_year = times.iter().filter(|t| **t < now - span * 2 / 3).count();
        assert!((3_300..=3_367).contains(&first_year), "{first_year}");
        // More hazards than milliseconds still move forward.
        let dense = Clock::new(u64::MAX / 2, 1, now);
        assert_eq!(dense.step_ms, 1);
    }
}
