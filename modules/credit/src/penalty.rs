//! The penalties register (行政处罚): decisions of the county, their
//! enforcement and appeal, and publication (双公示) within the province's
//! working days with personal data kept out. A penalty on an enterprise is
//! a credit event; a licence suspended or revoked, or working while ordered
//! to stop, is a listing trigger.

use crate::error::{CreditError, Result};
use crate::intake::{self, NewEvent};
use crate::model::{
    mask_name, parse_date, personal_data_in, valid_id_number, year_of, Appeal, Enforcement,
    PartyKind, PenaltyType, Source,
};
use crate::service::{self, require_authority, text, Actor};
use crate::store::penalties::{self, Penalty};
use anjian_platform::audit::{self, AuditCtx, Change};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms, to_rfc3339};
use anjian_platform::{jobs, FieldError};
use serde_json::json;

/// What a penalty decision gives.
#[derive(Debug, Clone, Default)]
pub struct NewPenalty {
    pub case_number: String,
    pub party_kind: String,
    pub enterprise_id: Option<String>,
    pub person_name: Option<String>,
    pub person_id_number: Option<String>,
    pub violation: String,
    pub article: String,
    pub penalty_type: String,
    pub amount_yuan: Option<f64>,
    pub decided_at: String,
    pub documents: Vec<String>,
    pub working_while_stopped: bool,
}

fn collect<T>(r: Result<T>, errs: &mut Vec<FieldError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(CreditError::Invalid(mut f)) => {
            errs.append(&mut f);
            None
        }
        Err(_) => None,
    }
}

/// Records a penalty decision of the caller's county.
pub async fn record(tx: &mut Tx, ctx: &AuditCtx, actor: &Actor, n: NewPenalty) -> Result<Penalty> {
    require_authority(actor, &actor.tenant)?;
    let mut errs = vec![];
    let case_number = collect(text("caseNumber", &n.case_number, 64), &mut errs);
    let violation = collect(text("violation", &n.violation, 2000), &mut errs);
    let article = collect(text("article", &n.article, 500), &mut errs);
    let kind = PartyKind::parse(n.party_kind.trim())
        .map_err(|e| errs.push(e))
        .ok();
    let ptype = PenaltyType::parse(n.penalty_type.trim())
        .map_err(|e| errs.push(e))
        .ok();
    let decided = parse_date("decidedAt", &n.decided_at)
        .map_err(|e| errs.push(e))
        .ok();
    let now = now_ms();
    if decided.is_some_and(|d| d > now + service::DAY_MS) {
        errs.push(FieldError::new(
            "decidedAt",
            "决定日期不能晚于今天",
            "the decision date is in the future",
        ));
    }
    let amount = n.amount_yuan.unwrap_or(0.0);
    let needs_amount = matches!(ptype, Some(PenaltyType::Fine | PenaltyType::Confiscation));
    if !amount.is_finite() || !(0.0..=1e10).contains(&amount) || (needs_amount && amount <= 0.0) {
        errs.push(FieldError::new(
            "amountYuan",
            "罚没金额应为正数（罚款、没收时必填）",
            "the amount is a positive number (required for fines and confiscation)",
        ));
    }
    if n.documents.len() > 20
        || n.documents
            .iter()
            .any(|d| d.trim().is_empty() || d.chars().count() > 200)
    {
        errs.push(FieldError::new(
            "documents",
            "文书至多 20 件，每件名称 1–200 个字符",
            "at most 20 documents of 1-200 characters",
        ));
    }
    let mut party = None;
    match kind {
        Some(PartyKind::Enterprise) => {
            let id = n.enterprise_id.as_deref().map(str::trim).unwrap_or("");
            let found = if id.is_empty() {
                None
            } else {
                anjian_enterprise::store::get(tx, id)
                    .await?
                    .filter(|e| e.tenant_id == actor.tenant)
            };
            match found {
                Some(e) => {
                    party = Some((
                        Some(e.id.clone()),
                        e.record.name.clone(),
                        Some(e.record.uscc.as_str().to_string()),
                        None,
                    ))
                }
                None => errs.push(FieldError::new(
                    "enterpriseId",
                    "本县企业库中没有该企业",
                    "no such enterprise in the county's register",
                )),
            }
        }
        Some(PartyKind::Person) => {
            let name = collect(
                text("personName", n.person_name.as_deref().unwrap_or(""), 50),
                &mut errs,
            );
            let idn = n
                .person_id_number
                .as_deref()
                .unwrap_or("")
                .trim()
                .to_ascii_uppercase();
            if !valid_id_number(&idn) {
                errs.push(FieldError::new(
                    "personIdNumber",
                    "身份证号码无效",
                    "invalid identity number",
                ));
            }
            if let Some(name) = name {
                party = Some((None, name, None, Some(idn)));
            }
        }
        None => {}
    }
    let (
        Some(case_number),
        Some(violation),
        Some(article),
        Some(kind),
        Some(ptype),
        Some(decided),
        Some(party),
        true,
    ) = (
        case_number,
        violation,
        article,
        kind,
        ptype,
        decided,
        party,
        errs.is_empty(),
    )
    else {
        return Err(CreditError::Invalid(errs));
    };
    let rules = service::rules(tx).await?;
    let due = service::working_days(&rules, decided, rules.penalty_publish_working_days);
    let p = Penalty {
        tenant_id: actor.tenant.clone(),
        id: new_id(),
        case_number,
        year: year_of(decided),
        party_kind: kind,
        enterprise_id: party.0,
        party_name: party.1,
        party_uscc: party.2,
        person_id_number: party.3,
        violation,
        article,
        penalty_type: ptype,
        amount_yuan: amount,
        decided_at: decided,
        enforcement: Enforcement::Pending,
        appeal: Appeal::None,
        documents: n.documents.iter().map(|d| d.trim().to_string()).collect(),
        working_while_stopped: n.working_while_stopped,
        state: "decided".into(),
        publish_due_at: due,
        published_at: None,
        published_late: false,
        public_summary: None,
        version: 1,
        created_by: actor.username.clone(),
        created_at: now,
        updated_at: now,
    };
    if !penalties::insert(tx, &p).await? {
        return Err(CreditError::Invalid(vec![FieldError::new(
            "caseNumber",
            &format!("{} 年已有案号 {} 的处罚决定", p.year, p.case_number),
            &format!(
                "case number {} is already used in {}",
                p.case_number, p.year
            ),
        )]));
    }
    audit::record(
        tx,
        ctx,
        &p.tenant_id,
        "credit.penalty.record",
        "credit_penalty",
        &p.id,
        vec![Change::new("caseNumber", None, Some(json!(p.case_number)))],
    )
    .await?;
    jobs::enqueue(
        tx,
        &p.tenant_id,
        crate::periods::PUBLISH_DUE_JOB,
        &json!({"penaltyId": p.id}),
        due,
        Some(&format!("{}:{}", crate::periods::PUBLISH_DUE_JOB, p.id)),
        5,
    )
    .await?;
    credit_event(tx, ctx, actor, &p).await?;
    Ok(p)
}

