//! Generated credit data for benchmarks: published penalties and listings
//! (each with its credit event) spread over the registered enterprises of
//! the given counties, written one county per transaction.

use crate::error::Result;
use crate::model::{Appeal, Enforcement, ListingState, PartyKind, PenaltyType, Rules, Source};
use crate::service::{add_months, DAY_MS};
use crate::store::penalties::{self, Penalty};
use crate::store::{self, CreditEvent, Listing};
use anjian_platform::db::{Db, Scope};
use anjian_platform::time::{new_id, now_ms};
use rand::{Rng, SeedableRng};
use sqlx::Row;

/// How many of each were written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    pub penalties: u64,
    pub listings: u64,
}

const LISTING_TRIGGERS: &[&str] = &[
    "hazard_major_overdue",
    "accident_concealed",
    "accident_late_report",
    "licence_suspended",
    "working_while_stopped",
];

/// Writes `penalties` and `listings` over the counties' enterprises.
pub async fn generate(
    db: &Db,
    counties: &[String],
    penalties_n: u64,
    listings_n: u64,
    seed: u64,
) -> Result<Generated> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let rules = Rules::default();
    let now = now_ms();
    let mut out = Generated::default();
    let n = counties.len().max(1) as u64;
    for (i, c) in counties.iter().enumerate() {
        let share = |total: u64| total / n + u64::from((i as u64) < total % n);
        let mut tx = db.write(Scope::of([c.clone()]), None).await?;
        // Enterprises with their own users (the demo accounts') are left
        // clean, so their flows start from nothing.
        let sql = tx.sql(
            "SELECT e.id, e.uscc, e.name FROM enterprises e WHERE {tenant:e} AND e.tenant_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM organisations o WHERE {tenant:o} AND o.tenant_id = e.tenant_id \
             AND o.uscc = e.uscc) ORDER BY e.id",
        )?;
        let ents: Vec<(String, String, String)> = tx
            .all(sqlx::query(&sql).bind(c.clone()))
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("uscc")?, r.try_get("name")?)))
            .collect::<std::result::Result<_, sqlx::Error>>()?;
        if ents.is_empty() {
            tx.rollback().await?;
            continue;
        }
        for k in 0..share(penalties_n) {
            let (id, uscc, name) = &ents[rng.gen_range(0..ents.len())];
            let decided = now - rng.gen_range(DAY_MS..5 * 365 * DAY_MS);
            let t = [
                PenaltyType::Fine,
                PenaltyType::Warning,
                PenaltyType::OrderToCorrect,
            ][rng.gen_range(0..3)];
            let p = Penalty {
                tenant_id: c.clone(),
                id: new_id(),
                case_number: format!("应急罚〔G{seed}〕{k}号"),
                year: crate::model::year_of(decided),
                party_kind: PartyKind::Enterprise,
                enterprise_id: Some(id.clone()),
                party_name: name.clone(),
                party_uscc: Some(uscc.clone()),
                person_id_number: None,
                violation: "未按规定开展隐患排查治理".into(),
                article: "《安全生产法》第一百零二条".into(),
                penalty_type: t,
                amount_yuan: if t == PenaltyType::Fine {
                    f64::from(rng.gen_range(1..100)) * 1000.0
                } else {
                    0.0
                },
                decided_at: decided,
                enforcement: Enforcement::Executed,
                appeal: Appeal::None,
                documents: vec!["行政处罚决定书".into()],
                working_while_stopped: false,
                state: "published".into(),
                publish_due_at: decided + 9 * DAY_MS,
                published_at: Some(decided + rng.gen_range(1..9) * DAY_MS),
                published_late: false,
                public_summary: Some("未按规定开展隐患排查治理，依法予以处罚".into()),
                version: 1,
                created_by: "generator".into(),
                created_at: decided,
                updated_at: decided,
            };
            if penalties::insert(&mut tx, &p).await? {
                out.penalties += 1;
            }
        }
        for _ in 0..share(listings_n) {
            let (id, uscc, name) = &ents[rng.gen_range(0..ents.len())];
            let trig = LISTING_TRIGGERS[rng.gen_range(0..LISTING_TRIGGERS.len())];
            let published = now - rng.gen_range(DAY_MS..4 * 365 * DAY_MS);
            let ends = add_months(published, 36);
            let removed = ends < now;
            let l = Listing {
                tenant_id: c.clone(),
                id: new_id(),
                enterprise_id: id.clone(),
                uscc: uscc.clone(),
                name: name.clone(),
                trigger: trig.into(),
                reason: "生成数据".into(),
                term_months: 36,
                measures: rules.measures.clone(),
                state: Some(if removed {
                    ListingState::Removed
                } else {
                    ListingState::Managed
                }),
                proposed_at: published - 20 * DAY_MS,
                proposed_by: "generator".into(),
                notified_at: Some(published - 19 * DAY_MS),
                defence_due_at: Some(published - 12 * DAY_MS),
                decided_at: Some(published - 5 * DAY_MS),
                decided_by: Some("generator".into()),
                published_at: Some(published),
                starts_at: Some(published),
                ends_at: Some(ends),
                removed_at: removed.then_some(ends),
                version: 1,
                updated_at: published,
                ..Listing::default()
            };
            store::insert_listing(&mut tx, &l).await?;
            for (at, action) in [(published, "publish"), (published, "manage")]
                .into_iter()
                .chain(removed.then_some((ends, "remove")))
            {
                let step = store::Step {
                    seq: 0,
                    at,
                    actor: "generator".into(),
                    action: action.into(),
                    note: "生成数据".into(),
                };
                store::add_step(&mut tx, &l, &step).await?;
            }
            store::insert_event(
                &mut tx,
                &CreditEvent {
                    tenant_id: c.clone(),
                    id: new_id(),
                    enterprise_id: id.clone(),
                    uscc: uscc.clone(),
                    name: name.clone(),
                    source: Source::Manual,
                    trigger: trig.into(),
                    ref_id: l.id.clone(),
                    detail: "生成数据".into(),
                    occurred_at: published - 30 * DAY_MS,
                    created_at: published - 30 * DAY_MS,
                    created_by: "generator".into(),
                    listing_id: Some(l.id.clone()),
                    withdrawn_at: None,
                    withdrawn_reason: None,
                },
            )
            .await?;
            out.listings += 1;
        }
        tx.commit().await?;
    }
    Ok(out)
}
