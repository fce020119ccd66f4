//! GraphQL types of credit and their inputs.

use super::Platform as _;
use crate::model::Rules;
use crate::service;
use crate::store::penalties::{Commitment as StoredCommitment, GradeRow, Penalty as StoredPenalty};
use crate::store::{self, CreditEvent as StoredEvent, Listing as StoredListing, Task};
use anjian_platform::api::context::req;
use anjian_platform::time::{now_ms, to_rfc3339};
use async_graphql::{ComplexObject, Context, InputObject, Result, SimpleObject};

pub use crate::public::GradeReason;

fn dt(ms: Option<i64>) -> Option<String> {
    ms.map(to_rfc3339)
}

/// A listing on the blacklist (严重失信主体名单) and where it stands.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Listing {
    pub id: String,
    pub county: String,
    pub enterprise_id: String,
    pub enterprise_name: String,
    pub uscc: String,
    pub trigger: String,
    pub state: String,
    pub state_name: String,
    pub reason: String,
    pub term_months: i64,
    pub measures: Vec<String>,
    pub proposed_at: String,
    pub proposed_by: String,
    pub notified_at: Option<String>,
    pub defence_due_at: Option<String>,
    pub defence: Option<String>,
    pub defence_at: Option<String>,
    pub defence_answer: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub published_at: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub removal_kind: Option<String>,
    pub removal_statement: Option<String>,
    pub removal_applied_at: Option<String>,
    pub review_note: Option<String>,
    pub removed_at: Option<String>,
    /// The defence was stated or its period is over.
    pub can_decide: bool,
    /// From when removal at the term's end may be applied for.
    pub removal_window_opens_at: Option<String>,
    /// From when early repair may be applied for.
    pub early_repair_from: Option<String>,
    pub version: i64,
    #[graphql(skip)]
    pub stored: StoredListing,
}

impl Listing {
    /// The node of a stored listing under `rules`.
    pub fn of(l: StoredListing, rules: &Rules) -> Listing {
        let (window, early) = service::removal_windows(&l, rules);
        Listing {
            id: l.id.clone(),
            county: l.tenant_id.clone(),
            enterprise_id: l.enterprise_id.clone(),
            enterprise_name: l.name.clone(),
            uscc: l.uscc.clone(),
            trigger: l.trigger.clone(),
            state: l.state().as_str().into(),
            state_name: l.state().zh().into(),
            reason: l.reason.clone(),
            term_months: l.term_months,
            measures: l.measures.clone(),
            proposed_at: to_rfc3339(l.proposed_at),
            proposed_by: l.proposed_by.clone(),
            notified_at: dt(l.notified_at),
            defence_due_at: dt(l.defence_due_at),
            defence: l.defence.clone(),
            defence_at: dt(l.defence_at),
            defence_answer: l.defence_answer.clone(),
            decided_at: dt(l.decided_at),
            decided_by: l.decided_by.clone(),
            published_at: dt(l.published_at),
            starts_at: dt(l.starts_at),
            ends_at: dt(l.ends_at),
            removal_kind: l.removal_kind.clone(),
            removal_statement: l.removal_statement.clone(),
            removal_applied_at: dt(l.removal_applied_at),
            review_note: l.review_note.clone(),
            removed_at: dt(l.removed_at),
            can_decide: service::can_decide(&l, now_ms()),
            removal_window_opens_at: if l.starts_at.is_some() {
                dt(window)
            } else {
                None
            },
            early_repair_from: if l.starts_at.is_some() {
                dt(early)
            } else {
                None
            },
            version: l.version,
            stored: l,
        }
    }
}

#[ComplexObject]
impl Listing {
    /// The county's name.
    async fn county_name(&self, ctx: &Context<'_>) -> Result<String> {
        let r = req(ctx);
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        Ok(dir
            .get(&self.county)
            .map(|t| t.name.clone())
            .unwrap_or_default())
    }

    /// The trigger's name in the rules.
    async fn trigger_name(&self, ctx: &Context<'_>) -> Result<String> {
        let rules = rules(ctx).await?;
        Ok(rules
            .trigger(&self.trigger)
            .map(|t| t.zh.clone())
            .unwrap_or_else(|| self.trigger.clone()))
    }

