//! SQL of the standardization module: applications, their timeline,
//! checklists and certificates. Every statement over a tenant table carries
//! the tenant marker.

use crate::checklist::{Checklist, Mark};
use crate::error::Result;
use crate::model::{Grade, SafetyRecord, State};
use anjian_platform::db::Tx;
use anjian_platform::Error;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The on-site review as recorded (现场评审).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub reviewers: Vec<Reviewer>,
    pub marks: Vec<Mark>,
    pub earned: f64,
    pub applicable: f64,
    pub vetoes_failed: Vec<String>,
    /// The checklist's score before county rules adjusted it.
    #[serde(default)]
    pub checklist_score: Option<f64>,
    /// What county rules (`standardization.score`) changed, in order.
    #[serde(default)]
    pub adjustments: Vec<crate::hooks::Adjustment>,
    /// Username of who recorded it.
    pub recorded_by: String,
    pub signed_by: Option<String>,
}

/// A reviewer on site, with the reviewer certificate number (评审员证书编号).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reviewer {
    pub name: String,
    pub certificate_no: String,
    /// The USCC of the reviewer's employer, when not the review unit.
    pub employer_uscc: Option<String>,
}

/// An objection raised during the public notice (公示异议).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Objection {
    pub id: String,
    pub at: i64,
    pub text: String,
    pub recorded_by: String,
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
}

/// An application for a standardization grade (标准化评审申请).
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub enterprise_uscc: String,
    pub enterprise_name: String,
    pub industry: String,
    pub division_code: String,
    pub applied_grade: Grade,
    pub state: State,
    /// `YYYY-MM-DD` the safety system started running (体系运行).
    pub system_run_since: String,
    pub record: SafetyRecord,
    /// Checklist version scored against (set on acceptance; the self
    /// assessment uses the version in force then).
    pub checklist_version: Option<String>,
    pub self_marks: Option<Vec<Mark>>,
    pub self_score: Option<f64>,
    pub review_unit: Option<(String, String)>,
    pub organiser: Option<(String, String)>,
    pub review: Option<Review>,
    pub review_score: Option<f64>,
    pub achieved_grade: Option<Grade>,
    /// 不予受理: reason and the list of what is missing.
    pub refusal: Option<Value>,
    pub objections: Vec<Objection>,
    /// When the current step is due (form check, review, rectification, notice).
    pub due_at: Option<i64>,
    pub overdue: bool,
    pub notice_ends_at: Option<i64>,
    pub certificate_number: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub accepted_at: Option<i64>,
}

const COLUMNS: &str = "tenant_id, id, enterprise_id, enterprise_uscc, enterprise_name, industry, division_code, \
    applied_grade, state, system_run_since, record, checklist_version, self_marks, self_score, review_unit_tenant, \
    review_unit_id, organiser_tenant, organiser_id, review, review_score, achieved_grade, refusal, objections, \
    due_at, overdue, notice_ends_at, certificate_number, version, created_at, updated_at, submitted_at, accepted_at";

fn parse<T>(r: std::result::Result<T, anjian_platform::FieldError>) -> Result<T> {
    r.map_err(|e| Error::Internal(format!("stored application: {}", e.message_en)).into())
}

fn json_opt<T: serde::de::DeserializeOwned>(raw: Option<String>) -> Result<Option<T>> {
    Ok(match raw {
        Some(s) => Some(serde_json::from_str(&s)?),
        None => None,
    })
}

fn to_json<T: Serialize>(v: &Option<T>) -> Result<Option<String>> {
    Ok(match v {
        Some(x) => Some(serde_json::to_string(x)?),
        None => None,
    })
}

fn pair(a: Option<String>, b: Option<String>) -> Option<(String, String)> {
    a.zip(b)
}

