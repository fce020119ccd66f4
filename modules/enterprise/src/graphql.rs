//! GraphQL of the enterprise register: thin resolvers over `service`.

use crate::exchange::{Format, Raw};
use crate::model::{Industry, OperatingStatus, RiskFlag, SizeBand};
use crate::record::{Licence, MajorHazard};
use crate::service::{self, Filter, Sort};
use crate::store::{self, Stored};
use crate::{import, rules, PERM_DECIDE, PERM_IMPORT, PERM_READ, PERM_WRITE};
use anjian_platform::api::context::{req, Req};
use anjian_platform::api::relay::{page, page_vec, window, Page};
use anjian_platform::rbac::{Permission, Role};
use anjian_platform::{orgs, Error};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{
    ComplexObject, Context, Enum, InputObject, Json, Object, Result, SimpleObject,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

fn dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// An enterprise in the register (企业).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Enterprise {
    pub id: String,
    /// The county tenant (its production address).
    pub tenant_code: String,
    /// 统一社会信用代码.
    pub uscc: String,
    pub name: String,
    pub legal_representative: Option<String>,
    /// 主要负责人.
    pub principal: Option<String>,
    pub principal_phone: Option<String>,
    pub safety_manager: Option<String>,
    /// 安全管理负责人电话.
    pub safety_manager_phone: Option<String>,
    pub registered_address: Option<String>,
    pub production_address: String,
    pub division_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Two-letter national code, e.g. WH.
    pub industry: String,
    pub industry_name: String,
    pub industry_subtype: Option<String>,
    pub gbt4754: Option<String>,
    pub registration_type: Option<String>,
    /// large, medium, small or micro.
    pub size_band: String,
    pub size_band_overridden: bool,
    /// 规模以上.
    pub above_designated_size: bool,
    pub staff_count: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub founded_on: Option<String>,
    /// operating, suspended or closed.
    pub status: String,
    pub safety_staff: Option<i64>,
    pub safety_engineers: Option<i64>,
    pub risk_flags: Vec<String>,
    /// Most severe major hazard grade (1 is the highest), if any.
    pub max_hazard_grade: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Licences read with the list that returned this enterprise, in the
    /// same transaction (none: read through [`LicenceLoader`]).
    #[graphql(skip)]
    pub licences_read: Option<Vec<Licence>>,
}

impl From<Stored> for Enterprise {
    fn from(s: Stored) -> Self {
        let r = s.record;
        Enterprise {
            id: s.id,
            tenant_code: s.tenant_id,
            uscc: r.uscc.to_string(),
            name: r.name,
            legal_representative: r.legal_representative,
            principal: r.principal,
            principal_phone: r.principal_phone,
            safety_manager: r.safety_manager,
            safety_manager_phone: r.safety_manager_phone,
            registered_address: r.registered_address,
            production_address: r.production_address,
            division_code: r.division_code,
            latitude: r.latitude,
            longitude: r.longitude,
            industry: r.industry.code().into(),
            industry_name: r.industry.name_zh().into(),
            industry_subtype: r.industry_subtype,
            gbt4754: r.gbt4754,
            registration_type: r.registration_type,
            size_band: r.size_band.as_str().into(),
            size_band_overridden: r.size_band_overridden,
            above_designated_size: r.above_designated_size,
            staff_count: r.staff_count,
            revenue_wan: r.revenue_wan,
            founded_on: r.founded_on,
            status: r.status.as_str().into(),
            safety_staff: r.safety_staff,
            safety_engineers: r.safety_engineers,
            risk_flags: r
                .risk_flags
                .iter()
                .map(|f| f.as_str().to_string())
                .collect(),
            max_hazard_grade: s.max_hazard_grade,
            created_at: dt(s.created_at),
            updated_at: dt(s.updated_at),
            licences_read: None,
        }
    }
}

/// A licence (许可证).
#[derive(SimpleObject, Clone, Serialize)]
pub struct LicenceNode {
    pub kind: String,
    pub number: String,
    pub scope: Option<String>,
    pub issued_on: Option<String>,
    pub expires_on: Option<String>,
}

/// A major hazard source (重大危险源).
#[derive(SimpleObject, Clone)]
pub struct MajorHazardNode {
    pub name: String,
    pub r_value: f64,
    pub grade: i32,
}

