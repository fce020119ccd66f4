//! Issuing, revoking and replacing certificates, and the public check of
//! one: the steps that end the flow.

use crate::certificate::{self, canonical, CertKey, Certificate, Status};
use crate::error::{Result, StdError};
use crate::model::Party;
use crate::service::{self, Actor};
use crate::store::Application;
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::jobs;
use anjian_platform::tenancy::Directory;
use anjian_platform::time::now_ms;
use chrono::{Datelike, Months};
use serde_json::json;

/// Job kind: remind an enterprise to apply for re-review before expiry.
pub const EXPIRY_JOB: &str = "standardization.expiry_reminder";

pub(crate) fn add_years(ms: i64, years: u32) -> i64 {
    chrono::DateTime::from_timestamp_millis(ms)
        .and_then(|t| t.checked_add_months(Months::new(years * 12)))
        .map(|t| t.timestamp_millis())
        .unwrap_or(ms)
}

fn sub_months(ms: i64, months: u32) -> i64 {
    chrono::DateTime::from_timestamp_millis(ms)
        .and_then(|t| t.checked_sub_months(Months::new(months)))
        .map(|t| t.timestamp_millis())
        .unwrap_or(ms)
}

/// 发证: the next number of its prefix, valid for the province's years,
/// signed; the re-review reminder is queued.
pub async fn issue(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    key: Option<&CertKey>,
    id: &str,
) -> Result<(Application, Certificate)> {
    let key = require_key(key)?;
    let current = service::visible(tx, actor, id).await?;
    let rules = service::rules(tx).await?;
    let now = now_ms();
    let year = chrono::DateTime::from_timestamp_millis(now)
        .map(|t| t.year())
        .unwrap_or(1970);
    let grade = current.applied_grade;
    let prefix = certificate::prefix(&rules.region_abbreviation, &current.industry, grade, year);
    // The state check comes first, so a refused step takes no number (and
    // the transaction's rollback gives back one it took).
    let details = json!({"prefix": prefix});
    let a = service::transition(
        tx,
        ctx,
        dir,
        actor,
        id,
        "issue_certificate",
        None,
        |_, _, _| Ok(details),
    )
    .await?;
    let number = certificate::next_number(tx, &prefix).await?;
    let c = Certificate::signed(
        &a,
        number.clone(),
        grade,
        actor.tenant.clone(),
        now,
        rules.certificate_years,
        key,
    );
    certificate::insert(tx, &c).await?;
    issued(tx, &c).await?;
    let mut a = a;
    a.certificate_number = Some(number.clone());
    a.version += 1;
    if !crate::store::update(tx, &a).await? {
        return Err(StdError::Concurrent);
    }
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "standardization.certificate_issued",
        "std_certificate",
        &c.number,
        vec![Change::new("status", None, Some(json!("valid")))],
    )
    .await?;
    let remind_at = sub_months(c.valid_until, rules.reminder_months);
    jobs::enqueue(
        tx,
        &c.tenant_id,
        EXPIRY_JOB,
        &json!({"number": c.number}),
        remind_at,
        Some(&format!("{EXPIRY_JOB}:{}", c.number)),
        5,
    )
    .await?;
    Ok((a, c))
}

fn require_key(key: Option<&CertKey>) -> Result<&CertKey> {
    key.ok_or_else(|| {
        anjian_platform::Error::conflict(
            "未配置证书签名密钥（ANJIAN_CERTIFICATE_KEY），不能发证",
            "no certificate signing key is configured (ANJIAN_CERTIFICATE_KEY)",
        )
        .into()
    })
}

/// 换发: a valid certificate is replaced by a new number (this year's
/// sequence) with the same grade and validity, signed afresh; the old one
/// is marked replaced and the application points to the new one.
pub async fn replace(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    key: Option<&CertKey>,
    number: &str,
    reason: String,
) -> Result<Certificate> {
    let key = require_key(key)?;
    let old = certificate::get(tx, number)
        .await?
        .ok_or(StdError::NotFound("certificate"))?;
    let mut a = service::visible(tx, actor, &old.application_id).await?;
    authority(dir, actor, &a)?;
    let now = now_ms();
    if old.status(now) != Status::Valid {
        return Err(anjian_platform::Error::conflict(
            "证书已失效，不能换发",
            "the certificate is no longer valid: it can't be replaced",
        )
        .into());
    }
    let rules = service::rules(tx).await?;
    let year = chrono::DateTime::from_timestamp_millis(now)
        .map(|t| t.year())
        .unwrap_or(1970);
    let prefix = certificate::prefix(&rules.region_abbreviation, &old.industry, old.grade, year);
    let mut c = Certificate {
        number: certificate::next_number(tx, &prefix).await?,
        issued_at: now,
        issuer: actor.tenant.clone(),
        stored_status: "valid".into(),
        status_reason: None,
        key_id: key.id(),
        ..old.clone()
    };
    c.canonical = canonical(&c);
    c.signature = key.sign(&c.canonical);
    certificate::set_status(
        tx,
        &old,
        "replaced",
        &format!("{reason}（换发为 {}）", c.number),
    )
    .await?;
    certificate::insert(tx, &c).await?;
    a.certificate_number = Some(c.number.clone());
    a.version += 1;
    a.updated_at = now;
    if !crate::store::update(tx, &a).await? {
        return Err(StdError::Concurrent);
    }
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "standardization.certificate_replaced",
        "std_certificate",
        &old.number,
        vec![
            Change::new("status", Some(json!("valid")), Some(json!("replaced"))),
            Change::new("replacement", None, Some(json!(c.number))),
            Change::new("reason", None, Some(json!(reason))),
        ],
    )
    .await?;
    Ok(c)
}