    /// The credit events the listing rests on.
    async fn events(&self, ctx: &Context<'_>) -> Result<Vec<CreditEvent>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::events_of_listing(&mut tx, &self.county, &self.id)
            .await
            .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|e| CreditEvent::of(e, &rules))
            .collect())
    }

    /// The timeline, oldest first.
    async fn steps(&self, ctx: &Context<'_>) -> Result<Vec<ListingStep>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::steps(&mut tx, &self.stored).await.gql()?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|s| ListingStep {
                at: to_rfc3339(s.at),
                actor: s.actor,
                action: s.action,
                note: s.note,
            })
            .collect())
    }

    /// The measures planned while listed.
    async fn tasks(&self, ctx: &Context<'_>) -> Result<Vec<CreditTask>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = store::tasks_of(&mut tx, &self.stored).await.gql()?;
        tx.commit().await?;
        Ok(list.into_iter().map(CreditTask::from).collect())
    }
}

pub(crate) async fn rules(ctx: &Context<'_>) -> Result<Rules> {
    let r = req(ctx);
    let mut tx = r.read().await?;
    let rules = service::rules(&mut tx).await.gql()?;
    tx.commit().await?;
    Ok(rules)
}

/// One step of a listing's timeline.
#[derive(SimpleObject, Clone)]
pub struct ListingStep {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub note: String,
}

/// A measure planned while listed (inspection or summons).
#[derive(SimpleObject, Clone)]
pub struct CreditTask {
    pub id: String,
    pub listing_id: String,
    pub kind: String,
    pub due_at: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
    pub note: Option<String>,
}

impl From<Task> for CreditTask {
    fn from(t: Task) -> Self {
        CreditTask {
            id: t.id,
            listing_id: t.listing_id,
            kind: t.kind,
            due_at: to_rfc3339(t.due_at),
            done_at: dt(t.done_at),
            done_by: t.done_by,
            note: t.note,
        }
    }
}

/// A credit event (失信行为记录).
#[derive(SimpleObject, Clone)]
pub struct CreditEvent {
    pub id: String,
    pub county: String,
    pub enterprise_id: String,
    pub enterprise_name: String,
    pub uscc: String,
    pub source: String,
    pub trigger: String,
    pub trigger_name: String,
    pub ref_id: String,
    pub detail: String,
    pub occurred_at: String,
    pub listing_id: Option<String>,
    /// Its trigger may start a listing and it is on none yet.
    pub proposable: bool,
    /// When it was withdrawn because its source was undone (a penalty
    /// revoked on appeal); a withdrawn event no longer counts.
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
}

impl CreditEvent {
    /// The node of a stored event under `rules`.
    pub fn of(e: StoredEvent, rules: &Rules) -> CreditEvent {
        let rule = rules.trigger(&e.trigger);
        CreditEvent {
            proposable: e.listing_id.is_none()
                && e.withdrawn_at.is_none()
                && rule.is_some_and(|r| r.propose),
            withdrawn_at: dt(e.withdrawn_at),
            withdrawn_reason: e.withdrawn_reason,
            trigger_name: rule
                .map(|r| r.zh.clone())
                .unwrap_or_else(|| e.trigger.clone()),
            id: e.id,
            county: e.tenant_id,
            enterprise_id: e.enterprise_id,
            enterprise_name: e.name,
            uscc: e.uscc,
            source: e.source.as_str().into(),
            trigger: e.trigger,
            ref_id: e.ref_id,
            detail: e.detail,
            occurred_at: to_rfc3339(e.occurred_at),
            listing_id: e.listing_id,
        }
    }
}

/// A trigger of the rules.
#[derive(SimpleObject, Clone)]
pub struct Trigger {
    pub code: String,
    pub zh: String,
    pub propose: bool,
    pub term_months: i64,
}

/// A code and its Chinese name.
#[derive(SimpleObject, Clone)]
pub struct Code {
    pub code: String,
    pub zh: String,
}

/// An administrative penalty (行政处罚) as the county sees it.
#[derive(SimpleObject, Clone)]
pub struct Penalty {
    pub id: String,
    pub county: String,
    pub case_number: String,
    pub year: i64,
    pub party_kind: String,
    pub enterprise_id: Option<String>,
    pub party_name: String,
    pub party_uscc: Option<String>,
    pub person_id_number: Option<String>,
    pub violation: String,
    pub article: String,
    pub penalty_type: String,
    pub penalty_type_name: String,
    pub amount_yuan: f64,
    pub decided_at: String,
    pub enforcement: String,
    pub appeal: String,
    pub documents: Vec<String>,
    pub working_while_stopped: bool,
    pub state: String,
    pub publish_due_at: String,
    pub published_at: Option<String>,
    pub published_late: bool,
    pub public_summary: Option<String>,
    pub version: i64,
}

