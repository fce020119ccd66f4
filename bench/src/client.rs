//! One GraphQL endpoint over HTTP. A request fails on a transport error, a
//! non-200 status, a body that isn't JSON, or a GraphQL `errors` member
//! (even with HTTP 200).

use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Why a request counted as a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Connection refused, reset, timed out.
    Transport(String),
    /// An HTTP status other than 200.
    Status(u16),
    /// A body that is not a GraphQL response.
    Body(String),
    /// HTTP 200 with an `errors` member: the first error's code and message.
    GraphQl(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Transport(e) => write!(f, "transport: {e}"),
            Failure::Status(s) => write!(f, "HTTP {s}"),
            Failure::Body(e) => write!(f, "body: {e}"),
            Failure::GraphQl(e) => write!(f, "GraphQL error: {e}"),
        }
    }
}

/// A GraphQL endpoint, e.g. `http://127.0.0.1:8080/graphql`, or several
/// replicas of one (comma-separated URLs), taken in turn request by request
/// as a load balancer would.
#[derive(Clone)]
pub struct Endpoint {
    http: reqwest::Client,
    urls: Arc<Vec<String>>,
    next: Arc<AtomicUsize>,
}

impl Endpoint {
    /// An endpoint with a pool large enough for `clients` connections.
    pub fn new(url: &str, clients: usize) -> anyhow::Result<Endpoint> {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(clients.max(1))
            .timeout(Duration::from_secs(60))
            .build()?;
        let urls: Vec<String> = url
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .collect();
        anyhow::ensure!(!urls.is_empty(), "no URL given");
        Ok(Endpoint {
            http,
            urls: Arc::new(urls),
            next: Arc::default(),
        })
    }

    fn url(&self) -> &str {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        &self.urls[i % self.urls.len()]
    }

    /// Posts `query` with `vars`; the `data` member on success.
    pub async fn post(
        &self,
        token: Option<&str>,
        query: &str,
        vars: Value,
    ) -> Result<Value, Failure> {
        let mut r = self
            .http
            .post(self.url())
            .json(&json!({"query": query, "variables": vars}));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let resp = r
            .send()
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Err(Failure::Status(status));
        }
        let body: Value = resp
            .json()
            .await
            .map_err(|e| Failure::Body(e.to_string()))?;
        graphql_data(body)
    }
}

/// The `data` of a GraphQL response, or its first error.
pub fn graphql_data(body: Value) -> Result<Value, Failure> {
    if let Some(errors) = body.get("errors").filter(|e| !e.is_null()) {
        let first = &errors[0];
        let code = first["extensions"]["code"].as_str().unwrap_or("");
        let msg = first["message"].as_str().unwrap_or("(no message)");
        return Err(Failure::GraphQl(format!("{code} {msg}").trim().to_string()));
    }
    match body.get("data") {
        Some(d) if !d.is_null() => Ok(d.clone()),
        _ => Err(Failure::Body("no data member".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_with_data_are_failures() {
        let body = json!({"data": {"x": 1}, "errors": [{"message": "no", "extensions": {"code": "FORBIDDEN"}}]});
        assert_eq!(
            graphql_data(body),
            Err(Failure::GraphQl("FORBIDDEN no".into()))
        );
        assert_eq!(graphql_data(json!({"data": {"x": 1}})), Ok(json!({"x": 1})));
        assert!(graphql_data(json!({"data": null})).is_err());
        assert!(graphql_data(json!({"data": {"x": 1}, "errors": null})).is_ok());
    }
}
