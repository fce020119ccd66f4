//! SQL of accidents: the report row, its timeline, clocks, follow-ups and
//! findings. Every statement over a tenant table carries the tenant marker
//! or names the tenant.

use crate::error::Result;
use crate::model::{AccidentType, ClockKind, Figures, Grade, State};
use anjian_platform::db::Tx;
use anjian_platform::Error;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The investigation as recorded (事故调查报告), once submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Investigation {
    pub summary: String,
    pub cause: String,
    pub responsibilities: Vec<Responsibility>,
    pub measures: String,
    pub submitted_at: i64,
    pub submitted_by: String,
    pub approved_at: Option<i64>,
    pub approved_by: Option<String>,
}

/// One responsibility finding (责任认定) of the investigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Responsibility {
    /// The unit or person held responsible.
    pub party: String,
    /// The unit's USCC, when it is a unit.
    pub uscc: Option<String>,
    pub finding: String,
    /// Recommended handling (处理建议).
    pub handling: String,
}

/// An acknowledgement (签收) by a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ack {
    pub level: String,
    pub tenant: String,
    pub at: i64,
    pub by: String,
}

/// An accident report (生产安全事故快报) and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Accident {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: Option<String>,
    pub unit_name: String,
    pub unit_uscc: Option<String>,
    pub unit_address: Option<String>,
    pub division_code: String,
    pub occurred_at: i64,
    pub ym: i64,
    pub place: String,
    pub accident_type: AccidentType,
    pub road_traffic: bool,
    pub industry: String,
    pub industry_section: String,
    pub size: String,
    pub figures: Figures,
    pub grade: Grade,
    pub state: State,
    pub summary: String,
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub reporter: String,
    pub reporter_phone: String,
    pub unit_reported_at: i64,
    pub reported_at: i64,
    pub reached_level: String,
    pub acks: Vec<Ack>,
    pub investigation: Option<Investigation>,
    pub extended: bool,
    pub rectification: Option<String>,
    pub version: i64,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Every column of `acc_accidents`, in binding order.
pub const COLUMNS: &str = "tenant_id, id, enterprise_id, unit_name, unit_uscc, unit_address, division_code, \
    occurred_at, ym, place, accident_type, road_traffic, industry, industry_section, size, deaths, missing, \
    serious_injuries, minor_injuries, direct_loss_wan, grade, state, summary, cause, measures, reporter, \
    reporter_phone, unit_reported_at, reported_at, reached_level, acks, investigation, extended, \
    rectification, version, created_by, created_at, updated_at";

pub(crate) fn stored<T>(r: std::result::Result<T, anjian_platform::FieldError>) -> Result<T> {
    r.map_err(|e| Error::Internal(format!("stored accident: {}", e.message_en)).into())
}

fn from_row(r: &AnyRow) -> Result<Accident> {
    Ok(Accident {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        unit_name: r.try_get("unit_name")?,
        unit_uscc: r.try_get("unit_uscc")?,
        unit_address: r.try_get("unit_address")?,
        division_code: r.try_get("division_code")?,
        occurred_at: r.try_get("occurred_at")?,
        ym: r.try_get("ym")?,
        place: r.try_get("place")?,
        accident_type: stored(AccidentType::parse(
            &r.try_get::<String, _>("accident_type")?,
        ))?,
        road_traffic: r.try_get::<i64, _>("road_traffic")? != 0,
        industry: r.try_get("industry")?,
        industry_section: r.try_get("industry_section")?,
        size: r.try_get("size")?,
        figures: Figures {
            deaths: r.try_get("deaths")?,
            missing: r.try_get("missing")?,
            serious_injuries: r.try_get("serious_injuries")?,
            minor_injuries: r.try_get("minor_injuries")?,
            direct_loss_wan: r.try_get("direct_loss_wan")?,
        },
        grade: stored(Grade::parse(&r.try_get::<String, _>("grade")?))?,
        state: stored(State::parse(&r.try_get::<String, _>("state")?))?,
        summary: r.try_get("summary")?,
        cause: r.try_get("cause")?,
        measures: r.try_get("measures")?,
        reporter: r.try_get("reporter")?,
        reporter_phone: r.try_get("reporter_phone")?,
        unit_reported_at: r.try_get("unit_reported_at")?,
        reported_at: r.try_get("reported_at")?,
        reached_level: r.try_get("reached_level")?,
        acks: serde_json::from_str(&r.try_get::<String, _>("acks")?)?,
        investigation: match r.try_get::<Option<String>, _>("investigation")? {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        },
        extended: r.try_get::<i64, _>("extended")? != 0,
        rectification: r.try_get("rectification")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds every column of one accident, in [`COLUMNS`] order.
pub fn bind_row<'q>(q: AnyQuery<'q>, a: &Accident) -> Result<AnyQuery<'q>> {
    bind_values(q.bind(a.tenant_id.clone()).bind(a.id.clone()), a)
}

/// Binds every column after `tenant_id, id`, in `COLUMNS` order.
fn bind_values<'q>(q: AnyQuery<'q>, a: &Accident) -> Result<AnyQuery<'q>> {
    let f = &a.figures;
    Ok(q.bind(a.enterprise_id.clone())
        .bind(a.unit_name.clone())
        .bind(a.unit_uscc.clone())
        .bind(a.unit_address.clone())
        .bind(a.division_code.clone())
        .bind(a.occurred_at)
        .bind(a.ym)
        .bind(a.place.clone())
        .bind(a.accident_type.as_str())
        .bind(i64::from(a.road_traffic))
        .bind(a.industry.clone())
        .bind(a.industry_section.clone())
        .bind(a.size.clone())
        .bind(f.deaths)
        .bind(f.missing)
        .bind(f.serious_injuries)
        .bind(f.minor_injuries)
        .bind(f.direct_loss_wan)
        .bind(a.grade.as_str())
        .bind(a.state.as_str())
        .bind(a.summary.clone())
        .bind(a.cause.clone())
        .bind(a.measures.clone())
        .bind(a.reporter.clone())
        .bind(a.reporter_phone.clone())
        .bind(a.unit_reported_at)
        .bind(a.reported_at)
        .bind(a.reached_level.clone())
        .bind(serde_json::to_string(&a.acks)?)
        .bind(match &a.investigation {
            Some(i) => Some(serde_json::to_string(i)?),
            None => None,
        })
        .bind(i64::from(a.extended))
        .bind(a.rectification.clone())
        .bind(a.version)
        .bind(a.created_by.clone())
        .bind(a.created_at)
        .bind(a.updated_at))
}

