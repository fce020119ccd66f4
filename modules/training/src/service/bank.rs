//! Loading the question bank from files and saving blueprints the bank
//! can fill.

use crate::bank_file::{self, BankFormat, RowProblem};
use crate::error::{Result, TrError};
use crate::paper;
use crate::question::{Blueprint, Question};
use crate::store::bank;
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::FieldError;
use serde_json::json;
use std::collections::HashSet;

/// What an import did, row by row.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub dry_run: bool,
    pub rejections: Vec<RowProblem>,
}

fn problem(row: usize, column: &str, value: &str, zh: String, en: String) -> RowProblem {
    RowProblem {
        row,
        column: column.into(),
        value: value.into(),
        message_zh: zh,
        message_en: en,
    }
}

/// Whether a question id from a file is acceptable (letters, digits, `-`, `_`).
fn good_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Imports a bank file: every good row is stored (a changed question as a
/// new version), every bad row reported; nothing is written on a dry run.
/// The caller commits (or, on a dry run, rolls back).
pub async fn import(
    tx: &mut Tx,
    ctx: &AuditCtx,
    bytes: &[u8],
    format: BankFormat,
    dry_run: bool,
) -> Result<ImportReport> {
    let (rows, mut rejections) = bank_file::parse(bytes, format).map_err(|p| {
        TrError::Invalid(vec![FieldError::new("file", &p.message_zh, &p.message_en)])
    })?;
    let rules = super::rules(tx).await?;
    let mut report = ImportReport {
        rows: rows.len()
            + rejections
                .iter()
                .map(|p| p.row)
                .collect::<HashSet<_>>()
                .len(),
        dry_run,
        ..ImportReport::default()
    };
    let now = now_ms();
    let mut seen = HashSet::new();
    for row in rows {
        let mut q: Question = row.question;
        if let Some(item) = &q.operation_item {
            if rules.operation(item).is_none() {
                rejections.push(problem(
                    row.row,
                    "操作项目",
                    item,
                    format!("未知的操作项目：{item}"),
                    format!("unknown operation item {item:?}"),
                ));
                continue;
            }
        }
        if q.id.is_empty() {
            q.id = new_id();
        } else if !good_id(&q.id) {
            rejections.push(problem(
                row.row,
                "编号",
                &q.id,
                "编号只能含字母、数字、-、_，至多 64 位".into(),
                "an id has letters, digits, - and _ only, at most 64".into(),
            ));
            continue;
        }
        if !seen.insert(q.id.clone()) {
            continue;
        }
        match bank::current(tx, &q.id).await? {
            Some(old) if same(&old, &q) => report.unchanged += 1,
            Some(_) => {
                bank::add_version(tx, &mut q, &ctx.actor, now).await?;
                report.updated += 1;
            }
            None => {
                bank::add_version(tx, &mut q, &ctx.actor, now).await?;
                report.inserted += 1;
            }
        }
    }
    rejections.sort_by_key(|p| p.row);
    report.rejected = rejections
        .iter()
        .map(|p| p.row)
        .collect::<HashSet<_>>()
        .len();
    report.rejections = rejections;
    if !dry_run {
        audit::record(
            tx,
            ctx,
            ctx.actor_tenant.as_deref().unwrap_or("330000"),
            "training.bank.import",
            "training_bank",
            "questions",
            vec![Change::new(
                "rows",
                None,
                Some(json!({"inserted": report.inserted, "updated": report.updated, "rejected": report.rejected})),
            )],
        )
        .await?;
    }
    Ok(report)
}

/// Same content (ids and versions aside).
fn same(a: &Question, b: &Question) -> bool {
    Question {
        id: String::new(),
        version: 0,
        ..a.clone()
    } == Question {
        id: String::new(),
        version: 0,
        ..b.clone()
    }
}

/// Edits a question: the edit is a new version; papers keep the one they drew.
pub async fn edit(tx: &mut Tx, ctx: &AuditCtx, mut q: Question) -> Result<Question> {
    let old = bank::current(tx, &q.id)
        .await?
        .ok_or(TrError::NotFound("question"))?;
    q.kind = old.kind;
    q.check()?;
    if same(&old, &q) {
        return Ok(old);
    }
    bank::add_version(tx, &mut q, &ctx.actor, now_ms()).await?;
    Ok(q)
}

/// What saving a blueprint takes (the id of an existing one to change it).
pub struct BlueprintDraft {
    pub id: Option<String>,
    pub blueprint: Blueprint,
}

/// Saves a blueprint if it totals 100 and the bank can fill it now: drawing
/// a paper is tried, so a shortfall shows at saving, not on exam day.
pub async fn save_blueprint(tx: &mut Tx, ctx: &AuditCtx, d: BlueprintDraft) -> Result<Blueprint> {
    let mut b = d.blueprint;
    b.name = b.name.trim().to_string();
    b.check()?;
    let rules = super::rules(tx).await?;
    if let Some(item) = &b.operation_item {
        if rules.operation(item).is_none() {
            return Err(TrError::field(
                "operationItem",
                &format!("未知的操作项目：{item}"),
                &format!("unknown operation item {item:?}"),
            ));
        }
    }
    let pool = bank::pool(tx, b.category, b.operation_item.as_deref()).await?;
    if let Err(s) = paper::draw(&b, &pool, 0) {
        let p = &b.parts[s.part];
        return Err(TrError::Invalid(vec![FieldError::new(
            &format!("parts.{}.count", s.part),
            &format!(
                "题库中符合条件的{}只有 {} 道，此部分需要 {} 道",
                p.kind.zh(),
                s.have,
                s.need
            ),
            &format!(
                "the bank has {} {} questions that fit, the part needs {}",
                s.have,
                p.kind.as_str(),
                s.need
            ),
        )]));
    }
    match d.id {
        Some(id) => {
            let old = bank::blueprint(tx, &id)
                .await?
                .ok_or(TrError::NotFound("blueprint"))?;
            b.id = old.id;
            b.version = old.version + 1;
        }
        None => {
            b.id = new_id();
            b.version = 1;
        }
    }
    bank::save_blueprint(tx, &b, &ctx.actor, now_ms()).await?;
    Ok(b)
}
