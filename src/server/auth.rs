//! The gate every API request passes: rate limit, bearer token, then the audit record.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::audit::{self, Audited};
use super::error::ApiError;
use crate::api::Endpoint;
use crate::error::Error;
use crate::model::{Access, Scope};
use crate::service::Actor;

/// Who is calling: the token's name becomes `created_by` and the audit log's actor.
#[derive(Clone, Debug)]
pub struct Caller {
    pub name: String,
    pub scope: Scope,
    pub expires_at: Option<jiff::Timestamp>,
    pub client: String,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor {
            name: self.name.clone(),
            client: Some(self.client.clone()),
        }
    }

    pub fn check(&self, env: &str, access: Access) -> Result<(), ApiError> {
        Ok(self.scope.check(&self.name, env, access)?)
    }
}

/// An admin caller: a handler that takes one runs only for admin tokens (others get 403).
pub struct Admin(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let caller = parts.extensions.get::<Caller>().cloned().ok_or_else(|| {
            ApiError::from(Error::Internal("no caller for an admin route".into()))
        })?;
        caller.scope.check_admin(&caller.name)?;
        Ok(Admin(caller))
    }
}

/// What the gate of one route knows: the server, and the route's endpoint.
#[derive(Clone)]
pub struct Gate {
    pub state: Arc<AppState>,
    pub endpoint: &'static Endpoint,
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "missing or invalid token: send `Authorization: Bearer <token>`",
    )
}

/// The client's address, as the connection reports it.
fn peer(req: &Request) -> Option<IpAddr> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// Authenticates, runs the handler, and records what happened. A request is answered only
/// after its audit record is stored: if that fails, the answer is a 503, never a silent gap.
pub async fn gate(State(gate): State<Gate>, mut req: Request, next: Next) -> Response {
    let state = gate.state;
    let ip = peer(&req);
    let client = ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    if let Some(retry) = state.limiter.blocked(ip) {
        return too_many(retry);
    }
    let event = audit::Event::of(gate.endpoint, &req);
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .unwrap_or_default();
    // A missing token takes the same path as a wrong one.
    let found = match state.service.authenticate(token).await {
        Ok(found) => found,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let Some(found) = found else {
        state.limiter.failed(ip);
        let response = unauthorized().into_response();
        return audit::finish(&state, &event, "", &client, response).await;
    };
    let caller = Caller {
        name: found.name,
        scope: found.scope,
        expires_at: found.expires_at,
        client,
    };
    req.extensions_mut().insert(caller.clone());
    let response = next.run(req).await;
    if response.extensions().get::<Audited>().is_some() {
        return response;
    }
    audit::finish(&state, &event, &caller.name, &caller.client, response).await
}

fn too_many(retry: Duration) -> Response {
    let secs = retry.as_secs().max(1);
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("too many failed authentications from this address; try again in {secs} s"),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// Counts failed authentications per client address in fixed windows; an address that
/// fails `max_failures` times in one window is refused with 429 until the window ends.
pub struct AuthLimiter {
    max_failures: u32,
    window: Duration,
    clients: Mutex<HashMap<Option<IpAddr>, Window>>,
}

struct Window {
    started: Instant,
    failures: u32,
}

/// Addresses remembered at most; beyond this, finished windows are forgotten first.
const MAX_TRACKED: usize = 100_000;

impl AuthLimiter {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            clients: Mutex::new(HashMap::new()),
        }
    }

    fn clients(&self) -> std::sync::MutexGuard<'_, HashMap<Option<IpAddr>, Window>> {
        // The map holds counters only; one left mid-update by a panic is still usable.
        self.clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How long `ip` must wait, if it is blocked now.
    pub fn blocked(&self, ip: Option<IpAddr>) -> Option<Duration> {
        if self.max_failures == 0 {
            return None;
        }
        let clients = self.clients();
        let w = clients.get(&ip)?;
        let elapsed = w.started.elapsed();
        (w.failures >= self.max_failures && elapsed < self.window)
            .then(|| self.window.saturating_sub(elapsed))
    }

    pub fn failed(&self, ip: Option<IpAddr>) {
        let mut clients = self.clients();
        if clients.len() >= MAX_TRACKED {
            let window = self.window;
            clients.retain(|_, w| w.started.elapsed() < window);
        }
        let w = clients.entry(ip).or_insert(Window {
            started: Instant::now(),
            failures: 0,
        });
        if w.started.elapsed() >= self.window {
            *w = Window {
                started: Instant::now(),
                failures: 0,
            };
        }
        w.failures = w.failures.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_blocked_after_its_failures_and_others_are_not() {
        let l = AuthLimiter::new(3, Duration::from_secs(60));
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        let b = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..2 {
            l.failed(a);
        }
        assert!(l.blocked(a).is_none());
        l.failed(a);
        assert!(l.blocked(a).is_some_and(|d| d <= Duration::from_secs(60)));
        assert!(l.blocked(b).is_none());
        let off = AuthLimiter::new(0, Duration::from_secs(60));
        for _ in 0..10 {
            off.failed(a);
        }
        assert!(off.blocked(a).is_none());
    }

    #[test]
    fn the_window_ends() {
        let l = AuthLimiter::new(1, Duration::from_millis(1));
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        l.failed(a);
        std::thread::sleep(Duration::from_millis(5));
        assert!(l.blocked(a).is_none());
    }
}
