//! Photos and documents of a hazard (隐患照片、附件): checked (size, type,
//! and that a photo really is the image it claims to be), stored by content
//! hash through the platform's object store, and served only to users who
//! may see the hazard.

use crate::error::{HazardError, Result};
use crate::store::Hazard;
use anjian_platform::db::Tx;
use anjian_platform::objects::Objects;
use anjian_platform::time::{new_id, now_ms};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Largest attachment accepted.
pub const MAX_BYTES: usize = 10 << 20;

/// Content types accepted, with the type their bytes must show.
const TYPES: &[(&str, &str)] = &[
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/webp", "webp"),
    ("application/pdf", "pdf"),
];

/// An attachment's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub id: String,
    pub hazard_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub created_at: i64,
    storage_key: String,
}

/// Checks `bytes` against the claimed `content_type`: the type must be one
/// accepted, and the bytes' signature must match it.
pub fn check(name: &str, content_type: &str, bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(HazardError::field("file", "文件为空", "the file is empty"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(HazardError::field(
            "file",
            &format!("文件超过 {} MiB", MAX_BYTES >> 20),
            &format!("the file is larger than {} MiB", MAX_BYTES >> 20),
        ));
    }
    let Some((_, ext)) = TYPES.iter().find(|(t, _)| *t == content_type) else {
        return Err(HazardError::field(
            "contentType",
            &format!("不支持的文件类型 {content_type}（可上传 JPEG、PNG、WebP 照片或 PDF）"),
            &format!("unsupported type {content_type:?} (JPEG, PNG, WebP photos or PDF)"),
        ));
    };
    let actual = infer::get(bytes).map(|k| k.mime_type());
    if actual != Some(content_type) {
        return Err(HazardError::field(
            "file",
            &format!(
                "文件 {name} 的内容不是声明的 {content_type}（实际为 {}）",
                actual.unwrap_or("未知类型")
            ),
            &format!(
                "{name} is not {content_type} (its bytes are {})",
                actual.unwrap_or("of an unknown type")
            ),
        ));
    }
    Ok(ext)
}

/// Checks and stores the bytes of an attachment of `h` uploaded by `by`,
/// outside any transaction (a slow store holds no database lock); then
/// [`record`] it. A failed record leaves an unreferenced object, never a
/// record without its bytes.
pub async fn store(
    objects: &dyn Objects,
    h: &Hazard,
    by: &str,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> Result<Attachment> {
    let name = crate::model::required("name", "文件名", name)?;
    let ext = check(&name, content_type, &bytes)?;
    let sha = hex::encode(Sha256::digest(&bytes));
    let key = format!("{}/hazard/{}.{ext}", h.tenant_id, sha);
    let a = Attachment {
        id: new_id(),
        hazard_id: h.id.clone(),
        name,
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        sha256: sha,
        uploaded_by: by.to_string(),
        created_at: now_ms(),
        storage_key: key.clone(),
    };
    objects.put(&key, bytes).await?;
    Ok(a)
}

/// Records a stored attachment of `h`.
pub async fn record(tx: &mut Tx, h: &Hazard, a: &Attachment) -> Result<()> {
    tx.ensure_writable(&h.tenant_id)?;
    tx.exec(
        sqlx::query(
            "INSERT INTO hazard_attachments (tenant_id, id, hazard_id, enterprise_id, name, content_type, size, \
             sha256, storage_key, uploaded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
        )
        .bind(h.tenant_id.clone())
        .bind(a.id.clone())
        .bind(h.id.clone())
        .bind(h.enterprise_id.clone())
        .bind(a.name.clone())
        .bind(a.content_type.clone())
        .bind(a.size)
        .bind(a.sha256.clone())
        .bind(a.storage_key.clone())
        .bind(a.uploaded_by.clone())
        .bind(a.created_at),
    )
    .await?;
    Ok(())
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get("id")?,
        hazard_id: r.try_get("hazard_id")?,
        name: r.try_get("name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_by: r.try_get("uploaded_by")?,
        created_at: r.try_get("created_at")?,
        storage_key: r.try_get("storage_key")?,
    })
}

const COLS: &str =
    "id, hazard_id, name, content_type, size, sha256, storage_key, uploaded_by, created_at";

/// The attachments of a hazard, oldest first.
pub async fn of_hazard(tx: &mut Tx, h: &Hazard) -> Result<Vec<Attachment>> {
    let sql = tx.sql(&format!(
        "SELECT {COLS} FROM hazard_attachments WHERE {{tenant}} AND tenant_id = $1 AND hazard_id = $2 ORDER BY created_at, id"
    ))?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(h.tenant_id.clone())
                .bind(h.id.clone()),
        )
        .await?;
    rows.iter().map(from_row).collect()
}

/// Refuses attachment ids that aren't `h`'s.
pub async fn check_linked(tx: &mut Tx, h: &Hazard, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mine = of_hazard(tx, h).await?;
    for id in ids {
        if !mine.iter().any(|a| a.id == *id) {
            return Err(HazardError::field(
                "attachments",
                &format!("附件 {id} 不属于该隐患"),
                &format!("attachment {id} is not this hazard's"),
            ));
        }
    }
    Ok(())
}

/// The bytes of attachment `id` of `h`.
pub async fn content(
    tx: &mut Tx,
    objects: &dyn Objects,
    h: &Hazard,
    id: &str,
) -> Result<(Attachment, Vec<u8>)> {
    let a = of_hazard(tx, h)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(HazardError::NotFound("attachment"))?;
    let bytes = objects.get(&a.storage_key).await?;
    Ok((a, bytes))
}
