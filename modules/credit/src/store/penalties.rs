//! SQL of penalties (行政处罚), public commitments (安全承诺) and credit grades.

use super::stored;
use crate::error::Result;
use crate::model::{Appeal, Enforcement, PartyKind, PenaltyType};
use anjian_platform::db::Tx;
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

/// An administrative penalty decision (行政处罚决定).
#[derive(Debug, Clone, PartialEq)]
pub struct Penalty {
    pub tenant_id: String,
    pub id: String,
    pub case_number: String,
    pub year: i64,
    pub party_kind: PartyKind,
    pub enterprise_id: Option<String>,
    pub party_name: String,
    pub party_uscc: Option<String>,
    pub person_id_number: Option<String>,
    pub violation: String,
    pub article: String,
    pub penalty_type: PenaltyType,
    pub amount_yuan: f64,
    pub decided_at: i64,
    pub enforcement: Enforcement,
    pub appeal: Appeal,
    pub documents: Vec<String>,
    pub working_while_stopped: bool,
    /// `decided` or `published`.
    pub state: String,
    pub publish_due_at: i64,
    pub published_at: Option<i64>,
    pub published_late: bool,
    pub public_summary: Option<String>,
    pub version: i64,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLS: &str = "tenant_id, id, case_number, year, party_kind, enterprise_id, party_name, party_uscc, \
    person_id_number, violation, article, penalty_type, amount_yuan, decided_at, enforcement, appeal, \
    documents, working_while_stopped, state, publish_due_at, published_at, published_late, \
    public_summary, version, created_by, created_at, updated_at";

fn row(r: &AnyRow) -> Result<Penalty> {
    Ok(Penalty {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        case_number: r.try_get("case_number")?,
        year: r.try_get("year")?,
        party_kind: stored(PartyKind::parse(&r.try_get::<String, _>("party_kind")?))?,
        enterprise_id: r.try_get("enterprise_id")?,
        party_name: r.try_get("party_name")?,
        party_uscc: r.try_get("party_uscc")?,
        person_id_number: r.try_get("person_id_number")?,
        violation: r.try_get("violation")?,
        article: r.try_get("article")?,
        penalty_type: stored(PenaltyType::parse(&r.try_get::<String, _>("penalty_type")?))?,
        amount_yuan: r.try_get("amount_yuan")?,
        decided_at: r.try_get("decided_at")?,
        enforcement: stored(Enforcement::parse(&r.try_get::<String, _>("enforcement")?))?,
        appeal: stored(Appeal::parse(&r.try_get::<String, _>("appeal")?))?,
        documents: serde_json::from_str(&r.try_get::<String, _>("documents")?)?,
        working_while_stopped: r.try_get::<i64, _>("working_while_stopped")? != 0,
        state: r.try_get("state")?,
        publish_due_at: r.try_get("publish_due_at")?,
        published_at: r.try_get("published_at")?,
        published_late: r.try_get::<i64, _>("published_late")? != 0,
        public_summary: r.try_get("public_summary")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

macro_rules! bind_penalty {
    ($q:expr, $p:expr) => {
        $q.bind($p.case_number.clone())
            .bind($p.year)
            .bind($p.party_kind.as_str())
            .bind($p.enterprise_id.clone())
            .bind($p.party_name.clone())
            .bind($p.party_uscc.clone())
            .bind($p.person_id_number.clone())
            .bind($p.violation.clone())
            .bind($p.article.clone())
            .bind($p.penalty_type.as_str())
            .bind($p.amount_yuan)
            .bind($p.decided_at)
            .bind($p.enforcement.as_str())
            .bind($p.appeal.as_str())
            .bind(serde_json::to_string(&$p.documents)?)
            .bind(i64::from($p.working_while_stopped))
            .bind($p.state.clone())
            .bind($p.publish_due_at)
            .bind($p.published_at)
            .bind(i64::from($p.published_late))
            .bind($p.public_summary.clone())
            .bind($p.version)
            .bind($p.created_by.clone())
            .bind($p.created_at)
            .bind($p.updated_at)
    };
}

/// Inserts a penalty; false when its case number is taken that year.
pub async fn insert(tx: &mut Tx, p: &Penalty) -> Result<bool> {
    tx.ensure_writable(&p.tenant_id)?;
    let marks: Vec<String> = (1..=27).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO cr_penalties ({COLS}) VALUES ({}) ON CONFLICT (tenant_id, year, case_number) DO NOTHING",
        marks.join(",")
    );
    let q = sqlx::query(&sql)
        .bind(p.tenant_id.clone())
        .bind(p.id.clone());
    Ok(tx.exec(bind_penalty!(q, p)).await? == 1)
}

/// Writes a changed penalty if it is still at `version - 1`.
pub async fn update(tx: &mut Tx, p: &Penalty) -> Result<bool> {
    let sets: Vec<String> = COLS
        .split(", ")
        .skip(2)
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let sql = tx.sql(&format!(
        "UPDATE cr_penalties SET {} WHERE {{tenant}} AND tenant_id = $26 AND id = $27 AND version = $28",
        sets.join(", ")
    ))?;
    let q = sqlx::query(&sql);
    let q = bind_penalty!(q, p)
        .bind(p.tenant_id.clone())
        .bind(p.id.clone())
        .bind(p.version - 1);
    Ok(tx.exec(q).await? == 1)
}

/// One penalty by id, within scope.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Penalty>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM cr_penalties WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(row)
        .transpose()
}

/// A page of penalties in scope, newest decision first, with the total.
/// `published_only` keeps to those published and not revoked on appeal (for
/// the public).
pub async fn page(
    tx: &mut Tx,
    county: Option<&str>,
    year: Option<i64>,
    search: Option<&str>,
    published_only: bool,
    first: i64,
    offset: i64,
) -> Result<(i64, Vec<Penalty>)> {
    // The public never finds a person by name: the name is masked.
    let name = if published_only {
        "(party_kind = 'enterprise' AND party_name LIKE $4)"
    } else {
        "party_name LIKE $4"
    };
    let filter = format!(
        "{{tenant}} AND ($1 = '' OR tenant_id = $1) AND ($2 = 0 OR year = $2) \
         AND ($3 = '' OR {name} OR case_number LIKE $4 OR party_uscc = $3){}",
        if published_only {
            " AND published_at IS NOT NULL AND appeal <> 'revoked'"
        } else {
            ""
        }
    );
    let c = county.unwrap_or("").to_string();
    let y = year.unwrap_or(0);
    let s = search.unwrap_or("").trim().to_string();
    let like = format!("%{}%", s.replace(['%', '_'], ""));
    let sql = tx.sql(&format!("SELECT COUNT(*) FROM cr_penalties WHERE {filter}"))?;
    let total = tx
        .scalar(
            sqlx::query(&sql)
                .bind(c.clone())
                .bind(y)
                .bind(s.clone())
                .bind(like.clone()),
        )
        .await?;
    let order = if published_only {
        "published_at DESC"
    } else {
        "decided_at DESC"
    };
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM cr_penalties WHERE {filter} ORDER BY {order}, id LIMIT {first} OFFSET {offset}"
    ))?;
    let rows = tx
        .all(sqlx::query(&sql).bind(c).bind(y).bind(s).bind(like))
        .await?;
    Ok((total, rows.iter().map(row).collect::<Result<_>>()?))
}

