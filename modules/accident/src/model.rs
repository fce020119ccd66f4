//! Domain types of accident reporting: the GB 6441-86 accident types, the
//! grades of 国务院令493号 and their thresholds as the province's data, the
//! casualty figures, the GB/T 4754 industry section, and the time limits.

use anjian_platform::tenancy::Level;
use anjian_platform::{text_enum, FieldError};
use chrono::{Datelike, FixedOffset, Offset, TimeZone};
use serde::{Deserialize, Serialize};

text_enum!(
    /// 事故类别 (GB 6441-86, 企业职工伤亡事故分类): the 20 classes.
    AccidentType {
        StruckByObject = "01" / "物体打击",
        Vehicle = "02" / "车辆伤害",
        Machinery = "03" / "机械伤害",
        Lifting = "04" / "起重伤害",
        Electrocution = "05" / "触电",
        Drowning = "06" / "淹溺",
        Burn = "07" / "灼烫",
        Fire = "08" / "火灾",
        FallFromHeight = "09" / "高处坠落",
        Collapse = "10" / "坍塌",
        RoofFall = "11" / "冒顶片帮",
        WaterInrush = "12" / "透水",
        Blasting = "13" / "放炮",
        ExplosiveBlast = "14" / "火药爆炸",
        GasExplosion = "15" / "瓦斯爆炸",
        BoilerExplosion = "16" / "锅炉爆炸",
        VesselExplosion = "17" / "容器爆炸",
        OtherExplosion = "18" / "其它爆炸",
        Poisoning = "19" / "中毒和窒息",
        Other = "20" / "其它伤害",
    },
    "accidentType",
    "事故类别"
);

text_enum!(
    /// 事故等级 (国务院令493号 第三条), worst first.
    Grade {
        EspeciallySerious = "especially_serious" / "特别重大",
        Major = "major" / "重大",
        Larger = "larger" / "较大",
        General = "general" / "一般",
    },
    "grade",
    "事故等级"
);

impl Grade {
    /// 0 for 特别重大 … 3 for 一般: lower is worse.
    pub fn rank(self) -> usize {
        Grade::ALL.iter().position(|g| *g == self).unwrap_or(3)
    }
}

text_enum!(
    /// Where an accident's file stands (快报→调查→批复→结案).
    State {
        Reported = "reported" / "已快报，调查中",
        ReportSubmitted = "report_submitted" / "调查报告待批复",
        Approved = "approved" / "已批复，整改落实中",
        Closed = "closed" / "已结案",
    },
    "state",
    "事故状态"
);

text_enum!(
    /// A watched time limit of an accident.
    ClockKind {
        RelayCity = "relay_city" / "县级上报市级",
        RelayProvince = "relay_province" / "市级上报省级",
        FollowUpWindow = "followup_window" / "续报期",
        Investigation = "investigation" / "事故调查",
        Approval = "approval" / "调查报告批复",
    },
    "clock",
    "时限"
);

text_enum!(
    /// A finding about how an accident was reported, for credit (诚信).
    FindingKind {
        LateReport = "late_report" / "迟报",
        LateRelay = "late_relay" / "逐级上报超时",
        Concealed = "concealed" / "瞒报",
        FalseReport = "false_report" / "谎报",
        LateFollowUp = "late_followup" / "超期补报",
        Responsibility = "responsibility" / "事故责任认定",
    },
    "kind",
    "认定类别"
);

/// The casualty and loss figures of an accident (伤亡和损失).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub deaths: i64,
    /// 下落不明 (counted as deaths for grading until resolved).
    pub missing: i64,
    pub serious_injuries: i64,
    pub minor_injuries: i64,
    /// 直接经济损失, 万元.
    pub direct_loss_wan: f64,
}

/// The largest count a report may hold.
const MAX_COUNT: i64 = 100_000;
/// The largest loss a report may hold, 万元 (1 万亿元).
const MAX_LOSS_WAN: f64 = 100_000_000.0;

