//! Certificates (证书): issuing on a valid pass, signed with the platform's
//! certificate key (the scheme of the standardization certificates); reviews
//! of special operation certificates (复审), renewal (延期换证), suspension,
//! revocation; reminders and missed reviews through the job queue; and the
//! public check by number and ID number.

use super::{add_months, DAY_MS};
use crate::error::{Result, TrError};
use crate::model::{mask, Category, CertStatus, RevokeReason, Rules};
use crate::store::certs::{self, CertEvent, Certificate};
use crate::store::{exam, people};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::jobs;
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_standardization::certificate::CertKey;
use chrono::{Datelike, TimeZone, Utc};
use serde_json::json;

/// Reminds the holder and the county of a review or expiry coming.
pub const REMINDER_JOB: &str = "training.cert_reminder";
/// Revokes a certificate whose review date passed unreviewed.
pub const REVIEW_DUE_JOB: &str = "training.cert_review_due";

/// The letter of a category in certificate numbers.
fn code(c: Category) -> &'static str {
    match c {
        Category::Principal => "Z",
        Category::SafetyManager => "A",
        Category::SpecialOperations => "T",
    }
}

/// What a certificate's signature covers.
pub fn canonical(c: &Certificate) -> String {
    format!(
        "anjian-training-certificate/1|{}|{}|{}|{}|{}|{}|{}",
        c.number,
        c.id_number,
        c.name,
        c.category.as_str(),
        c.operation_item.as_deref().unwrap_or(""),
        c.issued_at,
        c.valid_until
    )
}

fn event(action: &str, note: &str, by: &str) -> CertEvent {
    CertEvent {
        action: action.into(),
        note: note.into(),
        at: now_ms(),
        by: by.into(),
    }
}

/// When the certificate is next reviewed: special operations every
/// `review_months` (every `clean_review_months` once held `clean_years`
/// without a suspension), never past expiry; others are not reviewed.
fn next_review(c: &Certificate, r: &Rules, from: i64, clean: bool) -> Option<i64> {
    if c.category != Category::SpecialOperations {
        return None;
    }
    let months = if clean {
        r.clean_review_months
    } else {
        r.review_months
    };
    let at = add_months(from, months);
    (at < c.valid_until).then_some(at)
}

/// Queues the reminder and, for reviews, the missed-review check.
async fn schedule(tx: &mut Tx, c: &Certificate, r: &Rules) -> Result<()> {
    let due = c.next_review_at.unwrap_or(c.valid_until);
    let payload = json!({"number": c.number, "due": due});
    jobs::enqueue(
        tx,
        &c.tenant_id,
        REMINDER_JOB,
        &payload,
        (due - i64::from(r.reminder_days) * DAY_MS).max(now_ms()),
        Some(&format!("cert-reminder:{}:{due}", c.number)),
        5,
    )
    .await?;
    if c.next_review_at.is_some() {
        jobs::enqueue(
            tx,
            &c.tenant_id,
            REVIEW_DUE_JOB,
            &payload,
            due,
            Some(&format!("cert-review:{}:{due}", c.number)),
            5,
        )
        .await?;
    }
    Ok(())
}

/// Issues a certificate for the candidate's valid pass.
pub async fn issue(
    tx: &mut Tx,
    ctx: &AuditCtx,
    key: Option<&CertKey>,
    candidate: &str,
) -> Result<Certificate> {
    let key = key.ok_or_else(|| {
        TrError::conflict(
            "未配置证书签名密钥（ANJIAN_CERTIFICATE_KEY）",
            "no certificate signing key is configured",
        )
    })?;
    let c = super::people::visible(tx, candidate).await?;
    tx.ensure_writable(&c.tenant_id)?;
    let now = now_ms();
    let passed = exam::results(tx, None, Some(&c.id))
        .await?
        .into_iter()
        .any(|r| r.passed && r.valid_until.is_some_and(|v| v > now));
    if !passed {
        return Err(TrError::conflict(
            "该考生没有有效期内的合格成绩",
            "the candidate has no valid pass (a pass counts 12 months)",
        ));
    }
    let held = certs::of_candidate(tx, &c.tenant_id, &c.id).await?;
    if held.iter().any(|h| {
        matches!(h.status, CertStatus::Valid | CertStatus::Suspended) && h.valid_until > now
    }) {
        return Err(TrError::conflict(
            "该考生已持有此类证书",
            "the candidate already holds this certificate",
        ));
    }
    let rules = super::rules(tx).await?;
    let year = Utc
        .timestamp_millis_opt(now)
        .single()
        .map_or(2026, |t| t.year());
    let prefix = format!("{}{}{year}", c.tenant_id, code(c.category));
    let seq = certs::next_number(tx, &c.tenant_id, &prefix).await?;
    let mut cert = Certificate {
        tenant_id: c.tenant_id.clone(),
        number: format!("{prefix}{seq:05}"),
        candidate_id: c.id.clone(),
        id_number: c.id_number.clone(),
        name: c.name.clone(),
        category: c.category,
        operation_item: c.operation_item.clone(),
        issued_at: now,
        valid_until: add_months(now, rules.cert_months(c.category)),
        next_review_at: None,
        status: CertStatus::Valid,
        canonical: String::new(),
        signature: String::new(),
        key_id: key.id(),
    };
    cert.next_review_at = next_review(&cert, &rules, now, false);
    cert.canonical = canonical(&cert);
    cert.signature = key.sign(&cert.canonical);
    certs::insert(tx, &cert).await?;
    certs::add_event(tx, &cert, &event("issue", "", &ctx.actor)).await?;
    schedule(tx, &cert, &rules).await?;
    audit::record(
        tx,
        ctx,
        &cert.tenant_id,
        "training.certificate.issue",
        "training_certificate",
        &cert.number,
        vec![Change::new("candidate", None, Some(json!(c.id)))],
    )
    .await?;
    Ok(cert)
}

