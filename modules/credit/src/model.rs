//! Domain types of credit: listing states, penalty types and statuses, the
//! province's rules (policy `credit.rules`, national defaults below), credit
//! grades, and the masking of personal data for the public.

use anjian_platform::text_enum;
use anjian_platform::FieldError;
use serde::{Deserialize, Serialize};

text_enum!(
    /// Where a listing (列入严重失信名单) stands.
    ListingState {
        Proposed = "proposed" / "拟列入",
        Notified = "notified" / "已告知，陈述申辩期",
        Decided = "decided" / "已决定列入",
        Published = "published" / "已公布",
        Managed = "managed" / "管理期",
        RemovalApplied = "removal_applied" / "申请移出，待审核",
        Removed = "removed" / "已移出",
        Dismissed = "dismissed" / "决定不予列入",
    },
    "state",
    "名单状态"
);

impl ListingState {
    /// Still open: the enterprise is (or may become) listed.
    pub fn is_open(self) -> bool {
        !matches!(self, ListingState::Removed | ListingState::Dismissed)
    }

    /// On the public blacklist.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            ListingState::Published
                | ListingState::Managed
                | ListingState::RemovalApplied
                | ListingState::Removed
        )
    }
}

text_enum!(
    /// Where a credit event (失信行为) came from.
    Source {
        Accident = "accident" / "事故",
        Hazard = "hazard" / "隐患",
        Penalty = "penalty" / "行政处罚",
        Standardization = "standardization" / "标准化",
        Manual = "manual" / "县级录入",
    },
    "source",
    "来源"
);

text_enum!(
    /// 行政处罚种类.
    PenaltyType {
        Warning = "warning" / "警告",
        Fine = "fine" / "罚款",
        Confiscation = "confiscation" / "没收违法所得、没收非法财物",
        OrderToCorrect = "order_to_correct" / "责令改正",
        Suspension = "suspension" / "责令停产停业",
        LicenceSuspension = "licence_suspension" / "暂扣许可证",
        LicenceRevocation = "licence_revocation" / "吊销许可证",
        Closure = "closure" / "关闭",
    },
    "penaltyType",
    "处罚种类"
);

text_enum!(
    /// 执行情况.
    Enforcement {
        Pending = "pending" / "未执行",
        Executing = "executing" / "执行中",
        Executed = "executed" / "已执行",
    },
    "enforcement",
    "执行情况"
);

text_enum!(
    /// 复议诉讼情况.
    Appeal {
        None = "none" / "无",
        Reconsideration = "reconsideration" / "行政复议中",
        Litigation = "litigation" / "行政诉讼中",
        Upheld = "upheld" / "维持",
        Changed = "changed" / "变更",
        Revoked = "revoked" / "撤销",
    },
    "appeal",
    "复议诉讼情况"
);

text_enum!(
    /// Who was penalised.
    PartyKind {
        Enterprise = "enterprise" / "单位",
        Person = "person" / "个人",
    },
    "partyKind",
    "当事人类型"
);

text_enum!(
    /// How removal is asked for: at the end of the term, or early repair.
    RemovalKind {
        Expiry = "expiry" / "期满移出",
        EarlyRepair = "early_repair" / "信用修复提前移出",
    },
    "kind",
    "移出方式"
);

text_enum!(
    /// The review of a removal application.
    ReviewOutcome {
        Remove = "remove" / "同意移出",
        Extend = "extend" / "延长管理期",
        Reject = "reject" / "不予移出",
    },
    "outcome",
    "审核结论"
);

/// The credit grades, best first.
pub const GRADES: [&str; 4] = ["A", "B", "C", "D"];

/// `g` lowered by `n` steps (never below D); an unknown grade reads as B.
pub fn drop_grade(g: &str, n: i64) -> &'static str {
    let i = GRADES.iter().position(|x| *x == g).unwrap_or(1) as i64;
    GRADES[(i + n).clamp(0, 3) as usize]
}