/// Published penalties of an enterprise that stand (not revoked on appeal),
/// newest first.
pub async fn published_of(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Vec<Penalty>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM cr_penalties WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2 \
         AND published_at IS NOT NULL AND appeal <> 'revoked' ORDER BY decided_at DESC"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .iter()
    .map(row)
    .collect()
}

/// A public commitment (安全生产承诺).
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub text: String,
    pub made_at: i64,
    pub made_by: String,
    pub broken_at: Option<i64>,
    pub broken_reason: Option<String>,
    pub broken_by: Option<String>,
}

const C_COLS: &str =
    "tenant_id, id, enterprise_id, text, made_at, made_by, broken_at, broken_reason, broken_by";

fn c_row(r: &AnyRow) -> Result<Commitment> {
    Ok(Commitment {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        text: r.try_get("text")?,
        made_at: r.try_get("made_at")?,
        made_by: r.try_get("made_by")?,
        broken_at: r.try_get("broken_at")?,
        broken_reason: r.try_get("broken_reason")?,
        broken_by: r.try_get("broken_by")?,
    })
}

/// Inserts a commitment.
pub async fn insert_commitment(tx: &mut Tx, c: &Commitment) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO cr_commitments ({C_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)"
        ))
        .bind(c.tenant_id.clone())
        .bind(c.id.clone())
        .bind(c.enterprise_id.clone())
        .bind(c.text.clone())
        .bind(c.made_at)
        .bind(c.made_by.clone())
        .bind(c.broken_at)
        .bind(c.broken_reason.clone())
        .bind(c.broken_by.clone()),
    )
    .await?;
    Ok(())
}

