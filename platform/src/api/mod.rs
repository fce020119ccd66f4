//! What every module's GraphQL resolvers share: the per-request context and
//! Relay connections. (The schema and server live in `anjian-graphql`.)

pub mod context;
pub mod relay;
