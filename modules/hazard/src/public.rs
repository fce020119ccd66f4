//! Reports from the public (群众举报): anyone may report a hazard at an
//! enterprise without an account, at most a few an hour from one address.
//! The report goes to the enterprise's county (or the county named); the
//! reporter gets a token to follow it, of which only a hash is kept. The
//! reporter's name and phone are shown to the county's inspectors only.

use crate::error::{HazardError, Result};
use crate::model::required;
use crate::service::{self, Actor, NewHazard};
use crate::store::Hazard;
use anjian_platform::audit::{self, AuditCtx};
use anjian_platform::db::Tx;
use anjian_platform::time::{new_id, now_ms};
use anjian_platform::{FieldError, Platform};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::time::Duration;

/// A report as the public submits it.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    /// The county (tenant code); needed when the USCC isn't given or not registered.
    pub county: Option<String>,
    pub enterprise_name: String,
    pub enterprise_uscc: Option<String>,
    pub address: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
}

/// A stored public report.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicReport {
    pub tenant_id: String,
    pub id: String,
    pub enterprise_name: String,
    pub enterprise_uscc: Option<String>,
    pub address: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    /// `received`, `accepted` or `dismissed`.
    pub status: String,
    pub reason: Option<String>,
    pub hazard_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Counts one submission from `client` (its address, an IPv6 /64) and to
/// `county` against the province's hourly limits (before any write
/// transaction: a flood takes no write lock). The county's cap keeps a
/// flood from many addresses from burying one county's inbox.
pub async fn limit(p: &Platform, client: &str, county: Option<&str>) -> Result<()> {
    let mut tx = p.db.read(anjian_platform::db::Scope::All, None).await?;
    let rules = crate::stored_rules(&mut tx, None)
        .await?
        .unwrap_or_default();
    tx.commit().await?;
    let hour = Duration::from_secs(3600);
    let key = format!(
        "hazard-public:{}",
        anjian_platform::clientaddr::limit_group(client)
    );
    if p.limiter.hit(&key, hour).await > rules.public_reports_per_hour {
        return Err(HazardError::RateLimited {
            retry_after_secs: 3600,
        });
    }
    if let Some(c) = county {
        let key = format!("hazard-public-county:{c}");
        if p.limiter.hit(&key, hour).await > rules.public_reports_per_county_per_hour {
            return Err(HazardError::RateLimited {
                retry_after_secs: 3600,
            });
        }
    }
    Ok(())
}

/// Stores a submission (the transaction sees every tenant) and returns it
/// with the reporter's token.
pub async fn submit(
    tx: &mut Tx,
    ctx: &AuditCtx,
    s: Submission,
    known_counties: &[String],
) -> Result<(PublicReport, String)> {
    let mut errs = Vec::new();
    let name = required("enterpriseName", "企业名称", &s.enterprise_name)
        .map_err(|e| errs.push(e))
        .ok();
    let address = required("address", "地址", &s.address)
        .map_err(|e| errs.push(e))
        .ok();
    let description = required("description", "举报内容", &s.description)
        .map_err(|e| errs.push(e))
        .ok();
    // Short optional fields: trimmed, at most 100 characters.
    let mut short = |field: &str, v: Option<String>| {
        let v = v.map(|x| x.trim().to_string()).filter(|x| !x.is_empty());
        if v.as_ref().is_some_and(|x| x.chars().count() > 100) {
            errs.push(FieldError::new(
                field,
                "不能超过100字",
                &format!("{field} is longer than 100 characters"),
            ));
        }
        v
    };
    let uscc = short("enterpriseUscc", s.enterprise_uscc);
    let reporter_name = short("reporterName", s.reporter_name);
    let reporter_phone = short("reporterPhone", s.reporter_phone);
    let named = short("county", s.county);
    // The county is always asked for, so the answer never tells whether a
    // USCC is registered; a registered USCC routes to its own county.
    let named = match named {
        Some(c) if known_counties.contains(&c) => Some(c),
        Some(c) => {
            errs.push(FieldError::new(
                "county",
                &format!("{c} 不是本省的县（市、区）"),
                &format!("{c} is not a county of the province"),
            ));
            None
        }
        None => {
            errs.push(FieldError::new(
                "county",
                "请选择企业所在县（市、区）",
                "the county is required",
            ));
            None
        }
    };
    let (Some(name), Some(address), Some(description), Some(named), true) =
        (name, address, description, named, errs.is_empty())
    else {
        return Err(HazardError::Invalid(errs));
    };
    let mut county = named;
    if let Some(u) = &uscc {
        let sql = tx.sql("SELECT tenant_id FROM enterprises WHERE {tenant} AND uscc = $1 ORDER BY tenant_id LIMIT 1")?;
        if let Some(r) = tx.opt(sqlx::query(&sql).bind(u.clone())).await? {
            county = r.try_get::<String, _>("tenant_id")?;
        }
    }
    let mut raw = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let now = now_ms();
    let r = PublicReport {
        tenant_id: county.clone(),
        id: new_id(),
        enterprise_name: name,
        enterprise_uscc: uscc,
        address,
        description,
        reporter_name,
        reporter_phone,
        status: "received".into(),
        reason: None,
        hazard_id: None,
        created_at: now,
        updated_at: now,
    };
    tx.exec(
        sqlx::query(
            "INSERT INTO hazard_public_reports (tenant_id, id, token_hash, enterprise_name, enterprise_uscc, address, \
             description, reporter_name, reporter_phone, status, created_at, updated_at) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11)",
        )
        .bind(r.tenant_id.clone())
        .bind(r.id.clone())
        .bind(hash(&token))
        .bind(r.enterprise_name.clone())
        .bind(r.enterprise_uscc.clone())
        .bind(r.address.clone())
        .bind(r.description.clone())
        .bind(r.reporter_name.clone())
        .bind(r.reporter_phone.clone())
        .bind(r.status.clone())
        .bind(now),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        &county,
        "hazard.public-report",
        "hazard-public-report",
        &r.id,
        vec![],
    )
    .await?;
    let title = format!("新的群众举报：{}", r.enterprise_name);
    for u in anjian_platform::users::with_role(tx, &county, "inspector").await? {
        anjian_platform::notify::post(
            tx,
            &county,
            &u,
            "hazard-public-report",
            &title,
            &r.description,
            None,
        )
        .await?;
    }
    Ok((r, token))
}

