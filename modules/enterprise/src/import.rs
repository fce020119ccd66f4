//! Bulk import of the exchange format (CSV in UTF-8 or GB18030, JSON Lines):
//! streamed under a size limit, every row through the one validation step, a
//! report per row, idempotent upsert by USCC, all-or-nothing or best-effort,
//! and rejected rows written back in the same format to fix and re-import.

use crate::exchange::{self, CsvRows, FileError, Format, JsonRows, Row};
use crate::record::Rules;
use crate::service::{self, Outcome};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Scope;
use anjian_platform::{Error, Platform, Result};
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// All rows or none, or every valid row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    AllOrNothing,
    BestEffort,
}

/// One problem in one row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub dry_run: bool,
    /// Nothing was written because some row was rejected (all-or-nothing).
    pub aborted: bool,
    pub rejections: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// Options of one import.
pub struct Options<'a> {
    pub county: String,
    pub mode: Mode,
    pub dry_run: bool,
    pub max_bytes: u64,
    /// Where rejected rows go (same format, plus an `error` column in CSV).
    pub rejects: Option<&'a Path>,
    pub rules: Rules,
    pub batch: usize,
}

/// Fault injection for crash tests: `ANJIAN_FAULT_IMPORT_ABORT_AFTER_BATCHES=N`
/// aborts the process right after a best-effort import committed its N-th
/// batch, as a power cut there would.
fn crash_point() -> Option<usize> {
    std::env::var("ANJIAN_FAULT_IMPORT_ABORT_AFTER_BATCHES")
        .ok()
        .and_then(|v| v.parse().ok())
}

/// Rows of an opened file, whatever its format.
type Rows = Box<dyn Iterator<Item = Row> + Send>;

fn open_rows(path: &Path, max: u64) -> std::result::Result<(Format, Rows, Vec<String>), FileError> {
    let fe = |zh: String, en: String| FileError {
        message_zh: zh,
        message_en: en,
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        fe(
            format!("无法打开文件：{e}"),
            format!("cannot open the file: {e}"),
        )
    })?;
    if meta.len() == 0 {
        return Err(fe("文件为空".into(), "the file is empty".into()));
    }
    if meta.len() > max {
        return Err(fe(
            format!("文件超过 {} MiB 的上限", max >> 20),
            format!("the file exceeds the {} MiB limit", max >> 20),
        ));
    }
    if Format::from_path(path) == Format::Xlsx {
        let (headers, rows) = exchange::xlsx_rows(path)?;
        return Ok((Format::Xlsx, Box::new(rows.into_iter()), headers));
    }
    let file = std::fs::File::open(path).map_err(|e| {
        fe(
            format!("无法打开文件：{e}"),
            format!("cannot open the file: {e}"),
        )
    })?;
    let input = exchange::decoded(file).map_err(|e| {
        fe(
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )
    })?;
    let format = Format::from_path(path);
    Ok(match format {
        Format::Csv => {
            let rows = CsvRows::open(input)?;
            let headers = rows.headers.clone();
            (format, Box::new(rows), headers)
        }
        Format::JsonLines | Format::Xlsx => {
            (Format::JsonLines, Box::new(JsonRows::open(input)), vec![])
        }
    })
}

/// Checks one row: parse, county rules, duplicates within the file.
fn check(
    row: &Row,
    opts: &Options<'_>,
    seen: &mut HashSet<String>,
    report: &mut Report,
) -> Option<crate::record::EnterpriseRecord> {
    check_row(row, &opts.county, &opts.rules, seen, report)
}

/// [`check`] with its inputs owned by the caller (the reader thread).
fn check_row(
    row: &Row,
    county: &str,
    rules: &Rules,
    seen: &mut HashSet<String>,
    report: &mut Report,
) -> Option<crate::record::EnterpriseRecord> {
    let raw = match &row.raw {
        Ok(r) => r,
        Err(msg) => {
            report.rejections.push(Finding {
                row: row.number,
                column: String::new(),
                value: String::new(),
                message_zh: format!("无法解析：{msg}"),
                message_en: format!("cannot parse: {msg}"),
            });
            return None;
        }
    };
    match service::validate(raw, county, rules) {
        Err(errs) => {
            for e in errs {
                let value = raw
                    .get(&e.field)
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string())
                    })
                    .unwrap_or_default();
                report.rejections.push(Finding {
                    row: row.number,
                    column: e.field,
                    value,
                    message_zh: e.message_zh,
                    message_en: e.message_en,
                });
            }
            None
        }
        Ok((rec, warnings)) => {
            for w in warnings {
                report.warnings.push(Finding {
                    row: row.number,
                    column: w.field,
                    value: rec.uscc.to_string(),
                    message_zh: w.message_zh,
                    message_en: w.message_en,
                });
            }
            if !seen.insert(rec.uscc.as_str().to_string()) {
                report.rejections.push(Finding {
                    row: row.number,
                    column: "uscc".into(),
                    value: rec.uscc.to_string(),
                    message_zh: "文件中统一社会信用代码重复".into(),
                    message_en: "duplicate USCC within the file".into(),
                });
                return None;
            }
            Some(rec)
        }
    }
}

