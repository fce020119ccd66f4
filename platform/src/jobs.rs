//! A durable job queue in the database: jobs run once across instances
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL), retry with exponential backoff,
//! survive restarts (expired leases are reclaimed), and are released on shutdown.

use crate::db::{Backend, Scope, Tx};
use crate::error::{Error, Result};
use crate::platform::Platform;
use crate::time::{new_id, now_ms};
use futures::future::BoxFuture;
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// A claimed job handed to its handler.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub tenant_id: String,
    pub id: String,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i64,
    /// The worker holding the job's lease (see [`complete`]).
    #[serde(skip)]
    pub worker: String,
}

/// A job handler.
pub type JobFn = Arc<dyn Fn(Platform, Job) -> BoxFuture<'static, Result<()>> + Send + Sync>;

/// Job kinds and event subscriptions, filled by modules at start.
#[derive(Default, Clone)]
pub struct Registry {
    jobs: HashMap<String, JobFn>,
    events: HashMap<String, Vec<String>>,
    recurring: Vec<(String, i64)>,
}

impl Registry {
    /// Registers the handler of a job kind.
    pub fn job(&mut self, kind: &str, f: JobFn) {
        self.jobs.insert(kind.to_string(), f);
    }

    /// Subscribes handler `name` to events of `event_kind`.
    pub fn on_event(&mut self, event_kind: &str, name: &str, f: JobFn) {
        self.events
            .entry(event_kind.to_string())
            .or_default()
            .push(name.to_string());
        self.job(&format!("event:{name}"), f);
    }

    /// Runs `kind` once per `period` (across every instance), in the root tenant.
    pub fn recurring(&mut self, kind: &str, period: Duration, f: JobFn) {
        self.job(kind, f);
        self.recurring
            .push((kind.to_string(), period.as_millis().max(1000) as i64));
    }

    pub fn handlers_of(&self, event_kind: &str) -> Vec<String> {
        self.events.get(event_kind).cloned().unwrap_or_default()
    }

    pub fn kinds(&self) -> Vec<String> {
        let mut v: Vec<String> = self.jobs.keys().cloned().collect();
        v.sort();
        v
    }
}

/// Schedules a job in the caller's transaction. With a dedupe key, scheduling
/// the same key twice keeps the first.
pub async fn enqueue(
    tx: &mut Tx,
    tenant: &str,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
    dedupe_key: Option<&str>,
    max_attempts: i64,
) -> Result<String> {
    tx.ensure_writable(tenant)?;
    let id = new_id();
    let now = now_ms();
    tx.exec(
        sqlx::query(
            "INSERT INTO jobs (tenant_id, id, kind, payload, dedupe_key, run_at, status, attempts, max_attempts, \
             created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,'queued',0,$7,$8,$8) \
             ON CONFLICT (tenant_id, dedupe_key) DO NOTHING",
        )
        .bind(tenant.to_string())
        .bind(id.clone())
        .bind(kind.to_string())
        .bind(payload.to_string())
        .bind(dedupe_key.map(str::to_string))
        .bind(run_at)
        .bind(max_attempts.max(1))
        .bind(now),
    )
    .await?;
    Ok(id)
}

/// One job of [`enqueue_many`]: its payload, when it runs, its dedupe key.
pub type NewJob = (serde_json::Value, i64, Option<String>);

/// Schedules many jobs of one kind and tenant in multi-row statements, as
/// [`enqueue`] does one by one.
pub async fn enqueue_many(
    tx: &mut Tx,
    tenant: &str,
    kind: &str,
    jobs: &[NewJob],
    max_attempts: i64,
) -> Result<()> {
    tx.ensure_writable(tenant)?;
    let now = now_ms();
    let b = tx.backend();
    let per = match b {
        crate::db::Backend::Sqlite => crate::db::SQLITE_ANONYMOUS_PARAMS / 10,
        crate::db::Backend::Postgres => 1000,
    };
    for chunk in jobs.chunks(per) {
        // Nine parameters a row, around the constant status and attempts.
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| {
                let p: Vec<String> = (1..=9)
                    .map(|c| match b {
                        crate::db::Backend::Sqlite => "?".to_string(),
                        crate::db::Backend::Postgres => format!("${}", r * 9 + c),
                    })
                    .collect();
                format!("({},'queued',0,{})", p[..6].join(","), p[6..].join(","))
            })
            .collect();
        let sql = format!(
            "INSERT INTO jobs (tenant_id, id, kind, payload, dedupe_key, run_at, status, attempts, max_attempts, \
             created_at, updated_at) VALUES {} ON CONFLICT (tenant_id, dedupe_key) DO NOTHING",
            rows.join(",")
        );
        let mut q = sqlx::query(&sql).persistent(false);
        for (payload, run_at, key) in chunk {
            q = q
                .bind(tenant.to_string())
                .bind(new_id())
                .bind(kind.to_string())
                .bind(payload.to_string())
                .bind(key.clone())
                .bind(*run_at)
                .bind(max_attempts.max(1))
                .bind(now)
                .bind(now);
        }
        tx.exec(q).await?;
    }
    Ok(())
}

