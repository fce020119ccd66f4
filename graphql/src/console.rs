//! The web console (`web/`), built into `web/dist` and embedded in the binary:
//! every file it needs is served from here, so a provincial network with no
//! internet access runs it as is. Paths that are not files are the console's
//! own routes and get `index.html` (the router in the browser decides).

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "../web/dist"]
struct Dist;

/// What the console may load: only this origin (and data/blob images for
/// previews). Element Plus sets inline styles, hence `'unsafe-inline'` for
/// styles only.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; \
base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

/// Serves a console file, or `index.html` for a console route.
pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if !path.is_empty() && !path.ends_with(".html") {
        if let Some(file) = Dist::get(path) {
            // Vite names built files by their content hash: cache them for good.
            let cache = if path.starts_with("assets/") {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=3600"
            };
            return file_response(file.metadata.mimetype(), cache, file.data.into_owned());
        }
        // A missing built file is a 404, not the page: a stale tab must not
        // get HTML where it asked for a script.
        if path.starts_with("assets/") || path.contains('.') && !path.contains('/') {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    index()
}

fn index() -> Response {
    match Dist::get("index.html") {
        Some(file) => file_response(
            "text/html; charset=utf-8",
            "no-cache",
            file.data.into_owned(),
        ),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the console was not built into this binary (web/dist is empty)",
        )
            .into_response(),
    }
}

fn file_response(mime: &str, cache: &'static str, body: Vec<u8>) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    resp
}
