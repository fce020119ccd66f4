//! GraphQL types of training and examination.

use super::{
    ExamSessionState, GqlAttemptState, GqlQuestionKind, TrainingCategory, TrainingCertStatus,
};
use crate::error::Gql;
use crate::model::{mask, Rules};
use crate::question::{Blueprint, Question};
use crate::service::exam::remaining;
use crate::service::people::{eligibility, Eligibility};
use crate::store::certs::{self, Certificate};
use crate::store::exam::{self, Answer, Attempt, AttemptState, ExamResult, Session};
use crate::store::people::{self, Candidate};
use anjian_platform::api::context::req;
use anjian_platform::time::{now_ms, to_rfc3339};
use async_graphql::{Context, Object, Result, SimpleObject};
use std::collections::HashMap;

/// A candidate (考生) with their eligibility under the current rules.
pub struct CandidateNode {
    pub c: Candidate,
    pub e: Eligibility,
}

impl CandidateNode {
    pub fn new(c: Candidate, r: &Rules) -> Self {
        let e = eligibility(&c, r);
        CandidateNode { c, e }
    }
}

/// A course attended (培训记录).
#[derive(SimpleObject)]
pub struct TrainingRecordNode {
    pub institution: String,
    pub course: String,
    pub hours: f64,
    pub date: String,
}

#[Object(name = "TrainingCandidate")]
impl CandidateNode {
    async fn id(&self) -> &str {
        &self.c.id
    }
    async fn tenant_id(&self) -> &str {
        &self.c.tenant_id
    }
    async fn name(&self) -> &str {
        &self.c.name
    }
    /// The ID number masked (3301**********002X).
    async fn id_number_masked(&self) -> String {
        mask(&self.c.id_number)
    }
    async fn enterprise_uscc(&self) -> Option<&str> {
        self.c.enterprise_uscc.as_deref()
    }
    async fn category(&self) -> TrainingCategory {
        self.c.category.into()
    }
    async fn operation_item(&self) -> Option<&str> {
        self.c.operation_item.as_deref()
    }
    /// The operation item's name (操作项目).
    async fn operation_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let Some(item) = &self.c.operation_item else {
            return Ok(None);
        };
        let r = req(ctx);
        let mut tx = r.read().await?;
        let rules = crate::service::rules(&mut tx).await.gql()?;
        tx.end_read();
        Ok(rules
            .operation(item)
            .map(|(c, i)| format!("{}·{}", c.name, i.name)))
    }
    /// Mines, chemicals, fireworks, metal smelting: 48/16 hours.
    async fn high_risk(&self) -> bool {
        self.c.high_risk
    }
    /// Yearly re-training (12/16 h) rather than the first course (32/48 h).
    async fn refresher(&self) -> bool {
        self.c.refresher
    }
    async fn hours(&self) -> f64 {
        self.c.hours
    }
    async fn required_hours(&self) -> f64 {
        self.e.required_hours
    }
    async fn exemption(&self) -> Option<&str> {
        self.c.exemption.as_deref()
    }
    /// Enough hours (or an exemption), and not waiting for retraining.
    async fn eligible(&self) -> bool {
        self.e.eligible
    }
    /// Failed the first attempt and the resit: retraining first.
    async fn needs_retraining(&self) -> bool {
        self.e.needs_retraining
    }
    async fn username(&self) -> Option<&str> {
        self.c.username.as_deref()
    }
    async fn created_at(&self) -> String {
        to_rfc3339(self.c.created_at)
    }
    async fn training(&self, ctx: &Context<'_>) -> Result<Vec<TrainingRecordNode>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = people::training(&mut tx, &self.c.tenant_id, &self.c.id)
            .await
            .gql()?;
        tx.end_read();
        Ok(list
            .into_iter()
            .map(|t| TrainingRecordNode {
                institution: t.institution,
                course: t.course,
                hours: t.hours,
                date: t.date,
            })
            .collect())
    }
    async fn results(&self, ctx: &Context<'_>) -> Result<Vec<ResultNode>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = exam::results(&mut tx, None, Some(&self.c.id)).await.gql()?;
        tx.end_read();
        Ok(list
            .into_iter()
            .map(|e| ResultNode {
                r: e,
                name: self.c.name.clone(),
            })
            .collect())
    }
    async fn certificates(&self, ctx: &Context<'_>) -> Result<Vec<CertificateNode>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = certs::of_candidate(&mut tx, &self.c.tenant_id, &self.c.id)
            .await
            .gql()?;
        tx.end_read();
        Ok(list.into_iter().map(CertificateNode).collect())
    }
}

