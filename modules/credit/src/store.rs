//! SQL of credit: events, listings with their timelines; the tasks of the
//! managed period in `tasks`; penalties, commitments and grades in [`penalties`]. Every statement over a
//! tenant table carries the tenant marker or names the tenant.

use crate::error::Result;
use crate::model::{ListingState, Source};
use anjian_platform::db::Tx;
use anjian_platform::Error;
use sqlx::any::AnyRow;
use sqlx::Row;

pub mod penalties;
mod tasks;

pub use tasks::*;

pub(crate) fn stored<T>(r: std::result::Result<T, anjian_platform::FieldError>) -> Result<T> {
    r.map_err(|e| Error::Internal(format!("stored credit record: {}", e.message_en)).into())
}

/// A credit event (失信行为记录).
#[derive(Debug, Clone, PartialEq)]
pub struct CreditEvent {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub uscc: String,
    pub name: String,
    pub source: Source,
    pub trigger: String,
    pub ref_id: String,
    pub detail: String,
    pub occurred_at: i64,
    pub created_at: i64,
    pub created_by: String,
    pub listing_id: Option<String>,
    /// When its source was undone (a penalty revoked on appeal); a withdrawn
    /// event no longer counts.
    pub withdrawn_at: Option<i64>,
    pub withdrawn_reason: Option<String>,
}

/// The columns an event is inserted with.
const NEW_EVENT_COLS: &str =
    "tenant_id, id, enterprise_id, uscc, name, source, trig, ref_id, detail, \
    occurred_at, created_at, created_by, listing_id";
const EVENT_COLS: &str = "tenant_id, id, enterprise_id, uscc, name, source, trig, ref_id, detail, \
    occurred_at, created_at, created_by, listing_id, withdrawn_at, withdrawn_reason";

fn event_row(r: &AnyRow) -> Result<CreditEvent> {
    Ok(CreditEvent {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        uscc: r.try_get("uscc")?,
        name: r.try_get("name")?,
        source: stored(Source::parse(&r.try_get::<String, _>("source")?))?,
        trigger: r.try_get("trig")?,
        ref_id: r.try_get("ref_id")?,
        detail: r.try_get("detail")?,
        occurred_at: r.try_get("occurred_at")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        listing_id: r.try_get("listing_id")?,
        withdrawn_at: r.try_get("withdrawn_at")?,
        withdrawn_reason: r.try_get("withdrawn_reason")?,
    })
}

/// Inserts an event unless one of the same source record and trigger is
/// there; returns whether it was new.
pub async fn insert_event(tx: &mut Tx, e: &CreditEvent) -> Result<bool> {
    tx.ensure_writable(&e.tenant_id)?;
    let n = tx
        .exec(
            sqlx::query(&format!(
                "INSERT INTO cr_events ({NEW_EVENT_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) \
                 ON CONFLICT (tenant_id, source, ref_id, trig) DO NOTHING"
            ))
            .bind(e.tenant_id.clone())
            .bind(e.id.clone())
            .bind(e.enterprise_id.clone())
            .bind(e.uscc.clone())
            .bind(e.name.clone())
            .bind(e.source.as_str())
            .bind(e.trigger.clone())
            .bind(e.ref_id.clone())
            .bind(e.detail.clone())
            .bind(e.occurred_at)
            .bind(e.created_at)
            .bind(e.created_by.clone())
            .bind(e.listing_id.clone()),
        )
        .await?;
    Ok(n == 1)
}

