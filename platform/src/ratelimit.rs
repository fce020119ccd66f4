//! Counters in fixed windows: Redis when configured (shared by every server
//! instance), in-process otherwise.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A windowed counter store.
pub struct Limiter {
    redis: Option<redis::aio::ConnectionManager>,
    prefix: String,
    local: Mutex<HashMap<String, (u64, Instant)>>,
    /// When the local counters were last pruned.
    pruned: Mutex<Instant>,
}

/// Local counters beyond which expired ones are pruned (at most once a second).
const PRUNE_ABOVE: usize = 100_000;
/// Local counters beyond which all are forgotten (a flood of addresses):
/// counting starts again rather than every request scanning them.
const MOST: usize = 2_000_000;

impl Limiter {
    pub fn new(redis: Option<redis::aio::ConnectionManager>, prefix: &str) -> Limiter {
        Limiter {
            redis,
            prefix: prefix.to_string(),
            local: Mutex::new(HashMap::new()),
            pruned: Mutex::new(Instant::now()),
        }
    }

    /// Adds one to `key` and returns the count in the current window.
    pub async fn hit(&self, key: &str, window: Duration) -> u64 {
        if let Some(r) = &self.redis {
            let mut c = r.clone();
            let key = format!("{}:rl:{key}", self.prefix);
            let res: redis::RedisResult<(u64,)> = redis::pipe()
                .atomic()
                .incr(&key, 1u64)
                // A fixed window: the expiry is set by the first hit only.
                .cmd("EXPIRE")
                .arg(&key)
                .arg(window.as_secs().max(1))
                .arg("NX")
                .ignore()
                .query_async(&mut c)
                .await;
            match res {
                Ok((n,)) => return n,
                Err(e) => {
                    tracing::warn!(error = %e, "redis rate limit failed; using local counter")
                }
            }
        }
        let mut m = self.local.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if m.len() > PRUNE_ABOVE {
            let mut last = self.pruned.lock().unwrap_or_else(|p| p.into_inner());
            if now.duration_since(*last) >= Duration::from_secs(1) {
                m.retain(|_, (_, start)| now.duration_since(*start) < window);
                if m.len() > MOST {
                    m.clear();
                }
                *last = now;
            }
        }
        let e = m.entry(key.to_string()).or_insert((0, now));
        if now.duration_since(e.1) >= window {
            *e = (0, now);
        }
        e.0 += 1;
        e.0
    }

    /// The count in the current window without adding.
    pub async fn peek(&self, key: &str, window: Duration) -> u64 {
        if let Some(r) = &self.redis {
            let mut c = r.clone();
            let res: redis::RedisResult<Option<u64>> = redis::cmd("GET")
                .arg(format!("{}:rl:{key}", self.prefix))
                .query_async(&mut c)
                .await;
            if let Ok(v) = res {
                return v.unwrap_or(0);
            }
        }
        let m = self.local.lock().unwrap_or_else(|p| p.into_inner());
        match m.get(key) {
            Some((n, start)) if start.elapsed() < window => *n,
            _ => 0,
        }
    }

    /// Takes back one hit (an attempt that turned out not to count).
    pub async fn undo(&self, key: &str) {
        if let Some(r) = &self.redis {
            let mut c = r.clone();
            // Never below zero, and never a key without its expiry.
            let _: redis::RedisResult<i64> = redis::Script::new(
                "local n = redis.call('GET', KEYS[1]) \
                 if n and tonumber(n) > 0 then return redis.call('DECR', KEYS[1]) end return 0",
            )
            .key(format!("{}:rl:{key}", self.prefix))
            .invoke_async(&mut c)
            .await;
            return;
        }
        let mut m = self.local.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = m.get_mut(key) {
            e.0 = e.0.saturating_sub(1);
        }
    }

    /// Clears `key` (e.g. after a successful login).
    pub async fn reset(&self, key: &str) {
        if let Some(r) = &self.redis {
            let mut c = r.clone();
            let _: redis::RedisResult<()> = redis::cmd("DEL")
                .arg(format!("{}:rl:{key}", self.prefix))
                .query_async(&mut c)
                .await;
        }
        self.local
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_counts_in_window() {
        let l = Limiter::new(None, "t");
        assert_eq!(l.hit("a", Duration::from_secs(60)).await, 1);
        assert_eq!(l.hit("a", Duration::from_secs(60)).await, 2);
        assert_eq!(l.peek("a", Duration::from_secs(60)).await, 2);
        l.reset("a").await;
        assert_eq!(l.peek("a", Duration::from_secs(60)).await, 0);
    }

    /// Many live addresses: counting stays right and each hit stays cheap
    /// (pruning, which finds nothing expired, runs at most once a second
    /// instead of on every hit past the threshold).
    #[tokio::test]
    async fn many_addresses_stay_cheap() {
        let l = Limiter::new(None, "t");
        let w = Duration::from_secs(60);
        for i in 0..(PRUNE_ABOVE + 1000) {
            l.hit(&format!("k{i}"), w).await;
        }
        let t = Instant::now();
        for i in 0..20_000 {
            l.hit(&format!("k{i}"), w).await;
        }
        assert_eq!(l.peek("k5", w).await, 2);
        assert_eq!(l.peek(&format!("k{}", PRUNE_ABOVE + 10), w).await, 1);
        // 20,000 full scans of 100,000 counters would take far longer.
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    }
}
