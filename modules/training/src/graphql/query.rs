//! The officials' queries.

use super::exam_nodes::*;
use super::nodes::*;
use super::{require, BankFormat, TrainingCategory, TrainingCertStatus};
use crate::error::{Gql, TrError};
use crate::store::{bank, certs, exam, people};
use crate::{service, PERM_BANK, PERM_READ};
use anjian_platform::api::context::req;
use anjian_platform::api::relay::{page, window, Page};
use anjian_platform::Error;
use async_graphql::{Context, Object, Result};
use base64::Engine;

/// Training queries of officials and proctors.
#[derive(Default)]
pub struct OfficialQuery;

#[Object]
impl OfficialQuery {
    /// Candidates of the caller's tenants, by name.
    async fn training_candidates(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        category: Option<TrainingCategory>,
    ) -> Result<Page<CandidateNode>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        let (list, total) = people::list(
            &mut tx,
            search.as_deref(),
            category.map(Into::into),
            limit,
            offset,
        )
        .await
        .gql()?;
        tx.end_read();
        let nodes = list
            .into_iter()
            .map(|c| CandidateNode::new(c, &rules))
            .collect();
        Ok(page(nodes, offset, total))
    }

    /// One candidate.
    async fn training_candidate(&self, ctx: &Context<'_>, id: String) -> Result<CandidateNode> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        let c = service::people::visible(&mut tx, &id).await.gql()?;
        tx.end_read();
        Ok(CandidateNode::new(c, &rules))
    }

    /// The question bank's current questions.
    async fn training_questions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        category: Option<TrainingCategory>,
        search: Option<String>,
    ) -> Result<Page<QuestionNode>> {
        let r = req(ctx);
        require(r, PERM_BANK)?;
        let (limit, offset) = window(first, after)?;
        let mut tx = r.read().await?;
        let (list, total) = bank::list(
            &mut tx,
            category.map(Into::into),
            search.as_deref(),
            limit,
            offset,
        )
        .await
        .gql()?;
        tx.end_read();
        Ok(page(
            list.into_iter().map(QuestionNode).collect(),
            offset,
            total,
        ))
    }

    /// The bank as a file (base64), in the import format.
    async fn training_export_questions(
        &self,
        ctx: &Context<'_>,
        format: BankFormat,
    ) -> Result<String> {
        let r = req(ctx);
        require(r, PERM_BANK)?;
        let mut tx = r.read().await?;
        let list = bank::all_current(&mut tx).await.gql()?;
        tx.end_read();
        let bytes = crate::bank_file::export(&list, format.into()).map_err(Error::Internal)?;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// The province's rules in force.
    async fn training_rules(
        &self,
        ctx: &Context<'_>,
    ) -> Result<async_graphql::Json<crate::model::Rules>> {
        let r = req(ctx);
        require(r, PERM_READ).or_else(|_| require(r, PERM_BANK))?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        tx.end_read();
        Ok(async_graphql::Json(rules))
    }

    /// Every blueprint.
    async fn training_blueprints(&self, ctx: &Context<'_>) -> Result<Vec<BlueprintNode>> {
        let r = req(ctx);
        require(r, PERM_READ).or_else(|_| require(r, PERM_BANK))?;
        let mut tx = r.read().await?;
        let list = bank::blueprints(&mut tx).await.gql()?;
        tx.end_read();
        Ok(list.into_iter().map(BlueprintNode).collect())
    }

    /// Sessions of the caller's tenants, newest first.
    async fn training_sessions(&self, ctx: &Context<'_>) -> Result<Vec<SessionNode>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let list = exam::sessions(&mut tx).await.gql()?;
        tx.end_read();
        Ok(list.into_iter().map(SessionNode).collect())
    }

    /// One session, with who is in and their time left.
    async fn training_session(&self, ctx: &Context<'_>, id: String) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let s = service::sessions::visible(&mut tx, &id).await.gql()?;
        tx.end_read();
        Ok(SessionNode(s))
    }

    /// Results of a session, of a candidate, or all the caller may see.
    async fn training_results(
        &self,
        ctx: &Context<'_>,
        session_id: Option<String>,
        candidate_id: Option<String>,
    ) -> Result<Vec<ResultNode>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let list = exam::results(&mut tx, session_id.as_deref(), candidate_id.as_deref())
            .await
            .gql()?;
        let mut by_tenant: std::collections::HashMap<String, Vec<String>> = Default::default();
        for e in &list {
            by_tenant
                .entry(e.tenant_id.clone())
                .or_default()
                .push(e.candidate_id.clone());
        }
        let mut names = std::collections::HashMap::new();
        for (t, ids) in by_tenant {
            for (id, c) in people::many(&mut tx, &t, &ids).await.gql()? {
                names.insert(id, c.name);
            }
        }
        tx.end_read();
        Ok(list
            .into_iter()
            .map(|e| ResultNode {
                name: names.get(&e.candidate_id).cloned().unwrap_or_default(),
                r: e,
            })
            .collect())
    }

    /// Every save of an attempt, in order (for appeals).
    async fn training_answer_log(
        &self,
        ctx: &Context<'_>,
        attempt_id: String,
    ) -> Result<Vec<AnswerLogEntry>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let a = exam::attempt_any(&mut tx, &attempt_id)
            .await
            .gql()?
            .ok_or(TrError::NotFound("attempt"))
            .gql()?;
        let log = exam::answer_log(&mut tx, &a.tenant_id, &a.id).await.gql()?;
        tx.end_read();
        Ok(log.into_iter().map(Into::into).collect())
    }

    /// Certificates: by status, or due for review (or expiry) before a time.
    async fn training_certificates(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<TrainingCertStatus>,
        review_due_before: Option<String>,
    ) -> Result<Page<CertificateNode>> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let (limit, offset) = window(first, after)?;
        let due = match review_due_before {
            Some(t) => Some(
                chrono::DateTime::parse_from_rfc3339(t.trim())
                    .map(|d| d.timestamp_millis())
                    .map_err(|_| {
                        Error::field(
                            "reviewDueBefore",
                            "应为 RFC 3339 时间",
                            "an RFC 3339 time is expected",
                        )
                    })?,
            ),
            None => None,
        };
        let mut tx = r.read().await?;
        let (list, total) = certs::list(&mut tx, status.map(Into::into), due, limit, offset)
            .await
            .gql()?;
        tx.end_read();
        Ok(page(
            list.into_iter().map(CertificateNode).collect(),
            offset,
            total,
        ))
    }

    /// Pass rates, flagged questions and certificates due, over the caller's tenants.
    async fn training_stats(&self, ctx: &Context<'_>) -> Result<TrainingStats> {
        let r = req(ctx);
        require(r, PERM_READ)?;
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        let s = crate::stats::compute(&mut tx, &rules).await.gql()?;
        let dir = r.platform.tenancy.directory(&r.platform.db).await?;
        tx.end_read();
        let rows = |v: Vec<crate::stats::Rate>, label: &dyn Fn(&str) -> String| {
            v.into_iter()
                .map(|x| RateRow {
                    label: label(&x.key),
                    rate: x.rate(),
                    key: x.key,
                    sat: x.sat,
                    passed: x.passed,
                })
                .collect::<Vec<_>>()
        };
        let same = |k: &str| k.to_string();
        let category = |k: &str| {
            crate::model::Category::parse(k).map_or_else(|_| k.to_string(), |c| c.zh().to_string())
        };
        let item = |k: &str| {
            rules
                .operation(k)
                .map_or_else(|| k.to_string(), |(_, i)| i.name.clone())
        };
        let county = |k: &str| dir.get(k).map_or_else(|| k.to_string(), |t| t.name.clone());
        Ok(TrainingStats {
            by_category: rows(s.by_category, &category),
            by_operation_item: rows(s.by_operation_item, &item),
            by_institution: rows(s.by_institution, &same),
            by_centre: rows(s.by_centre, &same),
            by_county: rows(s.by_county, &county),
            flagged_questions: s
                .flagged
                .into_iter()
                .map(|f| FlaggedQuestion {
                    rate: f.correct as f64 / f.answered.max(1) as f64,
                    flag: if f.too_hard { "TOO_HARD" } else { "TOO_EASY" }.into(),
                    id: f.id,
                    stem: f.stem,
                    answered: f.answered,
                    correct: f.correct,
                })
                .collect(),
            due_for_review: s
                .due
                .into_iter()
                .map(|(month, count)| MonthCount { month, count })
                .collect(),
        })
    }
}