/// The credit event a penalty on an enterprise makes.
async fn credit_event(tx: &mut Tx, ctx: &AuditCtx, actor: &Actor, p: &Penalty) -> Result<()> {
    let (Some(enterprise), Some(uscc)) = (&p.enterprise_id, &p.party_uscc) else {
        return Ok(());
    };
    let trigger = if p.working_while_stopped {
        "working_while_stopped"
    } else {
        match p.penalty_type {
            PenaltyType::LicenceSuspension => "licence_suspended",
            PenaltyType::LicenceRevocation => "licence_revoked",
            _ => "penalty",
        }
    };
    let e = NewEvent {
        tenant: p.tenant_id.clone(),
        enterprise_id: enterprise.clone(),
        uscc: uscc.clone(),
        name: p.party_name.clone(),
        source: Source::Penalty,
        trigger: trigger.into(),
        ref_id: p.id.clone(),
        detail: format!(
            "{}（{}）：{}",
            p.case_number,
            p.penalty_type.zh(),
            p.violation
        ),
        occurred_at: p.decided_at,
    };
    match intake::record(tx, ctx, &actor.username, e).await {
        // The province took the trigger out of its rules: no credit event.
        Err(CreditError::Invalid(_)) => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Writes a changed penalty (version checked) and its audit record.
pub(crate) async fn save(tx: &mut Tx, ctx: &AuditCtx, p: &mut Penalty, action: &str) -> Result<()> {
    p.version += 1;
    p.updated_at = now_ms();
    if !penalties::update(tx, p).await? {
        return Err(CreditError::Concurrent);
    }
    audit::record(
        tx,
        ctx,
        &p.tenant_id,
        &format!("credit.penalty.{action}"),
        "credit_penalty",
        &p.id,
        vec![Change::new("state", None, Some(json!(p.state)))],
    )
    .await?;
    Ok(())
}

/// The penalty `id` of the caller's county.
async fn own(tx: &mut Tx, actor: &Actor, id: &str) -> Result<Penalty> {
    let p = penalties::get(tx, id)
        .await?
        .ok_or(CreditError::NotFound("penalty"))?;
    require_authority(actor, &p.tenant_id)?;
    Ok(p)
}

/// Updates enforcement and appeal status. A decision revoked on appeal
/// (撤销) withdraws its credit event, which then no longer counts, and leaves
/// the public register; a later correction of the appeal status restores it.
pub async fn update_status(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    enforcement: Option<&str>,
    appeal: Option<&str>,
) -> Result<Penalty> {
    let mut p = own(tx, actor, id).await?;
    if let Some(e) = enforcement {
        p.enforcement = Enforcement::parse(e.trim())?;
    }
    let was_revoked = p.appeal == Appeal::Revoked;
    if let Some(a) = appeal {
        p.appeal = Appeal::parse(a.trim())?;
    }
    save(tx, ctx, &mut p, "status").await?;
    if was_revoked != (p.appeal == Appeal::Revoked) {
        withdraw_event(tx, ctx, &p).await?;
    }
    Ok(p)
}

/// Withdraws the penalty's credit event when the decision was revoked on
/// appeal, or restores it when it no longer is; regrades the enterprise and
/// tells the county when the event stood behind an open listing.
async fn withdraw_event(tx: &mut Tx, ctx: &AuditCtx, p: &Penalty) -> Result<()> {
    let revoked = p.appeal == Appeal::Revoked;
    let reason = format!("处罚决定 {} 经复议或诉讼被撤销", p.case_number);
    let (at, why) = if revoked {
        (Some(now_ms()), Some(reason.as_str()))
    } else {
        (None, None)
    };
    let changed =
        crate::store::set_withdrawn(tx, &p.tenant_id, Source::Penalty, &p.id, at, why).await?;
    for e in &changed {
        audit::record(
            tx,
            ctx,
            &e.tenant_id,
            if revoked {
                "credit.event.withdraw"
            } else {
                "credit.event.restore"
            },
            "credit_event",
            &e.id,
            vec![Change::new("withdrawnReason", None, why.map(|w| json!(w)))],
        )
        .await?;
        if let Some(lid) = &e.listing_id {
            basis_changed(tx, ctx, &e.tenant_id, lid, revoked, &reason).await?;
        }
    }
    // Regrading also drops the enterprise's cached public profile.
    if let Some(enterprise) = &p.enterprise_id {
        crate::grade::refresh(tx, &p.tenant_id, enterprise).await?;
    }
    Ok(())
}

/// Notes on a listing's timeline, and tells the county, that an event it
/// rests on was withdrawn or restored; the county decides what follows.
async fn basis_changed(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    listing: &str,
    withdrawn: bool,
    reason: &str,
) -> Result<()> {
    let Some(mut l) = crate::store::listing(tx, listing).await? else {
        return Ok(());
    };
    if l.tenant_id != tenant || !l.state().is_open() {
        return Ok(());
    }
    l.updated_at = now_ms();
    let (action, title) = if withdrawn {
        ("eventWithdrawn", "列入依据的处罚决定已被撤销")
    } else {
        ("eventRestored", "列入依据的处罚决定已恢复")
    };
    crate::service::step(tx, ctx, &l, Some(l.state()), action, reason).await?;
    crate::service::tell_county(tx, &l, title, "请复核该列入程序").await
}

/// Publishes a penalty (公示) with its public summary, which must hold no
/// personal data; late when after the deadline.
pub async fn publish(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    summary: &str,
) -> Result<Penalty> {
    let summary = text("publicSummary", summary, 2000)?;
    let mut p = own(tx, actor, id).await?;
    if p.published_at.is_some() {
        return Err(CreditError::conflict(
            "该处罚已公示",
            "the penalty is already published",
        ));
    }
    let mut leaks = personal_data_in(
        &summary,
        (p.party_kind == PartyKind::Person).then_some(p.party_name.as_str()),
    );
    if p.person_id_number
        .as_deref()
        .is_some_and(|n| summary.to_ascii_uppercase().contains(n))
    {
        leaks = Some("identity number");
    }
    if let Some(what) = leaks {
        let zh = match what {
            "identity number" => "身份证号码",
            "mobile number" => "手机号码",
            _ => "当事人姓名（应写作 ",
        };
        let zh = if what == "name" {
            format!("公示内容含有个人信息：{zh}{}）", mask_name(&p.party_name))
        } else {
            format!("公示内容含有个人信息：{zh}")
        };
        return Err(CreditError::field(
            "publicSummary",
            &zh,
            &format!("the public summary holds personal data: {what}"),
        ));
    }
    let now = now_ms();
    p.published_at = Some(now);
    p.published_late = p.published_late || now > p.publish_due_at;
    p.public_summary = Some(summary);
    p.state = "published".into();
    save(tx, ctx, &mut p, "publish").await?;
    if let Some(u) = &p.party_uscc {
        crate::public::forget(u);
    }
    if p.published_late {
        tracing::info!(penalty = %p.id, due = %to_rfc3339(p.publish_due_at), "penalty published late");
    }
    Ok(p)
}
