//! Checklists (评分标准) as data, and scoring against them. A checklist
//! belongs to an industry and a version; the province loads new versions,
//! and an application is scored against the version in force when it was
//! accepted.

use anjian_platform::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The 8 elements of GB/T 33000-2016.
pub const GB_T_33000_ELEMENTS: &[&str] = &[
    "目标职责",
    "制度化管理",
    "教育培训",
    "现场管理",
    "安全风险管控及隐患排查治理",
    "应急管理",
    "事故管理",
    "持续改进",
];

/// The 13 elements of AQ/T 9006-2010.
pub const AQ_T_9006_ELEMENTS: &[&str] = &[
    "目标",
    "组织机构和职责",
    "安全投入",
    "法律法规与安全管理制度",
    "教育培训",
    "生产设备设施",
    "作业安全",
    "隐患排查和治理",
    "重大危险源监控",
    "职业健康",
    "应急救援",
    "事故报告调查和处理",
    "绩效评定和持续改进",
];

/// One item of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// e.g. `5.2.3`.
    pub code: String,
    /// The element it belongs to (要素).
    pub element: String,
    /// What is checked.
    pub text: String,
    /// Points (标准分).
    pub points: f64,
    /// How points are deducted (扣分标准), for the reviewer.
    #[serde(default)]
    pub deduction_rule: String,
    /// A veto item (否决项): failing it fails the review.
    #[serde(default)]
    pub veto: bool,
}

/// A checklist as loaded: parsed and checked, so an instance is consistent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    /// Industry code (GB/T 4754 section or the province's list), e.g. `WH`.
    pub industry: String,
    pub name: String,
    /// `GB/T 33000-2016` or `AQ/T 9006-2010`.
    pub standard: String,
    /// The province's version label, e.g. `2024.1`.
    pub version: String,
    /// 满分: the sum of the items' points.
    pub full_score: f64,
    pub items: Vec<Item>,
}

fn err(field: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(field, zh, en)
}

impl Checklist {
    /// Parses JSON text into a checked checklist; every problem is a field error.
    pub fn parse(json: &str) -> Result<Checklist, Vec<FieldError>> {
        let c: Checklist = serde_json::from_str(json).map_err(|e| {
            vec![err(
                "checklist",
                &format!("评分标准格式错误：{e}"),
                &format!("malformed checklist: {e}"),
            )]
        })?;
        c.check()?;
        Ok(c)
    }

