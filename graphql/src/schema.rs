//! Schema assembly. This is the one list a module joins: its query, mutation
//! and subscription parts below, and its `Module` in [`modules`].

use crate::core::{CoreMutation, CoreQuery, CoreSubscription};
use anjian_platform::config::Config;
use anjian_platform::module::{CoreModule, Module};
use async_graphql::{MergedObject, MergedSubscription, Schema};

/// Every module's queries.
#[derive(MergedObject, Default)]
pub struct Query(CoreQuery);

/// Every module's mutations.
#[derive(MergedObject, Default)]
pub struct Mutation(CoreMutation);

/// Every module's subscriptions.
#[derive(MergedSubscription, Default)]
pub struct Subscription(CoreSubscription);

/// The assembled schema.
pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// Every module of the platform, in registration order.
pub fn modules() -> Vec<&'static dyn Module> {
    vec![&CoreModule]
}

/// Builds the schema with the configured limits.
pub fn build_schema(cfg: &Config) -> AppSchema {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .limit_depth(cfg.max_depth)
    .limit_complexity(cfg.max_complexity)
    .limit_recursive_depth(32)
    .limit_directives(10)
    .extension(crate::ws::SubscriptionsOnlyOverWs)
    .finish()
}

/// The schema in SDL (committed as `schema.graphql`).
pub fn sdl() -> String {
    build_schema(&Config::default()).sdl()
}
