//! Errors of the standardization module, mapped to the platform's (and so
//! to GraphQL codes) in one place: [`From<StdError> for anjian_platform::Error`].

use crate::model::State;
use anjian_platform::{Error, FieldError};

/// What can go wrong with an application or a certificate.
#[derive(Debug, thiserror::Error)]
pub enum StdError {
    /// Input that doesn't parse, with field-level details.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action isn't a step out of the application's current state.
    #[error("{action} is not possible in state {state}")]
    IllegalTransition { action: String, state: State },
    /// Someone changed the application since it was read.
    #[error("the application changed meanwhile")]
    Concurrent,
    /// Not there, or not visible to the caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may not take this step.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Too many public look-ups from one address.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Anything else (storage, the platform).
    #[error(transparent)]
    Platform(#[from] Error),
}

impl StdError {
    /// One field error.
    pub fn field(field: &str, zh: &str, en: &str) -> StdError {
        StdError::Invalid(vec![FieldError::new(field, zh, en)])
    }
}

impl From<FieldError> for StdError {
    fn from(e: FieldError) -> Self {
        StdError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for StdError {
    fn from(e: Vec<FieldError>) -> Self {
        StdError::Invalid(e)
    }
}

impl From<sqlx::Error> for StdError {
    fn from(e: sqlx::Error) -> Self {
        StdError::Platform(Error::from(e))
    }
}

impl From<serde_json::Error> for StdError {
    fn from(e: serde_json::Error) -> Self {
        StdError::Platform(Error::internal(e))
    }
}

impl From<StdError> for Error {
    fn from(e: StdError) -> Self {
        match e {
            StdError::Invalid(f) => Error::Validation(f),
            StdError::IllegalTransition { action, state } => Error::Conflict {
                zh: format!(
                    "申请当前状态为“{}”（{state}），不能执行 {action}",
                    state.zh()
                ),
                en: format!("the application is {state}: {action} is not possible now"),
            },
            StdError::Concurrent => Error::conflict(
                "申请已被他人修改，请刷新后重试",
                "the application changed meanwhile; reload and retry",
            ),
            StdError::NotFound(what) => Error::NotFound(what.into()),
            StdError::Forbidden(why) => Error::Forbidden(why),
            StdError::RateLimited { retry_after_secs } => Error::RateLimited { retry_after_secs },
            StdError::Platform(e) => e,
        }
    }
}

/// Converts a module result for a resolver.
pub trait Platform<T> {
    fn gql(self) -> anjian_platform::Result<T>;
}

impl<T> Platform<T> for Result<T, StdError> {
    fn gql(self) -> anjian_platform::Result<T> {
        self.map_err(Error::from)
    }
}

/// Results of the module.
pub type Result<T, E = StdError> = std::result::Result<T, E>;