impl Figures {
    /// Checks raw figures: whole, non-negative, within bounds.
    pub fn parse(
        deaths: i64,
        missing: i64,
        serious: i64,
        minor: i64,
        loss: f64,
    ) -> Result<Figures, Vec<FieldError>> {
        let mut errs = Vec::new();
        for (field, zh, v) in [
            ("deaths", "死亡人数", deaths),
            ("missing", "下落不明人数", missing),
            ("seriousInjuries", "重伤人数", serious),
            ("minorInjuries", "轻伤人数", minor),
        ] {
            if !(0..=MAX_COUNT).contains(&v) {
                errs.push(FieldError::new(
                    field,
                    &format!("{zh}应为 0 至 {MAX_COUNT} 的整数"),
                    &format!("{field} must be a whole number from 0 to {MAX_COUNT}"),
                ));
            }
        }
        if !loss.is_finite() || !(0.0..=MAX_LOSS_WAN).contains(&loss) {
            errs.push(FieldError::new(
                "directLossWan",
                "直接经济损失（万元）应为不小于 0 的数",
                "directLossWan must be a number of 万元 not below 0",
            ));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Figures {
            deaths,
            missing,
            serious_injuries: serious,
            minor_injuries: minor,
            direct_loss_wan: loss,
        })
    }
}

/// The lower bounds of one grade: reaching any of them gives the grade
/// ("以上" includes the number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    pub grade: Grade,
    pub deaths: i64,
    pub serious_injuries: i64,
    pub loss_wan: f64,
}

/// Which level a grade's accident must reach, and which level investigates it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeDuty {
    pub grade: Grade,
    /// `city` or `province`: the highest level the flash report goes to here.
    pub report_to: String,
    /// `county`, `city` or `province`.
    pub investigated_by: String,
}

/// The province's accident rules (policy `accident.rules`): thresholds and
/// time limits, national values by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rules {
    /// Thresholds of 特别重大, 重大 and 较大 (一般 is below them all).
    pub thresholds: Vec<Threshold>,
    /// Missing persons count as deaths for grading until resolved.
    pub missing_count_as_deaths: bool,
    /// The unit reports to the county within (minutes).
    pub unit_report_minutes: i64,
    /// Each level passes the report up within (minutes).
    pub relay_minutes: i64,
    /// Casualty changes are reported within (days from the accident).
    pub follow_up_days: i64,
    /// The shorter window of road traffic and fire accidents (days).
    pub short_follow_up_days: i64,
    /// Accident types with the shorter window (火灾 by default).
    pub short_follow_up_types: Vec<AccidentType>,
    /// The investigation report is due within (days from the accident).
    pub investigation_days: i64,
    /// One extension of at most (days).
    pub extension_days: i64,
    /// The report is approved within (days from its submission).
    pub approval_days: i64,
    pub duties: Vec<GradeDuty>,
}

impl Default for Rules {
    fn default() -> Self {
        let t = |grade, deaths, serious_injuries, loss_wan| Threshold {
            grade,
            deaths,
            serious_injuries,
            loss_wan,
        };
        let d = |grade, report_to: &str, investigated_by: &str| GradeDuty {
            grade,
            report_to: report_to.into(),
            investigated_by: investigated_by.into(),
        };
        Rules {
            thresholds: vec![
                t(Grade::EspeciallySerious, 30, 100, 10_000.0),
                t(Grade::Major, 10, 50, 5_000.0),
                t(Grade::Larger, 3, 10, 1_000.0),
            ],
            missing_count_as_deaths: true,
            unit_report_minutes: 60,
            relay_minutes: 120,
            follow_up_days: 30,
            short_follow_up_days: 7,
            short_follow_up_types: vec![AccidentType::Fire],
            investigation_days: 60,
            extension_days: 60,
            approval_days: 15,
            duties: vec![
                d(Grade::EspeciallySerious, "province", "province"),
                d(Grade::Major, "province", "province"),
                d(Grade::Larger, "province", "city"),
                d(Grade::General, "city", "county"),
            ],
        }
    }
}

fn level_ok(s: &str) -> bool {
    matches!(s, "county" | "city" | "province")
}

