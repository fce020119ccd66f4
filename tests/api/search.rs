//! Enterprise search pages: a search alone, by name, is paged from the
//! search table on PostgreSQL (migration 0013); with another filter or sort
//! it names its hits; SQLite scans. Every path gives the same rows, in the
//! same order, with the same total, and follows a rename at once.

use crate::both;
use crate::helpers::*;
use anjian_enterprise::model::generate_uscc;
use serde_json::{json, Value};

const CREATE: &str = "mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }";
const LIST: &str = "query($f: EnterpriseFilter, $o: EnterpriseSort!, $d: Boolean!, $a: String) {
  enterprises(filter: $f, orderBy: $o, descending: $d, first: 4, after: $a) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name industry } } } }";

fn input(seed: u64, name: &str, industry: &str) -> Value {
    json!({
        "uscc": generate_uscc(seed, "330106").to_string(), "name": name, "principal": "王建华",
        "principalPhone": "0571-88888888", "productionAddress": format!("杭州市城东街道人民路{seed}号"),
        "divisionCode": "330106001", "industry": industry, "staffCount": 40, "revenueWan": 800.0
    })
}

/// Every page of a list, followed through its cursors: (names, total).
async fn all_pages(
    app: &TestApp,
    t: &str,
    f: Value,
    order: &str,
    desc: bool,
) -> (Vec<String>, i64) {
    let (mut names, mut after, mut total) = (Vec::new(), Value::Null, -1);
    loop {
        let d = app
            .ok(
                Some(t),
                LIST,
                json!({"f": f, "o": order, "d": desc, "a": after}),
            )
            .await;
        let page = &d["enterprises"];
        let t = page["totalCount"].as_i64().unwrap();
        assert!(total == -1 || total == t, "the total moved between pages");
        total = t;
        for e in page["edges"].as_array().unwrap() {
            names.push(e["node"]["name"].as_str().unwrap().to_string());
        }
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return (names, total);
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

async fn pages_agree(app: &TestApp) {
    let t = app.login("county-admin@330106").await;
    let mut expected = Vec::new();
    for (k, stem) in [
        "恒达", "华鑫", "永盛", "金鼎", "瑞丰", "泰宏", "新兴", "隆昌", "顺祥", "康宇", "航创",
    ]
    .iter()
    .enumerate()
    {
        let industry = if k % 3 == 0 { "HG" } else { "JX" };
        let name = format!("杭州{stem}机械有限公司");
        app.ok(
            Some(&t),
            CREATE,
            json!({"i": input(300 + k as u64, &name, industry)}),
        )
        .await;
        expected.push((name, industry));
    }
    // Beside them, firms the search must not find.
    app.ok(
        Some(&t),
        CREATE,
        json!({"i": input(399, "杭州远东贸易有限公司", "SM")}),
    )
    .await;
    let mut names: Vec<String> = expected.iter().map(|(n, _)| n.clone()).collect();
    names.sort();
    let search = json!({"search": "机械"});
    let (asc, total) = all_pages(app, &t, search.clone(), "NAME", false).await;
    assert_eq!((asc.clone(), total), (names.clone(), 11));
    let (desc, total) = all_pages(app, &t, search.clone(), "NAME", true).await;
    let mut reversed = names.clone();
    reversed.reverse();
    assert_eq!((desc, total), (reversed, 11));
    // The same order through the hits (a filter beside the search), as the
    // database orders names.
    let (operating, _) = all_pages(
        app,
        &t,
        json!({"search": "机械", "status": "operating"}),
        "NAME",
        false,
    )
    .await;
    assert_eq!(operating, asc);
    // Another sort or another filter: the same rows.
    let (by_uscc, total) = all_pages(app, &t, search.clone(), "USCC", false).await;
    let mut sorted = by_uscc.clone();
    sorted.sort();
    assert_eq!((sorted, total), (names.clone(), 11));
    let (hg, total) = all_pages(
        app,
        &t,
        json!({"search": "机械", "industry": "HG"}),
        "NAME",
        false,
    )
    .await;
    let mut want: Vec<String> = expected
        .iter()
        .filter(|(_, i)| *i == "HG")
        .map(|(n, _)| n.clone())
        .collect();
    want.sort();
    assert_eq!((hg, total), (want, 4));
    // A term of four characters, and one found nowhere.
    let (four, _) = all_pages(app, &t, json!({"search": "华鑫机械"}), "NAME", false).await;
    assert_eq!(four, ["杭州华鑫机械有限公司"]);
    let (none, total) = all_pages(app, &t, json!({"search": "钢铁"}), "NAME", false).await;
    assert!(none.is_empty() && total == 0);
    // A rename moves the firm in the order at once.
    let d = app
        .ok(
            Some(&t),
            "query { enterprises(filter: {search: \"恒达机械\"}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let id = d["enterprises"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.ok(
        Some(&t),
        "mutation($id: String!, $i: EnterpriseInput!) { updateEnterprise(id: $id, input: $i) { id } }",
        json!({"id": id, "i": input(300, "杭州一达机械有限公司", "HG")}),
    )
    .await;
    let (asc, total) = all_pages(app, &t, search.clone(), "NAME", false).await;
    assert_eq!(total, 11);
    assert_eq!(asc[0], "杭州一达机械有限公司", "{asc:?}");
    // Another county sees none of them.
    let other = app.login("county-admin@330203").await;
    let (theirs, total) = all_pages(app, &other, search, "NAME", false).await;
    assert!(theirs.is_empty() && total == 0, "{theirs:?}");
}
both!(search_pages_agree_on_every_path, pages_agree);
