//! GraphQL types of the exam page, the public check and the statistics.
//! Re-exported by [`super::nodes`].

use super::nodes::{AttemptSummary, ChoiceNode};
use super::{GqlAttemptState, GqlQuestionKind, TrainingCategory, TrainingCertStatus};
use crate::model::Rules;
use crate::paper::label;
use crate::question::Question;
use crate::store::exam::{Answer, Attempt};
use async_graphql::SimpleObject;

/// What the public sees of a certificate.
#[derive(SimpleObject)]
pub struct PublicTrainingCertificate {
    pub number: String,
    /// The holder's name, masked but for the family name.
    pub name: String,
    pub id_number_masked: String,
    pub category: TrainingCategory,
    pub operation_name: Option<String>,
    pub valid_until: String,
    pub next_review_at: Option<String>,
    pub status: TrainingCertStatus,
    pub signature_valid: bool,
}

/// A pass-rate row.
#[derive(SimpleObject)]
pub struct RateRow {
    pub key: String,
    pub label: String,
    pub sat: i64,
    pub passed: i64,
    pub rate: f64,
}

/// A question flagged for review.
#[derive(SimpleObject)]
pub struct FlaggedQuestion {
    pub id: String,
    pub stem: String,
    pub answered: i64,
    pub correct: i64,
    pub rate: f64,
    /// TOO_HARD or TOO_EASY.
    pub flag: String,
}

/// Certificates due (review or expiry) in a month.
#[derive(SimpleObject)]
pub struct MonthCount {
    pub month: String,
    pub count: i64,
}

/// The statistics page.
#[derive(SimpleObject)]
pub struct TrainingStats {
    pub by_category: Vec<RateRow>,
    pub by_operation_item: Vec<RateRow>,
    pub by_institution: Vec<RateRow>,
    pub by_centre: Vec<RateRow>,
    pub by_county: Vec<RateRow>,
    pub flagged_questions: Vec<FlaggedQuestion>,
    pub due_for_review: Vec<MonthCount>,
}

/// Shows a paper question with the candidate's labels.
#[derive(SimpleObject)]
pub struct PaperQuestion {
    pub no: i64,
    pub kind: GqlQuestionKind,
    pub stem: String,
    pub options: Vec<ChoiceNode>,
    pub points: f64,
}

/// A saved answer on the candidate's page.
#[derive(SimpleObject)]
pub struct SavedAnswer {
    pub no: i64,
    pub answer: Vec<String>,
    pub marked: bool,
}

/// The candidate's attempt.
#[derive(SimpleObject)]
pub struct ExamAttempt {
    pub id: String,
    pub state: GqlAttemptState,
    pub started_at: String,
    pub deadline: String,
    /// Seconds left on the server's clock.
    pub remaining_seconds: i64,
    pub autosave_seconds: i64,
    pub questions: Vec<PaperQuestion>,
    pub answers: Vec<SavedAnswer>,
    pub score: Option<f64>,
    pub passed: Option<bool>,
}

impl ExamAttempt {
    /// The attempt with its questions (the drawn versions, in paper order,
    /// options relabelled as shown) and saved answers.
    pub fn new(a: &Attempt, qs: &[Question], answers: Vec<Answer>, rules: &Rules) -> Self {
        let questions = a
            .paper
            .iter()
            .zip(qs)
            .enumerate()
            .map(|(i, (item, q))| PaperQuestion {
                no: i as i64 + 1,
                kind: item.kind.into(),
                stem: q.stem.clone(),
                options: item
                    .order
                    .iter()
                    .enumerate()
                    .map(|(j, k)| ChoiceNode {
                        key: label(item.kind, j, k),
                        text: q
                            .options
                            .iter()
                            .find(|c| c.key == *k)
                            .map(|c| c.text.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
                points: item.points,
            })
            .collect();
        let s = AttemptSummary::new(a, 0, rules.pass_mark);
        ExamAttempt {
            id: a.id.clone(),
            state: a.state.into(),
            started_at: s.started_at,
            deadline: s.deadline,
            remaining_seconds: s.remaining_seconds,
            autosave_seconds: i64::from(rules.autosave_seconds),
            questions,
            answers: answers
                .into_iter()
                .map(|x| SavedAnswer {
                    no: x.no,
                    answer: x.answer,
                    marked: x.marked,
                })
                .collect(),
            score: a.score,
            passed: s.passed,
        }
    }
}
