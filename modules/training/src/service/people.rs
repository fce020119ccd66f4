//! Registering candidates, recording their training, and who may sit an exam.

use super::text;
use crate::error::{Result, TrError};
use crate::model::{Category, IdNumber, Rules};
use crate::store::people::{self, Candidate, TrainingRecord};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::FieldError;
use serde_json::json;

/// What registering a candidate takes.
pub struct NewCandidate {
    pub id_number: String,
    pub name: String,
    pub enterprise_uscc: Option<String>,
    pub category: String,
    pub operation_item: Option<String>,
    pub high_risk: bool,
    pub refresher: bool,
    pub username: Option<String>,
}

/// Whether a candidate may sit an exam now.
#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    pub required_hours: f64,
    pub needs_retraining: bool,
    pub eligible: bool,
}

/// Hours and resits decide; an exemption stands in for the hours.
pub fn eligibility(c: &Candidate, r: &Rules) -> Eligibility {
    let required = r.required_hours(c.high_risk, c.refresher);
    let needs_retraining = c.failures > i64::from(r.resits);
    Eligibility {
        required_hours: required,
        needs_retraining,
        eligible: !needs_retraining && (c.hours + 1e-9 >= required || c.exemption.is_some()),
    }
}

/// Registers a candidate in the actor's tenant.
pub async fn register(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    n: NewCandidate,
) -> Result<Candidate> {
    let rules = super::rules(tx).await?;
    let mut e: Vec<FieldError> = Vec::new();
    let id_number = IdNumber::parse(&n.id_number).map_err(|f| e.push(f)).ok();
    let name = text("name", &n.name, 50).map_err(|f| e.push(f)).ok();
    let category = Category::parse(&n.category).map_err(|f| e.push(f)).ok();
    let item = n
        .operation_item
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    match (category, &item) {
        (Some(Category::SpecialOperations), None) => e.push(FieldError::new(
            "operationItem",
            "特种作业人员须选择操作项目",
            "special operations need an operation item",
        )),
        (Some(Category::SpecialOperations), Some(i)) if rules.operation(i).is_none() => {
            e.push(FieldError::new(
                "operationItem",
                &format!("未知的操作项目：{i}"),
                &format!("unknown operation item {i:?}"),
            ))
        }
        (Some(Category::Principal | Category::SafetyManager), Some(_)) => e.push(FieldError::new(
            "operationItem",
            "只有特种作业人员有操作项目",
            "only special operations have an operation item",
        )),
        _ => {}
    }
    let uscc = n
        .enterprise_uscc
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty());
    if uscc
        .as_ref()
        .is_some_and(|u| u.len() != 18 || !u.is_ascii())
    {
        e.push(FieldError::new(
            "enterpriseUscc",
            "统一社会信用代码应为 18 位",
            "a unified social credit code has 18 characters",
        ));
    }
    let username = n
        .username
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if let Some(u) = &username {
        if !is_examinee(tx, tenant, u).await? {
            e.push(FieldError::new(
                "username",
                "本单位没有该考生账号",
                "no examinee account of that name in this tenant",
            ));
        }
    }
    let (Some(id_number), Some(name), Some(category), true) =
        (id_number, name, category, e.is_empty())
    else {
        return Err(TrError::Invalid(e));
    };
    let c = Candidate {
        tenant_id: tenant.to_string(),
        id: new_id(),
        id_number: id_number.as_str().to_string(),
        name,
        enterprise_uscc: uscc,
        category,
        operation_item: item,
        high_risk: n.high_risk,
        refresher: n.refresher,
        exemption: None,
        username,
        failures: 0,
        hours: 0.0,
        created_at: now_ms(),
    };
    people::insert(tx, &c).await?;
    audit::record(
        tx,
        ctx,
        tenant,
        "training.candidate.register",
        "training_candidate",
        &c.id,
        vec![Change::new(
            "category",
            None,
            Some(json!(category.as_str())),
        )],
    )
    .await?;
    Ok(c)
}

async fn is_examinee(tx: &mut Tx, tenant: &str, username: &str) -> Result<bool> {
    let sql = tx.sql(
        "SELECT COUNT(*) AS n FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND u.tenant_id = $1 AND u.username = $2 AND r.role = 'examinee'",
    )?;
    Ok(tx
        .scalar(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(username.to_string()),
        )
        .await?
        > 0)
}

/// A candidate the transaction may see, or NOT_FOUND.
pub async fn visible(tx: &mut Tx, id: &str) -> Result<Candidate> {
    people::get(tx, id)
        .await?
        .ok_or(TrError::NotFound("candidate"))
}

/// What recording hours takes.
pub struct NewHours {
    pub institution: String,
    pub course: String,
    pub hours: f64,
    pub date: String,
}

/// Records a course attended; enough hours after a second failure end the
/// retraining.
pub async fn record_hours(tx: &mut Tx, ctx: &AuditCtx, id: &str, h: NewHours) -> Result<Candidate> {
    let mut c = visible(tx, id).await?;
    tx.ensure_writable(&c.tenant_id)?;
    let mut e = Vec::new();
    let institution = text("institution", &h.institution, 100)
        .map_err(|f| e.push(f))
        .ok();
    let course = text("course", &h.course, 100).map_err(|f| e.push(f)).ok();
    if !(h.hours > 0.0 && h.hours <= 200.0) {
        e.push(FieldError::new(
            "hours",
            "学时应大于 0，至多 200",
            "hours are more than 0, at most 200",
        ));
    }
    let today = chrono::Utc::now().date_naive();
    let date = chrono::NaiveDate::parse_from_str(h.date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= today);
    if date.is_none() {
        e.push(FieldError::new(
            "date",
            "日期应为不晚于今天的 YYYY-MM-DD",
            "the date is YYYY-MM-DD, not in the future",
        ));
    }
    let (Some(institution), Some(course), Some(date), true) =
        (institution, course, date, e.is_empty())
    else {
        return Err(TrError::Invalid(e));
    };
    let rules = super::rules(tx).await?;
    let t = TrainingRecord {
        id: new_id(),
        institution,
        course,
        hours: h.hours,
        date: date.format("%Y-%m-%d").to_string(),
    };
    people::add_training(tx, &c, &t, &ctx.actor, now_ms()).await?;
    c.hours += h.hours;
    let e = eligibility(&c, &rules);
    if e.needs_retraining && c.hours + 1e-9 >= e.required_hours {
        c.failures = 0;
    }
    people::update(tx, &c).await?;
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "training.hours.record",
        "training_candidate",
        &c.id,
        vec![Change::new("hours", None, Some(json!(h.hours)))],
    )
    .await?;
    Ok(c)
}

/// Records an exemption from the hours, with its reason.
pub async fn exempt(tx: &mut Tx, ctx: &AuditCtx, id: &str, reason: &str) -> Result<Candidate> {
    let mut c = visible(tx, id).await?;
    tx.ensure_writable(&c.tenant_id)?;
    let reason = text("reason", reason, 200)?;
    c.exemption = Some(reason.clone());
    people::update(tx, &c).await?;
    audit::record(
        tx,
        ctx,
        &c.tenant_id,
        "training.candidate.exempt",
        "training_candidate",
        &c.id,
        vec![Change::new("exemption", None, Some(json!(reason)))],
    )
    .await?;
    Ok(c)
}
