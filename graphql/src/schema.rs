//! Schema assembly. This is the one list a module joins: its query, mutation
//! and subscription parts below, and its `Module` in [`modules`].

use crate::context::Req;
use crate::core::loaders::RolesLoader;
use crate::core::{CoreMutation, CoreQuery, CoreSubscription};
use anjian_platform::config::Config;
use anjian_platform::module::{CoreModule, Module};
use async_graphql::dataloader::DataLoader;
use async_graphql::{MergedObject, MergedSubscription, Schema};

/// Every module's queries.
#[derive(MergedObject, Default)]
pub struct Query(
    CoreQuery,
    anjian_enterprise::graphql::EnterpriseQuery,
    anjian_hazard::graphql::HazardQuery,
    anjian_standardization::graphql::StandardizationQuery,
    anjian_training::graphql::TrainingQuery,
    anjian_accident::graphql::AccidentQuery,
    anjian_credit::graphql::CreditQuery,
    anjian_credit::graphql::CreditPublicQuery,
    anjian_plugin_host::manage::graphql::PluginQuery,
);

/// Every module's mutations.
#[derive(MergedObject, Default)]
pub struct Mutation(
    CoreMutation,
    anjian_enterprise::graphql::EnterpriseMutation,
    anjian_hazard::graphql::HazardMutation,
    anjian_standardization::graphql::StandardizationMutation,
    anjian_training::graphql::TrainingMutation,
    anjian_accident::graphql::AccidentMutation,
    anjian_credit::graphql::CreditMutation,
    anjian_plugin_host::manage::graphql::PluginMutation,
);

/// Every module's subscriptions.
#[derive(MergedSubscription, Default)]
pub struct Subscription(CoreSubscription);

/// The assembled schema.
pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// Every module of the platform, in registration order.
pub fn modules() -> Vec<&'static dyn Module> {
    vec![
        &CoreModule,
        &anjian_enterprise::EnterpriseModule,
        &anjian_hazard::HazardModule,
        &anjian_standardization::StandardizationModule,
        &anjian_training::TrainingModule,
        &anjian_accident::AccidentModule,
        &anjian_credit::CreditModule,
        &anjian_plugin_host::manage::PluginsModule,
    ]
}

/// Per-request data: the context and every module's DataLoaders (one list).
pub fn request_data(req: Req) -> async_graphql::Data {
    let mut d = async_graphql::Data::default();
    d.insert(DataLoader::new(RolesLoader(req.clone()), tokio::spawn));
    d.insert(DataLoader::new(
        anjian_enterprise::graphql::LicenceLoader(req.clone()),
        tokio::spawn,
    ));
    d.insert(DataLoader::new(
        anjian_enterprise::graphql::MajorHazardLoader(req.clone()),
        tokio::spawn,
    ));
    d.insert(req);
    d
}

/// Builds the schema with the configured limits, for HTTP: no extension,
/// so no per-field hook runs (a list of 20 resolves some 400 fields).
/// HTTP refuses subscriptions by itself.
pub fn build_schema(cfg: &Config) -> AppSchema {
    builder(cfg).finish()
}

/// The same schema for introspection-only operations
/// ([`crate::introspection`]): the depth the standard introspection query
/// needs, and nothing but introspection answered.
pub fn build_introspection_schema(cfg: &Config) -> AppSchema {
    builder(cfg)
        .limit_depth(cfg.max_depth.max(crate::introspection::DEPTH))
        .introspection_only()
        .finish()
}

/// The same schema for the WebSocket transport, which carries
/// subscriptions only ([`crate::ws::SubscriptionsOnlyOverWs`]).
pub fn build_ws_schema(cfg: &Config) -> AppSchema {
    builder(cfg)
        .extension(crate::ws::SubscriptionsOnlyOverWs)
        .finish()
}

fn builder(cfg: &Config) -> async_graphql::SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .limit_depth(cfg.max_depth)
    .limit_complexity(cfg.max_complexity)
    .limit_recursive_depth(32)
    .limit_directives(10)
}

/// The schema in SDL (committed as `schema.graphql`).
pub fn sdl() -> String {
    build_schema(&Config::default()).sdl()
}
