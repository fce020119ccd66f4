//! Certificates (标准化证书): numbers without gaps or duplicates, an
//! Ed25519 or SM2 signature over the canonical content, and the public check of
//! a number and its signature.

use crate::error::{Result, StdError};
use crate::model::Grade;
use anjian_platform::config::Config;
use anjian_platform::db::Tx;
use anjian_platform::time::to_rfc3339;
use anjian_platform::Error;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier};
use serde::Serialize;
use sha2::Digest;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;

/// The key certificates are signed with: Ed25519, or SM2 (SM2DSA with SM3,
/// GM/T 0003) where the province asks for 国密.
#[derive(Clone)]
pub enum CertKey {
    Ed25519(Box<SigningKey>),
    Sm2(Box<sm2::dsa::SigningKey>),
}

/// The SM2 distinguishing identifier (GM/T 0009's default).
const SM2_DISTID: &str = "1234567812345678";

impl CertKey {
    /// `ANJIAN_CERTIFICATE_KEY`: 64 hex digits (an Ed25519 seed), or
    /// `sm2:` and 64 hex digits (an SM2 private key); else, with embedded
    /// storage, an Ed25519 key in `<data_dir>/certificate.key` (made on first
    /// use); else None: certificates can't be issued until a key is configured.
    pub fn from_config(c: &Config) -> Result<Option<CertKey>> {
        if let Some(k) = c.certificate_key.as_deref() {
            return parse(k).map(Some);
        }
        if c.database_url.is_some() {
            return Ok(None);
        }
        let seed = anjian_platform::keyfile::local_secret(&c.data_dir.join("certificate.key"))?;
        Ok(Some(CertKey::Ed25519(Box::new(SigningKey::from_bytes(
            &seed,
        )))))
    }

    /// `ed25519` or `sm2`.
    pub fn algorithm(&self) -> &'static str {
        match self {
            CertKey::Ed25519(_) => "ed25519",
            CertKey::Sm2(_) => "sm2",
        }
    }

    fn public_bytes(&self) -> Vec<u8> {
        match self {
            CertKey::Ed25519(k) => k.verifying_key().to_bytes().to_vec(),
            CertKey::Sm2(k) => k.verifying_key().to_sec1_bytes().to_vec(),
        }
    }

    /// The public key, hex (SM2: SEC1 uncompressed point).
    pub fn public_hex(&self) -> String {
        hex::encode(self.public_bytes())
    }

    /// A short id of the public key (SHA-256, first 8 bytes; `sm2:` before
    /// an SM2 key's).
    pub fn id(&self) -> String {
        let h = hex::encode(&sha2::Sha256::digest(self.public_bytes())[..8]);
        match self {
            CertKey::Ed25519(_) => h,
            CertKey::Sm2(_) => format!("sm2:{h}"),
        }
    }

    /// The signature of `canonical`, hex.
    pub fn sign(&self, canonical: &str) -> String {
        match self {
            CertKey::Ed25519(k) => hex::encode(k.sign(canonical.as_bytes()).to_bytes()),
            CertKey::Sm2(k) => {
                let sig: sm2::dsa::Signature = k.sign(canonical.as_bytes());
                hex::encode(sig.to_bytes())
            }
        }
    }

    /// Whether `signature` (hex) is this key's signature of `canonical`.
    pub fn verify(&self, canonical: &str, signature: &str) -> bool {
        let Ok(bytes) = hex::decode(signature) else {
            return false;
        };
        match self {
            CertKey::Ed25519(k) => Signature::from_slice(&bytes)
                .is_ok_and(|sig| k.verifying_key().verify(canonical.as_bytes(), &sig).is_ok()),
            CertKey::Sm2(k) => sm2::dsa::Signature::from_slice(&bytes)
                .is_ok_and(|sig| k.verifying_key().verify(canonical.as_bytes(), &sig).is_ok()),
        }
    }
}