/// One recorded change of an enterprise.
#[derive(SimpleObject, Clone)]
pub struct EnterpriseChange {
    /// Cursor of the change feed.
    pub cursor: String,
    pub enterprise_id: String,
    pub tenant_code: String,
    pub uscc: String,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// create, update, close, reopen.
    pub operation: String,
    /// `[{field, before, after}]`.
    pub changes: Json<serde_json::Value>,
}

fn change_from(h: store::HistoryEntry) -> EnterpriseChange {
    EnterpriseChange {
        cursor: format!("{}.{}", h.at, h.id),
        enterprise_id: h.enterprise_id,
        tenant_code: h.tenant_id,
        uscc: h.uscc,
        at: dt(h.at),
        actor: h.actor,
        operation: h.operation,
        changes: Json(serde_json::from_str(&h.changes).unwrap_or_default()),
    }
}

/// Licences of enterprises, batched: one statement per list.
pub struct LicenceLoader(pub Req);

impl Loader<String> for LicenceLoader {
    type Value = Vec<Licence>;
    type Error = Arc<Error>;

    async fn load(
        &self,
        keys: &[String],
    ) -> std::result::Result<HashMap<String, Self::Value>, Self::Error> {
        let mut tx = self.0.read().await.map_err(Arc::new)?;
        let ls = store::licences(&mut tx, keys).await.map_err(Arc::new)?;
        tx.end_read();
        Ok(by_enterprise(keys, ls))
    }
}

/// Major hazard sources of enterprises, batched: one statement per list.
pub struct MajorHazardLoader(pub Req);

impl Loader<String> for MajorHazardLoader {
    type Value = Vec<MajorHazard>;
    type Error = Arc<Error>;

    async fn load(
        &self,
        keys: &[String],
    ) -> std::result::Result<HashMap<String, Self::Value>, Self::Error> {
        let mut tx = self.0.read().await.map_err(Arc::new)?;
        let hs = store::hazards(&mut tx, keys).await.map_err(Arc::new)?;
        tx.end_read();
        Ok(by_enterprise(keys, hs))
    }
}

/// Children grouped by enterprise, every key present (empty when it has none).
fn by_enterprise<T>(keys: &[String], rows: Vec<(String, T)>) -> HashMap<String, Vec<T>> {
    let mut out: HashMap<String, Vec<T>> = keys.iter().map(|k| (k.clone(), Vec::new())).collect();
    for (id, v) in rows {
        out.entry(id).or_default().push(v);
    }
    out
}

async fn load_children<L>(ctx: &Context<'_>, id: &str) -> Result<L::Value>
where
    L: Loader<String, Error = Arc<Error>>,
    L::Value: Default,
{
    let loader = match ctx.data_opt::<DataLoader<L>>() {
        Some(l) => l,
        None => return Err(Error::internal("children loader missing").into()),
    };
    Ok(loader
        .load_one(id.to_string())
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .unwrap_or_default())
}

#[ComplexObject]
impl Enterprise {
    /// Licences, soonest expiry first.
    async fn licences(&self, ctx: &Context<'_>) -> Result<Vec<LicenceNode>> {
        let licences = match &self.licences_read {
            Some(read) => read.clone(),
            None => load_children::<LicenceLoader>(ctx, &self.id).await?,
        };
        Ok(licences
            .into_iter()
            .map(|l| LicenceNode {
                kind: l.kind,
                number: l.number,
                scope: l.scope,
                issued_on: l.issued_on,
                expires_on: l.expires_on,
            })
            .collect())
    }
    /// Its division (行政区划) with the county and city above it.
    async fn division(&self, ctx: &Context<'_>) -> Result<DivisionNode> {
        let p = &req(ctx).platform;
        let dir = p.tenancy.directory(&p.db).await?;
        let county = dir.get(&self.tenant_code);
        let city = county
            .and_then(|c| c.parent_code.as_deref())
            .and_then(|code| dir.get(code));
        Ok(DivisionNode {
            code: self.division_code.clone(),
            county_code: self.tenant_code.clone(),
            county_name: county.map(|c| c.name.clone()),
            city_code: city.map(|c| c.code.clone()),
            city_name: city.map(|c| c.name.clone()),
        })
    }
    /// Major hazard sources, most severe first.
    async fn major_hazards(&self, ctx: &Context<'_>) -> Result<Vec<MajorHazardNode>> {
        Ok(load_children::<MajorHazardLoader>(ctx, &self.id)
            .await?
            .into_iter()
            .map(|h| MajorHazardNode {
                name: h.name,
                r_value: h.r_value,
                grade: h.grade as i32,
            })
            .collect())
    }
    /// Every change: who, when, which fields, before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<EnterpriseChange>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let h = store::history(&mut tx, &self.id).await?;
        tx.commit().await?;
        Ok(page_vec(
            h.into_iter().map(change_from).collect(),
            first,
            after,
        )?)
    }
}