/// An option as shown (`A`: its text).
#[derive(SimpleObject, Clone)]
pub struct ChoiceNode {
    pub key: String,
    pub text: String,
}

/// A question of the bank (one version).
pub struct QuestionNode(pub Question);

#[Object(name = "TrainingQuestion")]
impl QuestionNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn version(&self) -> i64 {
        self.0.version
    }
    async fn kind(&self) -> GqlQuestionKind {
        self.0.kind.into()
    }
    async fn category(&self) -> TrainingCategory {
        self.0.category.into()
    }
    async fn operation_item(&self) -> Option<&str> {
        self.0.operation_item.as_deref()
    }
    async fn knowledge_point(&self) -> &str {
        &self.0.knowledge_point
    }
    async fn difficulty(&self) -> i32 {
        i32::from(self.0.difficulty)
    }
    async fn stem(&self) -> &str {
        &self.0.stem
    }
    async fn options(&self) -> Vec<ChoiceNode> {
        self.0
            .options
            .iter()
            .map(|c| ChoiceNode {
                key: c.key.clone(),
                text: c.text.clone(),
            })
            .collect()
    }
    async fn answer(&self) -> &[String] {
        &self.0.answer
    }
    async fn explanation(&self) -> &str {
        &self.0.explanation
    }
}

/// One row's problem in a bank file.
#[derive(SimpleObject)]
pub struct BankRowProblem {
    pub row: i32,
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
}

/// What a bank import did.
#[derive(SimpleObject)]
pub struct BankImportReport {
    pub rows: i32,
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub dry_run: bool,
    pub rejections: Vec<BankRowProblem>,
}

/// A part of a blueprint.
#[derive(SimpleObject)]
pub struct BlueprintPart {
    pub kind: GqlQuestionKind,
    pub count: i32,
    pub points: f64,
    pub knowledge_point: Option<String>,
    pub difficulty: Option<i32>,
}

/// A blueprint (组卷规则).
pub struct BlueprintNode(pub Blueprint);

#[Object(name = "Blueprint")]
impl BlueprintNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn category(&self) -> TrainingCategory {
        self.0.category.into()
    }
    async fn operation_item(&self) -> Option<&str> {
        self.0.operation_item.as_deref()
    }
    async fn duration_minutes(&self) -> i32 {
        self.0.duration_minutes as i32
    }
    /// Multiple choice: half the points for a strict subset of the answer.
    async fn multiple_partial(&self) -> bool {
        self.0.multiple_partial
    }
    async fn parts(&self) -> Vec<BlueprintPart> {
        self.0
            .parts
            .iter()
            .map(|p| BlueprintPart {
                kind: p.kind.into(),
                count: p.count as i32,
                points: p.points,
                knowledge_point: p.knowledge_point.clone(),
                difficulty: p.difficulty.map(i32::from),
            })
            .collect()
    }
    async fn total(&self) -> f64 {
        self.0.total()
    }
    async fn version(&self) -> i64 {
        self.0.version
    }
}

/// An attempt as the proctor sees it.
#[derive(SimpleObject, Clone)]
pub struct AttemptSummary {
    pub id: String,
    pub state: GqlAttemptState,
    pub started_at: String,
    pub deadline: String,
    pub remaining_seconds: i64,
    pub answered: i64,
    pub total: i64,
    pub score: Option<f64>,
    pub passed: Option<bool>,
}

