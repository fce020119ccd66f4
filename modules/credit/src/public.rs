//! Public disclosure (信用信息公示): the blacklist, published penalties and
//! an enterprise's public credit profile, for anyone without sign-in. Only
//! what the rules make public is built here: a person's name is masked, an
//! identity number never leaves, unpublished records are not read. Answers
//! are rate-limited per address and cached in-process for the rules'
//! `publicCacheSeconds` (so replicas may differ by that long).

use crate::error::{CreditError, Result};
use crate::model::{mask_name, PartyKind, Rules};
use crate::store::penalties::{self, Penalty};
use crate::store::{self, Listing};
use anjian_platform::db::Scope;
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::Platform;
use async_graphql::SimpleObject;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A listing as the public sees it.
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicListing {
    pub enterprise_name: String,
    pub uscc: String,
    pub county: String,
    pub county_name: String,
    pub trigger: String,
    pub trigger_name: String,
    pub published_at: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub removed_at: Option<String>,
    pub state: String,
    pub measures: Vec<String>,
}

/// A published penalty as the public sees it (a person's name masked).
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicPenalty {
    pub case_number: String,
    /// The deciding authority (the county).
    pub authority: String,
    pub party_name: String,
    /// Only for units.
    pub party_uscc: Option<String>,
    pub violation: String,
    pub article: String,
    pub penalty_type: String,
    pub penalty_type_name: String,
    pub amount_yuan: f64,
    pub decided_at: String,
    pub published_at: Option<String>,
    pub public_summary: Option<String>,
}

/// One reason of a grade.
#[derive(Debug, Clone, SimpleObject, serde::Deserialize)]
pub struct GradeReason {
    pub code: String,
    pub zh: String,
    pub effect: String,
}

/// A standardization certificate as the public sees it.
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicCertificate {
    pub number: String,
    pub grade: String,
    pub valid_until: String,
    pub status: String,
}

/// A public commitment (安全生产承诺).
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicCommitment {
    pub text: String,
    pub made_at: String,
    pub broken: bool,
}

/// An enterprise found by name.
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicEnterprise {
    pub enterprise_name: String,
    pub uscc: String,
    pub county_name: String,
    pub grade: String,
}

/// An enterprise's public credit profile.
#[derive(Debug, Clone, SimpleObject)]
pub struct PublicCreditProfile {
    pub enterprise_name: String,
    pub uscc: String,
    pub county_name: String,
    pub grade: String,
    pub reasons: Vec<GradeReason>,
    pub certificates: Vec<PublicCertificate>,
    pub penalties: Vec<PublicPenalty>,
    pub listings: Vec<PublicListing>,
    pub commitments: Vec<PublicCommitment>,
}

type Cached = (Instant, Option<Arc<PublicCreditProfile>>);

fn cache() -> &'static Mutex<HashMap<String, Cached>> {
    static C: OnceLock<Mutex<HashMap<String, Cached>>> = OnceLock::new();
    C.get_or_init(Mutex::default)
}

fn rules_cache() -> &'static Mutex<Option<(Instant, Rules)>> {
    static C: OnceLock<Mutex<Option<(Instant, Rules)>>> = OnceLock::new();
    C.get_or_init(Mutex::default)
}

/// Drops the cached profile of `uscc` (after a change in this process).
pub fn forget(uscc: &str) {
    if let Ok(mut c) = cache().lock() {
        c.remove(uscc);
    }
}

/// Drops every cached answer (after a rule change or a recomputation).
pub fn forget_all() {
    if let Ok(mut c) = cache().lock() {
        c.clear();
    }
    if let Ok(mut r) = rules_cache().lock() {
        *r = None;
    }
}

/// The rules, cached for a few seconds (public answers read them on every call).
async fn rules(p: &Platform) -> Result<Rules> {
    if let Ok(r) = rules_cache().lock() {
        if let Some((at, rules)) = r.as_ref() {
            if at.elapsed() < Duration::from_secs(5) {
                return Ok(rules.clone());
            }
        }
    }
    let mut tx = p.db.read(Scope::All, None).await?;
    let rules = crate::service::rules(&mut tx).await?;
    tx.commit().await?;
    if let Ok(mut r) = rules_cache().lock() {
        *r = Some((Instant::now(), rules.clone()));
    }
    Ok(rules)
}

/// RATE_LIMITED past the rules' public queries per minute from one address.
pub async fn limit(p: &Platform, client: &str) -> Result<Rules> {
    let rules = rules(p).await?;
    let key = format!(
        "credit-public:{}",
        anjian_platform::clientaddr::limit_group(client)
    );
    if p.limiter.hit(&key, Duration::from_secs(60)).await > rules.public_lookups_per_minute {
        return Err(CreditError::RateLimited {
            retry_after_secs: 60,
        });
    }
    Ok(rules)
}