/// An enterprise's division: its own code (down to the township) and the
/// county and city tenants above it.
#[derive(SimpleObject)]
pub struct DivisionNode {
    /// 行政区划代码, 6 to 12 digits.
    pub code: String,
    pub county_code: String,
    pub county_name: Option<String>,
    pub city_code: Option<String>,
    pub city_name: Option<String>,
}

/// Sort keys of the list.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum EnterpriseSort {
    Name,
    Uscc,
    UpdatedAt,
    StaffCount,
}

/// Filters of the list.
#[derive(InputObject, Default)]
pub struct EnterpriseFilter {
    pub tenant_code: Option<String>,
    /// Two-letter industry code or Chinese name.
    pub industry: Option<String>,
    pub size_band: Option<String>,
    pub status: Option<String>,
    /// Division code prefix, e.g. 330106003.
    pub division_prefix: Option<String>,
    pub risk_flag: Option<String>,
    pub major_hazard_grade: Option<i64>,
    /// Holding a licence that expires before this date (YYYY-MM-DD).
    pub licence_expiring_before: Option<String>,
    /// Substring of the name, USCC or address (Chinese substrings work).
    pub search: Option<String>,
}

fn parse_filter(f: EnterpriseFilter) -> anjian_platform::Result<Filter> {
    fn opt<T>(
        v: Option<String>,
        field: &str,
        parse: fn(&str) -> Option<T>,
    ) -> anjian_platform::Result<Option<T>> {
        match v {
            None => Ok(None),
            Some(s) => parse(&s).map(Some).ok_or_else(|| {
                Error::field(
                    field,
                    &format!("无效的取值：{s}"),
                    &format!("invalid value: {s}"),
                )
            }),
        }
    }
    Ok(Filter {
        tenant: f.tenant_code,
        industry: opt(f.industry, "industry", Industry::parse)?,
        size_band: opt(f.size_band, "sizeBand", SizeBand::parse)?,
        status: opt(f.status, "status", OperatingStatus::parse)?,
        division_prefix: f.division_prefix,
        risk_flag: opt(f.risk_flag, "riskFlag", RiskFlag::parse)?,
        hazard_grade: f.major_hazard_grade,
        licence_expiring_before: f.licence_expiring_before,
        search: f.search,
    })
}

/// A licence in an input.
#[derive(InputObject, Serialize)]
pub struct LicenceInput {
    pub kind: String,
    pub number: String,
    pub scope: Option<String>,
    pub issued_on: Option<String>,
    pub expires_on: Option<String>,
}

/// A major hazard source in an input.
#[derive(InputObject, Serialize)]
pub struct MajorHazardInput {
    pub name: String,
    pub r_value: f64,
}

/// An enterprise's fields (the exchange format's elements). On update, absent
/// fields stay as they are.
#[derive(InputObject, Serialize, Default)]
pub struct EnterpriseInput {
    pub uscc: Option<String>,
    pub name: Option<String>,
    pub legal_representative: Option<String>,
    pub principal: Option<String>,
    pub principal_phone: Option<String>,
    pub safety_manager: Option<String>,
    /// 安全管理负责人电话.
    pub safety_manager_phone: Option<String>,
    pub registered_address: Option<String>,
    pub production_address: Option<String>,
    pub division_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub industry: Option<String>,
    pub industry_subtype: Option<String>,
    pub gbt4754: Option<String>,
    pub registration_type: Option<String>,
    pub size_band: Option<String>,
    pub above_designated_size: Option<bool>,
    pub staff_count: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub founded_on: Option<String>,
    pub status: Option<String>,
    pub safety_staff: Option<i64>,
    pub safety_engineers: Option<i64>,
    pub risk_flags: Option<Vec<String>>,
    pub licences: Option<Vec<LicenceInput>>,
    pub major_hazards: Option<Vec<MajorHazardInput>>,
}

impl EnterpriseInput {
    /// The same raw record an imported row becomes (snake_case keys, nulls dropped).
    fn raw(&self) -> anjian_platform::Result<Raw> {
        match serde_json::to_value(self)? {
            serde_json::Value::Object(mut m) => {
                m.retain(|_, v| !v.is_null());
                for v in m.values_mut() {
                    if let Some(n) = v.as_f64().filter(|_| v.is_f64() || v.is_i64()) {
                        *v = serde_json::Value::String(n.to_string());
                    }
                }
                Ok(m)
            }
            _ => Ok(Raw::new()),
        }
    }
}

