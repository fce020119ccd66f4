//! Object storage for uploaded files (photos, scans): a local directory by
//! default (`<data_dir>/objects`), or an S3-compatible store (`object_store
//! = "s3"`, through the `object_store` crate). Keys are chosen by the caller
//! (content hashes under the tenant), so a stored object is never
//! overwritten with different bytes.

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
pub fn open(config: &Config) -> Result<Arc<dyn Objects>> {
    if config.object_store != "s3" {
        return Ok(Arc::new(LocalDir {
            root: config.data_dir.join("objects"),
        }));
    }
    use object_store::aws::AmazonS3Builder;
    let mut b = AmazonS3Builder::new()
        .with_bucket_name(&config.s3_bucket)
        .with_region(&config.s3_region)
        .with_allow_http(config.s3_allow_http)
        .with_virtual_hosted_style_request(false);
    if let Some(e) = &config.s3_endpoint {
        b = b.with_endpoint(e);
    }
    if let (Some(k), Some(s)) = (&config.s3_access_key_id, &config.s3_secret_access_key) {
        b = b.with_access_key_id(k).with_secret_access_key(s);
    }
    let store = b
        .build()
        .map_err(|e| Error::Internal(format!("object store: {e}")))?;
    Ok(Arc::new(S3 { store }))
}

/// An S3-compatible bucket.
pub struct S3 {
    store: object_store::aws::AmazonS3,
}

fn s3_error(e: object_store::Error) -> Error {
    match e {
        object_store::Error::NotFound { .. } => Error::NotFound("object".into()),
        e => Error::Internal(format!("object store: {e}")),
    }
}

#[async_trait::async_trait]
impl Objects for S3 {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        use object_store::ObjectStore;
        check_key(key)?;
        self.store
            .put(&object_store::path::Path::from(key), bytes.into())
            .await
            .map_err(s3_error)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>> {
        use object_store::ObjectStore;
        check_key(key)?;
        let r = self
            .store
            .get(&object_store::path::Path::from(key))
            .await
            .map_err(s3_error)?;
        Ok(r.bytes().await.map_err(s3_error)?.to_vec())
    }
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
