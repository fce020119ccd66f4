//! Papers (试卷): each candidate's own, drawn at random from the bank by the
//! blueprint with a stored seed (so an appeal can draw it again), question
//! and option order shuffled; and scoring a paper's answers.

use crate::model::QuestionKind;
use crate::question::{Blueprint, Question};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One question of a paper: which version was drawn, its worth, and the
/// original option keys in the order the candidate sees them (labelled
/// A, B, C… there; true/false keeps T and F).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PaperItem {
    pub question_id: String,
    pub version: i64,
    pub kind: QuestionKind,
    pub points: f64,
    pub order: Vec<String>,
}

/// A part the bank can't fill: its index, what it needs and what there is.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    pub part: usize,
    pub need: u32,
    pub have: usize,
}

/// The label the candidate sees for the `i`-th option shown.
pub fn label(kind: QuestionKind, i: usize, original: &str) -> String {
    match kind {
        QuestionKind::TrueFalse => original.to_string(),
        _ => char::from(b'A' + (i as u8).min(25)).to_string(),
    }
}

/// How specific a part is: drawn first when it narrows the pool more, so a
/// broad part doesn't take the questions a narrow one needs.
fn specificity(p: &crate::question::Part) -> u8 {
    u8::from(p.knowledge_point.is_some()) + u8::from(p.difficulty.is_some())
}

/// Draws a paper from `pool` (the bank's current questions) with `seed`.
pub fn draw(b: &Blueprint, pool: &[Question], seed: u64) -> Result<Vec<PaperItem>, Shortfall> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sorted: Vec<&Question> = pool.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut parts: Vec<usize> = (0..b.parts.len()).collect();
    parts.sort_by_key(|&i| std::cmp::Reverse(specificity(&b.parts[i])));
    let mut used: HashSet<&str> = HashSet::new();
    let mut items = Vec::new();
    for i in parts {
        let part = &b.parts[i];
        let fits: Vec<&Question> = sorted
            .iter()
            .copied()
            .filter(|q| !used.contains(q.id.as_str()) && b.fits(part, q))
            .collect();
        if fits.len() < part.count as usize {
            return Err(Shortfall {
                part: i,
                need: part.count,
                have: fits.len(),
            });
        }
        for q in fits.choose_multiple(&mut rng, part.count as usize) {
            used.insert(q.id.as_str());
            let mut order: Vec<String> = q.options.iter().map(|c| c.key.clone()).collect();
            if q.kind != QuestionKind::TrueFalse {
                order.shuffle(&mut rng);
            }
            items.push(PaperItem {
                question_id: q.id.clone(),
                version: q.version,
                kind: q.kind,
                points: part.points,
                order,
            });
        }
    }
    items.shuffle(&mut rng);
    Ok(items)
}

/// Maps the labels a candidate chose to the question's original keys;
/// None when a label isn't one of the question's.
pub fn to_keys(item: &PaperItem, labels: &[String]) -> Option<BTreeSet<String>> {
    labels
        .iter()
        .map(|l| {
            item.order
                .iter()
                .enumerate()
                .find(|(i, k)| label(item.kind, *i, k) == *l)
                .map(|(_, k)| k.clone())
        })
        .collect()
}

/// Points earned for one question.
pub fn points(item: &PaperItem, q: &Question, labels: &[String], partial: bool) -> f64 {
    let Some(chosen) = to_keys(item, labels) else {
        return 0.0;
    };
    let right: BTreeSet<String> = q.answer.iter().cloned().collect();
    if chosen == right {
        item.points
    } else if partial
        && item.kind == QuestionKind::Multiple
        && !chosen.is_empty()
        && chosen.is_subset(&right)
    {
        item.points / 2.0
    } else {
        0.0
    }
}

/// A scored paper: the total, and per question (id) whether it was right.
pub struct Scored {
    pub score: f64,
    pub correct: Vec<(String, bool)>,
}