/// Statistics cell.
#[derive(SimpleObject)]
pub struct EnterpriseStat {
    pub tenant_code: String,
    pub industry: String,
    pub size_band: String,
    pub count: i64,
}

/// A change request of an enterprise.
#[derive(SimpleObject)]
pub struct EnterpriseChangeRequest {
    pub id: String,
    pub enterprise_id: String,
    pub tenant_code: String,
    pub requested_by: String,
    pub changes: Json<serde_json::Value>,
    /// pending, approved, rejected.
    pub status: String,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<service::ChangeRequest> for EnterpriseChangeRequest {
    fn from(c: service::ChangeRequest) -> Self {
        EnterpriseChangeRequest {
            id: c.id,
            enterprise_id: c.enterprise_id,
            tenant_code: c.tenant_id,
            requested_by: c.requested_by,
            changes: Json(serde_json::Value::Object(c.changes)),
            status: c.status,
            reason: c.reason,
            decided_by: c.decided_by,
            created_at: dt(c.created_at),
        }
    }
}

/// Export formats.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ExchangeFormat {
    Csv,
    JsonLines,
    /// Excel workbook (first sheet; Chinese headers on export). Exports and
    /// rejected rows come back base64-encoded.
    Xlsx,
}

impl From<ExchangeFormat> for Format {
    fn from(f: ExchangeFormat) -> Format {
        match f {
            ExchangeFormat::Csv => Format::Csv,
            ExchangeFormat::JsonLines => Format::JsonLines,
            ExchangeFormat::Xlsx => Format::Xlsx,
        }
    }
}

fn require<'a>(
    r: &'a Req,
    p: &'static str,
) -> anjian_platform::Result<&'a anjian_platform::auth::Principal> {
    r.require(Permission::Module(p))
}

/// Most rows `enterpriseExport` returns in one response (the CLI has no limit).
const EXPORT_LIMIT: i64 = 50_000;

/// Queries of the enterprise register.
#[derive(Default)]
pub struct EnterpriseQuery;

#[Object]
impl EnterpriseQuery {
    /// One enterprise in the caller's tenants.
    async fn enterprise(&self, ctx: &Context<'_>, id: String) -> Result<Enterprise> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let s = service::get(&mut tx, &id).await?;
        tx.end_read();
        Ok(s.into())
    }

    /// Enterprises of the caller's tenants, filtered, sorted and paged.
    async fn enterprises(
        &self,
        ctx: &Context<'_>,
        filter: Option<EnterpriseFilter>,
        #[graphql(default_with = "EnterpriseSort::Name")] order_by: EnterpriseSort,
        #[graphql(default = false)] descending: bool,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Enterprise>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let (limit, offset) = window(first, after)?;
        let f = parse_filter(filter.unwrap_or_default())?;
        let sort = match order_by {
            EnterpriseSort::Name => Sort::Name,
            EnterpriseSort::Uscc => Sort::Uscc,
            EnterpriseSort::UpdatedAt => Sort::UpdatedAt,
            EnterpriseSort::StaffCount => Sort::StaffCount,
        };
        // Licences asked for are read in the list's own transaction.
        let with_licences = ctx
            .look_ahead()
            .field("edges")
            .field("node")
            .field("licences")
            .exists();
        let mut tx = r.read().await?;
        let (list, total) =
            service::list_page(&mut tx, &f, sort, descending, limit, offset, with_licences).await?;
        tx.end_read();
        let items = list
            .into_iter()
            .map(|(s, licences)| Enterprise {
                licences_read: licences,
                ..Enterprise::from(s)
            })
            .collect();
        Ok(page(items, offset, total))
    }

