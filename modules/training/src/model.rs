//! Domain types of safety training and examination (安全培训考核): people's
//! ID numbers, categories, question kinds, the province's rules and the
//! special operations (特种作业) list. Each type parses from text.

use anjian_platform::{text_enum, FieldError};
use serde::{Deserialize, Serialize};

/// A resident identity number (公民身份号码, GB 11643-1999): 17 digits with
/// a birth date at 7–14, then a check character (0–9 or X).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct IdNumber(String);

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

impl IdNumber {
    /// Parses an ID number; a lower-case `x` is accepted and stored upper-case.
    pub fn parse(s: &str) -> Result<IdNumber, FieldError> {
        let s = s.trim().to_ascii_uppercase();
        let bad = |zh: &str, en: &str| FieldError::new("idNumber", zh, en);
        let b = s.as_bytes();
        if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
            return Err(bad(
                "身份证号应为 18 位（前 17 位为数字）",
                "an ID number has 18 characters, the first 17 digits",
            ));
        }
        let sum: u32 = b[..17]
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(c, w)| u32::from(c - b'0') * w)
            .sum();
        if ID_CHECK[(sum % 11) as usize] != b[17] {
            return Err(bad(
                "身份证号校验位错误",
                "the ID number's check character is wrong",
            ));
        }
        let birth = chrono::NaiveDate::parse_from_str(&s[6..14], "%Y%m%d")
            .ok()
            .filter(|d| {
                let today = chrono::Utc::now().date_naive();
                *d <= today && d.format("%Y").to_string().as_str() >= "1900"
            });
        if birth.is_none() {
            return Err(bad(
                "身份证号中的出生日期无效",
                "the birth date in the ID number is not a real date",
            ));
        }
        Ok(IdNumber(s))
    }

    /// The number as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Shown to anyone but its holder's officials: `3301**********123X`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Masks a stored ID number, keeping the first four and last four characters.
pub fn mask(s: &str) -> String {
    if s.len() < 8 || !s.is_ascii() {
        return "*".repeat(s.chars().count());
    }
    format!(
        "{}{}{}",
        &s[..4],
        "*".repeat(s.len() - 8),
        &s[s.len() - 4..]
    )
}

text_enum!(
    /// Who is trained and examined (培训对象).
    Category {
        /// 主要负责人.
        Principal = "principal" / "主要负责人",
        /// 安全生产管理人员.
        SafetyManager = "safety-manager" / "安全生产管理人员",
        /// 特种作业人员.
        SpecialOperations = "special-operations" / "特种作业人员",
    },
    "category",
    "人员类别"
);

text_enum!(
    /// A question's kind (题型).
    QuestionKind {
        /// 判断题.
        TrueFalse = "true-false" / "判断题",
        /// 单选题.
        Single = "single" / "单选题",
        /// 多选题.
        Multiple = "multiple" / "多选题",
    },
    "kind",
    "题型"
);

text_enum!(
    /// Where a certificate stands (证书状态).
    CertStatus {
        /// 有效.
        Valid = "valid" / "有效",
        /// 暂扣.
        Suspended = "suspended" / "暂扣",
        /// 撤销.
        Revoked = "revoked" / "撤销",
        /// 注销 (replaced by a renewal).
        Cancelled = "cancelled" / "注销",
    },
    "status",
    "证书状态"
);

text_enum!(
    /// Why a certificate is revoked (撤销原因).
    RevokeReason {
        /// 弄虚作假取得.
        Fraud = "fraud" / "弄虚作假",
        /// 发生责任事故.
        Accident = "accident" / "责任事故",
        /// 逾期未复审.
        MissedReview = "missed-review" / "逾期未复审",
    },
    "reason",
    "撤销原因"
);

/// One special operation class (特种作业类别) and its items (操作项目).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OperationClass {
    pub code: String,
    pub name: String,
    pub items: Vec<OperationItem>,
}

/// An operation item (操作项目) of a class.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OperationItem {
    pub code: String,
    pub name: String,
}

/// Training hours a category needs (学时要求).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Hours {
    pub first: f64,
    pub refresher: f64,
    pub high_risk_first: f64,
    pub high_risk_refresher: f64,
}

