//! The candidate's side: logging in with the admission ticket, the exam
//! page's attempt, saves and submission (all by exam token, scoped to the
//! token's county), an examinee account's bookings, and the public
//! certificate check.

use super::exam_nodes::*;
use super::nodes::*;
use super::{cert_key, limit, ExamSessionState};
use crate::error::{Gql, TrError};
use crate::model::mask;
use crate::service::exam::{self as svc, remaining, tenant_of};
use crate::store::exam::{self as store, AttemptState};
use crate::{service, store::people};
use anjian_platform::api::context::{req, Req};
use anjian_platform::db::{Scope, Tx};
use anjian_platform::rbac::Role;
use anjian_platform::time::{now_ms, to_rfc3339};
use anjian_platform::Error;
use async_graphql::{Context, Object, Result, SimpleObject};

/// A token's transaction: the token's county only.
async fn exam_tx(r: &Req, token: &str) -> anjian_platform::Result<Tx> {
    let tenant = tenant_of(token).ok_or(Error::Unauthenticated)?;
    r.platform
        .db
        .write(Scope::of([tenant]), Some(r.statements.clone()))
        .await
}

/// What a login gives the exam page.
#[derive(SimpleObject)]
pub struct ExamLogin {
    /// Sent with every exam call; a new login replaces it.
    pub token: String,
    pub candidate_name: String,
    pub centre: String,
    pub starts_at: String,
    pub duration_minutes: i64,
}

impl From<svc::Login> for ExamLogin {
    fn from(l: svc::Login) -> Self {
        ExamLogin {
            token: l.token,
            candidate_name: l.candidate.name,
            centre: l.session.centre,
            starts_at: to_rfc3339(l.session.starts_at),
            duration_minutes: i64::from(l.session.blueprint.duration_minutes),
        }
    }
}

/// A save acknowledged: its place in the log and the time left.
#[derive(SimpleObject)]
pub struct SaveAck {
    pub no: i64,
    pub seq: i64,
    pub saved_at: String,
    pub remaining_seconds: i64,
}

/// A booking of the signed-in examinee.
#[derive(SimpleObject)]
pub struct MyBooking {
    pub session_id: String,
    pub centre: String,
    pub starts_at: String,
    pub duration_minutes: i64,
    pub state: ExamSessionState,
    pub ticket: String,
    pub attempt: Option<AttemptSummary>,
}

async fn view(tx: &mut Tx, token: &str) -> Result<ExamAttempt> {
    let a = svc::attempt_of(tx, token).await.gql()?;
    let qs = svc::questions(tx, &a).await.gql()?;
    let answers = store::answers(tx, &a.tenant_id, &a.id).await.gql()?;
    let rules = service::rules(tx).await.gql()?;
    Ok(ExamAttempt::new(&a, &qs, answers, &rules))
}

/// The candidate's queries.
#[derive(Default)]
pub struct ExamQuery;

#[Object]
impl ExamQuery {
    /// The candidate's attempt with its paper and saved answers (resumes
    /// after a reload or on another machine; time counted by the server).
    async fn exam_attempt(&self, ctx: &Context<'_>, token: String) -> Result<ExamAttempt> {
        let r = req(ctx);
        let mut tx = exam_tx(r, &token).await?;
        let v = view(&mut tx, &token).await?;
        r.commit(tx).await?;
        Ok(v)
    }

    /// The signed-in examinee's bookings.
    async fn my_exams(&self, ctx: &Context<'_>) -> Result<Vec<MyBooking>> {
        let r = req(ctx);
        let who = r.principal()?;
        if !who.has_role(Role::Examinee) {
            return Err(Error::Forbidden("only examinees have exams".into()).into());
        }
        let (tenant, username) = (who.tenant.clone(), who.username.clone());
        let mut tx = r.read().await?;
        let rules = service::rules(&mut tx).await.gql()?;
        let mut out = Vec::new();
        for c in people::of_user(&mut tx, &tenant, &username).await.gql()? {
            for b in store::bookings_of(&mut tx, &tenant, &c.id).await.gql()? {
                let Some(s) = store::session(&mut tx, &b.session_id).await.gql()? else {
                    continue;
                };
                let attempt = match &b.attempt_id {
                    Some(id) => store::attempt(&mut tx, &tenant, id)
                        .await
                        .gql()?
                        .map(|a| AttemptSummary::new(&a, 0, rules.pass_mark)),
                    None => None,
                };
                out.push(MyBooking {
                    session_id: s.id,
                    centre: s.centre,
                    starts_at: to_rfc3339(s.starts_at),
                    duration_minutes: i64::from(s.blueprint.duration_minutes),
                    state: s.state.into(),
                    ticket: b.ticket,
                    attempt,
                });
            }
        }
        tx.end_read();
        out.sort_by(|a, b| b.starts_at.cmp(&a.starts_at));
        Ok(out)
    }

