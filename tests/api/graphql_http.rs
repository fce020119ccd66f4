//! GraphQL over HTTP: GET for queries only, the response media type, GraphiQL
//! served offline, health and metrics, and no N+1 queries.

use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn get_post_and_media_types() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("county-admin@330106").await;
    let r = app
        .http
        .get(format!("{}/graphql", app.base))
        .query(&[("query", "{ me { username } }")])
        .bearer_auth(&t)
        .header("accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/graphql-response+json"));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["data"]["me"]["username"], "county-admin@330106");
    let r = app
        .http
        .get(format!("{}/graphql", app.base))
        .query(&[("query", "mutation { logout }")])
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405, "mutations only over POST");
    assert!(
        app.ok(Some(&t), "{ me { username } }", json!({})).await["me"].is_object(),
        "token survived the refused GET"
    );
    // Subscriptions belong to the WebSocket.
    let sub = app
        .gql(
            Some(&t),
            "subscription { notificationAdded { title } }",
            json!({}),
        )
        .await;
    assert!(
        sub["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not supported"),
        "{sub}"
    );
    // The same query text twice (the second from the parsed-query cache)
    // answers the same, and a broken text is refused each time.
    let q = "query($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount } }";
    let first = app.ok(Some(&t), q, json!({"f": {"industry": "JX"}})).await;
    assert_eq!(
        app.ok(Some(&t), q, json!({"f": {"industry": "JX"}})).await,
        first
    );
    for _ in 0..2 {
        let broken = app.gql(Some(&t), "{ me { username ", json!({})).await;
        assert!(broken["errors"][0]["message"].is_string(), "{broken}");
        assert!(broken.get("data").is_none_or(|d| d.is_null()), "{broken}");
    }
}

#[tokio::test]
async fn graphiql_is_served_offline() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let page = app
        .http
        .get(format!("{}/graphiql", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("graphiql"), "GraphiQL page");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no external URL in the page"
    );
    for src in page
        .split("src=\"")
        .skip(1)
        .chain(page.split("href=\"").skip(1))
    {
        let path = src.split('"').next().unwrap();
        if path.starts_with("/graphiql/assets/") {
            let r = app
                .http
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{path}");
        }
    }
    let ready: serde_json::Value = app
        .http
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["database"], "ok");
    app.login("county-admin@330106").await;
    let metrics = app
        .http
        .get(format!("{}/metrics", app.base))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("anjian_graphql_requests_total"),
        "{metrics}"
    );
    assert!(metrics.contains("anjian_db_pool_connections"));
    assert!(metrics.contains("anjian_jobs"));
}

async fn statements(app: &TestApp, token: &str, first: u32) -> u64 {
    let q = format!("{{ users(first: {first}) {{ edges {{ node {{ username roles tenant {{ code parent {{ code }} }} }} }} }} }}");
    let r = app
        .http
        .post(format!("{}/graphql", app.base))
        .bearer_auth(token)
        .json(&json!({"query": q}))
        .send()
        .await
        .unwrap();
    let n = r.headers()["x-anjian-db-statements"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["data"]["users"]["edges"].as_array().unwrap().len() as u32,
        first
    );
    n
}

#[tokio::test]
async fn nested_lists_do_not_query_per_row() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("province-admin@330000").await;
    let one = statements(&app, &t, 1).await;
    let many = statements(&app, &t, 15).await;
    assert_eq!(one, many, "statements must not grow with rows (N+1)");
    assert!(many <= 4, "count + page + one batched roles query: {many}");
}