/// Imports a file into `opts.county`, as `ctx.actor`, within `scope`.
pub async fn run(
    p: &Platform,
    ctx: &AuditCtx,
    scope: Scope,
    path: &Path,
    opts: &Options<'_>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Report> {
    if !scope.contains(&opts.county) {
        return Err(Error::NotFound(format!("tenant {}", opts.county)));
    }
    let file_err = |e: FileError| {
        Error::Validation(vec![anjian_platform::FieldError {
            field: "file".into(),
            message_zh: e.message_zh,
            message_en: e.message_en,
        }])
    };
    let mut report = Report {
        dry_run: opts.dry_run,
        ..Report::default()
    };
    // A dry run validates everything and writes nothing.
    if opts.dry_run {
        let (_, rows, _) = open_rows(path, opts.max_bytes).map_err(file_err)?;
        let mut seen = HashSet::new();
        for row in rows {
            report.rows += 1;
            if check(&row, opts, &mut seen, &mut report).is_none() {
                report.rejected += 1;
            }
            if report.rows.is_multiple_of(1000) {
                progress(report.rows);
            }
        }
        write_rejects(path, opts, &report)?;
        return Ok(report);
    }
    // One pass: a reader thread parses and checks rows while this task writes
    // the previous batch. All-or-nothing is one transaction: after the first
    // rejected row nothing more is written, and at the end it rolls back.
    let (send, mut recv) = tokio::sync::mpsc::channel::<(usize, usize, service::Batch)>(2);
    let backend = p.db.backend();
    let reader = {
        let (path, county, rules, max, size) = (
            path.to_path_buf(),
            opts.county.clone(),
            opts.rules.clone(),
            opts.max_bytes,
            opts.batch.max(1),
        );
        // One transaction: its new rows become searchable through a job
        // queued with them. Best-effort commits batch by batch, and each
        // batch keeps its own rows' search entries.
        let defer = opts.mode == Mode::AllOrNothing;
        let prepare = move |recs| {
            let b = service::Batch::new(recs, backend);
            if defer {
                b.deferring_search()
            } else {
                b
            }
        };
        let mut partial = Report {
            warnings: std::mem::take(&mut report.warnings),
            ..Report::default()
        };
        tokio::task::spawn_blocking(move || -> std::result::Result<Report, FileError> {
            let (_, rows, _) = open_rows(&path, max)?;
            let mut seen = HashSet::new();
            let mut batch = Vec::with_capacity(size);
            for row in rows {
                partial.rows += 1;
                match check_row(&row, &county, &rules, &mut seen, &mut partial) {
                    Some(rec) => batch.push(rec),
                    None => partial.rejected += 1,
                }
                if batch.len() >= size {
                    let ready = prepare(std::mem::take(&mut batch));
                    if send
                        .blocking_send((partial.rows, partial.rejected, ready))
                        .is_err()
                    {
                        return Ok(partial);
                    }
                }
            }
            let ready = prepare(batch);
            let _ = send.blocking_send((partial.rows, partial.rejected, ready));
            Ok(partial)
        })
    };
    let mut tx = p.db.write(scope.clone(), None).await?;
    let all_or_nothing = opts.mode == Mode::AllOrNothing;
    let crash_after = crash_point();
    let mut committed = 0usize;
    while let Some((rows_read, rejected, batch)) = recv.recv().await {
        if all_or_nothing && rejected > 0 {
            progress(rows_read);
            continue;
        }
        write_batch(&mut tx, opts, ctx, &batch, &mut report).await?;
        if opts.mode == Mode::BestEffort {
            tx.commit().await?;
            committed += 1;
            if crash_after == Some(committed) {
                // A crash at a known point, for the crash-and-rerun test.
                std::process::abort();
            }
            tx = p.db.write(scope.clone(), None).await?;
        }
        progress(rows_read);
    }
    let partial = reader.await.map_err(Error::internal)?.map_err(file_err)?;
    report.rows = partial.rows;
    report.rejected = partial.rejected;
    report.rejections = partial.rejections;
    report.warnings = partial.warnings;
    if all_or_nothing && report.rejected > 0 {
        tx.rollback().await?;
        report.aborted = true;
        (report.inserted, report.updated, report.unchanged) = (0, 0, 0);
        progress(report.rows);
        write_rejects(path, opts, &report)?;
        return Ok(report);
    }
    let summary = vec![
        Change::new(
            "file",
            None,
            Some(
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
                    .into(),
            ),
        ),
        Change::new("inserted", None, Some(report.inserted.into())),
        Change::new("updated", None, Some(report.updated.into())),
        Change::new("rejected", None, Some(report.rejected.into())),
    ];
    audit::record(
        &mut tx,
        ctx,
        &opts.county,
        "enterprise.import",
        "enterprise_import",
        &anjian_platform::time::new_id(),
        summary,
    )
    .await?;
    if report.inserted > 0 && all_or_nothing {
        crate::search::defer(&mut tx, &opts.county).await?;
    }
    tx.commit().await?;
    progress(report.rows);
    write_rejects(path, opts, &report)?;
    Ok(report)
}