/// Stores a new accident.
pub async fn insert(tx: &mut Tx, a: &Accident) -> Result<()> {
    tx.ensure_writable(&a.tenant_id)?;
    let n = COLUMNS.split(", ").count();
    let params: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO acc_accidents ({COLUMNS}) VALUES ({})",
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
pub async fn update(tx: &mut Tx, a: &Accident) -> Result<bool> {
    tx.ensure_writable(&a.tenant_id)?;
    let cols: Vec<&str> = COLUMNS.split(", ").skip(2).collect();
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = cols.len();
    let sql = tx.sql(&format!(
        "UPDATE acc_accidents SET {} WHERE {{tenant}} AND tenant_id = ${} AND id = ${} AND version = ${}",
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

/// The accident `id` among the transaction's tenants.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Accident>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM acc_accidents WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => Ok(Some(from_row(&r)?)),
        None => Ok(None),
    }
}

/// What a list shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub enterprise_id: Option<String>,
    pub state: Option<State>,
    pub grade: Option<Grade>,
    /// `YYYYMM` bounds, inclusive.
    pub from_ym: Option<i64>,
    pub to_ym: Option<i64>,
}

/// A page of accidents, latest first, and the total.
pub async fn list(
    tx: &mut Tx,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Accident>, i64)> {
    let mut cond = vec!["{tenant}".to_string()];
    let mut binds: Vec<String> = Vec::new();
    let push = |binds: &mut Vec<String>, cond: &mut Vec<String>, col: &str, v: String| {
        binds.push(v);
        cond.push(format!("{col} = ${}", binds.len()));
    };
    if let Some(e) = &f.enterprise_id {
        push(&mut binds, &mut cond, "enterprise_id", e.clone());
    }
    if let Some(s) = f.state {
        push(&mut binds, &mut cond, "state", s.as_str().into());
    }
    if let Some(g) = f.grade {
        push(&mut binds, &mut cond, "grade", g.as_str().into());
    }
    if let Some(y) = f.from_ym {
        cond.push(format!("ym >= {y}"));
    }
    if let Some(y) = f.to_ym {
        cond.push(format!("ym <= {y}"));
    }
    let cond = cond.join(" AND ");
    let count = tx.sql(&format!("SELECT COUNT(*) FROM acc_accidents WHERE {cond}"))?;
    let mut q = sqlx::query(&count);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let total = tx.scalar(q).await?;
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM acc_accidents WHERE {cond} ORDER BY occurred_at DESC, id LIMIT {limit} OFFSET {offset}"
    ))?;
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = tx.all(q).await?;
    let list = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    Ok((list, total))
}

/// A step on an accident's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub details: Value,
}