impl From<StoredPenalty> for Penalty {
    fn from(p: StoredPenalty) -> Self {
        Penalty {
            id: p.id,
            county: p.tenant_id,
            case_number: p.case_number,
            year: p.year,
            party_kind: p.party_kind.as_str().into(),
            enterprise_id: p.enterprise_id,
            party_name: p.party_name,
            party_uscc: p.party_uscc,
            person_id_number: p.person_id_number,
            violation: p.violation,
            article: p.article,
            penalty_type: p.penalty_type.as_str().into(),
            penalty_type_name: p.penalty_type.zh().into(),
            amount_yuan: p.amount_yuan,
            decided_at: to_rfc3339(p.decided_at),
            enforcement: p.enforcement.as_str().into(),
            appeal: p.appeal.as_str().into(),
            documents: p.documents,
            working_while_stopped: p.working_while_stopped,
            state: p.state,
            publish_due_at: to_rfc3339(p.publish_due_at),
            published_at: dt(p.published_at),
            published_late: p.published_late,
            public_summary: p.public_summary,
            version: p.version,
        }
    }
}

/// An enterprise's credit grade with its reasons.
#[derive(SimpleObject, Clone)]
pub struct CreditGrade {
    pub enterprise_id: String,
    pub enterprise_name: String,
    pub uscc: String,
    pub grade: String,
    pub reasons: Vec<GradeReason>,
    pub computed_at: String,
}

impl From<GradeRow> for CreditGrade {
    fn from(g: GradeRow) -> Self {
        CreditGrade {
            enterprise_id: g.enterprise_id,
            enterprise_name: g.name,
            uscc: g.uscc,
            grade: g.grade,
            reasons: serde_json::from_value(g.reasons).unwrap_or_default(),
            computed_at: to_rfc3339(g.computed_at),
        }
    }
}

/// A public commitment (安全生产承诺).
#[derive(SimpleObject, Clone)]
pub struct Commitment {
    pub id: String,
    pub enterprise_id: String,
    pub text: String,
    pub made_at: String,
    pub broken_at: Option<String>,
    pub broken_reason: Option<String>,
}

impl From<StoredCommitment> for Commitment {
    fn from(c: StoredCommitment) -> Self {
        Commitment {
            id: c.id,
            enterprise_id: c.enterprise_id,
            text: c.text,
            made_at: to_rfc3339(c.made_at),
            broken_at: dt(c.broken_at),
            broken_reason: c.broken_reason,
        }
    }
}

/// A page of listings.
#[derive(SimpleObject)]
pub struct ListingPage {
    pub total: i64,
    pub items: Vec<Listing>,
}

/// A page of credit events.
#[derive(SimpleObject)]
pub struct CreditEventPage {
    pub total: i64,
    pub items: Vec<CreditEvent>,
}

/// A page of penalties.
#[derive(SimpleObject)]
pub struct PenaltyPage {
    pub total: i64,
    pub items: Vec<Penalty>,
}

/// A page of public listings.
#[derive(SimpleObject)]
pub struct PublicListingPage {
    pub total: i64,
    pub items: Vec<crate::public::PublicListing>,
}

/// A page of published penalties.
#[derive(SimpleObject)]
pub struct PublicPenaltyPage {
    pub total: i64,
    pub items: Vec<crate::public::PublicPenalty>,
}

/// A manual credit event.
#[derive(InputObject)]
pub struct CreditEventInput {
    pub enterprise_id: String,
    pub trigger: String,
    pub detail: String,
    /// RFC 3339 or `YYYY-MM-DD`; now when absent.
    pub occurred_at: Option<String>,
}

/// A proposal to list.
#[derive(InputObject)]
pub struct ProposeListingInput {
    pub event_ids: Vec<String>,
    pub reason: String,
}

/// A penalty decision.
#[derive(InputObject)]
pub struct PenaltyInput {
    pub case_number: String,
    /// `enterprise` or `person`.
    pub party_kind: String,
    pub enterprise_id: Option<String>,
    pub person_name: Option<String>,
    pub person_id_number: Option<String>,
    pub violation: String,
    pub article: String,
    pub penalty_type: String,
    pub amount_yuan: Option<f64>,
    /// `YYYY-MM-DD`.
    pub decided_at: String,
    pub documents: Option<Vec<String>>,
    pub working_while_stopped: Option<bool>,
}
