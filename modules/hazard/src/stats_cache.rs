//! The dashboards' figures, kept between requests (隐患统计看板缓存).
//!
//! Fifty officials opening the province dashboard at once ask the same five
//! groupings of the same year. Each grouping is computed once from the
//! roll-up and shared: concurrent requests for one key wait for a single
//! computation, and later ones read its answer while it is current.
//!
//! An answer is current while the roll-up's generation is the one it was
//! computed at ([`TOPIC`]: every transaction that changes the roll-up moves
//! it on when it commits, here at once and on other instances through
//! Redis) and it is younger than `read_cache_ms` (the bound without Redis).
//! So answers are the roll-up's exact figures, as fresh as the last commit
//! on this instance and within a pub/sub hop on the others.

use crate::error::Result;
use crate::stats::{self, Counts, Dim, Scope};
use anjian_platform::api::context::Req;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// The roll-up's topic: [`stats::bump`] marks its transactions with it.
pub const TOPIC: &str = "hazard.stats";

/// Keys kept at most; past it stale ones go, then all.
const MAX_KEYS: usize = 2048;

type Rows = Arc<Vec<(Vec<String>, Counts)>>;

struct Slot {
    generation: u64,
    born: Instant,
    rows: tokio::sync::OnceCell<Rows>,
}

static SLOTS: LazyLock<Mutex<HashMap<String, Arc<Slot>>>> = LazyLock::new(Mutex::default);

/// The slot of `key` at `generation`: the current one, or a new empty one.
fn slot(key: String, generation: u64, ttl: Duration) -> Arc<Slot> {
    let fresh = |s: &Slot| s.generation == generation && s.born.elapsed() < ttl;
    let Ok(mut slots) = SLOTS.lock() else {
        return Arc::new(new_slot(generation));
    };
    if let Some(s) = slots.get(&key).filter(|s| fresh(s)) {
        return s.clone();
    }
    if slots.len() >= MAX_KEYS {
        slots.retain(|_, s| fresh(s));
        if slots.len() >= MAX_KEYS {
            slots.clear();
        }
    }
    let s = Arc::new(new_slot(generation));
    slots.insert(key, s.clone());
    s
}

fn new_slot(generation: u64) -> Slot {
    Slot {
        generation,
        born: Instant::now(),
        rows: tokio::sync::OnceCell::new(),
    }
}

/// [`stats::grouped`] for the caller `r`, from the cache when current.
pub async fn grouped(r: &Req, s: &Scope, dims: &[Dim]) -> Result<Rows> {
    let ttl = Duration::from_millis(r.platform.config.read_cache_ms);
    let compute = || async {
        let mut tx = r.read().await?;
        let rows = stats::grouped(&mut tx, s, dims).await?;
        tx.end_read();
        Ok::<Rows, crate::error::HazardError>(Arc::new(rows))
    };
    if ttl.is_zero() {
        return compute().await;
    }
    // What the caller may see is part of the key, beside what it asked.
    let key = format!("{:?}|{s:?}|{dims:?}", r.scope());
    let generation = r.platform.db.generations().current(TOPIC);
    let slot = slot(key, generation, ttl);
    Ok(slot.rows.get_or_try_init(compute).await?.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_lives_while_its_generation_and_age_allow() {
        let ttl = Duration::from_secs(60);
        let a = slot("k-test".into(), 1, ttl);
        assert!(Arc::ptr_eq(&a, &slot("k-test".into(), 1, ttl)), "shared");
        let b = slot("k-test".into(), 2, ttl);
        assert!(!Arc::ptr_eq(&a, &b), "a new generation computes anew");
        let c = slot("k-test".into(), 2, Duration::ZERO);
        assert!(!Arc::ptr_eq(&b, &c), "an old answer is not served");
    }
}