    /// Counts by industry × size band for each county, city and the province the caller may see.
    async fn enterprise_statistics(&self, ctx: &Context<'_>) -> Result<Vec<EnterpriseStat>> {
        let r = req(ctx);
        let who = require(r, PERM_READ)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut tx = r.read().await?;
        let rows = service::statistics(&mut tx, &dir).await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .filter(|s| who.scope.contains(&s.tenant))
            .map(|s| EnterpriseStat {
                tenant_code: s.tenant,
                industry: s.industry,
                size_band: s.size_band,
                count: s.count,
            })
            .collect())
    }

    /// The incremental change feed (for upstream sync): changes after `since`, oldest first.
    async fn enterprise_changes(
        &self,
        ctx: &Context<'_>,
        since: Option<String>,
        #[graphql(default = 100)] first: i32,
    ) -> Result<Vec<EnterpriseChange>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        if !(1..=1000).contains(&first) {
            return Err(
                Error::field("first", "first 应在1到1000之间", "first must be 1-1000").into(),
            );
        }
        let (at, id) = match since.as_deref() {
            None => (i64::MIN, String::new()),
            Some(c) => {
                let (a, i) = c
                    .split_once('.')
                    .ok_or_else(|| Error::field("since", "游标无效", "invalid cursor"))?;
                (
                    a.parse()
                        .map_err(|_| Error::field("since", "游标无效", "invalid cursor"))?,
                    i.to_string(),
                )
            }
        };
        let mut tx = r.read().await?;
        let list = store::changes_since(&mut tx, at, &id, first as i64).await?;
        tx.commit().await?;
        Ok(list.into_iter().map(change_from).collect())
    }

    /// USCCs registered in more than one of the caller's counties (moved or duplicated?).
    async fn enterprise_uscc_conflicts(&self, ctx: &Context<'_>) -> Result<Vec<UsccConflict>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let list = service::conflicts(&mut tx, None).await?;
        tx.commit().await?;
        Ok(list
            .into_iter()
            .map(|c| UsccConflict {
                uscc: c.uscc,
                enterprises: c.entries.into_iter().map(Enterprise::from).collect(),
            })
            .collect())
    }

    /// The rules in force (size bands, hazard grades, reminder window).
    async fn enterprise_rules(&self, ctx: &Context<'_>) -> Result<EnterpriseRules> {
        let r = req(ctx);
        r.principal()?;
        let mut tx = r.read().await?;
        let rl = rules(&mut tx).await?;
        tx.commit().await?;
        Ok(rl.into())
    }

    /// An uploaded import: status, progress and, when done, the report.
    async fn enterprise_import(&self, ctx: &Context<'_>, id: String) -> Result<EnterpriseImport> {
        let r = req(ctx);
        require(r, PERM_IMPORT)?;
        let mut tx = r.read().await?;
        let st = import::state(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(st.into())
    }

    /// The signed-in enterprise user's own enterprise.
    async fn my_enterprise(&self, ctx: &Context<'_>) -> Result<Enterprise> {
        let r = req(ctx);
        let (tenant, uscc) = own_enterprise(r).await?;
        let mut tx = r.read().await?;
        let s = store::by_uscc(&mut tx, &tenant, &uscc)
            .await?
            .ok_or_else(|| Error::NotFound("enterprise".into()))?;
        tx.commit().await?;
        Ok(s.into())
    }

    /// Change requests (county staff: of their tenants; an enterprise: its own).
    async fn enterprise_change_requests(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
    ) -> Result<Vec<EnterpriseChangeRequest>> {
        let r = req(ctx);
        let own = if r.principal()?.has_role(Role::Enterprise) {
            let (tenant, uscc) = own_enterprise(r).await?;
            let mut tx = r.read().await?;
            let s = store::by_uscc(&mut tx, &tenant, &uscc)
                .await?
                .ok_or_else(|| Error::NotFound("enterprise".into()))?;
            tx.commit().await?;
            Some(s.id)
        } else {
            require(r, PERM_READ)?;
            None
        };
        let mut tx = r.read().await?;
        let list = service::list_changes(&mut tx, own.as_deref(), status.as_deref()).await?;
        tx.commit().await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// The register in the exchange format (CSV with Chinese headers, JSON Lines, or an XLSX
    /// workbook as base64), with the list's filters; at most 50,000 rows online.
    async fn enterprise_export(
        &self,
        ctx: &Context<'_>,
        filter: Option<EnterpriseFilter>,
        #[graphql(default_with = "ExchangeFormat::Csv")] format: ExchangeFormat,
    ) -> Result<String> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let f = parse_filter(filter.unwrap_or_default())?;
        let mut tx = r.read().await?;
        let (_, total) = service::list(&mut tx, &f, Sort::Uscc, false, 0, 0).await?;
        if total > EXPORT_LIMIT {
            return Err(Error::field(
                "filter",
                &format!("导出 {total} 条超过在线导出上限 {EXPORT_LIMIT} 条，请缩小范围或使用 anjian enterprise export"),
                &format!("{total} rows exceed the online export limit of {EXPORT_LIMIT}; narrow the filter or use `anjian enterprise export`"),
            )
            .into());
        }
        let mut buf = Vec::new();
        crate::export::write(&mut tx, &f, format.into(), &mut buf).await?;
        tx.commit().await?;
        if format == ExchangeFormat::Xlsx {
            use base64::Engine;
            return Ok(base64::engine::general_purpose::STANDARD.encode(buf));
        }
        Ok(String::from_utf8(buf).map_err(Error::internal)?)
    }
}

