//! The enterprise register: create/update/close with history, lists and
//! search, statistics, change requests, the change feed, and bulk import and
//! export with their bad inputs, on both backends.

use crate::both;
use crate::helpers::*;
use anjian_enterprise::model::generate_uscc;
use serde_json::{json, Value};
use std::path::PathBuf;

const CREATE: &str = "mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id tenantCode uscc sizeBand aboveDesignatedSize maxHazardGrade safetyManagerPhone } }";

fn uscc(seed: u64, county: &str) -> String {
    generate_uscc(seed, county).to_string()
}

fn input(seed: u64, county: &str, name: &str) -> Value {
    json!({
        "uscc": uscc(seed, county), "name": name, "principal": "王五", "principalPhone": "0571-88888888", "safetyManager": "陈华", "safetyManagerPhone": "0571-8888 5678",
        "productionAddress": format!("{county}某路{seed}号"), "divisionCode": format!("{county}001"),
        "industry": "WH", "staffCount": 320, "revenueWan": 2500.0, "foundedOn": "2012-05-01",
        "riskFlags": ["dust-explosion"],
        "licences": [{"kind": "安全生产许可证", "number": format!("ZJ-{seed}"), "issuedOn": "2024-01-01", "expiresOn": "2027-01-01"}],
        "majorHazards": [{"name": "储罐区", "rValue": 120.0}]
    })
}

