//! The core's GraphQL API: identity, tenants, users and roles, organisations
//! and grants, the audit log, notifications, jobs and the security policy.

pub mod loaders;
pub mod mutation;
pub mod query;
pub mod subscription;
pub mod types;

pub use mutation::CoreMutation;
pub use query::CoreQuery;
pub use subscription::CoreSubscription;