/// One trigger of credit events (失信行为), and what it leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerRule {
    pub code: String,
    pub zh: String,
    /// An event of this trigger proposes a listing by itself.
    pub propose: bool,
    /// Months on the list once published.
    pub term_months: i64,
    /// Grades an event of this trigger takes off while in the window.
    pub grade_drop: i64,
}

impl Default for TriggerRule {
    fn default() -> Self {
        TriggerRule {
            code: String::new(),
            zh: String::new(),
            propose: false,
            term_months: 36,
            grade_drop: 1,
        }
    }
}

/// The base grade of each standardization grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GradeBase {
    pub grade1: String,
    pub grade2: String,
    pub grade3: String,
    pub none: String,
}

impl Default for GradeBase {
    fn default() -> Self {
        GradeBase {
            grade1: "A".into(),
            grade2: "A".into(),
            grade3: "B".into(),
            none: "B".into(),
        }
    }
}

/// The province's credit rules: triggers, periods, grading and disclosure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Rules {
    pub triggers: Vec<TriggerRule>,
    /// Working days the enterprise has to state its defence (陈述申辩).
    pub defence_working_days: u32,
    /// Working days within which a decided penalty is published (双公示).
    pub penalty_publish_working_days: u32,
    /// Months after publication from which early repair may be asked.
    pub early_repair_after_months: i64,
    /// Days before the term's end from which removal may be asked.
    pub removal_window_days: i64,
    /// Months between planned inspections of a listed enterprise.
    pub inspection_interval_months: i64,
    /// Days within which the principal is summoned (约谈).
    pub summons_days: i64,
    /// Most months one review may extend a listing by.
    pub max_extend_months: i64,
    /// Measures while listed (shown to the public).
    pub measures: Vec<String>,
    pub grade_base: GradeBase,
    /// Months an event counts against the grade.
    pub event_window_months: i64,
    /// Grades a broken public commitment (安全承诺) takes off.
    pub broken_commitment_drop: i64,
    /// The grade of a listed enterprise.
    pub listed_grade: String,
    /// How many grades a county's `credit.assess` plugin may move a grade.
    pub assess_bound: i64,
    /// Public holidays (`YYYY-MM-DD`) and worked weekend days, for working days.
    pub holidays: Vec<String>,
    pub worked_weekends: Vec<String>,
    /// Public queries from one address per minute.
    pub public_lookups_per_minute: u64,
    /// Seconds a public answer may be served from cache.
    pub public_cache_seconds: u64,
}

fn t(code: &str, zh: &str, propose: bool, term: i64, drop: i64) -> TriggerRule {
    TriggerRule {
        code: code.into(),
        zh: zh.into(),
        propose,
        term_months: term,
        grade_drop: drop,
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            triggers: vec![
                t(
                    "accident_responsible_major",
                    "对重大及以上生产安全事故负有责任",
                    true,
                    36,
                    2,
                ),
                t("accident_concealed", "瞒报生产安全事故", true, 36, 2),
                t("accident_false_report", "谎报生产安全事故", true, 36, 2),
                t("accident_late_report", "迟报生产安全事故", true, 12, 1),
                t(
                    "accident_responsible",
                    "对生产安全事故负有责任",
                    false,
                    36,
                    1,
                ),
                t(
                    "hazard_major_overdue",
                    "重大事故隐患挂牌督办后逾期未治理",
                    true,
                    36,
                    2,
                ),
                t(
                    "hazard_overdue_escalated",
                    "隐患逾期未整改被升级督办",
                    false,
                    36,
                    1,
                ),
                t("licence_suspended", "安全生产许可证被暂扣", true, 36, 2),
                t("licence_revoked", "安全生产许可证被吊销", true, 36, 2),
                t(
                    "working_while_stopped",
                    "责令停产停业期间擅自生产经营",
                    true,
                    36,
                    2,
                ),
                t("penalty", "受到安全生产行政处罚", false, 36, 1),
                t(
                    "certificate_revoked",
                    "安全生产标准化证书被撤销",
                    false,
                    36,
                    1,
                ),
                t(
                    "false_service_report",
                    "安全生产服务机构出具虚假报告",
                    true,
                    36,
                    2,
                ),
                t("manual", "其他失信行为（县级录入）", false, 36, 1),
            ],
            defence_working_days: 5,
            penalty_publish_working_days: 7,
            early_repair_after_months: 12,
            removal_window_days: 30,
            inspection_interval_months: 6,
            summons_days: 15,
            max_extend_months: 12,
            measures: vec![
                "每半年至少检查一次".into(),
                "约谈主要负责人".into(),
                "评优评先一票否决".into(),
            ],
            grade_base: GradeBase::default(),
            event_window_months: 24,
            broken_commitment_drop: 1,
            listed_grade: "D".into(),
            assess_bound: 1,
            holidays: vec![],
            worked_weekends: vec![],
            public_lookups_per_minute: 600,
            public_cache_seconds: 30,
        }
    }
}