impl Rules {
    /// Checks the rules: one threshold per grade above 一般, each bound of a
    /// worse grade above the next's, time limits positive.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = Vec::new();
        let want = [Grade::EspeciallySerious, Grade::Major, Grade::Larger];
        let got: Vec<Grade> = self.thresholds.iter().map(|t| t.grade).collect();
        if got != want {
            errs.push(FieldError::new(
                "thresholds",
                "应依次给出特别重大、重大、较大三级的起点",
                "thresholds must list especially_serious, major and larger, in that order",
            ));
        } else {
            for w in self.thresholds.windows(2) {
                if w[0].deaths <= w[1].deaths
                    || w[0].serious_injuries <= w[1].serious_injuries
                    || w[0].loss_wan.partial_cmp(&w[1].loss_wan)
                        != Some(std::cmp::Ordering::Greater)
                {
                    errs.push(FieldError::new(
                        "thresholds",
                        "较重等级的起点应高于较轻等级",
                        "each worse grade's bounds must exceed the next grade's",
                    ));
                }
            }
            if self.thresholds.iter().any(|t| {
                t.deaths < 1
                    || t.serious_injuries < 1
                    || !t.loss_wan.is_finite()
                    || t.loss_wan <= 0.0
            }) {
                errs.push(FieldError::new(
                    "thresholds",
                    "起点应为正数",
                    "bounds must be positive",
                ));
            }
        }
        for (field, v) in [
            ("unitReportMinutes", self.unit_report_minutes),
            ("relayMinutes", self.relay_minutes),
            ("followUpDays", self.follow_up_days),
            ("shortFollowUpDays", self.short_follow_up_days),
            ("investigationDays", self.investigation_days),
            ("extensionDays", self.extension_days),
            ("approvalDays", self.approval_days),
        ] {
            if !(0..=3650 * 24 * 60).contains(&v) {
                errs.push(FieldError::new(
                    field,
                    "时限应为不小于 0 的整数",
                    "time limits must be whole numbers not below 0",
                ));
            }
        }
        let duties: Vec<Grade> = self.duties.iter().map(|d| d.grade).collect();
        if Grade::ALL.iter().any(|g| !duties.contains(g))
            || self.duties.iter().any(|d| {
                !level_ok(&d.investigated_by)
                    || !matches!(d.report_to.as_str(), "city" | "province")
            })
        {
            errs.push(FieldError::new(
                "duties",
                "每一等级应给出上报到的层级（city/province）和调查层级（county/city/province）",
                "each grade needs reportTo (city/province) and investigatedBy (county/city/province)",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// The grade the figures reach: the worst any one measure reaches.
    pub fn grade(&self, f: &Figures) -> Grade {
        let deaths = if self.missing_count_as_deaths {
            f.deaths + f.missing
        } else {
            f.deaths
        };
        self.thresholds
            .iter()
            .find(|t| {
                deaths >= t.deaths
                    || f.serious_injuries >= t.serious_injuries
                    || f.direct_loss_wan >= t.loss_wan
            })
            .map(|t| t.grade)
            .unwrap_or(Grade::General)
    }

    fn duty(&self, g: Grade) -> Option<&GradeDuty> {
        self.duties.iter().find(|d| d.grade == g)
    }

    /// The highest level a grade's report must reach.
    pub fn report_to(&self, g: Grade) -> Level {
        match self.duty(g).map(|d| d.report_to.as_str()) {
            Some("city") => Level::City,
            _ => Level::Province,
        }
    }

    /// The level that investigates a grade's accident.
    pub fn investigated_by(&self, g: Grade) -> Level {
        match self.duty(g).map(|d| d.investigated_by.as_str()) {
            Some("county") => Level::County,
            Some("city") => Level::City,
            _ => Level::Province,
        }
    }

    /// Days of the follow-up window of an accident.
    pub fn window_days(&self, t: AccidentType, road_traffic: bool) -> i64 {
        if road_traffic || self.short_follow_up_types.contains(&t) {
            self.short_follow_up_days
        } else {
            self.follow_up_days
        }
    }
}

/// Levels from the county up (0 county, 1 city, 2 province).
pub fn level_rank(l: Level) -> u8 {
    match l {
        Level::County => 0,
        Level::City => 1,
        Level::Province => 2,
    }
}

/// The enterprise size of a statistics row (规模): the register's band, or
/// `unknown` for a unit not in the register.
pub fn parse_size(s: Option<&str>) -> Result<String, FieldError> {
    match s.map(str::trim) {
        None | Some("") => Ok("unknown".into()),
        Some(v @ ("large" | "medium" | "small" | "micro" | "unknown")) => Ok(v.into()),
        Some(v) => Err(FieldError::new(
            "size",
            &format!("企业规模无效：{v}（可选 large/medium/small/micro）"),
            &format!("invalid size {v:?} (one of large, medium, small, micro)"),
        )),
    }
}

/// The Chinese name of a size.
pub fn size_zh(s: &str) -> &'static str {
    match s {
        "large" => "大型",
        "medium" => "中型",
        "small" => "小型",
        "micro" => "微型",
        _ => "规模不详",
    }
}

/// GB/T 4754-2017 sections (门类) and the divisions (大类) each spans.
const SECTIONS: &[(char, u8, u8, &str)] = &[
    ('A', 1, 5, "农、林、牧、渔业"),
    ('B', 6, 12, "采矿业"),
    ('C', 13, 43, "制造业"),
    ('D', 44, 46, "电力、热力、燃气及水生产和供应业"),
    ('E', 47, 50, "建筑业"),
    ('F', 51, 52, "批发和零售业"),
    ('G', 53, 60, "交通运输、仓储和邮政业"),
    ('H', 61, 62, "住宿和餐饮业"),
    ('I', 63, 65, "信息传输、软件和信息技术服务业"),
    ('J', 66, 69, "金融业"),
    ('K', 70, 70, "房地产业"),
    ('L', 71, 72, "租赁和商务服务业"),
    ('M', 73, 75, "科学研究和技术服务业"),
    ('N', 76, 79, "水利、环境和公共设施管理业"),
    ('O', 80, 82, "居民服务、修理和其他服务业"),
    ('P', 83, 83, "教育"),
    ('Q', 84, 85, "卫生和社会工作"),
    ('R', 86, 90, "文化、体育和娱乐业"),
    ('S', 91, 96, "公共管理、社会保障和社会组织"),
    ('T', 97, 97, "国际组织"),
];

/// An industry code of GB/T 4754-2017: a section letter, optionally with
/// its division, group and class digits (`C`, `C26`, `C2614`), or the
/// digits alone (`2614`), whose section follows from the division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industry {
    pub code: String,
    pub section: char,
}

impl Industry {
    pub fn parse(raw: &str) -> Result<Industry, FieldError> {
        let s = raw.trim().to_ascii_uppercase();
        let bad = || {
            FieldError::new(
                "industry",
                &format!("国民经济行业分类代码无效：{raw}（如 C2614 或 2614）"),
                &format!("invalid GB/T 4754 industry code {raw:?} (e.g. C2614 or 2614)"),
            )
        };
        let (letter, digits) = match s.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => (Some(c), &s[1..]),
            Some(_) => (None, s.as_str()),
            None => return Err(bad()),
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 4 || digits.len() == 1 {
            return Err(bad());
        }
        let by_division = if digits.len() >= 2 {
            let div: u8 = digits[..2].parse().map_err(|_| bad())?;
            Some(
                SECTIONS
                    .iter()
                    .find(|(_, lo, hi, _)| (*lo..=*hi).contains(&div))
                    .map(|s| s.0)
                    .ok_or_else(bad)?,
            )
        } else {
            None
        };
        let section = match (letter, by_division) {
            (Some(l), Some(d)) if l != d => return Err(bad()),
            (Some(l), _) if SECTIONS.iter().any(|s| s.0 == l) => l,
            (None, Some(d)) => d,
            _ => return Err(bad()),
        };
        Ok(Industry {
            code: format!("{section}{digits}"),
            section,
        })
    }
}

/// The Chinese name of a GB/T 4754 section.
pub fn section_zh(section: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|s| section.starts_with(s.0))
        .map(|s| s.3)
        .unwrap_or("行业不详")
}

/// Every section letter, in order.
pub fn sections() -> impl Iterator<Item = (char, &'static str)> {
    SECTIONS.iter().map(|s| (s.0, s.3))
}

/// Beijing time, in which months and years are counted.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}

/// The month (`YYYYMM` as a number) of an instant, in Beijing time.
pub fn month_of(ms: i64) -> i64 {
    let t = beijing().timestamp_millis_opt(ms).single();
    t.map(|t| i64::from(t.year()) * 100 + i64::from(t.month()))
        .unwrap_or(197001)
}

/// Parses an accident time: RFC 3339, or `YYYY-MM-DD HH:MM` in Beijing time.
pub fn parse_time(field: &str, raw: &str) -> Result<i64, FieldError> {
    let s = raw.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    for f in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(n) = chrono::NaiveDateTime::parse_from_str(s, f) {
            if let Some(t) = beijing().from_local_datetime(&n).single() {
                return Ok(t.timestamp_millis());
            }
        }
    }
    Err(FieldError::new(
        field,
        "时间格式应为 YYYY-MM-DD HH:MM（北京时间）或 RFC 3339",
        "time must be YYYY-MM-DD HH:MM (Beijing time) or RFC 3339",
    ))
}

#[cfg(test)]
mod tests;
