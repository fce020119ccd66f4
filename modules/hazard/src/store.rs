//! SQL of the hazard module: hazards, their timeline, and the filters of
//! the list. Every statement over a tenant table carries the tenant marker.

use crate::error::Result;
use crate::model::{GovernancePlan, Level, ListingLevel, MajorReport, Source, State};
use anjian_platform::bulk::{select_sql, Delimited};
use anjian_platform::db::{anonymous_rows, Backend, Tx, SQLITE_ANONYMOUS_PARAMS};
use anjian_platform::Error;
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A hazard as stored (隐患).
#[derive(Debug, Clone, PartialEq)]
pub struct Hazard {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub enterprise_uscc: String,
    pub enterprise_name: String,
    /// The enterprise's industry when the hazard was reported.
    pub industry: String,
    pub division_code: String,
    pub source: Source,
    pub category: String,
    pub level: Level,
    pub state: State,
    pub description: String,
    pub location: Option<String>,
    pub found_at: i64,
    /// `YYYY-MM` of `found_at` in the province's time zone.
    pub found_month: String,
    /// Username of who reported it.
    pub reporter: String,
    /// 五落实: 责任人.
    pub responsible_person: Option<String>,
    /// 五落实: 整改措施.
    pub measures: Option<String>,
    /// 五落实: 整改期限.
    pub deadline_at: Option<i64>,
    /// 五落实: 整改资金 (万元).
    pub funds_wan: Option<f64>,
    /// 五落实: 应急预案.
    pub contingency_plan: Option<String>,
    pub major_report: Option<MajorReport>,
    pub governance_plan: Option<GovernancePlan>,
    pub listing_level: Option<ListingLevel>,
    /// Username of the inspector following it.
    pub inspector: Option<String>,
    /// Its deadline passed while work was open (ever).
    pub overdue: bool,
    /// It was listed for supervision (挂牌督办).
    pub was_listed: bool,
    pub site_check_due_at: Option<i64>,
    pub public_report_id: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

const COLUMNS: &str = "tenant_id, id, enterprise_id, enterprise_uscc, enterprise_name, industry, division_code, \
    source, category, level, state, description, location, found_at, found_month, reporter, responsible_person, \
    measures, deadline_at, funds_wan, contingency_plan, major_report, governance_plan, listing_level, inspector, \
    overdue, was_listed, site_check_due_at, public_report_id, version, created_at, updated_at, closed_at";

fn parse<T>(r: std::result::Result<T, anjian_platform::FieldError>) -> Result<T> {
    r.map_err(|e| Error::Internal(format!("stored hazard: {}", e.message_en)).into())
}

fn json_opt<T: serde::de::DeserializeOwned>(raw: Option<String>) -> Result<Option<T>> {
    Ok(match raw {
        Some(s) => Some(serde_json::from_str(&s)?),
        None => None,
    })
}

fn from_row(r: &AnyRow) -> Result<Hazard> {
    Ok(Hazard {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        enterprise_uscc: r.try_get("enterprise_uscc")?,
        enterprise_name: r.try_get("enterprise_name")?,
        industry: r.try_get("industry")?,
        division_code: r.try_get("division_code")?,
        source: parse(Source::parse(&r.try_get::<String, _>("source")?))?,
        category: r.try_get("category")?,
        level: parse(Level::parse(&r.try_get::<String, _>("level")?))?,
        state: parse(State::parse(&r.try_get::<String, _>("state")?))?,
        description: r.try_get("description")?,
        location: r.try_get("location")?,
        found_at: r.try_get("found_at")?,
        found_month: r.try_get("found_month")?,
        reporter: r.try_get("reporter")?,
        responsible_person: r.try_get("responsible_person")?,
        measures: r.try_get("measures")?,
        deadline_at: r.try_get("deadline_at")?,
        funds_wan: r.try_get("funds_wan")?,
        contingency_plan: r.try_get("contingency_plan")?,
        major_report: json_opt(r.try_get("major_report")?)?,
        governance_plan: json_opt(r.try_get("governance_plan")?)?,
        listing_level: match r.try_get::<Option<String>, _>("listing_level")? {
            Some(l) => Some(parse(ListingLevel::parse(&l))?),
            None => None,
        },
        inspector: r.try_get("inspector")?,
        overdue: r.try_get::<i64, _>("overdue")? != 0,
        was_listed: r.try_get::<i64, _>("was_listed")? != 0,
        site_check_due_at: r.try_get("site_check_due_at")?,
        public_report_id: r.try_get("public_report_id")?,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        closed_at: r.try_get("closed_at")?,
    })
}

fn to_json<T: serde::Serialize>(v: &Option<T>) -> Result<Option<String>> {
    Ok(match v {
        Some(x) => Some(serde_json::to_string(x)?),
        None => None,
    })
}

/// Stores a new hazard.
pub async fn insert(tx: &mut Tx, h: &Hazard) -> Result<()> {
    insert_many(tx, std::slice::from_ref(h)).await
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_row<'q>(q: AnyQuery<'q>, h: &Hazard) -> Result<AnyQuery<'q>> {
    Ok(q.bind(h.tenant_id.clone())
        .bind(h.id.clone())
        .bind(h.enterprise_id.clone())
        .bind(h.enterprise_uscc.clone())
        .bind(h.enterprise_name.clone())
        .bind(h.industry.clone())
        .bind(h.division_code.clone())
        .bind(h.source.as_str())
        .bind(h.category.clone())
        .bind(h.level.as_str())
        .bind(h.state.as_str())
        .bind(h.description.clone())
        .bind(h.location.clone())
        .bind(h.found_at)
        .bind(h.found_month.clone())
        .bind(h.reporter.clone())
        .bind(h.responsible_person.clone())
        .bind(h.measures.clone())
        .bind(h.deadline_at)
        .bind(h.funds_wan)
        .bind(h.contingency_plan.clone())
        .bind(to_json(&h.major_report)?)
        .bind(to_json(&h.governance_plan)?)
        .bind(h.listing_level.map(|l| l.as_str()))
        .bind(h.inspector.clone())
        .bind(i64::from(h.overdue))
        .bind(i64::from(h.was_listed))
        .bind(h.site_check_due_at)
        .bind(h.public_report_id.clone())
        .bind(h.version)
        .bind(h.created_at)
        .bind(h.updated_at)
        .bind(h.closed_at))
}

