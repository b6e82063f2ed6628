//! What the audit log records of a request: the action, the environment and secret or token
//! it names, and how it ended. Never a value.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;

use crate::db::{AuditRow, Db, GroupCommit};
use crate::service::now_micros;

/// Marks a response whose audit record was committed with the write itself.
#[derive(Clone, Copy, Debug)]
pub struct Audited;

/// The name a request acted on when it is not in the path (a create names it in the body).
#[derive(Clone, Debug)]
pub struct AuditTarget(pub String);

/// The action a request asks for, read from its route before the handler runs.
#[derive(Clone, Debug, Default)]
pub struct Event {
    action: Option<&'static str>,
    environment: Option<String>,
    target: Option<String>,
}

/// Longest path segment recorded: the log is for names, and names are short.
const MAX_SEGMENT: usize = 128;

fn segment(s: &str) -> String {
    s.chars().take(MAX_SEGMENT).collect()
}

impl Event {
    pub fn of(req: &Request) -> Self {
        let Some(route) = req.extensions().get::<MatchedPath>() else {
            return Self::default();
        };
        // Read as the handler reads it, so the log says `reveal` exactly when values went out.
        let reveal = super::handlers::parse_show_query(req.uri().query()).is_ok_and(|q| q.reveal);
        let action = match (req.method().clone(), route.as_str()) {
            (Method::GET, "/v1/environments") => "environment.list",
            (Method::GET, "/v1/environments/{env}/secrets") => "secret.list",
            (Method::POST, "/v1/environments/{env}/secrets") => "secret.create",
            (Method::GET, "/v1/environments/{env}/secrets/{name}") if reveal => "secret.reveal",
            (Method::GET, "/v1/environments/{env}/secrets/{name}") => "secret.read",
            (Method::PATCH, "/v1/environments/{env}/secrets/{name}") => "secret.update",
            (Method::DELETE, "/v1/environments/{env}/secrets/{name}") => "secret.delete",
            (Method::GET, "/v1/tokens") => "token.list",
            (Method::POST, "/v1/tokens") => "token.create",
            (Method::DELETE, "/v1/tokens/{name}") => "token.revoke",
            (Method::GET, "/v1/whoami") => "token.whoami",
            (Method::GET, "/v1/audit") => "audit.read",
            (Method::GET, "/v1/keys") => "key.status",
            (Method::POST, "/v1/keys/rotate") => "key.rotate",
            _ => "other",
        };
        let parts: Vec<&str> = req.uri().path().split('/').collect();
        let (environment, target) = match parts.as_slice() {
            ["", "v1", "environments", env, "secrets"] => (Some(segment(env)), None),
            ["", "v1", "environments", env, "secrets", name] => {
                (Some(segment(env)), Some(segment(name)))
            }
            ["", "v1", "tokens", name] => (None, Some(segment(name))),
            _ => (None, None),
        };
        Self {
            action: Some(action),
            environment,
            target,
        }
    }
}

/// The outcome recorded for an HTTP status.
fn outcome(status: StatusCode) -> &'static str {
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
        action: action.to_owned(),
        environment: event.environment.clone(),
        target,
        outcome: outcome(response.status()).to_owned(),
    };
    match state.audit.record(record).await {
        Ok(()) => response,
        Err(e) => {
            log_failure(&e);
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "audit_unavailable",
                "the request was not carried out or not acknowledged: its audit record could not be stored",
            )
            .into_response()
        }
    }
}

/// Stores the records of reads and refusals in groups: records that arrive while one group
/// is being committed go into the next, so one `fsync` covers many requests. Each request is
/// still answered only once its own record is committed.
pub struct AuditWriter(GroupCommit<AuditRow, ()>);

/// Records committed together at most.
const MAX_BATCH: usize = 512;

impl AuditWriter {
    /// Starts the writer task; it ends when the writer is dropped.
    pub fn start(db: Db) -> Self {
        Self(GroupCommit::start(MAX_BATCH, move |rows: Vec<AuditRow>| {
            let db = db.clone();
            async move {
                db.insert_audit_batch(&rows)
                    .await
                    .map(|()| vec![(); rows.len()])
                    .map_err(|e| e.to_string())
            }
        }))
    }

    /// Stores `record`; returns once it is committed.
    pub async fn record(&self, record: AuditRow) -> Result<(), String> {
        self.0.submit(record).await
    }
}

#[allow(clippy::print_stderr)] // the server's log is its stderr
fn log_failure(e: &str) {
    eprintln!("keep serve: cannot write the audit log: {e}");
}
