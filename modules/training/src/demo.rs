//! Demo data of `serve --demo`: the demo question bank, a blueprint, a
//! candidate for the demo examinee account with its hours, and an open
//! session at 西湖区考点 that candidate is booked in. Each is made once.

use crate::bank_file::BankFormat;
use crate::error::Result;
use crate::model::{Category, QuestionKind};
use crate::question::{Blueprint, Part};
use crate::service::{
    self, bank::BlueprintDraft, people::NewCandidate, people::NewHours, sessions::NewSession,
};
use crate::store::{bank, people};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Scope;
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::Platform;

/// The demo bank (主要负责人 and 低压电工作业), in the import format.
pub const DEMO_BANK: &str = include_str!("../seed/demo-bank.csv");
/// The demo county, examinee account and ID number.
pub const DEMO_COUNTY: &str = "330106";
pub const DEMO_EXAMINEE: &str = "examinee@330106";
pub const DEMO_ID_NUMBER: &str = "11010519491231002X";
/// The demo blueprint's name.
pub const DEMO_BLUEPRINT: &str = "主要负责人 演示卷";

/// Seeds what isn't there yet; returns whether anything was made.
pub async fn seed(p: &Platform) -> Result<bool> {
    let ctx = AuditCtx {
        actor_tenant: Some("330000".into()),
        ..AuditCtx::system(p.audit_alg)
    };
    let mut tx = p.db.write(Scope::All, None).await?;
    if !people::of_user(&mut tx, DEMO_COUNTY, DEMO_EXAMINEE)
        .await?
        .is_empty()
    {
        tx.rollback().await?;
        return Ok(false);
    }
    if bank::list(&mut tx, None, None, 1, 0).await?.1 == 0 {
        service::bank::import(&mut tx, &ctx, DEMO_BANK.as_bytes(), BankFormat::Csv, false).await?;
    }
    let existing = bank::blueprints(&mut tx).await?;
    let bp = match existing.into_iter().find(|b| b.name == DEMO_BLUEPRINT) {
        Some(b) => b,
        None => {
            let part = |kind, count, points| Part {
                kind,
                count,
                points,
                knowledge_point: None,
                difficulty: None,
            };
            let draft = BlueprintDraft {
                id: None,
                blueprint: Blueprint {
                    id: String::new(),
                    name: DEMO_BLUEPRINT.into(),
                    category: Category::Principal,
                    operation_item: None,
                    duration_minutes: 60,
                    multiple_partial: false,
                    parts: vec![
                        part(QuestionKind::TrueFalse, 10, 4.0),
                        part(QuestionKind::Single, 20, 3.0),
                    ],
                    version: 0,
                },
            };
            service::bank::save_blueprint(&mut tx, &ctx, draft).await?
        }
    };
    let county = AuditCtx {
        actor: "county-admin@330106".into(),
        actor_tenant: Some(DEMO_COUNTY.into()),
        ..AuditCtx::system(p.audit_alg)
    };
    let c = service::people::register(
        &mut tx,
        &county,
        DEMO_COUNTY,
        NewCandidate {
            id_number: DEMO_ID_NUMBER.into(),
            name: "演示考生".into(),
            enterprise_uscc: None,
            category: Category::Principal.as_str().into(),
            operation_item: None,
            high_risk: false,
            refresher: false,
            username: Some(DEMO_EXAMINEE.into()),
        },
    )
    .await?;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    service::people::record_hours(
        &mut tx,
        &county,
        &c.id,
        NewHours {
            institution: "杭州市安全生产培训中心".into(),
            course: "主要负责人初次培训".into(),
            hours: 32.0,
            date: today,
        },
    )
    .await?;
    let s = service::sessions::create(
        &mut tx,
        &county,
        DEMO_COUNTY,
        NewSession {
            centre: "西湖区考点".into(),
            seats: 100,
            starts_at: to_rfc3339(now_ms()),
            window_minutes: 240,
            blueprint_id: bp.id.clone(),
        },
    )
    .await?;
    service::sessions::book(&mut tx, &county, &s.id, std::slice::from_ref(&c.id)).await?;
    service::sessions::open(&mut tx, &county, &s.id).await?;
    tx.commit().await?;
    Ok(true)
}