/// A job as admins see it.
#[derive(Debug, Clone, Serialize)]
pub struct JobInfo {
    pub tenant_id: String,
    pub id: String,
    pub kind: String,
    pub status: String,
    pub run_at: i64,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub updated_at: i64,
}

/// Jobs in scope, newest first, optionally by status.
pub async fn list(
    tx: &mut Tx,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<JobInfo>, i64)> {
    let filter = if status.is_some() {
        " AND status = $1"
    } else {
        ""
    };
    let count_sql = tx.sql(&format!(
        "SELECT COUNT(*) FROM jobs WHERE {{tenant}}{filter}"
    ))?;
    let sql = tx.sql(&format!(
        "SELECT tenant_id, id, kind, status, run_at, attempts, max_attempts, last_error, updated_at \
         FROM jobs WHERE {{tenant}}{filter} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let (mut cq, mut q) = (sqlx::query(&count_sql), sqlx::query(&sql));
    if let Some(s) = status {
        cq = cq.bind(s.to_string());
        q = q.bind(s.to_string());
    }
    let total = tx.scalar(cq).await?;
    let rows = tx.all(q).await?;
    let list = rows
        .iter()
        .map(|r| {
            Ok(JobInfo {
                tenant_id: r.try_get("tenant_id")?,
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                status: r.try_get("status")?,
                run_at: r.try_get("run_at")?,
                attempts: r.try_get("attempts")?,
                max_attempts: r.try_get("max_attempts")?,
                last_error: r.try_get("last_error")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok((list, total))
}

/// Counts of jobs by status (for metrics).
pub async fn counts(p: &Platform) -> Result<Vec<(String, i64)>> {
    let mut tx = p.db.read(Scope::All, None).await?;
    let sql = tx.sql("SELECT status, COUNT(*) AS n FROM jobs WHERE {tenant} GROUP BY status")?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    tx.commit().await?;
    rows.iter()
        .map(|r| Ok((r.try_get("status")?, r.try_get("n")?)))
        .collect()
}

/// How long a claimed job is its worker's (`ANJIAN_JOBS_LEASE_MS`): a job
/// whose worker died is taken by another after this.
fn lease_ms(p: &Platform) -> i64 {
    p.config.jobs_lease_ms.max(1000) as i64
}

/// Marks a running job done in the handler's own transaction, so that what
/// the handler wrote commits together with the job's end: exactly once,
/// also when a worker dies after committing (its job is then done, never
/// run again) or loses its lease (this fails, and the handler's writes roll
/// back while the new holder runs it).
pub async fn complete(tx: &mut Tx, job: &Job) -> Result<()> {
    let sql = tx.sql(
        "UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, \
         updated_at = $1, last_error = NULL \
         WHERE {tenant} AND tenant_id = $2 AND id = $3 AND locked_by = $4 AND status = 'running'",
    )?;
    let (tenant, id, worker) = (job.tenant_id.clone(), job.id.clone(), job.worker.clone());
    let q = sqlx::query(&sql)
        .bind(now_ms())
        .bind(tenant)
        .bind(id.clone())
        .bind(worker);
    if tx.exec(q).await? == 1 {
        return Ok(());
    }
    Err(Error::Conflict {
        zh: format!("任务 {id} 的租约已过期，已由其他实例接手"),
        en: format!("job {id} is no longer this worker's (its lease expired)"),
    })
}

/// Claims due jobs (and jobs whose lease expired) for this worker.
pub async fn claim(p: &Platform, worker: &str, limit: i64) -> Result<Vec<Job>> {
    let mut tx = p.db.write(Scope::All, None).await?;
    let now = now_ms();
    // A job whose worker died on its last attempt fails instead of looping forever.
    let dead = tx.sql(
        "UPDATE jobs SET status = 'failed', last_error = 'lease expired on the last attempt (worker died?)', \
         locked_by = NULL, locked_until = NULL, updated_at = $1 \
         WHERE {tenant} AND status = 'running' AND locked_until < $1 AND attempts >= max_attempts",
    )?;
    tx.exec(sqlx::query(&dead).bind(now)).await?;
    let lock = if tx.backend() == Backend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = tx.sql(&format!(
        "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3 \
         WHERE {{tenant}} AND (tenant_id, id) IN (SELECT tenant_id, id FROM jobs WHERE {{tenant}} AND \
         ((status = 'queued' AND run_at <= $3) OR (status = 'running' AND locked_until < $3 AND attempts < max_attempts)) \
         ORDER BY run_at LIMIT {limit}{lock}) \
         RETURNING tenant_id, id, kind, payload, attempts"
    ))?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(worker.to_string())
                .bind(now + lease_ms(p))
                .bind(now),
        )
        .await?;
    tx.commit().await?;
    rows.iter()
        .map(|r| {
            Ok(Job {
                tenant_id: r.try_get("tenant_id")?,
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                payload: serde_json::from_str(&r.try_get::<String, _>("payload")?)?,
                attempts: r.try_get("attempts")?,
                worker: worker.to_string(),
            })
        })
        .collect()
}

async fn finish(
    p: &Platform,
    job: &Job,
    worker: &str,
    outcome: std::result::Result<(), String>,
) -> Result<()> {
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    let now = now_ms();
    match outcome {
        Ok(()) => {
            let sql = tx.sql("UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, updated_at = $1, last_error = NULL WHERE {tenant} AND tenant_id = $2 AND id = $3 AND locked_by = $4")?;
            tx.exec(
                sqlx::query(&sql)
                    .bind(now)
                    .bind(job.tenant_id.clone())
                    .bind(job.id.clone())
                    .bind(worker.to_string()),
            )
            .await?;
        }
        Err(msg) => {
            let backoff = 1000i64 * 2i64.pow(job.attempts.clamp(0, 12) as u32);
            let sql = tx.sql(
                "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, \
                 run_at = $1, locked_by = NULL, locked_until = NULL, last_error = $2, updated_at = $3 \
                 WHERE {tenant} AND tenant_id = $4 AND id = $5 AND locked_by = $6",
            )?;
            tx.exec(
                sqlx::query(&sql)
                    .bind(now + backoff)
                    .bind(msg)
                    .bind(now)
                    .bind(job.tenant_id.clone())
                    .bind(job.id.clone())
                    .bind(worker.to_string()),
            )
            .await?;
        }
    }
    tx.commit().await
}

/// Gives back jobs this worker claimed but did not run (shutdown).
pub async fn release(p: &Platform, worker: &str, ids: &[(String, String)]) -> Result<()> {
    let mut tx = p.db.write(Scope::All, None).await?;
    for (tenant, id) in ids {
        let sql = tx.sql("UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, attempts = attempts - 1 WHERE {tenant} AND tenant_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running'")?;
        tx.exec(
            sqlx::query(&sql)
                .bind(tenant.clone())
                .bind(id.clone())
                .bind(worker.to_string()),
        )
        .await?;
    }
    tx.commit().await
}

/// Renews this worker's lease on a job just before running it; false when the
/// job is no longer this worker's (its lease expired and another took it).
async fn renew(p: &Platform, worker: &str, job: &Job) -> Result<bool> {
    let mut tx = p.db.write(Scope::of([job.tenant_id.clone()]), None).await?;
    let sql = tx.sql(
        "UPDATE jobs SET locked_until = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3 \
         AND locked_by = $4 AND status = 'running'",
    )?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(now_ms() + lease_ms(p))
                .bind(job.tenant_id.clone())
                .bind(job.id.clone())
                .bind(worker.to_string()),
        )
        .await?;
    tx.commit().await?;
    Ok(n == 1)
}

/// A handler running longer than this fails (well inside the lease).
fn handler_timeout(p: &Platform) -> Duration {
    Duration::from_millis((lease_ms(p) as u64) * 4 / 5)
}

/// What a job's failure shows to the administrators who read the queue: a
/// rule's or a record's own message, but never an internal error's text
/// (SQL, paths, addresses), which goes to the server log with the job id.
fn public_error(job: &Job, e: &Error) -> String {
    match e {
        Error::Internal(detail) => {
            tracing::error!(job = %job.id, kind = %job.kind, error = %detail, "job failed internally");
            format!("internal error (job {}): see the server log", job.id)
        }
        Error::Validation(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message_en))
                .collect();
            format!("validation failed: {}", parts.join("; "))
        }
        other => other.message(false),
    }
}

/// Runs one job's handler and records the outcome.
async fn run_one(p: &Platform, worker: &str, job: Job) -> Result<()> {
    if !renew(p, worker, &job).await? {
        return Ok(());
    }
    let outcome = match p.registry.jobs.get(&job.kind) {
        Some(f) => {
            let handle = tokio::spawn(f(p.clone(), job.clone()));
            let abort = handle.abort_handle();
            let limit = handler_timeout(p);
            match tokio::time::timeout(limit, handle).await {
                Ok(Ok(Ok(()))) => Ok(()),
                Ok(Ok(Err(e))) => Err(public_error(&job, &e)),
                Ok(Err(e)) => {
                    tracing::error!(job = %job.id, kind = %job.kind, error = %e, "job handler panicked");
                    Err(format!(
                        "internal error (job {}): see the server log",
                        job.id
                    ))
                }
                Err(_) => {
                    abort.abort();
                    Err(format!("handler timed out after {}s", limit.as_secs()))
                }
            }
        }
        None => Err(format!("no handler for job kind {}", job.kind)),
    };
    if let Err(e) = &outcome {
        tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job failed");
        metrics::counter!("anjian_jobs_failed_total", "kind" => job.kind.clone()).increment(1);
    } else {
        metrics::counter!("anjian_jobs_done_total", "kind" => job.kind.clone()).increment(1);
    }
    finish(p, &job, worker, outcome).await
}

/// Periods already scheduled by this process, per recurring kind.
static SCHEDULED: std::sync::Mutex<Vec<(String, i64)>> = std::sync::Mutex::new(Vec::new());

/// Makes sure each recurring job has its job for the current period (the
/// dedupe key keeps it to one across instances).
async fn schedule_recurring(p: &Platform) -> Result<()> {
    let now = now_ms();
    let due: Vec<(String, i64)> = {
        let done = SCHEDULED.lock().unwrap_or_else(|e| e.into_inner());
        p.registry
            .recurring
            .iter()
            .map(|(k, period)| (k.clone(), now / period * period))
            .filter(|(k, start)| !done.iter().any(|(dk, ds)| dk == k && ds == start))
            .collect()
    };
    if due.is_empty() {
        return Ok(());
    }
    let dir = p.tenancy.directory(&p.db).await?;
    let Some(root) = dir
        .all()
        .into_iter()
        .find(|t| t.parent_code.is_none())
        .map(|t| t.code.clone())
    else {
        return Ok(());
    };
    let mut tx = p.db.write(Scope::All, None).await?;
    for (kind, start) in &due {
        enqueue(
            &mut tx,
            &root,
            kind,
            &serde_json::json!({}),
            *start,
            Some(&format!("{kind}:{start}")),
            3,
        )
        .await?;
    }
    tx.commit().await?;
    let mut done = SCHEDULED.lock().unwrap_or_else(|e| e.into_inner());
    done.retain(|(k, _)| !due.iter().any(|(dk, _)| dk == k));
    done.extend(due);
    Ok(())
}

/// One poll: schedule recurring jobs, dispatch events, claim and run due jobs.
/// Returns jobs run.
pub async fn tick(p: &Platform, worker: &str, shutdown: &watch::Receiver<bool>) -> Result<usize> {
    schedule_recurring(p).await?;
    crate::events::dispatch(p, 100).await?;
    let batch = claim(p, worker, p.config.jobs_batch).await?;
    let n = batch.len();
    let mut rest = batch.into_iter();
    while let Some(job) = rest.next() {
        if *shutdown.borrow() {
            let left: Vec<(String, String)> = std::iter::once(job)
                .chain(rest)
                .map(|j| (j.tenant_id, j.id))
                .collect();
            release(p, worker, &left).await?;
            break;
        }
        run_one(p, worker, job).await?;
    }
    Ok(n)
}

/// The worker loop: polls until `shutdown` turns true; woken early by `p.wake`.
pub async fn run_worker(p: Platform, mut shutdown: watch::Receiver<bool>) {
    let worker = format!("{}-{}", p.instance_id, &new_id()[..8]);
    let poll = Duration::from_millis(p.config.jobs_poll_ms.max(10));
    loop {
        if *shutdown.borrow() {
            break;
        }
        match tick(&p, &worker, &shutdown).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "job worker tick failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = p.wake.notified() => {}
            _ = shutdown.changed() => {}
        }
    }
    tracing::info!(%worker, "job worker stopped");
}

/// Rejects a job payload that is not an object.
pub fn payload_field<'a>(job: &'a Job, field: &str) -> Result<&'a str> {
    job.payload
        .get(field)
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::Internal(format!("job {} payload lacks {field}", job.id)))
}
