//! Errors of the credit module, mapped to the platform's (and so to
//! GraphQL codes) in one place: [`From<CreditError> for anjian_platform::Error`].

use crate::model::ListingState;
use anjian_platform::{Error, FieldError};

/// What can go wrong with credit work.
#[derive(Debug, thiserror::Error)]
pub enum CreditError {
    /// Input that doesn't parse, with field-level details.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action isn't possible in the listing's current state.
    #[error("{action} is not possible in state {state}")]
    IllegalTransition { action: String, state: ListingState },
    /// The action conflicts with a period, a duplicate or the record.
    #[error("conflict: {en}")]
    Conflict { zh: String, en: String },
    /// Someone changed the record since it was read.
    #[error("the record changed meanwhile")]
    Concurrent,
    /// Not there, or not visible to the caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may not take this step.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Too many public queries from one address.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Anything else (storage, the platform).
    #[error(transparent)]
    Platform(#[from] Error),
}

impl CreditError {
    /// One field error.
    pub fn field(field: &str, zh: &str, en: &str) -> CreditError {
        CreditError::Invalid(vec![FieldError::new(field, zh, en)])
    }

    /// A conflict with both messages.
    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> CreditError {
        CreditError::Conflict {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<FieldError> for CreditError {
    fn from(e: FieldError) -> Self {
        CreditError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for CreditError {
    fn from(e: Vec<FieldError>) -> Self {
        CreditError::Invalid(e)
    }
}

impl From<sqlx::Error> for CreditError {
    fn from(e: sqlx::Error) -> Self {
        CreditError::Platform(Error::from(e))
    }
}

impl From<serde_json::Error> for CreditError {
    fn from(e: serde_json::Error) -> Self {
        CreditError::Platform(Error::internal(e))
    }
}

impl From<CreditError> for Error {
    fn from(e: CreditError) -> Self {
        match e {
            CreditError::Invalid(f) => Error::Validation(f),
            CreditError::IllegalTransition { action, state } => Error::Conflict {
                zh: format!("名单当前状态为“{}”，不能执行 {action}", state.zh()),
                en: format!("the listing is {state}: {action} is not possible now"),
            },
            CreditError::Conflict { zh, en } => Error::Conflict { zh, en },
            CreditError::Concurrent => Error::conflict(
                "记录已被他人修改，请刷新后重试",
                "the record changed meanwhile; reload and retry",
            ),
            CreditError::NotFound(what) => Error::NotFound(what.into()),
            CreditError::Forbidden(why) => Error::Forbidden(why),
            CreditError::RateLimited { retry_after_secs } => {
                Error::RateLimited { retry_after_secs }
            }
            CreditError::Platform(e) => e,
        }
    }
}

/// Converts a module result for a resolver.
pub trait Platform<T> {
    fn gql(self) -> anjian_platform::Result<T>;
}

impl<T> Platform<T> for Result<T, CreditError> {
    fn gql(self) -> anjian_platform::Result<T> {
        self.map_err(Error::from)
    }
}

/// Results of the module.
pub type Result<T, E = CreditError> = std::result::Result<T, E>;

impl From<anjian_standardization::error::StdError> for CreditError {
    fn from(e: anjian_standardization::error::StdError) -> Self {
        CreditError::Platform(Error::from(e))
    }
}