/// The province's rules of training and examination, stored as policy data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Rules {
    /// Theory pass mark out of 100 (理论考试合格分).
    pub pass_mark: f64,
    /// Practical pass mark (实际操作考试合格分).
    pub practical_pass_mark: f64,
    /// Resits after a failed first attempt before retraining (补考次数).
    pub resits: u32,
    /// How long a pass counts, in months.
    pub result_valid_months: u32,
    pub hours: Hours,
    /// Principal and safety manager certificates, in months.
    pub manager_cert_months: u32,
    /// Special operation certificates, in months.
    pub special_cert_months: u32,
    /// Months between reviews (复审周期).
    pub review_months: u32,
    /// Months between reviews once a holder has this many clean years.
    pub clean_review_months: u32,
    pub clean_years: u32,
    /// Reminders this many days before a review or expiry.
    pub reminder_days: u32,
    /// Autosave interval the console keeps (seconds).
    pub autosave_seconds: u32,
    /// Questions answered correctly by fewer than this share are flagged.
    pub too_hard_below: f64,
    /// … or by more than this share.
    pub too_easy_above: f64,
    /// Answers a question needs before it is flagged.
    pub flag_min_answers: u32,
    /// Special operation classes and their items (总局令30号).
    pub operations: Vec<OperationClass>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            pass_mark: 80.0,
            practical_pass_mark: 80.0,
            resits: 1,
            result_valid_months: 12,
            hours: Hours {
                first: 32.0,
                refresher: 12.0,
                high_risk_first: 48.0,
                high_risk_refresher: 16.0,
            },
            manager_cert_months: 36,
            special_cert_months: 72,
            review_months: 36,
            clean_review_months: 72,
            clean_years: 10,
            reminder_days: 60,
            autosave_seconds: 30,
            too_hard_below: 0.2,
            too_easy_above: 0.98,
            flag_min_answers: 20,
            operations: seed_operations(),
        }
    }
}

/// The 11 classes of 总局令30号 with their items, as shipped.
pub fn seed_operations() -> Vec<OperationClass> {
    serde_json::from_str(include_str!("../seed/operations.json")).unwrap_or_default()
}

impl Rules {
    /// Checks every field; all problems at once.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        for (f, v) in [
            ("passMark", self.pass_mark),
            ("practicalPassMark", self.practical_pass_mark),
        ] {
            if !(0.0..=100.0).contains(&v) {
                e.push(FieldError::new(f, "应在 0–100 之间", "must be 0 to 100"));
            }
        }
        let h = &self.hours;
        for (f, v) in [
            ("hours.first", h.first),
            ("hours.refresher", h.refresher),
            ("hours.highRiskFirst", h.high_risk_first),
            ("hours.highRiskRefresher", h.high_risk_refresher),
        ] {
            if !(0.0..=1000.0).contains(&v) {
                e.push(FieldError::new(
                    f,
                    "学时应在 0–1000 之间",
                    "hours must be 0 to 1000",
                ));
            }
        }
        for (f, v) in [
            ("resultValidMonths", self.result_valid_months),
            ("managerCertMonths", self.manager_cert_months),
            ("specialCertMonths", self.special_cert_months),
            ("reviewMonths", self.review_months),
            ("cleanReviewMonths", self.clean_review_months),
        ] {
            if !(1..=240).contains(&v) {
                e.push(FieldError::new(
                    f,
                    "月数应在 1–240 之间",
                    "months must be 1 to 240",
                ));
            }
        }
        if self.resits > 5 {
            e.push(FieldError::new(
                "resits",
                "补考次数至多 5 次",
                "at most 5 resits",
            ));
        }
        if !(0.0..=1.0).contains(&self.too_hard_below)
            || !(0.0..=1.0).contains(&self.too_easy_above)
        {
            e.push(FieldError::new(
                "tooHardBelow",
                "比例应在 0–1 之间",
                "shares are 0 to 1",
            ));
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(e)
        }
    }

    /// Hours a candidate needs before the exam.
    pub fn required_hours(&self, high_risk: bool, refresher: bool) -> f64 {
        match (high_risk, refresher) {
            (false, false) => self.hours.first,
            (false, true) => self.hours.refresher,
            (true, false) => self.hours.high_risk_first,
            (true, true) => self.hours.high_risk_refresher,
        }
    }

    /// The class and item names of an operation item code, if listed.
    pub fn operation(&self, item: &str) -> Option<(&OperationClass, &OperationItem)> {
        self.operations
            .iter()
            .find_map(|c| c.items.iter().find(|i| i.code == item).map(|i| (c, i)))
    }

    /// How long a certificate of the category is valid, in months.
    pub fn cert_months(&self, c: Category) -> u32 {
        match c {
            Category::SpecialOperations => self.special_cert_months,
            _ => self.manager_cert_months,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        // 11010519491231002X is the standard's own example.
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok());
        assert_eq!(
            IdNumber::parse("110105194912310021").unwrap_err().field,
            "idNumber"
        );
        assert!(IdNumber::parse("11010519491331002X").is_err(), "month 13");
        assert!(IdNumber::parse("1101051949123100").is_err());
        assert!(IdNumber::parse("11010519491231002X ").is_ok());
        assert_eq!(
            IdNumber::parse("11010519491231002X").unwrap().masked(),
            "1101**********002X"
        );
    }

    #[test]
    fn rules_and_operations() {
        let r = Rules::default();
        assert!(r.check().is_ok());
        assert_eq!(r.operations.len(), 11);
        assert_eq!(
            r.operations
                .iter()
                .find(|c| c.code == "09")
                .map(|c| c.items.len()),
            Some(16)
        );
        assert_eq!(
            r.operation("01-02").map(|(_, i)| i.name.as_str()),
            Some("低压电工作业")
        );
        assert_eq!(r.required_hours(true, false), 48.0);
        let bad = Rules {
            pass_mark: 120.0,
            ..Rules::default()
        };
        assert_eq!(bad.check().unwrap_err()[0].field, "passMark");
    }
}
