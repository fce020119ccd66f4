//! The officials' and proctors' mutations.

use super::nodes::*;
use super::{cert_key, require, BankFormat, GqlQuestionKind, GqlRevokeReason, TrainingCategory};
use crate::error::{Gql, TrError};
use crate::question::{Blueprint, Part};
use crate::service::{
    self, bank::BlueprintDraft, people::NewCandidate, people::NewHours, sessions::NewSession,
};
use crate::{PERM_BANK, PERM_MANAGE, PERM_PROCTOR};
use anjian_platform::api::context::req;
use anjian_platform::FieldError;
use async_graphql::{Context, InputObject, Object, Result};
use base64::Engine;

/// A candidate to register.
#[derive(InputObject)]
pub struct CandidateInput {
    pub id_number: String,
    pub name: String,
    pub enterprise_uscc: Option<String>,
    pub category: TrainingCategory,
    /// Required for SPECIAL_OPERATIONS, e.g. `01-02` (低压电工作业).
    pub operation_item: Option<String>,
    pub high_risk: Option<bool>,
    pub refresher: Option<bool>,
    /// An examinee account of the tenant, for 我的考试.
    pub username: Option<String>,
}

/// Hours attended.
#[derive(InputObject)]
pub struct HoursInput {
    pub candidate_id: String,
    /// The institution's name, as written when it isn't registered.
    pub institution: String,
    /// A registered training institution (an organisation of kind
    /// `training-institution`); its name then stands for `institution`.
    pub institution_id: Option<String>,
    pub course: String,
    pub hours: f64,
    /// YYYY-MM-DD.
    pub date: String,
}

/// A part of a blueprint.
#[derive(InputObject)]
pub struct PartInput {
    pub kind: GqlQuestionKind,
    pub count: i32,
    pub points: f64,
    pub knowledge_point: Option<String>,
    pub difficulty: Option<i32>,
}

/// A blueprint to save (with `id`, the next version of that one).
#[derive(InputObject)]
pub struct BlueprintInput {
    pub id: Option<String>,
    pub name: String,
    pub category: TrainingCategory,
    pub operation_item: Option<String>,
    pub duration_minutes: i32,
    pub multiple_partial: bool,
    pub parts: Vec<PartInput>,
}

/// A session to set up.
#[derive(InputObject)]
pub struct SessionInput {
    pub centre: String,
    pub seats: i32,
    /// RFC 3339.
    pub starts_at: String,
    pub window_minutes: i32,
    pub blueprint_id: String,
}

fn blueprint(i: BlueprintInput) -> Result<BlueprintDraft, TrError> {
    let mut e = Vec::new();
    let mut parts = Vec::new();
    for (n, p) in i.parts.into_iter().enumerate() {
        let count = u32::try_from(p.count).unwrap_or(0);
        let difficulty = match p.difficulty.map(u8::try_from) {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                e.push(FieldError::new(
                    &format!("parts.{n}.difficulty"),
                    "难度应为 1–5",
                    "difficulty is 1 to 5",
                ));
                None
            }
            None => None,
        };
        parts.push(Part {
            kind: p.kind.into(),
            count,
            points: p.points,
            knowledge_point: p
                .knowledge_point
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty()),
            difficulty,
        });
    }
    if !e.is_empty() {
        return Err(TrError::Invalid(e));
    }
    Ok(BlueprintDraft {
        id: i.id,
        blueprint: Blueprint {
            id: String::new(),
            name: i.name,
            category: i.category.into(),
            operation_item: i
                .operation_item
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            duration_minutes: u32::try_from(i.duration_minutes).unwrap_or(0),
            multiple_partial: i.multiple_partial,
            parts,
            version: 0,
        },
    })
}

/// The name of a registered, enabled training institution (培训机构).
async fn institution(r: &anjian_platform::api::context::Req, id: &str) -> Result<String> {
    let mut tx = r.read_all().await?;
    let org = anjian_platform::orgs::get(&mut tx, id).await.ok();
    tx.end_read();
    match org {
        Some(o) if o.kind == "training-institution" && !o.disabled => Ok(o.name),
        _ => Err(anjian_platform::Error::field(
            "institutionId",
            "不是已登记的培训机构",
            "not a registered training institution",
        )
        .into()),
    }
}

/// Training mutations of officials and proctors.
#[derive(Default)]
pub struct OfficialMutation;

