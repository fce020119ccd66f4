//! Credit mutations: events, the listing flow, tasks, penalties,
//! commitments, the rules and the recomputation of grades.

use super::{
    step, Commitment, CreditEvent, CreditEventInput, CreditTask, Listing, Penalty, PenaltyInput,
    Platform as _, ProposeListingInput,
};
use crate::error::CreditError;
use crate::intake::{self, NewEvent};
use crate::model::{parse_date, Rules, Source};
use crate::penalty::{self, NewPenalty};
use crate::{commitment, service, PERM_GOVERN, RULES_KEY};
use anjian_platform::api::context::req;
use anjian_platform::rbac::Permission;
use anjian_platform::time::now_ms;
use anjian_platform::Error;
use async_graphql::{Context, Object, Result};

/// Credit mutations.
#[derive(Default)]
pub struct CreditMutation;

/// The listing node of a step's result.
async fn node(ctx: &Context<'_>, l: crate::store::Listing) -> Result<Listing> {
    let rules = super::nodes::rules(ctx).await?;
    Ok(Listing::of(l, &rules))
}

#[Object]
impl CreditMutation {
    /// The county records a credit event of one of its enterprises by hand.
    async fn record_credit_event(
        &self,
        ctx: &Context<'_>,
        input: CreditEventInput,
    ) -> Result<CreditEvent> {
        let e = step!(ctx, |tx, audit, a| async {
            service::require_authority(&a, &a.tenant)?;
            let detail = service::text("detail", &input.detail, 2000)?;
            let occurred = match input.occurred_at.as_deref() {
                Some(s) if !s.trim().is_empty() => parse_date("occurredAt", s)?,
                _ => now_ms(),
            };
            let ent = anjian_enterprise::store::get(&mut tx, input.enterprise_id.trim())
                .await?
                .filter(|e| e.tenant_id == a.tenant)
                .ok_or_else(|| {
                    CreditError::field(
                        "enterpriseId",
                        "本县企业库中没有该企业",
                        "no such enterprise in the county's register",
                    )
                })?;
            let new = NewEvent {
                tenant: a.tenant.clone(),
                enterprise_id: ent.id.clone(),
                uscc: ent.record.uscc.as_str().into(),
                name: ent.record.name.clone(),
                source: Source::Manual,
                trigger: input.trigger.trim().into(),
                ref_id: anjian_platform::time::new_id(),
                detail,
                occurred_at: occurred,
            };
            intake::record(&mut tx, &audit, &a.username, new)
                .await?
                .ok_or(CreditError::Concurrent)
        });
        let rules = super::nodes::rules(ctx).await?;
        Ok(CreditEvent::of(e, &rules))
    }