/// One commitment by id, within scope.
pub async fn commitment(tx: &mut Tx, id: &str) -> Result<Option<Commitment>> {
    let sql = tx.sql(&format!(
        "SELECT {C_COLS} FROM cr_commitments WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(c_row)
        .transpose()
}

/// Marks a commitment broken if it was not; returns whether it was not.
pub async fn break_commitment(
    tx: &mut Tx,
    c: &Commitment,
    at: i64,
    by: &str,
    reason: &str,
) -> Result<bool> {
    let sql = tx.sql(
        "UPDATE cr_commitments SET broken_at = $1, broken_by = $2, broken_reason = $3 \
         WHERE {tenant} AND tenant_id = $4 AND id = $5 AND broken_at IS NULL",
    )?;
    Ok(tx
        .exec(
            sqlx::query(&sql)
                .bind(at)
                .bind(by.to_string())
                .bind(reason.to_string())
                .bind(c.tenant_id.clone())
                .bind(c.id.clone()),
        )
        .await?
        == 1)
}

/// An enterprise's commitments, newest first.
pub async fn commitments_of(
    tx: &mut Tx,
    tenant: &str,
    enterprise: &str,
) -> Result<Vec<Commitment>> {
    let sql = tx.sql(&format!(
        "SELECT {C_COLS} FROM cr_commitments WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2 \
         ORDER BY made_at DESC"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .iter()
    .map(c_row)
    .collect()
}

/// An enterprise's credit grade with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeRow {
    pub tenant_id: String,
    pub enterprise_id: String,
    pub uscc: String,
    pub name: String,
    pub grade: String,
    pub reasons: Value,
    pub computed_at: i64,
}

const G_COLS: &str = "tenant_id, enterprise_id, uscc, name, grade, reasons, computed_at";

fn g_row(r: &AnyRow) -> Result<GradeRow> {
    Ok(GradeRow {
        tenant_id: r.try_get("tenant_id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        uscc: r.try_get("uscc")?,
        name: r.try_get("name")?,
        grade: r.try_get("grade")?,
        reasons: serde_json::from_str(&r.try_get::<String, _>("reasons")?)?,
        computed_at: r.try_get("computed_at")?,
    })
}

/// Writes grades (insert or replace), many rows per statement.
pub async fn upsert_grades(tx: &mut Tx, rows: &[GradeRow]) -> Result<()> {
    for chunk in rows.chunks(500) {
        let mut sql = format!("INSERT INTO cr_grades ({G_COLS}) VALUES ");
        for i in 0..chunk.len() {
            let b = i * 7;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${},${},${},${},${},${},${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7
            ));
        }
        sql.push_str(
            " ON CONFLICT (tenant_id, enterprise_id) DO UPDATE SET uscc = excluded.uscc, name = excluded.name, \
             grade = excluded.grade, reasons = excluded.reasons, computed_at = excluded.computed_at",
        );
        let mut q = sqlx::query(&sql);
        for g in chunk {
            tx.ensure_writable(&g.tenant_id)?;
            q = q
                .bind(g.tenant_id.clone())
                .bind(g.enterprise_id.clone())
                .bind(g.uscc.clone())
                .bind(g.name.clone())
                .bind(g.grade.clone())
                .bind(g.reasons.to_string())
                .bind(g.computed_at);
        }
        tx.exec(q).await?;
    }
    Ok(())
}

/// An enterprise's stored grade.
pub async fn grade(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Option<GradeRow>> {
    let sql = tx.sql(&format!(
        "SELECT {G_COLS} FROM cr_grades WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .as_ref()
    .map(g_row)
    .transpose()
}

/// Grades by USCC (one per county where the code is registered).
pub async fn grades_by_uscc(tx: &mut Tx, uscc: &str) -> Result<Vec<GradeRow>> {
    let sql = tx.sql(&format!(
        "SELECT {G_COLS} FROM cr_grades WHERE {{tenant}} AND uscc = $1 ORDER BY tenant_id"
    ))?;
    tx.all(sqlx::query(&sql).bind(uscc.to_string()))
        .await?
        .iter()
        .map(g_row)
        .collect()
}

/// Grades whose enterprise name contains `name` (at most `limit`).
pub async fn grades_by_name(tx: &mut Tx, name: &str, limit: i64) -> Result<Vec<GradeRow>> {
    let like = format!("%{}%", name.trim().replace(['%', '_'], ""));
    let sql = tx.sql(&format!(
        "SELECT {G_COLS} FROM cr_grades WHERE {{tenant}} AND name LIKE $1 ORDER BY name, tenant_id LIMIT {limit}"
    ))?;
    tx.all(sqlx::query(&sql).bind(like))
        .await?
        .iter()
        .map(g_row)
        .collect()
}