/// PostgreSQL types of [`COLUMNS`], in order, for the bulk statement.
const PG_TYPES: [(&str, &str); 33] = [
    ("tenant_id", "text"),
    ("id", "text"),
    ("enterprise_id", "text"),
    ("enterprise_uscc", "text"),
    ("enterprise_name", "text"),
    ("industry", "text"),
    ("division_code", "text"),
    ("source", "text"),
    ("category", "text"),
    ("level", "text"),
    ("state", "text"),
    ("description", "text"),
    ("location", "text"),
    ("found_at", "int8"),
    ("found_month", "text"),
    ("reporter", "text"),
    ("responsible_person", "text"),
    ("measures", "text"),
    ("deadline_at", "int8"),
    ("funds_wan", "float8"),
    ("contingency_plan", "text"),
    ("major_report", "text"),
    ("governance_plan", "text"),
    ("listing_level", "text"),
    ("inspector", "text"),
    ("overdue", "int8"),
    ("was_listed", "int8"),
    ("site_check_due_at", "int8"),
    ("public_report_id", "text"),
    ("version", "int8"),
    ("created_at", "int8"),
    ("updated_at", "int8"),
    ("closed_at", "int8"),
];

/// `list` as one delimited text parameter, or None when a value can't be
/// written in it.
fn delimited(list: &[Hazard]) -> Result<Option<String>> {
    let mut d = Delimited::with_capacity(list.len() * 400);
    for h in list {
        d.row()
            .text(Some(&h.tenant_id))
            .text(Some(&h.id))
            .text(Some(&h.enterprise_id))
            .text(Some(&h.enterprise_uscc))
            .text(Some(&h.enterprise_name))
            .text(Some(&h.industry))
            .text(Some(&h.division_code))
            .text(Some(h.source.as_str()))
            .text(Some(&h.category))
            .text(Some(h.level.as_str()))
            .text(Some(h.state.as_str()))
            .text(Some(&h.description))
            .text(h.location.as_deref())
            .int(Some(h.found_at))
            .text(Some(&h.found_month))
            .text(Some(&h.reporter))
            .text(h.responsible_person.as_deref())
            .text(h.measures.as_deref())
            .int(h.deadline_at)
            .float(h.funds_wan)
            .text(h.contingency_plan.as_deref())
            .text(to_json(&h.major_report)?.as_deref())
            .text(to_json(&h.governance_plan)?.as_deref())
            .text(h.listing_level.map(|l| l.as_str()))
            .text(h.inspector.as_deref())
            .int(Some(i64::from(h.overdue)))
            .int(Some(i64::from(h.was_listed)))
            .int(h.site_check_due_at)
            .text(h.public_report_id.as_deref())
            .int(Some(h.version))
            .int(Some(h.created_at))
            .int(Some(h.updated_at))
            .int(h.closed_at);
    }
    Ok(d.finish())
}

