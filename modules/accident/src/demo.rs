//! Demo data of `serve --demo` (with the demo counties' generated data):
//! three years of closed accidents in 330106 and 330203 with every past
//! month closed (published), and one fresh flash report whose clocks run on
//! the duty board. Made once.

use crate::error::Result;
use crate::service::{self, Actor, NewAccident};
use crate::{generate, stats};
use anjian_platform::audit::AuditCtx;
use anjian_platform::db::Scope;
use anjian_platform::tenancy::Level;
use anjian_platform::time::now_ms;
use anjian_platform::Platform;

/// The demo counties.
pub const DEMO_COUNTIES: &[&str] = &["330106", "330203"];

/// Seeds what isn't there yet; returns how many accidents it made.
pub async fn seed(p: &Platform) -> Result<u64> {
    let mut tx = p.db.write(Scope::All, None).await?;
    let n = tx
        .scalar(sqlx::query(
            &tx.sql("SELECT COUNT(*) FROM acc_accidents WHERE {tenant}")?,
        ))
        .await?;
    tx.rollback().await?;
    if n > 0 {
        return Ok(0);
    }
    let counties: Vec<String> = DEMO_COUNTIES.iter().map(|s| s.to_string()).collect();
    let made = generate::generate(&p.db, &counties, 1_500, 3, 2026).await?;
    let now = now_ms();
    let current = crate::model::month_of(now);
    let mut tx = p.db.write(Scope::All, None).await?;
    let mut ym = crate::model::month_of(now - 3 * 366 * service::DAY_MS);
    while ym < current {
        stats::close_month(&mut tx, &counties, ym, "system", now).await?;
        ym = if ym % 100 == 12 { ym + 89 } else { ym + 1 };
    }
    let actor = Actor {
        username: "county-admin@330106".into(),
        tenant: "330106".into(),
        level: Level::County,
        reports: true,
        manages: true,
        governs: false,
        enterprise: None,
    };
    let ctx = AuditCtx {
        actor: actor.username.clone(),
        actor_tenant: Some(actor.tenant.clone()),
        ..AuditCtx::system(p.audit_alg)
    };
    let at = chrono::DateTime::from_timestamp_millis(now - 40 * 60_000)
        .unwrap_or_default()
        .to_rfc3339();
    let input = NewAccident {
        unit_name: Some("西湖区某建筑工地".into()),
        division_code: Some("330106".into()),
        occurred_at: at,
        place: "文一西路在建项目 3 号楼".into(),
        accident_type: "09".into(),
        industry: Some("E4710".into()),
        figures: (1, 0, 1, 2, 120.0),
        summary: "一名作业人员在脚手架拆除时坠落，当场死亡；一人重伤送医。".into(),
        reporter: "值班员".into(),
        reporter_phone: "0571-87000000".into(),
        ..NewAccident::default()
    };
    service::report(&mut tx, &ctx, &actor, input).await?;
    tx.commit().await?;
    p.wake.notify_one();
    Ok(made + 1)
}
