//! Tenants: the supervision departments of administrative divisions (GB/T 2260),
//! their hierarchy, visibility, and province-made changes (create, rename,
//! merge, retire) that never lose history.

use crate::audit::{self, AuditCtx, Change};
use crate::db::{Db, Scope, Tx};
use crate::error::{Error, Result};
use crate::time::{new_id, now_ms};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// A GB/T 2260 division code: six digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TenantCode(String);

impl TenantCode {
    /// Parses a six-digit division code.
    pub fn parse(s: &str) -> Result<TenantCode> {
        let s = s.trim();
        if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(TenantCode(s.to_string()))
        } else {
            Err(Error::field(
                "code",
                "行政区划代码应为6位数字",
                "a division code is six digits",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TenantCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Level of a tenant in the hierarchy (省 / 市 / 县).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Level {
    Province,
    City,
    County,
}

impl Level {
    pub fn parse(s: &str) -> Result<Level> {
        match s {
            "province" => Ok(Level::Province),
            "city" => Ok(Level::City),
            "county" => Ok(Level::County),
            _ => Err(Error::field(
                "level",
                "级别应为 province/city/county",
                "level is province, city or county",
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
        }
    }
}

/// One tenant as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Tenant {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent_code: Option<String>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub successor_code: Option<String>,
    pub retired: bool,
}

/// An in-memory snapshot of the tenant tree.
#[derive(Debug, Default)]
pub struct Directory {
    tenants: HashMap<String, Tenant>,
    children: HashMap<String, Vec<String>>,
}

impl Directory {
    fn build(list: Vec<Tenant>) -> Directory {
        let mut d = Directory::default();
        for t in list {
            if let Some(p) = &t.parent_code {
                d.children
                    .entry(p.clone())
                    .or_default()
                    .push(t.code.clone());
            }
            d.tenants.insert(t.code.clone(), t);
        }
        d
    }

    pub fn get(&self, code: &str) -> Option<&Tenant> {
        self.tenants.get(code)
    }

    /// All tenants, ordered by code.
    pub fn all(&self) -> Vec<&Tenant> {
        let mut v: Vec<&Tenant> = self.tenants.values().collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    }

    /// What a principal of `code` may see: the province everything; a city itself
    /// and its counties; a county itself; each also every retired tenant whose
    /// successor chain ends in that set.
    pub fn visibility(&self, code: &str) -> Scope {
        match self.get(code) {
            None => Scope::Nothing,
            Some(t) if t.level == Level::Province && t.parent_code.is_none() => Scope::All,
            Some(_) => Scope::Tenants(Arc::new(self.closure(code))),
        }
    }

    fn closure(&self, code: &str) -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        self.add_subtree(code, &mut set);
        loop {
            let inherited: Vec<String> = self
                .tenants
                .values()
                .filter(|t| t.retired && !set.contains(&t.code))
                .filter(|t| t.successor_code.as_ref().is_some_and(|s| set.contains(s)))
                .map(|t| t.code.clone())
                .collect();
            if inherited.is_empty() {
                return set;
            }
            for c in inherited {
                self.add_subtree(&c, &mut set);
            }
        }
    }

    fn add_subtree(&self, code: &str, set: &mut BTreeSet<String>) {
        if !set.insert(code.to_string()) {
            return;
        }
        for c in self.children.get(code).into_iter().flatten() {
            self.add_subtree(c, set);
        }
    }
}

/// Cached access to the tenant directory.
pub struct Tenancy {
    cache: RwLock<Option<(Instant, Arc<Directory>)>>,
    ttl: Duration,
}

impl Default for Tenancy {
    fn default() -> Self {
        Tenancy {
            cache: RwLock::new(None),
            ttl: Duration::from_secs(5),
        }
    }
}

const TENANT_COLS: &str =
    "code, name, level, parent_code, valid_from, valid_to, successor_code, status";

fn tenant_from(row: &sqlx::any::AnyRow) -> Result<Tenant> {
    Ok(Tenant {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        level: Level::parse(&row.try_get::<String, _>("level")?)?,
        parent_code: row.try_get("parent_code")?,
        valid_from: row.try_get("valid_from")?,
        valid_to: row.try_get("valid_to")?,
        successor_code: row.try_get("successor_code")?,
        retired: row.try_get::<String, _>("status")? == "retired",
    })
}

impl Tenancy {
    /// The directory, reloaded when older than a few seconds (other instances
    /// may have changed it) or after a local change.
    pub async fn directory(&self, db: &Db) -> Result<Arc<Directory>> {
        if let Ok(guard) = self.cache.read() {
            if let Some((at, d)) = guard.as_ref() {
                if at.elapsed() < self.ttl {
                    return Ok(d.clone());
                }
            }
        }
        let mut tx = db.read(Scope::Nothing, None).await?;
        let sql = format!("SELECT {TENANT_COLS} FROM tenants");
        let rows = tx.all(sqlx::query(&sql)).await?;
        tx.commit().await?;
        let list = rows.iter().map(tenant_from).collect::<Result<Vec<_>>>()?;
        let d = Arc::new(Directory::build(list));
        if let Ok(mut guard) = self.cache.write() {
            *guard = Some((Instant::now(), d.clone()));
        }
        Ok(d)
    }

    /// Forgets the cached directory.
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.cache.write() {
            *g = None;
        }
    }
}

/// Input of `create_tenant`.
pub struct NewTenant {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub valid_from: Option<String>,
}

async fn load(tx: &mut Tx, code: &str) -> Result<Tenant> {
    let sql = format!("SELECT {TENANT_COLS} FROM tenants WHERE code = $1");
    let row = tx.opt(sqlx::query(&sql).bind(code.to_string())).await?;
    match row {
        Some(r) => tenant_from(&r),
        None => Err(Error::NotFound(format!("tenant {code}"))),
    }
}

async fn history(
    tx: &mut Tx,
    code: &str,
    action: &str,
    detail: serde_json::Value,
    actor: &str,
) -> Result<()> {
    tx.exec(
        sqlx::query("INSERT INTO tenant_history (id, code, at, action, detail, actor) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(new_id())
            .bind(code.to_string())
            .bind(now_ms())
            .bind(action.to_string())
            .bind(detail.to_string())
            .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}

fn name_ok(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 64 {
        return Err(Error::field(
            "name",
            "名称不能为空且不超过64字",
            "name must be 1-64 characters",
        ));
    }
    Ok(n.to_string())
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// Creates a tenant (province only).
pub async fn create_tenant(tx: &mut Tx, ctx: &AuditCtx, input: NewTenant) -> Result<Tenant> {
    let code = TenantCode::parse(&input.code)?;
    let name = name_ok(&input.name)?;
    let level = Level::parse(&input.level)?;
    let parent = match (&input.parent_code, level) {
        (None, _) => {
            return Err(Error::field(
                "parentCode",
                "须指定上级",
                "a parent is required",
            ))
        }
        (Some(p), _) => load(tx, p).await.map_err(|_| {
            Error::field(
                "parentCode",
                "上级不存在",
                "the parent tenant does not exist",
            )
        })?,
    };
    let expected = match level {
        Level::City => Level::Province,
        Level::County => Level::City,
        Level::Province => {
            return Err(Error::field(
                "level",
                "只能有一个省级租户",
                "there is only one province",
            ))
        }
    };
    if parent.level != expected || parent.retired {
        return Err(Error::field(
            "parentCode",
            "上级级别不符或已撤销",
            "the parent has the wrong level or is retired",
        ));
    }
    if load(tx, code.as_str()).await.is_ok() {
        return Err(Error::conflict(
            format!("行政区划代码 {code} 已存在"),
            format!("tenant {code} exists"),
        ));
    }
    let now = now_ms();
    let valid_from = input.valid_from.unwrap_or_else(today);
    // Scopes follow the tree: cached sessions must see the change.
    tx.auth_changed();
    tx.exec(
        sqlx::query(
            "INSERT INTO tenants (code, name, level, parent_code, valid_from, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'active', $6, $6)",
        )
        .bind(code.as_str().to_string())
        .bind(name.clone())
        .bind(level.as_str())
        .bind(parent.code.clone())
        .bind(valid_from)
        .bind(now),
    )
    .await?;
    history(
        tx,
        code.as_str(),
        "create",
        serde_json::json!({"name": name}),
        &ctx.actor,
    )
    .await?;
    audit::record(
        tx,
        ctx,
        code.as_str(),
        "tenant.create",
        "tenant",
        code.as_str(),
        vec![Change::new("name", None, Some(name.as_str().into()))],
    )
    .await?;
    load(tx, code.as_str()).await
}

/// Renames a tenant; the old name stays in its history.
pub async fn rename_tenant(tx: &mut Tx, ctx: &AuditCtx, code: &str, name: &str) -> Result<Tenant> {
    let t = load(tx, code).await?;
    let name = name_ok(name)?;
    // Scopes follow the tree: cached sessions must see the change.
    tx.auth_changed();
    tx.exec(
        sqlx::query("UPDATE tenants SET name = $1, updated_at = $2 WHERE code = $3")
            .bind(name.clone())
            .bind(now_ms())
            .bind(t.code.clone()),
    )
    .await?;
    history(
        tx,
        code,
        "rename",
        serde_json::json!({"from": t.name, "to": name}),
        &ctx.actor,
    )
    .await?;
    audit::record(
        tx,
        ctx,
        code,
        "tenant.rename",
        "tenant",
        code,
        vec![Change::new(
            "name",
            Some(t.name.as_str().into()),
            Some(name.as_str().into()),
        )],
    )
    .await?;
    load(tx, code).await
}

/// Retires a tenant, naming its successor, which inherits visibility of its records.
pub async fn retire_tenant(
    tx: &mut Tx,
    ctx: &AuditCtx,
    code: &str,
    successor: &str,
) -> Result<Tenant> {
    let t = load(tx, code).await?;
    if t.retired {
        return Err(Error::conflict(
            format!("{} 已撤销", t.name),
            format!("tenant {code} is already retired"),
        ));
    }
    if t.parent_code.is_none() {
        return Err(Error::field(
            "code",
            "不能撤销省级租户",
            "the province cannot be retired",
        ));
    }
    if successor == code {
        return Err(Error::field(
            "successorCode",
            "继承者不能是自身",
            "a tenant cannot succeed itself",
        ));
    }
    let s = load(tx, successor).await.map_err(|_| {
        Error::field(
            "successorCode",
            "继承者不存在",
            "the successor does not exist",
        )
    })?;
    if s.retired || s.level != t.level {
        return Err(Error::field(
            "successorCode",
            "继承者须为同级且未撤销",
            "the successor must be active and of the same level",
        ));
    }
    let active_children = tx
        .scalar(
            sqlx::query(
                "SELECT COUNT(*) FROM tenants WHERE parent_code = $1 AND status = 'active'",
            )
            .bind(code.to_string()),
        )
        .await?;
    if active_children > 0 {
        return Err(Error::conflict(
            "请先撤销或迁移下级单位",
            "retire or move its active children first",
        ));
    }
    let day = today();
    // Scopes follow the tree: cached sessions must see the change.
    tx.auth_changed();
    tx.exec(sqlx::query(
        "UPDATE tenants SET status = 'retired', valid_to = $1, successor_code = $2, updated_at = $3 WHERE code = $4")
        .bind(day.clone()).bind(successor.to_string()).bind(now_ms()).bind(code.to_string())).await?;
    history(
        tx,
        code,
        "retire",
        serde_json::json!({"successor": successor, "validTo": day}),
        &ctx.actor,
    )
    .await?;
    audit::record(
        tx,
        ctx,
        code,
        "tenant.retire",
        "tenant",
        code,
        vec![
            Change::new("status", Some("active".into()), Some("retired".into())),
            Change::new("successorCode", None, Some(successor.into())),
        ],
    )
    .await?;
    load(tx, code).await
}

/// Merges `sources` into `into`: each source is retired with `into` as successor.
pub async fn merge_tenants(
    tx: &mut Tx,
    ctx: &AuditCtx,
    sources: &[String],
    into: &str,
) -> Result<Vec<Tenant>> {
    if sources.is_empty() {
        return Err(Error::field(
            "sources",
            "至少指定一个被合并单位",
            "name at least one tenant to merge",
        ));
    }
    let mut out = Vec::new();
    for s in sources {
        out.push(retire_tenant(tx, ctx, s, into).await?);
    }
    Ok(out)
}

/// One entry of a tenant's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub action: String,
    pub detail: String,
    pub actor: String,
}

/// History of a tenant, oldest first.
pub async fn tenant_history(tx: &mut Tx, code: &str) -> Result<Vec<HistoryEntry>> {
    let rows = tx
        .all(sqlx::query("SELECT at, action, detail, actor FROM tenant_history WHERE code = $1 ORDER BY at, id")
            .bind(code.to_string()))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(HistoryEntry {
                at: r.try_get("at")?,
                action: r.try_get("action")?,
                detail: r.try_get("detail")?,
                actor: r.try_get("actor")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(code: &str, level: Level, parent: Option<&str>, succ: Option<&str>) -> Tenant {
        Tenant {
            code: code.into(),
            name: code.into(),
            level,
            parent_code: parent.map(Into::into),
            valid_from: "2000-01-01".into(),
            valid_to: None,
            successor_code: succ.map(Into::into),
            retired: succ.is_some(),
        }
    }

    fn dir() -> Directory {
        Directory::build(vec![
            t("330000", Level::Province, None, None),
            t("330100", Level::City, Some("330000"), None),
            t("330105", Level::County, Some("330100"), None),
            t("330103", Level::County, Some("330100"), Some("330105")),
            t("330106", Level::County, Some("330100"), None),
            t("330200", Level::City, Some("330000"), None),
            t("330203", Level::County, Some("330200"), None),
        ])
    }

    #[test]
    fn visibility_is_hierarchical_and_inherits_from_retired() {
        let d = dir();
        assert_eq!(d.visibility("330000"), Scope::All);
        let city = d.visibility("330100");
        assert!(city.contains("330106") && city.contains("330103") && !city.contains("330203"));
        let county = d.visibility("330106");
        assert!(county.contains("330106") && !county.contains("330105"));
        let successor = d.visibility("330105");
        assert!(
            successor.contains("330103"),
            "successor sees the retired tenant's records"
        );
        assert_eq!(d.visibility("999999"), Scope::Nothing);
    }

    #[test]
    fn codes_parse() {
        assert!(TenantCode::parse("330106").is_ok());
        assert!(TenantCode::parse("33010").is_err());
        assert!(TenantCode::parse("33010x").is_err());
    }
}
