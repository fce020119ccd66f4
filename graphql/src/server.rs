//! The HTTP server: GraphQL over HTTP (POST, and GET for queries) and over
//! WebSocket (graphql-transport-ws), GraphiQL, `/healthz`, `/readyz`, `/metrics`.

use crate::body::BodyError;
use crate::context::Req;
use crate::errors::{codes, localise, request_error};
use crate::schema::AppSchema;
use anjian_platform::auth::{self, Principal};
use anjian_platform::db::StatementCounter;
use anjian_platform::{Error, Platform};
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request, State, WebSocketUpgrade};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;

/// Options of [`serve`].
#[derive(Clone, Default)]
pub struct ServeOptions {}

#[derive(Clone)]
struct AppState {
    platform: Platform,
    schema: AppSchema,
    /// The schema of the WebSocket transport (subscriptions only).
    ws_schema: AppSchema,
    /// The schema of introspection-only operations (their own depth limit).
    introspection_schema: AppSchema,
    parsed: Arc<crate::parsed::ParsedQueries>,
}

/// The request id of a request (from `x-request-id` when sane, else new).
#[derive(Clone)]
pub struct RequestId(pub String);

const GQL_RESPONSE: &str = "application/graphql-response+json; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";

/// The router of the whole server.
pub fn router(platform: Platform, schema: AppSchema) -> Router {
    let ws_schema = crate::schema::build_ws_schema(&platform.config);
    let introspection_schema = crate::schema::build_introspection_schema(&platform.config);
    let state = AppState {
        platform,
        schema,
        ws_schema,
        introspection_schema,
        parsed: Arc::default(),
    };
    Router::new()
        .route("/graphiql", get(crate::assets::index))
        .route("/graphiql/assets/{name}", get(crate::assets::asset))
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_guarded))
        // Everything else is the web console (its files, or its routes).
        .fallback_service(
            get(crate::console::serve).layer(tower_http::compression::CompressionLayer::new()),
        )
        // `graphql_post` reads bodies itself, under the caller's limit.
        .layer(DefaultBodyLimit::disable())
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .layer(middleware::from_fn(request_id))
        .with_state(state)
}

/// Serves until `shutdown` resolves; in-flight requests finish first.
pub async fn serve(
    platform: Platform,
    schema: AppSchema,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = router(platform, schema);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            !s.is_empty()
                && s.len() <= 64
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
    let started = Instant::now();
    let mut resp = next.run(req).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::info!(
            status = resp.status().as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "done"
        )
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}

/// The body of a GraphQL request. Unknown members are rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GqlBody {
    query: Option<String>,
    #[serde(default)]
    variables: Option<serde_json::Value>,
    #[serde(default)]
    operation_name: Option<String>,
    /// Accepted per the GraphQL-over-HTTP spec (an object); no extension
    /// is used yet.
    #[serde(default)]
    extensions: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlGet {
    query: Option<String>,
    variables: Option<String>,
    operation_name: Option<String>,
}

/// How the client wants the response.
#[derive(Clone, Copy, PartialEq)]
enum Wants {
    GraphQlResponse,
    Json,
}

fn wants(headers: &HeaderMap) -> Option<Wants> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.trim().is_empty() {
        return Some(Wants::Json);
    }
    if accept.contains("application/graphql-response+json") {
        Some(Wants::GraphQlResponse)
    } else if accept.contains("application/json") || accept.contains("*/*") {
        Some(Wants::Json)
    } else {
        None
    }
}

fn not_acceptable() -> Response {
    let msg = "accept application/graphql-response+json or application/json";
    (StatusCode::NOT_ACCEPTABLE, msg).into_response()
}

fn english(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.split(',').next())
        .is_some_and(|first| first.trim().to_ascii_lowercase().starts_with("en"))
}

struct Call {
    wants: Wants,
    english: bool,
    request_id: String,
}

impl Call {
    /// The call of a request; None when the client accepts no GraphQL response type.
    fn new(headers: &HeaderMap, rid: &RequestId) -> Option<Call> {
        let w = wants(headers)?;
        Some(Call {
            wants: w,
            english: english(headers),
            request_id: rid.0.clone(),
        })
    }

