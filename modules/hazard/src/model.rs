//! Domain types of hidden-hazard governance: levels, sources, states, the
//! transitions between states, deadlines and the province's rules. Each type
//! parses from text; a value that fails can't be constructed.

use crate::error::HazardError;
use anjian_platform::FieldError;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }, $field:literal, $zh:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $var),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stored code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// Parses a stored code; anything else is a field error on `field`.
            pub fn parse(s: &str) -> Result<$name, FieldError> {
                match s { $($s => Ok($name::$var),)+ _ => Err(FieldError::new(
                    $field,
                    &format!("{}无效：{s}（可选 {}）", $zh, [$($s),+].join("/")),
                    &format!("invalid {} {s:?} (one of {})", $field, [$($s),+].join(", ")),
                )) }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    /// 隐患等级.
    Level {
        /// 一般事故隐患.
        General = "general",
        /// 重大事故隐患.
        Major = "major",
    },
    "level",
    "隐患等级"
);

text_enum!(
    /// How a hazard was found.
    Source {
        /// 企业自查.
        SelfCheck = "self-check",
        /// 监管检查.
        Inspection = "inspection",
        /// 群众举报.
        PublicReport = "public-report",
    },
    "source",
    "隐患来源"
);

text_enum!(
    /// Where a hazard stands in its flow (DOMAIN.md §3).
    State {
        /// 一般: 整改中.
        Rectifying = "rectifying",
        /// 一般: 整改完成，待复查验收.
        AwaitingAcceptance = "awaiting-acceptance",
        /// 重大: 已报告.
        Reported = "reported",
        /// 重大: 已核实.
        Verified = "verified",
        /// 重大: 挂牌督办.
        Listed = "listed",
        /// 重大: 治理方案已备案，治理中.
        Governing = "governing",
        /// 重大: 治理效果已评估.
        Evaluated = "evaluated",
        /// 重大: 已申请销号和恢复生产.
        CloseApplied = "close-applied",
        /// 重大: 现场审查通过.
        SiteChecked = "site-checked",
        /// 已销号.
        Closed = "closed",
    },
    "state",
    "隐患状态"
);

impl State {
    /// Still to be fixed: a deadline that passes in one of these is overdue.
    pub fn is_open_work(self) -> bool {
        matches!(
            self,
            State::Rectifying
                | State::Reported
                | State::Verified
                | State::Listed
                | State::Governing
        )
    }

    /// The Chinese name officials use.
    pub fn zh(self) -> &'static str {
        match self {
            State::Rectifying => "整改中",
            State::AwaitingAcceptance => "待验收",
            State::Reported => "已报告",
            State::Verified => "已核实",
            State::Listed => "挂牌督办",
            State::Governing => "治理中",
            State::Evaluated => "已评估",
            State::CloseApplied => "已申请销号",
            State::SiteChecked => "现场审查通过",
            State::Closed => "已销号",
        }
    }
}

text_enum!(
    /// 挂牌督办级别.
    ListingLevel {
        Province = "province",
        City = "city",
        County = "county",
    },
    "listingLevel",
    "督办级别"
);

/// Who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The hazard's own enterprise.
    Enterprise,
    /// An inspector (or county admin) of the hazard's county.
    Inspector,
    /// A province, city or county admin over the hazard's county.
    Supervisor,
}

/// Every step of both flows: (action, from, to, who). One table, so the
/// state machine is data the tests and docs can read.
pub const TRANSITIONS: &[(&str, State, State, Party)] = &[
    (
        "submit-rectification",
        State::Rectifying,
        State::AwaitingAcceptance,
        Party::Enterprise,
    ),
    (
        "accept",
        State::AwaitingAcceptance,
        State::Closed,
        Party::Inspector,
    ),
    (
        "return",
        State::AwaitingAcceptance,
        State::Rectifying,
        Party::Inspector,
    ),
    ("verify", State::Reported, State::Verified, Party::Inspector),
    (
        "downgrade",
        State::Reported,
        State::Rectifying,
        Party::Inspector,
    ),
    ("list", State::Verified, State::Listed, Party::Supervisor),
    (
        "file-plan",
        State::Listed,
        State::Governing,
        Party::Enterprise,
    ),
    (
        "report-progress",
        State::Governing,
        State::Governing,
        Party::Enterprise,
    ),
    (
        "submit-evaluation",
        State::Governing,
        State::Evaluated,
        Party::Enterprise,
    ),
    (
        "apply-to-close",
        State::Evaluated,
        State::CloseApplied,
        Party::Enterprise,
    ),
    (
        "pass-site-check",
        State::CloseApplied,
        State::SiteChecked,
        Party::Inspector,
    ),
    (
        "fail-site-check",
        State::CloseApplied,
        State::Governing,
        Party::Inspector,
    ),
    (
        "close",
        State::SiteChecked,
        State::Closed,
        Party::Supervisor,
    ),
];

