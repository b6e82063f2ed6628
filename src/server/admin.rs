//! Admin endpoints: tokens, the audit log and master keys. Each needs an admin token, except
//! `whoami`, which tells any token what it may do.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use jiff::Timestamp;

use super::AppState;
use super::auth::{Admin, Caller};
use super::error::ApiError;
use super::handlers::{ApiJson, ApiResult, ObjectOnly, Path, Query, audited, with_target};
use crate::api::{AuditQuery, CreateToken, KeyStatus, Revoked, TokenList, WhoAmI};
use crate::error::Error;
use crate::model::{AuditPage, Scope, TokenName, parse_span};
use crate::service::NewToken;

pub async fn whoami(Extension(caller): Extension<Caller>) -> Json<WhoAmI> {
    Json(WhoAmI {
        name: caller.name,
        scope: caller.scope,
        expires_at: caller.expires_at,
    })
}

pub async fn create_token(
    State(state): State<Arc<AppState>>,
    Admin(caller): Admin,
    body: Result<ApiJson<ObjectOnly<CreateToken>>, ApiError>,
) -> Response {
    let name = body.as_ref().ok().map(|b| b.0.0.name.clone());
    with_target(name, create_token_inner(&state, &caller, body).await)
}

async fn create_token_inner(
    state: &AppState,
    caller: &Caller,
    body: Result<ApiJson<ObjectOnly<CreateToken>>, ApiError>,
) -> ApiResult<Response> {
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
    Admin(_): Admin,
) -> ApiResult<Json<TokenList>> {
    Ok(Json(TokenList {
        tokens: state.service.list_tokens().await?,
    }))
}

pub async fn revoke_token(
    State(state): State<Arc<AppState>>,
    Admin(caller): Admin,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    let name = TokenName::parse(&name)?;
    state.service.revoke_token(&name, &caller.actor()).await?;
    Ok(audited(Json(Revoked {
        name: name.to_string(),
        revoked: true,
    })))
}

pub async fn audit_log(
    State(state): State<Arc<AppState>>,
    Admin(_): Admin,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Json<AuditPage>> {
    Ok(Json(state.service.audit_log(&query).await?))
}

pub async fn key_status(
    State(state): State<Arc<AppState>>,
    Admin(_): Admin,
) -> ApiResult<Json<KeyStatus>> {
    Ok(Json(state.service.key_status().await?))
}

/// Starts a rotation: a new master key is made, saved and activated, and the data keys are
/// rewrapped in the background. Answers with the key status at the start (202).
pub async fn rotate_key(
    State(state): State<Arc<AppState>>,
    Admin(_): Admin,
) -> ApiResult<(StatusCode, Json<KeyStatus>)> {
    super::keys::rotate(&state).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(state.service.key_status().await?),
    ))
}
