//! The after-hook `accident.reported`: a county's plugin runs from the job
//! queue once a flash report is committed, and its notification reaches the
//! county's duty officers; another county's reports run none of it.

use crate::accident::{data, report, unit};
use crate::both;
use crate::helpers::*;
use crate::plugins::{install_on, posts_of, wait_invocations, wait_posts};
use serde_json::json;

async fn reported_hook(app: &TestApp) {
    // notify("inspector", "duty", "checked")
    let body =
        "i32.const 200 i32.const 9 i32.const 220 i32.const 4 i32.const 100 i32.const 7 call $notify
        i32.const 16";
    let data_ = r#"(data (i32.const 200) "inspector") (data (i32.const 220) "duty")"#;
    let wasm = anjian_plugin_host::fixtures::component(body, data_, "accident-reactor");
    let sample = json!({
        "accidentId": "sample", "unitName": "样例单位", "divisionCode": "330106",
        "occurredAt": "2026-11-01T02:00:00Z", "place": "车间", "accidentType": "03",
        "industry": "C3311", "grade": "general", "deaths": 1, "missing": 0,
        "seriousInjuries": 0, "minorInjuries": 0, "directLossWan": 10.0, "summary": "机械伤害"
    });
    let (_, t) = install_on(app, "duty-officers", wasm, "accident.reported", sample).await;
    let effects = &t["testPlugin"]["output"]["effects"];
    assert_eq!(effects[0]["effect"], "notify", "{t}");
    assert_eq!(effects[0]["role"], "inspector", "{t}");
    let insp = app.login("inspector@330106").await;
    assert!(
        posts_of(app, &insp, "plugin").await.is_empty(),
        "a dry run applies nothing"
    );

    let county = app.login("county-admin@330106").await;
    let other = app.login("county-admin@330203").await;
    let mut elsewhere = unit(1, 0, 10.0);
    elsewhere["divisionCode"] = json!("330203");
    data(&report(app, &other, elsewhere).await, "reportAccident");
    data(
        &report(app, &county, unit(1, 0, 10.0)).await,
        "reportAccident",
    );
    let posts = wait_posts(app, &insp, "plugin").await;
    assert_eq!(
        posts.len(),
        1,
        "one notification for the county's one report: {posts:?}"
    );
    assert!(
        posts[0]["title"].as_str().unwrap().contains("duty"),
        "{posts:?}"
    );
    assert_eq!(posts[0]["body"], "checked");
    let dev = app.login("plugin-developer@330106").await;
    let list = wait_invocations(app, &dev, "330106", "duty-officers", 1).await;
    assert!(list.len() == 1 && list[0]["failure"].is_null(), "{list:?}");
    assert_eq!(list[0]["input"]["unitName"], "某建筑工地", "{list:?}");
    let other_insp = app.login("inspector@330203").await;
    assert!(posts_of(app, &other_insp, "plugin").await.is_empty());
}

both!(accident_reported_hook, reported_hook);