/// (tenant, USCC) of the caller's enterprise, for enterprise users.
async fn own_enterprise(r: &Req) -> anjian_platform::Result<(String, String)> {
    let who = r.principal()?;
    if !who.has_role(Role::Enterprise) {
        return Err(Error::Forbidden("not an enterprise user".into()));
    }
    let Some((_, org_id)) = &who.org else {
        return Err(Error::NotFound("enterprise".into()));
    };
    let mut tx = r.read().await?;
    let org = orgs::get(&mut tx, org_id).await?;
    tx.commit().await?;
    match org.uscc {
        Some(u) if org.kind == "enterprise" => Ok((org.tenant_id, u)),
        _ => Err(Error::NotFound("enterprise".into())),
    }
}

/// (tenant, enterprise id) of an enterprise user's own enterprise in the
/// register: for other modules acting for an enterprise user.
pub async fn caller_enterprise(r: &Req) -> anjian_platform::Result<(String, String)> {
    let (tenant, uscc) = own_enterprise(r).await?;
    let mut tx = r.read().await?;
    let found = store::by_uscc(&mut tx, &tenant, &uscc).await?;
    tx.commit().await?;
    found
        .map(|s| (s.tenant_id, s.id))
        .ok_or_else(|| Error::NotFound("enterprise".into()))
}

/// The province's rules of the register (data, not constants).
#[derive(SimpleObject, InputObject, Clone, Serialize)]
#[graphql(input_name = "EnterpriseRulesInput")]
pub struct EnterpriseRules {
    pub large_staff: i64,
    pub large_revenue_wan: f64,
    pub medium_staff: i64,
    pub medium_revenue_wan: f64,
    pub small_staff: i64,
    pub small_revenue_wan: f64,
    /// 规模以上: revenue of at least this many 万元.
    pub above_designated_revenue_wan: f64,
    /// 重大危险源 grade 1 from this R value (GB 18218: 100).
    pub hazard_grade1_min: f64,
    pub hazard_grade2_min: f64,
    pub hazard_grade3_min: f64,
    /// Days before expiry that licence holders are reminded.
    pub licence_reminder_days: i64,
}

impl From<crate::record::Rules> for EnterpriseRules {
    fn from(r: crate::record::Rules) -> Self {
        EnterpriseRules {
            large_staff: r.size.large_staff,
            large_revenue_wan: r.size.large_revenue_wan,
            medium_staff: r.size.medium_staff,
            medium_revenue_wan: r.size.medium_revenue_wan,
            small_staff: r.size.small_staff,
            small_revenue_wan: r.size.small_revenue_wan,
            above_designated_revenue_wan: r.size.above_designated_revenue_wan,
            hazard_grade1_min: r.hazard.grade1_min,
            hazard_grade2_min: r.hazard.grade2_min,
            hazard_grade3_min: r.hazard.grade3_min,
            licence_reminder_days: r.licence_reminder_days,
        }
    }
}

impl From<EnterpriseRules> for crate::record::Rules {
    fn from(r: EnterpriseRules) -> Self {
        crate::record::Rules {
            size: crate::model::SizeRules {
                large_staff: r.large_staff,
                large_revenue_wan: r.large_revenue_wan,
                medium_staff: r.medium_staff,
                medium_revenue_wan: r.medium_revenue_wan,
                small_staff: r.small_staff,
                small_revenue_wan: r.small_revenue_wan,
                above_designated_revenue_wan: r.above_designated_revenue_wan,
            },
            hazard: crate::model::HazardGradeRules {
                grade1_min: r.hazard_grade1_min,
                grade2_min: r.hazard_grade2_min,
                grade3_min: r.hazard_grade3_min,
            },
            licence_reminder_days: r.licence_reminder_days,
        }
    }
}

/// A USCC registered in several counties.
#[derive(SimpleObject)]
pub struct UsccConflict {
    pub uscc: String,
    pub enterprises: Vec<Enterprise>,
}

