//! `anjian backup` and `anjian restore`: the database (SQLite through
//! `VACUUM INTO`, a consistent copy while the server writes; PostgreSQL
//! through `pg_dump`/`pg_restore` as the owner role), the uploaded files
//! of the local object store, and a manifest with each file's SHA-256. A
//! restore checks every hash before it writes anything, and writes only
//! into empty storage.

use anjian_platform::config::Config;
use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// What a backup holds.
#[derive(Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// Where uploaded files were: `local` (included) or `s3` (back up the
    /// bucket with the store's own tools).
    pub object_store: String,
    pub files: Vec<Entry>,
}

/// One file of a backup.
#[derive(Serialize, Deserialize, Clone)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The session setting under which the row-level security policies let a
/// connection see and write every tenant's rows.
const ALL_TENANTS: &str = "-c anjian.tenants=*";

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Writes a backup of `cfg`'s storage into `out` (which must be empty or new).
pub async fn backup(cfg: &Config, owner_url: &str, out: &Path) -> anyhow::Result<Manifest> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!("{} is not empty", out.display());
    }
    std::fs::create_dir_all(out)?;
    let url = cfg.effective_database_url();
    let backend = if is_postgres(&url) {
        let file = out.join("database.dump");
        // The owner is subject to row-level security too (FORCE): the dump
        // reads every tenant's rows through the policies' "all" scope.
        run(Command::new("pg_dump")
            .env("PGOPTIONS", ALL_TENANTS)
            .arg("--enable-row-security")
            .arg("--format=custom")
            .arg("--file")
            .arg(&file)
            .arg(owner_url))
        .context("pg_dump")?;
        "postgres"
    } else {
        use sqlx::Connection;
        let file = out.join("anjian.db");
        let mut c = sqlx::SqliteConnection::connect(&url).await?;
        let target = file.display().to_string().replace('\'', "''");
        sqlx::query(&format!("VACUUM INTO '{target}'"))
            .execute(&mut c)
            .await
            .context("VACUUM INTO")?;
        c.close().await?;
        "sqlite"
    };
    if cfg.object_store == "local" {
        let objects = cfg.data_dir.join("objects");
        if objects.is_dir() {
            copy_tree(&objects, &out.join("objects"))?;
        }
    }
    let manifest = Manifest {
        format: 1,
        created_at: chrono::Utc::now().to_rfc3339(),
        backend: backend.into(),
        object_store: cfg.object_store.clone(),
        files: entries(out)?,
    };
    std::fs::write(out.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

/// Restores the backup in `dir` into `cfg`'s storage, which must be empty.
pub async fn restore(cfg: &Config, owner_url: &str, dir: &Path) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join(MANIFEST)).context("the backup has no manifest")?,
    )
    .context("the manifest is not valid")?;
    check(dir, &manifest)?;
    let url = cfg.effective_database_url();
    match (manifest.backend.as_str(), is_postgres(&url)) {
        ("postgres", true) => {
            run(Command::new("pg_restore")
                .env("PGOPTIONS", ALL_TENANTS)
                .arg("--exit-on-error")
                .arg("--single-transaction")
                .arg("--dbname")
                .arg(owner_url)
                .arg(dir.join("database.dump")))
            .context("pg_restore (the target database must be empty, with the roles of scripts/pg-roles.sql)")?;
        }
        ("sqlite", false) => {
            let target = cfg.data_dir.join("anjian.db");
            if target.exists() {
                bail!(
                    "{} exists: restore into an empty data directory",
                    target.display()
                );
            }
            std::fs::create_dir_all(&cfg.data_dir)?;
            std::fs::copy(dir.join("anjian.db"), &target)?;
        }
        (b, _) => bail!(
            "a {b} backup cannot be restored into {}",
            anjian_platform::config::mask_url(&url)
        ),
    }
    let objects = dir.join("objects");
    if objects.is_dir() && cfg.object_store == "local" {
        copy_tree(&objects, &cfg.data_dir.join("objects"))?;
    }
    Ok(manifest)
}

/// Refuses a backup with a missing, extra-sized or changed file.
fn check(dir: &Path, m: &Manifest) -> anyhow::Result<()> {
    if m.format != 1 {
        bail!("backup format {} is not known", m.format);
    }
    let found = entries(dir)?;
    for e in &m.files {
        if e.path.contains("..") || Path::new(&e.path).is_absolute() {
            bail!("the manifest names a path outside the backup: {}", e.path);
        }
        match found.iter().find(|f| f.path == e.path) {
            Some(f) if f.sha256 == e.sha256 && f.size == e.size => {}
            Some(_) => bail!("{}: its SHA-256 does not match the manifest", e.path),
            None => bail!("{}: missing from the backup", e.path),
        }
    }
    if let Some(extra) = found
        .iter()
        .find(|f| !m.files.iter().any(|e| e.path == f.path))
    {
        bail!("{}: not in the manifest", extra.path);
    }
    Ok(())
}

/// Every file under `root` but the manifest, with its size and hash.
fn entries(root: &Path) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(root)?.to_string_lossy().replace('\\', "/");
            if rel == MANIFEST {
                continue;
            }
            out.push(Entry {
                size: std::fs::metadata(&p)?.len(),
                sha256: file_sha256(&p)?,
                path: rel,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn file_sha256(p: &Path) -> anyhow::Result<String> {
    let mut f = std::fs::File::open(p)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let p = e?.path();
        let dest: PathBuf = to.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            copy_tree(&p, &dest)?;
        } else {
            std::fs::copy(&p, &dest)?;
        }
    }
    Ok(())
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let out = cmd.output()?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}
