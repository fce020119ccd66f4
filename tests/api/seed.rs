//! `anjian seed`: deterministic generated data through the bulk paths, users
//! for every role, idempotent re-runs; and `serve --demo` adding the small
//! scale by default.

use crate::both;
use crate::helpers::*;
use serde_json::json;

const SEED: &[&str] = &[
    "seed",
    "--scale",
    "small",
    "--enterprises",
    "300",
    "--hazards",
    "2000",
    "--applications",
    "400",
    "--seed",
    "5",
];

async fn totals(app: &TestApp) -> (i64, i64) {
    let province = app.login("province-admin@330000").await;
    let d = app
        .ok(
            Some(&province),
            "{ enterprises { totalCount } hazardStatistics { total { found } } }",
            json!({}),
        )
        .await;
    (
        d["enterprises"]["totalCount"].as_i64().unwrap(),
        d["hazardStatistics"]["total"]["found"].as_i64().unwrap(),
    )
}

/// One value from the app's database, by a query per backend (read as
/// the superuser on PostgreSQL, past row-level security).
async fn value<T>(app: &TestApp, pg_sql: &str, sqlite_sql: &str) -> T
where
    T: Send + Unpin,
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    use sqlx::Connection;
    match &app.pg {
        Some(pg) => {
            let mut su = sqlx::PgConnection::connect(&pg.superuser_url())
                .await
                .unwrap();
            sqlx::query_scalar(pg_sql).fetch_one(&mut su).await.unwrap()
        }
        None => {
            let url = format!("sqlite://{}", app.data_dir.join("anjian.db").display());
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query_scalar(sqlite_sql)
                .fetch_one(&mut c)
                .await
                .unwrap()
        }
    }
}

/// How many of `enterprises` and `hazards` have planner statistics.
async fn analyzed(app: &TestApp) -> i64 {
    value(
        app,
        "SELECT count(*) FROM pg_stat_user_tables \
         WHERE relname IN ('enterprises', 'hazards') AND last_analyze IS NOT NULL",
        "SELECT count(DISTINCT tbl) FROM sqlite_stat1 WHERE tbl IN ('enterprises', 'hazards')",
    )
    .await
}

/// Every index definition of the schema, and how many indexes are
/// recorded as set aside by a bulk load.
async fn indexes(app: &TestApp) -> (String, i64) {
    let defs = value(
        app,
        "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes \
         WHERE schemaname = 'public'",
        "SELECT group_concat(sql, char(10)) FROM \
         (SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)",
    )
    .await;
    let pending = value(
        app,
        "SELECT count(*) FROM deferred_indexes",
        "SELECT count(*) FROM deferred_indexes",
    )
    .await;
    (defs, pending)
}

