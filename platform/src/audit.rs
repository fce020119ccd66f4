//! The audit trail: one append-only record per mutation, written in the same
//! transaction as the change, hash-chained per tenant (SHA-256 or SM3) so an
//! edited or deleted row is detectable by [`verify`].

use crate::db::{Backend, Db, Scope, Tx};
use crate::error::{Error, Result};
use crate::time::{new_id, now_ms};
use serde::Serialize;
use serde_json::Value;
use sha2::Digest;
use sqlx::Row;

/// The chain's hash function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    Sha256,
    /// SM3 (GB/T 32905), for provinces that require 国密.
    Sm3,
}

impl HashAlg {
    pub fn parse(s: &str) -> Result<HashAlg> {
        match s {
            "sha256" => Ok(HashAlg::Sha256),
            "sm3" => Ok(HashAlg::Sm3),
            other => Err(Error::Internal(format!("unknown audit hash {other}"))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "sha256",
            HashAlg::Sm3 => "sm3",
        }
    }

    fn digest(self, data: &[u8]) -> String {
        match self {
            HashAlg::Sha256 => hex::encode(sha2::Sha256::digest(data)),
            HashAlg::Sm3 => hex::encode(sm3::Sm3::digest(data)),
        }
    }
}

/// The first `prev_hash` of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who acts, from where, in which request.
#[derive(Debug, Clone)]
pub struct AuditCtx {
    /// Username, or `system` for platform internals.
    pub actor: String,
    pub actor_tenant: Option<String>,
    pub request_id: String,
    pub client_addr: String,
    pub alg: HashAlg,
}

impl AuditCtx {
    /// The context of platform internals (CLI, jobs).
    pub fn system(alg: HashAlg) -> AuditCtx {
        AuditCtx {
            actor: "system".into(),
            actor_tenant: None,
            request_id: new_id(),
            client_addr: "local".into(),
            alg,
        }
    }
}

/// One changed field, before and after.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    pub fn new(field: &str, before: Option<Value>, after: Option<Value>) -> Change {
        Change {
            field: field.into(),
            before,
            after,
        }
    }
}

/// One audit row.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub tenant_id: String,
    pub seq: i64,
    pub id: String,
    pub at: i64,
    pub actor: String,
    pub actor_tenant: Option<String>,
    pub operation: String,
    pub target_type: String,
    pub target_id: String,
    pub changes: String,
    pub request_id: String,
    pub client_addr: String,
    pub alg: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRecord {
    fn canonical(&self) -> String {
        serde_json::json!([
            self.tenant_id,
            self.seq,
            self.id,
            self.at,
            self.actor,
            self.actor_tenant,
            self.operation,
            self.target_type,
            self.target_id,
            self.changes,
            self.request_id,
            self.client_addr,
            self.alg,
            self.prev_hash
        ])
        .to_string()
    }

    fn compute_hash(&self, alg: HashAlg) -> String {
        alg.digest(self.canonical().as_bytes())
    }
}

const COLS: &str =
    "tenant_id, seq, id, at, actor, actor_tenant, operation, target_type, target_id, \
                    changes, request_id, client_addr, alg, prev_hash, hash";

