//! SQL of the training module, one file per kind of record: `people`
//! (candidates and their training), `bank` (questions and blueprints),
//! `exam` (sessions, bookings, attempts, answers, results) and `certs`.

pub mod attempts;
pub mod bank;
pub mod certs;
pub mod exam;
pub mod people;

use sqlx::any::AnyRow;
use sqlx::Row;

/// A text column that may be NULL.
pub(crate) fn opt_text(r: &AnyRow, c: &str) -> Result<Option<String>, sqlx::Error> {
    r.try_get::<Option<String>, _>(c)
}

/// An INTEGER 0/1 column as a bool.
pub(crate) fn flag(r: &AnyRow, c: &str) -> Result<bool, sqlx::Error> {
    Ok(r.try_get::<i64, _>(c)? != 0)
}

/// An empty text column as None (operation items are '' when not given).
pub(crate) fn non_empty(r: &AnyRow, c: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(Some(r.try_get::<String, _>(c)?).filter(|s| !s.is_empty()))
}

/// A nullable float as text for binding (PostgreSQL keeps the first bound type).
pub(crate) fn float_text(v: Option<f64>) -> Option<String> {
    v.map(|f| f.to_string())
}