/// Input of `decideEnterpriseChange`.
#[derive(InputObject)]
pub struct DecideChangeInput {
    pub id: String,
    pub approve: bool,
    /// Required when rejecting.
    pub reason: Option<String>,
}

/// Input of `importEnterprises`.
#[derive(InputObject)]
pub struct ImportEnterprisesInput {
    pub tenant_code: String,
    /// The file's bytes, base64 (CSV in UTF-8 or GB18030, or JSON Lines).
    pub content_base64: String,
    pub format: ExchangeFormat,
    /// All rows or none (default), or every valid row.
    #[graphql(default = false)]
    pub best_effort: bool,
    #[graphql(default = false)]
    pub dry_run: bool,
}

/// An uploaded import and its progress.
#[derive(SimpleObject)]
pub struct EnterpriseImport {
    pub id: String,
    pub tenant_code: String,
    pub actor: String,
    /// queued, running, done or failed.
    pub status: String,
    /// Rows read so far.
    pub rows_read: i64,
    pub inserted: Option<i64>,
    pub updated: Option<i64>,
    pub unchanged: Option<i64>,
    pub rejected: Option<i64>,
    /// All or nothing, and some row was rejected: nothing was written.
    pub aborted: Option<bool>,
    /// `[{row, column, value, message_zh, message_en}]`.
    pub rejections: Option<Json<serde_json::Value>>,
    pub warnings: Option<Json<serde_json::Value>>,
    /// Rejected rows in the input's format, base64, to fix and re-import.
    pub rejected_rows_base64: Option<String>,
    /// Why a failed import failed (e.g. a missing column).
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<import::ImportState> for EnterpriseImport {
    fn from(s: import::ImportState) -> Self {
        use base64::Engine;
        let r = s.report.as_ref();
        EnterpriseImport {
            id: s.id,
            tenant_code: s.tenant_id,
            actor: s.actor,
            status: s.status,
            rows_read: s.rows_read,
            inserted: r.map(|r| r.inserted as i64),
            updated: r.map(|r| r.updated as i64),
            unchanged: r.map(|r| r.unchanged as i64),
            rejected: r.map(|r| r.rejected as i64),
            aborted: r.map(|r| r.aborted),
            rejections: r.map(|r| Json(serde_json::to_value(&r.rejections).unwrap_or_default())),
            warnings: r.map(|r| Json(serde_json::to_value(&r.warnings).unwrap_or_default())),
            rejected_rows_base64: s
                .rejects
                .map(|b| base64::engine::general_purpose::STANDARD.encode(b)),
            error: s.error,
            created_at: dt(s.created_at),
            updated_at: dt(s.updated_at),
        }
    }
}

/// Mutations of the enterprise register.
#[derive(Default)]
pub struct EnterpriseMutation;

#[Object]
impl EnterpriseMutation {
    /// Registers an enterprise in the county of its division code.
    async fn create_enterprise(
        &self,
        ctx: &Context<'_>,
        input: EnterpriseInput,
    ) -> Result<Enterprise> {
        let r = req(ctx);
        require(r, PERM_WRITE)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let raw = input.raw()?;
        let mut tx = r.write().await?;
        let rules = rules(&mut tx).await?;
        let s = service::create(&mut tx, &r.audit(), &dir, &rules, &raw).await?;
        r.commit(tx).await?;
        Ok(s.into())
    }

    /// Changes an enterprise's fields; absent fields stay.
    async fn update_enterprise(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: EnterpriseInput,
    ) -> Result<Enterprise> {
        let r = req(ctx);
        require(r, PERM_WRITE)?;
        let raw = input.raw()?;
        let mut tx = r.write().await?;
        let rules = rules(&mut tx).await?;
        let s = service::update(&mut tx, &r.audit(), &rules, &id, &raw, "update").await?;
        r.commit(tx).await?;
        Ok(s.into())
    }

    /// Marks an enterprise closed (关闭); its history stays.
    async fn close_enterprise(&self, ctx: &Context<'_>, id: String) -> Result<Enterprise> {
        status(ctx, id, OperatingStatus::Closed).await
    }

    /// Reopens a closed enterprise.
    async fn reopen_enterprise(&self, ctx: &Context<'_>, id: String) -> Result<Enterprise> {
        status(ctx, id, OperatingStatus::Operating).await
    }