/// The step `action` out of `from`, if the flow has it: (to, who).
pub fn step(action: &str, from: State) -> Option<(State, Party)> {
    TRANSITIONS
        .iter()
        .find(|(a, f, _, _)| *a == action && *f == from)
        .map(|(_, _, to, who)| (*to, *who))
}

/// A rectification deadline: the end of a day in the province's time zone
/// (`2026-12-31`) or an exact time (RFC 3339). Never in the past when set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(i64);

impl Deadline {
    /// Parses `raw` as of `now_ms`, days ending at `offset_minutes` east of UTC.
    pub fn parse(raw: &str, now_ms: i64, offset_minutes: i32) -> Result<Deadline, FieldError> {
        let raw = raw.trim();
        let bad = || {
            FieldError::new(
                "deadline",
                &format!("整改期限格式无效：{raw}（应为 YYYY-MM-DD 或 RFC 3339 时间）"),
                &format!("invalid deadline {raw:?} (YYYY-MM-DD or an RFC 3339 time)"),
            )
        };
        let ms = if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            let tz = FixedOffset::east_opt(offset_minutes * 60).ok_or_else(bad)?;
            let end = d.and_hms_milli_opt(23, 59, 59, 999).ok_or_else(bad)?;
            tz.from_local_datetime(&end)
                .single()
                .ok_or_else(bad)?
                .timestamp_millis()
        } else {
            DateTime::parse_from_rfc3339(raw)
                .map_err(|_| bad())?
                .timestamp_millis()
        };
        if ms <= now_ms {
            return Err(FieldError::new(
                "deadline",
                &format!("整改期限 {raw} 已过"),
                &format!("the deadline {raw} is in the past"),
            ));
        }
        Ok(Deadline(ms))
    }

    /// `days` days from `now_ms`, at the end of that day.
    pub fn days_from(now_ms: i64, days: i64, offset_minutes: i32) -> Deadline {
        let local = now_ms + i64::from(offset_minutes) * 60_000;
        let day = local.div_euclid(86_400_000) + days.max(0);
        Deadline((day + 1) * 86_400_000 - 1 - i64::from(offset_minutes) * 60_000)
    }

    /// Milliseconds since the Unix epoch.
    pub fn ms(self) -> i64 {
        self.0
    }
}

/// Who is told when a hazard's deadline passes, beyond its enterprise and
/// inspector: e.g. a 重大 hazard's city admins, or the province after 30 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    /// `general`, `major`, or none for both.
    #[serde(default)]
    pub level: Option<Level>,
    /// `county-admin`, `city-admin` or `province-admin`: the admins of the
    /// hazard county's own county, its city, or the province.
    pub role: String,
    /// Days after the deadline.
    #[serde(default)]
    pub after_days: i64,
}