fn from_row(r: &AnyRow) -> Result<Application> {
    Ok(Application {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        enterprise_uscc: r.try_get("enterprise_uscc")?,
        enterprise_name: r.try_get("enterprise_name")?,
        industry: r.try_get("industry")?,
        division_code: r.try_get("division_code")?,
        applied_grade: parse(Grade::parse(&r.try_get::<String, _>("applied_grade")?))?,
        state: parse(State::parse(&r.try_get::<String, _>("state")?))?,
        system_run_since: r.try_get("system_run_since")?,
        record: serde_json::from_str(&r.try_get::<String, _>("record")?)?,
        checklist_version: r.try_get("checklist_version")?,
        self_marks: json_opt(r.try_get("self_marks")?)?,
        self_score: r.try_get("self_score")?,
        review_unit: pair(
            r.try_get("review_unit_tenant")?,
            r.try_get("review_unit_id")?,
        ),
        organiser: pair(r.try_get("organiser_tenant")?, r.try_get("organiser_id")?),
        review: json_opt(r.try_get("review")?)?,
        review_score: r.try_get("review_score")?,
        achieved_grade: match r.try_get::<Option<String>, _>("achieved_grade")? {
            Some(g) => Some(parse(Grade::parse(&g))?),
            None => None,
        },
        refusal: json_opt(r.try_get("refusal")?)?,
        objections: serde_json::from_str(&r.try_get::<String, _>("objections")?)?,
        due_at: r.try_get("due_at")?,
        overdue: r.try_get::<i64, _>("overdue")? != 0,
        notice_ends_at: r.try_get("notice_ends_at")?,
        certificate_number: r.try_get("certificate_number")?,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        submitted_at: r.try_get("submitted_at")?,
        accepted_at: r.try_get("accepted_at")?,
    })
}

/// Nullable scores are bound as text and cast in SQL: PostgreSQL keeps the
/// parameter types of a statement's first run, and a NULL bound then must
/// not fix a type a later number doesn't have.
const FLOAT_COLUMNS: &[&str] = &["self_score", "review_score"];

fn placeholder(col: &str, n: usize) -> String {
    if FLOAT_COLUMNS.contains(&col) {
        format!("CAST(${n} AS DOUBLE PRECISION)")
    } else {
        format!("${n}")
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_values<'q>(q: AnyQuery<'q>, a: &Application) -> Result<AnyQuery<'q>> {
    Ok(q.bind(a.enterprise_id.clone())
        .bind(a.enterprise_uscc.clone())
        .bind(a.enterprise_name.clone())
        .bind(a.industry.clone())
        .bind(a.division_code.clone())
        .bind(a.applied_grade.as_str())
        .bind(a.state.as_str())
        .bind(a.system_run_since.clone())
        .bind(serde_json::to_string(&a.record)?)
        .bind(a.checklist_version.clone())
        .bind(to_json(&a.self_marks)?)
        .bind(a.self_score.map(|v| v.to_string()))
        .bind(a.review_unit.as_ref().map(|p| p.0.clone()))
        .bind(a.review_unit.as_ref().map(|p| p.1.clone()))
        .bind(a.organiser.as_ref().map(|p| p.0.clone()))
        .bind(a.organiser.as_ref().map(|p| p.1.clone()))
        .bind(to_json(&a.review)?)
        .bind(a.review_score.map(|v| v.to_string()))
        .bind(a.achieved_grade.map(|g| g.as_str()))
        .bind(to_json(&a.refusal)?)
        .bind(serde_json::to_string(&a.objections)?)
        .bind(a.due_at)
        .bind(i64::from(a.overdue))
        .bind(a.notice_ends_at)
        .bind(a.certificate_number.clone())
        .bind(a.version)
        .bind(a.created_at)
        .bind(a.updated_at)
        .bind(a.submitted_at)
        .bind(a.accepted_at))
}

/// Stores a new application.
pub async fn insert(tx: &mut Tx, a: &Application) -> Result<()> {
    tx.ensure_writable(&a.tenant_id)?;
    let params: Vec<String> = COLUMNS
        .split(", ")
        .enumerate()
        .map(|(i, c)| placeholder(c, i + 1))
        .collect();
    let sql = format!(
        "INSERT INTO std_applications ({COLUMNS}) VALUES ({})",
        params.join(", ")
    );
    let q = sqlx::query(&sql)
        .bind(a.tenant_id.clone())
        .bind(a.id.clone());
    tx.exec(bind_values(q, a)?).await?;
    Ok(())
}

/// Writes `a` over the stored row of version `a.version - 1`; false when
/// someone changed it meanwhile.
pub async fn update(tx: &mut Tx, a: &Application) -> Result<bool> {
    let cols: Vec<&str> = COLUMNS.split(", ").skip(2).collect();
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = {}", placeholder(c, i + 1)))
        .collect();
    let n = cols.len();
    let sql = tx.sql(&format!(
        "UPDATE std_applications SET {} WHERE {{tenant}} AND tenant_id = ${} AND id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3
    ))?;
    let q = bind_values(sqlx::query(&sql), a)?
        .bind(a.tenant_id.clone())
        .bind(a.id.clone())
        .bind(a.version - 1);
    Ok(tx.exec(q).await? == 1)
}

