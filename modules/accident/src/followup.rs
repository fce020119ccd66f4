//! Follow-ups (续报/补报) and what they change, the province's decision on a
//! late one, findings a department records, and an enterprise's record.

use crate::clocks;
use crate::error::{AccError, Result};
use crate::model::{Figures, FindingKind, Rules, State};
use crate::service::{find, record, required, rules, save, tenant_at, visible, Actor, DAY_MS};
use crate::store::{self, Accident, FollowUp};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Tx;
use anjian_platform::tenancy::{Directory, Level};
use anjian_platform::time::{now_ms, to_rfc3339};
use serde_json::json;

/// What a follow-up report (续报/补报) gives.
#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub figures: (i64, i64, i64, i64, f64),
    pub note: String,
    /// Past the window: ask the province to approve the change.
    pub request_approval: bool,
}

/// The reporting side (the unit, or its county) reports changed figures.
/// Within the window they apply at once and may change the grade; after it
/// they wait for the province's approval and count as late.
pub async fn follow_up(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    input: NewFollowUp,
) -> Result<Accident> {
    let a = visible(tx, actor, id).await?;
    if actor.enterprise.is_none() {
        let county = tenant_at(dir, &a, Level::County);
        if !(actor.reports || actor.manages) || county.as_deref() != Some(actor.tenant.as_str()) {
            return Err(AccError::Forbidden(
                "follow-ups come from the unit or the county where the accident happened".into(),
            ));
        }
    }
    if a.state == State::Closed {
        return Err(AccError::IllegalTransition {
            action: "follow_up".into(),
            state: a.state,
        });
    }
    let mut errs = Vec::new();
    let note = required("note", &input.note, 2000, &mut errs);
    let (d, m, s, mi, l) = input.figures;
    let figures = Figures::parse(d, m, s, mi, l)
        .map_err(|e| errs.extend(e))
        .ok();
    let Some(figures) = figures.filter(|_| errs.is_empty()) else {
        return Err(AccError::Invalid(errs));
    };
    if figures == a.figures {
        return Err(AccError::field(
            "deaths",
            "续报的人数和损失与现有数字相同",
            "the follow-up changes none of the figures",
        ));
    }
    let pending = store::follow_ups(tx, &a.tenant_id, &a.id)
        .await?
        .into_iter()
        .any(|f| f.status == "pending");
    if pending {
        return Err(AccError::conflict(
            "已有待省级批准的补报，请待其处理后再报",
            "a late follow-up awaits the province's decision",
        ));
    }
    let rules = rules(tx).await?;
    let now = now_ms();
    let window_ends = a.occurred_at + rules.window_days(a.accident_type, a.road_traffic) * DAY_MS;
    let late = now > window_ends;
    if late && !input.request_approval {
        return Err(AccError::conflict(
            format!(
                "续报期已于 {} 截止，超期补报须经省级部门批准（requestApproval）",
                to_rfc3339(window_ends)
            ),
            format!(
                "the follow-up window closed at {}; a late change needs the province's approval (requestApproval)",
                to_rfc3339(window_ends)
            ),
        ));
    }
    let f = FollowUp {
        seq: 0,
        at: now,
        by: actor.username.clone(),
        before: a.figures,
        after: figures,
        note,
        late,
        status: if late { "pending" } else { "applied" }.into(),
        decided_by: None,
        decided_at: None,
    };
    let seq = store::add_follow_up(tx, &a, &f).await?;
    if late {
        let mut a = a;
        let details =
            json!({"seq": seq, "figures": figures, "windowEnded": to_rfc3339(window_ends)});
        save(tx, ctx, &mut a, "follow_up_requested", details).await?;
        return Ok(a);
    }
    apply_figures(tx, ctx, dir, a, &rules, figures, seq, false).await
}

/// Applies new figures: the grade recomputes; a change of grade is on the
/// timeline and, when the new grade must go higher, the report climbs on.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn apply_figures(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    mut a: Accident,
    rules: &Rules,
    figures: Figures,
    seq: i64,
    late: bool,
) -> Result<Accident> {
    let before = a.figures;
    let old_grade = a.grade;
    a.figures = figures;
    a.grade = rules.grade(&figures);
    save(
        tx,
        ctx,
        &mut a,
        "follow_up",
        json!({"seq": seq, "before": before, "after": figures, "late": late}),
    )
    .await?;
    if a.grade != old_grade {
        record(
            tx,
            ctx,
            &a,
            "grade_changed",
            json!({"from": old_grade.as_str(), "to": a.grade.as_str()}),
        )
        .await?;
        clocks::escalate(tx, dir, &a, rules).await?;
    }
    Ok(a)
}

/// The province's decision on a late follow-up.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The follow-up's number.
    pub seq: i64,
    pub approve: bool,
    /// Required to refuse.
    pub reason: Option<String>,
}

