//! The web console as the binary serves it: built files from `web/dist`,
//! the console's own routes as its page, GraphiQL moved to `/graphiql`.

use crate::helpers::*;
use reqwest::header;

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.http
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap()
}

/// The `/assets/...` files the page loads.
fn assets_of(page: &str) -> Vec<String> {
    page.split(['"', '\''])
        .filter(|s| s.starts_with("/assets/"))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_console_is_served_from_the_binary() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let r = get(&app, "/").await;
    assert_eq!(r.status(), 200);
    let csp = r.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    assert_eq!(r.headers()[header::CACHE_CONTROL], "no-cache");
    let page = r.text().await.unwrap();
    assert!(page.contains("<div id=\"app\">"), "{page}");
    // Nothing from outside: a provincial network has no internet.
    for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
        assert!(!page.contains(attr), "external {attr} in {page}");
    }
    let assets = assets_of(&page);
    assert!(
        assets.iter().any(|a| a.ends_with(".js")),
        "a script: {page}"
    );
    for a in &assets {
        let r = get(&app, a).await;
        assert_eq!(r.status(), 200, "{a}");
        assert_eq!(
            r.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "{a}"
        );
        let ct = r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        if a.ends_with(".js") {
            assert!(ct.contains("javascript"), "{a}: {ct}");
        }
    }
}

#[tokio::test]
async fn console_routes_get_the_page_and_missing_files_a_404() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let home = get(&app, "/").await.text().await.unwrap();
    // A deep link (a bookmark, a notification's link) opens the console.
    for path in [
        "/hazards/018f0000-0000-7000-8000-000000000000",
        "/enterprises?search=化工",
        "/login",
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), home, "{path}");
    }
    // A file that is not there is not the page (a stale tab asking for an
    // old script must not get HTML).
    for path in [
        "/assets/index-00000000.js",
        "/favicon.ico",
        "/assets/../Cargo.toml",
    ] {
        assert_eq!(get(&app, path).await.status(), 404, "{path}");
    }
    // Other methods on console paths are refused, not served the page.
    let r = app
        .http
        .post(format!("{}/hazards", app.base))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    // The API and GraphiQL keep their paths.
    let g = get(&app, "/graphiql").await.text().await.unwrap();
    assert!(g.contains("graphiql"), "GraphiQL page");
    assert_eq!(get(&app, "/healthz").await.status(), 200);
}

#[tokio::test]
async fn console_files_are_compressed_for_browsers_that_ask() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let page = get(&app, "/").await.text().await.unwrap();
    let script = assets_of(&page)
        .into_iter()
        .find(|a| a.ends_with(".js"))
        .unwrap();
    let plain = get(&app, &script).await.bytes().await.unwrap();
    let r = app
        .http
        .get(format!("{}{script}", app.base))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
    let gz = r.bytes().await.unwrap();
    assert!(
        gz.len() * 2 < plain.len(),
        "gzip {} vs plain {}",
        gz.len(),
        plain.len()
    );
}
