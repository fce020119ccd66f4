//! The one place where errors become GraphQL errors: `extensions.code`, field
//! details, the request id, and the message in Chinese or English. Internal
//! errors are logged with the request id and never shown.

use anjian_platform::Error;
use async_graphql::{ErrorExtensionValues, ServerError, Value};

/// Rewrites every error of a response for the client.
pub fn localise(errors: &mut [ServerError], english: bool, request_id: &str) {
    for e in errors.iter_mut() {
        let mut ext = e.extensions.take().unwrap_or_default();
        let source = e.source.clone();
        let code = match source.as_deref().and_then(|s| s.downcast_ref::<Error>()) {
            Some(err) => {
                if let Error::Internal(detail) = err {
                    tracing::error!(request_id, error = %detail, "internal error");
                }
                e.message = err.message(english);
                if let Error::Validation(fields) = err {
                    let details: Vec<Value> = fields
                        .iter()
                        .map(|f| {
                            let msg = if english {
                                &f.message_en
                            } else {
                                &f.message_zh
                            };
                            let mut m = async_graphql::indexmap::IndexMap::new();
                            m.insert(
                                async_graphql::Name::new("field"),
                                Value::from(f.field.clone()),
                            );
                            m.insert(
                                async_graphql::Name::new("message"),
                                Value::from(msg.clone()),
                            );
                            Value::Object(m)
                        })
                        .collect();
                    ext.set("details", Value::List(details));
                }
                if let Error::RateLimited { retry_after_secs } = err {
                    ext.set("retryAfter", *retry_after_secs);
                }
                err.code()
            }
            // async-graphql's own errors (parse, validation, argument coercion) carry no source.
            None if source.is_none() => "VALIDATION_FAILED",
            None => {
                tracing::error!(request_id, error = %e.message, "unexpected resolver error");
                e.message = Error::Internal(String::new()).message(english);
                "INTERNAL"
            }
        };
        if ext.get("code").is_none() {
            ext.set("code", code);
        }
        ext.set("requestId", request_id);
        e.extensions = Some(ext);
    }
}

/// A response-level error (before execution), as a GraphQL error.
pub fn request_error(code: &str, message: &str, request_id: &str) -> ServerError {
    let mut e = ServerError::new(message, None);
    let mut ext = ErrorExtensionValues::default();
    ext.set("code", code);
    ext.set("requestId", request_id);
    e.extensions = Some(ext);
    e
}

/// Codes of the errors in a response (for metrics).
pub fn codes(errors: &[ServerError]) -> Vec<String> {
    errors
        .iter()
        .filter_map(|e| e.extensions.as_ref().and_then(|x| x.get("code")))
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}
