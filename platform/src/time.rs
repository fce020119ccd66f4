//! Time as the platform stores it: Unix epoch milliseconds.

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// RFC 3339 text of an epoch-millisecond value (UTC).
pub fn to_rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new time-ordered identifier (UUIDv7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
