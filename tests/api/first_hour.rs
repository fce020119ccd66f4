//! What a new user meets first: GraphiQL reading the schema (the standard
//! introspection query) while abusive queries stay refused, GraphiQL's
//! starting text run as written, every README demo account doing its
//! role's work, the graphql-http audit suite, and the PostgreSQL role model.

use crate::helpers::*;
use serde_json::{json, Value};

/// graphql-js's `getIntrospectionQuery()` in each variant GraphiQL,
/// codegen, Apollo and Postman send (written by
/// `tests/js/introspection-queries.mjs`).
const INTROSPECTION: &[(&str, &str)] = &[
    (
        "default",
        include_str!("../fixtures/introspection/default.graphql"),
    ),
    (
        "input-value-deprecation",
        include_str!("../fixtures/introspection/input-value-deprecation.graphql"),
    ),
    (
        "specified-by-url",
        include_str!("../fixtures/introspection/specified-by-url.graphql"),
    ),
    (
        "directive-is-repeatable",
        include_str!("../fixtures/introspection/directive-is-repeatable.graphql"),
    ),
    ("all", include_str!("../fixtures/introspection/all.graphql")),
];

async fn post(app: &TestApp, token: Option<&str>, query: &str, accept: &str) -> (u16, Value) {
    let mut r = app
        .http
        .post(format!("{}/graphql", app.base))
        .header("accept", accept)
        .json(&json!({ "query": query }));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

fn code(v: &Value) -> &str {
    v["errors"][0]["extensions"]["code"].as_str().unwrap_or("")
}

/// The standard introspection query is answered, signed in or not (a demo
/// allows anonymous introspection), and describes the whole schema.
#[tokio::test]
async fn graphiql_reads_the_schema() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("county-admin@330106").await;
    for (name, q) in INTROSPECTION {
        for token in [None, Some(t.as_str())] {
            let (status, v) = post(&app, token, q, "application/graphql-response+json").await;
            assert_eq!(status, 200, "{name}: {v}");
            assert!(v.get("errors").is_none(), "{name}: {v}");
            let types = v["data"]["__schema"]["types"].as_array().unwrap();
            assert!(types.iter().any(|t| t["name"] == "Enterprise"), "{name}");
            let query = types.iter().find(|t| t["name"] == "Query").unwrap();
            let me = query["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "enterprises")
                .unwrap();
            // The deepest type reference: [Enterprise!]! and friends unwrap.
            assert_eq!(me["type"]["kind"], "NON_NULL", "{name}");
        }
    }
    // Through GET as well (what a plain link would send).
    let r = app
        .http
        .get(format!("{}/graphql", app.base))
        .query(&[("query", INTROSPECTION[0].1)])
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(v["data"]["__schema"]["queryType"]["name"] == "Query", "{v}");
}

/// The limits still refuse abusive queries: data nested past the depth
/// limit (also when it hides beside an introspection field), introspection
/// lists nested to amplify the answer, and queries past the complexity.
#[tokio::test]
async fn limits_still_refuse_abusive_queries() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let t = app.login("county-admin@330106").await;
    // Data past the depth limit (12), and the same beside `__typename`.
    let mut deep = String::from("username");
    for _ in 0..14 {
        deep = format!("tenant {{ parent {{ {deep} }} }}");
    }
    for q in [
        format!("{{ me {{ {deep} }} }}"),
        format!("{{ __typename me {{ {deep} }} }}"),
        format!("{{ __schema {{ types {{ name }} }} me {{ {deep} }} }}"),
    ] {
        let v = app.gql(Some(&t), &q, json!({})).await;
        assert!(v.get("data").is_none_or(Value::is_null), "{v}");
        let msg = v["errors"][0]["message"].as_str().unwrap_or("");
        assert!(msg.contains("nested too deep"), "{q}: {v}");
    }
    // Introspection list fields nested three deep: refused before running.
    let amplify =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let (status, v) = post(&app, Some(&t), amplify, "application/graphql-response+json").await;
    assert_eq!(status, 400, "{v}");
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    assert!(v.get("data").is_none(), "{v}");
    // ... also beside a data field (the data schema's depth would allow it).
    let mixed = "{ me { username } __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let (_, v) = post(&app, Some(&t), mixed, "application/json").await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    // ... also in a text too long for the parsed-query cache.
    let padded = format!("{mixed}{}", " ".repeat(20 * 1024));
    let (_, v) = post(&app, Some(&t), &padded, "application/json").await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    // ... also through fragments.
    let hidden = "query { __schema { types { ...A } } }
        fragment A on __Type { fields { type { ...B } } }
        fragment B on __Type { interfaces { fields { name } } }";
    let (_, v) = post(&app, Some(&t), hidden, "application/json").await;
    assert_eq!(code(&v), "VALIDATION_FAILED", "{v}");
    // An introspection query too deep even for its own limit.
    let mut of = String::from("name");
    for _ in 0..30 {
        of = format!("ofType {{ {of} }}");
    }
    let q = format!("{{ __type(name: \"Query\") {{ {of} }} }}");
    let v = app.gql(Some(&t), &q, json!({})).await;
    assert!(v["errors"][0]["message"].as_str().is_some(), "{v}");
    assert!(v.get("data").is_none_or(Value::is_null), "{v}");
    // Complexity: many aliased lists within the depth limit.
    let wide: String = (0..500)
        .map(|i| format!("a{i}: me {{ tenant {{ parent {{ code name level }} }} }} "))
        .collect();
    let v = app.gql(Some(&t), &format!("{{ {wide} }}"), json!({})).await;
    let msg = v["errors"][0]["message"].as_str().unwrap_or("");
    assert!(msg.contains("complex"), "{msg}");
}

