//! Anjian's GraphQL API: the schema assembled from the modules, and the HTTP
//! server (GraphQL over HTTP and WebSocket, GraphiQL, health and metrics).

pub mod assets;
pub mod body;
pub mod console;
pub use anjian_platform::api::{context, relay};
pub mod core;
pub mod errors;
pub mod introspection;
pub mod parsed;
pub mod schema;
pub mod server;
pub mod telemetry;
pub mod ws;

pub use schema::{build_schema, modules, AppSchema};
pub use server::{metrics_router, serve, serve_metrics, ServeOptions};
