//! Generations of read models: a counter per topic (e.g. `hazard.stats`)
//! that moves on when a transaction that changed the topic's data commits,
//! on this instance at once and, through Redis pub/sub, on every other.
//!
//! A cache of derived figures stamps each entry with the generation it was
//! computed at and serves it only while the generation is unchanged
//! ([`Generations::current`]), so a change is seen by the next read here and
//! within a pub/sub hop elsewhere. Without Redis, other instances rely on
//! the cache's own lifetime.

use futures::StreamExt;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock, Weak};
use std::time::Duration;

/// The generation counters of one process.
#[derive(Default)]
pub struct Generations {
    counters: RwLock<HashMap<String, Arc<AtomicU64>>>,
    redis: OnceLock<(redis::aio::ConnectionManager, String)>,
}

impl Generations {
    fn counter(&self, topic: &str) -> Arc<AtomicU64> {
        if let Some(c) = self
            .counters
            .read()
            .ok()
            .and_then(|m| m.get(topic).cloned())
        {
            return c;
        }
        match self.counters.write() {
            Ok(mut m) => m.entry(topic.to_string()).or_default().clone(),
            Err(_) => Arc::default(),
        }
    }

    /// The topic's generation now: read it before computing what it stamps.
    pub fn current(&self, topic: &str) -> u64 {
        self.counter(topic).load(Ordering::Acquire)
    }

    /// Moves the topic on here only.
    pub fn bump_local(&self, topic: &str) {
        self.counter(topic).fetch_add(1, Ordering::AcqRel);
    }

    /// Moves the topic on here and, through Redis, on every instance.
    pub async fn bump(&self, topic: &str) {
        self.bump_local(topic);
        if let Some((conn, channel)) = self.redis.get() {
            let mut c = conn.clone();
            let sent = redis::cmd("PUBLISH")
                .arg(channel)
                .arg(topic)
                .query_async::<i64>(&mut c)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, topic, "generation change not published");
            }
        }
    }

    /// Every topic moves on (after a gap in the pub/sub subscription,
    /// whatever was missed).
    fn bump_all_local(&self) {
        if let Ok(m) = self.counters.read() {
            for c in m.values() {
                c.fetch_add(1, Ordering::AcqRel);
            }
        }
    }

    /// Publishes changes to, and follows them from, other instances.
    pub fn connect(
        self: &Arc<Self>,
        conn: redis::aio::ConnectionManager,
        client: redis::Client,
        prefix: &str,
    ) {
        let channel = format!("{prefix}:generation");
        let _ = self.redis.set((conn, channel.clone()));
        follow(
            client,
            channel,
            Arc::downgrade(self),
            Generations::bump_all_local,
            |g, topic| match topic {
                Some(t) => g.bump_local(&t),
                None => g.bump_all_local(),
            },
        );
    }
}

/// Follows the Redis `channel` for as long as `target` lives, subscribing
/// again after a second when the connection drops: `on_gap` after every
/// subscription (for whatever was missed while unsubscribed), `on_message`
/// with each message's text (None when it is not text).
pub(crate) fn follow<T: Send + Sync + 'static>(
    client: redis::Client,
    channel: String,
    target: Weak<T>,
    on_gap: fn(&T),
    on_message: fn(&T, Option<String>),
) {
    tokio::spawn(async move {
        loop {
            match client.get_async_pubsub().await {
                Ok(mut ps) => match ps.subscribe(&channel).await {
                    Ok(()) => {
                        match target.upgrade() {
                            Some(t) => on_gap(&t),
                            None => return,
                        }
                        let mut stream = ps.on_message();
                        while let Some(msg) = stream.next().await {
                            let Some(t) = target.upgrade() else { return };
                            on_message(&t, msg.get_payload::<String>().ok());
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, channel, "redis subscribe failed"),
                },
                Err(e) => tracing::warn!(error = %e, channel, "redis pub/sub failed"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_move_on_separately() {
        let g = Generations::default();
        let (a, b) = (g.current("a"), g.current("b"));
        g.bump_local("a");
        assert_eq!(g.current("a"), a + 1);
        assert_eq!(g.current("b"), b);
        g.bump_all_local();
        assert_eq!((g.current("a"), g.current("b")), (a + 2, b + 1));
    }
}
