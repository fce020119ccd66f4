//! Deterministic, realistic enterprise rows for demos and benchmarks: an
//! industry and size mix like a real province (many small trade and machinery
//! firms, fewer chemical plants and mines), valid USCCs, township divisions,
//! and names, people and addresses that read like real ones ([`crate::names`]).

use crate::exchange::Raw;
use crate::model::generate_uscc;
use serde_json::Value;

/// splitmix64: a small, good, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// (industry code, weight in a typical province, name stem).
const MIX: &[(&str, u64, &[&str])] = &[
    ("SM", 30, &["商贸", "贸易", "物流", "超市"]),
    ("JX", 20, &["机械", "五金", "模具", "汽配"]),
    ("QG", 15, &["轻工", "家具", "塑料", "包装"]),
    ("FZ", 10, &["纺织", "服装", "印染"]),
    ("JC", 7, &["建材", "水泥", "玻璃"]),
    ("HG", 5, &["化工", "涂料"]),
    ("WH", 4, &["危化品", "化学品储运"]),
    ("YJ", 3, &["钢铁", "冶金"]),
    ("YS", 2, &["铝业", "铜业"]),
    ("YY", 2, &["医药", "制药"]),
    ("KS", 1, &["矿业", "石料"]),
    ("YH", 1, &["烟花"]),
];

