//! The question bank (题库, versioned) and blueprints (组卷规则): the
//! province's data, not a tenant's.

use super::non_empty;
use crate::error::Result;
use crate::model::{Category, QuestionKind};
use crate::question::{Blueprint, Question};
use anjian_platform::db::Tx;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

const COLUMNS: &str = "id, version, kind, category, operation_item, knowledge_point, difficulty, \
    stem, options, answer, explanation";

fn from_row(r: &AnyRow) -> Result<Question> {
    Ok(Question {
        id: r.try_get("id")?,
        version: r.try_get("version")?,
        kind: QuestionKind::parse(&r.try_get::<String, _>("kind")?)?,
        category: Category::parse(&r.try_get::<String, _>("category")?)?,
        operation_item: non_empty(r, "operation_item")?,
        knowledge_point: r.try_get("knowledge_point")?,
        difficulty: u8::try_from(r.try_get::<i64, _>("difficulty")?).unwrap_or(0),
        stem: r.try_get("stem")?,
        options: serde_json::from_str(&r.try_get::<String, _>("options")?)?,
        answer: serde_json::from_str(&r.try_get::<String, _>("answer")?)?,
        explanation: r.try_get("explanation")?,
    })
}

/// The newest version of question `id`.
pub async fn current(tx: &mut Tx, id: &str) -> Result<Option<Question>> {
    tx.opt(
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tr_questions WHERE id = $1 AND current = 1"
        ))
        .bind(id.to_string()),
    )
    .await?
    .map(|r| from_row(&r))
    .transpose()
}

/// Stores `q` as the newest version of its question (version = last + 1).
pub async fn add_version(tx: &mut Tx, q: &mut Question, by: &str, at: i64) -> Result<()> {
    let last = tx
        .scalar(
            sqlx::query("SELECT COALESCE(MAX(version), 0) AS n FROM tr_questions WHERE id = $1")
                .bind(q.id.clone()),
        )
        .await?;
    q.version = last + 1;
    tx.exec(
        sqlx::query("UPDATE tr_questions SET current = 0 WHERE id = $1 AND current = 1")
            .bind(q.id.clone()),
    )
    .await?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO tr_questions ({COLUMNS}, current, created_at, created_by) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,$12,$13)"
        ))
        .bind(q.id.clone())
        .bind(q.version)
        .bind(q.kind.as_str())
        .bind(q.category.as_str())
        .bind(q.operation_item.clone().unwrap_or_default())
        .bind(q.knowledge_point.clone())
        .bind(i64::from(q.difficulty))
        .bind(q.stem.clone())
        .bind(serde_json::to_string(&q.options)?)
        .bind(serde_json::to_string(&q.answer)?)
        .bind(q.explanation.clone())
        .bind(at)
        .bind(by.to_string()),
    )
    .await?;
    Ok(())
}

/// The current questions a blueprint of `category` (and item) draws from.
pub async fn pool(tx: &mut Tx, category: Category, item: Option<&str>) -> Result<Vec<Question>> {
    let rows = match item {
        Some(i) => {
            tx.all(
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM tr_questions WHERE category = $1 AND operation_item = $2 AND current = 1"
                ))
                .bind(category.as_str())
                .bind(i.to_string()),
            )
            .await?
        }
        None => {
            tx.all(
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM tr_questions WHERE category = $1 AND current = 1"
                ))
                .bind(category.as_str()),
            )
            .await?
        }
    };
    rows.iter().map(from_row).collect()
}

/// The given versions, keyed by (id, version).
pub async fn versions(
    tx: &mut Tx,
    keys: &[(String, i64)],
) -> Result<HashMap<(String, i64), Question>> {
    let mut out = HashMap::new();
    for chunk in keys.chunks(200) {
        let cond: Vec<String> = (0..chunk.len())
            .map(|i| format!("(id = ${} AND version = ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM tr_questions WHERE {}",
            cond.join(" OR ")
        );
        let mut q = sqlx::query(&sql);
        for (id, v) in chunk {
            q = q.bind(id.clone()).bind(*v);
        }
        for r in tx.all(q).await? {
            let q = from_row(&r)?;
            out.insert((q.id.clone(), q.version), q);
        }
    }
    Ok(out)
}

/// A page of current questions, with the total.
pub async fn list(
    tx: &mut Tx,
    category: Option<Category>,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Question>, i64)> {
    let mut cond = vec!["current = 1".to_string()];
    let mut args = Vec::new();
    if let Some(c) = category {
        args.push(c.as_str().to_string());
        cond.push(format!("category = ${}", args.len()));
    }
    if let Some(s) = search.map(str::trim).filter(|s| !s.is_empty()) {
        args.push(format!("%{}%", s.replace(['%', '_'], "")));
        cond.push(format!(
            "(stem LIKE ${n} OR knowledge_point LIKE ${n} OR id = ${m})",
            n = args.len(),
            m = args.len() + 1
        ));
        args.push(s.to_string());
    }
    let w = cond.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) AS n FROM tr_questions WHERE {w}");
    let mut cq = sqlx::query(&count_sql);
    for a in &args {
        cq = cq.bind(a.clone());
    }
    let total = tx.scalar(cq).await?;
    let sql = format!(
        "SELECT {COLUMNS} FROM tr_questions WHERE {w} ORDER BY category, kind, id LIMIT {limit} OFFSET {offset}"
    );
    let mut lq = sqlx::query(&sql);
    for a in &args {
        lq = lq.bind(a.clone());
    }
    let rows = tx.all(lq).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// Every current question (for export).
pub async fn all_current(tx: &mut Tx) -> Result<Vec<Question>> {
    let rows = tx
        .all(sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tr_questions WHERE current = 1 ORDER BY category, kind, id"
        )))
        .await?;
    rows.iter().map(from_row).collect()
}

/// Stores a blueprint (a new one, or the next version of one).
pub async fn save_blueprint(tx: &mut Tx, b: &Blueprint, by: &str, at: i64) -> Result<()> {
    tx.exec(
        sqlx::query(
            "INSERT INTO tr_blueprints (id, version, body, updated_at, updated_by) VALUES ($1,$2,$3,$4,$5) \
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(b.id.clone())
        .bind(b.version)
        .bind(serde_json::to_string(b)?)
        .bind(at)
        .bind(by.to_string()),
    )
    .await?;
    Ok(())
}

/// Every blueprint, by name.
pub async fn blueprints(tx: &mut Tx) -> Result<Vec<Blueprint>> {
    let rows = tx
        .all(sqlx::query("SELECT body FROM tr_blueprints"))
        .await?;
    let mut v: Vec<Blueprint> = rows
        .iter()
        .map(|r| Ok(serde_json::from_str(&r.try_get::<String, _>("body")?)?))
        .collect::<Result<_>>()?;
    v.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(v)
}

/// Blueprint `id`.
pub async fn blueprint(tx: &mut Tx, id: &str) -> Result<Option<Blueprint>> {
    tx.opt(sqlx::query("SELECT body FROM tr_blueprints WHERE id = $1").bind(id.to_string()))
        .await?
        .map(|r| Ok(serde_json::from_str(&r.try_get::<String, _>("body")?)?))
        .transpose()
}