fn parse(text: &str) -> Result<CertKey> {
    let text = text.trim();
    let (sm2, hex_key) = match text.strip_prefix("sm2:") {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix("ed25519:").unwrap_or(text)),
    };
    let bad = || {
        StdError::field(
            "certificateKey",
            "ANJIAN_CERTIFICATE_KEY 应为 64 位十六进制（国密 SM2 以 sm2: 开头）",
            "ANJIAN_CERTIFICATE_KEY must be 64 hex digits (sm2: before them for SM2)",
        )
    };
    let key = hex::decode(hex_key).map_err(|_| bad())?;
    let seed: [u8; 32] = key.try_into().map_err(|_| bad())?;
    if !sm2 {
        return Ok(CertKey::Ed25519(Box::new(SigningKey::from_bytes(&seed))));
    }
    let secret = sm2::SecretKey::from_slice(&seed).map_err(|_| bad())?;
    let k = sm2::dsa::SigningKey::new(SM2_DISTID, &secret).map_err(|_| bad())?;
    Ok(CertKey::Sm2(Box::new(k)))
}

/// Where a certificate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Valid,
    Expired,
    Revoked,
    Replaced,
}

/// A certificate as stored.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub tenant_id: String,
    pub number: String,
    pub application_id: String,
    pub enterprise_id: String,
    pub enterprise_uscc: String,
    pub enterprise_name: String,
    pub industry: String,
    pub grade: Grade,
    pub issued_at: i64,
    pub valid_until: i64,
    /// `valid`, `revoked` or `replaced` as stored; expiry is read from `valid_until`.
    pub stored_status: String,
    pub status_reason: Option<String>,
    pub issuer: String,
    pub canonical: String,
    pub signature: String,
    pub key_id: String,
}

impl Certificate {
    /// The status as of `now`.
    pub fn status(&self, now: i64) -> Status {
        match self.stored_status.as_str() {
            "revoked" => Status::Revoked,
            "replaced" => Status::Replaced,
            _ if now >= self.valid_until => Status::Expired,
            _ => Status::Valid,
        }
    }
}

impl Certificate {
    /// A valid certificate of application `a`, numbered `number`, issued by
    /// `issuer` at `issued_at` for `years`, signed with `key`.
    pub fn signed(
        a: &crate::store::Application,
        number: String,
        grade: Grade,
        issuer: String,
        issued_at: i64,
        years: u32,
        key: &CertKey,
    ) -> Certificate {
        let mut c = Certificate {
            tenant_id: a.tenant_id.clone(),
            number,
            application_id: a.id.clone(),
            enterprise_id: a.enterprise_id.clone(),
            enterprise_uscc: a.enterprise_uscc.clone(),
            enterprise_name: a.enterprise_name.clone(),
            industry: a.industry.clone(),
            grade,
            issued_at,
            valid_until: crate::certify::add_years(issued_at, years),
            stored_status: "valid".into(),
            status_reason: None,
            issuer,
            canonical: String::new(),
            signature: String::new(),
            key_id: key.id(),
        };
        c.canonical = canonical(&c);
        c.signature = key.sign(&c.canonical);
        c
    }
}

/// The canonical text signed: the certificate's fields as JSON with sorted keys.
pub fn canonical(c: &Certificate) -> String {
    let mut m = BTreeMap::new();
    m.insert("number", c.number.clone());
    m.insert("enterpriseName", c.enterprise_name.clone());
    m.insert("uscc", c.enterprise_uscc.clone());
    m.insert("industry", c.industry.clone());
    m.insert("grade", c.grade.as_str().to_string());
    m.insert("issuedAt", to_rfc3339(c.issued_at));
    m.insert("validUntil", to_rfc3339(c.valid_until));
    m.insert("issuer", c.issuer.clone());
    serde_json::to_string(&m).unwrap_or_default()
}

