//! DataLoaders, so nested lists cost one statement per level, not per row.

use crate::context::Req;
use anjian_platform::users;
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;

/// Roles of users, batched.
pub struct RolesLoader(pub Req);

impl Loader<String> for RolesLoader {
    type Value = Vec<String>;
    type Error = Arc<anjian_platform::Error>;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, Vec<String>>, Self::Error> {
        let mut tx = self.0.read().await.map_err(Arc::new)?;
        let map = users::roles_of(&mut tx, keys).await.map_err(Arc::new)?;
        tx.end_read();
        Ok(map)
    }
}