impl Rules {
    /// The rule of trigger `code`.
    pub fn trigger(&self, code: &str) -> Option<&TriggerRule> {
        self.triggers.iter().find(|t| t.code == code)
    }

    /// Field errors of rules that can't be applied.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = vec![];
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.triggers.iter().enumerate() {
            let bad = t.code.is_empty()
                || !t.code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                || !(1..=120).contains(&t.term_months)
                || !(0..=3).contains(&t.grade_drop)
                || t.zh.trim().is_empty()
                || !seen.insert(t.code.clone());
            if bad {
                errs.push(FieldError::new(
                    &format!("triggers[{i}]"),
                    "触发行为无效：代码为小写字母和下划线且不重复，名称必填，期限 1–120 个月，降级 0–3",
                    "invalid trigger: unique lowercase code, a name, term 1-120 months, grade drop 0-3",
                ));
            }
        }
        for (field, v, lo, hi) in [
            (
                "defenceWorkingDays",
                i64::from(self.defence_working_days),
                1,
                60,
            ),
            (
                "penaltyPublishWorkingDays",
                i64::from(self.penalty_publish_working_days),
                1,
                60,
            ),
            (
                "earlyRepairAfterMonths",
                self.early_repair_after_months,
                1,
                120,
            ),
            ("removalWindowDays", self.removal_window_days, 1, 365),
            (
                "inspectionIntervalMonths",
                self.inspection_interval_months,
                1,
                12,
            ),
            ("summonsDays", self.summons_days, 1, 90),
            ("maxExtendMonths", self.max_extend_months, 1, 60),
            ("eventWindowMonths", self.event_window_months, 1, 120),
            ("brokenCommitmentDrop", self.broken_commitment_drop, 0, 3),
            ("assessBound", self.assess_bound, 0, 3),
            (
                "publicCacheSeconds",
                self.public_cache_seconds as i64,
                0,
                3600,
            ),
            (
                "publicLookupsPerMinute",
                self.public_lookups_per_minute as i64,
                1,
                1_000_000,
            ),
        ] {
            if !(lo..=hi).contains(&v) {
                errs.push(FieldError::new(
                    field,
                    &format!("取值应在 {lo}–{hi} 之间"),
                    &format!("must be between {lo} and {hi}"),
                ));
            }
        }
        let b = &self.grade_base;
        for (field, g) in [
            ("gradeBase.grade1", &b.grade1),
            ("gradeBase.grade2", &b.grade2),
            ("gradeBase.grade3", &b.grade3),
            ("gradeBase.none", &b.none),
            ("listedGrade", &self.listed_grade),
        ] {
            if !GRADES.contains(&g.as_str()) {
                errs.push(FieldError::new(
                    field,
                    "信用等级应为 A/B/C/D",
                    "a credit grade is A, B, C or D",
                ));
            }
        }
        for (field, list) in [
            ("holidays", &self.holidays),
            ("workedWeekends", &self.worked_weekends),
        ] {
            if list
                .iter()
                .any(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_err())
            {
                errs.push(FieldError::new(
                    field,
                    "日期格式应为 YYYY-MM-DD",
                    "dates are YYYY-MM-DD",
                ));
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }
}

fn beijing() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!())
}

