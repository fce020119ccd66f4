//! Checks an uploaded file before anything stores or compiles it: a valid
//! component, exporting a known hook interface of a supported contract
//! version, importing only what the host allows.

use crate::{PACKAGE, SUPPORTED_VERSIONS};
use wasmparser::{Parser, Payload, Validator, WasmFeatures};

/// WASI interfaces a guest toolchain may import. The host gives them nothing
/// to reach: no preopened directories, an empty environment, no network, a
/// fixed clock. Sockets and HTTP are refused outright.
const ALLOWED_WASI: &[&str] = &[
    "wasi:cli/environment",
    "wasi:cli/exit",
    "wasi:cli/stdin",
    "wasi:cli/stdout",
    "wasi:cli/stderr",
    "wasi:cli/terminal-input",
    "wasi:cli/terminal-output",
    "wasi:cli/terminal-stdin",
    "wasi:cli/terminal-stdout",
    "wasi:cli/terminal-stderr",
    "wasi:io/error",
    "wasi:io/poll",
    "wasi:io/streams",
    "wasi:clocks/wall-clock",
    "wasi:clocks/monotonic-clock",
    "wasi:random/random",
    "wasi:random/insecure",
    "wasi:random/insecure-seed",
    "wasi:filesystem/types",
    "wasi:filesystem/preopens",
];

/// Why an upload is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    #[error("not a WebAssembly component (a core module or other bytes)")]
    NotAComponent,
    #[error("invalid component: {0}")]
    Invalid(String),
    #[error("imports `{0}`, which plugins may not use")]
    ForbiddenImport(String),
    #[error("exports no hook interface this platform knows (exports: {0})")]
    NoHook(String),
    #[error("built for contract {found}; this platform supports {supported}")]
    UnsupportedVersion { found: String, supported: String },
}

/// What a component offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// Exported hook interfaces, e.g. `enterprise-validate`.
    pub interfaces: Vec<String>,
    /// The contract version, e.g. `0.1.0`.
    pub version: String,
    /// Every top-level import.
    pub imports: Vec<String>,
}

/// Splits `ns:pkg/iface@ver` into (`ns:pkg/iface`, `ver`).
fn split_version(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once('@') {
        Some((n, v)) => (n, Some(v)),
        None => (name, None),
    }
}

/// Checks `bytes`. `hooks` lists the interface names modules offer
/// (`enterprise-validate`, ...); `after` those of after-hooks, the only ones
/// whose components may import `effects`.
pub fn inspect(bytes: &[u8], hooks: &[&str], after: &[&str]) -> Result<Inspection, InspectError> {
    if !Parser::is_component(bytes) {
        return Err(InspectError::NotAComponent);
    }
    let mut features = WasmFeatures::default();
    features.insert(WasmFeatures::EXTENDED_CONST);
    Validator::new_with_features(features)
        .validate_all(bytes)
        .map_err(|e| InspectError::Invalid(e.to_string()))?;
    let (imports, exports) = top_level_names(bytes)?;
    let supported = SUPPORTED_VERSIONS.join(", ");
    let mut versions = Vec::new();
    let reacts = exports.iter().any(|e| {
        let (name, _) = split_version(e);
        name.strip_prefix(&format!("{PACKAGE}/"))
            .is_some_and(|iface| after.contains(&iface))
    });
    for i in &imports {
        let (name, version) = split_version(i);
        if let Some(rest) = name.strip_prefix(&format!("{PACKAGE}/")) {
            let allowed = rest == "host" || rest == "types" || (rest == "effects" && reacts);
            if !allowed {
                return Err(InspectError::ForbiddenImport(i.clone()));
            }
            versions.push(version.unwrap_or("").to_string());
        } else if !ALLOWED_WASI.contains(&name) {
            return Err(InspectError::ForbiddenImport(i.clone()));
        }
    }
    let mut interfaces = Vec::new();
    for e in &exports {
        let (name, version) = split_version(e);
        if let Some(iface) = name.strip_prefix(&format!("{PACKAGE}/")) {
            if hooks.contains(&iface) {
                interfaces.push(iface.to_string());
                versions.push(version.unwrap_or("").to_string());
            }
        }
    }
    if interfaces.is_empty() {
        return Err(InspectError::NoHook(exports.join(", ")));
    }
    versions.sort();
    versions.dedup();
    let version = match versions.as_slice() {
        [v] if SUPPORTED_VERSIONS.contains(&v.as_str()) => v.clone(),
        _ => {
            return Err(InspectError::UnsupportedVersion {
                found: versions.join(", "),
                supported,
            })
        }
    };
    Ok(Inspection {
        interfaces,
        version,
        imports,
    })
}