pub(crate) async fn next_seq(
    tx: &mut Tx,
    table: &str,
    tenant: &str,
    accident: &str,
) -> Result<i64> {
    let sql = tx.sql(&format!(
        "SELECT COALESCE(MAX(seq), 0) FROM {table} WHERE {{tenant}} AND tenant_id = $1 AND accident_id = $2"
    ))?;
    Ok(tx
        .scalar(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(accident.to_string()),
        )
        .await?
        + 1)
}

/// Appends to the timeline.
pub async fn add_event(tx: &mut Tx, a: &Accident, e: &Event) -> Result<()> {
    let seq = next_seq(tx, "acc_events", &a.tenant_id, &a.id).await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO acc_events (tenant_id, accident_id, seq, at, actor, action, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.tenant_id.clone())
        .bind(a.id.clone())
        .bind(seq)
        .bind(e.at)
        .bind(e.actor.clone())
        .bind(e.action.clone())
        .bind(e.details.to_string()),
    )
    .await?;
    Ok(())
}

/// The timeline, oldest first.
pub async fn events(tx: &mut Tx, tenant: &str, accident: &str) -> Result<Vec<Event>> {
    let sql = tx.sql(
        "SELECT seq, at, actor, action, details FROM acc_events \
         WHERE {tenant} AND tenant_id = $1 AND accident_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(accident.to_string()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                details: serde_json::from_str(&r.try_get::<String, _>("details")?)?,
            })
        })
        .collect()
}

/// A watched time limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    pub tenant_id: String,
    pub accident_id: String,
    pub kind: ClockKind,
    pub started_at: i64,
    pub due_at: i64,
    pub done_at: Option<i64>,
    pub done_by: Option<String>,
    pub late: bool,
    pub auto: bool,
}

const CLOCK_COLS: &str =
    "tenant_id, accident_id, kind, started_at, due_at, done_at, done_by, late, auto";

fn clock_from(r: &AnyRow) -> Result<Clock> {
    Ok(Clock {
        tenant_id: r.try_get("tenant_id")?,
        accident_id: r.try_get("accident_id")?,
        kind: stored(ClockKind::parse(&r.try_get::<String, _>("kind")?))?,
        started_at: r.try_get("started_at")?,
        due_at: r.try_get("due_at")?,
        done_at: r.try_get("done_at")?,
        done_by: r.try_get("done_by")?,
        late: r.try_get::<i64, _>("late")? != 0,
        auto: r.try_get::<i64, _>("auto")? != 0,
    })
}

/// Starts (or restarts) a clock.
pub async fn put_clock(tx: &mut Tx, c: &Clock) -> Result<()> {
    tx.ensure_writable(&c.tenant_id)?;
    tx.exec(
        sqlx::query(&format!(
            "INSERT INTO acc_clocks ({CLOCK_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (tenant_id, accident_id, kind) DO UPDATE SET started_at = excluded.started_at, \
             due_at = excluded.due_at, done_at = excluded.done_at, done_by = excluded.done_by, \
             late = excluded.late, auto = excluded.auto"
        ))
        .bind(c.tenant_id.clone())
        .bind(c.accident_id.clone())
        .bind(c.kind.as_str())
        .bind(c.started_at)
        .bind(c.due_at)
        .bind(c.done_at)
        .bind(c.done_by.clone())
        .bind(i64::from(c.late))
        .bind(i64::from(c.auto)),
    )
    .await?;
    Ok(())
}

/// The clocks of an accident, by due time.
pub async fn clocks(tx: &mut Tx, tenant: &str, accident: &str) -> Result<Vec<Clock>> {
    let sql = tx.sql(&format!(
        "SELECT {CLOCK_COLS} FROM acc_clocks WHERE {{tenant}} AND tenant_id = $1 AND accident_id = $2 ORDER BY due_at"
    ))?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(accident.to_string()),
        )
        .await?;
    rows.iter().map(clock_from).collect()
}

/// One clock of an accident.
pub async fn clock(
    tx: &mut Tx,
    tenant: &str,
    accident: &str,
    kind: ClockKind,
) -> Result<Option<Clock>> {
    Ok(clocks(tx, tenant, accident)
        .await?
        .into_iter()
        .find(|c| c.kind == kind))
}

/// Open clocks of the transaction's tenants, soonest due first.
pub async fn open_clocks(tx: &mut Tx, limit: i64) -> Result<Vec<Clock>> {
    let sql = tx.sql(&format!(
        "SELECT {CLOCK_COLS} FROM acc_clocks WHERE {{tenant}} AND done_at IS NULL ORDER BY due_at LIMIT {limit}"
    ))?;
    let rows = tx.all(sqlx::query(&sql)).await?;
    rows.iter().map(clock_from).collect()
}

mod records;
pub use records::*;