/// The application `id` among the transaction's tenants.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Application>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM std_applications WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => Ok(Some(from_row(&r)?)),
        None => Ok(None),
    }
}

/// What a list shows: whose applications and in which state.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub state: Option<State>,
    pub enterprise_id: Option<String>,
    /// Only those assigned to this organisation (a review or organising unit).
    pub unit_id: Option<String>,
    pub overdue: Option<bool>,
}

/// A page of applications, newest change first, and the total.
pub async fn list(
    tx: &mut Tx,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Application>, i64)> {
    let mut cond = vec!["{tenant}".to_string()];
    let mut binds: Vec<String> = Vec::new();
    if let Some(s) = f.state {
        binds.push(s.as_str().into());
        cond.push(format!("state = ${}", binds.len()));
    }
    if let Some(e) = &f.enterprise_id {
        binds.push(e.clone());
        cond.push(format!("enterprise_id = ${}", binds.len()));
    }
    if let Some(u) = &f.unit_id {
        binds.push(u.clone());
        let n = binds.len();
        cond.push(format!("(review_unit_id = ${n} OR organiser_id = ${n})"));
    }
    if let Some(o) = f.overdue {
        cond.push(format!("overdue = {}", i64::from(o)));
    }
    let cond = cond.join(" AND ");
    let count = tx.sql(&format!(
        "SELECT COUNT(*) FROM std_applications WHERE {cond}"
    ))?;
    let mut q = sqlx::query(&count);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let total = tx.scalar(q).await?;
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM std_applications WHERE {cond} ORDER BY updated_at DESC, id LIMIT {limit} OFFSET {offset}"
    ))?;
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = tx.all(q).await?;
    let list = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    Ok((list, total))
}

/// A step in an application's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub comment: Option<String>,
    pub details: Value,
}

/// Appends to the timeline.
pub async fn add_event(tx: &mut Tx, tenant: &str, app: &str, e: &Event) -> Result<()> {
    let last = tx.sql(
        "SELECT seq, at FROM std_events WHERE {tenant} AND tenant_id = $1 AND application_id = $2 ORDER BY seq DESC LIMIT 1",
    )?;
    let prev = tx
        .opt(
            sqlx::query(&last)
                .bind(tenant.to_string())
                .bind(app.to_string()),
        )
        .await?;
    let (seq, prev_at) = match &prev {
        Some(r) => (
            r.try_get::<i64, _>("seq")? + 1,
            Some(r.try_get::<i64, _>("at")?),
        ),
        None => (1, None),
    };
    if let (Some(from), Some(at)) = (&e.from_state, prev_at) {
        if *from != e.to_state {
            add_step_time(tx, tenant, from, e.at - at).await?;
        }
    }
    tx.exec(
        sqlx::query(
            "INSERT INTO std_events (tenant_id, application_id, seq, at, actor, action, from_state, to_state, comment, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(tenant.to_string())
        .bind(app.to_string())
        .bind(seq)
        .bind(e.at)
        .bind(e.actor.clone())
        .bind(e.action.clone())
        .bind(e.from_state.clone())
        .bind(e.to_state.clone())
        .bind(e.comment.clone())
        .bind(e.details.to_string()),
    )
    .await?;
    Ok(())
}

/// Counts `waited` milliseconds in `state` into the county's histogram.
pub async fn add_step_time(tx: &mut Tx, tenant: &str, state: &str, waited: i64) -> Result<()> {
    add_step_times(tx, tenant, state, bucket(waited), 1).await
}

/// The histogram's bucket of a wait, in tenths of a day: a tenth under 3
/// days, a day under 100 days, ten days beyond (at most 10 years), so a
/// province's histogram stays small and its percentiles read fast.
pub fn bucket(waited_ms: i64) -> i64 {
    let t = (waited_ms / 8_640_000).clamp(0, 36_500);
    match t {
        0..30 => t,
        30..1000 => t / 10 * 10,
        _ => t / 100 * 100,
    }
}

/// Adds `n` waits of `tenths` tenths of a day in `state`.
pub async fn add_step_times(
    tx: &mut Tx,
    tenant: &str,
    state: &str,
    tenths: i64,
    n: i64,
) -> Result<()> {
    tx.exec(
        sqlx::query(
            "INSERT INTO std_step_days (tenant_id, state, tenths, n) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, state, tenths) DO UPDATE SET n = std_step_days.n + excluded.n",
        )
        .bind(tenant.to_string())
        .bind(state.to_string())
        .bind(tenths)
        .bind(n),
    )
    .await?;
    Ok(())
}

/// The timeline, oldest first.
pub async fn events(tx: &mut Tx, tenant: &str, app: &str) -> Result<Vec<Event>> {
    let sql = tx.sql(
        "SELECT seq, at, actor, action, from_state, to_state, comment, details FROM std_events \
         WHERE {tenant} AND tenant_id = $1 AND application_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(app.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                from_state: r.try_get("from_state")?,
                to_state: r.try_get("to_state")?,
                comment: r.try_get("comment")?,
                details: serde_json::from_str(&r.try_get::<String, _>("details")?)?,
            })
        })
        .collect()
}