/// The province decides a late follow-up: approved, it applies and is
/// marked late (with a finding); refused, nothing changes.
pub async fn decide_follow_up(
    tx: &mut Tx,
    ctx: &AuditCtx,
    dir: &Directory,
    actor: &Actor,
    id: &str,
    decision: Decision,
) -> Result<Accident> {
    let Decision {
        seq,
        approve,
        reason,
    } = decision;
    let a = visible(tx, actor, id).await?;
    if !(actor.governs && tenant_at(dir, &a, Level::Province).as_deref() == Some(&actor.tenant)) {
        return Err(AccError::Forbidden(
            "only the province approves late follow-ups".into(),
        ));
    }
    let f = store::follow_ups(tx, &a.tenant_id, &a.id)
        .await?
        .into_iter()
        .find(|f| f.seq == seq && f.status == "pending")
        .ok_or(AccError::NotFound("pending follow-up"))?;
    let now = now_ms();
    let status = if approve { "applied" } else { "rejected" };
    if !store::decide_follow_up(tx, &a, seq, status, &actor.username, now).await? {
        return Err(AccError::Concurrent);
    }
    if !approve {
        let mut a = a;
        let reason = required("reason", reason.as_deref().unwrap_or(""), 2000, &mut vec![]);
        if reason.is_empty() {
            return Err(AccError::field(
                "reason",
                "不予批准须说明理由",
                "a refusal needs a reason",
            ));
        }
        save(
            tx,
            ctx,
            &mut a,
            "follow_up_refused",
            json!({"seq": seq, "reason": reason}),
        )
        .await?;
        return Ok(a);
    }
    let rules = rules(tx).await?;
    let subject = a.unit_uscc.clone().unwrap_or_else(|| a.unit_name.clone());
    let detail = format!("续报期后补报伤亡或损失变化（第 {seq} 次续报，经省级批准）");
    let a = apply_figures(tx, ctx, dir, a, &rules, f.after, seq, true).await?;
    find(
        tx,
        &a,
        FindingKind::LateFollowUp,
        &subject,
        &detail,
        &actor.username,
    )
    .await?;
    Ok(a)
}

/// A department records a finding about the report (迟报, 瞒报, 谎报).
pub async fn record_finding(
    tx: &mut Tx,
    actor: &Actor,
    id: &str,
    kind: FindingKind,
    detail: String,
) -> Result<Accident> {
    let a = visible(tx, actor, id).await?;
    if !actor.manages || actor.enterprise.is_some() {
        return Err(AccError::Forbidden(
            "findings are recorded by supervision departments".into(),
        ));
    }
    if !matches!(
        kind,
        FindingKind::LateReport | FindingKind::Concealed | FindingKind::FalseReport
    ) {
        return Err(AccError::field(
            "kind",
            "只能认定迟报、瞒报或谎报",
            "kind must be late_report, concealed or false_report",
        ));
    }
    let mut errs = Vec::new();
    let detail = required("detail", &detail, 2000, &mut errs);
    if !errs.is_empty() {
        return Err(AccError::Invalid(errs));
    }
    let subject = a.unit_uscc.clone().unwrap_or_else(|| a.unit_name.clone());
    find(tx, &a, kind, &subject, &detail, &actor.username).await?;
    Ok(a)
}

/// An enterprise's accidents since `since_ms` (its safety record, for the
/// standardization grade cap and for credit).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SafetyRecord {
    pub accidents: i64,
    pub deaths: i64,
    pub serious_injuries: i64,
    /// 较大 or worse.
    pub larger_or_worse: i64,
    pub loss_wan: f64,
}

/// The safety record of an enterprise of the transaction's tenants.
pub async fn record_of(tx: &mut Tx, enterprise_id: &str, since_ms: i64) -> Result<SafetyRecord> {
    let sql = tx.sql(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(deaths), 0) AS BIGINT) AS d, \
         CAST(COALESCE(SUM(serious_injuries), 0) AS BIGINT) AS s, \
         CAST(COALESCE(SUM(CASE WHEN grade = 'general' THEN 0 ELSE 1 END), 0) AS BIGINT) AS w, \
         CAST(COALESCE(SUM(direct_loss_wan), 0) AS DOUBLE PRECISION) AS l \
         FROM acc_accidents WHERE {tenant} AND enterprise_id = $1 AND occurred_at >= $2",
    )?;
    let r = tx
        .one(
            sqlx::query(&sql)
                .bind(enterprise_id.to_string())
                .bind(since_ms),
        )
        .await?;
    use sqlx::Row;
    Ok(SafetyRecord {
        accidents: r.try_get("n")?,
        deaths: r.try_get("d")?,
        serious_injuries: r.try_get("s")?,
        larger_or_worse: r.try_get("w")?,
        loss_wan: r.try_get("l")?,
    })
}