const COLS: &str =
    "tenant_id, id, enterprise_name, enterprise_uscc, address, description, reporter_name, \
    reporter_phone, status, reason, hazard_id, created_at, updated_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<PublicReport> {
    Ok(PublicReport {
        tenant_id: r.try_get("tenant_id")?,
        id: r.try_get("id")?,
        enterprise_name: r.try_get("enterprise_name")?,
        enterprise_uscc: r.try_get("enterprise_uscc")?,
        address: r.try_get("address")?,
        description: r.try_get("description")?,
        reporter_name: r.try_get("reporter_name")?,
        reporter_phone: r.try_get("reporter_phone")?,
        status: r.try_get("status")?,
        reason: r.try_get("reason")?,
        hazard_id: r.try_get("hazard_id")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The report a token follows (the transaction sees every tenant).
pub async fn by_token(tx: &mut Tx, token: &str) -> Result<PublicReport> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM hazard_public_reports WHERE {{tenant}} AND token_hash = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(hash(token.trim()))).await? {
        Some(r) => from_row(&r),
        None => Err(HazardError::NotFound("report")),
    }
}

/// A report by id, within the transaction's tenants.
pub async fn get(tx: &mut Tx, id: &str) -> Result<PublicReport> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM hazard_public_reports WHERE {{tenant}} AND id = $1"
    ))?;
    match tx.opt(sqlx::query(&sql).bind(id.to_string())).await? {
        Some(r) => from_row(&r),
        None => Err(HazardError::NotFound("report")),
    }
}

/// Reports of the transaction's tenants, newest first, optionally of one status.
pub async fn list(
    tx: &mut Tx,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PublicReport>, i64)> {
    let cond = "{tenant} AND ($1 = '' OR status = $1)";
    let count = tx.sql(&format!(
        "SELECT COUNT(*) FROM hazard_public_reports WHERE {cond}"
    ))?;
    let st = status.unwrap_or("").to_string();
    let total = tx.scalar(sqlx::query(&count).bind(st.clone())).await?;
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM hazard_public_reports WHERE {cond} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
    ))?;
    let rows = tx
        .all(sqlx::query(&sql).bind(st).bind(limit).bind(offset))
        .await?;
    Ok((
        rows.iter().map(from_row).collect::<Result<Vec<_>>>()?,
        total,
    ))
}

async fn set_status(
    tx: &mut Tx,
    r: &PublicReport,
    status: &str,
    reason: Option<&str>,
    hazard: Option<&str>,
) -> Result<()> {
    let sql = tx.sql(
        "UPDATE hazard_public_reports SET status = $3, reason = $4, hazard_id = $5, updated_at = $6 \
         WHERE {tenant} AND tenant_id = $1 AND id = $2 AND status = 'received'",
    )?;
    let n = tx
        .exec(
            sqlx::query(&sql)
                .bind(r.tenant_id.clone())
                .bind(r.id.clone())
                .bind(status.to_string())
                .bind(reason.map(str::to_string))
                .bind(hazard.map(str::to_string))
                .bind(now_ms()),
        )
        .await?;
    if n != 1 {
        return Err(HazardError::Concurrent);
    }
    Ok(())
}

fn received(r: &PublicReport) -> Result<()> {
    if r.status == "received" {
        Ok(())
    } else {
        Err(HazardError::Platform(anjian_platform::Error::conflict(
            format!("举报已处理（{}）", r.status),
            format!("the report was already handled ({})", r.status),
        )))
    }
}

/// An inspector accepts a report: it becomes a hazard of the enterprise
/// (source public-report).
pub async fn accept(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    h: NewHazard,
) -> Result<Hazard> {
    if !actor.inspector {
        return Err(HazardError::Forbidden(
            "only inspectors handle public reports".into(),
        ));
    }
    let r = get(tx, id).await?;
    received(&r)?;
    let hazard = service::report(tx, ctx, actor, h, Some(r.id.clone())).await?;
    if hazard.tenant_id != r.tenant_id {
        return Err(HazardError::field(
            "enterpriseId",
            "举报只能转为本县企业的隐患",
            "a report becomes a hazard of an enterprise of its own county",
        ));
    }
    set_status(tx, &r, "accepted", None, Some(&hazard.id)).await?;
    Ok(hazard)
}

/// An inspector dismisses a report, with a reason the reporter sees.
pub async fn dismiss(
    tx: &mut Tx,
    ctx: &AuditCtx,
    actor: &Actor,
    id: &str,
    reason: &str,
) -> Result<PublicReport> {
    if !actor.inspector {
        return Err(HazardError::Forbidden(
            "only inspectors handle public reports".into(),
        ));
    }
    let reason = required("reason", "不予受理的理由", reason)?;
    let r = get(tx, id).await?;
    received(&r)?;
    set_status(tx, &r, "dismissed", Some(&reason), None).await?;
    audit::record(
        tx,
        ctx,
        &r.tenant_id,
        "hazard.public-report.dismiss",
        "hazard-public-report",
        &r.id,
        vec![audit::Change::new(
            "reason",
            None,
            Some(serde_json::json!(reason)),
        )],
    )
    .await?;
    get(tx, id).await
}