/// A certificate the transaction may see, or NOT_FOUND.
pub async fn visible(tx: &mut Tx, number: &str) -> Result<Certificate> {
    certs::get(tx, number.trim())
        .await?
        .ok_or(TrError::NotFound("certificate"))
}

async fn change(
    tx: &mut Tx,
    ctx: &AuditCtx,
    c: &Certificate,
    action: &str,
    note: &str,
) -> Result<()> {
    certs::update(tx, c).await?;
    certs::add_event(tx, c, &event(action, note, &ctx.actor)).await?;
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        &format!("training.certificate.{action}"),
        "training_certificate",
        &c.number,
        vec![Change::new("status", None, Some(json!(c.status.as_str())))],
    )
    .await?;
    Ok(())
}

/// 复审: a passed review moves the next review on; a failed one suspends.
pub async fn review(
    tx: &mut Tx,
    ctx: &AuditCtx,
    number: &str,
    passed: bool,
    note: &str,
) -> Result<Certificate> {
    let mut c = visible(tx, number).await?;
    tx.ensure_writable(&c.tenant_id)?;
    if c.status != CertStatus::Valid || c.next_review_at.is_none() {
        return Err(TrError::conflict(
            "只有有效且需复审的特种作业操作证可以复审",
            "only a valid special operations certificate with a review due can be reviewed",
        ));
    }
    let note = super::text("note", note, 500)?;
    let rules = super::rules(tx).await?;
    let now = now_ms();
    if passed {
        let history = certs::events(tx, &c.tenant_id, &c.number).await?;
        let clean = !history.iter().any(|e| e.action == "suspend")
            && now - c.issued_at >= i64::from(rules.clean_years) * 365 * DAY_MS;
        c.next_review_at = next_review(&c, &rules, now, clean);
        change(tx, ctx, &c, "review", &note).await?;
        schedule(tx, &c, &rules).await?;
    } else {
        c.status = CertStatus::Suspended;
        change(tx, ctx, &c, "review_failed", &note).await?;
    }
    Ok(c)
}

/// 延期换证: a new certificate (a new number) from today; the old one is
/// cancelled. Only a valid certificate within the reminder lead of expiry.
pub async fn renew(
    tx: &mut Tx,
    ctx: &AuditCtx,
    key: Option<&CertKey>,
    number: &str,
) -> Result<Certificate> {
    let mut old = visible(tx, number).await?;
    tx.ensure_writable(&old.tenant_id)?;
    let rules = super::rules(tx).await?;
    let now = now_ms();
    if old.status != CertStatus::Valid {
        return Err(TrError::conflict(
            "只有有效的证书可以换证",
            "only a valid certificate is renewed",
        ));
    }
    if now < old.valid_until - i64::from(rules.reminder_days) * DAY_MS * 3 {
        return Err(TrError::conflict(
            format!(
                "证书有效期至 {}，尚未到换证时间",
                to_rfc3339(old.valid_until)
            ),
            "the certificate isn't near its expiry yet",
        ));
    }
    old.status = CertStatus::Cancelled;
    change(tx, ctx, &old, "cancel", "renewed").await?;
    let fresh = issue_renewal(tx, key, &old, &rules).await?;
    certs::add_event(tx, &fresh, &event("renew", &old.number, &ctx.actor)).await?;
    Ok(fresh)
}

async fn issue_renewal(
    tx: &mut Tx,
    key: Option<&CertKey>,
    old: &Certificate,
    rules: &Rules,
) -> Result<Certificate> {
    let key = key.ok_or_else(|| {
        TrError::conflict(
            "未配置证书签名密钥（ANJIAN_CERTIFICATE_KEY）",
            "no certificate signing key is configured",
        )
    })?;
    let now = now_ms();
    let year = Utc
        .timestamp_millis_opt(now)
        .single()
        .map_or(2026, |t| t.year());
    let prefix = format!("{}{}{year}", old.tenant_id, code(old.category));
    let seq = certs::next_number(tx, &old.tenant_id, &prefix).await?;
    let mut c = Certificate {
        number: format!("{prefix}{seq:05}"),
        issued_at: now,
        valid_until: add_months(now, rules.cert_months(old.category)),
        next_review_at: None,
        status: CertStatus::Valid,
        key_id: key.id(),
        ..old.clone()
    };
    c.next_review_at = next_review(&c, rules, now, false);
    c.canonical = canonical(&c);
    c.signature = key.sign(&c.canonical);
    certs::insert(tx, &c).await?;
    schedule(tx, &c, rules).await?;
    Ok(c)
}