    /// Moves an enterprise to another county (a resolved "moved" conflict),
    /// with its licences, hazard sources, history and change requests.
    async fn transfer_enterprise(
        &self,
        ctx: &Context<'_>,
        id: String,
        division_code: String,
    ) -> Result<Enterprise> {
        let r = req(ctx);
        require(r, PERM_WRITE)?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        let mut tx = r.write().await?;
        let e = service::transfer(&mut tx, &r.audit(), &dir, &id, &division_code).await?;
        r.commit(tx).await?;
        Ok(e.into())
    }

    /// Changes the province's rules of the register (the province's system administrator).
    async fn update_enterprise_rules(
        &self,
        ctx: &Context<'_>,
        input: EnterpriseRules,
    ) -> Result<EnterpriseRules> {
        let r = req(ctx);
        let who = r.principal()?;
        if !who.has_role(Role::ProvinceAdmin) || who.password_expired {
            return Err(Error::Forbidden("enterprise rules are set by the province".into()).into());
        }
        let new: crate::record::Rules = input.clone().into();
        let mut tx = r.write().await?;
        let old: EnterpriseRules = rules(&mut tx).await?.into();
        crate::save_rules(&mut tx, &new, &who.username).await?;
        anjian_platform::audit::record(
            &mut tx,
            &r.audit(),
            &who.tenant,
            "enterprise.rules",
            "policy",
            "enterprise.rules",
            vec![anjian_platform::audit::Change::new(
                "rules",
                Some(serde_json::to_value(&old)?),
                Some(serde_json::to_value(&input)?),
            )],
        )
        .await?;
        r.commit(tx).await?;
        Ok(input)
    }

    /// An enterprise user asks for a change to its own record.
    async fn submit_enterprise_change(
        &self,
        ctx: &Context<'_>,
        input: EnterpriseInput,
    ) -> Result<EnterpriseChangeRequest> {
        let r = req(ctx);
        let (tenant, uscc) = own_enterprise(r).await?;
        let raw = input.raw()?;
        let mut tx = r.write().await?;
        let s = store::by_uscc(&mut tx, &tenant, &uscc)
            .await?
            .ok_or_else(|| Error::NotFound("enterprise".into()))?;
        let rules = rules(&mut tx).await?;
        let c = service::submit_change(&mut tx, &r.audit(), &rules, &s.id, &raw).await?;
        r.commit(tx).await?;
        Ok(c.into())
    }

    /// The county approves (applies) or rejects (with a reason) a change request.
    async fn decide_enterprise_change(
        &self,
        ctx: &Context<'_>,
        input: DecideChangeInput,
    ) -> Result<EnterpriseChangeRequest> {
        let r = req(ctx);
        require(r, PERM_DECIDE)?;
        let mut tx = r.write().await?;
        let rules = rules(&mut tx).await?;
        let c = service::decide(
            &mut tx,
            &r.audit(),
            &rules,
            &input.id,
            input.approve,
            input.reason.as_deref(),
        )
        .await?;
        r.commit(tx).await?;
        Ok(c.into())
    }

    /// Uploads a file for import into a county's register. The import runs in
    /// the job queue (the same path as `anjian enterprise import`); follow it
    /// with `enterpriseImport(id)`.
    async fn import_enterprises(
        &self,
        ctx: &Context<'_>,
        input: ImportEnterprisesInput,
    ) -> Result<EnterpriseImport> {
        use base64::Engine;
        let r = req(ctx);
        let who = require(r, PERM_IMPORT)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.content_base64.as_bytes())
            .map_err(|_| Error::field("contentBase64", "不是有效的 base64", "not valid base64"))?;
        if bytes.is_empty() {
            return Err(Error::field("contentBase64", "文件为空", "the file is empty").into());
        }
        if !who.scope.contains(&input.tenant_code) {
            return Err(Error::NotFound(format!("tenant {}", input.tenant_code)).into());
        }
        let mut tx = r.write().await?;
        let id = import::queue(
            &mut tx,
            &input.tenant_code,
            &who.username,
            input.format.into(),
            input.best_effort,
            input.dry_run,
            bytes,
        )
        .await?;
        let st = import::state(&mut tx, &id).await?;
        r.commit(tx).await?;
        Ok(st.into())
    }
}

async fn status(ctx: &Context<'_>, id: String, s: OperatingStatus) -> Result<Enterprise> {
    let r = req(ctx);
    require(r, PERM_WRITE)?;
    let mut tx = r.write().await?;
    let rules = rules(&mut tx).await?;
    let e = service::set_status(&mut tx, &r.audit(), &rules, &id, s).await?;
    r.commit(tx).await?;
    Ok(e.into())
}
