//! One handler per endpoint; each parses, calls the service, and returns JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, RawQuery, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::AppState;
use super::audit::{AuditTarget, Audited};
use super::auth::Caller;
use super::error::ApiError;
use crate::error::Error;
use crate::model::{
    Access, EnvName, OnConflict, Page, SecretData, SecretName, SecretValue, Shown, UpdateOutcome,
};
use crate::service::{ListQuery, ShowQuery};

/// `Json` whose rejections are our JSON errors.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// `Path` whose rejections are our JSON errors.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(t) =
            axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Path(t))
    }
}

/// `Query` whose rejections are our JSON errors.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(t) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(t))
    }
}

/// A request body that must be a JSON object. serde's derived structs also accept an array
/// of their fields in order; an API that documents objects should take only objects.
pub struct ObjectOnly<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = ObjectOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A successful write whose audit record was committed with it.
pub fn audited(response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    response.extensions_mut().insert(Audited);
    response
}

/// Names the target of a request whose path does not (a create names it in the body).
pub fn with_target(name: Option<String>, response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    if let Some(name) = name {
        response.extensions_mut().insert(AuditTarget(name));
    }
    response
}

fn env_and_name(env: &str, name: &str) -> Result<(EnvName, SecretName), ApiError> {
    Ok((EnvName::parse(env)?, SecretName::parse(name)?))
}

pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The environments holding secrets that this token may see.
pub async fn environments(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Value>> {
    let mut environments = state.service.environments().await?;
    if let Some(allowed) = &caller.scope.environments {
        environments.retain(|e| allowed.contains(e));
    }
    Ok(Json(json!({ "environments": environments })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    values: BTreeMap<String, SecretValue>,
    #[serde(default)]
    on_conflict: OnConflict,
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(env): Path<String>,
    body: Result<ApiJson<ObjectOnly<CreateBody>>, ApiError>,
) -> Response {
    let name = body.as_ref().ok().map(|b| b.0.0.name.clone());
    with_target(name, create_inner(&state, &caller, &env, body).await)
}

async fn create_inner(
    state: &AppState,
    caller: &Caller,
    env: &str,
    body: Result<ApiJson<ObjectOnly<CreateBody>>, ApiError>,
) -> ApiResult<Response> {
    let env = EnvName::parse(env)?;
    caller.check(env.as_str(), Access::Write)?;
    let ApiJson(ObjectOnly(body)) = body?;
    let name = SecretName::parse(&body.name)?;
    let data: SecretData = body.values;
    let outcome = state
        .service
        .create(&env, &name, &data, body.on_conflict, &caller.actor())
        .await?;
    if outcome.created {
        Ok(audited((StatusCode::CREATED, Json(outcome))))
    } else if outcome.replaced {
        Ok(audited(Json(outcome)))
    } else {
        Ok(Json(outcome).into_response())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    limit: Option<u32>,
    created_before: Option<Timestamp>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(env): Path<String>,
    Query(params): Query<ListParams>,
) -> ApiResult<Json<Page>> {
    let env = EnvName::parse(&env)?;
    caller.check(env.as_str(), Access::Read)?;
    let query = ListQuery {
        limit: params.limit.unwrap_or(100),
        created_before: params.created_before,
        cursor: params.cursor,
    };
    Ok(Json(state.service.list(&env, &query).await?))
}

/// `?reveal=true&require=A&require=B`: repeated `require` is why this is parsed by hand.
pub(super) fn parse_show_query(raw: Option<&str>) -> Result<ShowQuery, ApiError> {
    let mut query = ShowQuery::default();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "reveal" => {
                query.reveal = match v.as_ref() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(Error::invalid(
                            "query parameter `reveal` must be `true` or `false`",
                        )
                        .into());
                    }
                }
            }
            "require" => query.require.push(v.into_owned()),
            other => {
                return Err(Error::invalid(format!(
                    "unknown query parameter `{}`",
                    other.escape_debug()
                ))
                .into());
            }
        }
    }
    Ok(query)
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Shown>> {
    let (env, name) = env_and_name(&env, &name)?;
    caller.check(env.as_str(), Access::Read)?;
    let query = parse_show_query(raw.as_deref())?;
    Ok(Json(state.service.show(&env, &name, &query).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    #[serde(default)]
    set: BTreeMap<String, SecretValue>,
    #[serde(default)]
    unset: Vec<String>,
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    body: Result<ApiJson<ObjectOnly<UpdateBody>>, ApiError>,
) -> ApiResult<Response> {
    let (env, name) = env_and_name(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    let ApiJson(ObjectOnly(body)) = body?;
    for key in &body.unset {
        crate::model::check_key(key)?;
    }
    let outcome: UpdateOutcome = state
        .service
        .update(&env, &name, &body.set, &body.unset, &caller.actor())
        .await?;
    Ok(audited(Json(outcome)))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (env, name) = env_and_name(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    if state.service.delete(&env, &name, &caller.actor()).await? {
        Ok(audited(Json(
            json!({ "name": name, "environment": env, "deleted": true }),
        )))
    } else {
        Err(Error::NotFound {
            name: name.to_string(),
            env: env.to_string(),
        }
        .into())
    }
}

pub async fn not_found() -> ApiError {
    // Not `not_found`, which means "no such secret": a client pointed at the wrong URL must
    // not mistake this for a missing secret (and, say, treat a delete as done).
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_such_endpoint",
        "no such endpoint",
    )
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "method not allowed on this endpoint",
    )
}
