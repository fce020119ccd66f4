//! Relay cursor connections (`first`/`after`, `totalCount`) for every list.

use crate::{Error, Result};
use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};
use base64::Engine;

/// Extra fields of every connection.
#[derive(SimpleObject, Default)]
pub struct Total {
    /// Items in the whole list, not only this page.
    pub total_count: i64,
}

/// A page of a connection.
pub type Page<T> = Connection<String, T, Total>;

/// Largest offset a cursor may carry.
const MAX_OFFSET: i64 = 1_000_000_000;

/// Largest `first` accepted.
pub const MAX_FIRST: i32 = 100;

/// Turns `first` and `after` into limit and offset.
pub fn window(first: Option<i32>, after: Option<String>) -> Result<(i64, i64)> {
    let first = first.unwrap_or(20);
    if !(0..=MAX_FIRST).contains(&first) {
        return Err(Error::field(
            "first",
            "first 应在0到100之间",
            "first must be between 0 and 100",
        ));
    }
    let offset = match after {
        None => 0,
        Some(c) => {
            decode(&c)
                .filter(|n| *n < MAX_OFFSET)
                .ok_or_else(|| Error::field("after", "游标无效", "invalid cursor"))?
                + 1
        }
    };
    Ok((first as i64, offset))
}

fn encode(offset: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

fn decode(c: &str) -> Option<i64> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    s.strip_prefix("o:")?.parse().ok().filter(|n: &i64| *n >= 0)
}

/// Builds a page from items at `offset` of a list of `total`.
pub fn page<T: OutputType>(items: Vec<T>, offset: i64, total: i64) -> Page<T> {
    let n = items.len() as i64;
    let mut c = Connection::with_additional_fields(
        offset > 0,
        offset + n < total,
        Total { total_count: total },
    );
    c.edges.extend(
        items
            .into_iter()
            .enumerate()
            .map(|(i, t)| Edge::new(encode(offset + i as i64), t)),
    );
    c
}

/// Pages a list held in memory.
pub fn page_vec<T: OutputType>(
    all: Vec<T>,
    first: Option<i32>,
    after: Option<String>,
) -> Result<Page<T>> {
    let (limit, offset) = window(first, after)?;
    let total = all.len() as i64;
    let items = all
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    Ok(page(items, offset, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(decode(&encode(41)), Some(41));
        assert!(window(Some(10), Some("garbage".into())).is_err());
        assert!(window(Some(101), None).is_err());
        assert_eq!(window(Some(5), Some(encode(9))).ok(), Some((5, 10)));
        assert!(
            window(Some(5), Some(encode(i64::MAX))).is_err(),
            "no overflow"
        );
    }
}