    fn error(&self, status: StatusCode, code: &str, zh: &str, en: &str) -> Response {
        let msg = if self.english { en } else { zh };
        let body = serde_json::json!({ "errors": [request_error(code, msg, &self.request_id)] });
        metrics::counter!("anjian_graphql_errors_total", "code" => code.to_string()).increment(1);
        // A malformed request keeps its 4xx whatever the client accepts (the
        // GraphQL-over-HTTP audit asks it); a refusal of a well-formed
        // request is 200 for `application/json` clients, as its GraphQL
        // errors are.
        let status = if self.wants == Wants::Json
            && matches!(
                status,
                StatusCode::UNAUTHORIZED | StatusCode::INTERNAL_SERVER_ERROR
            ) {
            StatusCode::OK
        } else {
            status
        };
        self.reply(status, body.to_string())
    }

    /// A document refused before execution (validation): 400 for
    /// `application/graphql-response+json`, 200 for `application/json`.
    fn invalid_document(&self, zh: &str, en: &str) -> Response {
        let status = match self.wants {
            Wants::GraphQlResponse => StatusCode::BAD_REQUEST,
            Wants::Json => StatusCode::OK,
        };
        let msg = if self.english { en } else { zh };
        let body = serde_json::json!({ "errors": [request_error("VALIDATION_FAILED", msg, &self.request_id)] });
        metrics::counter!("anjian_graphql_errors_total", "code" => "VALIDATION_FAILED")
            .increment(1);
        self.reply(status, body.to_string())
    }

    fn reply(&self, status: StatusCode, body: String) -> Response {
        let ct = if self.wants == Wants::GraphQlResponse {
            GQL_RESPONSE
        } else {
            JSON
        };
        (status, [(header::CONTENT_TYPE, ct)], body).into_response()
    }
}

async fn graphql_post(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    axum::Extension(rid): axum::Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(call) = Call::new(&headers, &rid) else {
        return not_acceptable();
    };
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if ct.starts_with("multipart/form-data") {
        return multipart(st, addr, &headers, call, &ct, body).await;
    }
    let body = match crate::body::read(body, st.platform.config.max_body_bytes).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => return too_large(&call),
        Err(BodyError::Unreadable) => {
            return call.error(
                StatusCode::BAD_REQUEST,
                "VALIDATION_FAILED",
                "请求体无法读取",
                "cannot read the request body",
            )
        }
    };
    if !ct.starts_with("application/json") && !ct.starts_with("application/graphql-response+json") {
        return call.error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "VALIDATION_FAILED",
            "Content-Type 应为 application/json",
            "Content-Type must be application/json",
        );
    }
    let parsed: GqlBody = match serde_json::from_slice::<GqlBody>(&body) {
        Ok(b)
            if b.extensions
                .as_ref()
                .is_some_and(|e| !e.is_null() && !e.is_object()) =>
        {
            return call.error(
                StatusCode::BAD_REQUEST,
                "VALIDATION_FAILED",
                "extensions 应为对象",
                "extensions must be an object",
            );
        }
        Ok(b) => b,
        Err(e) => {
            let en = format!("malformed GraphQL request body: {e}");
            return call.error(
                StatusCode::BAD_REQUEST,
                "VALIDATION_FAILED",
                "请求体不是合法的 GraphQL 请求 JSON",
                &en,
            );
        }
    };
    execute(
        st,
        addr,
        &headers,
        call,
        parsed.query,
        parsed.variables,
        parsed.operation_name,
        false,
        None,
    )
    .await
}

fn too_large(call: &Call) -> Response {
    call.error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "VALIDATION_FAILED",
        "请求体过大",
        "request body too large",
    )
}

/// A GraphQL multipart request (file uploads), per the GraphQL multipart
/// request spec: `operations`, `map`, then the files. Only a signed-in
/// caller whose role uploads may send more than `max_body_bytes`; the body
/// is parsed as it arrives (files go to temporary files), never buffered
/// whole.
async fn multipart(
    st: AppState,
    addr: SocketAddr,
    headers: &HeaderMap,
    call: Call,
    ct: &str,
    body: Body,
) -> Response {
    let mut drain = crate::body::ANONYMOUS_DRAIN;
    let limit = match bearer(headers) {
        None => st.platform.config.max_body_bytes as u64,
        Some(t) => match auth::authenticate(&st.platform, &t).await {
            Ok(p) => {
                drain = crate::body::SIGNED_IN_DRAIN;
                st.platform.upload_limit(&p)
            }
            Err(_) => {
                return call.error(
                    StatusCode::UNAUTHORIZED,
                    "UNAUTHENTICATED",
                    "未登录或登录已失效",
                    "not authenticated or session expired",
                )
            }
        },
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        crate::body::drain(body, drain.0, drain.1).await;
        return too_large(&call);
    }
    let opts = async_graphql::http::MultipartOptions::default()
        .max_file_size(limit as usize)
        .max_num_files(4);
    let reader = crate::body::limited_reader(body, limit);
    let gql = match async_graphql::http::receive_body(Some(ct), reader, opts).await {
        Ok(r) => r,
        Err(async_graphql::ParseRequestError::PayloadTooLarge) => return too_large(&call),
        Err(e) if e.to_string().contains(crate::body::TOO_LARGE) => return too_large(&call),
        Err(e) => {
            let en = format!("malformed multipart GraphQL request: {e}");
            return call.error(
                StatusCode::BAD_REQUEST,
                "VALIDATION_FAILED",
                "multipart 请求格式错误",
                &en,
            );
        }
    };
    let (query, operation_name) = (gql.query.clone(), gql.operation_name.clone());
    execute(
        st,
        addr,
        headers,
        call,
        Some(query),
        None,
        operation_name,
        false,
        Some(gql),
    )
    .await
}