/// Scores a paper: `answers` by question number (1-based), `bank` the
/// drawn versions by (id, version).
pub fn score(
    paper: &[PaperItem],
    bank: &HashMap<(String, i64), Question>,
    answers: &HashMap<i64, Vec<String>>,
    partial: bool,
) -> Scored {
    let mut total = 0.0;
    let mut correct = Vec::with_capacity(paper.len());
    for (i, item) in paper.iter().enumerate() {
        let got = match (
            bank.get(&(item.question_id.clone(), item.version)),
            answers.get(&(i as i64 + 1)),
        ) {
            (Some(q), Some(a)) => points(item, q, a, partial),
            _ => 0.0,
        };
        total += got;
        correct.push((item.question_id.clone(), got >= item.points - 1e-9));
    }
    Scored {
        score: (total * 100.0).round() / 100.0,
        correct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;
    use crate::question::{true_false, Choice, Part};

    fn q(id: &str, kind: QuestionKind, kp: &str) -> Question {
        let options = match kind {
            QuestionKind::TrueFalse => true_false(),
            _ => ["A", "B", "C", "D"]
                .iter()
                .map(|k| Choice {
                    key: k.to_string(),
                    text: format!("选项{k}"),
                })
                .collect(),
        };
        let answer = match kind {
            QuestionKind::TrueFalse => vec!["T".into()],
            QuestionKind::Single => vec!["B".into()],
            QuestionKind::Multiple => vec!["A".into(), "C".into()],
        };
        Question {
            id: id.into(),
            version: 1,
            kind,
            category: Category::Principal,
            operation_item: None,
            knowledge_point: kp.into(),
            difficulty: 2,
            stem: format!("题{id}"),
            options,
            answer,
            explanation: String::new(),
        }
    }

    fn blueprint(parts: Vec<Part>) -> Blueprint {
        Blueprint {
            id: "b".into(),
            name: "卷".into(),
            category: Category::Principal,
            operation_item: None,
            duration_minutes: 60,
            multiple_partial: false,
            parts,
            version: 1,
        }
    }

    fn part(kind: QuestionKind, count: u32, points: f64, kp: Option<&str>) -> Part {
        Part {
            kind,
            count,
            points,
            knowledge_point: kp.map(str::to_string),
            difficulty: None,
        }
    }

    fn pool() -> Vec<Question> {
        let mut v = Vec::new();
        for i in 0..30 {
            v.push(q(
                &format!("tf{i:02}"),
                QuestionKind::TrueFalse,
                if i < 5 { "法规" } else { "通用" },
            ));
            v.push(q(&format!("s{i:02}"), QuestionKind::Single, "通用"));
            v.push(q(&format!("m{i:02}"), QuestionKind::Multiple, "通用"));
        }
        v
    }

    #[test]
    fn same_seed_same_paper_other_seed_other_paper() {
        let b = blueprint(vec![
            part(QuestionKind::TrueFalse, 10, 2.0, None),
            part(QuestionKind::Single, 20, 3.0, None),
            part(QuestionKind::Multiple, 10, 2.0, None),
        ]);
        assert_eq!(b.total(), 100.0);
        let mut shuffled = pool();
        shuffled.reverse();
        let a = draw(&b, &pool(), 7).unwrap();
        assert_eq!(
            a,
            draw(&b, &shuffled, 7).unwrap(),
            "pool order doesn't matter"
        );
        assert_ne!(a, draw(&b, &pool(), 8).unwrap());
        assert_eq!(a.len(), 40);
        let ids: HashSet<_> = a.iter().map(|i| i.question_id.clone()).collect();
        assert_eq!(ids.len(), 40, "no question twice");
    }

    #[test]
    fn narrow_parts_are_filled_first_and_shortfalls_named() {
        // 5 法规 true/false questions, all needed by the narrow part.
        let b = blueprint(vec![
            part(QuestionKind::TrueFalse, 25, 2.0, None),
            part(QuestionKind::TrueFalse, 5, 10.0, Some("法规")),
        ]);
        assert!(draw(&b, &pool(), 1).is_ok());
        let b = blueprint(vec![part(QuestionKind::Single, 31, 1.0, None)]);
        assert_eq!(
            draw(&b, &pool(), 1).unwrap_err(),
            Shortfall {
                part: 0,
                need: 31,
                have: 30
            }
        );
    }

    #[test]
    fn scoring_maps_shown_labels_back() {
        let m = q("m", QuestionKind::Multiple, "通用");
        let item = PaperItem {
            question_id: "m".into(),
            version: 1,
            kind: QuestionKind::Multiple,
            points: 4.0,
            order: vec!["C".into(), "D".into(), "A".into(), "B".into()],
        };
        // Shown A = C, shown C = A: the right answer is {A, C} either way here.
        let ans = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(points(&item, &m, &ans(&["A", "C"]), false), 4.0);
        assert_eq!(points(&item, &m, &ans(&["A"]), false), 0.0);
        assert_eq!(points(&item, &m, &ans(&["A"]), true), 2.0);
        assert_eq!(points(&item, &m, &ans(&["A", "B"]), true), 0.0);
        assert_eq!(points(&item, &m, &ans(&["Z"]), true), 0.0);
        let s = q("s", QuestionKind::Single, "通用");
        let item = PaperItem {
            question_id: "s".into(),
            version: 1,
            kind: QuestionKind::Single,
            points: 3.0,
            order: vec!["D".into(), "B".into(), "A".into(), "C".into()],
        };
        assert_eq!(points(&item, &s, &ans(&["B"]), false), 3.0, "shown B is B");
        let item = PaperItem {
            order: vec!["B".into(), "D".into(), "A".into(), "C".into()],
            ..item
        };
        assert_eq!(points(&item, &s, &ans(&["A"]), false), 3.0, "shown A is B");
        assert_eq!(points(&item, &s, &ans(&["B"]), false), 0.0);
    }
}