/// The province's rules for hazards, which a county may override
/// (policies `hazard.rules` and `hazard.rules:<county>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Rules {
    /// Default days to rectify a 一般 hazard.
    pub general_deadline_days: i64,
    /// Default days to govern a 重大 hazard.
    pub major_deadline_days: i64,
    /// Days after an application to close within which the site check is due.
    pub site_check_days: i64,
    /// The province's time zone, minutes east of UTC (days end at midnight there).
    pub utc_offset_minutes: i32,
    /// Categories a hazard may have.
    pub categories: Vec<String>,
    /// Who else is told of an overdue hazard.
    pub escalations: Vec<Escalation>,
    /// Day of the month after a quarter by which its report is due.
    pub quarterly_due_day: u32,
    /// MM-DD of the next year by which the yearly report is due.
    pub yearly_due: String,
    /// Public reports accepted from one address (an IPv6 /64) per hour.
    pub public_reports_per_hour: u64,
    /// Public reports accepted for one county per hour, from all addresses.
    pub public_reports_per_county_per_hour: u64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            general_deadline_days: 30,
            major_deadline_days: 180,
            site_check_days: 10,
            utc_offset_minutes: 480,
            categories: [
                "fire",
                "explosion",
                "electrical",
                "machinery",
                "confined-space",
                "hazardous-chemicals",
                "dust",
                "working-at-height",
                "lifting",
                "gas",
                "management",
                "other",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            escalations: vec![
                Escalation {
                    level: Some(Level::Major),
                    role: "city-admin".into(),
                    after_days: 0,
                },
                Escalation {
                    level: Some(Level::Major),
                    role: "province-admin".into(),
                    after_days: 30,
                },
            ],
            quarterly_due_day: 15,
            yearly_due: "01-31".into(),
            public_reports_per_hour: 5,
            public_reports_per_county_per_hour: 200,
        }
    }
}

impl Rules {
    /// Field errors of rules that can't be applied.
    pub fn check(&self) -> Result<(), HazardError> {
        let mut errs = Vec::new();
        for (f, v) in [
            ("generalDeadlineDays", self.general_deadline_days),
            ("majorDeadlineDays", self.major_deadline_days),
            ("siteCheckDays", self.site_check_days),
        ] {
            if !(1..=3650).contains(&v) {
                errs.push(FieldError::new(
                    f,
                    "天数应在1到3650之间",
                    "days must be 1-3650",
                ));
            }
        }
        if !(-720..=840).contains(&self.utc_offset_minutes) {
            errs.push(FieldError::new(
                "utcOffsetMinutes",
                "时区偏移应在 -720 到 840 分钟之间",
                "the UTC offset must be -720..840 minutes",
            ));
        }
        if self.categories.is_empty() || self.categories.iter().any(|c| c.trim().is_empty()) {
            errs.push(FieldError::new(
                "categories",
                "隐患类别不能为空",
                "categories can't be empty",
            ));
        }
        for e in &self.escalations {
            if !matches!(
                e.role.as_str(),
                "county-admin" | "city-admin" | "province-admin"
            ) || !(0..=3650).contains(&e.after_days)
            {
                errs.push(FieldError::new(
                    "escalations",
                    &format!("升级规则无效：{}（角色应为 county-admin/city-admin/province-admin，天数 0–3650）", e.role),
                    &format!("invalid escalation {:?} (role county-admin, city-admin or province-admin; 0-3650 days)", e.role),
                ));
            }
        }
        if !(1..=28).contains(&self.quarterly_due_day) {
            errs.push(FieldError::new(
                "quarterlyDueDay",
                "季报截止日应在1到28之间",
                "the quarterly due day must be 1-28",
            ));
        }
        if NaiveDate::parse_from_str(&format!("2001-{}", self.yearly_due), "%Y-%m-%d").is_err() {
            errs.push(FieldError::new(
                "yearlyDue",
                "年报截止日应为 MM-DD",
                "the yearly due date must be MM-DD",
            ));
        }
        if !(1..=10_000).contains(&self.public_reports_per_hour) {
            errs.push(FieldError::new(
                "publicReportsPerHour",
                "每小时举报上限应在1到10000之间",
                "public reports per hour must be 1-10000",
            ));
        }
        if !(1..=100_000).contains(&self.public_reports_per_county_per_hour) {
            errs.push(FieldError::new(
                "publicReportsPerCountyPerHour",
                "每县每小时举报上限应在1到100000之间",
                "public reports per county per hour must be 1-100000",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(HazardError::Invalid(errs))
        }
    }

    /// Parses `category` against the list.
    pub fn category(&self, category: &str) -> Result<String, FieldError> {
        let c = category.trim();
        if self.categories.iter().any(|x| x == c) {
            Ok(c.to_string())
        } else {
            Err(FieldError::new(
                "category",
                &format!("隐患类别无效：{c}（可选 {}）", self.categories.join("/")),
                &format!(
                    "invalid category {c:?} (one of {})",
                    self.categories.join(", ")
                ),
            ))
        }
    }

    /// The default deadline of a hazard of `level` reported at `now_ms`.
    pub fn default_deadline(&self, level: Level, now_ms: i64) -> Deadline {
        let days = match level {
            Level::General => self.general_deadline_days,
            Level::Major => self.major_deadline_days,
        };
        Deadline::days_from(now_ms, days, self.utc_offset_minutes)
    }
}

/// A 重大 hazard's report (重大事故隐患报告): what the regulation requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct MajorReport {
    /// 隐患的现状及其产生原因.
    pub state_and_cause: String,
    /// 隐患的危害程度和整改难易程度分析.
    pub harm_and_difficulty: String,
}

/// 治理方案: required for a 重大 hazard before governance starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct GovernancePlan {
    /// 治理的目标和任务.
    pub goals: String,
    /// 采取的方法和措施.
    pub measures: String,
    /// 经费和物资的落实.
    pub funds_and_materials: String,
    /// 负责治理的机构和人员.
    pub responsible: String,
    /// 治理的时限 (a deadline).
    pub time_limit: String,
    /// 安全措施和应急预案.
    pub safety_and_emergency: String,
}