async fn graphql_get(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    axum::Extension(rid): axum::Extension<RequestId>,
    headers: HeaderMap,
    q: Result<Query<GqlGet>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(call) = Call::new(&headers, &rid) else {
        return not_acceptable();
    };
    let Ok(Query(q)) = q else {
        return call.error(
            StatusCode::BAD_REQUEST,
            "VALIDATION_FAILED",
            "查询参数无效",
            "invalid query parameters",
        );
    };
    let vars = match q
        .variables
        .as_deref()
        .map(serde_json::from_str::<serde_json::Value>)
    {
        None => None,
        Some(Ok(v)) => Some(v),
        Some(Err(_)) => {
            return call.error(
                StatusCode::BAD_REQUEST,
                "VALIDATION_FAILED",
                "variables 不是合法 JSON",
                "variables is not valid JSON",
            )
        }
    };
    execute(
        st,
        addr,
        &headers,
        call,
        q.query,
        vars,
        q.operation_name,
        true,
        None,
    )
    .await
}

fn operation_type(query: &str, name: Option<&str>) -> Option<OperationType> {
    let doc = async_graphql::parser::parse_query(query).ok()?;
    match name {
        Some(n) => doc
            .operations
            .iter()
            .find(|(on, _)| on.map(|x| x.as_str()) == Some(n))
            .map(|(_, op)| op.node.ty),
        None => doc.operations.iter().next().map(|(_, op)| op.node.ty),
    }
}