/// The SHA-256 of what a component does: every section but the custom ones
/// (names, producers, any bytes appended as a custom section), nested
/// modules and components included. Two uploads that differ only in custom
/// sections have the same code hash, so a ban holds against a re-labelled
/// copy.
pub fn code_sha256(bytes: &[u8]) -> Result<String, InspectError> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| InspectError::Invalid(e.to_string()))?;
        match &payload {
            Payload::CustomSection(_) => {}
            // Their insides arrive as payloads of their own.
            Payload::ModuleSection { .. } => h.update(b"\x00module"),
            Payload::ComponentSection { .. } => h.update(b"\x00component"),
            Payload::End(_) => h.update(b"\x00end"),
            p => {
                if let Some((id, range)) = p.as_section() {
                    let body = bytes
                        .get(range)
                        .ok_or_else(|| InspectError::Invalid("section out of range".into()))?;
                    h.update([id]);
                    h.update((body.len() as u64).to_le_bytes());
                    h.update(body);
                }
            }
        }
    }
    Ok(hex::encode(h.finalize()))
}

/// Import and export names of the outermost component (nested modules and
/// components are its insides).
fn top_level_names(bytes: &[u8]) -> Result<(Vec<String>, Vec<String>), InspectError> {
    let (mut imports, mut exports) = (Vec::new(), Vec::new());
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| InspectError::Invalid(e.to_string()))?;
        match payload {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::ComponentImportSection(s) if depth == 0 => {
                for i in s {
                    let i = i.map_err(|e| InspectError::Invalid(e.to_string()))?;
                    imports.push(i.name.name.to_string());
                }
            }
            Payload::ComponentExportSection(s) if depth == 0 => {
                for e in s {
                    let e = e.map_err(|e| InspectError::Invalid(e.to_string()))?;
                    exports.push(e.name.name.to_string());
                }
            }
            _ => {}
        }
    }
    Ok((imports, exports))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_do_not_change_the_code_hash() {
        let c = crate::fixtures::component("i32.const 16", "", "enterprise-validator");
        let relabelled = crate::fixtures::with_custom_section(&c, "evade-the-ban", b"0123456789");
        assert!(Parser::is_component(&relabelled));
        assert_eq!(
            code_sha256(&c).expect("hash"),
            code_sha256(&relabelled).expect("hash")
        );
        let other = crate::fixtures::component("i32.const 24", "", "enterprise-validator");
        assert_ne!(
            code_sha256(&c).expect("hash"),
            code_sha256(&other).expect("hash"),
            "other code, another hash"
        );
        assert!(code_sha256(b"garbage").is_err());
    }

    #[test]
    fn garbage_and_core_modules_are_not_components() {
        assert_eq!(
            inspect(b"hello", &[], &[]),
            Err(InspectError::NotAComponent)
        );
        let core = b"\0asm\x01\0\0\0";
        assert_eq!(inspect(core, &[], &[]), Err(InspectError::NotAComponent));
    }

    #[test]
    fn versions_split() {
        assert_eq!(
            split_version("anjian:plugin/host@0.1.0"),
            ("anjian:plugin/host", Some("0.1.0"))
        );
        assert_eq!(split_version("wasi:io/streams"), ("wasi:io/streams", None));
    }
}