    /// Proposes a listing (拟列入) from credit events of one enterprise.
    async fn propose_listing(
        &self,
        ctx: &Context<'_>,
        input: ProposeListingInput,
    ) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::propose(
            &mut tx,
            &audit,
            &a,
            &input.event_ids,
            &input.reason
        ));
        node(ctx, l).await
    }

    /// Notifies the enterprise (告知): the defence period starts.
    async fn notify_listing(&self, ctx: &Context<'_>, id: String) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::notify(
            &mut tx, &audit, &a, &id
        ));
        node(ctx, l).await
    }

    /// The enterprise states its defence (陈述申辩).
    async fn state_listing_defence(
        &self,
        ctx: &Context<'_>,
        id: String,
        defence: String,
    ) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::state_defence(
            &mut tx, &audit, &a, &id, &defence
        ));
        node(ctx, l).await
    }

    /// Decides to list or not, answering the defence.
    async fn decide_listing(
        &self,
        ctx: &Context<'_>,
        id: String,
        list: bool,
        answer: String,
    ) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::decide(
            &mut tx, &audit, &a, &id, list, &answer
        ));
        node(ctx, l).await
    }

    /// Publishes a decided listing (公布).
    async fn publish_listing(&self, ctx: &Context<'_>, id: String) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::publish(
            &mut tx, &audit, &a, &id
        ));
        node(ctx, l).await
    }

    /// Records a planned measure (inspection, summons) as done.
    async fn complete_credit_task(
        &self,
        ctx: &Context<'_>,
        id: String,
        note: String,
    ) -> Result<CreditTask> {
        let t = step!(ctx, |tx, audit, a| service::complete_task(
            &mut tx, &audit, &a, &id, &note
        ));
        Ok(t.into())
    }

    /// Applies for removal: `expiry` (the term's last days) or `early_repair`.
    async fn apply_listing_removal(
        &self,
        ctx: &Context<'_>,
        id: String,
        kind: String,
        statement: String,
    ) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::apply_removal(
            &mut tx, &audit, &a, &id, &kind, &statement
        ));
        node(ctx, l).await
    }

    /// Reviews a removal application: `remove`, `extend` or `reject`.
    async fn review_listing_removal(
        &self,
        ctx: &Context<'_>,
        id: String,
        outcome: String,
        note: String,
        extend_months: Option<i64>,
    ) -> Result<Listing> {
        let l = step!(ctx, |tx, audit, a| service::review(
            &mut tx,
            &audit,
            &a,
            &id,
            &outcome,
            &note,
            extend_months
        ));
        node(ctx, l).await
    }

    /// Records a penalty decision (行政处罚决定) of the caller's county.
    async fn record_penalty(&self, ctx: &Context<'_>, input: PenaltyInput) -> Result<Penalty> {
        let n = NewPenalty {
            case_number: input.case_number,
            party_kind: input.party_kind,
            enterprise_id: input.enterprise_id,
            person_name: input.person_name,
            person_id_number: input.person_id_number,
            violation: input.violation,
            article: input.article,
            penalty_type: input.penalty_type,
            amount_yuan: input.amount_yuan,
            decided_at: input.decided_at,
            documents: input.documents.unwrap_or_default(),
            working_while_stopped: input.working_while_stopped.unwrap_or(false),
        };
        let p = step!(ctx, |tx, audit, a| penalty::record(&mut tx, &audit, &a, n));
        Ok(p.into())
    }

    /// Updates a penalty's enforcement and appeal status.
    async fn update_penalty_status(
        &self,
        ctx: &Context<'_>,
        id: String,
        enforcement: Option<String>,
        appeal: Option<String>,
    ) -> Result<Penalty> {
        let p = step!(ctx, |tx, audit, a| penalty::update_status(
            &mut tx,
            &audit,
            &a,
            &id,
            enforcement.as_deref(),
            appeal.as_deref()
        ));
        Ok(p.into())
    }

    /// Publishes a penalty (公示) with a summary free of personal data.
    async fn publish_penalty(
        &self,
        ctx: &Context<'_>,
        id: String,
        public_summary: String,
    ) -> Result<Penalty> {
        let p = step!(ctx, |tx, audit, a| penalty::publish(
            &mut tx,
            &audit,
            &a,
            &id,
            &public_summary
        ));
        Ok(p.into())
    }

    /// Makes a public commitment (安全生产承诺) for an enterprise.
    async fn make_commitment(
        &self,
        ctx: &Context<'_>,
        enterprise_id: String,
        text: String,
    ) -> Result<Commitment> {
        let c = step!(ctx, |tx, audit, a| commitment::make(
            &mut tx,
            &audit,
            &a,
            &enterprise_id,
            &text
        ));
        Ok(c.into())
    }

    /// Marks a commitment broken (the grade drops).
    async fn break_commitment(
        &self,
        ctx: &Context<'_>,
        id: String,
        reason: String,
    ) -> Result<Commitment> {
        let c = step!(ctx, |tx, audit, a| commitment::break_it(
            &mut tx, &audit, &a, &id, &reason
        ));
        Ok(c.into())
    }

    /// The province sets its credit rules (JSON); every grade is recomputed
    /// in the background. Returns the rules as stored.
    async fn save_credit_rules(&self, ctx: &Context<'_>, rules: String) -> Result<String> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_GOVERN))?;
        let parsed: Rules = serde_json::from_str(&rules).map_err(|e| {
            Error::Validation(vec![anjian_platform::FieldError::new(
                "rules",
                &format!("规则不是有效的 JSON：{e}"),
                &format!("the rules are not valid JSON: {e}"),
            )])
        })?;
        parsed.check().map_err(Error::Validation)?;
        let text = serde_json::to_string(&parsed).map_err(Error::internal)?;
        let mut tx = r.write().await?;
        tx.exec(
            sqlx::query(
                "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )
            .bind(RULES_KEY)
            .bind(text.clone())
            .bind(now_ms())
            .bind(who.username.clone()),
        )
        .await?;
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &who.tenant,
            "credit.rules",
            "policy",
            RULES_KEY,
            vec![anjian_platform::audit::Change::new(
                "value",
                None,
                Some(serde_json::json!(text)),
            )],
        )
        .await?;
        enqueue_recompute(&mut tx, &who.tenant).await?;
        r.commit(tx).await?;
        crate::public::forget_all();
        Ok(text)
    }

    /// Recomputes every enterprise's grade as a background job; returns its id.
    async fn recompute_credit_grades(&self, ctx: &Context<'_>) -> Result<String> {
        let r = req(ctx);
        let who = r.require(Permission::Module(PERM_GOVERN))?;
        let mut tx = r.write().await?;
        let id = enqueue_recompute(&mut tx, &who.tenant).await?;
        r.commit(tx).await?;
        r.platform.wake.notify_one();
        Ok(id)
    }
}

async fn enqueue_recompute(
    tx: &mut anjian_platform::db::Tx,
    tenant: &str,
) -> anjian_platform::Result<String> {
    anjian_platform::jobs::enqueue(
        tx,
        tenant,
        crate::grade::RECOMPUTE_JOB,
        &serde_json::json!({}),
        now_ms(),
        None,
        3,
    )
    .await
}
