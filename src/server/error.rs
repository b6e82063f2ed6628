//! Errors as HTTP responses: a status and `{"error": {"code", "message"}}`.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::ErrorBody;
use crate::error::Error;

/// The server's error type: client mistakes are 4xx, only the server's own faults are 5xx.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// For `missing_keys`: the keys that are missing, so clients need not parse the message.
    pub keys: Vec<String>,
    /// The next step for the user, as the CLI would print it.
    pub hint: Option<String>,
    /// Near names of what was not found.
    pub suggestions: Vec<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            keys: Vec::new(),
            hint: None,
            suggestions: Vec::new(),
        }
    }
}

pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Invalid { .. } | Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::MissingKeys { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Error::NotFound { .. }
        | Error::EnvironmentNotFound { .. }
        | Error::Missing(_)
        | Error::NoStore { .. } => StatusCode::NOT_FOUND,
        Error::AlreadyExists { .. }
        | Error::Conflict(_)
        | Error::VersionConflict(_)
        | Error::LastAdmin(_) => StatusCode::CONFLICT,
        Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
        Error::Forbidden(_) => StatusCode::FORBIDDEN,
        Error::Database(_)
        | Error::Unreachable { .. }
        | Error::Unavailable { .. }
        | Error::Tls { .. } => StatusCode::SERVICE_UNAVAILABLE,
        Error::Integrity(_)
        | Error::Server(_)
        | Error::Io { .. }
        | Error::Internal(_)
        | Error::Interrupted
        | Error::CannotRun { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let status = status_of(&e);
        let keys = match &e {
            Error::MissingKeys { keys, .. } => keys.clone(),
            _ => Vec::new(),
        };
        let code = e.code();
        let suggestions = crate::api::suggestions_of(&e);
        // The client adds its own hints for these (they name client-side settings).
        let hint = match &e {
            Error::Invalid { hint, .. } => hint.clone(),
            _ => None,
        };
        let message = if status.is_server_error() {
            // The details stay in the server's log; clients learn only the kind of failure.
            eprintln_server_error(&e);
            match e {
                Error::Integrity(m) => format!("integrity check failed: {m}"),
                _ if e.is_disk_full() => {
                    "the server's disk is full, so the write was not made".to_owned()
                }
                _ => "the server could not complete the request".to_owned(),
            }
        } else {
            e.to_string()
        };
        Self {
            keys,
            hint,
            suggestions,
            ..Self::new(status, code, message)
        }
    }
}

#[allow(clippy::print_stderr)] // the server's log is its stderr
fn eprintln_server_error(e: &Error) {
    eprintln!("keep serve: request failed: {e}");
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            _ => "invalid_input",
        };
        Self::new(
            status,
            code,
            format!("invalid request body: {}", redact_serde(&r.body_text())),
        )
    }
}

/// serde quotes the offending input after "invalid type:" or "invalid value:", and that input
/// may be a secret value (which can itself contain any text), so everything from there on is
/// dropped: what is left names the field.
pub fn redact_serde(msg: &str) -> String {
    let cut = ["invalid type", "invalid value", "invalid length"]
        .iter()
        .filter_map(|m| msg.find(m).map(|i| (i, *m)))
        .min();
    match cut {
        Some((i, marker)) => format!("{}{marker}", &msg[..i]),
        None => msg.to_owned(),
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        Self::new(
            r.status(),
            "invalid_input",
            format!("invalid path: {}", redact_serde(&r.body_text())),
        )
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            redact_serde(&r.body_text()),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody::new(self.code, self.message, self.hint, self.keys)
            .suggesting(self.suggestions);
        (self.status, Json(body)).into_response()
    }
}

/// tower-http's timeout answers 408 with an empty body; clients are promised a JSON error.
pub async fn timeout_as_json(response: Response) -> Response {
    if response.status() == StatusCode::REQUEST_TIMEOUT
        && !response.headers().contains_key(header::CONTENT_TYPE)
    {
        return ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the request was not completed in time (`keep serve --request-timeout`)",
        )
        .into_response();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_errors_lose_the_offending_input() {
        let m =
            redact_serde("values.A: invalid type: string \"hunter2\", expected a map at line 1");
        assert_eq!(m, "values.A: invalid type");
        let m =
            redact_serde("values: invalid type: string \"K=v, expected SENTINEL\", expected a map");
        assert_eq!(m, "values: invalid type");
        let m = redact_serde("x: invalid value: integer `1234`, expected u32");
        assert_eq!(m, "x: invalid value");
        assert_eq!(redact_serde("missing field `name`"), "missing field `name`");
    }

    #[tokio::test]
    async fn a_timeout_is_a_json_error() {
        let empty = Response::builder()
            .status(StatusCode::REQUEST_TIMEOUT)
            .body(axum::body::Body::empty())
            .expect("response");
        let response = timeout_as_json(empty).await;
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["error"]["code"], "timeout");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("--request-timeout"))
        );
    }
}