    /// 证书查询: by certificate number and the holder's ID number, signed
    /// in or not; rate-limited per address.
    async fn training_certificate_check(
        &self,
        ctx: &Context<'_>,
        number: String,
        id_number: String,
    ) -> Result<PublicTrainingCertificate> {
        let r = req(ctx);
        limit(r, "check", &r.client_addr).await?;
        let tenant = tenant_of(number.trim())
            .ok_or(TrError::NotFound("certificate"))
            .gql()?;
        let key = cert_key(r)?;
        let mut tx = r.platform.db.read(Scope::of([tenant]), None).await?;
        let rules = service::rules(&mut tx).await.gql()?;
        let c = service::certs::check(&mut tx, key.as_ref(), &number, &id_number)
            .await
            .gql()?;
        tx.end_read();
        let cert = c.certificate;
        let family: String = cert.name.chars().take(1).collect();
        Ok(PublicTrainingCertificate {
            name: format!(
                "{family}{}",
                "*".repeat(cert.name.chars().count().saturating_sub(1))
            ),
            id_number_masked: mask(&cert.id_number),
            category: cert.category.into(),
            operation_name: cert
                .operation_item
                .as_deref()
                .and_then(|i| rules.operation(i))
                .map(|(c, i)| format!("{}·{}", c.name, i.name)),
            valid_until: to_rfc3339(cert.valid_until),
            next_review_at: cert.next_review_at.map(to_rfc3339),
            status: cert.status.into(),
            signature_valid: c.signature_valid,
            number: cert.number,
        })
    }
}

/// The candidate's mutations.
#[derive(Default)]
pub struct ExamMutation;

#[Object]
impl ExamMutation {
    /// 考生登录 at the test centre: the admission ticket and the ID number.
    async fn exam_login(
        &self,
        ctx: &Context<'_>,
        ticket: String,
        id_number: String,
    ) -> Result<ExamLogin> {
        let r = req(ctx);
        limit(r, "login", ticket.trim()).await?;
        let mut tx = exam_tx(r, ticket.trim()).await?;
        let l = svc::login(&mut tx, &ticket, &id_number).await.gql()?;
        r.commit(tx).await?;
        Ok(l.into())
    }

    /// An examinee account enters a session it is booked in.
    async fn exam_login_as_user(&self, ctx: &Context<'_>, session_id: String) -> Result<ExamLogin> {
        let r = req(ctx);
        let who = r.principal()?;
        if !who.has_role(Role::Examinee) {
            return Err(Error::Forbidden("only examinees sit exams".into()).into());
        }
        let (tenant, username) = (who.tenant.clone(), who.username.clone());
        let mut tx = r.write().await?;
        let l = svc::login_as_user(&mut tx, &tenant, &username, &session_id)
            .await
            .gql()?;
        r.commit(tx).await?;
        Ok(l.into())
    }

    /// Starts the attempt, or resumes it with the same paper and the time left.
    async fn exam_start(&self, ctx: &Context<'_>, token: String) -> Result<ExamAttempt> {
        let r = req(ctx);
        let mut tx = exam_tx(r, &token).await?;
        svc::start(&mut tx, &token).await.gql()?;
        let v = view(&mut tx, &token).await?;
        r.commit(tx).await?;
        Ok(v)
    }

    /// Saves one answer (an empty list clears it); refused after the end.
    async fn exam_save(
        &self,
        ctx: &Context<'_>,
        token: String,
        no: i64,
        answer: Vec<String>,
        marked: Option<bool>,
    ) -> Result<SaveAck> {
        let r = req(ctx);
        let mut tx = exam_tx(r, &token).await?;
        let ack = svc::save(&mut tx, &token, no, &answer, marked.unwrap_or(false))
            .await
            .gql()?;
        tx.commit().await?;
        Ok(SaveAck {
            no: ack.no,
            seq: ack.seq,
            saved_at: to_rfc3339(ack.saved_at),
            remaining_seconds: remaining(ack.deadline, now_ms()),
        })
    }

    /// 交卷: scored at once.
    async fn exam_submit(&self, ctx: &Context<'_>, token: String) -> Result<ExamAttempt> {
        let r = req(ctx);
        let mut tx = exam_tx(r, &token).await?;
        let a = svc::submit(&mut tx, &token).await.gql()?;
        debug_assert_eq!(a.state, AttemptState::Submitted);
        let v = view(&mut tx, &token).await?;
        r.commit(tx).await?;
        Ok(v)
    }
}
