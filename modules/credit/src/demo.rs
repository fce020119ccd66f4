//! Demo data of `serve --demo`: a few years of published penalties and
//! listings over the demo counties' generated enterprises, and every
//! enterprise graded. Made once.

use crate::error::Result;
use crate::generate::{self, Generated};
use anjian_platform::db::Scope;
use anjian_platform::Platform;

/// The demo counties.
pub const DEMO_COUNTIES: &[&str] = &["330106", "330203"];

/// Seeds what isn't there yet; returns what it made.
pub async fn seed(p: &Platform) -> Result<Generated> {
    let mut tx = p.db.read(Scope::All, None).await?;
    let n = tx
        .scalar(sqlx::query(
            &tx.sql("SELECT COUNT(*) FROM cr_grades WHERE {tenant}")?,
        ))
        .await?;
    tx.commit().await?;
    if n > 0 {
        return Ok(Generated::default());
    }
    let counties: Vec<String> = DEMO_COUNTIES.iter().map(|s| s.to_string()).collect();
    let made = generate::generate(&p.db, &counties, 300, 30, 2027).await?;
    for c in &counties {
        let mut tx = p.db.write(Scope::of([c.clone()]), None).await?;
        crate::grade::recompute_county(&mut tx, c).await?;
        tx.commit().await?;
    }
    Ok(made)
}
