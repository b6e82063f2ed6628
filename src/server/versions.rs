//! Handlers of a secret's history and of the writes that move it: versions, rollback,
//! rename and copy.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use super::AppState;
use super::audit::AuditAction;
use super::auth::Caller;
use super::error::ApiError;
use super::handlers::{ApiJson, ApiResult, ObjectOnly, Path, Query, audited, env_and_ref};
use crate::api::{Action, Copy, History, HistoryQuery, Rename, Rollback, VersionQuery};
use crate::model::{Access, CreateOutcome, EnvName, SecretName, UpdateOutcome};

pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Json<History>> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Read)?;
    let name = state.service.resolve(&env, &secret).await?;
    Ok(Json(state.service.history(&env, &name, query.limit).await?))
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name, version)): Path<(String, String, String)>,
    query: Result<Query<VersionQuery>, ApiError>,
) -> Response {
    let reveal = query.as_ref().is_ok_and(|q| q.0.reveal);
    let shown = async {
        let (env, secret) = env_and_ref(&env, &name)?;
        caller.check(env.as_str(), Access::Read)?;
        let Query(query) = query?;
        let version = parse_version(&version)?;
        let name = state.service.resolve(&env, &secret).await?;
        let shown = state
            .service
            .show_version(&env, &name, version, query.reveal)
            .await?;
        ApiResult::Ok(Json(shown))
    };
    let mut response = shown.await.into_response();
    if reveal {
        response
            .extensions_mut()
            .insert(AuditAction(Action::SecretReveal));
    }
    response
}

fn parse_version(s: &str) -> Result<i64, ApiError> {
    match s.parse::<i64>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(bad_version()),
    }
}

fn bad_version() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_input",
        "a version is a whole number from 1",
    )
}

pub async fn rollback(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    body: Result<ApiJson<ObjectOnly<Rollback>>, ApiError>,
) -> ApiResult<Response> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    let ApiJson(ObjectOnly(body)) = body?;
    if body.version < 1 {
        return Err(bad_version());
    }
    let name = state.service.resolve(&env, &secret).await?;
    let secret = state
        .service
        .rollback(&env, &name, body.version, body.if_version, &caller.actor())
        .await?;
    Ok(audited(Json(UpdateOutcome {
        secret,
        removed: Vec::new(),
    })))
}

pub async fn rename(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    body: Result<ApiJson<ObjectOnly<Rename>>, ApiError>,
) -> ApiResult<Response> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    let ApiJson(ObjectOnly(body)) = body?;
    let to = SecretName::parse(&body.name)?;
    let name = state.service.resolve(&env, &secret).await?;
    let secret = state
        .service
        .rename(&env, &name, &to, &caller.actor())
        .await?;
    Ok(audited(Json(UpdateOutcome {
        secret,
        removed: Vec::new(),
    })))
}

pub async fn copy(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    body: Result<ApiJson<ObjectOnly<Copy>>, ApiError>,
) -> ApiResult<Response> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Read)?;
    let ApiJson(ObjectOnly(body)) = body?;
    let to_env = EnvName::parse(&body.environment)?;
    caller.check(to_env.as_str(), Access::Write)?;
    let name = state.service.resolve(&env, &secret).await?;
    let as_name = match &body.name {
        Some(n) => SecretName::parse(n)?,
        None => name.clone(),
    };
    let outcome: CreateOutcome = state
        .service
        .copy(&env, &name, &to_env, &as_name, body.force, &caller.actor())
        .await?;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(audited((status, Json(outcome))))
}
