//! Generated hazards for benchmarks and the recount test: realistic shares
//! of levels, sources, states and overdue work over `years` years across
//! every county, written in bulk with their roll-up (`hazard_stats`) summed
//! in memory, so the figures are exact for what was written.

use crate::error::Result;
use crate::model::{Level, ListingLevel, Source, State};
use crate::stats::Counts;
use crate::store::{self, Hazard};
use anjian_platform::db::{Db, Scope};
use anjian_platform::time::now_ms;
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

const CATEGORIES: &[&str] = &[
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

/// The `i`th generated hazard in one of `counties`, found within `years`
/// years before `now`.
fn hazard(rng: &mut Rng, i: u64, counties: &[String], years: u64, now: i64) -> Hazard {
    let county = &counties[rng.below(counties.len() as u64) as usize];
    let k = rng.below(300);
    let industries = anjian_enterprise::model::INDUSTRIES;
    let industry = industries[(k as usize * 7) % industries.len()]
        .code()
        .to_string();
    let found_at = now - (rng.below(years * 365 * 24) as i64) * 3_600_000;
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
    let uscc = anjian_enterprise::model::generate_uscc(k, county).to_string();
    Hazard {
        tenant_id: county.clone(),
        id: format!("gen-{i:09}-{:08x}", rng.next() as u32),
        enterprise_id: format!("gen-{county}-{k}"),
        enterprise_uscc: uscc,
        enterprise_name: format!("生成企业{county}-{k}"),
        industry,
        division_code: format!("{county}001"),
        source,
        category: CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize].to_string(),
        level,
        state,
        description: format!("生成隐患 {i}"),
        location: None,
        found_at,
        found_month: crate::service::month_of(found_at, 480),
        reporter: "generator".into(),
        responsible_person: Some("责任人".into()),
        measures: Some("整改措施".into()),
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

/// Writes `count` generated hazards over `years` years in every active
/// county, in batches, with their roll-up; returns the hazards written.
pub async fn generate(
    db: &Db,
    counties: &[String],
    count: u64,
    years: u64,
    seed: u64,
) -> Result<u64> {
    if counties.is_empty() {
        return Err(anjian_platform::Error::field(
            "counties",
            "没有可生成数据的县",
            "no county to generate hazards in",
        )
        .into());
    }
    let mut rng = Rng(seed.wrapping_add(0x9E37_79B9_7F4A_7C15));
    let now = now_ms();
    let mut roll: HashMap<(String, String, String, String, String), Counts> = HashMap::new();
    let batch = 500u64;
    let mut i = 0;
    while i < count {
        let n = batch.min(count - i);
        let list: Vec<Hazard> = (i..i + n)
            .map(|j| hazard(&mut rng, j, counties, years.max(1), now))
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
        let mut tx = db.write(Scope::All, None).await?;
        store::insert_many(&mut tx, &list).await?;
        tx.commit().await?;
        i += n;
    }
    let rows: Vec<_> = roll.into_iter().collect();
    for chunk in rows.chunks(500) {
        let mut tx = db.write(Scope::All, None).await?;
        for ((t, m, ind, l, s), c) in chunk {
            crate::stats::bump(
                &mut tx,
                &(t.clone(), m.clone(), ind.clone(), l.clone(), s.clone()),
                *c,
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(count)
}