async fn write_batch(
    tx: &mut anjian_platform::db::Tx,
    opts: &Options<'_>,
    ctx: &AuditCtx,
    batch: &service::Batch,
    report: &mut Report,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    for o in service::upsert_prepared(tx, &opts.county, batch, &ctx.actor).await? {
        match o {
            Outcome::Inserted(_) => report.inserted += 1,
            Outcome::Updated(_) => report.updated += 1,
            Outcome::Unchanged(_) => report.unchanged += 1,
        }
    }
    Ok(())
}

/// Writes the rejected rows in the input's own format, to fix and re-import.
fn write_rejects(path: &Path, opts: &Options<'_>, report: &Report) -> Result<()> {
    let Some(out) = opts.rejects else {
        return Ok(());
    };
    let bad: std::collections::BTreeMap<usize, String> =
        report
            .rejections
            .iter()
            .fold(Default::default(), |mut m, f| {
                let e: &mut String = m.entry(f.row).or_default();
                if !e.is_empty() {
                    e.push_str("; ");
                }
                e.push_str(&format!("{}: {}", f.column, f.message_zh));
                m
            });
    let (format, rows, headers) =
        open_rows(path, opts.max_bytes).map_err(|e| Error::Internal(e.message_en))?;
    let mut file = std::fs::File::create(out).map_err(Error::internal)?;
    match format {
        Format::Xlsx => {
            let mut h: Vec<String> = headers
                .into_iter()
                .filter(|h| h.trim() != exchange::ERROR_COLUMN)
                .collect();
            let n = h.len();
            h.push(exchange::ERROR_COLUMN.into());
            let mut w = exchange::XlsxOut::new(&h).map_err(Error::internal)?;
            for row in rows {
                if let Some(msg) = bad.get(&row.number) {
                    let mut cells: Vec<String> = row.original.iter().take(n).cloned().collect();
                    cells.resize(n, String::new());
                    cells.push(msg.clone());
                    w.write_row(&cells).map_err(Error::internal)?;
                }
            }
            file.write_all(&w.finish().map_err(Error::internal)?)
                .map_err(Error::internal)?;
        }
        Format::Csv => {
            // A BOM, so spreadsheets read the UTF-8 as Chinese.
            file.write_all(exchange::BOM).map_err(Error::internal)?;
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(file);
            let mut h: Vec<String> = headers
                .into_iter()
                .filter(|h| h.trim() != exchange::ERROR_COLUMN)
                .collect();
            let n = h.len();
            h.push(exchange::ERROR_COLUMN.into());
            w.write_record(&h).map_err(Error::internal)?;
            for row in rows {
                if let Some(msg) = bad.get(&row.number) {
                    let mut cells: Vec<String> = row
                        .original
                        .iter()
                        .take(n)
                        .map(|c| exchange::neutralise(c))
                        .collect();
                    cells.push(msg.clone());
                    w.write_record(&cells).map_err(Error::internal)?;
                }
            }
            w.flush().map_err(Error::internal)?;
        }
        Format::JsonLines => {
            let mut w = std::io::BufWriter::new(file);
            for row in rows {
                if bad.contains_key(&row.number) {
                    for line in &row.original {
                        writeln!(w, "{line}").map_err(Error::internal)?;
                    }
                }
            }
            w.flush().map_err(Error::internal)?;
        }
    }
    Ok(())
}