/// Parses a date (`YYYY-MM-DD`, noon Beijing time) or an RFC 3339 time.
pub fn parse_date(field: &str, raw: &str) -> Result<i64, FieldError> {
    use chrono::TimeZone;
    let s = raw.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if let Some(t) = d
            .and_hms_opt(12, 0, 0)
            .and_then(|n| beijing().from_local_datetime(&n).single())
        {
            return Ok(t.timestamp_millis());
        }
    }
    Err(FieldError::new(
        field,
        "日期格式应为 YYYY-MM-DD",
        "a date is YYYY-MM-DD (or an RFC 3339 time)",
    ))
}

/// The year of an instant in Beijing time.
pub fn year_of(ms: i64) -> i64 {
    use chrono::{Datelike, TimeZone};
    beijing()
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| i64::from(t.year()))
        .unwrap_or(1970)
}

/// Whether `id` is a valid resident identity number (GB 11643, 18 characters
/// with its check character).
pub fn valid_id_number(id: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b[17].to_ascii_uppercase() == C[(sum % 11) as usize]
}

/// A person's name as the public sees it: the surname, the rest masked.
pub fn mask_name(name: &str) -> String {
    let mut c = name.trim().chars();
    match c.next() {
        Some(first) => {
            let rest = c.count().max(1);
            format!("{first}{}", "*".repeat(rest))
        }
        None => String::new(),
    }
}

/// Why `text` can't be published: it holds an identity number, a mobile
/// number, or the unmasked name of the person penalised.
pub fn personal_data_in(text: &str, person_name: Option<&str>) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    let digit_run = |len: usize, ok: &dyn Fn(&[char]) -> bool| {
        chars.windows(len).enumerate().any(|(i, w)| {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + len);
            ok(w)
                && !before.is_some_and(char::is_ascii_digit)
                && !after.is_some_and(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x')
        })
    };
    let id_like = |w: &[char]| {
        w[..17].iter().all(char::is_ascii_digit)
            && (w[17].is_ascii_digit() || w[17] == 'X' || w[17] == 'x')
    };
    if chars.len() >= 18 && digit_run(18, &id_like) {
        return Some("identity number");
    }
    let mobile = |w: &[char]| {
        w.iter().all(char::is_ascii_digit) && w[0] == '1' && ('3'..='9').contains(&w[1])
    };
    if chars.len() >= 11 && digit_run(11, &mobile) {
        return Some("mobile number");
    }
    if let Some(n) = person_name.map(str::trim) {
        if n.chars().count() >= 2 && text.contains(n) {
            return Some("name");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_check_and_grades_drop() {
        assert_eq!(Rules::default().check(), Ok(()));
        assert_eq!(drop_grade("A", 1), "B");
        assert_eq!(drop_grade("C", 5), "D");
        assert_eq!(drop_grade("B", 0), "B");
        let mut r = Rules::default();
        r.triggers.push(r.triggers[0].clone());
        r.defence_working_days = 0;
        r.listed_grade = "E".into();
        let e = r.check().unwrap_err();
        let fields: Vec<_> = e.iter().map(|f| f.field.clone()).collect();
        assert!(fields.contains(&"triggers[14]".to_string()), "{fields:?}");
        assert!(fields.contains(&"defenceWorkingDays".to_string()));
        assert!(fields.contains(&"listedGrade".to_string()));
    }

    #[test]
    fn identity_numbers_and_masking() {
        assert!(valid_id_number("11010519491231002X"));
        assert!(!valid_id_number("110105194912310021"));
        assert!(!valid_id_number("1101051949123100"));
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("李"), "李*");
    }

    #[test]
    fn personal_data_is_found() {
        let n = Some("张三");
        assert_eq!(personal_data_in("当事人张*未按规定佩戴", n), None);
        assert_eq!(
            personal_data_in("身份证号11010519491231002X，罚款", n),
            Some("identity number")
        );
        assert_eq!(
            personal_data_in("电话13812345678", n),
            Some("mobile number")
        );
        assert_eq!(personal_data_in("当事人张三", n), Some("name"));
        // Long figures that are not identity numbers (amounts, case numbers) pass.
        assert_eq!(personal_data_in("罚款 20000 元，案号 2026-0012", n), None);
    }
}