    /// The checks every loaded checklist passes.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = Vec::new();
        let elements = match self.standard.as_str() {
            "GB/T 33000-2016" => GB_T_33000_ELEMENTS,
            "AQ/T 9006-2010" => AQ_T_9006_ELEMENTS,
            s => {
                errs.push(err(
                    "standard",
                    &format!("未知标准：{s}（可选 GB/T 33000-2016、AQ/T 9006-2010）"),
                    &format!("unknown standard {s:?} (GB/T 33000-2016 or AQ/T 9006-2010)"),
                ));
                &[][..]
            }
        };
        if self.industry.trim().is_empty() || self.version.trim().is_empty() {
            errs.push(err(
                "industry",
                "行业和版本不能为空",
                "industry and version are required",
            ));
        }
        let mut seen = HashSet::new();
        let mut sum = 0.0;
        for (i, it) in self.items.iter().enumerate() {
            let f = format!("items.{i}");
            if !seen.insert(it.code.as_str()) {
                errs.push(err(
                    &f,
                    &format!("条目编号重复：{}", it.code),
                    &format!("duplicate item code {}", it.code),
                ));
            }
            if !(it.points.is_finite() && it.points >= 0.0) || (!it.veto && it.points == 0.0) {
                errs.push(err(
                    &f,
                    &format!("条目 {} 分值无效", it.code),
                    &format!("item {} has invalid points", it.code),
                ));
            }
            if !elements.is_empty() && !elements.contains(&it.element.as_str()) {
                errs.push(err(
                    &f,
                    &format!(
                        "条目 {} 的要素“{}”不属于 {}",
                        it.code, it.element, self.standard
                    ),
                    &format!(
                        "item {}: element {:?} is not one of {}",
                        it.code, it.element, self.standard
                    ),
                ));
            }
            sum += it.points;
        }
        if self.items.is_empty() || !self.items.iter().any(|i| i.veto) {
            errs.push(err(
                "items",
                "评分标准应有条目，且至少一项否决项",
                "a checklist has items, at least one of them a veto item",
            ));
        }
        if (sum - self.full_score).abs() > 1e-6 {
            errs.push(err(
                "fullScore",
                &format!("满分 {} 与条目分值之和 {sum} 不符", self.full_score),
                &format!(
                    "full score {} differs from the items' sum {sum}",
                    self.full_score
                ),
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }
}

/// A reviewer's (or the enterprise's own) mark for one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    pub code: String,
    /// Points earned (at most the item's points); or give `deduction`.
    #[serde(default)]
    pub score: Option<f64>,
    /// Points deducted; the item stops at zero.
    #[serde(default)]
    pub deduction: Option<f64>,
    /// 不适用: the item's points leave the full score.
    #[serde(default)]
    pub not_applicable: bool,
    /// A veto item that failed.
    #[serde(default)]
    pub veto_failed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// The result of scoring a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scored {
    pub earned: f64,
    /// Full score less the points of items not applicable.
    pub applicable: f64,
    /// earned / applicable × 100, one decimal.
    pub score: f64,
    /// Codes of failed veto items.
    pub vetoes_failed: Vec<String>,
}

/// Scores `marks` against `c`: every item marked once; score = earned /
/// (full − not applicable) × 100 to one decimal; deductions stop at zero.
pub fn score(c: &Checklist, marks: &[Mark]) -> Result<Scored, Vec<FieldError>> {
    let mut errs = Vec::new();
    let items: HashMap<&str, &Item> = c.items.iter().map(|i| (i.code.as_str(), i)).collect();
    let mut marked: HashMap<&str, &Mark> = HashMap::new();
    for (i, m) in marks.iter().enumerate() {
        let f = format!("marks.{i}");
        let Some(item) = items.get(m.code.as_str()) else {
            errs.push(err(
                &f,
                &format!("评分标准中没有条目 {}", m.code),
                &format!("the checklist has no item {}", m.code),
            ));
            continue;
        };
        if marked.insert(m.code.as_str(), m).is_some() {
            errs.push(err(
                &f,
                &format!("条目 {} 重复评分", m.code),
                &format!("item {} is marked twice", m.code),
            ));
        }
        if let Some(e) = check_mark(item, m, &f) {
            errs.push(e);
        }
    }
    for it in &c.items {
        if !marked.contains_key(it.code.as_str()) {
            errs.push(err(
                "marks",
                &format!("条目 {} 未评分", it.code),
                &format!("item {} is not marked", it.code),
            ));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let (mut earned, mut na) = (0.0, 0.0);
    let mut vetoes_failed = Vec::new();
    for it in &c.items {
        let Some(m) = marked.get(it.code.as_str()) else {
            continue;
        };
        if m.veto_failed {
            vetoes_failed.push(it.code.clone());
        }
        if m.not_applicable {
            na += it.points;
            continue;
        }
        earned += match (m.score, m.deduction) {
            (Some(s), _) => s,
            (None, Some(d)) => (it.points - d).max(0.0),
            (None, None) => it.points,
        };
    }
    let applicable = c.full_score - na;
    if applicable <= 0.0 {
        return Err(vec![err(
            "marks",
            "全部条目不适用，无法计分",
            "every item is not applicable: nothing to score",
        )]);
    }
    let score = (earned / applicable * 1000.0).round() / 10.0;
    Ok(Scored {
        earned,
        applicable,
        score,
        vetoes_failed,
    })
}

fn check_mark(item: &Item, m: &Mark, f: &str) -> Option<FieldError> {
    let code = &item.code;
    if m.not_applicable && item.veto {
        return Some(err(
            f,
            &format!("否决项 {code} 不能标为不适用"),
            &format!("veto item {code} can't be marked not applicable"),
        ));
    }
    if m.veto_failed && !item.veto {
        return Some(err(
            f,
            &format!("条目 {code} 不是否决项"),
            &format!("item {code} is not a veto item"),
        ));
    }
    if m.score.is_some() && m.deduction.is_some() {
        return Some(err(
            f,
            &format!("条目 {code} 只能给得分或扣分之一"),
            &format!("item {code}: give a score or a deduction, not both"),
        ));
    }
    if let Some(s) = m.score {
        if !(s.is_finite() && s >= 0.0 && s <= item.points) {
            return Some(err(
                f,
                &format!("条目 {code} 得分 {s} 超出 0–{}", item.points),
                &format!("item {code}: score {s} is outside 0–{}", item.points),
            ));
        }
    }
    if let Some(d) = m.deduction {
        if !(d.is_finite() && d >= 0.0) {
            return Some(err(
                f,
                &format!("条目 {code} 扣分 {d} 无效"),
                &format!("item {code}: deduction {d} is invalid"),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Checklist {
        Checklist::parse(
            r#"{"industry":"WH","name":"t","standard":"GB/T 33000-2016","version":"1","fullScore":100,
               "items":[{"code":"1","element":"目标职责","text":"a","points":40},
                        {"code":"2","element":"现场管理","text":"b","points":60},
                        {"code":"3","element":"现场管理","text":"veto","points":0,"veto":true}]}"#,
        )
        .unwrap()
    }

    fn mark(code: &str) -> Mark {
        Mark {
            code: code.into(),
            score: None,
            deduction: None,
            not_applicable: false,
            veto_failed: false,
            note: None,
        }
    }

    #[test]
    fn score_excludes_items_not_applicable_and_stops_deductions_at_zero() {
        let c = list();
        let marks = vec![
            Mark {
                deduction: Some(70.0),
                ..mark("1")
            },
            Mark {
                score: Some(45.0),
                ..mark("2")
            },
            mark("3"),
        ];
        let s = score(&c, &marks).unwrap();
        assert_eq!((s.earned, s.applicable, s.score), (45.0, 100.0, 45.0));
        let marks = vec![
            Mark {
                not_applicable: true,
                ..mark("1")
            },
            Mark {
                score: Some(50.0),
                ..mark("2")
            },
            mark("3"),
        ];
        assert_eq!(score(&c, &marks).unwrap().score, 83.3);
    }

    #[test]
    fn bad_marks_are_field_errors() {
        let c = list();
        let over = vec![
            Mark {
                score: Some(41.0),
                ..mark("1")
            },
            mark("2"),
            Mark {
                not_applicable: true,
                ..mark("3")
            },
        ];
        let e = score(&c, &over).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        let missing = vec![mark("1")];
        assert_eq!(score(&c, &missing).unwrap_err().len(), 2);
    }

    #[test]
    fn inconsistent_checklists_are_refused() {
        let bad = r#"{"industry":"WH","name":"t","standard":"GB/T 33000-2016","version":"1","fullScore":90,
               "items":[{"code":"1","element":"不存在","text":"a","points":40},
                        {"code":"1","element":"现场管理","text":"b","points":60}]}"#;
        let e = Checklist::parse(bad).unwrap_err();
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(Checklist::parse("{").is_err());
    }
}
