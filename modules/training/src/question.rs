//! Questions of the bank (题库) and blueprints (组卷规则): what each holds,
//! and the checks that make a question answerable and a blueprint total 100.

use crate::model::{Category, QuestionKind};
use anjian_platform::FieldError;
use serde::{Deserialize, Serialize};

/// One option of a choice question (`A`: its text).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Choice {
    pub key: String,
    pub text: String,
}

/// A question as the bank holds it: one version of it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Stable across versions; a bank file names it to update a question.
    pub id: String,
    pub version: i64,
    pub kind: QuestionKind,
    pub category: Category,
    /// 操作项目 of special operations; none for principals and managers.
    pub operation_item: Option<String>,
    /// 知识点.
    pub knowledge_point: String,
    /// 难度, 1 (easy) to 5.
    pub difficulty: u8,
    pub stem: String,
    /// Choices; true/false questions have `T` (正确) and `F` (错误).
    pub options: Vec<Choice>,
    /// Keys of the right choices, sorted.
    pub answer: Vec<String>,
    /// 解析.
    pub explanation: String,
}

/// The choices of every true/false question.
pub fn true_false() -> Vec<Choice> {
    vec![
        Choice {
            key: "T".into(),
            text: "正确".into(),
        },
        Choice {
            key: "F".into(),
            text: "错误".into(),
        },
    ]
}

impl Question {
    /// Checks a question (its id and version aside); all problems at once.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        let f = |e: &mut Vec<FieldError>, field: &str, zh: &str, en: &str| {
            e.push(FieldError::new(field, zh, en))
        };
        if self.stem.trim().is_empty() || self.stem.chars().count() > 2000 {
            f(
                &mut e,
                "stem",
                "题干不能为空，至多 2000 字",
                "the stem is 1 to 2000 characters",
            );
        }
        if !(1..=5).contains(&self.difficulty) {
            f(&mut e, "difficulty", "难度应为 1–5", "difficulty is 1 to 5");
        }
        if self.knowledge_point.trim().is_empty() || self.knowledge_point.chars().count() > 100 {
            f(
                &mut e,
                "knowledgePoint",
                "知识点不能为空，至多 100 字",
                "a knowledge point of 1 to 100 characters is required",
            );
        }
        if self.category == Category::SpecialOperations && self.operation_item.is_none() {
            f(
                &mut e,
                "operationItem",
                "特种作业试题须注明操作项目",
                "special operation questions name their operation item",
            );
        }
        let keys: Vec<&str> = self.options.iter().map(|c| c.key.as_str()).collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() != keys.len() || self.options.iter().any(|c| c.text.trim().is_empty()) {
            f(
                &mut e,
                "options",
                "选项不能重复或为空",
                "options must be distinct and not empty",
            );
        }
        match self.kind {
            QuestionKind::TrueFalse if self.options != true_false() => {
                f(
                    &mut e,
                    "options",
                    "判断题的选项为 T（正确）和 F（错误）",
                    "true/false questions have the options T and F",
                );
            }
            QuestionKind::Single | QuestionKind::Multiple
                if !(2..=8).contains(&self.options.len()) =>
            {
                f(
                    &mut e,
                    "options",
                    "选择题有 2–8 个选项",
                    "a choice question has 2 to 8 options",
                );
            }
            _ => {}
        }
        let unknown = self.answer.iter().any(|a| !keys.contains(&a.as_str()));
        let mut answer = self.answer.clone();
        answer.sort_unstable();
        answer.dedup();
        let count_ok = match self.kind {
            QuestionKind::TrueFalse | QuestionKind::Single => answer.len() == 1,
            QuestionKind::Multiple => answer.len() >= 2,
        };
        if unknown || !count_ok || answer.len() != self.answer.len() {
            f(
                &mut e,
                "answer",
                "答案须为选项中的键：单选、判断 1 个，多选至少 2 个",
                "the answer names options: one for single and true/false, two or more for multiple",
            );
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(e)
        }
    }
}

/// One part of a blueprint: how many questions of a kind, drawn from which
/// knowledge point and difficulty (any when none), worth how much each.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    pub kind: QuestionKind,
    pub count: u32,
    pub points: f64,
    pub knowledge_point: Option<String>,
    pub difficulty: Option<u8>,
}

/// A blueprint (组卷规则) of one category (and operation item).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Blueprint {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub operation_item: Option<String>,
    pub duration_minutes: u32,
    /// Multiple choice earns half its points when the choices are a strict
    /// subset of the answer (少选得一半); otherwise all or nothing.
    pub multiple_partial: bool,
    pub parts: Vec<Part>,
    pub version: i64,
}

impl Blueprint {
    /// The paper's total.
    pub fn total(&self) -> f64 {
        self.parts
            .iter()
            .map(|p| f64::from(p.count) * p.points)
            .sum()
    }

    /// Checks the shape (the bank's fill is checked by the service).
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Vec::new();
        if self.name.trim().is_empty() || self.name.chars().count() > 100 {
            e.push(FieldError::new(
                "name",
                "名称为 1–100 字",
                "the name is 1 to 100 characters",
            ));
        }
        if !(10..=300).contains(&self.duration_minutes) {
            e.push(FieldError::new(
                "durationMinutes",
                "考试时长应为 10–300 分钟",
                "the duration is 10 to 300 minutes",
            ));
        }
        if self.parts.is_empty() || self.parts.len() > 30 {
            e.push(FieldError::new(
                "parts",
                "组卷规则须有 1–30 个部分",
                "a blueprint has 1 to 30 parts",
            ));
        }
        for (i, p) in self.parts.iter().enumerate() {
            if !(1..=200).contains(&p.count)
                || p.points.is_nan()
                || p.points <= 0.0
                || p.points > 100.0
            {
                e.push(FieldError::new(
                    &format!("parts.{i}"),
                    "题数 1–200，每题分值大于 0",
                    "1 to 200 questions of more than 0 points each",
                ));
            }
            if p.difficulty.is_some_and(|d| !(1..=5).contains(&d)) {
                e.push(FieldError::new(
                    &format!("parts.{i}.difficulty"),
                    "难度应为 1–5",
                    "difficulty is 1 to 5",
                ));
            }
        }
        if (self.total() - 100.0).abs() > 1e-6 {
            e.push(FieldError::new(
                "parts",
                &format!("总分应为 100，现为 {}", self.total()),
                &format!("the total must be 100, not {}", self.total()),
            ));
        }
        if self.category == Category::SpecialOperations && self.operation_item.is_none() {
            e.push(FieldError::new(
                "operationItem",
                "特种作业组卷须注明操作项目",
                "special operation blueprints name their operation item",
            ));
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(e)
        }
    }

    /// Whether a question may be drawn for `part`.
    pub fn fits(&self, part: &Part, q: &Question) -> bool {
        q.kind == part.kind
            && q.category == self.category
            && (self.operation_item.is_none() || q.operation_item == self.operation_item)
            && part
                .knowledge_point
                .as_ref()
                .is_none_or(|k| *k == q.knowledge_point)
            && part.difficulty.is_none_or(|d| d == q.difficulty)
    }
}
