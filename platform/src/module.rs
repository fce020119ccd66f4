//! The contract between the core and a subsystem module. A module declares its
//! tenant-owned tables, permissions, job kinds and event handlers, and its plugin
//! hook points; its migrations live in `migrations/<backend>/` under its own version numbers;
//! its GraphQL parts join the schema in `anjian-graphql`'s single module list.

use crate::jobs::Registry;

/// A plugin hook point a module offers (run by the plugin host, a later issue).
#[derive(Debug, Clone, Copy)]
pub struct HookPoint {
    /// e.g. `enterprise.validate`.
    pub name: &'static str,
    /// `before`, `after` or `compute`.
    pub kind: &'static str,
    pub description: &'static str,
}

/// Who may send a large multipart request (a file upload), and how large.
/// Other requests, and callers without a token, are held to the server's
/// small `max_body_bytes`.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimit {
    /// Roles whose holders may upload.
    pub roles: &'static [crate::rbac::Role],
    /// Largest whole request body (files and form fields), in bytes.
    pub max_bytes: u64,
}

/// A subsystem of the platform.
pub trait Module: Send + Sync {
    /// Short name, e.g. `core`, `enterprise`.
    fn name(&self) -> &'static str;
    /// Tables whose rows belong to a tenant (isolated by RLS and `Tx::sql`).
    fn tenant_tables(&self) -> &'static [&'static str] {
        &[]
    }
    /// Permissions of the module's operations, and the roles that hold them.
    fn permissions(&self) -> &'static [crate::rbac::PermissionDecl] {
        &[]
    }
    /// Registers job kinds and event handlers.
    fn register(&self, _registry: &mut Registry) {}
    /// Plugin hook points.
    fn hook_points(&self) -> &'static [HookPoint] {
        &[]
    }
    /// The module's file uploads: who may send them and their size.
    fn uploads(&self, _config: &crate::config::Config) -> Vec<UploadLimit> {
        Vec::new()
    }
}

/// The core's own module: reminders and notification push.
pub struct CoreModule;

/// Job kind of a scheduled reminder (posts a notification when due).
pub const REMINDER_JOB: &str = "core.reminder";

impl Module for CoreModule {
    fn name(&self) -> &'static str {
        "core"
    }

    fn tenant_tables(&self) -> &'static [&'static str] {
        crate::db::CORE_TENANT_TABLES
    }

    fn register(&self, r: &mut Registry) {
        r.job(
            REMINDER_JOB,
            std::sync::Arc::new(|p, job| {
                Box::pin(async move { crate::platform::deliver_reminder(&p, &job).await })
            }),
        );
        r.on_event(
            crate::events::NOTIFICATION_CREATED,
            "core.push_notification",
            std::sync::Arc::new(|p, job| {
                Box::pin(async move {
                    let n: crate::notify::Notification =
                        serde_json::from_value(job.payload.clone())?;
                    p.bus.publish(&n).await
                })
            }),
        );
    }
}
