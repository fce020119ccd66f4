//! Domain types of safety standardization review (安全生产标准化评审):
//! grades, states and the steps between them, the province's rules, and
//! the parties who take each step. Checklists and scoring are in
//! [`crate::checklist`]. Each type parses from text.

use anjian_platform::FieldError;
use serde::{Deserialize, Serialize};

use anjian_platform::text_enum;

text_enum!(
    /// 标准化等级. `One` is the highest; ordering follows the code, so a
    /// smaller value is a better grade.
    Grade {
        /// 一级 (national review).
        One = "1" / "一级",
        /// 二级.
        Two = "2" / "二级",
        /// 三级.
        Three = "3" / "三级",
    },
    "grade",
    "等级"
);

impl Grade {
    /// The Roman numeral of certificate numbers (Ⅰ, Ⅱ, Ⅲ).
    pub fn roman(self) -> &'static str {
        match self {
            Grade::One => "Ⅰ",
            Grade::Two => "Ⅱ",
            Grade::Three => "Ⅲ",
        }
    }

    /// 1 (一级) to 3 (三级).
    pub fn number(self) -> u8 {
        match self {
            Grade::One => 1,
            Grade::Two => 2,
            Grade::Three => 3,
        }
    }

    /// The lower (worse) of two grades.
    pub fn lower(a: Grade, b: Grade) -> Grade {
        a.max(b)
    }
}

text_enum!(
    /// Where an application stands (DOMAIN.md §2).
    State {
        /// 草稿.
        Draft = "draft" / "草稿",
        /// 自评完成，待属地同意.
        SelfAssessed = "self-assessed" / "已自评",
        /// 属地同意，已提交.
        Submitted = "submitted" / "已提交",
        /// 已受理.
        Accepted = "accepted" / "已受理",
        /// 不予受理.
        Refused = "refused" / "不予受理",
        /// 评审单位已指派，评审中.
        UnderReview = "under-review" / "评审中",
        /// 低于申请等级，整改中.
        Rectifying = "rectifying" / "整改中",
        /// 现场评审完成.
        Reviewed = "reviewed" / "已评审",
        /// 评审报告已签署.
        ReportSigned = "report-signed" / "评审报告已签署",
        /// 组织单位审核通过.
        OrganiserAudited = "organiser-audited" / "组织单位已审核",
        /// 公示中.
        Publicising = "publicising" / "公示中",
        /// 已公告.
        Announced = "announced" / "已公告",
        /// 已发证.
        Certified = "certified" / "已发证",
        /// 已撤回.
        Withdrawn = "withdrawn" / "已撤回",
    },
    "state",
    "申请状态"
);

impl State {
    /// A state no step leaves.
    pub fn is_final(self) -> bool {
        matches!(self, State::Refused | State::Certified | State::Withdrawn)
    }
}

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The applying enterprise.
    Enterprise,
    /// The local department that consents: the county for 三级, the city for 二级.
    Consenter,
    /// The supervision department of the grade: the city for 三级, the
    /// province for 二级 (受理, 审核, 公示, 公告, 发证).
    Authority,
    /// A reviewer of the assigned review unit (评审单位).
    Reviewer,
    /// A member of the assigned organising unit (评审组织单位).
    Organiser,
}

/// Every step: (action, from, to, party). `record_review` may end in
/// `rectifying` instead when the achieved grade is below the applied one.
pub const TRANSITIONS: &[(&str, State, State, Party)] = &[
    (
        "self_assess",
        State::Draft,
        State::SelfAssessed,
        Party::Enterprise,
    ),
    (
        "consent",
        State::SelfAssessed,
        State::Submitted,
        Party::Consenter,
    ),
    (
        "decline_consent",
        State::SelfAssessed,
        State::Draft,
        Party::Consenter,
    ),
    (
        "accept",
        State::Submitted,
        State::Accepted,
        Party::Authority,
    ),
    ("refuse", State::Submitted, State::Refused, Party::Authority),
    (
        "assign_review",
        State::Accepted,
        State::UnderReview,
        Party::Authority,
    ),
    (
        "record_review",
        State::UnderReview,
        State::Reviewed,
        Party::Reviewer,
    ),
    (
        "submit_rectification",
        State::Rectifying,
        State::UnderReview,
        Party::Enterprise,
    ),
    (
        "accept_achieved_grade",
        State::Rectifying,
        State::Reviewed,
        Party::Enterprise,
    ),
    (
        "sign_report",
        State::Reviewed,
        State::ReportSigned,
        Party::Reviewer,
    ),
    (
        "organiser_approve",
        State::ReportSigned,
        State::OrganiserAudited,
        Party::Organiser,
    ),
    (
        "organiser_return",
        State::ReportSigned,
        State::UnderReview,
        Party::Organiser,
    ),
    (
        "authority_approve",
        State::OrganiserAudited,
        State::Publicising,
        Party::Authority,
    ),
    (
        "authority_return",
        State::OrganiserAudited,
        State::UnderReview,
        Party::Authority,
    ),
    (
        "announce",
        State::Publicising,
        State::Announced,
        Party::Authority,
    ),
    (
        "issue_certificate",
        State::Announced,
        State::Certified,
        Party::Authority,
    ),
    (
        "withdraw",
        State::Draft,
        State::Withdrawn,
        Party::Enterprise,
    ),
    (
        "withdraw",
        State::SelfAssessed,
        State::Withdrawn,
        Party::Enterprise,
    ),
    (
        "withdraw",
        State::Submitted,
        State::Withdrawn,
        Party::Enterprise,
    ),
    (
        "withdraw",
        State::Rectifying,
        State::Withdrawn,
        Party::Enterprise,
    ),
];

