//! The cells of a bank file row, read into a question's values: code lists
//! by code or Chinese name, options, answers. Each error is a message in
//! Chinese and English about that one cell.

use super::{msg, short, Msg};
use crate::model::{Category, QuestionKind};
use crate::question::{true_false, Choice};

/// A value of a code list by its code (any case, `_` for `-`), its Chinese
/// name, or an alias.
fn coded<T: Copy>(
    s: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    zh: fn(T) -> &'static str,
    aliases: &[(&str, T)],
) -> Result<T, Msg> {
    let c = s.to_ascii_lowercase().replace(['_', ' '], "-");
    if let Some(v) = all.iter().copied().find(|v| code(*v) == c || zh(*v) == s) {
        return Ok(v);
    }
    if let Some((_, v)) = aliases.iter().find(|(a, _)| *a == s) {
        return Ok(*v);
    }
    let names = all.iter().map(|v| zh(*v)).collect::<Vec<_>>();
    let codes = all.iter().map(|v| code(*v)).collect::<Vec<_>>();
    let (zh_what, en_what) = if s.is_empty() {
        ("不能为空", "is required")
    } else {
        ("无效", "is not valid")
    };
    Err(msg(
        format!(
            "{zh_what}：可填 {}（或 {}）",
            names.join("、"),
            codes.join("、")
        ),
        format!(
            "{en_what}: one of {} (or {})",
            codes.join(", "),
            names.join(", ")
        ),
    ))
}

pub(super) fn kind_of(s: &str) -> Result<QuestionKind, Msg> {
    use QuestionKind::*;
    let aliases = [("判断", TrueFalse), ("单选", Single), ("多选", Multiple)];
    coded(
        s,
        QuestionKind::ALL,
        QuestionKind::as_str,
        QuestionKind::zh,
        &aliases,
    )
    .map_err(|(zh, en)| (format!("题型{zh}"), format!("the kind {en}")))
}

pub(super) fn category_of(s: &str) -> Result<Category, Msg> {
    let aliases = [
        ("安全管理人员", Category::SafetyManager),
        ("特种作业", Category::SpecialOperations),
    ];
    coded(s, Category::ALL, Category::as_str, Category::zh, &aliases)
        .map_err(|(zh, en)| (format!("人员类别{zh}"), format!("the category {en}")))
}

pub(super) fn id_of(s: &str) -> Result<String, Msg> {
    let ok = s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(msg(
            "编号只能含字母、数字、-、_，至多 64 位；新试题留空",
            "an id has letters, digits, - and _ only, at most 64; leave it empty for a new question",
        ));
    }
    Ok(s.to_string())
}

pub(super) fn operation_item_of(s: &str) -> Result<Option<String>, Msg> {
    if s.is_empty() {
        return Ok(None);
    }
    let b = s.as_bytes();
    let shaped =
        b.len() == 5 && b[2] == b'-' && [b[0], b[1], b[3], b[4]].iter().all(u8::is_ascii_digit);
    if !shaped {
        return Err(msg(
            "操作项目应为代码，如 01-02（在 Excel 中请将该列设为文本）",
            "the operation item is a code such as 01-02 (format the column as text in Excel)",
        ));
    }
    Ok(Some(s.to_string()))
}

/// A whole number; empty and out-of-range values are left to the check.
pub(super) fn difficulty_of(s: &str) -> Result<u8, Msg> {
    if s.is_empty() {
        return Ok(0);
    }
    match s.parse::<f64>() {
        Ok(d) if d.fract() == 0.0 && (0.0..=255.0).contains(&d) => Ok(d as u8),
        Ok(d) if d.fract() == 0.0 => Ok(0),
        _ => Err(msg(
            "难度应为 1–5 的整数",
            "difficulty is a whole number from 1 to 5",
        )),
    }
}

/// An option key: a letter, half- or full-width, upper-cased.
fn key_char(c: char) -> Option<char> {
    let c = match c {
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0)?,
        _ => c,
    };
    c.is_ascii_alphabetic().then_some(c.to_ascii_uppercase())
}

/// Choices, one per line or `|`, each `A. text`, `A、text` or `A text`.
pub(super) fn options_of(s: &str) -> Result<Vec<Choice>, Msg> {
    let mut out = Vec::new();
    for item in s
        .split(['\n', '|', '｜'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        let mut chars = item.chars();
        let key = chars.next().and_then(key_char);
        let rest = chars.as_str();
        let text = match rest.chars().next() {
            None => Some(""),
            Some(c) if c.is_whitespace() || ".．、:：)）".contains(c) => {
                Some(rest[c.len_utf8()..].trim())
            }
            Some(_) => None,
        };
        let (Some(key), Some(text)) = (key, text) else {
            return Err(msg(
                format!(
                    "选项「{}」应以字母开头，如「A. 文字」或「A、文字」",
                    short(item)
                ),
                format!(
                    "option {:?} should start with its letter, as in \"A. text\"",
                    short(item)
                ),
            ));
        };
        out.push(Choice {
            key: key.to_string(),
            text: text.to_string(),
        });
    }
    Ok(out)
}

/// A true/false question's options: left empty (or exactly T 正确, F 错误).
pub(super) fn true_false_of(s: &str) -> Result<Vec<Choice>, Msg> {
    if s.is_empty() || options_of(s).is_ok_and(|o| o == true_false()) {
        return Ok(true_false());
    }
    Err(msg(
        "判断题的选项列应留空（选项固定为 正确、错误）",
        "leave the options of a true/false question empty (they are always true and false)",
    ))
}

/// Keys of the right choices, sorted; an empty answer is left to the check.
pub(super) fn answer_of(s: &str, kind: QuestionKind) -> Result<Vec<String>, Msg> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    if kind == QuestionKind::TrueFalse {
        let key = match s.to_lowercase().as_str() {
            "t" | "true" | "正确" | "对" | "是" | "√" | "✓" | "✔" => "T",
            "f" | "false" | "错误" | "错" | "否" | "×" | "x" | "✗" | "✘" => "F",
            _ => {
                return Err(msg(
                    "判断题答案应为 正确/错误、对/错、√/× 或 T/F",
                    "a true/false answer is T or F (正确/错误, 对/错, √/×)",
                ))
            }
        };
        return Ok(vec![key.to_string()]);
    }
    let mut keys = Vec::new();
    for c in s.chars() {
        if c.is_whitespace() || ",，、;；|/".contains(c) {
            continue;
        }
        match key_char(c) {
            Some(k) => keys.push(k.to_string()),
            None => {
                return Err(msg(
                    "答案应为选项的字母，如 A 或 AC（也可写 A,C）",
                    "the answer is the options' letters, such as A or AC (or A,C)",
                ))
            }
        }
    }
    keys.sort();
    Ok(keys)
}
