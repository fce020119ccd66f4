//! GraphQL of training and examination: thin resolvers over `service`.
//! `nodes` holds the types, `query` and `mutation` the officials' side,
//! `exam` the candidate's (token-based: no platform account needed).

use crate::error::{Gql, TrError};
use crate::model::{Category, CertStatus, QuestionKind, RevokeReason};
use crate::store::exam::{AttemptState, SessionState};
use anjian_platform::api::context::Req;
use anjian_platform::rbac::Permission;
use anjian_platform::Error;
use anjian_standardization::certificate::CertKey;
use async_graphql::{Enum, MergedObject};
use std::sync::OnceLock;

mod exam;
mod exam_nodes;
mod mutation;
mod nodes;
mod query;

pub use exam_nodes::*;
pub use nodes::*;

/// The module's queries.
#[derive(MergedObject, Default)]
pub struct TrainingQuery(query::OfficialQuery, exam::ExamQuery);

/// The module's mutations.
#[derive(MergedObject, Default)]
pub struct TrainingMutation(mutation::OfficialMutation, exam::ExamMutation);

/// The signing key, read once per process (the standardization scheme).
pub(crate) fn cert_key(r: &Req) -> anjian_platform::Result<Option<CertKey>> {
    static KEY: OnceLock<Option<CertKey>> = OnceLock::new();
    if let Some(k) = KEY.get() {
        return Ok(k.clone());
    }
    let k = CertKey::from_config(&r.platform.config).map_err(Error::from)?;
    Ok(KEY.get_or_init(|| k).clone())
}

/// The caller, holding `perm`.
pub(crate) fn require<'a>(
    r: &'a Req,
    perm: &'static str,
) -> anjian_platform::Result<&'a anjian_platform::auth::Principal> {
    let who = r.require(Permission::Module(perm))?;
    if who.password_expired {
        return Err(Error::PasswordExpired);
    }
    Ok(who)
}

/// Per address and minute, at most [`crate::LOOKUPS_PER_MINUTE`] of `what`.
pub(crate) async fn limit(r: &Req, what: &str, key: &str) -> anjian_platform::Result<()> {
    let k = format!("tr.{what}:{key}");
    if r.platform
        .limiter
        .hit(&k, std::time::Duration::from_secs(60))
        .await
        > crate::LOOKUPS_PER_MINUTE
    {
        return Err(TrError::RateLimited {
            retry_after_secs: 60,
        })
        .gql();
    }
    Ok(())
}

macro_rules! gql_enum {
    ($(#[$m:meta])* $name:ident => $model:ident { $($var:ident),+ $(,)? }) => {
        #[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
        $(#[$m])*
        pub enum $name { $($var),+ }

        impl From<$model> for $name {
            fn from(v: $model) -> Self {
                match v { $($model::$var => $name::$var),+ }
            }
        }

        impl From<$name> for $model {
            fn from(v: $name) -> Self {
                match v { $($name::$var => $model::$var),+ }
            }
        }
    };
}

gql_enum!(
    /// 人员类别.
    TrainingCategory => Category { Principal, SafetyManager, SpecialOperations }
);
gql_enum!(
    /// 题型.
    #[graphql(name = "QuestionKind")]
    GqlQuestionKind => QuestionKind { TrueFalse, Single, Multiple }
);
gql_enum!(
    /// 场次状态.
    ExamSessionState => SessionState { Scheduled, Open, Closed }
);
gql_enum!(
    /// 答卷状态.
    #[graphql(name = "AttemptState")]
    GqlAttemptState => AttemptState { Active, Submitted }
);
gql_enum!(
    /// 证书状态.
    TrainingCertStatus => CertStatus { Valid, Suspended, Revoked, Cancelled }
);
gql_enum!(
    /// 撤销原因.
    #[graphql(name = "RevokeReason")]
    GqlRevokeReason => RevokeReason { Fraud, Accident, MissedReview }
);

/// A question bank file's format.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum BankFormat {
    Csv,
    Xlsx,
}

impl From<BankFormat> for crate::bank_file::BankFormat {
    fn from(f: BankFormat) -> Self {
        match f {
            BankFormat::Csv => crate::bank_file::BankFormat::Csv,
            BankFormat::Xlsx => crate::bank_file::BankFormat::Xlsx,
        }
    }
}
