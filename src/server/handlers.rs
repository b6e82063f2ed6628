//! One handler per endpoint; each parses, calls the service, and returns JSON.

use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, RawQuery, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::AppState;
use super::audit::{AuditAction, AuditTarget, Audited};
use super::auth::Caller;
use super::error::ApiError;
use crate::api::{Action, CreateSecret, Deleted, Health, ListQuery, ShowQuery, UpdateSecret};
use crate::model::{Access, EnvName, Page, SecretData, SecretName, SecretRef, UpdateOutcome};

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

/// The environment and secret of a path; the secret may be named by its id (`st-...`).
pub(super) fn env_and_ref(env: &str, name: &str) -> Result<(EnvName, SecretRef), ApiError> {
    Ok((EnvName::parse(env)?, SecretRef::parse(name)?))
}

pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
    })
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(env): Path<String>,
    body: Result<ApiJson<ObjectOnly<CreateSecret>>, ApiError>,
) -> Response {
    let name = body.as_ref().ok().map(|b| b.0.0.name.clone());
    with_target(name, create_inner(&state, &caller, &env, body).await)
}

async fn create_inner(
    state: &AppState,
    caller: &Caller,
    env: &str,
    body: Result<ApiJson<ObjectOnly<CreateSecret>>, ApiError>,
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

pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(env): Path<String>,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Page>> {
    let env = EnvName::parse(&env)?;
    caller.check(env.as_str(), Access::Read)?;
    Ok(Json(state.service.list(&env, &query).await?))
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = ShowQuery::parse(raw.as_deref());
    let reveal = query.as_ref().is_ok_and(|q| q.reveal);
    let shown = async {
        let (env, secret) = env_and_ref(&env, &name)?;
        caller.check(env.as_str(), Access::Read)?;
        let query = query?;
        let name = state.service.resolve(&env, &secret).await?;
        ApiResult::Ok(Json(state.service.show(&env, &name, &query).await?))
    };
    let mut response = shown.await.into_response();
    // The log says `reveal` exactly when values were asked for, however it ended.
    if reveal {
        response
            .extensions_mut()
            .insert(AuditAction(Action::SecretReveal));
    }
    response
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
    body: Result<ApiJson<ObjectOnly<UpdateSecret>>, ApiError>,
) -> ApiResult<Response> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    let ApiJson(ObjectOnly(body)) = body?;
    for key in &body.unset {
        crate::model::check_key(key)?;
    }
    let name = state.service.resolve(&env, &secret).await?;
    let outcome: UpdateOutcome = state
        .service
        .update(
            &env,
            &name,
            &body.set,
            &body.unset,
            body.if_version,
            &caller.actor(),
        )
        .await?;
    Ok(audited(Json(outcome)))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((env, name)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (env, secret) = env_and_ref(&env, &name)?;
    caller.check(env.as_str(), Access::Write)?;
    let name = state.service.resolve(&env, &secret).await?;
    if state.service.delete(&env, &name, &caller.actor()).await? {
        Ok(audited(Json(Deleted {
            name: name.to_string(),
            environment: env.to_string(),
            deleted: true,
        })))
    } else {
        Err(state
            .service
            .secret_not_found(&env, name.as_str())
            .await
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
