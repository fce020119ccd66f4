//! The audit trail exported for the audit administrator (审计记录导出): CSV,
//! each record with its hash and the previous one's, so the chain can be
//! checked outside the system; the export itself is audited.

use crate::audit::{self, AuditCtx, AuditFilter, AuditRecord};
use crate::db::Tx;
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};

/// The most records one export holds; narrow the filter for more.
pub const MAX_ROWS: i64 = 50_000;

/// An export: the CSV text, its record count and the text's SHA-256.
pub struct Export {
    pub csv: String,
    pub rows: i64,
    pub sha256: String,
}

/// Exports the records `f` selects in the transaction's scope (newest
/// first), and audits the export in `tenant`.
pub async fn export(tx: &mut Tx, ctx: &AuditCtx, tenant: &str, f: &AuditFilter) -> Result<Export> {
    let (list, total) = audit::query(tx, f, MAX_ROWS, 0).await?;
    if total > MAX_ROWS {
        return Err(Error::field(
            "filter",
            &format!("匹配 {total} 条，超过单次导出上限 {MAX_ROWS} 条，请缩小时间范围"),
            &format!("{total} records match, more than the {MAX_ROWS} one export holds: narrow the dates"),
        ));
    }
    let csv = to_csv(&list)?;
    let sha256 = hex::encode(Sha256::digest(csv.as_bytes()));
    audit::record(
        tx,
        ctx,
        tenant,
        "audit.export",
        "audit_log",
        &sha256,
        vec![audit::Change::new("rows", None, Some(total.into()))],
    )
    .await?;
    Ok(Export {
        csv,
        rows: total,
        sha256,
    })
}

fn to_csv(list: &[AuditRecord]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = [
        "tenant",
        "seq",
        "id",
        "at",
        "actor",
        "actor_tenant",
        "operation",
        "target_type",
        "target_id",
        "changes",
        "request_id",
        "client_addr",
        "hash_algorithm",
        "prev_hash",
        "hash",
    ];
    w.write_record(head).map_err(Error::internal)?;
    for r in list {
        w.write_record([
            r.tenant_id.as_str(),
            &r.seq.to_string(),
            &r.id,
            &r.at.to_string(),
            &r.actor,
            r.actor_tenant.as_deref().unwrap_or(""),
            &r.operation,
            &r.target_type,
            &r.target_id,
            &r.changes,
            &r.request_id,
            &r.client_addr,
            &r.alg,
            &r.prev_hash,
            &r.hash,
        ])
        .map_err(Error::internal)?;
    }
    let bytes = w.into_inner().map_err(Error::internal)?;
    String::from_utf8(bytes).map_err(Error::internal)
}