// ---- checklists (the province's data) ----

/// Stores a new checklist version; the previous version in force is
/// superseded. A version already loaded is a conflict.
pub async fn load_checklist(tx: &mut Tx, c: &Checklist, by: &str, now: i64) -> Result<()> {
    let exists = tx
        .opt(
            sqlx::query("SELECT 1 FROM std_checklists WHERE industry = $1 AND version = $2")
                .bind(c.industry.clone())
                .bind(c.version.clone()),
        )
        .await?;
    if exists.is_some() {
        return Err(Error::conflict(
            format!("行业 {} 的评分标准版本 {} 已存在", c.industry, c.version),
            format!(
                "checklist {} version {} exists already",
                c.industry, c.version
            ),
        )
        .into());
    }
    tx.exec(
        sqlx::query(
            "UPDATE std_checklists SET superseded_at = $1 WHERE industry = $2 AND superseded_at IS NULL",
        )
        .bind(now)
        .bind(c.industry.clone()),
    )
    .await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO std_checklists (industry, version, name, standard, full_score, body, loaded_at, loaded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(c.industry.clone())
        .bind(c.version.clone())
        .bind(c.name.clone())
        .bind(c.standard.clone())
        .bind(c.full_score)
        .bind(serde_json::to_string(c)?)
        .bind(now)
        .bind(by.to_string()),
    )
    .await?;
    Ok(())
}

/// A stored checklist version and whether it is in force.
#[derive(Debug, Clone)]
pub struct StoredChecklist {
    pub checklist: Checklist,
    pub loaded_at: i64,
    pub superseded_at: Option<i64>,
}

fn checklist_from(r: &AnyRow) -> Result<StoredChecklist> {
    Ok(StoredChecklist {
        checklist: serde_json::from_str(&r.try_get::<String, _>("body")?)?,
        loaded_at: r.try_get("loaded_at")?,
        superseded_at: r.try_get("superseded_at")?,
    })
}

/// The version in force for `industry`, or a named version.
pub async fn checklist(
    tx: &mut Tx,
    industry: &str,
    version: Option<&str>,
) -> Result<Option<StoredChecklist>> {
    let row = match version {
        Some(v) => {
            tx.opt(
                sqlx::query("SELECT body, loaded_at, superseded_at FROM std_checklists WHERE industry = $1 AND version = $2")
                    .bind(industry.to_string())
                    .bind(v.to_string()),
            )
            .await?
        }
        None => {
            tx.opt(
                sqlx::query("SELECT body, loaded_at, superseded_at FROM std_checklists WHERE industry = $1 AND superseded_at IS NULL")
                    .bind(industry.to_string()),
            )
            .await?
        }
    };
    row.as_ref().map(checklist_from).transpose()
}

/// Every version, newest first per industry.
pub async fn checklists(tx: &mut Tx) -> Result<Vec<StoredChecklist>> {
    let rows = tx
        .all(sqlx::query(
            "SELECT body, loaded_at, superseded_at FROM std_checklists ORDER BY industry, loaded_at DESC",
        ))
        .await?;
    rows.iter().map(checklist_from).collect()
}
