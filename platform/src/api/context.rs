//! Per-request context handed to resolvers: the caller, the request id, the
//! client address, the language, and transactions scoped to what the caller may see.

use crate::audit::AuditCtx;
use crate::auth::Principal;
use crate::db::{Scope, StatementCounter, Tx};
use crate::rbac::Permission;
use crate::{Error, Platform, Result};
use async_graphql::Context;
use std::sync::Arc;

/// What every resolver can reach.
#[derive(Clone)]
pub struct Req {
    pub platform: Platform,
    pub principal: Option<Principal>,
    pub request_id: String,
    pub client_addr: String,
    pub english: bool,
    pub statements: Arc<StatementCounter>,
}

impl Req {
    /// The caller, or `UNAUTHENTICATED`.
    pub fn principal(&self) -> Result<&Principal> {
        self.principal.as_ref().ok_or(Error::Unauthenticated)
    }

    /// The caller, if they hold `p`; `FORBIDDEN` otherwise.
    pub fn require(&self, p: Permission) -> Result<&Principal> {
        let who = self.principal()?;
        who.require(p)?;
        Ok(who)
    }

    /// The tenants the caller may see.
    pub fn scope(&self) -> Scope {
        self.principal
            .as_ref()
            .map(|p| p.scope.clone())
            .unwrap_or(Scope::Nothing)
    }

    /// A read transaction limited to the caller's tenants.
    pub async fn read(&self) -> Result<Tx> {
        self.platform
            .db
            .read(self.scope(), Some(self.statements.clone()))
            .await
    }

    /// A write transaction limited to the caller's tenants.
    pub async fn write(&self) -> Result<Tx> {
        self.platform
            .db
            .write(self.scope(), Some(self.statements.clone()))
            .await
    }

    /// A read transaction over every tenant, for lookups a grant allows across tenants.
    pub async fn read_all(&self) -> Result<Tx> {
        self.platform
            .db
            .read(Scope::All, Some(self.statements.clone()))
            .await
    }

    /// Audit context of this request.
    pub fn audit(&self) -> AuditCtx {
        AuditCtx {
            actor: self
                .principal
                .as_ref()
                .map(|p| p.username.clone())
                .unwrap_or_else(|| "anonymous".into()),
            actor_tenant: self.principal.as_ref().map(|p| p.tenant.clone()),
            request_id: self.request_id.clone(),
            client_addr: self.client_addr.clone(),
            alg: self.platform.audit_alg,
        }
    }

    /// Commits and wakes the job worker (the change may have queued events).
    pub async fn commit(&self, tx: Tx) -> Result<()> {
        tx.commit().await?;
        self.platform.wake.notify_one();
        Ok(())
    }
}

/// The request context of a resolver.
pub fn req<'a>(ctx: &'a Context<'_>) -> &'a Req {
    ctx.data_unchecked::<Req>()
}
