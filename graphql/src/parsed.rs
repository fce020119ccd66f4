//! Parsed GraphQL documents kept by their text. Clients send the same few
//! queries over and over (a UI's screens, the harness's scenarios), and
//! copying a parsed document costs less than parsing its text again.
//!
//! Bounded in entries and in the size of each text, so a client sending
//! ever new queries only evicts others' entries; a text that does not parse
//! is not kept, and its request is parsed (and refused) as usual.

use async_graphql::parser::types::ExecutableDocument;
use lru::LruCache;
use std::num::NonZeroUsize;
use std::sync::Mutex;

/// Documents kept at most.
const ENTRIES: usize = 256;
/// Longest query text kept, in bytes.
const LONGEST: usize = 16 * 1024;

/// Parsed documents by query text (least recently used evicted first).
pub struct ParsedQueries {
    cache: Mutex<LruCache<String, ExecutableDocument>>,
}

impl Default for ParsedQueries {
    fn default() -> Self {
        ParsedQueries {
            cache: Mutex::new(LruCache::new(
                NonZeroUsize::new(ENTRIES).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }
}

impl ParsedQueries {
    /// The parsed document of `query`, or `None` when it does not parse
    /// (or is too long to keep: the request then parses it itself).
    pub fn get(&self, query: &str) -> Option<ExecutableDocument> {
        if query.len() > LONGEST {
            return None;
        }
        if let Some(doc) = self.cache.lock().ok()?.get(query) {
            return Some(doc.clone());
        }
        let doc = async_graphql::parser::parse_query(query).ok()?;
        if let Ok(mut c) = self.cache.lock() {
            c.put(query.to_string(), doc.clone());
        }
        Some(doc)
    }

    /// How many documents are kept.
    pub fn len(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_parses_within_bounds() {
        let p = ParsedQueries::default();
        let q = "{ enterprises { totalCount } }";
        let first = p.get(q).expect("parses");
        assert_eq!(p.len(), 1);
        let again = p.get(q).expect("kept");
        assert_eq!(format!("{first:?}"), format!("{again:?}"));
        assert!(p.get("{ enterprises { ").is_none(), "a broken text");
        assert_eq!(p.len(), 1, "not kept");
        let long = format!("{{ a {} }}", " ".repeat(LONGEST));
        assert!(p.get(&long).is_none());
        for i in 0..ENTRIES + 10 {
            p.get(&format!("{{ f{i} }}"));
        }
        assert_eq!(p.len(), ENTRIES, "bounded");
    }
}
