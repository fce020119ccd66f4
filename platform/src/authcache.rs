//! A short-lived cache of authenticated sessions (token hash → `Principal`),
//! so a request does not spend a database transaction on its bearer token.
//!
//! - An entry lives at most `auth_cache_ms` (default 5 s), and never past its
//!   session's expiry.
//! - Every change to sign-in state (logout, refresh, revocation, password,
//!   roles, disabling, organisation grants) marks its transaction; when that
//!   transaction commits, the whole cache is dropped on this instance and,
//!   through Redis pub/sub, on every other instance.
//! - An entry filled by a lookup that began before such a commit is never
//!   served (the epoch check), so a revoked session is refused on this
//!   instance at once. Without Redis, other instances may serve it for up
//!   to the cache's lifetime.

use crate::auth::Principal;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// More entries than this and expired ones are dropped; if still full, all.
const MAX_ENTRIES: usize = 100_000;

struct Entry {
    principal: Principal,
    until: Instant,
    epoch: u64,
}

/// The cache of one server process.
#[derive(Default)]
pub struct AuthCache {
    ttl_ms: AtomicU64,
    epoch: AtomicU64,
    entries: RwLock<HashMap<String, Entry>>,
    redis: OnceLock<(redis::aio::ConnectionManager, String)>,
}

impl AuthCache {
    /// Sets how long entries live; 0 turns the cache off.
    pub fn set_ttl(&self, ttl: Duration) {
        self.ttl_ms.store(ttl.as_millis() as u64, Ordering::Relaxed);
    }

    fn ttl(&self) -> Duration {
        Duration::from_millis(self.ttl_ms.load(Ordering::Relaxed))
    }

    /// The current epoch: read it before looking a session up, and pass it to [`put`](Self::put).
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// The cached principal of `key`, if still valid.
    pub fn get(&self, key: &str) -> Option<Principal> {
        let epoch = self.epoch();
        let entries = self.entries.read().ok()?;
        let e = entries.get(key)?;
        (e.epoch == epoch && e.until > Instant::now()).then(|| e.principal.clone())
    }

    /// Caches `principal` until `session_until` at the latest, unless sign-in
    /// state changed since `epoch` was read.
    pub fn put(&self, key: String, principal: Principal, session_until: Instant, epoch: u64) {
        let ttl = self.ttl();
        if ttl.is_zero() || epoch != self.epoch() {
            return;
        }
        let now = Instant::now();
        let until = (now + ttl).min(session_until);
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, e| e.until > now);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(
                key,
                Entry {
                    principal,
                    until,
                    epoch,
                },
            );
        }
    }

    /// Drops every entry on this instance.
    pub fn invalidate_local(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }

    /// Drops every entry here and, through Redis, on every instance.
    pub async fn invalidate(&self) {
        self.invalidate_local();
        if let Some((conn, channel)) = self.redis.get() {
            let mut c = conn.clone();
            let sent = redis::cmd("PUBLISH")
                .arg(channel)
                .arg("1")
                .query_async::<i64>(&mut c)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "auth cache: invalidation not published");
            }
        }
    }

    /// Publishes invalidations to, and follows them from, other instances.
    pub fn connect(
        self: &Arc<Self>,
        conn: redis::aio::ConnectionManager,
        client: redis::Client,
        prefix: &str,
    ) {
        let channel = format!("{prefix}:auth-invalidate");
        let _ = self.redis.set((conn, channel.clone()));
        crate::generation::follow(
            client,
            channel,
            Arc::downgrade(self),
            AuthCache::invalidate_local,
            |c, _| c.invalidate_local(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Scope;

    fn principal(name: &str) -> Principal {
        Principal {
            user_id: name.into(),
            username: name.into(),
            display_name: name.into(),
            tenant: "330106".into(),
            roles: vec![],
            org: None,
            scope: Scope::Nothing,
            session_id: name.into(),
            password_expired: false,
        }
    }

    #[test]
    fn entries_expire_and_invalidate() {
        let c = AuthCache::default();
        let far = Instant::now() + Duration::from_secs(60);
        c.put("k".into(), principal("a"), far, c.epoch());
        assert!(c.get("k").is_none(), "off until a ttl is set");
        c.set_ttl(Duration::from_secs(5));
        c.put("k".into(), principal("a"), far, c.epoch());
        assert_eq!(c.get("k").map(|p| p.username), Some("a".into()));
        c.invalidate_local();
        assert!(c.get("k").is_none());
        // A lookup that began before a change is not cached.
        let before = c.epoch();
        c.invalidate_local();
        c.put("k".into(), principal("a"), far, before);
        assert!(c.get("k").is_none());
        // Never past the session's own expiry.
        c.put("k".into(), principal("a"), Instant::now(), c.epoch());
        assert!(c.get("k").is_none());
    }
}
