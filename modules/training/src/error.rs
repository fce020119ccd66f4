//! Errors of the training module, mapped to the platform's (and so to
//! GraphQL codes) in one place: [`From<TrError> for anjian_platform::Error`].

use anjian_platform::{Error, FieldError};

/// What can go wrong with a candidate, a paper, an attempt or a certificate.
#[derive(Debug, thiserror::Error)]
pub enum TrError {
    /// Input that doesn't parse, with field-level details.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Not there, or not visible to the caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Not possible in the current state (CONFLICT).
    #[error("{en}")]
    Conflict { zh: String, en: String },
    /// Too many public look-ups from one address.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Anything else (storage, the platform).
    #[error(transparent)]
    Platform(#[from] Error),
}

impl TrError {
    /// One field error.
    pub fn field(field: &str, zh: &str, en: &str) -> TrError {
        TrError::Invalid(vec![FieldError::new(field, zh, en)])
    }

    /// A conflict with the current state.
    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> TrError {
        TrError::Conflict {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The exam's time is up: answers are refused.
    pub fn time_up() -> TrError {
        TrError::conflict(
            "考试时间已到，答卷已提交，不能再作答",
            "the time is up: the paper was submitted and takes no more answers",
        )
    }
}

impl From<FieldError> for TrError {
    fn from(e: FieldError) -> Self {
        TrError::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for TrError {
    fn from(e: Vec<FieldError>) -> Self {
        TrError::Invalid(e)
    }
}

impl From<sqlx::Error> for TrError {
    fn from(e: sqlx::Error) -> Self {
        TrError::Platform(Error::from(e))
    }
}

impl From<serde_json::Error> for TrError {
    fn from(e: serde_json::Error) -> Self {
        TrError::Platform(Error::internal(e))
    }
}

impl From<TrError> for Error {
    fn from(e: TrError) -> Self {
        match e {
            TrError::Invalid(f) => Error::Validation(f),
            TrError::NotFound(what) => Error::NotFound(what.into()),
            TrError::Forbidden(why) => Error::Forbidden(why),
            TrError::Conflict { zh, en } => Error::Conflict { zh, en },
            TrError::RateLimited { retry_after_secs } => Error::RateLimited { retry_after_secs },
            TrError::Platform(e) => e,
        }
    }
}

/// Converts a module result for a resolver.
pub trait Gql<T> {
    fn gql(self) -> anjian_platform::Result<T>;
}

impl<T> Gql<T> for Result<T, TrError> {
    fn gql(self) -> anjian_platform::Result<T> {
        self.map_err(Error::from)
    }
}

/// Results of the module.
pub type Result<T, E = TrError> = std::result::Result<T, E>;
