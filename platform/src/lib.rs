//! Anjian platform core: storage with tenant isolation, tenancy, identity and
//! access, audit, jobs, events and notifications. Modules build on this crate;
//! the GraphQL layer (`anjian-graphql`) is a thin shell over its services.

pub mod api;
pub mod audit;
pub mod audit_export;
pub mod auth;
pub mod authcache;
pub mod bulk;
pub mod calendar;
pub mod citus;
pub mod clientaddr;
pub mod config;
pub mod db;
pub mod deferred;
pub mod demo;
pub mod error;
pub mod events;
pub mod generation;
pub mod jobs;
pub mod keyfile;
pub mod migrate;
pub mod module;
pub mod notify;
pub mod objects;
pub mod orgs;
pub mod platform;
pub mod policy;
pub mod ratelimit;
pub mod rbac;
pub mod tenancy;
pub mod text_enum;
pub mod time;
pub mod users;

pub use error::{Error, FieldError, Result};
pub use platform::Platform;
