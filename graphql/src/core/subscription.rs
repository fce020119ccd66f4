//! Core subscriptions: new notifications of the signed-in user.

use super::types::Notification;
use crate::context::req;
use async_graphql::{Context, Result, Subscription};
use futures::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

/// Subscriptions of the platform core.
#[derive(Default)]
pub struct CoreSubscription;

#[Subscription]
impl CoreSubscription {
    /// Each notification posted to the caller, as it arrives (any server instance).
    async fn notification_added(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Notification>> {
        let r = req(ctx);
        let p = r.principal()?;
        let (tenant, user) = (p.tenant.clone(), p.user_id.clone());
        let rx = r.platform.bus.subscribe();
        // Over WebSocket the stream ends with the session (logout, expiry, disabling).
        let end: futures::future::BoxFuture<'static, ()> =
            match ctx.data_opt::<crate::ws::WsSession>() {
                Some(s) => Box::pin(crate::ws::session_end(
                    r.platform.clone(),
                    s.token.clone(),
                    p.roles.clone(),
                )),
                None => Box::pin(futures::future::pending()),
            };
        Ok(BroadcastStream::new(rx)
            .take_until(end)
            .filter_map(move |m| {
                let keep = match m {
                    Ok(n) if n.user_id == user && n.tenant_id == tenant => {
                        Some(Notification::from(n))
                    }
                    _ => None,
                };
                async move { keep }
            }))
    }
}
