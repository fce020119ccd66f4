//! Compiled components cached in the database, authenticated.
//!
//! Loading a compiled artifact skips wasmtime's validation: bytes from the
//! database must never reach it unless this server made them. Each cached
//! artifact carries an HMAC-SHA256 keyed by a secret that is not in the
//! database (`ANJIAN_ARTIFACT_KEY`; with embedded storage a key file in the
//! data directory). Without a key nothing is read from or written to the
//! cache: each instance compiles what it runs. An artifact whose tag does not
//! verify is ignored and the component compiled again from its upload.

use super::store;
use anjian_platform::config::Config;
use anjian_platform::db::Tx;
use anjian_platform::{Error, Result};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

type HmacSha256 = Hmac<Sha256>;

/// The key that authenticates cached artifacts.
#[derive(Clone)]
pub struct ArtifactKey(Vec<u8>);

impl std::fmt::Debug for ArtifactKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ArtifactKey(****)")
    }
}

impl ArtifactKey {
    /// The configured key; else, with embedded storage, the data
    /// directory's `artifact.key` (made on first use); else None.
    pub fn from_config(c: &Config) -> Result<Option<ArtifactKey>> {
        if let Some(k) = c.artifact_key.as_deref() {
            return ArtifactKey::parse(k).map(Some);
        }
        if c.database_url.is_some() {
            return Ok(None);
        }
        local_key(&c.data_dir.join("artifact.key")).map(Some)
    }

    /// 64 hex digits (32 bytes).
    pub fn parse(hex_key: &str) -> Result<ArtifactKey> {
        match hex::decode(hex_key.trim()) {
            Ok(k) if k.len() == 32 => Ok(ArtifactKey(k)),
            _ => Err(Error::field(
                "artifactKey",
                "ANJIAN_ARTIFACT_KEY 应为 64 位十六进制",
                "ANJIAN_ARTIFACT_KEY must be 64 hex digits",
            )),
        }
    }

    /// A short fingerprint, part of the cache key: a new key never meets
    /// the old key's artifacts.
    pub fn id(&self) -> String {
        let mut m = self.mac();
        m.update(b"anjian artifact key id");
        hex::encode(&m.finalize().into_bytes()[..6])
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes a key of any length.
        <HmacSha256 as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!())
    }

    fn tagged(&self, engine: &str, sha256: &str, artifact: &[u8]) -> HmacSha256 {
        let mut m = self.mac();
        for part in [engine.as_bytes(), sha256.as_bytes()] {
            m.update(&(part.len() as u64).to_be_bytes());
            m.update(part);
        }
        m.update(artifact);
        m
    }

    /// The tag stored beside an artifact.
    pub fn tag(&self, engine: &str, sha256: &str, artifact: &[u8]) -> String {
        format!(
            "hmac-sha256:{}",
            hex::encode(
                self.tagged(engine, sha256, artifact)
                    .finalize()
                    .into_bytes()
            )
        )
    }

    /// Whether `tag` is this key's tag of the artifact (constant time).
    pub fn verify(&self, engine: &str, sha256: &str, artifact: &[u8], tag: &str) -> bool {
        let Some(hex_tag) = tag.strip_prefix("hmac-sha256:") else {
            return false;
        };
        let Ok(bytes) = hex::decode(hex_tag) else {
            return false;
        };
        self.tagged(engine, sha256, artifact)
            .verify_slice(&bytes)
            .is_ok()
    }
}

fn local_key(path: &Path) -> Result<ArtifactKey> {
    anjian_platform::keyfile::local_secret(path).map(|k| ArtifactKey(k.to_vec()))
}

/// The cached artifact of `sha256` for `engine`, if there is one and its
/// tag verifies under `key`.
pub async fn load(
    tx: &mut Tx,
    key: Option<&ArtifactKey>,
    sha256: &str,
    engine: &str,
) -> Result<Option<Vec<u8>>> {
    let Some(key) = key else {
        return Ok(None);
    };
    let engine = format!("{engine}-{}", key.id());
    match store::artifact(tx, sha256, &engine).await? {
        Some((bytes, tag)) if key.verify(&engine, sha256, &bytes, &tag) => Ok(Some(bytes)),
        Some(_) => {
            tracing::warn!(
                sha256,
                "a cached plugin artifact failed its check; compiling again"
            );
            metrics::counter!("anjian_plugin_artifacts_rejected_total").increment(1);
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Caches an artifact with its tag (nothing without a key).
pub async fn save(
    tx: &mut Tx,
    key: Option<&ArtifactKey>,
    sha256: &str,
    engine: &str,
    artifact: &[u8],
) -> Result<()> {
    let Some(key) = key else {
        return Ok(());
    };
    let engine = format!("{engine}-{}", key.id());
    let tag = key.tag(&engine, sha256, artifact);
    store::save_artifact(tx, sha256, &engine, artifact, &tag).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_verify_only_unchanged_under_the_same_key() {
        let k = ArtifactKey::parse(&"11".repeat(32)).expect("key");
        let other = ArtifactKey::parse(&"22".repeat(32)).expect("key");
        let t = k.tag("e", "abc", b"artifact");
        assert!(k.verify("e", "abc", b"artifact", &t));
        assert!(!k.verify("e", "abc", b"artifacT", &t), "changed bytes");
        assert!(!k.verify("e", "abd", b"artifact", &t), "another component");
        assert!(!k.verify("f", "abc", b"artifact", &t), "another engine");
        assert!(!other.verify("e", "abc", b"artifact", &t), "another key");
        let plain = hex::encode(<Sha256 as sha2::Digest>::digest(b"artifact"));
        assert!(!k.verify("e", "abc", b"artifact", &plain), "a bare hash");
        assert_ne!(k.id(), other.id());
    }

    #[test]
    fn bad_keys_are_refused_and_local_keys_persist() {
        assert!(ArtifactKey::parse("abcd").is_err());
        assert!(ArtifactKey::parse(&"zz".repeat(32)).is_err());
        let dir = std::env::temp_dir().join(format!("anjian-key-{}", std::process::id()));
        let path = dir.join("artifact.key");
        let a = local_key(&path).expect("made");
        let b = local_key(&path).expect("read");
        assert_eq!(a.id(), b.id());
        let _ = std::fs::remove_dir_all(dir);
    }
}