/// Checks the shape of a certificate number (region + AQB + industry +
/// grade numeral + year + 5 digits), so garbage is refused before a look-up.
pub fn check_number(n: &str) -> Result<()> {
    let chars: Vec<char> = n.chars().collect();
    let ok = chars.len() >= 14
        && n.contains("AQB")
        && chars[chars.len() - 9..].iter().all(|c| c.is_ascii_digit())
        && chars.iter().any(|c| matches!(c, 'Ⅰ' | 'Ⅱ' | 'Ⅲ'));
    if ok {
        Ok(())
    } else {
        Err(StdError::field(
            "number",
            &format!("证书编号格式无效：{n}"),
            &format!("malformed certificate number {n:?}"),
        ))
    }
}

/// Takes the next number of `prefix` in the caller's transaction: the
/// sequence row stays locked until commit, and a rollback gives the number
/// back, so numbers have no gaps and no duplicates.
pub async fn next_number(tx: &mut Tx, prefix: &str) -> Result<String> {
    let row = tx
        .one(
            sqlx::query(
                "INSERT INTO std_certificate_sequences (prefix, next) VALUES ($1, 2) \
                 ON CONFLICT (prefix) DO UPDATE SET next = std_certificate_sequences.next + 1 \
                 RETURNING next",
            )
            .bind(prefix.to_string()),
        )
        .await?;
    let next: i64 = row.try_get("next")?;
    let seq = next - 1;
    if seq > 99_999 {
        return Err(Error::conflict(
            format!("证书编号 {prefix} 当年序号已用尽"),
            format!("certificate numbers of {prefix} are used up this year"),
        )
        .into());
    }
    Ok(format!("{prefix}{seq:05}"))
}

/// The number prefix: region + AQB + industry + grade numeral + year.
pub fn prefix(region: &str, industry: &str, grade: Grade, year: i32) -> String {
    format!("{region}AQB{industry}{}{year}", grade.roman())
}

const COLS: &str = "tenant_id, number, application_id, enterprise_id, enterprise_uscc, enterprise_name, industry, \
    grade, issued_at, valid_until, status, status_reason, issuer, canonical, signature, key_id";

fn from_row(r: &AnyRow) -> Result<Certificate> {
    Ok(Certificate {
        tenant_id: r.try_get("tenant_id")?,
        number: r.try_get("number")?,
        application_id: r.try_get("application_id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        enterprise_uscc: r.try_get("enterprise_uscc")?,
        enterprise_name: r.try_get("enterprise_name")?,
        industry: r.try_get("industry")?,
        grade: Grade::parse(&r.try_get::<String, _>("grade")?)
            .map_err(|e| Error::Internal(e.message_en))?,
        issued_at: r.try_get("issued_at")?,
        valid_until: r.try_get("valid_until")?,
        stored_status: r.try_get("status")?,
        status_reason: r.try_get("status_reason")?,
        issuer: r.try_get("issuer")?,
        canonical: r.try_get("canonical")?,
        signature: r.try_get("signature")?,
        key_id: r.try_get("key_id")?,
    })
}

/// Stores a new certificate.
pub async fn insert(tx: &mut Tx, c: &Certificate) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO std_certificates ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)"
        ))
        .bind(c.tenant_id.clone())
        .bind(c.number.clone())
        .bind(c.application_id.clone())
        .bind(c.enterprise_id.clone())
        .bind(c.enterprise_uscc.clone())
        .bind(c.enterprise_name.clone())
        .bind(c.industry.clone())
        .bind(c.grade.as_str())
        .bind(c.issued_at)
        .bind(c.valid_until)
        .bind(c.stored_status.clone())
        .bind(c.status_reason.clone())
        .bind(c.issuer.clone())
        .bind(c.canonical.clone())
        .bind(c.signature.clone())
        .bind(c.key_id.clone()),
    )
    .await?;
    Ok(())
}

/// The certificate of `number` among the transaction's tenants.
pub async fn get(tx: &mut Tx, number: &str) -> Result<Option<Certificate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM std_certificates WHERE {{tenant}} AND number = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(number.to_string()))
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// The certificates of an enterprise, newest first.
pub async fn of_enterprise(tx: &mut Tx, enterprise_id: &str) -> Result<Vec<Certificate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM std_certificates WHERE {{tenant}} AND enterprise_id = $1 ORDER BY issued_at DESC"
    ))?;
    let rows = tx
        .all(sqlx::query(&sql).bind(enterprise_id.to_string()))
        .await?;
    rows.iter().map(from_row).collect()
}

