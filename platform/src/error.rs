//! Typed errors of the platform. Each maps to one GraphQL error code (in
//! `anjian-graphql::errors`); messages come in Chinese and English.

use serde::Serialize;

/// A problem with one input field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldError {
    /// The input field, e.g. `password`.
    pub field: String,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: &str, zh: &str, en: &str) -> Self {
        Self {
            field: field.to_string(),
            message_zh: zh.to_string(),
            message_en: en.to_string(),
        }
    }
}

/// Platform error. `Internal` carries detail for the log only, never the client.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unauthenticated")]
    Unauthenticated,
    /// Wrong username or password; never says which.
    #[error("bad credentials")]
    BadCredentials,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The password is older than the policy allows; only changing it is allowed.
    #[error("password expired")]
    PasswordExpired,
    #[error("not found: {0}")]
    NotFound(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("conflict: {en}")]
    Conflict { zh: String, en: String },
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The GraphQL `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthenticated | Error::BadCredentials => "UNAUTHENTICATED",
            Error::Forbidden(_) | Error::PasswordExpired => "FORBIDDEN",
            Error::NotFound(_) => "NOT_FOUND",
            Error::Validation(_) => "VALIDATION_FAILED",
            Error::Conflict { .. } => "CONFLICT",
            Error::RateLimited { .. } => "RATE_LIMITED",
            Error::Internal(_) => "INTERNAL",
        }
    }

    /// The client-facing message in the requested language.
    pub fn message(&self, english: bool) -> String {
        let (zh, en): (&str, &str) = match self {
            Error::Unauthenticated => {
                ("未登录或登录已失效", "not authenticated or session expired")
            }
            Error::BadCredentials => ("用户名或密码错误", "wrong username or password"),
            Error::PasswordExpired => (
                "密码已过期，请先修改密码",
                "your password has expired: change it first",
            ),
            Error::Forbidden(_) => ("无权执行此操作", "you are not allowed to do this"),
            Error::NotFound(_) => ("记录不存在", "not found"),
            Error::Validation(_) => ("输入校验未通过", "validation failed"),
            Error::Conflict { zh, en } => (zh.as_str(), en.as_str()),
            Error::RateLimited { .. } => (
                "请求过于频繁，请稍后再试",
                "too many attempts, try again later",
            ),
            Error::Internal(_) => ("服务器内部错误", "internal server error"),
        };
        if english {
            en.to_string()
        } else {
            zh.to_string()
        }
    }

    /// A single-field validation error.
    pub fn field(field: &str, zh: &str, en: &str) -> Self {
        Error::Validation(vec![FieldError::new(field, zh, en)])
    }

    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error::Conflict {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        Error::Internal(e.to_string())
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return Error::conflict("记录已存在", "a record with this key already exists");
            }
            // PostgreSQL row-level security rejections (insufficient_privilege / RLS check).
            if matches!(db.code().as_deref(), Some("42501")) {
                return Error::Forbidden(db.message().to_string());
            }
        }
        Error::Internal(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Internal(e.to_string())
    }
}