/// Stores new hazards: on PostgreSQL a batch of several goes as one
/// delimited text parameter ([`anjian_platform::bulk`]); otherwise, and
/// when a value can't be delimited, multi-row `INSERT ... VALUES` (at most
/// 900 rows a statement).
pub async fn insert_many(tx: &mut Tx, list: &[Hazard]) -> Result<()> {
    if tx.bulk_select() && list.len() > 1 {
        for h in list {
            tx.ensure_writable(&h.tenant_id)?;
        }
        if let Some(text) = delimited(list)? {
            let sql = format!(
                "INSERT INTO hazards ({COLUMNS}) {}",
                select_sql("$1", &PG_TYPES)
            );
            tx.exec(sqlx::query(&sql).bind(text)).await?;
            return Ok(());
        }
    }
    insert_rows(tx, list).await
}

/// Multi-row `INSERT ... VALUES` statements.
async fn insert_rows(tx: &mut Tx, list: &[Hazard]) -> Result<()> {
    const N: usize = 33;
    // SQLite binds anonymous `?` in small statements: with `$N` names each
    // bind scans the names (n² per statement; 1,600 rows/s for the seed).
    let sqlite = tx.backend() == Backend::Sqlite;
    let per = if sqlite {
        SQLITE_ANONYMOUS_PARAMS / N
    } else {
        900
    };
    for chunk in list.chunks(per) {
        for h in chunk {
            tx.ensure_writable(&h.tenant_id)?;
        }
        let values = if sqlite {
            anonymous_rows(chunk.len(), N)
        } else {
            let rows: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let marks: Vec<String> = (1..=N).map(|c| format!("${}", r * N + c)).collect();
                    format!("({})", marks.join(","))
                })
                .collect();
            rows.join(",")
        };
        let sql = format!("INSERT INTO hazards ({COLUMNS}) VALUES {values}");
        let mut q = sqlx::query(&sql);
        for h in chunk {
            q = bind_row(q, h)?;
        }
        tx.exec(q).await?;
    }
    Ok(())
}

/// Writes `h` over the stored row if that is still at `h.version - 1`;
/// false when someone changed it meanwhile.
pub async fn update(tx: &mut Tx, h: &Hazard) -> Result<bool> {
    tx.ensure_writable(&h.tenant_id)?;
    let sql = tx.sql(
        "UPDATE hazards SET level = $3, state = $4, responsible_person = $5, measures = $6, deadline_at = $7, \
         funds_wan = $8, contingency_plan = $9, major_report = $10, governance_plan = $11, listing_level = $12, \
         inspector = $13, overdue = $14, was_listed = $15, site_check_due_at = $16, version = $17, updated_at = $18, \
         closed_at = $19 WHERE {tenant} AND tenant_id = $1 AND id = $2 AND version = $20",
    )?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(h.tenant_id.clone())
                .bind(h.id.clone())
                .bind(h.level.as_str())
                .bind(h.state.as_str())
                .bind(h.responsible_person.clone())
                .bind(h.measures.clone())
                .bind(h.deadline_at)
                .bind(h.funds_wan)
                .bind(h.contingency_plan.clone())
                .bind(to_json(&h.major_report)?)
                .bind(to_json(&h.governance_plan)?)
                .bind(h.listing_level.map(|l| l.as_str()))
                .bind(h.inspector.clone())
                .bind(i64::from(h.overdue))
                .bind(i64::from(h.was_listed))
                .bind(h.site_check_due_at)
                .bind(h.version)
                .bind(h.updated_at)
                .bind(h.closed_at)
                .bind(h.version - 1),
        )
        .await?;
    Ok(n == 1)
}

/// A hazard by id, within the transaction's tenants.
pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<Hazard>> {
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM hazards WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => Ok(Some(from_row(&r)?)),
        None => Ok(None),
    }
}

/// Filters of the hazard list.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub enterprise_id: Option<String>,
    pub county: Option<String>,
    pub state: Option<State>,
    pub level: Option<Level>,
    pub source: Option<Source>,
    pub category: Option<String>,
    /// Only hazards whose deadline passed while open (ever).
    pub overdue: Option<bool>,
    /// Open (not closed) or closed only.
    pub open: Option<bool>,
    pub inspector: Option<String>,
    pub found_from: Option<i64>,
    pub found_to: Option<i64>,
}