impl AttemptSummary {
    pub fn new(a: &Attempt, answered: i64, pass_mark: f64) -> Self {
        let now = now_ms();
        let active = a.state == AttemptState::Active;
        AttemptSummary {
            id: a.id.clone(),
            state: a.state.into(),
            started_at: to_rfc3339(a.started_at),
            deadline: to_rfc3339(a.deadline_at),
            remaining_seconds: if active {
                remaining(a.deadline_at, now)
            } else {
                0
            },
            answered,
            total: a.paper.len() as i64,
            score: a.score,
            passed: a.score.map(|s| s + 1e-9 >= pass_mark),
        }
    }
}

/// A candidate's seat in a session.
#[derive(SimpleObject)]
pub struct BookingNode {
    pub candidate: CandidateNode,
    /// 准考证号: with the ID number, the candidate's login at the centre.
    pub ticket: String,
    pub admitted_late: bool,
    pub attempt: Option<AttemptSummary>,
}

/// An incident a proctor recorded.
#[derive(SimpleObject)]
pub struct IncidentNode {
    pub id: String,
    pub candidate_id: Option<String>,
    pub note: String,
    pub at: String,
    pub by: String,
}

/// An exam session (场次).
pub struct SessionNode(pub Session);

#[Object(name = "ExamSession")]
impl SessionNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn tenant_id(&self) -> &str {
        &self.0.tenant_id
    }
    /// 考点.
    async fn centre(&self) -> &str {
        &self.0.centre
    }
    async fn seats(&self) -> i64 {
        self.0.seats
    }
    async fn starts_at(&self) -> String {
        to_rfc3339(self.0.starts_at)
    }
    /// Minutes after the start a candidate may still begin.
    async fn window_minutes(&self) -> i64 {
        self.0.window_minutes
    }
    async fn state(&self) -> ExamSessionState {
        self.0.state.into()
    }
    async fn blueprint(&self) -> BlueprintNode {
        BlueprintNode(self.0.blueprint.clone())
    }
    async fn bookings(&self, ctx: &Context<'_>) -> Result<Vec<BookingNode>> {
        let r = req(ctx);
        let s = &self.0;
        let mut tx = r.read().await?;
        let rules = crate::service::rules(&mut tx).await.gql()?;
        let list = exam::bookings(&mut tx, &s.tenant_id, &s.id).await.gql()?;
        let ids: Vec<String> = list.iter().map(|b| b.candidate_id.clone()).collect();
        let mut people = people::many(&mut tx, &s.tenant_id, &ids).await.gql()?;
        let attempts: HashMap<String, Attempt> =
            exam::attempts_of_session(&mut tx, &s.tenant_id, &s.id)
                .await
                .gql()?
                .into_iter()
                .map(|a| (a.id.clone(), a))
                .collect();
        let answered = exam::answered_counts(&mut tx, &s.tenant_id, &s.id)
            .await
            .gql()?;
        tx.end_read();
        Ok(list
            .into_iter()
            .filter_map(|b| {
                let c = people.remove(&b.candidate_id)?;
                let attempt = b
                    .attempt_id
                    .as_ref()
                    .and_then(|id| attempts.get(id))
                    .map(|a| {
                        AttemptSummary::new(
                            a,
                            answered.get(&a.id).copied().unwrap_or(0),
                            rules.pass_mark,
                        )
                    });
                Some(BookingNode {
                    candidate: CandidateNode::new(c, &rules),
                    ticket: b.ticket,
                    admitted_late: b.admitted_late,
                    attempt,
                })
            })
            .collect())
    }
    async fn incidents(&self, ctx: &Context<'_>) -> Result<Vec<IncidentNode>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = exam::incidents(&mut tx, &self.0.tenant_id, &self.0.id)
            .await
            .gql()?;
        tx.end_read();
        Ok(list
            .into_iter()
            .map(|i| IncidentNode {
                id: i.id,
                candidate_id: i.candidate_id,
                note: i.note,
                at: to_rfc3339(i.at),
                by: i.by,
            })
            .collect())
    }
}

