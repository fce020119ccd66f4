//! Request bodies read under a limit, as they arrive: a body is never
//! buffered past the limit its caller is allowed.

use axum::body::{Body, Bytes};
use futures::{Stream, StreamExt, TryStreamExt};
use std::time::Duration;

/// Why a body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Longer than the limit.
    TooLarge,
    /// The connection failed or the body is malformed.
    Unreadable,
}

/// What is drained of a refused body before the answer, so that a client
/// still sending reads the 413 instead of a reset connection.
const LINGER_BYTES: usize = 4 << 20;
const LINGER: Duration = Duration::from_secs(2);

/// Reads the whole body, refusing it once it passes `limit` bytes.
pub async fn read(body: Body, limit: usize) -> Result<Bytes, BodyError> {
    let mut stream = body.into_data_stream();
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| BodyError::Unreadable)?;
        if out.len() + chunk.len() > limit {
            linger(stream).await;
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(out))
}

/// Drains up to [`LINGER_BYTES`] for at most [`LINGER`].
async fn linger(stream: impl Stream<Item = Result<Bytes, axum::Error>> + Unpin) {
    drain_stream(stream, LINGER_BYTES, LINGER).await
}

/// Reads and discards a refused body: up to `cap` bytes for at most
/// `within`, so that a client still sending reads the answer. Signed-in
/// callers get a larger `cap` than anonymous ones.
pub async fn drain(body: Body, cap: usize, within: Duration) {
    drain_stream(body.into_data_stream(), cap, within).await
}

async fn drain_stream(
    mut stream: impl Stream<Item = Result<Bytes, axum::Error>> + Unpin,
    cap: usize,
    within: Duration,
) {
    let drain = async {
        let mut seen = 0usize;
        while let Some(Ok(c)) = stream.next().await {
            seen += c.len();
            if seen > cap {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(within, drain).await;
}

/// What an anonymous caller's refused body may be drained of.
pub const ANONYMOUS_DRAIN: (usize, Duration) = (LINGER_BYTES, LINGER);
/// What a signed-in caller's refused body may be drained of.
pub const SIGNED_IN_DRAIN: (usize, Duration) = (64 << 20, Duration::from_secs(10));

/// The message of the I/O error a [`limited_reader`] fails with at its limit.
pub const TOO_LARGE: &str = "request body larger than allowed";

/// The body as an `AsyncRead` that fails with [`TOO_LARGE`] once it passes
/// `limit` bytes; for parsers that stream (multipart).
pub fn limited_reader(body: Body, limit: u64) -> impl futures::AsyncRead + Send + Unpin {
    let mut seen = 0u64;
    body.into_data_stream()
        .map_err(std::io::Error::other)
        .and_then(move |chunk| {
            seen += chunk.len() as u64;
            futures::future::ready(if seen > limit {
                Err(std::io::Error::other(TOO_LARGE))
            } else {
                Ok(chunk)
            })
        })
        .into_async_read()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::AsyncReadExt;

    #[tokio::test]
    async fn reads_within_the_limit_and_refuses_past_it() {
        assert_eq!(
            read(Body::from("12345"), 5).await.as_deref(),
            Ok(&b"12345"[..])
        );
        assert_eq!(
            read(Body::from("123456"), 5).await,
            Err(BodyError::TooLarge)
        );
    }

    #[tokio::test]
    async fn the_reader_fails_past_its_limit() {
        let mut ok = Vec::new();
        limited_reader(Body::from("abc"), 3)
            .read_to_end(&mut ok)
            .await
            .expect("within");
        assert_eq!(ok, b"abc");
        let mut v = Vec::new();
        let e = limited_reader(Body::from("abcd"), 3)
            .read_to_end(&mut v)
            .await
            .expect_err("past the limit");
        assert_eq!(e.to_string(), TOO_LARGE);
    }
}
