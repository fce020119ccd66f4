//! Tables for sending up: a statistics table as CSV, and the monthly report
//! table (事故统计月报表) by industry section with the month, the year to
//! date and last year's same periods.

use crate::error::{AccError, Result};
use crate::model;
use crate::stats::{self, change, Dimension, Figs, Period, Table};
use anjian_platform::db::Tx;
use anjian_platform::tenancy::Directory;

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.1}")).unwrap_or_default()
}

fn csv_text(rows: Vec<Vec<String>>) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(&r)
            .map_err(|e| AccError::Platform(anjian_platform::Error::internal(e)))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AccError::Platform(anjian_platform::Error::internal(e)))?;
    // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

fn loss(v: f64) -> String {
    format!("{v:.2}")
}

/// A statistics table as CSV.
pub fn table_csv(t: &Table) -> Result<String> {
    let mut out = vec![[
        "分组",
        "事故起数",
        "死亡人数",
        "重伤人数",
        "轻伤人数",
        "直接经济损失（万元）",
        "去年同期起数",
        "去年同期死亡",
        "起数同比（%）",
        "死亡同比（%）",
        "上期起数",
        "上期死亡",
        "起数环比（%）",
        "死亡环比（%）",
        "已公布起数",
        "已公布死亡",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for r in t.rows.iter().chain(std::iter::once(&t.total)) {
        let c = &r.current;
        out.push(vec![
            r.label.clone(),
            c.accidents.to_string(),
            c.deaths.to_string(),
            c.serious_injuries.to_string(),
            c.minor_injuries.to_string(),
            loss(c.loss_wan),
            r.last_year.accidents.to_string(),
            r.last_year.deaths.to_string(),
            pct(change(c.accidents, r.last_year.accidents)),
            pct(change(c.deaths, r.last_year.deaths)),
            r.previous.accidents.to_string(),
            r.previous.deaths.to_string(),
            pct(change(c.accidents, r.previous.accidents)),
            pct(change(c.deaths, r.previous.deaths)),
            r.published
                .map(|p| p.accidents.to_string())
                .unwrap_or_default(),
            r.published
                .map(|p| p.deaths.to_string())
                .unwrap_or_default(),
        ]);
    }
    csv_text(out)
}

/// The monthly report table of `division` for month `month` of `year`:
/// one row per industry section and a total; for the month and for the
/// year to date, this year and last, with the change.
pub async fn monthly(
    tx: &mut Tx,
    dir: &Directory,
    division: &str,
    year: i64,
    month: i64,
) -> Result<String> {
    let m = Period::parse(year, None, Some(month))?;
    let month_table = stats::table(tx, dir, division, Dimension::Industry, m).await?;
    let mut ytd: Vec<(String, Figs, Figs)> = Vec::new();
    for k in 1..=month {
        let t = stats::table(
            tx,
            dir,
            division,
            Dimension::Industry,
            Period::parse(year, None, Some(k))?,
        )
        .await?;
        for r in t.rows {
            match ytd.iter_mut().find(|(key, _, _)| *key == r.key) {
                Some((_, cur, last)) => {
                    add(cur, &r.current);
                    add(last, &r.last_year);
                }
                None => ytd.push((r.key.clone(), r.current, r.last_year)),
            }
        }
    }
    let name = dir
        .get(division)
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let mut out = vec![
        vec![format!(
            "生产安全事故统计月报表　{name}（{division}）　{year} 年 {month} 月"
        )],
        [
            "行业门类",
            "本月起数",
            "本月死亡",
            "本月重伤",
            "本月直接经济损失（万元）",
            "去年同月起数",
            "去年同月死亡",
            "本年累计起数",
            "本年累计死亡",
            "本年累计重伤",
            "本年累计直接经济损失（万元）",
            "去年同期累计起数",
            "去年同期累计死亡",
            "累计起数增减（%）",
            "累计死亡增减（%）",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    ];
    let mut totals = (
        Figs::default(),
        Figs::default(),
        Figs::default(),
        Figs::default(),
    );
    for (letter, zh) in model::sections() {
        let key = letter.to_string();
        let (mc, ml) = month_table
            .rows
            .iter()
            .find(|r| r.key == key)
            .map(|r| (r.current, r.last_year))
            .unwrap_or_default();
        let (yc, yl) = ytd
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, c, l)| (*c, *l))
            .unwrap_or_default();
        add(&mut totals.0, &mc);
        add(&mut totals.1, &ml);
        add(&mut totals.2, &yc);
        add(&mut totals.3, &yl);
        out.push(line(&format!("{letter} {zh}"), &mc, &ml, &yc, &yl));
    }
    out.push(line("合计", &totals.0, &totals.1, &totals.2, &totals.3));
    csv_text(out)
}

fn add(a: &mut Figs, b: &Figs) {
    a.accidents += b.accidents;
    a.deaths += b.deaths;
    a.serious_injuries += b.serious_injuries;
    a.minor_injuries += b.minor_injuries;
    a.loss_wan += b.loss_wan;
}

fn line(label: &str, mc: &Figs, ml: &Figs, yc: &Figs, yl: &Figs) -> Vec<String> {
    vec![
        label.to_string(),
        mc.accidents.to_string(),
        mc.deaths.to_string(),
        mc.serious_injuries.to_string(),
        loss(mc.loss_wan),
        ml.accidents.to_string(),
        ml.deaths.to_string(),
        yc.accidents.to_string(),
        yc.deaths.to_string(),
        yc.serious_injuries.to_string(),
        loss(yc.loss_wan),
        yl.accidents.to_string(),
        yl.deaths.to_string(),
        pct(change(yc.accidents, yl.accidents)),
        pct(change(yc.deaths, yl.deaths)),
    ]
}
