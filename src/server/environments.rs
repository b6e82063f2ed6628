//! Environment endpoints: any token lists the environments it may use; an admin creates and
//! deletes them.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};

use super::AppState;
use super::auth::{Admin, Caller};
use super::error::ApiError;
use super::handlers::{ApiJson, ApiResult, ObjectOnly, Path, Query, audited, with_target};
use crate::api::{CreateEnvironment, DeleteEnvironmentQuery, EnvironmentChange, Environments};
use crate::model::EnvName;

/// The environments this token may use.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Environments>> {
    let mut environments = state.service.environments().await?;
    if let Some(allowed) = &caller.scope.environments {
        environments.retain(|e| allowed.contains(e));
    }
    Ok(Json(Environments { environments }))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Admin(caller): Admin,
    body: Result<ApiJson<ObjectOnly<CreateEnvironment>>, ApiError>,
) -> Response {
    let name = body.as_ref().ok().map(|b| b.0.0.name.clone());
    let created = async {
        let ApiJson(ObjectOnly(body)) = body?;
        let env = EnvName::parse(&body.name)?;
        state
            .service
            .create_environment(&env, &caller.actor())
            .await?;
        ApiResult::Ok(audited((
            StatusCode::CREATED,
            Json(EnvironmentChange {
                name: env.to_string(),
                created: true,
                secrets_deleted: 0,
            }),
        )))
    };
    with_target(name, created.await)
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Admin(caller): Admin,
    Path(env): Path<String>,
    Query(query): Query<DeleteEnvironmentQuery>,
) -> ApiResult<Response> {
    let env = EnvName::parse(&env)?;
    let secrets_deleted = state
        .service
        .delete_environment(&env, query.force, &caller.actor())
        .await?;
    Ok(audited(Json(EnvironmentChange {
        name: env.to_string(),
        created: false,
        secrets_deleted,
    })))
}
