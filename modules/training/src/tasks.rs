//! Background work: papers submitted when their time is up (even when no
//! one is connected), certificate reminders and missed reviews.

use crate::error::Result;
use crate::service::{certs, exam};
use crate::store::exam::AttemptState;
use anjian_platform::db::Scope;
use anjian_platform::jobs::{self, Job, Registry};
use anjian_platform::time::now_ms;
use anjian_platform::{Error, Platform};
use std::sync::Arc;

/// Registers the module's jobs.
pub fn register(r: &mut Registry) {
    r.job(
        exam::AUTOSUBMIT_JOB,
        Arc::new(|p, job| Box::pin(async move { autosubmit(&p, &job).await.map_err(Error::from) })),
    );
    r.job(
        certs::REMINDER_JOB,
        Arc::new(|p, job| Box::pin(async move { remind(&p, &job).await.map_err(Error::from) })),
    );
    r.job(
        certs::REVIEW_DUE_JOB,
        Arc::new(|p, job| Box::pin(async move { review_due(&p, &job).await.map_err(Error::from) })),
    );
}

/// Submits the attempt if it is still open at its deadline.
async fn autosubmit(p: &Platform, job: &Job) -> Result<()> {
    let id = jobs::payload_field(job, "attemptId")?.to_string();
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    let Some(a) = crate::store::exam::attempt(&mut tx, &job.tenant_id, &id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    if a.state != AttemptState::Active {
        tx.rollback().await?;
        return Ok(());
    }
    if a.deadline_at > now_ms() {
        tx.rollback().await?;
        return Err(Error::Internal(format!("attempt {id} isn't due yet: retried")).into());
    }
    exam::finish(&mut tx, &a, "system").await?;
    tx.commit().await?;
    Ok(())
}

fn due(job: &Job) -> i64 {
    job.payload["due"].as_i64().unwrap_or_default()
}

async fn remind(p: &Platform, job: &Job) -> Result<()> {
    let number = jobs::payload_field(job, "number")?.to_string();
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    certs::remind(&mut tx, &number, due(job)).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(())
}

async fn review_due(p: &Platform, job: &Job) -> Result<()> {
    let number = jobs::payload_field(job, "number")?.to_string();
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    certs::review_due(&mut tx, &number, due(job)).await?;
    tx.commit().await?;
    Ok(())
}
