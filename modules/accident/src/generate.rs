//! Generated accidents for benchmarks: `count` closed historical accidents
//! over `years` years across the given counties, with realistic shares of
//! types, industries, sizes and casualties, written in bulk.

use crate::error::Result;
use crate::model::{self, AccidentType, Figures, State};
use crate::service::DAY_MS;
use crate::store::{self, Accident};
use anjian_platform::db::{values_list, Backend, Db, Scope, SQLITE_ANONYMOUS_PARAMS};
use anjian_platform::time::now_ms;
use rand::{Rng, SeedableRng};

const INDUSTRIES: &[&str] = &[
    "C2614", "C3311", "C1713", "E4710", "E4811", "B1011", "G5430", "D4411", "C3130", "F5191",
    "H6110", "C2927", "A0190", "N7820", "C3411",
];

fn figures(rng: &mut impl Rng) -> Figures {
    let roll = rng.gen_range(0..1000);
    let deaths = match roll {
        0..400 => 0,
        400..900 => 1,
        900..960 => 2,
        960..995 => rng.gen_range(3..6),
        _ => rng.gen_range(10..15),
    };
    Figures {
        deaths,
        missing: 0,
        serious_injuries: if rng.gen_bool(0.3) {
            rng.gen_range(1..4)
        } else {
            0
        },
        minor_injuries: rng.gen_range(0..4),
        direct_loss_wan: f64::from(rng.gen_range(1..20_000)) / 10.0,
    }
}

fn accident(
    rng: &mut impl Rng,
    county: &str,
    years: i64,
    now: i64,
    rules: &model::Rules,
) -> Accident {
    let occurred = now - rng.gen_range(DAY_MS..years * 365 * DAY_MS);
    let f = figures(rng);
    let t = AccidentType::ALL[rng.gen_range(0..AccidentType::ALL.len())];
    let industry = INDUSTRIES[rng.gen_range(0..INDUSTRIES.len())];
    let size = ["large", "medium", "small", "micro", "unknown"][rng.gen_range(0..5)];
    let id = uuid_like(rng);
    Accident {
        tenant_id: county.to_string(),
        id,
        enterprise_id: None,
        unit_name: format!("生成单位{}", rng.gen_range(1..5000)),
        unit_uscc: None,
        unit_address: None,
        division_code: format!("{county}{:03}", rng.gen_range(1..20)),
        occurred_at: occurred,
        ym: model::month_of(occurred),
        place: "生产车间".into(),
        accident_type: t,
        road_traffic: false,
        industry: industry.into(),
        industry_section: industry[..1].into(),
        size: size.into(),
        figures: f,
        grade: rules.grade(&f),
        state: State::Closed,
        summary: "生成的历史事故".into(),
        cause: None,
        measures: None,
        reporter: "生成".into(),
        reporter_phone: "0571-00000000".into(),
        unit_reported_at: occurred + 30 * 60_000,
        reported_at: occurred + 40 * 60_000,
        reached_level: "province".into(),
        acks: vec![],
        investigation: None,
        extended: false,
        rectification: Some("已整改".into()),
        version: 1,
        created_by: "generator".into(),
        created_at: occurred,
        updated_at: occurred,
    }
}

fn uuid_like(rng: &mut impl Rng) -> String {
    let a: u128 = rng.gen();
    format!("{a:032x}")
}

/// Writes `count` accidents spread over `counties`; returns how many.
pub async fn generate(
    db: &Db,
    counties: &[String],
    count: u64,
    years: i64,
    seed: u64,
) -> Result<u64> {
    if counties.is_empty() || count == 0 {
        return Ok(0);
    }
    let mut rng = rand_chacha_like(seed);
    let now = now_ms();
    let rules = model::Rules::default();
    let cols = 38;
    let per = match db.backend() {
        Backend::Sqlite => SQLITE_ANONYMOUS_PARAMS / cols,
        Backend::Postgres => 500,
    };
    let mut written = 0u64;
    while written < count {
        let n = per.min((count - written) as usize);
        let rows: Vec<Accident> = (0..n)
            .map(|i| {
                let c = &counties[(written as usize + i) % counties.len()];
                accident(&mut rng, c, years.max(1), now, &rules)
            })
            .collect();
        let mut tx = db.write(Scope::All, None).await?;
        let sql = format!(
            "INSERT INTO acc_accidents ({}) VALUES {}",
            store::COLUMNS,
            values_list(tx.backend(), n, cols)
        );
        let mut q = sqlx::query(&sql);
        for a in &rows {
            q = store::bind_row(q, a)?;
        }
        tx.exec(q).await?;
        tx.commit().await?;
        written += n as u64;
    }
    Ok(written)
}

fn rand_chacha_like(seed: u64) -> rand::rngs::StdRng {
    rand::rngs::StdRng::seed_from_u64(seed)
}
