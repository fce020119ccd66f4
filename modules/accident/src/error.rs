//! Errors of the accident module, mapped to the platform's (and so to
//! GraphQL codes) in one place: [`From<AccError> for anjian_platform::Error`].

use crate::model::State;
use anjian_platform::{Error, FieldError};

/// What can go wrong with an accident report.
#[derive(Debug, thiserror::Error)]
pub enum AccError {
    /// Input that doesn't parse, with field-level details.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action isn't possible in the accident's current state.
    #[error("{action} is not possible in state {state}")]
    IllegalTransition { action: String, state: State },
    /// The action conflicts with the accident's clocks or figures.
    #[error("conflict: {en}")]
    Conflict { zh: String, en: String },
    /// Someone changed the accident since it was read.
    #[error("the accident changed meanwhile")]
    Concurrent,
    /// Not there, or not visible to the caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may not take this step.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Anything else (storage, the platform).
    #[error(transparent)]
    Platform(#[from] Error),
}

impl AccError {
    /// One field error.
    pub fn field(field: &str, zh: &str, en: &str) -> AccError {
        AccError::Invalid(vec![FieldError::new(field, zh, en)])
    }

    /// A conflict with both messages.
    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> AccError {
        AccError::Conflict {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl From<FieldError> for AccError {
    fn from(e: FieldError) -> Self {
        AccError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for AccError {
    fn from(e: Vec<FieldError>) -> Self {
        AccError::Invalid(e)
    }
}

impl From<sqlx::Error> for AccError {
    fn from(e: sqlx::Error) -> Self {
        AccError::Platform(Error::from(e))
    }
}

impl From<serde_json::Error> for AccError {
    fn from(e: serde_json::Error) -> Self {
        AccError::Platform(Error::internal(e))
    }
}

impl From<AccError> for Error {
    fn from(e: AccError) -> Self {
        match e {
            AccError::Invalid(f) => Error::Validation(f),
            AccError::IllegalTransition { action, state } => Error::Conflict {
                zh: format!("事故当前状态为“{}”，不能执行 {action}", state.zh()),
                en: format!("the accident is {state}: {action} is not possible now"),
            },
            AccError::Conflict { zh, en } => Error::Conflict { zh, en },
            AccError::Concurrent => Error::conflict(
                "事故记录已被他人修改，请刷新后重试",
                "the accident changed meanwhile; reload and retry",
            ),
            AccError::NotFound(what) => Error::NotFound(what.into()),
            AccError::Forbidden(why) => Error::Forbidden(why),
            AccError::Platform(e) => e,
        }
    }
}

/// Converts a module result for a resolver.
pub trait Platform<T> {
    fn gql(self) -> anjian_platform::Result<T>;
}

impl<T> Platform<T> for Result<T, AccError> {
    fn gql(self) -> anjian_platform::Result<T> {
        self.map_err(Error::from)
    }
}

/// Results of the module.
pub type Result<T, E = AccError> = std::result::Result<T, E>;
