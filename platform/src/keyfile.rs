//! Secrets kept in a file of the data directory when embedded storage runs
//! without configured keys: 32 random bytes, hex, readable by the owner only.

use crate::error::{Error, Result};
use std::path::Path;

/// The 32-byte secret in `path`, made on first use.
pub fn local_secret(path: &Path) -> Result<[u8; 32]> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let bytes = hex::decode(text.trim()).map_err(Error::internal)?;
        return bytes
            .try_into()
            .map_err(|_| Error::Internal(format!("{} is not 64 hex digits", path.display())));
    }
    let key: [u8; 32] = rand::random();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::internal)?;
    }
    write_private(path, &hex::encode(key))?;
    Ok(key)
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(Error::internal)?;
    f.write_all(text.as_bytes()).map_err(Error::internal)
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(Error::internal)
}