/// Trims `v` and refuses it empty, as a field error on `field`.
pub fn required(field: &str, zh: &str, v: &str) -> Result<String, FieldError> {
    let t = v.trim();
    if t.is_empty() {
        Err(FieldError::new(
            field,
            &format!("{zh}不能为空"),
            &format!("{field} is required"),
        ))
    } else if t.chars().count() > 4000 {
        Err(FieldError::new(
            field,
            &format!("{zh}不能超过4000字"),
            &format!("{field} is longer than 4000 characters"),
        ))
    } else {
        Ok(t.to_string())
    }
}

impl MajorReport {
    /// Every part present.
    pub fn check(&self) -> Vec<FieldError> {
        [
            required(
                "majorReport.stateAndCause",
                "隐患现状及产生原因",
                &self.state_and_cause,
            ),
            required(
                "majorReport.harmAndDifficulty",
                "危害程度和整改难易程度",
                &self.harm_and_difficulty,
            ),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect()
    }
}

impl GovernancePlan {
    /// Every part present, and a time limit that parses as a future deadline.
    pub fn check(&self, now_ms: i64, offset: i32) -> Result<Deadline, Vec<FieldError>> {
        let mut errs: Vec<FieldError> = [
            required("plan.goals", "治理目标和任务", &self.goals),
            required("plan.measures", "方法和措施", &self.measures),
            required(
                "plan.fundsAndMaterials",
                "经费和物资",
                &self.funds_and_materials,
            ),
            required("plan.responsible", "负责机构和人员", &self.responsible),
            required(
                "plan.safetyAndEmergency",
                "安全措施和应急预案",
                &self.safety_and_emergency,
            ),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        let deadline = Deadline::parse(&self.time_limit, now_ms, offset).map_err(|mut e| {
            e.field = "plan.timeLimit".into();
            e
        });
        match deadline {
            Ok(d) if errs.is_empty() => Ok(d),
            Ok(_) => Err(errs),
            Err(e) => {
                errs.push(e);
                Err(errs)
            }
        }
    }
}

/// A reporting period: a quarter (`2026Q3`) or a year (`2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Quarter(i32, u32),
    Year(i32),
}

impl Period {
    /// Parses `2026Q3` or `2026`.
    pub fn parse(s: &str) -> Result<Period, FieldError> {
        let bad = || {
            FieldError::new(
                "period",
                &format!("报告期无效：{s}（应为 2026Q3 或 2026）"),
                &format!("invalid period {s:?} (e.g. 2026Q3 or 2026)"),
            )
        };
        let s = s.trim();
        let (y, q) = match s.split_once(['Q', 'q']) {
            Some((y, q)) => (y, Some(q)),
            None => (s, None),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(2000..=2100).contains(&year) {
            return Err(bad());
        }
        match q {
            None => Ok(Period::Year(year)),
            Some(q) => match q.parse::<u32>() {
                Ok(q @ 1..=4) => Ok(Period::Quarter(year, q)),
                _ => Err(bad()),
            },
        }
    }

    /// `2026Q3` or `2026`.
    pub fn code(self) -> String {
        match self {
            Period::Quarter(y, q) => format!("{y}Q{q}"),
            Period::Year(y) => y.to_string(),
        }
    }

    /// First and last month (`YYYY-MM`) of the period.
    pub fn months(self) -> (String, String) {
        match self {
            Period::Quarter(y, q) => (format!("{y}-{:02}", q * 3 - 2), format!("{y}-{:02}", q * 3)),
            Period::Year(y) => (format!("{y}-01"), format!("{y}-12")),
        }
    }

    /// The date (YYYY-MM-DD) by which the period's report is due.
    pub fn due(self, rules: &Rules) -> String {
        match self {
            Period::Quarter(y, 4) => format!("{}-01-{:02}", y + 1, rules.quarterly_due_day),
            Period::Quarter(y, q) => format!("{y}-{:02}-{:02}", q * 3 + 1, rules.quarterly_due_day),
            Period::Year(y) => format!("{}-{}", y + 1, rules.yearly_due),
        }
    }

    /// The latest quarter and year whose due dates are on or before `today`.
    pub fn overdue_as_of(today: NaiveDate, rules: &Rules) -> Vec<Period> {
        use chrono::Datelike;
        let mut out = Vec::new();
        let (y, m) = (today.year(), today.month());
        let cur_q = (m - 1) / 3 + 1;
        let last_q = if cur_q == 1 {
            Period::Quarter(y - 1, 4)
        } else {
            Period::Quarter(y, cur_q - 1)
        };
        let today_s = today.format("%Y-%m-%d").to_string();
        if last_q.due(rules) <= today_s {
            out.push(last_q);
        }
        let last_y = Period::Year(y - 1);
        if last_y.due(rules) <= today_s {
            out.push(last_y);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transition_is_reachable_and_ends_closed() {
        for (_, from, to, _) in TRANSITIONS {
            assert_ne!(*from, State::Closed, "nothing leaves closed");
            let _ = to;
        }
        assert_eq!(
            step("accept", State::AwaitingAcceptance),
            Some((State::Closed, Party::Inspector))
        );
        assert_eq!(step("accept", State::Rectifying), None);
        assert_eq!(step("close", State::CloseApplied), None);
    }

    #[test]
    fn deadlines() {
        let now = 1_780_000_000_000; // 2026-05-28T20:26:40Z
        let d = Deadline::parse("2026-06-30", now, 480).unwrap();
        assert_eq!(
            d.ms(),
            DateTime::parse_from_rfc3339("2026-06-30T23:59:59.999+08:00")
                .unwrap()
                .timestamp_millis()
        );
        assert_eq!(
            Deadline::parse("2026-05-01", now, 480).unwrap_err().field,
            "deadline"
        );
        assert!(Deadline::parse("2026-02-30", now, 480).is_err());
        assert!(Deadline::parse("tomorrow", now, 480).is_err());
        let plus = Deadline::days_from(now, 1, 480);
        // 2026-05-29 04:26 in +08:00, so one day later ends 2026-05-30 23:59:59.999 +08:00.
        assert_eq!(plus, Deadline::parse("2026-05-30", now, 480).unwrap());
    }

    #[test]
    fn periods() {
        let r = Rules::default();
        assert_eq!(Period::parse("2026Q3").unwrap(), Period::Quarter(2026, 3));
        assert!(Period::parse("2026Q5").is_err());
        assert!(Period::parse("26").is_err());
        assert_eq!(Period::Quarter(2026, 3).due(&r), "2026-10-15");
        assert_eq!(Period::Quarter(2026, 4).due(&r), "2027-01-15");
        assert_eq!(Period::Year(2026).due(&r), "2027-01-31");
        let d = NaiveDate::from_ymd_opt(2026, 10, 16).unwrap();
        assert_eq!(
            Period::overdue_as_of(d, &r),
            vec![Period::Quarter(2026, 3), Period::Year(2025)]
        );
        let d = NaiveDate::from_ymd_opt(2026, 10, 14).unwrap();
        assert_eq!(Period::overdue_as_of(d, &r), vec![Period::Year(2025)]);
    }

    #[test]
    fn rules_check() {
        assert!(Rules::default().check().is_ok());
        let bad = Rules {
            quarterly_due_day: 40,
            categories: vec![],
            ..Rules::default()
        };
        match bad.check() {
            Err(HazardError::Invalid(e)) => assert_eq!(e.len(), 2),
            other => panic!("{other:?}"),
        }
    }
}
