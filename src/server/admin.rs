//! Admin endpoints: tokens, the audit log and master keys. Each needs an admin token, except
//! `whoami`, which tells any token what it may do.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::handlers::{ApiJson, ApiResult, ObjectOnly, Path, Query, audited, with_target};
use crate::error::Error;
use crate::model::{AuditPage, Scope, TokenName, parse_span};
use crate::service::{AuditQuery, KeyStatus, NewToken};

pub async fn whoami(Extension(caller): Extension<Caller>) -> Json<Value> {
    Json(json!({
        "name": caller.name,
        "admin": caller.scope.admin,
        "environments": caller.scope.environments,
        "read_only": caller.scope.read_only,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    name: String,
    #[serde(default)]
    environments: Option<Vec<String>>,
    #[serde(default)]
    read_only: bool,
    #[serde(default)]
    admin: bool,
    /// A span from now, such as `30d`.
    #[serde(default)]
    expires_in: Option<String>,
    #[serde(default)]
    expires_at: Option<Timestamp>,
}

pub async fn create_token(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<ApiJson<ObjectOnly<TokenBody>>, ApiError>,
) -> Response {
    let name = body.as_ref().ok().map(|b| b.0.0.name.clone());
    with_target(name, create_token_inner(&state, &caller, body).await)
}

async fn create_token_inner(
    state: &AppState,
    caller: &Caller,
    body: Result<ApiJson<ObjectOnly<TokenBody>>, ApiError>,
) -> ApiResult<Response> {
    caller.check_admin()?;
    let ApiJson(ObjectOnly(body)) = body?;
    let expires_at = match (&body.expires_in, body.expires_at) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid("give `expires_in` or `expires_at`, not both").into());
        }
        (Some(span), None) => Some(
            Timestamp::now()
                .checked_add(parse_span(span)?)
                .map_err(|_| Error::invalid("`expires_in` is too far in the future"))?,
        ),
        (None, at) => at,
    };
    let new = NewToken {
        name: TokenName::parse(&body.name)?,
        scope: Scope {
            admin: body.admin,
            environments: body.environments,
            read_only: body.read_only,
        },
        expires_at,
    };
    let issued = state.service.create_token(&new, &caller.actor()).await?;
    Ok(audited((StatusCode::CREATED, Json(issued))))
}

pub async fn list_tokens(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Value>> {
    caller.check_admin()?;
    Ok(Json(
        json!({ "tokens": state.service.list_tokens().await? }),
    ))
}

pub async fn revoke_token(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    caller.check_admin()?;
    let name = TokenName::parse(&name)?;
    state.service.revoke_token(&name, &caller.actor()).await?;
    Ok(audited(Json(json!({ "name": name, "revoked": true }))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    since: Option<Timestamp>,
    limit: Option<u32>,
    cursor: Option<String>,
}

pub async fn audit_log(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<AuditParams>,
) -> ApiResult<Json<AuditPage>> {
    caller.check_admin()?;
    let query = AuditQuery {
        since: params.since,
        limit: params.limit.unwrap_or(100),
        cursor: params.cursor,
    };
    Ok(Json(state.service.audit_log(&query).await?))
}

pub async fn key_status(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<KeyStatus>> {
    caller.check_admin()?;
    Ok(Json(state.service.key_status().await?))
}

/// Starts a rotation: a new master key is made, saved and activated, and the data keys are
/// rewrapped in the background. Answers with the key status at the start (202).
pub async fn rotate_key(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<(StatusCode, Json<KeyStatus>)> {
    caller.check_admin()?;
    super::keys::rotate(&state).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(state.service.key_status().await?),
    ))
}
