//! What the audit log records of a request: the action, the environment and secret or token
//! it names, and how it ended. Never a value.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;

use crate::api::{Action, Endpoint};
use crate::db::AuditRow;
use crate::service::now_micros;

/// Marks a response whose audit record was committed with the write itself.
#[derive(Clone, Copy, Debug)]
pub struct Audited;

/// The name a request acted on when it is not in the path (a create names it in the body).
#[derive(Clone, Debug)]
pub struct AuditTarget(pub String);

/// The action a request turned out to be, when it is not its endpoint's (a show that
/// revealed values is `secret.reveal`): set by the handler on its response.
#[derive(Clone, Copy, Debug)]
pub struct AuditAction(pub Action);

/// What the audit log will record of a request: its endpoint's action, and the environment
/// and secret or token its path names.
#[derive(Clone, Debug, Default)]
pub struct Event {
    action: Option<Action>,
    environment: Option<String>,
    target: Option<String>,
}

/// Longest path segment recorded: the log is for names, and names are short.
const MAX_SEGMENT: usize = 128;

fn segment(s: &str) -> String {
    s.chars().take(MAX_SEGMENT).collect()
}

impl Event {
    pub fn of(endpoint: &Endpoint, req: &Request) -> Self {
        let mut event = Self {
            action: endpoint.action,
            ..Self::default()
        };
        let template = endpoint.path.split('/');
        for (name, value) in template.zip(req.uri().path().split('/')) {
            match name {
                "{env}" => event.environment = Some(segment(value)),
                "{name}" => event.target = Some(segment(value)),
                _ => {}
            }
        }
        event
    }
}

/// The outcome recorded for an HTTP status.
pub(crate) fn outcome(status: StatusCode) -> &'static str {
    match status.as_u16() {
        200..=299 => "ok",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        429 => "rate_limited",
        400..=499 => "invalid",
        _ => "error",
    }
}

/// Stores the record of `event` answered by `response`, then returns the response; if the
/// record cannot be stored, the client gets a 503 instead.
pub async fn finish(
    state: &Arc<AppState>,
    event: &Event,
    actor: &str,
    client: &str,
    response: Response,
) -> Response {
    let Some(action) = event.action else {
        return response;
    };
    let action = response
        .extensions()
        .get::<AuditAction>()
        .map_or(action, |a| a.0);
    let target = response
        .extensions()
        .get::<AuditTarget>()
        .map(|t| segment(&t.0))
        .or_else(|| event.target.clone());
    let record = AuditRow {
        id: 0,
        at: now_micros(),
        actor: actor.to_owned(),
        client: client.to_owned(),
        action: action.as_str().to_owned(),
        environment: event.environment.clone(),
        target,
        outcome: outcome(response.status()).to_owned(),
    };
    // Committed with the other records that arrive meanwhile (one `fsync` for all), and
    // answered only once durable.
    match state.service.db().insert_audit(record).await {
        Ok(()) => response,
        Err(e) => {
            log_failure(&e.to_string());
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "audit_unavailable",
                "the request was not carried out or not acknowledged: its audit record could not be stored",
            )
            .into_response()
        }
    }
}

#[allow(clippy::print_stderr)] // the server's log is its stderr
fn log_failure(e: &str) {
    eprintln!("keep serve: cannot write the audit log: {e}");
}