async fn seeded(app: &TestApp) {
    let env = [("ANJIAN_DEMO_PASSWORD", DEMO_PASSWORD)];
    let before = indexes(app).await;
    assert!(before.0.contains("hazards_recent") && before.0.contains("enterprises_list"));
    assert_eq!(before.1, 0);
    let out = app.cli_env(SEED, &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("300 enterprises"), "{said}");
    // The loads set the indexes aside and built the same ones after them.
    assert!(
        said.contains("indexes set aside during the loads"),
        "{said}"
    );
    assert_eq!(indexes(app).await, before, "indexes back: {said}");
    assert_eq!(totals(app).await, (300, 2000));
    assert_eq!(
        analyzed(app).await,
        2,
        "planner statistics refreshed: {said}"
    );

    // Users for every role; an enterprise user belongs to a generated
    // enterprise, deterministic for the seed, with hazards at it.
    for user in [
        "county-admin@330203",
        "inspector@330106",
        "examinee@330203",
        "plugin-developer@330106",
        "city-admin@330200",
    ] {
        app.login(user).await;
    }
    let ent = app.login("enterprise-0@330106").await;
    let mine = app
        .ok(
            Some(&ent),
            "{ myEnterprise { uscc } hazards { totalCount } }",
            json!({}),
        )
        .await;
    let expected = anjian_enterprise::generate::row(5, "330106", 0)["uscc"].clone();
    assert_eq!(mine["myEnterprise"]["uscc"], expected);
    assert!(
        mine["hazards"]["totalCount"].as_i64().unwrap() > 0,
        "{mine}"
    );

    // Licensed industries hold licences, and some plants major hazard sources.
    let province = app.login("province-admin@330000").await;
    let held = app
        .ok(
            Some(&province),
            "{ l: enterprises(filter: {licenceExpiringBefore: \"2100-01-01\"}) { totalCount } \
               h: enterprises(filter: {industry: \"HG\"}, first: 100) { edges { node { majorHazards { grade } } } } }",
            json!({}),
        )
        .await;
    assert!(held["l"]["totalCount"].as_i64().unwrap() > 0, "{held}");
    assert!(
        held["h"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| !e["node"]["majorHazards"].as_array().unwrap().is_empty()),
        "{held}"
    );

    // Statistics of the generated hazards equal a recount.
    let q = "query($r: Boolean!) { hazardStatistics(groupBy: DIVISION, recount: $r) { rows { key found rectified overdue listed } } }";
    assert_eq!(
        app.ok(Some(&province), q, json!({"r": false})).await,
        app.ok(Some(&province), q, json!({"r": true})).await
    );

    applications(app, &province, &said).await;

    // Running it again adds nothing.
    let again = app.cli_env(SEED, &env);
    assert!(again.status.success());
    assert_eq!(totals(app).await, (300, 2000));
    let s = app
        .ok(
            Some(&province),
            "{ standardizationStatistics { total } }",
            json!({}),
        )
        .await;
    assert_eq!(s["standardizationStatistics"]["total"], 400);
}

/// 400 standardization applications: counted by the province, step times
/// equal to a recount of the timelines, and certificates that verify.
async fn applications(app: &TestApp, province: &str, said: &str) {
    assert!(said.contains("400 standardization applications"), "{said}");
    let s = app
        .ok(
            Some(province),
            "{ standardizationStatistics { total stepTimes { state count medianDays } } }",
            json!({}),
        )
        .await;
    assert_eq!(s["standardizationStatistics"]["total"], 400, "{s}");
    let review = s["standardizationStatistics"]["stepTimes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["state"] == "under-review")
        .unwrap_or_else(|| panic!("{s}"))
        .clone();
    let recount: i64 = value(
        app,
        "SELECT COUNT(*) FROM std_events WHERE from_state = 'under-review' AND seq > 1",
        "SELECT COUNT(*) FROM std_events WHERE from_state = 'under-review' AND seq > 1",
    )
    .await;
    assert_eq!(review["count"], recount, "{review}");
    assert!(review["medianDays"].as_f64().unwrap() >= 5.0, "{review}");
    let number: String = value(
        app,
        "SELECT number FROM std_certificates WHERE status = 'valid' ORDER BY number LIMIT 1",
        "SELECT number FROM std_certificates WHERE status = 'valid' ORDER BY number LIMIT 1",
    )
    .await;
    let check = app
        .ok(
            None,
            "query($n: String!) { certificateCheck(number: $n) { signatureValid } }",
            json!({"n": number}),
        )
        .await;
    assert_eq!(check["certificateCheck"]["signatureValid"], true, "{check}");
}
both!(seed_small_scale, seeded);

/// `serve --demo` adds the small scale unless told otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_server_has_generated_data() {
    let env = vec![("ANJIAN_DEMO_SCALE".to_string(), "small".to_string())];
    let app = spawn_with(Backend::Sqlite, Opts { redis: false, env })
        .await
        .expect("sqlite");
    assert_eq!(totals(&app).await, (2000, 10_000));
    let t = app.login("county-admin@330106").await;
    let d = app
        .ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
        .await;
    assert_eq!(d["enterprises"]["totalCount"], 1000);
}
