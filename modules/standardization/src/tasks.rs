//! Background work: a step whose deadline passes with the application still
//! in it is flagged overdue and its parties told; certificates near expiry
//! remind their enterprise to apply for re-review.

use crate::certify::EXPIRY_JOB;
use crate::error::Result;
use crate::service::{self, DEADLINE_JOB};
use crate::store;
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::{Scope, Tx};
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::{notify, users, Error, Platform};
use serde_json::json;
use std::sync::Arc;

/// Registers the module's jobs.
pub fn register(r: &mut Registry) {
    r.job(
        DEADLINE_JOB,
        Arc::new(|p, job| Box::pin(async move { deadline(&p, &job).await.map_err(Error::from) })),
    );
    r.job(
        crate::whole::WHOLE_REVIEW_JOB,
        Arc::new(|p, job| {
            Box::pin(async move { crate::whole::check(&p, &job).await.map_err(Error::from) })
        }),
    );
    r.job(
        EXPIRY_JOB,
        Arc::new(|p, job| Box::pin(async move { expiry(&p, &job).await.map_err(Error::from) })),
    );
}

/// Flags the application overdue if it still waits in the step of this deadline.
async fn deadline(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "applicationId")?.to_string();
    let at = job.payload["deadline"].as_i64().unwrap_or_default();
    let mut tx = p.db.write(Scope::All, None).await?;
    let Some(old) = store::get(&mut tx, &id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    if old.due_at != Some(at) || old.overdue || at > now_ms() {
        tx.rollback().await?;
        return Ok(());
    }
    let ctx = AuditCtx::system(p.audit_alg);
    let mut a = old.clone();
    a.overdue = true;
    a.version += 1;
    a.updated_at = now_ms();
    if !store::update(&mut tx, &a).await? {
        tx.rollback().await?;
        return Err(Error::Internal(format!("application {id} changed while flagging it")).into());
    }
    service::record(
        &mut tx,
        &ctx,
        &a,
        "overdue",
        Some(old.state),
        None,
        json!({"deadline": to_rfc3339(at)}),
    )
    .await?;
    let title = format!("标准化评审超期：{}", a.enterprise_name);
    let body = format!("{}（期限 {}）", a.state.zh(), to_rfc3339(at));
    let admins = users::with_role(&mut tx, &a.tenant_id, "county-admin").await?;
    post_all(&mut tx, &a.tenant_id, &admins, &title, &body, &a.id).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Reminds the enterprise's users that the certificate expires soon.
async fn expiry(p: &Platform, job: &Job) -> Result<()> {
    let number = jobs::payload_field(job, "number")?.to_string();
    let mut tx = p.db.write(Scope::All, None).await?;
    let Some(c) = crate::certificate::get(&mut tx, &number).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    if c.status(now_ms()) != crate::certificate::Status::Valid {
        tx.rollback().await?;
        return Ok(());
    }
    let title = format!("标准化证书即将到期：{}", c.number);
    let body = format!("有效期至 {}，请及时申请复评", to_rfc3339(c.valid_until));
    let list = users::of_enterprise(&mut tx, &c.tenant_id, &c.enterprise_uscc).await?;
    post_all(
        &mut tx,
        &c.tenant_id,
        &list,
        &title,
        &body,
        &c.application_id,
    )
    .await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

/// Posts a notification about application `app` to each of `list`.
pub(crate) async fn post_all(
    tx: &mut Tx,
    tenant: &str,
    list: &[String],
    title: &str,
    body: &str,
    app: &str,
) -> Result<()> {
    let link = format!("/standardization/{app}");
    for u in list {
        notify::post(tx, tenant, u, "standardization", title, body, Some(&link)).await?;
    }
    Ok(())
}
