//! Errors of the hazard module, mapped to the platform's (and so to GraphQL
//! codes) in one place: [`From<HazardError> for anjian_platform::Error`].

use crate::model::State;
use anjian_platform::{Error, FieldError};

/// What can go wrong with a hazard.
#[derive(Debug, thiserror::Error)]
pub enum HazardError {
    /// Input that doesn't parse, with field-level details.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action isn't a step out of the hazard's current state.
    #[error("{action} is not possible in state {state}")]
    IllegalTransition { action: String, state: State },
    /// Someone changed the hazard since it was read.
    #[error("the hazard changed meanwhile")]
    Concurrent,
    /// The hazard (or the caller's enterprise) isn't there or isn't visible.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may not take this step on this hazard.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A county rule refused the report.
    #[error("refused by a county rule")]
    Refused(Vec<FieldError>),
    /// Too many public reports from one address.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Anything else (storage, the platform).
    #[error(transparent)]
    Platform(#[from] Error),
}

impl HazardError {
    /// One field error.
    pub fn field(field: &str, zh: &str, en: &str) -> HazardError {
        HazardError::Invalid(vec![FieldError::new(field, zh, en)])
    }
}

impl From<FieldError> for HazardError {
    fn from(e: FieldError) -> Self {
        HazardError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for HazardError {
    fn from(e: Vec<FieldError>) -> Self {
        HazardError::Invalid(e)
    }
}

impl From<sqlx::Error> for HazardError {
    fn from(e: sqlx::Error) -> Self {
        HazardError::Platform(Error::from(e))
    }
}

impl From<serde_json::Error> for HazardError {
    fn from(e: serde_json::Error) -> Self {
        HazardError::Platform(Error::internal(e))
    }
}

impl From<HazardError> for Error {
    fn from(e: HazardError) -> Self {
        match e {
            HazardError::Invalid(f) | HazardError::Refused(f) => Error::Validation(f),
            HazardError::IllegalTransition { action, state } => Error::Conflict {
                zh: format!(
                    "隐患当前状态为“{}”（{state}），不能执行 {action}",
                    state.zh()
                ),
                en: format!("the hazard is {state}: {action} is not possible now"),
            },
            HazardError::Concurrent => Error::conflict(
                "隐患已被他人修改，请刷新后重试",
                "the hazard changed meanwhile; reload and retry",
            ),
            HazardError::NotFound(what) => Error::NotFound(what.into()),
            HazardError::Forbidden(why) => Error::Forbidden(why),
            HazardError::RateLimited { retry_after_secs } => {
                Error::RateLimited { retry_after_secs }
            }
            HazardError::Platform(e) => e,
        }
    }
}

/// Converts a module result for a resolver (the GraphQL layer maps the
/// platform's errors to codes).
pub trait Platform<T> {
    fn gql(self) -> anjian_platform::Result<T>;
}

impl<T> Platform<T> for Result<T, HazardError> {
    fn gql(self) -> anjian_platform::Result<T> {
        self.map_err(Error::from)
    }
}

/// Results of the module.
pub type Result<T, E = HazardError> = std::result::Result<T, E>;