/// `query:enterprises`: the type and first root field of the operation
/// that runs (None when its first selection is not a plain field).
fn root_field(doc: &ExecutableDocument, name: Option<&str>) -> Option<String> {
    let op = match name {
        Some(n) => doc
            .operations
            .iter()
            .find(|(on, _)| on.map(|x| x.as_str()) == Some(n))
            .map(|(_, op)| op)?,
        None => doc.operations.iter().next().map(|(_, op)| op)?,
    };
    let ty = match op.node.ty {
        OperationType::Query => "query",
        OperationType::Mutation => "mutation",
        OperationType::Subscription => "subscription",
    };
    match &op.node.selection_set.node.items.first()?.node {
        Selection::Field(f) if f.node.name.node.starts_with("__") => Some("introspection".into()),
        Selection::Field(f) => Some(format!("{ty}:{}", f.node.name.node)),
        _ => None,
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

#[allow(clippy::too_many_arguments)]
async fn execute(
    st: AppState,
    addr: SocketAddr,
    headers: &HeaderMap,
    call: Call,
    query: Option<String>,
    variables: Option<serde_json::Value>,
    operation_name: Option<String>,
    is_get: bool,
    prepared: Option<async_graphql::Request>,
) -> Response {
    let started = Instant::now();
    let Some(query) = query.filter(|q| !q.trim().is_empty()) else {
        return call.error(
            StatusCode::BAD_REQUEST,
            "VALIDATION_FAILED",
            "缺少 query",
            "the query is missing",
        );
    };
    if query.len() > st.platform.config.max_query_bytes {
        return call.error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "VALIDATION_FAILED",
            "查询过长",
            "the query is too long",
        );
    }
    if is_get && operation_type(&query, operation_name.as_deref()) == Some(OperationType::Mutation)
    {
        let mut r = call.error(
            StatusCode::METHOD_NOT_ALLOWED,
            "VALIDATION_FAILED",
            "变更操作须使用 POST",
            "mutations must use POST",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return r;
    }
    let statements = Arc::new(StatementCounter::default());
    let principal = match bearer(headers) {
        None => None,
        Some(t) => match auth::authenticate(&st.platform, &t).await {
            Ok(p) => Some(p),
            Err(Error::Unauthenticated) => {
                return call.error(
                    StatusCode::UNAUTHORIZED,
                    "UNAUTHENTICATED",
                    "未登录或登录已失效",
                    "not authenticated or session expired",
                );
            }
            Err(e) => {
                tracing::error!(request_id = %call.request_id, error = %e, "authentication failed");
                return call.error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "INTERNAL",
                    "服务器内部错误",
                    "internal server error",
                );
            }
        },
    };
    let req = make_req(
        &st.platform,
        principal,
        call.request_id.clone(),
        client_addr(&st.platform, addr, headers),
        call.english,
        statements.clone(),
    );
    // Parsed here (kept texts from the cache) for the checks below, and used
    // to execute; a multipart request's text is the same.
    let doc = st
        .parsed
        .get(&query)
        .or_else(|| async_graphql::parser::parse_query(&query).ok());
    let root_field = doc
        .as_ref()
        .and_then(|d| root_field(d, operation_name.as_deref()));
    let introspection = doc
        .as_ref()
        .is_some_and(|d| crate::introspection::is_introspection_only(d, operation_name.as_deref()));
    let may_introspect =
        req.principal.is_some() || st.platform.config.introspection_anonymous == Some(true);
    if introspection && !may_introspect {
        return call.error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "请先登录再查询接口结构（内省）",
            "sign in to introspect the schema",
        );
    }
    if let Some(Err(why)) = doc
        .as_ref()
        .map(|d| crate::introspection::check_list_nesting(d, operation_name.as_deref()))
    {
        return call.invalid_document("内省查询嵌套过深", &why);
    }
    let mut gql = match prepared {
        Some(g) => g,
        None => {
            let mut gql = async_graphql::Request::new(query);
            if let Some(doc) = doc {
                gql.set_parsed_query(doc);
            }
            if let Some(n) = operation_name {
                gql = gql.operation_name(n);
            }
            if let Some(v) = variables {
                if !v.is_null() && !v.is_object() {
                    return call.error(
                        StatusCode::BAD_REQUEST,
                        "VALIDATION_FAILED",
                        "variables 应为对象",
                        "variables must be an object",
                    );
                }
                gql = gql.variables(async_graphql::Variables::from_json(v));
            }
            gql
        }
    };
    if !may_introspect {
        gql = gql.disable_introspection();
    }
    gql.data = crate::schema::request_data(req);
    let schema = if introspection {
        &st.introspection_schema
    } else {
        &st.schema
    };
    let mut resp = schema.execute(gql).await;
    localise(&mut resp.errors, call.english, &call.request_id);
    let request_error = resp.data == async_graphql::Value::Null && !resp.errors.is_empty();
    for code in codes(&resp.errors) {
        metrics::counter!("anjian_graphql_errors_total", "code" => code).increment(1);
    }
    // The label is the operation's root field, named by the schema once the
    // document validated: a bounded set, never the client's operationName.
    let op_label = match root_field {
        Some(f) if !(request_error && resp.errors.iter().all(|e| e.path.is_empty())) => f,
        _ => "other".to_string(),
    };
    metrics::counter!("anjian_graphql_requests_total", "operation" => op_label.clone())
        .increment(1);
    metrics::histogram!("anjian_graphql_request_duration_seconds", "operation" => op_label)
        .record(started.elapsed().as_secs_f64());
    let status = if call.wants == Wants::GraphQlResponse
        && request_error
        && resp.errors.iter().all(|e| e.path.is_empty())
    {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = response_body(&resp, request_error);
    let mut out = call.reply(status, body);
    if let Ok(v) = HeaderValue::from_str(&statements.get().to_string()) {
        out.headers_mut().insert("x-anjian-db-statements", v);
    }
    out
}

/// The response's JSON. A request that failed before execution (a document
/// that does not parse or validate) has no `data` entry, as the GraphQL
/// specification and GraphQL over HTTP ask.
fn response_body(resp: &async_graphql::Response, request_error: bool) -> String {
    if !(request_error && resp.errors.iter().all(|e| e.path.is_empty())) {
        return serde_json::to_string(resp).unwrap_or_else(|_| "{}".into());
    }
    let mut v = match serde_json::to_value(resp) {
        Ok(v) => v,
        Err(_) => return "{}".into(),
    };
    if let Some(o) = v.as_object_mut() {
        o.remove("data");
    }
    v.to_string()
}

/// The client's address: the peer's, or the one a trusted proxy forwarded.
fn client_addr(platform: &Platform, peer: SocketAddr, headers: &HeaderMap) -> String {
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    platform.proxies.client(peer.ip(), &forwarded).to_string()
}

fn make_req(
    platform: &Platform,
    principal: Option<Principal>,
    request_id: String,
    client_addr: String,
    english: bool,
    statements: Arc<StatementCounter>,
) -> Req {
    Req {
        platform: platform.clone(),
        principal,
        request_id,
        client_addr,
        english,
        statements,
    }
}

async fn graphql_ws(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    ws: WebSocketUpgrade,
) -> Response {
    let english = english(&headers);
    let header_token = bearer(&headers);
    let client = client_addr(&st.platform, addr, &headers);
    ws.protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| async move {
            let platform = st.platform.clone();
            GraphQLWebSocket::new(socket, st.ws_schema.clone(), protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("Authorization")
                        .or_else(|| payload.get("authorization"))
                        .and_then(|v| v.as_str())
                        .map(|s| {
                            s.trim_start_matches("Bearer ")
                                .trim_start_matches("bearer ")
                                .to_string()
                        })
                        .or_else(|| {
                            payload
                                .get("token")
                                .and_then(|v| v.as_str())
                                .map(str::to_string)
                        })
                        .or(header_token);
                    let Some(token) = token else {
                        return Err(async_graphql::Error::new("UNAUTHENTICATED: token required"));
                    };
                    let principal = auth::authenticate(&platform, &token)
                        .await
                        .map_err(|_| async_graphql::Error::new("UNAUTHENTICATED"))?;
                    let req = make_req(
                        &platform,
                        Some(principal),
                        uuid::Uuid::now_v7().to_string(),
                        client.clone(),
                        english,
                        Arc::default(),
                    );
                    let mut data = crate::schema::request_data(req);
                    data.insert(crate::ws::WsSession {
                        token: token.clone(),
                    });
                    Ok(data)
                })
                .serve()
                .await
        })
}