/// An exam result (成绩).
pub struct ResultNode {
    pub r: ExamResult,
    pub name: String,
}

#[Object(name = "ExamResult")]
impl ResultNode {
    async fn id(&self) -> &str {
        &self.r.id
    }
    async fn candidate_id(&self) -> &str {
        &self.r.candidate_id
    }
    async fn candidate_name(&self) -> &str {
        &self.name
    }
    async fn category(&self) -> TrainingCategory {
        self.r.category.into()
    }
    async fn operation_item(&self) -> Option<&str> {
        self.r.operation_item.as_deref()
    }
    /// 1 the first sitting, 2 the resit.
    async fn attempt_no(&self) -> i64 {
        self.r.attempt_no
    }
    async fn attempt_id(&self) -> &str {
        &self.r.attempt_id
    }
    async fn session_id(&self) -> &str {
        &self.r.session_id
    }
    async fn centre(&self) -> &str {
        &self.r.centre
    }
    async fn theory_score(&self) -> f64 {
        self.r.theory_score
    }
    async fn practical_score(&self) -> Option<f64> {
        self.r.practical_score
    }
    async fn passed(&self) -> bool {
        self.r.passed
    }
    /// A pass counts until then (12 months by default).
    async fn valid_until(&self) -> Option<String> {
        self.r.valid_until.map(to_rfc3339)
    }
    async fn at(&self) -> String {
        to_rfc3339(self.r.at)
    }
}

/// One saved answer as it came (for appeals).
#[derive(SimpleObject)]
pub struct AnswerLogEntry {
    pub seq: i64,
    pub no: i64,
    pub answer: Vec<String>,
    pub marked: bool,
    pub at: String,
}

impl From<Answer> for AnswerLogEntry {
    fn from(a: Answer) -> Self {
        AnswerLogEntry {
            seq: a.seq,
            no: a.no,
            answer: a.answer,
            marked: a.marked,
            at: to_rfc3339(a.at),
        }
    }
}

/// One line of a certificate's history.
#[derive(SimpleObject)]
pub struct CertEventNode {
    pub action: String,
    pub note: String,
    pub at: String,
    pub by: String,
}

/// A certificate (培训合格证 / 特种作业操作证).
pub struct CertificateNode(pub Certificate);

#[Object(name = "TrainingCertificate")]
impl CertificateNode {
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn candidate_id(&self) -> &str {
        &self.0.candidate_id
    }
    async fn candidate_name(&self) -> &str {
        &self.0.name
    }
    async fn id_number_masked(&self) -> String {
        mask(&self.0.id_number)
    }
    async fn category(&self) -> TrainingCategory {
        self.0.category.into()
    }
    async fn operation_item(&self) -> Option<&str> {
        self.0.operation_item.as_deref()
    }
    async fn issued_at(&self) -> String {
        to_rfc3339(self.0.issued_at)
    }
    async fn valid_until(&self) -> String {
        to_rfc3339(self.0.valid_until)
    }
    /// 复审日期 (special operations).
    async fn next_review_at(&self) -> Option<String> {
        self.0.next_review_at.map(to_rfc3339)
    }
    async fn status(&self) -> TrainingCertStatus {
        self.0.status.into()
    }
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<CertEventNode>> {
        let r = req(ctx);
        let mut tx = r.read().await?;
        let list = certs::events(&mut tx, &self.0.tenant_id, &self.0.number)
            .await
            .gql()?;
        tx.end_read();
        Ok(list
            .into_iter()
            .map(|e| CertEventNode {
                action: e.action,
                note: e.note,
                at: to_rfc3339(e.at),
                by: e.by,
            })
            .collect())
    }
}
