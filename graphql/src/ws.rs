//! Rules of the WebSocket transport: it carries subscriptions only (queries and
//! mutations go over HTTP, where every request is authenticated afresh), and a
//! subscription ends when its session does (logout, expiry, disabling).

use anjian_platform::{auth, Platform};
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{ServerError, ServerResult, Variables};
use std::sync::Arc;
use std::time::Duration;

/// Connection data of a WebSocket: the bearer token it authenticated with.
#[derive(Clone)]
pub struct WsSession {
    pub token: String,
}

/// Refuses queries and mutations sent over WebSocket.
pub struct SubscriptionsOnlyOverWs;

impl ExtensionFactory for SubscriptionsOnlyOverWs {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(WsGuard)
    }
}

struct WsGuard;

#[async_trait::async_trait]
impl Extension for WsGuard {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let over_ws = ctx.data_opt::<WsSession>().is_some();
        if over_ws
            && doc
                .operations
                .iter()
                .any(|(_, op)| op.node.ty != OperationType::Subscription)
        {
            let mut e = ServerError::new(
                "only subscriptions are accepted over WebSocket; send queries and mutations to POST /graphql",
                None,
            );
            let mut ext = async_graphql::ErrorExtensionValues::default();
            ext.set("code", "VALIDATION_FAILED");
            e.extensions = Some(ext);
            return Err(e);
        }
        Ok(doc)
    }
}

/// Resolves when the session behind `token` is no longer valid (logout,
/// expiry, a disabled user) or its user lost one of `roles` (checked every
/// two seconds).
pub async fn session_end(
    platform: Platform,
    token: String,
    roles: Vec<anjian_platform::rbac::Role>,
) {
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        match auth::authenticate(&platform, &token).await {
            Ok(p) if roles.iter().all(|r| p.roles.contains(r)) => {}
            _ => return,
        }
    }
}
