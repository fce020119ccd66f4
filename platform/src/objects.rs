//! Object storage for uploaded files (photos, scans): a local directory by
//! default (`<data_dir>/objects`). Keys are chosen by the caller (content
//! hashes under the tenant), so a stored object is never overwritten with
//! different bytes.

use crate::config::Config;
use crate::{Error, Result};
use std::path::PathBuf;
use std::sync::Arc;

/// Where uploaded files live.
#[async_trait::async_trait]
pub trait Objects: Send + Sync {
    /// Stores `bytes` under `key` (`a/b/c`, no `..`).
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()>;
    /// The bytes under `key`.
    async fn get(&self, key: &str) -> Result<Vec<u8>>;
}

/// The store the configuration names.
pub fn open(config: &Config) -> Arc<dyn Objects> {
    Arc::new(LocalDir {
        root: config.data_dir.join("objects"),
    })
}

/// Files in a directory.
pub struct LocalDir {
    pub root: PathBuf,
}

fn check_key(key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.split('/').all(|p| {
            !p.is_empty()
                && p != "."
                && p != ".."
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        });
    if ok {
        Ok(())
    } else {
        Err(Error::Internal(format!("invalid object key {key:?}")))
    }
}

#[async_trait::async_trait]
impl Objects for LocalDir {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        check_key(key)?;
        let path = self.root.join(key);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(Error::internal)?;
        }
        // Write aside and rename: a reader never sees half a file.
        let tmp = path.with_extension(format!("tmp-{}", crate::time::new_id()));
        tokio::fs::write(&tmp, &bytes)
            .await
            .map_err(Error::internal)?;
        tokio::fs::rename(&tmp, &path)
            .await
            .map_err(Error::internal)
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>> {
        check_key(key)?;
        tokio::fs::read(self.root.join(key))
            .await
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Error::NotFound("object".into()),
                _ => Error::internal(e),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(check_key("330106/abc/def0.jpg").is_ok());
        for bad in ["", "../x", "a//b", "a/./b", "/abs", "a b"] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }
}