/// Outside a demo, anonymous introspection is a setting: off, a caller
/// without a token is told to sign in, and a signed-in caller is answered.
#[tokio::test]
async fn anonymous_introspection_is_a_setting() {
    let app = spawn_with(
        Backend::Sqlite,
        Opts {
            env: vec![("ANJIAN_INTROSPECTION_ANONYMOUS".into(), "false".into())],
            ..Opts::default()
        },
    )
    .await
    .unwrap();
    let q = INTROSPECTION[4].1;
    let (status, v) = post(&app, None, q, "application/graphql-response+json").await;
    assert_eq!(status, 401, "{v}");
    assert_eq!(code(&v), "UNAUTHENTICATED", "{v}");
    // Not around the setting by mixing in another field either.
    let v = app
        .gql(
            None,
            "{ __typename __schema { types { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&v), "UNAUTHENTICATED", "{v}");
    let v = app
        .gql(
            None,
            "{ me { username } __schema { types { name } } }",
            json!({}),
        )
        .await;
    assert!(v["errors"].is_array(), "{v}");
    assert!(!v["data"]["__schema"].is_object(), "{v}");
    let t = app.login("county-admin@330106").await;
    let (status, v) = post(&app, Some(&t), q, "application/graphql-response+json").await;
    assert_eq!(status, 200, "{v}");
    assert!(v["data"]["__schema"]["types"].is_array(), "{v}");
}

/// The editor's starting text, taken from the page and run as written
/// (with the demo password put in), signs in and returns data.
#[tokio::test]
async fn graphiql_starting_text_works() {
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
    let start = page
        .split("id=\"anjian-start\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("the starting text block");
    assert!(
        start.contains("DEMO-PASSWORD"),
        "the password's place is marked"
    );
    let text = start.replace("DEMO-PASSWORD", DEMO_PASSWORD);
    let r: Value = app
        .http
        .post(format!("{}/graphql", app.base))
        .json(&json!({"query": text, "operationName": "SignIn"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = r["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("SignIn as written: {r}"));
    let r = app
        .http
        .post(format!("{}/graphql", app.base))
        .bearer_auth(token)
        .json(&json!({"query": text, "operationName": "FirstQuery"}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(r.get("errors").is_none(), "{r}");
    assert_eq!(r["data"]["me"]["username"], "county-admin@330106", "{r}");
    assert_eq!(r["data"]["me"]["tenant"]["code"], "330106");
    assert!(r["data"]["enterprises"]["totalCount"].is_i64(), "{r}");
    // The page picks the token out of a login answer by itself.
    assert!(page.contains("withTokenCapture"), "token capture wired");
}

/// Every account the README names, on `serve --demo`'s default data,
/// signs in and does one typical thing of its role.
#[tokio::test]
async fn every_readme_demo_account_does_its_work() {
    let app = spawn_with(
        Backend::Sqlite,
        Opts {
            env: vec![("ANJIAN_DEMO_SCALE".into(), "small".into())],
            ..Opts::default()
        },
    )
    .await
    .unwrap();
    let readme = include_str!("../../README.md");
    let mut named: Vec<String> = readme
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '@'))
        .filter(|w| {
            w.split_once('@').is_some_and(|(role, code)| {
                !role.is_empty() && code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .map(str::to_string)
        .collect();
    named.sort();
    named.dedup();
    assert!(named.len() >= 8, "{named:?}");
    assert!(named.iter().any(|n| n == "enterprise@330106"));
    for user in &named {
        let t = app.login(user).await;
        let role = user.split('@').next().unwrap();
        let county = user.split('@').nth(1).unwrap();
        typical_work(&app, &t, role, county).await;
    }
}

/// One thing `role` does every day, checked to have done it.
async fn typical_work(app: &TestApp, t: &str, role: &str, county: &str) {
    let ok = |q: &'static str| async move { app.ok(Some(t), q, json!({})).await };
    match role {
        "province-admin" => {
            let d = ok("{ hazardStatistics(groupBy: DIVISION) { total { found } rows { key } } }")
                .await;
            assert!(
                d["hazardStatistics"]["total"]["found"].as_i64().unwrap() > 0,
                "{d}"
            );
            assert!(!d["hazardStatistics"]["rows"].as_array().unwrap().is_empty());
        }
        "city-admin" | "county-admin" => {
            let d = ok("{ enterprises(first: 3) { totalCount } hazards(first: 3) { totalCount } }")
                .await;
            assert!(
                d["enterprises"]["totalCount"].as_i64().unwrap() > 0,
                "{role}@{county}: {d}"
            );
            assert!(
                d["hazards"]["totalCount"].as_i64().unwrap() > 0,
                "{role}@{county}: {d}"
            );
        }
        "security-admin" => {
            let d =
                ok("{ securityPolicy { passwordMinLength } users(first: 5) { totalCount } }").await;
            assert!(
                d["securityPolicy"]["passwordMinLength"].as_i64().unwrap() >= 8,
                "{d}"
            );
            assert!(d["users"]["totalCount"].as_i64().unwrap() > 0, "{d}");
        }
        "audit-admin" => {
            let d = ok("{ auditLog(first: 5) { totalCount } }").await;
            assert!(d["auditLog"]["totalCount"].as_i64().unwrap() > 0, "{d}");
        }
        "inspector" => {
            let d =
                ok("{ hazards(first: 5, filter: {}) { totalCount edges { node { id state } } } }")
                    .await;
            assert!(d["hazards"]["totalCount"].as_i64().unwrap() > 0, "{d}");
        }
        "enterprise" => {
            let d = ok("{ myEnterprise { id name uscc tenantCode } }").await;
            assert_eq!(d["myEnterprise"]["tenantCode"], county, "{d}");
            let r = app
                .ok(
                    Some(t),
                    "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id state enterpriseName } }",
                    json!({"i": {"category": "electrical", "level": "general",
                                 "description": "配电箱未设置漏电保护装置", "location": "机加工车间"}}),
                )
                .await;
            assert_eq!(
                r["reportHazard"]["enterpriseName"], d["myEnterprise"]["name"],
                "{r}"
            );
        }
        "examinee" => {
            let d = ok("{ myExams { sessionId centre state } }").await;
            let b = &d["myExams"][0];
            assert_eq!(b["state"], "OPEN", "{d}");
            let l = app
                .ok(
                    Some(t),
                    "mutation($s: String!) { examLoginAsUser(sessionId: $s) { token } }",
                    json!({"s": b["sessionId"]}),
                )
                .await;
            let token = l["examLoginAsUser"]["token"].as_str().unwrap();
            let a = app
                .ok(
                    None,
                    "mutation($t: String!) { examStart(token: $t) { remainingSeconds questions { no } } }",
                    json!({"t": token}),
                )
                .await;
            assert!(
                a["examStart"]["remainingSeconds"].as_i64().unwrap() > 0,
                "{a}"
            );
        }
        "proctor" => {
            let d = ok("{ trainingSessions { id centre state bookings { ticket } } }").await;
            assert_eq!(d["trainingSessions"][0]["centre"], "西湖区考点", "{d}");
        }
        "reviewer" => {
            let d = ok("{ me { username roles } notifications(first: 5) { totalCount } }").await;
            assert_eq!(d["me"]["roles"][0], role, "{d}");
        }
        "plugin-developer" => {
            let d = ok("{ pluginPolicy { __typename } }").await;
            assert!(d["pluginPolicy"].is_object(), "{d}");
        }
        other => panic!("the README names {other}@{county}: give its role a typical action here"),
    }
}

/// The graphql-http audit suite (npm `graphql-http`, in tests/js) against
/// the real server: every MUST, SHOULD and MAY passes.
#[tokio::test]
async fn graphql_over_http_audit_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    if !dir.join("node_modules/graphql-http").exists() {
        assert!(
            !require_services(),
            "tests/js/node_modules is missing: run npm ci in tests/js (.ci/run does)"
        );
        eprintln!("SKIPPED: graphql-http audit (npm ci in tests/js to run it)");
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let out = std::process::Command::new("node")
        .arg("audit.mjs")
        .arg(format!("{}/graphql", app.base))
        .current_dir(&dir)
        .output()
        .expect("node");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("ok, 0 errors, 0 warnings, 0 notices"),
        "{text}"
    );
}

fn psql(url: &str, sql: &str) {
    let st = std::process::Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        .status()
        .expect("psql");
    assert!(st.success(), "{sql}");
}

/// One role model (scripts/pg-roles.sql) whatever ran first: with
/// `anjian_app` the NOLOGIN group role `anjian migrate` creates, the roles
/// script still gives the server a login role, the server starts and signs
/// users in; a login role outside the group is refused at start, saying why.
#[tokio::test]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn postgres_roles_agree_in_any_order() {
    let Some(admin) = pg_admin_url() else {
        return;
    };
    // As `anjian migrate` leaves the role when it created it first.
    psql(&admin, "ALTER ROLE anjian_app NOLOGIN");
    psql(&admin, anjian_testkit::PG_ROLES);
    psql(&admin, anjian_testkit::PG_ROLES);
    let app = spawn_app(Backend::Postgres).await.unwrap();
    assert!(app.pg.as_ref().unwrap().app_url.contains("anjian_server@"));
    let t = app.login("county-admin@330106").await;
    assert!(app.ok(Some(&t), "{ me { username } }", json!({})).await["me"].is_object());

    psql(
        &admin,
        "DO $$ BEGIN CREATE ROLE anjian_stray LOGIN NOSUPERUSER NOBYPASSRLS; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;",
    );
    let stray = app
        .pg
        .as_ref()
        .unwrap()
        .app_url
        .replace("anjian_server@", "anjian_stray@");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anjian"))
        .args([
            "serve",
            "--no-migrate",
            "--listen",
            &format!("127.0.0.1:{}", free_port()),
        ])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ANJIAN_DATABASE_URL", &stray)
        .env("ANJIAN_LOG", "warn")
        .output()
        .expect("anjian serve");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("not a member of the group role anjian_app"),
        "{err}"
    );
}
