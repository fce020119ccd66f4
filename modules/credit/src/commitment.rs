//! Public commitments (安全生产承诺): an enterprise's promise, public on its
//! profile; the county marks one broken, which lowers the grade.

use crate::error::{CreditError, Result};
use crate::service::{require_authority, text, Actor};
use crate::store::penalties::{self, Commitment};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use serde_json::json;

/// An enterprise (its own users) or the county makes a commitment.
pub async fn make(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    enterprise_id: &str,
    body: &str,
) -> Result<Commitment> {
    let body = text("text", body, 2000)?;
    let e = anjian_enterprise::store::get(tx, enterprise_id)
        .await?
        .ok_or(CreditError::NotFound("enterprise"))?;
    match &actor.enterprise {
        Some((t, id)) if t == &e.tenant_id && id == &e.id => {}
        Some(_) => return Err(CreditError::NotFound("enterprise")),
        None => require_authority(actor, &e.tenant_id)?,
    }
    let c = Commitment {
        tenant_id: e.tenant_id.clone(),
        id: new_id(),
        enterprise_id: e.id.clone(),
        text: body,
        made_at: now_ms(),
        made_by: actor.username.clone(),
        broken_at: None,
        broken_reason: None,
        broken_by: None,
    };
    penalties::insert_commitment(tx, &c).await?;
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "credit.commitment.make",
        "credit_commitment",
        &c.id,
        vec![Change::new("text", None, Some(json!(c.text)))],
    )
    .await?;
    crate::public::forget(e.record.uscc.as_str());
    Ok(c)
}

/// The county marks a commitment broken; the enterprise is regraded.
pub async fn break_it(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    reason: &str,
) -> Result<Commitment> {
    let reason = text("reason", reason, 2000)?;
    let c = penalties::commitment(tx, id)
        .await?
        .ok_or(CreditError::NotFound("commitment"))?;
    require_authority(actor, &c.tenant_id)?;
    if !penalties::break_commitment(tx, &c, now_ms(), &actor.username, &reason).await? {
        return Err(CreditError::conflict(
            "该承诺已认定违反",
            "the commitment is already marked broken",
        ));
    }
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "credit.commitment.break",
        "credit_commitment",
        &c.id,
        vec![Change::new("brokenReason", None, Some(json!(reason)))],
    )
    .await?;
    crate::grade::refresh(tx, &c.tenant_id, &c.enterprise_id).await?;
    penalties::commitment(tx, id)
        .await?
        .ok_or(CreditError::NotFound("commitment"))
}
