//! Bearer-token authentication: every request but the health check names a token.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use jiff::Timestamp;

use super::AppState;
use super::error::ApiError;
use crate::crypto;

/// Who is calling: the token's name becomes `created_by`.
#[derive(Clone, Debug)]
pub struct Caller {
    pub name: String,
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "missing or invalid token: send `Authorization: Bearer <token>`",
    )
}

/// Looks the token up by its keyed hash. Unknown, expired and revoked tokens get the same
/// answer, so a caller learns nothing about which tokens exist.
pub async fn require_token(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(unauthorized)?;
    let hash = state.service.crypto().token_hash(token);
    let row = state
        .service
        .db()
        .token_by_hash(&hash)
        .await
        .map_err(ApiError::from)?;
    let now = Timestamp::now().as_microsecond();
    let caller = row
        .filter(|r| crypto::ct_eq(&r.hash, &hash))
        .filter(|r| r.revoked_at.is_none() && r.expires_at.is_none_or(|t| t > now))
        .map(|r| Caller { name: r.name })
        .ok_or_else(unauthorized)?;
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}