/// One event by id, within scope.
pub async fn event(tx: &mut Tx, id: &str) -> Result<Option<CreditEvent>> {
    let sql = tx.sql(&format!(
        "SELECT {EVENT_COLS} FROM cr_events WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(event_row)
        .transpose()
}

/// Events of an enterprise, newest first.
pub async fn events_of(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Vec<CreditEvent>> {
    let sql = tx.sql(&format!(
        "SELECT {EVENT_COLS} FROM cr_events WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2 \
         ORDER BY occurred_at DESC, id"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .iter()
    .map(event_row)
    .collect()
}

/// Events of a listing.
pub async fn events_of_listing(
    tx: &mut Tx,
    tenant: &str,
    listing: &str,
) -> Result<Vec<CreditEvent>> {
    let sql = tx.sql(&format!(
        "SELECT {EVENT_COLS} FROM cr_events WHERE {{tenant}} AND tenant_id = $1 AND listing_id = $2 \
         ORDER BY occurred_at"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(listing.to_string()),
    )
    .await?
    .iter()
    .map(event_row)
    .collect()
}

/// A page of events in scope (optionally of one county or enterprise, or
/// only those on no listing), newest first, with the total.
pub async fn events_page(
    tx: &mut Tx,
    county: Option<&str>,
    enterprise: Option<&str>,
    unlisted: bool,
    first: i64,
    offset: i64,
) -> Result<(i64, Vec<CreditEvent>)> {
    let filter = format!(
        "{{tenant}} AND ($1 = '' OR tenant_id = $1) AND ($2 = '' OR enterprise_id = $2){}",
        if unlisted {
            " AND listing_id IS NULL"
        } else {
            ""
        }
    );
    let c = county.unwrap_or("").to_string();
    let e = enterprise.unwrap_or("").to_string();
    let sql = tx.sql(&format!("SELECT COUNT(*) FROM cr_events WHERE {filter}"))?;
    let total = tx
        .scalar(sqlx::query(&sql).bind(c.clone()).bind(e.clone()))
        .await?;
    let sql = tx.sql(&format!(
        "SELECT {EVENT_COLS} FROM cr_events WHERE {filter} ORDER BY occurred_at DESC, id LIMIT {first} OFFSET {offset}"
    ))?;
    let rows = tx.all(sqlx::query(&sql).bind(c).bind(e)).await?;
    Ok((total, rows.iter().map(event_row).collect::<Result<_>>()?))
}

/// Withdraws (`at` some) or restores (`at` none) the events of one source
/// record; returns those whose state changed.
pub async fn set_withdrawn(
    tx: &mut Tx,
    tenant: &str,
    source: Source,
    ref_id: &str,
    at: Option<i64>,
    reason: Option<&str>,
) -> Result<Vec<CreditEvent>> {
    let now_withdrawn = if at.is_some() {
        "IS NULL"
    } else {
        "IS NOT NULL"
    };
    let sql = tx.sql(&format!(
        "SELECT {EVENT_COLS} FROM cr_events WHERE {{tenant}} AND tenant_id = $1 AND source = $2 \
         AND ref_id = $3 AND withdrawn_at {now_withdrawn} ORDER BY id"
    ))?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(source.as_str())
                .bind(ref_id.to_string()),
        )
        .await?;
    let mut changed = rows.iter().map(event_row).collect::<Result<Vec<_>>>()?;
    for e in &mut changed {
        let sql = tx.sql(
            "UPDATE cr_events SET withdrawn_at = $1, withdrawn_reason = $2 \
             WHERE {tenant} AND tenant_id = $3 AND id = $4",
        )?;
        tx.exec(
            sqlx::query(&sql)
                .bind(at)
                .bind(reason.map(str::to_string))
                .bind(tenant.to_string())
                .bind(e.id.clone()),
        )
        .await?;
        e.withdrawn_at = at;
        e.withdrawn_reason = reason.map(str::to_string);
    }
    Ok(changed)
}

/// Ties events to a listing.
pub async fn attach_events(tx: &mut Tx, tenant: &str, ids: &[String], listing: &str) -> Result<()> {
    for id in ids {
        let sql = tx.sql(
            "UPDATE cr_events SET listing_id = $1 WHERE {tenant} AND tenant_id = $2 AND id = $3",
        )?;
        tx.exec(
            sqlx::query(&sql)
                .bind(listing.to_string())
                .bind(tenant.to_string())
                .bind(id.clone()),
        )
        .await?;
    }
    Ok(())
}

/// A listing on the blacklist (严重失信主体名单) and where it stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_id: String,
    pub uscc: String,
    pub name: String,
    pub trigger: String,
    pub reason: String,
    pub term_months: i64,
    pub measures: Vec<String>,
    pub state: Option<ListingState>,
    pub proposed_at: i64,
    pub proposed_by: String,
    pub notified_at: Option<i64>,
    pub defence_due_at: Option<i64>,
    pub defence: Option<String>,
    pub defence_at: Option<i64>,
    pub defence_answer: Option<String>,
    pub decided_at: Option<i64>,
    pub decided_by: Option<String>,
    pub published_at: Option<i64>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub removal_kind: Option<String>,
    pub removal_statement: Option<String>,
    pub removal_applied_at: Option<i64>,
    pub review_note: Option<String>,
    pub removed_at: Option<i64>,
    pub version: i64,
    pub updated_at: i64,
}

impl Listing {
    /// The state (always set on stored listings).
    pub fn state(&self) -> ListingState {
        self.state.unwrap_or(ListingState::Proposed)
    }
}

const LISTING_COLS: &str = "tenant_id, id, enterprise_id, uscc, name, trig, reason, term_months, measures, \
    state, proposed_at, proposed_by, notified_at, defence_due_at, defence, defence_at, defence_answer, \
    decided_at, decided_by, published_at, starts_at, ends_at, removal_kind, removal_statement, \
    removal_applied_at, review_note, removed_at, version, updated_at";

fn listing_row(r: &AnyRow) -> Result<Listing> {
    Ok(Listing {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_id: r.try_get("enterprise_id")?,
        uscc: r.try_get("uscc")?,
        name: r.try_get("name")?,
        trigger: r.try_get("trig")?,
        reason: r.try_get("reason")?,
        term_months: r.try_get("term_months")?,
        measures: serde_json::from_str(&r.try_get::<String, _>("measures")?)?,
        state: Some(stored(ListingState::parse(
            &r.try_get::<String, _>("state")?,
        ))?),
        proposed_at: r.try_get("proposed_at")?,
        proposed_by: r.try_get("proposed_by")?,
        notified_at: r.try_get("notified_at")?,
        defence_due_at: r.try_get("defence_due_at")?,
        defence: r.try_get("defence")?,
        defence_at: r.try_get("defence_at")?,
        defence_answer: r.try_get("defence_answer")?,
        decided_at: r.try_get("decided_at")?,
        decided_by: r.try_get("decided_by")?,
        published_at: r.try_get("published_at")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        removal_kind: r.try_get("removal_kind")?,
        removal_statement: r.try_get("removal_statement")?,
        removal_applied_at: r.try_get("removal_applied_at")?,
        review_note: r.try_get("review_note")?,
        removed_at: r.try_get("removed_at")?,
        version: r.try_get("version")?,
        updated_at: r.try_get("updated_at")?,
    })
}

macro_rules! bind_listing {
    ($q:expr, $l:expr) => {
        $q.bind($l.enterprise_id.clone())
            .bind($l.uscc.clone())
            .bind($l.name.clone())
            .bind($l.trigger.clone())
            .bind($l.reason.clone())
            .bind($l.term_months)
            .bind(serde_json::to_string(&$l.measures)?)
            .bind($l.state().as_str())
            .bind($l.proposed_at)
            .bind($l.proposed_by.clone())
            .bind($l.notified_at)
            .bind($l.defence_due_at)
            .bind($l.defence.clone())
            .bind($l.defence_at)
            .bind($l.defence_answer.clone())
            .bind($l.decided_at)
            .bind($l.decided_by.clone())
            .bind($l.published_at)
            .bind($l.starts_at)
            .bind($l.ends_at)
            .bind($l.removal_kind.clone())
            .bind($l.removal_statement.clone())
            .bind($l.removal_applied_at)
            .bind($l.review_note.clone())
            .bind($l.removed_at)
            .bind($l.version)
            .bind($l.updated_at)
    };
}

/// Inserts a new listing.
pub async fn insert_listing(tx: &mut Tx, l: &Listing) -> Result<()> {
    tx.ensure_writable(&l.tenant_id)?;
    let marks: Vec<String> = (1..=29).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO cr_listings ({LISTING_COLS}) VALUES ({})",
        marks.join(",")
    );
    let q = sqlx::query(&sql)
        .bind(l.tenant_id.clone())
        .bind(l.id.clone());
    tx.exec(bind_listing!(q, l)).await?;
    Ok(())
}

/// Writes a changed listing if it is still at `version - 1`.
pub async fn update_listing(tx: &mut Tx, l: &Listing) -> Result<bool> {
    let sets: Vec<String> = LISTING_COLS
        .split(", ")
        .skip(2)
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let sql = tx.sql(&format!(
        "UPDATE cr_listings SET {} WHERE {{tenant}} AND tenant_id = $28 AND id = $29 AND version = $30",
        sets.join(", ")
    ))?;
    let q = sqlx::query(&sql);
    let q = bind_listing!(q, l)
        .bind(l.tenant_id.clone())
        .bind(l.id.clone())
        .bind(l.version - 1);
    Ok(tx.exec(q).await? == 1)
}

/// One listing by id, within scope.
pub async fn listing(tx: &mut Tx, id: &str) -> Result<Option<Listing>> {
    let sql = tx.sql(&format!(
        "SELECT {LISTING_COLS} FROM cr_listings WHERE {{tenant}} AND id = $1"
    ))?;
    tx.opt(sqlx::query(&sql).bind(id.to_string()))
        .await?
        .as_ref()
        .map(listing_row)
        .transpose()
}

/// The enterprise's listing that is still open (proposed to under review), if any.
pub async fn open_listing(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Option<Listing>> {
    let sql = tx.sql(&format!(
        "SELECT {LISTING_COLS} FROM cr_listings WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2 \
         AND state NOT IN ('removed', 'dismissed') ORDER BY proposed_at DESC LIMIT 1"
    ))?;
    tx.opt(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .as_ref()
    .map(listing_row)
    .transpose()
}

/// Listings of an enterprise, newest first.
pub async fn listings_of(tx: &mut Tx, tenant: &str, enterprise: &str) -> Result<Vec<Listing>> {
    let sql = tx.sql(&format!(
        "SELECT {LISTING_COLS} FROM cr_listings WHERE {{tenant}} AND tenant_id = $1 AND enterprise_id = $2 \
         ORDER BY proposed_at DESC"
    ))?;
    tx.all(
        sqlx::query(&sql)
            .bind(tenant.to_string())
            .bind(enterprise.to_string()),
    )
    .await?
    .iter()
    .map(listing_row)
    .collect()
}

/// A page of listings in scope, filtered, newest first, with the total.
pub async fn listings_page(
    tx: &mut Tx,
    state: Option<ListingState>,
    county: Option<&str>,
    enterprise: Option<&str>,
    first: i64,
    offset: i64,
) -> Result<(i64, Vec<Listing>)> {
    let filter = "{tenant} AND ($1 = '' OR state = $1) AND ($2 = '' OR tenant_id = $2) AND ($3 = '' OR enterprise_id = $3)";
    let b = [
        state.map(|s| s.as_str().to_string()).unwrap_or_default(),
        county.unwrap_or("").to_string(),
        enterprise.unwrap_or("").to_string(),
    ];
    let sql = tx.sql(&format!("SELECT COUNT(*) FROM cr_listings WHERE {filter}"))?;
    let total = tx
        .scalar(
            sqlx::query(&sql)
                .bind(b[0].clone())
                .bind(b[1].clone())
                .bind(b[2].clone()),
        )
        .await?;
    let sql = tx.sql(&format!(
        "SELECT {LISTING_COLS} FROM cr_listings WHERE {filter} ORDER BY proposed_at DESC, id LIMIT {first} OFFSET {offset}"
    ))?;
    let [a, c, e] = b;
    let rows = tx.all(sqlx::query(&sql).bind(a).bind(c).bind(e)).await?;
    Ok((total, rows.iter().map(listing_row).collect::<Result<_>>()?))
}

/// Public listings (published and after), current or removed, newest first.
pub async fn public_listings(
    tx: &mut Tx,
    current: bool,
    county: Option<&str>,
    search: Option<&str>,
    first: i64,
    offset: i64,
) -> Result<(i64, Vec<Listing>)> {
    let states = if current {
        "('published', 'managed', 'removal_applied')"
    } else {
        "('removed')"
    };
    let filter = format!(
        "{{tenant}} AND published_at IS NOT NULL AND state IN {states} AND ($1 = '' OR tenant_id = $1) \
         AND ($2 = '' OR name LIKE $3 OR uscc = $2)"
    );
    let c = county.unwrap_or("").to_string();
    let s = search.unwrap_or("").trim().to_string();
    let like = format!("%{}%", s.replace(['%', '_'], ""));
    let sql = tx.sql(&format!("SELECT COUNT(*) FROM cr_listings WHERE {filter}"))?;
    let total = tx
        .scalar(
            sqlx::query(&sql)
                .bind(c.clone())
                .bind(s.clone())
                .bind(like.clone()),
        )
        .await?;
    let sql = tx.sql(&format!(
        "SELECT {LISTING_COLS} FROM cr_listings WHERE {filter} ORDER BY published_at DESC, id LIMIT {first} OFFSET {offset}"
    ))?;
    let rows = tx.all(sqlx::query(&sql).bind(c).bind(s).bind(like)).await?;
    Ok((total, rows.iter().map(listing_row).collect::<Result<_>>()?))
}

/// One step of a listing's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub note: String,
}

/// Appends a step to the listing's timeline.
pub async fn add_step(tx: &mut Tx, l: &Listing, s: &Step) -> Result<()> {
    let sql = tx.sql(
        "SELECT COALESCE(MAX(seq), 0) FROM cr_listing_steps WHERE {tenant} AND tenant_id = $1 AND listing_id = $2",
    )?;
    let seq = tx
        .scalar(
            sqlx::query(&sql)
                .bind(l.tenant_id.clone())
                .bind(l.id.clone()),
        )
        .await?
        + 1;
    tx.exec(
        sqlx::query(
            "INSERT INTO cr_listing_steps (tenant_id, listing_id, seq, at, actor, action, note) \
             VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(l.tenant_id.clone())
        .bind(l.id.clone())
        .bind(seq)
        .bind(s.at)
        .bind(s.actor.clone())
        .bind(s.action.clone())
        .bind(s.note.clone()),
    )
    .await?;
    Ok(())
}

/// The listing's timeline, oldest first.
pub async fn steps(tx: &mut Tx, l: &Listing) -> Result<Vec<Step>> {
    let sql = tx.sql(
        "SELECT seq, at, actor, action, note FROM cr_listing_steps WHERE {tenant} AND tenant_id = $1 \
         AND listing_id = $2 ORDER BY seq",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(l.tenant_id.clone())
                .bind(l.id.clone()),
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Step {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                note: r.try_get("note")?,
            })
        })
        .collect()
}