/// Row `i` of a county's generated register (deterministic for `seed`).
pub fn row(seed: u64, county: &str, i: u64) -> Raw {
    let mut r = Rng(seed ^ i.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let total: u64 = MIX.iter().map(|m| m.1).sum();
    let mut x = r.below(total);
    let (industry, _, stems) = MIX
        .iter()
        .find(|m| {
            if x < m.1 {
                true
            } else {
                x -= m.1;
                false
            }
        })
        .copied()
        .unwrap_or(MIX[0]);
    // Staff: mostly small firms, a long tail of large ones.
    let staff = match r.below(100) {
        0..=59 => 5 + r.below(40),
        60..=89 => 50 + r.below(250),
        90..=98 => 300 + r.below(700),
        _ => 1000 + r.below(4000),
    };
    let revenue = (staff as f64) * (20.0 + r.below(80) as f64);
    let town = 1 + r.below(12);
    let mut raw = Raw::new();
    let s = |v: String| Value::String(v);
    raw.insert(
        "uscc".into(),
        s(generate_uscc(seed.wrapping_add(i.wrapping_mul(7919)), county).to_string()),
    );
    let stem = *r.pick::<&str>(stems);
    raw.insert("name".into(), s(crate::names::firm(seed, county, i, stem)));
    raw.insert("principal".into(), s(crate::names::person(r.next())));
    raw.insert(
        "principal_phone".into(),
        s(format!("13{:09}", r.below(1_000_000_000))),
    );
    raw.insert(
        "production_address".into(),
        s(crate::names::address(county, r.next())),
    );
    raw.insert("division_code".into(), s(format!("{county}{town:03}")));
    raw.insert("industry".into(), s(industry.to_string()));
    raw.insert("staff_count".into(), s(staff.to_string()));
    raw.insert("revenue_wan".into(), s(format!("{revenue:.0}")));
    raw.insert(
        "founded_on".into(),
        s(format!(
            "{}-{:02}-{:02}",
            1990 + r.below(34),
            1 + r.below(12),
            1 + r.below(28)
        )),
    );
    if matches!(industry, "QG" | "JX") && r.below(5) == 0 {
        raw.insert("risk_flags".into(), s("dust-explosion".into()));
    } else if r.below(20) == 0 {
        raw.insert("risk_flags".into(), s("confined-space".into()));
    }
    if let Some(l) = licence(&mut r, industry, county, i) {
        raw.insert("licences".into(), Value::Array(vec![l]));
    }
    let sources = major_hazards(&mut r, industry);
    if !sources.is_empty() {
        raw.insert("major_hazards".into(), Value::Array(sources));
    }
    raw
}

/// The work-safety licence an industry needs (许可证), with its number's
/// abbreviation: chemical plants, chemical storage and trade, non-coal mines
/// and fireworks; other industries hold none.
const LICENSED: &[(&str, &str, &str)] = &[
    ("HG", "危险化学品安全生产许可证", "WH"),
    ("WH", "危险化学品经营许可证", "WJ"),
    ("KS", "非煤矿矿山企业安全生产许可证", "FM"),
    ("YH", "烟花爆竹经营（批发）许可证", "YP"),
];

/// A three-year licence issued in the three years up to today, so it is in
/// force, as an operating firm's is; about 3 % run out within the next 30
/// days (their reminders are due at once). Dates count back from today, as
/// the hazard generator's do.
fn licence(r: &mut Rng, industry: &str, county: &str, i: u64) -> Option<Value> {
    let (_, kind, abbr) = LICENSED.iter().find(|l| l.0 == industry)?;
    let today = chrono::Utc::now().date_naive();
    let issued = today - chrono::Duration::days(r.below(3 * 365) as i64);
    let expires = issued
        .checked_add_months(chrono::Months::new(36))
        .unwrap_or(issued);
    Some(serde_json::json!({
        "kind": kind,
        "number": format!("(浙){abbr}安许证字〔{}〕{county}{i:06}", issued.format("%Y")),
        "scope": "生产、储存、经营",
        "issued_on": issued.format("%Y-%m-%d").to_string(),
        "expires_on": expires.format("%Y-%m-%d").to_string(),
    }))
}

/// Major hazard sources (重大危险源) of about a third of the chemical
/// plants and stores: one or two, with R values across the grades.
fn major_hazards(r: &mut Rng, industry: &str) -> Vec<Value> {
    if !matches!(industry, "HG" | "WH") || r.below(3) != 0 {
        return Vec::new();
    }
    const NAMES: &[&str] = &["储罐区", "生产装置区", "危化品仓库", "装卸区"];
    (0..1 + r.below(2))
        .map(|n| {
            serde_json::json!({
                "name": format!("{}{}", r.pick(NAMES), n + 1),
                "r_value": (5 + r.below(150)) as f64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{parse, Rules};

    #[test]
    fn generated_rows_are_valid_and_deterministic() {
        let rules = Rules::default();
        for i in 0..500 {
            let r = row(7, "330106", i);
            assert!(parse(&r, "330106", &rules).is_ok(), "row {i}: {r:?}");
        }
        assert_eq!(row(7, "330106", 3), row(7, "330106", 3));
        assert_ne!(row(7, "330106", 3), row(8, "330106", 3));
    }

    #[test]
    fn licensed_industries_hold_licences_and_some_hazard_sources() {
        let rules = Rules::default();
        let (mut licensed, mut sources, mut others_licensed) = (0, 0, 0);
        for i in 0..3000 {
            let r = row(7, "330106", i);
            let industry = r["industry"].as_str().unwrap_or("").to_string();
            let held = r
                .get("licences")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if LICENSED.iter().any(|l| l.0 == industry) {
                assert_eq!(held, 1, "row {i} ({industry}) holds its licence");
                licensed += 1;
            } else {
                others_licensed += held;
            }
            sources += r
                .get("major_hazards")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let (parsed, warnings) = parse(&r, "330106", &rules).expect("valid");
            assert!(warnings.is_empty(), "row {i}: {warnings:?}");
            assert_eq!(parsed.licences.as_ref().map_or(0, Vec::len), held);
        }
        assert_eq!(others_licensed, 0);
        let today = chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        for i in 0..3000 {
            for l in row(7, "330106", i)
                .get("licences")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                assert!(
                    l["expires_on"].as_str().unwrap_or("") >= today.as_str(),
                    "{l}"
                );
            }
        }
        assert!(
            licensed > 200 && sources > 50,
            "{licensed} licensed, {sources} sources"
        );
    }
}