#[Object]
impl OfficialMutation {
    /// Registers a candidate in the caller's tenant.
    async fn training_register_candidate(
        &self,
        ctx: &Context<'_>,
        input: CandidateInput,
    ) -> Result<CandidateNode> {
        let r = req(ctx);
        let who = require(r, PERM_MANAGE)?;
        let tenant = who.tenant.clone();
        let mut tx = r.write().await?;
        let c = service::people::register(
            &mut tx,
            &r.audit(),
            &tenant,
            NewCandidate {
                id_number: input.id_number,
                name: input.name,
                enterprise_uscc: input.enterprise_uscc,
                category: crate::model::Category::from(input.category)
                    .as_str()
                    .to_string(),
                operation_item: input.operation_item,
                high_risk: input.high_risk.unwrap_or(false),
                refresher: input.refresher.unwrap_or(false),
                username: input.username,
            },
        )
        .await
        .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        r.commit(tx).await?;
        Ok(CandidateNode::new(c, &rules))
    }

    /// Records a course attended.
    async fn training_record_hours(
        &self,
        ctx: &Context<'_>,
        input: HoursInput,
    ) -> Result<CandidateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let institution = match &input.institution_id {
            Some(id) => institution(r, id).await?,
            None => input.institution,
        };
        let mut tx = r.write().await?;
        let c = service::people::record_hours(
            &mut tx,
            &r.audit(),
            &input.candidate_id,
            NewHours {
                institution,
                course: input.course,
                hours: input.hours,
                date: input.date,
            },
        )
        .await
        .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        r.commit(tx).await?;
        Ok(CandidateNode::new(c, &rules))
    }

    /// Exempts a candidate from the hours, with the reason.
    async fn training_exempt(
        &self,
        ctx: &Context<'_>,
        candidate_id: String,
        reason: String,
    ) -> Result<CandidateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let c = service::people::exempt(&mut tx, &r.audit(), &candidate_id, &reason)
            .await
            .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        r.commit(tx).await?;
        Ok(CandidateNode::new(c, &rules))
    }

    /// Sets the province's rules (pass marks, hours, resits, validity,
    /// review cycles, reminders, flagging thresholds, operation items).
    async fn set_training_rules(
        &self,
        ctx: &Context<'_>,
        rules: async_graphql::Json<crate::model::Rules>,
    ) -> Result<async_graphql::Json<crate::model::Rules>> {
        let r = req(ctx);
        let who = require(r, PERM_BANK)?;
        let by = who.username.clone();
        let mut tx = r.write().await?;
        service::save_rules(&mut tx, &rules.0, &by).await.gql()?;
        r.commit(tx).await?;
        Ok(rules)
    }

    /// Loads a bank file (base64 of CSV or XLSX): a report per row.
    async fn training_import_questions(
        &self,
        ctx: &Context<'_>,
        file: String,
        format: BankFormat,
        dry_run: Option<bool>,
    ) -> Result<BankImportReport> {
        let r = req(ctx);
        require(r, PERM_BANK)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(file.trim())
            .map_err(|_| {
                anjian_platform::Error::field(
                    "file",
                    "文件应为 base64 编码",
                    "the file is base64-encoded",
                )
            })?;
        let dry = dry_run.unwrap_or(false);
        let mut tx = r.write().await?;
        let rep = service::bank::import(&mut tx, &r.audit(), &bytes, format.into(), dry)
            .await
            .gql()?;
        if dry {
            tx.rollback().await?;
        } else {
            r.commit(tx).await?;
        }
        let n = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        Ok(BankImportReport {
            rows: n(rep.rows),
            inserted: n(rep.inserted),
            updated: n(rep.updated),
            unchanged: n(rep.unchanged),
            rejected: n(rep.rejected),
            dry_run: rep.dry_run,
            rejections: rep
                .rejections
                .into_iter()
                .map(|p| BankRowProblem {
                    row: n(p.row),
                    column: p.column,
                    value: p.value,
                    message_zh: p.message_zh,
                    message_en: p.message_en,
                })
                .collect(),
        })
    }

    /// Saves a blueprint; refused when it doesn't total 100 or the bank can't fill it.
    async fn training_save_blueprint(
        &self,
        ctx: &Context<'_>,
        input: BlueprintInput,
    ) -> Result<BlueprintNode> {
        let r = req(ctx);
        require(r, PERM_BANK)?;
        let draft = blueprint(input).gql()?;
        let mut tx = r.write().await?;
        let b = service::bank::save_blueprint(&mut tx, &r.audit(), draft)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(BlueprintNode(b))
    }

    /// Sets up a session in the caller's tenant.
    async fn training_create_session(
        &self,
        ctx: &Context<'_>,
        input: SessionInput,
    ) -> Result<SessionNode> {
        let r = req(ctx);
        let who = require(r, PERM_MANAGE)?;
        let tenant = who.tenant.clone();
        let mut tx = r.write().await?;
        let s = service::sessions::create(
            &mut tx,
            &r.audit(),
            &tenant,
            NewSession {
                centre: input.centre,
                seats: input.seats,
                starts_at: input.starts_at,
                window_minutes: input.window_minutes,
                blueprint_id: input.blueprint_id,
            },
        )
        .await
        .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// Books candidates into a session (all or none).
    async fn training_book(
        &self,
        ctx: &Context<'_>,
        session_id: String,
        candidate_ids: Vec<String>,
    ) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let s = service::sessions::book(&mut tx, &r.audit(), &session_id, &candidate_ids)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// 开考.
    async fn training_open_session(&self, ctx: &Context<'_>, id: String) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_PROCTOR)?;
        let mut tx = r.write().await?;
        let s = service::sessions::open(&mut tx, &r.audit(), &id)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// 结束: papers still open are submitted.
    async fn training_close_session(&self, ctx: &Context<'_>, id: String) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_PROCTOR)?;
        let mut tx = r.write().await?;
        let s = service::sessions::close(&mut tx, &r.audit(), &id)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// 迟到入场.
    async fn training_admit_late(
        &self,
        ctx: &Context<'_>,
        session_id: String,
        candidate_id: String,
    ) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_PROCTOR)?;
        let mut tx = r.write().await?;
        let s = service::sessions::admit_late(&mut tx, &r.audit(), &session_id, &candidate_id)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// 异常记录.
    async fn training_record_incident(
        &self,
        ctx: &Context<'_>,
        session_id: String,
        candidate_id: Option<String>,
        note: String,
    ) -> Result<SessionNode> {
        let r = req(ctx);
        require(r, PERM_PROCTOR)?;
        let mut tx = r.write().await?;
        let s = service::sessions::incident(&mut tx, &r.audit(), &session_id, candidate_id, &note)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(SessionNode(s))
    }

    /// 强制交卷.
    async fn training_force_submit(
        &self,
        ctx: &Context<'_>,
        attempt_id: String,
    ) -> Result<AttemptSummary> {
        let r = req(ctx);
        let who = require(r, PERM_PROCTOR)?;
        let by = who.username.clone();
        let mut tx = r.write().await?;
        let a = service::exam::force_submit(&mut tx, &attempt_id, &by)
            .await
            .gql()?;
        let rules = service::rules(&mut tx).await.gql()?;
        let answered = crate::store::exam::answers(&mut tx, &a.tenant_id, &a.id)
            .await
            .gql()?
            .iter()
            .filter(|x| !x.answer.is_empty())
            .count() as i64;
        r.commit(tx).await?;
        Ok(AttemptSummary::new(&a, answered, rules.pass_mark))
    }

    /// 实操成绩 of a special operations result.
    async fn training_record_practical(
        &self,
        ctx: &Context<'_>,
        result_id: String,
        score: f64,
    ) -> Result<ResultNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let e = service::exam::record_practical(&mut tx, &result_id, score)
            .await
            .gql()?;
        let name = crate::store::people::get(&mut tx, &e.candidate_id)
            .await
            .gql()?
            .map(|c| c.name)
            .unwrap_or_default();
        r.commit(tx).await?;
        Ok(ResultNode { r: e, name })
    }

    /// Issues the certificate of a candidate's valid pass.
    async fn training_issue_certificate(
        &self,
        ctx: &Context<'_>,
        candidate_id: String,
    ) -> Result<CertificateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let key = cert_key(r)?;
        let mut tx = r.write().await?;
        let c = service::certs::issue(&mut tx, &r.audit(), key.as_ref(), &candidate_id)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(CertificateNode(c))
    }

    /// 复审.
    async fn training_review_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
        passed: bool,
        note: String,
    ) -> Result<CertificateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let c = service::certs::review(&mut tx, &r.audit(), &number, passed, &note)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(CertificateNode(c))
    }

    /// 延期换证: a new certificate; the old one cancelled.
    async fn training_renew_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
    ) -> Result<CertificateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let key = cert_key(r)?;
        let mut tx = r.write().await?;
        let c = service::certs::renew(&mut tx, &r.audit(), key.as_ref(), &number)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(CertificateNode(c))
    }

    /// 暂扣.
    async fn training_suspend_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
        reason: String,
    ) -> Result<CertificateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let c = service::certs::suspend(&mut tx, &r.audit(), &number, &reason)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(CertificateNode(c))
    }

    /// 撤销.
    async fn training_revoke_certificate(
        &self,
        ctx: &Context<'_>,
        number: String,
        reason: GqlRevokeReason,
        note: String,
    ) -> Result<CertificateNode> {
        let r = req(ctx);
        require(r, PERM_MANAGE)?;
        let mut tx = r.write().await?;
        let c = service::certs::revoke(&mut tx, &r.audit(), &number, reason.into(), &note)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(CertificateNode(c))
    }
}