/// Job kind that runs an import uploaded over GraphQL.
pub const IMPORT_JOB: &str = "enterprise.import";

/// Stores an uploaded file and queues its import; returns the import id.
pub async fn queue(
    tx: &mut anjian_platform::db::Tx,
    county: &str,
    actor: &str,
    format: Format,
    best_effort: bool,
    dry_run: bool,
    content: Vec<u8>,
) -> Result<String> {
    tx.ensure_writable(county)?;
    let id = anjian_platform::time::new_id();
    let now = anjian_platform::time::now_ms();
    tx.exec(
        sqlx::query(
            "INSERT INTO enterprise_imports (tenant_id, id, actor, format, best_effort, dry_run, status, content, rows_read, created_at, updated_at) \
             VALUES ($1,$2,$3,$4,$5,$6,'queued',$7,0,$8,$8)",
        )
        .bind(county.to_string())
        .bind(id.clone())
        .bind(actor.to_string())
        .bind(match format {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
            Format::Xlsx => "xlsx",
        })
        .bind(best_effort as i64)
        .bind(dry_run as i64)
        .bind(content)
        .bind(now),
    )
    .await?;
    anjian_platform::jobs::enqueue(
        tx,
        county,
        IMPORT_JOB,
        &serde_json::json!({"importId": id}),
        now,
        Some(&format!("import:{id}")),
        // Retried when a worker dies mid-way: the upsert by USCC makes a
        // re-run complete with no duplicates.
        3,
    )
    .await?;
    Ok(id)
}

/// An import's state as stored.
#[derive(Debug, Clone)]
pub struct ImportState {
    pub tenant_id: String,
    pub id: String,
    pub actor: String,
    pub status: String,
    pub rows_read: i64,
    pub report: Option<Report>,
    pub rejects: Option<Vec<u8>>,
    pub error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl<'de> serde::Deserialize<'de> for Report {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct R {
            rows: usize,
            inserted: usize,
            updated: usize,
            unchanged: usize,
            rejected: usize,
            dry_run: bool,
            aborted: bool,
            rejections: Vec<F>,
            warnings: Vec<F>,
        }
        #[derive(serde::Deserialize)]
        struct F {
            row: usize,
            column: String,
            value: String,
            message_zh: String,
            message_en: String,
        }
        let r = R::deserialize(d)?;
        let f = |v: Vec<F>| {
            v.into_iter()
                .map(|x| Finding {
                    row: x.row,
                    column: x.column,
                    value: x.value,
                    message_zh: x.message_zh,
                    message_en: x.message_en,
                })
                .collect()
        };
        Ok(Report {
            rows: r.rows,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
            rejected: r.rejected,
            dry_run: r.dry_run,
            aborted: r.aborted,
            rejections: f(r.rejections),
            warnings: f(r.warnings),
        })
    }
}