/// The step `action` out of `from`: (to, party), if there is one.
pub fn step(action: &str, from: State) -> Option<(State, Party)> {
    TRANSITIONS
        .iter()
        .find(|(a, f, _, _)| *a == action && *f == from)
        .map(|(_, _, to, who)| (*to, *who))
}

/// The actions possible out of `from`.
pub fn actions(from: State) -> Vec<&'static str> {
    TRANSITIONS
        .iter()
        .filter(|(_, f, _, _)| *f == from)
        .map(|(a, _, _, _)| *a)
        .collect()
}

/// The safety record of the year before applying (accidents as the
/// accident module will give them; entered with the application until then).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SafetyRecord {
    /// 死亡人数.
    pub deaths: u32,
    /// 较大及以上事故起数.
    pub serious_accidents: u32,
}

/// What the record allows a grade (二级: no 较大 or worse accident, ≤1
/// death; 三级: ≤2 deaths), as data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCap {
    pub grade: Grade,
    pub max_deaths: u32,
    pub max_serious_accidents: Option<u32>,
}

/// The province's rules (policy `standardization.rules`): thresholds,
/// caps and deadlines. The form check and review count working days when
/// `workingDays` is set (the default); the other days are calendar days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rules {
    /// Lowest score of 一级, 二级, 三级.
    pub grade_one: f64,
    pub grade_two: f64,
    pub grade_three: f64,
    /// Caps by the safety record, best grade first.
    pub record_caps: Vec<RecordCap>,
    /// The system must have run this long before applying.
    pub min_system_run_months: u32,
    /// Form check (受理) after submission.
    pub form_check_days: u32,
    /// On-site review after acceptance.
    pub review_days: u32,
    /// The whole review, rectification excluded.
    pub whole_review_days: u32,
    /// Rectification time limit when the review falls short.
    pub rectification_days: u32,
    /// Public notice (公示).
    pub notice_days: u32,
    /// Certificate validity.
    pub certificate_years: u32,
    /// Re-review reminder this many months before expiry.
    pub reminder_months: u32,
    /// At least this many reviewers on site.
    pub min_reviewers: u32,
    /// The province's one-character abbreviation in certificate numbers (浙).
    pub region_abbreviation: String,
    /// The least a county's `standardization.score` rules may change a
    /// review's score, in all (points; negative: a deduction).
    pub score_adjustment_min: f64,
    /// The most they may add, in all (0: deductions only).
    pub score_adjustment_max: f64,
    /// The form check and review deadlines count working days (工作日);
    /// false: calendar days. Rectification and notice are calendar days.
    pub working_days: bool,
    /// Public holidays off (`YYYY-MM-DD`), for working-day deadlines.
    pub holidays: Vec<String>,
    /// Weekend days worked (调休, `YYYY-MM-DD`).
    pub worked_weekends: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            grade_one: 90.0,
            grade_two: 75.0,
            grade_three: 60.0,
            record_caps: vec![
                RecordCap {
                    grade: Grade::Two,
                    max_deaths: 1,
                    max_serious_accidents: Some(0),
                },
                RecordCap {
                    grade: Grade::Three,
                    max_deaths: 2,
                    max_serious_accidents: None,
                },
            ],
            min_system_run_months: 6,
            form_check_days: 5,
            review_days: 40,
            whole_review_days: 90,
            rectification_days: 30,
            notice_days: 7,
            certificate_years: 3,
            reminder_months: 3,
            min_reviewers: 2,
            region_abbreviation: "浙".into(),
            score_adjustment_min: -5.0,
            score_adjustment_max: 0.0,
            working_days: true,
            holidays: vec![],
            worked_weekends: vec![],
        }
    }
}