async fn crud(app: &TestApp) {
    let t = app.login("county-admin@330106").await;
    let d = app
        .ok(
            Some(&t),
            CREATE,
            json!({"i": input(1, "330106", "杭州某某化工有限公司")}),
        )
        .await;
    let e = &d["createEnterprise"];
    assert_eq!(
        e["safetyManagerPhone"], "0571-8888 5678",
        "stored and read back"
    );
    assert_eq!(
        (e["tenantCode"].as_str(), e["sizeBand"].as_str()),
        (Some("330106"), Some("medium")),
        "320 staff, 2500万: medium by the 2017 rules"
    );
    assert_eq!(e["aboveDesignatedSize"], true);
    assert_eq!(e["maxHazardGrade"], 1, "R=120 is grade 1");
    let id = e["id"].as_str().unwrap().to_string();
    let dup = app
        .gql(Some(&t), CREATE, json!({"i": input(1, "330106", "重复")}))
        .await;
    assert_eq!(code(&dup), "CONFLICT");
    // Update keeps history: who, when, fields, before and after.
    app.ok(Some(&t), "mutation($id: String!) { updateEnterprise(id: $id, input: {staffCount: 1200, revenueWan: 50000}) { sizeBand } }", json!({"id": id})).await;
    let detail = app
        .ok(Some(&t), "query($id: String!) { enterprise(id: $id) { sizeBand licences { number expiresOn } majorHazards { grade } history { totalCount edges { node { operation actor changes } } } } }", json!({"id": id}))
        .await;
    let en = &detail["enterprise"];
    assert_eq!(en["sizeBand"], "large");
    assert_eq!(en["licences"][0]["expiresOn"], "2027-01-01");
    assert_eq!(en["history"]["totalCount"], 2);
    let upd = &en["history"]["edges"][1]["node"];
    assert_eq!(
        (upd["operation"].as_str(), upd["actor"].as_str()),
        (Some("update"), Some("county-admin@330106"))
    );
    assert!(
        upd["changes"].to_string().contains("\"before\":320"),
        "{upd}"
    );
    // Close, then closing again names the current state; reopen.
    app.ok(
        Some(&t),
        "mutation($id: String!) { closeEnterprise(id: $id) { status } }",
        json!({"id": id}),
    )
    .await;
    let again = app
        .gql(
            Some(&t),
            "mutation($id: String!) { closeEnterprise(id: $id) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&again), "CONFLICT");
    assert!(
        again["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("关闭"),
        "{again}"
    );
    let re = app
        .ok(
            Some(&t),
            "mutation($id: String!) { reopenEnterprise(id: $id) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(re["reopenEnterprise"]["status"], "operating");
    // Bad input: each a field error, nothing written.
    let mut bad = input(2, "330106", "坏数据");
    let mut wrong_check = uscc(2, "330106");
    let last = wrong_check.pop().unwrap();
    wrong_check.push(if last == '0' { '1' } else { '0' });
    bad["uscc"] = json!(wrong_check);
    bad["staffCount"] = json!(-1);
    bad["foundedOn"] = json!("2999-01-01");
    bad["industry"] = json!("ZZ");
    let v = app.gql(Some(&t), CREATE, json!({"i": bad})).await;
    assert_eq!(code(&v), "VALIDATION_FAILED");
    let fields: Vec<&str> = v["errors"][0]["extensions"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    for f in ["uscc", "staff_count", "founded_on", "industry"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let outside = app
        .gql(
            Some(&t),
            CREATE,
            json!({"i": input(3, "330203", "外县企业")}),
        )
        .await;
    assert_eq!(
        code(&outside),
        "NOT_FOUND",
        "a division outside the caller's tenants"
    );
    let count = app
        .ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
        .await;
    assert_eq!(count["enterprises"]["totalCount"], 1);
    // Other tenants see nothing of it.
    let other = app.login("county-admin@330203").await;
    assert_eq!(
        code(
            &app.gql(
                Some(&other),
                "query($id: String!) { enterprise(id: $id) { name } }",
                json!({"id": id})
            )
            .await
        ),
        "NOT_FOUND"
    );
    let upd = app
        .gql(
            Some(&other),
            "mutation($id: String!) { updateEnterprise(id: $id, input: {name: \"x\"}) { name } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&upd), "NOT_FOUND");
    assert_eq!(
        app.ok(Some(&other), "{ enterprises { totalCount } }", json!({}))
            .await["enterprises"]["totalCount"],
        0
    );
    let exam = app.login("examinee@330106").await;
    assert_eq!(
        code(
            &app.gql(Some(&exam), "{ enterprises { totalCount } }", json!({}))
                .await
        ),
        "FORBIDDEN"
    );
}
both!(enterprise_lifecycle_and_history, crud);

async fn lists(app: &TestApp) {
    let t = app.login("county-admin@330106").await;
    let names = ["杭州某某化工有限公司", "西湖机械制造厂", "杭州商贸有限公司"];
    for (i, n) in names.iter().enumerate() {
        let mut inp = input(10 + i as u64, "330106", n);
        if i == 1 {
            inp["industry"] = json!("JX");
            inp["riskFlags"] = json!(["confined-space"]);
            inp["licences"] = json!([
                {"kind": "排污许可证", "number": "P-2", "scope": "废水", "issuedOn": "2024-07-01", "expiresOn": "2027-06-30"},
                {"kind": "排污许可证", "number": "P-1", "expiresOn": "2026-12-31"}
            ]);
            inp["majorHazards"] = json!([]);
        }
        if i == 2 {
            inp["licences"] = json!([]);
            // The filtered flag second in the list, after another.
            inp["riskFlags"] = json!(["molten-metal", "confined-space"]);
        }
        app.ok(Some(&t), CREATE, json!({"i": inp})).await;
    }
    let ids = "query($f: EnterpriseFilter) { enterprises(filter: $f, orderBy: NAME) { totalCount edges { node { name } } } }";
    let count = |v: &Value| v["enterprises"]["totalCount"].as_i64().unwrap();
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"search": "化工"}}))
                .await
        ),
        1,
        "Chinese substring search"
    );
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"search": "杭州"}}))
                .await
        ),
        2
    );
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"search": "100%_"}}))
                .await
        ),
        0,
        "wildcards are literal"
    );
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"industry": "JX"}}))
                .await
        ),
        1
    );
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"industry": "危险化学品"}}))
                .await
        ),
        2
    );
    let flagged = |v: &Value| -> Vec<String> {
        v["enterprises"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    let confined = app
        .ok(Some(&t), ids, json!({"f": {"riskFlag": "有限空间"}}))
        .await;
    assert_eq!(count(&confined), 2);
    assert_eq!(
        flagged(&confined),
        ["杭州商贸有限公司", "西湖机械制造厂"],
        "a flag anywhere in the list, the page in name order"
    );
    let dust = app
        .ok(Some(&t), ids, json!({"f": {"riskFlag": "dust-explosion"}}))
        .await;
    assert_eq!(flagged(&dust), ["杭州某某化工有限公司"]);
    let none = app
        .ok(
            Some(&t),
            ids,
            json!({"f": {"riskFlag": "ammonia-refrigeration"}}),
        )
        .await;
    assert_eq!((count(&none), flagged(&none).len()), (0, 0));
    assert_eq!(
        count(
            &app.ok(
                Some(&t),
                ids,
                json!({"f": {"licenceExpiringBefore": "2027-01-01"}})
            )
            .await
        ),
        1
    );
    assert_eq!(
        count(
            &app.ok(Some(&t), ids, json!({"f": {"majorHazardGrade": 1}}))
                .await
        ),
        2
    );
    assert_eq!(count(&app.ok(Some(&t), ids, json!({"f": {"divisionPrefix": "330106001", "sizeBand": "medium", "status": "operating"}})).await), 3);
    let bad = app
        .gql(Some(&t), ids, json!({"f": {"industry": "nope"}}))
        .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["details"][0]["field"],
        "industry"
    );
    let licences = "licences { kind number scope issuedOn expiresOn }";
    let page = app.ok(Some(&t), &format!("{{ enterprises(first: 2, orderBy: UPDATED_AT, descending: true) {{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id name {licences} }} }} }} }}"), json!({})).await;
    assert_eq!(page["enterprises"]["edges"].as_array().unwrap().len(), 2);
    let cursor = page["enterprises"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap();
    // Licences read with the page equal those of the detail (its loader),
    // soonest expiry first, none as an empty list.
    let edges = page["enterprises"]["edges"].as_array().unwrap();
    for e in edges {
        let detail = app
            .ok(
                Some(&t),
                &format!("query($id: String!) {{ enterprise(id: $id) {{ {licences} }} }}"),
                json!({"id": e["node"]["id"]}),
            )
            .await;
        assert_eq!(detail["enterprise"]["licences"], e["node"]["licences"]);
    }
    assert_eq!(edges[0]["node"]["licences"], json!([]));
    assert_eq!(
        edges[1]["node"]["licences"],
        json!([
            {"kind": "排污许可证", "number": "P-1", "scope": null, "issuedOn": null, "expiresOn": "2026-12-31"},
            {"kind": "排污许可证", "number": "P-2", "scope": "废水", "issuedOn": "2024-07-01", "expiresOn": "2027-06-30"}
        ])
    );
    let rest = app
        .ok(
            Some(&t),
            "query($a: String) { enterprises(first: 2, after: $a) { totalCount pageInfo { endCursor } edges { node { name } } } }",
            json!({"a": cursor}),
        )
        .await;
    assert_eq!(rest["enterprises"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(rest["enterprises"]["totalCount"], 3);
    // Past the last page: no rows, the count still right.
    let past = app
        .ok(
            Some(&t),
            "query($a: String) { enterprises(first: 2, after: $a) { totalCount pageInfo { hasNextPage } edges { node { name } } } }",
            json!({"a": rest["enterprises"]["pageInfo"]["endCursor"]}),
        )
        .await;
    assert_eq!(past["enterprises"]["edges"], json!([]));
    assert_eq!(past["enterprises"]["totalCount"], 3);
    assert_eq!(past["enterprises"]["pageInfo"]["hasNextPage"], false);
    // Statistics roll up county -> city -> province, each seeing its own.
    let prov = app.login("province-admin@330000").await;
    let stats = app
        .ok(
            Some(&prov),
            "{ enterpriseStatistics { tenantCode industry sizeBand count } }",
            json!({}),
        )
        .await;
    let sum = |tenant: &str| {
        stats["enterpriseStatistics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["tenantCode"] == tenant)
            .map(|s| s["count"].as_i64().unwrap())
            .sum::<i64>()
    };
    assert_eq!((sum("330106"), sum("330100"), sum("330000")), (3, 3, 3));
    let county_stats = app
        .ok(
            Some(&t),
            "{ enterpriseStatistics { tenantCode } }",
            json!({}),
        )
        .await
        .to_string();
    assert!(
        !county_stats.contains("330100"),
        "a county sees only its own figures"
    );
    // The change feed, resumable by cursor.
    let feed = app
        .ok(
            Some(&prov),
            "{ enterpriseChanges(first: 2) { cursor operation uscc } }",
            json!({}),
        )
        .await;
    let c = feed["enterpriseChanges"][1]["cursor"].as_str().unwrap();
    let next = app
        .ok(
            Some(&prov),
            "query($s: String) { enterpriseChanges(since: $s) { operation } }",
            json!({"s": c}),
        )
        .await;
    assert_eq!(next["enterpriseChanges"].as_array().unwrap().len(), 1);
}
both!(enterprise_lists_search_statistics_and_feed, lists);

async fn change_requests(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let code_ = uscc(20, "330106");
    app.ok(
        Some(&admin),
        CREATE,
        json!({"i": input(20, "330106", "申请企业")}),
    )
    .await;
    let org = app
        .ok(Some(&admin), "mutation($u: String!) { createOrganisation(input: {tenantCode: \"330106\", kind: \"enterprise\", name: \"申请企业\", uscc: $u}) { id } }", json!({"u": code_}))
        .await;
    let oid = org["createOrganisation"]["id"].as_str().unwrap();
    app.ok(Some(&admin), "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", json!({"i": {"tenantCode": "330106", "username": "ent-user", "displayName": "企业填报员", "password": DEMO_PASSWORD, "roles": ["enterprise"], "organisationId": oid}})).await;
    let ent = app.login("ent-user").await;
    let mine = app
        .ok(Some(&ent), "{ myEnterprise { uscc name } }", json!({}))
        .await;
    assert_eq!(mine["myEnterprise"]["uscc"], code_);
    assert_eq!(
        code(
            &app.gql(Some(&ent), "{ enterprises { totalCount } }", json!({}))
                .await
        ),
        "FORBIDDEN",
        "an enterprise reads only its own"
    );
    let submit =
        "mutation($i: EnterpriseInput!) { submitEnterpriseChange(input: $i) { id status } }";
    let bad = app
        .gql(Some(&ent), submit, json!({"i": {"staffCount": -3}}))
        .await;
    assert_eq!(code(&bad), "VALIDATION_FAILED", "checked before filing");
    let cr = app
        .ok(Some(&ent), submit, json!({"i": {"principal": "赵六"}}))
        .await;
    let cr_id = cr["submitEnterpriseChange"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let decide =
        "mutation($i: DecideChangeInput!) { decideEnterpriseChange(input: $i) { status reason } }";
    let no_reason = app
        .gql(
            Some(&admin),
            decide,
            json!({"i": {"id": cr_id, "approve": false}}),
        )
        .await;
    assert_eq!(
        no_reason["errors"][0]["extensions"]["details"][0]["field"],
        "reason"
    );
    let other = app.login("county-admin@330203").await;
    assert_eq!(
        code(
            &app.gql(
                Some(&other),
                decide,
                json!({"i": {"id": cr_id, "approve": true}})
            )
            .await
        ),
        "NOT_FOUND",
        "another county's request"
    );
    app.ok(
        Some(&admin),
        decide,
        json!({"i": {"id": cr_id, "approve": true}}),
    )
    .await;
    let after = app
        .ok(Some(&ent), "{ myEnterprise { principal } }", json!({}))
        .await;
    assert_eq!(
        after["myEnterprise"]["principal"], "赵六",
        "approval applies the change"
    );
    assert_eq!(
        code(
            &app.gql(
                Some(&admin),
                decide,
                json!({"i": {"id": cr_id, "approve": false, "reason": "x"}})
            )
            .await
        ),
        "CONFLICT"
    );
    let cr2 = app
        .ok(Some(&ent), submit, json!({"i": {"name": "改名"}}))
        .await;
    let id2 = cr2["submitEnterpriseChange"]["id"].as_str().unwrap();
    let rej = app
        .ok(
            Some(&admin),
            decide,
            json!({"i": {"id": id2, "approve": false, "reason": "名称须与营业执照一致"}}),
        )
        .await;
    assert_eq!(rej["decideEnterpriseChange"]["status"], "rejected");
    let list = app
        .ok(
            Some(&ent),
            "{ enterpriseChangeRequests { status reason } }",
            json!({}),
        )
        .await;
    assert_eq!(
        list["enterpriseChangeRequests"].as_array().unwrap().len(),
        2
    );
}
both!(enterprise_change_requests, change_requests);

/// A CSV as Chinese Excel saves it: GB18030 with Chinese headers.
fn gb18030_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = String::from("统一社会信用代码,企业名称,主要负责人,生产经营地址,所在行政区划代码,监管行业,从业人员数,营业收入（万元）,成立日期,重点风险标识\n");
    for r in rows {
        text.push_str(&r.join(","));
        text.push('\n');
    }
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    bytes.into_owned()
}

fn row(seed: u64, name: &str, staff: &str, founded: &str) -> Vec<String> {
    vec![
        uscc(seed, "330106"),
        name.into(),
        "张三".into(),
        "西湖区文三路".into(),
        "330106001".into(),
        "WH".into(),
        staff.into(),
        "500".into(),
        founded.into(),
        "粉尘涉爆；有限空间".into(),
    ]
}

/// A file path in a directory of its own, removed with it when dropped
/// (with the reports and rejects written beside it).
struct TempFile(PathBuf);

impl std::ops::Deref for TempFile {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempFile {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn temp(name: &str) -> TempFile {
    let dir = std::env::temp_dir().join(format!("anjian-imp-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    TempFile(dir.join(name))
}

async fn import_cycle(app: &TestApp) {
    let file = temp("register.csv");
    let mut rows: Vec<Vec<String>> = (0..6)
        .map(|i| row(100 + i, &format!("企业{i}"), "30", "2015-03-01"))
        .collect();
    rows.push(row(200, "负数人员", "-4", "2015-03-01"));
    rows.push(row(201, "未来成立", "10", "2999-01-01"));
    rows.push(row(100, "文件内重复", "10", "2015-03-01"));
    rows.push(row(202, "=HYPERLINK(\"x\")", "5", "2015-03-01"));
    std::fs::write(&file, gb18030_csv(&rows)).unwrap();
    let f = file.to_str().unwrap();
    // All or nothing: rejected rows stop the whole file.
    let out = app.cli(&["enterprise", "import", f, "--tenant", "330106"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let t = app.login("county-admin@330106").await;
    let count = || async {
        app.ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
            .await["enterprises"]["totalCount"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count().await, 0, "nothing written");
    let report = std::fs::read_to_string(file.with_extension("report.csv")).unwrap();
    assert!(
        report.contains("staff_count")
            && report.contains("founded_on")
            && report.contains("duplicate USCC"),
        "{report}"
    );
    // Best effort: the valid rows go in; the rejected come back in the same format.
    let out = app.cli(&[
        "enterprise",
        "import",
        f,
        "--tenant",
        "330106",
        "--best-effort",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("7 inserted"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(count().await, 7);
    let rejects = file.with_extension("rejects.csv");
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        text.lines().count(),
        4,
        "header and three rejected rows: {text}"
    );
    // Fix them, re-import only those: all good.
    let fixed: String = text
        .replace(",'-4,", ",4,")
        .replace("2999-01-01", "2001-01-01")
        .replace("文件内重复", "企业0");
    std::fs::write(&rejects, fixed).unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        rejects.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 inserted, 1 updated, 0 unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(count().await, 9);
    // Idempotent: the same file again changes nothing.
    let out = app.cli(&[
        "enterprise",
        "import",
        f,
        "--tenant",
        "330106",
        "--best-effort",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 inserted"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(count().await, 9);
    // Export in the same format; formulas neutralised; re-importable.
    let export = temp("export.csv");
    let out = app.cli(&[
        "enterprise",
        "export",
        "--tenant",
        "330106",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.contains("统一社会信用代码"),
        "BOM and Chinese headers"
    );
    assert!(text.contains("'=HYPERLINK"), "formula neutralised");
    assert_eq!(text.lines().count(), 10);
    let out = app.cli(&[
        "enterprise",
        "import",
        export.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("9 unchanged"),
        "round trip: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let cross = app.cli(&["enterprise", "import", f, "--tenant", "330203"]);
    assert!(!cross.status.success(), "rows of 330106 are outside 330203");
}
both!(import_fix_reimport_export, import_cycle);

async fn bad_files(app: &TestApp) {
    let check = |name: &str, bytes: Vec<u8>, expect: &str| {
        let f = temp(name);
        std::fs::write(&f, bytes).unwrap();
        let out = app.cli(&[
            "enterprise",
            "import",
            f.to_str().unwrap(),
            "--tenant",
            "330106",
        ]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.status.success(), "{name} must fail");
        assert!(all.contains(expect), "{name}: expected {expect:?} in {all}");
    };
    check("empty.csv", vec![], "empty");
    check("noheader.csv", b"\n\n".to_vec(), "header");
    check(
        "missing.csv",
        "统一社会信用代码,企业名称\n".as_bytes().to_vec(),
        "missing required columns",
    );
    let mut extra = gb18030_csv(&[row(1, "a", "1", "2015-01-01")]);
    extra.splice(0..0, b"bogus,".iter().copied());
    check("extra.csv", extra, "unknown columns");
    check(
        "ragged.csv",
        gb18030_csv(&[vec!["1".into(), "2".into()]]),
        "expected 10 cells",
    );
    check(
        "garbage.csv",
        vec![0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, b'\n'],
        "",
    );
    check(
        "bad.jsonl",
        b"{\"uscc\": 1\n[1,2]\n{\"evil\": true}\n".to_vec(),
        "invalid JSON",
    );
    // Over the size limit: refused before reading a row.
    let big = temp("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(300 << 20).unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        big.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("limit"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = app.login("county-admin@330106").await;
    assert_eq!(
        app.ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
            .await["enterprises"]["totalCount"],
        0,
        "nothing imported"
    );
}
both!(bad_import_files_are_refused, bad_files);

async fn wait_import(app: &TestApp, token: &str, id: &str) -> Value {
    for _ in 0..100 {
        let d = app
            .ok(Some(token), "query($id: String!) { enterpriseImport(id: $id) { status rowsRead inserted rejected aborted rejections rejectedRowsBase64 error } }", json!({"id": id}))
            .await;
        let st = d["enterpriseImport"]["status"]
            .as_str()
            .unwrap()
            .to_string();
        if st == "done" || st == "failed" {
            return d["enterpriseImport"].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {id} did not finish");
}

async fn start_import(app: &TestApp, t: &str, input: Value) -> String {
    let q = "mutation($i: ImportEnterprisesInput!) { importEnterprises(input: $i) { id status } }";
    app.ok(Some(t), q, json!({"i": input})).await["importEnterprises"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn graphql_import(app: &TestApp) {
    use base64::Engine;
    let t = app.login("county-admin@330106").await;
    let lines: Vec<String> = (0..3)
        .map(|i| json!({"schema": "anjian.enterprise/v1", "uscc": uscc(300 + i, "330106"), "name": format!("JSON企业{i}"), "production_address": "x", "division_code": "330106", "industry": "HG", "major_hazards": [{"name": "罐区", "r_value": 60}]}).to_string())
        .collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(lines.join("\n"));
    let q = "mutation($i: ImportEnterprisesInput!) { importEnterprises(input: $i) { id status } }";
    let dry = start_import(app, &t, json!({"tenantCode": "330106", "contentBase64": b64, "format": "JSON_LINES", "dryRun": true})).await;
    let r = wait_import(app, &t, &dry).await;
    assert_eq!(
        (r["status"].as_str(), r["inserted"].as_i64()),
        (Some("done"), Some(0))
    );
    let id = start_import(
        app,
        &t,
        json!({"tenantCode": "330106", "contentBase64": b64, "format": "JSON_LINES"}),
    )
    .await;
    let r = wait_import(app, &t, &id).await;
    assert_eq!(
        (r["inserted"].as_i64(), r["rowsRead"].as_i64()),
        (Some(3), Some(3)),
        "{r}"
    );
    let g = app
        .ok(
            Some(&t),
            "{ enterprises(filter: {majorHazardGrade: 2}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(g["enterprises"]["totalCount"], 3, "R=60 is grade 2");
    // A GB18030 CSV with a rejected row: the report and the rows to fix come back.
    let csv = gb18030_csv(&[
        row(310, "好企业", "5", "2015-01-01"),
        row(311, "坏企业", "-1", "2015-01-01"),
    ]);
    let id = start_import(app, &t, json!({"tenantCode": "330106", "contentBase64": base64::engine::general_purpose::STANDARD.encode(csv), "format": "CSV", "bestEffort": true})).await;
    let r = wait_import(app, &t, &id).await;
    assert_eq!(
        (r["inserted"].as_i64(), r["rejected"].as_i64()),
        (Some(1), Some(1)),
        "{r}"
    );
    assert_eq!(r["rejections"][0]["column"], "staff_count");
    let back = base64::engine::general_purpose::STANDARD
        .decode(r["rejectedRowsBase64"].as_str().unwrap())
        .unwrap();
    assert!(String::from_utf8_lossy(&back).contains("坏企业"));
    let bad = start_import(app, &t, json!({"tenantCode": "330106", "contentBase64": base64::engine::general_purpose::STANDARD.encode("统一社会信用代码\n1\n"), "format": "CSV"})).await;
    let r = wait_import(app, &t, &bad).await;
    assert_eq!(r["status"], "failed");
    assert!(r["error"].as_str().unwrap().contains("缺少必需的列"), "{r}");
    let other = app.login("county-admin@330203").await;
    let denied = app
        .gql(
            Some(&other),
            q,
            json!({"i": {"tenantCode": "330106", "contentBase64": b64, "format": "JSON_LINES"}}),
        )
        .await;
    assert_eq!(code(&denied), "NOT_FOUND");
    assert_eq!(
        code(
            &app.gql(
                Some(&other),
                "query($id: String!) { enterpriseImport(id: $id) { status } }",
                json!({"id": id})
            )
            .await
        ),
        "NOT_FOUND"
    );
    let insp = app.login("inspector@330106").await;
    assert_eq!(
        code(
            &app.gql(
                Some(&insp),
                q,
                json!({"i": {"tenantCode": "330106", "contentBase64": b64, "format": "JSON_LINES"}})
            )
            .await
        ),
        "FORBIDDEN"
    );
    let export = app
        .ok(
            Some(&t),
            "{ enterpriseExport(format: JSON_LINES) }",
            json!({}),
        )
        .await;
    assert_eq!(
        export["enterpriseExport"].as_str().unwrap().lines().count(),
        4
    );
    if app.backend == Backend::Postgres {
        // The all-or-nothing import that inserted rows queued one catch-up of
        // the county's search rows (the best-effort one kept its own), and
        // the worker ran it as the app role.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let jobs = app
                .ok(
                    Some(&t),
                    "{ jobs(first: 100) { edges { node { kind status } } } }",
                    json!({}),
                )
                .await;
            let runs: Vec<Value> = jobs["jobs"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone())
                .filter(|n| n["kind"] == "enterprise.search_catch_up")
                .collect();
            assert!(runs.iter().all(|m| m["status"] != "failed"), "{runs:?}");
            if runs.len() == 1 && runs[0]["status"] == "done" {
                break;
            }
            assert!(
                std::time::Instant::now() < until,
                "catch-up not run: {runs:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let found = app
        .ok(
            Some(&t),
            "{ enterprises(filter: {search: \"JSON企业\"}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(found["enterprises"]["totalCount"], 3);
}
both!(import_over_graphql, graphql_import);

async fn conflicts_and_transfer(app: &TestApp) {
    let prov = app.login("province-admin@330000").await;
    // The same USCC registered in 西湖 and 拱墅: flagged to the province.
    let mut a = input(40, "330106", "跨县企业");
    a["licences"] = json!([]);
    app.ok(Some(&prov), CREATE, json!({"i": a.clone()})).await;
    let mut b = a.clone();
    b["divisionCode"] = json!("330105002");
    b["productionAddress"] = json!("拱墅区某路");
    app.ok(Some(&prov), CREATE, json!({"i": b})).await;
    let inbox = crate::jobs::wait_for_notifications(app, &prov, 1).await;
    assert!(inbox.to_string().contains("多个县重复登记"), "{inbox}");
    let c = app
        .ok(
            Some(&prov),
            "{ enterpriseUsccConflicts { uscc enterprises { id tenantCode } } }",
            json!({}),
        )
        .await;
    let list = c["enterpriseUsccConflicts"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["uscc"], uscc(40, "330106"));
    let county = app.login("county-admin@330106").await;
    let theirs = app
        .ok(
            Some(&county),
            "{ enterpriseUsccConflicts { uscc } }",
            json!({}),
        )
        .await;
    assert_eq!(
        theirs["enterpriseUsccConflicts"].as_array().unwrap().len(),
        0,
        "a county sees only its own register"
    );
    // Moving onto a county that already holds the USCC is refused.
    let in_105 = list[0]["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["tenantCode"] == "330105")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let transfer = "mutation($id: String!, $d: String!) { transferEnterprise(id: $id, divisionCode: $d) { tenantCode divisionCode history { edges { node { operation } } } licences { number } } }";
    let refused = app
        .gql(
            Some(&prov),
            transfer,
            json!({"id": in_105, "d": "330106001"}),
        )
        .await;
    assert_eq!(code(&refused), "CONFLICT");
    // A real move keeps history and children.
    let moved = app
        .ok(
            Some(&county),
            CREATE,
            json!({"i": input(41, "330106", "迁出企业")}),
        )
        .await;
    let mid = moved["createEnterprise"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let outside = app
        .gql(
            Some(&county),
            transfer,
            json!({"id": mid, "d": "330108001"}),
        )
        .await;
    assert_eq!(
        code(&outside),
        "NOT_FOUND",
        "a county can't move into another county"
    );
    let d = app
        .ok(Some(&prov), transfer, json!({"id": mid, "d": "330108001"}))
        .await;
    let t = &d["transferEnterprise"];
    assert_eq!(t["tenantCode"], "330108");
    assert_eq!(t["licences"].as_array().unwrap().len(), 1, "children moved");
    let ops: Vec<&str> = t["history"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["create", "transfer"]);
    assert_eq!(
        code(
            &app.gql(
                Some(&county),
                "query($id: String!) { enterprise(id: $id) { name } }",
                json!({"id": mid})
            )
            .await
        ),
        "NOT_FOUND",
        "gone from 西湖"
    );
}
both!(
    uscc_conflicts_flagged_and_transfer_keeps_history,
    conflicts_and_transfer
);

async fn licence_reminders(app: &TestApp) {
    let admin = app.login("county-admin@330106").await;
    let soon = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let mut i = input(50, "330106", "许可证将到期企业");
    i["licences"] = json!([{"kind": "危险化学品经营许可证", "number": "WH-50", "expiresOn": soon}, {"kind": "排污许可证", "number": "P-50", "expiresOn": "2099-01-01"}]);
    app.ok(Some(&admin), CREATE, json!({"i": i})).await;
    let insp = app.login("inspector@330106").await;
    let inbox = crate::jobs::wait_for_notifications(app, &insp, 1).await;
    let n = &inbox["notifications"]["edges"][0]["node"];
    assert_eq!(n["kind"], "licence-expiring");
    assert!(
        n["body"].as_str().unwrap().contains("WH-50")
            && n["body"].as_str().unwrap().contains(&soon),
        "{n}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let again = app
        .ok(Some(&insp), "{ notifications { totalCount } }", json!({}))
        .await;
    assert_eq!(
        again["notifications"]["totalCount"], 1,
        "once per licence; the far one not yet"
    );
    let other = app.login("inspector@330203").await;
    assert_eq!(
        app.ok(Some(&other), "{ notifications { totalCount } }", json!({}))
            .await["notifications"]["totalCount"],
        0
    );

    // The bulk import writes a batch's licences and sources together, and
    // schedules each licence's reminder the same way.
    let file = temp("licensed.jsonl");
    let line = |seed: u64, number: &str, expires: &str| {
        json!({"uscc": uscc(seed, "330106"), "name": format!("批量许可企业{seed}"), "principal": "王五",
               "production_address": "某路1号", "division_code": "330106001", "industry": "HG",
               "staff_count": 40, "founded_on": "2015-03-01",
               "licences": [{"kind": "危险化学品安全生产许可证", "number": number, "expires_on": expires}],
               "major_hazards": [{"name": "储罐区", "r_value": 120.0}, {"name": "装置区", "r_value": 8.0}]})
        .to_string()
    };
    std::fs::write(
        &file,
        format!(
            "{}\n{}\n",
            line(51, "HG-51", &soon),
            line(52, "HG-52", "2099-01-01")
        ),
    )
    .unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        file.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inbox = crate::jobs::wait_for_notifications(app, &insp, 2).await;
    assert!(inbox.to_string().contains("HG-51"), "{inbox}");
    let imported = app
        .ok(
            Some(&admin),
            "{ enterprises(filter: {search: \"批量许可企业\"}, orderBy: USCC) { edges { node { licences { number } majorHazards { grade } } } } }",
            json!({}),
        )
        .await;
    let edges = imported["enterprises"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2, "{imported}");
    for e in edges {
        assert_eq!(e["node"]["licences"].as_array().unwrap().len(), 1);
        assert_eq!(e["node"]["majorHazards"].as_array().unwrap().len(), 2);
    }
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(
        app.ok(Some(&insp), "{ notifications { totalCount } }", json!({}))
            .await["notifications"]["totalCount"],
        2,
        "the far licence not yet"
    );
}
both!(
    expiring_licences_are_reminded_through_the_queue,
    licence_reminders
);

async fn killed_and_rerun(app: &TestApp) {
    let file = temp("big.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anjian"))
        .args([
            "enterprise",
            "generate",
            "--tenant",
            "330106",
            "--count",
            "6000",
            "--out",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The import dies right after its second committed batch (best effort
    // commits batch by batch, 1,000 rows each): exactly those rows are
    // there, and a rerun completes the file with every row once.
    let crashed = app.cli_env(
        &[
            "enterprise",
            "import",
            file.to_str().unwrap(),
            "--tenant",
            "330106",
            "--best-effort",
        ],
        &[("ANJIAN_FAULT_IMPORT_ABORT_AFTER_BATCHES", "2")],
    );
    assert!(!crashed.status.success(), "the import was killed");
    let t = app.login("county-admin@330106").await;
    let n = app
        .ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
        .await["enterprises"]["totalCount"]
        .as_i64()
        .unwrap();
    assert_eq!(n, 2000, "the two committed batches, nothing of the third");
    let out = app.cli(&[
        "enterprise",
        "import",
        file.to_str().unwrap(),
        "--tenant",
        "330106",
        "--best-effort",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let n = app
        .ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
        .await["enterprises"]["totalCount"]
        .as_i64()
        .unwrap();
    assert_eq!(n, 6000, "completes with no duplicates");
    // Every row of the file once: each USCC is found exactly once.
    let text = std::fs::read_to_string(&file).unwrap();
    let usccs: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|f| f.len() == 18)
        .collect();
    assert_eq!(usccs.len(), 6000, "the file's USCCs");
    for u in usccs.iter().step_by(500) {
        let v = app
            .ok(
                Some(&t),
                "query($q: String!) { enterprises(filter: {search: $q}) { totalCount } }",
                json!({"q": u}),
            )
            .await;
        assert_eq!(v["enterprises"]["totalCount"], 1, "{u}");
    }
}
both!(
    killed_import_rerun_completes_without_duplicates,
    killed_and_rerun
);

async fn province_rules(app: &TestApp) {
    let prov = app.login("province-admin@330000").await;
    let fields = "largeStaff largeRevenueWan mediumStaff mediumRevenueWan smallStaff smallRevenueWan aboveDesignatedRevenueWan hazardGrade1Min hazardGrade2Min hazardGrade3Min licenceReminderDays";
    let current = app
        .ok(
            Some(&prov),
            &format!("{{ enterpriseRules {{ {fields} }} }}"),
            json!({}),
        )
        .await;
    let mut rules = current["enterpriseRules"].clone();
    assert_eq!(
        rules["mediumStaff"], 300,
        "the 2017 national rule by default"
    );
    let update = format!(
        "mutation($r: EnterpriseRulesInput!) {{ updateEnterpriseRules(input: $r) {{ {fields} }} }}"
    );
    let county = app.login("county-admin@330106").await;
    assert_eq!(
        code(&app.gql(Some(&county), &update, json!({"r": rules})).await),
        "FORBIDDEN"
    );
    let mut bad = rules.clone();
    bad["smallStaff"] = json!(5000);
    assert_eq!(
        code(&app.gql(Some(&prov), &update, json!({"r": bad})).await),
        "VALIDATION_FAILED"
    );
    rules["mediumStaff"] = json!(200);
    app.ok(Some(&prov), &update, json!({"r": rules})).await;
    let mut i = input(60, "330106", "规则测试企业");
    i["staffCount"] = json!(250);
    let d = app.ok(Some(&county), CREATE, json!({"i": i})).await;
    assert_eq!(
        d["createEnterprise"]["sizeBand"], "medium",
        "250 staff is medium under the province's rule"
    );
}
both!(province_sets_the_register_rules, province_rules);

async fn xlsx(app: &TestApp) {
    let file = temp("register.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "统一社会信用代码",
        "企业名称",
        "生产经营地址",
        "所在行政区划代码",
        "监管行业",
        "从业人员数",
        "成立日期",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(u64, &str, f64); 3] = [
        (700, "表格企业甲", 12.0),
        (701, "表格企业乙", 340.0),
        (702, "表格坏行", -2.0),
    ];
    for (r, (seed, name, staff)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, uscc(*seed, "330106")).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, "文三路1号").unwrap();
        ws.write_number(r, 3, 330106001.0).unwrap();
        ws.write_string(r, 4, "JX").unwrap();
        ws.write_number(r, 5, *staff).unwrap();
        ws.write_string(r, 6, "2011-11-11").unwrap();
    }
    wb.save(&file).unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        file.to_str().unwrap(),
        "--tenant",
        "330106",
        "--best-effort",
    ]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("2 inserted") && text.contains("1 rejected"),
        "{text}"
    );
    // Rejected rows come back as a workbook with the same columns plus `error`.
    let rejects = file.with_extension("rejects.xlsx");
    let back = read_xlsx(&rejects);
    assert_eq!(back.len(), 2, "header and the one bad row: {back:?}");
    assert_eq!(back[0].len(), header.len() + 1);
    assert_eq!(back[0].last().unwrap(), "error");
    assert_eq!(back[1][1], "表格坏行");
    assert!(back[1].last().unwrap().contains("staff_count"), "{back:?}");
    // Fix the row in the rejects workbook and import only that.
    let fixed = temp("fixed.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in back.iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(header.len()) {
            let v = if r == 1 && c == 5 { "3" } else { v.as_str() };
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    wb.save(&fixed).unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        fixed.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("1 inserted"), "{text}");
    // Export the register as a workbook: Chinese headers, all three rows.
    let exported = temp("export.xlsx");
    let out = app.cli(&[
        "enterprise",
        "export",
        "--tenant",
        "330106",
        "--format",
        "xlsx",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheet = read_xlsx(&exported);
    assert_eq!(sheet[0][0], "统一社会信用代码");
    let names: Vec<&str> = sheet.iter().skip(1).map(|r| r[1].as_str()).collect();
    for n in ["表格企业甲", "表格企业乙", "表格坏行"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    // The same over GraphQL, base64-encoded.
    let t = app.login("county-admin@330106").await;
    let d = app
        .ok(Some(&t), "{ enterpriseExport(format: XLSX) }", json!({}))
        .await;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(d["enterpriseExport"].as_str().unwrap())
        .unwrap();
    let online = temp("online.xlsx");
    std::fs::write(&online, bytes).unwrap();
    assert_eq!(read_xlsx(&online).len(), sheet.len());
    let d = app.ok(Some(&t), "{ enterprises(filter: {search: \"表格企业乙\"}) { edges { node { staffCount sizeBand divisionCode } } } }", json!({})).await;
    assert_eq!(
        d["enterprises"]["edges"][0]["node"],
        json!({"staffCount": 340, "sizeBand": "micro", "divisionCode": "330106001"}),
        "no revenue given: micro by the 2017 rules"
    );
}
both!(xlsx_workbooks_import, xlsx);

/// Every cell of a workbook's first sheet, as text.
fn read_xlsx(path: &std::path::Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// All or nothing over several batches: a bad row at the very end of a file
/// leaves nothing of the earlier batches behind.
async fn late_rejection(app: &TestApp) {
    let path = std::env::temp_dir().join(format!("late-{}.csv", uuid::Uuid::new_v4().simple()));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anjian"))
        .args([
            "enterprise",
            "generate",
            "--tenant",
            "330106",
            "--count",
            "2500",
            "--seed",
            "9",
            "--out",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "uscc" || *h == "统一社会信用代码")
        .expect("uscc column");
    let last = lines.len() - 1;
    let mut cells: Vec<String> = lines[last].split(',').map(str::to_string).collect();
    cells[col] = "91330106MA2H2L2K2X".into(); // wrong check character
    lines[last] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        path.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(!out.status.success(), "the import is refused");
    let t = app.login("county-admin@330106").await;
    assert_eq!(
        app.ok(Some(&t), "{ enterprises { totalCount } }", json!({}))
            .await["enterprises"]["totalCount"],
        0,
        "nothing of the first 2,499 rows stays: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let _ = std::fs::remove_file(&path);
}
both!(all_or_nothing_rolls_back_a_late_rejection, late_rejection);

async fn search_count(app: &TestApp, token: &str, q: &str) -> i64 {
    app.ok(
        Some(token),
        "query($q: String!) { enterprises(filter: {search: $q}) { totalCount } }",
        json!({ "q": q }),
    )
    .await["enterprises"]["totalCount"]
        .as_i64()
        .unwrap()
}

async fn pg_count(c: &mut sqlx::PgConnection, sql: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(sql).fetch_one(c).await.unwrap().get(0)
}

/// PostgreSQL's search table (bigrams under a GIN index): single writes keep
/// it current at once; a bulk import leaves its county pending, and searches
/// there stay exact (they scan the register) until the catch-up job has run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn search_table_is_exact_before_and_after_an_import_catches_up() {
    use sqlx::Connection;
    // This server polls its queue once an hour: the CLI import's job waits.
    let env = vec![("ANJIAN_JOBS_POLL_MS".to_string(), "3600000".to_string())];
    let Some(app) = spawn_with(Backend::Postgres, Opts { redis: false, env }).await else {
        return;
    };
    let pg = app.pg.as_ref().unwrap();
    let mut su = sqlx::PgConnection::connect(&pg.superuser_url())
        .await
        .unwrap();
    let rows_of = "SELECT count(*) FROM enterprise_search WHERE tenant_id = '330106'";
    let t = app.login("county-admin@330106").await;
    let id = app
        .ok(
            Some(&t),
            CREATE,
            json!({"i": input(50, "330106", "杭州某某化工有限公司")}),
        )
        .await["createEnterprise"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(search_count(&app, &t, "化工").await, 1);
    assert_eq!(pg_count(&mut su, rows_of).await, 1, "indexed at once");
    app.ok(
        Some(&t),
        "mutation($id: String!) { updateEnterprise(id: $id, input: {name: \"西湖精细化工厂\"}) { name } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(search_count(&app, &t, "精细化工").await, 1);
    assert_eq!(
        search_count(&app, &t, "某某").await,
        0,
        "the old name is gone"
    );

    let file = temp("bulk.csv");
    // The third name holds a control character that the delimited batch
    // form uses as its separator: that batch goes to PostgreSQL as JSON.
    let names = ["新材料化工甲", "新材料化工乙", "新材料化工丙\u{1f}"];
    let rows: Vec<Vec<String>> = names
        .iter()
        .enumerate()
        .map(|(i, n)| row(600 + i as u64, n, "20", "2015-01-01"))
        .collect();
    std::fs::write(&file, gb18030_csv(&rows)).unwrap();
    let out = app.cli(&[
        "enterprise",
        "import",
        file.to_str().unwrap(),
        "--tenant",
        "330106",
    ]);
    assert!(out.status.success(), "{out:?}");
    let pending = "SELECT count(*) FROM enterprise_search_pending WHERE tenant_id = '330106'";
    assert_eq!(pg_count(&mut su, pending).await, 1, "the county is pending");
    assert_eq!(pg_count(&mut su, rows_of).await, 1, "the job has not run");
    assert_eq!(
        search_count(&app, &t, "化工").await,
        4,
        "exact while pending"
    );
    assert_eq!(search_count(&app, &t, "新材料").await, 3);
    let stored = app
        .ok(
            Some(&t),
            "{ enterprises(filter: {search: \"化工丙\"}) { edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        stored["enterprises"]["edges"][0]["node"]["name"],
        "新材料化工丙\u{1f}"
    );
    let other = app.login("county-admin@330203").await;
    assert_eq!(search_count(&app, &other, "化工").await, 0);

    // A second server polls at once and runs the catch-up.
    let _second = spawn_sibling(&app).await;
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while pg_count(&mut su, pending).await > 0 {
        assert!(std::time::Instant::now() < until, "catch-up not run");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(pg_count(&mut su, rows_of).await, 4);
    assert_eq!(
        search_count(&app, &t, "化工").await,
        4,
        "exact from the table"
    );
    assert_eq!(search_count(&app, &t, "新材料化工乙").await, 1);
    // The app role reads the search table only within the session's scope,
    // directly (RLS) and through the owner's search function alike.
    let mut app_role = sqlx::PgConnection::connect(&pg.app_url).await.unwrap();
    let through_fn = "SELECT count(*) FROM anjian_enterprise_search('{\"化工\"}', '%化工%')";
    assert_eq!(
        pg_count(&mut app_role, rows_of).await,
        0,
        "no scope, no rows"
    );
    assert_eq!(pg_count(&mut app_role, through_fn).await, 0);
    for (scope, n) in [("330203", 0), ("330106", 4)] {
        use sqlx::Connection as _;
        let mut tx = app_role.begin().await.unwrap();
        sqlx::raw_sql(&anjian_platform::db::scope_statement(scope, true))
            .execute(&mut *tx)
            .await
            .unwrap();
        assert_eq!(pg_count(&mut tx, through_fn).await, n, "{scope}");
        assert_eq!(pg_count(&mut tx, rows_of).await, n, "{scope}");
        tx.rollback().await.unwrap();
    }
    assert_eq!(search_count(&app, &t, "化").await, 4, "one character scans");
    assert_eq!(search_count(&app, &t, "化\"工\\{},").await, 0, "quoted");
    assert_eq!(search_count(&app, &other, "化工").await, 0);

    // A transfer moves the row with the enterprise.
    let prov = app.login("province-admin@330000").await;
    app.ok(
        Some(&prov),
        "mutation($id: String!) { transferEnterprise(id: $id, divisionCode: \"330203001\") { tenantCode } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(search_count(&app, &t, "精细化工").await, 0);
    assert_eq!(search_count(&app, &other, "精细化工").await, 1);
    assert_eq!(pg_count(&mut su, rows_of).await, 3);
}
