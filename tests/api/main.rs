#![allow(clippy::unwrap_used)]
//! End-to-end tests: the real server over HTTP and WebSocket, on SQLite and
//! PostgreSQL (with Redis where configured).

mod helpers;

mod accident;
mod accident_hook;
mod accident_input;
mod accident_stats;
mod audit;
mod auth;
mod backup;
mod bad_input;
mod bench;
mod citus;
mod console;
mod credit;
mod credit_hook;
mod credit_penalties;
mod cross_tenant;
mod dashboard;
mod enterprise;
mod first_hour;
mod graphql_http;
mod hazard;
mod jobs;
mod orgs;
mod plugins;
mod postgres_rls;
mod replicas;
mod repo;
mod search;
mod security;
mod seed;
mod standardization;
mod standardization_certificates;
mod standardization_deadlines;
mod standardization_score;
mod subscriptions;
mod tenants;
mod training;
mod training_hostile;