impl Rules {
    /// Refuses rules that contradict themselves.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = Vec::new();
        if !(self.grade_one > self.grade_two
            && self.grade_two > self.grade_three
            && self.grade_three > 0.0
            && self.grade_one <= 100.0)
        {
            errs.push(FieldError::new(
                "gradeOne",
                "等级分数线应满足 100 ≥ 一级 > 二级 > 三级 > 0",
                "thresholds must satisfy 100 ≥ one > two > three > 0",
            ));
        }
        if self.min_reviewers < 2 {
            errs.push(FieldError::new(
                "minReviewers",
                "现场评审至少 2 名评审人员",
                "an on-site review needs at least 2 reviewers",
            ));
        }
        if self.certificate_years == 0 || self.region_abbreviation.chars().count() != 1 {
            errs.push(FieldError::new(
                "regionAbbreviation",
                "省份简称应为一个汉字，证书有效期至少 1 年",
                "the region abbreviation is one character and certificates last a year or more",
            ));
        }
        for (field, list) in [
            ("holidays", &self.holidays),
            ("workedWeekends", &self.worked_weekends),
        ] {
            if let Some(bad) = list
                .iter()
                .find(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_err())
            {
                errs.push(FieldError::new(
                    field,
                    &format!("日期格式应为 YYYY-MM-DD：{bad}"),
                    &format!("dates are YYYY-MM-DD, not {bad:?}"),
                ));
            }
        }
        if !(self.score_adjustment_min <= 0.0
            && self.score_adjustment_max >= 0.0
            && self.score_adjustment_min >= -100.0
            && self.score_adjustment_max <= 100.0)
        {
            errs.push(FieldError::new(
                "scoreAdjustmentMin",
                "县级评分规则的调整范围应满足 -100 ≤ 下限 ≤ 0 ≤ 上限 ≤ 100",
                "county score adjustments must satisfy -100 ≤ min ≤ 0 ≤ max ≤ 100",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// When a form check or review started at `now` is due: `days` working
    /// days later (or calendar days, as the rules say).
    pub fn office_deadline(&self, now: i64, days: u32) -> i64 {
        if !self.working_days {
            return now + i64::from(days) * 86_400_000;
        }
        crate::calendar::Calendar {
            holidays: &self.holidays,
            worked_weekends: &self.worked_weekends,
        }
        .add_working_days(now, days)
    }

    /// The bounds of a county's score adjustments.
    pub fn adjustment_bounds(&self) -> crate::hooks::Bounds {
        crate::hooks::Bounds {
            min: self.score_adjustment_min,
            max: self.score_adjustment_max,
        }
    }

    /// The grade a score reaches, if any.
    pub fn grade_of_score(&self, score: f64) -> Option<Grade> {
        if score >= self.grade_one {
            Some(Grade::One)
        } else if score >= self.grade_two {
            Some(Grade::Two)
        } else if score >= self.grade_three {
            Some(Grade::Three)
        } else {
            None
        }
    }

    /// The best grade the safety record allows, if any.
    pub fn grade_of_record(&self, r: &SafetyRecord) -> Option<Grade> {
        let mut caps = self.record_caps.clone();
        caps.sort_by_key(|c| c.grade);
        let fits = |c: &RecordCap| {
            r.deaths <= c.max_deaths
                && c.max_serious_accidents
                    .is_none_or(|m| r.serious_accidents <= m)
        };
        // Grades better than the best cap need a clean record.
        let clean = r.deaths == 0 && r.serious_accidents == 0;
        if clean {
            return Some(Grade::One);
        }
        caps.iter().find(|c| fits(c)).map(|c| c.grade)
    }

    /// Final grade: the lower of the score's and the record's.
    pub fn final_grade(&self, score: Option<f64>, record: &SafetyRecord) -> Option<Grade> {
        let s = self.grade_of_score(score?)?;
        let r = self.grade_of_record(record)?;
        Some(Grade::lower(s, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_is_the_lower_of_score_and_record() {
        let r = Rules::default();
        let clean = SafetyRecord::default();
        assert_eq!(r.final_grade(Some(92.0), &clean), Some(Grade::One));
        assert_eq!(r.final_grade(Some(75.0), &clean), Some(Grade::Two));
        assert_eq!(r.final_grade(Some(59.9), &clean), None);
        let one_death = SafetyRecord {
            deaths: 1,
            serious_accidents: 0,
        };
        assert_eq!(r.final_grade(Some(95.0), &one_death), Some(Grade::Two));
        let serious = SafetyRecord {
            deaths: 2,
            serious_accidents: 1,
        };
        assert_eq!(r.final_grade(Some(95.0), &serious), Some(Grade::Three));
        let three_deaths = SafetyRecord {
            deaths: 3,
            serious_accidents: 1,
        };
        assert_eq!(r.final_grade(Some(95.0), &three_deaths), None);
    }

    #[test]
    fn steps_are_taken_only_from_their_state() {
        assert_eq!(
            step("consent", State::SelfAssessed),
            Some((State::Submitted, Party::Consenter))
        );
        assert_eq!(step("consent", State::Draft), None);
        assert!(actions(State::Certified).is_empty());
        for s in State::ALL {
            assert_eq!(s.is_final(), actions(*s).is_empty(), "{s}");
        }
    }

    #[test]
    fn contradictory_rules_are_refused() {
        let r = Rules {
            grade_two: 95.0,
            ..Rules::default()
        };
        assert!(r.check().is_err());
        assert!(Rules::default().check().is_ok());
    }
}