/// The event of a revoked certificate (for the credit module).
pub const REVOKED_EVENT: &str = "standardization.certificate_revoked";
/// The event of an issued certificate (grades that track it are recomputed).
pub const ISSUED_EVENT: &str = "standardization.certificate_issued";

/// Records the issue event in the caller's transaction.
async fn issued(tx: &mut Tx, c: &Certificate) -> Result<()> {
    anjian_platform::events::emit(
        tx,
        &c.tenant_id,
        ISSUED_EVENT,
        &json!({"number": c.number, "enterpriseId": c.enterprise_id, "uscc": c.enterprise_uscc,
                "name": c.enterprise_name, "grade": c.grade.as_str()}),
    )
    .await?;
    Ok(())
}

/// Revokes a certificate (撤销) with its reason.
pub async fn revoke(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    number: &str,
    reason: String,
) -> Result<Certificate> {
    let c = certificate::get(tx, number)
        .await?
        .ok_or(StdError::NotFound("certificate"))?;
    let a = service::visible(tx, actor, &c.application_id).await?;
    authority(dir, actor, &a)?;
    if c.status(now_ms()) != Status::Valid {
        return Err(anjian_platform::Error::conflict(
            "证书已失效，不能撤销",
            "the certificate is no longer valid",
        )
        .into());
    }
    certificate::set_status(tx, &c, "revoked", &reason).await?;
    anjian_platform::events::emit(
        tx,
        &c.tenant_id,
        REVOKED_EVENT,
        &json!({"number": c.number, "enterpriseId": c.enterprise_id, "uscc": c.enterprise_uscc,
                "name": c.enterprise_name, "grade": c.grade.as_str(), "reason": reason}),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "standardization.certificate_revoked",
        "std_certificate",
        &c.number,
        vec![
            Change::new("status", Some(json!("valid")), Some(json!("revoked"))),
            Change::new("reason", None, Some(json!(reason))),
        ],
    )
    .await?;
    certificate::get(tx, number)
        .await?
        .ok_or(StdError::NotFound("certificate"))
}

fn authority(dir: &Directory, actor: &Actor, a: &Application) -> Result<()> {
    service::authorize_party(dir, actor, a, Party::Authority)
}

/// Signatures already verified, by signature: the digest of the key and
/// text they verified for. A public check repeats for the same certificate
/// (every scan of its QR code); the answer can't change, so it is kept.
static VERIFIED: std::sync::LazyLock<std::sync::Mutex<lru::LruCache<String, [u8; 32]>>> =
    std::sync::LazyLock::new(|| {
        std::sync::Mutex::new(lru::LruCache::new(
            std::num::NonZeroUsize::new(100_000).unwrap_or(std::num::NonZeroUsize::MIN),
        ))
    });

/// Whether `c`'s signature is `k`'s over `text`, from the cache when it was
/// verified before for the same key and text.
fn verified(k: &CertKey, c: &Certificate, text: &str) -> bool {
    use sha2::Digest;
    let id = k.id();
    if id != c.key_id {
        return false;
    }
    let digest: [u8; 32] = sha2::Sha256::new()
        .chain_update(id.as_bytes())
        .chain_update([0])
        .chain_update(text.as_bytes())
        .finalize()
        .into();
    if let Ok(mut m) = VERIFIED.lock() {
        if m.get(&c.signature) == Some(&digest) {
            return true;
        }
    }
    let ok = k.verify(text, &c.signature);
    if ok {
        if let Ok(mut m) = VERIFIED.lock() {
            m.put(c.signature.clone(), digest);
        }
    }
    ok
}

/// What the public sees of a certificate.
pub struct Lookup {
    pub certificate: Certificate,
    pub status: Status,
    /// The stored signature verifies with the configured key.
    pub signature_valid: bool,
}

/// The public check of a certificate number, and of the signature a QR
/// code carried: a malformed number or a signature that isn't this
/// certificate's is a field error; an unknown number is not found.
pub async fn lookup(
    tx: &mut Tx,
    key: Option<&CertKey>,
    number: &str,
    signature: Option<&str>,
) -> Result<Lookup> {
    certificate::check_number(number)?;
    let c = certificate::get(tx, number)
        .await?
        .ok_or(StdError::NotFound("certificate"))?;
    let text = canonical(&c);
    let signature_valid = key.is_some_and(|k| verified(k, &c, &text)) && c.canonical == text;
    if let Some(s) = signature {
        if s.trim() != c.signature || !signature_valid {
            return Err(StdError::field(
                "signature",
                "签名与证书不符：该证书可能是伪造的",
                "the signature does not match the certificate: it may be forged",
            ));
        }
    }
    Ok(Lookup {
        status: c.status(now_ms()),
        certificate: c,
        signature_valid,
    })
}