/// 暂扣.
pub async fn suspend(
    tx: &mut Tx,
    ctx: &AuditCtx,
    number: &str,
    reason: &str,
) -> Result<Certificate> {
    let mut c = visible(tx, number).await?;
    tx.ensure_writable(&c.tenant_id)?;
    let reason = super::text("reason", reason, 500)?;
    if c.status != CertStatus::Valid {
        return Err(TrError::conflict(
            "只有有效的证书可以暂扣",
            "only a valid certificate is suspended",
        ));
    }
    c.status = CertStatus::Suspended;
    change(tx, ctx, &c, "suspend", &reason).await?;
    Ok(c)
}

/// 撤销: for fraud, an accident, or a missed review.
pub async fn revoke(
    tx: &mut Tx,
    ctx: &AuditCtx,
    number: &str,
    reason: RevokeReason,
    note: &str,
) -> Result<Certificate> {
    let mut c = visible(tx, number).await?;
    tx.ensure_writable(&c.tenant_id)?;
    if !matches!(c.status, CertStatus::Valid | CertStatus::Suspended) {
        return Err(TrError::conflict(
            "证书已撤销或注销",
            "the certificate is already revoked or cancelled",
        ));
    }
    c.status = CertStatus::Revoked;
    let note = format!("{}：{}", reason.zh(), note.trim());
    change(tx, ctx, &c, "revoke", &note).await?;
    Ok(c)
}

/// The job of a review date: still unreviewed (the date unchanged) and
/// valid, the certificate is revoked for a missed review.
pub async fn review_due(tx: &mut Tx, number: &str, due: i64) -> Result<()> {
    let Some(mut c) = certs::get(tx, number).await? else {
        return Ok(());
    };
    if c.status != CertStatus::Valid || c.next_review_at != Some(due) || due > now_ms() {
        return Ok(());
    }
    c.status = CertStatus::Revoked;
    certs::update(tx, &c).await?;
    certs::add_event(
        tx,
        &c,
        &event("revoke", RevokeReason::MissedReview.zh(), "system"),
    )
    .await?;
    Ok(())
}

/// The job of a reminder: tells the county's admins and the holder's account.
pub async fn remind(tx: &mut Tx, number: &str, due: i64) -> Result<()> {
    let Some(c) = certs::get(tx, number).await? else {
        return Ok(());
    };
    if c.status != CertStatus::Valid || c.next_review_at.unwrap_or(c.valid_until) != due {
        return Ok(());
    }
    let what = if c.next_review_at.is_some() {
        "复审"
    } else {
        "到期"
    };
    let title = format!("证书即将{what}：{}", c.number);
    let body = format!(
        "{}（{}）将于 {} {what}，请及时办理",
        c.name,
        mask(&c.id_number),
        to_rfc3339(due)
    );
    let mut to = anjian_platform::users::with_role(tx, &c.tenant_id, "county-admin").await?;
    if let Some(u) = people::get(tx, &c.candidate_id)
        .await?
        .and_then(|p| p.username)
    {
        to.extend(user_id(tx, &c.tenant_id, &u).await?);
    }
    let link = format!("/training/certificates?number={}", c.number);
    for u in to {
        anjian_platform::notify::post(tx, &c.tenant_id, &u, "training", &title, &body, Some(&link))
            .await?;
    }
    Ok(())
}

async fn user_id(tx: &mut Tx, tenant: &str, username: &str) -> Result<Option<String>> {
    let sql = tx.sql("SELECT id FROM users WHERE {tenant} AND tenant_id = $1 AND username = $2")?;
    Ok(tx
        .opt(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(username.to_string()),
        )
        .await?
        .map(|r| sqlx::Row::try_get::<String, _>(&r, "id"))
        .transpose()?)
}

/// What the public check shows.
pub struct PublicCheck {
    pub certificate: Certificate,
    pub signature_valid: bool,
}

/// 证书查询: by number and the holder's ID number together (either alone
/// tells nothing); the signature checked against the key.
pub async fn check(
    tx: &mut Tx,
    key: Option<&CertKey>,
    number: &str,
    id_number: &str,
) -> Result<PublicCheck> {
    let c = certs::get(tx, number.trim())
        .await?
        .filter(|c| c.id_number == id_number.trim().to_ascii_uppercase())
        .ok_or(TrError::NotFound("certificate"))?;
    let signature_valid = key.is_some_and(|k| {
        k.id() == c.key_id && canonical(&c) == c.canonical && k.verify(&c.canonical, &c.signature)
    });
    Ok(PublicCheck {
        certificate: c,
        signature_valid,
    })
}