fn from_row(r: &sqlx::any::AnyRow) -> Result<AuditRecord> {
    Ok(AuditRecord {
        tenant_id: r.try_get("tenant_id")?,
        seq: r.try_get("seq")?,
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        actor_tenant: r.try_get("actor_tenant")?,
        operation: r.try_get("operation")?,
        target_type: r.try_get("target_type")?,
        target_id: r.try_get("target_id")?,
        changes: r.try_get("changes")?,
        request_id: r.try_get("request_id")?,
        client_addr: r.try_get("client_addr")?,
        alg: r.try_get("alg")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// Appends an audit record for `tenant` in the caller's transaction.
pub async fn record(
    tx: &mut Tx,
    ctx: &AuditCtx,
    tenant: &str,
    operation: &str,
    target_type: &str,
    target_id: &str,
    changes: Vec<Change>,
) -> Result<()> {
    tx.ensure_writable(tenant)?;
    tx.exec(
        sqlx::query("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING")
            .bind(tenant.to_string())
            .bind(GENESIS),
    )
    .await?;
    let lock = if tx.backend() == Backend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = tx.sql(&format!(
        "SELECT seq, hash FROM audit_heads WHERE {{tenant}} AND tenant_id = $1{lock}"
    ))?;
    let head = tx.one(sqlx::query(&sql).bind(tenant.to_string())).await?;
    let (seq, prev): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
    let mut rec = AuditRecord {
        tenant_id: tenant.into(),
        seq: seq + 1,
        id: new_id(),
        at: now_ms(),
        actor: ctx.actor.clone(),
        actor_tenant: ctx.actor_tenant.clone(),
        operation: operation.into(),
        target_type: target_type.into(),
        target_id: target_id.into(),
        changes: serde_json::to_string(&changes)?,
        request_id: ctx.request_id.clone(),
        client_addr: ctx.client_addr.clone(),
        alg: ctx.alg.name().into(),
        prev_hash: prev,
        hash: String::new(),
    };
    rec.hash = rec.compute_hash(ctx.alg);
    tx.exec(
        sqlx::query(&format!("INSERT INTO audit_log ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)"))
            .bind(rec.tenant_id.clone()).bind(rec.seq).bind(rec.id.clone()).bind(rec.at)
            .bind(rec.actor.clone()).bind(rec.actor_tenant.clone()).bind(rec.operation.clone())
            .bind(rec.target_type.clone()).bind(rec.target_id.clone()).bind(rec.changes.clone())
            .bind(rec.request_id.clone()).bind(rec.client_addr.clone()).bind(rec.alg.clone())
            .bind(rec.prev_hash.clone()).bind(rec.hash.clone()),
    )
    .await?;
    let sql =
        tx.sql("UPDATE audit_heads SET seq = $1, hash = $2 WHERE {tenant} AND tenant_id = $3")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(rec.seq)
            .bind(rec.hash.clone())
            .bind(tenant.to_string()),
    )
    .await?;
    Ok(())
}

/// Filters of an audit query.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub tenant: Option<String>,
    pub actor: Option<String>,
    pub operation: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// A page of audit records (newest first) and the total count.
pub async fn query(
    tx: &mut Tx,
    f: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditRecord>, i64)> {
    let mut conds = vec!["{tenant}".to_string()];
    let mut binds: Vec<Value> = Vec::new();
    let mut add = |col: &str, op: &str, v: Value| {
        binds.push(v);
        conds.push(format!("{col} {op} ${}", binds.len()));
    };
    if let Some(v) = &f.tenant {
        add("tenant_id", "=", v.as_str().into());
    }
    if let Some(v) = &f.actor {
        add("actor", "=", v.as_str().into());
    }
    if let Some(v) = &f.operation {
        add("operation", "=", v.as_str().into());
    }
    if let Some(v) = &f.target_type {
        add("target_type", "=", v.as_str().into());
    }
    if let Some(v) = &f.target_id {
        add("target_id", "=", v.as_str().into());
    }
    if let Some(v) = f.from {
        add("at", ">=", v.into());
    }
    if let Some(v) = f.to {
        add("at", "<", v.into());
    }
    let wh = conds.join(" AND ");
    let count_sql = tx.sql(&format!("SELECT COUNT(*) FROM audit_log WHERE {wh}"))?;
    let page_sql = tx.sql(&format!(
        "SELECT {COLS} FROM audit_log WHERE {wh} ORDER BY at DESC, tenant_id, seq DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let total = tx.scalar(bind_all(sqlx::query(&count_sql), &binds)).await?;
    let rows = tx.all(bind_all(sqlx::query(&page_sql), &binds)).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

/// Binds JSON strings and integers in order.
pub fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &[Value],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Value::Number(n) => q.bind(n.as_i64().unwrap_or_default()),
            Value::String(s) => q.bind(s.clone()),
            Value::Null => q.bind(Option::<String>::None),
            other => q.bind(other.to_string()),
        };
    }
    q
}

/// Where a chain breaks.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Break {
    pub tenant_id: String,
    pub seq: i64,
    pub reason: String,
}

/// Result of [`verify`].
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub tenants: usize,
    pub records: usize,
    pub first_break: Option<Break>,
}

/// Walks every chain (or one tenant's) and reports the first broken link.
pub async fn verify(db: &Db, tenant: Option<&str>) -> Result<VerifyReport> {
    let mut tx = db.read(Scope::All, None).await?;
    let heads_sql =
        tx.sql("SELECT tenant_id, seq, hash FROM audit_heads WHERE {tenant} ORDER BY tenant_id")?;
    let heads = tx.all(sqlx::query(&heads_sql)).await?;
    let mut report = VerifyReport {
        tenants: 0,
        records: 0,
        first_break: None,
    };
    for h in heads {
        let t: String = h.try_get("tenant_id")?;
        if tenant.is_some_and(|x| x != t) {
            continue;
        }
        report.tenants += 1;
        let sql = tx.sql(&format!(
            "SELECT {COLS} FROM audit_log WHERE {{tenant}} AND tenant_id = $1 ORDER BY seq"
        ))?;
        let rows = tx.all(sqlx::query(&sql).bind(t.clone())).await?;
        let mut prev = GENESIS.to_string();
        let mut expect = 1i64;
        let brk = |seq: i64, reason: &str| Break {
            tenant_id: t.clone(),
            seq,
            reason: reason.into(),
        };
        let mut found = None;
        for r in &rows {
            let rec = from_row(r)?;
            report.records += 1;
            let alg = HashAlg::parse(&rec.alg).unwrap_or(HashAlg::Sha256);
            if rec.seq != expect {
                found = Some(brk(expect, "record missing (gap in sequence)"));
            } else if rec.prev_hash != prev {
                found = Some(brk(rec.seq, "prev_hash does not match the previous record"));
            } else if rec.compute_hash(alg) != rec.hash {
                found = Some(brk(rec.seq, "record content does not match its hash"));
            }
            if found.is_some() {
                break;
            }
            prev = rec.hash.clone();
            expect += 1;
        }
        if found.is_none() {
            let head_seq: i64 = h.try_get("seq")?;
            let head_hash: String = h.try_get("hash")?;
            if head_seq != expect - 1 || head_hash != prev {
                found = Some(brk(
                    expect,
                    "records after this point were deleted (head mismatch)",
                ));
            }
        }
        if let Some(b) = found {
            report.first_break = Some(b);
            break;
        }
    }
    tx.commit().await?;
    Ok(report)
}