fn dt(ms: Option<i64>) -> Option<String> {
    ms.map(to_rfc3339)
}

/// A listing for the public.
pub fn listing(l: &Listing, rules: &Rules, county_name: &str) -> PublicListing {
    PublicListing {
        enterprise_name: l.name.clone(),
        uscc: l.uscc.clone(),
        county: l.tenant_id.clone(),
        county_name: county_name.into(),
        trigger: l.trigger.clone(),
        trigger_name: rules
            .trigger(&l.trigger)
            .map(|t| t.zh.clone())
            .unwrap_or_else(|| l.trigger.clone()),
        published_at: dt(l.published_at),
        starts_at: dt(l.starts_at),
        ends_at: dt(l.ends_at),
        removed_at: dt(l.removed_at),
        state: l.state().as_str().into(),
        measures: l.measures.clone(),
    }
}

/// A published penalty for the public.
pub fn penalty(p: &Penalty, authority: &str) -> PublicPenalty {
    let person = p.party_kind == PartyKind::Person;
    PublicPenalty {
        case_number: p.case_number.clone(),
        authority: authority.into(),
        party_name: if person {
            mask_name(&p.party_name)
        } else {
            p.party_name.clone()
        },
        party_uscc: if person { None } else { p.party_uscc.clone() },
        violation: p.violation.clone(),
        article: p.article.clone(),
        penalty_type: p.penalty_type.as_str().into(),
        penalty_type_name: p.penalty_type.zh().into(),
        amount_yuan: p.amount_yuan,
        decided_at: to_rfc3339(p.decided_at),
        published_at: dt(p.published_at),
        public_summary: p.public_summary.clone(),
    }
}

/// The county's name from the directory.
pub async fn county_names(p: &Platform) -> Result<HashMap<String, String>> {
    let dir = p.tenancy.directory(&p.db).await?;
    Ok(dir
        .all()
        .into_iter()
        .map(|t| (t.code.clone(), t.name.clone()))
        .collect())
}

/// The public profile of `uscc`, from cache when fresh.
pub async fn profile(
    p: &Platform,
    rules: &Rules,
    uscc: &str,
) -> Result<Option<Arc<PublicCreditProfile>>> {
    let ttl = Duration::from_secs(rules.public_cache_seconds);
    if let Ok(c) = cache().lock() {
        if let Some((at, v)) = c.get(uscc) {
            if at.elapsed() < ttl {
                return Ok(v.clone());
            }
        }
    }
    let built = build_profile(p, rules, uscc).await?.map(Arc::new);
    if let Ok(mut c) = cache().lock() {
        if c.len() > 100_000 {
            c.clear();
        }
        c.insert(uscc.to_string(), (Instant::now(), built.clone()));
    }
    Ok(built)
}

async fn build_profile(
    p: &Platform,
    rules: &Rules,
    uscc: &str,
) -> Result<Option<PublicCreditProfile>> {
    let mut tx = p.db.read(Scope::All, None).await?;
    let Some(g) = penalties::grades_by_uscc(&mut tx, uscc)
        .await?
        .into_iter()
        .next()
    else {
        tx.commit().await?;
        return Ok(None);
    };
    let (t, e) = (g.tenant_id.clone(), g.enterprise_id.clone());
    let now = now_ms();
    let certificates = anjian_standardization::certificate::of_enterprise(&mut tx, &e)
        .await?
        .into_iter()
        .map(|c| PublicCertificate {
            number: c.number.clone(),
            grade: c.grade.zh().into(),
            valid_until: to_rfc3339(c.valid_until),
            status: format!("{:?}", c.status(now)).to_lowercase(),
        })
        .collect();
    let pens = penalties::published_of(&mut tx, &t, &e).await?;
    let listings: Vec<Listing> = store::listings_of(&mut tx, &t, &e)
        .await?
        .into_iter()
        .filter(|l| l.published_at.is_some() && l.state().is_public())
        .collect();
    let commitments = penalties::commitments_of(&mut tx, &t, &e).await?;
    tx.commit().await?;
    let names = county_names(p).await?;
    let county = names.get(&t).cloned().unwrap_or_default();
    let reasons: Vec<GradeReason> = serde_json::from_value(g.reasons.clone()).unwrap_or_default();
    Ok(Some(PublicCreditProfile {
        enterprise_name: g.name.clone(),
        uscc: g.uscc.clone(),
        county_name: county.clone(),
        grade: g.grade.clone(),
        reasons,
        certificates,
        penalties: pens.iter().map(|x| penalty(x, &county)).collect(),
        listings: listings
            .iter()
            .map(|l| listing(l, rules, &county))
            .collect(),
        commitments: commitments
            .iter()
            .map(|c| PublicCommitment {
                text: c.text.clone(),
                made_at: to_rfc3339(c.made_at),
                broken: c.broken_at.is_some(),
            })
            .collect(),
    }))
}