/// A page of hazards, newest found first, and the total.
pub async fn list(tx: &mut Tx, f: &Filter, limit: i64, offset: i64) -> Result<(Vec<Hazard>, i64)> {
    let mut cond = String::from("{tenant}");
    let mut binds: Vec<Value> = Vec::new();
    let mut add = |c: &str, v: Value, binds: &mut Vec<Value>| {
        binds.push(v);
        cond.push_str(&format!(" AND {c} ${}", binds.len()));
    };
    if let Some(e) = &f.enterprise_id {
        add("enterprise_id =", e.clone().into(), &mut binds);
    }
    if let Some(c) = &f.county {
        add("tenant_id =", c.clone().into(), &mut binds);
    }
    if let Some(s) = f.state {
        add("state =", s.as_str().into(), &mut binds);
    }
    if let Some(l) = f.level {
        add("level =", l.as_str().into(), &mut binds);
    }
    if let Some(s) = f.source {
        add("source =", s.as_str().into(), &mut binds);
    }
    if let Some(c) = &f.category {
        add("category =", c.clone().into(), &mut binds);
    }
    if let Some(o) = f.overdue {
        add("overdue =", i64::from(o).into(), &mut binds);
    }
    if let Some(i) = &f.inspector {
        add("inspector =", i.clone().into(), &mut binds);
    }
    if let Some(t) = f.found_from {
        add("found_at >=", t.into(), &mut binds);
    }
    if let Some(t) = f.found_to {
        add("found_at <", t.into(), &mut binds);
    }
    match f.open {
        Some(true) => cond.push_str(" AND state <> 'closed'"),
        Some(false) => cond.push_str(" AND state = 'closed'"),
        None => {}
    }
    let count_sql = tx.sql(&format!("SELECT COUNT(*) FROM hazards WHERE {cond}"))?;
    let total = tx.scalar(bind_all(sqlx::query(&count_sql), &binds)).await?;
    let n = binds.len();
    let sql = tx.sql(&format!(
        "SELECT {COLUMNS} FROM hazards WHERE {cond} ORDER BY found_at DESC, id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    ))?;
    let rows = tx
        .all(bind_all(sqlx::query(&sql), &binds).bind(limit).bind(offset))
        .await?;
    let items = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    Ok((items, total))
}

/// Binds JSON scalars (text, integers) in order.
pub fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &[Value],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Value::String(s) => q.bind(s.clone()),
            Value::Number(n) => q.bind(n.as_i64().unwrap_or_default()),
            Value::Bool(v) => q.bind(i64::from(*v)),
            _ => q.bind(None::<String>),
        };
    }
    q
}

/// One step of a hazard's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub comment: Option<String>,
    /// Attachment ids.
    pub attachments: Vec<String>,
    pub details: Value,
}

/// Appends `e` (its `seq` is assigned) to the hazard's timeline.
pub async fn add_event(tx: &mut Tx, tenant: &str, hazard_id: &str, e: &Event) -> Result<i64> {
    tx.ensure_writable(tenant)?;
    let next = tx.sql(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM hazard_events WHERE {tenant} AND tenant_id = $1 AND hazard_id = $2",
    )?;
    let seq = tx
        .scalar(
            sqlx::query(&next)
                .bind(tenant.to_string())
                .bind(hazard_id.to_string()),
        )
        .await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO hazard_events (tenant_id, hazard_id, seq, at, actor, action, from_state, to_state, comment, \
             attachments, details) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
        )
        .bind(tenant.to_string())
        .bind(hazard_id.to_string())
        .bind(seq)
        .bind(e.at)
        .bind(e.actor.clone())
        .bind(e.action.clone())
        .bind(e.from_state.clone())
        .bind(e.to_state.clone())
        .bind(e.comment.clone())
        .bind(serde_json::to_string(&e.attachments)?)
        .bind(e.details.to_string()),
    )
    .await?;
    Ok(seq)
}

/// The whole timeline of a hazard, oldest first.
pub async fn events(tx: &mut Tx, tenant: &str, hazard_id: &str) -> Result<Vec<Event>> {
    let sql = tx.sql(
        "SELECT seq, at, actor, action, from_state, to_state, comment, attachments, details FROM hazard_events \
         WHERE {tenant} AND tenant_id = $1 AND hazard_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(hazard_id.to_string()),
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
                attachments: serde_json::from_str(&r.try_get::<String, _>("attachments")?)?,
                details: serde_json::from_str(&r.try_get::<String, _>("details")?)?,
            })
        })
        .collect()
}

/// The id of the enabled user `username` of `tenant` holding `role`, if any.
pub async fn user_with_role(
    tx: &mut Tx,
    tenant: &str,
    username: &str,
    role: &str,
) -> Result<Option<String>> {
    let sql = tx.sql(
        "SELECT u.id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND u.tenant_id = $1 AND u.username = $2 AND r.role = $3 AND u.disabled = 0",
    )?;
    let row = tx
        .opt(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(username.to_string())
                .bind(role.to_string()),
        )
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_types_name_the_columns_in_order() {
        let names: Vec<&str> = PG_TYPES.iter().map(|(n, _)| *n).collect();
        let columns: Vec<&str> = COLUMNS.split(',').map(str::trim).collect();
        assert_eq!(names, columns);
    }
}