/// The best grade of each enterprise of `tenant` holding a certificate still
/// valid at `now` (for the credit module's grading), as (enterprise id, grade).
pub async fn valid_grades(tx: &mut Tx, tenant: &str, now: i64) -> Result<Vec<(String, Grade)>> {
    let sql = tx.sql(
        "SELECT enterprise_id, MIN(grade) AS grade FROM std_certificates WHERE {tenant} AND tenant_id = $1 \
         AND status = 'valid' AND valid_until > $2 GROUP BY enterprise_id",
    )?;
    let rows = tx
        .all(sqlx::query(&sql).bind(tenant.to_string()).bind(now))
        .await?;
    rows.iter()
        .map(|r| {
            let g: String = r.try_get("grade")?;
            let g = Grade::parse(&g).map_err(|e| {
                Error::Internal(format!("stored certificate grade: {}", e.message_en))
            })?;
            Ok((r.try_get("enterprise_id")?, g))
        })
        .collect()
}

/// Sets a certificate's stored status (revoked, replaced) with its reason.
pub async fn set_status(tx: &mut Tx, c: &Certificate, status: &str, reason: &str) -> Result<()> {
    let sql = tx.sql(
        "UPDATE std_certificates SET status = $1, status_reason = $2 WHERE {tenant} AND tenant_id = $3 AND number = $4",
    )?;
    tx.exec(
        sqlx::query(&sql)
            .bind(status.to_string())
            .bind(reason.to_string())
            .bind(c.tenant_id.clone())
            .bind(c.number.clone()),
    )
    .await?;
    Ok(())
}

/// Valid certificates expiring between `from` and `to` (for reminders).
pub async fn expiring(tx: &mut Tx, from: i64, to: i64) -> Result<Vec<Certificate>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM std_certificates WHERE {{tenant}} AND status = 'valid' AND valid_until >= $1 AND valid_until < $2"
    ))?;
    let rows = tx.all(sqlx::query(&sql).bind(from).bind(to)).await?;
    rows.iter().map(from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_its_content() {
        let k = parse(&"11".repeat(32)).unwrap();
        let sig = k.sign("{\"number\":\"x\"}");
        assert!(k.verify("{\"number\":\"x\"}", &sig));
        assert!(!k.verify("{\"number\":\"y\"}", &sig));
        assert!(!k.verify("{\"number\":\"x\"}", "00"));
        assert!(!k.verify("{\"number\":\"x\"}", "zz"));
        assert!(parse("abc").is_err());
    }

    #[test]
    fn an_sm2_key_signs_and_verifies() {
        let k = parse(&format!("sm2:{}", "11".repeat(32))).unwrap();
        assert_eq!(k.algorithm(), "sm2");
        assert!(k.id().starts_with("sm2:"));
        let sig = k.sign("{\"number\":\"x\"}");
        assert!(k.verify("{\"number\":\"x\"}", &sig));
        assert!(!k.verify("{\"number\":\"y\"}", &sig));
        let ed = parse(&"11".repeat(32)).unwrap();
        assert!(
            !ed.verify("{\"number\":\"x\"}", &sig),
            "an SM2 signature is no Ed25519 one"
        );
        assert!(parse("sm2:00").is_err());
        assert!(
            parse(&format!("sm2:{}", "00".repeat(32))).is_err(),
            "zero is no SM2 key"
        );
    }

    #[test]
    fn numbers_have_their_shape() {
        let p = prefix("浙", "JX", Grade::Two, 2014);
        assert_eq!(format!("{p}{:05}", 1), "浙AQBJXⅡ201400001");
        assert!(check_number("浙AQBJXⅡ201400001").is_ok());
        assert!(check_number("浙AQBJX201400001").is_err());
        assert!(check_number("'; DROP TABLE x").is_err());
    }
}