/// An import in scope.
pub async fn state(tx: &mut anjian_platform::db::Tx, id: &str) -> Result<ImportState> {
    use sqlx::Row;
    let sql = tx.sql("SELECT tenant_id, id, actor, status, rows_read, report, rejects, error, created_at, updated_at FROM enterprise_imports WHERE {tenant} AND id = $1")?;
    let Some(r) = tx.opt(sqlx::query(&sql).bind(id.to_string())).await? else {
        return Err(Error::NotFound(format!("import {id}")));
    };
    let report: Option<String> = r.try_get("report")?;
    let mut status: String = r.try_get("status")?;
    let mut error: Option<String> = r.try_get("error")?;
    if status == "queued" || status == "running" {
        // The job gave up (its worker died on every attempt): say so.
        let sql = tx.sql(
            "SELECT last_error FROM jobs WHERE {tenant} AND tenant_id = $1 AND dedupe_key = $2 AND status = 'failed'",
        )?;
        let tenant: String = r.try_get("tenant_id")?;
        if let Some(j) = tx
            .opt(sqlx::query(&sql).bind(tenant).bind(format!("import:{id}")))
            .await?
        {
            status = "failed".into();
            error = Some(
                j.try_get::<Option<String>, _>("last_error")?
                    .unwrap_or_else(|| "the import stopped".into()),
            );
        }
    }
    Ok(ImportState {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        actor: r.try_get("actor")?,
        status,
        rows_read: r.try_get("rows_read")?,
        report: report.map(|s| serde_json::from_str(&s)).transpose()?,
        rejects: r.try_get("rejects")?,
        error,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

type Q<'a> = sqlx::query::Query<'a, sqlx::Any, sqlx::any::AnyArguments<'a>>;

async fn set(
    p: &Platform,
    tenant: &str,
    id: &str,
    sql: &str,
    f: impl for<'a> FnOnce(Q<'a>) -> Q<'a>,
) -> Result<()> {
    let mut tx = p.db.write(Scope::of([tenant.to_string()]), None).await?;
    let sql = tx.sql(&format!("UPDATE enterprise_imports SET {sql}, updated_at = $1 WHERE {{tenant}} AND tenant_id = $2 AND id = $3"))?;
    let q = sqlx::query(&sql)
        .bind(anjian_platform::time::now_ms())
        .bind(tenant.to_string())
        .bind(id.to_string());
    tx.exec(f(q)).await?;
    tx.commit().await
}

/// The job: runs a queued import, publishing progress as it goes.
pub async fn run_queued(p: &Platform, job: &anjian_platform::jobs::Job) -> Result<()> {
    use sqlx::Row;
    let id = anjian_platform::jobs::payload_field(job, "importId")?.to_string();
    let tenant = job.tenant_id.clone();
    let mut tx = p.db.read(Scope::of([tenant.clone()]), None).await?;
    let sql = tx.sql("SELECT actor, format, best_effort, dry_run, status, content FROM enterprise_imports WHERE {tenant} AND tenant_id = $1 AND id = $2")?;
    let row = tx
        .one(sqlx::query(&sql).bind(tenant.clone()).bind(id.clone()))
        .await?;
    let rules = crate::rules(&mut tx).await?;
    tx.commit().await?;
    // "running" here means an earlier attempt died half-way: run it again.
    if !matches!(
        row.try_get::<String, _>("status")?.as_str(),
        "queued" | "running"
    ) {
        return Ok(());
    }
    let actor: String = row.try_get("actor")?;
    let ext = row.try_get::<String, _>("format")?;
    let content: Vec<u8> = row.try_get("content")?;
    set(p, &tenant, &id, "status = 'running'", |q| q).await?;
    let dir = std::env::temp_dir().join(format!("anjian-import-{id}"));
    std::fs::create_dir_all(&dir).map_err(Error::internal)?;
    let path = dir.join(format!("upload.{ext}"));
    let rejects = dir.join(format!("rejects.{ext}"));
    std::fs::write(&path, &content).map_err(Error::internal)?;
    let opts = Options {
        county: tenant.clone(),
        mode: if row.try_get::<i64, _>("best_effort")? != 0 {
            Mode::BestEffort
        } else {
            Mode::AllOrNothing
        },
        dry_run: row.try_get::<i64, _>("dry_run")? != 0,
        max_bytes: p.config.import_max_bytes,
        rejects: Some(&rejects),
        rules,
        batch: 1000,
    };
    let ctx = AuditCtx {
        actor,
        actor_tenant: Some(tenant.clone()),
        request_id: id.clone(),
        client_addr: "job".into(),
        alg: p.audit_alg,
    };
    // Progress: the import bumps a counter; a ticker writes it to the row.
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let ticker = {
        let (p, tenant, id, counter) = (p.clone(), tenant.clone(), id.clone(), counter.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                let n = counter.load(std::sync::atomic::Ordering::Relaxed) as i64;
                let _ = set(&p, &tenant, &id, "rows_read = $4", move |q| q.bind(n)).await;
            }
        })
    };
    let c2 = counter.clone();
    let result = run(
        p,
        &ctx,
        Scope::of([tenant.clone()]),
        &path,
        &opts,
        &move |n| c2.store(n, std::sync::atomic::Ordering::Relaxed),
    )
    .await;
    ticker.abort();
    let rejected = std::fs::read(&rejects).ok();
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(report) => {
            let json = serde_json::to_string(&report)?;
            let rows = report.rows as i64;
            let rej = rejected.filter(|_| report.rejected > 0);
            set(
                p,
                &tenant,
                &id,
                "status = 'done', rows_read = $4, report = $5, rejects = $6, content = NULL",
                move |q| q.bind(rows).bind(json).bind(rej),
            )
            .await
        }
        Err(e) => {
            let msg = match &e {
                Error::Validation(v) => v
                    .iter()
                    .map(|f| format!("{}: {} / {}", f.field, f.message_zh, f.message_en))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.message(false),
            };
            set(
                p,
                &tenant,
                &id,
                "status = 'failed', error = $4, content = NULL",
                move |q| q.bind(msg),
            )
            .await
        }
    }
}