/// A panic anywhere in a handler becomes an `INTERNAL` error, never a dropped connection.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    let body = serde_json::json!({"errors": [{"message": "服务器内部错误", "extensions": {"code": "INTERNAL"}}]});
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, JSON)],
        body.to_string(),
    )
        .into_response()
}

async fn readyz(State(st): State<AppState>) -> Response {
    let db = st.platform.db.ping().await;
    let redis = st.platform.ping_redis().await;
    let body = serde_json::json!({
        "database": if db.is_ok() { "ok" } else { "unreachable" },
        "redis": match (&st.platform.redis, &redis) { (None, _) => "not configured", (_, Ok(())) => "ok", _ => "unreachable" },
    });
    let status = if db.is_ok() && redis.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, [(header::CONTENT_TYPE, JSON)], body.to_string()).into_response()
}

/// `/metrics` on the main listener: only with the configured token
/// (`ANJIAN_METRICS_TOKEN`); without one it is not served there (use
/// `ANJIAN_METRICS_LISTEN`, an address inside the cluster).
async fn metrics_guarded(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = st.platform.config.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = bearer(&headers).unwrap_or_default();
    let same: bool = subtle::ConstantTimeEq::ct_eq(given.as_bytes(), expected.as_bytes()).into();
    if !same {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "metrics need the metrics token",
        )
            .into_response();
    }
    render_metrics(&st.platform).await
}

/// The router of the metrics listener (`ANJIAN_METRICS_LISTEN`): `/metrics`
/// alone, without a token; bind it to an address only the scraper reaches.
pub fn metrics_router(platform: Platform) -> Router {
    Router::new()
        .route(
            "/metrics",
            get(|State(p): State<Platform>| async move { render_metrics(&p).await }),
        )
        .with_state(platform)
}

/// Serves [`metrics_router`] on `listener` until the process ends.
pub async fn serve_metrics(platform: Platform, listener: tokio::net::TcpListener) {
    if let Err(e) = axum::serve(listener, metrics_router(platform)).await {
        tracing::error!(error = %e, "metrics listener stopped");
    }
}

async fn render_metrics(platform: &Platform) -> Response {
    let st = platform;
    let (size, idle) = st.db.pool_stats();
    metrics::gauge!("anjian_db_pool_connections").set(size as f64);
    metrics::gauge!("anjian_db_pool_idle").set(idle as f64);
    metrics::gauge!("anjian_db_statements_total").set(st.db.statements() as f64);
    if let Ok(counts) = anjian_platform::jobs::counts(st).await {
        for s in ["queued", "running", "done", "failed"] {
            let n = counts
                .iter()
                .find(|(k, _)| k == s)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            metrics::gauge!("anjian_jobs", "status" => s).set(n as f64);
        }
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::metrics().render(),
    )
        .into_response()
}
